import { html, svg, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { chartHeaderStyles, tableEquivalentStyles, toggleStyles } from '../base/chart-styles.js';
import { formats, type Formats } from '../format.js';
import { Localized } from '../base/i18n.js';
import { commonMessages } from '../base/common-messages.js';
import { fixed, signed } from '../base/signed-format.js';
import { noticesOrTexts } from '../base/notices/index.js';
import { RapportDataConsumer, fillCurrency } from '../base/data-consumer.js';
import { messages } from './messages.js';
import { segmentLabel, rungLabel } from '../base/common-messages.js';
import { clvHoldoutLayout, type ClvHoldoutLayout, type HoldoutBand } from '../../charts/clv-holdout-layout.js';
import { clvGroupBars, type ClvGroupBar } from '../../charts/clv-groups-layout.js';
import type { ClvHoldoutComparison, ClvModel } from '../../data/clv-model.js';
import { fitConverged } from '../../analytics/clv/fit-converged.js';
import type { FitConvergence } from '../../analytics/clv/optimize.js';
import { PROBABLY_LOST_BELOW, type ClvGroupRow, type ClvGroups } from '../../analytics/clv/clv-groups.js';
import type { SelectedResult } from '../../analytics/selection.js';
import { LADDER_PLACES, type LadderPlace } from '../../analytics/ladder.js';

/** The chart's viewBox: the plot area and the margins holding the axes' text. */
const WIDTH = 640;
const HEIGHT = 300;
/** The y axis title sits above the plot, level, so a long title in any language fits. */
const MARGIN = { top: 30, right: 12, bottom: 62, left: 44 } as const;
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
/** Half the size of a bar's top marker (circle radius, diamond half-diagonal). */
const MARKER = 5.5;
/** The two ways of grouping the value: by segment of the scoring, by place on the ladder. */
type GroupBy = 'segment' | 'rung';

let nextId = 0;

type Convergence = 'converged' | 'not-converged' | 'boundary' | 'unidentifiable';

/**
 * The provider state this element reads: `clv`, the fitted model, once `<rapport-data>`
 * publishes it (absent from providers that do not fit the model).
 */

/**
 * @summary Predicted customer value: the BG/NBD purchase model and the Gamma-Gamma spend model
 * fitted to the customers, with headline figures (customers, expected purchases over the
 * horizon, total and mean lifetime value, the share of customers probably lost), the fitted
 * parameters with the log-likelihood and convergence in plain words, the frequency–spend
 * independence check, the model's notes, and the check that lets a reader trust it: for each
 * number of repeat purchases before a calibration date, the mean purchases the model predicted
 * after it beside the mean customers actually made, with the totals and a table equivalent. The
 * check is the model's own holdout when it was fitted up to a calibration date, or its `check`
 * (a second model fitted with the last months held out) when it was fitted on every purchase.
 *
 * Given `groups` (`Dataset.clvGroups()`), it also shows where the value sits: a table of the
 * segments or of the places on the ladder (a toggle switches) with a bar of each group's total
 * predicted value, its share, the mean per customer, the mean P(alive) and how many are probably
 * lost. Given `selectedGroups` too (`Dataset.clvGroups({ selected: true })` while customers are
 * selected), the headline figures and the table are the selection's, each figure with everyone's
 * beside it, and each bar shows the selected part of its group's value.
 *
 * Predicted bars are hatched and topped with a diamond, actual bars solid and topped with a
 * circle, so colour is never the only difference. The chart is one tab stop: the arrow keys
 * move between groups (Home / End to the first and last), each group's figures being its
 * accessible name. Works from plain data (`model`, e.g. `Dataset.clvModel()` or `fitClvModel`)
 * or inside a `<rapport-data>` that publishes `clv` (and `clvGroupsEveryone`, `clvGroups`).
 *
 * Words, numbers and dates follow the `lang` in force (the element's, an ancestor's or the
 * page's: en, pt, es, fr, ms), or `locale` for numbers when set.
 * @csspart card - The element's box.
 * @csspart title - The element's title.
 * @csspart figures - The headline figures.
 * @csspart figure - Each headline figure.
 * @csspart value - The number of each headline figure.
 * @csspart everyone - Everyone's figure under the selection's, while customers are selected.
 * @csspart selection-note - The sentence saying the figures are the selected customers'.
 * @csspart groups - The value-by-group section.
 * @csspart group-by - The toggle between segments and places on the ladder.
 * @csspart group-by-option - Each of its two buttons (also `group-by-option-pressed` for the one shown).
 * @csspart groups-intro - The sentence saying what the bars measure.
 * @csspart groups-table - The value-by-group table.
 * @csspart groups-caption - Its caption.
 * @csspart groups-header - Each of its column headers.
 * @csspart groups-row - Each of its body rows (and the totals row).
 * @csspart groups-row-header - The group's name heading each row.
 * @csspart groups-cell - Each figure cell.
 * @csspart value-bar - The bar of a group's total value (an SVG).
 * @csspart value-bar-everyone - Everyone's bar of the group.
 * @csspart value-bar-selected - The selected customers' part of it.
 * @csspart holdout - The calibration-vs-holdout section.
 * @csspart section-title - The title of each section (the check, the fitted model, the notes).
 * @csspart intro - The sentence saying what the check compares.
 * @csspart no-holdout - What is shown instead of the check when the model has no holdout.
 * @csspart legend - The chart's legend.
 * @csspart legend-item - Each entry of the legend.
 * @csspart legend-swatch - The sample bar and marker of a legend entry.
 * @csspart chart - The box holding the SVG.
 * @csspart plot - The SVG.
 * @csspart axis - The axes' groups.
 * @csspart axis-label - Each tick value and group name.
 * @csspart axis-title - The two axis titles.
 * @csspart gridline - Each horizontal grid line.
 * @csspart group - Each group of bars (focusable).
 * @csspart bar - Each bar (also `bar-predicted` or `bar-actual`).
 * @csspart marker - The marker on each bar's top (also `marker-predicted` or `marker-actual`).
 * @csspart focus-ring - The ring around the hovered or focused group.
 * @csspart readout - The line under the chart giving the hovered or focused group's figures.
 * @csspart totals - The sentence with all customers' predicted and actual purchases.
 * @csspart table-toggle - The "Show as table" disclosure's summary.
 * @csspart table - The table equivalent.
 * @csspart table-caption - The table's caption.
 * @csspart table-header - Each column header.
 * @csspart table-row - Each body row (and the totals row).
 * @csspart table-row-header - The heading of each row.
 * @csspart table-cell - Each figure cell.
 * @csspart model - The fitted-model section.
 * @csspart fit - Each model's box (purchase model, spend model).
 * @csspart fit-title - Each model's name.
 * @csspart params - Each model's list of parameters.
 * @csspart param - Each parameter.
 * @csspart fit-detail - The log-likelihood, customers fitted, convergence and independence lines.
 * @csspart notices - The list of the model's notes.
 * @csspart notice - Each note.
 * @csspart empty - The message shown without a model.
 * @cssprop --rapport-clv-predicted-color - Predicted bars' outline, hatching and diamond (default: the second segment colour).
 * @cssprop --rapport-clv-predicted-fill - Predicted bars' fill under the hatching (default: the predicted colour mixed into the surface).
 * @cssprop --rapport-clv-actual-color - Actual bars and their circle (default: primary).
 * @cssprop --rapport-clv-axis-color - Tick values, group names and axis titles (default: `--rapport-chart-axis-color`).
 * @cssprop --rapport-clv-gridline-color - The horizontal grid lines (default: `--rapport-chart-gridline-color`).
 * @cssprop --rapport-clv-value-color - The value-by-group bars, and the selected part of them while customers are selected (default: primary).
 * @cssprop --rapport-clv-value-everyone-fill - Everyone's bar behind the selected part (default: the value colour mixed into the surface).
 * @cssprop --rapport-clv-warning-color - The words of a failed check or fit (default: `--rapport-color-warning`).
 * @cssprop --rapport-chart-mark-outline-color - The line around each marker (default: surface).
 * @cssprop --rapport-color-focus-ring - Ring around the hovered or focused group (default: primary).
 */
@customElement('rapport-clv')
export class RapportClv extends RapportElement {
  static override styles = [
    themeTokens,
    chartHeaderStyles,
    tableEquivalentStyles,
    toggleStyles,
    css`
      :host {
        display: block;
        --_predicted: var(--rapport-clv-predicted-color, var(--_segment-2));
        --_predicted-fill: var(--rapport-clv-predicted-fill, color-mix(in srgb, var(--_predicted) 14%, var(--_surface)));
        --_actual: var(--rapport-clv-actual-color, var(--_primary));
        --_axis-ink: var(--rapport-clv-axis-color, var(--_axis));
        --_grid: var(--rapport-clv-gridline-color, var(--_gridline));
        --_warn: var(--rapport-clv-warning-color, var(--_warning));
        --_value: var(--rapport-clv-value-color, var(--_primary));
        --_value-everyone: var(--rapport-clv-value-everyone-fill, color-mix(in srgb, var(--_value) 24%, var(--_surface)));
      }
      .card {
        display: block;
      }
      .figures,
      .params {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gap-small) calc(var(--_gap) * 1.5);
        margin: 0.2em 0 0.6em;
      }
      .figure,
      .param {
        display: flex;
        flex-direction: column-reverse;
        margin: 0;
      }
      .figure {
        flex-direction: column;
      }
      .figure dt {
        order: 1;
      }
      .figure dd.everyone {
        order: 2;
        font-size: var(--_font-size-small);
        font-weight: normal;
        color: var(--_muted);
      }
      .selection-note {
        margin: 0.2em 0;
        font-size: 0.9em;
      }
      .group-by {
        margin: 0.2em 0 0.4em;
      }
      .groups-table td.bar-cell {
        min-width: 12em;
        white-space: nowrap;
      }
      /* The bar at the cell's start, the number at its end: every bar starts at the same place. */
      .bar-line {
        display: grid;
        grid-template-columns: 7em auto;
        align-items: center;
        column-gap: 0.6em;
      }
      .bar-line .num {
        text-align: end;
      }
      svg.value-bar {
        display: block;
        width: 100%;
        height: 0.9em;
        overflow: visible;
      }
      .value-bar .everyone {
        fill: var(--_value);
      }
      .value-bar.selecting .everyone {
        fill: var(--_value-everyone);
        stroke: var(--_value);
        stroke-width: 1;
      }
      .value-bar .selected {
        fill: var(--_value);
      }
      .value-bar .track {
        stroke: var(--_grid);
        stroke-width: 1;
      }
      .figure dt,
      .param dt {
        color: var(--_muted);
        font-size: var(--_font-size-small);
      }
      .figure dd,
      .param dd {
        margin: 0;
        font-weight: var(--_weight-strong);
        font-variant-numeric: var(--_numeric);
      }
      .figure dd {
        font-size: var(--_font-size-large);
      }
      .param .symbol {
        font-style: italic;
        color: var(--_text);
        font-weight: var(--_weight-strong);
      }
      section {
        margin-top: var(--_gap);
      }
      .section-title {
        font-weight: 600;
        margin: 0 0 0.3em;
      }
      .intro,
      .no-holdout,
      .readout,
      .totals,
      .fit-detail {
        margin: 0.2em 0;
      }
      .intro,
      .no-holdout {
        color: var(--_muted);
        font-size: 0.9em;
      }
      .chart {
        overflow-x: auto;
        position: relative;
      }
      svg.plot {
        display: block;
        width: 100%;
        max-width: ${WIDTH}px;
        min-width: ${WIDTH * 0.7}px;
        height: auto;
        font-family: var(--_font);
        font-variant-numeric: var(--_numeric);
      }
      .axis text {
        font-size: 12px;
        fill: var(--_axis-ink);
      }
      .axis .axis-title {
        font-weight: 600;
      }
      .axis .size {
        font-size: 10.5px;
      }
      .axis line.domain {
        stroke: var(--_axis-ink);
      }
      .gridline {
        stroke: var(--_grid);
      }
      .group {
        cursor: default;
      }
      /* The focus ring below marks the focused group; the outline would box its whole column. */
      .group:focus-visible {
        outline: none;
      }
      .group .hit {
        fill: transparent;
      }
      .bar,
      .marker {
        transition: opacity 160ms ease-out;
      }
      .bar.predicted {
        fill: var(--_predicted-fill);
        stroke: var(--_predicted);
        stroke-width: 1.5;
      }
      .bar-hatch {
        pointer-events: none;
      }
      .hatch line {
        stroke: var(--_predicted);
        stroke-width: 1.5;
      }
      .bar.actual {
        fill: var(--_actual);
        stroke: var(--_actual);
        stroke-width: 1.5;
      }
      .marker {
        stroke: var(--_mark-outline);
        stroke-width: 1.5;
      }
      .marker.predicted {
        fill: var(--_predicted);
      }
      .marker.actual {
        fill: var(--_actual);
      }
      /* Another group hovered or focused: this one steps back, so the one read stands out. */
      .plot.reading .group:not(.shown) .bar,
      .plot.reading .group:not(.shown) .marker {
        opacity: 0.55;
      }
      .focus-ring {
        fill: none;
        pointer-events: none;
      }
      .focus-ring .halo {
        stroke: var(--_surface);
        stroke-width: 5;
      }
      .focus-ring .ring {
        stroke: var(--_focus-ring);
        stroke-width: 2.5;
      }
      .readout {
        min-height: 1.4em;
        font-size: var(--_font-size-small);
      }
      .legend {
        align-items: center;
        margin-top: 0.4em;
      }
      .swatch {
        display: inline-block;
        width: 1.6em;
        height: 1.1em;
        vertical-align: middle;
      }
      .swatch svg {
        display: block;
        width: 100%;
        height: 100%;
        overflow: visible;
      }
      .warn {
        color: var(--_warn);
      }
      .model {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gap);
      }
      .fit {
        flex: 1 1 16em;
        border: 1px solid var(--_border);
        border-radius: var(--_radius-small);
        padding: 0.5em 0.8em;
      }
      .fit-title {
        font-weight: 600;
        margin: 0 0 0.2em;
      }
      .fit-detail {
        font-size: 0.9em;
      }
      .model + .fit-detail {
        margin-top: 0.5em;
        color: var(--_muted);
      }
      .notices {
        margin: 0.2em 0 0;
        padding-inline-start: 1.2em;
      }
      .notices li + li {
        margin-top: 0.2em;
      }
      .table-wrap {
        overflow-x: auto;
        position: relative;
      }
      th[scope='row'],
      thead th:first-child {
        text-align: start;
      }
      tfoot th,
      tfoot td {
        font-weight: 600;
      }
      .empty {
        color: var(--_muted);
        margin: 0;
      }
      @media (prefers-reduced-motion: reduce) {
        .bar,
        .marker {
          transition: none;
        }
      }
      @media (forced-colors: active) {
        .bar.predicted,
        .bar.actual,
        .marker {
          forced-color-adjust: none;
          stroke: CanvasText;
        }
        .bar.predicted {
          fill: Canvas;
        }
        .bar.actual,
        .marker.actual {
          fill: CanvasText;
        }
        .marker.predicted {
          fill: Canvas;
        }
        .hatch line {
          stroke: CanvasText;
        }
        .focus-ring .ring {
          stroke: Highlight;
        }
        .focus-ring .halo {
          stroke: Canvas;
        }
        .value-bar .everyone,
        .value-bar .selected {
          forced-color-adjust: none;
          fill: CanvasText;
        }
        /* Everyone's bar behind the selected part: an outline, so the two stay apart. */
        .value-bar.selecting .everyone {
          fill: Canvas;
          stroke: CanvasText;
        }
      }
    `,
  ];

  /** The fitted model (`Dataset.clvModel()`, `fitClvModel`); null shows the empty state. Inside a `<rapport-data>` that publishes `clv`, the provider's. */
  @property({ attribute: false }) model: ClvModel | null = null;
  /** Everyone's value by segment and by rung (`Dataset.clvGroups()`); null leaves the value-by-group table out. Inside a `<rapport-data>`, the provider's `clvGroupsEveryone`. */
  @property({ attribute: false }) groups: ClvGroups | null = null;
  /**
   * The selected customers' value by segment and by rung (`Dataset.clvGroups({ selected: true })`)
   * while customers are selected; null (or a result with no selection) when nobody in particular
   * is. Inside a `<rapport-data>`, the provider's `clvGroups`.
   */
  @property({ attribute: false }) selectedGroups: (ClvGroups & Partial<SelectedResult>) | null = null;
  /** The grouping the value-by-group table shows: `segment` or `rung` (place on the ladder); the other when this one is missing. */
  @property({ attribute: 'group-by', reflect: true }) groupBy: GroupBy = 'segment';
  /** Locale of numbers and dates (default: the language in force, from `lang`). */
  @property() locale?: string;
  /** ISO 4217 code for money figures; plain numbers when unset. */
  @property() currency?: string;

  /** The group holding the roving tabindex. */
  @state() private active = 0;
  /** The group whose figures the readout shows (hovered, else focused). */
  @state() private hovered: number | null = null;
  @state() private focused: number | null = null;

  private layout: ClvHoldoutLayout | null = null;
  private readonly uid = `rapport-clv-${nextId++}`;
  private msg = new Localized(this, messages);
  /** Inside a `<rapport-data>` that publishes `clv`: its model and value by group. Outside one, nothing. */
  private fromProvider = new RapportDataConsumer(this, (s) => {
    this.model = s.clv;
    this.groups = s.clvGroupsEveryone ?? null;
    this.selectedGroups = s.clvGroups?.selection ? s.clvGroups : null;
    fillCurrency(this, s);
  });

  private get f(): Formats {
    return formats(this.locale ?? this.msg.tag, this.currency);
  }

  private get loc(): string | undefined {
    return this.locale ?? this.msg.tag;
  }

  /** The check shown: the model's own holdout (fitted up to a calibration date), else its check's. */
  private get holdout(): ClvHoldoutComparison | null {
    return this.model?.holdout ?? this.model?.check?.holdout ?? null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('model')) {
      const h = this.holdout;
      this.layout = h && h.groups.length ? clvHoldoutLayout(h.groups, { width: PLOT_W, height: PLOT_H }) : null;
      const n = this.layout?.bands.length ?? 0;
      this.active = Math.min(this.active, Math.max(0, n - 1));
      if (this.hovered !== null && this.hovered >= n) this.hovered = null;
      if (this.focused !== null && this.focused >= n) this.focused = null;
    }
  }

  override render() {
    const t = this.msg;
    const m = this.model;
    if (!m) return html`<p class="empty" part="empty">${t.t('empty')}</p>`;
    const f = this.f;
    return html`<div class="card" part="card">
      <div class="head"><span class="title" part="title" id="${this.uid}-title">${t.t('title')}</span></div>
      ${this.renderFigures(m, f)} ${this.renderGroups(m, f)} ${this.renderHoldout(m, f)} ${this.renderModel(m, f)} ${this.renderNotices(m)}
    </div>`;
  }

  /** The selected customers' totals while a selection is in force, else null. */
  private get selectedTotal(): ClvGroupRow | null {
    return this.selectedGroups?.selection ? this.selectedGroups.total : null;
  }

  private renderFigures(m: ClvModel, f: Formats) {
    const t = this.msg;
    const all = this.groups?.total ?? totalOfPredictions(m);
    const selected = this.selectedTotal;
    const dash = '–';
    const expected = (r: ClvGroupRow) => (r.predicted && Number.isFinite(r.totalExpectedPurchases) ? f.integer(r.totalExpectedPurchases) : dash);
    const total = (r: ClvGroupRow) => (r.valued && r.totalClv !== null ? f.money(r.totalClv) : dash);
    const mean = (r: ClvGroupRow) => (r.valued && r.meanClv !== null ? f.money(r.meanClv) : dash);
    const lost = (r: ClvGroupRow) => (r.predicted ? f.percent(r.probablyLost / r.predicted) : dash);
    const figure = (label: string, value: (r: ClvGroupRow) => string) =>
      html`<div class="figure" part="figure">
        <dt>${label}</dt>
        <dd part="value">${value(selected ?? all)}</dd>
        ${selected ? html`<dd class="everyone" part="everyone">${t.t('figure.everyone', { value: value(all) })}</dd>` : nothing}
      </div>`;
    return html`${selected
        ? html`<p class="selection-note" part="selection-note">
            ${t.t('figure.selected', { n: selected.predicted, count: f.integer(selected.predicted), total: f.integer(all.predicted) })}
          </p>`
        : nothing}
      <dl class="figures" part="figures">
        ${figure(t.t(selected ? 'figure.customers-selected' : 'figure.customers'), (r) => f.integer(r.predicted))}
        ${figure(t.t(`figure.expected.${m.period}`, { n: m.horizon }), expected)} ${figure(t.t('figure.clv-total', { n: m.months }), total)}
        ${figure(t.t('figure.clv-mean'), mean)} ${figure(t.t('figure.probably-lost', { threshold: f.percent(PROBABLY_LOST_BELOW) }), lost)}
      </dl>`;
  }

  /** The value-by-group table: the grouping asked for when the data has it, else the other; nothing without either. */
  private renderGroups(m: ClvModel, f: Formats) {
    const t = this.msg;
    const selecting = this.selectedTotal !== null;
    const everyone = this.groups ?? (selecting ? null : this.selectedGroups);
    const source = everyone ?? this.selectedGroups;
    if (!source) return nothing;
    const available = (['segment', 'rung'] as const).filter((b) => (b === 'segment' ? source.bySegment : source.byRung));
    if (!available.length) return nothing;
    const by: GroupBy = available.includes(this.groupBy) ? this.groupBy : available[0]!;
    const rowsOf = (g: ClvGroups | null) => (g ? (by === 'segment' ? g.bySegment : g.byRung) : null);
    const selectedRows = selecting ? rowsOf(this.selectedGroups) : null;
    const bars = everyone ? clvGroupBars(rowsOf(everyone) ?? [], selectedRows) : clvGroupBars(selectedRows ?? []);
    const shownTotal = (selecting ? this.selectedTotal : everyone?.total) ?? null;
    const caption = t.t(selecting ? `groups.caption.${by}.selected` : `groups.caption.${by}`, { n: m.months });
    return html`<section class="groups" part="groups" aria-labelledby="${this.uid}-groups">
      <p class="section-title" part="section-title" id="${this.uid}-groups">${t.t('groups.title')}</p>
      ${available.length > 1
        ? html`<div class="toggle group-by" part="group-by" role="group" aria-label=${t.t('groups.by')}>
            ${available.map(
              (b) => html`<button
                type="button"
                part="group-by-option ${b === by ? 'group-by-option-pressed' : ''}"
                aria-pressed=${b === by ? 'true' : 'false'}
                @click=${() => (this.groupBy = b)}
              >
                ${t.t(`groups.by.${b}`)}
              </button>`,
            )}
          </div>`
        : nothing}
      <p class="intro" part="groups-intro">${t.t(selecting && everyone ? 'groups.intro.selected' : 'groups.intro', { n: m.months })}</p>
      <div class="table-wrap" tabindex="0" role="group" aria-label=${caption}>
        <table class="groups-table" part="groups-table">
          <caption part="groups-caption" class="visually-hidden">${caption}</caption>
          <thead>
            <tr>
              <th scope="col" part="groups-header">${t.t(`gcol.group.${by}`)}</th>
              <th scope="col" part="groups-header">${t.t(selecting ? 'gcol.customers-selected' : 'gcol.customers')}</th>
              <th scope="col" part="groups-header">${t.t('gcol.total', { n: m.months })}</th>
              ${selecting && everyone ? html`<th scope="col" part="groups-header">${t.t('gcol.total-everyone')}</th>` : nothing}
              <th scope="col" part="groups-header">${t.t('gcol.share')}</th>
              <th scope="col" part="groups-header">${t.t('gcol.mean')}</th>
              <th scope="col" part="groups-header">${t.t('gcol.alive')}</th>
              <th scope="col" part="groups-header">${t.t('gcol.lost', { threshold: f.percent(PROBABLY_LOST_BELOW) })}</th>
            </tr>
          </thead>
          <tbody>
            ${bars.map((b) => this.renderGroupRow(b, by, selecting && everyone !== null, f))}
          </tbody>
          ${shownTotal
            ? html`<tfoot>
                ${this.renderGroupRow(
                  { ...clvGroupBars([shownTotal])[0]!, share: null, everyoneLength: 0, selectedLength: 0, everyone: everyone?.total ?? shownTotal },
                  null,
                  selecting && everyone !== null,
                  f,
                )}
              </tfoot>`
            : nothing}
        </table>
      </div>
    </section>`;
  }

  /** One group's row (`by` null: the totals row, no bar). */
  private renderGroupRow(b: ClvGroupBar, by: GroupBy | null, withEveryone: boolean, f: Formats) {
    const t = this.msg;
    const r = b.shown;
    const dash = '–';
    const name = by === null ? t.t(this.selectedTotal ? 'grow.all-selected' : 'grow.all') : this.groupName(by, b.group);
    const money = (x: number | null) => (x !== null && Number.isFinite(x) ? f.money(x) : dash);
    const selecting = this.selectedTotal !== null;
    return html`<tr part="groups-row">
      <th scope="row" part="groups-row-header">${name}</th>
      <td part="groups-cell">${f.integer(r.customers)}</td>
      <td part="groups-cell" class="bar-cell">
        <span class="bar-line"
          >${by === null
            ? html`<span></span>`
            : html`<svg class="value-bar ${selecting && withEveryone ? 'selecting' : ''}" part="value-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
              ${svg`<line class="track" x1="0" x2="0" y1="0" y2="10" vector-effect="non-scaling-stroke"></line>`}
              ${withEveryone || !selecting ? svg`<rect class="everyone" part="value-bar-everyone" x="0" y="0" width=${barWidth(b.everyoneLength)} height="10" vector-effect="non-scaling-stroke"></rect>` : nothing}
              ${selecting ? svg`<rect class="selected" part="value-bar-selected" x="0" y="0" width=${barWidth(withEveryone ? b.selectedLength : b.everyoneLength)} height="10"></rect>` : nothing}
            </svg>`}<span class="num">${r.valued ? money(r.totalClv) : dash}</span></span
        >
      </td>
      ${withEveryone ? html`<td part="groups-cell">${b.everyone.valued ? money(b.everyone.totalClv) : dash}</td>` : nothing}
      <td part="groups-cell">${b.share === null ? (by === null && r.valued ? f.percent(1) : dash) : f.percent(b.share)}</td>
      <td part="groups-cell">${r.valued ? money(r.meanClv) : dash}</td>
      <td part="groups-cell">${r.predicted && r.meanProbabilityAlive !== null ? f.percent(r.meanProbabilityAlive) : dash}</td>
      <td part="groups-cell">${r.predicted ? t.t('lost', { count: f.integer(r.probablyLost), share: f.percent(r.probablyLost / r.predicted) }) : dash}</td>
    </tr>`;
  }

  /** A group's name: a place on the ladder or a segment, in the language in force. */
  private groupName(by: GroupBy, group: string): string {
    const lang = this.msg.lang;
    if (by === 'rung') return (LADDER_PLACES as readonly string[]).includes(group) ? rungLabel(lang, group as LadderPlace) : group;
    return segmentLabel(lang, group);
  }

  private renderHoldout(m: ClvModel, f: Formats) {
    const t = this.msg;
    const h = this.holdout;
    const fromCheck = !m.holdout && m.check !== null;
    const params = { n: h?.durationHoldout ?? 0, date: h ? f.date(h.calibrationEnd) : '', end: h ? f.date(h.observationEnd) : '' };
    return html`<section class="holdout" part="holdout" aria-labelledby="${this.uid}-holdout">
      <p class="section-title" part="section-title" id="${this.uid}-holdout">${t.t('holdout.title')}</p>
      ${h
        ? html`<p class="intro" part="intro">
              ${fromCheck
                ? t.t(`holdout.check-intro.${m.period}`, { ...params, months: m.check!.months })
                : t.t(`holdout.intro.${m.period}`, params)}
            </p>
            ${this.layout ? this.renderChart(this.layout, h, f) : nothing} ${this.renderTotals(h, f)} ${this.layout ? this.renderTable(h, f) : nothing}`
        : html`<p class="no-holdout" part="no-holdout">${t.t(m.notices.some((n) => n.code.startsWith('clv.check-')) ? 'holdout.none.notes' : 'holdout.none')}</p>`}
    </section>`;
  }

  private renderChart(layout: ClvHoldoutLayout, h: ClvHoldoutComparison, f: Formats) {
    const t = this.msg;
    const shown = this.hovered ?? this.focused;
    const shownBand = shown === null ? null : (layout.bands[shown] ?? null);
    return html`${this.renderLegend()}
      <div class="chart" part="chart" @mouseleave=${() => (this.hovered = null)}>
        <svg
          class="plot ${shownBand ? 'reading' : ''}"
          part="plot"
          role="presentation"
          viewBox="0 0 ${WIDTH} ${HEIGHT}"
          width=${WIDTH}
          height=${HEIGHT}
        >
          <defs>
            <pattern id="${this.uid}-hatch" class="hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <line x1="0" y1="0" x2="0" y2="5"></line>
            </pattern>
          </defs>
          ${this.renderAxes(layout, f)}
          <g
            role="group"
            aria-labelledby="${this.uid}-holdout"
            aria-describedby="${this.uid}-help"
            transform="translate(${MARGIN.left} ${MARGIN.top})"
            @keydown=${this.onKeyDown}
          >
            ${layout.bands.map((b) => this.renderBand(b, layout, f))}
          </g>
          ${shownBand ? this.renderFocusRing(shownBand, layout) : nothing}
        </svg>
      </div>
      <p class="readout" part="readout" aria-hidden="true">${shownBand ? this.bandLabel(shownBand, h, f) : nothing}</p>
      <p id="${this.uid}-help" class="visually-hidden">${t.t('chart.help')}</p>`;
  }

  private renderLegend() {
    const t = this.msg;
    return html`<div class="legend" part="legend">
      <span part="legend-item"
        ><span class="swatch" part="legend-swatch" aria-hidden="true"
          ><svg viewBox="0 0 24 16">
            <rect class="bar predicted" x="4" y="5" width="16" height="11"></rect>
            <rect class="bar-hatch" x="4" y="5" width="16" height="11" fill="url(#${this.uid}-hatch)"></rect>
            <path class="marker predicted" d=${diamond(12, 5, 4.5)}></path></svg></span
        >${t.t('legend.predicted')}</span
      >
      <span part="legend-item"
        ><span class="swatch" part="legend-swatch" aria-hidden="true"
          ><svg viewBox="0 0 24 16">
            <rect class="bar actual" x="4" y="5" width="16" height="11"></rect>
            <circle class="marker actual" cx="12" cy="5" r="4"></circle></svg></span
        >${t.t('legend.actual')}</span
      >
    </div>`;
  }

  private renderAxes(layout: ClvHoldoutLayout, f: Formats) {
    const t = this.msg;
    const bottom = MARGIN.top + layout.height;
    return svg`<g class="axis" part="axis" aria-hidden="true">
      ${layout.ticks.map(
        (tick) => svg`<line class="gridline" part="gridline" x1=${MARGIN.left} x2=${MARGIN.left + layout.width} y1=${MARGIN.top + tick.y} y2=${MARGIN.top + tick.y}></line>
          <text part="axis-label" x=${MARGIN.left - 8} y=${MARGIN.top + tick.y} text-anchor="end" dominant-baseline="central">${f.decimal(tick.value)}</text>`,
      )}
      <line class="domain" x1=${MARGIN.left} x2=${MARGIN.left + layout.width} y1=${bottom} y2=${bottom}></line>
      ${layout.bands.map(
        (b) => svg`<text part="axis-label" x=${MARGIN.left + b.center} y=${bottom + 16} text-anchor="middle">${this.frequencyName(b, f)}</text>
          <text part="axis-label" class="size" x=${MARGIN.left + b.center} y=${bottom + 30} text-anchor="middle">${t.t('axis.size', { count: f.integer(b.customers) })}</text>`,
      )}
      <text class="axis-title" part="axis-title" x=${MARGIN.left + layout.width / 2} y=${HEIGHT - 8} text-anchor="middle">${t.t('axis.x')}</text>
      <text class="axis-title" part="axis-title" x="0" y="12" text-anchor="start">${t.t('axis.y')}</text>
    </g>`;
  }

  private renderBand(b: HoldoutBand, layout: ClvHoldoutLayout, f: Formats) {
    const h = this.holdout!;
    const isActive = this.active === b.index;
    const shown = (this.hovered ?? this.focused) === b.index;
    const [p, a] = b.marks;
    return svg`<g class="group ${shown ? 'shown' : ''}" part="group" role="img" tabindex=${isActive ? 0 : -1}
        aria-label=${this.bandLabel(b, h, f)} data-index=${b.index}
        @focus=${() => {
          this.focused = b.index;
          this.active = b.index;
        }}
        @blur=${() => (this.focused = null)}
        @mouseenter=${() => (this.hovered = b.index)}>
      <rect class="hit" x=${b.x} y="0" width=${b.width} height=${layout.height}></rect>
      <rect class="bar predicted" part="bar bar-predicted" x=${p.x} y=${p.y} width=${p.width} height=${p.height}></rect>
      <rect class="bar-hatch" x=${p.x} y=${p.y} width=${p.width} height=${p.height} fill="url(#${this.uid}-hatch)"></rect>
      <rect class="bar actual" part="bar bar-actual" x=${a.x} y=${a.y} width=${a.width} height=${a.height}></rect>
      ${Number.isFinite(p.value) ? svg`<path class="marker predicted" part="marker marker-predicted" d=${diamond(p.cx, p.cy, MARKER + 0.5)}></path>` : nothing}
      ${Number.isFinite(a.value) ? svg`<circle class="marker actual" part="marker marker-actual" cx=${a.cx} cy=${a.cy} r=${MARKER - 0.5}></circle>` : nothing}
    </g>`;
  }

  /** The ring around the group the readout describes (hovered, else focused). */
  private renderFocusRing(b: HoldoutBand, layout: ClvHoldoutLayout) {
    // From just above the taller bar's marker (inside the SVG) to just below the baseline.
    const top = Math.max(2 - MARGIN.top, Math.min(...b.marks.map((m) => m.y)) - MARKER - 3);
    const [x, y, w, hgt] = [MARGIN.left + b.x - 4, MARGIN.top + top, b.width + 8, layout.height - top + 4];
    return svg`<g class="focus-ring" part="focus-ring" aria-hidden="true">
      <rect class="halo" x=${x} y=${y} width=${w} height=${hgt} rx="3"></rect>
      <rect class="ring" x=${x} y=${y} width=${w} height=${hgt} rx="3"></rect>
    </g>`;
  }

  /** A group's name on the axis: its calibration repeat purchases ("7+" for the last, open group). */
  private frequencyName(b: { frequency: number; orMore: boolean }, f: Formats): string {
    return b.orMore ? this.msg.t('frequency.or-more-short', { freq: f.integer(b.frequency) }) : f.integer(b.frequency);
  }

  /** A group's figures in words: its accessible name and the readout. */
  private bandLabel(b: HoldoutBand, h: ClvHoldoutComparison, f: Formats): string {
    const t = this.msg;
    const freq = b.orMore ? t.t('frequency.or-more', { freq: f.integer(b.frequency) }) : f.integer(b.frequency);
    return t.t('group', {
      n: b.customers,
      freq,
      count: f.integer(b.customers),
      predicted: this.mean(b.predicted),
      actual: this.mean(b.actual),
      date: f.date(h.calibrationEnd),
    });
  }

  /** A mean number of purchases: two decimals, or a dash when there is none. */
  private mean(x: number): string {
    return Number.isFinite(x) ? fixed(x, this.loc, 2) : '–';
  }

  private renderTotals(h: ClvHoldoutComparison, f: Formats) {
    const t = this.msg;
    const { customers, predicted, actual } = h.totals;
    const params = { n: customers, count: f.integer(customers), predicted: f.decimal(predicted), actual: f.decimal(actual) };
    const text =
      actual > 0
        ? t.t('totals', { ...params, ratio: f.percent(predicted / actual) })
        : t.t('totals.no-actual', params);
    return html`<p class="totals" part="totals">${text}</p>`;
  }

  private renderTable(h: ClvHoldoutComparison, f: Formats) {
    const t = this.msg;
    const { totals } = h;
    const diff = (actual: number, predicted: number) => (Number.isFinite(actual - predicted) ? signed(actual - predicted, this.loc, 2) : '–');
    return html`<details>
      <summary part="table-toggle">${t.from(commonMessages, 'action.show-table')}</summary>
      <div class="table-wrap" tabindex="0" role="group" aria-label=${t.t('table.caption')}>
        <table part="table">
          <caption part="table-caption">${t.t('table.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" part="table-header">${t.t('col.frequency')}</th>
              <th scope="col" part="table-header">${t.t('col.customers')}</th>
              <th scope="col" part="table-header">${t.t('col.predicted')}</th>
              <th scope="col" part="table-header">${t.t('col.actual')}</th>
              <th scope="col" part="table-header">${t.t('col.difference')}</th>
            </tr>
          </thead>
          <tbody>
            ${h.groups.map(
              (g) => html`<tr part="table-row">
                <th scope="row" part="table-row-header">
                  ${g.orMore ? t.t('frequency.or-more', { freq: f.integer(g.frequency) }) : f.integer(g.frequency)}
                </th>
                <td part="table-cell">${f.integer(g.customers)}</td>
                <td part="table-cell">${this.mean(g.predicted)}</td>
                <td part="table-cell">${this.mean(g.actual)}</td>
                <td part="table-cell">${diff(g.actual, g.predicted)}</td>
              </tr>`,
            )}
          </tbody>
          ${totals.customers > 0
            ? html`<tfoot>
                <tr part="table-row">
                  <th scope="row" part="table-row-header">${t.t('row.all')}</th>
                  <td part="table-cell">${f.integer(totals.customers)}</td>
                  <td part="table-cell">${this.mean(totals.predicted / totals.customers)}</td>
                  <td part="table-cell">${this.mean(totals.actual / totals.customers)}</td>
                  <td part="table-cell">${diff(totals.actual / totals.customers, totals.predicted / totals.customers)}</td>
                </tr>
              </tfoot>`
            : nothing}
        </table>
      </div>
    </details>`;
  }

  private renderModel(m: ClvModel, f: Formats) {
    const t = this.msg;
    const param = (symbol: string, key: Parameters<typeof t.t>[0], value: number) =>
      html`<div class="param" part="param"><dt><span class="symbol">${symbol}</span> ${t.t(key)}</dt><dd>${this.parameter(value)}</dd></div>`;
    const bg = m.bgNbd;
    const gg = m.gammaGamma;
    const bgState = bg ? this.convergenceOf(m, 'bgnbd') : null;
    const ggState = gg ? this.convergenceOf(m, 'gamma-gamma') : null;
    return html`<section aria-labelledby="${this.uid}-model">
      <p class="section-title" part="section-title" id="${this.uid}-model">${t.t('model.title')}</p>
      <div class="model" part="model">
        <div class="fit" part="fit" role="group" aria-labelledby="${this.uid}-bgnbd">
          <p class="fit-title" part="fit-title" id="${this.uid}-bgnbd">${t.t('model.bgnbd')}</p>
          ${bg
            ? html`<dl class="params" part="params">
                  ${param('r', 'param.r', bg.params.r)} ${param('α', 'param.alpha', bg.params.alpha)} ${param('a', 'param.a', bg.params.a)}
                  ${param('b', 'param.b', bg.params.b)}
                </dl>
                <p class="fit-detail" part="fit-detail">
                  ${t.t('model.fitted', { n: bg.customers, count: f.integer(bg.customers), loglik: signed(bg.logLikelihood, this.loc, 2) })}
                </p>
                ${this.renderConvergence(bgState!, bg.convergence)}`
            : html`<p class="fit-detail" part="fit-detail">${t.t('model.not-fitted')}</p>`}
        </div>
        <div class="fit" part="fit" role="group" aria-labelledby="${this.uid}-gg">
          <p class="fit-title" part="fit-title" id="${this.uid}-gg">${t.t('model.gamma-gamma')}</p>
          ${gg
            ? html`<dl class="params" part="params">
                  ${param('p', 'param.p', gg.params.p)} ${param('q', 'param.q', gg.params.q)} ${param('v', 'param.v', gg.params.v)}
                </dl>
                <p class="fit-detail" part="fit-detail">
                  ${t.t('model.fitted-repeat', { n: gg.customers, count: f.integer(gg.customers), loglik: signed(gg.logLikelihood, this.loc, 2) })}
                </p>
                ${this.renderConvergence(ggState!, gg.convergence)}`
            : html`<p class="fit-detail" part="fit-detail">${t.t('model.not-fitted')}</p>`}
          ${this.renderIndependence(m, f)}
        </div>
      </div>
      <p class="fit-detail" part="fit-detail">
        ${t.t(`model.horizon.${m.period}`, { n: m.horizon, date: m.summaryEnd ? f.date(m.summaryEnd) : '–' })}
        ${t.t('model.value', { n: m.months, rate: f.percent(m.discountRate) })}
      </p>
    </section>`;
  }

  /** How a fit went: the data layer's notice decides a failure, the optimiser's report the rest. */
  private convergenceOf(m: ClvModel, which: 'bgnbd' | 'gamma-gamma'): Convergence {
    const fit = which === 'bgnbd' ? m.bgNbd! : m.gammaGamma!;
    if (which === 'bgnbd' && m.bgNbd && !m.bgNbd.identifiable) return 'unidentifiable';
    const c = fit.convergence;
    if (c.atBoundary) return 'boundary';
    return fitConverged(c) ? 'converged' : 'not-converged';
  }

  private renderConvergence(state: Convergence, c: FitConvergence) {
    const t = this.msg;
    const text =
      state === 'converged'
        ? t.t('conv.converged', { n: c.starts, agreeing: c.startsAgreeing })
        : state === 'not-converged'
          ? t.t('conv.not-converged', { gradient: c.gradientNorm.toExponential(1) })
          : t.t(`conv.${state}`);
    return html`<p class="fit-detail ${state === 'converged' ? '' : 'warn'}" part="fit-detail">${text}</p>`;
  }

  private renderIndependence(m: ClvModel, f: Formats) {
    const t = this.msg;
    const c = m.independence;
    const text = !c
      ? t.t('independence.none')
      : Number.isNaN(c.r)
        ? t.t('independence.unknown')
        : t.t(c.dependent ? 'independence.fails' : 'independence.holds', {
            n: c.n,
            count: f.integer(c.n),
            r: signed(c.r, this.loc, 2),
            threshold: f.decimal(c.threshold),
          });
    return html`<p class="fit-detail ${c && c.dependent ? 'warn' : ''}" part="fit-detail">${text}</p>`;
  }

  private renderNotices(m: ClvModel) {
    const t = this.msg;
    const texts = noticesOrTexts(m.notices, m.warnings, t.lang, this.loc);
    if (!texts.length) return nothing;
    return html`<section aria-labelledby="${this.uid}-notes">
      <p class="section-title" part="section-title" id="${this.uid}-notes">${t.t('notes.title')}</p>
      <ul class="notices" part="notices">
        ${texts.map((text) => html`<li part="notice">${text}</li>`)}
      </ul>
    </section>`;
  }

  /** A fitted parameter: three decimals, or four significant digits when smaller than 0.01. */
  private parameter(x: number): string {
    if (!Number.isFinite(x)) return '–';
    const digits = Math.abs(x) >= 0.01 || x === 0 ? 3 : Math.min(12, 3 - Math.floor(Math.log10(Math.abs(x))));
    return fixed(x, this.loc, digits);
  }

  private onKeyDown = (e: KeyboardEvent) => {
    const el = (e.target as Element).closest?.('.group') as SVGGElement | null;
    const n = this.layout?.bands.length ?? 0;
    if (!el || !n) return;
    const at = Number(el.dataset.index);
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? Math.min(n - 1, at + 1)
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? Math.max(0, at - 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    this.active = next;
    // After the update that moves the tab stop, so the focus handler's own update comes after it.
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<SVGGElement>(`.group[data-index="${next}"]`)?.focus());
  };
}

/** A bar's width in the value bar's 0..100 viewBox; a value too small to see still shows a sliver. */
function barWidth(length: number): number {
  return length > 0 ? Math.max(0.8, Math.round(length * 1000) / 10) : 0;
}

/** Everyone's totals from the model's own predictions (when no `groups` were given). */
function totalOfPredictions(m: ClvModel): ClvGroupRow {
  const p = m.predictions;
  const values = p.map((x) => x.clv).filter((v): v is number => v !== null && Number.isFinite(v));
  const totalClv = values.reduce((s, v) => s + v, 0);
  const totalExpectedPurchases = p.reduce((s, x) => s + x.expectedPurchases, 0);
  return {
    group: 'all',
    customers: p.length,
    predicted: p.length,
    valued: values.length,
    probablyLost: p.filter((x) => x.probabilityAlive < PROBABLY_LOST_BELOW).length,
    totalClv: values.length ? totalClv : null,
    meanClv: values.length ? totalClv / values.length : null,
    meanProbabilityAlive: p.length ? p.reduce((s, x) => s + x.probabilityAlive, 0) / p.length : null,
    totalExpectedPurchases,
    meanExpectedPurchases: p.length ? totalExpectedPurchases / p.length : null,
  };
}

/** A diamond centred on (x, y) with half-diagonal `r`. */
function diamond(x: number, y: number, r: number): string {
  return `M${x},${y - r}L${x + r},${y}L${x},${y + r}L${x - r},${y}Z`;
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-clv': RapportClv;
  }
}
