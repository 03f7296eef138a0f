import { html, css } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import '../events.js';

/**
 * @summary A place to drop order files, with a button that opens the file picker.
 * While `disabled`, a drag shows the no-drop cursor and nothing is emitted; the dashboard never
 * disables it (a new file replaces the load in progress).
 * @event rapport-files - The user dropped or picked files: `{ files: File[] }`.
 * @csspart zone - The drop area.
 * @csspart button - The "Choose a file" button.
 * @cssproperty --rapport-drop-zone-border - Border of the drop area.
 * @cssproperty --rapport-drop-zone-active-background - Background while a file is dragged over.
 */
@customElement('rapport-drop-zone')
export class RapportDropZone extends RapportElement {
  static override styles = [
    themeTokens,
    css`
      :host {
        display: block;
      }
      .zone {
        border: var(--rapport-drop-zone-border, 2px dashed var(--_border));
        border-radius: var(--_radius);
        padding: calc(var(--_gap) * 0.75) var(--_gap);
        display: flex;
        align-items: center;
        gap: var(--_gap);
        flex-wrap: wrap;
        background: var(--_surface);
      }
      .zone.active {
        background: var(--rapport-drop-zone-active-background, var(--_surface-alt));
        border-color: var(--_primary);
      }
      p {
        margin: 0;
        color: var(--_muted);
      }
      input {
        display: none;
      }
    `,
  ];

  /** File types offered in the picker (drops are never refused: bad files get a clear message). */
  @property() accept = '.csv,.tsv,.txt,.gz,.parquet,.arrow,.feather,.json,.ndjson,.jsonl';
  @property({ type: Boolean, reflect: true }) disabled = false;
  @state() private active = false;
  @query('input') private input!: HTMLInputElement;
  @query('button') private button!: HTMLButtonElement;

  /** Focus the "Choose a file…" button (where focus goes when what had it disappears). */
  override focus(options?: FocusOptions) {
    this.button?.focus(options);
  }

  private onDragOver(e: DragEvent) {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = this.disabled ? 'none' : 'copy';
    this.active = !this.disabled;
  }

  private onDrop(e: DragEvent) {
    e.preventDefault();
    this.active = false;
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (!this.disabled && files.length) this.emit('rapport-files', { files });
  }

  private onPick() {
    const files = Array.from(this.input.files ?? []);
    this.input.value = '';
    if (files.length) this.emit('rapport-files', { files });
  }

  override render() {
    return html`<div
      part="zone"
      class="zone ${this.active ? 'active' : ''}"
      @dragover=${this.onDragOver}
      @dragenter=${this.onDragOver}
      @dragleave=${() => (this.active = false)}
      @drop=${this.onDrop}
    >
      <button part="button" class="primary" aria-describedby="hint" ?disabled=${this.disabled} @click=${() => this.input.click()}>Choose a file…</button>
      <p id="hint">or drop an order export here: CSV, TSV, Parquet, Arrow or JSON, gzipped or not.</p>
      <input type="file" aria-label="Order file" accept=${this.accept} @change=${this.onPick} />
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-drop-zone': RapportDropZone;
  }
}
