import { html, svg, css, nothing, type PropertyValues } from 'lit';
import { styleProps } from '../base/style-props.js';
import { customElement, property, state } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { SEGMENT_PALETTE_SIZE, themeTokens } from '../base/theme.js';
import { moveInGrid, moveInList } from '../base/grid-keys.js';
import { tableEquivalentStyles, toggleStyles, tooltipStyles } from '../base/chart-styles.js';
import { formats } from '../format.js';
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
 * chooses. The focused mark's figures show in a tooltip and are its accessible name.
 * @event rapport-segment-select - The user chose a segment tile (click, Enter or Space); detail `{ segment }`.
 * @event rapport-cell-select - The user chose a heat map cell (click, Enter or Space); detail `{ r, f, customers }`.
 * @csspart treemap - The treemap's SVG.
 * @csspart tile - Each segment tile (a focusable group).
 * @csspart label - Text inside a tile.
 * @csspart tooltip - The figures shown for the hovered or focused tile or cell.
 * @csspart grid - The R-by-F heat map's SVG.
 * @csspart cell - Each heat map cell's rectangle.
 * @csspart toggle - The size-by buttons' group.
 * @csspart table - The table equivalent.
 * @cssproperty --rapport-segment-color-1 - Tile colour of the first segment, through `-10` (colours repeat after ten). A theme token shared with the other segment charts; the older `--rapport-segments-color-N` still wins when set.
 * @cssproperty --rapport-segment-label-color - Text colour on segment colours (also `--rapport-segments-label-color`).
 * @cssproperty --rapport-segments-selected-color - Outline of the selected tile (default: text colour).
 * @cssproperty --rapport-segments-heat-color - Heat map colour at full intensity (default: primary).
 * @cssproperty --rapport-segments-heat-empty-color - Heat map colour of empty cells (default: surface-alt).
 */
@customElement('rapport-segments')
export class RapportSegments extends RapportElement {
  static override styles = [
    themeTokens,
    tooltipStyles,
    tableEquivalentStyles,
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
        stroke: var(--_surface);
        stroke-width: 2;
      }
      .tile[aria-pressed='true'] rect {
        stroke: var(--_selected);
        stroke-width: 4;
      }
      .tile:focus-visible rect {
        stroke: var(--_primary);
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
        stroke: var(--_surface);
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
      .cell-count {
        font-size: 12px;
        pointer-events: none;
        fill: var(--_text);
      }
      .cell-count.strong {
        fill: var(--_on-primary);
      }
      .axis text {
        font-size: 12px;
        fill: var(--_muted);
      }
      .axis .title {
        fill: var(--_text);
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
  @property() locale?: string;
  /** ISO 4217 code for money figures; plain numbers when unset. */
  @property() currency?: string;
  /** The selected segment's name. */
  @property({ reflect: true }) selected?: string;

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
    const f = formats(this.locale, this.currency);
    return html`<div class="panels">
        ${this.renderTreemap(f)} ${this.grid ? this.renderGrid(this.grid, f) : nothing}
      </div>
      ${this.renderTable(f)}`;
  }

  private describe(name: string, f: ReturnType<typeof formats>): string {
    const row = this.rowByName.get(name);
    if (!row) return name;
    const share = this.sizeBy === 'revenue' ? row.share_of_revenue : row.share_of_customers;
    const what = this.sizeBy === 'revenue' ? 'revenue' : 'customers';
    return `${name}: ${f.integer(row.customers)} customers, ${f.money(row.revenue)} revenue, ${share === null ? '–' : f.percent(share)} of ${what}`;
  }

  private renderTreemap(f: ReturnType<typeof formats>) {
    const rects = this.rects;
    const tabName =
      this.focusName ?? (this.selected && rects.some((r) => r.label === this.selected) ? this.selected : rects[0]?.label);
    const active = this.active ? rects.find((r) => r.label === this.active) : undefined;
    const activeRow = active ? this.rowByName.get(active.label) : undefined;
    return html`<figure class="tree">
      <figcaption>
        <span id="tree-title">Segments by ${this.sizeBy === 'revenue' ? 'revenue' : 'customers'}</span>
        <span class="toggle" role="group" aria-label="Size tiles by" part="toggle">
          ${TREEMAP_SIZE_BY.map(
            (s) =>
              html`<button type="button" aria-pressed=${this.sizeBy === s ? 'true' : 'false'} @click=${() => this.setSizeBy(s)}>
                ${s === 'revenue' ? 'Revenue' : 'Customers'}
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
        : html`<p class="empty">No segments to show.</p>`}
      ${active && activeRow
        ? html`<div
            class="tooltip"
            part="tooltip"
            aria-hidden="true"
            style=${styleProps({ left: `${clampPercent(((active.x + active.w / 2) / TREE_W) * 100)}%`, top: `${((active.y + active.h / 2) / TREE_H) * 100}%` })}
          >
            <strong>${active.label}</strong>
            ${f.integer(activeRow.customers)} customers
            (${activeRow.share_of_customers === null ? '–' : f.percent(activeRow.share_of_customers)})<br />
            ${f.money(activeRow.revenue)} revenue
            (${activeRow.share_of_revenue === null ? '–' : f.percent(activeRow.share_of_revenue)})<br />
            ${f.integer(activeRow.orders)} orders
          </div>`
        : nothing}
      </div>
    </figure>`;
  }

  private renderTile(r: TreemapRect, tabbable: boolean, f: ReturnType<typeof formats>) {
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
      <rect x=${r.x} y=${r.y} width=${r.w} height=${r.h} style=${styleProps({ '--_fill': colour })}></rect>
    </g>`;
  }

  /**
   * Labels live in their own hidden layer, not inside the buttons: the button's name carries
   * the full figures, and visible text inside it would have to repeat verbatim in that name.
   * A name too long for its tile is cut with an ellipsis (or, on a tall narrow tile, runs up
   * its height); a tile too small for even a few characters shows none (its figures are on
   * hover, on focus and in the table).
   */
  private renderTileLabels(r: TreemapRect, f: ReturnType<typeof formats>) {
    const pad = 6;
    const across = r.h >= LABEL_PX + 2 * pad ? fitText(r.label, r.w - 2 * pad) : null;
    // A tall, narrow tile says more reading upwards along its height than cut short across.
    if (across !== r.label && r.h > 1.5 * r.w && r.w >= LABEL_PX + 2 * pad) {
      const up = fitText(r.label, r.h - 2 * pad);
      if (up !== null && up.length > (across?.length ?? 0)) {
        return svg`<text part="label" class="name" text-anchor="end"
          transform="translate(${r.x + pad + LABEL_PX * 0.85},${r.y + pad}) rotate(-90)">${up}</text>`;
      }
    }
    if (across === null) return nothing;
    const shareText = f.percent(r.share);
    const shareFits = r.h >= 2 * LABEL_PX + 3 * pad && r.w >= shareText.length * GLYPH_PX + 2 * pad;
    return svg`<text part="label" class="name" x=${r.x + pad} y=${r.y + pad + LABEL_PX * 0.85}>${across}</text>
      ${shareFits ? svg`<text part="label" x=${r.x + pad} y=${r.y + 2 * pad + LABEL_PX * 1.85}>${shareText}</text>` : nothing}`;
  }

  private cellLabel(c: ScoreGridCell, f: ReturnType<typeof formats>): string {
    const total = this.grid?.total ?? 0;
    const share = total > 0 ? `, ${f.percent(c.count / total)}` : '';
    return `R ${c.r}, F ${c.f}: ${f.integer(c.count)} ${c.count === 1 ? 'customer' : 'customers'}${share}`;
  }

  private renderGrid(g: ScoreGridLayout, f: ReturnType<typeof formats>) {
    const w = GRID_LEFT + GRID_PLOT + GRID_PAD;
    const h = GRID_PAD + GRID_PLOT + GRID_BOTTOM;
    // Reading order starts top-left: R 1, F = bins.
    const tabKey = this.focusCell ?? cellKey(g.cells[0]!);
    const rows = Array.from({ length: this.bins }, (_, i) => g.cells.slice(i * this.bins, (i + 1) * this.bins));
    const active = this.activeCell ? g.cells.find((c) => cellKey(c) === this.activeCell) : undefined;
    return html`<figure class="heat">
      <figcaption><span id="grid-title">Customers by recency (R) and frequency (F) score</span></figcaption>
      <p id="grid-help" class="visually-hidden">Arrow keys move between cells, Enter or Space chooses one.</p>
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
              (row) => svg`<g role="row">${row.map((c) => this.renderCell(c, cellKey(c) === tabKey, f))}</g>`,
            )}
            ${active
              ? svg`<rect class="cell-ring" aria-hidden="true" x=${active.x + 1.5} y=${active.y + 1.5} width=${Math.max(0, active.w - 3)} height=${Math.max(0, active.h - 3)}></rect>`
              : nothing}
          </g>
          <g class="axis" aria-hidden="true">
            ${g.xTicks.map((t) => svg`<text x=${GRID_LEFT + t.x} y=${GRID_PAD + GRID_PLOT + 14} text-anchor="middle">${t.score}</text>`)}
            ${g.yTicks.map((t) => svg`<text x=${GRID_LEFT - 8} y=${GRID_PAD + t.y} text-anchor="end" dominant-baseline="central">${t.score}</text>`)}
            <text class="title" x=${GRID_LEFT + GRID_PLOT / 2} y=${h - 6} text-anchor="middle">Recency score (R) → more recent</text>
            <text class="title" transform="translate(12,${GRID_PAD + GRID_PLOT / 2}) rotate(-90)" text-anchor="middle">Frequency score (F) → more orders</text>
          </g>
        </svg>
        ${active ? this.renderCellTooltip(active, w, h, f) : nothing}
      </div>
      ${g.outOfRange > 0
        ? html`<p class="note">${f.integer(g.outOfRange)} customers with a score outside 1–${this.bins} are not shown.</p>`
        : nothing}
    </figure>`;
  }

  private renderCell(c: ScoreGridCell, tabbable: boolean, f: ReturnType<typeof formats>) {
    const key = cellKey(c);
    return svg`<g
      class="cell"
      role="gridcell"
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
        ? svg`<text class="cell-count ${c.intensity > 0.55 ? 'strong' : ''}" x=${c.x + c.w / 2} y=${c.y + c.h / 2} text-anchor="middle" dominant-baseline="central" aria-hidden="true">${f.integer(c.count)}</text>`
        : nothing}
    </g>`;
  }

  /** Above the cell, or below it on the top row (above would cover the caption). */
  private renderCellTooltip(c: ScoreGridCell, w: number, h: number, f: ReturnType<typeof formats>) {
    const below = c.f === this.bins;
    const total = this.grid?.total ?? 0;
    const left = clampPercent(((GRID_LEFT + c.x + c.w / 2) / w) * 100);
    const top = ((GRID_PAD + c.y + (below ? c.h : 0)) / h) * 100;
    return html`<div class="tooltip ${below ? 'below' : 'above'}" part="tooltip" aria-hidden="true" style=${styleProps({ left: `${left}%`, top: `${top}%` })}>
      <strong>R ${c.r} · F ${c.f}</strong>
      ${f.integer(c.count)} ${c.count === 1 ? 'customer' : 'customers'}${total > 0 ? html` (${f.percent(c.count / total)})` : nothing}
    </div>`;
  }

  private renderTable(f: ReturnType<typeof formats>) {
    const rows = this.summary ?? [];
    if (!rows.length) return nothing;
    const pct = (x: number | null) => (x === null ? '–' : f.percent(x));
    const num = (x: number | null, digits = 1) =>
      x === null ? '–' : x.toLocaleString(this.locale || undefined, { maximumFractionDigits: digits });
    return html`<details>
      <summary>Show as table</summary>
      <table part="table">
        <caption>Segment summary</caption>
        <thead>
          <tr>
            <th scope="col">Segment</th>
            <th scope="col">Customers</th>
            <th scope="col">Share of customers</th>
            <th scope="col">Revenue</th>
            <th scope="col">Share of revenue</th>
            <th scope="col">Avg recency (days)</th>
            <th scope="col">Avg frequency (orders)</th>
            <th scope="col">Avg monetary</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr aria-selected=${this.selected === r.segment ? 'true' : nothing}>
              <th scope="row">${r.segment}</th>
              <td>${f.integer(r.customers)}</td>
              <td>${pct(r.share_of_customers)}</td>
              <td>${f.money(r.revenue)}</td>
              <td>${pct(r.share_of_revenue)}</td>
              <td>${num(r.average_recency_days, 0)}</td>
              <td>${num(r.average_frequency)}</td>
              <td>${r.average_monetary === null ? '–' : f.money(r.average_monetary)}</td>
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
