import { html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { formats } from '../format.js';
import { intlLocale, Localized } from '../base/i18n.js';
import { REJECT_REASONS, type LoadReport, type RejectReason } from '../../data/ingest/types.js';
import { orderColumnMessages } from '../mapping-form/messages.js';
import { messages } from './messages.js';
import { RapportDataConsumer } from '../base/data-consumer.js';
import { noticeText, noticesOrTexts } from '../base/notices/index.js';
import { rejectReasonNotice } from '../../data/ingest/ingest-notices.js';

type Key = keyof (typeof messages)['en'];
const isReason = (code: string): code is RejectReason => (REJECT_REASONS as readonly string[]).includes(code);

/**
 * @summary What a load did: rows read, loaded and rejected (by reason, with lines), the
 * column mapping used, and warnings. `read = loaded + rejected`, always. The report is not a
 * live region: whoever loads the data (the dashboard) announces the outcome once.
 * Its words follow the `lang` in force (en, pt, es, fr, ms), the warnings too (from the report's
 * `notices`; a report without them shows its `warnings` as given); file and column names come
 * from the data and are shown as given.
 * @csspart card - The outer box.
 * @csspart title - The heading.
 * @csspart summary - The one-line summary.
 * @csspart loaded - The count of loaded rows in the summary.
 * @csspart rejected - The count of rejected rows in the summary.
 * @csspart warning - Each warning.
 * @csspart facts - The list of format, columns used and duration.
 * @csspart label - Each fact's name.
 * @csspart value - Each fact's value.
 * @csspart column - Each input column's name in the columns used.
 * @csspart toggle - The "Rejected rows by reason" disclosure.
 * @csspart reasons - The list of reject reasons with their counts.
 * @csspart table - The table of rejected rows (also named `rejects`).
 * @csspart rejects - The table of rejected rows.
 * @csspart table-header - Each header cell of that table.
 * @csspart table-row - Each body row of that table.
 * @csspart table-cell - Each body cell of that table.
 * @cssproperty --rapport-load-report-background - Background of the report (default: `--rapport-color-surface`).
 * @cssproperty --rapport-load-report-border-color - Border of the report (default: `--rapport-color-border`).
 * @cssproperty --rapport-load-report-loaded-color - Colour of the loaded count (default: `--rapport-color-success`).
 * @cssproperty --rapport-load-report-rejected-color - Colour of a non-zero rejected count (default: `--rapport-color-danger`).
 * @cssproperty --rapport-load-report-warning-color - Text of the warnings (default: `--rapport-color-warning`).
 * @cssproperty --rapport-load-report-warning-background - Background of the warnings (default: `--rapport-color-warning-surface`).
 * @cssproperty --rapport-load-report-label-color - Colour of the fact names and table headers (default: `--rapport-color-text-muted`).
 * @cssproperty --rapport-load-report-column-background - Background of the input column names (default: `--rapport-color-surface-alt`).
 */
@customElement('rapport-load-report')
export class RapportLoadReport extends RapportElement {
  static override styles = [
    themeTokens,
    css`
      :host {
        display: block;
      }
      section {
        background: var(--rapport-load-report-background, var(--_surface));
        border: 1px solid var(--rapport-load-report-border-color, var(--_border));
        border-radius: var(--_radius);
        padding: var(--_gap);
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 0.5em;
      }
      .summary {
        margin: 0 0 0.5em;
      }
      .ok {
        color: var(--rapport-load-report-loaded-color, var(--_success));
        font-weight: 600;
      }
      .bad {
        color: var(--rapport-load-report-rejected-color, var(--_danger));
        font-weight: 600;
      }
      .warning {
        background: var(--rapport-load-report-warning-background, var(--_warning-surface));
        color: var(--rapport-load-report-warning-color, var(--_warning));
        border-radius: calc(var(--_radius) / 2);
        padding: 0.4em 0.7em;
        margin: 0.4em 0;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.2em 1em;
        margin: 0.5em 0;
        font-size: 0.9em;
      }
      dt {
        color: var(--rapport-load-report-label-color, var(--_muted));
      }
      dd {
        margin: 0;
      }
      table {
        border-collapse: collapse;
        font-size: 0.85em;
        margin-top: 0.5em;
        width: 100%;
      }
      th,
      td {
        text-align: start;
        padding: 0.2em 0.6em;
        border-bottom: 1px solid var(--_border);
      }
      th {
        color: var(--rapport-load-report-label-color, var(--_muted));
        font-weight: 600;
      }
      details summary {
        cursor: pointer;
        margin-top: 0.4em;
      }
      code {
        font-family: var(--_font-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
        font-size: 0.9em;
        background: var(--rapport-load-report-column-background, var(--_surface-alt));
        padding: 0 0.25em;
        border-radius: var(--_radius-small, 3px);
      }
    `,
  ];

  /** The report of the last load (the `rapport-load` event's detail); nothing is shown while null. */
  @property({ attribute: false }) report: LoadReport | null = null;
  /** Locale of numbers (default: the language in force, from `lang`). */
  @property() locale?: string;

  private msg = new Localized(this, messages);
  /** Inside a `<rapport-data>`: the provider's load report. Outside one, nothing. */
  private fromProvider = new RapportDataConsumer(this, (s) => {
    this.report = s.report;
  });

  /** A reject reason in the interface language; a code this version does not know is shown as it is. */
  private reason(code: string): string {
    return isReason(code) ? noticeText(rejectReasonNotice(code), this.msg.lang, intlLocale(this.locale) ?? this.msg.tag) : code;
  }

  override render() {
    const r = this.report;
    if (!r) return nothing;
    const f = formats(this.locale ?? this.msg.tag);
    // `n` picks the plural form, `count` is the number as the locale writes it.
    const count = (key: Key, n: number, params: Record<string, string> = {}) => this.msg.t(key, { ...params, n, count: f.integer(n) });
    const t = (key: Key, params?: Record<string, string>) => this.msg.t(key, params);
    const reasons = Object.entries(r.rejectedByReason) as [RejectReason, number][];
    const mapping = Object.entries(r.mapping).filter(([, c]) => c);
    const role = (name: string) => {
      const key = `role.${name}`;
      return key in orderColumnMessages.en ? this.msg.from(orderColumnMessages, key as keyof (typeof orderColumnMessages)['en']) : name;
    };
    const format = r.format.toUpperCase();
    return html`<section part="card" aria-labelledby="title">
      <h2 id="title" part="title">${t('title', { file: r.file })}</h2>
      <p class="summary" part="summary">
        ${count('read', r.rowsRead)} <span class="ok" part="loaded">${count('loaded', r.rowsLoaded)}</span>,
        <span class=${r.rowsRejected ? 'bad' : 'ok'} part="rejected">${count('rejected', r.rowsRejected)}</span>${r.aggregatedLines
          ? html`, ${count('combined', r.orders + r.returns.orders)}`
          : nothing}.
        ${r.returns.orders ? count('returns', r.returns.orders, { policy: t(r.returns.policy === 'net' ? 'policy.net' : 'policy.exclude') }) : nothing}
      </p>
      ${noticesOrTexts(r.notices, r.warnings, this.msg.lang, intlLocale(this.locale) ?? this.msg.tag).map((w) => html`<p class="warning" part="warning">${w}</p>`)}
      <dl part="facts">
        <dt part="label">${t('fact.format')}</dt>
        <dd part="value">
          ${r.format === 'csv'
            ? t('csv', {
                format,
                order: this.msg.from(orderColumnMessages, `dateOrder.${r.dateOrder}`),
                decimal: t(r.decimal === 'comma' ? 'decimal.comma' : 'decimal.point'),
              })
            : format}
        </dd>
        <dt part="label">${t('fact.columns')}</dt>
        <dd part="value">${mapping.map(([name, col], i) => html`${i ? ', ' : ''}${role(name)} ← <code part="column">${col}</code>`)}</dd>
        <dt part="label">${t('fact.duration')}</dt>
        <dd part="value">${t('duration', { seconds: f.decimal(Math.round(r.durationMs / 100) / 10) })}</dd>
      </dl>
      ${reasons.length
        ? html`<details>
            <summary part="toggle">${t('rejects.summary')}</summary>
            <ul part="reasons">
              ${reasons.map(([reason, n]) => html`<li>${t('rejects.count', { count: f.integer(n), reason: this.reason(reason) })}</li>`)}
            </ul>
            <table part="table rejects">
              <caption class="visually-hidden">${t('rejects.caption')}</caption>
              <thead>
                <tr>
                  <th part="table-header" scope="col">${t('col.line')}</th>
                  <th part="table-header" scope="col">${t('col.reason')}</th>
                  <th part="table-header" scope="col">${t('col.column')}</th>
                  <th part="table-header" scope="col">${t('col.value')}</th>
                </tr>
              </thead>
              <tbody>
                ${r.rejectSamples.map(
                  (s) => html`<tr part="table-row">
                    <td part="table-cell">${s.line}</td>
                    <td part="table-cell">${this.reason(s.reason)}</td>
                    <td part="table-cell">${s.column ?? ''}</td>
                    <td part="table-cell">${s.value ?? s.detail ?? ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </details>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-load-report': RapportLoadReport;
  }
}
