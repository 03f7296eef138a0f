import { html, svg, css, nothing, type PropertyValues } from 'lit';
import { styleProps } from '../base/style-props.js';
import { customElement, property, state } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { SEGMENT_PALETTE_SIZE, themeTokens } from '../base/theme.js';
import { selectedCellMark, selectedCellStyles } from '../base/selected-cell.js';
import { moveInGrid, moveInList } from '../base/grid-keys.js';
import { tableEquivalentStyles, toggleStyles, tooltipStyles } from '../base/chart-styles.js';
import { formats, type Formats } from '../format.js';
import { Localized } from '../base/i18n.js';
import { commonMessages, segmentLabel } from '../base/common-messages.js';
import { messages } from './messages.js';
import { RapportDataConsumer, fillCurrency } from '../base/data-consumer.js';
import '../events.js';
import { treemapLayout, TREEMAP_SIZE_BY, type TreemapRect, type TreemapSizeBy } from '../../charts/treemap-layout.js';
import {
  scoreGridLayout,
  type ScoreCellCount,
  type ScoreGridCell,
  type ScoreGridLayout,
} from '../../charts/score-grid-layout.js';
import type { SegmentSummaryRow } from '../../data/rfm.js';

/** Treemap drawing box (viewBox units; the SVG scales to the element's width). */
const TREE_W = 640;
const TREE_H = 400;
/** Score grid: plot box plus room for the axes. */
const GRID_PLOT = 300;
const GRID_LEFT = 40;
const GRID_BOTTOM = 40;
const GRID_PAD = 8;
/** Label font size in viewBox units, and a rough average glyph width for the fit test. */
const LABEL_PX = 13;
const GLYPH_PX = 8;
/** A truncated tile name keeps at least this many characters (plus the ellipsis), else it is left out. */
const MIN_LABEL_CHARS = 3;

export type { ScoreCellCount };

/**
 * @summary Segments at a glance: a treemap of RFM segments sized by customers or revenue,
 * an R-by-F heat map of customers, and the segment summary as a table.
 *
 * Both charts are one tab stop each: arrow keys move between tiles (or cells), Home and End
 * jump to the first and last (in the grid: of the row; with Ctrl, of the grid), Enter or Space
 * chooses. The focused mark's figures show in a tooltip and are its accessible name. Tiles and
 * heat map cells are toggle buttons: the chosen one (`selected`, `selectedCell`) has
 * `aria-pressed="true"` and a thicker ring in the selected colour (the cell also a corner mark).
 *
 * Words follow the `lang` in force (the element's, an ancestor's or the page's: en, pt, es, fr,
 * ms); the preset segment names are translated, a team's own names are shown as written.
 * @event rapport-segment-select - The user chose a segment tile (click, Enter or Space); detail `{ segment }`.
 * @event rapport-cell-select - The user chose a heat map cell (click, Enter or Space); detail `{ r, f, customers }`.
 * @csspart title - Each chart's title (in its caption).
 * @csspart toggle - The size-by buttons' group.
 * @csspart button - Each size-by button (`aria-pressed` tells the chosen one).
 * @csspart treemap - The treemap's SVG.
 * @csspart tile - Each segment tile (a focusable group).
 * @csspart mark - Each tile's rectangle.
 * @csspart label - Text inside a tile (the name, and the share).
 * @csspart value - The share inside a tile, and the count inside a heat map cell.
 * @csspart tooltip - The figures shown for the hovered or focused tile or cell.
 * @csspart grid - The R-by-F heat map's SVG.
 * @csspart cell - Each heat map cell's rectangle.
 * @csspart cell-selected - The ring and corner mark drawn over the selected heat map cell.
 * @csspart axis - The heat map's axes (a group).
 * @csspart axis-label - Each score along an axis.
 * @csspart axis-title - The two axis titles.
 * @csspart note - The sentence under the heat map about customers not shown.
 * @csspart empty - The message shown when there are no segments.
 * @csspart table-toggle - The "Show as table" disclosure's summary.
 * @csspart table - The table equivalent.
 * @csspart table-caption - The table's caption.
 * @csspart table-header - Each column header.
 * @csspart table-row - Each body row.
 * @csspart table-row-header - The segment name heading each row.
 * @csspart table-cell - Each figure cell.
 * @cssproperty --rapport-segment-color-1 - Tile colour of the first segment, through `-10` (colours repeat after ten). A theme token shared with the other segment charts; the older `--rapport-segments-color-N` still wins when set.
 * @cssproperty --rapport-segment-label-color - Text colour on segment colours (also `--rapport-segments-label-color`).
 * @cssproperty --rapport-segments-selected-color - Outline of the selected tile and ring of the selected heat map cell (default: text colour).
 * @cssproperty --rapport-segments-heat-color - Heat map colour at full intensity (default: primary).
 * @cssproperty --rapport-segments-heat-empty-color - Heat map colour of empty cells (default: surface-alt).
 * @cssproperty --rapport-segments-cell-text-color - Count inside a light heat map cell (default: text; dark cells use on-primary).
 * @cssproperty --rapport-segments-axis-color - Scores along the heat map's axes (default: `--rapport-chart-axis-color`).
 * @cssproperty --rapport-segments-axis-title-color - The heat map's axis titles (default: `--rapport-chart-label-color`).
 * @cssproperty --rapport-chart-mark-outline-color - The line between tiles and between heat map cells (default: surface).
 * @cssproperty --rapport-color-focus-ring - Outline of the focused tile (default: primary).
 * @cssproperty --rapport-tooltip-shadow - Shadow of the tooltip, shared by every chart (default: `0 2px 8px` of `--rapport-color-shadow`).
 */
@customElement('rapport-segments')
export class RapportSegments extends RapportElement {
  static override styles = [
    themeTokens,
    tooltipStyles,
    tableEquivalentStyles,
    selectedCellStyles,
    toggleStyles,
    css`
      :host {
        display: block;
        /* The shared segment palette (theme.ts); the per-element names of 0.1 still override it. */
        --_seg-1: var(--rapport-segments-color-1, var(--_segment-1));
        --_seg-2: var(--rapport-segments-color-2, var(--_segment-2));
        --_seg-3: var(--rapport-segments-color-3, var(--_segment-3));
        --_seg-4: var(--rapport-segments-color-4, var(--_segment-4));
        --_seg-5: var(--rapport-segments-color-5, var(--_segment-5));
        --_seg-6: var(--rapport-segments-color-6, var(--_segment-6));
        --_seg-7: var(--rapport-segments-color-7, var(--_segment-7));
        --_seg-8: var(--rapport-segments-color-8, var(--_segment-8));
        --_seg-9: var(--rapport-segments-color-9, var(--_segment-9));
        --_seg-10: var(--rapport-segments-color-10, var(--_segment-10));
        --_label: var(--rapport-segments-label-color, var(--_on-segment));
        --_selected: var(--rapport-segments-selected-color, var(--_text));
        --_heat: var(--rapport-segments-heat-color, var(--_primary));
        --_heat-empty: var(--rapport-segments-heat-empty-color, var(--_surface-alt));
        --_cell-text: var(--rapport-segments-cell-text-color, var(--_text));
        --_axis: var(--rapport-segments-axis-color, var(--rapport-chart-axis-color, var(--_muted)));
        --_axis-title: var(--rapport-segments-axis-title-color, var(--_chart-label));
      }
      .panels {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gap);
        align-items: flex-start;
      }
      figure {
        margin: 0;
        position: relative;
      }
      .tree {
        flex: 2 1 22rem;
      }
      .heat {
        flex: 1 1 14rem;
        max-width: 26rem;
      }
      figcaption {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.5em;
        margin-bottom: 0.4em;
        font-weight: 600;
      }
      svg {
        display: block;
        width: 100%;
        height: auto;
        font-family: var(--_font);
      }
      .tile {
        cursor: pointer;
        outline: none;
      }
      .tile rect {
        stroke: var(--_mark-outline);
        stroke-width: 2;
      }
      .tile[aria-pressed='true'] rect {
        stroke: var(--_selected);
        stroke-width: 4;
      }
      .tile:focus-visible rect {
        stroke: var(--_focus-ring);
        stroke-width: 4;
      }
      .labels text {
        fill: var(--_label);
        font-size: ${LABEL_PX}px;
        pointer-events: none;
      }
      .labels text.name {
        font-weight: 650;
      }
      .plot {
        position: relative;
      }
      .tooltip {
        /* Centred on the tile, so it never leaves the chart nor covers the toggle. */
        transform: translate(-50%, -50%);
      }
      .tooltip.above {
        transform: translate(-50%, calc(-100% - 6px));
      }
      .tooltip.below {
        transform: translate(-50%, 6px);
      }
      .tile rect {
        fill: var(--_fill);
      }
      .cell {
        cursor: pointer;
        outline: none;
      }
      .cell rect {
        fill: var(--_fill);
        fill-opacity: var(--_fill-opacity, 1);
        stroke: var(--_mark-outline);
        stroke-width: 1;
      }
      /* The stroke is the focus ring: no second, box-shaped outline from the theme's [tabindex] rule. */
      .tile:focus-visible,
      .cell:focus-visible {
        outline: none;
      }
      /* Drawn after every cell, so no neighbour covers half of it. */
      .cell-ring {
        fill: none;
        stroke: var(--_text);
        stroke-width: 3;
        pointer-events: none;
      }
      .cell[aria-pressed='true'] rect {
        stroke: var(--_selected);
        stroke-width: 2;
      }
      .cell-count {
        font-size: 12px;
        pointer-events: none;
        fill: var(--_cell-text);
      }
      .cell-count.strong {
        fill: var(--_on-primary);
      }
      .axis text {
        font-size: 12px;
        fill: var(--_axis);
      }
      .axis .title {
        fill: var(--_axis-title);
      }
      th[scope='row'],
      thead th:first-child {
        text-align: left;
      }
      .empty,
      .note {
        color: var(--_muted);
      }
      .note {
        margin: 0.3em 0 0;
        font-size: 0.85em;
      }
      /* Last, so it wins over the token-driven fills above. */
      @media (forced-colors: active) {
        :host {
          --_label: CanvasText;
          --_selected: Highlight;
        }
        .cell-ring {
          stroke: Highlight;
        }
        .tile rect,
        .cell rect {
          fill: Canvas;
          fill-opacity: 1;
          stroke: CanvasText;
        }
        .cell[aria-pressed='true'] rect {
          stroke: Highlight;
        }
        .cell-count,
        .cell-count.strong {
          fill: CanvasText;
        }
      }
    `,
  ];

  /** One row per segment (from `readSegmentSummary`), in segment order: the n-th row takes the n-th palette colour. */
  @property({ attribute: false }) summary: SegmentSummaryRow[] = [];
  /**
   * Customers per (R, F) score pair, for the heat map, e.g. `readScoreOverview(...).grid`.
   * Missing pairs count as 0; pairs outside 1..bins are left out (and said so). The grid is
   * hidden when this is empty.
   */
  @property({ attribute: false }) cells: readonly ScoreCellCount[] = [];
  /** What tile areas show: `customers` (default) or `revenue`. */
  @property({ attribute: 'size-by', reflect: true }) sizeBy: TreemapSizeBy = 'customers';
  /** Number of score bins (the grid is bins x bins). */
  @property({ type: Number }) bins = 5;
  /** Locale of numbers (default: the language in force, from `lang`). */
  @property() locale?: string;
  /** ISO 4217 code for money figures; plain numbers when unset. */
  @property() currency?: string;
  /** The selected segment's name. */
  @property({ reflect: true }) selected?: string;
  /**
   * The selected heat map cell, by its scores, or null for none: that cell is shown pressed
   * (`aria-pressed="true"`, a ring in `--rapport-segments-selected-color` and a corner mark).
   * Set by the host; choosing a cell only fires `rapport-cell-select` (the host decides, e.g.
   * toggles it off when the same cell is chosen again). A pair outside 1..bins marks nothing.
   */
  @property({ attribute: false }) selectedCell: { r: number; f: number } | null = null;

  @state() private active: string | null = null;
  /** Which tile holds the roving tabindex. */
  @state() private focusName: string | null = null;
  /** The heat map cell whose figures the tooltip shows (hovered or focused), as `r,f`. */
  @state() private activeCell: string | null = null;
  /** Which heat map cell holds the roving tabindex, as `r,f`. */
  @state() private focusCell: string | null = null;

  private rects: TreemapRect[] = [];
  private grid: ScoreGridLayout | null = null;
  private colourIndex = new Map<string, number>();
  private rowByName = new Map<string, SegmentSummaryRow>();
  private msg = new Localized(this, messages);
  /** Inside a `<rapport-data>`: the provider's scoring (segment summary, R-by-F grid, bins) and the selected segment and cell. Outside one, nothing. */
  private fromProvider = new RapportDataConsumer(this, (s) => {
    this.summary = s.overview?.summary ?? [];
    this.cells = s.overview?.grid ?? [];
    this.bins = s.overview?.bins ?? this.bins;
    this.selected = s.selection.segment;
    this.selectedCell = s.selection.cell ?? null;
    fillCurrency(this, s);
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!(TREEMAP_SIZE_BY as readonly string[]).includes(this.sizeBy)) this.sizeBy = 'customers';
    if (!Number.isInteger(this.bins) || this.bins < 1) this.bins = 5;
    const summary = this.summary ?? [];
    if (changed.has('summary') || changed.has('sizeBy')) {
      this.rects = treemapLayout(summary, TREE_W, TREE_H, this.sizeBy);
      // Colours follow the summary's order, not the tile order, so switching size-by keeps them.
      this.colourIndex = new Map(summary.map((r, i) => [r.segment, i % SEGMENT_PALETTE_SIZE]));
      this.rowByName = new Map(summary.map((r) => [r.segment, r]));
      if (this.focusName && !this.rects.some((r) => r.label === this.focusName)) this.focusName = null;
    }
    if (changed.has('cells') || changed.has('bins')) {
      this.grid = this.cells?.length ? scoreGridLayout(this.cells, this.bins, GRID_PLOT, GRID_PLOT) : null;
      const keys = new Set(this.grid?.cells.map(cellKey));
      if (this.focusCell && !keys.has(this.focusCell)) this.focusCell = null;
      if (this.activeCell && !keys.has(this.activeCell)) this.activeCell = null;
    }
  }

  override render() {
    const f = formats(this.locale ?? this.msg.tag, this.currency);
    return html`<div class="panels">
        ${this.renderTreemap(f)} ${this.grid ? this.renderGrid(this.grid, f) : nothing}
      </div>
      ${this.renderTable(f)}`;
  }

  /** A segment's name in the interface language (preset names translated, a team's own as written). */
  private nameOf(segment: string): string {
    return segmentLabel(this.msg.lang, segment);
  }

  /** "12 customers", counted in the element's locale. */
  private customers(n: number, f: Formats): string {
    return this.msg.t('customers', { n, count: f.integer(n) });
  }

  private describe(name: string, f: Formats): string {
    const row = this.rowByName.get(name);
    if (!row) return this.nameOf(name);
    const share = this.sizeBy === 'revenue' ? row.share_of_revenue : row.share_of_customers;
    return this.msg.t(this.sizeBy === 'revenue' ? 'tile.revenue' : 'tile.customers', {
      name: this.nameOf(name),
      customers: this.customers(row.customers, f),
      revenue: f.money(row.revenue),
      share: share === null ? '–' : f.percent(share),
    });
  }

  private renderTreemap(f: Formats) {
    const t = this.msg;
    const rects = this.rects;
    const tabName =
      this.focusName ?? (this.selected && rects.some((r) => r.label === this.selected) ? this.selected : rects[0]?.label);
    const active = this.active ? rects.find((r) => r.label === this.active) : undefined;
    const activeRow = active ? this.rowByName.get(active.label) : undefined;
    const pct = (x: number | null) => (x === null ? '–' : f.percent(x));
    return html`<figure class="tree">
      <figcaption>
        <span id="tree-title" part="title">${t.t(this.sizeBy === 'revenue' ? 'title.revenue' : 'title.customers')}</span>
        <span class="toggle" role="group" aria-label=${t.t('size-by')} part="toggle">
          ${TREEMAP_SIZE_BY.map(
            (s) =>
              html`<button type="button" part="button" data-size-by=${s} aria-pressed=${this.sizeBy === s ? 'true' : 'false'} @click=${() => this.setSizeBy(s)}>
                ${t.t(s === 'revenue' ? 'size.revenue' : 'size.customers')}
              </button>`,
          )}
        </span>
      </figcaption>
      <div class="plot">
      ${rects.length
        ? html`<svg
            part="treemap"
            viewBox="0 0 ${TREE_W} ${TREE_H}"
            role="group"
            aria-labelledby="tree-title"
            @keydown=${this.onTileKey}
          >
            ${rects.map((r) => this.renderTile(r, r.label === tabName, f))}
            <g class="labels" aria-hidden="true">${rects.map((r) => this.renderTileLabels(r, f))}</g>
          </svg>`
        : html`<p class="empty" part="empty">${t.t('empty')}</p>`}
      ${active && activeRow
        ? html`<div
            class="tooltip"
            part="tooltip"
            aria-hidden="true"
            style=${styleProps({ left: `${clampPercent(((active.x + active.w / 2) / TREE_W) * 100)}%`, top: `${((active.y + active.h / 2) / TREE_H) * 100}%` })}
          >
            <strong>${this.nameOf(active.label)}</strong>
            ${t.t('tip.customers', { customers: this.customers(activeRow.customers, f), share: pct(activeRow.share_of_customers) })}<br />
            ${t.t('tip.revenue', { revenue: f.money(activeRow.revenue), share: pct(activeRow.share_of_revenue) })}<br />
            ${t.t('orders', { n: activeRow.orders, count: f.integer(activeRow.orders) })}
          </div>`
        : nothing}
      </div>
    </figure>`;
  }

  private renderTile(r: TreemapRect, tabbable: boolean, f: Formats) {
    // Through a custom property, so the forced-colors rule in the stylesheet can still win.
    const colour = `var(--_seg-${(this.colourIndex.get(r.label) ?? 0) + 1})`;
    return svg`<g
      class="tile"
      part="tile"
      role="button"
      data-segment=${r.label}
      tabindex=${tabbable ? 0 : -1}
      aria-pressed=${this.selected === r.label ? 'true' : 'false'}
      aria-label=${this.describe(r.label, f)}
      @click=${() => this.select(r.label)}
      @focus=${() => (this.active = r.label)}
      @blur=${() => (this.active = null)}
      @mouseenter=${() => (this.active = r.label)}
      @mouseleave=${() => (this.active = null)}
    >
      <rect part="mark" x=${r.x} y=${r.y} width=${r.w} height=${r.h} style=${styleProps({ '--_fill': colour })}></rect>
    </g>`;
  }

  /**
   * Labels live in their own hidden layer, not inside the buttons: the button's name carries
   * the full figures, and visible text inside it would have to repeat verbatim in that name.
   * A name too long for its tile is cut with an ellipsis (or, on a tall narrow tile, runs up
   * its height); a tile too small for even a few characters shows none (its figures are on
   * hover, on focus and in the table).
   */
  private renderTileLabels(r: TreemapRect, f: Formats) {
    const pad = 6;
    const name = this.nameOf(r.label);
    const across = r.h >= LABEL_PX + 2 * pad ? fitText(name, r.w - 2 * pad) : null;
    // A tall, narrow tile says more reading upwards along its height than cut short across.
    if (across !== name && r.h > 1.5 * r.w && r.w >= LABEL_PX + 2 * pad) {
      const up = fitText(name, r.h - 2 * pad);
      if (up !== null && up.length > (across?.length ?? 0)) {
        return svg`<text part="label" class="name" text-anchor="end"
          transform="translate(${r.x + pad + LABEL_PX * 0.85},${r.y + pad}) rotate(-90)">${up}</text>`;
      }
    }
    if (across === null) return nothing;
    const shareText = f.percent(r.share);
    const shareFits = r.h >= 2 * LABEL_PX + 3 * pad && r.w >= shareText.length * GLYPH_PX + 2 * pad;
    return svg`<text part="label" class="name" x=${r.x + pad} y=${r.y + pad + LABEL_PX * 0.85}>${across}</text>
      ${shareFits ? svg`<text part="label value" x=${r.x + pad} y=${r.y + 2 * pad + LABEL_PX * 1.85}>${shareText}</text>` : nothing}`;
  }

  private cellLabel(c: ScoreGridCell, f: Formats): string {
    const total = this.grid?.total ?? 0;
    const customers = this.customers(c.count, f);
    return total > 0
      ? this.msg.t('cell', { r: c.r, f: c.f, customers, share: f.percent(c.count / total) })
      : this.msg.t('cell.no-share', { r: c.r, f: c.f, customers });
  }

  private renderGrid(g: ScoreGridLayout, f: Formats) {
    const t = this.msg;
    const w = GRID_LEFT + GRID_PLOT + GRID_PAD;
    const h = GRID_PAD + GRID_PLOT + GRID_BOTTOM;
    // Reading order starts top-left: R 1, F = bins.
    const selectedKey = this.selectedCell ? cellKey(this.selectedCell) : null;
    const selected = selectedKey === null ? undefined : g.cells.find((c) => cellKey(c) === selectedKey);
    // Tab lands on the chosen cell first, as on the chosen tile.
    const tabKey = this.focusCell ?? (selected ? selectedKey! : cellKey(g.cells[0]!));
    const rows = Array.from({ length: this.bins }, (_, i) => g.cells.slice(i * this.bins, (i + 1) * this.bins));
    const active = this.activeCell ? g.cells.find((c) => cellKey(c) === this.activeCell) : undefined;
    return html`<figure class="heat">
      <figcaption><span id="grid-title" part="title">${t.t('grid.title')}</span></figcaption>
      <p id="grid-help" class="visually-hidden">${t.t('grid.help')}</p>
      <div class="plot">
        <svg part="grid" viewBox="0 0 ${w} ${h}" role="none">
          <g
            transform="translate(${GRID_LEFT},${GRID_PAD})"
            role="grid"
            aria-labelledby="grid-title"
            aria-describedby="grid-help"
            @keydown=${this.onCellKey}
          >
            ${rows.map(
              (row) => svg`<g role="row">${row.map((c) => this.renderCell(c, cellKey(c) === tabKey, c === selected, f))}</g>`,
            )}
            ${selected ? selectedCellMark(selected, 14) : nothing}
            ${active
              ? // Inside the selected ring when on the selected cell, so both stay visible.
                this.renderFocusRing(active, active === selected ? 6.5 : 1.5)
              : nothing}
          </g>
          <g class="axis" part="axis" aria-hidden="true">
            ${g.xTicks.map((x) => svg`<text part="axis-label" x=${GRID_LEFT + x.x} y=${GRID_PAD + GRID_PLOT + 14} text-anchor="middle">${f.integer(x.score)}</text>`)}
            ${g.yTicks.map((y) => svg`<text part="axis-label" x=${GRID_LEFT - 8} y=${GRID_PAD + y.y} text-anchor="end" dominant-baseline="central">${f.integer(y.score)}</text>`)}
            <text class="title" part="axis-title" x=${GRID_LEFT + GRID_PLOT / 2} y=${h - 6} text-anchor="middle">${t.t('axis.r')}</text>
            <text class="title" part="axis-title" transform="translate(12,${GRID_PAD + GRID_PLOT / 2}) rotate(-90)" text-anchor="middle">${t.t('axis.f')}</text>
          </g>
        </svg>
        ${active ? this.renderCellTooltip(active, w, h, f) : nothing}
      </div>
      ${g.outOfRange > 0
        ? html`<p class="note" part="note">${t.t('out-of-range', { n: g.outOfRange, count: f.integer(g.outOfRange), bins: String(this.bins) })}</p>`
        : nothing}
    </figure>`;
  }

  private renderFocusRing(c: ScoreGridCell, inset: number) {
    const b = insetBox(c, inset);
    return svg`<rect class="cell-ring" aria-hidden="true" x=${b.x} y=${b.y} width=${b.w} height=${b.h}></rect>`;
  }

  /**
   * A toggle button inside each grid cell (as the tiles are), so the cell can say it is pressed
   * while the grid keeps its rows and columns for reading.
   */
  private renderCell(c: ScoreGridCell, tabbable: boolean, pressed: boolean, f: Formats) {
    const key = cellKey(c);
    return svg`<g role="gridcell"><g
      class="cell"
      role="button"
      aria-pressed=${pressed ? 'true' : 'false'}
      tabindex=${tabbable ? 0 : -1}
      data-r=${c.r}
      data-f=${c.f}
      data-count=${c.count}
      aria-label=${this.cellLabel(c, f)}
      @click=${() => this.selectCell(c)}
      @focus=${() => {
        this.activeCell = key;
        this.focusCell = key;
      }}
      @blur=${() => (this.activeCell = null)}
      @mouseenter=${() => (this.activeCell = key)}
      @mouseleave=${() => (this.activeCell = null)}
    >
      <rect
        part="cell"
        x=${c.x} y=${c.y} width=${c.w} height=${c.h}
        style=${styleProps({ '--_fill': c.count ? 'var(--_heat)' : 'var(--_heat-empty)', '--_fill-opacity': String(c.count ? 0.12 + 0.88 * c.intensity : 1) })}
      ></rect>
      ${c.w >= 24 && c.count
        ? svg`<text class="cell-count ${c.intensity > 0.55 ? 'strong' : ''}" part="value" x=${c.x + c.w / 2} y=${c.y + c.h / 2} text-anchor="middle" dominant-baseline="central" aria-hidden="true">${f.integer(c.count)}</text>`
        : nothing}
    </g></g>`;
  }

  /** Above the cell, or below it on the top row (above would cover the caption). */
  private renderCellTooltip(c: ScoreGridCell, w: number, h: number, f: Formats) {
    const below = c.f === this.bins;
    const total = this.grid?.total ?? 0;
    const left = clampPercent(((GRID_LEFT + c.x + c.w / 2) / w) * 100);
    const top = ((GRID_PAD + c.y + (below ? c.h : 0)) / h) * 100;
    return html`<div class="tooltip ${below ? 'below' : 'above'}" part="tooltip" aria-hidden="true" style=${styleProps({ left: `${left}%`, top: `${top}%` })}>
      <strong>${this.msg.t('cell.title', { r: c.r, f: c.f })}</strong>
      ${this.customers(c.count, f)}${total > 0 ? html` (${f.percent(c.count / total)})` : nothing}
    </div>`;
  }

  private renderTable(f: Formats) {
    const t = this.msg;
    const rows = this.summary ?? [];
    if (!rows.length) return nothing;
    const pct = (x: number | null) => (x === null ? '–' : f.percent(x));
    const num = (x: number | null, fmt: (n: number) => string) => (x === null ? '–' : fmt(x));
    const heads = [
      'col.segment',
      'col.customers',
      'col.share-customers',
      'col.revenue',
      'col.share-revenue',
      'col.recency',
      'col.frequency',
      'col.monetary',
    ] as const;
    return html`<details>
      <summary part="table-toggle">${t.from(commonMessages, 'action.show-table')}</summary>
      <table part="table">
        <caption part="table-caption">${t.t('table.caption')}</caption>
        <thead>
          <tr>
            ${heads.map((k) => html`<th scope="col" part="table-header">${t.t(k)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr part="table-row" aria-selected=${this.selected === r.segment ? 'true' : nothing}>
              <th scope="row" part="table-row-header">${this.nameOf(r.segment)}</th>
              <td part="table-cell">${f.integer(r.customers)}</td>
              <td part="table-cell">${pct(r.share_of_customers)}</td>
              <td part="table-cell">${f.money(r.revenue)}</td>
              <td part="table-cell">${pct(r.share_of_revenue)}</td>
              <td part="table-cell">${num(r.average_recency_days, f.integer)}</td>
              <td part="table-cell">${num(r.average_frequency, f.decimal)}</td>
              <td part="table-cell">${num(r.average_monetary, f.money)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </details>`;
  }

  private setSizeBy(s: TreemapSizeBy) {
    this.sizeBy = s;
  }

  private select(segment: string) {
    this.selected = segment;
    this.focusName = segment;
    this.emit('rapport-segment-select', { segment });
  }

  private onTileKey = (e: KeyboardEvent) => {
    const tile = (e.target as Element).closest?.('.tile') as SVGGElement | null;
    if (!tile) return;
    const name = tile.dataset.segment ?? '';
    const i = this.rects.findIndex((r) => r.label === name);
    let next = -1;
    switch (e.key) {
      case 'Enter':
      case ' ':
        e.preventDefault();
        this.select(name);
        return;
      default:
        next = moveInList(e.key, i, this.rects.length);
        if (next < 0) return;
    }
    e.preventDefault();
    const target = this.rects[next];
    if (!target) return;
    this.focusName = target.label;
    void this.updateComplete.then(() => {
      (this.renderRoot.querySelector(`.tile[data-segment="${CSS.escape(target.label)}"]`) as SVGGElement | null)?.focus();
    });
  };

  private selectCell(c: ScoreGridCell) {
    this.focusCell = cellKey(c);
    this.emit('rapport-cell-select', { r: c.r, f: c.f, customers: c.count });
  }

  /** Grid keys: arrows move one cell (up = more frequent), Home/End to the row's ends, with Ctrl to the grid's corners. */
  private onCellKey = (e: KeyboardEvent) => {
    const el = (e.target as Element).closest?.('.cell') as SVGGElement | null;
    const g = this.grid;
    if (!el || !g) return;
    const r = Number(el.dataset.r);
    const f = Number(el.dataset.f);
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const c = g.cells.find((x) => x.r === r && x.f === f);
      if (c) this.selectCell(c);
      return;
    }
    // Row 0 is the top (most frequent, F = bins); column 0 is R = 1.
    const n = this.bins;
    const next = moveInGrid(e.key, e.ctrlKey, { row: n - f, col: r - 1 }, { rows: n, cols: n });
    if (!next) return;
    e.preventDefault();
    const [nr, nf] = [next.col + 1, n - next.row];
    this.focusCell = `${nr},${nf}`;
    void this.updateComplete.then(() => {
      (this.renderRoot.querySelector(`.cell[data-r="${nr}"][data-f="${nf}"]`) as SVGGElement | null)?.focus();
    });
  };
}

function cellKey(c: { r: number; f: number }): string {
  return `${c.r},${c.f}`;
}

function insetBox(c: ScoreGridCell, d: number) {
  return { x: c.x + d, y: c.y + d, w: Math.max(0, c.w - 2 * d), h: Math.max(0, c.h - 2 * d) };
}

/** Keeps a tooltip's centre away from the chart's sides, so it stays inside the element. */
function clampPercent(x: number): number {
  return Math.min(85, Math.max(15, x));
}

/**
 * `text` as it fits in `width` viewBox units at the rough glyph width: whole, cut with an
 * ellipsis, or null when not even MIN_LABEL_CHARS characters would fit.
 */
function fitText(text: string, width: number): string | null {
  const room = Math.floor(width / GLYPH_PX);
  if (text.length <= room) return text;
  if (room < MIN_LABEL_CHARS + 1) return null;
  return `${text.slice(0, room - 1).trimEnd()}…`;
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-segments': RapportSegments;
  }
}
