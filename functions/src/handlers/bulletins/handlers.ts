/** The bulletins context: thin handlers, one per route. */

import type { MembershipRecord } from '../../data/users.js';
import { createNewsletter, listNewsletters } from '../../domain/bulletins/newsletters.js';
import {
  bulletinView,
  feed,
  managedBulletins,
  markRead,
  newsletterIssue,
  readBulletin,
  readFigures,
  readFiguresCsv,
  unreadCount,
} from '../../domain/bulletins/read.js';
import { createBulletin, moveBulletin, updateBulletin } from '../../domain/bulletins/write.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';
import { quickReader, readerOf } from './reader.js';

export const listFeed = defineRoute(
  'GET /v1/communities/{communityId}/bulletins',
  async ({ caller, membership, params, query }) =>
    feed(deps(), quickReader(caller.userId, membership), params.communityId, query),
);

export const getUnread = defineRoute(
  'GET /v1/communities/{communityId}/bulletins/unread',
  async ({ caller, membership, params }) =>
    unreadCount(deps(), quickReader(caller.userId, membership), params.communityId),
);

export const listManaged = defineRoute(
  'GET /v1/communities/{communityId}/bulletins/manage',
  async ({ caller, membership, params, query }) =>
    managedBulletins(deps(), quickReader(caller.userId, membership), params.communityId, query),
);

export const create = defineRoute(
  'POST /v1/communities/{communityId}/bulletins',
  async ({ caller, membership, params, body, idempotency }) => {
    const reader = await readerOf(caller.userId, membership);
    return bulletinView(
      deps(),
      await createBulletin(deps(), reader, params.communityId, body, idempotency),
      reader,
      false,
    );
  },
);

export const get = defineRoute(
  'GET /v1/communities/{communityId}/bulletins/{bulletinId}',
  async ({ caller, membership, params }) =>
    readBulletin(deps(), quickReader(caller.userId, membership), params.communityId, params.bulletinId),
);

export const update = defineRoute(
  'PUT /v1/communities/{communityId}/bulletins/{bulletinId}',
  async ({ caller, membership, params, body }) => {
    const reader = await readerOf(caller.userId, membership);
    return bulletinView(
      deps(),
      await updateBulletin(deps(), reader, params.communityId, params.bulletinId, body),
      reader,
      false,
    );
  },
);

/** A move of the lifecycle (shared/src/bulletins/lifecycle.ts) that takes no body. */
async function move(
  caller: { userId: string },
  membership: MembershipRecord,
  params: { communityId: string; bulletinId: string },
  name: 'submit' | 'approve' | 'withdraw',
) {
  const reader = await readerOf(caller.userId, membership);
  const moved = await moveBulletin(deps(), reader, params.communityId, params.bulletinId, name);
  return bulletinView(deps(), moved, reader, false);
}
export const submit = defineRoute(
  'POST /v1/communities/{communityId}/bulletins/{bulletinId}/submit',
  async ({ caller, membership, params }) => move(caller, membership, params, 'submit'),
);
export const approve = defineRoute(
  'POST /v1/communities/{communityId}/bulletins/{bulletinId}/approve',
  async ({ caller, membership, params }) => move(caller, membership, params, 'approve'),
);
export const withdraw = defineRoute(
  'POST /v1/communities/{communityId}/bulletins/{bulletinId}/withdraw',
  async ({ caller, membership, params }) => move(caller, membership, params, 'withdraw'),
);

export const reject = defineRoute(
  'POST /v1/communities/{communityId}/bulletins/{bulletinId}/reject',
  async ({ caller, membership, params, body }) => {
    const reader = await readerOf(caller.userId, membership);
    const moved = await moveBulletin(deps(), reader, params.communityId, params.bulletinId, 'reject', body.reason);
    return bulletinView(deps(), moved, reader, false);
  },
);

export const read = defineRoute(
  'POST /v1/communities/{communityId}/bulletins/{bulletinId}/read',
  async ({ caller, membership, params }) =>
    markRead(deps(), quickReader(caller.userId, membership), params.communityId, params.bulletinId),
);

export const reads = defineRoute(
  'GET /v1/communities/{communityId}/bulletins/{bulletinId}/reads',
  async ({ caller, membership, params }) =>
    readFigures(deps(), quickReader(caller.userId, membership), params.communityId, params.bulletinId),
);

export const readsCsv = defineRoute(
  'GET /v1/communities/{communityId}/bulletins/{bulletinId}/reads.csv',
  async ({ caller, membership, params }) =>
    readFiguresCsv(deps(), quickReader(caller.userId, membership), params.communityId, params.bulletinId),
);

// The editor's openid goes with the cover's image check.
export const newsletterCreate = defineRoute(
  'POST /v1/communities/{communityId}/newsletters',
  async ({ caller, membership, params, body }) =>
    createNewsletter(deps(), await readerOf(caller.userId, membership), params.communityId, body),
);

export const newsletterList = defineRoute(
  'GET /v1/communities/{communityId}/newsletters',
  async ({ caller, membership, params }) =>
    listNewsletters(deps(), quickReader(caller.userId, membership), params.communityId),
);

export const newsletterGet = defineRoute(
  'GET /v1/communities/{communityId}/newsletters/{issueId}',
  async ({ caller, membership, params }) =>
    newsletterIssue(deps(), quickReader(caller.userId, membership), params.communityId, params.issueId),
);

export * from './street.js';
