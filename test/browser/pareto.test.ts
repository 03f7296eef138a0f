import { restoreLightScheme } from './setup.js';
import { expectAccessibleLightAndDark, expectFilled, inLanguage, shownText } from './i18n-helpers.js';
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/pareto/rapport-pareto.js';
import type { RapportPareto } from '../../src/components/pareto/rapport-pareto.js';
import { lorenzDeciles, lorenzLayout } from '../../src/charts/lorenz-layout.js';
import type { ParetoPoint, ParetoResult } from '../../src/data/customer-types.js';

/** A concave Lorenz curve: L(x) = 1 - (1 - x)^4, so the top 20% hold 1 - 0.8^4 = 59.04%. */
function curvePoints(shape = (x: number) => 1 - (1 - x) ** 4): ParetoPoint[] {
  return Array.from({ length: 101 }, (_, p) => ({ p, share_of_customers: p / 100, share_of_value: shape(p / 100) }));
}

function result(overrides: Partial<ParetoResult> = {}): ParetoResult {
  const points = curvePoints();
  return {
    by: 'revenue',
    analysisDate: '2024-12-31',
    customers: 18_432,
    totalValue: 1_000_000,
    points,
    top20Share: points[20]!.share_of_value,
    gini: 0.6,
    standard: 50,
    below: 6079,
    belowShareOfValue: 0.033,
    belowCustomers: [],
    ...overrides,
  };
}

const textOf = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('lorenzLayout', () => {
  const margins = { top: 10, right: 20, bottom: 30, left: 40 };

  it('starts the curve at (0, bottom) and ends it at the top right for shares 0..1', () => {
    const l = lorenzLayout(curvePoints(), 400, 300, margins);
    expect(l.path.startsWith('M40,270')).to.equal(true);
    expect(l.path.endsWith('380,10')).to.equal(true);
    expect(l.equalityPath).to.equal('M40,270L380,10');
    expect(l.marks).to.have.length(101);
    expect(l.plot).to.deep.equal({ left: 40, top: 10, right: 380, bottom: 270 });
  });

  it('ticks both axes from 0% to 100%', () => {
    const l = lorenzLayout(curvePoints(), 400, 300, margins);
    for (const ticks of [l.xTicks, l.yTicks]) {
      expect(ticks.map((t) => t.value)).to.deep.equal([0, 0.2, 0.4, 0.6, 0.8, 1]);
    }
    expect(l.xTicks[0]!.position).to.equal(40);
    expect(l.xTicks.at(-1)!.position).to.equal(380);
    expect(l.yTicks[0]!.position).to.equal(270);
    expect(l.yTicks.at(-1)!.position).to.equal(10);
  });

  it('places the marker at 20% of customers', () => {
    const l = lorenzLayout(curvePoints(), 400, 300, margins);
    expect(l.marker!.p).to.equal(20);
    expect(l.marker!.x).to.be.closeTo(40 + 0.2 * 340, 1e-9);
    expect(l.marker!.y).to.be.closeTo(270 - 0.5904 * 260, 1e-9);
  });

  it('leaves out points without a value share', () => {
    const l = lorenzLayout(curvePoints().map((pt) => ({ ...pt, share_of_value: null })), 400, 300, margins);
    expect(l.path).to.equal('');
    expect(l.marker).to.equal(null);
    expect(l.marks).to.have.length(0);
  });

  it('picks the ten deciles', () => {
    expect(lorenzDeciles(curvePoints()).map((pt) => pt.p)).to.deep.equal([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });
});

describe('rapport-pareto', () => {
  it('renders the curve and the line of equality in an labelled svg', async () => {
    const el = await fixture<RapportPareto>(html`<rapport-pareto locale="en-US" .pareto=${result()}></rapport-pareto>`);
    const root = el.shadowRoot!;
    const svgEl = root.querySelector('svg')!;
    expect(svgEl.getAttribute('role')).to.equal('img');
    expect(svgEl.getAttribute('aria-label')).to.include('Top 20% of customers: 59% of revenue');
    expect(svgEl.getAttribute('aria-label')).to.include('Gini coefficient 0.60');
    const curve = root.querySelector('[part="curve"]')!;
    expect(curve.getAttribute('d')).to.match(/^M/);
    expect(curve.getAttribute('aria-label')).to.be.a('string');
    expect(root.querySelector('[part="equality"]')!.getAttribute('d')).to.match(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
    expect(root.querySelectorAll('[part="axis"] text').length).to.be.greaterThan(10);
  });

  it('annotates the top-20% share, the Gini and the customers below the standard', async () => {
    const points = curvePoints((x) => Math.min(1, x * 3.4));
    const el = await fixture<RapportPareto>(
      html`<rapport-pareto locale="en-US" .pareto=${result({ points, top20Share: points[20]!.share_of_value, gini: 0.62 })}></rapport-pareto>`,
    );
    const annotation = el.shadowRoot!.querySelector('[part="annotation"]')!;
    expect(annotation.textContent).to.equal('Top 20% of customers: 68% of revenue');
    const text = textOf(el);
    expect(text).to.include('Gini coefficient: 0.62');
    expect(text).to.include('6,079 customers below the standard: 3.3% of revenue');
  });

  it('says "margin" and leaves out the below-standard sentence when there is no standard', async () => {
    const el = await fixture<RapportPareto>(
      html`<rapport-pareto .pareto=${result({ by: 'margin', standard: null, below: null, belowShareOfValue: null })}></rapport-pareto>`,
    );
    const text = textOf(el);
    expect(text).to.include('of margin');
    expect(text).not.to.include('below the standard');
  });

  it('has a decile table matching the points, with a caption', async () => {
    const r = result();
    const el = await fixture<RapportPareto>(html`<rapport-pareto locale="en-US" .pareto=${r}></rapport-pareto>`);
    const table = el.shadowRoot!.querySelector('table')!;
    expect(table.querySelector('caption')!.textContent).to.include('by decile');
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows).to.have.length(10);
    const pct = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
    rows.forEach((row, i) => {
      const pt = r.points[(i + 1) * 10]!;
      expect(row.querySelector('th')!.textContent!.trim()).to.equal(`Top ${pct.format(pt.share_of_customers)}`);
      expect(row.querySelector('td')!.textContent!.trim()).to.equal(pct.format(pt.share_of_value!));
    });
  });

  it('moves the focus marker along the curve with the arrow keys, in 10% steps', async () => {
    const el = await fixture<RapportPareto>(html`<rapport-pareto locale="en-US" .pareto=${result()}></rapport-pareto>`);
    const marker = () => el.shadowRoot!.querySelector<HTMLElement>('[part="marker"]')!;
    expect(marker().tabIndex).to.equal(0);
    expect(marker().getAttribute('aria-valuenow')).to.equal('20');
    const tip = el.shadowRoot!.getElementById(marker().getAttribute('aria-describedby')!)!;
    expect(tip.textContent).to.equal('Top 20% of customers: 59% of revenue');
    marker().focus();
    const press = async (key: string) => {
      marker().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
      await el.updateComplete;
    };
    await press('ArrowRight');
    expect(marker().getAttribute('aria-valuenow')).to.equal('30');
    expect(marker().getAttribute('aria-valuetext')).to.equal('Top 30% of customers: 76% of revenue');
    await press('ArrowLeft');
    await press('ArrowLeft');
    expect(marker().getAttribute('aria-valuenow')).to.equal('10');
    await press('End');
    expect(marker().getAttribute('aria-valuenow')).to.equal('100');
    await press('ArrowRight');
    expect(marker().getAttribute('aria-valuenow')).to.equal('100');
    expect(el.shadowRoot!.activeElement).to.equal(marker());
  });

  it('redraws when the data changes', async () => {
    const el = await fixture<RapportPareto>(html`<rapport-pareto locale="en-US" .pareto=${result()}></rapport-pareto>`);
    const before = el.shadowRoot!.querySelector('[part="curve"]')!.getAttribute('d');
    el.pareto = result({ points: curvePoints((x) => x) });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="curve"]')!.getAttribute('d')).not.to.equal(before);
    expect(el.shadowRoot!.querySelector('[part="annotation"]')!.textContent).to.equal('Top 20% of customers: 20% of revenue');
  });

  it('shows an empty state when there is no data, and when the total is not positive', async () => {
    const el = await fixture<RapportPareto>(html`<rapport-pareto></rapport-pareto>`);
    expect(el.shadowRoot!.querySelector('[part="empty"]')).to.exist;
    expect(el.shadowRoot!.querySelector('svg')).to.equal(null);
    await expect(el).to.be.accessible();
    el.pareto = result({ points: curvePoints().map((pt) => ({ ...pt, share_of_value: null })), gini: null, top20Share: null });
    await el.updateComplete;
    expect(textOf(el)).to.include('not positive');
  });

  it('is accessible', async () => {
    const el = await fixture<RapportPareto>(html`<rapport-pareto locale="en-US" .pareto=${result()}></rapport-pareto>`);
    await expect(el).to.be.accessible();
  });
});

describe('rapport-pareto in other languages', () => {
  afterEach(restoreLightScheme);
  const inLang = (lang: string, r: ParetoResult | null = result()) => inLanguage<RapportPareto>(lang, html`<rapport-pareto .pareto=${r}></rapport-pareto>`);

  it('speaks Portuguese inside lang="pt", with Portuguese numbers', async () => {
    const el = await inLang('pt');
    expect(el.shadowRoot!.querySelector('[part="annotation"]')!.textContent).to.equal('Os 20% melhores clientes: 59% da receita');
    const svgLabel = el.shadowRoot!.querySelector('svg')!.getAttribute('aria-label')!;
    expect(svgLabel).to.include('Curva de Pareto da receita de 18.432 clientes');
    expect(svgLabel).to.include('Coeficiente de Gini 0,60.');
    const text = shownText(el);
    expect(text).to.include('Coeficiente de Gini: 0,60.');
    expect(text).to.include('6.079 clientes abaixo do padrão: 3,3% da receita.');
    expect(text).to.include('Parte dos clientes (os mais valiosos primeiro)');
    expect(el.shadowRoot!.querySelector('caption')!.textContent).to.include('por decil');
    expect(el.shadowRoot!.querySelector('tbody th')!.textContent!.trim()).to.equal('Os 10% melhores');
    expect(el.shadowRoot!.querySelector('[part="marker"]')!.getAttribute('aria-label')).to.equal('Parte dos clientes');
    expectFilled(el);
    await expectAccessibleLightAndDark(el);
  });

  it('speaks Malay inside lang="ms", margin wording and the one-customer form', async () => {
    const el = await inLang('ms', result({ by: 'margin', below: 1, belowShareOfValue: 0.001 }));
    const text = shownText(el);
    expect(el.shadowRoot!.querySelector('[part="annotation"]')!.textContent).to.equal('20% pelanggan teratas: 59% daripada margin');
    expect(text).to.include('Pekali Gini: 0.60.');
    expect(text).to.include('1 pelanggan di bawah piawai: 0.1% daripada margin.');
    expect(text).to.include('Lengkung Pareto margin bagi 18,432 pelanggan');
    expect(text).to.include('Bahagian margin');
    expectFilled(el);
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish inside lang="es", and French empty states', async () => {
    const es = await inLang('es', result({ below: 1, belowShareOfValue: null }));
    expect(shownText(es)).to.include('1 cliente por debajo del estándar.');
    expect(shownText(es)).to.include('Coeficiente de Gini: 0,60.');
    const pct = new Intl.NumberFormat('es', { style: 'percent', maximumFractionDigits: 1 });
    expect(es.shadowRoot!.querySelector('[part="annotation"]')!.textContent).to.equal(
      `El ${pct.format(0.2)} de clientes más valiosos: ${pct.format(0.59)} de los ingresos`,
    );
    expectFilled(es);
    await expect(es).to.be.accessible();
    const fr = await inLang('fr', null);
    expect(shownText(fr)).to.include('Pas encore de données de rentabilité');
    fr.pareto = result({ points: curvePoints().map((pt) => ({ ...pt, share_of_value: null })), gini: null, top20Share: null });
    await fr.updateComplete;
    expect(shownText(fr)).to.include('le chiffre d’affaires total n’est pas positif');
    expectFilled(fr);
  });

  it('exposes its pieces as parts and takes its colours from its custom properties', async () => {
    const el = await fixture<RapportPareto>(html`<rapport-pareto .pareto=${result()}></rapport-pareto>`);
    const root = el.shadowRoot!;
    for (const part of ['chart', 'curve', 'area', 'equality', 'axis', 'gridline', 'axis-label', 'axis-title', 'mark', 'guide', 'annotation', 'marker', 'tooltip', 'summary', 'value', 'table', 'table-caption', 'table-header', 'table-row', 'table-row-header', 'table-cell']) {
      expect(root.querySelector(`[part~="${part}"]`), part).to.exist;
    }
    el.style.setProperty('--rapport-pareto-axis-color', 'rgb(1, 2, 3)');
    el.style.setProperty('--rapport-pareto-marker-surface-color', 'rgb(4, 5, 6)');
    expect(getComputedStyle(root.querySelector('[part="axis-label"]')!).fill).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(root.querySelector('[part="marker"]')!).backgroundColor).to.equal('rgb(4, 5, 6)');
  });
});
