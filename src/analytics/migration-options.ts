/**
 * Segment migration options: the two analysis dates, pure validation and date arithmetic.
 * No database here; `data/migration.ts` fills in the default `to` from the data.
 *
 * - `to`   ISO date; default the day after the last order in the data.
 * - `from` ISO date; default `to` minus DEFAULT_MIGRATION_DAYS days. Must be before `to`.
 *
 * Errors are RfmOptionsError (the same type the other RFM options throw), naming the option.
 */
import { RfmOptionsError, validateIsoDate } from './rfm-options.js';

/** Default distance from `from` back to `to`, in days. */
export const DEFAULT_MIGRATION_DAYS = 90;

/** The pseudo-segment on the from-side: no purchase by `from`, a customer by `to`. */
export const NOT_YET_A_CUSTOMER = 'Not yet a customer';

export interface MigrationDates {
  from?: string;
  to?: string;
}

/** `iso` plus `days` (may be negative), as an ISO date; calendar arithmetic in UTC. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = validateIsoDate(iso, 'date').split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Validate what was given (before any SQL runs): ISO dates, and from < to when both are given. */
export function validateMigrationDates(dates: MigrationDates): { from: string | null; to: string | null } {
  const from = dates.from === undefined ? null : validateIsoDate(dates.from, 'from');
  const to = dates.to === undefined ? null : validateIsoDate(dates.to, 'to');
  if (from !== null && to !== null) checkOrder(from, to);
  return { from, to };
}

/** The final dates once `to` is known: `from` defaults to `to` - 90 days; from < to is checked. */
export function completeMigrationDates(from: string | null, to: string): { from: string; to: string } {
  const f = from ?? addDays(to, -DEFAULT_MIGRATION_DAYS);
  checkOrder(f, to);
  return { from: f, to };
}

function checkOrder(from: string, to: string): void {
  // ISO dates compare as text.
  if (!(from < to)) throw new RfmOptionsError(`from (${from}) must be before to (${to})`);
}

export interface MigrationCell {
  from_segment: string;
  to_segment: string;
  /** Customers in `from_segment` at `from` and in `to_segment` at `to`. */
  customers: number;
  /** Their net revenue as of `to` (monetary at `to`, returns netted in). */
  revenue_to: number;
}

export interface MigrationResult {
  /** The dates used (ISO), or null when there are no orders and `to` was not given. */
  from: string | null;
  to: string | null;
  /** Row/column order: rule order, Others, then NOT_YET_A_CUSTOMER (from-side only). */
  segments: string[];
  /** Every from-side x to-side cell, zeros included, in `segments` order. */
  matrix: MigrationCell[];
  totals: { customersFrom: number; customersTo: number };
}
