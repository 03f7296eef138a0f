import { formatMessage, type MessageParams, type Messages } from './message-format.js';
import { noticesOf, type Notice } from './notice.js';

/**
 * What the ladder of loyalty tells the reader, in English: the evidence messages and rung
 * notes of a ladder, each contact's reason for their place, and what is wrong with ladder
 * rules or a ladder request. The interface translates them (components/base/notices/ladder.ts).
 * It lives in the analytics layer, beside the rules and reasons that word it.
 *
 * Sentences made of a varying number of pieces are nested notices: `ladder.then` strings
 * sentences together, `ladder.why.list` the parts of a reason, `ladder.rules.list` the problems
 * of invalid rules. A number a translation may need a plural for is `n`, even where the
 * English needs none.
 */
export const LADDER_NOTICES = {
  // Evidence messages: what the reader must know about the evidence of the whole ladder.
  'ladder.no-customer-list': 'No customer list: prospects (contacts who never bought) are not known, so the ladder starts at customer.',
  'ladder.feedback-coverage': 'Feedback covers {covered} of the {buyers} buyers; the {n} without feedback can climb no higher than client.',
  'ladder.feedback-unmatched': 'The feedback ({rows} answers from {people} people) matches no customer: check that it uses the same customer ids as the orders.',
  'ladder.feedback-unusable':
    'The feedback has no NPS, review, satisfaction, recommend or referral answer from a buyer ({rows} answers from {people} people).',
  'ladder.feedback-later': 'No feedback dated by {date} ({n} later answers are left out).',
  'ladder.feedback-later-undated': 'No feedback dated by the as-of date ({n} later answers are left out).',
  'ladder.feedback-none': 'No feedback data.',
  'ladder.inferred-supporter': 'Supporter inferred from frequency ({range}).',
  'ladder.inferred-advocate': 'Advocate inferred from frequency ({range}).',
  'ladder.inferred-both': 'Supporter and advocate inferred from frequency ({supporter}; {advocate}).',
  'ladder.missing-supporter': 'Supporter not available.',
  'ladder.missing-advocate': 'Advocate not available.',
  'ladder.missing-both': 'Supporter and advocate not available.',
  'ladder.then': '{first} {then}',
  'ladder.flagged-partners': {
    one: "{n} contact is partners by the rules' list; conversions count them at the rung they earned.",
    other: "{n} contacts are partners by the rules' list; conversions count them at the rung they earned.",
  },
  'ladder.undated-feedback': {
    one: '{n} feedback answer has no date: they count at every date.',
    other: '{n} feedback answers have no date: they count at every date.',
  },
  // A range of F scores, inside the notes and messages of an inferred ladder.
  'ladder.f-score-top': 'F score {max} of {max}',
  'ladder.f-score-range': 'F score {min}-{max} of {max}',
  // Rung notes: shown beside a rung whose evidence is not the data it is defined on.
  'ladder.note.no-customer-list': 'not available: no customer list, so contacts who never bought are not known',
  'ladder.note.no-feedback': 'not available: no feedback data',
  'ladder.note.no-usable-feedback': 'not available: no usable feedback',
  'ladder.note.inferred-no-feedback': 'inferred from frequency ({range}): no feedback data',
  'ladder.note.inferred-no-usable-feedback': 'inferred from frequency ({range}): no usable feedback',
  'ladder.note.partner-flagged-only': 'only contacts flagged as partners: advocates are not known',
  'ladder.note.partner-missing': 'not available: partners must be advocates, and advocates are not known',
  'ladder.note.partner-inferred': 'advocates inferred from frequency, top {share}% of spend, {days}+ days',
  // A contact's reason for their place: parts joined by `ladder.why.list`.
  'ladder.why.list': '{first}; {rest}',
  'ladder.why.flagged': 'flagged as a partner in the ladder rules',
  'ladder.why.no-purchase': 'no purchase yet',
  'ladder.why.bought': { one: 'bought once', other: 'bought {n} times' },
  'ladder.why.bought-twice': 'bought twice',
  'ladder.why.frequency': 'frequency score {score} of {max} (no feedback data)',
  'ladder.why.dated': '{what} ({date})',
  'ladder.why.review': 'latest review {score}',
  'ladder.why.review-of': 'latest review {score} of {max}',
  'ladder.why.satisfaction': 'latest satisfaction score {score}',
  'ladder.why.satisfaction-of': 'latest satisfaction score {score} of {max}',
  'ladder.why.nps': 'latest NPS {score}',
  'ladder.why.referred': 'referred someone',
  'ladder.why.recommend': 'would recommend us: {score}',
  'ladder.why.recommend-of': 'would recommend us: {score} of {max}',
  'ladder.why.seen': '{first}, {second}',
  'ladder.why.no-feedback': 'no feedback from them',
  'ladder.why.recommends-once': '{recommend}, but has not bought again',
  'ladder.why.top-spend': 'top {share}% of spend',
  'ladder.why.customer-since': 'customer since {date}',
  'ladder.why.top-spender-new': 'top spender, customer for {n} days so far',
  'ladder.why.lapsed-prospect': 'lapsed prospect: {reason}; no purchase for {n} days',
  'ladder.why.lapsed-customer': 'lapsed customer: {reason}; no purchase for {n} days',
  'ladder.why.lapsed-client': 'lapsed client: {reason}; no purchase for {n} days',
  'ladder.why.lapsed-supporter': 'lapsed supporter: {reason}; no purchase for {n} days',
  'ladder.why.lapsed-advocate': 'lapsed advocate: {reason}; no purchase for {n} days',
  'ladder.why.lapsed-partner': 'lapsed partner: {reason}; no purchase for {n} days',
  'ladder.why.lapsed-window': '{lapsed} (inactive after {window} days)',
  // What is wrong with ladder rules (LadderRulesError).
  'ladder.rules.invalid': 'Invalid ladder rules:\n- {problems}',
  'ladder.rules.list': '{first}\n- {rest}',
  'ladder.rules.not-json': 'Ladder rules are not valid JSON: {error}',
  'ladder.rules.not-object-list': 'Ladder rules must be an object like {"client": {"minOrders": 2}}, got a list',
  'ladder.rules.not-object-null': 'Ladder rules must be an object like {"client": {"minOrders": 2}}, got null',
  'ladder.rules.not-object': 'Ladder rules must be an object like {"client": {"minOrders": 2}}, got {type}',
  'ladder.rules.unknown-section': 'unknown section "{section}" (known: {known})',
  'ladder.rules.section-not-object': '"{section}" must be an object with fields {fields}',
  'ladder.rules.unknown-field': '{section}: unknown field "{field}" (known: {known})',
  'ladder.rules.bad-value': '{field} {problem}, got {value}',
  'ladder.rules.whole-at-least': 'must be a whole number, at least {min}',
  'ladder.rules.between': 'must be a number from {lo} to {hi}',
  'ladder.rules.above': 'must be a number above {lo} up to {hi}',
  'ladder.rules.nps-point': 'must be a whole NPS point from 0 to 10',
  'ladder.rules.f-score': 'must be an F score from 1 to {max}, or null (not inferred)',
  'ladder.rules.boolean': 'must be true or false',
  'ladder.rules.ids': 'must be a list of customer ids',
  'ladder.rules.window-days': 'must be a positive whole number of days, or null (derived from the data)',
  // What is wrong with a ladder request.
  'ladder.no-orders': 'No orders are loaded: load orders before asking for the ladder.',
  'ladder.from-required': 'from must be an ISO date (YYYY-MM-DD)',
  'ladder.from-not-before': 'from ({from}) must be before the later date ({to})',
} as const satisfies Messages<string>;

export type LadderNoticeCode = keyof typeof LADDER_NOTICES;
export type LadderNotice = Notice<LadderNoticeCode>;

/** A ladder notice worded in English, numbers grouped as counts are (`1,234`): the evidence messages. */
export const ladderNotice = noticesOf<LadderNoticeCode>(LADDER_NOTICES);

/**
 * A ladder notice worded in English with its numbers as bare digits (`1234 days`), as the
 * reasons, rung notes and rule problems have always written them. The params stay numbers, so
 * the interface still formats them for the reader's locale.
 */
export function plainLadderNotice(code: LadderNoticeCode, params: MessageParams = {}): LadderNotice {
  const bare: Record<string, MessageParams[string]> = {};
  for (const [name, value] of Object.entries(params)) bare[name] = typeof value === 'number' ? String(value) : value;
  return { code, params, text: formatMessage(LADDER_NOTICES[code], 'en', bare, 'en-US') };
}

/**
 * Notices chained into one by a joining code (`{first}…{rest}`), right to left: so a list of
 * any length is one notice each language can translate piece by piece. One notice is itself.
 */
export function chainNotices(
  notices: readonly LadderNotice[],
  join: 'ladder.then' | 'ladder.why.list' | 'ladder.rules.list',
): LadderNotice {
  const last = notices.at(-1);
  if (!last) throw new RangeError('chainNotices needs at least one notice');
  const slot = join === 'ladder.then' ? 'then' : 'rest';
  return notices.slice(0, -1).reduceRight<LadderNotice>((rest, first) => plainLadderNotice(join, { first, [slot]: rest }), last);
}
