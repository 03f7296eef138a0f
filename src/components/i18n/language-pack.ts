import type { Messages } from '../../analytics/message-format.js';
import type { commonMessages } from '../base/common-messages.js';
import type { analysisNotices } from '../base/notices/analysis.js';
import type { clvNotices } from '../base/notices/clv.js';
import type { feedbackSurveyNotices } from '../base/notices/feedback-survey.js';
import type { ingestNotices } from '../base/notices/ingest.js';
import type { ladderNotices } from '../base/notices/ladder.js';
import type { messages as clvMessages } from '../clv/messages.js';
import type { messages as cohortsMessages } from '../cohorts/messages.js';
import type { messages as customerDetailMessages } from '../customer-detail/messages.js';
import type { messages as customerTableMessages } from '../customer-table/messages.js';
import type { messages as dashboardMessages } from '../dashboard/messages.js';
import type { messages as dataMessages } from '../data/messages.js';
import type { messages as dropZoneMessages } from '../drop-zone/messages.js';
import type { messages as headlineMessages } from '../headline/messages.js';
import type { messages as ladderMessages } from '../ladder/messages.js';
import type { messages as loadReportMessages } from '../load-report/messages.js';
import type { messages as mappingFormMessages, orderColumnMessages } from '../mapping-form/messages.js';
import type { messages as migrationMessages } from '../migration/messages.js';
import type { messages as paretoMessages } from '../pareto/messages.js';
import type { messages as qualityGapMessages } from '../quality-gap/messages.js';
import type { messages as segmentsMessages } from '../segments/messages.js';
import type { messages as settingsMessages } from '../settings/messages.js';
import type { messages as surveyFormMessages } from '../survey-form/messages.js';
import type { messages as voiceMessages } from '../voice/messages.js';

/**
 * Every catalog whose translations come in language packs, by the name it is defined with
 * (`defineCatalog(name, english)`): the shared words, each element's words, each area's notices.
 * A new catalog is added here and to each language's pack (pt.ts, es.ts, fr.ts, ms.ts).
 */
export interface Catalogs {
  common: typeof commonMessages;
  clv: typeof clvMessages;
  cohorts: typeof cohortsMessages;
  'customer-detail': typeof customerDetailMessages;
  'customer-table': typeof customerTableMessages;
  dashboard: typeof dashboardMessages;
  data: typeof dataMessages;
  'drop-zone': typeof dropZoneMessages;
  headline: typeof headlineMessages;
  ladder: typeof ladderMessages;
  'load-report': typeof loadReportMessages;
  'mapping-form': typeof mappingFormMessages;
  'mapping-form.order-columns': typeof orderColumnMessages;
  migration: typeof migrationMessages;
  pareto: typeof paretoMessages;
  'quality-gap': typeof qualityGapMessages;
  segments: typeof segmentsMessages;
  settings: typeof settingsMessages;
  'survey-form': typeof surveyFormMessages;
  voice: typeof voiceMessages;
  'notices.analysis': typeof analysisNotices;
  'notices.clv': typeof clvNotices;
  'notices.feedback-survey': typeof feedbackSurveyNotices;
  'notices.ingest': typeof ingestNotices;
  'notices.ladder': typeof ladderNotices;
}

/** A catalog's name, as `defineCatalog` takes it and a language pack is keyed. */
export type CatalogName = keyof Catalogs;

/** The keys of catalog `N`: its English keys. */
export type CatalogKey<N extends CatalogName> = Extract<keyof Catalogs[N]['en'], string>;

/**
 * One language's words for every catalog, each with exactly the catalog's English keys (the
 * compiler rejects a missing or unknown key; test/unit/messages.test.ts checks the placeholders).
 */
export type LanguagePack = { readonly [N in CatalogName]: Messages<CatalogKey<N>> };
