import { Table, type Utf8, type Vector } from 'apache-arrow';
import { utf8Vector } from './arrow-vectors.js';

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

/**
 * Arrow result -> plain objects (BigInt -> number, lists -> arrays). For small results only:
 * reports, profiles, pages of a table. Large results stay Arrow.
 */
export function rowsOf<T>(table: Table): T[] {
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((n) => table.getChild(n));
  const out: T[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, Plain> = {};
    names.forEach((n, c) => {
      row[n] = plain(columns[c]?.get(i));
    });
    out.push(row as T);
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
  const columns: Record<string, Vector<Utf8>> = {};
  // Without Arrow's builders, which the strict CSP forbids (see arrow-vectors.ts).
  for (const k of keys) columns[k] = utf8Vector(records.map((r) => text(r[k])));
  return new Table(columns);
}
