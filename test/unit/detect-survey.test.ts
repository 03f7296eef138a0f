import { describe, expect, it } from 'vitest';
import { SERVQUAL_22_ITEMS, UNASSIGNED_DIMENSION } from '../../src/analytics/quality.js';
import type { ColumnProfile } from '../../src/data/ingest/detect-mapping.js';
import { isSurveyFile } from '../../src/data/ingest/detect-format.js';
import {
  checkLongRespondent,
  choosePairFamily,
  decideDimensions,
  decideSurvey,
  detectSurveyScale,
  findPairFamilies,
  isGapColumn,
  LIKERT_SCALES,
  pairPart,
  readDimensionMap,
  servqualDimensionOf,
} from '../../src/data/ingest/detect-survey.js';

/** A profile of a column: numbers (all values numeric), text, or empty. */
function col(name: string, kind: 'number' | 'text' | 'empty' = 'number', rows = 10): ColumnProfile {
  const nonEmpty = kind === 'empty' ? 0 : rows;
  const numbers = kind === 'number' ? rows : 0;
  return {
    name, rows, nonEmpty, distinct: Math.min(rows, 5), dates: 0, slashDates: 0, firstOver12: 0, secondOver12: 0,
    numbers, integers: numbers, pointEvidence: 0, commaEvidence: 0, samples: kind === 'number' ? ['5'] : kind === 'text' ? ['a'] : [],
  };
}

describe('pair columns', () => {
  it('reads suffix, prefix and numbered pair names', () => {
    expect(pairPart('q1_exp')).toMatchObject({ item: '1', family: 'q', side: 'expectation' });
    expect(pairPart('q1_perc')).toMatchObject({ item: '1', family: 'q', side: 'perception' });
    expect(pairPart('Q01_E')).toMatchObject({ item: '1', family: 'q', side: 'expectation' });
    expect(pairPart('q2_p')).toMatchObject({ item: '2', side: 'perception' });
    expect(pairPart('item3_expectation')).toMatchObject({ item: '3', family: 'item', side: 'expectation' });
    expect(pairPart('exp_q4')).toMatchObject({ item: '4', family: 'q', side: 'expectation' });
    expect(pairPart('perc_q4')).toMatchObject({ item: '4', family: 'q', side: 'perception' });
    expect(pairPart('E_reliability')).toMatchObject({ item: 'reliability', family: 'named', side: 'expectation' });
    expect(pairPart('P_Reliability_2')).toMatchObject({ item: 'Reliability_2', family: 'named', side: 'perception' });
    expect(pairPart('expectativa_empatia')).toMatchObject({ item: 'empatia', side: 'expectation' });
    expect(pairPart('persepsi_jaminan')).toMatchObject({ item: 'jaminan', side: 'perception' });
    expect(pairPart('sq12_1')).toMatchObject({ item: '12', family: 'sq', side: 'expectation' });
    expect(pairPart('sq12_2')).toMatchObject({ item: '12', family: 'sq', side: 'perception' });
    expect(pairPart('ipa3_2')).toMatchObject({ item: '3', family: 'ipa', side: 'perception' });
    for (const c of ['age', 'respondent_id', 'total1', 'sq1_3', 'expectation', 'perception']) expect(pairPart(c)).toBeNull();
  });

  it('groups pairs into families; text families are not numeric; a family with a third suffix is not pairs', () => {
    const families = findPairFamilies([
      col('sex', 'text'), col('sq1_1'), col('sq1_2'), col('sq2_1'), col('sq2_2'), col('kano1_1', 'text'), col('kano1_2', 'text'),
      col('ipa1_1'), col('ipa1_2'), col('m1_1'), col('m1_2'), col('m1_3'), col('q9_exp'),
    ]);
    expect(families.map((f) => [f.family, f.numbered, f.numeric, f.pairs.length])).toEqual([
      ['sq', true, true, 2],
      ['kano', true, false, 1],
      ['ipa', true, true, 1],
    ]);
    expect(families[0]!.pairs).toEqual([
      { item: '1', expectation: 'sq1_1', perception: 'sq1_2' },
      { item: '2', expectation: 'sq2_1', perception: 'sq2_2' },
    ]);
  });

  it('prefers a SERVQUAL-named family and warns naming the others and how to choose', () => {
    const families = findPairFamilies([col('ipa1_1'), col('ipa1_2'), col('sq1_1'), col('sq1_2'), col('kano1_1', 'text'), col('kano1_2', 'text')]);
    const { family, warnings } = choosePairFamily(families, undefined, 'k.csv');
    expect(family.family).toBe('sq');
    expect(warnings.join(' ')).toMatch(/"ipa" \(1 pairs, e\.g\. ipa1_1\/ipa1_2\).*pairs: 'ipa'/);
    expect(warnings.join(' ')).toMatch(/"kano"/);
    expect(warnings.join(' ')).toMatch(/suffix _1 was read as the expectation and _2 as the perception/);
    expect(choosePairFamily(families, 'ipa', 'k.csv').family.family).toBe('ipa');
    expect(() => choosePairFamily(families, 'kano', 'k.csv')).toThrow(/do not hold numbers/);
    expect(() => choosePairFamily(families, 'zz', 'k.csv')).toThrow(/no pair columns with the prefix "zz"/);
  });

  it('keeps the stem up to a single separator before the side word', () => {
    expect(pairPart('a"; DROP TABLE orders;--_exp')).toMatchObject({ item: 'a"; DROP TABLE orders;--', side: 'expectation' });
    expect(pairPart('a"; DROP TABLE orders;--_perc')).toMatchObject({ item: 'a"; DROP TABLE orders;--', side: 'perception' });
    expect(pairPart('Speed - exp')).toMatchObject({ item: 'Speed', side: 'expectation' });
    expect(pairPart('q1__exp')).toMatchObject({ item: '1', family: 'q' });
  });

  it('reads the classic terse codings E1/P1, exp1/perc1 and Q1E/Q1P as numbered pairs', () => {
    expect(pairPart('E1')).toMatchObject({ item: '1', family: 'ep', side: 'expectation' });
    expect(pairPart('P22')).toMatchObject({ item: '22', family: 'ep', side: 'perception' });
    expect(pairPart('exp1')).toMatchObject({ item: '1', family: 'ep', side: 'expectation' });
    expect(pairPart('perc01')).toMatchObject({ item: '1', family: 'ep', side: 'perception' });
    expect(pairPart('Expectation 3')).toMatchObject({ item: '3', family: 'ep', side: 'expectation' });
    expect(pairPart('Q1E')).toMatchObject({ item: '1', family: 'q', side: 'expectation' });
    expect(pairPart('q12p')).toMatchObject({ item: '12', family: 'q', side: 'perception' });
    const ep = Array.from({ length: 22 }, (_, i) => [col(`E${i + 1}`), col(`P${i + 1}`)]).flat();
    const families = findPairFamilies([col('id'), ...ep]);
    expect(families.map((f) => [f.family, f.pairs.length])).toEqual([['ep', 22]]);
    expect(families[0]!.pairs[21]).toEqual({ item: '22', expectation: 'E22', perception: 'P22' });
    expect(findPairFamilies([col('Q1E'), col('Q1P'), col('Q2E'), col('Q2P')]).map((f) => [f.family, f.pairs.length])).toEqual([['q', 2]]);
    // One terse pair could be anything (a column E1 beside P1): at least two are needed.
    expect(findPairFamilies([col('E1'), col('P1')])).toEqual([]);
  });

  it('never makes a one-pair wide family of a generic stem (score, value, puntaje...)', () => {
    for (const [e, p] of [['expectation_score', 'perception_score'], ['exp_value', 'perc_value'], ['puntaje_expectativa', 'puntaje_percepcion'], ['E_mean', 'P_mean']]) {
      expect(findPairFamilies([col(e!), col(p!)]), e).toEqual([]);
    }
    // A stem that is an item still makes one.
    expect(findPairFamilies([col('exp_speed'), col('perc_speed')]).map((f) => f.pairs.length)).toEqual([1]);
  });

  it('with no preferred family, takes the first numeric one', () => {
    const families = findPairFamilies([col('abc1_1'), col('abc1_2'), col('xyz1_1'), col('xyz1_2')]);
    expect(choosePairFamily(families, undefined).family.family).toBe('abc');
  });
});

describe('the survey shape', () => {
  it('long: respondent, item, dimension, expectation, perception by their names in several languages; gap column ignored', () => {
    const d = decideSurvey([col('respondent_id'), col('item'), col('dimension_6factor_cfa', 'text'), col('expectation'), col('perception'), col('gap_p_minus_e')]);
    expect(d.shape).toBe('long');
    expect(d.mapping).toEqual({ respondent: 'respondent_id', item: 'item', dimension: 'dimension_6factor_cfa', expectation: 'expectation', perception: 'perception' });
    expect(d.attributes).toEqual([]);
    expect(d.ignored).toEqual(['gap_p_minus_e']);
    expect(d.warnings[0]).toMatch(/gap_p_minus_e.*not loaded/);
    const pt = decideSurvey([col('Respondente', 'text'), col('Pergunta', 'text'), col('Expectativa'), col('Percepção'), col('Idade')]);
    expect(pt.mapping).toEqual({ respondent: 'Respondente', item: 'Pergunta', expectation: 'Expectativa', perception: 'Percepção' });
    expect(pt.attributes).toEqual(['Idade']);
    const es = decideSurvey([col('encuestado'), col('pregunta'), col('expectativa'), col('percepcion'), col('importancia')]);
    expect(es.mapping).toMatchObject({ respondent: 'encuestado', item: 'pregunta', importance: 'importancia' });
    const fr = decideSurvey([col('repondant'), col('question'), col('attente'), col('perception')]);
    expect(fr.mapping).toMatchObject({ respondent: 'repondant', expectation: 'attente' });
    const ms = decideSurvey([col('responden'), col('soalan'), col('jangkaan'), col('persepsi')]);
    expect(ms.mapping).toMatchObject({ respondent: 'responden', item: 'soalan', expectation: 'jangkaan', perception: 'persepsi' });
  });

  it('long with pair-shaped score columns (expectation_score, exp_value, puntaje_expectativa) or noted headers (Expectativa (E))', () => {
    const en = decideSurvey([col('respondent'), col('item'), col('dimension', 'text'), col('expectation_score'), col('perception_score')]);
    expect(en).toMatchObject({ shape: 'long', mapping: { respondent: 'respondent', item: 'item', dimension: 'dimension', expectation: 'expectation_score', perception: 'perception_score' } });
    const ev = decideSurvey([col('respondent'), col('item'), col('exp_value'), col('perc_value')]);
    expect(ev).toMatchObject({ shape: 'long', mapping: { expectation: 'exp_value', perception: 'perc_value' } });
    const es = decideSurvey([col('encuestado'), col('pregunta'), col('puntaje_expectativa'), col('puntaje_percepcion')]);
    expect(es).toMatchObject({ shape: 'long', mapping: { respondent: 'encuestado', item: 'pregunta', expectation: 'puntaje_expectativa', perception: 'puntaje_percepcion' } });
    const noted = decideSurvey([col('Encuestado'), col('Pregunta'), col('Expectativa (E)'), col('Percepción (P)')]);
    expect(noted).toMatchObject({ shape: 'long', mapping: { expectation: 'Expectativa (E)', perception: 'Percepción (P)' } });
    // One (non-generic) pair beside an item column: still long, the pair is its two scores.
    const one = decideSurvey([col('respondent'), col('item'), col('exp_speed'), col('perc_speed')]);
    expect(one).toMatchObject({ shape: 'long', mapping: { expectation: 'exp_speed', perception: 'perc_speed' } });
    // Several pairs are items, even beside an item-like column.
    expect(decideSurvey([col('respondent'), col('item', 'text'), col('q1_exp'), col('q1_perc'), col('q2_exp'), col('q2_perc')]).shape).toBe('wide');
  });

  it('respondent columns in several spellings', () => {
    for (const name of ['resp_id', 'respondent_no', 'Respondent No.', 'participant', 'participante', 'peserta', 'ID Peserta', 'participant_number']) {
      expect(decideSurvey([col(name, 'text'), col('item'), col('expectation'), col('perception')]).mapping.respondent, name).toBe(name);
    }
  });

  it('a respondent column unique per row while items repeat is a row id: the customer id instead, else an error', () => {
    const cols = [col('id'), col('customer_id'), col('item'), col('expectation'), col('perception')];
    const d = decideSurvey(cols);
    if (d.shape !== 'long') throw new Error('long expected');
    expect(d.mapping.respondent).toBe('id');
    const names = cols.map((c) => c.name);
    const rowId = { values: 150, distinct: 150 };
    const items = { values: 150, distinct: 5 };
    const fixed = checkLongRespondent(d, { respondent: rowId, item: items, customer_id: { values: 150, distinct: 30 } }, names, 's.csv');
    expect(fixed.mapping).toMatchObject({ respondent: 'customer_id', customer_id: 'customer_id' });
    expect(fixed.attributes).toEqual(['id']);
    expect(fixed.warnings.join(' ')).toMatch(/column "id" holds a different value on each of its 150 rows while the 5 items repeat.*each customer id \("customer_id"\) is a respondent/);
    // A repeating respondent is kept; one item per survey is no reason to doubt it.
    expect(checkLongRespondent(d, { respondent: { values: 150, distinct: 30 }, item: items }, names)).toBe(d);
    expect(checkLongRespondent(d, { respondent: rowId, item: { values: 150, distinct: 1 } }, names)).toBe(d);
    // No customer id (or a unique one): stop and ask for the respondent column.
    const alone = decideSurvey([col('id'), col('item'), col('expectation'), col('perception')]);
    if (alone.shape !== 'long') throw new Error('long expected');
    expect(() => checkLongRespondent(alone, { respondent: rowId, item: items }, names, 's.csv')).toThrow(
      /s\.csv: column "id", read as the respondent, holds a different value on each of its 150 rows.*Name the column that identifies the respondent/,
    );
    expect(() => checkLongRespondent(d, { respondent: rowId, item: items, customer_id: rowId }, names, 's.csv')).toThrow(/Name the column/);
  });

  it('the respondent check\'s messages say that an explicitly mapped respondent overrides it (a split-sample design)', () => {
    const d = decideSurvey([col('id'), col('customer_id'), col('item'), col('expectation'), col('perception')]);
    if (d.shape !== 'long') throw new Error('long expected');
    const names = ['id', 'customer_id', 'item', 'expectation', 'perception'];
    const rowId = { values: 150, distinct: 150 };
    const items = { values: 150, distinct: 5 };
    const override = /split-sample design\), map "id" as the respondent explicitly \(respondent=id, or in the survey form\): an explicitly mapped respondent is taken as given and this check is skipped/;
    expect(() => checkLongRespondent(d, { respondent: rowId, item: items, customer_id: rowId }, names, 's.csv')).toThrow(override);
    const warned = checkLongRespondent(d, { respondent: rowId, item: items, customer_id: { values: 150, distinct: 30 } }, names, 's.csv');
    expect(warned.warnings.join(' ')).toMatch(override);
  });

  it('respondent: null is no respondent column: none detected; long reads the customer id (required), wide the row number', () => {
    const store = [col('id', 'text'), col('customer', 'text'), col('item'), col('expectation'), col('perception')];
    expect(decideSurvey(store).mapping.respondent).toBe('id');
    const none = decideSurvey(store, { mapping: { respondent: null } }, 's.csv');
    if (none.shape !== 'long') throw new Error('long expected');
    expect(none.mapping).toEqual({ respondent: 'customer', customer_id: 'customer', item: 'item', expectation: 'expectation', perception: 'perception' });
    expect(none.attributes).toEqual(['id']);
    expect(none.warnings.join(' ')).toContain('s.csv has no respondent column: each customer id ("customer") is a respondent.');
    // A mapped customer id works the same way.
    const mapped = decideSurvey([col('id', 'text'), col('member', 'text'), col('item'), col('expectation'), col('perception')], { mapping: { respondent: null, customer_id: 'member' } });
    expect(mapped.mapping).toMatchObject({ respondent: 'member', customer_id: 'member' });
    // Long without a customer id: a clear error naming the columns.
    expect(() => decideSurvey([col('id', 'text'), col('item'), col('expectation'), col('perception')], { mapping: { respondent: null } }, 's.csv')).toThrow(
      /s\.csv: the mapping says there is no respondent column.*no column looks like a customer id \(columns: "id", "item", "expectation", "perception"\)/,
    );
    // Wide: no respondent, so the row number (or a customer id) is; the detected one is an attribute.
    const wide = [col('id', 'text'), col('sq1_1'), col('sq1_2'), col('sq2_1'), col('sq2_2')];
    expect(decideSurvey(wide).mapping).toEqual({ respondent: 'id' });
    const wideNone = decideSurvey(wide, { mapping: { respondent: null } });
    expect(wideNone.mapping).toEqual({});
    expect(wideNone.attributes).toEqual(['id']);
    expect(decideSurvey([...wide, col('customer_id', 'text')], { mapping: { respondent: null } }).mapping).toEqual({ customer_id: 'customer_id' });
  });

  it('importance columns only for dimensions the items have; look-alikes stay attributes with a warning', () => {
    const d = decideSurvey([col('id'), col('E_reliability'), col('P_reliability'), col('E_empathy'), col('P_empathy'), col('peso_kg'), col('imp_reliability'), col('imp_tangibles'), col('w_x')]);
    if (d.shape !== 'wide') throw new Error('wide expected');
    expect(d.importance).toEqual({ imp_reliability: 'reliability' });
    expect(d.attributes).toEqual(['peso_kg', 'imp_tangibles', 'w_x']);
    expect(d.warnings.join(' ')).toMatch(/"peso_kg", "imp_tangibles" look like importance but name no dimension of the survey's items \(reliability, empathy\)/);
    // Dimensions from the user's map and the standard 22 items count.
    const mapped = decideSurvey([col('id'), col('q1_exp'), col('q1_perc'), col('q2_exp'), col('q2_perc'), col('imp_speed')], { dimensions: { '1': 'speed', '2': 'speed' } });
    expect(mapped.shape === 'wide' && mapped.importance).toEqual({ imp_speed: 'speed' });
    const ep = Array.from({ length: 22 }, (_, i) => [col(`E${i + 1}`), col(`P${i + 1}`)]).flat();
    const std = decideSurvey([col('id'), ...ep, col('importance_tangibles'), col('peso_empatia')]);
    expect(std.shape === 'wide' && std.importance).toEqual({ importance_tangibles: 'tangibles', peso_empatia: 'empathy' });
  });

  it('wide: the pairs, the respondent, importance columns, the rest attributes', () => {
    const d = decideSurvey([col('Respondent', 'text'), col('E_reliability'), col('P_reliability'), col('E_empathy'), col('P_empathy'), col('imp_reliability'), col('importance_empathy'), col('region', 'text')]);
    expect(d.shape).toBe('wide');
    if (d.shape !== 'wide') return;
    expect(d.mapping).toEqual({ respondent: 'Respondent' });
    expect(d.pairs.map((p) => p.item)).toEqual(['reliability', 'empathy']);
    expect(d.importance).toEqual({ imp_reliability: 'reliability', importance_empathy: 'empathy' });
    expect(d.attributes).toEqual(['region']);
  });

  it('a shape forced or mapped; errors name the columns', () => {
    const cols = [col('resp'), col('q1_exp'), col('q1_perc')];
    expect(decideSurvey(cols).shape).toBe('wide');
    expect(() => decideSurvey(cols, { shape: 'long' }, 's.csv')).toThrow(/s\.csv: read as a long survey.*no column looks like .*an item.*"q1_exp".*wide shape/);
    const long = decideSurvey([col('who'), col('what'), col('before'), col('after')], { mapping: { respondent: 'who', item: 'what', expectation: 'before', perception: 'after' } });
    expect(long).toMatchObject({ shape: 'long', shapeSource: 'option' });
    expect(() => decideSurvey([col('a'), col('b')], {}, 's.csv')).toThrow(/no column looks like/);
    expect(() => decideSurvey(cols, { mapping: { item: 'nope' } }, 's.csv')).toThrow(/no such column/);
    expect(() => decideSurvey(cols, { shape: 'wide', mapping: { expectation: 'q1_exp' } }, 's.csv')).toThrow(/only the respondent and customer_id/);
  });
});

describe('the scale', () => {
  it('is the smallest usual scale holding the answers', () => {
    const inside = (values: number[]) => LIKERT_SCALES.map((s) => values.filter((v) => v >= s.min && v <= s.max).length);
    const detect = (values: number[]) => detectSurveyScale(values.length, inside(values));
    expect(detect([1, 2, 5, 3])).toEqual({ min: 1, max: 5 });
    expect(detect([1, 7, 4])).toEqual({ min: 1, max: 7 });
    expect(detect([1, 10, 8])).toEqual({ min: 1, max: 10 });
    expect(detect([0, 10, 8])).toEqual({ min: 0, max: 10 });
    expect(detect([0, 3, 5])).toEqual({ min: 0, max: 10 });
    // A typo among many answers is off the scale, not a reason for a larger one.
    expect(detect([...Array(99).fill(4), 44])).toEqual({ min: 1, max: 5 });
    expect(detect([1, 50, 100])).toBeNull();
    expect(detectSurveyScale(0, [0, 0, 0, 0])).toBeNull();
  });

  it('a larger scale only when its extra points are really used', () => {
    const inside = (values: number[]) => LIKERT_SCALES.map((s) => values.filter((v) => v >= s.min && v <= s.max).length);
    const counts = (values: number[]) => [...new Set(values)].map((value) => ({ value, n: values.filter((v) => v === value).length }));
    const detect = (values: number[]) => detectSurveyScale(values.length, inside(values), counts(values));
    const cycle = (n: number, from: number, to: number) => Array.from({ length: n }, (_, i) => from + (i % (to - from + 1)));
    // One typo 6 among 2,002 answers of a 1-5 survey; one 0 (an N/A code) among 1..4 answers.
    expect(detect([...cycle(2001, 1, 5), 6])).toEqual({ min: 1, max: 5 });
    expect(detect([...cycle(399, 1, 4), 0])).toEqual({ min: 1, max: 5 });
    // Real 1-7 answers, even with few 6s and 7s; 0-10 answers with many zeros.
    expect(detect(cycle(700, 1, 7))).toEqual({ min: 1, max: 7 });
    expect(detect([...cycle(970, 1, 5), ...Array(15).fill(6), ...Array(15).fill(7)])).toEqual({ min: 1, max: 7 });
    expect(detect(cycle(1100, 0, 10))).toEqual({ min: 0, max: 10 });
    expect(detect([...cycle(900, 1, 10), ...Array(100).fill(0)])).toEqual({ min: 0, max: 10 });
    // 1.5% of 6s: under 2%, and one value only: off the scale.
    expect(detect([...cycle(985, 1, 5), ...Array(15).fill(6)])).toEqual({ min: 1, max: 5 });
    // 1-5 holds 98%, yet 6 and 7 are each used by 1%: the scale is 1-7, nothing rejected.
    expect(detect([...cycle(980, 1, 5), ...Array(10).fill(6), ...Array(10).fill(7)])).toEqual({ min: 1, max: 7 });
  });

  it('one typo cannot widen the scale for any number of answers from 10 on (12, 40, 2,002 and every n to 300)', () => {
    const inside = (values: number[]) => LIKERT_SCALES.map((s) => values.filter((v) => v >= s.min && v <= s.max).length);
    const counts = (values: number[]) => [...new Set(values)].map((value) => ({ value, n: values.filter((v) => v === value).length }));
    const detect = (values: number[]) => detectSurveyScale(values.length, inside(values), counts(values));
    const cycle = (n: number, from: number, to: number) => Array.from({ length: n }, (_, i) => from + (i % (to - from + 1)));
    // The reviewer's cases: one 6 among 1-5 scores; 39 of 40 is under 98%, yet one typo is one typo.
    expect(detect([...cycle(11, 1, 5), 6])).toEqual({ min: 1, max: 5 });
    expect(detect([...cycle(39, 1, 5), 6])).toEqual({ min: 1, max: 5 });
    expect(detect([...cycle(2001, 1, 5), 6])).toEqual({ min: 1, max: 5 });
    for (let n = 10; n <= 300; n++) {
      for (const typo of [0, 6, 7, 8, 10, 44]) expect(detect([...cycle(n - 1, 1, 5), typo]), `1-5, n=${n}, typo ${typo}`).toEqual({ min: 1, max: 5 });
      for (const typo of [0, 8, 10, 44]) expect(detect([...cycle(n - 1, 1, 7), typo]), `1-7, n=${n}, typo ${typo}`).toEqual({ min: 1, max: 7 });
      expect(detect([...cycle(n - 1, 1, 10), 0]), `1-10, n=${n}`).toEqual({ min: 1, max: 10 });
      // Two answers on the larger scale's points are not one typo: 12 answers with two 6s are 1-7.
      if (n < 100) expect(detect([...cycle(n - 2, 1, 5), 6, 7]), `1-5 and 6, 7, n=${n}`).toEqual({ min: 1, max: 7 });
    }
    // Under 10 answers every answer must fit: 1, 7, 4 is 1-7.
    expect(detect([1, 7, 4])).toEqual({ min: 1, max: 7 });
    // A stray answer beside a real one does not make a typo count twice: 98 on 1-5, one 6, one 10 stay 1-5.
    expect(detect([...cycle(98, 1, 5), 6, 10])).toEqual({ min: 1, max: 5 });
  });
});

describe('dimensions', () => {
  const seen = (items: string[], dims: (string | null)[] = []) => items.map((item, i) => ({ item, fileDimension: dims[i] ?? null }));

  it('the user map wins; then the file column (blank: unassigned)', () => {
    const d = decideDimensions(seen(['1', '2', '9'], ['tangibles', 'empathy', null]), true, { '2': 'assurance' });
    expect(d.items).toEqual([
      { item: '1', dimension: 'tangibles', source: 'column' },
      { item: '2', dimension: 'assurance', source: 'option' },
      { item: '9', dimension: UNASSIGNED_DIMENSION, source: 'unassigned' },
    ]);
    expect(d.warnings.join(' ')).toMatch(/No dimension for item 9.*dimension map.*option dimensions.*--dimensions FILE/);
    expect(d.warnings.join(' ')).not.toMatch(/--map/);
  });

  it('items named after a SERVQUAL dimension, in several languages', () => {
    expect(servqualDimensionOf('Reliability_2')).toBe('reliability');
    expect(servqualDimensionOf('empatia 3')).toBe('empathy');
    expect(servqualDimensionOf('Tangíveis')).toBe('tangibles');
    expect(servqualDimensionOf('speed')).toBeNull();
    const d = decideDimensions(seen(['reliability', 'responsiveness_2', 'speed']), false, undefined);
    expect(d.items.map((i) => [i.dimension, i.source])).toEqual([['reliability', 'name'], ['responsiveness', 'name'], ['unassigned', 'unassigned']]);
  });

  it('items exactly 1..22: the standard SERVQUAL assignment, with a warning; 1..24: unassigned', () => {
    const items22 = Array.from({ length: 22 }, (_, i) => String(i + 1));
    const d = decideDimensions(seen(items22), false, undefined);
    expect(d.items.map((i) => i.dimension)).toEqual(items22.map((i) => SERVQUAL_22_ITEMS[i]));
    expect(d.warnings[0]).toMatch(/standard SERVQUAL assignment/);
    const d24 = decideDimensions(seen([...items22, '23', '24']), false, undefined);
    expect(new Set(d24.items.map((i) => i.dimension))).toEqual(new Set([UNASSIGNED_DIMENSION]));
  });

  it('reads an item -> dimension map from a CSV with extra columns and quoted text', () => {
    const csv = 'item,dimension_6factor_cfa,statement\n1,usefulness_reliability,"accurate, as intended"\n9,,any time\n10,economy,"reduces ""waiting"""\n';
    expect(readDimensionMap(csv)).toEqual({ '1': 'usefulness_reliability', '9': UNASSIGNED_DIMENSION, '10': 'economy' });
    expect(readDimensionMap('q1;tangibles\nq2;empathy\n')).toEqual({ q1: 'tangibles', q2: 'empathy' });
  });

  it('gap columns are told apart', () => {
    expect(isGapColumn('gap_p_minus_e')).toBe(true);
    expect(isGapColumn('Gap')).toBe(true);
    expect(isGapColumn('perception')).toBe(false);
  });
});

describe('isSurveyFile', () => {
  it('by name', () => {
    for (const n of ['servqual_long.csv', 'survey-2024.csv', 'Questionnaire.tsv', 'inquerito.csv', 'pesquisa_clientes.csv', 'encuesta.csv', 'enquete.csv', 'kaji selidik.csv', 'kaji_selidik.csv']) {
      expect(isSurveyFile(n, null), n).toBe(true);
    }
    expect(isSurveyFile('orders.csv', null)).toBe(false);
    expect(isSurveyFile('reviews.csv', 'customer_id,score,comment')).toBe(false);
  });

  it('by header: expectation and perception, or pairs', () => {
    expect(isSurveyFile('data.csv', 'respondent_id,item,expectation,perception')).toBe(true);
    expect(isSurveyFile('data.csv', '"sex","age","sq1_1","sq1_2","sq2_1","sq2_2"')).toBe(true);
    expect(isSurveyFile('data.csv', 'id;E_reliability;P_reliability;E_empathy;P_empathy')).toBe(true);
    expect(isSurveyFile('data.csv', 'id,q1_exp,q1_perc,q2_exp,q2_perc')).toBe(true);
    expect(isSurveyFile('kiosk_clean_named.csv', '"sex","age","frequency","sq1_1","sq1_2","sq2_1","sq2_2"')).toBe(true);
    expect(isSurveyFile('data.csv', 'customer_id,order_date,amount')).toBe(false);
    expect(isSurveyFile('data.csv', 'x_e,x_p')).toBe(false);
  });

  it('by header: the classic codings E1/P1, exp1/perc1 and Q1E/Q1P', () => {
    expect(isSurveyFile('data.csv', 'respondent,E1,P1,E2,P2,E3,P3')).toBe(true);
    expect(isSurveyFile('data.csv', 'id,exp1,perc1,exp2,perc2')).toBe(true);
    expect(isSurveyFile('data.csv', 'id,Q1E,Q1P,Q2E,Q2P')).toBe(true);
    // One pair, or order-looking columns, are not a survey.
    expect(isSurveyFile('data.csv', 'id,E1,P1')).toBe(false);
    expect(isSurveyFile('data.csv', 'customer_id,p1,p2,amount')).toBe(false);
  });
});
