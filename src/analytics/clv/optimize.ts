/**
 * Unconstrained minimisation for the maximum-likelihood fits of the CLV models: Nelder–Mead
 * (robust far from the optimum, needs no gradient) and BFGS with the objective's own gradient
 * or central differences (fast and precise near it), chained and restarted from several
 * points. Pure, no DOM or Node API: the fits run in a Web Worker and in Node.
 *
 * Why not a package: the npm candidates (`fmin` 0.0.4, `numeric` 1.2.6) are unmaintained,
 * untyped CommonJS. The models reach the optimiser only through the `Minimizer` type, so a
 * package could replace this file without touching them.
 */

/**
 * A function of a parameter vector to minimise; may return Infinity or NaN where undefined.
 * It may carry its exact `gradient`, which BFGS then uses instead of central differences (one
 * pass over the data instead of two per parameter); where that gradient is not finite, BFGS
 * falls back to the differences.
 */
export type Objective = ((x: readonly number[]) => number) & { readonly gradient?: (x: readonly number[]) => number[] };

/** What a minimiser found and how it stopped. */
export interface MinimizeResult {
  /** The best point found. */
  readonly x: number[];
  /** The objective there. */
  readonly value: number;
  readonly iterations: number;
  /** Calls of the objective, gradient estimates included. */
  readonly evaluations: number;
  /** Whether the method's own stopping test was met (not just the iteration limit). */
  readonly converged: boolean;
  /** Euclidean norm of the gradient at x (the objective's own, or central differences). */
  readonly gradientNorm: number;
  /** For Nelder–Mead: the largest coordinate difference (max norm) between the best vertex and another one. */
  readonly simplexSize?: number;
  readonly method: string;
}

/** A minimiser: any method (this file's or a package's) that the fits can be handed. */
export type Minimizer = (objective: Objective, start: readonly number[]) => MinimizeResult;

export interface NelderMeadOptions {
  /** Default 1000 × the dimension. */
  readonly maxIterations?: number;
  /** Initial step along each axis from the start (default 0.25: the fits work in logs). */
  readonly initialStep?: number;
  /** Stop when every vertex is this close to the best one... (default 1e-8) */
  readonly xTolerance?: number;
  /** ...and their values differ by at most this much (default 1e-12). */
  readonly fTolerance?: number;
}

/**
 * Nelder–Mead simplex search with the standard coefficients (reflection 1, expansion 2,
 * contraction 1/2, shrink 1/2) and scipy's stopping rule (simplex size and value spread both
 * below tolerance). Non-finite values count as +Infinity, so the simplex backs away from them.
 */
export function nelderMead(objective: Objective, start: readonly number[], options: NelderMeadOptions = {}): MinimizeResult {
  const n = start.length;
  const { maxIterations = 1000 * n, initialStep = 0.25, xTolerance = 1e-8, fTolerance = 1e-12 } = options;
  let evaluations = 0;
  const f = (x: readonly number[]): number => {
    evaluations++;
    const value = objective(x);
    return Number.isFinite(value) ? value : Infinity;
  };
  let simplex: { x: number[]; value: number }[] = [{ x: [...start], value: f(start) }];
  for (let i = 0; i < n; i++) {
    const x = [...start];
    x[i]! += initialStep;
    simplex.push({ x, value: f(x) });
  }
  const spread = () => {
    const best = simplex[0]!;
    let size = 0;
    let values = 0;
    for (const v of simplex.slice(1)) {
      values = Math.max(values, Math.abs(v.value - best.value));
      for (let i = 0; i < n; i++) size = Math.max(size, Math.abs(v.x[i]! - best.x[i]!));
    }
    return { size, values };
  };
  const along = (from: readonly number[], to: readonly number[], t: number) => from.map((v, i) => v + t * (to[i]! - v));

  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((p, q) => p.value - q.value);
    const { size, values } = spread();
    if (size <= xTolerance && values <= fTolerance) {
      converged = true;
      break;
    }
    const worst = simplex[n]!;
    const centroid = new Array<number>(n).fill(0);
    for (const v of simplex.slice(0, n)) for (let i = 0; i < n; i++) centroid[i]! += v.x[i]! / n;

    const reflected = along(centroid, worst.x, -1);
    const fr = f(reflected);
    if (fr < simplex[0]!.value) {
      const expanded = along(centroid, worst.x, -2);
      const fe = f(expanded);
      simplex[n] = fe < fr ? { x: expanded, value: fe } : { x: reflected, value: fr };
      continue;
    }
    if (fr < simplex[n - 1]!.value) {
      simplex[n] = { x: reflected, value: fr };
      continue;
    }
    // Contract: outside when the reflection beat the worst point, inside otherwise.
    const outside = fr < worst.value;
    const contracted = along(centroid, worst.x, outside ? -0.5 : 0.5);
    const fc = f(contracted);
    if (fc < (outside ? fr : worst.value)) {
      simplex[n] = { x: contracted, value: fc };
      continue;
    }
    const best = simplex[0]!;
    simplex = [best, ...simplex.slice(1).map((v) => {
      const x = along(best.x, v.x, 0.5);
      return { x, value: f(x) };
    })];
  }
  simplex.sort((p, q) => p.value - q.value);
  const best = simplex[0]!;
  const gradient = numericalGradient(objective, best.x, best.value);
  return {
    x: best.x,
    value: best.value,
    iterations,
    evaluations: evaluations + 2 * n,
    converged,
    gradientNorm: norm(gradient),
    simplexSize: spread().size,
    method: 'nelder-mead',
  };
}

export interface BfgsOptions {
  /** Default 500. */
  readonly maxIterations?: number;
  /** Converged when the gradient's Euclidean norm is at most this (default 1e-7). */
  readonly gradientTolerance?: number;
  /**
   * Also converged when no step can decrease the objective any more in double precision (even
   * steepest descent fails) and the gradient norm is at most this (default 1e-5). Near a
   * minimum of curvature H a decrease below the objective's rounding δ goes unseen once the
   * gradient is below about √(2Hδ): on a likelihood of a thousand terms with H ≈ 100 that is a
   * few 1e-7, so gradientTolerance alone would call such an optimum a failure by the luck of
   * the rounding.
   */
  readonly stallTolerance?: number;
  /** The longest step along any coordinate in one line search (default 2: the fits work in logs). */
  readonly maxStep?: number;
  /**
   * A first estimate of the inverse Hessian (symmetric, positive definite), e.g. the curvature of
   * a sample's objective at its optimum: near the optimum BFGS then takes Newton-like steps from
   * the first iteration. Default the identity, scaled after the first step.
   */
  readonly inverseHessian?: readonly (readonly number[])[];
}

/**
 * BFGS quasi-Newton minimisation with central-difference gradients and a backtracking
 * (Armijo) line search. The inverse-Hessian estimate is reset to a scaled identity when it
 * stops giving descent directions; a step that cannot decrease the objective any more (the
 * limit of double precision) ends the search, converged if the gradient is then below
 * `stallTolerance`.
 */
export function bfgs(objective: Objective, start: readonly number[], options: BfgsOptions = {}): MinimizeResult {
  const n = start.length;
  const { maxIterations = 500, gradientTolerance = 1e-7, maxStep = 2, stallTolerance = 1e-5 } = options;
  let evaluations = 0;
  const f = (x: readonly number[]): number => {
    evaluations++;
    const value = objective(x);
    return Number.isFinite(value) ? value : Infinity;
  };
  const gradientAt = (x: readonly number[], value: number) => {
    const exact = objective.gradient?.(x);
    evaluations += exact ? 1 : 0;
    if (exact && exact.every(Number.isFinite)) return exact;
    evaluations += 2 * n;
    return numericalGradient(objective, x, value);
  };

  let x = [...start];
  let value = f(x);
  if (value === Infinity) {
    return { x, value, iterations: 0, evaluations, converged: false, gradientNorm: NaN, method: 'bfgs' };
  }
  let gradient = gradientAt(x, value);
  let inverseHessian: number[][] = options.inverseHessian ? options.inverseHessian.map((row) => [...row]) : identity(n);
  let fresh = !options.inverseHessian; // the inverse Hessian is the identity, not yet scaled by a step
  let iterations = 0;
  let converged = false;
  let stalled = false;
  for (; iterations < maxIterations; iterations++) {
    if (norm(gradient) <= gradientTolerance) {
      converged = true;
      break;
    }
    let direction = multiply(inverseHessian, gradient).map((v) => -v);
    if (dot(direction, gradient) >= 0) {
      inverseHessian = identity(n);
      fresh = true;
      direction = gradient.map((v) => -v);
    }
    const longest = Math.max(...direction.map(Math.abs));
    let step = longest > maxStep ? maxStep / longest : 1;
    const slope = dot(direction, gradient);
    let next: number[] | undefined;
    let nextValue = value;
    for (let tries = 0; tries < 60; tries++, step /= 2) {
      const candidate = x.map((v, i) => v + step * direction[i]!);
      const candidateValue = f(candidate);
      if (candidateValue <= value + 1e-4 * step * slope) {
        next = candidate;
        nextValue = candidateValue;
        break;
      }
    }
    if (!next || nextValue >= value) {
      if (fresh) {
        stalled = true; // even steepest descent cannot decrease it: as far as doubles go
        break;
      }
      inverseHessian = identity(n);
      fresh = true;
      continue;
    }
    const nextGradient = gradientAt(next, nextValue);
    const s = next.map((v, i) => v - x[i]!);
    const y = nextGradient.map((v, i) => v - gradient[i]!);
    const sy = dot(s, y);
    if (sy > 1e-12 * norm(s) * norm(y)) {
      if (fresh) inverseHessian = identity(n).map((row) => row.map((v) => (v * sy) / dot(y, y)));
      inverseHessian = bfgsUpdate(inverseHessian, s, y, sy);
      fresh = false;
    }
    x = next;
    value = nextValue;
    gradient = nextGradient;
  }
  const gradientNorm = norm(gradient);
  converged ||= gradientNorm <= gradientTolerance || (stalled && gradientNorm <= stallTolerance);
  return { x, value, iterations, evaluations, converged, gradientNorm, method: 'bfgs' };
}

/**
 * The fits' default: Nelder–Mead to get near the optimum from a rough start, then BFGS to
 * polish it and to measure the gradient there. Converged when BFGS is.
 */
export function nelderMeadThenBfgs(nelderMeadOptions: NelderMeadOptions = {}, bfgsOptions: BfgsOptions = {}): Minimizer {
  return (objective, start) => {
    const rough = nelderMead(objective, start, { xTolerance: 1e-6, fTolerance: 1e-10, ...nelderMeadOptions });
    const polished = bfgs(objective, rough.x, bfgsOptions);
    const best = polished.value <= rough.value ? polished : { ...rough, converged: polished.converged };
    return {
      ...best,
      iterations: rough.iterations + polished.iterations,
      evaluations: rough.evaluations + polished.evaluations,
      converged: polished.converged,
      method: 'nelder-mead+bfgs',
    };
  };
}

/** The best of several starts, with how many of them reached (nearly) the same optimum. */
export interface MultiStartResult extends MinimizeResult {
  readonly starts: number;
  /**
   * Starts whose optimum is within 1e-8 (relative) of the best value and within
   * AGREEING_DISTANCE of the best point in every coordinate: agreement is evidence of a global
   * optimum. The value alone is not enough: on a flat likelihood every start "reaches" the best
   * value wherever it stops.
   */
  readonly startsAgreeing: number;
}

/** How far (max norm, in the fits' log-parameters) a start's optimum may be from the best and still agree with it. */
export const AGREEING_DISTANCE = 1e-3;

/**
 * Runs the minimiser from each start and keeps the lowest value; iterations and evaluations
 * are totals over the starts. A likelihood can have flat ridges or local optima, so a single
 * start is not trusted.
 */
export function minimizeFromStarts(objective: Objective, starts: readonly (readonly number[])[], minimizer: Minimizer): MultiStartResult {
  if (starts.length === 0) throw new RangeError('minimizeFromStarts needs at least one start');
  const results = starts.map((start) => minimizer(objective, start));
  const finite = results.filter((r) => Number.isFinite(r.value));
  const best = (finite.length > 0 ? finite : results).reduce((p, q) => (q.value < p.value ? q : p));
  const close = (r: MinimizeResult) =>
    Math.abs(r.value - best.value) <= 1e-8 * Math.max(1, Math.abs(best.value)) &&
    r.x.every((v, i) => Math.abs(v - best.x[i]!) <= AGREEING_DISTANCE);
  return {
    ...best,
    iterations: results.reduce((sum, r) => sum + r.iterations, 0),
    evaluations: results.reduce((sum, r) => sum + r.evaluations, 0),
    starts: starts.length,
    startsAgreeing: results.filter(close).length,
  };
}

/**
 * Runs the multi-start search (minimizeFromStarts) on `sampleObjective`, a cheap stand-in for
 * `objective` (the same mean negative log-likelihood over a sample of the rows), then polishes
 * the best point with BFGS on `objective` itself, starting from the sample's curvature there
 * (numericalHessian). The result is the optimum of `objective`, as a multi-start on it would
 * find, for a few dozen evaluations of it instead of thousands: on a large base nearly all the
 * work moves to the sample. `starts` and `startsAgreeing` describe the sample's search;
 * iterations and evaluations add both stages (a sample's evaluation counted as one). The final
 * stage is always BFGS, whatever `minimizer` the starts use.
 *
 * When the sample cannot be trusted to lead to the whole's optimum — its starts disagree, its
 * optimum has a log-parameter beyond BOUNDARY_LOG_PARAMETER (a flat likelihood, where the
 * polish would stop on the spot), no start found a finite value, or the polish does not
 * converge inside the boundary — the starts are searched on `objective` itself, as
 * minimizeFromStarts does (the sample's work is then lost, the result that of a full search).
 */
export function minimizeFromSampleStarts(
  objective: Objective,
  sampleObjective: Objective,
  starts: readonly (readonly number[])[],
  minimizer: Minimizer,
  polishOptions: BfgsOptions = {},
): MultiStartResult {
  const rough = minimizeFromStarts(sampleObjective, starts, minimizer);
  const doubtful = (r: MinimizeResult) => !Number.isFinite(r.value) || atBoundary(r.x);
  // A sample whose starts disagree, or whose optimum ran off to the boundary, says little about
  // the whole: on a flat ridge the polish would stop where the sample did. Search every start on the whole then.
  if (doubtful(rough) || rough.startsAgreeing < rough.starts) return minimizeFromStarts(objective, starts, minimizer);
  const curvature = numericalHessian(sampleObjective, rough.x);
  const inverseHessian = curvature && invertPositiveDefinite(curvature);
  const polished = bfgs(objective, rough.x, { ...polishOptions, ...(inverseHessian ? { inverseHessian } : {}) });
  if (!polished.converged || doubtful(polished)) return minimizeFromStarts(objective, starts, minimizer);
  return {
    ...polished,
    iterations: rough.iterations + polished.iterations,
    evaluations: rough.evaluations + polished.evaluations + (curvature ? 2 * rough.x.length * rough.x.length + 1 : 0),
    method: `${rough.method} on a sample, then bfgs`,
    starts: rough.starts,
    startsAgreeing: rough.startsAgreeing,
  };
}

/**
 * Central-difference Hessian of the objective at x (step ∜ε · max(1, |xᵢ|), which balances
 * truncation against rounding for second differences); null where any value around x is not
 * finite.
 */
export function numericalHessian(objective: Objective, x: readonly number[]): number[][] | null {
  const n = x.length;
  const h = x.map((xi) => 1e-4 * Math.max(1, Math.abs(xi)));
  const at = (steps: readonly (readonly [number, number])[]) => objective(x.map((v, j) => steps.reduce((w, [i, k]) => (i === j ? w + k * h[i]! : w), v)));
  const center = objective(x);
  const hessian = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    hessian[i]![i] = (at([[i, 1]]) - 2 * center + at([[i, -1]])) / (h[i]! * h[i]!);
    for (let j = 0; j < i; j++) {
      const value = (at([[i, 1], [j, 1]]) - at([[i, 1], [j, -1]]) - at([[i, -1], [j, 1]]) + at([[i, -1], [j, -1]])) / (4 * h[i]! * h[j]!);
      hessian[i]![j] = value;
      hessian[j]![i] = value;
    }
  }
  return hessian.every((row) => row.every(Number.isFinite)) ? hessian : null;
}

/** The inverse of a symmetric matrix through its Cholesky factor; null unless positive definite. */
export function invertPositiveDefinite(m: readonly (readonly number[])[]): number[][] | null {
  const n = m.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = m[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i]![i] = Math.sqrt(sum);
      } else l[i]![j] = sum / l[j]![j]!;
    }
  }
  // L⁻¹ by forward substitution, then M⁻¹ = L⁻ᵀ L⁻¹.
  const inv = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    for (let i = c; i < n; i++) {
      let sum = i === c ? 1 : 0;
      for (let k = c; k < i; k++) sum -= l[i]![k]! * inv[k]![c]!;
      inv[i]![c] = sum / l[i]![i]!;
    }
  }
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let sum = 0;
      for (let k = Math.max(i, j); k < n; k++) sum += inv[k]![i]! * inv[k]![j]!;
      return sum;
    }),
  );
}

/**
 * Central-difference gradient, step ∛ε · max(1, |xᵢ|) (balances truncation against rounding);
 * one-sided where the objective is not finite on one side.
 */
export function numericalGradient(objective: Objective, x: readonly number[], value = objective(x)): number[] {
  return x.map((xi, i) => {
    const h = 6e-6 * Math.max(1, Math.abs(xi));
    const at = (t: number) => objective(x.map((v, j) => (j === i ? t : v)));
    const up = at(xi + h);
    const down = at(xi - h);
    if (Number.isFinite(up) && Number.isFinite(down)) return (up - down) / (2 * h);
    if (Number.isFinite(up)) return (up - value) / h;
    if (Number.isFinite(down)) return (value - down) / h;
    return NaN;
  });
}

const dot = (u: readonly number[], v: readonly number[]) => u.reduce((sum, ui, i) => sum + ui * v[i]!, 0);
const norm = (v: readonly number[]) => Math.sqrt(dot(v, v));
const identity = (n: number): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
const multiply = (m: readonly (readonly number[])[], v: readonly number[]) => m.map((row) => dot(row, v));

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / (yᵀs). */
function bfgsUpdate(h: readonly (readonly number[])[], s: readonly number[], y: readonly number[], sy: number): number[][] {
  const rho = 1 / sy;
  const hy = multiply(h, y);
  const yhy = dot(y, hy);
  return h.map((row, i) =>
    row.map((hij, j) => hij - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!),
  );
}

/**
 * |log-parameter| beyond which a fit's parameter counts as run off to 0 or infinity (e^15 is
 * about 3e6): the likelihood is flat that way, so the data do not pin the parameter down.
 */
export const BOUNDARY_LOG_PARAMETER = 15;

/** Some log-parameter is beyond BOUNDARY_LOG_PARAMETER (or not a number): the optimum ran off towards 0 or infinity. */
const atBoundary = (x: readonly number[]): boolean => x.some((v) => !(Math.abs(v) <= BOUNDARY_LOG_PARAMETER));

/**
 * |log-parameter| beyond which the fits' objectives are +Infinity (e^25 is about 7e10): a wall
 * that stops a run-off on a flat likelihood before the parameters overflow the arithmetic.
 */
export const LOG_PARAMETER_WALL = 25;

/** True when any log-parameter is beyond LOG_PARAMETER_WALL: the fits' objectives are +Infinity there. */
export const beyondWall = (logParams: readonly number[]): boolean => logParams.some((v) => !(Math.abs(v) <= LOG_PARAMETER_WALL));

/** How a maximum-likelihood fit ended. */
export interface FitConvergence {
  readonly method: string;
  /** Iterations summed over the starts. */
  readonly iterations: number;
  readonly evaluations: number;
  /**
   * Whether the optimiser met its gradient test at the best start (for BFGS: gradient norm
   * ≤ 1e-7, or ≤ 1e-5 where rounding stops any further decrease) and the optimum is inside the
   * parameter space (not `atBoundary`). A small gradient alone does not make a fit converged:
   * on a flat likelihood the gradient is small everywhere.
   */
  readonly converged: boolean;
  /** Gradient norm of the objective (mean negative log-likelihood, in log-parameters) at the optimum. */
  readonly gradientNorm: number;
  readonly starts: number;
  /**
   * Starts that reached the best value at (nearly) the same point, within AGREEING_DISTANCE
   * in every log-parameter: evidence it is the global optimum.
   */
  readonly startsAgreeing: number;
  /**
   * Some |log-parameter| at the optimum exceeds BOUNDARY_LOG_PARAMETER: a parameter ran off
   * towards 0 or infinity, so the data do not identify it (a flat likelihood); the fit is
   * then not `converged` whatever its gradient.
   */
  readonly atBoundary: boolean;
}

/** The convergence summary of a multi-start fit on log-parameters, without the optimum itself. */
export function fitConvergence(result: MultiStartResult): FitConvergence {
  const { method, iterations, evaluations, converged, gradientNorm, starts, startsAgreeing } = result;
  const boundary = atBoundary(result.x);
  return { method, iterations, evaluations, converged: converged && !boundary, gradientNorm, starts, startsAgreeing, atBoundary: boundary };
}
