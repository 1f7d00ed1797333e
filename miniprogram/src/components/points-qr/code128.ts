/**
 * Code 128 barcodes in a few lines of pure JS, drawn as an SVG data URL (no
 * canvas, the same in weapp and H5; a barcode library would be 10× the size).
 * Even-length digit strings use code set C (two digits a symbol: 16 digits are
 * 8 symbols), anything else code set B (printable ASCII).
 */

/** Bar and space widths of the 107 symbols (values 0–105, then the stop symbol), bar first. */
const PATTERNS = (
  '212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 122231 ' +
  '113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 ' +
  '212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 112133 112331 132131 ' +
  '113123 113321 133121 313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 ' +
  '314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 ' +
  '241211 221114 413111 241112 134111 111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 ' +
  '214121 412121 111143 111341 131141 114113 114311 411113 411311 113141 114131 311141 411131 211412 211214 ' +
  '211232 2331112'
).split(' ');
const START_B = 104;
const START_C = 105;
const STOP = 106;
/** Blank modules either side, so a scanner finds the edges. */
const QUIET = 10;

/** The symbol values of `text`: start, data, check symbol, stop. */
export function code128Values(text: string): number[] {
  const digitsC = /^(\d\d)+$/.test(text);
  const data: number[] = [];
  if (digitsC) for (let i = 0; i < text.length; i += 2) data.push(Number(text.slice(i, i + 2)));
  else
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      if (code < 32 || code > 127) throw new Error(`Code 128 set B cannot encode ${JSON.stringify(ch)}`);
      data.push(code - 32);
    }
  const start = digitsC ? START_C : START_B;
  const check = data.reduce((sum, value, i) => sum + value * (i + 1), start) % 103;
  return [start, ...data, check, STOP];
}

/** The bars of `text` as widths in modules, alternating bar and space, starting with a bar. */
export function code128Widths(text: string): number[] {
  return code128Values(text).flatMap((value) => [...(PATTERNS[value] ?? '')].map(Number));
}

/** An SVG of the barcode, `height` modules high (the image is scaled to its box). */
export function code128Svg(text: string, height = 40): string {
  let x = QUIET;
  const bars: string[] = [];
  code128Widths(text).forEach((width, i) => {
    if (i % 2 === 0) bars.push(`M${x} 0h${width}v${height}h-${width}z`);
    x += width;
  });
  const total = x + QUIET;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${height}" width="${total * 3}" ` +
    `height="${height * 3}" shape-rendering="crispEdges"><rect width="${total}" height="${height}" fill="#fff"/>` +
    `<path fill="#000" d="${bars.join('')}"/></svg>`
  );
}

export function code128DataUrl(text: string, height?: number): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(code128Svg(text, height))}`;
}
