/**
 * The admin's side of the points: the catalog and its stock (every change
 * logged with who and why), balance adjustments, and the weigh-ins held for review.
 */
import {
  type AdjustBody,
  type Adjustment,
  type AdminReward,
  applyDailyCap,
  BusinessRuleError,
  ConflictError,
  formatWeight,
  HELD_STATUS_LABELS,
  type HeldCredit,
  NotFoundError,
  pointsForWeighIn,
  type RewardBody,
  type StockChangeBody,
  shanghaiDate,
  shanghaiMonth,
  ValidationError,
} from '@linli/shared';
import type { CommunityRecord } from '../../data/communities.js';
import type { Idempotency } from '../../data/idempotency.js';
import { newId } from '../../data/keys.js';
import type { PhotoToCheck } from '../../data/photo-checks.js';
import { rewards } from '../../data/points/rewards.js';
import type { HeldCreditRecord, HeldStatus, LedgerRecord, RewardRecord, StockLogRecord } from '../../data/points.js';
import { entryTime, onAccount, oneAtATime, retryAfterMove } from './account.js';
import { pointsAdjusted, recyclingCredited } from './messages.js';
import type { PointsStaffDeps } from './staff-deps.js';

const GONE = '已注销用户';

/** `shown`: for a read that only names the community's stations and buildings (see the repository). */
async function communityOf(
  deps: PointsStaffDeps,
  communityId: string,
  { shown = false }: { shown?: boolean } = {},
): Promise<CommunityRecord> {
  const community = await (shown ? deps.communities.shown(communityId) : deps.communities.get(communityId));
  if (!community) throw new NotFoundError('COMMUNITY_NOT_FOUND', '找不到该社区');
  return community;
}

const rewardNotFound = () => new NotFoundError('REWARD_NOT_FOUND', '找不到该兑换品');

async function rewardView(
  deps: PointsStaffDeps,
  community: CommunityRecord,
  r: RewardRecord,
  stock: ReadonlyMap<string, number> | undefined,
): Promise<AdminReward> {
  // Admins still see a picture WeChat judged risky, marked; residents never get it (see listRewards).
  const hidden = r.imageKey !== null && (r.riskyPhotos ?? []).includes(r.imageKey);
  return {
    rewardId: r.rewardId,
    name: r.name,
    description: r.description,
    pointsCost: r.pointsCost,
    imageUrl: r.imageKey ? await deps.photos.presignGet(r.imageKey) : null,
    imageKey: r.imageKey,
    ...(hidden ? { imageHidden: true as const } : {}),
    monthlyLimit: r.monthlyLimit,
    active: r.active,
    stock: community.stations.map((s) => ({
      stationId: s.stationId,
      stationName: s.name,
      quantity: stock?.get(s.stationId) ?? 0,
    })),
  };
}

/** The whole catalog, inactive rewards too, for the admin's catalog page. */
export async function listAllRewards(deps: PointsStaffDeps, communityId: string) {
  const [community, catalog] = await Promise.all([
    communityOf(deps, communityId, { shown: true }),
    deps.points.rewards(communityId),
  ]);
  const items = await Promise.all(
    catalog.rewards.map((r) => rewardView(deps, community, r, catalog.stock.get(r.rewardId))),
  );
  return { items: items.sort((a, b) => Number(b.active) - Number(a.active) || a.pointsCost - b.pointsCost) };
}

async function rewardWithStock(deps: PointsStaffDeps, community: CommunityRecord, rewardId: string) {
  const catalog = await deps.points.rewards(community.communityId);
  const reward = catalog.rewards.find((r) => r.rewardId === rewardId);
  if (!reward) throw rewardNotFound();
  return rewardView(deps, community, reward, catalog.stock.get(rewardId));
}

/** A picture must be an upload of this community for a reward, and be there. */
async function checkImage(deps: PointsStaffDeps, communityId: string, key: string | null) {
  if (key === null) return;
  if (!key.startsWith(`photos/${communityId}/reward/`))
    throw new ValidationError([{ field: 'body.imageKey', message: '图片须为本社区上传的兑换品图片' }]);
  if (!(await deps.photos.exists(key)))
    throw new ValidationError([{ field: 'body.imageKey', message: '图片尚未上传完成，请重新上传' }]);
  // Kept for good before the reward that shows it is saved (an upload nothing uses expires).
  await deps.photos.attach(key);
}

/** A new picture of a reward, for WeChat's image check; a risky one is marked on the reward and its admin told. */
async function pictureCheck(deps: PointsStaffDeps, adminId: string, reward: RewardRecord): Promise<PhotoToCheck[]> {
  if (!reward.imageKey) return [];
  const admin = await deps.users.getProfile(adminId);
  const { pk, sk } = rewards.key(reward);
  return [
    {
      photoKey: reward.imageKey,
      openid: admin?.openid ?? null,
      owner: {
        pk,
        sk,
        // A change of a reward sets its fields and never rewrites the mark, so no version is needed.
        versioned: false,
        notify: {
          userId: adminId,
          communityId: reward.communityId,
          link: `packages/points-admin/rewards/index?communityId=${reward.communityId}`,
          what: `兑换品“${reward.name}”的图片`,
        },
      },
    },
  ];
}

export async function createReward(
  deps: PointsStaffDeps,
  adminId: string,
  communityId: string,
  body: RewardBody,
  idem: Idempotency,
): Promise<AdminReward> {
  const community = await communityOf(deps, communityId);
  await checkImage(deps, communityId, body.imageKey);
  const now = deps.now();
  const reward: RewardRecord = { rewardId: newId(now), communityId, ...body };
  const checks = await pictureCheck(deps, adminId, reward);
  const replay = await deps.points.putReward({
    reward,
    idem,
    now,
    notFound: rewardNotFound,
    extra: deps.photoChecks.checkItems(checks, now),
  });
  return rewardWithStock(deps, community, replay ? replay.replayed.rewardId : reward.rewardId);
}

/** Changes what a reward is; its stock moves only through `changeStock`. A new picture is checked by WeChat. */
export async function updateReward(
  deps: PointsStaffDeps,
  adminId: string,
  communityId: string,
  rewardId: string,
  body: RewardBody,
): Promise<AdminReward> {
  const community = await communityOf(deps, communityId);
  await checkImage(deps, communityId, body.imageKey);
  const before = await deps.points.getReward(communityId, rewardId);
  if (!before) throw rewardNotFound();
  const reward: RewardRecord = { rewardId, communityId, ...body };
  const now = deps.now();
  const checks = body.imageKey !== before.imageKey ? await pictureCheck(deps, adminId, reward) : [];
  await deps.points.putReward({
    reward,
    now,
    notFound: rewardNotFound,
    extra: deps.photoChecks.checkItems(checks, now),
  });
  return rewardWithStock(deps, community, rewardId);
}

function stockLogView(l: StockLogRecord, community: CommunityRecord, names: ReadonlyMap<string, string>) {
  return {
    entryId: l.entryId,
    rewardId: l.rewardId,
    stationId: l.stationId,
    stationName: community.stations.find((s) => s.stationId === l.stationId)?.name ?? l.stationId,
    delta: l.delta,
    reason: l.reason,
    by: { userId: l.by, name: names.get(l.by) ?? GONE },
    at: l.at,
  };
}

/** Goods in or out at one station, with the reason, logged in the same transaction; a shelf never below 0. */
export async function changeStock(
  deps: PointsStaffDeps,
  adminId: string,
  communityId: string,
  rewardId: string,
  body: StockChangeBody,
  idem: Idempotency,
) {
  const community = await communityOf(deps, communityId);
  if (!community.stations.some((s) => s.stationId === body.stationId))
    throw new ValidationError([{ field: 'body.stationId', message: '该社区没有这个服务站' }]);
  const now = deps.now();
  const log: StockLogRecord = {
    entryId: newId(now),
    communityId,
    rewardId,
    stationId: body.stationId,
    delta: body.delta,
    reason: body.reason,
    by: adminId,
    at: now.toISOString(),
  };
  const replay = await deps.points.changeStock({
    log,
    idem,
    now,
    rewardMissing: rewardNotFound,
    belowZero: () =>
      new BusinessRuleError('STOCK_BELOW_ZERO', '库存不够减：减少的数量多于现有库存', [
        { field: 'body.delta', message: '多于现有库存' },
      ]),
  });
  const stored = replay ? replay.replayed : log;
  const names = await deps.users.nicknames([stored.by]);
  return {
    entry: stockLogView(stored, community, names),
    quantity: await deps.points.stockQuantity(communityId, rewardId, stored.stationId),
  };
}

export async function stockLogPage(
  deps: PointsStaffDeps,
  communityId: string,
  rewardId: string,
  cursor: string | undefined,
  limit: number,
) {
  const [community, reward] = await Promise.all([
    communityOf(deps, communityId, { shown: true }),
    deps.points.getReward(communityId, rewardId),
  ]);
  if (!reward) throw rewardNotFound();
  const page = await deps.points.stockLog(communityId, rewardId, cursor, limit);
  const names = await deps.users.nicknames(page.items.map((l) => l.by));
  return { items: page.items.map((l) => stockLogView(l, community, names)), cursor: page.cursor };
}

/** An admin adds or takes points with a reason: one `adjust` entry; a balance never below 0. */
export async function adjustBalance(
  deps: PointsStaffDeps,
  adminId: string,
  communityId: string,
  body: AdjustBody,
  idem: Idempotency,
): Promise<Adjustment> {
  const member = await deps.users.getMembership(body.userId, communityId);
  if (!member?.roles.includes('resident'))
    throw new ValidationError([{ field: 'body.userId', message: '不是本社区的居民' }]);
  const household = member.householdId ? await deps.households.get(member.householdId) : undefined;
  // Against the account as read: the response's balance is the entry's `balanceAfter`; re-read when it moved.
  return onAccount(
    deps,
    communityId,
    body.userId,
    async (account) => {
      const now = deps.now();
      const at = entryTime(account, now);
      const before = account.balance;
      const entry: LedgerRecord = {
        entryId: newId(now),
        communityId,
        userId: body.userId,
        type: 'adjust',
        points: body.points,
        at,
        month: shanghaiMonth(new Date(at)),
        note: body.reason,
        ref: `adjust:${adminId}`,
        by: adminId,
        buildingId: household?.buildingId ?? null,
      };
      const response: Adjustment = {
        entryId: entry.entryId,
        userId: body.userId,
        points: body.points,
        reason: body.reason,
        at: entry.at,
        balance: before + body.points,
      };
      const told = deps.messages.messageItems(
        [
          pointsAdjusted({
            userId: body.userId,
            communityId,
            points: body.points,
            reason: body.reason,
            balance: response.balance,
          }),
        ],
        now,
      );
      const replay = await deps.points.adjust({
        entry,
        account,
        idem,
        response,
        now,
        extra: told,
        insufficient: () =>
          new BusinessRuleError('POINTS_INSUFFICIENT', '调整后积分不能为负：该居民的积分不够扣', [
            { field: 'body.points', message: '多于该居民现有积分' },
          ]),
      });
      return replay ? (replay.replayed as Adjustment) : response;
    },
    idem,
  );
}

async function heldViews(deps: PointsStaffDeps, community: CommunityRecord, records: readonly HeldCreditRecord[]) {
  const names = await deps.users.nicknames(records.flatMap((h) => [h.userId, h.operatorId]));
  return records.map(
    (h): HeldCredit => ({
      creditId: h.creditId,
      userId: h.userId,
      residentName: names.get(h.userId) ?? GONE,
      stationId: h.stationId,
      stationName: community.stations.find((s) => s.stationId === h.stationId)?.name ?? h.stationId,
      operatorName: names.get(h.operatorId) ?? GONE,
      lines: h.lines,
      status: h.status,
      statusLabel: HELD_STATUS_LABELS[h.status],
      at: h.at,
      decidedAt: h.decidedAt ?? null,
      rejectReason: h.rejectReason ?? null,
      creditedPoints: h.creditedPoints ?? null,
    }),
  );
}

export async function listHeldCredits(
  deps: PointsStaffDeps,
  communityId: string,
  query: { status: HeldStatus; cursor?: string; limit: number },
) {
  const community = await communityOf(deps, communityId);
  const page = await deps.points.heldCredits(communityId, query.status, query.cursor, query.limit);
  return { items: await heldViews(deps, community, page.items), cursor: page.cursor };
}

const decidedAlready = () => new ConflictError('HELD_CREDIT_DECIDED', '该称重记录已审核过');

async function heldOf(deps: PointsStaffDeps, communityId: string, creditId: string) {
  const held = await deps.points.getHeld(communityId, creditId);
  if (!held) throw new NotFoundError('HELD_CREDIT_NOT_FOUND', '找不到该待审核称重记录');
  if (held.status !== 'held') throw decidedAlready();
  return held;
}

/**
 * Approving credits the weigh-in as the operator would have, the per-line
 * limit aside (that is what the admin checked): the community's rates and
 * rounding now, within the daily cap of the day it was weighed. Once.
 */
export async function approveHeldCredit(
  deps: PointsStaffDeps,
  adminId: string,
  communityId: string,
  creditId: string,
): Promise<HeldCredit> {
  const community = await communityOf(deps, communityId);
  const held = await heldOf(deps, communityId, creditId);
  const rules = community.settings.pointsRules;
  const weighed = pointsForWeighIn({ ...rules, maxLineGrams: Number.POSITIVE_INFINITY }, held.lines);
  const member = await deps.users.getMembership(held.userId, communityId);
  const household = member?.householdId ? await deps.households.get(member.householdId) : undefined;
  const date = shanghaiDate(new Date(held.at));
  return oneAtATime(communityId, held.userId, async () => {
    const startedAt = Date.now();
    for (let attempt = 1; ; attempt++) {
      const [earnedThatDay, account] = await Promise.all([
        deps.points.earnedOn(communityId, held.userId, date),
        deps.points.account(communityId, held.userId),
      ]);
      const now = deps.now();
      const at = entryTime(account, now);
      const balance = account.balance;
      const { credited, capped } = applyDailyCap(weighed.points, earnedThatDay, rules.dailyCapPoints);
      const decided: HeldCreditRecord = {
        ...held,
        status: 'approved',
        decidedAt: now.toISOString(),
        decidedBy: adminId,
        creditedPoints: credited,
      };
      try {
        await deps.points.approveHeld({
          decided,
          entry: {
            entryId: held.creditId,
            communityId,
            userId: held.userId,
            type: 'earn_recycling',
            points: credited,
            at,
            month: shanghaiMonth(new Date(at)),
            note: `${weighed.lines.map((l) => `${l.label} ${formatWeight(l.grams)}`).join('、')}（审核通过）`,
            ref: `credit:${held.creditId}`,
            by: adminId,
            lines: weighed.lines.map(({ material, label, grams, points }) => ({ material, label, grams, points })),
            stationId: held.stationId,
            buildingId: household?.buildingId ?? null,
          },
          account,
          date,
          dailyCap: rules.dailyCapPoints,
          alreadyDecided: decidedAlready,
          capMoved: () => new ConflictError('DAILY_CAP_MOVED', '今日积分刚有变动，请重试'),
          // Points that went in are told in the same transaction; an approval the cap left at 0 tells nothing.
          extra:
            credited > 0
              ? deps.messages.messageItems(
                  [
                    recyclingCredited({
                      userId: held.userId,
                      communityId,
                      lines: weighed.lines,
                      points: credited,
                      capped,
                      balance: balance + credited,
                      approved: true,
                    }),
                  ],
                  now,
                )
              : [],
        });
        return (await heldViews(deps, community, [decided]))[0] as HeldCredit;
      } catch (error) {
        if (await retryAfterMove(error, attempt, startedAt)) continue;
        throw error;
      }
    }
  });
}

export async function rejectHeldCredit(
  deps: PointsStaffDeps,
  adminId: string,
  communityId: string,
  creditId: string,
  reason: string,
): Promise<HeldCredit> {
  const community = await communityOf(deps, communityId);
  const held = await heldOf(deps, communityId, creditId);
  const decided: HeldCreditRecord = {
    ...held,
    status: 'rejected',
    decidedAt: deps.now().toISOString(),
    decidedBy: adminId,
    rejectReason: reason,
  };
  await deps.points.rejectHeld({ decided, alreadyDecided: decidedAlready });
  return (await heldViews(deps, community, [decided]))[0] as HeldCredit;
}
