import { html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { formPanelStyles } from '../base/form-styles.js';
import type { ColumnProfile } from '../../data/ingest/detect-mapping.js';
import type { ColumnMapping, DateOrder, MappingDecision, OrderRole } from '../../data/ingest/types.js';
import '../events.js';

const ROLES: readonly { role: OrderRole; label: string; required: boolean }[] = [
  { role: 'customer_id', label: 'Customer id', required: true },
  { role: 'order_date', label: 'Order date', required: true },
  { role: 'amount', label: 'Amount (order or line total)', required: false },
  { role: 'order_id', label: 'Order / invoice id', required: false },
  { role: 'quantity', label: 'Quantity', required: false },
  { role: 'unit_price', label: 'Unit price', required: false },
];

/**
 * @summary Asks the user what detection could not settle: which column is which (with sample
 * values to judge by) and whether dates are day/month or month/day.
 * @event rapport-mapping - The user confirmed: `{ mapping, dateOrder }`.
 * @event rapport-mapping-cancel - The user closed the form without loading: `{ file }`.
 * @csspart form - The form.
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
        color: var(--_muted);
        font-size: 0.85em;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      select {
        font: inherit;
        padding: 0.2em;
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
      .actions {
        display: flex;
        gap: 0.5em;
        margin-top: 0.8em;
      }
    `,
  ];

  @property() file = '';
  @property({ attribute: false }) profiles: ColumnProfile[] = [];
  @property({ attribute: false }) decision: MappingDecision | null = null;
  @state() private mapping: ColumnMapping = {};
  @state() private dateOrder: DateOrder = 'dmy';

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

  override render() {
    const d = this.decision;
    if (!d) return nothing;
    const samples = (col?: string) => this.profiles.find((p) => p.name === col)?.samples.slice(0, 4).join(' · ') ?? '';
    const hasSlashDates = (this.profiles.find((p) => p.name === this.mapping.order_date)?.slashDates ?? 0) > 0;
    return html`<form part="form" @submit=${this.submit} aria-labelledby="t">
      <h2 id="t" tabindex="-1">Check the columns of ${this.file}</h2>
      <ul>
        ${d.questions.map((q) => html`<li>${q}</li>`)}
      </ul>
      <div class="grid">
        ${ROLES.map(
          ({ role, label, required }) => html`<label for=${role}>${label}${required ? ' *' : ''}</label>
            <select
              id=${role}
              aria-describedby=${`${role}-samples`}
              ?required=${required}
              @change=${(e: Event) => (this.mapping = { ...this.mapping, [role]: (e.target as HTMLSelectElement).value || undefined })}
            >
              <option value="" ?selected=${!this.mapping[role]}>(none)</option>
              ${this.profiles.map((p) => html`<option value=${p.name} ?selected=${this.mapping[role] === p.name}>${p.name}</option>`)}
            </select>
            <span class="samples" id=${`${role}-samples`}>${samples(this.mapping[role]) ? `e.g. ${samples(this.mapping[role])}` : ''}</span>`,
        )}
      </div>
      ${hasSlashDates
        ? html`<fieldset>
            <legend>Dates such as ${samples(this.mapping.order_date).split(' · ')[0]} are</legend>
            ${(['dmy', 'mdy'] as const).map(
              (o) => html`<label
                ><input type="radio" name="date-order" value=${o} .checked=${this.dateOrder === o} @change=${() => (this.dateOrder = o)} />
                ${o === 'dmy' ? 'day/month/year' : 'month/day/year'}</label
              > `,
            )}
          </fieldset>`
        : nothing}
      <div class="actions">
        <button class="primary" type="submit">Load with these columns</button>
        <button type="button" @click=${() => this.emit('rapport-mapping-cancel', { file: this.file })}>Cancel</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-mapping-form': RapportMappingForm;
  }
}
