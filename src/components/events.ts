import type { LadderPlace } from '../analytics/ladder.js';
import type { RfmMethod } from '../analytics/rfm-options.js';
import type { SegmentPresetName } from '../analytics/segment-rules.js';
import type { IngestErrorCode } from '../data/ingest/ingest-error.js';
import type { LoadReport, MappingDecision } from '../data/ingest/types.js';
import type { ColumnMapping, DateOrder } from '../data/ingest/types.js';
import type { SurveyIngestOptions, SurveyShape } from '../data/ingest/types.js';
import type { CustomerSortKey, SortDirection } from '../data/dataset.js';

export interface RapportLoadDetail {
  report: LoadReport;
}
export interface RapportErrorDetail {
  message: string;
  /**
   * `engine-crashed`: the engine died with nothing loaded to load again into a new one (or died
   * again right after a restart). `storage`: the files kept in the browser could not be deleted.
   */
  code: IngestErrorCode | 'engine-unavailable' | 'engine-crashed' | 'storage';
}
export interface RapportFilesDetail {
  files: File[];
}
export interface RapportSortDetail {
  key: CustomerSortKey;
  direction: SortDirection;
}
export interface RapportMappingDetail {
  mapping: ColumnMapping;
  dateOrder: DateOrder;
}
export interface RapportMappingCancelDetail {
  file: string;
}
export interface RapportNeedsInputDetail {
  file: string;
  decision: MappingDecision;
}

declare module './base/rapport-element.js' {
  interface RapportEventMap {
    /** A dataset finished loading. */
    'rapport-load': RapportLoadDetail;
    /** A load or the engine failed; the previous dataset, if any, is still shown. */
    'rapport-error': RapportErrorDetail;
    /** The user chose or dropped files. */
    'rapport-files': RapportFilesDetail;
    /** The user asked for another sort order. */
    'rapport-sort': RapportSortDetail;
    /** The user answered the mapping questions. */
    'rapport-mapping': RapportMappingDetail;
    /** The user closed the mapping form without loading. */
    'rapport-mapping-cancel': RapportMappingCancelDetail;
    /** Detection was unsure; the mapping form is shown. */
    'rapport-needs-input': RapportNeedsInputDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rapport-load': CustomEvent<RapportLoadDetail>;
    'rapport-error': CustomEvent<RapportErrorDetail>;
    'rapport-files': CustomEvent<RapportFilesDetail>;
    'rapport-sort': CustomEvent<RapportSortDetail>;
    'rapport-mapping': CustomEvent<RapportMappingDetail>;
    'rapport-mapping-cancel': CustomEvent<RapportMappingCancelDetail>;
    'rapport-needs-input': CustomEvent<RapportNeedsInputDetail>;
  }
}

export interface RapportMigrationSelectDetail {
  /** Segment at the start date (may be "Not yet a customer"). */
  from: string;
  /** Segment at the end date. */
  to: string;
}

declare module './base/rapport-element.js' {
  interface RapportEventMap {
    /** The user chose a cell of the migration matrix. */
    'rapport-migration-select': RapportMigrationSelectDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rapport-migration-select': CustomEvent<RapportMigrationSelectDetail>;
  }
}

export interface RapportSegmentSelectDetail {
  segment: string;
}

declare module './base/rapport-element.js' {
  interface RapportEventMap {
    /** The user chose a segment (click, Enter or Space on its tile). */
    'rapport-segment-select': RapportSegmentSelectDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rapport-segment-select': CustomEvent<RapportSegmentSelectDetail>;
  }
}

export interface RapportCellSelectDetail {
  /** Recency score of the chosen cell, 1..bins. */
  r: number;
  /** Frequency score of the chosen cell, 1..bins. */
  f: number;
  /** Customers in that cell. */
  customers: number;
}

declare module './base/rapport-element.js' {
  interface RapportEventMap {
    /** The user chose a cell of the R-by-F heat map (click, Enter or Space). */
    'rapport-cell-select': RapportCellSelectDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rapport-cell-select': CustomEvent<RapportCellSelectDetail>;
  }
}

export interface RapportFilterDetail {
  /** Only this segment, or null for every segment. */
  segment: string | null;
  /** Only this customer type, or null for every type. */
  type: 'active' | 'inactive' | 'potential' | null;
  /** Only this place on the ladder of loyalty (a rung or `lapsed`), or null for every place. */
  rung: LadderPlace | null;
}

export interface RapportRungSelectDetail {
  /** The rung (or `lapsed`) chosen, or null when the selection was cleared. */
  rung: LadderPlace | null;
}

declare module './base/rapport-element.js' {
  interface RapportEventMap {
    /** The user chose a rung of the ladder (click, Enter or Space), or cleared the choice. */
    'rapport-rung-select': RapportRungSelectDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rapport-rung-select': CustomEvent<RapportRungSelectDetail>;
  }
}

export interface RapportExportDetail {
  /** The file name offered, e.g. `customers-champions.csv`. */
  fileName: string;
  /** Customers in the file (the rows shown, in their order). */
  rows: number;
  /** The file's format: `csv`, `parquet` or `arrow` for customer lists; `svg` or `png` for a chart. */
  format: RapportExportFormat;
}

/** The file formats Rapport saves: customer lists as CSV, Parquet or Arrow IPC; charts as SVG or PNG. */
export type RapportExportFormat = 'csv' | 'parquet' | 'arrow' | 'svg' | 'png';

export interface RapportCustomerSelectDetail {
  /** The id of the customer whose row was activated. */
  customerId: string;
}

declare module './base/rapport-element.js' {
  interface RapportEventMap {
    /** The user activated a customer's row (click, or Enter on the focused row): open that customer's details. */
    'rapport-customer-select': RapportCustomerSelectDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rapport-customer-select': CustomEvent<RapportCustomerSelectDetail>;
  }
}

declare module './base/rapport-element.js' {
  interface RapportEventMap {
    /** The user chose another segment or type filter in the customer table. */
    'rapport-filter': RapportFilterDetail;
    /** The user downloaded the customers shown (CSV, Parquet or Arrow). */
    'rapport-export': RapportExportDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rapport-filter': CustomEvent<RapportFilterDetail>;
    'rapport-export': CustomEvent<RapportExportDetail>;
  }
}

export interface RapportQualityGroupDetail {
  /** The split chosen (a `QualityGroupOption.by`: 'segment', 'rung' or a respondent attribute), or null for all respondents. */
  by: string | null;
}

export interface RapportQualitySelectDetail {
  /** The dimension of the chosen row, or null when the choice was cleared. */
  dimension: string | null;
  /** The item, when an item row was chosen; null for a dimension row or a cleared choice. */
  item: string | null;
}

declare module './base/rapport-element.js' {
  interface RapportEventMap {
    /** The user asked for the quality gaps split by another respondent grouping (or none). */
    'rapport-quality-group': RapportQualityGroupDetail;
    /** The user chose a dimension or item row of the quality gap chart, or cleared the choice. */
    'rapport-quality-select': RapportQualitySelectDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rapport-quality-group': CustomEvent<RapportQualityGroupDetail>;
    'rapport-quality-select': CustomEvent<RapportQualitySelectDetail>;
  }
}

export interface RapportVoiceSelectDetail {
  /** What the bars were counted by when the bar was chosen. */
  dimension: 'category' | 'channel' | 'segment';
  /** The bar's key: the category, channel or segment name ("(none)" for a missing category); null when the choice was cleared. */
  key: string | null;
}

declare module './base/rapport-element.js' {
  interface RapportEventMap {
    /** The user chose a bar of the voice-of-the-customer chart (click, Enter or Space), or cleared the choice (key null). */
    'rapport-voice-select': RapportVoiceSelectDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rapport-voice-select': CustomEvent<RapportVoiceSelectDetail>;
  }
}

export interface RapportCustomerCloseDetail {
  /** The customer whose details were closed. */
  customerId: string;
}

declare module './base/rapport-element.js' {
  interface RapportEventMap {
    /** The user closed a customer's details (the close button or Escape). */
    'rapport-customer-close': RapportCustomerCloseDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rapport-customer-close': CustomEvent<RapportCustomerCloseDetail>;
  }
}

export interface RapportSurveyMappingDetail {
  /** The survey file the answer is for. */
  file: string;
  /** How to read it again: the shape, and the long mapping or the wide pair family (and respondent columns), and the scale when not detected. */
  options: Pick<SurveyIngestOptions, 'shape' | 'mapping' | 'pairs' | 'scale'> & { shape: SurveyShape };
}

export interface RapportSurveyMappingCancelDetail {
  file: string;
}

declare module './base/rapport-element.js' {
  interface RapportEventMap {
    /** The user said how a survey file is to be read (shape, columns, pair family, scale). */
    'rapport-survey-mapping': RapportSurveyMappingDetail;
    /** The user closed the survey form without loading. */
    'rapport-survey-mapping-cancel': RapportSurveyMappingCancelDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rapport-survey-mapping': CustomEvent<RapportSurveyMappingDetail>;
    'rapport-survey-mapping-cancel': CustomEvent<RapportSurveyMappingCancelDetail>;
  }
}

/** The analysis settings `<rapport-settings>` edits, in the form the dashboard's properties take them. */
export interface AnalysisSettings {
  /** Analysis date (YYYY-MM-DD), or null for the day after the last order. */
  analysisDate: string | null;
  /** Scores per measure (2..10). */
  bins: number;
  /** Scoring method. */
  method: RfmMethod;
  /** The segment rule preset, or null when bins is not 5 (presets are written for 5 scores: the owner needs rules of its own). */
  preset: SegmentPresetName | null;
  /** Days without a purchase after which a customer is inactive, or null to derive it from the data. */
  inactiveAfter: number | null;
  /** Minimum value per customer, or null for none. */
  valueStandard: number | null;
}

/** One setting of `AnalysisSettings`. */
export type AnalysisSettingKey = keyof AnalysisSettings;

export interface RapportSettingsChangeDetail {
  /** The settings that changed, in `AnalysisSettings` order: the owner re-runs only what depends on them. */
  changed: AnalysisSettingKey[];
  /** Every setting as it now is. */
  settings: AnalysisSettings;
}

declare module './base/rapport-element.js' {
  interface RapportEventMap {
    /** The user changed one or more analysis settings to valid values (or reset them). */
    'rapport-settings-change': RapportSettingsChangeDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rapport-settings-change': CustomEvent<RapportSettingsChangeDetail>;
  }
}
