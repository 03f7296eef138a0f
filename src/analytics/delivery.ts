/**
 * The operational gap: what was promised (the estimated delivery date) against what happened
 * (the delivery date), and how customers scored late orders against on-time ones. Pure types;
 * the SQL is in data/sql/delivery-sql.ts.
 */

import type { Notice } from './notice.js';
import { tQuantile } from './stats.js';

export { tCdf, tQuantile } from './stats.js';

/** A mean score with its 95% confidence interval (t), n; null bounds when n < 2. */
export interface ScoreStat {
  n: number;
  mean: number | null;
  sd: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface DeliveryMonth {
  /** YYYY-MM of the promised date. */
  month: string;
  delivered: number;
  late: number;
  onTimeShare: number;
}

export interface DeliveryGapResult {
  /** Orders with both a promised and a delivered date (on time: delivered on or before the promised day). */
  delivered: number;
  onTime: number;
  late: number;
  /** 0..1; NaN when `delivered` is 0 (selected customers without a delivered order). */
  onTimeShare: number;
  /** Orders with a promised date and no delivery date in the file: not delivered yet (or never). */
  undelivered: number;
  /**
   * Values that were there but could not be read (left empty by the load, which warns of
   * them), counted apart from what they would otherwise look like: `delivered`, orders with a
   * promised date whose delivery date is unreadable (not "undelivered"); `promised`, delivered
   * orders whose promised date is unreadable; `reviews`, orders whose review score is not a
   * number. None of them is on time or late.
   */
  unreadable: { delivered: number; promised: number; reviews: number };
  /** Over late orders, in days: mean, median, 90th percentile, max; null when none is late. */
  daysLate: { mean: number; median: number; p90: number; max: number } | null;
  /** Review scores of on-time and late orders, when the orders carry one; null otherwise. */
  satisfaction: {
    scale: { min: number; max: number };
    onTime: ScoreStat;
    late: ScoreStat;
    /** late mean - on-time mean (negative: late orders score lower), with a Welch 95% interval. */
    gap: number;
    ciLow: number | null;
    ciHigh: number | null;
  } | null;
  byMonth: DeliveryMonth[];
  /** What the figures rest on or leave out, in English sentences (the command line prints them). */
  messages: string[];
  /**
   * The same notes as notices, one per message (`notices[i].text === messages[i]`), for the
   * interface to say in the reader's language. Absent on results made by hand, whose messages
   * are then shown as written.
   */
  notices?: Notice[];
}

/** A mean with its 95% t interval from n, mean and sample sd; null bounds when n < 2. */
export function scoreStat(n: number, mean: number | null, sd: number | null): ScoreStat {
  if (n === 0 || mean === null) return { n, mean: null, sd: null, ciLow: null, ciHigh: null };
  if (n < 2 || sd === null) return { n, mean, sd: null, ciLow: null, ciHigh: null };
  const half = tQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, ciLow: mean - half, ciHigh: mean + half };
}

/**
 * Welch's 95% interval for b.mean - a.mean (unequal variances, Welch-Satterthwaite degrees of
 * freedom); null when either side has fewer than 2 scores. Both sides without spread: the
 * difference itself.
 */
export function welchInterval(a: ScoreStat, b: ScoreStat): { low: number; high: number; df: number | null } | null {
  if (a.n < 2 || b.n < 2 || a.mean === null || b.mean === null || a.sd === null || b.sd === null) return null;
  const gap = b.mean - a.mean;
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { low: gap, high: gap, df: null };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const half = tQuantile(0.975, df) * se;
  return { low: gap - half, high: gap + half, df };
}

/**
 * The review scale from the scores seen: 1-5 when none is over 5, 1-10 when none is over 10
 * and none under 1, 0-10 when one is; a 0 under a 5 max gives 0-5. Larger scores: 0-100,
 * else the observed range.
 */
export function inferReviewScale(observed: { min: number; max: number }): { min: number; max: number } {
  const { min, max } = observed;
  if (max <= 5) return { min: min >= 1 ? 1 : 0, max: 5 };
  if (max <= 10) return { min: min >= 1 ? 1 : 0, max: 10 };
  if (max <= 100 && min >= 0) return { min: 0, max: 100 };
  return { min, max };
}
