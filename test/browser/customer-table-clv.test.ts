import './setup.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { parquetReadObjects } from 'hyparquet';
import '../../src/components/customer-table/rapport-customer-table.js';
import type { RapportCustomerTable } from '../../src/components/customer-table/rapport-customer-table.js';
import type { CustomerRow } from '../../src/data/dataset.js';
import { messages } from '../../src/components/customer-table/messages.js';
import { restoreLightScheme } from './setup.js';
import { expectAccessibleLightAndDark, expectFilled, inLanguage, shownText } from './i18n-helpers.js';

/**
 * <rapport-customer-table> with a CLV model's predictions: P(alive) as a percentage, expected
 * purchases to two decimals and CLV as money, sortable, exported, in every language.
 */

/** Customers with predictions; every fifth is a prospect (no prediction: nulls). */
function predicted(n: number): CustomerRow[] {
  return Array.from({ length: n }, (_, i) => {
    const prospect = i % 5 === 4;
    return {
      customer_id: `C${String(i).padStart(4, '0')}`,
      first_order: prospect ? null : '2024-01-01',
      last_order: prospect ? null : '2024-06-01',
      orders: prospect ? 0 : (i % 4) + 1,
      total_spend: prospect ? 0 : 100 + i,
      probability_alive: prospect ? null : ((i * 37) % 100) / 100,
      expected_purchases: prospect ? null : ((i * 53) % 700) / 100,
      clv: prospect ? null : ((i * 7919) % 100_000) / 100,
    };
  });
}

const headers = (el: RapportCustomerTable) => [...el.shadowRoot!.querySelectorAll('[role=columnheader]')].map((h) => h.textContent!.replace(/[▲▼]/g, '').trim());
const header = (el: RapportCustomerTable, text: string) =>
  [...el.shadowRoot!.querySelectorAll('[role=columnheader]')].find((h) => h.textContent!.replace(/[▲▼]/g, '').trim() === text)!;
const cellsOf = (el: RapportCustomerTable, rowIndex: number) =>
  [...el.shadowRoot!.querySelectorAll(`lit-virtualizer [aria-rowindex="${rowIndex}"] [role=cell]`)].map((c) => c.textContent!.trim());

async function rendered(el: RapportCustomerTable) {
  await waitUntil(() => el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length > 0, 'rows render');
}

describe('rapport-customer-table with CLV predictions', () => {
  afterEach(restoreLightScheme);

  it('has no prediction columns without predictions', async () => {
    const el = await fixture<RapportCustomerTable>(
      html`<rapport-customer-table .rows=${predicted(5).map(({ probability_alive: _p, expected_purchases: _e, clv: _c, ...rest }) => rest)}></rapport-customer-table>`,
    );
    expect(headers(el)).to.deep.equal(['Customer', 'First order', 'Last order', 'Orders', 'Total spend']);
    expect(el.toCsv().split('\n')[0]).to.equal('customer_id,first_order,last_order,orders,total_spend');
  });

  it('shows P(alive) as a percentage, expected purchases to two decimals, CLV as money; blanks for prospects', async () => {
    const el = await fixture<RapportCustomerTable>(
      html`<rapport-customer-table locale="en-US" currency="EUR" sort-locally sort-key="customer_id" sort-direction="asc" .rows=${predicted(10)}></rapport-customer-table>`,
    );
    await rendered(el);
    expect(headers(el)).to.deep.equal(['Customer', 'First order', 'Last order', 'Orders', 'Total spend', 'P(alive)', 'Exp. purchases', 'CLV']);
    // Row 2 of the data (C0001): P(alive) 0.37, expected 0.53, CLV 79.19.
    const c1 = cellsOf(el, 3);
    expect(c1.slice(5)).to.deep.equal(['37%', '0.53', '€79.19']);
    // A prospect: dashes.
    expect(cellsOf(el, 6).slice(5)).to.deep.equal(['–', '–', '–']);
    // The short labels carry their full names (the accessible name starts with the visible label).
    const pAlive = header(el, 'P(alive)').querySelector('button')!;
    expect(pAlive.getAttribute('aria-label')).to.equal('P(alive) (probability the customer is still active)');
    expect(header(el, 'CLV').querySelector('button')!.getAttribute('aria-label')).to.equal('CLV (customer lifetime value)');
    await expectAccessibleLightAndDark(el);
  });

  it('sorts by each prediction from its header, highest first, prospects last', async () => {
    const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table sort-locally locale="en-US" .rows=${predicted(20)}></rapport-customer-table>`);
    await rendered(el);
    for (const [label, key] of [['CLV', 'clv'], ['P(alive)', 'probability_alive'], ['Exp. purchases', 'expected_purchases']] as const) {
      const heard = oneEvent(el, 'rapport-sort');
      header(el, label).querySelector('button')!.click();
      expect((await heard).detail).to.deep.equal({ key, direction: 'desc' });
      await el.updateComplete;
      expect(header(el, label).getAttribute('aria-sort')).to.equal('descending');
      // The CSV holds the rows shown, in the order shown.
      const lines = el.toCsv().trimEnd().split('\n');
      const column = lines[0]!.split(',').indexOf(key);
      const values = lines.slice(1).map((l) => l.split(',')[column]!);
      const real = values.filter((v) => v !== '').map(Number);
      expect(real).to.deep.equal([...real].sort((a, b) => b - a));
      expect(values.slice(real.length).every((v) => v === '')).to.equal(true);
      expect(values.slice(real.length)).to.have.length(4);
    }
    // Ascending: the lowest CLV first, prospects still last.
    header(el, 'Exp. purchases').querySelector('button')!.click();
    await el.updateComplete;
    expect(el.sortDirection).to.equal('asc');
    header(el, 'CLV').querySelector('button')!.click();
    header(el, 'CLV').querySelector('button')!.click();
    await el.updateComplete;
    expect(el.sortDirection).to.equal('asc');
    await rendered(el);
    const clvs = predicted(20).flatMap((r) => (r.clv == null ? [] : [r.clv]));
    expect(cellsOf(el, 2)[7]).to.equal(new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Math.min(...clvs)));
  });

  it('exports the three columns as CSV and typed Parquet', async () => {
    const data = predicted(6);
    const el = await fixture<RapportCustomerTable>(html`<rapport-customer-table sort-locally sort-key="customer_id" sort-direction="asc" .rows=${data}></rapport-customer-table>`);
    const [head, ...lines] = el.toCsv().trimEnd().split('\n');
    expect(head).to.equal('customer_id,first_order,last_order,orders,total_spend,probability_alive,expected_purchases,clv');
    expect(lines[1]).to.equal('C0001,2024-01-01,2024-06-01,2,101,0.37,0.53,79.19');
    expect(lines[4]).to.equal('C0004,,,0,0,,,');
    const bytes = await el.toParquet();
    const parquet = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    expect(parquet.map((r) => [r.probability_alive, r.expected_purchases, r.clv])).to.deep.equal(
      data.map((r) => [r.probability_alive ?? null, r.expected_purchases ?? null, r.clv ?? null]),
    );
  });

  for (const lang of ['pt', 'es', 'fr', 'ms'] as const) {
    it(`says the prediction headers in ${lang}, with numbers in its format, axe-clean`, async () => {
      const el = await inLanguage<RapportCustomerTable>(lang, html`<rapport-customer-table currency="EUR" sort-locally sort-key="customer_id" sort-direction="asc" .rows=${predicted(6)}></rapport-customer-table>`);
      await rendered(el);
      const m = messages[lang] as Record<string, string>;
      const shown = headers(el);
      for (const key of ['col.p-alive', 'col.expected-purchases', 'col.clv']) expect(shown, key).to.include(m[key]);
      expect(shown).not.to.include('P(alive)');
      expect(shown).not.to.include('Exp. purchases');
      expect(shownText(el)).to.include(m['col.p-alive.title']);
      // Formatted for the language in force (the table takes its locale from lang); row C0001.
      expect(cellsOf(el, 3).slice(5)).to.deep.equal([
        new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(0.37),
        new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(0.53),
        new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 }).format(79.19),
      ]);
      expectFilled(el);
      await expectAccessibleLightAndDark(el);
    });
  }
});
