/**
 * Chromium reports "ResizeObserver loop completed with undelivered notifications" as an error
 * event when an observer's callback resizes what it observes, which lit-virtualizer does by
 * design while measuring rows. The spec calls it a notification, not an error of the page, so
 * it must not fail a test. This listener is registered before mocha's window.onerror (set when
 * the run starts) and stops only that message; every other error still fails the test.
 */
window.addEventListener('error', (event) => {
  if (String(event.message).includes('ResizeObserver loop')) {
    event.stopImmediatePropagation();
    event.preventDefault();
  }
});

import { emulateMedia } from '@web/test-runner-commands';
import type { CustomerRow } from '../../src/data/dataset.js';

/** Dark mode as a page would set it: the media query, the page's colour scheme and background. */
export async function useDarkScheme(background = '#161b22'): Promise<void> {
  await emulateMedia({ colorScheme: 'dark' });
  document.documentElement.style.setProperty('color-scheme', 'dark');
  document.body.style.setProperty('background', background);
}

/** Back to the light page after a test that went dark (an afterEach of the chart tests). */
export async function restoreLightScheme(): Promise<void> {
  await emulateMedia({ colorScheme: 'light' });
  document.documentElement.style.removeProperty('color-scheme');
  document.body.style.removeProperty('background');
}

/**
 * Every customer a customer table shows, in order: its `rows`, or the whole list it reads from
 * the engine (`source`, as the dashboard gives it). A list replaced while being read (a newer
 * sort, filter or scoring) or whose engine died is read again from the table's next source.
 */
export async function shownRows(table: { shownRows(): Promise<CustomerRow[]> }, within = 30_000): Promise<CustomerRow[]> {
  const until = Date.now() + within;
  for (;;) {
    try {
      return await table.shownRows();
    } catch (e) {
      // Replaced, or its engine died (the dashboard starts another and gives the table a new list).
      const code = (e as { code?: string })?.code;
      if ((e as Error)?.name !== 'CustomerListReplacedError' && code !== 'crashed' && code !== 'closed') throw e;
      if (Date.now() > until) throw e;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
