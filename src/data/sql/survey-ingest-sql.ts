import type { DecimalStyle, SurveyPair, SurveyScaleRange } from '../ingest/types.js';
import { LINE, T } from './ingest-sql.js';
import { ident, literal, numberLiteral } from './sql-text.js';
import { blankToNull, numberExpr } from './value-parsing.js';

/**
 * Ingest of a SERVQUAL-style survey, as SQL. It shares the raw stages of every ingest
 * (`rapport_raw`, see ingest-sql.ts); both shapes become one answers table (one row per input
 * answer: a long row is one answer, a wide row one per item pair, unpivoted here with UNION
 * ALL), which is typed, judged and staged into the canonical tables:
 *   survey             (respondent, customer_id, item, item_order, dimension, expectation,
 *                       perception, importance, line) one row per loaded answer
 *   survey_importance  (respondent, dimension, importance)
 *   survey_respondents (respondent, customer_id, line, "<attribute>"...) one row per respondent
 *   survey_rejects     (line, reason, column, value, detail) one row per rejected answer (a
 *                       malformed line is one), plus wide importance values that are not numbers
 *   survey_meta        (scale_min, scale_max, shape, file) one row
 * customer_id is normalised as in `orders` (trimmed, blank = missing) so the two join on it.
 */

const ROWS = 'rapport_survey_rows';
const RESPONDENT = '__respondent';
const CUSTOMER = '__customer_id';

/** The drops of a survey load's staging (raw stages included by runLoad). */
export function surveyStageTables(): string[] {
  return [
    ROWS,
    T.surveyAnswers,
    T.surveyImportanceValues,
    T.surveyItems,
    T.stageSurvey,
    T.stageSurveyImportance,
    T.stageSurveyRespondents,
    T.stageSurveyRejects,
    T.stageSurveyMeta,
  ];
}

const text = (column: string | undefined) => (column ? blankToNull(ident(column)) : 'CAST(NULL AS VARCHAR)');
const name = (column: string | undefined) => (column ? literal(column) : 'CAST(NULL AS VARCHAR)');

export interface LongAnswersOptions {
  respondent: string;
  customer_id?: string | undefined;
  item: string;
  dimension?: string | undefined;
  expectation: string;
  perception: string;
  importance?: string | undefined;
}

/** Long shape: each input row is one answer. */
export function longAnswersSql(m: LongAnswersOptions): string {
  return `CREATE TABLE ${T.surveyAnswers} AS
    SELECT ${LINE} AS line, 0 AS seq, ${text(m.respondent)} AS respondent, ${text(m.customer_id)} AS customer_id,
      ${text(m.item)} AS item, ${text(m.dimension)} AS file_dimension,
      ${text(m.expectation)} AS r_exp, ${text(m.perception)} AS r_perc, ${text(m.importance)} AS r_imp,
      ${name(m.respondent)} AS respondent_column, ${name(m.item)} AS item_column,
      ${name(m.expectation)} AS exp_column, ${name(m.perception)} AS perc_column, ${name(m.importance)} AS imp_column
    FROM ${T.raw}`;
}

/**
 * Long shape: how the respondent, item and customer id columns spread over the whole file
 * (non-blank values, distinct values), to tell a respondent column from a row id.
 */
export function respondentSpreadSql(respondent: string, item: string, customer: string | undefined): string {
  const spread = (c: string | undefined, as: string) =>
    c
      ? `CAST(count(${text(c)}) AS INTEGER) AS ${as}_values, CAST(count(DISTINCT ${text(c)}) AS INTEGER) AS ${as}_distinct`
      : `0 AS ${as}_values, 0 AS ${as}_distinct`;
  return `SELECT ${spread(respondent, 'respondent')}, ${spread(item, 'item')}, ${spread(customer, 'customer')} FROM ${T.raw}`;
}

export interface WideRowsOptions {
  /** The respondent: a column, else the customer id column, else the row number (1..N in file order). */
  respondent?: string | undefined;
  customer_id?: string | undefined;
}

/** Wide shape, step 1: each input row with its respondent and customer id. */
export function wideRowsSql(o: WideRowsOptions): string {
  const respondent = o.respondent
    ? text(o.respondent)
    : o.customer_id
      ? text(o.customer_id)
      : `CAST(row_number() OVER (ORDER BY ${LINE}) AS VARCHAR)`;
  return `CREATE TABLE ${ROWS} AS SELECT *, ${respondent} AS ${RESPONDENT}, ${text(o.customer_id)} AS ${CUSTOMER} FROM ${T.raw}`;
}

/** Wide shape, step 2: unpivot the item pairs (one SELECT per pair, UNION ALL) into answers. */
export function wideAnswersSql(pairs: readonly SurveyPair[], respondentColumn: string | undefined): string {
  const parts = pairs.map(
    (p, i) => `SELECT ${LINE} AS line, ${numberLiteral(i + 1)} AS seq, ${RESPONDENT} AS respondent, ${CUSTOMER} AS customer_id,
      ${literal(p.item)} AS item, CAST(NULL AS VARCHAR) AS file_dimension,
      ${text(p.expectation)} AS r_exp, ${text(p.perception)} AS r_perc, CAST(NULL AS VARCHAR) AS r_imp,
      ${name(respondentColumn)} AS respondent_column, CAST(NULL AS VARCHAR) AS item_column,
      ${literal(p.expectation)} AS exp_column, ${literal(p.perception)} AS perc_column, CAST(NULL AS VARCHAR) AS imp_column
    FROM ${ROWS}`,
  );
  return `CREATE TABLE ${T.surveyAnswers} AS\n${parts.join('\nUNION ALL\n')}`;
}

/** Wide dimension-importance values, one row per (row, importance column), parsed. */
export function wideImportanceValuesSql(columns: Record<string, string>, decimal: DecimalStyle): string {
  const entries = Object.entries(columns);
  if (entries.length === 0) {
    return `CREATE TABLE ${T.surveyImportanceValues} (line BIGINT, respondent VARCHAR, dimension VARCHAR, "column" VARCHAR, r_imp VARCHAR, importance DOUBLE, imp_reason VARCHAR)`;
  }
  const parts = entries.map(
    ([column, dimension]) => `SELECT ${LINE} AS line, ${RESPONDENT} AS respondent, ${literal(dimension)} AS dimension, ${literal(column)} AS "column",
      ${text(column)} AS r_imp FROM ${ROWS}`,
  );
  return `CREATE TABLE ${T.surveyImportanceValues} AS
    WITH parsed AS (SELECT *, ${numberExpr('r_imp', decimal)} AS parsed_imp FROM (${parts.join('\nUNION ALL\n')}))
    SELECT line, respondent, dimension, "column", r_imp, ${importanceValue('parsed_imp')} AS importance,
      ${importanceReason('r_imp', 'parsed_imp')} AS imp_reason
    FROM parsed`;
}

/** An importance is a number of 0 or more (points or a rating); anything else is rejected, the answer kept. */
const importanceValue = (parsed: string) => `CASE WHEN ${parsed} >= 0 THEN ${parsed} END`;
const importanceReason = (raw: string, parsed: string) =>
  `CASE WHEN ${raw} IS NOT NULL AND ${parsed} IS NULL THEN 'non_numeric_importance' WHEN ${parsed} < 0 THEN 'negative_importance' END`;

/**
 * Parse the answers and decide each one's fate, first failing check first: no respondent, no
 * item, no expectation, no perception, an answer that is not a number. Range and duplicates are
 * judged later (outOfRangeSql, duplicateAnswersSql). A per-answer importance that is not a number,
 * or is negative, does not reject the answer (as in the wide shape): the answer loads without
 * it and the value is rejected on its own (`imp_reason`, see stageSurveyRejectsSql).
 */
export function typedSurveySql(decimal: DecimalStyle): string {
  const reasons: [string, string, string, string][] = [
    ['respondent IS NULL', 'missing_respondent', 'respondent_column', 'CAST(NULL AS VARCHAR)'],
    ['item IS NULL', 'missing_item', 'item_column', 'CAST(NULL AS VARCHAR)'],
    ['r_exp IS NULL', 'missing_expectation', 'exp_column', 'CAST(NULL AS VARCHAR)'],
    ['r_perc IS NULL', 'missing_perception', 'perc_column', 'CAST(NULL AS VARCHAR)'],
    ['expectation IS NULL', 'non_numeric_answer', 'exp_column', 'r_exp'],
    ['perception IS NULL', 'non_numeric_answer', 'perc_column', 'r_perc'],
  ];
  const when = (pick: (r: (typeof reasons)[number]) => string) => `CASE ${reasons.map((r) => `WHEN ${r[0]} THEN ${pick(r)}`).join(' ')} END`;
  return `CREATE TABLE ${T.typed} AS
    WITH parsed AS (
      SELECT *, ${numberExpr('r_exp', decimal)} AS expectation, ${numberExpr('r_perc', decimal)} AS perception,
        ${numberExpr('r_imp', decimal)} AS parsed_imp
      FROM ${T.surveyAnswers}
    )
    SELECT * EXCLUDE (parsed_imp), ${importanceValue('parsed_imp')} AS importance, ${importanceReason('r_imp', 'parsed_imp')} AS imp_reason,
      ${when((r) => literal(r[1]))} AS reason, ${when((r) => r[2])} AS reason_column,
      ${when((r) => r[3])} AS reason_value, CAST(NULL AS VARCHAR) AS reason_detail
    FROM parsed`;
}

/** Candidate Likert scales -> how many of the good answers' scores (expectation and perception) each holds. */
export function scaleEvidenceSql(scales: readonly SurveyScaleRange[]): string {
  const inside = scales.map((s, i) => {
    const between = (v: string) => `count(*) FILTER (WHERE ${v} BETWEEN ${numberLiteral(s.min)} AND ${numberLiteral(s.max)})`;
    return `CAST(${between('expectation')} + ${between('perception')} AS INTEGER) AS inside_${i}`;
  });
  return `SELECT CAST(2 * count(*) AS INTEGER) AS answers, least(min(expectation), min(perception)) AS min_value,
      greatest(max(expectation), max(perception)) AS max_value, ${inside.join(', ')}
    FROM ${T.typed} WHERE reason IS NULL`;
}

/** The good answers' scores (expectation and perception) from `lo` to `hi`, counted per value. */
export function scaleValuesSql(lo: number, hi: number): string {
  return `SELECT value, CAST(count(*) AS INTEGER) AS n FROM (
      SELECT expectation AS value FROM ${T.typed} WHERE reason IS NULL
      UNION ALL SELECT perception FROM ${T.typed} WHERE reason IS NULL
    ) WHERE value BETWEEN ${numberLiteral(lo)} AND ${numberLiteral(hi)} GROUP BY value ORDER BY value`;
}

/** Answers rejected as off the scale, and the first few distinct scores off it. */
export function offScaleSql(): string {
  return `SELECT CAST(count(*) AS INTEGER) AS n, list_sort(list_distinct(list(reason_value)))[1:5] AS examples
    FROM ${T.typed} WHERE reason = 'answer_out_of_range'`;
}

/** A scale end as text: 5, not 5.0. */
export function scaleText(s: SurveyScaleRange): string {
  return `${s.min}-${s.max}`;
}

/** An answer with a score off the scale is rejected, the scale named in the detail. */
export function outOfRangeSql(scale: SurveyScaleRange): string {
  const lo = numberLiteral(scale.min);
  const hi = numberLiteral(scale.max);
  const expOut = `(expectation < ${lo} OR expectation > ${hi})`;
  return `UPDATE ${T.typed} SET reason = 'answer_out_of_range',
      reason_column = CASE WHEN ${expOut} THEN exp_column ELSE perc_column END,
      reason_value = CASE WHEN ${expOut} THEN r_exp ELSE r_perc END,
      reason_detail = ${literal(`scale ${scaleText(scale)}`)}
    WHERE reason IS NULL AND (${expOut} OR perception < ${lo} OR perception > ${hi})`;
}

/**
 * A respondent's second good answer to the same item is rejected (the first, in file order,
 * is kept). In the long shape the reject names the item column, in the wide shape the
 * respondent column (a respondent id on two rows).
 */
export function duplicateAnswersSql(shape: 'long' | 'wide'): string {
  const t = T.typed;
  const [column, value] = shape === 'long' ? ['item_column', 'item'] : ['respondent_column', 'respondent'];
  return `UPDATE ${t} SET reason = 'duplicate_answer', reason_column = ${t}.${column}, reason_value = ${t}.${value},
      reason_detail = 'respondent ' || ${t}.respondent || ' already answered item ' || ${t}.item || ' on line ' || CAST(d.first_line AS VARCHAR)
    FROM (
      SELECT line, seq, first_value(line) OVER w AS first_line, row_number() OVER w AS k
      FROM ${t} WHERE reason IS NULL
      WINDOW w AS (PARTITION BY respondent, item ORDER BY line, seq)
    ) d
    WHERE ${t}.line = d.line AND ${t}.seq = d.seq AND d.k > 1`;
}

/** Items in order of first appearance, with the dimension the file gives each (most common non-blank). */
export function itemsSeenSql(): string {
  return `SELECT item, min(line) AS first_line, min(seq) AS first_seq, mode(file_dimension) AS file_dimension,
      CAST(count(DISTINCT file_dimension) AS INTEGER) AS file_dimensions
    FROM ${T.typed} WHERE item IS NOT NULL
    GROUP BY item ORDER BY first_line, first_seq, item`;
}

/** The decided item -> order, dimension table. */
export function surveyItemsSql(items: readonly { item: string; dimension: string }[]): string[] {
  const create = `CREATE TABLE ${T.surveyItems} (item VARCHAR, item_order INTEGER, dimension VARCHAR)`;
  if (items.length === 0) return [create];
  const rows = items.map((it, i) => `(${literal(it.item)}, ${numberLiteral(i + 1)}, ${literal(it.dimension)})`);
  return [create, `INSERT INTO ${T.surveyItems} VALUES ${rows.join(', ')}`];
}

/** The new survey table, typed as the canonical schema says. */
export function stageSurveySql(): string[] {
  return [
    `CREATE TABLE ${T.stageSurvey} (respondent VARCHAR NOT NULL, customer_id VARCHAR, item VARCHAR NOT NULL,
      item_order INTEGER NOT NULL, dimension VARCHAR NOT NULL, expectation DOUBLE NOT NULL, perception DOUBLE NOT NULL,
      importance DOUBLE, line BIGINT NOT NULL)`,
    `INSERT INTO ${T.stageSurvey}
      SELECT t.respondent, t.customer_id, t.item, i.item_order, i.dimension, t.expectation, t.perception, t.importance, t.line
      FROM ${T.typed} t JOIN ${T.surveyItems} i ON i.item = t.item
      WHERE t.reason IS NULL ORDER BY t.line, t.seq`,
  ];
}

/**
 * One row per respondent with a loaded answer: the first customer id given, the first line,
 * and the attribute columns of that line as text. `attributes`: input column -> output name.
 */
export function stageRespondentsSql(attributes: readonly (readonly [column: string, as: string])[]): string[] {
  const attrs = attributes.map(([c, as]) => `, CAST(r.${ident(c)} AS VARCHAR) AS ${ident(as)}`).join('');
  return [
    `CREATE TABLE ${T.stageSurveyRespondents} AS
      WITH firsts AS (
        SELECT respondent, min(line) AS line, arg_min(customer_id, line) FILTER (WHERE customer_id IS NOT NULL) AS customer_id
        FROM ${T.stageSurvey} GROUP BY respondent
      )
      SELECT f.respondent, f.customer_id, CAST(f.line AS BIGINT) AS line${attrs}
      FROM firsts f JOIN ${T.raw} r ON r.${LINE} = f.line
      ORDER BY f.line`,
    `ALTER TABLE ${T.stageSurveyRespondents} ALTER COLUMN respondent SET NOT NULL`,
    `ALTER TABLE ${T.stageSurveyRespondents} ALTER COLUMN line SET NOT NULL`,
  ];
}

/**
 * A respondent's importance per dimension: the wide importance columns of the respondent's
 * (first loaded) row, or in the long shape the mean per-answer importance over the dimension's items.
 */
export function stageImportanceSql(shape: 'long' | 'wide'): string[] {
  const create = `CREATE TABLE ${T.stageSurveyImportance} (respondent VARCHAR NOT NULL, dimension VARCHAR NOT NULL, importance DOUBLE NOT NULL)`;
  const insert =
    shape === 'long'
      ? `INSERT INTO ${T.stageSurveyImportance}
          SELECT respondent, dimension, avg(importance) FROM ${T.stageSurvey} WHERE importance IS NOT NULL
          GROUP BY respondent, dimension ORDER BY min(line), dimension`
      : `INSERT INTO ${T.stageSurveyImportance}
          SELECT v.respondent, v.dimension, avg(v.importance) FROM ${T.surveyImportanceValues} v
          JOIN ${T.stageSurveyRespondents} r ON r.respondent = v.respondent AND r.line = v.line
          WHERE v.importance IS NOT NULL GROUP BY v.respondent, v.dimension ORDER BY min(v.line), v.dimension`;
  return [create, insert];
}

/**
 * Every rejected answer, every importance value rejected on its own (not a number, or negative:
 * wide importance columns, and long per-answer importance of an answer that loaded), and every
 * line the CSV parser could not read, in file order. A malformed wide line holds one answer per
 * item pair (`pairs`), so it gives one reject per pair (`pairs` empty: long, one per line).
 */
export function stageSurveyRejectsSql(hasCsvRejects: boolean, wideImportance: boolean, pairs: readonly SurveyPair[] = []): string {
  const importance = wideImportance
    ? `UNION ALL
       SELECT line, 1000000 AS seq, imp_reason, "column", r_imp, 'importance of ' || dimension
       FROM ${T.surveyImportanceValues} WHERE imp_reason IS NOT NULL`
    : '';
  const answerImportance = `UNION ALL
       SELECT line, seq + 1000000, imp_reason, imp_column, r_imp, 'importance of item ' || item || '; the answer was loaded without it'
       FROM ${T.typed} WHERE reason IS NULL AND imp_reason IS NOT NULL`;
  const errors = `string_agg(DISTINCT error_type || ': ' || error_message, '; ')`;
  const csv = !hasCsvRejects
    ? ''
    : pairs.length === 0
      ? `UNION ALL
       SELECT CAST(line AS BIGINT), 0, 'malformed_row', any_value(column_name), any_value(csv_line), ${errors}
       FROM ${T.csvRejects} GROUP BY line`
      : `UNION ALL
       SELECT CAST(c.line AS BIGINT), p.seq, 'malformed_row', any_value(c.column_name), any_value(c.csv_line),
              ${errors} || '; the line holds ${pairs.length} answer${pairs.length === 1 ? '' : 's'} (one per item pair), each rejected: this one is item ' || p.item
       FROM ${T.csvRejects} c CROSS JOIN (VALUES ${pairs.map((p, i) => `(${numberLiteral(i + 1)}, ${literal(p.item)})`).join(', ')}) AS p(seq, item)
       GROUP BY c.line, p.seq, p.item`;
  return `CREATE TABLE ${T.stageSurveyRejects} AS
    SELECT CAST(line AS BIGINT) AS line, reason, "column", value, detail FROM (
      SELECT line, seq, reason, reason_column AS "column", reason_value AS value, reason_detail AS detail
      FROM ${T.typed} WHERE reason IS NOT NULL
      ${answerImportance}
      ${importance}
      ${csv}
    ) ORDER BY line, seq`;
}

/** The first rejects in file order (and item order within a wide row); of the reasons `only`, or of all but `except`, when given. */
export function surveyRejectSamplesSql(limit: number, reasons?: { only?: readonly string[]; except?: readonly string[] }): string {
  const list = (rs: readonly string[]) => rs.map(literal).join(', ');
  const where = reasons?.only?.length
    ? `WHERE reason IN (${list(reasons.only)})`
    : reasons?.except?.length
      ? `WHERE reason NOT IN (${list(reasons.except)})`
      : '';
  return `SELECT CAST(line AS INTEGER) AS line, reason, "column", value, detail FROM ${T.stageSurveyRejects}
    ${where} ORDER BY line, rowid LIMIT ${numberLiteral(limit)}`;
}

export function stageMetaSql(scale: SurveyScaleRange, shape: 'long' | 'wide', file: string): string[] {
  return [
    `CREATE TABLE ${T.stageSurveyMeta} (scale_min DOUBLE NOT NULL, scale_max DOUBLE NOT NULL, shape VARCHAR NOT NULL, file VARCHAR)`,
    `INSERT INTO ${T.stageSurveyMeta} VALUES (${numberLiteral(scale.min)}, ${numberLiteral(scale.max)}, ${literal(shape)}, ${literal(file)})`,
  ];
}

/**
 * The load's counts. Rows: loaded when any of their answers is; rejected when none is (every
 * such line has a reject, so counting them from the rejects checks that nothing went missing).
 */
export function surveyReportSql(): string {
  return `SELECT
    (SELECT CAST(count(*) AS INTEGER) FROM ${T.raw}) AS parsed_rows,
    (SELECT CAST(count(*) AS INTEGER) FROM ${T.surveyAnswers}) AS answers_parsed,
    (SELECT CAST(count(*) AS INTEGER) FROM ${T.stageSurvey}) AS answers_loaded,
    (SELECT CAST(count(*) AS INTEGER) FROM ${T.typed} WHERE reason IS NOT NULL) AS answers_rejected,
    (SELECT CAST(count(DISTINCT line) AS INTEGER) FROM ${T.stageSurvey}) AS rows_loaded,
    (SELECT CAST(count(DISTINCT line) AS INTEGER) FROM ${T.stageSurveyRejects}
      WHERE line NOT IN (SELECT line FROM ${T.stageSurvey})) AS rows_rejected,
    (SELECT CAST(count(DISTINCT respondent) AS INTEGER) FROM ${T.stageSurvey}) AS respondents,
    (SELECT CAST(count(DISTINCT customer_id) AS INTEGER) FROM ${T.stageSurvey}) AS customers,
    (SELECT CAST(count(*) AS INTEGER) FROM ${T.stageSurveyImportance}) AS importance_rows`;
}

/** Loaded answers per item. */
export function answersPerItemSql(): string {
  return `SELECT item, CAST(count(*) AS INTEGER) AS n FROM ${T.stageSurvey} GROUP BY item`;
}

/** Stage -> canonical pairs for swapInSql. */
export function surveySwapPairs(): [string, string][] {
  return [
    [T.stageSurvey, T.survey],
    [T.stageSurveyImportance, T.surveyImportance],
    [T.stageSurveyRespondents, T.surveyRespondents],
    [T.stageSurveyRejects, T.surveyRejects],
    [T.stageSurveyMeta, T.surveyMeta],
  ];
}
