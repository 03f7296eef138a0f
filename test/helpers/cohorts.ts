import type { CohortCell, CohortRetention } from '../../src/analytics/cohorts.js';

/**
 * A hand-made triangle ending in March 2024 (for the layout and the element):
 * - January: `januarySize` customers; active all, 3, 1; revenue 1000, 200, 50.
 * - February: 4 customers; active 4, 0; revenue 400, 0.
 * - March: 2 customers; active 2; revenue 0 (bought and returned: no revenue base).
 */
export function handCohorts(januarySize: number): CohortRetention {
  const cell = (cohort: string, size: number, monthsSince: number, customers: number, revenue: number): CohortCell => ({
    cohort,
    monthsSince,
    customers,
    revenue,
    retention: customers / size,
  });
  return {
    end: '2024-03-31',
    cohorts: [
      { cohort: '2024-01', customers: januarySize, revenue: 1250, repeatRevenue: 250, repeatRevenueShare: 0.2 },
      { cohort: '2024-02', customers: 4, revenue: 400, repeatRevenue: 0, repeatRevenueShare: 0 },
      { cohort: '2024-03', customers: 2, revenue: 0, repeatRevenue: 0, repeatRevenueShare: null },
    ],
    cells: [
      cell('2024-01', januarySize, 0, januarySize, 1000),
      cell('2024-01', januarySize, 1, 3, 200),
      cell('2024-01', januarySize, 2, 1, 50),
      cell('2024-02', 4, 0, 4, 400),
      cell('2024-02', 4, 1, 0, 0),
      cell('2024-03', 2, 0, 2, 0),
    ],
    overall: { customers: januarySize + 6, revenue: 1650, repeatRevenue: 250, repeatRevenueShare: 250 / 1650 },
  };
}
