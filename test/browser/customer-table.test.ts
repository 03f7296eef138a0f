import './setup.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/customer-table/rapport-customer-table.js';
import type { RapportCustomerTable } from '../../src/components/customer-table/rapport-customer-table.js';
import type { CustomerRow } from '../../src/data/dataset.js';
import type { LadderPlace } from '../../src/analytics/ladder.js';

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
      expect((await heard).detail).to.deep.equal({ segment: 'At Risk', type: null, rung: null });
      await el.updateComplete;
      expect(el.segment).to.equal('At Risk');
      expect(el.shadowRoot!.querySelector('.count')!.textContent).to.equal('10 of 30 customers');
      heard = oneEvent(el, 'rapport-filter');
      type!.value = 'inactive';
      type!.dispatchEvent(new Event('change'));
      expect((await heard).detail).to.deep.equal({ segment: 'At Risk', type: 'inactive', rung: null });
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
  describe('on the ladder of loyalty', () => {
    const PLACES: readonly LadderPlace[] = ['prospect', 'customer', 'client', 'supporter', 'advocate', 'partner', 'lapsed'];
    const REASON =
      'Bought 3 times, the latest NPS answer was 10 (a promoter), and net spend is in the top 10% of buyers with a first purchase more than a year before the as-of date.';
    /** Row i is on PLACES[i % 7]; with `reasons`, each row says why (a long sentence). */
    function laddered(n: number, reasons = false): CustomerRow[] {
      return rows(n).map((r, i) => ({ ...r, rung: PLACES[i % PLACES.length]!, ...(reasons ? { reason: `${r.customer_id}: ${REASON}` } : {}) }));
    }
    /** Every header's accessible name, sortable (a button) or not. */
    const headerNames = (el: RapportCustomerTable) =>
      [...el.shadowRoot!.querySelectorAll('[role=columnheader]')].map((h) => {
        const b = h.querySelector('button');
        return b ? (b.getAttribute('aria-label') ?? b.textContent!.replace(/[▲▼]/g, '').trim()) : h.textContent!.trim();
      });
    const rendered = (el: RapportCustomerTable) => waitUntil(() => el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length > 0, 'rows render');
    const rungSelect = (el: RapportCustomerTable) =>
      [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.trim().startsWith('Rung'))?.querySelector('select') ?? null;
    const csvColumn = (el: RapportCustomerTable, name: string) => {
      const [head, ...lines] = el.toCsv().trim().split('\n');
      const at = head!.split(',').indexOf(name);
      return lines.map((l) => l.split(',')[at]);
    };

    it('shows the Rung column and filter only once rows carry a place', async () => {
      const plain = await fixture<RapportCustomerTable>(html`<rapport-customer-table .rows=${rows(5)}></rapport-customer-table>`);
      expect(headerNames(plain)).to.not.include('Rung');
      expect(rungSelect(plain)).to.equal(null);
      expect(plain.toCsv().split('\n')[0]).to.equal('customer_id,first_order,last_order,orders,total_spend');

      const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table .rows=${laddered(7)}></rapport-customer-table>`);
      // Rung (and Why) come right after the customer: in a rung's drill-down they are the point.
      expect(headerNames(el)).to.deep.equal(['Customer', 'Rung', 'First order', 'Last order', 'Orders', 'Total spend']);
      await rendered(el);
      // Row 6 (aria-rowindex 7) is on PLACES[5], partner; shown by its label.
      const cells = [...el.shadowRoot!.querySelectorAll('lit-virtualizer [aria-rowindex="7"] [role=cell]')].map((c) => c.textContent!.trim());
      expect(cells[1]).to.equal('Partner');
      const select = rungSelect(el)!;
      expect([...select.options].map((o) => o.value)).to.deep.equal(['', ...PLACES]);
      expect([...select.options].map((o) => o.textContent)).to.deep.equal([
        'All places', 'Prospect', 'Customer', 'Client', 'Supporter', 'Advocate', 'Partner', 'Lapsed',
      ]);
      // No reasons in these rows: no Why column.
      expect(headerNames(el)).to.not.include('Why');
    });

    it('shows the reason as plain text in a wide column that wraps, and the rows still lay out', async () => {
      const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table .rows=${laddered(40, true)}></rapport-customer-table>`);
      expect(headerNames(el).slice(1, 3)).to.deep.equal(['Rung', 'Why']);
      const why = [...el.shadowRoot!.querySelectorAll('[role=columnheader]')][2]!;
      expect(why.querySelector('button')).to.equal(null);
      expect(why.hasAttribute('aria-sort')).to.equal(false);
      await rendered(el);
      const row = el.shadowRoot!.querySelector('lit-virtualizer [aria-rowindex="2"]') as HTMLElement;
      const reason = [...row.querySelectorAll('[role=cell]')][2] as HTMLElement;
      expect(reason.textContent!.trim()).to.equal(`C000000: ${REASON}`);
      expect(getComputedStyle(reason).whiteSpace).to.equal('normal');
      // Wrapped, not cut: several lines tall, nothing hidden sideways, and the row grew with it.
      const lineHeight = parseFloat(getComputedStyle(reason).lineHeight);
      expect(reason.getBoundingClientRect().height).to.be.greaterThan(lineHeight * 1.5);
      expect(reason.scrollWidth).to.be.at.most(reason.clientWidth);
      expect(reason.getBoundingClientRect().width).to.be.at.least(16 * parseFloat(getComputedStyle(document.documentElement).fontSize) - 1);
      // The virtualizer measured the taller rows: the rows in view follow one another without overlap.
      await waitUntil(() => {
        const boxes = [...el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]')]
          .map((r) => ({ i: Number(r.getAttribute('aria-rowindex')), box: r.getBoundingClientRect() }))
          .sort((a, b) => a.i - b.i);
        return boxes.length > 2 && boxes.every((b, k) => k === 0 || b.box.top >= boxes[k - 1]!.box.bottom - 0.5);
      }, 'rows laid out without overlap');
      const first = row.getBoundingClientRect();
      const second = el.shadowRoot!.querySelector('lit-virtualizer [aria-rowindex="3"]')!.getBoundingClientRect();
      expect(first.height).to.be.greaterThan(lineHeight * 1.5);
      expect(second.top).to.be.at.least(first.bottom - 0.5);
      await expect(el).to.be.accessible();
    });

    it('reports a rung filter choice; with sort-locally it filters itself', async () => {
      const el = await fixture<RapportCustomerTable>(
        html`<rapport-customer-table sort-locally .rows=${laddered(28)} .total=${28}></rapport-customer-table>`,
      );
      const select = rungSelect(el)!;
      let heard = oneEvent(el, 'rapport-filter');
      select.value = 'advocate';
      select.dispatchEvent(new Event('change'));
      expect((await heard).detail).to.deep.equal({ segment: null, type: null, rung: 'advocate' });
      await el.updateComplete;
      expect(el.rung).to.equal('advocate');
      expect(el.getAttribute('rung')).to.equal('advocate');
      expect(el.shadowRoot!.querySelector('.count')!.textContent).to.equal('4 of 28 customers');
      expect(csvColumn(el, 'rung')).to.deep.equal(['advocate', 'advocate', 'advocate', 'advocate']);
      expect(el.exportFileName).to.equal('customers-advocate.csv');
      heard = oneEvent(el, 'rapport-filter');
      select.value = '';
      select.dispatchEvent(new Event('change'));
      expect((await heard).detail).to.deep.equal({ segment: null, type: null, rung: null });
      await el.updateComplete;
      expect(el.getAttribute('rung')).to.equal('');
      expect(el.rung).to.equal('');
      expect(el.shadowRoot!.querySelector('.count')!.textContent).to.equal('28 customers');
      // Nobody on the rung: the filters' empty state, and the filter stays to undo it.
      el.rows = laddered(5);
      el.rung = 'lapsed';
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('.empty')!.textContent).to.contain('No customers match these filters.');
      expect(rungSelect(el)!.value).to.equal('lapsed');
      await expect(el).to.be.accessible();
    });

    it('reads an unknown rung as all places, and a set rung shows the column before rows come', async () => {
      const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table rung="gold" .rows=${laddered(7)}></rapport-customer-table>`);
      expect(el.rung).to.equal('');
      const empty = await fixture<RapportCustomerTable>(html`<rapport-customer-table rung="partner"></rapport-customer-table>`);
      expect(headerNames(empty)).to.include('Rung');
      expect(rungSelect(empty)!.value).to.equal('partner');
      expect(empty.shadowRoot!.querySelector('.empty')!.textContent).to.contain('No customers match these filters.');
    });

    it('sorts by rung as the ladder stands: partner first and lapsed last when descending', async () => {
      const data = laddered(14);
      data.push({ ...rows(1)[0]!, customer_id: 'Z-unplaced', rung: null });
      const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table sort-locally .rows=${data}></rapport-customer-table>`);
      const header = [...el.shadowRoot!.querySelectorAll('[role=columnheader]')].find((h) => h.textContent!.includes('Rung'))!;
      const heard = oneEvent(el, 'rapport-sort');
      header.querySelector('button')!.click();
      // The first click sorts descending: the top of the ladder first.
      expect((await heard).detail).to.deep.equal({ key: 'rung', direction: 'desc' });
      await el.updateComplete;
      expect(header.getAttribute('aria-sort')).to.equal('descending');
      const desc = ['partner', 'advocate', 'supporter', 'client', 'customer', 'prospect', 'lapsed'].flatMap((p) => [p, p]);
      expect(csvColumn(el, 'rung')).to.deep.equal([...desc, '']);
      el.sortDirection = 'asc';
      await el.updateComplete;
      // Ascending: lapsed below prospect; a row with no place stays last either way.
      expect(csvColumn(el, 'rung')).to.deep.equal(['lapsed', 'lapsed', ...desc.slice(0, -2).reverse(), '']);
      await rendered(el);
      const first = el.shadowRoot!.querySelector('lit-virtualizer [aria-rowindex="2"]')!;
      expect([...first.querySelectorAll('[role=cell]')][1]!.textContent!.trim()).to.equal('Lapsed');
    });

    it('adds rung and reason to the CSV, and the rung to the file name', async () => {
      const el = await fixture<RapportCustomerTable>(
        html`<rapport-customer-table sort-locally sort-key="customer_id" sort-direction="asc" rung="partner" type="active" .rows=${laddered(14, true)}></rapport-customer-table>`,
      );
      expect(el.exportFileName).to.equal('customers-active-partner.csv');
      el.type = '';
      await el.updateComplete;
      expect(el.exportFileName).to.equal('customers-partner.csv');
      const lines = el.toCsv().trimEnd().split('\n');
      expect(lines[0]).to.equal('customer_id,first_order,last_order,orders,total_spend,rung,reason');
      expect(lines).to.have.length(3);
      // The reason holds commas, so it is quoted.
      expect(lines[1]).to.equal(`C000005,2024-01-01,2024-06-01,6,185,partner,"C000005: ${REASON}"`);
      // Scored and laddered: the score columns come first.
      const both = await fixture<RapportCustomerTable>(
        html`<rapport-customer-table .rows=${laddered(2).map((r) => ({ ...r, segment: 'Champions', type: 'active' as const }))}></rapport-customer-table>`,
      );
      expect(both.toCsv().split('\n')[0]).to.equal(
        'customer_id,first_order,last_order,orders,total_spend,recency_days,r_score,f_score,m_score,segment,type,rung',
      );
    });

    it('is accessible with the ladder columns and filters', async () => {
      const el = await fixture<RapportCustomerTable>(
        html`<rapport-customer-table
          .rows=${laddered(20, true).map((r, i) => ({ ...r, segment: ['Champions', 'Others'][i % 2]!, type: 'active' as const, r_score: 3, f_score: 3, m_score: 3 }))}
          .segments=${['Champions', 'Others']}
        ></rapport-customer-table>`,
      );
      await rendered(el);
      expect(headerNames(el).slice(1, 3)).to.deep.equal(['Rung', 'Why']);
      await expect(el).to.be.accessible();
    });
  });
});
