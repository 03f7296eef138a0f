import type { Messages } from '../../analytics/message-format.js';
import { noticesOf, type Notice } from '../../analytics/notice.js';
import { UNASSIGNED_DIMENSION } from '../../analytics/quality.js';
import { ingestNotice } from './ingest-notices.js';
import { FEEDBACK_KINDS, type FeedbackKind, type FeedbackRejectReason, type SurveyRejectReason } from './types.js';

/**
 * What the feedback and survey loaders tell the reader, in English: the load reports' warnings,
 * the failures' messages, the survey mapping's findings. The interface translates them by code
 * (components/base/notices/feedback-survey.ts); the command line prints these texts as they are.
 * Counts the old texts grouped ("1,234") go in as numbers; line numbers, and values read from
 * the file (scores, answers), go in as text, as the file wrote them. Lists whose items are worded
 * are chained notices (`{first}, {rest}`), so each item is translated too.
 */
export const FEEDBACK_SURVEY_NOTICES = {
  // The kinds of feedback, as the option names them: `{kind}` in the sentences below.
  'feedback.kind-nps': 'nps',
  'feedback.kind-review': 'review',
  'feedback.kind-satisfaction': 'satisfaction',
  'feedback.kind-recommend': 'recommend',
  'feedback.kind-referral': 'referral',
  'feedback.kind-complaint': 'complaint',
  'feedback.kind-suggestion': 'suggestion',
  'feedback.kind-compliment': 'compliment',

  // Why a feedback row or a survey answer was rejected (the shared ones are ingest.reason-*).
  'feedback.reason-unparseable-date': 'the feedback date is not a date',
  'feedback.reason-unknown-kind': 'the kind is not one Rapport knows ({kinds})',
  'feedback.reason-missing-score': 'no score, for a kind that needs one',
  'feedback.reason-non-numeric-score': 'the score is not a number',
  'feedback.reason-unparseable-scale': 'the scale is not one Rapport can read (like "1-5", "0-10" or "5")',
  'feedback.reason-score-out-of-range': 'the score is outside its scale',
  'survey.reason-missing-respondent': 'no respondent',
  'survey.reason-missing-item': 'no item',
  'survey.reason-missing-expectation': 'no expectation score',
  'survey.reason-missing-perception': 'no perception score',
  'survey.reason-non-numeric-answer': 'the answer is not a number',
  'survey.reason-non-numeric-importance': 'the importance is not a number',
  'survey.reason-negative-importance': 'the importance is negative (it must be 0 or more)',
  'survey.reason-answer-out-of-range': 'the answer is outside the scale',
  'survey.reason-duplicate-answer': 'the respondent answered the item on an earlier line (the first answer is kept)',

  // Feedback load report warnings.
  'feedback.kind-from-name': '{file} has no kind column: every row was read as {kind}, because the file name says so. Set the kind if that is wrong.',
  'feedback.kind-from-score': '{file} has no kind column: every row was read as {kind} (from the score column "{column}"). Set the kind if that is wrong.',
  'feedback.kind-as-asked': '{file} has no kind column: every row was read as {kind}, as asked.',
  'feedback.scale-of-kind': 'Scores of kind {kind} were read on the {min}-{max} scale {kind} answers use. Set the scale if that is wrong.',
  'feedback.scale-inferred': 'Scores of kind {kind} were read on a {min}-{max} scale: no scale column or option, and the largest is {largest}. Set the scale if that is wrong.',
  // `{left}`: the ingest's "n values of column are not dates ... left empty".
  'feedback.answers-unknown': { one: '{left} Its answer is unknown.', other: '{left} Their answers are unknown.' },
  'feedback.answers-unknown-status': { one: '{left} Its answer is unknown unless the status says.', other: '{left} Their answers are unknown unless the status says.' },
  'feedback.no-customer': {
    one: '{n} row of {file} has no customer id: loaded as complaints, suggestions or compliments, counted in the voice of the customer but not by customer or segment.',
    other: '{n} rows of {file} have no customer id: loaded as complaints, suggestions or compliments, counted in the voice of the customer but not by customer or segment.',
  },
  'feedback.no-customer-column': {
    one: '{n} row of {file} has no customer id (the file has no customer id column): loaded as complaints, suggestions or compliments, counted in the voice of the customer but not by customer or segment.',
    other: '{n} rows of {file} have no customer id (the file has no customer id column): loaded as complaints, suggestions or compliments, counted in the voice of the customer but not by customer or segment.',
  },
  'feedback.answered-early': {
    one: '{n} row of {file} was answered before it was written (column "{answered}" before "{date}", first at line {line}): loaded as they are; check the dates.',
    other: '{n} rows of {file} were answered before they were written (column "{answered}" before "{date}", first at line {line}): loaded as they are; check the dates.',
  },
  'feedback.statuses-unknown': 'Column "{column}" of {file} holds statuses Rapport does not read as answered or open ({statuses}): those rows count as not known to be answered.',
  'feedback.statuses-unknown-dated': 'Column "{column}" of {file} holds statuses Rapport does not read as answered or open ({statuses}): those rows count as not known to be answered unless they have an answered date.',
  // One unknown status, `{statuses}` above (several chained by feedback.status-list).
  'feedback.status-seen': '"{value}" {n}×, first at line {line}',
  'feedback.status-list': '{first}; {rest}',
  'feedback.customers-none-matched': 'None of the {n} customers in {file} is in the orders loaded: are the customer ids the same ones?',
  // `{n}` (which chooses the plural form): the customers found; `{total}`: those in the file.
  'feedback.customers-few-matched': { other: 'Only {n} of the {total} customers in {file} are in the orders loaded.' },

  // Why a feedback load failed.
  'feedback.kind-unknown': '{file}: what kind of feedback is it? No column says the kind, none holds a score, and the file name does not say (like complaints.csv or suggestions.csv) (columns: {columns}). Set the kind ({kinds}) or map a kind or score column.',
  'feedback.report-failed': '{file}: the load report could not be computed.',
  'feedback.option-kind-unknown': '{file}: "{kind}" is not a kind of feedback; kinds are {kinds}.',
  'feedback.option-kind-word': '{file}: the label "{word}" is given the kind "{kind}", which is not one; kinds are {kinds}.',
  'feedback.option-scale-invalid': '{file}: the scale {min}-{max} is not one: it needs a minimum below its maximum.',

  // Survey load report warnings.
  'survey.decimal-comma': "{file} is comma-separated, yet some answers are written with a decimal comma: the file is read with the decimal point, so those answers are rejected as not numbers. Set the decimal option (decimal: 'comma'; CLI --decimal comma) if the file uses decimal commas.",
  'survey.decimal-comma-example': "{file} is comma-separated, yet some answers are written with a decimal comma (e.g. \"{example}\"): the file is read with the decimal point, so those answers are rejected as not numbers. Set the decimal option (decimal: 'comma'; CLI --decimal comma) if the file uses decimal commas.",
  'survey.respondent-is-customer': '{file} has no respondent column: each customer id ("{column}") is a respondent.',
  'survey.respondent-row-number': '{file} has no respondent column: respondents are numbered by row, 1 to {n} in file order.',
  'survey.scale-detected': 'Answers were read on a {scaleMin}-{scaleMax} scale, detected from the data (from {min} to {max}). Set the scale if that is wrong.',
  'survey.scale-detected-off': {
    one: 'Answers were read on a {scaleMin}-{scaleMax} scale, detected from the data (scores from {min} to {max}); {n} answer with a score off it ({examples}) was rejected as out of range. Set the scale if that is wrong.',
    other: 'Answers were read on a {scaleMin}-{scaleMax} scale, detected from the data (scores from {min} to {max}); {n} answers with a score off it ({examples}) were rejected as out of range. Set the scale if that is wrong.',
  },
  'survey.attribute-renamed': 'Column "{column}" is kept as the respondent attribute "{renamed}": "{column}" names a column of survey_respondents.',
  'survey.answers-rejected-share': '{percent}% of the answers in {file} ({n} of {total}) were rejected.',
  'survey.importance-rejected-long': {
    one: '{n} importance value in {file} was rejected ({kinds}){where}; their answers were loaded without an importance.',
    other: '{n} importance values in {file} were rejected ({kinds}){where}; their answers were loaded without an importance.',
  },
  'survey.importance-rejected-wide': {
    one: '{n} importance value in {file} was rejected ({kinds}){where}; the answers were loaded; only those importance values were left out.',
    other: '{n} importance values in {file} were rejected ({kinds}){where}; the answers were loaded; only those importance values were left out.',
  },
  // `{kinds}` above: how many of each reason.
  'survey.importance-negative': '{n} negative',
  'survey.importance-not-number': '{n} not a number',
  // `{where}` above (each starts with a comma).
  'survey.first-at-line': ', first at line {line}',
  'survey.first-at-line-column': ', first at line {line}, column "{column}"',
  'survey.first-at-line-value': ', first at line {line} ("{value}")',
  'survey.first-at-line-column-value': ', first at line {line}, column "{column}" ("{value}")',
  'survey.customers-none-matched': 'None of the {n} customers in {file} is in the orders loaded: are the customer ids the same ones?',

  // Survey mapping findings (detect-survey.ts).
  'survey.list': '{first}, {rest}',
  // A family of pairs, in the lists below (the English says "pairs" for one too).
  'survey.family': { other: '"{family}" ({n} pairs, e.g. {expectation}/{perception})' },
  'survey.gap-column': 'Column "{column}" looks like a gap computed in the file; it is not loaded: Rapport computes gaps from the expectation and perception.',
  'survey.pairs-as-asked': '{file}: the "{family}" pairs were read, as asked; the other pair columns ({others}) are kept as respondent attributes.',
  // `{n}`: how many other families; `{pairs}`: the pairs of the one read.
  'survey.pair-families-several': {
    one: "{file} has several families of numeric column pairs: \"{family}\" ({pairs} pairs, {expectation}/{perception}...) was read as expectation/perception; {others} was not and is kept as respondent attributes. To read another, set pairs to its prefix (e.g. pairs: '{prefix}'; CLI --pairs {prefix}).",
    other: "{file} has several families of numeric column pairs: \"{family}\" ({pairs} pairs, {expectation}/{perception}...) was read as expectation/perception; {others} were not and are kept as respondent attributes. To read another, set pairs to its prefix (e.g. pairs: '{prefix}'; CLI --pairs {prefix}).",
  },
  'survey.pair-columns-not-numbers': 'Pair-like columns that do not hold numbers were not read as answers: {families} (kept as respondent attributes).',
  'survey.numbered-pairs': 'Numbered pairs "{family}": suffix _1 was read as the expectation and _2 as the perception ({expectation} = expectation, {perception} = perception of item {item}). If it is the other way round, map the columns explicitly.',
  'survey.importance-strays': {
    one: "Column {columns} looks like importance but names no dimension of the survey's items ({dimensions}); kept as respondent attributes. Name the column after a dimension (e.g. imp_{example}) to read it as importance.",
    other: "Columns {columns} look like importance but name no dimension of the survey's items ({dimensions}); kept as respondent attributes. Name the column after a dimension (e.g. imp_{example}) to read it as importance.",
  },
  'survey.importance-strays-none': {
    one: "Column {columns} looks like importance but names no dimension of the survey's items (none assigned); kept as respondent attributes. Name the column after a dimension (e.g. imp_reliability) to read it as importance.",
    other: "Columns {columns} look like importance but name no dimension of the survey's items (none assigned); kept as respondent attributes. Name the column after a dimension (e.g. imp_reliability) to read it as importance.",
  },
  'survey.respondent-numbers-rows-customer':
    '{file}: column "{column}" holds a different value on each of its {values} rows while the {items} items repeat, so it numbers rows, not respondents (a respondent answers several items); each customer id ("{customer}") is a respondent instead, and "{column}" is kept as an attribute. If that is wrong, name the column that identifies the respondent (option mapping: {respondent: COLUMN}; CLI --map respondent=COLUMN; or choose it in the survey form). If each respondent really rates one item (a split-sample design), map "{column}" as the respondent explicitly (respondent={column}, or in the survey form): an explicitly mapped respondent is taken as given and this check is skipped.',
  'survey.item-dimensions-several': 'Item "{item}" has {n} different dimensions in the dimension column; "{dimension}", the most common, was used.',
  'survey.servqual-22':
    'The items are numbered 1 to 22 and no dimension was given: the standard SERVQUAL assignment was used (1-4 tangibles, 5-9 reliability, 10-13 responsiveness, 14-17 assurance, 18-22 empathy). Give a dimension map if the questionnaire differs.',
  'survey.items-unassigned': {
    one: `No dimension for item {items}: it is "${UNASSIGNED_DIMENSION}". Give a dimension map to place them: the option dimensions ({item: dimension}), or on the command line --dimensions FILE (a CSV of item,dimension).`,
    other: `No dimension for items {items}: they are "${UNASSIGNED_DIMENSION}". Give a dimension map to place them: the option dimensions ({item: dimension}), or on the command line --dimensions FILE (a CSV of item,dimension).`,
  },
  // More than eight items: the first eight, then how many in all.
  'survey.items-unassigned-more': `No dimension for items {items}... ({n} items): they are "${UNASSIGNED_DIMENSION}". Give a dimension map to place them: the option dimensions ({item: dimension}), or on the command line --dimensions FILE (a CSV of item,dimension).`,
  'survey.dimension-map-extra': { one: 'The dimension map names item the survey does not have: {items}.', other: 'The dimension map names items the survey does not have: {items}.' },

  // Why a survey load failed.
  'survey.pairs-prefix-unknown': '{file}: no pair columns with the prefix "{prefix}"; the pair families are {families}.',
  'survey.pairs-prefix-unknown-none': '{file}: no pair columns with the prefix "{prefix}"; the pair families are none.',
  'survey.pairs-not-numbers': '{file}: the "{prefix}" columns (e.g. {column}) do not hold numbers, so they cannot be expectation/perception scores.',
  'survey.no-pairs': '{file}: no expectation and perception columns found.',
  'survey.no-pairs-not-numbers': '{file}: no expectation and perception columns found. The pair columns found ({families}) do not hold numbers.',
  'survey.mapping-role-unknown': 'Unknown role "{role}" in the survey column mapping; roles are {roles}.',
  'survey.mapping-column-missing': '{file}: the mapping names column "{column}" for {role}, but the file has no such column (columns: {columns}).',
  'survey.no-respondent-no-customer':
    '{file}: the mapping says there is no respondent column, so each customer id is to be the respondent, but no column looks like a customer id (columns: {columns}). Map the customer id column (customer_id=COLUMN), or the respondent column (respondent=COLUMN).',
  'survey.long-lacks': '{file}: read as a long survey (one row per respondent and item), no column looks like {lacks} (columns: {columns}). Map the columns explicitly, e.g. item=COLUMN.',
  'survey.long-lacks-wide':
    '{file}: read as a long survey (one row per respondent and item), no column looks like {lacks} (columns: {columns}). It has expectation/perception column pairs: is it the wide shape? Map the columns explicitly, e.g. item=COLUMN.',
  // What a long survey lacks: `{lacks}` above (header words Rapport reads, in several languages).
  'survey.lacks-respondent': 'a respondent (respondent, respondente, encuestado, repondant, responden)',
  'survey.lacks-item': 'an item (item, question, pergunta, pregunta)',
  'survey.lacks-expectation': 'an expectation (expectation, expectativa, attente, jangkaan)',
  'survey.lacks-perception': 'a perception (perception, percepcao, percepcion, persepsi)',
  'survey.wide-mapping-roles':
    '{file}: in the wide shape only the respondent and customer_id columns can be mapped; items come in expectation/perception column pairs (set pairs to choose a family).',
  'survey.respondent-numbers-rows':
    '{file}: column "{column}", read as the respondent, holds a different value on each of its {values} rows while the {items} items repeat, so it numbers rows, not respondents (a respondent answers several items). Name the column that identifies the respondent (option mapping: {respondent: COLUMN}; CLI --map respondent=COLUMN; or choose it in the survey form). If each respondent really rates one item (a split-sample design), map "{column}" as the respondent explicitly (respondent={column}, or in the survey form): an explicitly mapped respondent is taken as given and this check is skipped.',
  'survey.respondent-numbers-rows-customer-id':
    '{file}: column "{column}", the customer id read as the respondent, holds a different value on each of its {values} rows while the {items} items repeat, so it numbers rows, not respondents (a respondent answers several items). Name the column that identifies the respondent (option mapping: {respondent: COLUMN}; CLI --map respondent=COLUMN; or choose it in the survey form). If each respondent really rates one item (a split-sample design), map "{column}" as the respondent explicitly (respondent={column}, or in the survey form): an explicitly mapped respondent is taken as given and this check is skipped.',
  'survey.scale-unusual': '{file}: the answers run from {min} to {max}, which is no usual Likert scale ({scales}). Set the scale.',
  'survey.report-failed': '{file}: the load report could not be computed.',
  'survey.accounting-failed': '{file}: answer accounting failed ({read} read, {loaded} loaded, {rejected} rejected). This is a bug; please report it.',
  'survey.option-shape-unknown': '{file}: "{shape}" is not a survey shape; shapes are {shapes}.',
  'survey.option-scale-invalid': '{file}: the scale {min}-{max} is not one: it needs a minimum below its maximum.',
  'survey.option-pairs-empty': '{file}: the pairs option is empty; give the column-name prefix of the pairs to read (e.g. "sq").',
} as const satisfies Messages<string>;

export type FeedbackSurveyNoticeCode = keyof typeof FEEDBACK_SURVEY_NOTICES;
/** A notice worded from FEEDBACK_SURVEY_NOTICES: `feedbackSurveyNotice('survey.servqual-22')`. */
export const feedbackSurveyNotice = noticesOf<FeedbackSurveyNoticeCode>(FEEDBACK_SURVEY_NOTICES);

/** A kind of feedback as a notice, to place in a sentence as `{kind}` (translated with it). */
export const feedbackKindNotice = (kind: FeedbackKind): Notice => feedbackSurveyNotice(`feedback.kind-${kind}`);

/**
 * Items chained into one notice (`{first}, {rest}`), so that each item, a notice itself, is
 * translated; the English reads as the items joined by the list's separator. A single item is
 * itself; none is the empty string.
 */
export function noticeList(code: 'survey.list' | 'feedback.status-list', items: readonly Notice[]): Notice | string {
  if (items.length === 0) return '';
  return items.slice(0, -1).reduceRight<Notice>((rest, first) => feedbackSurveyNotice(code, { first, rest }), items[items.length - 1]!);
}

/** A feedback reject reason as a notice (the reasons orders share are the ingest's). */
export function feedbackRejectReasonNotice(reason: FeedbackRejectReason): Notice {
  switch (reason) {
    case 'malformed_row':
      return ingestNotice('ingest.reason-malformed-row');
    case 'missing_customer_id':
      return ingestNotice('ingest.reason-missing-customer-id');
    case 'unparseable_date':
      return feedbackSurveyNotice('feedback.reason-unparseable-date');
    case 'unknown_kind':
      return feedbackSurveyNotice('feedback.reason-unknown-kind', { kinds: FEEDBACK_KINDS.join(', ') });
    case 'missing_score':
      return feedbackSurveyNotice('feedback.reason-missing-score');
    case 'non_numeric_score':
      return feedbackSurveyNotice('feedback.reason-non-numeric-score');
    case 'unparseable_scale':
      return feedbackSurveyNotice('feedback.reason-unparseable-scale');
    case 'score_out_of_range':
      return feedbackSurveyNotice('feedback.reason-score-out-of-range');
  }
}

const SURVEY_REASON_CODE: Readonly<Record<Exclude<SurveyRejectReason, 'malformed_row'>, FeedbackSurveyNoticeCode>> = {
  missing_respondent: 'survey.reason-missing-respondent',
  missing_item: 'survey.reason-missing-item',
  missing_expectation: 'survey.reason-missing-expectation',
  missing_perception: 'survey.reason-missing-perception',
  non_numeric_answer: 'survey.reason-non-numeric-answer',
  non_numeric_importance: 'survey.reason-non-numeric-importance',
  negative_importance: 'survey.reason-negative-importance',
  answer_out_of_range: 'survey.reason-answer-out-of-range',
  duplicate_answer: 'survey.reason-duplicate-answer',
};

/** A survey reject reason as a notice (a malformed row is the ingest's reason). */
export function surveyRejectReasonNotice(reason: SurveyRejectReason): Notice {
  return reason === 'malformed_row' ? ingestNotice('ingest.reason-malformed-row') : feedbackSurveyNotice(SURVEY_REASON_CODE[reason]);
}
