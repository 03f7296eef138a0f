import { ident, literal } from './sql-text.js';

/**
 * Where the dataset's tables are kept. DuckDB keeps the tables of its default in-memory database
 * uncompressed; an in-memory database attached with COMPRESS stores them as a file database would
 * (dictionary, FSST, bit-packing): 5-20x smaller (1M order lines: orders 173 -> 17 MB, the ladder's
 * table 186 -> 8 MB), for about 3x the time to create a table and 1.3-2x to read one. A load too
 * big for the default database moves the dataset into this one (see compressed-storage.ts).
 */
export const COMPRESSED_DB = 'rapport_compressed';

/** One row: the default database, the bytes its tables hold (every database's), the engine's memory limit as DuckDB writes it ("3.1 GiB") and the search path. */
export function storageStateSql(): string {
  return `SELECT current_database() AS db,
      (SELECT CAST(coalesce(sum(memory_usage_bytes), 0) AS DOUBLE) FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE') AS held,
      current_setting('memory_limit') AS memory_limit, current_setting('search_path') AS search_path`;
}

export function attachCompressedSql(): string {
  return `ATTACH IF NOT EXISTS ':memory:' AS ${COMPRESSED_DB} (COMPRESS)`;
}

/**
 * Make the compressed database the default (new tables go there) and search it first, then what
 * was searched before (`searchPath`, DuckDB's setting: empty for the default), each entry
 * qualified with `previous`, the database that was the default.
 */
export function useCompressedSql(previous: string, searchPath: string): string[] {
  const before = searchPath.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const qualified = (before.length ? before : ['main']).map((e) => (e.includes('.') ? e : `${previous}.${e}`));
  return [`USE ${COMPRESSED_DB}`, `SET search_path = ${literal([`${COMPRESSED_DB}.main`, ...qualified].join(','))}`];
}

/** Undo useCompressedSql: `previous` the default again, the search path `searchPath` again. */
export function restoreDefaultSql(previous: string, searchPath: string): string[] {
  return [`USE ${ident(previous)}`, `SET search_path = ${literal(searchPath)}`];
}

const inList = (xs: readonly string[]) => (xs.length ? `table_name IN (${xs.map(literal).join(', ')})` : 'false');

/** The tables of `db`'s main schema among `names` or named `rapport_...`, save `keep`; largest first. */
export function movableTablesSql(db: string, names: readonly string[], keep: readonly string[]): string {
  return `SELECT table_name AS name FROM duckdb_tables()
    WHERE database_name = ${literal(db)} AND schema_name = 'main' AND NOT temporary
      AND (${inList(names)} OR starts_with(table_name, 'rapport_')) AND NOT (${inList(keep)})
    ORDER BY estimated_size DESC, table_name`;
}

/** The NOT NULL columns of `db`.main.`table` (a copy by CREATE TABLE AS does not keep them). */
export function notNullColumnsSql(db: string, table: string): string {
  return `SELECT column_name AS name FROM duckdb_columns()
    WHERE database_name = ${literal(db)} AND schema_name = 'main' AND table_name = ${literal(table)} AND NOT is_nullable
    ORDER BY column_index`;
}

/** Copy `db`.main.`table` into the compressed database (one transaction, which writes that database only), its NOT NULL columns kept. */
export function copyTableSql(db: string, table: string, notNull: readonly string[]): string[] {
  const to = `${COMPRESSED_DB}.main.${ident(table)}`;
  return [
    `CREATE OR REPLACE TABLE ${to} AS SELECT * FROM ${ident(db)}.main.${ident(table)}`,
    ...notNull.map((c) => `ALTER TABLE ${to} ALTER COLUMN ${ident(c)} SET NOT NULL`),
  ];
}

/** Drop these tables of `db`'s main schema (null: of the compressed database), where they exist. */
export function dropCopiesSql(db: string | null, tables: readonly string[]): string[] {
  return tables.map((t) => `DROP TABLE IF EXISTS ${db === null ? COMPRESSED_DB : ident(db)}.main.${ident(t)}`);
}

/** Tables of `previous`'s main schema that the compressed database holds too (its copy is the one read). */
export function shadowedTablesSql(previous: string): string {
  return `SELECT p.table_name AS name FROM duckdb_tables() p
    JOIN duckdb_tables() c ON c.table_name = p.table_name AND c.database_name = ${literal(COMPRESSED_DB)} AND c.schema_name = 'main'
    WHERE p.database_name = ${literal(previous)} AND p.schema_name = 'main'`;
}
