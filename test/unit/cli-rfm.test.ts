import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvField } from '../../src/analytics/csv.js';
import { run } from '../helpers/cli.js';
import { SHARED_DATA, hasSharedData } from '../helpers/engine.js';

/** A strict RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** CSV text -> records keyed by the header. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text.trimEnd());
  expect(header).toBeDefined();
  for (const r of rows) expect(r.length, `row ${r.join('|')}`).toBe(header!.length);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

const CSV_COLUMNS = ['customer_id', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'segment', 'type'];

describe('csvField', () => {
  it('keeps numbers plain (negative too), guards formula text, quotes separators and quotes', () => {
    expect(csvField(-20.5)).toBe('-20.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(3761496.799999999)).toBe('3761496.8');
    expect(csvField(0.1 + 0.2)).toBe('0.3');
    expect(csvField(2 ** 53)).toBe('9007199254740992');
    expect(csvField(-1.5e-7)).toBe('-1.5e-7');
    expect(csvField(null)).toBe('');
    expect(csvField('-20')).toBe("'-20");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField("Agness O'Keefe")).toBe("Agness O'Keefe");
    expect(csvField('Smith, Jo')).toBe('"Smith, Jo"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });
});

describe.skipIf(!hasSharedData)('rapport rfm on the R package example data (rfm_data_orders.csv)', () => {
  const file = join(SHARED_DATA, 'rfm-r', 'rfm_data_orders.csv');

  it('--thresholds prints the cut points of R rfm and the analysis date', async () => {
    const r = await run('rfm', file, '--as-of', '2006-12-31', '--thresholds');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/analysis date\s+2006-12-31/);
    expect(r.out).toMatch(/recency\s+115, 181, 297\.4, 482\b/);
    expect(r.out).toMatch(/frequency\s+4, 5, 6, 8\n/);
    expect(r.out).toMatch(/monetary\s+255\.8, 382, 506\.4, 666\n?/);
    expect(r.out).toMatch(/inactive after \d+ days without a purchase \(derived from the data\)/);
    expect(r.out).toMatch(/customers\s+\d+ active, \d+ inactive, 0 potential/);
    expect(r.out).not.toContain('customer_id');
  });

  it('--thresholds --summary --json: cut points and the segment summary (Champions: 35 customers, 316 orders, 31646)', async () => {
    const r = await run('rfm', file, '--as-of', '2006-12-31', '--thresholds', '--summary', '--json');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { thresholds: any; summary: any[] };
    expect(json.thresholds.analysisDate).toBe('2006-12-31');
    expect(json.thresholds.bins).toBe(5);
    expect(json.thresholds.method).toBe('quantile');
    const close = (got: number[], want: number[]) => {
      expect(got).toHaveLength(want.length);
      got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 6));
    };
    close(json.thresholds.cutPoints.recency, [115, 181, 297.4, 482]);
    close(json.thresholds.cutPoints.frequency, [4, 5, 6, 8]);
    close(json.thresholds.cutPoints.monetary, [255.8, 382, 506.4, 666]);
    const champions = json.summary.find((s) => s.segment === 'Champions');
    expect(champions).toMatchObject({ customers: 35, orders: 316 });
    expect(champions.revenue).toBeCloseTo(31646, 6);
  });

  it('default output is CSV, one row per customer; "Agness O\'Keefe" scores 5,5,5', async () => {
    const r = await run('rfm', file, '--as-of', '2006-12-31');
    expect(r.code, r.err).toBe(0);
    const rows = records(r.out);
    expect(parseCsv(r.out)[0]).toEqual(CSV_COLUMNS);
    expect(new Set(rows.map((x) => x.customer_id)).size).toBe(rows.length);
    const agness = rows.find((x) => x.customer_id === "Agness O'Keefe");
    expect(agness).toBeDefined();
    expect([agness!.r_score, agness!.f_score, agness!.m_score]).toEqual(['5', '5', '5']);
    expect(agness!.segment).toBe('Champions');
  });
});

describe('rapport rfm on a small hand-made file', () => {
  let dir: string;
  let orders: string;
  const FORMULA = '=HYPERLINK("http://x","y")';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-cli-rfm-'));
    orders = join(dir, 'orders.csv');
    // As of 2024-07-01, with fixed breaks r:10,100 / f:2,3 / m:100,300 (3 scores):
    //   C1        recency 10,  3 orders, 350   -> R 2 (10 is a cut point: upper bin), F 3, M 3
    //   C2        recency 1,   1 order,  50    -> R 3, F 1, M 1
    //   C3        recency 151, 2 orders, 299.5 -> R 1, F 2, M 2
    //   FORMULA   recency 30,  1 order,  120   -> R 2, F 1, M 2
    //   Smith, Jo recency 122, 1 order,  300   -> R 1, F 1, M 3
    //   C6        recency 3,   2 orders, 100   -> R 3, F 2, M 2
    writeFileSync(
      orders,
      [
        'customer_id,order_id,order_date,amount',
        'C1,1001,2024-06-21,100.00',
        'C1,1002,2024-05-01,100.00',
        'C1,1003,2024-04-01,150.00',
        'C2,1004,2024-06-30,50.00',
        'C3,1005,2024-01-01,200.00',
        'C3,1006,2024-02-01,99.50',
        `"${FORMULA.replace(/"/g, '""')}",1007,2024-06-01,120.00`,
        '"Smith, Jo",1008,2024-03-01,300.00',
        'C6,1009,2024-06-26,40.00',
        'C6,1010,2024-06-28,60.00',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const BREAKS = 'r:10,100/f:2,3/m:100,300';
  const scores = (rows: Record<string, string>[]) =>
    Object.fromEntries(rows.map((x) => [x.customer_id, [x.r_score, x.f_score, x.m_score].join('')]));

  it('--method fixed --breaks: the cut points are used; formula-like ids are defused, commas quoted', async () => {
    const r = await run('rfm', orders, '--as-of', '2024-07-01', '--method', 'fixed', '--breaks', BREAKS);
    expect(r.code, r.err).toBe(0);
    const rows = records(r.out);
    expect(scores(rows)).toEqual({
      C1: '233',
      C2: '311',
      C3: '122',
      [`'${FORMULA}`]: '212',
      'Smith, Jo': '113',
      C6: '322',
    });
    // The raw CSV: the formula is quoted with an apostrophe in front, never a bare "=".
    expect(r.out).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(r.out).not.toMatch(/(^|,)=/m);
    expect(r.out).toContain('"Smith, Jo"');
    const c1 = rows.find((x) => x.customer_id === 'C1')!;
    expect(c1).toMatchObject({ recency_days: '10', frequency: '3', monetary: '350' });
    // 3 bins: no preset applies, every customer is "Others".
    expect(new Set(rows.map((x) => x.segment))).toEqual(new Set(['Others']));
  });

  it('--inactive-after DAYS types customers silent more than DAYS as inactive', async () => {
    const r = await run('rfm', orders, '--as-of', '2024-07-01', '--inactive-after', '50');
    expect(r.code, r.err).toBe(0);
    const rows = records(r.out);
    expect(rows).toHaveLength(6);
    for (const x of rows) expect(x.type, x.customer_id).toBe(Number(x.recency_days) > 50 ? 'inactive' : 'active');
    expect(new Set(rows.map((x) => x.type))).toEqual(new Set(['active', 'inactive']));
    const t = await run('rfm', orders, '--as-of', '2024-07-01', '--inactive-after', '50', '--thresholds', '--json');
    expect(JSON.parse(t.out)).toMatchObject({ windowDays: 50, windowDerived: false });
  });

  it('--customers FILE: prospects from the list come last as potential, with empty scores', async () => {
    const list = join(dir, 'customers.csv');
    writeFileSync(list, 'customer_id,name\nC1,One\nP1,Prospect\n=cmd(),Trick\nP1,Again\n');
    const r = await run('rfm', orders, '--as-of', '2024-07-01', '--customers', list);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/customers\.csv: 1 rows rejected \(first: line 5, duplicate customer id\)/);
    const rows = records(r.out);
    expect(rows).toHaveLength(8);
    expect(rows.slice(6)).toEqual([
      { customer_id: "'=cmd()", recency_days: '', frequency: '', monetary: '', r_score: '', f_score: '', m_score: '', segment: '', type: 'potential' },
      { customer_id: 'P1', recency_days: '', frequency: '', monetary: '', r_score: '', f_score: '', m_score: '', segment: '', type: 'potential' },
    ]);
    expect(rows.slice(0, 6).every((x) => x.type === 'active' || x.type === 'inactive')).toBe(true);
    const t = await run('rfm', orders, '--as-of', '2024-07-01', '--customers', list, '--thresholds');
    expect(t.out).toMatch(/customers\s+\d+ active, \d+ inactive, 2 potential/);
    const missing = await run('rfm', orders, '--customers', join(dir, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cannot read customer list');
  });

  it('--bins 3 --json: scores run 1..3', async () => {
    const r = await run('rfm', orders, '--as-of', '2024-07-01', '--bins', '3', '--json');
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out) as Record<string, unknown>[];
    expect(rows).toHaveLength(6);
    expect(Object.keys(rows[0]!)).toEqual(CSV_COLUMNS);
    const all = rows.flatMap((x) => [x.r_score, x.f_score, x.m_score]);
    for (const s of all) expect([1, 2, 3]).toContain(s);
    expect(new Set(all)).toEqual(new Set([1, 2, 3]));
    // JSON keeps the id as it is (no spreadsheet guard needed).
    expect(rows.map((x) => x.customer_id)).toContain(FORMULA);
  });

  it('--preset rf-grid names segments from the recency x frequency grid', async () => {
    const r = await run('rfm', orders, '--as-of', '2024-07-01', '--preset', 'rf-grid');
    expect(r.code, r.err).toBe(0);
    const rows = records(r.out);
    expect(rows).toHaveLength(6);
    const grid = [
      'Champions',
      'Loyal',
      'Potential Loyalists',
      'New',
      'Promising',
      'Need Attention',
      'About to Sleep',
      'At Risk',
      "Can't Lose",
      'Hibernating',
    ];
    // The grid covers every R x F cell: nobody is left as "Others".
    for (const x of rows) expect(grid).toContain(x.segment);
  });

  it('--rules FILE.json with --out writes the segmented customers to the file', async () => {
    const rules = join(dir, 'rules.json');
    const out = join(dir, 'out.csv');
    writeFileSync(
      rules,
      JSON.stringify([
        { name: 'Recent', r: [3, 3], f: [1, 3], m: [1, 3] },
        { name: '=Big', r: [1, 2], f: [1, 3], m: [3, 3] },
      ]),
    );
    const r = await run('rfm', orders, '--as-of', '2024-07-01', '--breaks', BREAKS, '--rules', rules, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('');
    const rows = records(readFileSync(out, 'utf8'));
    const seg = Object.fromEntries(rows.map((x) => [x.customer_id, x.segment]));
    // Segment names are text too: "=Big" is written "'=Big".
    expect(seg).toEqual({
      C1: "'=Big",
      C2: 'Recent',
      C3: 'Others',
      [`'${FORMULA}`]: 'Others',
      'Smith, Jo': "'=Big",
      C6: 'Recent',
    });
  });

  it('a bad rules file exits 2 naming the rule and the problem; a missing one exits 1', async () => {
    const rules = join(dir, 'bad-rules.json');
    writeFileSync(rules, JSON.stringify([{ name: 'Fine', r: [1, 5], f: [1, 5], m: [1, 5] }, { name: 'Broken', r: [0, 9], f: [1, 5] }]));
    const r = await run('rfm', orders, '--rules', rules);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('rule 2 "Broken"');
    expect(r.err).toMatch(/"m" is missing/);
    expect(r.err).toContain('bad-rules.json');
    const missing = await run('rfm', orders, '--rules', join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no such file');
  });

  it('bad flag values are usage errors (exit 2) with a message naming them', async () => {
    const cases: [string[], RegExp][] = [
      [['--method', 'median'], /--method.*median/],
      [['--bins', 'x'], /--bins.*"x"/],
      [['--bins', '1'], /bins must be a whole number from 2/],
      [['--as-of', '2024-02-30'], /not a real calendar date.*2024-02-30/],
      [['--breaks', 'r:1,2/f:1,b/m:1,2'], /--breaks.*"b"/],
      [['--breaks', 'r:1,2/f:1,2'], /breaks\.monetary is missing/],
      [['--breaks', 'r:5,2/f:1,2/m:1,2'], /breaks\.recency must be strictly ascending/],
      [['--preset', 'nope'], /Unknown segment preset "nope"/],
      [['--preset', 'rf-grid', '--bins', '4'], /written for 5 scores, not 4/],
      [['--preset', 'rf-grid', '--rules', 'x.json'], /--rules or --preset/],
      [['--frobnicate'], /--frobnicate/],
      [['--inactive-after', '0'], /--inactive-after.*"0"/],
      [['--inactive-after', 'soon'], /--inactive-after.*"soon"/],
    ];
    for (const [flags, message] of cases) {
      const r = await run('rfm', orders, ...flags);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.err, flags.join(' ')).toMatch(message);
      expect(r.out).toBe('');
    }
    const noFile = await run('rfm');
    expect(noFile.code).toBe(2);
    expect(noFile.err).toContain('rfm needs a FILE');
  });

  it('a missing data file exits 1; --help documents rfm', async () => {
    const r = await run('rfm', join(dir, 'no-such.csv'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('no such file');
    const help = await run('rfm', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('rapport rfm FILE');
    for (const flag of ['--as-of', '--bins', '--method', '--breaks', '--rules', '--preset', '--out', '--thresholds', '--summary']) {
      expect(help.out).toContain(flag);
    }
  });
});
