/**
 * The workbench's counts of waiting work: each is the size of the list it stands for, follows the
 * caller's roles, and moves when the work moves (a report accepted, dispatched; a home requested).
 */
import { describe, expect, it } from 'vitest';
import { call, newKey, signIn, signInNewWechatUser } from '../support/api.js';

const C = '/v1/communities/chunhui';
const REPORT = {
  category: 'drain',
  description: '工作台计数测试：楼下下水道堵了',
  location: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: 2, detail: '' },
};

async function counts(persona: string) {
  const res = await call('GET', `${C}/workbench`, { token: await signIn(persona) });
  expect(res.status).toBe(200);
  return res.body as Record<string, number>;
}

/** Every item of a list, following its cursor. */
async function listAll(persona: string, path: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: { status: number; body: { items: unknown[]; cursor: string | null } } = await call(
      'GET',
      `${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`,
      {
        token: await signIn(persona),
      },
    );
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.cursor;
  } while (cursor);
  return items;
}

async function act(persona: string, reportId: string, body: Record<string, unknown>) {
  const res = await call('POST', `${C}/feedback/${reportId}/events`, {
    token: await signIn(persona),
    idempotencyKey: newKey(),
    body,
  });
  expect(res.status).toBe(200);
}

describe('workbench counts', () => {
  it('are the sizes of the lists they stand for, for each role', async () => {
    // Act
    const admin = await counts('admin-chunhui');
    const grid = await counts('grid-zhang');
    const property = await counts('property-chen');
    const operator = await counts('operator-liu');

    // Assess: an admin's counts are the community's lists
    expect(Object.keys(admin).sort()).toEqual(
      ['bulletinsInReview', 'feedbackOverdue', 'feedbackToAccept', 'householdsPending', 'weighInsHeld'].sort(),
    );
    expect(admin.feedbackToAccept).toBe((await listAll('admin-chunhui', `${C}/feedback?status=submitted`)).length);
    expect(admin.feedbackOverdue).toBe((await listAll('admin-chunhui', `${C}/feedback?overdue=true`)).length);
    expect(admin.householdsPending).toBe((await listAll('admin-chunhui', `${C}/households?status=pending`)).length);
    expect(admin.bulletinsInReview).toBe(
      (await listAll('admin-chunhui', `${C}/bulletins/manage?status=submitted`)).length,
    );
    expect(admin.weighInsHeld).toBe((await listAll('admin-chunhui', `${C}/points/held?status=held`)).length);

    // Assess: a grid worker's are the sums over their grids; property staff's what was dispatched to them
    expect(Object.keys(grid).sort()).toEqual(['feedbackOverdue', 'feedbackToAccept']);
    const gridIds = ['chunhui-g1', 'chunhui-g2'];
    let gridWaiting = 0;
    for (const g of gridIds)
      gridWaiting += (await listAll('grid-zhang', `${C}/feedback?status=submitted&gridId=${g}`)).length;
    expect(grid.feedbackToAccept).toBe(gridWaiting);
    expect(Object.keys(property).sort()).toEqual(['feedbackDispatched', 'feedbackDispatchedOverdue']);
    expect(property.feedbackDispatched).toBe((await listAll('property-chen', `${C}/feedback`)).length);
    expect(operator).toEqual({});
  });

  it('move with the work: a new report, its acceptance and dispatch, a home requested', async () => {
    // Prepare
    const before = { admin: await counts('admin-chunhui'), grid: await counts('grid-zhang') };
    const property = await counts('property-chen');

    // Act: a resident reports
    const filed = await call('POST', `${C}/feedback`, {
      token: await signIn('resident-wang'),
      idempotencyKey: newKey(),
      body: REPORT,
    });
    expect(filed.status).toBe(201);
    const id = filed.body.reportId as string;

    // Assess: one more waiting for acceptance, for the admin and for the grid's worker
    expect((await counts('admin-chunhui')).feedbackToAccept).toBe((before.admin.feedbackToAccept ?? 0) + 1);
    expect((await counts('grid-zhang')).feedbackToAccept).toBe((before.grid.feedbackToAccept ?? 0) + 1);

    // Act: accepted and dispatched to the property company
    await act('grid-zhang', id, { action: 'accept' });
    const afterAccept = await counts('admin-chunhui');
    await act('grid-zhang', id, { action: 'dispatch', target: { kind: 'property' } });

    // Assess
    expect(afterAccept.feedbackToAccept).toBe(before.admin.feedbackToAccept);
    expect((await counts('property-chen')).feedbackDispatched).toBe((property.feedbackDispatched ?? 0) + 1);

    // Act: a newcomer asks for a home
    const { token } = await signInNewWechatUser();
    const asked = await call('POST', `${C}/households`, {
      token,
      idempotencyKey: newKey(),
      body: {
        estateId: 'chunhui-yuan',
        buildingId: 'chy-b3',
        unit: 1,
        room: String(800 + Math.floor(Math.random() * 99)),
        relation: 'owner',
      },
    });
    expect(asked.status).toBe(201);

    // Assess
    expect((await counts('admin-chunhui')).householdsPending).toBe((before.admin.householdsPending ?? 0) + 1);
  });
});
