import type { FitConvergence } from './optimize.js';

/**
 * Gradient norm (of the mean negative log-likelihood, in log-parameters) below which a fit is
 * at an optimum even when the optimiser's own stopping test failed: on a flat ridge (the
 * Gamma-Gamma's p, q, v moving together; a BG/NBD whose a and b grow together) BFGS can stop
 * on its iteration or line-search limits with a gradient of 1e-7, and calling that "not
 * converged" would only alarm the reader.
 */
const AT_OPTIMUM_GRADIENT = 1e-5;

/**
 * Whether a fit reached its optimum, as the model's notices and the interface say it: the
 * optimiser's test, or a gradient that small; a fit whose parameters ran off to the edge of the
 * search (a flat likelihood) never counts.
 */
export const fitConverged = (c: FitConvergence): boolean => !c.atBoundary && (c.converged || c.gradientNorm < AT_OPTIMUM_GRADIENT);
