import { html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import { LADDER_PLACES, LADDER_RUNGS, LAPSED, type LadderPlace } from '../../analytics/ladder.js';
import { RapportElement } from '../base/rapport-element.js';
import { styleProps } from '../base/style-props.js';
import { downloadBlob } from '../base/chart-export.js';
import { themeTokens } from '../base/theme.js';
import { Localized } from '../base/i18n.js';
import { commonMessages, rungLabel, segmentLabel } from '../base/common-messages.js';
import { noticeText } from '../base/notices/index.js';
import { formats, type Formats } from '../format.js';
import { messages } from './messages.js';
import { RapportDataConsumer, fillCurrency } from '../base/data-consumer.js';
import type { CustomerPages, CustomerRow } from '../../data/dataset.js';
import type { CustomerSortKey, SortDirection } from '../../data/dataset.js';
import { customerExportColumns, customerExportFileName, customerExportShape } from '../../data/export/customer-export.js';
import { EXPORT_FORMATS, rowsToCsv, rowsToCsvBlob, type ExportColumn, type ExportFormat } from '../../data/export/export-formats.js';

/** The Arrow and Parquet encoders, fetched on the first typed export (CSV needs neither). */
const encoders = () => import('../../data/export/rows-export.js');
import type { RapportFilterDetail } from '../events.js';
import '../events.js';

type CustomerType = NonNullable<RapportFilterDetail['type']>;
const TYPES: readonly CustomerType[] = ['active', 'inactive', 'potential'];
type MessageKey = keyof (typeof messages)['en'];

/** The short names of the formats, on the download button (proper names: not translated). */
const FORMAT_NAMES: Readonly<Record<ExportFormat, string>> = { csv: 'CSV', parquet: 'Parquet', arrow: 'Arrow' };

interface ColumnBase {
  label: MessageKey;
  /** Full name when the label is short (R, F, M): the accessible name, so it starts with the visible letter (WCAG 2.5.3). */
  title?: MessageKey;
  numeric: boolean;
  /** Shown only once the rows carry it: a scoring, a place on the ladder, ladder reasons, or a CLV model's predictions. */
  needs?: 'scoring' | 'ladder' | 'reasons' | 'predictions';
  /** The first click sorts this way (default: numbers descending, text ascending). */
  firstDirection?: SortDirection;
  /** Long text that wraps onto more lines instead of being cut. */
  wrap?: boolean;
  width: string;
}

/** A sortable column (its header is a button), or the reason column (plain text, not sortable). */
type Column = ColumnBase & ({ key: CustomerSortKey; sortable?: true } | { key: 'reason'; sortable: false });

const COLUMNS: readonly Column[] = [
  { key: 'customer_id', label: 'col.customer', numeric: false, width: 'minmax(7.5rem, 1.2fr)' },
  // Rung and why right after the customer: in a rung's drill-down they are the point. Rung sorts
  // descending first: partner at the top, lapsed at the bottom, as the ladder is drawn.
  { key: 'rung', label: 'col.rung', numeric: false, needs: 'ladder', firstDirection: 'desc', width: 'minmax(8.5rem, 1.1fr)' },
  { key: 'reason', label: 'col.reason', title: 'col.reason.title', numeric: false, needs: 'reasons', sortable: false, wrap: true, width: 'minmax(18rem, 3fr)' },
  // Numeric dates ("05/01/2024") in every language: the medium style runs long in pt and fr.
  { key: 'first_order', label: 'col.first-order', numeric: false, width: 'minmax(7.4rem, 0.9fr)' },
  { key: 'last_order', label: 'col.last-order', numeric: false, width: 'minmax(7.4rem, 0.9fr)' },
  { key: 'orders', label: 'col.orders', numeric: true, width: 'minmax(5.6rem, 0.7fr)' },
  { key: 'total_spend', label: 'col.total-spend', numeric: true, width: 'minmax(8.5rem, 1fr)' },
  // What the customer is likely to do next, beside what they have spent.
  { key: 'probability_alive', label: 'col.p-alive', title: 'col.p-alive.title', numeric: true, needs: 'predictions', width: 'minmax(6.2rem, 0.7fr)' },
  { key: 'expected_purchases', label: 'col.expected-purchases', title: 'col.expected-purchases.title', numeric: true, needs: 'predictions', width: 'minmax(9.6rem, 0.9fr)' },
  { key: 'clv', label: 'col.clv', title: 'col.clv.title', numeric: true, needs: 'predictions', width: 'minmax(8.5rem, 1fr)' },
  { key: 'r_score', label: 'col.r', title: 'col.r.title', numeric: true, needs: 'scoring', width: '2.6rem' },
  { key: 'f_score', label: 'col.f', title: 'col.f.title', numeric: true, needs: 'scoring', width: '2.6rem' },
  { key: 'm_score', label: 'col.m', title: 'col.m.title', numeric: true, needs: 'scoring', width: '2.6rem' },
  { key: 'segment', label: 'col.segment', numeric: false, needs: 'scoring', width: 'minmax(9rem, 1.3fr)' },
  { key: 'type', label: 'col.type', numeric: false, needs: 'scoring', width: 'minmax(7rem, 0.8fr)' },
];

/** Rows a Page Up / Page Down moves the focus by. */
const PAGE_ROWS = 10;

/** Rows read from a `source` at a time, around those in view. */
const SOURCE_PAGE = 200;

/** The place of a row of a `source` whose page is not read yet (the virtualizer scrolls only to places that hold something). */
const NOT_READ: unique symbol = Symbol('not read');
type Slot = CustomerRow | typeof NOT_READ;
const isRow = (slot: Slot | undefined): slot is CustomerRow => slot !== undefined && slot !== NOT_READ;

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

/**
 * @summary One row per customer, sortable by any column, virtualised so 100,000 customers
 * scroll smoothly (only the rows in view are in the DOM). Once rows carry a scoring, R, F and M
 * scores, segment and type columns appear, with filters by segment and by type. Once rows carry
 * a place on the ladder of loyalty, a Rung column (sortable: partner ... prospect, then lapsed)
 * and a rung filter appear; rows that carry a reason add a wrapping "Why" column. Once rows carry
 * a CLV model's predictions (`probability_alive`, `expected_purchases`, `clv`), P(alive) (a
 * percentage), expected purchases and CLV (money) columns appear, sortable. The download
 * saves the customers shown (filtered and sorted) as CSV (spreadsheet formulas defused), Parquet
 * or Arrow IPC (typed columns). A large list need not be held in the page: given a `source` (a
 * list kept in the engine, see `Dataset.customerList`) instead of `rows`, the table reads only the
 * pages in view, and a download reads the whole list when asked. A row opens the customer's details: click it, or reach it with
 * Tab and the arrow keys (Home, End, Page Up, Page Down too) and press Enter or Space; an owner
 * brings a customer's row into view and focuses it with `focusCustomer(id)`. Every word follows
 * the `lang` in force (English, Portuguese, Spanish, French, Malay).
 * @event rapport-sort - {key, direction} A column header was activated. The owner re-sorts
 * (in SQL) and sets `rows`; the table also shows the new order at once when `sortLocally` is set.
 * @event rapport-filter - {segment, type, rung} The user chose a segment, type or rung filter
 * (null = all). The owner re-queries and sets `rows`; with `sortLocally` the table filters `rows` itself.
 * @event rapport-export - {fileName, rows, format} The customers shown were downloaded
 * (`format`: `csv`, `parquet` or `arrow`; `rows`: how many).
 * @event rapport-customer-select - {customerId} A row was activated (click, or Enter or Space on
 * the focused row): the owner opens that customer's details.
 * @csspart toolbar - The filters, the count and the download controls above the table.
 * @csspart label - Each filter's or the format's label (it holds its select).
 * @csspart select - The segment, type, rung and file-format selects.
 * @csspart button - The download button and every sortable column header's button.
 * @csspart count - The number of customers shown.
 * @csspart table - The table (header and scrolling body).
 * @csspart table-header - The header row (also `header`, its former name).
 * @csspart column-header - Each column header.
 * @csspart table-row - Each body row (also `row`, its former name); focusable.
 * @csspart table-cell - Each body cell.
 * @csspart empty - The message shown when no customer is shown.
 * @cssproperty --rapport-customer-table-height - Height of the scrolling body (default: 420px).
 * @cssproperty --rapport-customer-table-row-height - Least row height (default: 2rem).
 * @cssproperty --rapport-customer-table-header-background - Header row background (default: `--rapport-color-surface-alt`).
 * @cssproperty --rapport-customer-table-row-hover-background - Background of the row under the pointer (default: `--rapport-color-surface-alt`).
 * @cssproperty --rapport-customer-table-focus-color - Focus ring of a row and header (default: `--rapport-color-focus-ring`).
 */
@customElement('rapport-customer-table')
export class RapportCustomerTable extends RapportElement {
  static override styles = [
    themeTokens,
    css`
      :host {
        display: block;
        --_focus: var(--rapport-customer-table-focus-color, var(--_focus-ring));
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
      .download {
        display: flex;
        align-items: end;
        gap: 0.5em;
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
        font-variant-numeric: var(--_numeric);
      }
      .header {
        background: var(--rapport-customer-table-header-background, var(--_surface-alt));
        font-weight: 600;
      }
      .body {
        cursor: pointer;
      }
      .body:hover {
        background: var(--rapport-customer-table-row-hover-background, var(--_surface-alt));
      }
      /* Inside the scroller: an outer ring would be cut off by its edges, so the ring is drawn inside. */
      .body:focus-visible,
      .body[tabindex]:focus-visible,
      lit-virtualizer:focus-visible {
        outline: 2px solid var(--_focus);
        outline-offset: -2px;
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
        outline: 2px solid var(--_focus);
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
      @media (forced-colors: active) {
        .body:focus-visible {
          outline-color: Highlight;
        }
      }
    `,
  ];

  /** The customers, in the owner's order (when no `source` is given). */
  @property({ attribute: false }) rows: CustomerRow[] = [];
  /**
   * The customers as a list kept in the engine (`Dataset.customerList`), already sorted and
   * filtered by the owner: the table reads the pages in view and shows a blank row until its page
   * arrives. Takes the place of `rows` while set (as `<rapport-dashboard>` does once the analyses are in).
   */
  @property({ attribute: false }) source: CustomerPages | null = null;
  /** The column the rows are sorted by (shown by the header's arrow and `aria-sort`). */
  @property({ attribute: 'sort-key' }) sortKey: CustomerSortKey = 'total_spend';
  /** `asc` or `desc`. */
  @property({ attribute: 'sort-direction' }) sortDirection: SortDirection = 'desc';
  /** Sort and filter `rows` in the element itself (for plain-data use without an engine). */
  @property({ type: Boolean, attribute: 'sort-locally' }) sortLocally = false;
  /** Locale of numbers and dates (default: the language in force, from `lang`). */
  @property() locale?: string;
  /** ISO 4217 code for money; plain numbers when unset. */
  @property() currency?: string;
  /** Accessible name of the table (default: "Customers", in the language in force). */
  @property() label?: string;
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
  /** The rows are the first part of the list while the rest is read (as `<rapport-dashboard>` shows a large base at once): the download waits for the whole list. */
  @property({ type: Boolean }) partial = false;
  /** The file format the download button saves: `csv` (default), `parquet` or `arrow` (anything else reads as `csv`). */
  @property({ attribute: 'export-format', reflect: true }) exportFormat: ExportFormat = 'csv';

  /** The row that takes the Tab stop (index into the rows shown): one row is tabbable, the arrows move it. */
  @state() private focusIndex = 0;
  /**
   * What a screen reader hears after a sort by a header, as a message key and its column:
   * translated in render, so it follows a change of language.
   */
  @state() private announcement: { key: 'sorted.asc' | 'sorted.desc'; column: MessageKey } | null = null;
  /**
   * The rows the virtualizer has drawn (its last range), or null before it drew any. While the
   * Tab stop row is not drawn (first layout, a new list, scrolled away) the scroller itself is
   * the one Tab stop, so the scrolling region stays reachable from the keyboard.
   */
  @state() private drawn: { first: number; last: number } | null = null;

  private msg = new Localized(this, messages);
  /** Inside a `<rapport-data>`: the provider's customer list (the selected customers), its total, order and filters. Outside one, nothing. */
  private fromProvider = new RapportDataConsumer(this, (s) => {
    this.rows = s.customers;
    this.total = s.customersTotal ?? undefined;
    this.segments = s.segments;
    this.segment = s.selection.segment ?? '';
    this.rung = s.selection.rung ?? '';
    this.type = s.typeFilter;
    this.sortKey = s.sort.key;
    this.sortDirection = s.sort.direction;
    fillCurrency(this, s);
  });
  /** The rows shown, in order; with a `source`, as long as the list, NOT_READ where a page is not read yet. */
  private sorted: Slot[] = [];
  /** The pages of the `source` read or being read (by page number). */
  private pagesAsked = new Set<number>();
  private scored = false;
  /** Rows carry a place on the ladder, or the rung filter is set: the Rung column and filter show. */
  private laddered = false;
  /** Some row carries a ladder reason: the Why column shows. */
  private reasoned = false;
  /** Rows carry a CLV model's predictions: the P(alive), expected purchases and CLV columns show. */
  private predicted = false;

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('type') && this.type && !(TYPES as readonly string[]).includes(this.type)) this.type = '';
    if (changed.has('rung') && this.rung && !(LADDER_PLACES as readonly string[]).includes(this.rung)) this.rung = '';
    if (changed.has('exportFormat') && !(EXPORT_FORMATS as readonly string[]).includes(this.exportFormat)) this.exportFormat = 'csv';
    const source = this.source;
    if (changed.has('rows') || changed.has('source')) {
      const shape = source ? source.shape : customerExportShape(this.rows);
      this.scored = shape.scored;
      this.reasoned = shape.reasoned;
      this.predicted = shape.predicted === true;
    }
    if (changed.has('rows') || changed.has('source') || changed.has('rung')) {
      this.laddered = this.rung !== '' || (source ? source.shape.laddered : this.rows.some((r) => r.rung != null));
    }
    if (changed.has('source') && source) {
      // The owner sorted and filtered the list: a place for every customer, each page read when in view.
      this.sorted = new Array<Slot>(source.total).fill(NOT_READ);
      this.pagesAsked = new Set();
      this.focusIndex = 0;
      if (source.total === 0) this.drawn = null;
      // What was in view stays in view (the first page on a first list).
      this.readPages(this.drawn?.first ?? 0, this.drawn?.last ?? 0);
    } else if (source) {
      // Sorted and filtered in the engine: the other properties only describe it.
    } else if (['rows', 'source', 'sortKey', 'sortDirection', 'sortLocally', 'segment', 'type', 'rung', 'segments'].some((k) => changed.has(k))) {
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
      // Other rows or another order: the Tab stop goes back to the first row.
      this.focusIndex = 0;
      // No rows: the virtualizer goes, and the next one starts with nothing drawn.
      if (this.sorted.length === 0) this.drawn = null;
    }
  }

  /**
   * Read the pages of the `source` that hold rows first..last, and one page either side (for a
   * smooth scroll), unless read or asked already. Pages next to each other are read in one
   * request: one query of the engine instead of one per page (each ahead of the other figures
   * of a cross-filter in the engine's queue).
   */
  private readPages(first: number, last: number) {
    const source = this.source;
    if (!source || source.total === 0) return;
    const from = Math.max(0, Math.floor(first / SOURCE_PAGE) - 1);
    const to = Math.min(Math.floor((source.total - 1) / SOURCE_PAGE), Math.floor(Math.max(first, last) / SOURCE_PAGE) + 1);
    for (let page = from; page <= to; page++) {
      if (this.pagesAsked.has(page)) continue;
      let end = page;
      while (end + 1 <= to && !this.pagesAsked.has(end + 1)) end++;
      for (let p = page; p <= end; p++) this.pagesAsked.add(p);
      const offset = page * SOURCE_PAGE;
      const count = (end - page + 1) * SOURCE_PAGE;
      page = end;
      source.rows(offset, count).then(
        (rows) => {
          if (this.source !== source) return;
          rows.forEach((row, i) => (this.sorted[offset + i] = row));
          // The same array, filled in: the virtualizer draws the rows in view again.
          this.virtualizer?.requestUpdate();
        },
        (e: unknown) => {
          // A list replaced meanwhile is of no interest (its owner gives the new one). Anything else
          // (an engine that stopped) is said once and not asked again: the owner gives a new list.
          if (this.source !== source || (e as Error)?.name === 'CustomerListReplacedError') return;
          console.error('[rapport] A page of the customer list could not be read:', e);
        },
      );
    }
  }

  /**
   * Every customer shown (filtered and sorted), as rows: `rows` as the table shows them, or the
   * whole `source` list read from the engine. What the downloads save.
   */
  async shownRows(): Promise<CustomerRow[]> {
    if (this.source) return this.source.all();
    return this.sorted as CustomerRow[];
  }

  private get virtualizer(): LitVirtualizer | null {
    return this.renderRoot.querySelector('lit-virtualizer');
  }

  private sortBy(key: CustomerSortKey) {
    const column = COLUMNS.find((c) => c.key === key)!;
    const direction: SortDirection =
      key === this.sortKey ? (this.sortDirection === 'asc' ? 'desc' : 'asc') : (column.firstDirection ?? (column.numeric ? 'desc' : 'asc'));
    this.sortKey = key;
    this.sortDirection = direction;
    this.announcement = { key: direction === 'asc' ? 'sorted.asc' : 'sorted.desc', column: column.title ?? column.label };
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

  /** The columns of an export: score columns once scored, `rung` once on the ladder, `reason` once rows carry reasons. */
  private get exportColumns(): ExportColumn<CustomerRow>[] {
    return customerExportColumns({ scored: this.scored, laddered: this.laddered, reasoned: this.reasoned, predicted: this.predicted });
  }

  /**
   * The customers shown (filtered and sorted), as CSV text: what the CSV download saves. Score
   * columns once scored, `rung` once on the ladder, `reason` once rows carry reasons. Text a
   * spreadsheet would run as a formula (= + - @, tab, CR first) starts with an apostrophe. With
   * a `source` the list is not in the page: throws (`exportBlob('csv')` reads it whole).
   */
  toCsv(): string {
    if (this.source) throw new Error('The table reads its customers from a source: use exportBlob() or shownRows(), which read the whole list');
    return rowsToCsv(this.exportColumns, this.sorted as CustomerRow[]);
  }

  /** Resolves to the customers shown (when called) as a Parquet file: the CSV's columns, typed (dates as DATE, scores as INT32, money as DOUBLE); the encoder is fetched on first use. */
  async toParquet(): Promise<Uint8Array> {
    const [columns, rows] = [this.exportColumns, this.shownRows()];
    return (await encoders()).rowsToParquet(columns, await rows);
  }

  /** Resolves to the customers shown (when called) as an Arrow IPC file: the CSV's columns, typed (Date32 days, Int32 scores, Float64 money, Utf8 text); the encoder is fetched on first use. */
  async toArrow(): Promise<Uint8Array> {
    const [columns, rows] = [this.exportColumns, this.shownRows()];
    return (await encoders()).rowsToArrow(columns, await rows);
  }

  /** Resolves to the customers shown when called (a filter changed while the encoder loads does not change the file), as a file of `format` (default: `exportFormat`), with its media type. */
  async exportBlob(format: ExportFormat = this.exportFormat): Promise<Blob> {
    const [columns, rows] = [this.exportColumns, this.shownRows()];
    return this.blobOf(format, columns, await rows);
  }

  private async blobOf(format: ExportFormat, columns: typeof this.exportColumns, rows: CustomerRow[]): Promise<Blob> {
    if (format === 'csv') return rowsToCsvBlob(columns, rows);
    return (await encoders()).rowsToBlob(format, columns, rows);
  }

  /** The file name the download offers for `format`: customers[-segment][-type][-rung].ext, made safe. */
  fileNameFor(format: ExportFormat = this.exportFormat): string {
    return customerExportFileName(format, { segment: this.segment, type: this.type, rung: this.rung });
  }

  /** The file name the download button offers now (for `exportFormat`). */
  get exportFileName(): string {
    return this.fileNameFor(this.exportFormat);
  }

  /**
   * Saves the customers shown as `format` (default: `exportFormat`), as the download button
   * does, and emits `rapport-export`. Resolves once saved (Parquet and Arrow fetch their encoder
   * on first use); the file, its name and the event describe the rows shown when it was called.
   */
  async download(format: ExportFormat = this.exportFormat): Promise<void> {
    const [columns, shown, name] = [this.exportColumns, this.shownRows(), this.fileNameFor(format)];
    const rows = await shown;
    const fileName = downloadBlob(await this.blobOf(format, columns, rows), name);
    this.emit('rapport-export', { fileName, rows: rows.length, format });
  }

  private openCustomer(index: number) {
    const row = this.sorted[index];
    if (isRow(row)) this.emit('rapport-customer-select', { customerId: String(row.customer_id) });
  }

  /** The index of the row an event happened in, or -1. */
  private rowIndexOf(e: Event): number {
    const row = e.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && n.dataset.index !== undefined);
    return row ? Number(row.dataset.index) : -1;
  }

  /** Asks the virtualizer to draw row `i` in view; a virtualizer whose layout is still loading throws, and is asked again later. */
  private scrollRowIntoView(i: number) {
    try {
      this.virtualizer?.element(i)?.scrollIntoView({ block: 'nearest' });
    } catch {
      // Layout not ready yet: focusRow retries on the next frame.
    }
  }

  /**
   * Moves the Tab stop to row `index`, scrolls it into view and focuses it. Rows outside the
   * view are not in the DOM, so the virtualizer scrolls first and the row is focused once drawn.
   */
  private async focusRow(index: number): Promise<boolean> {
    const i = Math.max(0, Math.min(this.sorted.length - 1, index));
    this.focusIndex = i;
    this.scrollRowIntoView(i);
    await this.updateComplete;
    for (let frame = 0; frame < 30; frame++) {
      const row = this.renderRoot.querySelector<HTMLElement>(`lit-virtualizer [data-index="${i}"]`);
      if (row) {
        row.focus({ preventScroll: true });
        if (this.renderRoot instanceof ShadowRoot && this.renderRoot.activeElement === row) return true;
      } else {
        // A virtualizer that had not laid out yet (rows just set) could not take the first request: ask again.
        this.scrollRowIntoView(i);
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return false;
  }

  /**
   * Scrolls the row of customer `customerId` into view and focuses it (it becomes the Tab stop),
   * for an owner that returns to the table, e.g. after closing that customer's details. Rows
   * are virtualised, so the row is drawn first and focused once it is in the DOM. Waits for a
   * pending update, so it may be called right after setting `rows`.
   * @param customerId The customer's id, as `rapport-customer-select` gives it (`String(customer_id)`).
   * @returns true once the row has focus; false when no row shown has that id (not in `rows`,
   * or hidden by the segment, type or rung filter of a `sortLocally` table), or it could not be focused.
   */
  async focusCustomer(customerId: string): Promise<boolean> {
    await this.updateComplete;
    const source = this.source;
    // A row already read is found at once (the customer just opened from the table, say); only
    // a source is asked for one not read yet, and its answer waits for the engine's turn.
    let index = this.sorted.findIndex((r) => isRow(r) && String(r.customer_id) === customerId);
    if (index < 0 && source) {
      index = await source.indexOf(customerId).catch(() => -1);
      if (this.source !== source) return false;
    }
    return index < 0 ? false : this.focusRow(index);
  }

  private onRowsKey = (e: KeyboardEvent) => {
    const at = this.rowIndexOf(e);
    if (at < 0) return;
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      PageDown: at + PAGE_ROWS,
      PageUp: at - PAGE_ROWS,
      Home: 0,
      End: this.sorted.length - 1,
    };
    // A row acts as a button: Enter and Space open it (Space would otherwise scroll the page).
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (!e.repeat) this.openCustomer(at);
    } else if (e.key in moves) {
      e.preventDefault();
      void this.focusRow(moves[e.key]!);
    }
  };

  private onRowsClick = (e: MouseEvent) => {
    const at = this.rowIndexOf(e);
    if (at < 0) return;
    this.focusIndex = at;
    this.openCustomer(at);
  };

  private onRowFocus = (e: FocusEvent) => {
    const at = this.rowIndexOf(e);
    if (at >= 0 && at !== this.focusIndex) this.focusIndex = at;
  };

  /** Scrolled away from the Tab stop (and focus is elsewhere): the first row in view takes it, so Tab still reaches the rows. */
  private onRange = (e: RangeChangedEvent) => {
    const focusInRows = (this.renderRoot as ShadowRoot).activeElement?.matches?.('[data-index]') ?? false;
    if (!focusInRows && (this.focusIndex < e.first || this.focusIndex > e.last) && e.first >= 0 && e.first < this.sorted.length) {
      this.focusIndex = e.first;
    }
    const drawn = e.first >= 0 && e.last >= e.first ? { first: e.first, last: e.last } : null;
    if (drawn?.first !== this.drawn?.first || drawn?.last !== this.drawn?.last) this.drawn = drawn;
    if (drawn) this.readPages(drawn.first, drawn.last);
  };

  private renderToolbar(f: Formats) {
    const t = this.msg;
    const lang = t.lang;
    const n = this.sorted.length;
    const count =
      this.total !== undefined && this.total !== n
        ? t.t('count.of', { n: this.total, count: f.integer(n), total: f.integer(this.total) })
        : t.t('count', { n, count: f.integer(n) });
    // A chosen segment stays offered even when the list of names does not have it (yet).
    const names = this.segment && !this.segments.includes(this.segment) ? [...this.segments, this.segment] : this.segments;
    return html`<div class="toolbar" part="toolbar">
      ${this.scored || this.segment || this.type
        ? html`<label part="label"
              >${t.t('filter.segment')}
              <select part="select" @change=${(e: Event) => this.filterBy((e.target as HTMLSelectElement).value, this.type, this.rung)}>
                <option value="" ?selected=${!this.segment}>${t.t('filter.all-segments')}</option>
                ${names.map((s) => html`<option value=${s} ?selected=${s === this.segment}>${segmentLabel(lang, s)}</option>`)}
              </select></label
            ><label part="label"
              >${t.t('filter.type')}
              <select part="select" @change=${(e: Event) => this.filterBy(this.segment, (e.target as HTMLSelectElement).value, this.rung)}>
                <option value="" ?selected=${!this.type}>${t.t('filter.all-types')}</option>
                ${TYPES.map((ty) => html`<option value=${ty} ?selected=${ty === this.type}>${t.from(commonMessages, `type.${ty}`)}</option>`)}
              </select></label
            >`
        : nothing}
      ${this.laddered
        ? html`<label part="label"
            >${t.t('filter.rung')}
            <select part="select" @change=${(e: Event) => this.filterBy(this.segment, this.type, (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this.rung}>${t.t('filter.all-places')}</option>
              ${LADDER_PLACES.map((p) => html`<option value=${p} ?selected=${p === this.rung}>${rungLabel(lang, p)}</option>`)}
            </select></label
          >`
        : nothing}
      <span class="count" part="count" role="status" aria-live="polite">${count}</span>
      <span class="visually-hidden" role="status" aria-live="polite"
        >${this.announcement ? t.t(this.announcement.key, { column: t.t(this.announcement.column) }) : ''}</span
      >
      <span class="visually-hidden" id="open-hint">${t.t('row.open')}</span>
      <span class="download">
        <label part="label"
          >${t.t('download.format')}
          <select
            part="select"
            class="format"
            @change=${(e: Event) => (this.exportFormat = (e.target as HTMLSelectElement).value as ExportFormat)}
          >
            ${EXPORT_FORMATS.map((x) => html`<option value=${x} ?selected=${x === this.exportFormat}>${t.t(`format.${x}`)}</option>`)}
          </select></label
        >
        <button part="button" class="download-button" @click=${() => void this.download().catch((e: unknown) => console.error('[rapport] The export failed:', e))} ?disabled=${n === 0 || (this.partial && !this.source)}>
          ${t.t('download.button', { format: FORMAT_NAMES[this.exportFormat] ?? FORMAT_NAMES.csv })}
        </button>
      </span>
    </div>`;
  }

  override render() {
    const t = this.msg;
    const lang = t.lang;
    const f = formats(this.locale ?? t.tag, this.currency);
    const label = this.label ?? t.t('label');
    const shown = { scoring: this.scored, ladder: this.laddered, reasons: this.reasoned, predictions: this.predicted };
    const columns = COLUMNS.filter((c) => !c.needs || shown[c.needs]);
    const cell = (row: CustomerRow, key: Column['key']) => {
      const v = row[key];
      if (v === null || v === undefined) return '–';
      switch (key) {
        case 'total_spend':
          return f.money(row.total_spend);
        case 'clv':
          return typeof v === 'number' ? f.money(v) : String(v);
        case 'probability_alive':
          return typeof v === 'number' ? f.percent(v) : String(v);
        case 'expected_purchases':
          return typeof v === 'number' ? f.decimal(v) : String(v);
        case 'orders':
        case 'r_score':
        case 'f_score':
        case 'm_score':
          return typeof v === 'number' ? f.integer(v) : String(v);
        case 'first_order':
        case 'last_order':
          return f.shortDate(String(v));
        case 'type':
          return (TYPES as readonly unknown[]).includes(v) ? t.from(commonMessages, `type.${v as CustomerType}`) : String(v);
        case 'rung':
          return (LADDER_PLACES as readonly unknown[]).includes(v) ? rungLabel(lang, v as LadderPlace) : String(v);
        case 'segment':
          return segmentLabel(lang, String(v));
        case 'reason':
          // In the interface language when the row carries the notice; the English reason otherwise.
          return noticeText(row.reasonNotice ?? String(v), lang, t.tag);
        default:
          return String(v);
      }
    };
    // The date columns show the numeric short date; the full one is the cell's tooltip.
    const fullDate = (row: CustomerRow, key: Column['key']) =>
      (key === 'first_order' || key === 'last_order') && row[key] != null ? f.date(String(row[key])) : undefined;
    const cellClass = (c: Column) => [c.numeric ? 'num' : '', c.wrap ? 'wrap' : ''].filter(Boolean).join(' ');
    const header = (c: Column) => {
      const name = t.t(c.label);
      const full = c.title ? t.t(c.title) : undefined;
      return c.sortable === false
        ? // Not sortable: plain text, and no aria-sort at all (not even "none").
          html`<div role="columnheader" part="column-header" class=${c.numeric ? 'num' : ''}>
            <span class="plain" title=${full ?? nothing}>${name}</span>
          </div>`
        : html`<div
            role="columnheader"
            part="column-header"
            class=${c.numeric ? 'num' : ''}
            aria-sort=${c.key === this.sortKey ? (this.sortDirection === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <button part="button" @click=${() => this.sortBy(c.key)} title=${t.t('sort.hint', { column: full ?? name })} aria-label=${full ?? nothing}>
              ${name}<span class="arrow" aria-hidden="true">${c.key === this.sortKey ? (this.sortDirection === 'asc' ? ' ▲' : ' ▼') : ''}</span>
            </button>
          </div>`;
    };
    const tabStop = Math.min(this.focusIndex, this.sorted.length - 1);
    const tabStopDrawn = this.drawn !== null && tabStop >= this.drawn.first && tabStop <= this.drawn.last && tabStop < this.sorted.length;
    return html`${this.renderToolbar(f)}<div
        class="table"
        part="table"
        role="table"
        aria-label=${label}
        aria-rowcount=${this.sorted.length + 1}
        style=${styleProps({ '--_columns': columns.map((c) => c.width).join(' '), '--_min-width': `${minWidth(columns)}rem` })}
      >
      <div class="row header" part="table-header header" role="row" aria-rowindex="1">
        ${columns.map(header)}
      </div>
      ${this.sorted.length === 0
        ? html`<div class="empty" part="empty" role="row">
            <span role="cell">${t.t(this.segment || this.type || this.rung ? 'empty.filtered' : 'empty.none')}</span>
          </div>`
        : html`<lit-virtualizer
            scroller
            tabindex=${tabStopDrawn ? nothing : '0'}
            aria-label=${t.t('rows.label', { n: this.sorted.length, label, count: f.integer(this.sorted.length) })}
            role="rowgroup"
            .items=${this.sorted}
            .keyFunction=${this.source
              ? // Read in pages: a row keeps its element when its page arrives (and its focus with it).
                (_row: Slot | undefined, i: number) => i
              : (row: Slot | undefined, i: number) => (isRow(row) ? row.customer_id : `missing-${i}`)}
            .renderItem=${(slot: Slot | undefined, i: number) => {
              const row = isRow(slot) ? slot : null;
              // Between new rows and the virtualizer's next range, a re-render may ask for an index
              // past the end of a shorter list: draw nothing there until the range catches up.
              // A row of a source whose page is still being read is drawn blank, busy, at its place.
              return i >= this.sorted.length || (!row && !this.source)
                ? nothing
                : html`<div
                class="row body"
                part="table-row row"
                role="row"
                aria-rowindex=${i + 2}
                aria-describedby=${row ? 'open-hint' : nothing}
                aria-busy=${row ? nothing : 'true'}
                data-index=${i}
                tabindex=${i === tabStop ? '0' : '-1'}
              >
                ${columns.map((c) =>
                  row
                    ? html`<div role="cell" part="table-cell" class=${cellClass(c)} title=${fullDate(row, c.key) ?? nothing}>${cell(row, c.key)}</div>`
                    : html`<div role="cell" part="table-cell" class=${cellClass(c)}></div>`,
                )}
              </div>`;
            }}
            @keydown=${this.onRowsKey}
            @click=${this.onRowsClick}
            @focusin=${this.onRowFocus}
            @rangeChanged=${this.onRange}
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
