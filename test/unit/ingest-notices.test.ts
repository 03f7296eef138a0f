import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../src/analytics/notice.js';
import type { Engine } from '../../src/data/engine/engine.js';
import { decideMapping, MappingError, type ColumnProfile } from '../../src/data/ingest/detect-mapping.js';
import { ingestCustomers } from '../../src/data/ingest/ingest-customers.js';
import { IngestError } from '../../src/data/ingest/ingest-error.js';
import { CUSTOMER_REJECT_REASON_NOTICE, ingestNotice, REJECT_REASON_NOTICE } from '../../src/data/ingest/ingest-notices.js';
import { ingestOrders, leftEmptyWarning } from '../../src/data/ingest/ingest.js';
import { dateOrderWarning } from '../../src/data/ingest/read-raw.js';
import { CUSTOMER_REJECT_REASONS, CUSTOMER_REJECT_REASON_TEXT, REJECT_REASONS, REJECT_REASON_TEXT } from '../../src/data/ingest/types.js';
import { noticeText } from '../../src/components/base/notices/index.js';
import { LANGUAGES, loadLanguage } from '../../src/components/base/i18n.js';
import { fixture, text, withEngine } from '../helpers/engine.js';
import { ingestError, loaded } from '../helpers/ingest.js';

// The translations are language packs loaded on demand: load them all, as an element would its own.
await Promise.all(LANGUAGES.map(loadLanguage));

let engine: Engine;
beforeAll(async () => {
  engine = await withEngine();
});
afterAll(async () => {
  await engine.close();
});

/** Every report's notices say its warnings, one for one. */
function expectNoticesMatchWarnings(report: { warnings: string[]; notices: Notice[] }): void {
  expect(report.notices.map((n) => n.text)).toEqual(report.warnings);
}

const nested = (n: Notice, param: string): Notice => n.params[param] as Notice;

describe('load report notices', () => {
  it('30% bad rows: the share warning carries its numbers raw and the problem and reason as nested notices', async () => {
    const r = loaded(await ingestOrders(engine, { name: 'orders-30pct-bad.csv', bytes: fixture('orders-30pct-bad.csv') }));
    expectNoticesMatchWarnings(r);
    const [share] = r.notices;
    expect(share!.code).toBe('ingest.rows-rejected');
    expect(share!.params).toMatchObject({ percent: 30, file: 'orders-30pct-bad.csv', n: 3, total: 10 });
    const problem = nested(share!, 'problem');
    expect(problem.code).toMatch(/^ingest\.problem/);
    expect(problem.params.line).toMatch(/^\d+$/);
    const reason = nested(problem, 'reason');
    expect(reason.code).toMatch(/^ingest\.reason-/);
    // Said in Portuguese, the reason inside is Portuguese too, and no placeholder is left.
    const pt = noticeText(share!, 'pt', 'pt-PT');
    expect(pt).toMatch(/^30% das linhas de orders-30pct-bad\.csv \(3 de 10\) foram rejeitadas; o problema mais frequente: /);
    expect(pt).toContain(noticeText(reason, 'pt'));
    expect(pt).not.toMatch(/\{\w+\}/);
  });

  it('ambiguous dates: one notice per date order, naming the column', async () => {
    const r = loaded(await ingestOrders(engine, { name: 'orders-ambiguous-dates.csv', bytes: fixture('orders-ambiguous-dates.csv') }));
    expectNoticesMatchWarnings(r);
    const dates = r.notices.find((n) => n.code.startsWith('ingest.dates-guessed-'));
    expect(dates).toMatchObject({ code: 'ingest.dates-guessed-dmy', params: { column: 'order_date' } });
    expect(noticeText(dates!, 'ms')).toBe('Tarikh dalam lajur "order_date" dibaca sebagai hari/bulan/tahun: tiada nilai yang memastikan susunannya. Tetapkan susunan tarikh jika itu salah.');
  });

  it('malformed rows and a customer list with duplicates: notices match warnings', async () => {
    const r = loaded(await ingestOrders(engine, { name: 'malformed-rows.csv', bytes: fixture('malformed-rows.csv') }));
    expectNoticesMatchWarnings(r);
    expect(r.notices.map((n) => n.code)).toEqual(['ingest.rows-rejected']);
    expect(nested(nested(r.notices[0]!, 'problem'), 'reason').code).toBe('ingest.reason-malformed-row');

    const c = await ingestCustomers(engine, { name: 'dups.csv', bytes: text('customer_id,name\nA,x\nA,y\nB,z\n') });
    expectNoticesMatchWarnings(c);
    expect(c.notices[0]!.code).toBe('ingest.rows-rejected');
    const problem = nested(c.notices[0]!, 'problem');
    expect(problem).toMatchObject({ code: 'ingest.problem-in-column-with-value', params: { column: 'customer_id', line: '3', value: 'A' } });
    expect(nested(problem, 'reason').code).toBe('customers.reason-duplicate-customer-id');
  });

  it('a file whose detection guessed: the skipped title and guessed columns are notices too', async () => {
    const r = loaded(await ingestOrders(engine, { name: 't.csv', bytes: text('Sales export\nwho,when,x\nA,2024-01-01,1.50\nB,2024-01-02,2.25\nA,2024-01-03,3.75\nC,2024-01-04,4.10\n') }));
    expectNoticesMatchWarnings(r);
    expect(r.notices.map((n) => n.code)).toEqual(['ingest.title-skipped', 'ingest.values-order-date', 'ingest.values-amount', 'ingest.values-customer-id']);
    expect(r.notices[0]!.params).toEqual({ n: 1, file: 't.csv' });
  });
});

describe('failures carry a notice', () => {
  it('an empty input', async () => {
    const e = await ingestError(ingestOrders(engine, { name: 'nothing.csv', bytes: new Uint8Array(0) }));
    expect(e).toBeInstanceOf(IngestError);
    expect(e.notice).toEqual({ code: 'ingest.empty', params: { file: 'nothing.csv' }, text: 'nothing.csv is empty: it has no bytes at all.' });
    expect(e.message).toBe(e.notice!.text);
    expect(noticeText(e.notice, 'fr')).toBe('nothing.csv est vide\u00a0: il ne contient aucun octet.');
  });

  it('a header only, and every row rejected', async () => {
    const header = await ingestError(ingestOrders(engine, { name: 'h.csv', bytes: text('customer_id,order_date,amount\n') }));
    expect(header.notice?.code).toBe('ingest.header-only');
    const none = await ingestError(ingestOrders(engine, { name: 'bad.csv', bytes: text('customer_id,order_date,amount\nA,2024-01-01,x\nB,2024-01-02,y\n') }, { mapping: { amount: 'amount' } }));
    expect(none.code).toBe('nothing-loaded');
    expect(none.notice).toMatchObject({ code: 'ingest.nothing-loaded-orders', params: { file: 'bad.csv', n: 2 } });
    expect(nested(none.notice!, 'problem').code).toBe('ingest.problem-line-in-column-with-value');
    expect(none.message).toBe('bad.csv: none of its 2 rows could be loaded; the most common problem is the amount is not a number in column "amount" (line 2: "x").');
  });

  it('a customer list none of whose rows loads: the code says what they were to become', async () => {
    const e = await ingestError(ingestCustomers(engine, { name: 'c.csv', bytes: text('customer_id,name\n,x\n,y\n') }, { mapping: { customer_id: 'customer_id' } }));
    expect(e.notice?.code).toBe('ingest.nothing-loaded-customers');
    expect(e.message).toBe(e.notice!.text);
  });

  it('a mapping that cannot be decided: the MappingError notice reaches the IngestError', async () => {
    const e = await ingestError(ingestOrders(engine, { name: 'cities.csv', bytes: text('city,state\nX,Y\nZ,W\n') }));
    expect(e.code).toBe('mapping');
    expect(e.notice).toMatchObject({ code: 'ingest.missing-customer-id', params: { file: 'cities.csv', columns: '"city", "state"', why: '' } });
    expect(e.message).toBe('cities.csv: no column looks like a customer id (columns: "city", "state"). Map one explicitly, e.g. customer_id=COLUMN.');
    const png = await ingestError(ingestOrders(engine, { name: 'x.csv', bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) }));
    expect(nested(png.notice!, 'what').code).toBe('ingest.looks-like-png');
    expect(noticeText(png.notice, 'es')).toContain('parece una imagen PNG');
  });
});

describe('mapping questions', () => {
  const profile = (name: string, o: Partial<ColumnProfile> = {}): ColumnProfile => ({
    name, rows: 10, nonEmpty: 10, distinct: 5, dates: 0, slashDates: 0, firstOver12: 0, secondOver12: 0,
    numbers: 0, integers: 0, pointEvidence: 0, commaEvidence: 0, samples: ['x'], ...o,
  });

  it('come with notices, one per question, with the passed-over column nested', () => {
    const d = decideMapping([profile('customer_id'), profile('order_date', { samples: ['abc'] })], { partial: true }, 'o.csv');
    expect(d.questionNotices!.map((q) => q.text)).toEqual(d.questions);
    expect(d.questionNotices!.map((q) => q.code)).toEqual(['ingest.ask-order-date', 'ingest.ask-amount']);
    expect(nested(d.questionNotices![0]!, 'why')).toMatchObject({ code: 'ingest.passed-over-sample', params: { column: 'order_date', sample: 'abc' } });
    expect(d.missing.map((m) => m.messageNotice!.text)).toEqual(d.missing.map((m) => m.message));
    expect(noticeText(d.questionNotices![0]!, 'pt')).toBe('Nenhuma coluna parece uma data da encomenda: qual é? A coluna "order_date" tem o nome, mas não os valores (p. ex. "abc").');
  });

  it('a MappingError keeps its notice', () => {
    try {
      decideMapping([profile('customer_id')], {}, 'o.csv');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MappingError);
      expect((e as MappingError).notice?.code).toBe('ingest.missing-order-date');
    }
  });
});

describe('the English wording', () => {
  it('reject reasons read as REJECT_REASON_TEXT and CUSTOMER_REJECT_REASON_TEXT', () => {
    for (const r of REJECT_REASONS) expect(ingestNotice(REJECT_REASON_NOTICE[r]).text).toBe(REJECT_REASON_TEXT[r]);
    for (const r of CUSTOMER_REJECT_REASONS) expect(ingestNotice(CUSTOMER_REJECT_REASON_NOTICE[r]).text).toBe(CUSTOMER_REJECT_REASON_TEXT[r]);
  });

  it('shared warnings read as they always did', () => {
    expect(leftEmptyWarning(1, 'delivered', 'date', 4, 'n/a').text).toBe('1 value of "delivered" is not a date (first: line 4, "n/a"); it was left empty.');
    expect(leftEmptyWarning(1234, 'score', 'number', 12345, 'x').text).toBe('1,234 values of "score" are not numbers (first: line 12345, "x"); they were left empty.');
    expect(dateOrderWarning('d', 'mdy')).toMatchObject({ code: 'ingest.dates-guessed-mdy', text: 'Dates in column "d" were read as month/day/year: no value settles the order. Set the date order if that is wrong.' });
  });

  it('numbers are the locale\'s in translations, line numbers as written', () => {
    const n = leftEmptyWarning(1234, 'score', 'number', 12345, 'x');
    expect(noticeText(n, 'ms', 'ms')).toBe('1,234 nilai "score" bukan nombor (yang pertama: baris 12345, "x"); nilai itu dibiarkan kosong.');
    expect(noticeText(n, 'pt', 'pt-PT')).toBe('1234 valores de "score" não são números (primeiro: linha 12345, "x"); ficaram vazios.');
    expect(noticeText(n, 'fr', 'fr')).toMatch(/^1\u202f234 valeurs de «\u00a0score\u00a0»/);
  });
});
