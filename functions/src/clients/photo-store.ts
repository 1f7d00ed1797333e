/**
 * Photo storage on S3: devices upload straight to the bucket with a presigned
 * POST and show photos through short-lived presigned GETs; the Lambdas never
 * carry photo bytes. Locally the same code talks to infra/local/photo-store.ts.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { UpstreamError } from '@linli/shared';

export interface PhotoStoreConfig {
  bucket: string;
  s3: S3Client;
  /**
   * The photo store's own domain (`https://photos.linli.example.cn`, infra/lib/photo-domain.ts): put in place of
   * the bucket's origin in every URL handed out, for WeChat's uploadFile and downloadFile domain lists. Path and
   * signature are kept: CloudFront passes them to the bucket with the bucket's own host, the one signed for.
   */
  publicUrl?: string;
}

/** `url` with its scheme, host and port taken from `origin`; path and query as they were. */
export function onOrigin(url: string, origin: string | undefined): string {
  if (!origin) return url;
  const from = new URL(url);
  const to = new URL(origin);
  from.protocol = to.protocol;
  from.host = to.host;
  return from.toString();
}

export interface PresignUploadInput {
  key: string;
  contentType: string;
  maxBytes: number;
  expiresInSeconds?: number;
}

export interface PresignedUpload {
  /** Where the form is posted. */
  url: string;
  /** Form fields to send, in this order, before the `file` field. */
  fields: Record<string, string>;
  expiresAt: string;
}

export type PhotoStore = ReturnType<typeof createPhotoStore>;

/**
 * Every upload is tagged unattached; the bucket's lifecycle rule (infra/lib/storage.ts) expires what still
 * carries the tag after UNATTACHED_DAYS. Attaching a photo to a report, bulletin or reward retags it first.
 */
export const ATTACHED_TAG = 'linli-attached';
export const UNATTACHED_DAYS = 2;
const tagging = (value: 'yes' | 'no') =>
  `<Tagging><TagSet><Tag><Key>${ATTACHED_TAG}</Key><Value>${value}</Value></Tag></TagSet></Tagging>`;

const DEFAULT_UPLOAD_SECONDS = 10 * 60;
const DEFAULT_GET_SECONDS = 15 * 60;

export function createPhotoStore(cfg: PhotoStoreConfig) {
  const unavailable = (operation: string, error: unknown): UpstreamError => {
    const upstream = new UpstreamError('PHOTO_STORE_UNAVAILABLE', '图片服务暂时不可用，请稍后再试');
    upstream.cause = { operation, reason: error instanceof Error ? error.name : 'unknown error' };
    return upstream;
  };

  return {
    /** A browser-form upload that S3 itself holds to this key, content type and size range. */
    async presignUpload(i: PresignUploadInput): Promise<PresignedUpload> {
      const expiresIn = i.expiresInSeconds ?? DEFAULT_UPLOAD_SECONDS;
      // Taken before signing, so the stated expiry is never later than the policy's own.
      const expiresAt = new Date(Date.now() + expiresIn * 1000).toISOString();
      try {
        const { url, fields } = await createPresignedPost(cfg.s3, {
          Bucket: cfg.bucket,
          Key: i.key,
          Conditions: [
            ['content-length-range', 1, i.maxBytes],
            ['eq', '$Content-Type', i.contentType],
            ['eq', '$key', i.key],
          ],
          Fields: { 'Content-Type': i.contentType, tagging: tagging('no') },
          Expires: expiresIn,
        });
        return { url: onOrigin(url, cfg.publicUrl), fields, expiresAt };
      } catch (error) {
        throw unavailable('presignUpload', error);
      }
    },

    async presignGet(key: string, expiresInSeconds = DEFAULT_GET_SECONDS): Promise<string> {
      try {
        const signed = await getSignedUrl(cfg.s3, new GetObjectCommand({ Bucket: cfg.bucket, Key: key }), {
          expiresIn: expiresInSeconds,
        });
        return onOrigin(signed, cfg.publicUrl);
      } catch (error) {
        throw unavailable('presignGet', error);
      }
    },

    /** The photo's bytes (for WeChat's image check). */
    async read(key: string): Promise<Buffer> {
      try {
        const out = await cfg.s3.send(new GetObjectCommand({ Bucket: cfg.bucket, Key: key }));
        return Buffer.from((await out.Body?.transformToByteArray()) ?? []);
      } catch (error) {
        throw unavailable('read', error);
      }
    },

    /** Removes a photo for good (PIPL erasure); one already gone is fine. */
    async remove(key: string): Promise<void> {
      try {
        await cfg.s3.send(new DeleteObjectCommand({ Bucket: cfg.bucket, Key: key }));
      } catch (error) {
        throw unavailable('remove', error);
      }
    },

    /** Keeps a photo for good: what uses it is about to be saved (idempotent). */
    async attach(key: string): Promise<void> {
      try {
        await cfg.s3.send(
          new PutObjectTaggingCommand({
            Bucket: cfg.bucket,
            Key: key,
            Tagging: { TagSet: [{ Key: ATTACHED_TAG, Value: 'yes' }] },
          }),
        );
      } catch (error) {
        throw unavailable('attach', error);
      }
    },

    async exists(key: string): Promise<boolean> {
      try {
        await cfg.s3.send(new HeadObjectCommand({ Bucket: cfg.bucket, Key: key }));
        return true;
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status === 404 || (error as Error).name === 'NotFound') return false;
        throw unavailable('exists', error);
      }
    },
  };
}
