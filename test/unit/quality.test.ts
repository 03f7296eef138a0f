import { describe, expect, it } from 'vitest';
import {
  GROUP_ATTRIBUTE_RULES,
  QualityWeightsError,
  SERVQUAL_22_ITEMS,
  attributeLabel,
  gapStat,
  groupAttributes,
  looksDemographic,
  questionBatteryColumns,
  type AttributeProfile,
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
    expect(parseWeightsSpec(' tangibles = 20 , empathy=30 ,')).toEqual({ tangibles: 20, empathy: 30 });
    // A percentage is a fraction: 20% and 0.3 mix as meant.
    expect(parseWeightsSpec('tangibles=20%,reliability=0.3')).toEqual({ tangibles: 0.2, reliability: 0.3 });
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

describe('respondent attributes as splits', () => {
  const profile = (column: string, groups: number, answered = 100, largest = 50, longest = 5): AttributeProfile => ({ column, groups, answered, largest, longest });

  it('readable labels: separators and camelCase to words; `by` keeps the name', () => {
    expect(attributeLabel('age_group')).toBe('age group');
    expect(attributeLabel('AgeGroup')).toBe('Age group');
    expect(attributeLabel('visit-kind.2')).toBe('visit kind 2');
    expect(attributeLabel('CUSTOMER_TYPE')).toBe('customer type');
    expect(attributeLabel('NPS_band')).toBe('NPS band');
    expect(attributeLabel('NPS')).toBe('NPS');
    expect(attributeLabel('성별')).toBe('성별');
    expect(attributeLabel('  sex ')).toBe('sex');
  });

  it('demographic-looking names, in several languages, as words (usage is not age)', () => {
    for (const name of ['age', 'Age_Group', 'sex', 'Gender', 'customerRegion', 'sales channel', 'visit_frequency', 'RFM segment', 'plan', 'Idade', 'sexo', 'género', 'edad', 'umur', 'jantina', 'tipo_cliente', '성별', '年龄'])
      expect(looksDemographic(name), name).toBe(true);
    for (const name of ['usage', 'reason', 'comment', 'storey', 'kano1_1', 'message'])
      expect(looksDemographic(name), name).toBe(false);
  });

  it('question batteries: numbered families of 3 or more columns', () => {
    const columns = ['sex', 'kano1_1', 'kano1_2', 'kano2_1', 'ipa1_1', 'ipa1_2', 'ipa2_1', 'total1', 'total2', 'total3', 'q1', 'q2', 'region2', 'age'];
    expect([...questionBatteryColumns(columns)].sort()).toEqual(['ipa1_1', 'ipa1_2', 'ipa2_1', 'kano1_1', 'kano1_2', 'kano2_1', 'total1', 'total2', 'total3']);
  });

  it('2..12 values, not near-unique, no value holding over 97%, short values; at most 8, demographics then fewest values', () => {
    const R = GROUP_ATTRIBUTE_RULES;
    expect(R).toMatchObject({ minGroups: 2, maxGroups: 12, maxOptions: 8, maxValueLength: 40 });
    const fits = groupAttributes([
      profile('one', 1, 100, 100),
      profile('two', 2),
      profile('twelve', 12),
      profile('thirteen', 13),
      profile('ids', 12, 14, 2), // 12 values over 14 respondents: near-unique
      profile('dominant', 2, 100, 98), // 98% in one value
      profile('mostly', 4, 194, 187), // 96%: still a split (the kiosk's age)
      profile('text', 3, 100, 50, 41),
    ]);
    expect(fits.map((p) => p.column)).toEqual(['two', 'twelve', 'mostly']);

    const many = ['colour', 'mood', 'shift', 'payment', 'weather', 'music', 'sex', 'light', 'region', 'noise'].map((c, i) => profile(c, 2 + (i % 4)));
    // groups: colour 2, mood 3, shift 4, payment 5, weather 2, music 3, sex 4, light 5, region 2, noise 3:
    // sex and region, then the six with fewest values (payment and light left out), in the given order.
    expect(groupAttributes(many).map((p) => p.column)).toEqual(['colour', 'mood', 'shift', 'weather', 'music', 'sex', 'region', 'noise']);
  });
});
