import type { InputFormat } from './types.js';
import { FEEDBACK_HEADER_PHRASES, matchHeader, matchPhrases } from './header-dictionary.js';
import { encodingOf, utf8Evidence, type TextEncodingName } from './text-encoding.js';

/** What the first bytes of an input say about it. Pure: no I/O. */
export type Sniffed =
  | { kind: 'empty' }
  | { kind: 'gzip' }
  | { kind: 'data'; format: InputFormat; encoding: TextEncodingName }
  | { kind: 'unsupported'; what: string };

const MAGIC: readonly { bytes: readonly number[]; offset?: number; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x52, 0x49, 0x46, 0x46], what: 'a RIFF file (WebP image, WAV or AVI)' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an Excel .xlsx workbook is one: save it as CSV)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Office document (an Excel .xls workbook: save it as CSV)' },
  { bytes: [0x42, 0x5a, 0x68], what: 'a bzip2 archive' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a], what: 'an xz archive' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'a zstd archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an executable' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'an SQLite database' },
  { bytes: [0x00, 0x00, 0x00], offset: 1, what: 'a binary file' },
];

function startsWith(bytes: Uint8Array, magic: readonly number[], offset = 0): boolean {
  if (bytes.length < magic.length + offset) return false;
  return magic.every((b, i) => bytes[i + offset] === b);
}

function lowerName(name: string): string {
  return name.toLowerCase().replace(/\.gz$/, '');
}

/** Arrow IPC: the file format starts with "ARROW1"; a stream starts with a continuation marker. */
function isArrow(bytes: Uint8Array, name: string): boolean {
  if (startsWith(bytes, [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31])) return true;
  const n = lowerName(name);
  return (n.endsWith('.arrow') || n.endsWith('.arrows') || n.endsWith('.feather') || n.endsWith('.ipc'))
    && startsWith(bytes, [0xff, 0xff, 0xff, 0xff]);
}

/** Valid UTF-8 in the sample? A multi-byte sequence cut off at the end of the sample is fine. */
export function isUtf8(sample: Uint8Array): boolean {
  return utf8Evidence(sample, { stopAtFirst: true }).invalid === 0;
}


/** Share of bytes in the sample that no text file has (NUL and most C0 controls). */
function controlShare(sample: Uint8Array): number {
  if (sample.length === 0) return 0;
  let bad = 0;
  for (const b of sample) {
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c)) bad++;
  }
  return bad / sample.length;
}

const SAMPLE = 64 * 1024;

/**
 * Decide what an input is from its name and first bytes. Names only break ties: a `.csv`
 * that is really a PNG is reported as a PNG.
 */
export function sniffBytes(bytes: Uint8Array, name: string): Sniffed {
  if (bytes.length === 0) return { kind: 'empty' };
  if (startsWith(bytes, [0x1f, 0x8b])) return { kind: 'gzip' };
  if (startsWith(bytes, [0x50, 0x41, 0x52, 0x31])) return { kind: 'data', format: 'parquet', encoding: 'utf-8' };
  if (isArrow(bytes, name)) return { kind: 'data', format: 'arrow', encoding: 'utf-8' };
  let sample = bytes.subarray(0, SAMPLE);
  let bom = false;
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) {
    sample = sample.subarray(3);
    bom = true;
  }
  const utf16 = startsWith(bytes, [0xff, 0xfe]) ? 'utf-16le' : startsWith(bytes, [0xfe, 0xff]) ? 'utf-16be' : null;
  if (utf16) {
    // Excel's "Unicode text": judge the decoded head, then read the whole file decoded.
    const head = new TextEncoder().encode(new TextDecoder(utf16).decode(bytes.subarray(0, SAMPLE * 2)));
    const s = head.length === 0 ? ({ kind: 'empty' } as const) : sniffBytes(head, name);
    return s.kind === 'data' ? { ...s, encoding: utf16 } : s;
  }
  for (const m of MAGIC) {
    if (startsWith(bytes, m.bytes, m.offset ?? 0)) return { kind: 'unsupported', what: m.what };
  }
  if (controlShare(sample) > 0.01) return { kind: 'unsupported', what: 'a binary file, not text' };
  const evidence = utf8Evidence(sample, { atEnd: sample.length === bytes.length || (bom && sample.length + 3 === bytes.length) });
  const encoding = encodingOf(evidence, bom);
  const n = lowerName(name);
  const firstChar = String.fromCharCode(...sample.subarray(0, 256)).trimStart()[0];
  const looksJson = firstChar === '[' || firstChar === '{';
  if (n.endsWith('.json') || n.endsWith('.ndjson') || n.endsWith('.jsonl') || looksJson) {
    return { kind: 'data', format: 'json', encoding };
  }
  return { kind: 'data', format: 'csv', encoding };
}

/**
 * Whether a file name says "customer list" rather than "orders", for telling dropped files
 * apart: customers.csv, clients-2024.tsv.gz and olist_customers_dataset.csv are lists;
 * customer_orders.csv and sales.csv are not.
 */
export function isCustomerListName(name: string): boolean {
  const base = (name.split(/[\\/]/).pop() ?? name).toLowerCase().replace(/(\.[a-z0-9]+)+$/, '');
  return /(customer|client|prospect|contact|member|kunde|cliente)/.test(base) && !/(order|transaction|sale|invoice|purchase|receipt|item)/.test(base);
}

/** The words of a file name (no folders, no extensions): `olist_order_reviews_dataset.csv` -> olist, order, reviews, dataset. */
function nameWords(name: string): string[] {
  const base = (name.split(/[\\/]/).pop() ?? name).replace(/(\.[A-Za-z0-9]+)+$/, '');
  return base
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Whether a file name says "feedback": a word starting like feedback, review, survey, NPS,
 * satisfaction, CSAT, complaint, rating..., or a kind of feedback (see feedbackKindFromName) (so `customer_reviews.csv` is feedback, `operating.csv`
 * and `davis.csv` are not), and no word saying orders.
 */
export function isFeedbackName(name: string): boolean {
  const words = nameWords(name);
  const feedback = /^(feedback|review|survey|nps|satisfaction|csat|complaint|rating|avaliac|opiniao|opinion|resena|encuesta|avis$|ulasan)/;
  const orders = /^(order|transaction|sale|invoice|purchase|receipt|item)/;
  return (words.some((w) => feedback.test(w)) || feedbackKindFromName(name) !== null) && !words.some((w) => orders.test(w));
}

/** File-name word beginnings that say one voice-of-the-customer kind, in five languages. */
const NAME_KINDS: readonly [RegExp, 'complaint' | 'suggestion' | 'compliment'][] = [
  [/^(complaint|grievance|reclamac|reclamo|queja|plainte|reclamation|aduan)/, 'complaint'],
  [/^(suggestion|sugest|sugerenc|cadangan|idea$|ideas$)/, 'suggestion'],
  [/^(compliment|elogio|felicitac|pujian|kudos|praise)/, 'compliment'],
];

/**
 * The kind of feedback a file name says, when it says exactly one: `complaints.csv`,
 * `reclamacoes_2024.csv`, `quejas.csv`, `plaintes.csv`, `aduan.csv` -> complaint;
 * `suggestions.csv`, `sugestoes.csv`, `sugerencias.csv` -> suggestion; `compliments.csv`,
 * `elogios.csv` -> compliment. Null when it names none, or more than one.
 */
export function feedbackKindFromName(name: string): 'complaint' | 'suggestion' | 'compliment' | null {
  const words = nameWords(name.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  const kinds = new Set(NAME_KINDS.filter(([re]) => words.some((w) => re.test(w))).map(([, kind]) => kind));
  return kinds.size === 1 ? [...kinds][0]! : null;
}

/** The header cells of a text file's first line, split on its most frequent separator. */
export function headerCells(firstLine: string): string[] {
  const line = firstLine.replace(/^\ufeff/, '');
  const separators = [',', ';', '\t', '|'];
  const count = (sep: string) => line.split(sep).length - 1;
  const sep = separators.reduce((best, s) => (count(s) > count(best) ? s : best), ',');
  return line.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

/**
 * Whether a dropped file is feedback rather than orders: by its name (feedback words, or a
 * kind: complaints, sugestoes, elogios...), else by its header line (first line of a CSV/TSV;
 * null when it could not be read as text): no column like an amount, price or quantity, and a
 * column named like a score (score, NPS, rating, stars, satisfaction...), or a text column
 * (comment, message...) beside a kind (type...) or category (topic, reason...) column.
 */
export function isFeedbackFile(name: string, firstLine: string | null): boolean {
  if (isFeedbackName(name)) return true;
  if (!firstLine) return false;
  const cells = headerCells(firstLine);
  const scored = cells.some((c) => matchPhrases(c, { score: FEEDBACK_HEADER_PHRASES.score }).some((m) => m.strength === 3));
  const money = cells.some((c) => matchHeader(c).some((m) => m.role === 'amount' || m.role === 'unit_price' || m.role === 'quantity'));
  const exact = (role: 'text' | 'kind' | 'category') =>
    cells.some((c) => matchPhrases(c, { [role]: FEEDBACK_HEADER_PHRASES[role] }).some((m) => m.strength === 3));
  const voiced = exact('text') && (exact('kind') || exact('category'));
  return (scored || voiced) && !money;
}

/**
 * Whether a dropped file is a SERVQUAL-style survey (expectation and perception per item):
 * by its name (servqual, survey, questionnaire, inquerito, pesquisa, encuesta, enquete, kaji
 * selidik, soal selidik), else by its header line: expectation and perception columns (long),
 * or expectation/perception column pairs (wide: `q1_exp`/`q1_perc`, `E_reliability`/`P_reliability`,
 * `sq1_1`/`sq1_2`). Checked before isFeedbackFile, whose names (survey) it shares.
 */
export function isSurveyFile(name: string, firstLine: string | null): boolean {
  const words = nameWords(name);
  const joined = ` ${words.join(' ')} `;
  if (words.some((w) => /^(servqual|survey|questionnaire|questionario|cuestionario|inquerito|pesquisa|encuesta|enquete|kajiselidik|soalselidik)/.test(w))) return true;
  if (/ (kaji|soal) selidik /.test(joined)) return true;
  if (!firstLine) return false;
  const cells = headerCells(firstLine);
  const norm = cells.map((c) => c.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim());
  const expectation = /^(expectation|expectations|expectativa|expectativas|expectacion|attente|attentes|jangkaan)$/;
  const perception = /^(perception|perceptions|percepcao|percepcion|persepsi)$/;
  if (norm.some((c) => expectation.test(c)) && norm.some((c) => perception.test(c))) return true;
  const pairs = new Map<string, Set<string>>();
  const add = (key: string, side: string) => pairs.set(key, (pairs.get(key) ?? new Set()).add(side));
  for (const c of norm) {
    let m = /^(.+?)[ _.-]+(e|exp|expectation|expectativa|attente|jangkaan)$/.exec(c);
    if (m) add(`s:${m[1]}`, 'e');
    m = /^(.+?)[ _.-]+(p|perc|perception|percepcao|percepcion|persepsi)$/.exec(c);
    if (m) add(`s:${m[1]}`, 'p');
    m = /^(e|exp|expectation|expectativa|attente|jangkaan)[ _.-]+(.+)$/.exec(c);
    if (m) add(`p:${m[2]}`, 'e');
    m = /^(p|perc|perception|percepcao|percepcion|persepsi)[ _.-]+(.+)$/.exec(c);
    if (m) add(`p:${m[2]}`, 'p');
    m = /^(sq|servqual|sqi|q)[ _]?(\d+)[_.-]([12])$/.exec(c);
    if (m) add(`n:${m[1]}${m[2]}`, m[3] === '1' ? 'e' : 'p');
    // The classic codings: E1/P1, exp1/perc1, Q1E/Q1P.
    m = /^(e|exp|expectation|p|perc|perception)[ _.-]?(\d+)$/.exec(c);
    if (m) add(`c:${m[2]}`, m[1]!.startsWith('e') ? 'e' : 'p');
    m = /^q?(\d+)[ _.-]?([ep])$/.exec(c);
    if (m) add(`q:${m[1]}`, m[2]!);
  }
  // Two complete pairs at least: one `x_e`/`x_p` could be anything.
  return [...pairs.values()].filter((s) => s.size === 2).length >= 2;
}
