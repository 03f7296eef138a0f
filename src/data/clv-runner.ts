import { ClvOptionsError } from '../analytics/clv/holdout.js';
import { ClvInputError, type ClvField } from '../analytics/clv/summary-input.js';
import type { ClvSummaryRow } from '../analytics/clv/summary.js';
import { inlineClvRunner, type ClvFitOptions, type ClvFits, type ClvRunner } from './clv-fit.js';
import { clvNotice } from './clv-notices.js';

/**
 * The browser's CLV runner: the fits run in a module Web Worker (clv-worker.ts), so the page
 * keeps responding while thousands of customers are fitted.
 *
 * How the worker is built and found. The page runs under a strict Content-Security-Policy
 * (`worker-src 'self'`: no blob: or data: workers), and Vite inlines `?worker` imports as
 * blob/data URLs in library mode. So the worker is started with the one pattern Vite bundles
 * as a separate file, `new Worker(new URL('./clv-worker.ts', import.meta.url), { type:
 * 'module' })`: the library build (vite.config.ts, `worker`) writes it as `clv-worker.js` next
 * to rapport.js and rewrites the URL relative to the module, as the DuckDB files are found; the
 * dev server and the test runner serve the TypeScript source at that URL. An embedder that
 * hosts the file elsewhere passes `workerUrl`. If the worker cannot start (missing file, CSP,
 * no Worker at all), the fit runs on the page instead and the result carries a
 * `clv.worker-unavailable` notice.
 */

/** The built worker's file name, beside the module. */
export const CLV_WORKER_FILE = 'clv-worker.js';

/** What the page sends the worker. */
export interface ClvWorkerRequest {
  readonly id: number;
  readonly rows: readonly ClvSummaryRow[];
  readonly options: ClvFitOptions;
}

/** What the worker answers: it started; the fits of request `id`; or why they failed. */
export type ClvWorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly fits: Omit<ClvFits, 'ranIn' | 'notices'> }
  | { readonly type: 'failed'; readonly id: number; readonly error: { readonly name: string; readonly message: string } & Record<string, unknown> };

export interface WorkerClvRunnerOptions {
  /** Where clv-worker.js is (absolute, or relative to the page); default: beside this module. */
  readonly workerUrl?: string | URL;
  /** How long to wait for the worker to say it started before fitting on the page (default 10 s). */
  readonly startTimeoutMs?: number;
}

/** An Error rebuilt from the worker's copy, keeping the class callers test for. */
function errorFromWorker(error: { name: string; message: string } & Record<string, unknown>): Error {
  if (error.name === 'ClvInputError') {
    return new ClvInputError(String(error.customerId), error.field as ClvField, Number(error.value), String(error.requirement));
  }
  if (error.name === 'ClvOptionsError') return new ClvOptionsError(error.message);
  if (error.name === 'RangeError') return new RangeError(error.message);
  const e = new Error(error.message);
  e.name = error.name;
  return e;
}

/**
 * The default worker. The `new Worker(new URL('…', import.meta.url))` expression must stay
 * written out in one piece: it is what Vite recognises to bundle the worker as its own file.
 */
function startWorker(workerUrl: string | URL | undefined): Worker {
  if (workerUrl !== undefined) return new Worker(new URL(String(workerUrl), document.baseURI), { type: 'module' });
  return new Worker(new URL('./clv-worker.ts', import.meta.url), { type: 'module' });
}

let nextId = 1;

/**
 * A runner that fits in a fresh module worker per call (terminated after it answers, so a
 * fit abandoned by the page leaves nothing running), falling back to the page when the worker
 * cannot start. Errors of the fit itself (a bad row, an option out of range) reject as they
 * would inline, with the same error classes.
 */
export function workerClvRunner(options: WorkerClvRunnerOptions = {}): ClvRunner {
  const { workerUrl, startTimeoutMs = 10_000 } = options;
  const shownUrl = workerUrl === undefined ? CLV_WORKER_FILE : String(workerUrl);
  const inline = async (rows: readonly ClvSummaryRow[], fitOptions: ClvFitOptions): Promise<ClvFits> => ({
    ...(await inlineClvRunner(rows, fitOptions)),
    notices: [clvNotice('clv.worker-unavailable', { url: shownUrl })],
  });

  return (rows, fitOptions) => {
    let worker: Worker;
    try {
      if (typeof Worker === 'undefined') return inline(rows, fitOptions);
      worker = startWorker(workerUrl);
    } catch {
      // A URL the policy forbids can throw at once (SecurityError).
      return inline(rows, fitOptions);
    }
    const id = nextId++;
    return new Promise<ClvFits>((resolve, reject) => {
      let started = false;
      let settled = false;
      const finish = (then: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.terminate();
        then();
      };
      const fallBack = () => finish(() => inline(rows, fitOptions).then(resolve, reject));
      const timer = setTimeout(() => {
        if (!started) fallBack();
      }, startTimeoutMs);
      // Loading failures (404, wrong MIME type, CSP) arrive as an error event before `ready`;
      // after it, an error event is a crash (out of memory): fit on the page all the same.
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        fallBack();
      });
      worker.addEventListener('messageerror', () => fallBack());
      worker.addEventListener('message', (event: MessageEvent<ClvWorkerReply>) => {
        const reply = event.data;
        if (reply.type === 'ready') {
          started = true;
          clearTimeout(timer);
          const request: ClvWorkerRequest = { id, rows, options: fitOptions };
          worker.postMessage(request);
        } else if (reply.id === id) {
          if (reply.type === 'done') finish(() => resolve({ ...reply.fits, ranIn: 'worker', notices: [] }));
          else finish(() => reject(errorFromWorker(reply.error)));
        }
      });
    });
  };
}

