import { LitElement } from 'lit';

/** Base for Rapport elements: a typed `emit` for bubbling, composed custom events. */
export class RapportElement extends LitElement {
  emit<K extends keyof RapportEventMap>(name: K, detail: RapportEventMap[K]): boolean {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: true }));
  }
}

/** Every event Rapport elements send, with its detail type. Extended per component. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface RapportEventMap {}
