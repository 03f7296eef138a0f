import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CohortOptionsError, monthLabel, monthNumber, type CohortRetention } from '../../src/analytics/cohorts.js';
import { readCohorts } from '../../src/data/cohorts.js';
import { Dataset } from '../../src/data/dataset.js';
import { hasSharedData, SHARED_DATA, sharedFile, text, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';

/**
 * Monthly acquisition cohorts, checked against known answers on a hand-made shop and against
 * an independent recount (in TypeScript, from the raw rows) on the shop and on CDNOW.
 *
 * The shop (end: its last purchase, 2024-04-30):
 * - A buys twice in January only: 100 on 01-05, 50 on 01-20.
 * - B buys 80 on 01-10, skips February, buys 40 on 03-02 and returns 10 on 03-15.
 * - D returns 25 on 2023-12-28, before any purchase (left out: no December cohort), buys 60 on
 *   01-31 and 10 on 02-01: one month apart.
 * - G buys 40 on 01-15 and returns it all on 02-20 (a February cell with revenue, no purchase):
 *   a refund of the first purchase, so no repeat business (it used to count as -40 of repeat
 *   revenue, which can drive the share below 0 or above 1).
 * - E only returns something, in February: no cohort, so February has no new customer.
 * - C buys 30 on 03-01 and 20 on 04-30.
 * - F buys 70 on 04-02 and returns 20 the same day: the first purchase is 50 net, no repeat.
 */
const HAND_SHOP = [
  'order_id,customer_id,order_date,amount',
  '1,A,2024-01-05,100',
  '2,A,2024-01-20,50',
  '3,B,2024-01-10,80',
  '4,B,2024-03-02,40',
  '5,B,2024-03-15,-10',
  '6,C,2024-03-01,30',
  '7,C,2024-04-30,20',
  '8,D,2023-12-28,-25',
  '9,D,2024-01-31,60',
  '10,D,2024-02-01,10',
  '11,E,2024-02-10,-5',
  '12,F,2024-04-02,70',
  '13,F,2024-04-02,-20',
  '14,G,2024-01-15,40',
  '15,G,2024-02-20,-40',
].join('\n');

interface RawOrder {
  customer: string;
  date: string;
  amount: number;
}

/**
 * The cohorts recounted from raw orders by the documented rules, without SQL: a return is a
 * negative amount (the loader's rule when there is no "C" order id). Revenue is net; purchase
 * and repeat revenue are gross (returns left out), the share is repeat ÷ purchase revenue.
 */
function recount(orders: readonly RawOrder[], end: string): Pick<CohortRetention, 'cohorts' | 'cells' | 'overall'> {
  const kept = orders.filter((o) => o.date <= end);
  const first = new Map<string, string>();
  for (const o of kept) {
    if (o.amount >= 0 && (!first.has(o.customer) || o.date < first.get(o.customer)!)) first.set(o.customer, o.date);
  }
  const month = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
  const label = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  const sizes = new Map<number, { customers: number; revenue: number; purchases: number; repeat: number }>();
  for (const f of first.values()) {
    const c = sizes.get(month(f)) ?? { customers: 0, revenue: 0, purchases: 0, repeat: 0 };
    c.customers++;
    sizes.set(month(f), c);
  }
  const cells = new Map<string, { active: Set<string>; revenue: number }>();
  for (const o of kept) {
    const f = first.get(o.customer);
    if (f === undefined || o.date < f) continue;
    const c = sizes.get(month(f))!;
    c.revenue += o.amount;
    if (o.amount >= 0) c.purchases += o.amount;
    if (o.amount >= 0 && o.date > f) c.repeat += o.amount;
    const key = `${month(f)}:${month(o.date) - month(f)}`;
    const cell = cells.get(key) ?? { active: new Set<string>(), revenue: 0 };
    if (o.amount >= 0) cell.active.add(o.customer);
    cell.revenue += o.amount;
    cells.set(key, cell);
  }
  const months = [...sizes.keys()].sort((a, b) => a - b);
  const share = (a: number, b: number) => (b > 0 ? a / b : null);
  const revenue = months.reduce((s, m) => s + sizes.get(m)!.revenue, 0);
  const purchases = months.reduce((s, m) => s + sizes.get(m)!.purchases, 0);
  const repeat = months.reduce((s, m) => s + sizes.get(m)!.repeat, 0);
  return {
    cohorts: months.map((m) => {
      const c = sizes.get(m)!;
      return {
        cohort: label(m),
        customers: c.customers,
        revenue: c.revenue,
        purchaseRevenue: c.purchases,
        repeatRevenue: c.repeat,
        repeatRevenueShare: share(c.repeat, c.purchases),
      };
    }),
    cells: months.flatMap((m) =>
      Array.from({ length: month(end) - m + 1 }, (_, k) => {
        const cell = cells.get(`${m}:${k}`);
        const active = cell?.active.size ?? 0;
        return { cohort: label(m), monthsSince: k, customers: active, revenue: cell?.revenue ?? 0, retention: active / sizes.get(m)!.customers };
      }),
    ),
    overall: { customers: first.size, revenue, purchaseRevenue: purchases, repeatRevenue: repeat, repeatRevenueShare: share(repeat, purchases) },
  };
}

/** Amounts compared to the cent (sums of many decimals differ in the last bits). */
function expectSameCohorts(ours: CohortRetention, theirs: ReturnType<typeof recount>): void {
  const round = <T extends object>(row: T) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v]));
  expect(ours.cohorts.map(round)).toEqual(theirs.cohorts.map(round));
  expect(ours.cells.map(round)).toEqual(theirs.cells.map(round));
  expect(round(ours.overall)).toEqual(round(theirs.overall));
}

function handOrders(): RawOrder[] {
  return HAND_SHOP.split('\n')
    .slice(1)
    .map((line) => {
      const [, customer, date, amount] = line.split(',');
      return { customer: customer!, date: date!, amount: Number(amount) };
    });
}

let dataset: Dataset;
beforeAll(async () => {
  dataset = new Dataset(await withEngine());
});
afterAll(async () => {
  await dataset?.close();
});

describe('month numbers', () => {
  it('label and count months across years', () => {
    expect(monthNumber('2024-01-31')).toBe(2024 * 12);
    expect(monthNumber('2024-02-01') - monthNumber('2024-01-31')).toBe(1);
    expect(monthNumber('1998-01-15') - monthNumber('1997-12-01')).toBe(1);
    expect(monthLabel(monthNumber('1997-12-09'))).toBe('1997-12');
    expect(monthLabel(monthNumber('2024-01-01'))).toBe('2024-01');
  });
});

describe('cohorts on a hand-made shop', () => {
  beforeAll(async () => {
    loaded(await dataset.load({ name: 'cohort-shop.csv', bytes: text(HAND_SHOP) }));
  });

  it('gives the known sizes, revenues and repeat shares', async () => {
    const r = await readCohorts(dataset.engine);
    expect(r.end).toBe('2024-04-30');
    // January, net: A 150, B 80 + 40 - 10, D 60 + 10 (its December return left out), G 40 - 40 = 330.
    // Purchases (gross, returns left out): A 150, B 120, D 70, G 40 = 380; those after the first
    // purchase day: A 50, B 40 (its return of 10 is not repeat business), D 10, G 0 (its refund
    // of the first purchase is not negative repeat business) = 100; share 100 / 380.
    // (Netted, as before, the repeat revenue was 50 - 10 + ... = 50 with G at -40: share 50 / 330.)
    // March: C 50 net and gross, repeat 20, share 0.4. April: F 50 net, 70 gross (its same-day
    // return is part of the first purchase day, not a repeat), repeat 0.
    expect(r.cohorts).toEqual([
      { cohort: '2024-01', customers: 4, revenue: 330, purchaseRevenue: 380, repeatRevenue: 100, repeatRevenueShare: 100 / 380 },
      { cohort: '2024-03', customers: 1, revenue: 50, purchaseRevenue: 50, repeatRevenue: 20, repeatRevenueShare: 0.4 },
      { cohort: '2024-04', customers: 1, revenue: 50, purchaseRevenue: 70, repeatRevenue: 0, repeatRevenueShare: 0 },
    ]);
    expect(r.overall).toEqual({ customers: 6, revenue: 430, purchaseRevenue: 500, repeatRevenue: 120, repeatRevenueShare: 120 / 500 });
    for (const c of [...r.cohorts, r.overall]) {
      expect(c.repeatRevenueShare).toBeGreaterThanOrEqual(0);
      expect(c.repeatRevenueShare).toBeLessThanOrEqual(1);
    }
  });

  it('fills the triangle: every month since the first purchase up to the end, empty ones as zeros', async () => {
    const r = await readCohorts(dataset.engine);
    const cell = (cohort: string, monthsSince: number, customers: number, revenue: number, size: number) => ({
      cohort, monthsSince, customers, revenue, retention: customers / size,
    });
    expect(r.cells).toEqual([
      cell('2024-01', 0, 4, 330, 4), // A, B, D, G; A never comes back
      cell('2024-01', 1, 1, -30, 4), // D buys 10 on 02-01; G's return of 40 is not a purchase
      cell('2024-01', 2, 1, 30, 4), // B: 40 - 10
      cell('2024-01', 3, 0, 0, 4),
      cell('2024-03', 0, 1, 30, 1),
      cell('2024-03', 1, 1, 20, 1),
      cell('2024-04', 0, 1, 50, 1), // F: 70 - 20 on the same day
    ]);
    expectSameCohorts(r, recount(handOrders(), '2024-04-30'));
  });

  it('leaves out the orders after an earlier end', async () => {
    const r = await readCohorts(dataset.engine, { end: '2024-03-10' });
    expect(r.end).toBe('2024-03-10');
    expect(r.cohorts.map((c) => [c.cohort, c.customers, c.revenue, c.repeatRevenue])).toEqual([
      ['2024-01', 4, 340, 100], // B's return of 03-15 is after the end; repeat: A 50, B 40, D 10
      ['2024-03', 1, 30, 0], // C's second purchase, 04-30, is after the end
    ]);
    expectSameCohorts(r, recount(handOrders(), '2024-03-10'));
  });

  it('ends by default on the last purchase, not on a later return (as the CLV summary)', async () => {
    // H buys on 03-10 and returns it on 05-20: the return leaves the triangle ending in March,
    // not May (two trailing months no one could buy in). Loaded last: it replaces the shop.
    const trailing = ['order_id,customer_id,order_date,amount', '1,H,2024-03-10,30', '2,I,2024-02-01,20', '3,H,2024-05-20,-30'].join('\n');
    loaded(await dataset.load({ name: 'cohort-trailing-return.csv', bytes: text(trailing) }));
    const r = await readCohorts(dataset.engine);
    expect(r.end).toBe('2024-03-10');
    expect(r.cells.map((c) => `${c.cohort}+${c.monthsSince}`)).toEqual(['2024-02+0', '2024-02+1', '2024-03+0']);
    expect((await readCohorts(dataset.engine, { end: '2024-05-31' })).cohorts.find((c) => c.cohort === '2024-03')).toMatchObject({
      revenue: 0, // net: bought and returned
      purchaseRevenue: 30,
      repeatRevenue: 0,
      repeatRevenueShare: 0,
    });
  });

  it('rejects a bad end before any SQL runs', async () => {
    await expect(readCohorts(dataset.engine, { end: '31/03/2024' })).rejects.toThrow(CohortOptionsError);
  });
});

describe.skipIf(!hasSharedData)('cohorts on CDNOW (skipped without ../shared/data)', () => {
  it('match a recount of the raw sample rows', async () => {
    loaded(
      await dataset.load(
        { name: 'CDNOW_sample.csv', bytes: sharedFile('cdnow', 'CDNOW_sample.csv') },
        { mapping: { customer_id: 'sample_customer_id', order_date: 'date', amount: 'dollar_value', quantity: 'number_of_cds' } },
      ),
    );
    const r = await readCohorts(dataset.engine);
    const [head, ...lines] = readFileSync(join(SHARED_DATA, 'cdnow', 'CDNOW_sample.csv'), 'utf8').trim().split(/\r?\n/);
    expect(head).toBe('master_customer_id,sample_customer_id,date,number_of_cds,dollar_value');
    const orders = lines.map((line) => {
      const [, customer, date, , amount] = line.split(',');
      return { customer: customer!, date: date!, amount: Number(amount) };
    });
    expect(r.end).toBe('1998-06-30');
    expectSameCohorts(r, recount(orders, '1998-06-30'));
    // CDNOW's customers were all acquired in the first quarter of 1997: three cohorts of 18 months or fewer.
    expect(r.cohorts.map((c) => c.cohort)).toEqual(['1997-01', '1997-02', '1997-03']);
    expect(r.overall.customers).toBe(2357);
    expect(r.cells).toHaveLength(18 + 17 + 16);
    console.log(
      `[cohorts] CDNOW sample: ${r.cohorts.map((c) => `${c.cohort} ${c.customers} (repeat ${(100 * (c.repeatRevenueShare ?? 0)).toFixed(1)}%)`).join(', ')}`,
    );
  });

  it('count every customer of the full CDNOW once (timed, in Node)', async () => {
    loaded(await dataset.load({ name: 'CDNOW_master.csv', bytes: sharedFile('cdnow', 'CDNOW_master.csv') }));
    const started = performance.now();
    const r = await readCohorts(dataset.engine);
    console.log(`[cohorts] CDNOW master: ${(performance.now() - started).toFixed(0)} ms`);
    expect(r.overall.customers).toBe(23_570);
    expect(r.cohorts.reduce((n, c) => n + c.customers, 0)).toBe(23_570);
  });
});
