import { html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { formats } from '../format.js';
import { REJECT_REASON_TEXT, type LoadReport, type RejectReason } from '../../data/ingest/types.js';

/**
 * @summary What a load did: rows read, loaded and rejected (by reason, with lines), the
 * column mapping used, and warnings. `read = loaded + rejected`, always. The report is not a
 * live region: whoever loads the data (the dashboard) announces the outcome once.
 * @csspart summary - The one-line summary.
 * @csspart warning - Each warning.
 * @csspart rejects - The table of rejected rows.
 * @cssproperty --rapport-load-report-background - Background of the report.
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
        border: 1px solid var(--_border);
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
        color: var(--_success);
        font-weight: 600;
      }
      .bad {
        color: var(--_danger);
        font-weight: 600;
      }
      .warning {
        background: var(--_warning-surface);
        color: var(--_warning);
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
        color: var(--_muted);
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
        text-align: left;
        padding: 0.2em 0.6em;
        border-bottom: 1px solid var(--_border);
      }
      th {
        color: var(--_muted);
        font-weight: 600;
      }
      details summary {
        cursor: pointer;
        margin-top: 0.4em;
      }
      code {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 0.9em;
        background: var(--_surface-alt);
        padding: 0 0.25em;
        border-radius: 3px;
      }
    `,
  ];

  @property({ attribute: false }) report: LoadReport | null = null;
  @property() locale?: string;

  override render() {
    const r = this.report;
    if (!r) return nothing;
    const f = formats(this.locale);
    const reasons = Object.entries(r.rejectedByReason) as [RejectReason, number][];
    const mapping = Object.entries(r.mapping).filter(([, c]) => c);
    return html`<section aria-labelledby="title">
      <h2 id="title">Load report: ${r.file}</h2>
      <p class="summary" part="summary">
        ${f.integer(r.rowsRead)} rows read: <span class="ok">${f.integer(r.rowsLoaded)} loaded</span>,
        <span class=${r.rowsRejected ? 'bad' : 'ok'}>${f.integer(r.rowsRejected)} rejected</span>${r.aggregatedLines ? html`, combined into ${f.integer(r.orders + r.returns.orders)} orders` : nothing}.
        ${r.returns.orders ? html`${f.integer(r.returns.orders)} returns or cancellations (${r.returns.policy === 'net' ? 'netted against spend' : 'excluded'}).` : nothing}
      </p>
      ${r.warnings.map((w) => html`<p class="warning" part="warning">${w}</p>`)}
      <dl>
        <dt>Format</dt>
        <dd>${r.format.toUpperCase()}${r.format === 'csv' ? html`, dates ${r.dateOrder}, decimal ${r.decimal}` : nothing}</dd>
        <dt>Columns used</dt>
        <dd>${mapping.map(([role, col], i) => html`${i ? ', ' : ''}${role} ← <code>${col}</code>`)}</dd>
        <dt>Loaded in</dt>
        <dd>${(r.durationMs / 1000).toFixed(1)} s</dd>
      </dl>
      ${reasons.length
        ? html`<details>
            <summary>Rejected rows by reason</summary>
            <ul>
              ${reasons.map(([reason, n]) => html`<li>${f.integer(n)}: ${REJECT_REASON_TEXT[reason]}</li>`)}
            </ul>
            <table part="rejects">
              <caption class="visually-hidden">First rejected rows</caption>
              <thead>
                <tr><th scope="col">Line</th><th scope="col">Reason</th><th scope="col">Column</th><th scope="col">Value</th></tr>
              </thead>
              <tbody>
                ${r.rejectSamples.map(
                  (s) => html`<tr>
                    <td>${s.line}</td>
                    <td>${REJECT_REASON_TEXT[s.reason]}</td>
                    <td>${s.column ?? ''}</td>
                    <td>${s.value ?? s.detail ?? ''}</td>
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
