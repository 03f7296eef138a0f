import { html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { formPanelStyles } from '../base/form-styles.js';
import { headerPairFamilies, LIKERT_SCALES, NAMED_FAMILY, TERSE_FAMILY, type PairFamily } from '../../data/ingest/survey-pairs.js';
import type { SurveyColumnMapping, SurveyLoadReport, SurveyPair, SurveyRole, SurveyScaleRange, SurveyShape } from '../../data/ingest/types.js';
import type { RapportSurveyMappingDetail } from '../events.js';
import { Localized } from '../base/i18n.js';
import { noticeText } from '../base/notices/index.js';
import type { Notice } from '../../analytics/notice.js';
import { formats } from '../format.js';
import { messages } from './messages.js';
import '../events.js';

type Key = keyof (typeof messages)['en'];

/** The roles of the long shape, in the order the form asks for them. */
const LONG_ROLES: readonly { role: SurveyRole; required: boolean }[] = [
  { role: 'respondent', required: true },
  { role: 'customer_id', required: false },
  { role: 'item', required: true },
  { role: 'dimension', required: false },
  { role: 'expectation', required: true },
  { role: 'perception', required: true },
  { role: 'importance', required: false },
];

/** The wide shape's optional respondent columns. */
const WIDE_ROLES: readonly ('customer_id' | 'respondent')[] = ['customer_id', 'respondent'];

const scaleKey = (s: SurveyScaleRange) => `${s.min}-${s.max}`;
const DETECT_SCALE = '';

/** A validation message, kept as its key and parameters so it follows a change of language. */
interface FieldError {
  key: Extract<Key, `error.${string}`>;
  column?: string;
  role?: SurveyRole;
  family?: string;
}

/** The columns chosen in the selects (a role left at its first option has none). */
type ChosenColumns = Partial<Record<SurveyRole, string>>;

/** Ids of the controls, in the order the form shows them (the first invalid one gets focus). */
const longId = (role: SurveyRole) => `long-${role}`;
const wideId = (role: string) => `wide-${role}`;
const FAMILY_ID = 'wide-family';

/**
 * @summary Asks how a survey file is to be read when detection failed or read it wrongly: the
 * shape (one row per answer or one row per respondent), the columns of each role or the family
 * of expectation/perception column pairs, and the Likert scale. Pre-filled from the load report
 * when there is one.
 *
 * Its words follow the `lang` in force (en, pt, es, fr, ms), and so does `message` when it is a
 * notice (a load error's `notice`); column names, pair family prefixes and a text `message` are
 * shown as given.
 *
 * Call `focus()` when showing it: focus goes to the heading, so a screen reader reads what is
 * asked and Tab reaches the first control.
 *
 * The user's choices are kept when `report` or `message` change (a failed load shown again):
 * the form pre-fills from the report only when `file` or `columns` change, or while the user has
 * not changed anything yet.
 *
 * @event rapport-survey-mapping - The user confirmed: `{ file, options }`, options a subset of
 *   SurveyIngestOptions `{ shape, mapping?, pairs?, scale? }` (keys left out when not given:
 *   no mapping when no column was chosen, no scale when it is to be detected). When the
 *   respondent is left at "(none: …)" (long, with a customer id chosen; wide, always offered),
 *   the mapping says so with `respondent: null`, so the load detects no respondent column.
 * @event rapport-survey-mapping-cancel - The user closed the form without loading: `{ file }`.
 * @csspart form - The form (the outer box; also named `card`).
 * @csspart card - The outer box (the form).
 * @csspart heading - The heading (focused by `focus()`; also named `title`).
 * @csspart title - The heading.
 * @csspart message - Why the form is shown (e.g. the load error).
 * @csspart fieldset - Each group of controls (shape, columns, scale).
 * @csspart legend - Each group's name.
 * @csspart label - Each control's label.
 * @csspart input - Each shape radio button.
 * @csspart select - Each select (columns, pair family, scale).
 * @csspart error - A validation message beside its control.
 * @csspart hint - The explanation under the columns.
 * @csspart button - Both buttons.
 * @csspart submit - The "Load the survey" button.
 * @csspart cancel - The "Cancel" button.
 * @cssproperty --rapport-form-border-color - Border of the form (default: `--rapport-color-primary`).
 * @cssproperty --rapport-form-background - Background of the form (default: `--rapport-color-surface`).
 * @cssproperty --rapport-form-hint-color - Colour of the hints (default: `--rapport-color-text-muted`).
 * @cssproperty --rapport-survey-form-error-color - Validation messages and invalid controls (default: `--rapport-color-danger`).
 * @cssproperty --rapport-survey-form-message-background - Background of the message (default: `--rapport-color-danger-surface`).
 * @cssproperty --rapport-survey-form-message-border-color - Left rule of the message (default: `--rapport-color-danger`).
 * @cssproperty --rapport-color-primary - Form border and focus ring.
 * @cssproperty --rapport-color-danger - Validation messages and invalid controls.
 * @cssproperty --rapport-color-danger-surface - Background of the message.
 */
@customElement('rapport-survey-form')
export class RapportSurveyForm extends RapportElement {
  static override styles = [
    themeTokens,
    formPanelStyles,
    css`
      .message {
        margin: 0 0 0.8em;
        padding: 0.4em 0.6em;
        border-left: 3px solid var(--rapport-survey-form-message-border-color, var(--_danger));
        background: var(--rapport-survey-form-message-background, var(--_danger-surface));
        color: var(--_text);
        overflow-wrap: anywhere;
      }
      fieldset {
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) / 2);
        padding: 0.5em 0.8em 0.8em;
        margin: 0 0 0.8em;
      }
      legend {
        font-weight: 600;
        padding: 0 0.3em;
      }
      .shape label {
        display: block;
        margin: 0.2em 0;
      }
      .grid {
        display: grid;
        grid-template-columns: max-content minmax(10rem, 20rem) 1fr;
        gap: 0.4em 1em;
        align-items: center;
      }
      select[aria-invalid='true'] {
        border: 2px solid var(--rapport-survey-form-error-color, var(--_danger));
      }
      .error {
        color: var(--rapport-survey-form-error-color, var(--_danger));
        font-size: 0.9em;
      }
    `,
  ];

  /** The survey file's name, shown in the heading and sent back in the events. */
  @property() file = '';
  /** The file's header: the columns offered in every select. */
  @property({ attribute: false }) columns: string[] = [];
  /**
   * Why the form is shown, shown as text: a notice (e.g. the failed load's `IngestError.notice`),
   * said in the form's language, or a text shown as given (the attribute is always text).
   */
  @property() message: string | Notice = '';
  /** How the file was read, when it loaded: pre-fills the shape, columns, pair family and scale. */
  @property({ attribute: false }) report: SurveyLoadReport | null = null;
  /** Wide pair family prefixes found in the header, the first the one detection chose; from the header (pairFamiliesOfHeader) when empty. */
  @property({ attribute: false }) families: string[] = [];

  @state() private shape: SurveyShape = 'long';
  @state() private longMapping: ChosenColumns = {};
  @state() private wideMapping: Pick<ChosenColumns, 'respondent' | 'customer_id'> = {};
  @state() private family = '';
  @state() private scale = DETECT_SCALE;
  @state() private errors: Record<string, FieldError> = {};
  /** After a refused submit, errors follow every change (so they clear as the user fixes them). */
  @state() private checked = false;

  /** The pair families offered, best first, with their pairs when the header or the report tells them. */
  private familyOptions: { family: string; pairs: SurveyPair[] }[] = [];
  /** The file and header the form was last pre-filled for. */
  private prefilledFor: string | null = null;
  /** Whether the user changed a choice since the last pre-fill. */
  private edited = false;

  private msg = new Localized(this, messages);

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('columns') || changed.has('families') || changed.has('report')) {
      const fromHeader = headerPairFamilies(this.columns);
      const byName = new Map<string, PairFamily>(fromHeader.map((f) => [f.family, f]));
      const names = this.families.length ? [...this.families] : fromHeader.map((f) => f.family);
      const read = this.report?.shape === 'wide' ? this.report.pairFamily : null;
      if (read && !names.includes(read)) names.unshift(read);
      this.familyOptions = names.map((family) => ({
        family,
        pairs: family === read && this.report ? this.report.pairs : (byName.get(family)?.pairs ?? []),
      }));
    }
    // Pre-fill for a new file or header; for a new report only while the user has changed
    // nothing (a failed load shown again keeps the user's choices).
    const key = JSON.stringify([this.file, this.columns]);
    if (key !== this.prefilledFor || (changed.has('report') && !this.edited)) {
      this.prefilledFor = key;
      this.edited = false;
      this.prefill();
    }
    if (!this.familyOptions.some((f) => f.family === this.family)) this.family = this.familyOptions[0]?.family ?? '';
  }

  /** Focus the form's heading, so that a screen reader reads what is asked and Tab reaches the first control. */
  override focus(options?: FocusOptions) {
    this.shadowRoot?.querySelector<HTMLElement>('h2')?.focus(options);
  }

  private prefill() {
    const r = this.report;
    this.errors = {};
    this.checked = false;
    if (!r) {
      this.shape = this.familyOptions.length ? 'wide' : 'long';
      this.longMapping = {};
      this.wideMapping = {};
      this.family = this.familyOptions[0]?.family ?? '';
      this.scale = DETECT_SCALE;
      return;
    }
    const known = (c: string | null | undefined) => (typeof c === 'string' && this.columns.includes(c) ? c : undefined);
    this.shape = r.shape;
    this.scale = r.scaleSource === 'option' ? scaleKey(r.scale) : DETECT_SCALE;
    if (r.shape === 'long') {
      const m: ChosenColumns = {};
      for (const { role } of LONG_ROLES) {
        const c = known(r.mapping[role]);
        if (c !== undefined) m[role] = c;
      }
      // No respondent column: the ingest read each customer id as the respondent.
      if (m.respondent !== undefined && m.respondent === m.customer_id) delete m.respondent;
      this.longMapping = m;
      this.wideMapping = {};
    } else {
      const m: Pick<ChosenColumns, 'respondent' | 'customer_id'> = {};
      const respondent = known(r.mapping.respondent);
      const customer = known(r.mapping.customer_id);
      if (customer !== undefined) m.customer_id = customer;
      if (respondent !== undefined && respondent !== customer) m.respondent = respondent;
      this.wideMapping = m;
      this.longMapping = {};
      this.family = r.pairFamily ?? this.familyOptions[0]?.family ?? '';
    }
  }

  private familyLabel({ family, pairs }: { family: string; pairs: SurveyPair[] }): string {
    const name = family === NAMED_FAMILY ? this.msg.t('family.named') : family === TERSE_FAMILY ? this.msg.t('family.terse') : family;
    if (pairs.length === 0) return name;
    const first = pairs[0]!;
    const last = pairs[pairs.length - 1]!;
    const span = pairs.length === 1 ? `${first.expectation}, ${first.perception}` : `${first.expectation} … ${last.perception}`;
    return this.msg.t('familySpan', { name, span, n: pairs.length, count: this.numbers().integer(pairs.length) });
  }

  private numbers() {
    return formats(this.msg.tag);
  }

  private roleLabel(role: SurveyRole): string {
    return this.msg.t(`role.${role}`);
  }

  /** A validation message in the interface language; role names inside a sentence are lower case. */
  private errorText(e: FieldError): string {
    const role = e.role ? this.roleLabel(e.role).toLocaleLowerCase(this.msg.lang) : '';
    return this.msg.t(e.key, { column: e.column ?? '', role, family: e.family ?? '' });
  }

  private scaleText(s: SurveyScaleRange): string {
    const f = this.numbers();
    return `${f.integer(s.min)}–${f.integer(s.max)}`;
  }

  /** Validation messages by control id, in the order the controls are shown. */
  private validate(): Record<string, FieldError> {
    const errors: Record<string, FieldError> = {};
    const roleOf = new Map<string, SurveyRole>();
    const claim = (id: string, column: string | undefined, role: SurveyRole) => {
      if (!column) return;
      const first = roleOf.get(column);
      if (first !== undefined) errors[id] ??= { key: 'error.twice', column, role: first };
      else roleOf.set(column, role);
    };
    if (this.shape === 'long') {
      const m = this.longMapping;
      for (const { role, required } of LONG_ROLES) {
        const id = longId(role);
        if (role === 'respondent' && !m.respondent && !m.customer_id) {
          errors[id] = { key: 'error.respondent' };
        } else if (required && role !== 'respondent' && !m[role]) {
          errors[id] = { key: 'error.required', role };
        }
        claim(id, m[role], role);
      }
    } else {
      const chosen = this.familyOptions.find((f) => f.family === this.family);
      if (!chosen) errors[FAMILY_ID] = { key: 'error.noPairs' };
      const inPairs = new Set((chosen?.pairs ?? []).flatMap((p) => [p.expectation, p.perception]));
      for (const role of WIDE_ROLES) {
        const id = wideId(role);
        const column = this.wideMapping[role];
        if (column && inPairs.has(column)) errors[id] = { key: 'error.answerColumn', column, family: this.family };
        claim(id, column, role);
      }
    }
    return errors;
  }

  private changed() {
    this.edited = true;
    if (this.checked) this.errors = this.validate();
  }

  private async submit(e: Event) {
    e.preventDefault();
    const errors = this.validate();
    this.errors = errors;
    const first = Object.keys(errors)[0];
    if (first !== undefined) {
      this.checked = true;
      await this.updateComplete;
      this.shadowRoot?.getElementById(first)?.focus();
      return;
    }
    this.emit('rapport-survey-mapping', { file: this.file, options: this.options() });
  }

  /** The answer as SurveyIngestOptions, without undefined keys. */
  private options(): RapportSurveyMappingDetail['options'] {
    const options: RapportSurveyMappingDetail['options'] = { shape: this.shape };
    const source: ChosenColumns = this.shape === 'long' ? this.longMapping : this.wideMapping;
    const mapping = Object.fromEntries(Object.entries(source).filter(([, c]) => c)) as SurveyColumnMapping;
    // "(none: …)" chosen for the respondent: say so, or the load would detect one anyway.
    if (!source.respondent && this.respondentNone() !== null) mapping.respondent = null;
    if (Object.keys(mapping).length) options.mapping = mapping;
    if (this.shape === 'wide' && this.family) options.pairs = this.family;
    const scale = this.scaleChoices().find((s) => scaleKey(s) === this.scale);
    if (scale) options.scale = { min: scale.min, max: scale.max };
    return options;
  }

  /** The label of the respondent's "no column" choice, or null when there is none (long without a customer id: a column must be chosen). */
  private respondentNone(): string | null {
    if (this.shape === 'long') return this.longMapping.customer_id ? this.msg.t('noneCustomer') : null;
    return this.msg.t(this.wideMapping.customer_id ? 'noneCustomer' : 'noneRowNumber');
  }

  /** The usual Likert scales, and the report's own when it was given another. */
  private scaleChoices(): SurveyScaleRange[] {
    const r = this.report;
    const list = [...LIKERT_SCALES];
    if (r && r.scaleSource === 'option' && !list.some((s) => scaleKey(s) === scaleKey(r.scale))) list.push(r.scale);
    return list;
  }

  private select(id: string, label: string, value: string | undefined, none: string | null, onChange: (v: string | undefined) => void) {
    const options = html`<option value="" ?selected=${!value}>${none ?? this.msg.t('chooseColumn')}</option>
      ${this.columns.map((c) => html`<option value=${c} ?selected=${value === c}>${c}</option>`)}`;
    return this.labelledSelect(id, `${label}${none === null ? ' *' : ''}`, options, (v) => onChange(v || undefined));
  }

  /** A label, a select with its error state, and the error line: every question of the form. */
  private labelledSelect(id: string, label: string, options: unknown, onChange: (value: string) => void) {
    const error = this.errors[id];
    return html`<label part="label" for=${id}>${label}</label>
      <select
        part="select"
        id=${id}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}
        @change=${(e: Event) => {
          onChange((e.target as HTMLSelectElement).value);
          this.changed();
        }}
      >
        ${options}
      </select>
      <span class="error" part="error" id=${`${id}-error`}>${error ? this.errorText(error) : ''}</span>`;
  }

  private renderLong() {
    const m = this.longMapping;
    return html`<fieldset part="fieldset">
      <legend part="legend">${this.msg.t('legend.columns')}</legend>
      <div class="grid">
        ${LONG_ROLES.map(({ role, required }) => {
          const label = this.roleLabel(role);
          // The respondent may be left out for a customer id column: each customer is then a respondent.
          const none = role === 'respondent' ? (this.respondentNone() ?? this.msg.t('chooseColumn')) : required ? null : this.msg.t('none');
          return this.select(longId(role), role === 'respondent' ? `${label} *` : label, m[role], none, (v) => {
            this.longMapping = { ...this.longMapping, [role]: v };
          });
        })}
      </div>
      <p class="hint" part="hint">${this.msg.t('hint.long')}</p>
    </fieldset>`;
  }

  private renderWide() {
    const none = this.respondentNone();
    return html`<fieldset part="fieldset">
      <legend part="legend">${this.msg.t('legend.answers')}</legend>
      <div class="grid">
        ${this.labelledSelect(
          FAMILY_ID,
          `${this.msg.t('pairs')} *`,
          this.familyOptions.length
            ? this.familyOptions.map((f) => html`<option value=${f.family} ?selected=${f.family === this.family}>${this.familyLabel(f)}</option>`)
            : html`<option value="">${this.msg.t('noPairs')}</option>`,
          (v) => {
            this.family = v;
          },
        )}
        ${WIDE_ROLES.map((role) =>
          this.select(wideId(role), this.roleLabel(role), this.wideMapping[role], role === 'respondent' ? none : this.msg.t('none'), (v) => {
            this.wideMapping = { ...this.wideMapping, [role]: v };
          }),
        )}
      </div>
      <p class="hint" part="hint">${this.msg.t('hint.wide')}</p>
    </fieldset>`;
  }

  override render() {
    const t = (key: Key, params?: Record<string, string>) => this.msg.t(key, params);
    const shapes = ['long', 'wide'] as const satisfies readonly SurveyShape[];
    const r = this.report;
    const detect = r && r.scaleSource === 'detected' ? t('detected', { scale: this.scaleText(r.scale) }) : t('detect');
    const message = noticeText(this.message, this.msg.lang, this.msg.tag);
    return html`<form part="form card" @submit=${this.submit} aria-labelledby="t" novalidate>
      <h2 id="t" part="heading title" tabindex="-1">${this.file ? t('title', { file: this.file }) : t('titleNoFile')}</h2>
      ${message ? html`<p class="message" part="message">${message}</p>` : nothing}
      <fieldset class="shape" part="fieldset">
        <legend part="legend">${t('legend.shape')}</legend>
        ${shapes.map(
          (shape) => html`<label part="label"
            ><input
              part="input"
              type="radio"
              name="shape"
              id=${`shape-${shape}`}
              value=${shape}
              .checked=${this.shape === shape}
              @change=${() => {
                this.shape = shape;
                this.changed();
              }}
            />
            ${t(`shape.${shape}`)}</label
          >`,
        )}
      </fieldset>
      ${this.shape === 'long' ? this.renderLong() : this.renderWide()}
      <fieldset part="fieldset">
        <legend part="legend">${t('legend.scale')}</legend>
        <label part="label" for="scale">${t('scale')}</label>
        <select
          part="select"
          id="scale"
          @change=${(e: Event) => {
            this.scale = (e.target as HTMLSelectElement).value;
            this.edited = true;
          }}
        >
          <option value=${DETECT_SCALE} ?selected=${this.scale === DETECT_SCALE}>${detect}</option>
          ${this.scaleChoices().map((s) => html`<option value=${scaleKey(s)} ?selected=${this.scale === scaleKey(s)}>${this.scaleText(s)}</option>`)}
        </select>
      </fieldset>
      <div class="actions">
        <button part="button submit" class="primary" type="submit">${t('submit')}</button>
        <button part="button cancel" type="button" @click=${() => this.emit('rapport-survey-mapping-cancel', { file: this.file })}>${t('cancel')}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-survey-form': RapportSurveyForm;
  }
}
