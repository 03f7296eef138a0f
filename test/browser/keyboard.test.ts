import './setup.js';
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { RapportDashboard } from '../../src/components/dashboard/rapport-dashboard.js';
import { sampleCustomersCsv, sampleFeedbackCsv, sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { sampleSurveyCsv } from '../../src/sample/sample-survey.js';
import { createBrowserEngine } from '../../src/data/engine/browser-engine.js';
import type { Engine } from '../../src/data/engine/engine.js';

/** The element that has focus, looking into shadow roots. */
function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Every control a keyboard user should reach: tab stops in every shadow root, shown on screen. */
function tabStops(root: ParentNode, out: Element[] = []): Element[] {
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) tabStops(el.shadowRoot, out);
    const focusable =
      el.matches('button:not([disabled]), select:not([disabled]), input:not([disabled]):not([type=hidden]), textarea:not([disabled]), a[href], summary') ||
      el.getAttribute('tabindex') === '0';
    if (!focusable || (el as HTMLElement).tabIndex < 0) continue;
    // A file input sits behind its labelled button; hidden and collapsed controls are not stops.
    if (el.matches('input[type=file]')) continue;
    // Not shown: no box, hidden, or inside a closed <details> (content-visibility hidden).
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (!el.checkVisibility({ checkVisibilityCSS: true, contentVisibilityAuto: true })) continue;
    out.push(el);
  }
  return out;
}

/**
 * Resolves once nothing in the element's shadow trees changed for `quiet` ms: the last refreshes
 * (voice, survey gaps) re-render sections, and a control re-rendered under the keyboard would
 * drop focus to the page.
 */
async function settled(el: Element, quiet = 1500, limit = 30_000): Promise<void> {
  const roots: ShadowRoot[] = [];
  const collect = (root: ShadowRoot) => {
    roots.push(root);
    for (const n of root.querySelectorAll('*')) if (n.shadowRoot) collect(n.shadowRoot);
  };
  collect(el.shadowRoot!);
  let last = Date.now();
  const observer = new MutationObserver(() => (last = Date.now()));
  for (const r of roots) observer.observe(r, { subtree: true, childList: true, attributes: true, characterData: true });
  const start = Date.now();
  while (Date.now() - last < quiet && Date.now() - start < limit) await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
}

/** Whether `node` is inside `host`, through shadow roots. */
function within(host: Element, node: Node): boolean {
  let n: Node | null = node;
  while (n) {
    if (n === host) return true;
    n = n instanceof ShadowRoot ? n.host : n.parentNode;
  }
  return false;
}

/** The strokes of a drawing's shapes, as drawn now. */
const strokes = (el: Element) =>
  [el, ...el.querySelectorAll('*')]
    .map((n) => {
      const s = getComputedStyle(n);
      return `${n.localName}/${s.stroke}/${s.strokeWidth}/${s.outlineStyle}`;
    })
    .join(';');

const describeEl = (el: Element) => {
  const host = (el.getRootNode() as ShadowRoot).host?.localName ?? 'page';
  return `${host} > ${el.localName}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
};

describe('keyboard: the dashboard on the sample shop', function () {
  this.timeout(180_000);
  let engine: Engine;
  let el: RapportDashboard;

  before(async () => {
    engine = await createBrowserEngine();
    el = document.createElement('rapport-dashboard');
    el.engine = engine;
    el.locale = 'en-US';
    document.body.append(el);
    await el.load({ name: 'sample-orders.csv', bytes: new TextEncoder().encode(sampleOrdersCsv()) });
    await el.loadCustomerList(new File([sampleCustomersCsv()], 'sample-customers.csv'));
    await el.loadFeedbackFile(new File([sampleFeedbackCsv()], 'sample-feedback.csv'));
    await el.loadSurveyFile(new File([sampleSurveyCsv()], 'sample-survey.csv'));
    await waitUntil(() => el.shadowRoot!.querySelector('rapport-quality-gap') && el.shadowRoot!.querySelector('rapport-voice') && el.shadowRoot!.querySelector('rapport-ladder'), 'every section drawn', { timeout: 60_000 });
    await settled(el);
  });
  after(async () => {
    el.remove();
    await engine.close();
  });

  it('Tab reaches every control and chart, in order, each with a visible focus ring', async () => {
    const stops = tabStops(el.shadowRoot!);
    expect(stops.length).to.be.greaterThan(15);
    const reached = new Set<Element>();
    const unringed: string[] = [];
    const svgLooks = new Map<Element, string>();
    const rowRoots = new Set<Node>();
    document.body.tabIndex = -1;
    document.body.focus();
    // Each Tab moves to the next stop; a few spare presses cover stops that appear on the way.
    for (let i = 0; i < stops.length + 20; i++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActive();
      // Focus left the dashboard after visiting it: every stop has had its turn.
      if (!active || !within(el, active)) {
        if (reached.size > 0) break;
        continue;
      }
      reached.add(active);
      // Rows of a virtualised list may be recycled once scrolled past: note their list now.
      if (active.matches('[role=row]')) rowRoots.add(active.getRootNode());
      const style = getComputedStyle(active);
      const outlined = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      // SVG marks draw their ring as strokes (their own, or a ring shape drawn over the chart):
      // the drawing must look different while the mark has focus.
      if (!outlined) svgLooks.set(active, strokes(active.closest('svg') ?? active));
    }
    for (const [mark, focused] of svgLooks) if (strokes(mark.closest('svg') ?? mark) === focused) unringed.push(describeEl(mark));
    // A scroller that is a stop only while its rows are not drawn (the virtualised customer
    // table) counts as reached when focus reached a row inside it.
    const reachedInside = (stop: Element) => stop.localName === 'lit-virtualizer' && rowRoots.has(stop.getRootNode());
    const missed = stops.filter((s) => !reached.has(s) && !reachedInside(s)).map(describeEl);
    expect(missed, 'controls Tab never reached').to.deep.equal([]);
    expect(unringed, 'controls with no visible focus ring').to.deep.equal([]);
  });
});
