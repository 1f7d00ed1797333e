/**
 * The figures leaders read and the demand list, through the API, on reports
 * seeded through the API in 枫桥社区 (which no other test files reports in).
 */
import { shanghaiMonth } from '@linli/shared';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';
import { eventually } from '../support/eventually.js';

const C = '/v1/communities/fengqiao';
const MONTH = shanghaiMonth(new Date());

async function submit(category: string, description: string): Promise<string> {
  const res = await call('POST', `${C}/feedback`, {
    token: await signIn('resident-zhou'),
    idempotencyKey: newKey(),
    body: {
      category,
      description,
      photos: [],
      location: { estateId: 'fengqiao-xincun', buildingId: 'fqx-b2', unit: 1, detail: '' },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.reportId;
}

async function act(persona: string, reportId: string, body: Record<string, unknown>) {
  const res = await call('POST', `${C}/feedback/${reportId}/events`, {
    token: await signIn(persona),
    idempotencyKey: newKey(),
    body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Accepted, sent to the grid worker and resolved by them. */
async function fix(reportId: string) {
  await act('grid-xu', reportId, { action: 'accept' });
  await act('grid-xu', reportId, { action: 'dispatch', target: { kind: 'grid_worker', userId: 'demo-grid-xu' } });
  await act('grid-xu', reportId, { action: 'resolve', note: '已上门处理，居民认可' });
}

async function csv(path: string, persona = 'admin-fengqiao') {
  const res = await fetch(`${inject('apiUrl')}${path}`, {
    headers: { authorization: `Bearer ${await signIn(persona)}` },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    res,
    bytes,
    lines: bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n'),
  };
}

beforeAll(async () => {
  // Seven reports at 2幢, in this order: noise ×3, parking ×2, pets ×2.
  const a = await submit('noise', '楼上每晚十一点后还在拖动家具');
  await fix(a);
  await act('resident-zhou', a, { action: 'confirm', rating: 5, comment: '处理及时' });
  const b = await submit('noise', '隔壁装修周末早上七点就开始电钻');
  await fix(b);
  await act('resident-zhou', b, { action: 'confirm', rating: 4 });
  const c = await submit('parking', '单元门口长期停着一辆僵尸车');
  await fix(c); // resolved, not yet confirmed
  const d = await submit('parking', '有人用地锁占了公共车位');
  await act('grid-xu', d, { action: 'reject', reason: '该车位属业主产权，请与物业协商' });
  const e = await submit('noise', '楼下商铺音响声音很大');
  await act('resident-zhou', e, { action: 'withdraw' });
  await submit('pets', '有人遛狗不牵绳，孩子被吓哭');
  await submit('pets', '楼道里有狗粪没人清理');
}, 60_000);

describe('the feedback figures of a month', () => {
  it('gives totals, categories, grids and the month exactly as defined', async () => {
    await eventually(async () => {
      // Act
      const res = await call('GET', `${C}/stats/feedback?from=${MONTH}&to=${MONTH}`, {
        token: await signIn('admin-fengqiao'),
      });
      // Assess
      expect(res.status).toBe(200);
      const totals = {
        received: 7,
        accepted: 3, // the three fixed; the refused, the withdrawn and the two waiting ones were never accepted
        resolved: 3,
        rectificationRate: 0.6, // 3 ÷ (7 − 1 withdrawn − 1 rejected)
        onTimeRate: 1,
        medianHoursToResolve: 0, // fixed within seconds
        averageSatisfaction: 4.5, // (5 + 4) ÷ 2
        overdueNow: 0,
        ratedByResident: 2, // both confirmed and rated by 周敏
        averageResidentRating: 4.5,
        ratedAtFollowUp: 0,
        averageFollowUpRating: null,
        autoConfirmed: 0,
      };
      expect(res.body).toMatchObject({ communityId: 'fengqiao', from: MONTH, to: MONTH, totals });
      expect(res.body.byCategory).toEqual([
        { category: 'noise', label: '噪音', ...totals, received: 3, accepted: 2, resolved: 2, rectificationRate: 1 },
        {
          category: 'parking',
          label: '停车',
          ...totals,
          received: 2,
          accepted: 1,
          resolved: 1,
          rectificationRate: 1,
          averageSatisfaction: null,
          ratedByResident: 0,
          averageResidentRating: null,
        },
        {
          category: 'pets',
          label: '宠物',
          received: 2,
          accepted: 0,
          resolved: 0,
          rectificationRate: 0,
          onTimeRate: null,
          medianHoursToResolve: null,
          averageSatisfaction: null,
          overdueNow: 0,
          ratedByResident: 0,
          averageResidentRating: null,
          ratedAtFollowUp: 0,
          averageFollowUpRating: null,
          autoConfirmed: 0,
        },
      ]);
      const grid = (id: string) => res.body.byGrid.find((g: { gridId: string }) => g.gridId === id);
      expect(res.body.byGrid).toHaveLength(2);
      expect(grid('fengqiao-g1')).toEqual({ gridId: 'fengqiao-g1', name: '第一网格', ...totals });
      expect(grid('fengqiao-g2')).toMatchObject({ name: '第二网格', received: 0, rectificationRate: null });
      expect(res.body.byMonth).toEqual([{ month: MONTH, ...totals }]);
    });
  });

  it('downloads the same figures as a CSV a spreadsheet opens as UTF-8', async () => {
    // Act
    const { res, bytes, lines } = await csv(`${C}/stats/feedback.csv?from=${MONTH}&to=${MONTH}`);
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent(`意见箱统计-fengqiao-${MONTH}-${MONTH}.csv`)}`,
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines).toEqual([
      '分组,名称,收到数,受理数,办结数,整改率,按时办结率,办结用时中位数(小时),满意度,当前超时,居民评价数,居民评价均分,回访评价数,回访评价均分,自动确认数',
      '合计,全部,7,3,3,60%,100%,0,4.5,0,2,4.5,0,,0',
      '类别,噪音,3,2,2,100%,100%,0,4.5,0,2,4.5,0,,0',
      '类别,停车,2,1,1,100%,100%,0,,0,0,,0,,0',
      '类别,宠物,2,0,0,0%,,,,0,0,,0,,0',
      ...lines.slice(5, 7), // the two grids, in the community's order
      `月份,${MONTH},7,3,3,60%,100%,0,4.5,0,2,4.5,0,,0`,
    ]);
    expect(lines.slice(5, 7).sort()).toEqual(
      ['网格,第一网格,7,3,3,60%,100%,0,4.5,0,2,4.5,0,,0', '网格,第二网格,0,0,0,,,,,0,0,,0,,0'].sort(),
    );
  });

  it('refuses a month that is not YYYY-MM, naming the field', async () => {
    const res = await call('GET', `${C}/stats/feedback?from=2026-13&to=2026-01`, {
      token: await signIn('admin-fengqiao'),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('query.from');
  });

  it('is for admins: a grid worker gets 403', async () => {
    const token = await signIn('grid-xu');
    const figures = await call('GET', `${C}/stats/feedback?from=${MONTH}&to=${MONTH}`, { token });
    const demand = await call('GET', `${C}/stats/demand`, { token });
    const file = await csv(`${C}/stats/demand.csv`, 'grid-xu');
    expect(figures.status).toBe(403);
    expect(demand.status).toBe(403);
    expect(file.res.status).toBe(403);
  });
});

describe('the demand list for the deliberation meeting', () => {
  it('finds the categories reported again and again at one building, withdrawn ones not counted', async () => {
    // Act
    const res = await call('GET', `${C}/stats/demand`, { token: await signIn('admin-fengqiao') });
    const stricter = await call('GET', `${C}/stats/demand?days=30&minCount=3`, {
      token: await signIn('admin-fengqiao'),
    });
    // Assess: every pair has 2; the most recently reported first
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ communityId: 'fengqiao', days: 90 });
    expect(Date.now() - Date.parse(res.body.since)).toBeGreaterThanOrEqual(90 * 86_400_000);
    expect(
      res.body.items.map((i: Record<string, unknown>) => [i.category, i.categoryLabel, i.place, i.count, i.open]),
    ).toEqual([
      ['pets', '宠物', '枫桥新村 2幢', 2, 2],
      ['parking', '停车', '枫桥新村 2幢', 2, 0],
      ['noise', '噪音', '枫桥新村 2幢', 2, 0],
    ]);
    expect(res.body.items[0].buildingId).toBe('fqx-b2');
    expect(stricter.status).toBe(200);
    expect(stricter.body.items).toEqual([]);
  });

  it('downloads the list as CSV', async () => {
    const { res, bytes, lines } = await csv(`${C}/stats/demand.csv?minCount=2`);
    expect(res.status).toBe(200);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]).toBe('类别,位置,反映次数,未办结,最近反映时间');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      '宠物,枫桥新村 2幢,2,2',
      '停车,枫桥新村 2幢,2,0',
      '噪音,枫桥新村 2幢,2,0',
    ]);
  });

  it('refuses a window shorter than a week, naming the field', async () => {
    const res = await call('GET', `${C}/stats/demand?days=3`, { token: await signIn('admin-fengqiao') });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('query.days');
  });
});
