/**
 * Rows out as files: CSV (text for spreadsheets, formulas defused), Arrow IPC and Parquet (typed
 * columns for data tools: numbers stay numbers, days stay dates, null stays null). Pure apart
 * from the encoders; no DOM, so the CLI and tests can use it too.
 */
import { Table, tableToIPC, type Vector } from 'apache-arrow';
import { dateDayVector, float64Vector, int32Vector, utf8Vector } from '../arrow-vectors.js';
import { EXPORT_FILE_TYPES, rowsToCsvBlob, typedColumns, type ExportColumn, type ExportColumnKind, type ExportFormat } from './export-formats.js';

export { safeFileName, fileNamePart } from './file-name.js';
export { EXPORT_FORMATS, EXPORT_FILE_TYPES, rowsToCsv, rowsToCsvBlob, type ExportColumn, type ExportColumnKind, type ExportFormat } from './export-formats.js';

/** One column's typed values as the Arrow vector of its kind (see arrow-vectors.ts: no builders, so a strict CSP allows it). */
function arrowVector(kind: ExportColumnKind, data: readonly (string | number | Date | null)[]): Vector {
  if (kind === 'string') return utf8Vector(data as (string | null)[]);
  if (kind === 'integer') return int32Vector(data as (number | null)[]);
  if (kind === 'number') return float64Vector(data as (number | null)[]);
  return dateDayVector(data as (Date | null)[]);
}

/**
 * Rows as an Arrow table with one typed column per export column (Utf8, Int32, Float64,
 * DateDay), nullable. The types are given, not inferred: inference would make text columns
 * dictionaries and could not tell a score (integer) from money.
 */
export function rowsToArrowTable<T extends object>(columns: readonly ExportColumn<T>[], rows: readonly T[]): Table {
  const vectors: Record<string, Vector> = {};
  for (const c of typedColumns(columns, rows)) vectors[c.name] = arrowVector(c.kind, c.data);
  return new Table(vectors);
}

/** Rows as an Arrow IPC file (`.arrow`, readable by pyarrow, DuckDB, Polars, R arrow). */
export function rowsToArrow<T extends object>(columns: readonly ExportColumn<T>[], rows: readonly T[]): Uint8Array {
  return tableToIPC(rowsToArrowTable(columns, rows), 'file');
}

const PARQUET_TYPES = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  integer: { type: 'INT32' },
  number: { type: 'DOUBLE' },
  date: { type: 'INT32', converted_type: 'DATE' },
} as const;

/**
 * Rows as a Parquet file (snappy-compressed; columns OPTIONAL so null stays null): text as UTF-8
 * strings, integers as INT32, money as DOUBLE, days as DATE.
 */
export async function rowsToParquet<T extends object>(columns: readonly ExportColumn<T>[], rows: readonly T[]): Promise<Uint8Array> {
  // The Parquet writer is fetched on the first Parquet export, not with the page.
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const typed = typedColumns(columns, rows);
  const buffer = parquetWriteBuffer({
    columnData: typed.map((c) => ({ name: c.name, data: c.data })),
    schema: [
      { name: 'root', num_children: typed.length },
      ...typed.map((c) => ({ name: c.name, repetition_type: 'OPTIONAL' as const, ...PARQUET_TYPES[c.kind] })),
    ],
    createdBy: 'rapport',
  });
  return new Uint8Array(buffer);
}

/** Rows in the format asked for, as a Blob (CSV starts with a UTF-8 BOM so spreadsheets read accents right). */
export async function rowsToBlob<T extends object>(format: ExportFormat, columns: readonly ExportColumn<T>[], rows: readonly T[]): Promise<Blob> {
  const type = EXPORT_FILE_TYPES[format].mediaType;
  if (format === 'csv') return rowsToCsvBlob(columns, rows);
  // Copy into a fresh ArrayBuffer-backed view: Blob parts must not be SharedArrayBuffer views.
  const bytes = format === 'parquet' ? await rowsToParquet(columns, rows) : rowsToArrow(columns, rows);
  return new Blob([new Uint8Array(bytes)], { type });
}
