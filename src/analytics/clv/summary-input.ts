import type { ClvSummaryRow } from './summary.js';

/**
 * Checking and compressing the summary rows the CLV models read. The models take logs of
 * these numbers, so one NaN or negative value would silently poison a whole fit: they are
 * refused up front, naming the customer and the field.
 */

/** A summary row that may stand for `weight` identical customers (default 1). */
export interface WeightedSummaryRow extends ClvSummaryRow {
  readonly weight?: number;
}

export type ClvField = 'frequency' | 'recency' | 'T' | 'monetaryValue' | 'weight';

/** A summary row the models cannot use: which customer, which field, which value. */
export class ClvInputError extends Error {
  override readonly name = 'ClvInputError';
  constructor(
    readonly customerId: string,
    readonly field: ClvField,
    readonly value: number,
    readonly requirement: string,
  ) {
    super(`Customer "${customerId}": ${field} is ${value}; ${requirement}.`);
  }
}

/** What a model needs beyond finite, non-negative numbers. */
export interface SummaryRequirements {
  /** The Gamma-Gamma model: repeat buyers must have a positive mean spend. */
  readonly positiveMonetaryForRepeatBuyers?: boolean;
}

/**
 * Throws a ClvInputError on the first row that breaks the `lifetimes` conventions: every
 * number finite and ≥ 0, frequency a whole number, recency ≤ T, recency 0 when there is no
 * repeat purchase, weight > 0; optionally a positive spend for each repeat buyer.
 */
export function validateSummaryRows(rows: readonly WeightedSummaryRow[], requirements: SummaryRequirements = {}): void {
  for (const row of rows) {
    const fail = (field: ClvField, value: number, requirement: string): never => {
      throw new ClvInputError(row.customerId, field, value, requirement);
    };
    for (const field of ['frequency', 'recency', 'T', 'monetaryValue'] as const) {
      const value = row[field];
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(field, value, 'it must be a finite number');
      if (value < 0) fail(field, value, 'it must not be negative');
    }
    if (!Number.isInteger(row.frequency)) fail('frequency', row.frequency, 'it must be a whole number of repeat purchase periods');
    if (row.recency > row.T) fail('recency', row.recency, `it must not exceed the customer's age T = ${row.T}`);
    if (row.frequency === 0 && row.recency !== 0) fail('recency', row.recency, 'it must be 0 for a customer without repeat purchases');
    if (row.weight !== undefined && !(Number.isFinite(row.weight) && row.weight > 0)) {
      fail('weight', row.weight, 'it must be a finite number greater than 0');
    }
    if (requirements.positiveMonetaryForRepeatBuyers && row.frequency > 0 && row.monetaryValue <= 0) {
      fail('monetaryValue', row.monetaryValue, 'a repeat buyer must have a positive mean spend');
    }
  }
}

/**
 * Merges rows that are identical in the given fields into one row whose weight is their
 * total weight (the first row's id, and its other fields, stand for the group). The likelihoods are
 * weighted sums, so a fit on the compressed rows equals the fit on all of them, faster: many
 * customers share (frequency, recency, T), all the one-time buyers of a cohort for a start.
 */
export function compressSummaryRows(
  rows: readonly WeightedSummaryRow[],
  fields: readonly Exclude<ClvField, 'weight'>[] = ['frequency', 'recency', 'T', 'monetaryValue'],
): WeightedSummaryRow[] {
  // One object per group, made once; weights added up beside it (a base has hundreds of thousands of rows).
  const index = new Map<string, number>();
  const firsts: WeightedSummaryRow[] = [];
  const weights: number[] = [];
  for (const row of rows) {
    let key = '';
    for (const field of fields) key += `${row[field]}|`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, firsts.length);
      firsts.push(row);
      weights.push(row.weight ?? 1);
    } else weights[at]! += row.weight ?? 1;
  }
  return firsts.map((row, i) => ({ ...row, weight: weights[i]! }));
}

/**
 * The fits search from several starts on at most this many rows; a larger base is searched on
 * an evenly spread sample of this size and the optimum then polished on every row (see
 * minimizeFromSampleStarts).
 */
export const FIT_SAMPLE_ROWS = 10_000;

/** A fit's `sampleRows` option, FIT_SAMPLE_ROWS when absent; a RangeError unless a whole number ≥ 100 or Infinity. */
export function checkedSampleRows(sampleRows: number | undefined): number {
  if (sampleRows === undefined) return FIT_SAMPLE_ROWS;
  if (!(sampleRows === Infinity || (Number.isInteger(sampleRows) && sampleRows >= 100))) {
    throw new RangeError(`sampleRows must be a whole number of at least 100, or Infinity (got ${sampleRows})`);
  }
  return sampleRows;
}

/**
 * About `limit` of the rows, evenly spread (every k-th, k = ⌈n / limit⌉) with their weights:
 * deterministic, and as mixed as the rows' order (customer ids, or first appearance). All the
 * rows when there are at most `limit`.
 */
export function spreadSample<T>(rows: readonly T[], limit: number): readonly T[] {
  if (!(rows.length > limit)) return rows;
  const k = Math.ceil(rows.length / Math.max(1, limit));
  return rows.filter((_, i) => i % k === 0);
}

/** The total weight of the rows: the number of customers they stand for. */
export function totalWeight(rows: readonly WeightedSummaryRow[]): number {
  return rows.reduce((sum, row) => sum + (row.weight ?? 1), 0);
}
