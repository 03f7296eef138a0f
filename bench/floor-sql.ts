/**
 * The engine's floor in `npm run bench`: what DuckDB itself needs to read an order file and
 * score it, with none of Rapport's layers. One table read, then ONE hand-written RFM query:
 * recency, frequency and monetary per customer, NTILE(5) scores, a segment CASE and a summary
 * GROUP BY. The very same SQL runs on raw DuckDB-WASM in the page (bench/suite.ts) and on
 * native DuckDB in Node (bench/native.mjs), on the same file.
 */

/** Where the order facts sit in a file: column names (quoted as needed) or expressions over them. */
export interface FloorColumns {
  customer: string;
  order: string;
  /** An expression giving a DATE. */
  date: string;
  /** An expression giving the line's money amount. */
  amount: string;
}

/** The columns of the project's generated orders (src/sample/sample-orders.ts). */
export const SAMPLE_COLUMNS: FloorColumns = {
  customer: 'customer_id',
  order: 'order_id',
  date: 'TRY_CAST(order_date AS DATE)',
  amount: 'TRY_CAST(amount AS DOUBLE)',
};

/** The UCI Online Retail export (InvoiceNo, Quantity, InvoiceDate, UnitPrice, CustomerID). */
export const ONLINE_RETAIL_COLUMNS: FloorColumns = {
  customer: 'CAST(CustomerID AS VARCHAR)',
  order: 'InvoiceNo',
  date: 'TRY_CAST(InvoiceDate AS DATE)',
  amount: 'Quantity * UnitPrice',
};

/** The table the read lands in. */
export const FLOOR_TABLE = 'floor_orders';

/**
 * The read: the file as DuckDB's reader types it. CSV: auto-detected types, skipping the rows
 * that do not fit them (the generated files' few deliberately broken rows lie beyond the type
 * sniffer's 20,480-row sample). `reader` is 'csv' or 'parquet' (native only: DuckDB-WASM has no
 * Parquet reader offline, its extension is downloaded).
 */
export function floorReadSql(file: string, reader: 'csv' | 'parquet'): string {
  const source = reader === 'csv' ? `read_csv('${file}', ignore_errors = true)` : `read_parquet('${file}')`;
  return `CREATE OR REPLACE TABLE ${FLOOR_TABLE} AS SELECT * FROM ${source}`;
}

/**
 * The one RFM query: per customer the days since the last purchase, the number of distinct
 * orders and the net spend; quintile scores; a segment by a CASE on the scores; then one row per
 * segment (customers, spend, mean recency). Returns a handful of rows.
 */
export function floorRfmSql(c: FloorColumns): string {
  return `
WITH lines AS (
  SELECT ${c.customer} AS customer, ${c.order} AS order_id, ${c.date} AS day, ${c.amount} AS amount
  FROM ${FLOOR_TABLE}
),
clean AS (
  SELECT * FROM lines WHERE customer IS NOT NULL AND customer <> '' AND day IS NOT NULL AND amount IS NOT NULL
),
ref_day AS (SELECT max(day) + 1 AS d FROM clean),
per_customer AS (
  SELECT customer,
         (SELECT d FROM ref_day) - max(day) AS recency,
         count(DISTINCT order_id) AS frequency,
         sum(amount) AS monetary
  FROM clean GROUP BY customer
),
scored AS (
  SELECT *,
         NTILE(5) OVER (ORDER BY recency DESC) AS r,
         NTILE(5) OVER (ORDER BY frequency) AS f,
         NTILE(5) OVER (ORDER BY monetary) AS m
  FROM per_customer
),
segmented AS (
  SELECT *, CASE
    WHEN r >= 4 AND f >= 4 AND m >= 4 THEN 'Champions'
    WHEN r >= 3 AND f >= 3 THEN 'Loyal'
    WHEN r >= 4 AND f <= 2 THEN 'New or promising'
    WHEN r <= 2 AND f >= 3 THEN 'At risk'
    WHEN r <= 2 AND f <= 2 THEN 'Lost'
    ELSE 'Needs attention' END AS segment
  FROM scored
)
SELECT segment, count(*)::DOUBLE AS customers, sum(monetary)::DOUBLE AS monetary, avg(recency)::DOUBLE AS recency
FROM segmented GROUP BY segment ORDER BY customers DESC`;
}
