import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bgNbdAliveExpectationByIntegration,
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchases,
  fitBgNbd,
  type BgNbdFit,
  type BgNbdParams,
} from '../../src/analytics/clv/bg-nbd.js';
import {
  fitGammaGamma,
  frequencyMonetaryCorrelation,
  gammaGammaExpectedAverageProfit,
  gammaGammaLogLikelihood,
  type GammaGammaFit,
} from '../../src/analytics/clv/gamma-gamma.js';
import { customerLifetimeValue } from '../../src/analytics/clv/lifetime-value.js';
import { hyp2f1 } from '../../src/analytics/special-functions.js';
import { ClvInputError, compressSummaryRows, spreadSample, validateSummaryRows } from '../../src/analytics/clv/summary-input.js';
import type { ClvSummaryRow } from '../../src/analytics/clv/summary.js';
import { SHARED_DATA } from '../helpers/engine.js';

/** The CDNOW sample as Fader, Hardie & Lee summarise it: 2,357 customers, in weeks. */
const CDNOW_SUMMARY = join(SHARED_DATA, 'cdnow', 'cdnow_customers_summary_with_transactions.csv');
const hasCdnow = existsSync(CDNOW_SUMMARY);
if (!hasCdnow) console.warn(`[clv] ${CDNOW_SUMMARY} is not there: the CDNOW fits are SKIPPED.`);

/** Columns ID,x,t_x,T,zbar: frequency, recency, age, mean repeat spend. */
function readCdnowSummary(): ClvSummaryRow[] {
  const [header, ...lines] = readFileSync(CDNOW_SUMMARY, 'utf8').trim().split(/\r?\n/);
  expect(header).toBe('ID,x,t_x,T,zbar');
  return lines.map((line) => {
    const [customerId, x, tx, T, zbar] = line.split(',');
    return { customerId: customerId!, frequency: Number(x), recency: Number(tx), T: Number(T), monetaryValue: Number(zbar) };
  });
}

/** The parameters Fader, Hardie & Lee (2005) and lifetimes report for CDNOW. */
const PAPER: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe.skipIf(!hasCdnow)('CLV models on the CDNOW summary', () => {
  let rows: ClvSummaryRow[];
  let bgNbd: BgNbdFit;
  let gammaGamma: GammaGammaFit;
  let customer1: ClvSummaryRow;

  beforeAll(() => {
    rows = readCdnowSummary();
    customer1 = rows.find((row) => row.customerId === '1')!;
    let started = performance.now();
    bgNbd = fitBgNbd(rows);
    const bgNbdMs = performance.now() - started;
    started = performance.now();
    gammaGamma = fitGammaGamma(rows);
    const gammaGammaMs = performance.now() - started;
    console.log(
      `[clv] BG/NBD on ${rows.length} customers: ${bgNbdMs.toFixed(0)} ms, ${bgNbd.convergence.evaluations} evaluations; ` +
        `Gamma-Gamma on ${gammaGamma.customers}: ${gammaGammaMs.toFixed(0)} ms`,
    );
  });

  it('fits the BG/NBD parameters and log-likelihood of the paper', () => {
    expect(rows).toHaveLength(2357);
    expect(bgNbd.customers).toBe(2357);
    const { r, alpha, a, b } = bgNbd.params;
    expect(r).toBeCloseTo(PAPER.r, 2);
    expect(alpha).toBeCloseTo(PAPER.alpha, 2);
    expect(a).toBeCloseTo(PAPER.a, 2);
    expect(b).toBeCloseTo(PAPER.b, 2);
    expect(bgNbd.logLikelihood).toBeCloseTo(-9582.43, 1);
    // The optimum is at least as likely as the published (rounded) parameters.
    expect(bgNbd.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(PAPER, rows));
  });

  it('reports that the fit converged, from every start', () => {
    const { converged, gradientNorm, iterations, evaluations, starts, startsAgreeing } = bgNbd.convergence;
    expect(converged).toBe(true);
    expect(gradientNorm).toBeLessThan(1e-6);
    expect(iterations).toBeGreaterThan(0);
    expect(evaluations).toBeGreaterThan(iterations);
    expect(startsAgreeing).toBe(starts);
  });

  it('fits the same model on rows compressed by weight', () => {
    const compressed = compressSummaryRows(rows, ['frequency', 'recency', 'T']);
    expect(compressed.length).toBeLessThan(rows.length / 2);
    const fit = fitBgNbd(compressed);
    expect(fit.customers).toBe(2357);
    expect(fit.logLikelihood).toBeCloseTo(bgNbd.logLikelihood, 6);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) expect(fit.params[key]).toBeCloseTo(bgNbd.params[key], 4);
  });

  it('fits the same BG/NBD when the starts are searched on a sample and the optimum polished on every row', () => {
    // A large base is searched on FIT_SAMPLE_ROWS rows; here the sample is made small instead.
    const fit = fitBgNbd(rows, { sampleRows: 300 });
    expect(fit.convergence.method).toBe('nelder-mead+bfgs on a sample, then bfgs');
    expect(fit.convergence.converged).toBe(true);
    expect(fit.customers).toBe(2357);
    expect(fit.logLikelihood).toBeCloseTo(bgNbd.logLikelihood, 6);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) expect(fit.params[key]).toBeCloseTo(bgNbd.params[key], 4);
    // The polish on all 2,357 rows takes a few dozen evaluations; the search, on 300.
    expect(fit.convergence.evaluations).toBeGreaterThan(100);
    // Not the same point as the sample's own optimum: the polish moved it to the whole base's.
    const sampleFit = fitBgNbd(spreadSample(rows, 300), { sampleRows: Infinity });
    expect(Math.abs(sampleFit.params.r - fit.params.r)).toBeGreaterThan(1e-3);
  });

  it('fits the same Gamma-Gamma on a sample of the repeat buyers polished on all of them', () => {
    const fit = fitGammaGamma(rows, { sampleRows: 200 });
    expect(fit.convergence.method).toBe('nelder-mead+bfgs on a sample, then bfgs');
    expect(fit.convergence.converged).toBe(true);
    expect(fit.customers).toBe(946);
    expect(fit.logLikelihood).toBeCloseTo(gammaGamma.logLikelihood, 5);
    // The optimum lies on a flat ridge (see above): the same likelihood, the parameters alike to 3-4 digits.
    for (const key of ['p', 'q', 'v'] as const) expect(Math.abs(fit.params[key] / gammaGamma.params[key] - 1)).toBeLessThan(2e-3);
  });

  it('refuses a sample size that is not a whole number of at least 100 (or Infinity)', () => {
    for (const sampleRows of [0, -5, 99, 150.5, NaN]) {
      expect(() => fitBgNbd(rows, { sampleRows }), String(sampleRows)).toThrow(/sampleRows must be a whole number of at least 100/);
      expect(() => fitGammaGamma(rows, { sampleRows }), String(sampleRows)).toThrow(/sampleRows must be a whole number of at least 100/);
    }
    expect(fitBgNbd(rows, { sampleRows: Infinity }).convergence.method).toBe('nelder-mead+bfgs');
  });

  it("predicts customer 1's purchases in the next 39 weeks as the paper does", () => {
    const history = { frequency: 2, recency: 30.43, T: 38.86 };
    const expected = bgNbdConditionalExpectedPurchases(bgNbd.params, 39, history);
    expect(Math.abs(expected - 1.226)).toBeLessThanOrEqual(0.001);
    // The same number by the paper's own formula (equation 10), with 2F1 evaluated directly.
    const { r, alpha, a, b } = bgNbd.params;
    const [x, tx, T, t] = [2, 30.43, 38.86, 39];
    const hyper = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)) * ((alpha + T) / (alpha + T + t)) ** (r + x);
    const paper = (((a + b + x - 1) / (a - 1)) * (1 - hyper)) / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x));
    expect(expected).toBeCloseTo(paper, 12);
  });

  it('fits the Gamma-Gamma spend model on the 946 repeat buyers', () => {
    expect(gammaGamma.customers).toBe(946);
    const { p, q, v } = gammaGamma.params;
    expect(p).toBeCloseTo(6.25, 2);
    expect(q).toBeCloseTo(3.74, 2);
    // The paper prints v = 15.44; the exact maximum is at 15.4477 (lifetimes prints 15.45), on a
    // ridge so flat that the log-likelihoods differ by 5e-6.
    expect(Math.abs(v - 15.44)).toBeLessThan(0.01);
    expect(gammaGamma.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood({ p: 6.25, q: 3.74, v: 15.44 }, rows));
    expect(gammaGamma.convergence.converged).toBe(true);
  });

  it('checks that spend does not depend on frequency', () => {
    const { r, n, dependent } = gammaGamma.independence;
    expect(n).toBe(946);
    expect(r).toBeCloseTo(0.1139, 4);
    expect(dependent).toBe(false);
    expect(frequencyMonetaryCorrelation(rows, 0.1).dependent).toBe(true);
  });

  it('gives the expected spend between the population mean and the customer’s own', () => {
    const { p, q, v } = gammaGamma.params;
    const populationMean = (p * v) / (q - 1);
    const spend = gammaGammaExpectedAverageProfit(gammaGamma.params, customer1);
    expect(spend).toBeGreaterThan(Math.min(populationMean, customer1.monetaryValue));
    expect(spend).toBeLessThan(Math.max(populationMean, customer1.monetaryValue));
    expect(gammaGammaExpectedAverageProfit(gammaGamma.params, { frequency: 0, monetaryValue: 0 })).toBeCloseTo(populationMean, 10);
  });

  it('keeps a customer without repeat purchases alive, and one who stopped less so', () => {
    expect(bgNbdProbabilityAlive(bgNbd.params, { frequency: 0, recency: 0, T: 38.86 })).toBe(1);
    const recent = bgNbdProbabilityAlive(bgNbd.params, { frequency: 2, recency: 38, T: 38.86 });
    const lapsed = bgNbdProbabilityAlive(bgNbd.params, customer1);
    expect(lapsed).toBeGreaterThan(0);
    expect(lapsed).toBeLessThan(recent);
    expect(recent).toBeLessThanOrEqual(1);
  });

  it('gives probabilities of n purchases that sum to 1 and average to the expected purchases', () => {
    const t = 39;
    // 1000 terms: the tail past n = 50 still holds 2.5e-5 (long horizons, a heavy-tailed rate).
    const probabilities = Array.from({ length: 1000 }, (_, n) => bgNbdProbabilityOfPurchases(bgNbd.params, t, n));
    for (const probability of probabilities) expect(probability).toBeGreaterThanOrEqual(0);
    expect(Math.abs(probabilities.reduce((sum, p) => sum + p, 0) - 1)).toBeLessThan(1e-13);
    const mean = Array.from({ length: 3001 }, (_, n) => n * bgNbdProbabilityOfPurchases(bgNbd.params, t, n)).reduce((s, v) => s + v, 0);
    expect(mean).toBeCloseTo(bgNbdExpectedPurchases(bgNbd.params, t), 6);
  });

  it('values a known customer positively, less with a higher discount rate', () => {
    const value = (discountRate: number) => customerLifetimeValue(bgNbd.params, gammaGamma.params, customer1, { period: 'week', discountRate });
    expect(value(0.01)).toBeGreaterThan(0);
    expect(value(0.05)).toBeLessThan(value(0.01));
    expect(value(0.01)).toBeLessThan(value(0));
    // Undiscounted, it is the expected purchases over 12 months times the expected spend.
    const purchases = bgNbdConditionalExpectedPurchases(bgNbd.params, 12 * 4.345, customer1);
    expect(value(0)).toBeCloseTo(purchases * gammaGammaExpectedAverageProfit(gammaGamma.params, customer1), 10);
    expect(customerLifetimeValue(bgNbd.params, gammaGamma.params, customer1, { period: 'week', months: 0 })).toBe(0);
    expect(() => customerLifetimeValue(bgNbd.params, gammaGamma.params, { ...customer1, T: NaN }, { period: 'week' })).toThrow(/Customer "1": T is NaN/);
  });

  it('shrinks the parameters with a penalizer', () => {
    const squares = (p: BgNbdParams) => p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2;
    const penalized = fitBgNbd(rows, { penalizer: 0.1 });
    expect(penalized.penalizer).toBe(0.1);
    expect(penalized.convergence.converged).toBe(true);
    expect(squares(penalized.params)).toBeLessThan(squares(bgNbd.params));
    for (const key of ['r', 'alpha', 'a', 'b'] as const) expect(penalized.params[key]).toBeLessThan(bgNbd.params[key]);
    expect(penalized.logLikelihood).toBeLessThan(bgNbd.logLikelihood);
    const gg = fitGammaGamma(rows, { penalizer: 0.01 });
    expect(gg.params.p ** 2 + gg.params.q ** 2 + gg.params.v ** 2).toBeLessThan(
      gammaGamma.params.p ** 2 + gammaGamma.params.q ** 2 + gammaGamma.params.v ** 2,
    );
  });

  it.each([0.01, 0.1, 0.5])('predicts finite purchases and values for everyone after a fit with penalizer %d', (penalizer) => {
    // The penalty pulls a + b below 1, where the Euler-transformed 2F1 of a customer without
    // repeat purchases is negative: every one of the 1,411 one-time buyers used to get NaN.
    const fit = fitBgNbd(rows, { penalizer });
    const { a, b } = fit.params;
    expect(a + b).toBeLessThan(1);
    expect(bgNbdExpectedPurchases(fit.params, 39)).toSatisfy(Number.isFinite);
    for (const row of rows) {
      const expected = bgNbdConditionalExpectedPurchases(fit.params, 39, row);
      expect(expected, `customer ${row.customerId}`).toSatisfy(Number.isFinite);
      expect(expected).toBeGreaterThanOrEqual(0);
      expect(customerLifetimeValue(fit.params, gammaGamma.params, row, { period: 'week' })).toSatisfy(Number.isFinite);
    }
  });

  it.each([1e4, 1e-3])('fits the same spend model with spends × %d (only v scales)', (factor) => {
    // Unscaled, spends × 1e4 sent p to 1e154 and the log-likelihood to +1e142.
    const scaled = fitGammaGamma(rows.map((row) => ({ ...row, monetaryValue: row.monetaryValue * factor })));
    const { p, q, v } = scaled.params;
    expect(Math.abs(p / gammaGamma.params.p - 1)).toBeLessThan(1e-5);
    expect(Math.abs(q / gammaGamma.params.q - 1)).toBeLessThan(1e-5);
    expect(Math.abs(v / factor / gammaGamma.params.v - 1)).toBeLessThan(1e-5);
    // The density of m × factor is the density of m over factor, for each of the 946 buyers.
    expect(scaled.logLikelihood).toBeCloseTo(gammaGamma.logLikelihood - 946 * Math.log(factor), 5);
    expect(scaled.convergence).toMatchObject({ converged: true, atBoundary: false, startsAgreeing: 3, starts: 3 });
  });
});

describe('CLV model inputs', () => {
  const good: ClvSummaryRow = { customerId: 'c1', frequency: 2, recency: 10, T: 20, monetaryValue: 30 };

  it.each([
    ['recency', NaN],
    ['T', Infinity],
    ['frequency', -1],
    ['monetaryValue', -5],
    ['frequency', 1.5],
  ] as const)('refuses %s = %d, naming the customer and the field', (field, value) => {
    const rows = [good, { ...good, customerId: 'c2', [field]: value }];
    for (const fit of [() => fitBgNbd(rows), () => fitGammaGamma(rows)]) {
      expect(fit).toThrow(ClvInputError);
      expect(fit).toThrow(`Customer "c2": ${field} is ${value}`);
    }
    let refused: unknown;
    try {
      validateSummaryRows(rows);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ClvInputError);
    expect(refused).toMatchObject({ customerId: 'c2', field, value });
  });

  it('refuses a recency after T, a recency without repeat purchases and a bad weight', () => {
    expect(() => validateSummaryRows([{ ...good, recency: 21 }])).toThrow(/recency is 21; it must not exceed/);
    expect(() => validateSummaryRows([{ ...good, frequency: 0, recency: 3 }])).toThrow(/recency is 3; it must be 0/);
    expect(() => validateSummaryRows([{ ...good, weight: 0 }])).toThrow(/weight is 0/);
  });

  it('refuses a repeat buyer without spend for the Gamma-Gamma only', () => {
    const rows = [good, { ...good, customerId: 'c9', monetaryValue: 0 }];
    expect(() => fitGammaGamma(rows)).toThrow(/Customer "c9": monetaryValue is 0/);
    expect(() => validateSummaryRows(rows)).not.toThrow();
  });

  it('samples rows evenly, deterministically, and keeps every row of a small base', () => {
    const many = Array.from({ length: 1000 }, (_, i) => i);
    const sample = spreadSample(many, 100);
    expect(sample).toHaveLength(100);
    expect(sample.slice(0, 3)).toEqual([0, 10, 20]);
    expect(spreadSample(many, 100)).toEqual(sample);
    expect(spreadSample(many, 300)).toHaveLength(250); // every fourth: never more than the limit
    expect(spreadSample(many, 1000)).toBe(many);
  });

  it('compresses identical rows into weights', () => {
    const rows = [good, { ...good, customerId: 'c2' }, { ...good, customerId: 'c3', weight: 3 }, { ...good, customerId: 'c4', T: 21 }];
    const compressed = compressSummaryRows(rows);
    expect(compressed).toEqual([
      { ...good, weight: 5 },
      { ...good, customerId: 'c4', T: 21, weight: 1 },
    ]);
  });
});

describe('BG/NBD numerics', () => {
  const params: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it('has a finite log-likelihood for extreme customers and parameters', () => {
    const extremes: ClvSummaryRow[] = [
      { customerId: 'never', frequency: 0, recency: 0, T: 1e6, monetaryValue: 0 },
      { customerId: 'newborn', frequency: 0, recency: 0, T: 0, monetaryValue: 0 },
      { customerId: 'daily', frequency: 5000, recency: 5000, T: 5000, monetaryValue: 1 },
      { customerId: 'lapsed', frequency: 3000, recency: 3000, T: 1e6, monetaryValue: 1 },
      { customerId: 'instant', frequency: 1, recency: 0, T: 1e-9, monetaryValue: 1 },
    ];
    const parameterSets: BgNbdParams[] = [
      params,
      { r: 1e-8, alpha: 1e8, a: 1e-8, b: 1e8 },
      { r: 1e4, alpha: 1e-6, a: 1e4, b: 1e-6 },
      { r: 1e-6, alpha: 1e-6, a: 1e-6, b: 1e-6 },
    ];
    for (const p of parameterSets) {
      for (const row of extremes) expect(bgNbdLogLikelihood(p, [row]), `${row.customerId} at ${JSON.stringify(p)}`).toSatisfy(Number.isFinite);
    }
  });

  it('predicts finite, sensible purchases for frequent buyers and long horizons', () => {
    const loyal = { frequency: 5000, recency: 5000, T: 5000 };
    const expected = bgNbdConditionalExpectedPurchases(params, 365, loyal);
    expect(expected).toSatisfy(Number.isFinite);
    expect(expected).toBeGreaterThan(300); // about one a period, as so far
    expect(bgNbdConditionalExpectedPurchases(params, 0, loyal)).toBe(0);
    expect(bgNbdExpectedPurchases(params, 1e6)).toSatisfy(Number.isFinite);
  });

  it.each([
    // Equation 7 and 10 evaluated by mpmath at 30 digits with these parameters.
    [39, null, 1.1967231933208168],
    [200, null, 3.1438555091115286],
    [10000, null, 15.067913315055178],
    [39, { frequency: 2, recency: 30.43, T: 38.86 }, 1.2260281747671444],
    [500, { frequency: 2, recency: 30.43, T: 38.86 }, 7.1684842069392679],
  ] as const)('expects the purchases mpmath does over t = %d (history %o)', (t, history, expected) => {
    const actual = history ? bgNbdConditionalExpectedPurchases(params, t, history) : bgNbdExpectedPurchases(params, t);
    expect(Math.abs(actual / expected - 1)).toBeLessThan(1e-11);
  });

  it.each([
    // mpmath at 60 digits; at a = 1 the limit (the mean of a = 1 ± 1e-40). Histories: none, T = 0;
    // customer 1; none, T = 30 over 3000 weeks (z = 0.989, where 2F1 - 1 used to lose digits).
    [1, 0, 0, 0, 39, 1.0842790105915188],
    [1, 2, 30.43, 38.86, 39, 1.1021367860399558],
    [1, 0, 0, 30, 3000, 3.3728218116087627],
    [1 - 1e-12, 0, 0, 30, 3000, 3.3728218116124284], // was 3.37333 (1.5e-4 off)
    [1 + 1e-13, 0, 0, 30, 3000, 3.3728218116083966], // was 3.37855 (1.7e-3 off)
    [1 + 1e-10, 0, 0, 30, 3000, 3.372821811242171], // was 1.8e-6 off
    [1 - 1e-9, 0, 0, 30, 100000, 9.196740243068888],
  ] as const)('expects the purchases mpmath does at a = %d, where the closed form is 0/0 (x = %d, tx = %d, T = %d, t = %d)', (a, x, recency, T, t, expected) => {
    const actual = bgNbdConditionalExpectedPurchases({ ...params, a }, t, { frequency: x, recency, T });
    expect(Math.abs(actual / expected - 1)).toBeLessThan(1e-9);
  });

  it.each([
    // mpmath at 60 digits from the paper's equation 10. All have a + b < 1 and no repeat
    // purchase, so the Euler-transformed 2F1 is negative (these were NaN); the second group has
    // a + b = 1 (exactly, or within rounding), where 2F1 has a pole that c = a + b - 1 cancels.
    [{ r: 0.3, alpha: 0.5, a: 0.3, b: 0.4 }, 0, 1, 0.4350305163398363],
    [{ r: 0.3, alpha: 0.5, a: 0.3, b: 0.4 }, 0, 39, 6.054899595705363],
    [{ r: 0.3, alpha: 0.5, a: 0.3, b: 0.4 }, 50, 365, 1.1486281482436524],
    [{ r: 0.3, alpha: 0.5, a: 0.3, b: 0.4 }, 50, 1e5, 57.04051687824718],
    [{ r: 0.21456901929813155, alpha: 3.3694784759744714, a: 0.30382391899262745, b: 0.6669059243107234 }, 38.86, 39, 0.17351609321765518],
    [{ r: 0.3, alpha: 2, a: 0.25, b: 0.75 }, 10, 39, 0.746382483601607],
    [{ r: 0.3, alpha: 2, a: 0.25, b: 0.75 }, 10, 3000, 22.166307018736877],
    [{ r: 0.3, alpha: 2, a: 0.5, b: 0.5 }, 10, 39, 0.575937658536019],
    [{ r: 0.3, alpha: 2, a: 0.5, b: 0.5 - 1e-9 }, 10, 39, 0.5759376582840106],
  ] as const)('expects finite purchases without repeat purchases when a + b ≤ 1 (%o, T = %d, t = %d)', (p, T, t, expected) => {
    const actual = bgNbdConditionalExpectedPurchases(p, t, { frequency: 0, recency: 0, T });
    expect(Math.abs(actual / expected - 1)).toBeLessThan(1e-9);
  });

  it('predicts for repeat buyers and new customers alike when a + b < 1', () => {
    const p = { r: 0.3, alpha: 0.5, a: 0.3, b: 0.4 };
    // mpmath at 60 digits. With a repeat purchase c = a + b + x - 1 > 0, so this path never
    // failed; the new-customer one (bgNbdExpectedPurchases) was NaN.
    const repeat = bgNbdConditionalExpectedPurchases(p, 39, { frequency: 3, recency: 20, T: 50 });
    expect(Math.abs(repeat / 0.6650130361174527 - 1)).toBeLessThan(1e-9);
    expect(Math.abs(bgNbdExpectedPurchases(p, 39) / 6.054899595705363 - 1)).toBeLessThan(1e-9);
  });

  it('predicts when a and b are huge (a drop-out chance that hardly varies), tending to the fixed drop-out limit', () => {
    // With a + b → ∞ at a / (a + b) = p the drop-out probability is p for everyone, and the
    // expectation has a closed form: (1/p)(1 - ((α+T)/(α+T+pt))^(r+x)) / (1 + [x>0] p/(1-p) ((α+T)/(α+tₓ))^(r+x)).
    // Fits on customers who rarely leave run there (a, b ~ 1e10); Euler's series used to overflow to -Infinity.
    const [r, alpha, share] = [0.5, 10, 0.2];
    const limit = (x: number, recency: number, T: number, t: number) => {
      const num = -Math.expm1(-(r + x) * Math.log1p((share * t) / (alpha + T))) / share;
      return x === 0 ? num : num / (1 + (share / (1 - share)) * Math.pow((alpha + T) / (alpha + recency), r + x));
    };
    const customers = [
      { frequency: 0, recency: 0, T: 60 },
      { frequency: 3, recency: 40, T: 60 },
      { frequency: 60, recency: 55, T: 60 },
    ];
    for (const total of [1e4, 1e6, 1e10, 1e14]) {
      for (const c of customers) {
        const got = bgNbdConditionalExpectedPurchases({ r, alpha, a: total * share, b: total * (1 - share) }, 30, c);
        expect(Number.isFinite(got)).toBe(true);
        // The gap to the limit shrinks like 1 / (a + b).
        expect(Math.abs(got / limit(c.frequency, c.recency, c.T, 30) - 1)).toBeLessThan(200 / total);
      }
    }
  });

  it('predicts when b is far above a and the horizon dwarfs the history (z near 1), where neither series can be summed', () => {
    // r 0.5, α 1, a 1e3, b 999,000, a customer of half a period, 365 periods ahead: z = 0.9986.
    // The integral over the drop-out probability takes over; it meets the closed form where
    // that still works (shorter horizons) and grows with the horizon.
    const p = { r: 0.5, alpha: 1, a: 1e3, b: 999_000 };
    const young = { frequency: 0, recency: 0, T: 0.5 };
    const far = bgNbdConditionalExpectedPurchases(p, 365, young);
    expect(Number.isFinite(far)).toBe(true);
    expect(far).toBeGreaterThan(bgNbdConditionalExpectedPurchases(p, 100, young));
    // Without drop-out it would be r t / (α + T) = 121.7; drop-outs (one in a thousand purchases,
    // but fast buyers make thousands) take some off: 103.2.
    expect(far).toBeLessThan((0.5 * 365) / 1.5);
    expect(far).toBeGreaterThan(0.8 * ((0.5 * 365) / 1.5));
    // A repeat buyer too (the closed form's other branch), in (0, the no-drop-out figure).
    const buyer = bgNbdConditionalExpectedPurchases({ ...p, a: 1e7, b: 1e10 }, 365, { frequency: 2, recency: 0.4, T: 0.5 });
    expect(buyer).toBeGreaterThan(0);
    expect(buyer).toBeLessThan((2.5 * 365) / 1.5);
  });

  it('integrates over the drop-out probability to the closed form where both work', () => {
    const p = { r: 0.5, alpha: 1, a: 1e3, b: 999_000 };
    for (const t of [5, 20, 60]) {
      const closed = bgNbdConditionalExpectedPurchases(p, t, { frequency: 0, recency: 0, T: 0.5 });
      const integral = bgNbdAliveExpectationByIntegration(p, t, { frequency: 0, recency: 0, T: 0.5 });
      expect(Math.abs(integral / closed - 1)).toBeLessThan(1e-9);
    }
  });

  it('says when the rows cannot determine the parameters, instead of claiming a converged fit', () => {
    // One-time buyers only: the likelihood keeps growing as the purchase rate goes to 0
    // (the old fit stopped at r = 1e-36, α = 1e18 and called that converged).
    const oneTime = Array.from({ length: 100 }, (_, i) => ({ customerId: String(i), frequency: 0, recency: 0, T: 10 + i, monetaryValue: 0 }));
    const none = fitBgNbd(oneTime);
    expect(none).toMatchObject({ identifiable: false, unidentifiable: 'no-repeat-purchases' });
    expect(none.convergence.converged).toBe(false);
    expect(none.convergence.atBoundary).toBe(true);
    for (const value of Object.values(none.params)) expect(value).toSatisfy(Number.isFinite);
    // Nothing observed: every T is 0, the likelihood is flat and the fit stays at its start.
    const newborn = Array.from({ length: 10 }, (_, i) => ({ customerId: String(i), frequency: 0, recency: 0, T: 0, monetaryValue: 0 }));
    const flat = fitBgNbd(newborn);
    expect(flat).toMatchObject({ identifiable: false, unidentifiable: 'no-observation-time' });
    expect(flat.convergence.converged).toBe(false);
    // One repeat buyer is enough to identify it.
    const some = fitBgNbd([...oneTime, { customerId: 'r', frequency: 2, recency: 40, T: 60, monetaryValue: 0 }]);
    expect(some).toMatchObject({ identifiable: true, unidentifiable: null });
  });

  it('gives a new customer the no-history prediction, growing with time', () => {
    expect(bgNbdExpectedPurchases(params, 39)).toBeCloseTo(bgNbdConditionalExpectedPurchases(params, 39, { frequency: 0, recency: 0, T: 0 }), 14);
    expect(bgNbdExpectedPurchases(params, 78)).toBeGreaterThan(bgNbdExpectedPurchases(params, 39));
  });
});
