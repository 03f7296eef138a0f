import { scaleLinear } from 'd3';
import { LADDER_RUNGS, type LadderResult, type LadderRung, type LadderRungRow } from '../analytics/ladder.js';

/** What a step's width shows: contacts on the rung now, or their net revenue. */
export const LADDER_MEASURES = ['customers', 'revenue'] as const;
export type LadderMeasure = (typeof LADDER_MEASURES)[number];

export interface LadderLayoutOptions {
  width: number;
  height: number;
  measure: LadderMeasure;
  /** Width of the left column holding the rung names and figures (default: 22% of width, at most 150). */
  gutter?: number;
  /** Width of the right column holding the lapsed box (default: 20% of width). */
  lapsedColumn?: number;
  /** Narrowest step drawn for a non-zero value, so one contact is still visible (default 4). */
  minWidth?: number;
  /** Vertical space between steps, where the conversion labels go (default 22). */
  gap?: number;
}

/** One horizontal step of the funnel (a rung), centred on the funnel axis. */
export interface LadderStep {
  rung: LadderRung;
  /** 0 for prospect (top) .. 5 for partner (bottom). */
  index: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Centre, for labels and tooltips. */
  cx: number;
  cy: number;
  /** The measure's value (customers on the rung, or revenue; negative revenue counts as 0 for width). */
  value: number;
  /** value / the total of the measure over every place (rungs and lapsed); null when that total is 0. */
  share: number | null;
  /** False when the rung cannot be told from the data: draw it as "not available", never as 0. */
  available: boolean;
  /** Available, and its value is 0: drawn as a hairline. */
  zero: boolean;
  /**
   * Customers measure only: the width of everyone who reached this rung or higher (the funnel
   * outline behind the step); null in revenue mode or for an unavailable rung.
   */
  reachedW: number | null;
  reachedX: number | null;
  row: LadderRungRow;
}

/** The label between two consecutive steps. */
export interface LadderConversion {
  from: LadderRung;
  to: LadderRung;
  /** Where the label sits: the centre of the gap between the two steps. */
  x: number;
  y: number;
  /** reached(to) / reached(from); null when unknown or either rung is not available. */
  conversion: number | null;
  dropOff: number | null;
}

/** A band from a rung's step to the lapsed box: how many lapsed from that rung. */
export interface LadderLapsedBand {
  from: LadderRung;
  customers: number;
  /** Horizontal cubic curve from the step's right edge to the box's left edge (stroke it). */
  path: string;
  /** Stroke width: proportional to `customers` within the box's height, at least 1.5. */
  thickness: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The side exit, drawn to the right of the funnel. */
export interface LadderLapsedBox {
  x: number;
  y: number;
  w: number;
  h: number;
  cx: number;
  cy: number;
  value: number;
  share: number | null;
  customers: number;
  revenue: number;
  zero: boolean;
  /** True when the value's width on the steps' scale was wider than the column and was cut to it. */
  clipped: boolean;
  bands: LadderLapsedBand[];
}

export interface LadderLayout {
  width: number;
  height: number;
  measure: LadderMeasure;
  /** Left column for names and figures: text anchored at its right edge, `labelX`. */
  labelX: number;
  /** The funnel's vertical axis and its widest step. */
  centre: number;
  maxWidth: number;
  /** The total of the measure over every place (rungs and lapsed), for shares. */
  total: number;
  steps: LadderStep[];
  conversions: LadderConversion[];
  lapsed: LadderLapsedBox;
}

/** Share of the widest step given to a rung that is not available (outlined, hatched). */
export const UNAVAILABLE_WIDTH_SHARE = 0.6;

const nonNegative = (x: number) => (Number.isFinite(x) && x > 0 ? x : 0);

/**
 * Lays out the loyalty ladder as a funnel: prospect at the top narrowing to partner at the
 * bottom, one centred step per rung, width proportional to the measure (a linear scale, so
 * widths compare as the numbers do) with `minWidth` for any non-zero value. Rungs the data
 * cannot tell (`available: false`) get a fixed outline width and the flag, not a width of 0.
 * Conversion labels sit in the gaps between steps; the lapsed box sits in its own column on
 * the right, on the same scale as the steps (cut to the column when wider), with one band per
 * rung it drew from, thickness proportional to the customers lapsed from there.
 */
export function ladderLayout(ladder: LadderResult, options: LadderLayoutOptions): LadderLayout {
  const { width, height, measure } = options;
  const gutter = options.gutter ?? Math.min(150, width * 0.22);
  const lapsedColumn = options.lapsedColumn ?? width * 0.2;
  const minWidth = options.minWidth ?? 4;
  const gap = options.gap ?? 22;
  const pad = 4;
  const byRung = new Map(ladder.rungs.map((r) => [r.rung, r]));
  // Every rung in ladder order, even one missing from the input (then: not available).
  const rows: LadderRungRow[] = LADDER_RUNGS.map(
    (rung) =>
      byRung.get(rung) ?? {
        rung,
        customers: 0,
        reached: 0,
        revenue: 0,
        averageValue: null,
        conversionToNext: null,
        dropOff: null,
        medianDaysToNext: null,
        available: false,
      },
  );
  const valueOf = (r: { customers: number; revenue: number }) => nonNegative(measure === 'revenue' ? r.revenue : r.customers);
  const lapsedValue = valueOf(ladder.lapsed);
  const total = rows.reduce((s, r) => s + (r.available ? valueOf(r) : 0), 0) + lapsedValue;

  const funnelLeft = gutter;
  const funnelRight = Math.max(funnelLeft + 1, width - lapsedColumn);
  const maxWidth = funnelRight - funnelLeft - 2 * pad;
  const centre = (funnelLeft + funnelRight) / 2;
  const domainMax = Math.max(
    lapsedValue,
    ...rows.filter((r) => r.available).map((r) => Math.max(valueOf(r), measure === 'customers' ? nonNegative(r.reached) : 0)),
  );
  const scale = scaleLinear().domain([0, domainMax > 0 ? domainMax : 1]).range([0, maxWidth]);
  const widthOf = (v: number) => (v > 0 ? Math.min(maxWidth, Math.max(minWidth, scale(v))) : 0);

  const n = rows.length;
  const stepH = Math.max(1, (height - 2 * pad - gap * (n - 1)) / n);
  const steps: LadderStep[] = rows.map((row, index) => {
    const y = pad + index * (stepH + gap);
    const value = row.available ? valueOf(row) : 0;
    const w = row.available ? widthOf(value) : maxWidth * UNAVAILABLE_WIDTH_SHARE;
    const reachedW = row.available && measure === 'customers' ? widthOf(nonNegative(row.reached)) : null;
    return {
      rung: row.rung,
      index,
      x: centre - w / 2,
      y,
      w,
      h: stepH,
      cx: centre,
      cy: y + stepH / 2,
      value,
      share: row.available && total > 0 ? value / total : null,
      available: row.available,
      zero: row.available && value === 0,
      reachedW,
      reachedX: reachedW === null ? null : centre - reachedW / 2,
      row,
    };
  });

  const conversions: LadderConversion[] = steps.slice(0, -1).map((s, i) => {
    const next = steps[i + 1]!;
    const known = s.available && next.available && s.row.conversionToNext !== null;
    return {
      from: s.rung,
      to: next.rung,
      x: centre,
      y: s.y + s.h + gap / 2,
      conversion: known ? s.row.conversionToNext : null,
      dropOff: known ? (s.row.dropOff ?? 1 - (s.row.conversionToNext as number)) : null,
    };
  });

  // The lapsed box: on the steps' scale, cut to its column; centred on the rungs it can come from.
  const columnW = Math.max(0, width - funnelRight - 2 * pad);
  const rawW = widthOf(lapsedValue) === 0 ? 0 : Math.max(minWidth, scale(lapsedValue));
  const boxW = Math.min(columnW, rawW);
  const sources = steps.filter((s) => s.rung !== 'prospect');
  // Two steps tall: room to stack the bands from up to five rungs.
  const boxH = Math.min(height - 2 * pad, 2 * stepH);
  const midY = sources.length ? (sources[0]!.cy + sources.at(-1)!.cy) / 2 : height / 2;
  const boxY = Math.min(height - pad - boxH, Math.max(pad, midY - boxH / 2));
  const boxX = funnelRight + pad;
  const lapsedCustomers = nonNegative(ladder.lapsed.customers);
  const bands: LadderLapsedBand[] = [];
  let stack = boxY;
  for (const s of steps) {
    const count = nonNegative(ladder.lapsed.from?.[s.rung] ?? 0);
    if (count === 0 || lapsedCustomers === 0) continue;
    const thickness = (count / lapsedCustomers) * boxH;
    const x0 = s.available && s.w > 0 ? s.x + s.w : s.cx;
    const y0 = s.cy;
    const x1 = boxX;
    const y1 = stack + thickness / 2;
    stack += thickness;
    const mx = (x0 + x1) / 2;
    bands.push({ from: s.rung, customers: count, path: `M${x0},${y0}C${mx},${y0} ${mx},${y1} ${x1},${y1}`, thickness: Math.max(1.5, thickness), x0, y0, x1, y1 });
  }

  return {
    width,
    height,
    measure,
    labelX: gutter - 8,
    centre,
    maxWidth,
    total,
    steps,
    conversions,
    lapsed: {
      x: boxX,
      y: boxY,
      w: boxW,
      h: boxH,
      cx: boxX + Math.max(boxW, 0) / 2,
      cy: boxY + boxH / 2,
      value: lapsedValue,
      share: total > 0 ? lapsedValue / total : null,
      customers: ladder.lapsed.customers,
      revenue: ladder.lapsed.revenue,
      zero: lapsedValue === 0,
      clipped: rawW > columnW,
      bands,
    },
  };
}
