import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';

/** Base for Rapport elements: a typed `emit` for bubbling, composed custom events. */
export class RapportElement extends LitElement {
  /**
   * Colour scheme of this element and every Rapport element inside it: `light` or `dark`;
   * unset follows the reader's preference (prefers-color-scheme). Read by the theme styles
   * only (components/base/theme.ts), so it needs no code in the element.
   */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  emit<K extends keyof RapportEventMap>(name: K, detail: RapportEventMap[K]): boolean {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: true }));
  }
}

/** Every event Rapport elements send, with its detail type. Extended per component. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface RapportEventMap {}
