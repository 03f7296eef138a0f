import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, NOT_YET_A_CUSTOMER } from '../../src/analytics/migration-options.js';
import { RfmOptionsError } from '../../src/analytics/rfm-options.js';
import { SEGMENT_PRESETS } from '../../src/analytics/segment-rules.js';
import { Dataset } from '../../src/data/dataset.js';
import { currentMigration, readMigration, type MigrationRequest, type MigrationResult } from '../../src/data/migration.js';
import { MIGRATION_FROM_TABLE, migrationMatrixSql } from '../../src/data/sql/migration-sql.js';
import { sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { hasSharedData, sharedFile, text, withEngine } from '../helpers/engine.js';
import { HAND_SHOP_ORDERS } from '../helpers/hand-shop.js';
import { loaded } from '../helpers/ingest.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = new Dataset(await withEngine());
});
afterAll(async () => {
  await dataset.close();
});

const migration = (request: MigrationRequest = {}) => readMigration(dataset.engine, request);

/** Counts must add up: the matrix is everyone at `to`; real from-rows are everyone at `from`. */
function expectSums(result: MigrationResult): void {
  const total = result.matrix.reduce((a, c) => a + c.customers, 0);
  expect(total).toBe(result.totals.customersTo);
  const fromReal = result.matrix.filter((c) => c.from_segment !== NOT_YET_A_CUSTOMER).reduce((a, c) => a + c.customers, 0);
  expect(fromReal).toBe(result.totals.customersFrom);
  // Every cell of the grid is there, in segment order.
  const toSide = result.segments.filter((s) => s !== NOT_YET_A_CUSTOMER);
  expect(result.matrix.map((c) => [c.from_segment, c.to_segment])).toEqual(
    result.segments.flatMap((f) => toSide.map((t) => [f, t])),
  );
}

/** The non-zero cells as "from -> to": customers / revenue_to. */
function nonZero(result: MigrationResult): Record<string, [number, number]> {
  return Object.fromEntries(
    result.matrix.filter((c) => c.customers > 0).map((c) => [`${c.from_segment} -> ${c.to_segment}`, [c.customers, c.revenue_to]]),
  );
}

// Three scores. Recency days: < 30 -> 3, 30..59 -> 2, >= 60 -> 1. Frequency: 1 -> 1, 2 -> 2, >= 3 -> 3.
const BREAKS = { recency: [30, 60], frequency: [2, 3], monetary: [100, 200] };
const RULES = [
  { name: 'Best', r: [3, 3], f: [2, 3], m: [1, 3] },
  { name: 'Lapsing', r: [1, 2], f: [2, 3], m: [1, 3] },
  { name: 'New', r: [3, 3], f: [1, 1], m: [1, 3] },
];
const HAND = { method: 'fixed', breaks: BREAKS, segments: RULES } as const;

// Worked out by hand for from = 2024-03-01, to = 2024-04-01 (2024 is a leap year):
//   A  at from: last 02-25 (R 5d -> 3), F 2 -> Best;     at to: last 03-20 (12d -> 3), F 3 -> Best     revenue 210
//   B  at from: last 01-20 (41d -> 2), F 2 -> Lapsing;   at to: 72d -> 1, F 2 -> Lapsing              revenue 200
//   C  at from: last 02-20 (10d -> 3), F 1 -> New;       at to: 41d -> 2, F 1 -> Others               revenue 40
//   D  first order 03-10: not yet a customer;            at to: 22d -> 3, F 1 -> New                  revenue 30
//   E  first orders 03-15, 03-25: not yet;               at to: 7d -> 3, F 2 -> Best                  revenue 40
//   F  at from: last 2023-12-01 (91d -> 1), F 1 -> Others; at to: Others                             revenue 500
//   G  at from: last 02-10 (20d -> 3), F 1 -> New;       at to: last 03-05 (27d -> 3), F 2 -> Best    revenue 160
//   H  only a return by from (not a customer yet);       at to: purchase 03-20 -> New, 50 - 10        revenue 40
//   I  only orders after `to`: in neither.
const HAND_CSV = HAND_SHOP_ORDERS;

describe('segment migration on hand-made data', () => {
  beforeAll(async () => {
    loaded(await dataset.load({ name: 'migration.csv', bytes: text(HAND_CSV) }));
  });

  it('gives the matrix worked out by hand', async () => {
    const result = await migration({ ...HAND, from: '2024-03-01', to: '2024-04-01' });
    expect(result.from).toBe('2024-03-01');
    expect(result.to).toBe('2024-04-01');
    expect(result.segments).toEqual(['Best', 'Lapsing', 'New', 'Others', NOT_YET_A_CUSTOMER]);
    expect(nonZero(result)).toEqual({
      'Best -> Best': [1, 210],
      'Lapsing -> Lapsing': [1, 200],
      'New -> Best': [1, 160],
      'New -> Others': [1, 40],
      'Others -> Others': [1, 500],
      [`${NOT_YET_A_CUSTOMER} -> Best`]: [1, 40],
      [`${NOT_YET_A_CUSTOMER} -> New`]: [2, 70],
    });
    expect(result.matrix).toHaveLength(5 * 4);
    expect(result.totals).toEqual({ customersFrom: 5, customersTo: 8 });
    expectSums(result);
  });

  it('agrees with readRfm at each date (same options, same rules)', async () => {
    const result = await migration({ ...HAND, from: '2024-03-01', to: '2024-04-01' });
    const atFrom = await dataset.rfm({ ...HAND, analysisDate: '2024-03-01' });
    const atTo = await dataset.rfm({ ...HAND, analysisDate: '2024-04-01' });
    expect(result.totals).toEqual({ customersFrom: atFrom.customers.length, customersTo: atTo.customers.length });
    for (const segment of result.segments.filter((s) => s !== NOT_YET_A_CUSTOMER)) {
      const row = result.matrix.filter((c) => c.from_segment === segment).reduce((a, c) => a + c.customers, 0);
      const column = result.matrix.filter((c) => c.to_segment === segment).reduce((a, c) => a + c.customers, 0);
      expect(row).toBe(atFrom.customers.filter((c) => c.segment === segment).length);
      expect(column).toBe(atTo.customers.filter((c) => c.segment === segment).length);
    }
  });

  it('defaults: to = the day after the last order, from = to - 90 days', async () => {
    const result = await migration(HAND);
    expect(result.to).toBe('2024-04-06');
    expect(result.from).toBe('2024-01-07');
    expect(addDays('2024-04-06', -90)).toBe('2024-01-07');
    // At 2024-01-07 only B (01-05) and F (2023-12-01) had bought; at 2024-04-06 I's order (04-05) is in too.
    expect(result.totals).toEqual({ customersFrom: 2, customersTo: 9 });
    expectSums(result);
    // Only `from` given: to is still the default.
    const onlyFrom = await migration({ ...HAND, from: '2024-03-01' });
    expect([onlyFrom.from, onlyFrom.to]).toEqual(['2024-03-01', '2024-04-06']);
    // Only `to` given: from = to - 90.
    const onlyTo = await migration({ ...HAND, to: '2024-04-01' });
    expect([onlyTo.from, onlyTo.to]).toEqual(['2024-01-02', '2024-04-01']);
    expectSums(onlyTo);
  });

  it('from before any order: every customer at `to` is "Not yet a customer"', async () => {
    const result = await migration({ ...HAND, from: '2020-01-01', to: '2024-04-01' });
    expect(result.totals).toEqual({ customersFrom: 0, customersTo: 8 });
    expect(result.matrix.filter((c) => c.customers > 0).every((c) => c.from_segment === NOT_YET_A_CUSTOMER)).toBe(true);
    expectSums(result);
  });

  it.each([
    [{ from: '2024-03-01', to: '2024-03-01' }, /from \(2024-03-01\) must be before to \(2024-03-01\)/],
    [{ from: '2024-04-02', to: '2024-04-01' }, /from \(2024-04-02\) must be before to \(2024-04-01\)/],
    [{ from: '2030-01-01' }, /from \(2030-01-01\) must be before to \(2024-04-06\)/],
    [{ to: '2024-02-30' }, /to is not a real calendar date: "2024-02-30"/],
    [{ from: '1/3/2024' }, /from must be an ISO date \(YYYY-MM-DD\), got "1\/3\/2024"/],
    [{ from: 20240301 as unknown as string }, /from must be an ISO date string/],
    [{ analysisDate: '2024-03-01' } as MigrationRequest, /analysisDate is not a migration option: give from and to instead/],
  ])('rejects %j', async (dates, message) => {
    const error = await migration({ ...HAND, ...dates }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RfmOptionsError);
    expect((error as Error).message).toMatch(message);
  });

  it('rejects bad RFM options and rules as readRfm does', async () => {
    await expect(migration({ method: 'fixed' })).rejects.toThrow(/method "fixed" needs breaks/);
    await expect(migration({ ...HAND, segments: [{ name: 'X', r: [1, 9], f: [1, 3], m: [1, 3] }] })).rejects.toThrow(/out of range/);
  });
});

describe('segment migration: the earlier side\'s scores kept', () => {
  it('a rule change segments the kept scores again, with the cells of scoring again; other options, dates or data score again', async () => {
    const ds = new Dataset(await withEngine());
    try {
      loaded(await ds.load({ name: 'orders.csv', bytes: text(sampleOrdersCsv({ seed: 5, customers: 800 })) }));
      const asked: string[] = [];
      const query = ds.engine.query.bind(ds.engine);
      ds.engine.query = (sql, params) => {
        asked.push(sql);
        return query(sql, params);
      };
      const scoredAgain = () => asked.filter((sql) => sql.includes(`CREATE OR REPLACE TABLE ${MIGRATION_FROM_TABLE}`)).length;
      /** The same migration worked out afresh: both sides scored by the matrix query itself. */
      const fresh = async (request: MigrationRequest) => {
        const current = currentMigration(ds.engine)!;
        const cells = (await query(migrationMatrixSql(current.fromOptions, current.toOptions, current.rules, null, current.wholeHistory))).toArray();
        return cells.map((c) => ({ from: c.from_segment, to: c.to_segment, customers: c.customers, revenue: Math.round(c.revenue_to * 1e6) }));
      };
      const cells = (r: MigrationResult) => r.matrix.map((c) => ({ from: c.from_segment, to: c.to_segment, customers: c.customers, revenue: Math.round(c.revenue_to * 1e6) }));
      try {
        const requests: MigrationRequest[] = [{}, { segments: 'rf-grid' }, { segments: [{ name: 'Top', r: [4, 5], f: [4, 5], m: [1, 5] }] }, {}];
        for (const [i, request] of requests.entries()) {
          asked.length = 0;
          const result = await ds.migration(request);
          // Scored once, on the first; each set of rules after it reads the kept scores.
          expect(scoredAgain(), JSON.stringify(request)).toBe(i === 0 ? 1 : 0);
          expect(cells(result)).toEqual(await fresh(request));
          expect(result.matrix.some((c) => c.customers > 0)).toBe(true);
        }
        // Other options or another earlier date: scored again.
        for (const request of [{ method: 'ntile' } as MigrationRequest, { from: '2023-06-30' }]) {
          asked.length = 0;
          const result = await ds.migration(request);
          expect(scoredAgain(), JSON.stringify(request)).toBe(1);
          expect(cells(result)).toEqual(await fresh(request));
        }
        // New orders: scored again, on them.
        loaded(await ds.load({ name: 'orders.csv', bytes: text(sampleOrdersCsv({ seed: 6, customers: 500 })) }));
        // The kept scores of the old orders are gone with them.
        const kept = (await query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '${MIGRATION_FROM_TABLE}'`)).toArray()[0].n;
        expect(Number(kept)).toBe(0);
        asked.length = 0;
        const after = await ds.migration({ from: '2023-06-30' });
        expect(scoredAgain()).toBe(1);
        expect(cells(after)).toEqual(await fresh({ from: '2023-06-30' }));
      } finally {
        ds.engine.query = query;
      }
    } finally {
      await ds.close();
    }
  });
});

describe.skipIf(!hasSharedData)('segment migration on real data', () => {
  it('R rfm example (rfm_data_orders): 2006-09-30 -> 2006-12-31, vignette segments', async () => {
    loaded(await dataset.load({ name: 'rfm_data_orders.csv', bytes: sharedFile('rfm-r', 'rfm_data_orders.csv') }));
    const result = await migration({ from: '2006-09-30', to: '2006-12-31' });
    expect(result.segments).toEqual([...SEGMENT_PRESETS['rfm-vignette'].map((r) => r.name), 'Others', NOT_YET_A_CUSTOMER]);
    expect(result.totals.customersTo).toBe(995);
    expectSums(result);
    const atFrom = await dataset.segmentSummary({ analysisDate: '2006-09-30' });
    const atTo = await dataset.segmentSummary({ analysisDate: '2006-12-31' });
    expect(result.totals.customersFrom).toBe(atFrom.reduce((a, s) => a + s.customers, 0));
    for (const s of atFrom) {
      expect(result.matrix.filter((c) => c.from_segment === s.segment).reduce((a, c) => a + c.customers, 0)).toBe(s.customers);
    }
    for (const s of atTo) {
      const column = result.matrix.filter((c) => c.to_segment === s.segment);
      expect(column.reduce((a, c) => a + c.customers, 0)).toBe(s.customers);
      expect(column.reduce((a, c) => a + c.revenue_to, 0)).toBeCloseTo(s.revenue, 6);
    }
    const champions = result.matrix.filter((c) => c.from_segment === 'Champions' && c.customers > 0);
    // Of the 32 Champions at 2006-09-30, 8 stay and 24 slip to Potential Loyalist (recency ages).
    expect(champions.map((c) => [c.to_segment, c.customers, c.revenue_to])).toEqual([
      ['Champions', 8, 7640],
      ['Potential Loyalist', 24, 21185],
    ]);
    expect(result.totals).toEqual({ customersFrom: 994, customersTo: 995 });
    console.log(`[migration] rfm-r customersFrom=${result.totals.customersFrom} customersTo=${result.totals.customersTo}`);
    console.log(`[migration] rfm-r Champions row: ${JSON.stringify(champions)}`);
    console.log(`[migration] rfm-r Not-yet row: ${JSON.stringify(result.matrix.filter((c) => c.from_segment === NOT_YET_A_CUSTOMER && c.customers > 0))}`);
  });

  it('CDNOW runs (defaults) and the sums hold', async () => {
    loaded(await dataset.load({ name: 'CDNOW_master.csv', bytes: sharedFile('cdnow', 'CDNOW_master.csv') }));
    const result = await migration();
    expectSums(result);
    expect([result.from, result.to]).toEqual(['1998-04-02', '1998-07-01']);
    // The CDNOW cohort all first bought in early 1997: nobody is "Not yet a customer" in 1998.
    expect(result.totals).toEqual({ customersFrom: 23570, customersTo: 23570 });
    console.log(`[migration] CDNOW ${result.from} -> ${result.to}: ${JSON.stringify(result.totals)}`);
  }, 60_000);
});
