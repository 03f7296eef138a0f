import { restoreLightScheme, useDarkScheme } from './setup.js';
import { expectAccessibleLightAndDark, expectFilled, inLanguage, shownText } from './i18n-helpers.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { loadSections } from '../../src/index.js';
import type { RapportSurveyForm } from '../../src/components/survey-form/rapport-survey-form.js';
import type { SurveyLoadReport, SurveyPair } from '../../src/data/ingest/types.js';

// The sections tested here come in a chunk of their own that rapport.js fetches as it runs.
await loadSections();

const numbered = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => [`${prefix}${i + 1}_1`, `${prefix}${i + 1}_2`]).flat();
const pairsOf = (prefix: string, n: number): SurveyPair[] =>
  Array.from({ length: n }, (_, i) => ({ item: String(i + 1), expectation: `${prefix}${i + 1}_1`, perception: `${prefix}${i + 1}_2` }));

const LONG_COLUMNS = ['resp', 'cust', 'question', 'factor', 'exp', 'perc', 'weight', 'note'];
const KIOSK_COLUMNS = ['id', 'member', 'sex', ...numbered('sq', 24), ...numbered('kano', 29), ...numbered('ipa', 24), 'total1'];

function report(over: Partial<SurveyLoadReport>): SurveyLoadReport {
  return {
    file: 'survey.csv',
    format: 'csv',
    shape: 'long',
    shapeSource: 'detected',
    rowsRead: 10,
    rowsLoaded: 10,
    rowsRejected: 0,
    answersRead: 10,
    answersLoaded: 10,
    answersRejected: 0,
    importanceRejected: 0,
    rejectedByReason: {},
    importanceRejectedByReason: {},
    rejectSamples: [],
    respondents: 2,
    items: [],
    dimensions: [],
    scale: { min: 1, max: 5 },
    scaleSource: 'detected',
    mapping: {},
    pairs: [],
    pairFamily: null,
    respondentSource: 'column',
    importance: null,
    importanceColumns: {},
    attributes: [],
    customers: 0,
    matchedCustomers: null,
    columns: [],
    decimal: 'point',
    delimiter: ',',
    warnings: [],
    notices: [],
    durationMs: 5,
    ...over,
  };
}

const longReport = report({
  columns: LONG_COLUMNS,
  mapping: { respondent: 'resp', customer_id: 'cust', item: 'question', dimension: 'factor', expectation: 'exp', perception: 'perc' },
});
const wideReport = report({
  file: 'kiosk.csv',
  shape: 'wide',
  columns: KIOSK_COLUMNS,
  mapping: { customer_id: 'member' },
  pairs: pairsOf('sq', 24),
  pairFamily: 'sq',
  respondentSource: 'customer_id',
  scale: { min: 1, max: 7 },
  scaleSource: 'option',
});

const root = (el: RapportSurveyForm) => el.shadowRoot!;
const $ = <T extends Element = HTMLSelectElement>(el: RapportSurveyForm, sel: string) => root(el).querySelector<T>(sel) as T;
const radio = (el: RapportSurveyForm, shape: string) => $<HTMLInputElement>(el, `#shape-${shape}`);
async function choose(el: RapportSurveyForm, id: string, value: string) {
  const select = $(el, `#${id}`);
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}
async function pickShape(el: RapportSurveyForm, shape: 'long' | 'wide') {
  radio(el, shape).click();
  await el.updateComplete;
}
const submitButton = (el: RapportSurveyForm) => $<HTMLButtonElement>(el, 'button[type="submit"]');
const errorOf = (el: RapportSurveyForm, id: string) => {
  const control = $(el, `#${id}`);
  const described = control.getAttribute('aria-describedby');
  return described ? root(el).getElementById(described)!.textContent!.trim() : '';
};

/** Every rapport-survey-mapping event the element sends while `act` runs. */
async function heard(el: RapportSurveyForm, act: () => unknown | Promise<unknown>) {
  const events: CustomEvent[] = [];
  const listen = (e: Event) => events.push(e as CustomEvent);
  el.addEventListener('rapport-survey-mapping', listen);
  await act();
  await el.updateComplete;
  el.removeEventListener('rapport-survey-mapping', listen);
  return events;
}

const make = (r: SurveyLoadReport | null, columns: string[], extra: { message?: string; families?: string[]; file?: string } = {}) =>
  fixture<RapportSurveyForm>(
    html`<rapport-survey-form
      .file=${extra.file ?? r?.file ?? 'survey.csv'}
      .columns=${columns}
      .report=${r}
      .message=${extra.message ?? ''}
      .families=${extra.families ?? []}
    ></rapport-survey-form>`,
  );

describe('rapport-survey-form', () => {
  afterEach(restoreLightScheme);

  it('pre-fills the long shape from the report: every role, the respondent, and the detected scale', async () => {
    const el = await make(longReport, LONG_COLUMNS, { message: 'Read as a long survey; the dimension looked wrong.' });
    expect(radio(el, 'long').checked).to.equal(true);
    expect(radio(el, 'wide').checked).to.equal(false);
    const values = Object.fromEntries(['respondent', 'customer_id', 'item', 'dimension', 'expectation', 'perception', 'importance'].map((r) => [r, $(el, `#long-${r}`).value]));
    expect(values).to.deep.equal({ respondent: 'resp', customer_id: 'cust', item: 'question', dimension: 'factor', expectation: 'exp', perception: 'perc', importance: '' });
    // Each select lists the columns; the optional ones start with "(none)".
    const importance = [...$(el, '#long-importance').options].map((o) => o.textContent!.trim());
    expect(importance).to.deep.equal(['(none)', ...LONG_COLUMNS]);
    expect($(el, 'label[for="long-item"]').textContent).to.include('Item');
    expect($(el, '#scale').value).to.equal('');
    expect($(el, '#scale').selectedOptions[0]!.textContent).to.include('Detect from the answers (read as 1–5)');
    expect($(el, '#wide-family')).to.equal(null);
    expect(root(el).textContent).to.include('the dimension looked wrong');
    await expect(el).to.be.accessible();
  });

  it('pre-fills the wide shape from the report: the pair family with its span and count, the customer id, the given scale', async () => {
    const el = await make(wideReport, KIOSK_COLUMNS);
    expect(radio(el, 'wide').checked).to.equal(true);
    const family = $(el, '#wide-family');
    expect(family.value).to.equal('sq');
    const labels = [...family.options].map((o) => o.textContent!.trim());
    // Families from the header when not given: SERVQUAL-like first, Kano (not gap scores) last.
    expect(labels).to.deep.equal(['sq: sq1_1 … sq24_2 (24 items)', 'ipa: ipa1_1 … ipa24_2 (24 items)', 'kano: kano1_1 … kano29_2 (29 items)']);
    expect($(el, '#wide-customer_id').value).to.equal('member');
    expect($(el, '#wide-respondent').value).to.equal('');
    expect($(el, '#wide-respondent').options[0]!.textContent).to.include('each customer id is a respondent');
    expect($(el, '#scale').value).to.equal('1-7');
    expect($(el, '#long-item')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('offers the families given, the first chosen, and falls back to the header without a report', async () => {
    const el = await make(null, KIOSK_COLUMNS, { families: ['ipa', 'sq'], file: 'kiosk.csv' });
    expect(radio(el, 'wide').checked).to.equal(true);
    expect([...$(el, '#wide-family').options].map((o) => o.value)).to.deep.equal(['ipa', 'sq']);
    expect($(el, '#wide-family').value).to.equal('ipa');
    expect($(el, '#wide-respondent').options[0]!.textContent).to.include('row number');
    const longOnly = await make(null, LONG_COLUMNS);
    expect(radio(longOnly, 'long').checked).to.equal(true);
    expect($(longOnly, '#long-item').value).to.equal('');
  });

  it('leaves the long respondent empty when the customer id was read as the respondent', async () => {
    const r = report({ columns: LONG_COLUMNS, mapping: { respondent: 'cust', customer_id: 'cust', item: 'question', expectation: 'exp', perception: 'perc' }, respondentSource: 'customer_id' });
    const el = await make(r, LONG_COLUMNS);
    expect($(el, '#long-respondent').value).to.equal('');
    expect($(el, '#long-respondent').options[0]!.textContent).to.include('each customer id is a respondent');
    const [ev] = await heard(el, () => submitButton(el).click());
    // "(none: …)" is sent as respondent: null, so the load does not detect a respondent anyway.
    expect(ev!.detail.options).to.deep.equal({ shape: 'long', mapping: { customer_id: 'cust', item: 'question', expectation: 'exp', perception: 'perc', respondent: null } });
  });

  it('sends respondent: null when "(none: …)" is chosen, and only then', async () => {
    // Long: the detected respondent set back to "(none: each customer id is a respondent)".
    const el = await make(longReport, LONG_COLUMNS);
    await choose(el, 'long-respondent', '');
    expect($(el, '#long-respondent').selectedOptions[0]!.textContent).to.include('(none: each customer id is a respondent)');
    const [none] = await heard(el, () => submitButton(el).click());
    expect(none!.detail.options.mapping).to.deep.equal({ customer_id: 'cust', item: 'question', dimension: 'factor', expectation: 'exp', perception: 'perc', respondent: null });
    // A respondent column chosen: no null.
    await choose(el, 'long-respondent', 'resp');
    const [column] = await heard(el, () => submitButton(el).click());
    expect(column!.detail.options.mapping!.respondent).to.equal('resp');
    // No customer id: "(choose a column)", never a null; the form asks for the respondent.
    await choose(el, 'long-respondent', '');
    await choose(el, 'long-customer_id', '');
    expect($(el, '#long-respondent').selectedOptions[0]!.textContent).to.include('(choose a column)');
    expect(await heard(el, () => submitButton(el).click())).to.have.length(0);
    expect(errorOf(el, 'long-respondent')).to.include('Choose the respondent column');

    // Wide: "(none: the row number)" is null; a column chosen is sent as it is.
    const wide = await make(null, ['id', 'region', ...numbered('sq', 2)], { file: 'w.csv' });
    expect($(wide, '#wide-respondent').selectedOptions[0]!.textContent).to.include('(none: the row number)');
    const [rowNumber] = await heard(wide, () => submitButton(wide).click());
    expect(rowNumber!.detail.options).to.deep.equal({ shape: 'wide', mapping: { respondent: null }, pairs: 'sq' });
    await choose(wide, 'wide-respondent', 'id');
    const [byId] = await heard(wide, () => submitButton(wide).click());
    expect(byId!.detail.options).to.deep.equal({ shape: 'wide', mapping: { respondent: 'id' }, pairs: 'sq' });
  });

  it("keeps the user's choices when the report or message change (a failed load shown again); pre-fills for a new header", async () => {
    const el = await make(longReport, LONG_COLUMNS);
    // Before any change, a new report pre-fills.
    el.report = report({ columns: LONG_COLUMNS, mapping: { respondent: 'resp', item: 'note', expectation: 'exp', perception: 'perc' } });
    await el.updateComplete;
    expect($(el, '#long-item').value).to.equal('note');
    await choose(el, 'long-item', 'question');
    await choose(el, 'long-importance', 'weight');
    $(el, '#scale').value = '1-7';
    $(el, '#scale').dispatchEvent(new Event('change'));
    await el.updateComplete;
    // The load failed: the dashboard shows the form again with the error and the previous report.
    el.message = 'survey.csv: the answers run from 1 to 100.';
    el.report = { ...longReport };
    el.columns = [...LONG_COLUMNS];
    await el.updateComplete;
    expect($(el, '#long-item').value).to.equal('question');
    expect($(el, '#long-importance').value).to.equal('weight');
    expect($(el, '#long-dimension').value).to.equal('');
    expect($(el, '#scale').value).to.equal('1-7');
    expect(root(el).textContent).to.include('the answers run from 1 to 100');
    const [ev] = await heard(el, () => submitButton(el).click());
    expect(ev!.detail.options).to.deep.equal({
      shape: 'long',
      mapping: { respondent: 'resp', item: 'question', expectation: 'exp', perception: 'perc', importance: 'weight' },
      scale: { min: 1, max: 7 },
    });
    // A refused submit keeps them too.
    await choose(el, 'long-perception', 'exp');
    expect(await heard(el, () => submitButton(el).click())).to.have.length(0);
    el.report = { ...longReport };
    await el.updateComplete;
    expect($(el, '#long-perception').value).to.equal('exp');
    expect($(el, '#long-item').value).to.equal('question');
    // Another file: pre-filled again.
    el.file = 'other.csv';
    el.report = { ...longReport, file: 'other.csv' };
    await el.updateComplete;
    expect($(el, '#long-item').value).to.equal('question');
    expect($(el, '#long-perception').value).to.equal('perc');
    expect($(el, '#long-importance').value).to.equal('');
    expect($(el, '#scale').value).to.equal('');
  });

  it('switching the shape shows the controls of that shape', async () => {
    const el = await make(longReport, [...LONG_COLUMNS, ...numbered('sq', 3)]);
    await pickShape(el, 'wide');
    expect($(el, '#long-item')).to.equal(null);
    expect($(el, '#wide-family').value).to.equal('sq');
    expect($(el, '#wide-family').selectedOptions[0]!.textContent).to.equal('sq: sq1_1 … sq3_2 (3 items)');
    expect($(el, '#wide-respondent')).to.not.equal(null);
    expect($(el, '#wide-customer_id')).to.not.equal(null);
    const legends = [...root(el).querySelectorAll('legend')].map((l) => l.textContent!.trim());
    expect(legends).to.deep.equal(['Shape', 'Answer columns', 'Answer scale']);
    await pickShape(el, 'long');
    expect($(el, '#wide-family')).to.equal(null);
    // The long choices survive the round trip.
    expect($(el, '#long-item').value).to.equal('question');
  });

  it('refuses missing required roles: errors beside the controls, aria-invalid and -describedby, focus on the first', async () => {
    const el = await make(null, LONG_COLUMNS);
    const events = await heard(el, () => submitButton(el).click());
    expect(events).to.have.length(0);
    for (const role of ['respondent', 'item', 'expectation', 'perception']) {
      expect($(el, `#long-${role}`).getAttribute('aria-invalid'), role).to.equal('true');
    }
    expect(errorOf(el, 'long-item')).to.equal('Choose the item column.');
    expect(errorOf(el, 'long-respondent')).to.include('Choose the respondent column');
    expect($(el, '#long-dimension').getAttribute('aria-invalid')).to.equal('false');
    expect($(el, '#long-dimension').hasAttribute('aria-describedby')).to.equal(false);
    expect(root(el).activeElement).to.equal($(el, '#long-respondent'));
    // A customer id stands in for the respondent; the errors follow the fixes.
    await choose(el, 'long-customer_id', 'cust');
    expect($(el, '#long-respondent').getAttribute('aria-invalid')).to.equal('false');
    await choose(el, 'long-item', 'question');
    expect($(el, '#long-item').getAttribute('aria-invalid')).to.equal('false');
    expect(await heard(el, () => submitButton(el).click())).to.have.length(0);
    expect(root(el).activeElement).to.equal($(el, '#long-expectation'));
    await expect(el).to.be.accessible();
  });

  it('refuses a column used twice, marking the later control and focusing it', async () => {
    const el = await make(longReport, LONG_COLUMNS);
    await choose(el, 'long-perception', 'exp');
    const events = await heard(el, () => submitButton(el).click());
    expect(events).to.have.length(0);
    expect($(el, '#long-perception').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#long-expectation').getAttribute('aria-invalid')).to.equal('false');
    expect(errorOf(el, 'long-perception')).to.include('“exp” is already the expectation column');
    expect(root(el).activeElement).to.equal($(el, '#long-perception'));

    // Wide: the respondent and customer id must differ and must not be answer columns.
    const wide = await make(wideReport, KIOSK_COLUMNS);
    await choose(wide, 'wide-respondent', 'member');
    expect(await heard(wide, () => submitButton(wide).click())).to.have.length(0);
    expect(errorOf(wide, 'wide-respondent')).to.include('already the customer id column');
    expect(root(wide).activeElement).to.equal($(wide, '#wide-respondent'));
    await choose(wide, 'wide-respondent', 'sq2_1');
    expect(errorOf(wide, 'wide-respondent')).to.include('answer column of the sq pairs');
    await choose(wide, 'wide-respondent', 'id');
    expect($(wide, '#wide-respondent').getAttribute('aria-invalid')).to.equal('false');
  });

  it('sends the long answer as SurveyIngestOptions without undefined keys', async () => {
    const el = await make(longReport, LONG_COLUMNS);
    await choose(el, 'long-dimension', '');
    await choose(el, 'long-importance', 'weight');
    const [ev, ...more] = await heard(el, () => submitButton(el).click());
    expect(more).to.have.length(0);
    expect(ev!.detail).to.deep.equal({
      file: 'survey.csv',
      options: { shape: 'long', mapping: { respondent: 'resp', customer_id: 'cust', item: 'question', expectation: 'exp', perception: 'perc', importance: 'weight' } },
    });
    expect(ev!.bubbles && ev!.composed).to.equal(true);
  });

  it('sends the wide answer: the pair family, the respondent columns only when chosen, the scale only when given', async () => {
    const el = await make(wideReport, KIOSK_COLUMNS);
    await choose(el, 'wide-family', 'ipa');
    const [ev] = await heard(el, () => submitButton(el).click());
    // The respondent left at "(none: each customer id is a respondent)": null.
    expect(ev!.detail).to.deep.equal({ file: 'kiosk.csv', options: { shape: 'wide', mapping: { customer_id: 'member', respondent: null }, pairs: 'ipa', scale: { min: 1, max: 7 } } });

    await choose(el, 'wide-customer_id', '');
    await choose(el, 'scale', '');
    const [bare] = await heard(el, () => submitButton(el).click());
    expect(bare!.detail).to.deep.equal({ file: 'kiosk.csv', options: { shape: 'wide', mapping: { respondent: null }, pairs: 'ipa' } });
    expect(Object.keys(bare!.detail.options)).to.deep.equal(['shape', 'mapping', 'pairs']);

    await choose(el, 'scale', '0-10');
    const [scaled] = await heard(el, () => submitButton(el).click());
    expect(scaled!.detail.options.scale).to.deep.equal({ min: 0, max: 10 });
  });

  it('says when a header has no pairs for the wide shape', async () => {
    const el = await make(null, LONG_COLUMNS);
    await pickShape(el, 'wide');
    expect($(el, '#wide-family').options[0]!.textContent).to.equal('(no pairs found)');
    expect(await heard(el, () => submitButton(el).click())).to.have.length(0);
    expect(errorOf(el, 'wide-family')).to.include('no expectation/perception column pairs');
    expect(root(el).activeElement).to.equal($(el, '#wide-family'));
  });

  it('cancels with the file, and focus() focuses the heading', async () => {
    const el = await make(longReport, LONG_COLUMNS);
    el.focus();
    const heading = $<HTMLHeadingElement>(el, 'h2');
    expect(root(el).activeElement).to.equal(heading);
    expect(heading.getAttribute('tabindex')).to.equal('-1');
    expect(heading.textContent).to.include('survey.csv');
    const cancelled = oneEvent(el, 'rapport-survey-mapping-cancel');
    $<HTMLButtonElement>(el, 'button[type="button"]').click();
    expect((await cancelled).detail).to.deep.equal({ file: 'survey.csv' });
  });

  it('shows the message as text', async () => {
    const el = await make(null, LONG_COLUMNS, { message: '<img src=x onerror=alert(1)> no item column' });
    expect($(el, '.message')!.textContent).to.equal('<img src=x onerror=alert(1)> no item column');
    expect(root(el).querySelector('img')).to.equal(null);
  });

  it('is accessible in light and dark themes, with errors shown, in both shapes', async () => {
    const el = await make(null, [...LONG_COLUMNS, ...numbered('sq', 2)], { message: 'survey.csv: no column looks like an item.' });
    await pickShape(el, 'long');
    submitButton(el).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await useDarkScheme();
    await el.updateComplete;
    expect(getComputedStyle($(el, 'form')).backgroundColor).to.equal('rgb(22, 27, 34)');
    await expect(el).to.be.accessible();
    await pickShape(el, 'wide');
    await choose(el, 'wide-respondent', 'sq1_1');
    submitButton(el).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});

describe('rapport-survey-form in five languages', () => {
  afterEach(restoreLightScheme);

  const makeIn = async (lang: string, r: SurveyLoadReport | null, columns: string[], file = r?.file ?? 'survey.csv') => {
    const el = await inLanguage<RapportSurveyForm>(lang, html`<rapport-survey-form .file=${file} .columns=${columns} .report=${r}></rapport-survey-form>`);
    return { wrapper: el.parentElement!, el };
  };
  const legends = (el: RapportSurveyForm) => [...root(el).querySelectorAll('legend')].map((l) => l.textContent!.trim());
  const labelOf = (el: RapportSurveyForm, id: string) => $(el, `label[for="${id}"]`).textContent!.trim();

  it('Portuguese: heading, shapes, roles, choices, scale, errors after a refused submit', async () => {
    const { el } = await makeIn('pt', longReport, LONG_COLUMNS);
    expect($(el, 'h2').textContent).to.equal('Como deve ser lido survey.csv?');
    expect(legends(el)).to.deep.equal(['Formato', 'Colunas', 'Escala das respostas']);
    expect(radio(el, 'long').parentElement!.textContent).to.include('Uma linha por resposta');
    expect(labelOf(el, 'long-item')).to.equal('Pergunta *');
    expect(labelOf(el, 'long-perception')).to.equal('Perceção *');
    expect(labelOf(el, 'long-importance')).to.equal('Importância');
    expect($(el, '#long-importance').options[0]!.textContent).to.equal('(nenhuma)');
    expect($(el, '#long-respondent').options[0]!.textContent).to.equal('(nenhuma: cada ID de cliente é um inquirido)');
    expect($(el, '#scale').selectedOptions[0]!.textContent).to.equal('Detetar a partir das respostas (lida como 1–5)');
    expect(shownText(el)).to.include('Carregar o inquérito');
    await choose(el, 'long-perception', 'exp');
    await choose(el, 'long-item', '');
    submitButton(el).click();
    await el.updateComplete;
    expect(errorOf(el, 'long-item')).to.equal('Escolha a coluna de pergunta.');
    expect(errorOf(el, 'long-perception')).to.equal('“exp” já é a coluna de expectativa; cada coluna só pode ter uma função.');
    expectFilled(el);
    await expectAccessibleLightAndDark(el);
  });

  it('Malay: the wide shape, its pair families with counts, the hint and errors', async () => {
    const { el } = await makeIn('ms', wideReport, KIOSK_COLUMNS);
    expect($(el, 'h2').textContent).to.equal('Bagaimanakah kiosk.csv patut dibaca?');
    expect(legends(el)).to.deep.equal(['Bentuk', 'Lajur jawapan', 'Skala jawapan']);
    expect(labelOf(el, 'wide-family')).to.equal('Pasangan jangkaan/persepsi *');
    expect([...$(el, '#wide-family').options].map((o) => o.textContent!.trim())[0]).to.equal('sq: sq1_1 … sq24_2 (24 soalan)');
    expect($(el, '#wide-respondent').options[0]!.textContent).to.equal('(tiada: setiap ID pelanggan ialah responden)');
    expect(shownText(el)).to.include('lajur pertama (cth. _1) dibaca sebagai jangkaan');
    await choose(el, 'wide-respondent', 'sq2_1');
    submitButton(el).click();
    await el.updateComplete;
    expect(errorOf(el, 'wide-respondent')).to.equal('“sq2_1” ialah lajur jawapan bagi pasangan sq; pilih lajur lain atau tiada.');
    expectFilled(el);
    await expect(el).to.be.accessible();
  });

  it('French and Spanish: numbers of the locale in the pair count; no pairs found', async () => {
    const many = report({ file: 'big.csv', shape: 'wide', columns: numbered('q', 1200), pairs: pairsOf('q', 1200), pairFamily: 'q', scale: { min: 1, max: 10 }, scaleSource: 'option' });
    const { el: fr } = await makeIn('fr', many, numbered('q', 1200));
    expect($(fr, '#wide-family').selectedOptions[0]!.textContent).to.equal(`q : q1_1 … q1200_2 (${new Intl.NumberFormat('fr').format(1200)} questions)`);
    expect($(fr, 'h2').textContent).to.equal('Comment lire big.csv ?');
    expect($(fr, '#wide-respondent').options[0]!.textContent).to.equal('(aucune : le numéro de ligne)');
    expect($(fr, '#scale').selectedOptions[0]!.textContent).to.equal('1–10');
    expectFilled(fr);
    await expect(fr).to.be.accessible();

    const { el: es } = await makeIn('es', null, LONG_COLUMNS, '');
    expect($(es, 'h2').textContent).to.equal('¿Cómo se debe leer la encuesta?');
    await pickShape(es, 'wide');
    expect($(es, '#wide-family').options[0]!.textContent).to.equal('(no se encontraron pares)');
    submitButton(es).click();
    await es.updateComplete;
    expect(errorOf(es, 'wide-family')).to.include('La cabecera no tiene pares de columnas expectativa/percepción');
    expectFilled(es);
    await expect(es).to.be.accessible();
  });

  it('shown errors follow a change of language', async () => {
    const { wrapper, el } = await makeIn('en', null, LONG_COLUMNS);
    submitButton(el).click();
    await el.updateComplete;
    expect(errorOf(el, 'long-item')).to.equal('Choose the item column.');
    wrapper.setAttribute('lang', 'fr');
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(errorOf(el, 'long-item')).to.equal('Choisissez la colonne « question ».');
    expect(errorOf(el, 'long-respondent')).to.include('Choisissez la colonne du répondant');
    expect(legends(el)).to.deep.equal(['Forme', 'Colonnes', 'Échelle de réponse']);
  });

  it('takes its colours from the documented custom properties', async () => {
    const { wrapper, el } = await makeIn('en', null, LONG_COLUMNS);
    wrapper.style.setProperty('--rapport-form-border-color', 'rgb(1, 2, 3)');
    wrapper.style.setProperty('--rapport-survey-form-error-color', 'rgb(4, 5, 6)');
    submitButton(el).click();
    await el.updateComplete;
    expect(getComputedStyle($(el, '[part~=card]')).borderTopColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle($(el, '[part~=error]')).color).to.equal('rgb(4, 5, 6)');
    for (const name of ['title', 'fieldset', 'legend', 'label', 'input', 'select', 'hint', 'submit', 'cancel']) expect($(el, `[part~=${name}]`), name).to.not.equal(null);
  });
});
