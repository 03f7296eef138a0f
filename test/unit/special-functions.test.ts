import { describe, expect, it } from 'vitest';
import {
  AGREEING_DISTANCE,
  bfgs,
  fitConvergence,
  LOG_PARAMETER_WALL,
  invertPositiveDefinite,
  minimizeFromSampleStarts,
  minimizeFromStarts,
  nelderMead,
  numericalHessian,
  nelderMeadThenBfgs,
} from '../../src/analytics/clv/optimize.js';
import {
  hyp2f1,
  hyp2f1MinusOne,
  logGamma,
  logGammaRatio,
  regularizedIncompleteBeta,
} from '../../src/analytics/special-functions.js';

/** |actual / expected - 1| ≤ tolerance. */
function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('logGamma', () => {
  it.each([
    [0.5, 0.5 * Math.log(Math.PI)],
    [1, 0],
    [2, 0],
    [10, Math.log(362880)],
    [100, 359.13420536957539878],
    [1e-8, 18.420680738180208884],
    [-0.5, Math.log(2 * Math.sqrt(Math.PI))],
    [-1.5, Math.log((4 / 3) * Math.sqrt(Math.PI))],
    [-1.9999, 8.5172854843245021], // near a pole: the reflection keeps its digits
  ])('ln|Γ(%d)| is exact to ~1e-14', (x, expected) => {
    expect(Math.abs(logGamma(x) - expected)).toBeLessThan(1e-13 * Math.max(1, Math.abs(expected)));
  });

  it('is +Infinity at the poles', () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
  });
});

describe('logGammaRatio', () => {
  it.each([
    // ln Γ(x + d) - ln Γ(x) by mpmath (loggamma at up to 400 digits).
    [1e154, 3.7445886, 1327.8240190223382], // the Gamma-Gamma's p·x when its fit ran off: the difference of log-gammas gave 0
    [1e15, 0.5, 17.269388197455342],
    [1e8, 2.5, 46.051701878630915],
    [150, 2.5, 12.539033024396337],
    [100, 1e-10, 4.60016185273859e-10],
    [1e5, 1e6, 13150609.066100042],
    [0.3, 5, 2.5438380742486104],
    [120, -30, -139.37206628861708],
    [99.5, 1, 4.600157644164547],
  ])('ln Γ(x + d) - ln Γ(x) at x = %d, d = %d matches mpmath, also where a difference of log-gammas cancels', (x, d, expected) => {
    expectRelative(logGammaRatio(x, d), expected, 2e-15);
  });

  it('is 0 for d = 0 and continuous where it switches to Stirling', () => {
    expect(logGammaRatio(7, 0)).toBe(0);
    expectRelative(logGammaRatio(100 - 1e-12, 3), logGammaRatio(100, 3), 1e-13);
  });
});

describe('hyp2f1', () => {
  const log1pOverZ = (z: number) => -Math.log1p(-z) / z;

  it.each([0.5, 0.9, 0.95, 0.999, 0.999999, -0.5, -3, -1000])('2F1(1, 1; 2; %d) = -ln(1 - z) / z (c - a - b = 0, an integer case)', (z) => {
    expectRelative(hyp2f1(1, 1, 2, z), log1pOverZ(z), 1e-11);
  });

  it.each([0.5, 0.95, 0.999999])('2F1(1/2, 1/2; 3/2; z) = asin(√z) / √z', (z) => {
    expectRelative(hyp2f1(0.5, 0.5, 1.5, z), Math.asin(Math.sqrt(z)) / Math.sqrt(z), 1e-12);
  });

  it.each([-0.5, -4, -100])('2F1(1/2, 1; 3/2; -x²) = atan(x) / x at -x² = %d', (z) => {
    const x = Math.sqrt(-z);
    expectRelative(hyp2f1(0.5, 1, 1.5, z), Math.atan(x) / x, 1e-12);
  });

  it.each([
    [2, 0.95],
    [2, 0.99999],
    [2.5, 0.99999],
    [0.3, 0.9999],
  ])('2F1(a, b; b; z) = (1 - z)^-a (a = %d, z = %d)', (a, z) => {
    expectRelative(hyp2f1(a, 1.3, 1.3, z), Math.pow(1 - z, -a), 1e-10);
  });

  it.each([
    // Reference values from mpmath at 30 digits.
    [0.5, 1.5, 2.5, 0.99, 2.087935852082992],
    [2.3, 4.1, 1.7, 0.97, 25057197.544727767],
    [0.2426, 2.4258, 2.2186, 0.5, 1.2067518066021021],
    [1.5, -0.7, 0.3, -5, 11.49811109268632],
    [3, 3, 6.0000001, 0.999, 118.65393790349787],
    [3, 3, 6.00003, 0.999, 118.64412166165444],
    [-2.5, 1.2, -1.3, 0.6, 4.2359388841286135],
    [0.7, 1.9, 2.6, 0.9999, 10.215746629449883],
    [12.5, 0.4, 14.1, 0.93, 2.1026426078483159],
  ])('2F1(%d, %d; %d; %d) matches mpmath', (a, b, c, z, expected) => {
    expectRelative(hyp2f1(a, b, c, z), expected, 1e-10);
  });

  it('is a polynomial when a is a non-positive integer, at any z < 1', () => {
    const z = 0.5;
    expect(hyp2f1(-3, 2, 1, z)).toBeCloseTo(1 - 6 * z + 9 * z * z - 4 * z ** 3, 14);
    expect(hyp2f1(-3, 2, 1, 0.99999)).toBeCloseTo(1 - 6 * 0.99999 + 9 * 0.99999 ** 2 - 4 * 0.99999 ** 3, 12);
  });

  it("is Gauss's sum at z = 1 and infinite when that diverges", () => {
    // Γ(c)Γ(c-a-b) / (Γ(c-a)Γ(c-b)) with a = b = 1/2, c = 2: Γ(2)Γ(1)/Γ(3/2)² = 4/π.
    expectRelative(hyp2f1(0.5, 0.5, 2, 1), 4 / Math.PI, 1e-13);
    expect(hyp2f1(1, 1, 2, 1)).toBe(Infinity);
  });

  it('is continuous across the switch from its series to the 1 - z formula', () => {
    for (const [a, b, c] of [[0.2426, 1.219, 2.2186], [1, 1, 2.00005], [0.6, 2.1, 1.3]] as const) {
      expectRelative(hyp2f1(a, b, c, 0.9 + 1e-12), hyp2f1(a, b, c, 0.9), 1e-10);
    }
  });

  it('refuses z > 1 and a pole in c', () => {
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/pole/);
  });

  it('keeps its digits near z = 0 through hyp2f1MinusOne', () => {
    // 2F1(1, 1; 2; z) - 1 = z/2 + z²/3 + ...
    expectRelative(hyp2f1MinusOne(1, 1, 2, 1e-10), 5e-11 + 1e-20 / 3, 1e-14);
    expectRelative(hyp2f1MinusOne(1, 1, 2, 0.95), log1pOverZ(0.95) - 1, 1e-13);
  });

  it('keeps its digits past z = 0.9 when b is near 0 (the BG/NBD near a = 1)', () => {
    // mpmath at 50 digits. Subtracting 1 from hyp2f1 lost 7 digits of the first (5e-8 relative).
    expectRelative(hyp2f1MinusOne(2.183, 1e-9, 2.426, 0.9887), 3.0906818699161555e-9, 1e-13);
    expectRelative(hyp2f1MinusOne(-0.243, 1e-6, 0.426001, 0.97), -9.32195210826346e-7, 1e-12);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('matches closed forms', () => {
    expect(regularizedIncompleteBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 12);
    expect(regularizedIncompleteBeta(0.37, 1, 1)).toBeCloseTo(0.37, 14);
    expect(regularizedIncompleteBeta(0.8, 2.5, 1)).toBeCloseTo(0.8 ** 2.5, 13);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});

describe('optimisers', () => {
  const rosenbrock = ([x, y]: readonly number[]) => (1 - x!) ** 2 + 100 * (y! - x! * x!) ** 2;

  it('Nelder–Mead finds the Rosenbrock minimum and says it converged', () => {
    const result = nelderMead(rosenbrock, [-1.2, 1], { initialStep: 0.5 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
    expect(result.simplexSize).toBeLessThan(1e-6);
  });

  it('BFGS with numerical gradients finds it to a small gradient', () => {
    const result = bfgs(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.gradientNorm).toBeLessThan(1e-7);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
  });

  it('BFGS uses the objective’s own gradient: the same optimum for far fewer evaluations; central differences where it is not finite', () => {
    const gradient = ([x, y]: readonly number[]) => [-2 * (1 - x!) - 400 * x! * (y! - x! * x!), 200 * (y! - x! * x!)];
    const calls = { value: 0, gradient: 0 };
    const counted = Object.assign((p: readonly number[]) => (calls.value++, rosenbrock(p)), { gradient: (p: readonly number[]) => (calls.gradient++, gradient(p)) });
    const exact = bfgs(counted, [-1.2, 1]);
    const numerical = bfgs(rosenbrock, [-1.2, 1]);
    expect(exact.converged).toBe(true);
    expect(exact.x[0]).toBeCloseTo(1, 6);
    expect(exact.x[1]).toBeCloseTo(1, 6);
    expect(calls.gradient).toBeGreaterThan(0);
    // Each gradient is one evaluation instead of four.
    expect(exact.evaluations).toBe(calls.value + calls.gradient);
    expect(exact.evaluations).toBeLessThan(numerical.evaluations / 2);
    // A gradient that is not a number anywhere: BFGS falls back on differences, and still gets there.
    const broken = Object.assign((p: readonly number[]) => rosenbrock(p), { gradient: () => [NaN, 0] });
    const fallen = bfgs(broken, [-1.2, 1]);
    expect(fallen.converged).toBe(true);
    expect(fallen.x[0]).toBeCloseTo(1, 6);
    expect(fallen.evaluations).toBe(numerical.evaluations + fallen.iterations + 1);
  });

  it('multi-start keeps the best optimum and counts the starts that agree', () => {
    // Two wells, the deeper at x = 2.
    const wells = ([x]: readonly number[]) => Math.min((x! + 2) ** 2 + 1, (x! - 2) ** 2);
    const result = minimizeFromStarts(wells, [[-3], [3], [1.5]], nelderMeadThenBfgs());
    expect(result.x[0]).toBeCloseTo(2, 6);
    expect(result.value).toBeCloseTo(0, 10);
    expect(result.starts).toBe(3);
    expect(result.startsAgreeing).toBe(2);
  });

  it("measures a quadratic's Hessian and inverts it; refuses a matrix that is not positive definite", () => {
    // f = x² + 3y² + xy: Hessian [[2, 1], [1, 6]], inverse [[6, -1], [-1, 2]] / 11.
    const f = ([x, y]: readonly number[]) => x! * x! + 3 * y! * y! + x! * y!;
    const h = numericalHessian(f, [0.7, -1.3])!;
    [[2, 1], [1, 6]].forEach((row, i) => row.forEach((v, j) => expect(h[i]![j]).toBeCloseTo(v, 5)));
    const inverse = invertPositiveDefinite(h)!;
    [[6, -1], [-1, 2]].forEach((row, i) => row.forEach((v, j) => expect(inverse[i]![j]).toBeCloseTo(v / 11, 5)));
    expect(invertPositiveDefinite([[1, 2], [2, 1]])).toBeNull();
    expect(numericalHessian(([x]: readonly number[]) => (x! > 0 ? Infinity : x! * x!), [0])).toBeNull();
  });

  it("finds the whole objective's optimum from a sample's, in a few steps from the sample's curvature", () => {
    // Mean squared distance to many points: its minimum is their mean; a sample's is near it.
    const points = Array.from({ length: 2000 }, (_, i) => [Math.sin(i) * 3 + 1, Math.cos(i * 1.7) * 2 - 4] as const);
    const meanSquared = (of: readonly (readonly [number, number])[]) => ([x, y]: readonly number[]) =>
      of.reduce((sum, [px, py]) => sum + (x! - px) ** 2 + 2 * (y! - py) ** 2 + 0.5 * (x! - px) * (y! - py), 0) / of.length;
    const all = meanSquared(points);
    const sample = meanSquared(points.filter((_, i) => i % 40 === 0));
    const full = minimizeFromStarts(all, [[0, 0], [5, 5]], nelderMeadThenBfgs());
    const sampled = minimizeFromSampleStarts(all, sample, [[0, 0], [5, 5]], nelderMeadThenBfgs());
    sampled.x.forEach((v, i) => expect(v).toBeCloseTo(full.x[i]!, 6));
    expect(sampled.converged).toBe(true);
    expect(sampled.starts).toBe(2);
    expect(sampled.startsAgreeing).toBe(2);
    // Polished from the sample's curvature, BFGS needs a step or two, not a search from scratch.
    const fromIdentity = bfgs(all, minimizeFromStarts(sample, [[0, 0]], nelderMeadThenBfgs()).x);
    const polishIterations = sampled.iterations - minimizeFromStarts(sample, [[0, 0], [5, 5]], nelderMeadThenBfgs()).iterations;
    expect(polishIterations).toBeLessThanOrEqual(3);
    expect(polishIterations).toBeLessThanOrEqual(fromIdentity.iterations);
  });

  it("searches the whole objective itself when the sample's optimum ran off to the boundary or its starts disagree", () => {
    // The whole has its minimum at x = 1; the sample's likelihood is flat towards -∞ (it runs off to the wall).
    const whole = ([x]: readonly number[]) => (x! - 1) ** 2;
    const runOff = ([x]: readonly number[]) => (Math.abs(x!) > LOG_PARAMETER_WALL ? Infinity : Math.exp(x!));
    const fromRunOff = minimizeFromSampleStarts(whole, runOff, [[0], [2]], nelderMeadThenBfgs());
    expect(fromRunOff.x[0]).toBeCloseTo(1, 6);
    expect(fromRunOff.method).toBe('nelder-mead+bfgs');
    // Two wells in the sample, found by different starts: the sample cannot say which basin is the whole's.
    const wells = ([x]: readonly number[]) => Math.min((x! + 2) ** 2, (x! - 2) ** 2 + 0.5);
    const wholeWell = ([x]: readonly number[]) => Math.min((x! + 2) ** 2 + 1, (x! - 2) ** 2);
    const fromWells = minimizeFromSampleStarts(wholeWell, wells, [[-3], [3]], nelderMeadThenBfgs());
    expect(fromWells.x[0]).toBeCloseTo(2, 6);
    expect(fromWells.startsAgreeing).toBe(1);
  });

  it('counts a start as agreeing only when it stops at the same point, not just the same value', () => {
    // A flat valley: every point with x = y is a minimum of value 0, so each start stops on it
    // somewhere else. Counting by value alone said all three agreed.
    const valley = ([x, y]: readonly number[]) => (x! - y!) ** 2;
    const result = minimizeFromStarts(valley, [[0, 1], [3, 0], [-2, -2.5]], nelderMeadThenBfgs());
    expect(result.value).toBeCloseTo(0, 12);
    expect(result.startsAgreeing).toBe(1);
    // Nearby stops still agree: the tolerance is AGREEING_DISTANCE in every coordinate.
    const bowl = ([x, y]: readonly number[]) => (x! - 1) ** 2 + (y! + 2) ** 2;
    expect(minimizeFromStarts(bowl, [[0, 0], [3, 1], [-2, -5]], nelderMeadThenBfgs()).startsAgreeing).toBe(3);
    expect(AGREEING_DISTANCE).toBeLessThanOrEqual(1e-3);
  });

  it('flags an optimum that ran off to the boundary and does not call it converged', () => {
    // e^x decreases towards x = -∞: the minimiser walks until the gradient vanishes (about
    // x = -16, gradient e^x < 1e-7), which it used to report as converged.
    const runOff = ([x]: readonly number[]) => (Math.abs(x!) > LOG_PARAMETER_WALL ? Infinity : Math.exp(x!));
    const fit = fitConvergence(minimizeFromStarts(runOff, [[0], [1]], nelderMeadThenBfgs()));
    expect(fit.atBoundary).toBe(true);
    expect(fit.converged).toBe(false);
    const inside = fitConvergence(minimizeFromStarts(([x]) => (x! - 2) ** 2, [[0], [1]], nelderMeadThenBfgs()));
    expect(inside).toMatchObject({ atBoundary: false, converged: true });
  });

  it('calls BFGS converged when rounding, not the method, stops it near a small gradient', () => {
    // A bowl of curvature 200 with 1e-12 of deterministic noise: from (1, 1) no step can show a
    // decrease once the gradient is about 1e-7, just above the gradient tolerance.
    const noise = (t: number) => {
      const s = Math.sin(t * 1e7) * 1e4;
      return (s - Math.floor(s)) * 1e-12;
    };
    const bowl = ([x, y]: readonly number[]) => 100 * ((x! - 0.3) ** 2 + 3 * (y! + 0.7) ** 2) + noise(x! + 2 * y!);
    const strict = bfgs(bowl, [1, 1], { stallTolerance: 0 });
    expect(strict.gradientNorm).toBeGreaterThan(1e-7);
    expect(strict.converged).toBe(false);
    const result = bfgs(bowl, [1, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(0.3, 8);
    expect(result.x[1]).toBeCloseTo(-0.7, 8);
  });

  it('backs away from regions where the objective is not finite', () => {
    const logBarrier = ([x]: readonly number[]) => (x! > 0 ? x! - Math.log(x!) : NaN);
    const result = nelderMeadThenBfgs()(logBarrier, [3]);
    expect(result.x[0]).toBeCloseTo(1, 6);
  });
});
