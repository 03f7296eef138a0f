import { beyondWall, fitConvergence, minimizeFromSampleStarts, minimizeFromStarts, nelderMeadThenBfgs, type FitConvergence, type Minimizer, type Objective } from './optimize.js';
import { hyp2f1, hyp2f1MinusOne, logAddExp, logBeta, logGamma, logGammaRatio, regularizedIncompleteBeta } from '../special-functions.js';
import { checkedSampleRows, spreadSample, totalWeight, validateSummaryRows, type WeightedSummaryRow } from './summary-input.js';
import type { ClvSummaryRow } from './summary.js';

/**
 * The BG/NBD model of repeat purchases (Fader, Hardie & Lee 2005, "Counting your customers the
 * easy way"), as the Python `lifetimes` library's BetaGeoFitter fits and uses it. While alive, a
 * customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase they drop out with
 * probability p ~ Beta(a, b). Pure: runs in a Web Worker and in Node.
 */

/** BG/NBD parameters; α is in the summary's time unit (days or weeks). */
export interface BgNbdParams {
  /** Shape of the purchase-rate distribution. */
  readonly r: number;
  /** Scale of the purchase-rate distribution, in periods. */
  readonly alpha: number;
  /** Dropout-probability Beta parameters. */
  readonly a: number;
  readonly b: number;
}

/** The part of a summary row the BG/NBD reads. */
export type PurchaseHistory = Pick<ClvSummaryRow, 'frequency' | 'recency' | 'T'>;

/** Why the rows cannot determine the BG/NBD parameters. */
export type BgNbdUnidentifiable =
  /** No row has a repeat purchase: the likelihood only grows as the purchase rate goes to 0. */
  | 'no-repeat-purchases'
  /** Every customer's age T is 0: nothing was observed, the likelihood is flat. */
  | 'no-observation-time';

export interface BgNbdFit {
  readonly params: BgNbdParams;
  /** Total log-likelihood of the rows at `params`, without the penalty. */
  readonly logLikelihood: number;
  /** Customers fitted (the rows' total weight). */
  readonly customers: number;
  readonly penalizer: number;
  /** Not `converged` when the fit is not identifiable. */
  readonly convergence: FitConvergence;
  /**
   * Whether the rows can determine the parameters at all. When false the fit still returns the
   * point the optimiser stopped at (for no repeat purchases: a purchase rate near 0, so the
   * predictions are near 0; for no observation time: a starting point), but its parameters
   * mean nothing and convergence.converged is false.
   */
  readonly identifiable: boolean;
  /** Why not, when `identifiable` is false; null otherwise. */
  readonly unidentifiable: BgNbdUnidentifiable | null;
}

export interface BgNbdFitOptions {
  /**
   * L2 penalty on the parameters, as `lifetimes`' `penalizer_coef`: the objective is the mean
   * negative log-likelihood plus penalizer × (r² + α² + a² + b²), with α on lifetimes' internal
   * time scale (the longest T is 10). Shrinks the parameters on small data. Default 0.
   */
  readonly penalizer?: number;
  /** Starting points (α in the summary's unit); default three spread ones. */
  readonly starts?: readonly BgNbdParams[];
  /** Default: Nelder–Mead then BFGS. */
  readonly minimizer?: Minimizer;
  /**
   * With more rows than this, the starts are searched on an evenly spread sample of this many
   * rows and the best optimum polished on all of them (the same optimum, far fewer passes over
   * a large base). Default FIT_SAMPLE_ROWS (10,000); Infinity searches every start on all rows.
   */
  readonly sampleRows?: number;
}

/** The log-likelihood of fixed rows as a function of the parameters, and its gradient. */
interface LogLikelihood {
  (r: number, alpha: number, a: number, b: number): number;
  /** [∂/∂r, ∂/∂α, ∂/∂a, ∂/∂b] of the log-likelihood. */
  gradient(r: number, alpha: number, a: number, b: number): [number, number, number, number];
}

/**
 * The BG/NBD log-likelihood as a function of the parameters for fixed rows. The terms that
 * depend on a row only through its frequency (the log-gammas, the slow part) are computed once
 * per distinct frequency: a few dozen, whatever the number of customers.
 *
 * Its gradient, for BFGS (one pass over the rows where central differences take eight). With
 * x repeat purchases, each row's term is r ln α + C(x) + ln(e^A3 + e^A4), where
 * C = ln Γ(r+x)/Γ(r) + ln Γ(b+x)/Γ(b) − ln Γ(a+b+x)/Γ(a+b), A3 = −(r+x) ln(α+T) and
 * A4 = ln a − ln(b+x−1) − (r+x) ln(α+recency) (no A4 for x = 0). With π3, π4 the shares of
 * e^A3 and e^A4 in their sum, and ψ the digamma function:
 *   ∂/∂r = ln α + ψ(r+x) − ψ(r) − π3 ln(α+T) − π4 ln(α+recency)
 *   ∂/∂α = r/α − (r+x) (π3/(α+T) + π4/(α+recency))
 *   ∂/∂a = ψ(a+b) − ψ(a+b+x) + π4/a
 *   ∂/∂b = ψ(b+x) − ψ(b) + ψ(a+b) − ψ(a+b+x) − π4/(b+x−1)
 * Frequencies are whole numbers, so each ψ(y+x) − ψ(y) is the sum of 1/(y+j) for j < x, added
 * up once per evaluation over the frequencies in ascending order.
 */
function logLikelihoodOf(rows: readonly WeightedSummaryRow[]): LogLikelihood {
  const frequencies = [...new Set(rows.map((row) => row.frequency))].sort((p, q) => p - q);
  const index = new Map(frequencies.map((x, i) => [x, i]));
  const n = rows.length;
  const group = Int32Array.from(rows, (row) => index.get(row.frequency)!);
  const x = Float64Array.from(rows, (row) => row.frequency);
  const recency = Float64Array.from(rows, (row) => row.recency);
  const T = Float64Array.from(rows, (row) => row.T);
  const weight = Float64Array.from(rows, (row) => row.weight ?? 1);
  const constant = new Float64Array(frequencies.length); // A1 + A2 less r ln α
  const logDropout = new Float64Array(frequencies.length); // ln a - ln(b + x - 1)
  const value = (r: number, alpha: number, a: number, b: number) => {
    for (const [i, f] of frequencies.entries()) {
      // ln Γ(r+x)/Γ(r) + ln Γ(b+x)/Γ(b) - ln Γ(a+b+x)/Γ(a+b), each ratio taken whole so a huge
      // parameter (an optimiser exploring) does not turn it into a difference of huge numbers.
      constant[i] = f === 0 ? 0 : logGammaRatio(r, f) + logGammaRatio(b, f) - logGammaRatio(a + b, f);
      logDropout[i] = f === 0 ? -Infinity : Math.log(a) - Math.log(b + f - 1);
    }
    const logAlpha = Math.log(alpha);
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const g = group[k]!;
      const rx = r + x[k]!;
      const a3 = -rx * Math.log(alpha + T[k]!);
      // Frequency 0: no dropout can have happened, so no A4 term.
      const a4 = x[k] === 0 ? -Infinity : logDropout[g]! - rx * Math.log(alpha + recency[k]!);
      sum += weight[k]! * (r * logAlpha + constant[g]! + logAddExp(a3, a4));
    }
    return sum;
  };
  // Per frequency: ψ(r+x) − ψ(r), ψ(b+x) − ψ(b), ψ(a+b+x) − ψ(a+b).
  const [psiR, psiB, psiAB] = [new Float64Array(frequencies.length), new Float64Array(frequencies.length), new Float64Array(frequencies.length)];
  const gradient = (r: number, alpha: number, a: number, b: number): [number, number, number, number] => {
    let [sr, sb, sab, upTo] = [0, 0, 0, 0];
    for (const [i, f] of frequencies.entries()) {
      for (; upTo < f; upTo++) {
        sr += 1 / (r + upTo);
        sb += 1 / (b + upTo);
        sab += 1 / (a + b + upTo);
      }
      [psiR[i], psiB[i], psiAB[i]] = [sr, sb, sab];
      logDropout[i] = f === 0 ? -Infinity : Math.log(a) - Math.log(b + f - 1);
    }
    const logAlpha = Math.log(alpha);
    let [dr, dAlpha, da, db] = [0, 0, 0, 0];
    for (let k = 0; k < n; k++) {
      const g = group[k]!;
      const xk = x[k]!;
      const w = weight[k]!;
      const rx = r + xk;
      const logAgeT = Math.log(alpha + T[k]!);
      if (xk === 0) {
        dr += w * (logAlpha - logAgeT);
        dAlpha += w * (r / alpha - rx / (alpha + T[k]!));
        continue;
      }
      const logAgeR = Math.log(alpha + recency[k]!);
      const a3 = -rx * logAgeT;
      const a4 = logDropout[g]! - rx * logAgeR;
      // π4 = e^A4 / (e^A3 + e^A4), computed from the difference so neither exponential overflows.
      const pi4 = 1 / (1 + Math.exp(a3 - a4));
      const pi3 = 1 - pi4;
      dr += w * (logAlpha + psiR[g]! - pi3 * logAgeT - pi4 * logAgeR);
      dAlpha += w * (r / alpha - rx * (pi3 / (alpha + T[k]!) + pi4 / (alpha + recency[k]!)));
      da += w * (pi4 / a - psiAB[g]!);
      db += w * (psiB[g]! - psiAB[g]! - pi4 / (b + xk - 1));
    }
    return [dr, dAlpha, da, db];
  };
  return Object.assign(value, { gradient });
}

/**
 * The BG/NBD log-likelihood of the rows (weighted: a row of weight w counts w times), as
 * equation (6) of Fader, Hardie & Lee (2005), in logs throughout (log-gammas, log-sum-exp of
 * the A3 and A4 terms) so no term overflows. -Infinity or NaN only for invalid parameters.
 */
export function bgNbdLogLikelihood(params: BgNbdParams, rows: readonly WeightedSummaryRow[]): number {
  return logLikelihoodOf(rows)(params.r, params.alpha, params.a, params.b);
}

/** The gradient of bgNbdLogLikelihood in (r, α, a, b), exact (see logLikelihoodOf): what BFGS polishes the fit with. */
export function bgNbdLogLikelihoodGradient(params: BgNbdParams, rows: readonly WeightedSummaryRow[]): [number, number, number, number] {
  return logLikelihoodOf(rows).gradient(params.r, params.alpha, params.a, params.b);
}

/** lifetimes' default start (log-parameters 0.1) and two more, on the internal time scale. */
const DEFAULT_STARTS: readonly (readonly number[])[] = [
  [0.1, 0.1, 0.1, 0.1],
  [Math.log(0.5), 0, Math.log(0.5), Math.log(2)],
  [0, Math.log(3), Math.log(2), Math.log(5)],
];

/**
 * Fits the BG/NBD by maximum likelihood on the log-parameters (so they stay positive), from
 * several starts. Time is rescaled internally so the longest T is 10, as lifetimes does, which
 * keeps the four log-parameters of similar size; α is returned in the summary's unit.
 *
 * Rows without any repeat purchase, or with every T = 0, cannot determine the parameters:
 * the fit then says so (`identifiable` false) rather than throwing, so a young shop still gets
 * its other figures. An optimum with a log-parameter beyond ±15 is flagged `atBoundary`.
 *
 * Throws a ClvInputError for a row with a non-finite or negative number (see
 * validateSummaryRows), a RangeError for no rows or a negative penalizer.
 */
export function fitBgNbd(rows: readonly WeightedSummaryRow[], options: BgNbdFitOptions = {}): BgNbdFit {
  const { penalizer = 0, minimizer = nelderMeadThenBfgs() } = options;
  validateSummaryRows(rows);
  if (rows.length === 0) throw new RangeError('The BG/NBD model needs at least one customer');
  if (!(penalizer >= 0 && Number.isFinite(penalizer))) throw new RangeError(`The penalizer must be a finite number ≥ 0 (got ${penalizer})`);
  const longest = rows.reduce((max, row) => Math.max(max, row.T), 0); // no spread: rows may be millions
  const scale = longest > 0 ? 10 / longest : 1;
  const rescale = (of: readonly WeightedSummaryRow[]) => of.map((row) => ({ ...row, recency: row.recency * scale, T: row.T * scale }));
  const scaled = logLikelihoodOf(rescale(rows));
  const customers = totalWeight(rows);

  const unidentifiable: BgNbdUnidentifiable | null =
    longest === 0 ? 'no-observation-time' : rows.some((row) => row.frequency > 0) ? null : 'no-repeat-purchases';

  const objectiveOf = (logLikelihood: LogLikelihood, weight: number): Objective => {
    const objective = (logParams: readonly number[]): number => {
      if (beyondWall(logParams)) return Infinity;
      const [r, alpha, a, b] = logParams.map(Math.exp) as [number, number, number, number];
      return -logLikelihood(r, alpha, a, b) / weight + penalizer * (r * r + alpha * alpha + a * a + b * b);
    };
    // On the log-parameters: ∂/∂ln θ = θ ∂/∂θ.
    const gradient = (logParams: readonly number[]): number[] => {
      const params = logParams.map(Math.exp);
      const [r, alpha, a, b] = params as [number, number, number, number];
      return logLikelihood.gradient(r, alpha, a, b).map((d, i) => params[i]! * (-d / weight + 2 * penalizer * params[i]!));
    };
    return Object.assign(objective, { gradient });
  };
  const objective = objectiveOf(scaled, customers);
  const starts = options.starts?.map((s) => [s.r, s.alpha * scale, s.a, s.b].map(Math.log)) ?? DEFAULT_STARTS;
  const sample = spreadSample(rows, checkedSampleRows(options.sampleRows));
  // A sample without a repeat purchase would search a flat likelihood: the starts then run on every row.
  const result =
    sample !== rows && sample.some((row) => row.frequency > 0)
      ? minimizeFromSampleStarts(objective, objectiveOf(logLikelihoodOf(rescale(sample)), totalWeight(sample)), starts, minimizer)
      : minimizeFromStarts(objective, starts, minimizer);
  const [r, alphaScaled, a, b] = result.x.map(Math.exp) as [number, number, number, number];
  const params = { r, alpha: alphaScaled / scale, a, b };
  const convergence = fitConvergence(result);
  return {
    params,
    logLikelihood: bgNbdLogLikelihood(params, rows),
    customers,
    penalizer,
    convergence: unidentifiable ? { ...convergence, converged: false } : convergence,
    identifiable: unidentifiable === null,
    unidentifiable,
  };
}

/** |a - 1| below which the closed form, 0/0 at a = 1, has lost too many digits. */
const NEAR_A_ONE = 1e-6;
/** The step to either side of a used there: error about h² from the curvature, ε/h from rounding. */
const A_ONE_STEP = 1e-5;

/**
 * Expected number of purchases in the next t periods of a customer with this history
 * (lifetimes `conditional_expected_number_of_purchases_up_to_time`; Fader, Hardie & Lee 2005,
 * equation 10): how much a known customer will buy, allowing for the chance they have left.
 *
 * The paper's (1-z)^(r+x) 2F1(r+x, b+x; a+b+x-1; z) is evaluated in whichever of two equal
 * forms has the smaller series: as written, or through Euler's transformation as
 * (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z). Euler's keeps the parameters small for frequent
 * buyers (large x); the paper's for a and b in the thousands or more (a drop-out probability
 * that hardly varies between customers, as a fit on customers who rarely leave finds), where
 * Euler's series would overflow. The series is "smaller" by its first ratio, A·B/C.
 * Written c = a+b+x-1 and F = 2F1(...) - 1, the expected purchases of a customer still alive
 * are c/(a-1) · (1 - (1-z)^k (1 + F)), k = a-1 (Euler) or r+x (as written):
 * - when 1 + F > 0, the bracket is -expm1 of a sum of logs, which keeps its digits when it is
 *   small; when 1 + F ≤ 0 (c < 0: a + b < 1 and no repeat purchase) it is at least 1 and is
 *   computed as written;
 * - at c = 0 (x = 0 and a + b = 1) 2F1 has a pole that c cancels: the limit is
 *   r z (1-z)^(a-1) 2F1(1-r, a; 2; z);
 * - at a = 1 the form is 0/0: within 1e-6 of it, the mean of the values at a ± 1e-5.
 */
export function bgNbdConditionalExpectedPurchases(params: BgNbdParams, t: number, customer: PurchaseHistory): number {
  if (t === 0) return 0;
  if (!bgNbdAliveFormHolds(params)) {
    const side = (step: number) => bgNbdConditionalExpectedPurchases({ ...params, a: params.a + step }, t, customer);
    return (side(A_ONE_STEP) + side(-A_ONE_STEP)) / 2;
  }
  // Without repeat purchases the odds are 0: the alive expectation as it is.
  return bgNbdAliveExpectedPurchases(params, t, customer.frequency, customer.T) / (1 + bgNbdDropoutOdds(params, customer));
}

/**
 * Whether bgNbdAliveExpectedPurchases holds for these parameters: not within 1e-6 of a = 1,
 * where bgNbdConditionalExpectedPurchases takes the mean of both sides instead.
 */
export function bgNbdAliveFormHolds(params: BgNbdParams): boolean {
  return !(Math.abs(params.a - 1) < NEAR_A_ONE);
}

/**
 * The numerator of bgNbdConditionalExpectedPurchases (see there): the expected purchases in
 * the next t periods of a customer with x repeat purchases and age T who is still alive. It does
 * not depend on recency, so customers with the same (x, T) share it; the expectation is this
 * divided by 1 + bgNbdDropoutOdds. Not for a within 1e-6 of 1 (bgNbdAliveFormHolds).
 */
export function bgNbdAliveExpectedPurchases(params: BgNbdParams, t: number, x: number, T: number): number {
  const { r, alpha, a, b } = params;
  if (t === 0) return 0;
  const z = t / (alpha + T + t);
  const c = a + b + x - 1;
  let numerator: number;
  if (c === 0) {
    // c · 2F1(A, B; c; z) → A B z 2F1(A+1, B+1; 2; z) as c → 0, here with A = -r, B = a - 1.
    numerator = r * z * Math.pow(1 - z, a - 1) * hyp2f1(1 - r, a, 2, z);
  } else {
    const asWritten = c > 0 && Math.abs((r + x) * (b + x)) < Math.abs((a + b - 1 - r) * (a - 1));
    const [k, f] = asWritten ? [r + x, hyp2f1MinusOne(r + x, b + x, c, z)] : [a - 1, hyp2f1MinusOne(a + b - 1 - r, a - 1, c, z)];
    const bracket = 1 + f > 0 ? -Math.expm1(k * Math.log1p(-z) + Math.log1p(f)) : 1 - Math.pow(1 - z, k) * (1 + f);
    numerator = (c / (a - 1)) * bracket;
  }
  // Both series out of reach (a and b large with z near 1): the same expectation as an integral.
  if (!(Number.isFinite(numerator) && numerator >= 0)) numerator = bgNbdAliveExpectationByIntegration(params, t, { frequency: x, recency: 0, T });
  return numerator;
}

/**
 * The odds that a customer with this history has dropped out: (a / (b + x - 1)) ((α + T) / (α +
 * recency))^(r + x); 0 without repeat purchases (1 / (1 + odds) is P(alive)).
 */
export function bgNbdDropoutOdds(params: BgNbdParams, customer: PurchaseHistory): number {
  const { r, alpha, a, b } = params;
  const { frequency: x, recency, T } = customer;
  if (x === 0) return 0;
  return (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + recency), r + x);
}

/** Intervals of the Simpson rule over the drop-out probability (even). */
const DROP_OUT_INTERVALS = 2000;
/** Half-width of the integration window in standard deviations of the Beta: the rest weighs nothing. */
const DROP_OUT_WINDOW_SD = 14;

/**
 * The expected purchases of a customer still alive, as an integral over the drop-out
 * probability: given x repeat purchases and survival, p ~ Beta(a, b + x) and the purchase rate
 * λ ~ Gamma(r + x, α + T), and for fixed p the expectation over λ of (1/p)(1 − e^(−λpt)) is
 * (1/p)(1 − ((α+T)/(α+T+pt))^(r+x)). Used only where the closed form cannot be summed, which
 * happens for a and b in the thousands or more: the Beta is then narrow, and Simpson's rule
 * over its mean ± 14 standard deviations, with weights taken relative to the mean (so a and b of
 * 1e10 lose no digits), is exact to rounding. NaN when the Beta is not narrow (a or b + x below
 * 2: a density that is infinite or steep at an end), which the closed form covers.
 */
export function bgNbdAliveExpectationByIntegration(params: BgNbdParams, t: number, customer: PurchaseHistory): number {
  const { r, alpha } = params;
  const { frequency: x, T } = customer;
  const a = params.a;
  const beta = params.b + x;
  if (!(a >= 2 && beta >= 2)) return NaN;
  const mean = a / (a + beta);
  const sd = Math.sqrt((mean * (1 - mean)) / (a + beta + 1));
  const lo = Math.max(0, mean - DROP_OUT_WINDOW_SD * sd);
  const hi = Math.min(1, mean + DROP_OUT_WINDOW_SD * sd);
  const k = r + x;
  const span = alpha + T;
  // (1/p)(1 − (1 + pt/(α+T))^−k), k t/(α+T) at p = 0.
  const given = (p: number) => (p === 0 ? (k * t) / span : -Math.expm1(-k * Math.log1p((p * t) / span)) / p);
  // The Beta density up to a constant, relative to its value at the mean.
  const logWeight = (p: number) => (a - 1) * Math.log1p((p - mean) / mean) + (beta - 1) * Math.log1p(-(p - mean) / (1 - mean));
  const h = (hi - lo) / DROP_OUT_INTERVALS;
  let weighted = 0;
  let total = 0;
  for (let i = 0; i <= DROP_OUT_INTERVALS; i++) {
    const p = lo + i * h;
    const simpson = i === 0 || i === DROP_OUT_INTERVALS ? 1 : i % 2 === 1 ? 4 : 2;
    const w = simpson * Math.exp(logWeight(p));
    if (!(w > 0)) continue;
    weighted += w * given(p);
    total += w;
  }
  return total > 0 ? weighted / total : NaN;
}

/**
 * Probability that a customer with this history is still alive at T (lifetimes
 * `conditional_probability_alive`; equation 11). 1 without repeat purchases: in the BG/NBD a
 * customer can only drop out right after a purchase.
 */
export function bgNbdProbabilityAlive(params: BgNbdParams, customer: PurchaseHistory): number {
  const { r, alpha, a, b } = params;
  const { frequency: x, recency, T } = customer;
  if (x === 0) return 1;
  const logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + recency));
  // 1 / (1 + e^logOdds), written so a large logOdds underflows to 0 rather than NaN.
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/**
 * Probability that a new customer makes exactly n purchases in (0, t] (lifetimes
 * `probability_of_n_purchases_up_to_time`; equation 8). In logs; the paper's finite sum
 * 1 - Σⱼ₌₀ⁿ⁻¹ NB(j) is the negative binomial's upper tail, computed as the regularised
 * incomplete beta I_{t/(α+t)}(n, r) so it does not cancel.
 */
export function bgNbdProbabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = params;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0 (got ${n})`);
  if (t === 0) return n === 0 ? 1 : 0;
  const logStay = Math.log(alpha / (alpha + t)); // ln of the NB "success" probability
  const logBuy = Math.log(t / (alpha + t));
  const logFirst =
    logBeta(a, b + n) - logBeta(a, b) + logGamma(r + n) - logGamma(r) - logGamma(n + 1) + r * logStay + n * logBuy;
  const first = Math.exp(logFirst);
  if (n === 0) return first;
  const dropped = Math.exp(logBeta(a + 1, b + n - 1) - logBeta(a, b));
  return first + dropped * regularizedIncompleteBeta(t / (alpha + t), n, r);
}

/**
 * Expected number of purchases in (0, t] of a customer just acquired (lifetimes
 * `expected_number_of_purchases_up_to_time`; equation 7): the conditional expectation for a
 * customer with no history.
 */
export function bgNbdExpectedPurchases(params: BgNbdParams, t: number): number {
  return bgNbdConditionalExpectedPurchases(params, t, { frequency: 0, recency: 0, T: 0 });
}
