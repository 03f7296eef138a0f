import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { ParetoPoint } from '../analytics/customer-types.js';

/** Space around the plot for the axes, in the same units as width and height. */
export interface LorenzMargins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** An axis tick: `value` is a share (0..1), `position` its x (or y) coordinate. */
export interface LorenzTick {
  value: number;
  position: number;
}

/** A point of the curve placed in the chart's coordinates. */
export interface LorenzMark {
  /** 0..100: percent of customers, most valuable first. */
  p: number;
  shareOfCustomers: number;
  shareOfValue: number;
  x: number;
  y: number;
}

export interface LorenzLayout {
  /** SVG path of the curve (empty when no point has a value share). */
  path: string;
  /** SVG path of the line of equality, from (0, 0) to (100%, 100%). */
  equalityPath: string;
  xTicks: LorenzTick[];
  yTicks: LorenzTick[];
  /** The curve at 20% of customers, or null when that point has no value share. */
  marker: LorenzMark | null;
  /** Every point with a value share, in p order: what keyboard navigation walks. */
  marks: LorenzMark[];
  /** The plot rectangle inside the margins. */
  plot: { left: number; top: number; right: number; bottom: number };
}

export const DEFAULT_LORENZ_MARGINS: LorenzMargins = { top: 16, right: 20, bottom: 40, left: 52 };

/** Percent of customers at which the Pareto marker sits. */
export const PARETO_MARKER_P = 20;

/**
 * Lays out a Lorenz / Pareto curve: x = share of customers (most valuable first), y = share of
 * value, both 0..1 mapped onto the plot. Points without a value share (total not positive) are
 * left out. Ticks are every 20%, so 0% and 100% are always labelled.
 */
export function lorenzLayout(
  points: readonly ParetoPoint[],
  width: number,
  height: number,
  margins: LorenzMargins = DEFAULT_LORENZ_MARGINS,
): LorenzLayout {
  const plot = {
    left: margins.left,
    top: margins.top,
    right: Math.max(margins.left, width - margins.right),
    bottom: Math.max(margins.top, height - margins.bottom),
  };
  const x = scaleLinear().domain([0, 1]).range([plot.left, plot.right]);
  const y = scaleLinear().domain([0, 1]).range([plot.bottom, plot.top]);
  const marks: LorenzMark[] = points
    .filter((pt): pt is ParetoPoint & { share_of_value: number } => pt.share_of_value !== null && Number.isFinite(pt.share_of_value))
    .map((pt) => ({
      p: pt.p,
      shareOfCustomers: pt.share_of_customers,
      shareOfValue: pt.share_of_value,
      x: x(pt.share_of_customers),
      y: y(pt.share_of_value),
    }))
    .sort((a, b) => a.p - b.p);
  const curve = line<LorenzMark>()
    .x((m) => m.x)
    .y((m) => m.y);
  const ticks = (scale: typeof x) => scale.ticks(5).map((value) => ({ value, position: scale(value) }));
  return {
    path: marks.length > 0 ? (curve(marks) ?? '') : '',
    equalityPath: line()([
      [x(0), y(0)],
      [x(1), y(1)],
    ]) ?? '',
    xTicks: ticks(x),
    yTicks: ticks(y),
    marker: marks.find((m) => m.p === PARETO_MARKER_P) ?? null,
    marks,
    plot,
  };
}

/** The points at 10%, 20%, ... 100% of customers: the rows of the table equivalent. */
export function lorenzDeciles(points: readonly ParetoPoint[]): ParetoPoint[] {
  return points.filter((pt) => pt.p > 0 && pt.p % 10 === 0).sort((a, b) => a.p - b.p);
}
