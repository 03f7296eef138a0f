import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Table, tableFromArrays } from 'apache-arrow';
import { rowsOf, rowsOfInTurns } from '../../src/data/arrow-rows.js';
import { finiteFloat64Vector, utf8Vector } from '../../src/data/arrow-vectors.js';
import type { Engine } from '../../src/data/engine/engine.js';
import { withEngine } from '../helpers/engine.js';

/**
 * rowsOf converts the engine's results column by column (numbers from the typed arrays, ASCII
 * text from one decoding of each chunk): the values must be those Arrow's own getter gives,
 * nulls, non-ASCII text, 64-bit integers and several chunks included.
 */
describe('rowsOf: an Arrow result as plain objects', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await withEngine();
  });
  afterAll(() => engine.close());

  /** The slow, obvious conversion: every cell through Arrow's getter. */
  const cellByCell = (table: Awaited<ReturnType<Engine['query']>>) =>
    Array.from({ length: table.numRows }, (_, i) =>
      Object.fromEntries(
        table.schema.fields.map((f) => {
          const v: unknown = table.getChild(f.name)!.get(i);
          return [f.name, v === null ? null : typeof v === 'bigint' ? Number(v) : v];
        }),
      ),
    );

  it('gives the same values as cell-by-cell reading, over many chunks, with nulls and non-ASCII text', async () => {
    const table = await engine.query(`
      SELECT i::INTEGER AS int32,
             (i * 3_000_000_000)::BIGINT AS int64,
             i::SMALLINT AS int16,
             CASE WHEN i % 7 = 0 THEN NULL ELSE i / 8.0 END::DOUBLE AS maybe_double,
             (i / 4)::FLOAT AS float32,
             CASE WHEN i % 5 = 0 THEN NULL ELSE 'CUST-' || lpad(i::VARCHAR, 6, '0') END AS ascii_text,
             CASE WHEN i % 1000 = 3 THEN 'Zoë ' || i WHEN i % 11 = 0 THEN NULL ELSE 'plain ' || i END AS mixed_text,
             CASE WHEN i % 3 = 0 THEN NULL ELSE (i % 100)::TINYINT END AS maybe_int8
      FROM range(0, 10000) t(i)`);
    expect(table.batches.length).toBeGreaterThan(1);
    const rows = rowsOf<Record<string, unknown>>(table);
    expect(rows).toEqual(cellByCell(table));
    expect(rows[0]).toEqual({ int32: 0, int64: 0, int16: 0, maybe_double: null, float32: 0, ascii_text: null, mixed_text: null, maybe_int8: null });
    // Each row's keys in the result's column order, every column present (null or not).
    for (const row of [rows[0]!, rows[9998]!]) expect(Object.keys(row)).toEqual(['int32', 'int64', 'int16', 'maybe_double', 'float32', 'ascii_text', 'mixed_text', 'maybe_int8']);
    expect(rows[1003]).toMatchObject({ int64: 3_009_000_000_000, ascii_text: 'CUST-001003', mixed_text: 'Zoë 1003', maybe_double: 1003 / 8 });
    expect(rows[9998]).toMatchObject({ ascii_text: 'CUST-009998', mixed_text: 'plain 9998' });
  });

  it('in turns, gives the same rows in the same order, letting other work run between its turns', async () => {
    const table = await engine.query(`
      SELECT i::INTEGER AS n, CASE WHEN i % 5 = 0 THEN NULL ELSE 'CUST-' || i END AS id, i / 3.0 AS x FROM range(0, 30000) t(i)`);
    expect(table.batches.length).toBeGreaterThan(3);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      const rows = await rowsOfInTurns<Record<string, unknown>>(table, 5_000);
      expect(rows).toEqual(rowsOf(table));
      expect(rows).toHaveLength(30_000);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
    // Small results convert at once, as rowsOf.
    expect(await rowsOfInTurns(await engine.query('SELECT 1 AS one'))).toEqual([{ one: 1 }]);
    expect(await rowsOfInTurns(await engine.query('SELECT 1 AS one WHERE false'))).toEqual([]);
  });

  it('in turns, cuts a long record batch into pieces and lets other work run once its time budget is spent', async () => {
    // One record batch of 10,000 rows (as a result of Node's Arrow or a file may come): cut, not converted in one go.
    const table = tableFromArrays({ n: Int32Array.from({ length: 10_000 }, (_, i) => i), id: Array.from({ length: 10_000 }, (_, i) => (i % 7 === 0 ? null : `C${i}`)) });
    expect(table.batches).toHaveLength(1);
    let ticks = 0;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      ticks++;
      channel.port2.postMessage(null);
    };
    channel.port2.postMessage(null);
    try {
      // No time budget: a turn after every piece of 2,048 rows, so five turns and four pauses.
      const rows = await rowsOfInTurns<{ n: number; id: string | null }>(table, 16_384, 0);
      expect(rows).toEqual(rowsOf(table));
      expect(rows[9_999]).toEqual({ n: 9_999, id: 'C9999' });
      expect(rows[7_000]).toEqual({ n: 7_000, id: null });
    } finally {
      channel.port1.close();
    }
    expect(ticks).toBeGreaterThanOrEqual(4);
  });

  it('keeps what it does not read from typed arrays as before: dates, lists as arrays, booleans, empty results', async () => {
    const rows = rowsOf<Record<string, unknown>>(
      await engine.query(`SELECT DATE '2024-02-29' AS d, [1, 2, 3] AS list, true AS flag, NULL::VARCHAR AS nothing, '' AS empty`),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.list).toEqual([1, 2, 3]);
    expect(rows[0]!.flag).toBe(true);
    expect(rows[0]!.nothing).toBeNull();
    expect(rows[0]!.empty).toBe('');
    expect(rowsOf(await engine.query('SELECT 1 AS one WHERE false'))).toEqual([]);
  });

  it('stores text and numbers built by hand (no Arrow builders) as given: ASCII or not, nulls, non-finite numbers as null', async () => {
    for (const ids of [['A-1', null, '', 'B-22'], ['Zoë', null, '', '北京-7']]) {
      const table = new Table({ id: utf8Vector(ids), value: finiteFloat64Vector(new Float64Array([1.5, NaN, Infinity, -2])) });
      await engine.load({ kind: 'arrow', name: 'by_hand', table });
      const rows = rowsOf<{ id: string | null; value: number | null }>(await engine.query('SELECT id, value FROM by_hand'));
      expect(rows).toEqual([
        { id: ids[0], value: 1.5 },
        { id: null, value: null },
        { id: '', value: null },
        { id: ids[3], value: -2 },
      ]);
      await engine.query('DROP TABLE by_hand');
    }
  });
});
