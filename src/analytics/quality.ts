/**
 * Service quality as the gap between what customers expected and what they got (SERVQUAL,
 * Parasuraman, Zeithaml and Berry). Pure: types, the default dimensions, and the statistics
 * (confidence intervals, importance weighting) the SQL in data/sql/quality-sql.ts leaves to us.
 */

import type { Notice } from './notice.js';
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
  /** What the figures rest on or cannot tell, in plain words (unlinked respondents, missing importance...), in English. */
  messages: string[];
  /**
   * The same notes as notices, one per message (`notices[i].text === messages[i]`), for the
   * interface to say in the reader's language. Absent on results made by hand, whose messages
   * are then shown as written.
   */
  notices?: Notice[];
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

/**
 * Bad weights (--weights, request.weights): the message says what and where. `notice` carries it
 * for the interface to translate when the survey, not the page's code, is the cause (weights
 * naming none of the survey's dimensions); malformed weights stay English only.
 */
export class QualityWeightsError extends RangeError {
  readonly notice?: Notice;
  constructor(reason: string | Notice) {
    super(typeof reason === 'string' ? reason : reason.text);
    if (typeof reason !== 'string') this.notice = reason;
  }
}

/**
 * A split of the respondents the survey cannot make (no customer ids, no orders, no such
 * attribute): a RangeError whose `notice` the interface translates (message = notice.text).
 */
export class QualitySplitError extends RangeError {
  readonly notice: Notice;
  constructor(notice: Notice) {
    super(notice.text);
    this.notice = notice;
  }
}

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
      throw new QualityWeightsError(`The weight of "${dimension}" must be a number of 0 or more, not ${typeof w === 'string' ? `the text "${w}"` : String(w)}.`);
    }
  }
  const total = entries.reduce((s, [, w]) => s + w, 0);
  if (!(total > 0)) throw new QualityWeightsError('The weights add up to 0: give at least one dimension a weight above 0.');
  return Object.fromEntries(entries.map(([d, w]) => [d, w / total]));
}

/**
 * `tangibles=0.2,reliability=0.3` (or `=20`, or `=20%`, read as 0.2) -> { tangibles: 0.2, reliability: 0.3 },
 * not normalised. Dimension names are trimmed; a name given twice, a missing `=` or a value that is
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
    const value = part.slice(eq + 1).trim();
    // 20% is 0.2, so percentages and fractions mix as meant.
    const percent = value.endsWith('%');
    const raw = percent ? value.slice(0, -1).trim() : value;
    if (eq < 0 || name === '') throw bad(`"${part}" has no dimension=weight`);
    const w = percent ? Number(raw) / 100 : Number(raw);
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

/**
 * Respondent attributes offered as splits (QualityGapResult.groupOptions). An attribute column is
 * a split when it sorts respondents into a few readable groups:
 * - it is not part of a question battery: a numbered family of 3 or more columns (kano1_1,
 *   kano1_2, ..., ipa3_2, total1..total4) holds answers to questions, not who the respondent is;
 * - it has `minGroups`..`maxGroups` distinct non-blank values;
 * - it is not near-unique: on average at least `minMeanGroupSize` respondents per value;
 * - one value does not hold nearly everyone: the largest group has at most `maxLargestShare` of
 *   the respondents with a value (0.97: a 96% / 4% split such as an age band of a student
 *   sample is still worth a look, a 99% / 1% one is not);
 * - its values are short (at most `maxValueLength` characters): free text is not a group.
 * When more than `maxOptions` qualify, those whose name looks like a demographic or a segment
 * (age, sex, region, channel, ...; see DEMOGRAPHIC_NAMES) are kept first, then those with the
 * fewest values, then the first columns; the kept ones stay in the file's column order.
 */
export const GROUP_ATTRIBUTE_RULES = {
  minGroups: 2,
  maxGroups: 12,
  minMeanGroupSize: 1.5,
  maxLargestShare: 0.97,
  maxValueLength: 40,
  maxOptions: 8,
  batteryColumns: 3,
} as const;

/** Words of a column name that say it describes who the respondent is (several languages; accents ignored). */
export const DEMOGRAPHIC_NAMES: readonly string[] = [
  'age', 'ages', 'agegroup', 'agerange', 'sex', 'gender', 'region', 'area', 'state', 'province', 'country', 'city', 'town',
  'location', 'store', 'branch', 'channel', 'frequency', 'segment', 'group', 'plan', 'tier', 'member', 'membership',
  'income', 'education', 'occupation', 'job', 'generation', 'cohort',
  'tipo', 'idade', 'sexo', 'genero', 'regiao', 'pais', 'cidade', 'estado', 'canal', 'frequencia', 'segmento', 'grupo', 'plano', 'faixa',
  'edad', 'ciudad', 'provincia', 'frecuencia',
  'umur', 'usia', 'jantina', 'kelamin', 'negeri', 'wilayah', 'kota', 'bandar', 'kekerapan', 'kumpulan',
  'geschlecht', 'alter', 'stadt', 'land', 'sexe', 'ville', 'pays', 'sesso', 'citta', 'leeftijd', 'geslacht',
];
/** Demographic words in scripts written without spaces: matched anywhere in the name. */
const DEMOGRAPHIC_FRAGMENTS: readonly string[] = ['성별', '연령', '나이', '지역', '빈도', '性别', '性別', '年龄', '年齢', '地区', '地域', '频率', '頻度'];

/** The words of a column name: split on separators and camelCase, lower case, accents dropped. */
function nameWords(column: string): string[] {
  return column
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** True when the column's name looks like a demographic or segment (age_group, Sexo, customerRegion, 성별...). */
export function looksDemographic(column: string): boolean {
  const words = nameWords(column);
  const joined = words.join('');
  return words.some((w) => DEMOGRAPHIC_NAMES.includes(w) || DEMOGRAPHIC_NAMES.includes(w.replace(/s$/, ''))) ||
    DEMOGRAPHIC_NAMES.includes(joined) ||
    DEMOGRAPHIC_FRAGMENTS.some((f) => column.includes(f));
}

/** The columns of numbered families of `batteryColumns` or more (kano1_1, kano1_2, kano2_1...; q1, q2, q3): question batteries. */
export function questionBatteryColumns(columns: readonly string[]): Set<string> {
  const stem = (c: string) => {
    const m = /^(.*?)[\s_.-]*\d+(?:[\s_.-]*\d+)*[\s_.-]*$/u.exec(c.trim());
    return m ? m[1]!.toLowerCase() : null;
  };
  const families = new Map<string, string[]>();
  for (const c of columns) {
    const s = stem(c);
    if (s !== null) families.set(s, [...(families.get(s) ?? []), c]);
  }
  return new Set([...families.values()].filter((f) => f.length >= GROUP_ATTRIBUTE_RULES.batteryColumns).flat());
}

/** What the data says of one respondent attribute column (over respondents with answers). */
export interface AttributeProfile {
  column: string;
  /** Distinct non-blank values. */
  groups: number;
  /** Respondents with a non-blank value. */
  answered: number;
  /** Respondents in the most common value. */
  largest: number;
  /** Characters of the longest value. */
  longest: number;
}

/** The attributes offered as splits (GROUP_ATTRIBUTE_RULES), in the given (column) order. Batteries are left out by the caller (questionBatteryColumns). */
export function groupAttributes(profiles: readonly AttributeProfile[]): AttributeProfile[] {
  const R = GROUP_ATTRIBUTE_RULES;
  const fit = profiles.filter(
    (p) =>
      p.groups >= R.minGroups &&
      p.groups <= R.maxGroups &&
      p.answered >= R.minMeanGroupSize * p.groups &&
      p.largest <= R.maxLargestShare * p.answered &&
      p.longest <= R.maxValueLength,
  );
  if (fit.length <= R.maxOptions) return fit;
  const rank = (p: AttributeProfile) => [looksDemographic(p.column) ? 0 : 1, p.groups, profiles.indexOf(p)] as const;
  const kept = new Set(
    [...fit]
      .sort((a, b) => {
        const [x, y] = [rank(a), rank(b)];
        return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
      })
      .slice(0, R.maxOptions),
  );
  return fit.filter((p) => kept.has(p));
}

/**
 * A column name as words to read in a sentence ("By age group", "Quality gaps by age group"):
 * separators and camelCase become spaces, capitalised words after the first lower case, an
 * all-capitals name of several words lower case; acronyms (NPS) and other scripts are kept.
 */
export function attributeLabel(column: string): string {
  const spaced = column
    .trim()
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  const words = spaced.split(/[\s_.\-]+/).filter((w) => w !== '');
  if (!words.length) return column;
  const allCaps = words.length > 1 && /\p{Lu}/u.test(column) && !/\p{Ll}/u.test(column);
  return words.map((w, i) => (allCaps || (i > 0 && /^\p{Lu}\p{Ll}/u.test(w)) ? w.toLowerCase() : w)).join(' ');
}
