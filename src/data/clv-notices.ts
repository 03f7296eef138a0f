import type { Messages } from '../analytics/message-format.js';
import { noticesOf } from '../analytics/notice.js';

/**
 * The English of what the CLV model service (data/clv-model.ts) tells the reader about a fit:
 * why a figure is missing or should not be trusted. The command line prints `text`; an
 * interface can translate by code.
 */
export const CLV_NOTICES = {
  'clv.no-customers': 'No customer has a purchase by {date}: there is nothing to fit.',
  'clv.no-repeat-buyers':
    'No customer has a repeat purchase, so the spend model (Gamma-Gamma) cannot be fitted: there is no expected order value or lifetime value.',
  'clv.no-positive-spend':
    'No repeat buyer spent anything on their repeat purchases, so the spend model (Gamma-Gamma) cannot be fitted: there is no expected order value or lifetime value.',
  'clv.no-spend':
    'The summary has no spend figures, so only the purchase model (BG/NBD) is fitted: there is no expected order value or lifetime value.',
  'clv.spend-mean-infinite':
    'The fitted spend model has q = {q}, at most 1: its mean order value is infinite, so there is no expected order value or lifetime value.',
  'clv.independence-fails':
    'The frequency–monetary independence check fails: among the {n} repeat buyers, purchase frequency and mean spend correlate (r = {r}, beyond ±{threshold}), so the Gamma-Gamma spend values may be biased.',
  'clv.independence-unknown':
    'The frequency–monetary independence check could not be made (fewer than two repeat buyers, or no variation in their frequency or spend).',
  'clv.bgnbd-no-repeat-purchases':
    'No customer has bought on more than one day, so the purchase model (BG/NBD) cannot tell how often customers buy: its predictions are not meaningful.',
  'clv.bgnbd-no-observation-time':
    'Every customer first bought at the very end of the observation, so the purchase model (BG/NBD) has no time to learn from: its predictions are not meaningful.',
  'clv.bgnbd-not-converged':
    'The purchase model (BG/NBD) fit did not converge (gradient norm {gradient}): treat its parameters and predictions with caution.',
  'clv.gamma-gamma-not-converged':
    'The spend model (Gamma-Gamma) fit did not converge (gradient norm {gradient}): treat its parameters and spend values with caution.',
  'clv.starts-disagree': {
    one: 'Only {agreeing} of the {n} starting point reached the best purchase-model fit: it may be a local optimum.',
    other: 'Only {agreeing} of the {n} starting points reached the best purchase-model fit: it may be a local optimum.',
  },
  'clv.few-repeat-buyers': {
    one: 'Only {n} customer has a repeat purchase: the spend model rests on very little data.',
    other: 'Only {n} customers have a repeat purchase: the spend model rests on very little data.',
  },
  'clv.zero-spend-excluded': {
    one: '{n} repeat buyer spent nothing on their repeat purchases and is left out of the spend model fit (it still gets an expected order value).',
    other: '{n} repeat buyers spent nothing on their repeat purchases and are left out of the spend model fit (they still get an expected order value).',
  },
  'clv.worker-unavailable':
    'The model worker ({url}) could not start, so the model was fitted on the page instead, which may pause it for a moment.',
  'clv.worker-stopped':
    'The model worker ({url}) stopped: {reason}. The model was not fitted: the page may not have enough memory for this many customers.',
  'clv.check-too-short': {
    one: 'The orders, from {first} to {end}, are too short to check the model on the last month: less than a month would be left before {calibrationEnd} to fit on, so there is no check.',
    other: 'The orders, from {first} to {end}, are too short to check the model on the last {months} months: less than {months} months would be left before {calibrationEnd} to fit on, so there is no check.',
  },
  'clv.check-unpredicted': 'the model fitted on the orders before them could not predict the purchases in them',
  'clv.check-unpredicted-unconverged': 'the model fitted on the orders before them did not converge and could not predict the purchases in them',
  'clv.check-failed': {
    one: 'The model could not be checked on the last month: {reason}. Its predictions are not affected.',
    other: 'The model could not be checked on the last {months} months: {reason}. Its predictions are not affected.',
  },
} as const satisfies Messages<string>;

export type ClvNoticeCode = keyof typeof CLV_NOTICES;

export const clvNotice = noticesOf<ClvNoticeCode>(CLV_NOTICES);
