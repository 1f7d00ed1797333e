/**
 * Everything a handler needs, built once per cold start and only when first
 * used: a public route never builds a WeChat client it does not call.
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
import { createUsersRepository } from './data/users.js';
import { createWechatNonces } from './data/wechat-nonces.js';
import { createWorkbenchCounts } from './data/workbench.js';
import type { PushSecret } from './domain/messages/wechat-events.js';
import type { AccessDeps } from './http/route-handler.js';
import { createSessionTokens } from './http/session-token.js';
import { createSignedCodes } from './http/signed-codes.js';

function build() {
  const table = createTable({
    tableName: config.tableName,
    region: config.region,
    endpoint: config.dynamoEndpoint,
    faults: config.dynamoFaults,
  });
  const users = createUsersRepository(table);
  return {
    config,
    table,
    users,
    communities: createCommunitiesRepository(table),
    households: createHouseholdsRepository(table),
    workbench: createWorkbenchCounts(table),
    feedback: createFeedbackRepository(table),
    bulletins: createBulletinsRepository(table),
    points: createPointsRepository(table),
    pointCodes: createPointCodesRepository(table),
    activities: createActivitiesRepository(table),
    leaderboard: createLeaderboardRepository(table),
    messages: createMessagesRepository(table),
    photoChecks: createPhotoChecksRepository(table),
    nonces: createWechatNonces(table),
    appId: config.wechat.appId,
    pushSecret: () => readSecret(config.wechat.push).then(parsePushSecret),
    codes: createSignedCodes(() => readSecret(config.sessionKey)),
    open311Keys: createOpen311KeysRepository(table),
    templates: config.wechat.templates,
    tokens: createSessionTokens(() => readSecret(config.sessionKey), config.sessionTtlSeconds),
    wechat: createWechatClient({
      baseUrl: config.wechat.apiBase,
      appId: config.wechat.appId,
      appSecret: (opts) => readSecret(config.wechat.appSecret, opts),
    }),
    photos: createPhotoStore({
      bucket: config.photoBucket,
      s3: new S3Client({
        region: config.region,
        endpoint: config.s3Endpoint,
        forcePathStyle: Boolean(config.s3Endpoint),
      }),
    }),
    now: () => new Date(),
  };
}

/** The message-push secret is JSON; a malformed one fails loudly, not as a forged push. */
function parsePushSecret(text: string): PushSecret {
  const value = JSON.parse(text) as Partial<PushSecret>;
  if (typeof value.token !== 'string' || !/^[A-Za-z0-9]{3,32}$/.test(value.token))
    throw new Error('The WeChat push secret needs a token of 3–32 letters and digits');
  if (typeof value.encodingAesKey !== 'string' || !/^[A-Za-z0-9]{43}$/.test(value.encodingAesKey))
    throw new Error('The WeChat push secret needs a 43-character encodingAesKey');
  return { token: value.token, encodingAesKey: value.encodingAesKey };
}

export type Deps = ReturnType<typeof build>;

let built: Deps | undefined;
export function deps(): Deps {
  built ??= build();
  return built;
}

/** How the HTTP stack checks callers. */
export function access(): AccessDeps {
  const { tokens, users } = deps();
  return {
    verifyToken: (token) => tokens.verify(token),
    userExists: async (userId) => Boolean(await users.getProfile(userId)),
    membership: (userId, communityId) => users.getMembership(userId, communityId),
  };
}
