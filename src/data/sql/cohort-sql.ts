import { T } from './ingest-sql.js';

/**
 * Monthly acquisition cohorts as SQL over the canonical `orders`, up to an end date bound as $1
 * (orders after it are left out). The default end (data/cohorts.ts) is the last purchase date,
 * lastPurchaseDateSql in clv-sql.ts, as for the CLV summary.
 *
 * A customer's cohort is the month of their first purchase (an order that is not a return);
 * customers with returns only have none. Their orders from the first purchase day on count:
 *   active in a month   a purchase dated in it (returns are not purchases, as in RFM)
 *   revenue             net: purchases less returns, each in the month it is dated (RFM's monetary)
 *   purchase revenue    gross: the purchases only, returns left out
 *   repeat revenue      gross: purchases dated after the first purchase day (the first day's
 *                       purchases, all of them, are the first purchase: dates have no time)
 * The repeat share is repeat ÷ purchase revenue, so it lies in [0, 1]: a return cannot be
 * told apart from a refund of the first purchase, which netted into the repeat revenue would
 * count as negative repeat business (purchases are never negative: an order whose amounts sum
 * below 0 is a return). A return dated before the first purchase (a refund of something
 * bought before the data starts) is left out.
 *
 * Months are month numbers, year * 12 + month - 1 (extract() is standard SQL); the labels and
 * the zero cells are made in analytics/cohorts.ts.
 */

function monthNumber(date: string): string {
  return `(CAST(extract(year FROM ${date}) AS INTEGER) * 12 + CAST(extract(month FROM ${date}) AS INTEGER) - 1)`;
}

/** CTE `dated`: every counted order with its customer's first purchase day and cohort month, and its months since. */
function datedCtes(): string {
  return `WITH ends AS (SELECT CAST($1 AS DATE) AS end_date),
    -- A customer's first purchase by the end is their first purchase of all, when it is by then.
    firsts AS (
      SELECT customer_id, first_purchase AS first_day
      FROM ${T.ordersByCustomer}
      WHERE first_purchase <= (SELECT end_date FROM ends)
    ),
    dated AS (
      SELECT o.customer_id, o.order_date, o.amount, o.is_return, f.first_day,
        ${monthNumber('f.first_day')} AS cohort_month,
        ${monthNumber('o.order_date')} - ${monthNumber('f.first_day')} AS months_since
      FROM ${T.orders} o JOIN firsts f ON f.customer_id = o.customer_id
      WHERE o.order_date >= f.first_day AND o.order_date <= (SELECT end_date FROM ends)
    )`;
}

/**
 * Both groupings in one query, told apart by `per_cohort`:
 * - per cohort month (per_cohort true, months_since NULL): customers acquired, net revenue,
 *   gross purchase revenue, gross repeat purchase revenue;
 * - per cohort month and months since, with any order (per_cohort false): active customers
 *   and net revenue (purchase_revenue and repeat_revenue are 0 there).
 * The orders are first added up per customer and month (`monthly`, worked out once), so no
 * count needs DISTINCT: a customer is one row of a month.
 */
export function cohortCountsSql(): string {
  return `${datedCtes()},
    monthly AS MATERIALIZED (
      SELECT customer_id, cohort_month, months_since, sum(amount) AS revenue,
        sum(amount) FILTER (WHERE NOT is_return) AS purchase_revenue,
        sum(amount) FILTER (WHERE NOT is_return AND order_date > first_day) AS repeat_revenue,
        bool_or(NOT is_return) AS purchased
      FROM dated
      GROUP BY customer_id, cohort_month, months_since
    )
    SELECT cohort_month, CAST(NULL AS INTEGER) AS months_since, true AS per_cohort,
      -- Each customer's first purchase is in their month 0: one row there each.
      CAST(count(*) FILTER (WHERE months_since = 0) AS INTEGER) AS customers,
      CAST(sum(revenue) AS DOUBLE) AS revenue,
      CAST(COALESCE(sum(purchase_revenue), 0) AS DOUBLE) AS purchase_revenue,
      CAST(COALESCE(sum(repeat_revenue), 0) AS DOUBLE) AS repeat_revenue
    FROM monthly GROUP BY cohort_month
    UNION ALL
    SELECT cohort_month, months_since, false AS per_cohort,
      CAST(count(*) FILTER (WHERE purchased) AS INTEGER) AS customers,
      CAST(sum(revenue) AS DOUBLE) AS revenue, 0.0 AS purchase_revenue, 0.0 AS repeat_revenue
    FROM monthly GROUP BY cohort_month, months_since
    ORDER BY cohort_month, months_since NULLS FIRST`;
}
