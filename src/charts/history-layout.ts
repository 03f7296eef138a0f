import { scaleLinear, scaleUtc, utcMonth } from 'd3';
import type { CustomerOrder } from '../analytics/customer-detail.js';

/**
 * Layout of one customer's orders over time: a UTC time axis spanning the orders and the
 * analysis date, one bar per order rising from the zero line by its amount (returns hang below
 * it), month ticks and a few amount gridlines. In viewBox units; the element keeps every word
 * (dates and money are formatted there, from the ISO values given here).
 */

export interface HistoryLayoutOptions {
  width: number;
  height: number;
  /** Space for the amount labels on the left (default 56). */
  left?: number;
  /** Space for the month labels below (default 24). */
  bottom?: number;
  /** Space above the tallest bar (default 10). */
  top?: number;
  /** Space on the right, so the last bar and the as-of line stay inside (default 12). */
  right?: number;
  /** At most this many month labels; months between are ticks without a label (default 8). */
  maxMonthLabels?: number;
}

/** One order's bar. */
export interface HistoryMark {
  /** The order's place in the input (date order). */
  index: number;
  order: CustomerOrder;
  /** Centre of the bar, its left edge and width. */
  cx: number;
  x: number;
  w: number;
  /** Top and height: from the zero line up (a purchase) or down (a return). */
  y: number;
  h: number;
  isReturn: boolean;
}

export interface HistoryMonthTick {
  /** First day of the month, `YYYY-MM`. */
  month: string;
  x: number;
  /** False when the month is a tick only (labels are thinned to maxMonthLabels). */
  labelled: boolean;
}

export interface HistoryValueTick {
  value: number;
  y: number;
}

export interface HistoryLayout {
  width: number;
  height: number;
  /** The plotting box. */
  plot: { x0: number; x1: number; y0: number; y1: number };
  /** y of amount 0: the time axis. */
  zeroY: number;
  /** First and last day of the axis (ISO). */
  start: string;
  end: string;
  /** x of the analysis date, or null when none was given. */
  asOfX: number | null;
  marks: HistoryMark[];
  monthTicks: HistoryMonthTick[];
  valueTicks: HistoryValueTick[];
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` (or longer) -> UTC milliseconds; NaN when unreadable. */
function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
}

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * Lays out the orders (in date order, as the data layer gives them) on a time axis from the
 * first order (or `analysisDate` when that is earlier) to `analysisDate` (or to the last order
 * when that is later or not given). Null
 * when there is no order with a readable date: the element shows its empty state.
 */
export function historyLayout(orders: readonly CustomerOrder[], analysisDate: string | null, options: HistoryLayoutOptions): HistoryLayout | null {
  const { width, height } = options;
  const left = options.left ?? 56;
  const bottom = options.bottom ?? 24;
  const top = options.top ?? 10;
  const right = options.right ?? 12;
  const maxLabels = Math.max(1, options.maxMonthLabels ?? 8);
  const dated = orders.map((order, index) => ({ order, index, t: dayOf(order.order_date) })).filter((d) => Number.isFinite(d.t));
  if (dated.length === 0) return null;

  // Loops, not Math.min(...list): spreading a very long history overflows the call stack.
  let first = Infinity;
  let last = -Infinity;
  let lo = 0;
  let hi = 0;
  for (const d of dated) {
    if (d.t < first) first = d.t;
    if (d.t > last) last = d.t;
    const amount = d.order.amount ?? 0;
    if (amount < lo) lo = amount;
    if (amount > hi) hi = amount;
  }
  const asOf = analysisDate === null ? Number.NaN : dayOf(analysisDate);
  // The axis holds the analysis date too: a customer whose orders all come after it (scored
  // before they bought) still gets the as-of line inside the plot.
  const start = Number.isFinite(asOf) ? Math.min(asOf, first) : first;
  let end = Number.isFinite(asOf) ? Math.max(asOf, last) : last;
  // A single day (one order, no later analysis date) still needs a span to draw on.
  if (end - start < DAY_MS) end = start + DAY_MS;

  const plot = { x0: left, x1: width - right, y0: top, y1: height - bottom };
  // Half a bar of padding at each end so the first and last bars are not cut by the plot edge.
  const pad = 6;
  const x = scaleUtc()
    .domain([new Date(start), new Date(end)])
    .range([plot.x0 + pad, plot.x1 - pad]);

  const y = scaleLinear()
    .domain([lo, hi > lo ? hi : lo + 1])
    .nice()
    .range([plot.y1, plot.y0]);
  const zeroY = y(0);

  // Orders of the same day stand side by side around that day.
  const perDay = new Map<number, number>();
  let crowd = 1;
  for (const d of dated) {
    const n = (perDay.get(d.t) ?? 0) + 1;
    perDay.set(d.t, n);
    if (n > crowd) crowd = n;
  }
  // Bars as wide as the crowding allows: narrow for a long history, never under 2 units, unless
  // the busiest day needs narrower ones for its group to fit across the plot.
  const span = plot.x1 - plot.x0 - 2 * pad;
  const plotWidth = Math.max(0, plot.x1 - plot.x0);
  const w = Math.min(Math.max(2, Math.min(12, (span / Math.max(dated.length, 1)) * 0.6)), plotWidth / crowd);
  const seen = new Map<number, number>();
  const marks: HistoryMark[] = dated.map((d) => {
    const k = seen.get(d.t) ?? 0;
    seen.set(d.t, k + 1);
    const n = perDay.get(d.t) ?? 1;
    // A day's group is kept whole inside the plot, even near its edges.
    const half = (n * w) / 2;
    const centre = Math.min(Math.max(x(new Date(d.t)), plot.x0 + half), plot.x1 - half);
    const cx = centre + (k - (n - 1) / 2) * w;
    const amount = d.order.amount ?? 0;
    const ya = y(amount);
    return {
      index: d.index,
      order: d.order,
      cx,
      x: cx - w / 2,
      w,
      y: Math.min(ya, zeroY),
      // A zero amount is still a visible sliver: the order happened.
      h: Math.max(1, Math.abs(ya - zeroY)),
      isReturn: d.order.is_return || amount < 0,
    };
  });

  const months = utcMonth.range(utcMonth.floor(new Date(start)), new Date(end + 1));
  const step = Math.ceil(months.length / maxLabels);
  const monthTicks: HistoryMonthTick[] = months
    .map((m, i) => ({ month: isoDay(m.getTime()).slice(0, 7), x: x(m), labelled: i % step === 0 }))
    // The month the history starts in may begin before the axis: keep its tick at the axis start.
    .map((t) => ({ ...t, x: Math.max(t.x, plot.x0) }));

  const valueTicks = y.ticks(4).map((value) => ({ value, y: y(value) }));
  return {
    width,
    height,
    plot,
    zeroY,
    start: isoDay(start),
    end: isoDay(end),
    asOfX: Number.isFinite(asOf) ? x(new Date(asOf)) : null,
    marks,
    monthTicks,
    valueTicks,
  };
}
