import { formatMessage, type MessageParams, type Messages } from '../analytics/message-format.js';
import { noticesOf, type Notice } from '../analytics/notice.js';

/**
 * The English of what the analyses (delivery gap, survey gap, voice of the customer, customer
 * selection) tell the reader: the notes beside their figures and the errors a reader can meet.
 * The interface translates them by code (components/base/notices/analysis.ts); the command line
 * prints `text`. Every `text` is the sentence these analyses have always written.
 */
export const ANALYSIS_NOTICES = {
  // Delivery gap (data/delivery.ts).
  'delivery.on-time': '{onTime} of {delivered} delivered orders ({share}%) arrived on or before the promised day; {late} were late.',
  'delivery.selected-only': 'Orders of the selected customers only.',
  'delivery.none-selected': 'None of the selected customers has an order with both a promised and a delivery date.',
  'delivery.undelivered': {
    one: '{n} order with a promised date has no delivery date (not delivered, or not yet) and is not counted as on time or late.',
    other: '{n} orders with a promised date have no delivery date (not delivered, or not yet) and are not counted as on time or late.',
  },
  'delivery.delivered-unreadable': {
    one: "{n} order with a promised date has a delivery date that could not be read (see the load's warnings): not counted as delivered, undelivered, on time or late.",
    other: "{n} orders with a promised date have delivery dates that could not be read (see the load's warnings): not counted as delivered, undelivered, on time or late.",
  },
  'delivery.promised-unreadable': {
    one: "{n} delivered order has a promised date that could not be read (see the load's warnings): not counted as on time or late.",
    other: "{n} delivered orders have promised dates that could not be read (see the load's warnings): not counted as on time or late.",
  },
  'delivery.days-late': 'Late orders arrived {mean} days late on average (median {median}, 90th percentile {p90}, at most {max}).',
  'delivery.reviews-unreadable': {
    one: "{n} order's review score is not a number (see the load's warnings) and is left out of the comparison.",
    other: "{n} orders' review scores are not numbers (see the load's warnings) and are left out of the comparison.",
  },
  'delivery.review-scale': 'Review scores were read on a {min}-{max} scale (the largest score is {largest}, the smallest {smallest}).',
  'delivery.scores-gap-up': 'Late orders scored {late} (n {lateN}) against {onTime} for on-time ones (n {onTimeN}): a gap of +{gap}{ci}.',
  'delivery.scores-gap-down': 'Late orders scored {late} (n {lateN}) against {onTime} for on-time ones (n {onTimeN}): a gap of {gap}{ci}.',
  'delivery.scores-ci': ' (95% CI {low} to {high})',
  'delivery.only-on-time-scored': 'Only on-time delivered orders have a review score, so there is no late vs on-time comparison.',
  'delivery.only-late-scored': 'Only late delivered orders have a review score, so there is no late vs on-time comparison.',
  'delivery.no-review-readable': {
    one: "None of the orders' review scores could be read ({n} is not a number; see the load's warnings), so satisfaction of late against on-time orders cannot be compared.",
    other: "None of the orders' review scores could be read ({n} are not numbers; see the load's warnings), so satisfaction of late against on-time orders cannot be compared.",
  },
  'delivery.no-review-score':
    'The orders carry no review score, so satisfaction of late against on-time orders cannot be compared (a review score column on the orders gives it).',

  // Survey gap (data/quality.ts): notes.
  'quality.respondents': { one: '{n} respondent', other: '{n} respondents' },
  'quality.no-customers-loaded': 'The survey has customer ids, but no orders or customer list is loaded: load them to split the gaps by segment or rung.',
  'quality.no-respondent-linked': "No respondent's customer id matches a loaded customer: the gaps cannot be split by segment or rung.",
  'quality.weight-ignored': 'A weight is given for "{dimension}", but no item belongs to that dimension: it is ignored.',
  'quality.unweighted': {
    one: 'No weight for {dimensions}: it does not count in the overall score.',
    other: 'No weight for {dimensions}: they do not count in the overall score.',
  },
  'quality.weighted-given': 'Overall score weighted by the given weights: {weights}.',
  'quality.weighted-given-over-importance': "Overall score weighted by the given weights: {weights} (they replace the respondents' own importance).",
  'quality.weighted-importance': "Overall score weighted by each respondent's own importance of the dimensions, over the dimensions they answered.",
  'quality.weighted-equal': 'No importance in the survey: every dimension counts the same.',
  'quality.importance-missing': {
    one: '{n} of {respondents} gave no importance: that respondent is weighted equally, every dimension answered counting the same.',
    other: '{n} of {respondents} gave no importance: they are weighted equally, every dimension answered counting the same.',
  },
  'quality.importance-missing-unassigned': {
    one: "{n} of {respondents} gave no importance: that respondent is weighted equally, every dimension answered counting the same but 'unassigned', which counts 0 (as with no importance at all).",
    other: "{n} of {respondents} gave no importance: they are weighted equally, every dimension answered counting the same but 'unassigned', which counts 0 (as with no importance at all).",
  },
  'quality.no-dimension-answered': {
    one: '{n} respondent answered only items in no dimension: left out of the overall score.',
    other: '{n} respondents answered only items in no dimension: left out of the overall score.',
  },
  'quality.no-weighted-dimension-answered': {
    one: '{n} respondent answered no weighted dimension: left out of the overall score.',
    other: '{n} respondents answered no weighted dimension: left out of the overall score.',
  },
  'quality.unassigned-items-alone': {
    one: "{n} item belongs to no dimension (shown as 'unassigned'): {items}; the overall score is over them.",
    other: "{n} items belong to no dimension (shown as 'unassigned'): {items}; the overall score is over them.",
  },
  'quality.unassigned-items-equal': {
    one: "{n} item belongs to no dimension (shown as 'unassigned'): {items}; they have gaps of their own but do not count in the overall score.",
    other: "{n} items belong to no dimension (shown as 'unassigned'): {items}; they have gaps of their own but do not count in the overall score.",
  },
  'quality.unassigned-items-given': {
    one: "{n} item belongs to no dimension (shown as 'unassigned'): {items}; they count in the overall score only as far as a weight is given to 'unassigned'.",
    other: "{n} items belong to no dimension (shown as 'unassigned'): {items}; they count in the overall score only as far as a weight is given to 'unassigned'.",
  },
  'quality.unassigned-items-importance': {
    one: "{n} item belongs to no dimension (shown as 'unassigned'): {items}; they count in the overall score only as far as respondents gave importance to 'unassigned'.",
    other: "{n} items belong to no dimension (shown as 'unassigned'): {items}; they count in the overall score only as far as respondents gave importance to 'unassigned'.",
  },
  'quality.thin-items': {
    one: '{n} item has fewer than 2 answers: no confidence interval.',
    other: '{n} items have fewer than 2 answers: no confidence interval.',
  },
  'quality.not-linked': {
    one: '{n} of {respondents} is not linked to a known customer: grouped as "{group}".',
    other: '{n} of {respondents} are not linked to a known customer: grouped as "{group}".',
  },
  'quality.no-purchase': {
    one: '{n} respondent is a listed customer with no purchase, so no segment: grouped as "{group}".',
    other: '{n} respondents are listed customers with no purchase, so no segment: grouped as "{group}".',
  },
  'quality.selected-only': 'Respondents linked to the selected customers only: {respondents}; {leftOut} left out.',
  'quality.selected-only-not-linked': 'Respondents linked to the selected customers only: {respondents}; {leftOut} left out ({notLinked} of them linked to no known customer).',
  // Survey gap: errors of a split or weights the survey cannot take.
  'quality.weights-unmatched': 'No weighted dimension is in the survey ({weights}); its dimensions are {dimensions}.',
  'quality.split-segment-no-ids': 'The survey has no customer ids, so it cannot be split by segment.',
  'quality.split-rung-no-ids': 'The survey has no customer ids, so it cannot be split by rung.',
  'quality.split-segment-no-orders': "Splitting the survey by segment needs orders loaded, with customer ids matching the survey's.",
  'quality.split-rung-no-orders': "Splitting the survey by rung needs orders loaded, with customer ids matching the survey's.",
  'quality.split-unknown-attribute': 'The survey has no respondent attribute "{attribute}".',
  'quality.split-unknown-attribute-options': 'The survey has no respondent attribute "{attribute}"; it can be split by {options}.',

  // Voice of the customer (data/voice.ts).
  'voice.no-feedback': 'No feedback is loaded.',
  'voice.pieces-no-customer-id': { one: '{n} piece with no customer id', other: '{n} pieces with no customer id' },
  'voice.pieces-other-customers': { one: '{n} piece from other customers', other: '{n} pieces from other customers' },
  'voice.pieces': { one: '{n} piece', other: '{n} pieces' },
  'voice.selected-only': 'Selected customers only.',
  'voice.selected-only-left-out': 'Selected customers only: {leftOut} left out.',
  'voice.selected-only-left-out-both': 'Selected customers only: {noCustomerId} and {otherCustomers} left out.',
  'voice.kinds-all': 'complaints, suggestions or compliments',
  'voice.kinds-complaint': 'complaints',
  'voice.kinds-suggestion': 'suggestions',
  'voice.kinds-compliment': 'compliments',
  'voice.kinds-either': '{first} or {second}',
  'voice.none-selected': 'The selected customers gave no {kinds}.',
  'voice.none-loaded': 'The feedback loaded has no {kinds}.',
  'voice.undated': {
    one: '{n} piece of feedback has no date: left out of the months.',
    other: '{n} pieces of feedback have no date: left out of the months.',
  },
  'voice.answers-unknown': 'The feedback says nothing of answers (no answered date or status column): the share answered is unknown.',
  'voice.answers-partly-known': {
    one: '{n} piece of feedback does not say whether it was answered: the share answered is of the {known} that do.',
    other: '{n} pieces of feedback do not say whether it was answered: the share answered is of the {known} that do.',
  },
  'voice.answered-undated': {
    one: '{n} answered piece has no answered date (or no date): left out of the time to answer.',
    other: '{n} answered pieces have no answered date (or no date): left out of the time to answer.',
  },
  'voice.answered-early': {
    one: '{n} piece was answered before written (the dates are wrong somewhere): left out of the time to answer.',
    other: '{n} pieces were answered before written (the dates are wrong somewhere): left out of the time to answer.',
  },
  'voice.no-customer-id': {
    one: '{n} piece of feedback has no customer id: counted everywhere but by customer.',
    other: '{n} pieces of feedback have no customer id: counted everywhere but by customer.',
  },
  'voice.no-customer-id-scored': {
    one: '{n} piece of feedback has no customer id: counted everywhere but by customer, and under "{group}" by segment.',
    other: '{n} pieces of feedback have no customer id: counted everywhere but by customer, and under "{group}" by segment.',
  },
  'voice.customers-not-in-orders': {
    one: '{n} customer of the {customers} who gave feedback is not in the orders loaded.',
    other: '{n} customers of the {customers} who gave feedback are not in the orders loaded.',
  },
  'voice.customers-not-in-orders-scored': {
    one: '{n} customer of the {customers} who gave feedback is not in the orders loaded: counted under "{group}" by segment.',
    other: '{n} customers of the {customers} who gave feedback are not in the orders loaded: counted under "{group}" by segment.',
  },
  'voice.no-scoring': 'No RFM scoring yet: score the customers to see the feedback by segment.',
  'voice.no-orders': 'No orders are loaded: the feedback cannot be split by segment.',
  'voice.other-kinds': {
    one: '{n} other piece of feedback (other kinds) is not counted here.',
    other: '{n} other pieces of feedback (other kinds) are not counted here.',
  },

  // Customer selection (data/selection.ts): a part that cannot be made now.
  'selection.segment-needs-scoring': 'Selecting the segment "{segment}" needs a scoring: ask for the segments (scoreOverview) first.',
  'selection.cell-needs-scoring': 'Selecting the R-by-F cell (R {r}, F {f}) needs a scoring: ask for the segments (scoreOverview) first.',
  'selection.unknown-segment': 'There is no segment "{segment}" in the current scoring; its segments are {segments}.',
  'selection.rung-needs-ladder': 'Selecting the rung "{rung}" needs a ladder: ask for the ladder first.',
  'selection.migration-needs-migration': 'Selecting the migration cell "{from}" -> "{to}" needs a migration: ask for the segment migration first.',
  'selection.unknown-migration-start': 'There is no segment "{segment}" at the migration\'s start ({period}); its segments are {segments}.',
  'selection.unknown-migration-end': 'There is no segment "{segment}" at the migration\'s end ({period}); its segments are {segments}.',

  // The engine ran out of memory on a statement (data/engine/engine.ts queryFailure).
  'engine.out-of-memory': 'The analytics engine ran out of memory (it may use {limit} here) and could not finish this; the data loaded is unchanged. A shorter period or a smaller file needs less.',
  'engine.out-of-memory-no-limit': 'The analytics engine ran out of memory and could not finish this; the data loaded is unchanged. A shorter period or a smaller file needs less.',
} as const satisfies Messages<string>;

export type AnalysisNoticeCode = keyof typeof ANALYSIS_NOTICES;

/** A notice of the analyses: `analysisNotice('voice.undated', { n: 3 })`. */
export const analysisNotice = noticesOf(ANALYSIS_NOTICES);

/**
 * A notice whose English shows some numbers as the analyses have always printed them (fixed
 * decimals, `String(x)`), while `params` keep the numbers themselves for the interface to write
 * in the reader's locale. `shown` gives the English form of those params.
 */
export function analysisNoticeShown(code: AnalysisNoticeCode, params: MessageParams, shown: Readonly<Record<string, string>>): Notice<AnalysisNoticeCode> {
  return { code, params, text: formatMessage(ANALYSIS_NOTICES[code], 'en', { ...params, ...shown }, 'en-US') };
}

/** A number rounded to `digits` decimals, as `toFixed` shows it. */
export const roundedTo = (x: number, digits: number): number => Number(x.toFixed(digits));
