import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RfmOptionsError } from '../../src/analytics/rfm-options.js';
import { Dataset } from '../../src/data/dataset.js';
import { hasSharedData, sharedFile, text, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';

/**
 * The scored table behind the dashboard: one scoring per request, kept in the engine, read as
 * an overview (summary + R-by-F counts), joined into the customer list, re-segmented in place.
 */

let dataset: Dataset;
beforeAll(async () => {
  dataset = new Dataset(await withEngine());
});
afterAll(async () => {
  await dataset.close();
});

// Six customers over 2024; analysis date 2025-01-01 by default.
const SHOP = `customer,date,amount
A,2024-01-05,100
A,2024-06-01,50
A,2024-12-20,80
B,2024-12-28,30
C,2024-03-01,500
C,2024-03-15,20
D,2024-07-01,60
E,2024-11-30,45
E,2024-12-01,-45
F,2024-02-02,10`;

async function loadShop(): Promise<void> {
  loaded(await dataset.load({ name: 'shop.csv', bytes: text(SHOP) }));
}

describe('scoring kept in the engine', () => {
  beforeAll(loadShop);

  it('types every scored customer with the window of customerTypes, and counts them', async () => {
    const [rfm, types] = await Promise.all([dataset.rfm(), dataset.customerTypes()]);
    expect(rfm.windowDays).toBe(types.windowDays);
    expect(rfm.windowDerived).toBe(true);
    const typeById = new Map(types.customers.map((c) => [c.customer_id, c.type]));
    expect(rfm.customers).toHaveLength(6);
    for (const c of rfm.customers) expect(c.type).toBe(typeById.get(c.customer_id));
    expect(rfm.typeCounts).toEqual({ ...types.counts });
    expect(rfm.scoredCustomers).toBe(6);
  });

  it('an explicit window decides active vs inactive (inactive when silent MORE than the window)', async () => {
    // Recency (days to 2025-01-01): A 12, B 4, C 291, D 184, E 31, F 334.
    const rfm = await dataset.rfm({ windowDays: 31 });
    expect(rfm.windowDerived).toBe(false);
    const type = Object.fromEntries(rfm.customers.map((c) => [c.customer_id, c.type]));
    expect(type).toEqual({ A: 'active', B: 'active', C: 'inactive', D: 'inactive', E: 'active', F: 'inactive' });
    expect(rfm.typeCounts).toEqual({ active: 3, inactive: 3, potential: 0 });
  });

  it('refuses a bad window as an RFM option error', async () => {
    await expect(dataset.rfm({ windowDays: 0 })).rejects.toThrow(RfmOptionsError);
    await expect(dataset.scoreOverview({ windowDays: 2.5 })).rejects.toThrow(/windowDays must be a positive whole number/);
  });

  it('the overview agrees with the summary and the rows: grid counts add up per R/F pair', async () => {
    const overview = await dataset.scoreOverview({ bins: 3 });
    const rfm = await dataset.rfm({ bins: 3 });
    expect(overview.summary).toEqual(await dataset.segmentSummary({ bins: 3 }));
    expect(overview.cutPoints).toEqual(rfm.cutPoints);
    const expected = new Map<string, number>();
    for (const c of rfm.customers) expected.set(`${c.r_score},${c.f_score}`, (expected.get(`${c.r_score},${c.f_score}`) ?? 0) + 1);
    expect(new Map(overview.grid.map((g) => [`${g.r_score},${g.f_score}`, g.customers]))).toEqual(expected);
    expect(overview.grid.reduce((n, g) => n + g.customers, 0)).toBe(overview.scoredCustomers);
  });

  it('a rule change re-segments in place and gives what a fresh scoring gives', async () => {
    const first = await dataset.scoreOverview({ segments: 'rfm-vignette' });
    const changed = await dataset.scoreOverview({ segments: 'rf-grid' });
    expect(changed.cutPoints).toEqual(first.cutPoints);
    expect(changed.rules.map((r) => r.name)).toContain('Hibernating');
    const inPlace = await dataset.rfm({ segments: 'rf-grid' });
    // A fresh dataset on a fresh engine scores from scratch.
    const fresh = new Dataset(await withEngine());
    try {
      loaded(await fresh.load({ name: 'shop.csv', bytes: text(SHOP) }));
      expect((await fresh.rfm({ segments: 'rf-grid' })).customers).toEqual(inPlace.customers);
      expect(await fresh.segmentSummary({ segments: 'rf-grid' })).toEqual(changed.summary);
    } finally {
      await fresh.close();
    }
  });
});

describe('the customer list after a scoring', () => {
  beforeAll(loadShop);

  it('carries scores, segment and type, and filters by segment and by type', async () => {
    const rfm = await dataset.rfm({ windowDays: 31 });
    const rows = await dataset.customers({ sort: 'customer_id', direction: 'asc' });
    expect(rows.map((r) => r.customer_id)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    for (const r of rows) {
      const c = rfm.customers.find((x) => x.customer_id === r.customer_id)!;
      expect(r).toMatchObject({ recency_days: c.recency_days, r_score: c.r_score, f_score: c.f_score, m_score: c.m_score, segment: c.segment, type: c.type });
    }
    const someSegment = rfm.customers[0]!.segment;
    const inSegment = await dataset.customers({ filter: { segment: someSegment } });
    expect(inSegment.map((r) => r.customer_id).sort()).toEqual(
      rfm.customers.filter((c) => c.segment === someSegment).map((c) => c.customer_id).sort(),
    );
    expect((await dataset.customers({ filter: { type: 'inactive' } })).map((r) => r.customer_id).sort()).toEqual(['C', 'D', 'F']);
    expect(await dataset.customers({ filter: { type: 'inactive', segment: 'No such segment' } })).toEqual([]);
    // A segment name is a bound value, never SQL.
    expect(await dataset.customers({ filter: { segment: "x' OR '1'='1" } })).toEqual([]);
  });

  it('sorts by segment in rule order, and by scores', async () => {
    const rfm = await dataset.rfm();
    const order = new Map([...rfm.rules.map((r, i) => [r.name, i] as const), ['Others', rfm.rules.length]]);
    const bySegment = await dataset.customers({ sort: 'segment', direction: 'asc' });
    const ranks = bySegment.map((r) => order.get(r.segment!)!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const byR = await dataset.customers({ sort: 'r_score', direction: 'desc' });
    expect(byR[0]!.r_score).toBe(Math.max(...rfm.customers.map((c) => c.r_score)));
  });

  it('a new load forgets the scoring: scores are null again until the next one', async () => {
    await dataset.rfm();
    loaded(await dataset.load({ name: 'other.csv', bytes: text('customer,date,amount\nZ,2024-01-01,5') }));
    const [z] = await dataset.customers();
    expect(z).toMatchObject({ customer_id: 'Z', r_score: null, segment: null, type: null });
    await dataset.scoreOverview();
    expect((await dataset.customers())[0]).toMatchObject({ customer_id: 'Z', r_score: 5, type: 'active' });
  });
});

describe('potential customers, from the customer list', () => {
  beforeAll(async () => {
    await loadShop();
    // The customer list: A and B bought, P and Q never ordered.
    const report = await dataset.loadCustomers({
      name: 'customers.csv',
      bytes: text('customer_id,name,signup_date\nA,,\nB,,\nP,Pat,\nQ,,2024-05-01\n'),
    });
    expect(report.rowsLoaded).toBe(4);
  });
  afterAll(async () => {
    await dataset.unloadCustomers();
  });

  it('counts listed customers without a purchase by the analysis date as potential', async () => {
    const overview = await dataset.scoreOverview();
    expect(overview.typeCounts.potential).toBe(2);
    expect((await dataset.customerTypes()).counts.potential).toBe(2);
    // Before B's only purchase (2024-12-28), B is potential too; C and F are not listed.
    const earlier = await dataset.scoreOverview({ analysisDate: '2024-12-27' });
    expect(earlier.typeCounts.potential).toBe(3);
  });

  it('lists them with no orders, and filters them', async () => {
    await dataset.scoreOverview({ analysisDate: '2024-12-27' });
    const potential = await dataset.customers({ filter: { type: 'potential' }, sort: 'customer_id', direction: 'asc' });
    expect(potential.map((r) => [r.customer_id, r.orders, r.segment])).toEqual([
      ['B', 1, null],
      ['P', 0, null],
      ['Q', 0, null],
    ]);
    expect((await dataset.customers()).length).toBe(8);
  });
});

describe.skipIf(!hasSharedData)('scoring real data: Online Retail', () => {
  it('the overview covers every buyer; filters and grid agree', async () => {
    const ds = new Dataset(await withEngine());
    try {
      loaded(await ds.load({ name: 'online_retail.csv.gz', bytes: sharedFile('online-retail', 'online_retail.csv.gz') }));
      const overview = await ds.scoreOverview();
      expect(overview.scoredCustomers).toBeGreaterThan(4000);
      expect(overview.summary.reduce((n, s) => n + s.customers, 0)).toBe(overview.scoredCustomers);
      expect(overview.grid.reduce((n, g) => n + g.customers, 0)).toBe(overview.scoredCustomers);
      expect(overview.typeCounts.active + overview.typeCounts.inactive).toBe(overview.scoredCustomers);
      const champions = overview.summary.find((s) => s.segment === 'Champions')!;
      expect((await ds.customers({ filter: { segment: 'Champions' } })).length).toBe(champions.customers);
    } finally {
      await ds.close();
    }
  }, 120_000);
});
