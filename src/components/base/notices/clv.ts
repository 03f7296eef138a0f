import { CLV_NOTICES } from '../../../data/clv-notices.js';
import { defineCatalog } from '../i18n.js';

/**
 * What the CLV model service says about a fit (English: data/clv-notices.ts; the other
 * languages: the language packs' `notices.clv`, components/i18n/<lang>.ts).
 */
export const clvNotices = defineCatalog('notices.clv', CLV_NOTICES);
