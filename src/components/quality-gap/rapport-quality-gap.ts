import { html, svg, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleProps } from '../base/style-props.js';
import { RapportElement } from '../base/rapport-element.js';
import { moveInList } from '../base/grid-keys.js';
import { themeTokens } from '../base/theme.js';
import { chartHeaderStyles, tableEquivalentStyles, tooltipStyles } from '../base/chart-styles.js';
import { fixed, signed } from '../base/signed-format.js';
import { formats, type Formats } from '../format.js';
import {
  deliveryLayout,
  gapVerdict,
  qualityGapLayout,
  SMALL_GROUP_N,
  VERDICT_WORDS,
  type AxisTick,
  type GapVerdict,
  type DeliveryLayout,
  type GapRow,
  type QualityGapLayout,
} from '../../charts/quality-gap-layout.js';
import type { QualityGapResult, QualityWeighting } from '../../analytics/quality.js';
import type { DeliveryGapResult } from '../../analytics/delivery.js';

let nextId = 0;

/** Which chart a row belongs to: each is one tab stop. */
type ChartId = 'main' | 'groups';

/** "reliability" -> "Reliability"; other names as given. */
const title = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

const WEIGHTING_WORDS: Record<QualityWeighting, string> = {
  respondent: "weighted by each respondent's own importance of the dimensions",
  given: 'weighted by the importance given per dimension',
  equal: 'every dimension weighted the same (no importance in the data)',
};

/**
 * @summary Service quality as the gap between what customers expected and what they perceived
 * (SERVQUAL). One row per dimension, sorted by gap (most negative first): a dumbbell of mean
 * expectation (hollow) and mean perception (filled) on the survey scale, and the gap as a signed
 * bar around zero with its 95% interval and n. A negative gap is drawn in the negative colour and
 * hatched, so colour is never the only carrier; one rule names it everywhere (rows, table, group
 * headings, headline): "not kept" when its whole interval is below zero, "below expectations,
 * within noise" when the interval crosses zero, and "interval unknown" when n < 2. The gap axis
 * is sized by the intervals of rows with at least 10 respondents and never exceeds ±(scale max −
 * scale min); wider intervals are clipped and drawn open-ended with an arrow, and groups under
 * 10 respondents carry a "small group" note. Each dimension opens to its items. The importance-weighted overall score is the headline; a
 * select splits the respondents by a group when the survey allows it; the optional delivery
 * block compares promised with actual delivery and late with on-time review scores.
 *
 * The rows of a chart are one tab stop (the expand buttons are not tab stops of their own):
 * ArrowDown / ArrowUp move between rows, ArrowRight opens a dimension and ArrowLeft closes it
 * (from an item: goes to its dimension; on a closed dimension: nothing), Home / End jump to the
 * first / last row, Enter or Space chooses a row (again: clears), Escape clears. The focused or
 * hovered row's figures show in a tooltip below the chart's last row (never over the rows) and
 * are its accessible name.
 *
 * @event rapport-quality-group - The user chose another split in the group select; detail `{ by: string | null }` (null: all respondents). Set `.gap` with the groups asked for in response.
 * @event rapport-quality-select - The user chose a row (click, Enter or Space) or cleared the choice (again, Escape); detail `{ dimension: string | null, item: string | null }`.
 * @csspart overall - The headline line with the weighted overall gap.
 * @csspart notes - The messages about what the figures rest on (role=note).
 * @csspart group-select - The label and select of the respondent split.
 * @csspart legend - The key to the marks.
 * @csspart chart - The dimension rows with their axes (one tab stop).
 * @csspart axis - Each axis row.
 * @csspart row - Each drawn row (dimension, item or group row).
 * @csspart expand - The button that opens a dimension's items (aria-expanded).
 * @csspart mark - The focusable drawing of a row (dumbbell and gap bar).
 * @csspart bar - Each gap bar.
 * @csspart interval - Each 95% interval whisker (open-ended with an arrow where it runs past the axis).
 * @csspart small-note - The "small group" note of a group with fewer than 10 respondents.
 * @csspart value - The gap figure beside each row.
 * @csspart groups - The per-group rows.
 * @csspart delivery - The promised vs delivered block.
 * @csspart tooltip - The figures shown for the hovered or focused row.
 * @csspart table - Each table of the table equivalent.
 * @csspart empty - The message shown when there is no survey.
 * @cssproperty --rapport-quality-negative-color - Bars, figures and labels of negative gaps (default: danger).
 * @cssproperty --rapport-quality-negative-surface - Background of rows whose whole interval is below zero (default: danger surface).
 * @cssproperty --rapport-quality-positive-color - Bars of zero or positive gaps (default: success).
 * @cssproperty --rapport-quality-expectation-color - Expectation marks, hollow (default: muted text).
 * @cssproperty --rapport-quality-perception-color - Perception marks, filled (default: primary).
 * @cssproperty --rapport-quality-interval-color - Interval whiskers (default: text).
 * @cssproperty --rapport-quality-grid-color - Grid lines and the zero line (default: border).
 * @cssproperty --rapport-quality-selected-color - Outline of the chosen row (default: text).
 */
@customElement('rapport-quality-gap')
export class RapportQualityGap extends RapportElement {
  static override styles = [
    themeTokens,
    tooltipStyles,
    tableEquivalentStyles,
    chartHeaderStyles,
    css`
      :host {
        display: block;
        --_negative: var(--rapport-quality-negative-color, var(--_danger));
        --_negative-surface: var(--rapport-quality-negative-surface, var(--_danger-surface));
        --_positive: var(--rapport-quality-positive-color, var(--_success));
        --_expectation: var(--rapport-quality-expectation-color, var(--_muted));
        --_perception: var(--rapport-quality-perception-color, var(--_primary));
        --_interval: var(--rapport-quality-interval-color, var(--_text));
        --_grid: var(--rapport-quality-grid-color, var(--_border));
        --_selected: var(--rapport-quality-selected-color, var(--_text));
        --_label-w: 13rem;
        --_value-w: 12.5rem;
        container-type: inline-size;
      }
      .group-select {
        display: inline-flex;
        align-items: center;
        gap: 0.4em;
        font-size: 0.9em;
      }
      select {
        font: inherit;
        color: var(--_text);
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) / 2);
        padding: 0.2em 0.4em;
      }
      .overall {
        margin: 0 0 0.5em;
      }
      .overall .figure {
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .overall .figure.negative {
        color: var(--_negative);
      }
      .legend {
        color: var(--_muted);
      }
      .legend svg {
        width: 22px;
        height: 12px;
        overflow: visible;
      }
      .chart {
        position: relative;
      }
      svg.defs {
        position: absolute;
      }
      .row,
      .axis {
        display: grid;
        grid-template-columns: var(--_label-w) minmax(0, 1fr) var(--_value-w);
        align-items: center;
        column-gap: 0.5em;
      }
      .row {
        min-height: 2em;
        border-top: 1px solid transparent;
      }
      .row.item {
        font-size: 0.92em;
        min-height: 1.8em;
      }
      .row.significant {
        background: var(--_negative-surface);
      }
      .label {
        overflow-wrap: break-word;
        hyphens: auto;
        padding-inline-start: 0.2em;
        min-width: 0;
      }
      .row.item .label {
        padding-inline-start: 1.9em;
        color: var(--_muted);
      }
      .row.negative .label {
        font-weight: 600;
      }
      .row.item.negative .label {
        color: var(--_text);
      }
      button.expand {
        border: none;
        background: none;
        padding: 0.1em 0.2em;
        font-weight: inherit;
        text-align: start;
        display: inline-flex;
        gap: 0.35em;
        align-items: baseline;
      }
      button.expand .chevron {
        display: inline-block;
        transition: transform 0.15s ease;
      }
      button.expand[aria-expanded='true'] .chevron {
        transform: rotate(90deg);
      }
      .nochevron {
        display: inline-block;
        width: 1.35em;
      }
      .panels {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        column-gap: 2.6em;
        align-items: center;
        height: 100%;
      }
      .mark {
        position: relative;
        align-self: stretch;
        cursor: pointer;
        border-radius: 4px;
        outline: 2px solid transparent;
        outline-offset: 1px;
        padding: 0 10px;
      }
      .mark:focus-visible {
        outline: 2px solid var(--_primary);
      }
      .mark[aria-pressed='true'] {
        outline: 2px solid var(--_selected);
      }
      .mark svg,
      .axis svg {
        display: block;
        width: 100%;
        overflow: visible;
      }
      .mark svg {
        height: 26px;
      }
      .row.item .mark svg {
        height: 22px;
      }
      .grid {
        stroke: var(--_grid);
        stroke-width: 1;
      }
      .zero {
        stroke: var(--_muted);
        stroke-width: 1.5;
      }
      .link {
        stroke: var(--_expectation);
        stroke-width: 2.5;
      }
      .row.negative .link {
        stroke: var(--_negative);
      }
      .expectation {
        fill: var(--_surface);
        stroke: var(--_expectation);
        stroke-width: 2.5;
      }
      .perception {
        fill: var(--_perception);
        stroke: var(--_surface);
        stroke-width: 1;
      }
      .bar {
        fill: var(--_positive);
      }
      .bar.negative {
        fill: var(--_negative);
      }
      .hatch line {
        stroke: var(--_surface);
        stroke-width: 2;
        opacity: 0.55;
      }
      .interval line {
        stroke: var(--_interval);
        stroke-width: 1.5;
      }
      .interval .clip {
        fill: var(--_interval);
      }
      .row.small .interval line {
        stroke-dasharray: 3 2;
      }
      .small-note {
        display: inline-block;
        margin-inline-start: 0.4em;
        padding: 0 0.4em;
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) / 2);
        color: var(--_muted);
        font-size: 0.85em;
        font-weight: 400;
      }
      .value {
        font-variant-numeric: tabular-nums;
        display: flex;
        gap: 0.4em;
        align-items: baseline;
        white-space: nowrap;
      }
      .value .gap {
        font-weight: 650;
        min-width: 3.2em;
        text-align: end;
      }
      .value .gap.negative {
        color: var(--_negative);
      }
      .value .tag {
        font-size: 0.8em;
        color: var(--_negative);
        font-weight: 600;
      }
      .value .n {
        font-size: 0.8em;
        color: var(--_muted);
      }
      .axis {
        font-size: 0.78em;
        color: var(--_muted);
      }
      .axis .ticks {
        position: relative;
        height: 1.4em;
      }
      /* The same inset as the marks' padding, so ticks sit over the grid lines. */
      .axis .panels {
        padding: 0 10px;
      }
      .axis .tick.start {
        transform: none;
      }
      .axis .tick.end {
        transform: translateX(-100%);
      }
      .axis .tick {
        position: absolute;
        transform: translateX(-50%);
        white-space: nowrap;
      }
      .axis .caption {
        text-align: center;
        white-space: nowrap;
      }
      .axis .caption.left {
        text-align: start;
        padding-inline-start: 0.2em;
      }
      .rows {
        position: relative;
      }
      /* Below the chart's last row, under the drawing: never over the rows being navigated. */
      .rows > .tooltip {
        white-space: normal;
        width: max-content;
        max-width: 19rem;
        top: 100%;
        left: calc(var(--_label-w) + 0.5em);
        transform: translateY(6px);
      }
      .tooltip .note {
        display: block;
        margin-top: 0.3em;
        color: var(--_muted);
      }
      h3 {
        font-size: 1em;
        margin: 1.1em 0 0.3em;
      }
      h4 {
        font-size: 0.95em;
        margin: 0.7em 0 0.1em;
        font-weight: 600;
      }
      h4 .sub {
        font-weight: 400;
        color: var(--_muted);
      }
      .delivery dl {
        display: flex;
        flex-wrap: wrap;
        gap: 0.2em 1.6em;
        margin: 0 0 0.5em;
      }
      .delivery dt {
        color: var(--_muted);
        font-size: 0.85em;
      }
      .delivery dd {
        margin: 0;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .delivery .row {
        grid-template-columns: var(--_label-w) minmax(0, 1fr) var(--_value-w);
      }
      .satisfaction {
        padding: 0 10px;
      }
      .satisfaction svg {
        display: block;
        width: 100%;
        height: 3.4em;
        overflow: visible;
      }
      .satisfaction text {
        fill: var(--_text);
        font-size: 12px;
      }
      .late {
        fill: var(--_negative);
      }
      .ontime {
        fill: var(--_surface);
        stroke: var(--_perception);
        stroke-width: 2.5;
      }
      th[scope='row'],
      thead th:first-child {
        text-align: left;
      }
      tr.item th[scope='row'] {
        padding-inline-start: 1.8em;
        font-weight: 400;
      }
      tr[aria-selected='true'] th {
        text-decoration: underline;
      }
      .empty {
        color: var(--_muted);
        margin: 0;
      }
      /* Narrow: slimmer side columns, every other gap tick, captions may wrap. */
      @container (max-width: 820px) {
        .row,
        .axis,
        .rows {
          --_label-w: 11rem;
          --_value-w: 7rem;
        }
        .panels {
          column-gap: 1.6em;
        }
        .value {
          flex-wrap: wrap;
          white-space: normal;
          column-gap: 0.3em;
          row-gap: 0;
        }
        .value .gap {
          min-width: 0;
        }
        /* Two lines at most: the gap and n, then its verdict. */
        .value .n {
          order: 1;
        }
        .value .tag {
          order: 2;
          flex-basis: 100%;
          line-height: 1.1;
        }
        .axis .caption {
          white-space: normal;
          line-height: 1.2;
        }
        /* Every other gap tick counted from zero: zero always stays. */
        .ticks.gap .tick.thin {
          display: none;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        *,
        button.expand .chevron {
          transition: none !important;
        }
      }
      /* Last, so it wins over the token-driven fills above. */
      @media (forced-colors: active) {
        .bar,
        .perception,
        .late {
          forced-color-adjust: none;
          fill: CanvasText;
        }
        .expectation,
        .ontime {
          forced-color-adjust: none;
          fill: Canvas;
          stroke: CanvasText;
        }
        .row.significant {
          background: Canvas;
        }
        .mark[aria-pressed='true'] {
          outline-color: Highlight;
        }
      }
    `,
  ];

  /** The gaps to draw (from the quality analytics); null shows the empty state. */
  @property({ attribute: false }) gap: QualityGapResult | null = null;
  /** The operational gap (promised vs actual delivery); null or absent: no delivery block. */
  @property({ attribute: false }) delivery: DeliveryGapResult | null = null;
  @property() locale?: string;
  /** ISO 4217 code for money figures (none are shown yet; kept for symmetry with the other charts). */
  @property() currency?: string;

  /** Dimensions whose items are shown. */
  @state() private expanded: ReadonlySet<string> = new Set();
  /** The chosen row's key, or null. */
  @state() private selectedKey: string | null = null;
  /** The row whose figures the tooltip shows (hovered or focused). */
  @state() private active: string | null = null;
  /** Which row holds each chart's roving tabindex. */
  @state() private focusKey: Record<ChartId, string | null> = { main: null, groups: null };

  private layout: QualityGapLayout | null = null;
  private deliveryMarks: DeliveryLayout | null = null;
  private readonly uid = `rapport-quality-gap-${nextId++}`;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('gap')) {
      // Forget expansions, focus and the choice of rows that are gone.
      const dims = new Set(this.gap?.dimensions.map((d) => d.dimension) ?? []);
      const kept = [...this.expanded].filter((d) => dims.has(d));
      if (kept.length !== this.expanded.size) this.expanded = new Set(kept);
    }
    if (changed.has('gap') || (changed as Map<PropertyKey, unknown>).has('expanded')) {
      this.layout = this.gap && this.gap.dimensions.length > 0 ? qualityGapLayout(this.gap, { expanded: this.expanded }) : null;
      const keys = new Set([...(this.layout?.rows ?? []), ...(this.layout?.groups?.flatMap((g) => g.rows) ?? [])].map((r) => r.key));
      if (this.selectedKey && !keys.has(this.selectedKey)) this.selectedKey = null;
      if (this.active && !keys.has(this.active)) this.active = null;
      for (const c of ['main', 'groups'] as ChartId[]) {
        const k = this.focusKey[c];
        if (k && !keys.has(k)) {
          // An item that was folded away hands the tab stop to its dimension.
          const dim = k.startsWith('i:') ? `d:${k.slice(2).split(':')[0]}` : null;
          this.focusKey = { ...this.focusKey, [c]: dim && keys.has(dim) ? dim : null };
        }
      }
    }
    if (changed.has('delivery')) this.deliveryMarks = this.delivery ? deliveryLayout(this.delivery) : null;
  }

  override render() {
    const g = this.gap;
    const f = formats(this.locale, this.currency);
    const delivery = this.delivery ? this.renderDelivery(this.delivery, f) : nothing;
    if (!g || !this.layout) {
      return html`<p class="empty" part="empty">
          ${g ? 'The survey has no answers with both an expectation and a perception.' : 'No survey yet: load survey answers (expectation and perception per item) to see the quality gap.'}
        </p>
        ${delivery}`;
    }
    return html`<div class="head">
        <span class="title" id="${this.uid}-title">Quality gap by dimension: perception − expectation, scale ${g.scale.min}–${g.scale.max}</span>
        ${this.renderGroupSelect(g)}
      </div>
      ${this.renderOverall(g, f)}
      ${g.messages.length
        ? html`<div role="note" part="notes" aria-label="About the survey">
            <ul class="notes">
              ${g.messages.map((m) => html`<li>${m}</li>`)}
            </ul>
          </div>`
        : nothing}
      ${this.renderLegend()}
      <svg class="defs" width="0" height="0" aria-hidden="true" focusable="false">
        <defs>
          <pattern id="${this.uid}-hatch" class="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="6"></line>
          </pattern>
        </defs>
      </svg>
      <p id="${this.uid}-help" class="visually-hidden">
        ${this.summary(g)} Arrow keys move between rows, ArrowRight opens a dimension's items and ArrowLeft closes them, Enter or Space chooses a row, Escape clears the choice.
      </p>
      <div class="chart" part="chart">
        ${this.renderAxis(this.layout, 'Dimension')}
        <div class="rows" role="group" aria-labelledby="${this.uid}-title" aria-describedby="${this.uid}-help" data-chart="main" @keydown=${this.onKey}>
          ${this.layout.rows.map((r, i) => this.renderRow(r, 'main', f, i))} ${this.renderTooltip('main', f)}
        </div>
      </div>
      ${this.renderGroups(this.layout, g, f)} ${delivery} ${this.renderTable(g, f)}`;
  }

  private renderGroupSelect(g: QualityGapResult) {
    if (!g.groupOptions.length) return nothing;
    const current = g.groups?.by ?? '';
    return html`<label class="group-select" part="group-select">
      Respondents
      <select @change=${this.onGroup}>
        <option value="" ?selected=${current === ''}>All respondents</option>
        ${g.groupOptions.map((o) => html`<option value=${o.by} ?selected=${current === o.by}>By ${o.label} (${o.groups} groups)</option>`)}
      </select>
    </label>`;
  }

  private onGroup = (e: Event) => {
    const value = (e.target as HTMLSelectElement).value;
    this.emit('rapport-quality-group', { by: value === '' ? null : value });
  };

  private renderOverall(g: QualityGapResult, f: Formats) {
    const o = g.overall;
    const ci = o.ciLow !== null && o.ciHigh !== null ? `95% CI ${signed(o.ciLow, this.locale)} to ${signed(o.ciHigh, this.locale)}` : 'no interval (fewer than 2 respondents)';
    const verdict = this.overallWords(gapVerdict(o));
    return html`<p class="overall" part="overall">
      Overall quality gap
      <span class="figure ${o.gap < 0 ? 'negative' : ''}">${signed(o.gap, this.locale)}</span>
      (${ci}; n = ${f.integer(o.n)}), ${verdict}; ${WEIGHTING_WORDS[o.weighting] ?? o.weighting}.
      ${g.linkedRespondents !== null ? html`${f.integer(g.linkedRespondents)} of ${f.integer(g.respondents)} respondents linked to customers.` : nothing}
    </p>`;
  }

  /** The headline's words for the overall verdict (the same rule as rows, table and groups). */
  private overallWords(v: GapVerdict): string {
    switch (v) {
      case 'not-kept':
        return 'below expectations: promises not kept overall (the whole interval is below zero)';
      case 'below-noise':
        return 'below expectations, within noise (the interval crosses zero)';
      case 'below-unknown':
        return 'below expectations, interval unknown (n < 2)';
      case 'above':
        return 'above expectations overall';
      default:
        return VERDICT_WORDS[v].text;
    }
  }

  /** " (not kept)", " (below expectations, within noise)"... after a negative gap; nothing otherwise. */
  private verdictSuffix(s: { gap: number; ciLow: number | null; ciHigh: number | null }): string {
    return s.gap < 0 ? ` (${VERDICT_WORDS[gapVerdict(s)].text})` : '';
  }

  private renderLegend() {
    return html`<div class="legend" part="legend" aria-hidden="true">
      <span><svg><circle class="expectation" cx="11" cy="6" r="5"></circle></svg>Expectation (hollow)</span>
      <span><svg><circle class="perception" cx="11" cy="6" r="5"></circle></svg>Perception (filled)</span>
      <span><svg><rect class="bar" x="0" y="1" width="22" height="10"></rect></svg>Gap at or above zero</span>
      <span
        ><svg><rect class="bar negative" x="0" y="1" width="22" height="10"></rect><rect x="0" y="1" width="22" height="10" fill="url(#${this.uid}-hatch)"></rect></svg
        >Gap below zero, hatched (“not kept” when its whole interval is below zero)</span
      >
      <span
        ><svg class="interval"><line x1="2" x2="20" y1="6" y2="6"></line><line x1="2" x2="2" y1="2" y2="10"></line><line x1="20" x2="20" y1="2" y2="10"></line></svg
        >95% interval</span
      >
      ${this.hasClipped()
        ? html`<span
            ><svg class="interval"><line x1="2" x2="22" y1="6" y2="6"></line><line x1="2" x2="2" y1="2" y2="10"></line><path class="clip" d="M22 6 L16 2 L16 10 Z"></path></svg
            >interval runs past the axis (small groups, dashed)</span
          >`
        : nothing}
    </div>`;
  }

  private hasClipped(): boolean {
    const l = this.layout;
    if (!l) return false;
    return [...l.rows, ...(l.groups?.flatMap((g) => g.rows) ?? [])].some((r) => r.ciClippedLow || r.ciClippedHigh);
  }

  private renderAxis(l: QualityGapLayout, caption: string) {
    const ticks = (ts: AxisTick[], fmt: (v: number) => string, kind: string) =>
      html`<div class="ticks ${kind}">${ts.map((t) => html`<span class="tick ${t.x < 0.02 ? 'start' : t.x > 0.98 ? 'end' : ''} ${t.thin ? 'thin' : ''}" style=${styleProps({ left: `${t.x * 100}%` })}>${fmt(t.value)}</span>`)}</div>`;
    return html`<div class="axis" part="axis" aria-hidden="true">
        <span class="caption left">${caption}</span>
        <div class="panels">
          <span class="caption">Expectation ○, perception ● (${l.scale.min}–${l.scale.max})</span>
          <span class="caption">Gap (P − E)</span>
        </div>
        <span class="caption left">Gap, n</span>
      </div>
      <div class="axis" part="axis" aria-hidden="true">
        <span></span>
        <div class="panels">
          ${ticks(l.scaleTicks, (v) => String(v), 'scale')} ${ticks(l.gapTicks, (v) => (v === 0 ? '0' : signed(v, this.locale, 1)), 'gap')}
        </div>
        <span></span>
      </div>`;
  }

  /** A row's accessible name: everything its tooltip says, in one line. */
  private describe(r: GapRow, f: Formats): string {
    return this.figures(r, f)
      .map(([k, v]) => (k ? `${k}: ${v}` : v))
      .join('; ');
  }

  private figures(r: GapRow, f: Formats): [string, string][] {
    const loc = this.locale;
    const ci = r.ciLow !== null && r.ciHigh !== null ? `${signed(r.ciLow, loc)} to ${signed(r.ciHigh, loc)}` : 'not known (n < 2)';
    const dim = r.kind === 'dimension' ? this.gap?.dimensions.find((d) => d.dimension === r.dimension) : undefined;
    const name = r.kind === 'item' ? `${r.label} (${title(r.dimension)})` : r.kind === 'group' ? `${title(r.label)}, ${this.groupOf(r.key)}` : title(r.label);
    const out: [string, string][] = [
      ['', name],
      ['Expectation', fixed(r.expectation, loc)],
      ['Perception', fixed(r.perception, loc)],
      ['Gap', `${signed(r.gap, loc)}${this.verdictSuffix(r)}`],
      ['95% interval', ci],
      ['Respondents', f.integer(r.n)],
    ];
    if (dim) out.push(['Items', f.integer(dim.items)], ['Weight in the overall score', f.percent(dim.weight)]);
    if (r.verdict === 'not-kept') out.push(['', 'A promise not kept: perception below expectation, the whole interval below zero.']);
    else if (r.verdict === 'below-noise') out.push(['', 'Perception below expectation, but the interval crosses zero: within noise.']);
    else if (r.verdict === 'below-unknown') out.push(['', 'Perception below expectation; no interval with fewer than 2 respondents.']);
    if (r.small && r.n >= 2) out.push(['', `Small group: fewer than ${SMALL_GROUP_N} respondents, so the interval is wide${r.ciClippedLow || r.ciClippedHigh ? ' and runs past the axis' : ''}.`]);
    else if (r.ciClippedLow || r.ciClippedHigh) out.push(['', 'The interval runs past the axis.']);
    return out;
  }

  private groupOf(key: string): string {
    const grp = this.layout?.groups?.find((g) => g.rows.some((r) => r.key === key));
    return grp ? grp.group : '';
  }

  /** A row; `index` (its place in the chart) builds its ids, never the data's keys. */
  private renderRow(r: GapRow, chart: ChartId, f: Formats, index: number) {
    const tab = (this.focusKey[chart] ?? this.selectedKey ?? this.firstKey(chart)) === r.key;
    const id = `${this.uid}-${chart}-${index}`;
    const label = title(r.label);
    return html`<div
      class="row ${r.kind} ${r.negative ? 'negative' : ''} ${r.significant ? 'significant' : ''} ${r.small ? 'small' : ''}"
      part="row"
      data-key=${r.key}
      data-kind=${r.kind}
    >
      <div class="label" id="${id}-label">
        ${r.expandable
          ? html`<button
              type="button"
              class="expand"
              part="expand"
              tabindex="-1"
              aria-expanded=${r.expanded ? 'true' : 'false'}
              data-dimension=${r.dimension}
              @click=${() => this.toggleExpanded(r.dimension)}
            >
              <span class="chevron" aria-hidden="true">▸</span><span>${label}</span><span class="visually-hidden">: items</span>
            </button>`
          : html`${r.kind === 'dimension' ? html`<span class="nochevron"></span>` : nothing}${label}`}
      </div>
      <div
        class="mark"
        part="mark"
        role="button"
        data-key=${r.key}
        tabindex=${tab ? 0 : -1}
        aria-pressed=${this.selectedKey === r.key ? 'true' : 'false'}
        aria-label=${this.describe(r, f)}
        @click=${() => this.choose(r, chart)}
        @focus=${() => this.onFocus(r.key, chart)}
        @blur=${this.onBlur}
        @mouseenter=${() => (this.active = r.key)}
        @mouseleave=${this.onLeave}
      >
        <div class="panels">
          <svg aria-hidden="true" focusable="false">
            ${this.layout!.scaleTicks.map((t) => svg`<line class="grid" x1="${t.x * 100}%" x2="${t.x * 100}%" y1="0" y2="100%"></line>`)}
            <line class="link" x1="${r.lineX0 * 100}%" x2="${r.lineX1 * 100}%" y1="50%" y2="50%"></line>
            <circle class="expectation" cx="${r.eX * 100}%" cy="50%" r="6"></circle>
            <circle class="perception" cx="${r.pX * 100}%" cy="50%" r="5.5"></circle>
          </svg>
          ${this.gapSvg(r)}
        </div>
      </div>
      <div class="value" part="value">
        <span class="gap ${r.negative ? 'negative' : ''}">${signed(r.gap, this.locale)}</span>
        ${r.negative ? html`<span class="tag">${VERDICT_WORDS[r.verdict].tag}</span>` : nothing}
        <span class="n">n ${f.integer(r.n)}</span>
      </div>
    </div>`;
  }

  private gapSvg(r: GapRow) {
    const l = this.layout!;
    const w = (r.barX1 - r.barX0) * 100;
    return svg`<svg aria-hidden="true" focusable="false">
      ${l.gapTicks.map((t) => svg`<line class="grid" x1="${t.x * 100}%" x2="${t.x * 100}%" y1="0" y2="100%"></line>`)}
      <rect class="bar ${r.negative ? 'negative' : ''}" part="bar" x="${r.barX0 * 100}%" y="22%" width="${w}%" height="56%"></rect>
      ${r.negative ? svg`<rect class="hatched" x="${r.barX0 * 100}%" y="22%" width="${w}%" height="56%" fill="url(#${this.uid}-hatch)"></rect>` : nothing}
      <line class="zero" x1="${l.zeroX * 100}%" x2="${l.zeroX * 100}%" y1="8%" y2="92%"></line>
      ${r.ciX0 !== null && r.ciX1 !== null
        ? svg`<g class="interval ${r.ciClippedLow ? 'clipped-low' : ''} ${r.ciClippedHigh ? 'clipped-high' : ''}" part="interval">
            <line x1="${r.ciX0 * 100}%" x2="${r.ciX1 * 100}%" y1="50%" y2="50%"></line>
            ${r.ciClippedLow
              ? svg`<svg x="${r.ciX0 * 100}%" y="50%" overflow="visible"><path class="clip" d="M-2 0 L5 -5 L5 5 Z"></path></svg>`
              : svg`<line x1="${r.ciX0 * 100}%" x2="${r.ciX0 * 100}%" y1="32%" y2="68%"></line>`}
            ${r.ciClippedHigh
              ? svg`<svg x="${r.ciX1 * 100}%" y="50%" overflow="visible"><path class="clip" d="M2 0 L-5 -5 L-5 5 Z"></path></svg>`
              : svg`<line x1="${r.ciX1 * 100}%" x2="${r.ciX1 * 100}%" y1="32%" y2="68%"></line>`}
          </g>`
        : nothing}
    </svg>`;
  }

  /** The tooltip of the chart's active row, if any: drawn below the chart's last row. */
  private renderTooltip(chart: ChartId, f: Formats) {
    const r = this.active ? this.rowsOf(chart).find((x) => x.key === this.active) : undefined;
    if (!r) return nothing;
    const [head, ...rest] = this.figures(r, f);
    return html`<div class="tooltip" part="tooltip" aria-hidden="true">
      <strong>${head?.[1]}</strong>
      ${rest.map(([k, v]) => (k ? html`${k}: ${v}<br />` : html`<span class="note">${v}</span>`))}
    </div>`;
  }

  private renderGroups(l: QualityGapLayout, g: QualityGapResult, f: Formats) {
    if (!l.groups || !g.groups) return nothing;
    return html`<section class="groups" part="groups" aria-labelledby="${this.uid}-groups-title">
      <h3 id="${this.uid}-groups-title">Gaps by ${g.groups.label}</h3>
      <p id="${this.uid}-groups-help" class="visually-hidden">Each group's dimension gaps, on the same axes as above. Arrow keys move between rows.</p>
      <div class="chart">
        ${this.renderAxis(l, 'Group, dimension')}
        <div class="rows" role="group" aria-labelledby="${this.uid}-groups-title" aria-describedby="${this.uid}-groups-help" data-chart="groups" @keydown=${this.onKey}>
          ${l.groups.map((s, gi) => {
            const offset = l.groups!.slice(0, gi).reduce((n, x) => n + x.rows.length, 0);
            return html`<h4>
                ${s.group}
                <span class="sub"
                  >· ${f.integer(s.respondents)} respondents · overall
                  ${signed(s.overallGap, this.locale)}${this.verdictSuffix({ gap: s.overallGap, ciLow: s.overallCiLow, ciHigh: s.overallCiHigh })}</span
                >
                ${s.small
                  ? html`<span class="small-note" part="small-note">small group: fewer than ${SMALL_GROUP_N} respondents, intervals too wide to read</span>`
                  : nothing}
              </h4>
              ${s.rows.map((r, i) => this.renderRow(r, 'groups', f, offset + i))}`;
          })}
          ${this.renderTooltip('groups', f)}
        </div>
      </div>
    </section>`;
  }

  private renderDelivery(d: DeliveryGapResult, f: Formats) {
    const dl = this.deliveryMarks;
    const s = d.satisfaction;
    const days = d.daysLate;
    const loc = this.locale;
    const score = (m: { mean: number; n: number } | null, ci: [number | null, number | null]) =>
      m ? `${fixed(m.mean, loc)}${ci[0] !== null && ci[1] !== null ? ` (95% CI ${fixed(ci[0], loc)}–${fixed(ci[1], loc)})` : ''}, n ${f.integer(m.n)}` : 'no scores';
    const satLabel =
      s && dl
        ? `Review score of on-time orders ${score(dl.onTime, [s.onTime.ciLow, s.onTime.ciHigh])}; of late orders ${score(dl.late, [s.late.ciLow, s.late.ciHigh])}; late minus on-time ${signed(s.gap, loc)}${s.ciLow !== null && s.ciHigh !== null ? ` (95% CI ${signed(s.ciLow, loc)} to ${signed(s.ciHigh, loc)})` : ''}.`
        : '';
    return html`<section class="delivery" part="delivery" aria-labelledby="${this.uid}-delivery-title">
      <h3 id="${this.uid}-delivery-title">Promised vs delivered</h3>
      <dl>
        <div><dt>On time</dt><dd>${f.percent(d.onTimeShare)} of ${f.integer(d.delivered)} delivered</dd></div>
        <div><dt>Late orders</dt><dd>${f.integer(d.late)}</dd></div>
        <div>
          <dt>Days late</dt>
          <dd>${days ? `median ${f.decimal(days.median)}, 90th percentile ${f.decimal(days.p90)}` : 'none late'}</dd>
        </div>
        ${d.undelivered > 0 ? html`<div><dt>Not delivered</dt><dd>${f.integer(d.undelivered)}</dd></div>` : nothing}
      </dl>
      ${s && dl
        ? html`<div class="row">
            <div class="label">Review score (${s.scale.min}–${s.scale.max})</div>
            <div class="satisfaction" role="img" aria-label=${satLabel}>
              <svg aria-hidden="true" focusable="false">
                ${dl.scaleTicks.map(
                  (t) => svg`<line class="grid" x1="${t.x * 100}%" x2="${t.x * 100}%" y1="0" y2="58%"></line>
                    <text x="${t.x * 100}%" y="92%" text-anchor="middle">${t.value}</text>`,
                )}
                ${dl.onTime && dl.late ? svg`<line class="link" x1="${dl.onTime.x * 100}%" x2="${dl.late.x * 100}%" y1="30%" y2="30%"></line>` : nothing}
                ${[dl.onTime, dl.late].map((m) =>
                  m && m.ciX0 !== null && m.ciX1 !== null
                    ? svg`<g class="interval"><line x1="${m.ciX0 * 100}%" x2="${m.ciX1 * 100}%" y1="30%" y2="30%"></line>
                        <line x1="${m.ciX0 * 100}%" x2="${m.ciX0 * 100}%" y1="20%" y2="40%"></line>
                        <line x1="${m.ciX1 * 100}%" x2="${m.ciX1 * 100}%" y1="20%" y2="40%"></line></g>`
                    : nothing,
                )}
                ${dl.onTime ? svg`<circle class="ontime" cx="${dl.onTime.x * 100}%" cy="30%" r="6"></circle>` : nothing}
                ${dl.late ? svg`<svg x="${dl.late.x * 100}%" y="30%" overflow="visible"><rect class="late" x="-6" y="-6" width="12" height="12"></rect></svg>` : nothing}
              </svg>
            </div>
            <div class="value">
              <span class="gap ${s.gap < 0 ? 'negative' : ''}">${signed(s.gap, loc)}</span>
              <span class="n">late − on time</span>
            </div>
          </div>
          <p class="legend" aria-hidden="true">
            <span>○ On time ${dl.onTime ? `${fixed(dl.onTime.mean, loc)}, n ${f.integer(dl.onTime.n)}` : '–'}</span>
            <span>■ Late ${dl.late ? `${fixed(dl.late.mean, loc)}, n ${f.integer(dl.late.n)}` : '–'}</span>
            <span>whiskers: 95% intervals</span>
          </p>`
        : nothing}
      ${d.messages.length
        ? html`<div role="note" aria-label="About the delivery figures">
            <ul class="notes">
              ${d.messages.map((m) => html`<li>${m}</li>`)}
            </ul>
          </div>`
        : nothing}
    </section>`;
  }

  private summary(g: QualityGapResult): string {
    const loc = this.locale;
    const parts = g.dimensions.map((d) => `${title(d.dimension)} ${signed(d.gap, loc)}`);
    const negatives = g.dimensions.filter((d) => d.gap < 0).length;
    const notKept = g.dimensions.filter((d) => gapVerdict(d) === 'not-kept').length;
    return `Quality gaps of ${g.dimensions.length} dimensions from ${g.respondents} respondents, most negative first: ${parts.join(', ')}. ${negatives} below expectations, ${notKept} of them not kept (the whole interval below zero).`;
  }

  private renderTable(g: QualityGapResult, f: Formats) {
    const loc = this.locale;
    const ci = (s: { ciLow: number | null; ciHigh: number | null }) => (s.ciLow !== null && s.ciHigh !== null ? `${signed(s.ciLow, loc)} to ${signed(s.ciHigh, loc)}` : '–');
    const cells = (s: { n: number; expectation: number; perception: number; gap: number; ciLow: number | null; ciHigh: number | null }) => html`<td>${f.integer(s.n)}</td>
      <td>${fixed(s.expectation, loc)}</td>
      <td>${fixed(s.perception, loc)}</td>
      <td>${signed(s.gap, loc)}${this.verdictSuffix(s)}</td>
      <td>${ci(s)}</td>`;
    const head = (first: string) => html`<thead>
      <tr>
        <th scope="col">${first}</th>
        <th scope="col">n</th>
        <th scope="col">Expectation</th>
        <th scope="col">Perception</th>
        <th scope="col">Gap</th>
        <th scope="col">95% interval</th>
      </tr>
    </thead>`;
    const d = this.delivery?.satisfaction ?? null;
    return html`<details>
      <summary>Show as table</summary>
      <table part="table">
        <caption>
          Quality gaps, ${f.integer(g.respondents)} respondents, scale ${g.scale.min}–${g.scale.max}; overall ${signed(g.overall.gap, loc)} (${ci(g.overall)})
        </caption>
        ${head('Dimension / item')}
        <tbody>
          ${g.dimensions.map(
            (dim) => html`<tr class="dimension" data-key="d:${dim.dimension}" aria-selected=${this.selectedKey === `d:${dim.dimension}` ? 'true' : nothing}>
                <th scope="row">${title(dim.dimension)}</th>
                ${cells(dim)}
              </tr>
              ${g.items
                .filter((i) => i.dimension === dim.dimension)
                .map(
                  (i) => html`<tr class="item" data-key="i:${i.dimension}:${i.item}" aria-selected=${this.selectedKey === `i:${i.dimension}:${i.item}` ? 'true' : nothing}>
                    <th scope="row">${i.item}</th>
                    ${cells(i)}
                  </tr>`,
                )}`,
          )}
        </tbody>
      </table>
      ${g.groups
        ? html`<table part="table">
            <caption>
              Quality gaps by ${g.groups.label}
            </caption>
            ${head('Group / dimension')}
            <tbody>
              ${g.groups.groups.map(
                (grp) => html`<tr class="dimension">
                    <th scope="row">${grp.group} (overall)</th>
                    ${cells(grp.overall)}
                  </tr>
                  ${grp.dimensions.map(
                    (dim) => html`<tr class="item">
                      <th scope="row">${title(dim.dimension)}</th>
                      ${cells(dim)}
                    </tr>`,
                  )}`,
              )}
            </tbody>
          </table>`
        : nothing}
      ${d
        ? html`<table part="table">
            <caption>
              Review scores of on-time and late orders (scale ${d.scale.min}–${d.scale.max})
            </caption>
            <thead>
              <tr>
                <th scope="col">Orders</th>
                <th scope="col">n</th>
                <th scope="col">Mean score</th>
                <th scope="col">95% interval</th>
              </tr>
            </thead>
            <tbody>
              ${(
                [
                  ['On time', d.onTime],
                  ['Late', d.late],
                ] as const
              ).map(
                ([name, st]) => html`<tr>
                  <th scope="row">${name}</th>
                  <td>${f.integer(st.n)}</td>
                  <td>${st.mean === null ? '–' : fixed(st.mean, loc)}</td>
                  <td>${st.ciLow !== null && st.ciHigh !== null ? `${fixed(st.ciLow, loc)} to ${fixed(st.ciHigh, loc)}` : '–'}</td>
                </tr>`,
              )}
              <tr>
                <th scope="row">Late − on time</th>
                <td></td>
                <td>${signed(d.gap, loc)}</td>
                <td>${ci(d)}</td>
              </tr>
            </tbody>
          </table>`
        : nothing}
    </details>`;
  }

  private firstKey(chart: ChartId): string | null {
    const rows = chart === 'main' ? this.layout?.rows : this.layout?.groups?.flatMap((g) => g.rows);
    return rows?.[0]?.key ?? null;
  }

  private rowsOf(chart: ChartId): GapRow[] {
    return (chart === 'main' ? this.layout?.rows : this.layout?.groups?.flatMap((g) => g.rows)) ?? [];
  }

  private toggleExpanded(dimension: string, open?: boolean) {
    const next = new Set(this.expanded);
    const willOpen = open ?? !next.has(dimension);
    if (willOpen) next.add(dimension);
    else next.delete(dimension);
    this.expanded = next;
  }

  private onFocus(key: string, chart: ChartId) {
    this.active = key;
    this.focusKey = { ...this.focusKey, [chart]: key };
  }

  private onBlur = () => {
    this.active = null;
  };

  /** Leaving with the mouse keeps the tooltip of a focused row. */
  private onLeave = () => {
    const focused = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    this.active = focused?.classList.contains('mark') ? (focused.dataset.key ?? null) : null;
  };

  private choose(r: GapRow, chart: ChartId) {
    this.focusKey = { ...this.focusKey, [chart]: r.key };
    this.setSelected(this.selectedKey === r.key ? null : r);
  }

  private setSelected(r: GapRow | null) {
    this.selectedKey = r?.key ?? null;
    this.emit('rapport-quality-select', { dimension: r?.dimension ?? null, item: r?.kind === 'item' ? r.label : null });
  }

  private focusRow(chart: ChartId, key: string) {
    this.focusKey = { ...this.focusKey, [chart]: key };
    void this.updateComplete.then(() => {
      const box = this.renderRoot.querySelector(`[data-chart="${chart}"]`);
      const el = [...(box?.querySelectorAll<HTMLElement>('.mark') ?? [])].find((m) => m.dataset.key === key);
      el?.focus();
    });
  }

  private onKey = (e: KeyboardEvent) => {
    const el = (e.target as Element).closest?.('.mark') as HTMLElement | null;
    const box = e.currentTarget as HTMLElement;
    if (!el) return;
    const chart = box.dataset.chart as ChartId;
    const rows = this.rowsOf(chart);
    const i = rows.findIndex((r) => r.key === el.dataset.key);
    const r = rows[i];
    if (!r) return;
    let next = -1;
    switch (e.key) {
      case 'Enter':
      case ' ':
        e.preventDefault();
        this.choose(r, chart);
        return;
      case 'Escape':
        if (this.selectedKey !== null) {
          e.preventDefault();
          this.setSelected(null);
        }
        return;
      case 'ArrowRight':
        if (r.expandable && !r.expanded) {
          e.preventDefault();
          this.toggleExpanded(r.dimension, true);
          return;
        }
        next = moveInList(e.key, i, rows.length);
        break;
      case 'ArrowLeft':
        if (r.expanded) {
          e.preventDefault();
          this.toggleExpanded(r.dimension, false);
          return;
        }
        // A tree: an item goes to its dimension; a closed dimension or a group row stays put.
        if (r.kind === 'item') {
          next = rows.findIndex((x) => x.key === `d:${r.dimension}`);
          break;
        }
        e.preventDefault();
        return;
      default:
        next = moveInList(e.key, i, rows.length);
        if (next < 0) return;
    }
    e.preventDefault();
    const target = rows[next];
    if (target) this.focusRow(chart, target.key);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-quality-gap': RapportQualityGap;
  }
}
