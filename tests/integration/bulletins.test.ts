import { describe, expect, it } from 'vitest';
import { call, newKey, signIn } from '../support/api.js';

const C = '/v1/communities/chunhui';
const NOTICE = {
  title: '春晖苑停水通知',
  kind: 'notice',
  body: '# 停水时间\n\n因管道检修，**周六 9:00–15:00** 春晖苑全区停水。\n\n- 请提前储水\n- 详见[社区意见箱](/pages/feedback/index)',
  audience: { type: 'estates', estateIds: ['chunhui-yuan'] },
  important: true,
};

async function write(body: Record<string, unknown> = NOTICE, author = 'admin-chunhui') {
  return call('POST', `${C}/bulletins`, { token: await signIn(author), idempotencyKey: newKey(), body });
}
async function move(id: string, step: string, admin: string, body?: unknown) {
  return call('POST', `${C}/bulletins/${id}/${step}`, { token: await signIn(admin), ...(body ? { body } : {}) });
}
async function publish(body: Record<string, unknown> = NOTICE) {
  const id = (await write(body)).body.bulletinId;
  await move(id, 'submit', 'admin-chunhui');
  const approved = await move(id, 'approve', 'admin2-chunhui');
  return { id, approved };
}
const feedIds = async (persona: string, query = '') =>
  (await call('GET', `${C}/bulletins?limit=100${query}`, { token: await signIn(persona) })).body.items.map(
    (b: { bulletinId: string }) => b.bulletinId,
  );

describe('the review flow', () => {
  it('goes draft → submitted → approved by a second admin → published, and refuses self-approval', async () => {
    const created = await write();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', kindLabel: '通知', revision: 1 });
    expect(created.body.blocks[0]).toEqual({ type: 'heading', level: 2, text: '停水时间' });
    const id = created.body.bulletinId;
    expect((await move(id, 'submit', 'admin-chunhui')).body.status).toBe('submitted');
    const self = await move(id, 'approve', 'admin-chunhui');
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_APPROVAL');
    const approved = await move(id, 'approve', 'admin2-chunhui');
    expect(approved.body).toMatchObject({ status: 'published', approverName: '孙梅' });
  });

  it('publishes a scheduled bulletin when the sweep reaches its time, once', async () => {
    const publishAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const { id, approved } = await publish({ ...NOTICE, title: '下周消防演练通知', publishAt });
    expect(approved.body.status).toBe('approved');
    expect(await feedIds('resident-wang')).not.toContain(id);
    await call('POST', '/v1/dev/sweeps', { body: { now: new Date(Date.now() + 86_400_000).toISOString() } });
    expect((await call('GET', `${C}/bulletins/${id}`, { token: await signIn('admin-chunhui') })).body.status).toBe(
      'approved',
    );
    const at = new Date(Date.parse(publishAt) + 60_000).toISOString();
    await call('POST', '/v1/dev/sweeps', { body: { now: at } });
    await call('POST', '/v1/dev/sweeps', { body: { now: at } });
    const after = await call('GET', `${C}/bulletins/${id}`, { token: await signIn('admin-chunhui') });
    expect(after.body).toMatchObject({ status: 'published', publishedAt: publishAt, version: 4 });
    expect(await feedIds('resident-wang')).toContain(id);
  });

  it('keeps the old text as a revision when a published bulletin is edited, and keeps a withdrawn record', async () => {
    const { id } = await publish({ ...NOTICE, title: '电梯维保通知' });
    const current = (await call('GET', `${C}/bulletins/${id}`, { token: await signIn('admin-chunhui') })).body;
    const edited = await call('PUT', `${C}/bulletins/${id}`, {
      token: await signIn('admin-chunhui'),
      body: { ...NOTICE, title: '电梯维保通知（更正）', version: current.version },
    });
    expect(edited.body).toMatchObject({ status: 'published', revision: 2, title: '电梯维保通知（更正）' });
    const withdrawn = await move(id, 'withdraw', 'admin2-chunhui');
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(await feedIds('resident-wang')).not.toContain(id);
    expect((await call('GET', `${C}/bulletins/${id}`, { token: await signIn('admin-chunhui') })).status).toBe(200);
  });
});

describe('audiences', () => {
  it('never shows estate A’s notice to a resident of estate B: not in the feed, not by id, not in the count', async () => {
    const { id } = await publish({ ...NOTICE, title: '春晖苑专属通知' });
    const outsider = await signIn('resident-li'); // 翠竹园
    const before = (await call('GET', `${C}/bulletins/unread`, { token: outsider })).body.unread;
    expect(await feedIds('resident-wang')).toContain(id);
    expect(await feedIds('resident-li')).not.toContain(id);
    expect((await call('GET', `${C}/bulletins/${id}`, { token: outsider })).status).toBe(404);
    expect((await call('POST', `${C}/bulletins/${id}/read`, { token: outsider })).status).toBe(404);
    expect((await call('GET', `${C}/bulletins/unread`, { token: outsider })).body.unread).toBe(before);
    expect(await feedIds('resident-wang', '&kind=news')).not.toContain(id);
  });
});

describe('read receipts and figures', () => {
  it('counts a reader once under retries and shows the unread homes by grid', async () => {
    const { id } = await publish({ ...NOTICE, title: '燃气安全检查通知' });
    const wang = await signIn('resident-wang');
    const unreadBefore = (await call('GET', `${C}/bulletins/unread`, { token: wang })).body;
    const receipts = await Promise.all(
      Array.from({ length: 5 }, () => call('POST', `${C}/bulletins/${id}/read`, { token: wang })),
    );
    expect(receipts.filter((r) => r.body.first)).toHaveLength(1);
    const unreadAfter = (await call('GET', `${C}/bulletins/unread`, { token: wang })).body;
    expect(unreadAfter.unread).toBe(unreadBefore.unread - 1);
    expect(unreadAfter.importantUnread).toBe(unreadBefore.importantUnread - 1);
    const figures = await call('GET', `${C}/bulletins/${id}/reads`, { token: await signIn('admin-chunhui') });
    expect(figures.body.readers).toBe(1);
    expect(figures.body.byBuilding.find((b: { buildingId: string }) => b.buildingId === 'chy-b3')).toMatchObject({
      readers: 1,
    });
    const gridView = await call('GET', `${C}/bulletins/${id}/reads`, { token: await signIn('grid-zhang') });
    expect(
      gridView.body.unreadByGrid.every((g: { gridId: string }) => ['chunhui-g1', 'chunhui-g2'].includes(g.gridId)),
    ).toBe(true);
    const csv = await fetch(`${(await import('vitest')).inject('apiUrl')}${C}/bulletins/${id}/reads.csv`, {
      headers: { authorization: `Bearer ${await signIn('admin-chunhui')}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('阅读率');
  });

  it('lets a grid worker list the published bulletins to follow up, but not the drafts or the review queue', async () => {
    const { id } = await publish({ ...NOTICE, title: '电梯年检停运通知' });
    const zhang = await signIn('grid-zhang');
    const published = await call('GET', `${C}/bulletins/manage?status=published&limit=100`, { token: zhang });
    const drafts = await call('GET', `${C}/bulletins/manage?status=draft`, { token: zhang });
    const queue = await call('GET', `${C}/bulletins/manage`, { token: zhang });
    expect(published.status).toBe(200);
    expect(published.body.items.find((b: { bulletinId: string }) => b.bulletinId === id)).toMatchObject({
      status: 'published',
      important: true,
    });
    for (const refused of [drafts, queue]) {
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('PUBLISHED_ONLY');
    }
  });
});

describe('sanitising', () => {
  it('drops script and event handlers to plain text', async () => {
    const res = await write({ ...NOTICE, body: '<script>alert(1)</script>通知<img src=x onerror="alert(2)">内容' });
    expect(res.status).toBe(201);
    expect(JSON.stringify(res.body.blocks)).not.toMatch(/script|onerror|alert/);
    expect(res.body.blocks[0].inlines[0].text).toBe('通知内容');
  });

  it.each([
    [{ ...NOTICE, body: '点[这里](javascript:alert(1))' }, 'body.body'],
    [{ ...NOTICE, body: '点[这里](https://evil.example/)' }, 'body.body'],
    [{ ...NOTICE, body: 'x'.repeat(20_001) }, 'body.body'],
    [{ ...NOTICE, body: '![图](https://evil.example/a.png)' }, 'body.body'],
    [{ ...NOTICE, title: '<b></b>' }, 'body.title'],
    [{ ...NOTICE, audience: { type: 'estates', estateIds: ['fengqiao-xincun'] } }, 'body.audience.estateIds.0'],
    [{ ...NOTICE, kind: 'rumour' }, 'body.kind'],
  ])('refuses %#, naming %s, and stores nothing', async (body, field) => {
    const before = (
      await call('GET', `${C}/bulletins/manage?status=draft&limit=100`, { token: await signIn('admin-chunhui') })
    ).body.items.length;
    const res = await write(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe(field);
    const after = (
      await call('GET', `${C}/bulletins/manage?status=draft&limit=100`, { token: await signIn('admin-chunhui') })
    ).body.items.length;
    expect(after).toBe(before);
  });
});
