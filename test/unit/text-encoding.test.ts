import { describe, expect, it } from 'vitest';
import { encodingOf, repairUtf8, utf16ToUtf8, UTF8_WITH_ERRORS, utf8Evidence, utf8EvidenceOfFile, utf8SequenceAt, windows1252ToUtf8 } from '../../src/data/ingest/text-encoding.js';
import { withUniformLineEnds } from '../../src/data/ingest/decode-input.js';


const bytes = (...xs: number[]) => Uint8Array.from(xs);
const utf8 = (s: string) => new TextEncoder().encode(s);
const noPause = () => Promise.resolve();

describe('UTF-8 sequences by the WHATWG rules', () => {
  it('takes well-formed sequences of 1 to 4 bytes and refuses overlong forms, surrogates and code points above U+10FFFF', () => {
    for (const s of ['A', 'é', '€', '😀']) expect(utf8SequenceAt(utf8(s), 0, true)).toBe(utf8(s).length);
    expect(utf8SequenceAt(bytes(0xc0, 0xaf), 0, true)).toBe(-1); // overlong "/"
    expect(utf8SequenceAt(bytes(0xe0, 0x80, 0xaf), 0, true)).toBe(-1); // overlong
    expect(utf8SequenceAt(bytes(0xed, 0xa0, 0x80), 0, true)).toBe(-1); // a surrogate
    expect(utf8SequenceAt(bytes(0xf4, 0x90, 0x80, 0x80), 0, true)).toBe(-1); // above U+10FFFF
    expect(utf8SequenceAt(bytes(0xe2, 0x82, 0x41), 0, true)).toBe(-2); // cut off by "A": one U+FFFD for two bytes
  });

  it('a character cut off at the end is ill-formed at the end of a file, not at the end of a sample', () => {
    expect(utf8SequenceAt(bytes(0xe2, 0x82), 0, false)).toBe(0);
    expect(utf8SequenceAt(bytes(0xe2, 0x82), 0, true)).toBe(-2);
    expect(utf8Evidence(bytes(...utf8('Jos'), 0xe9), { atEnd: true })).toEqual({ multibyte: 0, invalid: 1 });
    expect(utf8Evidence(bytes(...utf8('Jos'), 0xe9), { atEnd: false })).toEqual({ multibyte: 0, invalid: 0 });
  });

  it('counts each ill-formed part once, as a decoder shows it', () => {
    const text = bytes(...utf8('Zoë '), 0xe2, 0x82, 0x41, 0xff);
    expect(utf8Evidence(text, { atEnd: true })).toEqual({ multibyte: 1, invalid: 2 });
    expect(new TextDecoder().decode(text)).toBe('Zoë \ufffdA\ufffd');
  });

  it('over a whole file, a few megabytes at a time, counts as in one go, a character across the seam included', async () => {
    const file = new Uint8Array((4 << 20) + 10).fill(0x41);
    file.set(utf8('€'), (4 << 20) - 1);
    file[(4 << 20) + 5] = 0xff;
    file[file.length - 1] = 0xc3;
    let pauses = 0;
    expect(await utf8EvidenceOfFile(file, async () => void pauses++)).toEqual(utf8Evidence(file, { atEnd: true }));
    expect(utf8Evidence(file, { atEnd: true })).toEqual({ multibyte: 1, invalid: 2 });
    expect(pauses).toBe(1);
  });

  it('damaged UTF-8 (as many good characters as bad parts, or more) stays UTF-8; a one-byte encoding does not', () => {
    expect(encodingOf(utf8Evidence(bytes(...utf8('José '), 0xff), { atEnd: true }), false)).toBe(UTF8_WITH_ERRORS);
    expect(encodingOf(utf8Evidence(bytes(0x4a, 0x6f, 0x73, 0xe9, 0x2c, 0x5a, 0x6f, 0xeb), { atEnd: true }), false)).toBe('windows-1252');
    // A byte-order mark says UTF-8 whatever the damage; nothing ill-formed is plain UTF-8.
    expect(encodingOf({ multibyte: 0, invalid: 3 }, true)).toBe(UTF8_WITH_ERRORS);
    expect(encodingOf({ multibyte: 0, invalid: 0 }, false)).toBe('utf-8');
  });
});

describe('conversions to UTF-8', () => {
  it('repairs UTF-8 exactly as TextDecoder reads it, for every ill-formed kind', async () => {
    const damaged = bytes(...utf8('José,'), 0xc0, 0xaf, 0x2c, 0xe2, 0x82, 0x2c, 0xed, 0xa0, 0x80, 0x2c, 0xf4, 0x90, 0x80, 0x80, 0x2c, 0xff, 0xe2, 0x82);
    const repaired = await repairUtf8(damaged, noPause);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(repaired)).toBe(new TextDecoder().decode(damaged));
  });

  it('reads Windows-1252 with its euro sign and curly quotes, and Latin-1 letters, pausing on long input', async () => {
    const text = bytes(0x80, 0x20, 0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x8c, 0x9f, 0xff, 0x81);
    expect(new TextDecoder().decode(await windows1252ToUtf8(text, noPause))).toBe('€ “Café” ŒŸÿ\u0081');
    let pauses = 0;
    const long = new Uint8Array(9 << 20).fill(0xe9);
    const out = await windows1252ToUtf8(long, async () => void pauses++);
    expect(out.length).toBe(2 * long.length);
    // Twice while counting the output's length, twice while writing it.
    expect(pauses).toBe(4);
  });

  it('reads UTF-16 in pieces, a surrogate pair split between them included', async () => {
    const s = `${'a'.repeat((4 << 20) / 2 - 1)}😀 é`;
    const le = new Uint8Array(2 + s.length * 2);
    const view = new DataView(le.buffer);
    view.setUint16(0, 0xfeff, true);
    for (let i = 0; i < s.length; i++) view.setUint16(2 + i * 2, s.charCodeAt(i), true);
    expect(new TextDecoder().decode(await utf16ToUtf8(le, 'utf-16le', noPause))).toBe(s);
  });
});

describe('line endings', () => {
  it('makes mixed line endings all LF, and leaves one kind alone', () => {
    expect(new TextDecoder().decode(withUniformLineEnds(utf8('a\r\nb\nc\rd\r\n'))!)).toBe('a\nb\nc\nd\n');
    expect(withUniformLineEnds(utf8('a\r\nb\r\n'))).toBeNull();
    expect(withUniformLineEnds(utf8('a\rb\r'))).toBeNull();
    expect(withUniformLineEnds(utf8('a\nb\n'))).toBeNull();
  });
});
