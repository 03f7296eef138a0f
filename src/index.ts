/** Rapport: relationship-marketing analytics as web components over DuckDB-WASM. */
export { RapportDashboard } from './components/dashboard/rapport-dashboard.js';
export { RapportDropZone } from './components/drop-zone/rapport-drop-zone.js';
export { RapportLoadReport } from './components/load-report/rapport-load-report.js';
export { RapportHeadline } from './components/headline/rapport-headline.js';
export { RapportCustomerTable } from './components/customer-table/rapport-customer-table.js';
export { RapportMappingForm } from './components/mapping-form/rapport-mapping-form.js';
export { RapportSurveyForm } from './components/survey-form/rapport-survey-form.js';
export { RapportSegments } from './components/segments/rapport-segments.js';
export { RapportPareto } from './components/pareto/rapport-pareto.js';
export { RapportMigration } from './components/migration/rapport-migration.js';
export { RapportLadder } from './components/ladder/rapport-ladder.js';
export { RapportQualityGap } from './components/quality-gap/rapport-quality-gap.js';
export { RapportVoice } from './components/voice/rapport-voice.js';
export type * from './components/events.js';
export { Dataset, type Headline, type CustomerRow } from './data/dataset.js';
export { createBrowserEngine, defaultAssetBase, DUCKDB_FILES, type BrowserEngineOptions } from './data/engine/browser-engine.js';
export { EngineError, type Engine, type EngineSource, type SqlParam } from './data/engine/engine.js';
export { ingestOrders, type IngestInput, type IngestResult } from './data/ingest/ingest.js';
export { ingestCustomers } from './data/ingest/ingest-customers.js';
export { IngestError, type IngestErrorCode } from './data/ingest/ingest-error.js';
export type * from './data/ingest/types.js';
export {
  sampleOrdersCsv,
  generateSampleOrders,
  sampleFeedbackCsv,
  generateSampleFeedback,
  sampleCustomersCsv,
  generateSampleCustomers,
  type SampleOptions,
} from './sample/sample-orders.js';
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
export { NOT_YET_A_CUSTOMER, type MigrationRequest, type MigrationResult, type MigrationCell } from './data/migration.js';
export {
  DEFAULT_LADDER_RULES,
  LADDER_RUNGS,
  LADDER_PLACES,
  LadderRulesError,
  describeLadderRules,
  resolveLadderRules,
  type LadderRung,
  type LadderPlace,
  type LadderRules,
  type LadderRulesInput,
  type LadderResult,
  type LadderRungRow,
  type LadderEvidence,
  type LadderComparison,
  type LadderFlow,
} from './analytics/ladder.js';
export type { LadderRequest, LadderComparisonRequest, LadderMember } from './data/ladder.js';
export type { DeliveryGapResult, DeliveryMonth, ScoreStat } from './analytics/delivery.js';
export { ingestFeedback } from './data/ingest/ingest-feedback.js';
export { ingestSurvey } from './data/ingest/ingest-survey.js';
export { readDimensionMap } from './data/ingest/detect-survey.js';
export {
  SERVQUAL_DIMENSIONS,
  SERVQUAL_22_ITEMS,
  UNASSIGNED_DIMENSION,
  QualityWeightsError,
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
export { tCdf, tQuantile } from './analytics/stats.js';
export { VOICE_KINDS, type VoiceCount, type VoiceItem, type VoiceKind, type VoiceRequest, type VoiceResult } from './analytics/voice.js';
export { VoiceRequestError } from './data/voice.js';
export type { SurveyIngestOptions, SurveyLoadReport, SurveyRejectReason } from './data/ingest/types.js';
