/**
 * The Web Worker that fits the CLV models off the page's thread (see clv-runner.ts for the
 * client and how this file is built and found). It says `ready` as soon as it runs, so the
 * client can tell a worker that never started (404, Content-Security-Policy) from a slow fit.
 */
import { computeClvFits, summaryRowsOf } from './clv-fit.js';
import type { ClvWorkerReply, ClvWorkerRequest } from './clv-runner.js';

/** The worker's global scope, typed here because the project compiles against the DOM lib. */
const scope = self as unknown as {
  postMessage(message: ClvWorkerReply, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ClvWorkerRequest>) => void): void;
};

scope.addEventListener('message', (event) => {
  const { id, rows, columns, options } = event.data;
  try {
    // Columns name each customer by index: the page puts their ids back in an error.
    const fits = computeClvFits(columns ? summaryRowsOf(columns) : rows, options);
    const arrays = [fits.probabilityAlive, fits.expectedPurchases, fits.expectedAverageValue, fits.clv, fits.expectedHoldoutPurchases];
    scope.postMessage({ type: 'done', id, fits }, arrays.flatMap((a) => (a ? [a.buffer] : [])));
  } catch (e) {
    // An Error's own fields (a ClvInputError's customer, field and value) do not survive cloning:
    // send them as data, as they are (a null value stays null), keeping only what can be copied.
    const fields = e instanceof Error ? Object.entries(e).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v)) : [];
    const error = e instanceof Error ? { ...Object.fromEntries(fields), name: e.name, message: e.message } : { name: 'Error', message: String(e) };
    scope.postMessage({ type: 'failed', id, error });
  }
});

scope.postMessage({ type: 'ready' });
