/**
 * WCAG 2 contrast between two colours written as hex (`#rgb`, `#rrggbb`; an alpha channel is
 * ignored). Presets are checked with it in the tests, and the theming page shows it live while
 * a team edits, so a brand colour that makes labels unreadable is seen before it ships.
 */

/** The sRGB channels (0..255) of a hex colour, or null when it is not one. */
export function parseHex(value: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(value.trim());
  if (!m) return null;
  let hex = m[1]!;
  if (hex.length <= 4) hex = [...hex].map((c) => c + c).join('');
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** Relative luminance (WCAG 2.x definition). */
export function relativeLuminance([r, g, b]: readonly [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Contrast ratio (1..21) of two hex colours; NaN when either is not a hex colour. */
export function contrastRatio(a: string, b: string): number {
  const ca = parseHex(a);
  const cb = parseHex(b);
  if (!ca || !cb) return NaN;
  const [hi, lo] = [relativeLuminance(ca), relativeLuminance(cb)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** WCAG AA minimums: body text, and large text or graphical objects (marks, focus rings). */
export const AA_TEXT = 4.5;
export const AA_NON_TEXT = 3;
