import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/data/engine/engine.js';
import { ingestOrders } from '../../src/data/ingest/ingest.js';
import { text, withEngine } from '../helpers/engine.js';
import { expectAccounting, ingestError, loaded, rows, scalar } from '../helpers/ingest.js';

let engine: Engine;
beforeAll(async () => {
  engine = await withEngine();
});
afterAll(async () => {
  await engine.close();
});

const leftovers = async () =>
  rows<{ name: string }>(
    engine,
    "SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'rapport_%' UNION ALL SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'rapport_%'",
  );

describe('awkward but valid inputs', () => {
  it('a column named rowid does not break line numbering', async () => {
    const csv = 'RowID,customer_id,order_date,amount\n1,A,2024-01-01,5\n2,,2024-01-02,6\n3,B,2024-01-03,7\n';
    const r = loaded(await ingestOrders(engine, { name: 'with-rowid.csv', bytes: text(csv) }));
    expect(r).toMatchObject({ rowsRead: 3, rowsLoaded: 2, rowsRejected: 1 });
    expect(r.columns).toContain('RowID_');
    expect(r.warnings.join(' ')).toContain('"RowID"');
    expect(r.rejectSamples[0]).toMatchObject({ line: 3, reason: 'missing_customer_id' });
    await expectAccounting(engine, r);
  });

  it("ids starting with apostrophes and holding a tab (a spreadsheet-safe export) are read with the double quote, not taken for '-quoted tab-separated text", async () => {
    // Alone, the sniffer takes ' for the quote and tab for the delimiter here and rejects every line.
    const csv = "customer_id,order_date,amount\n''\tA,2024-01-01,5\n''\tb,2024-01-03,7\n";
    const r = loaded(await ingestOrders(engine, { name: 'apostrophes.csv', bytes: text(csv) }));
    expect(r).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0 });
    expect(r.warnings).toEqual([]);
    expect(await rows(engine, 'SELECT customer_id, CAST(order_date AS VARCHAR) AS order_date, amount FROM orders ORDER BY order_date')).toEqual([
      { customer_id: "''\tA", order_date: '2024-01-01', amount: 5 },
      { customer_id: "''\tb", order_date: '2024-01-03', amount: 7 },
    ]);
    await expectAccounting(engine, r);
  });

  it("a field of apostrophes alone is that text (the double quote is the quote), while a file quoted with apostrophes still reads as such", async () => {
    // Alone, the sniffer takes ' for the quote here, and the id '' for an empty quoted text.
    const r = loaded(await ingestOrders(engine, { name: 'apostrophe-id.csv', bytes: text("customer_id,order_date,amount\n'',2024-01-01,5\n") }));
    expect(r).toMatchObject({ rowsRead: 1, rowsLoaded: 1, rowsRejected: 0 });
    expect(await scalar<string>(engine, 'SELECT customer_id FROM orders')).toBe("''");
    const quoted = "customer_id,order_date,amount\n'Smith, J.',2024-01-01,5\n'Lee',2024-01-02,6\n";
    const q = loaded(await ingestOrders(engine, { name: 'apostrophe-quoted.csv', bytes: text(quoted) }));
    expect(q).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0 });
    expect((await rows<{ id: string }>(engine, 'SELECT customer_id AS id FROM orders ORDER BY order_date')).map((x) => x.id)).toEqual(['Smith, J.', 'Lee']);
    // Quoted with apostrophes and no field that needs its quotes: read the same either way, so the wrapping decides.
    const wrapped = "customer_id,order_date,amount\n'C1','2024-01-01','5'\n'C2','2024-01-02','6'\n";
    const w = loaded(await ingestOrders(engine, { name: 'apostrophe-wrapped.csv', bytes: text(wrapped) }));
    expect(w).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0 });
    expect(await rows(engine, 'SELECT customer_id, CAST(order_date AS VARCHAR) AS order_date, amount FROM orders ORDER BY order_date')).toEqual([
      { customer_id: 'C1', order_date: '2024-01-01', amount: 5 },
      { customer_id: 'C2', order_date: '2024-01-02', amount: 6 },
    ]);
  });

  it('re-reads as Latin-1 when a Latin-1 byte appears after the sniffed first 64 kB', async () => {
    const head = text(`customer_id,order_date,amount\n${'A,2024-01-01,1\n'.repeat(6000)}`);
    expect(head.length).toBeGreaterThan(64 * 1024);
    const tail = Uint8Array.from([...text('Jos'), 0xe9, ...text(',2024-01-02,2\n')]);
    const bytes = new Uint8Array(head.length + tail.length);
    bytes.set(head);
    bytes.set(tail, head.length);
    const r = loaded(await ingestOrders(engine, { name: 'late-latin1.csv', bytes }));
    expect(r).toMatchObject({ rowsRead: 6001, rowsLoaded: 6001, rowsRejected: 0, customers: 2 });
    expect(r.warnings.join(' ')).toContain('Latin-1');
    expect(await scalar<string>(engine, "SELECT customer_id FROM orders WHERE customer_id <> 'A'")).toBe('José');
  });

  it('reads year-first dates with slashes or dots', async () => {
    const csv = 'customer_id,order_date,amount\nA,2024/01/05,1\nB,2024.02.06 10:30,2\nC,2024/3/7,3\n';
    const r = loaded(await ingestOrders(engine, { name: 'slashed.csv', bytes: text(csv) }));
    expect(r).toMatchObject({ rowsLoaded: 3, firstOrder: '2024-01-05', lastOrder: '2024-03-07', dateOrder: 'ymd' });
  });

  it('warns of order dates before 1900 or more than a year ahead (they load), naming the count, the first line and its value; old but real dates are not warned of', async () => {
    const csv = 'customer_id,order_date,amount\nA,2024-01-05,1\nB,0001-01-01,2\nC,9999-12-31,3\nD,1955-06-15,4\n';
    const r = loaded(await ingestOrders(engine, { name: 'far.csv', bytes: text(csv) }));
    expect(r).toMatchObject({ rowsLoaded: 4, firstOrder: '0001-01-01', lastOrder: '9999-12-31' });
    expect(r.warnings).toContain(
      '2 order dates in "order_date" are before 1900 or more than a year ahead (first: line 3, 0001-01-01); check them: the latest order date sets the default analysis date, and so every recency.',
    );
    const old = loaded(await ingestOrders(engine, { name: 'old.csv', bytes: text('customer_id,order_date,amount\nA,1955-06-15,1\nB,2024-01-05,2\n') }));
    expect(old.notices.map((n) => n.code)).not.toContain('ingest.far-dates');
  });

  it('reports the delimiter it found', async () => {
    const r = loaded(await ingestOrders(engine, { name: 'semi.csv', bytes: text('customer_id;order_date;amount\nA;2024-01-01;1,5\n') }));
    expect(r.delimiter).toBe(';');
    expect(r.totalAmount).toBe(1.5);
  });
});

describe('names of people as customer ids (review of issue 5)', () => {
  it('Pedido;Cliente;Data do Pedido;Valor Total with full Portuguese names loads with customer_id = Cliente', async () => {
    const names = ['Maria Aparecida dos Santos', 'José Carlos da Silva Pereira', 'Ana Paula de Oliveira Costa', 'Francisco das Chagas Lima', 'Antônia Rodrigues de Souza', 'Luiz Fernando Alves Ribeiro'];
    const csv = ['Pedido;Cliente;Data do Pedido;Valor Total', ...names.map((n, i) => `${1001 + i};${n};0${i + 1}/03/2024;${10 + i},50`), `1007;${names[0]};15/03/2024;99,90`].join('\n');
    const r = loaded(await ingestOrders(engine, { name: 'pedidos-nomes.csv', bytes: text(csv) }));
    expect(r.mapping).toMatchObject({ order_id: 'Pedido', customer_id: 'Cliente', order_date: 'Data do Pedido', amount: 'Valor Total' });
    expect(r).toMatchObject({ rowsRead: 7, rowsLoaded: 7, rowsRejected: 0, customers: 6, orders: 7 });
    await expectAccounting(engine, r);
  });
});

describe('errors that explain themselves', () => {
  it('names a column whose header says date but whose values are not dates', async () => {
    const csv = 'customer_id,order_date,amount\nA,soon,1\nB,later,2\n';
    const e = await ingestError(ingestOrders(engine, { name: 'undated.csv', bytes: text(csv) }));
    expect(e.code).toBe('mapping');
    expect(e.message).toContain('Column "order_date" has the name but not the values (e.g. "soon")');
  });
});

/** The test engine, but the user presses Cancel just as a chosen statement is sent. */
function abortingAt(when: (sql: string) => boolean, abort: AbortController): Engine {
  return {
    kind: engine.kind,
    query: (sql, params) => {
      if (when(sql)) abort.abort();
      return engine.query(sql, params);
    },
    load: (s) => engine.load(s),
    unload: (n) => engine.unload(n),
    cancel: () => engine.cancel(),
    close: () => engine.close(),
  };
}

describe('stopping part-way leaves nothing behind', () => {
  it('needs-input drops its staging tables and the copied input, for CSV and for records', async () => {
    const ambiguous = [{ customer: 'A', when: '01/02/2024', total: 1 }, { customer: 'B', when: '03/04/2024', total: 2 }];
    const r = await ingestOrders(engine, { name: 'records', records: ambiguous }, { askWhenUnsure: true });
    expect(r.status).toBe('needs-input');
    expect(await leftovers()).toEqual([]);
    const csv = await ingestOrders(engine, { name: 'a.csv', bytes: text('customer,when,total\nA,01/02/2024,1\n') }, { askWhenUnsure: true });
    expect(csv.status).toBe('needs-input');
    expect(await leftovers()).toEqual([]);
  });

  it('a cancel that arrives once the swap has begun does not undo or misreport the load', async () => {
    loaded(await ingestOrders(engine, { name: 'before.csv', bytes: text('customer_id,order_date,amount\nOLD,2024-01-01,1\n') }));
    const abort = new AbortController();
    // Cancel at the worst moment: as the swap transaction starts.
    const spy = abortingAt((sql) => sql.startsWith('BEGIN'), abort);
    const r = loaded(await ingestOrders(spy, { name: 'after.csv', bytes: text('customer_id,order_date,amount\nNEW,2024-02-01,2\n') }, { signal: abort.signal }));
    expect(abort.signal.aborted).toBe(true);
    expect(r.file).toBe('after.csv');
    expect(await scalar<string>(engine, 'SELECT customer_id FROM orders')).toBe('NEW');
    expect(await leftovers()).toEqual([]);
  });

  it('a cancel before the swap keeps the previous dataset and leaves no staging behind', async () => {
    loaded(await ingestOrders(engine, { name: 'before.csv', bytes: text('customer_id,order_date,amount\nOLD,2024-01-01,1\n') }));
    const abort = new AbortController();
    const spy = abortingAt((sql) => sql.includes('rapport_typed AS'), abort);
    const e = await ingestError(ingestOrders(spy, { name: 'after.csv', bytes: text('customer_id,order_date,amount\nNEW,2024-02-01,2\n') }, { signal: abort.signal }));
    expect(e.code).toBe('cancelled');
    expect(await scalar<string>(engine, 'SELECT customer_id FROM orders')).toBe('OLD');
    expect(await leftovers()).toEqual([]);
  });
});

describe('line numbers follow the sniffed layout', () => {
  it('a title line above the header shifts every line number by one', async () => {
    const csv = 'Sales export, March\ncustomer_id,order_date,amount\nA,2024-03-01,1\n,2024-03-02,2\nB,2024-03-03,3\n';
    const r = loaded(await ingestOrders(engine, { name: 'titled.csv', bytes: text(csv) }));
    expect(r).toMatchObject({ rowsRead: 3, rowsLoaded: 2, rowsRejected: 1 });
    expect(r.rejectSamples[0]).toMatchObject({ line: 4, reason: 'missing_customer_id' });
    expect(r.warnings.join(' ')).toContain('The first line of titled.csv was skipped');
  });
});
