import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gapJson } from '../../src/cli/gap.js';
import { sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { sampleSurveyCsv } from '../../src/sample/sample-survey.js';
import { run } from '../helpers/cli.js';

type GapJson = ReturnType<typeof gapJson>;

/**
 * The hand-computed case of quality-gap.test.ts, as files: three respondents, tangibles (items 1,
 * 2) and reliability (item 3), 100 importance points each; r3 did not answer item 2. Overall with
 * the respondents' points -1.15; item gaps 3: -4/3, 2: -1, 1: -2/3.
 */
const LONG = `respondent,sex,item,dimension,expectation,perception,importance
r1,f,1,tangibles,5,4,40
r1,f,2,tangibles,4,4,40
r1,f,3,reliability,5,2,60
r2,m,1,tangibles,3,4,50
r2,m,2,tangibles,5,3,50
r2,m,3,reliability,4,4,50
r3,f,1,tangibles,4,2,20
r3,f,3,reliability,5,4,80
`;
const WIDE = `respondent,sex,q1_exp,q1_perc,q2_exp,q2_perc,q3_exp,q3_perc,imp_tangibles,imp_reliability
r1,f,5,4,4,4,5,2,40,60
r2,m,3,4,5,3,4,4,50,50
r3,f,4,2,,,5,4,20,80
`;
const DIMENSIONS = `item,dimension
1,tangibles
2,tangibles
3,reliability
`;

describe('rapport gap', () => {
  let dir: string;
  const path = (name: string) => join(dir, name);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-cli-gap-'));
    writeFileSync(path('long.csv'), LONG);
    writeFileSync(path('wide.csv'), WIDE);
    writeFileSync(path('items.csv'), DIMENSIONS);
    writeFileSync(path('empty-map.csv'), 'nothing here\n');
    writeFileSync(path('not-a-survey.csv'), 'a,b\nx,y\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints dimensions, items and the weighted overall as aligned tables', async () => {
    const r = await run('gap', path('long.csv'), '--scale', '1-5');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('rapport: long.csv: 8 rows loaded, 0 rejected; 8 answers loaded, 0 rejected');
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Quality gap: long.csv (long), scale 1-5, 3 respondents');
    const dims = lines.indexOf('Dimensions');
    expect(lines[dims + 1]).toMatch(/^dimension\s+items\s+n\s+expectation\s+perception\s+gap\s+ci low\s+ci high\s+weight$/);
    expect(lines[dims + 2]).toMatch(/^reliability\s+1\s+3\s+4\.67\s+3\.33\s+-1\.33\s+-5\.13\s+2\.46\s+63%$/);
    expect(lines[dims + 3]).toMatch(/^tangibles\s+2\s+3\s+4\.17\s+3\.17\s+-1\.00\s+-3\.15\s+1\.15\s+37%$/);
    // Columns line up: every row of the table is as long as its header.
    expect(lines[dims + 2]!.length).toBe(lines[dims + 1]!.length);
    const items = lines.indexOf('Items');
    expect(lines.slice(items + 2, items + 5).map((l) => l.split(/\s+/)[0])).toEqual(['3', '2', '1']);
    expect(lines[items + 3]).toMatch(/^2\s+tangibles\s+2\s+4\.50\s+3\.50\s+-1\.00\s+-13\.71\s+11\.71$/);
    expect(r.out).toContain("Overall (weighted by each respondent's own importance of the dimensions): gap -1.15, 95% CI -3.33 to 1.03, n 3; expectation 4.53, perception 3.38");
    expect(r.out).toContain('Split with --by: sex (2 groups)');
  });

  it('--json: long and wide give the same gaps; --weights and --by', async () => {
    const long = await run('gap', path('long.csv'), '--scale', '1-5', '--json');
    expect(long.code, long.err).toBe(0);
    const l = JSON.parse(long.out) as GapJson;
    expect(Object.keys(l.items[0]!)).toEqual(['item', 'dimension', 'n', 'expectation', 'perception', 'gap', 'sd', 'ciLow', 'ciHigh']);
    expect(l.items.map((i) => [i.item, i.n, Number(i.gap.toFixed(6))])).toEqual([['3', 3, -1.333333], ['2', 2, -1], ['1', 3, -0.666667]]);
    expect(l.overall.weighting).toBe('respondent');
    expect(l.overall.gap).toBeCloseTo(-1.15, 12);

    const wide = await run('gap', path('wide.csv'), '--scale', '1-5', '--dimensions', path('items.csv'), '--json');
    expect(wide.code, wide.err).toBe(0);
    // r3's blank item 2 is a missing answer, rejected with its line and column.
    expect(wide.err).toContain('rapport: wide.csv: 3 rows loaded, 0 rejected; 8 answers loaded, 1 rejected (first: line 4, column "q2_exp", no expectation score)');
    const w = JSON.parse(wide.out) as GapJson;
    const strip = (j: GapJson) => ({ items: j.items, dimensions: j.dimensions, overall: j.overall });
    expect(w.items.map((i) => i.item)).toEqual(l.items.map((i) => i.item));
    for (const [a, b] of [[strip(w), strip(l)]] as const) {
      a.items.forEach((x, k) => {
        const y = b.items[k]!;
        for (const f of ['n', 'expectation', 'perception', 'gap', 'ciLow', 'ciHigh'] as const) expect(x[f]).toBeCloseTo(y[f]!, 10);
      });
      a.dimensions.forEach((x, k) => expect(x.gap).toBeCloseTo(b.dimensions[k]!.gap, 10));
      expect(a.overall.gap).toBeCloseTo(b.overall.gap, 10);
      expect(a.overall.weighting).toBe(b.overall.weighting);
    }

    const given = JSON.parse((await run('gap', path('long.csv'), '--weights', 'tangibles=1,reliability=3', '--json')).out) as GapJson;
    expect(given.overall.weighting).toBe('given');
    expect(given.overall.gap).toBeCloseTo(-1.25, 12);

    const bySex = JSON.parse((await run('gap', path('long.csv'), '--by', 'sex', '--json')).out) as GapJson;
    expect(bySex.groups!.groups.map((g) => [g.group, g.respondents, Number(g.overall.gap.toFixed(6))])).toEqual([['f', 2, -1.6], ['m', 1, -0.25]]);
  });

  it('--by prints one line per group; --out writes the output to a file', async () => {
    const r = await run('gap', path('long.csv'), '--by', 'sex', '--out', path('gap.txt'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toContain(`rapport: wrote ${path('gap.txt')}`);
    const text = readFileSync(path('gap.txt'), 'utf8');
    expect(text).toContain('By sex (overall score; then the gap per dimension)');
    expect(text).toMatch(/\nf\s+2\s+2\s+4\.80\s+3\.20\s+-1\.60\s+-6\.68\s+3\.48\s+-2\.00\s+-1\.25\n/);
  });

  it('bad input: clear messages naming the file or option, exit 1 or 2', async () => {
    const missing = await run('gap', path('nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`rapport: cannot read ${path('nope.csv')}: no such file`);

    const notSurvey = await run('gap', path('not-a-survey.csv'));
    expect(notSurvey.code).toBe(1);
    expect(notSurvey.err).toContain(`rapport: cannot load the survey ${path('not-a-survey.csv')}: `);

    const noMap = await run('gap', path('wide.csv'), '--dimensions', path('empty-map.csv'));
    expect(noMap.code).toBe(1);
    expect(noMap.err).toContain(`${path('empty-map.csv')}: no item,dimension lines found`);
    const mapMissing = await run('gap', path('wide.csv'), '--dimensions', path('none.csv'));
    expect(mapMissing.code).toBe(1);
    expect(mapMissing.err).toBe(`rapport: cannot read dimensions file ${path('none.csv')}: no such file`);

    for (const [args, message] of [
      [['--weights', 'tangibles'], '--weights: Weights take dimension=weight'],
      [['--weights', 'speed=1'], 'rapport: --weights: No weighted dimension is in the survey ("speed"); its dimensions are reliability, tangibles.'],
      [['--by', 'age'], 'rapport: --by: The survey has no respondent attribute "age"; it can be split by sex.'],
      [['--shape', 'tall'], '--shape takes one of long, wide, not "tall".'],
      [['--scale', '7-1'], '--scale takes MIN-MAX with MIN < MAX (e.g. 1-7), not "7-1".'],
      [['--map', 'order_id=x'], '--map takes ROLE=COLUMN with ROLE one of respondent, customer_id, item, dimension, expectation, perception, importance'],
      [['--frobnicate'], 'Unknown option "--frobnicate".'],
    ] as const) {
      const r = await run('gap', path('long.csv'), ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(message);
    }
    const noFile = await run('gap');
    expect(noFile.code).toBe(2);
    expect(noFile.err).toContain('gap needs a SURVEY file.');
    const help = await run('gap', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('rapport gap SURVEY [gap options]');
    expect(help.out).toContain('--weights SPEC');
    expect(help.out).toMatch(/--orders FILE\s+the order export/);
  });
});

/** The sample survey (459 respondents) and the sample orders its customer ids belong to. */
describe('rapport gap --orders: split by segment and rung', () => {
  let dir: string;
  const path = (name: string) => join(dir, name);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-cli-gap-orders-'));
    writeFileSync(path('survey.csv'), sampleSurveyCsv());
    writeFileSync(path('orders.csv'), sampleOrdersCsv());
    writeFileSync(path('bad-orders.csv'), 'a,b\nx,y\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--by segment --json: every respondent in one group, the orders loaded as rapport ladder loads them', async () => {
    const r = await run('gap', path('survey.csv'), '--orders', path('orders.csv'), '--by', 'segment', '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/rapport: orders\.csv: [\d,]+ rows loaded, [\d,]+ rejected/);
    const j = JSON.parse(r.out) as GapJson;
    expect(j.respondents).toBe(459);
    expect(j.groups!.by).toBe('segment');
    expect(j.groups!.label).toBe('RFM segment');
    expect(j.groups!.groups.length).toBeGreaterThan(1);
    expect(j.groups!.groups.reduce((s, g) => s + g.respondents, 0)).toBe(459);
    expect(j.linkedRespondents).toBeGreaterThan(0);
    expect(j.groupOptions.slice(0, 2).map((o) => o.by)).toEqual(['segment', 'rung']);
    // The attribute split has a readable label; `by` stays the column name.
    expect(j.groupOptions.find((o) => o.by === 'age_group')?.label).toBe('age group');

    const rung = await run('gap', path('survey.csv'), '--orders', path('orders.csv'), '--by', 'rung');
    expect(rung.code, rung.err).toBe(0);
    expect(rung.out).toContain('By Ladder rung (overall score; then the gap per dimension)');
  });

  it('--by segment|rung without --orders: exit 2 saying --orders is needed; a bad orders file: exit 1', async () => {
    for (const by of ['segment', 'rung']) {
      const r = await run('gap', path('survey.csv'), '--by', by);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`rapport: --by ${by} needs --orders FILE`);
    }
    const missing = await run('gap', path('survey.csv'), '--orders', path('none.csv'), '--by', 'segment');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`rapport: cannot read orders file ${path('none.csv')}: no such file`);
    const bad = await run('gap', path('survey.csv'), '--orders', path('bad-orders.csv'), '--by', 'segment');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`rapport: cannot load the orders ${path('bad-orders.csv')}: `);
  });
});
