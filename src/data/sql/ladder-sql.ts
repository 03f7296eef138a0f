import { FREQUENCY_BINS, LADDER_RUNGS, LAPSED, type LadderFacts, type LadderRules } from '../../analytics/ladder.js';
import { resolveRfmOptions } from '../../analytics/rfm-options.js';
import { T } from './ingest-sql.js';
import { rfmCtes } from './rfm-sql.js';
import { literal, numberLiteral } from './sql-text.js';

/**
 * The ladder of loyalty as SQL (the rules are documented in analytics/ladder.ts). One table per
 * ladder, one row per known contact: the facts behind the rung, the rung (`climbed`, ignoring
 * lapse), the place (`rung`: climbed, or 'lapsed'), and the date each rung was reached, for the
 * time-to-climb medians. Buyers come from the RFM CTEs (same population, metrics and F score as
 * RFM scoring at that date); listed contacts from the optional `customers` table; attitude from
 * the optional `feedback` table, dated on or before the as-of date (undated answers count).
 */

/** The table of the current ladder, and of the earlier ladder of a comparison. */
export const LADDER_TABLE = 'rapport_ladder';
export const LADDER_FROM_TABLE = 'rapport_ladder_from';

export interface LadderSqlOptions {
  rules: LadderRules;
  /** ISO as-of date, or null for the day after the last order. */
  asOf: string | null;
  windowDays: number;
  hasCustomers: boolean;
  hasFeedback: boolean;
  /** True when no feedback matches a contact: attitude is inferred from the F score. */
  inferred: boolean;
  /** The as-of date is after the last order: the buyers' figures come from the orders-by-customer table (see rfmCtes). */
  wholeHistory?: boolean;
}

/** Prefix of the ladder fact columns in a customer list (see customers-sql.ts). */
export const FACT_PREFIX = 'lf_';

/** Columns of a ladder table that `ladderReason` reads (analytics/ladder.ts LadderFacts). */
export const LADDER_FACT_COLUMNS = [
  'rung', 'climbed', 'flagged', 'purchases', 'days_since_last', 'first_order', 'tenure_days', 'top_value', 'f_score',
  'nps', 'nps_date', 'attitude_kind', 'attitude_score', 'attitude_scale_max', 'attitude_normalised', 'attitude_date',
  'recommend_normalised', 'recommend_score', 'recommend_scale_max', 'recommend_date', 'referred', 'referral_date',
] as const satisfies readonly (keyof LadderFacts)[];

const EMPTY_FEEDBACK = `SELECT CAST(NULL AS VARCHAR) AS customer_id, CAST(NULL AS DATE) AS feedback_date, CAST(NULL AS VARCHAR) AS kind,
  CAST(NULL AS DOUBLE) AS score, CAST(NULL AS DOUBLE) AS scale_max, CAST(NULL AS DOUBLE) AS score_normalised WHERE false`;
const EMPTY_LIST = `SELECT CAST(NULL AS VARCHAR) AS customer_id, CAST(NULL AS DATE) AS signup_date WHERE false`;

/** What the contacts and feedback up to the as-of date depend on. */
type ContactOptions = Pick<LadderSqlOptions, 'asOf' | 'hasCustomers' | 'hasFeedback' | 'wholeHistory'>;

/** Common CTEs: params/base/scored (RFM), listed, fb (feedback up to the date), contacts. */
function contactCtes(o: ContactOptions): string {
  const rfm = rfmCtes(resolveRfmOptions({ bins: FREQUENCY_BINS, ...(o.asOf ? { analysisDate: o.asOf } : {}) }), o.wholeHistory ?? false);
  const listed = o.hasCustomers
    ? `SELECT c.customer_id, c.signup_date FROM ${T.customers} c CROSS JOIN params p WHERE c.signup_date IS NULL OR c.signup_date <= p.analysis_date`
    : EMPTY_LIST;
  const fb = o.hasFeedback
    ? `SELECT f.customer_id, f.feedback_date, f.kind, f.score, f.scale_max, f.score_normalised
       FROM ${T.feedback} f CROSS JOIN params p
       WHERE f.customer_id IS NOT NULL AND (f.feedback_date IS NULL OR f.feedback_date <= p.analysis_date)`
    : EMPTY_FEEDBACK;
  return `${rfm},
    listed AS (${listed}),
    fb AS (${fb}),
    contacts AS (SELECT customer_id FROM scored UNION SELECT customer_id FROM listed)`;
}

/** Feedback kinds that can place a buyer on the ladder (complaints, suggestions and compliments cannot). */
export const PLACING_KINDS = ['nps', 'review', 'satisfaction', 'recommend', 'referral'] as const;

/**
 * One row: feedback rows up to the as-of date (and all of them, and the undated ones), their
 * distinct ids, how many of those ids are contacts, and how many are buyers with an answer of
 * a kind that can place them. The last decides whether attitude comes from feedback or is inferred.
 */
export function ladderEvidenceSql(o: ContactOptions): string {
  // Feedback with no customer id (anonymous complaints...) places no one: the ladder does not see it.
  const all = o.hasFeedback ? `(SELECT count(*) FROM ${T.feedback} WHERE customer_id IS NOT NULL)` : '0';
  // Without feedback every count is 0: only the as-of date is read (the scoring is not worked out for nothing).
  if (!o.hasFeedback) {
    return `${contactCtes(o)}
    SELECT 0 AS feedback_rows, 0 AS feedback_rows_all, 0 AS undated_rows, 0 AS feedback_customers, 0 AS matched_customers,
      0 AS placing_customers, CAST((SELECT analysis_date FROM params) AS VARCHAR) AS as_of`;
  }
  return `${contactCtes(o)}
    SELECT CAST((SELECT count(*) FROM fb) AS INTEGER) AS feedback_rows,
      CAST(${all} AS INTEGER) AS feedback_rows_all,
      CAST((SELECT count(*) FROM fb WHERE feedback_date IS NULL) AS INTEGER) AS undated_rows,
      CAST((SELECT count(DISTINCT customer_id) FROM fb) AS INTEGER) AS feedback_customers,
      CAST((SELECT count(DISTINCT f.customer_id) FROM fb f SEMI JOIN contacts c ON c.customer_id = f.customer_id) AS INTEGER) AS matched_customers,
      CAST((SELECT count(DISTINCT f.customer_id) FROM fb f SEMI JOIN scored s ON s.customer_id = f.customer_id
        WHERE f.kind IN (${PLACING_KINDS.map(literal).join(', ')})) AS INTEGER) AS placing_customers,
      CAST((SELECT analysis_date FROM params) AS VARCHAR) AS as_of`;
}

/** The latest scored answer of a kind per customer (ties on a date: the higher score). */
function latestOf(kinds: readonly string[]): string {
  return `SELECT customer_id, kind, score, scale_max, score_normalised, feedback_date FROM fb
    WHERE kind IN (${kinds.map(literal).join(', ')}) AND score_normalised IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY feedback_date DESC NULLS LAST, score_normalised DESC) = 1`;
}

/** DuckDB's min(x, k) keeps at most this many values. */
const MIN_N_LIMIT = 999_999;

/**
 * Per customer with at least k purchases by the analysis date, the day of the k-th: min(x, k)
 * keeps the k smallest dates, ties included, in order (far cheaper than numbering every order
 * in a window, which is left for a k beyond what min(x, k) takes).
 */
function nthPurchaseSql(k: number): string {
  const n = numberLiteral;
  if (k > MIN_N_LIMIT) {
    return `SELECT customer_id, order_date AS client_date FROM (
        SELECT o.customer_id, o.order_date, row_number() OVER (PARTITION BY o.customer_id ORDER BY o.order_date) AS k
        FROM ${T.orders} o CROSS JOIN params p
        WHERE NOT o.is_return AND o.order_date <= p.analysis_date
      ) WHERE k = ${n(k)}`;
  }
  return `SELECT o.customer_id, min(o.order_date, ${n(k)})[${n(k)}] AS client_date
      FROM ${T.orders} o CROSS JOIN params p
      WHERE NOT o.is_return AND o.order_date <= p.analysis_date
      GROUP BY o.customer_id
      HAVING count(*) >= ${n(k)}`;
}

/** Build (replace) a ladder table: one row per contact, see the module comment. */
export function createLadderSql(table: string, o: LadderSqlOptions): string {
  const r = o.rules;
  const n = numberLiteral;
  const ids = r.partner.ids.length ? `c.customer_id IN (${r.partner.ids.map(literal).join(', ')})` : 'false';
  // Evidence of a positive attitude and of recommending, as SQL booleans over the facts.
  const attitudeGood = `COALESCE(attitude_normalised >= ${n(r.supporter.topBox)}, false)`;
  const npsGood = `COALESCE(nps >= ${n(r.supporter.npsMin)}, false)`;
  const npsRecommends = `COALESCE(nps >= ${n(r.advocate.npsMin)}, false)`;
  const referralRecommends = r.advocate.referral ? 'referred' : 'false';
  const intentionRecommends = `COALESCE(recommend_normalised >= ${n(r.advocate.recommendTopBox)}, false)`;
  const recommends = o.inferred
    ? r.withoutFeedback.advocateMinFScore === null
      ? 'false'
      : `(f_score >= ${n(r.withoutFeedback.advocateMinFScore)})`
    : `(${npsRecommends} OR ${referralRecommends} OR ${intentionRecommends})`;
  // Recommending is itself a positive attitude, unless the customer's latest scores say otherwise.
  const positive = o.inferred
    ? `(f_score >= ${n(r.withoutFeedback.supporterMinFScore ?? FREQUENCY_BINS + 1)})`
    : `(${attitudeGood} OR ${npsGood} OR (attitude_normalised IS NULL AND nps IS NULL AND ${recommends}))`;
  const isClient = `purchases >= ${n(r.client.minOrders)}`;
  // The first day the evidence that placed them held (NULL when not known, as when inferred).
  const recommendDate = o.inferred
    ? 'CAST(NULL AS DATE)'
    : `least(CASE WHEN ${npsRecommends} THEN nps_date END, CASE WHEN ${referralRecommends} THEN first_referral_date END,
        CASE WHEN ${intentionRecommends} THEN recommend_date END)`;
  const positiveDate = o.inferred
    ? 'CAST(NULL AS DATE)'
    : `least(CASE WHEN ${attitudeGood} THEN attitude_date END, CASE WHEN ${npsGood} THEN nps_date END,
        CASE WHEN attitude_normalised IS NULL AND nps IS NULL THEN ${recommendDate} END)`;
  const rungList = `[${LADDER_RUNGS.map(literal).join(', ')}]`;
  return `CREATE OR REPLACE TABLE ${table} AS
    ${contactCtes(o)},
    -- The day of the client.minOrders-th purchase: the k-th earliest date.
    nth AS (${nthPurchaseSql(r.client.minOrders)}),
    -- Top value: at most the top share of buyers spend as much or more (ties never straddle it).
    spend_rank AS (SELECT customer_id, cume_dist() OVER (ORDER BY monetary DESC) AS spend_share FROM scored),
    nps AS (${latestOf(['nps'])}),
    attitude AS (${latestOf(['review', 'satisfaction'])}),
    recommend AS (${latestOf(['recommend'])}),
    referral AS (
      SELECT customer_id, max(feedback_date) AS referral_date, min(feedback_date) AS first_referral_date
      FROM fb WHERE kind = 'referral' GROUP BY customer_id
    ),
    facts AS (
      SELECT c.customer_id,
        ${ids} AS flagged,
        CAST(COALESCE(s.frequency, 0) AS INTEGER) AS purchases,
        CAST(COALESCE(s.monetary, 0) AS DOUBLE) AS revenue,
        s.recency_days AS days_since_last,
        s.first_order, s.tenure_days, s.f_score,
        COALESCE(sr.spend_share <= ${n(r.partner.topSpendShare)}, false) AS top_value,
        l.signup_date,
        nth.client_date,
        -- NPS as a point 0-10: the score itself on a 0-10 or 1-10 scale, else rescaled.
        CAST(CASE WHEN nps.scale_max = 10 THEN nps.score ELSE round(nps.score_normalised * 10, 1) END AS DOUBLE) AS nps,
        nps.feedback_date AS nps_date,
        a.kind AS attitude_kind, a.score AS attitude_score, a.scale_max AS attitude_scale_max,
        a.score_normalised AS attitude_normalised, a.feedback_date AS attitude_date,
        rec.score_normalised AS recommend_normalised, rec.score AS recommend_score, rec.scale_max AS recommend_scale_max,
        rec.feedback_date AS recommend_date,
        ref.customer_id IS NOT NULL AS referred, ref.referral_date, ref.first_referral_date
      FROM contacts c
      LEFT JOIN scored s ON s.customer_id = c.customer_id
      LEFT JOIN spend_rank sr ON sr.customer_id = c.customer_id
      LEFT JOIN listed l ON l.customer_id = c.customer_id
      LEFT JOIN nth ON nth.customer_id = c.customer_id
      LEFT JOIN nps ON nps.customer_id = c.customer_id
      LEFT JOIN attitude a ON a.customer_id = c.customer_id
      LEFT JOIN recommend rec ON rec.customer_id = c.customer_id
      LEFT JOIN referral ref ON ref.customer_id = c.customer_id
    ),
    -- climbed: the rung earned from the evidence (a flagged partner's place is partner whatever it earned).
    placed AS (
      SELECT *,
        CASE WHEN purchases = 0 THEN 'prospect'
          WHEN ${isClient} AND ${positive} AND ${recommends} AND top_value AND tenure_days >= ${n(r.partner.minTenureDays)} THEN 'partner'
          WHEN ${isClient} AND ${positive} AND ${recommends} THEN 'advocate'
          WHEN ${isClient} AND ${positive} THEN 'supporter'
          WHEN ${isClient} THEN 'client'
          ELSE 'customer' END AS climbed,
        ${positiveDate} AS positive_date,
        ${recommendDate} AS recommend_evidence_date
      FROM facts
    )
    SELECT customer_id,
      CASE WHEN flagged THEN 'partner'
        WHEN purchases > 0 AND days_since_last > ${n(o.windowDays)} THEN ${literal(LAPSED)} ELSE climbed END AS rung,
      climbed,
      CAST(list_position(${rungList}, climbed) - 1 AS INTEGER) AS climbed_index,
      -- The place's order: prospect 0 .. partner 5, lapsed -1 (below prospect).
      CAST(CASE WHEN flagged THEN ${n(LADDER_RUNGS.length - 1)}
        WHEN purchases > 0 AND days_since_last > ${n(o.windowDays)} THEN -1
        ELSE list_position(${rungList}, climbed) - 1 END AS INTEGER) AS rung_index,
      flagged, purchases, revenue, days_since_last,
      CAST(first_order AS VARCHAR) AS first_order, tenure_days, top_value, f_score,
      nps, CAST(nps_date AS VARCHAR) AS nps_date,
      attitude_kind, attitude_score, attitude_scale_max, attitude_normalised, CAST(attitude_date AS VARCHAR) AS attitude_date,
      recommend_normalised, recommend_score, recommend_scale_max, CAST(recommend_date AS VARCHAR) AS recommend_date,
      referred, CAST(referral_date AS VARCHAR) AS referral_date,
      -- The day each rung was reached (NULL when not known), for the time-to-climb medians.
      signup_date AS prospect_date,
      first_order AS customer_date,
      client_date,
      supporter_date,
      advocate_date,
      CASE WHEN advocate_date IS NOT NULL
        THEN greatest(advocate_date, CAST(first_order + ${n(r.partner.minTenureDays)} * INTERVAL 1 DAY AS DATE)) END AS partner_date
    FROM (
      SELECT *,
        -- Each rung is reached no earlier than the one below it.
        CASE WHEN positive_date IS NOT NULL AND client_date IS NOT NULL THEN greatest(client_date, positive_date) END AS supporter_date,
        CASE WHEN positive_date IS NOT NULL AND client_date IS NOT NULL AND recommend_evidence_date IS NOT NULL
          THEN greatest(client_date, positive_date, recommend_evidence_date) END AS advocate_date
      FROM placed
    )`;
}

/**
 * A ladder table, or only its rows of the contacts in `selectionTable` (a table of customer_id,
 * see selection-sql.ts): the places stay those decided over everyone; only the counting is restricted.
 */
function ladderRows(table: string, selectionTable: string | null): string {
  return selectionTable
    ? `(SELECT * FROM ${table} WHERE customer_id IN (SELECT customer_id FROM ${selectionTable})) AS selected_contacts`
    : table;
}

/**
 * The ladder's tally in one query (of the selection, when given), a row per `kind`:
 *   place  per place (the six rungs and lapsed): customers, net revenue and contacts flagged as partners;
 *   climb  per rung climbed to (lapsed contacts at the rung they had reached): customers, lapsed
 *          ones, and the median days from reaching the rung below to reaching this one.
 * Columns a kind does not have are NULL.
 */
export function ladderTallySql(table: string, selectionTable: string | null = null): string {
  // Read eight times below: the selected contacts are picked once (the join with the selection is
  // the costly part); the whole table is read as it is.
  const columns = ['rung', 'climbed', 'climbed_index', 'revenue', 'flagged', ...LADDER_RUNGS.map((r) => `${r}_date`)].join(', ');
  const picked = selectionTable ? `picked AS MATERIALIZED (SELECT ${columns} FROM ${ladderRows(table, selectionTable)}),\n    ` : '';
  const rows = selectionTable ? 'picked' : table;
  const steps = LADDER_RUNGS.slice(1).map((to, i) => {
    const from = LADDER_RUNGS[i] as string;
    return `SELECT ${literal(to)} AS rung,
      CAST(median(CAST(${to}_date - ${from}_date AS DOUBLE)) FILTER (WHERE climbed_index >= ${i + 1} AND ${to}_date >= ${from}_date) AS DOUBLE) AS median_days
      FROM ${rows}`;
  });
  return `WITH ${picked}places AS (
      SELECT rung, CAST(count(*) AS INTEGER) AS customers, CAST(COALESCE(sum(revenue), 0) AS DOUBLE) AS revenue,
        CAST(count(*) FILTER (WHERE flagged) AS INTEGER) AS flagged
      FROM ${rows} GROUP BY rung
    ),
    climbed AS (
      SELECT climbed AS rung, CAST(count(*) AS INTEGER) AS customers,
        CAST(count(*) FILTER (WHERE rung = ${literal(LAPSED)}) AS INTEGER) AS lapsed
      FROM ${rows} GROUP BY climbed
    ),
    medians AS (${steps.join(' UNION ALL ')})
    SELECT 'place' AS kind, rung, customers, revenue, flagged, CAST(NULL AS INTEGER) AS lapsed, CAST(NULL AS DOUBLE) AS median_days
    FROM places
    UNION ALL
    SELECT 'climb', c.rung, c.customers, NULL, NULL, c.lapsed, m.median_days
    FROM climbed c LEFT JOIN medians m ON m.rung = c.rung
    UNION ALL
    SELECT 'climb', m.rung, 0, NULL, NULL, 0, m.median_days FROM medians m WHERE m.rung NOT IN (SELECT rung FROM climbed)`;
}

/** Contacts per (place at the earlier date, place at the later one); 'new' = not a contact then. */
export function ladderFlowsSql(fromTable: string, toTable: string): string {
  return `SELECT COALESCE(f.rung, 'new') AS "from", t.rung AS "to", CAST(count(*) AS INTEGER) AS customers
    FROM ${toTable} t LEFT JOIN ${fromTable} f ON f.customer_id = t.customer_id
    GROUP BY ALL ORDER BY ALL`;
}

/** Every contact's facts (LADDER_FACT_COLUMNS), by rung from partner down then customer_id, for reasons and exports. */
export function ladderMembersSql(table: string, rung: string | null): { sql: string; params: string[] } {
  return {
    sql: `SELECT customer_id, ${LADDER_FACT_COLUMNS.join(', ')} FROM ${table}
      ${rung === null ? '' : 'WHERE rung = $1'}
      ORDER BY rung_index DESC, customer_id`,
    params: rung === null ? [] : [rung],
  };
}
