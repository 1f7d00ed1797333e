/**
 * The rules of the codes a person reads out (pure, shared by the API and the
 * pages), and the Code 128 barcode the code page draws, read back by ZXing's
 * own Code 128 decoder — the one the browser build scans with.
 */
import {
  CODE_MESSAGES,
  codeProblem,
  groupCode,
  hasValidCheckDigit,
  luhnCheckDigit,
  makeCode,
  normalizeCode,
} from '@linli/shared/rules';
import zxing from '@zxing/library';
import { describe, expect, it } from 'vitest';
import { randomDigit } from '../../functions/src/domain/points/codes.js';
import { code128Svg, code128Values, code128Widths } from '../../miniprogram/src/components/points-qr/code128.js';

const { BitArray, Code128Reader } = zxing as unknown as {
  BitArray: new (size: number) => { set(i: number): void };
  Code128Reader: new () => {
    decodeRow(row: number, bits: unknown, hints: Map<unknown, unknown>): { getText(): string };
  };
};

/** The barcode as one scan line: each module two pixels, a quiet zone either side. */
function scanLine(text: string) {
  const widths = code128Widths(text);
  const modules = widths.reduce((a, b) => a + b, 0) + 20;
  const bits = new BitArray(modules * 2);
  let x = 10;
  widths.forEach((width, i) => {
    if (i % 2 === 0) for (let k = 0; k < width * 2; k++) bits.set(x * 2 + k);
    x += width;
  });
  return bits;
}

describe('the Luhn check digit', () => {
  it('matches known numbers and catches every single mistyped digit and most swaps of neighbours', () => {
    // Prepare: a textbook Luhn number (79927398713) and a 16-digit code
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(hasValidCheckDigit('79927398713')).toBe(true);
    const code = makeCode('member', randomDigit);

    // Act: every single-digit change, every swap of two different neighbours
    let singles = 0;
    let swapsCaught = 0;
    let swaps = 0;
    let nineZero = 0;
    for (let i = 0; i < code.length; i++)
      for (let d = 0; d < 10; d++) {
        if (String(d) === code[i]) continue;
        const changed = `${code.slice(0, i)}${d}${code.slice(i + 1)}`;
        if (!hasValidCheckDigit(changed)) singles++;
      }
    for (let i = 0; i < code.length - 1; i++) {
      if (code[i] === code[i + 1]) continue;
      swaps++;
      if (`${code[i]}${code[i + 1]}` === '09' || `${code[i]}${code[i + 1]}` === '90') nineZero++;
      const swapped = `${code.slice(0, i)}${code[i + 1]}${code[i]}${code.slice(i + 2)}`;
      if (!hasValidCheckDigit(swapped)) swapsCaught++;
    }

    // Assess: all 9 × 16 single errors; swaps except 0↔9
    expect(hasValidCheckDigit(code)).toBe(true);
    expect(singles).toBe(9 * 16);
    expect(swapsCaught).toBe(swaps - nineZero);
  });
});

describe('codes as issued and as typed', () => {
  it('issues 16 digits, the kind digit first, and no two alike in ten thousand', () => {
    const codes = Array.from({ length: 10_000 }, () => makeCode('member', randomDigit));
    expect(codes.every((c) => /^7\d{15}$/.test(c) && hasValidCheckDigit(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(makeCode('pickup', randomDigit)).toMatch(/^8\d{15}$/);
  });

  it('draws each digit as often as any other (no modulo bias)', () => {
    const counts = Array(10).fill(0);
    for (let i = 0; i < 50_000; i++) counts[randomDigit()]++;
    for (const n of counts) expect(Math.abs(n - 5000)).toBeLessThan(400);
  });

  it('reads a code as a person types or pastes it: spaces, dashes, full-width digits', () => {
    expect(normalizeCode(' 7221 8390-1142\u30007705 ')).toBe('7221839011427705');
    expect(normalizeCode('７２２１８３９０１１４２７７０５')).toBe('7221839011427705');
    expect(groupCode('7221839011427705')).toBe('7221 8390 1142 7705');
    expect(groupCode('72218')).toBe('7221 8');
  });

  it('says what is wrong, in the words of the page and the API', () => {
    const good = makeCode('member', randomDigit);
    const mistyped = `${good.slice(0, 3)}${(Number(good[3]) + 1) % 10}${good.slice(4)}`;
    expect(codeProblem('member', good)).toBeNull();
    expect(codeProblem('member', groupCode(good))).toBeNull();
    expect(codeProblem('member', mistyped)).toBe(CODE_MESSAGES.mistyped('member'));
    expect(codeProblem('member', good.slice(0, 9))).toBe(CODE_MESSAGES.length('member'));
    expect(codeProblem('member', good.slice(0, 9), true)).toBeNull();
    expect(codeProblem('member', makeCode('pickup', randomDigit))).toContain('这是领取码');
    expect(codeProblem('pickup', good)).toContain('这是积分码');
    expect(codeProblem('member', '1234')).toBe(CODE_MESSAGES.unknownKind('member'));
    expect(codeProblem('member', '')).toBe(CODE_MESSAGES.missing('member'));
    expect(codeProblem('member', '72a1')).toBe(CODE_MESSAGES.notDigits('member'));
  });
});

describe('the Code 128 barcode', () => {
  it('encodes 16 digits in code set C (8 symbols) with the right check symbol', () => {
    // 7221839011427705 → start C, 72 21 83 90 11 42 77 05, check, stop
    const values = code128Values('7221839011427705');
    expect(values.slice(0, 9)).toEqual([105, 72, 21, 83, 90, 11, 42, 77, 5]);
    const check = (105 + [72, 21, 83, 90, 11, 42, 77, 5].reduce((s, v, i) => s + v * (i + 1), 0)) % 103;
    expect(values.slice(9)).toEqual([check, 106]);
  });

  it.each([['7221839011427705'], [makeCode('pickup', randomDigit)], ['482913'], ['Linli-7']])(
    'is read back as %s by ZXing’s Code 128 decoder',
    (text) => {
      const result = new Code128Reader().decodeRow(0, scanLine(text), new Map());
      expect(result.getText()).toBe(text);
    },
  );

  it('draws black bars on white with a quiet zone, as an SVG', () => {
    const svg = code128Svg('7221839011427705');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<path fill="#000" d="M10 0h');
    // 11 modules a symbol, 13 for stop: start + 8 + check = 10 symbols → 123 modules, +20 quiet
    expect(svg).toContain('viewBox="0 0 143 40"');
  });
});
