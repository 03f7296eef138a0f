import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CustomerTypesError,
  deriveWindowDays,
  resolveCustomerTypeOptions,
  resolveParetoOptions,
  WINDOW_FALLBACK_DAYS,
  WINDOW_FLOOR_DAYS,
} from '../../src/analytics/customer-types.js';
import { readCustomerTypes, readPareto, type CustomerTypeRow } from '../../src/data/customer-types.js';
import { Dataset } from '../../src/data/dataset.js';
import { hasSharedData, sharedFile, text, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = new Dataset(await withEngine());
});
afterAll(async () => {
  await dataset.close();
});

async function loadCsv(csv: string, name = 'types.csv'): Promise<void> {
  loaded(await dataset.load({ name, bytes: text(csv) }));
}

function byId(customers: CustomerTypeRow[], id: string): CustomerTypeRow {
  const c = customers.find((x) => x.customer_id === id);
  if (!c) throw new Error(`no customer ${id}`);
  return c;
}

describe('customer type options (pure)', () => {
  it('accepts defaults, a positive whole window and a real ISO date', () => {
    expect(resolveCustomerTypeOptions()).toEqual({ windowDays: null, analysisDate: null });
    expect(resolveCustomerTypeOptions({ windowDays: 90, analysisDate: '2024-02-29' })).toEqual({ windowDays: 90, analysisDate: '2024-02-29' });
  });

  it('rejects bad windows, dates and unknown options', () => {
    for (const windowDays of [0, -3, 1.5, Number.NaN, '30' as unknown as number]) {
      expect(() => resolveCustomerTypeOptions({ windowDays })).toThrow(CustomerTypesError);
    }
    expect(() => resolveCustomerTypeOptions({ windowDays: 0 })).toThrow(/windowDays/);
    expect(() => resolveCustomerTypeOptions({ analysisDate: '2023-02-29' })).toThrow(/not a real calendar date/);
    expect(() => resolveCustomerTypeOptions({ analysisDate: '01/02/2024' })).toThrow(CustomerTypesError);
    expect(() => resolveCustomerTypeOptions({ window: 3 } as never)).toThrow(/Unknown customer types option "window"/);
  });

  it('pareto options: by revenue by default, margin allowed, finite standard', () => {
    expect(resolveParetoOptions()).toEqual({ by: 'revenue', analysisDate: null, standard: null });
    expect(resolveParetoOptions({ by: 'margin', standard: 0 })).toEqual({ by: 'margin', analysisDate: null, standard: 0 });
    expect(() => resolveParetoOptions({ by: 'profit' as never })).toThrow(/by must be one of revenue, margin/);
    expect(() => resolveParetoOptions({ standard: Number.POSITIVE_INFINITY })).toThrow(/standard/);
  });

  it('window rule: ceil of the percentile, floor 30, fallback 365 without repeat customers', () => {
    expect(deriveWindowDays(52)).toBe(52);
    expect(deriveWindowDays(51.2)).toBe(52);
    expect(deriveWindowDays(12)).toBe(WINDOW_FLOOR_DAYS);
    expect(deriveWindowDays(null)).toBe(WINDOW_FALLBACK_DAYS);
    expect([WINDOW_FLOOR_DAYS, WINDOW_FALLBACK_DAYS]).toEqual([30, 365]);
  });
});

/*
 * Hand-made: last order 2024-04-10 (F), so the analysis date is 2024-04-11.
 *   A purchases 01-01, 01-11, 01-31          gaps 10, 20        last 01-31, 71 days
 *   B purchases 01-01, 03-01, 03-01 (same day) gap 60 (0 ignored) last 03-01, 41 days
 *   C purchase  02-01                                            last 02-01, 70 days
 *   D purchase  01-05, return 04-01 (not a purchase)             last 01-05, 97 days
 *   E only a return                                               not a customer
 *   F purchase  04-10                                             last 04-10, 1 day
 * Gaps [10, 20, 60]: 90th percentile (type 7) = 20 + 0.8 * 40 = 52 -> window 52 days.
 */
const TYPES_CSV = `order_id,customer_id,order_date,amount
1,A,2024-01-01,10
2,A,2024-01-11,10
3,A,2024-01-31,10
4,B,2024-01-01,10
5,B,2024-03-01,10
6,B,2024-03-01,15
7,C,2024-02-01,10
8,D,2024-01-05,20
9,D,2024-04-01,-20
10,E,2024-03-15,-5
11,F,2024-04-10,30
`;

describe('customer types on hand-made data', () => {
  beforeAll(async () => {
    await loadCsv(TYPES_CSV);
  });

  it('derives the window from the gaps between purchase dates (52 days) and types customers', async () => {
    const r = await readCustomerTypes(dataset.engine);
    expect(r.analysisDate).toBe('2024-04-11');
    expect(r.windowDerived).toBe(true);
    expect(r.gaps).toEqual({ count: 3, percentile: 52 });
    expect(r.windowDays).toBe(52);
    expect(r.counts).toEqual({ active: 2, inactive: 3, potential: 0 });
    expect(r.customers.map((c) => [c.customer_id, c.type, c.last_order, c.days_since_last])).toEqual([
      ['A', 'inactive', '2024-01-31', 71],
      ['B', 'active', '2024-03-01', 41],
      ['C', 'inactive', '2024-02-01', 70],
      ['D', 'inactive', '2024-01-05', 97],
      ['F', 'active', '2024-04-10', 1],
    ]);
  });

  it('returns are not purchases: D keeps its January date, E (returns only) is no customer', async () => {
    const { customers } = await readCustomerTypes(dataset.engine);
    expect(byId(customers, 'D').last_order).toBe('2024-01-05');
    expect(customers.find((c) => c.customer_id === 'E')).toBeUndefined();
  });

  it('an explicit window: inactive only when MORE than windowDays (C at 70 days is active with 70)', async () => {
    const r = await readCustomerTypes(dataset.engine, { windowDays: 70 });
    expect(r.windowDays).toBe(70);
    expect(r.windowDerived).toBe(false);
    expect(r.counts).toEqual({ active: 3, inactive: 2, potential: 0 });
    expect(byId(r.customers, 'C').type).toBe('active');
    expect(byId(r.customers, 'A').type).toBe('inactive');
  });

  it('an analysis date leaves later orders out', async () => {
    const r = await readCustomerTypes(dataset.engine, { analysisDate: '2024-03-02' });
    expect(r.analysisDate).toBe('2024-03-02');
    expect(r.windowDays).toBe(52);
    expect(r.customers.map((c) => [c.customer_id, c.type, c.days_since_last])).toEqual([
      ['A', 'active', 31],
      ['B', 'active', 1],
      ['C', 'active', 30],
      ['D', 'inactive', 57],
    ]);
    expect(r.counts).toEqual({ active: 3, inactive: 1, potential: 0 });
  });

  it('bad options reject before any SQL', async () => {
    await expect(readCustomerTypes(dataset.engine, { windowDays: -1 })).rejects.toThrow(CustomerTypesError);
    await expect(readCustomerTypes(dataset.engine, { analysisDate: "2024-01-01' OR 1=1" })).rejects.toThrow(CustomerTypesError);
  });

  it('asking for margin when no order has one is an error naming the column', async () => {
    const e = await readPareto(dataset.engine, { by: 'margin' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CustomerTypesError);
    expect((e as Error).message).toMatch(/"margin" column/);
  });
});

describe('window fallback and floor on hand-made data', () => {
  it('no repeat customers: the 365-day fallback', async () => {
    await loadCsv(`order_id,customer_id,order_date,amount\n1,A,2024-01-01,10\n2,B,2023-01-01,10\n3,C,2024-06-01,10\n`);
    const r = await readCustomerTypes(dataset.engine);
    expect(r.gaps).toEqual({ count: 0, percentile: null });
    expect(r.windowDays).toBe(365);
    // As of 2024-06-02: A 153 days, B 518 days (inactive), C 1 day.
    expect(r.counts).toEqual({ active: 2, inactive: 1, potential: 0 });
  });

  it('short gaps: the 30-day floor', async () => {
    await loadCsv(`order_id,customer_id,order_date,amount\n1,A,2024-01-01,10\n2,A,2024-01-03,10\n3,B,2024-01-10,10\n4,B,2024-01-15,10\n`);
    const r = await readCustomerTypes(dataset.engine);
    // gaps [2, 5]: 90th percentile 4.7 -> 5 -> floor 30.
    expect(r.gaps.percentile).toBeCloseTo(4.7, 9);
    expect(r.windowDays).toBe(30);
  });
});

/*
 * Pareto, by hand. Net revenue: C1 30 + 30 - 10 (return) = 50, C2 20, C3 15, C4 10, C5 5;
 * total 100; C6 has only a return and is no customer.
 *   top 20% = 1 customer = 50 / 100 = 0.5;  p = 10 -> k = 0.5 -> 25 / 100 = 0.25;
 *   p = 50 -> k = 2.5 -> (70 + 7.5) / 100 = 0.775.
 *   Gini: ascending 5, 10, 15, 20, 50: sum i*x = 400; 2*400/(5*100) - 6/5 = 0.4.
 * Margin: C1 3 + 3 - 1 = 5, C2 8, C3 4, C4 2, C5 1; total 20.
 *   top 20% = C2 = 8 / 20 = 0.4; Gini: ascending 1, 2, 4, 5, 8: sum i*x = 77; 154/100 - 1.2 = 0.34.
 */
const PARETO_CSV = `order_id,customer_id,order_date,amount,margin
1,C1,2024-01-01,30,3
2,C1,2024-02-01,30,3
3,C1,2024-02-10,-10,-1
4,C2,2024-01-05,20,8
5,C3,2024-01-06,15,4
6,C4,2024-01-07,10,2
7,C5,2024-01-08,5,1
8,C6,2024-01-09,-5,-1
`;

describe('pareto on hand-made data', () => {
  beforeAll(async () => {
    await loadCsv(PARETO_CSV, 'pareto.csv');
  });

  it('revenue: top-20% share 0.5, Gini 0.4, the curve by percentile', async () => {
    const r = await readPareto(dataset.engine);
    expect(r.by).toBe('revenue');
    expect(r.analysisDate).toBe('2024-02-11');
    expect(r.customers).toBe(5);
    expect(r.totalValue).toBeCloseTo(100, 9);
    expect(r.top20Share).toBeCloseTo(0.5, 9);
    expect(r.gini).toBeCloseTo(0.4, 9);
    expect(r.points).toHaveLength(101);
    const at = (p: number) => r.points[p]?.share_of_value;
    expect(r.points[0]).toEqual({ p: 0, share_of_customers: 0, share_of_value: 0 });
    expect(at(10)).toBeCloseTo(0.25, 9);
    expect(at(40)).toBeCloseTo(0.7, 9);
    expect(at(50)).toBeCloseTo(0.775, 9);
    expect(at(100)).toBeCloseTo(1, 9);
    expect(r.standard).toBeNull();
    expect(r.below).toBeNull();
    expect(r.belowCustomers).toEqual([]);
  });

  it('margin ranks differently: top-20% share 0.4, Gini 0.34', async () => {
    const r = await readPareto(dataset.engine, { by: 'margin' });
    expect(r.by).toBe('margin');
    expect(r.totalValue).toBeCloseTo(20, 9);
    expect(r.top20Share).toBeCloseTo(0.4, 9);
    expect(r.gini).toBeCloseTo(0.34, 9);
    expect(r.points[40]?.share_of_value).toBeCloseTo(13 / 20, 9);
  });

  it('flags customers strictly below the standard', async () => {
    const r = await readPareto(dataset.engine, { standard: 15 });
    expect(r.standard).toBe(15);
    expect(r.below).toBe(2);
    expect(r.belowShareOfValue).toBeCloseTo(0.15, 9);
    expect(r.belowCustomers).toEqual([
      { customer_id: 'C5', value: 5 },
      { customer_id: 'C4', value: 10 },
    ]);
    const m = await readPareto(dataset.engine, { by: 'margin', standard: 4.5 });
    expect(m.below).toBe(3);
    expect(m.belowShareOfValue).toBeCloseTo(7 / 20, 9);
    expect(m.belowCustomers.map((c) => c.customer_id)).toEqual(['C5', 'C4', 'C3']);
  });

  it('an analysis date leaves later orders out (C1 without its February orders)', async () => {
    const r = await readPareto(dataset.engine, { analysisDate: '2024-01-31' });
    // C1 30, C2 20, C3 15, C4 10, C5 5: total 80, top 20% = 30 / 80.
    expect(r.totalValue).toBeCloseTo(80, 9);
    expect(r.top20Share).toBeCloseTo(30 / 80, 9);
  });
});

/** Ties: customers of equal value take their ranks in any order (see paretoCtes); the curve and the Gini must not depend on which. */
const TIED = [10, 10, 10, 5, 5, 5, 5, 1, 1, 0.5, 0.5, 0.5, 0.5];

describe('pareto with customers of equal value', () => {
  beforeAll(async () => {
    const lines = TIED.map((v, i) => `${i + 1},T${String(TIED.length - i).padStart(2, '0')},2024-03-0${1 + (i % 5)},${v}`);
    await loadCsv(`order_id,customer_id,order_date,amount\n${lines.join('\n')}\n`, 'tied.csv');
  });

  it('the curve and the Gini are those of the values alone, the same on every read', async () => {
    const desc = [...TIED].sort((a, b) => b - a);
    const n = desc.length;
    const total = desc.reduce((t, v) => t + v, 0);
    const cum = (m: number) => desc.slice(0, m).reduce((t, v) => t + v, 0);
    const ascending = [...desc].reverse();
    const gini = (2 * ascending.reduce((t, v, i) => t + (i + 1) * v, 0)) / (n * total) - (n + 1) / n;
    const first = await readPareto(dataset.engine);
    expect(first.customers).toBe(n);
    expect(first.gini).toBeCloseTo(gini, 12);
    for (const point of first.points) {
      const k = (point.p * n) / 100;
      const m = Math.floor(k);
      expect(point.share_of_value, `p = ${point.p}`).toBeCloseTo((cum(m) + (k - m) * (desc[m] ?? 0)) / total, 12);
    }
    for (let i = 0; i < 3; i++) expect(await readPareto(dataset.engine)).toEqual(first);
  });
});

describe.skipIf(!hasSharedData)('CDNOW (cdnow/CDNOW_master.csv)', () => {
  beforeAll(async () => {
    loaded(await dataset.load({ name: 'CDNOW_master.csv', bytes: sharedFile('cdnow', 'CDNOW_master.csv') }));
  }, 120_000);

  it('customer types run with a derived window', async () => {
    const r = await readCustomerTypes(dataset.engine);
    expect(r.analysisDate).toBe('1998-07-01');
    expect(r.windowDerived).toBe(true);
    expect(Number.isInteger(r.windowDays) && r.windowDays >= 30).toBe(true);
    expect(r.counts.active + r.counts.inactive).toBe(r.customers.length);
    expect(r.customers.length).toBe(23_570);
    console.log(`[CDNOW] window ${r.windowDays} days (p90 gap ${r.gaps.percentile} over ${r.gaps.count} gaps); active ${r.counts.active}, inactive ${r.counts.inactive}`);
  });

  it('pareto runs, shares in [0, 1], the curve is monotone', async () => {
    const r = await readPareto(dataset.engine, { standard: 20 });
    expect(r.points).toHaveLength(101);
    let previous = -Infinity;
    for (const p of r.points) {
      expect(p.share_of_value).not.toBeNull();
      const v = p.share_of_value as number;
      expect(v).toBeGreaterThanOrEqual(-1e-12);
      expect(v).toBeLessThanOrEqual(1 + 1e-12);
      expect(v).toBeGreaterThanOrEqual(previous - 1e-12);
      previous = v;
    }
    for (const v of [r.top20Share, r.gini, r.belowShareOfValue]) {
      expect(v).not.toBeNull();
      expect(v as number).toBeGreaterThanOrEqual(0);
      expect(v as number).toBeLessThanOrEqual(1);
    }
    expect(r.belowCustomers.length).toBeLessThanOrEqual(1000);
    console.log(`[CDNOW] top-20% share ${r.top20Share}, Gini ${r.gini}; below 20: ${r.below} customers, ${r.belowShareOfValue} of revenue`);
  });
});
