import { NOT_YET_A_CUSTOMER } from '../../analytics/migration-options.js';
import type { ResolvedRfmOptions } from '../../analytics/rfm-options.js';
import { OTHERS, type SegmentRule } from '../../analytics/segment-rules.js';
import { dayAfterLastOrderSql, T } from './ingest-sql.js';
import { rfmCtes, segmentCaseSql } from './rfm-sql.js';
import { literal, numberLiteral } from './sql-text.js';

/**
 * Segment migration as SQL: customers scored and segmented at two analysis dates with the same
 * options and rules (each date through rfmCtes, so each sees only the orders up to its date and,
 * for `quantile`/`ntile`, computes its own cut points), then the transition matrix between them.
 *
 * The from-side has the rule segments, Others, and NOT_YET_A_CUSTOMER (customers at `to` with no
 * purchase by `from`). The to-side has the rule segments and Others: every customer at `from`
 * is still a customer at `to`, since `to` sees all of `from`'s orders.
 */

/** One row: the default `to` (the day after the last order, ISO), or NULL without orders. */
export function defaultMigrationToSql(): string {
  return `SELECT CAST(${dayAfterLastOrderSql()} AS VARCHAR) AS to_date`;
}

/** Which side's date is after the last order, so it reads the orders-by-customer table (see rfmCtes). */
export interface WholeHistorySides {
  from: boolean;
  to: boolean;
}

const NEITHER: WholeHistorySides = { from: false, to: false };

/**
 * CTEs from_segments, to_segments (customer_id, monetary, segment). Both options carry their
 * analysisDate. With `selectionTable` (a table of customer_id, see selection-sql.ts), only the
 * customers in it: the segments are still decided over everyone (cut points included).
 */
function segmentsAtCtes(
  from: ResolvedRfmOptions,
  to: ResolvedRfmOptions,
  rules: readonly SegmentRule[],
  selectionTable: string | null,
  whole: WholeHistorySides,
  toScored: string | null,
  fromScores: string | null = null,
): string {
  const only = selectionTable ? ` WHERE customer_id IN (SELECT customer_id FROM ${selectionTable})` : '';
  const at = (o: ResolvedRfmOptions, wholeHistory: boolean) => `${rfmCtes(o, wholeHistory)}
      SELECT customer_id, monetary, ${segmentCaseSql(rules)} AS segment FROM scored${only}`;
  const fromSide = fromScores ? `SELECT customer_id, monetary, ${segmentCaseSql(rules)} AS segment FROM ${fromScores}${only}` : at(from, whole.from);
  const toSide = toScored ? `SELECT customer_id, monetary, segment FROM ${toScored}${only}` : at(to, whole.to);
  return `WITH from_segments AS (${fromSide}),
    to_segments AS (${toSide})`;
}

/**
 * The table keeping the earlier side's scores of the last migration (see createMigrationFromSql):
 * segments depend on the scores and the rules only, so a rule change segments them again
 * instead of scoring every customer at the earlier date again.
 */
export const MIGRATION_FROM_TABLE = 'rapport_migration_from';

export function dropMigrationFromSql(): string {
  return `DROP TABLE IF EXISTS ${MIGRATION_FROM_TABLE}`;
}

/** Keep the scores at `from` (customer_id, monetary, r/f/m scores; its analysisDate, `wholeHistory` as for rfmCtes) in MIGRATION_FROM_TABLE. */
export function createMigrationFromSql(from: ResolvedRfmOptions, wholeHistory: boolean): string {
  return `CREATE OR REPLACE TABLE ${MIGRATION_FROM_TABLE} AS ${rfmCtes(from, wholeHistory)}
    SELECT customer_id, monetary, r_score, f_score, m_score FROM scored`;
}

/** The moves: one row per customer at `to`, with the from-side segment (or NOT_YET_A_CUSTOMER) and the to-side one. */
function movesCte(): string {
  return `moves AS (
      SELECT t.customer_id, COALESCE(f.segment, ${literal(NOT_YET_A_CUSTOMER)}) AS from_segment, t.segment AS to_segment, t.monetary
      FROM to_segments t LEFT JOIN from_segments f ON f.customer_id = t.customer_id
    )`;
}

/**
 * Customers at `to` whose from-side segment is $fromParam and to-side segment $toParam (the
 * members of one matrix cell). The segment names are bound parameters, never SQL text.
 */
export function migrationCellMembersSql(
  from: ResolvedRfmOptions,
  to: ResolvedRfmOptions,
  rules: readonly SegmentRule[],
  fromParam: number,
  toParam: number,
  whole: WholeHistorySides = NEITHER,
): string {
  return `${segmentsAtCtes(from, to, rules, null, whole, null)},
    ${movesCte()}
    SELECT customer_id FROM moves WHERE from_segment = $${numberLiteral(fromParam)} AND to_segment = $${numberLiteral(toParam)}`;
}

function namesValues(names: readonly string[]): string {
  return names.map((name, i) => `(${numberLiteral(i + 1)}, ${literal(name)})`).join(', ');
}

/**
 * Every (from_segment, to_segment) cell, zeros included, ordered by from-side then to-side
 * order (rule order, Others, then the pseudo-segment on the from-side): customers at `to` and
 * their net revenue as of `to` (monetary at `to`). With `selectionTable`, the selected customers
 * only (their segments still decided over everyone). `toScored`: a scored table (see
 * createScoredSql) already holding the to-side's scores and segments, read instead of scoring again;
 * `fromScores`: a table of the from-side's scores (see createMigrationFromSql), segmented by `rules`.
 */
export function migrationMatrixSql(
  from: ResolvedRfmOptions,
  to: ResolvedRfmOptions,
  rules: readonly SegmentRule[],
  selectionTable: string | null = null,
  whole: WholeHistorySides = NEITHER,
  toScored: string | null = null,
  fromScores: string | null = null,
): string {
  const real = [...rules.map((r) => r.name), OTHERS];
  return `${segmentsAtCtes(from, to, rules, selectionTable, whole, toScored, fromScores)},
    from_names(ord, segment) AS (VALUES ${namesValues([...real, NOT_YET_A_CUSTOMER])}),
    to_names(ord, segment) AS (VALUES ${namesValues(real)}),
    ${movesCte()}
    SELECT fn.segment AS from_segment, tn.segment AS to_segment,
      CAST(count(m.to_segment) AS INTEGER) AS customers,
      CAST(COALESCE(sum(m.monetary), 0) AS DOUBLE) AS revenue_to,
      -- The totals on every cell (there is always one): both scorings are worked out once.
      CAST((SELECT count(*) FROM from_segments) AS INTEGER) AS customers_from,
      CAST((SELECT count(*) FROM to_segments) AS INTEGER) AS customers_to
    FROM from_names fn CROSS JOIN to_names tn
      LEFT JOIN moves m ON m.from_segment = fn.segment AND m.to_segment = tn.segment
    GROUP BY fn.ord, tn.ord, fn.segment, tn.segment
    ORDER BY fn.ord, tn.ord`;
}
