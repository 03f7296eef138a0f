import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DateDay, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../src/data/dataset.js';
import type { Engine } from '../../src/data/engine/engine.js';
import { ingestCustomers } from '../../src/data/ingest/ingest-customers.js';
import type { IngestInput } from '../../src/data/ingest/ingest.js';
import type { CustomersIngestOptions, CustomersLoadReport } from '../../src/data/ingest/types.js';
import { T, tableExistsSql } from '../../src/data/sql/ingest-sql.js';
import { SHARED_DATA, sharedFile, text, withEngine } from '../helpers/engine.js';
import { ingestError, loaded, rows, scalar } from '../helpers/ingest.js';
import { generateSampleCustomers, generateSampleOrders, sampleCustomersCsv } from '../../src/sample/sample-orders.js';

let engine: Engine;
beforeAll(async () => {
  engine = await withEngine();
});
afterAll(async () => {
  await engine.close();
});

/** Every row read is loaded or rejected, and the tables hold exactly those rows. */
async function expectCustomerAccounting(e: Engine, r: CustomersLoadReport): Promise<void> {
  expect(r.rowsRead).toBe(r.rowsLoaded + r.rowsRejected);
  expect(await scalar(e, 'SELECT CAST(count(*) AS INTEGER) FROM customers')).toBe(r.rowsLoaded);
  expect(await scalar(e, 'SELECT CAST(count(DISTINCT customer_id) AS INTEGER) FROM customers')).toBe(r.rowsLoaded);
  expect(await scalar(e, 'SELECT CAST(count(*) AS INTEGER) FROM customers_rejects')).toBe(r.rowsRejected);
  expect(Object.values(r.rejectedByReason).reduce((a, b) => a + (b ?? 0), 0)).toBe(r.rowsRejected);
  expect(r.customers).toBe(r.rowsLoaded);
}

async function load(input: IngestInput, options: CustomersIngestOptions = {}): Promise<CustomersLoadReport> {
  const report = await ingestCustomers(engine, input, options);
  await expectCustomerAccounting(engine, report);
  return report;
}

const customerRows = () =>
  rows<{ customer_id: string; name: string | null; signup_date: string | null }>(
    engine,
    'SELECT customer_id, name, CAST(signup_date AS VARCHAR) AS signup_date FROM customers ORDER BY customer_id',
  );

const leftovers = async () =>
  (await rows<{ table_name: string }>(engine, "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'rapport_%'")).map((t) => t.table_name);

const expectedRows = [
  { customer_id: 'A1', name: 'Ana', signup_date: '2024-01-15' },
  { customer_id: 'B2', name: null, signup_date: null },
  { customer_id: 'C3', name: 'Caio', signup_date: '2023-12-01' },
];

describe('every input form', () => {
  it('CSV with a BOM, semicolons, Portuguese headers and day-first dates; ids trimmed', async () => {
    const csv = '\uFEFFCliente;Nome;Data de cadastro\n  A1  ;Ana;15/01/2024\nB2;;\nC3; Caio ;01/12/2023\n';
    const r = await load({ name: 'clientes.csv', bytes: text(csv) });
    expect(r).toMatchObject({
      file: 'clientes.csv', format: 'csv', rowsRead: 3, rowsLoaded: 3, rowsRejected: 0, delimiter: ';', dateOrder: 'dmy',
      withName: 2, withSignupDate: 2, firstSignup: '2023-12-01', lastSignup: '2024-01-15', rejectedByReason: {}, warnings: [],
    });
    expect(r.mapping).toEqual({ customer_id: 'Cliente', name: 'Nome', signup_date: 'Data de cadastro' });
    expect(r.columns).toEqual(['Cliente', 'Nome', 'Data de cadastro']);
    expect(await customerRows()).toEqual(expectedRows);
    const schema = await rows<{ column_name: string; column_type: string; null: string }>(engine, 'DESCRIBE customers');
    expect(schema.map((c) => [c.column_name, c.column_type, c.null])).toEqual([
      ['customer_id', 'VARCHAR', 'NO'],
      ['name', 'VARCHAR', 'YES'],
      ['signup_date', 'DATE', 'YES'],
    ]);
    expect(await scalar(engine, tableExistsSql(T.customers))).toBe(1);
    expect(await leftovers()).toEqual([]);
  });

  it('JSON bytes', async () => {
    const json = JSON.stringify([
      { customer_id: 'A1', name: 'Ana', signup_date: '2024-01-15' },
      { customer_id: 'B2', name: null, signup_date: null },
      { customer_id: 'C3', name: 'Caio', signup_date: '2023-12-01T10:00:00Z' },
    ]);
    const r = await load({ name: 'customers.json', bytes: text(json) });
    expect(r).toMatchObject({ format: 'json', rowsRead: 3, rowsLoaded: 3, delimiter: null });
    expect(await customerRows()).toEqual(expectedRows);
  });

  it('plain records, header found by the dictionary (client id, customer name, created at)', async () => {
    const records = [
      { 'Client ID': 'A1', 'Customer Name': 'Ana', 'Created At': '2024-01-15 08:30:00' },
      { 'Client ID': 'B2', 'Customer Name': '', 'Created At': '' },
      { 'Client ID': 'C3', 'Customer Name': 'Caio', 'Created At': '2023-12-01' },
    ];
    const r = await load({ name: 'records', records });
    expect(r.format).toBe('json');
    expect(r.mapping).toEqual({ customer_id: 'Client ID', name: 'Customer Name', signup_date: 'Created At' });
    expect(await customerRows()).toEqual(expectedRows);
  });

  const arrowTable = () =>
    new Table({
      customer_id: vectorFromArray(['A1', 'B2', 'C3'], new Utf8()),
      name: vectorFromArray(['Ana', null, 'Caio'], new Utf8()),
      signup_date: vectorFromArray([new Date('2024-01-15T00:00:00Z'), null, new Date('2023-12-01T00:00:00Z')], new DateDay()),
    });

  it('an Arrow table, and Arrow IPC bytes', async () => {
    expect(await load({ name: 'arrow', table: arrowTable() })).toMatchObject({ format: 'arrow', rowsLoaded: 3 });
    expect(await customerRows()).toEqual(expectedRows);
    const r = await load({ name: 'customers.arrow', bytes: tableToIPC(arrowTable(), 'file') });
    expect(r).toMatchObject({ format: 'arrow', rowsLoaded: 3 });
    expect(await customerRows()).toEqual(expectedRows);
  });

  it('Parquet', async () => {
    const parquet = parquetWriteBuffer({
      columnData: [
        { name: 'customer_id', data: ['A1', 'B2', 'C3'], type: 'STRING' },
        { name: 'name', data: ['Ana', null, 'Caio'], type: 'STRING' },
        { name: 'signup_date', data: ['2024-01-15', null, '2023-12-01'], type: 'STRING' },
      ],
    });
    const r = await load({ name: 'customers.parquet', bytes: new Uint8Array(parquet) });
    expect(r).toMatchObject({ format: 'parquet', rowsLoaded: 3 });
    expect(await customerRows()).toEqual(expectedRows);
  });
});

describe('mapping', () => {
  it('an explicit mapping wins over the header dictionary', async () => {
    const csv = 'customer_unique_id,customer_id,label,d\nP1,x1,Ana,2024-01-15\nP1,x2,Ana,2024-02-01\n';
    const detected = await load({ name: 'two-ids.csv', bytes: text(csv) });
    expect(detected.mapping).toEqual({ customer_id: 'customer_unique_id' });
    expect(detected).toMatchObject({ rowsLoaded: 1, rowsRejected: 1 });
    const r = await load({ name: 'two-ids.csv', bytes: text(csv) }, { mapping: { customer_id: 'customer_id', name: 'label', signup_date: 'd' } });
    expect(r.mapping).toEqual({ customer_id: 'customer_id', name: 'label', signup_date: 'd' });
    expect(r).toMatchObject({ rowsLoaded: 2, rowsRejected: 0 });
  });

  it('a Cliente column of full Portuguese names is the customer id, not the e-mail (review of issue 5)', async () => {
    const csv = [
      'Cliente;E-mail;Cidade',
      'Maria Aparecida dos Santos;maria.santos@example.com;Belo Horizonte',
      'José Carlos da Silva Pereira;jose.pereira@example.com;Recife',
      'Ana Paula de Oliveira Costa;ana.costa@example.com;Curitiba',
      'Francisco das Chagas Lima;francisco.lima@example.com;Fortaleza',
      'Antônia Rodrigues de Souza;antonia.souza@example.com;Salvador',
    ].join('\n');
    const r = await load({ name: 'clientes.csv', bytes: text(csv) });
    expect(r.mapping.customer_id).toBe('Cliente');
    expect(r).toMatchObject({ rowsLoaded: 5, rowsRejected: 0 });
    expect((await customerRows()).map((c) => c.customer_id)).toContain('José Carlos da Silva Pereira');
  });

  it('no customer id column: an IngestError naming the file and its columns', async () => {
    const e = await ingestError(ingestCustomers(engine, { name: 'people.csv', bytes: text('city,state\nfranca,SP\n') }));
    expect(e.code).toBe('mapping');
    expect(e.where.file).toBe('people.csv');
    expect(e.message).toContain('people.csv');
    expect(e.message).toContain('"city", "state"');
  });

  it('a mapping naming a missing column: an IngestError naming it', async () => {
    const e = await ingestError(ingestCustomers(engine, { name: 'c.csv', bytes: text('customer_id\nA\n') }, { mapping: { signup_date: 'joined' } }));
    expect(e.code).toBe('mapping');
    expect(e.where.column).toBe('joined');
    expect(e.message).toContain('"joined"');
  });
});

describe('signup dates', () => {
  it('ambiguous day/month: read day-first with a warning, or as the caller says', async () => {
    const csv = 'customer_id,signup_date\nA,01/02/2024\nB,03/04/2024\n';
    const guessed = await load({ name: 'ambiguous.csv', bytes: text(csv) });
    expect(guessed.dateOrder).toBe('dmy');
    expect(guessed.warnings).toEqual([expect.stringContaining('Dates in column "signup_date" were read as day/month/year')]);
    expect((await customerRows()).map((c) => c.signup_date)).toEqual(['2024-02-01', '2024-04-03']);
    const told = await load({ name: 'ambiguous.csv', bytes: text(csv) }, { dateOrder: 'mdy' });
    expect(told).toMatchObject({ dateOrder: 'mdy', warnings: [] });
    expect((await customerRows()).map((c) => c.signup_date)).toEqual(['2024-01-02', '2024-03-04']);
  });

  it('a column named like a signup date whose values are not dates is left out, with a warning', async () => {
    const r = await load({ name: 'c.csv', bytes: text('customer_id,created\nA,yes\nB,no\n') });
    expect(r.mapping).toEqual({ customer_id: 'customer_id' });
    expect(r.warnings).toEqual([expect.stringContaining('Column "created" was not taken as the signup date')]);
  });
});

describe('rejects', () => {
  it('missing ids, unreadable dates and duplicates, each with its line and reason', async () => {
    const csv = [
      'customer_id,name,signup_date',
      'A,Ana,2024-01-15', // line 2
      ',Nobody,2024-01-16', // 3: missing id
      'B,Bia,not a date', // 4: unparseable date
      ' A ,Ana again,2024-02-01', // 5: duplicate of line 2 (ids are trimmed)
      'B,Bia,2024-03-01', // 6: first good B, kept
      'C,Caio,', // 7
      'B,Bia,2024-04-01', // 8: duplicate of line 6
    ].join('\n');
    const r = await load({ name: 'messy.csv', bytes: text(csv) });
    expect(r).toMatchObject({ rowsRead: 7, rowsLoaded: 3, rowsRejected: 4 });
    expect(r.rejectedByReason).toEqual({ missing_customer_id: 1, unparseable_date: 1, duplicate_customer_id: 2 });
    expect(await rows(engine, 'SELECT CAST(line AS INTEGER) AS line, reason, "column", value, detail FROM customers_rejects ORDER BY line')).toEqual([
      { line: 3, reason: 'missing_customer_id', column: 'customer_id', value: null, detail: null },
      { line: 4, reason: 'unparseable_date', column: 'signup_date', value: 'not a date', detail: null },
      { line: 5, reason: 'duplicate_customer_id', column: 'customer_id', value: 'A', detail: 'first at line 2' },
      { line: 8, reason: 'duplicate_customer_id', column: 'customer_id', value: 'B', detail: 'first at line 6' },
    ]);
    expect(r.rejectSamples.map((s) => s.line)).toEqual([3, 4, 5, 8]);
    expect(await customerRows()).toEqual([
      { customer_id: 'A', name: 'Ana', signup_date: '2024-01-15' },
      { customer_id: 'B', name: 'Bia', signup_date: '2024-03-01' },
      { customer_id: 'C', name: 'Caio', signup_date: null },
    ]);
    expect(r.warnings.some((w) => w.includes('57% of the rows of messy.csv'))).toBe(true);
  });

  it('a malformed CSV line is a reject with its line, and the totals still add up', async () => {
    const csv = 'customer_id,name\nA,Ana\nB,Bia,extra,fields\nC,Caio\n';
    const r = await load({ name: 'malformed.csv', bytes: text(csv) });
    expect(r).toMatchObject({ rowsRead: 3, rowsLoaded: 2, rowsRejected: 1, rejectedByReason: { malformed_row: 1 } });
    expect(await rows(engine, 'SELECT CAST(line AS INTEGER) AS line, reason FROM customers_rejects')).toEqual([{ line: 3, reason: 'malformed_row' }]);
  });

  it('a signup date column of which nothing is a date: an IngestError naming file, column and line', async () => {
    const e = await ingestError(
      ingestCustomers(engine, { name: 'bad.csv', bytes: text('customer_id,joined\nA,yes\nB,no\n') }, { mapping: { signup_date: 'joined' } }),
    );
    expect(e.code).toBe('no-dates');
    expect(e.where).toEqual({ file: 'bad.csv', column: 'joined', line: 2 });
  });

  it('a header-only file: an IngestError naming the file', async () => {
    const e = await ingestError(ingestCustomers(engine, { name: 'empty.csv', bytes: text('customer_id,name\n') }));
    expect(e.code).toBe('header-only');
    expect(e.message).toContain('empty.csv');
  });
});

describe('replacing the customer list', () => {
  it('a failed or cancelled load keeps the previous table and leaves nothing staged', async () => {
    await load({ name: 'first.csv', bytes: text('customer_id,name\nKEEP1,One\nKEEP2,Two\n') });
    await ingestError(ingestCustomers(engine, { name: 'bad.csv', bytes: text('city\nx\n') }));
    const abort = new AbortController();
    abort.abort();
    const e = await ingestError(ingestCustomers(engine, { name: 'later.csv', bytes: text('customer_id\nNEW\n') }, { signal: abort.signal }));
    expect(e.code).toBe('cancelled');
    expect((await customerRows()).map((c) => c.customer_id)).toEqual(['KEEP1', 'KEEP2']);
    expect(await scalar(engine, 'SELECT CAST(count(*) AS INTEGER) FROM customers_rejects')).toBe(0);
    expect(await leftovers()).toEqual([]);
  });

  it('reports progress up to done', async () => {
    const steps: [string, number][] = [];
    await load({ name: 'p.csv', bytes: text('customer_id\nA\n') }, { onProgress: (s, f) => steps.push([s, f]) });
    expect(steps[0]).toEqual(['Reading', 0.05]);
    expect(steps.at(-1)).toEqual(['Done', 1]);
    expect(steps.map(([, f]) => f)).toEqual([...steps.map(([, f]) => f)].sort((a, b) => a - b));
  });
});

describe('Dataset.loadCustomers', () => {
  it('ids join with orders loaded by Dataset.load, spaces or not; customers without orders are prospects', async () => {
    const e = await withEngine();
    try {
      const dataset = new Dataset(e);
      expect(dataset.customersReport).toBeNull();
      loaded(await dataset.load({ name: 'orders.csv', bytes: text('customer_id,order_date,amount\n  C01  ,2024-01-05,10\nC02,2024-02-01,20\nC02,2024-03-01,5\n') }));
      const r = await dataset.loadCustomers({ name: 'customers.csv', bytes: text('customer_id,name\nC01,Ana\n" C02 ",Bia\nP03,Prospect\n') });
      expect(dataset.customersReport).toBe(r);
      await expectCustomerAccounting(e, r);
      expect(await rows(e, 'SELECT customer_id FROM orders GROUP BY customer_id ORDER BY customer_id')).toEqual([{ customer_id: 'C01' }, { customer_id: 'C02' }]);
      const joined = await rows<{ customer_id: string; orders: number }>(
        e,
        `SELECT c.customer_id, CAST(count(o.customer_id) AS INTEGER) AS orders
         FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id GROUP BY c.customer_id ORDER BY c.customer_id`,
      );
      expect(joined).toEqual([
        { customer_id: 'C01', orders: 1 },
        { customer_id: 'C02', orders: 2 },
        { customer_id: 'P03', orders: 0 },
      ]);
      // A failed customer load rejects and keeps the report of the list still loaded.
      await ingestError(dataset.loadCustomers({ name: 'broken.csv', bytes: text('nothing,here\n1,2\n') }));
      expect(dataset.customersReport).toBe(r);
    } finally {
      await e.close();
    }
  });
});

const OLIST = join(SHARED_DATA, 'olist', 'olist_customers_dataset.csv.gz');

describe.skipIf(!existsSync(OLIST))(`real data: Olist customers (skipped: ${OLIST} is not there)`, () => {
  it('every data line of olist_customers_dataset is read, and loaded or rejected; persons are the unique ids', async () => {
    const bytes = sharedFile('olist', 'olist_customers_dataset.csv.gz');
    const lines = gunzipSync(bytes).toString('utf-8').split('\n').filter((l) => l.trim() !== '');
    const dataLines = lines.length - 1;
    const persons = new Set(lines.slice(1).map((l) => l.split(',')[1]!.replace(/"/g, '').trim())).size;
    const r = await load({ name: 'olist_customers_dataset.csv.gz', bytes });
    expect(r.mapping.customer_id).toBe('customer_unique_id');
    expect(r.rowsRead).toBe(dataLines);
    expect(r.rowsLoaded + r.rowsRejected).toBe(dataLines);
    expect(r.rowsLoaded).toBe(persons);
    expect(r.rejectedByReason).toEqual({ duplicate_customer_id: dataLines - persons });
  }, 60_000);
});

describe('the sample customer list', () => {
  it('lists every sample buyer (signed up by their first order) and prospects spread over the period; loads with no rejects', async () => {
    const list = generateSampleCustomers({ customers: 300, seed: 5 });
    expect(generateSampleCustomers({ customers: 300, seed: 5 })).toEqual(list);
    const orders = generateSampleOrders({ customers: 300, seed: 5 }).filter((o) => o.customer_id !== '' && /^\d{4}-\d{2}-\d{2}$/.test(o.order_date));
    const first = new Map<string, string>();
    for (const o of orders) if (!first.has(o.customer_id) || o.order_date < first.get(o.customer_id)!) first.set(o.customer_id, o.order_date);
    const buyers = list.filter((c) => !c.customer_id.startsWith('LEAD-'));
    expect(buyers.map((c) => c.customer_id).sort()).toEqual([...first.keys()].sort());
    for (const c of buyers) expect(c.signup_date <= first.get(c.customer_id)!, c.customer_id).toBe(true);
    const leads = list.filter((c) => c.customer_id.startsWith('LEAD-'));
    expect(leads).toHaveLength(60);
    const months = new Set(leads.map((c) => c.signup_date.slice(0, 7)));
    expect(months.size).toBeGreaterThan(12); // spread over 2023-2024, not piled on one day
    const e = await withEngine();
    try {
      const r = await ingestCustomers(e, { name: 'sample-customers.csv', bytes: text(sampleCustomersCsv({ customers: 300, seed: 5 })) });
      expect(r).toMatchObject({ rowsRead: list.length, rowsLoaded: list.length, rowsRejected: 0 });
    } finally {
      await e.close();
    }
  });
});
