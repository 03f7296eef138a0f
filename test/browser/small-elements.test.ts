import './setup.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import type { RapportDropZone } from '../../src/components/drop-zone/rapport-drop-zone.js';
import type { RapportLoadReport } from '../../src/components/load-report/rapport-load-report.js';
import type { RapportHeadline } from '../../src/components/headline/rapport-headline.js';
import type { RapportMappingForm } from '../../src/components/mapping-form/rapport-mapping-form.js';
import type { LoadReport, MappingDecision } from '../../src/data/ingest/types.js';
import type { ColumnProfile } from '../../src/data/ingest/detect-mapping.js';

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
});

describe('rapport-mapping-form', () => {
  const profiles: ColumnProfile[] = ['Client', 'Quand', 'Total'].map((name, i) => ({
    name, rows: 3, nonEmpty: 3, distinct: 3, dates: i === 1 ? 3 : 0, firstOver12: 0, secondOver12: 0,
    slashDates: i === 1 ? 3 : 0, numbers: i === 2 ? 3 : 0, integers: 0, pointEvidence: 0, commaEvidence: 0,
    samples: i === 1 ? ['01/02/2024', '03/04/2024'] : ['a', 'b'],
  }));
  const decision: MappingDecision = {
    mapping: { customer_id: 'Client', order_date: 'Quand', amount: 'Total' },
    certainty: { customer_id: 'guess', order_date: 'values', amount: 'guess' },
    dateOrder: 'dmy',
    dateOrderCertain: false,
    decimal: 'point',
    questions: ['Is column "Client" the customer id?'],
    missing: [],
  };

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
