import * as z from 'zod';
import { CODE_LENGTH, CODE_MESSAGES, type CodeKind, normalizeCode } from '../points/codes.js';
import { LEDGER_TYPES, REDEMPTION_STATUSES } from '../points/ledger.js';
import { WEIGH_IN_MAX_LINE_GRAMS, WEIGHT_MESSAGES } from '../points/weigh-in.js';
import { Cursor, Id, IsoTime, Limit, page } from './common.js';
import { SortFlag, SortFlagNoted } from './sort-quality.js';

/**
 * A member or pickup code as scanned, typed or pasted: spaces and full-width
 * digits are dropped, then it must be 16 digits. The kind digit and the check
 * digit are the use case's (`codeProblem`), which names them with their own codes.
 */
const codeField = (kind: CodeKind) =>
  z
    .string({ error: CODE_MESSAGES.missing(kind) })
    .max(100, { error: CODE_MESSAGES.length(kind) })
    .transform(normalizeCode)
    .pipe(
      z
        .string()
        .min(1, { error: CODE_MESSAGES.missing(kind), abort: true })
        .regex(/^\d+$/, { error: CODE_MESSAGES.notDigits(kind), abort: true })
        .length(CODE_LENGTH, { error: CODE_MESSAGES.length(kind) }),
    );
const MemberCodeField = codeField('member');

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
  /** 16 digits (see `points/codes.ts`), shown grouped, as a QR code and a barcode; single use for a credit. */
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
  /** What was weighed, exactly (recycling; empty otherwise): the same grams and points as the receipt. */
  lines: z.array(
    z.object({ material: z.string(), label: z.string(), grams: z.number().int(), points: z.number().int() }),
  ),
  /** Where it happened (weigh-ins, redemptions); null when no station was involved. */
  stationName: z.string().nullable(),
  /** Who made the change when it was not the resident (operator, admin, organiser), masked: 刘*. */
  operatorName: z.string().nullable(),
  /** The balance this entry left, written in the same transaction; null on entries older than the field. */
  balanceAfter: z.number().int().nullable(),
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
            /** Exactly as weighed, in grams; the words are the station page's (`weightProblem`). */
            grams: z
              .number({ error: WEIGHT_MESSAGES.notNumber })
              .positive({ error: WEIGHT_MESSAGES.notPositive, abort: true })
              .int({ error: WEIGHT_MESSAGES.tooPrecise, abort: true })
              .max(WEIGH_IN_MAX_LINE_GRAMS, { error: WEIGHT_MESSAGES.tooHeavy }),
          })
          .strict(),
      )
      .min(1, { error: '至少称一种可回收物' })
      .max(10, { error: '一次最多 10 项' }),
    /** Optional: the delivery was badly sorted (counted for the resident's building; points are credited all the same). */
    sortFlag: SortFlag.optional(),
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
  /** What was noted of the sorting, when the operator flagged it (absent on receipts older than the flag). */
  sortFlag: SortFlagNoted.optional(),
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
    pickupCode: codeField('pickup'),
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
  /** 16 digits valid until the window closes, shown to the resident only (digits, QR code, barcode); the operator scans or types it to hand over. */
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
