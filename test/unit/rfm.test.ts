import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRfmOptions, RfmOptionsError } from '../../src/analytics/rfm-options.js';
import { SEGMENT_PRESETS, SegmentRulesError } from '../../src/analytics/segment-rules.js';
import { Dataset } from '../../src/data/dataset.js';
import type { RfmCustomer } from '../../src/data/rfm.js';
import { hasSharedData, sharedFile, text, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = new Dataset(await withEngine());
});
afterAll(async () => {
  await dataset.close();
});

async function loadCsv(csv: string): Promise<void> {
  loaded(await dataset.load({ name: 'rfm.csv', bytes: text(csv) }));
}

const METRICS = [
  ['recency_days', 'r_score'],
  ['frequency', 'f_score'],
  ['monetary', 'm_score'],
] as const;

function byId(customers: RfmCustomer[], id: string): RfmCustomer {
  const c = customers.find((x) => x.customer_id === id);
  if (!c) throw new Error(`no customer ${id}`);
  return c;
}

describe.skipIf(!hasSharedData)('RFM: compatible with the R package rfm (rfm_data_orders, analysis date 2006-12-31)', () => {
  beforeAll(async () => {
    loaded(await dataset.load({ name: 'rfm_data_orders.csv', bytes: sharedFile('rfm-r', 'rfm_data_orders.csv') }));
  });

  it('uses the published cut points (quantile type 7 at k/n, plus one)', async () => {
    const result = await dataset.rfm({ analysisDate: '2006-12-31' });
    expect(result.analysisDate).toBe('2006-12-31');
    expect(result.method).toBe('quantile');
    expect(result.bins).toBe(5);
    expect(result.customers).toHaveLength(995);
    const close = (actual: number[], expected: number[]) => {
      expect(actual).toHaveLength(expected.length);
      actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 9));
    };
    close(result.cutPoints.recency, [115, 181, 297.4, 482]);
    close(result.cutPoints.frequency, [4, 5, 6, 8]);
    close(result.cutPoints.monetary, [255.8, 382, 506.4, 666]);
  });

  it('scores the published customers: Agness O\'Keefe 5-5-5, Abbey O\'Reilly 3-4-3', async () => {
    const { customers } = await dataset.rfm({ analysisDate: '2006-12-31' });
    const agness = byId(customers, "Agness O'Keefe");
    expect([agness.r_score, agness.f_score, agness.m_score]).toEqual([5, 5, 5]);
    const abbey = byId(customers, "Abbey O'Reilly");
    expect([abbey.r_score, abbey.f_score, abbey.m_score]).toEqual([3, 4, 3]);
    // frequency = rows per customer, monetary = sum of revenue, recency in days.
    expect(abbey).toMatchObject({ recency_days: 205, frequency: 6, monetary: 472, last_order: '2006-06-09' });
  });

  it('vignette segments, first match wins: Champions = 35 customers, 316 orders, revenue 31,646', async () => {
    const summary = await dataset.segmentSummary({ analysisDate: '2006-12-31' });
    expect(summary.map((s) => s.segment)).toEqual([...SEGMENT_PRESETS['rfm-vignette'].map((r) => r.name), 'Others']);
    const champions = summary.find((s) => s.segment === 'Champions');
    expect(champions).toMatchObject({ customers: 35, orders: 316, revenue: 31646 });
    expect(summary.reduce((a, s) => a + s.customers, 0)).toBe(995);
    expect(summary.reduce((a, s) => a + (s.share_of_revenue ?? 0), 0)).toBeCloseTo(1, 9);
    // Later-rule-overwrites semantics (= first match over the reversed list) would give
    // every 5-5-5 customer to "Potential Loyalist", leaving Champions empty.
    const reversed = [...SEGMENT_PRESETS['rfm-vignette']].reverse();
    const overwrite = await dataset.segmentSummary({ analysisDate: '2006-12-31', segments: reversed });
    expect(overwrite.find((s) => s.segment === 'Champions')?.customers).toBe(0);
  });

  it('segments in rfm() agree with the summary', async () => {
    const { customers } = await dataset.rfm({ analysisDate: '2006-12-31' });
    const champions = customers.filter((c) => c.segment === 'Champions');
    expect(champions).toHaveLength(35);
    expect(champions.every((c) => c.r_score === 5 && c.f_score === 5 && c.m_score === 5)).toBe(true);
  });
});

/**
 * 24 customers with many ties: customer i buys (i % 6) + 1 times, each order on day
 * 2024-01-(1 + i % 4) plus 0..k days, amounts in steps of 10 that repeat every 5 customers.
 */
function tiedCsv(): string {
  const lines = ['customer_id,order_date,amount'];
  for (let i = 0; i < 24; i++) {
    const orders = (i % 6) + 1;
    for (let k = 0; k < orders; k++) {
      const day = 1 + (i % 4) + k * 3;
      lines.push(`C${String(i).padStart(2, '0')},2024-01-${String(day).padStart(2, '0')},${(i % 5) * 10 + 10}`);
    }
  }
  return lines.join('\n');
}

describe('RFM scores on hand-made data', () => {
  for (const bins of [3, 4, 5]) {
    it(`quantile, n = ${bins}: every score in 1..n, ties never split, scores follow the values`, async () => {
      await loadCsv(tiedCsv());
      const { customers, cutPoints } = await dataset.rfm({ bins, segments: [] });
      expect(customers).toHaveLength(24);
      for (const [metric, score] of METRICS) {
        expect(cutPoints[metric === 'recency_days' ? 'recency' : metric]).toHaveLength(bins - 1);
        const scoreOf = new Map<number, number>();
        for (const c of customers) {
          expect(c[score]).toBeGreaterThanOrEqual(1);
          expect(c[score]).toBeLessThanOrEqual(bins);
          const seen = scoreOf.get(c[metric]);
          if (seen !== undefined) expect(c[score], `${metric} ${c[metric]} split`).toBe(seen);
          scoreOf.set(c[metric], c[score]);
        }
        // Monotone: recency reversed (more recent = higher), the others ascending.
        const values = [...scoreOf.keys()].sort((a, b) => a - b);
        for (let i = 1; i < values.length; i++) {
          const [prev, cur] = [scoreOf.get(values[i - 1] as number) as number, scoreOf.get(values[i] as number) as number];
          if (metric === 'recency_days') expect(cur).toBeLessThanOrEqual(prev);
          else expect(cur).toBeGreaterThanOrEqual(prev);
        }
      }
      expect(customers.every((c) => c.segment === 'Others')).toBe(true);
    });
  }

  it('ntile: equal groups (sizes differ by at most one), ties may split', async () => {
    await loadCsv(tiedCsv());
    for (const bins of [3, 5, 7]) {
      const { customers, cutPoints } = await dataset.rfm({ method: 'ntile', bins, segments: [] });
      for (const [, score] of METRICS) {
        const sizes = Array.from({ length: bins }, (_, s) => customers.filter((c) => c[score] === s + 1).length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(24);
      }
      expect(cutPoints.frequency).toHaveLength(bins - 1);
      expect([...cutPoints.recency].sort((a, b) => a - b)).toEqual(cutPoints.recency);
    }
    // The most recent customers get the top recency score.
    const { customers } = await dataset.rfm({ method: 'ntile', bins: 3, segments: [] });
    const newest = Math.min(...customers.map((c) => c.recency_days));
    expect(customers.filter((c) => c.recency_days === newest).some((c) => c.r_score === 3)).toBe(true);
  });

  it('fixed: the given cut points are used and a value equal to a cut point goes to the upper bin', async () => {
    // Last order 2024-01-20, so the default analysis date is 2024-01-21.
    await loadCsv(
      [
        'customer_id,order_date,amount',
        'A,2024-01-16,50', // recency 5, frequency 1, monetary 50
        'B,2024-01-11,100', // recency 10, frequency 2, monetary 100 + 99.5
        'B,2024-01-01,99.5',
        'C,2024-01-01,100', // recency 20, frequency 3, monetary 200
        'C,2024-01-01,50',
        'C,2024-01-01,50',
        'D,2024-01-20,100', // recency 1, frequency 4, monetary 400
        'D,2024-01-20,100',
        'D,2024-01-20,100',
        'D,2024-01-20,100',
      ].join('\n'),
    );
    const breaks = { recency: [10, 20], frequency: [2, 4], monetary: [100, 200] };
    const result = await dataset.rfm({ method: 'fixed', breaks, segments: [] });
    expect(result.bins).toBe(3);
    expect(result.cutPoints).toEqual(breaks);
    expect(result.analysisDate).toBe('2024-01-21');
    const scores = Object.fromEntries(result.customers.map((c) => [c.customer_id, [c.recency_days, c.r_score, c.frequency, c.f_score, c.monetary, c.m_score]]));
    expect(scores).toEqual({
      A: [5, 3, 1, 1, 50, 1],
      B: [10, 2, 2, 2, 199.5, 2],
      C: [20, 1, 3, 2, 200, 3],
      D: [1, 3, 4, 3, 400, 3],
    });
  });

  it('analysis date: default is the day after the last order; an explicit date leaves later orders out', async () => {
    await loadCsv(
      [
        'order_id,customer_id,order_date,amount',
        '1,A,2024-01-10,100',
        '2,B,2024-01-11,30',
        '3,A,2024-02-01,50',
        'C2,B,2024-02-03,-10',
        '4,C,2024-03-05,20',
        'C9,D,2024-03-06,-5',
      ].join('\n'),
    );
    const all = await dataset.rfm({ segments: [] });
    // The last order is D's return on 2024-03-06: the analysis date is the day after.
    expect(all.analysisDate).toBe('2024-03-07');
    const a = byId(all.customers, 'A');
    expect(a).toMatchObject({
      recency_days: 35, frequency: 2, monetary: 150, first_order: '2024-01-10', last_order: '2024-02-01',
      tenure_days: 57, average_order_value: 75,
    });
    const asOf = await dataset.rfm({ analysisDate: '2024-03-01', segments: [] });
    expect(asOf.analysisDate).toBe('2024-03-01');
    expect(asOf.customers.map((c) => c.customer_id)).toEqual(['A', 'B']);
    expect(byId(asOf.customers, 'A').recency_days).toBe(29);
  });

  it('returns are netted into monetary but are not purchases; a customer with only returns is not scored', async () => {
    await loadCsv(
      [
        'order_id,customer_id,order_date,amount',
        '1,A,2024-01-10,100',
        '2,B,2024-01-11,30',
        '3,A,2024-02-01,50',
        'C2,B,2024-02-03,-10',
        '4,C,2024-03-05,20',
        'C9,D,2024-03-06,-5',
      ].join('\n'),
    );
    const { customers } = await dataset.rfm({ segments: [] });
    expect(customers.map((c) => c.customer_id)).toEqual(['A', 'B', 'C']);
    const b = byId(customers, 'B');
    expect(b).toMatchObject({ frequency: 1, monetary: 20, last_order: '2024-01-11', average_order_value: 30 });
    // Recency counts from the last purchase, not from the return.
    expect(b.recency_days).toBe(56);
  });

  it('segment summary covers every rule, then Others, with zero rows for empty segments', async () => {
    await loadCsv(tiedCsv());
    const rules = [
      { name: 'Top', r: [1, 3], f: [3, 3], m: [1, 3] },
      { name: 'Nobody', r: [3, 3], f: [3, 3], m: [3, 3] },
    ];
    const summary = await dataset.segmentSummary({ bins: 3, segments: rules });
    expect(summary.map((s) => s.segment)).toEqual(['Top', 'Nobody', 'Others']);
    expect(summary[1]).toMatchObject({ customers: 0, orders: 0, revenue: 0, average_frequency: null });
    expect(summary.reduce((a, s) => a + s.customers, 0)).toBe(24);
    const { customers } = await dataset.rfm({ bins: 3, segments: JSON.stringify(rules) });
    expect(customers.filter((c) => c.segment === 'Top')).toHaveLength(summary[0]?.customers ?? -1);
    expect(customers.filter((c) => c.segment === 'Top').every((c) => c.f_score === 3)).toBe(true);
  });

  it('returns no customers and no cut points for an empty dataset window', async () => {
    await loadCsv(tiedCsv());
    const result = await dataset.rfm({ analysisDate: '2000-01-01', segments: [] });
    expect(result.customers).toEqual([]);
    expect(result.cutPoints).toEqual({ recency: [], frequency: [], monetary: [] });
  });
});

describe('RFM options', () => {
  it('defaults: quantile, 5 bins, analysis date from the data', () => {
    expect(resolveRfmOptions()).toEqual({ method: 'quantile', bins: 5, breaks: null, analysisDate: null });
  });

  it.each([
    [{ method: 'kmeans' }, /method must be one of quantile, ntile, fixed/],
    [{ bins: 1 }, /bins must be a whole number from 2/],
    [{ bins: 2.5 }, /bins must be a whole number/],
    [{ analysisDate: '2024-02-30' }, /not a real calendar date: "2024-02-30"/],
    [{ analysisDate: '31/12/2006' }, /ISO date \(YYYY-MM-DD\)/],
    [{ analysisDate: 20240101 }, /ISO date string/],
    [{ method: 'fixed' }, /method "fixed" needs breaks/],
    [{ method: 'quantile', breaks: { recency: [1], frequency: [1], monetary: [1] } }, /only used by method "fixed"/],
    [{ method: 'fixed', breaks: { recency: [10, 5], frequency: [1, 2], monetary: [1, 2] } }, /breaks.recency must be strictly ascending: 10 is followed by 5/],
    [{ method: 'fixed', breaks: { recency: [1, 2], frequency: [1, 1], monetary: [1, 2] } }, /breaks.frequency must be strictly ascending/],
    [{ method: 'fixed', bins: 4, breaks: { recency: [1, 2], frequency: [1, 2], monetary: [1, 2] } }, /breaks.recency must have 3 cut points for 4 bins, got 2/],
    [{ method: 'fixed', breaks: { recency: [1, 2], frequency: [1, 2, 3], monetary: [1, 2] } }, /breaks.frequency must have 2 cut points for 3 bins, got 3/],
    [{ method: 'fixed', breaks: { recency: [1, 2], frequency: [1, '2'], monetary: [1, 2] } }, /breaks.frequency\[1\] must be a finite number/],
    [{ method: 'fixed', breaks: { recency: [1, 2], frequency: [1, 2] } }, /breaks.monetary is missing/],
    [{ method: 'fixed', breaks: { recency: [1, 2], frequency: [1, 2], monetary: [1, 2], tenure: [1, 2] } }, /Unknown breaks metric "tenure"/],
    [{ bin: 5 }, /Unknown RFM option "bin"/],
  ])('rejects %j', (options, message) => {
    expect(() => resolveRfmOptions(options as never)).toThrow(RfmOptionsError);
    expect(() => resolveRfmOptions(options as never)).toThrow(message);
  });

  it('Dataset.rfm rejects bad options and bad rules before running SQL', async () => {
    await expect(dataset.rfm({ analysisDate: 'yesterday' })).rejects.toThrow(RfmOptionsError);
    await expect(dataset.rfm({ bins: 3 , segments: 'rfm-vignette' })).rejects.toThrow(SegmentRulesError);
    await expect(dataset.segmentSummary({ segments: '[{"name": "X"' })).rejects.toThrow(/not valid JSON/);
  });
});
