import './setup.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/customer-table/rapport-customer-table.js';
import type { RapportCustomerTable } from '../../src/components/customer-table/rapport-customer-table.js';
import type { CustomerRow } from '../../src/data/dataset.js';

function rows(n: number): CustomerRow[] {
  return Array.from({ length: n }, (_, i) => ({
    customer_id: `C${String(i).padStart(6, '0')}`,
    first_order: '2024-01-01',
    last_order: '2024-06-01',
    orders: (i % 7) + 1,
    total_spend: (i * 37) % 1000,
  }));
}

describe('rapport-customer-table', () => {
  it('renders 100,000 customers with only the visible rows in the DOM', async () => {
    const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table .rows=${rows(100_000)}></rapport-customer-table>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length > 0, 'rows render');
    const inDom = el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length;
    expect(inDom).to.be.greaterThan(5);
    expect(inDom).to.be.lessThan(200);
    expect(el.shadowRoot!.querySelector('[role=table]')!.getAttribute('aria-rowcount')).to.equal('100001');
    // Scrolling to the end shows the last customer.
    const scroller = el.shadowRoot!.querySelector('lit-virtualizer') as unknown as { element(i: number): { scrollIntoView(o?: object): void } | undefined };
    scroller.element(99_999)!.scrollIntoView({ block: 'end' });
    await waitUntil(() => el.shadowRoot!.textContent!.includes('C099999'), 'last row after scrolling', { timeout: 5000 });
    expect(el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length).to.be.lessThan(200);
  });

  it('sorts from the keyboard-reachable headers and reports it', async () => {
    const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table sort-locally .rows=${rows(50)}></rapport-customer-table>`);
    const header = [...el.shadowRoot!.querySelectorAll('[role=columnheader]')].find((h) => h.textContent!.includes('Orders'))!;
    const heard = oneEvent(el, 'rapport-sort');
    header.querySelector('button')!.click();
    const ev = await heard;
    expect(ev.detail).to.deep.equal({ key: 'orders', direction: 'desc' });
    await el.updateComplete;
    expect(header.getAttribute('aria-sort')).to.equal('descending');
    await waitUntil(() => el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length > 0);
    // The virtualizer reuses row nodes, so DOM order is not row order: find row 1 by its index.
    const first = el.shadowRoot!.querySelector('lit-virtualizer [aria-rowindex="2"]')!;
    expect(first.querySelectorAll('[role=cell]')[3]!.textContent).to.equal('7');
  });

  it('sorts from the keyboard: Enter and Space on a focused header', async () => {
    const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table sort-locally .rows=${rows(50)}></rapport-customer-table>`);
    const header = [...el.shadowRoot!.querySelectorAll('[role=columnheader]')].find((h) => h.textContent!.includes('Orders'))!;
    const button = header.querySelector('button')!;
    button.focus();
    expect(el.shadowRoot!.activeElement).to.equal(button);
    let heard = oneEvent(el, 'rapport-sort');
    await sendKeys({ press: 'Enter' });
    expect((await heard).detail).to.deep.equal({ key: 'orders', direction: 'desc' });
    await el.updateComplete;
    expect(header.getAttribute('aria-sort')).to.equal('descending');
    // The header keeps focus across the re-render, so the next key press sorts again.
    expect(el.shadowRoot!.activeElement).to.equal(button);
    heard = oneEvent(el, 'rapport-sort');
    await sendKeys({ press: 'Space' });
    expect((await heard).detail).to.deep.equal({ key: 'orders', direction: 'asc' });
    await el.updateComplete;
    expect(header.getAttribute('aria-sort')).to.equal('ascending');
    await expect(el).to.be.accessible();
  });

  it('shows plain numbers instead of failing on an invalid currency or locale', async () => {
    const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table currency="euro" locale="en_US" .rows=${rows(3)}></rapport-customer-table>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length > 0, 'rows render');
    const cells = [...el.shadowRoot!.querySelectorAll('lit-virtualizer [aria-rowindex="3"] [role=cell]')].map((c) => c.textContent);
    expect(cells[4]).to.equal(new Intl.NumberFormat(undefined, { minimumFractionDigits: 2 }).format(37));
  });

  it('is accessible', async () => {
    const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table .rows=${rows(20)}></rapport-customer-table>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length > 0);
    await expect(el).to.be.accessible();
  });

  describe('with scores, segments and types', () => {
    const SEGMENTS = ['Champions', 'At Risk', 'Others'];
    const TYPES = ['active', 'inactive', 'potential'] as const;
    function scored(n: number): CustomerRow[] {
      return rows(n).map((r, i) => ({
        ...r,
        recency_days: i * 3,
        r_score: (i % 5) + 1,
        f_score: ((i + 2) % 5) + 1,
        m_score: ((i + 4) % 5) + 1,
        segment: SEGMENTS[i % 3]!,
        type: TYPES[i % 3]!,
      }));
    }
    const headerNames = (el: RapportCustomerTable) =>
      [...el.shadowRoot!.querySelectorAll('[role=columnheader] button')].map((b) => b.getAttribute('aria-label') ?? b.textContent!.replace(/[▲▼]/g, '').trim());
    const selects = (el: RapportCustomerTable) => [...el.shadowRoot!.querySelectorAll('select')];

    it('shows R, F, M, segment and type columns once rows are scored, and filters only then', async () => {
      const plain = await fixture<RapportCustomerTable>(html`<rapport-customer-table .rows=${rows(5)}></rapport-customer-table>`);
      expect(headerNames(plain)).to.deep.equal(['Customer', 'First order', 'Last order', 'Orders', 'Total spend']);
      expect(selects(plain)).to.have.length(0);
      const el = await fixture<RapportCustomerTable>(
        html`<rapport-customer-table .rows=${scored(6)} .segments=${SEGMENTS}></rapport-customer-table>`,
      );
      expect(headerNames(el)).to.deep.equal([
        'Customer', 'First order', 'Last order', 'Orders', 'Total spend',
        'Recency score', 'Frequency score', 'Monetary score', 'Segment', 'Type',
      ]);
      await waitUntil(() => el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length > 0);
      const cells = [...el.shadowRoot!.querySelectorAll('lit-virtualizer [aria-rowindex="3"] [role=cell]')].map((c) => c.textContent!.trim());
      expect(cells.slice(5)).to.deep.equal(['2', '4', '1', 'At Risk', 'Inactive']);
      const [segment, type] = selects(el);
      expect([...segment!.options].map((o) => o.textContent)).to.deep.equal(['All segments', ...SEGMENTS]);
      expect([...type!.options].map((o) => o.value)).to.deep.equal(['', 'active', 'inactive', 'potential']);
    });

    it('reports a filter choice; with sort-locally it filters itself and counts "n of total"', async () => {
      const el = await fixture<RapportCustomerTable>(
        html`<rapport-customer-table sort-locally .rows=${scored(30)} .segments=${SEGMENTS} .total=${30}></rapport-customer-table>`,
      );
      const [segment, type] = selects(el);
      let heard = oneEvent(el, 'rapport-filter');
      segment!.value = 'At Risk';
      segment!.dispatchEvent(new Event('change'));
      expect((await heard).detail).to.deep.equal({ segment: 'At Risk', type: null });
      await el.updateComplete;
      expect(el.segment).to.equal('At Risk');
      expect(el.shadowRoot!.querySelector('.count')!.textContent).to.equal('10 of 30 customers');
      heard = oneEvent(el, 'rapport-filter');
      type!.value = 'inactive';
      type!.dispatchEvent(new Event('change'));
      expect((await heard).detail).to.deep.equal({ segment: 'At Risk', type: 'inactive' });
      await el.updateComplete;
      // i % 3 == 1 for both: every At Risk customer is inactive here.
      expect(el.shadowRoot!.querySelector('.count')!.textContent).to.equal('10 of 30 customers');
      el.type = 'active';
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('.empty')!.textContent).to.contain('No customers match these filters.');
      await expect(el).to.be.accessible();
    });

    it('sorts by segment in the order given, not by name', async () => {
      const el = await fixture<RapportCustomerTable>(
        html`<rapport-customer-table sort-locally sort-key="segment" sort-direction="asc" .rows=${scored(9)} .segments=${SEGMENTS}></rapport-customer-table>`,
      );
      const csv = el.toCsv().trim().split('\n').slice(1);
      expect(csv.map((line) => line.split(',')[9])).to.deep.equal([
        'Champions', 'Champions', 'Champions', 'At Risk', 'At Risk', 'At Risk', 'Others', 'Others', 'Others',
      ]);
    });

    it('downloads the customers shown as CSV, formulas defused, and says so', async () => {
      const data = scored(4);
      data[0] = { ...data[0]!, customer_id: '=HYPERLINK("http://x","y")' };
      data[1] = { ...data[1]!, customer_id: 'Smith, Jo' };
      const el = await fixture<RapportCustomerTable>(
        html`<rapport-customer-table sort-locally sort-key="customer_id" sort-direction="asc" segment="Champions" .rows=${data} .segments=${SEGMENTS}></rapport-customer-table>`,
      );
      const lines = el.toCsv().trimEnd().split('\n');
      expect(lines[0]).to.equal('customer_id,first_order,last_order,orders,total_spend,recency_days,r_score,f_score,m_score,segment,type');
      // Champions are rows 0 and 3 (i % 3 == 0); the formula id gets an apostrophe and quotes.
      expect(lines).to.have.length(3);
      expect(lines[1]).to.equal('"\'=HYPERLINK(""http://x"",""y"")",2024-01-01,2024-06-01,1,0,0,1,3,5,Champions,active');
      expect(lines[2]!.startsWith('C000003,')).to.equal(true);
      expect(el.exportFileName).to.equal('customers-champions.csv');
      // The button makes a blob download of the same text.
      let clicked: HTMLAnchorElement | null = null;
      const original = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicked = this;
      };
      try {
        const heard = oneEvent(el, 'rapport-export');
        const button = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Download CSV'))!;
        button.click();
        expect((await heard).detail).to.deep.equal({ fileName: 'customers-champions.csv', rows: 2 });
      } finally {
        HTMLAnchorElement.prototype.click = original;
      }
      expect(clicked).to.not.equal(null);
      expect(clicked!.download).to.equal('customers-champions.csv');
      expect(clicked!.href.startsWith('blob:')).to.equal(true);
    });

    it('is accessible with scores and filters', async () => {
      const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table .rows=${scored(20)} .segments=${SEGMENTS}></rapport-customer-table>`);
      await waitUntil(() => el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length > 0);
      await expect(el).to.be.accessible();
    });
  });
});
