import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../src/data/dataset.js';
import { EngineError, isOutOfMemory, memoryLimitOf, queryFailure, type Engine } from '../../src/data/engine/engine.js';
import { sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { text, withEngine } from '../helpers/engine.js';
import { IngestError } from '../../src/data/ingest/ingest-error.js';
import { loaded, rows, scalar } from '../helpers/ingest.js';

/*
 * Running out of memory, for real: the engine's memory limit is lowered below what a load or an
 * analysis of the sample orders needs, so DuckDB itself fails the statement as it would on a
 * file too large for the browser's 3.1 GiB. The promise under test: the failure says so in
 * words (file, limit, what to do), the data loaded before is untouched, and the engine goes on.
 */
let engine: Engine;
let defaultLimit: string;
// ~59,000 lines of the project's sample orders (4.3 MB): needs about 30 MB of engine memory to load.
const big = text(sampleOrdersCsv({ customers: 20_000 }));
const small = text('customer_id,order_date,amount\nA,2024-01-01,10\nA,2024-02-01,20\nB,2024-01-15,5\n');

beforeAll(async () => {
  engine = await withEngine();
  defaultLimit = await scalar<string>(engine, "SELECT current_setting('memory_limit')");
});
afterAll(async () => {
  await engine.close();
});

/** A new engine, holding nothing, for a test that needs a limit lower than earlier tests left behind. */
async function fresh(): Promise<void> {
  await engine.close();
  engine = await withEngine();
}
const setLimit = (limit: string) => engine.query(`SET memory_limit = '${limit}'`);
/** The failure of `work` run with the engine's memory limited to `limit`; the limit is restored after. */
async function failureUnder(limit: string, work: () => Promise<unknown>): Promise<unknown> {
  await setLimit(limit);
  try {
    await work();
  } catch (e) {
    return e;
  } finally {
    await setLimit(defaultLimit);
  }
  throw new Error(`expected a failure with the memory limited to ${limit}, but it succeeded`);
}
const staging = () =>
  rows<{ name: string }>(
    engine,
    `SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'rapport\\_raw%' ESCAPE '\\' OR table_name LIKE 'rapport\\_stage%' ESCAPE '\\'
       OR table_name IN ('rapport_typed', 'rapport_sample', 'rapport_csv_rejects', 'rapport_input')
     UNION ALL SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'rapport\\_%' ESCAPE '\\'`,
  );

describe('what counts as running out of memory', () => {
  it("recognises DuckDB's and the browser's words for it, and reads the limit DuckDB names", () => {
    const duck = new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)');
    expect(isOutOfMemory(duck)).toBe(true);
    expect(memoryLimitOf(duck)).toBe('3.1 GiB');
    expect(memoryLimitOf(new Error('Out of Memory Error: could not allocate block of size 30.5 MiB (0 bytes/15.2 MiB used)'))).toBe('15.2 MiB');
    expect(isOutOfMemory(new RangeError('Array buffer allocation failed'))).toBe(true);
    // Through a wrapper's cause, as the loader wraps a failed CSV read.
    expect(isOutOfMemory(new Error('could not be read as CSV', { cause: duck }))).toBe(true);
    expect(memoryLimitOf(new Error('wrapped', { cause: duck }))).toBe('3.1 GiB');
    expect(isOutOfMemory(new Error('Catalog Error: Table with name orders does not exist!'))).toBe(false);
    // The file's own words are not the engine's: a CSV error quoting a line, a loader's message naming the file.
    expect(isOutOfMemory(new Error('Invalid Input Error: Error when converting column "note": "Out of Memory Error: could not allocate block"'))).toBe(false);
    const named = new Error('out of memory error log.csv: the mapping names a column "x" it does not have');
    named.name = 'IngestError';
    expect(isOutOfMemory(named)).toBe(false);
    expect(isOutOfMemory(new RangeError('Invalid array length'))).toBe(false);
    // A stopped statement is a cancel, whatever caused it.
    expect(isOutOfMemory(new EngineError('cancelled', 'The query was cancelled.', { cause: duck }))).toBe(false);
    expect(memoryLimitOf(new Error('Out of Memory Error'))).toBeNull();
  });

  it('a statement that ran out of memory is an EngineError of code memory, worded for a reader; any other failure stays a query error', () => {
    const oom = queryFailure(new Error('Out of Memory Error: failed to allocate data of size 64.0 MiB (3.0 GiB/3.1 GiB used)'));
    expect(oom).toBeInstanceOf(EngineError);
    expect(oom.code).toBe('memory');
    expect(oom.notice?.code).toBe('engine.out-of-memory');
    expect(oom.message).toBe(
      'The analytics engine ran out of memory (it may use 3.1 GiB here) and could not finish this; the data loaded is unchanged. A shorter period or a smaller file needs less.',
    );
    expect(queryFailure(new RangeError('Array buffer allocation failed')).notice?.code).toBe('engine.out-of-memory-no-limit');
    const other = queryFailure(new Error('Parser Error: syntax error at or near "x"'));
    expect(other.code).toBe('query');
    expect(other.message).toBe('Parser Error: syntax error at or near "x"');
    expect(other.notice).toBeUndefined();
  });
});

describe('a load larger than the memory the engine may use', () => {
  it('fails naming the file and the limit, keeps the dataset loaded before and every row of it, and leaves nothing staged', async () => {
    const ds = new Dataset(engine);
    const before = loaded(await ds.load({ name: 'small.csv', bytes: small }));
    expect(before.rowsLoaded).toBe(3);
    const e = (await failureUnder('24MB', () => ds.load({ name: 'big-orders.csv', bytes: big }))) as IngestError;
    expect(e).toBeInstanceOf(IngestError);
    expect(e.code).toBe('memory');
    expect(e.where.file).toBe('big-orders.csv');
    expect(e.notice?.code).toBe('ingest.out-of-memory');
    expect(e.message).toMatch(
      /^big-orders\.csv is too large for the memory the analytics engine may use here \(\d+(\.\d+)? MiB\): it was not loaded, and the data loaded before is unchanged\. Load a shorter period or fewer columns, or split the file\.$/,
    );
    expect(isOutOfMemory(e.cause)).toBe(true);
    expect(await staging()).toEqual([]);
    expect(ds.report?.file).toBe('small.csv');
    expect(await scalar(engine, 'SELECT CAST(count(*) AS INTEGER) FROM orders')).toBe(2 + 1);
    const overview = await ds.scoreOverview();
    expect(overview.scoredCustomers).toBe(2);

    // The engine goes on: with its memory back, the same file loads whole.
    const after = loaded(await ds.load({ name: 'big-orders.csv', bytes: big }));
    expect(after.rowsRead).toBe(after.rowsLoaded + after.rowsRejected);
    expect(after.rowsLoaded).toBeGreaterThan(50_000);
    expect((await ds.scoreOverview()).scoredCustomers).toBe(after.customers);
  });

  it('running out while reading the CSV itself is said as memory, not as an unreadable CSV', async () => {
    await fresh();
    const ds = new Dataset(engine);
    const e = (await failureUnder('4MB', () => ds.load({ name: 'big-orders.csv', bytes: big }))) as IngestError;
    expect(e).toBeInstanceOf(IngestError);
    expect(e.code).toBe('memory');
    expect(e.message).toContain('big-orders.csv is too large for the memory');
    expect(e.message).not.toContain('could not be read as CSV');
    expect(await staging()).toEqual([]);
  });

  it('an analysis that runs out of memory fails as memory, with the loaded data intact, and succeeds once memory is back', async () => {
    await fresh();
    const ds = new Dataset(engine);
    const report = loaded(await ds.load({ name: 'big-orders.csv', bytes: big }));
    // DuckDB refuses a limit below what it holds: allow what the orders take, and 1 MB more.
    const holding = await scalar<number>(engine, 'SELECT CAST(sum(memory_usage_bytes) AS DOUBLE) FROM duckdb_memory()');
    const failure = await failureUnder(`${Math.ceil(holding / 1e6) + 1}MB`, () => ds.scoreOverview());
    expect(failure).toBeInstanceOf(EngineError);
    expect((failure as EngineError).code).toBe('memory');
    expect((failure as EngineError).notice?.code).toBe('engine.out-of-memory');
    expect(await scalar(engine, 'SELECT CAST(count(*) AS INTEGER) FROM orders')).toBe(report.orders + report.returns.orders);
    expect((await ds.scoreOverview()).scoredCustomers).toBe(report.customers);
  });
});
