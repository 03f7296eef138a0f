import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../src/data/dataset.js';
import { hasSharedData, sharedFile, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';

/**
 * The ladder on real data (../shared/data, present in CI; skipped with a warning otherwise):
 * UCI Online Retail has orders only, so the ladder must say what it inferred and what it
 * cannot know; the SERVQUAL kiosk survey is real feedback (recommend intention, 1-5) from
 * respondents who share no id with the shop, so the ladder must say the feedback matches no one.
 */
describe.skipIf(!hasSharedData)('the ladder on real data', () => {
  let ds: Dataset;
  beforeAll(async () => {
    ds = new Dataset(await withEngine());
    loaded(await ds.load({ name: 'online_retail.csv.gz', bytes: sharedFile('online-retail', 'online_retail.csv.gz') }));
  }, 120_000);
  afterAll(() => ds.close());

  it('Online Retail, orders only: every buyer placed, missing evidence said, never a silent zero', async () => {
    const l = await ds.ladder();
    // The buyers RFM scores (ids with only cancellations never bought, so they are not contacts).
    const segments = await ds.segmentSummary();
    expect(l.contacts).toBe(4339);
    expect(l.contacts).toBe(segments.reduce((s, r) => s + r.customers, 0));
    expect(l.rungs.reduce((s, r) => s + r.customers, 0) + l.lapsed.customers).toBe(l.contacts);
    expect(l.evidence.feedback).toBe('absent');
    expect(l.evidence.messages).toEqual([
      'No customer list: prospects (contacts who never bought) are not known, so the ladder starts at customer.',
      'No feedback data. Supporter inferred from frequency (F score 4-5 of 5). Advocate not available.',
    ]);
    const available = Object.fromEntries(l.rungs.map((r) => [r.rung, r.available]));
    expect(available).toEqual({ prospect: false, customer: true, client: true, supporter: true, advocate: false, partner: false });
    const supporter = l.rungs.find((r) => r.rung === 'supporter')!;
    expect(supporter.customers).toBeGreaterThan(0);
    expect(l.evidence.rungs.supporter.basis).toBe('frequency');
    // Revenue on the rungs and lapsed adds up to the buyers' net revenue, as in the segments.
    const total = l.rungs.reduce((s, r) => s + r.revenue, 0) + l.lapsed.revenue;
    expect(total).toBeCloseTo(segments.reduce((s, r) => s + r.revenue, 0), 2);
    // One-time buyers are a minority among the store's wholesale customers, and many lapse.
    const customer = l.rungs.find((r) => r.rung === 'customer')!;
    expect(customer.conversionToNext).toBeGreaterThan(0.5);
    expect(l.lapsed.customers).toBeGreaterThan(0);
    expect(l.lapsed.windowDerived).toBe(true);
    console.info(
      `[rapport] Online Retail ladder: ${l.rungs.map((r) => `${r.rung} ${r.available ? r.customers : 'n/a'}`).join(', ')}, lapsed ${l.lapsed.customers} (window ${l.lapsed.windowDays} d)`,
    );
  });

  it('SERVQUAL recommend intention as feedback: loaded, but matching no customer, and said so', async () => {
    const report = await ds.loadFeedback(
      { name: 'respondents.csv', bytes: sharedFile('servqual-kiosk', 'respondents.csv') },
      { mapping: { customer_id: 'respondent_id', score: 'recommend_intention_total4' }, kind: 'recommend', scale: { min: 1, max: 5 } },
    );
    expect(report.rowsLoaded + report.rowsRejected).toBe(report.rowsRead);
    expect(report.rowsLoaded).toBe(194);
    expect(report.matchedCustomers).toBe(0);
    const l = await ds.ladder();
    expect(l.evidence).toMatchObject({ feedback: 'unmatched', feedbackRows: 194, matchedCustomers: 0 });
    expect(l.evidence.messages[1]).toMatch(/^The feedback \(194 answers from 194 people\) matches no customer: check that it uses the same customer ids as the orders\./);
    expect(l.rungs.find((r) => r.rung === 'advocate')?.available).toBe(false);
  });
});
