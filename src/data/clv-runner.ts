import { ClvOptionsError } from '../analytics/clv/holdout.js';
import { ClvInputError, type ClvField } from '../analytics/clv/summary-input.js';
import type { ClvSummaryRow } from '../analytics/clv/summary.js';
import type { Notice } from '../analytics/notice.js';
import {
  copiedColumns,
  inlineClvRunner,
  inputCustomerIdOf,
  isClvSummaryTable,
  summaryColumns,
  withCustomerNamed,
  type ClvFitOptions,
  type ClvFits,
  type ClvColumnsRunner,
  type ClvRunCall,
  type ClvSummaryColumns,
} from './clv-fit.js';
import { clvNotice, type ClvNoticeCode } from './clv-notices.js';
import { trustedWorker } from './engine/trusted-script-url.js';

export type { ClvRunCall } from './clv-fit.js';

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
 * `clv.worker-unavailable` notice; if it stops after starting, the call rejects with a
 * ClvFitError (`clv.worker-stopped`).
 *
 * Cancelling. A fit is cancelled through an AbortSignal, the runner's (`workerClvRunner({
 * signal })`) or the call's (`runner(rows, options, { signal })`). A page cancels a whole model
 * by giving Dataset.clvModel a runner made with the signal, `dataset.clvModel(options,
 * workerClvRunner({ signal }))`; fitClvModel itself gives the check's call a signal of its own,
 * to stop the check when the model's fit fails.
 */

/** The built worker's file name, beside the module. */
export const CLV_WORKER_FILE = 'clv-worker.js';

/**
 * What the page sends the worker: the figures as columns (transferred, not copied: the input's
 * own columns are copied first, as the caller keeps them), or, for rows with a figure that is
 * not a number, the rows themselves (see summaryColumns).
 */
export type ClvWorkerRequest = { readonly id: number; readonly options: ClvFitOptions } & (
  | { readonly columns: ClvSummaryColumns; readonly rows?: undefined }
  | { readonly rows: readonly ClvSummaryRow[]; readonly columns?: undefined }
);

/** What the worker answers: it started; the fits of request `id`; or why they failed. */
export type ClvWorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly fits: Omit<ClvFits, 'ranIn' | 'notices'> }
  | { readonly type: 'failed'; readonly id: number; readonly error: ClvWorkerFailure };

/** An error as the worker sends it: its name, message and own fields that can be copied. */
export type ClvWorkerFailure = { readonly name: string; readonly message: string } & Record<string, unknown>;

export interface WorkerClvRunnerOptions {
  /** Where clv-worker.js is (absolute, or relative to the page); default: beside this module. */
  readonly workerUrl?: string | URL;
  /** How long to wait for the worker to say it started before fitting on the page (default 10 s). */
  readonly startTimeoutMs?: number;
  /** Cancels every fit of this runner when aborted (a per-call signal can be given too: see WorkerClvRunner). */
  readonly signal?: AbortSignal;
}

/**
 * The worker runner: a ClvRunner (so it goes wherever one does: fitClvModel, Dataset.clvModel)
 * whose per-call signal terminates that call's worker.
 */
export type WorkerClvRunner = ClvColumnsRunner;

/**
 * The fit could not be finished because the model worker stopped after it had started (out of
 * memory, a crash): the fit is not retried on the page, which would freeze it or run out of
 * memory in turn. `notice` is the message for the interface to translate (`clv.worker-stopped`).
 */
export class ClvFitError extends Error {
  override readonly name = 'ClvFitError';
  readonly notice: Notice<ClvNoticeCode>;
  constructor(url: string, reason: string, options?: { cause?: unknown }) {
    const notice = clvNotice('clv.worker-stopped', { url, reason });
    super(notice.text, options);
    this.notice = notice;
  }
}

/**
 * An Error rebuilt from the worker's copy, keeping the class callers test for, and the worker's
 * own message and values (a ClvInputError's value may be null or NaN: it stays so).
 */
export function errorFromWorker(error: ClvWorkerFailure): Error {
  let e: Error;
  if (error.name === 'ClvInputError') {
    e = new ClvInputError(String(error.customerId), error.field as ClvField, error.value as number, String(error.requirement));
  } else if (error.name === 'ClvOptionsError') e = new ClvOptionsError(error.message);
  else if (error.name === 'RangeError') e = new RangeError(error.message);
  else {
    e = new Error(error.message);
    e.name = error.name;
  }
  e.message = error.message;
  return e;
}

/**
 * The default worker. The `new Worker(new URL('…', import.meta.url))` expression must stay
 * written out in one piece: it is what Vite recognises to bundle the worker as its own file.
 */
function startWorker(workerUrl: string | URL | undefined): Worker {
  // Through Rapport's Trusted Types policy (trusted-script-url.ts), under the name Vite looks for.
  const Worker = trustedWorker();
  if (workerUrl !== undefined) return new Worker(new URL(String(workerUrl), document.baseURI), { type: 'module' });
  return new Worker(new URL('./clv-worker.ts', import.meta.url), { type: 'module' });
}

let nextId = 1;

/** Why a cancelled fit rejects: the signal's reason, an AbortError unless the caller gave another. */
const abortReason = (signal: AbortSignal): unknown => signal.reason ?? new DOMException('The CLV fit was cancelled.', 'AbortError');

/**
 * A runner that fits in a fresh module worker per call, terminated once it answers or fails.
 * A fit the page no longer waits for keeps its worker running to the end unless it is
 * cancelled: abort the runner's `signal` or the call's, and the worker is terminated at once and
 * the call rejects with an AbortError. When the worker cannot start it falls back to the page;
 * when it stops after starting (out of memory, a crash) the call rejects with a ClvFitError,
 * as fitting on the page then would freeze it, or run out of memory in turn. Errors of the fit
 * itself (a bad row, an option out of range) reject as they would inline, with the same error
 * classes.
 */
export function workerClvRunner(options: WorkerClvRunnerOptions = {}): WorkerClvRunner {
  const { workerUrl, startTimeoutMs = 10_000, signal: runnerSignal } = options;
  const shownUrl = workerUrl === undefined ? CLV_WORKER_FILE : String(workerUrl);

  const run = (input: Parameters<ClvColumnsRunner>[0], fitOptions: ClvFitOptions, call: ClvRunCall = {}): Promise<ClvFits> => {
    const table = isClvSummaryTable(input) ? input : null;
    const rows: readonly ClvSummaryRow[] = table ? [] : (input as readonly ClvSummaryRow[]);
    const signals = [runnerSignal, call.signal].filter((s): s is AbortSignal => s !== undefined);
    const aborted = () => signals.find((s) => s.aborted);
    const inline = async (): Promise<ClvFits> => {
      const fits = await inlineClvRunner(input, fitOptions);
      const by = aborted();
      if (by) throw abortReason(by);
      return { ...fits, notices: [clvNotice('clv.worker-unavailable', { url: shownUrl })] };
    };
    const already = aborted();
    if (already) return Promise.reject(abortReason(already));
    let worker: Worker;
    try {
      if (typeof Worker === 'undefined') return inline();
      worker = startWorker(workerUrl);
    } catch {
      // A URL the policy forbids can throw at once (SecurityError).
      return inline();
    }
    const id = nextId++;
    let settled = false;
    // Made while the worker starts (and no further once the call is over); a row that cannot be
    // read rejects the call once the worker is ready. A table's columns are copied: the worker
    // takes what it is sent, and the caller keeps its own.
    const columnsMade = table ? copiedColumns(table.columns, () => settled) : summaryColumns(rows, () => settled);
    columnsMade.catch(() => undefined);
    return new Promise<ClvFits>((resolve, reject) => {
      let started = false;
      let columns: ClvSummaryColumns | null = null;
      const onAbort = (event: Event) => finish(() => reject(abortReason(event.target as AbortSignal)));
      const finish = (then: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.terminate();
        for (const s of signals) s.removeEventListener('abort', onAbort);
        then();
      };
      const fallBack = () => finish(() => inline().then(resolve, reject));
      // Before `ready`, a failure is the worker not loading (404, wrong MIME type, CSP): fit on
      // the page. After it, the worker has stopped mid-fit (out of memory): say so, no retry.
      const failed = (reason: string, cause?: unknown) => {
        if (!started) fallBack();
        else finish(() => reject(new ClvFitError(shownUrl, reason.trim().replace(/\.$/, ''), { cause })));
      };
      const timer = setTimeout(() => {
        if (!started) fallBack();
      }, startTimeoutMs);
      for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        failed((event as ErrorEvent).message || 'it reported an error', event);
      });
      worker.addEventListener('messageerror', (event) => failed('its answer could not be read', event));
      worker.addEventListener('message', (event: MessageEvent<ClvWorkerReply>) => {
        const reply = event.data;
        if (reply.type === 'ready') {
          started = true;
          clearTimeout(timer);
          columnsMade
            .then((made) => {
              if (settled) return;
              columns = made;
              const request: ClvWorkerRequest = columns ? { id, columns, options: fitOptions } : { id, rows, options: fitOptions };
              worker.postMessage(request, columns ? Object.values(columns).map((c: Float64Array) => c.buffer) : []);
            })
            // Rows that cannot be read (a missing row, a getter that throws) or copied to the worker (DataCloneError: a function, a symbol in a row).
            .catch((e: unknown) => finish(() => reject(e)));
        } else if (reply.id === id) {
          if (reply.type === 'done') finish(() => resolve({ ...reply.fits, ranIn: 'worker', notices: [] }));
          // Sent columns, the worker names a customer by row: named by id here.
          else finish(() => reject(columns ? withCustomerNamed(errorFromWorker(reply.error), inputCustomerIdOf(input)) : errorFromWorker(reply.error)));
        }
      });
    });
  };
  return Object.assign(run, { acceptsColumns: true as const });
}
