import type { Table } from 'apache-arrow';
import type { Notice } from '../../analytics/notice.js';
import { analysisNotice } from '../analysis-notices.js';

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
  /**
   * Settles when the engine dies on its own (its worker crashed or was killed), with the
   * EngineError of code `crashed` that every call in flight and every later call rejects
   * with. Absent for engines that cannot die that way (in-process ones).
   */
  readonly lost?: Promise<EngineError>;
}

/**
 * `memory`: the engine ran out of memory (DuckDB's buffer limit, or an allocation the page could
 * not make). The statement failed and was undone; what the engine held before is still there.
 * `crashed`: the engine's worker died (it crashed, ran out of memory, or was killed): what it
 * held is gone, and a new engine must be started.
 */
export type EngineErrorCode = 'unavailable' | 'query' | 'cancelled' | 'closed' | 'memory' | 'crashed';

export class EngineError extends Error {
  override readonly name = 'EngineError';
  /** The message as a notice, for the interface to translate (set for `memory`). */
  readonly notice?: Notice;
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    options?: { cause?: unknown; notice?: Notice },
  ) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    if (options?.notice) this.notice = options.notice;
  }
}

/**
 * Does this error itself say memory ran out? DuckDB's own messages start "Out of Memory Error:"
 * ("could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)"); the browser throws a
 * RangeError "Array buffer allocation failed" for a buffer it could not make. Only the start of
 * DuckDB's message is read: further on it may quote a line or a value of the file.
 */
function saysOutOfMemory(x: unknown): boolean {
  if (x instanceof RangeError) return /allocation failed/i.test(x.message);
  const message = x instanceof Error ? x.message : typeof x === 'string' ? x : '';
  return /^\s*Out of Memory Error:/i.test(message);
}

/**
 * The failures a failure was caused by, itself first, as far as they can tell: a cancelled
 * statement ends the chain (whatever it was doing, it was stopped), and a loader's error (whose
 * text quotes the file's name, columns and values) is passed through, not read.
 */
function* causes(e: unknown): Generator<unknown> {
  for (let x: unknown = e, depth = 0; x && depth < 5; x = (x as { cause?: unknown }).cause, depth++) {
    if (x instanceof EngineError && x.code === 'cancelled') return;
    if (x instanceof Error && x.name === 'IngestError') continue;
    yield x;
  }
}

/** Did this failure (or what caused it) run out of memory? */
export function isOutOfMemory(e: unknown): boolean {
  for (const x of causes(e)) {
    if (x instanceof EngineError ? x.code === 'memory' : saysOutOfMemory(x)) return true;
  }
  return false;
}

/** The limit DuckDB's out-of-memory message names ("3.1 GiB" of "(3.1 GiB/3.1 GiB used)"), if it does. */
export function memoryLimitOf(e: unknown): string | null {
  for (const x of causes(e)) {
    if (x instanceof EngineError || !saysOutOfMemory(x)) continue;
    const m = /\(\s*[\d.]+\s*\w*\s*\/\s*([\d.]+\s*[KMGT]?i?B)\s+used\s*\)/i.exec(x instanceof Error ? x.message : String(x));
    if (m) return m[1]!.replace(/\s+/g, ' ');
  }
  return null;
}

/**
 * The EngineError for a statement that failed: `memory` when it ran out of memory (with a
 * notice saying so in words a reader can act on), else `query` with the engine's message.
 */
export function queryFailure(e: unknown): EngineError {
  const message = e instanceof Error ? e.message : String(e);
  if (!isOutOfMemory(e)) return new EngineError('query', message, { cause: e });
  const limit = memoryLimitOf(e);
  const notice = limit ? analysisNotice('engine.out-of-memory', { limit }) : analysisNotice('engine.out-of-memory-no-limit', {});
  return new EngineError('memory', notice.text, { cause: e, notice });
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
