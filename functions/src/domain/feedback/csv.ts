/** CSV for spreadsheet programs: RFC 4180 quoting, CRLF line ends, no formulas smuggled in through text. */
export type CsvCell = string | number | null;

/** A cell a spreadsheet would run as a formula (=, +, -, @, or a tab/CR before one) is kept as text with a leading '. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function cell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => `${row.map(cell).join(',')}\r\n`).join('');
}

/** A rate (0–1) as a spreadsheet reader expects it: `87.5%`; empty when there is no rate. */
export function percent(rate: number | null): string {
  return rate === null ? '' : `${Math.round(rate * 1000) / 10}%`;
}
