import { describe, expect, it } from 'vitest';
import { clvGroupBars } from '../../src/charts/clv-groups-layout.js';
import type { ClvGroupRow } from '../../src/analytics/clv/clv-groups.js';

function row(group: string, totalClv: number | null, predicted = 10): ClvGroupRow {
  return {
    group,
    customers: predicted,
    predicted,
    valued: totalClv === null ? 0 : predicted,
    probablyLost: 0,
    totalClv,
    meanClv: totalClv === null ? null : totalClv / predicted,
    meanProbabilityAlive: 0.5,
    totalExpectedPurchases: predicted,
    meanExpectedPurchases: 1,
  };
}

describe('clvGroupBars', () => {
  it('puts every group on one scale, the largest total filling the bar, shares of the whole', () => {
    const bars = clvGroupBars([row('a', 200), row('b', 50), row('c', null), row('d', 0)]);
    expect(bars.map((b) => b.everyoneLength)).toEqual([1, 0.25, 0, 0]);
    expect(bars.map((b) => b.share)).toEqual([0.8, 0.2, null, 0]);
    expect(bars.every((b) => b.selected === null && b.selectedLength === 0 && b.shown === b.everyone)).toBe(true);
  });

  it('draws the selection inside its group on everyone’s scale; shares are of the selection’s value; a group it misses reads as empty', () => {
    const bars = clvGroupBars([row('a', 200), row('b', 100), row('c', 100)], [row('c', 30, 3), row('a', 90, 4)]);
    expect(bars.map((b) => b.group)).toEqual(['a', 'b', 'c']);
    expect(bars.map((b) => b.everyoneLength)).toEqual([1, 0.5, 0.5]);
    expect(bars.map((b) => b.selectedLength)).toEqual([0.45, 0, 0.15]);
    expect(bars.map((b) => b.share)).toEqual([0.75, null, 0.25]);
    expect(bars[1]!.shown).toMatchObject({ group: 'b', customers: 0, predicted: 0, totalClv: null });
    expect(bars[0]!.shown.predicted).toBe(4);
  });

  it('leaves out a selected group that is not one of everyone’s (figures of another scoring), from the bars and the shares', () => {
    const bars = clvGroupBars([row('a', 100), row('b', 100)], [row('a', 30, 3), row('gone', 70, 2)]);
    expect(bars.map((b) => b.group)).toEqual(['a', 'b']);
    expect(bars[0]!.share).toBe(1);
    expect(bars[0]!.selectedLength).toBe(0.3);
  });

  it('has no lengths or shares when nobody has a value (a model without a spend fit)', () => {
    const bars = clvGroupBars([row('a', null), row('b', null)]);
    expect(bars.map((b) => [b.everyoneLength, b.share])).toEqual([
      [0, null],
      [0, null],
    ]);
    expect(clvGroupBars([])).toEqual([]);
  });
});
