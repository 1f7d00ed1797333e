/**
 * What household decisions and important bulletins tell residents in 消息,
 * through the API of the local stack; and WeChat's asynchronous image check
 * of a bulletin's images: queued with the write, a risky one never shown
 * to residents, shown to editors marked.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createTable } from '../../functions/src/data/client.js';
import { createPhotoChecksRepository } from '../../functions/src/data/photo-checks.js';
import { call, newKey, signIn, signInNewWechatUser } from '../support/api.js';
import { PNG, uploadPhoto } from '../support/photos.js';
import { newResident } from '../support/residents.js';
import { messagesOf, standIn } from '../support/wechat.js';

const C = '/v1/communities/chunhui';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';
type Box = Awaited<ReturnType<typeof messagesOf>>;
const ofKind = (box: Box, kind: string) => box.items.filter((m) => m.kind === kind);

describe('household decisions in 消息', () => {
  async function request(token: string, room: string) {
    const res = await call('POST', `${C}/households`, {
      token,
      idempotencyKey: newKey(),
      body: { estateId: 'chunhui-yuan', buildingId: 'chy-b2', unit: 2, room, relation: 'tenant' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.householdId as string;
  }

  it('tells the applicant of an approval, once, linking to 我的', async () => {
    // Prepare
    const person = await signInNewWechatUser();
    const id = await request(person.token, '0301');
    expect((await messagesOf(person)).unread).toBe(0);
    const admin = await signIn('admin-chunhui');
    // Act: approved, then a second tap
    const approved = await call('POST', `${C}/households/${id}/approve`, { token: admin });
    const again = await call('POST', `${C}/households/${id}/approve`, { token: admin });
    // Assess
    expect(approved.status).toBe(200);
    expect(again.status).toBe(409);
    const box = await messagesOf(person);
    expect(box.items.map((m) => [m.kind, m.title, m.body, m.link, m.read])).toEqual([
      [
        'household_approved',
        '住户绑定已通过',
        '春晖苑 2幢 2单元 0301室 已绑定，现在可以反映问题、攒积分和兑换了。',
        'pages/mine/index',
        false,
      ],
    ]);
    expect(box.unread).toBe(1);
  });

  it('tells the applicant of a refusal with the reason, and nobody else', async () => {
    // Prepare
    const [refusedOne, bystander] = await Promise.all([signInNewWechatUser(), signInNewWechatUser()]);
    const id = await request(refusedOne.token, '0302');
    await request(bystander.token, '0303');
    // Act
    const rejected = await call('POST', `${C}/households/${id}/reject`, {
      token: await signIn('admin-chunhui'),
      body: { reason: '门牌号与物业登记不符' },
    });
    // Assess
    expect(rejected.status).toBe(200);
    const box = await messagesOf(refusedOne);
    expect(box.items.map((m) => [m.kind, m.title, m.body, m.link])).toEqual([
      [
        'household_rejected',
        '住户绑定未通过',
        '春晖苑 2幢 2单元 0302室 的绑定申请未通过。原因：门牌号与物业登记不符。您可以修改后重新申请。',
        'pages/mine/index',
      ],
    ]);
    expect(box.unread).toBe(1);
    expect((await messagesOf(bystander)).items).toEqual([]);
    expect(ofKind(await messagesOf('admin-chunhui'), 'household_rejected')).toEqual([]);
  });
});

const NOTICE = {
  kind: 'notice',
  body: '# 停水时间\n\n因管道检修，**周六 9:00–15:00** 春晖苑全区停水。\n\n- 请提前储水',
  audience: { type: 'estates', estateIds: ['chunhui-yuan'] },
  important: true,
};

async function write(body: Record<string, unknown>) {
  const res = await call('POST', `${C}/bulletins`, {
    token: await signIn('admin-chunhui'),
    idempotencyKey: newKey(),
    body: { title: `停水通知 ${randomUUID().slice(0, 4)}`, ...NOTICE, ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { bulletinId: string; title: string; version: number };
}

async function publish(body: Record<string, unknown> = {}) {
  const b = await write(body);
  expect(
    (await call('POST', `${C}/bulletins/${b.bulletinId}/submit`, { token: await signIn('admin-chunhui') })).status,
  ).toBe(200);
  const approved = await call('POST', `${C}/bulletins/${b.bulletinId}/approve`, {
    token: await signIn('admin2-chunhui'),
  });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return { ...b, approved: approved.body };
}

const announcements = async (who: Parameters<typeof messagesOf>[0], bulletinId: string) =>
  ofKind(await messagesOf(who), 'bulletin_important').filter((m) => m.link?.includes(`bulletinId=${bulletinId}`));

describe('important bulletins in 消息', () => {
  it('announce to each resident of the audience when published, and to nobody outside it', async () => {
    // Prepare: a resident of 春晖苑 (in the audience) and one of 翠竹园 (not)
    const [inside, outside] = await Promise.all([newResident(), newResident('czy-b1', 'cuizhu-yuan')]);
    const before = (await messagesOf(inside)).unread;
    // Act
    const { bulletinId, title, approved } = await publish();
    // Assess
    expect(approved.status).toBe('published');
    const mine = await announcements(inside, bulletinId);
    expect(mine.map((m) => [m.messageId, m.title, m.body, m.link, m.read])).toEqual([
      [
        `bul-${bulletinId}`,
        `重要通知：${title}`,
        '停水时间 因管道检修，周六 9:00–15:00 春晖苑全区停水。 请提前储水',
        `packages/bulletins/detail/index?communityId=chunhui&bulletinId=${bulletinId}`,
        false,
      ],
    ]);
    expect((await messagesOf(inside)).unread).toBe(before + 1);
    expect(await announcements(outside, bulletinId)).toEqual([]);
    expect(await announcements('admin-chunhui', bulletinId)).toEqual([]);
    // The demo resident of 春晖苑 has it too
    expect(await announcements('resident-wang', bulletinId)).toHaveLength(1);
  });

  it('announce nothing for a bulletin that is not important, until an edit makes it important, once', async () => {
    // Prepare
    const resident = await newResident();
    const { bulletinId, approved } = await publish({ important: false });
    expect(await announcements(resident, bulletinId)).toEqual([]);
    // Act: made important, then edited again
    const edit = async (version: number) =>
      call('PUT', `${C}/bulletins/${bulletinId}`, {
        token: await signIn('admin-chunhui'),
        body: { ...NOTICE, title: approved.title, important: true, version },
      });
    const first = await edit(approved.version);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect((await edit(first.body.version)).status).toBe(200);
    // Assess
    expect(await announcements(resident, bulletinId)).toHaveLength(1);
  });

  it('announce a scheduled bulletin when the publish sweep reaches it, once however often it runs', async () => {
    // Prepare
    const resident = await newResident();
    const publishAt = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const { bulletinId, approved } = await publish({ publishAt });
    expect(approved.status).toBe('approved');
    expect(await announcements(resident, bulletinId)).toEqual([]);
    // Act
    const at = new Date(Date.parse(publishAt) + 60_000).toISOString();
    for (let i = 0; i < 2; i++) {
      const res = await call('POST', '/v1/dev/sweeps', { body: { now: at, sweeps: ['bulletin-publish'] } });
      expect(res.status).toBe(200);
    }
    // Assess
    expect(await announcements(resident, bulletinId)).toHaveLength(1);
    expect(await announcements('resident-wang', bulletinId)).toHaveLength(1);
  });
});

describe('a bulletin’s images', () => {
  it('are checked by WeChat after the write; a risky one is left out for residents and marked for editors', async () => {
    // Prepare: a good cover and a body image carrying the stand-in's risky marker
    const admin = await signIn('admin-chunhui');
    const purpose = 'bulletin';
    const cover = await uploadPhoto(admin, 'chunhui', purpose);
    const bad = await uploadPhoto(admin, 'chunhui', purpose, Buffer.concat([PNG, Buffer.from('RISKY-IMAGE')]));
    // Act: published at once; the verdicts come later
    const { bulletinId, approved } = await publish({
      important: false,
      coverKey: cover,
      body: `现场照片如下。\n\n![楼道堆物](${bad})\n\n请各户自查。`,
    });
    expect(approved.blocks.filter((b: { type: string }) => b.type === 'image')).toHaveLength(1);
    // The checks were queued with the write, for the bulletin; WeChat's verdicts arrive by push
    await standIn('/__stand-in/media-checks/flush', { body: {} });
    const checks = createPhotoChecksRepository(
      createTable({ tableName: inject('tableName'), region: 'cn-north-1', endpoint: inject('dynamoEndpoint') }),
    );
    await expect
      .poll(async () => Promise.all([cover, bad].map(async (k) => (await checks.get(k))?.status)), {
        timeout: 15_000,
        interval: 200,
      })
      .toEqual(['pass', 'risky']);
    expect((await checks.get(bad))?.owner).toMatchObject({
      pk: `COMM#chunhui#BUL#${bulletinId}`,
      sk: 'BULLETIN',
      versioned: true,
    });
    // Assess: residents no longer get the risky image; the cover stays
    const seen = async () =>
      (await call('GET', `${C}/bulletins/${bulletinId}`, { token: await signIn('resident-wang') })).body;
    await expect
      .poll(async () => (await seen()).blocks.filter((b: { type: string }) => b.type === 'image').length, {
        timeout: 15_000,
        interval: 200,
      })
      .toBe(0);
    const resident = await seen();
    expect(resident.coverUrl).toBeTruthy();
    expect(resident.coverHidden).toBeUndefined();
    // Editors see it marked, and the author is told, with a link to the editing page
    const editor = (await call('GET', `${C}/bulletins/${bulletinId}`, { token: admin })).body;
    expect(editor.blocks.filter((b: { type: string }) => b.type === 'image')).toEqual([
      expect.objectContaining({ key: bad, hidden: true, url: expect.any(String) }),
    ]);
    const told = ofKind(await messagesOf('admin-chunhui'), 'photo_hidden').filter((m) =>
      m.link?.includes(`bulletinId=${bulletinId}`),
    );
    expect(told.map((m) => m.link)).toEqual([
      `packages/bulletins-admin/edit/index?communityId=chunhui&bulletinId=${bulletinId}`,
    ]);
    // An edit keeps the mark (the verdict bumped the version: the edit uses the current one)
    const edited = await call('PUT', `${C}/bulletins/${bulletinId}`, {
      token: admin,
      body: {
        ...NOTICE,
        important: false,
        title: approved.title,
        coverKey: cover,
        body: `现场照片如下。\n\n![楼道堆物](${bad})\n\n请各户自查，周五前清理。`,
        version: editor.version,
      },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect((await seen()).blocks.filter((b: { type: string }) => b.type === 'image')).toHaveLength(0);
  });
});
