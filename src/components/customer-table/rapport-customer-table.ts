import { html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '@lit-labs/virtualizer';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { formats } from '../format.js';
import type { CustomerRow } from '../../data/dataset.js';
import type { CustomerSortKey, SortDirection } from '../../data/dataset.js';
import '../events.js';

const COLUMNS: readonly { key: CustomerSortKey; label: string; numeric: boolean }[] = [
  { key: 'customer_id', label: 'Customer', numeric: false },
  { key: 'first_order', label: 'First order', numeric: false },
  { key: 'last_order', label: 'Last order', numeric: false },
  { key: 'orders', label: 'Orders', numeric: true },
  { key: 'total_spend', label: 'Total spend', numeric: true },
];

/**
 * @summary One row per customer, sortable by any column, virtualised so 100,000 customers
 * scroll smoothly (only the rows in view are in the DOM).
 * @event rapport-sort - A column header was activated: `{ key, direction }`. The owner re-sorts
 * (in SQL) and sets `rows`; the table also shows the new order at once when `sortLocally` is set.
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
        overflow: hidden;
      }
      .row {
        display: grid;
        grid-template-columns: minmax(8rem, 1.4fr) 1fr 1fr 0.7fr 1fr;
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
      .num,
      .num button {
        text-align: right;
      }
      lit-virtualizer {
        height: var(--rapport-customer-table-height, 420px);
        overflow: auto;
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

  private sorted: CustomerRow[] = [];

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('rows') || changed.has('sortKey') || changed.has('sortDirection') || changed.has('sortLocally')) {
      if (!this.sortLocally) this.sorted = this.rows;
      else {
        const k = this.sortKey;
        const sign = this.sortDirection === 'asc' ? 1 : -1;
        this.sorted = [...this.rows].sort((a, b) => {
          const x = a[k];
          const y = b[k];
          return (x < y ? -1 : x > y ? 1 : 0) * sign || (a.customer_id < b.customer_id ? -1 : 1);
        });
      }
    }
  }

  private sortBy(key: CustomerSortKey) {
    const direction: SortDirection = key === this.sortKey ? (this.sortDirection === 'asc' ? 'desc' : 'asc') : COLUMNS.find((c) => c.key === key)!.numeric ? 'desc' : 'asc';
    this.sortKey = key;
    this.sortDirection = direction;
    this.emit('rapport-sort', { key, direction });
  }

  override render() {
    const f = formats(this.locale, this.currency);
    const cell = (row: CustomerRow, key: CustomerSortKey) =>
      key === 'total_spend' ? f.money(row.total_spend) : key === 'orders' ? f.integer(row.orders) : row[key];
    return html`<div class="table" part="table" role="table" aria-label=${this.label} aria-rowcount=${this.sorted.length + 1}>
      <div class="row header" part="header" role="row" aria-rowindex="1">
        ${COLUMNS.map(
          (c) => html`<div
            role="columnheader"
            class=${c.numeric ? 'num' : ''}
            aria-sort=${c.key === this.sortKey ? (this.sortDirection === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <button @click=${() => this.sortBy(c.key)}>
              ${c.label}<span class="arrow" aria-hidden="true">${c.key === this.sortKey ? (this.sortDirection === 'asc' ? ' ▲' : ' ▼') : ''}</span>
            </button>
          </div>`,
        )}
      </div>
      ${this.sorted.length === 0
        ? html`<div class="empty" role="row"><span role="cell">No customers yet.</span></div>`
        : html`<lit-virtualizer
            scroller
            tabindex="0"
            aria-label=${`${this.label}, ${this.sorted.length} rows`}
            role="rowgroup"
            .items=${this.sorted}
            .keyFunction=${(row: CustomerRow) => row.customer_id}
            .renderItem=${(row: CustomerRow, i: number) =>
              html`<div class="row" part="row" role="row" aria-rowindex=${i + 2}>
                ${COLUMNS.map((c) => html`<div role="cell" class=${c.numeric ? 'num' : ''}>${cell(row, c.key)}</div>`)}
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
