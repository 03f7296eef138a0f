import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/data/engine/engine.js';
import type { Notice } from '../../src/analytics/notice.js';
import { choosePairFamily, decideDimensions, findPairFamilies } from '../../src/data/ingest/detect-survey.js';
import { FEEDBACK_SURVEY_NOTICES, feedbackRejectReasonNotice, surveyRejectReasonNotice } from '../../src/data/ingest/feedback-survey-notices.js';
import { ingestOrders } from '../../src/data/ingest/ingest.js';
import { ingestFeedback } from '../../src/data/ingest/ingest-feedback.js';
import { ingestSurvey } from '../../src/data/ingest/ingest-survey.js';
import type { ColumnProfile } from '../../src/data/ingest/detect-mapping.js';
import {
  FEEDBACK_REJECT_REASONS,
  FEEDBACK_REJECT_REASON_TEXT,
  SURVEY_REJECT_REASONS,
  SURVEY_REJECT_REASON_TEXT,
  type FeedbackLoadReport,
  type SurveyLoadReport,
} from '../../src/data/ingest/types.js';
import { errorText, noticeText } from '../../src/components/base/notices/index.js';
import { feedbackSurveyNotices } from '../../src/components/base/notices/feedback-survey.js';
import { LANGUAGES, loadLanguage } from '../../src/components/base/i18n.js';
import { fixture, text, withEngine } from '../helpers/engine.js';
import { ingestError } from '../helpers/ingest.js';

// The translations are language packs loaded on demand: load them all, as an element would its own.
await Promise.all(LANGUAGES.map(loadLanguage));

let engine: Engine;
beforeAll(async () => {
  engine = await withEngine();
});
afterAll(async () => {
  await engine.close();
});

/** The report's notices are its warnings, one for one, each with a code of a catalog. */
function expectNoticesAreWarnings(r: FeedbackLoadReport | SurveyLoadReport): void {
  expect(r.notices).toHaveLength(r.warnings.length);
  r.notices.forEach((n, i) => {
    expect(n.text).toBe(r.warnings[i]);
    expect(n.code).toMatch(/^(feedback|survey|ingest|customers)\.[a-z0-9-]+$/);
  });
}

const byCode = (r: { notices: Notice[] }, code: string): Notice => {
  const n = r.notices.find((x) => x.code === code);
  expect(n, `${code} in ${r.notices.map((x) => x.code).join(', ')}`).toBeDefined();
  return n!;
};

/** A translation: no placeholder left, not the English. */
function expectTranslated(n: Notice, lang: 'pt' | 'es' | 'fr' | 'ms'): string {
  const said = noticeText(n, lang, lang);
  // `{respondent: COLUMN}` and `{item: dimension}` are option syntax, not placeholders.
  expect(said.replace(/\{(respondent|item): [^}]*\}/g, '')).not.toMatch(/\{\w+\}|⟦/);
  expect(said).not.toBe(n.text);
  return said;
}

describe('survey load notices', () => {
  it('survey-rejects.csv: the detected scale, unassigned items, rejected rows and importance, with codes and raw values', async () => {
    const r = await ingestSurvey(engine, { name: 'survey-rejects.csv', bytes: fixture('survey-rejects.csv') });
    expectNoticesAreWarnings(r);
    expect(r.notices.map((n) => n.code)).toEqual(['survey.scale-detected-off', 'survey.items-unassigned', 'ingest.rows-rejected', 'survey.importance-rejected-long']);

    const scale = byCode(r, 'survey.scale-detected-off');
    // The scale's ends are numbers; the answers seen are the data's own text.
    expect(scale.params).toMatchObject({ scaleMin: 1, scaleMax: 7, n: 1, examples: '"9"' });
    expect(typeof scale.params.min).toBe('string');

    const importance = byCode(r, 'survey.importance-rejected-long');
    expect(importance.params).toMatchObject({ n: 1, file: 'survey-rejects.csv' });
    expect((importance.params.where as Notice).code).toBe('survey.first-at-line-column-value');
    expect((importance.params.where as Notice).params).toEqual({ line: '9', column: 'importance', value: 'lots' });
    expect((importance.params.kinds as Notice).code).toBe('survey.importance-not-number');

    // The rejected rows' most common problem is a survey reason, nested in the ingest's sentence.
    const rejected = byCode(r, 'ingest.rows-rejected');
    const problem = rejected.params.problem as Notice;
    expect((problem.params.reason as Notice).code).toBe('survey.reason-non-numeric-answer');

    expect(expectTranslated(importance, 'pt')).toBe(
      '1 valor de importância de survey-rejects.csv foi rejeitado (1 que não é um número), o primeiro na linha 9, coluna “importance” (“lots”); a resposta correspondente foi carregada sem importância.',
    );
    expect(expectTranslated(rejected, 'pt')).toContain('a resposta não é um número');
    expect(expectTranslated(scale, 'ms')).toContain('1 jawapan dengan skor di luarnya ("9") ditolak');
  });

  it('survey-wide-numbered.csv: several pair families, named in a chained list of notices', async () => {
    const r = await ingestSurvey(engine, { name: 'survey-wide-numbered.csv', bytes: fixture('survey-wide-numbered.csv') });
    expectNoticesAreWarnings(r);
    const several = byCode(r, 'survey.pair-families-several');
    expect(several.params).toMatchObject({ family: 'sq', pairs: 3, n: 1, prefix: 'ipa' });
    const others = several.params.others as Notice;
    expect(others.code).toBe('survey.family');
    expect(others.params).toEqual({ family: 'ipa', n: 2, expectation: 'ipa1_1', perception: 'ipa1_2' });
    expect(byCode(r, 'survey.numbered-pairs').params).toEqual({ family: 'sq', expectation: 'sq1_1', perception: 'sq1_2', item: '1' });
    const answers = byCode(r, 'survey.answers-rejected-share');
    expect(answers.params).toMatchObject({ percent: 22, n: 2, total: 9 });
    expect(expectTranslated(several, 'fr')).toContain('«\u00a0ipa\u00a0» (2 paires, p. ex. ipa1_1/ipa1_2)');
    expect(expectTranslated(answers, 'fr')).toBe('22\u00a0% des réponses de survey-wide-numbered.csv (2 sur 9) ont été rejetées.');
  });

  it('E1..E22/P1..P22: the standard SERVQUAL assignment, said in every language', async () => {
    const header = ['respondent', ...Array.from({ length: 22 }, (_, i) => `E${i + 1},P${i + 1}`)].join(',');
    const row = ['1', ...Array.from({ length: 44 }, (_, i) => String((i % 5) + 1))].join(',');
    const r = await ingestSurvey(engine, { name: 's22.csv', bytes: text(`${header}\n${row}\n`) });
    expectNoticesAreWarnings(r);
    const s22 = byCode(r, 'survey.servqual-22');
    expect(s22.params).toEqual({});
    expect(expectTranslated(s22, 'pt')).toContain('1-4 tangíveis, 5-9 confiabilidade, 10-13 capacidade de resposta, 14-17 segurança, 18-22 empatia');
    expect(expectTranslated(s22, 'es')).toContain('fiabilidad');
    expect(expectTranslated(s22, 'ms')).toContain('ketaraan');
  });

  it('a mapping failure keeps its notice through the load (with the columns for the form)', async () => {
    const e = await ingestError(ingestSurvey(engine, { name: 'odd.csv', bytes: text('respondent,foo,bar\n1,2,3\n') }, { shape: 'long' }));
    expect(e.code).toBe('mapping');
    expect(e.details.columns).toEqual(['respondent', 'foo', 'bar']);
    expect(e.notice?.code).toBe('survey.long-lacks');
    expect(e.notice?.text).toBe(e.message);
    const lacks = e.notice!.params.lacks as Notice;
    expect(lacks.code).toBe('survey.list');
    expect(errorText(e, 'pt', 'pt-PT')).toContain('nenhuma coluna parece ser uma pergunta (item, question, pergunta, pregunta), uma expectativa');
  });

  it('option errors are notices too', async () => {
    const e = await ingestError(ingestSurvey(engine, { name: 'x.csv', bytes: text('a\n1\n') }, { scale: { min: 5, max: 1 } }));
    expect(e.notice).toMatchObject({ code: 'survey.option-scale-invalid', params: { file: 'x.csv', min: '5', max: '1' } });
    expect(errorText(e, 'es', 'es')).toBe('x.csv: 5-1 no es una escala: el mínimo debe ser menor que el máximo.');
  });
});

describe('feedback load notices', () => {
  it('no kind column: the file name decides the kind, a nested notice translated with the sentence', async () => {
    const r = await ingestFeedback(engine, { name: 'complaints.csv', bytes: text('customer_id,date,text\nZ1,2024-01-01,late\n') });
    expectNoticesAreWarnings(r);
    const n = byCode(r, 'feedback.kind-from-name');
    expect(n.params.file).toBe('complaints.csv');
    expect((n.params.kind as Notice).code).toBe('feedback.kind-complaint');
    expect(n.text).toBe('complaints.csv has no kind column: every row was read as complaint, because the file name says so. Set the kind if that is wrong.');
    expect(expectTranslated(n, 'pt')).toBe(
      'complaints.csv não tem coluna de tipo: todas as linhas foram lidas como reclamação, porque o nome do ficheiro o indica. Indique o tipo se não estiver certo.',
    );
    expect(expectTranslated(n, 'ms')).toContain('dibaca sebagai aduan');
  });

  it('provider-feedback.csv against orders it does not match; a score header, its scale and few matches', async () => {
    await ingestOrders(engine, { name: 'orders.csv', bytes: text('customer_id,order_date,amount\nZ1,2024-01-01,10\nZ2,2024-01-02,20\n') });
    const provider = await ingestFeedback(engine, { name: 'provider-feedback.csv', bytes: fixture('provider-feedback.csv') });
    expectNoticesAreWarnings(provider);
    expect(byCode(provider, 'feedback.customers-none-matched').params).toEqual({ n: 6, file: 'provider-feedback.csv' });

    const rated = await ingestFeedback(engine, { name: 'fb.csv', bytes: text('customer_id,date,rating\nZ1,2024-01-01,4.5\nQ9,2024-01-02,1234\nQ8,2024-01-02,3\nQ7,2024-01-02,3\n') });
    expectNoticesAreWarnings(rated);
    expect(rated.notices.map((n) => n.code)).toEqual(['feedback.kind-from-score', 'feedback.scale-inferred', 'ingest.rows-rejected', 'feedback.customers-few-matched']);
    const scale = byCode(rated, 'feedback.scale-inferred');
    // The largest score as the data has it (the English never grouped it); off the 0-100 scale, rejected.
    expect(scale.params).toMatchObject({ min: 0, max: 100, largest: '1234' });
    expect(scale.text).toContain('and the largest is 1234.');
    const few = byCode(rated, 'feedback.customers-few-matched');
    expect(few.params).toEqual({ n: 1, total: 3, file: 'fb.csv' });
    expect(expectTranslated(few, 'pt')).toBe('Só 1 dos 3 clientes de fb.csv está nas encomendas carregadas.');
  });

  it('answers, statuses and anonymous rows: plural sentences with the ingest notice nested', async () => {
    const csv =
      'date,kind,text,status,answered_at\n2024-01-03,complaint,late,answered,2024-01-05\n2024-01-10,complaint,x,weird,nope\n2024-02-01,suggestion,y,closed,2024-01-11\n2024-02-01,suggestion,y,odd,2024-01-11\n';
    const r = await ingestFeedback(engine, { name: 'voice.csv', bytes: text(csv) });
    expectNoticesAreWarnings(r);
    expect(r.notices.map((n) => n.code)).toEqual(['feedback.answers-unknown-status', 'feedback.no-customer-column', 'feedback.answered-early', 'feedback.statuses-unknown-dated']);
    expect((byCode(r, 'feedback.answers-unknown-status').params.left as Notice).code).toBe('ingest.left-empty-date');
    expect(byCode(r, 'feedback.no-customer-column').params).toEqual({ n: 4, file: 'voice.csv' });
    expect(byCode(r, 'feedback.answered-early').params).toMatchObject({ n: 2, answered: 'answered_at', date: 'date', line: '4' });
    const statuses = byCode(r, 'feedback.statuses-unknown-dated');
    const list = statuses.params.statuses as Notice;
    expect(list.code).toBe('feedback.status-list');
    expect((list.params.first as Notice).params).toEqual({ value: 'weird', n: 1, line: '3' });
    expect(expectTranslated(statuses, 'fr')).toContain('(«\u00a0weird\u00a0» 1×, le premier à la ligne 3\u00a0; «\u00a0odd\u00a0» 1×, le premier à la ligne 5)');
    for (const n of r.notices) for (const lang of ['pt', 'es', 'fr', 'ms'] as const) expectTranslated(n, lang);
  });

  it('a file whose kind nothing says fails with a notice', async () => {
    const e = await ingestError(ingestFeedback(engine, { name: 'notes.csv', bytes: text('customer_id,comment\nA,hello\n') }));
    expect(e.notice).toMatchObject({ code: 'feedback.kind-unknown', params: { file: 'notes.csv', columns: '"customer_id", "comment"' } });
    expect(e.notice?.text).toBe(e.message);
    expect(errorText(e, 'ms', 'ms')).toContain('apakah jenis maklum balas ini?');
  });
});

describe('reject reasons and detection', () => {
  it('the reason notices say what the reason texts say', () => {
    for (const r of FEEDBACK_REJECT_REASONS) expect(feedbackRejectReasonNotice(r).text).toBe(FEEDBACK_REJECT_REASON_TEXT[r]);
    for (const r of SURVEY_REJECT_REASONS) expect(surveyRejectReasonNotice(r).text).toBe(SURVEY_REJECT_REASON_TEXT[r]);
  });

  const col = (name: string): ColumnProfile => ({
    name, rows: 2, nonEmpty: 2, distinct: 2, dates: 0, firstOver12: 0, secondOver12: 0, slashDates: 0,
    numbers: 2, integers: 2, pointEvidence: 0, commaEvidence: 0, samples: ['1', '2'],
  });

  it('decideDimensions and choosePairFamily give their warnings as notices, one for one', () => {
    const dims = decideDimensions(Array.from({ length: 10 }, (_, i) => ({ item: `x${i}`, fileDimension: null })), false, { zz: 'empathy' });
    expect(dims.notices.map((n) => n.code)).toEqual(['survey.items-unassigned-more', 'survey.dimension-map-extra']);
    expect(dims.notices.map((n) => n.text)).toEqual(dims.warnings);
    expect(dims.notices[0]!.params).toEqual({ items: 'x0, x1, x2, x3, x4, x5, x6, x7', n: 10 });

    const families = findPairFamilies(['sq1_1', 'sq1_2', 'sq2_1', 'sq2_2', 'ipa1_1', 'ipa1_2'].map(col));
    const asked = choosePairFamily(families, 'ipa', 'f.csv');
    expect(asked.notices.map((n) => n.code)).toEqual(['survey.pairs-as-asked', 'survey.numbered-pairs']);
    expect(asked.notices.map((n) => n.text)).toEqual(asked.warnings);
  });

  it('the translations use the project’s dimension and kind words', () => {
    for (const lang of ['pt', 'es', 'fr', 'ms'] as const) {
      for (const code of Object.keys(FEEDBACK_SURVEY_NOTICES)) expect(feedbackSurveyNotices[lang][code as keyof typeof FEEDBACK_SURVEY_NOTICES], `${lang} ${code}`).toBeDefined();
    }
    expect(feedbackSurveyNotices.fr['feedback.kind-complaint']).toBe('réclamation');
    expect(feedbackSurveyNotices.es['survey.servqual-22']).toContain('elementos tangibles');
  });
});
