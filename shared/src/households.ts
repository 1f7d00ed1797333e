/** Household binding rules both ends use: the door number and the decisions kept on a request. */

/** A door number: 1–8 digits or letters (502, 1203, B1-2). */
export const ROOM_PATTERN = /^[0-9A-Za-z-]{1,8}$/;
export const ROOM_RULE = '门牌号为 1–8 位数字或字母，如 502';

/** What is wrong with a door number as typed (before it is upper-cased), or undefined when it will do. */
export function roomProblem(text: string): string | undefined {
  const room = text.trim();
  if (!room) return '请填写门牌号';
  return ROOM_PATTERN.test(room) ? undefined : ROOM_RULE;
}

/** An admin's decisions on a binding request, kept on it: who, when, why. */
export const HOUSEHOLD_DECISIONS = ['approve', 'reject'] as const;
export type HouseholdDecisionAction = (typeof HOUSEHOLD_DECISIONS)[number];
export const HOUSEHOLD_DECISION_LABELS: Record<HouseholdDecisionAction, string> = {
  approve: '审核通过',
  reject: '审核不通过',
};
