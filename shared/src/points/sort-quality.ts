/**
 * Sort quality at the scale: an operator may note that a delivery was badly
 * sorted while crediting it. The notes feed a per-building figure only; they
 * never name a resident, and a flag never refuses points. Pure and zod-free
 * (the station page shows the same list the API's schema accepts).
 */

/** The issues an operator can tick, in the order the station page shows them. */
export const SORT_ISSUES = ['mixed', 'bag_not_broken', 'wet_dirty', 'hazardous_mixed', 'other'] as const;
export type SortIssue = (typeof SORT_ISSUES)[number];

export const SORT_ISSUE_LABELS: Record<SortIssue, string> = {
  mixed: '混入其他垃圾',
  bag_not_broken: '厨余未破袋',
  wet_dirty: '可回收物不干净',
  hazardous_mixed: '有害垃圾混投',
  other: '其他',
};

/** The longest note beside 其他, in characters. */
export const SORT_FLAG_NOTE_MAX = 50;

/** Counters of one building's weigh-ins in one month, as the counter items keep them. */
export interface SortQualityCounts {
  weighed: number;
  flagged: number;
  issues: Partial<Record<SortIssue, number>>;
}
