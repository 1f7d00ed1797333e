/**
 * Weights as weighed (pure, shared by the station page and the API's schema),
 * the shortfall 预约兑换 shows, and the time a new ledger entry gets.
 */
import {
  CreditBody,
  formatWeight,
  gramsFromKilograms,
  pointsShortfall,
  WEIGH_IN_MAX_LINE_GRAMS,
  WEIGHT_MESSAGES,
  weightProblem,
} from '@linli/shared';
import { describe, expect, it } from 'vitest';
import { entryTime } from '../../functions/src/domain/points/account.js';

describe('kilograms as typed become exact grams', () => {
  it.each([
    ['1.75', 1_750],
    ['0.333', 333],
    ['12.005', 12_005],
    ['2', 2_000],
    ['.5', 500],
    ['3.', 3_000],
    [' 1.750 ', 1_750],
    ['1。75', 1_750],
    ['200', 200_000],
    ['1.2500', 1_250],
  ])('%s → %i g', (typed, grams) => {
    expect(gramsFromKilograms(typed)).toEqual({ grams });
  });

  it.each([
    ['', WEIGHT_MESSAGES.missing],
    ['abc', WEIGHT_MESSAGES.notNumber],
    ['1.2.3', WEIGHT_MESSAGES.notNumber],
    ['.', WEIGHT_MESSAGES.notNumber],
    ['-2', WEIGHT_MESSAGES.notPositive],
    ['0', WEIGHT_MESSAGES.notPositive],
    ['0.000', WEIGHT_MESSAGES.notPositive],
    ['-0', WEIGHT_MESSAGES.notPositive],
    ['1.7505', WEIGHT_MESSAGES.tooPrecise],
    ['200.001', WEIGHT_MESSAGES.tooHeavy],
    ['1e3', WEIGHT_MESSAGES.notNumber],
  ])('%j is refused: %s', (typed, error) => {
    expect(gramsFromKilograms(typed)).toEqual({ error });
  });
});

describe('the page and the schema say the same of a weight', () => {
  it.each([
    [-2_000, WEIGHT_MESSAGES.notPositive],
    [0, WEIGHT_MESSAGES.notPositive],
    [1_750.5, WEIGHT_MESSAGES.tooPrecise],
    [WEIGH_IN_MAX_LINE_GRAMS + 1, WEIGHT_MESSAGES.tooHeavy],
    [1_750, null],
    [WEIGH_IN_MAX_LINE_GRAMS, null],
  ])('%d g → %s', (grams, message) => {
    expect(weightProblem(grams)).toBe(message);
    const parsed = CreditBody.safeParse({
      memberCode: '7'.repeat(16),
      stationId: 'chunhui-center',
      lines: [{ material: 'glass', grams }],
    });
    const issues = parsed.success ? [] : parsed.error.issues.filter((i) => i.path.join('.') === 'lines.0.grams');
    expect(issues.map((i) => i.message)).toEqual(message ? [message] : []);
  });
});

describe('weights are written the same on the receipt and in the ledger', () => {
  it.each([
    [1_750, '1.750 公斤'],
    [333, '0.333 公斤'],
    [12_005, '12.005 公斤'],
    [50_000, '50.000 公斤'],
    [7, '0.007 公斤'],
  ])('%i g → %s', (grams, text) => {
    expect(formatWeight(grams)).toBe(text);
  });
});

describe('the shortfall of a reservation', () => {
  it('is what the balance lacks, never negative', () => {
    expect(pointsShortfall(8, 20)).toBe(12);
    expect(pointsShortfall(20, 20)).toBe(0);
    expect(pointsShortfall(100, 20)).toBe(0);
  });
});

describe('a new ledger entry’s time', () => {
  const account = (lastAt: string | null) => ({ balance: 0, seq: 3, lastAt });
  it('is now, after the account’s latest entry', () => {
    expect(entryTime(account('2026-03-06T01:00:00.000Z'), new Date('2026-03-06T02:00:00.000Z'))).toBe(
      '2026-03-06T02:00:00.000Z',
    );
    expect(entryTime(account(null), new Date('2026-03-06T02:00:00.000Z'))).toBe('2026-03-06T02:00:00.000Z');
  });
  it('is just after the latest entry when the clock is not (the same millisecond, another machine’s clock)', () => {
    expect(entryTime(account('2026-03-06T02:00:00.000Z'), new Date('2026-03-06T02:00:00.000Z'))).toBe(
      '2026-03-06T02:00:00.001Z',
    );
    expect(entryTime(account('2026-03-06T02:00:00.500Z'), new Date('2026-03-06T02:00:00.000Z'))).toBe(
      '2026-03-06T02:00:00.501Z',
    );
  });
});
