import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRfmOptions } from '../../src/analytics/rfm-options.js';
import { Dataset } from '../../src/data/dataset.js';
import type { Engine } from '../../src/data/engine/engine.js';
import { seesWholeHistory } from '../../src/data/whole-history.js';
import { createLadderSql, LADDER_TABLE } from '../../src/data/sql/ladder-sql.js';
import { migrationMatrixSql } from '../../src/data/sql/migration-sql.js';
import { SCORED_TABLE } from '../../src/data/sql/rfm-sql.js';
import { belowStandardSql, paretoSql } from '../../src/data/sql/customer-types-sql.js';
import { resolveParetoOptions } from '../../src/analytics/customer-types.js';
import { currentMigration } from '../../src/data/migration.js';
import { T } from '../../src/data/sql/ingest-sql.js';
import { rfmCtes } from '../../src/data/sql/rfm-sql.js';
import { sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { recordQueries, text, withEngine } from '../helpers/engine.js';
import { loaded, rows, scalar } from '../helpers/ingest.js';

/*
 * The orders by customer (one row per customer) and the purchase days (one row per customer and
 * day with a purchase), made with the orders in the load's transaction, which the analyses read
 * instead of aggregating the orders again. The promise: their figures are exactly those of a pass
 * over the orders (the same doubles, not only close), they always match the orders loaded, and
 * an analysis that reads them gives the very rows the pass over the orders gave.
 */
let engine: Engine;
let ds: Dataset;
// The sample shop has returns, several orders a day and customers whose only order is a return.
const csv = sampleOrdersCsv({ seed: 11, customers: 1500 });

beforeAll(async () => {
  engine = await withEngine();
  ds = new Dataset(engine);
  loaded(await ds.load({ name: 'orders.csv', bytes: text(csv) }));
});
afterAll(async () => {
  await engine.close();
});

/** The rows of `a` not in `b` and of `b` not in `a` (doubles compared exactly). */
async function difference(a: string, b: string): Promise<number> {
  return scalar<number>(engine, `SELECT CAST(count(*) AS INTEGER) FROM ((${a}) EXCEPT ALL (${b}) UNION ALL ((${b}) EXCEPT ALL (${a})))`);
}

const fromOrders = `SELECT customer_id,
    count(*) FILTER (WHERE NOT is_return) AS purchases, sum(amount) AS amount, sum(amount) FILTER (WHERE NOT is_return) AS purchase_amount,
    min(order_date) FILTER (WHERE NOT is_return) AS first_purchase, max(order_date) FILTER (WHERE NOT is_return) AS last_purchase,
    min(order_date) AS first_order, max(order_date) AS last_order
  FROM orders GROUP BY customer_id`;

describe('orders by customer', () => {
  it('holds one row per customer with exactly the figures of a pass over the orders, returns-only customers included', async () => {
    expect(await difference(`SELECT * FROM ${T.ordersByCustomer}`, fromOrders)).toBe(0);
    expect(await scalar(engine, `SELECT CAST(count(*) AS INTEGER) FROM ${T.ordersByCustomer}`)).toBe(ds.report!.customers);
    // The sample has returns, so the two kinds of first/last dates and sums differ somewhere.
    expect(await scalar(engine, `SELECT CAST(count(*) AS INTEGER) FROM ${T.ordersByCustomer} WHERE amount <> purchase_amount`)).toBeGreaterThan(0);
  });

  it('the purchase days are the distinct purchase dates of each customer with their amounts, exactly', async () => {
    const byDay = `SELECT customer_id, order_date AS day, sum(amount) AS value FROM orders WHERE NOT is_return GROUP BY customer_id, order_date`;
    expect(await difference(`SELECT * FROM ${T.purchaseDays}`, byDay)).toBe(0);
  });

  it('scores read from it are the scores a pass over the orders gives, at the default date and any date after the last order', async () => {
    const last = await scalar<string>(engine, 'SELECT CAST(max(order_date) AS VARCHAR) FROM orders');
    const after = await scalar<string>(engine, `SELECT CAST(DATE '${last}' + INTERVAL 40 DAY AS DATE)::VARCHAR`);
    for (const options of [{}, { method: 'ntile' as const }, { bins: 3, analysisDate: after }]) {
      const o = resolveRfmOptions(options);
      const select = (whole: boolean) => `${rfmCtes(o, whole)} SELECT * FROM scored`;
      expect(await difference(select(true), select(false)), JSON.stringify(options)).toBe(0);
      expect(await scalar(engine, `SELECT CAST(count(*) AS INTEGER) FROM (${select(true)})`)).toBeGreaterThan(1000);
    }
  });

  it('is read only when the date sees every order', async () => {
    const last = await scalar<string>(engine, 'SELECT CAST(max(order_date) AS VARCHAR) FROM orders');
    expect(await seesWholeHistory(engine, null)).toBe(true);
    expect(await seesWholeHistory(engine, '2999-01-01')).toBe(true);
    // On the last order's own day, that day's orders are in; a later order would not be: the orders are read.
    expect(await seesWholeHistory(engine, last)).toBe(false);
    expect(await seesWholeHistory(engine, '2000-01-01')).toBe(false);
    // An earlier date still sees only its orders.
    const early = (await ds.rfm({ analysisDate: '2023-06-30' })).customers;
    const independent = await scalar(engine, "SELECT CAST(count(DISTINCT customer_id) AS INTEGER) FROM orders WHERE NOT is_return AND order_date <= DATE '2023-06-30'");
    expect(early.length).toBe(independent);
  });

  it('the headline read from it is what a pass over the orders gives, for everyone and for a selection', async () => {
    const fromOrdersHeadline = (only: string) =>
      rows<{ customers: number; orders: number; revenue: number; aov: number; repeat: number; first: string; last: string }>(
        engine,
        `WITH o AS (SELECT * FROM orders${only}),
           per AS (SELECT customer_id, count(*) FILTER (WHERE NOT is_return) AS n FROM o GROUP BY customer_id)
         SELECT CAST((SELECT count(*) FROM per) AS INTEGER) AS customers,
           CAST(count(*) FILTER (WHERE NOT is_return) AS INTEGER) AS orders, CAST(sum(amount) AS DOUBLE) AS revenue,
           CAST(sum(amount) FILTER (WHERE NOT is_return) / count(*) FILTER (WHERE NOT is_return) AS DOUBLE) AS aov,
           (SELECT CAST(count(*) FILTER (WHERE n >= 2) AS DOUBLE) / count(*) FILTER (WHERE n >= 1) FROM per) AS repeat,
           CAST(min(order_date) AS VARCHAR) AS first, CAST(max(order_date) AS VARCHAR) AS last
         FROM o`,
      );
    const check = async (headline: Awaited<ReturnType<Dataset['headline']>>, only: string) => {
      const [e] = await fromOrdersHeadline(only);
      expect(headline).toMatchObject({ customers: e!.customers, orders: e!.orders, repeatRate: e!.repeat, firstOrder: e!.first, lastOrder: e!.last });
      // Sums of the customers' sums: the same to the cent (the last bits follow the order of adding).
      expect(headline.revenue).toBeCloseTo(e!.revenue, 6);
      expect(headline.averageOrderValue).toBeCloseTo(e!.aov, 9);
    };
    const { asked, stop } = recordQueries(engine);
    try {
      await check(await ds.headline(), '');
    } finally {
      stop();
    }
    // One pass over the customers, none over the orders.
    expect(asked.filter((sql) => /\bFROM orders\b/.test(sql) && !sql.includes('WITH o AS'))).toEqual([]);
    expect(asked.some((sql) => sql.includes(`FROM ${T.ordersByCustomer}`))).toBe(true);
    // The biggest segment: a selection of customers with returns, several orders and one order.
    const overview = await ds.scoreOverview();
    const top = overview.summary.slice().sort((a, b) => b.customers - a.customers)[0]!;
    await ds.select({ segment: top.segment });
    const selected = await ds.headline({ selected: true });
    expect(selected.customers).toBe(top.customers);
    await check(selected, ` WHERE customer_id IN (SELECT customer_id FROM ${SCORED_TABLE} WHERE segment = '${top.segment.replace(/'/g, "''")}')`);
    await ds.select(null);
  });

  it('the customer list, headline, ladder and migration give what the orders give', async () => {
    const list = await ds.customers({ sort: 'customer_id', direction: 'asc' });
    const expected = await rows<{ customer_id: string; orders: number; total_spend: number; first_order: string; last_order: string }>(
      engine,
      `SELECT customer_id, CAST(count(*) FILTER (WHERE NOT is_return) AS INTEGER) AS orders, CAST(round(sum(amount), 2) AS DOUBLE) AS total_spend,
         CAST(min(order_date) AS VARCHAR) AS first_order, CAST(max(order_date) AS VARCHAR) AS last_order
       FROM orders GROUP BY customer_id ORDER BY customer_id`,
    );
    expect(list.map(({ customer_id, orders, total_spend, first_order, last_order }) => ({ customer_id, orders, total_spend, first_order, last_order }))).toEqual(expected);
    const headline = await ds.headline();
    const repeat = await scalar<number>(engine, `SELECT CAST(count(*) FILTER (WHERE n >= 2) AS DOUBLE) / count(*) FROM (SELECT count(*) AS n FROM orders WHERE NOT is_return GROUP BY customer_id)`);
    expect(headline.repeatRate).toBe(repeat);
    // The ladder and the migration as built (from the table) and from the orders: the same rows.
    const ladder = await ds.ladder();
    const built = { rules: ladder.rules, asOf: ladder.asOf, windowDays: ladder.lapsed.windowDays, hasCustomers: false, hasFeedback: false, inferred: true };
    await engine.query(createLadderSql('rapport_check_whole', { ...built, wholeHistory: true }));
    await engine.query(createLadderSql('rapport_check_orders', { ...built, wholeHistory: false }));
    expect(await difference(`SELECT * FROM ${LADDER_TABLE}`, 'SELECT * FROM rapport_check_whole')).toBe(0);
    expect(await difference('SELECT * FROM rapport_check_whole', 'SELECT * FROM rapport_check_orders')).toBe(0);
    expect(await scalar(engine, 'SELECT CAST(count(*) AS INTEGER) FROM rapport_check_whole')).toBe(ds.report!.customers - (await scalar<number>(engine, `SELECT CAST(count(*) AS INTEGER) FROM ${T.ordersByCustomer} WHERE purchases = 0`)));
    const migration = await ds.migration();
    const current = currentMigration(engine)!;
    expect(current.wholeHistory).toEqual({ from: false, to: true });
    // A cell's revenue adds its customers' figures in whatever order the join gives them (either
    // way): equal to the cent and beyond, not to the last bit.
    const matrix = (whole: { from: boolean; to: boolean }) =>
      `SELECT * REPLACE (round(revenue_to, 6) AS revenue_to) FROM (${migrationMatrixSql(current.fromOptions, current.toOptions, current.rules, null, whole)})`;
    expect(await difference(matrix(current.wholeHistory), matrix({ from: false, to: false }))).toBe(0);
    expect(migration.totals.customersTo).toBe(await scalar(engine, 'SELECT CAST(count(DISTINCT customer_id) AS INTEGER) FROM orders WHERE NOT is_return'));
  });

  it('the migration reads its later side from the scored table while that holds the same scoring, with the cells of scoring it again', async () => {
    const { asked, stop } = recordQueries(engine);
    // A cell's revenue adds its customers' figures in the order the join gives them: to the cent and beyond.
    const matrix = (sql: string) => `SELECT * REPLACE (round(revenue_to, 6) AS revenue_to) FROM (${sql})`;
    try {
      for (const request of [{}, { method: 'ntile' as const }, { bins: 4, segments: [{ name: 'Top', r: [3, 4], f: [3, 4], m: [1, 4] }] }]) {
        await ds.scoreOverview(request);
        asked.length = 0;
        const result = await ds.migration(request);
        const read = asked.filter((sql) => sql.includes(`FROM ${SCORED_TABLE}`));
        expect(read, JSON.stringify(request)).toHaveLength(1);
        const m = currentMigration(engine)!;
        const held = migrationMatrixSql(m.fromOptions, m.toOptions, m.rules, null, m.wholeHistory, SCORED_TABLE);
        const scoredAgain = migrationMatrixSql(m.fromOptions, m.toOptions, m.rules, null, m.wholeHistory, null);
        expect(await difference(matrix(held), matrix(scoredAgain)), JSON.stringify(request)).toBe(0);
        expect(result.totals.customersTo).toBeGreaterThan(1000);
      }
      // Another scoring in force (other bins): the later side is scored again.
      await ds.scoreOverview({ bins: 3 });
      asked.length = 0;
      await ds.migration({});
      expect(asked.filter((sql) => sql.includes(`FROM ${SCORED_TABLE}`))).toEqual([]);
      // A later side at another date than the scoring's: scored again too.
      await ds.scoreOverview({});
      asked.length = 0;
      const last = await scalar<string>(engine, 'SELECT CAST(max(order_date) AS VARCHAR) FROM orders');
      await ds.migration({ to: last });
      expect(asked.filter((sql) => sql.includes(`FROM ${SCORED_TABLE}`))).toEqual([]);
    } finally {
      stop();
    }
  });

  it('the value curve and the customers below a standard read from it are those of a pass over the orders, of everyone and of a selection', async () => {
    const last = await scalar<string>(engine, 'SELECT CAST(max(order_date) AS VARCHAR) FROM orders');
    const after = await scalar<string>(engine, `SELECT CAST(DATE '${last}' + INTERVAL 10 DAY AS DATE)::VARCHAR`);
    await engine.query(`CREATE OR REPLACE TABLE rapport_check_selection AS SELECT customer_id FROM ${T.ordersByCustomer} WHERE hash(customer_id) % 3 = 0`);
    for (const options of [{}, { standard: 150 }, { analysisDate: after, standard: 40 }]) {
      const o = resolveParetoOptions(options);
      for (const selection of [null, 'rapport_check_selection']) {
        const what = JSON.stringify({ options, selection });
        expect(await difference(paretoSql(o, selection, true), paretoSql(o, selection, false)), what).toBe(0);
        expect(await scalar(engine, `SELECT max(customers) FROM (${paretoSql(o, selection, true)})`), what).toBeGreaterThan(300);
        if (o.standard !== null) {
          expect(await difference(belowStandardSql(o, o.standard, selection, true), belowStandardSql(o, o.standard, selection, false)), what).toBe(0);
          expect(await scalar(engine, `SELECT CAST(count(*) AS INTEGER) FROM (${belowStandardSql(o, o.standard, selection, true)})`), what).toBeGreaterThan(0);
        }
      }
    }
    // The value curve reads the table at the default date and after the last order, not on it.
    const { asked, stop } = recordQueries(engine);
    const readTable = async (request: Parameters<Dataset['pareto']>[0]) => {
      asked.length = 0;
      await ds.pareto(request);
      return asked.some((sql) => sql.includes('valued AS') && sql.includes(`FROM ${T.ordersByCustomer}`));
    };
    try {
      expect(await readTable({})).toBe(true);
      expect(await readTable({ analysisDate: after, standard: 40 })).toBe(true);
      expect(await readTable({ analysisDate: last })).toBe(false);
    } finally {
      stop();
    }
    // Returns-only customers hold no value on the curve either way.
    expect(await scalar(engine, `SELECT max(customers) FROM (${paretoSql(resolveParetoOptions({}), null, true)})`)).toBe(
      await scalar(engine, `SELECT CAST(count(*) AS INTEGER) FROM ${T.ordersByCustomer} WHERE purchases > 0`),
    );
  });

  it('a failed load keeps it matching the orders; a new load replaces it with them; forgetting drops it', async () => {
    await expect(ds.load({ name: 'bad.csv', bytes: text('nothing,here\n1,2\n') })).rejects.toThrow();
    expect(await difference(`SELECT * FROM ${T.ordersByCustomer}`, fromOrders)).toBe(0);
    // A load that fails late (every row rejected, after the orders were staged), and one cancelled
    // once everything is staged: nothing of either is left, and the tables still match the orders.
    await expect(ds.load({ name: 'all-bad.csv', bytes: text('customer_id,order_date,amount\nA,2024-01-01,x\nB,2024-01-02,y\n') })).rejects.toThrow(/all-bad\.csv/);
    // Cancelled right after the two tables were staged, before the swap.
    const stop = new AbortController();
    const stopping: Engine = {
      ...engine,
      query: async (sql, params) => {
        const result = await engine.query(sql, params);
        if (sql.includes(`CREATE TABLE ${T.stagePurchaseDays}`)) stop.abort();
        return result;
      },
    };
    await expect(new Dataset(stopping).load({ name: 'cancelled.csv', bytes: text(csv) }, { signal: stop.signal })).rejects.toMatchObject({ code: 'cancelled' });
    expect(stop.signal.aborted).toBe(true);
    expect(await rows(engine, "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'rapport\\_stage%' ESCAPE '\\' OR table_name = 'rapport_typed'")).toEqual([]);
    expect(await difference(`SELECT * FROM ${T.ordersByCustomer}`, fromOrders)).toBe(0);
    expect(await difference(`SELECT * FROM ${T.purchaseDays}`, 'SELECT customer_id, order_date AS day, sum(amount) AS value FROM orders WHERE NOT is_return GROUP BY customer_id, order_date')).toBe(0);
    expect(ds.report!.file).toBe('orders.csv');
    loaded(await ds.load({ name: 'small.csv', bytes: text('customer_id,order_date,amount\nA,2024-01-01,10\nA,2024-01-01,2\nA,2024-02-01,-4\nB,2024-01-15,5\nC,2024-01-20,-3\n') }));
    expect(await rows(engine, `SELECT customer_id, CAST(purchases AS INTEGER) AS purchases, amount, purchase_amount FROM ${T.ordersByCustomer} ORDER BY customer_id`)).toEqual([
      { customer_id: 'A', purchases: 2, amount: 8, purchase_amount: 12 },
      { customer_id: 'B', purchases: 1, amount: 5, purchase_amount: 5 },
      { customer_id: 'C', purchases: 0, amount: -3, purchase_amount: null },
    ]);
    // Two orders on one day make one purchase day; a return makes none.
    expect(await rows(engine, `SELECT customer_id, CAST(day AS VARCHAR) AS day, value FROM ${T.purchaseDays} ORDER BY customer_id`)).toEqual([
      { customer_id: 'A', day: '2024-01-01', value: 12 },
      { customer_id: 'B', day: '2024-01-15', value: 5 },
    ]);
    // Returns excluded by policy are rejected rows: they are in neither table.
    loaded(await ds.load({ name: 'small.csv', bytes: text('customer_id,order_date,amount\nA,2024-01-01,10\nA,2024-01-01,2\nA,2024-02-01,-4\nB,2024-01-15,5\nC,2024-01-20,-3\n') }, { returnPolicy: 'exclude' }));
    expect(await rows(engine, `SELECT customer_id, CAST(purchases AS INTEGER) AS purchases, amount, purchase_amount FROM ${T.ordersByCustomer} ORDER BY customer_id`)).toEqual([
      { customer_id: 'A', purchases: 2, amount: 12, purchase_amount: 12 },
      { customer_id: 'B', purchases: 1, amount: 5, purchase_amount: 5 },
    ]);
    expect(await difference(`SELECT * FROM ${T.ordersByCustomer}`, fromOrders)).toBe(0);
    await ds.forget();
    expect(await scalar(engine, `SELECT CAST(count(*) AS INTEGER) FROM duckdb_tables() WHERE table_name IN ('${T.ordersByCustomer}', '${T.purchaseDays}')`)).toBe(0);
  });
});
