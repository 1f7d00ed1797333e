/**
 * Everyday use on the server: the reporter's number reaches only the staff
 * assigned to the report (and admins), and every review decision on a bulletin
 * or a household binding is kept on the item, in the same write as the decision.
 */
import { describe, expect, it } from 'vitest';
import { call, newKey, signIn, signInNewWechatUser } from '../support/api.js';

const C = '/v1/communities/chunhui';
const PHONE = '13912345678';

async function act(persona: string, reportId: string, body: Record<string, unknown>) {
  const res = await call('POST', `${C}/feedback/${reportId}/events`, {
    token: await signIn(persona),
    idempotencyKey: newKey(),
    body,
  });
  if (res.status !== 200) throw new Error(`${body.action} by ${persona}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** The reporter's number as `persona` sees it on the report (detail) and in their queue, if it is there. */
async function phoneSeenBy(persona: string, reportId: string) {
  const token = await signIn(persona);
  const detail = await call('GET', `${C}/feedback/${reportId}`, { token });
  const queue = await call('GET', `${C}/feedback?status=open&category=leak&gridId=chunhui-g2&limit=100`, { token });
  const listed = queue.body.items?.find((r: { reportId: string }) => r.reportId === reportId);
  return { status: detail.status, detail: detail.body.report?.reporterPhone, listed: listed?.reporterPhone };
}

describe('the reporter’s phone number', () => {
  it('is seen by admins and by whoever the report is dispatched to, and by nobody else', async () => {
    // Prepare: a hotline report with the caller's number, entered by the grid worker of its grid
    const zhang = (await call('GET', '/v1/me', { token: await signIn('grid-zhang') })).body.user.userId;
    const entered = await call('POST', `${C}/feedback/offline`, {
      token: await signIn('grid-zhang'),
      idempotencyKey: newKey(),
      body: {
        category: 'leak',
        description: '5幢顶楼楼道渗水，住户打热线反映',
        location: { estateId: 'chunhui-yuan', buildingId: 'chy-b5', unit: 1, detail: '' },
        channel: 'hotline',
        reporterName: '热线：周先生',
        reporterPhone: PHONE,
      },
    });
    expect(entered.status).toBe(201);
    const id = entered.body.reportId as string;

    // Assess: before anyone is assigned, only admins see it; the grid worker who entered it is not assigned yet
    expect(entered.body.reporterPhone).toBeNull();
    expect(await phoneSeenBy('admin-chunhui', id)).toMatchObject({ status: 200, detail: PHONE, listed: PHONE });
    expect(await phoneSeenBy('grid-zhang', id)).toMatchObject({ status: 200, detail: null, listed: null });

    // Act: accepted and dispatched to the grid worker herself
    await act('grid-zhang', id, { action: 'accept' });
    const toZhang = await act('grid-zhang', id, { action: 'dispatch', target: { kind: 'grid_worker', userId: zhang } });

    // Assess: the assignee sees it (in the answer to her own dispatch, too); property staff cannot see the report
    expect(toZhang.body.report.reporterPhone).toBe(PHONE);
    expect(await phoneSeenBy('grid-zhang', id)).toMatchObject({ detail: PHONE, listed: PHONE });
    expect((await phoneSeenBy('property-chen', id)).status).toBe(404);

    // Act: sent on to the property company
    await act('grid-zhang', id, { action: 'dispatch', target: { kind: 'property' } });

    // Assess: property staff see it now; the grid worker, no longer assigned, does not; admins still do
    expect(await phoneSeenBy('property-chen', id)).toMatchObject({ status: 200, detail: PHONE, listed: PHONE });
    expect(await phoneSeenBy('grid-zhang', id)).toMatchObject({ status: 200, detail: null, listed: null });
    expect((await phoneSeenBy('admin2-chunhui', id)).detail).toBe(PHONE);
  });

  it('is null on a resident’s own online report, which carries no number', async () => {
    const submitted = await call('POST', `${C}/feedback`, {
      token: await signIn('resident-wang'),
      idempotencyKey: newKey(),
      body: {
        category: 'lighting',
        description: '3幢门口的路灯不亮了，晚上很黑',
        location: { estateId: 'chunhui-yuan', buildingId: 'chy-b3', unit: null, detail: '' },
      },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.reporterPhone).toBeNull();
    expect((await phoneSeenBy('admin-chunhui', submitted.body.reportId)).detail).toBeNull();
  });
});

const NOTICE = {
  title: '春晖苑绿化修剪通知',
  kind: 'notice',
  body: '# 修剪时间\n\n周三上午修剪绿化，请**挪开**树下的车辆。',
  audience: { type: 'community' },
};

async function move(id: string, step: string, admin: string, body?: unknown) {
  return call('POST', `${C}/bulletins/${id}/${step}`, { token: await signIn(admin), ...(body ? { body } : {}) });
}

describe('a bulletin’s review history', () => {
  it('keeps who sent it back and why, who approved it and who withdrew it, oldest first, for editors only', async () => {
    // Prepare
    const created = await call('POST', `${C}/bulletins`, {
      token: await signIn('admin-chunhui'),
      idempotencyKey: newKey(),
      body: NOTICE,
    });
    const id = created.body.bulletinId as string;
    expect(created.body.decisions).toEqual([]);

    // Act: submitted, sent back with a reason, submitted again, approved, then withdrawn
    await move(id, 'submit', 'admin-chunhui');
    const sentBack = await move(id, 'reject', 'admin2-chunhui', { reason: '时间写错了，应为周四' });
    await move(id, 'submit', 'admin-chunhui');
    const approved = await move(id, 'approve', 'admin2-chunhui');
    const asResident = await call('GET', `${C}/bulletins/${id}`, { token: await signIn('resident-wang') });
    const refused = await move(id, 'approve', 'admin2-chunhui');
    const withdrawn = await move(id, 'withdraw', 'admin-chunhui');
    const asEditor = await call('GET', `${C}/bulletins/${id}`, { token: await signIn('admin-chunhui') });

    // Assess
    expect(sentBack.body.decisions).toEqual([
      {
        action: 'reject',
        actionLabel: '退回修改',
        byName: '孙梅',
        at: sentBack.body.updatedAt,
        reason: '时间写错了，应为周四',
      },
    ]);
    expect(approved.body.status).toBe('published');
    expect(approved.body.decisions.map((d: { action: string }) => d.action)).toEqual(['reject', 'approve']);
    expect(asResident.status).toBe(200);
    expect(asResident.body.decisions).toEqual([]);
    // A refused step (already published) writes nothing.
    expect(refused.status).toBe(409);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(asEditor.body.decisions).toEqual([
      expect.objectContaining({ action: 'reject', byName: '孙梅', reason: '时间写错了，应为周四' }),
      expect.objectContaining({ action: 'approve', actionLabel: '审核通过', byName: '孙梅', reason: null }),
      expect.objectContaining({ action: 'withdraw', actionLabel: '撤回', byName: '赵建华', reason: null }),
    ]);
    const times = asEditor.body.decisions.map((d: { at: string }) => d.at);
    expect([...times].sort()).toEqual(times);
  });
});

describe('a household binding’s decision', () => {
  const HOME = { estateId: 'cuizhu-yuan', buildingId: 'czy-b3', unit: 1, relation: 'tenant' };

  it('keeps who approved it and when', async () => {
    const { token } = await signInNewWechatUser();
    const asked = await call('POST', `${C}/households`, {
      token,
      idempotencyKey: newKey(),
      body: { ...HOME, room: '701' },
    });
    expect(asked.body.decisions).toEqual([]);
    const approved = await call('POST', `${C}/households/${asked.body.householdId}/approve`, {
      token: await signIn('admin-chunhui'),
    });
    const listed = await call('GET', `${C}/households?status=approved&limit=100`, {
      token: await signIn('admin2-chunhui'),
    });
    expect(approved.body.decisions).toEqual([
      { action: 'approve', actionLabel: '审核通过', byName: '赵建华', at: approved.body.decidedAt, reason: null },
    ]);
    const stored = listed.body.items.find((h: { householdId: string }) => h.householdId === asked.body.householdId);
    expect(stored?.decisions).toEqual(approved.body.decisions);
  });

  it('keeps who refused it and why; a second decision is refused and changes nothing', async () => {
    const { token } = await signInNewWechatUser();
    const asked = await call('POST', `${C}/households`, {
      token,
      idempotencyKey: newKey(),
      body: { ...HOME, room: '702' },
    });
    const rejected = await call('POST', `${C}/households/${asked.body.householdId}/reject`, {
      token: await signIn('admin2-chunhui'),
      body: { reason: '租赁合同上的门牌号不同' },
    });
    const again = await call('POST', `${C}/households/${asked.body.householdId}/approve`, {
      token: await signIn('admin-chunhui'),
    });
    const listed = await call('GET', `${C}/households?status=rejected&limit=100`, {
      token: await signIn('admin-chunhui'),
    });
    expect(rejected.body.decisions).toEqual([
      expect.objectContaining({ action: 'reject', byName: '孙梅', reason: '租赁合同上的门牌号不同' }),
    ]);
    expect(again.status).toBe(409);
    const stored = listed.body.items.find((h: { householdId: string }) => h.householdId === asked.body.householdId);
    expect(stored?.decisions).toHaveLength(1);
  });
});

describe('a refused nickname', () => {
  it('is said once: an empty name gets one message, not two', async () => {
    const res = await call('PUT', `${C}/points/me/leaderboard`, {
      token: await signIn('resident-li'),
      body: { optIn: true, displayName: '  ' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'body.displayName', message: '请填写昵称' }]);
    const missing = await call('PUT', `${C}/points/me/leaderboard`, {
      token: await signIn('resident-li'),
      body: { optIn: true },
    });
    expect(missing.body.error.details).toEqual([{ field: 'body.displayName', message: '参加排行榜请填写昵称' }]);
  });
});
