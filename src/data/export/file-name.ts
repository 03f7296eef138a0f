/** File names for downloads: safe on every common system, whatever text (segment names) they are built from. Pure. */

// Windows refuses these as file names whatever follows the first dot ("con.txt", "NUL.tar.gz").
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
/** At most this many characters (code points), extension included. */
const MAX_CHARS = 120;
/** At most this many UTF-8 bytes, extension included: ext4, APFS, NTFS... allow 255. */
const MAX_BYTES = 255;
const SUFFIX = '-file';

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

/** The longest prefix of `s` (whole code points: a surrogate pair is never split) within both limits. */
function capped(s: string, maxChars: number, maxBytes: number): string {
  let out = '';
  let chars = 0;
  let bytes = 0;
  for (const ch of s) {
    const b = utf8Bytes(ch);
    if (chars + 1 > maxChars || bytes + b > maxBytes) break;
    out += ch;
    chars += 1;
    bytes += b;
  }
  return out;
}

/**
 * A file name safe on every common system: no path separators, quotes, control or shell-special
 * characters, no leading dots (hidden files) or trailing dots/spaces, not a reserved Windows
 * device name (before its first dot), at most 120 characters and 255 UTF-8 bytes; the extension
 * (after the last dot) is kept. Letters of any script and their combining marks are kept; runs of
 * anything else become one `-`. Empty -> `fallback`.
 */
export function safeFileName(name: string, fallback = 'export'): string {
  const clean = (s: string) =>
    s
      .normalize('NFKC')
      .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.\p{M}]+|[-. ]+$/gu, '');
  // An extension is a short run of letters and digits after the last dot, nothing else ("../x" has none).
  const ext = /\.([\p{L}\p{N}]{1,16})$/u.exec(name)?.[1] ?? '';
  const tail = ext ? `.${ext}` : '';
  let base = clean(ext ? name.slice(0, -ext.length - 1) : name) || clean(fallback) || 'export';
  const fit = (b: string) => capped(b, MAX_CHARS - [...tail].length, MAX_BYTES - utf8Bytes(tail)).replace(/[-. ]+$/g, '') || 'export';
  base = fit(base);
  const dot = base.indexOf('.');
  const stem = dot < 0 ? base : base.slice(0, dot);
  // The suffix goes on the stem, so cutting to fit again only shortens what follows it.
  if (RESERVED.test(stem)) base = fit(`${stem}${SUFFIX}${base.slice(stem.length)}`);
  return `${base}${tail}`;
}

/** A file-name fragment from a name: lower case, Latin, Greek and Cyrillic accents dropped, any script kept ("Can't Lose Them" -> "cant-lose-them"). */
export function fileNamePart(name: string, fallback: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      // Accents of alphabets that read fine without them go; the marks of other scripts (Devanagari
      // vowel signs, Thai tones...) are part of the letters and stay.
      .replace(/([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu, '$1')
      .normalize('NFC')
      .replace(/['’]/g, '')
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
      .replace(/^[-\p{M}]+|-+$/gu, '') || fallback
  );
}
