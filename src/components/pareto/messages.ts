import { defineCatalog } from '../base/i18n.js';

/**
 * The Pareto element's words. Sentences about the measure come in a revenue and a margin form
 * (`*.revenue`, `*.margin`): the noun's gender changes the words around it in most languages.
 * Figures come pre-formatted (`{p}`, `{share}`, `{count}`); `n` only chooses the plural form.
 */
export const messages = defineCatalog('pareto', {
  'empty.no-data': 'No profitability data yet: load orders to see the Pareto curve.',
  'empty.not-positive.revenue': 'No Pareto curve: the total revenue is not positive.',
  'empty.not-positive.margin': 'No Pareto curve: the total margin is not positive.',
  'top.revenue': 'Top {p} of customers: {share} of revenue',
  'top.margin': 'Top {p} of customers: {share} of margin',
  'label.revenue': {
    one: 'Pareto curve of revenue across {count} customer, most valuable first.',
    other: 'Pareto curve of revenue across {count} customers, most valuable first.',
  },
  'label.margin': {
    one: 'Pareto curve of margin across {count} customer, most valuable first.',
    other: 'Pareto curve of margin across {count} customers, most valuable first.',
  },
  'label.gini': 'Gini coefficient {gini}.',
  gini: 'Gini coefficient: {gini}.',
  'below.revenue': {
    one: '{count} customer below the standard: {share} of revenue.',
    other: '{count} customers below the standard: {share} of revenue.',
  },
  'below.margin': {
    one: '{count} customer below the standard: {share} of margin.',
    other: '{count} customers below the standard: {share} of margin.',
  },
  'below.no-share': {
    one: '{count} customer below the standard.',
    other: '{count} customers below the standard.',
  },
  'axis.customers': 'Share of customers (most valuable first)',
  'share.revenue': 'Share of revenue',
  'share.margin': 'Share of margin',
  equality: 'Line of equality: every customer worth the same',
  'curve.revenue': 'Pareto curve of revenue',
  'curve.margin': 'Pareto curve of margin',
  slider: 'Share of customers',
  'caption.revenue': 'Share of revenue held by the most valuable customers, by decile',
  'caption.margin': 'Share of margin held by the most valuable customers, by decile',
  'col.top': 'Most valuable customers',
  'row.top': 'Top {p}',
});
