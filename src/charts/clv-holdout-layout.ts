import { scaleBand, scaleLinear } from 'd3';

/**
 * Layout of the calibration-vs-holdout check of the CLV model (lifetimes'
 * `plot_calibration_purchases_vs_holdout_purchases`): customers grouped by how many repeat
 * purchases they made in the calibration period, each group a pair of bars, the mean number of
 * purchases the model predicted for the holdout beside the mean the customers actually made.
 * Positions are in the plot area's own units (0..width, 0..height, y down); the element adds
 * its margins and draws the axes' text.
 */

/** The two series, in drawing order (predicted left, actual right in each group). */
export const HOLDOUT_SERIES = ['predicted', 'actual'] as const;
export type HoldoutSeries = (typeof HOLDOUT_SERIES)[number];

/** One group of the comparison, as the model service gives it (data/clv-model.ts ClvHoldoutGroup). */
export interface HoldoutGroupInput {
  /** Calibration frequency; with `orMore`, this or more. */
  readonly frequency: number;
  readonly orMore: boolean;
  readonly customers: number;
  /** Mean purchases in the holdout the model predicted. */
  readonly predicted: number;
  /** Mean purchases in the holdout the customers made. */
  readonly actual: number;
}

/** A bar: from the baseline up to its value. */
export interface HoldoutMark {
  readonly series: HoldoutSeries;
  /** The value as given (may be NaN when the input had none: the bar is then empty). */
  readonly value: number;
  readonly x: number;
  readonly width: number;
  /** Top of the bar (y down); equals the baseline for a zero or missing value. */
  readonly y: number;
  readonly height: number;
  /** Centre of the bar's top, where its marker (circle or diamond) sits. */
  readonly cx: number;
  readonly cy: number;
}

/** One group: its band on the x axis and its two bars. */
export interface HoldoutBand extends HoldoutGroupInput {
  readonly index: number;
  /** The band (the pair of bars and the space around them). */
  readonly x: number;
  readonly width: number;
  /** Centre of the band, where its axis label goes. */
  readonly center: number;
  readonly marks: readonly [HoldoutMark, HoldoutMark];
  /** Actual minus predicted (NaN when either is missing). */
  readonly difference: number;
}

export interface HoldoutTick {
  readonly value: number;
  readonly y: number;
}

export interface ClvHoldoutLayout {
  readonly width: number;
  readonly height: number;
  /** The y axis runs from 0 (at `height`) to `yMax` (at 0), a nice round number. */
  readonly yMax: number;
  readonly ticks: readonly HoldoutTick[];
  readonly bands: readonly HoldoutBand[];
}

export interface ClvHoldoutLayoutOptions {
  /** Share of each band left empty around its pair of bars (0..0.9, default 0.3). */
  readonly bandPadding?: number;
  /** Gap between the two bars of a group, as a share of a bar's width (default 0.15). */
  readonly barGap?: number;
  /** Roughly how many ticks on the y axis (default 5). */
  readonly ticks?: number;
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * Bars for each group in the order given, on a y axis from zero to a nice maximum covering
 * every finite value (0..1 when every value is zero or missing, so an axis still shows).
 */
export function clvHoldoutLayout(
  groups: readonly HoldoutGroupInput[],
  size: { readonly width: number; readonly height: number },
  options: ClvHoldoutLayoutOptions = {},
): ClvHoldoutLayout {
  const { width, height } = size;
  const padding = Math.min(0.9, Math.max(0, options.bandPadding ?? 0.3));
  const gap = Math.max(0, options.barGap ?? 0.15);
  const highest = Math.max(0, ...groups.flatMap((g) => [finite(g.predicted) ?? 0, finite(g.actual) ?? 0]));
  const y = scaleLinear()
    .domain([0, highest > 0 ? highest : 1])
    .range([height, 0])
    .nice(options.ticks ?? 5);
  const yMax = y.domain()[1]!;
  const x = scaleBand<number>()
    .domain(groups.map((_, i) => i))
    .range([0, width])
    .paddingInner(padding)
    .paddingOuter(padding / 2);
  const band = x.bandwidth();
  const barWidth = band / (2 + gap);
  const bands = groups.map((g, index): HoldoutBand => {
    const left = x(index)!;
    const mark = (series: HoldoutSeries, at: number): HoldoutMark => {
      const value = g[series];
      const v = finite(value);
      const top = v === null ? height : y(Math.max(0, v));
      return { series, value, x: at, width: barWidth, y: top, height: height - top, cx: at + barWidth / 2, cy: top };
    };
    const predicted = mark('predicted', left);
    const actual = mark('actual', left + band - barWidth);
    return {
      frequency: g.frequency,
      orMore: g.orMore,
      customers: g.customers,
      predicted: g.predicted,
      actual: g.actual,
      index,
      x: left,
      width: band,
      center: left + band / 2,
      marks: [predicted, actual],
      difference: g.actual - g.predicted,
    };
  });
  const ticks = y.ticks(options.ticks ?? 5).map((value) => ({ value, y: y(value) }));
  return { width, height, yMax, ticks, bands };
}
