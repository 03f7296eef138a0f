import { describe, expect, it } from 'vitest';
import {
  QualityWeightsError,
  SERVQUAL_22_ITEMS,
  gapStat,
  normaliseWeights,
  parseWeightsSpec,
  sortDimensionGaps,
  sortItemGaps,
  tCdf,
  tQuantile,
} from '../../src/analytics/quality.js';

/** Published two-sided 95% critical values t(0.975, df) (any statistics table). */
const T975: [number, number][] = [
  [1, 12.7062],
  [2, 4.3027],
  [3, 3.1824],
  [4, 2.7764],
  [5, 2.5706],
  [10, 2.2281],
  [20, 2.086],
  [30, 2.0423],
  [60, 2.0003],
  [100, 1.984],
  [1000, 1.9623],
];

describe("Student's t quantile", () => {
  it.each(T975)('t(0.975, %i) = %f', (df, t) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(t, 3);
  });

  it('other levels, symmetry, the median and the normal limit', () => {
    expect(tQuantile(0.995, 10)).toBeCloseTo(3.1693, 3);
    expect(tQuantile(0.95, 5)).toBeCloseTo(2.015, 3);
    expect(tQuantile(0.9, 1)).toBeCloseTo(3.0777, 3);
    expect(tQuantile(0.025, 4)).toBeCloseTo(-2.7764, 3);
    expect(tQuantile(0.5, 7)).toBe(0);
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.96, 2);
    // The CDF it inverts.
    expect(tCdf(2.7764451, 4)).toBeCloseTo(0.975, 6);
    expect(tCdf(0, 3)).toBeCloseTo(0.5, 12);
  });

  it('refuses what has no quantile', () => {
    expect(() => tQuantile(1, 3)).toThrow(RangeError);
    expect(() => tQuantile(0, 3)).toThrow(RangeError);
    expect(() => tQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('gapStat', () => {
  it('mean +- t(0.975, n-1) sd / sqrt(n): three gaps -1, 1, -2', () => {
    // mean -2/3; sd = sqrt(((-1/3)^2 + (5/3)^2 + (-4/3)^2) / 2) = sqrt(7/3) = 1.52753
    const s = gapStat({ n: 3, expectation: 4, perception: 10 / 3, gap: -2 / 3, sd: Math.sqrt(7 / 3) });
    const half = (4.302653 * Math.sqrt(7 / 3)) / Math.sqrt(3);
    expect(half).toBeCloseTo(3.7946, 4);
    expect(s.ciLow).toBeCloseTo(-2 / 3 - half, 4);
    expect(s.ciHigh).toBeCloseTo(-2 / 3 + half, 4);
    expect(s.sd).toBeCloseTo(1.52753, 5);
    expect(s).toMatchObject({ n: 3, expectation: 4, gap: -2 / 3 });
  });

  it('no interval (and no sd) below two respondents; a zero sd is a zero-width interval', () => {
    expect(gapStat({ n: 1, expectation: 5, perception: 3, gap: -2, sd: null })).toEqual({
      n: 1, expectation: 5, perception: 3, gap: -2, sd: null, ciLow: null, ciHigh: null,
    });
    const flat = gapStat({ n: 4, expectation: 5, perception: 4, gap: -1, sd: 0 });
    expect([flat.ciLow, flat.ciHigh]).toEqual([-1, -1]);
  });
});

describe('weights', () => {
  it('parses a spec, with fractions, points or percentages', () => {
    expect(parseWeightsSpec('tangibles=0.2,reliability=0.3')).toEqual({ tangibles: 0.2, reliability: 0.3 });
    expect(parseWeightsSpec(' tangibles = 20 , empathy=30% ,')).toEqual({ tangibles: 20, empathy: 30 });
  });

  it.each([
    ['', /none given/],
    ['tangibles', /"tangibles" has no dimension=weight/],
    ['=3', /"=3" has no dimension=weight/],
    ['tangibles=x', /"tangibles=x": the weight is not a number/],
    ['tangibles=-1', /not a number of 0 or more/],
    ['tangibles=1,tangibles=2', /"tangibles" is given twice/],
  ])('refuses %j', (spec, message) => {
    expect(() => parseWeightsSpec(spec)).toThrow(QualityWeightsError);
    expect(() => parseWeightsSpec(spec)).toThrow(message);
  });

  it('normalises to a sum of 1', () => {
    const w = normaliseWeights({ tangibles: 20, reliability: 30, empathy: 50 });
    expect(w).toEqual({ tangibles: 0.2, reliability: 0.3, empathy: 0.5 });
    expect(normaliseWeights({ a: 1, b: 3 })).toEqual({ a: 0.25, b: 0.75 });
    expect(() => normaliseWeights({ a: 0, b: 0 })).toThrow(/add up to 0/);
    expect(() => normaliseWeights({ a: Number.NaN })).toThrow(/"a" must be a number/);
    expect(() => normaliseWeights({})).toThrow(/No weights/);
  });
});

describe('order and defaults', () => {
  it('sorts by gap, most negative first; ties by item order or name', () => {
    const items = sortItemGaps([
      { item: 'b', gap: -1, order: 2 },
      { item: 'a', gap: -1, order: 1 },
      { item: 'c', gap: -2, order: 3 },
      { item: 'd', gap: 0.5, order: 0 },
    ]);
    expect(items.map((i) => i.item)).toEqual(['c', 'a', 'b', 'd']);
    const dims = sortDimensionGaps([
      { dimension: 'tangibles', gap: -0.5 },
      { dimension: 'empathy', gap: -0.5 },
      { dimension: 'assurance', gap: -1 },
    ]);
    expect(dims.map((d) => d.dimension)).toEqual(['assurance', 'empathy', 'tangibles']);
  });

  it('the 22 SERVQUAL items map to the five dimensions', () => {
    const counts: Record<string, number> = {};
    for (const d of Object.values(SERVQUAL_22_ITEMS)) counts[d] = (counts[d] ?? 0) + 1;
    expect(counts).toEqual({ tangibles: 4, reliability: 5, responsiveness: 4, assurance: 4, empathy: 5 });
  });
});
