import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../src/data/dataset.js';
import { text, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';

/**
 * Six lines by hand, so every figure can be worked out on paper:
 *   A buys 100 and 50 (2 purchases), B buys 30 and returns 10 (1 purchase + 1 return),
 *   C buys 20, and line 7 has no customer (rejected).
 * Purchases: 4, revenue net of returns: 190, average order value 200 / 4 = 50,
 * repeat rate: 1 of 3 buying customers (A) has two or more purchases.
 */
const CSV = [
  'order_id,customer_id,order_date,amount',
  '1,A,2024-01-10,100',
  '2,B,2024-01-11,30',
  '3,A,2024-02-01,50',
  'C2,B,2024-02-03,-10',
  '4,C,2024-03-05,20',
  '5,,2024-03-06,99',
].join('\n');

let dataset: Dataset;
beforeAll(async () => {
  dataset = new Dataset(await withEngine());
  loaded(await dataset.load({ name: 'shop.csv', bytes: text(CSV) }));
});
afterAll(async () => {
  await dataset.close();
});

describe('Dataset', () => {
  it('keeps the report of the dataset loaded', () => {
    expect(dataset.report).toMatchObject({ file: 'shop.csv', rowsRead: 6, rowsLoaded: 5, rowsRejected: 1 });
  });

  it('computes the headline figures, returns netted but not counted as purchases', async () => {
    expect(await dataset.headline()).toEqual({
      customers: 3,
      orders: 4,
      revenue: 190,
      averageOrderValue: 50,
      repeatRate: 1 / 3,
      firstOrder: '2024-01-10',
      lastOrder: '2024-03-05',
    });
  });

  it('lists customers, sorted by any column either way, ties by id', async () => {
    const bySpend = await dataset.customers({ sort: 'total_spend', direction: 'desc' });
    // Before any scoring the score columns are there, and null.
    const unscored = { recency_days: null, r_score: null, f_score: null, m_score: null, segment: null, type: null, rung: null };
    expect(bySpend).toEqual([
      { customer_id: 'A', first_order: '2024-01-10', last_order: '2024-02-01', orders: 2, total_spend: 150, ...unscored },
      { customer_id: 'B', first_order: '2024-01-11', last_order: '2024-02-03', orders: 1, total_spend: 20, ...unscored },
      { customer_id: 'C', first_order: '2024-03-05', last_order: '2024-03-05', orders: 1, total_spend: 20, ...unscored },
    ]);
    expect((await dataset.customers({ sort: 'total_spend', direction: 'asc' })).map((c) => c.customer_id)).toEqual(['B', 'C', 'A']);
    expect((await dataset.customers({ sort: 'orders', direction: 'asc' })).map((c) => c.customer_id)).toEqual(['B', 'C', 'A']);
    expect((await dataset.customers({ sort: 'last_order', direction: 'desc' })).map((c) => c.customer_id)).toEqual(['C', 'B', 'A']);
    expect((await dataset.customers({ sort: 'customer_id', direction: 'desc' })).map((c) => c.customer_id)).toEqual(['C', 'B', 'A']);
    // An unknown key is refused, never pasted into SQL.
    await expect(dataset.customers({ sort: 'total_spend; DROP TABLE orders' as never })).rejects.toThrow(/Unknown sort key/);
    // A first page: the first rows of the same order.
    expect((await dataset.customers({ sort: 'total_spend', direction: 'asc', limit: 2 })).map((c) => c.customer_id)).toEqual(['B', 'C']);
    expect(await dataset.customers({ limit: 0 })).toEqual([]);
    expect(await dataset.customers({ limit: 10 })).toHaveLength(3);
    await expect(dataset.customers({ limit: 1.5 })).rejects.toThrow(/limit must be a whole number/);
    await expect(dataset.customers({ limit: -1 })).rejects.toThrow(/limit must be a whole number/);
  });

  it('pages through the rejected rows', async () => {
    expect(await dataset.rejects()).toEqual([{ line: 7, reason: 'missing_customer_id', column: 'customer_id', value: null, detail: null }]);
    expect(await dataset.rejects(10, 1)).toEqual([]);
  });

  it('runs reads after a load in flight, even from another Dataset on the same engine', async () => {
    const other = new Dataset(dataset.engine);
    const loading = other.load({ name: 'next.csv', bytes: text('customer_id,order_date,amount\nZ,2024-05-01,7\n') });
    // Issued while the load swaps tables: must wait for it, then see the new data.
    const [headline, customers] = await Promise.all([dataset.headline(), dataset.customers()]);
    await loading;
    expect(headline.customers).toBe(1);
    expect(customers.map((c) => c.customer_id)).toEqual(['Z']);
    loaded(await dataset.load({ name: 'shop.csv', bytes: text(CSV) }));
  });
});

describe('Dataset analytics are reached through the same queue', () => {
  it('customer types, pareto and migration answer on the loaded data', async () => {
    const types = await dataset.customerTypes({ windowDays: 30, analysisDate: '2024-03-06' });
    // As of 2024-03-06 with a 30-day window: C (last purchase 03-05) is active; A (02-01) and B (01-11) are not.
    expect(types.counts).toMatchObject({ active: 1, inactive: 2 });
    const pareto = await dataset.pareto({ by: 'revenue' });
    expect(pareto.gini).toBeGreaterThan(0);
    expect(pareto.gini).toBeLessThan(1);
    const migration = await dataset.migration({ from: '2024-01-31', to: '2024-03-06' });
    expect(migration.totals).toEqual({ customersFrom: 2, customersTo: 3 });
    expect(migration.matrix.reduce((sum, cell) => sum + cell.customers, 0)).toBe(3);
  });
});

describe('Dataset.forget', () => {
  it('drops everything it loaded or made, and the next load starts clean', async () => {
    const d = new Dataset(await withEngine());
    try {
      await d.engine.query('CREATE TABLE page_own (x INTEGER)');
      loaded(await d.load({ name: 'shop.csv', bytes: text(CSV) }));
      await d.loadCustomers({ name: 'customers.csv', bytes: text('customer_id,signup_date\nA,2023-12-01\nP,2024-01-01\n') });
      await d.loadFeedback({ name: 'nps.csv', bytes: text('customer_id,date,nps\nA,2024-02-02,10\nB,2024-02-03,3\n') });
      await d.rfm();
      await d.ladder();
      await d.forget();
      const left = (await d.engine.query("SELECT table_name AS name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal")).toArray().map((r) => String(r.name));
      // The page's own table stays; nothing of the dataset's does.
      expect(left).toEqual(['page_own']);
      expect(d.report).toBeNull();
      expect(d.customersReport).toBeNull();
      expect(d.feedbackReport).toBeNull();
      const again = loaded(await d.load({ name: 'shop.csv', bytes: text(CSV) }));
      expect(again.customers).toBe(3);
      expect((await d.rfm()).customers).toHaveLength(3);
    } finally {
      await d.close();
    }
  });
});
