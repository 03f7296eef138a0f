import {
  BELOW_LIST_LIMIT,
  WINDOW_PERCENTILE,
  type ResolvedCustomerTypeOptions,
  type ResolvedParetoOptions,
} from '../../analytics/customer-types.js';
import { dayAfterLastOrderSql, T } from './ingest-sql.js';
import { literal, numberLiteral } from './sql-text.js';

/**
 * Customer types and profitability as SQL over the canonical `orders`, as of an analysis date
 * (default: the day after the last order; orders after the analysis date are left out).
 * The population is every customer with at least one purchase (an order that is not a return)
 * on or before the analysis date, as in RFM.
 */

function paramsCte(analysisDate: string | null): string {
  const select =
    analysisDate === null
      ? `SELECT ${dayAfterLastOrderSql()} AS analysis_date`
      : `SELECT CAST(${literal(analysisDate)} AS DATE) AS analysis_date`;
  return `params AS (${select})`;
}

/** Orders on or before the analysis date, with the analysis date on every row. */
function inRangeCte(): string {
  return `in_range AS (
      SELECT o.*, p.analysis_date FROM ${T.orders} o CROSS JOIN params p
      WHERE o.order_date <= p.analysis_date
    )`;
}

/**
 * One row: the analysis date used, the number of gaps between consecutive distinct purchase
 * dates of repeat customers, and their 90th percentile (quantile_cont; NULL without gaps).
 * analytics/customer-types.ts `deriveWindowDays` turns the percentile into the window.
 */
export function purchaseGapsSql(o: ResolvedCustomerTypeOptions): string {
  // The purchase days made with the orders are the distinct purchase dates of each customer.
  return `WITH ${paramsCte(o.analysisDate)},
    visits AS (
      SELECT d.customer_id, d.day AS order_date FROM ${T.purchaseDays} d CROSS JOIN params p WHERE d.day <= p.analysis_date
    ),
    gaps AS (
      SELECT CAST(order_date - lag(order_date) OVER (PARTITION BY customer_id ORDER BY order_date) AS DOUBLE) AS gap
      FROM visits
    )
    SELECT CAST((SELECT analysis_date FROM params) AS VARCHAR) AS analysis_date,
      CAST(count(gap) AS INTEGER) AS gaps,
      CAST(quantile_cont(gap, ${numberLiteral(WINDOW_PERCENTILE)}) AS DOUBLE) AS gap_percentile
    FROM gaps`;
}

/**
 * One row per customer with a purchase: last purchase, days since it, and the type
 * ('inactive' when days_since_last > windowDays, else 'active'), ordered by customer_id.
 */
export function customerTypesSql(analysisDate: string | null, windowDays: number): string {
  return `WITH ${paramsCte(analysisDate)}, ${inRangeCte()},
    last_purchase AS (
      SELECT customer_id, max(order_date) AS last_order, any_value(analysis_date) AS analysis_date
      FROM in_range WHERE NOT is_return GROUP BY customer_id
    )
    SELECT customer_id,
      CASE WHEN analysis_date - last_order > ${numberLiteral(windowDays)} THEN 'inactive' ELSE 'active' END AS type,
      CAST(last_order AS VARCHAR) AS last_order,
      CAST(analysis_date - last_order AS INTEGER) AS days_since_last
    FROM last_purchase
    ORDER BY customer_id`;
}

/**
 * One row: potential customers, those in the customer list with no purchase (an order that is
 * not a return) on or before the analysis date. Needs the `customers` table.
 */
export function potentialCountSql(analysisDate: string): string {
  return `SELECT CAST(count(*) AS INTEGER) AS potential FROM ${T.customers} c
    WHERE NOT EXISTS (
      SELECT 1 FROM ${T.orders} o
      WHERE o.customer_id = c.customer_id AND NOT o.is_return AND o.order_date <= CAST(${literal(analysisDate)} AS DATE)
    )`;
}

/** One row: how many orders carry a margin (0 = the margin column is absent or empty). */
export function marginPresenceSql(): string {
  return `SELECT CAST(count(margin) AS INTEGER) AS with_margin FROM ${T.orders}`;
}

/**
 * CTEs params, in_range, valued (customer_id, value), ranked (rn 1 = most valuable; cum =
 * running value) and totals (n, total). Equal values take their ranks in any order: the running
 * value at each rank, each rank's value and so the curve and the Gini are the same whichever
 * (adding equal numbers in another order is the same sum), and sorting by value alone spares
 * comparing ids (35 against 42 ms for a 35k-customer selection in Node).
 * Value: revenue = sum of amount with returns netted in; margin = sum of margin (orders without
 * margin count 0), returns included.
 * With a selection table, only its customers are valued (the curve of the selected customers).
 */
function paretoCtes(o: ResolvedParetoOptions, selectionTable: string | null, wholeHistory: boolean): string {
  const value = o.by === 'margin' ? 'COALESCE(sum(margin), 0)' : 'sum(amount)';
  const selected = selectionTable ? `customer_id IN (SELECT customer_id FROM ${selectionTable})` : '';
  // Revenue over every order: each customer's is the loaded per-customer sum (the same sum in
  // the same order), with no pass over the orders.
  const valued =
    wholeHistory && o.by === 'revenue'
      ? `SELECT customer_id, CAST(amount AS DOUBLE) AS value
      FROM ${T.ordersByCustomer} WHERE purchases > 0${selected ? ` AND ${selected}` : ''}`
      : `SELECT customer_id, CAST(${value} AS DOUBLE) AS value
      FROM in_range ${selected ? `WHERE ${selected}` : ''} GROUP BY customer_id
      HAVING count(*) FILTER (WHERE NOT is_return) > 0`;
  return `WITH ${paramsCte(o.analysisDate)}, ${inRangeCte()},
    valued AS (
      ${valued}
    ),
    ranked AS MATERIALIZED (
      SELECT customer_id, value,
        row_number() OVER by_value AS rn,
        sum(value) OVER (by_value ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum
      FROM valued
      WINDOW by_value AS (ORDER BY value DESC)
    ),
    -- The total is the running value at the last rank: the same sum in the same order whatever
    -- order the customers were valued in, and the curve ends at exactly 1.
    totals AS (SELECT count(*) AS n, max_by(cum, rn) AS total FROM ranked)`;
}

/**
 * The curve, 101 points p = 0..100: share_of_customers = p/100 of the customers, ranked by
 * value descending; share_of_value = the value they hold / total value. At k = p*n/100
 * customers, a fractional k takes that fraction of the next customer's value (linear
 * interpolation along the Lorenz curve), so p = 20 is the exact top-20% share.
 * Shares are NULL when the total value is not positive.
 *
 * Every point also carries the summary (the same on each, so the values are ranked once): the
 * analysis date used, customers, total value, and the Gini coefficient
 *   G = 2 * sum(i * x_i) / (n * sum(x)) - (n + 1) / n
 * with x ascending (i = n + 1 - rn); NULL when the total is not positive. Plus, when a
 * standard is set, the customers strictly below it and their share of the total value.
 */
export function paretoSql(o: ResolvedParetoOptions, selectionTable: string | null = null, wholeHistory = false): string {
  const below = o.standard === null ? 'NULL' : `value < ${numberLiteral(o.standard)}`;
  return `${paretoCtes(o, selectionTable, wholeHistory)},
    pcts AS (
      SELECT CAST(g.p AS INTEGER) AS p, CAST(g.p AS DOUBLE) * t.n / 100.0 AS k, t.total
      FROM generate_series(0, 100) AS g(p) CROSS JOIN totals t
    ),
    summary AS (
      SELECT CAST((SELECT analysis_date FROM params) AS VARCHAR) AS analysis_date,
        CAST(t.n AS INTEGER) AS customers,
        CAST(COALESCE(t.total, 0) AS DOUBLE) AS total_value,
        CASE WHEN t.total > 0 THEN
          2.0 * (SELECT sum(CAST(t.n + 1 - rn AS DOUBLE) * value) FROM ranked) / (t.n * t.total) - (t.n + 1.0) / t.n
        END AS gini,
        CAST((SELECT count(*) FROM ranked WHERE ${below}) AS INTEGER) AS below,
        CASE WHEN t.total <> 0 THEN
          CAST(COALESCE((SELECT sum(value) FROM ranked WHERE ${below}), 0) / t.total AS DOUBLE)
        END AS below_share_of_value
      FROM totals t
    )
    SELECT pcts.p,
      CAST(pcts.p AS DOUBLE) / 100.0 AS share_of_customers,
      CASE WHEN pcts.total > 0 THEN
        (COALESCE(a.cum, 0) + (pcts.k - floor(pcts.k)) * COALESCE(b.value, 0)) / pcts.total
      END AS share_of_value,
      s.*
    FROM pcts
    CROSS JOIN summary s
    LEFT JOIN ranked a ON a.rn = CAST(floor(pcts.k) AS BIGINT)
    LEFT JOIN ranked b ON b.rn = CAST(floor(pcts.k) AS BIGINT) + 1
    ORDER BY pcts.p`;
}

/** Customers strictly below the standard, lowest value first (ties by customer_id), at most 1000. */
export function belowStandardSql(o: ResolvedParetoOptions, standard: number, selectionTable: string | null = null, wholeHistory = false): string {
  return `${paretoCtes(o, selectionTable, wholeHistory)}
    SELECT customer_id, value FROM ranked WHERE value < ${numberLiteral(standard)}
    ORDER BY value, customer_id
    LIMIT ${numberLiteral(BELOW_LIST_LIMIT)}`;
}
