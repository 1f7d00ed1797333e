import { randomBytes } from 'node:crypto';
import { newId } from '../../data/keys.js';
import type { Open311Deps } from './deps.js';

/** Issues a community's Open311 API key; the key itself is returned this once and only its hash is kept. */
export async function issueOpen311Key(
  deps: Pick<Open311Deps, 'open311Keys' | 'now'>,
  communityId: string,
  createdBy: string,
) {
  const now = deps.now();
  const record = { keyId: newId(now), communityId, createdAt: now.toISOString(), createdBy };
  const apiKey = randomBytes(32).toString('base64url');
  await deps.open311Keys.create(record, apiKey);
  return { keyId: record.keyId, apiKey, createdAt: record.createdAt };
}
