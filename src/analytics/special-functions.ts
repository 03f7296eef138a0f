/**
 * Special functions the CLV models need, in double precision and without dependencies: log
 * gamma (with its sign for negative arguments), log beta, the regularised incomplete beta
 * function and the Gaussian hypergeometric function 2F1 on the real line below 1. Pure.
 *
 * The likelihoods are sums of log-gamma differences over thousands of customers, so the log
 * gamma must be accurate to the last few digits everywhere (Lanczos, g = 607/128, 15 terms:
 * relative error about 1e-15). 2F1 is the awkward one: its power series converges slowly near
 * z = 1, where the models ask for it over long horizons, so there it is rewritten in 1 - z.
 */

const LANCZOS_G = 607 / 128;
const LANCZOS = [
  0.99999999999999709182, 57.156235665862923517, -59.597960355475491248, 14.136097974741747174,
  -0.49191381609762019978, 0.33994649984811888699e-4, 0.46523628927048575665e-4,
  -0.98374475304879564677e-4, 0.15808870322491248884e-3, -0.21026444172410488319e-3,
  0.2174396181152126432e-3, -0.16431810653676389022e-3, 0.84418223983852743293e-4,
  -0.2619083840158140867e-4, 0.36899182659531622704e-5,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const EPSILON = Number.EPSILON;

const isNonPositiveInteger = (x: number): boolean => x <= 0 && Number.isInteger(x);

/**
 * ln |Γ(x)| for any real x that is not a pole (Γ has poles at 0, -1, -2, ...: there it returns
 * +Infinity). Lanczos for x ≥ 0.5, the reflection formula below.
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (isNonPositiveInteger(x)) return Infinity;
  if (x < 0.5) {
    // Γ(x) Γ(1 - x) = π / sin(πx); sin(πx) through the reduced argument keeps its precision.
    return Math.log(Math.PI / Math.abs(sinPi(x))) - logGamma(1 - x);
  }
  const y = x - 1;
  let series = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) series += LANCZOS[i]! / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(series);
}

/** The sign of Γ(x): +1 for x > 0, alternating between the poles below 0 (0 at a pole). */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (isNonPositiveInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/**
 * sin(πx), exact at the integers: the argument is reduced to [-1/2, 1/2] before multiplying by
 * π, so near the poles of Γ (where the reflection formula needs it) no digits are lost.
 */
function sinPi(x: number): number {
  let r = x % 2; // exact, in (-2, 2)
  if (r <= -1) r += 2;
  else if (r > 1) r -= 2; // now in (-1, 1]
  if (r === 0 || r === 1) return 0;
  if (r > 0.5) return Math.sin(Math.PI * (1 - r));
  if (r < -0.5) return -Math.sin(Math.PI * (1 + r));
  return Math.sin(Math.PI * r);
}

/** Where logGammaRatio switches to Stirling's series (its next term is below 1e-24 there). */
const STIRLING_FROM = 100;

/**
 * c(y) - c(x) for y = x + d, where c(y) = 1/(12y) - 1/(360y³) + 1/(1260y⁵) - 1/(1680y⁷) is
 * Stirling's series less its leading terms. With u = 1/x, w = 1/y each wⁿ - uⁿ is
 * -d u w (wⁿ⁻¹ + wⁿ⁻²u + ... + uⁿ⁻¹), so the difference keeps its digits however small d is.
 */
function stirlingCorrectionDifference(x: number, d: number): number {
  const u = 1 / x;
  const w = 1 / (x + d);
  const s3 = w * w + w * u + u * u;
  const s5 = w * w * s3 + u * u * u * u;
  const s7 = w * w * s5 + u * u * u * u * u * u;
  return -d * u * w * (1 / 12 - s3 / 360 + s5 / 1260 - s7 / 1680);
}

/**
 * ln Γ(x + d) - ln Γ(x) for x > 0 and x + d > 0. Subtracting two log-gammas loses every
 * digit when x ≫ |d| (at x = 1e15 both are about 3e16 and their difference is d ln x): past
 * x = 100 the difference is taken inside Stirling's series instead, where the big terms cancel
 * analytically; the error is then a few ulps of the result.
 */
export function logGammaRatio(x: number, d: number): number {
  if (d === 0 && x > 0) return 0;
  const y = x + d;
  if (!(x >= STIRLING_FROM && y >= STIRLING_FROM)) return logGamma(y) - logGamma(x);
  // (y - ½) ln y - y - (x - ½) ln x + x = d ln y + (x - ½) ln(y / x) - d, with ln(y / x) = log1p(d / x).
  return d * Math.log(y) + ((x - 0.5) * Math.log1p(d / x) - d) + stirlingCorrectionDifference(x, d);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** ln(e^x + e^y) without overflow or underflow (either may be -Infinity). */
export function logAddExp(x: number, y: number): number {
  const max = Math.max(x, y);
  if (max === -Infinity) return -Infinity;
  return max + Math.log1p(Math.exp(Math.min(x, y) - max));
}

/**
 * The regularised incomplete beta function I_x(a, b) for a, b > 0 and x in [0, 1]: the
 * probability that a Beta(a, b) variable is at most x. Continued fraction (modified Lentz,
 * Numerical Recipes 6.4) on whichever side of the mean converges fast.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || !(x >= 0 && x <= 1)) return NaN;
  if (x === 0 || x === 1) return x;
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    for (const aa of [(m * (b - m) * x) / ((a + m2 - 1) * (a + m2)), (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))]) {
      d = 1 + aa * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + aa / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < EPSILON) return h;
  }
  return h;
}

/** Where the plain power series of 2F1 is used whatever the parameters (it converges fast). */
const SERIES_Z = 0.9;
/** Past SERIES_Z the series is still tried for this many terms (it is fast when c is large). */
const SERIES_TERMS_NEAR_ONE = 3000;
/** c - a - b closer than this to an integer: the 1 - z formula cancels, so interpolate in c. */
const NEAR_INTEGER = 1e-4;

/**
 * The Gaussian hypergeometric function 2F1(a, b; c; z) = Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ for real
 * parameters and real z ≤ 1 (c not a pole: 0, -1, -2, ...).
 *
 * - z < 0: Pfaff's transformation to z / (z - 1), which lies in (0, 1);
 * - 0 ≤ z ≤ 0.9, or a or b a non-positive integer (a polynomial): the series, summed until
 *   the next term cannot change the sum;
 * - 0.9 < z < 1: the series when it converges within a few thousand terms, else the linear
 *   transformation to 1 - z (Abramowitz & Stegun 15.3.6). When c - a - b is within 1e-4 of an
 *   integer the two halves of that formula nearly cancel (at the integer they have poles), so
 *   the value is interpolated in c from four points around it (cubic, error about 1e-12);
 * - z = 1: Gauss's sum when c - a - b > 0, else +Infinity.
 *
 * Throws a RangeError for z > 1 (the real function has a branch cut there) or a pole in c.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if ([a, b, c, z].some(Number.isNaN)) return NaN;
  if (z > 1) throw new RangeError(`hyp2f1 is real only for z ≤ 1 (got z = ${z})`);
  // A non-positive integer a or b ends the series (a polynomial), maybe before c's pole.
  const ends = [a, b].filter(isNonPositiveInteger);
  const polynomial = ends.length > 0;
  if (isNonPositiveInteger(c) && !(polynomial && Math.max(...ends) > c)) {
    throw new RangeError(`hyp2f1 has a pole at c = ${c}`);
  }
  if (z === 0 || a === 0 || b === 0) return 1;
  if (polynomial) return series(a, b, c, z, Infinity) ?? NaN;
  if (z < 0) {
    // Pfaff: 2F1(a, b; c; z) = (1 - z)^(-a) 2F1(a, c - b; c; z / (z - 1)).
    return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, z / (z - 1));
  }
  if (z === 1) {
    const s = c - a - b;
    return s > 0 ? gammaRatio([c, s], [c - a, c - b]) : Infinity;
  }
  if (z <= SERIES_Z) return series(a, b, c, z, Infinity) ?? NaN;
  return series(a, b, c, z, SERIES_TERMS_NEAR_ONE) ?? nearOne(a, b, c, z);
}

/**
 * 2F1(a, b; c; z) - 1, accurate when the result is small (z near 0, or a or b near 0), where
 * subtracting 1 from hyp2f1 would lose digits. Same domain as hyp2f1.
 */
export function hyp2f1MinusOne(a: number, b: number, c: number, z: number): number {
  if (z >= 0 && z < 1) {
    // Near z = 1 the series is still tried for a few thousand terms (as hyp2f1 does): when it
    // converges, it keeps the digits that subtracting 1 would lose (a or b near 0, as in the
    // BG/NBD at a ≈ 1).
    const everyTerm = z <= SERIES_Z || isNonPositiveInteger(a) || isNonPositiveInteger(b);
    const withoutFirst = series(a, b, c, z, everyTerm ? Infinity : SERIES_TERMS_NEAR_ONE, true);
    if (withoutFirst !== undefined) return withoutFirst;
  }
  return hyp2f1(a, b, c, z) - 1;
}

/**
 * The power series, or undefined when it has not converged within maxTerms. Stops when a
 * geometric bound on the rest of the tail is below one ulp of the sum.
 */
function series(a: number, b: number, c: number, z: number, maxTerms: number, skipFirst = false): number | undefined {
  let term = 1;
  let sum = skipFirst ? 0 : 1;
  let compensation = 0; // Kahan: thousands of terms near z = 1
  const limit = Math.min(maxTerms, 10_000_000);
  const past = -Math.min(a, b, c); // a + n, b + n and c + n are all positive beyond this n
  for (let n = 0; n < limit; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    if (term === 0) return sum - compensation;
    const y = term - compensation;
    const t = sum + y;
    compensation = t - sum - y; // what rounding added to t, taken off the next term
    sum = t;
    if (!Number.isFinite(sum)) return sum;
    if (n + 1 <= past) continue;
    // Past every sign change the ratios tend monotonically to z, so none exceeds the larger of
    // the next one and |z|: a geometric bound on the tail.
    const nextRatio = Math.abs((((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z);
    const bound = Math.max(nextRatio, Math.abs(z));
    if (bound < 1 && Math.abs(term) * nextRatio <= EPSILON * Math.abs(sum) * (1 - bound)) return sum - compensation;
  }
  return undefined;
}

/** 2F1 for z in (0.9, 1) through 1 - z, interpolating in c near the integer cases. */
function nearOne(a: number, b: number, c: number, z: number): number {
  const s = c - a - b;
  const m = Math.round(s);
  if (Math.abs(s - m) >= NEAR_INTEGER) return oneMinusZ(a, b, c, z);
  // Cubic Lagrange interpolation through c - a - b = m ± h, m ± 2h (each far enough from the
  // integer to be accurate) at the requested point, which lies between the inner two.
  const h = 2 * NEAR_INTEGER;
  const nodes = [-2 * h, -h, h, 2 * h];
  const at = s - m;
  let value = 0;
  for (const [i, xi] of nodes.entries()) {
    let weight = 1;
    for (const [j, xj] of nodes.entries()) if (j !== i) weight *= (at - xj) / (xi - xj);
    value += weight * oneMinusZ(a, b, a + b + m + xi, z);
  }
  return value;
}

/** A&S 15.3.6, for c - a - b not an integer. */
function oneMinusZ(a: number, b: number, c: number, z: number): number {
  const w = 1 - z;
  const s = c - a - b;
  const first = gammaRatio([c, s], [c - a, c - b]);
  const second = gammaRatio([c, -s], [a, b]);
  const left = first === 0 ? 0 : first * (series(a, b, 1 - s, w, Infinity) ?? NaN);
  const right = second === 0 ? 0 : second * Math.pow(w, s) * (series(c - a, c - b, 1 + s, w, Infinity) ?? NaN);
  return left + right;
}

/** Π Γ(numerators) / Π Γ(denominators), in logs with signs; 0 when a denominator is a pole. */
function gammaRatio(numerators: readonly number[], denominators: readonly number[]): number {
  if (denominators.some(isNonPositiveInteger)) return 0;
  let logValue = 0;
  let sign = 1;
  for (const x of numerators) {
    logValue += logGamma(x);
    sign *= gammaSign(x);
  }
  for (const x of denominators) {
    logValue -= logGamma(x);
    sign *= gammaSign(x);
  }
  return sign * Math.exp(logValue);
}
