/**
 * Text encodings, byte by byte: telling UTF-8 from a one-byte encoding, and turning Windows-1252,
 * UTF-16 and damaged UTF-8 into clean UTF-8 for the engine (which reads UTF-8 only reliably:
 * its own Latin-1 reader refuses Windows-1252's euro sign and curly quotes). Pure: no I/O.
 *
 * The conversions are async and pause every few megabytes (`pause`), so that a page converting
 * a large file keeps answering; none builds a string of the whole file (V8 caps strings at
 * about 512M characters).
 */

/**
 * The encodings a text input is read in (WHATWG names, as TextDecoder takes them). Text that
 * is not UTF-8 is read as Windows-1252, the superset of Latin-1 that Excel on Windows writes
 * (its 0x80-0x9F are the euro sign and curly quotes, not control characters).
 */
export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be' | typeof UTF8_WITH_ERRORS;

/**
 * UTF-8 with a few bytes that are not: read as UTF-8, each bad sequence as U+FFFD, rather than
 * the whole file as Windows-1252 (which would turn every "é" of the good text into "Ã©").
 */
export const UTF8_WITH_ERRORS = 'utf-8 with errors';

/**
 * The encoding the evidence (see utf8Evidence) says: UTF-8 when nothing is ill-formed; else
 * damaged UTF-8 when a byte-order mark says UTF-8 or good multi-byte characters are at least as
 * many as bad parts; else Windows-1252.
 */
export function encodingOf(evidence: { multibyte: number; invalid: number }, bom: boolean): 'utf-8' | 'windows-1252' | typeof UTF8_WITH_ERRORS {
  if (evidence.invalid === 0) return 'utf-8';
  return bom || evidence.multibyte >= evidence.invalid ? UTF8_WITH_ERRORS : 'windows-1252';
}

/** The encoding of a whole file (not a sample) that is not all UTF-8: encodingOf its every byte, a few megabytes at a time. */
export async function encodingOfFile(bytes: Uint8Array, pause: () => Promise<void> = pauseForPage): Promise<'utf-8' | 'windows-1252' | typeof UTF8_WITH_ERRORS> {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return encodingOf(await utf8EvidenceOfFile(bytes, pause), bom);
}

/** Bytes converted between two pauses. */
const STRETCH = 4 << 20;

/** Let the page breathe (a macrotask turn). */
export const pauseForPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The UTF-8 sequence at `i`: its length (1-4) when well-formed (the WHATWG rules: no overlong
 * forms, no surrogates, nothing above U+10FFFF); minus the length of the ill-formed part when
 * not (what a decoder replaces by one U+FFFD); 0 when the bytes end inside a sequence that is
 * well-formed so far and `atEnd` is false (a sample cut off mid-character).
 */
export function utf8SequenceAt(bytes: Uint8Array, i: number, atEnd: boolean): number {
  const x = bytes[i]!;
  if (x < 0x80) return 1;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (x >= 0xc2 && x <= 0xdf) need = 1;
  else if (x >= 0xe0 && x <= 0xef) {
    need = 2;
    if (x === 0xe0) lo = 0xa0;
    else if (x === 0xed) hi = 0x9f;
  } else if (x >= 0xf0 && x <= 0xf4) {
    need = 3;
    if (x === 0xf0) lo = 0x90;
    else if (x === 0xf4) hi = 0x8f;
  } else return -1;
  for (let k = 1; k <= need; k++) {
    if (i + k >= bytes.length) return atEnd ? -k : 0;
    const c = bytes[i + k]!;
    if (c < lo || c > hi) return -k;
    lo = 0x80;
    hi = 0xbf;
  }
  return need + 1;
}

/**
 * How many well-formed multi-byte UTF-8 characters and how many ill-formed parts (each what a
 * decoder shows as one U+FFFD) the bytes hold. Text in a one-byte encoding has ill-formed parts
 * and almost no multi-byte characters; damaged UTF-8 has both. `atEnd`: the bytes are the whole
 * file, so a character cut off at the end is ill-formed (in a sample it is only cut off).
 */
export function utf8Evidence(bytes: Uint8Array, options: { atEnd?: boolean; stopAtFirst?: boolean } = {}): { multibyte: number; invalid: number } {
  const { multibyte, invalid } = evidenceOf(bytes, 0, bytes.length, options.atEnd ?? false, options.stopAtFirst ?? false);
  return { multibyte, invalid };
}

/** utf8Evidence over a whole file, a few megabytes at a time (atEnd: the bytes are the file). */
export async function utf8EvidenceOfFile(bytes: Uint8Array, pause: () => Promise<void> = pauseForPage): Promise<{ multibyte: number; invalid: number }> {
  let multibyte = 0;
  let invalid = 0;
  for (let from = 0; from < bytes.length; ) {
    const part = evidenceOf(bytes, from, Math.min(bytes.length, from + STRETCH), true, false);
    multibyte += part.multibyte;
    invalid += part.invalid;
    from = part.end;
    if (from < bytes.length) await pause();
  }
  return { multibyte, invalid };
}

/** The evidence of the sequences starting in [from, to) (the last may run past `to`), and where the next starts. */
function evidenceOf(bytes: Uint8Array, from: number, to: number, atEnd: boolean, stopAtFirst: boolean): { multibyte: number; invalid: number; end: number } {
  let multibyte = 0;
  let invalid = 0;
  let i = from;
  while (i < to) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceAt(bytes, i, atEnd);
    if (n === 0) break;
    if (n < 0) {
      invalid++;
      if (stopAtFirst) break;
      i -= n;
    } else {
      multibyte++;
      i += n;
    }
  }
  return { multibyte, invalid, end: Math.max(i, to) };
}

/** UTF-8 with every ill-formed part replaced by U+FFFD (EF BF BD), as TextDecoder reads it, without building a string. */
export async function repairUtf8(bytes: Uint8Array, pause: () => Promise<void> = pauseForPage): Promise<Uint8Array> {
  let length = 0;
  for (let i = 0, next = STRETCH; i < bytes.length; ) {
    if (i >= next) {
      await pause();
      next += STRETCH;
    }
    if (bytes[i]! < 0x80) {
      length++;
      i++;
      continue;
    }
    const n = utf8SequenceAt(bytes, i, true);
    length += n > 0 ? n : 3;
    i += Math.abs(n);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (let i = 0, next = STRETCH; i < bytes.length; ) {
    if (i >= next) {
      await pause();
      next += STRETCH;
    }
    const b = bytes[i]!;
    if (b < 0x80) {
      out[at++] = b;
      i++;
      continue;
    }
    const n = utf8SequenceAt(bytes, i, true);
    if (n > 0) {
      out.set(bytes.subarray(i, i + n), at);
      at += n;
      i += n;
    } else {
      out[at++] = 0xef;
      out[at++] = 0xbf;
      out[at++] = 0xbd;
      i -= n;
    }
  }
  return out;
}

/**
 * What Windows-1252 puts at 0x80-0x9F (the five it leaves undefined stay C1 controls, as in
 * the WHATWG table). By hand rather than TextDecoder: Node's decodes them as Latin-1's controls.
 */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
/** Each byte's UTF-8 form, packed (up to 3 bytes, first byte lowest) with its length. */
const CP1252_UTF8 = (() => {
  const packed = new Uint32Array(256);
  const length = new Uint8Array(256);
  for (let b = 0; b < 256; b++) {
    const c = b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80]! : b;
    if (c < 0x80) [packed[b], length[b]] = [c, 1];
    else if (c < 0x800) [packed[b], length[b]] = [(0xc0 | (c >> 6)) | ((0x80 | (c & 0x3f)) << 8), 2];
    else [packed[b], length[b]] = [(0xe0 | (c >> 12)) | ((0x80 | ((c >> 6) & 0x3f)) << 8) | ((0x80 | (c & 0x3f)) << 16), 3];
  }
  return { packed, length };
})();

/** Windows-1252 (and so Latin-1) bytes as UTF-8. */
export async function windows1252ToUtf8(bytes: Uint8Array, pause: () => Promise<void> = pauseForPage): Promise<Uint8Array> {
  const { packed, length: lengthOf } = CP1252_UTF8;
  let length = 0;
  for (let i = 0, next = STRETCH; i < bytes.length; i++) {
    if (i === next) {
      await pause();
      next += STRETCH;
    }
    length += lengthOf[bytes[i]!]!;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (let i = 0, next = STRETCH; i < bytes.length; i++) {
    if (i === next) {
      await pause();
      next += STRETCH;
    }
    const b = bytes[i]!;
    if (b < 0x80) {
      out[at++] = b;
      continue;
    }
    const p = packed[b]!;
    out[at++] = p & 0xff;
    out[at++] = (p >> 8) & 0xff;
    if (lengthOf[b] === 3) out[at++] = p >> 16;
  }
  return out;
}

/** UTF-16 (its byte-order mark dropped) as UTF-8, a few megabytes at a time. */
export async function utf16ToUtf8(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', pause: () => Promise<void> = pauseForPage): Promise<Uint8Array> {
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  // Two bytes of UTF-16 make at most three of UTF-8 (a surrogate pair: four make four).
  const out = new Uint8Array(Math.ceil(bytes.length * 1.5) + 4);
  let at = 0;
  for (let i = 0; i < bytes.length; i += STRETCH) {
    const text = decoder.decode(bytes.subarray(i, i + STRETCH), { stream: i + STRETCH < bytes.length });
    at += encoder.encodeInto(text, out.subarray(at)).written;
    if (i + STRETCH < bytes.length) await pause();
  }
  return out.subarray(0, at);
}
