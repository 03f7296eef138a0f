import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inferReviewScale, scoreStat, tQuantile, welchInterval } from '../../src/analytics/delivery.js';
import { main } from '../../src/cli/main.js';
import { Dataset } from '../../src/data/dataset.js';
import { decideMapping, type ColumnProfile } from '../../src/data/ingest/detect-mapping.js';
import { generateSampleOrders, sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { SHARED_DATA, hasSharedData, sharedFile, text, withEngine } from '../helpers/engine.js';
import { expectAccounting, loaded, rows } from '../helpers/ingest.js';

/**
 * Hand-made orders (numeric ids: "C"+digit would be a cancellation). Line numbers are file lines.
 *   on time: 1 (a day early, 5), 2 (the promised day, later that day, 4), 7 (early, 5)
 *   late:    3 (+3 days, 2), 4 (+6, 1), 5 (+1, 3)
 *   6: promised, not delivered; 8: no dates, a score only
 */
const ORDERS = [
  'order_id,customer_id,order_date,amount,promised_date,delivered_date,review_score',
  '1,A,2024-01-02,10,2024-01-10,2024-01-09,5',
  '2,B,2024-01-03,10,2024-01-10,2024-01-10 18:30:00,4',
  '3,C,2024-01-05,10,2024-01-12,2024-01-15,2',
  '4,D,2024-01-06,10,2024-01-14,2024-01-20,1',
  '5,E,2024-02-01,10,2024-02-08,2024-02-09,3',
  '6,F,2024-02-02,10,2024-02-09,,',
  '7,G,2024-02-03,10,2024-02-10,2024-02-08,5',
  '8,H,2024-02-04,10,,,4',
].join('\n');

// Hand computation (t quantiles from scipy.stats.t.ppf):
//   on time 5,4,5: mean 14/3, sd sqrt(1/3); late 2,1,3: mean 2, sd 1; n 3 each.
//   t(0.975, 2) = 4.302652729749462; half widths 4.30265 * sd / sqrt(3).
//   Welch: se^2 = 1/9 + 1/3 = 4/9, df = (4/9)^2 / ((1/9)^2/2 + (1/3)^2/2) = 3.2,
//   t(0.975, 3.2) = 3.0728289297131623, half width 3.07283 * 2/3.
const T2 = 4.302652729749462;
const T32 = 3.0728289297131623;

describe('operational gap: statistics', () => {
  it('t quantiles match published values', () => {
    expect(tQuantile(0.975, 2)).toBeCloseTo(T2, 8);
    expect(tQuantile(0.975, 3.2)).toBeCloseTo(T32, 8);
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 8);
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 5);
    expect(tQuantile(0.025, 10)).toBeCloseTo(-2.228138851986274, 8);
  });

  it('mean CI and Welch interval by hand; null bounds below n = 2', () => {
    const onTime = scoreStat(3, 14 / 3, Math.sqrt(1 / 3));
    expect(onTime.ciLow).toBeCloseTo(14 / 3 - (T2 * Math.sqrt(1 / 3)) / Math.sqrt(3), 9);
    const late = scoreStat(3, 2, 1);
    const w = welchInterval(onTime, late)!;
    expect(w.df).toBeCloseTo(3.2, 9);
    expect(w.low).toBeCloseTo(2 - 14 / 3 - T32 * (2 / 3), 8);
    expect(w.high).toBeCloseTo(2 - 14 / 3 + T32 * (2 / 3), 8);
    expect(scoreStat(1, 4, null)).toEqual({ n: 1, mean: 4, sd: null, ciLow: null, ciHigh: null });
    expect(welchInterval(scoreStat(1, 4, null), late)).toBeNull();
  });

  it('infers the review scale from the largest score', () => {
    expect(inferReviewScale({ min: 1, max: 5 })).toEqual({ min: 1, max: 5 });
    expect(inferReviewScale({ min: 2, max: 9 })).toEqual({ min: 1, max: 10 });
    expect(inferReviewScale({ min: 0, max: 10 })).toEqual({ min: 0, max: 10 });
  });
});

describe('operational gap: hand-made orders', () => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = new Dataset(await withEngine());
  });
  afterAll(async () => {
    await dataset?.close();
  });

  it('is null before any load, and when the orders have no delivery dates', async () => {
    expect(await dataset.deliveryGap()).toBeNull();
    loaded(await dataset.load({ name: 'plain.csv', bytes: text('order_id,customer_id,order_date,amount\n1,A,2024-01-01,10\n2,B,2024-01-02,20\n') }));
    expect(await dataset.deliveryGap()).toBeNull();
    // Promised dates but nothing delivered yet: still no gap to measure.
    loaded(await dataset.load({ name: 'pending.csv', bytes: text('order_id,customer_id,order_date,amount,promised_date,delivered_date\n1,A,2024-01-01,10,2024-01-05,\n') }));
    expect(await dataset.deliveryGap()).toBeNull();
  });

  it('finds the three roles from their headers, adds them to orders, and counts on time, late and undelivered', async () => {
    const report = loaded(await dataset.load({ name: 'orders.csv', bytes: text(ORDERS) }));
    await expectAccounting(dataset.engine, report);
    expect(report.mapping).toMatchObject({ promised_date: 'promised_date', delivered_date: 'delivered_date', review_score: 'review_score' });
    expect(report.rowsRejected).toBe(0);
    const stored = await rows<{ order_id: string; p: string | null; d: string | null; review_score: number | null }>(
      dataset.engine,
      'SELECT order_id, CAST(promised_date AS VARCHAR) AS p, CAST(delivered_date AS VARCHAR) AS d, review_score FROM orders WHERE order_id IN (\'2\', \'6\') ORDER BY order_id',
    );
    expect(stored).toEqual([
      { order_id: '2', p: '2024-01-10', d: '2024-01-10', review_score: 4 },
      { order_id: '6', p: '2024-02-09', d: null, review_score: null },
    ]);

    const g = (await dataset.deliveryGap())!;
    expect(g).toMatchObject({ delivered: 6, onTime: 3, late: 3, onTimeShare: 0.5, undelivered: 1, unreadable: { delivered: 0, promised: 0, reviews: 0 } });
    // Late by 3, 6 and 1 days; p90 interpolated between 3 and 6: 3 + 0.8 * 3.
    expect(g.daysLate!.mean).toBeCloseTo(10 / 3, 12);
    expect(g.daysLate).toMatchObject({ median: 3, max: 6 });
    expect(g.daysLate!.p90).toBeCloseTo(5.4, 12);
    expect(g.byMonth).toEqual([
      { month: '2024-01', delivered: 4, late: 2, onTimeShare: 0.5 },
      { month: '2024-02', delivered: 2, late: 1, onTimeShare: 0.5 },
    ]);

    const s = g.satisfaction!;
    expect(s.scale).toEqual({ min: 1, max: 5 });
    expect(s.onTime.n).toBe(3);
    expect(s.onTime.mean).toBeCloseTo(14 / 3, 12);
    expect(s.onTime.sd).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(s.onTime.ciLow).toBeCloseTo(14 / 3 - T2 / 3, 8);
    expect(s.onTime.ciHigh).toBeCloseTo(14 / 3 + T2 / 3, 8);
    expect(s.late).toMatchObject({ n: 3, mean: 2, sd: 1 });
    expect(s.late.ciLow).toBeCloseTo(2 - T2 / Math.sqrt(3), 8);
    expect(s.late.ciHigh).toBeCloseTo(2 + T2 / Math.sqrt(3), 8);
    expect(s.gap).toBeCloseTo(2 - 14 / 3, 12);
    expect(s.ciLow).toBeCloseTo(2 - 14 / 3 - (2 * T32) / 3, 8);
    expect(s.ciHigh).toBeCloseTo(2 - 14 / 3 + (2 * T32) / 3, 8);
    expect(g.messages.join('\n')).toMatch(/1-5 scale/);
  });

  it('several lines of one order: the latest dates, the mean score', async () => {
    const csv = [
      'order_id,customer_id,order_date,amount,promised_date,delivered_date,review_score',
      '10,A,2024-03-01,5,2024-03-05,2024-03-04,4',
      '10,A,2024-03-01,5,2024-03-06,2024-03-08,2',
      '11,B,2024-03-02,5,2024-03-07,2024-03-07,5',
    ].join('\n');
    loaded(await dataset.load({ name: 'lines.csv', bytes: text(csv) }));
    const g = (await dataset.deliveryGap())!;
    expect(g).toMatchObject({ delivered: 2, onTime: 1, late: 1, daysLate: { mean: 2, median: 2, p90: 2, max: 2 } });
    expect(g.satisfaction).toMatchObject({ late: { n: 1, mean: 3, sd: null, ciLow: null }, onTime: { n: 1, mean: 5 }, gap: -2, ciLow: null, ciHigh: null });
  });

  it('unreadable delivery dates and scores are left empty, never reject a purchase: a warning per column with count, first line and value; day/month follows the order date', async () => {
    const csv = [
      'order_id;customer_id;order_date;amount;Estimated Delivery Date;Delivery Date;Rating',
      '1;A;25/01/2024;10;30/01/2024;29/01/2024;5', // line 2: fine, day-first like the order date
      '2;B;26/01/2024;10;soon;29/01/2024;4', // line 3
      '3;C;27/01/2024;10;02/02/2024;31/02/2024;4', // line 4: no 31 February
      '4;D;28/01/2024;10;03/02/2024;04/02/2024;five', // line 5
      '5;E;29/01/2024;10;03/02/2024;05/02/2024;', // line 6: fine, late, no score
      '6;F;30/01/2024;10;pending;not delivered;N/A', // line 7
    ].join('\n');
    const report = loaded(await dataset.load({ name: 'deliveries.csv', bytes: text(csv) }));
    await expectAccounting(dataset.engine, report);
    expect(report.mapping).toMatchObject({ promised_date: 'Estimated Delivery Date', delivered_date: 'Delivery Date', review_score: 'Rating' });
    expect(report.dateOrder).toBe('dmy');
    expect(report).toMatchObject({ rowsRead: 6, rowsLoaded: 6, rowsRejected: 0, rejectedByReason: {}, orders: 6 });
    expect(report.warnings).toEqual(expect.arrayContaining([
      '2 values of "Estimated Delivery Date" are not dates (first: line 3, "soon"); they were left empty.',
      '2 values of "Delivery Date" are not dates (first: line 4, "31/02/2024"); they were left empty.',
      '2 values of "Rating" are not numbers (first: line 5, "five"); they were left empty.',
    ]));
    expect(await rows(dataset.engine, `SELECT order_id, CAST(promised_date AS VARCHAR) AS p, CAST(delivered_date AS VARCHAR) AS d, review_score AS s
      FROM orders WHERE order_id IN ('2', '3', '4', '6') ORDER BY order_id`)).toEqual([
      { order_id: '2', p: null, d: '2024-01-29', s: 4 },
      { order_id: '3', p: '2024-02-02', d: null, s: 4 },
      { order_id: '4', p: '2024-02-03', d: '2024-02-04', s: null },
      { order_id: '6', p: null, d: null, s: null },
    ]);
    const g = (await dataset.deliveryGap())!;
    expect(g).toMatchObject({ delivered: 3, onTime: 1, late: 2, daysLate: { max: 2 } });
  });

  it('a delivery date or score that cannot be read is counted as unreadable, not as undelivered (review of issue 5)', async () => {
    const csv = [
      'order_id,customer_id,order_date,amount,promised_date,delivered_date,review_score',
      '1,A,2024-01-02,10,2024-01-10,2024-01-09,5', // on time
      '2,B,2024-01-03,10,2024-01-10,2024-01-12,2', // late
      '3,C,2024-01-04,10,2024-01-11,2024-13-45,4', // a typo: unreadable, not undelivered
      '4,D,2024-01-05,10,2024-01-12,,3', // not delivered
      '5,E,2024-01-06,10,someday,2024-01-13,five', // promised date and score unreadable
    ].join('\n');
    const report = loaded(await dataset.load({ name: 'typos.csv', bytes: text(csv) }));
    await expectAccounting(dataset.engine, report);
    expect(await rows(dataset.engine, `SELECT order_id, promised_unreadable AS p, delivered_unreadable AS d, review_unreadable AS s FROM orders ORDER BY order_id`)).toEqual([
      { order_id: '1', p: false, d: false, s: false },
      { order_id: '2', p: false, d: false, s: false },
      { order_id: '3', p: false, d: true, s: false },
      { order_id: '4', p: false, d: false, s: false },
      { order_id: '5', p: true, d: false, s: true },
    ]);
    const g = (await dataset.deliveryGap())!;
    expect(g).toMatchObject({ delivered: 2, onTime: 1, late: 1, undelivered: 1, unreadable: { delivered: 1, promised: 1, reviews: 1 } });
    const text_ = g.messages.join('\n');
    expect(text_).toContain('1 order with a promised date has no delivery date (not delivered, or not yet)');
    expect(text_).toContain("1 order with a promised date has a delivery date that could not be read (see the load's warnings): not counted as delivered, undelivered, on time or late.");
    expect(text_).toContain("1 delivered order has a promised date that could not be read");
    expect(text_).toContain("1 order's review score is not a number");

    // Review scores mapped, every one unreadable: said so, not "the orders carry no review score".
    const bad = [
      'order_id,customer_id,order_date,amount,promised_date,delivered_date,review_score',
      '1,A,2024-01-02,10,2024-01-10,2024-01-09,five',
      '2,B,2024-01-03,10,2024-01-10,2024-01-12,great',
    ].join('\n');
    const mapped = loaded(await dataset.load({ name: 'scores.csv', bytes: text(bad) }, { mapping: { review_score: 'review_score' } }));
    expect(mapped.mapping.review_score).toBe('review_score');
    const h = (await dataset.deliveryGap())!;
    expect(h.satisfaction).toBeNull();
    expect(h.unreadable).toEqual({ delivered: 0, promised: 0, reviews: 2 });
    expect(h.messages.join('\n')).toContain("None of the orders' review scores could be read (2 are not numbers; see the load's warnings)");
    expect(h.messages.join('\n')).not.toMatch(/carry no review score/);
  });

  it('a file whose only date column is named like a delivery date loads with it as the order date, and says so', async () => {
    const en = loaded(await dataset.load({ name: 'o2.csv', bytes: text('order_id,customer_id,delivery_date,amount\n1,c1,2024-01-02,10\n2,c2,2024-01-05,20\n') }));
    expect(en.mapping).toEqual({ customer_id: 'customer_id', order_id: 'order_id', order_date: 'delivery_date', amount: 'amount' });
    expect(en).toMatchObject({ rowsLoaded: 2, firstOrder: '2024-01-02', lastOrder: '2024-01-05' });
    expect(en.warnings).toContain('Column "delivery_date" was taken as the order date: it is named like a delivery date, but no other column holds dates. Map order_date explicitly if that is wrong.');
    const pt = loaded(await dataset.load({ name: 'o3.csv', bytes: text('invoice,customer,Data de Entrega,valor,score\n1,c1,02/01/2024,10,A\n2,c2,05/01/2024,20,B\n3,c3,17/01/2024,20,A\n') }));
    expect(pt.mapping).toMatchObject({ order_date: 'Data de Entrega', amount: 'valor' });
    expect(pt.mapping.delivered_date).toBeUndefined();
    expect(pt).toMatchObject({ rowsLoaded: 3, dateOrder: 'dmy', firstOrder: '2024-01-02', lastOrder: '2024-01-17' });
    expect(pt.warnings.join('\n')).toMatch(/"Data de Entrega" was taken as the order date/);
    // With an order date as well, the delivery date stays one.
    const both = loaded(await dataset.load({ name: 'o.csv', bytes: text('order_id,customer_id,order_date,delivery_date,amount\n1,c1,2024-01-02,2024-01-05,10\n') }));
    expect(both.mapping).toMatchObject({ order_date: 'order_date', delivered_date: 'delivery_date' });
    // Asked when unsure: the choice is a question.
    const asked = await dataset.load({ name: 'o2.csv', bytes: text('order_id,customer_id,delivery_date,amount\n1,c1,2024-01-02,10\n') }, { askWhenUnsure: true });
    expect(asked.status).toBe('needs-input');
    if (asked.status === 'needs-input') expect(asked.decision.questions).toContain('Is column "delivery_date" the order date? It is named like a delivery date, but no other column holds dates.');
  });

  it('detects the roles in Portuguese, Spanish, French and Malay headers without stealing the order date', () => {
    const p = (name: string, kind: 'id' | 'date' | 'money' | 'int'): ColumnProfile => ({
      name, rows: 100, nonEmpty: 100, distinct: kind === 'int' ? 5 : 60,
      dates: kind === 'date' ? 100 : 0, firstOver12: 0, secondOver12: 0, slashDates: 0,
      numbers: kind === 'money' || kind === 'int' ? 100 : 0, integers: kind === 'int' ? 100 : 10,
      pointEvidence: kind === 'money' ? 90 : 0, commaEvidence: 0, samples: [],
    });
    const cases: [string[], string[]][] = [
      [['Pedido', 'Cliente', 'Data do Pedido', 'Valor Total'], ['Data Prevista de Entrega', 'Data de Entrega', 'Avaliação']],
      [['Número de Factura', 'Cliente', 'Fecha', 'Importe Total'], ['Fecha Prevista de Entrega', 'Fecha de Entrega', 'Puntuación']],
      [['Numéro de commande', 'Code client', 'Date de commande', 'Montant total'], ['Date de livraison prévue', 'Date de livraison', 'Note client']],
      [['No Invois', 'Pelanggan', 'Tarikh', 'Jumlah'], ['Tarikh Jangkaan Penghantaran', 'Tarikh Penghantaran', 'Penilaian']],
      [['order_id', 'customer_id', 'order_date', 'amount'], ['expected_delivery_date', 'delivered_at', 'review_score']],
    ];
    for (const [[order, customer, date, amount], [promised, delivered, score]] of cases) {
      const d = decideMapping([p(order!, 'id'), p(customer!, 'id'), p(date!, 'date'), p(amount!, 'money'), p(promised!, 'date'), p(delivered!, 'date'), p(score!, 'int')]);
      expect(d.mapping, promised).toEqual({ order_id: order, customer_id: customer, order_date: date, amount, promised_date: promised, delivered_date: delivered, review_score: score });
    }
  });
});

/**
 * Cross-filtering: with a selection in force, `selected` counts the selected customers' orders
 * only. Segments by a fixed grid: A, B, C, D bought in January (Old), E, F, G, H in February (Recent).
 */
describe('operational gap over a selection', () => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = new Dataset(await withEngine());
    loaded(await dataset.load({ name: 'orders.csv', bytes: text(ORDERS) }));
    await dataset.scoreOverview({
      method: 'fixed',
      // January buyers are about 70 days back (r 2), February ones about 40 (r 3).
      breaks: { recency: [50, 200], frequency: [2, 3], monetary: [100, 200] },
      segments: [
        { name: 'Recent', r: [3, 3], f: [1, 3], m: [1, 3] },
        { name: 'Old', r: [1, 2], f: [1, 3], m: [1, 3] },
      ],
      analysisDate: '2024-03-15',
    });
  });
  afterAll(() => dataset.close());

  it('counts the orders of the selected customers only, says which selection, and is everyone\'s without one', async () => {
    expect((await dataset.select({ segment: 'Old' }))?.customers).toBe(4);
    const old = (await dataset.deliveryGap({ selected: true }))!;
    // A on time, B on time (same day), C late by 3, D late by 6.
    expect(old).toMatchObject({ delivered: 4, onTime: 2, late: 2, undelivered: 0 });
    expect(old.daysLate).toMatchObject({ mean: 4.5, max: 6 });
    expect(old.byMonth).toEqual([{ month: '2024-01', delivered: 4, late: 2, onTimeShare: 0.5 }]);
    expect(old.selection?.selection).toEqual({ segment: 'Old' });
    // Not asked: everyone's, whatever is selected.
    expect(await dataset.deliveryGap()).toMatchObject({ delivered: 6, undelivered: 1 });
    await dataset.select({ segment: 'Recent' });
    expect(await dataset.deliveryGap({ selected: true })).toMatchObject({ delivered: 2, onTime: 1, late: 1, undelivered: 1 });
    expect((await dataset.deliveryGap({ selected: true }))!.notices!.map((n) => n.code)).toContain('delivery.selected-only');
    await dataset.select(null);
    const all = (await dataset.deliveryGap({ selected: true }))!;
    expect(all).toMatchObject({ delivered: 6, selection: null });
    expect(all.notices!.map((n) => n.code)).not.toContain('delivery.selected-only');
  });

  it('says so when none of the selected customers has a delivered order, rather than looking like data without delivery dates', async () => {
    const other = new Dataset(await withEngine());
    try {
      const csv = [
        'order_id,customer_id,order_date,amount,promised_date,delivered_date',
        '1,A,2024-01-05,10,2024-01-10,2024-01-12',
        '2,X,2024-03-10,10,2024-03-20,',
      ].join('\n');
      loaded(await other.load({ name: 'orders.csv', bytes: text(csv) }));
      await other.scoreOverview({
        method: 'fixed',
        breaks: { recency: [50, 200], frequency: [2, 3], monetary: [100, 200] },
        segments: [
          { name: 'Recent', r: [3, 3], f: [1, 3], m: [1, 3] },
          { name: 'Old', r: [1, 2], f: [1, 3], m: [1, 3] },
        ],
        analysisDate: '2024-03-15',
      });
      await other.select({ segment: 'Recent' });
      const none = (await other.deliveryGap({ selected: true }))!;
      expect(none).toMatchObject({ delivered: 0, onTime: 0, late: 0, undelivered: 1, daysLate: null, satisfaction: null, byMonth: [] });
      expect(none.notices!.map((n) => n.code)).toEqual(['delivery.none-selected', 'delivery.selected-only']);
      expect(none.messages[0]).toBe('None of the selected customers has an order with both a promised and a delivery date.');
      expect(none.selection?.selection).toEqual({ segment: 'Recent' });
      // Data with no delivery at all stays null, selection or not.
      await other.select({ segment: 'Old' });
      expect((await other.deliveryGap({ selected: true }))!.delivered).toBe(1);
    } finally {
      await other.close();
    }
  });
});

describe('operational gap: sample orders and CLI', () => {
  it('the sample orders carry promised and delivered dates; the demo shows a gap', async () => {
    const header = sampleOrdersCsv({ customers: 200 }).split('\n')[0];
    expect(header).toBe('order_id,customer_id,order_date,amount,channel,status,promised_date,delivered_date');
    const records = generateSampleOrders({ customers: 200 });
    expect(records.filter((r) => r.status === 'returned').every((r) => r.promised_date === '' && r.delivered_date === '')).toBe(true);
    const dataset = new Dataset(await withEngine());
    try {
      loaded(await dataset.load({ name: 'sample-orders.csv', bytes: text(sampleOrdersCsv()) }));
      const g = (await dataset.deliveryGap())!;
      expect(g.onTimeShare).toBeGreaterThan(0.75);
      expect(g.onTimeShare).toBeLessThan(0.95);
      expect(g.late).toBeGreaterThan(0);
      expect(g.satisfaction).toBeNull();
    } finally {
      await dataset.close();
    }
  });

  it('rapport delivery prints the figures, as text and JSON; exit 1 without delivery dates', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'rapport-delivery-'));
    writeFileSync(join(dir, 'orders.csv'), ORDERS);
    writeFileSync(join(dir, 'plain.csv'), 'order_id,customer_id,order_date,amount\n1,A,2024-01-01,10\n');
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const status = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
      return { status, out: out.join('\n'), err: err.join('\n') };
    };
    const t = await run('delivery', join(dir, 'orders.csv'));
    expect(t.status).toBe(0);
    expect(t.out).toMatch(/on time\s+3 \(50\.0%\)/);
    expect(t.out).toMatch(/gap \(late - on time\) -2\.67/);
    const j = await run('delivery', join(dir, 'orders.csv'), '--json');
    expect(j.status).toBe(0);
    expect(JSON.parse(j.out)).toMatchObject({ delivered: 6, onTime: 3, late: 3, undelivered: 1, satisfaction: { late: { n: 3, mean: 2 } } });
    const none = await run('delivery', join(dir, 'plain.csv'));
    expect(none.status).toBe(1);
    expect(none.err).toMatch(/no order has both a promised and a delivered date/);
    expect((await run('delivery', '--bogus')).status).toBe(2);
  });
});

// --- Real data: Olist's classified orders -------------------------------------------------

const OLIST = join(SHARED_DATA, 'olist', 'olist_classified_public_dataset.csv.gz');

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and newlines. */
function parseCsv(textIn: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < textIn.length; i++) {
    const c = textIn[i]!;
    if (quoted) {
      if (c === '"' && textIn[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && textIn[i + 1] === '\n') i++;
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    out.push(row);
  }
  return out;
}

describe.skipIf(!hasSharedData || !existsSync(OLIST))(`real data: Olist classified orders (skipped: ${OLIST} is not there)`, () => {
  it('late orders score about 2, on-time ones about 3.8, as an independent count of the CSV says', async () => {
    const bytes = sharedFile('olist', 'olist_classified_public_dataset.csv.gz');
    // The expected figures, straight from the CSV.
    const [header, ...records] = parseCsv(gunzipSync(bytes).toString('utf8'));
    const at = (name: string) => header!.indexOf(name);
    const [iP, iD, iR] = [at('order_estimated_delivery_date'), at('order_delivered_customer_date'), at('review_score')];
    const groups = { onTime: [] as number[], late: [] as number[] };
    let undelivered = 0;
    for (const r of records) {
      const promised = r[iP]!.slice(0, 10);
      const delivered = r[iD]!.slice(0, 10);
      if (promised && !delivered) undelivered++;
      if (!promised || !delivered) continue;
      (delivered > promised ? groups.late : groups.onTime).push(Number(r[iR]));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(records.length).toBe(3584);

    const dataset = new Dataset(await withEngine());
    try {
      // No customer id column: one order per row, keyed by its id. The delivery roles are detected.
      const report = loaded(
        await dataset.load(
          { name: 'olist_classified_public_dataset.csv.gz', bytes },
          { mapping: { customer_id: 'id', order_id: 'id', order_date: 'order_purchase_timestamp', amount: 'order_products_value' } },
        ),
      );
      await expectAccounting(dataset.engine, report);
      expect(report.rowsLoaded).toBe(records.length);
      expect(report.mapping).toMatchObject({
        promised_date: 'order_estimated_delivery_date',
        delivered_date: 'order_delivered_customer_date',
        review_score: 'review_score',
      });
      const g = (await dataset.deliveryGap())!;
      expect(g.late).toBe(groups.late.length);
      expect(g.onTime).toBe(groups.onTime.length);
      expect(g.undelivered).toBe(undelivered);
      expect([g.late, g.onTime, g.undelivered]).toEqual([339, 3128, 117]);
      const s = g.satisfaction!;
      expect(s.scale).toEqual({ min: 1, max: 5 });
      expect(s.late.mean).toBeCloseTo(mean(groups.late), 9);
      expect(s.onTime.mean).toBeCloseTo(mean(groups.onTime), 9);
      expect(s.late.mean).toBeCloseTo(1.96, 2);
      expect(s.onTime.mean).toBeCloseTo(3.77, 2);
      expect(s.gap).toBeLessThan(-1.5);
      expect(s.ciHigh!).toBeLessThan(-1.5);
      expect(s.ciLow!).toBeLessThan(s.gap);
    } finally {
      await dataset.close();
    }
  }, 60_000);
});
