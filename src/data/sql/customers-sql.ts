import type { SqlParam } from '../engine/engine.js';
import { T } from './ingest-sql.js';

/**
 * Headline figures over the canonical orders. Returns are netted into revenue but are not
 * purchases: orders, average order value and repeat rate count purchases only.
 */
export function headlineSql(): string {
  return `WITH per_customer AS (
      SELECT customer_id, count(*) FILTER (WHERE NOT is_return) AS purchases
      FROM ${T.orders} GROUP BY customer_id
    )
    SELECT
      CAST((SELECT count(*) FROM per_customer) AS INTEGER) AS customers,
      CAST(count(*) FILTER (WHERE NOT is_return) AS INTEGER) AS orders,
      CAST(COALESCE(sum(amount), 0) AS DOUBLE) AS revenue,
      CAST(sum(amount) FILTER (WHERE NOT is_return) / NULLIF(count(*) FILTER (WHERE NOT is_return), 0) AS DOUBLE) AS average_order_value,
      CAST((SELECT count(*) FILTER (WHERE purchases >= 2) FROM per_customer) AS DOUBLE)
        / NULLIF((SELECT count(*) FILTER (WHERE purchases >= 1) FROM per_customer), 0) AS repeat_rate,
      CAST(min(order_date) AS VARCHAR) AS first_order,
      CAST(max(order_date) AS VARCHAR) AS last_order
    FROM ${T.orders}`;
}

export const CUSTOMER_SORT_KEYS = [
  'customer_id',
  'first_order',
  'last_order',
  'orders',
  'total_spend',
  'recency_days',
  'r_score',
  'f_score',
  'm_score',
  'segment',
  'type',
] as const;
export type CustomerSortKey = (typeof CUSTOMER_SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

/** Sort keys that need a scoring; `segment` sorts by rule order, not by name. */
const SORT_EXPRESSION: Partial<Record<CustomerSortKey, string>> = { segment: 'segment_rank' };

/** Which customers a list holds: all, or one segment and/or one type. Values are bound as parameters. */
export interface CustomerFilter {
  segment?: string;
  type?: 'active' | 'inactive' | 'potential';
}

/**
 * One row per customer in the orders, optionally joined with a scored table: recency, scores,
 * segment and type, NULL for customers the scoring left out (no purchase by its analysis date).
 * With a scored table and a customer list (`customerListTable`), the list's customers the
 * scoring left out are `potential`, and those with no order at all are added with 0 orders.
 * Without a scored table the score columns are NULL, so a filter matches nothing.
 * `sort` is checked against the known keys, never pasted from input; filter values are
 * returned as parameters for the caller to bind ($1, $2 ...).
 */
export function customerListSql(
  sort: CustomerSortKey,
  direction: SortDirection,
  scoredTable: string | null = null,
  filter: CustomerFilter = {},
  customerListTable: string | null = null,
): { sql: string; params: SqlParam[] } {
  if (!CUSTOMER_SORT_KEYS.includes(sort)) throw new RangeError(`Unknown sort key: ${String(sort)}`);
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  const params: SqlParam[] = [];
  const where: string[] = [];
  if (filter.segment !== undefined) {
    params.push(filter.segment);
    where.push(`segment = $${params.length}`);
  }
  if (filter.type !== undefined) {
    params.push(filter.type);
    where.push(`type = $${params.length}`);
  }
  // A listed customer the scoring left out (no purchase by its analysis date) is potential.
  const type = customerListTable ? `COALESCE(s.type, CASE WHEN c.customer_id IS NOT NULL THEN 'potential' END)` : 's.type';
  const scored = scoredTable
    ? `s.recency_days, s.r_score, s.f_score, s.m_score, s.segment, s.segment_rank, ${type} AS type`
    : `CAST(NULL AS INTEGER) AS recency_days, CAST(NULL AS INTEGER) AS r_score, CAST(NULL AS INTEGER) AS f_score,
      CAST(NULL AS INTEGER) AS m_score, CAST(NULL AS VARCHAR) AS segment, CAST(NULL AS INTEGER) AS segment_rank,
      CAST(NULL AS VARCHAR) AS type`;
  const prospects = scoredTable && customerListTable
    ? `UNION ALL
      SELECT c.customer_id, NULL, NULL, 0, 0,
        NULL, NULL, NULL, NULL, NULL, NULL, 'potential'
      FROM ${customerListTable} c
      WHERE NOT EXISTS (SELECT 1 FROM ${T.orders} o WHERE o.customer_id = c.customer_id)`
    : '';
  const sql = `WITH per_customer AS (
      SELECT customer_id,
        CAST(min(order_date) AS VARCHAR) AS first_order,
        CAST(max(order_date) AS VARCHAR) AS last_order,
        CAST(count(*) FILTER (WHERE NOT is_return) AS INTEGER) AS orders,
        CAST(round(sum(amount), 2) AS DOUBLE) AS total_spend
      FROM ${T.orders}
      GROUP BY customer_id
    ),
    listed AS (
      SELECT p.*, ${scored}
      FROM per_customer p${scoredTable ? ` LEFT JOIN ${scoredTable} s ON s.customer_id = p.customer_id` : ''}${
        scoredTable && customerListTable ? ` LEFT JOIN ${customerListTable} c ON c.customer_id = p.customer_id` : ''
      }
      ${prospects}
    )
    SELECT customer_id, first_order, last_order, orders, total_spend, recency_days, r_score, f_score, m_score, segment, type
    FROM listed
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${SORT_EXPRESSION[sort] ?? sort} ${dir} NULLS LAST, customer_id ASC`;
  return { sql, params };
}
