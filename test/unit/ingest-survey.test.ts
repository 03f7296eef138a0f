import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../src/data/dataset.js';
import type { Engine } from '../../src/data/engine/engine.js';
import { SERVQUAL_22_ITEMS } from '../../src/analytics/quality.js';
import { readDimensionMap } from '../../src/data/ingest/detect-survey.js';
import { ingestSurvey } from '../../src/data/ingest/ingest-survey.js';
import type { IngestInput } from '../../src/data/ingest/read-raw.js';
import type { SurveyIngestOptions, SurveyLoadReport } from '../../src/data/ingest/types.js';
import { fixture, hasSharedData, ROOT, SHARED_DATA, sharedFile, text, withEngine } from '../helpers/engine.js';
import { ingestError, rows, scalar } from '../helpers/ingest.js';

let engine: Engine;
beforeAll(async () => {
  engine = await withEngine();
});
afterAll(async () => {
  await engine.close();
});

const count = (e: Engine, table: string) => scalar(e, `SELECT CAST(count(*) AS INTEGER) FROM ${table}`);

/** Every row and answer read is loaded or rejected, and the tables hold exactly those. */
async function expectSurveyAccounting(e: Engine, r: SurveyLoadReport): Promise<void> {
  expect(r.rowsRead).toBe(r.rowsLoaded + r.rowsRejected);
  expect(r.answersRead).toBe(r.answersLoaded + r.answersRejected);
  expect(await count(e, 'survey')).toBe(r.answersLoaded);
  expect(await count(e, 'survey_rejects')).toBe(r.answersRejected + r.importanceRejected);
  expect(await scalar(e, 'SELECT CAST(count(DISTINCT line) AS INTEGER) FROM survey')).toBe(r.rowsLoaded);
  expect(await scalar(e, 'SELECT CAST(count(DISTINCT respondent) AS INTEGER) FROM survey')).toBe(r.respondents);
  expect(await count(e, 'survey_respondents')).toBe(r.respondents);
  // Answer reasons and importance reasons, told apart.
  expect(Object.values(r.rejectedByReason).reduce((a, b) => a + (b ?? 0), 0)).toBe(r.answersRejected);
  expect(Object.values(r.importanceRejectedByReason).reduce((a, b) => a + (b ?? 0), 0)).toBe(r.importanceRejected);
  expect(Object.keys(r.importanceRejectedByReason).every((k) => k === 'non_numeric_importance' || k === 'negative_importance')).toBe(true);
  expect(r.items.reduce((a, i) => a + i.answers, 0)).toBe(r.answersLoaded);
  // Every loaded answer is on the scale.
  expect(await scalar(e, `SELECT CAST(count(*) AS INTEGER) FROM survey WHERE expectation NOT BETWEEN ${r.scale.min} AND ${r.scale.max} OR perception NOT BETWEEN ${r.scale.min} AND ${r.scale.max}`)).toBe(0);
  expect(await rows(e, 'SELECT scale_min, scale_max, shape, file FROM survey_meta')).toEqual([{ scale_min: r.scale.min, scale_max: r.scale.max, shape: r.shape, file: r.file }]);
}

async function load(input: IngestInput, options: SurveyIngestOptions = {}, e: Engine = engine): Promise<SurveyLoadReport> {
  const report = await ingestSurvey(e, input, options);
  await expectSurveyAccounting(e, report);
  return report;
}

type Answer = { respondent: string; item: string; dimension: string; expectation: number; perception: number };
const answers = (e: Engine = engine) =>
  rows<Answer>(e, 'SELECT respondent, item, dimension, expectation, perception FROM survey ORDER BY respondent, item');

const leftovers = async () =>
  (await rows<{ table_name: string }>(engine, "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'rapport_%'")).map((t) => t.table_name);

describe('the survey tables', () => {
  it('long: canonical schemas; customer ids trimmed; attributes; long and wide give identical answers', async () => {
    const long = await load({ name: 'survey-long.csv', bytes: fixture('survey-long.csv') });
    expect(long).toMatchObject({ shape: 'long', shapeSource: 'detected', rowsRead: 9, rowsLoaded: 9, answersLoaded: 9, respondents: 3, customers: 2 });
    expect(long.mapping).toEqual({ respondent: 'respondent', customer_id: 'customer_id', item: 'item', dimension: 'dimension', expectation: 'expectation', perception: 'perception' });
    expect(long.scale).toEqual({ min: 1, max: 7 });
    expect(long.scaleSource).toBe('detected');
    expect(long.dimensions).toEqual(['reliability', 'empathy']);
    const schema = async (t: string) => (await rows<{ column_name: string; column_type: string; null: string }>(engine, `DESCRIBE ${t}`)).map((c) => [c.column_name, c.column_type, c.null]);
    expect(await schema('survey')).toEqual([
      ['respondent', 'VARCHAR', 'NO'], ['customer_id', 'VARCHAR', 'YES'], ['item', 'VARCHAR', 'NO'], ['item_order', 'INTEGER', 'NO'],
      ['dimension', 'VARCHAR', 'NO'], ['expectation', 'DOUBLE', 'NO'], ['perception', 'DOUBLE', 'NO'], ['importance', 'DOUBLE', 'YES'], ['line', 'BIGINT', 'NO'],
    ]);
    expect(await schema('survey_importance')).toEqual([['respondent', 'VARCHAR', 'NO'], ['dimension', 'VARCHAR', 'NO'], ['importance', 'DOUBLE', 'NO']]);
    expect(await schema('survey_respondents')).toEqual([['respondent', 'VARCHAR', 'NO'], ['customer_id', 'VARCHAR', 'YES'], ['line', 'BIGINT', 'NO'], ['age_group', 'VARCHAR', 'YES']]);
    expect(await schema('survey_rejects')).toEqual([['line', 'BIGINT', 'YES'], ['reason', 'VARCHAR', 'YES'], ['column', 'VARCHAR', 'YES'], ['value', 'VARCHAR', 'YES'], ['detail', 'VARCHAR', 'YES']]);
    expect(await schema('survey_meta')).toEqual([['scale_min', 'DOUBLE', 'NO'], ['scale_max', 'DOUBLE', 'NO'], ['shape', 'VARCHAR', 'NO'], ['file', 'VARCHAR', 'YES']]);
    expect(await rows(engine, 'SELECT respondent, customer_id, line, age_group FROM survey_respondents ORDER BY line')).toEqual([
      { respondent: 'r1', customer_id: '101', line: 2, age_group: '18-34' },
      { respondent: 'r2', customer_id: '102', line: 5, age_group: '35-54' },
      { respondent: 'r3', customer_id: null, line: 8, age_group: '55+' },
    ]);
    expect(await rows(engine, 'SELECT DISTINCT item, item_order FROM survey ORDER BY item_order')).toEqual([
      { item: '1', item_order: 1 }, { item: '2', item_order: 2 }, { item: '3', item_order: 3 },
    ]);
    expect(await count(engine, 'survey_importance')).toBe(0);
    const fromLong = await answers();

    const dimensions = readDimensionMap(readFileSync(join(ROOT, 'test', 'fixtures', 'survey-items.csv'), 'utf8'));
    const wide = await load({ name: 'survey-wide.csv', bytes: fixture('survey-wide.csv') }, { dimensions });
    expect(wide).toMatchObject({ shape: 'wide', rowsRead: 3, rowsLoaded: 3, answersRead: 9, answersLoaded: 9, respondents: 3, customers: 2, pairFamily: 'q', respondentSource: 'column' });
    expect(wide.pairs).toEqual([
      { item: '1', expectation: 'q1_exp', perception: 'q1_perc' },
      { item: '2', expectation: 'q2_exp', perception: 'q2_perc' },
      { item: '3', expectation: 'q3_exp', perception: 'q3_perc' },
    ]);
    expect(wide.items.map((i) => i.source)).toEqual(['option', 'option', 'option']);
    expect(await answers()).toEqual(fromLong);
    expect(fromLong).toHaveLength(9);
    expect(await rows(engine, 'SELECT respondent, customer_id, line, age_group FROM survey_respondents ORDER BY line')).toEqual([
      { respondent: 'r1', customer_id: '101', line: 2, age_group: '18-34' },
      { respondent: 'r2', customer_id: '102', line: 3, age_group: '35-54' },
      { respondent: 'r3', customer_id: null, line: 4, age_group: '55+' },
    ]);
    expect(await leftovers()).toEqual([]);
  });

  it('the dimensions option wins over the file column', async () => {
    const r = await load({ name: 'survey-long.csv', bytes: fixture('survey-long.csv') }, { dimensions: { '3': 'assurance' } });
    expect(r.items.map((i) => [i.item, i.dimension, i.source])).toEqual([['1', 'reliability', 'column'], ['2', 'reliability', 'column'], ['3', 'assurance', 'option']]);
    expect(await rows(engine, "SELECT DISTINCT dimension FROM survey WHERE item = '3'")).toEqual([{ dimension: 'assurance' }]);
  });
});

describe('the scale', () => {
  const longCsv = (values: number[]) =>
    `respondent,item,expectation,perception\n${values.map((v, i) => `r${i},1,${v},${values[values.length - 1 - i]}`).join('\n')}\n`;
  it.each([
    [[1, 2, 3, 4, 5], { min: 1, max: 5 }],
    [[1, 3, 7, 2], { min: 1, max: 7 }],
    [[1, 3, 7, 10], { min: 1, max: 10 }],
    [[0, 3, 7, 10], { min: 0, max: 10 }],
  ])('detected from the answers: %j -> %j', async (values, scale) => {
    const r = await load({ name: 's.csv', bytes: text(longCsv(values)) });
    expect(r.scale).toEqual(scale);
    expect(r.scaleSource).toBe('detected');
    expect(r.warnings.join(' ')).toContain(`${scale.min}-${scale.max} scale, detected`);
  });

  it('the option wins: answers off it are rejected', async () => {
    const r = await load({ name: 's.csv', bytes: text(longCsv([1, 2, 3, 4, 5])) }, { scale: { min: 1, max: 10 } });
    expect(r).toMatchObject({ scale: { min: 1, max: 10 }, scaleSource: 'option', answersRejected: 0 });
    const narrow = await load({ name: 's.csv', bytes: text(longCsv([1, 2, 3, 6, 5])) }, { scale: { min: 1, max: 5 } });
    expect(narrow.rejectedByReason).toEqual({ answer_out_of_range: 2 });
    expect(narrow.rejectSamples[0]).toMatchObject({ reason: 'answer_out_of_range', value: '6', detail: 'scale 1-5' });
  });

  it('one typo or one N/A code does not widen the scale: it is rejected, and the warning says so', async () => {
    // 1,001 rows = 2,002 scores on 1-5, one of them a 6.
    const values = Array.from({ length: 1001 }, (_, i) => 1 + (i % 5));
    const typo = `respondent,item,expectation,perception\n${values.map((v, i) => `r${i},1,${v},${i === 500 ? 6 : v}`).join('\n')}\n`;
    const r = await load({ name: 's.csv', bytes: text(typo) });
    expect(r).toMatchObject({ scale: { min: 1, max: 5 }, answersRead: 1001, answersLoaded: 1000, answersRejected: 1, rejectedByReason: { answer_out_of_range: 1 } });
    expect(r.rejectSamples).toEqual([{ line: 502, reason: 'answer_out_of_range', column: 'perception', value: '6', detail: 'scale 1-5' }]);
    expect(r.warnings.join(' ')).toMatch(/read on a 1-5 scale, detected from the data .*; 1 answer with a score off it \("6"\) was rejected as out of range/);
    // 1..4 answers and one 0 (an N/A code): 1-5, the 0 rejected, not 0-10.
    const na = `respondent,item,expectation,perception\n${Array.from({ length: 200 }, (_, i) => `r${i},1,${i === 7 ? 0 : 1 + (i % 4)},${1 + ((i + 1) % 4)}`).join('\n')}\n`;
    const r0 = await load({ name: 's.csv', bytes: text(na) });
    expect(r0).toMatchObject({ scale: { min: 1, max: 5 }, answersLoaded: 199, answersRejected: 1, rejectedByReason: { answer_out_of_range: 1 } });
    expect(r0.rejectSamples[0]).toMatchObject({ line: 9, column: 'expectation', value: '0' });
    // 0-10 answers with many zeros stay 0-10.
    const nps = `respondent,item,expectation,perception\n${Array.from({ length: 220 }, (_, i) => `r${i},1,${i % 11},${(i * 3) % 11}`).join('\n')}\n`;
    expect(await load({ name: 's.csv', bytes: text(nps) })).toMatchObject({ scale: { min: 0, max: 10 }, answersRejected: 0 });
  });

  it('one typo among few answers does not widen the scale either (12 and 40 scores)', async () => {
    for (const rowsN of [6, 20]) {
      const values = Array.from({ length: rowsN }, (_, i) => 1 + (i % 5));
      const csv = `respondent,item,expectation,perception\n${values.map((v, i) => `r${i},1,${v},${i === 3 ? 6 : v}`).join('\n')}\n`;
      const r = await load({ name: 's.csv', bytes: text(csv) });
      expect(r, `${2 * rowsN} scores`).toMatchObject({ scale: { min: 1, max: 5 }, answersRejected: 1, rejectedByReason: { answer_out_of_range: 1 } });
      expect(r.rejectSamples[0]).toMatchObject({ line: 5, column: 'perception', value: '6' });
    }
  });

  it('no usual scale: the load stops and asks for one', async () => {
    const e = await ingestError(ingestSurvey(engine, { name: 's.csv', bytes: text(longCsv([1, 50, 100, 20])) }));
    expect(e.message).toMatch(/s\.csv: the answers run from 1 to 100, which is no usual Likert scale.*Set the scale/);
    await expect(ingestError(ingestSurvey(engine, { name: 's.csv', bytes: text(longCsv([1])) }, { scale: { min: 5, max: 1 } }))).resolves.toBeTruthy();
  });
});

describe('rejects, with line and column', () => {
  it('each reason in the long shape', async () => {
    const r = await load({ name: 'survey-rejects.csv', bytes: fixture('survey-rejects.csv') }, { scale: { min: 1, max: 7 } });
    // Line 9's importance is not a number: the value is rejected, its answer loads (as in the wide shape).
    expect(r).toMatchObject({ rowsRead: 13, rowsLoaded: 4, rowsRejected: 9, answersRead: 13, answersLoaded: 4, answersRejected: 9, importanceRejected: 1 });
    expect(r.rejectedByReason).toEqual({
      missing_expectation: 1, missing_perception: 1, missing_respondent: 1, missing_item: 1, non_numeric_answer: 2,
      answer_out_of_range: 1, duplicate_answer: 1, malformed_row: 1,
    });
    expect(r.importanceRejectedByReason).toEqual({ non_numeric_importance: 1 });
    const samples = r.rejectSamples.map((s) => [s.line, s.reason, s.column, s.value]);
    expect(samples).toEqual([
      [3, 'missing_expectation', 'expectation', null],
      [4, 'missing_perception', 'perception', null],
      [5, 'missing_respondent', 'respondent', null],
      [6, 'missing_item', 'item', null],
      [7, 'non_numeric_answer', 'expectation', 'five'],
      [8, 'non_numeric_answer', 'perception', 'x'],
      [9, 'non_numeric_importance', 'importance', 'lots'],
      [10, 'answer_out_of_range', 'perception', '9'],
      [12, 'duplicate_answer', 'item', '2'],
      [13, 'malformed_row', null, 'd,1,5,4,10,oops'],
    ]);
    expect(r.rejectSamples.find((s) => s.reason === 'duplicate_answer')!.detail).toBe('respondent c already answered item 2 on line 11');
    expect(r.rejectSamples.find((s) => s.reason === 'non_numeric_importance')!.detail).toBe('importance of item 3; the answer was loaded without it');
    expect(await rows(engine, 'SELECT respondent, item, expectation, importance, line FROM survey ORDER BY line')).toEqual([
      { respondent: 'a', item: '1', expectation: 5, importance: 10, line: 2 },
      { respondent: 'b', item: '3', expectation: 5, importance: null, line: 9 },
      { respondent: 'c', item: '2', expectation: 5, importance: 10, line: 11 },
      { respondent: 'd', item: '1', expectation: 6, importance: 10, line: 14 },
    ]);
    expect(r.warnings.join(' ')).toMatch(/69% of the rows of survey-rejects\.csv \(9 of 13\) were rejected/);
    // Per-answer importance -> the respondent's importance of the dimension (unassigned here).
    expect(await rows(engine, 'SELECT respondent, dimension, importance FROM survey_importance ORDER BY respondent')).toEqual([
      { respondent: 'a', dimension: 'unassigned', importance: 10 },
      { respondent: 'c', dimension: 'unassigned', importance: 10 },
      { respondent: 'd', dimension: 'unassigned', importance: 10 },
    ]);
    expect(r.importance).toBe('answer');
  });

  it('long importance: not a number or negative, the value is rejected with line and column and the answer loads', async () => {
    const csv = 'respondent,item,expectation,perception,importance\nr1,1,5,4,3\nr1,2,4,4,-2\nr1,3,5,5,much\nr2,1,3,4,\n';
    const r = await load({ name: 'imp.csv', bytes: text(csv) });
    expect(r).toMatchObject({ answersRead: 4, answersLoaded: 4, answersRejected: 0, importanceRejected: 2, rowsLoaded: 4, rowsRejected: 0 });
    expect(r.rejectedByReason).toEqual({});
    expect(r.importanceRejectedByReason).toEqual({ negative_importance: 1, non_numeric_importance: 1 });
    expect(r.warnings.join(' ')).toContain('2 importance values in imp.csv were rejected (1 negative, 1 not a number), first at line 3, column "importance" ("-2"); their answers were loaded without an importance.');
    expect(r.warnings.join(' ')).not.toMatch(/of the rows of imp\.csv/);
    expect(r.rejectSamples.map((s) => [s.line, s.reason, s.column, s.value])).toEqual([
      [3, 'negative_importance', 'importance', '-2'],
      [4, 'non_numeric_importance', 'importance', 'much'],
    ]);
    expect(await rows(engine, 'SELECT item, importance FROM survey ORDER BY line')).toEqual([
      { item: '1', importance: 3 }, { item: '2', importance: null }, { item: '3', importance: null }, { item: '1', importance: null },
    ]);
    // A negative importance is not a 0 (nor anything) in the respondent's importance.
    expect(await rows(engine, 'SELECT respondent, importance FROM survey_importance')).toEqual([{ respondent: 'r1', importance: 3 }]);
    // Wide importance columns: a negative value is rejected the same way.
    const wide = await load({ name: 'w.csv', bytes: text('id,E_tangibles,P_tangibles,weight_tangibles\n1,3,4,50\n2,4,4,-5\n') });
    expect(wide).toMatchObject({ answersLoaded: 2, importanceRejected: 1, rejectedByReason: {}, importanceRejectedByReason: { negative_importance: 1 } });
    expect(wide.rejectSamples).toEqual([{ line: 3, reason: 'negative_importance', column: 'weight_tangibles', value: '-5', detail: 'importance of tangibles' }]);
  });

  it('importance rejects of answers that loaded are not row rejects: the row warning names the answers\' problem, importance has its own', async () => {
    // 10 rows: line 2's expectation is "five" (its row rejected); three loaded answers have importance x, x, -2.
    const body = Array.from({ length: 10 }, (_, i) => {
      const line = i + 2;
      const exp = line === 2 ? 'five' : String(1 + (i % 5));
      const imp = line === 3 ? 'x' : line === 5 ? 'x' : line === 8 ? '-2' : '4';
      return `r${Math.floor(i / 2)},${1 + (i % 2)},${exp},${1 + ((i + 2) % 5)},${imp}`;
    });
    const r = await load({ name: 'imp10.csv', bytes: text(`respondent,item,expectation,perception,importance\n${body.join('\n')}\n`) });
    expect(r).toMatchObject({ rowsRead: 10, rowsLoaded: 9, rowsRejected: 1, answersRejected: 1, importanceRejected: 3 });
    expect(r.rejectedByReason).toEqual({ non_numeric_answer: 1 });
    expect(r.importanceRejectedByReason).toEqual({ non_numeric_importance: 2, negative_importance: 1 });
    const warnings = r.warnings.join(' | ');
    expect(warnings).toContain('10% of the rows of imp10.csv (1 of 10) were rejected; the most common problem is the answer is not a number in column "expectation", first at line 2 ("five").');
    expect(warnings).not.toMatch(/most common problem is the importance/);
    expect(warnings).toContain('3 importance values in imp10.csv were rejected (2 not a number, 1 negative), first at line 3, column "importance" ("x"); their answers were loaded without an importance.');
  });

  it('a malformed wide line counts as the answers it holds, one reject per item pair', async () => {
    const csv = 'respondent,q1_e,q1_p,q2_e,q2_p,q3_e,q3_p\nr1,1,2,3,4,5,5\nr2,1,2,3,4,5,5,extra\nr3,2,2,2,2,2,2\n';
    const r = await load({ name: 'w.csv', bytes: text(csv) });
    expect(r).toMatchObject({ rowsRead: 3, rowsLoaded: 2, rowsRejected: 1, answersRead: 9, answersLoaded: 6, answersRejected: 3 });
    expect(r.answersRead).toBe(r.answersLoaded + r.answersRejected);
    expect(r.rejectedByReason).toEqual({ malformed_row: 3 });
    expect(r.rejectSamples.map((s) => [s.line, s.reason, s.value])).toEqual([
      [3, 'malformed_row', 'r2,1,2,3,4,5,5,extra'], [3, 'malformed_row', 'r2,1,2,3,4,5,5,extra'], [3, 'malformed_row', 'r2,1,2,3,4,5,5,extra'],
    ]);
    expect(r.rejectSamples.map((s) => s.detail!.replace(/^.*; /, ''))).toEqual([
      'the line holds 3 answers (one per item pair), each rejected: this one is item 1',
      'the line holds 3 answers (one per item pair), each rejected: this one is item 2',
      'the line holds 3 answers (one per item pair), each rejected: this one is item 3',
    ]);
  });

  it('a decimal comma in a comma-separated file is not a number; in a semicolon file it is', async () => {
    const csv = 'respondent,item,expectation,perception\nr1,1,5,4\nr1,2,"5,5",4\nr2,1,4.5,4\nr2,2,3,2\n';
    const r = await load({ name: 'c.csv', bytes: text(csv) });
    expect(r).toMatchObject({ decimal: 'point', answersLoaded: 3, answersRejected: 1, rejectedByReason: { non_numeric_answer: 1 } });
    expect(r.rejectSamples).toEqual([{ line: 3, reason: 'non_numeric_answer', column: 'expectation', value: '5,5', detail: null }]);
    expect(await rows(engine, "SELECT expectation FROM survey WHERE respondent = 'r2' AND item = '1'")).toEqual([{ expectation: 4.5 }]);
    const only = await load({ name: 'c.csv', bytes: text('respondent,item,expectation,perception\nr1,1,5,4\nr1,2,"5,5",4\nr2,1,4,4\n') });
    expect(only).toMatchObject({ decimal: 'point', answersRejected: 1 });
    expect(only.warnings.join(' ')).toMatch(/c\.csv is comma-separated, yet some answers are written with a decimal comma \(e\.g\. "5,5"\).*decimal: 'comma'/);
    const semi = await load({ name: 's.csv', bytes: text('respondent;item;expectation;perception\nr1;1;5,5;4\nr1;2;6;4\n') });
    expect(semi).toMatchObject({ decimal: 'comma', answersLoaded: 2, answersRejected: 0 });
    expect(await rows(engine, "SELECT expectation FROM survey WHERE item = '1'")).toEqual([{ expectation: 5.5 }]);
  });

  it('wide numbered pairs: rejects name the pair column; a row loads when any answer does; other families are attributes', async () => {
    const r = await load({ name: 'survey-wide-numbered.csv', bytes: fixture('survey-wide-numbered.csv') });
    expect(r).toMatchObject({ shape: 'wide', pairFamily: 'sq', respondentSource: 'column', mapping: { respondent: 'id' } });
    expect(r).toMatchObject({ rowsRead: 3, rowsLoaded: 3, rowsRejected: 0, answersRead: 9, answersLoaded: 7, answersRejected: 2 });
    expect(r.rejectSamples.map((s) => [s.line, s.reason, s.column, s.value])).toEqual([
      [2, 'non_numeric_answer', 'sq3_2', 'x'],
      [3, 'missing_expectation', 'sq3_1', null],
    ]);
    expect(r.scale).toEqual({ min: 1, max: 5 });
    expect(r.warnings.join(' ')).toMatch(/"ipa" \(2 pairs, e\.g\. ipa1_1\/ipa1_2\).*pairs: 'ipa'/);
    expect(r.warnings.join(' ')).toMatch(/suffix _1 was read as the expectation and _2 as the perception/);
    expect(r.attributes).toEqual(['gender', 'kano1_1', 'kano1_2', 'ipa1_1', 'ipa1_2', 'ipa2_1', 'ipa2_2']);
    expect(await rows(engine, 'SELECT respondent, gender, kano1_1, ipa2_2 FROM survey_respondents ORDER BY line')).toEqual([
      { respondent: '1', gender: 'f', kano1_1: 'like', ipa2_2: '2' },
      { respondent: '2', gender: 'm', kano1_1: 'must-be', ipa2_2: '5' },
      { respondent: '3', gender: 'f', kano1_1: 'like', ipa2_2: '3' },
    ]);
    const ipa = await load({ name: 'survey-wide-numbered.csv', bytes: fixture('survey-wide-numbered.csv') }, { pairs: 'ipa' });
    expect(ipa).toMatchObject({ pairFamily: 'ipa', answersLoaded: 6, answersRejected: 0 });
    expect(ipa.attributes).toContain('sq1_1');
  });

  it('a wide row whose every answer is rejected is a rejected row; a duplicate respondent is rejected', async () => {
    const csv = 'respondent,q1_e,q1_p,q2_e,q2_p\nr1,1,2,3,4\nr2,,,9x,1\nr1,2,2,2,2\n';
    const r = await load({ name: 'w.csv', bytes: text(csv) });
    expect(r).toMatchObject({ rowsRead: 3, rowsLoaded: 1, rowsRejected: 2, answersRead: 6, answersLoaded: 2, answersRejected: 4 });
    expect(r.rejectSamples.map((s) => [s.line, s.reason, s.column, s.value])).toEqual([
      [3, 'missing_expectation', 'q1_e', null],
      [3, 'non_numeric_answer', 'q2_e', '9x'],
      [4, 'duplicate_answer', 'respondent', 'r1'],
      [4, 'duplicate_answer', 'respondent', 'r1'],
    ]);
  });
});

describe('named pairs and importance', () => {
  it('E_/P_ pairs take their dimension from their names; importance columns fill survey_importance', async () => {
    const r = await load({ name: 'survey-named-pairs.csv', bytes: fixture('survey-named-pairs.csv') });
    expect(r).toMatchObject({ shape: 'wide', pairFamily: 'named', scale: { min: 1, max: 10 }, importance: 'dimension', answersLoaded: 9 });
    expect(r.items.map((i) => [i.item, i.dimension, i.source])).toEqual([
      ['reliability', 'reliability', 'name'], ['empathy', 'empathy', 'name'], ['reliability_2', 'reliability', 'name'],
    ]);
    expect(r.importanceColumns).toEqual({ imp_reliability: 'reliability', imp_empathy: 'empathy' });
    expect(r.attributes).toEqual(['region']);
    expect(await rows(engine, 'SELECT respondent, dimension, importance FROM survey_importance ORDER BY respondent, dimension')).toEqual([
      { respondent: 'x1', dimension: 'empathy', importance: 40 }, { respondent: 'x1', dimension: 'reliability', importance: 60 },
      { respondent: 'x2', dimension: 'empathy', importance: 30 }, { respondent: 'x2', dimension: 'reliability', importance: 70 },
      { respondent: 'x3', dimension: 'empathy', importance: 50 }, { respondent: 'x3', dimension: 'reliability', importance: 50 },
    ]);
  });

  it('a wide importance value that is not a number is a reject, not an answer', async () => {
    const csv = 'id,E_tangibles,P_tangibles,weight_tangibles\n1,3,4,50\n2,4,4,lots\n';
    const r = await load({ name: 'w.csv', bytes: text(csv) });
    expect(r).toMatchObject({ answersRead: 2, answersLoaded: 2, answersRejected: 0, importanceRejected: 1, rowsLoaded: 2, importanceRejectedByReason: { non_numeric_importance: 1 } });
    expect(r.warnings.join(' ')).toContain('1 importance value in w.csv was rejected (1 not a number), first at line 3, column "weight_tangibles" ("lots"); the answers were loaded; only those importance values were left out.');
    expect(r.rejectSamples).toEqual([{ line: 3, reason: 'non_numeric_importance', column: 'weight_tangibles', value: 'lots', detail: 'importance of tangibles' }]);
    expect(await rows(engine, 'SELECT * FROM survey_importance')).toEqual([{ respondent: '1', dimension: 'tangibles', importance: 50 }]);
  });

  it('the classic E1..E22/P1..P22 coding is wide, and its 22 items get the five SERVQUAL dimensions', async () => {
    const head = ['id', ...Array.from({ length: 22 }, (_, i) => `E${i + 1}`), ...Array.from({ length: 22 }, (_, i) => `P${i + 1}`), 'importance_tangibles'];
    const line = (id: number) => [id, ...Array.from({ length: 44 }, (_, j) => 1 + ((id + j) % 7)), 30].join(',');
    const r = await load({ name: 'sq22.csv', bytes: text(`${head.join(',')}\n${[1, 2, 3].map(line).join('\n')}\n`) });
    expect(r).toMatchObject({ shape: 'wide', pairFamily: 'ep', respondents: 3, answersLoaded: 66, answersRejected: 0, importance: 'dimension' });
    expect(r.pairs[0]).toEqual({ item: '1', expectation: 'E1', perception: 'P1' });
    expect(r.items.map((i) => i.dimension)).toEqual(Array.from({ length: 22 }, (_, i) => SERVQUAL_22_ITEMS[String(i + 1)]));
    expect(r.dimensions).toEqual(['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy']);
    expect(r.importanceColumns).toEqual({ importance_tangibles: 'tangibles' });
    expect(r.warnings.join(' ')).toMatch(/standard SERVQUAL assignment/);
    const q = await load({ name: 'q.csv', bytes: text('resp_id,Q1E,Q1P,Q2E,Q2P\nx,5,4,3,3\ny,4,4,2,5\n') });
    expect(q).toMatchObject({ shape: 'wide', pairFamily: 'q', mapping: { respondent: 'resp_id' }, answersLoaded: 4 });
    const exp = await load({ name: 'e.csv', bytes: text('participant,exp1,perc1,exp2,perc2\nx,5,4,3,3\n') });
    expect(exp).toMatchObject({ shape: 'wide', mapping: { respondent: 'participant' }, answersLoaded: 2 });
  });

  it('long files with pair-shaped score columns or noted headers load as long', async () => {
    const rowsOf = (sep: string) => ['r1,1,reliability,5,4', 'r1,2,empathy,6,5', 'r2,1,reliability,4,4', 'r2,2,empathy,7,3'].map((l) => l.replace(/,/g, sep)).join('\n');
    const en = await load({ name: 'l.csv', bytes: text(`respondent,item,dimension,expectation_score,perception_score\n${rowsOf(',')}\n`) });
    expect(en).toMatchObject({ shape: 'long', respondents: 2, answersLoaded: 4, answersRejected: 0, mapping: { expectation: 'expectation_score', perception: 'perception_score' } });
    const ev = await load({ name: 'l.csv', bytes: text(`respondent,item,dimension,exp_value,perc_value\n${rowsOf(',')}\n`) });
    expect(ev).toMatchObject({ shape: 'long', answersLoaded: 4, answersRejected: 0 });
    const es = await load({ name: 'l.csv', bytes: text(`encuestado;pregunta;dimension;Expectativa (E);Percepción (P)\n${rowsOf(';')}\n`) });
    expect(es).toMatchObject({ shape: 'long', answersLoaded: 4, mapping: { expectation: 'Expectativa (E)', perception: 'Percepción (P)' } });
    const pj = await load({ name: 'l.csv', bytes: text(`encuestado,pregunta,dimension,puntaje_expectativa,puntaje_percepcion\n${rowsOf(',')}\n`) });
    expect(pj).toMatchObject({ shape: 'long', answersLoaded: 4, answersRejected: 0 });
  });

  it('a generic row id unique per row is not the respondent: the customer id is, else the load asks for it', async () => {
    const lines: string[] = [];
    for (let c = 0; c < 30; c++) for (let item = 1; item <= 5; item++) lines.push(`${lines.length + 1},${900 + c},${item},${1 + ((c + item) % 7)},${1 + ((c * item) % 7)}`);
    const r = await load({ name: 'ids.csv', bytes: text(`id,customer_id,item,expectation,perception\n${lines.join('\n')}\n`) });
    expect(r).toMatchObject({ shape: 'long', respondents: 30, answersLoaded: 150, respondentSource: 'customer_id', mapping: { respondent: 'customer_id', customer_id: 'customer_id' } });
    expect(r.attributes).toEqual(['id']);
    expect(r.warnings.join(' ')).toMatch(/column "id" holds a different value on each of its 150 rows while the 5 items repeat/);
    const noCustomer = lines.map((l) => l.replace(/^(\d+),\d+,/, '$1,')).join('\n');
    const e = await ingestError(ingestSurvey(engine, { name: 'ids.csv', bytes: text(`id,item,expectation,perception\n${noCustomer}\n`) }));
    expect(e.message).toMatch(/ids\.csv: column "id", read as the respondent, holds a different value on each of its 150 rows.*respondent=COLUMN/);
    // Mapped by the user, it is taken as given.
    const mapped = await load({ name: 'ids.csv', bytes: text(`id,item,expectation,perception\n${noCustomer}\n`) }, { mapping: { respondent: 'id' } });
    expect(mapped.respondents).toBe(150);
  });

  it('a split-sample design (each respondent rates one item): the error says an explicit respondent overrides the check, and it does', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `p${i},${1 + (i % 3)},${1 + (i % 5)},${1 + ((i + 1) % 5)}`);
    const csv = text(`respondent,item,expectation,perception\n${lines.join('\n')}\n`);
    const e = await ingestError(ingestSurvey(engine, { name: 'split.csv', bytes: csv }));
    expect(e.message).toMatch(/split\.csv: column "respondent", read as the respondent, holds a different value on each of its 30 rows/);
    expect(e.message).toContain('split-sample design');
    expect(e.message).toContain('map "respondent" as the respondent explicitly (respondent=respondent, or in the survey form)');
    expect(e.message).toContain('this check is skipped');
    const r = await load({ name: 'split.csv', bytes: csv }, { mapping: { respondent: 'respondent' } });
    expect(r).toMatchObject({ respondents: 30, answersLoaded: 30, answersRejected: 0, respondentSource: 'column' });
  });

  it('respondent: null means no respondent column: long, each customer id is the respondent; wide, the row number', async () => {
    // `id` is a store code: detected as the respondent it makes 2 respondents and 12 duplicates.
    const lines: string[] = [];
    for (let c = 0; c < 6; c++) for (let item = 1; item <= 3; item++) lines.push(`${c < 3 ? 'S1' : 'S2'},${900 + c},${item},${1 + ((c + item) % 5)},${1 + ((c * item) % 5)}`);
    const csv = text(`id,customer,item,expectation,perception\n${lines.join('\n')}\n`);
    const detected = await load({ name: 'store.csv', bytes: csv });
    expect(detected).toMatchObject({ respondents: 2, answersRejected: 12, rejectedByReason: { duplicate_answer: 12 }, mapping: { respondent: 'id' } });
    const none = await load({ name: 'store.csv', bytes: csv }, { mapping: { respondent: null } });
    expect(none).toMatchObject({ respondents: 6, answersLoaded: 18, answersRejected: 0, respondentSource: 'customer_id', mapping: { respondent: 'customer', customer_id: 'customer' } });
    expect(none.attributes).toEqual(['id']);
    expect(none.warnings.join(' ')).toContain('each customer id ("customer") is a respondent');
    // Long without a customer id: the load asks for one (or the respondent column), naming the columns.
    const noCustomer = text(`id,item,expectation,perception\n${lines.map((l) => l.replace(/^(S\d),\d+,/, '$1,')).join('\n')}\n`);
    const e = await ingestError(ingestSurvey(engine, { name: 'store.csv', bytes: noCustomer }, { mapping: { respondent: null } }));
    expect(e.code).toBe('mapping');
    expect(e.message).toMatch(/store\.csv: the mapping says there is no respondent column.*no column looks like a customer id \(columns: "id", "item", "expectation", "perception"\)/);

    // Wide: `id` detected as the respondent repeats (duplicates); null reads the row number.
    const wide = text('id,sq1_1,sq1_2,sq2_1,sq2_2\nS1,3,4,4,5\nS1,2,4,3,3\nS2,5,5,4,4\n');
    const wideDetected = await load({ name: 'w.csv', bytes: wide });
    expect(wideDetected).toMatchObject({ respondents: 2, mapping: { respondent: 'id' }, rejectedByReason: { duplicate_answer: 2 } });
    const wideNone = await load({ name: 'w.csv', bytes: wide }, { mapping: { respondent: null } });
    expect(wideNone).toMatchObject({ respondents: 3, answersLoaded: 6, answersRejected: 0, respondentSource: 'row_number', mapping: {} });
    expect(wideNone.attributes).toEqual(['id']);
    // With a customer id, each customer is the respondent.
    const wideCustomer = await load({ name: 'w.csv', bytes: text('id,customer_id,sq1_1,sq1_2\nS1,7,3,4\nS1,8,2,4\n') }, { mapping: { respondent: null } });
    expect(wideCustomer).toMatchObject({ respondents: 2, respondentSource: 'customer_id', mapping: { customer_id: 'customer_id' } });
  });

  it('a mapping failure carries the input columns as the engine read them (details.columns), gzip and blank headers too', async () => {
    const e = await ingestError(ingestSurvey(engine, { name: 'odd.csv', bytes: text('who;what;"before;x";after\na;1;3;4\n') }));
    expect(e.code).toBe('mapping');
    expect(e.details.columns).toEqual(['who', 'what', 'before;x', 'after']);
    const gz = await ingestError(ingestSurvey(engine, { name: 'odd.csv.gz', bytes: gzipSync(text('who,,before,after\na,1,3,4\nb,2,4,4\n')) }));
    expect(gz.code).toBe('mapping');
    expect(gz.details.columns).toHaveLength(4);
    expect(gz.details.columns![0]).toBe('who');
    expect(gz.details.columns![1]).toMatch(/^column\d+$/);
    // Also after the data were read (the respondent check, the scale).
    const split = await ingestError(ingestSurvey(engine, { name: 'split.csv', bytes: text('respondent,item,expectation,perception\na,1,3,4\nb,2,4,4\nc,1,4,4\n') }));
    expect(split.details.columns).toEqual(['respondent', 'item', 'expectation', 'perception']);
    // Failures that are not about the mapping carry none.
    const empty = await ingestError(ingestSurvey(engine, { name: 'h.csv', bytes: text('respondent,item,expectation,perception\n') }));
    expect(empty.code).toBe('header-only');
    expect(empty.details.columns).toBeUndefined();
  });

  it('items numbered 1..22 get the standard SERVQUAL dimensions, with a warning', async () => {
    const lines = Array.from({ length: 22 }, (_, i) => `a,${i + 1},5,4`);
    const r = await load({ name: 's.csv', bytes: text(`respondent,item,expectation,perception\n${lines.join('\n')}\n`) });
    expect(r.items.slice(0, 5).map((i) => i.dimension)).toEqual(['tangibles', 'tangibles', 'tangibles', 'tangibles', 'reliability']);
    expect(r.warnings.join(' ')).toMatch(/standard SERVQUAL assignment/);
  });
});

describe('the dataset', () => {
  it('loadSurvey keeps the report; a failed load keeps the previous survey; orders and feedback are untouched', async () => {
    const ds = new Dataset(await withEngine());
    try {
      await ds.loadFeedback({ name: 'fb.csv', bytes: text('customer_id,score\n1,9\n2,7\n') });
      const r = await ds.loadSurvey({ name: 'survey-long.csv', bytes: fixture('survey-long.csv') });
      expect(ds.surveyReport).toBe(r);
      await ingestError(ds.loadSurvey({ name: 'bad.csv', bytes: text('a,b\n1,2\n') }));
      expect(ds.surveyReport).toBe(r);
      expect(await count(ds.engine, 'survey')).toBe(9);
      expect(await count(ds.engine, 'feedback')).toBe(2);
      const e = await ingestError(ds.loadSurvey({ name: 'all-bad.csv', bytes: text('respondent,item,expectation,perception\nr1,1,,\nr2,1,,\n') }));
      expect(e.message).toMatch(/all-bad\.csv: none of its 2 rows could be loaded as survey answers; the most common problem is no expectation score in column "expectation", first at line 2/);
      expect(await count(ds.engine, 'survey')).toBe(9);
    } finally {
      await ds.close();
    }
  });
});

/**
 * The SERVQUAL kiosk survey (../shared/data, present in CI; skipped with a warning otherwise):
 * the same 194 respondents x 24 items in a long file and a wide export with Kano and IPA
 * families beside the SERVQUAL pairs.
 */
describe.skipIf(!hasSharedData)(`the kiosk survey on real data (${SHARED_DATA}/servqual-kiosk)`, () => {
  let ds: Dataset;
  let long: SurveyLoadReport;
  let wide: SurveyLoadReport;
  let fromLong: Answer[];
  let fromWide: Answer[];
  const dimensions = () => readDimensionMap(readFileSync(join(SHARED_DATA, 'servqual-kiosk', 'servqual_items.csv'), 'utf8'));
  beforeAll(async () => {
    ds = new Dataset(await withEngine());
    long = await ds.loadSurvey({ name: 'servqual_long.csv', bytes: sharedFile('servqual-kiosk', 'servqual_long.csv') });
    await expectSurveyAccounting(ds.engine, long);
    fromLong = await answers(ds.engine);
    wide = await ds.loadSurvey({ name: 'kiosk_clean_named.csv', bytes: sharedFile('servqual-kiosk', 'kiosk_clean_named.csv') }, { dimensions: dimensions() });
    await expectSurveyAccounting(ds.engine, wide);
    fromWide = await answers(ds.engine);
  }, 120_000);
  afterAll(() => ds.close());

  it('both load 194 respondents x 24 items = 4656 answers, none rejected, on the 1-7 scale', () => {
    for (const r of [long, wide]) {
      expect(r).toMatchObject({ respondents: 194, answersRead: 4656, answersLoaded: 4656, answersRejected: 0, rowsRejected: 0, scale: { min: 1, max: 7 }, scaleSource: 'detected' });
      expect(r.items).toHaveLength(24);
      expect(r.rejectedByReason).toEqual({});
    }
    expect(long).toMatchObject({ shape: 'long', rowsRead: 4656, rowsLoaded: 4656 });
    expect(wide).toMatchObject({ shape: 'wide', rowsRead: 194, rowsLoaded: 194, pairFamily: 'sq', respondentSource: 'row_number' });
  });

  it('identical (respondent, item, expectation, perception) and, with the item map, identical dimensions', () => {
    const key = (a: Answer) => `${a.respondent}|${a.item}|${a.expectation}|${a.perception}`;
    expect(new Set(fromWide.map(key))).toEqual(new Set(fromLong.map(key)));
    expect(fromWide.map((a) => a.dimension)).toEqual(fromLong.map((a) => a.dimension));
    expect(long.items.filter((i) => i.dimension === 'unassigned').map((i) => i.item)).toEqual(['9', '12', '23', '24']);
  });

  it('the long file: the gap column is named as not loaded; blank dimensions are unassigned with a warning', () => {
    expect(long.mapping).toEqual({ respondent: 'respondent_id', item: 'item', dimension: 'dimension_6factor_cfa', expectation: 'expectation', perception: 'perception' });
    expect(long.warnings.join(' ')).toMatch(/"gap_p_minus_e" looks like a gap/);
    expect(long.warnings.join(' ')).toMatch(/No dimension for items 9, 12, 23, 24/);
  });

  it('the wide file: warnings name the ipa family, the kano text and the numbered-pair reading; the rest are attributes', async () => {
    const w = wide.warnings.join(' ');
    expect(w).toMatch(/"ipa" \(24 pairs.*pairs: 'ipa'/);
    expect(w).toMatch(/"kano"/);
    expect(w).toMatch(/sq1_1 = expectation, sq1_2 = perception/);
    expect(w).toMatch(/numbered by row, 1 to 194/);
    expect(wide.attributes).toHaveLength(163 - 48);
    expect(wide.attributes.slice(0, 5)).toEqual(['sex', 'age', 'frequency', 'usage', 'reason']);
    expect(await scalar(ds.engine, "SELECT CAST(count(*) AS INTEGER) FROM survey_respondents WHERE age = '20대'")).toBeGreaterThan(0);
  });
});
