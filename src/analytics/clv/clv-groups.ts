import type { ClvPeriod } from './summary.js';

/**
 * What the CLV model's per-customer predictions add up to per group of customers: a segment
 * of the RFM scoring or a place on the ladder of loyalty. Plain types and the arithmetic that
 * needs no database; the figures come from data/clv-predictions.ts.
 */

/** P(alive) below which a customer counts as probably lost (more likely gone than still buying). */
export const PROBABLY_LOST_BELOW = 0.5;

/** The predictions of one group of customers (a segment, a place on the ladder, or everyone). */
export interface ClvGroupRow {
  /** The segment's name or the ladder place (`prospect` ... `partner`, `lapsed`); `all` in totals. */
  readonly group: string;
  /** Customers in the group. */
  readonly customers: number;
  /** Of them, those with a prediction (fitted: a purchase by the model's summary date). */
  readonly predicted: number;
  /** Of those, the ones with a CLV (none when the spend model could not be fitted). */
  readonly valued: number;
  /** Sum of the CLV of the group's customers; null when none has one. */
  readonly totalClv: number | null;
  /** Mean CLV over the customers with one; null when none has one. */
  readonly meanClv: number | null;
  /** Mean probability of being alive over the customers with a prediction, 0..1; null when none has one. */
  readonly meanProbabilityAlive: number | null;
  /** Expected purchase periods of the group over the model's horizon, added up (0 without predictions). */
  readonly totalExpectedPurchases: number;
  /** The same, per customer with a prediction; null when none has one. */
  readonly meanExpectedPurchases: number | null;
  /** Customers with a prediction whose P(alive) is below PROBABLY_LOST_BELOW: probably lost. */
  readonly probablyLost: number;
}

/** What the stored predictions come from: the model they were fitted with. */
export interface ClvPredictionsInfo {
  readonly period: ClvPeriod;
  /** The date the predictions are as of (the calibration end with a holdout, else the observation end). */
  readonly summaryEnd: string | null;
  readonly calibrationEnd: string | null;
  /** Periods ahead of the expected purchases. */
  readonly horizon: number;
  /** Months of the CLV, and its monthly discount rate. */
  readonly months: number;
  readonly discountRate: number;
  /** Customers with a prediction, and of them those with a CLV. */
  readonly customers: number;
  readonly valued: number;
}

/** CLV by segment and by rung, and over every customer with a prediction. */
export interface ClvGroups {
  readonly predictions: ClvPredictionsInfo;
  /** Per segment of the current scoring, in rule order then Others; null before a scoring. */
  readonly bySegment: readonly ClvGroupRow[] | null;
  /** Per place of the current ladder, prospect ... partner then lapsed; null before a ladder. */
  readonly byRung: readonly ClvGroupRow[] | null;
  /** Every customer with a prediction (of the selection, when asked): group `all`. */
  readonly total: ClvGroupRow;
}

/** Sums of a set of group rows (e.g. to check that groups add up to the total, or to merge groups). */
export function sumClvGroups(group: string, rows: readonly ClvGroupRow[]): ClvGroupRow {
  let customers = 0;
  let predicted = 0;
  let valued = 0;
  let totalClv = 0;
  let aliveSum = 0;
  let totalExpectedPurchases = 0;
  let probablyLost = 0;
  for (const r of rows) {
    customers += r.customers;
    predicted += r.predicted;
    valued += r.valued;
    totalClv += r.totalClv ?? 0;
    aliveSum += (r.meanProbabilityAlive ?? 0) * r.predicted;
    totalExpectedPurchases += r.totalExpectedPurchases;
    probablyLost += r.probablyLost;
  }
  return {
    group,
    customers,
    predicted,
    valued,
    totalClv: valued > 0 ? totalClv : null,
    meanClv: valued > 0 ? totalClv / valued : null,
    meanProbabilityAlive: predicted > 0 ? aliveSum / predicted : null,
    totalExpectedPurchases,
    meanExpectedPurchases: predicted > 0 ? totalExpectedPurchases / predicted : null,
    probablyLost,
  };
}
