import './setup.js';
import { expect } from '@open-wc/testing';
import { Table } from 'apache-arrow';
import { createBrowserEngine } from '../../src/data/engine/browser-engine.js';
import type { Engine } from '../../src/data/engine/engine.js';
import { float64Vector, utf8Vector } from '../../src/data/arrow-vectors.js';

/**
 * An Arrow table loaded into the page's engine is sent in parts (of 32,768 rows), with the page
 * free between them: every row arrives, in order, blanks included, whatever the table's record
 * batches; a load under a name already taken fails and leaves that table as it was.
 */

const id = (i: number) => `c${String(i).padStart(6, '0')}`;
/** Rows [from, to) as one record batch: ids, a value (blank every 1,000th), and the row's index. */
const part = (from: number, to: number) => {
  const n = to - from;
  return new Table({
    customer_id: utf8Vector(Array.from({ length: n }, (_, k) => id(from + k))),
    value: float64Vector(Array.from({ length: n }, (_, k) => ((from + k) % 1000 === 999 ? null : (from + k) / 4))),
    idx: float64Vector(Array.from({ length: n }, (_, k) => from + k)),
  });
};
const count = async (engine: Engine, sql: string) => Number((await engine.query(sql)).toArray()[0]!.toJSON().n);

describe('an Arrow table loaded into the browser engine', function () {
  this.timeout(120_000);
  let engine: Engine;
  before(async () => {
    engine = await createBrowserEngine();
  });
  after(async () => {
    await engine?.close();
  });

  it('arrives whole and in order when it spans several parts and its batches straddle them', async () => {
    // Batches of 70,000, 10 and 80,001 rows: parts of 32,768 cut the first and the last.
    const n = 150_011;
    const table = new Table([...part(0, 70_000).batches, ...part(70_000, 70_010).batches, ...part(70_010, n).batches]);
    expect(table.numRows).to.equal(n);
    await engine.load({ kind: 'arrow', name: 'arrow_parts', table });
    expect(await count(engine, 'SELECT CAST(count(*) AS INTEGER) AS n FROM arrow_parts')).to.equal(n);
    expect(await count(engine, 'SELECT CAST(count(*) AS INTEGER) AS n FROM arrow_parts WHERE value IS NULL')).to.equal(150);
    // Each row where it was: its index matches its id and its value, in insertion order.
    expect(await count(engine, `SELECT CAST(count(*) AS INTEGER) AS n FROM arrow_parts WHERE customer_id <> 'c' || lpad(CAST(CAST(idx AS INTEGER) AS VARCHAR), 6, '0') OR (value IS NOT NULL AND value <> idx / 4)`)).to.equal(0);
    const order = (await engine.query('SELECT idx FROM (SELECT idx, row_number() OVER () AS r FROM arrow_parts) WHERE r - 1 <> idx LIMIT 1')).numRows;
    expect(order).to.equal(0);
    const ends = (await engine.query('SELECT min(customer_id) AS lo, max(customer_id) AS hi FROM arrow_parts')).toArray()[0]!.toJSON();
    expect(ends).to.deep.equal({ lo: id(0), hi: id(n - 1) });
  });

  it('a small table goes in one part; a name already taken fails the load and keeps that table', async () => {
    await engine.load({ kind: 'arrow', name: 'arrow_small', table: part(0, 10) });
    expect(await count(engine, 'SELECT CAST(count(*) AS INTEGER) AS n FROM arrow_small')).to.equal(10);
    const error = await engine.load({ kind: 'arrow', name: 'arrow_small', table: part(0, 100_000) }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    expect(await count(engine, 'SELECT CAST(count(*) AS INTEGER) AS n FROM arrow_small')).to.equal(10);
  });
});
