import { restoreLightScheme, useDarkScheme } from './setup.js';
import { expect, fixture, html } from '@open-wc/testing';
import { loadSections } from '../../src/index.js';
import { RapportElement } from '../../src/components/base/rapport-element.js';
import { themeTokens } from '../../src/components/base/theme.js';
import type { RapportHeadline } from '../../src/components/headline/rapport-headline.js';
import type { RapportDashboard } from '../../src/components/dashboard/rapport-dashboard.js';
import type { Headline } from '../../src/data/dataset.js';
import { themeCss, themePreset } from '../../src/themes/index.js';
import type { RapportLadder } from '../../src/components/ladder/rapport-ladder.js';
import type { RapportSegments } from '../../src/components/segments/rapport-segments.js';
import type { LadderResult } from '../../src/analytics/ladder.js';
import type { SegmentSummaryRow } from '../../src/data/rfm.js';
import { defaultRules, evidenceRungs, rungRow } from '../helpers/ladder.js';

// The sections tested here come in a chunk of their own that rapport.js fetches as it runs.
await loadSections();

const HEADLINE: Headline = {
  customers: 1200,
  orders: 3400,
  revenue: 98765.4,
  averageOrderValue: 29.05,
  repeatRate: 0.42,
  firstOrder: '2023-01-02',
  lastOrder: '2024-12-30',
};

/** The default preset's colours as getComputedStyle reports them. */
const LIGHT = { text: 'rgb(29, 36, 48)', surface: 'rgb(255, 255, 255)', primary: 'rgb(31, 95, 191)' };
const DARK = { text: 'rgb(232, 235, 240)', surface: 'rgb(22, 27, 34)', primary: 'rgb(110, 168, 255)' };

/** A dashboard-like host: a Rapport element holding another in its shadow root. */
class ThemeTestHost extends RapportElement {
  static override styles = [themeTokens];
  override render() {
    return html`<rapport-headline .headline=${HEADLINE}></rapport-headline>`;
  }
}
customElements.define('theme-test-host', ThemeTestHost);

/** Text colour and background of a headline's first figure (a piece inside its shadow root). */
function figureColours(headline: RapportHeadline): { text: string; surface: string } {
  const figure = headline.shadowRoot!.querySelector('[part=figure]')!;
  const value = headline.shadowRoot!.querySelector('[part=value]')!;
  return { text: getComputedStyle(value).color, surface: getComputedStyle(figure).backgroundColor };
}

async function innerHeadline(host: ThemeTestHost): Promise<RapportHeadline> {
  await host.updateComplete;
  const inner = host.shadowRoot!.querySelector('rapport-headline')!;
  await inner.updateComplete;
  return inner;
}

/** A page stylesheet, adopted (a strict CSP allows constructed sheets); removed after each test. */
let pageSheet: CSSStyleSheet | null = null;
function usePageCss(text: string): void {
  pageSheet = new CSSStyleSheet();
  pageSheet.replaceSync(text);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageSheet];
}

afterEach(async () => {
  if (pageSheet) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== pageSheet);
  pageSheet = null;
  await restoreLightScheme();
});

describe('the theme attribute', () => {
  it('switches an element between light and dark colours', async () => {
    const el = await fixture<RapportHeadline>(html`<rapport-headline .headline=${HEADLINE}></rapport-headline>`);
    expect(figureColours(el)).to.deep.equal({ text: LIGHT.text, surface: LIGHT.surface });

    el.setAttribute('theme', 'dark');
    expect(figureColours(el)).to.deep.equal({ text: DARK.text, surface: DARK.surface });

    el.setAttribute('theme', 'light');
    expect(figureColours(el)).to.deep.equal({ text: LIGHT.text, surface: LIGHT.surface });

    // The property reflects to the attribute the styles read.
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(figureColours(el).surface).to.equal(DARK.surface);
  });

  it('cascades into elements inside a host’s shadow root, unless they set their own', async () => {
    const host = await fixture<ThemeTestHost>(html`<theme-test-host theme="dark"></theme-test-host>`);
    const inner = await innerHeadline(host);
    expect(figureColours(inner)).to.deep.equal({ text: DARK.text, surface: DARK.surface });

    host.setAttribute('theme', 'light');
    expect(figureColours(inner)).to.deep.equal({ text: LIGHT.text, surface: LIGHT.surface });

    host.setAttribute('theme', 'dark');
    inner.setAttribute('theme', 'light');
    expect(figureColours(inner).surface).to.equal(LIGHT.surface);
  });

  it('cascades through the real dashboard to its drop zone', async () => {
    const dashboard = await fixture<RapportDashboard>(html`<rapport-dashboard theme="dark"></rapport-dashboard>`);
    const zone = dashboard.shadowRoot!.querySelector('rapport-drop-zone')!;
    await zone.updateComplete;
    const button = zone.shadowRoot!.querySelector('button')!;
    expect(getComputedStyle(button).backgroundColor).to.equal(DARK.primary);
    dashboard.removeAttribute('theme');
    expect(getComputedStyle(button).backgroundColor).to.equal(LIGHT.primary);
  });

  it('a page container can set the scheme with --rapport-color-scheme', async () => {
    usePageCss('.night { --rapport-color-scheme: dark; }');
    const wrap = await fixture<HTMLDivElement>(html`<div class="night"><rapport-headline .headline=${HEADLINE}></rapport-headline></div>`);
    const el = wrap.querySelector('rapport-headline')!;
    await el.updateComplete;
    expect(figureColours(el)).to.deep.equal({ text: DARK.text, surface: DARK.surface });
  });

  it('with no theme set, follows prefers-color-scheme; a theme overrides the preference', async () => {
    const el = await fixture<RapportHeadline>(html`<rapport-headline .headline=${HEADLINE}></rapport-headline>`);
    expect(figureColours(el).surface).to.equal(LIGHT.surface);
    await useDarkScheme();
    expect(figureColours(el)).to.deep.equal({ text: DARK.text, surface: DARK.surface });
    el.setAttribute('theme', 'light');
    expect(figureColours(el)).to.deep.equal({ text: LIGHT.text, surface: LIGHT.surface });
    await restoreLightScheme();
    el.setAttribute('theme', 'dark');
    expect(figureColours(el).surface).to.equal(DARK.surface);
  });

  it('a dark-themed element on a light page passes axe, and a light one on a dark page', async () => {
    const dark = await fixture<RapportHeadline>(html`<rapport-headline theme="dark" .headline=${HEADLINE}></rapport-headline>`);
    await expect(dark).to.be.accessible();
    await useDarkScheme();
    const light = await fixture<RapportHeadline>(html`<rapport-headline theme="light" .headline=${HEADLINE}></rapport-headline>`);
    await expect(light).to.be.accessible();
  });
});

describe('preset CSS', () => {
  it('applied to a page, changes computed colours, type and shape, in both schemes', async () => {
    usePageCss(themeCss(themePreset('terracotta'), { selector: '.brand' }));
    const wrap = await fixture<HTMLDivElement>(
      html`<div class="brand"><theme-test-host></theme-test-host></div>`,
    );
    const host = wrap.querySelector<ThemeTestHost>('theme-test-host')!;
    const inner = await innerHeadline(host);
    const figure = inner.shadowRoot!.querySelector('[part=figure]')!;
    // #2b1d14 on #fffbf6, 14px corners.
    expect(figureColours(inner)).to.deep.equal({ text: 'rgb(43, 29, 20)', surface: 'rgb(255, 251, 246)' });
    expect(getComputedStyle(figure).borderTopLeftRadius).to.equal('14px');
    expect(getComputedStyle(inner).fontFamily).to.contain('Avenir Next');

    host.setAttribute('theme', 'dark');
    // #f3e9df on #1c1612.
    expect(figureColours(inner)).to.deep.equal({ text: 'rgb(243, 233, 223)', surface: 'rgb(28, 22, 18)' });
    await expect(inner).to.be.accessible();
  });

  it('a one-scheme sheet fixes the scheme whatever the preference', async () => {
    usePageCss(themeCss(themePreset('high-contrast'), { selector: '.hc', scheme: 'dark' }));
    const wrap = await fixture<HTMLDivElement>(html`<div class="hc"><rapport-headline .headline=${HEADLINE}></rapport-headline></div>`);
    const el = wrap.querySelector('rapport-headline')!;
    await el.updateComplete;
    expect(figureColours(el)).to.deep.equal({ text: 'rgb(255, 255, 255)', surface: 'rgb(0, 0, 0)' });
  });
});

/** A small ladder on every rung, and a segments summary: the charts that paint the rung and segment tokens. */
function sampleLadder(): LadderResult {
  return {
    asOf: '2025-01-01',
    contacts: 1000,
    rungs: [
      rungRow('prospect', 300, 1000, 0, { conversionToNext: 0.7, dropOff: 0.3 }),
      rungRow('customer', 350, 700, 17500, { conversionToNext: 0.4, dropOff: 0.6 }),
      rungRow('client', 150, 280, 30000, { conversionToNext: 0.25, dropOff: 0.75 }),
      rungRow('supporter', 60, 70, 24000, { conversionToNext: 0.5 }),
      rungRow('advocate', 30, 40, 9000, { conversionToNext: 0.5 }),
      rungRow('partner', 20, 20, 40000),
    ],
    lapsed: { customers: 120, revenue: 6000, from: { prospect: 0, customer: 80, client: 30, supporter: 10, advocate: 0, partner: 0 }, windowDays: 365, windowDerived: true },
    evidence: {
      customerList: true,
      feedback: 'matched',
      feedbackRows: 40,
      feedbackCustomers: 12,
      matchedCustomers: 12,
      placingCustomers: 12,
      rungs: evidenceRungs({}),
      messages: [],
    },
    rules: defaultRules(),
  };
}
const SUMMARY: SegmentSummaryRow[] = ['Champions', 'Loyal', 'At risk', 'Lost'].map((segment, i) => ({
  segment,
  customers: 40 + i * 10,
  orders: 100,
  revenue: 10000 - i * 1000,
  share_of_customers: 0.25,
  share_of_revenue: 0.25,
  average_recency_days: 30,
  average_frequency: 2,
  average_monetary: 100,
}));

/** Every painted colour of an element's shadow tree, in tree order. */
function paintedColours(el: Element): string[] {
  return [...el.shadowRoot!.querySelectorAll('*')].map((n) => {
    const s = getComputedStyle(n);
    return [s.color, s.backgroundColor, s.fill, s.stroke, s.borderTopColor, s.outlineColor].join(' ');
  });
}

async function charts(cls: string, theme: 'light' | 'dark') {
  const wrap = await fixture<HTMLDivElement>(
    html`<div class=${cls}>
      <rapport-ladder theme=${theme} locale="en-US" .ladder=${sampleLadder()}></rapport-ladder>
      <rapport-segments theme=${theme} locale="en-US" .summary=${SUMMARY}></rapport-segments>
    </div>`,
  );
  const els = [...wrap.querySelectorAll<RapportLadder | RapportSegments>('rapport-ladder, rapport-segments')];
  for (const el of els) await el.updateComplete;
  return els;
}

describe('the default preset is the built-in look', () => {
  it('applying themeCss(default) changes no computed colour of a rendered ladder or segments chart, in either scheme', async () => {
    usePageCss(themeCss(themePreset('default'), { selector: '.themed' }));
    for (const scheme of ['light', 'dark'] as const) {
      const plain = (await charts('plain', scheme)).map(paintedColours);
      const themed = (await charts('themed', scheme)).map(paintedColours);
      expect(themed[0]!.length).to.be.greaterThan(20);
      expect(themed).to.deep.equal(plain);
    }
  });

  it('following tokens follow: a new primary moves the focus ring and the rungs; a rung token colours its step', async () => {
    usePageCss('.brand { --rapport-color-primary: #aa0000; } .rung { --rapport-rung-color-client: #123456; }');
    const [ladder] = await charts('brand', 'light');
    expect(getComputedStyle(ladder!).getPropertyValue('--_focus-ring').trim()).to.equal('#aa0000');
    // The client step is primary itself; the others mix it into the surface or the text.
    const client = ladder!.shadowRoot!.querySelector('.place[data-place="client"] .bar')!;
    expect(getComputedStyle(client).fill).to.equal('rgb(170, 0, 0)');
    const [other] = await charts('rung', 'light');
    const ownClient = other!.shadowRoot!.querySelector('.place[data-place="client"] .bar')!;
    expect(getComputedStyle(ownClient).fill).to.equal('rgb(18, 52, 86)');
  });
});
