import { html, svg, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleProps } from '../base/style-props.js';
import { RapportElement } from '../base/rapport-element.js';
import { moveInList } from '../base/grid-keys.js';
import { themeTokens } from '../base/theme.js';
import { tableEquivalentStyles, toggleStyles, tooltipStyles } from '../base/chart-styles.js';
import { formats, type Formats } from '../format.js';
import { Localized } from '../base/i18n.js';
import { commonMessages, rungLabel } from '../base/common-messages.js';
import { noticeText, noticesOrTexts } from '../base/notices/index.js';
import { messages } from './messages.js';
import { RapportDataConsumer, fillCurrency } from '../base/data-consumer.js';
import { ladderLayout, LADDER_MEASURES, type LadderLayout, type LadderMeasure, type LadderStep } from '../../charts/ladder-layout.js';
import { LADDER_PLACES, LADDER_RUNGS, type LadderPlace, type LadderResult } from '../../analytics/ladder.js';

/** Drawing box (viewBox units; the SVG scales to the element's width). */
const WIDTH = 720;
const HEIGHT = 420;
/** Label font size in viewBox units. */
const LABEL_PX = 13;

let nextId = 0;

/**
 * @summary The ladder of loyalty as a funnel: prospect at the top narrowing to partner, one step
 * per rung sized by customers (with the outline of everyone who reached the rung) or by revenue,
 * the conversion and drop-off between rungs, and the lapsed exit on the side with a band from
 * each rung it drew from. Evidence the data lacks is said above the chart, and a rung the data
 * cannot tell is drawn hatched and labelled "not available", never as 0.
 *
 * The steps and the lapsed box are one tab stop: ArrowDown / ArrowUp (or Right / Left) move
 * between them in the order drawn (prospect .. partner, then lapsed), Home and End jump to the
 * first and last, Enter or Space selects (again: deselects), Escape clears the selection. The
 * focused or hovered step's figures show in a tooltip and are its accessible name.
 *
 * Words, rung names, numbers and dates follow the `lang` in force (the element's, an ancestor's
 * or the page's: en, pt, es, fr, ms). The evidence messages and rung notes come from the data
 * layer as notices and are said in that language too (in English when a result carries only
 * the English text).
 *
 * @event rapport-rung-select - The user selected a rung or lapsed (click, Enter or Space), or cleared the selection (clicking the selected one again, Escape); detail `{ rung: LadderPlace | null }`.
 * @csspart evidence - The note above the chart listing missing or inferred evidence (role=note).
 * @csspart evidence-title - The note's heading.
 * @csspart evidence-item - Each message in the note.
 * @csspart title - The chart's title.
 * @csspart toggle - The customers / revenue buttons' group.
 * @csspart button - Each customers / revenue button (`aria-pressed` tells the chosen one).
 * @csspart chart - The box holding the SVG and the tooltip.
 * @csspart step - Each rung's step (a focusable group).
 * @csspart bar - Each step's bar.
 * @csspart reached - The outline, behind a step, of everyone who reached the rung.
 * @csspart lapsed - The lapsed box (a focusable group).
 * @csspart mark - The lapsed box's rectangle.
 * @csspart band - Each band from a rung to the lapsed box.
 * @csspart label - The rung names and figures beside the steps (and beside the lapsed box).
 * @csspart value - The figures beside the steps and the lapsed box (also `label`).
 * @csspart conversion - The conversion / drop-off labels between steps.
 * @csspart tooltip - The figures shown for the hovered or focused step.
 * @csspart table-toggle - The "Show as table" disclosure's summary.
 * @csspart table - The table equivalent.
 * @csspart table-caption - The table's caption.
 * @csspart table-header - Each column header.
 * @csspart table-row - Each body row (`aria-selected` on the selected place).
 * @csspart table-row-header - The rung name heading each row.
 * @csspart table-cell - Each figure or note cell.
 * @csspart empty - The message shown when there is no ladder.
 * @cssproperty --rapport-ladder-prospect-color - Step colour of prospect; likewise `--rapport-ladder-customer-color`, `-client-`, `-supporter-`, `-advocate-`, `-partner-color` (default: the rung token `--rapport-rung-color-<rung>`, itself a ramp of the primary colour from the surface towards the text, faintest at prospect).
 * @cssproperty --rapport-rung-color-prospect - Theme token of the prospect step, likewise `-customer`, `-client`, `-supporter`, `-advocate`, `-partner`, `-lapsed`; shared with other rung views.
 * @cssproperty --rapport-ladder-lapsed-color - Colour of the lapsed box and its bands (default: `--rapport-rung-color-lapsed`, itself danger).
 * @cssproperty --rapport-ladder-unavailable-color - Hatching and outline of a rung that is not available (default: muted text).
 * @cssproperty --rapport-ladder-reached-color - Outline of everyone who reached a rung, behind its step (default: border).
 * @cssproperty --rapport-ladder-label-color - Rung names and figures (default: `--rapport-chart-label-color`).
 * @cssproperty --rapport-chart-mark-outline-color - The line between a step and what it touches (default: surface).
 * @cssproperty --rapport-color-focus-ring - Outline of the focused step (default: primary).
 * @cssproperty --rapport-tooltip-shadow - Shadow of the tooltip, shared by every chart (default: `0 2px 8px` of `--rapport-color-shadow`).
 * @cssproperty --rapport-ladder-conversion-color - Conversion labels between steps (default: muted text).
 * @cssproperty --rapport-ladder-selected-color - Outline of the selected step (default: text).
 * @cssproperty --rapport-ladder-figure-color - Figures under the rung names (default: muted text).
 * @cssproperty --rapport-ladder-evidence-color - Border of the evidence note (default: warning).
 * @cssproperty --rapport-ladder-evidence-surface - Background of the evidence note (default: warning surface).
 */
@customElement('rapport-ladder')
export class RapportLadder extends RapportElement {
  static override styles = [
    themeTokens,
    tooltipStyles,
    tableEquivalentStyles,
    toggleStyles,
    css`
      :host {
        display: block;
        --_step-prospect: var(--rapport-ladder-prospect-color, var(--_rung-prospect));
        --_step-customer: var(--rapport-ladder-customer-color, var(--_rung-customer));
        --_step-client: var(--rapport-ladder-client-color, var(--_rung-client));
        --_step-supporter: var(--rapport-ladder-supporter-color, var(--_rung-supporter));
        --_step-advocate: var(--rapport-ladder-advocate-color, var(--_rung-advocate));
        --_step-partner: var(--rapport-ladder-partner-color, var(--_rung-partner));
        --_lapsed: var(--rapport-ladder-lapsed-color, var(--_rung-lapsed));
        --_unavailable: var(--rapport-ladder-unavailable-color, var(--_muted));
        --_reached: var(--rapport-ladder-reached-color, var(--_border));
        --_label: var(--rapport-ladder-label-color, var(--_chart-label));
        --_conversion: var(--rapport-ladder-conversion-color, var(--_muted));
        --_selected: var(--rapport-ladder-selected-color, var(--_text));
        --_figure: var(--rapport-ladder-figure-color, var(--_muted));
        --_evidence: var(--rapport-ladder-evidence-color, var(--_warning));
        --_evidence-surface: var(--rapport-ladder-evidence-surface, var(--_warning-surface));
      }
      .evidence {
        background: var(--_evidence-surface);
        color: var(--_text);
        border: 1px solid var(--_evidence);
        border-inline-start-width: 4px;
        border-radius: calc(var(--_radius) / 2);
        padding: 0.5em 0.8em;
        margin: 0 0 calc(var(--_gap) / 2);
      }
      .evidence strong {
        display: block;
        margin-bottom: 0.2em;
      }
      .evidence ul {
        margin: 0;
        padding-inline-start: 1.2em;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.5em;
        margin-bottom: 0.4em;
        font-weight: 600;
      }
      .chart {
        position: relative;
      }
      svg {
        display: block;
        width: 100%;
        height: auto;
        font-family: var(--_font);
      }
      .place {
        cursor: pointer;
        outline: none;
      }
      /* The stroke is the focus ring: no second, box-shaped outline from the theme's [tabindex] rule. */
      .place:focus-visible {
        outline: none;
      }
      /* An invisible hit area as wide as the row, so a narrow step is still easy to point at. */
      .hit {
        fill: transparent;
      }
      .bar {
        fill: var(--_fill);
        stroke: var(--_mark-outline);
        stroke-width: 1;
      }
      .bar.zero {
        stroke: var(--_fill);
        stroke-width: 2;
      }
      .bar.unavailable {
        fill: none;
        stroke: var(--_unavailable);
        stroke-width: 1.5;
        stroke-dasharray: 6 4;
      }
      .hatch line {
        stroke: var(--_unavailable);
        stroke-width: 1.5;
        opacity: 0.35;
      }
      .reached {
        fill: none;
        stroke: var(--_reached);
        stroke-width: 1.5;
      }
      .ring {
        fill: none;
        stroke: transparent;
        stroke-width: 3;
        pointer-events: none;
      }
      .place[aria-pressed='true'] .ring {
        stroke: var(--_selected);
      }
      .place:focus-visible .ring {
        stroke: var(--_focus-ring);
        stroke-dasharray: none;
      }
      .band {
        fill: none;
        stroke: var(--_lapsed);
        stroke-opacity: 0.35;
      }
      .band.active {
        stroke-opacity: 0.7;
      }
      .lapsed-box {
        fill: var(--_lapsed);
        stroke: var(--_lapsed);
        stroke-width: 1;
      }
      .lapsed-box.zero {
        fill: none;
        stroke-dasharray: 3 3;
      }
      .labels text {
        fill: var(--_label);
        font-size: ${LABEL_PX}px;
        pointer-events: none;
      }
      .labels .name {
        font-weight: 650;
      }
      .labels .figure {
        fill: var(--_figure);
      }
      .labels .na {
        font-style: italic;
      }
      .labels .na.inside {
        font-weight: 600;
        paint-order: stroke;
        stroke: var(--_surface);
        stroke-width: 4px;
        stroke-linejoin: round;
      }
      .labels .conversion {
        fill: var(--_conversion);
        font-size: 12px;
      }
      .tooltip {
        transform: translate(-50%, calc(-100% - 6px));
        white-space: normal;
        width: max-content;
        max-width: 18rem;
      }
      .tooltip.below {
        transform: translate(-50%, 6px);
      }
      .tooltip.below.end {
        transform: translate(-100%, 6px);
      }
      .tooltip .note {
        display: block;
        margin-top: 0.3em;
        color: var(--_muted);
      }
      th[scope='row'],
      thead th:first-child,
      td.note {
        text-align: left;
      }
      td.note {
        color: var(--_muted);
        max-width: 24rem;
      }
      tr[aria-selected='true'] th {
        font-weight: 700;
      }
      .empty {
        color: var(--_muted);
        margin: 0;
      }
      /* Last, so it wins over the token-driven fills above. */
      @media (forced-colors: active) {
        :host {
          --_label: CanvasText;
          --_selected: Highlight;
          --_unavailable: GrayText;
        }
        .bar,
        .lapsed-box {
          forced-color-adjust: none;
          fill: Canvas;
          stroke: CanvasText;
        }
        .band {
          stroke: CanvasText;
        }
        .labels text,
        .labels .figure,
        .labels .conversion {
          fill: CanvasText;
        }
      }
    `,
  ];

  /** The ladder to draw (from the ladder analytics); null shows the empty state. */
  @property({ attribute: false }) ladder: LadderResult | null = null;
  /** What step widths show: `customers` (default, contacts on the rung now) or `revenue`. */
  @property({ reflect: true }) measure: LadderMeasure = 'customers';
  /** The selected rung, `lapsed`, or null. Set by the user's choice; an unknown value is treated as null. */
  @property({ reflect: true }) selected: LadderPlace | null = null;
  /** Locale of numbers and dates (default: the language in force, from `lang`). */
  @property() locale?: string;
  /** ISO 4217 code for money figures; plain numbers when unset. */
  @property() currency?: string;

  /** The place whose figures the tooltip shows (hovered or focused). */
  @state() private active: LadderPlace | null = null;
  /** Which place holds the roving tabindex. */
  @state() private focusPlace: LadderPlace | null = null;

  private layout: LadderLayout | null = null;
  private readonly uid = `rapport-ladder-${nextId++}`;
  private msg = new Localized(this, messages);
  /** Inside a `<rapport-data>`: the provider's ladder (of the selection while one is in force) and the selected rung. Outside one, nothing. */
  private fromProvider = new RapportDataConsumer(this, (s) => {
    this.ladder = s.ladder;
    this.selected = s.selection.rung ?? null;
    fillCurrency(this, s);
  });

  /** A rung's (or lapsed) name in the interface language. */
  private nameOf(place: LadderPlace): string {
    return rungLabel(this.msg.lang, place);
  }

  /** A rung's evidence note in the interface language (the English note when it carries no notice), or null. */
  private noteOf(l: LadderResult, rung: LadderPlace): string | null {
    const evidence = rung === 'lapsed' ? undefined : l.evidence?.rungs?.[rung];
    if (!evidence?.note) return null;
    return evidence.noteNotice ? noticeText(evidence.noteNotice, this.msg.lang, this.msg.tag) : evidence.note;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!(LADDER_MEASURES as readonly string[]).includes(this.measure)) this.measure = 'customers';
    if (this.selected !== null && !(LADDER_PLACES as readonly string[]).includes(this.selected)) this.selected = null;
    if (changed.has('ladder') || changed.has('measure')) {
      this.layout = this.ladder && this.ladder.contacts > 0 ? ladderLayout(this.ladder, { width: WIDTH, height: HEIGHT, measure: this.measure }) : null;
    }
  }

  override render() {
    const t = this.msg;
    const l = this.ladder;
    const f = formats(this.locale ?? t.tag, this.currency);
    if (!l || !this.layout) {
      return html`<p class="empty" part="empty">${t.t(l ? 'empty.no-contacts' : 'empty.no-ladder')}</p>`;
    }
    return html`${this.renderEvidence(l)}
      <div class="head">
        <span id="${this.uid}-title" part="title">${t.t(this.measure === 'revenue' ? 'title.revenue' : 'title.customers')}</span>
        <span class="toggle" role="group" aria-label=${t.t('size-by')} part="toggle">
          ${LADDER_MEASURES.map(
            (m) =>
              html`<button type="button" part="button" data-measure=${m} aria-pressed=${this.measure === m ? 'true' : 'false'} @click=${() => (this.measure = m)}>
                ${t.t(m === 'revenue' ? 'size.revenue' : 'size.customers')}
              </button>`,
          )}
        </span>
      </div>
      <div class="chart" part="chart">${this.renderChart(this.layout, l, f)} ${this.renderTooltip(this.layout, l, f)}</div>
      ${this.renderTable(l, f)}`;
  }

  private renderEvidence(l: LadderResult) {
    // The notices say the messages in the interface language; a result without them shows the English.
    const notices = l.evidence?.messageNotices;
    const english = l.evidence?.messages ?? [];
    const messages = noticesOrTexts(notices, english, this.msg.lang, this.msg.tag);
    if (!messages.length) return nothing;
    const title = this.msg.t('evidence');
    return html`<div class="evidence" part="evidence" role="note" aria-label=${title}>
      <strong part="evidence-title">${title}</strong>
      <ul>
        ${messages.map((m) => html`<li part="evidence-item">${m}</li>`)}
      </ul>
    </div>`;
  }

  /** Everything the tooltip says, as one line: the place's accessible name. */
  private describe(place: LadderPlace, l: LadderResult, f: Formats): string {
    return this.figures(place, l, f)
      .map(([k, v]) => (k ? this.msg.t('pair', { label: k, value: v }) : v))
      .join('; ');
  }

  /** The figures of a place as [label, value] pairs; an empty label is a whole sentence. */
  private figures(place: LadderPlace, l: LadderResult, f: Formats): [string, string][] {
    const t = this.msg;
    const pct = (x: number | null) => (x === null ? '–' : f.percent(x));
    const share = (n: number) => (l.contacts > 0 ? f.percent(n / l.contacts) : '–');
    if (place === 'lapsed') {
      const from = LADDER_RUNGS.filter((r) => (l.lapsed.from?.[r] ?? 0) > 0)
        .map((r) => `${this.nameOf(r)} ${f.integer(l.lapsed.from[r])}`)
        .join(', ');
      return [
        ['', this.nameOf('lapsed')],
        [t.t('customers'), f.integer(l.lapsed.customers)],
        [t.t('share-of-contacts'), share(l.lapsed.customers)],
        [t.t('revenue'), f.money(l.lapsed.revenue)],
        [t.t('average-value'), l.lapsed.customers > 0 ? f.money(l.lapsed.revenue / l.lapsed.customers) : '–'],
        ...(from ? ([[t.t('lapsed-from'), from]] as [string, string][]) : []),
        ['', this.lapsedNote(l, f)],
      ];
    }
    const row = this.layout?.steps.find((s) => s.rung === place)?.row;
    if (!row) return [['', this.nameOf(place)]];
    const note = this.noteOf(l, place);
    if (!row.available) {
      return [['', this.nameOf(place)], ['', t.t('not-available-long')], ...(note ? ([['', note]] as [string, string][]) : [])];
    }
    const days =
      row.medianDaysToNext === null ? '–' : t.t('days', { n: row.medianDaysToNext, count: f.decimal(row.medianDaysToNext) });
    return [
      ['', this.nameOf(place)],
      [t.t('customers'), f.integer(row.customers)],
      [t.t('share-of-contacts'), share(row.customers)],
      [t.t('revenue'), f.money(row.revenue)],
      [t.t('average-value'), row.averageValue === null ? '–' : f.money(row.averageValue)],
      ...(place === 'partner'
        ? []
        : ([
            [t.t('conversion-to-next'), pct(row.conversionToNext)],
            [t.t('median-time-to-next'), days],
          ] as [string, string][])),
      ...(note ? ([['', note]] as [string, string][]) : []),
    ];
  }

  private lapsedNote(l: LadderResult, f: Formats): string {
    const days = l.lapsed.windowDays;
    return this.msg.t(l.lapsed.windowDerived ? 'lapsed-note.derived' : 'lapsed-note', { n: days, count: f.integer(days) });
  }

  private summaryLabel(layout: LadderLayout, l: LadderResult, f: Formats): string {
    const t = this.msg;
    const rungs = layout.steps.map((s) =>
      s.available ? `${this.nameOf(s.rung)} ${f.integer(s.row.customers)}` : t.t('summary.unavailable', { rung: this.nameOf(s.rung) }),
    );
    return t.t('summary', { contacts: f.integer(l.contacts), rungs: rungs.join(', '), lapsed: f.integer(l.lapsed.customers) });
  }

  private renderChart(layout: LadderLayout, l: LadderResult, f: Formats) {
    const t = this.msg;
    const tab = this.focusPlace ?? this.selected ?? 'prospect';
    const hatchId = `${this.uid}-hatch`;
    const box = layout.lapsed;
    return html`<p id="${this.uid}-help" class="visually-hidden">${this.summaryLabel(layout, l, f)} ${t.t('help')}</p>
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="group" aria-labelledby="${this.uid}-title" aria-describedby="${this.uid}-help" @keydown=${this.onKey}>
        <defs aria-hidden="true">
          <pattern id=${hatchId} class="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="8"></line>
          </pattern>
        </defs>
        <g aria-hidden="true">
          ${box.bands.map(
            (b) => svg`<path class="band ${this.active === b.from || this.active === 'lapsed' ? 'active' : ''}" part="band" d=${b.path} stroke-width=${b.thickness}></path>`,
          )}
        </g>
        ${layout.steps.map((s) => this.renderStep(s, layout, tab === s.rung, hatchId, l, f))}
        <g
          class="place"
          part="lapsed"
          role="button"
          data-place="lapsed"
          tabindex=${tab === 'lapsed' ? 0 : -1}
          aria-pressed=${this.selected === 'lapsed' ? 'true' : 'false'}
          aria-label=${this.describe('lapsed', l, f)}
          @click=${() => this.toggle('lapsed')}
          @focus=${() => this.onFocus('lapsed')}
          @blur=${this.onBlur}
          @mouseenter=${() => (this.active = 'lapsed')}
          @mouseleave=${this.onLeave}
        >
          <rect class="hit" x=${box.x} y=${box.y - 2 * LABEL_PX - 8} width=${WIDTH - box.x} height=${box.h + 2 * LABEL_PX + 8}></rect>
          <rect class="lapsed-box ${box.zero ? 'zero' : ''}" part="mark" x=${box.x} y=${box.y} width=${box.zero ? WIDTH - box.x - 4 : box.w} height=${box.h}></rect>
          <rect class="ring" x=${box.x - 3} y=${box.y - 3} width=${(box.zero ? WIDTH - box.x - 4 : box.w) + 6} height=${box.h + 6}></rect>
        </g>
        <g class="labels" aria-hidden="true">
          ${layout.steps.map((s) => this.renderStepLabels(s, layout, f))}
          ${layout.conversions.map(
            (c) =>
              svg`<text class="conversion" part="conversion" data-from=${c.from} x=${c.x} y=${c.y} text-anchor="middle" dominant-baseline="central">${
                c.conversion === null
                  ? t.t('conversion.unknown')
                  : t.t('conversion', { climb: f.percent(c.conversion), stop: f.percent(c.dropOff ?? 1 - c.conversion) })
              }</text>`,
          )}
          <text class="name" part="label" x=${box.x} y=${box.y - LABEL_PX - 8}>${this.nameOf('lapsed')}</text>
          <text class="figure" part="label value" x=${box.x} y=${box.y - 6}>${this.valueText(box.value, box.share, f)}${box.clipped ? ' ›' : ''}</text>
        </g>
      </svg>`;
  }

  private valueText(value: number, share: number | null, f: Formats): string {
    const v = this.measure === 'revenue' ? f.money(value) : f.integer(value);
    return share === null ? v : `${v} (${f.percent(share)})`;
  }

  private renderStep(s: LadderStep, layout: LadderLayout, tabbable: boolean, hatchId: string, l: LadderResult, f: Formats) {
    // The fill goes through a custom property, so the forced-colors rule in the stylesheet can
    // still win; the hatching is a presentation attribute on its own rect (no CSS fill on it).
    const x = s.zero ? layout.centre - 1 : s.x;
    const w = s.zero ? 2 : s.w;
    const ringW = Math.max(w, s.reachedW ?? 0);
    return svg`<g
      class="place"
      part="step"
      role="button"
      data-place=${s.rung}
      data-available=${s.available ? 'true' : 'false'}
      tabindex=${tabbable ? 0 : -1}
      aria-pressed=${this.selected === s.rung ? 'true' : 'false'}
      aria-disabled=${s.available ? nothing : 'true'}
      aria-label=${this.describe(s.rung, l, f)}
      @click=${() => this.toggle(s.rung)}
      @focus=${() => this.onFocus(s.rung)}
      @blur=${this.onBlur}
      @mouseenter=${() => (this.active = s.rung)}
      @mouseleave=${this.onLeave}
    >
      <rect class="hit" x="0" y=${s.y} width=${layout.lapsed.x - 4} height=${s.h}></rect>
      ${s.reachedW !== null && s.reachedX !== null && s.reachedW > w
        ? svg`<rect class="reached" part="reached" x=${s.reachedX} y=${s.y} width=${s.reachedW} height=${s.h}></rect>`
        : nothing}
      ${s.available
        ? nothing
        : svg`<rect class="hatched" x=${x} y=${s.y} width=${w} height=${s.h} fill=${`url(#${hatchId})`}></rect>`}
      <rect class="bar ${s.available ? '' : 'unavailable'} ${s.zero ? 'zero' : ''}" part="bar" x=${x} y=${s.y} width=${w} height=${s.h} style=${styleProps({ '--_fill': s.available ? `var(--_step-${s.rung})` : null })}></rect>
      <rect class="ring" x=${layout.centre - ringW / 2 - 3} y=${s.y - 3} width=${ringW + 6} height=${s.h + 6}></rect>
    </g>`;
  }

  /** Name and figure in the left column; "not available" also inside the hatched outline. */
  private renderStepLabels(s: LadderStep, layout: LadderLayout, f: Formats) {
    const na = this.msg.t('not-available');
    const figure = s.available ? this.valueText(s.value, s.share, f) : na;
    return svg`<text class="name" part="label" x=${layout.labelX} y=${s.cy - 3} text-anchor="end">${this.nameOf(s.rung)}</text>
      <text class="figure ${s.available ? '' : 'na'}" part="label value" data-rung=${s.rung} x=${layout.labelX} y=${s.cy + LABEL_PX} text-anchor="end">${figure}</text>
      ${s.available
        ? nothing
        : svg`<text class="na inside" part="label" x=${s.cx} y=${s.cy} text-anchor="middle" dominant-baseline="central">${na}</text>`}`;
  }

  private renderTooltip(layout: LadderLayout, l: LadderResult, f: Formats) {
    const place = this.active;
    if (!place) return nothing;
    let cx: number;
    let top: number;
    let below = false;
    if (place === 'lapsed') {
      const b = layout.lapsed;
      // Below the box, right-aligned with it, so it stays inside the element.
      cx = b.x + Math.max(b.w, 40);
      top = b.y + b.h;
      below = true;
    } else {
      const s = layout.steps.find((x) => x.rung === place);
      if (!s) return nothing;
      cx = s.cx;
      below = s.index < 2;
      top = below ? s.y + s.h : s.y;
    }
    const figures = this.figures(place, l, f);
    const [title, ...rest] = figures;
    return html`<div
      class="tooltip ${below ? 'below' : ''} ${place === 'lapsed' ? 'end' : ''}"
      part="tooltip"
      aria-hidden="true"
      style=${styleProps({ left: `${(cx / WIDTH) * 100}%`, top: `${(top / HEIGHT) * 100}%` })}
    >
      <strong>${title?.[1]}</strong>
      ${rest.map(([k, v]) => (k ? html`${this.msg.t('pair', { label: k, value: v })}<br />` : html`<span class="note">${v}</span>`))}
    </div>`;
  }

  private renderTable(l: LadderResult, f: Formats) {
    const t = this.msg;
    const layout = this.layout!;
    const pct = (x: number | null) => (x === null ? '–' : f.percent(x));
    const na = t.t('not-available');
    const contacts = f.integer(l.contacts);
    const heads = [
      'col.rung',
      'col.customers',
      'col.reached',
      'col.conversion',
      'col.drop-off',
      'col.revenue',
      'col.average-value',
      'col.median-days',
      'col.note',
    ] as const;
    return html`<details>
      <summary part="table-toggle">${t.from(commonMessages, 'action.show-table')}</summary>
      <table part="table">
        <caption part="table-caption">
          ${l.asOf ? t.t('table.caption.as-of', { date: f.date(l.asOf), contacts }) : t.t('table.caption', { contacts })}
        </caption>
        <thead>
          <tr>
            ${heads.map((k) => html`<th scope="col" part="table-header">${t.t(k)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${layout.steps.map((s) => {
            const r = s.row;
            const note = this.noteOf(l, s.rung);
            return html`<tr part="table-row" data-place=${s.rung} aria-selected=${this.selected === s.rung ? 'true' : nothing}>
              <th scope="row" part="table-row-header">${this.nameOf(s.rung)}</th>
              <td part="table-cell">${r.available ? f.integer(r.customers) : na}</td>
              <td part="table-cell">${r.available ? f.integer(r.reached) : na}</td>
              <td part="table-cell">${r.available ? pct(r.conversionToNext) : '–'}</td>
              <td part="table-cell">${r.available ? pct(r.dropOff) : '–'}</td>
              <td part="table-cell">${r.available ? f.money(r.revenue) : na}</td>
              <td part="table-cell">${r.available && r.averageValue !== null ? f.money(r.averageValue) : '–'}</td>
              <td part="table-cell">${r.available && r.medianDaysToNext !== null ? f.decimal(r.medianDaysToNext) : '–'}</td>
              <td part="table-cell" class="note">${note ?? (r.available ? '' : t.t('rung-unknown'))}</td>
            </tr>`;
          })}
          <tr part="table-row" data-place="lapsed" aria-selected=${this.selected === 'lapsed' ? 'true' : nothing}>
            <th scope="row" part="table-row-header">${this.nameOf('lapsed')}</th>
            <td part="table-cell">${f.integer(l.lapsed.customers)}</td>
            <td part="table-cell">–</td>
            <td part="table-cell">–</td>
            <td part="table-cell">–</td>
            <td part="table-cell">${f.money(l.lapsed.revenue)}</td>
            <td part="table-cell">${l.lapsed.customers > 0 ? f.money(l.lapsed.revenue / l.lapsed.customers) : '–'}</td>
            <td part="table-cell">–</td>
            <td part="table-cell" class="note">${this.lapsedNote(l, f)}</td>
          </tr>
        </tbody>
      </table>
    </details>`;
  }

  private onFocus(place: LadderPlace) {
    this.active = place;
    this.focusPlace = place;
  }

  private onBlur = () => {
    this.active = null;
  };

  /** Leaving with the mouse keeps the tooltip of a focused place. */
  private onLeave = () => {
    const focused = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | SVGElement | null;
    this.active = (focused?.dataset?.place as LadderPlace | undefined) ?? null;
  };

  /**
   * Selects a place, or clears the selection when it is already selected. A rung the data
   * cannot tell stays focusable (its figures are read out) but cannot be chosen: it lists no one.
   */
  private toggle(place: LadderPlace) {
    this.focusPlace = place;
    const row = this.ladder?.rungs.find((r) => r.rung === place);
    if (row && !row.available && this.selected !== place) return;
    this.setSelected(this.selected === place ? null : place);
  }

  private setSelected(place: LadderPlace | null) {
    this.selected = place;
    // Detail `{ rung: LadderPlace | null }`; the event's type is declared in events.ts.
    this.emit('rapport-rung-select', { rung: place });
  }

  private onKey = (e: KeyboardEvent) => {
    const el = (e.target as Element).closest?.('.place') as SVGGElement | null;
    if (!el) return;
    const place = el.dataset.place as LadderPlace;
    const order = LADDER_PLACES;
    const i = order.indexOf(place);
    let next = -1;
    switch (e.key) {
      case 'Enter':
      case ' ':
        e.preventDefault();
        this.toggle(place);
        return;
      case 'Escape':
        if (this.selected !== null) {
          e.preventDefault();
          this.setSelected(null);
        }
        return;
      default:
        next = moveInList(e.key, i, order.length);
        if (next < 0) return;
    }
    e.preventDefault();
    const target = order[next];
    if (!target) return;
    this.focusPlace = target;
    void this.updateComplete.then(() => {
      (this.renderRoot.querySelector(`.place[data-place="${target}"]`) as SVGGElement | null)?.focus();
    });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-ladder': RapportLadder;
  }
}
