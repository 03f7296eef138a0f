import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/data/arrow-rows.js';
import type { Engine } from '../../src/data/engine/engine.js';
import type { DateOrder, DecimalStyle } from '../../src/data/ingest/types.js';
import { literal } from '../../src/data/sql/sql-text.js';
import { blankToNull, dateExpr, numberExpr } from '../../src/data/sql/value-parsing.js';
import { withEngine } from '../helpers/engine.js';

let engine: Engine;
beforeAll(async () => {
  engine = await withEngine();
});
afterAll(async () => {
  await engine.close();
});

/** Evaluate `expr(v)` over the given texts in one query, in order. */
async function evaluate<T>(values: readonly string[], expr: string): Promise<T[]> {
  const rows = values.map((v, i) => `(${i}, ${literal(v)})`).join(', ');
  const table = await engine.query(`SELECT ${expr} AS out FROM (VALUES ${rows}) t(i, v) ORDER BY i`);
  return rowsOf<{ out: T }>(table).map((r) => r.out);
}

async function number(value: string, style: DecimalStyle): Promise<number | null> {
  const [out] = await evaluate<number | null>([value], numberExpr('v', style));
  return out ?? null;
}

/** The parsed timestamp as `YYYY-MM-DD HH:MM:SS`, or null. */
async function date(value: string, order: DateOrder): Promise<string | null> {
  const [out] = await evaluate<string | null>([value], `strftime(${dateExpr('v', order)}, '%Y-%m-%d %H:%M:%S')`);
  return out ?? null;
}

describe('blankToNull', () => {
  it('gives what NULLIF(trim(v), \'\') gives, while trimming only values that may have a space to trim', async () => {
    const values = [
      '', ' ', '   ', 'CUST-1', ' CUST-1', 'CUST-1 ', '  a b  ', 'a  b', '\tx\n', '\rx', 'x\u000b',
      '\u00a0x\u00a0', '\u00a0', 'x\u3000', '\u2003x', '\u202fx', 'é', ' é ', 'Zoë', '日本 ', '\u00a0\u00a0 ',
    ];
    const got = await evaluate<string | null>(values, blankToNull('v'));
    const plain = await evaluate<string | null>(values, "NULLIF(trim(v), '')");
    expect(got).toEqual(plain);
    // The rule itself: blanks of any space separator are missing, tabs and line ends are kept.
    expect(got.slice(0, 6)).toEqual([null, null, null, 'CUST-1', 'CUST-1', 'CUST-1']);
    expect(got[8]).toBe('\tx\n');
    expect(got[11]).toBe('x');
    expect(got[12]).toBeNull();
    expect(got[20]).toBeNull();
    // NULL stays NULL.
    const [none] = rowsOf<{ out: string | null }>(await engine.query(`SELECT ${blankToNull('v')} AS out FROM (SELECT CAST(NULL AS VARCHAR) AS v)`));
    expect(none!.out).toBeNull();
  });
});

describe('numberExpr', () => {
  it.each([
    ['1234.56', 'point', 1234.56],
    ['1,234.56', 'point', 1234.56],
    ['1,234,567.8', 'point', 1234567.8],
    ['-7', 'point', -7],
    ['+7.5', 'point', 7.5],
    ['.5', 'point', 0.5],
    ['1e3', 'point', 1000],
    ['(12.50)', 'point', -12.5],
    ['$1,234', 'point', 1234],
    ['£ 9.99', 'point', 9.99],
    ['USD 15.00', 'point', 15],
    ['1.234,56', 'comma', 1234.56],
    ['12,5', 'comma', 12.5],
    ['-3,5', 'comma', -3.5],
    ['1.234', 'comma', 1234],
    ['€ 12,50', 'comma', 12.5],
    ['12,50 €', 'comma', 12.5],
    ['R$ 1.234,56', 'comma', 1234.56],
    ['RM 45,90', 'comma', 45.9],
    ['1 234,56', 'comma', 1234.56],
    ['1\u00a0234,56', 'comma', 1234.56],
    ['1\u202f234,56', 'comma', 1234.56],
    ["1'234.56", 'point', 1234.56],
    ['(1.234,50)', 'comma', -1234.5],
  ] as const)('%j (%s) -> %d', async (text, style, expected) => {
    expect(await number(text, style)).toBeCloseTo(expected, 10);
  });

  it.each([
    ['12,5', 'point'],
    ['1.234,56', 'point'],
    ['1,2,3', 'point'],
    ['abc', 'point'],
    ['abc', 'comma'],
    ['nan', 'point'],
    ['NaN', 'comma'],
    ['inf', 'point'],
    ['-Infinity', 'point'],
    ['12abc', 'point'],
    ['1.2.3', 'comma'],
    ['--5', 'point'],
    ['', 'point'],
  ] as const)('%j (%s) -> NULL', async (text, style) => {
    expect(await number(text, style)).toBeNull();
  });

  it('parses a whole column in one pass, row by row', async () => {
    const out = await evaluate<number | null>(['1', '2,5', 'x', '1.000,25'], numberExpr('v', 'comma'));
    expect(out).toEqual([1, 2.5, null, 1000.25]);
  });
});

describe('dateExpr', () => {
  it.each([
    ['2011-01-31', 'ymd', '2011-01-31 00:00:00'],
    ['2011-01-31 10:20:30', 'ymd', '2011-01-31 10:20:30'],
    ['2011-01-31 10:20', 'ymd', '2011-01-31 10:20:00'],
    ['2011-01-31T10:20:30', 'ymd', '2011-01-31 10:20:30'],
    ['2011-01-31T10:20:30.123', 'ymd', '2011-01-31 10:20:30'],
    ['2011-01-31T10:20:30Z', 'ymd', '2011-01-31 10:20:30'],
    // An offset keeps the wall-clock time: the order's own calendar day.
    ['2011-01-31T23:30:00-05:00', 'ymd', '2011-01-31 23:30:00'],
    ['2011-01-31 23:30:00+0200', 'ymd', '2011-01-31 23:30:00'],
    ['2011-1-5', 'ymd', '2011-01-05 00:00:00'],
    ['20110131', 'ymd', '2011-01-31 00:00:00'],
    ['20110131', 'mdy', '2011-01-31 00:00:00'],
    ['31/01/2011', 'dmy', '2011-01-31 00:00:00'],
    ['01/31/2011', 'mdy', '2011-01-31 00:00:00'],
    ['31.01.2011', 'dmy', '2011-01-31 00:00:00'],
    ['31-01-2011', 'dmy', '2011-01-31 00:00:00'],
    ['5/1/2011', 'dmy', '2011-01-05 00:00:00'],
    ['3/4/2011 1:05 PM', 'mdy', '2011-03-04 13:05:00'],
    ['3/4/2011 1:05 PM', 'dmy', '2011-04-03 13:05:00'],
    ['3/4/2011 12:30 AM', 'mdy', '2011-03-04 00:30:00'],
    ['31/01/2011 13:05:07', 'dmy', '2011-01-31 13:05:07'],
    ['31/01/2011, 09:15', 'dmy', '2011-01-31 09:15:00'],
    // ISO dates are ISO whatever the day/month order.
    ['2011-01-31', 'dmy', '2011-01-31 00:00:00'],
    ['2011-01-31', 'mdy', '2011-01-31 00:00:00'],
  ] as const)('%j (%s) -> %s', async (text, order, expected) => {
    expect(await date(text, order)).toBe(expected);
  });

  it.each([
    ['31/01/11', 'dmy', '2011-01-31 00:00:00'],
    ['01/31/11', 'mdy', '2011-01-31 00:00:00'],
    ['3/4/11', 'mdy', '2011-03-04 00:00:00'],
    ['3/4/11', 'dmy', '2011-04-03 00:00:00'],
    ['01/31/69', 'mdy', '1969-01-31 00:00:00'],
    ['31.12.99', 'dmy', '1999-12-31 00:00:00'],
    ['01/01/00', 'dmy', '2000-01-01 00:00:00'],
    ['12/31/68', 'mdy', '2068-12-31 00:00:00'],
  ] as const)('two-digit year %j (%s) -> %s', async (text, order, expected) => {
    expect(await date(text, order)).toBe(expected);
  });

  it.each([
    ['31/01/2011', 'mdy'],
    ['01/31/2011', 'dmy'],
    ['2011-02-30', 'ymd'],
    ['2011-13-01', 'ymd'],
    ['20111331', 'ymd'],
    ['12345678', 'ymd'],
    ['1/2/3', 'dmy'],
    ['hello', 'dmy'],
    ['not a date', 'mdy'],
    ['32/01/2011', 'dmy'],
    ['', 'ymd'],
  ] as const)('%j (%s) -> NULL', async (text, order) => {
    expect(await date(text, order)).toBeNull();
  });
});
