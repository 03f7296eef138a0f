import { describe, expect, it } from 'vitest';
import { COHORT_STEPS, cohortLayout } from '../../src/charts/cohort-layout.js';
import type { CohortRetention } from '../../src/analytics/cohorts.js';
import { handCohorts } from '../helpers/cohorts.js';

/** The hand-made triangle (test/helpers/cohorts.ts) with 10 January customers. */
const triangle = (): CohortRetention => handCohorts(10);

const at = (l: ReturnType<typeof cohortLayout>, row: number, col: number) => l.marks.find((m) => m.row === row && m.col === col)!;

describe('cohortLayout', () => {
  it('lays out a full rectangle of cohorts x months inside the box, row by row', () => {
    const l = cohortLayout(triangle(), { width: 300, height: 90 });
    expect(l.marks).toHaveLength(9);
    expect(l.marks.map((m) => `${m.row}${m.col}`)).toEqual(['00', '01', '02', '10', '11', '12', '20', '21', '22']);
    expect(l.columns.map((c) => c.monthsSince)).toEqual([0, 1, 2]);
    expect(l.rows.map((r) => [r.cohort, r.customers, r.repeatRevenueShare])).toEqual([
      ['2024-01', 10, 0.2],
      ['2024-02', 4, 0],
      ['2024-03', 2, null],
    ]);
    for (const m of l.marks) {
      expect(m.x).toBeGreaterThanOrEqual(0);
      expect(m.y).toBeGreaterThanOrEqual(0);
      expect(m.x + m.width).toBeLessThanOrEqual(300 + 1e-9);
      expect(m.y + m.height).toBeLessThanOrEqual(90 + 1e-9);
      expect(m.width).toBeGreaterThan(0);
    }
    // Columns left to right, rows top to bottom, ticks at the centres of the bands.
    expect(at(l, 0, 1).x).toBeGreaterThan(at(l, 0, 0).x + at(l, 0, 0).width);
    expect(at(l, 1, 0).y).toBeGreaterThan(at(l, 0, 0).y + at(l, 0, 0).height);
    expect(l.columns[1]!.x).toBeCloseTo(at(l, 0, 1).x + at(l, 0, 1).width / 2, 9);
    expect(l.rows[2]!.y).toBeCloseTo(at(l, 2, 0).y + at(l, 2, 0).height / 2, 9);
  });

  it('gives retention shares by customers and marks the months after the end as future', () => {
    const l = cohortLayout(triangle(), { width: 300, height: 90 });
    expect(l.metric).toBe('customers');
    expect([at(l, 0, 0).value, at(l, 0, 1).value, at(l, 0, 2).value]).toEqual([1, 0.3, 0.1]);
    expect([at(l, 1, 1).kind, at(l, 1, 1).value, at(l, 1, 1).customers]).toEqual(['value', 0, 0]);
    expect([at(l, 1, 2).kind, at(l, 2, 1).kind, at(l, 2, 2).kind]).toEqual(['future', 'future', 'future']);
    for (const m of l.marks.filter((m) => m.kind === 'future')) expect([m.value, m.fill]).toEqual([null, -1]);
  });

  it('classes shares of months 1 and later in round steps; month 0 and the maximum take the top step', () => {
    const l = cohortLayout(triangle(), { width: 300, height: 90 });
    // Months 1+: 0.3, 0.1, 0 -> 95th percentile 0.28; at most 8 classes: 5% wide (2.5% would need 12), 6 of them.
    expect(l.bins.map((b) => [b.from, b.to])).toEqual([
      [0, 0.05],
      [0.05, 0.1],
      [0.1, 0.15],
      [0.15, 0.2],
      [0.2, 0.25],
      [0.25, null],
    ]);
    // Spread over the whole ramp: the lowest class is step 0, the highest step 7.
    expect(l.bins[0]!.fill).toBe(0);
    expect(l.bins.at(-1)!.fill).toBe(COHORT_STEPS - 1);
    expect(at(l, 1, 1).fill).toBe(0);
    expect(at(l, 0, 1).fill).toBe(COHORT_STEPS - 1);
    expect(at(l, 0, 0).fill).toBe(COHORT_STEPS - 1);
    // 0.1 sits exactly on a boundary: the class from 10%, not the one below it.
    expect(at(l, 0, 2).fill).toBe(l.bins[2]!.fill);
    const fills = l.bins.map((b) => b.fill);
    expect([...fills].sort((a, b) => a - b)).toEqual(fills);
    expect(new Set(fills).size).toBe(fills.length);
  });

  it('gives revenue retention against the first month, and no share without a positive base', () => {
    const l = cohortLayout(triangle(), { width: 300, height: 90 }, { metric: 'revenue' });
    expect(l.metric).toBe('revenue');
    expect([at(l, 0, 0).value, at(l, 0, 1).value, at(l, 0, 2).value]).toEqual([1, 0.2, 0.05]);
    expect(at(l, 0, 1).revenue).toBe(200);
    expect([at(l, 1, 0).value, at(l, 1, 1).value]).toEqual([1, 0]);
    // March's first month netted 0: observed, but no share to show.
    expect([at(l, 2, 0).kind, at(l, 2, 0).value, at(l, 2, 0).fill, at(l, 2, 0).customers]).toEqual(['no-base', null, -1, 2]);
  });

  it('clamps negative shares (returns) into the lowest class and keeps the value as it is', () => {
    const data = triangle();
    data.cells[2] = { ...data.cells[2]!, revenue: -100 };
    const l = cohortLayout(data, { width: 300, height: 90 }, { metric: 'revenue' });
    expect(at(l, 0, 2).value).toBe(-0.1);
    expect(at(l, 0, 2).fill).toBe(0);
  });

  it('ends the scale at the 95th percentile, so one outlier does not wash the other cells out', () => {
    // Twenty cohorts of 100 with month-1 shares 1%..20%, and one young cohort at 185%.
    const cohorts = Array.from({ length: 21 }, (_, i) => ({
      cohort: `2020-${String(i + 1).padStart(2, '0')}`,
      customers: 100,
      revenue: 0,
      repeatRevenue: 0,
      repeatRevenueShare: null,
    }));
    const cells = cohorts.flatMap((c, i) => [
      { cohort: c.cohort, monthsSince: 0, customers: 100, revenue: 0, retention: 1 },
      { cohort: c.cohort, monthsSince: 1, customers: i < 20 ? i + 1 : 185, revenue: 0, retention: i < 20 ? (i + 1) / 100 : 1.85 },
    ]);
    const l = cohortLayout({ cohorts, cells }, { width: 100, height: 420 });
    // The 95th percentile of the 21 shares is 0.2: eight classes of 2.5% (not of 25% or more).
    expect(l.bins.map((b) => b.from)).toEqual([0, 0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.175]);
    expect(l.bins.at(-1)!.to).toBe(null);
    const month1 = l.marks.filter((m) => m.col === 1);
    expect(new Set(month1.map((m) => m.fill)).size).toBe(8);
    expect(month1.at(-1)!.fill).toBe(COHORT_STEPS - 1);
  });

  it('honours the number of steps', () => {
    const l = cohortLayout(triangle(), { width: 300, height: 90 }, { steps: 3 });
    expect(l.bins.length).toBeLessThanOrEqual(3);
    expect(l.bins.map((b) => b.fill)).toEqual([0, 1, 2].slice(0, l.bins.length));
    expect(Math.max(...l.marks.map((m) => m.fill))).toBe(2);
  });

  it('uses month 0 for the scale when no cohort has a later month yet', () => {
    const data = triangle();
    const l = cohortLayout({ cohorts: data.cohorts.slice(2), cells: data.cells.slice(5) }, { width: 40, height: 20 });
    expect(l.marks).toHaveLength(1);
    expect(l.marks[0]!.value).toBe(1);
    expect(l.marks[0]!.fill).toBe(COHORT_STEPS - 1);
  });

  it('gives one class at step 0 when every share is zero, and nothing to draw without cohorts', () => {
    const zero = cohortLayout(
      { cohorts: [{ cohort: '2024-01', customers: 1, revenue: 0, repeatRevenue: 0, repeatRevenueShare: null }], cells: [] },
      { width: 40, height: 20 },
    );
    expect(zero.marks.map((m) => m.kind)).toEqual(['future']);
    expect(zero.bins).toEqual([{ from: 0, to: null, fill: 0 }]);
    const none = cohortLayout({ cohorts: [], cells: [] }, { width: 40, height: 20 });
    expect([none.marks, none.rows, none.columns]).toEqual([[], [], []]);
  });
});
