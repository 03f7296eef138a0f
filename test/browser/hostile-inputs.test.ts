import './setup.js';
import { shownRows } from './setup.js';
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { RapportDashboard } from '../../src/components/dashboard/rapport-dashboard.js';
import type { RapportCustomerTable } from '../../src/components/customer-table/rapport-customer-table.js';
import type { Engine } from '../../src/data/engine/engine.js';
import { sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { HOSTILE_NAMES, hostileCorpus, type HostileFile } from '../hostile/corpus.js';
import { mountHostilePage, nothingInjected, type HostilePage } from './hostile-helpers.js';

/**
 * A representative part of the hostile corpus (test/hostile/corpus.ts; every file of it goes
 * through the ingest in test/unit/hostile-corpus.test.ts) dropped into the dashboard: files
 * that cannot load leave a clear message naming them and the dataset shown before intact;
 * files that load are shown; names made of markup, script and formulas stay text; the page
 * keeps answering throughout.
 */

const corpus = new Map(hostileCorpus().map((f) => [f.name, f]));
const file = (name: string): HostileFile => corpus.get(name)!;

const FAILING = ['empty.csv', 'header-only.csv', 'truncated.csv.gz', 'gzip-bad-crc.csv.gz', 'orders.zip', 'workbook.xlsx', 'image.png', 'random.bin', 'broken.json', 'bad.parquet'];
const LOADING = ['utf16le-bom.csv', 'cp1252-quotes.csv', 'mixed-eol.csv', 'wide.csv', 'huge-amount.csv', 'json-proto.json', 'long-id.csv', 'nul-in-field.csv'];

const inner = <T extends Element>(el: Element, tag: string) => el.shadowRoot!.querySelector(tag) as T | null;

/** The longest the page went without running a timer while `work` ran. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 10);
  try {
    const result = await work();
    return { result, stallMs: Math.max(stallMs, performance.now() - last) };
  } finally {
    clearInterval(timer);
  }
}

describe('hostile files dropped into the dashboard', function () {
  this.timeout(300_000);
  let page: HostilePage;
  let engine: Engine;
  let el: RapportDashboard;
  let table: RapportCustomerTable;

  before(async () => {
    page = await mountHostilePage();
    ({ engine, el } = page);
    await el.load({ name: 'kept-orders.csv', bytes: new TextEncoder().encode(sampleOrdersCsv({ seed: 3, customers: 300 })) });
    table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
    await waitUntil(async () => { const rows = await shownRows(table); return rows.length > 0 && rows.some((r) => r.segment); }, 'the kept dataset scored', { timeout: 60_000 });
  });
  after(() => page.close());

  it('a file that cannot load says so, naming it, and the dataset shown before stays', async () => {
    const before = (await shownRows(table)).map((r) => r.customer_id).sort().join('|');
    const stalls: Record<string, number> = {};
    for (const name of FAILING) {
      const f = file(name);
      const { result, stallMs } = await longestStall(() => el.loadFile(new File([f.bytes as BlobPart], f.name)));
      stalls[name] = Math.round(stallMs);
      expect(result, name).to.equal(null);
      await el.updateComplete;
      const alert = el.shadowRoot!.querySelector('[part=error]');
      expect(alert, `${name}: an error is shown`).to.not.equal(null);
      expect(alert!.textContent, name).to.include(name);
      expect(alert!.textContent, name).to.not.match(/undefined|\[object /);
      expect((await shownRows(table)).map((r) => r.customer_id).sort().join('|'), `${name}: the kept customers are still listed`).to.equal(before);
      const [count] = (await engine.query('SELECT CAST(count(DISTINCT customer_id) AS INTEGER) AS n FROM orders')).toArray();
      expect(count!.n, `${name}: the kept orders are still loaded`).to.equal(300);
    }
    // The page kept answering: no load held the main thread for a whole second.
    for (const [name, ms] of Object.entries(stalls)) expect(ms, `${name} stalled the page for ${ms} ms`).to.be.below(1000);
  });

  it('files that load are shown, every row read accounted for', async () => {
    for (const name of LOADING) {
      const f = file(name);
      const { result: report, stallMs } = await longestStall(() => el.loadFile(new File([f.bytes as BlobPart], f.name)));
      expect(report, `${name} loads`).to.not.equal(null);
      expect(report!.rowsRead, name).to.equal(report!.rowsLoaded + report!.rowsRejected);
      const want = 'load' in f.expect ? f.expect.load : {};
      if (want.rowsLoaded !== undefined) expect(report!.rowsLoaded, name).to.equal(want.rowsLoaded);
      expect(stallMs, `${name} stalled the page for ${Math.round(stallMs)} ms`).to.be.below(1000);
      await waitUntil(async () => (await shownRows(table)).length === report!.customers, `${name}: its customers listed`, { timeout: 30_000 });
      for (const id of want.ids ?? []) expect((await shownRows(table)).some((r) => r.customer_id === id), `${name}: ${JSON.stringify(id)} listed as written`).to.equal(true);
    }
  });

  it('names made of markup, script, formulas and SQL are shown as text and run nothing', async () => {
    const f = file('hostile-names.csv');
    const report = await el.loadFile(new File([f.bytes as BlobPart], f.name));
    expect(report?.customers).to.equal(HOSTILE_NAMES.length);
    await waitUntil(async () => { const rows = await shownRows(table); return rows.length === HOSTILE_NAMES.length && rows.every((r) => r.segment); }, 'the hostile names scored', { timeout: 60_000 });
    // The list draws the rows in view.
    table.scrollIntoView();
    await waitUntil(() => table.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length > 1, 'the list drawn', { timeout: 30_000 }).catch((e) => {
      throw new Error(`${(e as Error).message}: ${table.shadowRoot!.textContent?.replace(/\s+/g, ' ').slice(0, 400)}`);
    });
    // Let any image error handler or injected script have its chance.
    await new Promise((r) => setTimeout(r, 300));
    nothingInjected(el.shadowRoot!, page.alerts);
    // The names are there, as text.
    const cells = [...table.shadowRoot!.querySelectorAll('lit-virtualizer [role=cell]')].map((c) => c.textContent ?? '');
    expect(cells.some((t) => t.includes('<img src=x onerror=alert(1)>') || t.includes('<script>alert(1)</script>')), `a markup name shown as text: ${cells.slice(0, 8).join(' | ')}`).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
