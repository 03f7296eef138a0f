import { quantileSorted, range, scaleBand } from 'd3';
import type { CohortRetention } from '../analytics/cohorts.js';

/** What a cohort heat map's cells measure: share of the cohort's customers, or of its first month's revenue. */
export const COHORT_METRICS = ['customers', 'revenue'] as const;
export type CohortMetric = (typeof COHORT_METRICS)[number];

/** Steps of the sequential colour scale (the element defines one fill per step). */
export const COHORT_STEPS = 8;

/**
 * The scale's domain ends at this quantile of the shares, not at their maximum: one young cohort
 * with a big second month (185% of a small first month) would otherwise squeeze every other
 * cell into the lightest class. Shares above it take the top, open-ended class.
 */
export const TOP_QUANTILE = 0.95;

/**
 * - `value`: an observed month with a share.
 * - `future`: a month after the data's end for that cohort (not observed yet).
 * - `no-base`: an observed month whose share cannot be taken (revenue metric, first month's net
 *   revenue not positive).
 */
export type CohortMarkKind = 'value' | 'future' | 'no-base';

/** One cell of the heat map, in the plot's units (0..width, 0..height). */
export interface CohortMark {
  /** Row (cohort, oldest first) and column (months since the first order) indexes. */
  row: number;
  col: number;
  /** The cohort month, `YYYY-MM`. */
  cohort: string;
  monthsSince: number;
  x: number;
  y: number;
  width: number;
  height: number;
  kind: CohortMarkKind;
  /**
   * The share shown: active customers / cohort size (metric `customers`), or net revenue of the
   * month / net revenue of the cohort's first month (metric `revenue`, may pass 1 or go below 0).
   * Null unless `kind` is `value`.
   */
  value: number | null;
  /** Active customers and net revenue in that month (0 for a future month). */
  customers: number;
  revenue: number;
  /** Step of the sequential scale, 0 (lightest) .. steps - 1; -1 when there is no value. */
  fill: number;
}

/** One row's heading: the cohort and its totals. */
export interface CohortRowTick {
  index: number;
  cohort: string;
  /** Customers acquired that month (the cohort's size). */
  customers: number;
  revenue: number;
  repeatRevenueShare: number | null;
  /** Centre of the row. */
  y: number;
}

/** One column's heading: months since the first order. */
export interface CohortColumnTick {
  index: number;
  monthsSince: number;
  /** Centre of the column. */
  x: number;
}

/**
 * One class of the legend: values from `from` (inclusive) to `to` (exclusive), or from `from` up
 * when `to` is null (the last class also holds everything above the scale's domain, such as the
 * 100% of every cohort's first month).
 */
export interface CohortBin {
  from: number;
  to: number | null;
  fill: number;
}

export interface CohortLayout {
  metric: CohortMetric;
  /** Row by row (oldest cohort first), month 0 first in each row; every row has every column. */
  marks: CohortMark[];
  rows: CohortRowTick[];
  columns: CohortColumnTick[];
  /** The legend's classes, lowest first. */
  bins: CohortBin[];
  steps: number;
  width: number;
  height: number;
}

export interface CohortLayoutOptions {
  metric?: CohortMetric;
  /** Number of colour steps (default COHORT_STEPS); at most this many legend classes. */
  steps?: number;
  /** Gap between cells as a fraction of a cell (d3 band padding; default 0.08). */
  padding?: number;
}

/**
 * The cohort triangle as a heat map filling `size`: one row per cohort, one column per month
 * since the first order (0 .. the oldest cohort's last observed month), months after a cohort's
 * last observed one marked `future`. Colours are classes of equal, round width (0–2%, 2–4%, ...)
 * up to the TOP_QUANTILE of the shares of months 1 and later: month 0 is 100% of customers by
 * definition and would wash every later month out, so it (and anything above the domain) takes
 * the top class.
 */
export function cohortLayout(
  data: Pick<CohortRetention, 'cohorts' | 'cells'>,
  size: { width: number; height: number },
  options: CohortLayoutOptions = {},
): CohortLayout {
  const metric: CohortMetric = options.metric === 'revenue' ? 'revenue' : 'customers';
  const steps = Number.isInteger(options.steps) && options.steps! >= 1 ? options.steps! : COHORT_STEPS;
  const width = Math.max(0, size.width);
  const height = Math.max(0, size.height);
  const cohorts = data.cohorts ?? [];
  const cells = data.cells ?? [];
  const byKey = new Map(cells.map((c) => [`${c.cohort}:${c.monthsSince}`, c]));
  const months = cells.length ? Math.max(...cells.map((c) => c.monthsSince)) + 1 : cohorts.length ? 1 : 0;
  const padding = options.padding ?? 0.08;
  const x = scaleBand<number>().domain(range(months)).range([0, width]).paddingInner(padding);
  const y = scaleBand<number>().domain(range(cohorts.length)).range([0, height]).paddingInner(padding);

  const marks: CohortMark[] = [];
  cohorts.forEach((row, r) => {
    const base = byKey.get(`${row.cohort}:0`)?.revenue ?? 0;
    for (let m = 0; m < months; m++) {
      const cell = byKey.get(`${row.cohort}:${m}`);
      let kind: CohortMarkKind = 'future';
      let value: number | null = null;
      if (cell) {
        value = metric === 'customers' ? cell.retention : base > 0 ? cell.revenue / base : null;
        kind = value === null || !Number.isFinite(value) ? 'no-base' : 'value';
        if (kind === 'no-base') value = null;
      }
      marks.push({
        row: r,
        col: m,
        cohort: row.cohort,
        monthsSince: m,
        x: x(m) ?? 0,
        y: y(r) ?? 0,
        width: x.bandwidth(),
        height: y.bandwidth(),
        kind,
        value,
        customers: cell?.customers ?? 0,
        revenue: cell?.revenue ?? 0,
        fill: -1,
      });
    }
  });

  const withValue = marks.filter((m) => m.value !== null);
  const later = withValue.filter((m) => m.monthsSince > 0);
  const shares = (later.length ? later : withValue).map((m) => m.value!).sort((a, b) => a - b);
  const max = Math.max(0, quantileSorted(shares, TOP_QUANTILE) ?? 0);
  const { step, count } = classesFor(max, steps);
  const fillOf = (k: number) => (count === 1 ? (max > 0 ? steps - 1 : 0) : Math.round((k * (steps - 1)) / (count - 1)));
  for (const m of withValue) {
    // A small epsilon so a share exactly on a boundary (4% with 2% classes) is not put below it by rounding.
    const k = step > 0 ? Math.min(count - 1, Math.max(0, Math.floor(m.value! / step + 1e-9))) : 0;
    m.fill = fillOf(k);
  }
  const bins: CohortBin[] = Array.from({ length: count }, (_, k) => ({
    from: roundShare(k * step),
    to: k === count - 1 ? null : roundShare((k + 1) * step),
    fill: fillOf(k),
  }));

  return {
    metric,
    marks,
    rows: cohorts.map((c, i) => ({
      index: i,
      cohort: c.cohort,
      customers: c.customers,
      revenue: c.revenue,
      repeatRevenueShare: c.repeatRevenueShare,
      y: (y(i) ?? 0) + y.bandwidth() / 2,
    })),
    columns: range(months).map((m) => ({ index: m, monthsSince: m, x: (x(m) ?? 0) + x.bandwidth() / 2 })),
    bins,
    steps,
    width,
    height,
  };
}

/**
 * The narrowest round class width (1, 2, 2.5 or 5 times a power of ten) that covers 0..max in at
 * most `steps` classes. Zero or no data: one class.
 */
function classesFor(max: number, steps: number): { step: number; count: number } {
  if (!(max > 0) || !Number.isFinite(max)) return { step: 0, count: 1 };
  const classes = (step: number) => Math.max(1, Math.ceil(max / step - 1e-9));
  for (let power = 10 ** Math.floor(Math.log10(max / steps)); ; power *= 10) {
    for (const m of [1, 2, 2.5, 5]) {
      const step = roundShare(m * power);
      if (classes(step) <= steps) return { step, count: classes(step) };
    }
  }
}

/** Class boundaries without floating-point dust (0.06000000000000001 -> 0.06). */
function roundShare(x: number): number {
  return Number(x.toPrecision(12));
}
