import { defineCatalog } from '../base/i18n.js';

/**
 * The segments element's words. Counts come pre-formatted as `{count}` (so the element's
 * `locale` wins); `n` only chooses the plural form.
 */
export const messages = defineCatalog('segments', {
  'title.customers': 'Segments by customers',
  'title.revenue': 'Segments by revenue',
  'size-by': 'Size tiles by',
  'size.customers': 'Customers',
  'size.revenue': 'Revenue',
  empty: 'No segments to show.',
  customers: { one: '{count} customer', other: '{count} customers' },
  orders: { one: '{count} order', other: '{count} orders' },
  'tile.customers': '{name}: {customers}, {revenue} revenue, {share} of customers',
  'tile.revenue': '{name}: {customers}, {revenue} revenue, {share} of revenue',
  'tip.customers': '{customers} ({share})',
  'tip.revenue': '{revenue} revenue ({share})',
  cell: 'R {r}, F {f}: {customers}, {share}',
  'cell.no-share': 'R {r}, F {f}: {customers}',
  'cell.title': 'R {r} · F {f}',
  'grid.title': 'Customers by recency (R) and frequency (F) score',
  'grid.help': 'Arrow keys move between cells, Enter or Space chooses one.',
  'axis.r': 'Recency score (R) → more recent',
  'axis.f': 'Frequency score (F) → more orders',
  'out-of-range': {
    one: '{count} customer with a score outside 1–{bins} is not shown.',
    other: '{count} customers with a score outside 1–{bins} are not shown.',
  },
  'table.caption': 'Segment summary',
  'col.segment': 'Segment',
  'col.customers': 'Customers',
  'col.share-customers': 'Share of customers',
  'col.revenue': 'Revenue',
  'col.share-revenue': 'Share of revenue',
  'col.recency': 'Avg recency (days)',
  'col.frequency': 'Avg frequency (orders)',
  'col.monetary': 'Avg monetary',
});
