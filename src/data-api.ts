/**
 * Rapport's data API, for pages and programs that work with the data themselves: the dataset
 * over an engine, the DuckDB-WASM engine, the loaders, the exports, the customer-value model
 * and the sample-shop generator. Its own module (`rapport/data`, dist/rapport-data.js) so that
 * a page including rapport.js for the elements does not download it first: the elements fetch
 * the data layer by themselves when they need it, and both modules share it once loaded.
 */
export { Dataset, CustomerListReplacedError, type Headline, type CustomerRow, type CustomerQuery, type CustomerSortKey, type SortDirection, type CustomerPages, type CustomerListShape } from './data/dataset.js';
export type { ClvHoldout, ClvHoldoutOptions, ClvHoldoutRow, ClvPeriod, ClvSummary, ClvSummaryOptions, ClvSummaryRow, CohortCell, CohortOptions, CohortRetention, CohortRow, CohortTotals } from './data/dataset.js';
export { createBrowserEngine, defaultAssetBase, DUCKDB_FILES, killEngineWorker, type BrowserEngineOptions } from './data/engine/browser-engine.js';
export { EngineError, type Engine, type EngineSource, type SqlParam } from './data/engine/engine.js';
export { forgetTablePresence } from './data/table-presence.js';
export { ingestOrders, type IngestInput, type IngestResult } from './data/ingest/ingest.js';
export { ingestCustomers } from './data/ingest/ingest-customers.js';
export { ingestFeedback } from './data/ingest/ingest-feedback.js';
export { ingestSurvey } from './data/ingest/ingest-survey.js';
export { readDimensionMap } from './data/ingest/detect-survey.js';
export { IngestError, type IngestErrorCode } from './data/ingest/ingest-error.js';
export type * from './data/ingest/types.js';
export {
  EXPORT_FORMATS,
  EXPORT_FILE_TYPES,
  rowsToCsv,
  rowsToCsvBlob,
  rowsToArrow,
  rowsToArrowTable,
  rowsToParquet,
  rowsToBlob,
  safeFileName,
  type ExportFormat,
  type ExportColumn,
  type ExportColumnKind,
} from './data/export/rows-export.js';
export { customerExportColumns, customerExportShape, customerExportFileName, type CustomerExportShape } from './data/export/customer-export.js';
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
export type { CustomerTypesResult, CustomerTypeRow, ParetoResult, ParetoPoint } from './data/customer-types.js';
export type { MigrationRequest, MigrationResult, MigrationCell } from './data/migration.js';
export type { LadderRequest, LadderComparisonRequest, LadderMember } from './data/ladder.js';
export { VoiceRequestError } from './data/voice.js';
// Retention economics: the customer-value model over an engine, fitted on the page or in its worker.
export {
  readClvModel,
  fitClvModel,
  fitConverged,
  readClvModelInput,
  inlineClvRunner,
  clvRunnerRows,
  type ClvModel,
  type ClvModelInput,
  type ClvModelOptions,
  type ClvPrediction,
  type ClvHoldoutComparison,
  type ClvCheck,
  type ClvCheckInput,
  type ClvRunner,
  type ClvColumnsRunner,
  type ClvRunnerInput,
  type ClvSummaryTable,
  type ClvSummaryColumns,
  type ClvCustomerIds,
  type ClvColumns,
} from './data/clv-model.js';
export { workerClvRunner, ClvFitError, CLV_WORKER_FILE, type WorkerClvRunner, type WorkerClvRunnerOptions } from './data/clv-runner.js';
// The models' maths (pure: no engine), as the CLV model uses them, and the t distribution the quality gap's intervals use.
export { fitBgNbd, bgNbdConditionalExpectedPurchases, bgNbdProbabilityAlive, bgNbdProbabilityOfPurchases, bgNbdExpectedPurchases } from './analytics/clv/bg-nbd.js';
export { fitGammaGamma, gammaGammaExpectedAverageProfit, frequencyMonetaryCorrelation } from './analytics/clv/gamma-gamma.js';
export { customerLifetimeValue } from './analytics/clv/lifetime-value.js';
export { tCdf, tQuantile } from './analytics/stats.js';
