/**
 * What a change of points tells the resident, as message drafts written in
 * the same transaction as the change. Credits, adjustments and refunds live
 * in 消息 only; a reservation is in 消息 at once, and WeChat carries the
 * pickup reminder on the morning of exchange day (see `remindPickups`).
 */
import { describeWindow, type ExchangeWindow, shanghaiClock, shanghaiDate } from '@linli/shared';
import type { MessageDraft } from '../../data/messages.js';
import type { RedemptionRecord } from '../../data/points.js';
import { thing, time } from '../messages/templates.js';

export const ledgerLink = (communityId: string) => `packages/points/ledger/index?communityId=${communityId}`;
export const redemptionsLink = (communityId: string) => `packages/points/redemptions/index?communityId=${communityId}`;

/** The one reminder of a reservation: a fixed id, so a second sweep writes nothing. */
export const pickupReminderId = (redemptionId: string) => `pickup-${redemptionId}`;

/** Grams as a resident reads them: 1750 → "1.75". */
export function kilograms(grams: number): string {
  return String(Number((grams / 1000).toFixed(3)));
}

const signed = (points: number) => (points >= 0 ? `+${points}` : `${points}`);

/** A weigh-in credited (at the counter, or a held one approved). */
export function recyclingCredited(input: {
  userId: string;
  communityId: string;
  lines: readonly { label: string; grams: number }[];
  points: number;
  capped: boolean;
  balance: number;
  approved?: boolean;
}): MessageDraft {
  const what = input.lines.map((l) => `${l.label} ${kilograms(l.grams)} 公斤`).join('、');
  return {
    userId: input.userId,
    kind: 'points_credited',
    communityId: input.communityId,
    link: ledgerLink(input.communityId),
    title: '积分到账',
    body:
      `${what}${input.approved ? '（审核通过）' : ''}，${signed(input.points)} 分` +
      `${input.capped ? '（已达每日积分上限）' : ''}，余额 ${input.balance} 分`,
  };
}

export function volunteerCredited(input: {
  userId: string;
  communityId: string;
  title: string;
  points: number;
  balance: number;
}): MessageDraft {
  return {
    userId: input.userId,
    kind: 'points_credited',
    communityId: input.communityId,
    link: ledgerLink(input.communityId),
    title: '积分到账',
    body: `志愿服务“${input.title}”，${signed(input.points)} 分，余额 ${input.balance} 分`,
  };
}

export function pointsAdjusted(input: {
  userId: string;
  communityId: string;
  points: number;
  reason: string;
  balance: number;
}): MessageDraft {
  return {
    userId: input.userId,
    kind: 'points_adjusted',
    communityId: input.communityId,
    link: ledgerLink(input.communityId),
    title: '积分调整',
    body: `社区调整了您的积分：${signed(input.points)} 分，原因：${input.reason}。余额 ${input.balance} 分`,
  };
}

const goods = (r: RedemptionRecord) => r.items.map((i) => `${i.name}×${i.quantity}`).join('、');

/** A window that closes at midnight is "24:00" of its own day, as the admin set it. */
function closing(iso: string): { date: string; clock: string; last: string } {
  const at = new Date(iso);
  const midnight = shanghaiClock(at) === '00:00';
  const day = shanghaiDate(midnight ? new Date(at.getTime() - 60_000) : at);
  return {
    date: `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`,
    clock: midnight ? '24:00' : shanghaiClock(at),
    // The last minute of the window, for WeChat's `time` field (which has no 24:00).
    last: midnight ? new Date(at.getTime() - 60_000).toISOString() : iso,
  };
}

/** A reservation made: in 消息 at once; WeChat carries the reminder on exchange morning instead. */
export function pickupWaiting(r: RedemptionRecord, window: ExchangeWindow): MessageDraft {
  return {
    userId: r.userId,
    kind: 'pickup_waiting',
    communityId: r.communityId,
    link: redemptionsLink(r.communityId),
    title: '兑换品已为您留好',
    body:
      `${goods(r)}（共 ${r.totalPoints} 分），请于 ${describeWindow(window)} 到${r.stationName}出示领取码领取；` +
      '逾期未领自动取消，积分退回。',
  };
}

/** The exchange-morning reminder, once per reservation; WeChat carries it with a consent left. */
export function pickupReminder(r: RedemptionRecord): MessageDraft {
  const until = closing(r.windowClosesAt);
  const link = redemptionsLink(r.communityId);
  return {
    messageId: pickupReminderId(r.redemptionId),
    userId: r.userId,
    kind: 'pickup_reminder',
    communityId: r.communityId,
    link,
    title: '今天记得领取兑换品',
    body: `${goods(r)}在${r.stationName}等您领取，请于今天 ${until.clock} 前出示领取码。逾期未领自动取消，积分退回。`,
    push: {
      template: 'pickup_reminder',
      page: link,
      priority: 1,
      data: { thing1: thing(goods(r)), thing2: thing(r.stationName), time3: time(until.last) },
    },
  };
}

/** A reservation cancelled by someone other than the resident (the close sweep): the points are back. */
export function pickupRefunded(r: RedemptionRecord, bySweep: boolean, reason: string): MessageDraft {
  const until = closing(r.windowClosesAt);
  return {
    userId: r.userId,
    kind: 'pickup_refunded',
    communityId: r.communityId,
    link: ledgerLink(r.communityId),
    title: '兑换单已取消，积分已退回',
    body: bySweep
      ? `${goods(r)}在 ${until.date} ${until.clock} 前未领取，兑换单已取消，${r.totalPoints} 分已退回。`
      : `${goods(r)}的兑换单已取消${reason ? `，原因：${reason}` : ''}，${r.totalPoints} 分已退回。`,
  };
}
