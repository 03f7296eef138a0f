import { html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '@lit-labs/virtualizer';
import { toCsv } from '../../analytics/csv.js';
import { LADDER_PLACES, LADDER_RUNGS, LAPSED, RUNG_LABELS, type LadderPlace } from '../../analytics/ladder.js';
import { RapportElement } from '../base/rapport-element.js';
import { styleProps } from '../base/style-props.js';
import { themeTokens } from '../base/theme.js';
import { formats, type Formats } from '../format.js';
import type { CustomerRow } from '../../data/dataset.js';
import type { CustomerSortKey, SortDirection } from '../../data/dataset.js';
import type { RapportFilterDetail } from '../events.js';
import '../events.js';

type CustomerType = NonNullable<RapportFilterDetail['type']>;
const TYPES: readonly CustomerType[] = ['active', 'inactive', 'potential'];
const TYPE_LABEL: Record<CustomerType, string> = { active: 'Active', inactive: 'Inactive', potential: 'Potential' };

interface ColumnBase {
  label: string;
  /** Full name for assistive technology when the label is short (R, F, M). */
  title?: string;
  numeric: boolean;
  /** Shown only once the rows carry it: a scoring, a place on the ladder, or ladder reasons. */
  needs?: 'scoring' | 'ladder' | 'reasons';
  /** The first click sorts this way (default: numbers descending, text ascending). */
  firstDirection?: SortDirection;
  /** Long text that wraps onto more lines instead of being cut. */
  wrap?: boolean;
  width: string;
}

/** A sortable column (its header is a button), or the reason column (plain text, not sortable). */
type Column = ColumnBase & ({ key: CustomerSortKey; sortable?: true } | { key: 'reason'; sortable: false });

const COLUMNS: readonly Column[] = [
  { key: 'customer_id', label: 'Customer', numeric: false, width: 'minmax(8.5rem, 1.4fr)' },
  // Rung and why right after the customer: in a rung's drill-down they are the point. Rung sorts
  // descending first: partner at the top, lapsed at the bottom, as the ladder is drawn.
  { key: 'rung', label: 'Rung', numeric: false, needs: 'ladder', firstDirection: 'desc', width: 'minmax(6.5rem, 0.9fr)' },
  { key: 'reason', label: 'Why', title: 'Why on this rung', numeric: false, needs: 'reasons', sortable: false, wrap: true, width: 'minmax(18rem, 3fr)' },
  { key: 'first_order', label: 'First order', numeric: false, width: 'minmax(7.8rem, 1fr)' },
  { key: 'last_order', label: 'Last order', numeric: false, width: 'minmax(7.8rem, 1fr)' },
  { key: 'orders', label: 'Orders', numeric: true, width: 'minmax(5.6rem, 0.7fr)' },
  { key: 'total_spend', label: 'Total spend', numeric: true, width: 'minmax(9.5rem, 1fr)' },
  { key: 'r_score', label: 'R', title: 'Recency score', numeric: true, needs: 'scoring', width: '2.6rem' },
  { key: 'f_score', label: 'F', title: 'Frequency score', numeric: true, needs: 'scoring', width: '2.6rem' },
  { key: 'm_score', label: 'M', title: 'Monetary score', numeric: true, needs: 'scoring', width: '2.6rem' },
  { key: 'segment', label: 'Segment', numeric: false, needs: 'scoring', width: 'minmax(9rem, 1.3fr)' },
  { key: 'type', label: 'Type', numeric: false, needs: 'scoring', width: 'minmax(5.5rem, 0.8fr)' },
];

/** CSV columns of the download, in this order (score columns only once scored). */
const CSV_COLUMNS = ['customer_id', 'first_order', 'last_order', 'orders', 'total_spend'] as const satisfies readonly (keyof CustomerRow)[];
const CSV_SCORED_COLUMNS = ['recency_days', 'r_score', 'f_score', 'm_score', 'segment', 'type'] as const satisfies readonly (keyof CustomerRow)[];

/** Sort rank of a place, as the SQL sorts it: lapsed -1 (below prospect), then prospect 0 .. partner 5. */
const rungRank = (place: LadderPlace): number => (place === LAPSED ? -1 : LADDER_RUNGS.indexOf(place));

/** The least width of a row, in rem: the sum of the columns' least widths (`minmax(8rem, ...)` or `2.6rem`). */
function minWidth(columns: readonly { width: string }[]): number {
  return columns.reduce((sum, c) => sum + Number(/([0-9.]+)rem/.exec(c.width)?.[1] ?? 0), 0);
}

const compare = (x: unknown, y: unknown): number => {
  // Blanks last, whatever the direction is applied on top (the caller flips only real values).
  if (x === y) return 0;
  if (x === null || x === undefined) return 1;
  if (y === null || y === undefined) return -1;
  return (x as number | string) < (y as number | string) ? -1 : 1;
};

/** A file name fragment from a segment name: "Can't Lose Them" -> "cant-lose-them". */
const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'segment';

/**
 * @summary One row per customer, sortable by any column, virtualised so 100,000 customers
 * scroll smoothly (only the rows in view are in the DOM). Once rows carry a scoring, R, F and M
 * scores, segment and type columns appear, with filters by segment and by type. Once rows carry
 * a place on the ladder of loyalty, a Rung column (sortable: partner ... prospect, then lapsed)
 * and a rung filter appear; rows that carry a reason add a wrapping "Why" column. "Download CSV"
 * saves the customers shown (filtered and sorted), with spreadsheet formulas defused.
 * @event rapport-sort - A column header was activated: `{ key, direction }`. The owner re-sorts
 * (in SQL) and sets `rows`; the table also shows the new order at once when `sortLocally` is set.
 * @event rapport-filter - The user chose a segment, type or rung filter: `{ segment, type, rung }`
 * (null = all).
 * The owner re-queries and sets `rows`; with `sortLocally` the table filters `rows` itself.
 * @event rapport-export - The customers shown were downloaded: `{ fileName, rows }`.
 * @csspart toolbar - The filters, the count and the download button above the table.
 * @csspart table - The table.
 * @csspart header - The header row.
 * @csspart row - Each body row.
 * @cssproperty --rapport-customer-table-height - Height of the scrolling body (default 420px).
 * @cssproperty --rapport-customer-table-row-height - Row height (default 2rem).
 */
@customElement('rapport-customer-table')
export class RapportCustomerTable extends RapportElement {
  static override styles = [
    themeTokens,
    css`
      :host {
        display: block;
      }
      .table {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        /* Narrower than its columns' minimum widths: header and rows scroll sideways together. */
        overflow-x: auto;
        overflow-y: hidden;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.5em 1em;
        margin-bottom: 0.5em;
      }
      .toolbar label {
        display: grid;
        gap: 0.15em;
        font-size: 0.85em;
        color: var(--_muted);
      }
      select {
        font: inherit;
        font-size: 1rem;
        color: var(--_text);
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) / 2);
        padding: 0.3em 0.4em;
      }
      .count {
        flex: 1;
        color: var(--_muted);
        font-size: 0.9em;
        align-self: center;
      }
      .row {
        display: grid;
        grid-template-columns: var(--_columns);
        min-width: var(--_min-width);
        box-sizing: border-box;
        align-items: center;
        min-height: var(--rapport-customer-table-row-height, 2rem);
        width: 100%;
        border-bottom: 1px solid var(--_border);
        font-variant-numeric: tabular-nums;
      }
      .header {
        background: var(--_surface-alt);
        font-weight: 600;
      }
      [role='columnheader'] button {
        all: unset;
        box-sizing: border-box;
        width: 100%;
        padding: 0.3em 0.7em;
        cursor: pointer;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      [role='columnheader'] .plain {
        display: block;
        padding: 0.3em 0.7em;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      [role='columnheader'] button:focus-visible {
        outline: 2px solid var(--_primary);
        outline-offset: -2px;
      }
      [role='cell'] {
        padding: 0 0.7em;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      /* Long text (the ladder reason): wraps, so its row grows taller; the virtualizer measures it. */
      [role='cell'].wrap {
        white-space: normal;
        overflow-wrap: anywhere;
        text-overflow: clip;
        padding-block: 0.3em;
        line-height: 1.35;
      }
      .num,
      .num button {
        text-align: right;
      }
      lit-virtualizer {
        height: var(--rapport-customer-table-height, 420px);
        min-width: var(--_min-width);
        overflow-x: hidden;
        overflow-y: auto;
      }
      .arrow {
        color: var(--_primary);
      }
      .empty {
        padding: var(--_gap);
        color: var(--_muted);
      }
    `,
  ];

  @property({ attribute: false }) rows: CustomerRow[] = [];
  @property({ attribute: 'sort-key' }) sortKey: CustomerSortKey = 'total_spend';
  @property({ attribute: 'sort-direction' }) sortDirection: SortDirection = 'desc';
  /** Sort `rows` in the element itself (for plain-data use without an engine). */
  @property({ type: Boolean, attribute: 'sort-locally' }) sortLocally = false;
  @property() locale?: string;
  @property() currency?: string;
  @property() label = 'Customers';
  /** Segment names offered by the segment filter, in order (the dashboard passes rule order). */
  @property({ attribute: false }) segments: readonly string[] = [];
  /** Only customers of this segment ('' = all). */
  @property({ reflect: true }) segment = '';
  /** Only customers of this type: `active`, `inactive`, `potential` ('' = all). */
  @property({ reflect: true }) type = '';
  /** Only customers on this place of the ladder: a rung or `lapsed` ('' = all; anything else reads as ''). */
  @property({ reflect: true }) rung = '';
  /** All customers before filtering, for "n of total" (default: unknown, only n is shown). */
  @property({ type: Number }) total?: number;

  private sorted: CustomerRow[] = [];
  private scored = false;
  /** Rows carry a place on the ladder, or the rung filter is set: the Rung column and filter show. */
  private laddered = false;
  /** Some row carries a ladder reason: the Why column shows. */
  private reasoned = false;

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('type') && this.type && !(TYPES as readonly string[]).includes(this.type)) this.type = '';
    if (changed.has('rung') && this.rung && !(LADDER_PLACES as readonly string[]).includes(this.rung)) this.rung = '';
    if (changed.has('rows')) {
      this.scored = this.rows.some((r) => r.segment != null || r.type != null);
      this.reasoned = this.rows.some((r) => r.reason != null);
    }
    if (changed.has('rows') || changed.has('rung')) this.laddered = this.rung !== '' || this.rows.some((r) => r.rung != null);
    if (['rows', 'sortKey', 'sortDirection', 'sortLocally', 'segment', 'type', 'rung', 'segments'].some((k) => changed.has(k))) {
      if (!this.sortLocally) this.sorted = this.rows;
      else {
        const k = this.sortKey;
        const sign = this.sortDirection === 'asc' ? 1 : -1;
        const rank = new Map(this.segments.map((name, i) => [name, i]));
        // Segments sort by their given order; one missing from `segments` comes after those listed.
        // Rungs sort by their place on the ladder, lapsed below prospect (as the SQL does).
        const value = (r: CustomerRow) =>
          k === 'segment' && r.segment != null
            ? (rank.get(r.segment) ?? rank.size)
            : k === 'rung' && r.rung != null
              ? rungRank(r.rung)
              : r[k];
        this.sorted = this.rows
          .filter(
            (r) =>
              (!this.segment || r.segment === this.segment) && (!this.type || r.type === this.type) && (!this.rung || r.rung === this.rung),
          )
          .sort((a, b) => {
            const x = value(a);
            const y = value(b);
            const blank = (v: unknown) => v === null || v === undefined;
            const c = blank(x) || blank(y) ? compare(x, y) : compare(x, y) * sign;
            return c || compare(a.customer_id, b.customer_id);
          });
      }
    }
  }

  private sortBy(key: CustomerSortKey) {
    const column = COLUMNS.find((c) => c.key === key)!;
    const direction: SortDirection =
      key === this.sortKey ? (this.sortDirection === 'asc' ? 'desc' : 'asc') : (column.firstDirection ?? (column.numeric ? 'desc' : 'asc'));
    this.sortKey = key;
    this.sortDirection = direction;
    this.emit('rapport-sort', { key, direction });
  }

  private filterBy(segment: string, type: string, rung: string) {
    this.segment = segment;
    this.type = type;
    this.rung = rung;
    this.emit('rapport-filter', {
      segment: segment || null,
      type: (type || null) as RapportFilterDetail['type'],
      rung: (rung || null) as RapportFilterDetail['rung'],
    });
  }

  /**
   * The customers shown (filtered and sorted), as CSV text: what "Download CSV" saves. Score
   * columns once scored, `rung` once on the ladder, `reason` once rows carry reasons.
   */
  toCsv(): string {
    const columns: (keyof CustomerRow & string)[] = [
      ...CSV_COLUMNS,
      ...(this.scored ? CSV_SCORED_COLUMNS : []),
      ...(this.laddered ? (['rung'] as const) : []),
      ...(this.reasoned ? (['reason'] as const) : []),
    ];
    return `${toCsv<CustomerRow>(columns, this.sorted)}\n`;
  }

  /** The file name "Download CSV" offers: customers[-segment][-type][-rung].csv. */
  get exportFileName(): string {
    return `customers${this.segment ? `-${slug(this.segment)}` : ''}${this.type ? `-${this.type}` : ''}${this.rung ? `-${this.rung}` : ''}.csv`;
  }

  private download() {
    const fileName = this.exportFileName;
    // A UTF-8 BOM so spreadsheet programs read accented names right.
    const blob = new Blob(['\ufeff', this.toCsv()], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.hidden = true;
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    this.emit('rapport-export', { fileName, rows: this.sorted.length });
  }

  private renderToolbar(f: Formats) {
    const n = this.sorted.length;
    const count =
      this.total !== undefined && this.total !== n
        ? `${f.integer(n)} of ${f.integer(this.total)} customers`
        : `${f.integer(n)} customer${n === 1 ? '' : 's'}`;
    // A chosen segment stays offered even when the list of names does not have it (yet).
    const names = this.segment && !this.segments.includes(this.segment) ? [...this.segments, this.segment] : this.segments;
    return html`<div class="toolbar" part="toolbar">
      ${this.scored || this.segment || this.type
        ? html`<label
              >Segment
              <select @change=${(e: Event) => this.filterBy((e.target as HTMLSelectElement).value, this.type, this.rung)}>
                <option value="" ?selected=${!this.segment}>All segments</option>
                ${names.map((s) => html`<option value=${s} ?selected=${s === this.segment}>${s}</option>`)}
              </select></label
            ><label
              >Type
              <select @change=${(e: Event) => this.filterBy(this.segment, (e.target as HTMLSelectElement).value, this.rung)}>
                <option value="" ?selected=${!this.type}>All types</option>
                ${TYPES.map((t) => html`<option value=${t} ?selected=${t === this.type}>${TYPE_LABEL[t]}</option>`)}
              </select></label
            >`
        : nothing}
      ${this.laddered
        ? html`<label
            >Rung
            <select @change=${(e: Event) => this.filterBy(this.segment, this.type, (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this.rung}>All places</option>
              ${LADDER_PLACES.map((p) => html`<option value=${p} ?selected=${p === this.rung}>${RUNG_LABELS[p]}</option>`)}
            </select></label
          >`
        : nothing}
      <span class="count" role="status" aria-live="polite">${count}</span>
      <button @click=${() => this.download()} ?disabled=${n === 0}>Download CSV</button>
    </div>`;
  }

  override render() {
    const f = formats(this.locale, this.currency);
    const shown = { scoring: this.scored, ladder: this.laddered, reasons: this.reasoned };
    const columns = COLUMNS.filter((c) => !c.needs || shown[c.needs]);
    const cell = (row: CustomerRow, key: Column['key']) => {
      const v = row[key];
      if (v === null || v === undefined) return '–';
      if (key === 'total_spend') return f.money(row.total_spend);
      if (key === 'orders') return f.integer(row.orders);
      if (key === 'type') return TYPE_LABEL[v as CustomerType] ?? v;
      if (key === 'rung') return RUNG_LABELS[v as LadderPlace] ?? v;
      return v;
    };
    const cellClass = (c: Column) => [c.numeric ? 'num' : '', c.wrap ? 'wrap' : ''].filter(Boolean).join(' ');
    const header = (c: Column) =>
      c.sortable === false
        ? // Not sortable: plain text, and no aria-sort at all (not even "none").
          html`<div role="columnheader" class=${c.numeric ? 'num' : ''}><span class="plain" title=${c.title ?? nothing}>${c.label}</span></div>`
        : html`<div
            role="columnheader"
            class=${c.numeric ? 'num' : ''}
            aria-sort=${c.key === this.sortKey ? (this.sortDirection === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <button @click=${() => this.sortBy(c.key)} title=${c.title ?? nothing} aria-label=${c.title ?? nothing}>
              ${c.label}<span class="arrow" aria-hidden="true">${c.key === this.sortKey ? (this.sortDirection === 'asc' ? ' ▲' : ' ▼') : ''}</span>
            </button>
          </div>`;
    return html`${this.renderToolbar(f)}<div
        class="table"
        part="table"
        role="table"
        aria-label=${this.label}
        aria-rowcount=${this.sorted.length + 1}
        style=${styleProps({ '--_columns': columns.map((c) => c.width).join(' '), '--_min-width': `${minWidth(columns)}rem` })}
      >
      <div class="row header" part="header" role="row" aria-rowindex="1">
        ${columns.map(header)}
      </div>
      ${this.sorted.length === 0
        ? html`<div class="empty" role="row">
            <span role="cell">${this.segment || this.type || this.rung ? 'No customers match these filters.' : 'No customers yet.'}</span>
          </div>`
        : html`<lit-virtualizer
            scroller
            tabindex="0"
            aria-label=${`${this.label}, ${this.sorted.length} rows`}
            role="rowgroup"
            .items=${this.sorted}
            .keyFunction=${(row: CustomerRow) => row.customer_id}
            .renderItem=${(row: CustomerRow, i: number) =>
              html`<div class="row" part="row" role="row" aria-rowindex=${i + 2}>
                ${columns.map((c) => html`<div role="cell" class=${cellClass(c)}>${cell(row, c.key)}</div>`)}
              </div>`}
          ></lit-virtualizer>`}
    </div>
`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-customer-table': RapportCustomerTable;
  }
}
