import './setup.js';
import { shownRows } from './setup.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { RapportDashboard } from '../../src/components/dashboard/rapport-dashboard.js';
import type { RapportClv } from '../../src/components/clv/rapport-clv.js';
import type { ClvModel } from '../../src/data/clv-model.js';
import type { RapportCustomerTable } from '../../src/components/customer-table/rapport-customer-table.js';
import { tableFromArrays } from 'apache-arrow';
import { sampleFeedbackCsv, sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { sampleSurveyCsv } from '../../src/sample/sample-survey.js';
import type { QualityGapResult } from '../../src/analytics/quality.js';
import type { VoiceResult } from '../../src/analytics/voice.js';
import type { DeliveryGapResult } from '../../src/analytics/delivery.js';
import { createBrowserEngine } from '../../src/data/engine/browser-engine.js';
import { EngineError, type Engine } from '../../src/data/engine/engine.js';
import { forgetTablePresence } from '../../src/data/table-presence.js';

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

function dropFiles(el: RapportDashboard, files: File[]) {
  const zone = inner<HTMLElement>(el, 'rapport-drop-zone')!.shadowRoot!.querySelector('.zone')!;
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
}
const drop = (el: RapportDashboard, name: string, content: BlobPart) => dropFiles(el, [new File([content], name)]);

/** The dashboard's one live region. */
const live = (el: RapportDashboard) => el.shadowRoot!.querySelector('[role=status]')!;
/** The "Choose a file…" button, where focus goes when what had it disappears. */
const fileButton = (el: RapportDashboard) => inner<HTMLElement>(el, 'rapport-drop-zone')!.shadowRoot!.querySelector('button')!;
const hasFocus = (el: RapportDashboard, target: Element) => {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active === target;
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every rapport-load and rapport-error an element sends, until stopped. */
function record(el: EventTarget) {
  const loads: CustomEvent[] = [];
  const errors: CustomEvent[] = [];
  const onLoad = (e: Event) => loads.push(e as CustomEvent);
  const onError = (e: Event) => errors.push(e as CustomEvent);
  el.addEventListener('rapport-load', onLoad);
  el.addEventListener('rapport-error', onError);
  return { loads, errors, stop: () => (el.removeEventListener('rapport-load', onLoad), el.removeEventListener('rapport-error', onError)) };
}

const SMALL_CSV = 'customer_id,order_date,amount\nS1,2024-01-01,5\nS2,2024-01-02,6\n';

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
    const table = inner<RapportCustomerTable>(shared, 'rapport-customer-table')!;
    // At once a first page of the list, and the count of everyone; the whole list, scored, once the analyses are in.
    expect(table.rows).to.have.length(1_000);
    expect(table.source).to.equal(null);
    expect(table.total).to.equal(2_500);
    expect(table.shadowRoot!.textContent).to.include('1,000 of 2,500');
    // The download waits for the whole list: a file of the first page would say nothing of it.
    const downloadButton = () => table.shadowRoot!.querySelector<HTMLButtonElement>('.download-button')!;
    expect(downloadButton().disabled).to.equal(true);
    await waitUntil(async () => { const rows = await shownRows(table); return rows.length === 2_500 && rows.every((row) => row.segment !== null); }, 'the whole scored list', { timeout: 60_000 });
    expect(table.total).to.equal(2_500);
    await table.updateComplete;
    expect(downloadButton().disabled).to.equal(false);
    // The table virtualises its rows: only those in view are drawn.
    table.scrollIntoView();
    await waitUntil(() => table.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length > 0, 'rows');
    const r = detail.report;
    expect(live(shared).textContent).to.equal(
      `Loaded sample-orders.csv: ${r.rowsRead.toLocaleString('en-US')} rows read, ${r.rowsLoaded.toLocaleString('en-US')} loaded, ${r.rowsRejected} rejected.`,
    );
    expect(live(shared).getAttribute('aria-live')).to.equal('polite');
    await expect(shared).to.be.accessible();
  });

  it('lets a page style its own pieces and the main parts of the elements inside', async () => {
    const style = document.createElement('style');
    style.textContent = `
      rapport-dashboard::part(section-title) { color: rgb(1, 2, 3); }
      rapport-dashboard::part(headline-value) { color: rgb(4, 5, 6); }
      rapport-dashboard::part(drop-zone-button) { color: rgb(7, 8, 9); }
    `;
    document.head.append(style);
    try {
      const title = shared.shadowRoot!.querySelector('[part~=section-title]')!;
      expect(getComputedStyle(title).color).to.equal('rgb(1, 2, 3)');
      const value = inner<HTMLElement>(shared, 'rapport-headline')!.shadowRoot!.querySelector('[part~=value]')!;
      expect(getComputedStyle(value).color).to.equal('rgb(4, 5, 6)');
      expect(getComputedStyle(fileButton(shared)).color).to.equal('rgb(7, 8, 9)');
    } finally {
      style.remove();
    }
  });

  it('sorts customers in SQL when a header is activated', async () => {
    const table = inner<HTMLElement>(shared, 'rapport-customer-table')!;
    // The segment charts sit above the table: scroll to it as a user would (a virtualised
    // table renders only the rows in view).
    table.scrollIntoView();
    const header = [...table.shadowRoot!.querySelectorAll('[role=columnheader] button')].find((b) => b.textContent!.includes('Customer'))! as HTMLButtonElement;
    header.click();
    await waitUntil(() => table.shadowRoot!.querySelector('lit-virtualizer [aria-rowindex="2"] [role=cell]')?.textContent === 'CUST-00001', 'sorted by id', { timeout: 10_000 }).catch((e) => { throw new Error(`${e.message}; first row: ${table.shadowRoot!.querySelector('lit-virtualizer [aria-rowindex="2"] [role=cell]')?.textContent}; rows in DOM: ${table.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length}; sort: ${table.getAttribute('sort-key')} ${table.getAttribute('sort-direction')}`); });
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
    await expect(shared).to.be.accessible();
    // Dismissing removes the focused button: focus goes to the file button, not to the page.
    const dismiss = alert.querySelector('button')!;
    dismiss.focus();
    dismiss.click();
    await shared.updateComplete;
    expect(shared.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
    expect(hasFocus(shared, fileButton(shared))).to.equal(true);
  });

  it('asks when dates could be day/month or month/day, then loads with the answer', async () => {
    const csv = 'customer,date,total\nA,01/02/2024,10\nB,03/04/2024,20\nA,05/06/2024,30\n';
    const asked = oneEvent(shared, 'rapport-needs-input');
    drop(shared, 'ambiguous.csv', csv);
    await asked;
    await shared.updateComplete;
    const form = inner<HTMLElement>(shared, 'rapport-mapping-form')!;
    // The form takes focus on its heading, so it is read out and Tab goes on to the first column.
    const heading = form.shadowRoot!.querySelector('h2')!;
    await waitUntil(() => hasFocus(shared, heading), 'the form heading has focus');
    expect(live(shared).textContent).to.include('ambiguous.csv needs your answer');
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
    const cancel = [...form.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Cancel')!;
    cancel.focus();
    cancel.click();
    await shared.updateComplete;
    expect(inner(shared, 'rapport-mapping-form')).to.equal(null);
    expect(shadowText(shared)).to.include('ambiguous.csv'); // still the dataset loaded before
    expect(hasFocus(shared, fileButton(shared))).to.equal(true);
    expect(live(shared).textContent).to.equal('notes.csv was not loaded. The data loaded before is still shown.');
  });

  it('cancels a long load from the progress bar, keeps the previous dataset, and loads again after', async () => {
    const big = sampleOrdersCsv({ customers: 60_000, seed: 7 }); // about 185,000 lines
    const failed = oneEvent(shared, 'rapport-error');
    drop(shared, 'big.csv', big);
    await waitUntil(() => shared.shadowRoot!.querySelector('[part=progress] button'), 'progress bar with cancel', { timeout: 10_000 });
    // The progress area is not a live region (its Cancel button must not be in one); the live region says what is loading.
    const progress = shared.shadowRoot!.querySelector('[part=progress]')!;
    expect(progress.closest('[aria-live], [role=status], [role=alert]')).to.equal(null);
    expect(progress.querySelector('[aria-live], [role=status]')).to.equal(null);
    expect(live(shared).textContent).to.equal('Loading big.csv…');
    const cancel = progress.querySelector('button')!;
    cancel.focus();
    cancel.click();
    const { detail } = await failed;
    expect(detail.code).to.equal('cancelled');
    expect(detail.message).to.include('big.csv');
    await shared.updateComplete;
    expect(shared.shadowRoot!.querySelector('[part=progress]')).to.equal(null);
    // The user asked for it: announced politely, not raised as an alert; focus goes back to the file button.
    expect(shared.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
    expect(live(shared).textContent).to.equal('Cancelled. The data loaded before is still shown.');
    expect(hasFocus(shared, fileButton(shared))).to.equal(true);
    expect(shadowText(shared)).to.include('ambiguous.csv'); // the dataset loaded before
    const loaded = oneEvent(shared, 'rapport-load');
    drop(shared, 'after.csv', 'customer_id,order_date,amount\nQ,2024-01-01,1\n');
    expect((await loaded).detail.report.rowsLoaded).to.equal(1);
  });

  it('a file dropped during a load replaces it: one rapport-load, for the new file, and no trace of the first', async () => {
    const big = sampleOrdersCsv({ customers: 60_000, seed: 11 });
    const heard = record(shared);
    drop(shared, 'big.csv', big);
    await waitUntil(() => shared.shadowRoot!.querySelector('[part=progress]'), 'the big load shows its progress', { timeout: 10_000 });
    // The drop zone stays usable during a load: a new file is never silently refused.
    const zone = inner<HTMLElement & { disabled: boolean }>(shared, 'rapport-drop-zone')!;
    expect(zone.disabled).to.equal(false);
    expect(fileButton(shared).hasAttribute('disabled')).to.equal(false);
    // From the second drop until its load, the page must stay "loading": no flash of the old page in between.
    let progressRemoved = 0;
    const countRemovals = (records: MutationRecord[]) => {
      for (const r of records) for (const n of r.removedNodes) if (n instanceof Element && n.getAttribute('part') === 'progress') progressRemoved++;
    };
    const observer = new MutationObserver(countRemovals);
    observer.observe(shared.shadowRoot!, { childList: true, subtree: true });
    let removedBeforeLoad = -1;
    const loaded = new Promise<CustomEvent>((resolve) =>
      shared.addEventListener(
        'rapport-load',
        (e) => {
          countRemovals(observer.takeRecords());
          observer.disconnect();
          removedBeforeLoad = progressRemoved;
          resolve(e as CustomEvent);
        },
        { once: true },
      ),
    );
    drop(shared, 'small.csv', SMALL_CSV);
    // Dropped files are told apart by their header lines first (orders, customer list or feedback).
    await waitUntil(() => live(shared).textContent !== 'Loading big.csv…', 'the second drop starts', { timeout: 5000 });
    expect(live(shared).textContent).to.equal('Stopped loading big.csv. Loading small.csv…');
    const { detail } = await loaded;
    expect(detail.report.file).to.equal('small.csv');
    expect(detail.report.rowsLoaded).to.equal(2);
    expect(removedBeforeLoad).to.equal(0);
    await pause(200);
    await shared.updateComplete;
    heard.stop();
    expect(heard.loads.map((e) => e.detail.report.file)).to.deep.equal(['small.csv']);
    expect(heard.errors.map((e) => e.detail.message)).to.deep.equal([]);
    expect(shared.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
    expect(shared.shadowRoot!.querySelector('[part=progress]')).to.equal(null);
    expect(live(shared).textContent).to.equal('Loaded small.csv: 2 rows read, 2 loaded, 0 rejected.');
    expect(shadowText(shared)).to.include('Load report: small.csv');
  });

  it('a second drop right after the first wins, even when the first file takes longer to read', async () => {
    const heard = record(shared);
    const loaded = oneEvent(shared, 'rapport-load');
    drop(shared, 'big.csv', sampleOrdersCsv({ customers: 60_000, seed: 12 }));
    drop(shared, 'second.csv', SMALL_CSV);
    expect((await loaded).detail.report.file).to.equal('second.csv');
    await pause(200);
    heard.stop();
    expect(heard.loads).to.have.length(1);
    expect(heard.errors).to.have.length(0);
  });

  it('loads the first of several dropped files and says so', async () => {
    const heard = record(shared);
    const loaded = oneEvent(shared, 'rapport-load');
    dropFiles(shared, [new File([SMALL_CSV], 'x.csv'), new File(['a'], 'y.csv'), new File(['b'], 'z.csv')]);
    await waitUntil(() => live(shared).textContent?.includes('files dropped'), 'the drop is announced', { timeout: 5000 });
    expect(live(shared).textContent).to.equal('3 files dropped; loading the first, x.csv.');
    expect((await loaded).detail.report.file).to.equal('x.csv');
    await pause(100);
    heard.stop();
    expect(heard.loads).to.have.length(1);
    expect(heard.errors).to.have.length(0);
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

  it('loads the last src when it changes quickly, and nothing of the one before', async () => {
    const big = URL.createObjectURL(new Blob([sampleOrdersCsv({ customers: 60_000, seed: 13 })], { type: 'text/csv' }));
    const small = URL.createObjectURL(new Blob([SMALL_CSV], { type: 'text/csv' }));
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard></rapport-dashboard>`);
    el.engine = await shared.getDataset().then((d) => d.engine);
    const heard = record(el);
    const loaded = oneEvent(el, 'rapport-load');
    el.src = big;
    await el.updateComplete; // the first download has started
    el.src = small;
    const { detail } = await loaded;
    expect(detail.report.customers).to.equal(2);
    await pause(200);
    heard.stop();
    expect(heard.loads).to.have.length(1);
    expect(heard.errors).to.have.length(0);
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
  });

  it('names the URL and the status when a download fails', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard></rapport-dashboard>`);
    el.engine = await shared.getDataset().then((d) => d.engine);
    const failed = oneEvent(el, 'rapport-error');
    el.src = '/no-such-folder/orders.csv';
    const { detail } = await failed;
    expect(detail.code).to.equal('unreadable');
    expect(detail.message).to.include('/no-such-folder/orders.csv');
    expect(detail.message).to.include('404');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.include('404');
    await expect(el).to.be.accessible();
  });

  it('cancels a download', async () => {
    const url = URL.createObjectURL(new Blob([SMALL_CSV], { type: 'text/csv' }));
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard></rapport-dashboard>`);
    el.engine = await shared.getDataset().then((d) => d.engine);
    const heard = record(el);
    const result = el.loadUrl(url);
    el.cancel();
    expect(await result).to.equal(null);
    heard.stop();
    expect(heard.loads).to.have.length(0);
    expect(heard.errors.map((e) => e.detail.code)).to.deep.equal(['cancelled']);
  });
});

describe('rapport-dashboard segments and the customer list', function () {
  this.timeout(120_000);
  let engine: Engine;
  before(async () => {
    engine = await createBrowserEngine();
  });
  after(() => engine.close());

  async function loadedSample(attributes: Partial<RapportDashboard> = {}) {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
    Object.assign(el, attributes);
    el.engine = engine;
    const report = await el.load({ name: 'sample-orders.csv', bytes: new TextEncoder().encode(sampleOrdersCsv()) });
    await waitUntil(() => inner(el, 'rapport-segments'), 'segments shown', { timeout: 30_000 }).catch((e) => {
      throw new Error(`${(e as Error).message}; report ${JSON.stringify(report?.rowsLoaded)}; page: ${shadowText(el).slice(0, 600)}`);
    });
    const table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
    await waitUntil(async () => (await shownRows(table)).some((r) => r.segment), 'rows carry segments', { timeout: 10_000 });
    return { el, table };
  }

  it('scores the customer list, shows the types, and lists a segment chosen in the chart', async () => {
    const { el, table } = await loadedSample();
    expect(shadowText(el)).to.match(/Active: [\d,]+; Inactive: [\d,]+ \(no purchase in the last \d+ days/);
    const segments = inner<HTMLElement & { summary: { segment: string; customers: number }[]; selected?: string }>(el, 'rapport-segments')!;
    const atRisk = segments.summary.find((s) => s.segment === 'At Risk')!;
    expect(atRisk.customers).to.be.greaterThan(0);
    segments.dispatchEvent(new CustomEvent('rapport-segment-select', { detail: { segment: 'At Risk' }, bubbles: true, composed: true }));
    await waitUntil(async () => (await shownRows(table)).length === atRisk.customers, 'only At Risk listed', { timeout: 10_000 });
    expect(new Set((await shownRows(table)).map((r) => r.segment))).to.deep.equal(new Set(['At Risk']));
    await el.updateComplete;
    expect(table.segment).to.equal('At Risk');
    expect(segments.selected).to.equal('At Risk');
    expect(table.shadowRoot!.querySelector('.count')!.textContent).to.equal(`${atRisk.customers} of 2,500 customers`);
    expect(live(el).textContent).to.equal(`Showing ${atRisk.customers} customers in At Risk.`);
    // The table's own type filter narrows it further, in SQL.
    table.dispatchEvent(new CustomEvent('rapport-filter', { detail: { segment: 'At Risk', type: 'active' }, bubbles: true, composed: true }));
    await waitUntil(async () => (await shownRows(table)).every((r) => r.type === 'active' && r.segment === 'At Risk'), 'At Risk and active', { timeout: 10_000 });
    // Back to everyone.
    table.dispatchEvent(new CustomEvent('rapport-filter', { detail: { segment: null, type: null }, bubbles: true, composed: true }));
    await waitUntil(async () => (await shownRows(table)).length === 2500, 'all customers again', { timeout: 10_000 });
    await expect(el).to.be.accessible();
  });

  it("a file too large for the engine's memory is said as such; the dataset before stays, and the page loads again when memory allows", async () => {
    const { el, table } = await loadedSample();
    // Every analysis of the first load done, so that only the second load meets the lowered limit.
    await waitUntil(() => inner<HTMLElement & { model: unknown }>(el, 'rapport-clv')?.model && inner(el, 'rapport-ladder'), 'first analyses shown', { timeout: 60_000 });
    await waitUntil(async () => (await shownRows(table)).some((r) => typeof r.clv === 'number'), 'value columns in the list', { timeout: 20_000 });
    const big = new File([sampleOrdersCsv({ seed: 7, customers: 20_000 })], 'big-orders.csv');
    // The engine may hold what it holds now and 8 MB more: the 59,000 new lines need more than that.
    const [held] = (await engine.query('SELECT CAST(sum(memory_usage_bytes) AS DOUBLE) AS b FROM duckdb_memory()')).toArray();
    const limit = await engine.query("SELECT current_setting('memory_limit') AS l");
    await engine.query(`SET memory_limit = '${Math.ceil(Number(held!.b) / 1e6) + 8}MB'`);
    const events = record(el);
    try {
      expect(await el.loadFile(big)).to.equal(null);
    } finally {
      await engine.query(`SET memory_limit = '${String(limit.toArray()[0]!.l)}'`);
      events.stop();
    }
    expect(events.errors.map((e) => e.detail.code)).to.deep.equal(['memory']);
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[part=error]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.match(/big-orders\.csv is too large for the memory the analytics engine may use here \([\d.]+ MiB\): it was not loaded/);
    expect(alert.textContent).to.include('still shown');
    expect(shadowText(el)).to.include('sample-orders.csv'); // the old report is still there
    expect(inner(el, 'rapport-segments')).to.not.equal(null);
    await expect(el).to.be.accessible();
    // Still usable: with its memory back, the same file loads and is scored.
    const report = await el.loadFile(big);
    expect(report?.file).to.equal('big-orders.csv');
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error]') === null, 'the error cleared', { timeout: 10_000 });
    const scored = () => inner<HTMLElement & { summary: { customers: number }[] }>(el, 'rapport-segments')?.summary.reduce((n, s) => n + s.customers, 0) ?? 0;
    await waitUntil(() => scored() > 10_000, 'the new file scored', { timeout: 60_000 });
    expect(shadowText(el)).to.include('big-orders.csv');
  });

  it('shows retention and customer value: the cohorts, the model fitted in its worker, and the value columns of the customer list', async () => {
    const { el, table } = await loadedSample();
    await waitUntil(() => inner<HTMLElement & { model: unknown }>(el, 'rapport-clv')?.model, 'value model shown', { timeout: 60_000 });
    const cohorts = inner<HTMLElement & { data: { cohorts: { customers: number }[] } | null }>(el, 'rapport-cohorts')!;
    // Every buyer of the sample shop in one acquisition month (prospects never bought).
    expect(cohorts.data!.cohorts.reduce((n, c) => n + c.customers, 0)).to.equal(2500);
    const clv = inner<HTMLElement & { model: { customers: number; ranIn: string } }>(el, 'rapport-clv')!;
    expect(clv.model.customers).to.equal(2500);
    expect(clv.model.ranIn).to.equal('worker');
    await waitUntil(async () => (await shownRows(table)).some((r) => typeof r.clv === 'number'), 'value columns in the list', { timeout: 20_000 });
    expect(el.shadowRoot!.querySelector('[part~=retention-section] h2')!.textContent).to.equal('Retention and customer value');
    // The check: a second model fitted with the last 6 months held out, its predictions beside what customers did.
    const model = clv.model as unknown as ClvModel;
    expect(model.check?.months).to.equal(6);
    expect(model.holdout).to.equal(null);
    expect(model.check!.holdout.totals.customers).to.be.greaterThan(0);
    await (clv as unknown as RapportClv).updateComplete;
    expect(clv.shadowRoot!.querySelector('[part=intro]')!.textContent).to.match(/^\s*To check it, the model was fitted again on the purchases up to/);
    // Where the value is: everyone's by segment, then the selection's beside it.
    const panel = clv as unknown as RapportClv;
    await waitUntil(() => panel.groups?.bySegment, 'value by segment', { timeout: 20_000 });
    expect(panel.groups!.bySegment!.reduce((n, g) => n + g.customers, 0)).to.equal(2500);
    table.dispatchEvent(new CustomEvent('rapport-filter', { detail: { segment: 'At Risk', type: null }, bubbles: true, composed: true }));
    await waitUntil(() => panel.selectedGroups?.selection, 'the value of the selection', { timeout: 20_000 });
    const atRisk = panel.groups!.bySegment!.find((g) => g.group === 'At Risk')!;
    expect(panel.selectedGroups!.total.customers).to.equal(atRisk.predicted);
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelector('[part=selection-note]')).to.not.equal(null);
    table.dispatchEvent(new CustomEvent('rapport-filter', { detail: { segment: null, type: null }, bubbles: true, composed: true }));
    await waitUntil(() => panel.selectedGroups === null, 'everyone again', { timeout: 20_000 });
    await expect(el).to.be.accessible();
  });

  it('another engine given after a load: the page starts afresh on it and loads its data there', async () => {
    const other = await createBrowserEngine();
    try {
      const records = [
        { customer_id: 'A', order_id: 'o1', order_date: '2024-01-05', amount: 10 },
        { customer_id: 'B', order_id: 'o2', order_date: '2024-02-05', amount: 20 },
      ];
      const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US" .engine=${engine} .data=${records}></rapport-dashboard>`);
      await oneEvent(el, 'rapport-load');
      const again = oneEvent(el, 'rapport-load');
      el.engine = other;
      expect((await again).detail.report.rowsLoaded).to.equal(2);
      const counted = await other.query('SELECT CAST(count(*) AS INTEGER) AS n FROM orders');
      expect(counted.getChild('n')!.get(0)).to.equal(2);
      await waitUntil(() => shadowText(el).includes('2 customers'), 'the figures of the new engine', { timeout: 10_000 });
      // A dashboard on an engine of its own, then given one by the page: the same.
      const own = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US" .data=${records}></rapport-dashboard>`);
      await oneEvent(own, 'rapport-load');
      await other.query('DROP TABLE IF EXISTS orders');
      forgetTablePresence(other);
      const onPage = oneEvent(own, 'rapport-load');
      own.engine = other;
      expect((await onPage).detail.report.rowsLoaded).to.equal(2);
      const there = await other.query('SELECT CAST(count(*) AS INTEGER) AS n FROM orders');
      expect(there.getChild('n')!.get(0)).to.equal(2);
    } finally {
      await other.close();
    }
  });

  it('loads a customer list dropped with the orders: prospects count as potential, rejects are named', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
    el.engine = engine;
    const list = 'customer_id,name\nCUST-00001,Ann\nPROSPECT-1,Pat\nPROSPECT-2,Sam\nPROSPECT-2,Sam again\n';
    const loaded = oneEvent(el, 'rapport-load');
    dropFiles(el, [new File([list], 'customers.csv'), new File([sampleOrdersCsv()], 'sample-orders.csv')]);
    expect((await loaded).detail.report.file).to.equal('sample-orders.csv');
    await waitUntil(() => shadowText(el).includes('Potential: 2 ('), 'potential customers shown', { timeout: 30_000 });
    const text = shadowText(el);
    expect(text).to.contain('Customer list customers.csv: 4 rows read, 3 customers loaded, 1 rejected');
    expect(text).to.contain('first on line 5');
    const table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
    table.dispatchEvent(new CustomEvent('rapport-filter', { detail: { segment: null, type: 'potential' }, bubbles: true, composed: true }));
    await waitUntil(async () => { const rows = await shownRows(table); return rows.length === 2 && rows.every((r) => r.type === 'potential' && r.orders === 0); }, 'the two prospects', { timeout: 10_000 });
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await (await el.getDataset()).unloadCustomers();
  });

  it('counts the customers below a value standard set by attribute', async () => {
    const { el } = await loadedSample({ valueStandard: 50 });
    const pareto = inner<HTMLElement & { pareto: { standard: number | null; below: number | null; by: string } }>(el, 'rapport-pareto')!;
    expect(pareto.pareto.standard).to.equal(50);
    expect(pareto.pareto.by).to.equal('revenue');
    expect(pareto.pareto.below).to.be.greaterThan(0);
    await el.updateComplete;
    expect(shadowText(el)).to.match(/[\d,]+ customers below the standard/);
  });

  it('takes segment rules by attribute, and names a bad rule instead of failing the load', async () => {
    const { el } = await loadedSample({ segmentRules: 'rf-grid' });
    const segments = inner<HTMLElement & { summary: { segment: string }[] }>(el, 'rapport-segments')!;
    expect(segments.summary.map((s) => s.segment)).to.include('Hibernating');
    el.segmentRules = '[{"name": "Best", "r": [4, 6], "f": [1, 5], "m": [1, 5]}]';
    await waitUntil(() => el.shadowRoot!.querySelector('[part=analytics-error]'), 'rule error shown', { timeout: 10_000 });
    const message = el.shadowRoot!.querySelector('[part=analytics-error]')!.textContent!;
    expect(message).to.contain('Best');
    expect(message).to.match(/6/);
    // The load itself stands: report and customers are still there.
    expect(inner(el, 'rapport-customer-table')).to.not.equal(null);
    el.segmentRules = '[{"name": "Best", "r": [4, 5], "f": [1, 5], "m": [1, 5]}]';
    await waitUntil(() => !el.shadowRoot!.querySelector('[part=analytics-error]') && inner(el, 'rapport-segments'), 'segments back', { timeout: 10_000 });
    await waitUntil(() => inner<HTMLElement & { summary: { segment: string }[] }>(el, 'rapport-segments')!.summary.map((s) => s.segment).join() === 'Best,Others', 'new rules applied', { timeout: 10_000 });
  });
});

describe('rapport-dashboard and the ladder of loyalty', function () {
  this.timeout(120_000);
  let engine: Engine;
  before(async () => {
    engine = await createBrowserEngine();
  });
  after(() => engine.close());
  type Ladder = HTMLElement & { updateComplete: Promise<boolean>; ladder: { contacts: number; rungs: { rung: string; customers: number; available: boolean }[]; evidence: { feedback: string; messages: string[] } } | null; selected: string | null };

  it('takes a feedback file dropped with the orders by its header, draws every rung, and lists a chosen rung with reasons', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
    el.engine = engine;
    const loaded = oneEvent(el, 'rapport-load');
    // "export.csv" says nothing by its name: its score column makes it feedback.
    dropFiles(el, [new File([sampleFeedbackCsv()], 'export.csv'), new File([sampleOrdersCsv()], 'sample-orders.csv')]);
    expect((await loaded).detail.report.file).to.equal('sample-orders.csv');
    await waitUntil(() => inner<Ladder>(el, 'rapport-ladder')?.ladder, 'ladder shown', { timeout: 30_000 });
    const ladder = inner<Ladder>(el, 'rapport-ladder')!;
    expect(ladder.ladder!.evidence.feedback).to.equal('matched');
    expect(ladder.ladder!.rungs.filter((r) => r.rung !== 'prospect').every((r) => r.available && r.customers > 0)).to.equal(true);
    await el.updateComplete;
    expect(shadowText(el)).to.match(/Feedback export\.csv: [\d,]+ rows read, [\d,]+ answers loaded from [\d,]+ people/);
    // Who moved since 90 days earlier follows the ladder (it takes as long again).
    await waitUntil(() => el.shadowRoot!.querySelector('[part=ladder-moves]'), 'ladder moves shown', { timeout: 30_000 });
    expect(el.shadowRoot!.querySelector('[part=ladder-moves]')!.textContent).to.match(/Since [A-Z][a-z]{2} \d{1,2}, \d{4}: [\d,]+ climbed, [\d,]+ slipped, [\d,]+ lapsed/);
    const advocates = ladder.ladder!.rungs.find((r) => r.rung === 'advocate')!.customers;
    const table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
    ladder.dispatchEvent(new CustomEvent('rapport-rung-select', { detail: { rung: 'advocate' }, bubbles: true, composed: true }));
    await waitUntil(async () => { const rows = await shownRows(table); return rows.length === advocates && rows.every((r) => r.rung === 'advocate'); }, 'only advocates listed', { timeout: 10_000 });
    expect((await shownRows(table)).every((r) => typeof r.reason === 'string' && /latest NPS|referred|recommend/.test(r.reason))).to.equal(true);
    await el.updateComplete;
    expect(table.rung).to.equal('advocate');
    expect(ladder.selected).to.equal('advocate');
    expect(live(el).textContent).to.equal(`Showing ${advocates} customers on the ladder at Advocate.`);
    await expect(el).to.be.accessible();
    // Clearing the rung lists everyone again, without reasons.
    ladder.dispatchEvent(new CustomEvent('rapport-rung-select', { detail: { rung: null }, bubbles: true, composed: true }));
    await waitUntil(async () => (await shownRows(table)).length === 2500, 'all customers again', { timeout: 10_000 });
    // Dropped by hand, not by a dataset: the next dashboard on this engine asks which tables it holds again.
    await engine.query('DROP TABLE IF EXISTS feedback');
    forgetTablePresence(engine);
  });

  it('says what it cannot know from orders alone, and names bad ladder rules in place of the ladder', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
    el.engine = engine;
    await el.load({ name: 'sample-orders.csv', bytes: new TextEncoder().encode(sampleOrdersCsv()) });
    await waitUntil(() => inner<Ladder>(el, 'rapport-ladder')?.ladder, 'ladder shown', { timeout: 30_000 });
    const ladder = inner<Ladder>(el, 'rapport-ladder')!;
    await ladder.updateComplete;
    const note = ladder.shadowRoot!.querySelector('[part=evidence]')!.textContent!;
    expect(note).to.contain('No customer list');
    expect(note).to.contain('No feedback data. Supporter inferred from frequency');
    el.ladderRules = '{"client": {"minOrders": 1}}';
    await waitUntil(() => el.shadowRoot!.querySelector('[part=ladder-error]'), 'rule error shown', { timeout: 10_000 });
    expect(el.shadowRoot!.querySelector('[part=ladder-error]')!.textContent).to.contain('client.minOrders must be a whole number, at least 2');
    expect(inner(el, 'rapport-segments')).to.not.equal(null);
    el.ladderRules = '{"client": {"minOrders": 3}}';
    await waitUntil(() => inner<Ladder>(el, 'rapport-ladder')?.ladder, 'ladder back', { timeout: 10_000 });
  });
});

describe('rapport-dashboard, service quality and the voice of the customer', function () {
  this.timeout(120_000);
  let engine: Engine;
  before(async () => {
    engine = await createBrowserEngine();
  });
  after(() => engine.close());
  type Quality = HTMLElement & { updateComplete: Promise<boolean>; gap: QualityGapResult | null; delivery: DeliveryGapResult | null };
  type Voice = HTMLElement & { updateComplete: Promise<boolean>; voice: VoiceResult | null };

  it('a survey dropped alone shows its gaps; with orders, feedback and a split by segment, every part shows', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
    el.engine = engine;
    // "answers.csv" says nothing by its name: its expectation and perception columns make it a survey.
    dropFiles(el, [new File([sampleSurveyCsv()], 'answers.csv')]);
    await waitUntil(() => inner<Quality>(el, 'rapport-quality-gap')?.gap, 'quality gaps shown', { timeout: 30_000 });
    let quality = inner<Quality>(el, 'rapport-quality-gap')!;
    expect(quality.gap!.dimensions.map((d) => d.dimension).sort()).to.deep.equal(['assurance', 'empathy', 'reliability', 'responsiveness', 'tangibles']);
    expect(quality.gap!.overall.weighting).to.equal('respondent');
    expect(quality.delivery).to.equal(null);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=survey]')!.textContent!.replace(/\s+/g, ' ')).to.match(/Survey answers\.csv: 459 respondents, 10,098 answers loaded on a 1–7 scale/);
    expect(live(el).textContent).to.equal('Loaded the survey answers.csv: 459 respondents, 10,098 answers, 0 rejected.');
    // No orders yet: nothing else shows.
    expect(inner(el, 'rapport-customer-table')).to.equal(null);
    expect(inner(el, 'rapport-voice')).to.equal(null);

    // Feedback and orders join it: the voice of the customer, promised vs delivered dates, segments to split by.
    dropFiles(el, [new File([sampleFeedbackCsv()], 'sample-feedback.csv'), new File([sampleOrdersCsv()], 'sample-orders.csv')]);
    await waitUntil(() => inner<Quality>(el, 'rapport-quality-gap')?.delivery && inner<Voice>(el, 'rapport-voice')?.voice?.bySegment, 'delivery and voice by segment shown', { timeout: 60_000 });
    quality = inner<Quality>(el, 'rapport-quality-gap')!;
    expect(quality.delivery!.onTimeShare).to.be.within(0.5, 1);
    expect(quality.gap!.linkedRespondents).to.equal(459);
    expect(quality.gap!.groupOptions.map((o) => o.by)).to.include.members(['segment', 'rung', 'age_group']);
    const voice = inner<Voice>(el, 'rapport-voice')!;
    expect(voice.voice!.total).to.equal(voice.voice!.byKind.complaint + voice.voice!.byKind.suggestion + voice.voice!.byKind.compliment);
    expect(voice.voice!.recent.length).to.be.within(1, 8);
    // The split chosen in the chart comes back from the engine, one group per segment the respondents are in.
    quality.dispatchEvent(new CustomEvent('rapport-quality-group', { detail: { by: 'segment' }, bubbles: true, composed: true }));
    await waitUntil(() => inner<Quality>(el, 'rapport-quality-gap')?.gap?.groups?.by === 'segment', 'split by segment', { timeout: 20_000 });
    const groups = inner<Quality>(el, 'rapport-quality-gap')!.gap!.groups!;
    expect(groups.groups.reduce((n, g) => n + g.respondents, 0)).to.equal(459);
    expect(live(el).textContent).to.match(/^Quality gaps by .+: \d+ groups\.$/);
    await el.updateComplete;
    await expect(el).to.be.accessible();
    // Back to all respondents.
    quality.dispatchEvent(new CustomEvent('rapport-quality-group', { detail: { by: null }, bubbles: true, composed: true }));
    await waitUntil(() => inner<Quality>(el, 'rapport-quality-gap')?.gap?.groups === null, 'all respondents again', { timeout: 20_000 });
    // Dropped by hand, not by a dataset: the next dashboard on this engine asks which tables it holds again.
    await engine.query('DROP TABLE IF EXISTS feedback');
    forgetTablePresence(engine);
  });

  it('asks which column is which when a survey cannot be read on its own, and loads with the answers', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
    el.engine = engine;
    // Nothing here is named like an expectation or a perception.
    const csv = 'who,question,before,after\n' + ['a', 'b', 'c'].flatMap((who, i) => [1, 2].map((q) => `${who},${q},${5 + (i % 2)},${3 + q}`)).join('\n') + '\n';
    expect(await el.loadSurveyFile(new File([csv], 'survey.csv'))).to.equal(null);
    await el.updateComplete;
    const form = inner<HTMLElement & { updateComplete: Promise<boolean> }>(el, 'rapport-survey-form')!;
    expect(form).to.not.equal(null);
    await form.updateComplete;
    const pick = (id: string, value: string) => {
      const select = form.shadowRoot!.querySelector<HTMLSelectElement>(`#${id}`)!;
      select.value = value;
      select.dispatchEvent(new Event('change'));
    };
    form.shadowRoot!.querySelector<HTMLInputElement>('#shape-long')!.click();
    await form.updateComplete;
    pick('long-respondent', 'who');
    pick('long-item', 'question');
    pick('long-expectation', 'before');
    pick('long-perception', 'after');
    await form.updateComplete;
    await expect(el).to.be.accessible();
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => inner<Quality>(el, 'rapport-quality-gap')?.gap, 'quality gaps shown', { timeout: 20_000 });
    expect(inner(el, 'rapport-survey-form')).to.equal(null);
    const gap = inner<Quality>(el, 'rapport-quality-gap')!.gap!;
    expect(gap.respondents).to.equal(3);
    expect(gap.items.map((i) => i.item).sort()).to.deep.equal(['1', '2']);
    // Item 1: perception 4 against expectations 5, 6, 5.
    expect(gap.items.find((i) => i.item === '1')!.gap).to.be.closeTo(4 - 16 / 3, 1e-9);
  });

  it('reads a loaded survey again another way: another family of pairs', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
    el.engine = engine;
    // Two numbered families: sq (servqual-like, chosen first) and ipa.
    const rows = Array.from({ length: 6 }, (_, r) => [r % 2 ? 'f' : 'm', 6, 4 + (r % 3), 7, 5, 3, 3, 2, 4].join(','));
    const csv = 'sex,sq1_1,sq1_2,sq2_1,sq2_2,ipa1_1,ipa1_2,ipa2_1,ipa2_2\n' + rows.join('\n') + '\n';
    const first = await el.loadSurveyFile(new File([csv], 'kiosk-survey.csv'));
    expect(first!.pairFamily).to.equal('sq');
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=survey] button')!.click();
    await waitUntil(() => inner(el, 'rapport-survey-form'), 'the form');
    const form = inner<HTMLElement & { updateComplete: Promise<boolean> }>(el, 'rapport-survey-form')!;
    await form.updateComplete;
    const family = form.shadowRoot!.querySelector<HTMLSelectElement>('#wide-family')!;
    expect([...family.options].map((o) => o.value)).to.include.members(['sq', 'ipa']);
    family.value = 'ipa';
    family.dispatchEvent(new Event('change'));
    await form.updateComplete;
    const before = inner<Quality>(el, 'rapport-quality-gap')!.gap;
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => !inner(el, 'rapport-survey-form') && inner<Quality>(el, 'rapport-quality-gap')?.gap !== before, 'read again', { timeout: 20_000 });
    // ipa: item 1 is 3 -> 3, item 2 is 2 -> 4.
    const gap = inner<Quality>(el, 'rapport-quality-gap')!.gap!;
    expect(gap.items.find((i) => i.item === '1')!.gap).to.equal(0);
    expect(gap.items.find((i) => i.item === '2')!.gap).to.equal(2);
  });

  it('weights the dimensions as the quality-weights attribute says, and names weights it cannot use', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
    el.engine = engine;
    await el.loadSurveyFile(new File([sampleSurveyCsv()], 'survey.csv'));
    await waitUntil(() => inner<Quality>(el, 'rapport-quality-gap')?.gap, 'quality gaps shown', { timeout: 30_000 });
    expect(inner<Quality>(el, 'rapport-quality-gap')!.gap!.overall.weighting).to.equal('respondent');
    // All the weight on reliability: the overall score is the reliability gap.
    el.setAttribute('quality-weights', 'reliability=1');
    await waitUntil(() => inner<Quality>(el, 'rapport-quality-gap')?.gap?.overall.weighting === 'given', 'given weights', { timeout: 20_000 });
    const gap = inner<Quality>(el, 'rapport-quality-gap')!.gap!;
    expect(gap.overall.gap).to.be.closeTo(gap.dimensions.find((d) => d.dimension === 'reliability')!.gap, 1e-9);
    el.setAttribute('quality-weights', 'reliability=lots');
    await waitUntil(() => el.shadowRoot!.querySelector('[part=quality-error]'), 'the weights error', { timeout: 20_000 });
    expect(el.shadowRoot!.querySelector('[part=quality-error]')!.textContent).to.contain('The quality-weights attribute is not valid');
    await waitUntil(() => inner<Quality>(el, 'rapport-quality-gap')?.gap?.overall.weighting === 'respondent', 'the survey importance again', { timeout: 20_000 });
  });

  it('names a survey that cannot load, and keeps the one loaded before', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
    el.engine = engine;
    await el.loadSurveyFile(new File([sampleSurveyCsv()], 'survey.csv'));
    await waitUntil(() => inner<Quality>(el, 'rapport-quality-gap')?.gap, 'quality gaps shown', { timeout: 30_000 });
    const before = inner<Quality>(el, 'rapport-quality-gap')!.gap!.overall.gap;
    const report = await el.loadSurveyFile(new File(['respondent,item,expectation,perception\n'], 'empty-survey.csv'));
    expect(report).to.equal(null);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('empty-survey.csv');
    // The engine still has the first survey: asked again, it gives the same gaps.
    const quality = inner<Quality>(el, 'rapport-quality-gap')!;
    quality.gap = null;
    quality.dispatchEvent(new CustomEvent('rapport-quality-group', { detail: { by: null }, bubbles: true, composed: true }));
    await waitUntil(() => inner<Quality>(el, 'rapport-quality-gap')?.gap, 'gaps again', { timeout: 20_000 });
    expect(inner<Quality>(el, 'rapport-quality-gap')!.gap!.overall.gap).to.equal(before);
    expect(inner<Quality>(el, 'rapport-quality-gap')!.gap!.respondents).to.equal(459);
    // A split that cannot be made says why and shows every respondent.
    quality.dispatchEvent(new CustomEvent('rapport-quality-group', { detail: { by: 'no_such_column' }, bubbles: true, composed: true }));
    await waitUntil(() => el.shadowRoot!.querySelector('[part=quality-error]'), 'the split error', { timeout: 20_000 });
    expect(el.shadowRoot!.querySelector('[part=quality-error]')!.textContent).to.match(/The respondents could not be split by no_such_column: .+ Showing all respondents\./);
    expect(inner<Quality>(el, 'rapport-quality-gap')!.gap!.groups).to.equal(null);
    expect(live(el).textContent).to.contain('could not be split by no_such_column');
  });
});

describe('rapport-dashboard engine lifecycle', function () {
  this.timeout(120_000);

  const closedError = (engine: Engine) => engine.query('SELECT 1').then(() => null, (e: unknown) => e);

  it('closes the engine it started when removed, not when moved; a later load starts a new one', async () => {
    const home = document.createElement('div');
    const other = document.createElement('div');
    document.body.append(home, other);
    const el = document.createElement('rapport-dashboard');
    home.append(el);
    await el.updateComplete;
    let loaded = oneEvent(el, 'rapport-load');
    drop(el, 'first.csv', SMALL_CSV);
    await loaded;
    const first = (await el.getDataset()).engine;

    other.append(el); // a move: disconnected and connected again in one task
    await pause(50);
    expect(await closedError(first)).to.equal(null);
    expect(inner(el, 'rapport-customer-table')).not.to.equal(null);

    el.remove();
    await pause(50);
    const e = await closedError(first);
    expect(e).to.be.instanceOf(EngineError);
    expect((e as EngineError).code).to.equal('closed');

    // Back on the page it starts afresh: nothing from the closed engine, and a load starts a new one.
    home.append(el);
    await el.updateComplete;
    expect(inner(el, 'rapport-customer-table')).to.equal(null);
    loaded = oneEvent(el, 'rapport-load');
    drop(el, 'second.csv', SMALL_CSV);
    expect((await loaded).detail.report.file).to.equal('second.csv');
    const second = (await el.getDataset()).engine;
    expect(second).not.to.equal(first);
    expect(await closedError(second)).to.equal(null);

    el.remove();
    home.remove();
    other.remove();
    await pause(50);
    expect(await closedError(second)).to.be.instanceOf(EngineError);
  });

  it('stops a load quietly when removed during it', async () => {
    const el = document.createElement('rapport-dashboard');
    document.body.append(el);
    await el.updateComplete;
    const heard = record(el);
    const result = el.loadFile(new File([SMALL_CSV], 'gone.csv'));
    el.remove();
    expect(await result).to.equal(null);
    await pause(50);
    heard.stop();
    expect(heard.loads).to.have.length(0);
    expect(heard.errors).to.have.length(0);
  });

  it('never closes an engine given through the engine property', async () => {
    const engine = await createBrowserEngine();
    try {
      const el = document.createElement('rapport-dashboard');
      el.engine = engine;
      document.body.append(el);
      await el.updateComplete;
      const loaded = oneEvent(el, 'rapport-load');
      drop(el, 'given.csv', SMALL_CSV);
      await loaded;
      el.remove();
      await pause(50);
      expect(await closedError(engine)).to.equal(null);
    } finally {
      await engine.close();
    }
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

describe('rapport-dashboard analysis settings, customer details and chart exports', function () {
  this.timeout(180_000);
  let engine: Engine;
  let el: RapportDashboard;
  type Settings = HTMLElement & { bins: number; preset: string | null; firstOrder?: string | null; lastOrder?: string | null; settings: Record<string, unknown> };
  type Detail = HTMLElement & { detail: { customer: { customer_id: string } } | null; updateComplete: Promise<boolean> };
  const METHODS = ['scoreOverview', 'ladder', 'ladderComparison', 'pareto', 'migration', 'deliveryGap', 'voice'] as const;

  /** Counts the calls of the dataset's analytics until restored. */
  async function spyOnDataset() {
    const dataset = await el.getDataset();
    const calls = Object.fromEntries(METHODS.map((m) => [m, 0])) as Record<(typeof METHODS)[number], number>;
    for (const m of METHODS) {
      const original = (dataset[m] as (...args: unknown[]) => unknown).bind(dataset);
      Object.defineProperty(dataset, m, {
        configurable: true,
        value: (...args: unknown[]) => {
          calls[m]++;
          return original(...args);
        },
      });
    }
    return { calls, restore: () => METHODS.forEach((m) => delete (dataset as unknown as Record<string, unknown>)[m]) };
  }
  const changeSettings = (changed: string[], values: Record<string, unknown>) => {
    const settings = inner<Settings>(el, 'rapport-settings')!;
    settings.dispatchEvent(
      new CustomEvent('rapport-settings-change', { detail: { changed, settings: { ...settings.settings, ...values } }, bubbles: true, composed: true }),
    );
  };

  before(async () => {
    engine = await createBrowserEngine();
    // Mounted by hand: fixture() removes its element after each test, and this one must stay.
    el = document.createElement('rapport-dashboard');
    el.locale = 'en-US';
    el.engine = engine;
    document.body.append(el);
    await el.load({ name: 'sample-orders.csv', bytes: new TextEncoder().encode(sampleOrdersCsv()) });
    await waitUntil(() => inner(el, 'rapport-segments') && inner<HTMLElement & { ladder: unknown }>(el, 'rapport-ladder')?.ladder, 'analytics shown', { timeout: 60_000 });
    const table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
    await waitUntil(async () => (await shownRows(table)).some((r) => r.segment), 'rows scored', { timeout: 20_000 });
  });
  after(async () => {
    el.remove();
    await engine.close();
  });

  it('shows the settings bound to its properties; a value standard re-runs the value curve only', async () => {
    const settings = inner<Settings>(el, 'rapport-settings')!;
    expect(settings).to.not.equal(null);
    expect(settings.bins).to.equal(5);
    expect(settings.preset).to.equal('rfm-vignette');
    expect(settings.firstOrder).to.equal('2023-01-01');
    expect(settings.lastOrder).to.equal('2024-12-31');
    const { calls, restore } = await spyOnDataset();
    try {
      changeSettings(['valueStandard'], { valueStandard: 100 });
      const pareto = inner<HTMLElement & { pareto: { standard: number | null; below: number | null } }>(el, 'rapport-pareto')!;
      await waitUntil(() => pareto.pareto.standard === 100, 'value curve with the standard', { timeout: 20_000 });
      expect(el.valueStandard).to.equal(100);
      await pause(300);
      expect(calls.pareto).to.be.greaterThan(0);
      expect(calls.scoreOverview, 'segments not re-run').to.equal(0);
      expect(calls.migration, 'migration not re-run').to.equal(0);
      expect(calls.ladder, 'ladder not re-run').to.equal(0);
    } finally {
      restore();
    }
  });

  it('a preset re-segments (segments and migration), leaving the ladder and the value curve', async () => {
    const { calls, restore } = await spyOnDataset();
    try {
      changeSettings(['preset'], { preset: 'rf-grid' });
      const segments = inner<HTMLElement & { summary: { segment: string }[] }>(el, 'rapport-segments')!;
      await waitUntil(() => inner<typeof segments>(el, 'rapport-segments')!.summary.some((s) => s.segment === 'Hibernating'), 'rf-grid segments', { timeout: 20_000 });
      expect(el.segmentRules).to.equal('rf-grid');
      const table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
      await waitUntil(async () => (await shownRows(table)).some((r) => r.segment === 'Hibernating'), 'the list re-segmented', { timeout: 20_000 });
      await pause(300);
      expect(calls.scoreOverview).to.be.greaterThan(0);
      expect(calls.migration).to.be.greaterThan(0);
      expect(calls.ladder, 'ladder not re-run').to.equal(0);
      expect(calls.pareto, 'value curve not re-run').to.equal(0);
      // The voice is split by segment: read again. The delivery gap is of the orders alone: kept, still shown.
      await waitUntil(() => calls.voice > 0, 'the voice read again', { timeout: 20_000 });
      await pause(300);
      expect(calls.deliveryGap, 'delivery gap not read again').to.equal(0);
      expect(inner<HTMLElement & { delivery: DeliveryGapResult | null }>(el, 'rapport-quality-gap')?.delivery?.delivered).to.be.greaterThan(0);
    } finally {
      restore();
    }
    await el.updateComplete;
    expect(inner<Settings>(el, 'rapport-settings')!.preset).to.equal('rf-grid');
  });

  it('segments show without waiting for the migration: a re-scoring keeps the migration before, marked busy, and a load shows its section once in', async () => {
    const dataset = await el.getDataset();
    const migration = dataset.migration.bind(dataset);
    let release = () => {};
    const hold = () => {
      const held = new Promise<void>((resolve) => (release = resolve));
      dataset.migration = async (...args: Parameters<typeof migration>) => {
        const m = await migration(...args);
        await held;
        return m;
      };
    };
    type Segments = HTMLElement & { summary: { segment: string }[] };
    const hibernating = () => inner<Segments>(el, 'rapport-segments')?.summary.some((s) => s.segment === 'Hibernating');
    const section = () => el.shadowRoot!.querySelector<HTMLElement>('[part~=migration-section]');
    const shownMigration = () => inner<HTMLElement & { migration: { segments: string[] } | null }>(el, 'rapport-migration')?.migration ?? null;
    try {
      expect(hibernating()).to.equal(true);
      expect(shownMigration()!.segments).to.include('Hibernating');
      // A rule change: the new segments while the migration is held back.
      hold();
      changeSettings(['preset'], { preset: 'rfm-vignette' });
      await waitUntil(() => inner(el, 'rapport-segments') && !hibernating(), 'rfm-vignette segments shown', { timeout: 20_000 });
      await el.updateComplete;
      expect(section()!.getAttribute('aria-busy')).to.equal('true');
      expect(shownMigration()!.segments, 'the migration before stays until the new one is in').to.include('Hibernating');
      const cell = () => inner(el, 'rapport-migration')!.shadowRoot!.querySelector('[part~=cell]')!;
      expect(getComputedStyle(cell()).filter).to.equal('grayscale(1)');
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => section()?.getAttribute('aria-busy') === 'false', 'the new migration in', { timeout: 20_000 });
      expect(shownMigration()!.segments).to.not.include('Hibernating');
      expect(getComputedStyle(cell()).filter).to.equal('none');
      // A load: segments first, the migration section once its migration is in.
      hold();
      await el.load({ name: 'sample-orders.csv', bytes: new TextEncoder().encode(sampleOrdersCsv()) });
      await waitUntil(() => inner(el, 'rapport-segments'), 'segments of the load shown', { timeout: 60_000 });
      await el.updateComplete;
      expect(section(), 'no migration section before its migration').to.equal(null);
      expect(el.shadowRoot!.querySelector('[part~=value-section]')).to.not.equal(null);
      release();
      await waitUntil(() => section()?.getAttribute('aria-busy') === 'false' && shownMigration() !== null, 'the migration of the load', { timeout: 20_000 });
    } finally {
      release();
      dataset.migration = migration;
    }
    changeSettings(['preset'], { preset: 'rf-grid' });
    await waitUntil(() => section()?.getAttribute('aria-busy') === 'false' && shownMigration()?.segments.includes('Hibernating'), 'rf-grid again', { timeout: 20_000 });
    const table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
    await waitUntil(async () => (await shownRows(table)).some((r) => r.segment === 'Hibernating'), 'the list re-segmented', { timeout: 20_000 });
  });

  it('a migration that fails says so in its section alone: segments and the value curve stay, and a new migration replaces the message', async () => {
    const dataset = await el.getDataset();
    const migration = dataset.migration.bind(dataset);
    dataset.migration = () => Promise.reject(new Error('no migration today'));
    const error = () => el.shadowRoot!.querySelector('[part~=migration-error]');
    try {
      changeSettings(['preset'], { preset: 'rfm-vignette' });
      await waitUntil(() => error(), 'migration error', { timeout: 20_000 });
      expect(error()!.textContent).to.contain('How segments moved could not be computed: no migration today');
      expect(inner(el, 'rapport-migration'), 'no migration of the scoring before').to.equal(null);
      expect(inner<HTMLElement & { summary: { segment: string }[] }>(el, 'rapport-segments')!.summary.some((s) => s.segment === 'Hibernating')).to.equal(false);
      expect(inner(el, 'rapport-pareto')).to.not.equal(null);
      expect(el.shadowRoot!.querySelector('[part~=analytics-error]')).to.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      dataset.migration = migration;
    }
    changeSettings(['preset'], { preset: 'rf-grid' });
    await waitUntil(() => inner<HTMLElement & { migration: { segments: string[] } | null }>(el, 'rapport-migration')?.migration?.segments.includes('Hibernating'), 'rf-grid migration', { timeout: 20_000 });
    expect(error()).to.equal(null);
    const table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
    await waitUntil(async () => (await shownRows(table)).some((r) => r.segment === 'Hibernating'), 'the list re-segmented', { timeout: 20_000 });
  });

  it("a load reads everyone's value by group once, with its model", async () => {
    const dataset = await el.getDataset();
    const clvGroups = dataset.clvGroups.bind(dataset);
    let asked = 0;
    dataset.clvGroups = (request = {}) => {
      asked++;
      return clvGroups(request);
    };
    const panel = () => inner<HTMLElement & { groups: unknown }>(el, 'rapport-clv');
    try {
      // What the tests before started (a model still being fitted, a re-scoring's reads) ends first.
      for (let seen = -1; seen !== asked; ) {
        seen = asked;
        await pause(3000);
      }
      asked = 0;
      const before = panel()?.groups;
      await el.load({ name: 'sample-orders.csv', bytes: new TextEncoder().encode(sampleOrdersCsv()) });
      await waitUntil(() => panel()?.groups && panel()!.groups !== before, 'value by group of the new model', { timeout: 60_000 });
      const table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
      await waitUntil(async () => (await shownRows(table)).some((r) => r.segment === 'Hibernating' && r.rung), 'the list scored and laddered', { timeout: 20_000 });
      await pause(1000);
      expect(asked).to.equal(1);
    } finally {
      dataset.clvGroups = clvGroups;
    }
  });

  it('bins 5, then 4, then 5 again brings back the preset in force (rf-grid), not the default', async () => {
    const settings = inner<Settings>(el, 'rapport-settings')!;
    expect(el.segmentRules).to.equal('rf-grid');
    changeSettings(['bins', 'preset'], { bins: 4, preset: null });
    await el.updateComplete;
    await (settings as unknown as { updateComplete: Promise<boolean> }).updateComplete;
    expect(settings.bins).to.equal(4);
    changeSettings(['bins', 'preset'], { bins: 5, preset: settings.preset });
    await el.updateComplete;
    expect(el.rfmBins).to.equal(5);
    expect(el.segmentRules).to.equal('rf-grid');
    expect(inner<Settings>(el, 'rapport-settings')!.preset).to.equal('rf-grid');
    const segments = inner<HTMLElement & { summary: { segment: string }[] }>(el, 'rapport-segments')!;
    await waitUntil(() => inner<typeof segments>(el, 'rapport-segments')!.summary.some((s) => s.segment === 'Hibernating'), 'rf-grid segments again', { timeout: 20_000 });
  });

  it('a value curve that fails says so in its section alone: segments and migration stay', async () => {
    const dataset = await el.getDataset();
    const pareto = dataset.pareto.bind(dataset);
    dataset.pareto = () => Promise.reject(new Error('no curve today'));
    try {
      changeSettings(['valueStandard'], { valueStandard: 50 });
      await waitUntil(() => el.shadowRoot!.querySelector('[part~=value-error]'), 'value curve error', { timeout: 20_000 });
      expect(el.shadowRoot!.querySelector('[part~=value-error]')!.textContent).to.contain('The value curve could not be computed: no curve today');
      expect(inner(el, 'rapport-segments')).to.not.equal(null);
      expect(inner(el, 'rapport-migration')).to.not.equal(null);
      expect(el.shadowRoot!.querySelector('[part~=analytics-error]')).to.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      dataset.pareto = pareto;
    }
    changeSettings(['valueStandard'], { valueStandard: 60 });
    await waitUntil(() => inner<HTMLElement & { pareto: { standard: number | null } }>(el, 'rapport-pareto')?.pareto.standard === 60, 'value curve back', { timeout: 20_000 });
    expect(el.shadowRoot!.querySelector('[part~=value-error]')).to.equal(null);
  });

  it('open details follow a re-segmenting; a detail error during a load keeps its progress and Cancel', async () => {
    const table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
    await waitUntil(async () => (await shownRows(table)).some((r) => r.segment === 'Hibernating'), 'rf-grid rows', { timeout: 20_000 });
    const id = (await shownRows(table)).find((r) => r.segment === 'Hibernating')!.customer_id;
    table.dispatchEvent(new CustomEvent('rapport-customer-select', { detail: { customerId: id }, bubbles: true, composed: true }));
    type SegmentDetail = HTMLElement & { detail: { customer: { customer_id: string; segment: string | null } } | null };
    await waitUntil(() => inner<SegmentDetail>(el, 'rapport-customer-detail')?.detail?.customer.segment === 'Hibernating', 'details open', { timeout: 20_000 });
    changeSettings(['preset'], { preset: 'rfm-vignette' });
    await waitUntil(async () => {
      const now = (await shownRows(table)).find((r) => r.customer_id === id)?.segment;
      return now !== 'Hibernating' && inner<SegmentDetail>(el, 'rapport-customer-detail')?.detail?.customer.segment === now;
    }, 'details re-segmented', { timeout: 20_000 });
    // A detail that fails while a load runs: said, and the load's progress and Cancel stay.
    const dataset = await el.getDataset();
    const customerDetail = dataset.customerDetail.bind(dataset);
    dataset.customerDetail = () => Promise.reject(new Error('no details today'));
    try {
      const loading = el.load({ name: 'sample-orders.csv', bytes: new TextEncoder().encode(sampleOrdersCsv()) });
      await el.updateComplete;
      table.dispatchEvent(new CustomEvent('rapport-customer-select', { detail: { customerId: id }, bubbles: true, composed: true }));
      await waitUntil(() => el.shadowRoot!.querySelector('[part~=error]'), 'detail error shown', { timeout: 20_000 });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~=progress]'), 'progress stays').to.not.equal(null);
      await loading;
    } finally {
      dataset.customerDetail = customerDetail;
    }
  });

  it('opens a customer chosen in the table beside it, keeps the latest of two, and gives focus back on close', async () => {
    const table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
    table.scrollIntoView();
    await waitUntil(() => table.shadowRoot!.querySelectorAll('lit-virtualizer [data-index]').length > 3, 'rows drawn');
    // Two rows one after the other: the second wins, whichever answer comes first.
    const [first, second] = (await shownRows(table)).map((r) => r.customer_id);
    table.dispatchEvent(new CustomEvent('rapport-customer-select', { detail: { customerId: first }, bubbles: true, composed: true }));
    const row = table.shadowRoot!.querySelector<HTMLElement>('lit-virtualizer [data-index="1"]')!;
    row.click();
    await waitUntil(() => inner<Detail>(el, 'rapport-customer-detail')?.detail?.customer.customer_id === second, 'second customer shown', { timeout: 20_000 });
    await pause(300);
    const detail = inner<Detail>(el, 'rapport-customer-detail')!;
    expect(detail.detail!.customer.customer_id).to.equal(second);
    await detail.updateComplete;
    await waitUntil(() => detail.shadowRoot!.activeElement?.matches('[part~=close]'), 'focus on the close button');
    expect(live(el).textContent).to.equal(`Showing the details of ${second}.`);
    await expect(el).to.be.accessible();
    detail.shadowRoot!.querySelector<HTMLButtonElement>('[part~=close]')!.click();
    await waitUntil(() => !inner(el, 'rapport-customer-detail'), 'details closed');
    await waitUntil(() => table.shadowRoot!.activeElement?.getAttribute('data-index') === '1', 'focus back on the row');
  });

  /** The ladder's section, once the analytics of the load before are back (a load hides the old ladder until its new one is ready). */
  const ladderSection = async () => {
    await waitUntil(() => el.shadowRoot!.querySelector('[part~=ladder-section]'), 'ladder shown', { timeout: 30_000 });
    return el.shadowRoot!.querySelector('[part~=ladder-section]')!;
  };

  it('saves a chart as SVG or PNG, and says in its section why a PNG could not be made', async () => {
    const section = await ladderSection();
    const [svgButton, pngButton] = [...section.querySelectorAll<HTMLButtonElement>('[part~=export-button]')];
    expect(svgButton!.getAttribute('aria-label')).to.equal('Download the ladder as SVG');
    expect(pngButton!.getAttribute('aria-label')).to.equal('Download the ladder as PNG');
    expect(el.shadowRoot!.querySelectorAll('[part~=export-button]').length).to.equal(10); // five charts shown (no survey or feedback): two each
    let exported = oneEvent(el, 'rapport-export');
    svgButton!.click();
    expect((await exported).detail).to.deep.equal({ fileName: 'ladder.svg', rows: 0, format: 'svg' });
    exported = oneEvent(el, 'rapport-export');
    pngButton!.click();
    expect((await exported).detail).to.deep.equal({ fileName: 'ladder.png', rows: 0, format: 'png' });
    // A chart that cannot be drawn (here: hidden) is named in place, never thrown away.
    const style = document.createElement('style');
    style.textContent = 'rapport-dashboard::part(ladder) { display: none; }';
    document.head.append(style);
    try {
      pngButton!.click();
      await waitUntil(() => section.querySelector('[part~=export-error]'), 'export error shown', { timeout: 20_000 });
      expect(section.querySelector('[part~=export-error]')!.textContent).to.match(/^The PNG file could not be made: chartTo(Png|Svg): /);
      expect(section.querySelector('[part~=export-error]')!.getAttribute('role')).to.equal('alert');
    } finally {
      style.remove();
    }
    await expect(el).to.be.accessible();
    // A later save that works clears the message.
    exported = oneEvent(el, 'rapport-export');
    svgButton!.click();
    await exported;
    await el.updateComplete;
    expect(section.querySelector('[part~=export-error]')).to.equal(null);
  });

  it('a new load clears a failed save\'s message and closes the details without dropping focus to the page', async () => {
    const section = await ladderSection();
    const style = document.createElement('style');
    style.textContent = 'rapport-dashboard::part(ladder) { display: none; }';
    document.head.append(style);
    try {
      section.querySelectorAll<HTMLButtonElement>('[part~=export-button]')[1]!.click();
      await waitUntil(() => section.querySelector('[part~=export-error]'), 'export error shown', { timeout: 20_000 });
    } finally {
      style.remove();
    }
    const table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
    const id = (await shownRows(table))[0]!.customer_id;
    table.dispatchEvent(new CustomEvent('rapport-customer-select', { detail: { customerId: id }, bubbles: true, composed: true }));
    const detail = await waitUntil(() => inner<Detail>(el, 'rapport-customer-detail')?.detail, 'details open', { timeout: 20_000 }).then(() => inner<Detail>(el, 'rapport-customer-detail')!);
    await waitUntil(() => el.shadowRoot!.activeElement === detail, 'focus in the details');
    await el.load({ name: 'sample-orders.csv', bytes: new TextEncoder().encode(sampleOrdersCsv()) });
    await el.updateComplete;
    expect(inner(el, 'rapport-customer-detail')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~=export-error]')).to.equal(null);
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'customers-title', 'focus on the customers heading');
  });
});
