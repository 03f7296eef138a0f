import type { ResolvedRfmOptions } from '../../analytics/rfm-options.js';
import type { SegmentRule } from '../../analytics/segment-rules.js';
import type { SqlParam } from '../engine/engine.js';
import { LADDER_TABLE } from './ladder-sql.js';
import { migrationCellMembersSql, type WholeHistorySides } from './migration-sql.js';
import { SCORED_TABLE } from './rfm-sql.js';

/**
 * Cross-filtering as SQL: the selected customer ids, materialised once into SELECTION_TABLE so
 * every analytic asked for "the selected customers only" joins one small table instead of
 * recomputing the parts. Each part is a SELECT of customer_id; the selection is their INTERSECT.
 * Every value (segment names, scores, rung, migration cell) is a bound parameter, never SQL text.
 *
 * A plain table like the scored and ladder tables (not TEMP): every engine connection sees it,
 * and it is replaced, never appended to.
 */

/** The table of the selected customer ids (one column, customer_id, distinct). */
export const SELECTION_TABLE = 'rapport_selection';

/** A selection without some of its parts, for one read (see selectionTableWithout); the selection in force stays in SELECTION_TABLE. */
export const SELECTION_PARTIAL_TABLE = 'rapport_selection_partial';

/** What the selection's parts need from the data layer, already checked (see data/selection.ts). */
export interface SelectionSqlParts {
  segment?: string;
  cell?: { r: number; f: number };
  rung?: string;
  /** A cell of a migration: the from-side and to-side segments, and the migration's options and rules. */
  migration?: { from: string; to: string; fromOptions: ResolvedRfmOptions; toOptions: ResolvedRfmOptions; rules: readonly SegmentRule[]; wholeHistory: WholeHistorySides };
}

/** Replace `table` (SELECTION_TABLE) with the customers every given part holds for ($n parameters returned to bind). */
export function createSelectionSql(parts: SelectionSqlParts, table: string = SELECTION_TABLE): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = [];
  const bind = (value: SqlParam): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const selects: string[] = [];
  if (parts.segment !== undefined) selects.push(`SELECT customer_id FROM ${SCORED_TABLE} WHERE segment = ${bind(parts.segment)}`);
  if (parts.cell !== undefined) {
    selects.push(`SELECT customer_id FROM ${SCORED_TABLE} WHERE r_score = ${bind(parts.cell.r)} AND f_score = ${bind(parts.cell.f)}`);
  }
  if (parts.rung !== undefined) selects.push(`SELECT customer_id FROM ${LADDER_TABLE} WHERE rung = ${bind(parts.rung)}`);
  if (parts.migration !== undefined) {
    const m = parts.migration;
    bind(m.from);
    bind(m.to);
    const members = migrationCellMembersSql(m.fromOptions, m.toOptions, m.rules, params.length - 1, params.length, m.wholeHistory);
    selects.push(`SELECT customer_id FROM (${members}) AS migration_cell`);
  }
  if (selects.length === 0) throw new RangeError('A selection needs at least one part');
  // The scored and ladder tables hold a customer once, and INTERSECT keeps distinct rows: only a
  // migration cell alone is made distinct here.
  const distinct = selects.length === 1 && parts.migration !== undefined ? 'DISTINCT ' : '';
  const sql = `CREATE OR REPLACE TABLE ${table} AS
    SELECT ${distinct}customer_id FROM (${selects.map((s) => `(${s})`).join(' INTERSECT ')}) AS selected
    WHERE customer_id IS NOT NULL`;
  return { sql, params };
}

/** One row: the selected customers (for an engine that does not answer the CREATE with its count). */
export function selectionCountSql(): string {
  return `SELECT CAST(count(*) AS INTEGER) AS customers FROM ${SELECTION_TABLE}`;
}

/** Drop the selection (cleared, or no longer matching the scoring, ladder or data). */
export function dropSelectionSql(): string {
  return `DROP TABLE IF EXISTS ${SELECTION_TABLE}`;
}
