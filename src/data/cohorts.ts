import {
  completeCohorts,
  resolveCohortOptions,
  type CohortCellCountRow,
  type CohortCountRow,
  type CohortOptions,
  type CohortRetention,
} from '../analytics/cohorts.js';
import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { lastPurchaseDateSql } from './sql/clv-sql.js';
import { cohortCountsSql } from './sql/cohort-sql.js';

export type { CohortCell, CohortOptions, CohortRetention, CohortRow, CohortTotals } from '../analytics/cohorts.js';

/**
 * Monthly acquisition cohorts up to `end` (default the last purchase date, returns left out,
 * the CLV summary's default end too): per cohort its size, revenue and repeat-revenue share;
 * per cohort and month since the first purchase, active customers, net revenue and retention
 * (see data/sql/cohort-sql.ts). Rejects with
 * CohortOptionsError for an invalid end before any SQL runs. Call inside the engine's queue.
 */
export async function readCohorts(engine: Engine, options: CohortOptions = {}): Promise<CohortRetention> {
  const given = resolveCohortOptions(options).end;
  let end = given;
  if (end === null) {
    const [row] = rowsOf<{ last_purchase: string | null }>(await engine.query(lastPurchaseDateSql()));
    end = row?.last_purchase ?? null;
  }
  if (end === null) {
    return { end, cohorts: [], cells: [], overall: { customers: 0, revenue: 0, purchaseRevenue: 0, repeatRevenue: 0, repeatRevenueShare: null } };
  }
  const counts = rowsOf<CohortCountRow & { months_since: number | null; per_cohort: boolean }>(await engine.query(cohortCountsSql(), [end]));
  const sizes = counts.filter((row) => row.per_cohort).map(({ cohort_month, customers, revenue, purchase_revenue, repeat_revenue }): CohortCountRow => ({ cohort_month, customers, revenue, purchase_revenue, repeat_revenue }));
  const cells = counts
    .filter((row) => !row.per_cohort)
    .map(({ cohort_month, months_since, customers, revenue }): CohortCellCountRow => ({ cohort_month, months_since: months_since!, customers, revenue }));
  return completeCohorts(end, sizes, cells);
}
