import { defineCatalog } from '../base/i18n.js';

export const messages = defineCatalog('headline', {
  label: 'Headline figures',
  customers: 'Customers',
  orders: 'Orders',
  revenue: 'Revenue (net)',
  aov: 'Average order value',
  repeat: 'Repeat customers',
  first: 'First order',
  last: 'Last order',
  'selected.label': 'Headline figures of the selected customers',
  'selected.customers': 'Selected customers',
});
