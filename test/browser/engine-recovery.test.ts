import './setup.js';
import { shownRows } from './setup.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { RapportDashboard } from '../../src/components/dashboard/rapport-dashboard.js';
import type { RapportCustomerTable } from '../../src/components/customer-table/rapport-customer-table.js';
import { createBrowserEngine, killEngineWorker } from '../../src/data/engine/browser-engine.js';
import { EngineError } from '../../src/data/engine/engine.js';
import { sampleFeedbackCsv, sampleOrdersCsv } from '../../src/sample/sample-orders.js';

/**
 * The engine's worker dies mid-query (as a crash or an out-of-memory kill would end it): the
 * query in flight fails with a clear `crashed` error instead of hanging, the dashboard starts a
 * new engine, loads again what it showed and says so.
 */

const inner = <T extends Element>(el: Element, tag: string) => el.shadowRoot!.querySelector(tag) as T | null;
const customerIds = async (table: RapportCustomerTable) => (await shownRows(table)).map((r) => r.customer_id).sort().join('|');

async function loaded(el: RapportDashboard) {
  const table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
  await waitUntil(async () => { const rows = await shownRows(table); return rows.length > 0 && rows.every((r) => r.segment); }, 'the list scored', { timeout: 60_000 });
  await waitUntil(() => inner(el, 'rapport-segments'), 'segments shown', { timeout: 60_000 });
  return table;
}

describe('the engine dies mid-query', function () {
  this.timeout(180_000);

  it('the query in flight fails as crashed; the dashboard restarts the engine and loads the orders and feedback again', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
    await el.loadFeedbackFile(new File([sampleFeedbackCsv({ seed: 5, customers: 400 })], 'feedback.csv'));
    await el.loadFile(new File([sampleOrdersCsv({ seed: 5, customers: 400 })], 'orders-400.csv'));
    const table = await loaded(el);
    const before = await customerIds(table);
    const dataset = await el.getDataset();
    const [feedbackBefore] = (await dataset.engine.query('SELECT CAST(count(*) AS INTEGER) AS n FROM feedback')).toArray();

    // A long query, killed while it runs.
    const slow = dataset.engine.query('SELECT count(*) FROM range(3000000000) t(i) WHERE i % 7 = 3');
    await new Promise((r) => setTimeout(r, 200));
    expect(killEngineWorker(dataset.engine, 'killed by the test')).to.equal(true);
    const error = await slow.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(EngineError);
    expect((error as EngineError).code).to.equal('crashed');
    expect((error as EngineError).message).to.include('killed by the test');
    // Later calls on the dead engine fail at once, the same way.
    const later = await dataset.engine.query('SELECT 1').catch((e: unknown) => e);
    expect((later as EngineError).code).to.equal('crashed');

    // A new engine, the same data.
    await waitUntil(() => el.shadowRoot!.querySelector('[part=recovered]'), 'the page says it recovered', { timeout: 120_000 });
    expect(el.shadowRoot!.querySelector('[part=recovered]')!.textContent).to.match(/The analytics engine stopped and was started again; loaded again: feedback\.csv, orders-400\.csv\./);
    // The list of the new engine (a new table: the old one went with the data).
    expect(await customerIds(await loaded(el))).to.equal(before);
    const again = await el.getDataset();
    expect(again).to.not.equal(dataset);
    const [feedbackAfter] = (await again.engine.query('SELECT CAST(count(*) AS INTEGER) AS n FROM feedback')).toArray();
    expect(feedbackAfter!.n).to.equal(feedbackBefore!.n);
    expect(el.shadowRoot!.querySelector('[part=error]')).to.equal(null);
    await expect(el).to.be.accessible();
    // The next load clears the notice.
    await el.loadFile(new File([sampleOrdersCsv({ seed: 6, customers: 50 })], 'orders-50.csv'));
    expect(el.shadowRoot!.querySelector('[part=recovered]')).to.equal(null);
  });

  it('orders loaded from a URL are downloaded and loaded again, and the page says why as it starts', async () => {
    const csv = sampleOrdersCsv({ seed: 7, customers: 120 });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    try {
      const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
      expect(await el.loadUrl(url)).to.not.equal(null);
      const table = await loaded(el);
      const before = await customerIds(table);
      const status = el.shadowRoot!.querySelector('[role=status]')!;
      const said: string[] = [];
      const watch = new MutationObserver(() => said.push(status.textContent ?? ''));
      watch.observe(status, { childList: true, characterData: true, subtree: true });
      killEngineWorker((await el.getDataset()).engine);
      await waitUntil(() => el.shadowRoot!.querySelector('[part=recovered]'), 'the page says it recovered', { timeout: 120_000 });
      watch.disconnect();
      const name = url.slice(url.lastIndexOf('/') + 1);
      expect(said.some((s) => s.includes(`The analytics engine stopped. Starting it again and loading ${name} again`)), said.join(' / ')).to.equal(true);
      // The list of the new engine (a new table: the old one went with the data).
      expect(await customerIds(await loaded(el))).to.equal(before);
    } finally {
      URL.revokeObjectURL(url);
    }
  });

  it('with nothing loaded, the page says the engine stopped, and the next file loads into a new one', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
    const dataset = await el.getDataset();
    const failed = oneEvent(el, 'rapport-error');
    killEngineWorker(dataset.engine);
    const { detail } = await failed;
    expect(detail.code).to.equal('engine-crashed');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.include('The analytics engine stopped; it starts again with the next file.');
    const report = await el.loadFile(new File([sampleOrdersCsv({ seed: 2, customers: 30 })], 'orders-30.csv'));
    expect(report?.customers).to.equal(30);
    expect(await el.getDataset()).to.not.equal(dataset);
  });

  it('an engine that dies again right after its restart is not restarted in a loop: the page says it stopped', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
    await el.loadFile(new File([sampleOrdersCsv({ seed: 3, customers: 60 })], 'orders-60.csv'));
    await loaded(el);
    killEngineWorker((await el.getDataset()).engine);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=recovered]'), 'restarted once', { timeout: 120_000 });
    await loaded(el);
    // Again within the minute: no restart loop, but a plain message, and the next file starts afresh.
    const failed = oneEvent(el, 'rapport-error');
    killEngineWorker((await el.getDataset()).engine);
    const { detail } = await failed;
    expect(detail.code).to.equal('engine-crashed');
    expect(inner(el, 'rapport-customer-table')).to.equal(null);
    expect((await el.loadFile(new File([sampleOrdersCsv({ seed: 3, customers: 10 })], 'orders-10.csv')))?.customers).to.equal(10);
  });

  it('an engine the page gave that dies is replaced by one the dashboard starts itself', async () => {
    const given = await createBrowserEngine();
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard locale="en-US"></rapport-dashboard>`);
    el.engine = given;
    await el.loadFile(new File([sampleOrdersCsv({ seed: 9, customers: 120 })], 'orders-120.csv'));
    const table = await loaded(el);
    const before = await customerIds(table);
    killEngineWorker(given);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=recovered]'), 'the page says it recovered', { timeout: 120_000 });
    // The list of the new engine (a new table: the old one went with the data).
    expect(await customerIds(await loaded(el))).to.equal(before);
    const dataset = await el.getDataset();
    expect(dataset.engine).to.not.equal(given);
    await dataset.engine.close();
  });
});
