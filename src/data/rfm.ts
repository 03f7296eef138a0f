import { deriveWindowDays, resolveCustomerTypeOptions } from '../analytics/customer-types.js';
import { resolveRfmOptions, RfmOptionsError, RFM_METRICS, type ResolvedRfmOptions, type RfmBreaks, type RfmMethod, type RfmOptions } from '../analytics/rfm-options.js';
import { resolveSegmentRules, type SegmentRule } from '../analytics/segment-rules.js';
import type { SelectedRequest, SelectedResult } from '../analytics/selection.js';
import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { countPotential } from './customer-types.js';
import { currentSelectionTable, invalidateSelection } from './selection-state.js';
import { seesWholeHistory } from './whole-history.js';
import { purchaseGapsSql } from './sql/customer-types-sql.js';
import {
  analysisDateSql,
  createScoredSql,
  resegmentScoredSql,
  scoredCustomersSql,
  scoredCutPointsSql,
  scoredGridSql,
  scoredSegmentSummarySql,
  scoredTypeCountsSql,
} from './sql/rfm-sql.js';

export interface RfmRequest extends RfmOptions {
  /**
   * Segment rules: a preset name (`rfm-vignette`, `rf-grid`), rules as JSON text, or rule
   * objects; validated against the bins. Default: `rfm-vignette` for 5 bins, else no rules.
   */
  segments?: string | readonly unknown[];
  /** Days without a purchase after which a customer is inactive (positive whole number). Default: derived from the data (see analytics/customer-types.ts). */
  windowDays?: number;
}

export interface RfmCustomer {
  customer_id: string;
  recency_days: number;
  frequency: number;
  monetary: number;
  first_order: string;
  last_order: string;
  tenure_days: number;
  average_order_value: number;
  r_score: number;
  f_score: number;
  m_score: number;
  segment: string;
  /** `inactive` when recency_days > the window, else `active`. */
  type: 'active' | 'inactive';
}

export interface RfmResult extends Scoring {
  /** One row per scored customer. */
  customers: RfmCustomer[];
}

export interface SegmentSummaryRow {
  segment: string;
  customers: number;
  orders: number;
  revenue: number;
  share_of_customers: number | null;
  share_of_revenue: number | null;
  average_recency_days: number | null;
  average_frequency: number | null;
  average_monetary: number | null;
}

export interface ScoreGridCell {
  r_score: number;
  f_score: number;
  customers: number;
}

/** What one scoring decided, without the per-customer rows. */
export interface Scoring {
  /** The analysis date used (ISO), or null when there are no orders. */
  analysisDate: string | null;
  method: RfmMethod;
  bins: number;
  rules: SegmentRule[];
  /** The cut points actually used, ascending per metric (empty when there are no customers). */
  cutPoints: RfmBreaks;
  /** Days without a purchase after which a customer is inactive: the caller's, or derived from the data. */
  windowDays: number;
  windowDerived: boolean;
  /** Scored customers (those with a purchase by the analysis date). */
  scoredCustomers: number;
  /** Active and inactive among the scored; potential = listed in the customers table, no purchase by the analysis date. */
  typeCounts: { active: number; inactive: number; potential: number };
}

/** A scoring plus the segment summary and the R-by-F counts: what a segment view shows. */
export interface ScoreOverview extends Scoring {
  summary: SegmentSummaryRow[];
  grid: ScoreGridCell[];
}

const PREFIX = { recency: 'r', frequency: 'f', monetary: 'm' } as const;

/** Validate the request (throws RfmOptionsError / SegmentRulesError before any SQL runs). */
export function resolveRfmRequest(request: RfmRequest = {}) {
  const { segments, windowDays, ...options } = request;
  const resolved = resolveRfmOptions(options);
  const rules = resolveSegmentRules(segments, resolved.bins);
  let window: number | null;
  try {
    window = resolveCustomerTypeOptions(windowDays === undefined ? {} : { windowDays }).windowDays;
  } catch (e) {
    throw new RfmOptionsError((e as Error).message);
  }
  return { options: resolved, rules, windowDays: window };
}

/**
 * What the scored table of each engine holds now: keys of the scores (options, window, date)
 * and of the rules it was built with, so asking again reuses it, and a rule change only
 * re-segments. A load forgets it.
 */
const scoredWith = new WeakMap<Engine, { scoresKey: string; rulesKey: string; options: ResolvedRfmOptions; wholeHistory: boolean; scoring: Scoring }>();

/** Windows derived from the data, per analysis date: the gaps query reads every order. */
const derivedWindows = new WeakMap<Engine, Map<string, number>>();

/** The scored table no longer matches the data (a load replaced orders or customers). */
export function forgetScoring(engine: Engine): void {
  dropScoring(engine);
  derivedWindows.delete(engine);
}

/** The scored table is about to change (or no longer matches): a selection of segments or R-by-F cells goes with it. */
function dropScoring(engine: Engine): void {
  scoredWith.delete(engine);
  invalidateSelection(engine, 'scoring');
}

/** The inactivity window derived from the data as of a date (cached per engine until a load). */
export async function derivedWindow(engine: Engine, analysisDate: string | null): Promise<number> {
  let known = derivedWindows.get(engine);
  if (!known) derivedWindows.set(engine, (known = new Map()));
  const key = analysisDate ?? '';
  let days = known.get(key);
  if (days === undefined) {
    const [g] = rowsOf<{ gap_percentile: number | null }>(await engine.query(purchaseGapsSql({ windowDays: null, analysisDate })));
    days = deriveWindowDays(g?.gap_percentile ?? null);
    known.set(key, days);
  }
  return days;
}


/**
 * Whether the scored table holds the scores and segments that `options` (with its analysis date)
 * and `rules` give, read as `wholeHistory` says now: its rows are then exactly those of rfmCtes
 * with them, segmented by segmentCaseSql(rules), which another analysis at that date may read
 * instead of scoring again. (A table scored before orders past its date were added is not.)
 */
export function scoredTableHolds(engine: Engine, options: ResolvedRfmOptions, rules: readonly SegmentRule[], wholeHistory: boolean): boolean {
  const held = scoredWith.get(engine);
  if (!held || held.wholeHistory !== wholeHistory || held.scoring.analysisDate === null || held.scoring.analysisDate !== options.analysisDate) return false;
  const scores = (o: ResolvedRfmOptions) => JSON.stringify([o.method, o.bins, o.breaks]);
  return scores(held.options) === scores(options) && held.rulesKey === JSON.stringify(rules);
}

/** The scoring the engine's scored table holds, or null when there is none for the loaded data. */
export function currentScoring(engine: Engine): Scoring | null {
  return scoredWith.get(engine)?.scoring ?? null;
}

/**
 * What the scores of the scored table were made with (options, date, inactivity window), the
 * rules apart: two scorings with the same key differ in their segments at most. Null without one.
 */
export function currentScoresKey(engine: Engine): string | null {
  return scoredWith.get(engine)?.scoresKey ?? null;
}

/**
 * Score every customer into the engine's scored table (unless it already holds this request's
 * scores; when only the rules changed, the segments are recomputed in place) and return what
 * was decided. Call inside the engine's queue.
 */
export async function scoreCustomers(engine: Engine, request: RfmRequest = {}): Promise<Scoring> {
  const { options, rules, windowDays: givenWindow } = resolveRfmRequest(request);
  const [d] = rowsOf<{ analysis_date: string | null }>(await engine.query(analysisDateSql(options)));
  const analysisDate = d?.analysis_date ?? null;
  const windowDays = givenWindow ?? (await derivedWindow(engine, analysisDate));
  const scoresKey = JSON.stringify({ options, windowDays, windowDerived: givenWindow === null, analysisDate });
  const rulesKey = JSON.stringify(rules);
  const cached = scoredWith.get(engine);
  if (cached?.scoresKey === scoresKey) {
    if (cached.rulesKey === rulesKey) return cached.scoring;
    dropScoring(engine);
    await engine.query(resegmentScoredSql(rules));
    const scoring = { ...cached.scoring, rules };
    scoredWith.set(engine, { ...cached, rulesKey, scoring });
    return scoring;
  }
  dropScoring(engine);
  const wholeHistory = await seesWholeHistory(engine, analysisDate);
  await engine.query(createScoredSql(options, rules, windowDays, wholeHistory));
  const [row] = rowsOf<Record<string, number | null>>(await engine.query(scoredCutPointsSql(options)));
  const cutPoints = { recency: [], frequency: [], monetary: [] } as RfmBreaks;
  for (const metric of RFM_METRICS) {
    for (let k = 1; k < options.bins; k++) {
      const v = row?.[`${PREFIX[metric]}_cut_${k}`];
      if (typeof v === 'number') cutPoints[metric].push(v);
    }
  }
  const typeCounts = { active: 0, inactive: 0, potential: 0 };
  for (const t of rowsOf<{ type: 'active' | 'inactive'; customers: number }>(await engine.query(scoredTypeCountsSql()))) {
    typeCounts[t.type] = t.customers;
  }
  typeCounts.potential = await countPotential(engine, analysisDate);
  const scoring: Scoring = {
    analysisDate,
    method: options.method,
    bins: options.bins,
    rules,
    cutPoints,
    windowDays,
    windowDerived: givenWindow === null,
    scoredCustomers: typeCounts.active + typeCounts.inactive,
    typeCounts,
  };
  scoredWith.set(engine, { scoresKey, rulesKey, options, wholeHistory, scoring });
  return scoring;
}

/** Scores, segments, types and the cut points used. Call inside the engine's queue. */
export async function readRfm(engine: Engine, request: RfmRequest = {}): Promise<RfmResult> {
  const scoring = await scoreCustomers(engine, request);
  const customers = rowsOf<RfmCustomer>(await engine.query(scoredCustomersSql()));
  return { ...scoring, customers };
}

/**
 * Per segment (rule order, then Others): customers, orders, revenue, shares, averages. With
 * `selected`, over the selected customers only (see Dataset.select); the scoring stays the one
 * over everyone, so asking the same request again does not re-score (which would clear a
 * selection of segments or cells).
 */
export async function readSegmentSummary(engine: Engine, request: RfmRequest & SelectedRequest = {}): Promise<SegmentSummaryRow[]> {
  const { selected, ...rfmRequest } = request;
  const scoring = await scoreCustomers(engine, rfmRequest);
  const { table } = selected ? currentSelectionTable(engine) : { table: null };
  return rowsOf<SegmentSummaryRow>(await engine.query(scoredSegmentSummarySql(scoring.rules, table)));
}

/**
 * Scoring, segment summary and R-by-F counts in one go, without per-customer rows. With
 * `selected`, the summary and the grid count the selected customers only (the scoring, its cut
 * points and counts stay those of every customer) and the result carries the selection.
 */
export async function readScoreOverview(
  engine: Engine,
  request: RfmRequest & SelectedRequest = {},
): Promise<ScoreOverview & Partial<SelectedResult>> {
  const { selected, ...rfmRequest } = request;
  const scoring = await scoreCustomers(engine, rfmRequest);
  // After scoring: a request that re-scored has cleared a selection built on the old scores.
  const { table, info } = selected ? currentSelectionTable(engine) : { table: null, info: null };
  const summary = rowsOf<SegmentSummaryRow>(await engine.query(scoredSegmentSummarySql(scoring.rules, table)));
  const grid = rowsOf<ScoreGridCell>(await engine.query(scoredGridSql(table)));
  return { ...scoring, summary, grid, ...(selected ? { selection: info } : {}) };
}
