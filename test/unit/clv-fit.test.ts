import { describe, expect, it } from 'vitest';
import {
  bgNbdAliveExpectedPurchases,
  bgNbdAliveFormHolds,
  bgNbdConditionalExpectedPurchases,
  bgNbdDropoutOdds,
  bgNbdLogLikelihood,
  bgNbdLogLikelihoodGradient,
  bgNbdProbabilityAlive,
  fitBgNbd,
  type BgNbdParams,
} from '../../src/analytics/clv/bg-nbd.js';
import { gammaGammaExpectedAverageProfit } from '../../src/analytics/clv/gamma-gamma.js';
import { discountedPurchases } from '../../src/analytics/clv/lifetime-value.js';
import type { ClvSummaryRow } from '../../src/analytics/clv/summary.js';
import { compressSummaryRows } from '../../src/analytics/clv/summary-input.js';
import { numericalGradient } from '../../src/analytics/clv/optimize.js';
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
  const nearOne: BgNbdParams = { r: 0.5, alpha: 30, a: 1 + 1e-8, b: 8 };

  it('gives the values it gave before it was split in two (commit 80ce55d), to the last digit', () => {
    // bgNbdConditionalExpectedPurchases(p, t, h) at t = 26 and 13, as computed before the split.
    const before = [
      [[0.1314087547198494, 0.06820243245799365], [0.1622820099987346, 0.08534064497632204], [1.8518563562616728, 0.9899097156856049], [8.762781347644971e-13, 4.4484813687905853e-13]],
      [[0.17450619087662164, 0.08993437384500225], [0.25917993204256107, 0.13564082363520996], [1.1426129709353061, 0.6175827105589906], [1.4661784347224462e-11, 7.610613140235364e-12]],
      [[1.0144056632166596, 0.5135304851897505], [0.5210009807193741, 0.2648334786102734], [2.8379444440753105, 1.4602673205548276], [3.0746439403314426e-13, 1.5715723824678734e-13]],
      [[0.1802934053931246, 0.09146268072126855], [0.38460035340553267, 0.19647336645343377], [1.4160388380502575, 0.7335052536774194], [3.945442550464131e-11, 2.003131846244246e-11]],
    ];
    [...paramSets, nearOne].forEach((p, i) =>
      histories.forEach((h, j) => [26, 13].forEach((t, k) => expect(bgNbdConditionalExpectedPurchases(p, t, h), JSON.stringify([p, h, t])).toBe(before[i]![j]![k]))),
    );
  });

  it('is the alive expectation (shared by one frequency and age) over 1 + the odds of having dropped out; the odds are those of P(alive)', () => {
    for (const p of paramSets) {
      for (const h of histories) {
        const alive = bgNbdAliveExpectedPurchases(p, 26, h.frequency, h.T);
        expect(bgNbdConditionalExpectedPurchases(p, 26, h), JSON.stringify([p, h])).toBe(h.frequency === 0 ? alive : alive / (1 + bgNbdDropoutOdds(p, h)));
        expect(1 / (1 + bgNbdDropoutOdds(p, h))).toBeCloseTo(bgNbdProbabilityAlive(p, h), 12);
      }
    }
  });

  it('does not hold within 1e-6 of a = 1, where the whole expectation is the mean of both sides', () => {
    expect(bgNbdAliveFormHolds({ r: 1, alpha: 1, a: 1 + 1e-7, b: 2 })).toBe(false);
    expect(bgNbdAliveFormHolds({ r: 1, alpha: 1, a: 1 + 1e-5, b: 2 })).toBe(true);
  });

  it('the predictor gives the per-customer functions’ values, near a = 1 too (where nothing is shared)', () => {
    for (const p of [...paramSets, nearOne]) {
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

  it('leads the fit, penalised or not, to where the objective is flat by central differences (the chain rule and penalty of its log-parameters)', () => {
    // The objective fitBgNbd minimises: time rescaled so the longest T is 10, log-parameters.
    const scale = 10 / Math.max(...rows.map((r) => r.T));
    const scaled = compressed.map((r) => ({ ...r, recency: r.recency * scale, T: r.T * scale }));
    const customers = rows.length;
    for (const penalizer of [0, 0.05]) {
      const objective = (logParams: readonly number[]) => {
        const [r, alpha, a, b] = logParams.map(Math.exp) as [number, number, number, number];
        return -bgNbdLogLikelihood({ r, alpha, a, b }, scaled) / customers + penalizer * (r * r + alpha * alpha + a * a + b * b);
      };
      const fit = fitBgNbd(compressed, { penalizer });
      expect(fit.convergence.converged).toBe(true);
      const at = [fit.params.r, fit.params.alpha * scale, fit.params.a, fit.params.b].map(Math.log);
      expect(Math.hypot(...numericalGradient(objective, at)), `penalizer ${penalizer}`).toBeLessThan(1e-6);
    }
  });

  it('weighs merged rows as the rows they stand for', () => {
    for (const p of paramSets) {
      const whole = bgNbdLogLikelihoodGradient(p, rows);
      bgNbdLogLikelihoodGradient(p, compressed).forEach((d, i) => expect(d / whole[i]! - 1).toBeCloseTo(0, 10));
    }
  });
});
