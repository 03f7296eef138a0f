import type { Dataset } from '../../src/data/dataset.js';
import { sharedFile } from './engine.js';
import { loaded } from './ingest.js';

/**
 * The columns of ../shared/data/cdnow/CDNOW_sample.csv: its customer id is the sample's own
 * (the published CDNOW summary's ID), its amount the dollar value.
 */
export const CDNOW_SAMPLE_MAPPING = { customer_id: 'sample_customer_id', order_date: 'date', amount: 'dollar_value', quantity: 'number_of_cds' };

/** Loads CDNOW_sample.csv (6,919 rows, 2,357 customers) into `dataset`, expecting every row loaded. */
export async function loadCdnowSample(dataset: Dataset): Promise<void> {
  loaded(await dataset.load({ name: 'CDNOW_sample.csv', bytes: sharedFile('cdnow', 'CDNOW_sample.csv') }, { mapping: CDNOW_SAMPLE_MAPPING }));
}
