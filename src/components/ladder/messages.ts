import { defineCatalog } from '../base/i18n.js';

/**
 * The ladder element's words. Rung names come from the shared catalog (`rungLabel`); evidence
 * messages and notes are notices of the data layer, translated in base/notices/ladder.ts. Figures come
 * pre-formatted (`{count}`, `{days}`...); `n` only chooses the plural form.
 */
export const messages = defineCatalog('ladder', {
  'empty.no-ladder': 'No ladder yet: load orders (and, for prospects, a customer list) to see the loyalty ladder.',
  'empty.no-contacts': 'No contacts yet: the loyalty ladder is empty.',
  'title.customers': 'Loyalty ladder by customers',
  'title.revenue': 'Loyalty ladder by revenue',
  'size-by': 'Size steps by',
  'size.customers': 'Customers',
  'size.revenue': 'Revenue',
  evidence: 'About the evidence',
  pair: '{label}: {value}',
  customers: 'Customers',
  'share-of-contacts': 'Share of contacts',
  revenue: 'Revenue',
  'average-value': 'Average value',
  'lapsed-from': 'Lapsed from',
  'conversion-to-next': 'Conversion to next',
  'median-time-to-next': 'Median time to next',
  days: { one: '{count} day', other: '{count} days' },
  'not-available': 'not available',
  'not-available-long': 'not available from the data loaded',
  'lapsed-note': {
    one: 'no purchase for more than {count} day',
    other: 'no purchase for more than {count} days',
  },
  'lapsed-note.derived': {
    one: 'no purchase for more than {count} day (window derived from the data)',
    other: 'no purchase for more than {count} days (window derived from the data)',
  },
  summary: 'Loyalty ladder of {contacts} contacts: {rungs}; lapsed {lapsed}.',
  'summary.unavailable': '{rung} not available',
  help: 'Arrow keys move between rungs, Enter or Space selects one, Escape clears the selection.',
  'conversion.unknown': 'conversion not known',
  conversion: '↓ {climb} climb · {stop} stop',
  'table.caption': 'Loyalty ladder: {contacts} contacts',
  'table.caption.as-of': 'Loyalty ladder as of {date}: {contacts} contacts',
  'col.rung': 'Rung',
  'col.customers': 'Customers',
  'col.reached': 'Reached',
  'col.conversion': 'Conversion to next',
  'col.drop-off': 'Drop-off',
  'col.revenue': 'Revenue',
  'col.average-value': 'Average value',
  'col.median-days': 'Median days to next',
  'col.note': 'Note',
  'rung-unknown': 'The data loaded cannot tell this rung.',
});
