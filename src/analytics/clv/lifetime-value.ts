import { bgNbdConditionalExpectedPurchases, type BgNbdParams } from './bg-nbd.js';
import { gammaGammaExpectedAverageProfit, type GammaGammaParams } from './gamma-gamma.js';
import { validateSummaryRows } from './summary-input.js';
import type { ClvPeriod, ClvSummaryRow } from './summary.js';

/**
 * Customer lifetime value over a horizon: expected purchases (BG/NBD) times expected spend per
 * purchase (Gamma-Gamma), discounted month by month, as lifetimes' `customer_lifetime_value`.
 * Pure.
 */

/** Model periods in a month, as lifetimes counts them (30 days; 4.345 weeks). */
export const PERIODS_PER_MONTH: Readonly<Record<ClvPeriod, number>> = { day: 30, week: 4.345 };

export interface LifetimeValueOptions {
  /** The time unit of the summary the BG/NBD was fitted on. */
  readonly period: ClvPeriod;
  /** Horizon in months (default 12). */
  readonly months?: number;
  /** Discount rate per month (default 0.01, lifetimes' default; 0.01 a month ≈ 12.7% a year). */
  readonly discountRate?: number;
}

/**
 * The discounted value of a customer's purchases over the next `months` months: for each month
 * m, the BG/NBD's expected purchases in that month (the difference of the cumulative
 * expectation at its end and start) times the Gamma-Gamma's expected spend, divided by
 * (1 + discountRate)^m. Throws a ClvInputError for an invalid customer row, a RangeError for
 * a negative or non-finite horizon or rate.
 */
export function customerLifetimeValue(
  bgNbd: BgNbdParams,
  gammaGamma: GammaGammaParams,
  customer: ClvSummaryRow,
  options: LifetimeValueOptions,
): number {
  const { period, months = 12, discountRate = 0.01 } = options;
  validateSummaryRows([customer]);
  if (!(Number.isInteger(months) && months >= 0)) throw new RangeError(`The horizon must be a whole number of months ≥ 0 (got ${months})`);
  if (!(Number.isFinite(discountRate) && discountRate > -1)) throw new RangeError(`The discount rate must be a finite number > -1 (got ${discountRate})`);
  return gammaGammaExpectedAverageProfit(gammaGamma, customer) * discountedPurchases(bgNbd, customer, { period, months, discountRate });
}

/**
 * The customer's expected purchases over the next `months` months, each month's discounted by
 * (1 + discountRate)^month: times an expected spend per purchase, the lifetime value. No
 * checks (see customerLifetimeValue); the model service calls it once per purchase history.
 */
export function discountedPurchases(bgNbd: BgNbdParams, customer: Pick<ClvSummaryRow, 'frequency' | 'recency' | 'T'>, options: Required<LifetimeValueOptions>): number {
  const perMonth = PERIODS_PER_MONTH[options.period];
  let value = 0;
  let before = 0;
  for (let month = 1; month <= options.months; month++) {
    const upTo = bgNbdConditionalExpectedPurchases(bgNbd, month * perMonth, customer);
    value += (upTo - before) / (1 + options.discountRate) ** month;
    before = upTo;
  }
  return value;
}
