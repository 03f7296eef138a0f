import './setup.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/customer-table/rapport-customer-table.js';
import type { RapportCustomerTable } from '../../src/components/customer-table/rapport-customer-table.js';
import type { CustomerPages, CustomerRow } from '../../src/data/dataset.js';
import type { LadderPlace } from '../../src/analytics/ladder.js';
import { tableFromIPC } from 'apache-arrow';
import { parquetReadObjects } from 'hyparquet';
import { restoreLightScheme, useDarkScheme } from './setup.js';
import { expectAccessibleLightAndDark, expectFilled, inLanguage, shownText } from './i18n-helpers.js';

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
    /** The filters (not the file-format select of the download). */
    const selects = (el: RapportCustomerTable) => [...el.shadowRoot!.querySelectorAll('select:not(.format)')] as HTMLSelectElement[];

    it('shows R, F, M, segment and type columns once rows are scored, and filters only then', async () => {
      const plain = await fixture<RapportCustomerTable>(html`<rapport-customer-table .rows=${rows(5)}></rapport-customer-table>`);
      expect(headerNames(plain)).to.deep.equal(['Customer', 'First order', 'Last order', 'Orders', 'Total spend']);
      expect(selects(plain)).to.have.length(0);
      // Out of the page: the next table must be in the viewport for the virtualizer to draw rows.
      plain.remove();
      const el = await fixture<RapportCustomerTable>(
        html`<rapport-customer-table .rows=${scored(6)} .segments=${SEGMENTS}></rapport-customer-table>`,
      );
      expect(headerNames(el)).to.deep.equal([
        'Customer', 'First order', 'Last order', 'Orders', 'Total spend',
        'R (recency score)', 'F (frequency score)', 'M (monetary score)', 'Segment', 'Type',
      ]);
      // Label in name (WCAG 2.5.3): each accessible name starts with the visible text.
      for (const b of el.shadowRoot!.querySelectorAll('[role=columnheader] button')) {
        const visible = b.textContent!.replace(/[▲▼]/g, '').trim();
        expect((b.getAttribute('aria-label') ?? visible).startsWith(visible), visible).to.equal(true);
      }
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
        expect((await heard).detail).to.deep.equal({ fileName: 'customers-champions.csv', rows: 2, format: 'csv' });
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
      plain.remove();

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

describe('rapport-customer-table exports', () => {
  const SEGMENTS = ['Champions', 'At Risk', 'Others'];
  /** Awkward values on purpose: formula starts, quotes, commas, nulls, markup in a segment name. */
  function tricky(): CustomerRow[] {
    const ids = ['=1+2', '+351 912', '-5', '@SUM(A1)', '\tTab', '\rCR', 'Smith, "Jo"', 'C-plain'];
    return ids.map((customer_id, i) => ({
      customer_id,
      first_order: i === 2 ? null : `2024-0${(i % 9) + 1}-1${i % 9}`,
      last_order: i === 2 ? null : '2024-09-30',
      orders: i,
      total_spend: i * 10.25 - 3,
      recency_days: i === 2 ? null : i * 4,
      r_score: i === 2 ? null : (i % 5) + 1,
      f_score: i === 2 ? null : ((i + 1) % 5) + 1,
      m_score: i === 2 ? null : ((i + 2) % 5) + 1,
      segment: i === 2 ? null : i === 7 ? '<img src=x onerror=alert(1)>' : SEGMENTS[i % 3]!,
      type: (['active', 'inactive', 'potential'] as const)[i % 3]!,
    }));
  }
  const sortedById = (data: CustomerRow[]) => [...data].sort((a, b) => (a.customer_id < b.customer_id ? -1 : 1));
  const make = (data = tricky()) =>
    fixture<RapportCustomerTable>(
      html`<rapport-customer-table sort-locally sort-key="customer_id" sort-direction="asc" .rows=${data} .segments=${SEGMENTS}></rapport-customer-table>`,
    );
  const dayMs = (iso: string | null | undefined) => (iso ? Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) : null);
  const COLUMNS = ['customer_id', 'first_order', 'last_order', 'orders', 'total_spend', 'recency_days', 'r_score', 'f_score', 'm_score', 'segment', 'type'] as const;
  const expectedValue = (row: CustomerRow, name: (typeof COLUMNS)[number]) =>
    name === 'first_order' || name === 'last_order' ? dayMs(row[name]) : (row[name] ?? null);

  it('neutralises = + - @ tab and CR at the start of a CSV cell', async () => {
    const el = await make();
    const csv = el.toCsv();
    const cells = sortedById(tricky()).map((r) => r.customer_id);
    // Each id is the first cell of its line; the CSV writer quotes only what needs quoting.
    for (const id of cells) {
      const defused = /^[=+\-@\t\r]/.test(id) ? `'${id}` : id;
      const field = /[",\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
      expect(csv, JSON.stringify(id)).to.include(`\n${field},`);
    }
    expect(csv).to.not.match(/\n[=+\-@\t\r]/);
    expect(csv).to.not.match(/,[=+@\t]/);
    // Negative money stays a number (only text is defused).
    expect(csv).to.include(',-3,');
  });

  it('round-trips every row shown through Arrow IPC and Parquet, typed', async () => {
    const el = await make();
    const expected = sortedById(tricky());
    const table = tableFromIPC(await el.toArrow());
    expect(table.numRows).to.equal(expected.length);
    expect(table.schema.fields.map((f) => f.name)).to.deep.equal([...COLUMNS]);
    expect(String(table.schema.fields[1]!.type)).to.equal('Date32<DAY>');
    expect(String(table.schema.fields[3]!.type)).to.equal('Int32');
    expect(String(table.schema.fields[4]!.type)).to.equal('Float64');
    expect(String(table.schema.fields[6]!.type)).to.equal('Int32');
    const bytes = await el.toParquet();
    const parquet = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    expect(parquet).to.have.length(expected.length);
    expected.forEach((row, i) => {
      for (const name of COLUMNS) {
        const fromArrow = table.getChild(name)!.get(i) as unknown;
        const fromParquet = parquet[i]![name] as unknown;
        const want = expectedValue(row, name);
        expect(fromArrow instanceof Date ? fromArrow.getTime() : fromArrow, `arrow ${name} ${i}`).to.equal(want);
        expect(fromParquet instanceof Date ? fromParquet.getTime() : fromParquet, `parquet ${name} ${i}`).to.equal(want);
      }
    });
    // Filtered: only the rows shown go out.
    el.segment = 'Champions';
    await el.updateComplete;
    expect(tableFromIPC(await el.toArrow()).numRows).to.equal(tricky().filter((r) => r.segment === 'Champions').length);
  });

  it('downloads the chosen format with a safe file name and says so', async () => {
    const el = await make();
    el.segment = 'A/B "VIP" \\ <x>';
    await el.updateComplete;
    let clicked: HTMLAnchorElement | null = null;
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked = this;
    };
    try {
      const format = el.shadowRoot!.querySelector<HTMLSelectElement>('select.format')!;
      expect([...format.options].map((o) => o.value)).to.deep.equal(['csv', 'parquet', 'arrow']);
      format.value = 'parquet';
      format.dispatchEvent(new Event('change'));
      await el.updateComplete;
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('.download-button')!;
      expect(button.textContent!.trim()).to.equal('Download Parquet');
      // Nobody matches that segment: the button is off. Back to all segments.
      expect(button.disabled).to.equal(true);
      el.segment = '';
      await el.updateComplete;
      expect(el.exportFileName).to.equal('customers.parquet');
      // A first page of a list still being read: the button waits for the whole list.
      expect(button.disabled).to.equal(false);
      el.partial = true;
      await el.updateComplete;
      expect(button.disabled).to.equal(true);
      el.partial = false;
      await el.updateComplete;
      expect(button.disabled).to.equal(false);
      el.type = 'active';
      el.segment = 'A/B "VIP"';
      el.rows = tricky().map((r) => ({ ...r, segment: 'A/B "VIP"' }));
      await el.updateComplete;
      expect(el.exportFileName).to.equal('customers-a-b-vip-active.parquet');
      let heard = oneEvent(el, 'rapport-export');
      button.click();
      expect((await heard).detail).to.deep.equal({ fileName: 'customers-a-b-vip-active.parquet', rows: 3, format: 'parquet' });
      expect(clicked!.download).to.equal('customers-a-b-vip-active.parquet');
      el.exportFormat = 'arrow';
      await el.updateComplete;
      heard = oneEvent(el, 'rapport-export');
      button.click();
      expect((await heard).detail).to.deep.equal({ fileName: 'customers-a-b-vip-active.arrow', rows: 3, format: 'arrow' });
      const blob = await el.exportBlob('arrow');
      expect(blob.type).to.equal('application/vnd.apache.arrow.file');
      expect(tableFromIPC(new Uint8Array(await blob.arrayBuffer())).numRows).to.equal(3);
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(el.fileNameFor('csv')).to.equal('customers-a-b-vip-active.csv');
  });
});

describe('rapport-customer-table rows open a customer', () => {
  afterEach(restoreLightScheme);
  const rendered = (el: RapportCustomerTable) => waitUntil(() => el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length > 0, 'rows render');
  const rowAt = (el: RapportCustomerTable, i: number) => el.shadowRoot!.querySelector<HTMLElement>(`lit-virtualizer [data-index="${i}"]`);

  it('emits rapport-customer-select on a click', async () => {
    const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table .rows=${rows(20)}></rapport-customer-table>`);
    await rendered(el);
    const heard = oneEvent(el, 'rapport-customer-select');
    rowAt(el, 3)!.querySelector<HTMLElement>('[role=cell]')!.click();
    const ev = await heard;
    expect(ev.detail).to.deep.equal({ customerId: 'C000003' });
    expect(ev.bubbles && ev.composed).to.equal(true);
  });

  it('is reached with Tab, moved with the arrows, Home and End (virtualised), and opened with Enter; the focus ring shows', async () => {
    const el = await fixture<RapportCustomerTable>(html`<div>
      <button id="before">before</button><rapport-customer-table .rows=${rows(2000)}></rapport-customer-table>
    </div>`).then((d) => d.querySelector('rapport-customer-table')!);
    await rendered(el);
    // Exactly one row is a Tab stop.
    expect(el.shadowRoot!.querySelectorAll('lit-virtualizer [tabindex="0"]')).to.have.length(1);
    (el.parentElement!.querySelector('#before') as HTMLButtonElement).focus();
    // Tab: the toolbar controls (format select, download button), the sortable headers, then the row.
    const headers = el.shadowRoot!.querySelectorAll('[role=columnheader] button').length;
    for (let k = 0; k < 2 + headers + 1; k++) await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(rowAt(el, 0));
    const ring = getComputedStyle(rowAt(el, 0)!);
    expect(ring.outlineStyle).to.equal('solid');
    expect(parseFloat(ring.outlineWidth)).to.be.at.least(2);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => el.shadowRoot!.activeElement === rowAt(el, 2), 'row 3 focused');
    let heard = oneEvent(el, 'rapport-customer-select');
    await sendKeys({ press: 'Enter' });
    expect((await heard).detail).to.deep.equal({ customerId: 'C000002' });
    await sendKeys({ press: 'End' });
    await waitUntil(() => el.shadowRoot!.activeElement === rowAt(el, 1999), 'last row focused', { timeout: 5000 });
    expect(el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length).to.be.lessThan(200);
    expect(rowAt(el, 1999)!.getAttribute('tabindex')).to.equal('0');
    heard = oneEvent(el, 'rapport-customer-select');
    await sendKeys({ press: 'Enter' });
    expect((await heard).detail).to.deep.equal({ customerId: 'C001999' });
    await sendKeys({ press: 'Home' });
    await waitUntil(() => el.shadowRoot!.activeElement === rowAt(el, 0), 'first row focused', { timeout: 5000 });
    await sendKeys({ press: 'PageDown' });
    await waitUntil(() => el.shadowRoot!.activeElement === rowAt(el, 10), 'row 11 focused');
    await expect(el).to.be.accessible();
    await useDarkScheme();
    await expect(el).to.be.accessible();
  });

  it('opens a focused row with Space too, without scrolling the page', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <rapport-customer-table .rows=${rows(50)}></rapport-customer-table>
      <div style="height: 300vh"></div>
    </div>`);
    const el = wrapper.querySelector('rapport-customer-table')!;
    await rendered(el);
    window.scrollTo(0, 0);
    rowAt(el, 1)!.focus();
    const heard = oneEvent(el, 'rapport-customer-select');
    await sendKeys({ press: 'Space' });
    expect((await heard).detail).to.deep.equal({ customerId: 'C000001' });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(window.scrollY).to.equal(0);
    expect(el.shadowRoot!.activeElement).to.equal(rowAt(el, 1));
  });

  it('describes each row by the open hint, so it is heard when the row takes focus', async () => {
    const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table .rows=${rows(20)}></rapport-customer-table>`);
    await rendered(el);
    expect(el.shadowRoot!.querySelector('[role=rowgroup]')!.hasAttribute('aria-describedby')).to.equal(false);
    const drawn = [...el.shadowRoot!.querySelectorAll<HTMLElement>('lit-virtualizer [role=row]')];
    expect(drawn.length).to.be.greaterThan(0);
    for (const row of drawn) expect(row.getAttribute('aria-describedby')).to.equal('open-hint');
    expect(el.shadowRoot!.getElementById('open-hint')!.textContent).to.equal('Enter, Space or a click opens the customer’s details');
  });

  it('focusCustomer scrolls a virtualised row into view and focuses it; false for an unknown id', async () => {
    const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table .rows=${rows(2000)}></rapport-customer-table>`);
    await rendered(el);
    expect(await el.focusCustomer('C001500')).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(rowAt(el, 1500));
    expect(rowAt(el, 1500)!.getAttribute('tabindex')).to.equal('0');
    expect(el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length).to.be.lessThan(200);
    expect(await el.focusCustomer('nobody')).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(rowAt(el, 1500));
    // Right after new rows are set: the row is found in them.
    el.rows = rows(300);
    expect(await el.focusCustomer('C000250')).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(rowAt(el, 250));
    // A row hidden by a local filter is not shown: false.
    el.remove();
    const filtered = await fixture<RapportCustomerTable>(
      html`<rapport-customer-table sort-locally type="active" .rows=${rows(5).map((r, i) => ({ ...r, segment: 'Others', type: i === 0 ? ('active' as const) : ('inactive' as const) }))}></rapport-customer-table>`,
    );
    expect(await filtered.focusCustomer('C000003')).to.equal(false);
    expect(await filtered.focusCustomer('C000000')).to.equal(true);
  });

  it('keeps a Tab stop in view after scrolling away from it', async () => {
    const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table .rows=${rows(5000)}></rapport-customer-table>`);
    await rendered(el);
    const scroller = el.shadowRoot!.querySelector('lit-virtualizer') as unknown as { element(i: number): { scrollIntoView(o?: object): void } | undefined };
    scroller.element(3000)!.scrollIntoView({ block: 'start' });
    await waitUntil(() => rowAt(el, 3000) !== null, 'scrolled', { timeout: 5000 });
    await waitUntil(() => el.shadowRoot!.querySelectorAll('lit-virtualizer [tabindex="0"]').length === 1, 'a row in view is the Tab stop', { timeout: 5000 });
    const stop = Number(el.shadowRoot!.querySelector<HTMLElement>('lit-virtualizer [tabindex="0"]')!.dataset.index);
    expect(stop).to.be.greaterThan(2900);
  });
});

describe('rapport-customer-table in other languages', () => {
  afterEach(restoreLightScheme);
  const data: CustomerRow[] = rows(3).map((r, i) => ({
    ...r,
    total_spend: 1234.5 + i,
    r_score: 5,
    f_score: 4,
    m_score: 3,
    recency_days: 10,
    segment: ['Champions', 'At Risk', 'Equipa própria'][i]!,
    type: 'active' as const,
    rung: (['client', 'lapsed', 'partner'] as const)[i]!,
  }));
  const inLang = async (lang: string) => {
    const el = await inLanguage<RapportCustomerTable>(
      lang,
      html`<rapport-customer-table currency="EUR" sort-locally .total=${10} .rows=${data} .segments=${['Champions', 'At Risk']}></rapport-customer-table>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length > 0, 'rows render');
    return el;
  };

  it('speaks Portuguese: headers, filters, count, buttons, types, rungs, preset segments; numbers and dates in pt', async () => {
    const el = await inLang('pt');
    const all = shownText(el);
    for (const s of ['Cliente', 'Degrau', 'Encomendas', 'Gasto total', 'Todos os segmentos', 'Todos os tipos', '3 de 10 clientes', 'Descarregar CSV', 'Ativo', 'Campeões', 'Em risco', 'Afastado', 'Parceiro', 'R (pontuação de recência)', 'Formato do ficheiro']) {
      expect(all, s).to.include(s);
    }
    // A team's own segment name stays as written.
    expect(all).to.include('Equipa própria');
    const cells = [...el.shadowRoot!.querySelectorAll('lit-virtualizer [aria-rowindex="2"] [role=cell]')].map((c) => c.textContent!.trim());
    expect(cells).to.include(new Intl.DateTimeFormat('pt', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1)));
    expect(cells).to.include(new Intl.NumberFormat('pt', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 }).format(1236.5));
    expectFilled(el);
    // Sorting is announced in the language.
    const orders = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role=columnheader] button')].find((b) => b.textContent!.includes('Encomendas'))!;
    orders.click();
    await el.updateComplete;
    expect(shownText(el)).to.include('Ordenado por Encomendas, descendente');
    await expectAccessibleLightAndDark(el);
  });

  it('counts "n of total" with the noun agreeing with what it counts (fr, en, pt)', async () => {
    const count = async (lang: string) => {
      const el = await inLanguage<RapportCustomerTable>(lang, html`<rapport-customer-table .total=${5000} .rows=${rows(1)}></rapport-customer-table>`);
      return el.shadowRoot!.querySelector('.count')!.textContent!;
    };
    const n = (lang: string) => new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(5000);
    expect(await count('fr')).to.equal(`1 sur ${n('fr')} clients`);
    expect(await count('en')).to.equal(`1 of ${n('en')} customers`);
    expect(await count('pt')).to.equal(`1 de ${n('pt')} clientes`);
    expect(await count('es')).to.equal(`1 de ${n('es')} clientes`);
    expect(await count('ms')).to.equal(`1 daripada ${n('ms')} pelanggan`);
  });

  it('announces a sort in the language in force, also after the language changes', async () => {
    const el = await inLang('en');
    const status = () => el.shadowRoot!.querySelectorAll('[role=status]')[1]!.textContent!.trim();
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role=columnheader] button')].find((b) => b.textContent!.includes('Orders'))!.click();
    await el.updateComplete;
    expect(status()).to.equal('Sorted by Orders, descending');
    el.parentElement!.setAttribute('lang', 'fr');
    await waitUntil(() => status() === 'Trié par Commandes, ordre décroissant', 'announcement in French');
  });

  it('shows order dates as numeric short dates that fit (pt, fr), the full date as the tooltip', async () => {
    for (const lang of ['pt', 'fr']) {
      const el = await inLang(lang);
      const row = el.shadowRoot!.querySelector('lit-virtualizer [aria-rowindex="2"]')!;
      const header = [...el.shadowRoot!.querySelectorAll('[role=columnheader]')];
      const at = header.findIndex((h) => h.textContent!.includes(lang === 'pt' ? 'Primeira encomenda' : 'Première commande'));
      const first = row.querySelectorAll<HTMLElement>('[role=cell]')[at]!;
      const day = Date.UTC(2024, 0, 1);
      expect(first.textContent).to.equal(new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(day));
      expect(first.title).to.equal(new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(day));
      // Not cut short by an ellipsis.
      expect(first.scrollWidth).to.be.at.most(first.clientWidth);
      el.parentElement!.remove();
    }
  });

  it('speaks Malay', async () => {
    const el = await inLang('ms');
    const all = shownText(el);
    for (const s of ['Pelanggan', 'Pesanan', 'Jumlah perbelanjaan', 'Semua segmen', '3 daripada 10 pelanggan', 'Muat turun CSV', 'Aktif', 'Juara', 'Berisiko', 'Rakan kongsi']) {
      expect(all, s).to.include(s);
    }
    const cells = [...el.shadowRoot!.querySelectorAll('lit-virtualizer [aria-rowindex="2"] [role=cell]')].map((c) => c.textContent!.trim());
    expect(cells).to.include(new Intl.DateTimeFormat('ms', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1)));
    expectFilled(el);
    await expect(el).to.be.accessible();
  });
});

/**
 * A list kept elsewhere (in the dashboard: in the engine) and read by pages: the table holds a
 * place for every customer and reads only the pages in view. This source answers from memory,
 * counts what it was asked, and can hold its answers back until released.
 */
class FakePages implements CustomerPages {
  readonly asked: [number, number][] = [];
  allReads = 0;
  places = 0;
  current = true;
  private held: (() => void)[] | null = null;
  constructor(
    private readonly list: CustomerRow[],
    readonly shape: CustomerPages['shape'] = { scored: false, laddered: false, reasoned: false, predicted: false },
  ) {}
  get total() {
    return this.list.length;
  }
  hold() {
    this.held = [];
  }
  release() {
    const held = this.held ?? [];
    this.held = null;
    for (const go of held) go();
  }
  private answer<T>(value: () => T): Promise<T> {
    if (!this.held) return Promise.resolve(value());
    return new Promise((resolve) => this.held!.push(() => resolve(value())));
  }
  rows(offset: number, limit: number) {
    this.asked.push([offset, limit]);
    return this.answer(() => this.list.slice(offset, offset + limit));
  }
  all() {
    this.allReads++;
    return this.answer(() => [...this.list]);
  }
  indexOf(customerId: string) {
    this.places++;
    return this.answer(() => this.list.findIndex((r) => r.customer_id === customerId));
  }
}

describe('rapport-customer-table reading its customers by pages (source)', () => {
  const drawnRows = (el: RapportCustomerTable) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('lit-virtualizer [role=row]')];
  const pageRow = (el: RapportCustomerTable, i: number) => el.shadowRoot!.querySelector<HTMLElement>(`lit-virtualizer [data-index="${i}"]`);

  it('holds a place for each of 100,000 customers and reads only the pages in view, rows blank and busy until their page arrives', async () => {
    const source = new FakePages(rows(100_000));
    source.hold();
    const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table .source=${source} .rows=${rows(3)}></rapport-customer-table>`);
    await waitUntil(() => drawnRows(el).length > 5, 'places drawn');
    // The source wins over rows: a place for everyone, each blank and busy while its page is read.
    expect(el.shadowRoot!.querySelector('[role=table]')!.getAttribute('aria-rowcount')).to.equal('100001');
    expect(el.shadowRoot!.querySelector('[part~=count]')!.textContent).to.include('100,000');
    // Busy rows are not described as opening a customer: there is none yet to open.
    expect(drawnRows(el).every((r) => r.getAttribute('aria-busy') === 'true' && r.textContent!.trim() === '' && !r.hasAttribute('aria-describedby'))).to.equal(true);
    await expect(el).to.be.accessible();
    source.release();
    await waitUntil(() => pageRow(el, 0)?.textContent!.includes('C000000'), 'the first page shown');
    expect(pageRow(el, 0)!.hasAttribute('aria-busy')).to.equal(false);
    // Only the first pages: the rows in view and one page past them, in one request.
    expect(source.asked).to.deep.equal([[0, 400]]);
    expect(source.allReads).to.equal(0);
    // Scrolled to the end: the last page is read, and the last customer shown.
    const scroller = el.shadowRoot!.querySelector('lit-virtualizer') as unknown as { element(i: number): { scrollIntoView(o?: object): void } | undefined };
    scroller.element(99_999)!.scrollIntoView({ block: 'end' });
    await waitUntil(() => el.shadowRoot!.textContent!.includes('C099999'), 'last row after scrolling', { timeout: 5000 });
    expect(source.asked.some(([offset, limit]) => offset <= 99_999 && offset + limit >= 100_000)).to.equal(true);
    // Every row asked once at most: the requests do not overlap.
    const asked = source.asked.flatMap(([offset, limit]) => Array.from({ length: Math.min(limit, 100_000 - offset) }, (_, i) => offset + i));
    expect(new Set(asked).size).to.equal(asked.length);
    expect(source.asked.reduce((n, [, limit]) => n + limit, 0)).to.be.lessThan(2_000);
    expect(drawnRows(el).length).to.be.lessThan(200);
    await expect(el).to.be.accessible();
  });

  it('moves the focus to rows not read yet (End), opens a row once read, and focusCustomer finds a customer by asking the source', async () => {
    const source = new FakePages(rows(5_000));
    const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table .source=${source}></rapport-customer-table>`);
    await waitUntil(() => pageRow(el, 0)?.textContent!.includes('C000000'), 'first page');
    // A row already read is found without asking the source (which waits for the engine's turn).
    expect(await el.focusCustomer('C000003')).to.equal(true);
    expect(source.places).to.equal(0);
    pageRow(el, 0)!.focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => el.shadowRoot!.activeElement === pageRow(el, 4_999) && pageRow(el, 4_999)!.textContent!.includes('C004999'), 'last row focused and read', { timeout: 5000 });
    const heard = oneEvent(el, 'rapport-customer-select');
    await sendKeys({ press: 'Enter' });
    expect((await heard).detail).to.deep.equal({ customerId: 'C004999' });
    expect(await el.focusCustomer('C002345')).to.equal(true);
    expect(source.places).to.equal(1);
    await waitUntil(() => el.shadowRoot!.activeElement === pageRow(el, 2_345) && pageRow(el, 2_345)!.textContent!.includes('C002345'), 'row 2,346 focused and read', { timeout: 5000 });
    expect(await el.focusCustomer('nobody')).to.equal(false);
  });

  it('shows the columns the source says the list has, and exports the whole list, read when asked', async () => {
    const scored = rows(1_000).map((r, i) => ({ ...r, recency_days: i % 90, r_score: 1 + (i % 5), f_score: 1 + (i % 3), m_score: 1 + (i % 4), segment: 'Champions', type: 'active' as const }));
    const source = new FakePages(scored, { scored: true, laddered: false, reasoned: false, predicted: false });
    const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table .source=${source}></rapport-customer-table>`);
    await waitUntil(() => pageRow(el, 0)?.textContent!.includes('Champions'), 'first page, scored');
    const headers = [...el.shadowRoot!.querySelectorAll('[role=columnheader]')].map((h) => h.textContent!.trim());
    expect(headers).to.include('Segment');
    expect(() => el.toCsv()).to.throw(/exportBlob\(\) or shownRows\(\)/);
    const csv = await (await el.exportBlob('csv')).text();
    expect(csv.trimEnd().split('\n')).to.have.length(1_001);
    expect(csv.split('\n')[0]).to.include('segment');
    expect(source.allReads).to.equal(1);
    const heard = oneEvent(el, 'rapport-export');
    el.shadowRoot!.querySelector<HTMLButtonElement>('.download-button')!.click();
    expect((await heard).detail).to.include({ rows: 1_000, format: 'csv' });
    expect((await el.shownRows()).map((r) => r.customer_id)).to.deep.equal(scored.map((r) => r.customer_id));
  });

  it('a new source replaces the old: a page of the old one arriving late is dropped', async () => {
    const old = new FakePages(rows(500).map((r) => ({ ...r, customer_id: `OLD-${r.customer_id}` })));
    old.hold();
    const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table .source=${old}></rapport-customer-table>`);
    await waitUntil(() => drawnRows(el).length > 5, 'places drawn');
    const next = new FakePages(rows(40));
    el.source = next;
    await waitUntil(() => pageRow(el, 0)?.textContent!.includes('C000000'), 'the new list');
    old.release();
    await new Promise((r) => setTimeout(r, 100));
    expect(el.shadowRoot!.textContent).not.to.include('OLD-');
    expect(el.shadowRoot!.querySelector('[role=table]')!.getAttribute('aria-rowcount')).to.equal('41');
    // Back to plain rows once the source goes.
    el.source = null;
    el.rows = rows(7);
    await waitUntil(() => el.shadowRoot!.querySelector('[role=table]')!.getAttribute('aria-rowcount') === '8', 'rows again');
  });
});
