import { restoreLightScheme, useDarkScheme } from './setup.js';
import { expectFilled, inLanguage } from './i18n-helpers.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/quality-gap/rapport-quality-gap.js';
import type { RapportQualityGap } from '../../src/components/quality-gap/rapport-quality-gap.js';
import type { QualityGapResult } from '../../src/analytics/quality.js';
import { deliveryResult, gapStat, groupedQualityResult, qualityResult, smallGroupQualityResult } from '../helpers/quality.js';

/** A figure as signed() writes it: a true minus sign (U+2212). */
const minus = (s: string) => s.replace('-', '\u2212');

const make = (g: QualityGapResult | null = qualityResult(), withDelivery = false) =>
  withDelivery
    ? fixture<RapportQualityGap>(html`<rapport-quality-gap locale="en-US" .gap=${g} .delivery=${deliveryResult()}></rapport-quality-gap>`)
    : fixture<RapportQualityGap>(html`<rapport-quality-gap locale="en-US" .gap=${g}></rapport-quality-gap>`);

const root = (el: RapportQualityGap) => el.shadowRoot!;
const marks = (el: RapportQualityGap, chart = 'main') => [...root(el).querySelectorAll<HTMLElement>(`[data-chart="${chart}"] .mark`)];
const markOf = (el: RapportQualityGap, key: string) => marks(el).find((m) => m.dataset.key === key)!;
const textOf = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('rapport-quality-gap', () => {
  afterEach(restoreLightScheme);

  it('draws one row per dimension, most negative first, with one tab stop', async () => {
    const el = await make();
    const g = qualityResult();
    const rows = marks(el);
    expect(rows.map((m) => m.dataset.key)).to.deep.equal(g.dimensions.map((d) => `d:${d.dimension}`));
    expect(rows.filter((m) => m.getAttribute('tabindex') === '0')).to.have.length(1);
    expect(rows[0]!.getAttribute('tabindex')).to.equal('0');
    expect(rows.every((m) => m.getAttribute('role') === 'button' && m.getAttribute('aria-label'))).to.equal(true);
    // Dumbbell: hollow expectation and filled perception; a gap bar each.
    expect(rows[0]!.querySelectorAll('circle.expectation')).to.have.length(1);
    expect(rows[0]!.querySelectorAll('circle.perception')).to.have.length(1);
    expect(root(el).querySelectorAll('[data-chart="main"] [part="bar"]')).to.have.length(5);
    expect(root(el).querySelectorAll('[data-chart="main"] [part="interval"]')).to.have.length(5);
  });

  it('emphasises negative gaps by token colour, hatching and a label, and the overall headline in words', async () => {
    const el = await make();
    const g = qualityResult();
    const worst = root(el).querySelector<HTMLElement>(`.row[data-key="d:${g.dimensions[0]!.dimension}"]`)!;
    const best = root(el).querySelector<HTMLElement>('.row[data-key="d:tangibles"]')!;
    expect(worst.classList.contains('negative')).to.equal(true);
    expect(worst.querySelector('.hatched')!.getAttribute('fill')).to.match(/^url\(#/);
    expect(worst.querySelector('.tag')!.textContent).to.equal('not kept');
    expect(worst.querySelector('.gap')!.textContent).to.match(/^\u22121\.\d\d$/);
    expect(best.classList.contains('negative')).to.equal(false);
    expect(best.querySelector('.hatched')).to.equal(null);
    expect(best.querySelector('.gap')!.textContent).to.equal('+0.15');
    // The colours come from the tokens: a page sets the negative colour.
    el.style.setProperty('--rapport-quality-negative-color', 'rgb(1, 2, 3)');
    expect(getComputedStyle(worst.querySelector('rect.bar')!).fill).to.equal('rgb(1, 2, 3)');
    el.style.removeProperty('--rapport-quality-negative-color');
    const overall = root(el).querySelector('[part="overall"]')!.textContent!.replace(/\s+/g, ' ');
    expect(overall).to.include('Overall quality gap \u22120.77');
    expect(overall).to.include('promises not kept overall');
    expect(overall).to.include('95% CI');
    expect(overall).to.include("weighted by each respondent's own importance");
    expect(root(el).querySelector('[part="notes"]')!.textContent).to.include('50 respondents have no customer id');
  });

  it('expands a dimension to its items with the button (aria-expanded) and the arrow keys', async () => {
    const el = await make();
    const dim = qualityResult().dimensions[0]!.dimension;
    const button = root(el).querySelector<HTMLButtonElement>(`button[data-dimension="${dim}"]`)!;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const items = qualityResult().items.filter((i) => i.dimension === dim);
    expect(marks(el).filter((m) => m.dataset.key!.startsWith('i:')).map((m) => m.dataset.key)).to.deep.equal(items.map((i) => `i:${dim}:${i.item}`));
    expect(root(el).querySelector(`.row.item`)!.textContent).to.include(items[0]!.item);
    // ArrowLeft on the dimension closes it; ArrowRight opens it again; ArrowDown goes into the items.
    markOf(el, `d:${dim}`).focus();
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(marks(el)).to.have.length(5);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(marks(el)).to.have.length(5 + items.length);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(markOf(el, `i:${dim}:${items[0]!.item}`));
    // ArrowLeft on an item goes back to its dimension.
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(markOf(el, `d:${dim}`));
  });

  it('moves with the arrow keys, chooses with Enter, clears with Escape, and shows a tooltip on focus', async () => {
    const el = await make();
    const dims = qualityResult().dimensions.map((d) => d.dimension);
    marks(el)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(markOf(el, `d:${dims[1]}`));
    expect(markOf(el, `d:${dims[1]}`).getAttribute('tabindex')).to.equal('0');
    expect(markOf(el, `d:${dims[0]}`).getAttribute('tabindex')).to.equal('-1');
    const tip = root(el).querySelector('[part="tooltip"]')!.textContent!.replace(/\s+/g, ' ');
    expect(tip).to.include('Expectation:');
    expect(tip).to.include('Perception:');
    expect(tip).to.include('95% interval:');
    expect(tip).to.include('Respondents: 200');
    let heard = oneEvent(el, 'rapport-quality-select');
    await sendKeys({ press: 'Enter' });
    const ev = (await heard) as CustomEvent;
    expect(ev.detail).to.deep.equal({ dimension: dims[1], item: null });
    expect(ev.bubbles && ev.composed).to.equal(true);
    await el.updateComplete;
    expect(markOf(el, `d:${dims[1]}`).getAttribute('aria-pressed')).to.equal('true');
    heard = oneEvent(el, 'rapport-quality-select');
    await sendKeys({ press: 'Escape' });
    expect(((await heard) as CustomEvent).detail).to.deep.equal({ dimension: null, item: null });
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(markOf(el, `d:${dims.at(-1)}`));
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(markOf(el, `d:${dims[0]}`));
    markOf(el, `d:${dims[0]}`).blur();
    await el.updateComplete;
    expect(root(el).querySelector('[part="tooltip"]')).to.equal(null);
  });

  it('offers the group switch and asks for a split with an event', async () => {
    const el = await make();
    const select = root(el).querySelector<HTMLSelectElement>('[part="group-select"] select')!;
    expect(root(el).querySelector('[part="group-select"]')!.textContent).to.include('Respondents');
    expect([...select.options].map((o) => o.value)).to.deep.equal(['', 'segment', 'store']);
    expect(select.options[0]!.textContent).to.equal('All respondents');
    let heard = oneEvent(el, 'rapport-quality-group');
    select.value = 'segment';
    select.dispatchEvent(new Event('change'));
    expect(((await heard) as CustomEvent).detail).to.deep.equal({ by: 'segment' });
    heard = oneEvent(el, 'rapport-quality-group');
    select.value = '';
    select.dispatchEvent(new Event('change'));
    expect(((await heard) as CustomEvent).detail).to.deep.equal({ by: null });
    // No options: no switch.
    el.gap = qualityResult({ groupOptions: [] });
    await el.updateComplete;
    expect(root(el).querySelector('[part="group-select"]')).to.equal(null);
  });

  it('shows the gaps per group when the result has groups, with its own tab stop', async () => {
    const el = await make(groupedQualityResult());
    const section = root(el).querySelector('[part="groups"]')!;
    expect(section.querySelector('h3')!.textContent).to.include('RFM segment');
    expect([...section.querySelectorAll('h4')].map((h) => h.textContent!.trim().split(/\s/)[0])).to.deep.equal(['Champions', 'At', 'Lost']);
    const groupMarks = marks(el, 'groups');
    expect(groupMarks).to.have.length(15);
    expect(groupMarks.filter((m) => m.getAttribute('tabindex') === '0')).to.have.length(1);
    expect(root(el).querySelector<HTMLSelectElement>('[part="group-select"] select')!.value).to.equal('segment');
    groupMarks[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(marks(el, 'groups')[1]);
    expect(marks(el, 'groups')[1]!.getAttribute('aria-label')).to.include('Champions');
  });

  it('shows promised vs delivered with the late-vs-on-time score dumbbell', async () => {
    const el = await make(qualityResult(), true);
    const d = root(el).querySelector('[part="delivery"]')!;
    const text = d.textContent!.replace(/\s+/g, ' ');
    expect(text).to.include('Promised vs delivered');
    expect(text).to.include('91.9% of 96,478 delivered');
    expect(text).to.include('7,829');
    expect(text).to.include('median 7, 90th percentile 21');
    expect(text).to.include('Orders not yet delivered');
    const img = d.querySelector('[role="img"]')!;
    expect(img.getAttribute('aria-label')).to.include('on-time orders 4.21');
    expect(img.getAttribute('aria-label')).to.include('late orders 2.57');
    expect(d.querySelectorAll('circle.ontime')).to.have.length(1);
    expect(d.querySelectorAll('rect.late')).to.have.length(1);
    // Without a survey the delivery block still shows.
    const only = await make(null, true);
    expect(root(only).querySelector('[part="empty"]')).to.exist;
    expect(root(only).querySelector('[part="delivery"]')).to.exist;
  });

  it('has a table with every dimension and item: n, E, P, gap, interval', async () => {
    const el = await make(groupedQualityResult(), true);
    const [table, groups, delivery] = [...root(el).querySelectorAll('details table')];
    const g = qualityResult();
    expect(table!.querySelectorAll('tbody tr')).to.have.length(5 + 22);
    expect([...table!.querySelectorAll('thead th')].map((t) => t.textContent)).to.deep.equal(['Dimension / item', 'n', 'Expectation', 'Perception', 'Gap', '95% interval']);
    const first = table!.querySelector('tbody tr')!;
    const d = g.dimensions[0]!;
    const cells = [...first.querySelectorAll('td')].map((c) => c.textContent!.trim());
    expect(cells[0]).to.equal('200');
    expect(cells[1]).to.equal(d.expectation.toFixed(2));
    expect(cells[2]).to.equal(d.perception.toFixed(2));
    expect(cells[3]).to.equal(`${minus(d.gap.toFixed(2))} (not kept)`);
    expect(cells[4]).to.equal(`${minus(d.ciLow!.toFixed(2))} to ${minus(d.ciHigh!.toFixed(2))}`);
    expect(groups!.querySelectorAll('tbody tr')).to.have.length(3 * 6);
    expect(delivery!.textContent).to.include('Late − on time');
  });

  it('says "not kept" by one rule everywhere: rows, table, group headings, headline', async () => {
    const base = groupedQualityResult();
    // A negative dimension whose interval crosses zero, an overall likewise, a group of 1 (no interval).
    const noisy = { ...base.dimensions[0]!, gap: -0.3, ciLow: -0.8, ciHigh: 0.2 };
    const lone = { group: 'Newcomers', respondents: 1, dimensions: base.dimensions.map((d) => ({ ...d, ...gapStat(6, 5.5, 1, null) })), overall: { ...gapStat(6, 5.5, 1, null), weighting: 'respondent' as const } };
    const crossing = { ...base.groups!.groups[2]!, overall: { ...base.groups!.groups[2]!.overall, gap: -0.2, ciLow: -0.5, ciHigh: 0.1 } };
    const g: QualityGapResult = {
      ...base,
      dimensions: [noisy, ...base.dimensions.slice(1)],
      overall: { ...base.overall, gap: -0.2, ciLow: -0.45, ciHigh: 0.05 },
      groups: { ...base.groups!, groups: [base.groups!.groups[0]!, base.groups!.groups[1]!, crossing, lone] },
    };
    const el = await make(g);
    const row = root(el).querySelector<HTMLElement>(`.row[data-key="d:${noisy.dimension}"]`)!;
    expect(row.classList.contains('negative')).to.equal(true);
    expect(row.classList.contains('significant')).to.equal(false);
    expect(row.querySelector('.tag')!.textContent).to.equal('within noise');
    const overall = root(el).querySelector('[part="overall"]')!.textContent!.replace(/\s+/g, ' ');
    expect(overall).to.include('below expectations, within noise');
    expect(overall).not.to.include('not kept');
    const table = root(el).querySelector('details table')!;
    const cell = table.querySelector(`tr[data-key="d:${noisy.dimension}"] td:nth-of-type(4)`)!.textContent!.trim();
    expect(cell).to.equal(`${minus('-0.30')} (below expectations, within noise)`);
    const headings = [...root(el).querySelectorAll('[part="groups"] h4')].map((h) => h.textContent!.replace(/\s+/g, ' ').trim());
    expect(headings[1]).to.include('(not kept)');
    expect(headings[2]).to.include('(below expectations, within noise)');
    expect(headings[2]).not.to.include('not kept');
    expect(headings[3]).to.include('(below expectations, interval unknown (n < 2))');
    // The group table says the same as the headings.
    const groupCells = [...root(el).querySelectorAll('details table')[1]!.querySelectorAll('tbody tr.dimension td:nth-of-type(4)')].map((c) => c.textContent!.trim());
    expect(groupCells[2]).to.include('(below expectations, within noise)');
    expect(groupCells[3]).to.include('(below expectations, interval unknown (n < 2))');
    const loneRow = root(el).querySelector<HTMLElement>('[data-chart="groups"] .row[data-key^="g:Newcomers:"]')!;
    expect(loneRow.querySelector('.tag')!.textContent).to.equal('no interval');
  });

  it('keeps a group of 2 from squashing the bars: axis within the scale, its intervals clipped, a small-group note', async () => {
    const el = await make(smallGroupQualityResult());
    const ticks = [...root(el).querySelectorAll('.ticks.gap .tick')].map((t) => Number(t.textContent!.replace('\u2212', '-')));
    expect(ticks.length).to.be.greaterThan(2);
    expect(ticks.every((v) => Math.abs(v) <= 6)).to.equal(true);
    expect(ticks).to.include(0);
    const headings = [...root(el).querySelectorAll('[part="groups"] h4')];
    const tiny = headings.find((h) => h.textContent!.includes('Potential Loyalist'))!;
    expect(tiny.querySelector('[part="small-note"]')!.textContent).to.include('small group');
    expect(headings[0]!.querySelector('[part="small-note"]')).to.equal(null);
    const tinyRows = [...root(el).querySelectorAll<HTMLElement>('[data-chart="groups"] .row[data-key^="g:Potential Loyalist:"]')];
    expect(tinyRows).to.have.length(5);
    for (const r of tinyRows) {
      expect(r.classList.contains('small')).to.equal(true);
      expect(r.querySelectorAll('[part="interval"] .clip')).to.have.length(2);
    }
    // The other groups' bars keep a visible length.
    const bar = root(el).querySelector('[data-chart="groups"] .row [part="bar"]')!;
    expect(parseFloat(bar.getAttribute('width')!)).to.be.greaterThan(20);
    expect(root(el).querySelector('[part="legend"]')!.textContent).to.include('runs past the axis');
    expect(tinyRows[0]!.querySelector('.mark')!.getAttribute('aria-label')).to.include('Small group');
  });

  it('builds element ids from indexes, never from data keys', async () => {
    const el = await make(smallGroupQualityResult());
    const ids = [...root(el).querySelectorAll('[id]')].map((e) => e.id);
    expect(ids.length).to.be.greaterThan(10);
    for (const id of ids) expect(id).to.match(/^[A-Za-z0-9_-]+$/);
  });

  it('keeps the expand buttons out of the tab order, and ArrowLeft on a closed dimension stays put', async () => {
    const el = await make();
    const buttons = [...root(el).querySelectorAll<HTMLButtonElement>('button.expand')];
    expect(buttons).to.have.length(5);
    for (const b of buttons) {
      expect(b.getAttribute('tabindex')).to.equal('-1');
      expect(b.getAttribute('aria-expanded')).to.equal('false');
      expect(b.textContent!.replace(/\s+/g, ' ')).to.include(': items');
    }
    const dims = qualityResult().dimensions.map((d) => d.dimension);
    markOf(el, `d:${dims[2]}`).focus();
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(markOf(el, `d:${dims[2]}`));
    expect(marks(el)).to.have.length(5);
    // Tab leaves the chart for what follows, not to an expand button.
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.classList.contains('expand') ?? false).to.equal(false);
  });

  it('shows the tooltip below the last row, never over the rows', async () => {
    const el = await make();
    marks(el)[1]!.focus();
    await el.updateComplete;
    const tip = root(el).querySelector<HTMLElement>('[data-chart="main"] [part="tooltip"]')!;
    expect(tip.textContent).to.include('Expectation:');
    const rows = [...root(el).querySelectorAll<HTMLElement>('[data-chart="main"] .row')];
    expect(tip.getBoundingClientRect().top).to.be.at.least(rows.at(-1)!.getBoundingClientRect().bottom - 0.5);
  });

  it('at 700 px keeps whole words in the labels and the zero gap tick', async () => {
    const el = await make();
    el.style.width = '700px';
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    const label = root(el).querySelector<HTMLButtonElement>('button[data-dimension="responsiveness"]')!;
    const name = [...label.querySelectorAll('span')].find((s) => s.textContent === 'Responsiveness')!;
    expect(name.getClientRects()).to.have.length(1);
    const ticks = [...root(el).querySelectorAll<HTMLElement>('.ticks.gap .tick')];
    const zero = ticks.find((t) => t.textContent === '0')!;
    expect(getComputedStyle(zero).display).not.to.equal('none');
    const shown = ticks.filter((t) => getComputedStyle(t).display !== 'none').map((t) => t.getBoundingClientRect());
    for (let i = 1; i < shown.length; i++) expect(shown[i]!.left).to.be.greaterThan(shown[i - 1]!.right);
    el.style.removeProperty('width');
  });

  it('shows an empty state without a survey', async () => {
    const el = await make(null);
    expect(textOf(el)).to.include('No survey yet');
    expect(root(el).querySelector('.mark')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('exposes its pieces as parts and its colours as custom properties', async () => {
    const el = await make(groupedQualityResult(), true);
    for (const part of ['title', 'overall', 'overall-figure', 'notes', 'note', 'group-select', 'select', 'legend', 'legend-item', 'chart', 'axis', 'axis-label', 'gridline', 'zero-line', 'row', 'label', 'expand', 'button', 'mark', 'link', 'expectation', 'perception', 'bar', 'interval', 'value', 'tag', 'groups', 'section-title', 'group-heading', 'delivery', 'on-time-mark', 'late-mark', 'table', 'table-header', 'table-row', 'table-cell']) {
      expect(root(el).querySelector(`[part~="${part}"]`), part).to.exist;
    }
    el.style.setProperty('--rapport-quality-zero-color', 'rgb(4, 5, 6)');
    el.style.setProperty('--rapport-quality-grid-color', 'rgb(7, 8, 9)');
    el.style.setProperty('--rapport-quality-mark-fill', 'rgb(10, 11, 12)');
    expect(getComputedStyle(root(el).querySelector('[part="zero-line"]')!).stroke).to.equal('rgb(4, 5, 6)');
    expect(getComputedStyle(root(el).querySelector('[part="gridline"]')!).stroke).to.equal('rgb(7, 8, 9)');
    expect(getComputedStyle(root(el).querySelector('[part="expectation"]')!).fill).to.equal('rgb(10, 11, 12)');
    for (const p of ['--rapport-quality-zero-color', '--rapport-quality-grid-color', '--rapport-quality-mark-fill']) el.style.removeProperty(p);
  });

  describe('in other languages', () => {
    /** With no `locale`: numbers follow the language. */
    const inLang = (lang: string, g: QualityGapResult | null = groupedQualityResult(), withDelivery = true) =>
      inLanguage<RapportQualityGap>(lang, html`<rapport-quality-gap .gap=${g} .delivery=${withDelivery ? deliveryResult() : null}></rapport-quality-gap>`);

    it('names the groups the analysis makes (not linked, no purchase, not given) in the language, and a delivery of no selected order by its note alone', async () => {
      const base = groupedQualityResult();
      const groups = base.groups!.groups;
      const g: QualityGapResult = {
        ...base,
        groups: { ...base.groups!, groups: [{ ...groups[0]!, group: 'Champions' }, { ...groups[1]!, group: 'not linked' }, { ...groups[2]!, group: 'no purchase' }] },
      };
      const none = deliveryResult({ delivered: 0, onTime: 0, late: 0, onTimeShare: NaN, daysLate: null, satisfaction: null, byMonth: [], messages: ['None of the selected customers has an order with both a promised and a delivery date.'] });
      const el = await inLanguage<RapportQualityGap>('pt', html`<rapport-quality-gap .gap=${g} .delivery=${none}></rapport-quality-gap>`);
      const headings = [...root(el).querySelectorAll('[part="group-heading"]')].map((h) => h.textContent!.replace(/\s+/g, ' ').trim());
      expect(headings[1]).to.match(/^sem cliente associado · 50 inquiridos/);
      expect(headings[2]).to.match(/^sem compras · 40 inquiridos/);
      const delivery = root(el).querySelector('[part="delivery"]')!;
      expect(delivery.querySelector('dl'), 'no figures for no orders').to.equal(null);
      expect(delivery.textContent).to.not.include('NaN');
      expect(delivery.querySelector('[part="note"]')!.textContent).to.include('None of the selected customers');
      await expect(el).to.be.accessible();
    });

    it('speaks Portuguese inside lang="pt": words, verdicts, dimensions, segments and numbers', async () => {
      const el = await inLang('pt');
      const g = qualityResult();
      expect(root(el).querySelector('[part="title"]')!.textContent).to.include('Lacuna de qualidade por dimensão');
      const overall = root(el).querySelector('[part="overall"]')!.textContent!.replace(/\s+/g, ' ');
      expect(overall).to.include(`Lacuna de qualidade global ${minus(g.overall.gap.toFixed(2)).replace('.', ',')}`);
      expect(overall).to.include('promessas não cumpridas no conjunto');
      expect(overall).to.include('ponderada pela importância que cada inquirido dá às dimensões');
      expect(overall).to.include('Inquiridos associados a clientes: 150 de 200.');
      const worst = root(el).querySelector<HTMLElement>(`.row[data-key="d:${g.dimensions[0]!.dimension}"]`)!;
      expect(worst.querySelector('.label')!.textContent).to.include('Confiabilidade');
      expect(worst.querySelector('.tag')!.textContent).to.equal('não cumprida');
      expect(worst.querySelector('.gap')!.textContent).to.match(/^\u22121,\d\d$/);
      expect(root(el).querySelector('[part="legend"]')!.textContent).to.include('Expectativa (vazio)');
      const select = root(el).querySelector<HTMLSelectElement>('[part="group-select"] select')!;
      expect(select.options[0]!.textContent).to.equal('Todos os inquiridos');
      expect(select.options[1]!.textContent).to.equal('Por segmento RFM (3 grupos)');
      // Preset segment names are translated; the data's notes stay as given.
      expect(root(el).querySelector('[part="groups"] h3')!.textContent).to.equal('Lacunas por segmento RFM');
      const headings = [...root(el).querySelectorAll('[part="group-heading"]')].map((h) => h.textContent!.replace(/\s+/g, ' ').trim());
      expect(headings[0]).to.match(/^Campeões · 60 inquiridos · global \u22120,\d\d \(não cumprida\)$/);
      expect(headings[1]).to.include('Em risco');
      const delivery = root(el).querySelector('[part="delivery"]')!.textContent!.replace(/\s+/g, ' ');
      expect(delivery).to.include('Prometido vs entregue');
      expect(delivery).to.include('91,9% de 96.478 entregues');
      expect(delivery).to.include('mediana 7, percentil 90 21');
      expect(root(el).querySelector('summary')!.textContent).to.equal('Ver como tabela');
      const heads = [...root(el).querySelectorAll('details table')[0]!.querySelectorAll('thead th')].map((t) => t.textContent);
      expect(heads).to.deep.equal(['Dimensão / item', 'n', 'Expectativa', 'Percepção', 'Lacuna', 'Intervalo de 95%']);
      const cell = root(el).querySelector(`details tr[data-key="d:${g.dimensions[0]!.dimension}"] td:nth-of-type(4)`)!.textContent!.trim();
      expect(cell).to.match(/^\u22121,\d\d \(não cumprida\)$/);
      marks(el)[0]!.focus();
      await el.updateComplete;
      const tip = root(el).querySelector('[part="tooltip"]')!.textContent!.replace(/\s+/g, ' ');
      expect(tip).to.include('Inquiridos: 200');
      expect(tip).to.include('Uma promessa não cumprida');
      expectFilled(el);
      await expect(el).to.be.accessible();
    });

    it('speaks Malay inside lang="ms", with Malay numbers', async () => {
      const el = await inLang('ms');
      const g = qualityResult();
      expect(root(el).querySelector('[part="title"]')!.textContent).to.include('Jurang kualiti mengikut dimensi');
      const overall = root(el).querySelector('[part="overall"]')!.textContent!.replace(/\s+/g, ' ');
      expect(overall).to.include(`Jurang kualiti keseluruhan ${minus(g.overall.gap.toFixed(2))}`);
      expect(overall).to.include('janji tidak ditunaikan secara keseluruhan');
      const worst = root(el).querySelector<HTMLElement>(`.row[data-key="d:${g.dimensions[0]!.dimension}"]`)!;
      expect(worst.querySelector('.label')!.textContent).to.include('Kebolehpercayaan');
      expect(worst.querySelector('.tag')!.textContent).to.equal('tidak ditunaikan');
      expect(root(el).querySelector('[part="groups"] h3')!.textContent).to.equal('Jurang mengikut segmen RFM');
      expect(root(el).querySelector('[part="group-heading"]')!.textContent).to.include('Juara');
      const delivery = root(el).querySelector('[part="delivery"]')!.textContent!.replace(/\s+/g, ' ');
      expect(delivery).to.include('Dijanjikan lwn dihantar');
      expect(delivery).to.include('91.9% daripada 96,478 dihantar');
      expect(root(el).querySelector('summary')!.textContent).to.equal('Tunjuk sebagai jadual');
      expectFilled(el);
      await expect(el).to.be.accessible();
    });

    it('speaks French inside lang="fr" (French figures), and follows a change of lang', async () => {
      const el = await inLang('fr');
      const g = qualityResult();
      const overall = root(el).querySelector('[part="overall"]')!.textContent!.replace(/\s+/g, ' ');
      expect(overall).to.include(`Écart de qualité global ${minus(g.overall.gap.toFixed(2)).replace('.', ',')}`);
      expect(overall).to.match(/IC à 95\s% de \u22120,\d\d à \u22120,\d\d/);
      const worst = root(el).querySelector<HTMLElement>(`.row[data-key="d:${g.dimensions[0]!.dimension}"]`)!;
      expect(worst.querySelector('.label')!.textContent).to.include('Fiabilité');
      expect(worst.querySelector('.tag')!.textContent).to.equal('non tenue');
      const delivery = root(el).querySelector('[part="delivery"]')!.textContent!;
      // French groups thousands with a narrow no-break space and puts one before %.
      expect(delivery).to.match(/91,9\s%\sdes 96\s478 livrées/);
      expectFilled(el);
      // The ancestor's lang changes: the element follows.
      el.parentElement!.setAttribute('lang', 'es');
      await new Promise((r) => setTimeout(r));
      await el.updateComplete;
      expect(root(el).querySelector('[part="title"]')!.textContent).to.include('Brecha de calidad por dimensión');
      expect(root(el).querySelector<HTMLElement>(`.row[data-key="d:${g.dimensions[0]!.dimension}"] .tag`)!.textContent).to.equal('no cumplida');
      expectFilled(el);
      await expect(el).to.be.accessible();
    });

    it('translates the empty state and the small-group note', async () => {
      const empty = await inLang('pt', null, false);
      expect(root(empty).querySelector('[part="empty"]')!.textContent).to.include('Ainda sem inquérito');
      const small = await inLang('es', smallGroupQualityResult(), false);
      const notes = [...root(small).querySelectorAll('[part="small-note"]')].map((n) => n.textContent);
      expect(notes.length).to.be.greaterThan(0);
      expect(notes[0]).to.include('grupo pequeño: menos de 10 encuestados');
      expect(root(small).querySelector('[part="legend"]')!.textContent).to.include('el intervalo se sale del eje');
      expectFilled(small);
    });
  });

  it('is accessible in light and dark themes, expanded, grouped, with the table open', async () => {
    const el = await make(groupedQualityResult(), true);
    root(el).querySelector<HTMLButtonElement>('button.expand')!.click();
    await el.updateComplete;
    root(el).querySelector('details')!.open = true;
    marks(el)[0]!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await useDarkScheme();
    await el.updateComplete;
    const row = root(el).querySelector('.row.significant')!;
    expect(getComputedStyle(row).backgroundColor).to.equal('rgb(58, 27, 27)');
    await expect(el).to.be.accessible();
  });
});
