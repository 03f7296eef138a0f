/**
 * CSV out, for exports (CLI and the customer table's download): RFC 4180 quoting, and text a
 * spreadsheet would run as a formula defused with a leading apostrophe (OWASP's advice on CSV
 * injection). Pure.
 */

/**
 * Text that a spreadsheet would run as a formula gets a leading apostrophe: = + - @, tab, CR,
 * NUL (some readers drop it and see what follows), and the full-width ＝ ＋ － ＠ that East Asian
 * input methods type and some spreadsheets read as their ASCII forms. Text that already starts
 * with an apostrophe gets one more: a spreadsheet hides the first, so `'=x` still shows as
 * itself, and never becomes the same cell as the defused `=x`.
 */
const FORMULA_START = /^[=+\-@\t\r\0\uFF1D\uFF0B\uFF0D\uFF20']/;

const DAY_MS = 86_400_000;

/** A Date as ISO text: the day alone at UTC midnight (`2024-03-01`), else the full UTC timestamp. */
function isoDate(d: Date): string {
  const t = d.getTime();
  if (!Number.isFinite(t)) return '';
  const iso = d.toISOString();
  return t % DAY_MS === 0 ? iso.slice(0, 10) : iso;
}

/**
 * One CSV field: numbers as plain numbers (negative ones too; at most 15 significant digits, so
 * floating-point noise is gone), dates as ISO days (or UTC timestamps), text guarded against formula
 * injection and quoted when it holds a comma, quote or line break. null -> empty.
 */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  // 15 significant digits: sums of cents lose their binary noise (3761496.799999999 -> 3761496.8).
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number.isInteger(v) ? v : Number(v.toPrecision(15))) : '';
  if (typeof v === 'bigint') return v.toString();
  // Not String(date): that is local, English and unreadable as a date by data tools.
  if (v instanceof Date) return isoDate(v);
  let s = String(v);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A header line of the column names, then one line per row, joined by `\n` (no trailing newline). */
export function toCsv<T extends object>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  return [columns.join(','), ...rows.map((row) => columns.map((c) => csvField(row[c])).join(','))].join('\n');
}
