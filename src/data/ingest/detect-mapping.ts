import type { Notice } from '../../analytics/notice.js';
import { ingestNotice, type IngestNoticeCode } from './ingest-notices.js';
import { FEEDBACK_KIND_WORDS, FEEDBACK_STATUS_WORDS, feedbackWord as kindWord } from '../sql/feedback-ingest-sql.js';
import { CUSTOMER_HEADER_PHRASES, FEEDBACK_HEADER_PHRASES, matchHeader, matchPhrases, normaliseHeader, type HeaderMatch } from './header-dictionary.js';
import {
  CUSTOMER_ROLES,
  FEEDBACK_ROLES,
  ORDER_ROLES,
  type Certainty,
  type ColumnMapping,
  type CustomerColumnMapping,
  type CustomerRole,
  type DateOrder,
  type DecimalStyle,
  type FeedbackColumnMapping,
  type FeedbackKind,
  type FeedbackRole,
  type FeedbackScale,
  type MappingDecision,
  type OrderRole,
} from './types.js';

/** What the values of one input column look like, counted over a sample of rows (see profile SQL). */
export interface ColumnProfile {
  name: string;
  rows: number;
  nonEmpty: number;
  distinct: number;
  /** Values that parse as a date in some style: ISO, d/m/y or m/d/y, yyyymmdd. */
  dates: number;
  /** Slash/dot/dash dates whose first part is over 12 (so day-first) or second part is (month-first). */
  firstOver12: number;
  secondOver12: number;
  /** Slash/dot/dash dates of any kind. */
  slashDates: number;
  numbers: number;
  integers: number;
  /** Values whose separators only make sense with a decimal point / a decimal comma. */
  pointEvidence: number;
  commaEvidence: number;
  samples: string[];
}

/** Detection cannot settle a mapping. Given a notice, the message is its English text and the notice is kept (as IngestError does). */
export class MappingError extends Error {
  override readonly name = 'MappingError';
  /** The message as a notice, when it was worded from a catalog. */
  readonly notice?: Notice;
  constructor(
    message: string | Notice,
    readonly role?: OrderRole | CustomerRole | FeedbackRole,
    readonly column?: string,
  ) {
    super(typeof message === 'string' ? message : message.text);
    if (typeof message !== 'string') this.notice = message;
  }
}

const NUMERIC_ROLES: readonly OrderRole[] = ['amount', 'quantity', 'unit_price', 'margin'];
/** The optional delivery roles: mapping any of them explicitly stops a delivery date standing in for the order date. */
const DELIVERY_ROLES: readonly OrderRole[] = ['promised_date', 'delivered_date', 'review_score'];
const share = (n: number, of: number) => (of === 0 ? 0 : n / of);

/**
 * Does this column's content fit the role? Header matches must pass this too (`via` 'header'):
 * a column whose header names the customer or the order (Cliente, customer_id, Pedido) is not
 * refused for looking like text, since names of people are ids too ("Maria Aparecida dos
 * Santos"), unless the header itself names text (a comment, a message, a review...).
 */
function fits(role: OrderRole, p: ColumnProfile, via: 'header' | 'values' = 'values'): boolean {
  if (p.nonEmpty === 0) return false;
  if (role === 'order_date' || role === 'promised_date' || role === 'delivered_date') return share(p.dates, p.nonEmpty) >= 0.5;
  if (NUMERIC_ROLES.includes(role) || role === 'review_score') return share(p.numbers, p.nonEmpty) >= 0.5;
  if (role === 'customer_id' || role === 'order_id') {
    // Identifiers are not dates, not money and (found by their values) not free text.
    const textVeto = via === 'values' || namesText(p.name);
    return share(p.dates, p.nonEmpty) < 0.5 && share(p.pointEvidence + p.commaEvidence, p.nonEmpty) < 0.5 && !(textVeto && isFreeText(p));
  }
  return true;
}

/** Header words that say a column holds text written by someone: a comment, a message, a review. */
const TEXT_HEADER_WORDS = new Set([
  'comment', 'comments', 'message', 'messages', 'review', 'reviews', 'text', 'note', 'notes', 'remark', 'remarks',
  'description', 'feedback', 'body', 'title', 'subject', 'observation', 'observations',
  'comentario', 'comentarios', 'mensagem', 'mensagens', 'mensaje', 'mensajes', 'texto', 'nota', 'notas',
  'observacao', 'observacoes', 'observacion', 'observaciones', 'descricao', 'descripcion', 'avaliacao', 'resena',
  'commentaire', 'commentaires', 'avis', 'texte', 'ulasan', 'komen', 'mesej', 'catatan',
]);

/** Does the header name text (review_comment_message, Comentário do cliente)? */
export function namesText(header: string): boolean {
  return normaliseHeader(header).split(' ').some((w) => TEXT_HEADER_WORDS.has(w));
}

/**
 * A sample reads like a sentence: four words or more and punctuation that ends a clause or a
 * sentence (`, . ; : ! ?` before a space or the end) after a word of three letters or more, so
 * an initial ("Maria A. Santos") or "Jr." does not count.
 */
function isSentence(v: string): boolean {
  const t = v.trim();
  if (t.split(/\s+/).length < 4) return false;
  return /[!?]/.test(t) || /\p{L}{3,}[,.;:](\s|$)/u.test(t);
}

/**
 * Free text (review comments, messages): mostly unique values, at least half the sampled ones
 * of three words or more, and sentences: 40 characters or more on average, or one of them with
 * sentence punctuation. Names of people ("José Carlos da Silva Pereira") are not free text.
 * Never an id when found by values (see fits).
 */
export function isFreeText(p: Pick<ColumnProfile, 'nonEmpty' | 'distinct' | 'samples'>): boolean {
  if (p.samples.length === 0 || share(p.distinct, p.nonEmpty) < 0.5) return false;
  const wordy = p.samples.filter((v) => v.trim().split(/\s+/).length >= 3).length;
  if (wordy * 2 < p.samples.length) return false;
  const meanLength = p.samples.reduce((a, v) => a + v.length, 0) / p.samples.length;
  return meanLength >= 40 || p.samples.some(isSentence);
}

/** Header words of a measure (a length, a count, a price): never a customer id found by values. */
const MEASURE_HEADER_WORDS = new Set([
  'length', 'lenght', 'len', 'qty', 'quantity', 'quantidade', 'cantidad', 'quantite', 'kuantiti', 'count', 'size',
  'weight', 'peso', 'poids', 'height', 'altura', 'width', 'largura', 'depth', 'value', 'valor', 'price', 'preco',
  'precio', 'prix', 'harga', 'total', 'amount', 'score', 'rating', 'votes', 'vote', 'freight', 'frete', 'shipping',
  'cost', 'tax', 'discount', 'margin', 'cm', 'kg', 'mm', 'days', 'dias', 'age', 'idade', 'edad',
]);

/**
 * Header words of something a customer has but is not (a city, a state, a status, a product
 * category): never a customer id found by values.
 */
const ATTRIBUTE_HEADER_WORDS = new Set([
  'city', 'state', 'country', 'region', 'province', 'zip', 'postal', 'postcode', 'cep', 'address', 'street',
  'cidade', 'estado', 'uf', 'pais', 'bairro', 'ciudad', 'provincia', 'ville', 'pays', 'bandar', 'negeri',
  'status', 'situacao', 'estatus', 'statut', 'category', 'categoria', 'categorie', 'kategori', 'class', 'subclass',
  'classe', 'clase', 'type', 'tipo', 'kind', 'gender', 'genero', 'sexo', 'channel', 'canal', 'product', 'produto',
  'producto', 'produit', 'produk', 'sku', 'item', 'seller', 'vendedor', 'store', 'loja', 'tienda',
]);

/**
 * A measure, not an identifier: named like one (product_description_lenght, order_items_qty,
 * votes_satisfeito), or mostly numbers with decimals, or integers of varying magnitudes
 * (59, 492, 3584: lengths and counts; an id's digits are about as many from value to value).
 */
export function isMeasure(p: Pick<ColumnProfile, 'name' | 'nonEmpty' | 'numbers' | 'integers' | 'samples'>): boolean {
  const words = normaliseHeader(p.name).split(' ');
  if (words.some((w) => MEASURE_HEADER_WORDS.has(w))) return true;
  if (share(p.numbers, p.nonEmpty) < 0.9) return false;
  if (p.integers < p.numbers) return true;
  const digits = p.samples.map((v) => v.trim().replace(/^[-+]/, '')).filter((v) => /^\d+$/.test(v)).map((v) => v.replace(/^0+(?=\d)/, '').length);
  return digits.length >= 2 && Math.max(...digits) - Math.min(...digits) >= 2;
}

/**
 * Could a column be the customer id on its values alone? It repeats (customers come back; a
 * column unique on every row is as much a row number or an order id) and is not free text, a
 * measure or an attribute.
 */
function mayBeCustomerByValues(p: ColumnProfile): boolean {
  if (!fits('customer_id', p) || p.distinct <= 1 || p.distinct >= p.nonEmpty || share(p.nonEmpty, p.rows) < 0.9) return false;
  if (isMeasure(p) || (share(p.numbers, p.nonEmpty) >= 0.5 && p.integers < p.numbers)) return false;
  return !normaliseHeader(p.name).split(' ').some((w) => ATTRIBUTE_HEADER_WORDS.has(w) || TEXT_HEADER_WORDS.has(w));
}

/**
 * Choose a column for each role: explicit mapping first, then header names (checked against
 * the values), then the values alone for the required roles. Pure: profiles in, decision out.
 * Throws a MappingError when a required role has no column, unless `partial` is set.
 */
export function decideMapping(
  profiles: readonly ColumnProfile[],
  options: {
    mapping?: ColumnMapping;
    dateOrder?: DateOrder;
    decimal?: DecimalStyle;
    /** Return a decision with `missing` roles (and questions for them) instead of throwing. */
    partial?: boolean;
  } = {},
  file = 'input',
): MappingDecision {
  const { byName, mapping, certainty, used, columnList } = takeExplicit(ORDER_ROLES, profiles, options.mapping, file);

  const passedOver = takeFromHeaders(profiles, matchHeader, (role, p) => fits(role, p, 'header'), mapping, certainty, used);

  // Values alone, for the roles without which there is nothing to analyse.
  const free = () => profiles.filter((p) => !used.has(p.name));
  if (mapping.order_date === undefined) {
    const best = free()
      .filter((p) => share(p.dates, p.nonEmpty) >= 0.8)
      .sort((a, b) => share(b.dates, b.nonEmpty) - share(a.dates, a.nonEmpty))[0];
    if (best) {
      mapping.order_date = best.name;
      certainty.order_date = 'values';
      used.add(best.name);
    }
  }
  // No column holds order dates, but one named like a delivery date holds dates: a purchase
  // needs a date more than the delivery gap does, so that column is the order date. Not when
  // the user mapped a delivery role: they said what the delivery columns are, so the order
  // date is asked for (or missing) as usual rather than taken from one of them.
  const noteNotices: Notice[] = [];
  let standIn: { column: string; role: 'delivered_date' | 'promised_date' } | undefined;
  const deliveryExplicit = DELIVERY_ROLES.some((role) => certainty[role] === 'explicit');
  if (mapping.order_date === undefined && !deliveryExplicit) {
    for (const role of ['delivered_date', 'promised_date'] as const) {
      const column = mapping[role];
      if (column === undefined) continue;
      mapping.order_date = column;
      certainty.order_date = 'header';
      delete mapping[role];
      delete certainty[role];
      standIn = { column, role };
      noteNotices.push(ingestNotice(role === 'delivered_date' ? 'ingest.order-date-from-delivered' : 'ingest.order-date-from-promised', { column }));
      break;
    }
  }
  if (mapping.amount === undefined && mapping.unit_price === undefined) {
    const best = free()
      .filter((p) => share(p.numbers, p.nonEmpty) >= 0.9 && p.integers < p.numbers)
      .sort((a, b) => b.numbers - b.integers - (a.numbers - a.integers))[0];
    if (best) {
      mapping.amount = best.name;
      certainty.amount = 'guess';
      used.add(best.name);
    }
  }
  if (mapping.customer_id === undefined) {
    // An identifier repeats (customers come back) but has many values: the column with the
    // most distinct values short of one per row. Only a guess: the page asks. Never free text,
    // a measure (a length, a count, a price) or an attribute (a city, a status): with nothing
    // else, the customer id is missing and the load asks or stops.
    const best = free()
      .filter(mayBeCustomerByValues)
      .sort((a, b) => b.distinct - a.distinct)[0];
    if (best) {
      mapping.customer_id = best.name;
      certainty.customer_id = 'guess';
      used.add(best.name);
    }
  }

  // Required roles nothing matched: an error, or with `partial` a question for the user.
  const missing: MappingDecision['missing'] = [];
  const lack = (role: 'customer_id' | 'order_date' | 'amount') => {
    const named = passedOver[role];
    const sample = named?.samples[0];
    // The sentence saying why a column with the role's name was passed over, or nothing.
    const why = !named ? '' : ingestNotice(sample !== undefined ? 'ingest.passed-over-sample' : 'ingest.passed-over', { column: named.name, ...(sample !== undefined ? { sample } : {}) });
    const code = MISSING_ROLE[role];
    const messageNotice = ingestNotice(code.message, { file, columns: columnList, why });
    const questionNotice = ingestNotice(code.question, { why });
    missing.push({ role, message: messageNotice.text, question: questionNotice.text, messageNotice, questionNotice });
  };
  if (mapping.customer_id === undefined) lack('customer_id');
  if (mapping.order_date === undefined) lack('order_date');
  if (mapping.amount === undefined && mapping.unit_price === undefined) lack('amount');
  if (missing.length > 0 && !options.partial) throw new MappingError(missing[0]!.messageNotice ?? missing[0]!.message, missing[0]!.role);

  const dateProfile = mapping.order_date === undefined ? undefined : byName.get(mapping.order_date)!;
  const detected = dateProfile ? decideDateOrder(dateProfile) : { order: 'ymd' as const, certain: true };
  const dateOrder = options.dateOrder ?? detected.order;
  const dateOrderCertain = options.dateOrder !== undefined || detected.certain;
  const decimal = options.decimal ?? decideDecimal(NUMERIC_ROLES.flatMap((r) => (mapping[r] ? [byName.get(mapping[r]!)!] : [])));

  const questionNotices: Notice[] = missing.map((m) => m.questionNotice!);
  for (const role of ['customer_id', 'order_date', 'amount', 'unit_price'] as const) {
    const c = certainty[role];
    if (c === 'values' || c === 'guess') questionNotices.push(ingestNotice(ASK_FROM_VALUES[role], { column: String(mapping[role]) }));
  }
  if (standIn) questionNotices.push(ingestNotice(standIn.role === 'delivered_date' ? 'ingest.ask-order-date-from-delivered' : 'ingest.ask-order-date-from-promised', { column: standIn.column }));
  if (!dateOrderCertain && dateProfile) questionNotices.push(dateOrderQuestionNotice(dateProfile));
  // Canonical role order, so reports read the same whichever way the roles were found.
  const ordered: ColumnMapping = {};
  for (const role of ORDER_ROLES) if (mapping[role] !== undefined) ordered[role] = mapping[role];
  const questions = questionNotices.map((q) => q.text);
  const notes = noteNotices.map((n) => n.text);
  return { mapping: ordered, certainty, dateOrder, dateOrderCertain, decimal, questions, questionNotices, missing, notes, noteNotices };
}

/** A required order role no column was found for: the failure's and the question's codes. */
const MISSING_ROLE = {
  customer_id: { message: 'ingest.missing-customer-id', question: 'ingest.ask-customer-id' },
  order_date: { message: 'ingest.missing-order-date', question: 'ingest.ask-order-date' },
  amount: { message: 'ingest.missing-amount', question: 'ingest.ask-amount' },
} as const;
/** The question for a role found from its values, not its name. */
const ASK_FROM_VALUES = {
  customer_id: 'ingest.ask-values-customer-id',
  order_date: 'ingest.ask-values-order-date',
  amount: 'ingest.ask-values-amount',
  unit_price: 'ingest.ask-values-unit-price',
} as const;

/**
 * Start a decision: an explicit mapping wins over detection; it must name known roles and
 * existing columns. Returns the decision so far and what later steps look columns up in.
 */
function takeExplicit<R extends string>(
  roles: readonly R[],
  profiles: readonly ColumnProfile[],
  given: Partial<Record<R, string>> | undefined,
  file: string,
) {
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const mapping: Partial<Record<R, string>> = {};
  const certainty: Partial<Record<R, Certainty>> = {};
  const used = new Set<string>();
  const columnList = profiles.map((p) => `"${p.name}"`).join(', ');
  for (const [role, column] of Object.entries(given ?? {}) as [string, string | undefined][]) {
    if (column === undefined || column === '') continue;
    if (!(roles as readonly string[]).includes(role)) {
      throw new MappingError(ingestNotice('ingest.unknown-role', { role, roles: roles.join(', ') }));
    }
    if (!byName.has(column)) {
      throw new MappingError(
        ingestNotice('ingest.mapped-column-missing', { file, column, role, columns: columnList }),
        role as OrderRole | CustomerRole | FeedbackRole,
        column,
      );
    }
    mapping[role as R] = column;
    certainty[role as R] = 'explicit';
    used.add(column);
  }
  return { byName, mapping, certainty, used, columnList };
}

/**
 * Header names: every (column, role) pair a header suggests, strongest first, taken when the
 * values fit. Returns, per role, a column whose name says the role but whose values do not
 * fit: if no other column takes the role, the user sees why it was passed over.
 */
function takeFromHeaders<R extends string>(
  profiles: readonly ColumnProfile[],
  match: (header: string) => HeaderMatch<R>[],
  fitsRole: (role: R, p: ColumnProfile) => boolean,
  mapping: Partial<Record<R, string>>,
  certainty: Partial<Record<R, Certainty>>,
  used: Set<string>,
): Partial<Record<R, ColumnProfile>> {
  const candidates = profiles.flatMap((p, index) => match(p.name).map((m) => ({ ...m, column: p.name, index, profile: p })));
  candidates.sort((a, b) => b.strength - a.strength || a.rank - b.rank || a.index - b.index);
  const passedOver: Partial<Record<R, ColumnProfile>> = {};
  for (const c of candidates) {
    if (!fitsRole(c.role, c.profile) && c.strength === 3) passedOver[c.role] ??= c.profile;
    if (mapping[c.role] !== undefined || used.has(c.column) || !fitsRole(c.role, c.profile)) continue;
    mapping[c.role] = c.column;
    certainty[c.role] = 'header';
    used.add(c.column);
  }
  return passedOver;
}

export interface CustomerMappingDecision {
  mapping: CustomerColumnMapping;
  certainty: Partial<Record<CustomerRole, Certainty>>;
  /** Why a column named like a role was not used, for the report's warnings. */
  notes: string[];
  /** The notes as notices, in the same order (`noteNotices[i].text === notes[i]`). */
  noteNotices: Notice[];
}

/**
 * Columns of a table keyed by customer id (a customer list, feedback): explicit mapping first,
 * then header names checked against the values (the same dictionary as orders for the customer
 * id). No guessing from values alone: without a recognisable customer id column it is an error
 * naming the columns. A date role whose named column holds no dates gets a note.
 */
function decideKeyedMapping<R extends string>(
  roles: readonly R[],
  phrases: Record<R, readonly string[]>,
  fitsRole: (role: R, p: ColumnProfile) => boolean,
  dateRole: R,
  dateNotTaken: { plain: IngestNoticeCode; sample: IngestNoticeCode },
  profiles: readonly ColumnProfile[],
  given: Partial<Record<R, string>> | undefined,
  file: string,
  idOptional = false,
) {
  const { mapping, certainty, used, columnList } = takeExplicit(roles, profiles, given, file);
  const passedOver = takeFromHeaders(profiles, (h) => matchPhrases(h, phrases), fitsRole, mapping, certainty, used);
  let noCustomerIdNotice: Notice | null = null;
  if (mapping['customer_id' as R] === undefined) {
    const named = passedOver['customer_id' as R];
    const why = named ? ingestNotice('ingest.passed-over-id', { column: named.name }) : '';
    noCustomerIdNotice = ingestNotice('ingest.missing-customer-id', { file, columns: columnList, why });
    if (!idOptional) throw new MappingError(noCustomerIdNotice, 'customer_id');
  }
  const noteNotices: Notice[] = [];
  const date = passedOver[dateRole];
  if (mapping[dateRole] === undefined && date) noteNotices.push(notTakenNotice(date, dateNotTaken));
  const ordered: Partial<Record<R, string>> = {};
  for (const role of roles) if (mapping[role] !== undefined) ordered[role] = mapping[role];
  return { mapping: ordered, certainty, noteNotices, passedOver, noCustomerIdNotice };
}

/** The note for a column named like a role whose values do not fit it, with a sample value when there is one. */
function notTakenNotice(p: ColumnProfile, codes: { plain: IngestNoticeCode; sample: IngestNoticeCode }): Notice {
  const sample = p.samples[0];
  return sample !== undefined ? ingestNotice(codes.sample, { column: p.name, sample }) : ingestNotice(codes.plain, { column: p.name });
}

/**
 * Columns of a customer list: explicit mapping first, then header names checked against the
 * values (the same dictionary as orders for the customer id). No guessing from values alone:
 * a list without a recognisable customer id column is an error naming the columns.
 */
export function decideCustomerMapping(
  profiles: readonly ColumnProfile[],
  options: { mapping?: CustomerColumnMapping } = {},
  file = 'input',
): CustomerMappingDecision {
  // A signup date must look like dates, an id like an id; a name may be any non-empty text.
  const fitsCustomer = (role: CustomerRole, p: ColumnProfile) =>
    role === 'name' ? p.nonEmpty > 0 : fits(role === 'signup_date' ? 'order_date' : 'customer_id', p, 'header');
  const { mapping, certainty, noteNotices } = decideKeyedMapping(
    CUSTOMER_ROLES, CUSTOMER_HEADER_PHRASES, fitsCustomer, 'signup_date',
    { plain: 'customers.signup-date-not-dates', sample: 'customers.signup-date-not-dates-sample' }, profiles, options.mapping, file,
  );
  return { mapping, certainty, notes: noteNotices.map((n) => n.text), noteNotices };
}

export interface FeedbackMappingDecision {
  mapping: FeedbackColumnMapping;
  certainty: Partial<Record<FeedbackRole, Certainty>>;
  /** Why a column named like a role was not used, for the report's warnings. */
  notes: string[];
  /** The notes as notices, in the same order (`noteNotices[i].text === notes[i]`). */
  noteNotices: Notice[];
  /**
   * Without a customer id column: the error to give when the file's rows need one (rows of a
   * scored kind or referrals); complaints, suggestions and compliments load without. Else null.
   */
  noCustomerId: string | null;
  /** `noCustomerId` as a notice (its text), or null. */
  noCustomerIdNotice: Notice | null;
}

/** Of the non-blank values of a column named like a category, this share must be kind words for it to be the kind. */
export const KIND_WORD_SHARE = 0.8;

/**
 * Columns of a feedback file, found as a customer list's are: a date and an answered date must
 * hold dates and a score numbers; a status mostly words of FEEDBACK_STATUS_WORDS (so an order
 * status of "delivered" is not one); kind, scale, text, channel and category any text. A
 * column named like a category whose values are mostly kinds (complaint, suggestion...: at
 * least KIND_WORD_SHARE of its non-blank values, the rest rejected later as unknown kinds) is
 * the kind, when no other column is. `kindShares` gives that share per column over more rows
 * than the profile's samples (the ingest counts it); without, the samples decide. A customer id
 * is not required here: see `noCustomerId`.
 */
export function decideFeedbackMapping(
  profiles: readonly ColumnProfile[],
  options: { mapping?: FeedbackColumnMapping; kindWords?: Record<string, FeedbackKind>; kindShares?: Record<string, number> } = {},
  file = 'input',
): FeedbackMappingDecision {
  const fitsFeedback = (role: FeedbackRole, p: ColumnProfile) =>
    role === 'customer_id' ? fits('customer_id', p, 'header')
    : role === 'date' || role === 'answered_date' ? fits('order_date', p)
    : role === 'score' ? fits('amount', p)
    : role === 'status' ? p.samples.filter((v) => kindWord(v) in FEEDBACK_STATUS_WORDS).length * 2 >= p.samples.length && p.samples.length > 0
    : p.nonEmpty > 0;
  const { mapping, certainty, noteNotices, passedOver, noCustomerIdNotice } = decideKeyedMapping(
    FEEDBACK_ROLES, FEEDBACK_HEADER_PHRASES, fitsFeedback, 'date',
    { plain: 'ingest.feedback-date-not-dates', sample: 'ingest.feedback-date-not-dates-sample' }, profiles, options.mapping, file, true,
  );
  const category = mapping.category === undefined ? undefined : profiles.find((p) => p.name === mapping.category);
  if (mapping.kind === undefined && category && certainty.category !== 'explicit' && kindWordShare(category, options.kindWords, options.kindShares) >= KIND_WORD_SHARE) {
    mapping.kind = category.name;
    certainty.kind = certainty.category!;
    delete mapping.category;
    delete certainty.category;
  }
  const score = passedOver.score;
  if (mapping.score === undefined && score) noteNotices.push(notTakenNotice(score, { plain: 'ingest.score-not-numbers', sample: 'ingest.score-not-numbers-sample' }));
  const ordered: FeedbackColumnMapping = {};
  for (const role of FEEDBACK_ROLES) if (mapping[role] !== undefined) ordered[role] = mapping[role];
  return {
    mapping: ordered,
    certainty,
    notes: noteNotices.map((n) => n.text),
    noteNotices,
    noCustomerId: noCustomerIdNotice?.text ?? null,
    noCustomerIdNotice,
  };
}

/** Share of a column's non-blank values that are kind words (Rapport's or the caller's): counted, else from its samples. */
function kindWordShare(p: ColumnProfile, own: Record<string, FeedbackKind> = {}, counted: Record<string, number> = {}): number {
  const known = counted[p.name];
  if (known !== undefined) return known;
  const words = new Set(Object.keys(own).map(kindWord));
  const samples = p.samples.filter((v) => v.trim() !== '');
  return samples.length === 0 ? 0 : samples.filter((v) => kindWord(v) in FEEDBACK_KIND_WORDS || words.has(kindWord(v))).length / samples.length;
}

/**
 * The kind of every row of a file with no kind column, from the score column's header: `nps`
 * when it speaks of NPS, promoters, recommending or likelihood, `review` when of ratings,
 * reviews or stars, else `satisfaction`.
 */
export function defaultFeedbackKind(scoreHeader: string | undefined): FeedbackKind {
  const words = ` ${normaliseHeader(scoreHeader ?? '')} `;
  if (/ (nps|promoter|promoters|recommend|recommendation|likely|likelihood|recomendacao|recomendar) /.test(words)) return 'nps';
  if (/ (rating|ratings|review|reviews|star|stars|avaliacao|resena|avis) /.test(words)) return 'review';
  return 'satisfaction';
}

/**
 * The scale of a kind's scores when nothing states it: 0-10 for NPS and recommend; otherwise
 * the smallest usual scale holding the largest score seen: 1-5, 1-7, 0-10 (1-10 when no score
 * is below 1), else 0-100 (scores above 100 are then out of range: only a stated scale will do).
 */
export function inferFeedbackScale(kind: FeedbackKind, observed: { min: number; max: number }): FeedbackScale {
  if (kind === 'nps' || kind === 'recommend') return { min: 0, max: 10 };
  const { min, max } = observed;
  if (max <= 5) return { min: 1, max: 5 };
  if (max <= 7) return { min: 1, max: 7 };
  if (max <= 10) return { min: min >= 1 ? 1 : 0, max: 10 };
  return { min: 0, max: 100 };
}

/** The question asked when no value settles day/month against month/day. */
export function dateOrderQuestion(p: Pick<ColumnProfile, 'name' | 'samples'>): string {
  return dateOrderQuestionNotice(p).text;
}

/** dateOrderQuestion as a notice. */
export function dateOrderQuestionNotice(p: Pick<ColumnProfile, 'name' | 'samples'>): Notice {
  return ingestNotice('ingest.ask-date-order', { column: p.name, sample: p.samples[0] ?? '' });
}

/**
 * Day-first or month-first, from the slash dates' parts over 12. ISO-only columns are `ymd`
 * and certain. When no value settles it, day-first is the guess (most of the world) and
 * `certain` is false so the page can ask.
 */
export function decideDateOrder(p: Pick<ColumnProfile, 'slashDates' | 'firstOver12' | 'secondOver12'>): {
  order: DateOrder;
  certain: boolean;
} {
  if (p.slashDates === 0) return { order: 'ymd', certain: true };
  if (p.firstOver12 > 0 && p.secondOver12 === 0) return { order: 'dmy', certain: true };
  if (p.secondOver12 > 0 && p.firstOver12 === 0) return { order: 'mdy', certain: true };
  if (p.firstOver12 === 0 && p.secondOver12 === 0) return { order: 'dmy', certain: false };
  // Both occur: the column mixes styles or has typos; go with the majority, not certain.
  return { order: p.firstOver12 >= p.secondOver12 ? 'dmy' : 'mdy', certain: false };
}

export function decideDecimal(profiles: readonly Pick<ColumnProfile, 'pointEvidence' | 'commaEvidence'>[]): DecimalStyle {
  let point = 0;
  let comma = 0;
  for (const p of profiles) {
    point += p.pointEvidence;
    comma += p.commaEvidence;
  }
  return comma > point ? 'comma' : 'point';
}
