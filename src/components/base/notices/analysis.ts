import { ANALYSIS_NOTICES } from '../../../data/analysis-notices.js';
import { CHART_EXPORT_NOTICES } from '../chart-export-messages.js';
import { defineCatalog } from '../i18n.js';

/**
 * The analysis notices: the delivery gap's, survey gap's and voice's notes, the survey split,
 * weights and selection errors a reader can meet (English in data/analysis-notices.ts), and why
 * a chart could not be exported (English in chart-export-messages.ts, the components' own). The
 * other languages are the language packs' `notices.analysis` (components/i18n/<lang>.ts).
 * Quoted names keep the quotes of each language;
 * "unassigned" is named as the quality gap shows that dimension (common-messages.ts).
 */
export const analysisNotices = defineCatalog('notices.analysis', { ...ANALYSIS_NOTICES, ...CHART_EXPORT_NOTICES });
