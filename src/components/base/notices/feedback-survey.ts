import { FEEDBACK_SURVEY_NOTICES } from '../../../data/ingest/feedback-survey-notices.js';
import { defineCatalog } from '../i18n.js';

/**
 * What the feedback and survey loaders tell the reader: the English is the data layer's
 * (data/ingest/feedback-survey-notices.ts), which words the notices; the other languages are the
 * language packs' `notices.feedback-survey` (components/i18n/<lang>.ts). Option values,
 * column names and command-line flags (`pairs: 'sq'`, `--dimensions FILE`) stay as written, since
 * the reader types them so.
 */
export const feedbackSurveyNotices = defineCatalog('notices.feedback-survey', FEEDBACK_SURVEY_NOTICES);
