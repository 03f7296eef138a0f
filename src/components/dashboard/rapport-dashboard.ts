import { rapportDataContext } from '../data/context.js';
import { html, css, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Table } from 'apache-arrow';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import type { Dataset, CustomerDetail, CustomerPages, CustomerRow, Headline, SelectedResult } from '../../data/dataset.js';
import { EngineError, type Engine } from '../../data/engine/engine.js';
import type { IngestInput } from '../../data/ingest/ingest.js';
import { IngestError } from '../../data/ingest/ingest-error.js';
import { feedbackRejectReasonNotice, surveyRejectReasonNotice } from '../../data/ingest/feedback-survey-notices.js';
import { customerRejectReasonNotice } from '../../data/ingest/ingest-notices.js';
import type { Notice } from '../../analytics/notice.js';
import { errorText, noticeText } from '../base/notices/index.js';
import {
  type SurveyIngestOptions,
  type SurveyLoadReport,
  type CustomersLoadReport,
  type FeedbackLoadReport,
} from '../../data/ingest/types.js';
import type { ColumnProfile } from '../../data/ingest/detect-mapping.js';
import {
  DATE_ORDERS,
  DECIMAL_STYLES,
  RETURN_POLICIES,
  type ColumnMapping,
  type DateOrder,
  type DecimalStyle,
  type IngestOptions,
  type LoadReport,
  type MappingDecision,
  type ReturnPolicy,
} from '../../data/ingest/types.js';
import type { CustomerSortKey, SortDirection } from '../../data/dataset.js';
import type {
  RapportCellSelectDetail,
  RapportCustomerCloseDetail,
  RapportCustomerSelectDetail,
  RapportErrorDetail,
  RapportMigrationSelectDetail,
  RapportSettingsChangeDetail,
  RapportFilesDetail,
  RapportFilterDetail,
  RapportMappingDetail,
  RapportQualityGroupDetail,
  RapportRungSelectDetail,
  RapportSurveyMappingDetail,
  RapportSegmentSelectDetail,
  RapportSortDetail,
} from '../events.js';
import { formats } from '../format.js';
import { Localized, intlLocale, translate, type MessageParams } from '../base/i18n.js';
import { commonMessages, rungLabel, segmentLabel } from '../base/common-messages.js';
import { messages, type DashboardMessageKey } from './messages.js';
import { messages as qualityGapMessages } from '../quality-gap/messages.js';
import type { RapportDropZone } from '../drop-zone/rapport-drop-zone.js';
import type { RapportMappingForm } from '../mapping-form/rapport-mapping-form.js';
import '../drop-zone/rapport-drop-zone.js';
import '../load-report/rapport-load-report.js';
import type { ClvModel } from '../../data/clv-model.js';
import type { ClvGroups } from '../../analytics/clv/clv-groups.js';
import { clvCheckOption } from '../base/clv-options.js';
import type { CohortRetention } from '../../analytics/cohorts.js';
import { QualityWeightsError, parseWeightsSpec, type QualityGapResult } from '../../analytics/quality.js';
import type { DeliveryGapResult } from '../../analytics/delivery.js';
import type { VoiceResult } from '../../analytics/voice.js';
import type { LadderComparison, LadderResult, LadderRulesInput } from '../../analytics/ladder.js';
import type { RfmRequest, ScoreOverview } from '../../data/rfm.js';
import { RFM_METHODS, type RfmMethod } from '../../analytics/rfm-options.js';
import type { ParetoResult } from '../../data/customer-types.js';
import type { MigrationResult } from '../../data/migration.js';
import '../mapping-form/rapport-mapping-form.js';
import type { RapportSurveyForm } from '../survey-form/rapport-survey-form.js';
import type { RapportCustomerDetail } from '../customer-detail/rapport-customer-detail.js';
import { chartToPng, chartToSvg, downloadBlob } from '../base/chart-export.js';
import { isEmptySelection, selectionKey, selectionParts, type CustomerSelection, type SelectionPart } from '../../analytics/selection.js';
import { togglePart, withPart } from '../../analytics/selection-edit.js';
import { DatasetSource, DownloadError, clvWorkerRunner, download, fileNameOf, loadDataLayer, ordersInput } from '../base/dataset-source.js';
import { PRESET_BINS, SEGMENT_PRESET_NAMES, type SegmentPresetName } from '../../analytics/segment-rules.js';
import { DEFAULT_BINS } from '../../analytics/rfm-options.js';
import { KeptFiles, type KeptKind } from '../base/kept-files.js';
import { loadSections } from '../base/sections-loader.js';
import { dashboardFonts, WARM_CONTROLS, warmControls, warmFonts } from '../base/warm-fonts.js';

/**
 * The analytics that can be re-run on their own: `scores` (scoring, segments, customer types and
 * the customer list's scores), `pareto` (the value curve), `migration`, `ladder`.
 */
type AnalyticsPart = 'scores' | 'pareto' | 'migration' | 'ladder' | 'retention';
/** Rows of the customer list shown as soon as a load is in, before the analyses (a large base's whole list waits for them). */
const FIRST_PAGE_ROWS = 1_000;

const ALL_PARTS: readonly AnalyticsPart[] = ['scores', 'pareto', 'migration', 'ladder', 'retention'];
/**
 * What each analysis property feeds, so a change re-runs only that (as `<rapport-settings>`
 * documents): a new preset re-segments the scores already made, a value standard redraws the
 * value curve, the inactivity window re-types customers (the ladder is not given it).
 */
const PARTS_OF: Readonly<Record<string, readonly AnalyticsPart[]>> = {
  analysisDate: ALL_PARTS,
  rfmBins: ['scores', 'migration'],
  rfmMethod: ['scores', 'migration'],
  rfmBreaks: ['scores', 'migration'],
  segmentRules: ['scores', 'migration'],
  inactiveAfter: ['scores'],
  valueStandard: ['pareto'],
  ladderRules: ['ladder'],
  clvCheckMonths: ['retention'],
};

/** The charts that can be saved as SVG or PNG: their element and file name. */
const CHARTS = {
  segments: 'rapport-segments',
  value: 'rapport-pareto',
  migration: 'rapport-migration',
  ladder: 'rapport-ladder',
  quality: 'rapport-quality-gap',
  voice: 'rapport-voice',
} as const;
type ChartName = keyof typeof CHARTS;

type Phase = 'idle' | 'loading' | 'needs-input' | 'ready';

/** A load that can run again (see RapportDashboard.kept). */
interface KeptLoad {
  file: string;
  /** Load it again, saying `announcement` as it starts. */
  again: (announcement?: string) => Promise<unknown>;
}

interface Analytics {
  overview: ScoreOverview;
  /** Null when the value curve failed (its section says why; segments and migration still show). */
  pareto: ParetoResult | null;
  /**
   * Null until the load's first migration is in (its section waits for it): the segments do not.
   * A re-scoring keeps the one shown, its section marked busy, until the new one is in.
   */
  migration: MigrationResult | null;
}

/** The figures that can be read for the selected customers; a failed one is cleared and its section says so. */
type SelectedFigure = 'headline' | 'value' | 'ladder';
/** Which of the selection's figures to read again. */
type SelectedFigures = { headline?: boolean; pareto?: boolean; ladder?: boolean };
/** The selection's figures asked of the engine ahead of showing them (askSelected). */
type AskedFigures = { headline?: Promise<Headline & Partial<SelectedResult>>; ladder?: Promise<LadderResult & Partial<SelectedResult>> };

/** The parts of the children a BI team most often styles, forwarded as `<prefix>-<part>` (see `exportparts` below). */
const FORWARDED_PARTS = [
  'card',
  'title',
  'note',
  'legend',
  'legend-item',
  'chart',
  'axis',
  'axis-label',
  'bar',
  'mark',
  'label',
  'value',
  'tooltip',
  'button',
  'toggle',
  'table',
  'table-header',
  'table-row',
  'table-cell',
  'input',
  'select',
  'summary',
  'empty',
] as const;
/** `exportparts` forwarding a child's main parts with its prefix, e.g. `bar: ladder-bar, ...`. */
const forwardParts = (prefix: string, extra: readonly string[] = []): string =>
  [...FORWARDED_PARTS, ...extra].map((part) => `${part}: ${prefix}-${part}`).join(', ');
const PARTS = {
  loadReport: forwardParts('load-report', ['warning', 'rejects']),
  headline: forwardParts('headline', ['figure']),
  customerTable: forwardParts('customer-table', ['toolbar', 'header', 'row']),
  segments: forwardParts('segments', ['tile', 'cell']),
  pareto: forwardParts('pareto', ['curve']),
  customerDetail: forwardParts('customer-detail', ['header', 'close', 'chip', 'figure', 'figures']),
  settings: forwardParts('settings', ['summary', 'brief', 'field', 'fields']),
  migration: forwardParts('migration', ['cell']),
  ladder: forwardParts('ladder', ['step', 'band']),
  qualityGap: forwardParts('quality-gap', ['row', 'delivery']),
  voice: forwardParts('voice'),
  mappingForm: forwardParts('mapping-form', ['form']),
  surveyForm: forwardParts('survey-form', ['form']),
  dropZone: forwardParts('drop-zone', ['zone']),
};

/** The first line of a dropped text file (for telling feedback from orders by its header); null for compressed or unreadable files. */
async function firstLine(file: File): Promise<string | null> {
  if (/\.(gz|parquet|arrow|feather|json|ndjson|jsonl)$/i.test(file.name)) return null;
  try {
    const head = await file.slice(0, 8192).text();
    return head.split(/\r?\n/, 1)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * @summary The all-in-one page: drop or pick an order export (or point `src` at one), see
 * what was loaded and rejected and why, headline figures, every customer, segments, the
 * ladder of loyalty, service quality and the voice of the customer.
 *
 * A new file (or `src`, or `data`) replaces the load in progress. A visually hidden live
 * region announces each load's start and outcome; errors are alerts. The engine the
 * dashboard starts is closed when the element is removed from the page (not when it is moved).
 * When the engine dies (its worker crashed, ran out of memory or was killed: see
 * `killEngineWorker` in `rapport/data`), the dashboard starts a new one, loads again the files
 * it showed (orders, customer list, feedback, survey) and says so (part `recovered`); an engine
 * the page gave is replaced by one the dashboard starts itself.
 *
 * With `storage="browser"` the files the user loads are kept in the browser (IndexedDB) and
 * loaded again when the page opens (without `src` or `data`), until the user presses "Forget
 * data"; a failed or cancelled load keeps what was kept. By default nothing is written to the browser.
 *
 * Language: English, Portuguese, Spanish, French or Malay, from the dashboard's `lang`
 * attribute (or its nearest ancestor's, or `<html lang>`); every element inside follows it.
 * Numbers and dates follow `locale` when set, else the language tag (`pt-BR`, `fr-CA`...).
 * What the loader and the analytics say (warnings, reject reasons, the ladder's reasons, why a
 * load failed) is translated too; texts that come from the data (file names, segment names a
 * team chose, survey items) are shown as given. Colours come from the theme tokens; the `theme`
 * attribute (`light` or `dark`; unset follows the reader's preference) fixes the scheme of the
 * dashboard and every element inside it.
 *
 * The main parts of the elements inside are forwarded with a prefix naming the element, so
 * `rapport-dashboard::part(ladder-bar)` styles the ladder's bars: prefixes `load-report`,
 * `headline`, `customer-table`, `segments`, `pareto`, `migration`, `ladder`, `quality-gap`,
 * `voice`, `mapping-form`, `survey-form`, `drop-zone`; forwarded parts `card`, `title`,
 * `note`, `legend`, `legend-item`, `chart`, `axis`, `axis-label`, `bar`, `mark`, `label`,
 * `value`, `tooltip`, `button`, `toggle`, `table`, `table-header`, `table-row`, `table-cell`,
 * `input`, `select`, `summary`, `empty` (and a few of each element's own, e.g. `headline-figure`,
 * `segments-tile`, `ladder-step`, `customer-table-row`), where the element has them.
 *
 * @event rapport-load - A dataset loaded: `{ report }`.
 * @event rapport-error - A load or the engine failed, or the user cancelled it (code `cancelled`;
 * `memory` when the file is too large for the engine's memory; `engine-crashed` when the engine
 * died with nothing loaded to load again, or again within a minute of a restart; `storage` when
 * "Forget data" could not delete the kept files): `{ message, code }` (the message
 * in the dashboard's language; only the engine's own error text stays as the engine worded it);
 * what was loaded before stays. A load replaced by a newer one sends nothing.
 * @event rapport-needs-input - Detection was unsure and the mapping form is shown: `{ file, decision }`.
 * @event rapport-export - A chart was saved as SVG or PNG from its section's buttons: `{ fileName, rows: 0, format }`
 * (the customer table sends its own for customer lists).
 *
 * Cross-filtering: choosing a segment (treemap tile), an R-by-F cell, a rung of the ladder or a
 * cell of the segment migration selects those customers; the parts combine (a segment and a rung:
 * the customers in both), choosing the same mark again removes its part. The headline ("Selected
 * customers"), the customer list, the ladder's counts, the value curve, the voice and the
 * survey and delivery gaps then count the selection only; the chart where a part was chosen keeps showing
 * everyone with the mark highlighted. A chip per part, above the sections, removes it; "Clear
 * all" removes every part. The customer table's segment and rung choices are the selection's
 * segment and rung (choosing one there selects); its type choice narrows the list only. A new
 * load, or a re-scoring (other scores or rules, a new analysis date), clears the parts it
 * invalidates, as the dataset does.
 *
 * Activating a customer's row opens their details beside the table (above it on narrow pages);
 * closing them (their close button, or Escape) gives focus back to the row.
 *
 * The analysis settings panel (`<rapport-settings>`) edits `analysis-date`, `rfm-bins`,
 * `rfm-method`, `segment-rules` (a preset), `inactive-after` and `value-standard`; a change
 * re-runs only what depends on it (likewise when a page sets those properties).
 * @csspart stack - The column holding every piece below.
 * @csspart drop-zone - The drop zone.
 * @csspart progress - The progress area (step, bar and Cancel; not a live region).
 * @csspart progress-step - The step being done, in the progress area.
 * @csspart progress-bar - The `<progress>` bar.
 * @csspart button - Every button of the dashboard's own: Cancel, Dismiss, "Add feedback…", "Add survey…", "Change how it is read…".
 * @csspart file-button - The "Add feedback…" and "Add survey…" file pickers (also `button`).
 * @csspart error - The error message (`role="alert"`).
 * @csspart kept - With storage="browser": which files are kept in this browser, and the "Forget data" button.
 * @csspart forget - The "Forget data" button (also `button`): deletes the kept files and closes the data.
 * @csspart recovered - Said after the engine died and what was shown was loaded again into a new one (with a dismiss button).
 * @csspart settings - The analysis settings panel (its parts forwarded as `settings-<part>`).
 * @csspart filter-bar - The row of selection chips ("Segment: Champions ×") and "Clear all" while customers are selected, else a hint; there once data is loaded, so choosing does not move the page.
 * @csspart filter-hint - The hint in the selection row while nothing is chosen (how to choose customers).
 * @csspart filter-chip - Each selection chip: the part's name ("Segment: Champions") and its × button.
 * @csspart filter-chip-remove - The × button of a chip, which removes its part (also `button`; named "Remove the segment filter Champions").
 * @csspart filter-clear - The "Clear all" button (also `button`).
 * @csspart selection-error - Why a selection could not be made, in the filter bar.
 * @csspart selected-error - Why a figure of the selected customers (headline, value curve, ladder) could not be computed, in its place; everyone's figure shows instead.
 * @csspart customer-detail - The customer's details, in the customers section (its parts forwarded as `customer-detail-<part>`).
 * @csspart chart-exports - The SVG and PNG buttons of a chart section.
 * @csspart export-button - Each of those buttons (also `button`).
 * @csspart export-error - Why a chart could not be saved (say, a chart hidden when its PNG was asked for), in its section.
 * @csspart analytics-error - Why segments could not be computed (say, invalid `segment-rules`), in their place.
 * @csspart value-error - Why the value curve could not be computed, in its section (segments and migration still show).
 * @csspart migration-error - Why the segment migration could not be computed, in its section (segments and the value curve still show).
 * @csspart section-title - Each section's heading.
 * @csspart note - The explanatory lines under the headings that have no part of their own (the cut points, how to use the
 * ladder, what the quality section compares, "no survey loaded"); the others are `types`, `customer-list`, `feedback`,
 * `ladder-moves` and `survey`.
 * @csspart customers-section - The customers section (the customer list's note, the types and the table).
 * @csspart customer-list - The line saying what the customer list brought.
 * @csspart types - The line counting active, inactive and potential customers.
 * @csspart segments-section - The segments section.
 * @csspart value-section - The "who brings the value" section.
 * @csspart migration-section - The "how segments moved" section.
 * @csspart ladder-section - The ladder of loyalty section (the chart, its notes and the feedback button).
 * @csspart ladder-error - Why the ladder could not be computed (say, invalid `ladder-rules`), in its place.
 * @csspart retention-section - Retention and customer value: the cohorts (`<rapport-cohorts>`, part `cohorts`) and the fitted value model (`<rapport-clv>`, part `clv`).
 * @csspart retention-error - Why the cohorts or the value model could not be made, in their place.
 * @csspart cohorts - The cohort retention heat map.
 * @csspart clv - The predicted customer value panel.
 * @csspart feedback - The line saying what the feedback file brought.
 * @csspart ladder-moves - The line saying who climbed, slipped, lapsed or came back over the last 90 days.
 * @csspart quality-section - The service quality section (survey gaps, promised vs delivered, the survey button).
 * @csspart survey - The line saying what the survey file brought.
 * @csspart quality-error - Why the quality gaps could not be computed, or split as asked, in their place.
 * @csspart voice-section - The voice of the customer section (complaints, suggestions, compliments).
 * @csspart load-report - The load report element; likewise `headline`, `customer-table`, `segments`, `pareto`, `migration`, `ladder`, `quality-gap`, `voice`, `mapping-form`, `survey-form`.
 * @cssproperty --rapport-dashboard-max-width - Widest the dashboard gets (default: none).
 * @cssproperty --rapport-dashboard-chart-max-width - Widest the value curve gets (default: 46rem).
 * @cssproperty --rapport-dashboard-heading-color - Colour of the section headings (default: `--rapport-color-text`).
 * @cssproperty --rapport-dashboard-note-color - Colour of the notes under the headings (default: `--rapport-color-text-muted`).
 * @cssproperty --rapport-dashboard-section-gap - Space between the sections (default: `--rapport-spacing`).
 * @cssproperty --rapport-dashboard-chip-background - Background of the selection chips (default: `--rapport-color-surface-alt`).
 * @cssproperty --rapport-dashboard-chip-color - Text of the selection chips (default: `--rapport-color-text`).
 * @cssproperty --rapport-font-family, --rapport-color-text, --rapport-color-primary, ... - Theme tokens (see README).
 */
@customElement('rapport-dashboard')
export class RapportDashboard extends RapportElement {
  static override styles = [
    themeTokens,
    css`
      :host {
        display: block;
        max-width: var(--rapport-dashboard-max-width, none);
      }
      .stack {
        display: grid;
        gap: var(--rapport-dashboard-section-gap, var(--_gap));
      }
      /* Wide content (the customer table) scrolls inside its box instead of widening the page. */
      .stack > * {
        min-width: 0;
      }
      .progress {
        display: flex;
        align-items: center;
        gap: 0.8em;
      }
      progress {
        flex: 1;
        height: 0.6em;
        accent-color: var(--_primary);
      }
      .kept {
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em 1em;
        align-items: center;
        color: var(--_muted);
        font-size: var(--_font-size-small);
      }
      .recovered,
      .error {
        border-radius: var(--_radius);
        padding: 0.7em 1em;
        margin: 0;
        display: flex;
        gap: 1em;
        align-items: flex-start;
        justify-content: space-between;
      }
      .recovered {
        border: 1px solid var(--_border);
      }
      .error {
        background: var(--_danger-surface);
        color: var(--_danger);
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 0.4em;
        color: var(--rapport-dashboard-heading-color, var(--_text));
      }
      rapport-pareto {
        max-width: var(--rapport-dashboard-chart-max-width, 46rem);
      }
      .note {
        color: var(--rapport-dashboard-note-color, var(--_muted));
        font-size: 0.9em;
        margin: 0 0 0.6em;
      }
      .file-button {
        display: inline-block;
        margin-inline-start: 0.6em;
        padding: 0.2em 0.7em;
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) / 2);
        background: var(--_surface);
        color: var(--_text);
        cursor: pointer;
      }
      /* A migration of the scoring before, shown while the new one is worked out: its cells in
         grey (as dark as they were, so the counts on them keep their contrast). */
      section[aria-busy='true'] > rapport-migration::part(cell) {
        filter: grayscale(1);
      }
      .file-button:focus-within {
        outline: 2px solid var(--_focus-ring);
        outline-offset: 2px;
      }
      /* Text in each font the sections use, and the costly form controls, laid out while the engine reads the first file (warm-fonts.ts). */
      .font-warmup {
        position: absolute;
        width: 0;
        height: 0;
        overflow: hidden;
        visibility: hidden;
        contain: strict;
        pointer-events: none;
      }
      .file-button input {
        /* Its own text ("No file chosen") in the page's font, not the browser's default for controls: one font less to match. */
        font: inherit;
        position: absolute;
        width: 1px;
        height: 1px;
        opacity: 0;
        overflow: hidden;
      }
      .warnings {
        display: block;
        margin-top: 0.3em;
      }
      .link {
        font: inherit;
        background: none;
        border: none;
        padding: 0;
        color: var(--_primary);
        text-decoration: underline;
        cursor: pointer;
      }
      .link:focus-visible {
        outline: 2px solid var(--_focus-ring);
        outline-offset: 2px;
      }
      /* A section heading with the chart's SVG / PNG buttons at its end. */
      .section-head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: 0.4em 1em;
      }
      .exports {
        display: inline-flex;
        gap: 0.4em;
      }
      .small-button,
      .chip {
        font: inherit;
        font-size: 0.85em;
        padding: 0.15em 0.6em;
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) / 2);
        background: var(--_surface);
        color: var(--_text);
        cursor: pointer;
      }
      .small-button:focus-visible,
      .chip-remove:focus-visible,
      .filter-bar .link:focus-visible {
        outline: 2px solid var(--_focus-ring);
        outline-offset: 2px;
      }
      .filter-bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5em;
        /* A row of chips is this tall: the hint takes as much room, and choosing moves nothing. */
        min-height: 1.4em;
      }
      .filter-bar .label,
      .filter-bar .hint {
        color: var(--rapport-dashboard-note-color, var(--_muted));
        font-size: 0.9em;
      }
      /* One line whatever the width or language (cut with an ellipsis, read whole by screen
         readers): a hint wrapping onto two lines would move the page when a chip replaces it. */
      .filter-bar .hint {
        flex: 1 1 0;
        min-width: 0;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .chip {
        border-radius: 999px;
        background: var(--rapport-dashboard-chip-background, var(--_surface-alt));
        color: var(--rapport-dashboard-chip-color, var(--_text));
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 0.3em;
        cursor: default;
      }
      .chip-remove {
        font: inherit;
        font-weight: var(--_weight-strong);
        line-height: 1;
        padding: 0.1em 0.35em;
        border: none;
        border-radius: 999px;
        background: none;
        color: inherit;
        cursor: pointer;
      }
      .chip-remove:hover {
        background: var(--_surface);
      }
      /* The customer's details sit above the table, and beside it when there is room. */
      .customers-body {
        display: grid;
        gap: var(--_gap);
      }
      .customers-body > * {
        min-width: 0;
      }
      section[part~='customers-section'] {
        container-type: inline-size;
      }
      @container (min-width: 62rem) {
        .customers-body.with-detail {
          grid-template-columns: minmax(0, 1fr) minmax(20rem, 26rem);
          align-items: start;
        }
        .customers-body.with-detail rapport-customer-detail {
          order: 2;
        }
      }
      /* The customers heading takes focus when the last chip goes: a visible ring, for the keyboard only. */
      h2[tabindex]:focus {
        outline: none;
      }
      h2[tabindex]:focus-visible {
        outline: 2px solid var(--_focus-ring);
        outline-offset: 2px;
      }
    `,
  ];

  /** URL of an order file to load when connected (same origin, or CORS-enabled). */
  @property() src?: string;
  /** Folder with the DuckDB wasm and worker files; default: `duckdb/` beside the Rapport module. */
  @property({ attribute: 'duckdb-base' }) duckdbBase?: string;
  /** Explicit column mapping as JSON, e.g. `{"customer_id":"Client","amount":"Total"}`; wins over detection. */
  @property({ type: Object }) mapping?: ColumnMapping;
  /** How to read dates like 03/04/2024: `dmy`, `mdy` or `ymd`; default: detected (and asked when unsure). */
  @property({ attribute: 'date-order' }) dateOrder?: DateOrder;
  /** Decimal separator of amounts: `point` or `comma`; default: detected. */
  @property() decimal?: DecimalStyle;
  /** `net` (default): returns reduce spend; `exclude`: returns are rejected. */
  @property({ attribute: 'return-policy' }) returnPolicy?: ReturnPolicy;
  /**
   * Locale of numbers and dates, e.g. `en-GB` (default: the language in force, from `lang`).
   * Passed to the elements inside only when set, so they otherwise follow the language too.
   */
  @property() locale?: string;
  /** ISO 4217 code for money figures, e.g. `EUR`. */
  @property() currency?: string;
  /** Records or an Arrow table to load, instead of a file. */
  @property({ attribute: false }) data?: readonly Record<string, unknown>[] | Table;
  /** Use this engine instead of starting DuckDB-WASM (tests, a remote engine). The dashboard never closes it. */
  @property({ attribute: false }) engine?: Engine;
  /**
   * Where the files the user loads are kept between visits: `none` (default: nothing is written
   * to the browser) or `browser` (IndexedDB: the data survives a reload, is loaded again when the
   * page opens without `src` or `data`, and stays until the user presses "Forget data").
   */
  @property({ reflect: true }) storage: 'none' | 'browser' = 'none';
  /** Names what this dashboard keeps in the browser, so two dashboards of a site keep their own. */
  @property({ attribute: 'storage-key' }) storageKey = 'dashboard';
  /** RFM scores run 1..bins (default 5). */
  @property({ type: Number, attribute: 'rfm-bins' }) rfmBins?: number;
  /** `quantile` (default, as the R package rfm), `ntile` or `fixed` (needs `rfmBreaks`). */
  @property({ attribute: 'rfm-method' }) rfmMethod?: RfmMethod;
  /** Cut points for `fixed`: `{"recency":[...],"frequency":[...],"monetary":[...]}`. */
  @property({ type: Object, attribute: 'rfm-breaks' }) rfmBreaks?: RfmRequest['breaks'];
  /** Segment rules: a preset name (`rfm-vignette`, `rf-grid`) or a JSON list of `{name, r, f, m}` rules. */
  @property({ attribute: 'segment-rules' }) segmentRules?: string | readonly unknown[];
  /** Analysis date (YYYY-MM-DD); default: the day after the last order. */
  @property({ attribute: 'analysis-date' }) analysisDate?: string;
  /**
   * Months held out at the end of the orders to check the customer-value model: a second model
   * fitted on the orders before them predicts them, beside what customers did (default 6; 0 turns
   * the check off). The figures and the customer table's value columns come from the model
   * fitted on every order either way.
   */
  @property({ type: Number, attribute: 'clv-check-months' }) clvCheckMonths?: number;
  /** Days without a purchase after which a customer is inactive; default: derived from the data. */
  @property({ type: Number, attribute: 'inactive-after' }) inactiveAfter?: number;
  /** Minimum value per customer (revenue, or margin when the data has one); customers below it are counted. */
  @property({ type: Number, attribute: 'value-standard' }) valueStandard?: number;
  /**
   * Ladder of loyalty rules as JSON (any subset, merged over the defaults), e.g.
   * `{"client": {"minOrders": 3}, "partner": {"minTenureDays": 730}}`; see the README.
   */
  @property({ attribute: 'ladder-rules' }) ladderRules?: string | LadderRulesInput;
  /**
   * Weights of the survey dimensions in the overall quality score, as `tangibles=0.1,reliability=0.3,...`
   * or an object; they win over the survey's own importance. Blank: the survey's importance, else equal.
   */
  @property({ attribute: 'quality-weights' }) qualityWeights?: string | Record<string, number>;

  @state() private phase: Phase = 'idle';
  @state() private step = '';
  @state() private fraction = 0;
  @state() private error: RapportErrorDetail | null = null;
  /** Said after the engine died and what was loaded was loaded again into a new one. */
  @state() private recovered: string | null = null;
  /** The names of the files kept in the browser (storage="browser"). */
  @state() private keptNames: string[] = [];
  /** Whether the kept files were looked for (once, when storage is first "browser"). */
  private keptLookedFor = false;
  /** Files read back from the browser's keeping: loading them keeps nothing again. */
  private readonly restoredFiles = new WeakSet<File>();
  /** Bumped whenever the data shown is forgotten: a list, feedback or survey load that started before ends quietly. */
  private dataEpoch = 0;
  /** Bumped by every orders load that starts. */
  private loadStarts = 0;
  /** When the engine was restarted after dying (within the last minute). */
  private restarts: number[] = [];
  /** Inputs downloaded from `src`: the page's, so never kept in the browser. */
  private readonly pageInputs = new WeakSet<IngestInput>();
  @state() private report: LoadReport | null = null;
  @state() private headline: Headline | null = null;
  /** The first page of a new load's customers, shown at once (the list kept in the engine follows with the analyses). */
  @state() private rows: CustomerRow[] = [];
  /**
   * The customer list shown, kept in the engine and read by the table a page at a time: a base of
   * a million customers is never held here as objects. Null until the analyses are in (`rows` then).
   */
  @state() private listSource: CustomerPages | null = null;
  /** RFM segments, customer value and migration of the loaded data; null while unknown. */
  @state() private analytics: Analytics | null = null;
  /** A new migration is being worked out: the one shown (if any) belongs to the scoring before. */
  @state() private migrationBusy = false;
  @state() private sortKey: CustomerSortKey = 'total_spend';
  @state() private sortDirection: SortDirection = 'desc';
  /** Customer list filters ('' = all). */
  @state() private typeFilter = '';
  /** The ladder of loyalty of the loaded data, once computed; why it could not be, otherwise. */
  @state() private ladder: LadderResult | null = null;
  /** Why the ladder could not be built (an error: said in the language in force when shown), or null. */
  @state() private ladderError: unknown = null;
  /** Monthly acquisition cohorts and the customer-value model of everyone (the retention section), and why they could not be made. */
  @state() private cohorts: CohortRetention | null = null;
  @state() private clv: ClvModel | null = null;
  @state() private retentionError: unknown = null;
  /** The model's value by segment and by rung: everyone's, and the selection's while customers are selected. */
  @state() private clvGroups: ClvGroups | null = null;
  @state() private selectedClvGroups: (ClvGroups & Partial<SelectedResult>) | null = null;
  /** Who climbed, slipped, lapsed, returned or is new over the 90 days before the ladder's date. */
  @state() private ladderMoves: ({ from: string } & LadderComparison['summary']) | null = null;
  /** The feedback loaded beside the orders, if any. */
  @state() private feedbackReport: FeedbackLoadReport | null = null;
  /** The survey loaded, if any, and the quality gaps, delivery gap and voice of the customer of what is loaded. */
  @state() private surveyReport: SurveyLoadReport | null = null;
  @state() private quality: QualityGapResult | null = null;
  @state() private qualityError = '';
  /** How the survey's respondents are split (a QualityGroupOption.by), or null for all together. */
  @state() private qualityBy: string | null = null;
  @state() private delivery: DeliveryGapResult | null = null;
  /** The orders (their load's report) and selection the delivery gap shown was read for: a rule change or a new ladder leaves it as it is. */
  private deliveryOf: { report: LoadReport | null; selection: string } | null = null;
  @state() private voice: VoiceResult | null = null;
  /** A survey to read again with the user's answers: one detection could not read, or one read in a way the user wants to change. */
  @state() private pendingSurvey: { file: File; columns: string[]; message: string | Notice; report: SurveyLoadReport | null } | null = null;
  /** Customers in the unfiltered list, for "n of total". */
  @state() private listTotal?: number;
  /** The list shows its first page (FIRST_PAGE_ROWS) until the analyses are in and the whole list is read. */
  @state() private listPartial = false;
  /** The customer list loaded beside the orders, if any. */
  @state() private customersReport: CustomersLoadReport | null = null;
  /** Why the segments could not be computed (bad rules or options), shown in their place. */
  @state() private analyticsError = '';
  @state() private pending: { input: IngestInput; file: string; profiles: ColumnProfile[]; decision: MappingDecision } | null = null;
  /** What the live region says: the start and outcome of each load, never each progress step. */
  @state() private announcement = '';
  /** The customers selected across the charts (cross-filtering); empty: everyone. */
  @state() private selection: CustomerSelection = {};
  /** Why the last selection could not be made (the one before stays). */
  @state() private selectionError = '';
  /** Figures of the selected customers, while a selection is in force (the charts show everyone's otherwise). */
  @state() private selectedHeadline: Headline | null = null;
  @state() private selectedLadder: LadderResult | null = null;
  @state() private selectedPareto: ParetoResult | null = null;
  /** A selected figure that could not be read: cleared (everyone's shows) and said in its section. */
  @state() private selectedErrors: Partial<Record<SelectedFigure, string>> = {};
  /** Why the value curve failed (the other analytics still show). */
  @state() private valueError = '';
  /** Why the segment migration failed (the segments and the value curve still show). */
  @state() private migrationError = '';
  /** The selection the dataset confirmed last (set when a select resolves or is mirrored): what mirrorSelection compares with. */
  private confirmedSelection: CustomerSelection = {};
  /** Selects asked and not yet answered: the dataset's selection is not settled while any is in flight. */
  private selectsInFlight = 0;
  /** The preset in force before a bin count other than 5 disabled presets, to bring back with 5 bins (undefined: none kept). */
  private presetBeforeBins: SegmentPresetName | null | undefined;
  /** The customer whose details are open, and the id asked for last (an older answer never replaces a newer one). */
  @state() private detail: CustomerDetail | null = null;
  private detailId: string | null = null;
  private detailRun = 0;
  /** Why a chart could not be saved, per chart. */
  @state() private exportErrors: Partial<Record<ChartName, string>> = {};
  /** Segment rules of the page's own (JSON), remembered so that choosing "Own rules" in the settings brings them back. */
  private ownSegmentRules: string | readonly unknown[] | undefined;

  @query('rapport-drop-zone') private dropZone?: RapportDropZone;
  @query('rapport-mapping-form') private mappingForm?: RapportMappingForm;
  @query('rapport-survey-form') private surveyForm?: RapportSurveyForm;
  /** The survey file last loaded, so it can be read again another way. */
  private surveyFile: File | null = null;

  /** The dataset over `engine`, or over a DuckDB-WASM engine started on first use (closed on release). */
  private readonly datasets = new DatasetSource(
    () => ({ engine: this.engine, duckdbBase: this.duckdbBase }),
    (e) => void this.engineLost(e),
  );
  /**
   * How to load again what is shown, the last successful load of each kind: after the engine
   * dies, a new one is started and these run again. A dropped file is kept as the File (the
   * browser holds it on disk), not as its bytes.
   */
  private kept: Partial<Record<KeptKind, KeptLoad>> = {};
  /** The customer query last asked, so an older answer never replaces a newer one. */
  private rowsKey = '';
  /** Each analytics part's latest run: only the latest run of a part may change the page. */
  private partRun: Record<AnalyticsPart, number> = { scores: 0, pareto: 0, migration: 0, ladder: 0, retention: 0 };
  /** The customer-value fit running in its worker, stopped when a newer one starts or the element leaves. */
  private clvFit?: AbortController;
  /** Each selection's number: only the latest one may change the page. */
  private selectionRun = 0;
  /** The same for the quality and voice figures. */
  private qualityRun = 0;
  /** Analysis options changed while the page was not ready: the parts to re-run once it is. */
  private dirtyParts = new Set<AnalyticsPart>();
  /** Drops so far: a drop still reading its files' headers gives way to a later one. */
  private dropCount = 0;
  /** The load in progress. A load that finds another controller here was superseded: it ends without a trace. */
  private abort?: AbortController;
  private loadingFile = '';
  /** Set when a removal closed the engine and cleared the page: a reconnection starts again from `src` or `data`. */
  private shutDown = false;
  /** What had focus in this shadow root before the update, to catch it being removed by the render. */
  private focusBefore: Element | null = null;

  private msg = new Localized(this, messages);

  /** A message of the dashboard; its numbers in the number locale (`locale` when set, else the language's). */
  private t(key: DashboardMessageKey, params?: MessageParams): string {
    return translate(messages, this.msg.lang, key, params, this.numberTag);
  }

  /** A count with its noun, e.g. "3 rows read" (`key` picks the plural form by `n`). */
  private count(key: DashboardMessageKey, n: number): string {
    return this.t(key, { n });
  }

  /** Number and date formats: `locale` when set, else the language in force. */
  private get f() {
    return formats(this.locale ?? this.msg.tag, this.currency);
  }

  /** A step of the loader in the dashboard's language; a step it does not know is shown as given. */
  private stepLabel(step: string): string {
    const key = `step.${step}`;
    return Object.prototype.hasOwnProperty.call(messages.en, key) ? this.t(key as DashboardMessageKey) : step;
  }

  /** Rejects per reason as "3 no customer id; 1 the date is not a date", in the report's order (reasons as the loader words them). */
  private reasonsText<R extends string>(byReason: Partial<Record<R, number>>, reasonNotice: (reason: R) => Notice): string {
    return (Object.entries(byReason) as [R, number][])
      .map(([reason, n]) => this.t('reason', { count: this.f.integer(n), reason: this.say(reasonNotice(reason)) }))
      .join(this.t('separator'));
  }

  /** Fonts laid out in the warm-up box so far (warm-fonts.ts). */
  private warmedFonts = new Set<string>();
  /** How many of the costly form controls (WARM_CONTROLS) have been laid out in it (warm-fonts.ts). */
  private warmedControls = 0;
  private warmingUp = false;

  /**
   * Lays out, a few per task, the fonts the sections use that are not laid out yet, then once the
   * form controls whose first layout is costly (warm-fonts.ts): as a load starts, once the
   * dashboard has rendered. Not while it is off the page or hidden (nothing is laid out there) nor
   * while a warm-up is under way; fonts a theme brings later are warmed at the next load.
   */
  private warmUpAhead(): void {
    if (this.warmingUp || !this.isConnected || (typeof this.checkVisibility === 'function' && !this.checkVisibility())) return;
    const box = this.renderRoot.querySelector<HTMLElement>('.font-warmup');
    const fonts = box ? dashboardFonts(getComputedStyle(this)).filter((f) => !this.warmedFonts.has(f)) : [];
    if (!box || (!fonts.length && this.warmedControls === WARM_CONTROLS.length)) return;
    this.warmingUp = true;
    void warmFonts(box, fonts)
      .then(async (done) => {
        for (const f of done) this.warmedFonts.add(f);
        this.warmedControls += await warmControls(box, WARM_CONTROLS.slice(this.warmedControls));
      })
      .finally(() => (this.warmingUp = false));
  }

  /** Every number and date format of the dashboard's locale used once, each in a task of its own (see ingest). */
  private warmFormats(): void {
    const f = this.f;
    const uses: (() => string)[] = [
      () => this.count('n.rows-read', 1234.5),
      () => f.integer(1),
      () => f.money(1),
      () => f.percent(0.5),
      () => f.decimal(1.5),
      () => f.date('2024-01-31'),
      () => f.shortDate('2024-01-31'),
      () => f.month('2024-01'),
    ];
    const next = () => {
      uses.shift()?.();
      if (uses.length) setTimeout(next, 0);
    };
    next();
  }

  /** The locale numbers and dates follow: `locale` when set, else the language tag. */
  private get numberTag(): string | undefined {
    return intlLocale(this.locale ?? null) ?? this.msg.tag;
  }

  /** A split of the survey gaps as the quality-gap element names it: segment and rung translated, a respondent attribute as written (`label`). */
  private splitLabel(by: string, label: string): string {
    return by === 'segment' || by === 'rung' ? this.msg.from(qualityGapMessages, `split.${by}`) : label;
  }

  /** What the loader or the analytics said (a notice, or a text shown as given), in the dashboard's language. */
  private say(notice: Notice | string): string {
    return noticeText(notice, this.msg.lang, this.numberTag);
  }

  /** Why something failed, in the dashboard's language when the error carries a notice (the loader's and the analytics' do). */
  private sayError(error: unknown): string {
    return errorText(error, this.msg.lang, this.numberTag);
  }

  /** ", 3 rejected (reasons; first on line 5)": what a load report says about its rejected rows. */
  private rejectsText(rejected: string, reasons: string, first?: { line: number; column?: string | null | undefined }): string {
    const where = first
      ? first.column
        ? this.t('rejects.first-line-column', { line: String(first.line), column: first.column })
        : this.t('rejects.first-line', { line: String(first.line) })
      : '';
    return this.t('rejects', { rejected, reasons: [reasons, where].filter(Boolean).join(this.t('separator')) });
  }

  /**
   * The dataset behind the page, started on first use (over `engine` when given), once the
   * elements that show it (the sections, a chunk of their own) are defined too: whatever the
   * dashboard reads, it shows in them.
   */
  getDataset(): Promise<Dataset> {
    return Promise.all([this.datasets.get(), loadSections()]).then(([dataset]) => dataset);
  }

  constructor() {
    super();
    // The dashboard feeds its own charts: a <rapport-data> around it must not reach them.
    this.addEventListener('context-request', (e) => {
      if (e.context === rapportDataContext) e.stopImmediatePropagation();
    });
  }

  override connectedCallback() {
    super.connectedCallback();
    if (this.shutDown) {
      this.shutDown = false;
      this.keptLookedFor = false;
      this.loadFromProperties(Boolean(this.src), Boolean(this.data));
    }
  }

  protected override firstUpdated() {
    // The page is idle once the empty dashboard shows: the locale's formats are made then (their
    // ICU data, the first time: 49-95 ms in one task when a 1M-line load made them). A load makes
    // them again (cached, unless the locale changed).
    setTimeout(() => this.warmFormats(), 0);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    // Moving the element disconnects and reconnects it within one task: only a removal that
    // outlasts the task stops the load and releases the engine.
    setTimeout(() => {
      if (!this.isConnected) this.release();
    }, 0);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    // Invalid attribute values fall back to detection / the default rather than failing.
    if (changed.has('dateOrder') && this.dateOrder && !DATE_ORDERS.includes(this.dateOrder)) this.dateOrder = undefined;
    if (changed.has('decimal') && this.decimal && !DECIMAL_STYLES.includes(this.decimal)) this.decimal = undefined;
    if (changed.has('returnPolicy') && this.returnPolicy && !RETURN_POLICIES.includes(this.returnPolicy)) this.returnPolicy = undefined;
    // Rules of the page's own (not a preset name) are remembered for the settings' "Own rules".
    if (changed.has('segmentRules') && this.segmentRules !== undefined && this.presetOfRules() === null) this.ownSegmentRules = this.segmentRules;
    this.focusBefore = this.shadowRoot?.activeElement ?? null;
  }

  protected override updated(changed: PropertyValues<this>) {
    // Another engine holds none of the data shown: start afresh on it (the source swaps datasets).
    // (A first engine given after the dashboard had started its own counts too: that one is closed.)
    const engineSwapped = changed.has('engine') && this.datasets.stale;
    if (engineSwapped) {
      const abort = this.abort;
      this.abort = undefined;
      abort?.abort();
      queueMicrotask(() => this.forgetData());
    }
    this.loadFromProperties(changed.has('src') || engineSwapped, changed.has('data') || engineSwapped);
    // Another key keeps other files: look again.
    if (changed.has('storageKey')) {
      this.keptLookedFor = false;
      this.keptNames = [];
    }
    if (this.storage === 'browser' && !this.keptLookedFor) {
      this.keptLookedFor = true;
      void this.restoreKept();
    }
    const parts = Object.keys(PARTS_OF).flatMap((k) => ((changed as Map<PropertyKey, unknown>).has(k) ? PARTS_OF[k]! : []));
    if (changed.has('qualityWeights') && (this.surveyReport || this.quality)) {
      queueMicrotask(() => void this.getDataset().then((dataset) => this.refreshQuality(dataset, true)));
    }
    // Options changed during a load apply when it ends; if it fails or is cancelled, they apply to what stays shown.
    if (this.report) for (const part of parts) this.dirtyParts.add(part);
    if (this.dirtyParts.size && this.report && this.phase === 'ready' && !engineSwapped) {
      const dirty = new Set(this.dirtyParts);
      this.dirtyParts.clear();
      const report = this.report;
      queueMicrotask(() => void this.getDataset().then((dataset) => this.runAnalytics(dataset, report, dirty)));
    }
    // Focus never falls back to the page: the mapping form takes it when it appears, and when
    // what had it (Cancel, Dismiss, the form) disappears, it goes to the file button.
    const focusBefore = this.focusBefore;
    this.focusBefore = null;
    const form = this.mappingForm;
    if ((changed as Map<PropertyKey, unknown>).has('pending') && this.pending && form) {
      void form.updateComplete.then(() => form.focus());
    } else if (focusBefore && !focusBefore.isConnected) {
      // A chip removed: the next chip (or Clear all) takes focus; the last one: the customers heading.
      if (focusBefore.localName === 'rapport-customer-detail') {
        // Closing the details gives focus back to the row that opened them (closeDetail).
      } else if (focusBefore.matches('[part~=filter-chip-remove], [part~=filter-clear]')) {
        const next = this.renderRoot.querySelector<HTMLElement>('[part~=filter-chip-remove], [part~=filter-clear]') ?? this.renderRoot.querySelector<HTMLElement>('#customers-title');
        (next ?? this.dropZone)?.focus();
      } else {
        this.dropZone?.focus();
      }
    }
  }

  /** Start loading `src` or `data` when they changed. Loading sets state, so it starts after the current update. */
  private loadFromProperties(srcChanged: boolean, dataChanged: boolean) {
    if (srcChanged && this.src) {
      const src = this.src;
      queueMicrotask(() => void this.loadUrl(src));
    }
    if (dataChanged && this.data) {
      const data = this.data;
      queueMicrotask(() => void this.load(ordersInput(data)));
    }
  }

  /** The element left the page for good: stop the load quietly and close the engine it started. */
  private release() {
    // A quality refresh still running must not write into the page it no longer belongs to.
    this.qualityRun++;
    const abort = this.abort;
    this.abort = undefined;
    abort?.abort();
    if (abort && this.phase === 'loading') this.phase = this.report ? 'ready' : 'idle';
    this.clvFit?.abort();
    if (!this.datasets.release()) return;
    // The data shown lived in that engine: if the element comes back it starts afresh.
    this.shutDown = true;
    this.forgetData();
  }

  /** The names of the files this dashboard's `storage-key` keeps in the browser (whatever `storage` says now). */
  async keptFileNames(): Promise<string[]> {
    if (!KeptFiles.available) return [];
    return (await this.keptFiles().all().catch(() => [])).map((f) => f.name);
  }

  /** The files kept in the browser for this dashboard. */
  private keptFiles(): KeptFiles {
    return new KeptFiles(this.storageKey);
  }

  /** Keep a loaded file in the browser (storage="browser"); a browser that will not store it only loses the keeping. */
  private async keep(kind: KeptKind, file: File, options: object) {
    if (this.storage !== 'browser' || !KeptFiles.available || this.restoredFiles.has(file)) return;
    try {
      await this.keptFiles().put({ kind, name: file.name, file, options: JSON.parse(JSON.stringify(options)) as Record<string, unknown> });
      this.keptNames = (await this.keptFiles().all()).map((f) => f.name);
    } catch (e) {
      console.warn(`[rapport] ${file.name} could not be kept in this browser: ${(e as Error).message}`);
    }
  }

  /** Whether anything the user or the page did since `mark` supersedes a restore or a recovery in progress. */
  private supersededSince(mark: { epoch: number; drops: number; starts: number }): boolean {
    return !this.isConnected || mark.epoch !== this.dataEpoch || mark.drops !== this.dropCount || mark.starts !== this.loadStarts;
  }

  private mark() {
    return { epoch: this.dataEpoch, drops: this.dropCount, starts: this.loadStarts };
  }

  /**
   * Load what the browser kept from an earlier visit (storage="browser"), unless the page gives
   * its own data (`src`, `data`) or something was loaded already: lists and feedback first, as a
   * drop does, then the orders. Any other load or drop made meanwhile wins and stops it.
   */
  private async restoreKept() {
    if (!KeptFiles.available) return;
    const files = await this.keptFiles()
      .all()
      .catch((e: unknown) => {
        console.warn(`[rapport] the files kept in this browser could not be read: ${(e as Error).message}`);
        return [];
      });
    // Named even when not loaded, so that "Forget data" is there for them.
    this.keptNames = files.map((f) => f.name);
    if (!files.length || this.src || this.data || this.report || this.phase !== 'idle') return;
    this.announcement = this.t('live.restoring', { files: this.keptNames.join(', ') });
    const mark = this.mark();
    for (const f of files) {
      if (this.supersededSince(mark)) return;
      const file = new File([f.file], f.name);
      this.restoredFiles.add(file);
      if (f.kind === 'customers') await this.loadCustomerList(file);
      else if (f.kind === 'feedback') await this.loadFeedbackFile(file);
      else if (f.kind === 'survey') await this.loadSurveyFile(file, f.options as SurveyIngestOptions);
      else if (Object.keys(f.options).length) await this.loadInput({ name: f.name, bytes: new Uint8Array(await file.arrayBuffer()) }, f.options as Partial<IngestOptions>, { keep: false });
      else await this.readAndLoad(file);
    }
  }

  /**
   * "Forget data": the page is as before the first load, the engine the dashboard started (with
   * every table it held) is closed, and the files kept in the browser are deleted. Loads in
   * progress stop and keep nothing.
   */
  async forgetKept(): Promise<void> {
    const abort = this.abort;
    this.abort = undefined;
    abort?.abort();
    this.dropCount++;
    // First: from here on, a list or feedback load still running neither shows nor keeps anything.
    this.forgetData();
    const held = await this.datasets.held();
    if (!this.datasets.release() && held) {
      // The page's own engine stays open: drop everything the dashboard loaded or made in it.
      await held.forget().catch((e: unknown) => console.warn(`[rapport] the data could not all be dropped from the page's engine: ${(e as Error).message}`));
    }
    try {
      if (KeptFiles.available) await this.keptFiles().clear();
    } catch (e) {
      // Still kept: say so, and leave the button to try again.
      this.keptNames = await this.keptFileNames();
      this.fail({ message: this.t('error.forget', { message: (e as Error).message }), code: 'storage' });
      return;
    }
    this.keptNames = [];
    this.announcement = this.t('live.forgotten');
  }

  /**
   * The engine died (its worker crashed, ran out of memory or was killed): what it held is
   * gone. Start a new one and load again what was shown (lists and feedback first, as a drop
   * does, then the orders), saying so; with nothing to load again, or when the engine dies
   * again within a minute of a restart (the data itself may kill it), say the engine stopped.
   * Any other load, drop or "Forget data" meanwhile wins and stops it.
   */
  private async engineLost(e: EngineError) {
    if (this.shutDown) return;
    console.error(`[rapport] ${e.message}`);
    const kept = this.kept;
    const abort = this.abort;
    this.abort = undefined;
    abort?.abort();
    this.forgetData();
    const loads = [kept.customers, kept.feedback, kept.survey, kept.orders].filter((k): k is KeptLoad => k !== undefined);
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < 60_000);
    if (!loads.length || this.restarts.length > 0) {
      this.fail({ message: this.t('error.engine-lost'), code: 'engine-crashed' });
      return;
    }
    this.restarts.push(now);
    const files = loads.map((k) => k.file).join(', ');
    const announcement = this.t('live.engine-restarting', { files });
    this.announcement = announcement;
    const mark = this.mark();
    for (const k of loads) {
      if (this.supersededSince(mark)) return;
      // The orders' load (last) starts a load of its own, with progress and Cancel.
      await k.again(announcement);
    }
    if (mark.epoch === this.dataEpoch && (this.kept.orders || !kept.orders)) {
      this.recovered = this.t('engine.recovered', { files });
      this.announcement = this.recovered;
    }
  }

  /** Nothing loaded any more: the page as before the first load (whatever still runs for the old data changes nothing). */
  private forgetData() {
    this.dataEpoch++;
    this.kept = {};
    this.recovered = null;
    this.qualityRun++;
    this.detailRun++;
    this.dirtyParts.clear();
    this.rowsKey = '';
    this.phase = 'idle';
    this.report = null;
    this.headline = null;
    this.rows = [];
    this.listSource = null;
    this.listPartial = false;
    this.analytics = null;
    this.migrationBusy = false;
    this.analyticsError = '';
    this.valueError = '';
    this.migrationError = '';
    this.exportErrors = {};
    this.customersReport = null;
    this.feedbackReport = null;
    this.surveyReport = null;
    this.surveyFile = null;
    this.pendingSurvey = null;
    this.quality = null;
    this.qualityError = '';
    this.qualityBy = null;
    this.delivery = null;
    this.deliveryOf = null;
    this.voice = null;
    this.ladder = null;
    this.ladderError = null;
    this.cohorts = null;
    this.clv = null;
    this.retentionError = null;
    this.clvGroups = null;
    this.selectedClvGroups = null;
    this.clvFit?.abort();
    this.clvFit = undefined;
    this.typeFilter = '';
    this.forgetSelection();
    this.closeDetail(false);
    this.listTotal = undefined;
    this.pending = null;
    this.error = null;
    this.announcement = '';
  }

  /** Load an order file (as a drop would); resolves to its report, or null when it failed, was superseded or needs the user's answer. */
  async loadFile(file: File): Promise<LoadReport | null> {
    return this.readAndLoad(file);
  }

  private async readAndLoad(file: File, announcement?: string): Promise<LoadReport | null> {
    const abort = this.begin(file.name, announcement);
    this.step = this.t('step.reading-file', { file: file.name });
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      if (this.abort !== abort) return null;
      this.abort = undefined;
      this.fail({ message: this.t('error.read', { file: file.name, message: (e as Error).message }), code: 'unreadable' });
      return null;
    }
    if (this.abort !== abort) return null;
    const report = await this.ingest({ name: file.name, bytes }, {}, abort, (a) => this.readAndLoad(file, a));
    if (report) void this.keep('orders', file, {});
    return report;
  }

  /** Download and load an order file (as `src` does); resolves like `loadFile`. */
  loadUrl(url: string): Promise<LoadReport | null> {
    return this.downloadAndLoad(url);
  }

  /** `loadUrl`, saying `announcement` as it starts (a load again after the engine died says so). */
  private async downloadAndLoad(url: string, announcement?: string): Promise<LoadReport | null> {
    // A malformed URL: the download names the problem; the URL itself names the load.
    const name = fileNameOf(url);
    const abort = this.begin(name, announcement);
    this.step = this.t('step.downloading', { file: name });
    let input: { name: string; bytes: Uint8Array };
    try {
      input = await download(url, abort.signal);
    } catch (e) {
      if (this.abort !== abort) return null;
      this.abort = undefined;
      if (abort.signal.aborted) this.fail({ message: this.t('error.download-cancelled', { file: name }), code: 'cancelled' });
      else {
        const message = e instanceof DownloadError && e.status ? this.t('error.http', { status: e.status }) : (((e as Error).cause as Error | undefined)?.message ?? (e as Error).message);
        this.fail({ message: this.t('error.download', { url, message }), code: 'unreadable' });
      }
      return null;
    }
    if (this.abort !== abort) return null;
    // The page's file: loaded again from `src`, never kept in the browser (also after a mapping answer).
    this.pageInputs.add(input);
    return this.ingest(input, {}, abort, (again?: string) => this.downloadAndLoad(url, again));
  }

  /** Stop the load in progress; the dataset loaded before stays. */
  cancel() {
    this.abort?.abort();
  }

  /** Load any input; resolves to the report, or null when it failed, was superseded or needs the user's answer. */
  async load(input: IngestInput, extra: Partial<IngestOptions> = {}): Promise<LoadReport | null> {
    return this.loadInput(input, extra, { keep: true });
  }

  /**
   * Load an input; bytes are held as a File (a Blob, which the browser may keep on disk) for
   * loading again after the engine dies and for keeping in the browser (`keep`), never as the
   * array itself.
   */
  private async loadInput(input: IngestInput, extra: Partial<IngestOptions>, o: { keep: boolean; announcement?: string }): Promise<LoadReport | null> {
    const file = 'bytes' in input ? new File([input.bytes as BlobPart], input.name) : null;
    const again = file
      ? async (announcement?: string) => this.loadInput({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, extra, { keep: false, ...(announcement ? { announcement } : {}) })
      : (announcement?: string) => this.loadInput(input, extra, { keep: false, ...(announcement ? { announcement } : {}) });
    const report = await this.ingest(input, extra, this.begin(input.name, o.announcement), again);
    if (report && file && o.keep && !this.pageInputs.has(input)) void this.keep('orders', file, extra);
    return report;
  }

  /**
   * Start a load: the one in progress, if any, is stopped and will end without touching the
   * page or emitting anything. Returns the new load's controller.
   */
  private begin(file: string, announcement?: string): AbortController {
    const previous = this.abort;
    previous?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.loadStarts++;
    this.error = null;
    this.recovered = null;
    this.pending = null;
    this.phase = 'loading';
    this.fraction = 0;
    const loading = announcement ?? this.t('live.loading', { file });
    this.announcement = previous ? `${this.t('live.stopped', { file: this.loadingFile })} ${loading}` : loading;
    this.loadingFile = file;
    return abort;
  }

  private async ingest(
    input: IngestInput,
    extra: Partial<IngestOptions>,
    abort: AbortController,
    again: (announcement?: string) => Promise<unknown>,
  ): Promise<LoadReport | null> {
    const current = () => this.abort === abort;
    this.step = this.t('step.starting');
    this.fraction = 0;
    // The page waits on the engine now: the locale's number and date formats are made in tasks
    // of their own, not in the first render with data (ICU's data for them, the first time: 30 ms
    // on an idle 2-core machine, 180 ms of a 451 ms render task during a 5M-line load).
    setTimeout(() => this.warmFormats(), 0);
    // And the fonts the sections lay out text in (warm-fonts.ts: up to 245 ms of the first render
    // with data during a 1M-line load, when they were first asked for there).
    void this.updateComplete.then(() => this.warmUpAhead());
    let dataset: Dataset | undefined;
    try {
      dataset = await this.getDataset();
      if (!current()) return null;
      const result = await dataset.load(input, {
        ...(this.mapping ? { mapping: this.mapping } : {}),
        ...(this.dateOrder ? { dateOrder: this.dateOrder } : {}),
        ...(this.decimal ? { decimal: this.decimal } : {}),
        ...(this.returnPolicy ? { returnPolicy: this.returnPolicy } : {}),
        askWhenUnsure: true,
        ...extra,
        signal: abort.signal,
        onProgress: (step, fraction) => {
          if (!current()) return;
          this.step = this.stepLabel(step);
          this.fraction = fraction;
        },
      });
      if (!current()) return null;
      if (result.status === 'needs-input') {
        this.pending = { input, file: result.file, profiles: result.profiles, decision: result.decision };
        this.phase = 'needs-input';
        this.announcement = this.t('live.needs-answer', { file: result.file });
        this.emit('rapport-needs-input', { file: result.file, decision: result.decision });
        return null;
      }
      const [headline, rows] = await this.view(dataset);
      if (!current()) return null;
      const r = result.report;
      this.report = r;
      this.kept.orders = { file: r.file, again };
      this.headline = headline;
      this.rows = rows;
      this.listSource = null;
      this.listTotal = headline.customers;
      this.listPartial = rows.length < headline.customers;
      this.analytics = null;
      this.migrationBusy = false;
      // The old ladder belongs to the old data (its table is gone): hide it until the new one is ready.
      this.ladder = null;
      this.ladderError = null;
      void this.showAnalytics(dataset, r);
      this.phase = 'ready';
      this.announcement = this.t('live.loaded', {
        file: r.file,
        read: this.count('n.rows-read', r.rowsRead),
        loaded: this.count('n.loaded', r.rowsLoaded),
        rejected: this.count('n.rejected', r.rowsRejected),
      });
      this.emit('rapport-load', { report: r });
      return r;
    } catch (e) {
      if (!current()) return null;
      // A load superseded just after it had replaced the tables leaves them behind: show what the engine holds.
      if (dataset?.report && dataset.report !== this.report) void this.showLoaded(dataset, dataset.report);
      if (e instanceof EngineError && e.code === 'unavailable') {
        this.fail({ message: e.message, code: 'engine-unavailable' });
      } else {
        this.fail(this.loadFailure(input.name, e));
      }
      return null;
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
  }

  /**
   * What a failed load of `file` says: the loader's own words, out of memory as such (also when
   * it struck just after, on the first figures), else the engine's message after the file's name.
   */
  private loadFailure(file: string, e: unknown): RapportErrorDetail {
    if (e instanceof IngestError) return { message: this.sayError(e), code: e.code };
    if (e instanceof EngineError && e.code === 'memory') return { message: `${file}: ${this.sayError(e)}`, code: 'memory' };
    return { message: `${file}: ${(e as Error).message}`, code: 'engine' };
  }

  /**
   * Show an error. `endsLoad` false: a failure beside a load (details, sort, filter, a list or
   * feedback) leaves a running load's progress and Cancel in place.
   */
  private fail(detail: RapportErrorDetail, endsLoad = true) {
    if (!endsLoad && this.phase === 'loading') {
      this.error = detail;
      console.error(`[rapport] ${detail.message}`);
      this.emit('rapport-error', detail);
      return;
    }
    this.phase = this.report ? 'ready' : 'idle';
    if (detail.code === 'cancelled') {
      // The user asked for it: say so politely rather than raising an alert.
      this.error = null;
      this.announcement = this.report ? `${this.t('live.cancelled')} ${this.t('still-shown')}` : this.t('live.cancelled');
    } else {
      this.error = detail;
      this.announcement = '';
      console.error(`[rapport] ${detail.message}`);
    }
    this.emit('rapport-error', detail);
  }

  /** A new dataset: filters, the selection and the open details start afresh (its segments may differ; the dataset forgot the selection). */
  private view(dataset: Dataset): Promise<[Headline, CustomerRow[]]> {
    this.typeFilter = '';
    this.forgetSelection();
    this.closeDetail(false);
    // A save that failed on the old charts says nothing about the new ones.
    this.exportErrors = {};
    this.valueError = '';
    this.migrationError = '';
    // A first page only: the whole list is read once, with its scores, when the analyses are in (runAnalytics).
    return Promise.all([dataset.headline(), dataset.customers({ sort: this.sortKey, direction: this.sortDirection, limit: FIRST_PAGE_ROWS })]);
  }

  /** The RFM request the attributes describe. */
  private rfmRequest(): RfmRequest {
    return {
      ...(this.rfmBins !== undefined ? { bins: this.rfmBins } : {}),
      ...(this.rfmMethod && (RFM_METHODS as readonly string[]).includes(this.rfmMethod) ? { method: this.rfmMethod } : {}),
      ...(this.rfmBreaks ? { breaks: this.rfmBreaks } : {}),
      ...(Array.isArray(this.segmentRules) || (typeof this.segmentRules === 'string' && this.segmentRules.trim())
        ? { segments: this.segmentRules as string | readonly unknown[] }
        : {}),
      ...(this.analysisDate ? { analysisDate: this.analysisDate } : {}),
      ...(this.inactiveAfter !== undefined ? { windowDays: this.inactiveAfter } : {}),
    };
  }

  /** Re-read the customer list with the current sort and filters (after a scoring, a sort or a filter change). */
  private async refreshRows(dataset: Dataset) {
    const selecting = this.selecting;
    const query = {
      sort: this.sortKey,
      direction: this.sortDirection,
      filter: {
        ...(this.typeFilter ? { type: this.typeFilter as NonNullable<RapportFilterDetail['type']> } : {}),
      },
      // A rung selected: each row says why the customer is there.
      ...(selecting ? { selected: true, ...(this.selection.rung ? { reasons: true } : {}) } : {}),
    };
    const key = JSON.stringify([query, selectionKey(this.selection)]);
    this.rowsKey = key;
    // Kept in the engine, sorted and filtered there; the table reads the pages it shows.
    const list = await dataset.customerList(query);
    // A later sort, filter or load may have answered first.
    if (this.rowsKey !== key) return;
    // The dataset dropped that selection meanwhile (a re-score): this list is of no one clicked; mirroring re-reads it.
    if (selecting && this.selectsInFlight === 0 && selectionKey(dataset.selection?.selection ?? {}) !== selectionKey(this.selection)) return;
    this.listSource = list;
    this.rows = [];
    this.listPartial = false;
    if (!this.typeFilter && !selecting) this.listTotal = list.total;
  }

  /** The segment names of the scoring shown, the same array while the scoring stays (a new one would reset the table's Tab stop). */
  private segmentNames(): string[] {
    const summary = this.analytics?.overview.summary ?? null;
    if (this.segmentNamesOf?.summary !== summary) this.segmentNamesOf = { summary, names: summary?.map((s) => s.segment) ?? [] };
    return this.segmentNamesOf.names;
  }
  private segmentNamesOf?: { summary: readonly { segment: string }[] | null; names: string[] };

  /** Customers are selected across the charts. */
  private get selecting(): boolean {
    return !isEmptySelection(this.selection);
  }

  /**
   * Segments, customer value and migration follow the load report: they take longer and a
   * failure there (say, data with no purchase, or invalid segment rules) must not spoil a load
   * that worked. The customer list is then re-read with the scores, segments and types.
   */
  private showAnalytics(dataset: Dataset, report: LoadReport): Promise<void> {
    return this.runAnalytics(dataset, report, new Set(ALL_PARTS));
  }

  /** The value-curve request the properties describe (analysis date, value standard). */
  private paretoOptions() {
    return {
      ...(this.analysisDate ? { analysisDate: this.analysisDate } : {}),
      ...(this.valueStandard !== undefined && this.valueStandard !== null && Number.isFinite(this.valueStandard) ? { standard: this.valueStandard } : {}),
    };
  }

  /** The value curve: margin when the data has a margin column (and some margin in it), else net revenue. */
  private readPareto(dataset: Dataset, report: LoadReport, selected = false): Promise<ParetoResult & Partial<SelectedResult>> {
    const options = { ...this.paretoOptions(), ...(selected ? { selected: true } : {}) };
    return report.mapping.margin ? dataset.pareto({ ...options, by: 'margin' }).catch(() => dataset.pareto(options)) : dataset.pareto(options);
  }

  /** The ladder request the properties describe (as of the analysis date, with the page's rules). */
  private ladderRequest() {
    return { ...(this.analysisDate ? { asOf: this.analysisDate } : {}), ...this.ladderRequestRules() };
  }

  /**
   * Re-run the parts asked (see AnalyticsPart), each guarded on its own: a newer run of a part
   * (or a new load) makes an older one change nothing, while a run of another part goes on. The
   * scores, value curve and migration show together, so with none shown yet all three run.
   */
  private async runAnalytics(dataset: Dataset, report: LoadReport, asked: ReadonlySet<AnalyticsPart>) {
    const parts = new Set(asked);
    if (!this.analytics && ['scores', 'pareto', 'migration'].some((p) => parts.has(p as AnalyticsPart))) {
      parts.add('scores').add('pareto').add('migration');
    }
    const runs = new Map<AnalyticsPart, number>([...parts].map((p) => [p, ++this.partRun[p]]));
    // The scores, the ladder and the model are what the value by group is made of: everyone's
    // read before this run's end may be of the old ones (see refreshClvGroups).
    const changesGroups = parts.has('scores') || parts.has('ladder') || parts.has('retention');
    if (changesGroups) this.groupsBasis++;
    const current = (p: AnalyticsPart) => this.report === report && runs.get(p) === this.partRun[p];
    const request = this.rfmRequest();
    const { analysisDate, ...scoring } = request;
    const { windowDays: _window, ...migrationOptions } = scoring;
    const segmentParts = (['scores', 'pareto', 'migration'] as const).filter((p) => parts.has(p));
    let selectionChanged = false;
    if (segmentParts.length) {
      try {
        const overview = parts.has('scores') ? await dataset.scoreOverview(request) : undefined;
        // A re-scoring may have made the dataset forget a segment or cell selection: the chips follow at once.
        if (overview) selectionChanged = this.mirrorSelection(dataset) || selectionChanged;
        // The value curve fails on its own: its section says why, segments and migration still show.
        let paretoError: Error | null = null;
        // Both asked at once (the engine takes them in turn, the value curve first).
        const paretoRead = parts.has('pareto')
          ? this.readPareto(dataset, report).catch((e: unknown) => {
              paretoError = e as Error;
              return null;
            })
          : undefined;
        const migrationRead = parts.has('migration')
          ? dataset.migration({ ...migrationOptions, ...(analysisDate ? { to: analysisDate } : {}) }).then(
              (migration) => ({ migration }),
              (error: unknown) => ({ error }),
            )
          : undefined;
        const pareto = await paretoRead;
        const next: Partial<Analytics> = { migration: null, ...(this.analytics ?? {}) };
        if (overview && current('scores')) next.overview = overview;
        if (pareto !== undefined && current('pareto')) {
          next.pareto = pareto;
          this.valueError = paretoError ? this.sayError(paretoError) : '';
          if (paretoError) console.warn(`[rapport] The value curve could not be computed: ${(paretoError as Error).message}`);
        }
        // The segments and the value curve show without waiting for the migration, which compares
        // two scorings and takes longer than the new one (at 100k customers the treemap was
        // redrawn after a rule change only once the migration was in: 0.25 s later).
        if (segmentParts.some(current) && next.overview && next.pareto !== undefined) {
          this.analytics = next as Analytics;
          this.analyticsError = '';
          if (migrationRead && current('migration')) {
            this.migrationBusy = true;
            this.migrationError = '';
          }
        }
        // The migration fails on its own too: its section says why, the segments stay.
        const migrated = await migrationRead;
        if (migrated && current('migration')) {
          this.migrationBusy = false;
          const error = 'error' in migrated ? (migrated.error as Error) : null;
          this.migrationError = error ? this.sayError(error) : '';
          if (error) console.warn(`[rapport] The segment migration could not be computed: ${error.message}`);
          if (this.analytics) this.analytics = { ...this.analytics, migration: 'migration' in migrated ? migrated.migration : null };
        }
      } catch (e) {
        if (segmentParts.some(current)) {
          this.analytics = null;
          this.migrationBusy = false;
          this.analyticsError = this.sayError(e);
          console.warn(`[rapport] Segments could not be computed: ${(e as Error).message}`);
        }
      }
    }
    // The ladder stands apart: bad ladder rules must not hide the segments, nor bad segment rules
    // the ladder. It and the value model run side by side: both ask the engine at once (the
    // ladder first, then the model's input), and the model's fit runs in its own worker while
    // the engine works out the cohorts and the ladder's comparison with 90 days earlier.
    const [, modelGroups] = await Promise.all([
      parts.has('ladder') ? this.runLadder(dataset, () => current('ladder')) : undefined,
      parts.has('retention') ? this.runRetention(dataset, analysisDate, () => current('retention')) : undefined,
    ]);
    if (changesGroups) {
      this.groupsBasis++;
      // Read after this run's scoring and ladder (asked of the engine first) and still shown: current.
      if (modelGroups && this.clvGroups === modelGroups) this.clvGroupsBasis = this.groupsBasis;
    }
    // A re-scoring or a new ladder may have made the dataset forget the selection (or part of it): mirror it.
    selectionChanged = this.mirrorSelection(dataset) || selectionChanged;
    if (![...parts].some(current)) {
      if (selectionChanged) await this.refreshAfterMirror(dataset);
      return;
    }
    // The list carries scores, segments, types and rungs; the voice is split by segment, the survey gaps by segment or rung.
    const listChanged = parts.has('scores') || parts.has('ladder') || parts.has('retention');
    if (listChanged || selectionChanged) await this.refreshRows(dataset).catch(() => undefined);
    if (listChanged || selectionChanged) await this.refreshQuality(dataset);
    // The value by group read with this run's model came after its scoring and ladder (asked of
    // the engine first): read again only for a run without a model, or a selection forgotten.
    const groupsRead = parts.has('retention') && current('retention');
    if ((listChanged && !groupsRead) || selectionChanged) await this.refreshClvGroups(dataset);
    if (this.selecting || selectionChanged) {
      await this.refreshSelected(dataset, {
        headline: selectionChanged,
        pareto: selectionChanged || parts.has('pareto'),
        ladder: selectionChanged || parts.has('ladder'),
      });
    }
    // The open details show scores, segment and rung: read them again.
    await this.refreshDetail(dataset);
  }

  /**
   * The ladder, shown as soon as it is in, then who moved on it in the last 90 days (as the
   * segment migration compares), which takes as long again.
   */
  private async runLadder(dataset: Dataset, current: () => boolean) {
    try {
      const ladder = await dataset.ladder(this.ladderRequest());
      if (current()) {
        this.ladder = ladder;
        this.ladderMoves = null;
        this.ladderError = null;
      }
      // Who moved in the last 90 days; the later ladder stays current.
      const since = ladder.asOf ? new Date(Date.parse(ladder.asOf) - 90 * 86_400_000).toISOString().slice(0, 10) : null;
      const moves = since
        ? await dataset
            .ladderComparison({ from: since, ...(ladder.asOf ? { to: ladder.asOf } : {}), ...this.ladderRequestRules() })
            .catch(() => null)
        : null;
      if (current()) this.ladderMoves = moves ? { from: since as string, ...moves.summary } : null;
    } catch (e) {
      if (current()) {
        this.ladder = null;
        this.ladderError = e;
        console.warn(`[rapport] The ladder could not be computed: ${(e as Error).message}`);
      }
    }
  }

  /**
   * Retention and value: the BG/NBD and Gamma-Gamma model fitted in the worker (its predictions
   * become columns of the customer list, read again after) and the cohorts, which the engine
   * works out while the model is being fitted. Returns everyone's value by group it showed, if any.
   */
  private async runRetention(dataset: Dataset, analysisDate: string | undefined, current: () => boolean): Promise<ClvGroups | null> {
    try {
      this.clvFit?.abort();
      this.clvFit = new AbortController();
      const fitting = dataset.clvModel(
        { ...(analysisDate ? { observationEnd: analysisDate } : {}), ...clvCheckOption(this.clvCheckMonths) },
        clvWorkerRunner({ signal: this.clvFit.signal }),
      );
      const fit = this.clvFit;
      const cohortsRead = dataset.cohorts(analysisDate ? { end: analysisDate } : {}).catch((e: unknown) => {
        // The section fails as a whole: the fit stops too, so no predictions of it are kept.
        fit.abort();
        throw e;
      });
      const [cohorts, clv] = await Promise.all([cohortsRead, fitting]);
      // The value by group of this model's predictions, shown with it (never the model beside an older one's figures).
      const groups = await this.readClvGroups(dataset);
      if (current()) {
        this.cohorts = cohorts;
        this.clv = clv;
        this.clvGroupsRun++;
        if (groups) [this.clvGroups, this.selectedClvGroups] = groups;
        else [this.clvGroups, this.selectedClvGroups] = [null, null];
        this.retentionError = null;
        return this.clvGroups;
      }
    } catch (e) {
      if (current()) {
        this.cohorts = null;
        this.clv = null;
        this.clvGroupsRun++;
        this.clvGroups = null;
        this.selectedClvGroups = null;
        this.retentionError = e;
        console.warn(`[rapport] Retention and value could not be computed: ${(e as Error).message}`);
      }
    }
    return null;
  }

  /** The chips changed to the dataset's selection: read again what counts it. */
  private async refreshAfterMirror(dataset: Dataset) {
    await this.refreshRows(dataset).catch(() => undefined);
    await this.refreshSelected(dataset, { headline: true, pareto: true, ladder: true });
    await this.refreshQuality(dataset);
    await this.refreshClvGroups(dataset);
  }

  /**
   * The value model's figures by segment and by rung: everyone's, and the selection's while
   * customers are selected (none without a fitted model). A newer read overtakes this one. With
   * `selectionOnly` (only the selection changed), everyone's shown are kept when they were read
   * since the last change of the scores, ladder or model.
   */
  private async refreshClvGroups(dataset: Dataset, { selectionOnly = false } = {}) {
    const run = ++this.clvGroupsRun;
    const basis = this.groupsBasis;
    const known = selectionOnly && this.clvGroupsBasis === basis ? this.clvGroups : null;
    const groups = await this.readClvGroups(dataset, known);
    if (run !== this.clvGroupsRun) return;
    [this.clvGroups, this.selectedClvGroups] = groups ?? [null, null];
    this.clvGroupsBasis = basis;
  }
  /** Bumped by every read of the value by group and by whatever makes one stale (a new load, a new model, a selection forgotten). */
  private clvGroupsRun = 0;

  /**
   * Everyone's value by group and the selection's (null unless customers are selected and the
   * result is of the selection the chips show: one the dataset dropped meanwhile is not shown).
   * Null when everyone's cannot be read (no model).
   */
  private async readClvGroups(dataset: Dataset, known: ClvGroups | null = null): Promise<[ClvGroups, (ClvGroups & Partial<SelectedResult>) | null] | null> {
    const everyone = known ?? (await dataset.clvGroups().catch(() => null));
    if (!everyone) return null;
    const key = selectionKey(this.selection);
    const selected = this.selecting ? await dataset.clvGroups({ selected: true }).catch(() => null) : null;
    return [everyone, selected?.selection && selected.selection.key === key && key === selectionKey(this.selection) ? selected : null];
  }
  /** Bumped at the start and at the end of every run that changes what the value by group is made of (scores, ladder, model). */
  private groupsBasis = 0;
  /** The basis everyone's value by group shown was read at (see refreshClvGroups). */
  private clvGroupsBasis = -1;

  /** The details open: read them again (new scores, rung, feedback or name); a row opened or closed meanwhile wins. */
  private async refreshDetail(dataset: Dataset) {
    const id = this.detailId;
    if (id === null) return;
    const run = this.detailRun;
    try {
      const detail = await dataset.customerDetail(id);
      if (run !== this.detailRun || this.detailId !== id) return;
      this.detail = detail;
    } catch {
      // The details stay as they were; the next refresh or opening tries again.
    }
  }

  /**
   * The survey's gaps (split as asked), the promised-vs-delivered gap of the orders and the
   * voice of the customer, each on its own: one failing leaves the others. `gapsOnly`: a new
   * split changes the survey gaps alone. A split that fails (a new survey without that
   * attribute) shows every respondent and says why. Resolves to false when a newer refresh (or
   * the element's release) overtook this one, which then changed nothing.
   */
  private async refreshQuality(dataset: Dataset, gapsOnly = false): Promise<boolean> {
    const run = ++this.qualityRun;
    const by = this.qualityBy;
    // Every step that fell back says why, in order.
    const problems: string[] = [];
    let weights: Record<string, number> | undefined;
    try {
      weights = this.qualityWeightsRequest();
    } catch (e) {
      problems.push(this.t('quality.weights-invalid', { message: (e as Error).message }));
    }
    // Asked for as set; what fails falls back a step at a time (weights, then the split), saying why.
    // While customers are selected, the gaps and the voice are of their answers (and orders) only.
    const selected = this.selecting ? { selected: true } : {};
    const ask = async (w: typeof weights, split: string | null): Promise<QualityGapResult | null> => {
      try {
        return await dataset.qualityGap({ ...(w ? { weights: w } : {}), ...(split ? { by: split } : {}), ...selected });
      } catch (e) {
        const message = this.sayError(e);
        if (w && e instanceof QualityWeightsError) {
          problems.push(this.t('quality.weights-unusable', { message }));
          return ask(undefined, split);
        }
        if (split) {
          problems.push(this.t('quality.split-failed', { by: this.splitLabel(split, split), message }));
          return ask(w, null);
        }
        problems.push(this.t('quality.failed', { message }));
        return null;
      }
    };
    const quality = await ask(weights, by);
    const qualityError = problems.join(' ');
    // The delivery gap is of the orders (a selection's, while selecting) alone: read again only when they changed.
    const deliveryOf = { report: this.report, selection: this.selecting ? selectionKey(this.selection) : '' };
    const deliveryKept = this.deliveryOf !== null && this.deliveryOf.report === deliveryOf.report && this.deliveryOf.selection === deliveryOf.selection;
    const readDelivery = !gapsOnly && !deliveryKept;
    // A failed read of the delivery gap is null here, a read that found none { gap: null }.
    const [read, voice] = await Promise.all([
      readDelivery ? dataset.deliveryGap(selected).then((gap) => ({ gap }), () => null) : null,
      gapsOnly ? this.voice : dataset.voice({ recent: 8, ...selected }).catch(() => null),
    ]);
    if (run !== this.qualityRun) return false;
    const delivery = readDelivery ? (read?.gap ?? null) : this.delivery;
    if (readDelivery) {
      // Kept under the selection it was read for (the dataset's may have changed meanwhile);
      // none (no delivery dates at all) is so for any selection. A failed read is not kept.
      this.deliveryOf = read ? { report: deliveryOf.report, selection: read.gap === null || !('selected' in selected) ? deliveryOf.selection : (read.gap.selection?.key ?? '') } : null;
    }
    if (by && !quality?.groups) this.qualityBy = null;
    this.quality = quality;
    this.qualityError = qualityError;
    this.delivery = delivery;
    this.voice = voice;
    if (qualityError) console.warn(`[rapport] ${qualityError}`);
    return true;
  }

  /** The `quality-weights` attribute as request weights; undefined when blank. Throws a QualityWeightsError when invalid. */
  private qualityWeightsRequest(): Record<string, number> | undefined {
    const w = this.qualityWeights;
    if (w === undefined || w === null) return undefined;
    if (typeof w !== 'string') return w;
    const text = w.trim();
    if (text === '') return undefined;
    if (text.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new QualityWeightsError(this.t('weights.not-json', { text }));
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new QualityWeightsError(this.t('weights.not-object'));
      return parsed as Record<string, number>;
    }
    return parseWeightsSpec(text);
  }

  private async onQualityGroup(e: CustomEvent<RapportQualityGroupDetail>) {
    this.qualityBy = e.detail.by;
    const dataset = await this.getDataset();
    if (!(await this.refreshQuality(dataset, true))) return;
    const q = this.quality;
    this.announcement = q?.groups
      ? this.t('live.quality-by', { label: this.splitLabel(q.groups.by, q.groups.label), groups: this.count('n.groups', q.groups.groups.length) })
      : this.qualityError || this.t('live.quality-all');
  }


  /** The `ladder-rules` attribute as a request field (blank = the defaults). */
  private ladderRequestRules(): { rules?: string | LadderRulesInput } {
    const r = this.ladderRules;
    if (r === undefined || r === null || (typeof r === 'string' && r.trim() === '')) return {};
    return { rules: r };
  }

  private async showLoaded(dataset: Dataset, report: LoadReport) {
    this.report = report;
    try {
      const [headline, rows] = await this.view(dataset);
      if (this.report !== report) return;
      this.headline = headline;
      this.rows = rows;
      this.listSource = null;
      this.listTotal = headline.customers;
      this.listPartial = rows.length < headline.customers;
      this.analytics = null;
      this.migrationBusy = false;
      this.ladder = null;
      void this.showAnalytics(dataset, report);
    } catch {
      // The engine is busy with a newer load or gone; that load will show its own result.
    }
  }

  private async onSort(e: CustomEvent<RapportSortDetail>) {
    const { key, direction } = e.detail;
    this.sortKey = key;
    this.sortDirection = direction;
    try {
      await this.refreshRows(await this.getDataset());
    } catch (err) {
      this.fail({ message: this.t('error.sort', { message: this.sayError(err) }), code: 'engine' }, false);
    }
  }

  /** Say in the live region how many customers the list shows, and which selection and filter it shows. */
  private announceShowing() {
    const lang = this.msg.lang;
    const sel = this.selection;
    const filters = [
      sel.segment && this.t('filter.segment', { segment: segmentLabel(lang, sel.segment) }),
      sel.cell && this.t('filter.cell', { r: sel.cell.r, f: sel.cell.f }),
      this.typeFilter && this.t('filter.type', { type: this.typeLabel(this.typeFilter) }),
      sel.rung && this.t('filter.rung', { rung: rungLabel(lang, sel.rung) }),
      sel.migration && this.t('filter.moved', { from: segmentLabel(lang, sel.migration.from), to: segmentLabel(lang, sel.migration.to) }),
    ]
      .filter(Boolean)
      .join(', ');
    const customers = this.count('n.customers', this.listSource?.total ?? this.rows.length);
    this.announcement = filters ? this.t('live.showing-filtered', { customers, filters }) : this.t('live.showing', { customers });
  }

  /** The table's own type filter changed: re-read the list (on top of the selection). */
  private async filterByType(type: string) {
    this.typeFilter = type;
    try {
      await this.refreshRows(await this.getDataset());
      if (this.typeFilter !== type) return;
      this.announceShowing();
    } catch (err) {
      this.fail({ message: this.t('error.filter', { message: this.sayError(err) }), code: 'engine' }, false);
    }
  }

  /** A customer type's name (`active`, `inactive`, `potential`) in the dashboard's language. */
  private typeLabel(type: string): string {
    return type === 'active' || type === 'inactive' || type === 'potential' ? this.msg.from(commonMessages, `type.${type}`) : type;
  }

  /** The table's segment and rung choices are the selection's; its type choice is its own filter. */
  private onFilter(e: CustomEvent<RapportFilterDetail>) {
    const { segment, type, rung } = e.detail;
    const next = withPart(withPart(this.selection, 'segment', segment ?? undefined), 'rung', rung ?? undefined);
    // Set first: applySelection reads the list with it, also when the dataset refuses the selection.
    this.typeFilter = type ?? '';
    if (selectionKey(next) !== selectionKey(this.selection)) void this.applySelection(next);
    else void this.filterByType(type ?? '');
  }

  /** A segment chosen in the treemap: select its customers (the same one again: that part goes). */
  private onSegmentSelect(e: CustomEvent<RapportSegmentSelectDetail>) {
    void this.applySelection(togglePart(this.selection, { kind: 'segment', segment: e.detail.segment }));
  }

  /** A cell of the R-by-F heat map: select its customers (the same cell again: that part goes). */
  private onCellSelect(e: CustomEvent<RapportCellSelectDetail>) {
    void this.applySelection(togglePart(this.selection, { kind: 'cell', r: e.detail.r, f: e.detail.f }));
  }

  /** A rung chosen in the ladder (null: the ladder cleared its choice). */
  private onRungSelect(e: CustomEvent<RapportRungSelectDetail>) {
    const rung = e.detail.rung ?? undefined;
    void this.applySelection(withPart(this.selection, 'rung', rung));
  }

  /** A cell of the segment migration: select who moved that way (the same cell again: that part goes). */
  private onMigrationSelect(e: CustomEvent<RapportMigrationSelectDetail>) {
    void this.applySelection(togglePart(this.selection, { kind: 'migration', from: e.detail.from, to: e.detail.to }));
  }

  /** No selection any more (a new load, a release): no chips, everyone's figures; an older selection still running changes nothing. */
  private forgetSelection() {
    this.selectionRun++;
    this.selection = {};
    this.confirmedSelection = {};
    this.selectionError = '';
    this.clearSelectedFigures();
  }

  /** Everyone's figures again (no selection, or the selected ones are being read afresh). */
  private clearSelectedFigures() {
    this.selectedHeadline = null;
    this.selectedLadder = null;
    this.selectedPareto = null;
    this.selectedErrors = {};
    // A read of the selection's value still running is of a selection no longer shown.
    this.clvGroupsRun++;
    this.selectedClvGroups = null;
  }

  /**
   * The dataset forgets a selection whose scoring, ladder or migration was rebuilt: take its
   * selection as ours. Nothing while a select is in flight (the dataset's selection is about to
   * change; comparing now would write back an older one). True when ours changed (the figures
   * of the old selection are cleared and must be read again).
   */
  private mirrorSelection(dataset: Dataset): boolean {
    if (this.selectsInFlight > 0) return false;
    const theirs = dataset.selection?.selection ?? {};
    const key = selectionKey(theirs);
    if (key === selectionKey(this.confirmedSelection) && key === selectionKey(this.selection)) return false;
    this.selectionRun++;
    this.confirmedSelection = theirs;
    this.selection = theirs;
    this.clearSelectedFigures();
    return true;
  }

  /**
   * Select customers (the parts given; none: everyone again), then read again what counts the
   * selection: the list, the headline, the value curve, the ladder, the survey and delivery gaps and the
   * voice. The chips show at once; a selection the dataset refuses brings back the one in force
   * (with its figures) and says why. Only the latest selection may change the page.
   */
  private async applySelection(next: CustomerSelection) {
    const run = ++this.selectionRun;
    const report = this.report;
    const current = () => run === this.selectionRun && this.report === report;
    this.selection = next;
    this.selectionError = '';
    let dataset: Dataset;
    this.selectsInFlight++;
    try {
      dataset = await this.getDataset();
      const info = await dataset.select(isEmptySelection(next) ? null : next);
      // What the dataset holds now, whichever run asked.
      this.confirmedSelection = info?.selection ?? {};
    } catch (e) {
      this.selectsInFlight--;
      if (!current()) return;
      this.selectionError = this.t('selection.failed', { message: this.sayError(e) });
      const held = await this.datasets.held();
      if (!held || !current()) {
        this.selection = this.confirmedSelection;
        return;
      }
      // Refused: the selection in force stays; show it, its figures and the list (with the type filter asked).
      this.confirmedSelection = held.selection?.selection ?? {};
      this.selection = this.confirmedSelection;
      this.clearSelectedFigures();
      await this.readSelected(held, current);
      return;
    }
    this.selectsInFlight--;
    if (!current()) return;
    this.selection = this.confirmedSelection;
    if (!(await this.readSelected(dataset, current, true))) return;
    // A re-scoring or new ladder queued meanwhile may have dropped (part of) the selection: follow the dataset.
    if (selectionKey(dataset.selection?.selection ?? {}) !== selectionKey(this.selection) && this.mirrorSelection(dataset)) {
      await this.refreshAfterMirror(dataset);
    }
  }

  /** The list (said in the live region with `announce`), the selected figures, the survey and delivery gaps and voice, for the selection shown; false when overtaken or failed (said). */
  private async readSelected(dataset: Dataset, current: () => boolean, announce = false): Promise<boolean> {
    try {
      // The headline and the ladder are asked at once, then the list: the engine reads the three
      // one after another without waiting for the page to draw each answer, and the page draws
      // the list and its first rows last (a frame sooner at 100k customers than the list asked
      // first: 68 against 83 ms to the three shown). The value curve, further down, after them.
      const figures = { headline: true, pareto: true, ladder: true };
      const asked = this.askSelected(dataset, figures);
      await this.refreshRows(dataset);
      if (!current()) return false;
      if (announce) this.announceShowing();
      await this.refreshSelected(dataset, figures, asked);
      if (!current()) return false;
      await this.refreshQuality(dataset);
      // Everyone's value by group does not depend on the selection: only the selection's is read.
      await this.refreshClvGroups(dataset, { selectionOnly: true });
      return current();
    } catch (e) {
      if (current()) {
        this.selectionError = this.t('selection.failed', { message: this.sayError(e) });
        this.clearSelectedFigures();
      }
      return false;
    }
  }

  /**
   * The figures of the selected customers (headline, value curve, ladder) as asked, or
   * everyone's when nothing is selected. The ladder leaves its own part (a rung) out of its
   * counts (the dataset counts over the rest of the selection, never changing it), so it keeps
   * showing every rung with the selected one marked. Each figure is shown as soon as it is read,
   * in the page's order (headline, ladder, then the value curve further down), so the top of
   * the page does not wait for the sections below it. A figure that fails is cleared and its
   * section says so; one computed for another selection than the chips' is discarded (the
   * dataset dropped the selection meanwhile: the chips follow it and the figures are read again).
   * The headline and ladder come from `asked` (askSelected), asked before this call when a caller
   * has other reads to queue behind them.
   */
  private async refreshSelected(dataset: Dataset, what: SelectedFigures, asked: AskedFigures = this.askSelected(dataset, what)) {
    const run = this.selectionRun;
    const report = this.report;
    const current = () => run === this.selectionRun && this.report === report;
    const selection = this.selection;
    if (!report || isEmptySelection(selection)) {
      this.clearSelectedFigures();
      return;
    }
    const key = selectionKey(selection);
    /** Show a figure (set) and its error, or none. */
    const put = (figure: SelectedFigure, set: () => void, error?: string) => {
      set();
      const { [figure]: _old, ...kept } = this.selectedErrors;
      this.selectedErrors = error === undefined ? kept : { ...kept, [figure]: error };
    };
    /**
     * Read one figure and show it (a failure: cleared, its section says why). 'stale': it was
     * read for another selection (the dataset dropped ours meanwhile): cleared, and the chips
     * follow the dataset at once, with its figures read again; 'overtaken': a newer run owns
     * the page. Either way nothing more is read here.
     */
    const show = async <T extends { selection?: { key: string } | null }>(figure: SelectedFigure, get: () => Promise<T>, set: (r: T | null) => void): Promise<'shown' | 'stale' | 'overtaken'> => {
      let value: T | null = null;
      let error: string | undefined;
      let stale = false;
      try {
        const r = await get();
        if (r.selection?.key === key) value = r;
        else stale = true;
      } catch (e) {
        error = this.sayError(e);
      }
      if (!current()) return 'overtaken';
      put(figure, () => set(value), error);
      if (!stale) return 'shown';
      if (this.mirrorSelection(dataset)) await this.refreshAfterMirror(dataset);
      return 'stale';
    };
    if (what.headline && (await show('headline', () => asked.headline ?? dataset.headline({ selected: true }), (r) => (this.selectedHeadline = r))) !== 'shown') return;
    const { rung: _rung, ...rest } = selection;
    if (what.ladder && isEmptySelection(rest)) {
      // Only a rung chosen: the ladder shows everyone's, the rung marked.
      if (this.ladder) put('ladder', () => (this.selectedLadder = null));
    } else if (what.ladder && this.ladder !== null) {
      const read = () => asked.ladder ?? this.readSelectedLadder(dataset);
      if ((await show('ladder', read, (r) => (this.selectedLadder = r))) !== 'shown') return;
    }
    if (what.pareto && this.analytics !== null) await show('value', () => this.readPareto(dataset, report, true), (r) => (this.selectedPareto = r));
  }

  /** The ladder of the selection, its own part (a rung) left out of the counts. */
  private readSelectedLadder(dataset: Dataset) {
    return dataset.ladder({ ...this.ladderRequest(), selected: true, ignore: ['rung'] });
  }

  /**
   * The selection's headline and ladder as `what` asks, both asked of the engine at once
   * (refreshSelected shows them, in order), so it reads them one after another without waiting
   * for the page to draw each. Their failures are kept for refreshSelected to say; one never
   * awaited (the run was overtaken) is not reported. A click overtaken by the next still costs
   * the engine these reads.
   */
  private askSelected(dataset: Dataset, what: SelectedFigures): AskedFigures {
    const { rung: _rung, ...rest } = this.selection;
    if (!this.report || isEmptySelection(this.selection)) return {};
    const headline = what.headline ? dataset.headline({ selected: true }) : undefined;
    const ladder = what.ladder && this.ladder !== null && !isEmptySelection(rest) ? this.readSelectedLadder(dataset) : undefined;
    for (const read of [headline, ladder]) void read?.catch(() => undefined);
    return { ...(headline ? { headline } : {}), ...(ladder ? { ladder } : {}) };
  }

  /** A chip's button: remove that part of the selection. */
  private removePart(kind: SelectionPart['kind']) {
    void this.applySelection(withPart(this.selection, kind, undefined));
  }

  /** A customer's row activated: read their details (after the scoring and ladder, which they show) and open them. */
  private async onCustomerSelect(e: CustomEvent<RapportCustomerSelectDetail>) {
    const id = e.detail.customerId;
    const run = ++this.detailRun;
    try {
      const detail = await (await this.getDataset()).customerDetail(id);
      // A later row activated (or the details closed) meanwhile: that one wins.
      if (run !== this.detailRun) return;
      this.detail = detail;
      this.detailId = id;
      this.announcement = this.t('live.detail-opened', { customer: detail?.customer.name || id });
      await this.updateComplete;
      this.renderRoot.querySelector<RapportCustomerDetail>('rapport-customer-detail')?.focus();
    } catch (err) {
      if (run !== this.detailRun) return;
      this.fail({ message: this.t('error.detail', { customer: id, message: this.sayError(err) }), code: 'engine' }, false);
    }
  }

  private onDetailClose() {
    this.closeDetail(true);
  }

  /** Close the details; `returnFocus`: to the table row that opened them (it holds the table's Tab stop), else the table. */
  private closeDetail(returnFocus: boolean) {
    this.detailRun++;
    const openedFor = this.detailId;
    const hadFocus = openedFor !== null && this.shadowRoot?.activeElement?.localName === 'rapport-customer-detail';
    this.detail = null;
    this.detailId = null;
    if (openedFor === null) return;
    if (returnFocus) void this.focusTableRow(openedFor);
    // Closed by a new load while focus was inside: the customers heading takes it, never the page.
    else if (hadFocus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#customers-title')?.focus());
  }

  /**
   * Focus the customer table's row of the customer whose details closed (the table scrolls it
   * into view); failing that (the list changed meanwhile), the table's first column header.
   */
  private async focusTableRow(customerId: string) {
    await this.updateComplete;
    const table = this.renderRoot.querySelector('rapport-customer-table');
    if (!table) return;
    if (await table.focusCustomer(customerId)) return;
    table.shadowRoot?.querySelector<HTMLElement>('[role=columnheader] button')?.focus();
  }

  /** Save a chart as SVG or PNG; a failure (a PNG the page's policy forbids, a chart not shown) is said in its section. */
  private async exportChart(chart: ChartName, format: 'svg' | 'png') {
    const el = this.renderRoot.querySelector<HTMLElement>(CHARTS[chart]);
    if (!el) return;
    const title = this.t(`section.${chart}` as DashboardMessageKey);
    try {
      const blob = format === 'svg' ? new Blob([chartToSvg(el, { title })], { type: 'image/svg+xml' }) : await chartToPng(el, { title });
      const fileName = downloadBlob(blob, `${chart}.${format}`);
      const { [chart]: _gone, ...rest } = this.exportErrors;
      this.exportErrors = rest;
      this.emit('rapport-export', { fileName, rows: 0, format });
    } catch (e) {
      const message = this.t('export.failed', { format: format.toUpperCase(), message: this.sayError(e) });
      this.exportErrors = { ...this.exportErrors, [chart]: message };
      console.warn(`[rapport] ${message}`);
    }
  }

  /** The settings' preset: the one kept while bins other than 5 disable presets, else the one `segment-rules` names (see presetOfRules). */
  private settingsPreset(): SegmentPresetName | null {
    // Bins other than 5 disabled the presets: the one chosen before comes back with 5 bins.
    if (this.presetBeforeBins !== undefined && (this.rfmBins ?? DEFAULT_BINS) !== PRESET_BINS) return this.presetBeforeBins;
    return this.presetOfRules();
  }

  /** The preset `segment-rules` names, the default when none is set, null for rules of the page's own. */
  private presetOfRules(): SegmentPresetName | null {
    const r = this.segmentRules;
    if (r === undefined || r === null || (typeof r === 'string' && r.trim() === '')) return SEGMENT_PRESET_NAMES[0] ?? null;
    return typeof r === 'string' && (SEGMENT_PRESET_NAMES as string[]).includes(r.trim()) ? (r.trim() as SegmentPresetName) : null;
  }

  /** The reader changed settings: set the properties; updated() re-runs only what depends on those that changed. */
  private onSettingsChange(e: CustomEvent<RapportSettingsChangeDetail>) {
    const { changed, settings } = e.detail;
    const presetBefore = this.settingsPreset();
    for (const key of changed) {
      if (key === 'analysisDate') this.analysisDate = settings.analysisDate ?? undefined;
      else if (key === 'bins') this.rfmBins = settings.bins;
      else if (key === 'method') this.rfmMethod = settings.method;
      else if (key === 'preset') {
        // Presets off with other bins (settings says null): remember the one in force to restore it with 5 bins.
        if (settings.preset === null && settings.bins !== PRESET_BINS) this.presetBeforeBins ??= presetBefore;
        else this.presetBeforeBins = undefined;
        this.segmentRules = settings.preset ?? this.ownSegmentRules;
      }
      else if (key === 'inactiveAfter') this.inactiveAfter = settings.inactiveAfter ?? undefined;
      else if (key === 'valueStandard') this.valueStandard = settings.valueStandard ?? undefined;
    }
  }

  /**
   * Dropped files: one order export, plus customer lists told apart by their names
   * (customers.csv, clients.xlsx.csv, olist_customers_dataset.csv ... but not customer_orders.csv)
   * and feedback told apart by name or by its header (a score column and no amount).
   * The list and the feedback load first (they stand on their own), then the orders.
   */
  private onFiles(e: CustomEvent<RapportFilesDetail>) {
    void this.sortDropped(e.detail.files);
  }

  private async sortDropped(files: readonly File[]) {
    const drop = ++this.dropCount;
    // The file sorting comes with the data layer; without it every file goes to the orders' load, which says why it failed.
    const [firstLines, sorting] = await Promise.all([Promise.all(files.map((f) => firstLine(f))), loadDataLayer().catch(() => null)]);
    // A later drop, made while these headers were read, wins.
    if (drop !== this.dropCount) return;
    const isSurveyFile = sorting?.isSurveyFile ?? (() => false);
    const isFeedbackFile = sorting?.isFeedbackFile ?? (() => false);
    const isCustomerListName = sorting?.isCustomerListName ?? (() => false);
    // Surveys first (servqual_survey.csv is not NPS feedback), then feedback: customer_reviews.csv is feedback, not a customer list.
    const surveys = files.filter((f, i) => isSurveyFile(f.name, firstLines[i] ?? null));
    const feedback = files.filter((f, i) => !surveys.includes(f) && isFeedbackFile(f.name, firstLines[i] ?? null));
    const lists = files.filter((f) => !surveys.includes(f) && !feedback.includes(f) && isCustomerListName(f.name));
    const orders = files.filter((f) => !lists.includes(f) && !feedback.includes(f) && !surveys.includes(f));
    // Only customer lists dropped: with orders loaded (or loading) they join them; else the first is taken for orders.
    const ordersFile = orders[0] ?? (this.report || this.phase === 'loading' ? undefined : lists.shift());
    const extra = orders.length > 1 ? this.t('live.dropped-orders', { n: orders.length, file: ordersFile!.name }) : undefined;
    // One customer list at a time: the last one dropped is the one kept.
    const list = lists.at(-1);
    const answers = feedback.at(-1);
    const survey = surveys.at(-1);
    // The list and feedback first: they stand on their own, so orders that need an answer or fail do not lose them.
    if (list) await this.loadCustomerList(list, lists.length > 1 ? this.t('live.dropped-lists', { n: lists.length, file: list.name }) : undefined);
    if (answers && drop === this.dropCount) {
      await this.loadFeedbackFile(answers, feedback.length > 1 ? this.t('live.dropped-feedback', { n: feedback.length, file: answers.name }) : undefined);
    }
    if (survey && drop === this.dropCount) {
      await this.loadSurveyFile(survey, {}, surveys.length > 1 ? this.t('live.dropped-surveys', { n: surveys.length, file: survey.name }) : undefined);
    }
    // A drop made meanwhile owns the orders now: this one's must not replace them.
    if (ordersFile && drop === this.dropCount) await this.readAndLoad(ordersFile, extra);
  }

  /**
   * Load feedback (NPS, reviews, satisfaction, referrals, complaints...) beside the orders: it
   * lets the ladder tell supporters and advocates. Resolves to its report, or null on failure
   * (the error is shown; what was loaded stays).
   */
  async loadFeedbackFile(file: File, announcement?: string): Promise<FeedbackLoadReport | null> {
    const epoch = this.dataEpoch;
    try {
      const dataset = await this.getDataset();
      this.announcement = announcement ?? this.t('live.loading-feedback', { file: file.name });
      const report = await dataset.loadFeedback({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      // The data was forgotten meanwhile ("Forget data", a dead engine): this load shows and keeps nothing.
      if (epoch !== this.dataEpoch) return null;
      this.feedbackReport = report;
      this.kept.feedback = { file: file.name, again: (a) => this.loadFeedbackFile(file, a) };
      void this.keep('feedback', file, {});
      this.announcement = this.t('live.loaded-feedback', {
        file: file.name,
        answers: this.count('n.answers', report.rowsLoaded),
        rejected: this.count('n.rows-rejected', report.rowsRejected),
      });
      if (this.report && this.phase !== 'loading') await this.showAnalytics(dataset, this.report);
      else {
        await this.refreshQuality(dataset);
        // Open details show the customer's feedback.
        await this.refreshDetail(dataset);
      }
      return report;
    } catch (e) {
      if (epoch !== this.dataEpoch) return null;
      const detail = this.loadFailure(file.name, e);
      if (this.phase === 'loading') {
        this.error = detail;
        return null;
      }
      this.fail(detail);
      return null;
    }
  }

  /**
   * Load a survey (expectation and perception per item, long or wide) beside the orders: its
   * gaps show in the service quality section. Resolves to its report, or null on failure (the
   * error is shown; what was loaded stays).
   */
  async loadSurveyFile(file: File, options: SurveyIngestOptions = {}, announcement?: string): Promise<SurveyLoadReport | null> {
    const epoch = this.dataEpoch;
    try {
      const dataset = await this.getDataset();
      this.announcement = announcement ?? this.t('live.loading-survey', { file: file.name });
      const report = await dataset.loadSurvey({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, options);
      if (epoch !== this.dataEpoch) return null;
      this.surveyReport = report;
      this.kept.survey = { file: file.name, again: (a) => this.loadSurveyFile(file, options, a) };
      void this.keep('survey', file, options);
      this.surveyFile = file;
      this.pendingSurvey = null;
      this.qualityBy = null;
      this.announcement = this.t('live.loaded-survey', {
        file: file.name,
        respondents: this.count('n.respondents', report.respondents),
        answers: this.count('n.answers', report.answersLoaded),
        rejected: this.count('n.rejected', report.answersRejected),
      });
      await this.refreshQuality(dataset);
      return report;
    } catch (e) {
      if (epoch !== this.dataEpoch) return null;
      // Columns detection could not settle: ask, with the file's header to choose from.
      if (e instanceof IngestError && e.code === 'mapping') {
        // The columns as the engine read them (gzip, quoted separators, blank headers); else the first line's.
        const header = e.details.columns ? null : await firstLine(file);
        const columns = e.details.columns ?? (header ? (await loadDataLayer()).headerCells(header).filter((c) => c !== '') : []);
        if (columns.length > 1) {
          // Asked again after a revise that failed: the form keeps what the user chose.
          const report = this.pendingSurvey?.file === file ? this.pendingSurvey.report : null;
          this.pendingSurvey = { file, columns, message: e.notice ?? e.message, report };
          this.announcement = this.t('live.survey-ask', { file: file.name });
          await this.updateComplete;
          this.surveyForm?.focus();
          return null;
        }
      }
      const detail = this.loadFailure(file.name, e);
      if (this.phase === 'loading') {
        this.error = detail;
        return null;
      }
      this.fail(detail);
      return null;
    }
  }

  /** Read the loaded survey again another way (another pair family, shape or scale). */
  private async reviseSurvey() {
    const report = this.surveyReport;
    const file = this.surveyFile;
    if (!report || !file) return;
    this.pendingSurvey = { file, columns: report.columns, message: this.t('survey.revise-message'), report };
    await this.updateComplete;
    this.surveyForm?.focus();
  }

  private onSurveyMapping(e: CustomEvent<RapportSurveyMappingDetail>) {
    const pending = this.pendingSurvey;
    if (!pending) return;
    void this.loadSurveyFile(pending.file, e.detail.options);
  }

  private onSurveyMappingCancel() {
    const file = this.pendingSurvey?.file;
    this.pendingSurvey = null;
    const notRead = file ? this.t('live.survey-not-reread', { file: file.name }) : '';
    this.announcement = [notRead, this.surveyReport ? this.t('live.survey-still-shown') : ''].filter(Boolean).join(' ');
  }

  private pickSurvey(e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.loadSurveyFile(file);
  }

  private pickFeedback(e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.loadFeedbackFile(file);
  }

  /**
   * Load a customer list (one row per known customer or prospect) beside the orders: listed
   * customers without a purchase count as potential. Resolves to its report, or null on failure
   * (the error is shown; orders stay as they are).
   */
  async loadCustomerList(file: File, announcement?: string): Promise<CustomersLoadReport | null> {
    const epoch = this.dataEpoch;
    try {
      const dataset = await this.getDataset();
      this.announcement = announcement ?? this.t('live.loading-list', { file: file.name });
      const report = await dataset.loadCustomers({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      if (epoch !== this.dataEpoch) return null;
      this.customersReport = report;
      this.kept.customers = { file: file.name, again: (a) => this.loadCustomerList(file, a) };
      void this.keep('customers', file, {});
      this.announcement = this.t('live.loaded-list', {
        file: file.name,
        customers: this.count('n.customers', report.rowsLoaded),
        rejected: this.count('n.rows-rejected', report.rowsRejected),
      });
      if (this.report && this.phase !== 'loading') await this.showAnalytics(dataset, this.report);
      // Open details show the customer's name from the list.
      else await this.refreshDetail(dataset);
      return report;
    } catch (e) {
      if (epoch !== this.dataEpoch) return null;
      if (this.phase === 'loading') {
        // An orders load is running: keep its progress and Cancel; say what went wrong with the list.
        this.error = this.loadFailure(file.name, e);
        return null;
      }
      this.fail(this.loadFailure(file.name, e));
      return null;
    }
  }

  private onMapping(e: CustomEvent<RapportMappingDetail>) {
    const pending = this.pending;
    if (!pending) return;
    void this.loadInput(pending.input, { mapping: e.detail.mapping, dateOrder: e.detail.dateOrder, askWhenUnsure: false }, { keep: true });
  }

  private onMappingCancel() {
    const file = this.pending?.file;
    this.pending = null;
    this.phase = this.report ? 'ready' : 'idle';
    const notLoaded = file ? this.t('live.not-loaded', { file }) : '';
    this.announcement = [notLoaded, this.report ? this.t('still-shown') : ''].filter(Boolean).join(' ');
  }

  private renderAnalytics(a: Analytics) {
    const f = this.f;
    const o = a.overview;
    const cuts = (xs: number[]) => xs.map((x) => f.decimal(x)).join(', ');
    const method = (RFM_METHODS as readonly string[]).includes(o.method) ? this.t(`method.${o.method}` as DashboardMessageKey) : o.method;
    return html`<section aria-labelledby="segments-title" part="segments-section">
        ${this.renderHeading('segments')}
        <p class="note" part="note">
          ${this.t('segments.note', {
            date: o.analysisDate ? f.date(o.analysisDate) : '–',
            method,
            bins: o.bins,
            recency: cuts(o.cutPoints.recency),
            frequency: cuts(o.cutPoints.frequency),
            monetary: cuts(o.cutPoints.monetary),
          })}
        </p>
        <rapport-segments
          part="segments"
          exportparts=${PARTS.segments}
          .summary=${o.summary}
          .cells=${o.grid}
          .bins=${o.bins}
          .selected=${this.selection.segment}
          .selectedCell=${this.selection.cell ?? null}
          @rapport-segment-select=${this.onSegmentSelect}
          @rapport-cell-select=${this.onCellSelect}
          locale=${this.locale ?? nothing}
          currency=${this.currency ?? nothing}
        ></rapport-segments>
      </section>
      <section aria-labelledby="value-title" part="value-section">
        ${this.renderHeading('value')}
        ${a.pareto
          ? html`${this.renderSelectedError('value')}
              <rapport-pareto part="pareto" exportparts=${PARTS.pareto} .pareto=${this.selectedPareto ?? a.pareto} locale=${this.locale ?? nothing}></rapport-pareto>`
          : html`<p class="error" part="value-error" role="alert"><span>${this.t('value.error', { message: this.valueError })}</span></p>`}
      </section>
      ${a.migration
        ? html`<section aria-labelledby="migration-title" part="migration-section" aria-busy=${this.migrationBusy ? 'true' : 'false'}>
            ${this.renderHeading('migration')}
            <rapport-migration
              part="migration"
              exportparts=${PARTS.migration}
              .migration=${a.migration}
              .selected=${this.selection.migration ?? null}
              locale=${this.locale ?? nothing}
              @rapport-migration-select=${this.onMigrationSelect}
            ></rapport-migration>
          </section>`
        : this.migrationError
          ? html`<section aria-labelledby="migration-title" part="migration-section">
              ${this.renderHeading('migration')}
              <p class="error" part="migration-error" role="alert"><span>${this.t('migration.error', { message: this.migrationError })}</span></p>
            </section>`
          : nothing}`;
  }

  /** A chart section's heading, with its SVG and PNG buttons, and why the last save failed (if it did). */
  private renderHeading(chart: ChartName) {
    const title = this.t(`section.${chart}` as DashboardMessageKey);
    const name = this.t(`chart.${chart}` as DashboardMessageKey);
    const error = this.exportErrors[chart];
    return html`<div class="section-head">
        <h2 id="${chart}-title" part="section-title">${title}</h2>
        <span class="exports" part="chart-exports">
          ${(['svg', 'png'] as const).map(
            (format) =>
              html`<button
                type="button"
                class="small-button"
                part="button export-button"
                aria-label=${this.t(format === 'svg' ? 'export.svg' : 'export.png', { chart: name })}
                @click=${() => void this.exportChart(chart, format)}
              >
                ${format.toUpperCase()}
              </button>`,
          )}
        </span>
      </div>
      ${error ? html`<p class="error" part="export-error" role="alert"><span>${error}</span></p>` : nothing}`;
  }

  /** A file picker that looks like a button (the input stays focusable and labelled by the text). */
  private renderFileButton(text: string, onChange: (e: Event) => void) {
    return html`<label class="file-button" part="button file-button"
      >${text}
      <input type="file" accept=".csv,.tsv,.txt,.json,.gz,.parquet,text/csv" @change=${onChange}
    /></label>`;
  }

  /** The ladder of loyalty, what feedback fed it, and a way to add feedback. */
  private renderLadder() {
    const l = this.ladder;
    return html`<section aria-labelledby="ladder-title" part="ladder-section">
      ${l && !this.ladderError ? this.renderHeading('ladder') : html`<h2 id="ladder-title" part="section-title">${this.t('section.ladder')}</h2>`}
      <p class="note" part="note">
        ${l?.asOf ? `${this.t('ladder.as-of', { date: this.f.date(l.asOf) })} ` : nothing}${this.t('ladder.note')}
        ${this.renderFileButton(this.t(this.feedbackReport ? 'feedback.replace' : 'feedback.add'), this.pickFeedback)}
      </p>
      ${this.feedbackReport ? this.renderFeedback(this.feedbackReport) : nothing}
      ${l && this.ladderMoves ? this.renderMoves(this.ladderMoves) : nothing}
      ${this.ladderError
        ? html`<p class="error" part="ladder-error" role="alert"><span>${this.t('ladder.error', { message: this.sayError(this.ladderError) })}</span></p>`
        : html`${this.renderSelectedError('ladder')}<rapport-ladder
            part="ladder"
            exportparts=${PARTS.ladder}
            .ladder=${this.selectedLadder ?? l}
            .selected=${this.selection.rung ?? null}
            @rapport-rung-select=${this.onRungSelect}
            locale=${this.locale ?? nothing}
            currency=${this.currency ?? nothing}
          ></rapport-ladder>`}
    </section>`;
  }

  /** Retention and customer value: the cohorts and the fitted value model, or why they could not be made. */
  private renderRetention() {
    return html`<section aria-labelledby="retention-title" part="retention-section">
      <h2 id="retention-title" part="section-title">${this.t('section.retention')}</h2>
      <p class="note" part="note">${this.t('retention.note')}</p>
      ${this.retentionError
        ? html`<p class="error" part="retention-error" role="alert"><span>${this.t('retention.error', { message: this.sayError(this.retentionError) })}</span></p>`
        : html`<rapport-cohorts part="cohorts" .data=${this.cohorts} locale=${this.locale ?? nothing} currency=${this.currency ?? nothing}></rapport-cohorts>
            <rapport-clv
              part="clv"
              .model=${this.clv}
              .groups=${this.clvGroups}
              .selectedGroups=${this.selectedClvGroups}
              locale=${this.locale ?? nothing}
              currency=${this.currency ?? nothing}
            ></rapport-clv>`}
    </section>`;
  }

  /** The moves since the comparison date, in one sentence. */
  private renderMoves(m: { from: string } & LadderComparison['summary']) {
    return html`<p class="note" part="ladder-moves">
      ${this.t('ladder.moves', {
        date: this.f.date(m.from),
        climbed: m.climbed,
        slipped: m.slipped,
        lapsed: m.lapsed,
        returned: m.returned,
        new: m.new,
      })}
    </p>`;
  }

  /** What the feedback file brought: loaded, rejected and why, and how many people it matched. */
  private renderFeedback(r: FeedbackLoadReport) {
    const summary = this.t('feedback.summary', {
      file: r.file,
      read: this.count('n.rows-read', r.rowsRead),
      answers: this.count('n.answers-loaded', r.rowsLoaded),
      people: this.count('n.people', r.customers),
    });
    const rejects = r.rowsRejected
      ? `, ${this.rejectsText(this.count('n.rejected', r.rowsRejected), this.reasonsText(r.rejectedByReason, feedbackRejectReasonNotice), r.rejectSamples[0])}`
      : '';
    return html`<p class="note" part="feedback">${summary}${rejects}. ${this.renderWarnings(r.notices)}</p>`;
  }

  /** Survey gaps and the promised-vs-delivered gap, what the survey file brought, and a way to add one. */
  private renderQuality() {
    const s = this.surveyReport;
    return html`<section aria-labelledby="quality-title" part="quality-section">
      ${this.quality || this.delivery ? this.renderHeading('quality') : html`<h2 id="quality-title" part="section-title">${this.t('section.quality')}</h2>`}
      <p class="note" part="note">
        ${this.t(this.delivery ? 'quality.intro-delivery' : 'quality.intro')}
        ${this.renderFileButton(this.t(s ? 'survey.replace' : 'survey.add'), this.pickSurvey)}
      </p>
      ${s ? this.renderSurvey(s) : this.pendingSurvey ? nothing : html`<p class="note" part="note">${this.t('survey.none')}</p>`}
      ${this.pendingSurvey
        ? html`<rapport-survey-form
            part="survey-form"
            exportparts=${PARTS.surveyForm}
            .file=${this.pendingSurvey.file.name}
            .columns=${this.pendingSurvey.columns}
            .message=${this.pendingSurvey.message}
            .report=${this.pendingSurvey.report}
            @rapport-survey-mapping=${this.onSurveyMapping}
            @rapport-survey-mapping-cancel=${this.onSurveyMappingCancel}
          ></rapport-survey-form>`
        : nothing}
      ${this.qualityError ? html`<p class="error" part="quality-error" role="alert"><span>${this.qualityError}</span></p>` : nothing}
      ${this.quality || this.delivery
        ? html`<rapport-quality-gap
            part="quality-gap"
            exportparts=${PARTS.qualityGap}
            .gap=${this.quality}
            .delivery=${this.delivery}
            @rapport-quality-group=${this.onQualityGroup}
            locale=${this.locale ?? nothing}
            currency=${this.currency ?? nothing}
          ></rapport-quality-gap>`
        : nothing}
    </section>`;
  }

  /** What the survey file brought: respondents, answers loaded and rejected and why, the scale. */
  private renderSurvey(r: SurveyLoadReport) {
    const f = this.f;
    const summary = this.t('survey.summary', {
      file: r.file,
      respondents: this.count('n.respondents', r.respondents),
      answers: this.count('n.answers-loaded', r.answersLoaded),
      min: f.decimal(r.scale.min),
      max: f.decimal(r.scale.max),
    });
    const first = r.rejectSamples.find((x) => x.reason in r.rejectedByReason);
    const rejects = r.answersRejected
      ? `, ${this.rejectsText(this.count('n.rejected', r.answersRejected), this.reasonsText(r.rejectedByReason, surveyRejectReasonNotice), first)}`
      : '';
    const importance = r.importanceRejected
      ? ` ${this.t('survey.importance-rejected', {
          rejected: this.count('n.importance-rejected', r.importanceRejected),
          reasons: this.reasonsText(r.importanceRejectedByReason ?? {}, surveyRejectReasonNotice),
        })}`
      : '';
    return html`<p class="note" part="survey">
      ${summary}${rejects}.${importance}
      ${this.renderWarnings(r.notices)}
      <button type="button" class="link" part="button" @click=${this.reviseSurvey}>${this.t('survey.revise')}</button>
    </p>`;
  }

  /** Complaints, suggestions and compliments by category, channel, segment and month. */
  private renderVoice(v: VoiceResult) {
    return html`<section aria-labelledby="voice-title" part="voice-section">
      ${this.renderHeading('voice')}
      <rapport-voice
        part="voice"
        exportparts=${PARTS.voice}
        .voice=${v}
        locale=${this.locale ?? nothing}
        currency=${this.currency ?? nothing}
      ></rapport-voice>
    </section>`;
  }

  /** What the customer list brought: loaded, rejected and why. */
  private renderCustomerList(r: CustomersLoadReport) {
    const summary = this.t('list.summary', {
      file: r.file,
      read: this.count('n.rows-read', r.rowsRead),
      loaded: this.count('n.customers-loaded', r.rowsLoaded),
    });
    const rejects = r.rowsRejected
      ? `, ${this.rejectsText(this.count('n.rejected', r.rowsRejected), this.reasonsText(r.rejectedByReason, customerRejectReasonNotice), r.rejectSamples[0])}`
      : '';
    return html`<p class="note" part="customer-list">${summary}${rejects}. ${this.renderWarnings(r.notices)}</p>`;
  }

  /** What a load of a customer list, feedback or survey warns about, in the dashboard's language. */
  private renderWarnings(notices: readonly Notice[]) {
    return notices.length ? html`<span class="warnings">${notices.map((n) => this.say(n)).join(' ')}</span>` : nothing;
  }

  /** Active / inactive / potential, with the window behind them. */
  private renderTypes(o: ScoreOverview) {
    const f = this.f;
    const t = o.typeCounts;
    const items = [
      this.t('types.item', { type: this.typeLabel('active'), count: f.integer(t.active) }),
      this.t('types.item-why', {
        type: this.typeLabel('inactive'),
        count: f.integer(t.inactive),
        why: this.t(o.windowDerived ? 'types.inactive-why-derived' : 'types.inactive-why', { n: o.windowDays }),
      }),
      ...(t.potential
        ? [this.t('types.item-why', { type: this.typeLabel('potential'), count: f.integer(t.potential), why: this.t('types.potential-why') })]
        : []),
    ];
    return html`<p class="note" part="types">${items.join(this.t('separator'))}.</p>`;
  }

  /** The analysis settings, bound to the dashboard's properties (the first and last order bound the analysis date). */
  private renderSettings() {
    return html`<rapport-settings
      part="settings"
      exportparts=${PARTS.settings}
      .analysisDate=${this.analysisDate ?? null}
      .bins=${this.rfmBins ?? DEFAULT_BINS}
      .method=${this.rfmMethod ?? 'quantile'}
      .breaks=${this.rfmBreaks}
      .preset=${this.settingsPreset()}
      .ownRules=${this.ownSegmentRules !== undefined}
      .inactiveAfter=${this.inactiveAfter ?? null}
      .valueStandard=${this.valueStandard ?? null}
      .firstOrder=${this.headline?.firstOrder ?? null}
      .lastOrder=${this.headline?.lastOrder ?? null}
      locale=${this.locale ?? nothing}
      @rapport-settings-change=${this.onSettingsChange}
    ></rapport-settings>`;
  }

  /** A selected figure that could not be read: everyone's shows instead, and this says so. */
  private renderSelectedError(figure: SelectedFigure) {
    const message = this.selectedErrors[figure];
    return message ? html`<p class="error" part="selected-error" role="alert"><span>${this.t('selected.failed', { message })}</span></p>` : nothing;
  }

  /** One chip per part of the selection, each removing its part, and "Clear all"; why a selection failed. */
  private renderFilterBar() {
    const parts = selectionParts(this.selection);
    // Once there are customers to choose from, the row stays, with a hint while nothing is chosen:
    // chips appearing above every section would move the whole page under the pointer on each
    // click, and repaint all of it (about a frame of the click's time).
    if (!this.report && !parts.length && !this.selectionError) return nothing;
    const lang = this.msg.lang;
    const chip = (p: SelectionPart): [string, string] => {
      switch (p.kind) {
        case 'segment': {
          const segment = segmentLabel(lang, p.segment);
          return [this.t('chip.segment', { segment }), this.t('chip.remove-segment', { segment })];
        }
        case 'cell':
          return [this.t('chip.cell', { r: p.r, f: p.f }), this.t('chip.remove-cell', { r: p.r, f: p.f })];
        case 'rung': {
          const rung = rungLabel(lang, p.rung);
          return [this.t('chip.rung', { rung }), this.t('chip.remove-rung', { rung })];
        }
        case 'migration': {
          const moved = { from: segmentLabel(lang, p.from), to: segmentLabel(lang, p.to) };
          return [this.t('chip.migration', moved), this.t('chip.remove-migration', moved)];
        }
      }
    };
    return html`<div class="filter-bar" part="filter-bar" role="group" aria-label=${this.t('filters.label')}>
      ${parts.length ? html`<span class="label">${this.t('filters.title')}</span>` : this.selectionError ? nothing : html`<span class="hint" part="filter-hint" title=${this.t('filters.hint')}>${this.t('filters.hint')}</span>`}
      ${repeat(parts, (p) => p.kind, (p) => {
        const [text, remove] = chip(p);
        // The visible text names the part; the × button's name says what it does (its one symbol is not read).
        return html`<span class="chip" part="filter-chip"
          >${text}<button type="button" class="chip-remove" part="filter-chip-remove button" aria-label=${remove} @click=${() => this.removePart(p.kind)}>
            ×
          </button></span
        >`;
      })}
      ${parts.length
        ? html`<button type="button" class="link" part="filter-clear button" @click=${() => void this.applySelection({})}>${this.t('filters.clear')}</button>`
        : nothing}
      ${this.selectionError ? html`<p class="error" part="selection-error" role="alert"><span>${this.selectionError}</span></p>` : nothing}
    </div>`;
  }

  override render() {
    return html`<div class="font-warmup" aria-hidden="true" inert></div>
      <div class="stack" part="stack">
        <rapport-drop-zone part="drop-zone" exportparts=${PARTS.dropZone} @rapport-files=${this.onFiles}></rapport-drop-zone>
        ${this.storage === 'browser' && this.keptNames.length
          ? html`<p class="kept" part="kept">
              <span>${this.t('kept.note', { files: this.keptNames.join(', ') })}</span>
              <button type="button" part="forget button" @click=${() => void this.forgetKept()}>${this.t('kept.forget')}</button>
            </p>`
          : nothing}
        ${this.phase === 'loading'
          ? html`<div class="progress" part="progress">
              <span part="progress-step">${this.step}…</span>
              <progress part="progress-bar" max="1" .value=${this.fraction} aria-label=${this.t('progress.label', { file: this.loadingFile })}></progress>
              <button part="button" @click=${() => this.cancel()}>${this.t('cancel')}</button>
            </div>`
          : nothing}
        ${this.recovered
          ? html`<p class="recovered" part="recovered">
              <span>${this.recovered}</span>
              <button part="button" @click=${() => (this.recovered = null)} aria-label=${this.t('dismiss')}>×</button>
            </p>`
          : nothing}
        ${this.error
          ? html`<p class="error" part="error" role="alert">
              <span>${this.error.message}${this.report ? ` ${this.t('still-shown')}` : ''}</span>
              <button part="button" @click=${() => (this.error = null)} aria-label=${this.t('dismiss')}>×</button>
            </p>`
          : nothing}
        ${this.phase === 'needs-input' && this.pending
          ? html`<rapport-mapping-form
              part="mapping-form"
              exportparts=${PARTS.mappingForm}
              .file=${this.pending.file}
              .profiles=${this.pending.profiles}
              .decision=${this.pending.decision}
              @rapport-mapping=${this.onMapping}
              @rapport-mapping-cancel=${this.onMappingCancel}
            ></rapport-mapping-form>`
          : nothing}
        <rapport-load-report
          part="load-report"
          exportparts=${PARTS.loadReport}
          .report=${this.report}
          locale=${this.locale ?? nothing}
        ></rapport-load-report>
        ${this.report ? this.renderSettings() : nothing}
        ${this.renderFilterBar()}
        <rapport-headline
          part="headline"
          exportparts=${PARTS.headline}
          .headline=${this.selectedHeadline ?? this.headline}
          ?selected=${this.selectedHeadline !== null}
          locale=${this.locale ?? nothing}
          currency=${this.currency ?? nothing}
        ></rapport-headline>
        ${this.renderSelectedError('headline')}
        ${this.report
          ? html`<section aria-labelledby="customers-title" part="customers-section">
              <h2 id="customers-title" part="section-title" tabindex="-1">${this.t('section.customers')}</h2>
              ${this.customersReport ? this.renderCustomerList(this.customersReport) : nothing}
              ${this.analytics ? this.renderTypes(this.analytics.overview) : nothing}
              <div class="customers-body ${this.detailId !== null ? 'with-detail' : ''}">
              ${this.detailId !== null
                ? html`<rapport-customer-detail
                    part="customer-detail"
                    exportparts=${PARTS.customerDetail}
                    .detail=${this.detail}
                    locale=${this.locale ?? nothing}
                    currency=${this.currency ?? nothing}
                    @rapport-customer-close=${this.onDetailClose}
                  ></rapport-customer-detail>`
                : nothing}
              <rapport-customer-table
                part="customer-table"
                exportparts=${PARTS.customerTable}
                .rows=${this.rows}
                .source=${this.listSource}
                .segments=${this.segmentNames()}
                .total=${this.listTotal}
                .partial=${this.listPartial}
                segment=${this.selection.segment ?? ''}
                type=${this.typeFilter}
                rung=${this.selection.rung ?? ''}
                sort-key=${this.sortKey}
                sort-direction=${this.sortDirection}
                locale=${this.locale ?? nothing}
                currency=${this.currency ?? nothing}
                @rapport-sort=${this.onSort}
                @rapport-filter=${this.onFilter}
                @rapport-customer-select=${this.onCustomerSelect}
              ></rapport-customer-table>
              </div>
            </section>`
          : nothing}
        ${this.analyticsError
          ? html`<p class="error" part="analytics-error" role="alert">
              <span>${this.t('error.segments', { message: this.analyticsError })}</span>
            </p>`
          : nothing}
        ${this.report && (this.ladder || this.ladderError) ? this.renderLadder() : nothing}
        ${this.report && (this.cohorts || this.retentionError) ? this.renderRetention() : nothing}
        ${this.report || this.surveyReport || this.quality || this.pendingSurvey ? this.renderQuality() : nothing}
        ${this.voice ? this.renderVoice(this.voice) : nothing}
        ${this.analytics ? this.renderAnalytics(this.analytics) : nothing}
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-dashboard': RapportDashboard;
  }
}
