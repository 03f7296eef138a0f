import {
  bgNbdAliveExpectedPurchases,
  bgNbdAliveFormHolds,
  bgNbdConditionalExpectedPurchases,
  bgNbdDropoutOdds,
  bgNbdProbabilityAlive,
  fitBgNbd,
  type BgNbdFit,
  type BgNbdParams,
} from '../analytics/clv/bg-nbd.js';
import { fitGammaGamma, gammaGammaExpectedAverageProfit, type GammaGammaFit } from '../analytics/clv/gamma-gamma.js';
import { ClvOptionsError } from '../analytics/clv/holdout.js';
import { discountedPurchases, PERIODS_PER_MONTH } from '../analytics/clv/lifetime-value.js';
import type { Vector } from 'apache-arrow';
import { ClvInputError, compressSummaryRows, validateSummaryRows } from '../analytics/clv/summary-input.js';
import type { ClvPeriod, ClvSummaryRow } from '../analytics/clv/summary.js';
import type { Notice } from '../analytics/notice.js';
import { forEachSliceInTurns } from './turns.js';

/**
 * The numeric half of the CLV model service: fit the BG/NBD (all customers) and the
 * Gamma-Gamma (repeat buyers) and predict every customer, from summary rows alone. No engine,
 * no DOM: it runs inline (Node, tests) or in a Web Worker (data/clv-worker.ts) through a
 * `ClvRunner`, so a page can keep responding while a large base is fitted.
 */

/** What a fit needs besides the rows; all resolved (see resolveClvFitOptions). */
export interface ClvFitOptions {
  /** The summary's time unit (CLV months are counted in it). */
  readonly period: ClvPeriod;
  /** Periods ahead for each customer's expected purchases. */
  readonly horizon: number;
  /** CLV horizon in months. */
  readonly months: number;
  /** CLV discount rate per month. */
  readonly discountRate: number;
  /** L2 penalty of the BG/NBD fit (lifetimes' penalizer_coef). */
  readonly penalizer: number;
  /** L2 penalty of the Gamma-Gamma fit; its v is in money, so it needs its own (usually 0). */
  readonly spendPenalizer: number;
  /** With a calibration/holdout split: the holdout's length in periods, to predict each customer's holdout purchases. */
  readonly durationHoldout?: number;
  /** False when the summary has no spend (monetary) figures: the BG/NBD alone is fitted. Default true. */
  readonly spend?: boolean;
}

/**
 * What a runner returns: the fits, and per input row (same order) the predictions, as
 * Float64Arrays (transferred from a worker without copying). NaN where a figure cannot be
 * had (no spend model: no expected value or CLV).
 */
export interface ClvFits {
  /** Null without rows. */
  readonly bgNbd: BgNbdFit | null;
  /** Null without repeat buyers with a positive spend, or without spend figures (`spend: false`). */
  readonly gammaGamma: GammaGammaFit | null;
  readonly probabilityAlive: Float64Array;
  readonly expectedPurchases: Float64Array;
  readonly expectedAverageValue: Float64Array;
  readonly clv: Float64Array;
  /** Expected purchases over the holdout; null without `durationHoldout`. */
  readonly expectedHoldoutPurchases: Float64Array | null;
  /** Wall-clock time of the fits and predictions, in ms (in the worker when there was one). */
  readonly fitMs: number;
  /** Where the work ran. */
  readonly ranIn: 'inline' | 'worker';
  /** What the runner itself has to say (e.g. the worker could not start): worded by the runner. */
  readonly notices: readonly Notice[];
}

/** What one call of a runner may add. */
export interface ClvRunCall {
  /**
   * Aborted: the fit is no longer wanted. The worker runner terminates that call's worker at once
   * and rejects with the signal's reason (an AbortError by default); a runner that fits on the
   * calling thread may ignore it.
   */
  readonly signal?: AbortSignal;
}

/**
 * Fits and predictions for summary rows; rejects as the fits throw (ClvInputError, RangeError).
 * fitClvModel passes `call` for the check's fit, to stop it when the model's fit fails, and the
 * model input's own rows (they may carry more fields, e.g. a holdout's): a runner reads them and
 * must not change them. A runner that can also take a summary as columns says so (ClvColumnsRunner).
 */
export type ClvRunner = (rows: readonly ClvSummaryRow[], options: ClvFitOptions, call?: ClvRunCall) => Promise<ClvFits>;

/**
 * A runner that also takes a summary as columns (`acceptsColumns: true`): given one, fitClvModel
 * hands it the columns it read from the engine, where other runners get rows made from them (an
 * object per customer: at millions of customers, long pauses of the page to collect them). It
 * must not change nor transfer the columns' buffers (the model keeps them). The inline and worker
 * runners are such runners.
 */
export type ClvColumnsRunner = ((input: ClvRunnerInput, options: ClvFitOptions, call?: ClvRunCall) => Promise<ClvFits>) & { readonly acceptsColumns: true };

/** Whether a runner takes columns (see ClvColumnsRunner). */
export const acceptsColumns = (runner: ClvRunner): runner is ClvColumnsRunner => (runner as Partial<ClvColumnsRunner>).acceptsColumns === true;

/** What a runner fits: summary rows, or a summary as columns. */
export type ClvRunnerInput = readonly ClvSummaryRow[] | ClvSummaryTable;

/**
 * Customers' ids, one per summary row: as read from the engine (an Arrow text column, kept as
 * the engine's answer holds it: the fits and the stored predictions never make them strings) or
 * as given.
 */
export type ClvCustomerIds = readonly string[] | Vector;

/** The id of row `i`. */
export const customerIdAt = (ids: ClvCustomerIds, i: number): string => (Array.isArray(ids) ? (ids as readonly string[])[i]! : String((ids as Vector).get(i)));

/**
 * A summary as columns: what the model reads from the engine. At millions of customers, an
 * object per customer on the page cost the page its longest tasks (collecting their garbage);
 * columns are a handful of arrays.
 */
export interface ClvSummaryTable {
  readonly customerIds: ClvCustomerIds;
  /** The figures, one entry per customer, in the ids' order. */
  readonly columns: ClvSummaryColumns;
}

/** Whether a runner's input is a summary as columns (else rows). */
export const isClvSummaryTable = (input: ClvRunnerInput): input is ClvSummaryTable => !Array.isArray(input);

/** A runner input's rows: the rows given, or rows made from the columns (with the customers' ids). */
export function clvRunnerRows(input: ClvRunnerInput): readonly ClvSummaryRow[] {
  if (!isClvSummaryTable(input)) return input;
  const { frequency, recency, T, monetaryValue } = input.columns;
  return Array.from({ length: frequency.length }, (_, i) => ({ customerId: customerIdAt(input.customerIds, i), frequency: frequency[i]!, recency: recency[i]!, T: T[i]!, monetaryValue: monetaryValue[i]! }));
}

/** The id of row `i` of a runner's input, or undefined when it has no such row. */
export function inputCustomerIdOf(input: ClvRunnerInput): (i: number) => string | undefined {
  const n = isClvSummaryTable(input) ? input.columns.frequency.length : input.length;
  return (i) => (!(Number.isInteger(i) && i >= 0 && i < n) ? undefined : isClvSummaryTable(input) ? customerIdAt(input.customerIds, i) : input[i]!.customerId);
}

/**
 * A ClvInputError about row "i" of rows made by summaryRowsOf (as the inline runner and the
 * worker name them), about that row's customer (its id, and the message naming it); other errors
 * as they are.
 */
export function withCustomerNamed(error: unknown, idOf: (i: number) => string | undefined): unknown {
  if (!(error instanceof ClvInputError)) return error;
  const id = idOf(Number(error.customerId));
  return id === undefined ? error : new ClvInputError(id, error.field, error.value, error.requirement);
}

/**
 * Summary rows as four columns, for a worker: typed arrays are handed over without being
 * copied, where 339k row objects took the page 150-300 ms to copy, in one task. Only the
 * figures go: the worker names customers by their index (summaryRowsOf), which the page turns
 * back into their ids.
 */
export interface ClvSummaryColumns {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  readonly monetaryValue: Float64Array;
}

/**
 * The rows' figures as columns, or null when one of them is not a number (a string, null): the
 * rows then go as they are, so the fit's validation names that customer and value exactly as
 * it would inline. Every number, NaN and infinities included, goes as it is. Made a slice at a
 * time with the event loop free between slices (at 1.7M customers, 5M order lines, one go held
 * a page's main thread for a third of a second); null too once `stopped()` says no one waits.
 */
export async function summaryColumns(rows: readonly ClvSummaryRow[], stopped: () => boolean = () => false): Promise<ClvSummaryColumns | null> {
  const n = rows.length;
  const columns = { frequency: new Float64Array(n), recency: new Float64Array(n), T: new Float64Array(n), monetaryValue: new Float64Array(n) };
  let numbers = true;
  await forEachSliceInTurns(n, (from, to) => {
    if (!numbers || stopped()) return;
    for (let i = from; i < to; i++) {
      const { frequency, recency, T, monetaryValue } = rows[i]!;
      if (typeof frequency !== 'number' || typeof recency !== 'number' || typeof T !== 'number' || typeof monetaryValue !== 'number') {
        numbers = false;
        return;
      }
      columns.frequency[i] = frequency;
      columns.recency[i] = recency;
      columns.T[i] = T;
      columns.monetaryValue[i] = monetaryValue;
    }
  });
  return numbers && !stopped() ? columns : null;
}

/**
 * Copies of the columns, made a slice at a time with the event loop free between slices: what a
 * worker is handed (transferred) when the columns are the caller's to keep.
 */
export async function copiedColumns(columns: ClvSummaryColumns, stopped: () => boolean = () => false): Promise<ClvSummaryColumns> {
  const n = columns.frequency.length;
  const copy = { frequency: new Float64Array(n), recency: new Float64Array(n), T: new Float64Array(n), monetaryValue: new Float64Array(n) };
  await forEachSliceInTurns(
    n,
    (from, to) => {
      if (stopped()) return;
      for (const k of ['frequency', 'recency', 'T', 'monetaryValue'] as const) copy[k].set(columns[k].subarray(from, to), from);
    },
    // Small slices: writing fresh memory is slow on a loaded machine (at 1.7M customers, slices of
    // 262,144 took 56-109 ms each, of 32,768 up to 36 ms).
    8_192,
  );
  return copy;
}

/** Rows of the columns, each customer's id its index ("0", "1", ...): what a ClvInputError then names. */
export function summaryRowsOf(columns: ClvSummaryColumns): ClvSummaryRow[] {
  const { frequency, recency, T, monetaryValue } = columns;
  return Array.from({ length: frequency.length }, (_, i) => ({ customerId: String(i), frequency: frequency[i]!, recency: recency[i]!, T: T[i]!, monetaryValue: monetaryValue[i]! }));
}

/** Throws a ClvOptionsError naming the first option out of range. */
export function checkClvFitOptions(options: ClvFitOptions): void {
  const bad = (name: string, value: unknown, requirement: string): never => {
    throw new ClvOptionsError(`${name} must be ${requirement}, got ${JSON.stringify(value)}`);
  };
  const { horizon, months, discountRate, penalizer, spendPenalizer, durationHoldout } = options;
  if (!(typeof horizon === 'number' && Number.isFinite(horizon) && horizon >= 0)) bad('horizon', horizon, 'a number of periods ≥ 0');
  if (!(Number.isInteger(months) && months >= 0)) bad('months', months, 'a whole number of months ≥ 0');
  if (!(typeof discountRate === 'number' && Number.isFinite(discountRate) && discountRate > -1)) bad('discountRate', discountRate, 'a number > -1 (per month)');
  if (!(typeof penalizer === 'number' && Number.isFinite(penalizer) && penalizer >= 0)) bad('penalizer', penalizer, 'a number ≥ 0');
  if (!(typeof spendPenalizer === 'number' && Number.isFinite(spendPenalizer) && spendPenalizer >= 0)) bad('spendPenalizer', spendPenalizer, 'a number ≥ 0');
  if (durationHoldout !== undefined && !(Number.isFinite(durationHoldout) && durationHoldout >= 0)) bad('durationHoldout', durationHoldout, 'a number of periods ≥ 0');
}

/** What the BG/NBD says about one (frequency, recency, T): shared by every customer with that history. */
export interface HistoryPrediction {
  probabilityAlive: number;
  expectedPurchases: number;
  /** Σ over months of the month's expected purchases / (1 + rate)^month: CLV = this × expected spend (NaN when no spend model needs it). */
  discountedPurchases: number;
  expectedHoldoutPurchases: number;
}

/**
 * The predictions of one purchase history, as bgNbdProbabilityAlive,
 * bgNbdConditionalExpectedPurchases and discountedPurchases give them, with the same
 * arithmetic. The slow part (a hypergeometric series per horizon and month) depends on
 * (frequency, T) only, not on recency, so it is computed once per (frequency, T) and divided
 * by each history's odds of having dropped out: at 339k customers, 177k histories share 10.6k
 * (frequency, T) pairs. Without a spend model (`discounted` false) the monthly figures are
 * not needed and are left out.
 */
export function historyPredictor(params: BgNbdParams, options: ClvFitOptions, discounted: boolean): (row: ClvSummaryRow) => HistoryPrediction {
  // Within 1e-6 of a = 1 the expectation is the mean of both sides of a (bgNbdConditionalExpectedPurchases): no sharing then.
  if (!bgNbdAliveFormHolds(params)) {
    return (row) => ({
      probabilityAlive: bgNbdProbabilityAlive(params, row),
      expectedPurchases: bgNbdConditionalExpectedPurchases(params, options.horizon, row),
      discountedPurchases: discounted ? discountedPurchases(params, row, { period: options.period, months: options.months, discountRate: options.discountRate }) : NaN,
      expectedHoldoutPurchases: options.durationHoldout === undefined ? NaN : bgNbdConditionalExpectedPurchases(params, options.durationHoldout, row),
    });
  }
  const perMonth = PERIODS_PER_MONTH[options.period];
  const months = discounted ? options.months : 0;
  // The horizons: [horizon, holdout, month 1, ..., month `months`] (the holdout NaN without one).
  const horizons = [options.horizon, options.durationHoldout ?? NaN, ...Array.from({ length: months }, (_, m) => (m + 1) * perMonth)];
  const aliveByAge = new Map<string, Float64Array>();
  const alive = (x: number, T: number): Float64Array => {
    const key = `${x}|${T}`;
    let e = aliveByAge.get(key);
    if (!e) aliveByAge.set(key, (e = Float64Array.from(horizons, (t) => (Number.isNaN(t) ? NaN : bgNbdAliveExpectedPurchases(params, t, x, T)))));
    return e;
  };
  return (row) => {
    const e = alive(row.frequency, row.T);
    // As bgNbdConditionalExpectedPurchases (the odds are 0 without repeat purchases).
    const divisor = 1 + bgNbdDropoutOdds(params, row);
    let value = NaN;
    if (discounted) {
      // As discountedPurchases, month by month.
      value = 0;
      let before = 0;
      for (let month = 1; month <= months; month++) {
        const upTo = e[month + 1]! / divisor;
        value += (upTo - before) / (1 + options.discountRate) ** month;
        before = upTo;
      }
    }
    return {
      probabilityAlive: bgNbdProbabilityAlive(params, row),
      expectedPurchases: e[0]! / divisor,
      discountedPurchases: value,
      expectedHoldoutPurchases: options.durationHoldout === undefined ? NaN : e[1]! / divisor,
    };
  };
}

/**
 * Fits both models and predicts every row: the work a runner does. The BG/NBD runs on rows
 * merged by weight (equal likelihood, far fewer terms: many customers share a history);
 * predictions are computed once per distinct purchase history. Throws a ClvInputError for an unusable row, a ClvOptionsError for
 * an option out of range.
 */
export function computeClvFits(rows: readonly ClvSummaryRow[], options: ClvFitOptions): Omit<ClvFits, 'ranIn' | 'notices'> {
  const started = performance.now();
  checkClvFitOptions(options);
  validateSummaryRows(rows);
  const n = rows.length;
  const probabilityAlive = new Float64Array(n).fill(NaN);
  const expectedPurchases = new Float64Array(n).fill(NaN);
  const expectedAverageValue = new Float64Array(n).fill(NaN);
  const clv = new Float64Array(n).fill(NaN);
  const expectedHoldoutPurchases = options.durationHoldout === undefined ? null : new Float64Array(n).fill(NaN);
  if (n === 0) {
    return { bgNbd: null, gammaGamma: null, probabilityAlive, expectedPurchases, expectedAverageValue, clv, expectedHoldoutPurchases, fitMs: performance.now() - started };
  }
  const bgNbd = fitBgNbd(compressSummaryRows(rows, ['frequency', 'recency', 'T']), { penalizer: options.penalizer });
  // Repeat buyers whose repeat purchases were worth nothing (free orders) have no spend the
  // Gamma-Gamma can model (it takes logs): they are left out of its fit, as lifetimes' users
  // do, and still get an expected value from it (clv-model says how many).
  const spenders = options.spend === false ? [] : rows.filter((row) => row.frequency > 0 && row.monetaryValue > 0);
  let gammaGamma: GammaGammaFit | null = null;
  if (spenders.length > 0) {
    // Not merged: mean spends are continuous, so few rows would merge, and a fit on the rows
    // as given stops where the analytics' own tests expect it to.
    gammaGamma = fitGammaGamma(spenders, { penalizer: options.spendPenalizer });
  }
  // q ≤ 1: the population mean spend is infinite; no value figures then (clv-model says why).
  const spendOk = gammaGamma !== null && gammaGamma.params.q > 1;
  const predictHistory = historyPredictor(bgNbd.params, options, spendOk);
  const byHistory = new Map<string, HistoryPrediction>();
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const key = `${row.frequency}|${row.recency}|${row.T}`;
    let h = byHistory.get(key);
    if (!h) byHistory.set(key, (h = predictHistory(row)));
    probabilityAlive[i] = h.probabilityAlive;
    expectedPurchases[i] = h.expectedPurchases;
    if (expectedHoldoutPurchases) expectedHoldoutPurchases[i] = h.expectedHoldoutPurchases;
    if (spendOk) {
      const spend = gammaGammaExpectedAverageProfit(gammaGamma!.params, row);
      expectedAverageValue[i] = spend;
      clv[i] = spend * h.discountedPurchases;
    }
  }
  return { bgNbd, gammaGamma, probabilityAlive, expectedPurchases, expectedAverageValue, clv, expectedHoldoutPurchases, fitMs: performance.now() - started };
}

/** Fits on the calling thread: the default in Node and tests (and the fallback of the worker runner). */
export const inlineClvRunner: ClvColumnsRunner = Object.assign(
  async (input: ClvRunnerInput, options: ClvFitOptions): Promise<ClvFits> => {
    if (!isClvSummaryTable(input)) return { ...computeClvFits(input, options), ranIn: 'inline', notices: [] };
    // Named by index, as in a worker, and the error's customer named by id after.
    try {
      return { ...computeClvFits(summaryRowsOf(input.columns), options), ranIn: 'inline', notices: [] };
    } catch (e) {
      throw withCustomerNamed(e, inputCustomerIdOf(input));
    }
  },
  { acceptsColumns: true as const },
);
