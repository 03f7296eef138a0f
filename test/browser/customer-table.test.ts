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
});
