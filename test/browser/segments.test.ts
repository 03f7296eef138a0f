import './setup.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/segments/rapport-segments.js';
import type { RapportSegments } from '../../src/components/segments/rapport-segments.js';
import { treemapLayout } from '../../src/charts/treemap-layout.js';
import { scoreGridLayout } from '../../src/charts/score-grid-layout.js';
import type { SegmentSummaryRow } from '../../src/data/rfm.js';

function row(segment: string, customers: number, revenue: number): SegmentSummaryRow {
  return {
    segment,
    customers,
    orders: customers * 2,
    revenue,
    share_of_customers: customers / 200,
    share_of_revenue: revenue / 50000,
    average_recency_days: 30,
    average_frequency: 2,
    average_monetary: customers ? revenue / customers : null,
  };
}

const summary: SegmentSummaryRow[] = [
  row('Champions', 35, 20000),
  row('Loyal', 50, 15000),
  row('At Risk', 40, 8000),
  row('Lost', 75, 7000),
  row('Empty', 0, 0),
];

const customers = [
  { r_score: 5, f_score: 5, m_score: 5, segment: 'Champions' },
  { r_score: 5, f_score: 5, m_score: 4, segment: 'Champions' },
  { r_score: 1, f_score: 1, m_score: 1, segment: 'Lost' },
  { r_score: 3, f_score: 2, m_score: 3, segment: 'At Risk' },
  { r_score: 4, f_score: 5, m_score: 3, segment: 'Loyal' },
];

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
  it('makes bins^2 cells, counts customers, places R on x (recent right) and F on y (frequent top)', () => {
    const g = scoreGridLayout(customers, 5, 250, 250);
    expect(g.cells).to.have.length(25);
    expect(g.cells.reduce((s, c) => s + c.count, 0)).to.equal(customers.length);
    const best = g.cells.find((c) => c.r === 5 && c.f === 5)!;
    expect(best.count).to.equal(2);
    expect(best.intensity).to.equal(1);
    expect(best.x).to.equal(200);
    expect(best.y).to.equal(0);
    const worst = g.cells.find((c) => c.r === 1 && c.f === 1)!;
    expect(worst.x).to.equal(0);
    expect(worst.y).to.equal(200);
    expect(worst.intensity).to.equal(0.5);
    for (const c of g.cells) {
      expect(c.intensity).to.be.within(0, 1);
      expect(c.x + c.w).to.be.at.most(250 + 1e-9);
      expect(c.y + c.h).to.be.at.most(250 + 1e-9);
    }
    expect(scoreGridLayout(customers, 3, 90, 90).cells).to.have.length(9);
    expect(scoreGridLayout(customers, 3, 90, 90).outOfRange).to.equal(3);
  });
});

describe('rapport-segments', () => {
  async function make() {
    const el = await fixture<RapportSegments>(
      html`<rapport-segments .summary=${summary} .customers=${customers} currency="EUR" locale="en-US"></rapport-segments>`,
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

  it('draws a bins x bins grid whose counts match the customers', async () => {
    const el = await make();
    const cells = [...el.shadowRoot!.querySelectorAll<SVGRectElement>('.cell')];
    expect(cells).to.have.length(25);
    const total = cells.reduce((s, c) => s + Number(c.dataset.count), 0);
    expect(total).to.equal(customers.length);
    const best = cells.find((c) => c.dataset.r === '5' && c.dataset.f === '5')!;
    expect(best.dataset.count).to.equal('2');
    expect(best.getAttribute('aria-label')).to.equal('R 5, F 5: 2 customers');
    el.bins = 3;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.cell')).to.have.length(9);
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

  it('labels a tile only when its text fits', async () => {
    const el = await fixture<RapportSegments>(
      html`<rapport-segments .summary=${[row('Big', 9999, 1), row('Tiny Segment Name', 1, 1)]}></rapport-segments>`,
    );
    const labels = [...el.shadowRoot!.querySelectorAll('.labels text')].map((t) => t.textContent);
    expect(labels).to.include('Big');
    expect(labels).to.not.include('Tiny Segment Name');
    expect(tiles(el)).to.have.length(2);
  });

  it('shows an empty state without data and stays accessible', async () => {
    const el = await fixture<RapportSegments>(html`<rapport-segments></rapport-segments>`);
    expect(tiles(el)).to.have.length(0);
    expect(el.shadowRoot!.querySelector('.empty')).to.exist;
    await expect(el).to.be.accessible();
  });
});
