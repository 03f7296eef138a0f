import type { ClvSummaryRow } from '../../src/analytics/clv/summary.js';
import type { ClvFitOptions } from '../../src/data/clv-fit.js';
import { random } from '../../src/sample/sample-orders.js';

/**
 * Deterministic summary rows for the worker tests: a BG/NBD-like base (many one-time buyers,
 * a few frequent ones, repeat buyers with a positive mean spend), in weeks.
 */
export function probeRows(n: number, seed = 7): ClvSummaryRow[] {
  const rand = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const T = 10 + Math.round(rand() * 400) / 10;
    const rate = -Math.log(1 - rand() * 0.999) * 0.15; // exponential purchase rate per week
    const frequency = Math.min(40, Math.floor(rate * T * rand() * 2));
    const recency = frequency === 0 ? 0 : Math.round(T * (0.3 + 0.7 * rand()) * 100) / 100;
    const monetaryValue = frequency === 0 ? 0 : Math.round((8 + 40 * rand()) * 100) / 100;
    return { customerId: `c${String(i).padStart(5, '0')}`, frequency, recency, T, monetaryValue };
  });
}

export const PROBE_OPTIONS: ClvFitOptions = { period: 'week', horizon: 26, months: 12, discountRate: 0.01, penalizer: 0, spendPenalizer: 0, durationHoldout: 39 };
