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
