import type { CustomerColumnMapping, DateOrder } from '../ingest/types.js';
import { LINE, T } from './ingest-sql.js';
import { ident, literal } from './sql-text.js';
import { blankToNull, dateExpr } from './value-parsing.js';

/**
 * Ingest of the optional customer list, as SQL. It shares the raw stages of the orders ingest
 * (`rapport_raw` -> `rapport_typed`, see ingest-sql.ts) and builds its own canonical tables:
 *   customers          (customer_id VARCHAR NOT NULL, name VARCHAR, signup_date DATE):
 *                      one row per customer, bought or not; customer_id is normalised as in
 *                      `orders` (trimmed, blank = missing) so the two join on it.
 *   customers_rejects  (line, reason, column, value, detail), like `orders_rejects`.
 * Scoring SQL may LEFT JOIN `customers` when `customersTableExistsSql()` finds it: customers
 * there with no row in `orders` are the potential customers (prospects).
 */
/** The drops of a customer load's staging (raw stages included). */
export function customerStageTables(): string[] {
  return [T.stageCustomers, T.stageCustomerRejects];
}

/**
 * Parse the mapped fields and decide each record's fate. A row is rejected for a missing id,
 * then for a signup date that is there but not a date; among the rows left, the first line of
 * each id is kept and later ones are rejected as duplicates naming that first line (so a
 * duplicate of a row rejected for its date is kept, and no customer is lost to it).
 */
export function typedCustomersSql(o: { mapping: CustomerColumnMapping; dateOrder: DateOrder }): string {
  const m = o.mapping;
  const raw = (role: keyof CustomerColumnMapping) => (m[role] ? blankToNull(ident(m[role]!)) : 'CAST(NULL AS VARCHAR)');
  const column = (role: keyof CustomerColumnMapping) => (m[role] ? literal(m[role]!) : 'NULL');
  return `CREATE TABLE ${T.typed} AS
    WITH fields AS (
      SELECT ${LINE} AS line, ${raw('customer_id')} AS r_customer_id, ${raw('name')} AS r_name, ${raw('signup_date')} AS r_signup_date
      FROM ${T.raw}
    ), checked AS (
      SELECT *, CASE
          WHEN r_customer_id IS NULL THEN 'missing_customer_id'
          WHEN r_signup_date IS NOT NULL AND signup_ts IS NULL THEN 'unparseable_date'
        END AS first_reason
      FROM (SELECT *, ${dateExpr('r_signup_date', o.dateOrder)} AS signup_ts FROM fields)
    ), ranked AS (
      SELECT *, min(CASE WHEN first_reason IS NULL THEN line END) OVER (PARTITION BY r_customer_id) AS kept_line
      FROM checked
    )
    SELECT line, r_customer_id AS customer_id, r_name AS name, CAST(signup_ts AS DATE) AS signup_date,
      COALESCE(first_reason, CASE WHEN line <> kept_line THEN 'duplicate_customer_id' END) AS reason,
      CASE WHEN first_reason = 'unparseable_date' THEN ${column('signup_date')}
           WHEN first_reason IS NOT NULL OR line <> kept_line THEN ${column('customer_id')} END AS reason_column,
      CASE WHEN first_reason = 'unparseable_date' THEN r_signup_date
           WHEN first_reason IS NOT NULL OR line <> kept_line THEN r_customer_id END AS reason_value,
      CASE WHEN first_reason IS NULL AND line <> kept_line THEN 'first at line ' || CAST(kept_line AS VARCHAR) END AS reason_detail
    FROM ranked`;
}

/** The detail column of a customer reject, for stageRejectsSql. */
export const CUSTOMER_REJECT_DETAIL = 'reason_detail';

/** The new customers table, typed as the canonical schema says. */
export function stageCustomersSql(): string[] {
  return [
    `CREATE TABLE ${T.stageCustomers} (customer_id VARCHAR NOT NULL, name VARCHAR, signup_date DATE)`,
    `INSERT INTO ${T.stageCustomers} SELECT customer_id, name, signup_date FROM ${T.typed} WHERE reason IS NULL`,
  ];
}

export function customersReportSql(): string {
  return `SELECT
    (SELECT CAST(count(*) AS INTEGER) FROM ${T.typed}) AS parsed_rows,
    CAST(count(*) AS INTEGER) AS rows_loaded,
    (SELECT CAST(count(*) AS INTEGER) FROM ${T.stageCustomerRejects}) AS rows_rejected,
    CAST(count(name) AS INTEGER) AS with_name,
    CAST(count(signup_date) AS INTEGER) AS with_signup_date,
    CAST(min(signup_date) AS VARCHAR) AS first_signup,
    CAST(max(signup_date) AS VARCHAR) AS last_signup
  FROM ${T.stageCustomers}`;
}

/** Stage -> canonical pairs for swapInSql. */
export function customersSwapPairs(): [string, string][] {
  return [
    [T.stageCustomers, T.customers],
    [T.stageCustomerRejects, T.customerRejects],
  ];
}


