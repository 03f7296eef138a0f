/**
 * The options of a CLV purchase summary and of its calibration/holdout split, validated before
 * any SQL runs, and the row type of the split. No database here: `data/clv.ts` fills in the
 * default observation end from the data.
 *
 * Periods (the `lifetimes` conventions, see data/sql/clv-sql.ts for the SQL):
 * - `day`:  purchases grouped by day; ages counted in days (lifetimes freq='D').
 * - `week`: purchases still grouped by day, ages counted in weeks of 7 days, fractional
 *   (lifetimes freq='D', freq_multiplier=7). This is how Fader and Hardie's published CDNOW
 *   summary was made (t_x = 30.43, T = 38.86) and what the published BG/NBD parameters were
 *   fitted on; lifetimes' freq='W' (calendar weeks, whole numbers) would not reproduce it.
 */
import { RfmOptionsError, validateIsoDate } from '../rfm-options.js';
import type { ClvPeriod, ClvSummaryRow } from './summary.js';

export const CLV_PERIODS = ['day', 'week'] as const satisfies readonly ClvPeriod[];

/** Days in one period: the unit ages are divided by. */
export const PERIOD_DAYS: Readonly<Record<ClvPeriod, number>> = { day: 1, week: 7 };

/** An invalid CLV option, naming it. */
export class ClvOptionsError extends Error {
  override readonly name = 'ClvOptionsError';
}

export interface ClvSummaryOptions {
  /** Default `day`. */
  period?: ClvPeriod;
  /** ISO date, the end of the observation (inclusive); default the last purchase date in the data. */
  observationEnd?: string;
}

export interface ClvHoldoutOptions {
  /** Default `day`. */
  period?: ClvPeriod;
  /** ISO date: the calibration summary covers purchases up to it (inclusive). Required. */
  calibrationEnd: string;
  /** ISO date: the holdout is (calibrationEnd, observationEnd]; default the last purchase date in the data. */
  observationEnd?: string;
}

/**
 * A calibration summary row (as of the calibration end) with what the customer did in the
 * holdout. Only customers with a purchase by the calibration end have a row (as lifetimes'
 * `calibration_and_holdout_data`).
 */
export interface ClvHoldoutRow extends ClvSummaryRow {
  /** Purchase periods (days) in the holdout; 0 without. */
  readonly frequencyHoldout: number;
  /**
   * Mean value of those periods (0 without). Per period, like the calibration's monetaryValue;
   * lifetimes averages the holdout's transaction rows instead, which differs only for a
   * customer with several orders on one day.
   */
  readonly monetaryValueHoldout: number;
  /** Length of the holdout in periods, the same for every row. */
  readonly durationHoldout: number;
}

function isoDate(value: unknown, what: string): string {
  try {
    return validateIsoDate(value, what);
  } catch (e) {
    if (e instanceof RfmOptionsError) throw new ClvOptionsError(e.message);
    throw e;
  }
}

function period(value: unknown): ClvPeriod {
  if (value === undefined) return 'day';
  if (typeof value === 'string' && (CLV_PERIODS as readonly string[]).includes(value)) return value as ClvPeriod;
  throw new ClvOptionsError(`period must be one of ${CLV_PERIODS.map((p) => `"${p}"`).join(', ')}, got ${JSON.stringify(value)}`);
}

export interface ResolvedClvSummaryOptions {
  period: ClvPeriod;
  /** Null: the last purchase date in the data. */
  observationEnd: string | null;
}

export interface ResolvedClvHoldoutOptions extends ResolvedClvSummaryOptions {
  calibrationEnd: string;
}

export function resolveClvSummaryOptions(options: ClvSummaryOptions = {}): ResolvedClvSummaryOptions {
  return {
    period: period(options.period),
    observationEnd: options.observationEnd === undefined ? null : isoDate(options.observationEnd, 'observationEnd'),
  };
}

export function resolveClvHoldoutOptions(options: ClvHoldoutOptions): ResolvedClvHoldoutOptions {
  const { period: p, observationEnd } = resolveClvSummaryOptions(options);
  const calibrationEnd = isoDate(options.calibrationEnd, 'calibrationEnd');
  if (observationEnd !== null) checkHoldoutOrder(calibrationEnd, observationEnd);
  return { period: p, calibrationEnd, observationEnd };
}

/** The holdout must not be empty: calibrationEnd < observationEnd (ISO dates compare as text). */
export function checkHoldoutOrder(calibrationEnd: string, observationEnd: string): void {
  if (!(calibrationEnd < observationEnd)) {
    throw new ClvOptionsError(`calibrationEnd (${calibrationEnd}) must be before observationEnd (${observationEnd})`);
  }
}

/**
 * The ISO date `months` calendar months after `date` (before it when negative), the day clamped
 * to the month's end (2024-03-31 minus one month is 2024-02-29). Null when the result falls
 * outside the years 1..9999, which an ISO date cannot write. Throws a RangeError for a date that
 * is not YYYY-MM-DD or a month count that is not a whole number.
 */
export function addCalendarMonths(date: string, months: number): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  if (!Number.isInteger(months)) throw new RangeError(`Not a whole number of months: ${months}`);
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12; // 0..11
  if (year < 1 || year > 9999) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 1 ? (leap ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month]!;
  const day = Math.min(Number(m[3]), monthDays);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Where the check of a model on its last months ends its calibration, and whether the orders are long enough for it. */
export interface ClvCheckPlan {
  /** Months held out. */
  readonly months: number;
  /** The observation end less `months` calendar months; null when that is before the year 1. */
  readonly calibrationEnd: string | null;
  /**
   * True when the calibration part would be shorter than the held-out part: the first purchase
   * plus `months` months falls after the calibration end (or there is no calibration end).
   */
  readonly tooShort: boolean;
}

/**
 * The calibration/holdout split of a check on the last `months` months: calibration up to the
 * observation end less `months` calendar months, holdout after it. Too short when the first
 * purchase is less than `months` months before that calibration end (the model would be judged
 * on more time than it learnt from).
 */
export function clvCheckPlan(firstPurchase: string, observationEnd: string, months: number): ClvCheckPlan {
  if (!(Number.isInteger(months) && months >= 1)) throw new RangeError(`A check needs a whole number of months ≥ 1, got ${months}`);
  const calibrationEnd = addCalendarMonths(observationEnd, -months);
  const learnt = calibrationEnd === null ? null : addCalendarMonths(firstPurchase, months);
  return { months, calibrationEnd, tooShort: calibrationEnd === null || learnt === null || learnt > calibrationEnd };
}
