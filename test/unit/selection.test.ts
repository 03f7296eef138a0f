import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_YET_A_CUSTOMER } from '../../src/analytics/migration-options.js';
import {
  isEmptySelection,
  SelectionError,
  selectionKey,
  selectionParts,
  validateSelection,
  type CustomerSelection,
} from '../../src/analytics/selection.js';
import { Dataset } from '../../src/data/dataset.js';
import { forgetTablePresence } from '../../src/data/table-presence.js';
import { createSelectionSql, SELECTION_TABLE } from '../../src/data/sql/selection-sql.js';
import { text, withEngine } from '../helpers/engine.js';
import { HAND_SHOP_ORDERS } from '../helpers/hand-shop.js';
import { loaded, rows, scalar } from '../helpers/ingest.js';

/**
 * Cross-filtering on the real engine, on a shop small enough to work every figure out by hand.
 * Numeric order ids ("C"+digit is a cancellation: H's C1 is one on purpose, a return of 10).
 *
 * RFM (fixed breaks, 3 scores) as of 2024-04-01; I's only order is later, so I is not scored.
 *   recency days < 30 -> R3, 30..59 -> R2, >= 60 -> R1; purchases 1 -> F1, 2 -> F2, >= 3 -> F3.
 *   id  purchases (net value)        recency  R F   segment at 04-01   at 03-01 (migration from)
 *   A   01-10 50, 02-25 60, 03-20 100  12     3 3   Best               Best
 *   B   01-05 100, 01-20 100           72     1 2   Lapsing            Lapsing
 *   C   02-20 40                       41     2 1   Others             New
 *   D   03-10 30                       22     3 1   New                Not yet a customer
 *   E   03-15 20, 03-25 20              7     3 2   Best               Not yet a customer
 *   F   2023-12-01 500                122     1 1   Others             Others
 *   G   02-10 80, 03-05 80             27     3 2   Best               New
 *   H   return 02-15 -10, 03-20 50     12     3 1   New (net 40)       Not yet a customer
 *   I   04-05 70 (after the analysis date: in the headline only)
 *
 * Ladder as of 2024-04-01, lapsed after 60 days, customer list K (never bought) and A:
 *   prospect K; customer C, D, H; client G; supporter E (NPS 7); advocate A (NPS 10; no one is
 *   in the top 10% of spend among 8 buyers, so no partner); lapsed B (a client) and F (a customer).
 */
const ORDERS = HAND_SHOP_ORDERS;

const CUSTOMERS = 'customer_id,name,signup_date\nK,Kim,2024-01-01\nA,Ann,2024-01-01\n';

/** Two NPS answers place A and E; four pieces of voice: A, G, D, one with no customer id, one from Z (no orders). */
const FEEDBACK = [
  'customer_id,date,type,score,category,channel,comment,answered_date',
  'A,2024-03-25,nps,10,,email,,',
  'E,2024-03-26,nps,7,,email,,',
  'A,2024-03-10,complaint,,delivery,email,Late,2024-03-12',
  'G,2024-03-11,suggestion,,website,web,Dark mode,',
  'D,2024-03-12,complaint,,price,phone,Too dear,2024-03-20',
  ',2024-03-13,complaint,,delivery,phone,Anonymous,',
  'Z,2024-03-14,compliment,,service,store,Great,',
].join('\n');

const BREAKS = { recency: [30, 60], frequency: [2, 3], monetary: [100, 200] };
const RULES = [
  { name: 'Best', r: [3, 3], f: [2, 3], m: [1, 3] },
  { name: 'Lapsing', r: [1, 2], f: [2, 3], m: [1, 3] },
  { name: 'New', r: [3, 3], f: [1, 1], m: [1, 3] },
];
const HAND = { method: 'fixed', breaks: BREAKS, segments: RULES } as const;
const SCORING = { ...HAND, analysisDate: '2024-04-01' } as const;
const MIGRATION = { ...HAND, from: '2024-03-01', to: '2024-04-01' } as const;
const LADDER = { asOf: '2024-04-01', rules: { lapsed: { windowDays: 60 } } } as const;

/**
 * Survey (equal weights: no importance), two items:
 *   r1 A  t1 5->4 (-1), rel1 5->2 (-3)      r2 E  t1 3->4 (+1), rel1 4->4 (0)
 *   r3 D  t1 4->2 (-2), rel1 5->5 (0)       r4 (no id)  t1 4->4, rel1 4->3      r5 Z (unknown)  t1 5->5, rel1 3->4
 */
async function makeSurvey(ds: Dataset): Promise<void> {
  const e = ds.engine;
  await e.query(`CREATE OR REPLACE TABLE survey (respondent VARCHAR NOT NULL, customer_id VARCHAR, item VARCHAR NOT NULL,
    item_order INTEGER NOT NULL, dimension VARCHAR NOT NULL, expectation DOUBLE NOT NULL, perception DOUBLE NOT NULL,
    importance DOUBLE, line BIGINT NOT NULL)`);
  await e.query(`INSERT INTO survey VALUES
    ('r1', 'A', 't1', 1, 'tangibles', 5, 4, NULL, 2), ('r1', 'A', 'rel1', 2, 'reliability', 5, 2, NULL, 2),
    ('r2', 'E', 't1', 1, 'tangibles', 3, 4, NULL, 3), ('r2', 'E', 'rel1', 2, 'reliability', 4, 4, NULL, 3),
    ('r3', 'D', 't1', 1, 'tangibles', 4, 2, NULL, 4), ('r3', 'D', 'rel1', 2, 'reliability', 5, 5, NULL, 4),
    ('r4', NULL, 't1', 1, 'tangibles', 4, 4, NULL, 5), ('r4', NULL, 'rel1', 2, 'reliability', 4, 3, NULL, 5),
    ('r5', 'Z', 't1', 1, 'tangibles', 5, 5, NULL, 6), ('r5', 'Z', 'rel1', 2, 'reliability', 3, 4, NULL, 6)`);
  await e.query(`CREATE OR REPLACE TABLE survey_meta (scale_min DOUBLE NOT NULL, scale_max DOUBLE NOT NULL, shape VARCHAR NOT NULL, file VARCHAR)`);
  await e.query(`INSERT INTO survey_meta VALUES (1, 5, 'long', 'survey.csv')`);
  // Made by hand, not by a load: the dataset asks the engine which tables it holds again.
  forgetTablePresence(e);
}

/** The shop loaded (orders, customer list, feedback, survey), not yet scored, laddered or migrated. */
async function shop(orders = ORDERS): Promise<Dataset> {
  const ds = new Dataset(await withEngine());
  loaded(await ds.load({ name: 'orders.csv', bytes: text(orders) }));
  await ds.loadCustomers({ name: 'customers.csv', bytes: text(CUSTOMERS) });
  await ds.loadFeedback({ name: 'feedback.csv', bytes: text(FEEDBACK) });
  await makeSurvey(ds);
  return ds;
}

/** The shop scored, laddered and migrated: every part can be selected. */
async function readyShop(): Promise<Dataset> {
  const ds = await shop();
  await ds.scoreOverview(SCORING);
  await ds.ladder(LADDER);
  await ds.migration(MIGRATION);
  return ds;
}

async function selectedIds(ds: Dataset): Promise<string[]> {
  return (await ds.customers({ selected: true, sort: 'customer_id', direction: 'asc' })).map((c) => c.customer_id);
}

async function selectionError(promise: Promise<unknown>): Promise<SelectionError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(SelectionError);
    return e as SelectionError;
  }
  throw new Error('expected a SelectionError');
}

describe('selection: pure helpers', () => {
  it('knows an empty selection', () => {
    expect(isEmptySelection(null)).toBe(true);
    expect(isEmptySelection(undefined)).toBe(true);
    expect(isEmptySelection({})).toBe(true);
    expect(isEmptySelection({ segment: undefined })).toBe(true);
    expect(isEmptySelection({ rung: 'client' })).toBe(false);
  });

  it('keys a selection stably, whatever the order of its fields', () => {
    const a: CustomerSelection = { segment: 'Best', cell: { r: 3, f: 2 }, rung: 'client', migration: { from: 'New', to: 'Best' } };
    const b = { migration: { to: 'Best', from: 'New' }, rung: 'client', cell: { f: 2, r: 3 }, segment: 'Best', extra: undefined } as CustomerSelection;
    expect(selectionKey(a)).toBe(selectionKey(b));
    expect(selectionKey({})).toBe('');
    expect(selectionKey({ segment: 'Best' })).not.toBe(selectionKey({ migration: { from: 'Best', to: 'Best' } }));
    // Text that looks like the key's own punctuation cannot make two selections collide.
    expect(selectionKey({ segment: '","' })).not.toBe(selectionKey({ segment: '"', rung: 'client' }));
  });

  it('lists the parts in a fixed order, for a filter chip', () => {
    expect(selectionParts({ rung: 'lapsed', segment: 'Best', cell: { r: 1, f: 2 } })).toEqual([
      { kind: 'segment', segment: 'Best' },
      { kind: 'cell', r: 1, f: 2 },
      { kind: 'rung', rung: 'lapsed' },
    ]);
    expect(selectionParts(null)).toEqual([]);
  });

  it('validates every part, reporting every problem at once', () => {
    expect(validateSelection({ segment: 'Best', cell: { r: 1, f: 5 }, extra: undefined }, 5)).toEqual({ segment: 'Best', cell: { r: 1, f: 5 } });
    expect(() => validateSelection({ cell: { r: 0, f: 1.5 } })).toThrow(/cell.r must be a whole score from 1, got 0; cell.f must be a whole score from 1, got 1.5/);
    expect(() => validateSelection({ cell: { r: 4, f: 1 } }, 3)).toThrow(/cell.r must be a whole score from 1 to 3, got 4/);
    expect(() => validateSelection({ cell: { r: '3', f: 1 } })).toThrow(/cell.r must be a whole score from 1, got "3"/);
    expect(() => validateSelection({ rung: 'vip' })).toThrow(/rung must be one of prospect, customer, client, supporter, advocate, partner, lapsed, got "vip"/);
    expect(() => validateSelection({ segmnet: 'Best' })).toThrow(/unknown field "segmnet"/);
    expect(() => validateSelection({ segment: '' })).toThrow(/segment must be a segment name/);
    expect(() => validateSelection({ migration: { from: 'New' } })).toThrow(/migration.to must be a segment name, got undefined/);
    expect(() => validateSelection('Best')).toThrow(SelectionError);
  });

  it('binds every value as a parameter: no value is in the SQL text', () => {
    const evil = "x'); DROP TABLE orders; --";
    const { sql, params } = createSelectionSql({ segment: evil, cell: { r: 2, f: 3 }, rung: 'client' });
    expect(sql).not.toContain(evil);
    expect(sql).not.toContain('client');
    expect(params).toEqual([evil, 2, 3, 'client']);
  });
});

describe('selection: each part, intersections and the analytics over the selection', () => {
  let ds: Dataset;
  beforeAll(async () => {
    ds = await readyShop();
  });
  afterAll(async () => {
    await ds.close();
  });

  it('the fixture is what the comment says', async () => {
    const all = await ds.customers({ sort: 'customer_id', direction: 'asc' });
    expect(Object.fromEntries(all.map((c) => [c.customer_id, [c.segment, c.r_score, c.f_score, c.rung]]))).toEqual({
      A: ['Best', 3, 3, 'advocate'],
      B: ['Lapsing', 1, 2, 'lapsed'],
      C: ['Others', 2, 1, 'customer'],
      D: ['New', 3, 1, 'customer'],
      E: ['Best', 3, 2, 'supporter'],
      F: ['Others', 1, 1, 'lapsed'],
      G: ['Best', 3, 2, 'client'],
      H: ['New', 3, 1, 'customer'],
      I: [null, null, null, null],
      K: [null, null, null, 'prospect'],
    });
  });

  it('selects a segment', async () => {
    const info = await ds.select({ segment: 'Best' });
    expect(info).toEqual({ selection: { segment: 'Best' }, key: selectionKey({ segment: 'Best' }), customers: 3 });
    expect(ds.selection).toEqual(info);
    expect(await selectedIds(ds)).toEqual(['A', 'E', 'G']);
  });

  it('selects an R-by-F cell', async () => {
    expect((await ds.select({ cell: { r: 3, f: 2 } }))?.customers).toBe(2);
    expect(await selectedIds(ds)).toEqual(['E', 'G']);
    expect((await ds.select({ cell: { r: 3, f: 1 } }))?.customers).toBe(2);
    expect(await selectedIds(ds)).toEqual(['D', 'H']);
  });

  it('selects a rung, prospects included', async () => {
    expect((await ds.select({ rung: 'customer' }))?.customers).toBe(3);
    expect(await selectedIds(ds)).toEqual(['C', 'D', 'H']);
    expect((await ds.select({ rung: 'prospect' }))?.customers).toBe(1);
    expect(await selectedIds(ds)).toEqual(['K']);
    expect((await ds.select({ rung: 'lapsed' }))?.customers).toBe(2);
    expect(await selectedIds(ds)).toEqual(['B', 'F']);
  });

  it('selects a migration cell: its members are the matrix cell', async () => {
    const m = await ds.migration(MIGRATION);
    const cell = (from: string, to: string) => m.matrix.find((c) => c.from_segment === from && c.to_segment === to)?.customers;
    expect(cell(NOT_YET_A_CUSTOMER, 'New')).toBe(2);
    expect((await ds.select({ migration: { from: NOT_YET_A_CUSTOMER, to: 'New' } }))?.customers).toBe(2);
    expect(await selectedIds(ds)).toEqual(['D', 'H']);
    expect(cell('New', 'Best')).toBe(1);
    expect((await ds.select({ migration: { from: 'New', to: 'Best' } }))?.customers).toBe(1);
    expect(await selectedIds(ds)).toEqual(['G']);
    // Every cell, zeros included, has as many members as the matrix says.
    for (const c of m.matrix) {
      expect((await ds.select({ migration: { from: c.from_segment, to: c.to_segment } }))?.customers).toBe(c.customers);
    }
  });

  it('counts the selection whether or not the engine answers the CREATE with its count', async () => {
    // DuckDB answers CREATE TABLE AS with the rows written; an engine may answer DDL with an empty table (Engine.query).
    const original = ds.engine.query;
    const query = original.bind(ds.engine);
    const asked: string[] = [];
    const answering = (emptyDdl: boolean) => {
      asked.length = 0;
      ds.engine.query = async (sql, params) => {
        asked.push(sql);
        const result = await query(sql, params);
        return emptyDdl && /^\s*CREATE/i.test(sql) ? result.slice(0, 0) : result;
      };
    };
    const counted = () => asked.some((sql) => /count\(\*\)/.test(sql));
    try {
      answering(true);
      expect((await ds.select({ segment: 'Best' }))?.customers).toBe(3);
      expect(counted(), 'counted by a query').toBe(true);
      answering(false);
      expect((await ds.select({ rung: 'customer' }))?.customers).toBe(3);
      expect(counted(), 'the CREATE said it').toBe(false);
    } finally {
      ds.engine.query = original;
    }
  });

  it('intersects parts', async () => {
    expect((await ds.select({ segment: 'Best', cell: { r: 3, f: 3 } }))?.customers).toBe(1);
    expect(await selectedIds(ds)).toEqual(['A']);
    expect((await ds.select({ rung: 'customer', segment: 'New' }))?.customers).toBe(2);
    expect(await selectedIds(ds)).toEqual(['D', 'H']);
    expect((await ds.select({ segment: 'Best', migration: { from: NOT_YET_A_CUSTOMER, to: 'Best' } }))?.customers).toBe(1);
    expect(await selectedIds(ds)).toEqual(['E']);
  });

  it('an empty intersection selects no one, and every analytic says so', async () => {
    const info = await ds.select({ segment: 'New', cell: { r: 3, f: 2 } });
    expect(info?.customers).toBe(0);
    expect(await selectedIds(ds)).toEqual([]);
    const h = await ds.headline({ selected: true });
    expect(h).toMatchObject({ customers: 0, orders: 0, revenue: 0, averageOrderValue: null, repeatRate: null, firstOrder: null, lastOrder: null });
    expect(h.selection).toEqual(info);
    const o = await ds.scoreOverview({ ...SCORING, selected: true });
    expect(o.summary.map((s) => s.customers)).toEqual([0, 0, 0, 0]);
    expect(o.grid).toEqual([]);
    const l = await ds.ladder({ ...LADDER, selected: true });
    expect(l.contacts).toBe(0);
    expect(l.rungs.every((r) => r.customers === 0 && r.conversionToNext === null)).toBe(true);
    const v = await ds.voice({ selected: true });
    expect(v?.total).toBe(0);
    expect(v?.messages).toContain('The selected customers gave no complaints, suggestions or compliments.');
    const q = await ds.qualityGap({ selected: true });
    expect(q?.respondents).toBe(0);
    expect(q?.overall.n).toBe(0);
    expect(q?.leftOut).toEqual({ respondents: 5, notLinked: 2 });
  });

  it('the headline of a selection', async () => {
    await ds.select({ segment: 'Best' });
    // A, E, G: purchases 3 + 2 + 2, revenue 210 + 40 + 160, all repeat buyers.
    expect(await ds.headline({ selected: true })).toEqual({
      selection: ds.selection,
      customers: 3,
      orders: 7,
      revenue: 410,
      averageOrderValue: 410 / 7,
      repeatRate: 1,
      firstOrder: '2024-01-10',
      lastOrder: '2024-03-25',
    });
    await ds.select({ segment: 'New' });
    // D and H: 2 purchases (30, 50), H's return of 10 netted into revenue but not an order.
    expect(await ds.headline({ selected: true })).toMatchObject({
      customers: 2,
      orders: 2,
      revenue: 70,
      averageOrderValue: 40,
      repeatRate: 0,
      firstOrder: '2024-02-15',
      lastOrder: '2024-03-20',
    });
    // Not asked for the selection: everyone (I included; 14 purchases, the return is not one), no selection field.
    const all = await ds.headline();
    expect(all).toMatchObject({ customers: 9, orders: 14, revenue: 210 + 200 + 40 + 30 + 40 + 500 + 160 + 40 + 70 });
    expect('selection' in all).toBe(false);
    // A prospect has no order.
    await ds.select({ rung: 'prospect' });
    expect(await ds.headline({ selected: true })).toMatchObject({ customers: 0, orders: 0, revenue: 0 });
  });

  it('filters the customer table on top of the filter', async () => {
    await ds.select({ segment: 'Best' });
    expect((await ds.customers({ selected: true, filter: { rung: 'client' } })).map((c) => c.customer_id)).toEqual(['G']);
    expect(await ds.customers({ selected: true, filter: { segment: 'New' } })).toEqual([]);
    expect(await ds.customers({ selected: true, sort: 'total_spend' })).toHaveLength(3);
    expect(await ds.customers()).toHaveLength(10);
  });

  it('counts segments and the R-by-F grid over the selection without re-scoring', async () => {
    await ds.select({ rung: 'customer' });
    const o = await ds.scoreOverview({ ...SCORING, selected: true });
    expect(o.selection).toEqual(ds.selection);
    // C (Others, 2-1), D and H (New, 3-1); the scoring itself is still over everyone.
    expect(o.scoredCustomers).toBe(8);
    expect(o.summary.map((s) => [s.segment, s.customers, s.revenue])).toEqual([
      ['Best', 0, 0],
      ['Lapsing', 0, 0],
      ['New', 2, 70],
      ['Others', 1, 40],
    ]);
    expect(o.summary.find((s) => s.segment === 'New')?.share_of_customers).toBeCloseTo(2 / 3, 12);
    expect(o.grid).toEqual([
      { r_score: 2, f_score: 1, customers: 1 },
      { r_score: 3, f_score: 1, customers: 2 },
    ]);
    expect(ds.selection?.customers).toBe(3);
    const summary = await ds.segmentSummary({ ...SCORING, selected: true });
    expect(summary.map((s) => s.customers)).toEqual([0, 0, 2, 1]);
    const everyone = await ds.scoreOverview(SCORING);
    expect(everyone.summary.map((s) => s.customers)).toEqual([3, 1, 2, 2]);
    expect('selection' in everyone).toBe(false);
  });

  it('counts the ladder over the selection: places sum to the selected contacts', async () => {
    const full = await ds.ladder(LADDER);
    expect(Object.fromEntries(full.rungs.map((r) => [r.rung, r.customers]))).toEqual({
      prospect: 1, customer: 3, client: 1, supporter: 1, advocate: 1, partner: 0,
    });
    expect(full.lapsed.customers).toBe(2);
    expect(full.contacts).toBe(9);

    const info = await ds.select({ segment: 'Best' });
    const l = await ds.ladder({ ...LADDER, selected: true });
    expect(l.selection).toEqual(info);
    expect(l.contacts).toBe(3);
    expect(l.rungs.reduce((s, r) => s + r.customers, 0) + l.lapsed.customers).toBe(info?.customers);
    // A advocate, E supporter, G client: reached 3, 3, 3, 2, 1, 0.
    expect(l.rungs.map((r) => [r.rung, r.customers, r.reached])).toEqual([
      ['prospect', 0, 3], ['customer', 0, 3], ['client', 1, 3], ['supporter', 1, 2], ['advocate', 1, 1], ['partner', 0, 0],
    ]);
    expect(l.rungs.find((r) => r.rung === 'client')?.conversionToNext).toBeCloseTo(2 / 3, 12);
    expect(l.rungs.find((r) => r.rung === 'advocate')?.revenue).toBe(210);
    // The evidence is the whole ladder's.
    expect(l.evidence).toEqual(full.evidence);

    await ds.select({ segment: 'Lapsing' });
    const lapsing = await ds.ladder({ ...LADDER, selected: true });
    expect(lapsing.contacts).toBe(1);
    expect(lapsing.lapsed).toMatchObject({ customers: 1, revenue: 200, from: { client: 1, customer: 0 } });

    // The full ladder is unchanged, and not re-built.
    expect(await ds.ladder(LADDER)).toBe(full);
  });

  it('counts the ladder over the rest of the selection (ignore: rung) without changing the selection in force', async () => {
    // Best and client: G alone. Without the rung: Best, A advocate, E supporter, G client.
    const info = await ds.select({ segment: 'Best', rung: 'client' });
    expect(info?.customers).toBe(1);
    const l = await ds.ladder({ ...LADDER, selected: true, ignore: ['rung'] });
    expect(l.selection).toEqual(info);
    expect(l.contacts).toBe(3);
    expect(l.rungs.map((r) => [r.rung, r.customers])).toEqual([
      ['prospect', 0], ['customer', 0], ['client', 1], ['supporter', 1], ['advocate', 1], ['partner', 0],
    ]);
    expect(ds.selection).toEqual(info);
    expect(await selectedIds(ds)).toEqual(['G']);
    expect((await ds.headline({ selected: true })).customers).toBe(1);
    // Without ignore: the whole selection.
    expect((await ds.ladder({ ...LADDER, selected: true })).contacts).toBe(1);
    // A rung alone: nothing left, so everyone's ladder, still carrying the selection.
    const rungOnly = await ds.select({ rung: 'client' });
    const everyone = await ds.ladder({ ...LADDER, selected: true, ignore: ['rung'] });
    expect(everyone.contacts).toBe(9);
    expect(everyone.selection).toEqual(rungOnly);
    expect(ds.selection).toEqual(rungOnly);
    expect(await selectedIds(ds)).toEqual(['G']);
    // No selection: everyone, selection null.
    await ds.select(null);
    expect((await ds.ladder({ ...LADDER, selected: true, ignore: ['rung'] })).selection).toBeNull();
  });

  it('restricts the voice to the selected customers, saying what was left out', async () => {
    await ds.select({ segment: 'Best' });
    const v = (await ds.voice({ selected: true }))!;
    expect(v.selection).toEqual(ds.selection);
    // A's complaint and G's suggestion; D's complaint, Z's compliment and the anonymous complaint are left out.
    expect(v.total).toBe(2);
    expect(v.byKind).toEqual({ complaint: 1, suggestion: 1, compliment: 0 });
    expect(v.leftOut).toEqual({ noCustomerId: 1, otherCustomers: 2 });
    expect(v.messages[0]).toBe('Selected customers only: 1 piece with no customer id and 2 pieces from other customers left out.');
    expect(v.bySegment?.map((s) => [s.key, s.total])).toEqual([['Best', 2]]);
    expect(v.recent.map((r) => r.customer_id)).toEqual(['G', 'A']);
    const all = (await ds.voice())!;
    expect(all.total).toBe(5);
    expect('leftOut' in all).toBe(false);
  });

  it('restricts the quality gap to respondents linked to selected customers', async () => {
    await ds.select({ segment: 'Best' });
    const q = (await ds.qualityGap({ selected: true }))!;
    expect(q.selection).toEqual(ds.selection);
    // r1 (A) and r2 (E). t1: -1, +1 -> 0; rel1: -3, 0 -> -1.5; overall (equal): r1 -2, r2 0.5 -> -0.75.
    expect(q.respondents).toBe(2);
    expect(q.linkedRespondents).toBe(2);
    const item = Object.fromEntries(q.items.map((i) => [i.item, i]));
    expect(item.t1?.gap).toBeCloseTo(0, 12);
    expect(item.rel1?.gap).toBeCloseTo(-1.5, 12);
    expect(q.overall.n).toBe(2);
    expect(q.overall.gap).toBeCloseTo(-0.75, 12);
    // r3 (D, not selected), r4 (no id) and r5 (Z, no such customer): the last two are linked to no one.
    expect(q.leftOut).toEqual({ respondents: 3, notLinked: 2 });
    expect(q.messages[0]).toBe('Respondents linked to the selected customers only: 2 respondents; 3 respondents left out (2 of them linked to no known customer).');
    // Split by rung within the selection: A advocate, E supporter.
    const byRung = (await ds.qualityGap({ selected: true, by: 'rung' }))!;
    expect(byRung.groups?.groups.map((g) => [g.group, g.respondents])).toEqual([
      ['Supporter', 1],
      ['Advocate', 1],
    ]);
    const all = (await ds.qualityGap())!;
    expect(all.respondents).toBe(5);
    expect('leftOut' in all).toBe(false);
  });

  it('restricts the migration matrix to the selection', async () => {
    await ds.select({ segment: 'Best' });
    const m = await ds.migration({ ...MIGRATION, selected: true });
    expect(m.selection).toEqual(ds.selection);
    expect(Object.fromEntries(m.matrix.filter((c) => c.customers > 0).map((c) => [`${c.from_segment} -> ${c.to_segment}`, c.customers]))).toEqual({
      'Best -> Best': 1,
      [`${NOT_YET_A_CUSTOMER} -> Best`]: 1,
      'New -> Best': 1,
    });
    expect(m.totals).toEqual({ customersFrom: 2, customersTo: 3 });
    // Asking for the same migration again keeps a migration-cell selection.
    await ds.select({ migration: { from: 'New', to: 'Best' } });
    await ds.migration(MIGRATION);
    expect(ds.selection?.customers).toBe(1);
  });

  it('draws the value curve of the selection: Best is A 210, G 160, E 40', async () => {
    await ds.select({ segment: 'Best' });
    const p = await ds.pareto({ standard: 100, selected: true });
    expect(p.selection).toEqual(ds.selection);
    expect(p.customers).toBe(3);
    expect(p.totalValue).toBeCloseTo(410, 9);
    // k = 0.2 * 3 = 0.6 of the top customer: 0.6 * 210 / 410.
    expect(p.top20Share).toBeCloseTo((0.6 * 210) / 410, 9);
    // Gini over 40, 160, 210 ascending: 2 * (1*40 + 2*160 + 3*210) / (3 * 410) - 4/3.
    expect(p.gini).toBeCloseTo((2 * (40 + 320 + 630)) / (3 * 410) - 4 / 3, 9);
    expect(p.below).toBe(1);
    expect(p.belowCustomers.map((c) => c.customer_id)).toEqual(['E']);
    // Without `selected`: everyone, and no selection field.
    const all = await ds.pareto({ standard: 100 });
    expect(all.customers).toBe(9);
    expect('selection' in all).toBe(false);
  });

  it('clears with null or an empty selection: then selected figures are everyone\'s, labelled null', async () => {
    await ds.select({ segment: 'Best' });
    expect(await ds.select(null)).toBeNull();
    expect(ds.selection).toBeNull();
    const h = await ds.headline({ selected: true });
    expect(h).toMatchObject({ customers: 9, selection: null });
    expect((await ds.voice({ selected: true }))?.leftOut).toEqual({ noCustomerId: 0, otherCustomers: 0 });
    await ds.select({ rung: 'client' });
    expect(await ds.select({})).toBeNull();
    expect(ds.selection).toBeNull();
    expect(await ds.customers({ selected: true })).toHaveLength(10);
  });

  it('rejects parts the data does not have, keeping the selection in force', async () => {
    const info = await ds.select({ segment: 'Best' });
    expect((await selectionError(ds.select({ segment: 'Champions' }))).message).toBe(
      'There is no segment "Champions" in the current scoring; its segments are "Best", "Lapsing", "New", "Others".',
    );
    expect((await selectionError(ds.select({ cell: { r: 4, f: 1 } }))).message).toMatch(/cell.r must be a whole score from 1 to 3, got 4/);
    expect((await selectionError(ds.select({ migration: { from: 'Best', to: NOT_YET_A_CUSTOMER } }))).message).toMatch(
      /no segment "Not yet a customer" at the migration's end \(2024-04-01\)/,
    );
    expect((await selectionError(ds.select({ rung: 'vip' as never }))).message).toMatch(/rung must be one of/);
    expect(ds.selection).toEqual(info);
  });

  it('a malformed selection is an error, never a silent clear: the selection in force stays', async () => {
    const info = await ds.select({ segment: 'Best' });
    expect((await selectionError(ds.select({ segmnet: 'Best' } as never))).message).toMatch(/unknown field "segmnet"/);
    expect((await selectionError(ds.select('Best' as never))).message).toMatch(/must be an object, got "Best"/);
    expect((await selectionError(ds.select(42 as never))).message).toMatch(/must be an object, got 42/);
    expect((await selectionError(ds.select([] as never))).message).toMatch(/must be an object, got a list/);
    expect(ds.selection).toEqual(info);
    expect((await ds.headline({ selected: true })).selection).toEqual(info);
    // Only null, undefined or no part given clear it.
    expect(await ds.select({ segment: undefined })).toBeNull();
    expect(ds.selection).toBeNull();
    await ds.select({ segment: 'Best' });
    expect(await ds.select(undefined as never)).toBeNull();
    expect(ds.selection).toBeNull();
  });
});

describe('selection: values are bound, never pasted', () => {
  it('selects a segment whose name looks like SQL, and leaves the tables alone', async () => {
    const ds = await shop();
    const evil = "Best'); DROP TABLE orders; --";
    const rules = [{ name: evil, r: [3, 3], f: [2, 3], m: [1, 3] }, ...RULES.slice(1)];
    await ds.scoreOverview({ ...SCORING, segments: rules });
    expect((await ds.select({ segment: evil }))?.customers).toBe(3);
    expect(await selectedIds(ds)).toEqual(['A', 'E', 'G']);
    await ds.migration({ ...MIGRATION, segments: rules });
    expect((await ds.select({ migration: { from: evil, to: evil } }))?.customers).toBe(1);
    expect(await selectedIds(ds)).toEqual(['A']);
    expect(await scalar(ds.engine, 'SELECT CAST(count(*) AS INTEGER) FROM orders')).toBe(15);
    // A name that is not a segment never reaches SQL.
    await selectionError(ds.select({ segment: "' OR '1'='1" }));
    await ds.close();
  });
});

describe('selection: needs and invalidation', () => {
  let ds: Dataset;
  beforeAll(async () => {
    ds = await shop();
  });
  afterAll(async () => {
    await ds.close();
  });

  it('names what a part needs when it is not there', async () => {
    expect((await selectionError(ds.select({ segment: 'Best' }))).message).toBe(
      'Selecting the segment "Best" needs a scoring: ask for the segments (scoreOverview) first.',
    );
    expect((await selectionError(ds.select({ cell: { r: 1, f: 1 } }))).message).toMatch(/R-by-F cell \(R 1, F 1\) needs a scoring/);
    expect((await selectionError(ds.select({ rung: 'client' }))).message).toMatch(/rung "client" needs a ladder/);
    expect((await selectionError(ds.select({ migration: { from: 'Best', to: 'Best' } }))).message).toMatch(/needs a migration/);
    expect(ds.selection).toBeNull();
  });

  it('re-scoring with other rules forgets a segment selection; the same request keeps it', async () => {
    await ds.scoreOverview(SCORING);
    await ds.select({ segment: 'Best' });
    await ds.scoreOverview(SCORING);
    await ds.segmentSummary(SCORING);
    expect(ds.selection?.customers).toBe(3);
    await ds.scoreOverview({ ...SCORING, segments: RULES.slice(0, 2) });
    expect(ds.selection).toBeNull();
    // Then selected figures are everyone's, and say so.
    const o = await ds.scoreOverview({ ...SCORING, segments: RULES.slice(0, 2), selected: true });
    expect(o.selection).toBeNull();
    expect(o.summary.reduce((s, r) => s + r.customers, 0)).toBe(8);
    // Select again: rebuilt on the new scoring (New is gone: D and H are Others now).
    await ds.select({ segment: 'Others' });
    expect(await selectedIds(ds)).toEqual(['C', 'D', 'F', 'H']);
  });

  it('a rung selection survives re-scoring, and goes with a new ladder', async () => {
    await ds.ladder(LADDER);
    await ds.select({ rung: 'customer' });
    await ds.scoreOverview(SCORING);
    expect(ds.selection?.customers).toBe(3);
    await ds.ladder(LADDER);
    expect(ds.selection?.customers).toBe(3);
    await ds.ladder({ ...LADDER, rules: { lapsed: { windowDays: 30 } } });
    expect(ds.selection).toBeNull();
    expect((await ds.ladder({ ...LADDER, selected: true })).selection).toBeNull();
  });

  it('another migration forgets a migration-cell selection', async () => {
    await ds.migration(MIGRATION);
    await ds.select({ migration: { from: NOT_YET_A_CUSTOMER, to: 'New' } });
    expect(ds.selection?.customers).toBe(2);
    await ds.migration({ ...MIGRATION, from: '2024-02-01' });
    expect(ds.selection).toBeNull();
  });

  it('a load that fails, is cancelled or asks for input keeps the dataset as it was: selection, scoring and figures', async () => {
    await ds.scoreOverview(SCORING);
    await ds.ladder(LADDER);
    const info = await ds.select({ segment: 'Best', rung: 'advocate' });
    expect(info?.customers).toBe(1);
    const before = await ds.headline({ selected: true });
    // No order date column: fails. The same file asking for answers: needs input. Cancelled before it starts.
    await expect(ds.load({ name: 'bad.csv', bytes: text('x,y\n1,2\n') })).rejects.toThrow();
    expect((await ds.load({ name: 'bad.csv', bytes: text('x,y\n1,2\n') }, { askWhenUnsure: true })).status).not.toBe('loaded');
    const abort = new AbortController();
    abort.abort();
    await expect(ds.load({ name: 'orders.csv', bytes: text(ORDERS) }, { signal: abort.signal })).rejects.toThrow();
    expect(ds.selection).toEqual(info);
    expect(await ds.headline({ selected: true })).toEqual(before);
    expect(await selectedIds(ds)).toEqual(['A']);
    expect((await ds.scoreOverview({ ...SCORING, selected: true })).selection).toEqual(info);
    expect((await ds.ladder({ ...LADDER, selected: true })).contacts).toBe(1);
  });

  it('a new load forgets every selection', async () => {
    await ds.scoreOverview(SCORING);
    await ds.select({ segment: 'Best' });
    await ds.migration(MIGRATION);
    await ds.select({ migration: { from: NOT_YET_A_CUSTOMER, to: 'New' } });
    expect(ds.selection).not.toBeNull();
    loaded(await ds.load({ name: 'orders.csv', bytes: text(ORDERS) }));
    expect(ds.selection).toBeNull();
    await selectionError(ds.select({ migration: { from: NOT_YET_A_CUSTOMER, to: 'New' } }));
    // The table itself is replaced by the next selection, never read without one in force.
    await ds.scoreOverview(SCORING);
    await ds.select({ cell: { r: 1, f: 1 } });
    expect(await rows(ds.engine, `SELECT customer_id FROM ${SELECTION_TABLE}`)).toEqual([{ customer_id: 'F' }]);
  });
});
