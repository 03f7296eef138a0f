import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { Table, tableToIPC } from 'apache-arrow';
import { DUCKDB_SESSION_SETTINGS, EngineError, isOutOfMemory, queryFailure, type Engine, type EngineSource, type SqlParam } from './engine.js';

/**
 * The Node engine: the very same DuckDB-WASM build the browser runs, in-process through the
 * blocking bundle. Choosing it over native DuckDB keeps one engine version and one SQL dialect
 * for the CLI, the tests and the page, so a number checked in Node is the number a user sees.
 */
export async function createNodeEngine(): Promise<Engine> {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: false } });
  const conn = db.connect();
  for (const s of DUCKDB_SESSION_SETTINGS) conn.query(s);
  let closed = false;

  const guard = () => {
    if (closed) throw new EngineError('closed', 'The engine has been closed.');
  };

  return {
    kind: 'duckdb-wasm-node',
    async query(sql: string, params: readonly SqlParam[] = []): Promise<Table> {
      guard();
      try {
        if (params.length === 0) return conn.query(sql);
        const stmt = conn.prepare(sql);
        try {
          return stmt.query(...params);
        } finally {
          stmt.close();
        }
      } catch (e) {
        throw queryFailure(e);
      }
    },
    async load(source: EngineSource): Promise<void> {
      guard();
      try {
        if (source.kind === 'file') db.registerFileBuffer(source.name, source.bytes);
        else if (source.table instanceof Table) {
          // The blocking bundle require()s its own (CommonJS) apache-arrow, whose tableToIPC
          // does not recognise a table from our (ESM) copy and silently inserts nothing; so
          // serialise with the copy the table came from.
          conn.insertArrowFromIPCStream(tableToIPC(source.table, 'stream'), { name: source.name, create: true });
        } else conn.insertArrowTable(source.table, { name: source.name, create: true });
      } catch (e) {
        throw isOutOfMemory(e) ? queryFailure(e) : e;
      }
    },
    async unload(name: string): Promise<void> {
      guard();
      db.dropFile(name);
    },
    async cancel(): Promise<void> {
      // Queries run synchronously in this process: by the time a caller can cancel, the
      // statement has finished. Multi-step work checks its AbortSignal between statements.
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      conn.close();
      db.reset();
    },
  };
}
