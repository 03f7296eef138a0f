import { restoreLightScheme, useDarkScheme } from './setup.js';
import { expectAccessibleLightAndDark, expectFilled, inLanguage, shownText } from './i18n-helpers.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/customer-detail/rapport-customer-detail.js';
import type { RapportCustomerDetail } from '../../src/components/customer-detail/rapport-customer-detail.js';
import type { CustomerDetail, CustomerOrder } from '../../src/analytics/customer-detail.js';

const order = (order_id: string, order_date: string, amount: number, channel: string | null = 'web'): CustomerOrder => ({
  order_id,
  order_date,
  amount,
  quantity: null,
  channel,
  status: null,
  margin: null,
  is_return: amount < 0,
});

const HTML_TEXT = '<img src=x onerror="alert(1)"> late & "broken"';

/** Ana: three purchases and a return, scored Champions, a supporter, two feedback answers. */
function detail(overrides: Partial<CustomerDetail> = {}): CustomerDetail {
  return {
    customer: {
      customer_id: 'C-042',
      name: 'Ana Silva',
      listed: true,
      signup_date: '2024-01-15',
      first_order: '2024-02-10',
      last_order: '2024-11-20',
      orders: 3,
      returns: 1,
      revenue: 1234.5,
      margin: 300,
      recency_days: 12,
      r_score: 5,
      f_score: 4,
      m_score: 3,
      segment: 'Champions',
      segment_index: 2,
      type: 'active',
      rung: 'supporter',
      reason: 'bought 3 times; NPS 9 on 2024-12-05',
    },
    analysisDate: '2024-12-02',
    bins: 5,
    orders: [order('1001', '2024-02-10', 500), order('1002', '2024-06-01', 600.5), order('C1003', '2024-06-20', -66), order('1004', '2024-11-20', 200)],
    months: [
      { month: '2024-02', orders: 1, returns: 0, amount: 500 },
      { month: '2024-06', orders: 1, returns: 1, amount: 534.5 },
      { month: '2024-11', orders: 1, returns: 0, amount: 200 },
    ],
    feedback: [
      {
        feedback_date: '2024-12-10',
        kind: 'complaint',
        score: null,
        scale_min: null,
        scale_max: null,
        text: HTML_TEXT,
        category: 'delivery',
        channel: 'phone',
        answered: true,
        answered_date: '2024-12-12',
      },
      {
        feedback_date: '2024-12-05',
        kind: 'nps',
        score: 9,
        scale_min: 0,
        scale_max: 10,
        text: 'Good service',
        category: null,
        channel: 'email',
        answered: null,
        answered_date: null,
      },
    ],
    ...overrides,
  };
}

/** A prospect from the customer list: no orders, no feedback, before any scoring. */
function prospect(): CustomerDetail {
  return {
    customer: {
      customer_id: 'P-7',
      name: null,
      listed: true,
      signup_date: null,
      first_order: null,
      last_order: null,
      orders: 0,
      returns: 0,
      revenue: 0,
      margin: null,
      recency_days: null,
      r_score: null,
      f_score: null,
      m_score: null,
      segment: null,
      segment_index: null,
      type: 'potential',
      rung: 'prospect',
      reason: 'no purchase yet',
    },
    analysisDate: '2024-12-02',
    bins: null,
    orders: [],
    months: [],
    feedback: [],
  };
}

const make = (d: CustomerDetail | null = detail()) =>
  fixture<RapportCustomerDetail>(html`<rapport-customer-detail locale="en-US" currency="EUR" .detail=${d}></rapport-customer-detail>`);
const $ = (el: Element, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel)!;
const $$ = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const textOf = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('rapport-customer-detail', () => {
  afterEach(restoreLightScheme);

  it('shows the header: name, id, segment chip in its colour, type, rung and the reason', async () => {
    const el = await make();
    expect($(el, '[part="title"]').textContent!.trim()).to.equal('Ana Silva');
    const text = textOf(el);
    expect(text).to.include('Customer ID: C-042');
    expect(text).to.include('Signed up Jan 15, 2024');
    const chip = $(el, '[part~="segment"]');
    expect(chip.textContent).to.include('Champions');
    expect(chip.style.getPropertyValue('--_chip')).to.equal('var(--_segment-3)');
    expect($(el, '[part~="type"]').textContent).to.include('Active');
    expect($(el, '[part~="rung"]').textContent).to.include('Supporter');
    expect($(el, '[part="reason"]').textContent).to.include('bought 3 times; NPS 9 on 2024-12-05');
    expect(text).to.include('As of Dec 2, 2024');
  });

  it('a segment-index property overrides the detail’s colour index', async () => {
    const el = await fixture<RapportCustomerDetail>(
      html`<rapport-customer-detail locale="en-US" segment-index="0" .detail=${detail()}></rapport-customer-detail>`,
    );
    expect($(el, '[part~="segment"]').style.getPropertyValue('--_chip')).to.equal('var(--_segment-1)');
  });

  it('shows the figures and scores, money in the currency', async () => {
    const el = await make();
    const figures = Object.fromEntries($$(el, '[part="figure"]').map((f) => [f.querySelector('dt')!.textContent!.trim(), f.querySelector('dd')!.textContent!.trim()]));
    expect(figures).to.deep.equal({
      'First order': 'Feb 10, 2024',
      'Last order': 'Nov 20, 2024',
      Orders: '3',
      Returns: '1',
      'Net revenue': '€1,234.50',
      Margin: '€300.00',
      'Since last order': '12 days',
      'Recency score': '5 of 5',
      'Frequency score': '4 of 5',
      'Monetary score': '3 of 5',
    });
  });

  it('draws one labelled mark per order, returns below the axis, and a table one click away', async () => {
    const el = await make();
    const marks = $$(el, 'svg [part~="mark"]');
    expect(marks).to.have.length(4);
    expect(marks.every((m) => m.getAttribute('role') === 'img')).to.equal(true);
    expect(marks[0]!.getAttribute('aria-label')).to.equal('Order 1001, Feb 10, 2024: €500.00');
    const ret = $(el, 'svg [part~="return"]');
    expect(ret.getAttribute('aria-label')).to.equal('Return C1003, Jun 20, 2024: -€66.00');
    const axisY = Number($(el, '[part="axis"]').getAttribute('y1'));
    expect(Number(ret.getAttribute('y'))).to.be.closeTo(axisY, 1e-6);
    expect(Number(marks[0]!.getAttribute('y')) + Number(marks[0]!.getAttribute('height'))).to.be.closeTo(axisY, 1e-6);
    expect($$(el, '[part="axis-label"]').some((t) => t.textContent === 'Jun 2024')).to.equal(true);
    expect($$(el, '[part="legend-item"]').map((l) => l.textContent!.trim())).to.deep.equal(['Purchase', 'Return', 'Analysis date (Dec 2, 2024)']);

    const toggle = $(el, '[part="toggle"]');
    expect(toggle.textContent!.trim()).to.equal('Show as table');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('svg')).to.equal(null);
    expect($(el, '[part="toggle"]').textContent!.trim()).to.equal('Show as chart');
    const rows = $$(el, 'table[data-table="orders"] tbody tr');
    expect(rows.map((r) => [...r.children].map((c) => c.textContent!.trim()))).to.deep.equal([
      ['Feb 10, 2024', '1001', '€500.00', 'web'],
      ['Jun 1, 2024', '1002', '€600.50', 'web'],
      ['Jun 20, 2024', 'C1003 (return)', '-€66.00', 'web'],
      ['Nov 20, 2024', '1004', '€200.00', 'web'],
    ]);
    const months = $$(el, 'table[data-table="months"] tbody tr').map((r) => [...r.children].map((c) => c.textContent!.trim()));
    expect(months[1]).to.deep.equal(['Jun 2024', '1', '1', '€534.50']);
    await expect(el).to.be.accessible();
  });

  it('lists the feedback as text, never as HTML', async () => {
    const el = await make();
    const items = $$(el, '[part="feedback-item"]');
    expect(items).to.have.length(2);
    expect(items[0]!.querySelector('img')).to.equal(null);
    expect(items[0]!.querySelector('p')!.textContent).to.equal(HTML_TEXT);
    expect(items[0]!.textContent).to.include('Complaint');
    expect(items[0]!.textContent).to.include('Category: delivery');
    expect(items[0]!.textContent).to.include('Answered Dec 12, 2024');
    expect(items[1]!.textContent).to.include('NPS');
    expect(items[1]!.textContent).to.include('Score 9 of 10');
  });

  it('shows the empty states: a prospect with no orders and no feedback, and no customer at all', async () => {
    const el = await make(prospect());
    expect($(el, '[part="title"]').textContent!.trim()).to.equal('P-7');
    const text = textOf(el);
    expect(text).to.include('No orders yet: a prospect who has not bought.');
    expect(text).to.include('No feedback from this customer.');
    expect(text).to.include('Prospect');
    expect(text).to.include('no purchase yet');
    expect(text).to.include('Potential');
    expect(el.shadowRoot!.querySelector('svg')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="toggle"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="segment"]')).to.equal(null);
    await expect(el).to.be.accessible();
    const none = await make(null);
    expect(textOf(none)).to.include('Choose a customer to see their history.');
  });

  it('says when the customer is not scored yet', async () => {
    const d = detail({ bins: null });
    d.customer = { ...d.customer, r_score: null, f_score: null, m_score: null, segment: null, segment_index: null, recency_days: null, type: null, rung: null, reason: null };
    const el = await make(d);
    expect(textOf(el)).to.include('Not scored yet');
    expect(el.shadowRoot!.querySelector('[part="reason"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.chips')).to.equal(null);
  });

  it('keyboard: Tab reaches the close button then the table toggle; Enter on close and Escape emit close', async () => {
    const el = await make();
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part~="close"]'));
    let heard = oneEvent(el, 'rapport-customer-close');
    await sendKeys({ press: 'Enter' });
    expect((await heard).detail).to.deep.equal({ customerId: 'C-042' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="toggle"]'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('table')).to.not.equal(null);
    heard = oneEvent(el, 'rapport-customer-close');
    await sendKeys({ press: 'Escape' });
    expect((await heard).detail.customerId).to.equal('C-042');
    expect($(el, '[part~="close"]').getAttribute('aria-label')).to.equal('Close the details of Ana Silva');
  });

  it('focus() right after a detail is set focuses its close button once rendered; the empty state takes focus too', async () => {
    const el = await make(null);
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="empty"]'));
    el.detail = detail();
    el.focus();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part~="close"]'));
    el.detail = null;
    el.focus();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="empty"]'));
  });

  it('opens another customer’s history as a chart, whatever view the previous one was left in', async () => {
    const el = await make();
    $(el, '[part="toggle"]').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('table')).to.not.equal(null);
    el.detail = detail(); // the same customer again (e.g. refreshed): the view stays
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('table')).to.not.equal(null);
    const other = detail();
    el.detail = { ...other, customer: { ...other.customer, customer_id: 'C-043', name: 'Rui Costa' } };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('table')).to.equal(null);
    expect(el.shadowRoot!.querySelector('svg [part~="mark"]')).to.not.equal(null);
    expect($(el, '[part="toggle"]').getAttribute('aria-expanded')).to.equal('false');
  });

  it('is accessible in light and dark', async () => {
    const el = await make();
    await expect(el).to.be.accessible();
    await useDarkScheme();
    await el.updateComplete;
    const bg = getComputedStyle($(el, '[part="card"]')).backgroundColor;
    expect(bg).to.equal('rgb(22, 27, 34)');
    await expect(el).to.be.accessible();
    const p = await make(prospect());
    await expect(p).to.be.accessible();
  });
});

describe('rapport-customer-detail in other languages', () => {
  afterEach(restoreLightScheme);
  const inLang = (lang: string, d: CustomerDetail = detail()) =>
    inLanguage<RapportCustomerDetail>(lang, html`<rapport-customer-detail currency="EUR" .detail=${d}></rapport-customer-detail>`);

  it('speaks Portuguese inside lang="pt": words, segment, rung, numbers and dates', async () => {
    const el = await inLang('pt');
    const text = shownText(el);
    expect(text).to.include('ID do cliente: C-042');
    expect(text).to.include('Campeões');
    expect(text).to.include('Apoiante');
    expect(text).to.include('Ativo');
    expect(text).to.include('Receita líquida');
    expect(text).to.include('5 de 5');
    expect(text).to.include('12 dias');
    expect(text).to.include('Encomendas ao longo do tempo');
    expect(text).to.include('Reclamação');
    expect(text).to.include('Nota 9 de 10');
    expect(text).to.include('Fechar os detalhes de Ana Silva');
    const money = new Intl.NumberFormat('pt', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 });
    expect(text).to.include(money.format(1234.5));
    const day = new Intl.DateTimeFormat('pt', { dateStyle: 'medium', timeZone: 'UTC' });
    expect(text).to.include(day.format(Date.UTC(2024, 1, 10)));
    expect($(el, '[part="toggle"]').textContent!.trim()).to.equal('Ver como tabela');
    expectFilled(el);
    await expectAccessibleLightAndDark(el);
  });

  it('speaks Malay inside lang="ms", the prospect’s empty states too', async () => {
    const el = await inLang('ms');
    const text = shownText(el);
    expect(text).to.include('Juara');
    expect(text).to.include('Penyokong');
    expect(text).to.include('Hasil bersih');
    expect(text).to.include('Pesanan mengikut masa');
    expect(text).to.include('Maklum balas');
    expect(text).to.include('12 hari');
    expect(text).to.include('Aduan');
    expectFilled(el);
    await expect(el).to.be.accessible();
    const p = await inLang('ms', prospect());
    const pt = shownText(p);
    expect(pt).to.include('Belum ada pesanan: prospek yang belum membeli.');
    expect(pt).to.include('Tiada maklum balas daripada pelanggan ini.');
    expect(pt).to.include('Prospek');
    expectFilled(p);
    await expect(p).to.be.accessible();
  });

  it('speaks French inside lang="fr", with a space before each colon', async () => {
    const el = await inLang('fr');
    const text = shownText(el);
    expect(text).to.include('Identifiant client : C-042');
    expect($(el, '[part="reason"] strong').textContent).to.match(/^Pourquoi \(.+\) :$/);
    expect(text).to.include('Catégorie : delivery');
    expect(text).to.not.match(/\S:\s/);
    const day = new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeZone: 'UTC' });
    const legend = $$(el, '[part="legend-item"]').map((l) => l.textContent!.trim());
    expect(legend).to.include(`Date d’analyse (${day.format(Date.UTC(2024, 11, 2))})`);
    $(el, '[part="toggle"]').click();
    await el.updateComplete;
    const ids = $$(el, 'table[data-table="orders"] tbody tr td:first-of-type').map((c) => c.textContent!.trim());
    expect(ids).to.include('C1003 (retour)');
    expectFilled(el);
    await expectAccessibleLightAndDark(el);
  });
});
