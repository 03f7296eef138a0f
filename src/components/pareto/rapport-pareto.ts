import { html, css, svg, nothing, type PropertyValues } from 'lit';
import { styleProps } from '../base/style-props.js';
import { customElement, property, state } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { tooltipStyles } from '../base/chart-styles.js';
import { formats } from '../format.js';
import { lorenzDeciles, lorenzLayout, PARETO_MARKER_P, type LorenzLayout, type LorenzMark } from '../../charts/lorenz-layout.js';
import type { ParetoResult } from '../../data/customer-types.js';

const WIDTH = 640;
const HEIGHT = 360;
/** Arrow keys move the focus marker by this many percent of customers. */
const STEP = 10;

let nextId = 0;

/**
 * @summary The Pareto (Lorenz) curve of value per customer: the share of value held by the most
 * valuable customers, against the line of equality, with the top-20% share, the Gini coefficient,
 * the customers below the standard and a table of deciles.
 *
 * The point on the curve is a slider: arrow keys move it along the curve in 10% steps (Home / End
 * to the ends) and its tooltip reads the share of value at that point.
 *
 * @csspart chart - The box holding the SVG and the focus marker.
 * @csspart curve - The Lorenz curve.
 * @csspart equality - The line of equality.
 * @csspart axis - Each axis group.
 * @csspart annotation - The top-20% annotation text.
 * @csspart marker - The focusable point on the curve.
 * @csspart tooltip - The tooltip of the focusable point.
 * @csspart summary - The sentences under the chart (Gini, below the standard).
 * @csspart table - The decile table.
 * @csspart empty - The message shown when there is no data.
 * @cssproperty --rapport-pareto-curve-color - Colour of the curve (default: primary).
 * @cssproperty --rapport-pareto-area-color - Fill between the curve and the line of equality (default: transparent primary).
 * @cssproperty --rapport-pareto-equality-color - Colour of the line of equality (default: muted text).
 * @cssproperty --rapport-pareto-grid-color - Colour of the grid lines (default: border).
 * @cssproperty --rapport-pareto-marker-color - Colour of the top-20% point and the focus marker (default: primary).
 * @cssproperty --rapport-pareto-annotation-color - Colour of the annotation text (default: text).
 */
@customElement('rapport-pareto')
export class RapportPareto extends RapportElement {
  static override styles = [
    themeTokens,
    tooltipStyles,
    css`
      :host {
        display: block;
        --_curve: var(--rapport-pareto-curve-color, var(--_primary));
        --_area: var(--rapport-pareto-area-color, color-mix(in srgb, var(--_primary) 12%, transparent));
        --_equality: var(--rapport-pareto-equality-color, var(--_muted));
        --_grid: var(--rapport-pareto-grid-color, var(--_border));
        --_marker: var(--rapport-pareto-marker-color, var(--_primary));
        --_annotation: var(--rapport-pareto-annotation-color, var(--_text));
      }
      .chart {
        position: relative;
      }
      svg {
        display: block;
        width: 100%;
        height: auto;
        overflow: visible;
      }
      .curve {
        fill: none;
        stroke: var(--_curve);
        stroke-width: 2.5;
      }
      .area {
        fill: var(--_area);
        stroke: none;
      }
      .equality {
        fill: none;
        stroke: var(--_equality);
        stroke-width: 1.5;
        stroke-dasharray: 5 4;
      }
      .grid {
        stroke: var(--_grid);
        stroke-width: 1;
      }
      .axis text {
        fill: var(--_muted);
        font-size: 12px;
      }
      .axis-title {
        fill: var(--_muted);
        font-size: 12px;
      }
      .top20 {
        fill: var(--_marker);
        stroke: var(--_surface);
        stroke-width: 2;
      }
      .annotation {
        fill: var(--_annotation);
        font-size: 13px;
        font-weight: 600;
      }
      .guide {
        stroke: var(--_marker);
        stroke-width: 1;
        stroke-dasharray: 2 3;
      }
      .marker {
        position: absolute;
        width: 14px;
        height: 14px;
        margin: -7px 0 0 -7px;
        border-radius: 50%;
        box-sizing: border-box;
        border: 3px solid var(--_marker);
        background: var(--_surface);
        cursor: pointer;
      }
      .tooltip {
        /* Clear of the 14px marker; shown only while the marker is hovered or focused. */
        transform: translate(-50%, calc(-100% - 12px));
        visibility: hidden;
      }
      .marker:hover + .tooltip,
      .marker:focus-visible + .tooltip,
      .marker:focus + .tooltip {
        visibility: visible;
      }
      .summary {
        margin: 0.5em 0 0;
      }
      table {
        border-collapse: collapse;
        margin-top: 0.75em;
        font-variant-numeric: tabular-nums;
      }
      caption {
        text-align: start;
        color: var(--_muted);
        padding-bottom: 0.25em;
      }
      th,
      td {
        padding: 0.2em 0.75em;
        border-bottom: 1px solid var(--_border);
        text-align: end;
      }
      th[scope='row'] {
        text-align: start;
        font-weight: normal;
      }
      .empty {
        color: var(--_muted);
        margin: 0;
      }
      @media (forced-colors: active) {
        .curve,
        .marker {
          forced-color-adjust: none;
          stroke: CanvasText;
          border-color: Highlight;
        }
        .top20 {
          fill: Highlight;
        }
      }
    `,
  ];

  @property({ attribute: false }) pareto: ParetoResult | null = null;
  @property() locale?: string;

  /** Percent of customers where the focus marker sits (moved with the arrow keys). */
  @state() private focusP = PARETO_MARKER_P;

  private layout: LorenzLayout | null = null;
  private readonly tooltipId = `rapport-pareto-tip-${nextId++}`;

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('pareto')) {
      this.layout = this.pareto ? lorenzLayout(this.pareto.points, WIDTH, HEIGHT) : null;
      const marks = this.layout?.marks ?? [];
      if (!marks.some((m) => m.p === this.focusP)) this.focusP = marks.some((m) => m.p === PARETO_MARKER_P) ? PARETO_MARKER_P : (marks.at(-1)?.p ?? 0);
    }
  }

  private get measure(): string {
    return this.pareto?.by === 'margin' ? 'margin' : 'revenue';
  }

  private focusMark(): LorenzMark | null {
    return this.layout?.marks.find((m) => m.p === this.focusP) ?? null;
  }

  private describe(m: { p: number; shareOfValue: number }): string {
    const f = formats(this.locale);
    return `Top ${f.percent(m.p / 100)} of customers: ${f.percent(m.shareOfValue)} of ${this.measure}`;
  }

  private onKeydown(e: KeyboardEvent) {
    const ps = (this.layout?.marks ?? []).map((m) => m.p).filter((p) => p % STEP === 0);
    if (ps.length === 0) return;
    let next: number | undefined;
    if (e.key === 'ArrowRight' || e.key === 'ArrowUp') next = ps.find((p) => p > this.focusP);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') next = [...ps].reverse().find((p) => p < this.focusP);
    else if (e.key === 'Home') next = ps[0];
    else if (e.key === 'End') next = ps.at(-1);
    else return;
    e.preventDefault();
    if (next !== undefined) this.focusP = next;
  }

  override render() {
    const r = this.pareto;
    const layout = this.layout;
    if (!r || !layout) return html`<p class="empty" part="empty">No profitability data yet: load orders to see the Pareto curve.</p>`;
    if (layout.marks.length === 0) {
      return html`<p class="empty" part="empty">No Pareto curve: the total ${this.measure} is not positive.</p>`;
    }
    const f = formats(this.locale);
    // No currency: `money` is the plain two-decimal number format of the locale.
    const gini = r.gini === null ? null : f.money(r.gini);
    const marker = layout.marker;
    const annotation = marker ? this.describe(marker) : null;
    const label = [
      `Pareto curve of ${this.measure} across ${f.integer(r.customers)} customers, most valuable first.`,
      annotation ? `${annotation}.` : '',
      gini === null ? '' : `Gini coefficient ${gini}.`,
    ]
      .filter(Boolean)
      .join(' ');
    return html`
      <div class="chart" part="chart">
        <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${label}>${this.renderMarks(layout, annotation)}</svg>
        ${this.renderFocus()}
      </div>
      <p class="summary" part="summary">
        ${annotation ? html`<span class="headline">${annotation}.</span>` : nothing}
        ${gini === null ? nothing : html`<span class="gini">Gini coefficient: ${gini}.</span>`}
        ${r.below === null
          ? nothing
          : html`<span class="below"
              >${f.integer(r.below)} ${r.below === 1 ? 'customer' : 'customers'} below the standard${r.belowShareOfValue === null
                ? ''
                : `: ${f.percent(r.belowShareOfValue)} of ${this.measure}`}.</span
            >`}
      </p>
      ${this.renderTable()}
    `;
  }

  private renderMarks(layout: LorenzLayout, annotation: string | null) {
    const { plot, marker } = layout;
    const area = layout.path ? `${layout.path}L${plot.left},${plot.bottom}Z` : '';
    return svg`
      <g class="axis" part="axis" aria-hidden="true">
        ${layout.yTicks.map(
          (t) => svg`<line class="grid" x1=${plot.left} x2=${plot.right} y1=${t.position} y2=${t.position}></line>
            <text x=${plot.left - 8} y=${t.position} text-anchor="end" dominant-baseline="middle">${formats(this.locale).percent(t.value)}</text>`,
        )}
        ${layout.xTicks.map(
          (t) => svg`<text x=${t.position} y=${plot.bottom + 18} text-anchor="middle">${formats(this.locale).percent(t.value)}</text>`,
        )}
        <text class="axis-title" x=${(plot.left + plot.right) / 2} y=${plot.bottom + 36} text-anchor="middle">Share of customers (most valuable first)</text>
        <text class="axis-title" transform="translate(12 ${(plot.top + plot.bottom) / 2}) rotate(-90)" text-anchor="middle">Share of ${this.measure}</text>
      </g>
      <path class="area" d=${area}></path>
      <path class="equality" part="equality" d=${layout.equalityPath} role="img" aria-label="Line of equality: every customer worth the same"></path>
      <path class="curve" part="curve" d=${layout.path} role="img" aria-label=${`Pareto curve of ${this.measure}`}></path>
      ${marker
        ? svg`<line class="guide" x1=${marker.x} x2=${marker.x} y1=${plot.bottom} y2=${marker.y}></line>
          <line class="guide" x1=${plot.left} x2=${marker.x} y1=${marker.y} y2=${marker.y}></line>
          <circle class="top20" cx=${marker.x} cy=${marker.y} r="5" role="img" aria-label=${annotation ?? ''}></circle>
          <text class="annotation" part="annotation" x=${marker.x + 10} y=${Math.min(marker.y + 22, plot.bottom - 8)}>${annotation}</text>`
        : nothing}
    `;
  }

  private renderFocus() {
    const m = this.focusMark();
    if (!m) return nothing;
    const left = `${(m.x / WIDTH) * 100}%`;
    const top = `${(m.y / HEIGHT) * 100}%`;
    const text = this.describe(m);
    return html`<span
        class="marker"
        part="marker"
        role="slider"
        tabindex="0"
        aria-label="Share of customers"
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${m.p}
        aria-valuetext=${text}
        aria-describedby=${this.tooltipId}
        style=${styleProps({ left, top })}
        @keydown=${this.onKeydown}
      ></span
      ><span class="tooltip" part="tooltip" role="tooltip" id=${this.tooltipId} style=${styleProps({ left, top })}>${text}</span>`;
  }

  private renderTable() {
    const r = this.pareto!;
    const f = formats(this.locale);
    const rows = lorenzDeciles(r.points);
    return html`<table part="table">
      <caption>
        Share of ${this.measure} held by the most valuable customers, by decile
      </caption>
      <thead>
        <tr>
          <th scope="col">Most valuable customers</th>
          <th scope="col">Share of ${this.measure}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (pt) =>
            html`<tr>
              <th scope="row">Top ${f.percent(pt.share_of_customers)}</th>
              <td>${pt.share_of_value === null ? '–' : f.percent(pt.share_of_value)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-pareto': RapportPareto;
  }
}
