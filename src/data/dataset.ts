import { rowsOf, rowsOfInTurns } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { ingestOrders, type IngestInput, type IngestResult } from './ingest/ingest.js';
import { ingestCustomers } from './ingest/ingest-customers.js';
import { ingestFeedback } from './ingest/ingest-feedback.js';
import { ingestSurvey } from './ingest/ingest-survey.js';
import type { SurveyIngestOptions, SurveyLoadReport } from './ingest/types.js';
import type { CustomersIngestOptions, CustomersLoadReport, FeedbackIngestOptions, FeedbackLoadReport } from './ingest/types.js';
import type { IngestOptions, LoadReport, RejectedRow } from './ingest/types.js';
import { customerListSql, headlineSql, type CustomerFilter, type CustomerSortKey, type SortDirection } from './sql/customers-sql.js';

export { CUSTOMER_SORT_KEYS, type CustomerFilter, type CustomerSortKey, type SortDirection } from './sql/customers-sql.js';
import { dropObjectSql, dropTableSql, ORDERS_SWAP_PAIRS, ownObjectsSql, rejectsPageSql, T } from './sql/ingest-sql.js';
import { customersSwapPairs } from './sql/customers-ingest-sql.js';
import { feedbackSwapPairs } from './sql/feedback-ingest-sql.js';
import { surveySwapPairs } from './sql/survey-ingest-sql.js';
import {
  currentScoresKey,
  currentScoring,
  forgetScoring,
  readRfm,
  readScoreOverview,
  readSegmentSummary,
  type RfmRequest,
  type RfmResult,
  type ScoreOverview,
  type SegmentSummaryRow,
} from './rfm.js';
import { SCORED_TABLE } from './sql/rfm-sql.js';
import type { CustomerTypeOptions, ParetoOptions } from '../analytics/customer-types.js';
import { readCustomerTypes, readPareto, type CustomerTypesResult, type ParetoResult } from './customer-types.js';
import { hasCustomersTable, tablesAre } from './table-presence.js';
import { forgetMigration, readMigration, type MigrationRequest, type MigrationResult } from './migration.js';
import type { SelectedIgnoringRequest, SelectedQualityResult, SelectedRequest, SelectedResult, SelectedVoiceResult } from '../analytics/selection.js';
import { currentSelection, selectCustomers, type CustomerSelection, type SelectionInfo } from './selection.js';
import { currentSelectionParts, currentSelectionTable } from './selection-state.js';

export {
  SelectionError,
  isEmptySelection,
  selectionKey,
  selectionParts,
  validateSelection,
  type CustomerSelection,
  type SelectedQualityResult,
  type SelectedIgnoringRequest,
  type SelectedRequest,
  type SelectedResult,
  type SelectedVoiceResult,
  type SelectionInfo,
  type SelectionPart,
  type SelectionPartName,
} from '../analytics/selection.js';
import {
  currentLadder,
  forgetLadder,
  readLadder,
  readLadderComparison,
  readLadderMembers,
  type LadderComparisonRequest,
  type LadderMember,
  type LadderRequest,
} from './ladder.js';
import type { Notice as LadderReasonNotice } from '../analytics/notice.js';
import { LADDER_TABLE } from './sql/ladder-sql.js';
import { hasVoice, readVoice } from './voice.js';
import type { VoiceRequest, VoiceResult } from '../analytics/voice.js';
import type { QualityGapRequest, QualityGapResult } from '../analytics/quality.js';
import { readQualityGap } from './quality.js';
import { type LadderComparison, type LadderPlace, type LadderResult } from '../analytics/ladder.js';
import type { DeliveryGapResult } from '../analytics/delivery.js';
import { readDeliveryGap } from './delivery.js';
import { readCustomerDetail, type CustomerDetail } from './customer-detail.js';
import { forgetCustomerList, keepCustomerList, withLadderReasons, type CustomerPages } from './customer-list.js';
export { CustomerListReplacedError, type CustomerListShape, type CustomerPages } from './customer-list.js';
import { readClvHoldout, readClvSummary, type ClvHoldout, type ClvHoldoutOptions, type ClvSummary, type ClvSummaryOptions } from './clv.js';
import { readCohorts, type CohortOptions, type CohortRetention } from './cohorts.js';
import { fitClvModel, readClvModelInput, type ClvModel, type ClvModelOptions, type ClvRunner } from './clv-model.js';
import { clvPredictionsGeneration, clvPredictionsTable, currentClvPredictions, forgetClvPredictions, readClvGroups, storeClvPredictions, type ClvGroups, type ClvPredictionsInfo } from './clv-predictions.js';
export type { ClvGroupRow, ClvGroups, ClvPredictionsInfo } from './clv-predictions.js';
export type { ClvHoldout, ClvHoldoutOptions, ClvHoldoutRow, ClvPeriod, ClvSummary, ClvSummaryOptions, ClvSummaryRow } from './clv.js';
export type { CohortCell, CohortOptions, CohortRetention, CohortRow, CohortTotals } from './cohorts.js';

export type { CustomerDetail, CustomerFeedback, CustomerMonth, CustomerOrder, CustomerSummary } from './customer-detail.js';

export type { LadderComparisonRequest, LadderMember, LadderRequest } from './ladder.js';

export type { RfmCustomer, RfmRequest, RfmResult, ScoreGridCell, ScoreOverview, Scoring, SegmentSummaryRow } from './rfm.js';

export interface Headline {
  customers: number;
  orders: number;
  revenue: number;
  averageOrderValue: number | null;
  /** Share of buying customers with two or more purchases, 0..1. */
  repeatRate: number | null;
  firstOrder: string | null;
  lastOrder: string | null;
}

export interface CustomerRow {
  customer_id: string;
  /**
   * First and last order (ISO; null for a listed customer with no order), orders and total
   * spend are over every loaded order; recency, scores, segment and type are as of the scoring's
   * analysis date (the same, unless an earlier analysis date was asked for).
   */
  first_order: string | null;
  last_order: string | null;
  orders: number;
  total_spend: number;
  /** From the last scoring (see Dataset.scoreOverview); null before one, or when it left the customer out. */
  recency_days?: number | null;
  r_score?: number | null;
  f_score?: number | null;
  m_score?: number | null;
  segment?: string | null;
  type?: 'active' | 'inactive' | 'potential' | null;
  /** From the last ladder (see Dataset.ladder); null before one. */
  rung?: LadderPlace | null;
  /** Why the customer is on that rung, in plain words (English): given when the list is filtered by rung, or asked for. */
  reason?: string | null;
  /** The reason as a notice, for the interface to translate (`reasonNotice.text === reason`); given with `reason`. */
  reasonNotice?: LadderReasonNotice | null;
  /** From the last CLV model (see Dataset.clvModel), as of its summary date; absent before one, null for a customer it did not fit (a prospect). */
  probability_alive?: number | null;
  expected_purchases?: number | null;
  clv?: number | null;
}

export interface CustomerQuery {
  sort?: CustomerSortKey;
  direction?: SortDirection;
  /** Only this segment, type and/or rung (needs a scoring / a ladder; before one, nothing matches). */
  filter?: CustomerFilter;
  /** Add each row's ladder reason (default: only when filtering by rung; reasons cost time on large lists). */
  reasons?: boolean;
  /** Only the selected customers (see Dataset.select), on top of the filter; everyone when no selection is in force. */
  selected?: boolean;
  /** Only the first this many rows of the order (a whole number ≥ 0): a first page of a large base, fast. Default all. */
  limit?: number;
}


/**
 * One loaded dataset over one engine: load sources, then ask questions of the canonical
 * tables. Components, the CLI and tests all go through this; none of them writes SQL.
 * Loads are serialised: a second load waits for the first.
 */
/**
 * Work on one engine runs in turn: a load swaps tables in and out, so a query arriving in the
 * middle would find no `orders`; and two loads would share the staging tables. Keyed by
 * engine, so Datasets (or dashboards) sharing an engine share the queue too.
 */
const queues = new WeakMap<Engine, Promise<unknown>>();

function inTurn<T>(engine: Engine, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(engine) ?? Promise.resolve()).then(work, work);
  queues.set(engine, next.catch(() => undefined));
  return next;
}

export class Dataset {
  private _report: LoadReport | null = null;
  private _customersReport: CustomersLoadReport | null = null;
  private _feedbackReport: FeedbackLoadReport | null = null;
  private _surveyReport: SurveyLoadReport | null = null;

  constructor(readonly engine: Engine) {}

  /** The report of the dataset now loaded, or null before the first successful load. */
  get report(): LoadReport | null {
    return this._report;
  }

  /** The report of the customer list now loaded, or null before the first successful customer load. */
  get customersReport(): CustomersLoadReport | null {
    return this._customersReport;
  }

  /**
   * Load a customer list (prospects included) into the optional `customers` table, replacing
   * the previous list only on success; orders are untouched. Rejects with an IngestError.
   */
  loadCustomers(input: IngestInput, options: CustomersIngestOptions = {}): Promise<CustomersLoadReport> {
    return inTurn(this.engine, async () => {
      const report = await ingestCustomers(this.engine, input, options);
      this._customersReport = report;
      forgetScoring(this.engine);
      await forgetCustomerList(this.engine);
      forgetLadder(this.engine);
      return report;
    });
  }

  /** The report of the feedback now loaded, or null before the first successful feedback load. */
  get feedbackReport(): FeedbackLoadReport | null {
    return this._feedbackReport;
  }

  /**
   * Load feedback (NPS, reviews, satisfaction, referrals, complaints, suggestions, compliments)
   * into the optional `feedback` table, scores normalised to 0..1, replacing the previous
   * feedback only on success; orders and customers are untouched. Rejects with an IngestError.
   */
  loadFeedback(input: IngestInput, options: FeedbackIngestOptions = {}): Promise<FeedbackLoadReport> {
    return inTurn(this.engine, async () => {
      const report = await ingestFeedback(this.engine, input, options);
      this._feedbackReport = report;
      forgetScoring(this.engine);
      await forgetCustomerList(this.engine);
      forgetLadder(this.engine);
      return report;
    });
  }

  /** The report of the survey now loaded, or null before the first successful survey load. */
  get surveyReport(): SurveyLoadReport | null {
    return this._surveyReport;
  }

  /**
   * Load a SERVQUAL-style survey (long or wide; expectation and perception per item) into the
   * optional `survey` tables, replacing the previous survey only on success; orders, customers
   * and feedback are untouched. Rejects with an IngestError.
   */
  loadSurvey(input: IngestInput, options: SurveyIngestOptions = {}): Promise<SurveyLoadReport> {
    return inTurn(this.engine, async () => {
      // A survey changes neither the scores nor the ladder: they stay as they are.
      const report = await ingestSurvey(this.engine, input, options);
      this._surveyReport = report;
      return report;
    });
  }

  /** Drop the customer list (and its rejects), if any: the scores and the ladder are computed again without it. */
  unloadCustomers(): Promise<void> {
    return inTurn(this.engine, async () => {
      await this.dropTables(customersSwapPairs());
      this._customersReport = null;
      forgetScoring(this.engine);
      await forgetCustomerList(this.engine);
      forgetLadder(this.engine);
    });
  }

  /** Drop the feedback (and its rejects), if any: the scores and the ladder are computed again without it. */
  unloadFeedback(): Promise<void> {
    return inTurn(this.engine, async () => {
      await this.dropTables(feedbackSwapPairs());
      this._feedbackReport = null;
      forgetScoring(this.engine);
      await forgetCustomerList(this.engine);
      forgetLadder(this.engine);
    });
  }

  /** Drop the survey tables, if any (the scores and the ladder do not use them). */
  unloadSurvey(): Promise<void> {
    return inTurn(this.engine, async () => {
      await this.dropTables(surveySwapPairs());
      this._surveyReport = null;
    });
  }

  /**
   * Drop everything the dataset loaded or made (orders, customer list, feedback, survey, and
   * every working table: scores, ladder, predictions, selection): the engine holds none of the
   * data after ("Forget data" over an engine the page gave, which stays open).
   */
  forget(): Promise<void> {
    return inTurn(this.engine, async () => {
      await this.dropTables([...ORDERS_SWAP_PAIRS, ...customersSwapPairs(), ...feedbackSwapPairs(), ...surveySwapPairs()]);
      // Views first: they read the tables.
      const own = rowsOf<{ kind: 'TABLE' | 'VIEW'; name: string }>(await this.engine.query(ownObjectsSql())).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'VIEW' ? -1 : 1));
      for (const o of own) await this.engine.query(dropObjectSql(o.kind, o.name));
      this._report = null;
      this._customersReport = null;
      this._feedbackReport = null;
      this._surveyReport = null;
      forgetScoring(this.engine);
      await forgetCustomerList(this.engine);
      forgetLadder(this.engine);
      await forgetMigration(this.engine);
      await forgetClvPredictions(this.engine);
    });
  }

  /** Drop the canonical tables of a swap-pair list (the same names a load replaces). */
  private async dropTables(pairs: readonly (readonly [string, string])[]): Promise<void> {
    // Unknown until every drop went through, and so after one that failed (some may be gone, some not).
    tablesAre(this.engine, pairs, null);
    for (const [, canonical] of pairs) await this.engine.query(dropTableSql(canonical));
    tablesAre(this.engine, pairs, false);
  }

  load(input: IngestInput, options: IngestOptions = {}): Promise<IngestResult> {
    return inTurn(this.engine, async () => {
      // Forget only on success: the swap is one transaction (rolled back on failure), so a load that
      // asks for input, fails or is cancelled leaves the old tables, and their scoring, ladder,
      // migration and selection stay usable.
      const result = await ingestOrders(this.engine, input, options);
      if (result.status === 'loaded') {
        this._report = result.report;
        forgetScoring(this.engine);
        await forgetCustomerList(this.engine);
        forgetLadder(this.engine);
        // New orders, new migration: a selected migration cell is forgotten with it (scoring and ladder selections above).
        await forgetMigration(this.engine);
        await forgetClvPredictions(this.engine);
      }
      return result;
    });
  }

  /**
   * Customers, orders, revenue, average order value, repeat rate and the first and last order.
   * With `selected`, of the selected customers' orders only (customers: selected ones with an
   * order), and the result carries the selection (null when none is in force: then everyone).
   */
  headline(request: SelectedRequest = {}): Promise<Headline & Partial<SelectedResult>> {
    return inTurn(this.engine, () => this.readHeadline(request.selected === true));
  }

  private async readHeadline(selected = false): Promise<Headline & Partial<SelectedResult>> {
    const { table, info } = selected ? currentSelectionTable(this.engine) : { table: null, info: null };
    const [r] = rowsOf<{
      customers: number; orders: number; revenue: number; average_order_value: number | null;
      repeat_rate: number | null; first_order: string | null; last_order: string | null;
    }>(await this.engine.query(headlineSql(table)));
    return {
      ...(selected ? { selection: info } : {}),
      customers: r?.customers ?? 0,
      orders: r?.orders ?? 0,
      revenue: r?.revenue ?? 0,
      averageOrderValue: r?.average_order_value ?? null,
      repeatRate: r?.repeat_rate ?? null,
      firstOrder: r?.first_order ?? null,
      lastOrder: r?.last_order ?? null,
    };
  }

  /**
   * Every customer, sorted in SQL (default: total spend, highest first). Once the data has been
   * scored (rfm, segmentSummary or scoreOverview), rows carry that scoring's recency, scores,
   * segment and type, and can be filtered by segment and type.
   */
  customers(query: CustomerQuery = {}): Promise<CustomerRow[]> {
    const limit = query.limit ?? null;
    if (limit !== null && !(Number.isInteger(limit) && limit >= 0)) return Promise.reject(new RangeError(`limit must be a whole number ≥ 0, got ${String(limit)}`));
    return inTurn(this.engine, async () => {
      const selection = query.selected ? currentSelectionTable(this.engine).table : null;
      const { sql, params, reasonsOn } = this.customerListQuery(query, await this.customerListTables(query), limit, false, selection);
      // A list of every customer may be a million rows: converted in turns, the page stays responsive.
      const rows = await rowsOfInTurns<CustomerRow & Record<string, unknown>>(await this.engine.query(sql, params));
      return reasonsOn ? withLadderReasons(rows, reasonsOn) : rows;
    });
  }

  /**
   * The list customers() would return for `query` (its `limit` aside), kept in the engine and
   * read a page at a time: for a view of a large base, which never holds every customer as an
   * object. One list is current per engine: asking for another (a new sort, filter, scoring or
   * selection), a load or forget() replaces it, and the old one's reads reject with a
   * CustomerListReplacedError. Everyone's list is kept beside a selection's (see keepCustomerList).
   */
  customerList(query: Omit<CustomerQuery, 'limit'> = {}): Promise<CustomerPages> {
    return inTurn(this.engine, async () => {
      const tables = await this.customerListTables(query);
      const { reasonsOn, predicted, ...all } = this.customerListQuery(query, tables, null, true, null);
      const selection = query.selected ? currentSelectionTable(this.engine).table : null;
      // The selection's parts, when the list reads what they were made from (the scoring for a segment or cell, the ladder for a rung).
      const parts = selection ? currentSelectionParts(this.engine) : null;
      const partsRead = parts && (tables.scored || (parts.segment === undefined && parts.cell === undefined)) && (tables.ladder || parts.rung === undefined) ? parts : null;
      const selected = selection ? { table: selection, parts: partsRead, ...this.customerListQuery(query, tables, null, true, selection) } : null;
      // What the list reads besides the orders, as the objects that describe them: each new scoring, ladder or fit is a new one.
      const basis = { scoring: currentScoring(this.engine), scores: currentScoresKey(this.engine), others: [currentLadder(this.engine), currentClvPredictions(this.engine)] };
      // Neither sorted nor filtered by segment: other rules change the segment column alone.
      const resegmentFrom = tables.scored && query.sort !== 'segment' && query.filter?.segment === undefined ? tables.scored : null;
      return keepCustomerList(this.engine, (work) => inTurn(this.engine, work), { all, selected, basis, resegmentFrom }, { ladder: reasonsOn, predicted });
    });
  }

  /** The tables a customer list reads now (the scoring, ladder, customer list and predictions in force). In the engine's turn. */
  private async customerListTables(query: CustomerQuery) {
    const scored = currentScoring(this.engine) ? SCORED_TABLE : null;
    const ladder = currentLadder(this.engine);
    const list = (scored || ladder) && (await hasCustomersTable(this.engine)) ? T.customers : null;
    const withReasons = ladder !== null && (query.reasons ?? query.filter?.rung !== undefined);
    return { scored, ladder, list, withReasons, clv: clvPredictionsTable(this.engine) };
  }

  /** The SQL of a customer list over `tables` (see customerListTables) and a selection table; the ladder its reasons are on, if asked. */
  private customerListQuery(
    query: CustomerQuery,
    tables: Awaited<ReturnType<Dataset['customerListTables']>>,
    limit: number | null,
    positioned: boolean,
    selection: string | null,
  ) {
    const { sort = 'total_spend', direction = 'desc', filter = {} } = query;
    const { scored, ladder, list, withReasons, clv } = tables;
    const { sql, params } = customerListSql(sort, direction, scored, filter, list, ladder ? LADDER_TABLE : null, withReasons, selection, clv, limit, positioned);
    return { sql, params, reasonsOn: withReasons ? ladder : null, predicted: clv !== null };
  }

  /**
   * One customer's drill-down: summary (name from the customer list; scores, segment and type
   * of the current scoring; rung and its reason on the current ladder), orders with returns,
   * monthly totals and feedback. Null for an id neither ordered nor listed. The id is bound as a
   * parameter, never pasted into SQL.
   */
  customerDetail(customerId: string): Promise<CustomerDetail | null> {
    return inTurn(this.engine, () => readCustomerDetail(this.engine, customerId));
  }

  /** Rejected rows of the loaded dataset, in file order: every one, page by page. */
  rejects(limit = 1000, offset = 0): Promise<RejectedRow[]> {
    return inTurn(this.engine, async () => rowsOf<RejectedRow>(await this.engine.query(rejectsPageSql(), [limit, offset])));
  }

  /**
   * RFM per customer as of an analysis date: metrics, R/F/M scores (method `quantile` by
   * default, R `rfm` compatible), segment, and the cut points used. Invalid options reject with
   * an RfmOptionsError or SegmentRulesError.
   */
  rfm(request: RfmRequest = {}): Promise<RfmResult> {
    return inTurn(this.engine, () => readRfm(this.engine, request));
  }

  /**
   * Score every customer (kept in the engine for customers() to join and filter) and return
   * the scoring, the segment summary and the R-by-F counts, without per-customer rows: what a
   * segment view needs, cheap for any number of customers. Asking again with other rules only
   * re-segments. With `selected`, the summary and the grid count the selected customers only
   * (scores and segments stay those of everyone) and the result carries the selection.
   */
  scoreOverview(request: RfmRequest & SelectedRequest = {}): Promise<ScoreOverview & Partial<SelectedResult>> {
    return inTurn(this.engine, () => readScoreOverview(this.engine, request));
  }

  /** Per segment: customers, orders, revenue, shares and average R/F/M, in rule order then Others (of the selection, with `selected`). */
  segmentSummary(request: RfmRequest & SelectedRequest = {}): Promise<SegmentSummaryRow[]> {
    return inTurn(this.engine, () => readSegmentSummary(this.engine, request));
  }

  /** Active and inactive customers as of an analysis date; the inactivity window used (derived from the data unless given). */
  customerTypes(options: CustomerTypeOptions = {}): Promise<CustomerTypesResult> {
    return inTurn(this.engine, () => readCustomerTypes(this.engine, options));
  }

  /**
   * The Pareto (Lorenz) curve of customer value by revenue or margin, the top-20% share, Gini, and
   * customers below a standard; with `selected`, of the selected customers only (see select).
   */
  pareto(options: ParetoOptions & SelectedRequest = {}): Promise<ParetoResult & Partial<SelectedResult>> {
    return inTurn(this.engine, () => readPareto(this.engine, options));
  }

  /**
   * Segments at two analysis dates (default: the day after the last order, and 90 days before)
   * and the moves between them. Remembered as the migration a selected migration cell refers
   * to. With `selected`, the moves of the selected customers only, and the result carries the selection.
   */
  migration(request: MigrationRequest = {}): Promise<MigrationResult & Partial<SelectedResult>> {
    return inTurn(this.engine, () => readMigration(this.engine, request));
  }

  /**
   * The ladder of loyalty as of a date: contacts per rung, conversion, drop-off, revenue,
   * time to climb, lapsed contacts, and what evidence each rung rests on. Kept in the engine
   * so customers() can filter by rung and explain each place. Invalid rules reject with a
   * LadderRulesError. With `selected`, built over everyone as usual, then counted over the
   * selected contacts only (contacts, rungs, conversions, medians, lapsed); the evidence is the
   * whole ladder's, and the result carries the selection. `ignore: ['rung']` counts over the
   * selection's other parts (everyone when none), leaving the selection in force as it is.
   */
  ladder(request: LadderRequest & SelectedIgnoringRequest = {}): Promise<LadderResult & Partial<SelectedResult>> {
    return inTurn(this.engine, () => readLadder(this.engine, request));
  }

  /** The ladder at two dates and who climbed, slipped, lapsed or returned in between. */
  ladderComparison(request: LadderComparisonRequest): Promise<LadderComparison> {
    return inTurn(this.engine, () => readLadderComparison(this.engine, request));
  }

  /** Every contact's place on the ladder (or one place's contacts) with the reason, partner first. */
  ladderMembers(rung: LadderPlace | null = null, request: LadderRequest = {}): Promise<LadderMember[]> {
    return inTurn(this.engine, () => readLadderMembers(this.engine, rung, request));
  }

  /**
   * The operational gap: promised against actual delivery (on-time share, days late) and, when
   * the orders carry a review score, late vs on-time satisfaction. Null when no loaded order has
   * both a promised and a delivered date (map promised_date and delivered_date when loading).
   * With `selected`, the orders of the selected customers only (null when none of them has
   * both dates); the result carries the selection.
   */
  deliveryGap(request: SelectedRequest = {}): Promise<(DeliveryGapResult & Partial<SelectedResult>) | null> {
    return inTurn(this.engine, () => readDeliveryGap(this.engine, request));
  }

  /**
   * The survey gap (perception - expectation) per item, per dimension and overall (weighted by
   * request.weights, else the respondents' own importance, else equally), with 95% intervals,
   * split by segment, rung or a respondent attribute when asked. Null when no survey is loaded.
   * Rejects with a QualityWeightsError for unusable weights, a RangeError for an impossible split.
   * With `selected`, the respondents linked to a selected customer only; the result carries the
   * selection and how many respondents were left out (and how many of them are linked to no one).
   */
  qualityGap(request: QualityGapRequest & SelectedRequest = {}): Promise<(QualityGapResult & Partial<SelectedQualityResult>) | null> {
    return inTurn(this.engine, () => readQualityGap(this.engine, request));
  }

  /**
   * The voice of the customer: complaints, suggestions and compliments (or the kinds asked) by
   * category, channel, RFM segment (after a scoring) and month, with the share answered and the
   * median days to answer where the feedback says, and the latest texts. Null when no feedback
   * is loaded or it has none of those three kinds. Rejects with a VoiceRequestError for a bad request.
   * With `selected`, the feedback of the selected customers only (rows with no customer id drop
   * out); the result carries the selection and what was left out.
   */
  voice(request: VoiceRequest & SelectedRequest = {}): Promise<(VoiceResult & Partial<SelectedVoiceResult>) | null> {
    return inTurn(this.engine, async () => ((await hasVoice(this.engine)) ? readVoice(this.engine, request) : null));
  }

  /**
   * Cross-filtering: select the customers every given part holds for (a segment and/or an
   * R-by-F cell of the current scoring, a place on the current ladder, a cell of the last
   * migration), materialised once in the engine; then any analytic asked with `selected: true`
   * counts those customers only. Null or an empty selection clears it (resolves null). Rejects
   * with a SelectionError naming a part that cannot be made (no scoring, ladder or migration
   * yet, an unknown segment, a score outside 1..bins); the selection in force then stays.
   * Values are bound as parameters, never pasted into SQL. Re-scoring (other options or rules)
   * forgets a selection with a segment or cell, a new ladder one with a rung, another migration
   * (or a new load of orders) one with a migration cell: select again.
   */
  select(selection: CustomerSelection | null): Promise<SelectionInfo | null> {
    return inTurn(this.engine, () => selectCustomers(this.engine, selection));
  }

  /**
   * The purchase summary per customer the BG/NBD and Gamma-Gamma models read (frequency,
   * recency, T, monetary value; the `lifetimes` convention), in days or weeks of 7 days, up to
   * the observation end (default: the last purchase). Returns are not purchases.
   */
  clvSummary(options: ClvSummaryOptions = {}): Promise<ClvSummary> {
    return inTurn(this.engine, () => readClvSummary(this.engine, options));
  }

  /** The summary as of `calibrationEnd`, with each customer's purchases in the holdout after it (to check a model's predictions). */
  clvHoldout(options: ClvHoldoutOptions): Promise<ClvHoldout> {
    return inTurn(this.engine, () => readClvHoldout(this.engine, options));
  }

  /**
   * BG/NBD and Gamma-Gamma fitted on the summary (or, with `calibrationEnd`, on the calibration
   * split, compared with the holdout): parameters, convergence, the independence check, notices
   * and each customer's P(alive), expected purchases and CLV (see data/clv-model.ts). The engine
   * is held only while the summary is read; the fit runs through `runner` (default inline; in a
   * page pass `workerClvRunner()` from data/clv-runner.ts). The predictions
   * are then kept in the engine (unless `keepPredictions: false`) for customers() to add as
   * columns and clvGroups() to add up, until the next fit or load of orders; a fit whose orders
   * were replaced while it ran keeps nothing. With `checkMonths: N` (and no `calibrationEnd`), a
   * second model is fitted, through the same runner, on the orders before the last N calendar
   * months and its predictions for them compared with what customers did (`model.check`), while
   * the model, its predictions and the kept ones stay those of the fit on every order; both
   * summaries are read in the same turn of the engine, and cancelling the runner stops both fits.
   */
  async clvModel(options: ClvModelOptions & { keepPredictions?: boolean } = {}, runner?: ClvRunner): Promise<ClvModel> {
    const { keepPredictions = true, ...modelOptions } = options;
    const [input, generation] = await inTurn(this.engine, async () => [await readClvModelInput(this.engine, modelOptions), clvPredictionsGeneration(this.engine)] as const);
    const model = await fitClvModel(input, modelOptions, runner);
    if (keepPredictions) await inTurn(this.engine, () => storeClvPredictions(this.engine, model, generation));
    return model;
  }

  /** What the kept CLV predictions come from (see clvModel), or null when none are kept for the loaded orders. */
  get clvPredictions(): ClvPredictionsInfo | null {
    return currentClvPredictions(this.engine);
  }

  /**
   * CLV by segment (current scoring) and by place (current ladder): customers, those with a
   * prediction, total and mean CLV, mean P(alive), expected purchases, those probably lost
   * (P(alive) below 0.5); and the total. Null before
   * a clvModel; `bySegment`/`byRung` null before a scoring/a ladder. With `selected`, the selected
   * customers only, and the result carries the selection.
   */
  clvGroups(request: SelectedRequest = {}): Promise<(ClvGroups & Partial<SelectedResult>) | null> {
    return inTurn(this.engine, () => readClvGroups(this.engine, request));
  }

  /** Monthly acquisition cohorts: size, then customers and revenue per month since the first purchase, and the repeat-revenue shares. */
  cohorts(options: CohortOptions = {}): Promise<CohortRetention> {
    return inTurn(this.engine, () => readCohorts(this.engine, options));
  }

  /** The selection in force (see select), or null. */
  get selection(): SelectionInfo | null {
    return currentSelection(this.engine);
  }

  close(): Promise<void> {
    return inTurn(this.engine, () => this.engine.close());
  }
}
