import {
  type CreateStreetUploadBody,
  type CreateUploadBody,
  ForbiddenError,
  UPLOAD_MAX_BYTES,
  type UploadTicket,
} from '@linli/shared';
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

/** A one-photo upload ticket under `prefix` (`photos/<communityId>/<purpose>` or `photos/streets/<streetId>/bulletin`). */
async function ticketUnder(
  deps: Pick<UploadDeps, 'photos' | 'now'>,
  prefix: string,
  contentType: CreateUploadBody['contentType'],
): Promise<UploadTicket> {
  const now = deps.now();
  const month = now.toISOString().slice(0, 7);
  const key = `${prefix}/${month}/${newId(now)}.${EXTENSIONS[contentType]}`;
  const ticket = await deps.photos.presignUpload({ key, contentType, maxBytes: UPLOAD_MAX_BYTES });
  return { key, ...ticket, maxBytes: UPLOAD_MAX_BYTES, previewUrl: await deps.photos.presignGet(key) };
}

/** A member of a community gets a one-photo upload ticket under that community's prefix. */
export async function createUpload(deps: UploadDeps, userId: string, body: CreateUploadBody): Promise<UploadTicket> {
  const membership = await deps.users.getMembership(userId, body.communityId);
  if (!membership) throw new ForbiddenError('NOT_A_MEMBER', '您不是该社区的成员');
  return ticketUnder(deps, `photos/${body.communityId}/${body.purpose}`, body.contentType);
}

/** Where a street's bulletin pictures are kept: one photo for the street, shown by every community's copy. */
export const streetPhotoPrefix = (streetId: string) => `photos/streets/${streetId}/bulletin/`;

/**
 * A street admin (the route's guard checks the street role) gets a ticket for one picture of a street bulletin,
 * under the street's prefix: the copies in the communities show that one photo.
 */
export async function createStreetUpload(
  deps: Pick<UploadDeps, 'photos' | 'now'>,
  streetId: string,
  body: CreateStreetUploadBody,
): Promise<UploadTicket> {
  return ticketUnder(deps, streetPhotoPrefix(streetId).slice(0, -1), body.contentType);
}
