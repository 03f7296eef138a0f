import type { BgNbdFit } from '../analytics/clv/bg-nbd.js';
import type { FrequencyMonetaryCorrelation, GammaGammaFit } from '../analytics/clv/gamma-gamma.js';
import { ClvOptionsError, resolveClvHoldoutOptions, resolveClvSummaryOptions, type ClvHoldoutRow } from '../analytics/clv/holdout.js';
import type { ClvPeriod, ClvSummaryRow } from '../analytics/clv/summary.js';
import type { Notice } from '../analytics/notice.js';
import type { FitConvergence } from '../analytics/clv/optimize.js';
import { readClvHoldout, readClvSummary } from './clv.js';
import { checkClvFitOptions, inlineClvRunner, type ClvFitOptions, type ClvFits, type ClvRunner } from './clv-fit.js';
import { clvNotice } from './clv-notices.js';
import type { Engine } from './engine/engine.js';

export type { ClvFitOptions, ClvFits, ClvRunner } from './clv-fit.js';
export { inlineClvRunner } from './clv-fit.js';

/**
 * The CLV model service: reads the purchase summary (or the calibration/holdout split), fits
 * the BG/NBD and Gamma-Gamma models through a runner (inline, or a Web Worker in the page) and
 * returns the parameters, how the fits went, warnings, each customer's predictions and, with a
 * holdout, the calibration-vs-holdout comparison (lifetimes'
 * `plot_calibration_purchases_vs_holdout_purchases`).
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
  /** Time of the fits and predictions, and where they ran. */
  readonly fitMs: number;
  readonly ranIn: 'inline' | 'worker';
}

/** The summary the model is fitted on, read from the engine (see readClvModelInput). */
export interface ClvModelInput {
  readonly period: ClvPeriod;
  readonly calibrationEnd: string | null;
  readonly observationEnd: string | null;
  /** Holdout length in periods; null without a split. */
  readonly durationHoldout: number | null;
  /** Summary rows; with a split, holdout rows (frequencyHoldout...). */
  readonly rows: readonly (ClvSummaryRow | ClvHoldoutRow)[];
  /** False when the rows carry no spend figures (a summary without a monetary column): BG/NBD only. */
  readonly spend?: boolean;
}

/** Fewer repeat buyers than this: the spend model is flagged as resting on little data. */
const FEW_REPEAT_BUYERS = 30;

const DEFAULT_HORIZON: Readonly<Record<ClvPeriod, number>> = { day: 365, week: 52 };

/** The model options with defaults, checked; throws ClvOptionsError naming a bad one. */
export function resolveClvModelOptions(options: ClvModelOptions = {}): { fit: ClvFitOptions; holdoutGroups: number } {
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
  if (options.calibrationEnd !== undefined) resolveClvHoldoutOptions({ ...options, calibrationEnd: options.calibrationEnd });
  return { fit, holdoutGroups };
}

/**
 * Reads what the model is fitted on: the summary as of the observation end or, with
 * `calibrationEnd`, the calibration summary with each customer's holdout purchases. Rejects
 * with ClvOptionsError for invalid options before any SQL runs. Call inside the engine's queue.
 */
export async function readClvModelInput(engine: Engine, options: ClvModelOptions = {}): Promise<ClvModelInput> {
  resolveClvModelOptions(options);
  const { period, observationEnd } = options;
  if (options.calibrationEnd !== undefined) {
    const h = await readClvHoldout(engine, { ...(period ? { period } : {}), calibrationEnd: options.calibrationEnd, ...(observationEnd ? { observationEnd } : {}) });
    return { period: h.period, calibrationEnd: h.calibrationEnd, observationEnd: h.observationEnd, durationHoldout: h.observationEnd === null ? null : h.durationHoldout, rows: h.customers };
  }
  const s = await readClvSummary(engine, { ...(period ? { period } : {}), ...(observationEnd ? { observationEnd } : {}) });
  return { period: s.period, calibrationEnd: null, observationEnd: s.observationEnd, durationHoldout: null, rows: s.customers };
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

function holdoutComparison(input: ClvModelInput, fits: ClvFits, groupsFrom: number): ClvHoldoutComparison | null {
  if (input.durationHoldout === null || !fits.expectedHoldoutPurchases || input.calibrationEnd === null || input.observationEnd === null) return null;
  const sums = Array.from({ length: groupsFrom + 1 }, () => ({ customers: 0, predicted: 0, actual: 0 }));
  const totals = { customers: 0, predicted: 0, actual: 0 };
  input.rows.forEach((row, i) => {
    const actual = (row as ClvHoldoutRow).frequencyHoldout;
    const predicted = fits.expectedHoldoutPurchases![i]!;
    const group = sums[Math.min(row.frequency, groupsFrom)]!;
    for (const s of [group, totals]) {
      s.customers++;
      s.predicted += predicted;
      s.actual += actual;
    }
  });
  const groups = sums.flatMap((s, frequency) =>
    s.customers === 0 ? [] : [{ frequency, orMore: frequency === groupsFrom, customers: s.customers, predicted: s.predicted / s.customers, actual: s.actual / s.customers }],
  );
  return { calibrationEnd: input.calibrationEnd, observationEnd: input.observationEnd, durationHoldout: input.durationHoldout, groups, totals };
}

/**
 * Gradient norm (of the mean negative log-likelihood, in log-parameters) below which a fit is
 * at an optimum even when the optimiser's own stopping test failed: on a flat ridge (the
 * Gamma-Gamma's p, q, v moving together; a BG/NBD whose a and b grow together) BFGS can stop
 * on its iteration or line-search limits with a gradient of 1e-7, and calling that "not
 * converged" would only alarm the reader.
 */
const AT_OPTIMUM_GRADIENT = 1e-5;

/**
 * Whether a fit reached its optimum, as the model's notices and the interface say it: the
 * optimiser's test, or a gradient that small; a fit whose parameters ran off to the edge of the
 * search (a flat likelihood) never counts.
 */
export const fitConverged = (c: FitConvergence): boolean => !c.atBoundary && (c.converged || c.gradientNorm < AT_OPTIMUM_GRADIENT);

/** The notices a fit calls for, in reading order. */
function fitNotices(input: ClvModelInput, fits: ClvFits, repeatBuyers: number): Notice[] {
  const notices: Notice[] = [...fits.notices];
  if (input.rows.length === 0) {
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
 * Fits the models on what readClvModelInput read, through `runner` (default inline), and
 * assembles the result. Rejects with ClvOptionsError for invalid options, ClvInputError for an
 * unusable summary row (naming the customer and field).
 */
export async function fitClvModel(input: ClvModelInput, options: ClvModelOptions = {}, runner: ClvRunner = inlineClvRunner): Promise<ClvModel> {
  const { fit, holdoutGroups } = resolveClvModelOptions({ ...options, period: input.period });
  const fitOptions: ClvFitOptions = {
    ...fit,
    ...(input.durationHoldout === null ? {} : { durationHoldout: input.durationHoldout }),
    ...(input.spend === false ? { spend: false } : {}),
  };
  const rows = input.rows.map(({ customerId, frequency, recency, T, monetaryValue }) => ({ customerId, frequency, recency, T, monetaryValue }));
  const fits = await runner(rows, fitOptions);
  const withHoldout = fits.expectedHoldoutPurchases !== null && input.durationHoldout !== null;
  const predictions = input.rows.map((row, i): ClvPrediction => ({
    ...rows[i]!,
    probabilityAlive: fits.probabilityAlive[i]!,
    expectedPurchases: fits.expectedPurchases[i]!,
    expectedAverageValue: finiteOrNull(fits.expectedAverageValue[i]!),
    clv: finiteOrNull(fits.clv[i]!),
    ...(withHoldout ? { frequencyHoldout: (row as ClvHoldoutRow).frequencyHoldout, expectedHoldoutPurchases: fits.expectedHoldoutPurchases![i]! } : {}),
  }));
  const repeatBuyers = rows.filter((row) => row.frequency > 0).length;
  const notices = fitNotices(input, fits, repeatBuyers);
  return {
    period: input.period,
    summaryEnd: input.calibrationEnd ?? input.observationEnd,
    calibrationEnd: input.calibrationEnd,
    observationEnd: input.observationEnd,
    horizon: fit.horizon,
    months: fit.months,
    discountRate: fit.discountRate,
    customers: rows.length,
    repeatBuyers,
    bgNbd: fits.bgNbd,
    gammaGamma: fits.gammaGamma,
    independence: fits.gammaGamma?.independence ?? null,
    notices,
    warnings: notices.map((n) => n.text),
    predictions,
    holdout: holdoutComparison(input, fits, holdoutGroups),
    fitMs: fits.fitMs,
    ranIn: fits.ranIn,
  };
}

/**
 * The whole service: read the summary (or the calibration/holdout split when
 * `calibrationEnd` is given) and fit it through `runner`. Holds the engine only while reading
 * if called through Dataset.clvModel; called directly, call inside the engine's queue.
 */
export async function readClvModel(engine: Engine, options: ClvModelOptions = {}, runner: ClvRunner = inlineClvRunner): Promise<ClvModel> {
  return fitClvModel(await readClvModelInput(engine, options), options, runner);
}
