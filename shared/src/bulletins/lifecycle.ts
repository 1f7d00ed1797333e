/**
 * A bulletin's lifecycle: which action may whom take in which state, and
 * where each leads. draft → submitted → approved by a second admin →
 * published (at once, or by the sweep at its time); withdrawing keeps the
 * record; editing a published bulletin makes a new revision. The use cases
 * enforce it; the review page asks the server's `allowedActions` which
 * buttons to show. One table, both ends.
 */
import type { Role, StreetRole } from '../roles.js';
import type { BulletinStatus } from './kinds.js';

export const BULLETIN_ACTIONS = ['edit', 'submit', 'approve', 'reject', 'withdraw'] as const;
export type BulletinAction = (typeof BULLETIN_ACTIONS)[number];

export const BULLETIN_ACTION_LABELS: Record<BulletinAction, string> = {
  edit: '修改',
  submit: '提交审核',
  approve: '通过',
  reject: '退回',
  withdraw: '撤回',
};

/** The facts of a bulletin the rules look at. */
export interface BulletinFacts {
  status: BulletinStatus;
  authorId: string;
  publishAt: string | null;
  /** Set on a street bulletin's copy in a community: it changes only through the street's bulletin. */
  origin?: { streetId: string } | null;
}

/**
 * The caller as the rules see them: who they are and their roles where the
 * bulletin belongs (its community, or for a street bulletin its street).
 */
export interface BulletinActor {
  userId: string;
  roles: readonly (Role | StreetRole)[];
}

/**
 * Why an action is refused: the caller's role, the bulletin's state, an
 * author approving their own text, or a street bulletin's copy in a community.
 */
export type BulletinRefusal = 'role' | 'state' | 'self_approval' | 'street';

/**
 * Who may write bulletins at all: a community's admins, and a street's admins
 * (street bulletins; their roles are the street's). Every action below is theirs too.
 */
export const canWriteBulletins = (actor: Pick<BulletinActor, 'roles'>) =>
  actor.roles.includes('admin') || actor.roles.includes('street_admin');

/** Approving has one more rule than its state. */
type Rule = {
  from: readonly BulletinStatus[];
  also?: (actor: BulletinActor, b: BulletinFacts) => BulletinRefusal | null;
};

const RULES: Record<BulletinAction, Rule> = {
  // A change to a text on its way sends it back to draft; a published one becomes a new revision.
  edit: { from: ['draft', 'submitted', 'approved', 'published'] },
  submit: { from: ['draft'] },
  // A second admin reviews: never the author.
  approve: { from: ['submitted'], also: (a, b) => (b.authorId === a.userId ? 'self_approval' : null) },
  reject: { from: ['submitted'] },
  withdraw: { from: ['submitted', 'approved', 'published'] },
};

/**
 * Why `actor` may not take `action` on `b` now, or null when they may. The
 * role is checked first (403), then whether it is a street's copy (403), then
 * the state (409), then who reviews (403).
 */
export function bulletinRefusal(
  action: BulletinAction,
  actor: BulletinActor,
  b: BulletinFacts,
): BulletinRefusal | null {
  const rule = RULES[action];
  if (!canWriteBulletins(actor)) return 'role';
  if (b.origin) return 'street';
  if (!rule.from.includes(b.status)) return 'state';
  return rule.also?.(actor, b) ?? null;
}

/** Every action `actor` may take now: the buttons a page shows. */
export function allowedBulletinActions(actor: BulletinActor, b: BulletinFacts): BulletinAction[] {
  return BULLETIN_ACTIONS.filter((action) => bulletinRefusal(action, actor, b) === null);
}

/** Whether an approved bulletin's time has come at `now` (no time set: at once). */
export function isDueToPublish(b: Pick<BulletinFacts, 'publishAt'>, now: string): boolean {
  return !b.publishAt || b.publishAt <= now;
}

/** The publish sweep takes an approved bulletin whose time has come; nothing else goes out on its own. */
export const publishesOnTime = (b: Pick<BulletinFacts, 'status' | 'publishAt'>, now: string) =>
  b.status === 'approved' && isDueToPublish(b, now);

/** The status an allowed action leads to at `now`. */
export function nextBulletinStatus(action: BulletinAction, b: BulletinFacts, now: string): BulletinStatus {
  switch (action) {
    case 'edit':
      return b.status === 'published' ? 'published' : 'draft';
    case 'submit':
      return 'submitted';
    case 'approve':
      return isDueToPublish(b, now) ? 'published' : 'approved';
    case 'reject':
      return 'draft';
    case 'withdraw':
      return 'withdrawn';
  }
}

/** An edit of a published bulletin keeps the old text as a revision and bumps the number. */
export const editMakesRevision = (b: Pick<BulletinFacts, 'status'>) => b.status === 'published';
