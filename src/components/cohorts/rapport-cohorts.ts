import { html, svg, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { styleProps } from '../base/style-props.js';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { chartHeaderStyles, tableEquivalentStyles, toggleStyles } from '../base/chart-styles.js';
import { moveInGrid } from '../base/grid-keys.js';
import { formats, type Formats } from '../format.js';
import { Localized } from '../base/i18n.js';
import { commonMessages } from '../base/common-messages.js';
import { messages } from './messages.js';
import { RapportDataConsumer, fillCurrency } from '../base/data-consumer.js';
import { COHORT_METRICS, cohortLayout, type CohortLayout, type CohortMark, type CohortMetric } from '../../charts/cohort-layout.js';
import type { CohortRetention } from '../../analytics/cohorts.js';

export type { CohortMetric };

/**
 * Rows of the grid drawn per update when new figures bring new rows: the next block follows at
 * once, or in a task of its own once the turn has rendered for a while (render-turns.ts). Three
 * years of monthly cohorts are over 600 cells; drawn at once they made a 60-80 ms task at 1M
 * order lines, and a frame of as much after it. Rows already drawn are updated in place at once.
 */
const ROW_BLOCK = 8;
/** One cell in viewBox units (the SVG is drawn at this size and shrinks to 80% of it before scrolling). */
const CELL_W = 50;
const CELL_H = 30;
/** The row headings left of the cells: cohort month, its size, its repeat-revenue share. */
const COHORT_W = 100;
const SIZE_W = 76;
const REPEAT_W = 90;
const LEFT = COHORT_W + SIZE_W + REPEAT_W;
/** Room above the cells for the axis title and the column headings (up to two lines each). */
const TOP = 62;
const BOTTOM = 4;
/** Label font size and a rough glyph width (viewBox units), to break a long heading in two. */
const HEAD_PX = 12;
const GLYPH_PX = 6.8;

let nextId = 0;

/**
 * @summary Cohort retention as a heat map: one row per month of acquisition (with the cohort's
 * size and its repeat-revenue share), one column per month since the first order, each cell the
 * share of the cohort's customers who bought that month, or, switched to revenue, that month's
 * net revenue as a share of the cohort's first month. The overall repeat-revenue share, a
 * legend and a table equivalent go with it.
 *
 * The grid is one tab stop: arrow keys move between cells, Home / End go to the row's first and
 * last cell (with Ctrl, the grid's), and each cell's figures are its accessible name. Months after
 * the data's end are drawn as dashed, empty cells. Works from plain data (`data`) or inside a
 * `<rapport-data>` (its `cohorts`, when the provider publishes them).
 *
 * Words, numbers and months follow the `lang` in force (the element's, an ancestor's or the
 * page's: en, pt, es, fr, ms), or `locale` for numbers when set.
 * @csspart card - The element's box.
 * @csspart title - The chart's title.
 * @csspart toggle - The customers / revenue buttons' group.
 * @csspart button - Each of those buttons (`aria-pressed` tells the chosen one).
 * @csspart figures - The overall figures (customers acquired, cohorts, repeat-revenue share, end date).
 * @csspart figure - Each overall figure.
 * @csspart value - The number of each overall figure.
 * @csspart note - The sentences saying how to read the chart.
 * @csspart chart - The scrolling box holding the SVG.
 * @csspart grid - The SVG.
 * @csspart axis - The column headings and the axis title (a group).
 * @csspart axis-label - Each month number and each column heading.
 * @csspart axis-title - The "months since first order" title.
 * @csspart row-header - Each row's heading: cohort month, size and repeat-revenue share.
 * @csspart cell - Each cell's rectangle (also `cell-future` on months not observed yet).
 * @csspart label - The share written inside each cell.
 * @csspart focus-ring - The ring around the hovered or focused cell.
 * @csspart readout - The line under the grid giving the hovered or focused cell's figures.
 * @csspart legend - The colour legend.
 * @csspart legend-item - Each class of the legend.
 * @csspart legend-swatch - The colour sample of a legend class.
 * @csspart table-toggle - The "Show as table" disclosure's summary.
 * @csspart table - The table equivalent.
 * @csspart table-caption - The table's caption.
 * @csspart table-header - Each column header.
 * @csspart table-row - Each body row.
 * @csspart table-row-header - The cohort heading each row.
 * @csspart table-cell - Each figure cell.
 * @csspart empty - The message shown without data.
 * @cssprop --rapport-cohorts-color - Hue of the sequential scale: light steps mix it into the low colour (default: primary).
 * @cssprop --rapport-cohorts-low-color - What the light steps mix the hue into (default: surface).
 * @cssprop --rapport-cohorts-high-color - The strongest step; the one below it is halfway between it and the hue (default: the hue mixed half and half with the text colour).
 * @cssprop --rapport-cohorts-empty-color - Fill of months not observed yet and of cells without a share (default: surface).
 * @cssprop --rapport-cohorts-empty-border-color - Dashed outline of those cells (default: border).
 * @cssprop --rapport-cohorts-cell-text-color - Share written on the light steps (default: text).
 * @cssprop --rapport-cohorts-cell-strong-text-color - Share written on the dark steps (default: on-primary).
 * @cssprop --rapport-cohorts-axis-color - Month numbers, column headings and row headings (default: `--rapport-chart-axis-color`).
 * @cssprop --rapport-cohorts-axis-title-color - The axis title and the cohort months (default: `--rapport-chart-label-color`).
 * @cssprop --rapport-chart-mark-outline-color - The line between cells (default: surface).
 * @cssprop --rapport-color-focus-ring - Ring around the hovered or focused cell, on a surface-coloured halo (default: primary).
 */
@customElement('rapport-cohorts')
export class RapportCohorts extends RapportElement {
  static {
    // Its blocks of rows are updates asked for in updated(), on purpose; Lit's development build warns of those.
    (this as unknown as { disableWarning?: (warning: string) => void }).disableWarning?.('change-in-update');
  }

  static override styles = [
    themeTokens,
    chartHeaderStyles,
    toggleStyles,
    tableEquivalentStyles,
    css`
      :host {
        display: block;
        --_hue: var(--rapport-cohorts-color, var(--_primary));
        --_low: var(--rapport-cohorts-low-color, var(--_surface));
        --_high: var(--rapport-cohorts-high-color, color-mix(in srgb, var(--_hue) 50%, var(--_text)));
        --_empty: var(--rapport-cohorts-empty-color, var(--_surface));
        --_empty-border: var(--rapport-cohorts-empty-border-color, var(--_border));
        --_cell-text: var(--rapport-cohorts-cell-text-color, var(--_text));
        --_cell-strong-text: var(--rapport-cohorts-cell-strong-text-color, var(--_on-primary));
        --_axis-ink: var(--rapport-cohorts-axis-color, var(--_axis));
        --_axis-title: var(--rapport-cohorts-axis-title-color, var(--_chart-label));
        /*
         * The sequential scale. Labels stay at 4.5:1 or more on the default tokens in both
         * schemes: the text colour up to a 52% mix (light 6.7:1, dark 5:1), the on-primary colour
         * from 92% (light 5.3:1, dark 6.8:1). Mixes in between pass in neither scheme, so the
         * ramp skips them and goes on past the hue towards the high colour instead.
         */
        --_step-0: color-mix(in srgb, var(--_hue) 10%, var(--_low));
        --_step-1: color-mix(in srgb, var(--_hue) 20%, var(--_low));
        --_step-2: color-mix(in srgb, var(--_hue) 31%, var(--_low));
        --_step-3: color-mix(in srgb, var(--_hue) 42%, var(--_low));
        --_step-4: color-mix(in srgb, var(--_hue) 52%, var(--_low));
        --_step-5: color-mix(in srgb, var(--_hue) 92%, var(--_low));
        --_step-6: color-mix(in srgb, var(--_hue) 50%, var(--_high));
        --_step-7: var(--_high);
      }
      .card {
        display: block;
      }
      .figures {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gap-small) calc(var(--_gap) * 1.5);
        margin: 0.2em 0 0.6em;
      }
      .figure {
        display: flex;
        flex-direction: column-reverse;
        margin: 0;
      }
      .figure dt {
        color: var(--_muted);
        font-size: var(--_font-size-small);
      }
      .figure dd {
        margin: 0;
        font-size: var(--_font-size-large);
        font-weight: var(--_weight-strong);
        font-variant-numeric: var(--_numeric);
      }
      .chart {
        overflow-x: auto;
        position: relative;
      }
      svg {
        display: block;
        width: 100%;
        /* Natural size at most; below 80% of it the box scrolls rather than shrink the text. */
        max-width: var(--_natural-width);
        min-width: calc(var(--_natural-width) * 0.8);
        height: auto;
        font-family: var(--_font);
        font-variant-numeric: var(--_numeric);
      }
      .axis text,
      .row-head text {
        font-size: ${HEAD_PX}px;
        fill: var(--_axis-ink);
      }
      .axis .axis-title,
      .row-head .cohort {
        fill: var(--_axis-title);
      }
      .axis .axis-title {
        font-weight: 600;
      }
      .cell {
        outline: none;
      }
      .cell rect {
        fill: var(--_fill);
        stroke: var(--_mark-outline);
        stroke-width: 1;
        transition: fill 160ms ease-out;
      }
      .cell text {
        font-size: ${HEAD_PX}px;
        fill: var(--_ink);
        pointer-events: none;
      }
      /* "185,4 %" and the like: smaller, to stay inside the cell. */
      .cell text.long {
        font-size: ${HEAD_PX - 2}px;
      }
      .cell:focus-visible,
      [tabindex]:focus-visible {
        outline: none;
      }
      /* Drawn over the grid on a surface halo, so it shows on the lightest and the darkest step alike. */
      .focus-ring {
        fill: none;
        pointer-events: none;
      }
      .focus-ring .halo {
        stroke: var(--_surface);
        stroke-width: 6;
      }
      .focus-ring .ring {
        stroke: var(--_focus-ring);
        stroke-width: 3;
      }
      .step-0 { --_fill: var(--_step-0); --_ink: var(--_cell-text); }
      .step-1 { --_fill: var(--_step-1); --_ink: var(--_cell-text); }
      .step-2 { --_fill: var(--_step-2); --_ink: var(--_cell-text); }
      .step-3 { --_fill: var(--_step-3); --_ink: var(--_cell-text); }
      .step-4 { --_fill: var(--_step-4); --_ink: var(--_cell-text); }
      .step-5 { --_fill: var(--_step-5); --_ink: var(--_cell-strong-text); }
      .step-6 { --_fill: var(--_step-6); --_ink: var(--_cell-strong-text); }
      .step-7 { --_fill: var(--_step-7); --_ink: var(--_cell-strong-text); }
      .empty-cell {
        --_fill: var(--_empty);
        --_ink: var(--_muted);
      }
      .empty-cell rect {
        stroke: var(--_empty-border);
        stroke-dasharray: 3 3;
      }
      .readout {
        min-height: 1.4em;
        margin: 0.3em 0 0;
        font-size: var(--_font-size-small);
        color: var(--_text);
      }
      .notes {
        margin-top: 0.3em;
      }
      .legend {
        align-items: center;
        margin-top: 0.4em;
      }
      .legend .legend-title {
        color: var(--_muted);
      }
      .swatch {
        display: inline-block;
        width: 1.4em;
        height: 0.9em;
        border-radius: 2px;
        background: var(--_fill);
        border: 1px solid var(--_border);
      }
      .empty-cell.swatch {
        border-style: dashed;
      }
      /* A long triangle scrolls inside the card instead of widening the page. */
      .table-wrap {
        overflow-x: auto;
        /* Holds the visually hidden words of its cells, which would otherwise widen the page. */
        position: relative;
      }
      th,
      td {
        white-space: nowrap;
      }
      th[scope='row'],
      thead th:first-child {
        text-align: start;
      }
      .empty {
        color: var(--_muted);
        margin: 0;
      }
      @media (prefers-reduced-motion: reduce) {
        .cell rect {
          transition: none;
        }
      }
      @media (forced-colors: active) {
        .cell rect,
        .swatch {
          forced-color-adjust: none;
          fill: Canvas;
          background: Canvas;
          stroke: CanvasText;
          border-color: CanvasText;
        }
        .cell text {
          fill: CanvasText;
        }
        .focus-ring .ring {
          stroke: Highlight;
        }
        .focus-ring .halo {
          stroke: Canvas;
        }
      }
    `,
  ];

  /** Cohort retention (e.g. `Dataset.cohorts()`); null shows the empty state. Inside a `<rapport-data>` that publishes `cohorts`, the provider's. */
  @property({ attribute: false }) data: CohortRetention | null = null;
  /** What the cells show: `customers` (share of the cohort who bought; default) or `revenue` (share of the first month's net revenue). */
  @property({ reflect: true }) metric: CohortMetric = 'customers';
  /** Locale of numbers and months (default: the language in force, from `lang`). */
  @property() locale?: string;
  /** ISO 4217 code for money figures; plain numbers when unset. */
  @property() currency?: string;

  /** The cell holding the roving tabindex. */
  @state() private active = { row: 0, col: 0 };
  /** The cell whose figures the readout shows (hovered, else focused). */
  @state() private hovered: CohortMark | null = null;
  @state() private focused: CohortMark | null = null;
  /**
   * Whether the reader has opened the table. Until then it is not rendered: it has a cell per
   * mark, as many as the grid (over a thousand for three years of cohorts), and rendering both
   * at once was most of a 60-80 ms task at 1M order lines.
   */
  @state() private tableOpen = false;
  /** Rows of the grid drawn so far (new ones ROW_BLOCK at a time). */
  @state() private rowsShown = Number.POSITIVE_INFINITY;

  private layout: CohortLayout | null = null;
  private readonly ids = `rapport-cohorts-${nextId++}`;
  private msg = new Localized(this, messages);
  /** Inside a `<rapport-data>`: its cohorts. Outside one, nothing. */
  private fromProvider = new RapportDataConsumer(this, (s) => {
    this.data = s.cohorts;
    fillCurrency(this, s);
  });

  private get f(): Formats {
    return formats(this.locale ?? this.msg.tag, this.currency);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!(COHORT_METRICS as readonly string[]).includes(this.metric)) this.metric = 'customers';
    if (changed.has('data')) {
      // Rows drawn before are updated in place (a focused cell keeps its element); new ones come a block at a time.
      const drawn = Math.min(this.rowsShown, this.layout?.rows.length ?? 0);
      this.rowsShown = Math.max(ROW_BLOCK, drawn, this.active.row + 1);
    }
    if (changed.has('data') || changed.has('metric')) {
      const d = this.data;
      if (d && d.cohorts?.length) {
        const months = d.cells?.length ? Math.max(...d.cells.map((c) => c.monthsSince)) + 1 : 1;
        this.layout = cohortLayout(d, { width: months * CELL_W, height: d.cohorts.length * CELL_H }, { metric: this.metric });
      } else {
        this.layout = null;
      }
      const rows = this.layout?.rows.length ?? 0;
      const cols = this.layout?.columns.length ?? 0;
      this.active = { row: Math.min(this.active.row, Math.max(0, rows - 1)), col: Math.min(this.active.col, Math.max(0, cols - 1)) };
      // The marks are new objects: keep the readout on the same cell, in the new metric.
      const same = (m: CohortMark | null) => (m ? (this.layout?.marks.find((x) => x.row === m.row && x.col === m.col) ?? null) : null);
      this.hovered = same(this.hovered);
      this.focused = same(this.focused);
    }
  }

  protected override updated(): void {
    // The next block of rows: its own update (updateComplete waits for the last).
    if (this.layout && this.rowsShown < this.layout.rows.length) this.rowsShown += ROW_BLOCK;
  }

  override render() {
    const t = this.msg;
    const d = this.data;
    if (!d) return html`<p class="empty" part="empty">${t.t('empty.no-data')}</p>`;
    const layout = this.layout;
    if (!layout) return html`<p class="empty" part="empty">${t.t('empty.no-orders')}</p>`;
    const f = this.f;
    const shown = this.hovered ?? this.focused;
    return html`<div class="card" part="card">
      <div class="head">
        <span class="title" id="${this.ids}-title" part="title">${t.t(`title.${this.metric}`)}</span>
        <div class="toggle" part="toggle" role="group" aria-label=${t.t('toggle.label')}>
          ${COHORT_METRICS.map(
            (m) => html`<button
              type="button"
              part="button"
              aria-pressed=${this.metric === m ? 'true' : 'false'}
              @click=${() => (this.metric = m)}
            >
              ${t.t(`metric.${m}`)}
            </button>`,
          )}
        </div>
      </div>
      ${this.renderFigures(d, f)}
      <div class="chart" part="chart" @mouseleave=${() => (this.hovered = null)}>
        <svg
          part="grid"
          role="presentation"
          width=${LEFT + layout.width}
          height=${TOP + layout.height + BOTTOM}
          viewBox="0 0 ${LEFT + layout.width} ${TOP + layout.height + BOTTOM}"
          style=${styleProps({ '--_natural-width': `${LEFT + layout.width}px` })}
        >
          ${this.renderAxisTitle(layout)} ${this.renderGrid(layout, f)} ${shown ? this.renderFocusRing(shown) : nothing}
        </svg>
      </div>
      <p class="readout" part="readout" aria-hidden="true">${shown ? this.cellLabel(shown, f) : nothing}</p>
      <p id="${this.ids}-help" class="visually-hidden">${t.t('grid.help')}</p>
      ${this.renderLegend(layout, f)}
      <ul class="notes" part="note">
        <li>${t.t(`note.${this.metric}`)}</li>
        <li>${t.t('note.repeat')}</li>
      </ul>
      ${this.renderTable(layout, f)}
    </div>`;
  }

  private renderFigures(d: CohortRetention, f: Formats) {
    const t = this.msg;
    const o = d.overall;
    const figure = (label: string, value: string) =>
      html`<div class="figure" part="figure"><dt>${label}</dt><dd part="value">${value}</dd></div>`;
    return html`<dl class="figures" part="figures">
      ${figure(t.t('figure.repeat'), o.repeatRevenueShare === null ? '–' : f.percent(o.repeatRevenueShare))}
      ${figure(t.t('figure.customers'), f.integer(o.customers))} ${figure(t.t('figure.cohorts'), f.integer(d.cohorts.length))}
      ${d.end ? figure(t.t('figure.end'), f.date(d.end)) : nothing}
    </dl>`;
  }

  /** The axis title, for sight only (the grid's column headers carry the months' names). */
  private renderAxisTitle(layout: CohortLayout) {
    const wide = layout.width / 2 > 120;
    return svg`<g class="axis" part="axis" aria-hidden="true">
      <text class="axis-title" part="axis-title" x=${LEFT + (wide ? layout.width / 2 : 0)} y="14" text-anchor=${wide ? 'middle' : 'start'}>${this.msg.t('axis.months')}</text>
    </g>`;
  }

  /**
   * The grid's first row: one header over the row headings (its three column titles drawn, its
   * name "Cohort") and one per month, drawn as the month number and named "Month n".
   */
  private renderHeaderRow(layout: CohortLayout, f: Formats) {
    const t = this.msg;
    const y = TOP - 8;
    const lines = (text: string, width: number, x: number, anchor: string) =>
      headingLines(text, width).map(
        (line, i, all) => svg`<text part="axis-label" x=${x} y=${y - (all.length - 1 - i) * (HEAD_PX + 2)} text-anchor=${anchor}>${line}</text>`,
      );
    return svg`<g role="row" aria-rowindex="1" class="axis" part="axis">
      <g role="columnheader" aria-colindex="1" aria-label=${t.t('col.cohort')}>
        ${lines(t.t('col.cohort'), COHORT_W - 8, 0, 'start')}
        ${lines(t.t('col.size'), SIZE_W - 8, COHORT_W + SIZE_W - 10, 'end')}
        ${lines(t.t('col.repeat'), REPEAT_W - 12, LEFT - 14, 'end')}
      </g>
      ${layout.columns.map(
        (c) => svg`<text role="columnheader" aria-colindex=${c.index + 2} aria-label=${t.t('col.month', { month: f.integer(c.monthsSince) })}
          part="axis-label" x=${LEFT + c.x} y=${y} text-anchor="middle">${f.integer(c.monthsSince)}</text>`,
      )}
    </g>`;
  }

  private renderGrid(layout: CohortLayout, f: Formats) {
    const t = this.msg;
    const cols = layout.columns.length;
    return svg`<g role="grid" aria-labelledby="${this.ids}-title" aria-describedby="${this.ids}-help"
        aria-rowcount=${layout.rows.length + 1} aria-colcount=${cols + 1} @keydown=${this.onKeyDown}>
      ${this.renderHeaderRow(layout, f)}
      ${layout.rows.slice(0, this.rowsShown).map((r) =>
        // A row is drawn again only when its figures, words or active cell change: not for each block after it.
        guard([layout, f, t.textKey, this.active.row === r.index ? this.active.col : -1], () => this.renderRow(layout, r, f)),
      )}
    </g>`;
  }

  private renderRow(layout: CohortLayout, r: CohortLayout['rows'][number], f: Formats) {
    const t = this.msg;
    const cols = layout.columns.length;
    const marks = layout.marks.slice(r.index * cols, (r.index + 1) * cols);
    const cy = TOP + r.y;
    const share = r.repeatRevenueShare === null ? '–' : f.percent(r.repeatRevenueShare);
    const rowName =
      r.repeatRevenueShare === null
        ? t.t('row.no-share', { n: r.customers, cohort: f.month(r.cohort), count: f.integer(r.customers) })
        : t.t('row', { n: r.customers, cohort: f.month(r.cohort), count: f.integer(r.customers), share });
    return svg`<g role="row" aria-rowindex=${r.index + 2}>
      <g role="rowheader" aria-colindex="1" aria-label=${rowName} class="row-head" part="row-header">
        <text class="cohort" x="0" y=${cy} dominant-baseline="central">${f.month(r.cohort)}</text>
        <text x=${COHORT_W + SIZE_W - 10} y=${cy} text-anchor="end" dominant-baseline="central">${f.integer(r.customers)}</text>
        <text x=${LEFT - 14} y=${cy} text-anchor="end" dominant-baseline="central">${share}</text>
      </g>
      ${marks.map((m) => this.renderCell(m, f))}
    </g>`;
  }

  private renderCell(m: CohortMark, f: Formats) {
    const isActive = this.active.row === m.row && this.active.col === m.col;
    const cls = m.fill >= 0 ? `step-${m.fill}` : 'empty-cell';
    const text = m.kind === 'value' ? f.percent(m.value!) : m.kind === 'no-base' ? '–' : '';
    return svg`<g role="gridcell" class="cell ${cls}" aria-colindex=${m.col + 2} tabindex=${isActive ? 0 : -1}
        aria-label=${this.cellLabel(m, f)} data-row=${m.row} data-col=${m.col} data-fill=${m.fill} data-kind=${m.kind}
        @focus=${() => {
          this.focused = m;
          this.active = { row: m.row, col: m.col };
        }}
        @blur=${() => (this.focused = null)}
        @mouseenter=${() => (this.hovered = m)}>
      <rect part=${m.kind === 'future' ? 'cell cell-future' : 'cell'} x=${LEFT + m.x} y=${TOP + m.y} width=${m.width} height=${m.height}></rect>
      ${text
        ? svg`<text part="label" x=${LEFT + m.x + m.width / 2} y=${TOP + m.y + m.height / 2} text-anchor="middle" dominant-baseline="central"
            aria-hidden="true" class=${text.length > 5 ? 'long' : ''}>${text}</text>`
        : nothing}
    </g>`;
  }

  /** The ring around the cell the readout describes (hovered, else focused). */
  private renderFocusRing(m: CohortMark) {
    const [x, y, w, h] = [LEFT + m.x - 2, TOP + m.y - 2, m.width + 4, m.height + 4];
    return svg`<g class="focus-ring" part="focus-ring" aria-hidden="true">
      <rect class="halo" x=${x} y=${y} width=${w} height=${h}></rect>
      <rect class="ring" x=${x} y=${y} width=${w} height=${h}></rect>
    </g>`;
  }

  /** A cell's figures in words: its accessible name, and the readout's text. */
  private cellLabel(m: CohortMark, f: Formats): string {
    const t = this.msg;
    const row = this.data?.cohorts[m.row];
    const base = { cohort: f.month(m.cohort), month: f.integer(m.monthsSince) };
    if (m.kind === 'future') return t.t('cell.future', base);
    if (m.kind === 'no-base') return t.t('cell.no-base', { ...base, amount: f.money(m.revenue) });
    if (this.metric === 'revenue') return t.t('cell.revenue', { ...base, share: f.percent(m.value!), amount: f.money(m.revenue) });
    const size = row?.customers ?? 0;
    return t.t('cell.customers', { ...base, n: size, size: f.integer(size), share: f.percent(m.value!), active: f.integer(m.customers) });
  }

  private renderLegend(layout: CohortLayout, f: Formats) {
    const t = this.msg;
    const item = (cls: string, label: string) =>
      html`<span part="legend-item"><span class="swatch ${cls}" part="legend-swatch" aria-hidden="true"></span>${label}</span>`;
    const range = (from: number, to: number | null) =>
      to === null ? (from === 0 ? f.percent(0) : t.t('legend.from', { from: f.percent(from) })) : `${f.percent(from)}–${f.percent(to)}`;
    const kinds = new Set(layout.marks.map((m) => m.kind));
    return html`<div class="legend" part="legend">
      <span class="legend-title">${t.t(`legend.${this.metric}`)}</span>
      ${layout.bins.map((b) => item(`step-${b.fill}`, range(b.from, b.to)))}
      ${kinds.has('no-base') ? item('empty-cell', t.t('legend.no-base')) : nothing}
      ${kinds.has('future') ? item('empty-cell', t.t('legend.future')) : nothing}
    </div>`;
  }

  private renderTable(layout: CohortLayout, f: Formats) {
    const t = this.msg;
    const cols = layout.columns.length;
    const raw = (m: CohortMark) => (this.metric === 'revenue' ? f.money(m.revenue) : f.integer(m.customers));
    const cell = (m: CohortMark) => {
      if (m.kind === 'future')
        return html`<td part="table-cell"><span aria-hidden="true">–</span><span class="visually-hidden">${t.t('table.future')}</span></td>`;
      if (m.kind === 'no-base') return html`<td part="table-cell">${f.money(m.revenue)}</td>`;
      return html`<td part="table-cell">${f.percent(m.value!)} (${raw(m)})</td>`;
    };
    return html`<details ?open=${this.tableOpen} @toggle=${(e: Event) => (this.tableOpen = (e.currentTarget as HTMLDetailsElement).open)}>
      <summary part="table-toggle">${t.from(commonMessages, 'action.show-table')}</summary>
      ${this.tableOpen
        ? html`<div class="table-wrap" tabindex="0" role="group" aria-label=${t.t(`table.caption.${this.metric}`)}>
          <table part="table">
            <caption part="table-caption">${t.t(`table.caption.${this.metric}`)}</caption>
            <thead>
              <tr>
                <th scope="col" part="table-header">${t.t('col.cohort')}</th>
                <th scope="col" part="table-header">${t.t('col.size')}</th>
                <th scope="col" part="table-header">${t.t('col.repeat')}</th>
                ${layout.columns.map((c) => html`<th scope="col" part="table-header">${t.t('col.month', { month: f.integer(c.monthsSince) })}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${layout.rows.map(
                (r) => html`<tr part="table-row">
                  <th scope="row" part="table-row-header">${f.month(r.cohort)}</th>
                  <td part="table-cell">${f.integer(r.customers)}</td>
                  <td part="table-cell">${r.repeatRevenueShare === null ? '–' : f.percent(r.repeatRevenueShare)}</td>
                  ${layout.marks.slice(r.index * cols, (r.index + 1) * cols).map(cell)}
                </tr>`,
              )}
            </tbody>
          </table>
          </div>`
        : nothing}
    </details>`;
  }

  private onKeyDown = (e: KeyboardEvent) => {
    const el = (e.target as Element).closest?.('.cell') as SVGGElement | null;
    const layout = this.layout;
    if (!el || !layout) return;
    const at = { row: Number(el.dataset.row), col: Number(el.dataset.col) };
    const next = moveInGrid(e.key, e.ctrlKey, at, { rows: layout.rows.length, cols: layout.columns.length });
    if (!next) return;
    e.preventDefault();
    this.active = next;
    // After the update that moves the tab stop, so the focus handler's own update comes after it.
    void this.updateComplete.then(() => {
      this.shadowRoot?.querySelector<SVGGElement>(`.cell[data-row="${next.row}"][data-col="${next.col}"]`)?.focus();
    });
  };
}

/**
 * A column heading in one line, or two when it is wider than `width` (split at the space
 * nearest its middle); a single long word stays whole.
 */
function headingLines(text: string, width: number): string[] {
  if (text.length * GLYPH_PX <= width) return [text];
  const spaces = [...text.matchAll(/ /g)].map((m) => m.index!);
  if (!spaces.length) return [text];
  const mid = text.length / 2;
  const at = spaces.reduce((best, i) => (Math.abs(i - mid) < Math.abs(best - mid) ? i : best));
  return [text.slice(0, at), text.slice(at + 1)];
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-cohorts': RapportCohorts;
  }
}
