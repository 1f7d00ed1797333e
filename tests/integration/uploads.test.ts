import { GetObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, inject, it } from 'vitest';
import { ATTACHED_TAG } from '../../functions/src/clients/photo-store.js';
import { call, newKey, signIn } from '../support/api.js';
import { uploadPhoto } from '../support/photos.js';
import { newResident } from '../support/residents.js';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('uploading a photo through a presigned POST', () => {
  it('gives a member a ticket; the photo store takes the file and serves it back', async () => {
    // Prepare
    const token = await signIn('resident-wang');
    // Act
    const ticket = await call('POST', '/v1/uploads', {
      token,
      body: { communityId: 'chunhui', purpose: 'feedback', contentType: 'image/png', size: PNG.length },
    });
    const form = new FormData();
    for (const [name, value] of Object.entries(ticket.body.fields as Record<string, string>)) form.append(name, value);
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'photo.png');
    const upload = await fetch(ticket.body.url, { method: 'POST', body: form });
    const back = await fetch(ticket.body.previewUrl);
    // Assess
    expect(ticket.status).toBe(201);
    expect(ticket.body.key).toMatch(/^photos\/chunhui\/feedback\/\d{4}-\d{2}\/\w+\.png$/);
    expect(upload.status).toBe(204);
    expect(back.status).toBe(200);
    expect(Buffer.from(await back.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses files that are not photos or are too large, naming the field', async () => {
    const token = await signIn('resident-wang');
    const pdf = await call('POST', '/v1/uploads', {
      token,
      body: { communityId: 'chunhui', purpose: 'feedback', contentType: 'application/pdf', size: 10 },
    });
    const huge = await call('POST', '/v1/uploads', {
      token,
      body: { communityId: 'chunhui', purpose: 'feedback', contentType: 'image/jpeg', size: 50 * 1024 * 1024 },
    });
    expect(pdf.status).toBe(400);
    expect(pdf.body.error.details[0].field).toBe('body.contentType');
    expect(huge.status).toBe(400);
    expect(huge.body.error.details[0].field).toBe('body.size');
  });
});

describe('an upload nothing uses expires; one a report uses is kept', () => {
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';
  const s3 = new S3Client({ region: 'cn-north-1', endpoint: inject('photoStoreUrl'), forcePathStyle: true });
  const tagsOf = async (key: string) =>
    (await s3.send(new GetObjectTaggingCommand({ Bucket: 'linli-photos', Key: key }))).TagSet?.map(
      (t) => `${t.Key}=${t.Value}`,
    );

  it('tags every upload unattached (what the lifecycle rule expires) and retags it when the report is filed', async () => {
    // Prepare
    const person = await newResident();
    const photo = await uploadPhoto(person.token, 'chunhui', 'feedback');
    const left = await uploadPhoto(person.token, 'chunhui', 'feedback');
    expect(await tagsOf(photo)).toEqual([`${ATTACHED_TAG}=no`]);
    // Act
    const filed = await call('POST', '/v1/communities/chunhui/feedback', {
      token: person.token,
      idempotencyKey: newKey(),
      body: {
        category: 'sanitation',
        description: '楼道堆放杂物',
        location: { estateId: 'chunhui-yuan', buildingId: 'chy-b1', unit: 1, detail: '' },
        photos: [photo],
      },
    });
    // Assess
    expect(filed.status).toBe(201);
    expect(await tagsOf(photo)).toEqual([`${ATTACHED_TAG}=yes`]);
    expect(await tagsOf(left), 'the one nothing used still expires').toEqual([`${ATTACHED_TAG}=no`]);
  });

  it('retags a bulletin’s cover and body image when the draft is saved, and a reward’s picture', async () => {
    // Prepare
    const admin = await signIn('admin-chunhui');
    const [cover, image, picture, left] = await Promise.all([
      uploadPhoto(admin, 'chunhui', 'bulletin'),
      uploadPhoto(admin, 'chunhui', 'bulletin'),
      uploadPhoto(admin, 'chunhui', 'reward'),
      uploadPhoto(admin, 'chunhui', 'bulletin'),
    ]);
    // Act
    const bulletin = await call('POST', '/v1/communities/chunhui/bulletins', {
      token: admin,
      idempotencyKey: newKey(),
      body: {
        title: '楼道整治',
        kind: 'notice',
        body: `整治前后对比。\n\n![整治后](${image})`,
        coverKey: cover,
        audience: { type: 'estates', estateIds: ['chunhui-yuan'] },
        important: false,
      },
    });
    const reward = await call('POST', '/v1/communities/chunhui/rewards', {
      token: admin,
      idempotencyKey: newKey(),
      body: { name: '环保袋', description: '', pointsCost: 10, imageKey: picture, monthlyLimit: null, active: true },
    });
    // Assess
    expect(bulletin.status, JSON.stringify(bulletin.body)).toBe(201);
    expect(reward.status, JSON.stringify(reward.body)).toBe(201);
    for (const key of [cover, image, picture]) expect(await tagsOf(key), key).toEqual([`${ATTACHED_TAG}=yes`]);
    expect(await tagsOf(left), 'the one nothing used still expires').toEqual([`${ATTACHED_TAG}=no`]);
  });
});
