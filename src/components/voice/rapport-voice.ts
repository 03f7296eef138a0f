import { html, svg, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleProps } from '../base/style-props.js';
import { RapportElement } from '../base/rapport-element.js';
import { moveInList } from '../base/grid-keys.js';
import { themeTokens } from '../base/theme.js';
import { chartHeaderStyles, tableEquivalentStyles, toggleStyles, tooltipStyles } from '../base/chart-styles.js';
import { Localized } from '../base/i18n.js';
import { noticesOrTexts } from '../base/notices/index.js';
import { VOICE_NOT_SCORED, VOICE_NO_CUSTOMER } from '../../analytics/voice-groups.js';
import { commonMessages, segmentLabel } from '../base/common-messages.js';
import { formats, type Formats } from '../format.js';
import { messages } from './messages.js';
import { RapportDataConsumer, fillCurrency } from '../base/data-consumer.js';
import {
  VOICE_DIMENSIONS,
  voiceBarsLayout,
  voiceMonthsLayout,
  type VoiceBar,
  type VoiceBarsLayout,
  type VoiceColumn,
  type VoiceDimension,
  type VoiceMonthsLayout,
} from '../../charts/voice-layout.js';
import { VOICE_KINDS, type VoiceCount, type VoiceItem, type VoiceKind, type VoiceResult } from '../../analytics/voice.js';

/**
 * Months chart drawing box. The viewBox is the element's measured width (1 unit = 1 CSS px), so
 * the labels keep M_LABEL_PX at any width; M_WIDTH until the first measurement.
 */
const M_WIDTH = 720;
const M_HEIGHT = 190;
const M_LABEL_PX = 11;

let nextId = 0;

/** The key the analytics give feedback without a category (or channel): shown in the reader's language. */
const NO_KEY = '(none)';

/** One list formatter per interface language, shared by every element (they are costly to make). */
const listFormats = new Map<string, Intl.ListFormat>();

/**
 * @summary The voice of the customer: complaints, suggestions and compliments counted by category
 * (or channel, or RFM segment) as horizontal bars stacked by kind, over time as monthly columns,
 * with the share answered and the median days to answer where the data says, and the latest
 * texts. Each kind has its colour and its pattern (complaints solid, suggestions striped,
 * compliments dotted) and is named in the legend, tooltips and table: colour is never the only
 * carrier. Texts are data and always shown as text, never as HTML.
 *
 * Speaks English, Portuguese, Spanish, French and Malay, following the `lang` attribute of the
 * element or its nearest ancestor (or the page's): kinds, preset segment names, months, figures
 * and the notes about the data are in that language; categories, channels and texts are shown as
 * the data gives them.
 *
 * The bars are one tab stop and the months another: ArrowDown / ArrowUp (or Right / Left) move
 * between marks, Home / End jump to the first / last, Enter or Space chooses a bar (again:
 * clears), Escape clears. The focused or hovered mark's figures show in a tooltip (a bar's below
 * the last bar, never over the bars) and are its accessible name.
 *
 * @event rapport-voice-select - The user chose a bar (click, Enter or Space) or cleared the choice (the same bar again, Escape, or switching what the bars count by); detail `{ dimension: 'category' | 'channel' | 'segment', key: string | null }` (null: no bar chosen).
 * @csspart title - The chart's title line.
 * @csspart summary - The line with the totals per kind and the share answered.
 * @csspart notes - The messages about the data (role=note).
 * @csspart note - Each of those messages.
 * @csspart toggle - The category / channel / segment buttons' group.
 * @csspart button - Every button: the count-by buttons and the "Show as table" disclosure.
 * @csspart legend - The key to the kinds' colours and patterns.
 * @csspart legend-item - Each entry of the legend.
 * @csspart chart - The bars by category, channel or segment.
 * @csspart axis - The bars' axis row (captions and ticks).
 * @csspart axis-label - The axis captions and tick labels, the months chart's too.
 * @csspart row - Each bar's row (label, bar, figures).
 * @csspart label - Each bar's name.
 * @csspart bar - Each bar (a focusable row).
 * @csspart kind - Each kind's part of a bar or column, and the legend's and recent list's swatches; also `kind-complaint`, `kind-suggestion`, `kind-compliment` to style one kind.
 * @csspart gridline - The grid lines behind the bars and columns.
 * @csspart value - Each bar's total.
 * @csspart answered - The answered share and time to answer beside a bar.
 * @csspart section-title - The headings of the months chart and the recent texts.
 * @csspart months - The monthly columns chart.
 * @csspart column - Each month's column (focusable).
 * @csspart recent - The list of recent texts.
 * @csspart recent-item - Each recent text with its kind, date, category, channel and answer.
 * @csspart recent-text - The text itself.
 * @csspart tooltip - The figures shown for the hovered or focused mark.
 * @csspart table - Each table of the table equivalent.
 * @csspart table-header - Each header cell of those tables.
 * @csspart table-row - Each body row of those tables.
 * @csspart table-cell - Each data cell of those tables.
 * @csspart empty - The message shown when there is no feedback (or nothing known for the count-by).
 * @cssproperty --rapport-voice-complaint-color - Complaints (default: danger); drawn solid.
 * @cssproperty --rapport-voice-suggestion-color - Suggestions (default: primary); drawn striped.
 * @cssproperty --rapport-voice-compliment-color - Compliments (default: success); drawn dotted.
 * @cssproperty --rapport-voice-pattern-color - The stripes and dots over the kinds' colours (default: surface).
 * @cssproperty --rapport-voice-grid-color - Grid lines (default: `--rapport-chart-gridline-color`).
 * @cssproperty --rapport-voice-selected-color - Outline of the chosen bar (default: text).
 * @cssproperty --rapport-voice-separator-color - The thin line between a bar's kinds (default: `--rapport-chart-mark-outline-color`).
 * @cssproperty --rapport-voice-axis-color - The months chart's labels (default: `--rapport-chart-axis-color`).
 * @cssproperty --rapport-tooltip-shadow - Shadow of the tooltip, shared by every chart (default: `0 2px 8px` of `--rapport-color-shadow`).
 */
@customElement('rapport-voice')
export class RapportVoice extends RapportElement {
  static override styles = [
    themeTokens,
    tooltipStyles,
    tableEquivalentStyles,
    chartHeaderStyles,
    toggleStyles,
    css`
      :host {
        display: block;
        --_complaint: var(--rapport-voice-complaint-color, var(--_danger));
        --_suggestion: var(--rapport-voice-suggestion-color, var(--_primary));
        --_compliment: var(--rapport-voice-compliment-color, var(--_success));
        --_pattern: var(--rapport-voice-pattern-color, var(--_surface));
        --_grid: var(--rapport-voice-grid-color, var(--_gridline));
        --_selected: var(--rapport-voice-selected-color, var(--_text));
        --_separator: var(--rapport-voice-separator-color, var(--_mark-outline));
        --_axis: var(--rapport-voice-axis-color, var(--rapport-chart-axis-color, var(--_muted)));
        --_label-w: 11rem;
        --_figure-w: 14rem;
        container-type: inline-size;
      }
      .summary {
        margin: 0 0 0.5em;
      }
      .legend svg {
        width: 24px;
        height: 14px;
      }
      svg.defs {
        position: absolute;
      }
      .kind-complaint {
        fill: var(--_complaint);
      }
      .kind-suggestion {
        fill: var(--_suggestion);
      }
      .kind-compliment {
        fill: var(--_compliment);
      }
      .part {
        stroke: var(--_separator);
        stroke-width: 1;
      }
      .pattern line,
      .pattern circle {
        stroke: var(--_pattern);
        fill: var(--_pattern);
      }
      .pattern line {
        stroke-width: 2.2;
      }
      .row,
      .axis {
        display: grid;
        grid-template-columns: var(--_label-w) minmax(0, 1fr) var(--_figure-w);
        align-items: center;
        column-gap: 0.6em;
      }
      .row {
        min-height: 2em;
      }
      .row .label {
        overflow-wrap: break-word;
        hyphens: auto;
        min-width: 0;
      }
      .mark {
        position: relative;
        align-self: stretch;
        display: flex;
        align-items: center;
        cursor: pointer;
        outline: 2px solid transparent;
        outline-offset: 1px;
        border-radius: 4px;
        padding: 0 4px;
      }
      .mark:focus-visible {
        outline: 2px solid var(--_focus-ring);
      }
      .mark[aria-pressed='true'] {
        outline: 2px solid var(--_selected);
      }
      .mark svg {
        display: block;
        flex: 1;
        width: 100%;
        height: 26px;
      }
      .grid {
        stroke: var(--_grid);
        stroke-width: 1;
      }
      .figure {
        font-variant-numeric: var(--_numeric);
        white-space: nowrap;
        display: flex;
        gap: 0.5em;
        align-items: baseline;
      }
      .figure .total {
        font-weight: 650;
        min-width: 2.8em;
        text-align: end;
      }
      .figure .answered {
        color: var(--_muted);
        font-size: 0.85em;
        white-space: nowrap;
      }
      .axis {
        font-size: 0.78em;
        color: var(--_muted);
      }
      .axis .ticks {
        position: relative;
        height: 1.4em;
        margin: 0 4px;
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
      }
      .tooltip {
        white-space: normal;
        width: max-content;
        max-width: 18rem;
      }
      .bars .rows {
        position: relative;
      }
      /* Below the last bar, under the drawing: never over the bars being navigated. */
      .bars .rows > .tooltip {
        top: 100%;
        left: calc(var(--_label-w) + 0.6em);
        transform: translateY(6px);
      }
      h3 {
        font-size: 1em;
        margin: 1.1em 0 0.3em;
      }
      .months {
        position: relative;
      }
      .months svg.plot {
        display: block;
        width: 100%;
        height: ${M_HEIGHT}px;
        font-family: var(--_font);
      }
      .months text {
        fill: var(--_axis);
        font-size: ${M_LABEL_PX}px;
      }
      .column {
        cursor: default;
        outline: none;
      }
      .column:focus-visible {
        outline: none;
      }
      .column .hit {
        fill: transparent;
      }
      .column .ring {
        fill: none;
        stroke: transparent;
        stroke-width: 2.5;
      }
      .column:focus-visible .ring {
        stroke: var(--_focus-ring);
      }
      .recent {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      .recent li {
        padding: 0.45em 0;
        border-bottom: 1px solid var(--_border);
      }
      .recent .meta {
        font-size: 0.85em;
        color: var(--_muted);
        display: flex;
        flex-wrap: wrap;
        gap: 0.2em 0.8em;
        align-items: center;
      }
      .recent .kind {
        display: inline-flex;
        align-items: center;
        gap: 0.3em;
        font-weight: 600;
        color: var(--_text);
      }
      .recent .kind svg {
        width: 12px;
        height: 12px;
      }
      .recent .text {
        margin: 0.2em 0 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      th[scope='row'],
      thead th:first-child {
        text-align: left;
      }
      tr[aria-selected='true'] th {
        text-decoration: underline;
      }
      .empty {
        color: var(--_muted);
        margin: 0;
      }
      .axis .short {
        display: none;
      }
      /* Narrow: slimmer side columns; the figures stay on one line, the words "answered" and
         "days" only in the column head (still read by screen readers). */
      @container (max-width: 720px) {
        .row,
        .axis,
        .rows {
          --_label-w: 7.5rem;
          --_figure-w: 7.8rem;
        }
        .figure {
          column-gap: 0.35em;
        }
        .figure .total {
          min-width: 2.2em;
        }
        .axis .long {
          display: none;
        }
        .axis .short {
          display: inline;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        * {
          transition: none !important;
          animation: none !important;
        }
      }
      @media (forced-colors: active) {
        .kind-complaint,
        .kind-suggestion,
        .kind-compliment {
          forced-color-adjust: none;
          fill: CanvasText;
        }
        .pattern line,
        .pattern circle {
          stroke: Canvas;
          fill: Canvas;
        }
        .mark[aria-pressed='true'] {
          outline-color: Highlight;
        }
      }
    `,
  ];

  /** The counts and texts to show (from the voice analytics); null shows the empty state. */
  @property({ attribute: false }) voice: VoiceResult | null = null;
  /** What the bars count by: `category` (default), `channel` or `segment` (only when the result has segments). */
  @property({ reflect: true }) dimension: VoiceDimension = 'category';
  /** Locale of numbers and months (e.g. `pt-BR`); default: the language in force, from `lang`. */
  @property() locale?: string;
  /** ISO 4217 code for money figures (none shown yet; kept for symmetry with the other charts). */
  @property() currency?: string;

  /** The chosen bar's key (in the current dimension), or null. */
  @state() private selectedKey: string | null = null;
  /** The mark whose tooltip shows: `b:<key>` or `m:<month>`. */
  @state() private active: string | null = null;
  @state() private focusBar: string | null = null;
  @state() private focusMonth: string | null = null;

  /** The element's content width, measured: the months chart's viewBox width. */
  @state() private measuredWidth = 0;

  private bars: VoiceBarsLayout | null = null;
  private months: VoiceMonthsLayout | null = null;
  /** The language tag the months were laid out for: month labels' width depends on it. */
  private monthsTag: string | undefined = undefined;
  private readonly uid = `rapport-voice-${nextId++}`;
  private resizeObserver: ResizeObserver | null = null;
  private msg = new Localized(this, messages);
  /** Inside a `<rapport-data>`: the provider's voice of the customer (of the selection). Outside one, nothing. */
  private fromProvider = new RapportDataConsumer(this, (s) => {
    this.voice = s.voice;
    fillCurrency(this, s);
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver === 'undefined') return;
    this.resizeObserver ??= new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? 0);
      if (w > 0 && w !== this.measuredWidth) this.measuredWidth = w;
    });
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  /** The months chart's width in viewBox units = CSS px. */
  private get monthsWidth(): number {
    return this.measuredWidth > 0 ? Math.max(240, this.measuredWidth) : M_WIDTH;
  }

  /** The locale of figures and months: the `locale` property, else the language tag in force. */
  private get loc(): string | undefined {
    return this.locale ?? this.msg.tag;
  }

  private t(key: keyof typeof messages.en, params?: Record<string, string | number>): string {
    return this.msg.t(key, params);
  }

  /** The result's notes in the reader's language: its notices, else (a result made by hand) its messages as written. */
  private noteTexts(result: VoiceResult): readonly string[] {
    return noticesOrTexts(result.notices, result.messages, this.msg.lang, this.loc);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!(VOICE_DIMENSIONS as readonly string[]).includes(this.dimension)) this.dimension = 'category';
    if (this.dimension === 'segment' && this.voice && !this.voice.bySegment) this.dimension = 'category';
    if (changed.has('voice') || changed.has('dimension')) {
      const counts = this.countsOf(this.voice, this.dimension);
      this.bars = counts.length ? voiceBarsLayout(counts) : null;
      const keys = new Set(counts.map((c) => c.key));
      if (this.selectedKey !== null && !keys.has(this.selectedKey)) this.selectedKey = null;
      if (this.focusBar !== null && !keys.has(this.focusBar)) this.focusBar = null;
      if (this.active?.startsWith('b:') && !keys.has(this.active.slice(2))) this.active = null;
    }
    const tag = `${this.loc ?? ''}`;
    if (changed.has('voice') || changed.has('measuredWidth' as keyof RapportVoice) || tag !== this.monthsTag) {
      this.monthsTag = tag;
      const byMonth = this.voice?.byMonth ?? [];
      // Month labels differ in length by language ("Jan 2024", "jan. de 2024"): room for the longest.
      const f = formats(this.loc, this.currency);
      const longest = Math.max(0, ...byMonth.map((m) => f.month(m.key).length));
      const labelWidth = Math.max(40, Math.ceil(longest * M_LABEL_PX * 0.6) + 10);
      this.months = byMonth.length ? voiceMonthsLayout(byMonth, { width: this.monthsWidth, height: M_HEIGHT, labelWidth }) : null;
      if (this.focusMonth !== null && !byMonth.some((m) => m.key === this.focusMonth)) this.focusMonth = null;
    }
  }

  private countsOf(v: VoiceResult | null, d: VoiceDimension): VoiceCount[] {
    if (!v) return [];
    return (d === 'channel' ? v.byChannel : d === 'segment' ? v.bySegment : v.byCategory) ?? [];
  }

  /** A bar's name: preset segment names translated, "(none)" in the reader's language, the data's names as given. */
  private keyLabel(key: string, d: VoiceDimension = this.dimension): string {
    if (key === NO_KEY) return this.t('none');
    if (d !== 'segment') return key;
    if (key === VOICE_NOT_SCORED) return this.t('segment.not-scored');
    if (key === VOICE_NO_CUSTOMER) return this.t('segment.no-customer');
    return segmentLabel(this.msg.lang, key);
  }

  /** Items joined as the interface language writes a list ("a, b and c", "a, b e c"). */
  private list(items: string[]): string {
    const lang = this.msg.lang;
    let format = listFormats.get(lang);
    if (!format) listFormats.set(lang, (format = new Intl.ListFormat(lang, { type: 'conjunction' })));
    return format.format(items);
  }

  /** "Label: value" with the language's punctuation (French puts a space before the colon). */
  private pair(label: string, value: string): string {
    return label ? this.t('fig.pair', { label, value }) : value;
  }

  /** A kind's name: plural (`kinds.*`, "Complaints") or one (`kind.*`, "Complaint"). */
  private kindLabel(k: VoiceKind, one = false): string {
    return this.msg.from(commonMessages, one ? `kind.${k}` : `kinds.${k}`);
  }

  override render() {
    const v = this.voice;
    const f = formats(this.loc, this.currency);
    if (!v || v.total === 0) {
      return html`<p class="empty" part="empty">${v ? this.t('empty.no-data') : this.t('empty.no-feedback')}</p>`;
    }
    const dims = VOICE_DIMENSIONS.filter((d) => d !== 'segment' || v.bySegment);
    const byKind = VOICE_KINDS.map((k) => {
      const n = v.byKind[k] ?? 0;
      return this.t(`summary.${k}`, { n, count: f.integer(n) });
    });
    const answered = v.answered
      ? v.answered.medianDaysToAnswer !== null
        ? this.t('summary.answered-days', { share: f.percent(v.answered.share), days: f.decimal(v.answered.medianDaysToAnswer) })
        : this.t('summary.answered', { share: f.percent(v.answered.share) })
      : '';
    return html`<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false">
        <defs>
          <pattern id="${this.uid}-suggestion" class="pattern" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="6"></line>
          </pattern>
          <pattern id="${this.uid}-compliment" class="pattern" width="6" height="6" patternUnits="userSpaceOnUse">
            <circle cx="3" cy="3" r="1.3"></circle>
          </pattern>
        </defs>
      </svg>
      <div class="head">
        <span class="title" part="title" id="${this.uid}-title">${this.t(`title.${this.dimension}`)}</span>
        <span class="toggle" role="group" aria-label=${this.t('toggle.label')} part="toggle">
          ${dims.map(
            (d) =>
              html`<button type="button" part="button" data-dimension=${d} aria-pressed=${this.dimension === d ? 'true' : 'false'} @click=${() => this.setDimension(d)}>
                ${this.t(`dimension.${d}`)}
              </button>`,
          )}
        </span>
      </div>
      <p class="summary" part="summary">
        ${this.t('summary.total', { n: v.total, count: f.integer(v.total), list: this.list(byKind) })} ${answered}
      </p>
      ${v.messages.length
        ? html`<div role="note" part="notes" aria-label=${this.t('notes.label')}>
            <ul class="notes">
              ${this.noteTexts(v).map((m) => html`<li part="note">${m}</li>`)}
            </ul>
          </div>`
        : nothing}
      <div class="legend" part="legend" aria-hidden="true">
        ${VOICE_KINDS.map((k) => html`<span part="legend-item"><svg>${this.swatch(k, 0, 0, 24, 14)}</svg>${this.t('legend.item', { kind: this.kindLabel(k), pattern: this.t(`pattern.${k}`) })}</span>`)}
      </div>
      ${this.bars ? this.renderBars(this.bars, f) : html`<p class="empty" part="empty">${this.t(`unknown.${this.dimension}`)}</p>`}
      ${this.months ? this.renderMonths(this.months, v, f) : nothing} ${this.renderRecent(v.recent, f)} ${this.renderTable(v, f)}`;
  }

  /** A kind's colour, with its pattern on top (suggestions striped, compliments dotted). */
  private swatch(k: VoiceKind, x: number | string, y: number | string, w: number | string, h: number | string) {
    return svg`<rect class="part kind-${k}" part="kind kind-${k}" data-kind=${k} x=${x} y=${y} width=${w} height=${h}></rect>${
      k === 'complaint' ? nothing : svg`<rect class="overlay" x=${x} y=${y} width=${w} height=${h} fill="url(#${this.uid}-${k})"></rect>`
    }`;
  }

  private setDimension(d: VoiceDimension) {
    if (d === this.dimension) return;
    const had = this.selectedKey !== null;
    this.dimension = d;
    this.selectedKey = null;
    this.focusBar = null;
    // The choice went with the old bars: say so.
    if (had) this.emit('rapport-voice-select', { dimension: d, key: null });
  }

  private barFigures(b: VoiceBar, f: Formats): [string, string][] {
    const out: [string, string][] = [
      ['', this.keyLabel(b.key)],
      ...VOICE_KINDS.map((k): [string, string] => [this.kindLabel(k), f.integer(b.parts.find((p) => p.kind === k)?.count ?? 0)]),
    ];
    out.push([this.t('fig.total'), f.integer(b.total)]);
    if (b.answeredShare !== null) out.push([this.t('fig.answered'), `${f.percent(b.answeredShare)} (${f.integer(b.answered ?? 0)})`]);
    if (b.medianDaysToAnswer !== null) out.push([this.t('fig.median'), this.t('fig.days', { n: b.medianDaysToAnswer, count: f.decimal(b.medianDaysToAnswer) })]);
    return out;
  }

  private renderBars(l: VoiceBarsLayout, f: Formats) {
    const tab = this.focusBar ?? this.selectedKey ?? l.bars[0]?.key;
    const activeBar = this.active?.startsWith('b:') ? l.bars.find((b) => `b:${b.key}` === this.active) : undefined;
    return html`<p id="${this.uid}-help" class="visually-hidden">${this.t('help.bars', { totals: this.list(l.bars.map((b) => this.pair(this.keyLabel(b.key), f.integer(b.total)))) })}</p>
      <div class="bars" part="chart">
        <div class="axis" part="axis" aria-hidden="true">
          <span part="axis-label">${this.t(`dimension.${this.dimension}`)}</span>
          <div class="ticks">
            ${l.ticks.map(
              (t) =>
                html`<span class="tick ${t.x < 0.02 ? 'start' : t.x > 0.98 ? 'end' : ''}" part="axis-label" style=${styleProps({ left: `${t.x * 100}%` })}>${f.integer(t.value)}</span>`,
            )}
          </div>
          <span part="axis-label"><span class="long">${this.t('axis.figures')}</span><span class="short">${this.t('axis.figures-short')}</span></span>
        </div>
        <div class="rows" role="group" aria-labelledby="${this.uid}-title" aria-describedby="${this.uid}-help" @keydown=${this.onBarKey}>
          ${l.bars.map((b) => {
            const figures = this.barFigures(b, f);
            return html`<div class="row" part="row" data-key=${b.key}>
              <div class="label" part="label">${this.keyLabel(b.key)}</div>
              <div
                class="mark"
                part="bar"
                role="button"
                data-key=${b.key}
                tabindex=${tab === b.key ? 0 : -1}
                aria-pressed=${this.selectedKey === b.key ? 'true' : 'false'}
                aria-label=${figures.map(([k, v]) => this.pair(k, v)).join('; ')}
                @click=${() => this.choose(b.key)}
                @focus=${() => {
                  this.active = `b:${b.key}`;
                  this.focusBar = b.key;
                }}
                @blur=${this.onBlur}
                @mouseenter=${() => (this.active = `b:${b.key}`)}
                @mouseleave=${this.onLeave}
              >
                <svg aria-hidden="true" focusable="false">
                  ${l.ticks.map((t) => svg`<line class="grid" part="gridline" x1="${t.x * 100}%" x2="${t.x * 100}%" y1="0" y2="100%"></line>`)}
                  ${b.parts.map((p) => this.swatch(p.kind, `${p.x0 * 100}%`, '18%', `${(p.x1 - p.x0) * 100}%`, '64%'))}
                </svg>
              </div>
              <div class="figure" part="answered">
                <span class="total" part="value">${f.integer(b.total)}</span>
                ${b.answeredShare !== null ? html`<span class="answered">${f.percent(b.answeredShare)}<span class="visually-hidden"> ${this.t('bar.answered')}</span></span>` : nothing}
                ${b.medianDaysToAnswer !== null ? html`<span class="answered">${this.t('bar.days', { count: f.decimal(b.medianDaysToAnswer) })}</span>` : nothing}
              </div>
            </div>`;
          })}
          ${activeBar ? this.renderTip(this.barFigures(activeBar, f), '', nothing) : nothing}
        </div>
      </div>`;
  }

  private renderTip(figures: [string, string][], cls: string, style: unknown) {
    const [head, ...rest] = figures;
    return html`<div class="tooltip ${cls}" part="tooltip" aria-hidden="true" style=${style}>
      <strong>${head?.[1]}</strong>
      ${rest.map(([k, v]) => html`${this.pair(k, v)}<br />`)}
    </div>`;
  }

  private monthFigures(c: VoiceColumn, count: VoiceCount, f: Formats): [string, string][] {
    const out: [string, string][] = [['', f.month(c.key)], ...VOICE_KINDS.map((k): [string, string] => [this.kindLabel(k), f.integer(count.counts[k] ?? 0)])];
    out.push([this.t('fig.total'), f.integer(c.total)]);
    if (count.answered !== null && count.total > 0) out.push([this.t('fig.answered'), f.percent(count.answered / count.total)]);
    return out;
  }

  private renderMonths(l: VoiceMonthsLayout, v: VoiceResult, f: Formats) {
    const tab = this.focusMonth ?? l.columns[0]?.key;
    const activeMonth = this.active?.startsWith('m:') ? this.active.slice(2) : null;
    const ac = activeMonth ? l.columns.find((c) => c.key === activeMonth) : undefined;
    return html`<h3 id="${this.uid}-months-title" part="section-title">${this.t('months.title')}</h3>
      <p id="${this.uid}-months-help" class="visually-hidden">
        ${this.t('months.help', { n: l.columns.length, count: f.integer(l.columns.length), first: f.month(l.columns[0]!.key), last: f.month(l.columns.at(-1)!.key) })}
      </p>
      <div class="months" part="months">
        <svg class="plot" viewBox="0 0 ${l.width} ${l.height}" role="group" aria-labelledby="${this.uid}-months-title" aria-describedby="${this.uid}-months-help" @keydown=${this.onMonthKey}>
          <g aria-hidden="true">
            ${l.yTicks.map(
              (t) => svg`<line class="grid" part="gridline" x1=${l.left} x2=${l.right} y1=${t.y} y2=${t.y}></line>
                <text part="axis-label" x=${l.left - 6} y=${t.y} text-anchor="end" dominant-baseline="central">${f.integer(t.value)}</text>`,
            )}
            ${l.columns.map((c) =>
              c.labelled ? svg`<text part="axis-label" x=${c.cx} y=${l.baseline + 18} text-anchor="middle">${f.month(c.key)}</text>` : nothing,
            )}
          </g>
          ${l.columns.map((c) => {
            const count = v.byMonth[c.index]!;
            const figures = this.monthFigures(c, count, f);
            return svg`<g
              class="column"
              part="column"
              role="img"
              data-key=${c.key}
              tabindex=${tab === c.key ? 0 : -1}
              aria-label=${figures.map(([k, val]) => this.pair(k, val)).join('; ')}
              @focus=${() => {
                this.active = `m:${c.key}`;
                this.focusMonth = c.key;
              }}
              @blur=${this.onBlur}
              @mouseenter=${() => (this.active = `m:${c.key}`)}
              @mouseleave=${this.onLeave}
            >
              <rect class="hit" x=${c.x - 2} y=${l.top} width=${c.w + 4} height=${l.baseline - l.top}></rect>
              ${c.parts.map((p) => this.swatch(p.kind, c.x, p.y, c.w, p.h))}
              <rect class="ring" x=${c.x - 3} y=${c.top - 3} width=${c.w + 6} height=${Math.max(2, l.baseline - c.top) + 6}></rect>
            </g>`;
          })}
          <line class="grid" part="gridline" x1=${l.left} x2=${l.right} y1=${l.baseline} y2=${l.baseline} aria-hidden="true"></line>
        </svg>
        ${ac
          ? this.renderTip(
              this.monthFigures(ac, v.byMonth[ac.index]!, f),
              '',
              styleProps({
                left: `${(Math.min(Math.max(ac.cx, 90), l.width - 90) / l.width) * 100}%`,
                top: `${(Math.max(ac.top, 70) / l.height) * 100}%`,
              }),
            )
          : nothing}
      </div>`;
  }

  private renderRecent(items: VoiceItem[], f: Formats) {
    if (!items.length) return nothing;
    return html`<h3 id="${this.uid}-recent-title" part="section-title">${this.t('recent.title')}</h3>
      <ul class="recent" part="recent" aria-labelledby="${this.uid}-recent-title">
        ${items.map(
          (it) => html`<li part="recent-item" data-kind=${it.kind}>
            <div class="meta">
              <span class="kind"><svg aria-hidden="true">${this.swatch(it.kind, 0, 0, 12, 12)}</svg>${VOICE_KINDS.includes(it.kind) ? this.kindLabel(it.kind, true) : it.kind}</span>
              ${it.date ? html`<span>${f.date(it.date)}</span>` : nothing} ${it.category ? html`<span>${it.category}</span>` : nothing}
              ${it.channel ? html`<span>${this.t('recent.via', { channel: it.channel })}</span>` : nothing}
              ${it.answered === null ? nothing : html`<span>${it.answered ? this.t('recent.answered') : this.t('recent.not-answered')}</span>`}
            </div>
            <p class="text" part="recent-text">${it.text ?? ''}</p>
          </li>`,
        )}
      </ul>`;
  }

  private renderTable(v: VoiceResult, f: Formats) {
    const counts = this.countsOf(v, this.dimension);
    const row = (c: VoiceCount, name: string, selectable: boolean) => html`<tr
      part="table-row"
      data-key=${c.key}
      aria-selected=${selectable && this.selectedKey === c.key ? 'true' : nothing}
    >
      <th scope="row" part="table-header">${name}</th>
      ${VOICE_KINDS.map((k) => html`<td part="table-cell">${f.integer(c.counts[k] ?? 0)}</td>`)}
      <td part="table-cell">${f.integer(c.total)}</td>
      <td part="table-cell">${c.answered !== null && c.total > 0 ? f.percent(c.answered / c.total) : '–'}</td>
      <td part="table-cell">${c.medianDaysToAnswer !== null ? f.decimal(c.medianDaysToAnswer) : '–'}</td>
    </tr>`;
    const head = (first: string) => html`<thead>
      <tr>
        <th scope="col" part="table-header">${first}</th>
        ${VOICE_KINDS.map((k) => html`<th scope="col" part="table-header">${this.kindLabel(k)}</th>`)}
        <th scope="col" part="table-header">${this.t('fig.total')}</th>
        <th scope="col" part="table-header">${this.t('fig.answered')}</th>
        <th scope="col" part="table-header">${this.t('table.median')}</th>
      </tr>
    </thead>`;
    return html`<details>
      <summary part="button">${this.msg.from(commonMessages, 'action.show-table')}</summary>
      <table part="table">
        <caption>
          ${this.t(`table.caption-${this.dimension}`)}
        </caption>
        ${head(this.t(`dimension.${this.dimension}`))}
        <tbody>
          ${counts.map((c) => row(c, this.keyLabel(c.key), true))}
        </tbody>
      </table>
      ${v.byMonth.length
        ? html`<table part="table">
            <caption>
              ${this.t('table.caption-month')}
            </caption>
            ${head(this.t('table.month'))}
            <tbody>
              ${v.byMonth.map((c) => row(c, f.month(c.key), false))}
            </tbody>
          </table>`
        : nothing}
    </details>`;
  }

  private onBlur = () => {
    this.active = null;
  };

  private onLeave = () => {
    const focused = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    const key = focused?.dataset?.key;
    this.active = key === undefined ? null : focused!.classList.contains('mark') ? `b:${key}` : `m:${key}`;
  };

  /** Chooses a bar, or clears the choice when it is the chosen one; either way says so. */
  private choose(key: string) {
    this.focusBar = key;
    this.setSelected(this.selectedKey === key ? null : key);
  }

  private setSelected(key: string | null) {
    this.selectedKey = key;
    this.emit('rapport-voice-select', { dimension: this.dimension, key });
  }

  private onBarKey = (e: KeyboardEvent) => {
    const el = (e.target as Element).closest?.('.mark') as HTMLElement | null;
    if (!el || !this.bars) return;
    const key = el.dataset.key!;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.choose(key);
      return;
    }
    if (e.key === 'Escape') {
      if (this.selectedKey !== null) {
        e.preventDefault();
        this.setSelected(null);
      }
      return;
    }
    const keys = this.bars.bars.map((b) => b.key);
    const next = moveInList(e.key, keys.indexOf(key), keys.length);
    if (next < 0) return;
    e.preventDefault();
    const target = keys[next]!;
    this.focusBar = target;
    void this.updateComplete.then(() => {
      [...this.renderRoot.querySelectorAll<HTMLElement>('.mark')].find((m) => m.dataset.key === target)?.focus();
    });
  };

  private onMonthKey = (e: KeyboardEvent) => {
    const el = (e.target as Element).closest?.('.column') as SVGGElement | null;
    if (!el || !this.months) return;
    if (e.key === 'Escape') {
      this.active = null;
      return;
    }
    const keys = this.months.columns.map((c) => c.key);
    const next = moveInList(e.key, keys.indexOf(el.dataset.key!), keys.length);
    if (next < 0) return;
    e.preventDefault();
    const target = keys[next]!;
    this.focusMonth = target;
    void this.updateComplete.then(() => {
      [...this.renderRoot.querySelectorAll<SVGGElement>('.column')].find((m) => m.dataset.key === target)?.focus();
    });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-voice': RapportVoice;
  }
}
