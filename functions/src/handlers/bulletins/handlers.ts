/** The bulletins context: thin handlers, one per route. */

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

const C = '/v1/communities/{communityId}' as const;

export const listFeed = defineRoute(`GET ${C}/bulletins`, async ({ caller, membership, params, query }) =>
  feed(deps(), quickReader(caller.userId, membership), params.communityId, query),
);

export const getUnread = defineRoute(`GET ${C}/bulletins/unread`, async ({ caller, membership, params }) =>
  unreadCount(deps(), quickReader(caller.userId, membership), params.communityId),
);

export const listManaged = defineRoute(`GET ${C}/bulletins/manage`, async ({ caller, membership, params, query }) =>
  managedBulletins(deps(), quickReader(caller.userId, membership), params.communityId, query),
);

export const create = defineRoute(`POST ${C}/bulletins`, async ({ caller, membership, params, body, idempotency }) => {
  const reader = await readerOf(caller.userId, membership);
  return bulletinView(
    deps(),
    await createBulletin(deps(), reader, params.communityId, body, idempotency),
    reader,
    false,
  );
});

export const get = defineRoute(`GET ${C}/bulletins/{bulletinId}`, async ({ caller, membership, params }) =>
  readBulletin(deps(), quickReader(caller.userId, membership), params.communityId, params.bulletinId),
);

export const update = defineRoute(`PUT ${C}/bulletins/{bulletinId}`, async ({ caller, membership, params, body }) => {
  const reader = await readerOf(caller.userId, membership);
  return bulletinView(
    deps(),
    await updateBulletin(deps(), reader, params.communityId, params.bulletinId, body),
    reader,
    false,
  );
});

const transition = (name: 'submit' | 'approve' | 'withdraw') =>
  defineRoute(`POST ${C}/bulletins/{bulletinId}/${name}`, async ({ caller, membership, params }) => {
    const reader = await readerOf(caller.userId, membership);
    return bulletinView(
      deps(),
      await moveBulletin(deps(), reader, params.communityId, params.bulletinId, name),
      reader,
      false,
    );
  });
export const submit = transition('submit');
export const approve = transition('approve');
export const withdraw = transition('withdraw');

export const reject = defineRoute(
  `POST ${C}/bulletins/{bulletinId}/reject`,
  async ({ caller, membership, params, body }) => {
    const reader = await readerOf(caller.userId, membership);
    const moved = await moveBulletin(deps(), reader, params.communityId, params.bulletinId, 'reject', body.reason);
    return bulletinView(deps(), moved, reader, false);
  },
);

export const read = defineRoute(`POST ${C}/bulletins/{bulletinId}/read`, async ({ caller, membership, params }) =>
  markRead(deps(), quickReader(caller.userId, membership), params.communityId, params.bulletinId),
);

export const reads = defineRoute(`GET ${C}/bulletins/{bulletinId}/reads`, async ({ caller, membership, params }) =>
  readFigures(deps(), quickReader(caller.userId, membership), params.communityId, params.bulletinId),
);

export const readsCsv = defineRoute(
  `GET ${C}/bulletins/{bulletinId}/reads.csv`,
  async ({ caller, membership, params }) =>
    readFiguresCsv(deps(), quickReader(caller.userId, membership), params.communityId, params.bulletinId),
);

// The editor's openid goes with the cover's image check.
export const newsletterCreate = defineRoute(`POST ${C}/newsletters`, async ({ caller, membership, params, body }) =>
  createNewsletter(deps(), await readerOf(caller.userId, membership), params.communityId, body),
);

export const newsletterList = defineRoute(`GET ${C}/newsletters`, async ({ caller, membership, params }) =>
  listNewsletters(deps(), quickReader(caller.userId, membership), params.communityId),
);

export const newsletterGet = defineRoute(`GET ${C}/newsletters/{issueId}`, async ({ caller, membership, params }) =>
  newsletterIssue(deps(), quickReader(caller.userId, membership), params.communityId, params.issueId),
);
