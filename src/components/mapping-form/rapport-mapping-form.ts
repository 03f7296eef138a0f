import { html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { formPanelStyles } from '../base/form-styles.js';
import type { ColumnProfile } from '../../data/ingest/detect-mapping.js';
import type { ColumnMapping, DateOrder, MappingDecision, OrderRole } from '../../data/ingest/types.js';
import { Localized } from '../base/i18n.js';
import { messages, orderColumnMessages } from './messages.js';
import { noticesOrTexts } from '../base/notices/index.js';
import '../events.js';

type RoleKey = keyof (typeof orderColumnMessages)['en'];
type FormKey = keyof (typeof messages)['en'];

/** The roles the form asks for, in order; a label of the form's own where the role's name alone would be vague. */
const ROLES: readonly { role: OrderRole; label: RoleKey | FormKey; required: boolean }[] = [
  { role: 'customer_id', label: 'role.customer_id', required: true },
  { role: 'order_date', label: 'role.order_date', required: true },
  { role: 'amount', label: 'label.amount', required: false },
  { role: 'order_id', label: 'label.order_id', required: false },
  { role: 'quantity', label: 'role.quantity', required: false },
  { role: 'unit_price', label: 'role.unit_price', required: false },
];

/**
 * @summary Asks the user what detection could not settle: which column is which (with sample
 * values to judge by) and whether dates are day/month or month/day. Its words follow the `lang`
 * in force (en, pt, es, fr, ms), detection's questions too (from the decision's
 * `questionNotices`; a decision without them shows its `questions` as given).
 * @event rapport-mapping - The user confirmed: `{ mapping, dateOrder }`.
 * @event rapport-mapping-cancel - The user closed the form without loading: `{ file }`.
 * @csspart form - The form (the outer box; also named `card`).
 * @csspart card - The outer box (the form).
 * @csspart title - The heading.
 * @csspart note - The list of questions from detection.
 * @csspart label - Each column role's label.
 * @csspart select - Each column select.
 * @csspart samples - The sample values beside each select.
 * @csspart hint - The "* required" line.
 * @csspart fieldset - The date order question.
 * @csspart legend - The date order question's text.
 * @csspart choice - Each date order choice (its radio button and words).
 * @csspart input - Each date order radio button.
 * @csspart button - Both buttons.
 * @csspart submit - The "Load with these columns" button.
 * @csspart cancel - The "Cancel" button.
 * @cssproperty --rapport-form-border-color - Border of the form (default: `--rapport-color-primary`).
 * @cssproperty --rapport-form-background - Background of the form (default: `--rapport-color-surface`).
 * @cssproperty --rapport-form-hint-color - Colour of the samples and hints (default: `--rapport-color-text-muted`).
 */
@customElement('rapport-mapping-form')
export class RapportMappingForm extends RapportElement {
  static override styles = [
    themeTokens,
    formPanelStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: max-content minmax(10rem, 16rem) 1fr;
        gap: 0.4em 1em;
        align-items: center;
      }
      .samples {
        color: var(--rapport-form-hint-color, var(--_muted));
        font-size: 0.85em;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      fieldset {
        border: none;
        padding: 0;
        margin: 0.8em 0;
      }
      ul {
        margin: 0 0 0.8em;
        padding-left: 1.2em;
      }
    `,
  ];

  /** The file's name, shown in the heading and sent back with a cancel. */
  @property() file = '';
  /** The file's columns with what detection saw in them (sample values, how many look like dates). */
  @property({ attribute: false }) profiles: ColumnProfile[] = [];
  /** Detection's proposal and its questions: pre-fills the selects and the date order. */
  @property({ attribute: false }) decision: MappingDecision | null = null;
  @state() private mapping: ColumnMapping = {};
  @state() private dateOrder: DateOrder = 'dmy';

  private msg = new Localized(this, messages);

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('decision') && this.decision) {
      this.mapping = { ...this.decision.mapping };
      this.dateOrder = this.decision.dateOrder;
    }
  }

  /** Focus the form's heading, so that a screen reader reads what is asked and Tab reaches the first column. */
  override focus(options?: FocusOptions) {
    this.shadowRoot?.querySelector<HTMLElement>('h2')?.focus(options);
  }

  private submit(e: Event) {
    e.preventDefault();
    const mapping = Object.fromEntries(Object.entries(this.mapping).filter(([, c]) => c)) as ColumnMapping;
    this.emit('rapport-mapping', { mapping, dateOrder: this.dateOrder });
  }

  private label(key: RoleKey | FormKey): string {
    return key.startsWith('role.') ? this.msg.from(orderColumnMessages, key as RoleKey) : this.msg.t(key as FormKey);
  }

  override render() {
    const d = this.decision;
    if (!d) return nothing;
    const t = this.msg;
    const samples = (col?: string) => this.profiles.find((p) => p.name === col)?.samples.slice(0, 4).join(' · ') ?? '';
    const hasSlashDates = (this.profiles.find((p) => p.name === this.mapping.order_date)?.slashDates ?? 0) > 0;
    return html`<form part="form card" @submit=${this.submit} aria-labelledby="t">
      <h2 id="t" part="title" tabindex="-1">${t.t('title', { file: this.file })}</h2>
      ${d.questions.length
        ? html`<ul part="note" aria-label=${t.t('questions')}>
            ${noticesOrTexts(d.questionNotices, d.questions, t.lang, t.tag).map((q) => html`<li>${q}</li>`)}
          </ul>`
        : nothing}
      <div class="grid">
        ${ROLES.map(({ role, label, required }) => {
          const shown = samples(this.mapping[role]);
          return html`<label part="label" for=${role}>${this.label(label)}${required ? ' *' : ''}</label>
            <select
              part="select"
              id=${role}
              aria-describedby=${`${role}-samples`}
              ?required=${required}
              @change=${(e: Event) => (this.mapping = { ...this.mapping, [role]: (e.target as HTMLSelectElement).value || undefined })}
            >
              <option value="" ?selected=${!this.mapping[role]}>${t.t('none')}</option>
              ${this.profiles.map((p) => html`<option value=${p.name} ?selected=${this.mapping[role] === p.name}>${p.name}</option>`)}
            </select>
            <span class="samples" part="samples" id=${`${role}-samples`}>${shown ? t.t('samples', { samples: shown }) : ''}</span>`;
        })}
      </div>
      <p class="hint" part="hint">${t.t('required')}</p>
      ${hasSlashDates
        ? html`<fieldset part="fieldset">
            <legend part="legend">${t.t('dateLegend', { example: samples(this.mapping.order_date).split(' · ')[0] ?? '' })}</legend>
            ${(['dmy', 'mdy'] as const).map(
              (o) => html`<label part="choice"
                ><input part="input" type="radio" name="date-order" value=${o} .checked=${this.dateOrder === o} @change=${() => (this.dateOrder = o)} />
                ${t.from(orderColumnMessages, `dateOrder.${o}`)}</label
              > `,
            )}
          </fieldset>`
        : nothing}
      <div class="actions">
        <button part="button submit" class="primary" type="submit">${t.t('submit')}</button>
        <button part="button cancel" type="button" @click=${() => this.emit('rapport-mapping-cancel', { file: this.file })}>${t.t('cancel')}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-mapping-form': RapportMappingForm;
  }
}
