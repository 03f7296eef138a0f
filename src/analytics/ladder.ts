/**
 * The ladder of loyalty: rungs, rules, result types and the plain-words reasons. Pure: no DOM,
 * no database. `data/sql/ladder-sql.ts` turns resolved rules into SQL.
 *
 * Rungs, bottom to top: prospect -> customer -> client -> supporter -> advocate -> partner,
 * plus the side exit `lapsed`. Every known contact (a listed customer, or anyone who bought on
 * or before the as-of date) is on exactly one place: the highest rung whose conditions hold,
 * or lapsed. Rungs are cumulative: each needs the rung below it.
 *
 * Default rules (all editable, see LadderRules):
 * - prospect: listed in the customer list, no purchase by the as-of date;
 * - customer: one purchase (an order that is not a return);
 * - client: `client.minOrders` (2) purchases or more;
 * - supporter: a client with a positive attitude: their latest review or satisfaction score in
 *   the top two boxes (normalised score >= `supporter.topBox`, 0.75: 4-5 of 5, 6-7 of 7, 8-10
 *   of 10), or their latest NPS a passive one (`supporter.npsMin`, 7, or more);
 * - advocate: a supporter who recommends: latest NPS `advocate.npsMin` (9) or more, a referral
 *   recorded (`advocate.referral`), or latest recommend intention in the top box
 *   (`advocate.recommendTopBox`, 0.75). Recommending counts as a positive attitude when the
 *   customer gave no review, satisfaction or NPS score; when they did, those must be positive;
 * - partner: an advocate of top value (net spend in the top `partner.topSpendShare`, 10%, of
 *   buyers) with long tenure (first purchase at least `partner.minTenureDays`, 365, before the
 *   as-of date); or any contact whose id is in `partner.ids` (a contract, co-creation...);
 * - lapsed: a customer or higher (not a flagged partner) whose last purchase is more than the
 *   inactivity window before the as-of date (`lapsed.windowDays`; default derived from the data
 *   as for customer types).
 * Feedback counts when dated on or before the as-of date (undated answers count at every date);
 * for scores the latest answer of each kind is the customer's current view. NPS is read as a
 * point 0-10 (the score itself on a 0-10 or 1-10 scale). Contacts flagged as partners are placed
 * at partner; the conversions count them at the rung they earned. When no loaded feedback matches any contact, attitude is
 * missing evidence: supporter is inferred from the RFM frequency score
 * (`withoutFeedback.supporterMinFScore`, 4: F score 4 or 5 of 5) and advocate is not available
 * unless `withoutFeedback.advocateMinFScore` is set. The result says which (LadderEvidence).
 */

import { chainNotices, plainLadderNotice, type LadderNotice, type LadderNoticeCode } from './ladder-notices.js';
import type { Notice } from './notice.js';

export const LADDER_RUNGS = ['prospect', 'customer', 'client', 'supporter', 'advocate', 'partner'] as const;
export type LadderRung = (typeof LADDER_RUNGS)[number];
export const LAPSED = 'lapsed';
/** Where a contact is: a rung, or lapsed. */
export type LadderPlace = LadderRung | typeof LAPSED;
export const LADDER_PLACES: readonly LadderPlace[] = [...LADDER_RUNGS, LAPSED];

/** Display labels. */
export const RUNG_LABELS: Record<LadderPlace, string> = {
  prospect: 'Prospect',
  customer: 'Customer',
  client: 'Client',
  supporter: 'Supporter',
  advocate: 'Advocate',
  partner: 'Partner',
  lapsed: 'Lapsed',
};

/** 0 for prospect .. 5 for partner. */
export function rungIndex(rung: LadderRung): number {
  return LADDER_RUNGS.indexOf(rung);
}

export interface LadderRules {
  client: { minOrders: number };
  supporter: { topBox: number; npsMin: number };
  advocate: { npsMin: number; referral: boolean; recommendTopBox: number };
  partner: { topSpendShare: number; minTenureDays: number; ids: string[] };
  withoutFeedback: { supporterMinFScore: number | null; advocateMinFScore: number | null };
  lapsed: { windowDays: number | null };
}

/** Partial rules as a user writes them: any subset of sections and fields. */
export type LadderRulesInput = { [S in keyof LadderRules]?: Partial<LadderRules[S]> };

export const DEFAULT_LADDER_RULES: Readonly<LadderRules> = Object.freeze({
  client: { minOrders: 2 },
  supporter: { topBox: 0.75, npsMin: 7 },
  advocate: { npsMin: 9, referral: true, recommendTopBox: 0.75 },
  partner: { topSpendShare: 0.1, minTenureDays: 365, ids: [] },
  withoutFeedback: { supporterMinFScore: 4, advocateMinFScore: null },
  lapsed: { windowDays: null },
});

/** The F scores of the inference run 1..FREQUENCY_BINS (RFM quantile scoring, default bins). */
export const FREQUENCY_BINS = 5;

/**
 * Ladder rules that cannot be used. `problems` says each problem in English (the command line
 * lists them); `problemNotices` are the same as notices (`problemNotices[i].text ===
 * problems[i]`) and `notice` is the whole message as one, for the interface to translate.
 */
export class LadderRulesError extends Error {
  override readonly name = 'LadderRulesError';
  readonly problems: readonly string[];
  readonly notice: Notice;
  constructor(readonly problemNotices: readonly Notice[]) {
    const notice =
      problemNotices.length === 1
        ? (problemNotices[0] as Notice)
        : plainLadderNotice('ladder.rules.invalid', { problems: chainNotices(problemNotices as LadderNotice[], 'ladder.rules.list') });
    super(notice.text);
    this.problems = problemNotices.map((p) => p.text);
    this.notice = notice;
  }
}

type Check = (v: unknown) => LadderNotice | null;
const wholeAtLeast = (min: number): Check => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min ? null : plainLadderNotice('ladder.rules.whole-at-least', { min });
const between = (lo: number, hi: number, open = false): Check => (v) =>
  typeof v === 'number' && Number.isFinite(v) && (open ? v > lo : v >= lo) && v <= hi
    ? null
    : plainLadderNotice(open ? 'ladder.rules.above' : 'ladder.rules.between', { lo, hi });
const npsPoint: Check = (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10 ? null : plainLadderNotice('ladder.rules.nps-point'));
const fScore: Check = (v) =>
  v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= FREQUENCY_BINS)
    ? null
    : plainLadderNotice('ladder.rules.f-score', { max: FREQUENCY_BINS });
const bool: Check = (v) => (typeof v === 'boolean' ? null : plainLadderNotice('ladder.rules.boolean'));
const ids: Check = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x)))
    ? null
    : plainLadderNotice('ladder.rules.ids');
const windowDays: Check = (v) =>
  v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 1) ? null : plainLadderNotice('ladder.rules.window-days');

const CHECKS: { [S in keyof LadderRules]: Record<keyof LadderRules[S], Check> } = {
  client: { minOrders: wholeAtLeast(2) },
  supporter: { topBox: between(0, 1, true), npsMin: npsPoint },
  advocate: { npsMin: npsPoint, referral: bool, recommendTopBox: between(0, 1, true) },
  partner: { topSpendShare: between(0, 1, true), minTenureDays: wholeAtLeast(0), ids },
  withoutFeedback: { supporterMinFScore: fScore, advocateMinFScore: fScore },
  lapsed: { windowDays },
};

function copyDefaults(): LadderRules {
  return JSON.parse(JSON.stringify(DEFAULT_LADDER_RULES)) as LadderRules;
}

/**
 * Ladder rules from JSON text or values: any subset of sections and fields, merged over the
 * defaults. Every problem (unknown section or field, bad value) is reported in one
 * LadderRulesError. Customer ids in `partner.ids` are trimmed, as ids are on load.
 */
export function resolveLadderRules(input?: string | LadderRulesInput | null): LadderRules {
  let value: unknown = input ?? {};
  if (typeof value === 'string') {
    if (value.trim() === '') value = {};
    else {
      try {
        value = JSON.parse(value);
      } catch (e) {
        throw new LadderRulesError([plainLadderNotice('ladder.rules.not-json', { error: (e as Error).message })]);
      }
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LadderRulesError([
      Array.isArray(value)
        ? plainLadderNotice('ladder.rules.not-object-list')
        : value === null
          ? plainLadderNotice('ladder.rules.not-object-null')
          : plainLadderNotice('ladder.rules.not-object', { type: typeof value }),
    ]);
  }
  const rules = copyDefaults();
  const problems: Notice[] = [];
  const sections = Object.keys(CHECKS) as (keyof LadderRules)[];
  for (const [section, fields] of Object.entries(value as Record<string, unknown>)) {
    if (!(sections as string[]).includes(section)) {
      problems.push(plainLadderNotice('ladder.rules.unknown-section', { section, known: sections.join(', ') }));
      continue;
    }
    const checks = CHECKS[section as keyof LadderRules] as Record<string, Check>;
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
      problems.push(plainLadderNotice('ladder.rules.section-not-object', { section, fields: Object.keys(checks).join(', ') }));
      continue;
    }
    for (const [field, v] of Object.entries(fields as Record<string, unknown>)) {
      const check = checks[field];
      if (!check) {
        problems.push(plainLadderNotice('ladder.rules.unknown-field', { section, field, known: Object.keys(checks).join(', ') }));
        continue;
      }
      const problem = check(v);
      // JSON.stringify of undefined is undefined, which the template wrote as the word.
      if (problem) problems.push(plainLadderNotice('ladder.rules.bad-value', { field: `${section}.${field}`, problem, value: String(JSON.stringify(v)) }));
      else (rules[section as keyof LadderRules] as Record<string, unknown>)[field] = field === 'ids' ? (v as unknown[]).map((x) => String(x).trim()).filter((x) => x !== '') : v;
    }
  }
  if (problems.length > 0) throw new LadderRulesError(problems);
  return rules;
}

/** One line per rung: the rules in plain words, for the UI's legend and the CLI. */
export function describeLadderRules(r: LadderRules): Record<LadderPlace, string> {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const adv = [`latest NPS ${r.advocate.npsMin} or more`];
  if (r.advocate.referral) adv.push('a referral recorded');
  adv.push(`latest intention to recommend at ${pct(r.advocate.recommendTopBox)} of the scale or more`);
  return {
    prospect: 'a listed contact with no purchase yet',
    customer: 'bought once',
    client: `bought ${r.client.minOrders} times or more`,
    supporter: `a client whose latest review or satisfaction score is at ${pct(r.supporter.topBox)} of the scale or more, or whose latest NPS is ${r.supporter.npsMin} or more`,
    advocate: `a supporter who recommends us: ${adv.join(', or ')}`,
    partner: `an advocate in the top ${pct(r.partner.topSpendShare)} of spend who first bought at least ${r.partner.minTenureDays} days ago${r.partner.ids.length ? `, or one of the ${r.partner.ids.length} contacts flagged as partners` : ''}`,
    lapsed: 'a customer or higher whose last purchase is older than the inactivity window',
  };
}

/** How a rung's evidence was found. */
export type RungBasis = 'orders' | 'customer-list' | 'feedback' | 'frequency' | 'missing';

export interface RungEvidence {
  basis: RungBasis;
  /** Plain words (English), shown beside the rung when the basis is not the data the rung is defined on. */
  note: string | null;
  /**
   * The note as a notice, for the interface to say in the reader's language (`noteNotice.text
   * === note`); null with no note. The ladder always gives it; a result built by hand may not.
   */
  noteNotice?: Notice | null;
}

export interface LadderEvidence {
  /** A customer list is loaded: prospects are known. */
  customerList: boolean;
  /**
   * Feedback state: `matched` (some buyers have an answer that can place them), `unmatched`
   * (loaded, but no id is a contact), `unusable` (contacts answered, but nothing that can place a
   * buyer: only complaints, or only prospects), or `absent` (none dated by the as-of date).
   */
  feedback: 'matched' | 'unmatched' | 'unusable' | 'absent';
  /** Feedback rows dated on or before the as-of date. */
  feedbackRows: number;
  /** Distinct ids in that feedback, how many of them are contacts, and how many buyers have an answer that can place them. */
  feedbackCustomers: number;
  matchedCustomers: number;
  placingCustomers: number;
  /** How each rung was decided. */
  rungs: Record<LadderRung, RungEvidence>;
  /** Everything the reader must know, in plain words (English: missing or inferred evidence). */
  messages: string[];
  /**
   * The messages as notices, for the interface to translate: `messageNotices[i].text ===
   * messages[i]`. The ladder always gives them; a result built by hand may not.
   */
  messageNotices?: Notice[];
}

/**
 * The evidence without its notices: the English fields only, as the command line's `--json`
 * has always printed them (keys in the same order).
 */
export function evidenceInEnglish(e: LadderEvidence): LadderEvidence {
  const { messageNotices: _notices, ...english } = e;
  const rungs = Object.fromEntries(Object.entries(e.rungs).map(([rung, { noteNotice: _note, ...evidence }]) => [rung, evidence]));
  return { ...english, rungs: rungs as Record<LadderRung, RungEvidence> };
}

export interface LadderRungRow {
  rung: LadderRung;
  /** Contacts on this rung now (lapsed ones are under `lapsed`). */
  customers: number;
  /** Contacts who reached this rung or higher (lapsed ones counted at the rung they lapsed from). */
  reached: number;
  /** Net revenue (returns netted in, up to the as-of date) of the customers on this rung. */
  revenue: number;
  averageValue: number | null;
  /** reached(next) / reached(this); null for partner or when nobody reached this rung. */
  conversionToNext: number | null;
  /** 1 - conversionToNext. */
  dropOff: number | null;
  /** Median days from reaching this rung to reaching the next, over those who climbed it with both dates known. */
  medianDaysToNext: number | null;
  /** False when the rung cannot be told from the data loaded (its count is then not a finding). */
  available: boolean;
}

export interface LadderLapsed {
  customers: number;
  revenue: number;
  /** Lapsed contacts by the rung they had reached. */
  from: Record<LadderRung, number>;
  windowDays: number;
  windowDerived: boolean;
}

export interface LadderResult {
  /** The as-of date (ISO): given, or the day after the last order; null with no orders. */
  asOf: string | null;
  /** All known contacts: the sum of every rung's customers plus lapsed. */
  contacts: number;
  rungs: LadderRungRow[];
  lapsed: LadderLapsed;
  evidence: LadderEvidence;
  rules: LadderRules;
}

export type LadderFlowFrom = LadderPlace | 'new';

export interface LadderFlow {
  from: LadderFlowFrom;
  to: LadderPlace;
  customers: number;
}

/** The ladder at two dates and who moved between them. */
export interface LadderComparison {
  from: LadderResult;
  to: LadderResult;
  /** Every non-empty (from, to) pair; `new` = not yet a contact at the first date. */
  flows: LadderFlow[];
  summary: { climbed: number; slipped: number; lapsed: number; returned: number; stayed: number; new: number };
}

/** How a flow counts in the summary. */
export function flowKind(from: LadderFlowFrom, to: LadderPlace): keyof LadderComparison['summary'] {
  if (from === 'new') return 'new';
  if (from === to) return 'stayed';
  if (to === LAPSED) return 'lapsed';
  if (from === LAPSED) return 'returned';
  return rungIndex(to) > rungIndex(from) ? 'climbed' : 'slipped';
}

/**
 * What the engine knows about one contact, as the ladder SQL returns it: the facts behind the
 * rung, from which `ladderReason` writes the explanation.
 */
export interface LadderFacts {
  rung: LadderPlace;
  /** For lapsed contacts: the rung reached before lapsing; else the same as rung. */
  climbed: LadderRung;
  flagged: boolean;
  purchases: number;
  days_since_last: number | null;
  first_order: string | null;
  tenure_days: number | null;
  /** True when net spend is in the top share of buyers. */
  top_value: boolean;
  f_score: number | null;
  /** Latest NPS as a 0-10 point, and its date. */
  nps: number | null;
  nps_date: string | null;
  /** The latest review or satisfaction answer: kind, score on its scale, normalised 0..1, date. */
  attitude_kind: string | null;
  attitude_score: number | null;
  attitude_scale_max: number | null;
  attitude_normalised: number | null;
  attitude_date: string | null;
  /** Latest recommend intention, normalised 0..1, and its date. */
  recommend_normalised: number | null;
  recommend_score: number | null;
  recommend_scale_max: number | null;
  recommend_date: string | null;
  /** A referral is recorded (dated or not), and the latest one's date. */
  referred: boolean;
  referral_date: string | null;
}

const num = (x: number) => (Number.isInteger(x) ? x : Math.round(x * 10) / 10);
const why = plainLadderNotice;
/** A phrase with its date in brackets, when it has one. */
const dated = (what: LadderNotice, date: string | null) => (date ? why('ladder.why.dated', { what, date }) : what);

function attitudeWords(f: LadderFacts): LadderNotice | null {
  if (f.attitude_kind === null || f.attitude_score === null) return null;
  const review = f.attitude_kind === 'review';
  const score = num(f.attitude_score);
  const words =
    f.attitude_scale_max === null
      ? why(review ? 'ladder.why.review' : 'ladder.why.satisfaction', { score })
      : why(review ? 'ladder.why.review-of' : 'ladder.why.satisfaction-of', { score, max: num(f.attitude_scale_max) });
  return dated(words, f.attitude_date);
}

function npsWords(f: LadderFacts): LadderNotice | null {
  return f.nps === null ? null : dated(why('ladder.why.nps', { score: num(f.nps) }), f.nps_date);
}

function recommendWords(f: LadderFacts, r: LadderRules): LadderNotice | null {
  if (f.nps !== null && f.nps >= r.advocate.npsMin) return npsWords(f);
  if (r.advocate.referral && f.referred) return dated(why('ladder.why.referred'), f.referral_date);
  if (f.recommend_normalised !== null && f.recommend_normalised >= r.advocate.recommendTopBox && f.recommend_score !== null) {
    const score = num(f.recommend_score);
    const words =
      f.recommend_scale_max === null
        ? why('ladder.why.recommend', { score })
        : why('ladder.why.recommend-of', { score, max: num(f.recommend_scale_max) });
    return dated(words, f.recommend_date);
  }
  return null;
}

/** The F score behind an inferred rung (a missing score reads "null", as it always has). */
const frequencyWords = (f: LadderFacts) => why('ladder.why.frequency', { score: f.f_score ?? String(f.f_score), max: FREQUENCY_BINS });

function supportWords(f: LadderFacts, r: LadderRules, inferred: boolean): LadderNotice | null {
  if (inferred) return f.f_score !== null ? frequencyWords(f) : null;
  if (f.attitude_normalised !== null && f.attitude_normalised >= r.supporter.topBox) return attitudeWords(f);
  if (f.nps !== null && f.nps >= r.supporter.npsMin) return npsWords(f);
  return null;
}

const LAPSED_FROM: Record<LadderRung, LadderNoticeCode> = {
  prospect: 'ladder.why.lapsed-prospect',
  customer: 'ladder.why.lapsed-customer',
  client: 'ladder.why.lapsed-client',
  supporter: 'ladder.why.lapsed-supporter',
  advocate: 'ladder.why.lapsed-advocate',
  partner: 'ladder.why.lapsed-partner',
};

/**
 * Why a contact is where they are, in one plain sentence built from their facts and the rules.
 * `inferred` is true when attitude was inferred from frequency (no matching feedback);
 * `windowDays`, the inactivity window used, is named for lapsed contacts when given.
 */
export function ladderReason(f: LadderFacts, r: LadderRules, inferred = false, windowDays?: number): string {
  return ladderReasonNotice(f, r, inferred, windowDays).text;
}

/** The reason of ladderReason as a notice (its `text` is that sentence), for the interface to translate. */
export function ladderReasonNotice(f: LadderFacts, r: LadderRules, inferred = false, windowDays?: number): LadderNotice {
  if (f.flagged) return why('ladder.why.flagged');
  const bought =
    f.purchases === 0 ? why('ladder.why.no-purchase') : f.purchases === 2 ? why('ladder.why.bought-twice') : why('ladder.why.bought', { n: f.purchases });
  const parts: LadderNotice[] = [bought];
  const climbed = f.climbed;
  const idx = rungIndex(climbed);
  if (idx >= rungIndex('supporter')) {
    const s = supportWords(f, r, inferred);
    if (idx === rungIndex('supporter') && s) parts.push(s);
  }
  if (idx >= rungIndex('advocate')) {
    const a = inferred ? frequencyWords(f) : recommendWords(f, r);
    if (a) parts.push(a);
  }
  if (climbed === 'partner') {
    parts.push(why('ladder.why.top-spend', { share: Math.round(r.partner.topSpendShare * 100) }));
    if (f.first_order) parts.push(why('ladder.why.customer-since', { date: f.first_order }));
  }
  // What held them back from the next rung, when it is telling.
  if (climbed === 'client' && !inferred) {
    const [first, second] = [attitudeWords(f), npsWords(f)].filter((x): x is LadderNotice => x !== null);
    parts.push(first ? (second ? why('ladder.why.seen', { first, second }) : first) : why('ladder.why.no-feedback'));
  } else if (climbed === 'customer') {
    const rec = inferred ? null : recommendWords(f, r);
    if (rec) parts.push(why('ladder.why.recommends-once', { recommend: rec }));
  } else if (climbed === 'advocate' && f.top_value && f.tenure_days !== null && f.tenure_days < r.partner.minTenureDays) {
    parts.push(why('ladder.why.top-spender-new', { n: f.tenure_days }));
  }
  const reason = chainNotices(parts, 'ladder.why.list');
  if (f.rung === LAPSED) {
    // A missing day count reads "null", as it always has.
    const lapsed = why(LAPSED_FROM[climbed], { reason, n: f.days_since_last ?? String(f.days_since_last) });
    return windowDays === undefined ? lapsed : why('ladder.why.lapsed-window', { lapsed, window: windowDays });
  }
  return reason;
}
