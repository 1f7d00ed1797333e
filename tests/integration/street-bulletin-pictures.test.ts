/**
 * Pictures in street bulletins (街道公告), through the HTTP stack: a street
 * admin uploads a picture under the street, writes it into the body, a second
 * street admin approves, and residents of the chosen communities see it in
 * their feed and the bulletin. The copies show the street's one photo: WeChat's
 * risky verdict marks it once, on the street bulletin, and it is hidden in
 * every community. Photos that are not the street's are refused.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createTable } from '../../functions/src/data/client.js';
import { createPhotoChecksRepository } from '../../functions/src/data/photo-checks.js';
import { createStreetsRepository } from '../../functions/src/data/streets.js';
import { call, newKey, signIn, signInNewWechatUser } from '../support/api.js';
import { PNG, uploadPhoto, uploadStreetPhoto } from '../support/photos.js';
import { messagesOf, standIn } from '../support/wechat.js';

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';

const table = createTable({ tableName: inject('tableName'), region: 'cn-north-1', endpoint: inject('dynamoEndpoint') });
const S = '/v1/streets/changhe';
const CHUNHUI_ONLY = { type: 'communities', communityIds: ['chunhui'] };
const RISKY = Buffer.concat([PNG, Buffer.from('RISKY-IMAGE')]);

type Block = { type: string; key?: string; url?: string; caption?: string; hidden?: true };
const imagesIn = (body: { blocks: Block[] }) => body.blocks.filter((b) => b.type === 'image');

let otherStreetAdmin = '';

beforeAll(async () => {
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

async function write(title: string, body: string, audience: unknown = CHUNHUI_ONLY) {
  return call('POST', `${S}/bulletins`, {
    token: await signIn('street-qian'),
    idempotencyKey: newKey(),
    body: { title, kind: 'notice', body, audience },
  });
}

async function publish(title: string, body: string, audience: unknown = CHUNHUI_ONLY) {
  const written = await write(title, body, audience);
  expect(written.status, JSON.stringify(written.body)).toBe(201);
  const id = written.body.bulletinId as string;
  await call('POST', `${S}/bulletins/${id}/submit`, { token: await signIn('street-qian') });
  const approved = await call('POST', `${S}/bulletins/${id}/approve`, { token: await signIn('street2-wu') });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  expect(approved.body.status).toBe('published');
  return id;
}

const detailFor = async (persona: string, communityId: string, id: string) => {
  const res = await call('GET', `/v1/communities/${communityId}/bulletins/${id}`, { token: await signIn(persona) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { blocks: Block[]; fromStreet?: string };
};

const feedItemFor = async (persona: string, communityId: string, id: string) => {
  const res = await call('GET', `/v1/communities/${communityId}/bulletins?limit=50`, { token: await signIn(persona) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as { bulletinId: string; coverUrl: string | null; coverHidden?: true }[]).find(
    (i) => i.bulletinId === id,
  );
};

const sweep = () =>
  call('POST', '/v1/dev/sweeps', { body: { now: new Date().toISOString(), sweeps: ['bulletin-publish'] } });

describe('a street bulletin’s pictures', () => {
  it('are uploaded under the street and shown to the chosen community’s residents after a second admin approves', async () => {
    // Prepare: a picture uploaded by the street admin, under the street's prefix
    const key = await uploadStreetPhoto(await signIn('street-qian'), 'changhe');
    expect(key).toMatch(/^photos\/streets\/changhe\/bulletin\/\d{4}-\d{2}\/[a-z0-9]+\.png$/);

    // Act: written with the picture and a caption, approved by 吴晓燕
    const id = await publish('长河街道：消防通道清理', `请保持消防通道畅通。\n\n![清理后的消防通道](${key})`);

    // Assess: 王秀英 of 春晖社区 sees the picture in the bulletin and its feed, through presigned GETs
    const detail = await detailFor('resident-wang', 'chunhui', id);
    expect(detail.fromStreet).toBe('长河街道');
    expect(imagesIn(detail)).toEqual([
      expect.objectContaining({ key, caption: '清理后的消防通道', url: expect.stringContaining(key) }),
    ]);
    const shown = await fetch(imagesIn(detail)[0]?.url as string);
    expect(shown.status).toBe(200);
    expect(Buffer.from(await shown.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await feedItemFor('resident-wang', 'chunhui', id))?.coverUrl).toContain(key);
    // The street's admins see it too; the check is queued for the street bulletin
    const street = await call('GET', `${S}/bulletins/${id}`, { token: await signIn('street2-wu') });
    expect(imagesIn(street.body)).toEqual([expect.objectContaining({ key, url: expect.any(String) })]);
    const check = await createPhotoChecksRepository(table).get(key);
    expect(check?.owner).toMatchObject({ pk: `STREET#changhe#BUL#${id}`, sk: 'STREET_BULLETIN', versioned: true });
  });

  it('once WeChat judges one risky, hides it from the residents of every community, marked for staff', async () => {
    // Prepare: a picture carrying the stand-in's risky marker, published to the whole street
    const bad = await uploadStreetPhoto(await signIn('street-qian'), 'changhe', RISKY);
    const id = await publish('长河街道：楼道堆物整治', `整治前的楼道如下。\n\n![楼道堆物](${bad})`, { type: 'street' });
    expect(imagesIn(await detailFor('resident-zhou', 'fengqiao', id))).toHaveLength(1);

    // Act: WeChat's verdict arrives by push, then the publish sweep runs
    await standIn('/__stand-in/media-checks/flush', { body: {} });
    const checks = createPhotoChecksRepository(table);
    await expect.poll(async () => (await checks.get(bad))?.status, { timeout: 15_000, interval: 200 }).toBe('risky');
    expect((await sweep()).status).toBe(200);

    // Assess: hidden once, for residents of both communities, in the bulletin and the feed
    expect(imagesIn(await detailFor('resident-wang', 'chunhui', id))).toHaveLength(0);
    expect(imagesIn(await detailFor('resident-zhou', 'fengqiao', id))).toHaveLength(0);
    expect((await feedItemFor('resident-wang', 'chunhui', id))?.coverUrl).toBeNull();
    expect((await feedItemFor('resident-zhou', 'fengqiao', id))?.coverUrl).toBeNull();
    // Staff still see it, marked: the community's admin and the street's
    expect(imagesIn(await detailFor('admin-chunhui', 'chunhui', id))).toEqual([
      expect.objectContaining({ key: bad, hidden: true }),
    ]);
    expect((await feedItemFor('admin-chunhui', 'chunhui', id))?.coverHidden).toBe(true);
    const street = await call('GET', `${S}/bulletins/${id}`, { token: await signIn('street-qian') });
    expect(imagesIn(street.body)).toEqual([expect.objectContaining({ key: bad, hidden: true })]);
    // The author is told, with a link to the street's editing page
    const told = (await messagesOf('street-qian')).items.filter(
      (m) => m.kind === 'photo_hidden' && m.link?.includes(`bulletinId=${id}`),
    );
    expect(told.map((m) => m.link)).toEqual([`packages/street/bulletin-edit/index?streetId=changhe&bulletinId=${id}`]);
    // A new revision keeps the mark (the verdict bumped the version: the edit uses the current one)
    const edited = await call('PUT', `${S}/bulletins/${id}`, {
      token: await signIn('street-qian'),
      body: {
        title: '长河街道：楼道堆物整治（更正）',
        kind: 'notice',
        body: `整治前的楼道如下。\n\n![楼道堆物](${bad})\n\n请于周五前清理。`,
        audience: { type: 'street' },
        version: street.body.version,
      },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.revision).toBe(2);
    expect(imagesIn(await detailFor('resident-zhou', 'fengqiao', id))).toHaveLength(0);
    expect(imagesIn(await detailFor('admin-chunhui', 'chunhui', id))).toEqual([
      expect.objectContaining({ key: bad, hidden: true }),
    ]);
  });

  it('refuses a photo that is not the street’s, naming the field, and writes nothing', async () => {
    // Prepare: a community's bulletin picture, and another street's
    const communityPhoto = await uploadPhoto(await signIn('admin-chunhui'), 'chunhui', 'bulletin');
    const xihuPhoto = await uploadStreetPhoto(otherStreetAdmin, 'xihu');
    const before = await call('GET', `${S}/bulletins?status=draft&limit=100`, { token: await signIn('street-qian') });

    // Act
    const refused = await Promise.all(
      [communityPhoto, xihuPhoto].map(async (key) => write('长河街道：借用的图片', `说明。\n\n![图](${key})`)),
    );

    // Assess: 400 naming body.body, with a stable code; no draft written
    for (const res of refused) {
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe('PHOTO_NOT_THE_STREETS');
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'body.body' })]);
    }
    const after = await call('GET', `${S}/bulletins?status=draft&limit=100`, { token: await signIn('street-qian') });
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('gives upload tickets to the street’s admins only', async () => {
    const ticket = { contentType: 'image/png', size: PNG.length };
    for (const token of [otherStreetAdmin, await signIn('admin-chunhui'), await signIn('resident-wang')]) {
      const res = await call('POST', `${S}/uploads`, { token, body: ticket });
      expect(res.status, JSON.stringify(res.body)).toBe(403);
    }
    const bad = await call('POST', `${S}/uploads`, {
      token: await signIn('street-qian'),
      body: { ...ticket, contentType: 'image/gif' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'body.contentType' })]);
  });
});
