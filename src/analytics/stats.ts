/**
 * Small statistics the analytics need and SQL does not give: Student's t distribution, for the
 * 95% confidence intervals of mean gaps and scores. Pure.
 *
 * No small dependency-free package does this (the @stdlib one pulls dozens of modules), so: the
 * t CDF through the regularised incomplete beta function (special-functions.ts), inverted by
 * bisection. Exact closed forms for 1 and 2 degrees of
 * freedom. Accurate to ~1e-9, far beyond the two decimals shown.
 */

import { regularizedIncompleteBeta } from './special-functions.js';

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export function tCdf(t: number, df: number): number {
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The p-quantile of Student's t with `df` (> 0) degrees of freedom: tQuantile(0.975, 4) = 2.776.
 * Throws a RangeError for p outside (0, 1) or df <= 0.
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`A quantile needs 0 < p < 1, not ${p}.`);
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`Student's t needs degrees of freedom > 0, not ${df}.`);
  if (p < 0.5) return -tQuantile(1 - p, df);
  if (p === 0.5) return 0;
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  let lo = 0;
  let hi = 2;
  while (tCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const t975 = new Map<number, number>();

/** t(0.975, df), remembered: every interval of a result asks for a few of them. */
export function t975Of(df: number): number {
  let t = t975.get(df);
  if (t === undefined) t975.set(df, (t = tQuantile(0.975, df)));
  return t;
}
