import { LADDER_NOTICES } from '../../../analytics/ladder-notices.js';
import { defineCatalog } from '../i18n.js';

/**
 * The ladder notices: evidence messages and rung notes, each contact's reason for their place,
 * and problems with ladder rules or requests (English: analytics/ladder-notices.ts; the other
 * languages: the language packs' `notices.ladder`, components/i18n/<lang>.ts). Rungs are named
 * as the shared words name them (common-messages.ts), in lower case inside a sentence.
 */
export const ladderNotices = defineCatalog('notices.ladder', LADDER_NOTICES);
