/**
 * Member codes and pickup codes, like a payment code (付款码): 16 digits a
 * person can read out, grouped by four (`7221 8390 1142 7705`). The first
 * digit says which kind it is, the last is a Luhn check digit, so a mistyped
 * digit (or two swapped neighbours) is caught before the server is asked. The
 * 14 digits between are random: the server keeps every code it issued, so a
 * number it never issued, or one whose time is up, does nothing.
 * Pure and zod-free: the API's schemas and the pages use the same rules.
 */

export const CODE_LENGTH = 16;
export const CODE_KINDS = ['member', 'pickup'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

/** The leading digit of each kind (not 1–6: those start payment codes and bank cards). */
export const CODE_PREFIX: Record<CodeKind, string> = { member: '7', pickup: '8' };
export const CODE_LABELS: Record<CodeKind, string> = { member: '积分码', pickup: '领取码' };

/** Full-width digits (typed with a Chinese keyboard) as ASCII; spaces, hyphens and dots dropped. */
export function normalizeCode(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\-\u2010-\u2015\u30FC._·]/g, '');
}

/** The Luhn check digit of `body` (digits only). */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Doubling starts with the rightmost digit of the body (the check digit will stand right of it).
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** True when the last digit is the Luhn check digit of the others. */
export function hasValidCheckDigit(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && luhnCheckDigit(digits.slice(0, -1)) === digits.slice(-1);
}

/** `7221839011427705` → `7221 8390 1142 7705`: four at a time, for the eye and for reading aloud. */
export function groupCode(text: string): string {
  return (text.match(/.{1,4}/g) ?? []).join(' ');
}

/** Builds a code of `kind` around 14 random digits (`random` gives 0–9 each call; the server's is crypto). */
export function makeCode(kind: CodeKind, randomDigit: () => number): string {
  let body = CODE_PREFIX[kind];
  while (body.length < CODE_LENGTH - 1) body += String(randomDigit());
  return body + luhnCheckDigit(body);
}

/** The words for what is wrong with a code as typed, shared by the page and the API. */
export const CODE_MESSAGES = {
  missing: (kind: CodeKind) => `请扫描或输入${CODE_LABELS[kind]}`,
  notDigits: (kind: CodeKind) => `${CODE_LABELS[kind]}只有数字，请核对`,
  length: (kind: CodeKind) => `${CODE_LABELS[kind]}是 ${CODE_LENGTH} 位数字，请核对位数`,
  mistyped: (kind: CodeKind) => `${CODE_LABELS[kind]}有一位数字不对，请核对后重新输入`,
  otherKind: (kind: CodeKind) =>
    kind === 'member'
      ? '这是领取码，不是积分码：请在“兑换发放”里核销'
      : '这是积分码，不是领取码：请让居民打开“我的兑换”',
  unknownKind: (kind: CodeKind) => `这不是${CODE_LABELS[kind]}，请核对`,
} as const;

/**
 * What is wrong with `text` as a code of `kind`, or null when it may be sent
 * (it may still be unknown to the server or out of time). `partial` accepts
 * a code still being typed (shorter, nothing wrong so far).
 */
export function codeProblem(kind: CodeKind, text: string, partial = false): string | null {
  const digits = normalizeCode(text);
  if (digits === '') return partial ? null : CODE_MESSAGES.missing(kind);
  if (!/^\d+$/.test(digits)) return CODE_MESSAGES.notDigits(kind);
  if (digits.length > CODE_LENGTH) return CODE_MESSAGES.length(kind);
  const other = CODE_KINDS.find((k) => k !== kind);
  if (other && digits.startsWith(CODE_PREFIX[other])) return CODE_MESSAGES.otherKind(kind);
  if (!digits.startsWith(CODE_PREFIX[kind])) return CODE_MESSAGES.unknownKind(kind);
  if (digits.length < CODE_LENGTH) return partial ? null : CODE_MESSAGES.length(kind);
  return hasValidCheckDigit(digits) ? null : CODE_MESSAGES.mistyped(kind);
}
