import './setup.js';
import { restoreLightScheme, useDarkScheme, shownRows } from './setup.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { RapportDashboard } from '../../src/components/dashboard/rapport-dashboard.js';
import type { RapportCustomerTable } from '../../src/components/customer-table/rapport-customer-table.js';
import type { RapportClv } from '../../src/components/clv/rapport-clv.js';
import type { Headline } from '../../src/data/dataset.js';
import type { LadderResult } from '../../src/analytics/ladder.js';
import type { MigrationResult } from '../../src/analytics/migration-options.js';
import type { SegmentSummaryRow } from '../../src/data/rfm.js';
import { sampleCustomersCsv, sampleFeedbackCsv, sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { sampleSurveyCsv } from '../../src/sample/sample-survey.js';
import { createBrowserEngine } from '../../src/data/engine/browser-engine.js';
import type { Engine } from '../../src/data/engine/engine.js';

type Segments = HTMLElement & { summary: SegmentSummaryRow[]; selected?: string; updateComplete: Promise<boolean> };
type Ladder = HTMLElement & { ladder: LadderResult | null; selected: string | null; updateComplete: Promise<boolean> };
type HeadlineEl = HTMLElement & { headline: Headline | null; selected: boolean; updateComplete: Promise<boolean> };
type Migration = HTMLElement & { migration: MigrationResult | null; updateComplete: Promise<boolean> };

const inner = <T extends Element>(el: Element, tag: string) => el.shadowRoot!.querySelector(tag) as T | null;
/** The × buttons of the chips, and the chips' texts ("Segment: Champions ×"). */
const chips = (el: RapportDashboard) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=filter-chip-remove]')];
const chipTexts = (el: RapportDashboard) => [...el.shadowRoot!.querySelectorAll('[part~=filter-chip]')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim());
const ladderSum = (l: LadderResult) => l.rungs.reduce((n, r) => n + r.customers, 0) + l.lapsed.customers;
const live = (el: RapportDashboard) => el.shadowRoot!.querySelector('[role=status]')!.textContent ?? '';

describe('rapport-dashboard cross-filtering', function () {
  this.timeout(180_000);
  let engine: Engine;
  let el: RapportDashboard;
  let table: RapportCustomerTable;
  let segments: Segments;
  let everyone: number;

  before(async () => {
    engine = await createBrowserEngine();
    // Mounted by hand: fixture() removes its element after each test, and this one must stay.
    el = document.createElement('rapport-dashboard');
    el.locale = 'en-US';
    el.engine = engine;
    document.body.append(el);
    await el.updateComplete;
    await el.loadCustomerList(new File([sampleCustomersCsv()], 'customers.csv'));
    await el.load({ name: 'sample-orders.csv', bytes: new TextEncoder().encode(sampleOrdersCsv()) });
    await el.loadFeedbackFile(new File([sampleFeedbackCsv()], 'feedback.csv'));
    await el.loadSurveyFile(new File([sampleSurveyCsv()], 'survey.csv'));
    await waitUntil(() => inner(el, 'rapport-segments') && inner<Ladder>(el, 'rapport-ladder')?.ladder, 'analytics shown', { timeout: 60_000 });
    table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
    segments = inner<Segments>(el, 'rapport-segments')!;
    await waitUntil(async () => { const rows = await shownRows(table); return rows.some((r) => r.segment) && rows.some((r) => r.rung); }, 'rows scored and laddered', { timeout: 30_000 });
    everyone = (await shownRows(table)).length;
  });
  after(async () => {
    el.remove();
    await restoreLightScheme();
    await engine.close();
  });

  async function clickTile(name: string) {
    await segments.updateComplete;
    const tile = segments.shadowRoot!.querySelector<SVGGElement>(`.tile[data-segment="${CSS.escape(name)}"]`)!;
    expect(tile, `tile ${name}`).to.not.equal(null);
    tile.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  }
  async function clickRung(place: string) {
    const ladder = inner<Ladder>(el, 'rapport-ladder')!;
    await ladder.updateComplete;
    const step = ladder.shadowRoot!.querySelector<SVGGElement>(`.place[data-place="${place}"]`)!;
    expect(step, `rung ${place}`).to.not.equal(null);
    step.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  }

  it('a segment tile selects its customers: headline, table and ladder count them, a chip says so', async () => {
    const champions = segments.summary.find((s) => s.segment === 'Champions')!;
    await clickTile('Champions');
    await waitUntil(async () => (await shownRows(table)).length === champions.customers, 'only Champions listed', { timeout: 20_000 });
    expect(new Set((await shownRows(table)).map((r) => r.segment))).to.deep.equal(new Set(['Champions']));
    const headline = inner<HeadlineEl>(el, 'rapport-headline')!;
    await waitUntil(() => headline.selected && headline.headline?.customers === champions.customers, 'headline of the selection', { timeout: 20_000 });
    await headline.updateComplete;
    expect(headline.shadowRoot!.textContent).to.contain('Selected customers');
    const ladder = inner<Ladder>(el, 'rapport-ladder')!;
    await waitUntil(() => ladder.ladder && ladderSum(ladder.ladder) === champions.customers, 'ladder counts the segment', { timeout: 20_000 });
    // The treemap keeps everyone, with the tile marked.
    expect(segments.summary.find((s) => s.segment === 'Champions')!.customers).to.equal(champions.customers);
    expect(segments.summary.reduce((n, s) => n + s.customers, 0)).to.be.greaterThan(champions.customers);
    expect(segments.selected).to.equal('Champions');
    await el.updateComplete;
    expect(chipTexts(el)).to.deep.equal(['Segment: Champions ×']);
    expect(chips(el)[0]!.getAttribute('aria-label')).to.equal('Remove the segment filter Champions');
    expect(el.shadowRoot!.querySelector('[part~=filter-clear]')!.textContent!.trim()).to.equal('Clear all');
    expect(live(el)).to.equal(`Showing ${champions.customers} customers in Champions.`);
    // The table's segment choice shows the selection.
    expect(table.segment).to.equal('Champions');
  });

  it('choosing customers moves nothing on the page, wide or narrower, in English or French: the selection row holds its place, a hint while nothing is chosen', async () => {
    // (Narrower than a chip and its "Clear all" side by side, the chips wrap and the row grows: the hint alone never does.)
    const bar = () => el.shadowRoot!.querySelector<HTMLElement>('[part~=filter-bar]')!;
    const hint = () => el.shadowRoot!.querySelector<HTMLElement>('[part~=filter-hint]');
    const headlineTop = () => inner<HeadlineEl>(el, 'rapport-headline')!.getBoundingClientRect().top;
    try {
      for (const [width, locale] of [['', 'en-US'], ['560px', 'fr']] as const) {
        el.style.width = width;
        el.locale = locale;
        el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=filter-clear]')?.click();
        await waitUntil(() => chips(el).length === 0 && hint(), 'no chips, the hint');
        await el.updateComplete;
        // One line, cut if it must be: the hint is as tall as a row of chips.
        expect(hint()!.scrollHeight, `${locale} ${width}`).to.be.at.most(hint()!.clientHeight + 1);
        const before = { top: headlineTop(), height: bar().getBoundingClientRect().height };
        expect(bar().getAttribute('role')).to.equal('group');
        await clickTile('Champions');
        await waitUntil(() => chips(el).length === 1, 'a chip');
        await el.updateComplete;
        expect(hint()).to.equal(null);
        expect(bar().getBoundingClientRect().height, `${locale} ${width}`).to.equal(before.height);
        expect(headlineTop(), `${locale} ${width}`).to.equal(before.top);
      }
      await expect(el).to.be.accessible();
    } finally {
      el.style.width = '';
      el.locale = 'en-US';
    }
    // Left as the test before left it: the Champions chosen, their list shown.
    const champions = segments.summary.find((s) => s.segment === 'Champions')!.customers;
    await waitUntil(async () => (await shownRows(table)).length === champions, 'only Champions listed', { timeout: 20_000 });
  });

  it('a rung on top selects the intersection; the ladder keeps the segment counts with the rung marked', async () => {
    const champions = segments.summary.find((s) => s.segment === 'Champions')!.customers;
    const ladder = inner<Ladder>(el, 'rapport-ladder')!;
    const place = ladder.ladder!.rungs.filter((r) => r.customers > 0).sort((a, b) => b.customers - a.customers)[0]!;
    const expected = place.customers;
    expect(expected).to.be.lessThan(champions);
    await clickRung(place.rung);
    await waitUntil(async () => { const rows = await shownRows(table); return rows.length === expected && rows.every((r) => r.rung === place.rung && r.segment === 'Champions'); }, 'the intersection', {
      timeout: 20_000,
    });
    const headline = inner<HeadlineEl>(el, 'rapport-headline')!;
    await waitUntil(() => headline.headline?.customers === expected, 'headline of the intersection', { timeout: 20_000 });
    await waitUntil(() => ladder.selected === place.rung, 'rung marked');
    // Counted over the segment (its own part left out), so every rung of the Champions still shows.
    expect(ladderSum(ladder.ladder!)).to.equal(champions);
    await el.updateComplete;
    expect(chipTexts(el)).to.have.length(2);
    expect(chipTexts(el)[1]).to.match(/^Rung: /);
    // Each row on a rung says why it is there.
    expect((await shownRows(table)).every((r) => typeof r.reason === 'string')).to.equal(true);
  });

  it('passes axe with the chips shown, light and dark', async () => {
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await useDarkScheme();
    try {
      await expect(el).to.be.accessible();
    } finally {
      await restoreLightScheme();
    }
  });

  it('removing a chip goes back one step; Clear all brings everyone back', async () => {
    const champions = segments.summary.find((s) => s.segment === 'Champions')!.customers;
    chips(el)[1]!.focus();
    chips(el)[1]!.click();
    await waitUntil(async () => (await shownRows(table)).length === champions, 'the segment again', { timeout: 20_000 });
    await el.updateComplete;
    expect(chipTexts(el)).to.deep.equal(['Segment: Champions ×']);
    // Focus moves to what is left of the bar, not off the page.
    const active = el.shadowRoot!.activeElement;
    expect(active?.matches('[part~=filter-chip-remove], [part~=filter-clear]')).to.equal(true);
    const ladder = inner<Ladder>(el, 'rapport-ladder')!;
    await waitUntil(() => ladder.selected === null, 'rung unmarked');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=filter-clear]')!.click();
    await waitUntil(async () => (await shownRows(table)).length === everyone, 'everyone again', { timeout: 20_000 });
    const headline = inner<HeadlineEl>(el, 'rapport-headline')!;
    await waitUntil(() => !headline.selected, 'headline of everyone');
    await el.updateComplete;
    // No chips: the row stays, with its hint, so that choosing again moves nothing on the page.
    expect(chips(el)).to.have.length(0);
    expect(el.shadowRoot!.querySelector('[part~=filter-clear]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~=filter-hint]')!.textContent).to.contain('No customers chosen');
    expect(segments.selected).to.equal(undefined);
    await waitUntil(() => ladder.ladder && ladderSum(ladder.ladder) === ladder.ladder.contacts && ladder.ladder.contacts >= everyone, 'the whole ladder');
  });

  it('the same tile twice removes the segment part', async () => {
    await clickTile('Lost');
    const lost = segments.summary.find((s) => s.segment === 'Lost')!.customers;
    await waitUntil(async () => (await shownRows(table)).length === lost, 'Lost listed', { timeout: 20_000 });
    await clickTile('Lost');
    await waitUntil(async () => (await shownRows(table)).length === everyone, 'everyone again', { timeout: 20_000 });
    await el.updateComplete;
    expect(chips(el)).to.have.length(0);
  });

  it('an R-by-F cell selects its customers', async () => {
    await segments.updateComplete;
    const cell = segments.shadowRoot!.querySelector<SVGGElement>('.cell[data-r="5"][data-f="4"]')!;
    expect(cell).to.not.equal(null);
    cell.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await waitUntil(async () => { const rows = await shownRows(table); return rows.length > 0 && rows.length < everyone && rows.every((r) => r.r_score === 5 && r.f_score === 4); }, 'cell R5 F4', {
      timeout: 20_000,
    });
    await el.updateComplete;
    expect(chipTexts(el)).to.deep.equal(['Cell R 5 · F 4 ×']);
    expect(chips(el)[0]!.getAttribute('aria-label')).to.equal('Remove the cell filter R 5 · F 4');
    const headline = inner<HeadlineEl>(el, 'rapport-headline')!;
    await waitUntil(async () => headline.headline?.customers === (await shownRows(table)).length, 'headline of the cell', { timeout: 20_000 });
    // The value curve counts the selection.
    const pareto = inner<HTMLElement & { pareto: { customers: number } }>(el, 'rapport-pareto')!;
    await waitUntil(async () => pareto.pareto.customers === (await shownRows(table)).length, 'value curve of the cell', { timeout: 20_000 });
    chips(el)[0]!.click();
    await waitUntil(async () => (await shownRows(table)).length === everyone, 'everyone again', { timeout: 20_000 });
  });

  it('a migration cell selects who moved that way', async () => {
    const migration = inner<Migration>(el, 'rapport-migration')!;
    await migration.updateComplete;
    const moved = migration.migration!.matrix.filter((c) => c.from_segment !== c.to_segment && c.customers > 0).sort((a, b) => b.customers - a.customers)[0]!;
    const row = migration.migration!.segments.indexOf(moved.from_segment);
    const col = migration.migration!.segments.indexOf(moved.to_segment);
    const cell = migration.shadowRoot!.querySelector<SVGGElement>(`.cell[data-row="${row}"][data-col="${col}"]`)!;
    expect(cell).to.not.equal(null);
    cell.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await waitUntil(async () => { const rows = await shownRows(table); return rows.length === moved.customers && rows.every((r) => r.segment === moved.to_segment); }, 'who moved', { timeout: 20_000 });
    await el.updateComplete;
    expect(chipTexts(el)).to.deep.equal([`Moved: ${moved.from_segment} → ${moved.to_segment} ×`]);
    // The voice and the survey gaps count the selection too.
    const voice = inner<HTMLElement & { voice: { selection?: unknown } | null }>(el, 'rapport-voice');
    if (voice?.voice) await waitUntil(() => voice.voice?.selection, 'voice of the selection', { timeout: 20_000 });
    const quality = inner<HTMLElement & { gap: { selection?: unknown } | null }>(el, 'rapport-quality-gap');
    if (quality?.gap) await waitUntil(() => quality.gap?.selection, 'quality gaps of the selection', { timeout: 20_000 });
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=filter-clear]')!.click();
    await waitUntil(async () => (await shownRows(table)).length === everyone, 'everyone again', { timeout: 20_000 });
  });

  it('counts the ladder of a rung selection without ever changing the dataset\'s selection; clicks in a row end in step', async () => {
    const dataset = await el.getDataset();
    const asked: (string | null)[] = [];
    const select = dataset.select.bind(dataset);
    dataset.select = (s) => {
      asked.push(s ? JSON.stringify(s) : null);
      return select(s);
    };
    try {
      await clickTile('Champions');
      inner<Ladder>(el, 'rapport-ladder')!.dispatchEvent(new CustomEvent('rapport-rung-select', { detail: { rung: 'client' }, bubbles: true, composed: true }));
      await clickTile('Champions');
      await clickTile('Loyal Customers');
      await waitUntil(() => chipTexts(el).length === 2 && chipTexts(el)[0] === 'Segment: Loyal Customers ×', 'last clicks win', { timeout: 20_000 });
      const headline = inner<HeadlineEl>(el, 'rapport-headline')!;
      await waitUntil(
        async () => {
          const rows = await shownRows(table);
          return dataset.selection?.key !== undefined && rows.every((r) => r.segment === 'Loyal Customers' && r.rung === 'client') && headline.headline?.customers === rows.length;
        },
        'figures of the chips',
        { timeout: 20_000 },
      );
      expect(dataset.selection?.selection).to.deep.equal({ segment: 'Loyal Customers', rung: 'client' });
      // Only the clicks selected: the ladder was counted over the segment without a select of its own.
      expect(asked).to.have.length(4);
      const ladder = inner<Ladder>(el, 'rapport-ladder')!;
      const loyal = segments.summary.find((s) => s.segment === 'Loyal Customers')!.customers;
      await waitUntil(() => ladder.ladder && ladderSum(ladder.ladder) === loyal, 'ladder of Loyal, rung marked', { timeout: 20_000 });
    } finally {
      dataset.select = select;
    }
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=filter-clear]')!.click();
    await waitUntil(async () => (await shownRows(table)).length === everyone, 'everyone again', { timeout: 20_000 });
  });

  it('a load that fails keeps the selection, its chips and its figures in step with the dataset', async () => {
    await clickTile('Champions');
    const champions = segments.summary.find((s) => s.segment === 'Champions')!.customers;
    const headline = inner<HeadlineEl>(el, 'rapport-headline')!;
    await waitUntil(() => headline.selected && headline.headline?.customers === champions, 'Champions selected', { timeout: 20_000 });
    expect(await el.load({ name: 'broken.csv', bytes: new TextEncoder().encode('x,y\n1,2\n') }, { askWhenUnsure: false })).to.equal(null);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~=error]')).to.not.equal(null);
    expect(chipTexts(el)).to.deep.equal(['Segment: Champions ×']);
    const dataset = await el.getDataset();
    expect(dataset.selection?.selection).to.deep.equal({ segment: 'Champions' });
    expect(headline.headline?.customers).to.equal(champions);
    expect((await shownRows(table)).length).to.equal(champions);
    // Still usable: a rung on top works.
    await clickRung('client');
    await waitUntil(async () => chipTexts(el).length === 2 && (await shownRows(table)).every((r) => r.rung === 'client' && r.segment === 'Champions'), 'the intersection', { timeout: 20_000 });
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=filter-clear]')!.click();
    await waitUntil(async () => (await shownRows(table)).length === everyone, 'everyone again', { timeout: 20_000 });
  });

  it('a refused selection shows the one in force again, with its figures and the type filter asked', async () => {
    await clickTile('Champions');
    const champions = segments.summary.find((s) => s.segment === 'Champions')!.customers;
    await waitUntil(async () => (await shownRows(table)).length === champions, 'Champions listed', { timeout: 20_000 });
    // The table asks for a segment the scoring does not have, and a type: refused, the type still applies.
    table.dispatchEvent(new CustomEvent('rapport-filter', { detail: { segment: 'No such segment', type: 'active', rung: null }, bubbles: true, composed: true }));
    await waitUntil(() => el.shadowRoot!.querySelector('[part~=selection-error]'), 'refusal said', { timeout: 20_000 });
    await waitUntil(async () => { const rows = await shownRows(table); return rows.length > 0 && rows.every((r) => r.segment === 'Champions' && r.type === 'active'); }, 'Champions, active', { timeout: 20_000 });
    await el.updateComplete;
    expect(chipTexts(el)).to.deep.equal(['Segment: Champions ×']);
    table.dispatchEvent(new CustomEvent('rapport-filter', { detail: { segment: 'Champions', type: null, rung: null }, bubbles: true, composed: true }));
    await waitUntil(async () => (await shownRows(table)).length === champions, 'type filter off', { timeout: 20_000 });
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=filter-clear]')!.click();
    await waitUntil(async () => (await shownRows(table)).length === everyone, 'everyone again', { timeout: 20_000 });
  });

  it('the value panel never keeps the figures of a selection that could not be read', async () => {
    const panel = inner<RapportClv>(el, 'rapport-clv')!;
    await waitUntil(() => panel?.groups?.bySegment, 'value by segment', { timeout: 90_000 });
    await clickTile('Champions');
    await waitUntil(() => panel.selectedGroups?.selection?.selection.segment === 'Champions', 'the value of the Champions', { timeout: 20_000 });
    const dataset = await el.getDataset();
    const customerList = dataset.customerList.bind(dataset);
    dataset.customerList = () => Promise.reject(new Error('no list today'));
    try {
      await clickTile('At Risk');
      await waitUntil(() => el.shadowRoot!.querySelector('[part~=selection-error]'), 'failure said', { timeout: 20_000 });
      await waitUntil(() => panel.selectedGroups === null, 'no selected value any more', { timeout: 20_000 });
    } finally {
      dataset.customerList = customerList;
    }
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=filter-clear]')?.click();
    await waitUntil(async () => (await shownRows(table)).length === everyone, 'everyone again', { timeout: 20_000 });
  });

  it("a selection reads the selection's value by group alone: everyone's, shown, stays as it is", async () => {
    const panel = inner<RapportClv>(el, 'rapport-clv')!;
    await waitUntil(() => panel?.groups?.bySegment, 'value by segment', { timeout: 90_000 });
    const everyoneShown = panel.groups;
    const dataset = await el.getDataset();
    const clvGroups = dataset.clvGroups.bind(dataset);
    const asked: boolean[] = [];
    dataset.clvGroups = (request = {}) => {
      asked.push(request.selected === true);
      return clvGroups(request);
    };
    try {
      await clickTile('Champions');
      await waitUntil(() => panel.selectedGroups?.selection?.selection.segment === 'Champions', 'the value of the Champions', { timeout: 20_000 });
      expect(asked, 'selected: true only').to.deep.equal([true]);
      expect(panel.groups).to.equal(everyoneShown);
    } finally {
      dataset.clvGroups = clvGroups;
    }
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=filter-clear]')?.click();
    await waitUntil(async () => (await shownRows(table)).length === everyone && panel.selectedGroups === null, 'everyone again', { timeout: 20_000 });
  });

  it('each selected figure shows once read, in the page order: headline and ladder do not wait for the value curve further down', async () => {
    const dataset = await el.getDataset();
    const pareto = dataset.pareto.bind(dataset);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    dataset.pareto = async (o = {}) => {
      const r = await pareto(o);
      if (o.selected) await held;
      return r;
    };
    const champions = segments.summary.find((s) => s.segment === 'Champions')!.customers;
    const headline = inner<HeadlineEl>(el, 'rapport-headline')!;
    const ladder = inner<Ladder>(el, 'rapport-ladder')!;
    const curve = () => inner<HTMLElement & { pareto: { customers: number; selection?: { selection: { segment?: string } } } }>(el, 'rapport-pareto')!.pareto;
    try {
      await clickTile('Champions');
      await waitUntil(() => headline.selected && headline.headline?.customers === champions, 'headline of the selection', { timeout: 20_000 });
      await waitUntil(() => ladder.ladder && ladderSum(ladder.ladder) === champions, 'ladder of the selection', { timeout: 20_000 });
      expect(curve().selection, 'the curve still everyone\'s while it is read').to.equal(undefined);
      release();
      await waitUntil(() => curve().selection?.selection.segment === 'Champions', 'the curve of the selection', { timeout: 20_000 });
      expect(curve().customers).to.equal(champions);
    } finally {
      release();
      dataset.pareto = pareto;
    }
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=filter-clear]')?.click();
    await waitUntil(async () => (await shownRows(table)).length === everyone && curve().selection === undefined, 'everyone again', { timeout: 20_000 });
  });

  it('the headline and the ladder are asked with the list, not once it is shown: the engine reads them without waiting for the page', async () => {
    const dataset = await el.getDataset();
    const { customerList, headline: headlineOf, ladder: ladderOf } = dataset;
    const asked: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    dataset.customerList = async (q) => {
      if (q?.selected) asked.push('list');
      const list = await customerList.call(dataset, q);
      if (q?.selected) await held;
      return list;
    };
    dataset.headline = (r) => (r?.selected && asked.push('headline'), headlineOf.call(dataset, r));
    dataset.ladder = (r) => (r?.selected && asked.push('ladder'), ladderOf.call(dataset, r));
    const champions = segments.summary.find((s) => s.segment === 'Champions')!.customers;
    const headline = inner<HeadlineEl>(el, 'rapport-headline')!;
    const ladder = inner<Ladder>(el, 'rapport-ladder')!;
    try {
      await clickTile('Champions');
      await waitUntil(() => asked.includes('headline') && asked.includes('ladder'), 'headline and ladder asked while the list is held', { timeout: 20_000 });
      expect(headline.selected, 'nothing shown before the list').to.equal(false);
      release();
      await waitUntil(() => headline.selected && headline.headline?.customers === champions, 'headline of the selection', { timeout: 20_000 });
      await waitUntil(() => ladder.ladder && ladderSum(ladder.ladder) === champions, 'ladder of the selection', { timeout: 20_000 });
      await waitUntil(async () => (await shownRows(table)).length === champions, 'the list of the selection', { timeout: 20_000 });
      // Asked in that order: the engine reads them in turn, the list last.
      expect(asked).to.deep.equal(['headline', 'ladder', 'list']);
    } finally {
      release();
      for (const m of ['customerList', 'headline', 'ladder']) delete (dataset as unknown as Record<string, unknown>)[m];
    }
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=filter-clear]')?.click();
    await waitUntil(async () => (await shownRows(table)).length === everyone && !headline.selected, 'everyone again', { timeout: 20_000 });
  });

  it('a figure read for a selection the dataset dropped meanwhile: the chips follow the dataset at once, with its figures', async () => {
    const dataset = await el.getDataset();
    const headlineOf = dataset.headline.bind(dataset);
    let swapped = false;
    // Another selection made on the dataset while the dashboard reads the headline of its own.
    dataset.headline = async (o = {}) => {
      if (o.selected && !swapped) {
        swapped = true;
        await dataset.select({ segment: 'At Risk' });
      }
      return headlineOf(o);
    };
    const atRisk = segments.summary.find((s) => s.segment === 'At Risk')!.customers;
    const headline = inner<HeadlineEl>(el, 'rapport-headline')!;
    const ladder = inner<Ladder>(el, 'rapport-ladder')!;
    try {
      await clickTile('Champions');
      await waitUntil(() => chipTexts(el).join() === 'Segment: At Risk ×', 'the chips follow the dataset', { timeout: 20_000 });
      await waitUntil(() => headline.selected && headline.headline?.customers === atRisk, 'headline of the dataset\'s selection', { timeout: 20_000 });
      await waitUntil(() => ladder.ladder && ladderSum(ladder.ladder) === atRisk, 'ladder of the dataset\'s selection', { timeout: 20_000 });
      await waitUntil(async () => (await shownRows(table)).length === atRisk, 'the list of the dataset\'s selection', { timeout: 20_000 });
    } finally {
      dataset.headline = headlineOf;
    }
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=filter-clear]')?.click();
    await waitUntil(async () => (await shownRows(table)).length === everyone, 'everyone again', { timeout: 20_000 });
  });

  it('a selected figure that fails is cleared and its section says so; removing the last chip focuses the heading', async () => {
    const dataset = await el.getDataset();
    const pareto = dataset.pareto.bind(dataset);
    dataset.pareto = (o = {}) => (o.selected ? Promise.reject(new Error('no curve today')) : pareto(o));
    try {
      await clickTile('Champions');
      await waitUntil(() => el.shadowRoot!.querySelector('[part~=value-section] [part~=selected-error]'), 'value section says so', { timeout: 20_000 });
      expect(el.shadowRoot!.querySelector('[part~=value-section] [part~=selected-error]')!.textContent).to.contain('no curve today');
      // Everyone's curve shows, said as such; the other figures count the selection.
      const curve = inner<HTMLElement & { pareto: { customers: number; selection?: unknown } }>(el, 'rapport-pareto')!;
      expect(curve.pareto.selection).to.equal(undefined);
      const headline = inner<HeadlineEl>(el, 'rapport-headline')!;
      await waitUntil(() => headline.selected, 'headline of the selection', { timeout: 20_000 });
      await expect(el).to.be.accessible();
    } finally {
      dataset.pareto = pareto;
    }
    chips(el)[0]!.focus();
    chips(el)[0]!.click();
    await waitUntil(async () => (await shownRows(table)).length === everyone, 'everyone again', { timeout: 20_000 });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.equal('customers-title');
    expect(el.shadowRoot!.querySelector('[part~=selected-error]')).to.equal(null);
  });

  it('a re-scoring clears the selection and its chips, as the dataset forgets it', async () => {
    await clickTile('Champions');
    await waitUntil(() => chips(el).length === 1, 'chip shown', { timeout: 20_000 });
    el.rfmBins = 4;
    el.segmentRules = '[{"name": "Top", "r": [3, 4], "f": [3, 4], "m": [1, 4]}]';
    await waitUntil(async () => chips(el).length === 0 && (await shownRows(table)).length === everyone, 'selection cleared', { timeout: 30_000 });
    const headline = inner<HeadlineEl>(el, 'rapport-headline')!;
    await waitUntil(() => !headline.selected, 'headline of everyone', { timeout: 20_000 });
  });

  it('shows the chips in Portuguese', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="pt"><rapport-dashboard></rapport-dashboard></div>`);
    const pt = wrapper.querySelector('rapport-dashboard')!;
    pt.engine = engine;
    await pt.load({ name: 'sample-orders.csv', bytes: new TextEncoder().encode(sampleOrdersCsv()) });
    await waitUntil(() => inner(pt, 'rapport-segments') && inner<Ladder>(pt, 'rapport-ladder')?.ladder, 'analytics shown', { timeout: 60_000 });
    const ptSegments = inner<Segments>(pt, 'rapport-segments')!;
    await ptSegments.updateComplete;
    ptSegments.dispatchEvent(new CustomEvent('rapport-segment-select', { detail: { segment: 'Champions' }, bubbles: true, composed: true }));
    inner<Ladder>(pt, 'rapport-ladder')!.dispatchEvent(new CustomEvent('rapport-rung-select', { detail: { rung: 'client' }, bubbles: true, composed: true }));
    await waitUntil(() => chips(pt).length === 2, 'two chips', { timeout: 20_000 });
    await pt.updateComplete;
    const texts = chipTexts(pt);
    expect(texts[0]).to.match(/^Segmento: /);
    expect(texts[1]).to.match(/^Degrau: /);
    expect(chips(pt)[0]!.getAttribute('aria-label')).to.match(/^Remover o filtro do segmento /);
    expect(pt.shadowRoot!.querySelector('[part~=filter-clear]')!.textContent!.trim()).to.equal('Limpar tudo');
    const save = pt.shadowRoot!.querySelector('[part~=ladder-section] [part~=export-button]')!;
    expect(save.getAttribute('aria-label')).to.equal('Transferir a escada de fidelidade em SVG');
    const headline = inner<HeadlineEl>(pt, 'rapport-headline')!;
    await waitUntil(() => headline.selected, 'headline of the selection', { timeout: 20_000 });
    await headline.updateComplete;
    expect(headline.shadowRoot!.textContent).to.contain('Clientes selecionados');
    const text = pt.shadowRoot!.textContent!;
    expect(text).to.not.contain('⟦');
    expect(text).to.not.match(/\{[a-z]+\}/);
    await expect(pt).to.be.accessible();
  });
});
