import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { RapportDashboard } from '../../src/components/dashboard/rapport-dashboard.js';
import { createBrowserEngine } from '../../src/data/engine/browser-engine.js';
import type { Engine } from '../../src/data/engine/engine.js';

/** A dashboard on an engine of its own, kept across the tests of a file, with alert() counted. */
export interface HostilePage {
  el: RapportDashboard;
  engine: Engine;
  /** Every call of alert(): a script that ran from data would most likely call alert(1). */
  alerts: unknown[];
  /** Unmount, close the engine and give alert() back. */
  close(): Promise<void>;
}

export async function mountHostilePage(): Promise<HostilePage> {
  const engine = await createBrowserEngine();
  const alerts: unknown[] = [];
  const originalAlert = window.alert;
  window.alert = (m?: unknown) => void alerts.push(m);
  // Mounted by hand: fixture() removes its element after each test, and this one must stay.
  const el = document.createElement('rapport-dashboard');
  el.locale = 'en-US';
  el.engine = engine;
  document.body.append(el);
  await el.updateComplete;
  return {
    el,
    engine,
    alerts,
    async close() {
      window.alert = originalAlert;
      el.remove();
      await engine.close();
    },
  };
}

/** Every element under root, through shadow roots. */
export function everyElement(root: ParentNode, out: Element[] = []): Element[] {
  for (const node of root.querySelectorAll('*')) {
    out.push(node);
    if (node.shadowRoot) everyElement(node.shadowRoot, out);
  }
  return out;
}

/** Nothing from data became an element, a handler or a live link anywhere in the tree, and alert() was never called. */
export function nothingInjected(root: ParentNode, alerts: readonly unknown[]): void {
  expect(alerts, 'alert() was called from data').to.deep.equal([]);
  const elements = everyElement(root);
  expect(elements.filter((e) => e.localName === 'script').length, 'script elements').to.equal(0);
  expect(elements.filter((e) => e.localName === 'img' && e.getAttribute('src') === 'x').length, 'images from data').to.equal(0);
  expect(elements.filter((e) => e.localName === 'svg' && e.hasAttribute('onload')).length, 'svg from data').to.equal(0);
  expect(elements.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).map((e) => e.localName), 'inline event handlers').to.deep.equal([]);
  const links = elements.flatMap((e) => ['href', 'src', 'action', 'formaction', 'xlink:href'].map((a) => e.getAttribute(a) ?? '')).filter((v) => /javascript:/i.test(v));
  expect(links, 'javascript: links').to.deep.equal([]);
}
