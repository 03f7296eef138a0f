import './setup.js';
import { shownRows } from './setup.js';
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { RapportDashboard } from '../../src/components/dashboard/rapport-dashboard.js';
import type { RapportCustomerTable } from '../../src/components/customer-table/rapport-customer-table.js';
import type { RapportVoice } from '../../src/components/voice/rapport-voice.js';
import type { RapportQualityGap } from '../../src/components/quality-gap/rapport-quality-gap.js';
import { chartToSvg } from '../../src/components/base/chart-export.js';
import { sampleSurveyCsv } from '../../src/sample/sample-survey.js';
import { HOSTILE_NAMES, csvField, hostileCorpus } from '../hostile/corpus.js';
import { mountHostilePage, nothingInjected, type HostilePage } from './hostile-helpers.js';

/**
 * Text from data that looks like markup, script, formulas or SQL, carried by every way data
 * reaches the screen: customer ids (list, details), feedback categories, channels and texts
 * (voice of the customer, its tooltips), survey dimension names (quality gap, its tooltips),
 * and out again through the exports (chart SVG, customer list CSV). It shows as the text it is
 * and runs nothing.
 */

const MARKUP = HOSTILE_NAMES.filter((n) => /[<>]|javascript:/.test(n));
const KINDS = ['complaint', 'suggestion', 'compliment'];

/** Feedback whose customers, categories, channels and texts are all hostile names. */
function hostileFeedbackCsv(): string {
  const rows = HOSTILE_NAMES.map((n, i) =>
    // The markup names first, dated latest: they are the recent texts shown.
    [n, `2024-02-${String(28 - i).padStart(2, '0')}`, KINDS[i % 3]!, '', '', n, HOSTILE_NAMES[(i + 1) % HOSTILE_NAMES.length]!, n, ''].map(csvField).join(','),
  );
  return ['customer_id,date,kind,score,scale,text,channel,category,answered_date', ...rows].join('\n');
}

/** The sample survey with its five dimensions renamed to markup. */
function hostileSurveyCsv(): string {
  const [header, ...lines] = sampleSurveyCsv().trim().split('\n');
  const cols = header!.split(',');
  const at = cols.indexOf('dimension');
  const names = new Map<string, string>();
  return [
    header,
    ...lines.map((l) => {
      const f = l.split(',');
      if (!names.has(f[at]!)) names.set(f[at]!, HOSTILE_NAMES[names.size % HOSTILE_NAMES.length]!);
      f[at] = csvField(names.get(f[at]!)!);
      return f.join(',');
    }),
  ].join('\n');
}

const inner = <T extends Element>(el: Element, tag: string) => el.shadowRoot!.querySelector(tag) as T | null;

/** Parses an exported SVG as a viewer would; nothing in it can run. */
function inertSvg(svg: string): XMLDocument {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror'), 'XML errors').to.have.length(0);
  const all = [...doc.getElementsByTagName('*')];
  expect(all.filter((e) => e.namespaceURI !== 'http://www.w3.org/2000/svg').map((e) => e.localName), 'non-SVG elements').to.deep.equal([]);
  expect(all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).map((e) => e.localName), 'handlers').to.deep.equal([]);
  expect(doc.getElementsByTagName('script')).to.have.length(0);
  expect(doc.getElementsByTagName('foreignObject')).to.have.length(0);
  return doc;
}

const tooltipText = (root: ShadowRoot) => root.querySelector('[part="tooltip"]')?.textContent ?? '';

describe('hostile text from data in lists, details, tooltips and exports', function () {
  this.timeout(300_000);
  let page: HostilePage;
  let el: RapportDashboard;
  let alerts: unknown[];

  before(async () => {
    page = await mountHostilePage();
    ({ el, alerts } = page);
    const orders = hostileCorpus().find((f) => f.name === 'hostile-names.csv')!;
    expect((await el.loadFile(new File([orders.bytes as BlobPart], orders.name)))?.customers).to.equal(HOSTILE_NAMES.length);
    const feedback = await el.loadFeedbackFile(new File([hostileFeedbackCsv()], 'hostile-feedback.csv'));
    expect(feedback?.rowsLoaded, 'every feedback row loaded').to.equal(HOSTILE_NAMES.length);
    const survey = await el.loadSurveyFile(new File([hostileSurveyCsv()], 'hostile-survey.csv'));
    expect(survey?.rowsRejected ?? -1, 'no survey row rejected').to.equal(0);
  });
  after(() => page.close());

  it('voice of the customer: hostile categories, channels and texts are text in bars, tooltips and the recent list', async () => {
    const voice = await waitUntil(() => inner<RapportVoice>(el, 'rapport-voice')?.voice, 'the voice drawn', { timeout: 60_000 }).then(() => inner<RapportVoice>(el, 'rapport-voice')!);
    voice.scrollIntoView();
    await voice.updateComplete;
    const root = voice.shadowRoot!;
    const bars = [...root.querySelectorAll<HTMLElement>('[part="bar"]')];
    expect(bars.length, 'a bar per category').to.be.at.least(10);
    // Every bar's tooltip names its category as written.
    const seen: string[] = [];
    for (const bar of bars) {
      bar.focus();
      await voice.updateComplete;
      const tip = tooltipText(root);
      expect(tip, `tooltip of ${bar.dataset.key}`).to.include(bar.dataset.key!);
      seen.push(bar.dataset.key!);
    }
    for (const m of MARKUP) expect(seen, `a bar for ${m}`).to.include(m);
    bars.at(-1)!.blur();
    const recent = [...root.querySelectorAll('[part="recent"] li .text')].map((t) => t.textContent ?? '');
    expect(recent.length).to.be.at.least(1);
    for (const t of recent) expect(HOSTILE_NAMES, `recent text ${t} shown as written`).to.include(t);
    expect(recent.filter((t) => MARKUP.includes(t)).length, 'markup texts among the recent').to.be.at.least(2);
    await new Promise((r) => setTimeout(r, 300));
    nothingInjected(el.shadowRoot!, alerts);
    // Its SVG export carries the names as escaped text.
    const svg = chartToSvg(voice);
    const doc = inertSvg(svg);
    expect(doc.documentElement.textContent).to.include('<script>alert(1)</script>');
    expect(svg).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('quality gap: hostile dimension names are text in rows, tooltips and the export', async () => {
    const gap = await waitUntil(() => inner<RapportQualityGap>(el, 'rapport-quality-gap')?.gap, 'the quality gap drawn', { timeout: 60_000 }).then(() => inner<RapportQualityGap>(el, 'rapport-quality-gap')!);
    gap.scrollIntoView();
    await gap.updateComplete;
    const root = gap.shadowRoot!;
    const marks = [...root.querySelectorAll<HTMLElement>('[data-chart="main"] .mark')];
    expect(marks).to.have.length(5);
    // Dimension names are shown with a capital first letter (the survey may write them in lower case).
    const lower = (s: string) => s.toLowerCase();
    for (const mark of marks) {
      const name = lower(mark.dataset.key!.replace(/^d:/, ''));
      mark.focus();
      await gap.updateComplete;
      expect(lower(tooltipText(root)), `tooltip of ${name}`).to.include(name);
      expect(lower(mark.getAttribute('aria-label') ?? '')).to.include(name);
    }
    marks.at(-1)!.blur();
    const shown = lower(root.textContent ?? '');
    for (const name of HOSTILE_NAMES.slice(0, 5)) expect(shown, `${name} shown`).to.include(lower(name));
    await new Promise((r) => setTimeout(r, 300));
    nothingInjected(el.shadowRoot!, alerts);
    const svg = chartToSvg(gap);
    const doc = inertSvg(svg);
    expect(doc.documentElement.textContent).to.include('<img src=x onerror=alert(1)>');
    await expect(el).to.be.accessible();
  });

  it('a customer with a markup id opens in the details as text; the list CSV defuses formulas', async () => {
    const table = inner<RapportCustomerTable>(el, 'rapport-customer-table')!;
    await waitUntil(async () => (await shownRows(table)).length === HOSTILE_NAMES.length, 'the list', { timeout: 60_000 });
    type Detail = HTMLElement & { detail: { customer: { customer_id: string } } | null; updateComplete: Promise<boolean> };
    for (const id of MARKUP) {
      table.dispatchEvent(new CustomEvent('rapport-customer-select', { detail: { customerId: id }, bubbles: true, composed: true }));
      await waitUntil(() => inner<Detail>(el, 'rapport-customer-detail')?.detail?.customer.customer_id === id, `details of ${id}`, { timeout: 20_000 });
      const detail = inner<Detail>(el, 'rapport-customer-detail')!;
      await detail.updateComplete;
      expect(detail.shadowRoot!.textContent, `${id} shown as text`).to.include(id);
    }
    await new Promise((r) => setTimeout(r, 300));
    nothingInjected(el.shadowRoot!, alerts);
    // The exported list: every customer, each formula-looking id behind an apostrophe.
    const csv = await (await table.exportBlob('csv')).text();
    for (const id of HOSTILE_NAMES.filter((n) => /^[=+\-@]/.test(n))) {
      expect(csv, `${id} defused`).to.include(csvField(`'${id}`));
      expect(csv.split('\n').some((line) => line.startsWith(id) || line.startsWith(`"${id}`)), `${id} left live`).to.equal(false);
    }
    await expect(el).to.be.accessible();
  });
});
