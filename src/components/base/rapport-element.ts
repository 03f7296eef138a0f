import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { renderedWithin, updateForgotten, updateInTurn, updateRequested } from './render-turns.js';

/**
 * Base for Rapport elements: a typed `emit` for bubbling, composed custom events, and updates
 * rendered in turns (render-turns.ts): an update that would start late in a busy task waits for
 * a task of its own, and `updateComplete` waits for the children's that do.
 */
export class RapportElement extends LitElement {
  /**
   * Colour scheme of this element and every Rapport element inside it: `light` or `dark`;
   * unset follows the reader's preference (prefers-color-scheme). Read by the theme styles
   * only (components/base/theme.ts), so it needs no code in the element.
   */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  override connectedCallback(): void {
    super.connectedCallback();
    updateRequested(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    updateForgotten(this);
  }

  override requestUpdate(...args: Parameters<LitElement['requestUpdate']>): void {
    super.requestUpdate(...args);
    if (this.isConnected) updateRequested(this);
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return updateInTurn(this, () => super.scheduleUpdate());
  }

  /**
   * Once the element has settled: its update done, and any it asked for in `updated()` (a chart
   * drawing in blocks), and every update inside it (render-turns.ts).
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    for (;;) {
      while (!(await super.getUpdateComplete())) {
        // Another update was asked for during the last: wait for it too.
      }
      await renderedWithin(this.renderRoot);
      // A child's update may have asked this element for another.
      if (!this.isUpdatePending) return true;
    }
  }

  emit<K extends keyof RapportEventMap>(name: K, detail: RapportEventMap[K]): boolean {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: true }));
  }
}

/** Every event Rapport elements send, with its detail type. Extended per component. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface RapportEventMap {}
