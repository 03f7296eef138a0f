import {
  FEEDBACK_KINDS,
  SCORED_FEEDBACK_KINDS,
  type DateOrder,
  type DecimalStyle,
  type FeedbackColumnMapping,
  type FeedbackKind,
  type FeedbackScale,
  type FeedbackScaleSource,
} from '../ingest/types.js';
import { VOICE_KINDS } from '../../analytics/voice.js';
import { LINE, T } from './ingest-sql.js';
import { ident, literal, numberLiteral } from './sql-text.js';
import { blankToNull, dateExpr, numberExpr } from './value-parsing.js';

/**
 * Ingest of the optional feedback file, as SQL. It shares the raw stages of the orders ingest
 * (`rapport_raw` -> `rapport_typed`, see ingest-sql.ts) and builds its own canonical tables:
 *   feedback          (customer_id VARCHAR -- NULL only for complaints, suggestions and compliments
 *                                        -- from a file with no customer id (VOICE_KINDS),
 *                     feedback_date DATE, kind VARCHAR NOT NULL,
 *                     score DOUBLE, scale_min DOUBLE, scale_max DOUBLE,
 *                     score_normalised DOUBLE -- 0..1 on the row's scale,
 *                     text VARCHAR, channel VARCHAR,
 *                     category VARCHAR -- what it is about (delivery, price...), as written,
 *                     answered_date DATE -- when the shop answered or resolved it,
 *                     answered BOOLEAN -- answered date present, or a status saying answered /
 *                                      -- resolved / closed; false when the file's answer
 *                                      -- columns say not; NULL when the file has none, or
 *                                      -- when the answered date cannot be read and no status says)
 *                     one row per answer; customer_id is normalised as in `orders` (trimmed,
 *                     blank = missing) so the two join on it.
 *   feedback_rejects  (line, reason, column, value, detail), like `orders_rejects`.
 * Scales come from a scale column, else (per kind, for the whole file) from the load options
 * or the data: `scaleSql` fills them in between the typed stage and the range check.
 */

/** The drops of a feedback load's staging (raw stages included). */
export function feedbackStageTables(): string[] {
  return [T.stageFeedback, T.stageFeedbackRejects];
}

/** Words a kind column may hold, normalised (lower case, no accents, single spaces) -> the kind. */
export const FEEDBACK_KIND_WORDS: Record<string, FeedbackKind> = {
  ...Object.fromEntries(FEEDBACK_KINDS.map((k) => [k, k])),
  'net promoter': 'nps', 'net promoter score': 'nps', 'promoter score': 'nps', 'nps score': 'nps', 'nps survey': 'nps',
  recommendation: 'recommend', 'would recommend': 'recommend', 'likely to recommend': 'recommend',
  'likelihood to recommend': 'recommend', recomendacao: 'recommend', recomendar: 'recommend', recomendacion: 'recommend',
  reviews: 'review', rating: 'review', ratings: 'review', 'star rating': 'review', stars: 'review', 'product review': 'review',
  avaliacao: 'review', resena: 'review', avis: 'review', ulasan: 'review',
  csat: 'satisfaction', 'customer satisfaction': 'satisfaction', 'satisfaction survey': 'satisfaction',
  satisfacao: 'satisfaction', satisfaccion: 'satisfaction', kepuasan: 'satisfaction',
  referrals: 'referral', referred: 'referral', refer: 'referral', 'referred a friend': 'referral', indicacao: 'referral',
  referido: 'referral', parrainage: 'referral', rujukan: 'referral',
  complaints: 'complaint', claim: 'complaint', grievance: 'complaint', reclamacao: 'complaint', queja: 'complaint',
  reclamacion: 'complaint', reclamation: 'complaint', plainte: 'complaint', aduan: 'complaint',
  suggestions: 'suggestion', idea: 'suggestion', ideas: 'suggestion', sugestao: 'suggestion', sugerencia: 'suggestion',
  cadangan: 'suggestion',
  compliments: 'compliment', praise: 'compliment', kudos: 'compliment', thanks: 'compliment', elogio: 'compliment',
  felicitacion: 'compliment', pujian: 'compliment',
};

/**
 * Words a status column may hold, normalised like kinds -> answered (true) or still open
 * (false), in English, Portuguese, Spanish, French and Malay. Yes/no answers a column named
 * "answered" or "resolved" may hold are here too.
 */
export const FEEDBACK_STATUS_WORDS: Record<string, boolean> = {
  ...Object.fromEntries(
    [
      'answered', 'responded', 'replied', 'resolved', 'solved', 'closed', 'done', 'completed', 'complete', 'handled', 'fixed',
      'respondido', 'respondida', 'resolvido', 'resolvida', 'fechado', 'fechada', 'concluido', 'concluida', 'solucionado',
      'solucionada', 'atendido', 'atendida', 'finalizado', 'finalizada',
      'resuelto', 'resuelta', 'cerrado', 'cerrada', 'contestado', 'contestada', 'completado', 'atendido',
      'repondu', 'repondue', 'resolu', 'resolue', 'ferme', 'fermee', 'clos', 'close', 'cloture', 'cloturee', 'traite', 'traitee', 'termine',
      'dijawab', 'selesai', 'diselesaikan', 'ditutup', 'tutup',
      'yes', 'y', 'true', '1', 'sim', 's', 'si', 'oui', 'ya',
    ].map((w) => [w, true]),
  ),
  ...Object.fromEntries(
    [
      'open', 'opened', 'pending', 'new', 'waiting', 'in progress', 'unanswered', 'unresolved', 'not answered', 'not resolved',
      'on hold', 'escalated', 'received',
      'aberto', 'aberta', 'pendente', 'novo', 'nova', 'em andamento', 'em analise', 'aguardando', 'nao respondido', 'nao respondida',
      'nao resolvido', 'nao resolvida',
      'abierto', 'abierta', 'pendiente', 'nuevo', 'nueva', 'en curso', 'en proceso', 'sin respuesta', 'no respondido', 'no resuelto',
      'ouvert', 'ouverte', 'en attente', 'nouveau', 'nouvelle', 'en cours', 'non repondu', 'non resolu',
      'dibuka', 'buka', 'baru', 'menunggu', 'dalam proses', 'belum dijawab', 'belum selesai',
      'no', 'n', 'false', '0', 'nao', 'non', 'tidak',
    ].map((w) => [w, false]),
  ),
};

/** Normalised as kinds and statuses are: lower case, no accents, words separated by single spaces. */
const wordsOf = (expr: string) => `trim(regexp_replace(lower(strip_accents(${expr})), '[^a-z0-9]+', ' ', 'g'))`;

/** Status text -> TRUE (answered), FALSE (open), NULL (blank or a word not in FEEDBACK_STATUS_WORDS). */
function statusExpr(expr: string): string {
  const answered = Object.keys(FEEDBACK_STATUS_WORDS).filter((w) => FEEDBACK_STATUS_WORDS[w]).map(literal);
  const open = Object.keys(FEEDBACK_STATUS_WORDS).filter((w) => !FEEDBACK_STATUS_WORDS[w]).map(literal);
  return `(CASE WHEN ${wordsOf(expr)} IN (${answered.join(', ')}) THEN TRUE WHEN ${wordsOf(expr)} IN (${open.join(', ')}) THEN FALSE END)`;
}

/** A label as kind and status words are matched: lower case, no accents, words separated by single spaces. */
export function feedbackWord(v: string): string {
  return v.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Kind text -> a canonical kind, or NULL for a word not in FEEDBACK_KIND_WORDS nor the caller's own words (which win). */
function kindExpr(expr: string, own: Record<string, FeedbackKind> = {}): string {
  const normalised = wordsOf(expr);
  const words = { ...FEEDBACK_KIND_WORDS, ...Object.fromEntries(Object.entries(own).map(([w, k]) => [feedbackWord(w), k])) };
  const whens = Object.entries(words).map(([word, kind]) => `WHEN ${literal(word)} THEN ${literal(kind)}`);
  return `(CASE ${normalised} ${whens.join(' ')} END)`;
}

const NUM = String.raw`(\d+(\.\d+)?)`;
/** "1-5", "0 to 10", "1..7"; and one number, the top: "5", "/10", "out of 5". */
const SCALE_RANGE = String.raw`^` + NUM + String.raw`\s*(-|–|to|\.\.|a|ate)\s*` + NUM + '$';
const SCALE_TOP = String.raw`^(/|out of|of|de|sur)?\s*` + NUM + '$';

/** The ends of a scale column's text: [min, max] expressions, NULL when it is not a scale. */
function scaleExprs(expr: string): [string, string] {
  const t = `lower(strip_accents(trim(${expr})))`;
  const lo = `TRY_CAST(regexp_extract(${t}, ${literal(SCALE_RANGE)}, 1) AS DOUBLE)`;
  const hi = `TRY_CAST(regexp_extract(${t}, ${literal(SCALE_RANGE)}, 4) AS DOUBLE)`;
  const top = `TRY_CAST(regexp_extract(${t}, ${literal(SCALE_TOP)}, 2) AS DOUBLE)`;
  const range = `regexp_full_match(${t}, ${literal(SCALE_RANGE)}) AND ${lo} < ${hi}`;
  // One number is the top: 0-based for 10 and 100 (NPS, percentages), else 1-based.
  const single = `regexp_full_match(${t}, ${literal(SCALE_TOP)}) AND ${top} > 1`;
  return [
    `CASE WHEN ${range} THEN ${lo} WHEN ${single} THEN CASE WHEN ${top} IN (10, 100) THEN 0 ELSE 1 END END`,
    `CASE WHEN ${range} THEN ${hi} WHEN ${single} THEN ${top} END`,
  ];
}

/** A scale end as text: 5, not 5.0. */
function endText(expr: string): string {
  return `CASE WHEN ${expr} = round(${expr}) THEN CAST(CAST(${expr} AS BIGINT) AS VARCHAR) ELSE CAST(${expr} AS VARCHAR) END`;
}

export interface TypedFeedbackOptions {
  mapping: FeedbackColumnMapping;
  dateOrder: DateOrder;
  decimal: DecimalStyle;
  /** The kind of rows whose kind is not given by a kind column (all rows, without one); null: such rows are rejected. */
  fileKind: FeedbackKind | null;
  /** The caller's own kind labels (FeedbackIngestOptions.kindWords). */
  kindWords?: Record<string, FeedbackKind>;
}

/**
 * Parse the mapped fields and decide each record's fate, first failing check first: missing
 * id, a date that is there but not a date, an unknown kind, no score for a kind that needs
 * one, a score that is not a number, a scale that is not a scale. Scales from a scale column
 * are filled in here (`scale_source` 'column'); the others by `scaleSql`, before `outOfRangeSql`.
 */
export function typedFeedbackSql(o: TypedFeedbackOptions): string {
  const m = o.mapping;
  const raw = (role: keyof FeedbackColumnMapping) => (m[role] ? blankToNull(ident(m[role]!)) : 'CAST(NULL AS VARCHAR)');
  const column = (role: keyof FeedbackColumnMapping) => (m[role] ? literal(m[role]!) : 'NULL');
  const fileKind = o.fileKind ? literal(o.fileKind) : 'CAST(NULL AS VARCHAR)';
  const kind = m.kind ? `CASE WHEN r_kind IS NULL THEN ${fileKind} ELSE ${kindExpr('r_kind', o.kindWords)} END` : fileKind;
  const [scaleMin, scaleMax] = scaleExprs('r_scale');
  const scored = SCORED_FEEDBACK_KINDS.map(literal).join(', ');
  const anonymous = VOICE_KINDS.map(literal).join(', ');
  // Complaints, suggestions and compliments may come without a customer; other kinds need one.
  const reasons: [string, string, keyof FeedbackColumnMapping, string][] = [
    [`r_customer_id IS NULL AND (kind IS NULL OR kind NOT IN (${anonymous}))`, 'missing_customer_id', 'customer_id', 'r_customer_id'],
    ['r_date IS NOT NULL AND date_ts IS NULL', 'unparseable_date', 'date', 'r_date'],
    ['kind IS NULL', 'unknown_kind', 'kind', 'r_kind'],
    [`r_score IS NULL AND kind IN (${scored})`, 'missing_score', 'score', 'r_score'],
    ['r_score IS NOT NULL AND score IS NULL', 'non_numeric_score', 'score', 'r_score'],
    ['r_scale IS NOT NULL AND row_max IS NULL', 'unparseable_scale', 'scale', 'r_scale'],
  ];
  // Answered: a date says yes; else the status; else an answered date that cannot be read says
  // nothing (it is left empty, not rejected); else an answer column there but blank says no.
  const answerColumns = m.answered_date !== undefined || m.status !== undefined;
  const answered = answerColumns
    ? `CASE WHEN answered_ts IS NOT NULL THEN TRUE WHEN status_answered IS NOT NULL THEN status_answered
        WHEN r_answered IS NOT NULL THEN NULL ${m.answered_date !== undefined ? 'ELSE FALSE' : ''} END`
    : 'CAST(NULL AS BOOLEAN)';
  const when = (then: (r: (typeof reasons)[number]) => string) => `CASE ${reasons.map((r) => `WHEN ${r[0]} THEN ${then(r)}`).join(' ')} END`;
  return `CREATE TABLE ${T.typed} AS
    WITH fields AS (
      SELECT ${LINE} AS line, ${raw('customer_id')} AS r_customer_id, ${raw('date')} AS r_date, ${raw('kind')} AS r_kind,
        ${raw('score')} AS r_score, ${raw('scale')} AS r_scale, ${raw('text')} AS r_text, ${raw('channel')} AS r_channel,
        ${raw('category')} AS r_category, ${raw('answered_date')} AS r_answered, ${raw('status')} AS r_status
      FROM ${T.raw}
    ), parsed AS (
      SELECT *, ${dateExpr('r_date', o.dateOrder)} AS date_ts, ${dateExpr('r_answered', o.dateOrder)} AS answered_ts,
        ${statusExpr('r_status')} AS status_answered, ${kind} AS kind, ${m.score ? numberExpr('r_score', o.decimal) : 'CAST(NULL AS DOUBLE)'} AS score,
        ${scaleMin} AS row_min, ${scaleMax} AS row_max
      FROM fields
    )
    SELECT line, r_customer_id AS customer_id, CAST(date_ts AS DATE) AS feedback_date, kind, score, r_score,
      CASE WHEN score IS NOT NULL THEN row_min END AS scale_min, CASE WHEN score IS NOT NULL THEN row_max END AS scale_max,
      CASE WHEN score IS NOT NULL AND row_max IS NOT NULL THEN 'column' END AS scale_source,
      r_text AS text, r_channel AS channel, r_category AS category, CAST(answered_ts AS DATE) AS answered_date,
      ${answered} AS answered, r_status, r_answered,
      ${when((r) => literal(r[1]))} AS reason,
      ${when((r) => column(r[2]))} AS reason_column,
      ${when((r) => r[3])} AS reason_value,
      CAST(NULL AS VARCHAR) AS reason_detail
    FROM parsed`;
}

/** Per kind, the lowest and highest score still without a scale: what inference looks at. */
export function unscaledScoresSql(): string {
  return `SELECT kind, min(score) AS min_score, max(score) AS max_score FROM ${T.typed}
    WHERE reason IS NULL AND score IS NOT NULL AND scale_max IS NULL GROUP BY kind ORDER BY kind`;
}

/** The scale of each kind's scores that no scale column gave one. */
export function scaleSql(scales: readonly { kind: FeedbackKind; scale: FeedbackScale; source: FeedbackScaleSource }[]): string[] {
  if (scales.length === 0) return [];
  const rows = scales.map((s) => `(${literal(s.kind)}, ${numberLiteral(s.scale.min)}, ${numberLiteral(s.scale.max)}, ${literal(s.source)})`);
  return [
    `UPDATE ${T.typed} SET scale_min = s.lo, scale_max = s.hi, scale_source = s.source
      FROM (VALUES ${rows.join(', ')}) s(kind, lo, hi, source)
      WHERE ${T.typed}.kind = s.kind AND ${T.typed}.reason IS NULL AND ${T.typed}.score IS NOT NULL AND ${T.typed}.scale_max IS NULL`,
  ];
}

/** A score outside its scale is rejected, the scale named in the detail. */
export function outOfRangeSql(scoreColumn: string | undefined): string {
  return `UPDATE ${T.typed} SET reason = 'score_out_of_range', reason_column = ${scoreColumn ? literal(scoreColumn) : 'NULL'}, reason_value = r_score,
      reason_detail = 'scale ' || ${endText('scale_min')} || '-' || ${endText('scale_max')}
    WHERE reason IS NULL AND score IS NOT NULL AND (score < scale_min OR score > scale_max)`;
}

/** The detail column of a feedback reject, for stageRejectsSql. */
export const FEEDBACK_REJECT_DETAIL = 'reason_detail';

/** The new feedback table, typed as the canonical schema says. */
export function stageFeedbackSql(): string[] {
  return [
    `CREATE TABLE ${T.stageFeedback} (customer_id VARCHAR, feedback_date DATE, kind VARCHAR NOT NULL,
      score DOUBLE, scale_min DOUBLE, scale_max DOUBLE, score_normalised DOUBLE, text VARCHAR, channel VARCHAR,
      category VARCHAR, answered_date DATE, answered BOOLEAN)`,
    `INSERT INTO ${T.stageFeedback}
      SELECT customer_id, feedback_date, kind, score, scale_min, scale_max,
        (score - scale_min) / (scale_max - scale_min), text, channel, category, answered_date, answered
      FROM ${T.typed} WHERE reason IS NULL ORDER BY line`,
  ];
}

export function feedbackReportSql(): string {
  return `SELECT
    (SELECT CAST(count(*) AS INTEGER) FROM ${T.typed}) AS parsed_rows,
    CAST(count(*) AS INTEGER) AS rows_loaded,
    (SELECT CAST(count(*) AS INTEGER) FROM ${T.stageFeedbackRejects}) AS rows_rejected,
    CAST(count(DISTINCT customer_id) AS INTEGER) AS customers,
    CAST(count(*) FILTER (WHERE customer_id IS NULL) AS INTEGER) AS no_customer,
    CAST(count(*) FILTER (WHERE answered) AS INTEGER) AS answered,
    CAST(min(feedback_date) AS VARCHAR) AS first_date,
    CAST(max(feedback_date) AS VARCHAR) AS last_date
  FROM ${T.stageFeedback}`;
}

/** Loaded rows whose answered date was there but could not be read (left empty): how many, the first line and value. */
export function unreadableAnsweredSql(): string {
  return `SELECT CAST(count(*) AS INTEGER) AS n, CAST(min(line) AS INTEGER) AS line, arg_min(r_answered, line) AS value
    FROM ${T.typed} WHERE reason IS NULL AND r_answered IS NOT NULL AND answered_date IS NULL`;
}

/**
 * Per column, the share of its non-blank values (over the profiling sample) that are kind
 * words, Rapport's or the caller's: whether a column named like a category is the kind.
 */
export function kindWordSharesSql(columns: readonly string[], own: Record<string, FeedbackKind> = {}): string {
  return columns
    .map((c) => `SELECT ${literal(c)} AS name, CASE WHEN count(v) = 0 THEN 0 ELSE count(*) FILTER (WHERE ${kindExpr('v', own)} IS NOT NULL) / count(v) END AS share
      FROM (SELECT ${blankToNull(ident(c))} AS v FROM ${T.sample})`)
    .join('\nUNION ALL\n');
}

/** Loaded rows answered before they were written: how many, and the first line. */
export function earlyAnswersSql(): string {
  return `SELECT CAST(count(*) AS INTEGER) AS n, min(line) AS line FROM ${T.typed}
    WHERE reason IS NULL AND answered_date < feedback_date`;
}

/** Status values no word of FEEDBACK_STATUS_WORDS matched, most frequent first (up to 3), on loaded rows. */
export function unknownStatusesSql(): string {
  return `SELECT r_status AS value, CAST(count(*) AS INTEGER) AS n, min(line) AS line FROM ${T.typed}
    WHERE reason IS NULL AND r_status IS NOT NULL AND ${statusExpr('r_status')} IS NULL
    GROUP BY r_status ORDER BY n DESC, line LIMIT 3`;
}

/** Loaded rows per kind. */
export function feedbackKindsSql(): string {
  return `SELECT kind, CAST(count(*) AS INTEGER) AS n FROM ${T.stageFeedback} GROUP BY kind ORDER BY kind`;
}

/** The scales loaded scores were read on, per kind, most used first. */
export function feedbackScalesSql(): string {
  return `SELECT kind, scale_min AS min, scale_max AS max, scale_source AS source, CAST(count(*) AS INTEGER) AS rows
    FROM ${T.typed} WHERE reason IS NULL AND score IS NOT NULL
    GROUP BY kind, scale_min, scale_max, scale_source ORDER BY kind, rows DESC, min, max`;
}

/** Stage -> canonical pairs for swapInSql. */
export function feedbackSwapPairs(): [string, string][] {
  return [
    [T.stageFeedback, T.feedback],
    [T.stageFeedbackRejects, T.feedbackRejects],
  ];
}
