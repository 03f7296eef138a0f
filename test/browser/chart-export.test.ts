import { restoreLightScheme, useDarkScheme } from './setup.js';
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/segments/rapport-segments.js';
import '../../src/components/quality-gap/rapport-quality-gap.js';
import '../../src/components/voice/rapport-voice.js';
import type { RapportSegments } from '../../src/components/segments/rapport-segments.js';
import type { RapportQualityGap } from '../../src/components/quality-gap/rapport-quality-gap.js';
import { chartToPng, chartToSvg, downloadBlob } from '../../src/components/base/chart-export.js';
import type { SegmentSummaryRow } from '../../src/data/rfm.js';
import { summaryRow } from '../helpers/segments.js';
import { qualityResult, voiceResult } from '../helpers/quality.js';
import { coloursIn, pngPixels } from './chart-export-fixtures.js';

const XSS = '<img src=x onerror=alert(1)>';

const row = summaryRow;
const summary: SegmentSummaryRow[] = [row('Champions', 35, 20000), row('Loyal', 50, 15000), row(XSS, 40, 8000), row('Lost', 75, 7000)];

const segments = () => fixture<RapportSegments>(html`<rapport-segments locale="en-US" .summary=${summary}></rapport-segments>`);
const quality = () => fixture<RapportQualityGap>(html`<rapport-quality-gap locale="en-US" .gap=${qualityResult()}></rapport-quality-gap>`);

/** Parses an exported SVG as a viewer would, failing on any XML error. */
function parse(svg: string): XMLDocument {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror'), 'XML errors').to.have.length(0);
  expect(doc.documentElement.namespaceURI).to.equal('http://www.w3.org/2000/svg');
  expect(doc.documentElement.localName).to.equal('svg');
  return doc;
}

/** Every reference inside the file points at an element of the file. */
function referencesResolve(doc: XMLDocument, svg: string) {
  const ids = [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]!);
  for (const id of ids) expect(doc.getElementById(id), `#${id}`).to.not.equal(null);
}

/** Nothing in the file could run: no HTML elements, no event handler attributes, no script. */
function inert(doc: XMLDocument) {
  const all = [...doc.getElementsByTagName('*')];
  expect(all.filter((e) => e.namespaceURI !== 'http://www.w3.org/2000/svg').map((e) => e.localName)).to.deep.equal([]);
  expect(all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).map((e) => e.localName)).to.deep.equal([]);
  expect(doc.getElementsByTagName('script')).to.have.length(0);
  expect(doc.getElementsByTagName('foreignObject')).to.have.length(0);
}

const textOf = (doc: XMLDocument) => [...doc.getElementsByTagName('text')].map((t) => t.textContent).join(' | ');

describe('chartToSvg', () => {
  afterEach(restoreLightScheme);

  it('exports the segments treemap (one svg) as a standalone, valid SVG with its marks, labels and resolved colours', async () => {
    const el = await segments();
    el.style.setProperty('--rapport-segment-color-1', 'rgb(1, 2, 3)');
    const svg = chartToSvg(el);
    const doc = parse(svg);
    const root = doc.documentElement as Element;
    const box = el.getBoundingClientRect();
    expect(Number(root.getAttribute('width'))).to.equal(Math.ceil(box.width));
    expect(Number(root.getAttribute('height'))).to.equal(Math.ceil(box.height));
    expect(root.getAttribute('viewBox')).to.equal(`0 0 ${Math.ceil(box.width)} ${Math.ceil(box.height)}`);
    // The tiles: one rect per segment inside the copied treemap, each filled with a real colour.
    const treemap = [...doc.getElementsByTagName('svg')].filter((s) => s !== root);
    expect(treemap.length).to.be.at.least(1);
    const tiles = [...treemap[0]!.getElementsByTagName('rect')];
    expect(tiles.length).to.be.at.least(summary.length);
    for (const t of tiles) expect(t.getAttribute('fill') ?? t.parentElement!.getAttribute('fill') ?? '').to.match(/^(rgb|#|none|url)/);
    expect(svg).to.include('rgb(1, 2, 3)');
    // Labels: the segment names, the toggle and heading text of the card.
    const texts = textOf(doc);
    for (const name of ['Champions', 'Loyal', 'Lost']) expect(texts).to.include(name);
    // Nothing left to the page's styles.
    expect(svg).to.not.include('var(--');
    expect(svg).to.not.include('light-dark(');
    expect(svg.startsWith('<?xml')).to.equal(true);
    referencesResolve(doc, svg);
  });

  it('keeps a segment named like markup as inert text', async () => {
    const el = await segments();
    const svg = chartToSvg(el);
    expect(svg).to.not.include('<img');
    const doc = parse(svg);
    inert(doc);
    expect(doc.getElementsByTagName('img')).to.have.length(0);
    // The name is there, as text (in the tile label or the table), escaped in the file.
    expect(doc.documentElement.textContent).to.include(XSS);
    expect(svg).to.include('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('exports the quality gap (HTML rows with small svgs) with every row, its marks and labels', async () => {
    const el = await quality();
    const svg = chartToSvg(el, { title: 'Quality <gap> & "promises"' });
    const doc = parse(svg);
    inert(doc);
    const root = doc.documentElement as Element;
    expect(root.getAttribute('width')).to.match(/^\d+$/);
    expect(Number(root.getAttribute('height'))).to.be.greaterThan(Math.ceil(el.getBoundingClientRect().height));
    expect(root.getAttribute('viewBox')).to.match(/^0 0 \d+ \d+$/);
    expect(doc.getElementsByTagName('title')[0]!.textContent).to.equal('Quality <gap> & "promises"');
    // Marks: per dimension a hollow expectation and a filled perception dot, and a gap bar.
    const rows = qualityResult().dimensions.length;
    expect(doc.getElementsByTagName('circle').length).to.be.at.least(2 * rows);
    const drawn = [...doc.getElementsByTagName('svg')].filter((s) => s !== root);
    expect(drawn.length).to.be.at.least(rows);
    // Row labels (HTML text) and the gap figures.
    const texts = textOf(doc);
    for (const d of ['Tangibles', 'Reliability', 'Responsiveness', 'Assurance', 'Empathy']) expect(texts).to.include(d);
    expect(texts).to.include('+0.15');
    // The hatching of negative gaps lives in a 0×0 svg of defs: copied in, and referenced.
    expect(svg).to.match(/fill="url\(#[^)]+\)"/);
    expect(doc.getElementsByTagName('pattern').length).to.be.at.least(1);
    referencesResolve(doc, svg);
    expect(svg).to.not.include('var(--');
  });

  it('exports the voice of the customer (HTML bars) too', async () => {
    const el = await fixture<HTMLElement>(html`<rapport-voice locale="en-US" .voice=${voiceResult()}></rapport-voice>`);
    const svg = chartToSvg(el);
    const doc = parse(svg);
    inert(doc);
    expect(svg).to.not.include('var(--');
    referencesResolve(doc, svg);
    expect(doc.getElementsByTagName('text').length).to.be.greaterThan(5);
    expect(doc.getElementsByTagName('rect').length).to.be.greaterThan(3);
  });

  it('draws on the page background in dark mode, with the dark colours', async () => {
    await useDarkScheme();
    const el = await quality();
    const svg = chartToSvg(el);
    const doc = parse(svg);
    const background = doc.documentElement.querySelector('rect')!;
    expect(background.getAttribute('fill')).to.equal('rgb(22, 27, 34)');
    expect(svg).to.not.include('var(--');
  });

  it('a theme="dark" element on a light-preference page exports its dark surface', async () => {
    await restoreLightScheme();
    const el = await fixture<RapportQualityGap>(html`<rapport-quality-gap theme="dark" locale="en-US" .gap=${qualityResult()}></rapport-quality-gap>`);
    const doc = parse(chartToSvg(el));
    expect(doc.documentElement.querySelector('rect')!.getAttribute('fill')).to.equal('rgb(22, 27, 34)');
    const light = await quality();
    expect(parse(chartToSvg(light)).documentElement.querySelector('rect')!.getAttribute('fill')).to.equal('rgb(255, 255, 255)');
  });

  it('exports without touching the element: no node added to its shadow root, no slotchange', async () => {
    const el = await quality();
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(el.shadowRoot!, { childList: true, subtree: true, attributes: true });
    observer.observe(el, { childList: true, attributes: true });
    chartToSvg(el);
    await new Promise((r) => setTimeout(r, 0));
    observer.disconnect();
    expect(changes.length).to.equal(0);
  });

  it('drops characters XML forbids (control characters) from data text and the title: the file parses', async () => {
    const bad = [row('Vertical\u000btab', 30, 9000), row('Start\u0001of heading', 45, 12000), row('Lone \ud800 surrogate', 20, 3000)];
    const el = await fixture<RapportSegments>(html`<rapport-segments locale="en-US" .summary=${bad}></rapport-segments>`);
    const svg = chartToSvg(el, { title: 'Segments\u0001 \uffff2024' });
    const doc = parse(svg);
    expect(svg).to.not.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(doc.getElementsByTagName('title')[0]!.textContent).to.equal('Segments 2024');
    const blob = await chartToPng(el, { scale: 1 });
    expect(blob.type).to.equal('image/png');
  });

  it('refuses an element that is not shown', async () => {
    const el = await quality();
    el.style.display = 'none';
    expect(() => chartToSvg(el)).to.throw(/no size/);
    el.remove();
    expect(() => chartToSvg(el)).to.throw(/not in the page/);
  });
});

describe('chartToPng', () => {
  it('renders the segments and the quality gap to PNGs of the right pixel size', async () => {
    for (const el of [await segments(), await quality()] as HTMLElement[]) {
      const box = el.getBoundingClientRect();
      const blob = await chartToPng(el, { scale: 2 });
      expect(blob.type).to.equal('image/png');
      expect(blob.size).to.be.greaterThan(1000);
      const png = await pngColours(blob, 5);
      expect(png.width).to.equal(Math.ceil(box.width) * 2);
      expect(png.height).to.equal(Math.ceil(box.height) * 2);
      // Not blank: the PNG holds more than one colour.
      expect(png.colours).to.be.greaterThan(2);
    }
    const one = await chartToPng(await quality(), { scale: 1 });
    expect((await createImageBitmap(one)).width).to.equal(Math.ceil((document.querySelector('rapport-quality-gap') as HTMLElement).getBoundingClientRect().width));
  });
});

/** A PNG's size and how many distinct colours a sample of its pixels holds (counting stops at `upTo`). */
async function pngColours(blob: Blob, upTo: number): Promise<{ width: number; height: number; colours: number }> {
  const { width, height, data } = await pngPixels(blob);
  return { width, height, colours: coloursIn(data, upTo) };
}

describe('downloadBlob', () => {
  it('saves through a link with a safe file name', () => {
    let clicked: HTMLAnchorElement | null = null;
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked = this;
    };
    try {
      const name = downloadBlob(new Blob(['<svg/>'], { type: 'image/svg+xml' }), '../segments/"VIP" <b>.svg');
      expect(name).to.equal('segments-VIP-b.svg');
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicked!.download).to.equal('segments-VIP-b.svg');
    expect(clicked!.href.startsWith('blob:')).to.equal(true);
    expect(clicked!.isConnected).to.equal(false);
  });
});

// Last: a policy added to the page cannot be taken back.
describe('chartToPng under a strict Content-Security-Policy', () => {
  it("paints the PNG on a canvas when img-src refuses the data: image, and does not hang", async () => {
    const el = await quality();
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "img-src 'self'";
    document.head.appendChild(meta);
    const violations: string[] = [];
    const listen = (e: SecurityPolicyViolationEvent) => violations.push(e.effectiveDirective);
    document.addEventListener('securitypolicyviolation', listen);
    try {
      const box = el.getBoundingClientRect();
      const blob = await chartToPng(el, { scale: 2 });
      expect(blob.type).to.equal('image/png');
      const png = await pngColours(blob, 10);
      expect(png.width).to.equal(Math.ceil(box.width) * 2);
      expect(png.height).to.equal(Math.ceil(box.height) * 2);
      expect(png.colours).to.be.greaterThan(5);
      // The image route was tried and refused once; a second export paints at once, with no new refusal.
      expect(violations).to.include('img-src');
      const refused = violations.length;
      expect((await chartToPng(el, { scale: 1 })).type).to.equal('image/png');
      expect(violations.length).to.equal(refused);
    } finally {
      document.removeEventListener('securitypolicyviolation', listen);
    }
    // SVG export does not need an image: it still works.
    expect(chartToSvg(el)).to.include('<svg');
  });
});
