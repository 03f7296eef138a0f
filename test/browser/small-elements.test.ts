import { restoreLightScheme } from './setup.js';
import { expectAccessibleLightAndDark, expectFilled, inLanguage, shownText } from './i18n-helpers.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { loadSections } from '../../src/index.js';
import type { RapportDropZone } from '../../src/components/drop-zone/rapport-drop-zone.js';
import type { RapportLoadReport } from '../../src/components/load-report/rapport-load-report.js';
import type { RapportHeadline } from '../../src/components/headline/rapport-headline.js';
import type { RapportMappingForm } from '../../src/components/mapping-form/rapport-mapping-form.js';
import type { LoadReport, MappingDecision } from '../../src/data/ingest/types.js';
import type { ColumnProfile } from '../../src/data/ingest/detect-mapping.js';

// The headline comes with the sections' chunk, which rapport.js fetches by itself: wait for it, not for luck.
await loadSections();

const report: LoadReport = {
  file: 'shop.csv',
  format: 'csv',
  rowsRead: 10,
  rowsLoaded: 7,
  rowsRejected: 3,
  rejectedByReason: { missing_customer_id: 2, unparseable_date: 1 },
  rejectSamples: [
    { line: 3, reason: 'missing_customer_id', column: 'customer', value: null, detail: null },
    { line: 5, reason: 'unparseable_date', column: 'date', value: '<img src=x onerror=alert(1)>', detail: null },
  ],
  customers: 4,
  orders: 6,
  returns: { orders: 1, lines: 1, policy: 'net' },
  firstOrder: '2024-01-02',
  lastOrder: '2024-03-04',
  totalAmount: 123.45,
  mapping: { customer_id: 'customer', order_date: 'date', amount: 'total' },
  columns: ['customer', 'date', 'total'],
  dateOrder: 'ymd',
  decimal: 'point',
  delimiter: ',',
  aggregatedLines: false,
  warnings: ['30% of the rows of shop.csv (3 of 10) were rejected.'],
  // None: a report made by hand shows its warnings as given.
  notices: [],
  durationMs: 1234,
};

describe('rapport-drop-zone', () => {
  it('emits the dropped files and is accessible', async () => {
    const el = await fixture<RapportDropZone>(html`<rapport-drop-zone></rapport-drop-zone>`);
    await expect(el).to.be.accessible();
    const zone = el.shadowRoot!.querySelector('.zone')!;
    const dt = new DataTransfer();
    dt.items.add(new File(['a,b\n1,2\n'], 'x.csv', { type: 'text/csv' }));
    const heard = oneEvent(el, 'rapport-files');
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    const ev = await heard;
    expect(ev.detail.files).to.have.length(1);
    expect(ev.detail.files[0].name).to.equal('x.csv');
  });

  it('describes its button with the drop instructions, and focus() focuses the button', async () => {
    const el = await fixture<RapportDropZone>(html`<rapport-drop-zone></rapport-drop-zone>`);
    const button = el.shadowRoot!.querySelector('button')!;
    const hint = el.shadowRoot!.getElementById(button.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).to.include('drop an order export here');
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal(button);
    await expect(el).to.be.accessible();
  });

  it('emits files picked with the file button', async () => {
    const el = await fixture<RapportDropZone>(html`<rapport-drop-zone></rapport-drop-zone>`);
    const input = el.shadowRoot!.querySelector('input')!;
    const dt = new DataTransfer();
    dt.items.add(new File(['x'], 'picked.csv'));
    input.files = dt.files;
    const heard = oneEvent(el, 'rapport-files');
    input.dispatchEvent(new Event('change'));
    expect((await heard).detail.files[0].name).to.equal('picked.csv');
  });
});

describe('rapport-load-report', () => {
  it('shows read = loaded + rejected, reasons with lines, warnings; is accessible', async () => {
    const el = await fixture<RapportLoadReport>(html`<rapport-load-report .report=${report}></rapport-load-report>`);
    const text = el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.include('10 rows read');
    expect(text).to.include('7 loaded');
    expect(text).to.include('3 rejected');
    expect(text).to.include('30% of the rows');
    // Warnings are shown, not announced: the dashboard's one live region speaks for a load.
    const warning = el.shadowRoot!.querySelector('[part=warning]')!;
    expect(warning.textContent).to.include('30% of the rows');
    expect(warning.getAttribute('role')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[role=status], [aria-live]')).to.equal(null);
    el.shadowRoot!.querySelector('details')!.open = true;
    const cells = [...el.shadowRoot!.querySelectorAll('tbody td')].map((td) => td.textContent);
    expect(cells).to.include('5');
    // Values from files are text, never markup.
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(cells).to.include('<img src=x onerror=alert(1)>');
    await expect(el).to.be.accessible();
  });
});

describe('rapport-headline', () => {
  it('formats the figures and is accessible', async () => {
    const el = await fixture<RapportHeadline>(html`<rapport-headline
      currency="EUR"
      locale="en-US"
      .headline=${{ customers: 1234, orders: 5678, revenue: 9876.5, averageOrderValue: 12.3, repeatRate: 0.42, firstOrder: '2024-01-01', lastOrder: '2024-12-31' }}
    ></rapport-headline>`);
    const text = el.shadowRoot!.textContent!;
    expect(text).to.include('1,234');
    expect(text).to.include('€9,876.50');
    expect(text).to.include('42%');
    await expect(el).to.be.accessible();
  });

  it('falls back to plain numbers for an invalid currency, and to the default locale for an invalid one', async () => {
    const headline = { customers: 1234, orders: 5678, revenue: 9876.5, averageOrderValue: 12.3, repeatRate: 0.42, firstOrder: '2024-01-01', lastOrder: '2024-12-31' };
    const el = await fixture<RapportHeadline>(html`<rapport-headline currency="euro" locale="en-US" .headline=${headline}></rapport-headline>`);
    let text = el.shadowRoot!.textContent!;
    expect(text).to.include('9,876.50');
    expect(text).not.to.include('€');
    expect(text).to.include('1,234');
    await expect(el).to.be.accessible();
    el.locale = 'en_US';
    el.currency = 'EUR';
    await el.updateComplete;
    text = el.shadowRoot!.textContent!;
    expect(text).to.include(new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(9876.5));
    expect(text).to.include(new Intl.NumberFormat().format(5678));
  });

  it('sizes and sets the figures from the theme tokens (large font size, numeric variant)', async () => {
    const headline = { customers: 1234, orders: 5678, revenue: 9876.5, averageOrderValue: 12.3, repeatRate: 0.42, firstOrder: '2024-01-01', lastOrder: '2024-12-31' };
    const el = await fixture<RapportHeadline>(html`<rapport-headline .headline=${headline}></rapport-headline>`);
    const value = () => getComputedStyle(el.shadowRoot!.querySelector('dd')!);
    // Defaults: 1.15em, tabular figures.
    expect(parseFloat(value().fontSize)).to.be.closeTo(parseFloat(getComputedStyle(el).fontSize) * 1.15, 0.1);
    expect(value().fontVariantNumeric).to.equal('tabular-nums');
    el.style.setProperty('--rapport-font-size-large', '30px');
    el.style.setProperty('--rapport-font-numeric', 'oldstyle-nums');
    expect(value().fontSize).to.equal('30px');
    expect(value().fontVariantNumeric).to.equal('oldstyle-nums');
  });
});

/** A file detection was unsure about: three columns, a guessed mapping and one question. */
const MAPPING_PROFILES: ColumnProfile[] = ['Client', 'Quand', 'Total'].map((name, i) => ({
  name, rows: 3, nonEmpty: 3, distinct: 3, dates: i === 1 ? 3 : 0, firstOver12: 0, secondOver12: 0,
  slashDates: i === 1 ? 3 : 0, numbers: i === 2 ? 3 : 0, integers: 0, pointEvidence: 0, commaEvidence: 0,
  samples: i === 1 ? ['01/02/2024', '03/04/2024'] : ['a', 'b'],
}));
const MAPPING_DECISION: MappingDecision = {
  mapping: { customer_id: 'Client', order_date: 'Quand', amount: 'Total' },
  certainty: { customer_id: 'guess', order_date: 'values', amount: 'guess' },
  dateOrder: 'dmy',
  dateOrderCertain: false,
  decimal: 'point',
  questions: ['Is column "Client" the customer id?'],
  missing: [],
};

describe('rapport-mapping-form', () => {
  const profiles = MAPPING_PROFILES;
  const decision = MAPPING_DECISION;

  it('asks, shows sample values, and sends the answer; is accessible', async () => {
    const el = await fixture<RapportMappingForm>(html`<rapport-mapping-form file="f.csv" .profiles=${profiles} .decision=${decision}></rapport-mapping-form>`);
    await expect(el).to.be.accessible();
    expect(el.shadowRoot!.textContent).to.include('01/02/2024');
    const mdy = el.shadowRoot!.querySelector<HTMLInputElement>('input[value=mdy]')!;
    mdy.click();
    const heard = oneEvent(el, 'rapport-mapping');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const ev = await heard;
    expect(ev.detail.dateOrder).to.equal('mdy');
    expect(ev.detail.mapping).to.deep.equal({ customer_id: 'Client', order_date: 'Quand', amount: 'Total' });
  });
});

describe('small elements in five languages', () => {
  afterEach(restoreLightScheme);

  const headline = { customers: 1234, orders: 5678, revenue: 98765.5, averageOrderValue: 12.3, repeatRate: 0.42, firstOrder: '2024-01-01', lastOrder: '2024-12-31' };
  const bigReport: LoadReport = { ...report, rowsRead: 12345, rowsLoaded: 12000, rowsRejected: 345, rejectedByReason: { missing_customer_id: 300, unparseable_date: 45 } };

  it('headline: Portuguese labels, numbers and dates', async () => {
    const el = await inLanguage<RapportHeadline>('pt', html`<rapport-headline currency="EUR" .headline=${headline}></rapport-headline>`);
    const text = shownText(el);
    for (const words of ['Clientes', 'Encomendas', 'Receita (líquida)', 'Valor médio da encomenda', 'Primeira encomenda', 'Última encomenda']) expect(text).to.include(words);
    expect(el.shadowRoot!.querySelector('dl')!.getAttribute('aria-label')).to.equal('Números principais');
    expect(text).to.include(new Intl.NumberFormat('pt').format(5678));
    expect(text).to.include('5.678');
    expect(text).to.include(new Intl.NumberFormat('pt', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 }).format(98765.5));
    expect(text).to.include(new Intl.DateTimeFormat('pt', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2024, 11, 31)));
    expect(text).to.include('42%');
    expectFilled(el);
    await expectAccessibleLightAndDark(el);
  });

  it('headline: Malay and French', async () => {
    const ms = await inLanguage<RapportHeadline>('ms', html`<rapport-headline .headline=${headline}></rapport-headline>`);
    let text = shownText(ms);
    for (const words of ['Pelanggan', 'Pesanan', 'Hasil (bersih)', 'Nilai purata pesanan', 'Pesanan terakhir']) expect(text).to.include(words);
    expect(text).to.include('5,678');
    expect(text).to.include(new Intl.DateTimeFormat('ms', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2024, 11, 31)));
    expectFilled(ms);
    await expectAccessibleLightAndDark(ms);
    const fr = await inLanguage<RapportHeadline>('fr', html`<rapport-headline .headline=${headline}></rapport-headline>`);
    text = shownText(fr);
    for (const words of ['Commandes', 'Panier moyen', 'Chiffre d’affaires (net)']) expect(text).to.include(words);
    expect(text).to.include(new Intl.NumberFormat('fr').format(5678)); // 5 678, a narrow no-break space
    expect(text).to.include(new Intl.NumberFormat('fr', { style: 'percent' }).format(0.42)); // 42 %, a narrow no-break space
    expectFilled(fr);
    await expect(fr).to.be.accessible();
  });

  it('drop zone: Portuguese, Malay and Spanish', async () => {
    const pt = await inLanguage<RapportDropZone>('pt', html`<rapport-drop-zone></rapport-drop-zone>`);
    expect(pt.shadowRoot!.querySelector('button')!.textContent!.trim()).to.equal('Escolher um ficheiro…');
    expect(pt.shadowRoot!.querySelector('[part~=note]')!.textContent).to.include('largue aqui uma exportação de encomendas');
    expect(pt.shadowRoot!.querySelector('input')!.getAttribute('aria-label')).to.equal('Ficheiro de encomendas');
    expectFilled(pt);
    await expectAccessibleLightAndDark(pt);
    const ms = await inLanguage<RapportDropZone>('ms', html`<rapport-drop-zone></rapport-drop-zone>`);
    expect(ms.shadowRoot!.querySelector('button')!.textContent!.trim()).to.equal('Pilih fail…');
    expect(ms.shadowRoot!.querySelector('input')!.getAttribute('aria-label')).to.equal('Fail pesanan');
    expectFilled(ms);
    await expect(ms).to.be.accessible();
    const es = await inLanguage<RapportDropZone>('es', html`<rapport-drop-zone></rapport-drop-zone>`);
    expect(shownText(es)).to.include('Elegir un archivo…');
    expect(shownText(es)).to.include('suelte aquí');
    expectFilled(es);
  });

  it('load report: Portuguese counts, roles, reject reasons from their codes; warnings as given', async () => {
    const el = await inLanguage<RapportLoadReport>('pt', html`<rapport-load-report .report=${bigReport}></rapport-load-report>`);
    const text = shownText(el);
    expect(text).to.include('Relatório de carregamento: shop.csv');
    expect(text).to.include('12.345 linhas lidas:');
    expect(text).to.include('12.000 carregadas');
    expect(text).to.include('345 rejeitadas');
    expect(text).to.include('1 devolução ou cancelamento (descontados do gasto).');
    expect(text).to.include('CSV, datas em ano/mês/dia, separador decimal ponto');
    expect(text).to.include('ID do cliente ← customer');
    expect(text).to.include('Valor ← total');
    expect(text).to.include('1,2 s');
    expect(text).to.include('Linhas rejeitadas por motivo');
    expect(text).to.include('300: sem ID do cliente');
    // From the data layer: shown as given.
    expect(text).to.include('30% of the rows of shop.csv');
    el.shadowRoot!.querySelector('details')!.open = true;
    const headers = [...el.shadowRoot!.querySelectorAll('[part~=table-header]')].map((th) => th.textContent!.trim());
    expect(headers).to.deep.equal(['Linha', 'Motivo', 'Coluna', 'Valor']);
    const cells = [...el.shadowRoot!.querySelectorAll('tbody td')].map((td) => td.textContent);
    expect(cells).to.include('a data da encomenda não é uma data');
    expect(el.shadowRoot!.querySelector('caption')!.textContent).to.equal('Primeiras linhas rejeitadas');
    expectFilled(el);
    await expectAccessibleLightAndDark(el);
  });

  it('load report: Malay and French, and an explicit locale wins for numbers', async () => {
    const ms = await inLanguage<RapportLoadReport>('ms', html`<rapport-load-report .report=${bigReport}></rapport-load-report>`);
    let text = shownText(ms);
    expect(text).to.include('Laporan muat naik: shop.csv');
    expect(text).to.include('12,345 baris dibaca:');
    expect(text).to.include('12,000 dimuatkan');
    expect(text).to.include('345 ditolak');
    expect(text).to.include('ID pelanggan ← customer');
    expect(text).to.include('1.2 saat');
    expect(text).to.include('300: tiada ID pelanggan');
    expectFilled(ms);
    await expectAccessibleLightAndDark(ms);

    const fr = await inLanguage<RapportLoadReport>('fr', html`<rapport-load-report .report=${{ ...report, aggregatedLines: true, returns: { orders: 2, lines: 2, policy: 'exclude' } }}></rapport-load-report>`);
    text = shownText(fr);
    expect(text).to.include('10 lignes lues :');
    expect(text).to.include('7 chargées');
    expect(text).to.include('3 rejetées, regroupées en 8 commandes.');
    expect(text).to.include('2 retours ou annulations (exclus).');
    expect(text).to.include('Montant ← total');
    expectFilled(fr);
    await expect(fr).to.be.accessible();

    const pinned = await inLanguage<RapportLoadReport>('pt', html`<rapport-load-report locale="en-US" .report=${bigReport}></rapport-load-report>`);
    expect(shownText(pinned)).to.include('12,345 linhas lidas:');
  });

  it('load report: follows a change of language', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><rapport-load-report .report=${report}></rapport-load-report></div>`);
    const el = wrapper.firstElementChild as RapportLoadReport;
    expect(shownText(el)).to.include('10 rows read:');
    wrapper.setAttribute('lang', 'es');
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(shownText(el)).to.include('10 filas leídas:');
    expect(shownText(el)).to.include('ID de cliente ← customer');
  });

  it('mapping form: Portuguese, Malay and Spanish; questions from detection as given', async () => {
    const profiles = MAPPING_PROFILES;
    const decision = MAPPING_DECISION;
    const pt = await inLanguage<RapportMappingForm>('pt', html`<rapport-mapping-form file="f.csv" .profiles=${profiles} .decision=${decision}></rapport-mapping-form>`);
    const labels = (el: Element) => [...el.shadowRoot!.querySelectorAll('[part~=label]')].map((l) => l.textContent!.trim());
    expect(pt.shadowRoot!.querySelector('h2')!.textContent).to.equal('Verifique as colunas de f.csv');
    expect(labels(pt)).to.deep.equal(['ID do cliente *', 'Data da encomenda *', 'Valor (total da encomenda ou da linha)', 'ID da encomenda / fatura', 'Quantidade', 'Preço unitário']);
    let text = shownText(pt);
    expect(text).to.include('(nenhuma)');
    expect(text).to.include('p. ex. 01/02/2024 · 03/04/2024');
    expect(text).to.include('Datas como 01/02/2024 estão no formato');
    expect(text).to.include('dia/mês/ano');
    expect(text).to.include('mês/dia/ano');
    expect(text).to.include('Carregar com estas colunas');
    expect(text).to.include('Cancelar');
    expect(text).to.include('Is column "Client" the customer id?');
    expectFilled(pt);
    await expectAccessibleLightAndDark(pt);

    const ms = await inLanguage<RapportMappingForm>('ms', html`<rapport-mapping-form file="f.csv" .profiles=${profiles} .decision=${decision}></rapport-mapping-form>`);
    expect(labels(ms).slice(0, 2)).to.deep.equal(['ID pelanggan *', 'Tarikh pesanan *']);
    text = shownText(ms);
    expect(text).to.include('Semak lajur f.csv');
    expect(text).to.include('hari/bulan/tahun');
    expect(text).to.include('Muat dengan lajur ini');
    expectFilled(ms);
    await expect(ms).to.be.accessible();

    const es = await inLanguage<RapportMappingForm>('es', html`<rapport-mapping-form file="f.csv" .profiles=${profiles} .decision=${decision}></rapport-mapping-form>`);
    expect(labels(es)[2]).to.equal('Importe (total del pedido o de la línea)');
    expect(shownText(es)).to.include('Revise las columnas de f.csv');
    expectFilled(es);
  });
});

describe('small elements: parts and tokens', () => {
  const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;

  it('take their colours from the documented custom properties', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <rapport-load-report .report=${report}></rapport-load-report>
      <rapport-drop-zone></rapport-drop-zone>
    </div>`);
    const tokens = {
      '--rapport-load-report-rejected-color': 'rgb(1, 2, 3)',
      '--rapport-load-report-background': 'rgb(4, 5, 6)',
      '--rapport-drop-zone-note-color': 'rgb(7, 8, 9)',
      '--rapport-color-surface': 'rgb(13, 14, 15)',
    };
    for (const [name, value] of Object.entries(tokens)) wrapper.style.setProperty(name, value);
    const load = wrapper.querySelector('rapport-load-report')!;
    const zone = wrapper.querySelector('rapport-drop-zone')!;
    await load.updateComplete;
    expect(getComputedStyle(part(load, 'rejected')).color).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(part(load, 'card')).backgroundColor).to.equal('rgb(4, 5, 6)');
    expect(getComputedStyle(part(zone, 'note')).color).to.equal('rgb(7, 8, 9)');
    expect(getComputedStyle(part(zone, 'card')).backgroundColor).to.equal('rgb(13, 14, 15)');
    for (const name of ['title', 'summary', 'warning', 'facts', 'toggle', 'table', 'table-header', 'table-row', 'table-cell']) expect(part(load, name), name).to.not.equal(null);
    expect(part(zone, 'button')).to.not.equal(null);
  });
});
