import { html, svg, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleProps } from '../base/style-props.js';
import { RapportElement } from '../base/rapport-element.js';
import { moveInList } from '../base/grid-keys.js';
import { themeTokens } from '../base/theme.js';
import { chartHeaderStyles, tableEquivalentStyles, tooltipStyles } from '../base/chart-styles.js';
import { fixed, signed } from '../base/signed-format.js';
import { Localized } from '../base/i18n.js';
import { errorText, noticesOrTexts } from '../base/notices/index.js';
import { NOT_GIVEN, NOT_LINKED, NO_PURCHASE } from '../../analytics/quality-groups.js';
import { commonMessages, dimensionLabel, rungLabel, segmentLabel } from '../base/common-messages.js';
import { formats, type Formats } from '../format.js';
import { messages } from './messages.js';
import { RapportDataConsumer, fillCurrency } from '../base/data-consumer.js';
import {
  deliveryLayout,
  gapVerdict,
  qualityGapLayout,
  SMALL_GROUP_N,
  type AxisTick,
  type GapVerdict,
  type DeliveryLayout,
  type GapRow,
  type QualityGapLayout,
} from '../../charts/quality-gap-layout.js';
import { LADDER_PLACES, RUNG_LABELS } from '../../analytics/ladder.js';
import type { QualityGapResult } from '../../analytics/quality.js';
import type { DeliveryGapResult } from '../../analytics/delivery.js';
import type { Notice } from '../../analytics/notice.js';

let nextId = 0;

/** Which chart a row belongs to: each is one tab stop. */
type ChartId = 'main' | 'groups';

type MessageKey = keyof typeof messages.en;

/** "reliability" -> "Reliability"; other names as given. */
const title = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

/** The short word beside a negative row, by verdict (none for zero or positive gaps). */
const TAG_KEYS: Partial<Record<GapVerdict, MessageKey>> = { 'not-kept': 'tag.not-kept', 'below-noise': 'tag.below-noise', 'below-unknown': 'tag.below-unknown' };
/** The headline's own words where they say more than the verdict's (the same rule as rows, table and groups). */
const OVERALL_KEYS: Partial<Record<GapVerdict, MessageKey>> = { 'not-kept': 'overall.not-kept', 'below-noise': 'overall.below-noise', above: 'overall.above' };
/** The tooltip's note on a negative row, by verdict. */
const NOTE_KEYS: Partial<Record<GapVerdict, MessageKey>> = { 'not-kept': 'note.not-kept', 'below-noise': 'note.below-noise', 'below-unknown': 'note.below-unknown' };

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
 * Speaks English, Portuguese, Spanish, French and Malay, following the `lang` attribute of the
 * element or its nearest ancestor (or the page's); SERVQUAL dimensions, preset segment names and
 * rungs are translated, a survey's own names (items, other dimensions and groups) are shown as
 * written, and the data's notes are said in the reader's language (as given when a result made
 * by hand carries no notices).
 *
 * @event rapport-quality-group - The user chose another split in the group select; detail `{ by: string | null }` (null: all respondents). Set `.gap` with the groups asked for in response.
 * @event rapport-quality-select - The user chose a row (click, Enter or Space) or cleared the choice (again, Escape); detail `{ dimension: string | null, item: string | null }`.
 * @csspart title - The chart's title line.
 * @csspart overall - The headline line with the weighted overall gap.
 * @csspart overall-figure - The overall gap figure in the headline.
 * @csspart notes - The messages about what the figures rest on (role=note), survey's and delivery's.
 * @csspart split-error - Why the chosen split could not be made (`splitError`, role=alert).
 * @csspart note - Each of those messages.
 * @csspart group-select - The label and select of the respondent split.
 * @csspart select - The select of the respondent split.
 * @csspart legend - The key to the marks (also the delivery block's).
 * @csspart legend-item - Each entry of a legend.
 * @csspart chart - The dimension rows with their axes (one tab stop).
 * @csspart axis - Each axis row.
 * @csspart axis-label - The axis captions and tick labels.
 * @csspart gridline - The grid lines behind the marks.
 * @csspart zero-line - The zero line of the gap panel.
 * @csspart row - Each drawn row (dimension, item or group row).
 * @csspart label - Each row's name (dimension, item, group row, review score) and each delivery figure's name.
 * @csspart expand - The button that opens a dimension's items (aria-expanded).
 * @csspart button - Every button: the expand buttons and the "Show as table" disclosure.
 * @csspart mark - The focusable drawing of a row (dumbbell and gap bar).
 * @csspart link - The line between expectation and perception (also late to on-time).
 * @csspart expectation - Each expectation circle (hollow).
 * @csspart perception - Each perception circle (filled).
 * @csspart bar - Each gap bar.
 * @csspart interval - Each 95% interval whisker (open-ended with an arrow where it runs past the axis).
 * @csspart value - The gap figure and its n beside each row, and each delivery figure.
 * @csspart tag - The verdict word beside a negative row ("not kept", "within noise", "no interval").
 * @csspart small-note - The "small group" note of a group with fewer than 10 respondents.
 * @csspart groups - The per-group rows.
 * @csspart section-title - The headings of the groups and delivery blocks.
 * @csspart group-heading - Each group's heading with its respondents and overall gap.
 * @csspart delivery - The promised vs delivered block.
 * @csspart on-time-mark - The on-time orders' mean review score (hollow circle).
 * @csspart late-mark - The late orders' mean review score (filled square).
 * @csspart tooltip - The figures shown for the hovered or focused row.
 * @csspart table - Each table of the table equivalent.
 * @csspart table-header - Each header cell of those tables.
 * @csspart table-row - Each body row of those tables.
 * @csspart table-cell - Each data cell of those tables.
 * @csspart empty - The message shown when there is no survey.
 * @cssproperty --rapport-quality-negative-color - Bars, figures and labels of negative gaps (default: danger).
 * @cssproperty --rapport-quality-negative-surface - Background of rows whose whole interval is below zero (default: danger surface).
 * @cssproperty --rapport-quality-positive-color - Bars of zero or positive gaps (default: success).
 * @cssproperty --rapport-quality-expectation-color - Expectation marks, hollow (default: muted text).
 * @cssproperty --rapport-quality-perception-color - Perception marks, filled (default: primary).
 * @cssproperty --rapport-quality-interval-color - Interval whiskers (default: text).
 * @cssproperty --rapport-quality-grid-color - Grid lines (default: `--rapport-chart-gridline-color`).
 * @cssproperty --rapport-quality-zero-color - The zero line of the gap panel (default: muted text).
 * @cssproperty --rapport-quality-hatch-color - The hatching over negative bars (default: surface).
 * @cssproperty --rapport-quality-mark-fill - Inside of the hollow marks and the marks' outline (default: surface).
 * @cssproperty --rapport-quality-selected-color - Outline of the chosen row (default: text).
 * @cssproperty --rapport-tooltip-shadow - Shadow of the tooltip, shared by every chart (default: `0 2px 8px` of `--rapport-color-shadow`).
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
        --_grid: var(--rapport-quality-grid-color, var(--_gridline));
        --_selected: var(--rapport-quality-selected-color, var(--_text));
        --_zero: var(--rapport-quality-zero-color, var(--_muted));
        --_hatch: var(--rapport-quality-hatch-color, var(--_surface));
        --_mark-fill: var(--rapport-quality-mark-fill, var(--_surface));
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
        font-variant-numeric: var(--_numeric);
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
        outline: 2px solid var(--_focus-ring);
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
        stroke: var(--_zero);
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
        fill: var(--_mark-fill);
        stroke: var(--_expectation);
        stroke-width: 2.5;
      }
      .perception {
        fill: var(--_perception);
        stroke: var(--_mark-fill);
        stroke-width: 1;
      }
      .bar {
        fill: var(--_positive);
      }
      .bar.negative {
        fill: var(--_negative);
      }
      .hatch line {
        stroke: var(--_hatch);
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
        font-variant-numeric: var(--_numeric);
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
        font-variant-numeric: var(--_numeric);
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
        fill: var(--_chart-label);
        font-size: 12px;
      }
      .late {
        fill: var(--_negative);
      }
      .ontime {
        fill: var(--_mark-fill);
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
      .split-error {
        color: var(--_danger);
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
  /**
   * Why the split the reader last chose could not be made (e.g. the QualitySplitError of
   * `Dataset.qualityGap`), or null: set by the owner in answer to `rapport-quality-group` (null
   * again once a split is made). Shown under the headline (role=alert) in the reader's language.
   */
  @property({ attribute: false }) splitError: unknown = null;
  /** Locale of numbers (e.g. `pt-BR`); default: the language in force, from `lang`. */
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
  private msg = new Localized(this, messages);
  /** Inside a `<rapport-data>`: the provider's survey and delivery gaps (the survey's of the selection). Outside one, nothing. */
  private fromProvider = new RapportDataConsumer(this, (s) => {
    this.gap = s.qualityGap;
    this.splitError = s.qualitySplitError;
    this.delivery = s.deliveryGap;
    fillCurrency(this, s);
  });

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

  /** The locale of figures: the `locale` property, else the language tag in force. */
  private get loc(): string | undefined {
    return this.locale ?? this.msg.tag;
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.msg.t(key, params);
  }

  /** A dimension's name: SERVQUAL's translated, a survey's own capitalised as before. */
  private dimensionName(d: string): string {
    const name = dimensionLabel(this.msg.lang, d);
    return name === d ? title(d) : name;
  }

  /** A group's name: preset segment names, rungs and the groups the analysis makes translated, attribute values as written. */
  private groupName(group: string): string {
    if (group === NOT_LINKED) return this.t('group.not-linked');
    if (group === NO_PURCHASE) return this.t('group.no-purchase');
    if (group === NOT_GIVEN) return this.t('group.not-given');
    const by = this.gap?.groups?.by;
    if (by === 'segment') return segmentLabel(this.msg.lang, group);
    if (by === 'rung') {
      // The data layer names rungs in English (RUNG_LABELS); find the place to translate it.
      const place = LADDER_PLACES.find((p) => RUNG_LABELS[p] === group || p === group);
      return place ? rungLabel(this.msg.lang, place) : group;
    }
    return group;
  }

  /** The name of a split: RFM segment and rung translated, a respondent attribute as the data names it. */
  private splitName(by: string, label: string): string {
    return by === 'segment' ? this.t('split.segment') : by === 'rung' ? this.t('split.rung') : label;
  }

  /** A result's notes in the reader's language: its notices, else (a result made by hand) its messages as written. */
  private noteTexts(result: { messages: readonly string[]; notices?: readonly Notice[] }): readonly string[] {
    return noticesOrTexts(result.notices, result.messages, this.msg.lang, this.loc);
  }

  private verdictText(v: GapVerdict): string {
    return this.t(`verdict.${v}`);
  }

  /** Scale ends in the locale (a survey scale may be 0–10 or 1–7). */
  private scaleText(s: { min: number; max: number }, f: Formats) {
    return { min: f.decimal(s.min), max: f.decimal(s.max) };
  }

  override render() {
    const g = this.gap;
    const f = formats(this.loc, this.currency);
    const delivery = this.delivery ? this.renderDelivery(this.delivery, f) : nothing;
    if (!g || !this.layout) {
      return html`<p class="empty" part="empty">${g ? this.t('empty.no-answers') : this.t('empty.no-survey')}</p>
        ${delivery}`;
    }
    return html`<div class="head">
        <span class="title" part="title" id="${this.uid}-title">${this.t('title', this.scaleText(g.scale, f))}</span>
        ${this.renderGroupSelect(g, f)}
      </div>
      ${this.renderOverall(g, f)}
      ${this.splitError ? html`<p class="split-error" part="split-error" role="alert">${errorText(this.splitError, this.msg.lang, this.loc)}</p>` : nothing}
      ${g.messages.length
        ? html`<div role="note" part="notes" aria-label=${this.t('notes.label')}>
            <ul class="notes">
              ${this.noteTexts(g).map((m) => html`<li part="note">${m}</li>`)}
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
      <p id="${this.uid}-help" class="visually-hidden">${this.summary(g, f)} ${this.t('help.keys')}</p>
      <div class="chart" part="chart">
        ${this.renderAxis(this.layout, this.t('axis.dimension'), f)}
        <div class="rows" role="group" aria-labelledby="${this.uid}-title" aria-describedby="${this.uid}-help" data-chart="main" @keydown=${this.onKey}>
          ${this.layout.rows.map((r, i) => this.renderRow(r, 'main', f, i))} ${this.renderTooltip('main', f)}
        </div>
      </div>
      ${this.renderGroups(this.layout, g, f)} ${delivery} ${this.renderTable(g, f)}`;
  }

  private renderGroupSelect(g: QualityGapResult, f: Formats) {
    if (!g.groupOptions.length) return nothing;
    const current = g.groups?.by ?? '';
    return html`<label class="group-select" part="group-select">
      ${this.t('select.label')}
      <select part="select" @change=${this.onGroup}>
        <option value="" ?selected=${current === ''}>${this.t('select.all')}</option>
        ${g.groupOptions.map(
          (o) => html`<option value=${o.by} ?selected=${current === o.by}>${this.t('select.by', { n: o.groups, count: f.integer(o.groups), label: this.splitName(o.by, o.label) })}</option>`,
        )}
      </select>
    </label>`;
  }

  private onGroup = (e: Event) => {
    const value = (e.target as HTMLSelectElement).value;
    this.emit('rapport-quality-group', { by: value === '' ? null : value });
  };

  private renderOverall(g: QualityGapResult, f: Formats) {
    const o = g.overall;
    const loc = this.loc;
    const ci = o.ciLow !== null && o.ciHigh !== null ? this.t('overall.ci', { low: signed(o.ciLow, loc), high: signed(o.ciHigh, loc) }) : this.t('overall.no-ci');
    const v = gapVerdict(o);
    const overallKey = OVERALL_KEYS[v];
    const verdict = overallKey ? this.t(overallKey) : this.verdictText(v);
    const weighting = o.weighting === 'respondent' || o.weighting === 'given' || o.weighting === 'equal' ? this.t(`weighting.${o.weighting}`) : String(o.weighting);
    return html`<p class="overall" part="overall">
      ${this.t('overall.lead')}
      <span class="figure ${o.gap < 0 ? 'negative' : ''}" part="overall-figure">${signed(o.gap, loc)}</span>
      ${this.t('overall.detail', { ci, count: f.integer(o.n), verdict, weighting })}
      ${g.linkedRespondents !== null ? this.t('overall.linked', { n: g.respondents, linked: f.integer(g.linkedRespondents), total: f.integer(g.respondents) }) : nothing}
    </p>`;
  }

  /** " (not kept)", " (below expectations, within noise)"... after a negative gap; nothing otherwise. */
  private verdictSuffix(s: { gap: number; ciLow: number | null; ciHigh: number | null }): string {
    return s.gap < 0 ? ` (${this.verdictText(gapVerdict(s))})` : '';
  }

  private renderLegend() {
    return html`<div class="legend" part="legend" aria-hidden="true">
      <span part="legend-item"><svg><circle class="expectation" cx="11" cy="6" r="5"></circle></svg>${this.t('legend.expectation')}</span>
      <span part="legend-item"><svg><circle class="perception" cx="11" cy="6" r="5"></circle></svg>${this.t('legend.perception')}</span>
      <span part="legend-item"><svg><rect class="bar" x="0" y="1" width="22" height="10"></rect></svg>${this.t('legend.positive')}</span>
      <span part="legend-item"
        ><svg><rect class="bar negative" x="0" y="1" width="22" height="10"></rect><rect x="0" y="1" width="22" height="10" fill="url(#${this.uid}-hatch)"></rect></svg
        >${this.t('legend.negative')}</span
      >
      <span part="legend-item"
        ><svg class="interval"><line x1="2" x2="20" y1="6" y2="6"></line><line x1="2" x2="2" y1="2" y2="10"></line><line x1="20" x2="20" y1="2" y2="10"></line></svg
        >${this.t('legend.interval')}</span
      >
      ${this.hasClipped()
        ? html`<span part="legend-item"
            ><svg class="interval"><line x1="2" x2="22" y1="6" y2="6"></line><line x1="2" x2="2" y1="2" y2="10"></line><path class="clip" d="M22 6 L16 2 L16 10 Z"></path></svg
            >${this.t('legend.clipped')}</span
          >`
        : nothing}
    </div>`;
  }

  private hasClipped(): boolean {
    const l = this.layout;
    if (!l) return false;
    return [...l.rows, ...(l.groups?.flatMap((g) => g.rows) ?? [])].some((r) => r.ciClippedLow || r.ciClippedHigh);
  }

  private renderAxis(l: QualityGapLayout, caption: string, f: Formats) {
    const ticks = (ts: AxisTick[], fmt: (v: number) => string, kind: string) =>
      html`<div class="ticks ${kind}">
        ${ts.map(
          (t) =>
            html`<span class="tick ${t.x < 0.02 ? 'start' : t.x > 0.98 ? 'end' : ''} ${t.thin ? 'thin' : ''}" part="axis-label" style=${styleProps({ left: `${t.x * 100}%` })}
              >${fmt(t.value)}</span
            >`,
        )}
      </div>`;
    return html`<div class="axis" part="axis" aria-hidden="true">
        <span class="caption left" part="axis-label">${caption}</span>
        <div class="panels">
          <span class="caption" part="axis-label">${this.t('axis.scale', this.scaleText(l.scale, f))}</span>
          <span class="caption" part="axis-label">${this.t('axis.gap')}</span>
        </div>
        <span class="caption left" part="axis-label">${this.t('axis.value')}</span>
      </div>
      <div class="axis" part="axis" aria-hidden="true">
        <span></span>
        <div class="panels">
          ${ticks(l.scaleTicks, (v) => f.decimal(v), 'scale')} ${ticks(l.gapTicks, (v) => (v === 0 ? f.integer(0) : signed(v, this.loc, 1)), 'gap')}
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
    const loc = this.loc;
    const ci = r.ciLow !== null && r.ciHigh !== null ? this.t('range', { low: signed(r.ciLow, loc), high: signed(r.ciHigh, loc) }) : this.t('ci.unknown');
    const dim = r.kind === 'dimension' ? this.gap?.dimensions.find((d) => d.dimension === r.dimension) : undefined;
    const name =
      r.kind === 'item'
        ? `${r.label} (${this.dimensionName(r.dimension)})`
        : r.kind === 'group'
          ? `${this.dimensionName(r.label)}, ${this.groupName(this.groupOf(r.key))}`
          : this.dimensionName(r.label);
    const out: [string, string][] = [
      ['', name],
      [this.t('fig.expectation'), fixed(r.expectation, loc)],
      [this.t('fig.perception'), fixed(r.perception, loc)],
      [this.t('fig.gap'), `${signed(r.gap, loc)}${this.verdictSuffix(r)}`],
      [this.t('fig.interval'), ci],
      [this.t('fig.respondents'), f.integer(r.n)],
    ];
    if (dim) out.push([this.t('fig.items'), f.integer(dim.items)], [this.t('fig.weight'), f.percent(dim.weight)]);
    const note = NOTE_KEYS[r.verdict];
    if (note) out.push(['', this.t(note)]);
    const clipped = r.ciClippedLow || r.ciClippedHigh;
    if (r.small && r.n >= 2) out.push(['', this.t(clipped ? 'note.small-clipped' : 'note.small', { min: f.integer(SMALL_GROUP_N) })]);
    else if (clipped) out.push(['', this.t('note.clipped')]);
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
    const label = r.kind === 'item' ? r.label : this.dimensionName(r.label);
    const tagKey = r.negative ? TAG_KEYS[r.verdict] : undefined;
    return html`<div
      class="row ${r.kind} ${r.negative ? 'negative' : ''} ${r.significant ? 'significant' : ''} ${r.small ? 'small' : ''}"
      part="row"
      data-key=${r.key}
      data-kind=${r.kind}
    >
      <div class="label" part="label" id="${id}-label">
        ${r.expandable
          ? html`<button
              type="button"
              class="expand"
              part="expand button"
              tabindex="-1"
              aria-expanded=${r.expanded ? 'true' : 'false'}
              data-dimension=${r.dimension}
              @click=${() => this.toggleExpanded(r.dimension)}
            >
              <span class="chevron" aria-hidden="true">▸</span><span>${label}</span><span class="visually-hidden">: ${this.t('expand.items')}</span>
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
            ${this.layout!.scaleTicks.map((t) => svg`<line class="grid" part="gridline" x1="${t.x * 100}%" x2="${t.x * 100}%" y1="0" y2="100%"></line>`)}
            <line class="link" part="link" x1="${r.lineX0 * 100}%" x2="${r.lineX1 * 100}%" y1="50%" y2="50%"></line>
            <circle class="expectation" part="expectation" cx="${r.eX * 100}%" cy="50%" r="6"></circle>
            <circle class="perception" part="perception" cx="${r.pX * 100}%" cy="50%" r="5.5"></circle>
          </svg>
          ${this.gapSvg(r)}
        </div>
      </div>
      <div class="value" part="value">
        <span class="gap ${r.negative ? 'negative' : ''}">${signed(r.gap, this.loc)}</span>
        ${tagKey ? html`<span class="tag" part="tag">${this.t(tagKey)}</span>` : nothing}
        <span class="n">n ${f.integer(r.n)}</span>
      </div>
    </div>`;
  }

  private gapSvg(r: GapRow) {
    const l = this.layout!;
    const w = (r.barX1 - r.barX0) * 100;
    return svg`<svg aria-hidden="true" focusable="false">
      ${l.gapTicks.map((t) => svg`<line class="grid" part="gridline" x1="${t.x * 100}%" x2="${t.x * 100}%" y1="0" y2="100%"></line>`)}
      <rect class="bar ${r.negative ? 'negative' : ''}" part="bar" x="${r.barX0 * 100}%" y="22%" width="${w}%" height="56%"></rect>
      ${r.negative ? svg`<rect class="hatched" x="${r.barX0 * 100}%" y="22%" width="${w}%" height="56%" fill="url(#${this.uid}-hatch)"></rect>` : nothing}
      <line class="zero" part="zero-line" x1="${l.zeroX * 100}%" x2="${l.zeroX * 100}%" y1="8%" y2="92%"></line>
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
    const split = this.splitName(g.groups.by, g.groups.label);
    return html`<section class="groups" part="groups" aria-labelledby="${this.uid}-groups-title">
      <h3 id="${this.uid}-groups-title" part="section-title">${this.t('groups.title', { label: split })}</h3>
      <p id="${this.uid}-groups-help" class="visually-hidden">${this.t('groups.help')}</p>
      <div class="chart">
        ${this.renderAxis(l, this.t('axis.group-dimension'), f)}
        <div class="rows" role="group" aria-labelledby="${this.uid}-groups-title" aria-describedby="${this.uid}-groups-help" data-chart="groups" @keydown=${this.onKey}>
          ${l.groups.map((s, gi) => {
            const offset = l.groups!.slice(0, gi).reduce((n, x) => n + x.rows.length, 0);
            const sub = this.t('groups.sub', { n: s.respondents, respondents: f.integer(s.respondents), gap: signed(s.overallGap, this.loc) });
            return html`<h4 part="group-heading">
                ${this.groupName(s.group)}
                <span class="sub">${sub}${this.verdictSuffix({ gap: s.overallGap, ciLow: s.overallCiLow, ciHigh: s.overallCiHigh })}</span>
                ${s.small ? html`<span class="small-note" part="small-note">${this.t('groups.small', { min: f.integer(SMALL_GROUP_N) })}</span>` : nothing}
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
    const loc = this.loc;
    const score = (m: { mean: number; n: number } | null, ci: [number | null, number | null]) =>
      m
        ? ci[0] !== null && ci[1] !== null
          ? this.t('delivery.score-ci', { mean: fixed(m.mean, loc), low: fixed(ci[0], loc), high: fixed(ci[1], loc), count: f.integer(m.n) })
          : this.t('delivery.score', { mean: fixed(m.mean, loc), count: f.integer(m.n) })
        : this.t('delivery.no-scores');
    const satLabel =
      s && dl
        ? this.t('delivery.label', {
            onTime: score(dl.onTime, [s.onTime.ciLow, s.onTime.ciHigh]),
            late: score(dl.late, [s.late.ciLow, s.late.ciHigh]),
            gap: signed(s.gap, loc),
            ci: s.ciLow !== null && s.ciHigh !== null ? this.t('delivery.gap-ci', { low: signed(s.ciLow, loc), high: signed(s.ciHigh, loc) }) : '',
          })
        : '';
    const legendValue = (m: { mean: number; n: number } | null) => (m ? this.t('delivery.score', { mean: fixed(m.mean, loc), count: f.integer(m.n) }) : '–');
    return html`<section class="delivery" part="delivery" aria-labelledby="${this.uid}-delivery-title">
      <h3 id="${this.uid}-delivery-title" part="section-title">${this.t('delivery.title')}</h3>
      ${d.delivered === 0
        ? nothing // Selected customers without a delivered order: the notes say so.
        : html`<dl>
        <div>
          <dt part="label">${this.t('delivery.on-time')}</dt>
          <dd part="value">${this.t('delivery.on-time-value', { share: f.percent(d.onTimeShare), delivered: f.integer(d.delivered) })}</dd>
        </div>
        <div><dt part="label">${this.t('delivery.late-orders')}</dt><dd part="value">${f.integer(d.late)}</dd></div>
        <div>
          <dt part="label">${this.t('delivery.days-late')}</dt>
          <dd part="value">${days ? this.t('delivery.days-value', { median: f.decimal(days.median), p90: f.decimal(days.p90) }) : this.t('delivery.none-late')}</dd>
        </div>
        ${d.undelivered > 0 ? html`<div><dt part="label">${this.t('delivery.undelivered')}</dt><dd part="value">${f.integer(d.undelivered)}</dd></div>` : nothing}
      </dl>
      ${s && dl
        ? html`<div class="row">
            <div class="label" part="label">${this.t('delivery.review', this.scaleText(s.scale, f))}</div>
            <div class="satisfaction" role="img" aria-label=${satLabel}>
              <svg aria-hidden="true" focusable="false">
                ${dl.scaleTicks.map(
                  (t) => svg`<line class="grid" part="gridline" x1="${t.x * 100}%" x2="${t.x * 100}%" y1="0" y2="58%"></line>
                    <text x="${t.x * 100}%" y="92%" text-anchor="middle" part="axis-label">${f.decimal(t.value)}</text>`,
                )}
                ${dl.onTime && dl.late ? svg`<line class="link" part="link" x1="${dl.onTime.x * 100}%" x2="${dl.late.x * 100}%" y1="30%" y2="30%"></line>` : nothing}
                ${[dl.onTime, dl.late].map((m) =>
                  m && m.ciX0 !== null && m.ciX1 !== null
                    ? svg`<g class="interval" part="interval"><line x1="${m.ciX0 * 100}%" x2="${m.ciX1 * 100}%" y1="30%" y2="30%"></line>
                        <line x1="${m.ciX0 * 100}%" x2="${m.ciX0 * 100}%" y1="20%" y2="40%"></line>
                        <line x1="${m.ciX1 * 100}%" x2="${m.ciX1 * 100}%" y1="20%" y2="40%"></line></g>`
                    : nothing,
                )}
                ${dl.onTime ? svg`<circle class="ontime" part="on-time-mark" cx="${dl.onTime.x * 100}%" cy="30%" r="6"></circle>` : nothing}
                ${dl.late ? svg`<svg x="${dl.late.x * 100}%" y="30%" overflow="visible"><rect class="late" part="late-mark" x="-6" y="-6" width="12" height="12"></rect></svg>` : nothing}
              </svg>
            </div>
            <div class="value" part="value">
              <span class="gap ${s.gap < 0 ? 'negative' : ''}">${signed(s.gap, loc)}</span>
              <span class="n">${this.t('delivery.late-minus')}</span>
            </div>
          </div>
          <p class="legend" part="legend" aria-hidden="true">
            <span part="legend-item">○ ${this.t('delivery.on-time')} ${legendValue(dl.onTime)}</span>
            <span part="legend-item">■ ${this.t('delivery.late')} ${legendValue(dl.late)}</span>
            <span part="legend-item">${this.t('delivery.whiskers')}</span>
          </p>`
        : nothing}`}
      ${d.messages.length
        ? html`<div role="note" part="notes" aria-label=${this.t('delivery.notes-label')}>
            <ul class="notes">
              ${this.noteTexts(d).map((m) => html`<li part="note">${m}</li>`)}
            </ul>
          </div>`
        : nothing}
    </section>`;
  }

  private summary(g: QualityGapResult, f: Formats): string {
    const loc = this.loc;
    const parts = g.dimensions.map((d) => `${this.dimensionName(d.dimension)} ${signed(d.gap, loc)}`);
    const negatives = g.dimensions.filter((d) => d.gap < 0).length;
    const notKept = g.dimensions.filter((d) => gapVerdict(d) === 'not-kept').length;
    return this.t('summary', {
      n: g.dimensions.length,
      count: f.integer(g.dimensions.length),
      respondents: f.integer(g.respondents),
      parts: parts.join(', '),
      negatives: f.integer(negatives),
      notKept: f.integer(notKept),
    });
  }

  private renderTable(g: QualityGapResult, f: Formats) {
    const loc = this.loc;
    const ci = (s: { ciLow: number | null; ciHigh: number | null }) => (s.ciLow !== null && s.ciHigh !== null ? this.t('range', { low: signed(s.ciLow, loc), high: signed(s.ciHigh, loc) }) : '–');
    const cells = (s: { n: number; expectation: number; perception: number; gap: number; ciLow: number | null; ciHigh: number | null }) => html`<td part="table-cell">${f.integer(s.n)}</td>
      <td part="table-cell">${fixed(s.expectation, loc)}</td>
      <td part="table-cell">${fixed(s.perception, loc)}</td>
      <td part="table-cell">${signed(s.gap, loc)}${this.verdictSuffix(s)}</td>
      <td part="table-cell">${ci(s)}</td>`;
    const head = (first: string) => html`<thead>
      <tr>
        <th scope="col" part="table-header">${first}</th>
        <th scope="col" part="table-header">n</th>
        <th scope="col" part="table-header">${this.t('fig.expectation')}</th>
        <th scope="col" part="table-header">${this.t('fig.perception')}</th>
        <th scope="col" part="table-header">${this.t('fig.gap')}</th>
        <th scope="col" part="table-header">${this.t('fig.interval')}</th>
      </tr>
    </thead>`;
    const d = this.delivery?.satisfaction ?? null;
    return html`<details>
      <summary part="button">${this.msg.from(commonMessages, 'action.show-table')}</summary>
      <table part="table">
        <caption>
          ${this.t('table.caption', { respondents: f.integer(g.respondents), ...this.scaleText(g.scale, f), gap: signed(g.overall.gap, loc), ci: ci(g.overall) })}
        </caption>
        ${head(this.t('table.dimension-item'))}
        <tbody>
          ${g.dimensions.map(
            (dim) => html`<tr
                class="dimension"
                part="table-row"
                data-key="d:${dim.dimension}"
                aria-selected=${this.selectedKey === `d:${dim.dimension}` ? 'true' : nothing}
              >
                <th scope="row" part="table-header">${this.dimensionName(dim.dimension)}</th>
                ${cells(dim)}
              </tr>
              ${g.items
                .filter((i) => i.dimension === dim.dimension)
                .map(
                  (i) => html`<tr
                    class="item"
                    part="table-row"
                    data-key="i:${i.dimension}:${i.item}"
                    aria-selected=${this.selectedKey === `i:${i.dimension}:${i.item}` ? 'true' : nothing}
                  >
                    <th scope="row" part="table-header">${i.item}</th>
                    ${cells(i)}
                  </tr>`,
                )}`,
          )}
        </tbody>
      </table>
      ${g.groups
        ? html`<table part="table">
            <caption>
              ${this.t('table.groups-caption', { label: this.splitName(g.groups.by, g.groups.label) })}
            </caption>
            ${head(this.t('table.group-dimension'))}
            <tbody>
              ${g.groups.groups.map(
                (grp) => html`<tr class="dimension" part="table-row">
                    <th scope="row" part="table-header">${this.t('table.group-overall', { group: this.groupName(grp.group) })}</th>
                    ${cells(grp.overall)}
                  </tr>
                  ${grp.dimensions.map(
                    (dim) => html`<tr class="item" part="table-row">
                      <th scope="row" part="table-header">${this.dimensionName(dim.dimension)}</th>
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
              ${this.t('table.delivery-caption', this.scaleText(d.scale, f))}
            </caption>
            <thead>
              <tr>
                <th scope="col" part="table-header">${this.t('table.orders')}</th>
                <th scope="col" part="table-header">n</th>
                <th scope="col" part="table-header">${this.t('table.mean')}</th>
                <th scope="col" part="table-header">${this.t('fig.interval')}</th>
              </tr>
            </thead>
            <tbody>
              ${(
                [
                  [this.t('delivery.on-time'), d.onTime],
                  [this.t('delivery.late'), d.late],
                ] as const
              ).map(
                ([name, st]) => html`<tr part="table-row">
                  <th scope="row" part="table-header">${name}</th>
                  <td part="table-cell">${f.integer(st.n)}</td>
                  <td part="table-cell">${st.mean === null ? '–' : fixed(st.mean, loc)}</td>
                  <td part="table-cell">${st.ciLow !== null && st.ciHigh !== null ? this.t('range', { low: fixed(st.ciLow, loc), high: fixed(st.ciHigh, loc) }) : '–'}</td>
                </tr>`,
              )}
              <tr part="table-row">
                <th scope="row" part="table-header">${this.t('table.late-minus')}</th>
                <td part="table-cell"></td>
                <td part="table-cell">${signed(d.gap, loc)}</td>
                <td part="table-cell">${ci(d)}</td>
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
