/**
 * Signed figures with a fixed number of decimals (gaps: "−1.20", "+0.35", "0.00"), which the
 * shared formats() do not offer. Same locale handling: an invalid locale falls back to the
 * browser's instead of throwing inside a render.
 */
const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions, key: string): Intl.NumberFormat {
  const k = `${locale ?? ''}\u0000${key}`;
  let nf = cache.get(k);
  if (!nf) {
    try {
      nf = new Intl.NumberFormat(locale ? Intl.getCanonicalLocales(locale)[0] : undefined, options);
    } catch {
      nf = new Intl.NumberFormat(undefined, options);
    }
    cache.set(k, nf);
  }
  return nf;
}

/**
 * A gap: sign always shown except for zero, `digits` decimals (default 2). Negative numbers get a
 * true minus sign (U+2212, "−1.20"), as wide as the plus, where Intl gives a hyphen-minus (en-US);
 * a value that rounds to zero shows no sign at all.
 */
export function signed(x: number, locale?: string, digits = 2): string {
  return numberFormat(locale, { signDisplay: 'exceptZero', minimumFractionDigits: digits, maximumFractionDigits: digits }, `s${digits}`)
    .format(x)
    .replace(/-/g, '\u2212');
}

/** A mean on a scale: `digits` decimals (default 2), no sign. */
export function fixed(x: number, locale?: string, digits = 2): string {
  return numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }, `f${digits}`).format(x);
}
