/** Number and date formatting shared by the elements; locale and currency come from the page. */
export interface Formats {
  integer(n: number): string;
  money(n: number): string;
  percent(x: number): string;
  /** Up to two decimals, no trailing zeros: cut points such as 297.4. */
  decimal(x: number): string;
  /** A calendar day (`YYYY-MM-DD`, as the engine gives it) in the locale's medium style; other text unchanged. */
  date(iso: string): string;
  /** A calendar day in the locale's numeric style (`05/01/2024` in pt, `1/5/2024` in en-US), for table columns. */
  shortDate(iso: string): string;
  /** A month (`YYYY-MM` or a day in it) in the locale's short style, e.g. `Mar 2024`. */
  month(iso: string): string;
}

// Elements format on every render: build each set of formatters once per (locale, currency).
const cache = new Map<string, Formats>();

/**
 * Formatters for a locale and an ISO 4217 currency. Both come from attributes a page author
 * types, so a malformed value (`en_US`, `euro`) must not make Intl throw inside a render:
 * an invalid locale falls back to the browser's, an invalid currency to plain numbers, and
 * the console says so once.
 */
export function formats(locale?: string, currency?: string): Formats {
  const key = `${locale ?? ''}\u0000${currency ?? ''}`;
  let f = cache.get(key);
  if (!f) {
    f = build(validLocale(locale), currency);
    cache.set(key, f);
  }
  return f;
}

function validLocale(locale?: string): string | undefined {
  if (!locale) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    console.warn(`[rapport] "${locale}" is not a valid locale (e.g. en-US, fr-FR); using the browser's.`);
    return undefined;
  }
}

/** A value made on first use. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/**
 * The formatters of a locale, each made on first use: making one costs the first time ICU's data
 * for it (eight at once were a 76 ms task on a busy 2-core machine).
 */
function build(locale: string | undefined, currency?: string): Formats {
  const integer = lazy(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }));
  const plain = lazy(() => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  // A currency is checked at once, so a page that gives a bad one is told as it renders.
  let money = plain;
  if (currency) {
    try {
      const withCurrency = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2 });
      money = () => withCurrency;
    } catch {
      console.warn(`[rapport] "${currency}" is not an ISO 4217 currency code (e.g. EUR, USD); money is shown as plain numbers.`);
    }
  }
  const percent = lazy(() => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }));
  const decimal = lazy(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }));
  const day = lazy(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }));
  const month = lazy(() => new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }));
  const numericDay = lazy(() => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }));
  const asDate = (iso: string, fmt: () => Intl.DateTimeFormat) => {
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
    return m ? fmt().format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? 1))) : iso;
  };
  return {
    integer: (n) => integer().format(n),
    money: (n) => money().format(n),
    percent: (x) => percent().format(x),
    decimal: (x) => decimal().format(x),
    date: (iso) => asDate(iso, day),
    shortDate: (iso) => asDate(iso, numericDay),
    month: (iso) => asDate(iso, month),
  };
}
