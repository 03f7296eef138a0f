import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../src/analytics/notice.js';
import { QualitySplitError, QualityWeightsError } from '../../src/analytics/quality.js';
import { SelectionError } from '../../src/analytics/selection.js';
import { chartExportError } from '../../src/components/base/chart-export-messages.js';
import { errorText, noticeText } from '../../src/components/base/notices/index.js';
import { LANGUAGES, loadLanguage } from '../../src/components/base/i18n.js';
import { ANALYSIS_NOTICES } from '../../src/data/analysis-notices.js';
import { Dataset } from '../../src/data/dataset.js';
import type { Engine } from '../../src/data/engine/engine.js';
import { fixture, text, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';

// The translations are language packs loaded on demand: load them all, as an element would its own.
await Promise.all(LANGUAGES.map(loadLanguage));

/**
 * The analyses' notes and errors a reader can meet carry codes with raw values, worded in English
 * exactly as `messages` / `message`, and translate with the locale's numbers.
 */

let engine: Engine;
let dataset: Dataset;
beforeAll(async () => {
  engine = await withEngine();
  dataset = new Dataset(engine);
});
afterAll(async () => {
  await engine.close();
});

/** Orders with delivery dates: 3 on time, 3 late, 1 undelivered; review scores on all. */
const ORDERS = [
  'order_id,customer_id,order_date,amount,promised_date,delivered_date,review_score',
  '1,A,2024-01-02,10,2024-01-10,2024-01-09,5',
  '2,B,2024-01-03,10,2024-01-10,2024-01-10 18:30:00,4',
  '3,C,2024-01-05,10,2024-01-12,2024-01-15,2',
  '4,D,2024-01-06,10,2024-01-14,2024-01-20,1',
  '5,E,2024-02-01,10,2024-02-08,2024-02-09,3',
  '6,F,2024-02-02,10,2024-02-09,,',
  '7,G,2024-02-03,10,2024-02-10,2024-02-08,5',
].join('\n');

const FEEDBACK = [
  'customer_id,date,type,category,channel,comment',
  '101,2024-01-05,complaint,delivery,email,Parcel late',
  ',2024-01-20,suggestion,website,web,Add dark mode',
  '102,,complaint,delivery,phone,Broken box',
].join('\n');

/** No ⟦key⟧, no {placeholder} left, and not the English. */
function expectSaid(said: string, english: string): void {
  expect(said).not.toMatch(/⟦|\{\w+\}/);
  expect(said).not.toBe(english);
}

/** Every notice's text is the English message at the same place. */
function expectParallel(result: { messages: string[]; notices?: Notice[] }): void {
  expect(result.notices?.map((n) => n.text)).toEqual(result.messages);
}

describe('analysis notices: codes, raw values, English unchanged', () => {
  it('the delivery gap: each message a notice; counts and shares raw, the English with its fixed decimals', async () => {
    loaded(await dataset.load({ name: 'orders.csv', bytes: text(ORDERS) }));
    const gap = (await dataset.deliveryGap())!;
    expectParallel(gap);
    const [onTime, undelivered, days, scale, scores] = gap.notices!;
    expect(onTime).toMatchObject({ code: 'delivery.on-time', params: { onTime: 3, delivered: 6, share: 50, late: 3 } });
    expect(onTime!.text).toBe('3 of 6 delivered orders (50.0%) arrived on or before the promised day; 3 were late.');
    expect(undelivered).toMatchObject({ code: 'delivery.undelivered', params: { n: 1 } });
    expect(undelivered!.text).toBe(
      '1 order with a promised date has no delivery date (not delivered, or not yet) and is not counted as on time or late.',
    );
    // Late by 3, 6 and 1 days: the mean rounded as the English shows it.
    expect(days).toMatchObject({ code: 'delivery.days-late', params: { mean: 3.3, median: 3, max: 6 } });
    expect(days!.text).toMatch(/^Late orders arrived 3\.3 days late on average \(median 3, /);
    expect(scale).toMatchObject({ code: 'delivery.review-scale', params: { min: 1, max: 5, largest: 5, smallest: 1 } });
    expect(scores!.code).toBe('delivery.scores-gap-down');
    expect(scores!.params).toMatchObject({ late: 2, lateN: 3, onTime: 4.67, onTimeN: 3, gap: -2.67 });
    expect((scores!.params.ci as Notice).code).toBe('delivery.scores-ci');
    expect(scores!.text).toMatch(/^Late orders scored 2\.00 \(n 3\) against 4\.67 for on-time ones \(n 3\): a gap of -2\.67 \(95% CI -?\d+\.\d\d to -?\d+\.\d\d\)\.$/);

    const pt = noticeText(onTime, 'pt', 'pt-PT');
    expect(pt).toBe('3 de 6 encomendas entregues (50%) chegaram até ao dia prometido; atrasadas: 3.');
    const ms = noticeText(scores, 'ms', 'ms');
    expectSaid(ms, scores!.text);
    expect(ms).toContain('Pesanan lewat mendapat skor 2 (n 3) berbanding 4.67');
    // The nested interval is translated with the sentence.
    expect(noticeText(scores, 'fr', 'fr')).toContain('(IC à 95\u00a0% de ');
  });

  it('the survey gap: notes, and a split the survey cannot make, as notices', async () => {
    await dataset.loadSurvey({ name: 'survey-long.csv', bytes: fixture('survey-long.csv') });
    const gap = (await dataset.qualityGap())!;
    expectParallel(gap);
    expect(gap.notices!.map((n) => n.code)).toContain('quality.weighted-equal');

    const missing = await dataset.qualityGap({ by: 'shoe size' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(QualitySplitError);
    expect(missing).toBeInstanceOf(RangeError);
    const notice = (missing as QualitySplitError).notice;
    // The survey's customer ids match none of the orders' and its one attribute is too thin to split by: no option to offer.
    expect(notice).toEqual({ code: 'quality.split-unknown-attribute', params: { attribute: 'shoe size' }, text: 'The survey has no respondent attribute "shoe size".' });
    expect((missing as Error).message).toBe(notice.text);
    expect(errorText(missing, 'pt', 'pt-PT')).toBe('O inquérito não tem o atributo de inquirido «shoe size».');
    expectSaid(errorText(missing, 'ms', 'ms'), notice.text);
  });

  it('weights that name none of the survey\'s dimensions: a QualityWeightsError with a notice; given weights said as notes', async () => {
    const e = await dataset.qualityGap({ weights: { comfort: 1 } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QualityWeightsError);
    expect((e as QualityWeightsError).notice).toMatchObject({ code: 'quality.weights-unmatched', params: { weights: '"comfort"' } });
    expect((e as Error).message).toBe((e as QualityWeightsError).notice!.text);
    expect(errorText(e, 'es', 'es')).toMatch(/^Ninguna dimensión con peso está en la encuesta \("comfort"\); sus dimensiones son /);

    const weighted = (await dataset.qualityGap({ weights: { reliability: 3, empathy: 1, comfort: 1 } }))!;
    expectParallel(weighted);
    const codes = weighted.notices!.map((n) => n.code);
    expect(codes[0]).toBe('quality.weighted-given');
    expect(weighted.notices![0]!.params.weights).toBe('reliability 75%, empathy 25%');
    expect(codes).toContain('quality.weight-ignored');
  });

  it('a survey without customer ids cannot be split by segment: the error says it in every language', async () => {
    const d = new Dataset(engine);
    const survey = ['respondent,item,dimension,expectation,perception', 'r1,1,reliability,5,4', 'r2,1,reliability,4,4'].join('\n');
    await d.loadSurvey({ name: 'survey.csv', bytes: text(survey) });
    const e = await d.qualityGap({ by: 'segment' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QualitySplitError);
    expect((e as QualitySplitError).notice.code).toBe('quality.split-segment-no-ids');
    expect((e as Error).message).toBe('The survey has no customer ids, so it cannot be split by segment.');
    expect(errorText(e, 'fr', 'fr')).toBe('L’enquête n’a pas d’identifiants client\u00a0: elle ne peut pas être répartie par segment.');
  });

  it('the voice: notes as notices, the kinds asked for as a nested phrase', async () => {
    await dataset.loadFeedback({ name: 'feedback.csv', bytes: text(FEEDBACK) });
    const voice = (await dataset.voice())!;
    expectParallel(voice);
    const byCode = new Map(voice.notices!.map((n) => [n.code, n]));
    expect(byCode.get('voice.undated')?.params).toEqual({ n: 1 });
    expect(byCode.get('voice.no-customer-id')?.params).toEqual({ n: 1 });
    expect(byCode.get('voice.customers-not-in-orders')?.params).toEqual({ n: 2, customers: 2 });

    const compliments = (await dataset.voice({ kinds: ['compliment'] }))!;
    const said = compliments.notices!.find((n) => n.code === 'voice.none-loaded')!;
    expect(said.text).toBe('The feedback loaded has no compliments.');
    expect((said.params.kinds as Notice).code).toBe('voice.kinds-compliment');
    expect(noticeText(said, 'pt', 'pt-PT')).toBe('As opiniões carregadas não têm elogios.');

    const complaintsOnly = new Dataset(engine);
    await complaintsOnly.loadFeedback({ name: 'feedback.csv', bytes: text(FEEDBACK.split('\n').filter((l) => !l.includes('suggestion')).join('\n')) });
    const two = (await complaintsOnly.voice({ kinds: ['suggestion', 'compliment'] }))!;
    const none = two.notices!.find((n) => n.code === 'voice.none-loaded')!;
    expect(none.text).toBe('The feedback loaded has no suggestions or compliments.');
    expect((none.params.kinds as Notice).code).toBe('voice.kinds-either');
    expect(noticeText(none, 'es', 'es')).toBe('Las opiniones cargadas no tienen sugerencias o elogios.');
  });

  it('a selection that cannot be made now: a SelectionError with a notice; a malformed one stays English', async () => {
    const d = new Dataset(engine);
    loaded(await d.load({ name: 'orders.csv', bytes: text(ORDERS) }));
    const e = await d.select({ segment: 'Champions' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SelectionError);
    expect((e as SelectionError).notice).toMatchObject({ code: 'selection.segment-needs-scoring', params: { segment: 'Champions' } });
    expect((e as Error).message).toBe('Selecting the segment "Champions" needs a scoring: ask for the segments (scoreOverview) first.');
    expectSaid(errorText(e, 'ms', 'ms'), (e as Error).message);

    const cell = await d.select({ cell: { r: 5, f: 4 } }).catch((x: unknown) => x);
    expect((cell as SelectionError).notice).toMatchObject({ code: 'selection.cell-needs-scoring', params: { r: 5, f: 4 } });
    expect((cell as Error).message).toBe('Selecting the R-by-F cell (R 5, F 4) needs a scoring: ask for the segments (scoreOverview) first.');

    const malformed = await d.select('Champions' as never).catch((x: unknown) => x);
    expect(malformed).toBeInstanceOf(SelectionError);
    expect((malformed as SelectionError).notice).toBeUndefined();
    expect(errorText(malformed, 'pt')).toBe((malformed as Error).message);
  });

  it('chart export errors carry a notice; the translations leave out the function name', () => {
    const e = chartExportError('chart-export.canvas-unreadable', { reason: 'SecurityError' });
    expect(e.message).toBe('chartToPng: the canvas could not be read (SecurityError).');
    expect(e.notice).toMatchObject({ code: 'chart-export.canvas-unreadable', params: { reason: 'SecurityError' } });
    expect(errorText(e, 'pt')).toBe('Não foi possível ler o canvas (SecurityError).');
    const timeout = chartExportError('chart-export.timeout', { seconds: 15 });
    expect(timeout.message).toBe('chartToPng: the browser did not draw the chart within 15 s.');
    expect(errorText(timeout, 'fr')).toBe('Le navigateur n’a pas dessiné le graphique en 15 s.');
  });

  it('the catalog keeps the quality gap\'s name of the unassigned dimension', async () => {
    const { UNASSIGNED_DIMENSION } = await import('../../src/analytics/quality.js');
    for (const [code, message] of Object.entries(ANALYSIS_NOTICES)) {
      if (!code.includes('unassigned')) continue;
      const forms = typeof message === 'string' ? [message] : Object.values(message);
      for (const form of forms) expect(form).toContain(`'${UNASSIGNED_DIMENSION}'`);
    }
  });
});
