import {
  BusinessRuleError,
  type CommunitySettings,
  ConflictError,
  type CounterRedeemBody,
  describeWindow,
  endOfShanghaiDayAfter,
  ForbiddenError,
  maskName,
  NotFoundError,
  nextExchangeWindow,
  openExchangeWindow,
  REDEMPTION_STATUS_LABELS,
  type Redemption,
  type RedemptionStatus,
  type ReserveBody,
  shanghaiClock,
  shanghaiMonth,
  UnauthorizedError,
  ValidationError,
} from '@linli/shared';
import type { Idempotency } from '../../data/idempotency.js';
import { newId } from '../../data/keys.js';
import type { Spend } from '../../data/point-codes.js';
import type { ReservationReads } from '../../data/points/redemptions.js';
import {
  type AccountState,
  contended,
  type LedgerRecord,
  type RedemptionItem,
  type RedemptionRecord,
} from '../../data/points.js';
import type { MembershipRecord } from '../../data/users.js';
import type { SweepBudget } from '../sweep-budget.js';
import { entryTime, onAccount } from './account.js';
import { newPickupCode, pickupCodeTaken, readMemberCode, readPickupCode } from './codes.js';
import type { PointsDeps } from './deps.js';
import { pickupRefunded, pickupReminder, pickupReminderId, pickupWaiting } from './messages.js';

/** WeChat carries the pickup reminder from this Shanghai hour of exchange day on, not at night. */
const REMIND_FROM = '07:00';

export async function redemptionView(
  _deps: Pick<PointsDeps, 'now'>,
  r: RedemptionRecord,
  viewer: 'resident' | 'operator',
): Promise<Redemption> {
  return {
    redemptionId: r.redemptionId,
    communityId: r.communityId,
    residentName: viewer === 'resident' ? r.residentName : maskName(r.residentName),
    stationId: r.stationId,
    stationName: r.stationName,
    items: r.items.map(({ rewardId, name, quantity, pointsCost }) => ({ rewardId, name, quantity, pointsCost })),
    totalPoints: r.totalPoints,
    status: r.status,
    statusLabel: REDEMPTION_STATUS_LABELS[r.status],
    // The resident's alone, and only while it can still be picked up.
    pickupCode: viewer === 'resident' && r.status === 'reserved' ? (r.pickupCode ?? null) : null,
    createdAt: r.createdAt,
    windowClosesAt: r.windowClosesAt,
    fulfilledAt: r.fulfilledAt,
    cancelledAt: r.cancelledAt,
    cancelReason: r.cancelReason,
  };
}

/** The open exchange window, or the clear refusal with the next date and hours. */
function openWindow(exchangeDay: CommunitySettings['exchangeDay'], now: Date) {
  const window = openExchangeWindow(exchangeDay, now);
  if (window) return window;
  const next = nextExchangeWindow(exchangeDay, now);
  throw new BusinessRuleError('EXCHANGE_DAY_CLOSED', `现在不是兑换时间。下次兑换：${describeWindow(next)}`, [
    { field: 'exchangeDay', message: `下次兑换 ${next.opensAt} 至 ${next.closesAt}` },
  ]);
}

function limitError(item: { name: string; monthlyLimit: number | null }, index: number) {
  return new BusinessRuleError('MONTHLY_LIMIT_REACHED', `“${item.name}”每人每月限兑 ${item.monthlyLimit} 件`, [
    { field: `body.items.${index}.quantity`, message: `每月限兑 ${item.monthlyLimit} 件` },
  ]);
}

/** The station and the rewards asked for, as read with the account (see `reservationReads`), priced. */
function priced(reads: ReservationReads, body: ReserveBody) {
  const station = reads.station;
  if (!station) throw new ValidationError([{ field: 'body.stationId', message: '该社区没有这个服务站' }]);
  const items: RedemptionItem[] = body.items.map((item, i) => {
    const reward = reads.rewards.find((r) => r.rewardId === item.rewardId && r.active);
    if (!reward) throw new ValidationError([{ field: `body.items.${i}.rewardId`, message: '没有这件兑换品或已下架' }]);
    if (reward.monthlyLimit !== null && item.quantity > reward.monthlyLimit) throw limitError(reward, i);
    return {
      rewardId: reward.rewardId,
      name: reward.name,
      quantity: item.quantity,
      pointsCost: reward.pointsCost,
      monthlyLimit: reward.monthlyLimit,
    };
  });
  return { station, items, total: items.reduce((s, i) => s + i.quantity * i.pointsCost, 0) };
}

/**
 * A reservation (or a counter redemption) for `userId`: one read of everything
 * it checks, then one transaction; only a moved account is read again.
 * `gone` is the refusal when the person is not there any more.
 */
async function take(
  deps: PointsDeps,
  communityId: string,
  userId: string,
  body: ReserveBody,
  idem: Idempotency,
  handedOverBy: string | null,
  gone: () => Error,
  spend?: Spend,
): Promise<RedemptionRecord> {
  const reads = await deps.points.reservationReads({
    communityId,
    userId,
    stationId: body.stationId,
    rewardIds: body.items.map((i) => i.rewardId),
  });
  if (!reads.resident) throw gone();
  const settings = reads.settings;
  if (!settings) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  openWindow(settings.exchangeDay, deps.now());
  const resident = { userId, name: reads.resident.nickname };
  const offer = priced(reads, body);
  return onAccount(
    deps,
    communityId,
    userId,
    (account) => takeFrom(deps, { communityId, settings }, resident, body, idem, handedOverBy, offer, account, spend),
    idem,
    reads.account,
  );
}

/** One attempt at a reservation, against the account as read (see `onAccount`). */
async function takeFrom(
  deps: PointsDeps,
  community: { communityId: string; settings: CommunitySettings },
  resident: { userId: string; name: string },
  body: ReserveBody,
  idem: Idempotency,
  handedOverBy: string | null,
  { station, items, total }: Awaited<ReturnType<typeof priced>>,
  account: AccountState,
  spend?: Spend,
): Promise<RedemptionRecord> {
  const now = deps.now();
  const window = openWindow(community.settings.exchangeDay, now);
  const at = entryTime(account, now);
  const redemption: RedemptionRecord = {
    redemptionId: newId(now),
    communityId: community.communityId,
    userId: resident.userId,
    residentName: resident.name,
    stationId: station.stationId,
    stationName: station.name,
    items,
    totalPoints: total,
    status: handedOverBy ? 'fulfilled' : 'reserved',
    month: shanghaiMonth(new Date(at)),
    createdAt: at,
    windowClosesAt: window.closesAt,
    fulfilledAt: handedOverBy ? at : null,
    fulfilledBy: handedOverBy,
    cancelledAt: null,
    cancelReason: null,
    // What the resident shows to pick up, until the window closes (counter mode hands over at once).
    ...(handedOverBy ? {} : { pickupCode: newPickupCode() }),
  };
  const entry: LedgerRecord = {
    entryId: redemption.redemptionId,
    communityId: community.communityId,
    userId: resident.userId,
    type: 'redeem',
    points: -total,
    at,
    month: redemption.month,
    note: items.map((i) => `${i.name}×${i.quantity}`).join('、'),
    ref: `redemption:${redemption.redemptionId}`,
    by: handedOverBy ?? resident.userId,
    stationId: station.stationId,
  };
  const index = (item: RedemptionItem) => body.items.findIndex((i) => i.rewardId === item.rewardId);
  const replay = await deps.points.reserve({
    redemption,
    entry,
    account,
    idem,
    response: { redemptionId: redemption.redemptionId },
    now,
    insufficient: () =>
      new BusinessRuleError('POINTS_INSUFFICIENT', `积分不足：本次需要 ${total} 分`, [
        { field: 'body.items', message: `需要 ${total} 分` },
      ]),
    outOfStock: (item) => () =>
      new BusinessRuleError('OUT_OF_STOCK', `“${item.name}”在${station.name}库存不足`, [
        { field: `body.items.${index(item)}.quantity`, message: '库存不足' },
      ]),
    limitReached: (item) => () => limitError(item, index(item)),
    pickupCode: redemption.pickupCode
      ? deps.pointCodes.pickupCodeItem(
          {
            code: redemption.pickupCode,
            communityId: redemption.communityId,
            redemptionId: redemption.redemptionId,
            validUntil: redemption.windowClosesAt,
          },
          pickupCodeTaken,
        )
      : undefined,
    spend: spend?.({ ref: `redemption:${redemption.redemptionId}`, response: null, now }),
    // A reservation waiting for pickup is in 消息 with it (no WeChat now: the reminder comes on exchange morning);
    // one handed over at the counter needs no message.
    extra: handedOverBy ? [] : deps.messages.messageItems([pickupWaiting(redemption, window)], now),
  });
  if (!replay) return redemption;
  const stored = await deps.points.getRedemption(
    community.communityId,
    (replay.replayed as { redemptionId: string }).redemptionId,
  );
  if (!stored) throw new NotFoundError('REDEMPTION_NOT_FOUND', '找不到该兑换单');
  return stored;
}

/** A resident reserves rewards at a station on exchange day: points and stock in one transaction. */
export async function reserveRewards(
  deps: PointsDeps,
  residentId: string,
  communityId: string,
  body: ReserveBody,
  idem: Idempotency,
) {
  const gone = () => new UnauthorizedError('USER_GONE', '账号已注销，请重新登录');
  const r = await take(deps, communityId, residentId, body, idem, null, gone);
  return redemptionView(deps, r, 'resident');
}

/** Counter mode: the operator scans the member code and hands over at once, the same transaction. */
export async function redeemAtCounter(
  deps: PointsDeps,
  operator: { userId: string; membership: MembershipRecord },
  communityId: string,
  body: CounterRedeemBody,
  idem: Idempotency,
) {
  if (!operator.membership.stationIds.includes(body.stationId))
    throw new ForbiddenError('STATION_NOT_YOURS', '您只能在自己所在的服务站兑换');
  const answered = await answeredBefore(deps, communityId, idem);
  if (answered) return answered;
  const code = await readMemberCode(deps, body.memberCode, communityId);
  const spend = deps.pointCodes.spendMemberCodeAtCounter(
    body.memberCode,
    () =>
      new BusinessRuleError('MEMBER_CODE_USED', '这个积分码已经兑换过一次，请居民刷新积分码', [
        { field: 'body.memberCode', message: '已用过，请刷新' },
      ]),
  );
  const gone = () => new NotFoundError('USER_NOT_FOUND', '找不到该居民');
  const r = await take(deps, communityId, code.userId, body, idem, operator.userId, gone, spend);
  return redemptionView(deps, r, 'operator');
}

const notReserved = () => new ConflictError('REDEMPTION_NOT_RESERVED', '该兑换单已领取或已取消');

/** A handover refused by its condition; the reason is read afterwards, from what is there now. */
class NotFulfilled extends Error {}

/**
 * Why a handover did not happen, from the redemption as it is now (not as it
 * was read before): another operator handed it over, it was cancelled, or
 * its window closed. The loser of a race is never told about a window that is still open.
 */
async function whyNotFulfilled(deps: PointsDeps, communityId: string, redemptionId: string, now: Date) {
  const r = await deps.points.getRedemption(communityId, redemptionId);
  if (r?.status === 'fulfilled')
    return new ConflictError('REDEMPTION_ALREADY_FULFILLED', '该兑换单刚刚已由其他工作人员发放，请勿重复发放');
  if (r?.status === 'reserved' && Date.parse(r.windowClosesAt) <= now.getTime())
    return new BusinessRuleError('EXCHANGE_DAY_CLOSED', '兑换时间已过，该兑换单将自动取消并退回积分');
  if (r?.status === 'reserved') return contended();
  return notReserved();
}

/** What a request with this Idempotency-Key answered before (a redemption), shown as the operator sees it. */
async function answeredBefore(deps: PointsDeps, communityId: string, idem: Idempotency) {
  const earlier = await deps.points.earlier<{ redemptionId: string }>(idem);
  if (!earlier) return undefined;
  const r = await deps.points.getRedemption(communityId, earlier.redemptionId);
  return r ? redemptionView(deps, r, 'operator') : undefined;
}

/** Cancelling gives back the points, the stock and the month's allowance; once. */
export async function cancelRedemption(
  deps: PointsDeps,
  actor: { userId: string } | 'sweep',
  communityId: string,
  redemptionId: string,
  reason: string,
  idem: Idempotency | undefined,
) {
  const r = await deps.points.getRedemption(communityId, redemptionId);
  if (!r || (actor !== 'sweep' && r.userId !== actor.userId))
    throw new NotFoundError('REDEMPTION_NOT_FOUND', '找不到该兑换单');
  return onAccount(deps, communityId, r.userId, (account) => cancelFrom(deps, actor, r, reason, idem, account), idem);
}

/** One attempt at a cancellation, against the account as read (see `onAccount`). */
async function cancelFrom(
  deps: PointsDeps,
  actor: { userId: string } | 'sweep',
  r: RedemptionRecord,
  reason: string,
  idem: Idempotency | undefined,
  account: AccountState,
) {
  const { communityId, redemptionId } = r;
  const now = deps.now();
  const at = entryTime(account, now);
  const cancelled: RedemptionRecord = { ...r, status: 'cancelled', cancelledAt: at, cancelReason: reason || null };
  // A retried cancel (same key) replays inside the transaction; anything else not reserved is refused there.
  if (r.status !== 'reserved' && !idem) throw notReserved();
  // The resident is told of a refund they did not ask for (the close sweep), in the same transaction.
  const bySweep = actor === 'sweep';
  const told =
    bySweep || actor.userId !== r.userId ? deps.messages.messageItems([pickupRefunded(r, bySweep, reason)], now) : [];
  const replay = await deps.points.cancel({
    redemption: r,
    cancelled,
    entry: refund(r, at, reason),
    account,
    idem,
    response: { redemptionId },
    now,
    notReserved,
    extra: told,
  });
  const shown = replay ? ((await deps.points.getRedemption(communityId, redemptionId)) ?? cancelled) : cancelled;
  return redemptionView(deps, shown, 'resident');
}

function refund(r: RedemptionRecord, at: string, reason: string): LedgerRecord {
  return {
    entryId: `${r.redemptionId}-refund`,
    communityId: r.communityId,
    userId: r.userId,
    type: 'refund',
    points: r.totalPoints,
    at,
    month: shanghaiMonth(new Date(at)),
    note: reason || '取消兑换，积分退回',
    ref: `redemption:${r.redemptionId}`,
    by: null,
    stationId: r.stationId,
  };
}

/** The operator scans the pickup code and hands the goods over. */
/** What a station has to hand over (or handed over): its operators and the community's admins. */
export async function stationRedemptions(
  deps: PointsDeps,
  membership: MembershipRecord,
  communityId: string,
  stationId: string,
  query: { status: RedemptionStatus; cursor?: string; limit: number },
) {
  const community = await deps.communities.shown(communityId);
  if (!community?.stations.some((s) => s.stationId === stationId))
    throw new NotFoundError('STATION_NOT_FOUND', '找不到该服务站');
  if (!membership.roles.includes('admin') && !membership.stationIds.includes(stationId))
    throw new ForbiddenError('STATION_NOT_YOURS', '您只能查看自己所在服务站的兑换单');
  const page = await deps.points.redemptionsAtStation(communityId, stationId, query.status, query.cursor, query.limit);
  return {
    items: await Promise.all(page.items.map((r) => redemptionView(deps, r, 'operator'))),
    cursor: page.cursor,
  };
}

export async function fulfilRedemption(
  deps: PointsDeps,
  operator: { userId: string; membership: MembershipRecord },
  communityId: string,
  body: { pickupCode: string; stationId: string },
  idem: Idempotency,
) {
  if (!operator.membership.stationIds.includes(body.stationId))
    throw new ForbiddenError('STATION_NOT_YOURS', '您只能在自己所在的服务站发放');
  const answered = await answeredBefore(deps, communityId, idem);
  if (answered) return answered;
  const redemptionId = await readPickupCode(deps, body.pickupCode, communityId);
  const r = await deps.points.getRedemption(communityId, redemptionId);
  if (!r) throw new NotFoundError('REDEMPTION_NOT_FOUND', '找不到该兑换单');
  if (r.stationId !== body.stationId)
    throw new BusinessRuleError('WRONG_STATION', `该兑换单应在${r.stationName}领取`, [
      { field: 'body.pickupCode', message: `请到${r.stationName}领取` },
    ]);
  const now = deps.now();
  const fulfilled: RedemptionRecord = {
    ...r,
    status: 'fulfilled',
    fulfilledAt: now.toISOString(),
    fulfilledBy: operator.userId,
  };
  const replay = await deps.points
    .fulfil({
      fulfilled,
      idem,
      response: { redemptionId },
      now,
      notReserved: () => new NotFulfilled(),
    })
    .catch(async (error: unknown) => {
      if (!(error instanceof NotFulfilled)) throw error;
      throw await whyNotFulfilled(deps, communityId, redemptionId, now);
    });
  const shown = replay ? ((await deps.points.getRedemption(communityId, redemptionId)) ?? fulfilled) : fulfilled;
  return redemptionView(deps, shown, 'operator');
}

/** After the window closes, unclaimed reservations are cancelled and refunded, once each. */
/** Due reservations read at a time by the close. */
const CLOSE_BATCH = 100;

export async function closeExchangeWindows(
  deps: PointsDeps,
  now: Date,
  budget: Pick<SweepBudget, 'spent'> = { spent: () => false },
): Promise<{ changed: number; more?: boolean }> {
  let changed = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.communities.list(cursor, 50);
    for (const community of page.items) {
      // Batch after batch: what is refunded leaves the due index, so the next batch is the next work.
      for (;;) {
        const due = await deps.points.dueRedemptions(community.communityId, now.toISOString(), CLOSE_BATCH);
        const before = changed;
        for (const r of due) {
          // Out of time: the next tick finds the rest still due and carries on.
          if (budget.spent()) return { changed, more: true };
          try {
            await cancelRedemption(
              { ...deps, now: () => now },
              'sweep',
              community.communityId,
              r.redemptionId,
              '兑换时间已过，未领取，积分已退回',
              undefined,
            );
            changed++;
          } catch (error) {
            if (!(error instanceof ConflictError)) throw error;
          }
        }
        // A short batch was the last; one that refunded nothing would only come back the same.
        if (due.length < CLOSE_BATCH || changed === before) break;
      }
    }
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return { changed };
}

/** The exchange-day close as a scheduled sweep. */
export function exchangeCloseSweep(deps: () => PointsDeps) {
  return {
    name: 'exchange-close',
    run: (now: Date, budget: SweepBudget) => closeExchangeWindows(deps(), now, budget),
  };
}

/** A BatchGet's worth of reservations whose reminder is looked up at once. */
const REMINDERS_CHECKED_AT_ONCE = 100;

/**
 * The exchange-morning reminder: from 07:00 Shanghai, every reservation
 * still waiting whose window closes later today gets one `pickup_reminder`
 * (WeChat carries it with a consent left). The message id is fixed per
 * reservation, so a second run, or a run every five minutes, writes it once.
 */
export async function remindPickups(
  deps: PointsDeps,
  now: Date,
  budget: Pick<SweepBudget, 'spent'> = { spent: () => false },
): Promise<{ changed: number; more?: boolean }> {
  if (shanghaiClock(now) < REMIND_FROM) return { changed: 0 };
  const from = now.toISOString();
  // A window "until 24:00" closes at the next Shanghai midnight: still today's.
  const until = endOfShanghaiDayAfter(now, 0).toISOString();
  let changed = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.communities.list(cursor, 50);
    for (const community of page.items) {
      const waiting = await deps.points.waitingBetween(community.communityId, from, until);
      for (let i = 0; i < waiting.length; i += REMINDERS_CHECKED_AT_ONCE) {
        // Reminded ones are skipped next tick (the message id is fixed): stopping anywhere is safe, and the
        // next tick skips what this one reminded a hundred at a time, so it carries on where this one stopped.
        if (budget.spent()) return { changed, more: true };
        const batch = waiting.slice(i, i + REMINDERS_CHECKED_AT_ONCE);
        const reminded = await deps.messages.existing(
          batch.map((w) => ({ userId: w.userId, messageId: pickupReminderId(w.redemptionId) })),
        );
        for (const w of batch) {
          if (reminded.has(`${w.userId}/${pickupReminderId(w.redemptionId)}`)) continue;
          if (budget.spent()) return { changed, more: true };
          // The index lags a pickup a moment: read the reservation itself before reminding.
          const r = await deps.points.getRedemption(community.communityId, w.redemptionId);
          if (r?.status !== 'reserved' || r.windowClosesAt <= from) continue;
          await deps.messages.put([pickupReminder(r)], now);
          changed++;
        }
      }
    }
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return { changed };
}

export function pickupReminderSweep(deps: () => PointsDeps) {
  return { name: 'pickup-reminder', run: (now: Date, budget: SweepBudget) => remindPickups(deps(), now, budget) };
}
