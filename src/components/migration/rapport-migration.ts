import { html, svg, css, nothing, type PropertyValues } from 'lit';
import { styleProps } from '../base/style-props.js';
import { customElement, property, state } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { segmentColour, themeTokens } from '../base/theme.js';
import { selectedCellMark, selectedCellStyles } from '../base/selected-cell.js';
import { moveInGrid } from '../base/grid-keys.js';
import { tooltipStyles } from '../base/chart-styles.js';
import { formats, type Formats } from '../format.js';
import { Localized } from '../base/i18n.js';
import { commonMessages, segmentLabel } from '../base/common-messages.js';
import { messages } from './messages.js';
import { RapportDataConsumer } from '../base/data-consumer.js';
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
 * Arrow keys move between cells; Enter, Space or a click selects one. Cells are toggle buttons:
 * the one named by `selected` has `aria-pressed="true"`, a thick ring in the selected colour
 * and a corner mark, kept visible while another cell is hovered or focused.
 *
 * Words and dates follow the `lang` in force (the element's, an ancestor's or the page's: en,
 * pt, es, fr, ms); the preset segment names are translated, a team's own names are shown as
 * written. Events carry the segment names as the data gives them.
 * @event rapport-migration-select - A cell was chosen; detail `{ from, to }` (segment names as in the data).
 * @csspart title - The dates line.
 * @csspart note - How to read the chart, under the title.
 * @csspart chart - The SVG.
 * @csspart label - Each segment name along the rows and columns, and the "Total" labels.
 * @csspart cell - Each cell's rectangle.
 * @csspart cell-selected - The ring and corner mark drawn over the selected cell.
 * @csspart value - Each count inside a cell, and each total.
 * @csspart total - Each row, column and grand total.
 * @csspart swatch - The colour key beside each segment label (the shared segment palette, `--rapport-segment-color-N`).
 * @csspart tooltip - The hover/focus tooltip.
 * @csspart table-toggle - The "Show as table" disclosure's summary.
 * @csspart table - The table equivalent (inside its disclosure).
 * @csspart table-caption - The table's caption.
 * @csspart table-header - Each column header.
 * @csspart table-row - Each body row and the totals row.
 * @csspart table-row-header - The segment name (or "Total") heading each row.
 * @csspart table-cell - Each count cell.
 * @csspart empty - The message shown without data.
 * @cssproperty --rapport-migration-cell-color - Colour mixed into cells by count (default primary).
 * @cssproperty --rapport-migration-stayed-color - Outline of the diagonal cells (default text).
 * @cssproperty --rapport-migration-label-color - Segment names and "Total" labels (default: muted text).
 * @cssproperty --rapport-migration-value-color - Counts in light cells and totals (default: text; dark cells use on-primary).
 * @cssproperty --rapport-migration-focus-color - Outline of the hovered or focused cell (default: `--rapport-color-focus-ring`).
 * @cssproperty --rapport-migration-selected-color - Ring and corner mark of the selected cell (default: `--rapport-segments-selected-color`, else text colour, as the segments' selected tile).
 */
@customElement('rapport-migration')
export class RapportMigration extends RapportElement {
  static override styles = [
    themeTokens,
    tooltipStyles,
    selectedCellStyles,
    css`
      :host {
        display: block;
        --_cell: var(--rapport-migration-cell-color, var(--_primary));
        --_stayed: var(--rapport-migration-stayed-color, var(--_text));
        --_label: var(--rapport-migration-label-color, var(--_muted));
        --_value: var(--rapport-migration-value-color, var(--_text));
        --_focus: var(--rapport-migration-focus-color, var(--_focus-ring));
        --_selected: var(--rapport-migration-selected-color, var(--rapport-segments-selected-color, var(--_text)));
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
        fill: var(--_value);
      }
      .label {
        fill: var(--_label);
      }
      .total {
        font-variant-numeric: var(--_numeric);
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
        stroke: var(--_focus);
        stroke-width: 3;
        stroke-dasharray: none;
      }
      .cell[aria-pressed='true'] rect {
        stroke: var(--_selected);
        stroke-width: 2;
        stroke-dasharray: none;
      }
      .cell-selected .inner-focus {
        fill: none;
        stroke: var(--_focus);
        stroke-width: 3;
      }
      .swatch {
        stroke: var(--_mark-outline);
        stroke-width: 1;
      }
      .count {
        font-variant-numeric: var(--_numeric);
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
        font-variant-numeric: var(--_numeric);
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
        .cell[aria-pressed='true'] rect {
          stroke: Highlight;
        }
        .cell-selected .inner-focus {
          stroke: CanvasText;}
      }
    `,
  ];

  /** Segment migration between two dates (from the migration query); null shows the empty state. */
  @property({ attribute: false }) migration: MigrationResult | null = null;
  /** Locale of numbers and dates (default: the language in force, from `lang`). */
  @property() locale?: string;
  /**
   * The selected cell, by its segment names as in the data (`from` a row, `to` a column), or
   * null for none: that cell is shown pressed (`aria-pressed="true"`, a ring in
   * `--rapport-migration-selected-color` and a corner mark) and takes the Tab stop. Set by the
   * host; choosing a cell only fires `rapport-migration-select`, also for the selected one (the
   * host decides, e.g. toggles it off). A pair not in the matrix marks nothing.
   */
  @property({ attribute: false }) selected: { from: string; to: string } | null = null;

  /** The cell that takes Tab focus (roving tabindex). */
  @state() private active = { row: 0, col: 0 };
  @state() private hovered: MatrixCell | null = null;
  @state() private focused: MatrixCell | null = null;

  private layout: MatrixLayout | null = null;
  /** The layout's cell named by `selected`, if any. */
  private selectedCell: MatrixCell | undefined;
  private moveFocus = false;
  private msg = new Localized(this, messages);
  /** Inside a `<rapport-data>`: the provider's segment migration and the selected cell. Outside one, nothing. */
  private fromProvider = new RapportDataConsumer(this, (s) => {
    this.migration = s.migration;
    this.selected = s.selection.migration ?? null;
  });

  private get f(): Formats {
    return formats(this.locale ?? this.msg.tag);
  }

  /** A segment's name in the interface language (preset names and "Not yet a customer" translated). */
  private nameOf(segment: string): string {
    return segmentLabel(this.msg.lang, segment);
  }

  /** A date of the migration in the locale's medium style, or a dash when there is none. */
  private dateOf(iso: string | null | undefined): string {
    return iso ? this.f.date(iso) : '–';
  }

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
    if (changed.has('migration') || changed.has('selected')) {
      const s = this.selected;
      this.selectedCell = s ? this.layout?.cells.find((c) => c.from === s.from && c.to === s.to) : undefined;
      // Tab lands on the chosen cell, unless the user is moving through the grid.
      if (this.selectedCell && !this.focused) this.active = { row: this.selectedCell.row, col: this.selectedCell.col };
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
    return this.msg.t('cell', { n: c.customers, count: this.f.integer(c.customers), from: this.nameOf(c.from), to: this.nameOf(c.to) });
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
    const t = this.msg;
    const m = this.migration;
    if (!m) return html`<p part="empty" class="note">${t.t('empty.no-data')}</p>`;
    if (!this.layout) return html`<p part="empty" class="note">${t.t('empty.no-orders')}</p>`;
    const layout = this.layout;
    const f = this.f;
    const tip = this.hovered ?? this.focused;
    const dates = { from: this.dateOf(m.from), to: this.dateOf(m.to) };
    return html`
      <p class="title" id="title" part="title">${t.t('title', dates)}</p>
      <p class="note" id="note" part="note">${t.t('note', dates)}</p>
      <div class="wrap" @mouseleave=${() => (this.hovered = null)}>
        <svg part="chart" viewBox="0 0 ${layout.width} ${layout.height}" role="presentation">
          ${this.renderGrid(layout)} ${this.renderSelectedMark()} ${this.renderSwatches(layout, m.segments)} ${this.renderTotals(layout)}
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
          (l) => svg`<text role="columnheader" aria-colindex=${l.index + 2} class="label" part="label"
            transform="translate(${l.position},${plot.y - SWATCH - 8}) rotate(-40)">${this.nameOf(l.text)}</text>`,
        )}
      </g>
      ${layout.rowLabels.map(
        (r) => svg`<g role="row" aria-rowindex=${r.index + 2}>
          <text role="rowheader" aria-colindex="1" class="label" part="label" x=${plot.x - SWATCH - 12} y=${r.position}
            text-anchor="end" dominant-baseline="central">${this.nameOf(r.text)}</text>
          ${layout.cells.filter((c) => c.row === r.index).map((c) => this.renderCell(c))}
        </g>`,
      )}
    </g>`;
  }

  private renderCell(c: MatrixCell) {
    const n = this.f.integer(c.customers);
    const fits = c.w >= n.length * 7 + 6 && c.h >= 14;
    const pct = Math.round(c.intensity * 85);
    const isActive = this.active.row === c.row && this.active.col === c.col;
    // A toggle button inside the grid cell, so the cell can say it is pressed and the grid keeps its rows and columns.
    return svg`<g role="gridcell" aria-colindex=${c.col + 2}><g class="cell" role="button" tabindex=${isActive ? 0 : -1}
        aria-pressed=${c === this.selectedCell ? 'true' : 'false'}
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
          ? svg`<text class=${c.intensity > 0.55 ? 'count strong' : 'count'} part="value" aria-hidden="true" x=${c.x + c.w / 2}
              y=${c.y + c.h / 2} text-anchor="middle" dominant-baseline="central">${n}</text>`
          : nothing
      }
    </g></g>`;
  }

  /**
   * The selected cell's ring, drawn after the whole grid so no neighbour (nor a neighbour's
   * hover or focus outline) covers it, and a corner mark, so the choice does not rest on colour.
   */
  private renderSelectedMark() {
    const c = this.selectedCell;
    if (!c) return nothing;
    // The ring covers the cell's own hover/focus outline: show that one inside it instead.
    const inner =
      this.focused === c || this.hovered === c
        ? svg`<rect class="inner-focus" x=${c.x + 6.5} y=${c.y + 6.5} width=${Math.max(0, c.w - 13)} height=${Math.max(0, c.h - 13)}></rect>`
        : nothing;
    return selectedCellMark(c, 12, inner);
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
    const f = this.f;
    const total = this.msg.t('total');
    const { plot } = layout;
    return svg`<g aria-hidden="true">
      <text class="label" part="label" x=${layout.totalsX} y=${plot.y - 6} text-anchor="middle">${total}</text>
      ${layout.rowLabels.map(
        (r) => svg`<text class="total" part="value total" x=${layout.totalsX} y=${r.position} text-anchor="middle"
          dominant-baseline="central">${f.integer(r.total)}</text>`,
      )}
      <text class="label" part="label" x=${plot.x - 8} y=${layout.totalsY} text-anchor="end" dominant-baseline="central">${total}</text>
      ${layout.colLabels.map(
        (c) => svg`<text class="total" part="value total" x=${c.position} y=${layout.totalsY} text-anchor="middle"
          dominant-baseline="central">${f.integer(c.total)}</text>`,
      )}
      <text class="total" part="value total" x=${layout.totalsX} y=${layout.totalsY} text-anchor="middle"
        dominant-baseline="central">${f.integer(layout.totals.all)}</text>
    </g>`;
  }

  private renderTooltip(layout: MatrixLayout, c: MatrixCell) {
    const rowTotal = layout.totals.rows[c.row] ?? 0;
    const share = rowTotal > 0 ? this.f.percent(c.customers / rowTotal) : '–';
    const left = ((c.x + c.w / 2) / layout.width) * 100;
    const top = (c.y / layout.height) * 100;
    // The grid cell's own label says the same; the tooltip is for sighted pointer users.
    return html`<div class="tooltip" part="tooltip" aria-hidden="true" style=${styleProps({ left: `${left}%`, top: `${top}%` })}>
      ${this.cellLabel(c)}<br />${this.msg.t(c.stayed ? 'tip.stayed' : 'tip.share', { share, from: this.nameOf(c.from) })}
    </div>`;
  }

  private renderTable(layout: MatrixLayout, integer: (n: number) => string) {
    const t = this.msg;
    const m = this.migration!;
    const total = t.t('total');
    return html`<details>
      <summary part="table-toggle">${t.from(commonMessages, 'action.show-table')}</summary>
      <table part="table">
        <caption part="table-caption">
          ${t.t('caption', { from: this.dateOf(m.from), to: this.dateOf(m.to) })}
        </caption>
        <thead>
          <tr part="table-row">
            <th scope="col" part="table-header">${t.t('corner')}</th>
            ${layout.colLabels.map((c) => html`<th scope="col" part="table-header">${this.nameOf(c.text)}</th>`)}
            <th scope="col" part="table-header">${total}</th>
          </tr>
        </thead>
        <tbody>
          ${layout.rowLabels.map(
            (r) => html`<tr part="table-row">
              <th scope="row" part="table-row-header">${this.nameOf(r.text)}</th>
              ${layout.cells.filter((c) => c.row === r.index).map((c) => html`<td part="table-cell">${integer(c.customers)}</td>`)}
              <td part="table-cell">${integer(r.total)}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr part="table-row">
            <th scope="row" part="table-row-header">${total}</th>
            ${layout.colLabels.map((c) => html`<td part="table-cell">${integer(c.total)}</td>`)}
            <td part="table-cell">${integer(layout.totals.all)}</td>
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
