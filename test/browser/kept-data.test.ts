import './setup.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { RapportDashboard } from '../../src/components/dashboard/rapport-dashboard.js';
import type { RapportCustomerTable } from '../../src/components/customer-table/rapport-customer-table.js';
import { KeptFiles } from '../../src/components/base/kept-files.js';
import { sampleFeedbackCsv, sampleOrdersCsv } from '../../src/sample/sample-orders.js';

/**
 * storage="browser": what the user loads survives a reload (a new dashboard on the same key
 * loads it again from IndexedDB) until "Forget data"; a failed load keeps what was kept; by
 * default nothing is written to the browser.
 */

const inner = <T extends Element>(el: Element, tag: string) => el.shadowRoot!.querySelector(tag) as T | null;
const ids = (table: RapportCustomerTable) => table.rows.map((r) => r.customer_id).sort().join('|');

async function scored(el: RapportDashboard): Promise<RapportCustomerTable> {
  await waitUntil(() => inner(el, 'rapport-customer-table'), 'the list shown', { timeout: 60_000 });
  const table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
  await waitUntil(() => table.rows.length > 0 && table.rows.every((r) => r.segment), 'the list scored', { timeout: 60_000 });
  return table;
}

describe('data kept in the browser', function () {
  this.timeout(180_000);

  beforeEach(async () => {
    for (const key of ['kept-test', 'kept-fail', 'dashboard']) await new KeptFiles(key).clear();
  });

  it('survives a reload until "Forget data": orders and feedback loaded again, then forgotten', async () => {
    const first = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US" storage="browser" storage-key="kept-test"></rapport-dashboard>`);
    await first.loadFeedbackFile(new File([sampleFeedbackCsv({ seed: 4, customers: 200 })], 'feedback.csv'));
    await first.loadFile(new File([sampleOrdersCsv({ seed: 4, customers: 200 })], 'orders-200.csv'));
    const before = ids(await scored(first));
    await waitUntil(async () => (await first.keptFileNames()).length === 2, 'both files kept', { timeout: 10_000 });
    expect(inner(first, '[part~=kept]')!.textContent).to.include('Kept in this browser until you forget it: feedback.csv, orders-200.csv.');
    first.remove();

    // "The reload": a new dashboard on the same key.
    const second = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US" storage="browser" storage-key="kept-test"></rapport-dashboard>`);
    const table = await scored(second);
    expect(ids(table)).to.equal(before);
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
    expect(ids(table)).to.equal('A|B');
  });

  it('by default nothing is written to the browser', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
    await el.loadFile(new File([sampleOrdersCsv({ seed: 8, customers: 20 })], 'orders-20.csv'));
    await scored(el);
    expect(await el.keptFileNames()).to.deep.equal([]);
    expect(inner(el, '[part~=kept]')).to.equal(null);
  });
});
