import { afterAll, beforeAll, expect, it } from 'vitest';
import { Dataset } from '../../src/data/dataset.js';
import type { Engine } from '../../src/data/engine/engine.js';
import { IngestError } from '../../src/data/ingest/ingest-error.js';
import { largeOrderLines } from '../hostile/corpus.js';
import { text, withEngine } from '../helpers/engine.js';
import { expectAccounting, loaded, rows } from '../helpers/ingest.js';

/*
 * The corpus's file of 2 GB, for real: generated in memory (never written to disk or committed)
 * and dropped into the ingest over a dataset already loaded. The engine may use about 3 GiB, and
 * the file's bytes take 2 GB of it, so this either loads with every row accounted for, or fails
 * with the memory message naming the file; either way the dataset loaded before is untouched and
 * the engine goes on. About a minute: the engine reads much of the file before it runs out.
 */
const SIZE = 2e9;
let engine: Engine;

beforeAll(async () => {
  engine = await withEngine();
});
afterAll(async () => {
  await engine.close();
});

/** The orders loaded and the tables made with them, in one string. */
async function fingerprint(): Promise<string> {
  const [o] = await rows(engine, `SELECT count(*)::INTEGER AS n, string_agg(customer_id || '|' || order_date || '|' || amount, ';' ORDER BY customer_id, order_date) AS s FROM orders`);
  const [c] = await rows(engine, `SELECT string_agg(customer_id || '|' || purchases || '|' || amount, ';' ORDER BY customer_id) AS s FROM orders_by_customer`);
  const [d] = await rows(engine, `SELECT count(*)::INTEGER AS n FROM orders_purchase_days`);
  return JSON.stringify([o, c, d]);
}

it('a 2 GB file loads with every row accounted for, or fails naming the file and memory; the dataset before stays, the engine goes on', async () => {
  const ds = new Dataset(engine);
  loaded(await ds.load({ name: 'kept.csv', bytes: text('customer_id,order_date,amount\nA,2024-01-01,10\nA,2024-02-01,20\nB,2024-01-15,5\n') }));
  const before = await fingerprint();

  let bytes: Uint8Array | null = new Uint8Array(SIZE + (4 << 20));
  const encoder = new TextEncoder();
  let length = 0;
  for (const chunk of largeOrderLines(SIZE)) length += encoder.encodeInto(chunk, bytes.subarray(length)).written;
  expect(length).toBeGreaterThanOrEqual(SIZE);
  const input = { name: 'large-orders.csv', bytes: bytes.subarray(0, length) };
  bytes = null;

  // Only the load inside the try: a failed check of a load that worked must not read as a failed load.
  let result: Awaited<ReturnType<Dataset['load']>> | null = null;
  let failure: unknown = null;
  try {
    result = await ds.load(input);
  } catch (e) {
    failure = e;
  }
  let outcome: string;
  if (result) {
    const report = loaded(result);
    await expectAccounting(engine, report);
    expect(report.rowsRead).toBeGreaterThan(40_000_000);
    outcome = `loaded ${report.rowsLoaded} rows`;
  } else {
    expect(failure).toBeInstanceOf(IngestError);
    const error = failure as IngestError;
    expect(error.code, error.message).toBe('memory');
    expect(error.where.file).toBe('large-orders.csv');
    expect(error.message).toMatch(/^large-orders\.csv is too large for the memory the analytics engine may use here( \([\d.]+ [MG]iB\))?: it was not loaded, and the data loaded before is unchanged\./);
    expect(await fingerprint()).toBe(before);
    expect(ds.report?.file).toBe('kept.csv');
    outcome = `failed cleanly: ${error.message}`;
  }
  console.log(`[rapport] 2 GB file: ${outcome}`);

  // The engine goes on: a small file loads after it.
  const after = loaded(await ds.load({ name: 'after.csv', bytes: text('customer_id,order_date,amount\nC,2024-03-01,7\n') }));
  expect(after.rowsLoaded).toBe(1);
  expect((await ds.scoreOverview()).scoredCustomers).toBe(1);
}, 600_000);
