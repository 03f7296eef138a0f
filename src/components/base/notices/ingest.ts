import { INGEST_NOTICES } from '../../../data/ingest/ingest-notices.js';
import { defineCatalog } from '../i18n.js';

/**
 * What the order and customer-list loader tells the reader (load report warnings, why a load
 * failed, the mapping questions); the English is the loader's own, the other languages are the
 * language packs' `notices.ingest` (components/i18n/<lang>.ts).
 */
export const ingestNotices = defineCatalog('notices.ingest', INGEST_NOTICES);
