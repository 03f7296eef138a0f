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
  /** May be left out when the axis is narrow: every other tick counted from zero (zero itself never). */
  thin?: boolean;
}

/** Respondents below which a group is "small": its interval never sizes the gap axis. */
export const SMALL_GROUP_N = 10;

/**
 * What a gap says, one rule everywhere (rows, table, group headings, headline). A code, never
 * words: the element names it in the reader's language.
 * - `not-kept`: the whole 95% interval is below zero, a promise not kept;
 * - `below-noise`: below zero, but the interval crosses zero (within noise);
 * - `below-unknown`: below zero with no interval (n < 2);
 * - `above`: the whole interval is above zero; `above-noise`: above zero, the interval crosses
 *   zero or is unknown; `level`: exactly zero.
 */
export type GapVerdict = 'not-kept' | 'below-noise' | 'below-unknown' | 'level' | 'above-noise' | 'above';

export function gapVerdict(s: Pick<GapStat, 'gap' | 'ciLow' | 'ciHigh'>): GapVerdict {
  const hasCi = s.ciLow !== null && s.ciHigh !== null && Number.isFinite(s.ciLow) && Number.isFinite(s.ciHigh);
  const lo = hasCi ? Math.min(s.ciLow!, s.ciHigh!) : null;
  const hi = hasCi ? Math.max(s.ciLow!, s.ciHigh!) : null;
  if (s.gap < 0) return hi === null ? 'below-unknown' : hi < 0 ? 'not-kept' : 'below-noise';
  if (s.gap > 0) return lo !== null && lo > 0 ? 'above' : 'above-noise';
  return 'level';
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
  /** The interval reaches past the gap axis on that side (drawn open, with an arrow). */
  ciClippedLow: boolean;
  ciClippedHigh: boolean;
  /** The gap is below zero (drawn in the negative colour, hatched). */
  negative: boolean;
  /** Negative and its interval lies wholly below zero: a promise not kept, more than noise. */
  significant: boolean;
  /** See gapVerdict: the one rule for "not kept" / "within noise". */
  verdict: GapVerdict;
  /** Fewer than SMALL_GROUP_N respondents: its interval does not size the gap axis. */
  small: boolean;
  /** Dimensions with items: can be expanded. */
  expandable: boolean;
  expanded: boolean;
}

export interface GroupSection {
  group: string;
  respondents: number;
  overallGap: number;
  overallCiLow: number | null;
  overallCiHigh: number | null;
  /** The group's overall verdict (see gapVerdict). */
  verdict: GapVerdict;
  /** Fewer than SMALL_GROUP_N respondents: flagged as a small group; its intervals never size the axis. */
  small: boolean;
  rows: GapRow[];
}

export interface QualityGapLayout {
  scale: { min: number; max: number };
  /** Ticks of the survey scale (its whole numbers, thinned when there are many). */
  scaleTicks: AxisTick[];
  /**
   * The gap axis: covering every gap, and the intervals of rows with at least SMALL_GROUP_N
   * respondents (dimensions, items, groups), zero always inside, rounded, and never wider than
   * ±(scale max − scale min). Intervals reaching past it are clipped (ciClippedLow / High).
   */
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

/** Whole-number ticks of a Likert scale, at most ~8 of them. */
export function scaleTicks(min: number, max: number): AxisTick[] {
  const span = max - min;
  if (!(span > 0)) return [{ value: min, x: 0.5 }];
  const step = Math.max(1, Math.ceil(span / 8));
  const ticks: AxisTick[] = [];
  for (let v = Math.ceil(min); v <= max + 1e-9; v += step) ticks.push({ value: v, x: (v - min) / span });
  return ticks;
}

/** The gap axis' ticks; every other one counted from zero is `thin` (zero never), for narrow widths. */
function gapTicks(values: number[], at: (v: number) => number): AxisTick[] {
  const step = values.length > 1 ? Math.abs(values[1]! - values[0]!) : 1;
  return values.map((value) => ({ value, x: at(value), thin: Math.round(value / step) % 2 !== 0 }));
}

/**
 * Lays out the gap chart. The dumbbell panel spans the scale (min..max); the gap panel covers
 * every gap and the intervals of rows with n >= SMALL_GROUP_N, dimensions, items and groups alike
 * (so bars compare across rows and groups), always with zero inside and some room on both sides
 * of it, rounded to nice ticks and never wider than ±(max − min).
 */
export function qualityGapLayout(gap: QualityGapResult, options: QualityGapLayoutOptions = {}): QualityGapLayout {
  const expanded = options.expanded ?? new Set<string>();
  const { min, max } = gap.scale;
  const span = max - min > 0 ? max - min : 1;
  const onScale = (v: number) => clamp01((v - min) / span);

  // What sizes the gap axis: every gap (a gap lies within ±span anyway), but intervals only of
  // rows with a sensible n: a group of 2 has an interval of ±20 on a 1-7 scale, which would
  // squash every bar to nothing.
  const groupStats = gap.groups?.groups.flatMap((g) => g.dimensions) ?? [];
  const all = [...gap.dimensions, ...gap.items, ...groupStats];
  const values: number[] = [];
  for (const s of all) {
    values.push(s.gap);
    if (s.n >= SMALL_GROUP_N) for (const v of [s.ciLow, s.ciHigh]) if (v !== null) values.push(v);
  }
  const finite = values.filter((v) => Number.isFinite(v));
  // Zero always inside; each side at least a quarter of minGapExtent, so a lone sign still has room.
  const limit = span;
  const minExtent = Math.min(options.minGapExtent ?? 0.5, 2 * limit);
  const minSide = minExtent / 4;
  const lo0 = Math.max(-limit, Math.min(-minSide, ...finite));
  const hi0 = Math.min(limit, Math.max(minSide, ...finite));
  const span0 = Math.max(minExtent, hi0 - lo0);
  const lo1 = hi0 - lo0 < span0 ? lo0 - (span0 - (hi0 - lo0)) / 2 : lo0;
  const hi1 = lo1 + span0;
  const gx = scaleLinear()
    .domain([Math.min(lo1, -minSide), Math.max(hi1, minSide)])
    .nice(6)
    .range([0, 1]);
  // Rounding may push past the limit: never wider than ±(max - min).
  const [n0, n1] = gx.domain() as [number, number];
  if (n0 < -limit || n1 > limit) gx.domain([Math.max(n0, -limit), Math.min(n1, limit)]);
  const [lo, hi] = gx.domain() as [number, number];
  const gapX = (v: number) => clamp01(gx(v));
  const zeroX = gapX(0);

  const row = (key: string, kind: GapRowKind, label: string, dimension: string, depth: number, s: GapStat, expandable: boolean, isOpen: boolean): GapRow => {
    const eX = onScale(s.expectation);
    const pX = onScale(s.perception);
    const gX = gapX(s.gap);
    const hasCi = s.ciLow !== null && s.ciHigh !== null && Number.isFinite(s.ciLow) && Number.isFinite(s.ciHigh);
    const ciLo = hasCi ? Math.min(s.ciLow!, s.ciHigh!) : null;
    const ciHi = hasCi ? Math.max(s.ciLow!, s.ciHigh!) : null;
    const verdict = gapVerdict(s);
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
      ciX0: ciLo === null ? null : gapX(ciLo),
      ciX1: ciHi === null ? null : gapX(ciHi),
      ciClippedLow: ciLo !== null && ciLo < lo,
      ciClippedHigh: ciHi !== null && ciHi > hi,
      negative: s.gap < 0,
      significant: verdict === 'not-kept',
      verdict,
      small: s.n < SMALL_GROUP_N,
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
        overallCiLow: grp.overall.ciLow,
        overallCiHigh: grp.overall.ciHigh,
        verdict: gapVerdict(grp.overall),
        small: grp.respondents < SMALL_GROUP_N,
        rows: [...grp.dimensions]
          .sort((a, b) => rank(a.dimension) - rank(b.dimension))
          .map((d) => row(`g:${grp.group}:${d.dimension}`, 'group', d.dimension, d.dimension, 0, d, false, false)),
      }))
    : null;

  return {
    scale: { min, max },
    scaleTicks: scaleTicks(min, max),
    gapDomain: [lo, hi],
    gapTicks: gapTicks(gx.ticks(6), gapX),
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
