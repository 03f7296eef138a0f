import { restoreLightScheme } from './setup.js';
import { expectAccessibleLightAndDark, expectFilled, inLanguage, shownText } from './i18n-helpers.js';
import { expect, html } from '@open-wc/testing';
import { loadSections } from '../../src/index.js';
import type { RapportSurveyForm } from '../../src/components/survey-form/rapport-survey-form.js';
import { IngestError } from '../../src/data/ingest/ingest-error.js';
import { feedbackSurveyNotice, noticeList } from '../../src/data/ingest/feedback-survey-notices.js';
import type { Notice } from '../../src/analytics/notice.js';

// The sections tested here come in a chunk of their own that rapport.js fetches as it runs.
await loadSections();

const COLUMNS = ['respondent', 'foo', 'bar'];

/** The failure a long survey without item, expectation and perception columns ends in. */
function lacksError(): IngestError {
  const lacks = noticeList('survey.list', [feedbackSurveyNotice('survey.lacks-item'), feedbackSurveyNotice('survey.lacks-expectation'), feedbackSurveyNotice('survey.lacks-perception')]);
  const notice = feedbackSurveyNotice('survey.long-lacks', { file: 'odd.csv', lacks, columns: '"respondent", "foo", "bar"' });
  return new IngestError('mapping', notice, { file: 'odd.csv' }, { details: { columns: COLUMNS } });
}

const form = (lang: string, message: string | Notice) =>
  inLanguage<RapportSurveyForm>(lang, html`<rapport-survey-form .file=${'odd.csv'} .columns=${COLUMNS} .message=${message}></rapport-survey-form>`);
const messageOf = (el: RapportSurveyForm) => el.shadowRoot!.querySelector('[part="message"]')!.textContent!.replace(/\s+/g, ' ').trim();

describe('feedback and survey notices in <rapport-survey-form>', () => {
  afterEach(restoreLightScheme);

  it('says a load failure (the error’s notice) in European Portuguese, nested lists included', async () => {
    const error = lacksError();
    const el = await form('pt', error.notice!);
    expect(messageOf(el)).to.equal(
      'odd.csv: lido como inquérito longo (uma linha por inquirido e pergunta), nenhuma coluna parece ser uma pergunta (item, question, pergunta, pregunta), uma expectativa (expectation, expectativa, attente, jangkaan), uma perceção (perception, percepcao, percepcion, persepsi) (colunas: "respondent", "foo", "bar"). Associe as colunas explicitamente, p. ex. item=COLUMN.',
    );
    expect(messageOf(el)).not.to.equal(error.message);
    expectFilled(el);
    await expectAccessibleLightAndDark(el);
  });

  it('says it in Malay, and follows a change of language', async () => {
    const el = await form('ms', lacksError().notice!);
    expect(messageOf(el)).to.include('odd.csv: dibaca sebagai tinjauan panjang (satu baris bagi setiap responden dan soalan), tiada lajur yang kelihatan seperti soalan (item, question, pergunta, pregunta), jangkaan');
    expectFilled(el);
    el.parentElement!.setAttribute('lang', 'en');
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(messageOf(el)).to.equal(lacksError().message);
  });

  it('formats the numbers in a notice for the locale: pt and ms', async () => {
    const notice = feedbackSurveyNotice('survey.respondent-row-number', { file: 'big.csv', n: 12345.5 });
    expect(notice.text).to.equal('big.csv has no respondent column: respondents are numbered by row, 1 to 12,345.5 in file order.');
    for (const [lang, expected] of [
      ['pt', `big.csv não tem coluna de inquirido: os inquiridos são numerados por linha, de 1 a ${new Intl.NumberFormat('pt').format(12345.5)}, pela ordem do ficheiro.`],
      ['ms', `big.csv tiada lajur responden: responden dinomborkan mengikut baris, 1 hingga ${new Intl.NumberFormat('ms').format(12345.5)} mengikut susunan fail.`],
    ] as const) {
      const el = await form(lang, notice);
      expect(messageOf(el), lang).to.equal(expected);
      expect(shownText(el)).not.to.match(/\{\w+\}|⟦/);
    }
  });

  it('a feedback notice with a nested kind reads in the page’s language; a plain text message is shown as given', async () => {
    const kind = feedbackSurveyNotice('feedback.kind-complaint');
    const el = await form('pt', feedbackSurveyNotice('feedback.kind-from-name', { file: 'complaints.csv', kind }));
    expect(messageOf(el)).to.equal('complaints.csv não tem coluna de tipo: todas as linhas foram lidas como reclamação, porque o nome do ficheiro o indica. Indique o tipo se não estiver certo.');
    const plain = await form('ms', 'As written, <b>not</b> markup.');
    expect(messageOf(plain)).to.equal('As written, <b>not</b> markup.');
  });
});
