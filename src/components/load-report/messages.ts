import { defineCatalog } from '../base/i18n.js';

/**
 * The load report's words. Counts are given as `{count}` (already formatted for the report's
 * locale) with `n` choosing the plural form. Reject reasons are translated from their codes;
 * warnings come from the data layer and are shown as given.
 */
export const messages = defineCatalog('load-report', {
  title: 'Load report: {file}',
  read: { one: '{count} row read:', other: '{count} rows read:' },
  loaded: '{count} loaded',
  rejected: '{count} rejected',
  combined: { one: 'combined into {count} order', other: 'combined into {count} orders' },
  returns: { one: '{count} return or cancellation ({policy}).', other: '{count} returns or cancellations ({policy}).' },
  'policy.net': 'netted against spend',
  'policy.exclude': 'excluded',
  'fact.format': 'Format',
  'fact.columns': 'Columns used',
  'fact.duration': 'Loaded in',
  csv: '{format}, dates {order}, decimal {decimal}',
  'decimal.point': 'point',
  'decimal.comma': 'comma',
  duration: '{seconds} s',
  'rejects.summary': 'Rejected rows by reason',
  'rejects.count': '{count}: {reason}',
  'rejects.caption': 'First rejected rows',
  'col.line': 'Line',
  'col.reason': 'Reason',
  'col.column': 'Column',
  'col.value': 'Value',
});
