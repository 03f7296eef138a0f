import { defineCatalog } from '../base/i18n.js';

/**
 * Names of the order columns' roles and of the date orders: the mapping form asks with them and
 * the load report tells with them, so both say the same words.
 */
export const orderColumnMessages = defineCatalog('mapping-form.order-columns', {
  'role.customer_id': 'Customer id',
  'role.order_id': 'Order id',
  'role.order_date': 'Order date',
  'role.amount': 'Amount',
  'role.quantity': 'Quantity',
  'role.unit_price': 'Unit price',
  'role.channel': 'Channel',
  'role.status': 'Status',
  'role.margin': 'Margin',
  'role.promised_date': 'Promised delivery date',
  'role.delivered_date': 'Delivery date',
  'role.review_score': 'Review score',
  'dateOrder.ymd': 'year/month/day',
  'dateOrder.dmy': 'day/month/year',
  'dateOrder.mdy': 'month/day/year',
});

/** The mapping form's own words. */
export const messages = defineCatalog('mapping-form', {
  title: 'Check the columns of {file}',
  questions: 'What detection could not settle',
  'label.amount': 'Amount (order or line total)',
  'label.order_id': 'Order / invoice id',
  none: '(none)',
  samples: 'e.g. {samples}',
  required: '* required',
  dateLegend: 'Dates such as {example} are',
  submit: 'Load with these columns',
  cancel: 'Cancel',
});
