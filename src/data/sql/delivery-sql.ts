import { T } from './ingest-sql.js';

/**
 * The operational gap, as SQL over the canonical `orders` table: promised (estimated) against
 * actual delivery day. Returns and cancellations are not deliveries and are left out. An order
 * is on time when delivered on or before the promised day; days late = delivered day - promised day.
 * With a selection table (a table of customer_id, see selection-sql.ts), the selected customers' orders only.
 */
function purchases(selectionTable: string | null, ordersTable: string): string {
  return `SELECT promised_date, delivered_date, review_score,
    promised_unreadable, delivered_unreadable, review_unreadable,
    promised_date IS NOT NULL AND delivered_date IS NOT NULL AS both_dates,
    delivered_date > promised_date AS is_late,
    CAST(date_diff('day', promised_date, delivered_date) AS INTEGER) AS days_late
  FROM ${ordersTable} WHERE NOT is_return${selectionTable ? ` AND customer_id IN (SELECT customer_id FROM ${selectionTable})` : ''}`;
}

/**
 * The selected customers' purchases with the columns the queries below read, picked once for a
 * reading of a selection's gap (each query joining every order to the selection again cost as
 * much as the picking), then given to them as `ordersTable` with no selection. Dropped after.
 */
export const DELIVERY_PICKED_TABLE = 'rapport_delivery_picked';

export function pickDeliveriesSql(selectionTable: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${DELIVERY_PICKED_TABLE} AS
    SELECT promised_date, delivered_date, review_score, promised_unreadable, delivered_unreadable, review_unreadable, is_return
    FROM ${T.orders} WHERE NOT is_return AND customer_id IN (SELECT customer_id FROM ${selectionTable})`;
}

export function dropPickedDeliveriesSql(): string {
  return `DROP TABLE IF EXISTS ${DELIVERY_PICKED_TABLE}`;
}

/**
 * One row: counts, the days-late figures over late orders, and the review scores seen. A
 * promised order without a delivery date is `undelivered` only when the file had none there;
 * one whose delivery date was there but could not be read (a typo, 2024-13-45) is
 * `delivered_unreadable`, and a delivered order whose promised date could not be read,
 * `promised_unreadable`: neither is on time or late. `reviews_unreadable`: orders whose
 * review score was there but is not a number.
 */
export function deliverySummarySql(selectionTable: string | null = null, ordersTable: string = T.orders): string {
  return `WITH o AS (${purchases(selectionTable, ordersTable)})
    SELECT CAST(count(*) FILTER (WHERE both_dates) AS INTEGER) AS delivered,
      CAST(count(*) FILTER (WHERE both_dates AND NOT is_late) AS INTEGER) AS on_time,
      CAST(count(*) FILTER (WHERE both_dates AND is_late) AS INTEGER) AS late,
      CAST(count(*) FILTER (WHERE promised_date IS NOT NULL AND delivered_date IS NULL AND NOT delivered_unreadable) AS INTEGER) AS undelivered,
      CAST(count(*) FILTER (WHERE promised_date IS NOT NULL AND delivered_date IS NULL AND delivered_unreadable) AS INTEGER) AS delivered_unreadable,
      CAST(count(*) FILTER (WHERE delivered_date IS NOT NULL AND promised_date IS NULL AND promised_unreadable) AS INTEGER) AS promised_unreadable,
      CAST(count(*) FILTER (WHERE review_score IS NULL AND review_unreadable) AS INTEGER) AS reviews_unreadable,
      CAST(avg(days_late) FILTER (WHERE both_dates AND is_late) AS DOUBLE) AS late_mean,
      CAST(quantile_cont(days_late, 0.5) FILTER (WHERE both_dates AND is_late) AS DOUBLE) AS late_median,
      CAST(quantile_cont(days_late, 0.9) FILTER (WHERE both_dates AND is_late) AS DOUBLE) AS late_p90,
      CAST(max(days_late) FILTER (WHERE both_dates AND is_late) AS DOUBLE) AS late_max,
      CAST(count(review_score) AS INTEGER) AS reviews,
      CAST(min(review_score) AS DOUBLE) AS review_min,
      CAST(max(review_score) AS DOUBLE) AS review_max
    FROM o`;
}

/** Review scores of delivered orders by lateness: n, mean, sample sd (one row per side that has any). */
export function deliveryScoresSql(selectionTable: string | null = null, ordersTable: string = T.orders): string {
  return `WITH o AS (${purchases(selectionTable, ordersTable)})
    SELECT is_late, CAST(count(review_score) AS INTEGER) AS n,
      CAST(avg(review_score) AS DOUBLE) AS mean, CAST(stddev_samp(review_score) AS DOUBLE) AS sd
    FROM o WHERE both_dates GROUP BY is_late`;
}

/** Delivered and late orders per month of the promised date, in month order. */
export function deliveryByMonthSql(selectionTable: string | null = null, ordersTable: string = T.orders): string {
  return `WITH o AS (${purchases(selectionTable, ordersTable)})
    SELECT strftime(month_start, '%Y-%m') AS month, delivered, late
    FROM (
      -- Grouped by the month's first day, a date: its text is made once per month, not per order.
      SELECT date_trunc('month', promised_date) AS month_start,
        CAST(count(*) AS INTEGER) AS delivered, CAST(count(*) FILTER (WHERE is_late) AS INTEGER) AS late
      FROM o WHERE both_dates GROUP BY month_start
    ) ORDER BY month_start`;
}
