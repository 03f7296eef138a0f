import './setup.js';
import { shownRows } from './setup.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { RapportDashboard } from '../../src/components/dashboard/rapport-dashboard.js';
import type { RapportCustomerTable } from '../../src/components/customer-table/rapport-customer-table.js';
import { KeptFiles } from '../../src/components/base/kept-files.js';
import { sampleFeedbackCsv, sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { createBrowserEngine } from '../../src/data/engine/browser-engine.js';

/**
 * storage="browser": what the user loads survives a reload (a new dashboard on the same key
 * loads it again from IndexedDB) until "Forget data"; a failed load keeps what was kept; by
 * default nothing is written to the browser.
 */

const inner = <T extends Element>(el: Element, tag: string) => el.shadowRoot!.querySelector(tag) as T | null;
const ids = async (table: RapportCustomerTable) => (await shownRows(table)).map((r) => r.customer_id).sort().join('|');

async function scored(el: RapportDashboard): Promise<RapportCustomerTable> {
  await waitUntil(() => inner(el, 'rapport-customer-table'), 'the list shown', { timeout: 60_000 });
  const table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
  await waitUntil(async () => { const rows = await shownRows(table); return rows.length > 0 && rows.every((r) => r.segment); }, 'the list scored', { timeout: 60_000 });
  return table;
}

describe('data kept in the browser', function () {
  this.timeout(180_000);

  beforeEach(async () => {
    for (const key of ['kept-test', 'kept-fail', 'kept-race', 'kept-drop', 'kept-key', 'dashboard']) await new KeptFiles(key).clear();
  });

  it('survives a reload until "Forget data": orders and feedback loaded again, then forgotten', async () => {
    const first = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US" storage="browser" storage-key="kept-test"></rapport-dashboard>`);
    await first.loadFeedbackFile(new File([sampleFeedbackCsv({ seed: 4, customers: 200 })], 'feedback.csv'));
    await first.loadFile(new File([sampleOrdersCsv({ seed: 4, customers: 200 })], 'orders-200.csv'));
    const before = await ids(await scored(first));
    await waitUntil(async () => (await first.keptFileNames()).length === 2, 'both files kept', { timeout: 10_000 });
    expect(inner(first, '[part~=kept]')!.textContent).to.include('Kept in this browser until you forget it: feedback.csv, orders-200.csv.');
    first.remove();

    // "The reload": a new dashboard on the same key.
    const second = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US" storage="browser" storage-key="kept-test"></rapport-dashboard>`);
    const table = await scored(second);
    expect(await ids(table)).to.equal(before);
    const dataset = await second.getDataset();
    await waitUntil(async () => (await dataset.engine.query('SELECT count(*) AS n FROM feedback').catch(() => null)) !== null, 'the feedback loaded again', { timeout: 30_000 });
    expect(Number((await dataset.engine.query('SELECT count(*) AS n FROM feedback')).toArray()[0]!.n)).to.be.greaterThan(0);
    await expect(second).to.be.accessible();

    // Forget: nothing kept, nothing shown, and the next dashboard opens empty.
    (inner(second, '[part~=forget]') as HTMLButtonElement).click();
    await waitUntil(async () => (await second.keptFileNames()).length === 0 && inner(second, 'rapport-customer-table') === null, 'forgotten', { timeout: 10_000 });
    expect(inner(second, '[part~=kept]')).to.equal(null);
    expect(second.shadowRoot!.querySelector('[role=status]')!.textContent).to.include('The data was forgotten');
    second.remove();
    const third = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US" storage="browser" storage-key="kept-test"></rapport-dashboard>`);
    await new Promise((r) => setTimeout(r, 500));
    expect(inner(third, 'rapport-customer-table')).to.equal(null);
    expect(inner(third, '[part~=kept]')).to.equal(null);
    // A restore would by now have named what it read ([part~=kept]), announced itself, or started its load.
    expect(third.shadowRoot!.querySelector('[role=status]')!.textContent).to.not.include('Loading the data kept');
    expect(inner(third, '[part=progress]')).to.equal(null);
  });

  it('a failed load keeps what was kept; a mapping the user gave is kept with its file', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US" storage="browser" storage-key="kept-fail"></rapport-dashboard>`);
    const csv = 'Client,Jour,Total\nA,2024-01-05,10\nB,2024-02-06,20\nA,2024-03-07,30\n';
    await el.load({ name: 'mapped.csv', bytes: new TextEncoder().encode(csv) }, { mapping: { customer_id: 'Client', order_date: 'Jour', amount: 'Total' } });
    await scored(el);
    expect(await el.loadFile(new File(['not,data\n'], 'broken.csv'))).to.equal(null);
    expect(await el.keptFileNames()).to.deep.equal(['mapped.csv']);
    el.remove();
    const again = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US" storage="browser" storage-key="kept-fail"></rapport-dashboard>`);
    const table = await scored(again);
    expect(await ids(table)).to.equal('A|B');
  });

  it('Forget data while a feedback file loads: the feedback is neither shown nor kept', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US" storage="browser" storage-key="kept-race"></rapport-dashboard>`);
    await el.loadFile(new File([sampleOrdersCsv({ seed: 1, customers: 50 })], 'orders-50.csv'));
    await scored(el);
    const loading = el.loadFeedbackFile(new File([sampleFeedbackCsv({ seed: 1, customers: 3000 })], 'feedback-big.csv'));
    await el.forgetKept();
    expect(await loading).to.equal(null);
    await new Promise((r) => setTimeout(r, 300));
    expect(await el.keptFileNames()).to.deep.equal([]);
    expect(inner(el, '[part~=kept]')).to.equal(null);
    expect(inner(el, 'rapport-customer-table')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part=error]')).to.equal(null);
  });

  it('a file loaded while the kept ones are being restored wins, and is the one kept', async () => {
    const first = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US" storage="browser" storage-key="kept-drop"></rapport-dashboard>`);
    await first.loadFile(new File([sampleOrdersCsv({ seed: 2, customers: 80 })], 'old.csv'));
    await scored(first);
    first.remove();
    const second = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US" storage="browser" storage-key="kept-drop"></rapport-dashboard>`);
    const report = await second.loadFile(new File(['customer_id,order_date,amount\nNEW-1,2024-01-05,10\nNEW-2,2024-01-06,20\n'], 'new.csv'));
    expect(report?.file).to.equal('new.csv');
    const table = await scored(second);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await ids(table)).to.equal('NEW-1|NEW-2');
    await waitUntil(async () => JSON.stringify(await second.keptFileNames()) === '["new.csv"]', 'the new file kept in place of the old', { timeout: 10_000 });
  });

  it('a storage-key set after the element opened restores that key', async () => {
    const first = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US" storage="browser" storage-key="kept-key"></rapport-dashboard>`);
    await first.loadFile(new File([sampleOrdersCsv({ seed: 3, customers: 40 })], 'user-42.csv'));
    const before = await ids(await scored(first));
    first.remove();
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US" storage="browser" storage-key="nobody"></rapport-dashboard>`);
    await new Promise((r) => setTimeout(r, 300));
    el.storageKey = 'kept-key';
    expect(await ids(await scored(el))).to.equal(before);
  });

  it('Forget data over an engine the page gave drops every table the dashboard made in it, and leaves the engine open', async () => {
    const engine = await createBrowserEngine();
    try {
      const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US" storage="browser" storage-key="kept-race"></rapport-dashboard>`);
      el.engine = engine;
      await el.loadFile(new File([sampleOrdersCsv({ seed: 7, customers: 30 })], 'orders-30.csv'));
      await scored(el);
      await el.forgetKept();
      const left = (await engine.query("SELECT table_name AS name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal")).toArray();
      expect(left.map((r) => String(r.name))).to.deep.equal([]);
      expect(await el.keptFileNames()).to.deep.equal([]);
    } finally {
      await engine.close();
    }
  });

  it('by default nothing is written to the browser', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
    await el.loadFile(new File([sampleOrdersCsv({ seed: 8, customers: 20 })], 'orders-20.csv'));
    await scored(el);
    expect(await el.keptFileNames()).to.deep.equal([]);
    expect(inner(el, '[part~=kept]')).to.equal(null);
  });
});
