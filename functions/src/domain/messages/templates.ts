/**
 * The subscription templates as chosen in the mp console (订阅消息 → 我的模板):
 * which keywords each has. WeChat refuses a send whose data keys differ from
 * the template's or break a field's limit (47003), so the data is built here
 * and nowhere else.
 */
import { formatDateTime, type SubscriptionTemplate } from '@linli/shared';

export const TEMPLATE_KEYWORDS = {
  /** 受理通知: 问题, 状态, 时间, 说明 */
  feedback_accepted: ['thing1', 'phrase2', 'time3', 'thing4'],
  /** 办结通知: 问题, 状态, 办结时间, 说明 */
  feedback_resolved: ['thing1', 'phrase2', 'time3', 'thing4'],
  /** 回复通知: 问题, 回复内容, 回复时间 */
  feedback_reply: ['thing1', 'thing2', 'time3'],
  /** 派单提醒: 任务, 期限, 说明 */
  feedback_task: ['thing1', 'time2', 'thing3'],
  /** 领取提醒: 物品, 领取地点, 领取时间 */
  pickup_reminder: ['thing1', 'thing2', 'time3'],
} as const satisfies Record<SubscriptionTemplate, readonly string[]>;

/** `thing`: at most 20 characters; longer text is cut with an ellipsis. */
export function thing(value: string): string {
  const chars = [...value.replace(/\s+/g, ' ').trim()];
  if (chars.length === 0) return '—';
  return chars.length > 20 ? `${chars.slice(0, 19).join('')}…` : chars.join('');
}

/** `phrase`: at most 5 Chinese characters and nothing else. */
export function phrase(value: string): string {
  const han = [...value].filter((c) => /\p{Script=Han}/u.test(c));
  return han.slice(0, 5).join('') || '有更新';
}

/**
 * `time`: a date and clock WeChat accepts (`2026年12月2日 07:08`), in Asia/Shanghai: the
 * app's own formatter, with the year, and a real clock (a deadline at midnight stays
 * `00:00` of the next day here; WeChat's time field is not known to take `24:00`).
 */
export function time(iso: string): string {
  return formatDateTime(iso);
}
