import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatMessage, type MessageParams, type Messages } from '../../analytics/message-format.js';
import type { CatalogName, LanguagePack } from '../i18n/language-pack.js';

/**
 * The interface's languages and messages.
 *
 * English is built in: each element's `messages.ts` defines its English words with
 * `defineCatalog(name, english)`, and English is the fallback for every key. The other languages
 * are language packs, one module per language (`components/i18n/pt.ts`, `es.ts`, `fr.ts`,
 * `ms.ts`) holding every catalog's words in that language, each required by the compiler to give
 * exactly the catalog's keys (`LanguagePack`). A pack is imported on demand (`loadLanguage`), so
 * the bundler emits it as a chunk of its own that only a page in that language downloads: the
 * page's language (`<html lang>`) starts loading as soon as this module is evaluated, and an
 * element rendering in another language (`Localized`) loads it and waits for it, so no English
 * flashes by. Code that words messages itself (`translate`, `noticeText`) gets English until the
 * language is loaded: await `loadLanguage` first.
 */
export const LANGUAGES = ['en', 'pt', 'es', 'fr', 'ms'] as const;
export type Language = (typeof LANGUAGES)[number];
/** A language whose words come in a language pack, loaded on demand. */
export type PackedLanguage = Exclude<Language, 'en'>;
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
export type { CatalogName, LanguagePack } from '../i18n/language-pack.js';

/**
 * Messages in every language: English, which fixes the keys, and each other language's words
 * as far as they are loaded (a catalog of `defineCatalog` has them once `loadLanguage` resolved;
 * one of `defineMessages` has them all along). A missing word falls back to English.
 */
export type Catalog<K extends string> = { readonly en: Messages<K> } & { readonly [L in PackedLanguage]: Partial<Messages<K>> };

/**
 * Messages given in every language at once, built in (a page's own words, as the demo's):
 * English first (it fixes the keys), then every other language, each required to have exactly
 * those keys. The library's own catalogs use `defineCatalog`, whose translations load on demand.
 */
export function defineMessages<K extends string>(
  en: Messages<K>,
  others: Readonly<Record<PackedLanguage, Messages<NoInfer<K>>>>,
): Readonly<Record<Language, Messages<K>>> {
  return { en, ...others };
}

// The catalogs of `defineCatalog` by name, and the packs loaded so far. A pack's words are copied
// into each catalog's (until then empty) language entry, so a catalog stays one object that code
// holds on to, and lookups stay synchronous.
const catalogs = new Map<CatalogName, Catalog<string>>();
const loaded = new Map<PackedLanguage, LanguagePack>();
const loading = new Map<PackedLanguage, Promise<void>>();
/** Called with each language as it arrives: every element that rendered without it re-renders (whoever asked for it). */
const arrivals = new Set<(lang: Language) => void>();

function fill(catalog: Catalog<string>, lang: PackedLanguage, pack: LanguagePack, name: CatalogName): void {
  Object.assign(catalog[lang], pack[name]);
}

/**
 * A library catalog: its English words (which fix the keys), built in; its other languages come
 * from the language packs (`components/i18n/<lang>.ts`, keyed by `name`) when loaded.
 */
export function defineCatalog<K extends string>(name: CatalogName, en: Messages<K>): Catalog<K> {
  const catalog: Catalog<K> = { en, pt: {}, es: {}, fr: {}, ms: {} };
  catalogs.set(name, catalog);
  for (const [lang, pack] of loaded) fill(catalog, lang, pack, name);
  return catalog;
}

// Each pack a dynamic import of its own, so the bundler makes one chunk per language.
const PACKS: Readonly<Record<PackedLanguage, () => Promise<{ default: LanguagePack }>>> = {
  pt: () => import('../i18n/pt.js'),
  es: () => import('../i18n/es.js'),
  fr: () => import('../i18n/fr.js'),
  ms: () => import('../i18n/ms.js'),
};

/** Whether `lang`'s words are in place (English always is). */
export function isLanguageLoaded(lang: Language): boolean {
  return lang === 'en' || loaded.has(lang);
}

/**
 * Loads `lang`'s words into every catalog (at once for English or a language already loaded).
 * Never rejects: when the pack cannot be fetched, the interface stays in English, a warning is
 * logged, and the next call asks again (a browser may keep answering with the same failure
 * until the page is reloaded).
 */
export function loadLanguage(lang: Language): Promise<void> {
  if (lang === 'en' || loaded.has(lang)) return Promise.resolve();
  let pending = loading.get(lang);
  if (!pending) {
    pending = PACKS[lang]().then(
      ({ default: pack }) => {
        loaded.set(lang, pack);
        for (const [name, catalog] of catalogs) fill(catalog, lang, pack, name);
        loading.delete(lang);
        for (const arrived of arrivals) arrived(lang);
      },
      (error: unknown) => {
        loading.delete(lang);
        console.warn(`Rapport: the ${LANGUAGE_NAMES[lang]} interface could not be loaded; showing English.`, error);
      },
    );
    loading.set(lang, pending);
  }
  return pending;
}

// The page's language starts loading with the library, before any element asks for it.
if (typeof document !== 'undefined') void loadLanguage(languageOf(document.documentElement.getAttribute('lang')));

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
export function shadowRootsAbove(el: Element): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  let root = el.getRootNode();
  while (root instanceof ShadowRoot) {
    roots.push(root);
    root = root.host.getRootNode();
  }
  return roots;
}

/**
 * How long an element's update waits for its language's pack before rendering in English (and
 * again, in its language, once the pack arrives). A pack is a small chunk fetched from beside the
 * library, usually in a few milliseconds; the wait only bounds a slow network.
 */
const LANGUAGE_WAIT_MS = 1500;

/**
 * Gives an element its interface language and its messages. The language follows the element's
 * `lang` attribute, or its nearest ancestor's (through shadow roots), or the page's, and the
 * element re-renders when it changes. A language not loaded yet is loaded (`loadLanguage`), and
 * the element's updates wait for it (at most `LANGUAGE_WAIT_MS`), so its first render is already
 * in its language and `updateComplete` resolves once it is.
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
  /** While the language is loading: what the host's updates wait for. */
  private waiting: Promise<void> | null = null;
  /** The last update rendered before the language was loaded (English words stand in). */
  private renderedWithout = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly catalog: Catalog<K>,
  ) {
    host.addController(this);
    // Lit lets an element defer its update by returning a promise from `scheduleUpdate` (and
    // `updateComplete` then waits for it too). A controller has no hook of its own for that, so
    // this one wraps the host's: an update waits while the language is loading.
    const el = host as unknown as { scheduleUpdate(): void | Promise<unknown> };
    const schedule = el.scheduleUpdate.bind(el);
    el.scheduleUpdate = () => (this.waiting ? this.waiting.then(schedule) : schedule());
  }

  hostConnected(): void {
    // Re-read on every connection: an element moved under another `lang` re-renders in it
    // (before the first render this only joins the update already pending).
    this.resolve(true);
    this.unwatch = watch(() => this.resolve(true));
    arrivals.add(this.arrived);
    // A `lang` set inside a shadow root (a chart inside a dashboard, an app built of web
    // components) reaches the element too.
    const roots = shadowRootsAbove(this.host);
    if (roots.length > 0 && typeof MutationObserver !== 'undefined') {
      this.shadowWatch = new MutationObserver(() => this.resolve(true));
      for (const root of roots) this.shadowWatch.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
    }
  }

  hostDisconnected(): void {
    arrivals.delete(this.arrived);
    this.unwatch?.();
    this.unwatch = null;
    this.shadowWatch?.disconnect();
    this.shadowWatch = null;
  }

  hostUpdate(): void {
    this.renderedWithout = !isLanguageLoaded(this.lang);
  }

  /** Re-reads the language, e.g. after the host's own `lang` changed. */
  resolve(update = true): void {
    const tag = intlLocale(langTagOf(this.host));
    const lang = languageOf(tag);
    if (tag === this.tag && lang === this.lang) return;
    this.tag = tag;
    this.lang = lang;
    if (isLanguageLoaded(lang)) this.waiting = null;
    else this.load(lang);
    if (update) this.host.requestUpdate();
  }

  /** A language arrived (asked for by this element or another): re-render if this one was shown without it. */
  private readonly arrived = (lang: Language): void => {
    if (lang === this.lang && this.renderedWithout) this.host.requestUpdate();
  };

  /** Loads `lang`, holding the host's updates meanwhile (bounded), and re-renders if it rendered without it. */
  private load(lang: Language): void {
    const loaded = loadLanguage(lang);
    const waiting: Promise<void> = Promise.race([loaded, new Promise<void>((done) => setTimeout(done, LANGUAGE_WAIT_MS))]).then(() => {
      if (this.waiting === waiting) this.waiting = null;
    });
    this.waiting = waiting;
    void loaded.then(() => {
      if (this.lang === lang && this.renderedWithout && isLanguageLoaded(lang)) this.host.requestUpdate();
    });
  }

  /**
   * Changes whenever what `t` returns may (the language, or its pack arriving): a key for text
   * rendered once and kept (e.g. Lit's `guard`).
   */
  get textKey(): string {
    return `${this.tag ?? ''}|${this.lang}|${isLanguageLoaded(this.lang) ? 1 : 0}`;
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
