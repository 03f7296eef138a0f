import './setup.js';
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
const cellsOf = (el: RapportMigration) => [...el.shadowRoot!.querySelectorAll<SVGGElement>('[role=gridcell]')];
const cellAt = (el: RapportMigration, row: number, col: number) =>
  el.shadowRoot!.querySelector<SVGGElement>(`[role=gridcell][data-row="${row}"][data-col="${col}"]`)!;

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
    expect(title).to.include('From 2006-09-30 to 2006-12-31');
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
    expect(table.querySelector('caption')!.textContent).to.include('2006-09-30');
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
