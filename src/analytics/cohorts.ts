/**
 * Monthly acquisition cohorts: customers grouped by the month of their first purchase, followed
 * month by month. Types and the pure steps that complete what the SQL returns (data/cohorts.ts
 * runs data/sql/cohort-sql.ts): labels from month numbers, the zero cells of the triangle,
 * shares.
 *
 * Months are counted as `year * 12 + month - 1` (a month number), so "months since the first
 * order" is a difference of month numbers: a first purchase on 31 January and an order on
 * 1 February are one month apart.
 *
 * Revenue in the cells and the `revenue` totals is net (purchases less returns, as RFM's
 * monetary). The repeat-revenue share is taken on purchases alone (gross): the revenue of
 * purchases after the first purchase day over the revenue of all purchases, so it lies in
 * [0, 1] whatever is refunded.
 */
import { RfmOptionsError, validateIsoDate } from './rfm-options.js';

export interface CohortOptions {
  /**
   * ISO date: orders after it are left out. Default: the last purchase date in the data
   * (returns left out: a refund after the last sale does not stretch the triangle), the same
   * default end as the CLV summary's.
   */
  end?: string;
}

/** One cohort in one month. */
export interface CohortCell {
  /** The cohort: month of the first purchase, `YYYY-MM`. */
  cohort: string;
  /** Months since the cohort month (0 = the cohort month itself). */
  monthsSince: number;
  /** Cohort customers with a purchase (not a return) in that month. */
  customers: number;
  /** Their net revenue in that month: purchases less returns dated in it. */
  revenue: number;
  /** customers / the cohort's size, 0..1. */
  retention: number;
}

export interface CohortTotals {
  /** Customers acquired (the cohort's size; overall: every customer with a purchase). */
  customers: number;
  /** Net revenue of those customers, from their first purchase to the end: purchases less returns. */
  revenue: number;
  /**
   * Gross revenue of their purchases (returns left out), from the first purchase to the end.
   * Always set by completeCohorts; optional only so that figures made by hand before it existed
   * still type-check.
   */
  purchaseRevenue?: number;
  /** Gross revenue of their purchases dated after their first purchase day (returns left out). */
  repeatRevenue: number;
  /**
   * The repeat-revenue share: repeatRevenue / purchaseRevenue, in [0, 1]; null without
   * purchase revenue. Both are gross: a refund cannot be matched to the purchase it undoes,
   * and netting refunds of first purchases into the repeat revenue made the share negative
   * or above 1.
   */
  repeatRevenueShare: number | null;
}

export interface CohortRow extends CohortTotals {
  cohort: string;
}

export interface CohortRetention {
  /** The end used (ISO): the given one, or the last purchase date; null without purchases. */
  end: string | null;
  /** Cohorts that acquired someone, oldest first. A month with no new customer has no row. */
  cohorts: CohortRow[];
  /**
   * Every cell of the triangle, zeros included: per cohort (in `cohorts` order), months since
   * 0 .. (month of `end` - cohort month).
   */
  cells: CohortCell[];
  overall: CohortTotals;
}

/** What the SQL returns per cohort and per non-empty cell, months as month numbers. */
export interface CohortCountRow {
  cohort_month: number;
  customers: number;
  /** Net. */
  revenue: number;
  /** Gross purchases. */
  purchase_revenue: number;
  /** Gross purchases after the first purchase day. */
  repeat_revenue: number;
}

export interface CohortCellCountRow {
  cohort_month: number;
  months_since: number;
  customers: number;
  revenue: number;
}

export class CohortOptionsError extends Error {
  override readonly name = 'CohortOptionsError';
}

export function resolveCohortOptions(options: CohortOptions = {}): { end: string | null } {
  if (options.end === undefined) return { end: null };
  try {
    return { end: validateIsoDate(options.end, 'end') };
  } catch (e) {
    if (e instanceof RfmOptionsError) throw new CohortOptionsError(e.message);
    throw e;
  }
}

/** `year * 12 + month - 1` of an ISO date. */
export function monthNumber(iso: string): number {
  return Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
}

/** A month number as `YYYY-MM`. */
export function monthLabel(month: number): string {
  return `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/** numerator / denominator, or null when the denominator is not positive. */
export function shareOf(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/**
 * Cohort rows, the full triangle of cells (empty cells as zeros) and the overall totals, from
 * the per-cohort and the non-empty per-cell counts, up to the month of `end`.
 */
export function completeCohorts(end: string, cohorts: readonly CohortCountRow[], cells: readonly CohortCellCountRow[]): CohortRetention {
  const endMonth = monthNumber(end);
  const known = new Map(cells.map((c) => [`${c.cohort_month}:${c.months_since}`, c]));
  const ordered = [...cohorts].sort((a, b) => a.cohort_month - b.cohort_month);
  const rows: CohortRow[] = ordered.map((c) => ({
    cohort: monthLabel(c.cohort_month),
    customers: c.customers,
    revenue: c.revenue,
    purchaseRevenue: c.purchase_revenue,
    repeatRevenue: c.repeat_revenue,
    repeatRevenueShare: shareOf(c.repeat_revenue, c.purchase_revenue),
  }));
  const triangle: CohortCell[] = ordered.flatMap((c) =>
    Array.from({ length: endMonth - c.cohort_month + 1 }, (_, monthsSince) => {
      const cell = known.get(`${c.cohort_month}:${monthsSince}`);
      const customers = cell?.customers ?? 0;
      return { cohort: monthLabel(c.cohort_month), monthsSince, customers, revenue: cell?.revenue ?? 0, retention: customers / c.customers };
    }),
  );
  const revenue = ordered.reduce((sum, c) => sum + c.revenue, 0);
  const purchaseRevenue = ordered.reduce((sum, c) => sum + c.purchase_revenue, 0);
  const repeatRevenue = ordered.reduce((sum, c) => sum + c.repeat_revenue, 0);
  return {
    end,
    cohorts: rows,
    cells: triangle,
    overall: {
      customers: ordered.reduce((n, c) => n + c.customers, 0),
      revenue,
      purchaseRevenue,
      repeatRevenue,
      repeatRevenueShare: shareOf(repeatRevenue, purchaseRevenue),
    },
  };
}
