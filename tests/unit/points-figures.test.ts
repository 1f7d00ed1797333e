import { defaultCommunitySettings } from '@linli/shared';
import { describe, expect, it } from 'vitest';
import type { MonthEntry } from '../../functions/src/data/points.js';
import { pointsFigures, pointsStatsCsv } from '../../functions/src/domain/points/figures.js';
import { entryContribution } from '../../functions/src/domain/rollups/contributions.js';
import { rollupsOf } from '../../functions/src/domain/rollups/rebuild.js';

/** The community's roll-ups of these months' entries, as the consumer (or the rebuild) leaves them. */
const monthsOf = (entries: ReadonlyMap<string, readonly MonthEntry[]>) =>
  rollupsOf(
    [...entries].flatMap(([month, list]) => list.map((e) => entryContribution({ ...e, communityId: 'c1', month }))),
  ).records;

const recycling = (userId: string, buildingId: string | null, lines: [string, number][]): MonthEntry => ({
  userId,
  type: 'earn_recycling',
  points: lines.reduce((s, [, g]) => s + Math.floor(g / 100), 0),
  lines: lines.map(([material, grams]) => ({ material, grams, points: Math.floor(grams / 100) })),
  buildingId,
});
const other = (userId: string, type: MonthEntry['type'], points: number): MonthEntry => ({ userId, type, points });

const buildings = [
  { buildingId: 'b1', name: '1幢' },
  { buildingId: 'b2', name: '2幢' },
];

describe('the points figures of a range of months', () => {
  // Prepare: March with two households of 1幢 and one of no known building; April quiet but for redemptions.
  const entries = new Map<string, MonthEntry[]>([
    [
      '2026-03',
      [
        recycling('u1', 'b1', [
          ['cardboard', 2500],
          ['glass', 1000],
        ]),
        recycling('u1', 'b1', [['cardboard', 1500]]),
        recycling('u2', 'b1', [['metal_can', 250]]),
        recycling('u3', null, [['battery', 120]]),
        other('u4', 'earn_volunteer', 20),
        other('u1', 'redeem', -80),
        other('u1', 'refund', 30),
        other('u2', 'adjust', 500),
        other('u2', 'expire', -7),
      ],
    ],
    ['2026-04', [other('u2', 'redeem', -20)]],
  ]);
  const stats = pointsFigures({
    communityId: 'c1',
    from: '2026-02',
    to: '2026-04',
    months: monthsOf(entries),
    materials: defaultCommunitySettings().pointsRules.materials,
    buildings,
    now: new Date('2026-05-01T00:00:00Z'),
  });

  it('adds up kilograms by material, every month of the range, known materials first', () => {
    const march = stats.byMonth.find((m) => m.month === '2026-03');
    expect(stats.byMonth.map((m) => m.month)).toEqual(['2026-02', '2026-03', '2026-04']);
    expect(march?.kgByMaterial).toEqual([
      { material: 'cardboard', label: '纸板', kg: 4 },
      { material: 'plastic_bottle', label: '塑料瓶', kg: 0 },
      { material: 'metal_can', label: '易拉罐', kg: 0.25 },
      { material: 'glass', label: '玻璃', kg: 1 },
      { material: 'textile', label: '旧衣物', kg: 0 },
      { material: 'battery', label: 'battery', kg: 0.12 },
    ]);
    expect(march?.totalKg).toBe(5.37);
    expect(stats.byMonth[0]?.totalKg).toBe(0);
  });

  it('counts issued as earnings, redeemed as redemptions less refunds, and leaves adjustments and expiry out', () => {
    expect(
      stats.byMonth.map(({ month, issued, issuedRecycling, issuedVolunteer, redeemed }) => ({
        month,
        issued,
        issuedRecycling,
        issuedVolunteer,
        redeemed,
      })),
    ).toEqual([
      { month: '2026-02', issued: 0, issuedRecycling: 0, issuedVolunteer: 0, redeemed: 0 },
      { month: '2026-03', issued: 35 + 15 + 2 + 1 + 20, issuedRecycling: 53, issuedVolunteer: 20, redeemed: 50 },
      { month: '2026-04', issued: 0, issuedRecycling: 0, issuedVolunteer: 0, redeemed: 20 },
    ]);
  });

  it('counts each participating household once a month, by building, unknown buildings last', () => {
    expect(stats.byMonth.map((m) => m.households)).toEqual([0, 3, 0]);
    expect(stats.byBuilding).toEqual([
      {
        buildingId: 'b1',
        name: '1幢',
        months: [0, 2, 0].map((households, i) => ({ month: `2026-0${i + 2}`, households })),
      },
      {
        buildingId: 'b2',
        name: '2幢',
        months: [0, 0, 0].map((households, i) => ({ month: `2026-0${i + 2}`, households })),
      },
      {
        buildingId: '',
        name: '未登记楼栋',
        months: [0, 1, 0].map((households, i) => ({ month: `2026-0${i + 2}`, households })),
      },
    ]);
  });

  it('writes the same figures as CSV, one figure a row', () => {
    const file = pointsStatsCsv(stats);
    const rows = file.csv.trimEnd().split('\r\n');
    expect(file.filename).toBe('积分统计-c1-2026-02-2026-04.csv');
    expect(rows[0]).toBe('指标,名称,月份,数值');
    expect(rows).toContain('回收量(公斤),纸板,2026-03,4');
    expect(rows).toContain('回收量(公斤),合计,2026-03,5.37');
    expect(rows).toContain('参与户数,1幢,2026-03,2');
    expect(rows).toContain('参与户数,合计,2026-03,3');
    expect(rows).toContain('发放积分,志愿服务,2026-03,20');
    expect(rows).toContain('兑换积分,扣除退回,2026-04,20');
  });
});
