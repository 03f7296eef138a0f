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

export const CUSTOMER_SORT_KEYS = ['customer_id', 'first_order', 'last_order', 'orders', 'total_spend'] as const;
export type CustomerSortKey = (typeof CUSTOMER_SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

/** One row per customer; `sort` is checked against the known keys, never pasted from input. */
export function customerListSql(sort: CustomerSortKey, direction: SortDirection): string {
  if (!CUSTOMER_SORT_KEYS.includes(sort)) throw new RangeError(`Unknown sort key: ${String(sort)}`);
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  return `SELECT customer_id,
      CAST(min(order_date) AS VARCHAR) AS first_order,
      CAST(max(order_date) AS VARCHAR) AS last_order,
      CAST(count(*) FILTER (WHERE NOT is_return) AS INTEGER) AS orders,
      CAST(round(sum(amount), 2) AS DOUBLE) AS total_spend
    FROM ${T.orders}
    GROUP BY customer_id
    ORDER BY ${sort} ${dir} NULLS LAST, customer_id ASC`;
}
