/**
 * The parts a handler needs, each built once per cold start and only when
 * first used. Each part is its own export, so a context's bundle carries only
 * the repositories and clients its routes use (`handlers/<context>/deps.ts`
 * picks them); a public route never builds a WeChat client it does not call.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createPhotoStore } from './clients/photo-store.js';
import { readSecret } from './clients/secrets.js';
import { createWechatClient } from './clients/wechat.js';
import { config } from './config.js';
import { createActivitiesRepository } from './data/activities.js';
import { createBulletinsRepository } from './data/bulletins.js';
import { createTable } from './data/client.js';
import { createCommunitiesRepository } from './data/communities.js';
import { createFeedbackRepository } from './data/feedback.js';
import { createHouseholdsRepository } from './data/households.js';
import { createLeaderboardRepository } from './data/leaderboard.js';
import { createMessagesRepository } from './data/messages.js';
import { createOpen311KeysRepository } from './data/open311-keys.js';
import { createPhotoChecksRepository } from './data/photo-checks.js';
import { createPointCodesRepository } from './data/point-codes.js';
import { createPointsRepository } from './data/points.js';
import { createRollupsRepository } from './data/rollups.js';
import { createSortingGuidesRepository } from './data/sorting-guides.js';
import { createStreetsRepository } from './data/streets.js';
import { createSweepCursorsRepository } from './data/sweep-cursors.js';
import { createUnitsRepository } from './data/units.js';
import { createUsersRepository } from './data/users.js';
import { createWechatNonces } from './data/wechat-nonces.js';
import { createWorkbenchCounts } from './data/workbench.js';
import type { PushSecret } from './domain/messages/wechat-events.js';
import { cachedAccess } from './http/access.js';
import { createSessionTokens } from './http/session-token.js';
import { createSignedCodes } from './http/signed-codes.js';
import { traced } from './tracer.js';

export { config };

/** `make` runs on the first call; later calls return what it made. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

export const table = /* @__PURE__ */ once(() =>
  createTable({
    tableName: config.tableName,
    region: config.region,
    endpoint: config.dynamoEndpoint,
    faults: config.dynamoFaults,
  }),
);
export const users = /* @__PURE__ */ once(() => createUsersRepository(table()));
export const communities = /* @__PURE__ */ once(() => createCommunitiesRepository(table()));
export const households = /* @__PURE__ */ once(() => createHouseholdsRepository(table()));
export const workbench = /* @__PURE__ */ once(() => createWorkbenchCounts(table()));
export const feedback = /* @__PURE__ */ once(() => createFeedbackRepository(table()));
export const bulletins = /* @__PURE__ */ once(() => createBulletinsRepository(table()));
export const points = /* @__PURE__ */ once(() => createPointsRepository(table()));
export const pointCodes = /* @__PURE__ */ once(() => createPointCodesRepository(table()));
export const activities = /* @__PURE__ */ once(() => createActivitiesRepository(table()));
export const leaderboard = /* @__PURE__ */ once(() => createLeaderboardRepository(table()));
export const streets = /* @__PURE__ */ once(() => createStreetsRepository(table()));
export const units = /* @__PURE__ */ once(() => createUnitsRepository(table()));
export const rollups = /* @__PURE__ */ once(() => createRollupsRepository(table()));
export const sortingGuides = /* @__PURE__ */ once(() => createSortingGuidesRepository(table()));
export const messages = /* @__PURE__ */ once(() => createMessagesRepository(table()));
export const photoChecks = /* @__PURE__ */ once(() => createPhotoChecksRepository(table()));
export const sweepCursors = /* @__PURE__ */ once(() => createSweepCursorsRepository(table()));
export const nonces = /* @__PURE__ */ once(() => createWechatNonces(table()));
export const open311Keys = /* @__PURE__ */ once(() => createOpen311KeysRepository(table()));
export const codes = /* @__PURE__ */ once(() => createSignedCodes(() => readSecret(config.sessionKey)));
export const tokens = /* @__PURE__ */ once(() =>
  createSessionTokens(() => readSecret(config.sessionKey), config.sessionTtlSeconds),
);
export const wechat = /* @__PURE__ */ once(() =>
  createWechatClient({
    baseUrl: config.wechat.apiBase,
    appId: config.wechat.appId,
    appSecret: (opts) => readSecret(config.wechat.appSecret, opts),
  }),
);
export const photos = /* @__PURE__ */ once(() =>
  createPhotoStore({
    bucket: config.photoBucket,
    publicUrl: config.photoPublicUrl,
    s3: traced(
      new S3Client({
        region: config.region,
        endpoint: config.s3Endpoint,
        forcePathStyle: Boolean(config.s3Endpoint),
      }),
    ),
  }),
);
export const pushSecret = () => readSecret(config.wechat.push).then(parsePushSecret);
export const now = () => new Date();

/** The message-push secret is JSON; a malformed one fails loudly, not as a forged push. */
function parsePushSecret(text: string): PushSecret {
  const value = JSON.parse(text) as Partial<PushSecret>;
  if (typeof value.token !== 'string' || !/^[A-Za-z0-9]{3,32}$/.test(value.token))
    throw new Error('The WeChat push secret needs a token of 3–32 letters and digits');
  if (typeof value.encodingAesKey !== 'string' || !/^[A-Za-z0-9]{43}$/.test(value.encodingAesKey))
    throw new Error('The WeChat push secret needs a 43-character encodingAesKey');
  return { token: value.token, encodingAesKey: value.encodingAesKey };
}

/** How the HTTP stack checks callers: remembered per container for at most a minute (`http/access.ts`). */
export const access = /* @__PURE__ */ once(() =>
  cachedAccess({
    verifyToken: (token) => tokens().verify(token),
    profile: (userId) => users().getProfile(userId),
    membership: (userId, communityId) => users().getMembership(userId, communityId),
    streetMembership: (userId, streetId) => streets().membership(userId, streetId),
    unitMembership: (userId, unitId) => units().membership(userId, unitId),
  }),
);
