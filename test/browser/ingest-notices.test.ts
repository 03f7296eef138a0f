import { expectFilled, inLanguage, shownText } from './i18n-helpers.js';
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/index.js';
import type { RapportLoadReport } from '../../src/components/load-report/rapport-load-report.js';
import type { RapportMappingForm } from '../../src/components/mapping-form/rapport-mapping-form.js';
import type { ColumnProfile } from '../../src/data/ingest/detect-mapping.js';
import { ingestNotice, rejectReasonNotice } from '../../src/data/ingest/ingest-notices.js';
import { leftEmptyWarning } from '../../src/data/ingest/ingest.js';
import type { LoadReport, MappingDecision } from '../../src/data/ingest/types.js';

// The loader's own notices: a large share rejected (a reason nested in the problem nested in
// the warning) and unreadable values left empty, with numbers big enough to be grouped.
const problem = ingestNotice('ingest.problem-in-column', { reason: rejectReasonNotice('missing_customer_id'), column: 'customer', line: '3' });
const notices = [
  ingestNotice('ingest.rows-rejected', { percent: 30, file: 'shop.csv', n: 12345, total: 41150, problem }),
  leftEmptyWarning(2500, 'delivered', 'date', 12, 'n/a'),
];
const report: LoadReport = {
  file: 'shop.csv',
  format: 'csv',
  rowsRead: 41150,
  rowsLoaded: 28805,
  rowsRejected: 12345,
  rejectedByReason: { missing_customer_id: 12345 },
  rejectSamples: [{ line: 3, reason: 'missing_customer_id', column: 'customer', value: null, detail: null }],
  customers: 4000,
  orders: 28805,
  returns: { orders: 0, lines: 0, policy: 'net' },
  firstOrder: '2024-01-02',
  lastOrder: '2024-03-04',
  totalAmount: 123456.5,
  mapping: { customer_id: 'customer', order_date: 'date', amount: 'total' },
  columns: ['customer', 'date', 'total', 'delivered'],
  dateOrder: 'ymd',
  decimal: 'point',
  delimiter: ',',
  aggregatedLines: false,
  warnings: notices.map((n) => n.text),
  notices,
  durationMs: 1234,
};

const profiles: ColumnProfile[] = ['Client', 'Quand', 'Total'].map((name, i) => ({
  name, rows: 3, nonEmpty: 3, distinct: 3, dates: i === 1 ? 3 : 0, firstOver12: 0, secondOver12: 0,
  slashDates: i === 1 ? 3 : 0, numbers: i === 2 ? 3 : 0, integers: 0, pointEvidence: 0, commaEvidence: 0,
  samples: i === 1 ? ['01/02/2024', '03/04/2024'] : ['a', 'b'],
}));
const questionNotices = [
  ingestNotice('ingest.ask-values-customer-id', { column: 'Client' }),
  ingestNotice('ingest.ask-date-order', { column: 'Quand', sample: '01/02/2024' }),
];
const decision: MappingDecision = {
  mapping: { customer_id: 'Client', order_date: 'Quand', amount: 'Total' },
  certainty: { customer_id: 'guess', order_date: 'values' },
  dateOrder: 'dmy',
  dateOrderCertain: false,
  decimal: 'point',
  questions: questionNotices.map((q) => q.text),
  questionNotices,
  missing: [],
};

/** A number as the element's language writes it (the page sets `lang` only, so Intl's default region). */
const num = (lang: string, n: number) => new Intl.NumberFormat(lang).format(n);
const warnings = (el: Element) => [...el.shadowRoot!.querySelectorAll('[part=warning]')].map((p) => p.textContent!.replace(/\s+/g, ' ').trim());

describe('<rapport-load-report>: the loader\'s warnings in the reader\'s language', () => {
  it('Portuguese, with Portuguese numbers and the nested reason translated', async () => {
    const el = await inLanguage<RapportLoadReport>('pt', html`<rapport-load-report .report=${report}></rapport-load-report>`);
    expect(warnings(el)).to.deep.equal([
      `30% das linhas de shop.csv (${num('pt', 12345)} de ${num('pt', 41150)}) foram rejeitadas; o problema mais frequente: sem ID do cliente na coluna "customer", a primeira vez na linha 3.`,
      `${num('pt', 2500)} valores de "delivered" não são datas (primeiro: linha 12, "n/a"); ficaram vazios.`,
    ]);
    expectFilled(el);
    expect(shownText(el)).not.to.include('were rejected');
  });

  it('Malay, with Malay numbers', async () => {
    const el = await inLanguage<RapportLoadReport>('ms', html`<rapport-load-report .report=${report}></rapport-load-report>`);
    expect(warnings(el)).to.deep.equal([
      `30% baris shop.csv (${num('ms', 12345)} daripada ${num('ms', 41150)}) ditolak; masalah yang paling kerap ialah tiada ID pelanggan dalam lajur "customer", mula-mula pada baris 3.`,
      `${num('ms', 2500)} nilai "delivered" bukan tarikh (yang pertama: baris 12, "n/a"); nilai itu dibiarkan kosong.`,
    ]);
    expectFilled(el);
  });

  it('English shows the loader\'s own text; a report without notices shows its warnings as given', async () => {
    const en = await inLanguage<RapportLoadReport>('en', html`<rapport-load-report .report=${report}></rapport-load-report>`);
    expect(warnings(en)).to.deep.equal(report.warnings);
    const old = { ...report, notices: undefined } as unknown as LoadReport;
    const pt = await inLanguage<RapportLoadReport>('pt', html`<rapport-load-report .report=${old}></rapport-load-report>`);
    expect(warnings(pt)).to.deep.equal(report.warnings);
  });
});

describe('<rapport-mapping-form>: detection\'s questions in the reader\'s language', () => {
  const questions = (el: Element) => [...el.shadowRoot!.querySelectorAll('[part=note] li')].map((li) => li.textContent!.trim());

  it('Portuguese and Malay', async () => {
    const pt = await inLanguage<RapportMappingForm>('pt', html`<rapport-mapping-form file="f.csv" .profiles=${profiles} .decision=${decision}></rapport-mapping-form>`);
    expect(questions(pt)).to.deep.equal([
      'A coluna "Client" é o ID do cliente? Foi escolhida pelos valores, não pelo nome.',
      'Datas da coluna "Quand" como "01/02/2024" podem ser dia/mês ou mês/dia: qual é?',
    ]);
    expectFilled(pt);
    const ms = await inLanguage<RapportMappingForm>('ms', html`<rapport-mapping-form file="f.csv" .profiles=${profiles} .decision=${decision}></rapport-mapping-form>`);
    expect(questions(ms)).to.deep.equal([
      'Adakah lajur "Client" ID pelanggan? Ia dipilih berdasarkan nilainya, bukan namanya.',
      'Tarikh dalam lajur "Quand" seperti "01/02/2024" boleh jadi hari/bulan atau bulan/hari: yang mana satu?',
    ]);
    expectFilled(ms);
  });

  it('follows a change of language', async () => {
    const el = await inLanguage<RapportMappingForm>('fr', html`<rapport-mapping-form file="f.csv" .profiles=${profiles} .decision=${decision}></rapport-mapping-form>`);
    expect(questions(el)[0]).to.equal('La colonne «\u00a0Client\u00a0» est-elle l’identifiant client\u00a0? Elle a été choisie d’après ses valeurs, pas son nom.');
    el.parentElement!.setAttribute('lang', 'es');
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(questions(el)[0]).to.equal('¿Es la columna "Client" el ID de cliente? Se eligió por sus valores, no por su nombre.');
  });
});
