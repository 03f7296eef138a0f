import type * as duckdb from '@duckdb/duckdb-wasm';
import { DataType, Table, tableToIPC, type RecordBatch } from 'apache-arrow';
import { DUCKDB_SESSION_SETTINGS, EngineError, isOutOfMemory, queryFailure, type Engine, type EngineSource, type SqlParam } from './engine.js';
import { dropTableSql } from '../sql/ingest-sql.js';
import { forEachSliceInTurns, nextTask } from '../turns.js';
import { TRUSTED_TYPES_POLICY, workerScriptUrl } from './trusted-script-url.js';

/** The files the browser engine needs, shipped beside the built module in `duckdb/`. */
export const DUCKDB_FILES = { wasm: 'duckdb-eh.wasm', worker: 'duckdb-browser-eh.worker.js' } as const;

// A variable, not a literal, so bundlers leave the URL alone (a literal `new URL('./x/',
// import.meta.url)` is rewritten into an asset import, which inlines the 34 MB wasm).
const ASSET_DIR = 'duckdb/';

/** Where the DuckDB files are by default: `duckdb/` next to this module (the built bundle). */
export function defaultAssetBase(): URL {
  return new URL(ASSET_DIR, import.meta.url);
}

export interface BrowserEngineOptions {
  /** Folder holding `duckdb-eh.wasm` and `duckdb-browser-eh.worker.js`. */
  assetBase?: string | URL;
  /** Give up starting the engine after this long (default 60 s: a 34 MB download on a slow link). */
  startTimeoutMs?: number;
}

/**
 * Why the engine could not start, in words an embedder can act on. The worker and wasm are
 * fetched again with HEAD so a 404 or a wrong MIME type is named precisely.
 */
async function diagnose(workerUrl: string, wasmUrl: string, original: string): Promise<string> {
  const problems: string[] = [];
  for (const [url, expected] of [
    [workerUrl, 'javascript'],
    [wasmUrl, 'application/wasm'],
  ] as const) {
    try {
      const res = await fetch(url, { method: 'HEAD', cache: 'no-store' });
      if (!res.ok) problems.push(`${url} answered ${res.status} ${res.statusText}`.trim());
      else {
        const type = res.headers.get('content-type') ?? '';
        if (!type.includes(expected)) problems.push(`${url} is served as "${type || 'no type'}", expected ${expected}`);
      }
    } catch {
      problems.push(`${url} could not be fetched (blocked by the Content-Security-Policy connect-src, or offline)`);
    }
  }
  const hint = problems.length
    ? problems.join('; ')
    : /TrustedScriptURL|trusted.?types/i.test(original)
      ? `${original}. The page requires Trusted Types: its Content-Security-Policy must allow Rapport's policy, e.g. trusted-types lit-html ${TRUSTED_TYPES_POLICY}`
      : `${original}. If the page has a Content-Security-Policy, it needs script-src 'self' 'wasm-unsafe-eval', worker-src 'self' and connect-src 'self'`;
  return `The analytics engine (DuckDB-WASM) could not start: ${hint}. Set the engine's asset base (attribute duckdb-base) to the folder holding ${DUCKDB_FILES.wasm} and ${DUCKDB_FILES.worker}.`;
}

/**
 * Can this page compile WebAssembly at all? A Content-Security-Policy without
 * 'wasm-unsafe-eval' forbids it, and the worker would then fail without a useful message.
 * Compiling the smallest valid module (just the header) answers at once.
 */
function wasmAllowed(): boolean {
  try {
    new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    return true;
  } catch {
    return false;
  }
}

/**
 * A quick look at the wasm before the worker fetches it: duckdb-wasm hangs, rather than
 * fails, when the "wasm" is a web page (a server's fallback for unknown paths) or missing.
 * Statuses a server may give HEAD without meaning "missing" (405, 501) are not judged.
 */
async function preflight(wasmUrl: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(wasmUrl, { method: 'HEAD', cache: 'no-store' });
  } catch {
    return; // Blocked or offline: the worker's own fetch will fail and be diagnosed.
  }
  if (res.status === 404 || res.status === 410 || res.status === 403) {
    throw new Error(`${wasmUrl} answered ${res.status} ${res.statusText}`.trim());
  }
  const type = res.headers.get('content-type') ?? '';
  if (res.ok && type.includes('text/html')) throw new Error(`${wasmUrl} is a web page, not the wasm file`);
}

/**
 * Bytes copied between two looks at the clock in copyInTurns. Small: writing fresh memory is
 * slow on a loaded machine (slices of 8 MB took 73-93 ms during a 5M-line benchmark).
 */
const COPY_SLICE = 2 * 1024 * 1024;

/** A copy of `bytes`, made a slice at a time with the event loop free between slices (see forEachSliceInTurns). */
async function copyInTurns(bytes: Uint8Array): Promise<Uint8Array> {
  const copy = new Uint8Array(bytes.length);
  await forEachSliceInTurns(bytes.length, (from, to) => copy.set(bytes.subarray(from, to), from), COPY_SLICE);
  return copy;
}

/** Rows of an Arrow table sent to the engine in one go by insertInTurns. */
const INSERT_ROWS = 32_768;

/** The table's record batches in groups of at most `rows` rows (a longer batch is cut). */
function batchGroups(table: Table, rows: number): RecordBatch[][] {
  const groups: RecordBatch[][] = [];
  let group: RecordBatch[] = [];
  let inGroup = 0;
  for (const batch of table.batches) {
    for (let from = 0; from < batch.numRows; ) {
      const take = Math.min(batch.numRows - from, rows - inGroup);
      group.push(from === 0 && take === batch.numRows ? batch : batch.slice(from, from + take));
      from += take;
      inGroup += take;
      if (inGroup === rows) {
        groups.push(group);
        group = [];
        inGroup = 0;
      }
    }
  }
  if (group.length) groups.push(group);
  return groups;
}

/**
 * An Arrow table made a table of the engine, `rows` rows at a time, with the event loop free
 * between them: the Arrow IPC bytes of a whole table are made and joined on the page in one go
 * (1.7M CLV predictions: a task of 444 ms, nearly all of it copying; in parts of 65,536 rows,
 * still 93-117 ms). The first part creates the table, the others append to it; when a part
 * fails, the table is dropped, so a failed load leaves no part of it.
 */
async function insertInTurns(conn: duckdb.AsyncDuckDBConnection, table: Table, name: string, rows = INSERT_ROWS): Promise<void> {
  // Each part would carry the whole of a dictionary column's dictionary: such a table goes whole.
  const groups = table.schema.fields.some((f) => DataType.isDictionary(f.type)) ? [] : batchGroups(table, rows);
  if (groups.length <= 1) {
    await conn.insertArrowTable(table, { name, create: true });
    return;
  }
  for (let i = 0; i < groups.length; i++) {
    try {
      if (i > 0) await nextTask();
      await conn.insertArrowFromIPCStream(tableToIPC(new Table(groups[i]!), 'stream'), { name, create: i === 0 });
    } catch (e) {
      if (i > 0) await conn.query(dropTableSql(name)).catch(() => undefined);
      throw e;
    }
  }
}

/** How to kill each live engine's worker, by the engine's `lost` promise (see killEngineWorker). */
const KILL = new WeakMap<Promise<EngineError>, (reason: string) => void>();

/**
 * Kill a browser engine's worker at once, as a crash would: every call in flight and after
 * rejects with an EngineError of code `crashed`, and `engine.lost` settles. For a query that
 * must stop now whatever it is doing, and for tests of what a page does when its engine dies.
 * False for an engine that has no worker to kill.
 */
export function killEngineWorker(engine: Engine, reason = 'its worker was stopped'): boolean {
  const kill = engine.lost && KILL.get(engine.lost);
  if (!kill) return false;
  kill(reason);
  return true;
}

/**
 * DuckDB-WASM in a Web Worker. Fails fast and loudly: a worker that cannot load (404, CSP,
 * wrong MIME type) rejects within seconds with a message naming the file, where duckdb-wasm
 * itself would only log and hang.
 */
export async function createBrowserEngine(options: BrowserEngineOptions = {}): Promise<Engine> {
  const base = new URL(String(options.assetBase ?? defaultAssetBase()), document.baseURI);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const workerUrl = new URL(DUCKDB_FILES.worker, base).href;
  const wasmUrl = new URL(DUCKDB_FILES.wasm, base).href;

  if (!wasmAllowed()) {
    throw new EngineError(
      'unavailable',
      "The analytics engine (DuckDB-WASM) could not start: this page may not compile WebAssembly. Its Content-Security-Policy needs 'wasm-unsafe-eval' in script-src.",
    );
  }
  let worker: Worker;
  try {
    worker = new Worker(workerScriptUrl(workerUrl));
  } catch (e) {
    throw new EngineError('unavailable', await diagnose(workerUrl, wasmUrl, (e as Error).message), { cause: e });
  }
  let db: duckdb.AsyncDuckDB | undefined;
  let conn: duckdb.AsyncDuckDBConnection | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onError: ((ev: ErrorEvent) => void) | undefined;
  try {
    const failed = new Promise<never>((_, reject) => {
      onError = (ev: ErrorEvent) => reject(new Error(ev.message || 'the worker failed to load'));
      worker.addEventListener('error', onError);
      timer = setTimeout(() => reject(new Error(`no answer after ${(options.startTimeoutMs ?? 60_000) / 1000} s`)), options.startTimeoutMs ?? 60_000);
    });
    // The engine's JavaScript is fetched when an engine starts, not with the page.
    const { AsyncDuckDB, VoidLogger } = await Promise.race([import('@duckdb/duckdb-wasm'), failed]);
    db = new AsyncDuckDB(new VoidLogger(), worker);
    await Promise.race([preflight(wasmUrl), failed]);
    await Promise.race([db.instantiate(wasmUrl), failed]);
    await Promise.race([db.open({ query: { castBigIntToDouble: false } }), failed]);
    conn = await Promise.race([db.connect(), failed]);
    for (const setting of DUCKDB_SESSION_SETTINGS) await conn.query(setting);
  } catch (e) {
    worker.terminate();
    const message = await diagnose(workerUrl, wasmUrl, e instanceof Error ? e.message : String(e));
    throw new EngineError('unavailable', message, { cause: e });
  } finally {
    clearTimeout(timer);
    if (onError) worker.removeEventListener('error', onError);
  }
  const ready = { db, conn: conn! };
  let closed = false;
  // Dead for good: the worker reported an uncaught error (a wasm trap, out of memory) or was killed.
  let crash: EngineError | undefined;
  let die!: (e: EngineError) => void;
  const lost = new Promise<EngineError>((resolve) => (die = resolve));
  /** How to fail each call in flight (not a race against `lost`: that would hold every result for the engine's life). */
  const inFlight = new Set<(e: EngineError) => void>();
  const crashed = (reason: string) => {
    if (crash || closed) return;
    crash = new EngineError('crashed', `The analytics engine stopped: ${reason}. What it held is gone.`);
    worker.terminate();
    for (const fail of inFlight) fail(crash);
    inFlight.clear();
    die(crash);
  };
  worker.addEventListener('error', (ev) => crashed(ev.message || 'its worker failed'));
  worker.addEventListener('messageerror', () => crashed('its worker sent a message that could not be read'));
  KILL.set(lost, (reason) => crashed(reason));
  let cancelling = false;
  let running = 0;
  // One connection runs one statement at a time: a second streamed query on it while the
  // first is being read breaks both. Callers may still fire queries concurrently.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    // A crashed worker answers nothing: every call, queued or in flight, rejects with the crash.
    const guarded = (): Promise<T> => {
      if (crash) return Promise.reject(crash);
      return new Promise<T>((resolve, reject) => {
        inFlight.add(reject);
        work().then(resolve, reject).finally(() => inFlight.delete(reject));
      });
    };
    const next = tail.then(guarded, guarded);
    tail = next.catch(() => undefined);
    return next;
  };

  const collect = async (reader: AsyncIterable<RecordBatch> & { schema: Table['schema'] }): Promise<Table> => {
    const batches: RecordBatch[] = [];
    for await (const b of reader) batches.push(b);
    return batches.length ? new Table(batches) : new Table(reader.schema);
  };

  return {
    kind: 'duckdb-wasm-worker',
    lost,
    query(sql: string, params: readonly SqlParam[] = []): Promise<Table> {
      return serial(async () => {
        running++;
        try {
          return await run(sql, params);
        } finally {
          running--;
        }
      });
    },
    load(source: EngineSource): Promise<void> {
      return serial(async () => {
        // registerFileBuffer transfers the buffer to the worker, leaving the caller's bytes
        // detached; give it a copy so the caller can load the same bytes again (a retry
        // with the user's column mapping does). Copied a slice at a time with the page free
        // between slices: in one go, a 377 MB file held the main thread for a third of a second.
        try {
          if (source.kind === 'file') {
            const copy = await copyInTurns(source.bytes);
            // The worker may have died while the page copied.
            if (crash) throw crash;
            await ready.db.registerFileBuffer(source.name, copy);
          }
          else await insertInTurns(ready.conn, source.table, source.name);
        } catch (e) {
          // A file too big for the engine's memory is said as such; other failures as they come.
          throw isOutOfMemory(e) ? queryFailure(e) : e;
        }
      });
    },
    unload(name: string): Promise<void> {
      return serial(() => ready.db.dropFile(name).then(() => undefined));
    },
    async cancel(): Promise<void> {
      // Only a statement in flight can be cancelled; an idle cancel must not mark the next one.
      if (running === 0 || crash) return;
      cancelling = true;
      await ready.conn.cancelSent().catch(() => false);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (crash) return;
      await serial(() => ready.conn.close().catch(() => undefined)).catch(() => undefined);
      await ready.db.terminate();
    },
  };

  async function run(sql: string, params: readonly SqlParam[]): Promise<Table> {
    if (closed) throw new EngineError('closed', 'The engine has been closed.');
    try {
      if (params.length === 0) return await collect(await ready.conn.send(sql));
      const stmt = await ready.conn.prepare(sql);
      try {
        return await collect(await stmt.send(...params));
      } finally {
        await stmt.close();
      }
    } catch (e) {
      if (cancelling) throw new EngineError('cancelled', 'The query was cancelled.', { cause: e });
      throw queryFailure(e);
    } finally {
      cancelling = false;
    }
  }
}
