import { restoreLightScheme } from './setup.js';
import { expectAccessibleLightAndDark, expectFilled, inLanguage, shownText } from './i18n-helpers.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/migration/rapport-migration.js';
import type { RapportMigration } from '../../src/components/migration/rapport-migration.js';
import { matrixLayout } from '../../src/charts/matrix-layout.js';
import type { MigrationResult } from '../../src/data/migration.js';

const NOT_YET = 'Not yet a customer';
const segments = ['Champions', 'Potential Loyalist', 'Others', NOT_YET];
const counts: Record<string, Record<string, number>> = {
  Champions: { Champions: 10, 'Potential Loyalist': 3, Others: 1 },
  'Potential Loyalist': { Champions: 24, 'Potential Loyalist': 5, Others: 0 },
  Others: { Champions: 0, 'Potential Loyalist': 2, Others: 7 },
  [NOT_YET]: { Champions: 0, 'Potential Loyalist': 4, Others: 6 },
};
const migration: MigrationResult = {
  from: '2006-09-30',
  to: '2006-12-31',
  segments,
  matrix: segments.flatMap((from) =>
    segments
      .filter((s) => s !== NOT_YET)
      .map((to) => ({ from_segment: from, to_segment: to, customers: counts[from]![to]!, revenue_to: counts[from]![to]! * 10 })),
  ),
  totals: { customersFrom: 52, customersTo: 62 },
};
const ROWS = 4;
const COLS = 3;

async function make(m: MigrationResult | null = migration) {
  return fixture<RapportMigration>(html`<rapport-migration locale="en-US" .migration=${m}></rapport-migration>`);
}
/** Each cell's toggle button (inside its grid cell). */
const cellsOf = (el: RapportMigration) => [...el.shadowRoot!.querySelectorAll<SVGGElement>('[role=gridcell] > .cell[role=button]')];
const cellAt = (el: RapportMigration, row: number, col: number) =>
  el.shadowRoot!.querySelector<SVGGElement>(`[role=gridcell] > .cell[data-row="${row}"][data-col="${col}"]`)!;

describe('matrixLayout', () => {
  it('lays out rows x cols cells inside the box, intensity 0..1 with max 1', () => {
    const width = 500;
    const height = 400;
    const l = matrixLayout(migration, width, height);
    expect(l.cells).to.have.length(ROWS * COLS);
    expect(l.rowLabels.map((r) => r.text)).to.deep.equal(segments);
    expect(l.colLabels.map((c) => c.text)).to.deep.equal(['Champions', 'Potential Loyalist', 'Others']);
    for (const c of l.cells) {
      expect(c.x).to.be.at.least(0);
      expect(c.y).to.be.at.least(0);
      expect(c.x + c.w).to.be.at.most(width);
      expect(c.y + c.h).to.be.at.most(height);
      expect(c.w).to.be.greaterThan(0);
      expect(c.intensity).to.be.within(0, 1);
    }
    expect(Math.max(...l.cells.map((c) => c.intensity))).to.equal(1);
    const top = l.cells.find((c) => c.intensity === 1)!;
    expect([top.from, top.to, top.customers]).to.deep.equal(['Potential Loyalist', 'Champions', 24]);
    expect(l.cells.filter((c) => c.stayed).map((c) => c.from)).to.deep.equal(['Champions', 'Potential Loyalist', 'Others']);
    expect(l.totals.rows).to.deep.equal([14, 29, 9, 10]);
    expect(l.totals.cols).to.deep.equal([34, 14, 14]);
    expect(l.totals.all).to.equal(62);
  });

  it('fills missing pairs with 0 and gives intensity 0 when every cell is 0', () => {
    const l = matrixLayout({ ...migration, matrix: [] }, 300, 300);
    expect(l.cells).to.have.length(ROWS * COLS);
    expect(l.cells.every((c) => c.customers === 0 && c.intensity === 0)).to.equal(true);
    expect(l.totals.all).to.equal(0);
  });
});

describe('rapport-migration', () => {
  it('draws rows x cols cells with labels, the dates and totals; is accessible', async () => {
    const el = await make();
    expect(cellsOf(el)).to.have.length(ROWS * COLS);
    const title = el.shadowRoot!.querySelector('[part=title]')!.textContent!;
    expect(title).to.include('From Sep 30, 2006 to Dec 31, 2006');
    const rowHeaders = [...el.shadowRoot!.querySelectorAll('[role=rowheader]')].map((t) => t.textContent);
    expect(rowHeaders).to.deep.equal(segments);
    const colHeaders = [...el.shadowRoot!.querySelectorAll('[role=columnheader]')].map((t) => t.textContent);
    expect(colHeaders).to.deep.equal(['Champions', 'Potential Loyalist', 'Others']);
    expect(cellAt(el, 1, 0).getAttribute('aria-label')).to.equal('Potential Loyalist → Champions: 24 customers');
    expect(cellAt(el, 0, 2).getAttribute('aria-label')).to.equal('Champions → Others: 1 customer');
    // The diagonal is marked.
    expect(el.shadowRoot!.querySelectorAll('rect.stayed')).to.have.length(3);
    // Only one cell is in the Tab order.
    expect(cellsOf(el).filter((c) => c.getAttribute('tabindex') === '0')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('fires rapport-migration-select on click', async () => {
    const el = await make();
    const heard = oneEvent(el, 'rapport-migration-select');
    cellAt(el, 1, 0).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    const ev = await heard;
    expect(ev.detail).to.deep.equal({ from: 'Potential Loyalist', to: 'Champions' });
    expect(ev.bubbles).to.equal(true);
    expect(ev.composed).to.equal(true);
  });

  it('moves focus with arrow keys, shows a tooltip, and selects with Enter', async () => {
    const el = await make();
    cellAt(el, 0, 0).focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(cellAt(el, 1, 1));
    expect(cellAt(el, 1, 1).getAttribute('tabindex')).to.equal('0');
    expect(cellAt(el, 0, 0).getAttribute('tabindex')).to.equal('-1');
    expect(el.shadowRoot!.querySelector('[part=tooltip]')!.textContent).to.include('Potential Loyalist → Potential Loyalist: 5 customers');
    const heard = oneEvent(el, 'rapport-migration-select');
    await sendKeys({ press: 'Enter' });
    expect((await heard).detail).to.deep.equal({ from: 'Potential Loyalist', to: 'Potential Loyalist' });
    // Arrows stop at the edges.
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(cellAt(el, 1, 0));
  });

  describe('selected', () => {
    const pressed = (el: RapportMigration) => cellsOf(el).filter((c) => c.getAttribute('aria-pressed') === 'true');
    const stroke = (g: SVGGElement) => {
      const s = getComputedStyle(g.querySelector('rect')!);
      return `${s.stroke} ${s.strokeWidth} ${s.strokeDasharray}`;
    };
    const mark = (el: RapportMigration) => el.shadowRoot!.querySelector<SVGGElement>('[part=cell-selected]');

    it('marks exactly the chosen cell: pressed, a ring in the selected colour and a corner mark', async () => {
      const el = await make();
      expect(pressed(el)).to.have.length(0);
      expect(cellsOf(el).every((c) => c.getAttribute('aria-pressed') === 'false')).to.equal(true);
      const before = stroke(cellAt(el, 1, 0));
      el.selected = { from: 'Potential Loyalist', to: 'Champions' };
      await el.updateComplete;
      expect(pressed(el)).to.deep.equal([cellAt(el, 1, 0)]);
      expect(cellsOf(el).filter((c) => c.getAttribute('aria-pressed') === 'false')).to.have.length(ROWS * COLS - 1);
      expect(stroke(cellAt(el, 1, 0))).to.not.equal(before);
      expect(stroke(cellAt(el, 1, 0))).to.not.equal(stroke(cellAt(el, 2, 0)));
      const ring = mark(el)!.querySelector<SVGRectElement>('.ring')!;
      const [rb, cb] = [ring.getBBox(), cellAt(el, 1, 0).querySelector('rect')!.getBBox()];
      expect(rb.x).to.be.within(cb.x, cb.x + 4);
      expect(rb.y).to.be.within(cb.y, cb.y + 4);
      expect(rb.width).to.be.within(cb.width - 8, cb.width);
      expect(Number.parseFloat(getComputedStyle(ring).strokeWidth)).to.be.at.least(3);
      expect(mark(el)!.querySelector('.corner'), 'not colour alone').to.exist;
      // Its own token first, then the segments' selected colour.
      el.style.setProperty('--rapport-segments-selected-color', 'rgb(4, 5, 6)');
      expect(getComputedStyle(ring).stroke).to.equal('rgb(4, 5, 6)');
      el.style.setProperty('--rapport-migration-selected-color', 'rgb(1, 2, 3)');
      expect(getComputedStyle(ring).stroke).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(cellAt(el, 1, 0).querySelector('rect')!).stroke).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(mark(el)!.querySelector('.corner')!).fill).to.equal('rgb(1, 2, 3)');
      el.style.removeProperty('--rapport-migration-selected-color');
      el.style.removeProperty('--rapport-segments-selected-color');
      // Tab lands on the chosen cell.
      expect(cellAt(el, 1, 0).getAttribute('tabindex')).to.equal('0');
      await expectAccessibleLightAndDark(el);
    });

    it('marks a diagonal or prospect row cell, and keeps the mark while another cell is hovered or focused', async () => {
      const el = await make();
      el.selected = { from: NOT_YET, to: 'Others' };
      await el.updateComplete;
      expect(pressed(el)).to.deep.equal([cellAt(el, 3, 2)]);
      el.selected = { from: 'Champions', to: 'Champions' };
      await el.updateComplete;
      expect(pressed(el)).to.deep.equal([cellAt(el, 0, 0)]);
      // Solid, not the diagonal's dashes.
      expect(getComputedStyle(cellAt(el, 0, 0).querySelector('rect')!).strokeDasharray).to.equal('none');
      cellAt(el, 0, 1).focus();
      await el.updateComplete;
      cellAt(el, 1, 0).dispatchEvent(new MouseEvent('mouseenter'));
      await el.updateComplete;
      expect(mark(el)).to.exist;
      expect(pressed(el)).to.deep.equal([cellAt(el, 0, 0)]);
      expect(mark(el)!.querySelector('.inner-focus')).to.not.exist;
      // Focused itself: a focus outline inside the ring.
      cellAt(el, 0, 0).focus();
      await el.updateComplete;
      expect(mark(el)!.querySelector('.inner-focus')).to.exist;
    });

    it('marks nothing for a pair not in the matrix, and clears with null or without data', async () => {
      const el = await make();
      for (const bad of [
        { from: 'Nope', to: 'Champions' },
        { from: 'Champions', to: NOT_YET },
        { from: 'champions', to: 'champions' },
        { from: '', to: '' },
      ]) {
        el.selected = bad;
        await el.updateComplete;
        expect(pressed(el), JSON.stringify(bad)).to.have.length(0);
        expect(mark(el)).to.not.exist;
      }
      el.selected = { from: 'Others', to: 'Others' };
      await el.updateComplete;
      expect(pressed(el)).to.have.length(1);
      el.migration = { ...migration, to: null };
      await el.updateComplete;
      expect(mark(el)).to.not.exist;
      el.migration = migration;
      await el.updateComplete;
      expect(pressed(el)).to.deep.equal([cellAt(el, 2, 2)]);
      el.selected = null;
      await el.updateComplete;
      expect(pressed(el)).to.have.length(0);
      expect(mark(el)).to.not.exist;
    });

    it('choosing the selected cell again still fires, and leaves the property to the host', async () => {
      const el = await make();
      el.selected = { from: 'Potential Loyalist', to: 'Champions' };
      await el.updateComplete;
      let heard = oneEvent(el, 'rapport-migration-select');
      cellAt(el, 1, 0).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      expect((await heard).detail).to.deep.equal({ from: 'Potential Loyalist', to: 'Champions' });
      cellAt(el, 1, 0).focus();
      heard = oneEvent(el, 'rapport-migration-select');
      await sendKeys({ press: 'Enter' });
      expect((await heard).detail).to.deep.equal({ from: 'Potential Loyalist', to: 'Champions' });
      await el.updateComplete;
      expect(el.selected).to.deep.equal({ from: 'Potential Loyalist', to: 'Champions' });
      expect(pressed(el)).to.deep.equal([cellAt(el, 1, 0)]);
    });
  });

  it('keys each segment row and column with the shared segment colour, none for prospects', async () => {
    const el = await make();
    el.style.setProperty('--rapport-segment-color-1', 'rgb(1, 2, 3)');
    el.style.setProperty('--rapport-segment-color-3', 'rgb(7, 8, 9)');
    const swatches = [...el.shadowRoot!.querySelectorAll<SVGRectElement>('.swatch')];
    // Three segment rows (not "Not yet a customer") and three columns.
    expect(swatches).to.have.length(6);
    const fills = swatches.map((r) => getComputedStyle(r).fill);
    expect(fills.filter((f) => f === 'rgb(1, 2, 3)'), 'Champions: row and column').to.have.length(2);
    expect(fills.filter((f) => f === 'rgb(7, 8, 9)'), 'Others: row and column').to.have.length(2);
    expect(swatches.every((r) => r.closest('[aria-hidden="true"]'))).to.equal(true);
  });

  it('has a table equivalent whose totals are the sums', async () => {
    const el = await make();
    const details = el.shadowRoot!.querySelector('details')!;
    details.open = true;
    const table = el.shadowRoot!.querySelector('table')!;
    expect(table.querySelector('caption')!.textContent).to.include('Sep 30, 2006');
    expect(table.querySelectorAll('thead th[scope=col]')).to.have.length(COLS + 2);
    const bodyRows = [...table.querySelectorAll('tbody tr')];
    expect(bodyRows).to.have.length(ROWS);
    let all = 0;
    const colSums = new Array(COLS).fill(0) as number[];
    for (const tr of bodyRows) {
      expect(tr.querySelector('th[scope=row]')).to.not.equal(null);
      const nums = [...tr.querySelectorAll('td')].map((td) => Number(td.textContent!.replace(/,/g, '')));
      const total = nums.pop()!;
      expect(total).to.equal(nums.reduce((a, b) => a + b, 0));
      nums.forEach((n, i) => (colSums[i]! += n));
      all += total;
    }
    const foot = [...table.querySelectorAll('tfoot td')].map((td) => Number(td.textContent!.replace(/,/g, '')));
    expect(foot).to.deep.equal([...colSums, all]);
    expect(all).to.equal(62);
    await expect(el).to.be.accessible();
  });

  it('shows an empty state when migration is null, and redraws when data arrives', async () => {
    const el = await make(null);
    expect(el.shadowRoot!.querySelector('[part=empty]')).to.not.equal(null);
    expect(cellsOf(el)).to.have.length(0);
    await expect(el).to.be.accessible();
    el.migration = migration;
    await el.updateComplete;
    expect(cellsOf(el)).to.have.length(ROWS * COLS);
    expect(el.shadowRoot!.querySelector('[part=empty]')).to.equal(null);
  });
});

describe('rapport-migration in other languages', () => {
  afterEach(restoreLightScheme);
  const inLang = (lang: string, m: MigrationResult | null = migration) =>
    inLanguage<RapportMigration>(lang, html`<rapport-migration .migration=${m}></rapport-migration>`);
  const day = (lang: string, iso: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

  it('speaks Portuguese inside lang="pt": dates, segment names, counts', async () => {
    const big = {
      ...migration,
      matrix: migration.matrix.map((x) => (x.from_segment === 'Champions' && x.to_segment === 'Champions' ? { ...x, customers: 12_345 } : x)),
    };
    const el = await inLang('pt', big);
    expect(el.shadowRoot!.querySelector('[part=title]')!.textContent).to.equal(`De ${day('pt', '2006-09-30')} a ${day('pt', '2006-12-31')}`);
    expect(day('pt', '2006-09-30')).to.not.include('2006-09-30');
    const rowHeaders = [...el.shadowRoot!.querySelectorAll('[role=rowheader]')].map((t) => t.textContent);
    expect(rowHeaders).to.deep.equal(['Campeões', 'Potencial fiel', 'Outros', 'Ainda não é cliente']);
    expect(cellAt(el, 0, 0).getAttribute('aria-label')).to.equal('Campeões → Campeões: 12.345 clientes');
    expect(cellAt(el, 0, 2).getAttribute('aria-label')).to.equal('Campeões → Outros: 1 cliente');
    const text = shownText(el);
    expect(text).to.include('Ver como tabela');
    expect(text).to.include(`Linhas: segmento em ${day('pt', '2006-09-30')}`);
    expect(el.shadowRoot!.querySelector('thead th')!.textContent).to.equal('De \\ Para');
    cellAt(el, 1, 1).focus();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=tooltip]')!.textContent).to.include('de Potencial fiel (ficaram)');
    expectFilled(el);
    el.shadowRoot!.querySelector('details')!.open = true;
    await expectAccessibleLightAndDark(el);
  });

  it('speaks Malay inside lang="ms", and French empty states', async () => {
    const el = await inLang('ms');
    const text = shownText(el);
    expect(text).to.include(`Dari ${day('ms', '2006-09-30')} hingga ${day('ms', '2006-12-31')}`);
    expect(text).to.include('Jumlah');
    expect(text).to.include('Belum menjadi pelanggan');
    expect(cellAt(el, 1, 0).getAttribute('aria-label')).to.equal('Bakal setia → Juara: 24 pelanggan');
    expect(el.shadowRoot!.querySelector('caption')!.textContent).to.include('(baris)');
    expectFilled(el);
    await expect(el).to.be.accessible();

    const fr = await inLang('fr', null);
    expect(shownText(fr)).to.include('Pas encore de migration de segments à afficher.');
    fr.migration = { ...migration, to: null };
    await fr.updateComplete;
    expect(shownText(fr)).to.include('Aucune commande');
    fr.migration = migration;
    await fr.updateComplete;
    expect(shownText(fr)).to.include(`Du ${day('fr', '2006-09-30')} au ${day('fr', '2006-12-31')}`);
    expectFilled(fr);
    await expect(fr).to.be.accessible();
  });

  it('exposes its pieces as parts and takes its colours from its custom properties', async () => {
    const el = await make();
    const root = el.shadowRoot!;
    for (const part of ['title', 'note', 'chart', 'label', 'cell', 'value', 'total', 'swatch', 'table-toggle', 'table', 'table-caption', 'table-header', 'table-row', 'table-row-header', 'table-cell']) {
      expect(root.querySelector(`[part~="${part}"]`), part).to.exist;
    }
    expect(root.querySelector('[part="table"]')!.tagName).to.equal('TABLE');
    el.style.setProperty('--rapport-migration-label-color', 'rgb(1, 2, 3)');
    el.style.setProperty('--rapport-migration-value-color', 'rgb(4, 5, 6)');
    expect(getComputedStyle(root.querySelector('[part="label"]')!).fill).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(root.querySelector('[part~="total"]')!).fill).to.equal('rgb(4, 5, 6)');
  });
});
