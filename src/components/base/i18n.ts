import type { ReactiveController, ReactiveControllerHost } from 'lit';

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

/**
 * A message: plain text with `{name}` placeholders, or plural forms chosen by the number given
 * as `n` (Intl.PluralRules categories; `other` is required and used for any form not given).
 */
export type Message = string | Readonly<{ one?: string; two?: string; few?: string; many?: string; zero?: string; other: string }>;
export type Messages<K extends string> = Readonly<Record<K, Message>>;
/** One element's messages in every language. */
export type Catalog<K extends string> = Readonly<Record<Language, Messages<K>>>;
export type MessageParams = Readonly<Record<string, string | number>>;

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

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralOf(lang: Language, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang);
  // The Portuguese texts are European Portuguese, whose plural rule differs from the Brazilian
  // one CLDR gives plain "pt" (there, 0 takes the singular: "0 sugestão").
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang === 'pt' ? 'pt-PT' : lang)));
  return rules.select(n);
}
const numberFormats = new Map<string, Intl.NumberFormat>();
function formatNumber(locale: string | undefined, n: number): string {
  const key = locale ?? '';
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })));
  return f.format(n);
}

/**
 * Fills a message: picks the plural form for `params.n`, then replaces each `{name}` by its
 * parameter (numbers formatted for `locale`). Unknown placeholders stay visible so a test sees them.
 */
export function formatMessage(message: Message, lang: Language, params: MessageParams = {}, locale?: string): string {
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const n = typeof params.n === 'number' ? params.n : Number(params.n);
    const form = Number.isFinite(n) ? pluralOf(lang, n) : 'other';
    text = message[form] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? formatNumber(locale, v) : v;
  });
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
