/**
 * Customer types (active / inactive / potential) and profitability (Pareto / Lorenz) options:
 * pure types, validation and the window rule. No database here; `data/sql/customer-types-sql.ts`
 * turns the resolved options into SQL.
 *
 * Active vs inactive, per customer with at least one purchase (an order that is not a return)
 * on or before the analysis date: inactive when the last purchase is MORE than `windowDays`
 * days before the analysis date (days_since_last > windowDays), else active.
 *
 * The default window is derived from the data (see `deriveWindowDays`):
 *   1. for every repeat customer, the gaps in days between consecutive DISTINCT purchase dates
 *      (several orders on one day are one visit, so same-day gaps of 0 do not drag it down);
 *   2. the 90th percentile of all those gaps (quantile_cont, linear interpolation, "type 7");
 *   3. rounded up to whole days, and at least WINDOW_FLOOR_DAYS (30);
 *   4. WINDOW_FALLBACK_DAYS (365) when there are no repeat customers (no gaps at all).
 * So: a customer is inactive once they have been silent longer than 90% of the observed
 * intervals between purchases.
 */
import { describe, validateIsoDate } from './rfm-options.js';

export const WINDOW_PERCENTILE = 0.9;
export const WINDOW_FLOOR_DAYS = 30;
export const WINDOW_FALLBACK_DAYS = 365;
/** Customers below the standard returned in the list (the count and share cover all of them). */
export const BELOW_LIST_LIMIT = 1000;

export const PARETO_MEASURES = ['revenue', 'margin'] as const;
export type ParetoMeasure = (typeof PARETO_MEASURES)[number];

export class CustomerTypesError extends Error {
  override readonly name = 'CustomerTypesError';
}

export interface CustomerTypeOptions {
  /** Days without a purchase after which a customer is inactive; positive whole number. Default: derived. */
  windowDays?: number;
  /** ISO date (YYYY-MM-DD); default the day after the last order. Orders after it are ignored. */
  analysisDate?: string;
}

export interface ResolvedCustomerTypeOptions {
  windowDays: number | null;
  analysisDate: string | null;
}

export interface ParetoOptions {
  /** Value per customer: net revenue (sum of amount, returns netted in) or sum of margin. */
  by?: ParetoMeasure;
  analysisDate?: string;
  /** Minimum value per customer; customers strictly below it are flagged. Default: none. */
  standard?: number;
}

export interface ResolvedParetoOptions {
  by: ParetoMeasure;
  analysisDate: string | null;
  standard: number | null;
}

function checkObject(options: unknown, what: string, known: readonly string[]): Record<string, unknown> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new CustomerTypesError(`${what} options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new CustomerTypesError(`Unknown ${what} option "${key}" (known: ${known.join(', ')})`);
  }
  return options as Record<string, unknown>;
}

function resolveDate(value: unknown): string | null {
  if (value === undefined) return null;
  try {
    return validateIsoDate(value, 'analysisDate');
  } catch (e) {
    throw new CustomerTypesError((e as Error).message);
  }
}

/** Check the options and fill in defaults (windowDays null = derive from the data). */
export function resolveCustomerTypeOptions(options: CustomerTypeOptions = {}): ResolvedCustomerTypeOptions {
  const o = checkObject(options, 'customer types', ['windowDays', 'analysisDate']);
  const w = o.windowDays;
  if (w !== undefined && (typeof w !== 'number' || !Number.isInteger(w) || w < 1)) {
    throw new CustomerTypesError(`windowDays must be a positive whole number of days, got ${describe(w)}`);
  }
  return { windowDays: (w as number | undefined) ?? null, analysisDate: resolveDate(o.analysisDate) };
}

/** Check the Pareto options and fill in defaults (by revenue, no standard). */
export function resolveParetoOptions(options: ParetoOptions = {}): ResolvedParetoOptions {
  const o = checkObject(options, 'pareto', ['by', 'analysisDate', 'standard']);
  const by = o.by ?? 'revenue';
  if (!(PARETO_MEASURES as readonly unknown[]).includes(by)) {
    throw new CustomerTypesError(`by must be one of ${PARETO_MEASURES.join(', ')}, got ${describe(by)}`);
  }
  const s = o.standard;
  if (s !== undefined && (typeof s !== 'number' || !Number.isFinite(s))) {
    throw new CustomerTypesError(`standard must be a finite number (a minimum value per customer), got ${describe(s)}`);
  }
  return { by: by as ParetoMeasure, analysisDate: resolveDate(o.analysisDate), standard: (s as number | undefined) ?? null };
}

/**
 * The window rule, from the 90th percentile of gaps between consecutive purchase dates of
 * repeat customers (null when there are none): ceil, at least the floor; the fallback when null.
 */
export function deriveWindowDays(gapPercentile: number | null): number {
  if (gapPercentile === null || !Number.isFinite(gapPercentile)) return WINDOW_FALLBACK_DAYS;
  return Math.max(WINDOW_FLOOR_DAYS, Math.ceil(gapPercentile));
}

export interface ParetoPoint {
  /** 0..100 */
  p: number;
  /** p / 100: the share of customers, most valuable first. */
  share_of_customers: number;
  /** Their share of the total value (null when the total is not positive). */
  share_of_value: number | null;
}

export interface BelowStandardCustomer {
  customer_id: string;
  value: number;
}

export interface ParetoResult {
  by: ParetoMeasure;
  analysisDate: string | null;
  customers: number;
  totalValue: number;
  /** 101 points, p = 0..100 (interpolated along the Lorenz curve for fractional customers). */
  points: ParetoPoint[];
  /** Share of the value held by the top 20% of customers (the curve at p = 20). */
  top20Share: number | null;
  /** Gini coefficient of value per customer (0 = equal; null when the total is not positive). */
  gini: number | null;
  /** The standard used, or null when none was set (then the below* fields are null / empty). */
  standard: number | null;
  /** Customers with value strictly below the standard. */
  below: number | null;
  belowShareOfValue: number | null;
  /** The customers below the standard, lowest value first, at most 1000. */
  belowCustomers: BelowStandardCustomer[];
}
