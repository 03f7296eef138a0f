import { PROBABLY_LOST_BELOW } from '../../analytics/clv/clv-groups.js';
import { LADDER_RUNGS } from '../../analytics/ladder.js';
import { numberLiteral } from './sql-text.js';

/**
 * The per-customer predictions of the last CLV model, kept in the engine so the customer list
 * can sort and filter by them and the segment and rung summaries can add them up (see
 * data/clv-predictions.ts, which keeps the table current). The values themselves never become
 * SQL text: they arrive as an Arrow table (CLV_PREDICTIONS_STAGE) and are copied from it.
 */

/** One row per fitted customer: customer_id, probability_alive, expected_purchases, expected_average_value, clv (the last two NULL without a spend model). */
export const CLV_PREDICTIONS_TABLE = 'rapport_clv_predictions';
/** Where the Arrow table of predictions lands before it is typed into CLV_PREDICTIONS_TABLE. */
export const CLV_PREDICTIONS_STAGE = 'rapport_clv_predictions_stage';

/** The columns of CLV_PREDICTIONS_TABLE, in order (also those of the staged Arrow table). */
export const CLV_PREDICTION_COLUMNS = ['customer_id', 'probability_alive', 'expected_purchases', 'expected_average_value', 'clv'] as const;

export function dropClvPredictionsSql(table: string = CLV_PREDICTIONS_TABLE): string {
  return `DROP TABLE IF EXISTS ${table}`;
}

/** An empty predictions table (a model with no customer): the customer list still joins it. */
export function createEmptyClvPredictionsSql(): string {
  return `CREATE OR REPLACE TABLE ${CLV_PREDICTIONS_TABLE} (customer_id VARCHAR, probability_alive DOUBLE,
    expected_purchases DOUBLE, expected_average_value DOUBLE, clv DOUBLE)`;
}

/** The staged predictions, typed (text id, doubles), one row per customer, as the predictions table. */
export function createClvPredictionsSql(): string {
  return `CREATE OR REPLACE TABLE ${CLV_PREDICTIONS_TABLE} AS
    SELECT CAST(customer_id AS VARCHAR) AS customer_id,
      CAST(probability_alive AS DOUBLE) AS probability_alive,
      CAST(expected_purchases AS DOUBLE) AS expected_purchases,
      CAST(expected_average_value AS DOUBLE) AS expected_average_value,
      CAST(clv AS DOUBLE) AS clv
    FROM ${CLV_PREDICTIONS_STAGE}`;
}

/** The figures of a group of customers `g` left-joined with the predictions `p` (or of `p` alone). */
const GROUP_FIGURES = `CAST(count(*) AS INTEGER) AS customers,
      CAST(count(p.customer_id) AS INTEGER) AS predicted,
      CAST(count(p.clv) AS INTEGER) AS valued,
      CAST(sum(p.clv) AS DOUBLE) AS total_clv,
      CAST(avg(p.clv) AS DOUBLE) AS mean_clv,
      CAST(avg(p.probability_alive) AS DOUBLE) AS mean_probability_alive,
      CAST(COALESCE(sum(p.expected_purchases), 0) AS DOUBLE) AS total_expected_purchases,
      CAST(avg(p.expected_purchases) AS DOUBLE) AS mean_expected_purchases,
      CAST(count(*) FILTER (WHERE p.probability_alive < ${numberLiteral(PROBABLY_LOST_BELOW)}) AS INTEGER) AS probably_lost`;

/** The parts of clvGroupsSql's answer, in the order its rows come. */
export const CLV_GROUP_PARTS = ['segment', 'rung', 'total'] as const;

/**
 * The predictions added up, in one query, a row per group with its `part`:
 *   segment  per segment of a scored table (see rfm-sql.ts; null: none): its customers, how many
 *            have a prediction, and their CLV, P(alive) and expected purchases added up and
 *            averaged (over the customers with a prediction; CLV over those with a value), in
 *            rule order, then Others;
 *   rung     per place of a ladder table (see ladder-sql.ts; null: none), the same figures in
 *            ladder order (prospect ... partner, then lapsed; prospects have no purchase, so no prediction);
 *   total    one row ('all') over every prediction.
 * With `selectionTable`, the selected customers only: their predictions are picked once, and the
 * scored and ladder rows are picked before they are joined to them.
 */
export function clvGroupsSql(scoredTable: string | null, ladderTable: string | null, selectionTable: string | null = null): string {
  const only = selectionTable ? ` WHERE customer_id IN (SELECT customer_id FROM ${selectionTable})` : '';
  const p = selectionTable ? 'picked' : CLV_PREDICTIONS_TABLE;
  const parts = [
    scoredTable
      ? `SELECT 0 AS part, g.segment AS "group", min(g.segment_rank) AS place, ${GROUP_FIGURES}
      FROM (SELECT customer_id, segment, segment_rank FROM ${scoredTable}${only}) g
      LEFT JOIN ${p} p ON p.customer_id = CAST(g.customer_id AS VARCHAR)
      GROUP BY g.segment`
      : '',
    ladderTable
      ? `SELECT 1 AS part, g.rung AS "group", min(CASE WHEN g.rung_index < 0 THEN ${numberLiteral(LADDER_RUNGS.length)} ELSE g.rung_index END) AS place, ${GROUP_FIGURES}
      FROM (SELECT customer_id, rung, rung_index FROM ${ladderTable}${only}) g
      LEFT JOIN ${p} p ON p.customer_id = CAST(g.customer_id AS VARCHAR)
      GROUP BY g.rung`
      : '',
    `SELECT 2 AS part, 'all' AS "group", 0 AS place, ${GROUP_FIGURES} FROM ${p} p`,
  ].filter(Boolean);
  const picked = selectionTable
    ? `WITH picked AS MATERIALIZED (SELECT customer_id, probability_alive, expected_purchases, clv FROM ${CLV_PREDICTIONS_TABLE}${only})\n    `
    : '';
  return `${picked}SELECT * EXCLUDE (place) FROM (${parts.join('\n    UNION ALL\n    ')}) ORDER BY part, place, "group"`;
}
