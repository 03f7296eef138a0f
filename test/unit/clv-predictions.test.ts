import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBABLY_LOST_BELOW, sumClvGroups, type ClvGroupRow } from '../../src/analytics/clv/clv-groups.js';
import { clvPredictionColumns, fitClvModel, inlineClvRunner, type ClvModel, type ClvRunner } from '../../src/data/clv-model.js';
import { clvPredictionsArrow, storeClvPredictions } from '../../src/data/clv-predictions.js';
import { rowsOf } from '../../src/data/arrow-rows.js';
import { Dataset, type CustomerRow } from '../../src/data/dataset.js';
import { customerExportColumns, customerExportShape } from '../../src/data/export/customer-export.js';
import { CLV_PREDICTIONS_TABLE } from '../../src/data/sql/clv-predictions-sql.js';
import { tableExistsSql } from '../../src/data/sql/ingest-sql.js';
import { sampleCustomersCsv, sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { hasSharedData, text, withEngine } from '../helpers/engine.js';
import { loaded, scalar } from '../helpers/ingest.js';
import { loadCdnowSample } from '../helpers/cdnow.js';

/**
 * The CLV model's predictions kept in the engine (data/clv-predictions.ts): joined into the
 * customer list (columns, sorting, filters), added up per segment and per ladder place, and
 * dropped by a new load. Real DuckDB, the generated sample shop and CDNOW.
 */

const close = (a: number | null | undefined, b: number | null | undefined, eps = 1e-6) => {
  if (a === null || a === undefined || b === null || b === undefined) return a === b || (a == null && b == null);
  return Math.abs(a - b) <= eps * Math.max(1, Math.abs(b));
};

const sum = (xs: readonly (number | null)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);

/** A sort keeps values in order, blanks (null) last whatever the direction. */
function expectSorted(rows: readonly CustomerRow[], key: 'clv' | 'probability_alive' | 'expected_purchases', direction: 'asc' | 'desc') {
  const values = rows.map((r) => r[key] ?? null);
  const firstBlank = values.indexOf(null);
  if (firstBlank >= 0) expect(values.slice(firstBlank).every((v) => v === null), `${key}: blanks last`).toBe(true);
  const real = (firstBlank >= 0 ? values.slice(0, firstBlank) : values) as number[];
  for (let i = 1; i < real.length; i++) {
    if (direction === 'desc') expect(real[i]!, `${key} row ${i}`).toBeLessThanOrEqual(real[i - 1]!);
    else expect(real[i]!, `${key} row ${i}`).toBeGreaterThanOrEqual(real[i - 1]!);
  }
}

/** Group rows add up to the predictions of the customers in them. */
function expectGroupsAddUp(groups: readonly ClvGroupRow[], model: ClvModel, ids: ReadonlySet<string> | null = null) {
  const predictions = model.predictions.filter((p) => ids === null || ids.has(p.customerId));
  const total = sumClvGroups('all', groups);
  expect(total.predicted).toBe(predictions.length);
  expect(close(total.totalClv, sum(predictions.map((p) => p.clv)), 1e-9)).toBe(true);
  expect(close(total.totalExpectedPurchases, sum(predictions.map((p) => p.expectedPurchases)), 1e-9)).toBe(true);
  expect(close(total.meanProbabilityAlive, sum(predictions.map((p) => p.probabilityAlive)) / predictions.length, 1e-9)).toBe(true);
  // Probably lost: P(alive) below the threshold, counted in the model's own predictions.
  expect(total.probablyLost).toBe(predictions.filter((p) => p.probabilityAlive < PROBABLY_LOST_BELOW).length);
  for (const g of groups) {
    expect(g.predicted).toBeLessThanOrEqual(g.customers);
    expect(g.probablyLost).toBeLessThanOrEqual(g.predicted);
    expect(g.valued).toBeLessThanOrEqual(g.predicted);
    if (g.valued > 0) expect(close(g.meanClv, g.totalClv! / g.valued, 1e-9)).toBe(true);
    if (g.predicted > 0) {
      expect(close(g.meanExpectedPurchases, g.totalExpectedPurchases / g.predicted, 1e-9)).toBe(true);
      expect(g.meanProbabilityAlive!).toBeGreaterThanOrEqual(0);
      expect(g.meanProbabilityAlive!).toBeLessThanOrEqual(1);
    } else {
      expect(g.meanProbabilityAlive).toBeNull();
      expect(g.totalClv).toBeNull();
    }
  }
}

describe('CLV predictions on the generated sample shop', () => {
  let dataset: Dataset;
  let model: ClvModel;
  const orders = text(sampleOrdersCsv({ customers: 400 }));

  beforeAll(async () => {
    dataset = new Dataset(await withEngine());
    loaded(await dataset.load({ name: 'sample.csv', bytes: orders }));
  });
  afterAll(async () => {
    await dataset?.close();
  });

  it('before a model: no predictions, the list is as before, sorting by a CLV key keeps the id order', async () => {
    expect(dataset.clvPredictions).toBeNull();
    expect(await dataset.clvGroups()).toBeNull();
    const rows = await dataset.customers();
    expect(rows.length).toBeGreaterThan(300);
    for (const key of ['probability_alive', 'expected_purchases', 'clv']) expect(rows[0]).not.toHaveProperty(key);
    const byClv = await dataset.customers({ sort: 'clv', direction: 'desc' });
    expect(byClv.map((r) => r.customer_id)).toEqual([...rows.map((r) => r.customer_id)].sort());
  });

  it('a fit keeps its predictions: the list carries them, equal to the model, one per fitted customer', async () => {
    model = await dataset.clvModel({ period: 'week', horizon: 26, months: 6 });
    const info = dataset.clvPredictions!;
    expect(info).toMatchObject({ period: 'week', horizon: 26, months: 6, discountRate: 0.01, summaryEnd: model.summaryEnd, calibrationEnd: null });
    expect(info.customers).toBe(model.predictions.length);
    expect(info.valued).toBe(model.predictions.filter((p) => p.clv !== null).length);
    expect(info.valued).toBeGreaterThan(0);
    expect(await scalar(dataset.engine, `SELECT count(*) FROM ${CLV_PREDICTIONS_TABLE}`)).toBe(model.predictions.length);

    const rows = await dataset.customers({ sort: 'customer_id', direction: 'asc' });
    const byId = new Map(rows.map((r) => [r.customer_id, r]));
    let matched = 0;
    for (const p of model.predictions) {
      const row = byId.get(p.customerId);
      expect(row, p.customerId).toBeDefined();
      expect(close(row!.probability_alive, p.probabilityAlive, 1e-12)).toBe(true);
      expect(close(row!.expected_purchases, p.expectedPurchases, 1e-12)).toBe(true);
      expect(close(row!.clv, p.clv, 1e-12)).toBe(true);
      matched++;
    }
    expect(matched).toBe(model.predictions.length);
    // Every customer of the list with a purchase was fitted.
    expect(rows.filter((r) => r.orders > 0 && r.probability_alive == null)).toEqual([]);
    // The rest of each row is what it was.
    expect(Object.keys(rows[0]!).slice(0, 5)).toEqual(['customer_id', 'first_order', 'last_order', 'orders', 'total_spend']);
  });

  it('stores the same table from a model built elsewhere (its prediction objects) as from a fit (its columns)', async () => {
    const read = async () => rowsOf(await dataset.engine.query(`SELECT * FROM ${CLV_PREDICTIONS_TABLE} ORDER BY customer_id`));
    const fromColumns = await read();
    expect(clvPredictionColumns(model)).not.toBeNull();
    // A copy is a model fitClvModel did not make: it has only its prediction objects.
    const copy: ClvModel = { ...model, predictions: model.predictions.map((p) => ({ ...p })) };
    expect(clvPredictionColumns(copy)).toBeNull();
    const info = await storeClvPredictions(dataset.engine, copy);
    expect(info).toMatchObject({ customers: model.predictions.length, valued: dataset.clvPredictions!.valued });
    expect(await read()).toEqual(fromColumns);
    await storeClvPredictions(dataset.engine, model);
  });

  it('sorts by P(alive), expected purchases and CLV, both ways, in SQL', async () => {
    for (const key of ['clv', 'probability_alive', 'expected_purchases'] as const) {
      for (const direction of ['asc', 'desc'] as const) expectSorted(await dataset.customers({ sort: key, direction }), key, direction);
    }
    const [top] = await dataset.customers({ sort: 'clv', direction: 'desc' });
    expect(top!.clv).toBe(Math.max(...model.predictions.map((p) => p.clv ?? -Infinity)));
  });

  it('adds the predictions up per segment and per place on the ladder; the groups sum to the predictions', async () => {
    const before = await dataset.clvGroups();
    expect(before!.bySegment).toBeNull();
    expect(before!.byRung).toBeNull();
    expect(before!.total.predicted).toBe(model.predictions.length);
    expect(close(before!.total.totalClv, sum(model.predictions.map((p) => p.clv)), 1e-9)).toBe(true);

    const overview = await dataset.scoreOverview();
    await dataset.ladder();
    const groups = (await dataset.clvGroups())!;
    const segments = groups.bySegment!;
    // Every scored customer is in one segment, in rule order (as the segment summary).
    expect(sum(segments.map((g) => g.customers))).toBe(overview.scoredCustomers);
    const summaryOrder = overview.summary.filter((s) => s.customers > 0).map((s) => s.segment);
    expect(segments.map((g) => g.group)).toEqual(summaryOrder);
    expectGroupsAddUp(segments, model);
    const rungs = groups.byRung!;
    expect(rungs.map((g) => g.group)).toEqual(['prospect', 'customer', 'client', 'supporter', 'advocate', 'partner', 'lapsed'].filter((p) => rungs.some((g) => g.group === p)));
    expectGroupsAddUp(rungs, model);
    // Every fitted customer has a purchase, so a place on the ladder: the rungs add up to the total.
    const rungSums = sumClvGroups('all', rungs);
    expect(groups.total.predicted).toBe(rungSums.predicted);
    expect(groups.total.valued).toBe(rungSums.valued);
    expect(close(groups.total.totalClv, rungSums.totalClv, 1e-9)).toBe(true);
    expect(close(groups.total.meanProbabilityAlive, rungSums.meanProbabilityAlive, 1e-9)).toBe(true);
    expect(groups.total.probablyLost).toBe(rungSums.probablyLost);
    expect(groups.total.probablyLost).toBe(model.predictions.filter((p) => p.probabilityAlive < 0.5).length);
    expect(PROBABLY_LOST_BELOW).toBe(0.5);

    // One segment's rows, sorted by CLV: the same customers and total as its group.
    const first = segments[0]!;
    const members = await dataset.customers({ filter: { segment: first.group }, sort: 'clv', direction: 'desc' });
    expect(members).toHaveLength(first.customers);
    expectSorted(members, 'clv', 'desc');
    expect(close(sum(members.map((r) => r.clv ?? null)), first.totalClv ?? 0, 1e-9)).toBe(true);
    // Each segment's probably lost: its listed members with P(alive) below 0.5, counted directly.
    for (const g of segments) {
      const rows = await dataset.customers({ filter: { segment: g.group } });
      expect(g.probablyLost, g.group).toBe(rows.filter((r) => r.probability_alive != null && r.probability_alive < PROBABLY_LOST_BELOW).length);
    }
    const lapsed = rungs.find((g) => g.group === 'lapsed');
    if (lapsed) {
      const rows = await dataset.customers({ filter: { rung: 'lapsed' } });
      expect(close(sum(rows.map((r) => r.probability_alive ?? null)) / lapsed.predicted, lapsed.meanProbabilityAlive, 1e-9)).toBe(true);
    }
  });

  it('counts the selected customers only when asked', async () => {
    const segments = (await dataset.clvGroups())!.bySegment!;
    const pick = segments[0]!;
    const info = await dataset.select({ segment: pick.group });
    try {
      const selected = (await dataset.clvGroups({ selected: true }))!;
      expect(selected.selection?.key).toBe(info!.key);
      expect(selected.bySegment!.map((g) => g.group)).toEqual([pick.group]);
      // The same customers, counted alike; sums and means alike to the last bits the order of adding leaves.
      const only = selected.bySegment![0]!;
      expect(only).toMatchObject({ group: pick.group, customers: pick.customers, predicted: pick.predicted, valued: pick.valued, probablyLost: pick.probablyLost });
      for (const k of ['totalClv', 'meanClv', 'meanProbabilityAlive', 'totalExpectedPurchases', 'meanExpectedPurchases'] as const) {
        expect(close(only[k], pick[k], 1e-12), k).toBe(true);
      }
      expect(selected.total.predicted).toBe(pick.predicted);
      expect(close(selected.total.totalClv, pick.totalClv, 1e-9)).toBe(true);
      const ids = new Set((await dataset.customers({ selected: true })).map((r) => r.customer_id));
      expectGroupsAddUp(selected.byRung!, model, ids);
    } finally {
      await dataset.select(null);
    }
  });

  it('a customer list adds prospects with no prediction: null, sorted last', async () => {
    await dataset.loadCustomers({ name: 'customers.csv', bytes: text(sampleCustomersCsv({ customers: 400, prospects: 15 })) });
    expect(dataset.clvPredictions).not.toBeNull();
    await dataset.scoreOverview();
    await dataset.ladder();
    const rows = await dataset.customers({ sort: 'clv', direction: 'desc' });
    const prospects = rows.filter((r) => r.customer_id.startsWith('LEAD-'));
    expect(prospects).toHaveLength(15);
    for (const p of prospects) expect([p.probability_alive, p.expected_purchases, p.clv]).toEqual([null, null, null]);
    expectSorted(rows, 'clv', 'desc');
    const prospectRung = (await dataset.clvGroups())!.byRung!.find((g) => g.group === 'prospect')!;
    expect(prospectRung.customers).toBeGreaterThanOrEqual(15);
    expect(prospectRung).toMatchObject({ predicted: 0, valued: 0, totalClv: null, meanClv: null, meanProbabilityAlive: null, totalExpectedPurchases: 0 });
    await dataset.unloadCustomers();
  });

  it('exports the three columns once rows carry them', async () => {
    const rows = await dataset.customers();
    const shape = customerExportShape(rows);
    expect(shape.predicted).toBe(true);
    const names = customerExportColumns(shape).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['probability_alive', 'expected_purchases', 'clv']));
    expect(customerExportColumns({ ...shape, predicted: false }).map((c) => c.name)).not.toContain('clv');
  });

  it('keepPredictions: false fits without touching the kept predictions', async () => {
    const before = dataset.clvPredictions;
    const other = await dataset.clvModel({ period: 'day', horizon: 30, keepPredictions: false });
    expect(other.period).toBe('day');
    expect(dataset.clvPredictions).toBe(before);
  });

  it('a new load of orders drops them; a fit whose orders were replaced while it ran keeps nothing', async () => {
    loaded(await dataset.load({ name: 'sample.csv', bytes: orders }));
    expect(dataset.clvPredictions).toBeNull();
    expect(await dataset.clvGroups()).toBeNull();
    expect(await scalar(dataset.engine, tableExistsSql(CLV_PREDICTIONS_TABLE))).toBe(0);
    const rows = await dataset.customers({ sort: 'clv' });
    expect(rows[0]).not.toHaveProperty('clv');

    // The fit reads the old orders, the load replaces them while the model is fitted: nothing kept.
    let reloading: Promise<unknown> = Promise.resolve();
    const slowRunner: ClvRunner = async (rows, options) => {
      reloading = dataset.load({ name: 'sample-again.csv', bytes: orders });
      await reloading;
      return inlineClvRunner(rows, options);
    };
    const m = await dataset.clvModel({ period: 'week' }, slowRunner);
    await reloading;
    expect(m.predictions.length).toBeGreaterThan(0);
    expect(dataset.clvPredictions).toBeNull();
    expect(await scalar(dataset.engine, tableExistsSql(CLV_PREDICTIONS_TABLE))).toBe(0);

    // A model without customers keeps an empty table: the list joins it, every value blank.
    await dataset.clvModel({ period: 'week', observationEnd: '1990-01-01' });
    expect(dataset.clvPredictions).toMatchObject({ customers: 0, valued: 0 });
    const blank = await dataset.customers({ sort: 'probability_alive' });
    expect(blank.length).toBeGreaterThan(0);
    expect(blank.every((r) => r.probability_alive === null && r.clv === null)).toBe(true);
  });

  it('builds the Arrow table the engine takes: text ids, doubles, nulls where not finite', () => {
    const table = clvPredictionsArrow([
      { customerId: 'A', frequency: 1, recency: 2, T: 3, monetaryValue: 4, probabilityAlive: 0.5, expectedPurchases: 1.25, expectedAverageValue: null, clv: Number.NaN },
    ]);
    expect(table.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
      'customer_id:Utf8', 'probability_alive:Float64', 'expected_purchases:Float64', 'expected_average_value:Float64', 'clv:Float64',
    ]);
    expect(table.get(0)!.toJSON()).toEqual({ customer_id: 'A', probability_alive: 0.5, expected_purchases: 1.25, expected_average_value: null, clv: null });
  });
});

describe('CLV predictions of more customers than one record batch', () => {
  it('stores every prediction of 150,000 customers, a slice at a time, each where it belongs, blanks in later slices only included', async () => {
    const engine = await withEngine();
    try {
      const n = 150_000;
      const id = (i: number) => `c${String(i).padStart(6, '0')}`;
      const blankClv = (i: number) => i >= 20_000 && i % 1000 === 999;
      const rows = Array.from({ length: n }, (_, i) => ({ customerId: id(i), frequency: i % 7, recency: i % 5, T: 10 + (i % 11), monetaryValue: i % 7 ? 20 : 0 }));
      // Predictions that say which customer they are: P(alive) = i / n, CLV = i, not finite (stored as blank) every
      // 1,000th from the 20,000th on and the last one's average value: the first slices have no blank at all.
      const runner: ClvRunner = async (given) => {
        expect(given).toBe(rows); // the rows themselves, not a copy of their figures
        const index = Float64Array.from({ length: n }, (_, i) => i);
        return {
          bgNbd: null, gammaGamma: null, fitMs: 0, ranIn: 'inline', notices: [], expectedHoldoutPurchases: null,
          probabilityAlive: index.map((i) => i / n), expectedPurchases: index.map((i) => i / 10), expectedAverageValue: index.map((i) => (i === n - 1 ? Number.NaN : i % 3)),
          clv: index.map((i) => (blankClv(i) ? Number.NaN : i)),
        };
      };
      const model = await fitClvModel({ period: 'week', calibrationEnd: null, observationEnd: '2024-01-31', durationHoldout: null, rows }, {}, runner);
      expect(model.repeatBuyers).toBe(rows.filter((r) => r.frequency > 0).length);
      const info = await storeClvPredictions(engine, model);
      expect(info).toMatchObject({ customers: n, valued: n - rows.filter((_, i) => blankClv(i)).length });
      const stored = rowsOf<{ customer_id: string; probability_alive: number; expected_purchases: number; expected_average_value: number; clv: number | null }>(
        await engine.query(`SELECT * FROM ${CLV_PREDICTIONS_TABLE} ORDER BY customer_id`),
      );
      expect(stored).toHaveLength(n);
      for (const i of [0, 16_383, 16_384, 19_999, 20_999, 65_535, 65_536, 131_071, 131_072, 131_999, n - 1]) {
        expect(stored[i], `customer ${i}`).toEqual({
          customer_id: id(i), probability_alive: i / n, expected_purchases: i / 10, expected_average_value: i === n - 1 ? null : i % 3, clv: blankClv(i) ? null : i,
        });
      }
      expect(stored.every((r, i) => r.customer_id === id(i) && r.clv === (blankClv(i) ? null : i))).toBe(true);
    } finally {
      await engine.close();
    }
  });
});

describe.skipIf(!hasSharedData)('CLV predictions on CDNOW_sample (skipped: ../shared/data/cdnow is not there)', () => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = new Dataset(await withEngine());
    await loadCdnowSample(dataset);
  });
  afterAll(async () => {
    await dataset?.close();
  });

  it('keeps the 2,357 calibration predictions, joins them to every customer, and the segments and rungs add up to them', async () => {
    const model = await dataset.clvModel({ period: 'week', calibrationEnd: '1997-09-30' });
    expect(model.customers).toBe(2357);
    expect(dataset.clvPredictions).toMatchObject({ customers: 2357, calibrationEnd: '1997-09-30', summaryEnd: '1997-09-30', period: 'week' });
    const rows = await dataset.customers({ sort: 'clv', direction: 'desc' });
    expect(rows).toHaveLength(2357);
    expect(rows.filter((r) => r.probability_alive == null)).toEqual([]);
    expectSorted(rows, 'clv', 'desc');
    expect(close(sum(rows.map((r) => r.clv ?? null)), sum(model.predictions.map((p) => p.clv)), 1e-9)).toBe(true);
    // Customers who bought once, long ago, are the least likely to be alive.
    const byAlive = await dataset.customers({ sort: 'probability_alive', direction: 'asc' });
    expectSorted(byAlive, 'probability_alive', 'asc');
    expect(byAlive[0]!.probability_alive!).toBeLessThan(0.2);

    await dataset.scoreOverview();
    await dataset.ladder();
    const groups = (await dataset.clvGroups())!;
    expectGroupsAddUp(groups.bySegment!, model);
    expectGroupsAddUp(groups.byRung!, model);
    expect(groups.total.predicted).toBe(2357);
    expect(sumClvGroups('all', groups.bySegment!).probablyLost).toBe(groups.total.probablyLost);
    expect(sumClvGroups('all', groups.byRung!).probablyLost).toBe(groups.total.probablyLost);
    console.log(
      `[clv] CDNOW sample, probably lost (P(alive) < ${PROBABLY_LOST_BELOW}): ${groups.total.probablyLost} of ${groups.total.predicted}; by rung: ${groups.byRung!.map((g) => `${g.group} ${g.probablyLost}/${g.predicted}`).join(', ')}`,
    );
    console.log(
      `[clv] CDNOW sample, CLV by segment: ${groups.bySegment!.map((g) => `${g.group} ${g.customers} ${g.totalClv?.toFixed(0)} (P(alive) ${g.meanProbabilityAlive?.toFixed(2)})`).join('; ')}`,
    );
  });
});
