import { RFM_METRICS, type ResolvedRfmOptions, type RfmMetric } from '../../analytics/rfm-options.js';
import { OTHERS, type SegmentRule } from '../../analytics/segment-rules.js';
import { dayAfterLastOrderSql, T } from './ingest-sql.js';
import { literal, numberLiteral } from './sql-text.js';

/**
 * RFM as SQL over the canonical `orders`, as of an analysis date (default: the day after the
 * last order in the data; orders after the analysis date are left out).
 *
 * Per customer with at least one purchase (an order that is not a return):
 *   recency_days   analysis date - last purchase date
 *   frequency      purchases (returns are not purchases)
 *   monetary       sum of amount, returns netted in
 *   first_order / last_order   first and last purchase dates
 *   tenure_days    analysis date - first purchase date
 *   average_order_value        purchase amount / purchases (returns left out, as in the headline)
 *
 * Scores 1..n per metric (see analytics/rfm-options.ts for the methods). For `quantile` and
 * `fixed`, a value v scores 1 + #(cut points <= v): bins are [lower, upper), so equal values
 * always share a score. Recency is reversed: n - #(cut points <= recency_days).
 * Quantile cut points are quantile_cont (type 7) at k/n, plus one: the rule of the R package
 * `rfm` (rfm_table_order), which this reproduces on its example data.
 *
 * Cut points come back as columns r_cut_1..r_cut_{n-1} (likewise f_, m_), ascending.
 */

const METRIC_COLUMN: Record<RfmMetric, string> = { recency: 'recency_days', frequency: 'frequency', monetary: 'monetary' };
const PREFIX: Record<RfmMetric, string> = { recency: 'r', frequency: 'f', monetary: 'm' };

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

function cutColumn(metric: RfmMetric, k: number): string {
  return `${PREFIX[metric]}_cut_${k}`;
}

/** 1 + #(cuts <= value), or n - that for recency; cut columns come from `c`. */
function binScore(metric: RfmMetric, bins: number): string {
  const col = `b.${METRIC_COLUMN[metric]}`;
  const above = range(bins - 1)
    .map((k) => `(CASE WHEN ${col} >= c.${cutColumn(metric, k)} THEN 1 ELSE 0 END)`)
    .join(' + ');
  const score = metric === 'recency' ? `${numberLiteral(bins)} - (${above})` : `1 + ${above}`;
  return `CAST(${score} AS INTEGER) AS ${PREFIX[metric]}_score`;
}

/** CTE params: one row, the analysis date (the given one, or the day after the last order). */
function paramsCte(o: ResolvedRfmOptions): string {
  const analysisDate =
    o.analysisDate === null
      ? `SELECT ${dayAfterLastOrderSql()} AS analysis_date`
      : `SELECT CAST(${literal(o.analysisDate)} AS DATE) AS analysis_date`;
  return `params AS (${analysisDate})`;
}

function baseCtes(o: ResolvedRfmOptions, wholeHistory: boolean): string {
  // Every order counts (the analysis date is after the last one): the per-customer figures are
  // the loaded ones, the same sums in the same order, with no pass over the orders.
  const perCustomer = wholeHistory
    ? `SELECT b.customer_id, b.purchases, b.amount AS monetary, b.purchase_amount,
        b.first_purchase AS first_order, b.last_purchase AS last_order, p.analysis_date
      FROM ${T.ordersByCustomer} b CROSS JOIN params p
      WHERE b.purchases > 0`
    : `SELECT o.customer_id,
        count(*) FILTER (WHERE NOT o.is_return) AS purchases,
        sum(o.amount) AS monetary,
        sum(o.amount) FILTER (WHERE NOT o.is_return) AS purchase_amount,
        min(o.order_date) FILTER (WHERE NOT o.is_return) AS first_order,
        max(o.order_date) FILTER (WHERE NOT o.is_return) AS last_order,
        any_value(p.analysis_date) AS analysis_date
      FROM ${T.orders} o CROSS JOIN params p
      WHERE o.order_date <= p.analysis_date
      GROUP BY o.customer_id
      HAVING count(*) FILTER (WHERE NOT o.is_return) > 0`;
  return `${paramsCte(o)},
    per_customer AS (${perCustomer}),
    base AS (
      SELECT customer_id,
        CAST(analysis_date - last_order AS INTEGER) AS recency_days,
        CAST(purchases AS INTEGER) AS frequency,
        CAST(monetary AS DOUBLE) AS monetary,
        first_order, last_order,
        CAST(analysis_date - first_order AS INTEGER) AS tenure_days,
        CAST(purchase_amount / purchases AS DOUBLE) AS average_order_value
      FROM per_customer
    )`;
}

/**
 * SELECT of the cut point columns from `source` (a CTE or table with the metric columns and,
 * for `ntile`, the scores). Quantile cut points come from the metrics; ntile's are descriptive:
 * the lowest value of each score group above the first (for recency, ascending days: the
 * lowest recency of scores n-1 .. 1; ties may straddle them); fixed ones are the user's.
 */
function cutsSelect(o: ResolvedRfmOptions, source: string): string {
  const n = o.bins;
  const ks = range(n - 1);
  const metrics = RFM_METRICS;
  if (o.method === 'ntile') {
    const cuts = metrics.flatMap((metric) =>
      ks.map((k) => {
        const score = metric === 'recency' ? n - k : k + 1;
        return `CAST(min(${METRIC_COLUMN[metric]}) FILTER (WHERE ${PREFIX[metric]}_score = ${numberLiteral(score)}) AS DOUBLE) AS ${cutColumn(metric, k)}`;
      }),
    );
    return `SELECT ${cuts.join(', ')} FROM ${source}`;
  }
  if (o.method === 'quantile') {
    return `SELECT ${metrics
      .flatMap((metric) =>
        ks.map((k) => `CAST(quantile_cont(${METRIC_COLUMN[metric]}, ${numberLiteral(k / n)}) + 1 AS DOUBLE) AS ${cutColumn(metric, k)}`),
      )
      .join(', ')} FROM ${source}`;
  }
  const breaks = o.breaks;
  if (!breaks) throw new RangeError('method "fixed" needs breaks');
  return `SELECT ${metrics
    .flatMap((metric) => ks.map((k) => `CAST(${numberLiteral(breaks[metric][k - 1] as number)} AS DOUBLE) AS ${cutColumn(metric, k)}`))
    .join(', ')}`;
}

/**
 * CTEs params, per_customer, base, cuts and scored (one row per customer, with scores).
 * `wholeHistory`: the analysis date is after the last order (the default date always is; see
 * `seesWholeHistory`), so the per-customer figures come from the orders-by-customer table.
 */
export function rfmCtes(o: ResolvedRfmOptions, wholeHistory = false): string {
  const n = o.bins;
  if (o.method === 'ntile') {
    const ntile = (metric: RfmMetric) => {
      const col = METRIC_COLUMN[metric];
      // Most recent (smallest recency_days) last, so it gets the top score n.
      const order = metric === 'recency' ? `${col} DESC, customer_id DESC` : `${col} ASC, customer_id ASC`;
      return `CAST(ntile(${numberLiteral(n)}) OVER (ORDER BY ${order}) AS INTEGER) AS ${PREFIX[metric]}_score`;
    };
    return `WITH ${baseCtes(o, wholeHistory)},
    scored AS (SELECT base.*, ${RFM_METRICS.map(ntile).join(', ')} FROM base),
    cuts AS (${cutsSelect(o, 'scored')})`;
  }
  return `WITH ${baseCtes(o, wholeHistory)},
    cuts AS (${cutsSelect(o, 'base')}),
    scored AS (SELECT b.*, ${RFM_METRICS.map((m) => binScore(m, n)).join(', ')} FROM base b CROSS JOIN cuts c)`;
}

/** The rules as one CASE on r_score/f_score/m_score: the first matching rule's `then`, else `otherwise`. */
function ruleCaseSql(rules: readonly SegmentRule[], then: (rule: SegmentRule, i: number) => string, otherwise: string): string {
  if (rules.length === 0) return otherwise;
  const between = (col: string, [lo, hi]: readonly [number, number]) => `${col} BETWEEN ${numberLiteral(lo)} AND ${numberLiteral(hi)}`;
  const whens = rules.map(
    (r, i) => `WHEN ${between('r_score', r.r)} AND ${between('f_score', r.f)} AND ${between('m_score', r.m)} THEN ${then(r, i)}`,
  );
  return `CASE ${whens.join(' ')} ELSE ${otherwise} END`;
}

/** The rules as one CASE: first matching rule wins, else 'Others'. Values are validated literals. */
export function segmentCaseSql(rules: readonly SegmentRule[]): string {
  return ruleCaseSql(rules, (r) => literal(r.name), literal(OTHERS));
}

/** The matching rule's position (1-based; Others = rules + 1), for ordering by segment. */
function segmentRankSql(rules: readonly SegmentRule[]): string {
  return `CAST(${ruleCaseSql(rules, (_, i) => numberLiteral(i + 1), numberLiteral(rules.length + 1))} AS INTEGER)`;
}

/** The table holding the last scoring of a dataset (see data/rfm.ts, which keeps it current). */
export const SCORED_TABLE = 'rapport_scored';

/**
 * Score, segment and type every customer with a purchase into SCORED_TABLE: the metrics,
 * r/f/m scores, `segment` (first matching rule, else Others), `segment_rank` (its rule order)
 * and `type`: 'inactive' when recency_days > windowDays, else 'active' (the rule of
 * customerTypesSql, on the same last purchase). `wholeHistory` as for `rfmCtes`.
 */
export function createScoredSql(o: ResolvedRfmOptions, rules: readonly SegmentRule[], windowDays: number, wholeHistory = false): string {
  return `CREATE OR REPLACE TABLE ${SCORED_TABLE} AS
    WITH segmented AS (${rfmCtes(o, wholeHistory)}
      SELECT scored.*, ${segmentCaseSql(rules)} AS segment FROM scored)
    SELECT customer_id, recency_days, frequency, monetary, first_order, last_order, tenure_days,
      average_order_value, r_score, f_score, m_score, segment,
      ${segmentRankSql(rules)} AS segment_rank,
      CASE WHEN recency_days > ${numberLiteral(windowDays)} THEN 'inactive' ELSE 'active' END AS type
    FROM segmented`;
}

/** Recompute segment and segment_rank of the scored table for other rules (the scores stay). */
export function resegmentScoredSql(rules: readonly SegmentRule[]): string {
  return `UPDATE ${SCORED_TABLE} SET segment = ${segmentCaseSql(rules)}, segment_rank = ${segmentRankSql(rules)}`;
}

/** One row: the analysis date the options give (ISO), NULL without orders. */
export function analysisDateSql(o: ResolvedRfmOptions): string {
  return `WITH ${paramsCte(o)}
    SELECT CAST(analysis_date AS VARCHAR) AS analysis_date FROM params`;
}

/** One row: the cut points of the scored table (columns r_cut_k, f_cut_k, m_cut_k). */
export function scoredCutPointsSql(o: ResolvedRfmOptions): string {
  return cutsSelect(o, SCORED_TABLE);
}

/** One row per scored customer, ordered by customer_id. */
export function scoredCustomersSql(): string {
  return `SELECT customer_id, recency_days, frequency, monetary,
      CAST(first_order AS VARCHAR) AS first_order, CAST(last_order AS VARCHAR) AS last_order,
      tenure_days, average_order_value, r_score, f_score, m_score, segment, type
    FROM ${SCORED_TABLE}
    ORDER BY customer_id`;
}

/** `AND/WHERE customer_id IN (selected ids)` for a scored-table alias, or nothing without a selection table. */
function selectedOnly(selectionTable: string | null, column: string): string {
  return selectionTable ? `${column} IN (SELECT customer_id FROM ${selectionTable})` : '';
}

/**
 * Per segment, in rule order then Others (segments with no customers included): customers,
 * orders (purchases), revenue (net), shares of customers and revenue, and average recency,
 * frequency and monetary. With `selectionTable` (see selection-sql.ts), the selected customers
 * only: their scores and segments are still those of the scoring over everyone; shares are of
 * the selection.
 */
export function scoredSegmentSummarySql(rules: readonly SegmentRule[], selectionTable: string | null = null): string {
  const names = [...rules.map((r) => r.name), OTHERS]
    .map((name, i) => `(${numberLiteral(i + 1)}, ${literal(name)})`)
    .join(', ');
  return `WITH segment_names(ord, segment) AS (VALUES ${names})
    SELECT n.segment,
      CAST(count(s.customer_id) AS INTEGER) AS customers,
      CAST(COALESCE(sum(s.frequency), 0) AS INTEGER) AS orders,
      CAST(COALESCE(sum(s.monetary), 0) AS DOUBLE) AS revenue,
      CAST(count(s.customer_id) AS DOUBLE) / NULLIF(sum(count(s.customer_id)) OVER (), 0) AS share_of_customers,
      CAST(COALESCE(sum(s.monetary), 0) / NULLIF(sum(sum(s.monetary)) OVER (), 0) AS DOUBLE) AS share_of_revenue,
      CAST(avg(s.recency_days) AS DOUBLE) AS average_recency_days,
      CAST(avg(s.frequency) AS DOUBLE) AS average_frequency,
      CAST(avg(s.monetary) AS DOUBLE) AS average_monetary
    FROM segment_names n LEFT JOIN ${SCORED_TABLE} s ON s.segment = n.segment${selectionTable ? ` AND ${selectedOnly(selectionTable, 's.customer_id')}` : ''}
    GROUP BY n.ord, n.segment
    ORDER BY n.ord`;
}

/** Customers per (r_score, f_score) pair that has any, for the R-by-F heat map (of the selection, with `selectionTable`). */
export function scoredGridSql(selectionTable: string | null = null): string {
  return `SELECT r_score, f_score, CAST(count(*) AS INTEGER) AS customers
    FROM ${SCORED_TABLE}${selectionTable ? ` WHERE ${selectedOnly(selectionTable, 'customer_id')}` : ''}
    GROUP BY r_score, f_score ORDER BY r_score, f_score`;
}

/** Customers per type among the scored ones (active / inactive). */
export function scoredTypeCountsSql(): string {
  return `SELECT type, CAST(count(*) AS INTEGER) AS customers FROM ${SCORED_TABLE} GROUP BY type`;
}
