import { html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Table } from 'apache-arrow';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { Dataset, type CustomerRow, type Headline } from '../../data/dataset.js';
import { createBrowserEngine } from '../../data/engine/browser-engine.js';
import { EngineError, type Engine } from '../../data/engine/engine.js';
import type { IngestInput } from '../../data/ingest/ingest.js';
import { IngestError } from '../../data/ingest/ingest-error.js';
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
import type { RapportErrorDetail } from '../events.js';
import '../drop-zone/rapport-drop-zone.js';
import '../load-report/rapport-load-report.js';
import '../headline/rapport-headline.js';
import '../customer-table/rapport-customer-table.js';
import '../mapping-form/rapport-mapping-form.js';

type Phase = 'idle' | 'loading' | 'needs-input' | 'ready';

function isArrowTable(data: readonly Record<string, unknown>[] | Table): data is Table {
  return !Array.isArray(data) && typeof (data as Table).numRows === 'number';
}

/**
 * @summary The all-in-one page: drop or pick an order export (or point `src` at one), see
 * what was loaded and rejected and why, headline figures, and every customer.
 *
 * @event rapport-load - A dataset loaded: `{ report }`.
 * @event rapport-error - A load or the engine failed: `{ message, code }`; what was loaded before stays.
 * @event rapport-needs-input - Detection was unsure and the mapping form is shown.
 * @csspart drop-zone - The drop zone.
 * @csspart progress - The progress area.
 * @csspart error - The error message.
 * @cssproperty --rapport-dashboard-max-width - Widest the dashboard gets (default none).
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
  /** Use this engine instead of starting DuckDB-WASM (tests, a remote engine). */
  @property({ attribute: false }) engine?: Engine;

  @state() private phase: Phase = 'idle';
  @state() private step = '';
  @state() private fraction = 0;
  @state() private error: RapportErrorDetail | null = null;
  @state() private report: LoadReport | null = null;
  @state() private headline: Headline | null = null;
  @state() private rows: CustomerRow[] = [];
  @state() private sortKey: CustomerSortKey = 'total_spend';
  @state() private sortDirection: SortDirection = 'desc';
  @state() private pending: { input: IngestInput; file: string; profiles: ColumnProfile[]; decision: MappingDecision } | null = null;

  private datasetPromise?: Promise<Dataset>;
  private abort?: AbortController;

  /** The dataset behind the page, started on first use. */
  getDataset(): Promise<Dataset> {
    this.datasetPromise ??= (this.engine ? Promise.resolve(this.engine) : createBrowserEngine(this.duckdbBase ? { assetBase: this.duckdbBase } : {})).then(
      (engine) => new Dataset(engine),
    );
    return this.datasetPromise;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    // Invalid attribute values fall back to detection / the default rather than failing.
    if (changed.has('dateOrder') && this.dateOrder && !DATE_ORDERS.includes(this.dateOrder)) this.dateOrder = undefined;
    if (changed.has('decimal') && this.decimal && !DECIMAL_STYLES.includes(this.decimal)) this.decimal = undefined;
    if (changed.has('returnPolicy') && this.returnPolicy && !RETURN_POLICIES.includes(this.returnPolicy)) this.returnPolicy = undefined;
  }

  protected override updated(changed: PropertyValues<this>) {
    // A new src or data starts a load. Loading sets state, so it starts after this update
    // has finished rather than inside it.
    if (changed.has('src') && this.src) {
      const src = this.src;
      queueMicrotask(() => void this.loadUrl(src));
    }
    if (changed.has('data') && this.data) {
      const data = this.data;
      const input: IngestInput = isArrowTable(data) ? { name: 'data', table: data } : { name: 'data', records: data };
      queueMicrotask(() => void this.load(input));
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  async loadFile(file: File): Promise<LoadReport | null> {
    return this.load({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  }

  async loadUrl(url: string): Promise<LoadReport | null> {
    const name = decodeURIComponent(new URL(url, document.baseURI).pathname.split('/').pop() || url);
    this.phase = 'loading';
    this.step = `Downloading ${name}`;
    this.fraction = 0;
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url} answered ${res.status} ${res.statusText}`.trim());
      return await this.load({ name, bytes: new Uint8Array(await res.arrayBuffer()) });
    } catch (e) {
      this.fail({ message: `Could not download ${name}: ${(e as Error).message}`, code: 'unreadable' });
      return null;
    }
  }

  /** Stop the load in progress; the dataset loaded before stays. */
  cancel() {
    this.abort?.abort();
  }

  /** Load any input; resolves to the report, or null when it failed or needs the user's answer. */
  async load(input: IngestInput, extra: Partial<IngestOptions> = {}): Promise<LoadReport | null> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.error = null;
    this.pending = null;
    this.phase = 'loading';
    this.step = 'Starting the engine';
    this.fraction = 0;
    try {
      const dataset = await this.getDataset();
      const result = await dataset.load(input, {
        ...(this.mapping ? { mapping: this.mapping } : {}),
        ...(this.dateOrder ? { dateOrder: this.dateOrder } : {}),
        ...(this.decimal ? { decimal: this.decimal } : {}),
        ...(this.returnPolicy ? { returnPolicy: this.returnPolicy } : {}),
        askWhenUnsure: true,
        ...extra,
        signal: abort.signal,
        onProgress: (step, fraction) => {
          this.step = step;
          this.fraction = fraction;
        },
      });
      if (result.status === 'needs-input') {
        this.pending = { input, file: result.file, profiles: result.profiles, decision: result.decision };
        this.phase = 'needs-input';
        this.emit('rapport-needs-input', { file: result.file, decision: result.decision });
        return null;
      }
      this.report = result.report;
      await this.refresh(dataset);
      this.phase = 'ready';
      this.emit('rapport-load', { report: result.report });
      return result.report;
    } catch (e) {
      if (e instanceof EngineError && e.code === 'unavailable') {
        this.datasetPromise = undefined;
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
    this.error = detail;
    this.phase = this.report ? 'ready' : 'idle';
    if (detail.code !== 'cancelled') console.error(`[rapport] ${detail.message}`);
    this.emit('rapport-error', detail);
  }

  private async refresh(dataset: Dataset) {
    const [headline, rows] = await Promise.all([dataset.headline(), dataset.customers(this.sortKey, this.sortDirection)]);
    this.headline = headline;
    this.rows = rows;
  }

  private async onSort(e: CustomEvent<{ key: CustomerSortKey; direction: SortDirection }>) {
    this.sortKey = e.detail.key;
    this.sortDirection = e.detail.direction;
    const dataset = await this.getDataset();
    this.rows = await dataset.customers(this.sortKey, this.sortDirection);
  }

  private onMapping(e: CustomEvent<{ mapping: ColumnMapping; dateOrder: DateOrder }>) {
    const pending = this.pending;
    if (!pending) return;
    void this.load(pending.input, { mapping: e.detail.mapping, dateOrder: e.detail.dateOrder, askWhenUnsure: false });
  }

  private onMappingCancel() {
    this.pending = null;
    this.phase = this.report ? 'ready' : 'idle';
  }

  override render() {
    const loading = this.phase === 'loading';
    return html`<div class="stack">
      <rapport-drop-zone
        part="drop-zone"
        ?disabled=${loading}
        @rapport-files=${(e: CustomEvent<{ files: File[] }>) => void this.loadFile(e.detail.files[0]!)}
      ></rapport-drop-zone>
      ${loading
        ? html`<div class="progress" part="progress" role="status" aria-live="polite">
            <span>${this.step}…</span>
            <progress max="1" .value=${this.fraction} aria-label="Loading progress"></progress>
            <button @click=${() => this.cancel()}>Cancel</button>
          </div>`
        : nothing}
      ${this.error
        ? html`<p class="error" part="error" role="alert">
            <span>${this.error.message}${this.report && this.error.code !== 'cancelled' ? ' The data loaded before is still shown.' : ''}</span>
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
            <rapport-customer-table
              .rows=${this.rows}
              sort-key=${this.sortKey}
              sort-direction=${this.sortDirection}
              locale=${this.locale ?? nothing}
              currency=${this.currency ?? nothing}
              @rapport-sort=${this.onSort}
            ></rapport-customer-table>
          </section>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-dashboard': RapportDashboard;
  }
}
