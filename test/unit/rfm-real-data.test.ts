import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../src/data/dataset.js';
import { hasSharedData, sharedFile, withEngine } from '../helpers/engine.js';
import { loaded, scalar } from '../helpers/ingest.js';

/**
 * RFM on the real exports, after the ingest has cleaned them (no customer id rejected,
 * cancellations netted): every customer with a purchase is scored, every score is in 1..5,
 * and the segment summary adds up to the scored customers and their net spend.
 */
describe.skipIf(!hasSharedData)('RFM on real data', () => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = new Dataset(await withEngine());
  });
  afterAll(async () => {
    await dataset?.close();
  });

  it.each([
    ['Online Retail', ['online-retail', 'online_retail.csv.gz']],
    ['CDNOW', ['cdnow', 'CDNOW_master.csv']],
  ] as const)('%s scores without error and its segments add up', async (name, path) => {
    loaded(await dataset.load({ name: path[1], bytes: sharedFile(...path) }));
    const buyers = await scalar(dataset.engine, 'SELECT CAST(count(DISTINCT customer_id) AS INTEGER) FROM orders WHERE NOT is_return');
    const rfm = await dataset.rfm();
    expect(rfm.customers).toHaveLength(buyers);
    for (const c of rfm.customers) {
      for (const s of [c.r_score, c.f_score, c.m_score]) expect(s >= 1 && s <= 5).toBe(true);
    }
    for (const metric of ['recency', 'frequency', 'monetary'] as const) {
      const cuts = rfm.cutPoints[metric];
      expect(cuts).toHaveLength(4);
      expect([...cuts].sort((a, b) => a - b)).toEqual(cuts);
    }
    const summary = await dataset.segmentSummary();
    expect(summary.reduce((n, s) => n + s.customers, 0)).toBe(buyers);
    const spend = rfm.customers.reduce((sum, c) => sum + c.monetary, 0);
    expect(summary.reduce((sum, s) => sum + s.revenue, 0)).toBeCloseTo(spend, 2);
    console.log(`[rfm] ${name}: ${buyers} customers; ${summary.filter((s) => s.customers > 0).map((s) => `${s.segment} ${s.customers}`).join(', ')}`);
  });
});
