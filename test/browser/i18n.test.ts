import './setup.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { loadSections } from '../../src/index.js';
import type { RapportHeadline } from '../../src/components/headline/rapport-headline.js';
import type { Headline } from '../../src/data/dataset.js';

// The sections tested here come in a chunk of their own that rapport.js fetches as it runs.
await loadSections();

const headline: Headline = { customers: 1234, orders: 5678, revenue: 9876.5, averageOrderValue: 12.5, repeatRate: 0.42, firstOrder: '2024-01-05', lastOrder: '2024-12-30' };
const words = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('the language an element speaks', () => {
  it('follows the page, an ancestor and its own lang, and switches at run time', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div lang="fr"><rapport-headline .headline=${headline}></rapport-headline></div>`);
    const el = wrap.querySelector<RapportHeadline>('rapport-headline')!;
    await el.updateComplete;
    expect(words(el)).to.include('Commandes');
    expect(words(el)).to.include('1 234'); // French groups thousands with a (narrow no-break) space
    wrap.setAttribute('lang', 'ms');
    await waitUntil(() => words(el).includes('Pesanan'), 'follows the ancestor to Malay');
    el.setAttribute('lang', 'es-MX');
    await waitUntil(() => words(el).includes('Pedidos'), 'its own lang wins');
    el.removeAttribute('lang');
    await waitUntil(() => words(el).includes('Pesanan'), 'back to the ancestor');
  });

  it('follows a lang set inside a shadow root (an app built of web components)', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const section = document.createElement('section');
    section.setAttribute('lang', 'en');
    const el = document.createElement('rapport-headline');
    el.headline = headline;
    section.append(el);
    root.append(section);
    await el.updateComplete;
    expect(words(el)).to.include('Orders');
    section.setAttribute('lang', 'pt');
    await waitUntil(() => words(el).includes('Encomendas'), 'follows the section inside the shadow root');
    el.setAttribute('lang', 'fr');
    await waitUntil(() => words(el).includes('Commandes'), 'its own lang inside a shadow root');
  });

  it('re-renders when moved under another language', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div><p lang="es"></p><p lang="pt"></p></div>`);
    const [es, pt] = wrap.querySelectorAll('p');
    const el = document.createElement('rapport-headline');
    el.headline = headline;
    es!.append(el);
    await el.updateComplete;
    expect(words(el)).to.include('Pedidos');
    pt!.append(el);
    await waitUntil(() => words(el).includes('Encomendas'), 'speaks Portuguese after the move');
  });

  it('speaks English for a language Rapport does not speak, with that region\'s numbers', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div lang="de-DE"><rapport-headline .headline=${headline}></rapport-headline></div>`);
    const el = wrap.querySelector<RapportHeadline>('rapport-headline')!;
    await el.updateComplete;
    expect(words(el)).to.include('Orders');
    expect(words(el)).to.include('1.234');
  });
});
