import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_LADDER_RULES,
  LADDER_RUNGS,
  LadderRulesError,
  describeLadderRules,
  flowKind,
  ladderReason,
  resolveLadderRules,
  type LadderFacts,
  type LadderResult,
} from '../../src/analytics/ladder.js';
import { Dataset } from '../../src/data/dataset.js';
import { LADDER_TABLE } from '../../src/data/sql/ladder-sql.js';
import { text, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';

/**
 * A small shop, as of 2025-01-01, inactive after 180 days (so G, silent since 2023, lapsed).
 * One customer per case; see the expectations below.
 */
const ORDERS = `order_id,customer_id,order_date,amount
1000,A,2024-12-01,100
1001,B,2024-11-01,100
1002,B,2024-12-01,100
1003,C,2024-10-01,100
1004,C,2024-12-01,100
1005,D,2024-10-01,100
1006,D,2024-12-01,100
1007,E,2024-10-01,100
1008,E,2024-12-01,100
1009,F,2023-01-01,5000
1010,F,2024-06-01,5000
1011,F,2024-12-01,5000
1012,G,2023-01-01,100
1013,G,2023-02-01,100
1014,H,2024-12-01,100
1015,I,2024-10-01,100
1016,I,2024-12-01,100
1017,J,2024-10-01,100
1018,J,2024-12-01,100
1019,L,2024-05-01,100
1020,L,2024-12-01,100
1021,M,2024-10-01,100
1022,M,2024-12-01,100
1023,N,2024-10-01,100
1024,N,2024-12-01,100
1025,P,2025-03-01,100
`;

const FEEDBACK = `customer_id,date,kind,score,scale
C,2024-12-05,review,5,1-5
D,2024-12-05,nps,8,0-10
E,2024-12-05,nps,9,0-10
F,2024-12-05,nps,10,0-10
H,2024-12-05,nps,10,0-10
I,2024-12-05,referral,,
J,2024-12-05,review,3,1-5
L,2024-06-01,nps,9,0-10
L,2024-12-20,nps,5,0-10
M,2024-12-05,recommend,5,1-5
N,2025-02-01,nps,10,0-10
Z,2024-12-05,nps,10,0-10
`;

const CUSTOMERS = `customer_id,name,signup_date
K,Kim,2024-01-01
A,Ann,2024-11-15
Q,Quinn,2025-06-01
`;

const RULES = { lapsed: { windowDays: 180 } };
const AS_OF = '2025-01-01';

async function shop(options: { feedback?: string; customers?: boolean } = {}): Promise<Dataset> {
  const ds = new Dataset(await withEngine());
  loaded(await ds.load({ name: 'orders.csv', bytes: text(ORDERS) }));
  if (options.customers !== false) await ds.loadCustomers({ name: 'customers.csv', bytes: text(CUSTOMERS) });
  if (options.feedback !== undefined) await ds.loadFeedback({ name: 'feedback.csv', bytes: text(options.feedback) });
  return ds;
}

const rungOf = (l: LadderResult, rung: string) => l.rungs.find((r) => r.rung === rung);

describe('ladder rules', () => {
  it('merges partial rules over the defaults', () => {
    const r = resolveLadderRules('{"client": {"minOrders": 3}, "partner": {"ids": [" X1 ", 42]}}');
    expect(r.client.minOrders).toBe(3);
    expect(r.partner.ids).toEqual(['X1', '42']);
    expect(r.supporter).toEqual(DEFAULT_LADDER_RULES.supporter);
    expect(resolveLadderRules()).toEqual(DEFAULT_LADDER_RULES);
    expect(resolveLadderRules('')).toEqual(DEFAULT_LADDER_RULES);
  });

  it('reports every problem at once, naming section and field', () => {
    let error: LadderRulesError | null = null;
    try {
      resolveLadderRules({ client: { minOrders: 1 }, supporter: { topBox: 2, npsMax: 3 } as never, bogus: {} } as never);
    } catch (e) {
      error = e as LadderRulesError;
    }
    expect(error).toBeInstanceOf(LadderRulesError);
    expect(error?.problems).toEqual([
      'client.minOrders must be a whole number, at least 2, got 1',
      'supporter.topBox must be a number above 0 up to 1, got 2',
      'supporter: unknown field "npsMax" (known: topBox, npsMin)',
      'unknown section "bogus" (known: client, supporter, advocate, partner, withoutFeedback, lapsed)',
    ]);
    expect(() => resolveLadderRules('{nope')).toThrow(/not valid JSON/);
    expect(() => resolveLadderRules('[1]')).toThrow(/must be an object/);
    expect(() => resolveLadderRules({ withoutFeedback: { supporterMinFScore: 6 } })).toThrow(/F score from 1 to 5/);
  });

  it('describes each rung in plain words, following the rules', () => {
    const words = describeLadderRules(resolveLadderRules({ client: { minOrders: 3 } }));
    expect(words.client).toBe('bought 3 times or more');
    expect(words.advocate).toMatch(/NPS 9 or more, or a referral recorded/);
    expect(Object.keys(words)).toEqual([...LADDER_RUNGS, 'lapsed']);
  });

  it('classifies flows between two places', () => {
    expect(flowKind('new', 'customer')).toBe('new');
    expect(flowKind('client', 'supporter')).toBe('climbed');
    expect(flowKind('advocate', 'client')).toBe('slipped');
    expect(flowKind('client', 'lapsed')).toBe('lapsed');
    expect(flowKind('lapsed', 'client')).toBe('returned');
    expect(flowKind('client', 'client')).toBe('stayed');
  });
});

describe('ladder reasons', () => {
  const base: LadderFacts = {
    rung: 'client', climbed: 'client', flagged: false, purchases: 2, days_since_last: 31, first_order: '2024-10-01',
    tenure_days: 92, top_value: false, f_score: 3, nps: null, nps_date: null, attitude_kind: null, attitude_score: null,
    attitude_scale_max: null, attitude_normalised: null, attitude_date: null, recommend_normalised: null, recommend_score: null,
    recommend_scale_max: null, recommend_date: null, referred: false, referral_date: null,
  };
  const rules = resolveLadderRules();
  it('says what placed a customer and what held them back', () => {
    expect(ladderReason(base, rules)).toBe('bought twice; no feedback from them');
    expect(ladderReason({ ...base, attitude_kind: 'review', attitude_score: 3, attitude_scale_max: 5, attitude_normalised: 0.5, attitude_date: '2024-12-05' }, rules)).toBe(
      'bought twice; latest review 3 of 5 (2024-12-05)',
    );
    expect(ladderReason({ ...base, rung: 'supporter', climbed: 'supporter', nps: 8, nps_date: '2024-12-05' }, rules)).toBe('bought twice; latest NPS 8 (2024-12-05)');
    expect(ladderReason({ ...base, rung: 'customer', climbed: 'customer', purchases: 1, nps: 10, nps_date: '2024-12-05' }, rules)).toBe(
      'bought once; latest NPS 10 (2024-12-05), but has not bought again',
    );
    expect(ladderReason({ ...base, rung: 'advocate', climbed: 'advocate', referred: true, referral_date: '2024-12-05' }, rules)).toBe(
      'bought twice; referred someone (2024-12-05)',
    );
    expect(ladderReason({ ...base, rung: 'lapsed', climbed: 'client', days_since_last: 400 }, rules)).toBe(
      'lapsed client: bought twice; no feedback from them; no purchase for 400 days',
    );
    expect(ladderReason({ ...base, rung: 'lapsed', climbed: 'client', days_since_last: 400 }, rules, false, 180)).toBe(
      'lapsed client: bought twice; no feedback from them; no purchase for 400 days (inactive after 180 days)',
    );
    expect(ladderReason({ ...base, rung: 'supporter', climbed: 'supporter', f_score: 5 }, rules, true)).toBe('bought twice; frequency score 5 of 5 (no feedback data)');
    expect(ladderReason({ ...base, rung: 'partner', climbed: 'partner', flagged: true }, rules)).toBe('flagged as a partner in the ladder rules');
    expect(ladderReason({ ...base, rung: 'prospect', climbed: 'prospect', purchases: 0, first_order: null }, rules)).toBe('no purchase yet');
  });
});

describe('the ladder, with orders, a customer list and feedback', () => {
  let ds: Dataset;
  let ladder: LadderResult;
  beforeAll(async () => {
    ds = await shop({ feedback: FEEDBACK });
    ladder = await ds.ladder({ asOf: AS_OF, rules: RULES });
  });
  afterAll(() => ds.close());

  it('puts each contact on the rung its evidence supports, at the boundaries', async () => {
    const members = Object.fromEntries((await ds.ladderMembers()).map((m) => [m.customer_id, m.rung]));
    expect(members).toEqual({
      K: 'prospect', // listed, never bought; Q signs up after the as-of date, P buys after it: neither is a contact yet
      A: 'customer',
      H: 'customer', // NPS 10 but one purchase: rungs are cumulative
      B: 'client', // exactly two orders
      J: 'client', // review 3 of 5 is not top-two box
      L: 'client', // the latest NPS (5) counts, not the earlier 9
      N: 'client', // the NPS 10 is dated after the as-of date
      C: 'supporter', // review 5 of 5
      D: 'supporter', // NPS 8
      E: 'advocate', // NPS 9
      I: 'advocate', // referral
      M: 'advocate', // recommend intention 5 of 5
      F: 'partner', // NPS 10, top spend, customer since 2023
      G: 'lapsed', // client silent since 2023-02-01
    });
  });

  it('sums rung counts and lapsed to every known contact; counts, revenue and conversions per rung', () => {
    expect(ladder.asOf).toBe(AS_OF);
    expect(ladder.contacts).toBe(14);
    expect(ladder.rungs.reduce((s, r) => s + r.customers, 0) + ladder.lapsed.customers).toBe(ladder.contacts);
    expect(ladder.rungs.map((r) => [r.rung, r.customers])).toEqual([
      ['prospect', 1], ['customer', 2], ['client', 4], ['supporter', 2], ['advocate', 3], ['partner', 1],
    ]);
    expect(ladder.rungs.map((r) => r.reached)).toEqual([14, 13, 11, 6, 4, 1]);
    expect(rungOf(ladder, 'customer')?.conversionToNext).toBeCloseTo(11 / 13);
    expect(rungOf(ladder, 'customer')?.dropOff).toBeCloseTo(2 / 13);
    expect(rungOf(ladder, 'partner')?.conversionToNext).toBeNull();
    expect(rungOf(ladder, 'partner')?.revenue).toBe(15000);
    expect(rungOf(ladder, 'client')?.revenue).toBe(800);
    expect(rungOf(ladder, 'client')?.averageValue).toBe(200);
    expect(ladder.lapsed).toMatchObject({ customers: 1, revenue: 200, windowDays: 180, windowDerived: false });
    expect(ladder.lapsed.from.client).toBe(1);
    expect(ladder.rungs.every((r) => r.available)).toBe(true);
  });

  it('measures the median time to climb each step', () => {
    // customer -> client: second purchase 30 or 61 days after the first (F: 517, G: 31) over 10 climbers.
    expect(rungOf(ladder, 'customer')?.medianDaysToNext).toBe(61);
    // client -> supporter: from the second purchase to the qualifying feedback (C, D: 4 days; E, F, M: 4 days; I: 4 days).
    expect(rungOf(ladder, 'client')?.medianDaysToNext).toBe(4);
    // prospect -> customer: signup to first purchase, known for A only (2024-11-15 -> 2024-12-01).
    expect(rungOf(ladder, 'prospect')?.medianDaysToNext).toBe(16);
  });

  it('says how feedback covered the contacts', () => {
    expect(ladder.evidence).toMatchObject({ customerList: true, feedback: 'matched', matchedCustomers: 9, feedbackCustomers: 10 });
    expect(ladder.evidence.rungs.supporter.basis).toBe('feedback');
    expect(ladder.evidence.messages).toEqual([
      'Feedback covers 9 of the 13 buyers; the 4 without feedback can climb no higher than client.',
    ]);
  });

  it('filters the customer list by rung, each row with its reason', async () => {
    const rows = await ds.customers({ filter: { rung: 'advocate' }, sort: 'customer_id', direction: 'asc' });
    expect(rows.map((r) => [r.customer_id, r.rung, r.reason])).toEqual([
      ['E', 'advocate', 'bought twice; latest NPS 9 (2024-12-05)'],
      ['I', 'advocate', 'bought twice; referred someone (2024-12-05)'],
      ['M', 'advocate', 'bought twice; would recommend us: 5 of 5 (2024-12-05)'],
    ]);
    const prospects = await ds.customers({ filter: { rung: 'prospect' } });
    expect(prospects.map((r) => [r.customer_id, r.orders, r.reason])).toEqual([['K', 0, 'no purchase yet']]);
    const all = await ds.customers({ sort: 'rung', direction: 'desc' });
    expect(all[0]?.customer_id).toBe('F');
    expect(all.at(-1)?.rung).toBeNull(); // P bought after the as-of date; Q is not yet listed then
    expect(all.find((r) => r.customer_id === 'G')?.rung).toBe('lapsed');
    expect(all[0]).not.toHaveProperty('reason');
  });

  it('follows the rules: three orders for a client, a flagged partner, a shorter tenure', async () => {
    const strict = await ds.ladder({ asOf: AS_OF, rules: { ...RULES, client: { minOrders: 3 }, partner: { ids: ['K'] } } });
    const members = Object.fromEntries((await ds.ladderMembers()).map((m) => [m.customer_id, m.rung]));
    expect(members.B).toBe('customer');
    expect(members.E).toBe('customer');
    expect(members.F).toBe('partner');
    expect(members.K).toBe('partner');
    expect(rungOf(strict, 'prospect')?.customers).toBe(0);
    const young = await ds.ladder({ asOf: AS_OF, rules: { ...RULES, partner: { minTenureDays: 1000 } } });
    expect(rungOf(young, 'partner')?.customers).toBe(0);
    expect(rungOf(young, 'advocate')?.customers).toBe(4);
  });

  it('compares two dates: who climbed, slipped, lapsed or is new', async () => {
    const cmp = await ds.ladderComparison({ from: '2024-11-15', to: AS_OF, rules: RULES });
    expect(cmp.from.asOf).toBe('2024-11-15');
    expect(cmp.to.asOf).toBe(AS_OF);
    const flow = (from: string, to: string) => cmp.flows.find((f) => f.from === from && f.to === to)?.customers ?? 0;
    // No feedback is dated before 2024-11-15, but attitude is told from feedback at both dates,
    // so no one moves just because the evidence changed.
    expect(cmp.from.evidence.rungs.supporter.basis).toBe('feedback');
    expect(flow('customer', 'supporter')).toBe(2); // C and D bought their second time, then said so
    expect(flow('client', 'partner')).toBe(1); // F
    expect(cmp.summary.new).toBe(flow('new', 'customer') + flow('new', 'prospect'));
    expect(flow('new', 'customer')).toBe(1); // H first bought in December
    expect(flow('prospect', 'customer')).toBe(1); // A signed up on 2024-11-15 and bought in December
    expect(cmp.summary.climbed).toBeGreaterThanOrEqual(1);
    expect(Object.values(cmp.summary).reduce((a, b) => a + b, 0)).toBe(cmp.to.contacts);
    expect(flow('lapsed', 'lapsed')).toBe(1);
    await expect(ds.ladderComparison({ from: '2025-02-01', to: AS_OF })).rejects.toThrow(/must be before/);
  });
});

describe('the ladder without feedback', () => {
  it('infers supporter from frequency, says advocate and partner are not available', async () => {
    const ds = await shop({ customers: false });
    try {
      const l = await ds.ladder({ asOf: AS_OF, rules: RULES });
      expect(l.evidence.feedback).toBe('absent');
      expect(l.evidence.messages).toEqual([
        'No customer list: prospects (contacts who never bought) are not known, so the ladder starts at customer.',
        'No feedback data. Supporter inferred from frequency (F score 4-5 of 5). Advocate not available.',
      ]);
      expect(l.rungs.map((r) => [r.rung, r.available])).toEqual([
        ['prospect', false], ['customer', true], ['client', true], ['supporter', true], ['advocate', false], ['partner', false],
      ]);
      expect(rungOf(l, 'advocate')?.customers).toBe(0);
      expect(rungOf(l, 'client')?.conversionToNext).not.toBeNull();
      expect(rungOf(l, 'supporter')?.conversionToNext).toBeNull();
      expect(rungOf(l, 'prospect')?.conversionToNext).toBeNull();
      expect(l.evidence.rungs.supporter.note).toBe('inferred from frequency (F score 4-5 of 5): no feedback data');
      // F (3 purchases) has the top frequency score.
      const rows = await ds.customers({ filter: { rung: 'supporter' } });
      expect(rows.map((r) => [r.customer_id, r.reason])).toEqual([['F', 'bought 3 times; frequency score 5 of 5 (no feedback data)']]);
      const open = await ds.ladder({ asOf: AS_OF, rules: { ...RULES, withoutFeedback: { advocateMinFScore: 5 } } });
      expect(rungOf(open, 'advocate')?.available).toBe(true);
      // F, the one top frequency score, also has top spend and long tenure: a partner.
      expect(rungOf(open, 'partner')).toMatchObject({ available: true, customers: 1 });
      expect(open.evidence.rungs.partner.basis).toBe('frequency');
    } finally {
      await ds.close();
    }
  });

  it('says so when the feedback matches no customer', async () => {
    const ds = await shop({ feedback: 'customer_id,date,kind,score\nX1,2024-12-01,nps,10\nX2,2024-12-02,nps,3\n' });
    try {
      const l = await ds.ladder({ asOf: AS_OF, rules: RULES });
      expect(l.evidence).toMatchObject({ feedback: 'unmatched', feedbackRows: 2, feedbackCustomers: 2, matchedCustomers: 0 });
      expect(l.evidence.messages[0]).toMatch(/^The feedback \(2 answers from 2 people\) matches no customer: check that it uses the same customer ids as the orders\. Supporter inferred from frequency/);
      expect(l.contacts).toBe(14);
    } finally {
      await ds.close();
    }
  });

  it('rejects bad rules and a ladder before any orders', async () => {
    const ds = new Dataset(await withEngine());
    try {
      await expect(ds.ladder()).rejects.toThrow(/No orders are loaded/);
      await expect(ds.ladder({ rules: '{"client": {"minOrders": 0}}' })).rejects.toBeInstanceOf(LadderRulesError);
      await expect(ds.ladder({ asOf: '2024-02-30' })).rejects.toThrow(/asOf/);
    } finally {
      await ds.close();
    }
  });
});

describe('the day a customer became a client', () => {
  it('is the day of the client.minOrders-th purchase, orders on one day counted one by one, returns and later orders left out', async () => {
    const ds = new Dataset(await withEngine());
    try {
      loaded(
        await ds.load({
          name: 'days.csv',
          bytes: text(
            'order_id,customer_id,order_date,amount\n' +
              'a,X,2024-01-05,10\nb,X,2024-01-05,10\nc,X,2024-02-01,10\nr,X,2024-01-02,-10\nd,X,2025-03-01,10\n' +
              'e,Y,2024-03-01,10\nf,Y,2024-01-01,10\ng,Z,2024-04-01,10\n',
          ),
        }),
      );
      const clientDays = async (minOrders: number) => {
        await ds.ladder({ asOf: '2024-12-31', rules: { client: { minOrders } } });
        const rows = await ds.engine.query(`SELECT customer_id, CAST(client_date AS VARCHAR) AS day FROM ${LADDER_TABLE} ORDER BY customer_id`);
        return Object.fromEntries(rows.toArray().map((r) => [String(r.customer_id), r.day === null ? null : String(r.day)]));
      };
      expect(await clientDays(2)).toEqual({ X: '2024-01-05', Y: '2024-03-01', Z: null });
      expect(await clientDays(3)).toEqual({ X: '2024-02-01', Y: null, Z: null });
      expect(await clientDays(4)).toEqual({ X: null, Y: null, Z: null });
      // Beyond what DuckDB's min(x, k) keeps, the orders are numbered instead.
      expect(await clientDays(1_000_000)).toEqual({ X: null, Y: null, Z: null });
    } finally {
      await ds.close();
    }
  });
});

describe('the ladder at its edges', () => {
  const ORDERS2 = `order_id,customer_id,order_date,amount
1,R,2024-10-01,100
2,R,2024-12-01,100
3,S,2024-10-01,100
4,S,2024-12-01,100
5,T,2024-10-01,100
6,T,2024-12-01,100
7,U,2024-10-01,100
8,U,2024-12-01,100
9,V,2024-12-01,100
`;
  async function small(feedback: string | null, customers = 'customer_id,signup_date\nP1,2024-01-01\nP2,2024-01-01\n'): Promise<Dataset> {
    const ds = new Dataset(await withEngine());
    loaded(await ds.load({ name: 'orders.csv', bytes: text(ORDERS2) }));
    await ds.loadCustomers({ name: 'customers.csv', bytes: text(customers) });
    if (feedback !== null) await ds.loadFeedback({ name: 'feedback.csv', bytes: text(feedback) });
    return ds;
  }
  const place = async (ds: Dataset, rules: object = {}) => {
    await ds.ladder({ asOf: AS_OF, rules: { ...RULES, ...rules } });
    return Object.fromEntries((await ds.ladderMembers()).map((m) => [m.customer_id, m.rung]));
  };

  it('a referral from an unhappy customer does not make an advocate; NPS on a 1-10 scale reads as points', async () => {
    const ds = await small(`customer_id,date,kind,score,scale
R,2024-12-05,referral,,
R,2024-12-05,review,1,1-5
R,2024-12-05,nps,2,0-10
S,2024-12-05,nps,9,1-10
T,2024-03-01,nps,9,0-10
T,2024-06-01,review,5,1-5
`);
    try {
      const members = await place(ds);
      expect(members.R).toBe('client'); // rungs are cumulative: an advocate is a supporter first
      expect(members.S).toBe('advocate'); // 9 on 1-10 is NPS 9, not 8.9
      const rows = await ds.customers({ filter: { rung: 'advocate' }, sort: 'customer_id', direction: 'asc' });
      expect(rows.map((r) => r.reason)).toEqual(['bought twice; latest NPS 9 (2024-12-05)', 'bought twice; latest NPS 9 (2024-03-01)']);
      // T recommended (NPS 9, March) before the top review (June), both before their second order:
      // every step of the climb takes zero days or more, never less.
      const l = await ds.ladder({ asOf: AS_OF, rules: RULES });
      for (const r of l.rungs) if (r.medianDaysToNext !== null) expect(r.medianDaysToNext, r.rung).toBeGreaterThanOrEqual(0);
      expect(l.rungs.find((r) => r.rung === 'supporter')?.medianDaysToNext).toBe(0);
    } finally {
      await ds.close();
    }
  });

  it('feedback only from prospects, or only complaints, cannot place buyers: inferred, and said so', async () => {
    const ds = await small('customer_id,date,kind,score\nP1,2024-12-01,nps,10\nR,2024-12-01,complaint,\n');
    try {
      const l = await ds.ladder({ asOf: AS_OF, rules: RULES });
      expect(l.evidence).toMatchObject({ feedback: 'unusable', matchedCustomers: 2, placingCustomers: 0 });
      expect(l.evidence.messages[0]).toMatch(/^The feedback has no NPS, review, satisfaction, recommend or referral answer from a buyer \(2 answers from 2 people\)\. Supporter inferred/);
      expect(l.evidence.rungs.supporter.basis).toBe('frequency');
    } finally {
      await ds.close();
    }
  });

  it('feedback dated after the as-of date is left out, and undated answers count, both said', async () => {
    const later = await small('customer_id,date,kind,score\nR,2025-02-01,nps,10\n');
    try {
      const l = await later.ladder({ asOf: AS_OF, rules: RULES });
      expect(l.evidence.feedback).toBe('absent');
      expect(l.evidence.messages[0]).toMatch(/^No feedback dated by 2025-01-01 \(1 later answers are left out\)\./);
    } finally {
      await later.close();
    }
    const undated = await small('customer_id,kind,score\nR,nps,10\n');
    try {
      const l = await undated.ladder({ asOf: AS_OF, rules: RULES });
      expect(l.evidence.feedback).toBe('matched');
      expect(l.evidence.messages).toContain('1 feedback answer has no date: they count at every date.');
      expect((await undated.ladderMembers('advocate')).map((m) => m.customer_id)).toEqual(['R']);
    } finally {
      await undated.close();
    }
  });

  it('a flagged partner who never bought is placed at partner but climbs nothing in the conversions', async () => {
    const ds = await small('customer_id,date,kind,score\nR,2024-12-05,nps,8\n');
    try {
      const l = await ds.ladder({ asOf: AS_OF, rules: { ...RULES, partner: { ids: ['P1'] } } });
      const rung = (r: string) => l.rungs.find((x) => x.rung === r)!;
      expect(rung('partner').customers).toBe(1);
      expect(rung('prospect').customers).toBe(1); // P2
      expect(rung('prospect').conversionToNext).toBeCloseTo(5 / 7); // 5 buyers of 7 contacts, not 6
      expect(rung('partner').reached).toBe(0);
      expect(l.evidence.messages).toContain("1 contact is partners by the rules' list; conversions count them at the rung they earned.");
      const rows = await ds.customers({ sort: 'rung', direction: 'desc' });
      expect(rows[0]?.customer_id).toBe('P1');
    } finally {
      await ds.close();
    }
  });

  it('ties: two answers on one day count the higher; equal spend never straddles the top-value line', async () => {
    const ds = await small('customer_id,date,kind,score\nR,2024-12-05,nps,5\nR,2024-12-05,nps,9\nS,2024-12-05,nps,10\nT,2024-12-05,nps,10\n');
    try {
      // R, S, T, U spend 200 each and V 100: with a top share of 40%, four equal spenders are 80% of
      // buyers, so none of them is top value (a tie is in or out as a whole); at 80% all four are.
      const some = await place(ds, { partner: { topSpendShare: 0.4, minTenureDays: 0 } });
      expect(some.R).toBe('advocate'); // the 9, not the 5, of the same day
      expect([some.S, some.T]).toEqual(['advocate', 'advocate']);
      const all = await place(ds, { partner: { topSpendShare: 0.8, minTenureDays: 0 } });
      expect([all.R, all.S, all.T]).toEqual(['partner', 'partner', 'partner']);
    } finally {
      await ds.close();
    }
  });

  it('no date and the default date share one cached ladder: alternating builds it once', async () => {
    const ds = await small(null);
    try {
      const query = ds.engine.query.bind(ds.engine);
      let builds = 0;
      ds.engine.query = ((sql: string, ...rest: unknown[]) => {
        if (sql.includes(`CREATE OR REPLACE TABLE ${LADDER_TABLE} AS`)) builds++;
        return (query as (...a: unknown[]) => ReturnType<typeof query>)(sql, ...rest);
      }) as typeof ds.engine.query;
      const first = await ds.ladder({ rules: RULES });
      expect(first.asOf).toBe('2024-12-02');
      // What the dashboard does: the ladder with no date, then a comparison to its own date, again and again.
      for (let i = 0; i < 3; i++) {
        expect(await ds.ladder({ rules: RULES })).toBe(first);
        const cmp = await ds.ladderComparison({ from: '2024-11-01', to: first.asOf as string, rules: RULES });
        expect(cmp.to).toBe(first);
        expect(await ds.ladder({ asOf: first.asOf as string, rules: RULES })).toBe(first);
      }
      expect(builds).toBe(1);
      // Another date builds; back to no date builds again (the table holds the other date's ladder).
      await ds.ladder({ asOf: '2024-11-01', rules: RULES });
      await ds.ladder({ rules: RULES });
      expect(builds).toBe(3);
      // New data: the default date is forgotten with the ladder.
      loaded(await ds.load({ name: 'orders.csv', bytes: text(`${ORDERS2}10,V,2024-12-20,100\n`) }));
      expect((await ds.ladder({ rules: RULES })).asOf).toBe('2024-12-21');
      expect(builds).toBe(4);
    } finally {
      await ds.close();
    }
  });

  it('a comparison judges both dates by the later one\'s inactivity window', async () => {
    const ds = await small(null);
    try {
      const cmp = await ds.ladderComparison({ from: '2024-11-01', to: AS_OF });
      expect(cmp.from.lapsed.windowDays).toBe(cmp.to.lapsed.windowDays);
      expect(cmp.from.lapsed.windowDerived).toBe(cmp.to.lapsed.windowDerived);
    } finally {
      await ds.close();
    }
  });
});
