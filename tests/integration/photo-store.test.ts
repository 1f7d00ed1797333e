import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetObjectCommand,
  GetObjectTaggingCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPhotoStore, type PresignedUpload } from '../../functions/src/clients/photo-store.js';
import { type PhotoStoreServer, startPhotoStore } from '../../infra/local/photo-store.js';

const BUCKET = 'linli-photos';
const REGION = 'cn-north-1';
const ACCESS = { accessKeyId: 'local', secretAccessKey: 'local-secret' };
const PNG_BYTES = Buffer.concat([
  Buffer.from('89504e470d0a1a0a', 'hex'),
  Buffer.from('\r\n--not-a-boundary\r\n\0\xff'),
]);

let server: PhotoStoreServer;

beforeAll(async () => {
  server = await startPhotoStore({ port: 0, bucket: BUCKET, region: REGION, ...ACCESS });
});

afterAll(async () => {
  await server.close();
});

function s3For(url: string, extra: { secretAccessKey?: string; systemClockOffset?: number } = {}): S3Client {
  return new S3Client({
    endpoint: url,
    forcePathStyle: true,
    region: REGION,
    credentials: { accessKeyId: ACCESS.accessKeyId, secretAccessKey: extra.secretAccessKey ?? ACCESS.secretAccessKey },
    systemClockOffset: extra.systemClockOffset ?? 0,
  });
}

function store(url = server.url, extra: { systemClockOffset?: number } = {}) {
  return createPhotoStore({ bucket: BUCKET, s3: s3For(url, extra) });
}

/** What the mini-program's H5 build does: the ticket's fields, then the file last. */
function upload(ticket: PresignedUpload, bytes: Uint8Array, type = 'image/png', fields = ticket.fields) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type }), 'photo.png');
  return fetch(ticket.url, { method: 'POST', body: form });
}

async function s3ErrorCode(response: Response): Promise<string | undefined> {
  return /<Code>([^<]+)<\/Code>/.exec(await response.text())?.[1];
}

describe('Uploading a photo with a presigned form and showing it with a presigned link', () => {
  it('stores the exact bytes and serves them back with their content type', async () => {
    // Prepare
    const photos = store();
    const key = 'communities/fengqiao/feedback/f1/楼道 照片(1).png';
    const ticket = await photos.presignUpload({ key, contentType: 'image/png', maxBytes: 1024 });

    // Act
    const uploaded = await upload(ticket, PNG_BYTES);
    const shown = await fetch(await photos.presignGet(key));

    // Assess
    expect(uploaded.status).toBe(204);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await shown.arrayBuffer()).equals(PNG_BYTES)).toBe(true);
    expect(Date.parse(ticket.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('tells whether a photo exists', async () => {
    // Prepare
    const photos = store();
    const ticket = await photos.presignUpload({ key: 'exists/yes.png', contentType: 'image/png', maxBytes: 1024 });
    await upload(ticket, PNG_BYTES);

    // Act
    const present = await photos.exists('exists/yes.png');
    const absent = await photos.exists('exists/no.png');

    // Assess
    expect(present).toBe(true);
    expect(absent).toBe(false);
  });

  it('answers the browser’s CORS preflight so the H5 build can upload from its own port', async () => {
    const response = await fetch(`${server.url}/${BUCKET}`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:3000', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });
});

describe('The photo store refuses what S3 would refuse', () => {
  it('refuses a link whose signature was tampered with', async () => {
    // Prepare
    const photos = store();
    const ticket = await photos.presignUpload({ key: 'tamper/a.png', contentType: 'image/png', maxBytes: 1024 });
    await upload(ticket, PNG_BYTES);
    const link = new URL(await photos.presignGet('tamper/a.png'));
    const signature = link.searchParams.get('X-Amz-Signature') ?? '';
    link.searchParams.set('X-Amz-Signature', `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);

    // Act
    const response = await fetch(link);

    // Assess
    expect(response.status).toBe(403);
    expect(await s3ErrorCode(response)).toBe('SignatureDoesNotMatch');
  });

  it('refuses a link for another key than the one signed', async () => {
    // Prepare
    const link = await store().presignGet('signed/one.png');

    // Act
    const response = await fetch(link.replace('signed/one.png', 'signed/two.png'));

    // Assess
    expect(response.status).toBe(403);
    expect(await s3ErrorCode(response)).toBe('SignatureDoesNotMatch');
  });

  it('refuses an expired link', async () => {
    // Prepare: a one-minute link signed two hours ago
    const photos = store();
    const ticket = await photos.presignUpload({ key: 'expired/a.png', contentType: 'image/png', maxBytes: 1024 });
    await upload(ticket, PNG_BYTES);
    const link = await getSignedUrl(s3For(server.url), new GetObjectCommand({ Bucket: BUCKET, Key: 'expired/a.png' }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 2 * 3600_000),
    });

    // Act
    const response = await fetch(link);

    // Assess
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Request has expired');
  });

  it('refuses an expired upload form', async () => {
    // Prepare
    const late = store(server.url, { systemClockOffset: -2 * 3600_000 });
    const ticket = await late.presignUpload({ key: 'expired/b.png', contentType: 'image/png', maxBytes: 1024 });

    // Act
    const response = await upload(ticket, PNG_BYTES);

    // Assess
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Policy expired');
  });

  it('refuses a file over the ticket’s size limit', async () => {
    // Prepare
    const ticket = await store().presignUpload({ key: 'big/a.png', contentType: 'image/png', maxBytes: 100 });

    // Act
    const response = await upload(ticket, new Uint8Array(101));

    // Assess
    expect(response.status).toBe(400);
    expect(await s3ErrorCode(response)).toBe('EntityTooLarge');
  });

  it('refuses an empty file', async () => {
    const ticket = await store().presignUpload({ key: 'empty/a.png', contentType: 'image/png', maxBytes: 100 });
    const response = await upload(ticket, new Uint8Array(0));
    expect(response.status).toBe(400);
    expect(await s3ErrorCode(response)).toBe('EntityTooSmall');
  });

  it('refuses a file sent with another content type than the ticket’s', async () => {
    // Prepare
    const ticket = await store().presignUpload({ key: 'type/a.png', contentType: 'image/png', maxBytes: 1024 });
    const fields = { ...ticket.fields, 'Content-Type': 'text/html' };

    // Act
    const response = await upload(ticket, PNG_BYTES, 'text/html', fields);

    // Assess
    expect(response.status).toBe(403);
    expect(await s3ErrorCode(response)).toBe('AccessDenied');
    expect(await store().exists('type/a.png')).toBe(false);
  });

  it('refuses a form rewritten to another key, or with an extra field', async () => {
    // Prepare
    const ticket = await store().presignUpload({ key: 'key/a.png', contentType: 'image/png', maxBytes: 1024 });

    // Act
    const otherKey = await upload(ticket, PNG_BYTES, 'image/png', { ...ticket.fields, key: 'key/b.png' });
    const extraField = await upload(ticket, PNG_BYTES, 'image/png', { ...ticket.fields, 'x-amz-meta-owner': 'me' });

    // Assess
    expect(otherKey.status).toBe(403);
    expect(extraField.status).toBe(403);
    expect(await extraField.text()).toContain('Extra input fields');
  });

  it('stores the ticket’s tags with the upload and holds the form to them, as S3 does', async () => {
    // Prepare
    const photos = store();
    const ticket = await photos.presignUpload({ key: 'tags/a.png', contentType: 'image/png', maxBytes: 1024 });
    const s3 = s3For(server.url);
    const tagsOf = async (Key: string) =>
      (await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key }))).TagSet?.map((t) => `${t.Key}=${t.Value}`);

    // Act
    const kept = await upload(ticket, PNG_BYTES);
    const retagged = await upload({ ...ticket }, PNG_BYTES, 'image/png', {
      ...ticket.fields,
      tagging: '<Tagging><TagSet><Tag><Key>linli-attached</Key><Value>yes</Value></Tag></TagSet></Tagging>',
    });

    // Assess: stored with the ticket's tag; a form that changes the tag breaks the policy.
    expect(kept.status).toBe(204);
    expect(await tagsOf('tags/a.png')).toEqual(['linli-attached=no']);
    expect(retagged.status).toBe(403);
    await photos.attach('tags/a.png');
    expect(await tagsOf('tags/a.png')).toEqual(['linli-attached=yes']);
    await expect(photos.attach('tags/never-uploaded.png')).rejects.toMatchObject({ code: 'PHOTO_STORE_UNAVAILABLE' });
    const malformed = await s3
      .send(
        new PutObjectTaggingCommand({
          Bucket: BUCKET,
          Key: 'tags/a.png',
          Tagging: { TagSet: Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) },
        }),
      )
      .catch((error: Error) => error.name);
    expect(malformed, 'at most 10 tags').toBe('BadRequest');
    // Like S3, a tag set without a checksum of the body is refused.
    const unchecked = s3For(server.url);
    unchecked.middlewareStack.addRelativeTo(
      ((next: (a: { request: unknown }) => Promise<unknown>) => async (args: { request: unknown }) => {
        const headers = (args.request as { headers: Record<string, string> }).headers;
        for (const name of Object.keys(headers))
          if (/^(content-md5|x-amz-checksum-|x-amz-sdk-checksum)/i.test(name)) delete headers[name];
        return next(args);
      }) as never,
      { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'dropChecksum' },
    );
    const noChecksum = await unchecked
      .send(
        new PutObjectTaggingCommand({
          Bucket: BUCKET,
          Key: 'tags/a.png',
          Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] },
        }),
      )
      .catch((error: Error) => error.name);
    expect(noChecksum).toBe('InvalidRequest');
    expect(await tagsOf('tags/a.png'), 'nothing changed').toEqual(['linli-attached=yes']);
  });

  it('refuses a body over 10 MB without storing it', async () => {
    // Prepare
    const ticket = await store().presignUpload({
      key: 'huge/a.png',
      contentType: 'image/png',
      maxBytes: 50 * 1024 * 1024,
    });

    // Act
    const response = await upload(ticket, new Uint8Array(11 * 1024 * 1024));

    // Assess
    expect(response.status).toBe(400);
    expect(await s3ErrorCode(response)).toBe('EntityTooLarge');
    expect(await store().exists('huge/a.png')).toBe(false);
  });
});

describe('The AWS SDK talking to the photo store directly', () => {
  it('puts and gets an object with header signatures', async () => {
    // Prepare
    const s3 = s3For(server.url);

    // Act
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'sdk/a b.txt', Body: '你好', ContentType: 'text/plain' }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'sdk/a b.txt' }));

    // Assess
    expect(got.ContentType).toBe('text/plain');
    expect(await got.Body?.transformToString()).toBe('你好');
  });

  it('refuses a client holding the wrong secret', async () => {
    // Prepare
    const s3 = s3For(server.url, { secretAccessKey: 'not-the-secret' });

    // Act
    const error = await s3
      .send(new PutObjectCommand({ Bucket: BUCKET, Key: 'sdk/wrong.txt', Body: 'x' }))
      .catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
  });
});

describe('A photo store with a data directory', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'linli-photos-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps photos across a restart', async () => {
    // Prepare
    const first = await startPhotoStore({ port: 0, bucket: BUCKET, region: REGION, ...ACCESS, dataDir });
    const key = 'communities/fengqiao/bulletins/b1/cover.png';
    const ticket = await store(first.url).presignUpload({ key, contentType: 'image/png', maxBytes: 1024 });
    expect((await upload(ticket, PNG_BYTES)).status).toBe(204);
    await first.close();

    // Act
    const second = await startPhotoStore({ port: 0, bucket: BUCKET, region: REGION, ...ACCESS, dataDir });
    try {
      const shown = await fetch(await store(second.url).presignGet(key));

      // Assess
      expect(shown.status).toBe(200);
      expect(shown.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await shown.arrayBuffer()).equals(PNG_BYTES)).toBe(true);
    } finally {
      await second.close();
    }
  });
});
