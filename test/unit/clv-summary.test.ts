import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClvOptionsError } from '../../src/analytics/clv/holdout.js';
import { readClvHoldout, readClvSummary } from '../../src/data/clv.js';
import { Dataset } from '../../src/data/dataset.js';
import { hasSharedData, SHARED_DATA, sharedFile, text, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';
import { loadCdnowSample } from '../helpers/cdnow.js';

/**
 * The lifetimes-style purchase summary (frequency, recency, T, monetary value) and its
 * calibration/holdout split, on a shop worked out by hand and on CDNOW, where it must reproduce
 * Fader and Hardie's published weekly summary.
 *
 * The hand shop, observation end 2024-01-31 unless said otherwise:
 * - A buys 15 on 01-01 (two orders: one purchase day), 20 on 01-08, 30 on 01-15, returns 30 on
 *   01-20 (not a purchase, not in the values), buys 20 on 01-25 (two orders).
 *   Days: frequency 3, recency 24, T 30, monetary (20 + 30 + 20) / 3.
 * - B buys once, on 01-10: frequency 0, recency 0, T 21, monetary 0.
 * - C only returns something: no row.
 * - D buys on 02-05, after the end: no row (a row with T 0 when the end is the last purchase).
 * - E buys 50 on 01-02, 0 on 01-03 (a $0 order is a purchase), 25 on 01-29:
 *   frequency 2, recency 27, T 29, monetary 12.5.
 */
const HAND_SHOP = [
  'order_id,customer_id,order_date,amount',
  '1,A,2024-01-01,10',
  '2,A,2024-01-01,5',
  '3,A,2024-01-08,20',
  '4,A,2024-01-15,30',
  '5,A,2024-01-20,-30',
  '6,A,2024-01-25,12',
  '7,A,2024-01-25,8',
  '8,B,2024-01-10,40',
  '9,C,2024-01-12,-15',
  '10,D,2024-02-05,60',
  '11,E,2024-01-02,50',
  '12,E,2024-01-03,0',
  '13,E,2024-01-29,25',
].join('\n');

let dataset: Dataset;
beforeAll(async () => {
  dataset = new Dataset(await withEngine());
});
afterAll(async () => {
  await dataset?.close();
});

const byId = <R extends { customerId: string }>(rows: readonly R[]) => Object.fromEntries(rows.map((r) => [r.customerId, r]));

describe('CLV summary on a hand-made shop', () => {
  beforeAll(async () => {
    const report = loaded(await dataset.load({ name: 'clv-shop.csv', bytes: text(HAND_SHOP) }));
    expect(report.returns.orders).toBe(2);
  });

  it('counts purchase days, ages and repeat value in days', async () => {
    const s = await readClvSummary(dataset.engine, { observationEnd: '2024-01-31' });
    expect(s).toMatchObject({ period: 'day', observationEnd: '2024-01-31' });
    expect(s.customers.map((c) => c.customerId)).toEqual(['A', 'B', 'E']);
    const c = byId(s.customers);
    expect(c.A).toEqual({ customerId: 'A', frequency: 3, recency: 24, T: 30, monetaryValue: expect.closeTo(70 / 3, 10) });
    expect(c.B).toEqual({ customerId: 'B', frequency: 0, recency: 0, T: 21, monetaryValue: 0 });
    expect(c.E).toEqual({ customerId: 'E', frequency: 2, recency: 27, T: 29, monetaryValue: 12.5 });
  });

  it('in weeks, counts the same purchase days and divides the ages by 7', async () => {
    const s = await readClvSummary(dataset.engine, { period: 'week', observationEnd: '2024-01-31' });
    const c = byId(s.customers);
    expect(c.A).toMatchObject({ frequency: 3, recency: expect.closeTo(24 / 7, 10), T: expect.closeTo(30 / 7, 10) });
    expect(c.E).toMatchObject({ frequency: 2, recency: expect.closeTo(27 / 7, 10), T: expect.closeTo(29 / 7, 10), monetaryValue: 12.5 });
  });

  it('ends the observation at the last purchase by default', async () => {
    const s = await readClvSummary(dataset.engine);
    expect(s.observationEnd).toBe('2024-02-05');
    const c = byId(s.customers);
    expect(Object.keys(c)).toEqual(['A', 'B', 'D', 'E']);
    expect(c.D).toEqual({ customerId: 'D', frequency: 0, recency: 0, T: 0, monetaryValue: 0 });
    expect(c.A?.T).toBe(35);
  });

  it('splits calibration and holdout: the summary at the calibration end, then purchase days after it', async () => {
    // Calibration to 01-15. A: 01-01, 01-08, 01-15 -> frequency 2, recency 14, T 14, monetary 25;
    // holdout: 01-25 only (the return is not a purchase) -> 1 day of 20. B: T 5, no holdout.
    // E: 01-02, 01-03 -> frequency 1, recency 1, T 13, monetary 0; holdout 01-29 -> 1 day of 25.
    // D is born in the holdout: no row. Holdout (01-15, 01-31]: 16 days.
    const h = await readClvHoldout(dataset.engine, { calibrationEnd: '2024-01-15', observationEnd: '2024-01-31' });
    expect(h).toMatchObject({ period: 'day', calibrationEnd: '2024-01-15', observationEnd: '2024-01-31', durationHoldout: 16 });
    const c = byId(h.customers);
    expect(Object.keys(c)).toEqual(['A', 'B', 'E']);
    expect(c.A).toEqual({
      customerId: 'A', frequency: 2, recency: 14, T: 14, monetaryValue: 25,
      frequencyHoldout: 1, monetaryValueHoldout: 20, durationHoldout: 16,
    });
    expect(c.B).toEqual({
      customerId: 'B', frequency: 0, recency: 0, T: 5, monetaryValue: 0,
      frequencyHoldout: 0, monetaryValueHoldout: 0, durationHoldout: 16,
    });
    expect(c.E).toEqual({
      customerId: 'E', frequency: 1, recency: 1, T: 13, monetaryValue: 0,
      frequencyHoldout: 1, monetaryValueHoldout: 25, durationHoldout: 16,
    });
    const weeks = await readClvHoldout(dataset.engine, { period: 'week', calibrationEnd: '2024-01-15' });
    expect(weeks.observationEnd).toBe('2024-02-05');
    expect(weeks.durationHoldout).toBeCloseTo(21 / 7, 10);
    expect(weeks.customers.every((r) => Math.abs(r.durationHoldout - 3) < 1e-9)).toBe(true);
    expect(byId(weeks.customers).A).toMatchObject({ recency: 2, T: 2, frequencyHoldout: 1 });
  });

  it('rejects bad options before any SQL runs', async () => {
    await expect(readClvSummary(dataset.engine, { period: 'month' as never })).rejects.toThrow(ClvOptionsError);
    await expect(readClvSummary(dataset.engine, { observationEnd: '2024-02-30' })).rejects.toThrow(/observationEnd is not a real calendar date/);
    await expect(readClvHoldout(dataset.engine, { calibrationEnd: '2024-01-31', observationEnd: '2024-01-31' })).rejects.toThrow(
      /calibrationEnd \(2024-01-31\) must be before observationEnd \(2024-01-31\)/,
    );
    // The default end (the last purchase, 02-05) is not after this calibration end either.
    await expect(readClvHoldout(dataset.engine, { calibrationEnd: '2024-03-01' })).rejects.toThrow(ClvOptionsError);
  });
});

/** A CSV's rows as records (no quoted fields in these files). */
function csvRecords(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(SHARED_DATA, path), 'utf8').trim().split(/\r?\n/);
  const names = head!.split(',');
  return lines.map((line) => {
    const values = line.split(',');
    return Object.fromEntries(names.map((n, i) => [n, values[i]!]));
  });
}

/** Per customer: purchase-day totals, from the raw CDNOW rows (none of them is a return). */
function purchaseDays(rows: readonly Record<string, string>[], id: string, from: string, to: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const day = r.date!;
    if (day <= from || day > to) continue;
    const days = out.get(r[id]!) ?? new Map<string, number>();
    days.set(day, (days.get(day) ?? 0) + Number(r.dollar_value));
    out.set(r[id]!, days);
  }
  return out;
}


describe.skipIf(!hasSharedData)('CLV summary on CDNOW (skipped without ../shared/data)', () => {
  it('reproduces the published weekly summary of the sample, calibration to 1997-09-30', async () => {
    // The published ID is the sample id: customer 1 (master 4) bought on 01-01, 01-18, 08-02
    // in calibration, x = 2, t_x = 213 / 7 = 30.43.
    await loadCdnowSample(dataset);
    const started = performance.now();
    const s = await readClvSummary(dataset.engine, { period: 'week', observationEnd: '1997-09-30' });
    console.log(`[clv] CDNOW sample weekly summary: ${(performance.now() - started).toFixed(0)} ms`);
    const published = csvRecords('cdnow/cdnow_customers_summary_with_transactions.csv');
    expect(published).toHaveLength(2357);
    expect(s.customers).toHaveLength(2357);
    expect(s.customers.filter((c) => c.frequency > 0)).toHaveLength(946);
    const ours = byId(s.customers);
    const off: string[] = [];
    for (const p of published) {
      const c = ours[p.ID!];
      const close = (a: number | undefined, b: string) => a !== undefined && Math.abs(a - Number(b)) <= 0.01;
      if (!c || c.frequency !== Number(p.x) || !close(c.recency, p.t_x!) || !close(c.T, p.T!) || !close(c.monetaryValue, p.zbar!)) {
        off.push(`${p.ID}: published ${p.x} ${p.t_x} ${p.T} ${p.zbar}, ours ${JSON.stringify(c)}`);
      }
    }
    expect(off).toEqual([]);
    // The summary without spend, published separately, agrees too.
    const plain = csvRecords('cdnow/cdnow_customers_summary.csv');
    expect(plain).toHaveLength(2357);
    expect(plain.filter((p) => ours[p.ID!]?.frequency !== Number(p.frequency) || Math.abs(ours[p.ID!]!.recency - Number(p.recency)) > 0.01)).toEqual([]);
  });

  it('counts the sample holdout (1997-09-30, 1998-06-30] as a recount of the raw rows does', async () => {
    const h = await readClvHoldout(dataset.engine, { period: 'week', calibrationEnd: '1997-09-30', observationEnd: '1998-06-30' });
    expect(h.durationHoldout).toBe(39); // 273 days
    const rows = csvRecords('cdnow/CDNOW_sample.csv');
    const calibration = purchaseDays(rows, 'sample_customer_id', '0000-00-00', '1997-09-30');
    const holdout = purchaseDays(rows, 'sample_customer_id', '1997-09-30', '1998-06-30');
    expect(h.customers).toHaveLength(calibration.size);
    let repeatInHoldout = 0;
    for (const c of h.customers) {
      const days = holdout.get(c.customerId);
      const values = days ? [...days.values()] : [];
      expect(c.frequencyHoldout, c.customerId).toBe(values.length);
      expect(c.monetaryValueHoldout).toBeCloseTo(values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0, 9);
      expect(c.durationHoldout).toBe(39);
      if (values.length > 0) repeatInHoldout++;
    }
    const total = h.customers.reduce((n, c) => n + c.frequencyHoldout, 0);
    expect(total).toBe([...holdout.values()].reduce((n, d) => n + d.size, 0));
    console.log(`[clv] CDNOW sample holdout: ${total} purchase days of ${repeatInHoldout} customers`);
    // The calibration side is the summary as of the calibration end.
    const s = await readClvSummary(dataset.engine, { period: 'week', observationEnd: '1997-09-30' });
    expect(h.customers.map(({ customerId, frequency, recency, T, monetaryValue }) => ({ customerId, frequency, recency, T, monetaryValue }))).toEqual(
      s.customers,
    );
  });

  it('summarises the full CDNOW (23,570 customers) in Node, as a recount does', async () => {
    loaded(await dataset.load({ name: 'CDNOW_master.csv', bytes: sharedFile('cdnow', 'CDNOW_master.csv') }));
    let started = performance.now();
    const s = await readClvSummary(dataset.engine, { period: 'week' });
    const summaryMs = performance.now() - started;
    started = performance.now();
    const h = await readClvHoldout(dataset.engine, { period: 'week', calibrationEnd: '1997-09-30' });
    const holdoutMs = performance.now() - started;
    console.log(`[clv] CDNOW master: weekly summary ${summaryMs.toFixed(0)} ms, calibration/holdout ${holdoutMs.toFixed(0)} ms`);
    expect(s.observationEnd).toBe('1998-06-30');
    expect(s.customers).toHaveLength(23_570);
    const days = purchaseDays(csvRecords('cdnow/CDNOW_master.csv'), 'customer_id', '0000-00-00', '1998-06-30');
    expect(s.customers.reduce((n, c) => n + c.frequency, 0)).toBe([...days.values()].reduce((n, d) => n + d.size - 1, 0));
    expect(h.customers).toHaveLength(23_570); // every CDNOW customer was acquired in the first quarter of 1997
  });
});
