import { type CreateUploadBody, ForbiddenError, UPLOAD_MAX_BYTES, type UploadTicket } from '@linli/shared';
import { newId } from '../../data/keys.js';
import type { UsersRepository } from '../../data/users.js';

export interface UploadDeps {
  users: UsersRepository;
  photos: {
    presignUpload(i: { key: string; contentType: string; maxBytes: number }): Promise<{
      url: string;
      fields: Record<string, string>;
      expiresAt: string;
    }>;
    presignGet(key: string): Promise<string>;
  };
  now: () => Date;
}

const EXTENSIONS: Record<CreateUploadBody['contentType'], string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** A member of a community gets a one-photo upload ticket under that community's prefix. */
export async function createUpload(deps: UploadDeps, userId: string, body: CreateUploadBody): Promise<UploadTicket> {
  const membership = await deps.users.getMembership(userId, body.communityId);
  if (!membership) throw new ForbiddenError('NOT_A_MEMBER', '您不是该社区的成员');
  const now = deps.now();
  const month = now.toISOString().slice(0, 7);
  const key = `photos/${body.communityId}/${body.purpose}/${month}/${newId(now)}.${EXTENSIONS[body.contentType]}`;
  const ticket = await deps.photos.presignUpload({ key, contentType: body.contentType, maxBytes: UPLOAD_MAX_BYTES });
  return { key, ...ticket, maxBytes: UPLOAD_MAX_BYTES, previewUrl: await deps.photos.presignGet(key) };
}
