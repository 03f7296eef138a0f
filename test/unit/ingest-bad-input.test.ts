import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/data/engine/engine.js';
import { ingestOrders } from '../../src/data/ingest/ingest.js';
import { fixture, text, withEngine } from '../helpers/engine.js';
import { expectAccounting, ingestError, loaded, rows, scalar } from '../helpers/ingest.js';

let engine: Engine;
beforeAll(async () => {
  engine = await withEngine();
});
afterAll(async () => {
  await engine.close();
});

/** A complete 1x1 PNG image. */
const TINY_PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** The lines of a fixture, numbered from 1 like the report's line numbers. */
const fixtureLines = (name: string) => ['', ...new TextDecoder().decode(fixture(name)).split('\n')];

/** The good dataset every failure below must leave in place. */
async function loadGoodDataset(): Promise<void> {
  const r = loaded(await ingestOrders(engine, { name: 'orders-en.csv', bytes: fixture('orders-en.csv') }));
  expect(r.rowsLoaded).toBe(6);
}
async function expectGoodDatasetIntact(): Promise<void> {
  expect(await scalar(engine, 'SELECT CAST(count(*) AS INTEGER) FROM orders')).toBe(6);
  expect(await scalar(engine, 'SELECT round(sum(amount), 2) FROM orders')).toBe(511.5);
  expect(await scalar(engine, "SELECT string_agg(DISTINCT customer_id, ',' ORDER BY customer_id) FROM orders")).toBe('C01,C02,C03,C04');
  expect(await scalar(engine, 'SELECT CAST(count(*) AS INTEGER) FROM orders_rejects')).toBe(0);
  // No staging table is left behind.
  const leftovers = await rows<{ name: string }>(engine, "SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'rapport_%'");
  expect(leftovers).toEqual([]);
  const views = await rows<{ name: string }>(engine, "SELECT view_name AS name FROM duckdb_views() WHERE view_name LIKE 'rapport_%'");
  expect(views).toEqual([]);
}

describe('inputs that are not order data', () => {
  beforeEach(loadGoodDataset);

  it('an empty file: code "empty"', async () => {
    const e = await ingestError(ingestOrders(engine, { name: 'nothing.csv', bytes: new Uint8Array(0) }));
    expect(e.code).toBe('empty');
    expect(e.message).toContain('nothing.csv');
    expect(e.where.file).toBe('nothing.csv');
    await expectGoodDatasetIntact();
  });

  it('a header line only: code "header-only"', async () => {
    const e = await ingestError(ingestOrders(engine, { name: 'header.csv', bytes: text('customer_id,order_date,amount\n') }));
    expect(e.code).toBe('header-only');
    expect(e.message).toContain('header.csv');
    await expectGoodDatasetIntact();
  });

  it('an empty JSON array: code "header-only"', async () => {
    const e = await ingestError(ingestOrders(engine, { name: 'none.json', bytes: text('[]') }));
    expect(e.code).toBe('header-only');
    expect(e.message).toContain('none.json');
    await expectGoodDatasetIntact();
  });

  it('a PNG image named .csv: code "not-data", saying it is a PNG', async () => {
    const e = await ingestError(ingestOrders(engine, { name: 'orders.csv', bytes: TINY_PNG }));
    expect(e.code).toBe('not-data');
    expect(e.message).toMatch(/PNG/);
    expect(e.message).toContain('orders.csv');
    await expectGoodDatasetIntact();
  });

  it('an xlsx workbook: code "not-data", saying to save it as CSV', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, ...new Array<number>(100).fill(0x20)]);
    const e = await ingestError(ingestOrders(engine, { name: 'orders.xlsx', bytes: zip }));
    expect(e.code).toBe('not-data');
    expect(e.message).toMatch(/Excel/);
    expect(e.message).toMatch(/save it as CSV/);
    await expectGoodDatasetIntact();
  });

  it('no usable column, when the caller can ask: needs-input with a question per missing role, nothing changed', async () => {
    const r = await ingestOrders(engine, { name: 'no-roles.csv', bytes: fixture('no-roles.csv') }, { askWhenUnsure: true });
    expect(r.status).toBe('needs-input');
    if (r.status !== 'needs-input') return;
    expect(r.columns).toEqual(['name', 'colour', 'size']);
    // No date and no number in the file; "name" may be offered as a guessed customer id.
    const missing = r.decision.missing.map((m) => m.role);
    expect(missing).toContain('order_date');
    expect(missing).toContain('amount');
    expect(r.decision.questions.some((q) => q.includes('order date'))).toBe(true);
    await expectGoodDatasetIntact();
  });

  it('no customer, date or amount column: code "mapping", naming the file', async () => {
    const e = await ingestError(ingestOrders(engine, { name: 'no-roles.csv', bytes: fixture('no-roles.csv') }));
    expect(e.code).toBe('mapping');
    expect(e.message).toContain('no-roles.csv');
    expect(e.message).toMatch(/"name", "colour", "size"/);
    await expectGoodDatasetIntact();
  });

  it('dates that are all unparseable: code "no-dates", naming the column and a line', async () => {
    const e = await ingestError(ingestOrders(engine, { name: 'bad-dates.csv', bytes: fixture('bad-dates.csv') }));
    expect(e.code).toBe('no-dates');
    expect(e.message).toContain('bad-dates.csv');
    expect(e.message).toContain('"order_date"');
    expect(e.message).toMatch(/line 2\b/);
    expect(e.message).toContain('"2024-13-45"');
    expect(e.where).toEqual({ file: 'bad-dates.csv', column: 'order_date', line: 2 });
    await expectGoodDatasetIntact();
  });

  it('damaged gzip: code "unreadable"', async () => {
    const bad = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02]);
    const e = await ingestError(ingestOrders(engine, { name: 'orders.csv.gz', bytes: bad }));
    expect(e.code).toBe('unreadable');
    expect(e.message).toContain('orders.csv.gz');
    await expectGoodDatasetIntact();
  });

  it('a JSON value that is not a list of records: code "unreadable"', async () => {
    const e = await ingestError(ingestOrders(engine, { name: 'numbers.json', bytes: text('[1, 2, 3]') }));
    expect(e.code).toBe('unreadable');
    expect(e.message).toContain('numbers.json');
    await expectGoodDatasetIntact();
  });

  it('a broken NDJSON line: code "unreadable", naming the line', async () => {
    const ndjson = '{"customer_id":"a","order_date":"2024-01-01","amount":1}\n{"customer_id":"b",\n';
    const e = await ingestError(ingestOrders(engine, { name: 'orders.ndjson', bytes: text(ndjson) }));
    expect(e.code).toBe('unreadable');
    expect(e.message).toMatch(/orders\.ndjson, line 2/);
    expect(e.where.line).toBe(2);
    await expectGoodDatasetIntact();
  });

  it('rows that are all rejected: code "nothing-loaded", naming the problem and its line', async () => {
    const csv = 'customer_id,order_date,amount\n,2024-01-01,1.00\n,2024-01-02,2.00\n';
    const e = await ingestError(ingestOrders(engine, { name: 'anon.csv', bytes: text(csv) }, { mapping: { customer_id: 'customer_id' } }));
    expect(e.code).toBe('nothing-loaded');
    expect(e.message).toContain('anon.csv');
    expect(e.message).toMatch(/no customer id/);
    expect(e.message).toMatch(/line 2\b/);
    await expectGoodDatasetIntact();
  });

  it('an explicit mapping to a missing column: code "mapping"', async () => {
    const e = await ingestError(
      ingestOrders(engine, { name: 'orders-en.csv', bytes: fixture('orders-en.csv') }, { mapping: { customer_id: 'Client' } }),
    );
    expect(e.code).toBe('mapping');
    expect(e.message).toContain('"Client"');
    await expectGoodDatasetIntact();
  });
});

describe('rows rejected while the rest loads', () => {
  it('30% bad rows: loads, warns with the share and a line, and samples point at the bad lines', async () => {
    const r = loaded(await ingestOrders(engine, { name: 'orders-30pct-bad.csv', bytes: fixture('orders-30pct-bad.csv') }));
    await expectAccounting(engine, r);
    expect(r).toMatchObject({ rowsRead: 10, rowsLoaded: 7, rowsRejected: 3, customers: 7, orders: 7 });
    expect(r.rejectedByReason).toEqual({ non_numeric_amount: 1, missing_customer_id: 1, unparseable_date: 1 });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/\b30%/);
    expect(r.warnings[0]).toContain('orders-30pct-bad.csv');
    expect(r.warnings[0]).toMatch(/3 of 10/);
    expect(r.warnings[0]).toMatch(/line (3|5|8)\b/);

    expect(r.rejectSamples).toEqual([
      { line: 3, reason: 'non_numeric_amount', column: 'amount', value: 'n/a', detail: null },
      { line: 5, reason: 'missing_customer_id', column: 'customer_id', value: null, detail: null },
      { line: 8, reason: 'unparseable_date', column: 'order_date', value: 'not a date', detail: null },
    ]);
    const lines = fixtureLines('orders-30pct-bad.csv');
    for (const s of r.rejectSamples) {
      const fields = lines[s.line]!.split(',');
      if (s.value !== null) expect(fields).toContain(s.value);
      if (s.reason === 'missing_customer_id') expect(fields[0]).toBe('');
    }
    // The loaded orders remember their own lines too.
    const loadedLines = await rows<{ customer_id: string; line: number }>(
      engine,
      'SELECT customer_id, CAST(first_line AS INTEGER) AS line FROM orders ORDER BY line',
    );
    for (const o of loadedLines) expect(lines[o.line]!.startsWith(`${o.customer_id},`)).toBe(true);
  });

  it('malformed rows: rejected as malformed_row at their lines, later lines still right', async () => {
    const r = loaded(await ingestOrders(engine, { name: 'malformed-rows.csv', bytes: fixture('malformed-rows.csv') }));
    await expectAccounting(engine, r);
    expect(r).toMatchObject({ rowsRead: 12, rowsLoaded: 9, rowsRejected: 3, customers: 9, orders: 9 });
    expect(r.mapping).toEqual({ customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' });
    expect(r.rejectedByReason).toEqual({ malformed_row: 2, non_numeric_amount: 1 });
    expect(r.rejectSamples.map((s) => [s.line, s.reason])).toEqual([
      [3, 'malformed_row'],
      [4, 'malformed_row'],
      [6, 'non_numeric_amount'],
    ]);
    const [tooMany, tooFew, notNumber] = r.rejectSamples;
    expect(tooMany!.value).toContain('G02');
    expect(tooMany!.detail).toBeTruthy();
    expect(tooFew!.value).toContain('G03');
    expect(notNumber).toMatchObject({ column: 'amount', value: 'abc' });

    const lines = fixtureLines('malformed-rows.csv');
    const loadedLines = await rows<{ customer_id: string; line: number }>(
      engine,
      'SELECT customer_id, CAST(first_line AS INTEGER) AS line FROM orders ORDER BY line',
    );
    expect(loadedLines.map((o) => o.line)).toEqual([2, 5, 7, 8, 9, 10, 11, 12, 13]);
    for (const o of loadedLines) expect(lines[o.line]!.startsWith(`${o.customer_id},`)).toBe(true);
  });
});

describe('line numbers around malformed rows', () => {
  it('every record keeps its own line, with malformed rows first, in runs, apart and last', async () => {
    // Each good row's customer id names its line: L<line>.
    const bad = new Set([2, 6, 7, 8, 15, 31]);
    const body: string[] = ['customer_id,order_date,amount'];
    for (let line = 2; line <= 31; line++) {
      const day = String(((line - 2) % 28) + 1).padStart(2, '0');
      body.push(bad.has(line) ? (line % 2 ? `L${line},2024-01-${day}` : `L${line},2024-01-${day},1.00,x,y`) : `L${line},2024-01-${day},${line}.50`);
    }
    const r = loaded(await ingestOrders(engine, { name: 'runs.csv', bytes: text(body.join('\n') + '\n') }));
    await expectAccounting(engine, r);
    expect(r).toMatchObject({ rowsRead: 30, rowsLoaded: 24, rowsRejected: 6 });
    expect(r.rejectedByReason).toEqual({ malformed_row: 6 });
    expect(r.rejectSamples.map((s) => s.line)).toEqual([...bad]);
    for (const s of r.rejectSamples) expect(s.value).toContain(`L${s.line},`);
    const loadedLines = await rows<{ customer_id: string; line: number }>(
      engine,
      'SELECT customer_id, CAST(first_line AS INTEGER) AS line FROM orders ORDER BY line',
    );
    expect(loadedLines).toHaveLength(24);
    for (const o of loadedLines) expect(o.customer_id).toBe(`L${o.line}`);
  });
});

describe('a failed or cancelled load keeps the previous dataset', () => {
  it('a bad file after a good one', async () => {
    await loadGoodDataset();
    const e = await ingestError(ingestOrders(engine, { name: 'bad-dates.csv', bytes: fixture('bad-dates.csv') }));
    expect(e.code).toBe('no-dates');
    await expectGoodDatasetIntact();
  });

  it('an AbortSignal already aborted: code "cancelled"', async () => {
    await loadGoodDataset();
    const controller = new AbortController();
    controller.abort();
    const e = await ingestError(
      ingestOrders(engine, { name: 'lines-uci-style.csv', bytes: fixture('lines-uci-style.csv') }, { signal: controller.signal }),
    );
    expect(e.code).toBe('cancelled');
    expect(e.message).toContain('lines-uci-style.csv');
    await expectGoodDatasetIntact();
  });

  it('aborted part-way through, from the progress callback', async () => {
    await loadGoodDataset();
    const controller = new AbortController();
    const e = await ingestError(
      ingestOrders(
        engine,
        { name: 'lines-uci-style.csv', bytes: fixture('lines-uci-style.csv') },
        { signal: controller.signal, onProgress: (step) => step === 'Building orders' && controller.abort() },
      ),
    );
    expect(e.code).toBe('cancelled');
    await expectGoodDatasetIntact();
  });

  it('the engine still loads normally afterwards', async () => {
    const r = loaded(await ingestOrders(engine, { name: 'lines-uci-style.csv', bytes: fixture('lines-uci-style.csv') }));
    await expectAccounting(engine, r);
    expect(r.rowsLoaded).toBe(9);
  });
});
