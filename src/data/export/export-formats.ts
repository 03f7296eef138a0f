/**
 * What every export format shares, without the encoders: the formats and their file types, the
 * columns and how their values are typed, and CSV (plain text). The elements use this at once;
 * Arrow and Parquet (rows-export.ts, which re-exports all of this) load when a file is saved.
 */
import { toCsv } from '../../analytics/csv.js';

/** The file formats rows can be saved in. */
export const EXPORT_FORMATS = ['csv', 'parquet', 'arrow'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Extension and media type of each format (Arrow: the IPC file format, `.arrow`). */
export const EXPORT_FILE_TYPES: Readonly<Record<ExportFormat, { extension: string; mediaType: string }>> = {
  csv: { extension: 'csv', mediaType: 'text/csv;charset=utf-8' },
  parquet: { extension: 'parquet', mediaType: 'application/vnd.apache.parquet' },
  arrow: { extension: 'arrow', mediaType: 'application/vnd.apache.arrow.file' },
};

/**
 * How a column is typed in Parquet and Arrow: `string` (UTF-8), `integer` (32-bit: counts,
 * scores, days; a column holding a value beyond 32 bits is written as a 64-bit float rather
 * than wrap), `number` (64-bit float: money; blank text is null), `date` (a calendar day; the
 * rows hold it as `YYYY-MM-DD` text, as the engine returns it, or a Date).
 */
export type ExportColumnKind = 'string' | 'integer' | 'number' | 'date';

/** One column of an export: the row key it reads, written under the same name. */
export interface ExportColumn<T> {
  name: keyof T & string;
  kind: ExportColumnKind;
}

const DAY_MS = 86_400_000;

/** A `YYYY-MM-DD` (or a longer ISO timestamp) -> that calendar day at UTC midnight; anything else -> null. */
function isoDay(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : new Date(Math.floor(v.getTime() / DAY_MS) * DAY_MS);
  if (typeof v !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // 2024-02-31 rolls over in Date.UTC: not a real day, so not a date.
  return d.getUTCDate() === Number(m[3]) ? d : null;
}

/** A number, or null: blank text is no value (Number('') would make it 0), as are objects and unreadable text. */
function asNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    if (v.trim() === '') return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

/** Integers as integers: engines may hand back 3.0 or a bigint; a fraction is rounded. */
function asInteger(v: unknown): number | null {
  const n = asNumber(v);
  return n === null ? null : Math.round(n);
}

function asString(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

/** One column's values, typed for its kind (null where a row has none). */
function values<T>(column: ExportColumn<T>, rows: readonly T[]): (string | number | Date | null)[] {
  const convert = { string: asString, integer: asInteger, number: asNumber, date: isoDay }[column.kind];
  return rows.map((row) => convert(row[column.name]));
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * The kind a column is written as: an `integer` column holding a value beyond 32 bits is
 * written as a 64-bit float instead (exact up to 2^53), since Int32/INT32 would wrap it silently.
 */
function writtenKind<T>(column: ExportColumn<T>, data: readonly (string | number | Date | null)[]): ExportColumnKind {
  if (column.kind !== 'integer') return column.kind;
  for (const v of data) if (typeof v === 'number' && (v < INT32_MIN || v > INT32_MAX)) return 'number';
  return 'integer';
}

/** Each column's typed values and the kind it is written as (for the typed formats: Arrow, Parquet). */
export function typedColumns<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]) {
  return columns.map((c) => {
    const data = values(c, rows);
    return { name: c.name, data, kind: writtenKind(c, data) };
  });
}

/**
 * Rows as CSV text: a header of the column names, one line per row, and a final newline. Text a
 * spreadsheet would run as a formula (starting with = + - @, tab, CR, NUL or a full-width
 * ＝ ＋ － ＠) gets a leading apostrophe; a Date is written as its ISO day (see analytics/csv.ts,
 * shared with the CLI).
 */
export function rowsToCsv<T extends object>(columns: readonly ExportColumn<T>[], rows: readonly T[]): string {
  // The same values the typed formats get (blank numbers null, days as days), text as given.
  const typed = columns.map((c) => (c.kind === 'string' ? null : values(c, rows)));
  const cells = rows.map((row, i) => {
    const out: Record<string, unknown> = {};
    columns.forEach((c, j) => {
      const v = typed[j] ? typed[j]![i] : row[c.name];
      out[c.name] = v instanceof Date ? v.toISOString().slice(0, 10) : v;
    });
    return out;
  });
  return `${toCsv<Record<string, unknown>>(
    columns.map((c) => c.name),
    cells,
  )}\n`;
}

/** Rows as a CSV file's Blob, starting with a UTF-8 BOM so spreadsheets read accents right. */
export function rowsToCsvBlob<T extends object>(columns: readonly ExportColumn<T>[], rows: readonly T[]): Blob {
  return new Blob(['\ufeff', rowsToCsv(columns, rows)], { type: EXPORT_FILE_TYPES.csv.mediaType });
}
