import { expect } from 'vitest';
import { rowsOf } from '../../src/data/arrow-rows.js';
import type { Engine } from '../../src/data/engine/engine.js';
import { IngestError } from '../../src/data/ingest/ingest-error.js';
import type { IngestResult } from '../../src/data/ingest/ingest.js';
import type { LoadReport } from '../../src/data/ingest/types.js';

/** Run a query and return plain rows. */
export async function rows<T = Record<string, unknown>>(engine: Engine, sql: string): Promise<T[]> {
  return rowsOf<T>(await engine.query(sql));
}

/** The one value of a one-row, one-column query. */
export async function scalar<T = number>(engine: Engine, sql: string): Promise<T> {
  const [row] = await rows<Record<string, T>>(engine, sql);
  if (!row) throw new Error(`no row from: ${sql}`);
  return Object.values(row)[0] as T;
}

/** The report of a load that must have loaded. */
export function loaded(result: IngestResult): LoadReport {
  if (result.status !== 'loaded') {
    throw new Error(`expected a load, got needs-input: ${result.decision.questions.join(' | ')}`);
  }
  return result.report;
}

/**
 * Row accounting, checked against the report and the tables themselves: every row read is
 * loaded or rejected, the rejects table holds exactly the rejected rows, and the orders table
 * accounts for exactly the loaded lines.
 */
export async function expectAccounting(engine: Engine, report: LoadReport): Promise<void> {
  expect(report.rowsRead).toBe(report.rowsLoaded + report.rowsRejected);
  expect(await scalar(engine, 'SELECT CAST(count(*) AS INTEGER) FROM orders_rejects')).toBe(report.rowsRejected);
  expect(await scalar(engine, 'SELECT CAST(COALESCE(sum(lines), 0) AS INTEGER) FROM orders')).toBe(report.rowsLoaded);
  const byReason = Object.values(report.rejectedByReason).reduce((a, b) => a + (b ?? 0), 0);
  expect(byReason).toBe(report.rowsRejected);
  const orders = await rows<{ orders: number; returns: number; customers: number }>(
    engine,
    `SELECT CAST(count(*) FILTER (WHERE NOT is_return) AS INTEGER) AS orders,
            CAST(count(*) FILTER (WHERE is_return) AS INTEGER) AS returns,
            CAST(count(DISTINCT customer_id) AS INTEGER) AS customers FROM orders`,
  );
  expect(orders[0]).toEqual({ orders: report.orders, returns: report.returns.orders, customers: report.customers });
}

/** The IngestError a promise rejects with (fails the test when it resolves or throws something else). */
export async function ingestError(promise: Promise<unknown>): Promise<IngestError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(IngestError);
    return e as IngestError;
  }
  throw new Error('expected the load to fail, but it succeeded');
}
