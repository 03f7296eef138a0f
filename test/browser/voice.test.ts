import { restoreLightScheme, useDarkScheme } from './setup.js';
import { expectFilled, inLanguage } from './i18n-helpers.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/voice/rapport-voice.js';
import type { RapportVoice } from '../../src/components/voice/rapport-voice.js';
import type { VoiceResult } from '../../src/analytics/voice.js';
import { voiceResult, XSS_TEXT } from '../helpers/quality.js';

const make = (v: VoiceResult | null = voiceResult()) => fixture<RapportVoice>(html`<rapport-voice locale="en-US" .voice=${v}></rapport-voice>`);

const root = (el: RapportVoice) => el.shadowRoot!;
const bars = (el: RapportVoice) => [...root(el).querySelectorAll<HTMLElement>('[part="bar"]')];
const barOf = (el: RapportVoice, key: string) => bars(el).find((b) => b.dataset.key === key)!;
const columns = (el: RapportVoice) => [...root(el).querySelectorAll<SVGGElement>('[part="column"]')];

describe('rapport-voice', () => {
  afterEach(restoreLightScheme);

  it('draws one bar per category stacked by kind, each kind with its colour and pattern, one tab stop', async () => {
    const el = await make();
    const v = voiceResult();
    expect(bars(el).map((b) => b.dataset.key)).to.deep.equal(v.byCategory.map((c) => c.key));
    expect(bars(el).filter((b) => b.getAttribute('tabindex') === '0')).to.have.length(1);
    const delivery = barOf(el, 'Delivery');
    const parts = [...delivery.querySelectorAll<SVGRectElement>('rect.part')];
    expect(parts.map((p) => p.dataset.kind)).to.deep.equal(['complaint', 'suggestion', 'compliment']);
    // Widths follow the counts (percentages of the panel).
    const w = (r: SVGRectElement) => parseFloat(r.getAttribute('width')!);
    expect(w(parts[0]!) / w(parts[1]!)).to.be.closeTo(180 / 40, 1e-6);
    // Suggestions and compliments carry a pattern over their colour; complaints are solid.
    const overlays = [...delivery.querySelectorAll('rect.overlay')].map((r) => r.getAttribute('fill'));
    expect(overlays).to.have.length(2);
    expect(overlays.every((f) => /^url\(#.+-(suggestion|compliment)\)$/.test(f!))).to.equal(true);
    // The kinds are named in the legend and in each bar's accessible name.
    const legend = root(el).querySelector('[part="legend"]')!.textContent!;
    expect(legend).to.include('Complaints (solid)');
    expect(legend).to.include('Suggestions (striped)');
    expect(legend).to.include('Compliments (dotted)');
    expect(delivery.getAttribute('aria-label')).to.equal('Delivery; Complaints: 180; Suggestions: 40; Compliments: 25; Total: 245; Answered: 85.7% (210); Median time to answer: 2 days');
    // Token colours.
    el.style.setProperty('--rapport-voice-complaint-color', 'rgb(9, 8, 7)');
    expect(getComputedStyle(parts[0]!).fill).to.equal('rgb(9, 8, 7)');
    el.style.removeProperty('--rapport-voice-complaint-color');
  });

  it('shows the answered share and median days per category when known', async () => {
    const el = await make();
    const row = (key: string) => root(el).querySelector(`.row[data-key="${key}"] [part="answered"]`)!.textContent!.replace(/\s+/g, ' ').trim();
    expect(row('Billing')).to.equal('106 75.5% answered 5 d');
    expect(row('(none)')).to.equal('21');
    expect(root(el).querySelector('[part="summary"]')!.textContent!.replace(/\s+/g, ' ')).to.include('832 pieces of feedback: 467 complaints, 173 suggestions, and 192 compliments. 75.7% answered, in a median of 2.5 days.');
    expect(root(el).querySelector('[part="notes"]')!.textContent).to.include('12 pieces of feedback have no date');
  });

  it('switches between category, channel and segment; segment only when known', async () => {
    const el = await make();
    const button = (d: string) => root(el).querySelector<HTMLButtonElement>(`[part="toggle"] button[data-dimension="${d}"]`);
    button('channel')!.click();
    await el.updateComplete;
    expect(el.dimension).to.equal('channel');
    expect(el.getAttribute('dimension')).to.equal('channel');
    expect(button('channel')!.getAttribute('aria-pressed')).to.equal('true');
    expect(bars(el).map((b) => b.dataset.key)).to.deep.equal(['email', 'phone', 'web form']);
    button('segment')!.click();
    await el.updateComplete;
    expect(bars(el).map((b) => b.dataset.key)).to.deep.equal(['Champions', 'At Risk', 'Lost']);
    expect(root(el).querySelector('details table caption')!.textContent).to.include('by segment');
    el.voice = voiceResult({ bySegment: null });
    await el.updateComplete;
    expect(button('segment')).to.equal(null);
    expect(el.dimension).to.equal('category');
  });

  it('chooses a bar with a click or Enter (event with dimension and key), moves with arrows, clears with Escape', async () => {
    const el = await make();
    let heard = oneEvent(el, 'rapport-voice-select');
    barOf(el, 'Billing').click();
    const ev = (await heard) as CustomEvent;
    expect(ev.detail).to.deep.equal({ dimension: 'category', key: 'Billing' });
    expect(ev.bubbles && ev.composed).to.equal(true);
    await el.updateComplete;
    expect(barOf(el, 'Billing').getAttribute('aria-pressed')).to.equal('true');
    expect(barOf(el, 'Billing').getAttribute('tabindex')).to.equal('0');
    expect(root(el).querySelector('tr[aria-selected="true"]')!.getAttribute('data-key')).to.equal('Billing');
    barOf(el, 'Billing').focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(barOf(el, 'Website'));
    expect(root(el).querySelector('[part="tooltip"]')!.textContent).to.include('Suggestions: 70');
    heard = oneEvent(el, 'rapport-voice-select');
    await sendKeys({ press: 'Enter' });
    expect(((await heard) as CustomEvent).detail).to.deep.equal({ dimension: 'category', key: 'Website' });
    await el.updateComplete;
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(bars(el).some((b) => b.getAttribute('aria-pressed') === 'true')).to.equal(false);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(barOf(el, '(none)'));
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(barOf(el, 'Delivery'));
  });

  it('says when a choice is cleared: the same bar again, Escape, or another count-by (key null)', async () => {
    const el = await make();
    let heard = oneEvent(el, 'rapport-voice-select');
    barOf(el, 'Billing').click();
    expect(((await heard) as CustomEvent).detail).to.deep.equal({ dimension: 'category', key: 'Billing' });
    heard = oneEvent(el, 'rapport-voice-select');
    barOf(el, 'Billing').click();
    expect(((await heard) as CustomEvent).detail).to.deep.equal({ dimension: 'category', key: null });
    await el.updateComplete;
    expect(bars(el).some((b) => b.getAttribute('aria-pressed') === 'true')).to.equal(false);
    barOf(el, 'Staff').focus();
    heard = oneEvent(el, 'rapport-voice-select');
    await sendKeys({ press: 'Enter' });
    expect(((await heard) as CustomEvent).detail).to.deep.equal({ dimension: 'category', key: 'Staff' });
    heard = oneEvent(el, 'rapport-voice-select');
    await sendKeys({ press: 'Escape' });
    expect(((await heard) as CustomEvent).detail).to.deep.equal({ dimension: 'category', key: null });
    barOf(el, 'Staff').click();
    await el.updateComplete;
    heard = oneEvent(el, 'rapport-voice-select');
    root(el).querySelector<HTMLButtonElement>('[part="toggle"] button[data-dimension="channel"]')!.click();
    expect(((await heard) as CustomEvent).detail).to.deep.equal({ dimension: 'channel', key: null });
  });

  it('shows a bar tooltip below the last bar, never over the bars', async () => {
    const el = await make();
    barOf(el, 'Delivery').focus();
    await el.updateComplete;
    const tip = root(el).querySelector<HTMLElement>('.bars [part="tooltip"]')!;
    expect(tip.textContent).to.include('Complaints: 180');
    const last = root(el).querySelector('.row[data-key="(none)"]')!;
    expect(tip.getBoundingClientRect().top).to.be.at.least(last.getBoundingClientRect().bottom - 0.5);
  });

  it('at 700 px keeps each figure on one line inside its bar row', async () => {
    const el = await make();
    el.style.width = '700px';
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    for (const row of root(el).querySelectorAll<HTMLElement>('.bars .row')) {
      const fig = row.querySelector<HTMLElement>('[part="answered"]')!;
      const total = fig.querySelector('.total')!.getBoundingClientRect();
      // One line: every visible piece shares the total's line, and the figure stays inside the row.
      for (const span of fig.querySelectorAll<HTMLElement>('.answered')) expect(Math.abs(span.getBoundingClientRect().bottom - total.bottom)).to.be.below(4);
      const r = row.getBoundingClientRect();
      const fr = fig.getBoundingClientRect();
      expect(fr.top).to.be.at.least(r.top - 0.5);
      expect(fr.bottom).to.be.at.most(r.bottom + 0.5);
      expect(fr.right).to.be.at.most(r.right + 0.5);
      expect(r.height).to.be.below(40);
    }
    // The words are still there for screen readers.
    expect(root(el).querySelector('.row[data-key="Billing"] [part="answered"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('106 75.5% answered 5 d');
    el.style.removeProperty('width');
  });

  it('draws the month labels at a steady size whatever the width', async () => {
    const el = await make();
    const sizeAt = async (w: string) => {
      el.style.width = w;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await el.updateComplete;
      const label = [...root(el).querySelectorAll<SVGTextElement>('.months text')].find((t) => t.textContent === 'Jan 2024')!;
      return label.getBoundingClientRect().height;
    };
    const wide = await sizeAt('1200px');
    const narrow = await sizeAt('700px');
    expect(wide).to.be.within(9, 16);
    expect(Math.abs(wide - narrow)).to.be.below(1);
    const plot = root(el).querySelector<SVGSVGElement>('.months svg.plot')!;
    expect(plot.viewBox.baseVal.width).to.be.closeTo(plot.getBoundingClientRect().width, 1.5);
    el.style.removeProperty('width');
  });

  it('draws twelve monthly columns stacked by kind, one tab stop, arrows and a tooltip', async () => {
    const el = await make();
    const cols = columns(el);
    expect(cols).to.have.length(12);
    expect(cols.filter((c) => c.getAttribute('tabindex') === '0')).to.have.length(1);
    expect(cols[0]!.querySelectorAll('rect.part')).to.have.length(3);
    expect(cols[0]!.getAttribute('aria-label')).to.include('Jan 2024');
    cols[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(columns(el)[1]);
    expect(root(el).querySelector('.months [part="tooltip"]')!.textContent).to.include('Feb 2024');
    expect(root(el).querySelector('.months')!.textContent).to.include('Jan 2024');
  });

  it('shows recent texts strictly as text, never as HTML', async () => {
    const el = await make();
    const list = root(el).querySelector('[part="recent"]')!;
    const items = [...list.querySelectorAll('li')];
    expect(items).to.have.length(3);
    expect(items[0]!.querySelector('.text')!.textContent).to.equal(XSS_TEXT);
    expect(root(el).querySelector('img')).to.equal(null);
    expect(el.querySelector('img')).to.equal(null);
    expect(items[0]!.textContent).to.include('Complaint');
    expect(items[0]!.textContent).to.include('not answered');
    expect(items[2]!.querySelector('.text')!.textContent).to.equal('The driver was very kind & carried the parcel upstairs.');
  });

  it('has tables by the current dimension and by month', async () => {
    const el = await make();
    const [byCategory, byMonth] = [...root(el).querySelectorAll('details table')];
    expect([...byCategory!.querySelectorAll('thead th')].map((t) => t.textContent)).to.deep.equal([
      'Category',
      'Complaints',
      'Suggestions',
      'Compliments',
      'Total',
      'Answered',
      'Median days to answer',
    ]);
    const cells = [...byCategory!.querySelector('tbody tr')!.querySelectorAll('th, td')].map((c) => c.textContent!.trim());
    expect(cells).to.deep.equal(['Delivery', '180', '40', '25', '245', '85.7%', '2']);
    expect(byMonth!.querySelectorAll('tbody tr')).to.have.length(12);
  });

  it('shows an empty state without feedback', async () => {
    const el = await make(null);
    expect(root(el).querySelector('[part="empty"]')!.textContent).to.include('No feedback yet');
    await expect(el).to.be.accessible();
  });

  it('exposes its pieces as parts and its colours as custom properties', async () => {
    const el = await make();
    for (const part of ['title', 'summary', 'notes', 'note', 'toggle', 'button', 'legend', 'legend-item', 'chart', 'axis', 'axis-label', 'row', 'label', 'bar', 'kind', 'kind-complaint', 'kind-suggestion', 'kind-compliment', 'gridline', 'value', 'answered', 'section-title', 'months', 'column', 'recent', 'recent-item', 'recent-text', 'table', 'table-header', 'table-row', 'table-cell']) {
      expect(root(el).querySelector(`[part~="${part}"]`), part).to.exist;
    }
    el.style.setProperty('--rapport-voice-separator-color', 'rgb(1, 2, 3)');
    el.style.setProperty('--rapport-voice-axis-color', 'rgb(4, 5, 6)');
    expect(getComputedStyle(root(el).querySelector('[part~="kind"]')!).stroke).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(root(el).querySelector('.months [part="axis-label"]')!).fill).to.equal('rgb(4, 5, 6)');
    el.style.removeProperty('--rapport-voice-separator-color');
    el.style.removeProperty('--rapport-voice-axis-color');
  });

  describe('in other languages', () => {
    /** With no `locale`: numbers and months follow the language. */
    const inLang = (lang: string, v: VoiceResult | null = voiceResult()) => inLanguage<RapportVoice>(lang, html`<rapport-voice .voice=${v}></rapport-voice>`);
    const text = (e: Element) => e.textContent!.replace(/\s+/g, ' ').trim();

    it('speaks Portuguese inside lang="pt": kinds, figures, months and segments', async () => {
      const el = await inLang('pt');
      expect(text(root(el).querySelector('[part="title"]')!)).to.equal('Voz do cliente por categoria');
      expect([...root(el).querySelectorAll('[part="toggle"] button')].map(text)).to.deep.equal(['Categoria', 'Canal', 'Segmento']);
      expect(text(root(el).querySelector('[part="summary"]')!)).to.equal(
        '832 opiniões: 467 reclamações, 173 sugestões e 192 elogios. 75,7% respondidas, com uma mediana de 2,5 dias.',
      );
      const legend = root(el).querySelector('[part="legend"]')!.textContent!;
      expect(legend).to.include('Reclamações (sólido)');
      expect(legend).to.include('Elogios (pontilhado)');
      expect(barOf(el, 'Delivery').getAttribute('aria-label')).to.equal(
        'Delivery; Reclamações: 180; Sugestões: 40; Elogios: 25; Total: 245; Respondidas: 85,7% (210); Tempo mediano de resposta: 2 dias',
      );
      expect(text(root(el).querySelector('.row[data-key="Billing"] [part="answered"]')!)).to.equal('106 75,5% respondidas 5 d');
      // The data's key for "no category" is shown in the reader's language; categories stay as given.
      expect(text(root(el).querySelector('.row[data-key="(none)"] [part="label"]')!)).to.equal('(sem dados)');
      expect(columns(el)[0]!.getAttribute('aria-label')).to.match(/^jan\.? de 2024; Reclamações: /);
      expect(root(el).querySelector('.months')!.textContent).to.match(/jan\.? de 2024/);
      const first = root(el).querySelector('[part="recent-item"]')!.textContent!.replace(/\s+/g, ' ');
      expect(first).to.include('Reclamação');
      expect(first).to.match(/30 de dez\.? de 2024/);
      expect(first).to.include('por email');
      expect(first).to.include('sem resposta');
      const [byCategory] = [...root(el).querySelectorAll('details table')];
      expect([...byCategory!.querySelectorAll('thead th')].map((t) => t.textContent)).to.deep.equal([
        'Categoria',
        'Reclamações',
        'Sugestões',
        'Elogios',
        'Total',
        'Respondidas',
        'Dias medianos até à resposta',
      ]);
      root(el).querySelector<HTMLButtonElement>('[part="toggle"] button[data-dimension="segment"]')!.click();
      await el.updateComplete;
      expect([...root(el).querySelectorAll('.bars [part="label"]')].map(text)).to.deep.equal(['Campeões', 'Em risco', 'Perdidos']);
      expect(bars(el).map((b) => b.dataset.key)).to.deep.equal(['Champions', 'At Risk', 'Lost']);
      expect(text(root(el).querySelector('details table caption')!)).to.equal('Opiniões por segmento');
      expectFilled(el);
      await expect(el).to.be.accessible();
    });

    it('speaks Malay inside lang="ms"', async () => {
      const el = await inLang('ms');
      expect(text(root(el).querySelector('[part="title"]')!)).to.equal('Suara pelanggan mengikut kategori');
      expect(text(root(el).querySelector('[part="summary"]')!)).to.equal('832 maklum balas: 467 aduan, 173 cadangan dan 192 pujian. 75.7% dijawab, dengan median 2.5 hari.');
      expect(barOf(el, 'Delivery').getAttribute('aria-label')).to.include('Aduan: 180; Cadangan: 40; Pujian: 25; Jumlah: 245; Dijawab: 85.7% (210); Median masa menjawab: 2 hari');
      expect(text(root(el).querySelector('.row[data-key="Billing"] [part="answered"]')!)).to.equal('106 75.5% dijawab 5 h');
      expect(text(root(el).querySelectorAll('[part="section-title"]')[0]!)).to.equal('Mengikut bulan');
      expect(root(el).querySelector('[part="recent-item"]')!.textContent).to.include('belum dijawab');
      expect(text(root(el).querySelector('summary')!)).to.equal('Tunjuk sebagai jadual');
      expectFilled(el);
      await expect(el).to.be.accessible();
    });

    it('speaks Spanish inside lang="es", with Spanish months, and the empty state too', async () => {
      const el = await inLang('es');
      expect(text(root(el).querySelector('[part="title"]')!)).to.equal('Voz del cliente por categoría');
      expect(text(root(el).querySelector('[part="summary"]')!)).to.match(/^832 opiniones: 467 quejas, 173 sugerencias y 192 elogios\. 75,7\s% respondidas/);
      expect(columns(el)[0]!.getAttribute('aria-label')).to.match(/^ene\.? 2024; Quejas: /);
      expect(root(el).querySelector('.months')!.textContent).to.match(/ene\.? 2024/);
      expectFilled(el);
      await expect(el).to.be.accessible();
      const empty = await inLang('fr', null);
      expect(text(root(empty).querySelector('[part="empty"]')!)).to.include('Pas encore d’avis');
    });

    it('speaks French inside lang="fr": a French list of counts, a space before each colon', async () => {
      const el = await inLang('fr');
      const percent = new Intl.NumberFormat('fr', { style: 'percent', maximumFractionDigits: 1 });
      expect(text(root(el).querySelector('[part="summary"]')!)).to.equal(
        `832 retours clients : 467 réclamations, 173 suggestions et 192 compliments. ${percent.format(630 / 832).replace(/\s/g, ' ')} ont reçu une réponse, en 2,5 jours médians.`,
      );
      const label = barOf(el, 'Delivery').getAttribute('aria-label')!;
      expect(label).to.match(/^Delivery; Réclamations : 180; Suggestions : 40; Compliments : 25; Total : 245; /);
      expect(root(el).querySelector('.visually-hidden[id$="-help"]')!.textContent).to.match(/^Delivery : 245, .+ et \(non renseigné\) : 21\. Les flèches/);
      expect(root(el).querySelector('[part="legend"]')!.textContent).to.include('Réclamations (plein)');
      expectFilled(el);
      await expect(el).to.be.accessible();
    });

    it('counts one and none in each language’s plural forms', async () => {
      const few = { ...voiceResult(), total: 2, byKind: { complaint: 1, suggestion: 0, compliment: 1 }, answered: null };
      const summary = async (lang: string, v: VoiceResult = few) => text(root(await inLang(lang, v)).querySelector('[part="summary"]')!);
      const pt = { ...few, total: 4, byKind: { complaint: 1, suggestion: 2, compliment: 1 } };
      expect(await summary('pt', pt)).to.equal('4 opiniões: 1 reclamação, 2 sugestões e 1 elogio.');
      expect(await summary('fr')).to.equal('2 retours clients : 1 réclamation, 0 suggestion et 1 compliment.');
      expect(await summary('en')).to.equal('2 pieces of feedback: 1 complaint, 0 suggestions, and 1 compliment.');
    });
  });

  it('is accessible in light and dark themes, with a choice and the table open', async () => {
    const el = await make();
    root(el).querySelector('details')!.open = true;
    barOf(el, 'Staff').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await useDarkScheme();
    await el.updateComplete;
    expect(getComputedStyle(barOf(el, 'Staff').querySelector('rect.part')!).fill).to.equal('rgb(255, 138, 128)');
    await expect(el).to.be.accessible();
  });
});
