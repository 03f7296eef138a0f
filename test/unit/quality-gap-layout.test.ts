import { describe, expect, it } from 'vitest';
import { deliveryLayout, gapVerdict, qualityGapLayout, scaleTicks, SMALL_GROUP_N } from '../../src/charts/quality-gap-layout.js';
import { deliveryResult, gapStat, groupedQualityResult, qualityResult, smallGroupQualityResult } from '../helpers/quality.js';
import type { QualityGapResult } from '../../src/analytics/quality.js';
import { signed } from '../../src/components/base/signed-format.js';

/** Two dimensions on 1-5, hand-made: service -1 (CI -1.5..-0.5), tangibles +0.5 (no CI). */
function small(): QualityGapResult {
  return {
    ...qualityResult(),
    scale: { min: 1, max: 5 },
    dimensions: [
      { dimension: 'service', items: 2, weight: 0.5, n: 10, expectation: 4, perception: 3, gap: -1, sd: 0.7, ciLow: -1.5, ciHigh: -0.5 },
      { dimension: 'tangibles', items: 1, weight: 0.5, n: 1, expectation: 3, perception: 3.5, gap: 0.5, sd: null, ciLow: null, ciHigh: null },
    ],
    items: [
      { item: 'q2', dimension: 'service', ...gapStat(4.5, 3, 10, 1) },
      { item: 'q1', dimension: 'service', ...gapStat(3.5, 3, 10, 1) },
      { item: 'q3', dimension: 'tangibles', ...gapStat(3, 3.5, 1, null) },
    ],
  };
}

describe('qualityGapLayout', () => {
  it('places expectation and perception on the scale, min at 0 and max at 1', () => {
    const l = qualityGapLayout(small());
    const [service, tangibles] = l.rows;
    expect(service!.eX).toBeCloseTo((4 - 1) / 4, 12);
    expect(service!.pX).toBeCloseTo((3 - 1) / 4, 12);
    expect(service!.lineX0).toBeCloseTo(0.5, 12);
    expect(service!.lineX1).toBeCloseTo(0.75, 12);
    expect(tangibles!.eX).toBeCloseTo(0.5, 12);
    expect(tangibles!.pX).toBeCloseTo(0.625, 12);
    expect(l.scaleTicks.map((t) => t.value)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(l.scaleTicks[0]!.x).to.equal(0);
    expect(l.scaleTicks.at(-1)!.x).to.equal(1);
  });

  it('draws the gap as a bar from zero, on an axis holding every gap and interval, zero inside', () => {
    const l = qualityGapLayout(small());
    const [lo, hi] = l.gapDomain;
    expect(lo).toBeLessThanOrEqual(-1.5);
    expect(hi).toBeGreaterThanOrEqual(0.5);
    const at = (v: number) => (v - lo) / (hi - lo);
    expect(l.zeroX).toBeCloseTo(at(0), 12);
    const [service, tangibles] = l.rows;
    // Negative: from the gap to zero; positive: from zero to the gap.
    expect(service!.barX0).toBeCloseTo(at(-1), 12);
    expect(service!.barX1).toBeCloseTo(l.zeroX, 12);
    expect(tangibles!.barX0).toBeCloseTo(l.zeroX, 12);
    expect(tangibles!.barX1).toBeCloseTo(at(0.5), 12);
    expect(service!.ciX0).toBeCloseTo(at(-1.5), 12);
    expect(service!.ciX1).toBeCloseTo(at(-0.5), 12);
    // No interval for n < 2.
    expect(tangibles!.ciX0).to.equal(null);
    expect(tangibles!.ciX1).to.equal(null);
    expect(l.gapTicks.some((t) => t.value === 0 && Math.abs(t.x - l.zeroX) < 1e-12)).to.equal(true);
    for (const t of l.gapTicks) expect(t.x).toBeGreaterThanOrEqual(0);
  });

  it('flags negative gaps, and significant ones when the whole interval is below zero', () => {
    const r = small();
    r.dimensions[0] = { ...r.dimensions[0]!, ciHigh: 0.2 };
    const l = qualityGapLayout(r);
    expect(l.rows[0]!.negative).to.equal(true);
    expect(l.rows[0]!.significant).to.equal(false);
    expect(l.rows[1]!.negative).to.equal(false);
    expect(qualityGapLayout(small()).rows[0]!.significant).to.equal(true);
  });

  it('keeps the dimensions in the order given and shows the items of expanded ones, indented', () => {
    const closed = qualityGapLayout(small());
    expect(closed.rows.map((r) => r.key)).to.deep.equal(['d:service', 'd:tangibles']);
    expect(closed.rows.every((r) => r.expandable && !r.expanded)).to.equal(true);
    const open = qualityGapLayout(small(), { expanded: new Set(['service']) });
    expect(open.rows.map((r) => r.key)).to.deep.equal(['d:service', 'i:service:q2', 'i:service:q1', 'd:tangibles']);
    expect(open.rows[0]!.expanded).to.equal(true);
    expect(open.rows[1]!.depth).to.equal(1);
    expect(open.rows[1]!.kind).to.equal('item');
    expect(open.rows[1]!.gap).toBeCloseTo(-1.5, 12);
  });

  it('does not blow tiny gaps up to the whole panel', () => {
    const r = small();
    r.dimensions = r.dimensions.map((d) => ({ ...d, gap: d.gap / 100, ciLow: null, ciHigh: null }));
    r.items = [];
    const l = qualityGapLayout(r, { minGapExtent: 0.5 });
    expect(l.gapDomain[1] - l.gapDomain[0]).toBeGreaterThanOrEqual(0.5);
    expect(l.rows[0]!.barX1 - l.rows[0]!.barX0).toBeLessThan(0.05);
    expect(l.rows[0]!.expandable).to.equal(false);
  });

  it('lays out the groups on the same gap axis, in the overall dimension order', () => {
    const g = groupedQualityResult();
    const l = qualityGapLayout(g);
    expect(l.groups).to.have.length(3);
    const order = g.dimensions.map((d) => d.dimension);
    for (const s of l.groups!) expect(s.rows.map((r) => r.dimension)).to.deep.equal(order);
    const all = g.groups!.groups.flatMap((x) => x.dimensions);
    const lowest = Math.min(...all.map((d) => d.ciLow!));
    expect(l.gapDomain[0]).toBeLessThanOrEqual(lowest);
    expect(l.groups![0]!.rows[0]!.key).to.equal(`g:Champions:${order[0]}`);
    expect(qualityGapLayout(qualityResult()).groups).to.equal(null);
  });

  it('keeps a group of 2 from stretching the gap axis: its intervals are clipped, flagged small', () => {
    const without = qualityGapLayout(groupedQualityResult());
    const l = qualityGapLayout(smallGroupQualityResult());
    // The n = 2 group's intervals (−23.5 … +21 on a 1-7 scale) do not size the axis at all.
    expect(l.gapDomain).to.deep.equal(without.gapDomain);
    expect(l.gapDomain[0]).toBeGreaterThanOrEqual(-6);
    expect(l.gapDomain[1]).toBeLessThanOrEqual(6);
    // Bars of the large groups keep a visible length.
    const worst = l.groups![0]!.rows[0]!;
    expect(worst.barX1 - worst.barX0).toBeGreaterThan(0.2);
    const tiny = l.groups!.at(-1)!;
    expect(tiny.small).to.equal(true);
    expect(l.groups![0]!.small).to.equal(false);
    expect(tiny.verdict).to.equal('below-noise');
    for (const r of tiny.rows) {
      expect(r.small).to.equal(true);
      expect(r.ciX0).to.equal(0);
      expect(r.ciX1).to.equal(1);
      expect(r.ciClippedLow && r.ciClippedHigh).to.equal(true);
      // Its gap still sits on the axis.
      expect(r.barX0).toBeGreaterThanOrEqual(0);
      expect(r.barX1).toBeLessThanOrEqual(1);
    }
    expect(l.groups![0]!.rows.some((r) => r.ciClippedLow || r.ciClippedHigh)).to.equal(false);
    // Ticks: distinct, on the axis, zero kept when narrow thinning leaves out every other one.
    const values = l.gapTicks.map((t) => t.value);
    expect(new Set(values).size).to.equal(values.length);
    expect(l.gapTicks.find((t) => t.value === 0)!.thin).to.equal(false);
    expect(l.gapTicks.filter((t) => !t.thin).length).toBeGreaterThanOrEqual(2);
    expect(SMALL_GROUP_N).to.equal(10);
  });

  it('never makes the gap axis wider than ±(max − min), clipping even large-n intervals past it', () => {
    const r = small();
    r.dimensions[0] = { ...r.dimensions[0]!, n: 40, gap: -3.9, ciLow: -9, ciHigh: 1 };
    const l = qualityGapLayout(r);
    expect(l.gapDomain[0]).toBeGreaterThanOrEqual(-4);
    expect(l.gapDomain[1]).toBeLessThanOrEqual(4);
    expect(l.rows[0]!.ciClippedLow).to.equal(true);
    expect(l.rows[0]!.ciClippedHigh).to.equal(false);
    expect(l.rows[0]!.ciX0).to.equal(0);
  });

  it('has one rule for "not kept": the whole interval below zero', () => {
    expect(gapVerdict({ gap: -1, ciLow: -1.5, ciHigh: -0.5 })).to.equal('not-kept');
    expect(gapVerdict({ gap: -1, ciLow: -2, ciHigh: 0.1 })).to.equal('below-noise');
    expect(gapVerdict({ gap: -1, ciLow: null, ciHigh: null })).to.equal('below-unknown');
    expect(gapVerdict({ gap: 0, ciLow: -1, ciHigh: 1 })).to.equal('level');
    expect(gapVerdict({ gap: 0.4, ciLow: -0.1, ciHigh: 0.9 })).to.equal('above-noise');
    expect(gapVerdict({ gap: 0.4, ciLow: 0.1, ciHigh: 0.7 })).to.equal('above');
    const l = qualityGapLayout(small());
    expect(l.rows.map((x) => x.verdict)).to.deep.equal(['not-kept', 'above-noise']);
  });

  it('says what a gap is by codes only, never in words (the element names them in the reader’s language)', async () => {
    const mod = await import('../../src/charts/quality-gap-layout.js');
    expect(Object.keys(mod)).not.to.include('VERDICT_WORDS');
    const codes = ['not-kept', 'below-noise', 'below-unknown', 'level', 'above-noise', 'above'];
    const l = qualityGapLayout(groupedQualityResult());
    const rows = [...l.rows, ...l.groups!.flatMap((g) => g.rows)];
    for (const r of rows) expect(codes).to.include(r.verdict);
    for (const g of l.groups!) expect(codes).to.include(g.verdict);
    // The only text a row carries is codes and the data's own names (dimension, item, group).
    const textFields = new Set(rows.flatMap((r) => Object.entries(r).filter(([, v]) => typeof v === 'string').map(([k]) => k)));
    expect([...textFields].sort()).to.deep.equal(['dimension', 'key', 'kind', 'label', 'verdict']);
  });

  it('thins the ticks of a long scale', () => {
    expect(scaleTicks(0, 10).map((t) => t.value)).to.deep.equal([0, 2, 4, 6, 8, 10]);
    expect(scaleTicks(1, 7)).to.have.length(7);
  });
});

describe('deliveryLayout', () => {
  it('places on-time and late means with their intervals on the review scale', () => {
    const l = deliveryLayout(deliveryResult())!;
    expect(l.onTime!.x).toBeCloseTo((4.21 - 1) / 4, 12);
    expect(l.late!.x).toBeCloseTo((2.57 - 1) / 4, 12);
    expect(l.late!.ciX0).toBeCloseTo((2.53 - 1) / 4, 12);
    expect(l.late!.ciX1).toBeCloseTo((2.61 - 1) / 4, 12);
    expect(l.scaleTicks.map((t) => t.value)).to.deep.equal([1, 2, 3, 4, 5]);
  });

  it('is null without review scores, and leaves out a side with no scores', () => {
    expect(deliveryLayout(deliveryResult({ satisfaction: null }))).to.equal(null);
    const d = deliveryResult();
    d.satisfaction!.late = { n: 0, mean: null, sd: null, ciLow: null, ciHigh: null };
    expect(deliveryLayout(d)!.late).to.equal(null);
  });
});

describe('signed', () => {
  it('writes negative figures with a true minus sign (U+2212), positive with a plus, zero bare', () => {
    expect(signed(-1.2, 'en-US')).to.equal('\u22121.20');
    expect(signed(0.354, 'en-US')).to.equal('+0.35');
    expect(signed(0, 'en-US')).to.equal('0.00');
    expect(signed(-0.001, 'en-US')).to.equal('0.00');
    expect(signed(-2, 'de-DE', 1)).to.equal('\u22122,0');
  });
});
