import { restoreLightScheme, useDarkScheme } from './setup.js';
import { expectAccessibleLightAndDark, expectFilled, inLanguage, shownText } from './i18n-helpers.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/ladder/rapport-ladder.js';
import type { RapportLadder } from '../../src/components/ladder/rapport-ladder.js';
import { LADDER_RUNGS, type LadderResult } from '../../src/analytics/ladder.js';
import { evidenceRungs, thousandContactsLadder } from '../helpers/ladder.js';


const MESSAGE = 'No feedback matched any contact: supporter is inferred from purchase frequency, advocate is not available.';
const SUPPORTER_NOTE = 'inferred from the frequency score (F 4 or 5): no feedback data';

/** 1,000 contacts on all six rungs (advocate not available) and 120 lapsed. */
function ladder(overrides: Partial<LadderResult> = {}): LadderResult {
  const rungs = evidenceRungs({
    prospect: { basis: 'customer-list', note: null },
    supporter: { basis: 'frequency', note: SUPPORTER_NOTE },
    advocate: { basis: 'missing', note: 'no feedback: recommendation cannot be told' },
  });
  return thousandContactsLadder(
    { rungs, messages: [MESSAGE, 'Partner needs recommendation evidence: only contacts flagged in the rules can be partners.'] },
    overrides,
  );
}

const make = (l: LadderResult | null = ladder(), extra = '') =>
  extra === 'revenue'
    ? fixture<RapportLadder>(html`<rapport-ladder locale="en-US" measure="revenue" .ladder=${l}></rapport-ladder>`)
    : fixture<RapportLadder>(html`<rapport-ladder locale="en-US" .ladder=${l}></rapport-ladder>`);

const stepOf = (el: RapportLadder, rung: string) => el.shadowRoot!.querySelector<SVGGElement>(`.place[data-place="${rung}"]`)!;
const barWidth = (el: RapportLadder, rung: string) => Number(stepOf(el, rung).querySelector('.bar')!.getAttribute('width'));
const textOf = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('rapport-ladder', () => {
  afterEach(restoreLightScheme);

  it('draws one focusable step per rung plus the lapsed box, one tab stop', async () => {
    const el = await make();
    const steps = [...el.shadowRoot!.querySelectorAll('[part="step"]')];
    expect(steps.map((s) => s.getAttribute('data-place'))).to.deep.equal([...LADDER_RUNGS]);
    expect(el.shadowRoot!.querySelectorAll('[part="lapsed"]')).to.have.length(1);
    const places = [...el.shadowRoot!.querySelectorAll('.place')];
    expect(places.filter((p) => p.getAttribute('tabindex') === '0').map((p) => p.getAttribute('data-place'))).to.deep.equal(['prospect']);
    expect(steps.every((s) => s.getAttribute('role') === 'button' && s.getAttribute('aria-label'))).to.equal(true);
    // Prospect at the top, partner at the bottom.
    const ys = steps.map((s) => Number(s.querySelector('.bar')!.getAttribute('y')));
    expect([...ys].sort((a, b) => a - b)).to.deep.equal(ys);
    // One band per rung lapsed from.
    expect(el.shadowRoot!.querySelectorAll('[part="band"]')).to.have.length(3);
  });

  it('orders step widths as the counts', async () => {
    const el = await make();
    const rows = ladder().rungs.filter((r) => r.available);
    const sorted = [...rows].sort((a, b) => a.customers - b.customers).map((r) => r.rung);
    const widths = sorted.map((r) => barWidth(el, r));
    for (let i = 1; i < widths.length; i++) expect(widths[i]).to.be.greaterThan(widths[i - 1]!);
    expect(barWidth(el, 'customer') / barWidth(el, 'client')).to.be.closeTo(350 / 150, 1e-6);
  });

  it('shows "not available" for a rung the data cannot tell, never 0', async () => {
    const el = await make();
    const advocate = stepOf(el, 'advocate');
    expect(advocate.getAttribute('data-available')).to.equal('false');
    expect(advocate.querySelector('.bar')!.classList.contains('unavailable')).to.equal(true);
    const hatch = advocate.querySelector('.hatched')!;
    expect(hatch.getAttribute('fill')).to.match(/^url\(#/);
    expect(getComputedStyle(hatch).fill).to.match(/^url\(/);
    expect(el.shadowRoot!.getElementById(hatch.getAttribute('fill')!.slice(5, -1))!.tagName).to.equal('pattern');
    expect(el.shadowRoot!.querySelector('[part="conversion"][data-from="supporter"]')!.textContent).to.equal('conversion not known');
    expect(advocate.getAttribute('aria-label')).to.include('not available');
    expect(el.shadowRoot!.querySelector('.figure[data-rung="advocate"]')!.textContent).to.equal('not available');
    const row = el.shadowRoot!.querySelector('tr[data-place="advocate"]')!;
    expect(row.querySelectorAll('td')[0]!.textContent).to.equal('not available');
    expect(row.textContent).to.include('no feedback: recommendation cannot be told');
    // It can be focused (its figures are read out) but not chosen: it would list no one.
    expect(advocate.getAttribute('aria-disabled')).to.equal('true');
    expect(stepOf(el, 'client').hasAttribute('aria-disabled')).to.equal(false);
    let events = 0;
    el.addEventListener('rapport-rung-select', () => events++);
    (advocate as unknown as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(events).to.equal(0);
    expect(el.selected).to.equal(null);
  });

  it('shows the evidence messages above the chart as a note', async () => {
    const el = await make();
    const note = el.shadowRoot!.querySelector('[part="evidence"]')!;
    expect(note.getAttribute('role')).to.equal('note');
    expect(note.textContent).to.include(MESSAGE);
    expect(note.querySelectorAll('li')).to.have.length(2);
    // Before the chart in document order.
    const chart = el.shadowRoot!.querySelector('[part="chart"]')!;
    expect(note.compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    // No messages, no note.
    el.ladder = ladder({ evidence: { ...ladder().evidence, messages: [] } });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="evidence"]')).to.equal(null);
  });

  it('shows the figures and the evidence note in the tooltip on hover and focus', async () => {
    const el = await make();
    stepOf(el, 'supporter').dispatchEvent(new MouseEvent('mouseenter'));
    await el.updateComplete;
    const tip = () => el.shadowRoot!.querySelector('[part="tooltip"]')!.textContent!.replace(/\s+/g, ' ');
    expect(tip()).to.include('Supporter');
    expect(tip()).to.include('Customers: 60');
    expect(tip()).to.include('Share of contacts: 6%');
    expect(tip()).to.include('Revenue: 24,000.00');
    expect(tip()).to.include('Average value: 400.00');
    expect(tip()).to.include(SUPPORTER_NOTE);
    stepOf(el, 'supporter').dispatchEvent(new MouseEvent('mouseleave'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="tooltip"]')).to.equal(null);
    stepOf(el, 'client').focus();
    await el.updateComplete;
    expect(tip()).to.include('Conversion to next: 25%');
    expect(tip()).to.include('Median time to next: 120.5 days');
  });

  it('moves with the arrow keys, selects with Enter (event with the rung), deselects, and clears with Escape', async () => {
    const el = await make();
    stepOf(el, 'prospect').focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(stepOf(el, 'client'));
    expect(stepOf(el, 'client').getAttribute('tabindex')).to.equal('0');
    expect(stepOf(el, 'prospect').getAttribute('tabindex')).to.equal('-1');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(stepOf(el, 'customer'));

    let heard = oneEvent(el, 'rapport-rung-select');
    await sendKeys({ press: 'Enter' });
    let ev = (await heard) as CustomEvent;
    expect(ev.detail).to.deep.equal({ rung: 'customer' });
    expect(ev.bubbles && ev.composed).to.equal(true);
    await el.updateComplete;
    expect(el.selected).to.equal('customer');
    expect(el.getAttribute('selected')).to.equal('customer');
    expect(stepOf(el, 'customer').getAttribute('aria-pressed')).to.equal('true');
    expect(el.shadowRoot!.querySelector('tr[aria-selected="true"]')!.getAttribute('data-place')).to.equal('customer');

    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(stepOf(el, 'lapsed'));
    heard = oneEvent(el, 'rapport-rung-select');
    await sendKeys({ press: 'Space' });
    expect(((await heard) as CustomEvent).detail).to.deep.equal({ rung: 'lapsed' });

    heard = oneEvent(el, 'rapport-rung-select');
    await sendKeys({ press: 'Escape' });
    ev = (await heard) as CustomEvent;
    expect(ev.detail).to.deep.equal({ rung: null });
    await el.updateComplete;
    expect(el.selected).to.equal(null);
    expect(el.hasAttribute('selected')).to.equal(false);

    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(stepOf(el, 'prospect'));
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(stepOf(el, 'prospect'));
  });

  it('selects on click and deselects on a second click', async () => {
    const el = await make();
    let heard = oneEvent(el, 'rapport-rung-select');
    stepOf(el, 'partner').dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(((await heard) as CustomEvent).detail).to.deep.equal({ rung: 'partner' });
    await el.updateComplete;
    heard = oneEvent(el, 'rapport-rung-select');
    stepOf(el, 'partner').dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(((await heard) as CustomEvent).detail).to.deep.equal({ rung: null });
    await el.updateComplete;
    expect(stepOf(el, 'partner').getAttribute('aria-pressed')).to.equal('false');
  });

  it('takes the selection from the attribute and ignores an unknown one', async () => {
    const el = await fixture<RapportLadder>(html`<rapport-ladder selected="client" .ladder=${ladder()}></rapport-ladder>`);
    expect(stepOf(el, 'client').getAttribute('aria-pressed')).to.equal('true');
    expect(stepOf(el, 'client').getAttribute('tabindex')).to.equal('0');
    el.setAttribute('selected', 'nobody');
    await el.updateComplete;
    expect(el.selected).to.equal(null);
  });

  it('sizes steps by revenue through the attribute and the toggle', async () => {
    const el = await make();
    const before = barWidth(el, 'partner');
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"] button[data-measure="revenue"]')!;
    button.click();
    await el.updateComplete;
    expect(el.measure).to.equal('revenue');
    expect(el.getAttribute('measure')).to.equal('revenue');
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    // Partner: fewest customers, most revenue.
    expect(barWidth(el, 'partner')).to.be.greaterThan(before);
    expect(barWidth(el, 'partner')).to.be.greaterThan(barWidth(el, 'customer'));
    expect(barWidth(el, 'client') / barWidth(el, 'supporter')).to.be.closeTo(30000 / 24000, 1e-6);
    // Prospects have no revenue: a hairline.
    expect(stepOf(el, 'prospect').querySelector('.bar')!.classList.contains('zero')).to.equal(true);
    const viaAttribute = await make(ladder(), 'revenue');
    expect(barWidth(viaAttribute, 'partner')).to.be.closeTo(barWidth(el, 'partner'), 1e-6);
  });

  it('has a table with one row per rung plus lapsed', async () => {
    const el = await make();
    const table = el.shadowRoot!.querySelector('details table')!;
    expect(table.querySelector('caption')!.textContent).to.include('as of Jan 1, 2025: 1,000 contacts');
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.querySelector('th')!.textContent)).to.deep.equal(['Prospect', 'Customer', 'Client', 'Supporter', 'Advocate', 'Partner', 'Lapsed']);
    expect(table.querySelectorAll('thead th')).to.have.length(9);
    const cells = (i: number) => [...rows[i]!.querySelectorAll('td')].map((c) => c.textContent!.trim());
    expect(cells(1)).to.deep.equal(['350', '700', '40%', '60%', '17,500.00', '50.00', '45', '']);
    expect(cells(3)[7]).to.equal(SUPPORTER_NOTE);
    expect(cells(6).slice(0, 1)).to.deep.equal(['120']);
    expect(cells(6)[7]).to.include('365 days');
  });

  it('summarises the chart for assistive technology', async () => {
    const el = await make();
    const help = el.shadowRoot!.getElementById(el.shadowRoot!.querySelector('svg')!.getAttribute('aria-describedby')!)!;
    expect(help.textContent).to.include('Loyalty ladder of 1,000 contacts');
    expect(help.textContent).to.include('Advocate not available');
    expect(help.textContent).to.include('lapsed 120');
  });

  it('shows an empty state without a ladder or without contacts', async () => {
    const el = await make(null);
    expect(el.shadowRoot!.querySelector('[part="empty"]')).to.exist;
    expect(el.shadowRoot!.querySelector('svg')).to.equal(null);
    await expect(el).to.be.accessible();
    el.ladder = ladder({ contacts: 0 });
    await el.updateComplete;
    expect(textOf(el)).to.include('No contacts yet');
    expect(el.shadowRoot!.querySelector('svg')).to.equal(null);
  });

  it('is accessible in light and dark themes, with the table open and a selection', async () => {
    const el = await make();
    el.shadowRoot!.querySelector('details')!.open = true;
    el.selected = 'client';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    // A dark page: the preference, and a page painted with the theme's dark surface.
    await useDarkScheme();
    await el.updateComplete;
    // The theme follows the preference: dark surface behind the evidence note's text.
    const bg = getComputedStyle(el.shadowRoot!.querySelector('[part="evidence"]')!).backgroundColor;
    expect(bg).to.equal('rgb(51, 41, 15)');
    await expect(el).to.be.accessible();
  });
});

describe('rapport-ladder in other languages', () => {
  afterEach(restoreLightScheme);
  const inLang = (lang: string, l: LadderResult | null = ladder()) =>
    inLanguage<RapportLadder>(lang, html`<rapport-ladder currency="EUR" .ladder=${l}></rapport-ladder>`);

  it('speaks Portuguese inside lang="pt": rungs, figures, dates and money', async () => {
    const el = await inLang('pt');
    const text = shownText(el);
    expect(text).to.include('Escada de fidelização por clientes');
    expect(text).to.include('Sobre os dados disponíveis');
    expect(text).to.include('Escada de fidelização de 1.000 contactos: Potencial cliente 300, Comprador 350');
    expect(text).to.include('Defensor não disponível');
    expect(text).to.include('Ver como tabela');
    // Evidence messages come from the data layer and stay as given.
    expect(text).to.include(MESSAGE);
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')].map((r) => r.querySelector('th')!.textContent);
    expect(rows).to.deep.equal(['Potencial cliente', 'Comprador', 'Cliente', 'Apoiante', 'Defensor', 'Parceiro', 'Afastado']);
    const date = new Intl.DateTimeFormat('pt', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2025, 0, 1));
    expect(el.shadowRoot!.querySelector('caption')!.textContent).to.include(`Escada de fidelização em ${date}: 1.000 contactos`);
    const money = new Intl.NumberFormat('pt', { style: 'currency', currency: 'EUR' }).format(17500);
    expect(el.shadowRoot!.querySelector('tr[data-place="customer"]')!.textContent).to.include(money);
    expect(el.shadowRoot!.querySelector('[part~="conversion"][data-from="supporter"]')!.textContent).to.equal('conversão desconhecida');
    expect(el.shadowRoot!.querySelector('[part~="conversion"][data-from="prospect"]')!.textContent).to.equal('↓ 70% sobem · 30% ficam');
    stepOf(el, 'client').focus();
    await el.updateComplete;
    const tip = el.shadowRoot!.querySelector('[part="tooltip"]')!.textContent!.replace(/\s+/g, ' ');
    expect(tip).to.include('Conversão para o seguinte: 25%');
    expect(tip).to.include('Tempo mediano até ao seguinte: 120,5 dias');
    expect(el.shadowRoot!.querySelector('tr[data-place="lapsed"] .note')!.textContent).to.equal(
      'sem compras há mais de 365 dias (janela calculada a partir dos dados)',
    );
    expectFilled(el);
    el.shadowRoot!.querySelector('details')!.open = true;
    await expectAccessibleLightAndDark(el);
  });

  it('speaks Malay inside lang="ms", and French empty states', async () => {
    const el = await inLang('ms');
    const text = shownText(el);
    expect(text).to.include('Tangga kesetiaan mengikut pelanggan');
    expect(text).to.include('Tangga kesetiaan bagi 1,000 kenalan');
    expect(text).to.include('Pelanggan tetap');
    expect(el.shadowRoot!.querySelector('.figure[data-rung="advocate"]')!.textContent).to.equal('tiada data');
    expect(stepOf(el, 'lapsed').getAttribute('aria-label')).to.include('Luput mengikut anak tangga: Pembeli 80, Pelanggan tetap 30, Penyokong 10');
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"] button[data-measure="revenue"]')!;
    expect(button.textContent!.trim()).to.equal('Hasil');
    button.click();
    await el.updateComplete;
    expect(shownText(el)).to.include('Tangga kesetiaan mengikut hasil');
    expectFilled(el);
    await expect(el).to.be.accessible();

    const fr = await inLang('fr', null);
    expect(shownText(fr)).to.include('Pas encore d’échelle');
    fr.ladder = ladder({ contacts: 0 });
    await fr.updateComplete;
    expect(shownText(fr)).to.include('Pas encore de contacts');
    fr.ladder = ladder();
    await fr.updateComplete;
    expect(shownText(fr)).to.include('Échelle de fidélité par clients');
    expect(shownText(fr)).to.include('Ambassadeur non disponible');
    expectFilled(fr);
    await expect(fr).to.be.accessible();
  });

  it('exposes its pieces as parts and takes its colours from its custom properties', async () => {
    const el = await make();
    const root = el.shadowRoot!;
    for (const part of ['evidence', 'evidence-title', 'evidence-item', 'title', 'toggle', 'button', 'chart', 'step', 'bar', 'reached', 'lapsed', 'mark', 'band', 'label', 'value', 'conversion', 'table-toggle', 'table', 'table-caption', 'table-header', 'table-row', 'table-row-header', 'table-cell']) {
      expect(root.querySelector(`[part~="${part}"]`), part).to.exist;
    }
    el.style.setProperty('--rapport-ladder-figure-color', 'rgb(1, 2, 3)');
    el.style.setProperty('--rapport-ladder-evidence-surface', 'rgb(4, 5, 6)');
    expect(getComputedStyle(root.querySelector('.figure[data-rung="client"]')!).fill).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(root.querySelector('[part="evidence"]')!).backgroundColor).to.equal('rgb(4, 5, 6)');
  });
});
