import { gzipSync } from 'node:zlib';
import { DateDay, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/data/engine/engine.js';
import { ingestOrders, type IngestInput } from '../../src/data/ingest/ingest.js';
import type { IngestOptions, LoadReport } from '../../src/data/ingest/types.js';
import { fixture, text, withEngine } from '../helpers/engine.js';
import { expectAccounting, ingestError, loaded, rows, scalar } from '../helpers/ingest.js';

let engine: Engine;
beforeAll(async () => {
  engine = await withEngine();
});
afterAll(async () => {
  await engine.close();
});

async function load(input: IngestInput, options: IngestOptions = {}): Promise<LoadReport> {
  const report = loaded(await ingestOrders(engine, input, options));
  await expectAccounting(engine, report);
  return report;
}
const loadFixture = (name: string, options: IngestOptions = {}) => load({ name, bytes: fixture(name) }, options);

/** Net spend per customer from the loaded `orders` table. */
async function spendByCustomer(): Promise<Record<string, number>> {
  const out = await rows<{ customer_id: string; spend: number }>(
    engine,
    'SELECT customer_id, round(sum(amount), 2) AS spend FROM orders GROUP BY customer_id ORDER BY customer_id',
  );
  return Object.fromEntries(out.map((r) => [r.customer_id, r.spend]));
}

describe('CSV in several languages', () => {
  it('English: orders-en.csv', async () => {
    const r = await loadFixture('orders-en.csv');
    expect(r.format).toBe('csv');
    expect(r.file).toBe('orders-en.csv');
    expect(r.columns).toEqual(['order_id', 'customer_id', 'order_date', 'amount', 'channel']);
    expect(r.mapping).toEqual({
      order_id: 'order_id',
      customer_id: 'customer_id',
      order_date: 'order_date',
      amount: 'amount',
      channel: 'channel',
    });
    expect(r).toMatchObject({
      rowsRead: 6, rowsLoaded: 6, rowsRejected: 0, customers: 4, orders: 6,
      firstOrder: '2024-01-05', lastOrder: '2024-03-15', dateOrder: 'ymd', decimal: 'point', aggregatedLines: false,
    });
    expect(r.returns).toEqual({ orders: 0, lines: 0, policy: 'net' });
    expect(r.totalAmount).toBeCloseTo(511.5, 2);
    expect(r.rejectedByReason).toEqual({});
    expect(r.warnings).toEqual([]);
    expect(await spendByCustomer()).toEqual({ C01: 200.75, C02: 95, C03: 15.75, C04: 200 });

    const types = Object.fromEntries(
      (await rows<{ column_name: string; column_type: string }>(engine, 'DESCRIBE orders')).map((c) => [c.column_name, c.column_type]),
    );
    expect(Object.keys(types)).toEqual([
      'order_id', 'customer_id', 'order_date', 'amount', 'quantity', 'unit_price', 'channel', 'status', 'margin',
      'promised_date', 'delivered_date', 'review_score', 'promised_unreadable', 'delivered_unreadable', 'review_unreadable',
      'is_return', 'lines', 'first_line',
    ]);
    expect(types).toMatchObject({
      order_date: 'DATE', amount: 'DOUBLE', is_return: 'BOOLEAN', promised_date: 'DATE', delivered_date: 'DATE', review_score: 'DOUBLE',
      promised_unreadable: 'BOOLEAN', delivered_unreadable: 'BOOLEAN', review_unreadable: 'BOOLEAN',
    });
    const [first] = await rows(engine, `SELECT order_id, customer_id, CAST(order_date AS VARCHAR) AS d, amount, channel, lines, CAST(first_line AS INTEGER) AS first_line FROM orders ORDER BY first_line LIMIT 1`);
    expect(first).toEqual({ order_id: '1001', customer_id: 'C01', d: '2024-01-05', amount: 120.5, channel: 'web', lines: 1, first_line: 2 });
  });

  it('Portuguese: pedidos-pt.csv (";", decimal comma, dd/mm/yyyy)', async () => {
    const r = await loadFixture('pedidos-pt.csv');
    expect(r.mapping).toEqual({
      order_id: 'Pedido',
      customer_id: 'Cliente',
      order_date: 'Data do Pedido',
      amount: 'Valor Total',
      channel: 'Canal',
    });
    expect(r).toMatchObject({
      rowsRead: 5, rowsLoaded: 5, rowsRejected: 0, customers: 3, orders: 5,
      firstOrder: '2024-01-05', lastOrder: '2024-03-13', dateOrder: 'dmy', decimal: 'comma',
    });
    expect(r.totalAmount).toBeCloseTo(1692.06, 2);
    expect(r.warnings).toEqual([]);
    expect(await spendByCustomer()).toEqual({ 'Ana Souza': 1279.56, 'João Lima': 102.4, 'Márcia Reis': 310.1 });
  });

  it('Spanish: pedidos-es.tsv (tabs, decimal comma with thousands dots)', async () => {
    const r = await loadFixture('pedidos-es.tsv');
    expect(r.mapping).toEqual({
      order_id: 'Número de Factura',
      customer_id: 'Cliente',
      order_date: 'Fecha',
      amount: 'Importe Total',
      quantity: 'Cantidad',
    });
    expect(r).toMatchObject({
      rowsRead: 4, rowsLoaded: 4, rowsRejected: 0, customers: 2, orders: 4,
      firstOrder: '2024-04-03', lastOrder: '2024-06-30', dateOrder: 'dmy', decimal: 'comma',
    });
    expect(r.totalAmount).toBeCloseTo(1375.39, 2);
    expect(await scalar(engine, 'SELECT CAST(sum(quantity) AS INTEGER) FROM orders')).toBe(7);
  });

  it('French: commandes-fr.csv (quoted decimal commas, space as thousands separator)', async () => {
    const r = await loadFixture('commandes-fr.csv');
    expect(r.mapping).toEqual({
      order_id: 'Numéro de commande',
      customer_id: 'Code client',
      order_date: 'Date de commande',
      amount: 'Montant total',
      quantity: 'Quantité',
    });
    expect(r).toMatchObject({
      rowsRead: 4, rowsLoaded: 4, rowsRejected: 0, customers: 3, orders: 4,
      firstOrder: '2023-11-02', lastOrder: '2024-01-08', decimal: 'comma',
    });
    expect(r.totalAmount).toBeCloseTo(1619.5, 2);
    expect(await spendByCustomer()).toEqual({ 'CL-07': 1249.5, 'CL-09': 49.9, 'CL-12': 320.1 });
  });

  it('Malay: pesanan-ms.csv (pelanggan / tarikh / jumlah / invois, "RM" amounts)', async () => {
    const r = await loadFixture('pesanan-ms.csv');
    expect(r.mapping).toEqual({ order_id: 'No Invois', customer_id: 'Pelanggan', order_date: 'Tarikh', amount: 'Jumlah' });
    expect(r).toMatchObject({
      rowsRead: 5, rowsLoaded: 5, rowsRejected: 0, customers: 3, orders: 5,
      firstOrder: '2024-02-14', lastOrder: '2024-04-01', dateOrder: 'dmy',
    });
    expect(r.totalAmount).toBeCloseTo(1391.3, 2);
    expect(await spendByCustomer()).toEqual({ 'Ahmad bin Ali': 61.4, 'Siti Aminah': 129.9, 'Tan Wei Ming': 1200 });
  });
});

describe('line-level exports (UCI Online Retail style)', () => {
  it('combines lines into orders; cancellations and negative quantities are returns under "net"', async () => {
    const r = await loadFixture('lines-uci-style.csv');
    expect(r.mapping).toEqual({
      order_id: 'InvoiceNo',
      quantity: 'Quantity',
      order_date: 'InvoiceDate',
      unit_price: 'UnitPrice',
      customer_id: 'CustomerID',
    });
    expect(r).toMatchObject({
      rowsRead: 10, rowsLoaded: 9, rowsRejected: 1, customers: 3, orders: 4,
      firstOrder: '2011-01-04', lastOrder: '2011-03-01', aggregatedLines: true,
    });
    expect(r.returns).toEqual({ orders: 2, lines: 2, policy: 'net' });
    expect(r.rejectedByReason).toEqual({ missing_customer_id: 1 });
    expect(r.rejectSamples).toEqual([{ line: 9, reason: 'missing_customer_id', column: 'CustomerID', value: null, detail: null }]);
    // 35.50 + 29.70 + 17.00 - 5.00 - 1.50 + 50.40
    expect(r.totalAmount).toBeCloseTo(126.1, 2);
    expect(await spendByCustomer()).toEqual({ '17001': 47.5, '17002': 29.7, '17003': 48.9 });

    const orders = await rows(
      engine,
      `SELECT order_id, customer_id, round(amount, 2) AS amount, CAST(quantity AS INTEGER) AS quantity, is_return, lines,
              CAST(first_line AS INTEGER) AS first_line
       FROM orders ORDER BY first_line`,
    );
    expect(orders).toEqual([
      { order_id: '500001', customer_id: '17001', amount: 35.5, quantity: 9, is_return: false, lines: 3, first_line: 2 },
      { order_id: '500002', customer_id: '17002', amount: 29.7, quantity: 15, is_return: false, lines: 2, first_line: 5 },
      { order_id: '500003', customer_id: '17001', amount: 17, quantity: 4, is_return: false, lines: 1, first_line: 7 },
      { order_id: 'C500004', customer_id: '17001', amount: -5, quantity: -2, is_return: true, lines: 1, first_line: 8 },
      { order_id: '500006', customer_id: '17003', amount: -1.5, quantity: -1, is_return: true, lines: 1, first_line: 10 },
      { order_id: '500007', customer_id: '17003', amount: 50.4, quantity: 24, is_return: false, lines: 1, first_line: 11 },
    ]);
  });

  it('moves returns to the rejects table under "exclude"', async () => {
    const r = await loadFixture('lines-uci-style.csv', { returnPolicy: 'exclude' });
    expect(r).toMatchObject({ rowsRead: 10, rowsLoaded: 7, rowsRejected: 3, customers: 3, orders: 4 });
    expect(r.returns).toEqual({ orders: 0, lines: 0, policy: 'exclude' });
    expect(r.rejectedByReason).toEqual({ missing_customer_id: 1, return_excluded: 2 });
    expect(r.totalAmount).toBeCloseTo(132.6, 2);
    const rejects = await rows(engine, 'SELECT CAST(line AS INTEGER) AS line, reason, "column", value FROM orders_rejects ORDER BY line');
    expect(rejects).toEqual([
      { line: 8, reason: 'return_excluded', column: 'InvoiceNo', value: 'C500004' },
      { line: 9, reason: 'missing_customer_id', column: 'CustomerID', value: null },
      // 500006 is a return by its negative quantity (no "C" id): that is the evidence named.
      { line: 10, reason: 'return_excluded', column: 'Quantity', value: '-1.0' },
    ]);
    expect(await scalar(engine, 'SELECT CAST(count(*) AS INTEGER) FROM orders WHERE is_return')).toBe(0);
  });

  it('decides returns per order: a discount line inside an ordinary invoice is not a return', async () => {
    const csv = [
      'InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID',
      '700001,2,2011-04-01 10:00:00,5.00,18001',
      '700001,-1,2011-04-01 10:00:00,1.00,18001', // discount line
      '700002,-3,2011-04-02 10:00:00,5.00,18001', // a return without a C id: negative total
      'C700003,-1,2011-04-03 10:00:00,5.00,18002', // a cancellation
    ].join('\n');
    const net = loaded(await ingestOrders(engine, { name: 'discounts.csv', bytes: text(csv) }));
    expect(net.orders).toBe(1);
    expect(net.returns).toEqual({ orders: 2, lines: 2, policy: 'net' });
    expect(net.totalAmount).toBeCloseTo(10 - 1 - 15 - 5, 2);
    const excluded = loaded(await ingestOrders(engine, { name: 'discounts.csv', bytes: text(csv) }, { returnPolicy: 'exclude' }));
    expect(excluded).toMatchObject({ rowsRead: 4, rowsLoaded: 2, rowsRejected: 2, orders: 1 });
    expect(excluded.totalAmount).toBeCloseTo(9, 2);
    expect(await rows(engine, 'SELECT CAST(line AS INTEGER) AS line, "column", value FROM orders_rejects ORDER BY line')).toEqual([
      { line: 4, column: 'Quantity', value: '-3.0' },
      { line: 5, column: 'InvoiceNo', value: 'C700003' },
    ]);
  });
});

describe('orders without an order id column', () => {
  it('every line is an order of its own, with the same figures, flags and types as lines whose ids are all distinct', async () => {
    // Every optional role, a return, and a delivery date and a score that cannot be read.
    const header = 'customer_id,order_date,amount,quantity,unit_price,channel,status,margin,promised,delivered,review';
    const lines = [
      'C1,2024-01-05,100,2,50,web,paid,30,2024-01-08,2024-01-07,5',
      'C1,2024-02-05,-40,-1,40,web,returned,-10,,,',
      'C2,2024-01-06,15.5,1,15.5,shop,paid,4,2024-01-09,soon,great',
      'C2,2024-01-06,15.5,1,15.5,shop,paid,4,2024-01-09,2024-01-10,4',
      ',2024-01-07,9,1,9,web,paid,1,,,',
      // Written as -0 (or made of 0 x -1): an order's figures are 0 either way, never -0.
      'C3,2024-03-01,-0,-1,0,web,returned,-0,,,',
    ];
    const map = { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount', quantity: 'quantity', unit_price: 'unit_price', channel: 'channel', status: 'status', margin: 'margin', promised_date: 'promised', delivered_date: 'delivered', review_score: 'review' };
    const ordersNow = async () => ({
      types: await rows(engine, 'SELECT column_name, column_type FROM (DESCRIBE orders)'),
      rows: await rows(engine, `SELECT * EXCLUDE (order_id, order_date, promised_date, delivered_date), CAST(order_date AS VARCHAR) AS d,
        CAST(promised_date AS VARCHAR) AS p, CAST(delivered_date AS VARCHAR) AS dd, CAST(first_line AS INTEGER) AS first_line FROM orders ORDER BY first_line`),
    });
    const without = await load({ name: 'no-ids.csv', bytes: text(`${header}\n${lines.join('\n')}\n`) }, { mapping: map });
    const lineOrders = await ordersNow();
    expect(await rows(engine, 'SELECT order_id FROM orders ORDER BY first_line')).toEqual([{ order_id: '#2' }, { order_id: '#3' }, { order_id: '#4' }, { order_id: '#5' }, { order_id: '#7' }]);
    expect(Object.is(lineOrders.rows[4]!.amount, 0) && Object.is(lineOrders.rows[4]!.margin, 0)).toBe(true);
    const withIds = await load(
      { name: 'ids.csv', bytes: text(`order_no,${header}\n${lines.map((l, i) => `A${i},${l}`).join('\n')}\n`) },
      { mapping: { ...map, order_id: 'order_no' } },
    );
    expect(await ordersNow()).toEqual(lineOrders);
    expect(lineOrders.rows[1]).toMatchObject({ is_return: true, amount: -40, lines: 1 });
    expect(lineOrders.rows[2]).toMatchObject({ delivered_unreadable: true, review_unreadable: true, review_score: null, dd: null, unit_price: 15.5 });
    const { durationMs: _a, file: _f, ...a } = without;
    const { durationMs: _b, file: _g, ...b } = withIds;
    expect({ ...a, mapping: null, columns: null, warnings: null, notices: null, rejectSamples: null }).toEqual({ ...b, mapping: null, columns: null, warnings: null, notices: null, rejectSamples: null });
    expect(without).toMatchObject({ rowsRead: 6, rowsLoaded: 5, rowsRejected: 1, orders: 4, aggregatedLines: false, returns: { orders: 1, lines: 1, policy: 'net' } });
  });
});

describe('CSV details', () => {
  it('reads quoted fields with embedded commas and doubled quotes', async () => {
    const r = await loadFixture('quoted-fields.csv');
    expect(r.columns).toEqual(['order_id', 'customer', 'order_date', 'amount', 'note']);
    expect(r.mapping).toEqual({ order_id: 'order_id', customer_id: 'customer', order_date: 'order_date', amount: 'amount' });
    expect(r).toMatchObject({ rowsRead: 3, rowsLoaded: 3, rowsRejected: 0, customers: 2, orders: 3 });
    expect(r.totalAmount).toBeCloseTo(1265.5, 2);
    expect(await spendByCustomer()).toEqual({ "O'Brien, Pat": 1250, 'Smith, John': 15.5 });
  });

  it('drops a UTF-8 byte order mark from the first header', async () => {
    const bytes = fixture('orders-bom.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const r = await loadFixture('orders-bom.csv');
    expect(r.columns[0]).toBe('customer_id');
    expect(r.mapping).toEqual({ customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' });
    expect(r).toMatchObject({ rowsRead: 3, rowsLoaded: 3, customers: 2, orders: 3, firstOrder: '2024-06-01', lastOrder: '2024-06-03' });
    expect(r.totalAmount).toBeCloseTo(60, 2);
  });

  it('reads a Latin-1 file and keeps its accented names', async () => {
    const bytes = fixture('clientes-latin1.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const r = await loadFixture('clientes-latin1.csv');
    expect(r.mapping).toEqual({ customer_id: 'cliente', order_date: 'data', amount: 'valor' });
    expect(r).toMatchObject({
      rowsRead: 4, rowsLoaded: 4, customers: 3, orders: 4, firstOrder: '2024-01-10', lastOrder: '2024-01-31',
      dateOrder: 'dmy', decimal: 'comma',
    });
    expect(r.totalAmount).toBeCloseTo(42.75, 2);
    expect(await spendByCustomer()).toEqual({ 'Françoise Côté': 20.5, 'José Muñoz': 15.25, 'Åsa Ørsted': 7 });
  });
});

describe('dates', () => {
  it('reads yyyymmdd dates', async () => {
    const r = await loadFixture('orders-yyyymmdd.csv');
    expect(r.mapping.order_date).toBe('order_date');
    expect(r).toMatchObject({ rowsRead: 4, rowsLoaded: 4, customers: 3, firstOrder: '2023-01-05', lastOrder: '2023-12-31', dateOrder: 'ymd' });
    expect(r.totalAmount).toBeCloseTo(135.74, 2);
    expect(r.warnings).toEqual([]);
  });

  it('decides month/day/year when a second part is over 12, and loads without asking', async () => {
    const result = await ingestOrders(engine, { name: 'orders-mdy.csv', bytes: fixture('orders-mdy.csv') }, { askWhenUnsure: true });
    const r = loaded(result);
    await expectAccounting(engine, r);
    expect(r).toMatchObject({ rowsRead: 4, rowsLoaded: 4, customers: 3, dateOrder: 'mdy', firstOrder: '2024-01-05', lastOrder: '2024-03-04' });
    expect(r.warnings).toEqual([]);
    const dates = await rows<{ d: string }>(engine, 'SELECT CAST(order_date AS VARCHAR) AS d FROM orders ORDER BY first_line');
    expect(dates.map((x) => x.d)).toEqual(['2024-01-05', '2024-01-31', '2024-02-03', '2024-03-04']);
  });

  describe('ambiguous day/month dates', () => {
    const input = () => ({ name: 'orders-ambiguous-dates.csv', bytes: fixture('orders-ambiguous-dates.csv') });

    it('asks with askWhenUnsure, and leaves the loaded dataset alone', async () => {
      await loadFixture('orders-en.csv');
      const result = await ingestOrders(engine, input(), { askWhenUnsure: true });
      expect(result.status).toBe('needs-input');
      if (result.status !== 'needs-input') return;
      expect(result.file).toBe('orders-ambiguous-dates.csv');
      expect(result.columns).toEqual(['customer_id', 'order_date', 'amount']);
      expect(result.decision.dateOrderCertain).toBe(false);
      expect(result.decision.mapping).toEqual({ customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' });
      expect(result.decision.questions).toHaveLength(1);
      expect(result.decision.questions[0]).toMatch(/"order_date"/);
      expect(result.decision.questions[0]).toMatch(/day\/month or month\/day/);
      expect(result.decision.questions[0]).toMatch(/01\/02\/2024/);
      // Nothing changed: the English orders are still the dataset.
      expect(await scalar(engine, 'SELECT CAST(count(*) AS INTEGER) FROM orders')).toBe(6);
      expect(await scalar(engine, "SELECT CAST(count(*) AS INTEGER) FROM orders WHERE customer_id = 'C01'")).toBe(2);
    });

    it('loads day-first with a warning without askWhenUnsure', async () => {
      const r = await load(input());
      expect(r).toMatchObject({ rowsRead: 4, rowsLoaded: 4, dateOrder: 'dmy', firstOrder: '2024-02-01', lastOrder: '2024-08-07' });
      expect(r.warnings).toHaveLength(1);
      expect(r.warnings[0]).toMatch(/"order_date".*day\/month\/year/);
    });

    it('takes the date order it is given, without a warning', async () => {
      const r = loaded(await ingestOrders(engine, input(), { dateOrder: 'mdy', askWhenUnsure: true }));
      expect(r).toMatchObject({ dateOrder: 'mdy', firstOrder: '2024-01-02', lastOrder: '2024-07-08' });
      expect(r.warnings).toEqual([]);
    });
  });
});

describe('other containers and formats', () => {
  it('gzip-compressed CSV', async () => {
    const r = await load({ name: 'orders-en.csv.gz', bytes: gzipSync(fixture('orders-en.csv')) });
    expect(r).toMatchObject({ format: 'csv', rowsRead: 6, rowsLoaded: 6, customers: 4, orders: 6, firstOrder: '2024-01-05', lastOrder: '2024-03-15' });
    expect(r.totalAmount).toBeCloseTo(511.5, 2);
  });

  it('gzip-compressed semicolon CSV with a decimal comma', async () => {
    const r = await load({ name: 'pedidos.csv.gz', bytes: gzipSync(fixture('pedidos-pt.csv')) });
    expect(r).toMatchObject({ format: 'csv', rowsRead: 5, customers: 3, decimal: 'comma', dateOrder: 'dmy' });
    expect(r.totalAmount).toBeCloseTo(1692.06, 2);
  });

  const records = [
    { order_id: 'J1', customer_id: 'u1', order_date: '2024-03-01', amount: 10.5 },
    { order_id: 'J2', customer_id: 'u2', order_date: '2024-03-02', amount: 20 },
    { order_id: 'J3', customer_id: 'u1', order_date: '2024-03-09T15:30:00Z', amount: 30.25 },
    { order_id: 'J4', customer_id: null, order_date: '2024-03-10', amount: 5 },
    { order_id: 'J5', customer_id: 'u3', order_date: '2024-04-01', amount: 40 },
  ];
  const expectJsonLike = async (r: LoadReport, format: string) => {
    expect(r.format).toBe(format);
    expect(r.mapping).toEqual({ order_id: 'order_id', customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' });
    expect(r).toMatchObject({
      rowsRead: 5, rowsLoaded: 4, rowsRejected: 1, customers: 3, orders: 4, firstOrder: '2024-03-01', lastOrder: '2024-04-01',
    });
    expect(r.rejectedByReason).toEqual({ missing_customer_id: 1 });
    // Records are numbered from 1: the fourth record is the rejected one.
    expect(r.rejectSamples.map((s) => s.line)).toEqual([4]);
    expect(r.totalAmount).toBeCloseTo(100.75, 2);
    expect(await spendByCustomer()).toEqual({ u1: 40.75, u2: 20, u3: 40 });
  };

  it('JSON array', async () => {
    await expectJsonLike(await load({ name: 'orders.json', bytes: text(JSON.stringify(records, null, 2)) }), 'json');
  });

  it('JSON object holding the records', async () => {
    await expectJsonLike(await load({ name: 'export.json', bytes: text(JSON.stringify({ orders: records })) }), 'json');
  });

  it('NDJSON, one record per line', async () => {
    const ndjson = records.map((x) => JSON.stringify(x)).join('\n') + '\n';
    await expectJsonLike(await load({ name: 'orders.ndjson', bytes: text(ndjson) }), 'json');
  });

  it('gzip-compressed NDJSON', async () => {
    const ndjson = records.map((x) => JSON.stringify(x)).join('\n');
    await expectJsonLike(await load({ name: 'orders.ndjson.gz', bytes: gzipSync(text(ndjson)) }), 'json');
  });

  it('plain records', async () => {
    await expectJsonLike(await load({ name: 'records', records }), 'json');
  });

  it('Parquet written by hyparquet-writer', async () => {
    const parquet = parquetWriteBuffer({
      columnData: [
        { name: 'order_id', data: [1, 2, 3, 4, 5], type: 'INT32' },
        { name: 'customer_id', data: ['u1', 'u2', 'u1', null, 'u3'], type: 'STRING' },
        {
          name: 'order_date',
          data: ['2024-03-01', '2024-03-02', '2024-03-09', '2024-03-10', '2024-04-01'].map((d) => new Date(`${d}T12:00:00Z`)),
          type: 'TIMESTAMP',
        },
        { name: 'amount', data: [10.5, 20, 30.25, 5, 40], type: 'DOUBLE' },
      ],
    });
    const bytes = new Uint8Array(parquet);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('PAR1');
    await expectJsonLike(await load({ name: 'orders.parquet', bytes }), 'parquet');
    const ids = await rows<{ order_id: string }>(engine, 'SELECT order_id FROM orders ORDER BY first_line');
    expect(ids.map((x) => x.order_id)).toEqual(['1', '2', '3', '5']);
  });

  /** Typed Arrow columns: ints, text with a null, days, doubles. */
  const arrowTable = () =>
    new Table({
      order_id: vectorFromArray([1, 2, 3, 4, 5], new Int32()),
      customer_id: vectorFromArray(['u1', 'u2', 'u1', null, 'u3'], new Utf8()),
      order_date: vectorFromArray(
        ['2024-03-01', '2024-03-02', '2024-03-09', '2024-03-10', '2024-04-01'].map((d) => new Date(`${d}T00:00:00Z`)),
        new DateDay(),
      ),
      amount: vectorFromArray([10.5, 20, 30.25, 5, 40], new Float64()),
    });

  it('Arrow IPC file bytes', async () => {
    const bytes = tableToIPC(arrowTable(), 'file');
    await expectJsonLike(await load({ name: 'orders.arrow', bytes }), 'arrow');
  });

  it('Arrow IPC stream bytes', async () => {
    const bytes = tableToIPC(arrowTable(), 'stream');
    await expectJsonLike(await load({ name: 'orders.arrows', bytes }), 'arrow');
  });

  it('an Arrow table', async () => {
    await expectJsonLike(await load({ name: 'table', table: arrowTable() }), 'arrow');
  });
});

describe('explicit mapping', () => {
  const csv = text(
    'customer_id,email,order_date,amount,net\n' +
      '1,a@example.com,2024-01-01,10.00,8.00\n' +
      '2,a@example.com,2024-01-02,20.00,16.00\n' +
      '3,b@example.com,2024-01-03,30.00,24.00\n',
  );

  it('detection alone takes customer_id and amount', async () => {
    const r = await load({ name: 'm.csv', bytes: csv });
    expect(r.mapping).toMatchObject({ customer_id: 'customer_id', amount: 'amount' });
    expect(r.customers).toBe(3);
    expect(r.totalAmount).toBeCloseTo(60, 2);
  });

  it('wins over detection', async () => {
    const r = await load({ name: 'm.csv', bytes: csv }, { mapping: { customer_id: 'email', amount: 'net' } });
    expect(r.mapping).toMatchObject({ customer_id: 'email', amount: 'net', order_date: 'order_date' });
    expect(r.customers).toBe(2);
    expect(r.totalAmount).toBeCloseTo(48, 2);
    expect(await spendByCustomer()).toEqual({ 'a@example.com': 24, 'b@example.com': 24 });
  });

  it('naming a missing column fails with code "mapping", naming the column', async () => {
    await load({ name: 'orders-en.csv', bytes: fixture('orders-en.csv') });
    const e = await ingestError(ingestOrders(engine, { name: 'm.csv', bytes: csv }, { mapping: { amount: 'Total Value' } }));
    expect(e.code).toBe('mapping');
    expect(e.message).toContain('"Total Value"');
    expect(e.message).toContain('m.csv');
    expect(e.where).toMatchObject({ file: 'm.csv', column: 'Total Value' });
    // The earlier dataset is untouched.
    expect(await scalar(engine, 'SELECT CAST(count(*) AS INTEGER) FROM orders')).toBe(6);
  });
});

describe('progress', () => {
  it('reports steps with growing fractions, ending at 1', async () => {
    const steps: [string, number][] = [];
    await load({ name: 'orders-en.csv', bytes: fixture('orders-en.csv') }, { onProgress: (s, f) => steps.push([s, f]) });
    const fractions = steps.map(([, f]) => f);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(steps.at(-1)).toEqual(['Done', 1]);
    expect(steps.length).toBeGreaterThan(3);
  });
});
