import './setup.js';
import { restoreLightScheme, useDarkScheme } from './setup.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { RapportData } from '../../src/components/data/rapport-data.js';
import type { RapportCustomerTable } from '../../src/components/customer-table/rapport-customer-table.js';
import type { RapportHeadline } from '../../src/components/headline/rapport-headline.js';
import type { RapportSegments } from '../../src/components/segments/rapport-segments.js';
import type { RapportLadder } from '../../src/components/ladder/rapport-ladder.js';
import type { RapportLoadReport } from '../../src/components/load-report/rapport-load-report.js';
import type { LadderResult } from '../../src/analytics/ladder.js';
import { createBrowserEngine } from '../../src/data/engine/browser-engine.js';
import { Dataset } from '../../src/data/dataset.js';
import type { Engine } from '../../src/data/engine/engine.js';

const ORDERS = '/test/fixtures/provider-orders.csv';
/** Customers in the fixture (P01..P12). */
const CUSTOMERS = 12;
const ladderSum = (l: LadderResult) => l.rungs.reduce((n, r) => n + r.customers, 0) + l.lapsed.customers;
const status = (el: RapportData) => el.shadowRoot!.querySelector('[part~=status]')!.textContent ?? '';
const alertText = (el: RapportData) => [...el.shadowRoot!.querySelectorAll('[role=alert]')].map((a) => a.textContent ?? '').join(' ');

describe('rapport-data: a provider shares one dataset with the elements inside it', function () {
  this.timeout(180_000);
  let engine: Engine;
  let provider: RapportData;
  let headline: RapportHeadline;
  let segments: RapportSegments;
  let ladder: RapportLadder;
  let table: RapportCustomerTable;

  before(async () => {
    engine = await createBrowserEngine();
    // Mounted by hand: fixture() removes its element after each test, and this one must stay.
    const page = await fixture<HTMLDivElement>(html`<div>
      <rapport-data src=${ORDERS} currency="EUR" .engine=${engine}>
        <h2>Our customers</h2>
        <rapport-load-report></rapport-load-report>
        <rapport-headline locale="en-US"></rapport-headline>
        <section><rapport-segments locale="en-US"></rapport-segments></section>
        <rapport-ladder locale="en-US"></rapport-ladder>
        <rapport-customer-table locale="en-US"></rapport-customer-table>
      </rapport-data>
    </div>`);
    page.remove();
    document.body.append(page);
    provider = page.querySelector('rapport-data')!;
    headline = page.querySelector('rapport-headline')!;
    segments = page.querySelector('rapport-segments')!;
    ladder = page.querySelector('rapport-ladder')!;
    table = page.querySelector('rapport-customer-table')!;
    await waitUntil(() => provider.state.status === 'ready', 'loaded', { timeout: 60_000 });
  });
  after(async () => {
    provider.parentElement!.remove();
    await restoreLightScheme();
    await engine.close();
  });

  it('every element inside shows the provider data', async () => {
    expect(provider.state.error).to.equal(null);
    expect(headline.headline?.customers).to.equal(CUSTOMERS);
    expect(headline.selected).to.equal(false);
    expect(segments.summary.length).to.be.greaterThan(0);
    expect(segments.summary.reduce((n, s) => n + s.customers, 0)).to.equal(CUSTOMERS);
    expect(segments.cells.length).to.be.greaterThan(0);
    expect(ladder.ladder).to.not.equal(null);
    expect(ladderSum(ladder.ladder!)).to.equal(CUSTOMERS);
    expect(table.rows).to.have.length(CUSTOMERS);
    expect(table.total).to.equal(CUSTOMERS);
    expect(table.rows.every((r) => r.segment && r.rung)).to.equal(true);
    const report = (provider.querySelector('rapport-load-report') as RapportLoadReport).report;
    expect(report?.rowsLoaded).to.equal(28);
    // The provider's currency reaches the elements with none of their own.
    expect(headline.currency).to.equal('EUR');
    await headline.updateComplete;
    expect(headline.shadowRoot!.textContent).to.contain('€');
    expect(status(provider)).to.equal('provider-orders.csv loaded: 12 customers.');
  });

  it('fits the customer-value model after the load: the value panel, the table columns and the value by segment and rung', async () => {
    const model = provider.state.clv!;
    expect(model, 'a model fitted').to.not.equal(null);
    expect(model.customers).to.equal(12);
    expect(model.predictions).to.have.length(12);
    // The customer list carries the predictions (prospects would have none).
    expect(provider.state.customers.every((c) => typeof c.probability_alive === 'number')).to.equal(true);
    const groups = provider.state.clvGroups!;
    const segmentTotal = groups.bySegment!.reduce((sum, g) => sum + g.customers, 0);
    expect(segmentTotal).to.equal(12);
    // Nobody selected: everyone's groups are the same figures.
    expect(groups.selection).to.equal(null);
    expect(provider.state.clvGroupsEveryone).to.equal(groups);
    // Eleven months of orders: too short to hold the default six out for the check, and the notes say so.
    expect(model.check).to.equal(null);
    expect(model.notices.map((n) => n.code)).to.include('clv.check-too-short');
    const panel = document.createElement('rapport-clv');
    panel.setAttribute('locale', 'en-US');
    provider.append(panel);
    try {
      await waitUntil(() => (panel as HTMLElement & { model: unknown }).model === model, 'the panel has the model');
      await (panel as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
      expect(panel.shadowRoot!.textContent).to.contain('12');
      // Where the value is: a row per segment of the provider's scoring.
      await waitUntil(() => panel.shadowRoot!.querySelectorAll('[part=groups-row]').length === groups.bySegment!.length + 1, 'the value by segment');
      // A selection: the panel's figures become the selected customers', everyone's under them.
      const seg = [...segments.summary].filter((s) => s.customers < CUSTOMERS).sort((a, b) => b.customers - a.customers)[0]!;
      // Only the selection changed: the selection's value by group is read, everyone's published stays.
      const everyoneShown = provider.state.clvGroupsEveryone;
      const clvGroups = Dataset.prototype.clvGroups;
      const asked: boolean[] = [];
      Dataset.prototype.clvGroups = function (this: Dataset, request = {}) {
        asked.push(request.selected === true);
        return clvGroups.call(this, request);
      };
      try {
        await provider.state.actions.select({ kind: 'segment', segment: seg.segment });
      } finally {
        Dataset.prototype.clvGroups = clvGroups;
      }
      expect(asked, 'selected: true only').to.deep.equal([true]);
      expect(provider.state.clvGroupsEveryone).to.equal(everyoneShown);
      expect(provider.state.clvGroups!.selection?.customers).to.equal(seg.customers);
      expect(provider.state.clvGroups!.total.predicted).to.equal(seg.customers);
      expect(provider.state.clvGroupsEveryone!.total.predicted).to.equal(12);
      await waitUntil(() => panel.shadowRoot!.querySelector('[part=selection-note]') !== null, 'the panel shows the selection');
      expect(panel.shadowRoot!.querySelector('[part=selection-note]')!.textContent).to.contain(`${seg.customers} of 12`);
      await provider.clearSelection();
      await waitUntil(() => panel.shadowRoot!.querySelector('[part=selection-note]') === null, 'everyone again');
    } finally {
      panel.remove();
    }
  });

  it('a segment tile filters the other elements; choosing it again shows everyone', async () => {
    const seg = [...segments.summary].filter((s) => s.customers < CUSTOMERS).sort((a, b) => b.customers - a.customers)[0]!;
    await segments.updateComplete;
    const tile = () => segments.shadowRoot!.querySelector<SVGGElement>(`.tile[data-segment="${CSS.escape(seg.segment)}"]`)!;
    tile().dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await waitUntil(() => table.rows.length === seg.customers, 'only that segment listed', { timeout: 20_000 });
    expect(new Set(table.rows.map((r) => r.segment))).to.deep.equal(new Set([seg.segment]));
    await waitUntil(() => headline.selected && headline.headline?.customers === seg.customers, 'headline of the selection', { timeout: 20_000 });
    await headline.updateComplete;
    expect(headline.shadowRoot!.textContent).to.contain('Selected customers');
    await waitUntil(() => ladder.ladder && ladderSum(ladder.ladder) === seg.customers, 'ladder counts the segment', { timeout: 20_000 });
    // The treemap keeps everyone, with the tile marked; the table's segment filter shows it too.
    expect(segments.summary.reduce((n, s) => n + s.customers, 0)).to.equal(CUSTOMERS);
    expect(segments.selected).to.equal(seg.segment);
    expect(table.segment).to.equal(seg.segment);
    expect(table.total).to.equal(CUSTOMERS);
    expect(provider.state.selectionInfo?.customers).to.equal(seg.customers);
    expect(status(provider)).to.match(/^Selected: \d+ customers?\.$/);

    await segments.updateComplete;
    tile().dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await waitUntil(() => table.rows.length === CUSTOMERS && !headline.selected, 'everyone again', { timeout: 20_000 });
    expect(headline.headline?.customers).to.equal(CUSTOMERS);
    expect(ladderSum(ladder.ladder!)).to.equal(CUSTOMERS);
    expect(segments.selected).to.equal(undefined);
    expect(provider.state.selection).to.deep.equal({});
  });

  it('a rung on top selects the intersection; clearSelection() brings everyone back', async () => {
    const seg = [...segments.summary].sort((a, b) => b.customers - a.customers)[0]!;
    await provider.state.actions.select({ kind: 'segment', segment: seg.segment });
    const rung = table.rows[0]!.rung!;
    const expected = table.rows.filter((r) => r.rung === rung).length;
    await ladder.updateComplete;
    ladder.shadowRoot!.querySelector<SVGGElement>(`.place[data-place="${rung}"]`)!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await waitUntil(() => table.rows.length === expected && table.rows.every((r) => r.rung === rung && r.segment === seg.segment), 'the intersection', {
      timeout: 20_000,
    });
    expect(ladder.selected).to.equal(rung);
    // The ladder leaves its own part out: it counts the whole segment, with the rung marked.
    expect(ladderSum(ladder.ladder!)).to.equal(seg.customers);
    expect(headline.headline?.customers).to.equal(expected);
    expect(table.rows.every((r) => typeof r.reason === 'string')).to.equal(true);
    await provider.clearSelection();
    expect(table.rows).to.have.length(CUSTOMERS);
    expect(ladder.selected).to.equal(null);
    expect(headline.selected).to.equal(false);
  });

  it('a selection that cannot be made is shown, and the one before stays', async () => {
    await provider.state.actions.select({ kind: 'segment', segment: segments.summary[0]!.segment });
    const before = provider.state.selection;
    await provider.applySelection({ segment: 'No such segment' });
    await provider.updateComplete;
    expect(alertText(provider)).to.contain('No such segment');
    expect(provider.state.selection).to.deep.equal(before);
    await provider.clearSelection();
    await provider.updateComplete;
    expect(provider.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
  });

  it('the table sorts in SQL through the provider', async () => {
    const sorted = () => {
      const orders = table.rows.map((r) => r.orders);
      return orders.every((n, i) => i === 0 || orders[i - 1]! >= n);
    };
    expect(sorted(), 'not sorted by orders before').to.equal(false);
    table.dispatchEvent(new CustomEvent('rapport-sort', { detail: { key: 'orders', direction: 'desc' }, bubbles: true, composed: true }));
    await waitUntil(sorted, 'sorted by orders in SQL');
    expect(provider.state.sort).to.deep.equal({ key: 'orders', direction: 'desc' });
    expect(table.sortKey).to.equal('orders');
    expect(table.rows).to.have.length(CUSTOMERS);
  });

  it('a sort asked while a selection is pending is kept', async () => {
    const seg = [...segments.summary].sort((a, b) => b.customers - a.customers)[0]!;
    const selecting = provider.state.actions.select({ kind: 'segment', segment: seg.segment });
    const sorting = provider.state.actions.sortCustomers('customer_id', 'asc');
    await Promise.all([selecting, sorting]);
    expect(provider.state.sort).to.deep.equal({ key: 'customer_id', direction: 'asc' });
    const ids = provider.state.customers.map((r) => r.customer_id);
    expect(ids).to.deep.equal([...ids].sort());
    expect(provider.state.customers).to.have.length(seg.customers);
    await provider.clearSelection();
    await provider.state.actions.sortCustomers('total_spend', 'desc');
  });

  it('a failed selection goes back to the selection in force, with its figures', async () => {
    const seg = [...segments.summary].sort((a, b) => b.customers - a.customers)[0]!;
    // The valid one is never confirmed: the invalid one replaces it before its figures are read.
    const valid = provider.applySelection({ segment: seg.segment });
    await provider.applySelection({ segment: 'No such segment' });
    await valid;
    const s = provider.state;
    expect(s.selectionError).to.contain('No such segment');
    const inForce = s.selectionInfo?.selection ?? {};
    expect(s.selection).to.deep.equal(inForce);
    expect(s.headline?.customers).to.equal(s.selectionInfo?.customers ?? CUSTOMERS);
    expect(s.customers).to.have.length(s.selectionInfo?.customers ?? CUSTOMERS);
    await provider.clearSelection();
    expect(provider.state.selectionError).to.equal(null);
  });

  it('a selection made during a re-analysis ends consistent', async () => {
    const seg = [...segments.summary].sort((a, b) => b.customers - a.customers)[0]!.segment;
    provider.setAttribute('rfm-bins', '4');
    await waitUntil(() => provider.state.status === 'loading', 're-analysing', { timeout: 10_000 });
    await provider.state.actions.select({ kind: 'segment', segment: seg });
    await waitUntil(() => provider.state.status === 'ready', 'ready again', { timeout: 30_000 });
    const s = provider.state;
    expect(s.overview?.bins).to.equal(4);
    expect(s.selectionError).to.equal(null);
    expect(s.error).to.equal(null);
    if (s.selection.segment) {
      expect(s.segments).to.include(s.selection.segment);
      expect(s.selectionInfo?.customers).to.equal(s.headline?.customers);
      expect(s.customers.every((r) => r.segment === s.selection.segment)).to.equal(true);
    } else {
      expect(s.selection).to.deep.equal({});
      expect(s.customers).to.have.length(CUSTOMERS);
    }
    await provider.clearSelection();
    provider.removeAttribute('rfm-bins');
    await waitUntil(() => provider.state.overview?.bins === 5 && provider.state.status === 'ready', 'five bins again', { timeout: 30_000 });
  });

  it('passes axe on the composed page, light and dark', async () => {
    await provider.state.actions.select({ kind: 'segment', segment: segments.summary[0]!.segment });
    await Promise.all([headline.updateComplete, segments.updateComplete, ladder.updateComplete, table.updateComplete]);
    await expect(provider.parentElement!).to.be.accessible();
    await useDarkScheme();
    await expect(provider.parentElement!).to.be.accessible();
    await restoreLightScheme();
    await provider.clearSelection();
  });
});

describe('rapport-data: errors, languages and plain-data use', function () {
  this.timeout(120_000);
  let engine: Engine;
  before(async () => {
    engine = await createBrowserEngine();
  });
  after(async () => {
    await restoreLightScheme();
    await engine.close();
  });

  it('an element outside any provider keeps its plain data', async () => {
    const h = await fixture<RapportHeadline>(html`<rapport-headline
      locale="en-US"
      .headline=${{ customers: 3, orders: 5, revenue: 100, averageOrderValue: 20, repeatRate: 0.5, firstOrder: '2024-01-01', lastOrder: '2024-02-01' }}
    ></rapport-headline>`);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.headline?.customers).to.equal(3);
    expect(h.shadowRoot!.textContent).to.contain('Customers');
  });

  it('a dashboard inside a provider keeps feeding its own charts', async () => {
    // The provider has the fixture shop (12 customers); the dashboard, on its own engine, 2.
    const own = await createBrowserEngine();
    try {
      const wrap = await fixture<RapportData>(
        html`<rapport-data src="/test/fixtures/provider-orders.csv" .engine=${engine}><rapport-dashboard locale="en-US" .engine=${own}></rapport-dashboard></rapport-data>`,
      );
      await waitUntil(() => wrap.state.status === 'ready', 'the provider loaded', { timeout: 30_000 });
      const dash = wrap.querySelector('rapport-dashboard')!;
      await dash.load({ name: 'small.csv', bytes: new TextEncoder().encode('customer_id,order_date,amount\nA,2024-01-01,5\nB,2024-01-02,6\nA,2024-02-01,7\n') });
      const headline = () => dash.shadowRoot!.querySelector<RapportHeadline>('rapport-headline');
      await waitUntil(() => headline()?.headline?.customers === 2, 'the dashboard headline shows its own load', { timeout: 30_000 });
      // A new state from the provider (its analytics re-run) must not reach the dashboard's charts either.
      const before = wrap.state;
      wrap.setAttribute('rfm-bins', '4');
      await waitUntil(() => wrap.state !== before && wrap.state.status === 'ready', 'the provider published again', { timeout: 30_000 });
      await new Promise((r) => setTimeout(r, 300));
      expect(wrap.state.headline?.customers).to.equal(12);
      expect(headline()!.headline?.customers).to.equal(2);
      // A tile clicked in the dashboard selects in the dashboard, not in the provider around it.
      const segs = () => dash.shadowRoot!.querySelector('rapport-segments');
      await waitUntil(() => (segs()?.summary.length ?? 0) > 0, 'the dashboard segments', { timeout: 30_000 });
      await segs()!.updateComplete;
      segs()!.shadowRoot!.querySelector<SVGGElement>('.tile')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      await new Promise((r) => setTimeout(r, 500));
      expect(wrap.state.selection).to.deep.equal({});
      expect(wrap.state.headlineSelected).to.equal(false);
    } finally {
      await own.close();
    }
  });

  it('a bad URL shows an error naming the URL and the status', async () => {
    const errors: CustomEvent[] = [];
    const el = await fixture<RapportData>(
      html`<rapport-data src="/test/fixtures/no-such-file.csv" .engine=${engine} @rapport-error=${(e: CustomEvent) => errors.push(e)}
        ><rapport-headline></rapport-headline
      ></rapport-data>`,
    );
    await waitUntil(() => el.state.status === 'error', 'failed', { timeout: 20_000 });
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.code).to.equal('unreadable');
    expect(errors[0]!.detail.message).to.contain('404');
    await el.updateComplete;
    const text = alertText(el);
    expect(text).to.contain('/test/fixtures/no-such-file.csv');
    expect(text).to.contain('404');
    expect(status(el)).to.equal('The data could not be loaded.');
    expect((el.querySelector('rapport-headline') as RapportHeadline).headline).to.equal(null);
    await expect(el).to.be.accessible();
    await useDarkScheme();
    await expect(el).to.be.accessible();
    await restoreLightScheme();
  });

  it('loads the customer list and feedback before the orders; an element added later gets the data too', async () => {
    const el = await fixture<RapportData>(html`<rapport-data
      src=${ORDERS}
      customers-src="/test/fixtures/provider-customers.csv"
      feedback-src="/test/fixtures/provider-feedback.csv"
      .engine=${engine}
      ><rapport-voice locale="en-US"></rapport-voice
    ></rapport-data>`);
    await waitUntil(() => el.state.status === 'ready', 'loaded', { timeout: 60_000 });
    expect(el.state.error).to.equal(null);
    expect(el.state.customersReport?.rowsLoaded).to.equal(15);
    expect(el.state.feedbackReport?.rowsLoaded).to.equal(8);
    const voice = el.querySelector('rapport-voice')!;
    expect(voice.voice).to.not.equal(null);
    // Prospects from the list are contacts: on the ladder and in the table.
    const table = document.createElement('rapport-customer-table');
    el.append(table);
    await table.updateComplete;
    expect(table.rows).to.have.length(15);
    expect(table.rows.filter((r) => r.orders === 0)).to.have.length(3);
    // "n of total" counts the listed prospects too, as the list does.
    expect(el.state.customersTotal).to.equal(15);
    expect(table.total).to.equal(15);
    expect(el.state.ladder && ladderSum(el.state.ladder)).to.equal(15);
  });

  it('takes records through `data`; an analysis option re-runs the analytics', async () => {
    const records = [
      { order_id: 'A1', customer_id: 'X', order_date: '2024-01-05', amount: 50 },
      { order_id: 'A2', customer_id: 'X', order_date: '2024-03-05', amount: 70 },
      { order_id: 'A3', customer_id: 'Y', order_date: '2024-02-10', amount: 20 },
      { order_id: 'A4', customer_id: 'Z', order_date: '2024-04-01', amount: 90 },
      { order_id: 'A5', customer_id: 'Z', order_date: '2024-04-20', amount: 10 },
    ];
    const el = await fixture<RapportData>(html`<rapport-data .data=${records} .engine=${engine}><rapport-segments></rapport-segments></rapport-data>`);
    await waitUntil(() => el.state.status === 'ready', 'loaded', { timeout: 30_000 });
    expect(el.state.headline?.customers).to.equal(3);
    expect(el.state.overview?.bins).to.equal(5);
    const segments = el.querySelector('rapport-segments')!;
    expect(segments.bins).to.equal(5);
    el.setAttribute('rfm-bins', '3');
    await waitUntil(() => el.state.overview?.bins === 3 && el.state.status === 'ready', 'scored again in 3 bins', { timeout: 30_000 });
    expect(segments.bins).to.equal(3);
    // The customer list an earlier test loaded is dropped: no customers-src here.
    expect(el.state.customers).to.have.length(3);
  });

  it('removing customers-src drops the customer list (fresh engine)', async () => {
    const fresh = await createBrowserEngine();
    try {
      const el = await fixture<RapportData>(html`<rapport-data src=${ORDERS} customers-src="/test/fixtures/provider-customers.csv" .engine=${fresh}></rapport-data>`);
      await waitUntil(() => el.state.status === 'ready', 'loaded', { timeout: 60_000 });
      expect(el.state.customers).to.have.length(15);
      el.removeAttribute('customers-src');
      await waitUntil(() => el.state.status === 'ready' && el.state.customersReport === null && el.state.customers.length === CUSTOMERS, 'the list dropped', {
        timeout: 60_000,
      });
      expect(el.state.customersTotal).to.equal(CUSTOMERS);
      expect(el.state.ladder && ladderSum(el.state.ladder)).to.equal(CUSTOMERS);
    } finally {
      await fresh.close();
    }
  });

  it('a currency set by property is kept; the provider fills the others', async () => {
    const el = await fixture<RapportData>(html`<rapport-data src=${ORDERS} currency="EUR" .engine=${engine}
      ><rapport-headline locale="en-US" .currency=${'USD'}></rapport-headline><rapport-voice locale="en-US"></rapport-voice
    ></rapport-data>`);
    await waitUntil(() => el.state.status === 'ready', 'loaded', { timeout: 60_000 });
    const own = el.querySelector('rapport-headline')!;
    const filled = el.querySelector('rapport-voice')!;
    expect(own.currency).to.equal('USD');
    expect(filled.currency).to.equal('EUR');
    el.currency = 'GBP';
    await waitUntil(() => filled.currency === 'GBP', 'the provider currency follows', { timeout: 5_000 });
    expect(own.currency).to.equal('USD');
    await own.updateComplete;
    expect(own.shadowRoot!.textContent).to.contain('$');
  });

  it('reads the quality gap again split as the quality-gap element asks', async () => {
    const el = await fixture<RapportData>(html`<rapport-data src=${ORDERS} survey-src="/test/fixtures/provider-survey.csv" .engine=${engine}
      ><rapport-quality-gap locale="en-US"></rapport-quality-gap
    ></rapport-data>`);
    await waitUntil(() => el.state.status === 'ready', 'loaded', { timeout: 60_000 });
    const gap = el.querySelector('rapport-quality-gap')!;
    expect(el.state.qualityGap).to.not.equal(null);
    const option = el.state.qualityGap!.groupOptions.find((o) => o.by === 'region');
    expect(option, 'the survey offers a split').to.not.equal(undefined);
    gap.dispatchEvent(new CustomEvent('rapport-quality-group', { detail: { by: option!.by }, bubbles: true, composed: true }));
    await waitUntil(() => el.state.qualityGap?.groups?.by === option!.by, 'split', { timeout: 20_000 });
    expect(gap.gap?.groups?.by).to.equal(option!.by);
    gap.dispatchEvent(new CustomEvent('rapport-quality-group', { detail: { by: null }, bubbles: true, composed: true }));
    await waitUntil(() => !el.state.qualityGap?.groups, 'all respondents again', { timeout: 20_000 });
    expect(el.state.qualitySplitError).to.equal(null);
    // A split the survey cannot make: all respondents, and the element says why (in its language).
    gap.dispatchEvent(new CustomEvent('rapport-quality-group', { detail: { by: 'no_such_attribute' }, bubbles: true, composed: true }));
    await waitUntil(() => el.state.qualitySplitError !== null, 'split refused', { timeout: 20_000 });
    expect(el.state.qualityGap?.groups ?? null).to.equal(null);
    await gap.updateComplete;
    const refused = gap.shadowRoot!.querySelector('[part~=split-error]')!;
    expect(refused.getAttribute('role')).to.equal('alert');
    expect(refused.textContent).to.contain('no_such_attribute');
    gap.dispatchEvent(new CustomEvent('rapport-quality-group', { detail: { by: null }, bubbles: true, composed: true }));
    await waitUntil(() => el.state.qualitySplitError === null, 'error cleared', { timeout: 20_000 });
  });

  it('speaks the page language (Portuguese, Malay)', async () => {
    const pt = await fixture<HTMLDivElement>(html`<div lang="pt">
      <rapport-data src="/test/fixtures/no-such-file.csv" .engine=${engine}></rapport-data>
    </div>`);
    const el = pt.querySelector('rapport-data')!;
    await waitUntil(() => el.state.status === 'error', 'failed', { timeout: 20_000 });
    await el.updateComplete;
    expect(alertText(el)).to.contain('Não foi possível transferir /test/fixtures/no-such-file.csv: o servidor respondeu 404');
    expect(status(el)).to.equal('Não foi possível carregar os dados.');

    const ms = await fixture<HTMLDivElement>(html`<div lang="ms">
      <rapport-data src=${ORDERS} .engine=${engine}><rapport-headline></rapport-headline></rapport-data>
    </div>`);
    const loaded = ms.querySelector('rapport-data')!;
    await waitUntil(() => loaded.state.status === 'ready', 'loaded', { timeout: 60_000 });
    await loaded.updateComplete;
    expect(status(loaded)).to.equal('provider-orders.csv dimuatkan: 12 pelanggan.');
    const text = loaded.shadowRoot!.textContent ?? '';
    expect(text).to.not.contain('⟦');
    expect(text).to.not.match(/\{\w+\}/);
    await expect(ms).to.be.accessible();
  });
});
