import type { DateOrder, DecimalStyle } from '../ingest/types.js';
import { literal } from './sql-text.js';

/**
 * SQL expressions that turn the text of one input field into a typed value, or NULL when the
 * text is not one. Everything is core DuckDB (regexp, strptime, casts), no extension, and
 * the building blocks (CASE, regexp, CAST) have equivalents in PostgreSQL dialects.
 */

/**
 * Empty and blank fields become NULL, so "missing" and "unparseable" can be told apart; the
 * rest is trimmed of spaces (trim() takes the Unicode space separators: U+0020, no-break and
 * ideographic spaces..., not tabs or line ends). `expr` is a column: it is read up to four times.
 * trim() makes a new string of every value, a second per million-line load of eight columns;
 * a value all ASCII (as many bytes as characters) that neither starts nor ends with U+0020 has
 * nothing to trim, the only ASCII space separator being U+0020, so it is kept as it is.
 */
export function blankToNull(expr: string): string {
  return `NULLIF(CASE WHEN starts_with(${expr}, ' ') OR ends_with(${expr}, ' ') OR strlen(${expr}) <> length(${expr}) THEN trim(${expr}) ELSE ${expr} END, '')`;
}

const CURRENCY = String.raw`\s*([$€£¥₹]|R\$|RM|USD|EUR|GBP|BRL|MYR)\s*`;
const SPACES = String.raw`[\s'\x{00A0}\x{202F}]`;

/** Accounting negatives `(12.50)` -> `-12.50`; currency symbols and grouping spaces removed. */
export function numberText(expr: string): string {
  const negatives = `regexp_replace(${expr}, ${literal(String.raw`^\((.*)\)$`)}, '-\\1')`;
  const noCurrency = `regexp_replace(${negatives}, ${literal(CURRENCY)}, '', 'g')`;
  return `regexp_replace(${noCurrency}, ${literal(SPACES)}, '', 'g')`;
}

/** Shape of anything that looks like a number in either decimal style. */
export const NUMBER_SHAPE = String.raw`[-+]?(\d+|\d{1,3}([.,]\d{3})+)([.,]\d+)?([eE][-+]?\d+)?|[-+]?[.,]\d+`;
const PLAIN = String.raw`[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?`;

/**
 * Text -> DOUBLE under one decimal style. Thousands separators are removed only where they
 * group digits by three, so "12,5" under the point style is rejected rather than read as 125.
 */
export function numberExpr(expr: string, style: DecimalStyle): string {
  const t = numberText(expr);
  const [groupChar, groupRe, decRe] = style === 'point' ? [',', ',', String.raw`\.`] : ['.', String.raw`\.`, ','];
  const grouped = String.raw`[-+]?\d{1,3}(` + groupRe + String.raw`\d{3})+(` + decRe + String.raw`\d*)?`;
  const ungrouped = `CASE WHEN regexp_full_match(${t}, ${literal(grouped)}) THEN replace(${t}, '${groupChar}', '') ELSE ${t} END`;
  const normalised = style === 'point' ? ungrouped : `replace(${ungrouped}, ',', '.')`;
  const slow = `CASE WHEN regexp_full_match(${normalised}, ${literal(PLAIN)}) THEN CAST(${normalised} AS DOUBLE) END`;
  // Fast path for the common case (plain digits): one regex instead of six.
  const fast = style === 'point' ? PLAIN : String.raw`[-+]?\d+`;
  return `(CASE WHEN regexp_full_match(${expr}, ${literal(fast)}) THEN CAST(${expr} AS DOUBLE) ELSE ${slow} END)`;
}

/** Cleaned number text for profiling (see `NUMBER_SHAPE`). */
export function numberShapeExpr(expr: string): string {
  return `regexp_full_match(${numberText(expr)}, ${literal(NUMBER_SHAPE)})`;
}

/** Year first: 2024-03-31, 2024/03/31 or 2024.03.31, with an optional time and offset. */
export const ISO_DATE = String.raw`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?`;
export const SLASH_DATE = String.raw`\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})(,?\s+\d{1,2}:\d{2}(:\d{2})?(\s*[AaPp][Mm])?)?`;
export const COMPACT_DATE = String.raw`(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])`;

function slashFormats(order: 'dmy' | 'mdy'): string[] {
  const out: string[] = [];
  for (const sep of ['/', '.', '-']) {
    const d = order === 'dmy' ? `%d${sep}%m` : `%m${sep}%d`;
    // %y first: %Y also takes a two-digit year, reading "3/4/11" as the year 11.
    for (const y of ['%y', '%Y']) {
      for (const time of ['', ' %H:%M', ' %H:%M:%S', ' %I:%M %p', ' %I:%M:%S %p', ', %H:%M', ', %H:%M:%S']) {
        out.push(`${d}${sep}${y}${time}`);
      }
    }
  }
  return out;
}

/**
 * Text -> TIMESTAMP. ISO dates (with or without time, `T`, offset) and yyyymmdd always parse;
 * slash/dot/dash dates parse under the given day/month order. A two-digit year is read by
 * strptime's rule (69-99 -> 19xx, 00-68 -> 20xx).
 */
export function dateExpr(expr: string, order: DateOrder): string {
  const parts = [
    // Fast path: plain ISO dates and timestamps, the usual export format. Only for values
    // that start with a four-digit year: the cast reads "3/4/11" as the year 3.
    `CASE WHEN regexp_matches(${expr}, ${literal(String.raw`^\d{4}[-/]`)}) THEN TRY_CAST(${expr} AS TIMESTAMP) END`,
    // Year-first with / or . separators, or with an offset: normalise to plain ISO, then cast.
    `CASE WHEN regexp_full_match(${expr}, ${literal(ISO_DATE)}) THEN TRY_CAST(regexp_replace(regexp_replace(${expr}, ${literal(String.raw`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})`)}, '\\1-\\2-\\3'), ${literal(String.raw`(\d:\d{2}(:\d{2}(\.\d+)?)?)\s*(Z|[+-]\d{2}(:?\d{2})?)$`)}, '\\1') AS TIMESTAMP) END`,
    `CASE WHEN regexp_full_match(${expr}, ${literal(COMPACT_DATE)}) THEN try_strptime(${expr}, '%Y%m%d') END`,
  ];
  const slashOrder = order === 'mdy' ? 'mdy' : 'dmy';
  const formats = slashFormats(slashOrder).map(literal).join(', ');
  parts.push(
    `CASE WHEN regexp_full_match(${expr}, ${literal(SLASH_DATE)}) THEN try_strptime(regexp_replace(${expr}, ${literal(String.raw`\s+`)}, ' ', 'g'), [${formats}]) END`,
  );
  return `COALESCE(${parts.join(', ')})`;
}
