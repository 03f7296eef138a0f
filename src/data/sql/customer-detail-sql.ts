import { dayAfterLastOrderSql, T } from './ingest-sql.js';
import { LADDER_FACT_COLUMNS } from './ladder-sql.js';

/**
 * One customer's drill-down, as SQL. Every query takes the customer id as the bound parameter
 * `$1`: an id is data (it may hold quotes or look like SQL) and never becomes SQL text. Table
 * names come from the canonical names (T) and the engine's own working tables, never from input.
 */

/** Which optional tables exist now; a query reads only those. */
export interface CustomerDetailTables {
  orders: boolean;
  /** The customer list (`customers`), when loaded. */
  customers: boolean;
  /** The table of the current scoring, or null before one. */
  scored: string | null;
}

const NO_ORDERS = `SELECT CAST(NULL AS DATE) AS order_date, CAST(NULL AS DOUBLE) AS amount, CAST(NULL AS DOUBLE) AS margin,
  CAST(NULL AS BOOLEAN) AS is_return WHERE false`;
const NO_LIST = `SELECT CAST(NULL AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS signup_date WHERE false`;
const NO_SCORES = `SELECT CAST(NULL AS INTEGER) AS recency_days, CAST(NULL AS INTEGER) AS r_score, CAST(NULL AS INTEGER) AS f_score,
  CAST(NULL AS INTEGER) AS m_score, CAST(NULL AS VARCHAR) AS segment, CAST(NULL AS INTEGER) AS segment_rank,
  CAST(NULL AS VARCHAR) AS type WHERE false`;

/**
 * One row: the customer's order figures (first/last order over every order, purchases,
 * returns, net revenue rounded to cents, margin when any order has one, `order_rows` = orders
 * and returns), the list's name and signup date (`listed` whether the list has them), the
 * scoring's recency, scores, segment, segment rank and type, and `data_end`, the day after the
 * last loaded order (the default analysis date). Always one row, even for an unknown id.
 */
export function customerSummarySql(tables: CustomerDetailTables): string {
  const own = tables.orders ? `SELECT order_date, amount, margin, is_return FROM ${T.orders} WHERE customer_id = $1` : NO_ORDERS;
  const listed = tables.customers
    ? `SELECT name, CAST(signup_date AS VARCHAR) AS signup_date FROM ${T.customers} WHERE customer_id = $1 LIMIT 1`
    : NO_LIST;
  const scored = tables.scored
    ? `SELECT recency_days, r_score, f_score, m_score, segment, segment_rank, type FROM ${tables.scored} WHERE customer_id = $1 LIMIT 1`
    : NO_SCORES;
  const dataEnd = tables.orders
    ? `CAST(${dayAfterLastOrderSql()} AS VARCHAR)`
    : 'CAST(NULL AS VARCHAR)';
  return `WITH own AS (${own}),
    agg AS (
      SELECT CAST(min(order_date) AS VARCHAR) AS first_order,
        CAST(max(order_date) AS VARCHAR) AS last_order,
        CAST(count(*) FILTER (WHERE NOT is_return) AS INTEGER) AS orders,
        CAST(count(*) FILTER (WHERE is_return) AS INTEGER) AS returns,
        CAST(COALESCE(round(sum(amount), 2), 0) AS DOUBLE) AS revenue,
        CAST(round(sum(margin), 2) AS DOUBLE) AS margin,
        CAST(count(*) AS INTEGER) AS order_rows
      FROM own
    ),
    listed AS (${listed}),
    scored AS (${scored})
    SELECT a.*,
      (SELECT count(*) FROM listed) > 0 AS listed,
      l.name, l.signup_date,
      s.recency_days, s.r_score, s.f_score, s.m_score, s.segment, s.segment_rank, s.type,
      ${dataEnd} AS data_end
    FROM agg a LEFT JOIN listed l ON true LEFT JOIN scored s ON true`;
}

/**
 * The customer's orders, oldest first; on the same day by order id, numerically when the id is a
 * whole number (9 before 10, not "10" before "9" as text), then the other ids as text. Returns
 * have negative amounts.
 */
export function customerOrdersSql(): string {
  return `SELECT CAST(order_id AS VARCHAR) AS order_id, CAST(order_date AS VARCHAR) AS order_date,
      CAST(amount AS DOUBLE) AS amount, CAST(quantity AS DOUBLE) AS quantity, channel, status,
      CAST(margin AS DOUBLE) AS margin, COALESCE(is_return, false) AS is_return
    FROM ${T.orders} WHERE customer_id = $1
    ORDER BY order_date, TRY_CAST(CAST(order_id AS VARCHAR) AS HUGEINT) NULLS LAST, CAST(order_id AS VARCHAR)`;
}

/** The customer's orders per calendar month (`YYYY-MM`, oldest first): purchases, returns, net amount. */
export function customerMonthsSql(): string {
  // strftime is DuckDB's spelling of "format a date"; PostgreSQL would use to_char(order_date, 'YYYY-MM').
  return `SELECT strftime(order_date, '%Y-%m') AS month,
      CAST(count(*) FILTER (WHERE NOT is_return) AS INTEGER) AS orders,
      CAST(count(*) FILTER (WHERE is_return) AS INTEGER) AS returns,
      CAST(round(sum(amount), 2) AS DOUBLE) AS amount
    FROM ${T.orders} WHERE customer_id = $1
    GROUP BY month ORDER BY month`;
}

/** The customer's feedback answers, newest first, undated last. */
export function customerFeedbackSql(): string {
  return `SELECT CAST(feedback_date AS VARCHAR) AS feedback_date, kind,
      CAST(score AS DOUBLE) AS score, CAST(scale_min AS DOUBLE) AS scale_min, CAST(scale_max AS DOUBLE) AS scale_max,
      text, category, channel, answered, CAST(answered_date AS VARCHAR) AS answered_date
    FROM ${T.feedback} WHERE customer_id = $1
    ORDER BY feedback_date DESC NULLS LAST, kind, text`;
}

/** The customer's ladder facts (LADDER_FACT_COLUMNS) in a ladder table; no row off the ladder. */
export function customerLadderFactsSql(ladderTable: string): string {
  return `SELECT ${LADDER_FACT_COLUMNS.join(', ')} FROM ${ladderTable} WHERE customer_id = $1 LIMIT 1`;
}
