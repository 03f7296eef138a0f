import type { Notice } from '../../analytics/notice.js';

/** Columns of the canonical `orders` table that an input column can be mapped to. */
export const ORDER_ROLES = [
  'customer_id',
  'order_id',
  'order_date',
  'amount',
  'quantity',
  'unit_price',
  'channel',
  'status',
  'margin',
  /** The promised (estimated) delivery date, the actual delivery date, a review score the order carries. */
  'promised_date',
  'delivered_date',
  'review_score',
] as const;
export type OrderRole = (typeof ORDER_ROLES)[number];

/** Role -> input column name. */
export type ColumnMapping = Partial<Record<OrderRole, string>>;

export const DATE_ORDERS = ['ymd', 'dmy', 'mdy'] as const;
/** How day and month are ordered in slash/dot/dash dates; ISO and yyyymmdd are always ymd. */
export type DateOrder = (typeof DATE_ORDERS)[number];

export const DECIMAL_STYLES = ['point', 'comma'] as const;
/** `point`: 1,234.56 or 1234.56; `comma`: 1.234,56 or 1234,56. */
export type DecimalStyle = (typeof DECIMAL_STYLES)[number];

export const RETURN_POLICIES = ['net', 'exclude'] as const;
/**
 * What happens to cancellations and returns (negative quantity or amount, or an order id
 * starting with "C" followed by a digit):
 * - `net` (default): kept as return orders with negative amounts; they reduce the customer's
 *   spend but are not counted as purchases.
 * - `exclude`: moved to the rejects table with reason `return_excluded`.
 */
export type ReturnPolicy = (typeof RETURN_POLICIES)[number];

export const INPUT_FORMATS = ['csv', 'parquet', 'arrow', 'json'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** Why a row was rejected. Each maps to a sentence in `REJECT_REASON_TEXT`. */
export const REJECT_REASONS = [
  'malformed_row',
  'missing_customer_id',
  'missing_date',
  'unparseable_date',
  'missing_amount',
  'non_numeric_amount',
  'number_out_of_range',
  'non_numeric_quantity',
  'non_numeric_unit_price',
  'non_numeric_margin',
  'return_excluded',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const REJECT_REASON_TEXT: Record<RejectReason, string> = {
  malformed_row: 'the row could not be parsed (wrong number of fields or bad quoting)',
  missing_customer_id: 'no customer id',
  missing_date: 'no order date',
  unparseable_date: 'the order date is not a date',
  missing_amount: 'no amount',
  non_numeric_amount: 'the amount is not a number',
  number_out_of_range: 'the figure is out of range (a quadrillion or more, or infinite)',
  non_numeric_quantity: 'the quantity is not a number',
  non_numeric_unit_price: 'the unit price is not a number',
  non_numeric_margin: 'the margin is not a number',
  return_excluded: 'a return or cancellation, excluded by the return policy',
};

/** One rejected input row. `line` is the line in the file (CSV) or the record number (other formats). */
export interface RejectedRow {
  line: number;
  reason: RejectReason;
  column: string | null;
  value: string | null;
  detail: string | null;
}

/** Options an embedder or CLI user may set for a load. */
export interface IngestOptions {
  /** Explicit role -> column mapping; wins over detection. */
  mapping?: ColumnMapping;
  /** Day/month order for ambiguous dates; detected from the data when absent. */
  dateOrder?: DateOrder;
  /** Decimal separator style; detected from the data when absent. */
  decimal?: DecimalStyle;
  returnPolicy?: ReturnPolicy;
  /** Force a format instead of sniffing. */
  format?: InputFormat;
  /**
   * When detection is unsure (a role found from values only, or ambiguous dates), stop with
   * a `needs-input` result instead of loading on the best guess. The page sets this so it
   * can ask; the CLI loads on the best guess and warns.
   */
  askWhenUnsure?: boolean;
  /** Progress callback: a step label and a fraction 0..1 of the whole load. */
  onProgress?: (step: string, fraction: number) => void;
  signal?: AbortSignal;
}

/** How sure detection is about one role. */
export type Certainty = 'explicit' | 'header' | 'values' | 'guess';

export interface MappingDecision {
  mapping: ColumnMapping;
  certainty: Partial<Record<OrderRole, Certainty>>;
  dateOrder: DateOrder;
  dateOrderCertain: boolean;
  decimal: DecimalStyle;
  /** Questions the user should answer before loading; empty when detection is sure. */
  questions: string[];
  /**
   * The questions as notices, for the interface to ask in the reader's language: one per
   * question, in the same order (`questionNotices[i].text === questions[i]`). Absent from a
   * decision made elsewhere; show `questions` then.
   */
  questionNotices?: Notice[];
  /**
   * Required roles no column was found for (only with `partial` detection; otherwise it throws),
   * with the failure's message and the question, and both as notices (`messageNotice.text === message`).
   */
  missing: { role: OrderRole; message: string; question: string; messageNotice?: Notice; questionNotice?: Notice }[];
  /** Choices detection made that the load report should mention (a delivery date taken as the order date). */
  notes?: string[];
  /** The notes as notices, in the same order (`noteNotices[i].text === notes[i]`). */
  noteNotices?: Notice[];
}

/** The load report: shown on the page, returned by the API, printed by the CLI. */
export interface LoadReport {
  file: string;
  format: InputFormat;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rejectedByReason: Partial<Record<RejectReason, number>>;
  /** The first rejected rows (up to 20), to show what went wrong and where. */
  rejectSamples: RejectedRow[];
  customers: number;
  orders: number;
  /** Return or cancellation orders, and the input lines that made them. */
  returns: { orders: number; lines: number; policy: ReturnPolicy };
  /** ISO dates, or null when nothing was loaded. */
  firstOrder: string | null;
  lastOrder: string | null;
  /** Net amount over all loaded orders, returns included under the `net` policy. */
  totalAmount: number;
  mapping: ColumnMapping;
  /** Columns present in the input, in order. */
  columns: string[];
  dateOrder: DateOrder;
  decimal: DecimalStyle;
  /** The CSV field separator found (`,`, `;`, `\t`, `|`...), or null for other formats. */
  delimiter: string | null;
  /** True when input lines were combined into orders (several lines per order id). */
  aggregatedLines: boolean;
  warnings: string[];
  /** The warnings as notices, one per warning in the same order (`notices[i].text === warnings[i]`), for the interface to translate. */
  notices: Notice[];
  durationMs: number;
}

/** Columns of the optional canonical `customers` table that an input column can be mapped to. */
export const CUSTOMER_ROLES = ['customer_id', 'name', 'signup_date'] as const;
export type CustomerRole = (typeof CUSTOMER_ROLES)[number];

/** Customer role -> input column name. */
export type CustomerColumnMapping = Partial<Record<CustomerRole, string>>;

/** Why a customer row was rejected. Each maps to a sentence in `CUSTOMER_REJECT_REASON_TEXT`. */
export const CUSTOMER_REJECT_REASONS = ['malformed_row', 'missing_customer_id', 'unparseable_date', 'duplicate_customer_id'] as const;
export type CustomerRejectReason = (typeof CUSTOMER_REJECT_REASONS)[number];

export const CUSTOMER_REJECT_REASON_TEXT: Record<CustomerRejectReason, string> = {
  malformed_row: REJECT_REASON_TEXT.malformed_row,
  missing_customer_id: REJECT_REASON_TEXT.missing_customer_id,
  unparseable_date: 'the signup date is not a date',
  duplicate_customer_id: 'the customer id appeared on an earlier line (the first one is kept)',
};

/** One rejected customer row; `detail` names the first line for a duplicate id. */
export interface CustomerRejectedRow extends Omit<RejectedRow, 'reason'> {
  reason: CustomerRejectReason;
}

/** Options for loading a customer list. */
export interface CustomersIngestOptions {
  /** Explicit role -> column mapping; wins over detection. */
  mapping?: CustomerColumnMapping;
  /** Day/month order for ambiguous signup dates; detected from the data when absent. */
  dateOrder?: DateOrder;
  /** Force a format instead of sniffing. */
  format?: InputFormat;
  /** Progress callback: a step label and a fraction 0..1 of the whole load. */
  onProgress?: (step: string, fraction: number) => void;
  signal?: AbortSignal;
}

/** The report of a customer-list load, named like LoadReport. */
export interface CustomersLoadReport {
  file: string;
  format: InputFormat;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rejectedByReason: Partial<Record<CustomerRejectReason, number>>;
  /** The first rejected rows (up to 20), to show what went wrong and where. */
  rejectSamples: CustomerRejectedRow[];
  /** Customers loaded (one per id: rowsLoaded), and how many have a name / a signup date. */
  customers: number;
  withName: number;
  withSignupDate: number;
  /** ISO dates, or null when no signup date was loaded. */
  firstSignup: string | null;
  lastSignup: string | null;
  mapping: CustomerColumnMapping;
  /** Columns present in the input, in order. */
  columns: string[];
  dateOrder: DateOrder;
  /** The CSV field separator found, or null for other formats. */
  delimiter: string | null;
  warnings: string[];
  /** The warnings as notices, one per warning in the same order (`notices[i].text === warnings[i]`), for the interface to translate. */
  notices: Notice[];
  durationMs: number;
}

/** Columns of the optional canonical `feedback` table that an input column can be mapped to. */
export const FEEDBACK_ROLES = ['customer_id', 'date', 'kind', 'score', 'scale', 'text', 'channel', 'category', 'answered_date', 'status'] as const;
export type FeedbackRole = (typeof FEEDBACK_ROLES)[number];

/** Feedback role -> input column name. */
export type FeedbackColumnMapping = Partial<Record<FeedbackRole, string>>;

/** What a feedback row is. The first four carry a score; the others may be text only. */
export const FEEDBACK_KINDS = ['nps', 'review', 'satisfaction', 'recommend', 'referral', 'complaint', 'suggestion', 'compliment'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
/** Kinds that need a score; a row of another kind may have none. */
export const SCORED_FEEDBACK_KINDS: readonly FeedbackKind[] = ['nps', 'review', 'satisfaction', 'recommend'];

/** A score scale, both ends included: 0-10, 1-5, 1-7... */
export interface FeedbackScale {
  min: number;
  max: number;
}

/** Why a feedback row was rejected. Each maps to a sentence in `FEEDBACK_REJECT_REASON_TEXT`. */
export const FEEDBACK_REJECT_REASONS = [
  'malformed_row',
  'missing_customer_id',
  'unparseable_date',
  'unknown_kind',
  'missing_score',
  'non_numeric_score',
  'unparseable_scale',
  'score_out_of_range',
] as const;
export type FeedbackRejectReason = (typeof FEEDBACK_REJECT_REASONS)[number];

export const FEEDBACK_REJECT_REASON_TEXT: Record<FeedbackRejectReason, string> = {
  malformed_row: REJECT_REASON_TEXT.malformed_row,
  missing_customer_id: REJECT_REASON_TEXT.missing_customer_id,
  unparseable_date: 'the feedback date is not a date',
  unknown_kind: `the kind is not one Rapport knows (${FEEDBACK_KINDS.join(', ')})`,
  missing_score: 'no score, for a kind that needs one',
  non_numeric_score: 'the score is not a number',
  unparseable_scale: 'the scale is not one Rapport can read (like "1-5", "0-10" or "5")',
  score_out_of_range: 'the score is outside its scale',
};

/** One rejected feedback row; `detail` names the scale of an out-of-range score. */
export interface FeedbackRejectedRow extends Omit<RejectedRow, 'reason'> {
  reason: FeedbackRejectReason;
}

/** Options for loading a feedback file. */
export interface FeedbackIngestOptions {
  /** Explicit role -> column mapping; wins over detection. */
  mapping?: FeedbackColumnMapping;
  /**
   * The kind of every row, when the file has no kind column. Default: the kind the file name
   * says (`complaints.csv`, `reclamacoes.csv`, `sugerencias.csv`, `elogios.csv`...; a warning
   * says so); else, with a score column, `nps` when the score header speaks of NPS,
   * recommending or likelihood, `review` when of ratings, reviews or stars, else
   * `satisfaction`; else the load stops and asks for the kind.
   */
  kind?: FeedbackKind;
  /**
   * Your own labels in the kind column -> the kind they mean, beside the words Rapport knows:
   * `{ problemas_de_entrega: 'complaint', satisfeito_com_pedido: 'compliment' }`. Matched as
   * kind words are: whatever the case, accents, spaces and punctuation.
   */
  kindWords?: Record<string, FeedbackKind>;
  /** The scale of every score not given a scale by a scale column; inferred per kind when absent. */
  scale?: FeedbackScale;
  /** Day/month order for ambiguous dates; detected from the data when absent. */
  dateOrder?: DateOrder;
  /** Decimal separator style of the scores; detected from the data when absent. */
  decimal?: DecimalStyle;
  /** Force a format instead of sniffing. */
  format?: InputFormat;
  /** Progress callback: a step label and a fraction 0..1 of the whole load. */
  onProgress?: (step: string, fraction: number) => void;
  signal?: AbortSignal;
}

/** Where the scale of some loaded scores came from. */
export type FeedbackScaleSource = 'column' | 'option' | 'kind' | 'inferred';

/** One scale used by the loaded feedback, per kind. */
export interface FeedbackScaleUse extends FeedbackScale {
  kind: FeedbackKind;
  source: FeedbackScaleSource;
  /** Loaded rows scored on this scale. */
  rows: number;
}

/** The report of a feedback load, named like CustomersLoadReport. */
export interface FeedbackLoadReport {
  file: string;
  format: InputFormat;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rejectedByReason: Partial<Record<FeedbackRejectReason, number>>;
  /** The first rejected rows (up to 20), to show what went wrong and where. */
  rejectSamples: FeedbackRejectedRow[];
  /** Loaded rows per kind. */
  byKind: Partial<Record<FeedbackKind, number>>;
  /** The scales scores were normalised from, per kind. */
  scales: FeedbackScaleUse[];
  /** The kind given to every row when the file has no kind column, else null. */
  fileKind: FeedbackKind | null;
  /** Where that kind came from: the `kind` option, the file name, or the score column's header; null with a kind column. */
  fileKindSource: 'option' | 'name' | 'score' | null;
  /** Loaded rows marked answered (by an answered date or a status); null when the file says nothing of answers. */
  answered: number | null;
  /** Distinct customer ids in the loaded feedback. */
  customers: number;
  /** Loaded rows with no customer id (complaints, suggestions and compliments may have none). */
  withoutCustomer: number;
  /** Of those, ids also in `orders`; null when no orders are loaded or no loaded row has a customer id. */
  matchedCustomers: number | null;
  firstDate: string | null;
  lastDate: string | null;
  mapping: FeedbackColumnMapping;
  /** Columns present in the input, in order. */
  columns: string[];
  dateOrder: DateOrder;
  decimal: DecimalStyle;
  /** The CSV field separator found, or null for other formats. */
  delimiter: string | null;
  warnings: string[];
  /** The warnings as notices, one per warning in the same order (`notices[i].text === warnings[i]`), for the interface to translate. */
  notices: Notice[];
  durationMs: number;
}

/** Columns of the optional canonical `survey` table (long shape) that an input column can be mapped to. */
export const SURVEY_ROLES = ['respondent', 'customer_id', 'item', 'dimension', 'expectation', 'perception', 'importance'] as const;
export type SurveyRole = (typeof SURVEY_ROLES)[number];

/**
 * Survey role -> input column name. In the wide shape only respondent and customer_id apply.
 * `respondent: null` says the file has no respondent column (and none is to be detected): long,
 * each customer id is the respondent (a customer_id column is then required); wide, the customer
 * id when one is mapped or detected, else the row number.
 */
export type SurveyColumnMapping = Partial<Record<Exclude<SurveyRole, 'respondent'>, string>> & { respondent?: string | null };

/** `long`: one row per respondent and item; `wide`: one row per respondent, an expectation and a perception column per item. */
export const SURVEY_SHAPES = ['long', 'wide'] as const;
export type SurveyShape = (typeof SURVEY_SHAPES)[number];

/** Why a survey answer was rejected. Each maps to a sentence in `SURVEY_REJECT_REASON_TEXT`. */
export const SURVEY_REJECT_REASONS = [
  'malformed_row',
  'missing_respondent',
  'missing_item',
  'missing_expectation',
  'missing_perception',
  'non_numeric_answer',
  'non_numeric_importance',
  'negative_importance',
  'answer_out_of_range',
  'duplicate_answer',
] as const;
export type SurveyRejectReason = (typeof SURVEY_REJECT_REASONS)[number];
/** Reasons that reject an importance value on its own (its answer is not a reject): counted in importanceRejectedByReason. */
export const SURVEY_IMPORTANCE_REJECT_REASONS: readonly SurveyRejectReason[] = ['non_numeric_importance', 'negative_importance'];

export const SURVEY_REJECT_REASON_TEXT: Record<SurveyRejectReason, string> = {
  malformed_row: REJECT_REASON_TEXT.malformed_row,
  missing_respondent: 'no respondent',
  missing_item: 'no item',
  missing_expectation: 'no expectation score',
  missing_perception: 'no perception score',
  non_numeric_answer: 'the answer is not a number',
  non_numeric_importance: 'the importance is not a number',
  negative_importance: 'the importance is negative (it must be 0 or more)',
  answer_out_of_range: 'the answer is outside the scale',
  duplicate_answer: 'the respondent answered the item on an earlier line (the first answer is kept)',
};

/**
 * One rejected survey answer (a wide row gives one per item): `column` is the column holding the
 * bad value (e.g. "sq3_2"); `detail` names the scale of an out-of-range answer or the first line
 * of a duplicate.
 */
export interface SurveyRejectedRow extends Omit<RejectedRow, 'reason'> {
  reason: SurveyRejectReason;
}

/** A Likert scale, both ends included (the same shape as analytics' SurveyScale). */
export interface SurveyScaleRange {
  min: number;
  max: number;
}

/** Options for loading a SERVQUAL-style survey. */
export interface SurveyIngestOptions {
  /** Force the shape instead of detecting it. */
  shape?: SurveyShape;
  /**
   * Explicit role -> column mapping; wins over detection. A respondent given here is taken as
   * given: the check that a long respondent repeats across items (not a row id) is skipped, so a
   * split-sample design (each respondent rates one item) loads. `respondent: null` means "no
   * respondent column", and no respondent is detected: long, each customer id is the respondent
   * (the customer_id column, mapped or detected, is then required); wide, each customer id when
   * there is a customer_id column, else the row number (1..N in file order).
   */
  mapping?: SurveyColumnMapping;
  /** Wide shape: the family of numbered pair columns to read, by its column-name prefix (`'sq'`, `'ipa'`). */
  pairs?: string;
  /** The Likert scale of the answers; detected from the data when absent. */
  scale?: SurveyScaleRange;
  /** The user's item -> dimension map; wins over the file's dimension column (see readDimensionMap). */
  dimensions?: Record<string, string>;
  /**
   * Decimal separator style of the answers; detected from the data when absent (a comma-separated
   * file is read with the decimal point: a quoted "5,5" there is rejected as not a number).
   */
  decimal?: DecimalStyle;
  /** Force a format instead of sniffing. */
  format?: InputFormat;
  /** Progress callback: a step label and a fraction 0..1 of the whole load. */
  onProgress?: (step: string, fraction: number) => void;
  signal?: AbortSignal;
}

/** One item pair of a wide survey: the item and its two columns. */
export interface SurveyPair {
  item: string;
  expectation: string;
  perception: string;
}

/** Where an item's dimension came from. */
export type SurveyDimensionSource = 'option' | 'column' | 'name' | 'servqual22' | 'unassigned';

/** One item of the loaded survey, in item order. */
export interface SurveyItemInfo {
  item: string;
  dimension: string;
  source: SurveyDimensionSource;
  /** Loaded answers to it. */
  answers: number;
}

/** The report of a survey load, named like FeedbackLoadReport. */
export interface SurveyLoadReport {
  file: string;
  format: InputFormat;
  shape: SurveyShape;
  /** Whether the shape was detected or given (option or mapping). */
  shapeSource: 'detected' | 'option';
  /** Input rows: a row is loaded when any of its answers is loaded; a malformed line is one rejected row. */
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /**
   * Answers (respondent x item): answersRead = answersLoaded + answersRejected; a malformed line
   * counts as the answers it holds (long: one; wide: one per item pair, each a reject).
   */
  answersRead: number;
  answersLoaded: number;
  answersRejected: number;
  /**
   * Importance values rejected on their own, not a number or negative (wide dimension-importance
   * columns; long per-answer importance, whose answer still loads): in survey_rejects too, not
   * counted as answers.
   */
  importanceRejected: number;
  /** Rejected answers by reason (answer reasons only: they sum to answersRejected). */
  rejectedByReason: Partial<Record<SurveyRejectReason, number>>;
  /**
   * Importance values rejected on their own, by reason (non_numeric_importance,
   * negative_importance): they sum to importanceRejected; their answers are not rejects.
   */
  importanceRejectedByReason: Partial<Record<SurveyRejectReason, number>>;
  /** The first rejects in file order (up to 20; importance values included), with line, column and value. */
  rejectSamples: SurveyRejectedRow[];
  /** Distinct respondents and items with a loaded answer. */
  respondents: number;
  items: SurveyItemInfo[];
  /** Distinct dimensions of the loaded items, in item order. */
  dimensions: string[];
  scale: SurveyScaleRange;
  scaleSource: 'detected' | 'option';
  /** Role -> column (wide: respondent / customer_id only). */
  mapping: SurveyColumnMapping;
  /** Wide: the item pairs read, and their family (the column-name prefix of numbered pairs, 'named' otherwise); long: [] and null. */
  pairs: SurveyPair[];
  pairFamily: string | null;
  /** How the respondent was identified in the wide shape: a column, or the row number (1..N in file order). */
  respondentSource: 'column' | 'customer_id' | 'row_number';
  /** Where importance came from: per answer (long), dimension columns (wide), or none. */
  importance: 'answer' | 'dimension' | null;
  /** Wide dimension-importance columns -> dimension. */
  importanceColumns: Record<string, string>;
  /** Input columns kept as respondent attributes in survey_respondents. */
  attributes: string[];
  /** Distinct customer ids among loaded answers; of those, ids in `orders` (null when no orders are loaded). */
  customers: number;
  matchedCustomers: number | null;
  /** Columns present in the input, in order. */
  columns: string[];
  decimal: DecimalStyle;
  /** The CSV field separator found, or null for other formats. */
  delimiter: string | null;
  warnings: string[];
  /** The warnings as notices, one per warning in the same order (`notices[i].text === warnings[i]`), for the interface to translate. */
  notices: Notice[];
  durationMs: number;
}
