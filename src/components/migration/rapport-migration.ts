import { html, svg, css, nothing, type PropertyValues } from 'lit';
import { styleProps } from '../base/style-props.js';
import { customElement, property, state } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { segmentColour, themeTokens } from '../base/theme.js';
import { moveInGrid } from '../base/grid-keys.js';
import { tooltipStyles } from '../base/chart-styles.js';
import { formats } from '../format.js';
import '../events.js';
import { matrixAxes, matrixLayout, type MatrixCell, type MatrixLayout } from '../../charts/matrix-layout.js';
import type { MigrationResult } from '../../data/migration.js';
import { NOT_YET_A_CUSTOMER } from '../../analytics/migration-options.js';

/** Size of one cell in viewBox units; the SVG scales to its container's width. */
const CELL_W = 56;
const CELL_H = 36;
const LABEL_W = 160;
const LABEL_H = 120;
const TOTALS = 56;
/** Side of the colour key beside each segment label. */
const SWATCH = 10;

/**
 * @summary Segment migration between two dates as a heat map: rows are the segments at the
 * start date (including prospects not yet customers), columns the segments at the end date.
 * Arrow keys move between cells; Enter, Space or a click selects one.
 * @event rapport-migration-select - A cell was chosen; detail `{ from, to }`.
 * @csspart title - The dates line.
 * @csspart chart - The SVG.
 * @csspart cell - Each cell's rectangle.
 * @csspart swatch - The colour key beside each segment label (the shared segment palette, `--rapport-segment-color-N`).
 * @csspart tooltip - The hover/focus tooltip.
 * @csspart table - The table equivalent's disclosure.
 * @csspart empty - The message shown without data.
 * @cssproperty --rapport-migration-cell-color - Colour mixed into cells by count (default primary).
 * @cssproperty --rapport-migration-stayed-color - Outline of the diagonal cells (default text).
 */
@customElement('rapport-migration')
export class RapportMigration extends RapportElement {
  static override styles = [
    themeTokens,
    tooltipStyles,
    css`
      :host {
        display: block;
        --_cell: var(--rapport-migration-cell-color, var(--_primary));
        --_stayed: var(--rapport-migration-stayed-color, var(--_text));
      }
      .title {
        margin: 0 0 0.5em;
        font-weight: 650;
      }
      .note {
        margin: 0.25em 0 0.5em;
        color: var(--_muted);
        font-size: 0.85em;
      }
      .wrap {
        position: relative;
      }
      svg {
        display: block;
        width: 100%;
        height: auto;
        overflow: visible;
        font-size: 12px;
      }
      text {
        fill: var(--_text);
      }
      .label {
        fill: var(--_muted);
      }
      .total {
        font-variant-numeric: tabular-nums;
        font-weight: 600;
      }
      .cell {
        cursor: pointer;
        outline: none;
      }
      .cell rect {
        stroke: var(--_border);
        stroke-width: 0.5;
      }
      .cell rect.stayed {
        stroke: var(--_stayed);
        stroke-width: 2;
        stroke-dasharray: 4 2;
      }
      .cell:focus-visible rect,
      .cell:hover rect {
        stroke: var(--_text);
        stroke-width: 3;
        stroke-dasharray: none;
      }
      .swatch {
        stroke: var(--_surface);
        stroke-width: 1;
      }
      .count {
        font-variant-numeric: tabular-nums;
        pointer-events: none;
      }
      .count.strong {
        fill: var(--_on-primary);
      }
      details {
        margin-top: 0.75em;
      }
      summary {
        cursor: pointer;
      }
      table {
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
        margin-top: 0.5em;
      }
      caption {
        text-align: start;
        color: var(--_muted);
        padding-bottom: 0.3em;
      }
      th,
      td {
        border: 1px solid var(--_border);
        padding: 0.2em 0.5em;
      }
      td {
        text-align: end;
      }
      th[scope='row'] {
        text-align: start;
      }
      @media (forced-colors: active) {
        .cell rect,
        .swatch {
          stroke: CanvasText;
        }
      }
    `,
  ];

  @property({ attribute: false }) migration: MigrationResult | null = null;
  @property() locale?: string;

  /** The cell that takes Tab focus (roving tabindex). */
  @state() private active = { row: 0, col: 0 };
  @state() private hovered: MatrixCell | null = null;
  @state() private focused: MatrixCell | null = null;

  private layout: MatrixLayout | null = null;
  private moveFocus = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('migration')) {
      const m = this.migration;
      if (m && m.to !== null) {
        const axes = matrixAxes(m);
        const width = LABEL_W + axes.cols.length * CELL_W + TOTALS;
        const height = LABEL_H + axes.rows.length * CELL_H + TOTALS;
        this.layout = matrixLayout(m, width, height, { labelWidth: LABEL_W, labelHeight: LABEL_H, totalsSize: TOTALS });
      } else {
        this.layout = null;
      }
      const rows = this.layout?.rowLabels.length ?? 0;
      const cols = this.layout?.colLabels.length ?? 0;
      // Keep the active cell inside the new grid.
      this.active = { row: Math.min(this.active.row, Math.max(0, rows - 1)), col: Math.min(this.active.col, Math.max(0, cols - 1)) };
      this.hovered = null;
      this.focused = null;
    }
  }

  protected override updated(): void {
    if (this.moveFocus) {
      this.moveFocus = false;
      const el = this.shadowRoot?.querySelector<SVGGElement>(`[data-row="${this.active.row}"][data-col="${this.active.col}"]`);
      el?.focus();
    }
  }

  private cellLabel(c: MatrixCell): string {
    const n = formats(this.locale).integer(c.customers);
    return `${c.from} → ${c.to}: ${n} ${c.customers === 1 ? 'customer' : 'customers'}`;
  }

  private select(c: MatrixCell) {
    this.active = { row: c.row, col: c.col };
    this.emit('rapport-migration-select', { from: c.from, to: c.to });
  }

  private onKeyDown(e: KeyboardEvent, c: MatrixCell) {
    const layout = this.layout;
    if (!layout) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.select(c);
      return;
    }
    const next = moveInGrid(e.key, e.ctrlKey, c, { rows: layout.rowLabels.length, cols: layout.colLabels.length });
    if (!next) return;
    e.preventDefault();
    this.active = next;
    this.moveFocus = true;
  }

  override render() {
    const m = this.migration;
    if (!m) return html`<p part="empty" class="note">No segment migration to show yet.</p>`;
    if (!this.layout) return html`<p part="empty" class="note">No orders, so no segment migration to show.</p>`;
    const layout = this.layout;
    const f = formats(this.locale);
    const tip = this.hovered ?? this.focused;
    return html`
      <p class="title" id="title" part="title">From ${m.from ?? '–'} to ${m.to ?? '–'}</p>
      <p class="note" id="note">
        Rows: segment on ${m.from ?? '–'}; columns: segment on ${m.to ?? '–'}. Darker cells hold more customers; the dashed
        diagonal is customers who stayed. Arrow keys move between cells, Enter selects.
      </p>
      <div class="wrap" @mouseleave=${() => (this.hovered = null)}>
        <svg part="chart" viewBox="0 0 ${layout.width} ${layout.height}" role="presentation">
          ${this.renderGrid(layout)} ${this.renderSwatches(layout, m.segments)} ${this.renderTotals(layout)}
        </svg>
        ${tip ? this.renderTooltip(layout, tip) : nothing}
      </div>
      ${this.renderTable(layout, f.integer)}
    `;
  }

  private renderGrid(layout: MatrixLayout) {
    const { plot } = layout;
    return svg`<g role="grid" aria-labelledby="title" aria-describedby="note"
        aria-rowcount=${layout.rowLabels.length + 1} aria-colcount=${layout.colLabels.length + 1}>
      <g role="row" aria-rowindex="1">
        ${layout.colLabels.map(
          (l) => svg`<text role="columnheader" aria-colindex=${l.index + 2} class="label"
            transform="translate(${l.position},${plot.y - SWATCH - 8}) rotate(-40)">${l.text}</text>`,
        )}
      </g>
      ${layout.rowLabels.map(
        (r) => svg`<g role="row" aria-rowindex=${r.index + 2}>
          <text role="rowheader" aria-colindex="1" class="label" x=${plot.x - SWATCH - 12} y=${r.position}
            text-anchor="end" dominant-baseline="central">${r.text}</text>
          ${layout.cells.filter((c) => c.row === r.index).map((c) => this.renderCell(c))}
        </g>`,
      )}
    </g>`;
  }

  private renderCell(c: MatrixCell) {
    const n = formats(this.locale).integer(c.customers);
    const fits = c.w >= n.length * 7 + 6 && c.h >= 14;
    const pct = Math.round(c.intensity * 85);
    const isActive = this.active.row === c.row && this.active.col === c.col;
    return svg`<g class="cell" role="gridcell" aria-colindex=${c.col + 2} tabindex=${isActive ? 0 : -1}
        aria-label=${this.cellLabel(c)} data-row=${c.row} data-col=${c.col}
        @click=${() => this.select(c)}
        @keydown=${(e: KeyboardEvent) => this.onKeyDown(e, c)}
        @focus=${() => {
          this.focused = c;
          this.active = { row: c.row, col: c.col };
        }}
        @blur=${() => (this.focused = null)}
        @mouseenter=${() => (this.hovered = c)}>
      <rect part="cell" class=${c.stayed ? 'stayed' : ''} x=${c.x} y=${c.y} width=${c.w} height=${c.h}
        style=${styleProps({ fill: `color-mix(in srgb, var(--_cell) ${pct}%, var(--_surface))` })}></rect>
      ${
        fits
          ? svg`<text class=${c.intensity > 0.55 ? 'count strong' : 'count'} aria-hidden="true" x=${c.x + c.w / 2}
              y=${c.y + c.h / 2} text-anchor="middle" dominant-baseline="central">${n}</text>`
          : nothing
      }
    </g>`;
  }

  /** A colour key per segment row and column, in the segment palette's order (the same as the treemap's). */
  private renderSwatches(layout: MatrixLayout, segments: readonly string[]) {
    const { plot } = layout;
    const colour = (text: string) => {
      const i = segments.indexOf(text);
      return text === NOT_YET_A_CUSTOMER || i < 0 ? null : segmentColour(i);
    };
    const swatch = (text: string, x: number, y: number) => {
      const fill = colour(text);
      return fill
        ? svg`<rect class="swatch" part="swatch" x=${x} y=${y} width=${SWATCH} height=${SWATCH} rx="2" style=${styleProps({ fill })}></rect>`
        : nothing;
    };
    return svg`<g aria-hidden="true">
      ${layout.rowLabels.map((r) => swatch(r.text, plot.x - SWATCH - 6, r.position - SWATCH / 2))}
      ${layout.colLabels.map((c) => swatch(c.text, c.position - SWATCH / 2, plot.y - SWATCH - 4))}
    </g>`;
  }

  private renderTotals(layout: MatrixLayout) {
    const f = formats(this.locale);
    const { plot } = layout;
    return svg`<g aria-hidden="true">
      <text class="label" x=${layout.totalsX} y=${plot.y - 6} text-anchor="middle">Total</text>
      ${layout.rowLabels.map(
        (r) => svg`<text class="total" x=${layout.totalsX} y=${r.position} text-anchor="middle"
          dominant-baseline="central">${f.integer(r.total)}</text>`,
      )}
      <text class="label" x=${plot.x - 8} y=${layout.totalsY} text-anchor="end" dominant-baseline="central">Total</text>
      ${layout.colLabels.map(
        (c) => svg`<text class="total" x=${c.position} y=${layout.totalsY} text-anchor="middle"
          dominant-baseline="central">${f.integer(c.total)}</text>`,
      )}
      <text class="total" x=${layout.totalsX} y=${layout.totalsY} text-anchor="middle"
        dominant-baseline="central">${f.integer(layout.totals.all)}</text>
    </g>`;
  }

  private renderTooltip(layout: MatrixLayout, c: MatrixCell) {
    const rowTotal = layout.totals.rows[c.row] ?? 0;
    const share = rowTotal > 0 ? formats(this.locale).percent(c.customers / rowTotal) : '–';
    const left = ((c.x + c.w / 2) / layout.width) * 100;
    const top = (c.y / layout.height) * 100;
    // The grid cell's own label says the same; the tooltip is for sighted pointer users.
    return html`<div class="tooltip" part="tooltip" aria-hidden="true" style=${styleProps({ left: `${left}%`, top: `${top}%` })}>
      ${this.cellLabel(c)}<br />${share} of ${c.from}${c.stayed ? ' (stayed)' : ''}
    </div>`;
  }

  private renderTable(layout: MatrixLayout, integer: (n: number) => string) {
    const m = this.migration!;
    return html`<details part="table">
      <summary>Show as a table</summary>
      <table>
        <caption>
          Customers by segment on ${m.from ?? '–'} (rows) and on ${m.to ?? '–'} (columns)
        </caption>
        <thead>
          <tr>
            <th scope="col">From \\ To</th>
            ${layout.colLabels.map((c) => html`<th scope="col">${c.text}</th>`)}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          ${layout.rowLabels.map(
            (r) => html`<tr>
              <th scope="row">${r.text}</th>
              ${layout.cells.filter((c) => c.row === r.index).map((c) => html`<td>${integer(c.customers)}</td>`)}
              <td>${integer(r.total)}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            ${layout.colLabels.map((c) => html`<td>${integer(c.total)}</td>`)}
            <td>${integer(layout.totals.all)}</td>
          </tr>
        </tfoot>
      </table>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-migration': RapportMigration;
  }
}
