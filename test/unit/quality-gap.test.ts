import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNG_LABELS } from '../../src/analytics/ladder.js';
import { QualityWeightsError, type GapStat, type QualityGapResult } from '../../src/analytics/quality.js';
import { Dataset } from '../../src/data/dataset.js';
import { forgetTablePresence } from '../../src/data/table-presence.js';
import type { Engine } from '../../src/data/engine/engine.js';
import { text, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';

/**
 * The gap SQL on the real engine, over survey tables made here with the canonical schema
 * (docs: CONTRACT / analytics/quality.ts), on a case small enough to compute by hand:
 *
 *            tangibles (t1, t2)        reliability (rel1)   importance (100 points)
 *   r1 (A)   t1 5->4, t2 4->4            5->2                 tangibles 40, reliability 60
 *   r2 (B)   t1 3->4, t2 5->3            4->4                 50, 50
 *   r3 (Z)   t1 4->2, t2 not answered    5->4                 20, 80
 *
 * Item gaps: t1 -1, 1, -2 (mean -2/3); t2 0, -2 (mean -1); rel1 -3, 0, -1 (mean -4/3).
 * Tangibles per respondent: -0.5, -0.5, -2 (mean -1). Overall with the respondents' points:
 * r1 .4(-0.5) + .6(-3) = -2; r2 .5(-0.5) + .5(0) = -0.25; r3 .2(-2) + .8(-1) = -1.2; mean -1.15.
 */
const SURVEY_ROWS = `
  ('r1', 'A', 't1', 1, 'tangibles', 5, 4, NULL, 2), ('r1', 'A', 't2', 2, 'tangibles', 4, 4, NULL, 2),
  ('r1', 'A', 'rel1', 3, 'reliability', 5, 2, NULL, 2),
  ('r2', 'B', 't1', 1, 'tangibles', 3, 4, NULL, 3), ('r2', 'B', 't2', 2, 'tangibles', 5, 3, NULL, 3),
  ('r2', 'B', 'rel1', 3, 'reliability', 4, 4, NULL, 3),
  ('r3', 'Z', 't1', 1, 'tangibles', 4, 2, NULL, 4), ('r3', 'Z', 'rel1', 3, 'reliability', 5, 4, NULL, 4)`;

interface SurveyCase {
  /** Extra survey rows (SQL tuples). */
  extra?: string;
  importance?: boolean;
  customerIds?: boolean;
}

async function makeSurvey(engine: Engine, c: SurveyCase = {}): Promise<void> {
  const { extra = '', importance = true, customerIds = true } = c;
  await engine.query(`CREATE OR REPLACE TABLE survey (respondent VARCHAR NOT NULL, customer_id VARCHAR, item VARCHAR NOT NULL,
    item_order INTEGER NOT NULL, dimension VARCHAR NOT NULL, expectation DOUBLE NOT NULL, perception DOUBLE NOT NULL,
    importance DOUBLE, line BIGINT NOT NULL)`);
  await engine.query(`INSERT INTO survey VALUES ${SURVEY_ROWS}${extra}`);
  if (!customerIds) await engine.query(`UPDATE survey SET customer_id = NULL`);
  await engine.query(`DROP TABLE IF EXISTS survey_importance`);
  if (importance) {
    await engine.query(`CREATE TABLE survey_importance (respondent VARCHAR NOT NULL, dimension VARCHAR NOT NULL, importance DOUBLE NOT NULL)`);
    await engine.query(`INSERT INTO survey_importance VALUES ('r1', 'tangibles', 40), ('r1', 'reliability', 60),
      ('r2', 'tangibles', 50), ('r2', 'reliability', 50), ('r3', 'tangibles', 20), ('r3', 'reliability', 80)`);
  }
  await engine.query(`CREATE OR REPLACE TABLE survey_respondents (respondent VARCHAR NOT NULL, customer_id VARCHAR, line BIGINT NOT NULL,
    "sex" VARCHAR, "visit ""kind""" VARCHAR, "note" VARCHAR)`);
  await engine.query(`INSERT INTO survey_respondents SELECT respondent, any_value(customer_id), min(line),
      CASE respondent WHEN 'r2' THEN 'm' WHEN 'r4' THEN ' ' ELSE 'f' END, 'walk-in', 'note of ' || respondent
    FROM survey GROUP BY respondent`);
  await engine.query(`CREATE OR REPLACE TABLE survey_meta (scale_min DOUBLE NOT NULL, scale_max DOUBLE NOT NULL, shape VARCHAR NOT NULL, file VARCHAR)`);
  await engine.query(`INSERT INTO survey_meta VALUES (1, 5, 'long', 'survey.csv')`);
  // Made by hand, not by a load: the dataset asks the engine which tables it holds again.
  forgetTablePresence(engine);
}

/** t(0.975, 2) and t(0.975, 1), from the tables. */
const T2 = 4.302653;
const T1 = 12.706205;

function expectStat(s: GapStat, n: number, e: number, p: number, gap: number, sd: number | null, t: number | null): void {
  expect(s.n).toBe(n);
  expect(s.expectation).toBeCloseTo(e, 9);
  expect(s.perception).toBeCloseTo(p, 9);
  expect(s.gap).toBeCloseTo(gap, 9);
  if (sd === null || t === null) {
    expect([s.sd, s.ciLow, s.ciHigh]).toEqual([null, null, null]);
    return;
  }
  expect(s.sd).toBeCloseTo(sd, 9);
  expect(s.ciLow).toBeCloseTo(gap - (t * sd) / Math.sqrt(n), 5);
  expect(s.ciHigh).toBeCloseTo(gap + (t * sd) / Math.sqrt(n), 5);
}

const byName = (r: QualityGapResult) => Object.fromEntries(r.dimensions.map((d) => [d.dimension, d]));

describe('quality gap on survey tables', () => {
  let engine: Engine;
  let ds: Dataset;
  beforeAll(async () => {
    engine = await withEngine();
    ds = new Dataset(engine);
  });
  afterAll(() => ds.close());

  it('is null when no survey is loaded', async () => {
    expect(await ds.qualityGap()).toBeNull();
  });

  it('items, dimensions and the respondent-weighted overall, as computed by hand', async () => {
    await makeSurvey(engine);
    const r = (await ds.qualityGap())!;
    expect(r.scale).toEqual({ min: 1, max: 5 });
    expect(r.respondents).toBe(3);
    expect(r.linkedRespondents).toBe(0);

    expect(r.items.map((i) => [i.item, i.dimension])).toEqual([['rel1', 'reliability'], ['t2', 'tangibles'], ['t1', 'tangibles']]);
    const [rel1, t2, t1] = r.items;
    expectStat(t1!, 3, 4, 10 / 3, -2 / 3, Math.sqrt(7 / 3), T2);
    expectStat(t2!, 2, 4.5, 3.5, -1, Math.SQRT2, T1);
    expect(t2!.ciLow).toBeCloseTo(-13.7062, 4);
    expect(t2!.ciHigh).toBeCloseTo(11.7062, 4);
    expectStat(rel1!, 3, 14 / 3, 10 / 3, -4 / 3, Math.sqrt(7 / 3), T2);

    expect(r.dimensions.map((d) => d.dimension)).toEqual(['reliability', 'tangibles']);
    const d = byName(r);
    // Tangibles: respondent means -0.5 (E 4.5, P 4), -0.5 (E 4, P 3.5), -2 (E 4, P 2).
    expectStat(d.tangibles!, 3, 12.5 / 3, 9.5 / 3, -1, Math.sqrt(0.75), T2);
    expectStat(d.reliability!, 3, 14 / 3, 10 / 3, -4 / 3, Math.sqrt(7 / 3), T2);
    expect(d.tangibles!.items).toBe(2);
    expect(d.reliability!.items).toBe(1);
    // Effective weights: tangibles (0.4 + 0.5 + 0.2) / 3.
    expect(d.tangibles!.weight).toBeCloseTo(1.1 / 3, 12);
    expect(d.reliability!.weight).toBeCloseTo(1.9 / 3, 12);

    // Overall: -2, -0.25, -1.2; expectation 4.8, 4, 4.8; perception 2.8, 3.75, 3.6.
    expect(r.overall.weighting).toBe('respondent');
    expectStat(r.overall, 3, 13.6 / 3, 10.15 / 3, -1.15, Math.sqrt(0.7675), T2);
    expect(r.overall.ciLow).toBeCloseTo(-1.15 - 2.17628, 4);
    expect(r.messages[0]).toMatch(/each respondent's own importance/);
    expect(r.groups).toBeNull();
    // sex splits in two; "visit ""kind""" has one value and note one per respondent (near-unique): not offered.
    expect(r.groupOptions).toEqual([{ by: 'sex', label: 'sex', groups: 2 }]);
  });

  it('no importance: every dimension counts the same', async () => {
    await makeSurvey(engine, { importance: false });
    const r = (await ds.qualityGap())!;
    // -1.75, -0.25, -1.5
    expect(r.overall.weighting).toBe('equal');
    expect(r.overall.gap).toBeCloseTo(-3.5 / 3, 12);
    expect(r.dimensions.map((d) => d.weight)).toEqual([0.5, 0.5]);
    expect(r.messages).toContain('No importance in the survey: every dimension counts the same.');

    // Unplaced items keep their gap but stay out of an equal-weight overall...
    await makeSurvey(engine, { importance: false, extra: `, ('r1', 'A', 'u1', 4, 'unassigned', 2, 5, NULL, 2)` });
    const u = (await ds.qualityGap())!;
    expect(u.overall.gap).toBeCloseTo(-3.5 / 3, 12);
    expect(byName(u).unassigned).toMatchObject({ gap: 3, weight: 0, items: 1 });
    expect(u.messages).toContain("1 item belongs to no dimension (shown as 'unassigned'): u1; they have gaps of their own but do not count in the overall score.");
    // ...unless nothing is placed.
    await engine.query(`UPDATE survey SET dimension = 'unassigned'`);
    const none = (await ds.qualityGap())!;
    expect(none.dimensions.map((d) => [d.dimension, d.weight])).toEqual([['unassigned', 1]]);
    expect(none.overall.gap).toBeCloseTo(none.dimensions[0]!.gap, 12);
  });

  it('given weights win over the survey, matched to the dimensions regardless of case', async () => {
    await makeSurvey(engine);
    const r = (await ds.qualityGap({ weights: { Tangibles: 1, RELIABILITY: 3, speed: 2 } }))!;
    // .25/.75: -2.375, -0.125, -1.25
    expect(r.overall.weighting).toBe('given');
    expect(r.overall.gap).toBeCloseTo(-1.25, 12);
    expect(byName(r).tangibles!.weight).toBeCloseTo(0.25, 12);
    expect(r.messages[0]).toBe("Overall score weighted by the given weights: tangibles 25%, reliability 75% (they replace the respondents' own importance).");
    expect(r.messages).toContain('A weight is given for "speed", but no item belongs to that dimension: it is ignored.');
    // The item and dimension figures do not depend on weights.
    expect(byName(r).tangibles!.gap).toBeCloseTo(-1, 12);

    const only = (await ds.qualityGap({ weights: { tangibles: 5 } }))!;
    expect(only.overall.gap).toBeCloseTo(-1, 12);
    expect(only.overall.n).toBe(3);
    expect(byName(only).reliability!.weight).toBe(0);
    expect(only.messages).toContain('No weight for reliability: it does not count in the overall score.');

    await expect(ds.qualityGap({ weights: { speed: 1 } })).rejects.toThrow(QualityWeightsError);
    await expect(ds.qualityGap({ weights: { speed: 1 } })).rejects.toThrow(/its dimensions are reliability, tangibles/);
    await expect(ds.qualityGap({ weights: { tangibles: -1 } })).rejects.toThrow(/0 or more/);
  });

  it('a respondent who gave no importance counts their dimensions the same; unassigned items said', async () => {
    // r4: t1 5->5 (0), rel1 3->4 (+1): equal weights -> 0.5. u1 answered by r1 only.
    await makeSurvey(engine, {
      extra: `, ('r4', NULL, 't1', 1, 'tangibles', 5, 5, NULL, 5), ('r4', NULL, 'rel1', 3, 'reliability', 3, 4, NULL, 5),
        ('r1', 'A', 'u1', 4, 'unassigned', 2, 5, NULL, 2)`,
    });
    const r = (await ds.qualityGap())!;
    expect(r.respondents).toBe(4);
    // r1 now has three dimensions but importance for two: unassigned weighs 0 for r1.
    expect(r.overall.gap).toBeCloseTo((-2 - 0.25 - 1.2 + 0.5) / 4, 12);
    expect(byName(r).unassigned!.weight).toBe(0);
    expect(byName(r).tangibles!.weight).toBeCloseTo((0.4 + 0.5 + 0.2 + 0.5) / 4, 12);
    const u1 = r.items.find((i) => i.item === 'u1')!;
    expect(r.items[r.items.length - 1]).toBe(u1);
    expectStat(u1, 1, 2, 5, 3, null, null);
    expect(r.messages).toEqual([
      "Overall score weighted by each respondent's own importance of the dimensions, over the dimensions they answered.",
      'The survey has customer ids, but no orders or customer list is loaded: load them to split the gaps by segment or rung.',
      "1 of 4 respondents gave no importance: that respondent is weighted equally, every dimension answered counting the same but 'unassigned', which counts 0 (as with no importance at all).",
      "1 item belongs to no dimension (shown as 'unassigned'): u1; they count in the overall score only as far as respondents gave importance to 'unassigned'.",
      '1 item has fewer than 2 answers: no confidence interval.',
    ]);
  });

  it("a respondent without importance is weighted equally but not on 'unassigned', as equal weighting does", async () => {
    // r4 gave no importance: t1 0, rel1 +1, u1 3->1 (-2). Equal weighting without 'unassigned': 0.5 (with it: -1/3).
    await makeSurvey(engine, {
      extra: `, ('r4', NULL, 't1', 1, 'tangibles', 5, 5, NULL, 5), ('r4', NULL, 'rel1', 3, 'reliability', 3, 4, NULL, 5),
        ('r4', NULL, 'u1', 4, 'unassigned', 3, 1, NULL, 5), ('r5', NULL, 'u1', 4, 'unassigned', 2, 2, NULL, 6)`,
    });
    const r = (await ds.qualityGap())!;
    expect(r.overall.weighting).toBe('respondent');
    expect(r.respondents).toBe(5);
    // r5 answered only an unassigned item: out of the overall, as with equal weighting.
    expect(r.overall.n).toBe(4);
    expect(r.overall.gap).toBeCloseTo((-2 - 0.25 - 1.2 + 0.5) / 4, 12);
    expect(byName(r).unassigned!.weight).toBe(0);
    expect(byName(r).reliability!.weight).toBeCloseTo((0.6 + 0.5 + 0.8 + 0.5) / 4, 12);
    expect(r.messages).toContain(
      "1 of 5 respondents gave no importance: that respondent is weighted equally, every dimension answered counting the same but 'unassigned', which counts 0 (as with no importance at all).",
    );
    expect(r.messages).toContain('1 respondent answered only items in no dimension: left out of the overall score.');

    // Split the same way: the fallback holds per group too (r4's sex is blank).
    const bySex = (await ds.qualityGap({ by: 'sex' }))!;
    const notGiven = bySex.groups!.groups.find((g) => g.group === 'not given')!;
    expect(notGiven.respondents).toBe(1);
    expect(notGiven.overall.n).toBe(1);
    expect(notGiven.overall.gap).toBeCloseTo(0.5, 12);

    // When nothing is placed, 'unassigned' is all there is and counts for everyone.
    await engine.query(`UPDATE survey SET dimension = 'unassigned'`);
    await engine.query(`DELETE FROM survey_importance`);
    await engine.query(`INSERT INTO survey_importance VALUES ('r1', 'unassigned', 10)`);
    const alone = (await ds.qualityGap())!;
    expect(alone.overall.weighting).toBe('respondent');
    expect(alone.overall.n).toBe(5);
    expect(alone.messages).toContain('4 of 5 respondents gave no importance: they are weighted equally, every dimension answered counting the same.');
  });

  it('splits by a respondent attribute, blanks as "not given"', async () => {
    await makeSurvey(engine, { extra: `, ('r4', NULL, 't1', 1, 'tangibles', 5, 5, NULL, 5)` });
    const r = (await ds.qualityGap({ by: 'sex' }))!;
    expect(r.groups!.by).toBe('sex');
    expect(r.groups!.groups.map((g) => [g.group, g.respondents])).toEqual([['f', 2], ['m', 1], ['not given', 1]]);
    const f = r.groups!.groups[0]!;
    expectStat(f.overall, 2, (4.8 + 4.8) / 2, (2.8 + 3.6) / 2, -1.6, Math.sqrt(0.32), T1);
    expect(Object.fromEntries(f.dimensions.map((d) => [d.dimension, d.gap]))).toEqual({ tangibles: -1.25, reliability: -2 });
    expect(r.groups!.groups[1]!.overall.ciLow).toBeNull();
    await expect(ds.qualityGap({ by: 'age' })).rejects.toThrow('The survey has no respondent attribute "age"; it can be split by sex.');
    // Any attribute column can be asked for, offered or not.
    expect((await ds.qualityGap({ by: 'note' }))!.groups!.groups).toHaveLength(4);
    // A quoted column name is an identifier, never SQL.
    const odd = (await ds.qualityGap({ by: 'visit "kind"' }))!;
    expect(odd.groups!.groups.map((g) => g.group)).toEqual(['walk-in']);
  });

  it('no customer ids: linkedRespondents null, no segment split', async () => {
    await makeSurvey(engine, { customerIds: false });
    const r = (await ds.qualityGap())!;
    expect(r.linkedRespondents).toBeNull();
    await expect(ds.qualityGap({ by: 'segment' })).rejects.toThrow('The survey has no customer ids, so it cannot be split by segment.');
  });

  it('customer ids but no orders: said, and no segment split', async () => {
    await makeSurvey(engine);
    const r = (await ds.qualityGap())!;
    expect(r.linkedRespondents).toBe(0);
    expect(r.messages).toContain('The survey has customer ids, but no orders or customer list is loaded: load them to split the gaps by segment or rung.');
    expect(r.groupOptions.map((o) => o.by)).not.toContain('segment');
    await expect(ds.qualityGap({ by: 'rung' })).rejects.toThrow(/needs orders loaded/);
  });
});

describe('quality gap by segment and rung', () => {
  let engine: Engine;
  let ds: Dataset;
  beforeAll(async () => {
    engine = await withEngine();
    ds = new Dataset(engine);
    loaded(await ds.load({ name: 'orders.csv', bytes: text('order_id,customer_id,order_date,amount\n1000,A,2024-12-01,100\n1001,A,2024-11-01,80\n1002,B,2023-01-01,50\n') }));
    await makeSurvey(engine);
  });
  afterAll(() => ds.close());

  it('links respondents to customers; the unlinked are a group of their own', async () => {
    const r = (await ds.qualityGap({ by: 'segment' }))!;
    expect(r.linkedRespondents).toBe(2);
    const rfm = await ds.rfm();
    const segmentOf = Object.fromEntries(rfm.customers.map((c) => [c.customer_id, c.segment]));
    const groups = Object.fromEntries(r.groups!.groups.map((g) => [g.group, g]));
    expect(r.groups!.groups[r.groups!.groups.length - 1]!.group).toBe('not linked');
    expect(groups['not linked']!.respondents).toBe(1);
    expect(groups['not linked']!.overall.gap).toBeCloseTo(-1.2, 12);
    if (segmentOf.A === segmentOf.B) expect(groups[segmentOf.A!]!.respondents).toBe(2);
    else {
      expect(groups[segmentOf.A!]!.overall.gap).toBeCloseTo(-2, 12);
      expect(groups[segmentOf.B!]!.overall.gap).toBeCloseTo(-0.25, 12);
    }
    expect(r.messages).toContain('1 of 3 respondents is not linked to a known customer: grouped as "not linked".');
    expect(r.groupOptions.slice(0, 2).map((o) => o.by)).toEqual(['segment', 'rung']);
    expect(r.groupOptions[0]!.groups).toBe(r.groups!.groups.length);
  });

  it('by rung, with the ladder labels', async () => {
    const r = (await ds.qualityGap({ by: 'rung' }))!;
    const members = await ds.ladderMembers();
    const rungOf = Object.fromEntries(members.map((m) => [m.customer_id, RUNG_LABELS[m.rung]]));
    const names = r.groups!.groups.map((g) => g.group);
    expect(names).toContain(rungOf.A);
    expect(names).toContain(rungOf.B);
    expect(names[names.length - 1]).toBe('not linked');
    expect(r.groups!.label).toBe('Ladder rung');
    expect(r.groupOptions.find((o) => o.by === 'rung')!.groups).toBe(names.length);
  });
});

/**
 * A selection restricts the moments only: the weighting and the dimensions are the survey's.
 * B (respondent r2) is the only customer in "Old" and gave no importance; r1 (A) also answered
 * an empathy item nobody else did.
 */
describe('quality gap over a selection: weighting and dimensions decided over the whole survey', () => {
  let engine: Engine;
  let ds: Dataset;
  beforeAll(async () => {
    engine = await withEngine();
    ds = new Dataset(engine);
    loaded(await ds.load({ name: 'orders.csv', bytes: text('order_id,customer_id,order_date,amount\n1000,A,2024-12-01,100\n1001,A,2024-11-01,80\n1002,B,2023-01-01,50\n') }));
    await makeSurvey(engine, { extra: `, ('r1', 'A', 'emp1', 4, 'empathy', 5, 3, NULL, 2)` });
    await engine.query(`DELETE FROM survey_importance WHERE respondent = 'r2'`);
    await ds.scoreOverview({
      method: 'fixed',
      breaks: { recency: [30, 60], frequency: [2, 3], monetary: [100, 200] },
      segments: [
        { name: 'Recent', r: [3, 3], f: [1, 3], m: [1, 3] },
        { name: 'Old', r: [1, 2], f: [1, 3], m: [1, 3] },
      ],
      analysisDate: '2024-12-15',
    });
    expect((await ds.select({ segment: 'Old' }))?.customers).toBe(1);
  });
  afterAll(() => ds.close());

  it("keeps the respondents' importance weighting when the selected respondents gave none", async () => {
    const r = (await ds.qualityGap({ selected: true }))!;
    expect(r.respondents).toBe(1);
    expect(r.overall.weighting).toBe('respondent');
    expect(r.messages).not.toContain('No importance in the survey: every dimension counts the same.');
    expect(r.messages).toContain(
      "1 of 1 respondent gave no importance: that respondent is weighted equally, every dimension answered counting the same.",
    );
    // r2 weighted equally over what they answered: tangibles -0.5, reliability 0.
    expect(r.overall.gap).toBeCloseTo(-0.25, 12);
    // The moments are the selection's: empathy (answered by r1 only) has none to show.
    expect(r.dimensions.map((d) => d.dimension).sort()).toEqual(['reliability', 'tangibles']);
    expect(byName(r).tangibles!.items).toBe(2);
  });

  it('matches given weights to the dimensions of the whole survey', async () => {
    const r = (await ds.qualityGap({ selected: true, weights: { Empathy: 1, tangibles: 1 } }))!;
    expect(r.overall.weighting).toBe('given');
    expect(r.messages.join('\n')).not.toMatch(/no item belongs to that dimension/);
    expect(r.messages[1]).toMatch(/^Overall score weighted by the given weights: empathy 50%, tangibles 50% \(they replace/);
    // r2 answered no empathy item: their overall is their tangibles gap.
    expect(r.overall.gap).toBeCloseTo(-0.5, 12);
  });
});

/**
 * Which respondent attributes are offered as splits (GROUP_ATTRIBUTE_RULES), on 40 respondents
 * with one answer each and attributes of every kind: demographics, free text, near-unique ids,
 * a question battery, a constant, a 39/1 split, and more small ones than the 8 shown.
 */
describe('quality gap group options', () => {
  let engine: Engine;
  let ds: Dataset;
  const ATTRIBUTES: [string, string][] = [
    ['age_group', `['18-29', '30-44', '45+'][i % 3 + 1]`],
    ['comment', `'I would like the kiosk to be much faster at lunchtime, really ' || (i % 3)`],
    ['email', `'user' || i || '@example.org'`],
    ['kano1', `CASE WHEN i % 2 = 0 THEN 'like' ELSE 'dislike' END`],
    ['kano2', `CASE WHEN i % 2 = 0 THEN 'like' ELSE 'must-be' END`],
    ['kano3', `CASE WHEN i % 2 = 0 THEN 'neutral' ELSE 'dislike' END`],
    ['Region', `['north', 'south', 'east', 'west'][i % 4 + 1]`],
    ['ticket', `CASE WHEN i <= 14 THEN 'T' || (i % 12) END`],
    ['country', `'PT'`],
    ['site', `CASE WHEN i = 1 THEN 'B' ELSE 'A' END`],
    ['colour', `CAST(i % 2 AS VARCHAR)`],
    ['weather', `CAST(i % 4 AS VARCHAR)`],
    ['mood', `CAST(i % 3 AS VARCHAR)`],
    ['visitKind', `CAST(i % 4 AS VARCHAR)`],
    ['shift', `CAST(i % 2 AS VARCHAR)`],
    ['payment', `CAST(i % 3 AS VARCHAR)`],
    ['CUSTOMER_TYPE', `CAST(i % 5 AS VARCHAR)`],
    ['store_type', `CAST(i % 2 AS VARCHAR)`],
    ['Sexo', `CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END`],
  ];
  beforeAll(async () => {
    engine = await withEngine();
    ds = new Dataset(engine);
    await engine.query(`CREATE TABLE survey AS SELECT 'r' || i AS respondent, CAST(NULL AS VARCHAR) AS customer_id, 't1' AS item,
      1 AS item_order, 'tangibles' AS dimension, CAST(4 AS DOUBLE) AS expectation, CAST(i % 5 + 1 AS DOUBLE) AS perception,
      CAST(NULL AS DOUBLE) AS importance, CAST(i + 1 AS BIGINT) AS line FROM range(1, 41) t(i)`);
    await engine.query(`CREATE TABLE survey_respondents AS SELECT 'r' || i AS respondent, CAST(NULL AS VARCHAR) AS customer_id,
      CAST(i + 1 AS BIGINT) AS line, ${ATTRIBUTES.map(([name, sql]) => `${sql} AS "${name}"`).join(', ')} FROM range(1, 41) t(i)`);
    // Made by hand, not by a load: the dataset asks the engine which tables it holds again.
    forgetTablePresence(engine);
  });
  afterAll(() => ds.close());

  it('offers few-valued short attributes, not batteries, ids, free text or near-constants; demographics first when over 8', async () => {
    const r = (await ds.qualityGap())!;
    // 11 qualify: the 4 demographic-looking ones, then the 4 with the fewest values; in column order.
    expect(r.groupOptions).toEqual([
      { by: 'age_group', label: 'age group', groups: 3 },
      { by: 'Region', label: 'Region', groups: 4 },
      { by: 'colour', label: 'colour', groups: 2 },
      { by: 'mood', label: 'mood', groups: 3 },
      { by: 'shift', label: 'shift', groups: 2 },
      { by: 'payment', label: 'payment', groups: 3 },
      { by: 'store_type', label: 'store type', groups: 2 },
      { by: 'Sexo', label: 'Sexo', groups: 2 },
    ]);
  });

  it('a split keeps `by` the column name and has the readable label', async () => {
    const r = (await ds.qualityGap({ by: 'age_group' }))!;
    expect(r.groups!.by).toBe('age_group');
    expect(r.groups!.label).toBe('age group');
    expect(r.groups!.groups.map((g) => [g.group, g.respondents])).toEqual([['18-29', 13], ['30-44', 14], ['45+', 13]]);
    // An attribute not offered can still be asked for by its column name.
    const kind = (await ds.qualityGap({ by: 'visitKind' }))!;
    expect(kind.groups!.label).toBe('visit kind');
  });
});
