import { defineCatalog } from '../base/i18n.js';

/**
 * The survey form's words. Column names, pair family prefixes and the message given to the form
 * come from the file or the data layer and are inserted as given.
 */
export const messages = defineCatalog('survey-form', {
  title: 'How should {file} be read?',
  titleNoFile: 'How should the survey be read?',
  'role.respondent': 'Respondent',
  'role.customer_id': 'Customer id',
  'role.item': 'Item',
  'role.dimension': 'Dimension',
  'role.expectation': 'Expectation',
  'role.perception': 'Perception',
  'role.importance': 'Importance',
  'legend.shape': 'Shape',
  'legend.columns': 'Columns',
  'legend.answers': 'Answer columns',
  'legend.scale': 'Answer scale',
  'shape.long': 'One row per answer (respondent, item, expectation, perception)',
  'shape.wide': 'One row per respondent (an expectation and a perception column per item)',
  pairs: 'Expectation/perception pairs',
  'family.named': 'pairs named by words',
  'family.terse': 'E/P pairs',
  familySpan: { one: '{name}: {span} ({count} item)', other: '{name}: {span} ({count} items)' },
  noPairs: '(no pairs found)',
  none: '(none)',
  chooseColumn: '(choose a column)',
  noneCustomer: '(none: each customer id is a respondent)',
  noneRowNumber: '(none: the row number)',
  'hint.long': '* required. The respondent may be left out when a customer id column is chosen.',
  'hint.wide': 'Of each pair, the first column (e.g. _1) is read as the expectation and the second (_2) as the perception.',
  scale: 'Scale',
  detect: 'Detect from the answers',
  detected: 'Detect from the answers (read as {scale})',
  submit: 'Load the survey',
  cancel: 'Cancel',
  'error.respondent': 'Choose the respondent column (or a customer id column: each customer is then a respondent).',
  'error.required': 'Choose the {role} column.',
  'error.twice': '“{column}” is already the {role} column; a column can have one role only.',
  'error.noPairs': 'The header has no expectation/perception column pairs: choose one row per answer instead.',
  'error.answerColumn': '“{column}” is an answer column of the {family} pairs; choose another column or none.',
});
