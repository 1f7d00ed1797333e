import { CommunitySettings, defaultCommunitySettings, ExchangeDay, PointsRules, SlaPolicy } from '@linli/shared';
import { describe, expect, it } from 'vitest';

describe('community settings rules', () => {
  it('accepts the defaults: the 1715 promise, the 6th, common recyclables', () => {
    const settings = defaultCommunitySettings();
    expect(CommunitySettings.parse(settings)).toEqual(settings);
    expect(settings.sla).toMatchObject({ urgentOnSiteMinutes: 10, routineFixMinutes: 60, complexPlanMinutes: 1440 });
    expect(settings.sla.repairDays).toEqual({ small: 1, medium: 7, major: 15 });
  });

  it('refuses an exchange window that closes before it opens, naming closesAt', () => {
    const result = ExchangeDay.safeParse({ mode: 'daily', dayOfMonth: 1, opensAt: '12:00', closesAt: '12:00' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['closesAt']);
  });

  it('refuses clock times that do not exist', () => {
    expect(ExchangeDay.safeParse({ mode: 'daily', dayOfMonth: 1, opensAt: '24:00', closesAt: '25:00' }).success).toBe(
      false,
    );
  });

  it('refuses repair deadlines out of order', () => {
    const sla = { ...defaultCommunitySettings().sla, repairDays: { small: 3, medium: 7, major: 5 } };
    const result = SlaPolicy.safeParse(sla);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['repairDays.major']);
  });

  it('refuses a material listed twice, naming the second', () => {
    const rules = defaultCommunitySettings().pointsRules;
    const result = PointsRules.safeParse({ ...rules, materials: [...rules.materials, rules.materials[0]] });
    expect(result.error?.issues[0]?.path).toEqual(['materials', rules.materials.length, 'material']);
  });

  it('speaks Chinese where a schema gives no message of its own', () => {
    const result = ExchangeDay.safeParse({ mode: 'monthly', dayOfMonth: 6, opensAt: '08:00' });
    expect(result.error?.issues[0]?.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
