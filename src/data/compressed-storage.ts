import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { attachCompressedSql, COMPRESSED_DB, copyTableSql, dropCopiesSql, movableTablesSql, notNullColumnsSql, restoreDefaultSql, shadowedTablesSql, storageStateSql, useCompressedSql } from './sql/storage-sql.js';
import { datasetTables } from './table-presence.js';

/**
 * Compressed storage for big datasets. DuckDB's default in-memory database keeps tables
 * uncompressed: 10M order lines (3.4M customers) filled 2.9 of the engine's 3.1 GiB with the
 * orders, their per-customer and per-day tables and the scores, and the ladder, migration and
 * value model then ran out of memory. When an orders load finds the tables already taking a
 * large share of the engine's memory, the engine switches, once and for good, to a compressed
 * in-memory database (sql/storage-sql.ts): the dataset's tables move there and every table made
 * after (the load's orders, the scores, the ladder...; temporary tables aside) is made there.
 * Names resolve in it first, then in the default database, so no query changes. Small datasets
 * never pay for it: creating a compressed table takes about 3x as long, reading one 1.3-2x.
 */
/** Per compressed engine, the database that was the default before (null: it was the compressed one already). */
const previousDb = new WeakMap<Engine, string | null>();

/** Share of the engine's memory limit that the tables may hold before a load switches to compressed storage. */
export const COMPRESS_AT = 0.25;

/** Bytes of a size as DuckDB writes it ("3.1 GiB", "512.0 MiB", "1.5 kB", "0 bytes"); null when unreadable. */
export function parseByteSize(text: string): number | null {
  const m = /^\s*([\d.]+)\s*(bytes?|[KMGTP]i?B)?\s*$/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return null;
  const unit = (m[2] ?? 'B').toUpperCase();
  if (unit.startsWith('BYTE') || unit === 'B') return n;
  const power = 'KMGTP'.indexOf(unit[0]!) + 1;
  return n * (unit[1] === 'I' ? 1024 : 1000) ** power;
}

/** Whether tables holding `held` bytes under a memory limit of `limit` bytes call for compressed storage. */
export function shouldCompress(held: number, limit: number | null, at = COMPRESS_AT): boolean {
  return limit !== null && limit > 0 && held > at * limit;
}

/** Whether the engine keeps its tables compressed (see useCompressedStorage). */
export function isCompressed(engine: Engine): boolean {
  return previousDb.has(engine);
}

interface StorageState {
  db: string;
  held: number;
  memory_limit: string;
  search_path: string;
}

/**
 * Switch the engine to compressed storage when its tables hold more than COMPRESS_AT of its
 * memory (see useCompressedStorage; `keep`: the load's working tables, left where they are).
 * Called by an orders load before it builds its biggest tables. True when the engine is
 * compressed after. On an engine already compressed, a table left in both databases by a drop
 * that did not go through (cancelled, failed) loses its old copy.
 */
export async function compressIfBig(engine: Engine, keep: readonly string[] = []): Promise<boolean> {
  if (previousDb.has(engine)) {
    const previous = previousDb.get(engine);
    if (previous) {
      const shadowed = rowsOf<{ name: string }>(await engine.query(shadowedTablesSql(previous))).map((t) => t.name);
      for (const q of dropCopiesSql(previous, shadowed)) await engine.query(q);
    }
    return true;
  }
  const [s] = rowsOf<StorageState>(await engine.query(storageStateSql()));
  if (!s || !shouldCompress(Number(s.held), parseByteSize(s.memory_limit))) return false;
  await switchStorage(engine, s, keep);
  return true;
}

/**
 * Keep the engine's tables compressed from now on. The dataset's tables (the canonical ones and
 * Rapport's own working tables, save `keep`) are copied into the compressed database first,
 * largest first, with their NOT NULL columns; a copy that fails (out of memory, cancelled) drops
 * the copies made and throws, the engine unchanged. Then the compressed database becomes the
 * default, searched first, and the originals are dropped.
 */
export async function useCompressedStorage(engine: Engine, keep: readonly string[] = []): Promise<void> {
  if (previousDb.has(engine)) return;
  const [s] = rowsOf<StorageState>(await engine.query(storageStateSql()));
  await switchStorage(engine, s!, keep);
}

async function switchStorage(engine: Engine, s: StorageState, keep: readonly string[]): Promise<void> {
  const { db } = s;
  if (db === COMPRESSED_DB) {
    previousDb.set(engine, null);
    return;
  }
  await engine.query(attachCompressedSql());
  const tables = rowsOf<{ name: string }>(await engine.query(movableTablesSql(db, datasetTables(), keep))).map((t) => t.name);
  const copied: string[] = [];
  try {
    for (const table of tables) {
      const notNull = rowsOf<{ name: string }>(await engine.query(notNullColumnsSql(db, table))).map((c) => c.name);
      copied.push(table);
      for (const q of copyTableSql(db, table, notNull)) await engine.query(q);
    }
  } catch (e) {
    for (const q of dropCopiesSql(null, copied)) await engine.query(q).catch(() => undefined);
    throw e;
  }
  try {
    for (const q of useCompressedSql(db, s.search_path)) await engine.query(q);
  } catch (e) {
    // The default database back, the search path as it was: nothing moved.
    for (const q of [...restoreDefaultSql(db, s.search_path), ...dropCopiesSql(null, copied)]) await engine.query(q).catch(() => undefined);
    throw e;
  }
  previousDb.set(engine, db);
  for (const q of dropCopiesSql(db, tables)) await engine.query(q);
}
