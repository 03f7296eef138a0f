import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../src/data/dataset.js';
import type { Engine } from '../../src/data/engine/engine.js';
import { text, withEngine } from '../helpers/engine.js';
import { loaded, scalar } from '../helpers/ingest.js';

/** An id that would break a query pasted together as text. */
const NASTY = `x' OR '1'='1`;
const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * A: three purchases and one return (negative amount) over two months, with margin and channel.
 * B: one purchase, feedback (an NPS and a complaint). NASTY: one purchase.
 * P: a prospect in the customer list who never bought. A is listed with a name too.
 */
const ORDERS = [
  'order_id,customer_id,order_date,amount,channel,margin',
  '1001,A,2024-10-05,100,web,30',
  '1002,A,2024-10-20,50,store,10',
  '1003,A,2024-11-02,80,web,20',
  'C1004,A,2024-11-10,-50,web,-10',
  '2001,B,2024-12-01,200,web,60',
  `3001,${csvField(NASTY)},2024-09-01,40,web,5`,
].join('\n');

const CUSTOMERS = ['customer_id,name,signup_date', 'A,Ana Silva,2024-09-01', 'P,Pat Prospect,2024-08-15'].join('\n');

const FEEDBACK = [
  'customer_id,date,kind,score,scale,category,channel,text,answered_date',
  'B,2024-12-05,nps,9,0-10,,email,Good service,',
  `B,2024-12-10,complaint,,,delivery,phone,${csvField('<b>late</b> & "broken"')},2024-12-12`,
].join('\n');

let engine: Engine;
let ds: Dataset;
beforeAll(async () => {
  engine = await withEngine();
  ds = new Dataset(engine);
  loaded(await ds.load({ name: 'orders.csv', bytes: text(ORDERS) }));
});
afterAll(async () => {
  await engine.close();
});

describe('customer detail on the real engine', () => {
  it('gives orders (returns as negative lines) in date order, monthly totals and the summary, before any scoring', async () => {
    const d = (await ds.customerDetail('A'))!;
    expect(d).not.toBeNull();
    expect(d.customer).toMatchObject({
      customer_id: 'A',
      name: null,
      listed: false,
      first_order: '2024-10-05',
      last_order: '2024-11-10',
      orders: 3,
      returns: 1,
      revenue: 180,
      margin: 50,
      r_score: null,
      segment: null,
      segment_index: null,
      type: null,
      rung: null,
      reason: null,
    });
    expect(d.analysisDate).toBe('2024-12-02');
    expect(d.bins).toBeNull();
    expect(d.orders.map((o) => [o.order_id, o.order_date, o.amount, o.is_return, o.channel])).toEqual([
      ['1001', '2024-10-05', 100, false, 'web'],
      ['1002', '2024-10-20', 50, false, 'store'],
      ['1003', '2024-11-02', 80, false, 'web'],
      ['C1004', '2024-11-10', -50, true, 'web'],
    ]);
    expect(d.months).toEqual([
      { month: '2024-10', orders: 2, returns: 0, amount: 150 },
      { month: '2024-11', orders: 1, returns: 1, amount: 30 },
    ]);
    expect(d.feedback).toEqual([]);
  });

  it('is null for an unknown id, and for ids that look like SQL (bound, never pasted)', async () => {
    expect(await ds.customerDetail('nobody')).toBeNull();
    expect(await ds.customerDetail(`' OR 1=1 --`)).toBeNull();
    expect(await ds.customerDetail(`A'; DROP TABLE orders; --`)).toBeNull();
    expect(await ds.customerDetail('')).toBeNull();
    expect(await scalar(engine, 'SELECT CAST(count(*) AS INTEGER) FROM orders')).toBe(6);
  });

  it('finds a customer whose id holds quotes and SQL-looking text, and only them', async () => {
    const d = (await ds.customerDetail(NASTY))!;
    expect(d.customer.customer_id).toBe(NASTY);
    expect(d.orders.map((o) => o.order_id)).toEqual(['3001']);
    expect(d.customer.revenue).toBe(40);
  });

  it('adds the customer list: a name, and a prospect who never bought (no orders, potential)', async () => {
    await ds.loadCustomers({ name: 'customers.csv', bytes: text(CUSTOMERS) });
    const a = (await ds.customerDetail('A'))!;
    expect(a.customer).toMatchObject({ name: 'Ana Silva', listed: true, signup_date: '2024-09-01', type: null });
    const p = (await ds.customerDetail('P'))!;
    expect(p).not.toBeNull();
    expect(p.customer).toMatchObject({
      customer_id: 'P',
      name: 'Pat Prospect',
      listed: true,
      first_order: null,
      last_order: null,
      orders: 0,
      returns: 0,
      revenue: 0,
      margin: null,
      type: 'potential',
    });
    expect(p.orders).toEqual([]);
    expect(p.months).toEqual([]);
  });

  it('gives the feedback rows of the customer, newest first, text as loaded', async () => {
    await ds.loadFeedback({ name: 'feedback.csv', bytes: text(FEEDBACK) });
    const b = (await ds.customerDetail('B'))!;
    expect(b.feedback).toEqual([
      {
        feedback_date: '2024-12-10',
        kind: 'complaint',
        score: null,
        scale_min: null,
        scale_max: null,
        text: '<b>late</b> & "broken"',
        category: 'delivery',
        channel: 'phone',
        answered: true,
        answered_date: '2024-12-12',
      },
      {
        feedback_date: '2024-12-05',
        kind: 'nps',
        score: 9,
        scale_min: 0,
        scale_max: 10,
        text: 'Good service',
        category: null,
        channel: 'email',
        answered: false,
        answered_date: null,
      },
    ]);
    expect((await ds.customerDetail('A'))!.feedback).toEqual([]);
  });

  it('carries the current scoring (scores, segment and its colour index, type) and ladder (rung and reason)', async () => {
    const overview = await ds.scoreOverview();
    await ds.ladder();
    const a = (await ds.customerDetail('A'))!;
    expect(a.bins).toBe(overview.bins);
    expect(a.analysisDate).toBe(overview.analysisDate);
    const row = (await ds.customers({ reasons: true })).find((c) => c.customer_id === 'A')!;
    expect(a.customer).toMatchObject({
      r_score: row.r_score,
      f_score: row.f_score,
      m_score: row.m_score,
      segment: row.segment,
      type: row.type,
      recency_days: row.recency_days,
      rung: row.rung,
      reason: row.reason,
    });
    expect(a.customer.rung).not.toBeNull();
    expect(a.customer.reason).toMatch(/bought 3 times/);
    const index = overview.summary.findIndex((s) => s.segment === a.customer.segment);
    expect(a.customer.segment_index).toBe(index);
    const p = (await ds.customerDetail('P'))!;
    expect(p.customer).toMatchObject({ rung: 'prospect', type: 'potential', r_score: null, segment: null, segment_index: null });
    expect(p.customer.reason).toBe('no purchase yet');
  });

  it('forgets scores and rung after a new load', async () => {
    loaded(await ds.load({ name: 'orders.csv', bytes: text(ORDERS) }));
    const a = (await ds.customerDetail('A'))!;
    expect(a.customer).toMatchObject({ r_score: null, segment: null, rung: null, reason: null });
    expect(a.bins).toBeNull();
  });
});

describe('customer detail: orders of one day', () => {
  it('sorts numeric order ids as numbers (9 before 10), other ids after them as text', async () => {
    const e = await withEngine();
    const d = new Dataset(e);
    const sameDay = [
      'order_id,customer_id,order_date,amount',
      '10,S,2024-05-01,10',
      'R2,S,2024-05-01,-5',
      '9,S,2024-05-01,9',
      '100,S,2024-05-01,100',
      'R10,S,2024-05-01,-5',
      '2,S,2024-05-01,2',
      '1,S,2024-04-30,1',
    ].join('\n');
    loaded(await d.load({ name: 'orders.csv', bytes: text(sameDay) }));
    const detail = (await d.customerDetail('S'))!;
    expect(detail.orders.map((o) => o.order_id)).toEqual(['1', '2', '9', '10', '100', 'R10', 'R2']);
    await e.close();
  });
});
