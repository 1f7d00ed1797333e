import { describe, expect, it } from 'vitest';
import { call, signIn } from '../support/api.js';

describe('reading a community', () => {
  it('lists the communities of the district, paged', async () => {
    const res = await call('GET', '/v1/communities', { token: await signIn('newcomer') });
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['春晖社区', '枫桥社区']),
    );
    expect(res.body).toHaveProperty('cursor');
  });

  it('returns estates, grids, buildings, stations and settings', async () => {
    const res = await call('GET', '/v1/communities/chunhui', { token: await signIn('resident-wang') });
    expect(res.status).toBe(200);
    expect(res.body.estates.map((e: { name: string }) => e.name)).toEqual(['春晖苑', '翠竹园']);
    expect(res.body.grids).toHaveLength(3);
    expect(res.body.buildings.filter((b: { estateId: string }) => b.estateId === 'chunhui-yuan')).toHaveLength(6);
    expect(res.body.stations[0].name).toContain('服务站');
    expect(res.body.settings.sla.urgentOnSiteMinutes).toBe(10);
    // Other tests in this stack open the exchange counter all day: only the shape is stable here.
    expect(['monthly', 'daily']).toContain(res.body.settings.exchangeDay.mode);
    expect(res.body.settings.feedback.categories.map((c: { label: string }) => c.label)).toContain('飞线充电');
  });

  it('answers 404 for an unknown community and 400 for a malformed id', async () => {
    const token = await signIn('resident-wang');
    const missing = await call('GET', '/v1/communities/nowhere', { token });
    const malformed = await call('GET', `/v1/communities/${encodeURIComponent('bad id!')}`, { token });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('COMMUNITY_NOT_FOUND');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].field).toBe('path.communityId');
  });
});

describe('admins change the community settings', () => {
  it('applies a valid change and bumps the version', async () => {
    // Prepare
    const token = await signIn('admin-fengqiao');
    const before = (await call('GET', '/v1/communities/fengqiao', { token })).body.settings;
    // Act
    const res = await call('PUT', '/v1/communities/fengqiao/settings', {
      token,
      body: {
        version: before.version,
        exchangeDay: { mode: 'monthly', dayOfMonth: 6, opensAt: '08:00', closesAt: '12:00' },
      },
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(before.version + 1);
    const after = (await call('GET', '/v1/communities/fengqiao', { token })).body.settings;
    expect(after.exchangeDay).toEqual({ mode: 'monthly', dayOfMonth: 6, opensAt: '08:00', closesAt: '12:00' });
    expect(after.sla).toEqual(before.sla);
  });

  it('refuses a stale version with 409 and keeps what was there', async () => {
    const token = await signIn('admin-fengqiao');
    const before = (await call('GET', '/v1/communities/fengqiao', { token })).body.settings;
    const res = await call('PUT', '/v1/communities/fengqiao/settings', {
      token,
      body: { version: before.version - 1, sla: { ...before.sla, urgentOnSiteMinutes: 99 } },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('SETTINGS_CHANGED');
    expect((await call('GET', '/v1/communities/fengqiao', { token })).body.settings).toEqual(before);
  });

  it.each([
    [
      { exchangeDay: { mode: 'monthly', dayOfMonth: 6, opensAt: '17:00', closesAt: '08:30' } },
      'body.exchangeDay.closesAt',
    ],
    [
      { exchangeDay: { mode: 'monthly', dayOfMonth: 31, opensAt: '08:00', closesAt: '12:00' } },
      'body.exchangeDay.dayOfMonth',
    ],
    [
      {
        sla: {
          acceptMinutes: { urgent: 10, routine: 120, complex: 1440 },
          urgentOnSiteMinutes: 0,
          routineFixMinutes: 60,
          complexPlanMinutes: 1440,
          repairDays: { small: 1, medium: 7, major: 15 },
        },
      },
      'body.sla.urgentOnSiteMinutes',
    ],
    [
      {
        sla: {
          acceptMinutes: { urgent: 10, routine: 120, complex: 1440 },
          urgentOnSiteMinutes: 10,
          routineFixMinutes: 60,
          complexPlanMinutes: 1440,
          repairDays: { small: 7, medium: 3, major: 15 },
        },
      },
      'body.sla.repairDays.medium',
    ],
    [
      { pointsRules: { materials: [], rounding: 'floor', maxLineGrams: 1000, dailyCapPoints: 10 } },
      'body.pointsRules.materials',
    ],
    [
      {
        sla: {
          acceptMinutes: { urgent: 0, routine: 120, complex: 1440 },
          urgentOnSiteMinutes: 10,
          routineFixMinutes: 60,
          complexPlanMinutes: 1440,
          repairDays: { small: 1, medium: 7, major: 15 },
        },
      },
      'body.sla.acceptMinutes.urgent',
    ],
    [{ colour: 'red' }, 'body'],
  ])('refuses invalid settings %#, naming %s, and writes nothing', async (change, field) => {
    const token = await signIn('admin-chunhui');
    const before = (await call('GET', '/v1/communities/chunhui', { token })).body.settings;
    const res = await call('PUT', '/v1/communities/chunhui/settings', {
      token,
      body: { version: before.version, ...change },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await call('GET', '/v1/communities/chunhui', { token })).body.settings).toEqual(before);
  });
});
