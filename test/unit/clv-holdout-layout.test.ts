import { describe, expect, it } from 'vitest';
import { clvHoldoutLayout, HOLDOUT_SERIES, type HoldoutGroupInput } from '../../src/charts/clv-holdout-layout.js';

const group = (frequency: number, predicted: number, actual: number, customers = 10, orMore = false): HoldoutGroupInput => ({
  frequency,
  orMore,
  customers,
  predicted,
  actual,
});

/** Three groups, the last open-ended: 0 (0.2 vs 0.25), 1 (0.9 vs 0.8), 2+ (2.4 vs 2.6). */
const groups = [group(0, 0.2, 0.25, 100), group(1, 0.9, 0.8, 30), group(2, 2.4, 2.6, 12, true)];

describe('clvHoldoutLayout', () => {
  it('gives one band per group, in order, each with a predicted then an actual bar', () => {
    const l = clvHoldoutLayout(groups, { width: 300, height: 200 });
    expect(l.bands.map((b) => b.frequency)).toEqual([0, 1, 2]);
    expect(l.bands.map((b) => b.orMore)).toEqual([false, false, true]);
    expect(l.bands.map((b) => b.customers)).toEqual([100, 30, 12]);
    for (const b of l.bands) {
      expect(b.marks.map((m) => m.series)).toEqual([...HOLDOUT_SERIES]);
      const [p, a] = b.marks;
      // Side by side inside the band, predicted on the left, not overlapping.
      expect(p.x).toBeCloseTo(b.x, 9);
      expect(a.x + a.width).toBeCloseTo(b.x + b.width, 9);
      expect(p.x + p.width).toBeLessThan(a.x);
      expect(b.center).toBeCloseTo(b.x + b.width / 2, 9);
      // The marker sits on the bar's top, in its middle.
      for (const m of b.marks) {
        expect(m.cx).toBeCloseTo(m.x + m.width / 2, 9);
        expect(m.cy).toBe(m.y);
      }
    }
    expect(l.bands[2]!.difference).toBeCloseTo(0.2, 12);
    expect(l.bands[1]!.difference).toBeCloseTo(-0.1, 12);
  });

  it('keeps the bands inside the width, in increasing x, with room between them', () => {
    const l = clvHoldoutLayout(groups, { width: 300, height: 200 });
    expect(l.bands[0]!.x).toBeGreaterThan(0);
    expect(l.bands.at(-1)!.x + l.bands.at(-1)!.width).toBeLessThan(300);
    for (let i = 1; i < l.bands.length; i++) expect(l.bands[i]!.x).toBeGreaterThan(l.bands[i - 1]!.x + l.bands[i - 1]!.width);
  });

  it('scales bar heights to the values on a nice y axis from zero at the bottom', () => {
    const l = clvHoldoutLayout(groups, { width: 300, height: 200 });
    expect(l.yMax).toBe(3);
    expect(l.ticks[0]).toEqual({ value: 0, y: 200 });
    expect(l.ticks.at(-1)).toEqual({ value: 3, y: 0 });
    for (const t of l.ticks) expect(t.y).toBeCloseTo(200 - (t.value / 3) * 200, 9);
    const actual2 = l.bands[2]!.marks[1];
    expect(actual2.height).toBeCloseTo((2.6 / 3) * 200, 9);
    expect(actual2.y + actual2.height).toBeCloseTo(200, 9);
    const predicted0 = l.bands[0]!.marks[0];
    expect(predicted0.height).toBeCloseTo((0.2 / 3) * 200, 9);
  });

  it('draws empty bars, on a 0..1 axis, when nothing was bought', () => {
    const l = clvHoldoutLayout([group(0, 0, 0), group(1, 0, 0)], { width: 100, height: 50 });
    expect(l.yMax).toBe(1);
    for (const b of l.bands) expect(b.marks.map((m) => [m.height, m.y])).toEqual([[0, 50], [0, 50]]);
  });

  it('draws a missing value as an empty bar and leaves it out of the axis', () => {
    const l = clvHoldoutLayout([group(0, 0.1, 0.2), group(1, Number.NaN, 0.5)], { width: 100, height: 50 });
    expect(l.yMax).toBe(0.5);
    expect(l.bands[1]!.marks[0].height).toBe(0);
    expect(l.bands[1]!.marks[0].y).toBe(50);
    expect(Number.isNaN(l.bands[1]!.marks[0].value)).toBe(true);
    expect(Number.isNaN(l.bands[1]!.difference)).toBe(true);
    expect(l.bands[1]!.marks[1].height).toBeCloseTo(50, 9);
    expect(l.bands[0]!.marks[1].height).toBeCloseTo(20, 9);
  });

  it('lays out no groups as an empty chart with an axis', () => {
    const l = clvHoldoutLayout([], { width: 100, height: 50 });
    expect(l.bands).toEqual([]);
    expect(l.yMax).toBe(1);
    expect(l.ticks.length).toBeGreaterThan(1);
  });
});
