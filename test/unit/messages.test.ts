import { describe, expect, it } from 'vitest';
import { LANGUAGES, formatMessage, languageOf, loadLanguage, type Catalog, type Message } from '../../src/components/base/i18n.js';
import es from '../../src/components/i18n/es.js';
import fr from '../../src/components/i18n/fr.js';
import ms from '../../src/components/i18n/ms.js';
import pt from '../../src/components/i18n/pt.js';

// Every element's catalog (`messages.ts` beside it) and the shared words.
const modules = import.meta.glob<Record<string, unknown>>(
  ['../../src/components/**/messages.ts', '../../src/components/base/common-messages.ts', '../../src/components/base/notices/*.ts'],
  { eager: true },
);
const catalogs: [string, Catalog<string>][] = [];
for (const [path, mod] of Object.entries(modules)) {
  for (const [name, value] of Object.entries(mod)) {
    if (value && typeof value === 'object' && 'en' in value && 'ms' in value) catalogs.push([`${path.replace('../../src/components/', '')} ${name}`, value as Catalog<string>]);
  }
}

// The other languages are language packs (components/i18n/<lang>.ts) that fill each catalog when
// loaded: load them all, so the checks below read what an element in each language reads.
await Promise.all(LANGUAGES.map(loadLanguage));

const forms = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m).filter((v): v is string => typeof v === 'string'));
const placeholders = (m: Message): string[] => [...new Set(forms(m).flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1] as string)))].sort();

describe('message catalogs', () => {
  it('are found', () => {
    expect(catalogs.length).toBeGreaterThanOrEqual(2);
  });

  it('each language pack translates every catalog and nothing else', () => {
    // A pack entry no catalog is defined with would be words nobody shows; a catalog that no
    // pack entry fills fails its languages' checks below.
    for (const pack of [pt, es, fr, ms]) expect(Object.keys(pack).length).toBe(catalogs.length);
  });

  for (const [name, catalog] of catalogs) {
    describe(name, () => {
      const keys = Object.keys(catalog.en).sort();
      for (const lang of LANGUAGES) {
        it(`${lang}: every key, none empty, the same placeholders as English`, () => {
          expect(Object.keys(catalog[lang]).sort()).toEqual(keys);
          for (const key of keys) {
            const m = catalog[lang][key] as Message;
            if (typeof m !== 'string') expect(m.other, `${lang} ${key}: plural forms need "other"`).toBeTruthy();
            for (const form of forms(m)) expect(form.trim(), `${lang} ${key}`).not.toBe('');
            expect(placeholders(m), `${lang} ${key}`).toEqual(placeholders(catalog.en[key] as Message));
          }
        });
      }
      // A language whose texts are mostly the English ones was not translated. Short labels may
      // coincide (Suggestion, Client, NPS), so this asks for a majority, not every key.
      for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
        it(`${lang}: translated, not copied from English`, () => {
          const same = keys.filter((k) => JSON.stringify(catalog[lang][k]) === JSON.stringify(catalog.en[k]));
          expect(same.length, `${lang} copies ${same.join(', ')}`).toBeLessThanOrEqual(Math.max(2, keys.length * 0.25));
        });
      }
    });
  }
});

describe('formatMessage', () => {
  it('fills placeholders, formats numbers for the locale and picks plural forms', () => {
    const m = { one: '{n} cliente', other: '{n} clientes' };
    expect(formatMessage(m, 'pt', { n: 1 }, 'pt-BR')).toBe('1 cliente');
    expect(formatMessage(m, 'pt', { n: 1234 }, 'pt-BR')).toBe('1.234 clientes');
    // European Portuguese, as the texts are written: zero takes the plural.
    expect(formatMessage(m, 'pt', { n: 0 }, 'pt-PT')).toBe('0 clientes');
    expect(formatMessage('{n} pelanggan', 'ms', { n: 2 }, 'ms')).toBe('2 pelanggan');
    expect(formatMessage('{who} bought {n}', 'en', { who: 'Ana' })).toBe('Ana bought {n}');
  });

  it('uses "other" for plural categories a message does not give (French "many")', () => {
    expect(formatMessage({ one: '{n} client', other: '{n} clients' }, 'fr', { n: 1_000_000 }, 'fr')).toMatch(/clients$/);
    expect(formatMessage({ one: '{n} client', other: '{n} clients' }, 'fr', { n: 0 }, 'fr')).toBe('0 client');
  });
});

describe('languageOf', () => {
  it('takes the primary subtag when Rapport speaks it, else English', () => {
    expect(languageOf('pt-BR')).toBe('pt');
    expect(languageOf('ms_MY')).toBe('ms');
    expect(languageOf('FR')).toBe('fr');
    expect(languageOf('de-DE')).toBe('en');
    expect(languageOf('')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });
});
