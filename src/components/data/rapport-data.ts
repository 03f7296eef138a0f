import { html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import type { Table } from 'apache-arrow';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { Localized, intlLocale, translate, type MessageParams } from '../base/i18n.js';
import { messages } from './messages.js';
import { rapportDataContext, type RapportDataActions, type RapportDataState } from './context.js';
import type {
  RapportCellSelectDetail,
  RapportErrorDetail,
  RapportQualityGroupDetail,
  RapportFilterDetail,
  RapportMigrationSelectDetail,
  RapportRungSelectDetail,
  RapportSegmentSelectDetail,
  RapportSortDetail,
} from '../events.js';
import '../events.js';
import type { Dataset, CustomerQuery, CustomerRow, RfmRequest } from '../../data/dataset.js';
import { EngineError, type Engine } from '../../data/engine/engine.js';
import type { IngestInput } from '../../data/ingest/ingest.js';
import { IngestError } from '../../data/ingest/ingest-error.js';
import type { LoadReport } from '../../data/ingest/types.js';
import type { LadderResult } from '../../analytics/ladder.js';
import { isEmptySelection, selectionKey, type CustomerSelection, type SelectionInfo, type SelectionPart } from '../../analytics/selection.js';
import { togglePart, withPart } from '../../analytics/selection-edit.js';
import { DatasetSource, DownloadError, clvWorkerRunner, download, fileNameOf, ordersInput } from '../base/dataset-source.js';
import { errorText, noticeText } from '../base/notices/index.js';
import { clvCheckOption } from '../base/clv-options.js';
import type { ClvPeriod } from '../../analytics/clv/summary.js';

type MessageKey = keyof typeof messages.en;

/**
 * @summary The data behind the Rapport elements inside it: it starts the engine (DuckDB-WASM,
 * or the `engine` given), loads the order file at `src` (or `data`) with the optional customer
 * list, feedback and survey, runs the analytics, and shares the results with every Rapport
 * element inside it (Lit context), so a page lays out only the pieces it wants:
 * `<rapport-data src="orders.csv"><rapport-segments></rapport-segments><rapport-ladder></rapport-ladder></rapport-data>`.
 *
 * Cross-filtering: choosing a segment or an R-by-F cell (`<rapport-segments>`), a rung
 * (`<rapport-ladder>`), a migration cell (`<rapport-migration>`) or the customer table's
 * segment or rung filter selects those customers (the parts combine; the same choice again
 * removes its part); the headline, customer list, ladder, value curve, survey and delivery gaps,
 * voice and customer value by segment and rung then count the selection only. After each load it
 * also fits the customer-value model (BG/NBD and Gamma-Gamma, in a worker) and shares it with
 * `<rapport-clv>`; the customer table then shows P(alive), expected purchases and CLV. A selection that cannot be made is shown (role=alert) and the
 * one before stays. The element draws nothing of its own beyond its children (display:
 * contents), a polite live region saying what it is doing, and an error in place when a load fails.
 *
 * Loading: the customer list, the feedback and the survey first, then the orders (which trigger
 * the analytics); any of the `*-src` attributes or `data` changing loads everything again (a
 * `*-src` removed drops its table), an analysis option changing re-runs the analytics. A newer
 * load or selection always wins over an older one still running; a selection made during a load
 * or re-analysis waits for it and is then tried on the new figures (dropped if it no longer
 * exists). Events from inside a nested `<rapport-data>` or a `<rapport-dashboard>` are theirs,
 * not this one's. The quality gap's split (`rapport-quality-group`) is read again on request. An engine it started is closed when the element leaves the page for
 * good; one given through `engine` never is.
 * @event rapport-load - {report} The orders loaded and every figure is ready (also after `reload()`).
 * @event rapport-error - {message, code} A load failed (the message as shown in place, in the page's language); the figures before are gone. A load replaced by a newer one sends nothing.
 * @slot - The Rapport elements (and anything else) to lay out; every Rapport element inside, at any depth, gets the data.
 * @csspart status - The visually hidden live region (loading, loaded, what is selected).
 * @csspart error - Why the data could not be loaded (role=alert), shown before the slotted elements.
 * @csspart selection-error - Why the last selection could not be made (role=alert).
 * @cssproperty --rapport-data-error-color - Text of the error messages (default: `--rapport-color-danger`).
 * @cssproperty --rapport-data-error-background - Background of the error messages (default: `--rapport-color-danger-surface`).
 */
@customElement('rapport-data')
export class RapportData extends RapportElement {
  static override styles = [
    themeTokens,
    css`
      :host {
        display: contents;
      }
      .error {
        display: block;
        margin: 0 0 var(--_gap-small);
        padding: 0.7em 1em;
        border-radius: var(--_radius);
        color: var(--rapport-data-error-color, var(--_danger));
        background: var(--rapport-data-error-background, var(--_danger-surface));
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** URL of the order file to load (same origin, or CORS-enabled). */
  @property() src?: string;
  /** URL of an optional customer list (prospects included), loaded before the orders. */
  @property({ attribute: 'customers-src' }) customersSrc?: string;
  /** URL of optional feedback (NPS, reviews, complaints, suggestions...), loaded before the orders. */
  @property({ attribute: 'feedback-src' }) feedbackSrc?: string;
  /** URL of an optional SERVQUAL-style survey, loaded before the orders. */
  @property({ attribute: 'survey-src' }) surveySrc?: string;
  /** Folder holding the DuckDB files (`duckdb-eh.wasm`, `duckdb-browser-eh.worker.js`); default: `duckdb/` beside the module. */
  @property({ attribute: 'duckdb-base' }) duckdbBase?: string;
  /** ISO 4217 code of the amounts, passed to the elements inside that have no `currency` of their own. */
  @property() currency?: string;
  /** RFM scores run 1..bins (default 5). */
  @property({ type: Number, attribute: 'rfm-bins' }) rfmBins?: number;
  /** Segment rules: a preset name, or the rules as JSON (default: the standard preset). */
  @property({ attribute: 'segment-rules' }) segmentRules?: string | readonly unknown[];
  /** Date of the analysis, ISO `YYYY-MM-DD` (default: the day after the last order). */
  @property({ attribute: 'analysis-date' }) analysisDate?: string;
  /** Time unit of the customer-value model: `day` (default) or `week` (ages in 7-day weeks). */
  @property({ attribute: 'clv-period' }) clvPeriod?: ClvPeriod;
  /** Fit the customer-value model on the orders up to this ISO date and check it against the ones after (the holdout). */
  @property({ attribute: 'clv-calibration-end' }) clvCalibrationEnd?: string;
  /**
   * Without `clv-calibration-end`: months held out at the end of the orders to check the model
   * (a second model fitted on the orders before them predicts them; default 6, 0 turns the check
   * off). The published model and its predictions are fitted on every order either way.
   */
  @property({ type: Number, attribute: 'clv-check-months' }) clvCheckMonths?: number;
  /** Orders as records or an Arrow table, instead of `src` (when both are set, `data` is used). */
  @property({ attribute: false }) data?: readonly Record<string, unknown>[] | Table;
  /** An engine to use instead of starting DuckDB-WASM; the element never closes an engine given here. */
  @property({ attribute: false }) engine?: Engine;

  /** What the live region says. */
  @state() private announcement = '';

  private readonly actions: RapportDataActions = {
    select: (part) => this.selectPart(part),
    clearSelection: () => this.clearSelection(),
    sortCustomers: (key, direction) => this.sortCustomers(key, direction),
    filterCustomers: (filter) => this.filterCustomers(filter),
  };

  private _state: RapportDataState = this.emptyState();
  private readonly provider = new ContextProvider(this, { context: rapportDataContext, initialValue: this._state });
  private msg = new Localized(this, messages);

  /** The dataset over the engine in use (a new `engine` gets a new dataset; one it started is closed on release). */
  private readonly datasets = new DatasetSource(() => ({ engine: this.engine, duckdbBase: this.duckdbBase }));
  /** Each load's number: only the latest may change the state. */
  private loadRun = 0;
  /** Each selection's (and each re-read of the figures') number: only the latest may change them. */
  private selectionRun = 0;
  /** Each re-analysis' number: only the latest may publish (apart from selections, which wait for it). */
  private reanalyseRun = 0;
  /** The load or re-analysis running (its token), during which selections wait; 0 when none. */
  private busy = 0;
  private busyToken = 0;
  /** The latest selection asked for while a load or re-analysis ran, applied once it published. */
  private queued?: { selection: CustomerSelection; done: Promise<void>; resolve: () => void };
  /** The selection whose figures were last published (what a failed selection goes back to). */
  private confirmed: CustomerSelection = {};
  /** The quality gap's split, chosen in `<rapport-quality-gap>` (null: all respondents). */
  private qualityBy: string | null = null;
  private abort?: AbortController;
  /** The customer-value fit running in its worker, stopped when a newer one starts or the element leaves. */
  private clvFit?: AbortController;
  /** Set when a removal closed the engine: a reconnection loads again. */
  private shutDown = false;

  /** The state shared with the elements inside (a new object on every change). */
  get state(): RapportDataState {
    return this._state;
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return translate(messages, this.msg.lang, key, params, intlLocale(this.msg.tag));
  }

  /** Why something failed, in the reader's language when the error carries a notice (the loader's and the analytics' do). */
  private sayError(error: unknown): string {
    return errorText(error, this.msg.lang, intlLocale(this.msg.tag));
  }

  private emptyState(): RapportDataState {
    return {
      status: 'idle',
      error: null,
      selectionError: null,
      report: null,
      customersReport: null,
      feedbackReport: null,
      surveyReport: null,
      headline: null,
      headlineSelected: false,
      overview: null,
      pareto: null,
      migration: null,
      cohorts: null,
      clv: null,
      clvGroups: null,
      clvGroupsEveryone: null,
      ladder: null,
      qualityGap: null,
      qualitySplitError: null,
      deliveryGap: null,
      voice: null,
      customers: [],
      customersTotal: null,
      segments: [],
      sort: { key: 'total_spend', direction: 'desc' },
      typeFilter: '',
      selection: {},
      selectionInfo: null,
      currency: this.currency ?? null,
      actions: this.actions,
    };
  }

  /** Publish a new state object: every consumer inside gets it. */
  private publish(patch: Partial<RapportDataState>) {
    this._state = { ...this._state, ...patch };
    this.provider.setValue(this._state);
    this.requestUpdate();
  }

  override connectedCallback() {
    super.connectedCallback();
    if (this.shutDown) {
      this.shutDown = false;
      queueMicrotask(() => void this.reload());
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    // Moving the element disconnects and reconnects it within one task: only a removal that outlasts it releases the engine.
    setTimeout(() => {
      if (!this.isConnected) this.release();
    }, 0);
  }

  protected override updated(changed: PropertyValues<this>) {
    const sources = (['src', 'customersSrc', 'feedbackSrc', 'surveySrc', 'data', 'engine', 'duckdbBase'] as const).some((k) => changed.has(k));
    const options = (['rfmBins', 'segmentRules', 'analysisDate', 'clvPeriod', 'clvCalibrationEnd', 'clvCheckMonths'] as const).some((k) => changed.has(k));
    // State changes start after this update (publishing re-renders).
    if (sources) queueMicrotask(() => void this.reload());
    else if (options && this._state.report) queueMicrotask(() => void this.reanalyse());
    if (changed.has('currency')) queueMicrotask(() => this.publish({ currency: this.currency ?? null }));
  }

  /** The dataset over `engine`, or over a DuckDB-WASM engine started on first use. */
  private getDataset(): Promise<Dataset> {
    return this.datasets.get();
  }

  /** The element left the page for good: stop the load, close the engine it started, start afresh if it comes back. */
  private release() {
    this.loadRun++;
    this.selectionRun++;
    this.reanalyseRun++;
    this.endBusy(0, false);
    this.confirmed = {};
    this.abort?.abort();
    this.abort = undefined;
    this.clvFit?.abort();
    this.clvFit = undefined;
    this.datasets.release();
    this.shutDown = true;
    this._state = this.emptyState();
    this.provider.setValue(this._state);
    this.announcement = '';
  }

  /** Download one file as bytes; the error names the URL and the server's answer. */
  private async download(url: string, signal: AbortSignal): Promise<{ name: string; bytes: Uint8Array }> {
    try {
      return await download(url, signal);
    } catch (e) {
      if (!(e instanceof DownloadError)) throw e;
      const message = e.status ? this.t('error.http', { status: e.status }) : ((e.cause as Error | undefined)?.message ?? e.message);
      throw new LoadFailure(this.t('error.download', { url, message }), 'unreadable');
    }
  }

  /**
   * Load every source again (customers, feedback, survey, then orders) and run the analytics.
   * Resolves once the state is published (or when a newer load took over).
   */
  async reload(): Promise<void> {
    const run = ++this.loadRun;
    this.selectionRun++;
    this.reanalyseRun++;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const current = () => run === this.loadRun;
    const data = this.data;
    const src = this.src;
    if (!data && !src) {
      this.endBusy(0, false);
      this.confirmed = {};
      this.publish({ ...this.emptyState() });
      return;
    }
    const token = this.startBusy();
    const file = data ? 'data' : fileNameOf(src!);
    this.publish({ status: 'loading', error: null, selectionError: null });
    this.announcement = this.t('live.loading', { file });
    let step = file;
    try {
      const dataset = await this.getDataset();
      if (!current()) return;
      const extra: Partial<RapportDataState> = { customersReport: null, feedbackReport: null, surveyReport: null };
      // The optional tables first, as the orders' load runs the scoring and the ladder over them.
      // A source no longer given is dropped, so its old table does not linger in the figures.
      if (this.customersSrc) {
        step = this.customersSrc;
        const input = await this.download(this.customersSrc, abort.signal);
        step = input.name;
        extra.customersReport = await dataset.loadCustomers(input);
      } else await dataset.unloadCustomers();
      if (this.feedbackSrc) {
        step = this.feedbackSrc;
        const input = await this.download(this.feedbackSrc, abort.signal);
        step = input.name;
        extra.feedbackReport = await dataset.loadFeedback(input);
      } else await dataset.unloadFeedback();
      if (this.surveySrc) {
        step = this.surveySrc;
        const input = await this.download(this.surveySrc, abort.signal);
        step = input.name;
        extra.surveyReport = await dataset.loadSurvey(input);
      } else await dataset.unloadSurvey();
      if (!current()) return;
      step = file;
      const input: IngestInput = data ? ordersInput(data) : await this.download(src!, abort.signal);
      const result = await dataset.load(input, { signal: abort.signal });
      if (!current()) return;
      if (result.status !== 'loaded') {
        // Detection was unsure (only with askWhenUnsure, which the provider does not set): say what it asked.
        const question = result.decision.questionNotices?.[0] ?? result.decision.questions[0] ?? result.status;
        throw new LoadFailure(this.t('error.load', { file, message: noticeText(question, this.msg.lang, intlLocale(this.msg.tag)) }), 'mapping');
      }
      // New data, new split options: the quality gap shows all respondents again.
      this.qualityBy = null;
      await dataset.select(null);
      const figures = await this.analyse(dataset, result.report, {});
      if (!current()) return;
      this.confirmed = {};
      this.publish({ ...extra, ...figures, status: 'ready', error: null, selectionError: null, report: result.report, selection: {}, selectionInfo: null });
      this.announcement = this.t('live.ready', { file, customers: this.t('n.customers', { n: figures.customersTotal ?? 0 }) });
      this.emit('rapport-load', { report: result.report });
      this.endBusy(token, true);
    } catch (e) {
      if (!current()) return;
      const unavailable = e instanceof EngineError && e.code === 'unavailable';
      const message = e instanceof LoadFailure || unavailable ? e.message : this.t('error.load', { file: step, message: this.sayError(e) });
      const code: RapportErrorDetail['code'] =
        e instanceof LoadFailure ? e.code : unavailable ? 'engine-unavailable' : e instanceof IngestError ? e.code : 'engine';
      this.publish({ status: 'error', error: message, selectionError: null });
      this.announcement = this.t('live.failed');
      console.error(`[rapport] ${message}`);
      this.emit('rapport-error', { message, code });
      this.endBusy(token, false);
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
  }

  /** The scoring request the attributes describe. */
  private rfmRequest(): RfmRequest {
    const rules = this.segmentRules;
    return {
      ...(this.rfmBins !== undefined && Number.isFinite(this.rfmBins) ? { bins: this.rfmBins } : {}),
      ...(Array.isArray(rules) || (typeof rules === 'string' && rules.trim()) ? { segments: rules as string | readonly unknown[] } : {}),
      ...(this.analysisDate ? { analysisDate: this.analysisDate } : {}),
    };
  }

  /**
   * Everyone's scoring, migration and cohorts, then the figures that count the selection
   * (see `selectedFigures`). A part that fails is left out (null) and named in `error`, so bad
   * segment rules do not hide the rest.
   */
  private async analyse(dataset: Dataset, report: LoadReport, selection: CustomerSelection): Promise<Partial<RapportDataState>> {
    const problems: string[] = [];
    const failed = (e: unknown) => {
      problems.push(this.sayError(e));
      return null;
    };
    const request = this.rfmRequest();
    const { analysisDate, ...scoring } = request;
    const overview = await dataset.scoreOverview(request).catch(failed);
    const migration = overview ? await dataset.migration({ ...scoring, ...(analysisDate ? { to: analysisDate } : {}) }).catch(failed) : null;
    const cohorts = await dataset.cohorts(analysisDate ? { end: analysisDate } : {}).catch(failed);
    // Before the figures of the selection: the customer list and the value by segment and rung read its predictions.
    const clv = await dataset
      .clvModel(
        {
          ...(this.clvPeriod === 'day' || this.clvPeriod === 'week' ? { period: this.clvPeriod } : {}),
          ...(this.clvCalibrationEnd
            ? { calibrationEnd: this.clvCalibrationEnd }
            : { ...(analysisDate ? { observationEnd: analysisDate } : {}), ...clvCheckOption(this.clvCheckMonths) }),
        },
        clvWorkerRunner({ signal: this.startClvFit() }),
      )
      .catch(failed);
    const figures = await this.selectedFigures(dataset, report, selection);
    // The whole list's length (prospects included, as the table lists them), as the dashboard counts it.
    const everyone = await dataset.customers({});
    return {
      ...figures,
      overview,
      migration,
      cohorts,
      clv,
      segments: overview?.summary.map((s) => s.segment) ?? [],
      customersTotal: everyone.length,
      ...(problems.length ? { error: this.t('error.analytics', { message: problems.join('; ') }) } : {}),
    };
  }

  /** A new fit of the customer-value model starts: the one still running (for older data or options) is stopped. */
  private startClvFit(): AbortSignal {
    this.clvFit?.abort();
    this.clvFit = new AbortController();
    return this.clvFit.signal;
  }

  /** The ladder request the attributes describe. */
  private ladderRequest() {
    return this.analysisDate ? { asOf: this.analysisDate } : {};
  }

  /** The survey gap of the selected respondents, split as the quality-gap element asked (all respondents if that split is gone). */
  private async readQuality(dataset: Dataset): Promise<Pick<RapportDataState, 'qualityGap' | 'qualitySplitError'>> {
    const by = this.qualityBy;
    const all = () => dataset.qualityGap({ selected: true }).catch(() => null);
    if (!by) return { qualityGap: await all(), qualitySplitError: null };
    try {
      return { qualityGap: await dataset.qualityGap({ by, selected: true }), qualitySplitError: null };
    } catch (e) {
      // The split cannot be made (a new survey without that attribute): all respondents, and why.
      return { qualityGap: await all(), qualitySplitError: e };
    }
  }

  /**
   * What counts the selection in force in the dataset (everyone's when none): the headline,
   * the customer list, the ladder, the value curve, the survey and delivery gaps and the voice. A selected
   * rung is left out of the ladder's own counts, so the ladder keeps every rung of the rest of
   * the selection, with the chosen one marked. The customer list is read with the sort and
   * type filter in force when it is read (a newer one is caught by `withLatestCustomers`).
   */
  private async selectedFigures(
    dataset: Dataset,
    report: LoadReport,
    selection: CustomerSelection,
    { selectionOnly = false }: { selectionOnly?: boolean } = {},
  ): Promise<Partial<RapportDataState>> {
    const selecting = !isEmptySelection(selection);
    const paretoOptions = { ...(this.analysisDate ? { analysisDate: this.analysisDate } : {}), selected: true };
    // Margin when the data has some, else net revenue (as the dashboard does).
    const pareto = await (report.mapping.margin ? dataset.pareto({ ...paretoOptions, by: 'margin' }).catch(() => dataset.pareto(paretoOptions)) : dataset.pareto(paretoOptions)).catch(
      () => null,
    );
    // A rung selected: the ladder counts the rest of the selection, leaving the one in force untouched.
    const ladder: LadderResult | null = await dataset
      .ladder({ ...this.ladderRequest(), selected: true, ...(selection.rung !== undefined ? { ignore: ['rung'] as const } : {}) })
      .catch(() => null);
    // After the ladder: the rows carry its rungs.
    const headline = await dataset.headline({ selected: true });
    const customers = await dataset.customers(this.customerQuery(selection, this._state));
    const quality = await this.readQuality(dataset);
    const voice = await dataset.voice({ recent: 8, selected: true }).catch(() => null);
    const deliveryGap = await dataset.deliveryGap({ selected: true }).catch(() => null);
    const clvGroups = await dataset.clvGroups({ selected: true }).catch(() => null);
    // Everyone's too, set beside the selection's: read again after an analysis (the scoring, ladder
    // or model may have changed them); when only the selection changed, the ones published stay
    // (a selection run is dropped if an analysis starts meanwhile).
    const clvGroupsEveryone = !selecting ? clvGroups : selectionOnly ? this._state.clvGroupsEveryone : await dataset.clvGroups().catch(() => null);
    return { headline, headlineSelected: selecting, customers, pareto, ladder, ...quality, voice, deliveryGap, clvGroups, clvGroupsEveryone };
  }

  /** Read the customer list again while the sort or type filter changed since `customers` was read. */
  private async withLatestCustomers(dataset: Dataset, selection: CustomerSelection, read: CustomerQuery, customers: CustomerRow[], current: () => boolean): Promise<CustomerRow[]> {
    let query = read;
    while (current()) {
      const latest = this.customerQuery(selection, this._state);
      if (JSON.stringify(latest) === JSON.stringify(query)) break;
      query = latest;
      customers = await dataset.customers(query);
    }
    return customers;
  }

  private customerQuery(selection: CustomerSelection, list: Pick<RapportDataState, 'sort' | 'typeFilter'>): CustomerQuery {
    return {
      sort: list.sort.key,
      direction: list.sort.direction,
      filter: list.typeFilter ? { type: list.typeFilter } : {},
      selected: true,
      // A rung selected: each row says why the customer is there.
      ...(selection.rung ? { reasons: true } : {}),
    };
  }

  /** A load or re-analysis starts: selections asked for meanwhile wait for it. */
  private startBusy(): number {
    this.busy = ++this.busyToken;
    return this.busy;
  }

  /**
   * The load or re-analysis `token` ended (0: whatever runs): the selection asked for meanwhile
   * is applied when `apply` (it published new figures), else dropped. A newer run keeps waiting.
   */
  private endBusy(token: number, apply: boolean) {
    if (token !== 0 && token !== this.busy) return;
    this.busy = 0;
    const queued = this.queued;
    this.queued = undefined;
    if (!queued) return;
    if (!apply) {
      queued.resolve();
      return;
    }
    void this.runSelection(queued.selection, true).finally(queued.resolve);
  }

  /**
   * An analysis option changed: score again. The selection starts afresh (its segments, cells
   * or rungs may not exist in the new scoring); one asked for meanwhile is tried on the new scoring.
   */
  private async reanalyse(): Promise<void> {
    const run = this.loadRun;
    const own = ++this.reanalyseRun;
    // A selection still being read belongs to the old scoring.
    this.selectionRun++;
    const report = this._state.report;
    if (!report) return;
    const current = () => run === this.loadRun && own === this.reanalyseRun;
    const token = this.startBusy();
    this.publish({ status: 'loading', selection: {}, selectionInfo: null, selectionError: null });
    try {
      const dataset = await this.getDataset();
      await dataset.select(null);
      const figures = await this.analyse(dataset, report, {});
      if (!current()) return;
      this.confirmed = {};
      this.publish({ ...figures, status: 'ready', error: figures.error ?? null, selection: {}, selectionInfo: null, selectionError: null });
      this.endBusy(token, true);
    } catch (e) {
      if (!current()) return;
      this.publish({ status: 'ready', error: this.t('error.analytics', { message: this.sayError(e) }), selectionError: null });
      this.endBusy(token, true);
    }
  }

  /**
   * Select customers (the parts given; none: everyone again) and read again what counts the
   * selection. The selection shows at once; one the dataset refuses brings the last confirmed
   * one back and says why. Only the latest selection may change the state. While a load or
   * re-analysis runs, the latest selection asked for waits and is tried once it is done (one
   * the new data cannot make is dropped silently).
   */
  applySelection(next: CustomerSelection): Promise<void> {
    if (this.busy) {
      if (this.queued) this.queued.selection = next;
      else {
        let resolve!: () => void;
        const done = new Promise<void>((r) => (resolve = r));
        this.queued = { selection: next, done, resolve };
      }
      return this.queued.done;
    }
    return this.runSelection(next, false);
  }

  private async runSelection(next: CustomerSelection, quiet: boolean): Promise<void> {
    const report = this._state.report;
    if (!report || !this.datasets.started) return;
    const run = ++this.selectionRun;
    const loadRun = this.loadRun;
    const current = () => run === this.selectionRun && loadRun === this.loadRun;
    this.publish({ selection: next, selectionError: null });
    let dataset: Dataset;
    let info: SelectionInfo | null;
    try {
      dataset = await this.getDataset();
      // A load or re-analysis started meanwhile owns the dataset's selection.
      if (!current()) return;
      info = await dataset.select(isEmptySelection(next) ? null : next);
    } catch (e) {
      if (!current()) return;
      await this.restoreConfirmed(quiet ? null : this.t('selection.failed', { message: this.sayError(e) }), current);
      return;
    }
    if (!current()) return;
    const selection = info?.selection ?? {};
    try {
      const next = await this.selectedState(dataset, report, info, current);
      if (!next) return;
      this.publish(next);
      const count = this.t('n.customers', { n: next.customers.length });
      this.announcement = isEmptySelection(selection) ? this.t('live.everyone', { customers: count }) : this.t('live.selected', { customers: count });
    } catch (e) {
      if (current()) this.publish({ selection, selectionInfo: info, selectionError: this.t('selection.failed', { message: this.sayError(e) }) });
    }
  }

  /**
   * The figures, customer list and selection to publish for the selection `info` in force (null
   * when a newer action took over meanwhile); that selection becomes the confirmed one.
   */
  private async selectedState(dataset: Dataset, report: LoadReport, info: SelectionInfo | null, current: () => boolean) {
    const selection = info?.selection ?? {};
    const read = this.customerQuery(selection, this._state);
    const figures = await this.selectedFigures(dataset, report, selection, { selectionOnly: true });
    const customers = await this.withLatestCustomers(dataset, selection, read, figures.customers ?? [], current);
    if (!current()) return null;
    this.confirmed = selection;
    return { ...figures, customers, selection, selectionInfo: info };
  }

  /**
   * A selection failed: show the last confirmed one again, with the figures of the selection
   * the dataset holds in force (a refused selection leaves the one before in force).
   */
  private async restoreConfirmed(message: string | null, current: () => boolean) {
    this.publish({ selection: this.confirmed, selectionError: message });
    const report = this._state.report;
    if (!report) return;
    try {
      const dataset = await this.getDataset();
      const next = await this.selectedState(dataset, report, dataset.selection, current);
      if (next) this.publish(next);
    } catch {
      // The message already says the selection failed; the figures shown stay.
    }
  }

  /** The selection a toggle starts from: the one waiting for a load, else the one shown. */
  private get latestSelection(): CustomerSelection {
    return this.queued?.selection ?? this._state.selection;
  }

  /** Toggle one part of the selection: the same value again removes it. */
  selectPart(part: SelectionPart): Promise<void> {
    return this.applySelection(togglePart(this.latestSelection, part));
  }

  /** Select nobody in particular: every element shows everyone's figures again. */
  clearSelection(): Promise<void> {
    return this.applySelection({});
  }

  /** Re-read the customer list in another order. */
  private async sortCustomers(key: RapportSortDetail['key'], direction: RapportSortDetail['direction']): Promise<void> {
    this.publish({ sort: { key, direction } });
    await this.rereadCustomers();
  }

  /** The customer table's filters: segment and rung are the selection's, type narrows the list only. */
  private async filterCustomers(filter: RapportFilterDetail): Promise<void> {
    const sel = this.latestSelection;
    const next = withPart(withPart(sel, 'segment', filter.segment ?? undefined), 'rung', filter.rung ?? undefined);
    this.publish({ typeFilter: filter.type ?? '' });
    if (selectionKey(next) !== selectionKey(sel)) await this.applySelection(next);
    else await this.rereadCustomers();
  }

  private async rereadCustomers(): Promise<void> {
    if (!this._state.report || !this.datasets.started || this.busy) return;
    const run = this.selectionRun;
    const loadRun = this.loadRun;
    const query = this.customerQuery(this._state.selection, this._state);
    try {
      const customers = await (await this.getDataset()).customers(query);
      if (run === this.selectionRun && loadRun === this.loadRun && JSON.stringify(query) === JSON.stringify(this.customerQuery(this._state.selection, this._state))) {
        this.publish({ customers });
      }
    } catch (e) {
      this.publish({ selectionError: this.t('selection.failed', { message: this.sayError(e) }) });
    }
  }

  /** The quality-gap element asked for another split: read the gap of the selection again, split so. */
  private async groupQuality(by: string | null): Promise<void> {
    this.qualityBy = by;
    if (!this._state.report || !this.datasets.started || this.busy) return;
    const run = this.selectionRun;
    const loadRun = this.loadRun;
    const quality = await this.readQuality(await this.getDataset());
    if (run === this.selectionRun && loadRun === this.loadRun && by === this.qualityBy) this.publish(quality);
  }

  /**
   * Whether an event is for this provider: not when a `<rapport-dashboard>` or another
   * `<rapport-data>` nearer its origin holds the element that sent it (that one acts on it).
   */
  private owns(e: Event): boolean {
    const path = e.composedPath();
    const here = path.indexOf(this);
    for (let i = 0; i < here; i++) {
      const node = path[i];
      if (node instanceof RapportData || (node instanceof Element && node.localName === 'rapport-dashboard')) return false;
    }
    return true;
  }

  private onSegmentSelect = (e: CustomEvent<RapportSegmentSelectDetail>) => {
    if (this.owns(e)) void this.selectPart({ kind: 'segment', segment: e.detail.segment });
  };
  private onCellSelect = (e: CustomEvent<RapportCellSelectDetail>) => {
    if (this.owns(e)) void this.selectPart({ kind: 'cell', r: e.detail.r, f: e.detail.f });
  };
  /** The ladder toggles itself: its detail is the rung now chosen, or null. */
  private onRungSelect = (e: CustomEvent<RapportRungSelectDetail>) => {
    if (this.owns(e)) void this.applySelection(withPart(this.latestSelection, 'rung', e.detail.rung ?? undefined));
  };
  private onMigrationSelect = (e: CustomEvent<RapportMigrationSelectDetail>) => {
    if (this.owns(e)) void this.selectPart({ kind: 'migration', from: e.detail.from, to: e.detail.to });
  };
  private onSort = (e: CustomEvent<RapportSortDetail>) => {
    if (this.owns(e)) void this.sortCustomers(e.detail.key, e.detail.direction);
  };
  private onFilter = (e: CustomEvent<RapportFilterDetail>) => {
    if (this.owns(e)) void this.filterCustomers(e.detail);
  };
  private onQualityGroup = (e: CustomEvent<RapportQualityGroupDetail>) => {
    if (this.owns(e)) void this.groupQuality(e.detail.by);
  };

  constructor() {
    super();
    // Bubbling, composed events of the elements inside; they go on bubbling for the page.
    this.addEventListener('rapport-segment-select', this.onSegmentSelect);
    this.addEventListener('rapport-cell-select', this.onCellSelect);
    this.addEventListener('rapport-rung-select', this.onRungSelect);
    this.addEventListener('rapport-migration-select', this.onMigrationSelect);
    this.addEventListener('rapport-sort', this.onSort);
    this.addEventListener('rapport-filter', this.onFilter);
    this.addEventListener('rapport-quality-group', this.onQualityGroup);
  }

  override render() {
    const { error, selectionError } = this._state;
    return html`${error ? html`<p class="error" part="error" role="alert">${error}</p>` : nothing}
      ${selectionError ? html`<p class="error" part="selection-error" role="alert">${selectionError}</p>` : nothing}
      <slot></slot>
      <div class="visually-hidden" part="status" role="status" aria-live="polite">${this.announcement}</div>`;
  }
}

/** A failure already worded for the reader (download and load errors). */
class LoadFailure extends Error {
  override readonly name = 'LoadFailure';
  constructor(
    message: string,
    readonly code: RapportErrorDetail['code'],
  ) {
    super(message);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-data': RapportData;
  }
}
