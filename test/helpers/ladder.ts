import { DEFAULT_LADDER_RULES, LADDER_RUNGS, type LadderResult, type LadderRung, type LadderRungRow } from '../../src/analytics/ladder.js';

/**
 * Hand-made ladder results for the chart's tests (unit and browser: no Node imports here).
 */

/** One rung's row; the average value follows from customers and revenue, the rest from `extra`. */
export function rungRow(r: LadderRung, customers: number, reached: number, revenue: number, extra: Partial<LadderRungRow> = {}): LadderRungRow {
  return {
    rung: r,
    customers,
    reached,
    revenue,
    averageValue: customers ? revenue / customers : null,
    conversionToNext: null,
    dropOff: null,
    medianDaysToNext: null,
    available: true,
    ...extra,
  };
}

/** Every rung told from the orders, with some rungs' evidence given otherwise. */
export function evidenceRungs(overrides: Partial<LadderResult['evidence']['rungs']> = {}): LadderResult['evidence']['rungs'] {
  return { ...(Object.fromEntries(LADDER_RUNGS.map((r) => [r, { basis: 'orders', note: null }])) as LadderResult['evidence']['rungs']), ...overrides };
}

/** The default rules, as a fresh copy a result can hold. */
export const defaultRules = (): LadderResult['rules'] => structuredClone(DEFAULT_LADDER_RULES) as LadderResult['rules'];

/**
 * 1,000 contacts on all six rungs (advocate not available) and 120 lapsed, as the ladder's tests
 * and the PNG export tests draw them; `evidence` replaces parts of its evidence.
 */
export function thousandContactsLadder(evidence: Partial<LadderResult['evidence']> = {}, overrides: Partial<LadderResult> = {}): LadderResult {
  return {
    asOf: '2025-01-01',
    contacts: 1000,
    rungs: [
      rungRow('prospect', 300, 1000, 0, { conversionToNext: 0.7, dropOff: 0.3 }),
      rungRow('customer', 350, 700, 17500, { conversionToNext: 0.4, dropOff: 0.6, medianDaysToNext: 45 }),
      rungRow('client', 150, 280, 30000, { conversionToNext: 0.25, dropOff: 0.75, medianDaysToNext: 120.5 }),
      rungRow('supporter', 60, 70, 24000, { conversionToNext: null }),
      rungRow('advocate', 0, 0, 0, { available: false }),
      rungRow('partner', 20, 20, 40000),
    ],
    lapsed: { customers: 120, revenue: 6000, from: { prospect: 0, customer: 80, client: 30, supporter: 10, advocate: 0, partner: 0 }, windowDays: 365, windowDerived: true },
    evidence: {
      customerList: true,
      feedback: 'unmatched',
      feedbackRows: 40,
      feedbackCustomers: 12,
      matchedCustomers: 0,
      placingCustomers: 0,
      rungs: evidenceRungs({ advocate: { basis: 'missing', note: 'no feedback: recommendation cannot be told' } }),
      messages: [],
      ...evidence,
    },
    rules: defaultRules(),
    ...overrides,
  };
}
