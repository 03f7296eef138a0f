import { html, css } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import { RapportElement } from '../base/rapport-element.js';
import { themeTokens } from '../base/theme.js';
import { Localized } from '../base/i18n.js';
import { messages } from './messages.js';
import '../events.js';

/**
 * @summary A place to drop order files, with a button that opens the file picker. Its words
 * follow the `lang` in force (en, pt, es, fr, ms).
 * While `disabled`, a drag shows the no-drop cursor and nothing is emitted; the dashboard never
 * disables it (a new file replaces the load in progress).
 * @event rapport-files - The user dropped or picked files: `{ files: File[] }`.
 * @csspart zone - The drop area (the outer box; also named `card`).
 * @csspart card - The drop area.
 * @csspart button - The "Choose a file" button.
 * @csspart note - The drop instructions beside the button.
 * @cssproperty --rapport-drop-zone-border - Border of the drop area (default: `2px dashed` in `--rapport-color-border`).
 * @cssproperty --rapport-drop-zone-background - Background of the drop area (default: `--rapport-color-surface`).
 * @cssproperty --rapport-drop-zone-active-background - Background while a file is dragged over (default: `--rapport-color-surface-alt`).
 * @cssproperty --rapport-drop-zone-active-border-color - Border colour while a file is dragged over (default: `--rapport-color-primary`).
 * @cssproperty --rapport-drop-zone-note-color - Colour of the instructions (default: `--rapport-color-text-muted`).
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
        background: var(--rapport-drop-zone-background, var(--_surface));
      }
      .zone.active {
        background: var(--rapport-drop-zone-active-background, var(--_surface-alt));
        border-color: var(--rapport-drop-zone-active-border-color, var(--_primary));
      }
      p {
        margin: 0;
        color: var(--rapport-drop-zone-note-color, var(--_muted));
      }
      input {
        display: none;
      }
    `,
  ];

  /** File types offered in the picker (drops are never refused: bad files get a clear message). */
  @property() accept = '.csv,.tsv,.txt,.gz,.parquet,.arrow,.feather,.json,.ndjson,.jsonl';
  /** While set, drops are ignored (the no-drop cursor shows) and the button is disabled. */
  @property({ type: Boolean, reflect: true }) disabled = false;
  @state() private active = false;
  @query('input') private input!: HTMLInputElement;
  @query('button') private button!: HTMLButtonElement;

  private msg = new Localized(this, messages);

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
      part="zone card"
      class="zone ${this.active ? 'active' : ''}"
      @dragover=${this.onDragOver}
      @dragenter=${this.onDragOver}
      @dragleave=${() => (this.active = false)}
      @drop=${this.onDrop}
    >
      <button part="button" class="primary" aria-describedby="hint" ?disabled=${this.disabled} @click=${() => this.input.click()}>
        ${this.msg.t('choose')}
      </button>
      <p id="hint" part="note">${this.msg.t('hint')}</p>
      <input type="file" aria-label=${this.msg.t('file')} accept=${this.accept} @change=${this.onPick} />
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rapport-drop-zone': RapportDropZone;
  }
}
