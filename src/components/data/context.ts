import { createContext } from '@lit/context';
import type { CustomerRow, Headline, ScoreOverview } from '../../data/dataset.js';
import type { CustomerSortKey, SortDirection } from '../../data/dataset.js';
import type { CustomersLoadReport, FeedbackLoadReport, LoadReport, SurveyLoadReport } from '../../data/ingest/types.js';
import type { ParetoResult } from '../../data/customer-types.js';
import type { MigrationResult } from '../../data/migration.js';
import type { CohortRetention } from '../../analytics/cohorts.js';
import type { ClvModel } from '../../data/clv-model.js';
import type { ClvGroups } from '../../analytics/clv/clv-groups.js';
import type { LadderPlace, LadderResult } from '../../analytics/ladder.js';
import type { QualityGapResult } from '../../analytics/quality.js';
import type { DeliveryGapResult } from '../../analytics/delivery.js';
import type { VoiceResult } from '../../analytics/voice.js';
import type { CustomerSelection, SelectedResult, SelectionInfo, SelectionPart } from '../../analytics/selection.js';

/** Where the provider is: nothing asked yet, loading (or re-running the analytics), ready, or failed. */
export type RapportDataStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * What a consumer may ask of the provider. Every action ends in a new state being published;
 * none throws: a part that cannot be selected shows as `selectionError`.
 */
export interface RapportDataActions {
  /**
   * Toggle one part of the selection: the same part with the same value again removes it,
   * another value replaces it; the other parts stay (a selection is their intersection).
   */
  select(part: SelectionPart): Promise<void>;
  /** Select nobody in particular: every figure is everyone's again. */
  clearSelection(): Promise<void>;
  /** Re-read the customer list in another order (sorted in SQL). */
  sortCustomers(key: CustomerSortKey, direction: SortDirection): Promise<void>;
  /**
   * The customer table's filters: `segment` and `rung` are parts of the selection (so every
   * element follows), `type` narrows the list only.
   */
  filterCustomers(filter: { segment: string | null; type: 'active' | 'inactive' | 'potential' | null; rung: LadderPlace | null }): Promise<void>;
}

/**
 * Everything a `<rapport-data>` shares with the elements inside it, published as one immutable
 * object: every change is a new object, so a Lit consumer that stores a piece of it updates.
 * Figures marked "of the selection" are everyone's while nothing is selected.
 */
export interface RapportDataState {
  status: RapportDataStatus;
  /** Why the last load failed (status `error`), in the page's language; null otherwise. */
  error: string | null;
  /** Why the last selection could not be made (the one before stays in force); null otherwise. */
  selectionError: string | null;
  /** The order file's load report: rows read, loaded, rejected and why. Null before a load. */
  report: LoadReport | null;
  /** Reports of the optional customer list, feedback and survey (null when not given or not loaded). */
  customersReport: CustomersLoadReport | null;
  feedbackReport: FeedbackLoadReport | null;
  surveyReport: SurveyLoadReport | null;
  /** Headline figures, of the selection while one is in force (then `headlineSelected` is true). */
  headline: Headline | null;
  /** The headline counts the selected customers only. */
  headlineSelected: boolean;
  /** The RFM scoring: segment summary, the R-by-F grid and its bins (everyone's: the charts you select in). */
  overview: ScoreOverview | null;
  /** The value (Lorenz) curve, of the selection. */
  pareto: ParetoResult | null;
  /** Segment migration between two dates (everyone's: a chart you select in). */
  migration: MigrationResult | null;
  /** Monthly acquisition cohorts (everyone's), up to the analysis date when one is set; null before a load. */
  cohorts: CohortRetention | null;
  /** The BG/NBD and Gamma-Gamma model of everyone (fitted in a worker after each load or re-analysis); null before, or when it could not be fitted. */
  clv: ClvModel | null;
  /** Predicted customer value by segment and by rung, of the selection (`selection` says which; null when none is in force); null without a model. */
  clvGroups: (ClvGroups & Partial<SelectedResult>) | null;
  /** The same for everyone, to set the selection's beside; null without a model. */
  clvGroupsEveryone: ClvGroups | null;
  /**
   * The ladder of loyalty, of the selection; a selected rung is left out of its own counts, so
   * every rung of the rest of the selection stays visible with the chosen one marked.
   */
  ladder: LadderResult | null;
  /** The survey quality gap, of the selected customers' answers; null without a survey. */
  qualityGap: QualityGapResult | null;
  /** Why the split the quality-gap element asked for could not be made (the gap then shows all respondents); null when it could. */
  qualitySplitError: unknown;
  /** Promised against actual delivery; null when the orders carry no such dates. */
  deliveryGap: DeliveryGapResult | null;
  /** Complaints, suggestions and compliments, of the selected customers; null without feedback. */
  voice: VoiceResult | null;
  /** The customer list: the selected customers (every customer when none is selected), sorted and filtered. */
  customers: CustomerRow[];
  /** How many customers there are in all (for "n of total"); null before a load. */
  customersTotal: number | null;
  /** Segment names of the scoring, in rule order (the customer table's segment filter). */
  segments: readonly string[];
  /** The customer list's order and its own type filter ('' = every type). */
  sort: { key: CustomerSortKey; direction: SortDirection };
  typeFilter: '' | 'active' | 'inactive' | 'potential';
  /** The selection shown ({} = none); `selectionInfo` is the one in force in the engine, with its customer count. */
  selection: CustomerSelection;
  selectionInfo: SelectionInfo | null;
  /** The provider's `currency` (ISO 4217), for elements that have none of their own. */
  currency: string | null;
  /** What a consumer may ask of the provider. */
  actions: RapportDataActions;
}

/** The Lit context a `<rapport-data>` provides and the Rapport elements inside it consume. */
export const rapportDataContext = createContext<RapportDataState>(Symbol('rapport-data'));
