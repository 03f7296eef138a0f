/**
 * Rapport: relationship-marketing analytics as web components over DuckDB-WASM. This is the
 * module a page includes (dist/rapport.js): the elements, the pure analytics and the types. The
 * elements fetch the data layer (the dataset, the engine, Arrow, the loaders) by themselves when
 * they first need data; a page or program that works with the data itself imports the data API
 * from `rapport/data` (dist/rapport-data.js, src/data-api.ts).
 */
// The provider first: defined before the elements inside it are upgraded, it answers their first request.
export { RapportData } from './components/data/rapport-data.js';
export { rapportDataContext, type RapportDataState, type RapportDataStatus, type RapportDataActions } from './components/data/context.js';
export { RapportDataConsumer } from './components/base/data-consumer.js';
export { RapportDashboard } from './components/dashboard/rapport-dashboard.js';
export { RapportDropZone } from './components/drop-zone/rapport-drop-zone.js';
export { RapportLoadReport } from './components/load-report/rapport-load-report.js';
export { RapportMappingForm } from './components/mapping-form/rapport-mapping-form.js';
// The sections (what the dashboard shows once data is loaded) come in a chunk of their own, fetched
// as soon as this module runs (`loadSections`): the drop zone is drawn without waiting for the
// charts' code and D3. Their tags are defined when it resolves; their classes are its exports.
import { loadSections } from './components/base/sections-loader.js';
export { loadSections, type Sections } from './components/base/sections-loader.js';
void loadSections().catch((e: unknown) => {
  // Said here for pages without a dashboard (whose sections would stay empty); the dashboard asks again before it shows data, and says why it cannot.
  console.error(`[rapport] ${(e as Error).message}`);
});
export type {
  RapportHeadline,
  RapportCustomerTable,
  RapportSurveyForm,
  RapportSegments,
  RapportPareto,
  RapportMigration,
  RapportCohorts,
  RapportClv,
  RapportLadder,
  RapportQualityGap,
  RapportVoice,
  RapportCustomerDetail,
  RapportSettings,
} from './components/sections.js';
export type { CohortMetric } from './charts/cohort-layout.js';
export { DEFAULT_ANALYSIS_SETTINGS, SETTINGS_MIN_BINS, SETTINGS_MAX_BINS } from './components/settings/settings-defaults.js';
export type { CustomerDetail, CustomerFeedback, CustomerMonth, CustomerOrder, CustomerSummary } from './analytics/customer-detail.js';
// The customer history's layout (D3 scales) comes with the customer details, in the sections: `(await loadSections()).historyLayout`.
export type { HistoryLayout, HistoryLayoutOptions, HistoryMark } from './charts/history-layout.js';
export type * from './components/events.js';
export { chartToSvg, chartToPng, downloadBlob, type ChartSvgOptions, type ChartPngOptions } from './components/base/chart-export.js';
export type { ChartExportError } from './components/base/chart-export-messages.js';
// What the loader and the analytics tell the reader, as codes with values, and their wording in each language.
export { isNotice, noticesOf, type Notice } from './analytics/notice.js';
export { formatMessage, type Message, type MessageParams, type Messages } from './analytics/message-format.js';
export { NOTICE_CATALOGS, errorText, noticeText } from './components/base/notices/index.js';
export { LANGUAGES, LANGUAGE_NAMES, isLanguageLoaded, loadLanguage, type Language } from './components/base/i18n.js';
// What every export format shares, and CSV; Arrow and Parquet (rowsToArrow, rowsToParquet, rowsToBlob) are in rapport/data.
export { EXPORT_FORMATS, EXPORT_FILE_TYPES, rowsToCsv, rowsToCsvBlob, type ExportFormat, type ExportColumn, type ExportColumnKind } from './data/export/export-formats.js';
export { safeFileName } from './data/export/file-name.js';
export { customerExportColumns, customerExportShape, customerExportFileName, type CustomerExportShape } from './data/export/customer-export.js';
export type { RapportEventMap } from './components/base/rapport-element.js';
// The data layer's types (free: no code); its classes and functions are in rapport/data.
export type { Dataset, Headline, CustomerRow, CustomerQuery, CustomerPages, CustomerListShape } from './data/dataset.js';
export type { BrowserEngineOptions } from './data/engine/browser-engine.js';
// The errors the elements' events and the data API report: small classes, no data layer behind them.
export { EngineError, type Engine, type EngineSource, type SqlParam } from './data/engine/engine.js';
export type { IngestInput, IngestResult } from './data/ingest/ingest.js';
export { IngestError, type IngestErrorCode } from './data/ingest/ingest-error.js';
export type * from './data/ingest/types.js';
export type { RfmRequest, RfmCustomer, RfmResult, SegmentSummaryRow } from './data/rfm.js';
export { RFM_METHODS, RfmOptionsError, type RfmMethod, type RfmOptions, type RfmBreaks } from './analytics/rfm-options.js';
export {
  SEGMENT_PRESETS,
  SEGMENT_PRESET_NAMES,
  SegmentRulesError,
  parseSegmentRules,
  segmentPreset,
  type SegmentRule,
  type SegmentPresetName,
} from './analytics/segment-rules.js';
export type { CustomerTypesResult, CustomerTypeRow, ParetoResult, ParetoPoint } from './data/customer-types.js';
export type { CustomerTypeOptions, ParetoOptions } from './analytics/customer-types.js';
export { NOT_YET_A_CUSTOMER } from './analytics/migration-options.js';
export type { MigrationRequest, MigrationResult, MigrationCell } from './data/migration.js';
export {
  DEFAULT_LADDER_RULES,
  LADDER_RUNGS,
  LADDER_PLACES,
  LadderRulesError,
  describeLadderRules,
  evidenceInEnglish,
  ladderReasonNotice,
  resolveLadderRules,
  type LadderRung,
  type LadderPlace,
  type LadderRules,
  type LadderRulesInput,
  type LadderResult,
  type LadderRungRow,
  type LadderEvidence,
  type RungEvidence,
  type LadderComparison,
  type LadderFlow,
} from './analytics/ladder.js';
export type { LadderRequest, LadderComparisonRequest, LadderMember } from './data/ladder.js';
export { LADDER_NOTICES, type LadderNoticeCode } from './analytics/ladder-notices.js';
export type { DeliveryGapResult, DeliveryMonth, ScoreStat } from './analytics/delivery.js';
export {
  SERVQUAL_DIMENSIONS,
  SERVQUAL_22_ITEMS,
  UNASSIGNED_DIMENSION,
  QualityWeightsError,
  QualitySplitError,
  parseWeightsSpec,
  type DimensionGap,
  type GapStat,
  type ItemGap,
  type OverallQuality,
  type QualityGapRequest,
  type QualityGapResult,
  type QualityGroup,
  type QualityGroupOption,
  type QualityWeighting,
  type ServqualDimension,
  type SurveyScale,
} from './analytics/quality.js';
export {
  SELECTION_PARTS,
  SelectionError,
  isEmptySelection,
  selectionKey,
  selectionParts,
  validateSelection,
  type CustomerSelection,
  type SelectedQualityResult,
  type SelectedRequest,
  type SelectedResult,
  type SelectedVoiceResult,
  type SelectionInfo,
  type SelectionPart,
  type SelectionPartName,
} from './analytics/selection.js';
export { VOICE_KINDS, type VoiceCount, type VoiceItem, type VoiceKind, type VoiceRequest, type VoiceResult } from './analytics/voice.js';
export { VOICE_NONE, VOICE_NOT_SCORED, VOICE_NO_CUSTOMER } from './analytics/voice-groups.js';
export { NOT_GIVEN, NOT_LINKED, NO_PURCHASE } from './analytics/quality-groups.js';
export type { SurveyIngestOptions, SurveyLoadReport, SurveyRejectReason } from './data/ingest/types.js';
export { THEME_PRESETS, THEME_TOKENS, themePreset, themeCss, contrastRatio, type ThemePreset, type ThemeCssOptions, type TokenSpec } from './themes/index.js';
// Retention economics: the lifetimes-style summary, cohorts, BG/NBD and Gamma-Gamma, CLV (the models' fitting and maths are in rapport/data).
export type { ClvHoldout, ClvHoldoutOptions, ClvHoldoutRow, ClvPeriod, ClvSummary, ClvSummaryOptions, ClvSummaryRow, CohortCell, CohortOptions, CohortRetention, CohortRow, CohortTotals } from './data/dataset.js';
export type {
  ClvModel,
  ClvModelOptions,
  ClvModelInput,
  ClvPrediction,
  ClvHoldoutComparison,
  ClvCheck,
  ClvCheckInput,
  ClvRunner,
  ClvColumnsRunner,
  ClvRunnerInput,
  ClvSummaryTable,
  ClvSummaryColumns,
  ClvCustomerIds,
  ClvColumns,
} from './data/clv-model.js';
export type { WorkerClvRunner, WorkerClvRunnerOptions } from './data/clv-runner.js';
export { fitConverged } from './analytics/clv/fit-converged.js';
export { CLV_NOTICES } from './data/clv-notices.js';
export { sumClvGroups, PROBABLY_LOST_BELOW, type ClvGroupRow, type ClvGroups, type ClvPredictionsInfo } from './analytics/clv/clv-groups.js';
export type { SampleOptions } from './sample/sample-orders.js';
