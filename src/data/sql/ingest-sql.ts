import type { ColumnMapping, DateOrder, DecimalStyle } from '../ingest/types.js';
import { ident, literal, numberLiteral } from './sql-text.js';
import { blankToNull, COMPACT_DATE, dateExpr, ISO_DATE, numberExpr, numberShapeExpr, numberText, SLASH_DATE } from './value-parsing.js';

/**
 * Ingest, as SQL. Every load goes through the same stages, each a table:
 *   rapport_raw      every input record, all text, plus `__line` (its line or record number)
 *   rapport_typed    the mapped fields parsed to types, with the reject reason (NULL = good)
 *   rapport_stage_*  the new canonical orders and rejects, swapped in only when all went well
 * so a failed or cancelled load never touches the dataset already loaded.
 */
export const T = {
  raw: 'rapport_raw',
  rawText: 'rapport_raw_text',
  sample: 'rapport_sample',
  csvRejects: 'rapport_csv_rejects',
  csvScans: 'rapport_csv_scans',
  badLines: 'rapport_bad_lines',
  typed: 'rapport_typed',
  stageOrders: 'rapport_stage_orders',
  stageRejects: 'rapport_stage_rejects',
  stageOrdersByCustomer: 'rapport_stage_orders_by_customer',
  stagePurchaseDays: 'rapport_stage_purchase_days',
  orders: 'orders',
  rejects: 'orders_rejects',
  /** One row per customer of `orders`, over every order (see ordersByCustomerSql): loaded and replaced with it. */
  ordersByCustomer: 'orders_by_customer',
  /** One row per customer and day with a purchase (see purchaseDaysSql): loaded and replaced with the orders. */
  purchaseDays: 'orders_purchase_days',
  /** The optional customer list (see customers-ingest-sql.ts) and its staging. */
  stageCustomers: 'rapport_stage_customers',
  stageCustomerRejects: 'rapport_stage_customer_rejects',
  customers: 'customers',
  customerRejects: 'customers_rejects',
  /** The optional feedback table (see feedback-ingest-sql.ts) and its staging. */
  stageFeedback: 'rapport_stage_feedback',
  stageFeedbackRejects: 'rapport_stage_feedback_rejects',
  feedback: 'feedback',
  feedbackRejects: 'feedback_rejects',
  /** The optional survey tables (see survey-ingest-sql.ts), their staging and working tables. */
  surveyAnswers: 'rapport_survey_answers',
  surveyImportanceValues: 'rapport_survey_importance_values',
  surveyItems: 'rapport_survey_items',
  stageSurvey: 'rapport_stage_survey',
  stageSurveyImportance: 'rapport_stage_survey_importance',
  stageSurveyRespondents: 'rapport_stage_survey_respondents',
  stageSurveyRejects: 'rapport_stage_survey_rejects',
  stageSurveyMeta: 'rapport_stage_survey_meta',
  survey: 'survey',
  surveyImportance: 'survey_importance',
  surveyRespondents: 'survey_respondents',
  surveyRejects: 'survey_rejects',
  surveyMeta: 'survey_meta',
} as const;

/** One row, `present` 1 when the canonical table exists, else 0: optional tables are joined only then. */
export function tableExistsSql(table: string): string {
  return `SELECT CAST(count(*) AS INTEGER) AS present FROM duckdb_tables()
    WHERE schema_name = 'main' AND table_name = ${literal(table)}`;
}

export const LINE = '__line';

/**
 * Distinct customer ids of a staged table (feedback, survey) that also have a row in `orders`
 * (ask only when `orders` exists); NULL ids never match.
 */
export function matchedCustomersSql(stageTable: string): string {
  return `SELECT CAST(count(DISTINCT s.customer_id) AS INTEGER) AS n FROM ${stageTable} s
    WHERE EXISTS (SELECT 1 FROM ${T.orders} o WHERE o.customer_id = s.customer_id)`;
}

/** Stage -> canonical pairs of an orders load: they are replaced together, in one transaction. */
export const ORDERS_SWAP_PAIRS: readonly (readonly [stage: string, canonical: string])[] = [
  [T.stageOrders, T.orders],
  [T.stageRejects, T.rejects],
  [T.stageOrdersByCustomer, T.ordersByCustomer],
  [T.stagePurchaseDays, T.purchaseDays],
];

export function dropStagingSql(): string[] {
  return dropRawStagingSql(ORDERS_SWAP_PAIRS.map(([stage]) => stage));
}

/** The tables every ingest shares (raw text to typed), besides the `rapport_raw` view. */
export const RAW_STAGING_TABLES: readonly string[] = [T.rawText, T.sample, T.csvRejects, T.csvScans, T.badLines, T.typed];

/** The stages every ingest shares (raw text to typed), then the given stage tables. */
export function dropRawStagingSql(stageTables: readonly string[] = []): string[] {
  return [`DROP VIEW IF EXISTS ${T.raw}`, ...[...RAW_STAGING_TABLES, ...stageTables].map((t) => `DROP TABLE IF EXISTS ${t}`)];
}

/** The raw text of the input, once the typed table holds all a load needs of it: dropped to free memory before the orders are built. */
export function dropRawTextSql(): string[] {
  return [`DROP VIEW IF EXISTS ${T.raw}`, `DROP TABLE IF EXISTS ${T.rawText}`, `DROP TABLE IF EXISTS ${T.sample}`];
}

/**
 * Read a registered CSV file with every column as text. Malformed records (wrong field count,
 * bad quoting, bad UTF-8) go to DuckDB's rejects table with their line instead of failing
 * the load. The dialect (delimiter, quote, header, skipped lines) is sniffed.
 */
export function readCsvSql(fileName: string, reading: CsvReading = {}): string {
  return `CREATE TABLE ${T.rawText} AS SELECT * FROM read_csv(${literal(fileName)},
    all_varchar = true, store_rejects = true,
    rejects_table = ${literal(T.csvRejects)}, rejects_scan = ${literal(T.csvScans)},
    ${csvReadingOptions(reading)})`;
}

/**
 * How a CSV file is read when the sniffer's own choice rejects most lines or takes the
 * apostrophe for the quote: `skip` lines above the header (a title line), or `quote` fixed to
 * the double quote of RFC 4180 (in a short file a field starting with apostrophes can make the
 * sniffer take ' for the quote). Nothing set: the sniffer decides everything.
 */
export interface CsvReading {
  readonly skip?: number | undefined;
  readonly quote?: '"' | undefined;
}

/**
 * One row over the first lines of the text read: `wrapped`, fields inside apostrophes with
 * something between ('C1'), and `led`, fields that start with an apostrophe and are not so
 * wrapped ('', '=x, ''<tab>A: an apostrophe that is part of the text). Read with the double
 * quote, more wrapped than led says the file quotes with apostrophes.
 */
export function apostropheFieldsSql(columns: readonly string[]): string {
  const cols = columns.slice(0, 100).map(ident);
  const wrapped = (c: string) => `${c} LIKE '''_%'''`;
  const sum = (f: (c: string) => string) => (cols.length ? cols.map((c) => `count(*) FILTER (WHERE ${f(c)})`).join(' + ') : '0');
  return `SELECT CAST(${sum(wrapped)} AS INTEGER) AS wrapped, CAST(${sum((c) => `${c} LIKE '''%' AND NOT ${wrapped(c)}`)} AS INTEGER) AS led
    FROM (SELECT * FROM ${T.rawText} LIMIT 20480)`;
}

/** The options read_csv and sniff_csv share, so that both decide the same dialect. */
function csvReadingOptions({ skip, quote }: CsvReading): string {
  return `encoding = 'utf-8', null_padding = false, sample_size = 20480${skip === undefined ? '' : `, skip = ${numberLiteral(skip)}, header = true`}${quote === undefined ? '' : `, quote = ${literal(quote)}`}`;
}

/** Records parsed and lines rejected by the last read. */
export function csvReadCountsSql(): string {
  return `SELECT (SELECT CAST(count(*) AS INTEGER) FROM ${T.rawText}) AS parsed,
    (SELECT CAST(count(DISTINCT line) AS INTEGER) FROM ${T.csvRejects}) AS rejected`;
}

/**
 * What the sniffer decided, for the report and for line numbers. DuckDB records it in the
 * scans table only when some line was rejected; otherwise ask the sniffer itself, with the
 * same options (it is the same sniffer, so it decides the same).
 */
export function csvDialectSql(): string {
  return `SELECT delimiter, quote, CAST(skip_rows AS INTEGER) AS skip_rows, CAST(has_header AS BOOLEAN) AS has_header
    FROM ${T.csvScans} LIMIT 1`;
}

export function sniffCsvSql(fileName: string, reading: CsvReading = {}): string {
  return `SELECT Delimiter AS delimiter, Quote AS quote, CAST(SkipRows AS INTEGER) AS skip_rows, CAST(HasHeader AS BOOLEAN) AS has_header
    FROM sniff_csv(${literal(fileName)}, all_varchar = true, ${csvReadingOptions(reading)})`;
}

/**
 * Give each parsed record its line in the file. A record's rowid counts only accepted
 * records, so each malformed line before it shifts it by one; an ASOF join finds how many.
 * (A quoted field spanning several lines shifts later numbers; exports rarely have them.)
 */
export function rawLinesSql(firstDataLine: number, hasBadLines: boolean): string[] {
  const first = numberLiteral(firstDataLine);
  if (!hasBadLines) {
    // The common case: record n is on line n + first. A view, so the text is not copied.
    return [`CREATE VIEW ${T.raw} AS SELECT CAST(rowid + ${first} AS BIGINT) AS ${LINE}, * FROM ${T.rawText}`];
  }
  return [
    // Consecutive bad lines share a threshold: keep the largest shift, or the ASOF join
    // may pick the smaller one and number the records after them too low.
    `CREATE TABLE ${T.badLines} AS
      SELECT threshold, max(shift) AS shift FROM (
        SELECT CAST(line - ${first} - (row_number() OVER (ORDER BY line) - 1) AS BIGINT) AS threshold,
               CAST(row_number() OVER (ORDER BY line) AS BIGINT) AS shift
        FROM (SELECT DISTINCT CAST(line AS BIGINT) AS line FROM ${T.csvRejects}))
      GROUP BY threshold`,
    `CREATE VIEW ${T.raw} AS
      SELECT CAST(t.rowid + ${first} + COALESCE(b.shift, 0) AS BIGINT) AS ${LINE}, t.*
      FROM ${T.rawText} t ASOF LEFT JOIN ${T.badLines} b ON CAST(t.rowid AS BIGINT) >= b.threshold`,
  ];
}

export function csvBadLineCountSql(): string {
  return `SELECT CAST(count(DISTINCT line) AS INTEGER) AS n FROM ${T.csvRejects}`;
}

/** Records from a non-CSV source (already a table): all columns as text; then rawLinesSql(1, false). */
export function rawTextFromTableSql(table: string): string {
  return `CREATE TABLE ${T.rawText} AS SELECT CAST(COLUMNS(*) AS VARCHAR) FROM ${ident(table)}`;
}

export function rawTextColumnsSql(): string {
  return `SELECT column_name FROM (DESCRIBE ${T.rawText})`;
}

/**
 * A column named rowid hides DuckDB's rowid, which numbers the lines: give it another name.
 * Identifiers are case-insensitive, so RowID counts too.
 */
export function renameColumnSql(from: string, to: string): string {
  return `ALTER TABLE ${T.rawText} RENAME COLUMN ${ident(from)} TO ${ident(to)}`;
}

/** Did the UTF-8 read reject lines for their bytes? Then the file is Latin-1 after the sample. */
export function encodingRejectsSql(): string {
  return `SELECT CAST(count(*) AS INTEGER) AS n FROM ${T.csvRejects} WHERE error_type = 'INVALID ENCODING'`;
}

export function dropTableSql(table: string): string {
  return `DROP TABLE IF EXISTS ${ident(table)}`;
}

/** Every table and view of Rapport's own (named rapport_...), to drop them all. */
export function ownObjectsSql(): string {
  return `SELECT 'TABLE' AS kind, table_name AS name FROM duckdb_tables() WHERE starts_with(table_name, 'rapport_')
    UNION ALL SELECT 'VIEW', view_name FROM duckdb_views() WHERE starts_with(view_name, 'rapport_') AND NOT internal`;
}

export function dropObjectSql(kind: 'TABLE' | 'VIEW', name: string): string {
  return `DROP ${kind === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS ${ident(name)}`;
}

export const ROLLBACK_SQL = 'ROLLBACK';

/** The date check: how many kept-or-date-rejected rows have an unreadable date, and the first. */
export function unparseableDatesSql(): string {
  return `SELECT CAST(count(*) FILTER (WHERE reason = 'unparseable_date') AS INTEGER) AS bad,
      CAST(count(*) FILTER (WHERE reason IS NULL OR reason = 'unparseable_date') AS INTEGER) AS total,
      CAST(min(line) FILTER (WHERE reason = 'unparseable_date') AS INTEGER) AS line,
      arg_min(reason_value, line) FILTER (WHERE reason = 'unparseable_date') AS value
    FROM ${T.typed}`;
}

export function rawColumnsSql(): string {
  return `SELECT column_name FROM (DESCRIBE ${T.raw}) WHERE column_name <> ${literal(LINE)}`;
}

export function countSql(table: string): string {
  return `SELECT CAST(count(*) AS INTEGER) AS n FROM ${ident(table)}`;
}

/**
 * One row of value counts per column (see ColumnProfile), over an evenly spread sample of
 * `sampleEvery`-th records (see sampleSql) so a 1M-row file profiles as fast as a small one.
 */
export function sampleSql(sampleEvery: number): string {
  const every = numberLiteral(Math.max(1, Math.floor(sampleEvery)));
  return `CREATE TABLE ${T.sample} AS SELECT * FROM ${T.raw} WHERE ${LINE} % ${every} = 0 OR ${every} = 1`;
}

export function profileSql(columns: readonly string[], firstPosition = 0): string {
  const parts = columns.map((c, k) => {
    const i = firstPosition + k;
    const v = `v${i}`;
    return `SELECT ${literal(c)} AS name,
      CAST(count(*) AS INTEGER) AS rows,
      CAST(count(${v}) AS INTEGER) AS non_empty,
      CAST(count(DISTINCT ${v}) AS INTEGER) AS distinct_values,
      CAST(count(*) FILTER (WHERE regexp_full_match(${v}, ${literal(ISO_DATE)}) OR regexp_full_match(${v}, ${literal(SLASH_DATE)}) OR regexp_full_match(${v}, ${literal(COMPACT_DATE)})) AS INTEGER) AS dates,
      ${slashCounts(v)},
      CAST(count(*) FILTER (WHERE ${numberShapeExpr(v)}) AS INTEGER) AS numbers,
      CAST(count(*) FILTER (WHERE regexp_full_match(${v}, '[-+]?\\d+')) AS INTEGER) AS integers,
      CAST(count(*) FILTER (WHERE regexp_full_match(${v}n, '[-+]?[\\d,]*\\.(\\d{1,2}|\\d{4,})') OR regexp_full_match(${v}n, '[-+]?\\d{1,3}(,\\d{3})+\\.\\d*')) AS INTEGER) AS point_evidence,
      CAST(count(*) FILTER (WHERE regexp_full_match(${v}n, '[-+]?[\\d.]*,(\\d{1,2}|\\d{4,})') OR regexp_full_match(${v}n, '[-+]?\\d{1,3}(\\.\\d{3})+,\\d*')) AS INTEGER) AS comma_evidence,
      (array_agg(${v} ORDER BY ${LINE}) FILTER (WHERE ${v} IS NOT NULL))[1:5] AS samples,
      ${i} AS position
    FROM (SELECT ${LINE}, ${v}, ${numberText(v)} AS ${v}n FROM (SELECT ${LINE}, ${blankToNull(ident(c))} AS ${v} FROM ${T.sample}))`;
  });
  return `${parts.join('\nUNION ALL\n')}\nORDER BY position`;
}

function slashCounts(v: string): string {
  const slash = `regexp_full_match(${v}, ${literal(SLASH_DATE)})`;
  return `CAST(count(*) FILTER (WHERE ${slash}) AS INTEGER) AS slash_dates,
      CAST(count(*) FILTER (WHERE ${slash} AND TRY_CAST(regexp_extract(${v}, '^(\\d{1,2})', 1) AS INTEGER) > 12) AS INTEGER) AS first_over_12,
      CAST(count(*) FILTER (WHERE ${slash} AND TRY_CAST(regexp_extract(${v}, '^\\d{1,2}[/.-](\\d{1,2})', 1) AS INTEGER) > 12) AS INTEGER) AS second_over_12`;
}

/** Day/month evidence over every value of the date column, not just the profiling sample. */
export function dateEvidenceSql(column: string): string {
  return `SELECT ${slashCounts('v')} FROM (SELECT ${blankToNull(ident(column))} AS v FROM ${T.raw})`;
}

export interface TypedOptions {
  mapping: ColumnMapping;
  dateOrder: DateOrder;
  decimal: DecimalStyle;
}

/**
 * The largest magnitude (exclusive) of any figure of an order: amount, quantity, unit price,
 * margin, review score. `1e309` reads as infinity and a 5,000-digit amount as a finite giant:
 * either would make every total infinite or meaningless, and no order is worth a quadrillion in
 * any currency.
 */
export const MAX_FIGURE = 1e15;
/** Out of range (NaN and infinities included); false for NULL. */
const outOfRange = (x: string) => `(${x} IS NOT NULL AND NOT (abs(${x}) < ${MAX_FIGURE}))`;

/**
 * Parse the mapped fields and decide each record's fate. The first failing check names the
 * reason, the column and the offending text. Amount is the mapped amount, else quantity x
 * unit price (line-level exports), else the unit price alone. Each line gets the key of the
 * order it belongs to (its order id, or itself when there is none).
 */
export function typedSql(o: TypedOptions): string {
  const m = o.mapping;
  const raw = (role: keyof ColumnMapping) => (m[role] ? blankToNull(ident(m[role]!)) : 'CAST(NULL AS VARCHAR)');
  const num = (role: keyof ColumnMapping) => (m[role] ? numberExpr(`r_${role}`, o.decimal) : 'CAST(NULL AS DOUBLE)');
  const amount = m.amount
    ? 'amount_value'
    : m.quantity
      ? 'unit_price * COALESCE(quantity, 1)'
      : 'unit_price';
  const reasons: [string, string, keyof ColumnMapping | null][] = [
    ['r_customer_id IS NULL', 'missing_customer_id', 'customer_id'],
    ['r_order_date IS NULL', 'missing_date', 'order_date'],
    ['order_ts IS NULL', 'unparseable_date', 'order_date'],
  ];
  /** A figure that is not a number, then one out of range, each naming the figure's column. */
  const figure = (notNumber: string, reason: string, value: string, role: keyof ColumnMapping) =>
    reasons.push([notNumber, reason, role], [outOfRange(value), 'number_out_of_range', role]);
  if (m.amount) {
    reasons.push(['r_amount IS NULL', 'missing_amount', 'amount']);
    figure('amount_value IS NULL', 'non_numeric_amount', 'amount_value', 'amount');
  } else {
    reasons.push(['r_unit_price IS NULL', 'missing_amount', 'unit_price']);
    figure('unit_price IS NULL', 'non_numeric_unit_price', 'unit_price', 'unit_price');
  }
  if (m.quantity) figure('r_quantity IS NOT NULL AND quantity IS NULL', 'non_numeric_quantity', 'quantity', 'quantity');
  if (m.unit_price && m.amount) figure('r_unit_price IS NOT NULL AND unit_price IS NULL', 'non_numeric_unit_price', 'unit_price', 'unit_price');
  // Each factor in range, their product not (a billion units at a million each).
  if (!m.amount) reasons.push([outOfRange('amount'), 'number_out_of_range', m.quantity ? 'quantity' : 'unit_price']);
  if (m.margin) figure('r_margin IS NOT NULL AND margin IS NULL', 'non_numeric_margin', 'margin', 'margin');
  // The delivery roles are optional and never reject a purchase: a value that cannot be read
  // is left empty (NULL) and flagged (*_unreadable), so the delivery gap does not take a typo
  // for "not delivered"; unreadableOptionalSql counts those for the report's warnings.
  const reasonCase = `CASE ${reasons.map(([w, r]) => `WHEN ${w} THEN '${r}'`).join(' ')} END`;
  const columnCase = `CASE ${reasons.map(([w, , role]) => `WHEN ${w} THEN ${role && m[role] ? literal(m[role]!) : 'NULL'}`).join(' ')} END`;
  const valueCase = `CASE ${reasons.map(([w, , role]) => `WHEN ${w} THEN ${role ? `r_${role}` : 'NULL'}`).join(' ')} END`;

  return `CREATE TABLE ${T.typed} AS
    WITH fields AS (
      SELECT ${LINE} AS line,
        ${raw('customer_id')} AS r_customer_id, ${raw('order_id')} AS r_order_id, ${raw('order_date')} AS r_order_date,
        ${raw('amount')} AS r_amount, ${raw('quantity')} AS r_quantity, ${raw('unit_price')} AS r_unit_price,
        ${raw('channel')} AS r_channel, ${raw('status')} AS r_status, ${raw('margin')} AS r_margin,
        ${raw('promised_date')} AS r_promised_date, ${raw('delivered_date')} AS r_delivered_date, ${raw('review_score')} AS r_review_score
      FROM ${T.raw}
    ), parsed AS (
      SELECT *, ${dateExpr('r_order_date', o.dateOrder)} AS order_ts,
        ${num('amount')} AS amount_value, ${num('quantity')} AS quantity,
        ${num('unit_price')} AS unit_price, ${num('margin')} AS margin,
        ${m.promised_date ? dateExpr('r_promised_date', o.dateOrder) : 'CAST(NULL AS TIMESTAMP)'} AS promised_ts,
        ${m.delivered_date ? dateExpr('r_delivered_date', o.dateOrder) : 'CAST(NULL AS TIMESTAMP)'} AS delivered_ts,
        ${num('review_score')} AS review_value
      FROM fields
    ), valued AS (
      -- A review score out of range is unreadable (left empty and counted), like one that is not a number.
      SELECT *, ${amount} AS amount, CASE WHEN abs(review_value) < ${MAX_FIGURE} THEN review_value END AS review_score FROM parsed
    )
    SELECT line, r_customer_id AS customer_id,
      COALESCE(r_order_id, '#' || CAST(line AS VARCHAR)) AS order_key,
      COALESCE(regexp_matches(r_order_id, '^[Cc]\\d'), false) AS cancel_ref,
      CAST(order_ts AS DATE) AS order_date, amount,
      ${OPTIONAL_TYPED.filter((c) => m[c.role]).map((c) => `${c.typed} AS ${c.name}, `).join('')}
      ${reasonCase} AS reason, ${columnCase} AS reason_column, ${valueCase} AS reason_value
    FROM valued`;
}

/**
 * The typed table's columns beyond the ones every load has, each there only when the mapping
 * has its role: a million-line file has a million of each, so an unmapped role costs nothing
 * (its orders column is `absent`: NULL, or false for a flag). An optional date or score keeps
 * its text only on the lines where it could not be read (NULL elsewhere), for the load's
 * warning; a line has an unreadable value exactly when that text is there. In the order of the
 * orders table's columns `as`, made of an order's lines by `order`, or by `line` when each order
 * is one line (`+ 0` turns a -0, a free line returned, into 0, as sum() does).
 */
const OPTIONAL_TYPED: readonly { role: keyof ColumnMapping; name: string; typed: string; as: string; order: string; line: string; absent: string }[] = [
  { role: 'quantity', name: 'quantity', typed: 'quantity', as: 'quantity', order: 'sum(quantity)', line: 'quantity + 0', absent: 'CAST(NULL AS DOUBLE)' },
  // Without an amount column the amount is made of the unit price, which is then mapped.
  { role: 'unit_price', name: 'unit_price', typed: 'unit_price', as: 'unit_price', order: 'CASE WHEN count(*) = 1 THEN any_value(unit_price) END', line: 'unit_price + 0', absent: 'CAST(NULL AS DOUBLE)' },
  { role: 'channel', name: 'channel', typed: 'r_channel', as: 'channel', order: 'any_value(channel)', line: 'channel', absent: 'CAST(NULL AS VARCHAR)' },
  { role: 'status', name: 'status', typed: 'r_status', as: 'status', order: 'any_value(status)', line: 'status', absent: 'CAST(NULL AS VARCHAR)' },
  { role: 'margin', name: 'margin', typed: 'margin', as: 'margin', order: 'sum(margin)', line: 'margin + 0', absent: 'CAST(NULL AS DOUBLE)' },
  { role: 'promised_date', name: 'promised_date', typed: 'CAST(promised_ts AS DATE)', as: 'promised_date', order: 'max(promised_date)', line: 'promised_date', absent: 'CAST(NULL AS DATE)' },
  { role: 'delivered_date', name: 'delivered_date', typed: 'CAST(delivered_ts AS DATE)', as: 'delivered_date', order: 'max(delivered_date)', line: 'delivered_date', absent: 'CAST(NULL AS DATE)' },
  { role: 'review_score', name: 'review_score', typed: 'review_score', as: 'review_score', order: 'avg(review_score)', line: 'review_score + 0', absent: 'CAST(NULL AS DOUBLE)' },
  { role: 'promised_date', name: 'r_promised_date', typed: 'CASE WHEN promised_ts IS NULL THEN r_promised_date END', as: 'promised_unreadable', order: 'bool_or(r_promised_date IS NOT NULL)', line: 'r_promised_date IS NOT NULL', absent: 'false' },
  { role: 'delivered_date', name: 'r_delivered_date', typed: 'CASE WHEN delivered_ts IS NULL THEN r_delivered_date END', as: 'delivered_unreadable', order: 'bool_or(r_delivered_date IS NOT NULL)', line: 'r_delivered_date IS NOT NULL', absent: 'false' },
  { role: 'review_score', name: 'r_review_score', typed: 'CASE WHEN review_score IS NULL THEN r_review_score END', as: 'review_unreadable', order: 'bool_or(r_review_score IS NOT NULL)', line: 'r_review_score IS NOT NULL', absent: 'false' },
];

/** The optional order roles whose unreadable values are left empty instead of rejecting the line. */
export const OPTIONAL_ORDER_ROLES = ['promised_date', 'delivered_date', 'review_score'] as const;

/**
 * Loaded order dates no real order has: before 1900-01-02 (Excel's day 0 and day 1, MySQL's
 * zero dates written out) or more than a year after today. They load (the file may be right),
 * but the latest order date sets the default analysis date, so the report says so. `today`
 * (yyyy-mm-dd) comes from the caller: the engine's current_date needs an extension.
 */
export function farDatesSql(today: string): string {
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + 366 * 86_400_000).toISOString().slice(0, 10);
  return `SELECT CAST(count(*) AS INTEGER) AS n, CAST(min(line) AS INTEGER) AS line, CAST(arg_min(order_date, line) AS VARCHAR) AS value
    FROM ${T.typed} WHERE reason IS NULL AND (order_date < DATE '1900-01-02' OR order_date > CAST(${literal(horizon)} AS DATE))`;
}

/**
 * Per optional role the mapping has (see OPTIONAL_ORDER_ROLES): on lines that loaded, how many
 * values were there but could not be read (left empty), the first such line and its value.
 * No row when the mapping has none of these roles.
 */
export function unreadableOptionalSql(mapping: ColumnMapping): string | null {
  const parts = OPTIONAL_ORDER_ROLES.filter((role) => mapping[role]).map(
    (role) => `SELECT ${literal(role)} AS role, CAST(count(*) AS INTEGER) AS n, CAST(min(line) AS INTEGER) AS line,
      arg_min(r_${role}, line) AS value
    FROM ${T.typed} WHERE reason IS NULL AND r_${role} IS NOT NULL AND ${role} IS NULL`,
  );
  return parts.length === 0 ? null : parts.join('\nUNION ALL\n');
}

/** Orders that are returns or cancellations: a "C" invoice, or a negative total. */
const RETURN_ORDER = `bool_or(cancel_ref) OR COALESCE(sum(amount) < 0, false)`;

/**
 * Under the `exclude` policy, the lines of return orders become rejects. Decided per order,
 * not per line: a discount line (negative) inside an ordinary invoice is not a return.
 */
export function excludeReturnsSql(mapping: ColumnMapping): string {
  // Name the evidence: the "C" order id, else the negative figure that made the total negative.
  const [signRole, signValue] = mapping.amount ? ['amount', 'amount'] : mapping.quantity ? ['quantity', 'quantity'] : ['unit_price', 'unit_price'];
  const t = T.typed;
  return `UPDATE ${t} SET reason = 'return_excluded',
      reason_column = CASE WHEN ${t}.cancel_ref THEN ${mapping.order_id ? literal(mapping.order_id) : 'NULL'} ELSE ${literal(mapping[signRole as keyof ColumnMapping] ?? '')} END,
      reason_value = CASE WHEN ${t}.cancel_ref THEN ${t}.order_key ELSE CAST(${t}.${signValue} AS VARCHAR) END
    FROM (SELECT customer_id, order_key FROM ${t} WHERE reason IS NULL GROUP BY customer_id, order_key HAVING ${RETURN_ORDER}) r
    WHERE ${t}.reason IS NULL AND ${t}.customer_id = r.customer_id AND ${t}.order_key = r.order_key`;
}

/**
 * Lines -> orders. Lines sharing an order id and customer are one order (UCI Online Retail has
 * one line per product); without an order id column every line is an order of its own. The
 * delivery dates of an order are its latest (the last parcel), its review score the mean.
 * Canonical tables have no row order (sorting a million orders is a second of wasm time);
 * `first_line` keeps each order's place in the file for whoever needs it.
 *
 * The canonical `orders` table:
 *   order_id VARCHAR, customer_id VARCHAR, order_date DATE, amount DOUBLE, quantity DOUBLE,
 *   unit_price DOUBLE, channel VARCHAR, status VARCHAR, margin DOUBLE,
 *   promised_date DATE, delivered_date DATE, review_score DOUBLE   -- NULL: absent or unreadable
 *   promised_unreadable BOOLEAN, delivered_unreadable BOOLEAN, review_unreadable BOOLEAN
 *                                   -- a line of the order had a value there that could not be read
 *   is_return BOOLEAN, lines INTEGER, first_line BIGINT
 */
export function stageOrdersSql(mapping: ColumnMapping): string {
  // Without an order id column every line is an order of its own (its key is its line): no
  // grouping to do, each order's figures are its line's.
  const form = mapping.order_id ? 'order' : 'line';
  const optional = OPTIONAL_TYPED.map((c) => `${mapping[c.role] ? c[form] : c.absent} AS ${c.as}`).join(', ');
  if (form === 'line') {
    return `CREATE TABLE ${T.stageOrders} AS
    SELECT order_key AS order_id, customer_id, order_date, amount + 0 AS amount, ${optional},
      cancel_ref OR COALESCE(amount < 0, false) AS is_return, CAST(1 AS INTEGER) AS lines, line AS first_line
    FROM ${T.typed} WHERE reason IS NULL`;
  }
  return `CREATE TABLE ${T.stageOrders} AS
    SELECT order_key AS order_id, customer_id,
      min(order_date) AS order_date, sum(amount) AS amount, ${optional},
      ${RETURN_ORDER} AS is_return, CAST(count(*) AS INTEGER) AS lines, min(line) AS first_line
    FROM ${T.typed} WHERE reason IS NULL
    GROUP BY customer_id, order_key`;
}

/**
 * The staged orders per customer, over every order: what each analysis over the whole history
 * would otherwise aggregate from the orders again (scoring, ladder and migration at the default
 * date, the customer list, the headline). Built once per load, in the load's transaction.
 *   purchases        orders that are not returns
 *   amount           sum of amount, returns netted in
 *   purchase_amount  sum of amount of the purchases
 *   first_purchase / last_purchase   first and last purchase dates (NULL without a purchase)
 *   first_order / last_order         first and last order dates, returns included
 * Sums run over the same table in the same order as a GROUP BY on `orders` would: the figures
 * are exactly the ones the analyses computed from the orders.
 */
export function stageOrdersByCustomerSql(): string {
  return `CREATE TABLE ${T.stageOrdersByCustomer} AS
    SELECT customer_id,
      count(*) FILTER (WHERE NOT is_return) AS purchases,
      sum(amount) AS amount,
      sum(amount) FILTER (WHERE NOT is_return) AS purchase_amount,
      min(order_date) FILTER (WHERE NOT is_return) AS first_purchase,
      max(order_date) FILTER (WHERE NOT is_return) AS last_purchase,
      min(order_date) AS first_order,
      max(order_date) AS last_order
    FROM ${T.stageOrders}
    GROUP BY customer_id`;
}

/**
 * The staged purchases per customer and day: `day`, and `value`, the sum of that day's
 * purchase amounts (returns are not purchases and are left out). What the value model's
 * summaries and the inactivity window's purchase gaps are made of, each of which grouped the
 * orders by customer and day again; the sums are those of that grouping, in the same order.
 */
export function stagePurchaseDaysSql(): string {
  return `CREATE TABLE ${T.stagePurchaseDays} AS
    SELECT customer_id, order_date AS day, sum(amount) AS value
    FROM ${T.stageOrders}
    WHERE NOT is_return
    GROUP BY customer_id, order_date`;
}

/**
 * The default analysis date, as a scalar subquery: the day after the last order (returns
 * included), NULL without orders. Read from the per-customer table (one row per customer, not
 * per order), which is loaded and replaced with the orders.
 */
export function dayAfterLastOrderSql(): string {
  return `(SELECT CAST(max(last_order) + INTERVAL 1 DAY AS DATE) FROM ${T.ordersByCustomer})`;
}

/** One row: the last order date of the loaded orders (ISO, NULL without orders). */
export function lastOrderDateSql(): string {
  return `SELECT CAST(max(last_order) AS VARCHAR) AS last_order FROM ${T.ordersByCustomer}`;
}

/**
 * Parser rejects and type rejects in one table, in file order. `detail` is the typed table's
 * expression for the detail column (customers name the first line of a duplicate id).
 */
export function stageRejectsSql(hasCsvRejects: boolean, target: string = T.stageRejects, detail = 'CAST(NULL AS VARCHAR)'): string {
  const csv = hasCsvRejects
    ? `UNION ALL
       SELECT CAST(line AS BIGINT), 'malformed_row', any_value(column_name), any_value(csv_line),
              string_agg(DISTINCT error_type || ': ' || error_message, '; ')
       FROM ${T.csvRejects} GROUP BY line`
    : '';
  return `CREATE TABLE ${target} AS
    SELECT * FROM (
      SELECT line, reason, reason_column AS "column", reason_value AS value, ${detail} AS detail
      FROM ${T.typed} WHERE reason IS NOT NULL
      ${csv}
    ) ORDER BY line`;
}

export function reportSql(): string {
  return `WITH lines AS (
      SELECT CAST(count(*) AS INTEGER) AS parsed_rows,
        CAST(count(*) FILTER (WHERE reason IS NULL) AS INTEGER) AS rows_loaded
      FROM ${T.typed}
    )
    SELECT
    (SELECT parsed_rows FROM lines) AS parsed_rows,
    (SELECT rows_loaded FROM lines) AS rows_loaded,
    CAST(COALESCE(sum(lines) FILTER (WHERE is_return), 0) AS INTEGER) AS return_lines,
    (SELECT CAST(count(*) AS INTEGER) FROM ${T.stageRejects}) AS rows_rejected,
    CAST(count(DISTINCT customer_id) AS INTEGER) AS customers,
    CAST(count(*) FILTER (WHERE NOT is_return) AS INTEGER) AS orders,
    CAST(count(*) FILTER (WHERE is_return) AS INTEGER) AS return_orders,
    CAST(min(order_date) AS VARCHAR) AS first_order,
    CAST(max(order_date) AS VARCHAR) AS last_order,
    CAST(COALESCE(round(sum(amount), 2), 0) AS DOUBLE) AS total_amount,
    CAST(COALESCE(max(lines), 0) AS INTEGER) AS max_lines
  FROM ${T.stageOrders}`;
}

export function rejectsByReasonSql(table: string = T.stageRejects): string {
  return `SELECT reason, CAST(count(*) AS INTEGER) AS n, min(line) AS first_line FROM ${table} GROUP BY reason ORDER BY n DESC`;
}

export function rejectSamplesSql(limit: number, table: string = T.stageRejects): string {
  return `SELECT CAST(line AS INTEGER) AS line, reason, "column", value, detail FROM ${table} ORDER BY line LIMIT ${numberLiteral(limit)}`;
}

/** One page of the loaded dataset's rejects, in file order; binds limit and offset. */
export function rejectsPageSql(): string {
  return `SELECT CAST(line AS INTEGER) AS line, reason, "column", value, detail FROM ${T.rejects} ORDER BY line LIMIT ? OFFSET ?`;
}

/** Replace the loaded tables with the staged ones (stage -> canonical pairs) in one transaction: run by a load's swap only (LoadSession.swapIn), which tells table-presence.ts. */
export function swapInSql(pairs: readonly (readonly [stage: string, canonical: string])[]): string[] {
  return [
    'BEGIN TRANSACTION',
    ...pairs.map(([, canonical]) => `DROP TABLE IF EXISTS ${canonical}`),
    ...pairs.map(([stage, canonical]) => `ALTER TABLE ${stage} RENAME TO ${canonical}`),
    'COMMIT',
  ];
}
