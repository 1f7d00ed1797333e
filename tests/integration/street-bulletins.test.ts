/**
 * Street bulletins (街道公告) through the HTTP stack: a street admin writes one
 * for chosen communities of 长河街道, a second street admin approves it (never
 * the author, never a community admin, never another street's admin), and the
 * residents of the chosen communities find it in their feed (one key query a
 * page, labelled 来自 长河街道), while an unchosen community's do not; each
 * community's read receipts are counted for the street.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { streetBulletinRevisions } from '../../functions/src/data/bulletins/street.js';
import { createTable } from '../../functions/src/data/client.js';
import { createStreetsRepository } from '../../functions/src/data/streets.js';
import { call, newKey, signIn, signInNewWechatUser } from '../support/api.js';

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';

const table = createTable({ tableName: inject('tableName'), region: 'cn-north-1', endpoint: inject('dynamoEndpoint') });
const S = '/v1/streets/changhe';
// 王秀英 lives in 春晖社区, 周 in 枫桥社区: both communities of 长河街道.
const CHUNHUI_ONLY = { type: 'communities', communityIds: ['chunhui'] };

let otherStreetAdmin = '';

beforeAll(async () => {
  // Another street, with an admin of its own who is nobody at 长河街道.
  const streets = createStreetsRepository(table);
  await streets.put({ streetId: 'xihu', name: '西湖街道', district: '临江区', communities: [] });
  const other = await signInNewWechatUser();
  await streets.putMembership({
    userId: other.userId,
    streetId: 'xihu',
    streetName: '西湖街道',
    roles: ['street_admin'],
  });
  otherStreetAdmin = other.token;
}, 60_000);

async function write(title: string, audience: unknown, extra: Record<string, unknown> = {}) {
  const res = await call('POST', `${S}/bulletins`, {
    token: await signIn('street-qian'),
    idempotencyKey: newKey(),
    body: { title, kind: 'notice', body: `## ${title}\n\n请各社区居民**相互转告**。`, audience, ...extra },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { bulletinId: string; status: string; allowedActions: string[]; version: number };
}

async function feedOf(persona: string, communityId: string) {
  const res = await call('GET', `/v1/communities/${communityId}/bulletins?limit=50`, { token: await signIn(persona) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as { bulletinId: string; fromStreet?: string; read: boolean }[];
}

const ids = (items: { bulletinId: string }[]) => items.map((i) => i.bulletinId);

describe('a street bulletin', () => {
  it('is written, submitted, approved by a second street admin and read in the chosen communities only', async () => {
    // Prepare: a draft for 春晖社区 alone
    const draft = await write('长河街道：冬季用电安全提醒', CHUNHUI_ONLY);
    expect(draft.status).toBe('draft');
    expect(draft.allowedActions).toEqual(['edit', 'submit']);
    const id = draft.bulletinId;

    // Act: submit; the author tries to approve, then the second street admin approves
    const submitted = await call('POST', `${S}/bulletins/${id}/submit`, { token: await signIn('street-qian') });
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.allowedActions, 'the author may not approve').not.toContain('approve');
    const own = await call('POST', `${S}/bulletins/${id}/approve`, { token: await signIn('street-qian') });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('SELF_APPROVAL');
    const seen = await call('GET', `${S}/bulletins/${id}`, { token: await signIn('street2-wu') });
    expect(seen.body.allowedActions).toEqual(['edit', 'approve', 'reject', 'withdraw']);
    const approved = await call('POST', `${S}/bulletins/${id}/approve`, { token: await signIn('street2-wu') });

    // Assess: published at once, in 春晖社区 and nowhere else
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'published', approverName: '吴晓燕', streetName: '长河街道' });
    expect(approved.body.communities).toEqual([
      { communityId: 'chunhui', name: '春晖社区', status: 'published', readCount: 0 },
    ]);
    const wang = await feedOf('resident-wang', 'chunhui');
    expect(wang.find((i) => i.bulletinId === id)).toMatchObject({ fromStreet: '长河街道', read: false });
    expect(ids(await feedOf('resident-li', 'chunhui'))).toContain(id);
    expect(ids(await feedOf('resident-zhou', 'fengqiao')), 'an unchosen community').not.toContain(id);
    const detail = await call('GET', `/v1/communities/chunhui/bulletins/${id}`, {
      token: await signIn('resident-wang'),
    });
    expect(detail.body).toMatchObject({
      title: '长河街道：冬季用电安全提醒',
      fromStreet: '长河街道',
      status: 'published',
    });

    // A read receipt, counted for the street by community, once per reader
    for (let i = 0; i < 2; i++)
      await call('POST', `/v1/communities/chunhui/bulletins/${id}/read`, { token: await signIn('resident-wang') });
    expect((await feedOf('resident-wang', 'chunhui')).find((i) => i.bulletinId === id)?.read).toBe(true);
    const counted = await call('GET', `${S}/bulletins/${id}`, { token: await signIn('street-qian') });
    expect(counted.body.communities).toEqual([
      { communityId: 'chunhui', name: '春晖社区', status: 'published', readCount: 1 },
    ]);
    expect(counted.body.readCount).toBe(1);
    const published = await call('GET', `${S}/bulletins?status=published`, { token: await signIn('street-qian') });
    expect(ids(published.body.items)).toContain(id);
  });

  it('goes to every community of the street, counts each one’s readers, and leaves the feeds when withdrawn', async () => {
    // Prepare: published to the whole street
    const { bulletinId: id } = await write('长河街道：文明养犬倡议', { type: 'street' });
    await call('POST', `${S}/bulletins/${id}/submit`, { token: await signIn('street-qian') });
    await call('POST', `${S}/bulletins/${id}/approve`, { token: await signIn('street2-wu') });
    await call('POST', `/v1/communities/chunhui/bulletins/${id}/read`, { token: await signIn('resident-wang') });
    await call('POST', `/v1/communities/chunhui/bulletins/${id}/read`, { token: await signIn('resident-li') });
    await call('POST', `/v1/communities/fengqiao/bulletins/${id}/read`, { token: await signIn('resident-zhou') });
    const counted = await call('GET', `${S}/bulletins/${id}`, { token: await signIn('street2-wu') });
    expect(counted.body.communities).toEqual([
      { communityId: 'chunhui', name: '春晖社区', status: 'published', readCount: 2 },
      { communityId: 'fengqiao', name: '枫桥社区', status: 'published', readCount: 1 },
    ]);

    // A community admin can neither change the street's copy nor review it
    const copy = await call('GET', `/v1/communities/chunhui/bulletins/${id}`, { token: await signIn('admin-chunhui') });
    expect(copy.body).toMatchObject({ fromStreet: '长河街道', allowedActions: [] });
    const theirs = await call('POST', `/v1/communities/chunhui/bulletins/${id}/withdraw`, {
      token: await signIn('admin-chunhui'),
    });
    expect(theirs.status).toBe(403);
    expect(theirs.body.error.code).toBe('STREET_BULLETIN');

    // Act: the street withdraws it
    const withdrawn = await call('POST', `${S}/bulletins/${id}/withdraw`, { token: await signIn('street-qian') });

    // Assess: out of both communities' feeds, the records kept
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(withdrawn.body.communities.map((c: { status: string }) => c.status)).toEqual(['withdrawn', 'withdrawn']);
    expect(ids(await feedOf('resident-wang', 'chunhui'))).not.toContain(id);
    expect(ids(await feedOf('resident-zhou', 'fengqiao'))).not.toContain(id);
  });

  it('is announced when important, and an edit after publishing reaches each community as a new revision', async () => {
    // Prepare: an important notice to the whole street, published
    const { bulletinId: id } = await write('长河街道：停电检修通知', { type: 'street' }, { important: true });
    await call('POST', `${S}/bulletins/${id}/submit`, { token: await signIn('street-qian') });
    const approved = await call('POST', `${S}/bulletins/${id}/approve`, { token: await signIn('street2-wu') });
    expect(approved.body.status).toBe('published');
    const messages = await call('GET', '/v1/me/messages?limit=50', { token: await signIn('resident-zhou') });
    expect(messages.body.items.map((m: { title: string }) => m.title)).toContain('重要通知：长河街道：停电检修通知');

    // Act: the street narrows it to 春晖社区 and corrects the title
    const edited = await call('PUT', `${S}/bulletins/${id}`, {
      token: await signIn('street2-wu'),
      body: {
        title: '长河街道：停电检修通知（更正）',
        kind: 'notice',
        body: '检修改到周六上午。',
        audience: CHUNHUI_ONLY,
        important: true,
        version: approved.body.version,
      },
    });

    // Assess: a new revision in 春晖社区, taken out of 枫桥社区's feed
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ status: 'published', revision: 2, title: '长河街道：停电检修通知（更正）' });
    const copy = await call('GET', `/v1/communities/chunhui/bulletins/${id}`, { token: await signIn('resident-wang') });
    expect(copy.body).toMatchObject({ title: '长河街道：停电检修通知（更正）', revision: 2 });
    expect(ids(await feedOf('resident-wang', 'chunhui'))).toContain(id);
    expect(ids(await feedOf('resident-zhou', 'fengqiao'))).not.toContain(id);
    const gone = await call('GET', `/v1/communities/fengqiao/bulletins/${id}`, {
      token: await signIn('admin-fengqiao'),
    });
    expect(gone.body.status).toBe('withdrawn');
    // The text it replaced is kept at the street, as it was
    const kept = await table.doc.send(
      new GetCommand({
        TableName: table.tableName,
        Key: streetBulletinRevisions.key({ streetId: 'changhe', bulletinId: id, paddedRevision: '0001' }),
      }),
    );
    expect(kept.Item).toMatchObject({ title: '长河街道：停电检修通知', revision: 1, status: 'published' });
  });

  it('is published at its time by the publish sweep, and returned drafts reach no community', async () => {
    const publishAt = new Date(Date.now() + 120_000).toISOString();
    const { bulletinId: id } = await write('长河街道：道路施工预告', CHUNHUI_ONLY, { publishAt });
    await call('POST', `${S}/bulletins/${id}/submit`, { token: await signIn('street-qian') });
    const approved = await call('POST', `${S}/bulletins/${id}/approve`, { token: await signIn('street2-wu') });
    expect(approved.body).toMatchObject({
      status: 'approved',
      communities: [{ communityId: 'chunhui', status: 'approved' }],
    });
    expect(ids(await feedOf('resident-wang', 'chunhui'))).not.toContain(id);

    await call('POST', '/v1/dev/sweeps', { body: { now: new Date(Date.parse(publishAt) + 60_000).toISOString() } });

    const after = await call('GET', `${S}/bulletins/${id}`, { token: await signIn('street-qian') });
    expect(after.body).toMatchObject({ status: 'published', publishedAt: publishAt });
    expect(ids(await feedOf('resident-wang', 'chunhui'))).toContain(id);

    // One changed while it waits for its time goes back to draft, and its copies are taken back
    // Far ahead: other files' sweeps run with clocks months ahead.
    const later = new Date(Date.now() + 1000 * 86_400_000).toISOString();
    const { bulletinId: waiting } = await write('长河街道：明日停水预告', CHUNHUI_ONLY, { publishAt: later });
    await call('POST', `${S}/bulletins/${waiting}/submit`, { token: await signIn('street-qian') });
    const waits = await call('POST', `${S}/bulletins/${waiting}/approve`, { token: await signIn('street2-wu') });
    expect(waits.body.communities).toEqual([
      { communityId: 'chunhui', name: '春晖社区', status: 'approved', readCount: 0 },
    ]);
    const changed = await call('PUT', `${S}/bulletins/${waiting}`, {
      token: await signIn('street-qian'),
      body: {
        title: '长河街道：明日停水预告（改期）',
        kind: 'notice',
        body: '改期另行通知。',
        audience: CHUNHUI_ONLY,
        publishAt: later,
        version: waits.body.version,
      },
    });
    expect(changed.body).toMatchObject({ status: 'draft', communities: [{ communityId: 'chunhui', status: null }] });
    const taken = await call('GET', `/v1/communities/chunhui/bulletins/${waiting}`, {
      token: await signIn('admin-chunhui'),
    });
    expect(taken.status).toBe(404);

    // One sent back stays at the street
    const { bulletinId: back } = await write('长河街道：待修改的通知', CHUNHUI_ONLY);
    await call('POST', `${S}/bulletins/${back}/submit`, { token: await signIn('street-qian') });
    const rejected = await call('POST', `${S}/bulletins/${back}/reject`, {
      token: await signIn('street2-wu'),
      body: { reason: '请补充施工时间' },
    });
    expect(rejected.body).toMatchObject({
      status: 'draft',
      rejectReason: '请补充施工时间',
      communities: [{ status: null }],
    });
  });

  it('refuses a community outside the street, naming the field, and writes nothing', async () => {
    const title = `越界的公告 ${newKey().slice(0, 6)}`;
    const res = await call('POST', `${S}/bulletins`, {
      token: await signIn('street-qian'),
      idempotencyKey: newKey(),
      body: {
        title,
        kind: 'notice',
        body: '正文',
        audience: { type: 'communities', communityIds: ['chunhui', 'xixi'] },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('body.audience.communityIds.1');
    const drafts = await call('GET', `${S}/bulletins?status=draft&limit=100`, { token: await signIn('street-qian') });
    expect(drafts.body.items.map((b: { title: string }) => b.title)).not.toContain(title);
  });

  it('is refused to community admins and to another street’s admin, who never see it', async () => {
    const { bulletinId: id } = await write('长河街道：内部审核中', CHUNHUI_ONLY);
    await call('POST', `${S}/bulletins/${id}/submit`, { token: await signIn('street-qian') });
    for (const token of [await signIn('admin-chunhui'), await signIn('admin2-chunhui'), otherStreetAdmin]) {
      for (const [method, path] of [
        ['POST', `${S}/bulletins/${id}/approve`],
        ['GET', `${S}/bulletins/${id}`],
        ['GET', `${S}/bulletins?status=submitted`],
      ] as const) {
        const res = await call(method, path, { token });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe('STREET_ROLE_REQUIRED');
      }
    }
    const theirOwn = await call('GET', `/v1/streets/xihu/bulletins/${id}`, { token: otherStreetAdmin });
    expect(theirOwn.status).toBe(404);
    const theirList = await call('GET', '/v1/streets/xihu/bulletins?status=submitted', { token: otherStreetAdmin });
    expect(theirList.body.items).toEqual([]);
    const still = await call('GET', `${S}/bulletins/${id}`, { token: await signIn('street2-wu') });
    expect(still.body.status).toBe('submitted');
  });
});
