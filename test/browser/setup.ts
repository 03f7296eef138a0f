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
