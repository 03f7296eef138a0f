/**
 * Messages with placeholders and plural forms, filled for a language: shared by the interface
 * (every language) and the data layer, which words its notices in English from the same
 * templates the interface translates (see notice.ts).
 */

/**
 * A message: plain text with `{name}` placeholders, or plural forms chosen by the number given
 * as `n` (Intl.PluralRules categories; `other` is required and used for any form not given).
 */
export type Message = string | Readonly<{ one?: string; two?: string; few?: string; many?: string; zero?: string; other: string }>;
export type Messages<K extends string> = Readonly<Record<K, Message>>;
/** A value worded elsewhere and placed in a message as it reads (a notice inside a notice). */
export interface WordedValue {
  readonly text: string;
}
/** A message's values: numbers (formatted for the locale), text as written, or worded values. */
export type MessageParams = Readonly<Record<string, string | number | WordedValue>>;

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralOf(lang: string, n: number): Intl.LDMLPluralRule {
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
 * Fills a message: picks the plural form of `lang` for `params.n`, then replaces each `{name}`
 * by its parameter (numbers formatted for `locale`). Unknown placeholders stay visible so a test
 * sees them.
 */
export function formatMessage(message: Message, lang: string, params: MessageParams = {}, locale?: string): string {
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
    return typeof v === 'number' ? formatNumber(locale, v) : typeof v === 'string' ? v : v.text;
  });
}
