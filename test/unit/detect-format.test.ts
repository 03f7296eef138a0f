import { describe, expect, it } from 'vitest';
import { isCustomerListName, isFeedbackFile, isUtf8, sniffBytes } from '../../src/data/ingest/detect-format.js';
import { text } from '../helpers/engine.js';

const bytes = (...b: number[]) => new Uint8Array(b);
/** `head` followed by some filler so a magic number is not the whole file. */
const withMagic = (head: number[], fill = 64) => new Uint8Array([...head, ...new Array<number>(fill).fill(0x41)]);

/** A complete 1x1 transparent PNG. */
const TINY_PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);

describe('sniffBytes: things that are not data', () => {
  it('reports an empty input as empty', () => {
    expect(sniffBytes(new Uint8Array(0), 'orders.csv')).toEqual({ kind: 'empty' });
  });

  it('detects a PNG by its magic bytes, whatever the name says', () => {
    const s = sniffBytes(TINY_PNG, 'orders.csv');
    expect(s.kind).toBe('unsupported');
    expect(s.kind === 'unsupported' && s.what).toMatch(/PNG image/);
  });

  it('detects JPEG, GIF and PDF', () => {
    const jpeg = sniffBytes(withMagic([0xff, 0xd8, 0xff, 0xe0]), 'photo.csv');
    expect(jpeg).toEqual({ kind: 'unsupported', what: expect.stringMatching(/JPEG image/) });
    const gif = sniffBytes(withMagic([...'GIF89a'].map((c) => c.charCodeAt(0))), 'x.csv');
    expect(gif).toEqual({ kind: 'unsupported', what: expect.stringMatching(/GIF image/) });
    const pdf = sniffBytes(text('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'report.csv');
    expect(pdf).toEqual({ kind: 'unsupported', what: expect.stringMatching(/PDF document/) });
  });

  it('detects an xlsx workbook (a zip) and says to save it as CSV', () => {
    const s = sniffBytes(withMagic([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'orders.xlsx');
    expect(s.kind).toBe('unsupported');
    if (s.kind !== 'unsupported') return;
    expect(s.what).toMatch(/ZIP archive/);
    expect(s.what).toMatch(/xlsx/);
    expect(s.what).toMatch(/save it as CSV/);
  });

  it('detects an old .xls workbook', () => {
    const xls = sniffBytes(withMagic([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'orders.xls');
    expect(xls).toEqual({ kind: 'unsupported', what: expect.stringMatching(/\.xls/) });
  });

  it('reads UTF-16 text with a byte-order mark as text, judged on its decoded head', () => {
    const le = new Uint8Array([0xff, 0xfe, ...[...'a,b\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(sniffBytes(le, 'orders.csv')).toEqual({ kind: 'data', format: 'csv', encoding: 'utf-16le' });
    const be = new Uint8Array([0xfe, 0xff, ...[...'[{"a":1}]'].flatMap((c) => [0, c.charCodeAt(0)])]);
    expect(sniffBytes(be, 'orders.txt')).toEqual({ kind: 'data', format: 'json', encoding: 'utf-16be' });
    expect(sniffBytes(Uint8Array.of(0xff, 0xfe), 'orders.csv')).toEqual({ kind: 'empty' });
  });

  it('calls bytes full of control characters a binary file', () => {
    const noise = new Uint8Array(200).map((_, i) => (i % 7 === 0 ? 0x01 : 0x41));
    expect(sniffBytes(noise, 'orders.csv')).toEqual({ kind: 'unsupported', what: expect.stringMatching(/binary/) });
  });
});

describe('sniffBytes: data formats', () => {
  it('recognises gzip, Parquet and Arrow by their magic bytes', () => {
    expect(sniffBytes(withMagic([0x1f, 0x8b, 0x08, 0x00]), 'orders.csv.gz')).toEqual({ kind: 'gzip' });
    expect(sniffBytes(withMagic([...'PAR1'].map((c) => c.charCodeAt(0))), 'whatever.bin')).toEqual({
      kind: 'data',
      format: 'parquet',
      encoding: 'utf-8',
    });
    expect(sniffBytes(withMagic([...[...'ARROW1'].map((c) => c.charCodeAt(0)), 0, 0]), 'x.dat')).toMatchObject({
      kind: 'data',
      format: 'arrow',
    });
  });

  it('takes an Arrow stream (continuation marker) only with an Arrow file name', () => {
    const stream = withMagic([0xff, 0xff, 0xff, 0xff, 0x10, 0x00, 0x00, 0x00]);
    expect(sniffBytes(stream, 'orders.arrows')).toMatchObject({ kind: 'data', format: 'arrow' });
    expect(sniffBytes(stream, 'orders.feather')).toMatchObject({ kind: 'data', format: 'arrow' });
  });

  it('reads plain UTF-8 text as CSV', () => {
    expect(sniffBytes(text('customer_id,order_date,amount\nA,2024-01-01,1\n'), 'orders.txt')).toEqual({
      kind: 'data',
      format: 'csv',
      encoding: 'utf-8',
    });
  });

  it('tells UTF-8 from Latin-1', () => {
    const utf8 = text('cliente;valor\nJosé Muñoz;10\n');
    const latin1 = Uint8Array.from(Buffer.from('cliente;valor\nJosé Muñoz;10\n', 'latin1'));
    expect(sniffBytes(utf8, 'a.csv')).toMatchObject({ format: 'csv', encoding: 'utf-8' });
    expect(sniffBytes(latin1, 'a.csv')).toMatchObject({ format: 'csv', encoding: 'windows-1252' });
  });

  it('treats a UTF-8 byte order mark as UTF-8', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...text('customer_id,amount\nÅ,1\n')]);
    expect(sniffBytes(bom, 'bom.csv')).toEqual({ kind: 'data', format: 'csv', encoding: 'utf-8' });
  });

  it('detects JSON by name or by its first character', () => {
    expect(sniffBytes(text('[{"a":1}]'), 'orders.txt')).toMatchObject({ format: 'json' });
    expect(sniffBytes(text('  \n {"a":1}\n{"a":2}\n'), 'orders')).toMatchObject({ format: 'json' });
    expect(sniffBytes(text('{"a":1}\n'), 'orders.ndjson')).toMatchObject({ format: 'json' });
    expect(sniffBytes(text('{"a":1}\n'), 'orders.jsonl')).toMatchObject({ format: 'json' });
    expect(sniffBytes(text('a\n1\n'), 'orders.json')).toMatchObject({ format: 'json' });
    expect(sniffBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...text('[{"a":1}]')]), 'x')).toMatchObject({ format: 'json' });
  });

  it('uses the name without .gz for the format of unpacked gzip content', () => {
    expect(sniffBytes(text('{"a":1}\n'), 'orders.ndjson.gz')).toMatchObject({ format: 'json' });
  });
});

describe('isUtf8', () => {
  it('accepts ASCII and well-formed multi-byte sequences', () => {
    expect(isUtf8(text('plain ascii'))).toBe(true);
    expect(isUtf8(text('Preço Unitário — €12 😀'))).toBe(true);
  });

  it('rejects Latin-1 accented bytes and overlong or stray continuation bytes', () => {
    expect(isUtf8(bytes(0x4a, 0x6f, 0x73, 0xe9, 0x20))).toBe(false); // "José " in Latin-1
    expect(isUtf8(bytes(0xc0, 0x80))).toBe(false);
    expect(isUtf8(bytes(0x80, 0x41))).toBe(false);
  });

  it('accepts a multi-byte sequence cut off by the end of the sample', () => {
    const euro = text('€'); // e2 82 ac
    expect(isUtf8(new Uint8Array([0x41, euro[0]!, euro[1]!]))).toBe(true);
  });
});

describe('isCustomerListName: telling a dropped customer list from orders', () => {
  it('takes names that say customers, clients or prospects, without orders or sales', () => {
    for (const name of ['customers.csv', 'Clients-2024.tsv.gz', 'olist_customers_dataset.csv', 'prospects.json', 'data/members.parquet', 'kunden.csv']) {
      expect(isCustomerListName(name), name).toBe(true);
    }
    for (const name of ['orders.csv', 'customer_orders.csv', 'sales.csv', 'Online Retail.csv', 'client_transactions.csv', 'sample-orders.csv', 'olist_order_items_dataset.csv']) {
      expect(isCustomerListName(name), name).toBe(false);
    }
  });
});

describe('isFeedbackFile: telling dropped feedback from orders', () => {
  it('takes names that say feedback, reviews, surveys or NPS, without orders', () => {
    for (const name of ['feedback.csv', 'reviews.csv', 'nps-2024.csv', 'Survey results.tsv', 'complaints.json']) {
      expect(isFeedbackFile(name, null), name).toBe(true);
    }
    for (const name of ['orders.csv', 'order_reviews.csv', 'sales.csv', 'customers.csv', 'operating_2024.csv', 'davis.csv']) {
      expect(isFeedbackFile(name, null), name).toBe(false);
    }
    // Feedback about customers is feedback, though its name also says customers.
    for (const name of ['customer_reviews.csv', 'client_feedback.csv', 'NpsSurvey.csv', 'avis.csv']) expect(isFeedbackFile(name, null), name).toBe(true);
  });

  it('takes a file whose header has a score column and no amount, price or quantity', () => {
    expect(isFeedbackFile('export.csv', 'customer_id,date,kind,score,scale,text,channel')).toBe(true);
    expect(isFeedbackFile('export.csv', '\ufeff"Customer ID";"Rating";"Comment"')).toBe(true);
    expect(isFeedbackFile('export.tsv', 'client\tNPS\tdate')).toBe(true);
    expect(isFeedbackFile('export.csv', 'order_id,customer_id,order_date,amount')).toBe(false);
    expect(isFeedbackFile('export.csv', 'customer_id,rating,amount')).toBe(false);
    expect(isFeedbackFile('export.csv', 'customer_id,review_score_average_of_products,quantity')).toBe(false);
    expect(isFeedbackFile('export.csv', '')).toBe(false);
    // Olist's reviews: the name says order, the header says review score.
    const olist = 'review_id,order_id,review_score,review_comment_title,review_comment_message,review_creation_date,review_answer_timestamp';
    expect(isFeedbackFile('olist_order_reviews_dataset.csv', olist)).toBe(true);
  });
});
