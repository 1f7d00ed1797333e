/**
 * Weights of a weigh-in, pure and zod-free (the station page checks as the
 * operator types, the API's schema refuses with the same words). A weight is
 * an integer number of grams, stored and shown exactly as weighed.
 */

/** The heaviest single line anyone may enter (a community's hold limit, `maxLineGrams`, is at most this). */
export const WEIGH_IN_MAX_LINE_GRAMS = 200_000;

/** What is wrong with a weight, in the words the operator reads under the field. */
export const WEIGHT_MESSAGES = {
  missing: '请填写重量',
  notNumber: '重量须为数字，例如 1.75',
  notPositive: '重量须大于 0',
  tooPrecise: '重量最多精确到克（小数点后 3 位）',
  tooHeavy: `一项最多 ${WEIGH_IN_MAX_LINE_GRAMS / 1000} 公斤，请核对或分开称`,
} as const;

/** Grams as a resident and an operator read them, the same on the receipt and in the ledger: 1750 → `1.750 公斤`. */
export function formatWeight(grams: number): string {
  const sign = grams < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(grams));
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')} 公斤`;
}

/** The problem with a weight in grams, or null when it may be credited (the schema and the page agree). */
export function weightProblem(grams: number): string | null {
  if (typeof grams !== 'number' || Number.isNaN(grams)) return WEIGHT_MESSAGES.notNumber;
  if (grams <= 0) return WEIGHT_MESSAGES.notPositive;
  if (!Number.isInteger(grams)) return WEIGHT_MESSAGES.tooPrecise;
  if (grams > WEIGH_IN_MAX_LINE_GRAMS) return WEIGHT_MESSAGES.tooHeavy;
  return null;
}

/**
 * Kilograms as typed (`1.75`, `0.333`, `12.005`) to exact grams, without
 * floating-point rounding; or what is wrong with the text.
 */
export function gramsFromKilograms(text: string): { grams: number } | { error: string } {
  const typed = text.trim().replace(/，|。/g, '.');
  if (typed === '') return { error: WEIGHT_MESSAGES.missing };
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(typed);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return { error: WEIGHT_MESSAGES.notNumber };
  const [, sign, whole = '', fraction = ''] = match;
  const grams = Number(whole || '0') * 1000 + Number(fraction.slice(0, 3).padEnd(3, '0'));
  if (sign === '-' && grams > 0) return { error: WEIGHT_MESSAGES.notPositive };
  if (grams === 0) return { error: WEIGHT_MESSAGES.notPositive };
  if (/[1-9]/.test(fraction.slice(3))) return { error: WEIGHT_MESSAGES.tooPrecise };
  const problem = weightProblem(grams);
  return problem ? { error: problem } : { grams };
}
