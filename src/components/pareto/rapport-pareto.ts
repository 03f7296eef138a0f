import { html, css, svg, nothing, type PropertyValues } from 'lit';
import { styleProps } from '../base/style-props.js';
import { customElement, property, state } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { tooltipStyles } from '../base/chart-styles.js';
import { formats, type Formats } from '../format.js';
import { Localized } from '../base/i18n.js';
import { messages } from './messages.js';
import { RapportDataConsumer } from '../base/data-consumer.js';
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
 * Words follow the `lang` in force (the element's, an ancestor's or the page's: en, pt, es, fr, ms).
 *
 * @csspart chart - The box holding the SVG and the focus marker.
 * @csspart curve - The Lorenz curve.
 * @csspart area - The fill between the curve and the line of equality.
 * @csspart equality - The line of equality.
 * @csspart axis - The axes' group.
 * @csspart gridline - Each horizontal grid line.
 * @csspart axis-label - Each percentage along an axis.
 * @csspart axis-title - The two axis titles.
 * @csspart mark - The point on the curve at 20% of customers.
 * @csspart guide - The dotted lines from that point to the axes.
 * @csspart annotation - The top-20% annotation text.
 * @csspart marker - The focusable point on the curve.
 * @csspart tooltip - The tooltip of the focusable point.
 * @csspart summary - The sentences under the chart (Gini, below the standard).
 * @csspart value - Each sentence of the summary (the top-20% share, the Gini, the customers below the standard).
 * @csspart table - The decile table.
 * @csspart table-caption - The table's caption.
 * @csspart table-header - Each column header.
 * @csspart table-row - Each body row.
 * @csspart table-row-header - The decile heading each row.
 * @csspart table-cell - Each share cell.
 * @csspart empty - The message shown when there is no data.
 * @cssproperty --rapport-pareto-curve-color - Colour of the curve (default: primary).
 * @cssproperty --rapport-pareto-area-color - Fill between the curve and the line of equality (default: transparent primary).
 * @cssproperty --rapport-pareto-equality-color - Colour of the line of equality (default: muted text).
 * @cssproperty --rapport-pareto-grid-color - Colour of the grid lines (default: `--rapport-chart-gridline-color`).
 * @cssproperty --rapport-pareto-marker-color - Colour of the top-20% point and the focus marker (default: primary).
 * @cssproperty --rapport-pareto-annotation-color - Colour of the annotation text (default: `--rapport-chart-label-color`).
 * @cssproperty --rapport-pareto-axis-color - Colour of the axis labels and titles (default: `--rapport-chart-axis-color`).
 * @cssproperty --rapport-tooltip-shadow - Shadow of the tooltip, shared by every chart (default: `0 2px 8px` of `--rapport-color-shadow`).
 * @cssproperty --rapport-pareto-marker-surface-color - Inside of the focus marker and ring around the 20% point (default: surface).
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
        --_grid: var(--rapport-pareto-grid-color, var(--_gridline));
        --_marker: var(--rapport-pareto-marker-color, var(--_primary));
        --_annotation: var(--rapport-pareto-annotation-color, var(--_chart-label));
        --_axis: var(--rapport-pareto-axis-color, var(--rapport-chart-axis-color, var(--_muted)));
        --_marker-surface: var(--rapport-pareto-marker-surface-color, var(--_surface));
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
        fill: var(--_axis);
        font-size: 12px;
      }
      .axis-title {
        fill: var(--_axis);
        font-size: 12px;
      }
      .top20 {
        fill: var(--_marker);
        stroke: var(--_marker-surface);
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
        background: var(--_marker-surface);
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
        font-variant-numeric: var(--_numeric);
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

  /** The Pareto result (from the customer-types analytics): the curve's points, Gini, standard; null shows the empty state. */
  @property({ attribute: false }) pareto: ParetoResult | null = null;
  /** Locale of numbers (default: the language in force, from `lang`). */
  @property() locale?: string;

  /** Percent of customers where the focus marker sits (moved with the arrow keys). */
  @state() private focusP = PARETO_MARKER_P;

  private layout: LorenzLayout | null = null;
  private readonly tooltipId = `rapport-pareto-tip-${nextId++}`;
  private msg = new Localized(this, messages);
  /** Inside a `<rapport-data>`: the provider's value curve (of the selection while one is in force). Outside one, nothing. */
  private fromProvider = new RapportDataConsumer(this, (s) => {
    this.pareto = s.pareto;
  });

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('pareto')) {
      this.layout = this.pareto ? lorenzLayout(this.pareto.points, WIDTH, HEIGHT) : null;
      const marks = this.layout?.marks ?? [];
      if (!marks.some((m) => m.p === this.focusP)) this.focusP = marks.some((m) => m.p === PARETO_MARKER_P) ? PARETO_MARKER_P : (marks.at(-1)?.p ?? 0);
    }
  }

  private get measure(): 'revenue' | 'margin' {
    return this.pareto?.by === 'margin' ? 'margin' : 'revenue';
  }

  private get f(): Formats {
    return formats(this.locale ?? this.msg.tag);
  }

  private focusMark(): LorenzMark | null {
    return this.layout?.marks.find((m) => m.p === this.focusP) ?? null;
  }

  private describe(m: { p: number; shareOfValue: number }): string {
    const f = this.f;
    return this.msg.t(`top.${this.measure}`, { p: f.percent(m.p / 100), share: f.percent(m.shareOfValue) });
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
    const t = this.msg;
    const r = this.pareto;
    const layout = this.layout;
    if (!r || !layout) return html`<p class="empty" part="empty">${t.t('empty.no-data')}</p>`;
    if (layout.marks.length === 0) {
      return html`<p class="empty" part="empty">${t.t(`empty.not-positive.${this.measure}`)}</p>`;
    }
    const f = this.f;
    // No currency: `money` is the plain two-decimal number format of the locale.
    const gini = r.gini === null ? null : f.money(r.gini);
    const marker = layout.marker;
    const annotation = marker ? this.describe(marker) : null;
    const label = [
      t.t(`label.${this.measure}`, { n: r.customers, count: f.integer(r.customers) }),
      annotation ? `${annotation}.` : '',
      gini === null ? '' : t.t('label.gini', { gini }),
    ]
      .filter(Boolean)
      .join(' ');
    const below = r.below;
    return html`
      <div class="chart" part="chart">
        <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${label}>${this.renderMarks(layout, annotation, f)}</svg>
        ${this.renderFocus()}
      </div>
      <p class="summary" part="summary">
        ${annotation ? html`<span class="headline" part="value">${annotation}.</span>` : nothing}
        ${gini === null ? nothing : html`<span class="gini" part="value">${t.t('gini', { gini })}</span>`}
        ${below === null
          ? nothing
          : html`<span class="below" part="value"
              >${r.belowShareOfValue === null
                ? t.t('below.no-share', { n: below, count: f.integer(below) })
                : t.t(`below.${this.measure}`, { n: below, count: f.integer(below), share: f.percent(r.belowShareOfValue) })}</span
            >`}
      </p>
      ${this.renderTable(f)}
    `;
  }

  private renderMarks(layout: LorenzLayout, annotation: string | null, f: Formats) {
    const t = this.msg;
    const { plot, marker } = layout;
    const area = layout.path ? `${layout.path}L${plot.left},${plot.bottom}Z` : '';
    return svg`
      <g class="axis" part="axis" aria-hidden="true">
        ${layout.yTicks.map(
          (y) => svg`<line class="grid" part="gridline" x1=${plot.left} x2=${plot.right} y1=${y.position} y2=${y.position}></line>
            <text part="axis-label" x=${plot.left - 8} y=${y.position} text-anchor="end" dominant-baseline="middle">${f.percent(y.value)}</text>`,
        )}
        ${layout.xTicks.map(
          (x) => svg`<text part="axis-label" x=${x.position} y=${plot.bottom + 18} text-anchor="middle">${f.percent(x.value)}</text>`,
        )}
        <text class="axis-title" part="axis-title" x=${(plot.left + plot.right) / 2} y=${plot.bottom + 36} text-anchor="middle">${t.t('axis.customers')}</text>
        <text class="axis-title" part="axis-title" transform="translate(12 ${(plot.top + plot.bottom) / 2}) rotate(-90)" text-anchor="middle">${t.t(`share.${this.measure}`)}</text>
      </g>
      <path class="area" part="area" d=${area}></path>
      <path class="equality" part="equality" d=${layout.equalityPath} role="img" aria-label=${t.t('equality')}></path>
      <path class="curve" part="curve" d=${layout.path} role="img" aria-label=${t.t(`curve.${this.measure}`)}></path>
      ${marker
        ? svg`<line class="guide" part="guide" x1=${marker.x} x2=${marker.x} y1=${plot.bottom} y2=${marker.y}></line>
          <line class="guide" part="guide" x1=${plot.left} x2=${marker.x} y1=${marker.y} y2=${marker.y}></line>
          <circle class="top20" part="mark" cx=${marker.x} cy=${marker.y} r="5" role="img" aria-label=${annotation ?? ''}></circle>
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
        aria-label=${this.msg.t('slider')}
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

  private renderTable(f: Formats) {
    const t = this.msg;
    const r = this.pareto!;
    const rows = lorenzDeciles(r.points);
    return html`<table part="table">
      <caption part="table-caption">
        ${t.t(`caption.${this.measure}`)}
      </caption>
      <thead>
        <tr>
          <th scope="col" part="table-header">${t.t('col.top')}</th>
          <th scope="col" part="table-header">${t.t(`share.${this.measure}`)}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (pt) =>
            html`<tr part="table-row">
              <th scope="row" part="table-row-header">${t.t('row.top', { p: f.percent(pt.share_of_customers) })}</th>
              <td part="table-cell">${pt.share_of_value === null ? '–' : f.percent(pt.share_of_value)}</td>
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
