import './setup.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { RapportDashboard } from '../../src/components/dashboard/rapport-dashboard.js';
import { dashboardFonts, fontShorthand, WARM_CONTROLS, warmControls, warmFonts } from '../../src/components/base/warm-fonts.js';
import { sampleOrdersCsv } from '../../src/sample/sample-orders.js';

/** The fonts' spans in the warm-up box, and the controls laid out there. */
const spans = (box: Element) => box.querySelectorAll(':scope > span').length;
const controls = (box: Element) => [...box.children].filter((c) => c.localName !== 'span').map((c) => c.localName);

const inner = <T extends Element>(el: Element, tag: string) => el.shadowRoot!.querySelector(tag) as T | null;

/** A font as the computed style has it, quotes aside (a family list may be written with or without them). */
const fontOf = (s: CSSStyleDeclaration) => fontShorthand(s.fontStyle, s.fontWeight, parseFloat(s.fontSize), s.fontFamily).replace(/["']/g, '');

/** Every font text is laid out in, under `root` and the shadow roots inside it, with an example of its text; `skip` left out. */
function fontsOfText(root: ShadowRoot, skip: Element): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (r: ShadowRoot) => {
    const texts = document.createTreeWalker(r, NodeFilter.SHOW_TEXT);
    for (let n = texts.nextNode(); n; n = texts.nextNode()) {
      const parent = n.parentElement;
      if (!n.textContent!.trim() || !parent || skip.contains(parent) || !parent.checkVisibility()) continue;
      const font = fontOf(getComputedStyle(parent));
      if (!found.has(font)) found.set(font, `<${parent.localName}> "${n.textContent!.trim().slice(0, 30)}" in ${(r.host as Element).localName}`);
    }
    for (const el of r.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
  };
  walk(root);
  return found;
}

describe('fonts warmed while the engine reads the first file', () => {
  it('lays out text in each font in the box given, after the call returns, a span per font', async () => {
    const box = await fixture<HTMLDivElement>(html`<div style="position: absolute; visibility: hidden"></div>`);
    const fonts = ['normal 400 13px serif', 'italic 600 17.5px sans-serif', 'normal 700 9px monospace'];
    const done = warmFonts(box, fonts);
    expect(box.children.length, 'nothing laid out in the caller\'s task').to.equal(0);
    expect(await done, 'the fonts laid out').to.deep.equal(fonts);
    const spans = [...box.querySelectorAll('span')];
    expect(spans.map((s) => fontOf(getComputedStyle(s)))).to.deep.equal(fonts);
    for (const s of spans) expect(s.getBoundingClientRect().width, 'laid out').to.be.greaterThan(0);
  });

  it('goes a few fonts per task and stops when its box leaves the page', async () => {
    const box = await fixture<HTMLDivElement>(html`<div style="position: absolute; visibility: hidden"></div>`);
    const fonts = Array.from({ length: 3000 }, (_, i) => `normal 400 ${8 + i / 100}px serif`);
    const done = warmFonts(box, fonts);
    // A task of the page's own, between two of the warm-up's: the box goes.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const laid = box.children.length;
    expect(laid, 'the first task laid out some fonts').to.be.greaterThan(0);
    expect(laid, 'not all in one task').to.be.lessThan(fonts.length);
    box.remove();
    expect(await done, 'the fonts laid out before the box went').to.deep.equal(fonts.slice(0, laid));
    expect(box.children.length, 'nothing more once the box is gone').to.equal(laid);
  });

  it('lays out the costly form controls one per task, hidden and out of reach, and stops when its box leaves the page', async () => {
    const box = await fixture<HTMLDivElement>(html`<div style="position: absolute; visibility: hidden" aria-hidden="true" inert></div>`);
    const done = warmControls(box);
    expect(box.children.length, 'nothing in the caller\'s task').to.equal(0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(controls(box), 'one in the first task').to.deep.equal(['input']);
    expect((box.firstElementChild as HTMLInputElement).type).to.equal('date');
    expect(await done).to.equal(WARM_CONTROLS.length);
    expect(controls(box)).to.deep.equal(['input', 'select', 'details']);
    for (const c of box.children) {
      expect(c.getBoundingClientRect().width, `<${c.localName}> laid out`).to.be.greaterThan(0);
      const focusable = c.localName === 'details' ? c.querySelector('summary')! : c;
      expect((focusable as HTMLElement).tabIndex, `<${c.localName}> out of the tab order`).to.equal(-1);
    }

    const gone = await fixture<HTMLDivElement>(html`<div style="position: absolute; visibility: hidden"></div>`);
    const stopped = warmControls(gone);
    await new Promise((resolve) => setTimeout(resolve, 0));
    gone.remove();
    expect(await stopped, 'laid out before the box went').to.equal(1);
    expect(gone.children.length).to.equal(1);
  });

  it('a dashboard warms, during its first load, every font its sections then lay out text in', async () => {
    const el = await fixture<RapportDashboard>(html`<rapport-dashboard></rapport-dashboard>`);
    const box = el.shadowRoot!.querySelector<HTMLElement>('.font-warmup')!;
    expect(box.getAttribute('aria-hidden')).to.equal('true');
    expect(box.children.length, 'nothing before a load').to.equal(0);
    const loaded = el.loadFile(new File([sampleOrdersCsv()], 'sample-orders.csv'));
    const warmed = dashboardFonts(getComputedStyle(el));
    await waitUntil(() => spans(box) === warmed.length, 'every font laid out in the box', { timeout: 20_000 });
    await loaded;
    await waitUntil(() => inner<HTMLElement & { model: unknown }>(el, 'rapport-clv')?.model, 'value model shown', { timeout: 60_000 });
    await waitUntil(() => inner(el, 'rapport-cohorts')?.shadowRoot?.querySelector('[role=grid]') && inner(el, 'rapport-ladder')?.shadowRoot?.querySelector('svg'), 'cohorts and ladder drawn', { timeout: 30_000 });
    // The cohorts' table is rendered once opened: its text counts too.
    const cohorts = inner<HTMLElement & { updateComplete: Promise<boolean> }>(el, 'rapport-cohorts')!;
    cohorts.shadowRoot!.querySelector('summary')!.click();
    await waitUntil(() => cohorts.shadowRoot!.querySelector('table'), 'the cohorts\' table rendered');
    await el.updateComplete;
    const listed = new Set(warmed.map((f) => f.replace(/["']/g, '')));
    const used = fontsOfText(el.shadowRoot!, box);
    expect(used.size, 'text in several fonts').to.be.greaterThan(10);
    const missing = [...used].filter(([font]) => !listed.has(font)).map(([font, where]) => `${font}: ${where}`);
    expect(missing, 'fonts laid out but not warmed').to.deep.equal([]);
    // Still hidden from every reader, and the box stays: the fonts stay in the renderer's cache.
    expect(box.getBoundingClientRect().width).to.equal(0);
    expect(getComputedStyle(box).visibility).to.equal('hidden');
    await expect(el).to.be.accessible();
    // A second load does not lay them out again.
    await el.loadFile(new File([sampleOrdersCsv({ customers: 300, seed: 3 })], 'small.csv'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(spans(box)).to.equal(warmed.length);
    // The costly form controls were laid out there too, once.
    expect(controls(box)).to.deep.equal(['input', 'select', 'details']);
  });

  it('a dashboard loading before its first render, or twice in one task, warms each font once; one never on the page does not fail', async () => {
    const detached = document.createElement('rapport-dashboard') as RapportDashboard;
    const report = await detached.load({ name: 'tiny.csv', bytes: new TextEncoder().encode(sampleOrdersCsv({ customers: 20, seed: 5 })) });
    expect(report?.rowsLoaded).to.be.greaterThan(0);

    const el = document.createElement('rapport-dashboard') as RapportDashboard;
    document.body.append(el);
    try {
      const csv = sampleOrdersCsv({ customers: 50, seed: 9 });
      const first = el.loadFile(new File([csv], 'a.csv'));
      const second = el.loadFile(new File([csv], 'b.csv'));
      await Promise.all([first, second]);
      const box = el.shadowRoot!.querySelector<HTMLElement>('.font-warmup')!;
      const warmed = dashboardFonts(getComputedStyle(el));
      await waitUntil(() => spans(box) >= warmed.length && controls(box).length === WARM_CONTROLS.length, 'every font and control laid out in the box', { timeout: 20_000 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(spans(box), 'each font once').to.equal(warmed.length);
      expect(controls(box), 'each control once').to.deep.equal(['input', 'select', 'details']);
    } finally {
      el.remove();
    }
  });
});
