/**
 * The predictive-CLV measurements of `npm run bench` (issue 7), engine-agnostic like
 * measure.ts: on the orders loaded in the engine, the weekly calibration summary and its
 * holdout in SQL, then the BG/NBD and Gamma-Gamma fits with every customer's predictions
 * through a `ClvRunner` — the model worker (data/clv-runner.ts) in the page, inline in Node —
 * as Dataset.clvModel does it (readClvModelInput, then fitClvModel), with each part timed:
 *   summaryMs  readClvModelInput: the last purchase date, the calibration summary + holdout SQL,
 *              the rows converted to objects
 *   runnerMs   the runner's call, wall clock: in the page the worker's start, the rows posted
 *              to it, the fits and predictions, the arrays transferred back
 *   workerMs   of that, the fits and per-customer predictions themselves (ClvFits.fitMs, timed
 *              where they ran: one pass in computeClvFits, so the two are not separable here)
 *   pageMs     the rest of fitClvModel on the calling thread: one prediction object per
 *              customer, the notices and the calibration-vs-holdout comparison
 */
import type { Engine } from '../src/data/engine/engine.js';
import { fitClvModel, inlineClvRunner, readClvModelInput, type ClvModelOptions, type ClvRunner } from '../src/data/clv-model.js';
import { ingestOrders } from '../src/data/ingest/ingest.js';
import { forgetTablePresence } from '../src/data/table-presence.js';

/** CDNOW's split, as in Fader, Hardie and Lee (2005): 39 weeks of calibration, 39 of holdout. */
export const CDNOW_CLV: ClvModelOptions = { period: 'week', calibrationEnd: '1997-09-30' };
/** The generated sample spans 2023-01-01..2024-12-31: calibrate on the first 18 months. */
export const SAMPLE_CLV: ClvModelOptions = { period: 'week', calibrationEnd: '2024-06-30' };

export interface ClvTiming {
  /** ingestOrders of the file, when this measurement loaded it (CDNOW); null when the orders were already loaded. */
  loadMs: number | null;
  summaryMs: number;
  runnerMs: number;
  workerMs: number;
  pageMs: number;
  /** Load (when measured here) + summary + fit + predictions. */
  totalMs: number;
  ranIn: 'inline' | 'worker';
  customers: number;
  repeatBuyers: number;
  bgNbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number; converged: boolean } | null;
  gammaGamma: { p: number; q: number; v: number; customers: number; converged: boolean } | null;
  holdout: { predicted: number; actual: number; durationHoldout: number } | null;
  notices: string[];
}

const now = () => performance.now();

/**
 * Times the CLV model on the orders in the engine. Call when nothing else uses the engine (the
 * bench's runs are sequential): the reads are not queued as Dataset.clvModel queues them.
 */
export async function clvTimings(engine: Engine, options: ClvModelOptions, runner: ClvRunner = inlineClvRunner, loadMs: number | null = null): Promise<ClvTiming> {
  let t = now();
  const input = await readClvModelInput(engine, options);
  const summaryMs = now() - t;
  let runnerMs = 0;
  const timedRunner: ClvRunner = async (rows, fitOptions) => {
    const started = now();
    try {
      return await runner(rows, fitOptions);
    } finally {
      runnerMs = now() - started;
    }
  };
  t = now();
  const m = await fitClvModel(input, options, timedRunner);
  const modelMs = now() - t;
  const bg = m.bgNbd;
  const gg = m.gammaGamma;
  return {
    loadMs,
    summaryMs,
    runnerMs,
    workerMs: m.fitMs,
    pageMs: modelMs - runnerMs,
    totalMs: (loadMs ?? 0) + summaryMs + modelMs,
    ranIn: m.ranIn,
    customers: m.customers,
    repeatBuyers: m.repeatBuyers,
    bgNbd: bg && { ...bg.params, logLikelihood: bg.logLikelihood, converged: bg.convergence.converged },
    gammaGamma: gg && { ...gg.params, customers: gg.customers, converged: gg.convergence.converged },
    holdout: m.holdout && { predicted: m.holdout.totals.predicted, actual: m.holdout.totals.actual, durationHoldout: m.holdout.durationHoldout },
    notices: m.notices.map((n) => n.code),
  };
}

/** Loads `bytes` as the orders (timed), times the CLV model on them, and drops the tables again. */
export async function clvOnFile(
  engine: Engine,
  file: { name: string; bytes: Uint8Array },
  options: ClvModelOptions,
  runner: ClvRunner = inlineClvRunner,
): Promise<ClvTiming> {
  const t = now();
  const result = await ingestOrders(engine, file);
  const loadMs = now() - t;
  if (result.status !== 'loaded') throw new Error(`ingestOrders answered ${result.status} for ${file.name}: ${result.decision.questions.join(' ')}`);
  try {
    return await clvTimings(engine, options, runner, loadMs);
  } finally {
    await engine.query('DROP TABLE IF EXISTS orders');
    await engine.query('DROP TABLE IF EXISTS orders_rejects');
    // Dropped by hand, not by a dataset: the next reads ask the engine which tables it holds.
    forgetTablePresence(engine);
  }
}
