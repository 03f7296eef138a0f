import { restoreLightScheme, useDarkScheme } from './setup.js';
import { THEME_PRESETS } from '../../src/themes/index.js';
import { expectAccessibleLightAndDark, expectFilled, inLanguage, shownText } from './i18n-helpers.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/components/cohorts/rapport-cohorts.js';
import type { RapportCohorts } from '../../src/components/cohorts/rapport-cohorts.js';
import type { CohortRetention } from '../../src/analytics/cohorts.js';
import { handCohorts } from '../helpers/cohorts.js';
import { ContextProvider } from '@lit/context';
import { rapportDataContext, type RapportDataState } from '../../src/components/data/context.js';

/** The hand-made triangle (test/helpers/cohorts.ts) with 8 January customers. */
const triangle = (): CohortRetention => handCohorts(8);

async function make(data: CohortRetention | null = triangle()) {
  const el = await fixture<RapportCohorts>(html`<rapport-cohorts locale="en-US" currency="USD" .data=${data}></rapport-cohorts>`);
  await el.updateComplete;
  return el;
}
/** Opens the "Show as table" disclosure and waits for the table (rendered only once opened). */
async function openTable(el: RapportCohorts): Promise<HTMLTableElement> {
  const details = el.shadowRoot!.querySelector('details')!;
  if (!details.open) {
    const opened = oneEvent(details, 'toggle');
    details.querySelector('summary')!.click();
    await opened;
  }
  await el.updateComplete;
  return el.shadowRoot!.querySelector<HTMLTableElement>('table[part=table]')!;
}
const cellsOf = (el: RapportCohorts) => [...el.shadowRoot!.querySelectorAll<SVGGElement>('[role=gridcell]')];
const cellAt = (el: RapportCohorts, row: number, col: number) =>
  el.shadowRoot!.querySelector<SVGGElement>(`[role=gridcell][data-row="${row}"][data-col="${col}"]`)!;
const labelOf = (el: RapportCohorts, row: number, col: number) => cellAt(el, row, col).getAttribute('aria-label');
const shownIn = (el: RapportCohorts, row: number, col: number) => cellAt(el, row, col).querySelector('text')?.textContent ?? '';
const readout = (el: RapportCohorts) => el.shadowRoot!.querySelector('[part=readout]')!.textContent!.trim();
const button = (el: RapportCohorts, name: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=button]')].find((b) => b.textContent!.trim() === name)!;

/**
 * Linear-light sRGB channels of a computed colour: `rgb(...)`, `color(srgb ...)`, or `oklab(...)`
 * (how Chromium gives a color-mix of a color-mix).
 */
function linear(css: string): [number, number, number] {
  const fromGamma = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const srgb = /color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)/.exec(css);
  if (srgb) return [fromGamma(Number(srgb[1])), fromGamma(Number(srgb[2])), fromGamma(Number(srgb[3]))];
  const rgb = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)/.exec(css);
  if (rgb) return [fromGamma(Number(rgb[1]) / 255), fromGamma(Number(rgb[2]) / 255), fromGamma(Number(rgb[3]) / 255)];
  const lab = /oklab\(([\d.e-]+) ([\d.e-]+) ([\d.e-]+)/.exec(css);
  if (lab) {
    const [L, a, b] = [Number(lab[1]), Number(lab[2]), Number(lab[3])];
    const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
    const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
    const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
    return [
      4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
      -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
      -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
    ];
  }
  throw new Error(`not a colour: ${css}`);
}
/** WCAG contrast ratio of two computed colours. */
function contrast(a: string, b: string): number {
  const lum = (c: [number, number, number]) => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  const [x, y] = [lum(linear(a)), lum(linear(b))];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
/** The lowest contrast of a share written in a cell against that cell's fill. */
function lowestLabelContrast(el: RapportCohorts): number {
  return Math.min(
    ...cellsOf(el)
      .filter((c) => c.querySelector('text'))
      .map((c) => contrast(getComputedStyle(c.querySelector('rect')!).fill, getComputedStyle(c.querySelector('text')!).fill)),
  );
}

afterEach(restoreLightScheme);

describe('rapport-cohorts', () => {
  it('draws one row per cohort and one column per month, each cell labelled with its share', async () => {
    const el = await make();
    expect(cellsOf(el)).to.have.length(9);
    const rowHeads = [...el.shadowRoot!.querySelectorAll('[role=rowheader]')].map((r) => r.getAttribute('aria-label'));
    expect(rowHeads).to.deep.equal([
      'Jan 2024: 8 customers, repeat revenue 20%',
      'Feb 2024: 4 customers, repeat revenue 0%',
      'Mar 2024: 2 customers, no repeat-revenue share',
    ]);
    const colHeads = [...el.shadowRoot!.querySelectorAll('[role=columnheader]')].map((c) => c.getAttribute('aria-label'));
    expect(colHeads).to.deep.equal(['Cohort', 'Month 0', 'Month 1', 'Month 2']);
    expect(labelOf(el, 0, 1)).to.equal('Cohort Jan 2024, month 1: 37.5% of 8 customers (3 active)');
    expect(labelOf(el, 1, 1)).to.equal('Cohort Feb 2024, month 1: 0% of 4 customers (0 active)');
    expect([shownIn(el, 0, 0), shownIn(el, 0, 1), shownIn(el, 0, 2), shownIn(el, 1, 1)]).to.deep.equal(['100%', '37.5%', '12.5%', '0%']);
    // Months after the end: drawn apart (dashed, no share), and said so.
    for (const [r, c] of [
      [1, 2],
      [2, 1],
      [2, 2],
    ] as const) {
      expect(cellAt(el, r, c).dataset.kind).to.equal('future');
      expect(cellAt(el, r, c).classList.contains('empty-cell')).to.equal(true);
      expect(shownIn(el, r, c)).to.equal('');
      expect(getComputedStyle(cellAt(el, r, c).querySelector('rect')!).strokeDasharray).to.not.equal('none');
    }
    expect(labelOf(el, 2, 2)).to.equal('Cohort Mar 2024, month 2: not observed yet');
    // The strongest cell is darker than the weakest observed one (light scheme).
    const fillOf = (r: number, c: number) => getComputedStyle(cellAt(el, r, c).querySelector('rect')!).fill;
    expect(contrast(fillOf(0, 0), 'rgb(255, 255, 255)')).to.be.greaterThan(contrast(fillOf(1, 1), 'rgb(255, 255, 255)') + 2);
    // The overall figures.
    const figures = [...el.shadowRoot!.querySelectorAll('[part=figure]')].map((f) => `${f.querySelector('dt')!.textContent} ${f.querySelector('dd')!.textContent}`);
    expect(figures).to.deep.equal(['Repeat revenue 15.2%', 'Customers acquired 14', 'Cohorts 3', 'Data up to Mar 31, 2024']);
    // The legend: classes from 0, the last open-ended, and the months not observed yet.
    const legend = [...el.shadowRoot!.querySelectorAll('[part=legend-item]')].map((i) => i.textContent!.trim());
    expect(legend[0]).to.match(/^0%–/);
    expect(legend.at(-2)).to.match(/or more$/);
    expect(legend.at(-1)).to.equal('Not observed yet');
    await openTable(el);
    await expectAccessibleLightAndDark(el);
  });

  it('writes every share at 4.5:1 or more against its cell, in light and dark, on every theme preset', async () => {
    const el = await make();
    // Colours change with a short transition, except for readers who ask for reduced motion
    // (then computed colours are the final ones at once, which this check needs).
    const rect = () => getComputedStyle(cellAt(el, 0, 0).querySelector('rect')!);
    expect(rect().transitionDuration).to.not.equal('0s');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(rect().transitionDuration).to.equal('0s');
      expect(lowestLabelContrast(el)).to.be.at.least(4.5);
      await useDarkScheme();
      await el.updateComplete;
      expect(lowestLabelContrast(el)).to.be.at.least(4.5);
      await restoreLightScheme();
      // Each preset's schemes set as plain colours, as a page's theme does.
      for (const preset of THEME_PRESETS) {
        for (const scheme of ['light', 'dark'] as const) {
          for (const [name, value] of Object.entries(preset[scheme])) el.style.setProperty(name, value);
          for (const metric of ['customers', 'revenue'] as const) {
            el.metric = metric;
            await el.updateComplete;
            expect(lowestLabelContrast(el), `${preset.name} ${scheme} ${metric}`).to.be.at.least(4.5);
          }
        }
      }
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('switches to revenue retention with the toggle, keeping the figures in words', async () => {
    const el = await make();
    expect(button(el, 'Customers').getAttribute('aria-pressed')).to.equal('true');
    button(el, 'Revenue').click();
    await el.updateComplete;
    expect(el.metric).to.equal('revenue');
    expect(el.getAttribute('metric')).to.equal('revenue');
    expect(button(el, 'Revenue').getAttribute('aria-pressed')).to.equal('true');
    expect(button(el, 'Customers').getAttribute('aria-pressed')).to.equal('false');
    expect(el.shadowRoot!.querySelector('[part=title]')!.textContent).to.equal('Revenue retention by cohort');
    expect(labelOf(el, 0, 1)).to.equal('Cohort Jan 2024, month 1: 20% of the first month’s revenue ($200.00)');
    expect([shownIn(el, 0, 1), shownIn(el, 0, 2)]).to.deep.equal(['20%', '5%']);
    // March netted nothing in its first month: no share, said so, drawn as empty with a dash.
    expect(cellAt(el, 2, 0).dataset.kind).to.equal('no-base');
    expect(shownIn(el, 2, 0)).to.equal('–');
    expect(labelOf(el, 2, 0)).to.equal(
      'Cohort Mar 2024, month 0: $0.00 net revenue (no share: the first month’s net revenue is not positive)',
    );
    const legend = [...el.shadowRoot!.querySelectorAll('[part=legend-item]')].map((i) => i.textContent!.trim());
    expect(legend).to.include('No share');
    expect(el.shadowRoot!.querySelector('[part=legend]')!.textContent).to.include('Share of first-month revenue');
    await expectAccessibleLightAndDark(el);
    // An unknown metric falls back to customers.
    el.metric = 'margin' as never;
    await el.updateComplete;
    expect(el.metric).to.equal('customers');
  });

  it('is one tab stop; arrow keys, Home and End move between cells, and the readout follows', async () => {
    const el = await make();
    expect(cellsOf(el).filter((c) => c.getAttribute('tabindex') === '0')).to.have.length(1);
    expect(cellAt(el, 0, 0).getAttribute('tabindex')).to.equal('0');
    cellAt(el, 0, 0).focus();
    await el.updateComplete;
    expect(readout(el)).to.equal('Cohort Jan 2024, month 0: 100% of 8 customers (8 active)');
    // The ring is drawn over the focused cell.
    const ring = () => el.shadowRoot!.querySelector<SVGRectElement>('[part=focus-ring] .ring')!;
    const box = cellAt(el, 0, 0).querySelector('rect')!;
    expect(Number(ring().getAttribute('x'))).to.be.lessThan(Number(box.getAttribute('x')));
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(cellAt(el, 0, 1));
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(cellAt(el, 1, 1));
    expect(cellAt(el, 1, 1).getAttribute('tabindex')).to.equal('0');
    expect(cellAt(el, 0, 0).getAttribute('tabindex')).to.equal('-1');
    expect(readout(el)).to.equal('Cohort Feb 2024, month 1: 0% of 4 customers (0 active)');
    expect(Number(ring().getAttribute('y'))).to.be.lessThan(Number(cellAt(el, 1, 1).querySelector('rect')!.getAttribute('y')));
    expect(Number(ring().getAttribute('y'))).to.be.greaterThan(Number(box.getAttribute('y')));
    // Into the months not observed yet too: every cell of the grid is reachable.
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(cellAt(el, 1, 2));
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(cellAt(el, 2, 2));
    await sendKeys({ press: 'Control+Home' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(cellAt(el, 0, 0));
    // Switching the metric keeps the place and the readout follows the new words.
    button(el, 'Revenue').click();
    await el.updateComplete;
    expect(cellAt(el, 0, 0).getAttribute('tabindex')).to.equal('0');
    expect(readout(el)).to.equal('Cohort Jan 2024, month 0: 100% of the first month’s revenue ($1,000.00)');
  });

  it('draws new figures a block of rows at a time, and its updateComplete waits for the last', async () => {
    // 30 monthly cohorts, 2022-01 to 2024-06: each watched to the end.
    const months = Array.from({ length: 30 }, (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const data: CohortRetention = {
      end: '2024-06-30',
      cohorts: months.map((cohort) => ({ cohort, customers: 10, revenue: 100, repeatRevenue: 10, repeatRevenueShare: 0.1 })),
      cells: months.flatMap((cohort, i) =>
        Array.from({ length: 30 - i }, (_, m) => ({ cohort, monthsSince: m, customers: m === 0 ? 10 : 5, revenue: m === 0 ? 100 : 10, retention: m === 0 ? 1 : 0.5 })),
      ),
      overall: { customers: 300, revenue: 3000, repeatRevenue: 300, repeatRevenueShare: 0.1 },
    };
    const el = await make(null);
    const batches: number[] = [];
    const watch = new MutationObserver((records) => {
      const added = records.flatMap((r) => [...r.addedNodes]).filter((n): n is Element => n instanceof Element);
      const rows = added.reduce((sum, n) => sum + (n.getAttribute('role') === 'row' ? 1 : 0) + n.querySelectorAll('[role=grid] > [role=row]').length, 0);
      if (rows) batches.push(rows);
    });
    watch.observe(el.shadowRoot!, { childList: true, subtree: true });
    el.data = data;
    await el.updateComplete;
    watch.disconnect();
    // Every row there (and the header row), each with its 30 cells, once updateComplete resolves.
    expect(el.shadowRoot!.querySelectorAll('[role=grid] > [role=row]').length).to.equal(31);
    expect(cellsOf(el)).to.have.length(30 * 30);
    expect(labelOf(el, 29, 0)).to.include('Jun 2024');
    // Drawn in blocks: the header row and the first rows, then the rest a block at a time.
    expect(batches.length, `batches ${batches.join()}`).to.be.greaterThan(2);
    expect(batches.reduce((a, b) => a + b, 0)).to.equal(31);
    expect(Math.max(...batches.slice(1))).to.be.at.most(8);
    // A new metric redraws every row at once (the rows are there).
    button(el, 'Revenue').click();
    await el.updateComplete;
    expect(cellsOf(el)).to.have.length(30 * 30);
    await expect(el).to.be.accessible();
  });

  it('new figures update the rows drawn in place, keeping the focused cell, and add new rows a block at a time', async () => {
    const triangleOf = (n: number, revenue: number): CohortRetention => {
      const months = Array.from({ length: n }, (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
      return {
        end: months.at(-1)! + '-28',
        cohorts: months.map((cohort) => ({ cohort, customers: 10, revenue, repeatRevenue: 10, repeatRevenueShare: 10 / revenue })),
        cells: months.flatMap((cohort, i) => Array.from({ length: n - i }, (_, m) => ({ cohort, monthsSince: m, customers: m === 0 ? 10 : 4, revenue: m === 0 ? revenue : 10, retention: m === 0 ? 1 : 0.4 }))),
        overall: { customers: 10 * n, revenue: revenue * n, repeatRevenue: 10 * n, repeatRevenueShare: 10 / revenue },
      };
    };
    const el = await make(triangleOf(20, 100));
    cellAt(el, 15, 2).focus();
    expect(el.shadowRoot!.activeElement).to.equal(cellAt(el, 15, 2));
    const focused = cellAt(el, 15, 2);
    el.data = triangleOf(30, 200);
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement, 'the same cell element, still focused').to.equal(focused);
    expect(cellAt(el, 15, 2)).to.equal(focused);
    expect(el.shadowRoot!.querySelectorAll('[role=grid] > [role=row]').length).to.equal(31);
    expect(el.shadowRoot!.querySelectorAll('[role=gridcell][tabindex="0"]')).to.have.length(1);
  });

  it('offers the same figures as a table, rendered when the reader opens it', async () => {
    const el = await make();
    const details = el.shadowRoot!.querySelector('details')!;
    expect(details.querySelector('table'), 'not rendered while closed').to.equal(null);
    const table = await openTable(el);
    expect(table.querySelector('caption')!.textContent!.trim()).to.equal('Customer retention by cohort and month since first order');
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
    expect(heads).to.deep.equal(['Cohort', 'Customers', 'Repeat revenue', 'Month 0', 'Month 1', 'Month 2']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));
    expect(rows).to.deep.equal([
      ['Jan 2024', '8', '20%', '100% (8)', '37.5% (3)', '12.5% (1)'],
      ['Feb 2024', '4', '0%', '100% (4)', '0% (0)', '–not observed yet'],
      ['Mar 2024', '2', '–', '100% (2)', '–not observed yet', '–not observed yet'],
    ]);
    el.metric = 'revenue';
    await el.updateComplete;
    const jan = [...table.querySelectorAll('tbody tr')][0]!;
    expect([...jan.children].slice(3).map((c) => c.textContent!.trim())).to.deep.equal(['100% ($1,000.00)', '20% ($200.00)', '5% ($50.00)']);
    await expect(el).to.be.accessible();
  });

  it('takes the cohorts and the currency of the provider around it, as the other charts do', async () => {
    // A stand-in for <rapport-data>: its context with only the fields the element reads.
    const page = await fixture<HTMLDivElement>(html`<div></div>`);
    const ours = triangle();
    const theirs = { ...triangle(), cohorts: triangle().cohorts.slice(0, 1), cells: triangle().cells.slice(0, 3) };
    const state = (extra: object) => ({ currency: 'EUR', ...extra }) as unknown as RapportDataState;
    const provider = new ContextProvider(page, { context: rapportDataContext, initialValue: state({ cohorts: ours }) });
    const el = document.createElement('rapport-cohorts');
    el.locale = 'en-US';
    page.append(el);
    await el.updateComplete;
    expect(el.data).to.equal(ours);
    expect(el.currency).to.equal('EUR');
    provider.setValue(state({ cohorts: theirs }));
    await el.updateComplete;
    expect(el.data).to.equal(theirs);
    expect(cellsOf(el)).to.have.length(3);
    expect(labelOf(el, 0, 1)).to.equal('Cohort Jan 2024, month 1: 37.5% of 8 customers (3 active)');
    provider.setValue(state({ cohorts: null }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=empty]')!.textContent).to.equal('No cohorts to show yet.');
  });

  it('says when there is nothing to show', async () => {
    const none = await make(null);
    expect(none.shadowRoot!.querySelector('[part=empty]')!.textContent).to.equal('No cohorts to show yet.');
    const empty = await make({ end: null, cohorts: [], cells: [], overall: { customers: 0, revenue: 0, repeatRevenue: 0, repeatRevenueShare: null } });
    expect(empty.shadowRoot!.querySelector('[part=empty]')!.textContent).to.equal('No orders, so no cohorts.');
    await expect(empty).to.be.accessible();
  });

  it('speaks Portuguese under lang="pt", with Portuguese numbers and months', async () => {
    const el = await inLanguage<RapportCohorts>('pt', html`<rapport-cohorts currency="EUR" .data=${triangle()}></rapport-cohorts>`);
    const pct = (x: number) => new Intl.NumberFormat('pt', { style: 'percent', maximumFractionDigits: 1 }).format(x);
    const month = new Intl.DateTimeFormat('pt', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1));
    expect(pct(0.375)).to.equal('37,5%');
    expect(el.shadowRoot!.querySelector('[part=title]')!.textContent).to.equal('Retenção de clientes por coorte');
    expect(labelOf(el, 0, 1)).to.equal(`Coorte ${month}, mês 1: ${pct(0.375)} de 8 clientes (3 ativos)`);
    expect(labelOf(el, 2, 2)).to.equal(`Coorte ${new Intl.DateTimeFormat('pt', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2024, 2, 1))}, mês 2: ainda não observado`);
    expect(shownIn(el, 0, 2)).to.equal(pct(0.125));
    const text = shownText(el);
    expect(text).to.include('Receita repetida');
    expect(text).to.include('Meses desde a primeira encomenda');
    expect(text).to.include('Ver como tabela');
    button(el, 'Receita').click();
    await el.updateComplete;
    const money = new Intl.NumberFormat('pt', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 }).format(200);
    expect(labelOf(el, 0, 1)).to.equal(`Coorte ${month}, mês 1: ${pct(0.2)} da receita do primeiro mês (${money})`);
    expect((await openTable(el)).querySelector('caption')!.textContent).to.equal('Retenção de receita por coorte e mês desde a primeira encomenda');
    expectFilled(el);
    await expectAccessibleLightAndDark(el);
  });

  it('speaks Malay under lang="ms"', async () => {
    const el = await inLanguage<RapportCohorts>('ms', html`<rapport-cohorts .data=${triangle()}></rapport-cohorts>`);
    const pct = (x: number) => new Intl.NumberFormat('ms', { style: 'percent', maximumFractionDigits: 1 }).format(x);
    const month = new Intl.DateTimeFormat('ms', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1));
    expect(el.shadowRoot!.querySelector('[part=title]')!.textContent).to.equal('Pengekalan pelanggan mengikut kohort');
    expect(labelOf(el, 0, 1)).to.equal(`Kohort ${month}, bulan 1: ${pct(0.375)} daripada 8 pelanggan (3 aktif)`);
    const text = shownText(el);
    expect(text).to.include('Bulan sejak pesanan pertama');
    expect(text).to.include('Belum diperhatikan');
    expect(text).to.include('Hasil berulang');
    expect((await openTable(el)).querySelectorAll('tbody tr')).to.have.length(3);
    expectFilled(el);
    await expectAccessibleLightAndDark(el);
  });
});
