/** The append-only points ledger: every change of a balance is one of these. */
export const LEDGER_TYPES = ['earn_recycling', 'earn_volunteer', 'redeem', 'refund', 'expire', 'adjust'] as const;
export type LedgerType = (typeof LEDGER_TYPES)[number];

export const LEDGER_TYPE_LABELS: Record<LedgerType, string> = {
  earn_recycling: '垃圾分类',
  earn_volunteer: '志愿服务',
  redeem: '兑换',
  refund: '退回',
  expire: '过期',
  adjust: '调整',
};

/** Points still missing for `cost` (0 when the balance covers it): "还差 12 分". */
export function pointsShortfall(balance: number, cost: number): number {
  return Math.max(0, cost - balance);
}

export const REDEMPTION_STATUSES = ['reserved', 'fulfilled', 'cancelled'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];
export const REDEMPTION_STATUS_LABELS: Record<RedemptionStatus, string> = {
  reserved: '待领取',
  fulfilled: '已领取',
  cancelled: '已取消',
};
