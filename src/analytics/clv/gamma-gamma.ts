import { beyondWall, fitConvergence, minimizeFromSampleStarts, minimizeFromStarts, nelderMeadThenBfgs, type FitConvergence, type Minimizer } from './optimize.js';
import { logGamma, logGammaRatio } from '../special-functions.js';
import { checkedSampleRows, spreadSample, totalWeight, validateSummaryRows, type WeightedSummaryRow } from './summary-input.js';
import type { ClvSummaryRow } from './summary.js';

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV:
 * using iso-value curves for customer base analysis"; lifetimes' GammaGammaFitter). A
 * customer's spends are Gamma(p, ν) around their own mean; ν ~ Gamma(q, γ) across customers
 * (γ is called v here, as in lifetimes). Fitted on repeat buyers only: one purchase says
 * nothing about how a customer's spend varies. Pure.
 *
 * The model assumes spend does not depend on how often a customer buys; check it with
 * frequencyMonetaryCorrelation (the fit reports it) before trusting the result.
 */

export interface GammaGammaParams {
  /** Shape of each customer's spend distribution. */
  readonly p: number;
  /** Shape of the distribution of customers' scale parameter ν. */
  readonly q: number;
  /** Scale of that distribution (γ in the paper), in money. */
  readonly v: number;
}

/** Pearson correlation of frequency and mean spend among repeat buyers. */
export interface FrequencyMonetaryCorrelation {
  /** Pearson's r (NaN with fewer than two repeat buyers or no variation). */
  readonly r: number;
  /** Repeat buyers it was computed on (weighted count). */
  readonly n: number;
  /** The |r| above which the model's independence assumption is flagged. */
  readonly threshold: number;
  /** |r| > threshold: spend moves with frequency, so the Gamma-Gamma is a poor fit. */
  readonly dependent: boolean;
}

export interface GammaGammaFit {
  readonly params: GammaGammaParams;
  /** Total log-likelihood of the repeat buyers at `params`, without the penalty. */
  readonly logLikelihood: number;
  /** Repeat buyers fitted (total weight). */
  readonly customers: number;
  readonly penalizer: number;
  readonly convergence: FitConvergence;
  readonly independence: FrequencyMonetaryCorrelation;
}

export interface GammaGammaFitOptions {
  /**
   * L2 penalty, as lifetimes' `penalizer_coef`: mean negative log-likelihood + penalizer ×
   * (p² + q² + v²), v in money as lifetimes has it (the internal rescaling of spends does not
   * change the penalty), so its effect depends on the currency. Default 0.
   */
  readonly penalizer?: number;
  /** Starting points (v in money, as the spends); default three spread ones. */
  readonly starts?: readonly GammaGammaParams[];
  readonly minimizer?: Minimizer;
  /**
   * With more repeat buyers than this, the starts are searched on an evenly spread sample of
   * this many and the best optimum polished on all of them (see fitBgNbd). Default
   * FIT_SAMPLE_ROWS (10,000); Infinity searches every start on all rows.
   */
  readonly sampleRows?: number;
  /** |r| above which frequency and spend count as dependent (default 0.3). */
  readonly correlationThreshold?: number;
}

const repeatBuyers = (rows: readonly WeightedSummaryRow[]) => rows.filter((row) => row.frequency > 0);

/**
 * Log-likelihood of repeat buyers' mean spends as a function of the parameters, as lifetimes
 * writes it (x = frequency, m = mean spend). The log-gammas depend on a row only through x,
 * so they are computed once per distinct frequency.
 */
function logLikelihoodOf(rows: readonly WeightedSummaryRow[]): (p: number, q: number, v: number) => number {
  const buyers = repeatBuyers(rows);
  const frequencies = [...new Set(buyers.map((row) => row.frequency))];
  const index = new Map(frequencies.map((x, i) => [x, i]));
  const group = Int32Array.from(buyers, (row) => index.get(row.frequency)!);
  const x = Float64Array.from(buyers, (row) => row.frequency);
  const m = Float64Array.from(buyers, (row) => row.monetaryValue);
  const logX = x.map(Math.log);
  const logM = m.map(Math.log);
  const weight = Float64Array.from(buyers, (row) => row.weight ?? 1);
  const logGammas = new Float64Array(frequencies.length); // ln Γ(px + q) - ln Γ(px) - ln Γ(q)
  return (p, q, v) => {
    const logV = Math.log(v);
    const logGammaQ = logGamma(q);
    // The ratio whole: ln Γ(px + q) - ln Γ(px) as a difference loses every digit when px ≫ q.
    for (const [i, f] of frequencies.entries()) logGammas[i] = logGammaRatio(p * f, q) - logGammaQ;
    let sum = 0;
    for (let k = 0; k < x.length; k++) {
      const px = p * x[k]!;
      sum += weight[k]! * (logGammas[group[k]!]! + q * logV + (px - 1) * logM[k]! + px * logX[k]! - (px + q) * Math.log(x[k]! * m[k]! + v));
    }
    return sum;
  };
}

/** The Gamma-Gamma log-likelihood of the rows' repeat buyers (frequency > 0), weighted. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, rows: readonly WeightedSummaryRow[]): number {
  return logLikelihoodOf(rows)(params.p, params.q, params.v);
}

/** lifetimes' default start (log-parameters 0.1) and two more, on the internal spend scale (mean repeat spend 1). */
const DEFAULT_STARTS: readonly (readonly number[])[] = [
  [0.1, 0.1, 0.1],
  [Math.log(2), Math.log(2), Math.log(10)],
  [Math.log(5), Math.log(4), Math.log(50)],
];

/**
 * Fits the Gamma-Gamma by maximum likelihood on the log-parameters from several starts, on the
 * repeat buyers among the rows (others are ignored), and reports the frequency–spend
 * correlation beside it.
 *
 * Spends are divided internally by the (weighted) mean repeat spend s, so the optimum's
 * log-parameters are of order 1 in any currency (unscaled, spends in the tens of thousands
 * sent the fit off to p = 1e154); v is multiplied back by s, and the log-likelihood of the
 * spends as given is the scaled one less Σ w ln s (the Jacobian of m → m / s).
 *
 * Throws a ClvInputError for a row with a non-finite or negative number, or a repeat buyer
 * whose mean spend is not positive; a RangeError without repeat buyers.
 */
export function fitGammaGamma(rows: readonly WeightedSummaryRow[], options: GammaGammaFitOptions = {}): GammaGammaFit {
  const { penalizer = 0, minimizer = nelderMeadThenBfgs(), correlationThreshold = 0.3 } = options;
  validateSummaryRows(rows, { positiveMonetaryForRepeatBuyers: true });
  const buyers = repeatBuyers(rows);
  if (buyers.length === 0) throw new RangeError('The Gamma-Gamma model needs at least one repeat buyer (frequency > 0)');
  if (!(penalizer >= 0 && Number.isFinite(penalizer))) throw new RangeError(`The penalizer must be a finite number ≥ 0 (got ${penalizer})`);
  const customers = totalWeight(buyers);
  const scale = buyers.reduce((sum, row) => sum + (row.weight ?? 1) * row.monetaryValue, 0) / customers;
  const rescale = (of: readonly WeightedSummaryRow[]) => of.map((row) => ({ ...row, monetaryValue: row.monetaryValue / scale }));
  const logLikelihood = logLikelihoodOf(rescale(buyers));
  const objectiveOf = (ll: ReturnType<typeof logLikelihoodOf>, weight: number) => (logParams: readonly number[]): number => {
    if (beyondWall(logParams)) return Infinity;
    const [p, q, vScaled] = logParams.map(Math.exp) as [number, number, number];
    const v = vScaled * scale; // penalised in money, as lifetimes does
    return -ll(p, q, vScaled) / weight + penalizer * (p * p + q * q + v * v);
  };
  const objective = objectiveOf(logLikelihood, customers);
  const starts = options.starts?.map((s) => [s.p, s.q, s.v / scale].map(Math.log)) ?? DEFAULT_STARTS;
  const sample = spreadSample(buyers, checkedSampleRows(options.sampleRows));
  const result =
    sample !== buyers
      ? minimizeFromSampleStarts(objective, objectiveOf(logLikelihoodOf(rescale(sample)), totalWeight(sample)), starts, minimizer)
      : minimizeFromStarts(objective, starts, minimizer);
  const [p, q, vScaled] = result.x.map(Math.exp) as [number, number, number];
  return {
    params: { p, q, v: vScaled * scale },
    logLikelihood: logLikelihood(p, q, vScaled) - customers * Math.log(scale),
    customers,
    penalizer,
    convergence: fitConvergence(result),
    independence: frequencyMonetaryCorrelation(buyers, correlationThreshold),
  };
}

/**
 * Expected mean spend per transaction of a customer (lifetimes
 * `conditional_expected_average_profit`; equation 5 of the paper): a weighted mean of the
 * population mean p·v/(q−1) and the customer's own mean, the weight on their own growing with
 * their number of repeat purchases. A customer without repeat purchases gets the population
 * mean. Throws a RangeError when q ≤ 1 (the population mean is then infinite).
 */
export function gammaGammaExpectedAverageProfit(params: GammaGammaParams, customer: Pick<ClvSummaryRow, 'frequency' | 'monetaryValue'>): number {
  const { p, q, v } = params;
  if (!(q > 1)) throw new RangeError(`The Gamma-Gamma mean spend is infinite when q ≤ 1 (q = ${q})`);
  const populationMean = (p * v) / (q - 1);
  const x = customer.frequency;
  const ownWeight = (p * x) / (p * x + q - 1);
  return (1 - ownWeight) * populationMean + ownWeight * customer.monetaryValue;
}

/**
 * Pearson correlation between frequency and mean spend among the repeat buyers (weighted by
 * `weight`): the Gamma-Gamma assumes none, and Fader & Hardie call a small |r| acceptable.
 * `dependent` flags |r| > threshold (default 0.3).
 */
export function frequencyMonetaryCorrelation(rows: readonly WeightedSummaryRow[], threshold = 0.3): FrequencyMonetaryCorrelation {
  const buyers = repeatBuyers(rows);
  const n = totalWeight(buyers);
  const mean = (of: (row: WeightedSummaryRow) => number) => buyers.reduce((sum, row) => sum + (row.weight ?? 1) * of(row), 0) / n;
  const mx = mean((row) => row.frequency);
  const mm = mean((row) => row.monetaryValue);
  const covariance = mean((row) => (row.frequency - mx) * (row.monetaryValue - mm));
  const spread = Math.sqrt(mean((row) => (row.frequency - mx) ** 2) * mean((row) => (row.monetaryValue - mm) ** 2));
  const r = buyers.length >= 2 && spread > 0 ? covariance / spread : NaN;
  return { r, n, threshold, dependent: Math.abs(r) > threshold };
}
