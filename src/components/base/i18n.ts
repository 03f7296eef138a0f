import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatMessage, type MessageParams, type Messages } from '../../analytics/message-format.js';

/**
 * The languages of the interface. English is the source; every other language must give every
 * key (the compiler checks it through `defineMessages`), so no element ever shows a raw key.
 */
export const LANGUAGES = ['en', 'pt', 'es', 'fr', 'ms'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Each language's name in itself, for language pickers. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  pt: 'Português',
  es: 'Español',
  fr: 'Français',
  ms: 'Bahasa Melayu',
};

export type { Message, MessageParams, Messages } from '../../analytics/message-format.js';
export { formatMessage } from '../../analytics/message-format.js';
/** One element's messages in every language. */
export type Catalog<K extends string> = Readonly<Record<Language, Messages<K>>>;

/**
 * An element's messages: English first (it fixes the keys), then every other language, each
 * required to have exactly those keys.
 */
export function defineMessages<K extends string>(
  en: Messages<K>,
  others: Readonly<Record<Exclude<Language, 'en'>, Messages<NoInfer<K>>>>,
): Catalog<K> {
  return { en, ...others };
}

/** The interface language for a language tag: its primary subtag when Rapport speaks it, else English. */
export function languageOf(tag: string | null | undefined): Language {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : 'en';
}

/** A valid BCP 47 tag for Intl, or undefined (the browser's) when the tag is empty or malformed. */
export function intlLocale(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.replace('_', '-'))[0];
  } catch {
    return undefined;
  }
}

/** The message of `key` in `lang`, filled with `params`. */
export function translate<K extends string>(catalog: Catalog<K>, lang: Language, key: K, params?: MessageParams, locale?: string): string {
  const message = catalog[lang][key] ?? catalog.en[key];
  return message === undefined ? `⟦${key}⟧` : formatMessage(message, lang, params, locale);
}

/**
 * The language tag that applies to an element: its own or its nearest ancestor's `lang`
 * attribute, looking through shadow roots to their hosts, then the page's `<html lang>`.
 */
export function langTagOf(el: Element): string | undefined {
  let node: Element | null = el;
  while (node) {
    const found: Element | null = node.closest('[lang]');
    if (found) {
      const tag = found.getAttribute('lang');
      if (tag) return tag;
      node = found.parentElement;
      continue;
    }
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return document.documentElement.getAttribute('lang') || undefined;
}

// One observer for every `lang` change in the page's light DOM (a dashboard's `lang`, the page's
// `<html lang>`). Mutation observers do not see into shadow roots, so each controller also
// watches the shadow roots it sits in (see Localized.hostConnected).
const listeners = new Set<() => void>();
let observer: MutationObserver | null = null;
function watch(listener: () => void): () => void {
  listeners.add(listener);
  if (!observer && typeof MutationObserver !== 'undefined') {
    observer = new MutationObserver(() => listeners.forEach((l) => l()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && observer) {
      observer.disconnect();
      observer = null;
    }
  };
}

/** The shadow roots an element sits in, innermost first. */
function shadowRootsAbove(el: Element): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  let root = el.getRootNode();
  while (root instanceof ShadowRoot) {
    roots.push(root);
    root = root.host.getRootNode();
  }
  return roots;
}

/**
 * Gives an element its interface language and its messages. The language follows the element's
 * `lang` attribute, or its nearest ancestor's (through shadow roots), or the page's, and the
 * element re-renders when it changes.
 *
 *     private msg = new Localized(this, messages);
 *     render() { return html`<h2>${this.msg.t('title')}</h2>`; }
 */
export class Localized<K extends string> implements ReactiveController {
  /** The interface language. */
  lang: Language = 'en';
  /** The full tag in force (e.g. `pt-BR`), valid for Intl, or undefined when none is set. */
  tag: string | undefined;
  private unwatch: (() => void) | null = null;
  private shadowWatch: MutationObserver | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly catalog: Catalog<K>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Re-read on every connection: an element moved under another `lang` re-renders in it
    // (before the first render this only joins the update already pending).
    this.resolve(true);
    this.unwatch = watch(() => this.resolve(true));
    // A `lang` set inside a shadow root (a chart inside a dashboard, an app built of web
    // components) reaches the element too.
    const roots = shadowRootsAbove(this.host);
    if (roots.length > 0 && typeof MutationObserver !== 'undefined') {
      this.shadowWatch = new MutationObserver(() => this.resolve(true));
      for (const root of roots) this.shadowWatch.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
    }
  }

  hostDisconnected(): void {
    this.unwatch?.();
    this.unwatch = null;
    this.shadowWatch?.disconnect();
    this.shadowWatch = null;
  }

  /** Re-reads the language, e.g. after the host's own `lang` changed. */
  resolve(update = true): void {
    const tag = intlLocale(langTagOf(this.host));
    const lang = languageOf(tag);
    if (tag === this.tag && lang === this.lang) return;
    this.tag = tag;
    this.lang = lang;
    if (update) this.host.requestUpdate();
  }

  /** The message of `key`, filled with `params` (`n` chooses the plural form). */
  t(key: K, params?: MessageParams): string {
    return translate(this.catalog, this.lang, key, params, this.tag);
  }

  /** A message of another catalog (shared words), in this element's language. */
  from<J extends string>(catalog: Catalog<J>, key: J, params?: MessageParams): string {
    return translate(catalog, this.lang, key, params, this.tag);
  }
}
