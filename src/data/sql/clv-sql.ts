import { PERIOD_DAYS } from '../../analytics/clv/holdout.js';
import type { ClvPeriod } from '../../analytics/clv/summary.js';
import { T } from './ingest-sql.js';
import { numberLiteral } from './sql-text.js';

/**
 * The per-customer purchase summary of the BG/NBD and Gamma-Gamma models, as SQL over the
 * canonical `orders` (their purchase days, made with them: `orders_purchase_days`): lifetimes'
 * `summary_data_from_transaction_data` and `calibration_and_holdout_data` with freq='D' and freq_multiplier 1 (`day`) or 7 (`week`).
 *
 * Purchases are grouped by day; a customer's first purchase day is their birth.
 *   frequency      purchase days - 1 (repeat purchase periods)
 *   recency        (last purchase day - first) / period days
 *   T              (observation end - first purchase day) / period days
 *   monetaryValue  mean of the repeat purchase days' amounts (the first day left out); 0 without
 *
 * Returns and cancellations (is_return) are not purchases, as in RFM's frequency: they make no
 * period. Their negative amounts are left out of the values too, as in RFM's
 * average_order_value: the spend model reads the value of what was bought (it needs positive
 * values), not the net after refunds. Orders of $0 that are not returns are purchases.
 *
 * Dates are bound parameters: $1 the observation end (the calibration end for the holdout
 * query), $2 the observation end of the holdout. Date - date is a number of days, in DuckDB and
 * PostgreSQL alike.
 */

/** Purchase days (customer_id, day, value: the day's purchase amount), made with the orders. */
const DAY_VALUES = `SELECT customer_id, day, value FROM ${T.purchaseDays}`;

/** CTEs `ends` (one row of the bound dates), `days`, `born` and `summary` (one row per customer, the ClvSummaryRow columns). */
function summaryCtes(period: ClvPeriod, holdout: boolean): string {
  const unit = numberLiteral(PERIOD_DAYS[period]);
  const ends = holdout
    ? 'SELECT CAST($1 AS DATE) AS summary_end, CAST($2 AS DATE) AS observation_end'
    : 'SELECT CAST($1 AS DATE) AS summary_end';
  return `WITH ends AS (${ends}),
    days AS (
      ${DAY_VALUES} WHERE day <= (SELECT summary_end FROM ends)
    ),
    born AS (
      SELECT customer_id, day, value, min(day) OVER (PARTITION BY customer_id) AS first_day FROM days
    ),
    summary AS (
      SELECT customer_id AS "customerId",
        CAST(count(*) - 1 AS INTEGER) AS frequency,
        CAST(max(day) - min(first_day) AS DOUBLE) / ${unit} AS recency,
        CAST((SELECT summary_end FROM ends) - min(first_day) AS DOUBLE) / ${unit} AS "T",
        CAST(COALESCE(avg(value) FILTER (WHERE day > first_day), 0) AS DOUBLE) AS "monetaryValue"
      FROM born
      GROUP BY customer_id
    )`;
}

/** One row: the last purchase date in the data (ISO), the default observation end; NULL without purchases. */
export function lastPurchaseDateSql(): string {
  return `SELECT CAST(max(order_date) AS VARCHAR) AS last_purchase FROM ${T.orders} WHERE NOT is_return`;
}

/** One row per customer with a purchase by $1 (the observation end), ClvSummaryRow columns, ordered by customer id. */
export function clvSummarySql(period: ClvPeriod): string {
  return `${summaryCtes(period, false)}
    SELECT * FROM summary ORDER BY "customerId"`;
}

/**
 * The calibration summary as of $1 (the calibration end) for every customer with a purchase by
 * then, with their purchase days in ($1, $2]: frequencyHoldout (days), monetaryValueHoldout
 * (mean day value, 0 without) and durationHoldout (($2 - $1) / period days). Customers born in
 * the holdout have no row. Ordered by customer id.
 */
export function clvHoldoutSql(period: ClvPeriod): string {
  const unit = numberLiteral(PERIOD_DAYS[period]);
  return `${summaryCtes(period, true)},
    holdout_days AS (
      ${DAY_VALUES} WHERE day > (SELECT summary_end FROM ends) AND day <= (SELECT observation_end FROM ends)
    ),
    holdout AS (
      SELECT customer_id, count(*) AS periods, avg(value) AS mean_value FROM holdout_days GROUP BY customer_id
    )
    SELECT s.*,
      CAST(COALESCE(h.periods, 0) AS INTEGER) AS "frequencyHoldout",
      CAST(COALESCE(h.mean_value, 0) AS DOUBLE) AS "monetaryValueHoldout",
      CAST((SELECT observation_end - summary_end FROM ends) AS DOUBLE) / ${unit} AS "durationHoldout"
    FROM summary s LEFT JOIN holdout h ON h.customer_id = s."customerId"
    ORDER BY s."customerId"`;
}
