import './setup.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { RapportDashboard } from '../../src/components/dashboard/rapport-dashboard.js';
import { tableFromArrays } from 'apache-arrow';
import { sampleOrdersCsv } from '../../src/sample/sample-orders.js';

const shadowText = (el: Element): string => {
  const parts: string[] = [];
  const walk = (root: ParentNode) => {
    for (const node of root.querySelectorAll('*')) {
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    parts.push(root instanceof ShadowRoot ? root.textContent ?? '' : '');
  };
  walk(el.shadowRoot!);
  return parts.join(' ').replace(/\s+/g, ' ');
};
const inner = <T extends Element>(el: Element, tag: string) => el.shadowRoot!.querySelector(tag) as T | null;

function drop(el: RapportDashboard, name: string, content: BlobPart) {
  const zone = inner<HTMLElement>(el, 'rapport-drop-zone')!.shadowRoot!.querySelector('.zone')!;
  const dt = new DataTransfer();
  dt.items.add(new File([content], name));
  zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
}

// One engine for the whole file: starting DuckDB-WASM takes about a second.
let shared: RapportDashboard;

describe('rapport-dashboard with the real engine', function () {
  this.timeout(120_000);

  // Mounted by hand: fixture() removes its element after each test, and this one must stay.
  before(async () => {
    shared = document.createElement('rapport-dashboard');
    shared.locale = 'en-US';
    document.body.append(shared);
    await shared.updateComplete;
  });
  after(() => shared.remove());

  it('loads a dropped file and shows the report, headline figures and customers', async () => {
    const loaded = oneEvent(shared, 'rapport-load');
    drop(shared, 'sample-orders.csv', sampleOrdersCsv());
    const { detail } = await loaded;
    expect(detail.report.rowsRead).to.equal(detail.report.rowsLoaded + detail.report.rowsRejected);
    expect(detail.report.rowsRejected).to.equal(6);
    await shared.updateComplete;
    await waitUntil(() => inner(shared, 'rapport-customer-table'), 'customer table');
    const text = shadowText(shared);
    expect(text).to.include(`${detail.report.rowsRead.toLocaleString('en-US')} rows read`);
    expect(text).to.include('2,500'); // customers
    expect(text).to.include('Repeat customers');
    const table = inner<HTMLElement>(shared, 'rapport-customer-table')!;
    await waitUntil(() => table.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length > 0, 'rows');
    await expect(shared).to.be.accessible();
  });

  it('sorts customers in SQL when a header is activated', async () => {
    const table = inner<HTMLElement>(shared, 'rapport-customer-table')!;
    const header = [...table.shadowRoot!.querySelectorAll('[role=columnheader] button')].find((b) => b.textContent!.includes('Customer'))! as HTMLButtonElement;
    header.click();
    await waitUntil(() => table.shadowRoot!.querySelector('lit-virtualizer [aria-rowindex="2"] [role=cell]')?.textContent === 'CUST-00001', 'sorted by id', { timeout: 10_000 });
  });

  it('reports a bad file clearly and keeps the dataset loaded before', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const failed = oneEvent(shared, 'rapport-error');
    drop(shared, 'photo.png', png);
    const { detail } = await failed;
    expect(detail.code).to.equal('not-data');
    expect(detail.message).to.include('photo.png');
    expect(detail.message).to.include('PNG');
    await shared.updateComplete;
    const alert = shared.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.include('still shown');
    expect(shadowText(shared)).to.include('sample-orders.csv'); // the old report is still there
  });

  it('asks when dates could be day/month or month/day, then loads with the answer', async () => {
    const csv = 'customer,date,total\nA,01/02/2024,10\nB,03/04/2024,20\nA,05/06/2024,30\n';
    const asked = oneEvent(shared, 'rapport-needs-input');
    drop(shared, 'ambiguous.csv', csv);
    await asked;
    await shared.updateComplete;
    const form = inner<HTMLElement>(shared, 'rapport-mapping-form')!;
    await expect(shared).to.be.accessible();
    (form.shadowRoot!.querySelector('input[value=mdy]') as HTMLInputElement).click();
    const loaded = oneEvent(shared, 'rapport-load');
    (form.shadowRoot!.querySelector('button[type=submit]') as HTMLButtonElement).click();
    const { detail } = await loaded;
    expect(detail.report.dateOrder).to.equal('mdy');
    expect(detail.report.firstOrder).to.equal('2024-01-02');
    expect(detail.report.lastOrder).to.equal('2024-05-06');
  });

  it('asks which column is which when none looks like a date, and Cancel keeps what was loaded', async () => {
    const asked = oneEvent(shared, 'rapport-needs-input');
    drop(shared, 'notes.csv', 'a,b,c\nhello,world,1.5\nx,y,2\n');
    const { detail } = await asked;
    expect(detail.decision.missing.map((m: { role: string }) => m.role)).to.include('order_date');
    await shared.updateComplete;
    const form = inner<HTMLElement>(shared, 'rapport-mapping-form')!;
    expect(form.shadowRoot!.textContent).to.include('No column looks like an order date');
    [...form.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Cancel')!.click();
    await shared.updateComplete;
    expect(inner(shared, 'rapport-mapping-form')).to.equal(null);
    expect(shadowText(shared)).to.include('ambiguous.csv'); // still the dataset loaded before
  });

  it('cancels a long load from the progress bar, keeps the previous dataset, and loads again after', async () => {
    const big = sampleOrdersCsv({ customers: 60_000, seed: 7 }); // about 185,000 lines
    const failed = oneEvent(shared, 'rapport-error');
    drop(shared, 'big.csv', big);
    await waitUntil(() => shared.shadowRoot!.querySelector('[part=progress] button'), 'progress bar with cancel', { timeout: 10_000 });
    (shared.shadowRoot!.querySelector('[part=progress] button') as HTMLButtonElement).click();
    const { detail } = await failed;
    expect(detail.code).to.equal('cancelled');
    expect(detail.message).to.include('big.csv');
    await shared.updateComplete;
    expect(shared.shadowRoot!.querySelector('[part=progress]')).to.equal(null);
    expect(shadowText(shared)).to.include('ambiguous.csv'); // the dataset loaded before
    const loaded = oneEvent(shared, 'rapport-load');
    drop(shared, 'after.csv', 'customer_id,order_date,amount\nQ,2024-01-01,1\n');
    expect((await loaded).detail.report.rowsLoaded).to.equal(1);
  });

  it('loads records and Arrow tables given through the data property', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard></rapport-dashboard>`);
    el.engine = await shared.getDataset().then((d) => d.engine);
    let loaded = oneEvent(el, 'rapport-load');
    el.data = [
      { customer: 'A', date: '2024-01-01', total: 5 },
      { customer: 'A', date: '2024-02-01', total: 7.5 },
      { customer: 'B', date: new Date('2024-03-01T00:00:00Z'), total: 1 },
    ];
    let { detail } = await loaded;
    expect(detail.report.format).to.equal('json');
    expect([detail.report.customers, detail.report.orders, detail.report.totalAmount]).to.deep.equal([2, 3, 13.5]);
    loaded = oneEvent(el, 'rapport-load');
    el.data = tableFromArrays({ customer_id: ['X', 'Y'], order_date: ['2024-05-01', '2024-05-02'], amount: Float64Array.from([2, 3]) });
    ({ detail } = await loaded);
    expect(detail.report.format).to.equal('arrow');
    expect([detail.report.rowsLoaded, detail.report.totalAmount]).to.deep.equal([2, 5]);
  });

  it('loads from the src attribute', async () => {
    const url = URL.createObjectURL(new Blob(['customer_id,order_date,amount\nX,2024-01-01,5\nY,2024-02-01,7\n'], { type: 'text/csv' }));
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard></rapport-dashboard>`);
    el.engine = await shared.getDataset().then((d) => d.engine);
    const loaded = oneEvent(el, 'rapport-load');
    el.src = url;
    const { detail } = await loaded;
    expect(detail.report.customers).to.equal(2);
  });
});

describe('rapport-dashboard when the engine cannot start', function () {
  this.timeout(60_000);

  it('shows a clear error within seconds when the wasm and worker are missing', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard duckdb-base="/no-such-folder/"></rapport-dashboard>`);
    const started = performance.now();
    const failed = oneEvent(el, 'rapport-error');
    void el.load({ name: 'x.csv', bytes: new TextEncoder().encode('customer_id,order_date,amount\nA,2024-01-01,1\n') });
    const { detail } = await failed;
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).to.be.lessThan(10);
    expect(detail.code).to.equal('engine-unavailable');
    expect(detail.message).to.include('404');
    expect(detail.message).to.include('duckdb-browser-eh.worker.js');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.include('could not start');
    await expect(el).to.be.accessible();
  });

  it('names a wasm file served with the wrong type', async () => {
    // The worker loads, but the "wasm" is an HTML page: a typical server misconfiguration.
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard></rapport-dashboard>`);
    el.duckdbBase = new URL('/wrong-mime/duckdb/', location.href).href;
    const failed = oneEvent(el, 'rapport-error');
    void el.load({ name: 'x.csv', bytes: new TextEncoder().encode('a\n1\n') });
    const { detail } = await failed;
    expect(detail.code).to.equal('engine-unavailable');
    expect(detail.message).to.include('duckdb-eh.wasm is served as "text/html');
  });
});
