/**
 * Service quality as the gap between what customers expected and what they got (SERVQUAL,
 * Parasuraman, Zeithaml and Berry). Pure: types, the default dimensions, and the statistics
 * (confidence intervals, importance weighting) the SQL in data/sql/quality-sql.ts leaves to us.
 */

import { t975Of } from './stats.js';

/** The five SERVQUAL dimensions, the default an item maps to. */
export const SERVQUAL_DIMENSIONS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;
export type ServqualDimension = (typeof SERVQUAL_DIMENSIONS)[number];

/**
 * The 22-item SERVQUAL instrument (Parasuraman, Berry and Zeithaml 1991): items 1-4 tangibles,
 * 5-9 reliability, 10-13 responsiveness, 14-17 assurance, 18-22 empathy. Used for numbered
 * items when a survey has exactly these 22 and no dimension is given.
 */
export const SERVQUAL_22_ITEMS: Readonly<Record<string, ServqualDimension>> = Object.fromEntries(
  Array.from({ length: 22 }, (_, i) => {
    const n = i + 1;
    const d: ServqualDimension = n <= 4 ? 'tangibles' : n <= 9 ? 'reliability' : n <= 13 ? 'responsiveness' : n <= 17 ? 'assurance' : 'empathy';
    return [String(n), d];
  }),
);

/** The dimension of items no mapping places. */
export const UNASSIGNED_DIMENSION = 'unassigned';

/** A Likert scale, both ends included: 1-5, 1-7, 1-10, 0-10. */
export interface SurveyScale {
  min: number;
  max: number;
}

/**
 * A mean gap over respondents with its 95% confidence interval. For an item, each
 * respondent's gap is perception - expectation; for a dimension, each respondent's mean gap
 * over the dimension's items they answered; for the overall score, each respondent's
 * importance-weighted mean of their dimension gaps. Expectation and perception are the means
 * the same way. The interval is mean +- t(0.975, n-1) * sd / sqrt(n); null when n < 2.
 */
export interface GapStat {
  /** Respondents behind the figure. */
  n: number;
  expectation: number;
  perception: number;
  /** perception - expectation: negative = a promise not kept. */
  gap: number;
  /** Sample standard deviation of the respondents' gaps; null when n < 2. */
  sd: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface ItemGap extends GapStat {
  item: string;
  dimension: string;
}

export interface DimensionGap extends GapStat {
  dimension: string;
  /** Items in the dimension. */
  items: number;
  /** The dimension's weight in the overall score (0..1, the weights sum to 1). */
  weight: number;
}

/** Where the overall score's weights came from. */
export type QualityWeighting =
  /** Each respondent's own importance points (e.g. 100 split across dimensions), from the survey. */
  | 'respondent'
  /** Weights given per dimension (request.weights). */
  | 'given'
  /** No importance anywhere: every dimension counts the same. */
  | 'equal';

export interface OverallQuality extends GapStat {
  weighting: QualityWeighting;
}

/** One group of respondents (a segment, a rung, an attribute value) and its gaps. */
export interface QualityGroup {
  group: string;
  respondents: number;
  dimensions: DimensionGap[];
  overall: OverallQuality;
}

/** A way the respondents can be split: by RFM segment or rung (linked respondents), or by a respondent attribute. */
export interface QualityGroupOption {
  /** 'segment', 'rung', or the attribute's column name. */
  by: string;
  label: string;
  /** Distinct groups it makes. */
  groups: number;
}

export interface QualityGapResult {
  scale: SurveyScale;
  respondents: number;
  /** Respondents linked to a known customer (customer_id in orders or the customer list); null when the survey has no customer ids. */
  linkedRespondents: number | null;
  /** Sorted by gap, most negative first. */
  items: ItemGap[];
  /** Sorted by gap, most negative first. */
  dimensions: DimensionGap[];
  overall: OverallQuality;
  /** The split asked for (request.by), or null. */
  groups: { by: string; label: string; groups: QualityGroup[] } | null;
  /** The splits this survey allows. */
  groupOptions: QualityGroupOption[];
  /** What the figures rest on or cannot tell, in plain words (unlinked respondents, missing importance...). */
  messages: string[];
}

export interface QualityGapRequest {
  /** Split the respondents: 'segment', 'rung' or a respondent attribute column; null / absent: no split. */
  by?: string | null;
  /** Weights per dimension (any positive numbers; normalised to sum 1). Wins over the survey's own importance. */
  weights?: Record<string, number>;
}

/*
 * How the figures are computed (data/sql/quality-sql.ts aggregates, the functions below finish):
 *
 * - Item: over the respondents who answered the item, the mean expectation, mean perception,
 *   mean gap (perception - expectation), the sample sd of the gaps, n, and a 95% t interval.
 * - Dimension: each respondent's mean over the dimension's items they answered (expectation,
 *   perception and gap alike); then the same statistics over those respondents.
 * - Overall: each respondent's weighted mean of their dimension means, the weights renormalised
 *   over the dimensions that respondent answered; then the same statistics over respondents.
 *   Weights, first that applies: request.weights ('given': a dimension not named weighs 0, a
 *   respondent who answered no named dimension is left out); else the respondent's own importance
 *   from survey_importance ('respondent': e.g. 100 points split; a dimension they gave no
 *   importance weighs 0 for them; a respondent who gave none at all counts every dimension the
 *   same); else every dimension the same ('equal', 'unassigned' weighing 0 unless it is the only
 *   dimension). DimensionGap.weight is the effective weight:
 *   the mean over the overall's respondents of their renormalised weight of the dimension (0 when
 *   they did not answer it), so the weights sum to 1.
 * - Items in 'unassigned' (no mapping placed them) form a dimension of their own, shown with its
 *   gap; it counts in the overall score only through given weights or respondents' importance,
 *   or when it is the only dimension.
 * - Sorted by gap ascending (most negative, the worst-kept promise, first); ties by item order
 *   (items) or name (dimensions).
 */

/** Bad weights (--weights, request.weights): the message says what and where. */
export class QualityWeightsError extends RangeError {}

export { tCdf, tQuantile } from './stats.js';

/** The figures SQL gives for one mean gap: n, means and the sample sd of the gaps. */
export interface GapMoments {
  n: number;
  expectation: number;
  perception: number;
  gap: number;
  /** stddev_samp of the gaps; null (or anything) when n < 2. */
  sd: number | null;
}

/**
 * A GapStat from the SQL moments: the 95% interval gap +- t(0.975, n-1) * sd / sqrt(n), null
 * (with sd) when n < 2.
 */
export function gapStat(m: GapMoments): GapStat {
  const n = m.n;
  const sd = n >= 2 && m.sd !== null && Number.isFinite(m.sd) ? m.sd : null;
  const half = sd === null ? null : (t975Of(n - 1) * sd) / Math.sqrt(n);
  return {
    n,
    expectation: m.expectation,
    perception: m.perception,
    gap: m.gap,
    sd,
    ciLow: half === null ? null : m.gap - half,
    ciHigh: half === null ? null : m.gap + half,
  };
}

/**
 * Weights per dimension -> the same weights summing to 1. Every weight must be a finite number
 * >= 0 and at least one > 0; throws a QualityWeightsError saying which is not.
 */
export function normaliseWeights(weights: Readonly<Record<string, number>>): Record<string, number> {
  const entries = Object.entries(weights);
  if (!entries.length) throw new QualityWeightsError('No weights given.');
  for (const [dimension, w] of entries) {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new QualityWeightsError(`The weight of "${dimension}" must be a number of 0 or more, not ${String(w)}.`);
    }
  }
  const total = entries.reduce((s, [, w]) => s + w, 0);
  if (!(total > 0)) throw new QualityWeightsError('The weights add up to 0: give at least one dimension a weight above 0.');
  return Object.fromEntries(entries.map(([d, w]) => [d, w / total]));
}

/**
 * `tangibles=0.2,reliability=0.3` (or `=20`, `=20%`) -> { tangibles: 0.2, reliability: 0.3 }, not
 * normalised. Dimension names are trimmed; a name given twice, a missing `=` or a value that is
 * not a number >= 0 throws a QualityWeightsError quoting the part.
 */
export function parseWeightsSpec(spec: string): Record<string, number> {
  const out: Record<string, number> = {};
  const bad = (why: string) => new QualityWeightsError(`Weights take dimension=weight,... (e.g. tangibles=0.2,reliability=0.3): ${why}.`);
  const parts = spec.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (!parts.length) throw bad('none given');
  for (const part of parts) {
    const eq = part.lastIndexOf('=');
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim().replace(/%$/, '');
    if (eq < 0 || name === '') throw bad(`"${part}" has no dimension=weight`);
    const w = Number(raw);
    if (raw === '' || !Number.isFinite(w) || w < 0) throw bad(`"${part}": the weight is not a number of 0 or more`);
    if (Object.prototype.hasOwnProperty.call(out, name)) throw bad(`"${name}" is given twice`);
    out[name] = w;
  }
  return out;
}

/** Items by gap, most negative first; ties by item order. */
export function sortItemGaps<T extends { gap: number; order: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.gap - b.gap || a.order - b.order);
}

/** Dimensions by gap, most negative first; ties by name. */
export function sortDimensionGaps<T extends { gap: number; dimension: string }>(dimensions: readonly T[]): T[] {
  return [...dimensions].sort((a, b) => a.gap - b.gap || (a.dimension < b.dimension ? -1 : a.dimension > b.dimension ? 1 : 0));
}
