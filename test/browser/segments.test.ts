import { restoreLightScheme } from './setup.js';
import { expectAccessibleLightAndDark, expectFilled, inLanguage, shownText } from './i18n-helpers.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/segments/rapport-segments.js';
import type { RapportSegments } from '../../src/components/segments/rapport-segments.js';
import { treemapLayout } from '../../src/charts/treemap-layout.js';
import { scoreGridLayout } from '../../src/charts/score-grid-layout.js';
import type { SegmentSummaryRow } from '../../src/data/rfm.js';
import { summaryRow } from '../helpers/segments.js';

const row = summaryRow;

const summary: SegmentSummaryRow[] = [
  row('Champions', 35, 20000),
  row('Loyal', 50, 15000),
  row('At Risk', 40, 8000),
  row('Lost', 75, 7000),
  row('Empty', 0, 0),
];

/** Customers per (R, F) pair, as the SQL returns them: 5 customers, only non-empty pairs. */
const cells = [
  { r_score: 5, f_score: 5, customers: 2 },
  { r_score: 1, f_score: 1, customers: 1 },
  { r_score: 3, f_score: 2, customers: 1 },
  { r_score: 4, f_score: 5, customers: 1 },
];
const cellTotal = 5;

describe('treemapLayout', () => {
  it('makes areas proportional to values, keeps rects inside the box and omits empty segments', () => {
    const rects = treemapLayout(summary, 600, 400, 'customers');
    expect(rects).to.have.length(4);
    const total = 35 + 50 + 40 + 75;
    for (const r of rects) {
      expect((r.w * r.h) / (600 * 400)).to.be.closeTo(r.value / total, 1e-9);
      expect(r.share).to.be.closeTo(r.value / total, 1e-12);
      expect(r.x).to.be.at.least(-1e-9);
      expect(r.y).to.be.at.least(-1e-9);
      expect(r.x + r.w).to.be.at.most(600 + 1e-9);
      expect(r.y + r.h).to.be.at.most(400 + 1e-9);
    }
    expect(rects.map((r) => r.label)).to.deep.equal(['Lost', 'Loyal', 'At Risk', 'Champions']);
  });

  it('sizes by revenue and is deterministic whatever the input order', () => {
    const a = treemapLayout(summary, 300, 200, 'revenue');
    const b = treemapLayout([...summary].reverse(), 300, 200, 'revenue');
    expect(a).to.deep.equal(b);
    expect(a[0]!.label).to.equal('Champions');
    expect(treemapLayout([], 300, 200, 'revenue')).to.deep.equal([]);
  });
});

describe('scoreGridLayout', () => {
  it('makes bins^2 cells from counts, places R on x (recent right) and F on y (frequent top)', () => {
    const g = scoreGridLayout(cells, 5, 250, 250);
    expect(g.cells).to.have.length(25);
    expect(g.cells.reduce((s, c) => s + c.count, 0)).to.equal(cellTotal);
    expect(g.total).to.equal(cellTotal);
    expect(g.outOfRange).to.equal(0);
    const best = g.cells.find((c) => c.r === 5 && c.f === 5)!;
    expect(best.count).to.equal(2);
    expect(best.intensity).to.equal(1);
    expect(best.x).to.equal(200);
    expect(best.y).to.equal(0);
    const worst = g.cells.find((c) => c.r === 1 && c.f === 1)!;
    expect(worst.x).to.equal(0);
    expect(worst.y).to.equal(200);
    expect(worst.intensity).to.equal(0.5);
    expect(g.cells.find((c) => c.r === 2 && c.f === 3)!.count, 'missing pair').to.equal(0);
    expect(g.cells.slice(0, 2).map((c) => [c.r, c.f]), 'reading order').to.deep.equal([[1, 5], [2, 5]]);
    for (const c of g.cells) {
      expect(c.intensity).to.be.within(0, 1);
      expect(c.x + c.w).to.be.at.most(250 + 1e-9);
      expect(c.y + c.h).to.be.at.most(250 + 1e-9);
    }
    const small = scoreGridLayout(cells, 3, 90, 90);
    expect(small.cells).to.have.length(9);
    expect(small.outOfRange).to.equal(3);
    expect(small.total).to.equal(2);
  });

  it('adds up repeated pairs, ignores bad counts and counts bad scores as out of range', () => {
    const g = scoreGridLayout(
      [
        { r_score: 2, f_score: 2, customers: 3 },
        { r_score: 2, f_score: 2, customers: 4 },
        { r_score: 1, f_score: 1, customers: -1 },
        { r_score: 1, f_score: 2, customers: Number.NaN },
        { r_score: 0, f_score: 2, customers: 5 },
        { r_score: 2.5, f_score: 2, customers: 1 },
      ],
      2,
      100,
      100,
    );
    expect(g.cells.find((c) => c.r === 2 && c.f === 2)!.count).to.equal(7);
    expect(g.total).to.equal(7);
    expect(g.outOfRange).to.equal(6);
    expect(scoreGridLayout([], 5, 100, 100).cells.every((c) => c.count === 0 && c.intensity === 0)).to.equal(true);
  });
});

describe('rapport-segments', () => {
  async function make() {
    const el = await fixture<RapportSegments>(
      html`<rapport-segments .summary=${summary} .cells=${cells} currency="EUR" locale="en-US"></rapport-segments>`,
    );
    return el;
  }
  const tiles = (el: RapportSegments) => [...el.shadowRoot!.querySelectorAll<SVGGElement>('.tile')];

  it('renders one tile per non-empty segment, with a label, and is accessible', async () => {
    const el = await make();
    const t = tiles(el);
    expect(t).to.have.length(4);
    const champions = t.find((g) => g.dataset.segment === 'Champions')!;
    expect(champions.getAttribute('role')).to.equal('button');
    expect(champions.getAttribute('aria-label')).to.include('Champions: 35 customers');
    expect(t.filter((g) => g.getAttribute('tabindex') === '0')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('switches size-by from its toggle and from the attribute', async () => {
    const el = await make();
    const areaOf = (name: string) => {
      const r = tiles(el).find((g) => g.dataset.segment === name)!.querySelector('rect')!;
      return Number(r.getAttribute('width')) * Number(r.getAttribute('height'));
    };
    const byCustomers = areaOf('Champions');
    const revenueButton = [...el.shadowRoot!.querySelectorAll('.toggle button')].find((b) => b.textContent!.includes('Revenue')) as HTMLButtonElement;
    revenueButton.click();
    await el.updateComplete;
    expect(el.getAttribute('size-by')).to.equal('revenue');
    expect(revenueButton.getAttribute('aria-pressed')).to.equal('true');
    expect(areaOf('Champions')).to.be.greaterThan(byCustomers);
    el.setAttribute('size-by', 'customers');
    await el.updateComplete;
    expect(areaOf('Champions')).to.be.closeTo(byCustomers, 1e-6);
    el.setAttribute('size-by', 'nonsense');
    await el.updateComplete;
    expect(el.sizeBy).to.equal('customers');
  });

  it('fires rapport-segment-select on click and sets selected', async () => {
    const el = await make();
    const lost = tiles(el).find((g) => g.dataset.segment === 'Lost')!;
    const heard = oneEvent(el, 'rapport-segment-select');
    lost.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    const ev = await heard;
    expect(ev.detail).to.deep.equal({ segment: 'Lost' });
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(el.selected).to.equal('Lost');
    await el.updateComplete;
    expect(lost.getAttribute('aria-pressed')).to.equal('true');
  });

  it('fires rapport-segment-select on Enter and Space, and arrow keys move focus', async () => {
    const el = await make();
    const first = tiles(el).find((g) => g.getAttribute('tabindex') === '0')!;
    first.focus();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.tooltip')!.textContent).to.include(first.dataset.segment!);
    let heard = oneEvent(el, 'rapport-segment-select');
    await sendKeys({ press: 'Enter' });
    expect((await heard).detail.segment).to.equal(first.dataset.segment);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    const second = el.shadowRoot!.activeElement as SVGGElement;
    expect(second.dataset.segment).to.not.equal(first.dataset.segment);
    expect(second.getAttribute('tabindex')).to.equal('0');
    heard = oneEvent(el, 'rapport-segment-select');
    await sendKeys({ press: 'Space' });
    expect((await heard).detail.segment).to.equal(second.dataset.segment);
  });

  const gridCells = (el: RapportSegments) => [...el.shadowRoot!.querySelectorAll<SVGGElement>('.cell')];
  const focusedCell = (el: RapportSegments) => {
    const a = el.shadowRoot!.activeElement as SVGGElement | null;
    return a ? `${a.dataset.r},${a.dataset.f}` : null;
  };

  it('draws a bins x bins grid whose counts match the cells input', async () => {
    const el = await make();
    const all = gridCells(el);
    expect(all).to.have.length(25);
    const total = all.reduce((s, c) => s + Number(c.dataset.count), 0);
    expect(total).to.equal(cellTotal);
    const best = all.find((c) => c.dataset.r === '5' && c.dataset.f === '5')!;
    expect(best.dataset.count).to.equal('2');
    // A toggle button inside each grid cell, as the tiles are buttons.
    expect(best.getAttribute('role')).to.equal('button');
    expect(best.getAttribute('aria-pressed')).to.equal('false');
    expect(best.parentElement!.getAttribute('role')).to.equal('gridcell');
    expect(best.getAttribute('aria-label')).to.equal('R 5, F 5: 2 customers, 40%');
    expect(best.querySelector('text')!.textContent).to.equal('2');
    expect(all.find((c) => c.dataset.r === '2' && c.dataset.f === '4')!.getAttribute('aria-label')).to.equal('R 2, F 4: 0 customers, 0%');
    expect(el.shadowRoot!.querySelector('.heat .note')).to.not.exist;
    el.bins = 3;
    await el.updateComplete;
    expect(gridCells(el)).to.have.length(9);
    expect(el.shadowRoot!.querySelector('.heat .note')!.textContent).to.include('3 customers with a score outside 1–3');
    await expect(el).to.be.accessible();
  });

  it('hides the grid without cells and redraws it when cells change', async () => {
    const el = await fixture<RapportSegments>(html`<rapport-segments .summary=${summary}></rapport-segments>`);
    expect(el.shadowRoot!.querySelector('[part=grid]')).to.not.exist;
    el.cells = [{ r_score: 2, f_score: 3, customers: 340_000 }];
    await el.updateComplete;
    const c = gridCells(el).find((x) => x.dataset.r === '2' && x.dataset.f === '3')!;
    expect(c.dataset.count).to.equal('340000');
    expect(c.getAttribute('aria-label')).to.equal('R 2, F 3: 340,000 customers, 100%');
  });

  it('is one tab stop; arrow keys, Home and End move between cells; the tooltip follows focus', async () => {
    const el = await make();
    const tabbable = gridCells(el).filter((c) => c.getAttribute('tabindex') === '0');
    expect(tabbable).to.have.length(1);
    expect(`${tabbable[0]!.dataset.r},${tabbable[0]!.dataset.f}`, 'top-left first').to.equal('1,5');
    tabbable[0]!.focus();
    await el.updateComplete;
    const tip = () => el.shadowRoot!.querySelector('.heat .tooltip')?.textContent?.replace(/\s+/g, ' ').trim();
    expect(tip()).to.equal('R 1 · F 5 0 customers (0%)');
    const press = async (key: string) => {
      await sendKeys({ press: key });
      await el.updateComplete;
      await el.updateComplete;
    };
    const steps: [string, string][] = [
      ['ArrowRight', '2,5'],
      ['ArrowDown', '2,4'],
      ['End', '5,4'],
      ['ArrowRight', '5,4'], // stops at the edge
      ['ArrowUp', '5,5'],
      ['Home', '1,5'],
      ['Control+End', '5,1'],
      ['ArrowLeft', '4,1'],
      ['Control+Home', '1,5'],
    ];
    for (const [key, cell] of steps) {
      await press(key);
      expect(focusedCell(el), key).to.equal(cell);
      if (cell === '5,5') expect(tip()).to.equal('R 5 · F 5 2 customers (40%)');
    }
    expect(gridCells(el).filter((c) => c.getAttribute('tabindex') === '0')).to.have.length(1);
  });

  it('fires rapport-cell-select on Enter, Space and click', async () => {
    const el = await make();
    const start = gridCells(el).find((c) => c.getAttribute('tabindex') === '0')!;
    start.focus();
    for (const key of ['ArrowDown', 'ArrowRight', 'ArrowDown', 'ArrowDown', 'ArrowRight']) {
      await sendKeys({ press: key });
      await el.updateComplete;
      await el.updateComplete;
    }
    expect(focusedCell(el)).to.equal('3,2');
    let heard = oneEvent(el, 'rapport-cell-select');
    await sendKeys({ press: 'Enter' });
    let ev = await heard;
    expect(ev.detail).to.deep.equal({ r: 3, f: 2, customers: 1 });
    expect(ev.bubbles && ev.composed).to.equal(true);
    heard = oneEvent(el, 'rapport-cell-select');
    await sendKeys({ press: 'Space' });
    expect((await heard).detail).to.deep.equal({ r: 3, f: 2, customers: 1 });
    const best = gridCells(el).find((c) => c.dataset.r === '5' && c.dataset.f === '5')!;
    heard = oneEvent(el, 'rapport-cell-select');
    best.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    ev = await heard;
    expect(ev.detail).to.deep.equal({ r: 5, f: 5, customers: 2 });
    await el.updateComplete;
    expect(best.getAttribute('tabindex'), 'the clicked cell takes the tab stop').to.equal('0');
  });

  describe('selectedCell', () => {
    const pressed = (el: RapportSegments) => gridCells(el).filter((c) => c.getAttribute('aria-pressed') === 'true');
    const at = (el: RapportSegments, r: number, f: number) => gridCells(el).find((c) => c.dataset.r === String(r) && c.dataset.f === String(f))!;
    const stroke = (g: SVGGElement) => {
      const s = getComputedStyle(g.querySelector('rect')!);
      return `${s.stroke} ${s.strokeWidth}`;
    };
    const mark = (el: RapportSegments) => el.shadowRoot!.querySelector<SVGGElement>('[part=cell-selected]');

    it('marks exactly the chosen cell: pressed, a ring in the selected colour and a corner mark', async () => {
      const el = await make();
      expect(pressed(el)).to.have.length(0);
      expect(mark(el)).to.not.exist;
      const before = stroke(at(el, 3, 2));
      el.selectedCell = { r: 3, f: 2 };
      await el.updateComplete;
      expect(pressed(el)).to.deep.equal([at(el, 3, 2)]);
      expect(gridCells(el).filter((c) => c.getAttribute('aria-pressed') === 'false')).to.have.length(24);
      expect(stroke(at(el, 3, 2)), 'selected stroke').to.not.equal(stroke(at(el, 4, 2)));
      expect(stroke(at(el, 3, 2))).to.not.equal(before);
      // The ring over the cell, drawn after every cell, and a corner mark: not colour alone.
      const ring = mark(el)!.querySelector<SVGRectElement>('.ring')!;
      const cellRect = at(el, 3, 2).querySelector('rect')!;
      const [rb, cb] = [ring.getBBox(), cellRect.getBBox()];
      expect(rb.x).to.be.within(cb.x, cb.x + 4);
      expect(rb.y).to.be.within(cb.y, cb.y + 4);
      expect(rb.width).to.be.within(cb.width - 8, cb.width);
      expect(Number.parseFloat(getComputedStyle(ring).strokeWidth)).to.be.at.least(3);
      expect(mark(el)!.querySelector('.corner')).to.exist;
      el.style.setProperty('--rapport-segments-selected-color', 'rgb(1, 2, 3)');
      expect(getComputedStyle(ring).stroke).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(cellRect).stroke).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(mark(el)!.querySelector('.corner')!).fill).to.equal('rgb(1, 2, 3)');
      // Tab lands on the chosen cell.
      expect(at(el, 3, 2).getAttribute('tabindex')).to.equal('0');
      await expectAccessibleLightAndDark(el);
    });

    it('keeps the mark while another cell is focused or hovered, and shows focus on the chosen one too', async () => {
      const el = await make();
      el.selectedCell = { r: 3, f: 2 };
      await el.updateComplete;
      at(el, 4, 2).focus();
      await el.updateComplete;
      expect(mark(el)).to.exist;
      expect(pressed(el)).to.deep.equal([at(el, 3, 2)]);
      at(el, 3, 3).dispatchEvent(new MouseEvent('mouseenter'));
      await el.updateComplete;
      expect(mark(el)).to.exist;
      expect(el.shadowRoot!.querySelectorAll('.cell-ring')).to.have.length(1);
      // Focused itself: the focus ring sits inside the selected ring.
      at(el, 3, 2).focus();
      await el.updateComplete;
      const focusRing = el.shadowRoot!.querySelector<SVGRectElement>('.cell-ring')!.getBBox();
      const ring = mark(el)!.querySelector<SVGRectElement>('.ring')!.getBBox();
      expect(focusRing.width).to.be.below(ring.width - 4);
    });

    it('marks nothing for an unknown or out-of-range cell, and clears with null', async () => {
      const el = await make();
      for (const bad of [{ r: 6, f: 1 }, { r: 0, f: 3 }, { r: 2.5, f: 2 }, { r: Number.NaN, f: 1 }]) {
        el.selectedCell = bad;
        await el.updateComplete;
        expect(pressed(el), JSON.stringify(bad)).to.have.length(0);
        expect(mark(el)).to.not.exist;
      }
      el.selectedCell = { r: 5, f: 5 };
      await el.updateComplete;
      expect(pressed(el)).to.have.length(1);
      // A smaller grid leaves the pair out of range.
      el.bins = 4;
      await el.updateComplete;
      expect(pressed(el)).to.have.length(0);
      expect(mark(el)).to.not.exist;
      el.bins = 5;
      await el.updateComplete;
      expect(pressed(el)).to.have.length(1);
      el.selectedCell = null;
      await el.updateComplete;
      expect(pressed(el)).to.have.length(0);
      expect(mark(el)).to.not.exist;
    });

    it('choosing the selected cell again still fires, and does not change the property itself', async () => {
      const el = await make();
      el.selectedCell = { r: 5, f: 5 };
      await el.updateComplete;
      const heard = oneEvent(el, 'rapport-cell-select');
      at(el, 5, 5).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      expect((await heard).detail).to.deep.equal({ r: 5, f: 5, customers: 2 });
      expect(el.selectedCell).to.deep.equal({ r: 5, f: 5 });
      const other = oneEvent(el, 'rapport-cell-select');
      at(el, 1, 1).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      await other;
      await el.updateComplete;
      expect(pressed(el)).to.deep.equal([at(el, 5, 5)]);
    });
  });

  it('takes tile colours from the shared segment tokens, the old per-element names first', async () => {
    const el = await make();
    const fill = (name: string) => getComputedStyle(tiles(el).find((g) => g.dataset.segment === name)!.querySelector('rect')!).fill;
    const before = fill('Champions');
    el.style.setProperty('--rapport-segment-color-1', 'rgb(1, 2, 3)');
    expect(fill('Champions')).to.equal('rgb(1, 2, 3)');
    expect(before).to.not.equal('rgb(1, 2, 3)');
    el.style.setProperty('--rapport-segment-color-2', 'rgb(4, 5, 6)');
    el.style.setProperty('--rapport-segments-color-2', 'rgb(7, 8, 9)');
    expect(fill('Loyal')).to.equal('rgb(7, 8, 9)');
    el.style.removeProperty('--rapport-segments-color-2');
    expect(fill('Loyal')).to.equal('rgb(4, 5, 6)');
  });

  it('has a table equivalent of the summary', async () => {
    const el = await make();
    const details = el.shadowRoot!.querySelector('details')!;
    expect(details.querySelector('summary')!.textContent).to.include('Show as table');
    const table = details.querySelector('table')!;
    expect(table.querySelector('caption')!.textContent).to.include('Segment summary');
    expect(table.querySelectorAll('thead th')).to.have.length(8);
    expect(table.querySelectorAll('tbody tr')).to.have.length(summary.length);
    expect(table.querySelector('tbody tr')!.textContent).to.include('€20,000.00');
    details.open = true;
    await expect(el).to.be.accessible();
  });

  it('labels a tile only when its text fits: whole, up a tall narrow tile, or cut with an ellipsis', async () => {
    const el = await fixture<RapportSegments>(
      html`<rapport-segments
        .summary=${[row('Big', 9999, 1), row('Tiny Segment Name', 1, 1), row('Need Attention Soon Please', 700, 1)]}
      ></rapport-segments>`,
    );
    const names = () => [...el.shadowRoot!.querySelectorAll<SVGTextElement>('.labels text.name')];
    expect(names().map((t) => t.textContent)).to.include('Big');
    expect(names().some((t) => t.textContent!.startsWith('Tiny'))).to.equal(false);
    const tall = names().find((t) => t.textContent === 'Need Attention Soon Please')!;
    expect(tall, 'a tall narrow tile reads upwards').to.exist;
    expect(tall.getAttribute('transform')).to.include('rotate(-90)');
    expect(tiles(el)).to.have.length(3);

    el.summary = [row('A', 1, 1), row('B', 1, 1), row('C', 1, 1), row('A rather long segment name that cannot fit', 1, 1)];
    await el.updateComplete;
    const cut = names().find((t) => t.textContent!.startsWith('A rather'))!;
    expect(cut.textContent!.endsWith('…')).to.equal(true);
    expect(cut.getAttribute('transform')).to.equal(null);
    const w = Number(tiles(el).find((g) => g.dataset.segment!.startsWith('A rather'))!.querySelector('rect')!.getAttribute('width'));
    expect(cut.getComputedTextLength()).to.be.at.most(w - 6);
  });

  it('shows an empty state without data and stays accessible', async () => {
    const el = await fixture<RapportSegments>(html`<rapport-segments></rapport-segments>`);
    expect(tiles(el)).to.have.length(0);
    expect(el.shadowRoot!.querySelector('.empty')).to.exist;
    await expect(el).to.be.accessible();
  });
});

describe('rapport-segments in other languages', () => {
  afterEach(restoreLightScheme);
  const inLang = (lang: string) =>
    inLanguage<RapportSegments>(lang, html`<rapport-segments .summary=${summary} .cells=${cells} currency="EUR" bins="3"></rapport-segments>`);

  it('speaks Portuguese inside lang="pt": words, segment names, numbers and money', async () => {
    const el = await inLang('pt');
    const text = shownText(el);
    expect(text).to.include('Segmentos por clientes');
    expect(text).to.include('Clientes por pontuação de recência (R) e de frequência (F)');
    expect(text).to.include('Ver como tabela');
    expect(text).to.include('Resumo dos segmentos');
    expect(text).to.include('3 clientes com pontuação fora de 1–3 não são mostrados.');
    const champions = el.shadowRoot!.querySelector('.tile[data-segment="Champions"]')!;
    expect(champions.getAttribute('aria-label')).to.equal(
      `Campeões: 35 clientes, ${new Intl.NumberFormat('pt', { style: 'currency', currency: 'EUR' }).format(20000)} de receita, 17,5% dos clientes`,
    );
    const names = [...el.shadowRoot!.querySelectorAll('tbody th')].map((th) => th.textContent);
    expect(names).to.deep.equal(['Campeões', 'Fiéis', 'Em risco', 'Perdidos', 'Empty']);
    expect(el.shadowRoot!.querySelector('tbody tr')!.textContent).to.include('20.000,00');
    (champions as SVGGElement).focus();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.tooltip')!.textContent!.replace(/\s+/g, ' ')).to.include('70 encomendas');
    expectFilled(el);
    el.shadowRoot!.querySelector('details')!.open = true;
    await expect(el).to.be.accessible();
  });

  it('speaks Malay inside lang="ms", with Malay numbers and plurals', async () => {
    const el = await inLang('ms');
    const text = shownText(el);
    expect(text).to.include('Segmen mengikut pelanggan');
    expect(text).to.include('Tunjuk sebagai jadual');
    expect(text).to.include('Ringkasan segmen');
    expect(text).to.include('Purata kekinian (hari)');
    const best = el.shadowRoot!.querySelector('.cell[data-r="3"][data-f="2"]')!;
    expect(best.getAttribute('aria-label')).to.equal('R 3, F 2: 1 pelanggan, 50%');
    expect(el.shadowRoot!.querySelector('.tile[data-segment="At Risk"]')!.getAttribute('aria-label')).to.include('Berisiko: 40 pelanggan');
    expect(el.shadowRoot!.querySelector('tbody tr')!.textContent).to.include(
      new Intl.NumberFormat('ms', { style: 'currency', currency: 'EUR' }).format(20000),
    );
    expectFilled(el);
    await expectAccessibleLightAndDark(el);
  });

  it('speaks French inside lang="fr" and switches when the language changes', async () => {
    const el = await inLang('fr');
    expect(shownText(el)).to.include('Segments par clients');
    expect(shownText(el)).to.include('Score de récence (R) → plus récent');
    const revenue = el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-size-by="revenue"]')!;
    expect(revenue.textContent!.trim()).to.equal('Chiffre d’affaires');
    revenue.click();
    await el.updateComplete;
    expect(shownText(el)).to.include('Segments par chiffre d’affaires');
    expect(el.shadowRoot!.querySelector('tbody tr')!.textContent).to.include(
      new Intl.NumberFormat('fr', { style: 'currency', currency: 'EUR' }).format(20000),
    );
    expectFilled(el);
    el.parentElement!.setAttribute('lang', 'es');
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(shownText(el)).to.include('Segmentos por ingresos');
    expect(shownText(el)).to.include('En riesgo');
    expectFilled(el);
    await expect(el).to.be.accessible();
  });

  it('exposes its pieces as parts and takes its colours from its custom properties', async () => {
    const el = await fixture<RapportSegments>(html`<rapport-segments .summary=${summary} .cells=${cells} bins="3"></rapport-segments>`);
    const root = el.shadowRoot!;
    for (const part of ['title', 'toggle', 'button', 'treemap', 'tile', 'mark', 'label', 'value', 'grid', 'cell', 'axis', 'axis-label', 'axis-title', 'note', 'table-toggle', 'table', 'table-caption', 'table-header', 'table-row', 'table-row-header', 'table-cell']) {
      expect(root.querySelector(`[part~="${part}"]`), part).to.exist;
    }
    expect(root.querySelector('[part="table"]')!.tagName).to.equal('TABLE');
    el.style.setProperty('--rapport-segments-axis-color', 'rgb(1, 2, 3)');
    el.style.setProperty('--rapport-segments-axis-title-color', 'rgb(4, 5, 6)');
    expect(getComputedStyle(root.querySelector('[part="axis-label"]')!).fill).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(root.querySelector('[part="axis-title"]')!).fill).to.equal('rgb(4, 5, 6)');
  });
});
