import { Field, makeData, Precision, RecordBatch, Schema, Struct, Table, Type, Utf8, type Data, type Float, type Vector } from 'apache-arrow';
import { utf8Vector } from './arrow-vectors.js';
import { nextTask } from './turns.js';

type Plain = string | number | boolean | null | Plain[];

function plain(v: unknown): Plain {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && v !== null && 'toArray' in v && typeof (v as { toArray: unknown }).toArray === 'function') {
    return Array.from((v as { toArray(): ArrayLike<unknown> }).toArray(), plain);
  }
  return String(v);
}

const decoder = new TextDecoder();

/**
 * One column's values as plain values, a chunk at a time: numbers straight from the chunk's
 * typed array, text sliced from one decoding of the chunk when it is ASCII (ids, dates, names
 * of segments: nearly always), anything else through Arrow's own getter. A result of hundreds
 * of thousands of rows converts two to three times faster than cell by cell.
 */
function columnValues(vector: Vector, n: number): Plain[] {
  const out = new Array<Plain>(n);
  let at = 0;
  const put = (i: number, value: Plain) => {
    out[at + i] = value;
  };
  for (const data of vector.data as Data[]) {
    const { length, nullCount, typeId } = data;
    const valid = (i: number) => nullCount === 0 || data.getValid(i);
    const values = data.values as ArrayLike<number | bigint> | undefined;
    if (typeId === Type.Utf8 && data.valueOffsets && values) {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = values as Uint8Array;
      const start = offsets[0]!;
      const end = offsets[length]!;
      let ascii = true;
      for (let i = start; i < end && ascii; i++) ascii = bytes[i]! < 0x80;
      if (ascii) {
        // One byte per character: byte offsets are string offsets.
        const text = decoder.decode(bytes.subarray(start, end));
        for (let i = 0; i < length; i++) put(i, valid(i) ? text.slice(offsets[i]! - start, offsets[i + 1]! - start) : null);
        at += length;
        continue;
      }
    }
    const numeric = (typeId === Type.Int || (typeId === Type.Float && (data.type as Float).precision !== Precision.HALF)) && values;
    if (numeric) {
      for (let i = 0; i < length; i++) put(i, valid(i) ? Number(values[i]!) : null);
      at += length;
      continue;
    }
    for (let i = 0; i < length; i++) put(i, plain(vector.get(at + i)));
    at += length;
  }
  return out;
}

/** One column's values as plain values (see columnValues): a column of text ids as strings, without a row object each. */
export function plainValues(vector: Vector): Plain[] {
  return columnValues(vector, vector.length);
}

/**
 * Arrow result -> plain objects (BigInt -> number, lists -> arrays), column by column. Large
 * results are better kept in Arrow; this is for what a page or a fit needs as objects.
 */
export function rowsOf<T>(table: Table): T[] {
  const names = table.schema.fields.map((f) => f.name);
  const n = table.numRows;
  const columns = names.map((name) => {
    const column = table.getChild(name);
    return column ? columnValues(column, n) : new Array<Plain>(n).fill(null);
  });
  // Every row is a copy of one object that already has every column: made with all its
  // properties at once, rather than growing property by property (a store of properties
  // reallocated a few times per row, the garbage that made long collection pauses on a page).
  const template: Record<string, Plain> = {};
  for (const name of names) template[name] = null;
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) {
    const row = { ...template };
    for (let c = 0; c < names.length; c++) row[names[c]!] = columns[c]![i]!;
    out[i] = row as T;
  }
  return out;
}

/** Rows converted between two looks at the clock in rowsOfInTurns (a record batch longer than that is cut). */
const PIECE_ROWS = 2_048;

/**
 * rowsOf for a result too large to convert in one go on a page (a list of a million customers:
 * seconds): pieces of at most 2,048 rows, converted until `budgetMs` has passed or `turn` rows
 * are done, then the event loop is free before the next turn, so no single task holds the main
 * thread for long (at 16,384 rows a turn, a 1M-line dataset's customer list made tasks of
 * 60-170 ms on a 2-core machine). The same rows as rowsOf.
 */
export async function rowsOfInTurns<T>(table: Table, turn = 16_384, budgetMs = 12): Promise<T[]> {
  if (table.numRows <= PIECE_ROWS) return rowsOf<T>(table);
  const out = new Array<T>(table.numRows);
  let at = 0;
  // The table's own class: Node's engine answers with tables of its own copy of Arrow, whose
  // record batches another copy's Table would not recognise.
  const TableOfBatches = table.constructor as new (batches: RecordBatch[]) => Table;
  let turnStart = performance.now();
  let rows = 0;
  for (const batch of table.batches) {
    for (let from = 0; from < batch.numRows; from += PIECE_ROWS) {
      const piece = from === 0 && batch.numRows <= PIECE_ROWS ? batch : batch.slice(from, Math.min(batch.numRows, from + PIECE_ROWS));
      const part = rowsOf<T>(new TableOfBatches([piece]));
      for (let i = 0; i < part.length; i++) out[at + i] = part[i]!;
      at += part.length;
      rows += part.length;
      if (at < table.numRows && (rows >= turn || performance.now() - turnStart >= budgetMs)) {
        await nextTask();
        turnStart = performance.now();
        rows = 0;
      }
    }
  }
  return out;
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

/**
 * Records (from JSON, Parquet or a property) -> an Arrow table of text columns, keys in order
 * of first appearance. Text keeps every value as given; ingest parses it like CSV fields.
 */
export function textTableFromRecords(records: readonly Record<string, unknown>[]): Table {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  }
  // Without Arrow's builders, which the strict CSP forbids (see arrow-vectors.ts). Columns by
  // schema, not an object keyed by name: a record's "__proto__" key is a column like any other.
  const vectors = keys.map((k) => utf8Vector(records.map((r) => text(Object.hasOwn(r, k) ? r[k] : undefined))));
  const schema = new Schema(keys.map((k) => new Field(k, new Utf8(), true)));
  const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: records.length, nullCount: 0, children: vectors.map((v) => v.data[0]!) }));
  return new Table(schema, [batch]);
}
