import { html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { Localized } from '../base/i18n.js';
import { segmentLabel } from '../base/common-messages.js';
import { formats } from '../format.js';
import { DEFAULT_BINS, RFM_METHODS, validateIsoDate, type RfmBreaks, type RfmMethod } from '../../analytics/rfm-options.js';
import { DEFAULT_SEGMENT_PRESET, PRESET_BINS, SEGMENT_PRESETS, SEGMENT_PRESET_NAMES, type SegmentPresetName } from '../../analytics/segment-rules.js';
import type { AnalysisSettingKey, AnalysisSettings } from '../events.js';
import { messages } from './messages.js';
import { DEFAULT_ANALYSIS_SETTINGS, SETTINGS_MAX_BINS, SETTINGS_MIN_BINS } from './settings-defaults.js';
import '../events.js';

type MessageKey = keyof (typeof messages)['en'];

/** Every setting, in the order `changed` lists them. */
const SETTING_KEYS: readonly AnalysisSettingKey[] = ['analysisDate', 'bins', 'method', 'preset', 'inactiveAfter', 'valueStandard'];

/** The settings typed rather than chosen: their text is checked, and applied after a pause in typing. */
type TypedField = 'analysisDate' | 'bins' | 'inactiveAfter' | 'valueStandard';
const TYPED_FIELDS: readonly TypedField[] = ['analysisDate', 'bins', 'inactiveAfter', 'valueStandard'];
const FIELD_IDS: Readonly<Record<TypedField, string>> = {
  analysisDate: 'analysis-date',
  bins: 'bins',
  inactiveAfter: 'inactive-after',
  valueStandard: 'value-standard',
};

/** Typing is applied this long after the last key (or at once on `change`: Enter, leaving the field, a spinner step). */
const TYPING_PAUSE_MS = 400;

/** Why a field's text was refused; a date to show is kept as ISO so a language change re-formats it. */
interface FieldError {
  key: MessageKey;
  date?: string;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: FieldError };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}/;

/** The calendar day of an ISO date or timestamp, or null when it is not one. */
function isoDay(value: string | null | undefined): string | null {
  const day = typeof value === 'string' && ISO_DAY.test(value) ? value.slice(0, 10) : null;
  if (day === null) return null;
  try {
    return validateIsoDate(day);
  } catch {
    return null;
  }
}

function dayAfter(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SPACES = /[\s\u00a0\u202f]/g;

/**
 * A number typed the locale's way (`1.234,5` in Portuguese, `1,234.5` in English, spaces as
 * group separators) or the plain way (`1234.5`); NaN for anything else. Group separators are
 * accepted only between groups of three digits, so `1,5` in English is refused rather than
 * read as 15.
 */
function parseLocaleNumber(text: string, locale: string | undefined): number {
  const s = text.replace(SPACES, '').replace(/^\u2212/, '-');
  if (s === '') return Number.NaN;
  let group = ',';
  let decimal = '.';
  try {
    const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
    group = (parts.find((p) => p.type === 'group')?.value ?? ',').replace(SPACES, '');
    decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  } catch {
    // An invalid locale reads numbers the plain way.
  }
  const D = escapeRegExp(decimal);
  const plain = new RegExp(`^-?\\d+(?:${D}\\d+)?$`);
  const grouped = group ? new RegExp(`^-?\\d{1,3}(?:${escapeRegExp(group)}\\d{3})+(?:${D}\\d+)?$`) : null;
  if (plain.test(s) || grouped?.test(s)) {
    const digits = group ? s.split(group).join('') : s;
    return Number(digits.replace(decimal, '.'));
  }
  return /^-?\d+(?:\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/**
 * @summary Analysis settings the reader can change in the page: the analysis date, the scores
 * per measure, the scoring method, the segment rule preset, the inactivity window and the value
 * standard. A compact disclosure ("Analysis settings", with the current choice summed up in its
 * line) that sits above a dashboard; it computes nothing itself. Each field is checked as the
 * reader types: a refused value is explained beside its field (`aria-invalid`,
 * `aria-describedby`) and never sent. Its words follow the `lang` in force (en, pt, es, fr, ms);
 * dates use the browser's date picker, numbers the locale (`locale`, else the language).
 *
 * What depends on which setting, so that the owner re-runs only that (`changed` in the event):
 * - `analysisDate`: everything: scores, segments, customer types, the value curve, segment
 *   migration and the ladder (they are all "as of" that day).
 * - `bins`, `method`: scoring and what follows it: scores, segments, segment migration and the
 *   customer list's scores; not the customer types, the value curve or the ladder.
 * - `preset`: re-segmenting the scores already computed (segments, segment migration) only.
 *   `settings.preset` null means no preset: the owner's own segment rules apply. It is null when
 *   the reader chose "Own rules" (offered with `ownRules`), and whenever bins is not 5: presets
 *   are written for 5 scores, so the preset choice is then disabled and a note says the
 *   dashboard needs segment rules of its own.
 * - `inactiveAfter`: the customer types (active / inactive) and the ladder's lapsed place.
 * - `valueStandard`: the value curve's count of customers below the standard only.
 *
 * Properties set by the owner never send the event; only the reader's changes (and Reset) do.
 * Values that are not valid (a method `fixed` without `breaks`, bins out of range, a preset
 * that does not exist) are shown and reported as their default.
 *
 * @event rapport-settings-change - The reader changed settings to valid values, or pressed Reset:
 * `{ changed, settings }`: `changed` lists only the settings that changed (`analysisDate`,
 * `bins`, `method`, `preset`, `inactiveAfter`, `valueStandard`, in that order); `settings` holds
 * every setting: `{ analysisDate: string | null, bins: number, method, preset: name | null,
 * inactiveAfter: number | null, valueStandard: number | null }`.
 * @csspart card - The outer box (the `<details>` disclosure).
 * @csspart summary - The line that opens and closes the panel (`<summary>`).
 * @csspart title - The words "Analysis settings" in it.
 * @csspart brief - The current settings summed up in that line (also `note`).
 * @csspart fields - The grid holding the fields.
 * @csspart field - Each field's box: label, control, hint and error.
 * @csspart label - Each field's label.
 * @csspart input - The date, number and value inputs.
 * @csspart select - The method and preset selects.
 * @csspart note - The hint under each field, the brief, and the "presets need 5 scores" note.
 * @csspart hint - The hint under each field (also `note`).
 * @csspart preset-note - The note shown when bins is not 5: presets do not apply (also `note`).
 * @csspart error - Why a field's value was refused (empty while it is valid).
 * @csspart button - The Reset button.
 * @cssproperty --rapport-settings-background - Background of the panel (default: `--rapport-color-surface`).
 * @cssproperty --rapport-settings-border-color - Border of the panel (default: `--rapport-color-border`).
 * @cssproperty --rapport-settings-note-color - Colour of the hints and the brief (default: `--rapport-color-text-muted`).
 * @cssproperty --rapport-settings-error-color - Colour of the error messages and of a refused field's border (default: `--rapport-color-danger`).
 */
@customElement('rapport-settings')
export class RapportSettings extends RapportElement {
  static override styles = [
    themeTokens,
    css`
      :host {
        display: block;
      }
      details {
        border: 1px solid var(--rapport-settings-border-color, var(--_border));
        border-radius: var(--_radius);
        background: var(--rapport-settings-background, var(--_surface));
        color: var(--_text);
      }
      summary {
        cursor: pointer;
        padding: 0.55em var(--_gap);
        border-radius: var(--_radius);
      }
      summary:focus-visible {
        outline: 2px solid var(--_focus-ring);
        outline-offset: 2px;
      }
      .title {
        font-weight: var(--_weight-strong);
        margin-inline-end: 0.8em;
      }
      .brief,
      .hint {
        color: var(--rapport-settings-note-color, var(--_muted));
        font-size: var(--_font-size-small);
      }
      .body {
        padding: 0 var(--_gap) var(--_gap);
      }
      .fields {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(15rem, 100%), 1fr));
        gap: var(--_gap);
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 0.25em;
        min-width: 0;
      }
      label {
        font-weight: var(--_weight-strong);
        font-size: 0.95em;
      }
      input,
      select {
        font: inherit;
        padding: 0.3em 0.45em;
        color: var(--_text);
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: var(--_radius-small);
        max-width: 100%;
      }
      input:disabled,
      select:disabled {
        color: var(--_muted);
        background: var(--_surface-alt);
        cursor: not-allowed;
      }
      [aria-invalid='true'] {
        border-color: var(--rapport-settings-error-color, var(--_danger));
        box-shadow: 0 0 0 1px var(--rapport-settings-error-color, var(--_danger));
      }
      p {
        margin: 0;
      }
      .preset-note {
        color: var(--_warning);
        background: var(--_warning-surface);
        border-radius: var(--_radius-small);
        padding: 0.3em 0.5em;
        font-size: var(--_font-size-small);
      }
      .error {
        color: var(--rapport-settings-error-color, var(--_danger));
        font-size: var(--_font-size-small);
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        margin-top: var(--_gap);
      }
    `,
  ];

  /** Analysis date (YYYY-MM-DD); empty or null: the day after the last order. */
  @property({ attribute: 'analysis-date' }) analysisDate?: string | null;
  /** Scores per measure, 2..10 (default 5). With method `fixed`, the number of cut points + 1. */
  @property({ type: Number }) bins: number = DEFAULT_BINS;
  /** Scoring method: `quantile` (default), `ntile`, or `fixed` (offered only when `breaks` are given). */
  @property() method: RfmMethod = 'quantile';
  /** The dashboard's cut points for method `fixed` (`rfmBreaks`); without them `fixed` is not offered. */
  @property({ attribute: false }) breaks?: RfmBreaks;
  /**
   * Segment rule preset: `rfm-vignette` (default) or `rf-grid`; presets apply to 5 scores only.
   * With `ownRules`, null chooses the page's own rules.
   */
  @property() preset: SegmentPresetName | null = DEFAULT_SEGMENT_PRESET;
  /**
   * The page gives segment rules of its own (the dashboard's `segment-rules` as JSON): offer them
   * as a choice beside the presets ("Own rules", `preset` null).
   */
  @property({ type: Boolean, attribute: 'own-rules' }) ownRules = false;
  /** Days without a purchase after which a customer is inactive (a whole number, 1 or more); null: derived from the data. */
  @property({ type: Number, attribute: 'inactive-after' }) inactiveAfter?: number | null;
  /** Minimum value per customer (revenue, or margin when the data has one); null: none. */
  @property({ type: Number, attribute: 'value-standard' }) valueStandard?: number | null;
  /** First order date of the data (ISO): the earliest analysis date accepted. */
  @property({ attribute: 'first-order' }) firstOrder?: string | null;
  /** Last order date of the data (ISO): the latest analysis date accepted is the day after it (the default). */
  @property({ attribute: 'last-order' }) lastOrder?: string | null;
  /** Whether the panel is open (it starts closed, showing only its summary line). */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Locale of numbers and dates (default: the language in force, from `lang`). */
  @property() locale?: string;

  @state() private errors: Partial<Record<TypedField, FieldError>> = {};

  private msg = new Localized(this, messages);
  /** What the reader typed in each field: kept shown (valid or not) until the owner sets that setting or Reset. */
  private drafts = new Map<TypedField, string>();
  private timers = new Map<TypedField, ReturnType<typeof setTimeout>>();
  /** Properties this element set itself (from the reader's input), so willUpdate keeps their drafts. */
  private ownChanges = new Set<PropertyKey>();

  /** The settings in force, as the event reports them (invalid property values read as their defaults). */
  get settings(): AnalysisSettings {
    const method = this.effectiveMethod();
    const fixedBins = this.fixedBins();
    const bins =
      method === 'fixed' && fixedBins !== null
        ? fixedBins
        : Number.isInteger(this.bins) && this.bins >= SETTINGS_MIN_BINS && this.bins <= SETTINGS_MAX_BINS
          ? this.bins
          : DEFAULT_BINS;
    const preset = this.chosenPreset();
    const window = this.inactiveAfter;
    const standard = this.valueStandard;
    return {
      analysisDate: this.analysisDate ? isoDay(this.analysisDate) : null,
      bins,
      method,
      preset: bins === PRESET_BINS ? preset : null,
      inactiveAfter: typeof window === 'number' && Number.isInteger(window) && window >= 1 ? window : null,
      valueStandard: typeof standard === 'number' && Number.isFinite(standard) ? standard : null,
    };
  }

  /** The preset chosen, null for the page's own rules (only with `ownRules`); anything else reads as the default. */
  private chosenPreset(): SegmentPresetName | null {
    if (this.preset === null && this.ownRules) return null;
    return this.preset !== null && (SEGMENT_PRESET_NAMES as readonly string[]).includes(this.preset) ? this.preset : DEFAULT_SEGMENT_PRESET;
  }

  /** Scores per measure that `breaks` imply (cut points + 1), or null without usable breaks. */
  private fixedBins(): number | null {
    const cuts = this.breaks?.recency;
    return Array.isArray(cuts) && cuts.length >= 1 ? cuts.length + 1 : null;
  }

  private effectiveMethod(): RfmMethod {
    if (!(RFM_METHODS as readonly string[]).includes(this.method)) return 'quantile';
    return this.method === 'fixed' && this.fixedBins() === null ? 'quantile' : this.method;
  }

  private get minDate(): string | null {
    return isoDay(this.firstOrder);
  }

  private get maxDate(): string | null {
    const last = isoDay(this.lastOrder);
    return last === null ? null : dayAfter(last);
  }

  private get numberLocale(): string | undefined {
    return this.locale ?? this.msg.tag;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A setting the owner changed replaces whatever the reader had typed there (and its error).
    let errors = this.errors;
    for (const field of TYPED_FIELDS) {
      if (changed.has(field) && !this.ownChanges.has(field)) {
        this.drafts.delete(field);
        if (errors[field]) {
          errors = { ...errors };
          delete errors[field];
        }
      }
    }
    if (errors !== this.errors) this.errors = errors;
    this.ownChanges.clear();
  }

  /** The reader's text of a typed field, checked: the value to apply, or why it is refused. */
  private parse(field: TypedField, input: HTMLInputElement): Parsed<string | number | null> {
    const text = input.value.trim();
    switch (field) {
      case 'analysisDate': {
        // A date picker with only some parts filled in reports an empty value and badInput.
        if (text === '') return input.validity.badInput ? { ok: false, error: { key: 'error.date.incomplete' } } : { ok: true, value: null };
        const day = isoDay(text);
        if (day === null) return { ok: false, error: { key: 'error.date.incomplete' } };
        const min = this.minDate;
        const max = this.maxDate;
        if (min !== null && day < min) return { ok: false, error: { key: 'error.date.before', date: min } };
        if (max !== null && day > max) return { ok: false, error: { key: 'error.date.after', date: max } };
        return { ok: true, value: day };
      }
      case 'bins': {
        const n = text === '' ? Number.NaN : Number(text);
        return Number.isInteger(n) && n >= SETTINGS_MIN_BINS && n <= SETTINGS_MAX_BINS ? { ok: true, value: n } : { ok: false, error: { key: 'error.bins' } };
      }
      case 'inactiveAfter': {
        if (text === '' && !input.validity.badInput) return { ok: true, value: null };
        const n = text === '' ? Number.NaN : Number(text);
        return Number.isInteger(n) && n >= 1 ? { ok: true, value: n } : { ok: false, error: { key: 'error.window' } };
      }
      case 'valueStandard': {
        if (text === '') return { ok: true, value: null };
        const n = parseLocaleNumber(text, this.numberLocale);
        return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: { key: 'error.standard' } };
      }
    }
  }

  private onTyping(field: TypedField, e: Event): void {
    const input = e.target as HTMLInputElement;
    this.drafts.set(field, input.value);
    clearTimeout(this.timers.get(field));
    this.timers.set(
      field,
      setTimeout(() => this.commit(field, input), TYPING_PAUSE_MS),
    );
  }

  private onFieldChange(field: TypedField, e: Event): void {
    const input = e.target as HTMLInputElement;
    this.drafts.set(field, input.value);
    this.commit(field, input);
  }

  /** Check a typed field now: show why it is refused, or apply it. */
  private commit(field: TypedField, input: HTMLInputElement): void {
    clearTimeout(this.timers.get(field));
    this.timers.delete(field);
    const parsed = this.parse(field, input);
    if (!parsed.ok) {
      this.errors = { ...this.errors, [field]: parsed.error };
      return;
    }
    if (this.errors[field]) {
      const errors = { ...this.errors };
      delete errors[field];
      this.errors = errors;
    }
    this.apply({ [field]: parsed.value });
  }

  /** Set the given settings and report what that changed (nothing is sent when nothing changed). */
  private apply(patch: Partial<AnalysisSettings>): void {
    const before = this.settings;
    const set = <K extends keyof this>(key: K, value: this[K]) => {
      this.ownChanges.add(key);
      this[key] = value;
    };
    if ('analysisDate' in patch) set('analysisDate', patch.analysisDate ?? null);
    if ('method' in patch && patch.method) {
      set('method', patch.method);
      // Fixed cut points set the number of scores.
      const fixed = this.fixedBins();
      if (patch.method === 'fixed' && fixed !== null) set('bins', fixed);
    }
    if ('bins' in patch && typeof patch.bins === 'number') set('bins', patch.bins);
    if ('preset' in patch) set('preset', patch.preset ?? null);
    if ('inactiveAfter' in patch) set('inactiveAfter', patch.inactiveAfter ?? null);
    if ('valueStandard' in patch) set('valueStandard', patch.valueStandard ?? null);
    const after = this.settings;
    const changed = SETTING_KEYS.filter((k) => before[k] !== after[k]);
    if (changed.length > 0) this.emit('rapport-settings-change', { changed, settings: after });
  }

  private reset(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    // Text the reader typed (even refused text) goes with the reset: the fields show the defaults again.
    this.drafts.clear();
    this.errors = {};
    this.apply({ ...DEFAULT_ANALYSIS_SETTINGS });
  }

  /** What a typed field shows: the reader's text while they work on it, else the setting in force. */
  private shown(field: TypedField, settings: AnalysisSettings): string {
    const draft = this.drafts.get(field);
    if (draft !== undefined) return draft;
    const value = settings[field];
    if (value === null) return '';
    if (field === 'valueStandard') return formats(this.numberLocale).decimal(value as number);
    return String(value);
  }

  private errorText(error: FieldError | undefined): string {
    if (!error) return '';
    const f = formats(this.numberLocale);
    if (error.key === 'error.bins') return this.msg.t(error.key, { min: SETTINGS_MIN_BINS, max: SETTINGS_MAX_BINS });
    if (error.key === 'error.standard') return this.msg.t(error.key, { example: f.decimal(1234.5) });
    return this.msg.t(error.key, error.date ? { date: f.date(error.date) } : undefined);
  }

  /** Label, control, hint lines and error of one field; the control is described by its hints and error. */
  private field(id: string, label: string, control: (describedBy: string) => unknown, hints: readonly { text: string; note?: boolean }[], error: string) {
    const hintIds = hints.map((_, i) => `${id}-hint-${i}`);
    const describedBy = [...hintIds, ...(error ? [`${id}-error`] : [])].join(' ');
    return html`<div class="field" part="field">
      <label part="label" for=${id}>${label}</label>
      ${control(describedBy)}
      ${hints.map(
        (h, i) =>
          html`<p id=${hintIds[i] as string} class=${h.note ? 'preset-note' : 'hint'} part=${h.note ? 'note preset-note' : 'note hint'}>${h.text}</p>`,
      )}
      <p id=${`${id}-error`} class="error" part="error" aria-live="polite">${error}</p>
    </div>`;
  }

  private typedInput(field: TypedField, settings: AnalysisSettings, describedBy: string, attrs: { type: string; min?: string | number | null; max?: string | number | null; inputmode?: string; disabled?: boolean; required?: boolean }) {
    const id = FIELD_IDS[field];
    const invalid = this.errors[field] !== undefined;
    return html`<input
      id=${id}
      part="input"
      type=${attrs.type}
      min=${attrs.min ?? nothing}
      max=${attrs.max ?? nothing}
      step=${attrs.type === 'number' ? '1' : nothing}
      inputmode=${attrs.inputmode ?? nothing}
      ?disabled=${attrs.disabled ?? false}
      ?required=${attrs.required ?? false}
      autocomplete="off"
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${describedBy || nothing}
      .value=${this.shown(field, settings)}
      @input=${(e: Event) => this.onTyping(field, e)}
      @change=${(e: Event) => this.onFieldChange(field, e)}
    />`;
  }

  override render() {
    const s = this.settings;
    const t = (key: MessageKey, params?: Record<string, string | number>) => this.msg.t(key, params);
    const f = formats(this.numberLocale);
    const min = this.minDate;
    const max = this.maxDate;
    const fixedBins = this.fixedBins();
    const methods = RFM_METHODS.filter((m) => m !== 'fixed' || fixedBins !== null);
    const presetApplies = s.bins === PRESET_BINS;
    const chosenPreset = this.chosenPreset();
    const presetRules = chosenPreset === null ? null : SEGMENT_PRESETS[chosenPreset];
    const brief = t('summary', {
      n: s.bins,
      method: t(`method.${s.method}`),
      segments: s.preset ? t(`preset.${s.preset}`) : t('summary.custom'),
    });

    const dateHints = [{ text: max ? t('date.hint.defaultOn', { date: f.date(max) }) : t('date.hint.default') }];
    if (min && max) dateHints.push({ text: t('date.hint.range', { from: f.date(min), to: f.date(max) }) });

    return html`<details part="card" ?open=${this.open} @toggle=${this.onToggle}>
      <summary part="summary"><span class="title" part="title">${t('title')}</span> <span class="brief" part="note brief">${brief}</span></summary>
      <div class="body">
        <div class="fields" part="fields">
          ${this.field(
            FIELD_IDS.analysisDate,
            t('date.label'),
            (d) => this.typedInput('analysisDate', s, d, { type: 'date', min, max }),
            dateHints,
            this.errorText(this.errors.analysisDate),
          )}
          ${this.field(
            FIELD_IDS.bins,
            t('bins.label'),
            (d) =>
              this.typedInput('bins', s, d, {
                type: 'number',
                min: SETTINGS_MIN_BINS,
                max: SETTINGS_MAX_BINS,
                inputmode: 'numeric',
                required: true,
                disabled: s.method === 'fixed',
              }),
            [{ text: s.method === 'fixed' ? t('bins.hint.fixed', { n: s.bins }) : t('bins.hint', { min: SETTINGS_MIN_BINS, max: SETTINGS_MAX_BINS }) }],
            this.errorText(this.errors.bins),
          )}
          ${this.field(
            'method',
            t('method.label'),
            (d) => html`<select id="method" part="select" aria-describedby=${d} @change=${this.onMethodChange}>
              ${methods.map((m) => html`<option value=${m} .selected=${m === s.method}>${t(`method.${m}`)}</option>`)}
            </select>`,
            [{ text: t(`method.${s.method}.hint`) }],
            '',
          )}
          ${this.field(
            'preset',
            t('preset.label'),
            (d) => html`<select id="preset" part="select" aria-describedby=${d} ?disabled=${!presetApplies} @change=${this.onPresetChange}>
              ${SEGMENT_PRESET_NAMES.map((p) => html`<option value=${p} .selected=${p === chosenPreset}>${t(`preset.${p}`)}</option>`)}
              ${this.ownRules ? html`<option value="" .selected=${chosenPreset === null}>${t('preset.own')}</option>` : nothing}
            </select>`,
            [
              {
                text:
                  chosenPreset === null || presetRules === null
                    ? t('preset.own.hint')
                    : t(`preset.${chosenPreset}.hint`, {
                        first: segmentLabel(this.msg.lang, presetRules[0].name),
                        last: segmentLabel(this.msg.lang, presetRules[presetRules.length - 1]!.name),
                      }),
              },
              ...(presetApplies ? [] : [{ text: t('preset.needsFive', { n: s.bins }), note: true }]),
            ],
            '',
          )}
          ${this.field(
            FIELD_IDS.inactiveAfter,
            t('window.label'),
            (d) => this.typedInput('inactiveAfter', s, d, { type: 'number', min: 1, inputmode: 'numeric' }),
            [{ text: t('window.hint') }],
            this.errorText(this.errors.inactiveAfter),
          )}
          ${this.field(
            FIELD_IDS.valueStandard,
            t('standard.label'),
            (d) => this.typedInput('valueStandard', s, d, { type: 'text', inputmode: 'decimal' }),
            [{ text: t('standard.hint') }],
            this.errorText(this.errors.valueStandard),
          )}
        </div>
        <div class="actions">
          <button type="button" part="button" @click=${this.reset}>${t('reset')}</button>
        </div>
      </div>
    </details>`;
  }

  private onToggle(e: Event): void {
    this.open = (e.target as HTMLDetailsElement).open;
  }

  private onMethodChange(e: Event): void {
    const method = (e.target as HTMLSelectElement).value as RfmMethod;
    if (method === 'fixed') {
      // The cut points set the number of scores: what the reader typed there no longer applies.
      clearTimeout(this.timers.get('bins'));
      this.timers.delete('bins');
      this.drafts.delete('bins');
      if (this.errors.bins) {
        const errors = { ...this.errors };
        delete errors.bins;
        this.errors = errors;
      }
    }
    this.apply({ method });
  }

  private onPresetChange(e: Event): void {
    const value = (e.target as HTMLSelectElement).value;
    this.apply({ preset: value === '' ? null : (value as SegmentPresetName) });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-settings': RapportSettings;
  }
}
