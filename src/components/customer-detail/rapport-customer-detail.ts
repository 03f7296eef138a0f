import { html, svg, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { segmentColour, themeTokens } from '../base/theme.js';
import { tableEquivalentStyles } from '../base/chart-styles.js';
import { styleProps } from '../base/style-props.js';
import { Localized } from '../base/i18n.js';
import { commonMessages, rungLabel, segmentLabel } from '../base/common-messages.js';
import { noticeText } from '../base/notices/index.js';
import { formats, type Formats } from '../format.js';
import { messages } from './messages.js';
import { historyLayout, type HistoryLayout, type HistoryMark } from '../../charts/history-layout.js';
import type { CustomerDetail, CustomerFeedback, CustomerSummary } from '../../analytics/customer-detail.js';

/**
 * Drawing box of the history chart. It is laid out at the width it is shown at (1 unit = 1 CSS
 * px, so its labels keep the page's text size), WIDTH until that is measured.
 */
const WIDTH = 640;
const MIN_WIDTH = 280;
/** Average width of a character of the 11px axis labels, to fit month labels. */
const LABEL_CHAR_PX = 6.2;
const HEIGHT = 200;

type Key = keyof (typeof messages)['en'];
/** Feedback kinds with a word in this element's messages; complaint, suggestion, compliment are shared words. */
const OWN_KINDS = ['nps', 'review', 'satisfaction', 'recommend', 'referral'] as const;
const SHARED_KINDS = ['complaint', 'suggestion', 'compliment'] as const;

let nextId = 0;

/**
 * @summary One customer seen whole: who they are (id, name, segment, type, rung on the ladder of
 * loyalty and why), their figures and scores, their orders over time (returns below the axis)
 * with a table equivalent one click away, and their feedback.
 *
 * Escape anywhere inside the card, or the close button, asks to close it; the element does not
 * remove itself (the page decides). `focus()` moves focus to the close button (the empty-state
 * message when no customer is shown), for a page that opens the details and wants the keyboard
 * there; called right after setting `detail`, it takes effect once that customer is rendered.
 *
 * @event rapport-customer-close - {customerId: string} The user closed the details (close button or Escape).
 * @csspart card - The outer box.
 * @csspart header - The top: title, chips and close button.
 * @csspart title - The customer's name, or id when the list gives no name.
 * @csspart label - The smaller texts beside figures and in the header (customer id, signup date).
 * @csspart button - The close button (also `close`).
 * @csspart close - The close button.
 * @csspart chip - Each chip in the header (segment, type, rung); also `segment`, `type` or `rung`.
 * @csspart segment - The segment chip, coloured as the segment is everywhere else.
 * @csspart type - The customer-type chip.
 * @csspart rung - The rung chip.
 * @csspart reason - The sentence saying why the customer is on their rung.
 * @csspart figures - The list of figures and scores.
 * @csspart figure - Each figure's box.
 * @csspart value - Each figure's value.
 * @csspart note - Notes in plain words (analysis date, not scored yet).
 * @csspart toggle - The button switching the history between chart and table.
 * @csspart chart - The box holding the history SVG.
 * @csspart axis - The time axis (the zero line).
 * @csspart axis-label - Month and amount labels.
 * @csspart gridline - Amount gridlines.
 * @csspart bar - Each order's bar (also `mark`; a return also `return`).
 * @csspart mark - Each order's bar.
 * @csspart return - The bar of a return.
 * @csspart as-of - The line marking the analysis date.
 * @csspart legend - The legend under the chart.
 * @csspart legend-item - Each legend entry.
 * @csspart table - The orders table and the per-month table.
 * @csspart table-header - Column header cells.
 * @csspart table-row - Body rows.
 * @csspart table-cell - Body cells.
 * @csspart feedback - The feedback list.
 * @csspart feedback-item - Each feedback answer.
 * @csspart empty - An empty-state message (no customer, no orders, no feedback).
 * @cssprop --rapport-customer-detail-bar-color - Bars of purchases (default: primary).
 * @cssprop --rapport-customer-detail-return-color - Bars of returns (default: danger).
 * @cssprop --rapport-customer-detail-axis-color - The time axis, its labels and the as-of line (default: `--rapport-chart-axis-color`).
 * @cssprop --rapport-customer-detail-gridline-color - Amount gridlines (default: `--rapport-chart-gridline-color`).
 * @cssprop --rapport-customer-detail-chip-color - Background of the type and rung chips (default: surface-alt).
 */
@customElement('rapport-customer-detail')
export class RapportCustomerDetail extends RapportElement {
  static override styles = [
    themeTokens,
    tableEquivalentStyles,
    css`
      :host {
        display: block;
        --_bar: var(--rapport-customer-detail-bar-color, var(--_primary));
        --_return: var(--rapport-customer-detail-return-color, var(--_danger));
        --_axis: var(--rapport-customer-detail-axis-color, var(--rapport-chart-axis-color, var(--_muted)));
        --_grid: var(--rapport-customer-detail-gridline-color, var(--_gridline));
        --_chip-bg: var(--rapport-customer-detail-chip-color, var(--_surface-alt));
      }
      .card {
        background: var(--_surface);
        color: var(--_text);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_gap);
      }
      header {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.3em 1em;
        align-items: start;
      }
      h2,
      h3 {
        margin: 0;
        line-height: 1.25;
      }
      h2 {
        font-size: 1.25em;
      }
      h3 {
        font-size: 1em;
        font-weight: 600;
      }
      .sub {
        color: var(--_muted);
        font-size: 0.9em;
        margin: 0.15em 0 0;
      }
      .chips {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        gap: 0.4em;
        margin: 0.3em 0 0;
        padding: 0;
        list-style: none;
      }
      .chip {
        display: inline-flex;
        gap: 0.35em;
        align-items: baseline;
        border-radius: 999px;
        padding: 0.15em 0.7em;
        font-size: 0.9em;
        background: var(--_chip-bg);
        color: var(--_text);
        border: 1px solid var(--_border);
      }
      .chip .what {
        font-size: 0.85em;
        opacity: 0.9;
      }
      .chip.segment {
        background: var(--_chip, var(--_segment-1));
        color: var(--_on-segment);
        border-color: transparent;
      }
      .reason {
        grid-column: 1 / -1;
        margin: 0.3em 0 0;
      }
      .reason strong {
        font-weight: 600;
      }
      section {
        margin-top: var(--_gap);
      }
      .section-head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.5em;
        margin-bottom: 0.4em;
      }
      dl {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
        gap: calc(var(--_gap) / 2);
        margin: 0;
      }
      dl > div {
        background: var(--_surface-alt);
        border-radius: calc(var(--_radius) / 2);
        padding: 0.45em 0.7em;
      }
      dt {
        color: var(--_muted);
        font-size: 0.85em;
      }
      dd {
        margin: 0.15em 0 0;
        font-weight: 650;
        font-variant-numeric: var(--_numeric);
      }
      .note {
        color: var(--_muted);
        font-size: 0.9em;
        margin: 0.5em 0 0;
      }
      .chart {
        position: relative;
      }
      svg {
        display: block;
        width: 100%;
        height: auto;
        font-family: var(--_font);
        overflow: visible;
      }
      .gridline {
        stroke: var(--_grid);
        stroke-width: 1;
      }
      .axis {
        stroke: var(--_axis);
        stroke-width: 1.5;
      }
      .tick {
        stroke: var(--_axis);
      }
      .as-of {
        stroke: var(--_axis);
        stroke-dasharray: 4 3;
      }
      .axis-label {
        fill: var(--_axis);
        font-size: 11px;
      }
      .mark {
        fill: var(--_bar);
      }
      .mark.return {
        fill: var(--_return);
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3em 1.2em;
        font-size: 0.85em;
        margin: 0.3em 0 0;
        padding: 0;
        list-style: none;
      }
      .legend li {
        display: inline-flex;
        align-items: center;
        gap: 0.35em;
      }
      .swatch {
        width: 0.8em;
        height: 0.8em;
        border-radius: 2px;
        background: var(--_bar);
      }
      .swatch.return {
        background: var(--_return);
      }
      .swatch.as-of {
        height: 0;
        border-top: 2px dashed var(--_axis);
        border-radius: 0;
        background: none;
      }
      th[scope='row'],
      td.text,
      thead th.text {
        text-align: left;
      }
      tr.return td {
        color: var(--_return);
      }
      .tables {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--_gap);
        align-items: start;
        overflow-x: auto;
      }
      .feedback {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.5em;
      }
      .feedback li {
        border-inline-start: 3px solid var(--_border);
        padding: 0.2em 0 0.2em 0.7em;
      }
      .feedback li.complaint {
        border-inline-start-color: var(--_danger);
      }
      .feedback li.compliment {
        border-inline-start-color: var(--_success);
      }
      .feedback .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 0.2em 0.8em;
        font-size: 0.85em;
        color: var(--_muted);
      }
      .feedback .kind {
        font-weight: 600;
        color: var(--_text);
      }
      .feedback p {
        margin: 0.2em 0 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .empty {
        color: var(--_muted);
        margin: 0;
      }
      @media (forced-colors: active) {
        .mark,
        .mark.return {
          forced-color-adjust: none;
          fill: CanvasText;
        }
        .mark.return {
          fill: Highlight;
        }
        .chip.segment {
          border-color: CanvasText;
        }
      }
    `,
  ];

  /** The customer to show (from `Dataset.customerDetail(id)`); null shows the empty state. */
  @property({ attribute: false }) detail: CustomerDetail | null = null;
  /** Locale of numbers and dates (default: the language in force, from `lang`). */
  @property() locale?: string;
  /** ISO 4217 code for money figures; plain numbers when unset. */
  @property() currency?: string;
  /**
   * Colour index of the customer's segment (0-based, in the segment order of the other charts),
   * to override the detail's own `segment_index` when the page orders segments otherwise.
   */
  @property({ type: Number, attribute: 'segment-index' }) segmentIndex?: number;

  /** The history is shown as a table instead of the chart. */
  @state() private asTable = false;
  /** The history chart's measured width in CSS px (0 until measured). */
  @state() private chartWidth = 0;
  private resizeObserver: ResizeObserver | null = null;
  private observedChart: Element | null = null;
  /** The locale the history was laid out for. */
  private layoutTag: string | undefined = undefined;

  private msg = new Localized(this, messages);
  private layout: HistoryLayout | null = null;
  /** A `focus()` asked for before the content it targets was rendered. */
  private pendingFocus: FocusOptions | null = null;
  private readonly uid = `rapport-customer-detail-${nextId++}`;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('detail')) {
      const d = this.detail;
      // Another customer opens with their chart, not in the view the previous one was left in.
      const before = changed.get('detail') as CustomerDetail | null | undefined;
      if (before?.customer.customer_id !== d?.customer.customer_id) this.asTable = false;
    }
    // The language changes the month labels' width (the controller asks for an update then).
    const tag = this.locale ?? this.msg.tag;
    if (changed.has('detail') || (changed as Map<PropertyKey, unknown>).has('chartWidth') || tag !== this.layoutTag) {
      this.layoutTag = tag;
      const d = this.detail;
      // As many month labels as fit: their width depends on the language ("Sep 2024", "set. de 2024").
      const sample = formats(this.locale ?? this.msg.tag, this.currency).month('2024-09');
      const maxMonthLabels = Math.max(2, Math.floor((this.layoutWidth - 64) / (sample.length * LABEL_CHAR_PX + 16)));
      this.layout = d && d.orders.length ? historyLayout(d.orders, d.analysisDate, { width: this.layoutWidth, height: HEIGHT, maxMonthLabels }) : null;
    }
  }

  private get layoutWidth(): number {
    return this.chartWidth > 0 ? Math.max(MIN_WIDTH, this.chartWidth) : WIDTH;
  }

  private t(key: Key, params?: Record<string, string | number>): string {
    return this.msg.t(key, params);
  }

  override render() {
    const d = this.detail;
    if (!d) return html`<p class="empty" part="empty" tabindex="-1" data-focus-target>${this.t('empty')}</p>`;
    const f = formats(this.locale ?? this.msg.tag, this.currency);
    const c = d.customer;
    return html`<section class="card" part="card" aria-labelledby="${this.uid}-title" @keydown=${this.onKey}>
      ${this.renderHeader(c, d, f)} ${this.renderFigures(c, d, f)} ${this.renderHistory(d, f)} ${this.renderFeedback(d.feedback, f)}
    </section>`;
  }

  private renderHeader(c: CustomerSummary, d: CustomerDetail, f: Formats) {
    const lang = this.msg.lang;
    const index = this.segmentIndex ?? c.segment_index;
    return html`<header part="header">
      <div>
        <h2 id="${this.uid}-title" part="title">${c.name ?? c.customer_id}</h2>
        ${c.name || c.signup_date
          ? html`<p class="sub" part="label">
              ${c.name ? this.t('id', { id: c.customer_id }) : nothing}
              ${c.name && c.signup_date ? ' · ' : nothing}${c.signup_date ? this.t('signup', { date: f.date(c.signup_date) }) : nothing}
            </p>`
          : nothing}
      </div>
      <button type="button" part="button close" aria-label=${this.t('closeLabel', { id: c.name ?? c.customer_id })} @click=${this.close}>
        ${this.t('close')}
      </button>
      ${c.segment || c.type || c.rung
        ? html`<ul class="chips">
            ${c.segment
              ? html`<li
                  class="chip segment"
                  part="chip segment"
                  data-segment-index=${index ?? nothing}
                  style=${styleProps({ '--_chip': index === null || index === undefined ? null : segmentColour(index) })}
                >
                  <span class="what">${this.t('segment')}</span> <span>${segmentLabel(lang, c.segment)}</span>
                </li>`
              : nothing}
            ${c.type
              ? html`<li class="chip" part="chip type"><span class="what">${this.t('type')}</span> <span>${this.msg.from(commonMessages, `type.${c.type}`)}</span></li>`
              : nothing}
            ${c.rung
              ? html`<li class="chip" part="chip rung"><span class="what">${this.t('rung')}</span> <span>${rungLabel(lang, c.rung)}</span></li>`
              : nothing}
          </ul>`
        : nothing}
      ${c.rung && c.reason
        ? html`<p class="reason" part="reason"><strong>${this.t('why', { rung: rungLabel(lang, c.rung) })}</strong> ${this.reasonText(c)}</p>`
        : nothing}
      ${d.analysisDate ? html`<p class="note" part="note">${this.t('asOf', { date: f.date(d.analysisDate) })}</p>` : nothing}
    </header>`;
  }

  /** Why the customer is on their rung, in the interface language (the English reason when the summary carries no notice). */
  private reasonText(c: CustomerSummary): string {
    return noticeText(c.reasonNotice ?? c.reason, this.msg.lang, this.msg.tag);
  }

  private renderFigures(c: CustomerSummary, d: CustomerDetail, f: Formats) {
    const figures: [string, string][] = [];
    if (c.orders > 0 || c.returns > 0) {
      figures.push([this.t('firstOrder'), c.first_order ? f.date(c.first_order) : '–']);
      figures.push([this.t('lastOrder'), c.last_order ? f.date(c.last_order) : '–']);
    }
    figures.push([this.t('orders'), f.integer(c.orders)]);
    if (c.returns > 0) figures.push([this.t('returns'), f.integer(c.returns)]);
    figures.push([this.t('revenue'), f.money(c.revenue)]);
    if (c.margin !== null) figures.push([this.t('margin'), f.money(c.margin)]);
    if (c.recency_days !== null) figures.push([this.t('recency'), this.t('days', { n: c.recency_days })]);
    const scores: [Key, number | null][] = [
      ['scoreR', c.r_score],
      ['scoreF', c.f_score],
      ['scoreM', c.m_score],
    ];
    for (const [key, score] of scores) {
      if (score === null) continue;
      figures.push([this.t(key), d.bins ? this.t('scoreOf', { score, bins: d.bins }) : f.integer(score)]);
    }
    const unscored = d.bins === null && c.orders > 0;
    return html`<section aria-labelledby="${this.uid}-figures">
      <h3 id="${this.uid}-figures" class="visually-hidden">${this.t('figures')}</h3>
      <dl part="figures">
        ${figures.map(([label, value]) => html`<div part="figure"><dt>${label}</dt><dd part="value">${value}</dd></div>`)}
      </dl>
      ${unscored ? html`<p class="note" part="note">${this.t('notScored')}</p>` : nothing}
    </section>`;
  }

  private renderHistory(d: CustomerDetail, f: Formats) {
    const l = this.layout;
    const id = d.customer.name ?? d.customer.customer_id;
    const headId = `${this.uid}-history`;
    if (!l) {
      return html`<section aria-labelledby=${headId}>
        <div class="section-head"><h3 id=${headId}>${this.t('history')}</h3></div>
        <p class="empty" part="empty">${this.t('noOrders')}</p>
      </section>`;
    }
    const toggle = this.msg.from(commonMessages, this.asTable ? 'action.show-chart' : 'action.show-table');
    return html`<section aria-labelledby=${headId}>
      <div class="section-head">
        <h3 id=${headId}>${this.t('history')}</h3>
        <button type="button" part="toggle" aria-controls="${this.uid}-view" aria-expanded=${this.asTable ? 'true' : 'false'} @click=${this.toggleView}>
          ${toggle}
        </button>
      </div>
      <div id="${this.uid}-view">${this.asTable ? this.renderTables(d, f, id) : this.renderChart(l, d, f, headId)}</div>
    </section>`;
  }

  private markLabel(m: HistoryMark, f: Formats): string {
    const params = { order: m.order.order_id, date: f.date(m.order.order_date), amount: f.money(m.order.amount) };
    return this.t(m.isReturn ? 'markReturn' : 'markPurchase', params);
  }

  private renderChart(l: HistoryLayout, d: CustomerDetail, f: Formats, headId: string) {
    const summary = this.t('chartSummary', { n: d.orders.length, start: f.date(l.start), end: f.date(l.end) });
    const hasReturns = l.marks.some((m) => m.isReturn);
    return html`<div class="chart" part="chart">
        <p id="${this.uid}-summary" class="visually-hidden">${summary}</p>
        <svg viewBox="0 0 ${l.width} ${l.height}" role="group" aria-labelledby=${headId} aria-describedby="${this.uid}-summary">
          <g aria-hidden="true">
            ${l.valueTicks.map(
              (t) => svg`<line class="gridline" part="gridline" x1=${l.plot.x0} x2=${l.plot.x1} y1=${t.y} y2=${t.y}></line>
                <text class="axis-label" part="axis-label" x=${l.plot.x0 - 6} y=${t.y} text-anchor="end" dominant-baseline="central">${f.money(t.value)}</text>`,
            )}
            ${l.monthTicks.map(
              (t) => svg`<line class="tick" x1=${t.x} x2=${t.x} y1=${l.plot.y1} y2=${l.plot.y1 + 4}></line>
                ${t.labelled ? svg`<text class="axis-label" part="axis-label" x=${t.x} y=${l.plot.y1 + 16} text-anchor="middle">${f.month(t.month)}</text>` : nothing}`,
            )}
            <line class="axis" part="axis" x1=${l.plot.x0} x2=${l.plot.x1} y1=${l.zeroY} y2=${l.zeroY}></line>
            ${l.asOfX === null ? nothing : svg`<line class="as-of" part="as-of" x1=${l.asOfX} x2=${l.asOfX} y1=${l.plot.y0} y2=${l.plot.y1}></line>`}
          </g>
          ${l.marks.map(
            (m) => svg`<rect class="mark ${m.isReturn ? 'return' : ''}" part="bar mark${m.isReturn ? ' return' : ''}" role="img"
              aria-label=${this.markLabel(m, f)} data-order=${m.order.order_id}
              x=${m.x} y=${m.y} width=${m.w} height=${m.h}><title>${this.markLabel(m, f)}</title></rect>`,
          )}
        </svg>
      </div>
      <ul class="legend" part="legend">
        <li part="legend-item"><span class="swatch" aria-hidden="true"></span>${this.t('legendPurchase')}</li>
        ${hasReturns ? html`<li part="legend-item"><span class="swatch return" aria-hidden="true"></span>${this.t('legendReturn')}</li>` : nothing}
        ${l.asOfX === null
          ? nothing
          : html`<li part="legend-item"><span class="swatch as-of" aria-hidden="true"></span>${d.analysisDate ? this.t('asOfLineDate', { date: f.date(d.analysisDate) }) : this.t('asOfLine')}</li>`}
      </ul>`;
  }

  private renderTables(d: CustomerDetail, f: Formats, id: string) {
    const has = (k: 'quantity' | 'channel' | 'status') => d.orders.some((o) => o[k] !== null && o[k] !== undefined);
    const [quantity, channel, status] = [has('quantity'), has('channel'), has('status')];
    return html`<div class="tables">
      <table part="table" data-table="orders">
        <caption>
          ${this.t('ordersCaption', { id })}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="text" part="table-header">${this.t('colDate')}</th>
            <th scope="col" class="text" part="table-header">${this.t('colOrder')}</th>
            <th scope="col" part="table-header">${this.t('colAmount')}</th>
            ${quantity ? html`<th scope="col" part="table-header">${this.t('colQuantity')}</th>` : nothing}
            ${channel ? html`<th scope="col" class="text" part="table-header">${this.t('colChannel')}</th>` : nothing}
            ${status ? html`<th scope="col" class="text" part="table-header">${this.t('colStatus')}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${d.orders.map(
            (o) => html`<tr part="table-row" class=${o.is_return ? 'return' : ''}>
              <th scope="row" part="table-cell">${f.date(o.order_date)}</th>
              <td class="text" part="table-cell">${o.is_return ? this.t('orderReturn', { order: o.order_id }) : o.order_id}</td>
              <td part="table-cell">${f.money(o.amount)}</td>
              ${quantity ? html`<td part="table-cell">${o.quantity === null ? '–' : f.decimal(o.quantity)}</td>` : nothing}
              ${channel ? html`<td class="text" part="table-cell">${o.channel ?? '–'}</td>` : nothing}
              ${status ? html`<td class="text" part="table-cell">${o.status ?? '–'}</td>` : nothing}
            </tr>`,
          )}
        </tbody>
      </table>
      <table part="table" data-table="months">
        <caption>
          ${this.t('monthsCaption', { id })}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="text" part="table-header">${this.t('colMonth')}</th>
            <th scope="col" part="table-header">${this.t('orders')}</th>
            <th scope="col" part="table-header">${this.t('returns')}</th>
            <th scope="col" part="table-header">${this.t('colNet')}</th>
          </tr>
        </thead>
        <tbody>
          ${d.months.map(
            (m) => html`<tr part="table-row">
              <th scope="row" part="table-cell">${f.month(m.month)}</th>
              <td part="table-cell">${f.integer(m.orders)}</td>
              <td part="table-cell">${f.integer(m.returns)}</td>
              <td part="table-cell">${f.money(m.amount)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private kindLabel(kind: string): string {
    if ((OWN_KINDS as readonly string[]).includes(kind)) return this.t(`kind.${kind}` as Key);
    if ((SHARED_KINDS as readonly string[]).includes(kind)) return this.msg.from(commonMessages, `kind.${kind as (typeof SHARED_KINDS)[number]}`);
    return kind;
  }

  private renderFeedback(rows: readonly CustomerFeedback[], f: Formats) {
    const headId = `${this.uid}-feedback`;
    return html`<section aria-labelledby=${headId}>
      <div class="section-head"><h3 id=${headId}>${this.t('feedback')}</h3></div>
      ${rows.length === 0
        ? html`<p class="empty" part="empty">${this.t('noFeedback')}</p>`
        : html`<ul class="feedback" part="feedback">
            ${rows.map((r) => {
              const answer =
                r.answered === null ? null : r.answered ? (r.answered_date ? this.t('answeredOn', { date: f.date(r.answered_date) }) : this.t('answered')) : this.t('notAnswered');
              return html`<li class=${r.kind} part="feedback-item" data-kind=${r.kind}>
                <div class="meta">
                  <span class="kind">${this.kindLabel(r.kind)}</span>
                  <span>${r.feedback_date ? f.date(r.feedback_date) : this.t('undated')}</span>
                  ${r.score !== null && r.scale_max !== null ? html`<span>${this.t('score', { score: r.score, max: r.scale_max })}</span>` : nothing}
                  ${r.category ? html`<span>${this.t('category', { category: r.category })}</span>` : nothing}
                  ${r.channel ? html`<span>${this.t('channel', { channel: r.channel })}</span>` : nothing}
                  ${answer ? html`<span>${answer}</span>` : nothing}
                </div>
                ${r.text ? html`<p>${r.text}</p>` : nothing}
              </li>`;
            })}
          </ul>`}
    </section>`;
  }

  /**
   * Focuses the close button (e.g. when the page opens the details), or the empty-state message
   * when no customer is shown. Called right after `detail` is set, it focuses once that customer
   * is rendered.
   */
  override focus(options?: FocusOptions): void {
    if (!this.isUpdatePending) {
      const target = this.focusTarget();
      if (target) {
        target.focus(options);
        return;
      }
    }
    // Not rendered yet (or about to change): apply the request after the next render.
    this.pendingFocus = options ?? {};
    if (!this.isUpdatePending) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.observedChart = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Measure the chart's box (it appears and goes with the data and the table toggle).
    const chart = this.renderRoot.querySelector('.chart');
    if (chart !== this.observedChart && typeof ResizeObserver !== 'undefined') {
      this.resizeObserver ??= new ResizeObserver((entries) => {
        const w = Math.round(entries[0]?.contentRect.width ?? 0);
        if (w > 0 && w !== this.chartWidth) this.chartWidth = w;
      });
      if (this.observedChart) this.resizeObserver.unobserve(this.observedChart);
      if (chart) this.resizeObserver.observe(chart);
      this.observedChart = chart;
    }
    if (this.pendingFocus) {
      const options = this.pendingFocus;
      this.pendingFocus = null;
      this.focusTarget()?.focus(options);
    }
  }

  private focusTarget(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part~="close"], [data-focus-target]');
  }

  private toggleView = () => {
    this.asTable = !this.asTable;
  };

  private close = () => {
    const id = this.detail?.customer.customer_id;
    if (id !== undefined) this.emit('rapport-customer-close', { customerId: id });
  };

  private onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    this.close();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-customer-detail': RapportCustomerDetail;
  }
}
