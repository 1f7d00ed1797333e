import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { createPhotoStore, onOrigin } from '../../functions/src/clients/photo-store.js';

const s3 = new S3Client({
  region: 'cn-north-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});

describe('the photo store under its own domain (PHOTO_PUBLIC_URL)', () => {
  it('puts the public origin in place of the bucket’s, keeping path and query', () => {
    expect(onOrigin('https://b.s3.cn-north-1.amazonaws.com.cn/photos/a.jpg?X-Amz-Signature=ab', undefined)).toBe(
      'https://b.s3.cn-north-1.amazonaws.com.cn/photos/a.jpg?X-Amz-Signature=ab',
    );
    expect(
      onOrigin('https://b.s3.cn-north-1.amazonaws.com.cn/photos/a.jpg?X-Amz-Signature=ab', 'https://photos.example.cn'),
    ).toBe('https://photos.example.cn/photos/a.jpg?X-Amz-Signature=ab');
    expect(onOrigin('http://127.0.0.1:9000/bucket/k', 'https://photos.example.cn:8443')).toBe(
      'https://photos.example.cn:8443/bucket/k',
    );
  });

  it('hands out uploads and photos on the public domain, signed as for the bucket', async () => {
    const bucketStore = createPhotoStore({ bucket: 'linli-photos', s3 });
    const store = createPhotoStore({ bucket: 'linli-photos', s3, publicUrl: 'https://photos.example.cn' });
    const key = 'photos/u1/a.jpg';
    const direct = new URL(await bucketStore.presignGet(key));
    const get = new URL(await store.presignGet(key));
    expect(direct.host).toBe('linli-photos.s3.cn-north-1.amazonaws.com.cn');
    expect(get.origin).toBe('https://photos.example.cn');
    expect(get.pathname).toBe(direct.pathname);
    expect(get.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(get.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);

    const upload = await store.presignUpload({ key, contentType: 'image/jpeg', maxBytes: 1000 });
    expect(new URL(upload.url).origin).toBe('https://photos.example.cn');
    expect(upload.fields.key).toBe(key);
    expect(upload.fields.Policy).toBeTruthy();
  });
});
