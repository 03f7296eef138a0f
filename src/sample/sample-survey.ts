/**
 * The sample shop's SERVQUAL survey, for the demo page and tests: deterministic (the same
 * options always give the same bytes) and pure (no I/O, no DOM).
 *
 * A share of the customers of `generateSampleOrders` (same options) answer the 22-item
 * SERVQUAL questionnaire on a 1-7 scale: for each item what they expect of a shop like this one,
 * and what they perceive of this one. They split 100 points of importance across the five
 * dimensions. The shop keeps its look (tangibles) but not quite its promises: reliability and
 * responsiveness fall short most, and customers who buy often see smaller gaps, so the gaps
 * differ by segment and rung. One row per respondent and item (the long shape), with the
 * customer id, so the survey links to RFM segments and the ladder.
 */
import { SERVQUAL_22_ITEMS, SERVQUAL_DIMENSIONS, type ServqualDimension } from '../analytics/quality.js';
import { generateSampleOrders, normal, random, toCsv, type SampleOptions } from './sample-orders.js';

export interface SampleSurveyOptions extends SampleOptions {
  /** Share of the shop's buying customers who answer (default 0.15). */
  responseRate?: number;
}

export interface SampleSurveyRecord {
  respondent: string;
  customer_id: string;
  item: string;
  dimension: ServqualDimension;
  expectation: string;
  perception: string;
  importance: string;
  age_group: string;
}

/** Mean perception - expectation per dimension for an occasional buyer. */
const BASE_GAP: Record<ServqualDimension, number> = {
  tangibles: 0.3,
  reliability: -1.5,
  responsiveness: -1.1,
  assurance: -0.5,
  empathy: -0.8,
};
/** How much each dimension matters to the average respondent (points of 100). */
const BASE_IMPORTANCE: Record<ServqualDimension, number> = {
  tangibles: 11,
  reliability: 32,
  responsiveness: 22,
  assurance: 19,
  empathy: 16,
};
const AGE_GROUPS = ['18-29', '30-44', '45-59', '60+'] as const;

const clampLikert = (x: number) => Math.min(7, Math.max(1, Math.round(x)));

/** Split 100 points in proportion to the weights, rounding so they still sum to 100. */
function hundredPoints(weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (w / total) * 100);
  const points = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; k < 100 - points.reduce((s, p) => s + p, 0); k++) points[order[k]![1]]!++;
  return points;
}

export function generateSampleSurvey(options: SampleSurveyOptions = {}): SampleSurveyRecord[] {
  const orders = generateSampleOrders(options);
  const rand = random((options.seed ?? 20240601) ^ 0x5e7a9);
  const responseRate = options.responseRate ?? 0.15;
  const purchases = new Map<string, number>();
  for (const o of orders) {
    if (o.customer_id === '' || o.status !== 'completed') continue;
    purchases.set(o.customer_id, (purchases.get(o.customer_id) ?? 0) + 1);
  }
  const items = Object.entries(SERVQUAL_22_ITEMS);
  const out: SampleSurveyRecord[] = [];
  let respondentNo = 0;
  for (const [customer_id, bought] of [...purchases].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // Loyal customers answer more often.
    if (rand() > responseRate * (bought >= 4 ? 1.8 : 1)) continue;
    const respondent = `R${String(++respondentNo).padStart(4, '0')}`;
    // Frequent buyers perceive more of what they expect (up to +1 point).
    const loyalty = Math.min(1, (bought - 1) / 6);
    const strictness = 5.9 + 0.6 * normal(rand);
    const mood = 0.5 * normal(rand);
    const points = hundredPoints(SERVQUAL_DIMENSIONS.map((d) => BASE_IMPORTANCE[d] * Math.exp(0.35 * normal(rand))));
    const importance = Object.fromEntries(SERVQUAL_DIMENSIONS.map((d, i) => [d, points[i]!])) as Record<ServqualDimension, number>;
    const age_group = AGE_GROUPS[Math.floor(rand() * AGE_GROUPS.length)]!;
    for (const [item, dimension] of items) {
      const expectation = clampLikert(strictness + 0.7 * normal(rand));
      const perception = clampLikert(expectation + BASE_GAP[dimension] + loyalty + mood + 0.9 * normal(rand));
      out.push({
        respondent,
        customer_id,
        item,
        dimension,
        expectation: String(expectation),
        perception: String(perception),
        importance: String(importance[dimension]),
        age_group,
      });
    }
  }
  return out;
}

const SURVEY_CSV_COLUMNS: readonly (keyof SampleSurveyRecord)[] = [
  'respondent', 'customer_id', 'item', 'dimension', 'expectation', 'perception', 'importance', 'age_group',
];

export function sampleSurveyCsv(options: SampleSurveyOptions = {}): string {
  return toCsv(SURVEY_CSV_COLUMNS, generateSampleSurvey(options));
}
