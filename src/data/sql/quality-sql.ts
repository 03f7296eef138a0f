import { UNASSIGNED_DIMENSION } from '../../analytics/quality.js';
import { LADDER_TABLE } from './ladder-sql.js';
import { SCORED_TABLE } from './rfm-sql.js';
import { T } from './ingest-sql.js';
import { ident, literal, numberLiteral } from './sql-text.js';
import { NOT_GIVEN, NOT_LINKED, NO_PURCHASE } from '../../analytics/quality-groups.js';

export { NOT_GIVEN, NOT_LINKED, NO_PURCHASE };

/**
 * The survey gap as SQL (semantics in analytics/quality.ts): the aggregation (n, means,
 * stddev_samp) happens here, the intervals and weights' bookkeeping in TypeScript. Every query
 * takes the respondents' grouping as a `(respondent, grp)` select: one group '' when not split.
 */

/** The canonical survey tables (built by the survey ingest). */
export const SURVEY_TABLES = {
  survey: T.survey,
  importance: T.surveyImportance,
  respondents: T.surveyRespondents,
  meta: T.surveyMeta,
} as const;

const S = SURVEY_TABLES;

/** One row per respondent with answers: their customer id (blank -> null). */
const RESPONDENTS = `SELECT respondent, max(NULLIF(trim(CAST(customer_id AS VARCHAR)), '')) AS customer_id
  FROM ${S.survey} GROUP BY respondent`;

/** How the respondents are split. `known`: customer-id tables that exist (orders, customers). */
export type RespondentGrouping =
  | { kind: 'none' }
  | { kind: 'attribute'; column: string }
  | { kind: 'segment'; known: readonly string[] }
  | { kind: 'rung' };

/** Known customer ids: the union of the given tables' customer_id. */
function knownSql(known: readonly string[]): string {
  return known.length
    ? known.map((t) => `SELECT CAST(customer_id AS VARCHAR) AS customer_id FROM ${ident(t)}`).join(' UNION ')
    : `SELECT CAST(NULL AS VARCHAR) AS customer_id WHERE false`;
}

/** `(respondent, grp)` for every respondent with answers. */
export function respondentGroupsSql(g: RespondentGrouping): string {
  switch (g.kind) {
    case 'none':
      return `SELECT DISTINCT respondent, '' AS grp FROM ${S.survey}`;
    case 'attribute':
      return `SELECT r.respondent, coalesce(a.v, ${literal(NOT_GIVEN)}) AS grp
        FROM (${RESPONDENTS}) r
        LEFT JOIN (SELECT respondent, max(NULLIF(trim(CAST(${ident(g.column)} AS VARCHAR)), '')) AS v
                   FROM ${S.respondents} GROUP BY respondent) a USING (respondent)`;
    case 'segment':
      return `SELECT r.respondent,
          CASE WHEN sc.segment IS NOT NULL THEN sc.segment
               WHEN r.customer_id IN (${knownSql(g.known)}) THEN ${literal(NO_PURCHASE)}
               ELSE ${literal(NOT_LINKED)} END AS grp
        FROM (${RESPONDENTS}) r LEFT JOIN ${SCORED_TABLE} sc ON sc.customer_id = r.customer_id`;
    case 'rung':
      return `SELECT r.respondent, coalesce(CAST(l.rung AS VARCHAR), ${literal(NOT_LINKED)}) AS grp
        FROM (${RESPONDENTS}) r LEFT JOIN ${LADDER_TABLE} l ON l.customer_id = r.customer_id`;
  }
}

/** Where the overall score's weights come from (see analytics/quality.ts). */
export type WeightSource =
  /** `withoutUnassigned`: the 'unassigned' dimension weighs 0 (there are assigned ones). */
  | { kind: 'equal'; withoutUnassigned?: boolean }
  /**
   * The respondents' own importance; `withoutUnassigned`: a respondent who gave none falls back
   * to equal weights as `equal` does, 'unassigned' weighing 0 (there are assigned dimensions).
   */
  | { kind: 'respondent'; withoutUnassigned?: boolean }
  /** Normalised weights per dimension, as in the survey table's spelling. */
  | { kind: 'given'; weights: readonly (readonly [string, number])[] };

/**
 * CTEs: g (respondent, grp), ri (one row per respondent and item: e, p, gap), rd (per respondent
 * and dimension: the means over the items they answered), rw (rd with the respondent's weight w
 * of the dimension and `fallback` when they gave no importance), rn (rw renormalised per
 * respondent, nw; respondents whose weights add up to 0 left out), ro (per respondent overall).
 */
function gapCtes(groups: string, weights: WeightSource): string {
  let rw: string;
  if (weights.kind === 'given') {
    const values = weights.weights.length
      ? weights.weights.map(([d, w]) => `(${literal(d)}, CAST(${numberLiteral(w)} AS DOUBLE))`).join(', ')
      : `(NULL, CAST(0 AS DOUBLE))`;
    rw = `SELECT rd.*, coalesce(gw.w, 0) AS w, false AS fallback
      FROM rd LEFT JOIN (SELECT * FROM (VALUES ${values}) v(dimension, w)) gw USING (dimension)`;
  } else if (weights.kind === 'respondent') {
    // A respondent who gave no importance to any dimension they answered counts them the same
    // (but 'unassigned', as equal weighting does, when there are assigned dimensions).
    const fallback = weights.withoutUnassigned ? `CASE WHEN dimension = ${literal(UNASSIGNED_DIMENSION)} THEN 0 ELSE 1 END` : '1';
    rw = `SELECT x.* EXCLUDE (w0), CASE WHEN sum(w0) OVER (PARTITION BY grp, respondent) > 0 THEN w0 ELSE ${fallback} END AS w,
        NOT (sum(w0) OVER (PARTITION BY grp, respondent) > 0) AS fallback
      FROM (SELECT rd.*, coalesce(imp.w, 0) AS w0 FROM rd
            LEFT JOIN (SELECT respondent, dimension, sum(importance) AS w FROM ${S.importance}
                       WHERE importance > 0 GROUP BY respondent, dimension) imp USING (respondent, dimension)) x`;
  } else {
    const w = weights.withoutUnassigned ? `CASE WHEN dimension = ${literal(UNASSIGNED_DIMENSION)} THEN 0 ELSE 1 END` : '1';
    rw = `SELECT rd.*, CAST(${w} AS DOUBLE) AS w, false AS fallback FROM rd`;
  }
  return `WITH g AS (${groups}),
    ri AS (
      SELECT g.grp, s.respondent, s.item, min(s.item_order) AS item_order, min(s.dimension) AS dimension,
        avg(s.expectation) AS e, avg(s.perception) AS p, avg(s.perception - s.expectation) AS gap
      FROM ${S.survey} s JOIN g USING (respondent)
      GROUP BY g.grp, s.respondent, s.item),
    rd AS (
      SELECT grp, respondent, dimension, avg(e) AS e, avg(p) AS p, avg(gap) AS gap
      FROM ri GROUP BY grp, respondent, dimension),
    rw AS (${rw}),
    rn AS (
      SELECT *, w / sum(w) OVER (PARTITION BY grp, respondent) AS nw FROM rw
      QUALIFY sum(w) OVER (PARTITION BY grp, respondent) > 0),
    ro AS (
      SELECT grp, respondent, sum(nw * e) AS e, sum(nw * p) AS p, sum(nw * gap) AS gap, bool_or(fallback) AS fallback
      FROM rn GROUP BY grp, respondent)`;
}

const MOMENTS = `CAST(count(*) AS INTEGER) AS n, avg(e) AS expectation, avg(p) AS perception, avg(gap) AS gap, stddev_samp(gap) AS sd`;

/** Per group and item: item_order, dimension and the moments over its respondents. */
export function itemMomentsSql(groups: string): string {
  return `${gapCtes(groups, { kind: 'equal' })}
    SELECT grp, item, CAST(min(item_order) AS INTEGER) AS item_order, min(dimension) AS dimension, ${MOMENTS}
    FROM ri GROUP BY grp, item ORDER BY grp, item_order, item`;
}

/** Per group and dimension: the moments over respondents of their dimension means. */
export function dimensionMomentsSql(groups: string): string {
  return `${gapCtes(groups, { kind: 'equal' })}
    SELECT grp, dimension, ${MOMENTS} FROM rd GROUP BY grp, dimension ORDER BY grp, dimension`;
}

/**
 * Per group: the moments of the respondents' weighted overall gaps, and how many respondents
 * fell back to equal weights (no importance of their own).
 */
export function overallMomentsSql(groups: string, weights: WeightSource): string {
  return `${gapCtes(groups, weights)}
    SELECT grp, ${MOMENTS}, CAST(count(*) FILTER (WHERE fallback) AS INTEGER) AS fallbacks
    FROM ro GROUP BY grp ORDER BY grp`;
}

/** Per group and dimension: the sum over the overall's respondents of their renormalised weight. */
export function dimensionWeightsSql(groups: string, weights: WeightSource): string {
  return `${gapCtes(groups, weights)}
    SELECT grp, dimension, sum(nw) AS weight_sum FROM rn GROUP BY grp, dimension ORDER BY grp, dimension`;
}

/**
 * Respondents with answers, and those with any importance of their own (0 without the table).
 * With `selectionTable`, respondents linked to a selected customer only.
 */
export function surveyCountsSql(hasImportance: boolean, selectionTable: string | null = null): string {
  const universe = selectionTable ? selectedRespondentIdsSql(selectionTable) : `SELECT respondent FROM ${S.survey}`;
  const withImportance = hasImportance
    ? `(SELECT count(DISTINCT i.respondent) FROM ${S.importance} i
        WHERE i.importance > 0 AND i.respondent IN (${universe}))`
    : '0';
  return `SELECT CAST((SELECT count(DISTINCT respondent) FROM ${S.survey} WHERE respondent IN (${universe})) AS INTEGER) AS respondents,
    CAST(${withImportance} AS INTEGER) AS with_importance,
    CAST((SELECT count(*) FROM (${RESPONDENTS}) WHERE customer_id IS NOT NULL AND respondent IN (${universe})) AS INTEGER) AS with_customer_id`;
}

/** Respondents whose customer id is a known customer (in any of the given tables); of the selection, with `selectionTable`. */
export function linkedRespondentsSql(known: readonly string[], selectionTable: string | null = null): string {
  return `SELECT CAST(count(*) AS INTEGER) AS linked FROM (${RESPONDENTS})
    WHERE customer_id IN (${knownSql(known)})${selectionTable ? ` AND respondent IN (${selectedRespondentIdsSql(selectionTable)})` : ''}`;
}

/** Respondents whose customer id is in `selectionTable` (a table of customer_id, see selection-sql.ts). */
function selectedRespondentIdsSql(selectionTable: string): string {
  return `SELECT respondent FROM (${RESPONDENTS}) AS linked_respondents WHERE customer_id IN (SELECT customer_id FROM ${selectionTable})`;
}

/** A `(respondent, grp)` select kept to the respondents linked to a selected customer. */
export function selectedGroupsSql(groups: string, selectionTable: string): string {
  return `SELECT * FROM (${groups}) AS grouped WHERE respondent IN (${selectedRespondentIdsSql(selectionTable)})`;
}

/**
 * One row: respondents with answers a selection leaves out, and of them those linked to no known
 * customer (no customer id, or one in none of the `known` tables): those can never be selected.
 */
export function qualitySelectionLeftOutSql(known: readonly string[], selectionTable: string): string {
  return `SELECT CAST(count(*) AS INTEGER) AS left_out,
      CAST(count(*) FILTER (WHERE NOT COALESCE(customer_id IN (${knownSql(known)}), false)) AS INTEGER) AS not_linked
    FROM (${RESPONDENTS}) AS r
    WHERE respondent NOT IN (${selectedRespondentIdsSql(selectionTable)})`;
}

/** The Likert scale answers were read on: survey_meta when there, else the range of the answers. */
export function surveyScaleSql(hasMeta: boolean): string {
  return hasMeta
    ? `SELECT scale_min, scale_max FROM ${S.meta} LIMIT 1`
    : `SELECT least(min(expectation), min(perception)) AS scale_min, greatest(max(expectation), max(perception)) AS scale_max FROM ${S.survey}`;
}

/** The attribute columns of survey_respondents (every column but respondent, customer_id, line), in order. */
export function respondentAttributeColumnsSql(): string {
  return `SELECT column_name FROM duckdb_columns()
    WHERE schema_name = 'main' AND table_name = ${literal(S.respondents)}
      AND column_name NOT IN ('respondent', 'customer_id', 'line')
    ORDER BY column_index`;
}

/**
 * Per attribute column, over respondents with answers (one value per respondent, blanks as
 * none): `groups` distinct non-blank values, `answered` respondents with a value, `largest`
 * respondents in the most common value, `longest` characters of the longest value.
 */
export function attributeProfileSql(columns: readonly string[]): string {
  return columns
    .map(
      (c) => `SELECT ${literal(c)} AS column_name, CAST(count(*) AS INTEGER) AS groups,
        CAST(coalesce(sum(k), 0) AS INTEGER) AS answered, CAST(coalesce(max(k), 0) AS INTEGER) AS largest,
        CAST(coalesce(max(length(v)), 0) AS INTEGER) AS longest
        FROM (SELECT v, count(*) AS k FROM (
          SELECT respondent, max(NULLIF(trim(CAST(${ident(c)} AS VARCHAR)), '')) AS v FROM ${S.respondents}
          WHERE respondent IN (SELECT respondent FROM ${S.survey}) GROUP BY respondent)
          WHERE v IS NOT NULL GROUP BY v)`,
    )
    .join(' UNION ALL ');
}

/**
 * The dimensions of the whole survey (never of a selection) and their number of items, in
 * dimension order: what weighting and the dimension bookkeeping are decided over.
 */
export function surveyDimensionsSql(): string {
  return `SELECT dimension, CAST(count(*) AS INTEGER) AS items
    FROM (SELECT item, min(dimension) AS dimension FROM ${S.survey} GROUP BY item)
    GROUP BY dimension ORDER BY dimension`;
}

/** Items (in item order) whose dimension is the given one, e.g. 'unassigned'. */
export function itemsOfDimensionSql(dimension: string): string {
  return `SELECT item FROM ${S.survey} WHERE dimension = ${literal(dimension)}
    GROUP BY item ORDER BY min(item_order), item`;
}

/** Tables whose customer ids make a respondent "linked", when they exist. */
export const CUSTOMER_ID_TABLES = [T.orders, T.customers] as const;

/** Respondents per group. */
export function groupSizesSql(groups: string): string {
  return `SELECT grp, CAST(count(DISTINCT respondent) AS INTEGER) AS respondents FROM (${groups}) GROUP BY grp ORDER BY grp`;
}
