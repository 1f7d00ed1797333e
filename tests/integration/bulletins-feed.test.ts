/**
 * The bulletin feed is one key query a page: what is meant for a resident
 * (the community, their estate, their grid) is put into their building's
 * partition when it is published, replaced by a new revision and taken out
 * when it is withdrawn, so a page is never short for what others were sent.
 */
import { describe, expect, inject, it } from 'vitest';
import { type BulletinRecord, createBulletinsRepository } from '../../functions/src/data/bulletins.js';
import { createTable } from '../../functions/src/data/client.js';
import { createPhotoChecksRepository } from '../../functions/src/data/photo-checks.js';
import { call, newKey, signIn } from '../support/api.js';
import { PNG, uploadPhoto } from '../support/photos.js';
import { standIn } from '../support/wechat.js';

const C = '/v1/communities/chunhui';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';
// 王秀英 lives in 春晖苑 3幢 (第一网格); 李建国 in 翠竹园 2幢 (第三网格).
const FOR_WANG_ESTATE = { type: 'estates', estateIds: ['chunhui-yuan'] };
const FOR_LI_ESTATE = { type: 'estates', estateIds: ['cuizhu-yuan'] };

async function publish(title: string, audience: unknown, extra: Record<string, unknown> = {}) {
  const body = { title, kind: 'notice', body: `${title}，请相互转告。`, audience, ...extra };
  const created = await call('POST', `${C}/bulletins`, {
    token: await signIn('admin-chunhui'),
    idempotencyKey: newKey(),
    body,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.bulletinId as string;
  await call('POST', `${C}/bulletins/${id}/submit`, { token: await signIn('admin-chunhui') });
  const approved = await call('POST', `${C}/bulletins/${id}/approve`, { token: await signIn('admin2-chunhui') });
  expect(approved.body.status).toBe('published');
  return { id, body, version: approved.body.version as number };
}

type FeedItem = { bulletinId: string; kind: string; read: boolean; publishedAt: string | null };

async function rawPage(persona: string, query: string) {
  const res = await call('GET', `${C}/bulletins?${query}`, { token: await signIn(persona) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: FeedItem[]; cursor: string | null };
}

/**
 * A page of the feed as this file sees it. The stack is shared: other files publish notices
 * scheduled minutes or days ahead and sweep with that clock, so they head every feed of the
 * community until then. Those are read first and left out; the page asked for is exactly what follows them.
 */
async function page(persona: string, query: string) {
  const params = new URLSearchParams(query);
  const probe = new URLSearchParams(params);
  probe.set('limit', '20');
  probe.delete('cursor');
  const ahead = params.has('cursor')
    ? []
    : (await rawPage(persona, probe.toString())).items.filter(
        // Ours were published before this read; anything published later than now is another file's clock.
        (i) => Date.parse(i.publishedAt ?? '') > Date.now(),
      );
  params.set('limit', String(Number(params.get('limit') ?? 20) + ahead.length));
  const res = await rawPage(persona, params.toString());
  const skipped = res.items.slice(0, ahead.length).map((i) => i.bulletinId);
  expect(skipped, 'the future-dated ones lead').toEqual(ahead.map((i) => i.bulletinId));
  return { items: res.items.slice(ahead.length), cursor: res.cursor };
}
const ids = async (persona: string, query: string) => (await page(persona, query)).items.map((i) => i.bulletinId);

describe('the feed of a resident', () => {
  it('fills every page with what is meant for them, however much went to others', async () => {
    // Prepare: the community, 王秀英's estate and grid, another grid of her estate, then a lot for 翠竹园 only
    const community = await publish('全社区：垃圾分类宣传周', { type: 'community' });
    const estate = await publish('春晖苑：外墙清洗', FOR_WANG_ESTATE);
    const grid = await publish('第一网格：楼道灯更换', { type: 'grids', gridIds: ['chunhui-g1'] });
    const otherGrid = await publish('第二网格：水箱清洗', { type: 'grids', gridIds: ['chunhui-g2'] });
    const elsewhere: string[] = [];
    for (let i = 0; i < 4; i++) elsewhere.push((await publish(`翠竹园：停车位划线 ${i + 1}`, FOR_LI_ESTATE)).id);
    // Act
    const first = await page('resident-wang', 'limit=3');
    // Assess: a full page of hers, newest first; nothing she was not sent
    expect(first.items.map((i) => i.bulletinId)).toEqual([grid.id, estate.id, community.id]);
    expect(first.cursor).not.toBeNull();
    const next = await ids('resident-wang', `limit=3&cursor=${encodeURIComponent(first.cursor as string)}`);
    expect(next).not.toContain(otherGrid.id);
    expect(next.some((id) => elsewhere.includes(id))).toBe(false);
    expect(await ids('resident-li', 'limit=5')).toEqual([...elsewhere].reverse().concat(community.id));
    // Staff and editors read the whole community's feed
    expect(await ids('admin-chunhui', 'limit=8')).toEqual(
      [...elsewhere].reverse().concat(otherGrid.id, grid.id, estate.id, community.id),
    );
  });

  it('lists one kind in full pages too', async () => {
    // Prepare
    const news = await publish('社区新闻：重阳敬老宴', { type: 'community' }, { kind: 'news' });
    await publish('春晖苑：电梯维保', FOR_WANG_ESTATE);
    await publish('翠竹园新闻：篮球赛', FOR_LI_ESTATE, { kind: 'news' });
    // Act
    const onlyNews = await page('resident-wang', 'limit=1&kind=news');
    // Assess
    expect(onlyNews.items.map((i) => [i.bulletinId, i.kind])).toEqual([[news.id, 'news']]);
  });

  it('moves a bulletin to its new audience with a new revision, and takes it out when withdrawn', async () => {
    // Prepare
    const notice = await publish('春晖苑：消防通道清理', FOR_WANG_ESTATE);
    expect(await ids('resident-wang', 'limit=5')).toContain(notice.id);
    // Act: the revision is for 翠竹园 instead
    const edited = await call('PUT', `${C}/bulletins/${notice.id}`, {
      token: await signIn('admin-chunhui'),
      body: { ...notice.body, title: '翠竹园：消防通道清理', audience: FOR_LI_ESTATE, version: notice.version },
    });
    expect(edited.body).toMatchObject({ status: 'published', revision: 2 });
    // Assess
    expect(await ids('resident-wang', 'limit=20')).not.toContain(notice.id);
    const li = await page('resident-li', 'limit=1');
    expect(li.items).toEqual([expect.objectContaining({ bulletinId: notice.id, title: '翠竹园：消防通道清理' })]);
    // Act: withdrawn
    await call('POST', `${C}/bulletins/${notice.id}/withdraw`, { token: await signIn('admin2-chunhui') });
    // Assess: out of every feed
    expect(await ids('resident-li', 'limit=20')).not.toContain(notice.id);
    expect(await ids('admin-chunhui', 'limit=20')).not.toContain(notice.id);
  });

  it('marks what the reader has read', async () => {
    // Prepare
    const notice = await publish('春晖苑：停电检修', FOR_WANG_ESTATE);
    expect((await page('resident-wang', 'limit=1')).items[0]).toMatchObject({ bulletinId: notice.id, read: false });
    // Act
    await call('POST', `${C}/bulletins/${notice.id}/read`, { token: await signIn('resident-wang') });
    // Assess
    expect((await page('resident-wang', 'limit=1')).items[0]).toMatchObject({ bulletinId: notice.id, read: true });
    expect((await page('resident-wang', 'limit=1&kind=notice')).items[0]).toMatchObject({
      bulletinId: notice.id,
      read: true,
    });
    expect((await page('admin-chunhui', 'limit=1')).items[0]).toMatchObject({ bulletinId: notice.id, read: false });
    // A new revision keeps what was read
    const edited = await call('PUT', `${C}/bulletins/${notice.id}`, {
      token: await signIn('admin-chunhui'),
      body: { ...notice.body, title: '春晖苑：停电检修（时间更正）', version: notice.version },
    });
    expect(edited.body.revision).toBe(2);
    expect((await page('resident-wang', 'limit=1')).items[0]).toMatchObject({
      bulletinId: notice.id,
      title: '春晖苑：停电检修（时间更正）',
      read: true,
    });
    await call('POST', `${C}/bulletins/${notice.id}/read`, { token: await signIn('admin-chunhui') });
    expect((await page('admin-chunhui', 'limit=1')).items[0]).toMatchObject({ bulletinId: notice.id, read: true });
  });
});

const table = () =>
  createTable({ tableName: inject('tableName'), region: 'cn-north-1', endpoint: inject('dynamoEndpoint') });
const sweep = (now: string) => call('POST', '/v1/dev/sweeps', { body: { now, sweeps: ['bulletin-publish'] } });

describe('the publish sweep', () => {
  it('drops a cover from the feed once WeChat judges it risky after publication', async () => {
    // Prepare: published with a cover WeChat has not judged yet
    const admin = await signIn('admin-chunhui');
    const purpose = 'bulletin';
    const cover = await uploadPhoto(admin, 'chunhui', purpose, Buffer.concat([PNG, Buffer.from('RISKY-IMAGE')]));
    const notice = await publish('春晖苑：楼道堆物清理', FOR_WANG_ESTATE, { coverKey: cover });
    expect((await sweep(new Date().toISOString())).status).toBe(200);
    const first = (await page('resident-wang', 'limit=1')).items[0] as Record<string, unknown>;
    expect(first).toMatchObject({ bulletinId: notice.id, coverUrl: expect.any(String) });
    // Act: the verdict arrives, then the sweep runs
    await standIn('/__stand-in/media-checks/flush', { body: {} });
    const checks = createPhotoChecksRepository(table());
    await expect.poll(async () => (await checks.get(cover))?.status, { timeout: 15_000, interval: 200 }).toBe('risky');
    expect((await sweep(new Date().toISOString())).status).toBe(200);
    // Assess: residents get no cover in the feed; editors see it marked
    const resident = (await page('resident-wang', 'limit=1')).items[0] as Record<string, unknown>;
    expect(resident).toMatchObject({ bulletinId: notice.id, coverUrl: null });
    const editor = (await page('admin-chunhui', 'limit=1')).items[0] as Record<string, unknown>;
    expect(editor).toMatchObject({ bulletinId: notice.id, coverHidden: true });
  });

  it('writes the feed entries a publication is still waiting for, once however often it runs', async () => {
    // Prepare: published, its entries not written yet (as when a request ran out of time after the commit)
    const bulletins = createBulletinsRepository(table());
    const at = new Date().toISOString();
    const id = `sweepfeed${Date.now()}`;
    const record: BulletinRecord = {
      bulletinId: id,
      communityId: 'chunhui',
      title: '春晖苑：化粪池清掏',
      kind: 'notice',
      coverKey: null,
      source: '周五上午清掏，请勿靠近。',
      blocks: [{ type: 'paragraph', inlines: [{ text: '周五上午清掏，请勿靠近。' }] }],
      audience: FOR_WANG_ESTATE as BulletinRecord['audience'],
      important: false,
      pinned: false,
      publishAt: null,
      publishedAt: at,
      status: 'published',
      revision: 1,
      version: 3,
      authorId: 'demo-admin-chunhui',
      authorName: '赵建华',
      approverId: 'demo-admin2-chunhui',
      approverName: '孙梅',
      rejectReason: null,
      readCount: 0,
      activityId: null,
      issueId: null,
      createdAt: at,
      updatedAt: at,
      feedSync: 'pending',
    };
    await bulletins.create(record, { scope: 'test', key: newKey(), fingerprint: id }, new Date());
    expect(await ids('resident-wang', 'limit=20')).not.toContain(id);
    // 王秀英 opens it from a link meanwhile and confirms reading
    const receipt = await call('POST', `${C}/bulletins/${id}/read`, { token: await signIn('resident-wang') });
    expect(receipt.body.first).toBe(true);
    // Act
    for (let i = 0; i < 2; i++) expect((await sweep(at)).status).toBe(200);
    // Assess: in her feed once, as read
    expect((await page('resident-wang', 'limit=20')).items.filter((b) => b.bulletinId === id)).toEqual([
      expect.objectContaining({ read: true }),
    ]);
    expect(await ids('resident-li', 'limit=20')).not.toContain(id);
    expect((await bulletins.unsynced('chunhui')).map((b) => b.bulletinId)).not.toContain(id);
  });
});
