/**
 * The section elements: what the dashboard shows once data is loaded (the headline, the customer
 * table, the charts, the analysis settings, the survey form, a customer's details). Evaluating
 * this module defines their tags. rapport.js does not import it: it loads it by itself as soon as
 * it runs (`loadSections`, components/base/sections-loader.ts), so a page draws the dashboard's
 * drop zone without waiting for the charts' code, D3 and the table's virtualizer. Their classes
 * are this module's exports (`(await loadSections()).RapportLadder`); rapport.js exports their types.
 */
// The layout of a customer's history as the details draw it, for a page that draws it itself (D3's time scale).
export { historyLayout } from '../charts/history-layout.js';
export { RapportHeadline } from './headline/rapport-headline.js';
export { RapportCustomerTable } from './customer-table/rapport-customer-table.js';
export { RapportSurveyForm } from './survey-form/rapport-survey-form.js';
export { RapportSegments } from './segments/rapport-segments.js';
export { RapportPareto } from './pareto/rapport-pareto.js';
export { RapportMigration } from './migration/rapport-migration.js';
export { RapportCohorts } from './cohorts/rapport-cohorts.js';
export { RapportClv } from './clv/rapport-clv.js';
export { RapportLadder } from './ladder/rapport-ladder.js';
export { RapportQualityGap } from './quality-gap/rapport-quality-gap.js';
export { RapportVoice } from './voice/rapport-voice.js';
export { RapportCustomerDetail } from './customer-detail/rapport-customer-detail.js';
export { RapportSettings } from './settings/rapport-settings.js';
