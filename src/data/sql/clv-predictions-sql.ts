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

/** Customers counted as probably lost (P(alive) below PROBABLY_LOST_BELOW) among the predictions `p` (no prediction: not counted). */
const probablyLost = (p: string) => `CAST(count(*) FILTER (WHERE ${p}probability_alive < ${numberLiteral(PROBABLY_LOST_BELOW)}) AS INTEGER) AS probably_lost`;

/** One row: how many predictions the table holds and their sums (to check a store, and for the totals of the groups). */
export function clvPredictionTotalsSql(selectionTable: string | null = null): string {
  return `SELECT CAST(count(*) AS INTEGER) AS customers,
      CAST(count(*) AS INTEGER) AS predicted,
      CAST(count(clv) AS INTEGER) AS valued,
      CAST(sum(clv) AS DOUBLE) AS total_clv,
      CAST(avg(clv) AS DOUBLE) AS mean_clv,
      CAST(avg(probability_alive) AS DOUBLE) AS mean_probability_alive,
      CAST(COALESCE(sum(expected_purchases), 0) AS DOUBLE) AS total_expected_purchases,
      CAST(avg(expected_purchases) AS DOUBLE) AS mean_expected_purchases,
      ${probablyLost('')}
    FROM ${CLV_PREDICTIONS_TABLE}
    ${selectionTable ? `WHERE customer_id IN (SELECT customer_id FROM ${selectionTable})` : ''}`;
}

/** The figures of a group of customers `g` left-joined with the predictions `p`. */
const GROUP_FIGURES = `CAST(count(*) AS INTEGER) AS customers,
      CAST(count(p.customer_id) AS INTEGER) AS predicted,
      CAST(count(p.clv) AS INTEGER) AS valued,
      CAST(sum(p.clv) AS DOUBLE) AS total_clv,
      CAST(avg(p.clv) AS DOUBLE) AS mean_clv,
      CAST(avg(p.probability_alive) AS DOUBLE) AS mean_probability_alive,
      CAST(COALESCE(sum(p.expected_purchases), 0) AS DOUBLE) AS total_expected_purchases,
      CAST(avg(p.expected_purchases) AS DOUBLE) AS mean_expected_purchases,
      ${probablyLost('p.')}`;

const selectedOnly = (selectionTable: string | null) =>
  selectionTable ? `WHERE g.customer_id IN (SELECT customer_id FROM ${selectionTable})` : '';

/**
 * Per segment of a scored table (see rfm-sql.ts): its customers, how many have a prediction,
 * and their CLV, P(alive) and expected purchases added up and averaged (over the customers with
 * a prediction; CLV over those with a value). In rule order, then Others. With `selectionTable`,
 * the selected customers only.
 */
export function clvBySegmentSql(scoredTable: string, selectionTable: string | null = null): string {
  return `SELECT g.segment AS "group", ${GROUP_FIGURES}
    FROM ${scoredTable} g LEFT JOIN ${CLV_PREDICTIONS_TABLE} p ON p.customer_id = CAST(g.customer_id AS VARCHAR)
    ${selectedOnly(selectionTable)}
    GROUP BY g.segment
    ORDER BY min(g.segment_rank), g.segment`;
}

/**
 * Per place of a ladder table (see ladder-sql.ts), the same figures as clvBySegmentSql, in ladder
 * order (prospect ... partner, then lapsed). Prospects have no purchase, so no prediction.
 */
export function clvByRungSql(ladderTable: string, selectionTable: string | null = null): string {
  return `SELECT g.rung AS "group", ${GROUP_FIGURES}
    FROM ${ladderTable} g LEFT JOIN ${CLV_PREDICTIONS_TABLE} p ON p.customer_id = CAST(g.customer_id AS VARCHAR)
    ${selectedOnly(selectionTable)}
    GROUP BY g.rung
    ORDER BY min(CASE WHEN g.rung_index < 0 THEN ${numberLiteral(LADDER_RUNGS.length)} ELSE g.rung_index END), g.rung`;
}
