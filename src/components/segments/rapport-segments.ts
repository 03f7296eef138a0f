import { html, svg, css, nothing, type PropertyValues } from 'lit';
import { styleProps } from '../base/style-props.js';
import { customElement, property, state } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { formats } from '../format.js';
import '../events.js';
import { treemapLayout, TREEMAP_SIZE_BY, type TreemapRect, type TreemapSizeBy } from '../../charts/treemap-layout.js';
import { scoreGridLayout, type ScoreGridLayout, type ScoredCustomer } from '../../charts/score-grid-layout.js';
import type { SegmentSummaryRow } from '../../data/rfm.js';

/** Treemap drawing box (viewBox units; the SVG scales to the element's width). */
const TREE_W = 640;
const TREE_H = 400;
/** Score grid: plot box plus room for the axes. */
const GRID_PLOT = 300;
const GRID_LEFT = 40;
const GRID_BOTTOM = 40;
const GRID_PAD = 8;
const PALETTE_SIZE = 10;
/** Label font size in viewBox units, and a rough average glyph width for the fit test. */
const LABEL_PX = 13;
const GLYPH_PX = 8;

/** A scored customer as the grid needs it. */
export type SegmentGridCustomer = ScoredCustomer & { m_score?: number; segment?: string };

/**
 * @summary Segments at a glance: a treemap of RFM segments sized by customers or revenue,
 * an R-by-F heat map of customers, and the segment summary as a table.
 * @event rapport-segment-select - The user chose a segment tile (click, Enter or Space); detail `{ segment }`.
 * @csspart treemap - The treemap's SVG.
 * @csspart tile - Each segment tile (a focusable group).
 * @csspart label - Text inside a tile.
 * @csspart tooltip - The figures shown for the hovered or focused tile.
 * @csspart grid - The R-by-F heat map's SVG.
 * @csspart cell - Each heat map cell.
 * @csspart toggle - The size-by buttons' group.
 * @csspart table - The table equivalent.
 * @cssproperty --rapport-segments-color-1 - Tile colour of the first segment (through `-10`; colours repeat after ten).
 * @cssproperty --rapport-segments-label-color - Text colour inside tiles.
 * @cssproperty --rapport-segments-selected-color - Outline of the selected tile (default: text colour).
 * @cssproperty --rapport-segments-heat-color - Heat map colour at full intensity (default: primary).
 * @cssproperty --rapport-segments-heat-empty-color - Heat map colour of empty cells (default: surface-alt).
 */
@customElement('rapport-segments')
export class RapportSegments extends RapportElement {
  static override styles = [
    themeTokens,
    css`
      :host {
        display: block;
        /* Categorical palette: dark in light mode (white labels), light in dark mode (dark labels). */
        --_seg-1: var(--rapport-segments-color-1, light-dark(#1f5fbf, #6ea8ff));
        --_seg-2: var(--rapport-segments-color-2, light-dark(#a34700, #ffb074));
        --_seg-3: var(--rapport-segments-color-3, light-dark(#1e6b3a, #7ddc9b));
        --_seg-4: var(--rapport-segments-color-4, light-dark(#8e2a8b, #e59be3));
        --_seg-5: var(--rapport-segments-color-5, light-dark(#b3261e, #ff8a80));
        --_seg-6: var(--rapport-segments-color-6, light-dark(#00677f, #5fd3ee));
        --_seg-7: var(--rapport-segments-color-7, light-dark(#6b5600, #e3c65a));
        --_seg-8: var(--rapport-segments-color-8, light-dark(#4b4fae, #aeb2ff));
        --_seg-9: var(--rapport-segments-color-9, light-dark(#9c2d5a, #ff9cc2));
        --_seg-10: var(--rapport-segments-color-10, light-dark(#4d5766, #b7c0cc));
        --_label: var(--rapport-segments-label-color, light-dark(#ffffff, #0b1220));
        --_selected: var(--rapport-segments-selected-color, var(--_text));
        --_heat: var(--rapport-segments-heat-color, var(--_primary));
        --_heat-empty: var(--rapport-segments-heat-empty-color, var(--_surface-alt));
      }
      @media (forced-colors: active) {
        :host {
          --_label: CanvasText;
          --_selected: Highlight;
        }
        .tile rect {
          fill: Canvas;
          stroke: CanvasText;
        }
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
      .toggle {
        display: inline-flex;
        font-weight: 400;
        font-size: 0.9em;
      }
      .toggle button {
        border-radius: 0;
        padding: 0.2em 0.7em;
      }
      .toggle button:first-child {
        border-radius: calc(var(--_radius) / 2) 0 0 calc(var(--_radius) / 2);
      }
      .toggle button:last-child {
        border-radius: 0 calc(var(--_radius) / 2) calc(var(--_radius) / 2) 0;
        margin-left: -1px;
      }
      .toggle button[aria-pressed='true'] {
        background: var(--_primary);
        color: var(--_on-primary);
        border-color: var(--_primary);
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
        position: absolute;
        /* Centred on the tile, so it never leaves the chart nor covers the toggle. */
        transform: translate(-50%, -50%);
        background: var(--_surface);
        color: var(--_text);
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) / 2);
        padding: 0.4em 0.6em;
        font-size: 0.85em;
        pointer-events: none;
        white-space: nowrap;
        box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
        z-index: 1;
      }
      .tooltip strong {
        display: block;
      }
      .cell {
        stroke: var(--_surface);
        stroke-width: 1;
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
      details {
        margin-top: calc(var(--_gap) / 2);
      }
      summary {
        cursor: pointer;
        color: var(--_primary);
      }
      table {
        border-collapse: collapse;
        margin-top: 0.5em;
        font-variant-numeric: tabular-nums;
      }
      caption {
        text-align: left;
        font-weight: 600;
        padding-bottom: 0.3em;
      }
      th,
      td {
        padding: 0.25em 0.6em;
        border-bottom: 1px solid var(--_border);
        text-align: right;
      }
      th[scope='row'],
      thead th:first-child {
        text-align: left;
      }
      .empty {
        color: var(--_muted);
      }
    `,
  ];

  /** One row per segment (from `readSegmentSummary`). */
  @property({ attribute: false }) summary: SegmentSummaryRow[] = [];
  /** Scored customers, for the R-by-F heat map; the grid is hidden when empty. */
  @property({ attribute: false }) customers: SegmentGridCustomer[] = [];
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
      this.colourIndex = new Map(summary.map((r, i) => [r.segment, i % PALETTE_SIZE]));
      this.rowByName = new Map(summary.map((r) => [r.segment, r]));
      if (this.focusName && !this.rects.some((r) => r.label === this.focusName)) this.focusName = null;
    }
    if (changed.has('customers') || changed.has('bins')) {
      this.grid = this.customers?.length ? scoreGridLayout(this.customers, this.bins, GRID_PLOT, GRID_PLOT) : null;
    }
  }

  override render() {
    const f = formats(this.locale, this.currency);
    return html`<div class="panels">
        ${this.renderTreemap(f)} ${this.grid ? this.renderGrid(f) : nothing}
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
            style=${styleProps({ left: `${Math.min(85, Math.max(15, ((active.x + active.w / 2) / TREE_W) * 100))}%`, top: `${((active.y + active.h / 2) / TREE_H) * 100}%` })}
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
      <rect x=${r.x} y=${r.y} width=${r.w} height=${r.h} style=${styleProps({ fill: colour })}></rect>
    </g>`;
  }

  /**
   * Labels live in their own hidden layer, not inside the buttons: the button's name carries
   * the full figures, and visible text inside it would have to repeat verbatim in that name.
   */
  private renderTileLabels(r: TreemapRect, f: ReturnType<typeof formats>) {
    const pad = 6;
    const nameFits = r.w >= r.label.length * GLYPH_PX + 2 * pad && r.h >= LABEL_PX + 2 * pad;
    const shareText = f.percent(r.share);
    const shareFits = nameFits && r.h >= 2 * LABEL_PX + 3 * pad && r.w >= shareText.length * GLYPH_PX + 2 * pad;
    return svg`${nameFits ? svg`<text part="label" class="name" x=${r.x + pad} y=${r.y + pad + LABEL_PX * 0.85}>${r.label}</text>` : nothing}
      ${shareFits ? svg`<text part="label" x=${r.x + pad} y=${r.y + 2 * pad + LABEL_PX * 1.85}>${shareText}</text>` : nothing}`;
  }

  private renderGrid(f: ReturnType<typeof formats>) {
    const g = this.grid!;
    const w = GRID_LEFT + GRID_PLOT + GRID_PAD;
    const h = GRID_PAD + GRID_PLOT + GRID_BOTTOM;
    return html`<figure class="heat">
      <figcaption><span id="grid-title">Customers by recency (R) and frequency (F) score</span></figcaption>
      <svg part="grid" viewBox="0 0 ${w} ${h}" role="group" aria-labelledby="grid-title">
        <g transform="translate(${GRID_LEFT},${GRID_PAD})">
          ${g.cells.map(
            (c) => svg`<rect
              class="cell"
              part="cell"
              role="img"
              data-r=${c.r}
              data-f=${c.f}
              data-count=${c.count}
              aria-label=${`R ${c.r}, F ${c.f}: ${f.integer(c.count)} customers`}
              x=${c.x} y=${c.y} width=${c.w} height=${c.h}
              style=${styleProps({ fill: c.count ? 'var(--_heat)' : 'var(--_heat-empty)', 'fill-opacity': String(c.count ? 0.12 + 0.88 * c.intensity : 1) })}
            ></rect>
            ${c.w >= 24 && c.count
              ? svg`<text class="cell-count ${c.intensity > 0.55 ? 'strong' : ''}" x=${c.x + c.w / 2} y=${c.y + c.h / 2} text-anchor="middle" dominant-baseline="central" aria-hidden="true">${f.integer(c.count)}</text>`
              : nothing}`,
          )}
        </g>
        <g class="axis" aria-hidden="true">
          ${g.xTicks.map((t) => svg`<text x=${GRID_LEFT + t.x} y=${GRID_PAD + GRID_PLOT + 14} text-anchor="middle">${t.score}</text>`)}
          ${g.yTicks.map((t) => svg`<text x=${GRID_LEFT - 8} y=${GRID_PAD + t.y} text-anchor="end" dominant-baseline="central">${t.score}</text>`)}
          <text class="title" x=${GRID_LEFT + GRID_PLOT / 2} y=${h - 6} text-anchor="middle">Recency score (R) → more recent</text>
          <text class="title" transform="translate(12,${GRID_PAD + GRID_PLOT / 2}) rotate(-90)" text-anchor="middle">Frequency score (F) → more orders</text>
        </g>
      </svg>
    </figure>`;
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
      case 'ArrowRight':
      case 'ArrowDown':
        next = Math.min(this.rects.length - 1, i + 1);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        next = Math.max(0, i - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = this.rects.length - 1;
        break;
      default:
        return;
    }
    e.preventDefault();
    const target = this.rects[next];
    if (!target) return;
    this.focusName = target.label;
    void this.updateComplete.then(() => {
      (this.renderRoot.querySelector(`.tile[data-segment="${CSS.escape(target.label)}"]`) as SVGGElement | null)?.focus();
    });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-segments': RapportSegments;
  }
}
