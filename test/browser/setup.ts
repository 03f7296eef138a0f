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
