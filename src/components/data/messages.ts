import { defineCatalog } from '../base/i18n.js';

/** What `<rapport-data>` says: its live region (loading, ready, selection) and its errors. */
export const messages = defineCatalog('data', {
  'n.customers': { one: '{n} customer', other: '{n} customers' },
  'live.loading': 'Loading {file}…',
  'live.ready': '{file} loaded: {customers}.',
  'live.failed': 'The data could not be loaded.',
  'live.selected': 'Selected: {customers}.',
  'live.everyone': 'Showing every customer: {customers}.',
  'error.http': 'the server answered {status}',
  'error.download': 'Could not download {url}: {message}.',
  'error.load': 'Could not load {file}: {message}',
  'error.analytics': 'Some figures could not be computed: {message}',
  'selection.failed': 'Those customers could not be selected: {message}',
});
