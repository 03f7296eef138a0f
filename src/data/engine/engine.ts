import type { Table } from 'apache-arrow';

/** A value that may be bound to a `?` placeholder. */
export type SqlParam = string | number | boolean | null;

/**
 * What an engine can take in. Bytes are registered as a named file that SQL can read
 * (`read_csv('name')`); an Arrow table becomes a real table of that name.
 */
export type EngineSource =
  | { kind: 'file'; name: string; bytes: Uint8Array }
  | { kind: 'arrow'; name: string; table: Table };

/**
 * The one interface between Rapport and a SQL engine. DuckDB-WASM in a Web Worker in the
 * browser, the same engine in-process in Node, and later a remote engine over HTTP all fit it:
 * everything crosses as SQL text, bound parameters, bytes and Arrow tables.
 */
export interface Engine {
  /** Which implementation this is, for diagnostics only: nothing may branch on it. */
  readonly kind: string;
  /** Run one statement; the result is always an Arrow table (empty for DDL). */
  query(sql: string, params?: readonly SqlParam[]): Promise<Table>;
  /** Make a file or an Arrow table available to SQL under `source.name`. The caller's bytes stay usable. */
  load(source: EngineSource): Promise<void>;
  /** Forget a file registered with `load`. Tables are dropped with SQL. */
  unload(name: string): Promise<void>;
  /** Cancel the query in flight, if any; it rejects with an EngineError of code `cancelled`. */
  cancel(): Promise<void>;
  /** Release the engine (terminates the worker in the browser). */
  close(): Promise<void>;
}

export type EngineErrorCode = 'unavailable' | 'query' | 'cancelled' | 'closed';

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Settings every DuckDB-backed engine applies after opening: nothing may be fetched at run
 * time (intranet pages are offline and under a strict CSP), so extension autoloading is off,
 * and insertion order is kept so that a table's rowid follows the input's record order.
 */
export const DUCKDB_SESSION_SETTINGS: readonly string[] = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET preserve_insertion_order = true',
];
