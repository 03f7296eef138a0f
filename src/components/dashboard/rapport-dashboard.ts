import { html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Table } from 'apache-arrow';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { Dataset, type CustomerRow, type Headline } from '../../data/dataset.js';
import { createBrowserEngine } from '../../data/engine/browser-engine.js';
import { EngineError, type Engine } from '../../data/engine/engine.js';
import type { IngestInput } from '../../data/ingest/ingest.js';
import { IngestError } from '../../data/ingest/ingest-error.js';
import { headerCells, isCustomerListName, isFeedbackFile, isSurveyFile } from '../../data/ingest/detect-format.js';
import {
  CUSTOMER_REJECT_REASON_TEXT,
  FEEDBACK_REJECT_REASON_TEXT,
  SURVEY_REJECT_REASON_TEXT,
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
  RapportErrorDetail,
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
import type { RapportDropZone } from '../drop-zone/rapport-drop-zone.js';
import type { RapportMappingForm } from '../mapping-form/rapport-mapping-form.js';
import '../drop-zone/rapport-drop-zone.js';
import '../load-report/rapport-load-report.js';
import '../headline/rapport-headline.js';
import '../customer-table/rapport-customer-table.js';
import '../segments/rapport-segments.js';
import '../pareto/rapport-pareto.js';
import '../migration/rapport-migration.js';
import '../ladder/rapport-ladder.js';
import '../quality-gap/rapport-quality-gap.js';
import '../voice/rapport-voice.js';
import { QualityWeightsError, parseWeightsSpec, type QualityGapResult } from '../../analytics/quality.js';
import type { DeliveryGapResult } from '../../analytics/delivery.js';
import type { VoiceResult } from '../../analytics/voice.js';
import type { LadderComparison, LadderPlace, LadderResult, LadderRulesInput } from '../../analytics/ladder.js';
import type { RfmRequest, ScoreOverview } from '../../data/rfm.js';
import { RFM_METHODS, type RfmMethod } from '../../analytics/rfm-options.js';
import type { ParetoResult } from '../../data/customer-types.js';
import type { MigrationResult } from '../../data/migration.js';
import '../mapping-form/rapport-mapping-form.js';
import '../survey-form/rapport-survey-form.js';
import type { RapportSurveyForm } from '../survey-form/rapport-survey-form.js';

type Phase = 'idle' | 'loading' | 'needs-input' | 'ready';

interface Analytics {
  overview: ScoreOverview;
  pareto: ParetoResult;
  migration: MigrationResult;
}

/** Rejects per reason as "3 no customer id; 1 the date is not a date", in the report's order. */
function reasonsText<R extends string>(byReason: Partial<Record<R, number>>, texts: Record<R, string>, f: ReturnType<typeof formats>): string {
  return (Object.entries(byReason) as [R, number][]).map(([reason, n]) => `${f.integer(n)} ${texts[reason]}`).join('; ');
}

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

function isArrowTable(data: readonly Record<string, unknown>[] | Table): data is Table {
  return !Array.isArray(data) && typeof (data as Table).numRows === 'number';
}

/**
 * @summary The all-in-one page: drop or pick an order export (or point `src` at one), see
 * what was loaded and rejected and why, headline figures, and every customer.
 *
 * A new file (or `src`, or `data`) replaces the load in progress. A visually hidden live
 * region announces each load's start and outcome; errors are alerts. The engine the
 * dashboard starts is closed when the element is removed from the page (not when it is moved).
 *
 * @event rapport-load - A dataset loaded: `{ report }`.
 * @event rapport-error - A load or the engine failed, or the user cancelled it (code `cancelled`):
 * `{ message, code }`; what was loaded before stays. A load replaced by a newer one sends nothing.
 * @event rapport-needs-input - Detection was unsure and the mapping form is shown.
 * @csspart drop-zone - The drop zone.
 * @csspart progress - The progress area (step, bar and Cancel; not a live region).
 * @csspart error - The error message (`role="alert"`).
 * @csspart analytics-error - Why segments could not be computed (say, invalid `segment-rules`), in their place.
 * @csspart ladder-section - The ladder of loyalty section (the chart, its notes and the feedback button).
 * @csspart ladder-error - Why the ladder could not be computed (say, invalid `ladder-rules`), in its place.
 * @csspart feedback - The line saying what the feedback file brought.
 * @csspart ladder-moves - The line saying who climbed, slipped, lapsed or came back over the last 90 days.
 * @csspart quality-section - The service quality section (survey gaps, promised vs delivered, the survey button).
 * @csspart survey - The line saying what the survey file brought.
 * @csspart quality-error - Why the quality gaps could not be computed, or split as asked, in their place.
 * @csspart voice-section - The voice of the customer section (complaints, suggestions, compliments).
 * @cssproperty --rapport-dashboard-max-width - Widest the dashboard gets (default none).
 * @cssproperty --rapport-dashboard-chart-max-width - Widest the value curve gets (default 46rem).
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
        gap: var(--_gap);
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
      .error {
        background: var(--_danger-surface);
        color: var(--_danger);
        border-radius: var(--_radius);
        padding: 0.7em 1em;
        margin: 0;
        display: flex;
        gap: 1em;
        align-items: flex-start;
        justify-content: space-between;
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 0.4em;
      }
      rapport-pareto {
        max-width: var(--rapport-dashboard-chart-max-width, 46rem);
      }
      .note {
        color: var(--_muted);
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
      .file-button:focus-within {
        outline: 2px solid var(--_primary);
        outline-offset: 2px;
      }
      .file-button input {
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
        outline: 2px solid var(--_primary);
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
  @property({ attribute: 'date-order' }) dateOrder?: DateOrder;
  @property() decimal?: DecimalStyle;
  /** `net` (default): returns reduce spend; `exclude`: returns are rejected. */
  @property({ attribute: 'return-policy' }) returnPolicy?: ReturnPolicy;
  @property() locale?: string;
  /** ISO 4217 code for money figures, e.g. `EUR`. */
  @property() currency?: string;
  /** Records or an Arrow table to load, instead of a file. */
  @property({ attribute: false }) data?: readonly Record<string, unknown>[] | Table;
  /** Use this engine instead of starting DuckDB-WASM (tests, a remote engine). The dashboard never closes it. */
  @property({ attribute: false }) engine?: Engine;
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
  @state() private report: LoadReport | null = null;
  @state() private headline: Headline | null = null;
  @state() private rows: CustomerRow[] = [];
  /** RFM segments, customer value and migration of the loaded data; null while unknown. */
  @state() private analytics: Analytics | null = null;
  @state() private sortKey: CustomerSortKey = 'total_spend';
  @state() private sortDirection: SortDirection = 'desc';
  /** Customer list filters ('' = all). */
  @state() private segmentFilter = '';
  @state() private typeFilter = '';
  @state() private rungFilter: LadderPlace | '' = '';
  /** The ladder of loyalty of the loaded data, once computed; why it could not be, otherwise. */
  @state() private ladder: LadderResult | null = null;
  @state() private ladderError = '';
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
  @state() private voice: VoiceResult | null = null;
  /** A survey to read again with the user's answers: one detection could not read, or one read in a way the user wants to change. */
  @state() private pendingSurvey: { file: File; columns: string[]; message: string; report: SurveyLoadReport | null } | null = null;
  /** Customers in the unfiltered list, for "n of total". */
  @state() private listTotal?: number;
  /** The customer list loaded beside the orders, if any. */
  @state() private customersReport: CustomersLoadReport | null = null;
  /** Why the segments could not be computed (bad rules or options), shown in their place. */
  @state() private analyticsError = '';
  @state() private pending: { input: IngestInput; file: string; profiles: ColumnProfile[]; decision: MappingDecision } | null = null;
  /** What the live region says: the start and outcome of each load, never each progress step. */
  @state() private announcement = '';

  @query('rapport-drop-zone') private dropZone?: RapportDropZone;
  @query('rapport-mapping-form') private mappingForm?: RapportMappingForm;
  @query('rapport-survey-form') private surveyForm?: RapportSurveyForm;
  /** The survey file last loaded, so it can be read again another way. */
  private surveyFile: File | null = null;

  private datasetPromise?: Promise<Dataset>;
  /** The customer query last asked, so an older answer never replaces a newer one. */
  private rowsKey = '';
  /** Each analytics run's number: only the latest one may change the page. */
  private analyticsRun = 0;
  /** The same for the quality and voice figures. */
  private qualityRun = 0;
  /** RFM options changed while the page was not ready: re-run the analytics once it is. */
  private rfmDirty = false;
  /** The engine this element started itself, which it closes when removed; never one given through `engine`. */
  private ownEngine?: Promise<Engine>;
  /** Drops so far: a drop still reading its files' headers gives way to a later one. */
  private dropCount = 0;
  /** The load in progress. A load that finds another controller here was superseded: it ends without a trace. */
  private abort?: AbortController;
  private loadingFile = '';
  /** Set when a removal closed the engine and cleared the page: a reconnection starts again from `src` or `data`. */
  private shutDown = false;
  /** What had focus in this shadow root before the update, to catch it being removed by the render. */
  private focusBefore: Element | null = null;

  /** The dataset behind the page, started on first use. */
  getDataset(): Promise<Dataset> {
    if (!this.datasetPromise) {
      if (this.engine) {
        this.datasetPromise = Promise.resolve(new Dataset(this.engine));
      } else {
        const started = createBrowserEngine(this.duckdbBase ? { assetBase: this.duckdbBase } : {});
        this.ownEngine = started;
        this.datasetPromise = started.then((engine) => new Dataset(engine));
      }
    }
    return this.datasetPromise;
  }

  override connectedCallback() {
    super.connectedCallback();
    if (this.shutDown) {
      this.shutDown = false;
      this.loadFromProperties(Boolean(this.src), Boolean(this.data));
    }
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
    this.focusBefore = this.shadowRoot?.activeElement ?? null;
  }

  protected override updated(changed: PropertyValues<this>) {
    this.loadFromProperties(changed.has('src'), changed.has('data'));
    const rfmChanged = (['rfmBins', 'rfmMethod', 'rfmBreaks', 'segmentRules', 'analysisDate', 'inactiveAfter', 'valueStandard', 'ladderRules'] as const).some((k) =>
      changed.has(k),
    );
    if (changed.has('qualityWeights') && (this.surveyReport || this.quality)) {
      queueMicrotask(() => void this.getDataset().then((dataset) => this.refreshQuality(dataset, true)));
    }
    // Options changed during a load apply when it ends; if it fails or is cancelled, they apply to what stays shown.
    if (rfmChanged && this.report) this.rfmDirty = true;
    if (this.rfmDirty && this.report && this.phase === 'ready') {
      this.rfmDirty = false;
      const report = this.report;
      queueMicrotask(() => void this.getDataset().then((dataset) => this.showAnalytics(dataset, report)));
    }
    // Focus never falls back to the page: the mapping form takes it when it appears, and when
    // what had it (Cancel, Dismiss, the form) disappears, it goes to the file button.
    const focusBefore = this.focusBefore;
    this.focusBefore = null;
    const form = this.mappingForm;
    if ((changed as Map<PropertyKey, unknown>).has('pending') && this.pending && form) {
      void form.updateComplete.then(() => form.focus());
    } else if (focusBefore && !focusBefore.isConnected) {
      this.dropZone?.focus();
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
      const input: IngestInput = isArrowTable(data) ? { name: 'data', table: data } : { name: 'data', records: data };
      queueMicrotask(() => void this.load(input));
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
    const started = this.ownEngine;
    if (!started) return;
    this.ownEngine = undefined;
    this.datasetPromise = undefined;
    void started.then((engine) => engine.close()).catch(() => undefined);
    // The data shown lived in that engine: if the element comes back it starts afresh.
    this.shutDown = true;
    this.phase = 'idle';
    this.report = null;
    this.headline = null;
    this.rows = [];
    this.analytics = null;
    this.analyticsError = '';
    this.customersReport = null;
    this.feedbackReport = null;
    this.surveyReport = null;
    this.surveyFile = null;
    this.pendingSurvey = null;
    this.quality = null;
    this.qualityError = '';
    this.qualityBy = null;
    this.delivery = null;
    this.voice = null;
    this.ladder = null;
    this.ladderError = '';
    this.segmentFilter = '';
    this.typeFilter = '';
    this.rungFilter = '';
    this.listTotal = undefined;
    this.pending = null;
    this.error = null;
    this.announcement = '';
  }

  async loadFile(file: File): Promise<LoadReport | null> {
    return this.readAndLoad(file);
  }

  private async readAndLoad(file: File, announcement?: string): Promise<LoadReport | null> {
    const abort = this.begin(file.name, announcement);
    this.step = `Reading ${file.name}`;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      if (this.abort !== abort) return null;
      this.abort = undefined;
      this.fail({ message: `Could not read ${file.name}: ${(e as Error).message}`, code: 'unreadable' });
      return null;
    }
    if (this.abort !== abort) return null;
    return this.ingest({ name: file.name, bytes }, {}, abort);
  }

  async loadUrl(url: string): Promise<LoadReport | null> {
    let name = url;
    try {
      name = decodeURIComponent(new URL(url, document.baseURI).pathname.split('/').pop() || url);
    } catch {
      // A malformed URL or escape: the fetch below names the problem; the URL itself names the load.
    }
    const abort = this.begin(name);
    this.step = `Downloading ${name}`;
    let bytes: Uint8Array;
    try {
      const res = await fetch(url, { signal: abort.signal });
      if (!res.ok) throw new Error(`the server answered ${res.status} ${res.statusText}`.trim());
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      if (this.abort !== abort) return null;
      this.abort = undefined;
      if (abort.signal.aborted) this.fail({ message: `Downloading ${name} was cancelled.`, code: 'cancelled' });
      else this.fail({ message: `Could not download ${url}: ${(e as Error).message}.`, code: 'unreadable' });
      return null;
    }
    if (this.abort !== abort) return null;
    return this.ingest({ name, bytes }, {}, abort);
  }

  /** Stop the load in progress; the dataset loaded before stays. */
  cancel() {
    this.abort?.abort();
  }

  /** Load any input; resolves to the report, or null when it failed, was superseded or needs the user's answer. */
  async load(input: IngestInput, extra: Partial<IngestOptions> = {}): Promise<LoadReport | null> {
    return this.ingest(input, extra, this.begin(input.name));
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
    this.error = null;
    this.pending = null;
    this.phase = 'loading';
    this.fraction = 0;
    this.announcement = `${previous ? `Stopped loading ${this.loadingFile}. ` : ''}${announcement ?? `Loading ${file}…`}`;
    this.loadingFile = file;
    return abort;
  }

  private async ingest(input: IngestInput, extra: Partial<IngestOptions>, abort: AbortController): Promise<LoadReport | null> {
    const current = () => this.abort === abort;
    this.step = 'Starting the engine';
    this.fraction = 0;
    let datasetPromise: Promise<Dataset> | undefined;
    let dataset: Dataset | undefined;
    try {
      datasetPromise = this.getDataset();
      dataset = await datasetPromise;
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
          this.step = step;
          this.fraction = fraction;
        },
      });
      if (!current()) return null;
      if (result.status === 'needs-input') {
        this.pending = { input, file: result.file, profiles: result.profiles, decision: result.decision };
        this.phase = 'needs-input';
        this.announcement = `${result.file} needs your answer before it loads.`;
        this.emit('rapport-needs-input', { file: result.file, decision: result.decision });
        return null;
      }
      const [headline, rows] = await this.view(dataset);
      if (!current()) return null;
      const r = result.report;
      const f = formats(this.locale);
      this.report = r;
      this.headline = headline;
      this.rows = rows;
      this.listTotal = rows.length;
      this.analytics = null;
      // The old ladder belongs to the old data (its table is gone): hide it until the new one is ready.
      this.ladder = null;
      this.ladderError = '';
      void this.showAnalytics(dataset, r);
      this.phase = 'ready';
      this.announcement = `Loaded ${r.file}: ${f.integer(r.rowsRead)} rows read, ${f.integer(r.rowsLoaded)} loaded, ${f.integer(r.rowsRejected)} rejected.`;
      this.emit('rapport-load', { report: r });
      return r;
    } catch (e) {
      if (e instanceof EngineError && e.code === 'unavailable' && this.datasetPromise === datasetPromise) {
        this.datasetPromise = undefined;
        this.ownEngine = undefined;
      }
      if (!current()) return null;
      // A load superseded just after it had replaced the tables leaves them behind: show what the engine holds.
      if (dataset?.report && dataset.report !== this.report) void this.showLoaded(dataset, dataset.report);
      if (e instanceof EngineError && e.code === 'unavailable') {
        this.fail({ message: e.message, code: 'engine-unavailable' });
      } else if (e instanceof IngestError) {
        this.fail({ message: e.message, code: e.code });
      } else {
        this.fail({ message: `${input.name}: ${(e as Error).message}`, code: 'engine' });
      }
      return null;
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
  }

  private fail(detail: RapportErrorDetail) {
    this.phase = this.report ? 'ready' : 'idle';
    if (detail.code === 'cancelled') {
      // The user asked for it: say so politely rather than raising an alert.
      this.error = null;
      this.announcement = `Cancelled.${this.report ? ' The data loaded before is still shown.' : ''}`;
    } else {
      this.error = detail;
      this.announcement = '';
      console.error(`[rapport] ${detail.message}`);
    }
    this.emit('rapport-error', detail);
  }

  /** A new dataset: filters start afresh (its segments may differ). */
  private view(dataset: Dataset): Promise<[Headline, CustomerRow[]]> {
    this.segmentFilter = '';
    this.typeFilter = '';
    this.rungFilter = '';
    return Promise.all([dataset.headline(), dataset.customers({ sort: this.sortKey, direction: this.sortDirection })]);
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
    const query = {
      sort: this.sortKey,
      direction: this.sortDirection,
      filter: {
        ...(this.segmentFilter ? { segment: this.segmentFilter } : {}),
        ...(this.typeFilter ? { type: this.typeFilter as NonNullable<RapportFilterDetail['type']> } : {}),
        ...(this.rungFilter ? { rung: this.rungFilter } : {}),
      },
    };
    const key = JSON.stringify(query);
    this.rowsKey = key;
    const rows = await dataset.customers(query);
    // A later sort, filter or load may have answered first.
    if (this.rowsKey !== key) return;
    this.rows = rows;
    if (!this.segmentFilter && !this.typeFilter && !this.rungFilter) this.listTotal = rows.length;
  }

  /**
   * Segments, customer value and migration follow the load report: they take longer and a
   * failure there (say, data with no purchase, or invalid segment rules) must not spoil a load
   * that worked. The customer list is then re-read with the scores, segments and types.
   */
  private async showAnalytics(dataset: Dataset, report: LoadReport) {
    const run = ++this.analyticsRun;
    const current = () => this.report === report && this.analyticsRun === run;
    const request = this.rfmRequest();
    const { analysisDate, ...scoring } = request;
    const { windowDays: _window, ...migrationOptions } = scoring;
    const paretoOptions = {
      ...(analysisDate ? { analysisDate } : {}),
      ...(this.valueStandard !== undefined && Number.isFinite(this.valueStandard) ? { standard: this.valueStandard } : {}),
    };
    try {
      const overview = await dataset.scoreOverview(request);
      const [pareto, migration] = await Promise.all([
        // Value is margin when the data has a margin column (and some margin in it), else net revenue.
        report.mapping.margin
          ? dataset.pareto({ ...paretoOptions, by: 'margin' }).catch(() => dataset.pareto(paretoOptions))
          : dataset.pareto(paretoOptions),
        dataset.migration({ ...migrationOptions, ...(analysisDate ? { to: analysisDate } : {}) }),
      ]);
      if (!current()) return;
      this.analytics = { overview, pareto, migration };
      this.analyticsError = '';
    } catch (e) {
      if (!current()) return;
      this.analytics = null;
      this.analyticsError = (e as Error).message;
      console.warn(`[rapport] Segments could not be computed: ${(e as Error).message}`);
    }
    // The ladder stands apart: bad ladder rules must not hide the segments, nor bad segment rules the ladder.
    try {
      const ladderRequest = { ...(analysisDate ? { asOf: analysisDate } : {}), ...this.ladderRequestRules() };
      const ladder = await dataset.ladder(ladderRequest);
      // Who moved in the last 90 days (as the segment migration compares); the later ladder stays current.
      const since = ladder.asOf ? new Date(Date.parse(ladder.asOf) - 90 * 86_400_000).toISOString().slice(0, 10) : null;
      const moves = since
        ? await dataset
            .ladderComparison({ from: since, ...(ladder.asOf ? { to: ladder.asOf } : {}), ...this.ladderRequestRules() })
            .catch(() => null)
        : null;
      if (!current()) return;
      this.ladder = ladder;
      this.ladderMoves = moves ? { from: since as string, ...moves.summary } : null;
      this.ladderError = '';
    } catch (e) {
      if (!current()) return;
      this.ladder = null;
      this.ladderError = (e as Error).message;
      if (this.rungFilter) this.rungFilter = '';
      console.warn(`[rapport] The ladder could not be computed: ${(e as Error).message}`);
    }
    if (current()) await this.refreshRows(dataset).catch(() => undefined);
    // Quality gaps by segment or rung read the scoring and ladder just made.
    if (current()) await this.refreshQuality(dataset);
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
      problems.push(`The quality-weights attribute is not valid: ${(e as Error).message} Using the survey's own importance.`);
    }
    // Asked for as set; what fails falls back a step at a time (weights, then the split), saying why.
    const ask = async (w: typeof weights, split: string | null): Promise<QualityGapResult | null> => {
      try {
        return await dataset.qualityGap({ ...(w ? { weights: w } : {}), ...(split ? { by: split } : {}) });
      } catch (e) {
        const message = (e as Error).message;
        if (w && e instanceof QualityWeightsError) {
          problems.push(`The quality-weights attribute cannot be used: ${message} Using the survey's own importance.`);
          return ask(undefined, split);
        }
        if (split) {
          problems.push(`The respondents could not be split by ${split}: ${message} Showing all respondents.`);
          return ask(w, null);
        }
        problems.push(`The quality gaps could not be computed: ${message}`);
        return null;
      }
    };
    const quality = await ask(weights, by);
    const qualityError = problems.join(' ');
    const [delivery, voice] = gapsOnly
      ? [this.delivery, this.voice]
      : await Promise.all([dataset.deliveryGap().catch(() => null), dataset.voice({ recent: 8 }).catch(() => null)]);
    if (run !== this.qualityRun) return false;
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
        throw new QualityWeightsError(`"${text}" is not JSON; give {"tangibles": 0.2, ...} or tangibles=0.2,...`);
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new QualityWeightsError('give an object of dimension weights');
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
      ? `Quality gaps by ${q.groups.label}: ${q.groups.groups.length} groups.`
      : this.qualityError || 'Quality gaps of all respondents.';
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
      this.listTotal = rows.length;
      this.analytics = null;
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
      this.fail({ message: `Could not sort the customers: ${(err as Error).message}`, code: 'engine' });
    }
  }

  private async filterCustomers(segment: string, type: string, rung: LadderPlace | '' = this.rungFilter) {
    this.segmentFilter = segment;
    this.typeFilter = type;
    this.rungFilter = rung;
    try {
      await this.refreshRows(await this.getDataset());
      if (this.segmentFilter !== segment || this.typeFilter !== type || this.rungFilter !== rung) return;
      const f = formats(this.locale);
      const what = [segment && `in ${segment}`, type && `of type ${type}`, rung && `on the ladder at ${rung}`].filter(Boolean).join(', ');
      this.announcement = `Showing ${f.integer(this.rows.length)} customers${what ? ` ${what}` : ''}.`;
    } catch (err) {
      this.fail({ message: `Could not filter the customers: ${(err as Error).message}`, code: 'engine' });
    }
  }

  private onFilter(e: CustomEvent<RapportFilterDetail>) {
    void this.filterCustomers(e.detail.segment ?? '', e.detail.type ?? '', e.detail.rung ?? '');
  }

  /** A segment chosen in the chart: list its customers, and bring the list into view. */
  private onSegmentSelect(e: CustomEvent<RapportSegmentSelectDetail>) {
    void this.filterCustomers(e.detail.segment, this.typeFilter);
    this.renderRoot.querySelector('#customers-title')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  /** A rung chosen in the ladder: list its customers with the reasons, and bring the list into view (null: every place again). */
  private onRungSelect(e: CustomEvent<RapportRungSelectDetail>) {
    void this.filterCustomers(this.segmentFilter, this.typeFilter, e.detail.rung ?? '');
    if (e.detail.rung) this.renderRoot.querySelector('#customers-title')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
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
    const firstLines = await Promise.all(files.map((f) => firstLine(f)));
    // A later drop, made while these headers were read, wins.
    if (drop !== this.dropCount) return;
    // Surveys first (servqual_survey.csv is not NPS feedback), then feedback: customer_reviews.csv is feedback, not a customer list.
    const surveys = files.filter((f, i) => isSurveyFile(f.name, firstLines[i] ?? null));
    const feedback = files.filter((f, i) => !surveys.includes(f) && isFeedbackFile(f.name, firstLines[i] ?? null));
    const lists = files.filter((f) => !surveys.includes(f) && !feedback.includes(f) && isCustomerListName(f.name));
    const orders = files.filter((f) => !lists.includes(f) && !feedback.includes(f) && !surveys.includes(f));
    // Only customer lists dropped: with orders loaded (or loading) they join them; else the first is taken for orders.
    const ordersFile = orders[0] ?? (this.report || this.phase === 'loading' ? undefined : lists.shift());
    const extra = orders.length > 1 ? `${orders.length} files dropped; loading the first, ${ordersFile!.name}.` : undefined;
    // One customer list at a time: the last one dropped is the one kept.
    const list = lists.at(-1);
    const answers = feedback.at(-1);
    const survey = surveys.at(-1);
    // The list and feedback first: they stand on their own, so orders that need an answer or fail do not lose them.
    if (list) await this.loadCustomerList(list, lists.length > 1 ? `${lists.length} customer lists dropped; keeping the last, ${list.name}.` : undefined);
    if (answers && drop === this.dropCount) {
      await this.loadFeedbackFile(answers, feedback.length > 1 ? `${feedback.length} feedback files dropped; keeping the last, ${answers.name}.` : undefined);
    }
    if (survey && drop === this.dropCount) {
      await this.loadSurveyFile(survey, {}, surveys.length > 1 ? `${surveys.length} surveys dropped; keeping the last, ${survey.name}.` : undefined);
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
    try {
      const dataset = await this.getDataset();
      this.announcement = announcement ?? `Loading the feedback ${file.name}…`;
      const report = await dataset.loadFeedback({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      this.feedbackReport = report;
      const f = formats(this.locale);
      this.announcement = `Loaded the feedback ${file.name}: ${f.integer(report.rowsLoaded)} answers, ${f.integer(report.rowsRejected)} rows rejected.`;
      if (this.report && this.phase !== 'loading') await this.showAnalytics(dataset, this.report);
      else await this.refreshQuality(dataset);
      return report;
    } catch (e) {
      const detail = { message: e instanceof IngestError ? e.message : `${file.name}: ${(e as Error).message}`, code: e instanceof IngestError ? e.code : 'engine' } as RapportErrorDetail;
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
    try {
      const dataset = await this.getDataset();
      this.announcement = announcement ?? `Loading the survey ${file.name}…`;
      const report = await dataset.loadSurvey({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, options);
      this.surveyReport = report;
      this.surveyFile = file;
      this.pendingSurvey = null;
      this.qualityBy = null;
      const f = formats(this.locale);
      this.announcement = `Loaded the survey ${file.name}: ${f.integer(report.respondents)} respondents, ${f.integer(report.answersLoaded)} answers, ${f.integer(report.answersRejected)} rejected.`;
      await this.refreshQuality(dataset);
      return report;
    } catch (e) {
      // Columns detection could not settle: ask, with the file's header to choose from.
      if (e instanceof IngestError && e.code === 'mapping') {
        // The columns as the engine read them (gzip, quoted separators, blank headers); else the first line's.
        const header = e.details.columns ? null : await firstLine(file);
        const columns = e.details.columns ?? (header ? headerCells(header).filter((c) => c !== '') : []);
        if (columns.length > 1) {
          // Asked again after a revise that failed: the form keeps what the user chose.
          const report = this.pendingSurvey?.file === file ? this.pendingSurvey.report : null;
          this.pendingSurvey = { file, columns, message: e.message, report };
          this.announcement = `${file.name} could not be read as a survey on its own: say which column is which.`;
          await this.updateComplete;
          this.surveyForm?.focus();
          return null;
        }
      }
      const detail = { message: e instanceof IngestError ? e.message : `${file.name}: ${(e as Error).message}`, code: e instanceof IngestError ? e.code : 'engine' } as RapportErrorDetail;
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
    this.pendingSurvey = { file, columns: report.columns, message: 'Change how the survey is read; it loads again with your choices.', report };
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
    this.announcement = `${file?.name ?? 'The survey'} was not read again.${this.surveyReport ? ' The survey loaded before is still shown.' : ''}`;
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
    try {
      const dataset = await this.getDataset();
      this.announcement = announcement ?? `Loading the customer list ${file.name}…`;
      const report = await dataset.loadCustomers({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      this.customersReport = report;
      const f = formats(this.locale);
      this.announcement = `Loaded the customer list ${file.name}: ${f.integer(report.rowsLoaded)} customers, ${f.integer(report.rowsRejected)} rows rejected.`;
      if (this.report && this.phase !== 'loading') await this.showAnalytics(dataset, this.report);
      return report;
    } catch (e) {
      if (this.phase === 'loading') {
        // An orders load is running: keep its progress and Cancel; say what went wrong with the list.
        this.error = { message: e instanceof IngestError ? e.message : `${file.name}: ${(e as Error).message}`, code: e instanceof IngestError ? e.code : 'engine' };
        return null;
      }
      this.fail({ message: e instanceof IngestError ? e.message : `${file.name}: ${(e as Error).message}`, code: e instanceof IngestError ? e.code : 'engine' });
      return null;
    }
  }

  private onMapping(e: CustomEvent<RapportMappingDetail>) {
    const pending = this.pending;
    if (!pending) return;
    void this.load(pending.input, { mapping: e.detail.mapping, dateOrder: e.detail.dateOrder, askWhenUnsure: false });
  }

  private onMappingCancel() {
    const file = this.pending?.file;
    this.pending = null;
    this.phase = this.report ? 'ready' : 'idle';
    this.announcement = `${file ?? 'The file'} was not loaded.${this.report ? ' The data loaded before is still shown.' : ''}`;
  }

  private renderAnalytics(a: Analytics) {
    const f = formats(this.locale);
    const o = a.overview;
    const cuts = (xs: number[]) => xs.map((x) => f.decimal(x)).join(', ');
    return html`<section aria-labelledby="segments-title">
        <h2 id="segments-title">Segments</h2>
        <p class="note">
          RFM as of ${o.analysisDate}, ${o.method} scores 1–${o.bins}. Cut points used: recency
          ${cuts(o.cutPoints.recency)} days; frequency ${cuts(o.cutPoints.frequency)} orders; monetary
          ${cuts(o.cutPoints.monetary)}. Choose a segment to list its customers.
        </p>
        <rapport-segments
          .summary=${o.summary}
          .cells=${o.grid}
          .bins=${o.bins}
          .selected=${this.segmentFilter || undefined}
          @rapport-segment-select=${this.onSegmentSelect}
          locale=${this.locale ?? nothing}
          currency=${this.currency ?? nothing}
        ></rapport-segments>
      </section>
      <section aria-labelledby="value-title">
        <h2 id="value-title">Who brings the value</h2>
        <rapport-pareto .pareto=${a.pareto} locale=${this.locale ?? nothing}></rapport-pareto>
      </section>
      <section aria-labelledby="migration-title">
        <h2 id="migration-title">How segments moved</h2>
        <rapport-migration .migration=${a.migration} locale=${this.locale ?? nothing}></rapport-migration>
      </section>`;
  }

  /** The ladder of loyalty, what feedback fed it, and a way to add feedback. */
  private renderLadder() {
    const l = this.ladder;
    return html`<section aria-labelledby="ladder-title" part="ladder-section">
      <h2 id="ladder-title">Ladder of loyalty</h2>
      <p class="note">
        ${l ? html`As of ${l.asOf}. ` : nothing}Choose a rung to list its customers, each with the reason for their place.
        <label class="file-button"
          >${this.feedbackReport ? 'Replace feedback…' : 'Add feedback…'}
          <input type="file" accept=".csv,.tsv,.txt,.json,.gz,.parquet,text/csv" @change=${this.pickFeedback} /></label
        >
      </p>
      ${this.feedbackReport ? this.renderFeedback(this.feedbackReport) : nothing}
      ${l && this.ladderMoves ? this.renderMoves(this.ladderMoves) : nothing}
      ${this.ladderError
        ? html`<p class="error" part="ladder-error" role="alert"><span>The ladder could not be computed: ${this.ladderError}</span></p>`
        : html`<rapport-ladder
            .ladder=${l}
            selected=${this.rungFilter || nothing}
            @rapport-rung-select=${this.onRungSelect}
            locale=${this.locale ?? nothing}
            currency=${this.currency ?? nothing}
          ></rapport-ladder>`}
    </section>`;
  }

  /** The moves since the comparison date, in one sentence. */
  private renderMoves(m: { from: string } & LadderComparison['summary']) {
    const f = formats(this.locale);
    return html`<p class="note" part="ladder-moves">
      Since ${m.from}: ${f.integer(m.climbed)} climbed, ${f.integer(m.slipped)} slipped, ${f.integer(m.lapsed)} lapsed,
      ${f.integer(m.returned)} came back, ${f.integer(m.new)} new.
    </p>`;
  }

  /** What the feedback file brought: loaded, rejected and why, and how many people it matched. */
  private renderFeedback(r: FeedbackLoadReport) {
    const f = formats(this.locale);
    const reasons = reasonsText(r.rejectedByReason, FEEDBACK_REJECT_REASON_TEXT, f);
    const first = r.rejectSamples[0];
    return html`<p class="note" part="feedback">
      Feedback ${r.file}: ${f.integer(r.rowsRead)} rows read, ${f.integer(r.rowsLoaded)} answers loaded from
      ${f.integer(r.customers)} people${r.rowsRejected
        ? html`, ${f.integer(r.rowsRejected)} rejected (${reasons}${first ? `; first on line ${first.line}` : ''})`
        : nothing}.
    </p>`;
  }

  /** Survey gaps and the promised-vs-delivered gap, what the survey file brought, and a way to add one. */
  private renderQuality() {
    const s = this.surveyReport;
    return html`<section aria-labelledby="quality-title" part="quality-section">
      <h2 id="quality-title">Service quality</h2>
      <p class="note">
        What customers expected against what they got: survey gaps per dimension (choose one to see its items)${this.delivery
          ? ', and delivery dates promised against kept'
          : ''}.
        <label class="file-button"
          >${s ? 'Replace survey…' : 'Add survey…'}
          <input type="file" accept=".csv,.tsv,.txt,.json,.gz,.parquet,text/csv" @change=${this.pickSurvey} /></label
        >
      </p>
      ${s ? this.renderSurvey(s) : this.pendingSurvey ? nothing : html`<p class="note">No survey loaded: add one with an expectation and a perception answer per item (one row per answer, or one row per respondent).</p>`}
      ${this.pendingSurvey
        ? html`<rapport-survey-form
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
    const f = formats(this.locale);
    const reasons = reasonsText(r.rejectedByReason, SURVEY_REJECT_REASON_TEXT, f);
    const first = r.rejectSamples.find((x) => x.reason in r.rejectedByReason);
    const importance = reasonsText(r.importanceRejectedByReason ?? {}, SURVEY_REJECT_REASON_TEXT, f);
    return html`<p class="note" part="survey">
      Survey ${r.file}: ${f.integer(r.respondents)} respondents, ${f.integer(r.answersLoaded)} answers loaded on a
      ${r.scale.min}–${r.scale.max} scale${r.answersRejected
        ? html`, ${f.integer(r.answersRejected)} rejected (${reasons}${first ? `; first on line ${first.line}${first.column ? `, column ${first.column}` : ''}` : ''})`
        : nothing}.${r.importanceRejected
        ? html` ${f.integer(r.importanceRejected)} importance values rejected (${importance}); their answers count without an importance.`
        : nothing}
      ${r.warnings.length ? html`<span class="warnings">${r.warnings.join(' ')}</span>` : nothing}
      <button type="button" class="link" @click=${this.reviseSurvey}>Change how it is read…</button>
    </p>`;
  }

  /** Complaints, suggestions and compliments by category, channel, segment and month. */
  private renderVoice(v: VoiceResult) {
    return html`<section aria-labelledby="voice-title" part="voice-section">
      <h2 id="voice-title">Complaints, suggestions and compliments</h2>
      <rapport-voice .voice=${v} locale=${this.locale ?? nothing} currency=${this.currency ?? nothing}></rapport-voice>
    </section>`;
  }

  /** What the customer list brought: loaded, rejected and why. */
  private renderCustomerList(r: CustomersLoadReport) {
    const f = formats(this.locale);
    const reasons = reasonsText(r.rejectedByReason, CUSTOMER_REJECT_REASON_TEXT, f);
    const first = r.rejectSamples[0];
    return html`<p class="note" part="customer-list">
      Customer list ${r.file}: ${f.integer(r.rowsRead)} rows read, ${f.integer(r.rowsLoaded)} customers loaded${r.rowsRejected
        ? html`, ${f.integer(r.rowsRejected)} rejected (${reasons}${first ? `; first on line ${first.line}` : ''})`
        : nothing}.
    </p>`;
  }

  /** Active / inactive / potential, with the window behind them. */
  private renderTypes(o: ScoreOverview) {
    const f = formats(this.locale);
    const t = o.typeCounts;
    return html`<p class="note">
      ${f.integer(t.active)} active, ${f.integer(t.inactive)} inactive (no purchase in the last ${f.integer(o.windowDays)}
      days${o.windowDerived ? ', a window derived from the usual time between purchases' : ''})${t.potential
        ? html`, ${f.integer(t.potential)} potential (listed, no purchase yet)`
        : nothing}.
    </p>`;
  }

  override render() {
    return html`<div class="stack">
        <rapport-drop-zone part="drop-zone" @rapport-files=${this.onFiles}></rapport-drop-zone>
        ${this.phase === 'loading'
          ? html`<div class="progress" part="progress">
              <span>${this.step}…</span>
              <progress max="1" .value=${this.fraction} aria-label=${`Loading ${this.loadingFile}`}></progress>
              <button @click=${() => this.cancel()}>Cancel</button>
            </div>`
          : nothing}
        ${this.error
          ? html`<p class="error" part="error" role="alert">
              <span>${this.error.message}${this.report ? ' The data loaded before is still shown.' : ''}</span>
              <button @click=${() => (this.error = null)} aria-label="Dismiss the message">×</button>
            </p>`
          : nothing}
        ${this.phase === 'needs-input' && this.pending
          ? html`<rapport-mapping-form
              .file=${this.pending.file}
              .profiles=${this.pending.profiles}
              .decision=${this.pending.decision}
              @rapport-mapping=${this.onMapping}
              @rapport-mapping-cancel=${this.onMappingCancel}
            ></rapport-mapping-form>`
          : nothing}
        <rapport-load-report .report=${this.report} locale=${this.locale ?? nothing}></rapport-load-report>
        <rapport-headline .headline=${this.headline} locale=${this.locale ?? nothing} currency=${this.currency ?? nothing}></rapport-headline>
        ${this.report
          ? html`<section aria-labelledby="customers-title">
              <h2 id="customers-title">Customers</h2>
              ${this.customersReport ? this.renderCustomerList(this.customersReport) : nothing}
              ${this.analytics ? this.renderTypes(this.analytics.overview) : nothing}
              <rapport-customer-table
                .rows=${this.rows}
                .segments=${this.analytics?.overview.summary.map((s) => s.segment) ?? []}
                .total=${this.listTotal}
                segment=${this.segmentFilter}
                type=${this.typeFilter}
                rung=${this.rungFilter}
                sort-key=${this.sortKey}
                sort-direction=${this.sortDirection}
                locale=${this.locale ?? nothing}
                currency=${this.currency ?? nothing}
                @rapport-sort=${this.onSort}
                @rapport-filter=${this.onFilter}
              ></rapport-customer-table>
            </section>`
          : nothing}
        ${this.analyticsError
          ? html`<p class="error" part="analytics-error" role="alert">
              <span>Segments could not be computed: ${this.analyticsError}</span>
            </p>`
          : nothing}
        ${this.report && (this.ladder || this.ladderError) ? this.renderLadder() : nothing}
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
