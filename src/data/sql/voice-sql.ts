import type { VoiceKind } from '../../analytics/voice.js';
import { T } from './ingest-sql.js';
import { literal } from './sql-text.js';
import { VOICE_NONE, VOICE_NOT_SCORED, VOICE_NO_CUSTOMER } from '../../analytics/voice-groups.js';

export { VOICE_NONE, VOICE_NOT_SCORED, VOICE_NO_CUSTOMER };

/**
 * The voice of the customer, as SQL over the canonical `feedback` table: complaints,
 * suggestions and compliments counted per key (category, channel, RFM segment, month), with
 * how many were answered and the median days to answer. Kinds are checked against VOICE_KINDS
 * by the caller and pasted as literals; the recent-items limit is bound as a parameter.
 */

/** The dimensions feedback is counted by. */
export type VoiceDimension = 'category' | 'channel' | 'segment' | 'month';

/**
 * `AND customer_id IN (selected ids)` with a selection table (a table of customer_id, see
 * selection-sql.ts), else nothing: feedback with no customer id is never selected.
 */
function selectedOnly(selectionTable: string | null, column: string): string {
  return selectionTable ? ` AND ${column} IN (SELECT customer_id FROM ${selectionTable})` : '';
}

/**
 * The voice rows: the asked kinds, with days from writing to answering (NULL unless answered
 * with both dates, and not answered before written) and, with a scored table, the segment.
 * With a selection table, the rows of the selected customers only.
 */
function voiceRowsCte(kinds: readonly VoiceKind[], scoredTable: string | null, selectionTable: string | null = null): string {
  const segment = scoredTable
    ? `CASE WHEN f.customer_id IS NULL THEN ${literal(VOICE_NO_CUSTOMER)} ELSE COALESCE(s.segment, ${literal(VOICE_NOT_SCORED)}) END AS segment, s.segment_rank` : `CAST(NULL AS VARCHAR) AS segment, CAST(NULL AS INTEGER) AS segment_rank`;
  return `v AS (
      SELECT f.customer_id, f.feedback_date, f.kind, f.category, f.channel, f.text, f.answered, f.answered_date,
        CASE WHEN f.answered AND f.answered_date >= f.feedback_date THEN CAST(date_diff('day', f.feedback_date, f.answered_date) AS DOUBLE) END AS days,
        ${segment}
      FROM ${T.feedback} f
      ${scoredTable ? `LEFT JOIN ${scoredTable} s ON s.customer_id = f.customer_id` : ''}
      WHERE f.kind IN (${kinds.map(literal).join(', ')})${selectedOnly(selectionTable, 'f.customer_id')}
    )`;
}

/** Per-kind counts, total, answered (NULL when no row of the key says) and median days to answer. */
function countColumns(kinds: readonly VoiceKind[]): string {
  return [
    ...kinds.map((k) => `CAST(count(*) FILTER (WHERE kind = ${literal(k)}) AS INTEGER) AS ${k}`),
    'CAST(count(*) AS INTEGER) AS total',
    'CASE WHEN count(answered) > 0 THEN CAST(count(*) FILTER (WHERE answered) AS INTEGER) END AS answered_n',
    'CAST(quantile_cont(days, 0.5) AS DOUBLE) AS median_days',
  ].join(', ');
}

/**
 * Counts per key of one dimension. Category and channel: most first, a missing one is
 * VOICE_NONE. Segment (needs `scoredTable`): in rule order, then VOICE_NOT_SCORED, then
 * VOICE_NO_CUSTOMER. Month
 * (YYYY-MM): in order, undated feedback left out; empty months are filled in by the caller.
 */
export function voiceCountsSql(
  dimension: VoiceDimension,
  kinds: readonly VoiceKind[],
  scoredTable: string | null = null,
  selectionTable: string | null = null,
): string {
  const key = {
    category: `COALESCE(category, ${literal(VOICE_NONE)})`,
    channel: `COALESCE(channel, ${literal(VOICE_NONE)})`,
    segment: 'segment',
    month: `strftime(feedback_date, '%Y-%m')`,
  }[dimension];
  const order = {
    category: 'total DESC, key',
    channel: 'total DESC, key',
    segment: `min(segment_rank) NULLS LAST, key = ${literal(VOICE_NO_CUSTOMER)}, key`,
    month: 'key',
  }[dimension];
  return `WITH ${voiceRowsCte(kinds, dimension === 'segment' ? scoredTable : null, selectionTable)}
    SELECT ${key} AS key, ${countColumns(kinds)}
    FROM v ${dimension === 'month' ? 'WHERE feedback_date IS NOT NULL' : ''}
    GROUP BY ${key} ORDER BY ${order}`;
}

/**
 * One row over all the asked kinds: the counts, answered, median days; and what the messages
 * need: undated rows, rows whose answer is known, answered rows without an answered date,
 * rows answered before written, distinct customers, rows with no customer id, and rows of
 * other kinds left out (all of these of the selected customers only, with a selection table).
 */
export function voiceTotalsSql(kinds: readonly VoiceKind[], selectionTable: string | null = null): string {
  return `WITH ${voiceRowsCte(kinds, null, selectionTable)}
    SELECT ${countColumns(kinds)},
      CAST(count(*) FILTER (WHERE feedback_date IS NULL) AS INTEGER) AS undated,
      CAST(count(answered) AS INTEGER) AS known,
      CAST(count(*) FILTER (WHERE answered AND (answered_date IS NULL OR feedback_date IS NULL)) AS INTEGER) AS answered_undated,
      CAST(count(*) FILTER (WHERE answered AND answered_date < feedback_date) AS INTEGER) AS answered_early,
      CAST(count(DISTINCT customer_id) AS INTEGER) AS customers,
      CAST(count(*) FILTER (WHERE customer_id IS NULL) AS INTEGER) AS no_customer,
      (SELECT CAST(count(*) AS INTEGER) FROM ${T.feedback} WHERE kind NOT IN (${kinds.map(literal).join(', ')})${selectedOnly(selectionTable, 'customer_id')}) AS other_kinds
    FROM v`;
}

/** Rows of the three voice kinds in the feedback table (ask only when the table exists). */
export function voiceRowCountSql(kinds: readonly VoiceKind[]): string {
  return `SELECT CAST(count(*) AS INTEGER) AS n FROM ${T.feedback} WHERE kind IN (${kinds.map(literal).join(', ')})`;
}

/** Distinct customers of the asked kinds (selected ones, with a selection table) not in `orders` (ask only when `orders` exists); rows with no customer id are not counted. */
export function voiceUnmatchedCustomersSql(kinds: readonly VoiceKind[], selectionTable: string | null = null): string {
  return `SELECT CAST(count(DISTINCT f.customer_id) AS INTEGER) AS n FROM ${T.feedback} f
    WHERE f.kind IN (${kinds.map(literal).join(', ')})${selectedOnly(selectionTable, 'f.customer_id')}
      AND NOT EXISTS (SELECT 1 FROM ${T.orders} o WHERE o.customer_id = f.customer_id)`;
}

/** The latest pieces with text (of the selected customers, with a selection table), newest first (undated last); $1 is how many. */
export function voiceRecentSql(kinds: readonly VoiceKind[], selectionTable: string | null = null): string {
  return `SELECT customer_id, CAST(feedback_date AS VARCHAR) AS date, kind, category, channel, text, answered
    FROM ${T.feedback}
    WHERE kind IN (${kinds.map(literal).join(', ')}) AND text IS NOT NULL${selectedOnly(selectionTable, 'customer_id')}
    ORDER BY feedback_date DESC NULLS LAST, customer_id, kind, text
    LIMIT $1`;
}

/**
 * One row: voice rows of the asked kinds a selection leaves out: those with no customer id, and
 * those of customers outside the selection table.
 */
export function voiceSelectionLeftOutSql(kinds: readonly VoiceKind[], selectionTable: string): string {
  return `SELECT CAST(count(*) FILTER (WHERE f.customer_id IS NULL) AS INTEGER) AS no_customer,
      CAST(count(*) FILTER (WHERE f.customer_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM ${selectionTable} s WHERE s.customer_id = f.customer_id)) AS INTEGER) AS other_customers
    FROM ${T.feedback} f
    WHERE f.kind IN (${kinds.map(literal).join(', ')})`;
}
