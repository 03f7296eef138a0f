import { html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { formats } from '../format.js';
import { Localized } from '../base/i18n.js';
import { messages } from './messages.js';
import { RapportDataConsumer, fillCurrency } from '../base/data-consumer.js';
import type { Headline } from '../../data/dataset.js';

/**
 * @summary Headline figures: customers, orders, revenue, average order value, repeat-customer
 * rate, first and last order. With `selected`, the figures are those of a selection (the
 * dashboard's cross-filter) and say so: "Selected customers".
 * @csspart figure - Each figure's box.
 * @csspart value - Each figure's number.
 * @cssproperty --rapport-headline-value-color - Colour of the numbers (default: `--rapport-color-text`). Their size and
 * figure style follow the theme's `--rapport-font-size-large` and `--rapport-font-numeric`.
 */
@customElement('rapport-headline')
export class RapportHeadline extends RapportElement {
  static override styles = [
    themeTokens,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      /* Seven figures in one row when there is room, else 4 + 3, else pairs: never an orphan row of one. */
      dl {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: calc(var(--_gap) / 2);
        margin: 0;
      }
      @container (min-width: 34rem) {
        dl {
          grid-template-columns: repeat(4, minmax(0, 1fr));
        }
      }
      @container (min-width: 60rem) {
        dl {
          grid-template-columns: repeat(7, minmax(0, 1fr));
        }
      }
      div {
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.55em 0.75em;
      }
      dt {
        color: var(--_muted);
        font-size: 0.85em;
      }
      dd {
        margin: 0.2em 0 0;
        font-size: var(--_font-size-large);
        font-weight: 650;
        white-space: nowrap;
        font-variant-numeric: var(--_numeric);
        color: var(--rapport-headline-value-color, var(--_text));
      }
      /* Dates are long in some languages ("1 de jan. de 2024"): they wrap between words rather than overflow. */
      dd.date {
        white-space: normal;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** The figures to show; nothing is drawn while null. */
  @property({ attribute: false }) headline: Headline | null = null;
  /** The figures are of selected customers only (a cross-filter): the labels say so. */
  @property({ type: Boolean }) selected = false;
  /** Locale of numbers and dates (default: the language in force, from `lang`). */
  @property() locale?: string;
  /** ISO 4217 code for money figures; plain numbers when unset. */
  @property() currency?: string;

  private msg = new Localized(this, messages);
  /** Inside a `<rapport-data>`: the provider's headline figures (of the selection while one is in force). Outside one, nothing. */
  private fromProvider = new RapportDataConsumer(this, (s) => {
    this.headline = s.headline;
    this.selected = s.headlineSelected;
    fillCurrency(this, s);
  });

  override render() {
    const h = this.headline;
    if (!h) return nothing;
    const t = (k: keyof typeof messages.en) => this.msg.t(k);
    const f = formats(this.locale ?? this.msg.tag, this.currency);
    const items: [string, string, boolean?][] = [
      [t(this.selected ? 'selected.customers' : 'customers'), f.integer(h.customers)],
      [t('orders'), f.integer(h.orders)],
      [t('revenue'), f.money(h.revenue)],
      [t('aov'), h.averageOrderValue === null ? '–' : f.money(h.averageOrderValue)],
      [t('repeat'), h.repeatRate === null ? '–' : f.percent(h.repeatRate)],
      [t('first'), h.firstOrder ? f.date(h.firstOrder) : '–', true],
      [t('last'), h.lastOrder ? f.date(h.lastOrder) : '–', true],
    ];
    return html`<dl aria-label=${t(this.selected ? 'selected.label' : 'label')}>
      ${items.map(
        ([label, value, date]) => html`<div part="figure"><dt>${label}</dt><dd part="value" class=${date ? 'date' : nothing}>${value}</dd></div>`,
      )}
    </dl>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-headline': RapportHeadline;
  }
}
