import { describe, expect, it } from 'vitest';
import {
  bgNbdAliveExpectedPurchases,
  bgNbdAliveFormHolds,
  bgNbdConditionalExpectedPurchases,
  bgNbdDropoutOdds,
  bgNbdLogLikelihood,
  bgNbdLogLikelihoodGradient,
  bgNbdProbabilityAlive,
  type BgNbdParams,
} from '../../src/analytics/clv/bg-nbd.js';
import { gammaGammaExpectedAverageProfit } from '../../src/analytics/clv/gamma-gamma.js';
import { discountedPurchases } from '../../src/analytics/clv/lifetime-value.js';
import type { ClvSummaryRow } from '../../src/analytics/clv/summary.js';
import { compressSummaryRows } from '../../src/analytics/clv/summary-input.js';
import { computeClvFits, historyPredictor, type ClvFitOptions } from '../../src/data/clv-fit.js';

/**
 * The fit's predictions (data/clv-fit.ts) share the slow part of the conditional expectation
 * between customers of the same (frequency, T): they must be exactly what the per-customer
 * functions give, customer by customer.
 */

/** A base where many customers share a frequency and an age but not a recency, as real ones do. */
function base(n: number): ClvSummaryRow[] {
  const rows: ClvSummaryRow[] = [];
  for (let i = 0; i < n; i++) {
    const T = 20 + (i % 37) * 3;
    const frequency = i % 5 === 0 ? 0 : 1 + (i % 7);
    const recency = frequency === 0 ? 0 : Math.min(T, ((i * 13) % T) + 1);
    rows.push({ customerId: `c${i}`, frequency, recency, T, monetaryValue: frequency === 0 ? 0 : 10 + ((i * 7) % 50) });
  }
  return rows;
}

const options: ClvFitOptions = { period: 'week', horizon: 26, months: 12, discountRate: 0.01, penalizer: 0, spendPenalizer: 0, durationHoldout: 13 };

describe('the fit’s predictions', () => {
  it('are, customer by customer, exactly those of the per-customer functions', () => {
    const rows = base(2000);
    const fits = computeClvFits(rows, options);
    const bg = fits.bgNbd!.params;
    const gg = fits.gammaGamma!.params;
    expect(gg.q).toBeGreaterThan(1);
    rows.forEach((row, i) => {
      expect(fits.probabilityAlive[i], row.customerId).toBe(bgNbdProbabilityAlive(bg, row));
      expect(fits.expectedPurchases[i], row.customerId).toBe(bgNbdConditionalExpectedPurchases(bg, 26, row));
      expect(fits.expectedHoldoutPurchases![i], row.customerId).toBe(bgNbdConditionalExpectedPurchases(bg, 13, row));
      const spend = gammaGammaExpectedAverageProfit(gg, row);
      expect(fits.expectedAverageValue[i], row.customerId).toBe(spend);
      expect(fits.clv[i], row.customerId).toBe(spend * discountedPurchases(bg, row, { period: 'week', months: 12, discountRate: 0.01 }));
    });
  });

  it('without a spend model leave the value figures out and keep the purchase figures', () => {
    const rows = base(500);
    const fits = computeClvFits(rows, { ...options, spend: false });
    expect(fits.gammaGamma).toBeNull();
    expect([...fits.clv].every(Number.isNaN)).toBe(true);
    expect([...fits.expectedAverageValue].every(Number.isNaN)).toBe(true);
    rows.forEach((row, i) => expect(fits.expectedHoldoutPurchases![i]).toBe(bgNbdConditionalExpectedPurchases(fits.bgNbd!.params, 13, row)));
  });
});

describe('the conditional expectation in two parts', () => {
  const histories = [
    { frequency: 0, recency: 0, T: 40 },
    { frequency: 1, recency: 3, T: 40 },
    { frequency: 4, recency: 39, T: 40 },
    { frequency: 30, recency: 100, T: 300 },
  ];
  const paramSets: BgNbdParams[] = [
    { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    { r: 0.5, alpha: 30, a: 2.6, b: 8.4 },
    { r: 2, alpha: 10, a: 3000, b: 90000 },
  ];

  it('is the alive expectation (shared by one frequency and age) over 1 + the odds of having dropped out', () => {
    for (const p of paramSets) {
      for (const h of histories) {
        const alive = bgNbdAliveExpectedPurchases(p, 26, h.frequency, h.T);
        const whole = bgNbdConditionalExpectedPurchases(p, 26, h);
        expect(whole, JSON.stringify([p, h])).toBe(h.frequency === 0 ? alive : alive / (1 + bgNbdDropoutOdds(p, h)));
        // The odds are those of P(alive) (its own arithmetic, in logs: equal to rounding).
        expect(1 / (1 + bgNbdDropoutOdds(p, h))).toBeCloseTo(bgNbdProbabilityAlive(p, h), 12);
      }
    }
  });

  it('does not hold within 1e-6 of a = 1, where the whole expectation is the mean of both sides', () => {
    expect(bgNbdAliveFormHolds({ r: 1, alpha: 1, a: 1 + 1e-7, b: 2 })).toBe(false);
    expect(bgNbdAliveFormHolds({ r: 1, alpha: 1, a: 1 + 1e-5, b: 2 })).toBe(true);
  });

  it('the predictor gives the per-customer functions’ values, near a = 1 too (where nothing is shared)', () => {
    for (const p of [...paramSets, { r: 0.5, alpha: 30, a: 1 + 1e-8, b: 8 }]) {
      const predict = historyPredictor(p, options, true);
      for (const h of histories) {
        const got = predict({ customerId: 'x', monetaryValue: 0, ...h });
        const where = JSON.stringify([p, h]);
        expect(got.probabilityAlive, where).toBe(bgNbdProbabilityAlive(p, h));
        expect(got.expectedPurchases, where).toBe(bgNbdConditionalExpectedPurchases(p, 26, h));
        expect(got.expectedHoldoutPurchases, where).toBe(bgNbdConditionalExpectedPurchases(p, 13, h));
        expect(got.discountedPurchases, where).toBe(discountedPurchases(p, h, { period: 'week', months: 12, discountRate: 0.01 }));
      }
      expect(Number.isNaN(historyPredictor(p, options, false)({ customerId: 'x', monetaryValue: 0, ...histories[1]! }).discountedPurchases)).toBe(true);
    }
  });
});

describe('the BG/NBD log-likelihood’s gradient', () => {
  const rows: ClvSummaryRow[] = [
    ...base(300),
    { customerId: 'daily', frequency: 400, recency: 400, T: 410, monetaryValue: 1 },
    { customerId: 'young', frequency: 1, recency: 0.5, T: 0.5, monetaryValue: 1 },
  ];
  const compressed = compressSummaryRows(rows, ['frequency', 'recency', 'T']);
  const paramSets: BgNbdParams[] = [
    { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    { r: 0.37, alpha: 29.8, a: 2.66, b: 8.45 },
    { r: 5, alpha: 0.2, a: 40, b: 300 },
    { r: 1e-3, alpha: 1e3, a: 0.01, b: 0.05 },
  ];

  it('is the central difference of the log-likelihood, parameter by parameter', () => {
    for (const p of paramSets) {
      const exact = bgNbdLogLikelihoodGradient(p, rows);
      (['r', 'alpha', 'a', 'b'] as const).forEach((name, i) => {
        const h = 1e-6 * p[name];
        const difference = (bgNbdLogLikelihood({ ...p, [name]: p[name] + h }, rows) - bgNbdLogLikelihood({ ...p, [name]: p[name] - h }, rows)) / (2 * h);
        expect(exact[i]! / difference - 1, `${name} at ${JSON.stringify(p)}: ${exact[i]} vs ${difference}`).toBeCloseTo(0, 5);
      });
    }
  });

  it('weighs merged rows as the rows they stand for', () => {
    for (const p of paramSets) {
      const whole = bgNbdLogLikelihoodGradient(p, rows);
      bgNbdLogLikelihoodGradient(p, compressed).forEach((d, i) => expect(d / whole[i]! - 1).toBeCloseTo(0, 10));
    }
  });
});
