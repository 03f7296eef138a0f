import type { BgNbdFit } from '../analytics/clv/bg-nbd.js';
import type { FrequencyMonetaryCorrelation, GammaGammaFit } from '../analytics/clv/gamma-gamma.js';
import { ClvOptionsError, clvCheckPlan, PERIOD_DAYS, resolveClvHoldoutOptions, resolveClvSummaryOptions, type ClvHoldoutRow } from '../analytics/clv/holdout.js';
import type { ClvPeriod, ClvSummaryRow } from '../analytics/clv/summary.js';
import type { Notice } from '../analytics/notice.js';
import { fitConverged } from '../analytics/clv/fit-converged.js';
import { forEachSliceInTurns } from './turns.js';
import { clvRowsOf, customerIdStrings, readClvHoldoutColumns, readClvSummaryColumns, type ClvColumns } from './clv.js';
import { acceptsColumns, checkClvFitOptions, inlineClvRunner, type ClvCustomerIds, type ClvFitOptions, type ClvFits, type ClvRunCall, type ClvRunner } from './clv-fit.js';
import { clvNotice } from './clv-notices.js';
import type { Engine } from './engine/engine.js';

export type { ClvColumnsRunner, ClvCustomerIds, ClvFitOptions, ClvFits, ClvRunner, ClvRunnerInput, ClvSummaryColumns, ClvSummaryTable } from './clv-fit.js';
export { clvRunnerRows, inlineClvRunner } from './clv-fit.js';
export type { ClvColumns } from './clv.js';
export { fitConverged };

/**
 * The CLV model service: reads the purchase summary (or the calibration/holdout split), fits
 * the BG/NBD and Gamma-Gamma models through a runner (inline, or a Web Worker in the page) and
 * returns the parameters, how the fits went, warnings, each customer's predictions and, with a
 * holdout, the calibration-vs-holdout comparison (lifetimes'
 * `plot_calibration_purchases_vs_holdout_purchases`).
 *
 * The check (`checkMonths`): the standard way to trust a model and still act on all the orders.
 * A second model is fitted on the orders before the last `checkMonths` months and its predictions
 * for those months are compared with what customers did (ClvModel.check), while the model, its
 * predictions and figures stay those of the fit on every order. Both inputs are read in one turn
 * of the engine (readClvModelInput), both fits run through the same runner (fitClvModel).
 */

export interface ClvModelOptions {
  /** Default `day`. */
  period?: ClvPeriod;
  /** ISO date: fit on purchases up to it and compare the predictions with the purchases after it. */
  calibrationEnd?: string;
  /** ISO date, the end of the observation (inclusive); default the last purchase date. */
  observationEnd?: string;
  /** Periods ahead for expected purchases (default a year: 365 days or 52 weeks). */
  horizon?: number;
  /** CLV horizon in months (default 12). */
  months?: number;
  /** CLV discount rate per month (default 0.01, lifetimes' default). */
  discountRate?: number;
  /** L2 penalty of the BG/NBD fit, as lifetimes' penalizer_coef (default 0). */
  penalizer?: number;
  /** L2 penalty of the Gamma-Gamma fit (default 0; its v is in money, so it is separate). */
  spendPenalizer?: number;
  /** The comparison's last group holds calibration frequencies ≥ this (default 7, as lifetimes' plot). */
  holdoutGroups?: number;
  /**
   * Also check the model on the last this many calendar months held out (see ClvModel.check):
   * a whole number ≥ 1; 0 or absent, no check. Ignored with `calibrationEnd` (the model then
   * has its own holdout).
   */
  checkMonths?: number;
}

/** One customer's figures. Value figures are null when the spend model could not be fitted. */
export interface ClvPrediction extends ClvSummaryRow {
  /** Probability the customer is still active at the end of the (calibration) summary. */
  readonly probabilityAlive: number;
  /** Expected purchase periods over the next `horizon` periods. */
  readonly expectedPurchases: number;
  /** Expected mean value per purchase (Gamma-Gamma). */
  readonly expectedAverageValue: number | null;
  /** Discounted value of the next `months` months. */
  readonly clv: number | null;
  /** With a holdout: the purchase periods the customer actually made in it. */
  readonly frequencyHoldout?: number;
  /** With a holdout: the purchase periods the model expected in it. */
  readonly expectedHoldoutPurchases?: number;
}

/** One group of the comparison: customers with this many repeat purchases in calibration. */
export interface ClvHoldoutGroup {
  /** Calibration frequency (repeat purchase periods); with `orMore`, this or more. */
  readonly frequency: number;
  readonly orMore: boolean;
  readonly customers: number;
  /** Mean purchase periods in the holdout the model predicted. */
  readonly predicted: number;
  /** Mean purchase periods in the holdout the customers made. */
  readonly actual: number;
}

/** Predicted vs actual holdout purchases: can the model be trusted on this data? */
export interface ClvHoldoutComparison {
  readonly calibrationEnd: string;
  readonly observationEnd: string;
  /** Holdout length in periods. */
  readonly durationHoldout: number;
  readonly groups: readonly ClvHoldoutGroup[];
  /** All calibration customers: purchase periods in the holdout, predicted and actual, summed. */
  readonly totals: { readonly customers: number; readonly predicted: number; readonly actual: number };
}

export interface ClvModel {
  readonly period: ClvPeriod;
  /** The date the fitted summary is as of: the calibration end with a holdout, else the observation end. Null without purchases. */
  readonly summaryEnd: string | null;
  readonly calibrationEnd: string | null;
  readonly observationEnd: string | null;
  readonly horizon: number;
  readonly months: number;
  readonly discountRate: number;
  /** Customers fitted, and those with a repeat purchase (the Gamma-Gamma fits those with a positive mean spend among them). */
  readonly customers: number;
  readonly repeatBuyers: number;
  /** Null without customers. */
  readonly bgNbd: BgNbdFit | null;
  /** Null without repeat buyers. */
  readonly gammaGamma: GammaGammaFit | null;
  /** The frequency–monetary independence check of the Gamma-Gamma; null without repeat buyers. */
  readonly independence: FrequencyMonetaryCorrelation | null;
  /** What the reader should know about the fit, worded (text) and coded. */
  readonly notices: readonly Notice[];
  /** The notices' English texts, same order. */
  readonly warnings: readonly string[];
  /** One per customer, ordered by customer id. */
  readonly predictions: readonly ClvPrediction[];
  /** With calibrationEnd: the calibration-vs-holdout comparison. */
  readonly holdout: ClvHoldoutComparison | null;
  /** The check of the model on the last `checkMonths` months held out: a model fitted to the orders before them, its predictions for them beside what customers did. Null when not asked, when `calibrationEnd` was given (see `holdout`), or when the orders are too short (a notice says so). */
  readonly check: ClvCheck | null;
  /** Time of the fits and predictions (the check's included), and where the model's ran. */
  readonly fitMs: number;
  readonly ranIn: 'inline' | 'worker';
}

/** A model fitted on the orders up to `holdout.calibrationEnd` and compared with the months after it. */
export interface ClvCheck {
  /** Months held out. */
  readonly months: number;
  /** The calibration model's purchase-model fit (as ClvModel's; the check needs no spend model, so none is fitted). */
  readonly bgNbd: ClvModel['bgNbd'];
  /** Predicted vs actual purchases in the held-out months. */
  readonly holdout: ClvHoldoutComparison;
}

/** What the check on the last months is fitted on (see ClvModelInput.check). */
export interface ClvCheckInput {
  /** Months held out. */
  readonly months: number;
  /** The calibration summary up to the observation end less `months` months, with each customer's purchases after it; null when there is no check (see `notice`). */
  readonly input: ClvModelInput | null;
  /** Why there is no check (`clv.check-too-short`); null with an input. */
  readonly notice: Notice | null;
}

/** The summary the model is fitted on, read from the engine (see readClvModelInput). */
export interface ClvModelInput {
  readonly period: ClvPeriod;
  readonly calibrationEnd: string | null;
  readonly observationEnd: string | null;
  /** Holdout length in periods; null without a split. */
  readonly durationHoldout: number | null;
  /**
   * Summary rows; with a split, holdout rows (frequencyHoldout...). Handed to the runner as they
   * are, not copied: no `weight` field (the inline fits would read it as the number of customers
   * a row stands for). Of an input read from the engine (readClvModelInput), made from `columns`
   * the first time they are read: the fits and the page use the columns.
   */
  readonly rows: readonly (ClvSummaryRow | ClvHoldoutRow)[];
  /**
   * The summary as columns, as read from the engine (readClvModelInput): when present, the fits
   * and the model read these rather than `rows` (the same customers, in the same order). At
   * millions of customers an object per customer cost the page long pauses to collect them.
   */
  readonly columns?: ClvColumns;
  /** False when the rows carry no spend figures (a summary without a monetary column): BG/NBD only. */
  readonly spend?: boolean;
  /** With `checkMonths` (and no calibrationEnd) and some purchase: what the check is fitted on, or why there is none. */
  readonly check?: ClvCheckInput;
}

/** Fewer repeat buyers than this: the spend model is flagged as resting on little data. */
const FEW_REPEAT_BUYERS = 30;

const DEFAULT_HORIZON: Readonly<Record<ClvPeriod, number>> = { day: 365, week: 52 };

/** The model options with defaults, checked; throws ClvOptionsError naming a bad one. */
export function resolveClvModelOptions(options: ClvModelOptions = {}): { fit: ClvFitOptions; holdoutGroups: number; checkMonths: number | null } {
  const { period } = resolveClvSummaryOptions(options);
  const fit: ClvFitOptions = {
    period,
    horizon: options.horizon ?? DEFAULT_HORIZON[period],
    months: options.months ?? 12,
    discountRate: options.discountRate ?? 0.01,
    penalizer: options.penalizer ?? 0,
    spendPenalizer: options.spendPenalizer ?? 0,
  };
  checkClvFitOptions(fit);
  const holdoutGroups = options.holdoutGroups ?? 7;
  if (!(Number.isInteger(holdoutGroups) && holdoutGroups >= 1)) {
    throw new ClvOptionsError(`holdoutGroups must be a whole number ≥ 1, got ${JSON.stringify(options.holdoutGroups)}`);
  }
  const { checkMonths } = options;
  if (checkMonths !== undefined && !(typeof checkMonths === 'number' && Number.isInteger(checkMonths) && checkMonths >= 0)) {
    throw new ClvOptionsError(`checkMonths must be a whole number of months ≥ 1 (0 for no check), got ${JSON.stringify(checkMonths)}`);
  }
  if (options.calibrationEnd !== undefined) resolveClvHoldoutOptions({ ...options, calibrationEnd: options.calibrationEnd });
  // With a calibration end the model has its own holdout: no second fit.
  return { fit, holdoutGroups, checkMonths: checkMonths && options.calibrationEnd === undefined ? checkMonths : null };
}

/**
 * Reads what the model is fitted on: the summary as of the observation end or, with
 * `calibrationEnd`, the calibration summary with each customer's holdout purchases; with
 * `checkMonths`, also the split of the check (the calibration summary up to the observation end
 * less that many months, with the purchases after it), or why the orders are too short for one.
 * Rejects with ClvOptionsError for invalid options before any SQL runs. Call inside the engine's
 * queue: both reads then see the same orders.
 */
export async function readClvModelInput(engine: Engine, options: ClvModelOptions = {}): Promise<ClvModelInput> {
  const { checkMonths } = resolveClvModelOptions(options);
  const { period, observationEnd } = options;
  if (options.calibrationEnd !== undefined) {
    const h = await readClvHoldoutColumns(engine, { ...(period ? { period } : {}), calibrationEnd: options.calibrationEnd, ...(observationEnd ? { observationEnd } : {}) });
    const meta = { period: h.period, calibrationEnd: h.calibrationEnd, observationEnd: h.observationEnd, durationHoldout: h.observationEnd === null ? null : h.durationHoldout };
    return h.columns ? inputOfColumns(meta, h.columns) : { ...meta, rows: [] };
  }
  const s = await readClvSummaryColumns(engine, { ...(period ? { period } : {}), ...(observationEnd ? { observationEnd } : {}) });
  const meta = { period: s.period, calibrationEnd: null, observationEnd: s.observationEnd, durationHoldout: null };
  if (!s.columns) return { ...meta, rows: [] };
  if (checkMonths === null || s.columns.length === 0) return inputOfColumns(meta, s.columns);
  return inputOfColumns({ ...meta, check: await readClvCheckInput(engine, s.period, s.observationEnd!, s.columns, checkMonths) }, s.columns);
}

/** A model input read from the engine: its rows are made from its columns only if someone reads them. */
function inputOfColumns(meta: Omit<ClvModelInput, 'rows' | 'columns'>, columns: ClvColumns): ClvModelInput {
  let rows: (ClvSummaryRow | ClvHoldoutRow)[] | null = null;
  return {
    ...meta,
    columns,
    get rows() {
      return (rows ??= clvRowsOf<ClvSummaryRow | ClvHoldoutRow>(columns));
    },
  };
}

/** An input's figures as columns: its own, or (an input of rows) copied from its rows, in slices with the event loop free between them. */
interface Figures {
  readonly customerIds: ClvCustomerIds;
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  readonly monetaryValue: Float64Array;
  /** With `holdout`: the purchase periods in the holdout. */
  readonly frequencyHoldout: Float64Array | null;
}

async function figuresOf(input: ClvModelInput, holdout: boolean): Promise<Figures> {
  if (input.columns) {
    const { customerIds, columns, numbers, length } = input.columns;
    return { customerIds, ...columns, frequencyHoldout: holdout ? (numbers.get('frequencyHoldout') ?? new Float64Array(length).fill(NaN)) : null };
  }
  // Filled in one pass (at 339k customers 15-40 ms, where Float64Array.from per column took 150),
  // in slices with the event loop free between them (at 1.7M customers one go took 160 ms).
  const rows = input.rows;
  const n = rows.length;
  const customerIds = new Array<string>(n);
  const [frequency, recency, T, monetaryValue] = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const frequencyHoldout = holdout ? new Float64Array(n) : null;
  await forEachSliceInTurns(n, (from, to) => {
    for (let i = from; i < to; i++) {
      const row = rows[i]!;
      customerIds[i] = row.customerId;
      frequency[i] = row.frequency;
      recency[i] = row.recency;
      T[i] = row.T;
      monetaryValue[i] = row.monetaryValue;
      if (frequencyHoldout) frequencyHoldout[i] = (row as ClvHoldoutRow).frequencyHoldout;
    }
  });
  return { customerIds, frequency, recency, T, monetaryValue, frequencyHoldout };
}

/** The ISO date `days` whole days before `date`. */
const daysBefore = (date: string, days: number) => new Date(Date.parse(date) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The check's split for a summary with customers (`columns`), as of its observation end `end`.
 * The first purchase is the oldest customer's birth: the largest T before the observation end
 * (the same purchases the summary counts, returns left out).
 */
async function readClvCheckInput(engine: Engine, period: ClvPeriod, end: string, columns: ClvColumns, months: number): Promise<ClvCheckInput> {
  let oldest = 0;
  const ages = columns.columns.T;
  // In slices with the event loop free between them (3.4M customers in one go: a 70 ms task).
  await forEachSliceInTurns(ages.length, (from, to) => {
    for (let i = from; i < to; i++) if (ages[i]! > oldest) oldest = ages[i]!;
  });
  const first = daysBefore(end, Math.round(oldest * PERIOD_DAYS[period]));
  const plan = clvCheckPlan(first, end, months);
  const tooShort = (calibrationEnd: string | null): ClvCheckInput => ({
    months,
    input: null,
    notice: clvNotice('clv.check-too-short', { n: months, months, first, end, calibrationEnd: calibrationEnd ?? '-' }),
  });
  if (plan.tooShort) return tooShort(plan.calibrationEnd);
  const h = await readClvHoldoutColumns(engine, { period, calibrationEnd: plan.calibrationEnd!, observationEnd: end });
  if (!h.columns || h.columns.length === 0) return tooShort(plan.calibrationEnd);
  return {
    months,
    input: inputOfColumns({ period: h.period, calibrationEnd: h.calibrationEnd, observationEnd: h.observationEnd, durationHoldout: h.durationHoldout }, h.columns),
    notice: null,
  };
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

async function holdoutComparison(input: ClvModelInput, figures: Figures, fits: ClvFits, groupsFrom: number): Promise<ClvHoldoutComparison | null> {
  const { frequency, frequencyHoldout } = figures;
  const expected = fits.expectedHoldoutPurchases;
  if (input.durationHoldout === null || !expected || !frequencyHoldout || input.calibrationEnd === null || input.observationEnd === null) return null;
  // Sums by calibration frequency (the last group: that many or more), in typed arrays, a slice at
  // a time with the event loop free between slices (at 1.7M customers, objects in one go: 120 ms).
  const customers = new Float64Array(groupsFrom + 1);
  const predicted = new Float64Array(groupsFrom + 1);
  const actual = new Float64Array(groupsFrom + 1);
  // Totals added up customer by customer, as the groups are.
  const totals = { customers: 0, predicted: 0, actual: 0 };
  await forEachSliceInTurns(frequency.length, (from, to) => {
    let [n, p, a] = [totals.customers, totals.predicted, totals.actual];
    for (let i = from; i < to; i++) {
      const g = Math.min(frequency[i]!, groupsFrom);
      customers[g]! += 1;
      predicted[g]! += expected[i]!;
      actual[g]! += frequencyHoldout[i]!;
      n += 1;
      p += expected[i]!;
      a += frequencyHoldout[i]!;
    }
    [totals.customers, totals.predicted, totals.actual] = [n, p, a];
  });
  const groups = Array.from(customers).flatMap((n, frequency) =>
    n === 0 ? [] : [{ frequency, orMore: frequency === groupsFrom, customers: n, predicted: predicted[frequency]! / n, actual: actual[frequency]! / n }],
  );
  return { calibrationEnd: input.calibrationEnd, observationEnd: input.observationEnd, durationHoldout: input.durationHoldout, groups, totals };
}

/** The notices a fit calls for, in reading order. */
function fitNotices(input: ClvModelInput, fits: ClvFits, customers: number, repeatBuyers: number): Notice[] {
  const notices: Notice[] = [...fits.notices];
  if (customers === 0) {
    notices.push(clvNotice('clv.no-customers', { date: input.calibrationEnd ?? input.observationEnd ?? '-' }));
    return notices;
  }
  const { bgNbd, gammaGamma } = fits;
  if (bgNbd && !bgNbd.identifiable) {
    notices.push(clvNotice(bgNbd.unidentifiable === 'no-observation-time' ? 'clv.bgnbd-no-observation-time' : 'clv.bgnbd-no-repeat-purchases'));
  } else if (bgNbd && !fitConverged(bgNbd.convergence)) notices.push(clvNotice('clv.bgnbd-not-converged', { gradient: bgNbd.convergence.gradientNorm.toExponential(1) }));
  if (bgNbd && bgNbd.convergence.startsAgreeing < bgNbd.convergence.starts) {
    notices.push(clvNotice('clv.starts-disagree', { agreeing: bgNbd.convergence.startsAgreeing, n: bgNbd.convergence.starts }));
  }
  if (!gammaGamma) {
    notices.push(clvNotice(input.spend === false ? 'clv.no-spend' : repeatBuyers === 0 ? 'clv.no-repeat-buyers' : 'clv.no-positive-spend'));
    return notices;
  }
  const zeroSpend = repeatBuyers - gammaGamma.customers;
  if (zeroSpend > 0) notices.push(clvNotice('clv.zero-spend-excluded', { n: zeroSpend }));
  if (gammaGamma.customers < FEW_REPEAT_BUYERS) notices.push(clvNotice('clv.few-repeat-buyers', { n: gammaGamma.customers }));
  if (!fitConverged(gammaGamma.convergence)) notices.push(clvNotice('clv.gamma-gamma-not-converged', { gradient: gammaGamma.convergence.gradientNorm.toExponential(1) }));
  if (!(gammaGamma.params.q > 1)) notices.push(clvNotice('clv.spend-mean-infinite', { q: Number(gammaGamma.params.q.toPrecision(3)) }));
  const { independence } = gammaGamma;
  if (Number.isNaN(independence.r)) notices.push(clvNotice('clv.independence-unknown'));
  else if (independence.dependent) {
    notices.push(clvNotice('clv.independence-fails', { n: independence.n, r: Number(independence.r.toFixed(2)), threshold: independence.threshold }));
  }
  return notices;
}

/**
 * Fits one input through the runner (with `spend` false, its purchases only). A runner that takes
 * columns (ClvColumnsRunner) gets the input's columns read from the engine; any other, the input's
 * rows (made from the columns the first time). Either way the input's own, not copies (a copy of
 * 1.7M rows, 5M order lines, was a second of the page's main thread, half of it collecting
 * garbage): the runner reads the figures it fits (a ClvHoldoutRow only adds the holdout's) and
 * must not change them.
 */
function runFits(input: ClvModelInput, fit: ClvFitOptions, runner: ClvRunner, call?: ClvRunCall, spend = input.spend !== false): Promise<ClvFits> {
  const fitOptions: ClvFitOptions = {
    ...fit,
    ...(input.durationHoldout === null ? {} : { durationHoldout: input.durationHoldout }),
    ...(spend ? {} : { spend: false }),
  };
  return input.columns && acceptsColumns(runner) ? runner(input.columns, fitOptions, call) : runner(input.rows, fitOptions, call);
}

/**
 * Whether a runner's rejection is a cancellation, which must stop the whole model rather than
 * only its check: an AbortError or TimeoutError (a signal's default reasons), or a reason that is
 * not an Error at all.
 */
const isCancellation = (e: unknown): boolean => !(e instanceof Error) || e.name === 'AbortError' || e.name === 'TimeoutError';

/** The check fitted, or null with the notice that says why there is none, and the time it took. */
async function fitClvCheck(
  check: ClvCheckInput,
  fit: ClvFitOptions,
  holdoutGroups: number,
  runner: ClvRunner,
  call: ClvRunCall,
): Promise<{ check: ClvCheck | null; notice: Notice | null; fitMs: number }> {
  const { months, input } = check;
  if (input === null) return { check: null, notice: check.notice, fitMs: 0 };
  const failed = (reason: string | Notice, fitMs = 0) => ({ check: null, notice: clvNotice('clv.check-failed', { n: months, months, reason }), fitMs });
  let fits: ClvFits;
  try {
    // Purchases are all the check compares: no spend model.
    fits = await runFits(input, fit, runner, call, false);
  } catch (e) {
    if (isCancellation(e)) throw e;
    return failed((e as Error).message.trim().replace(/\.$/, ''));
  }
  const holdout = await holdoutComparison(input, await figuresOf(input, true), fits, holdoutGroups);
  if (holdout === null || !Number.isFinite(holdout.totals.predicted)) {
    // E.g. a BG/NBD whose a and b ran off to the edge of the search: its expectations are then not numbers.
    const edge = fits.bgNbd !== null && !fitConverged(fits.bgNbd.convergence);
    return failed(clvNotice(edge ? 'clv.check-unpredicted-unconverged' : 'clv.check-unpredicted'), fits.fitMs);
  }
  return { check: { months, bgNbd: fits.bgNbd, holdout }, notice: null, fitMs: fits.fitMs };
}

/**
 * Fits the models on what readClvModelInput read, through `runner` (default inline), and
 * assembles the result. With the input's `check` (read with `checkMonths`), the check's fit
 * (purchases only) is asked of the runner right after the model's, without waiting for it: the
 * page's worker runner fits each in a worker of its own, so on two cores the check costs little
 * time (at 1M order lines the model takes 3.3 s and the check 2.1 s, one after the other); both
 * workers then hold the summary rows at once. The inline runner fits them one after the other. The
 * check's call carries a signal (the runner's third argument, as workerClvRunner takes it):
 * when the model's fit fails, the check is stopped through it and the model rejects as its fit
 * did. Cancelling (an AbortError or TimeoutError, as a signal's runner rejects with) either
 * fit rejects the whole model. A check that cannot be fitted leaves `check` null with a
 * `clv.check-failed` notice; the model itself never fails because of it. Rejects with
 * ClvOptionsError for invalid options, ClvInputError for an unusable summary row (naming the
 * customer and field), and as the runner rejects (a cancelled fit).
 */
export async function fitClvModel(input: ClvModelInput, options: ClvModelOptions = {}, runner: ClvRunner = inlineClvRunner): Promise<ClvModel> {
  const { fit, holdoutGroups } = resolveClvModelOptions({ ...options, period: input.period });
  const stopCheck = new AbortController();
  const check = () => (input.check ? fitClvCheck(input.check, fit, holdoutGroups, runner, { signal: stopCheck.signal }) : null);
  const modelFit = runFits(input, fit, runner);
  // Fitting inline, each call does its whole work before it returns: one after the other then,
  // so a model that fails is not followed by a check for nothing.
  const checking = runner === inlineClvRunner ? null : check();
  // Handled at once (a check cancelled before the model is in must not go unhandled); awaited below.
  checking?.catch(() => undefined);
  let fits: ClvFits;
  try {
    fits = await modelFit;
  } catch (e) {
    // The check's own outcome (stopped, most likely) says nothing more.
    stopCheck.abort();
    throw e;
  }
  const checked = await (checking ?? check());
  const withHoldout = fits.expectedHoldoutPurchases !== null && input.durationHoldout !== null;
  // One object per customer only when asked for: a page stores the predictions from the columns
  // (storeClvPredictions) and reads figures by group in SQL, so a large base never builds them.
  // Kept as columns: the input's own (read from the engine), or copies of its rows' figures.
  const figures = await figuresOf(input, withHoldout);
  const { frequency, recency, T: age, monetaryValue, frequencyHoldout } = figures;
  const n = frequency.length;
  let repeatBuyers = 0;
  await forEachSliceInTurns(n, (from, to) => {
    for (let i = from; i < to; i++) if (frequency[i]! > 0) repeatBuyers++;
  });
  const holdout = await holdoutComparison(input, figures, fits, holdoutGroups);
  let predictions: ClvPrediction[] | null = null;
  const buildPredictions = () =>
    customerIdStrings(figures.customerIds).map((customerId, i): ClvPrediction => ({
      customerId,
      frequency: frequency[i]!,
      recency: recency[i]!,
      T: age[i]!,
      monetaryValue: monetaryValue[i]!,
      probabilityAlive: fits.probabilityAlive[i]!,
      expectedPurchases: fits.expectedPurchases[i]!,
      expectedAverageValue: finiteOrNull(fits.expectedAverageValue[i]!),
      clv: finiteOrNull(fits.clv[i]!),
      ...(frequencyHoldout ? { frequencyHoldout: frequencyHoldout[i]!, expectedHoldoutPurchases: fits.expectedHoldoutPurchases![i]! } : {}),
    }));
  const notices = fitNotices(input, fits, n, repeatBuyers);
  if (checked?.notice) notices.push(checked.notice);
  const model: ClvModel = {
    period: input.period,
    summaryEnd: input.calibrationEnd ?? input.observationEnd,
    calibrationEnd: input.calibrationEnd,
    observationEnd: input.observationEnd,
    horizon: fit.horizon,
    months: fit.months,
    discountRate: fit.discountRate,
    customers: n,
    repeatBuyers,
    bgNbd: fits.bgNbd,
    gammaGamma: fits.gammaGamma,
    independence: fits.gammaGamma?.independence ?? null,
    notices,
    warnings: notices.map((n) => n.text),
    get predictions() {
      return (predictions ??= buildPredictions());
    },
    holdout,
    check: checked?.check ?? null,
    fitMs: fits.fitMs + (checked?.fitMs ?? 0),
    ranIn: fits.ranIn,
  };
  columnsOf.set(model, { customerIds: figures.customerIds, fits });
  return model;
}

/** The predictions of a model fitted here, as the runner returned them: one entry per customer, in the same order. */
export interface ClvPredictionColumns {
  readonly customerIds: ClvCustomerIds;
  readonly fits: Pick<ClvFits, 'probabilityAlive' | 'expectedPurchases' | 'expectedAverageValue' | 'clv'>;
}

const columnsOf = new WeakMap<ClvModel, ClvPredictionColumns>();

/** The prediction columns of a model fitClvModel made (null for a model from elsewhere, e.g. built by hand). */
export function clvPredictionColumns(model: ClvModel): ClvPredictionColumns | null {
  return columnsOf.get(model) ?? null;
}

/**
 * The whole service: read the summary (or the calibration/holdout split when
 * `calibrationEnd` is given; and the check's split with `checkMonths`) and fit it through `runner`. Holds the engine only while reading
 * if called through Dataset.clvModel; called directly, call inside the engine's queue.
 */
export async function readClvModel(engine: Engine, options: ClvModelOptions = {}, runner: ClvRunner = inlineClvRunner): Promise<ClvModel> {
  return fitClvModel(await readClvModelInput(engine, options), options, runner);
}
