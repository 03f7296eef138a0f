import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerListReplacedError, Dataset, type CustomerPages, type CustomerQuery, type CustomerRow } from '../../src/data/dataset.js';
import { customerExportShape } from '../../src/data/export/customer-export.js';
import type { CustomerSelection } from '../../src/analytics/selection.js';
import type { LadderPlace } from '../../src/analytics/ladder.js';
import { sampleCustomersCsv, sampleFeedbackCsv, sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { recordQueries, text, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';

/**
 * The customer list kept in the engine and read by pages (Dataset.customerList) must be, page
 * after page, exactly the list customers() returns for the same query: same rows, same order,
 * the same reasons, prospects from the customer list included.
 */
const SHOP = { seed: 7, customers: 1_200 } as const;

let dataset: Dataset;
beforeAll(async () => {
  dataset = new Dataset(await withEngine());
  loaded(await dataset.load({ name: 'orders.csv', bytes: text(sampleOrdersCsv(SHOP)) }));
  await dataset.loadCustomers({ name: 'customers.csv', bytes: text(sampleCustomersCsv({ ...SHOP, prospects: 40 })) });
  await dataset.loadFeedback({ name: 'feedback.csv', bytes: text(sampleFeedbackCsv(SHOP)) });
  await dataset.scoreOverview();
  await dataset.ladder();
}, 60_000);
afterAll(async () => {
  await dataset.close();
});

/** A selection's list cut from everyone's kept list (its places, by a join of the selection or by the parts' columns). */
const CUT = /CREATE OR REPLACE TEMP TABLE rapport_customer_list AS\s+SELECT CAST\(row_number\(\) OVER \(ORDER BY list_pos\)/;

/** Every row of a list, read in pages of `size` (the last one short). */
async function paged(list: CustomerPages, size: number): Promise<CustomerRow[]> {
  const rows: CustomerRow[] = [];
  for (let offset = 0; offset < list.total; offset += size) rows.push(...(await list.rows(offset, size)));
  return rows;
}

describe('Dataset.customerList', () => {
  const queries: [string, CustomerQuery][] = [
    ['everyone, by spend', {}],
    ['by id, ascending', { sort: 'customer_id', direction: 'asc' }],
    ['by segment (rule order), descending', { sort: 'segment', direction: 'desc' }],
    ['by rung, with reasons', { sort: 'rung', direction: 'desc', reasons: true }],
    ['by last order, ascending (prospects have none: last)', { sort: 'last_order', direction: 'asc' }],
    ['one type', { filter: { type: 'potential' } }],
    ['one rung (reasons by default)', { filter: { rung: 'client' }, sort: 'orders' }],
  ];
  for (const [name, query] of queries) {
    it(`holds, page by page, the list customers() returns: ${name}`, async () => {
      const whole = await dataset.customers(query);
      const list = await dataset.customerList(query);
      expect(whole.length).toBeGreaterThan(0);
      expect(list.total).toBe(whole.length);
      expect(await paged(list, 97)).toEqual(whole);
      expect(await list.all()).toEqual(whole);
      expect(list.shape).toEqual(customerExportShape(whole));
      // A page past the end is short, then empty.
      expect(await list.rows(list.total - 3, 10)).toEqual(whole.slice(-3));
      expect(await list.rows(list.total + 5, 10)).toEqual([]);
    });
  }

  it('says where a customer is in the list, -1 for one not in it', async () => {
    const whole = await dataset.customers({ sort: 'f_score', direction: 'desc' });
    const list = await dataset.customerList({ sort: 'f_score', direction: 'desc' });
    for (const at of [0, 1, 500, whole.length - 1]) expect(await list.indexOf(String(whole[at]!.customer_id))).toBe(at);
    expect(await list.indexOf('nobody')).toBe(-1);
    // An id is bound, never pasted into SQL.
    expect(await list.indexOf("x' OR '1'='1")).toBe(-1);
  });

  it('holds the selected customers only when asked, and their count', async () => {
    const overview = await dataset.scoreOverview();
    const segment = overview.summary.find((s) => s.customers > 10)!;
    await dataset.select({ segment: segment.segment });
    try {
      const list = await dataset.customerList({ selected: true, sort: 'recency_days', direction: 'asc' });
      expect(list.total).toBe(segment.customers);
      expect(await list.all()).toEqual(await dataset.customers({ selected: true, sort: 'recency_days', direction: 'asc' }));
      expect(new Set((await list.all()).map((r) => r.segment))).toEqual(new Set([segment.segment]));
      // With a filter on top of the selection.
      const active = await dataset.customerList({ selected: true, filter: { type: 'active' } });
      expect(await active.all()).toEqual(await dataset.customers({ selected: true, filter: { type: 'active' } }));
    } finally {
      await dataset.select({});
    }
  });

  it('cuts a selection\'s list from the list of everyone kept (same sort, filter and data), giving the rows it would build; everyone again builds nothing', async () => {
    const { asked, stop } = recordQueries(dataset.engine);
    const overview = await dataset.scoreOverview();
    const segment = overview.summary.slice().sort((a, b) => b.customers - a.customers)[0]!;
    const cut = () => asked.some((sql) => CUT.test(sql));
    const built = () => asked.some((sql) => /CREATE OR REPLACE TEMP TABLE rapport_customer_list(_all)? AS WITH per_customer/.test(sql));
    try {
      for (const q of [{ sort: 'rung', direction: 'desc', reasons: true }, { sort: 'segment', direction: 'asc' }, { sort: 'clv' }, { filter: { type: 'active' }, sort: 'orders' }] as CustomerQuery[]) {
        const everyone = await dataset.customerList(q);
        await dataset.select({ segment: segment.segment });
        asked.length = 0;
        const list = await dataset.customerList({ ...q, selected: true });
        expect(cut(), JSON.stringify(q)).toBe(true);
        expect(built()).toBe(false);
        const direct = await dataset.customers({ ...q, selected: true });
        expect(direct.length).toBeGreaterThan(0);
        expect(list.total).toBe(direct.length);
        expect(await paged(list, 61)).toEqual(direct);
        expect(list.shape).toEqual(customerExportShape(direct));
        for (const at of [0, direct.length - 1]) expect(await list.indexOf(String(direct[at]!.customer_id))).toBe(at);
        expect(everyone.current).toBe(false);
        // The selection cleared: everyone's list again, kept, read again without being built.
        await dataset.select(null);
        asked.length = 0;
        const again = await dataset.customerList(q);
        expect(asked.filter((sql) => /CREATE/.test(sql))).toEqual([]);
        expect(list.current).toBe(false);
        expect(await again.all()).toEqual(await dataset.customers(q));
      }
      // A selection's list with another sort than everyone's kept one is built for it.
      await dataset.customerList({ sort: 'orders' });
      await dataset.select({ segment: segment.segment });
      asked.length = 0;
      const other = await dataset.customerList({ selected: true, sort: 'customer_id', direction: 'asc' });
      expect(cut()).toBe(false);
      expect(await other.all()).toEqual(await dataset.customers({ selected: true, sort: 'customer_id', direction: 'asc' }));
    } finally {
      stop();
      await dataset.select(null);
    }
  });

  it('cuts by the columns of the list for a segment, a cell, a rung and their intersections, by the selection for a migration cell: the rows it would build', async () => {
    const { asked, stop } = recordQueries(dataset.engine);
    const byColumns = () => asked.some((sql) => CUT.test(sql) && !/customer_id IN \(SELECT customer_id FROM rapport_selection\)/.test(sql));
    const byJoin = () => asked.some((sql) => CUT.test(sql) && /customer_id IN \(SELECT customer_id FROM rapport_selection\)/.test(sql));
    const overview = await dataset.scoreOverview();
    const segment = overview.summary.slice().sort((a, b) => b.customers - a.customers)[0]!.segment;
    const cell = overview.grid.slice().sort((a, b) => b.customers - a.customers)[0]!;
    const migration = await dataset.migration();
    const moved = migration.matrix.filter((c) => c.customers > 0).sort((a, b) => b.customers - a.customers)[0]!;
    const q: CustomerQuery = { sort: 'recency_days', direction: 'asc' };
    // The rung most of the segment is on, and a cell of the segment: intersections with members.
    const ofSegment = await dataset.customers({ filter: { segment } });
    const most = <T>(xs: T[]) => [...new Set(xs)].sort((a, b) => xs.filter((x) => x === b).length - xs.filter((x) => x === a).length)[0]!;
    const rung = most(ofSegment.map((r) => r.rung).filter((r) => r !== null)) as LadderPlace;
    const [r, f] = most(ofSegment.map((c) => `${c.r_score},${c.f_score}`)).split(',').map(Number) as [number, number];
    try {
      const selections: CustomerSelection[] = [
        { segment },
        { cell: { r: cell.r_score, f: cell.f_score } },
        { rung: 'client' },
        { rung: 'prospect' },
        { segment, rung },
        { segment, cell: { r, f } },
        { migration: { from: moved.from_segment, to: moved.to_segment } },
      ];
      for (const selection of selections) {
        await dataset.select(null);
        await dataset.customerList(q);
        await dataset.select(selection);
        asked.length = 0;
        const list = await dataset.customerList({ ...q, selected: true });
        const direct = await dataset.customers({ ...q, selected: true });
        expect(direct.length, JSON.stringify(selection)).toBeGreaterThan(0);
        expect(list.total, JSON.stringify(selection)).toBe(direct.length);
        expect(await paged(list, 53), JSON.stringify(selection)).toEqual(direct);
        expect(list.shape).toEqual(customerExportShape(direct));
        expect(byColumns(), JSON.stringify(selection)).toBe(selection.migration === undefined);
        expect(byJoin(), JSON.stringify(selection)).toBe(selection.migration !== undefined);
      }
    } finally {
      stop();
      await dataset.select(null);
    }
  });

  it('other rules over the same scores set the segments of the list of everyone kept again, unless it is sorted or filtered by segment', async () => {
    const { asked, stop } = recordQueries(dataset.engine);
    const built = () => asked.some((sql) => /CREATE OR REPLACE TEMP TABLE rapport_customer_list_all AS/.test(sql));
    const updated = () => asked.some((sql) => /^UPDATE rapport_customer_list_all/.test(sql));
    try {
      for (const q of [{}, { sort: 'rung', direction: 'asc', reasons: true }, { filter: { type: 'active' }, sort: 'orders' }] as CustomerQuery[]) {
        await dataset.scoreOverview();
        const before = await dataset.customerList(q);
        const overview = await dataset.scoreOverview({ segments: 'rf-grid' });
        asked.length = 0;
        const after = await dataset.customerList(q);
        expect(updated(), JSON.stringify(q)).toBe(true);
        expect(built()).toBe(false);
        expect(before.current).toBe(false);
        const whole = await dataset.customers(q);
        // The rf-grid's own names ('Loyal', 'Hibernating', ...), not the vignette's.
        expect(whole.some((r) => r.segment === 'Loyal' || r.segment === 'Hibernating')).toBe(true);
        expect(await paged(after, 113)).toEqual(whole);
        expect(after.shape).toEqual(customerExportShape(whole));
        // A selection's list is cut from it, as from one built.
        await dataset.select({ segment: overview.summary.slice().sort((a, b) => b.customers - a.customers)[0]!.segment });
        const selected = await dataset.customerList({ ...q, selected: true });
        expect(await selected.all()).toEqual(await dataset.customers({ ...q, selected: true }));
        await dataset.select(null);
      }
      // Sorted or filtered by segment: the order or the members change with the rules, built again.
      for (const q of [{ sort: 'segment' }, { filter: { segment: 'Champions' } }] as CustomerQuery[]) {
        await dataset.scoreOverview();
        await dataset.customerList(q);
        await dataset.scoreOverview({ segments: 'rf-grid' });
        asked.length = 0;
        const after = await dataset.customerList(q);
        expect(updated(), JSON.stringify(q)).toBe(false);
        expect(built()).toBe(true);
        expect(await after.all()).toEqual(await dataset.customers(q));
      }
      // Other scores (another method): built again.
      await dataset.customerList({});
      await dataset.scoreOverview({ method: 'ntile' });
      asked.length = 0;
      const other = await dataset.customerList({});
      expect(updated()).toBe(false);
      expect(built()).toBe(true);
      expect(await other.all()).toEqual(await dataset.customers({}));
    } finally {
      stop();
      await dataset.select(null);
      await dataset.scoreOverview();
    }
  });

  it('does not cut from a list of everyone made before the scoring, ladder or predictions changed', async () => {
    await dataset.customerList({ sort: 'segment' });
    // Other rules: the same SQL reads other segments. A selection of a place survives a re-scoring.
    await dataset.scoreOverview({ segments: 'rf-grid' });
    await dataset.select({ rung: 'client' });
    try {
      const list = await dataset.customerList({ selected: true, sort: 'segment' });
      expect(await list.all()).toEqual(await dataset.customers({ selected: true, sort: 'segment' }));
      await dataset.select(null);
      expect(await (await dataset.customerList({ sort: 'segment' })).all()).toEqual(await dataset.customers({ sort: 'segment' }));
    } finally {
      await dataset.select(null);
      await dataset.scoreOverview();
    }
  });

  it('does not cut from a list of everyone made before the ladder or the predictions changed, and lets it go', async () => {
    const ds = new Dataset(await withEngine());
    const { asked, stop } = recordQueries(ds.engine);
    const cut = () => asked.some((sql) => CUT.test(sql));
    const dropped = () => asked.some((sql) => /DROP TABLE IF EXISTS rapport_customer_list_all/.test(sql));
    try {
      loaded(await ds.load({ name: 'orders.csv', bytes: text(sampleOrdersCsv({ seed: 3, customers: 600 })) }));
      const overview = await ds.scoreOverview();
      await ds.ladder();
      const segment = overview.summary.slice().sort((a, b) => b.customers - a.customers)[0]!.segment;
      const q: CustomerQuery = { sort: 'rung', direction: 'desc', reasons: true };
      // A ladder at another date: the same SQL reads other places. A selection of a segment survives it.
      await ds.customerList(q);
      await ds.select({ segment });
      await ds.ladder({ asOf: '2024-06-30' });
      asked.length = 0;
      const afterLadder = await ds.customerList({ ...q, selected: true });
      expect(cut()).toBe(false);
      // Everyone's list kept can no longer serve: dropped.
      expect(dropped()).toBe(true);
      expect(await afterLadder.all()).toEqual(await ds.customers({ ...q, selected: true }));
      // New predictions: the same SQL reads other values.
      await ds.select(null);
      await ds.customerList({ sort: 'clv' });
      await ds.clvModel({ keepPredictions: true });
      await ds.select({ segment });
      asked.length = 0;
      const afterModel = await ds.customerList({ sort: 'clv', selected: true });
      expect(cut()).toBe(false);
      const direct = await ds.customers({ sort: 'clv', selected: true });
      expect(direct.some((r) => r.clv !== null)).toBe(true);
      expect(await afterModel.all()).toEqual(direct);
    } finally {
      stop();
      await ds.close();
    }
  });

  it('refuses a page that is not a whole number of places', async () => {
    const list = await dataset.customerList();
    await expect(list.rows(-1, 10)).rejects.toThrow(RangeError);
    await expect(list.rows(0, 2.5)).rejects.toThrow(/limit must be a whole number/);
  });

  it('is replaced by a newer list: the old one says so and its reads reject', async () => {
    const old = await dataset.customerList({ sort: 'orders' });
    expect(old.current).toBe(true);
    const newer = await dataset.customerList({ sort: 'customer_id', direction: 'asc' });
    expect(old.current).toBe(false);
    expect(newer.current).toBe(true);
    await expect(old.rows(0, 10)).rejects.toBeInstanceOf(CustomerListReplacedError);
    await expect(old.indexOf('x')).rejects.toBeInstanceOf(CustomerListReplacedError);
    expect((await newer.rows(0, 2)).map((r) => r.customer_id)).toEqual((await dataset.customers({ sort: 'customer_id', direction: 'asc', limit: 2 })).map((r) => r.customer_id));
  });
});

describe('Dataset.customerList without a customer list', () => {
  it('holds, page by page, the list customers() returns, scored and laddered, and of a selection', async () => {
    const ds = new Dataset(await withEngine());
    try {
      loaded(await ds.load({ name: 'orders.csv', bytes: text(sampleOrdersCsv({ seed: 11, customers: 600 })) }));
      // Before any scoring: the plain list.
      expect(await (await ds.customerList()).all()).toEqual(await ds.customers());
      const overview = await ds.scoreOverview();
      await ds.ladder();
      for (const query of [{}, { sort: 'rung', direction: 'asc', reasons: true }, { filter: { segment: overview.summary[0]!.segment } }] as CustomerQuery[]) {
        const whole = await ds.customers(query);
        const list = await ds.customerList(query);
        expect(list.total).toBe(whole.length);
        expect(await paged(list, 50)).toEqual(whole);
      }
      await ds.select({ rung: 'client' });
      const list = await ds.customerList({ selected: true });
      expect(list.total).toBeGreaterThan(0);
      expect(await list.all()).toEqual(await ds.customers({ selected: true }));
    } finally {
      await ds.close();
    }
  });
});

describe('Dataset.customerList over new data', () => {
  it('a list that cannot be built replaces nothing: the one shown stays readable', async () => {
    const ds = new Dataset(await withEngine());
    try {
      loaded(await ds.load({ name: 'a.csv', bytes: text('order_id,customer_id,order_date,amount\n1,A,2024-01-01,10\n2,B,2024-01-02,20\n') }));
      const shown = await ds.customerList();
      const query = ds.engine.query.bind(ds.engine);
      ds.engine.query = (sql, params) => (/CREATE OR REPLACE TEMP TABLE rapport_customer_list/.test(sql) ? Promise.reject(new Error('out of memory')) : query(sql, params));
      try {
        await expect(ds.customerList({ sort: 'customer_id' })).rejects.toThrow(/out of memory/);
      } finally {
        ds.engine.query = query;
      }
      expect(shown.current).toBe(true);
      expect((await shown.all()).map((r) => r.customer_id)).toEqual(['B', 'A']);
    } finally {
      await ds.close();
    }
  });


  it('a load and forget() replace the list; a failed load keeps it', async () => {
    const ds = new Dataset(await withEngine());
    try {
      loaded(await ds.load({ name: 'a.csv', bytes: text('order_id,customer_id,order_date,amount\n1,A,2024-01-01,10\n2,B,2024-01-02,20\n') }));
      const first = await ds.customerList();
      expect((await first.all()).map((r) => r.customer_id)).toEqual(['B', 'A']);
      await expect(ds.load({ name: 'bad.csv', bytes: text('nothing,useful\n') })).rejects.toThrow();
      expect(first.current).toBe(true);
      loaded(await ds.load({ name: 'b.csv', bytes: text('order_id,customer_id,order_date,amount\n1,C,2024-01-01,10\n') }));
      expect(first.current).toBe(false);
      await expect(first.all()).rejects.toBeInstanceOf(CustomerListReplacedError);
      const second = await ds.customerList();
      expect((await second.all()).map((r) => r.customer_id)).toEqual(['C']);
      await ds.forget();
      expect(second.current).toBe(false);
      expect((await ds.engine.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'rapport_customer_list'`)).toArray()[0].n).toBe(0n);
    } finally {
      await ds.close();
    }
  });
});
