import { defineCatalog } from '../base/i18n.js';

export const messages = defineCatalog('drop-zone', {
  choose: 'Choose a file…',
  hint: 'or drop an order export here: CSV, TSV, Parquet, Arrow or JSON, gzipped or not.',
  file: 'Order file',
});
