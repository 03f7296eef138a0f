import { scaleLinear } from 'd3';
import type { GapStat, QualityGapResult } from '../analytics/quality.js';
import type { DeliveryGapResult, ScoreStat } from '../analytics/delivery.js';

/**
 * Layout of the quality gap chart: one row per dimension (and, when expanded, per item of it),
 * each a dumbbell of mean expectation and mean perception on the survey scale and a signed gap
 * bar around zero with its 95% interval. Positions are fractions (0..1) of a panel's width, so
 * the element can draw each row's panel at any width (SVG percentages) and keep the text in
 * HTML, where it neither scales nor clips.
 */

/** A tick of an axis: its value and where it sits (0..1 of the panel). */
export interface AxisTick {
  value: number;
  x: number;
}

export type GapRowKind = 'dimension' | 'item' | 'group';

/** One drawn row: a dimension, an item (indented under its dimension) or a group's dimension. */
export interface GapRow {
  /** Unique within the chart: `d:<dimension>`, `i:<dimension>:<item>`, `g:<group>:<dimension>`. */
  key: string;
  kind: GapRowKind;
  label: string;
  dimension: string;
  /** 0 for dimensions and group rows, 1 for items. */
  depth: number;
  n: number;
  expectation: number;
  perception: number;
  gap: number;
  ciLow: number | null;
  ciHigh: number | null;
  /** Dumbbell panel: expectation and perception ends, and the segment between them (left to right). */
  eX: number;
  pX: number;
  lineX0: number;
  lineX1: number;
  /** Gap panel: the bar from zero to the gap (x0 <= x1), and the interval's whisker (null when n < 2). */
  barX0: number;
  barX1: number;
  ciX0: number | null;
  ciX1: number | null;
  /** A promise not kept: the gap is below zero. */
  negative: boolean;
  /** Negative and its interval lies wholly below zero: the shortfall is more than noise. */
  significant: boolean;
  /** Dimensions with items: can be expanded. */
  expandable: boolean;
  expanded: boolean;
}

export interface GroupSection {
  group: string;
  respondents: number;
  overallGap: number;
  rows: GapRow[];
}

export interface QualityGapLayout {
  scale: { min: number; max: number };
  /** Ticks of the survey scale (its whole numbers, thinned when there are many). */
  scaleTicks: AxisTick[];
  /** The gap axis: covering every gap and interval drawn (dimensions, items, groups), zero always inside, rounded. */
  gapDomain: [number, number];
  gapTicks: AxisTick[];
  zeroX: number;
  /** Dimensions in the given order (most negative first), each followed by its items when expanded. */
  rows: GapRow[];
  /** Per group (when the result carries groups): its dimensions in the overall dimensions' order. */
  groups: GroupSection[] | null;
}

export interface QualityGapLayoutOptions {
  /** Dimensions whose items are shown. */
  expanded?: ReadonlySet<string>;
  /** Smallest width of the gap axis, so tiny gaps are not blown up to the whole panel (default 0.5). */
  minGapExtent?: number;
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** The largest absolute value among gaps and interval ends. */
function extentOf(stats: GapStat[]): number {
  let m = 0;
  for (const s of stats) {
    for (const v of [s.gap, s.ciLow, s.ciHigh]) if (v !== null && Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  }
  return m;
}

/** Whole-number ticks of a Likert scale, at most ~8 of them. */
export function scaleTicks(min: number, max: number): AxisTick[] {
  const span = max - min;
  if (!(span > 0)) return [{ value: min, x: 0.5 }];
  const step = Math.max(1, Math.ceil(span / 8));
  const ticks: AxisTick[] = [];
  for (let v = Math.ceil(min); v <= max + 1e-9; v += step) ticks.push({ value: v, x: (v - min) / span });
  return ticks;
}

/**
 * Lays out the gap chart. The dumbbell panel spans the scale (min..max); the gap panel covers
 * every gap and interval, dimensions, items and groups alike (so bars compare across rows and
 * groups), always with zero inside and some room on both sides of it, rounded to nice ticks.
 */
export function qualityGapLayout(gap: QualityGapResult, options: QualityGapLayoutOptions = {}): QualityGapLayout {
  const expanded = options.expanded ?? new Set<string>();
  const { min, max } = gap.scale;
  const span = max - min > 0 ? max - min : 1;
  const onScale = (v: number) => clamp01((v - min) / span);

  const groupStats = gap.groups?.groups.flatMap((g) => g.dimensions) ?? [];
  const all = [...gap.dimensions, ...gap.items, ...groupStats];
  // Zero always inside; each side at least a quarter of minGapExtent, so a lone sign still has room.
  const minSide = (options.minGapExtent ?? 0.5) / 4;
  const lo0 = Math.min(-minSide, ...all.flatMap((s) => [s.gap, s.ciLow, s.ciHigh]).filter((v): v is number => v !== null && Number.isFinite(v)));
  const hi0 = Math.max(minSide, ...all.flatMap((s) => [s.gap, s.ciLow, s.ciHigh]).filter((v): v is number => v !== null && Number.isFinite(v)));
  const span0 = Math.max(options.minGapExtent ?? 0.5, hi0 - lo0);
  const lo1 = hi0 - lo0 < span0 ? lo0 - (span0 - (hi0 - lo0)) / 2 : lo0;
  const hi1 = lo1 + span0;
  const gx = scaleLinear()
    .domain([Math.min(lo1, -minSide), Math.max(hi1, minSide)])
    .nice(6)
    .range([0, 1]);
  const [lo, hi] = gx.domain() as [number, number];
  const gapX = (v: number) => clamp01(gx(v));
  const zeroX = gapX(0);

  const row = (key: string, kind: GapRowKind, label: string, dimension: string, depth: number, s: GapStat, expandable: boolean, isOpen: boolean): GapRow => {
    const eX = onScale(s.expectation);
    const pX = onScale(s.perception);
    const gX = gapX(s.gap);
    const hasCi = s.ciLow !== null && s.ciHigh !== null && Number.isFinite(s.ciLow) && Number.isFinite(s.ciHigh);
    return {
      key,
      kind,
      label,
      dimension,
      depth,
      n: s.n,
      expectation: s.expectation,
      perception: s.perception,
      gap: s.gap,
      ciLow: s.ciLow,
      ciHigh: s.ciHigh,
      eX,
      pX,
      lineX0: Math.min(eX, pX),
      lineX1: Math.max(eX, pX),
      barX0: Math.min(zeroX, gX),
      barX1: Math.max(zeroX, gX),
      ciX0: hasCi ? gapX(Math.min(s.ciLow!, s.ciHigh!)) : null,
      ciX1: hasCi ? gapX(Math.max(s.ciLow!, s.ciHigh!)) : null,
      negative: s.gap < 0,
      significant: s.gap < 0 && hasCi && Math.max(s.ciLow!, s.ciHigh!) < 0,
      expandable,
      expanded: expandable && isOpen,
    };
  };

  const rows: GapRow[] = [];
  for (const d of gap.dimensions) {
    const items = gap.items.filter((i) => i.dimension === d.dimension);
    const isOpen = expanded.has(d.dimension);
    rows.push(row(`d:${d.dimension}`, 'dimension', d.dimension, d.dimension, 0, d, items.length > 0, isOpen));
    // Items keep the order given (most negative first).
    if (isOpen) for (const i of items) rows.push(row(`i:${d.dimension}:${i.item}`, 'item', i.item, d.dimension, 1, i, false, false));
  }

  const order = gap.dimensions.map((d) => d.dimension);
  const rank = (dim: string) => {
    const i = order.indexOf(dim);
    return i < 0 ? order.length : i;
  };
  const groups: GroupSection[] | null = gap.groups
    ? gap.groups.groups.map((grp) => ({
        group: grp.group,
        respondents: grp.respondents,
        overallGap: grp.overall.gap,
        rows: [...grp.dimensions]
          .sort((a, b) => rank(a.dimension) - rank(b.dimension))
          .map((d) => row(`g:${grp.group}:${d.dimension}`, 'group', d.dimension, d.dimension, 0, d, false, false)),
      }))
    : null;

  return {
    scale: { min, max },
    scaleTicks: scaleTicks(min, max),
    gapDomain: [lo, hi],
    gapTicks: gx.ticks(6).map((value) => ({ value, x: gapX(value) })),
    zeroX,
    rows,
    groups,
  };
}

/** One side of the late-vs-on-time dumbbell: the mean and its interval on the review scale. */
export interface ScoreMark {
  n: number;
  mean: number;
  x: number;
  ciX0: number | null;
  ciX1: number | null;
}

export interface DeliveryLayout {
  scale: { min: number; max: number };
  scaleTicks: AxisTick[];
  onTime: ScoreMark | null;
  late: ScoreMark | null;
}

/**
 * The satisfaction dumbbell of the operational gap: on-time mean and late mean on the review
 * scale, each with its interval; null when the orders carry no review score.
 */
export function deliveryLayout(delivery: DeliveryGapResult): DeliveryLayout | null {
  const s = delivery.satisfaction;
  if (!s) return null;
  const { min, max } = s.scale;
  const span = max - min > 0 ? max - min : 1;
  const at = (v: number) => clamp01((v - min) / span);
  const mark = (st: ScoreStat): ScoreMark | null => {
    if (st.mean === null || !Number.isFinite(st.mean) || st.n === 0) return null;
    const hasCi = st.ciLow !== null && st.ciHigh !== null;
    return { n: st.n, mean: st.mean, x: at(st.mean), ciX0: hasCi ? at(Math.min(st.ciLow!, st.ciHigh!)) : null, ciX1: hasCi ? at(Math.max(st.ciLow!, st.ciHigh!)) : null };
  };
  return { scale: { min, max }, scaleTicks: scaleTicks(min, max), onTime: mark(s.onTime), late: mark(s.late) };
}
