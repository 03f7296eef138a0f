import { scaleLinear } from 'd3';
import { VOICE_KINDS, type VoiceCount, type VoiceKind } from '../analytics/voice.js';

/**
 * Layout of the voice-of-the-customer charts: horizontal bars per key (a category, channel or
 * segment) stacked by kind, and monthly columns stacked by kind. Bar positions are fractions
 * (0..1) of the bar panel's width, so the element draws each row at any width and keeps its
 * text in HTML; the monthly columns are laid out in viewBox units.
 */

/** What the bars are counted by. */
export const VOICE_DIMENSIONS = ['category', 'channel', 'segment'] as const;
export type VoiceDimension = (typeof VOICE_DIMENSIONS)[number];

export interface AxisTick {
  value: number;
  x: number;
}

/** One kind's part of a stacked bar (fractions of the panel width). */
export interface VoiceBarPart {
  kind: VoiceKind;
  count: number;
  x0: number;
  x1: number;
}

export interface VoiceBar {
  key: string;
  total: number;
  /** Complaint, suggestion, compliment, left to right; kinds with a count of 0 are left out. */
  parts: VoiceBarPart[];
  /** Right end of the whole bar. */
  x1: number;
  /** answered / total; null when the data does not say. */
  answeredShare: number | null;
  answered: number | null;
  medianDaysToAnswer: number | null;
}

export interface VoiceBarsLayout {
  /** The largest total: the full panel width. */
  max: number;
  ticks: AxisTick[];
  bars: VoiceBar[];
}

/** Stacks each key's counts by kind on one linear scale shared by every bar (0 .. the largest total, nice). */
export function voiceBarsLayout(counts: readonly VoiceCount[], kinds: readonly VoiceKind[] = VOICE_KINDS): VoiceBarsLayout {
  const totalOf = (c: VoiceCount) => kinds.reduce((s, k) => s + Math.max(0, c.counts[k] ?? 0), 0);
  const largest = Math.max(0, ...counts.map(totalOf));
  const x = scaleLinear().domain([0, largest > 0 ? largest : 1]).nice(5).range([0, 1]);
  const bars: VoiceBar[] = counts.map((c) => {
    let at = 0;
    const parts: VoiceBarPart[] = [];
    for (const kind of kinds) {
      const count = Math.max(0, c.counts[kind] ?? 0);
      if (count === 0) continue;
      parts.push({ kind, count, x0: x(at), x1: x(at + count) });
      at += count;
    }
    const total = totalOf(c);
    return {
      key: c.key,
      total,
      parts,
      x1: x(total),
      answered: c.answered,
      answeredShare: c.answered !== null && c.total > 0 ? c.answered / c.total : null,
      medianDaysToAnswer: c.medianDaysToAnswer,
    };
  });
  const ticks = x.ticks(5).filter((v) => Number.isInteger(v)).map((value) => ({ value, x: x(value) }));
  return { max: x.domain()[1] as number, ticks, bars };
}

export interface VoiceColumnPart {
  kind: VoiceKind;
  count: number;
  y: number;
  h: number;
}

export interface VoiceColumn {
  key: string;
  index: number;
  total: number;
  x: number;
  w: number;
  /** Top of the stack and its centre, for the tooltip. */
  top: number;
  cx: number;
  /** Complaint at the bottom, then suggestion, then compliment; empty kinds left out. */
  parts: VoiceColumnPart[];
  /** Whether the month's label is drawn (thinned when months are many). */
  labelled: boolean;
}

export interface VoiceMonthsLayout {
  width: number;
  height: number;
  /** The plot box: columns between left and right, from baseline (bottom) up to top. */
  left: number;
  right: number;
  top: number;
  baseline: number;
  yTicks: { value: number; y: number }[];
  columns: VoiceColumn[];
}

export interface VoiceMonthsOptions {
  width: number;
  height: number;
  /** Space left of the plot for the count axis (default 40). */
  gutter?: number;
  /** Space below the baseline for month labels (default 28). */
  footer?: number;
  /** Most month labels to draw (default: as many as fit at labelWidth each); every k-th is labelled beyond that. */
  maxLabels?: number;
  /** Room one month label needs, in the same units as width (default 48: a short label such as "Sep 24" at 11px with a gap); the element passes what its labels in the reader's language need. */
  labelWidth?: number;
}

/** Monthly columns stacked by kind on a linear count scale (0 .. the busiest month, nice). */
export function voiceMonthsLayout(months: readonly VoiceCount[], options: VoiceMonthsOptions, kinds: readonly VoiceKind[] = VOICE_KINDS): VoiceMonthsLayout {
  const { width, height } = options;
  const gutter = options.gutter ?? 40;
  const footer = options.footer ?? 28;
  const top = 8;
  const left = gutter;
  const right = width - 4;
  // The drawing is laid out at the element's measured width (1 unit = 1 CSS px), so labels keep
  // their size: fewer fit when narrow.
  const maxLabels = options.maxLabels ?? Math.max(1, Math.floor((right - left) / (options.labelWidth ?? 48)));
  const baseline = height - footer;
  const totalOf = (c: VoiceCount) => kinds.reduce((s, k) => s + Math.max(0, c.counts[k] ?? 0), 0);
  const largest = Math.max(0, ...months.map(totalOf));
  const y = scaleLinear().domain([0, largest > 0 ? largest : 1]).nice(4).range([baseline, top]);
  const n = Math.max(1, months.length);
  const band = (right - left) / n;
  const w = Math.max(1, band * 0.72);
  const every = Math.max(1, Math.ceil(months.length / maxLabels));
  const columns: VoiceColumn[] = months.map((m, index) => {
    const x = left + index * band + (band - w) / 2;
    let at = 0;
    const parts: VoiceColumnPart[] = [];
    for (const kind of kinds) {
      const count = Math.max(0, m.counts[kind] ?? 0);
      if (count === 0) continue;
      const y0 = y(at);
      const y1 = y(at + count);
      parts.push({ kind, count, y: y1, h: y0 - y1 });
      at += count;
    }
    return { key: m.key, index, total: totalOf(m), x, w, top: y(at), cx: x + w / 2, parts, labelled: index % every === 0 };
  });
  const yTicks = y
    .ticks(4)
    .filter((v) => Number.isInteger(v))
    .map((value) => ({ value, y: y(value) }));
  return { width, height, left, right, top, baseline, yTicks, columns };
}
