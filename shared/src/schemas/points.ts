import * as z from 'zod';
import { LEDGER_TYPES, REDEMPTION_STATUSES } from '../points/ledger.js';
import { Cursor, Id, IsoTime, Limit, page } from './common.js';

const MemberCodeField = z.string({ error: '请扫描居民的积分码' }).min(20, { error: '积分码不完整' }).max(2000);

export const ExchangeWindowSchema = z.object({ opensAt: IsoTime, closesAt: IsoTime, description: z.string() });

export const PointsSummary = z.object({
  communityId: Id,
  balance: z.number().int(),
  month: z.string(),
  earnedThisMonth: z.number().int(),
  spentThisMonth: z.number().int(),
  /** The exchange window now open, or the next one. */
  exchange: z.object({ open: z.boolean(), window: ExchangeWindowSchema }),
});
export type PointsSummary = z.infer<typeof PointsSummary>;

export const MemberCode = z.object({
  /** A signed token (resident, community, expiry) shown as a QR code; single use for a credit. */
  code: z.string(),
  expiresAt: IsoTime,
  refreshAfterSeconds: z.number().int(),
});

export const LedgerEntry = z.object({
  entryId: z.string(),
  type: z.enum(LEDGER_TYPES),
  typeLabel: z.string(),
  points: z.number().int(),
  at: IsoTime,
  note: z.string(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;
export const LedgerPage = page(LedgerEntry);
export const LedgerQuery = z.object({ cursor: Cursor, limit: Limit });

export const CreditBody = z
  .object({
    memberCode: MemberCodeField,
    stationId: Id,
    lines: z
      .array(
        z
          .object({
            material: z.string().regex(/^[a-z][a-z0-9_]{1,30}$/, { error: '可回收物类别不正确' }),
            grams: z
              .number({ error: '重量须为数字' })
              .int({ error: '重量须为整数（克）' })
              .min(1, { error: '重量至少 1 克' })
              .max(1_000_000, { error: '重量最多 1000 公斤' }),
          })
          .strict(),
      )
      .min(1, { error: '至少称一种可回收物' })
      .max(10, { error: '一次最多 10 项' }),
  })
  .strict();
export type CreditBody = z.infer<typeof CreditBody>;

export const CreditResult = z.object({
  creditId: z.string(),
  /** `held`: a line exceeded the community's limit; an admin decides, nothing was credited. */
  status: z.enum(['credited', 'held']),
  points: z.number().int(),
  capped: z.boolean(),
  lines: z.array(
    z.object({
      material: z.string(),
      label: z.string(),
      grams: z.number().int(),
      points: z.number().int(),
      outlier: z.boolean(),
    }),
  ),
  resident: z.object({ maskedName: z.string() }),
  balance: z.number().int(),
});
export type CreditResult = z.infer<typeof CreditResult>;

export const RewardStock = z.object({ stationId: Id, stationName: z.string(), quantity: z.number().int() });
export const Reward = z.object({
  rewardId: Id,
  name: z.string(),
  description: z.string(),
  pointsCost: z.number().int(),
  imageUrl: z.string().nullable(),
  /** How many one resident may take per month; null = no limit. */
  monthlyLimit: z.number().int().nullable(),
  active: z.boolean(),
  stock: z.array(RewardStock),
});
export type Reward = z.infer<typeof Reward>;
export const RewardList = z.object({ items: z.array(Reward) });

const Items = z
  .array(
    z
      .object({
        rewardId: Id,
        quantity: z
          .number({ error: '数量须为数字' })
          .int({ error: '数量须为整数' })
          .min(1, { error: '数量至少为 1' })
          .max(10, { error: '数量最多为 10' }),
      })
      .strict(),
  )
  .min(1, { error: '请选择要兑换的物品' })
  .max(10, { error: '一次最多兑换 10 种物品' })
  .refine((items) => new Set(items.map((i) => i.rewardId)).size === items.length, { error: '同一物品请合并数量' });

export const ReserveBody = z.object({ stationId: Id, items: Items }).strict();
export type ReserveBody = z.infer<typeof ReserveBody>;
export const CounterRedeemBody = z.object({ memberCode: MemberCodeField, stationId: Id, items: Items }).strict();
export type CounterRedeemBody = z.infer<typeof CounterRedeemBody>;
export const FulfilBody = z
  .object({
    pickupCode: z.string({ error: '请扫描领取码' }).min(20, { error: '领取码不完整' }).max(2000),
    stationId: Id,
  })
  .strict();
export const CancelRedemptionBody = z.object({ reason: z.string().trim().max(100).default('') }).strict();

export const Redemption = z.object({
  redemptionId: Id,
  communityId: Id,
  residentName: z.string(),
  stationId: Id,
  stationName: z.string(),
  items: z.array(
    z.object({ rewardId: Id, name: z.string(), quantity: z.number().int(), pointsCost: z.number().int() }),
  ),
  totalPoints: z.number().int(),
  status: z.enum(REDEMPTION_STATUSES),
  statusLabel: z.string(),
  /** Shown as a QR code to the resident only; the operator scans it to hand over. */
  pickupCode: z.string().nullable(),
  createdAt: IsoTime,
  windowClosesAt: IsoTime,
  fulfilledAt: IsoTime.nullable(),
  cancelledAt: IsoTime.nullable(),
  cancelReason: z.string().nullable(),
});
export type Redemption = z.infer<typeof Redemption>;
export const RedemptionPage = page(Redemption);
export const RedemptionPath = z.object({ communityId: Id, redemptionId: Id });
export const StationPath = z.object({ communityId: Id, stationId: Id });
/** A station's reservations of one status, oldest first: what to get ready on exchange day. */
export const StationRedemptionsQuery = z.object({
  status: z.enum(REDEMPTION_STATUSES, { error: '状态只能是 reserved、fulfilled 或 cancelled' }).default('reserved'),
  cursor: Cursor,
  limit: Limit,
});
