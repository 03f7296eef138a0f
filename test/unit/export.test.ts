import { afterEach, describe, expect, it, vi } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import {
  EXPORT_FILE_TYPES,
  fileNamePart,
  rowsToArrow,
  rowsToBlob,
  rowsToCsv,
  rowsToParquet,
  safeFileName,
} from '../../src/data/export/rows-export.js';
import { customerExportColumns, customerExportFileName, customerExportShape } from '../../src/data/export/customer-export.js';
import type { CustomerRow } from '../../src/data/dataset.js';
import { csvField } from '../../src/analytics/csv.js';

/** Characters a spreadsheet may read as the start of a formula (what the guard must defuse). */
const FORMULA_START = /^[=+\-@\t\r\0\uFF1D\uFF0B\uFF0D\uFF20]/;

/** RFC 4180 cells, for checking the file as a reader would see it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += ch;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/** Customers with every kind of awkward value: formulas, quotes, commas, line breaks, accents, nulls. */
const ROWS: CustomerRow[] = [
  { customer_id: '=HYPERLINK("http://x","y")', first_order: '2024-01-01', last_order: '2024-06-30', orders: 3, total_spend: 1234.56, recency_days: 12, r_score: 5, f_score: 4, m_score: 3, segment: 'Champions', type: 'active', rung: 'client', reason: 'Bought 3 times, lately' },
  { customer_id: '+351 912', first_order: '2023-02-28', last_order: '2023-02-28', orders: 1, total_spend: -20, recency_days: 400, r_score: 1, f_score: 1, m_score: 1, segment: 'Lost', type: 'inactive', rung: 'lapsed', reason: null },
  { customer_id: '-5', first_order: null, last_order: null, orders: 0, total_spend: 0, recency_days: null, r_score: null, f_score: null, m_score: null, segment: null, type: 'potential', rung: 'prospect', reason: null },
  { customer_id: '@SUM(A1)', first_order: '2022-12-31', last_order: '2024-02-29', orders: 12, total_spend: 3761496.799999999, recency_days: 0, r_score: 5, f_score: 5, m_score: 5, segment: 'Can\'t Lose "Them"', type: 'active', rung: 'partner', reason: 'Says "hi",\nthen leaves' },
  { customer_id: '\tTabbed', first_order: '2024-03-01', last_order: '2024-03-01', orders: 1, total_spend: 9.99, recency_days: 5, r_score: 3, f_score: 2, m_score: 2, segment: 'Clientes fiéis', type: 'active', rung: 'customer', reason: null },
  { customer_id: '\rReturn', first_order: '2024-03-01', last_order: '2024-03-02', orders: 2, total_spend: 10, recency_days: 4, r_score: 3, f_score: 3, m_score: 2, segment: '<img src=x onerror=alert(1)>', type: 'active', rung: 'supporter', reason: null },
];
const columns = customerExportColumns(customerExportShape(ROWS));
const names = columns.map((c) => c.name);

/** What each column should read back as from Parquet/Arrow: dates as UTC days, the rest as given. */
function expected(row: CustomerRow, name: keyof CustomerRow): unknown {
  const v = row[name];
  if (v === undefined || v === null) return null;
  if (name === 'first_order' || name === 'last_order') return dayOf(v as string);
  return v;
}

describe('customer export columns', () => {
  it('follow what the rows carry', () => {
    expect(customerExportColumns({ scored: false, laddered: false, reasoned: false }).map((c) => c.name)).toEqual([
      'customer_id', 'first_order', 'last_order', 'orders', 'total_spend',
    ]);
    expect(names).toEqual([
      'customer_id', 'first_order', 'last_order', 'orders', 'total_spend',
      'recency_days', 'r_score', 'f_score', 'm_score', 'segment', 'type', 'rung', 'reason',
    ]);
    expect(Object.fromEntries(columns.map((c) => [c.name, c.kind]))).toMatchObject({
      first_order: 'date', orders: 'integer', total_spend: 'number', r_score: 'integer', segment: 'string',
    });
  });
});

describe('CSV', () => {
  it('neutralises cells starting with = + - @ tab or CR, quotes what needs it, keeps numbers as numbers', () => {
    const lines = rowsToCsv(columns, ROWS).split('\n');
    expect(lines[0]).toBe(names.join(','));
    expect(lines[1]!.startsWith('"\'=HYPERLINK(""http://x"",""y"")",2024-01-01,2024-06-30,3,1234.56,')).toBe(true);
    expect(lines[2]!.startsWith("'+351 912,")).toBe(true);
    // A negative number stays a number; text that looks like one is defused.
    expect(lines[2]!.split(',')[4]).toBe('-20');
    expect(lines[3]!.startsWith("'-5,,,0,0,")).toBe(true);
    expect(lines[4]!.startsWith("'@SUM(A1),")).toBe(true);
    expect(lines[4]).toContain(',3761496.8,');
    expect(lines[4]).toContain('"Can\'t Lose ""Them"""');
    expect(lines[4]).toContain('"Says ""hi"",');
    const rest = lines.slice(5).join('\n');
    expect(rest).toContain("'\tTabbed,");
    expect(rest).toContain(`"'\rReturn",`);
    // No cell of the file starts with a formula character.
    const csv = rowsToCsv(columns, ROWS);
    expect(csv.endsWith('\n')).toBe(true);
    const cells = parseCsv(csv);
    expect(cells).toHaveLength(ROWS.length + 1);
    for (const [i, row] of cells.entries()) {
      for (const [j, cell] of row.entries()) {
        // A number (a negative amount) is a number, not a formula; every other cell is defused.
        if (/^-?\d+(\.\d+)?$/.test(cell)) continue;
        expect(cell, `row ${i} column ${names[j]}`).not.toMatch(FORMULA_START);
      }
    }
  });

  it('neutralises NUL and the full-width ＝ ＋ － ＠ too', () => {
    for (const s of ['\0=1+1', '＝SUM(A1)', '＋1', '－1', '＠SUM(A1)']) {
      expect(csvField(s)).toBe(`'${s}`);
    }
    expect(csvField('a＝b')).toBe('a＝b');
  });

  it("gives text that starts with an apostrophe one more, so '=x and the defused =x stay two cells", () => {
    expect(csvField('=x')).toBe("'=x");
    expect(csvField("'=x")).toBe("''=x");
    expect(csvField("'quoted")).toBe("''quoted");
    expect(csvField("it's")).toBe("it's");
  });

  it('writes a Date as an ISO day (a timestamp when it has a time), never as local text', () => {
    expect(csvField(new Date(Date.UTC(2024, 2, 1)))).toBe('2024-03-01');
    expect(csvField(new Date(Date.UTC(2024, 2, 1, 10, 30)))).toBe('2024-03-01T10:30:00.000Z');
    expect(csvField(new Date(Number.NaN))).toBe('');
    const dated = [{ ...ROWS[2]!, first_order: new Date(Date.UTC(2024, 0, 5, 13)) as unknown as string }];
    expect(rowsToCsv(columns, dated).split('\n')[1]!.split(',')[1]).toBe('2024-01-05');
  });

  it('leaves a blank numeric cell blank: null in every format, never 0', async () => {
    const blank = [{ ...ROWS[0]!, total_spend: '' as unknown as number, orders: '  ' as unknown as number }];
    const line = rowsToCsv(columns, blank).split('\n')[1]!;
    expect(line.split(',').slice(4, 6)).toEqual(['', '']);
    // (the formula cell is quoted and holds commas: read the columns from the end of its cell)
    const table = tableFromIPC(rowsToArrow(columns, blank));
    expect(table.getChild('total_spend')!.get(0)).toBeNull();
    expect(table.getChild('orders')!.get(0)).toBeNull();
    const bytes = await rowsToParquet(columns, blank);
    const read = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    expect(read[0]!.total_spend).toBeNull();
    expect(read[0]!.orders).toBeNull();
  });
});

describe('integer columns beyond 32 bits', () => {
  it('are written as 64-bit floats rather than wrap silently', async () => {
    const big = [{ ...ROWS[0]!, orders: 3_000_000_000 }, { ...ROWS[1]!, orders: -2_147_483_649 }];
    const table = tableFromIPC(rowsToArrow(columns, big));
    expect(String(table.schema.fields.find((f) => f.name === 'orders')!.type)).toBe('Float64');
    expect(table.getChild('orders')!.get(0)).toBe(3_000_000_000);
    expect(table.getChild('orders')!.get(1)).toBe(-2_147_483_649);
    // The other integer columns keep their 32 bits.
    expect(String(table.schema.fields.find((f) => f.name === 'r_score')!.type)).toBe('Int32');
    const bytes = await rowsToParquet(columns, big);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const schema = Object.fromEntries(parquetMetadata(file).schema.slice(1).map((x) => [x.name, x]));
    expect(schema.orders).toMatchObject({ type: 'DOUBLE' });
    expect(schema.r_score).toMatchObject({ type: 'INT32' });
    const read = await parquetReadObjects({ file });
    expect(read.map((r) => r.orders)).toEqual([3_000_000_000, -2_147_483_649]);
    // The largest 32-bit value still fits.
    const edge = tableFromIPC(rowsToArrow(columns, [{ ...ROWS[0]!, orders: 2_147_483_647 }]));
    expect(String(edge.schema.fields.find((f) => f.name === 'orders')!.type)).toBe('Int32');
    expect(edge.getChild('orders')!.get(0)).toBe(2_147_483_647);
    expect(rowsToCsv(columns, big).split('\n')[1]).toContain(',3000000000,');
  });
});

describe('Arrow IPC', () => {
  it('round-trips every row with typed columns', () => {
    const table = tableFromIPC(rowsToArrow(columns, ROWS));
    expect(table.numRows).toBe(ROWS.length);
    expect(table.schema.fields.map((f) => f.name)).toEqual(names);
    // Read back, types are the generic classes: compare their names (Date32<DAY> is a day date).
    const typeOf = (n: string) => String(table.schema.fields.find((f) => f.name === n)!.type);
    expect(typeOf('customer_id')).toBe('Utf8');
    expect(typeOf('first_order')).toBe('Date32<DAY>');
    expect(typeOf('orders')).toBe('Int32');
    expect(typeOf('r_score')).toBe('Int32');
    expect(typeOf('recency_days')).toBe('Int32');
    expect(typeOf('total_spend')).toBe('Float64');
    expect(table.schema.fields.every((f) => f.nullable)).toBe(true);
    ROWS.forEach((row, i) => {
      for (const n of names) {
        const got = table.getChild(n)!.get(i);
        const value = got instanceof Date ? got.getTime() : got;
        expect(value, `${n} of row ${i}`).toEqual(expected(row, n));
      }
    });
    expect(table.getChild('first_order')!.get(0)).toBe(dayOf('2024-01-01'));
    expect(Number.isInteger(dayOf('2024-01-01') / DAY)).toBe(true);
  });

  it('writes an empty table with the columns', () => {
    const table = tableFromIPC(rowsToArrow(columns, []));
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(names);
  });
});

describe('Parquet', () => {
  it('round-trips every row with typed columns', async () => {
    const bytes = await rowsToParquet(columns, ROWS);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const meta = parquetMetadata(file);
    const schema = Object.fromEntries(meta.schema.slice(1).map((s) => [s.name, s]));
    expect(schema.first_order).toMatchObject({ type: 'INT32', converted_type: 'DATE' });
    expect(schema.r_score).toMatchObject({ type: 'INT32' });
    expect(schema.orders).toMatchObject({ type: 'INT32' });
    expect(schema.total_spend).toMatchObject({ type: 'DOUBLE' });
    expect(schema.customer_id).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'UTF8' });
    const read = await parquetReadObjects({ file });
    expect(read).toHaveLength(ROWS.length);
    ROWS.forEach((row, i) => {
      for (const n of names) {
        const got = read[i]![n];
        const value = got instanceof Date ? got.getTime() : got;
        expect(value, `${n} of row ${i}`).toEqual(expected(row, n));
      }
    });
  });
});

describe('under a strict Content-Security-Policy (no eval)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('writes Arrow without compiling code (Arrow builders use new Function, which such a page forbids)', () => {
    const expected = tableFromIPC(rowsToArrow(columns, ROWS));
    vi.stubGlobal('Function', function forbidden() {
      throw new EvalError('unsafe-eval is not allowed');
    });
    const table = tableFromIPC(rowsToArrow(columns, [...ROWS, { ...ROWS[0]!, customer_id: null as unknown as string, total_spend: null as unknown as number, first_order: null }]));
    vi.unstubAllGlobals();
    expect(table.numRows).toBe(ROWS.length + 1);
    for (const f of expected.schema.fields) {
      expect(String(table.schema.fields.find((g) => g.name === f.name)!.type)).toBe(String(f.type));
      for (let i = 0; i < ROWS.length; i++) expect(table.getChild(f.name)!.get(i)).toEqual(expected.getChild(f.name)!.get(i));
    }
    expect(table.getChild('customer_id')!.get(ROWS.length)).toBeNull();
    expect(table.getChild('total_spend')!.get(ROWS.length)).toBeNull();
    expect(table.getChild('first_order')!.get(ROWS.length)).toBeNull();
  });
});

describe('blobs', () => {
  it('carry the media type of the format; CSV starts with a BOM', async () => {
    const csv = await rowsToBlob('csv', columns, ROWS);
    expect(csv.type).toBe(EXPORT_FILE_TYPES.csv.mediaType);
    expect(new Uint8Array(await csv.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const arrow = await rowsToBlob('arrow', columns, ROWS);
    expect(arrow.type).toBe('application/vnd.apache.arrow.file');
    expect(tableFromIPC(new Uint8Array(await arrow.arrayBuffer())).numRows).toBe(ROWS.length);
    const parquet = await rowsToBlob('parquet', columns, ROWS);
    expect(new TextDecoder().decode(new Uint8Array(await parquet.arrayBuffer()).slice(0, 4))).toBe('PAR1');
  });
});

describe('file names', () => {
  it('are safe whatever the segment name holds', () => {
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileName('a/b\\c:"d"<e>|f?*.csv')).toBe('a-b-c-d-e-f.csv');
    expect(safeFileName('.hidden')).toBe('export.hidden');
    expect(safeFileName('..')).toBe('export');
    expect(safeFileName('CON.csv')).toBe('CON-file.csv');
    expect(safeFileName('  ')).toBe('export');
    expect(safeFileName('x'.repeat(300) + '.parquet')).toHaveLength(120);
    expect(safeFileName('Clientes fiéis.csv')).toBe('Clientes-fiéis.csv');
    expect(fileNamePart("Can't Lose Them", 'segment')).toBe('cant-lose-them');
    expect(fileNamePart('///', 'segment')).toBe('segment');
    expect(customerExportFileName('csv')).toBe('customers.csv');
    expect(customerExportFileName('parquet', { segment: 'A/B "VIP"', type: 'active' })).toBe('customers-a-b-vip-active.parquet');
    expect(customerExportFileName('arrow', { segment: '<img src=x onerror=alert(1)>', rung: 'partner' })).toBe('customers-img-src-x-onerror-alert-1-partner.arrow');
    expect(customerExportFileName('csv', { segment: 'Clientes fiéis' })).toBe('customers-clientes-fieis.csv');
  });

  it('neutralise a reserved Windows name before its first dot, whatever extensions follow', () => {
    expect(safeFileName('con.foo.csv')).toBe('con-file.foo.csv');
    expect(safeFileName('NUL.tar.gz')).toBe('NUL-file.tar.gz');
    expect(safeFileName('lpt1.backup.parquet')).toBe('lpt1-file.backup.parquet');
    expect(safeFileName('aux')).toBe('aux-file');
    expect(safeFileName('console.csv')).toBe('console.csv');
    expect(safeFileName('x', 'prn')).toBe('x');
    expect(safeFileName('///.csv', 'com1')).toBe('com1-file.csv');
  });

  it('cap the length by UTF-8 bytes, cutting between whole characters', () => {
    const bytes = (s: string) => new TextEncoder().encode(s).length;
    // 3-byte letters: 120 characters would be 360 bytes.
    const cjk = safeFileName('顧客'.repeat(100) + '.parquet');
    expect(bytes(cjk)).toBeLessThanOrEqual(255);
    expect(cjk.endsWith('.parquet')).toBe(true);
    expect(cjk.startsWith('顧客顧客')).toBe(true);
    // 4-byte letters (surrogate pairs in JavaScript): never half of one.
    const astral = safeFileName('𠜎'.repeat(200) + '.csv');
    expect(bytes(astral)).toBeLessThanOrEqual(255);
    expect(astral).toBe('𠜎'.repeat(62) + '.csv');
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(astral)).toBe(false);
    expect(safeFileName('a'.repeat(300))).toHaveLength(120);
    // A reserved name cut to fit keeps its suffix.
    const long = safeFileName('con.' + '顧'.repeat(200) + '.csv');
    expect(long.startsWith('con-file.')).toBe(true);
    expect(bytes(long)).toBeLessThanOrEqual(255);
  });

  it('keep combining marks: scripts that need them survive', () => {
    expect(safeFileName('हिन्दी.csv')).toBe('हिन्दी.csv');
    expect(safeFileName('ภาษาไทย.csv')).toBe('ภาษาไทย.csv');
    expect(safeFileName('Cafe\u0301.csv')).toBe('Café.csv'.normalize('NFKC'));
    expect(customerExportFileName('csv', { segment: 'हिन्दी ग्राहक' })).toBe('customers-हिन्दी-ग्राहक.csv');
    expect(customerExportFileName('csv', { segment: 'Клиенты ёлки' })).toBe('customers-клиенты-елки.csv');
  });
});
