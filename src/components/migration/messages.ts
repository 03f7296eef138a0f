import { defineCatalog } from '../base/i18n.js';

/**
 * The migration element's words. Dates and counts come pre-formatted (`{from}`, `{count}`...);
 * `n` only chooses the plural form. `{from}` / `{to}` are dates in the title, note and caption,
 * and segment names in the cell sentences.
 */
export const messages = defineCatalog('migration', {
  'empty.no-data': 'No segment migration to show yet.',
  'empty.no-orders': 'No orders, so no segment migration to show.',
  title: 'From {from} to {to}',
  note: 'Rows: segment on {from}; columns: segment on {to}. Darker cells hold more customers; the dashed diagonal is customers who stayed. Arrow keys move between cells, Enter selects.',
  cell: { one: '{from} → {to}: {count} customer', other: '{from} → {to}: {count} customers' },
  'tip.share': '{share} of {from}',
  'tip.stayed': '{share} of {from} (stayed)',
  total: 'Total',
  caption: 'Customers by segment on {from} (rows) and on {to} (columns)',
  corner: 'From \\ To',
});
