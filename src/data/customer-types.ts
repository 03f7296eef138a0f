import {
  CustomerTypesError,
  deriveWindowDays,
  resolveCustomerTypeOptions,
  resolveParetoOptions,
  type CustomerTypeOptions,
  type ParetoMeasure,
  type ParetoOptions,
} from '../analytics/customer-types.js';
import type { BelowStandardCustomer, ParetoPoint, ParetoResult } from '../analytics/customer-types.js';
import type { SelectedRequest, SelectedResult } from '../analytics/selection.js';
import { rowsOf } from './arrow-rows.js';
import { currentSelectionTable } from './selection-state.js';
import { seesWholeHistory } from './whole-history.js';
import type { Engine } from './engine/engine.js';
import {
  belowStandardSql,
  customerTypesSql,
  marginPresenceSql,
  potentialCountSql,
  paretoSql,
  purchaseGapsSql,
} from './sql/customer-types-sql.js';
import { hasCustomersTable } from './table-presence.js';

export type CustomerType = 'active' | 'inactive';

export interface CustomerTypeRow {
  customer_id: string;
  type: CustomerType;
  /** Last purchase (ISO date). */
  last_order: string;
  /** Analysis date - last purchase, in days. */
  days_since_last: number;
}

export interface CustomerTypesResult {
  /** The window used: the caller's, or derived from the data (see analytics/customer-types.ts). */
  windowDays: number;
  windowDerived: boolean;
  /** The analysis date used (ISO), or null when there are no orders. */
  analysisDate: string | null;
  /**
   * `potential`: customers in the optional customer list (Dataset.loadCustomers) with no
   * purchase by the analysis date; 0 when no list is loaded. They are counted, not listed.
   */
  counts: { active: number; inactive: number; potential: number };
  /** Gaps between consecutive purchase dates behind a derived window, and their 90th percentile. */
  gaps: { count: number; percentile: number | null };
  customers: CustomerTypeRow[];
}

/** Listed customers with no purchase by the analysis date; 0 without a customer list or orders. */
export async function countPotential(engine: Engine, analysisDate: string | null): Promise<number> {
  if (analysisDate === null || !(await hasCustomersTable(engine))) return 0;
  const [p] = rowsOf<{ potential: number }>(await engine.query(potentialCountSql(analysisDate)));
  return p?.potential ?? 0;
}

/**
 * Active / inactive customers as of the analysis date. Validates first (CustomerTypesError),
 * then runs SQL. Call inside the engine's queue.
 */
export async function readCustomerTypes(engine: Engine, options: CustomerTypeOptions = {}): Promise<CustomerTypesResult> {
  const o = resolveCustomerTypeOptions(options);
  const [g] = rowsOf<{ analysis_date: string | null; gaps: number; gap_percentile: number | null }>(
    await engine.query(purchaseGapsSql(o)),
  );
  const analysisDate = g?.analysis_date ?? null;
  const percentile = g?.gap_percentile ?? null;
  const windowDerived = o.windowDays === null;
  const windowDays = o.windowDays ?? deriveWindowDays(percentile);
  const customers = analysisDate === null ? [] : rowsOf<CustomerTypeRow>(await engine.query(customerTypesSql(analysisDate, windowDays)));
  const counts = { active: 0, inactive: 0, potential: 0 };
  for (const c of customers) counts[c.type] += 1;
  counts.potential = await countPotential(engine, analysisDate);
  return { windowDays, windowDerived, analysisDate, counts, gaps: { count: g?.gaps ?? 0, percentile }, customers };
}

export type { BelowStandardCustomer, ParetoPoint, ParetoResult } from '../analytics/customer-types.js';

/**
 * Profitability: the Pareto / Lorenz curve of value per customer (net revenue, or margin),
 * top-20% share, Gini, and the customers below a standard. Asking for margin when no order
 * carries one is a CustomerTypesError naming the missing column. Call inside the engine's queue.
 */
export async function readPareto(engine: Engine, request: ParetoOptions & SelectedRequest = {}): Promise<ParetoResult & Partial<SelectedResult>> {
  const { selected, ...options } = request;
  const o = resolveParetoOptions(options);
  const { table: selection, info } = selected ? currentSelectionTable(engine) : { table: null, info: null };
  if (o.by === 'margin') {
    const [m] = rowsOf<{ with_margin: number }>(await engine.query(marginPresenceSql()));
    if (!m || m.with_margin === 0) {
      throw new CustomerTypesError(
        'Pareto by margin needs the "margin" column of orders, but no order has a margin (map a margin / profit column when loading, or use by: "revenue")',
      );
    }
  }
  const wholeHistory = o.by === 'revenue' && (await seesWholeHistory(engine, o.analysisDate));
  const rows = rowsOf<ParetoPoint & { analysis_date: string | null; customers: number; total_value: number; gini: number | null; below: number; below_share_of_value: number | null }>(
    await engine.query(paretoSql(o, selection, wholeHistory)),
  );
  const points = rows.map(({ p, share_of_customers, share_of_value }): ParetoPoint => ({ p, share_of_customers, share_of_value }));
  const s = rows[0];
  const belowCustomers = o.standard === null ? [] : rowsOf<BelowStandardCustomer>(await engine.query(belowStandardSql(o, o.standard, selection, wholeHistory)));
  const customers = s?.customers ?? 0;
  return {
    by: o.by,
    analysisDate: s?.analysis_date ?? null,
    customers,
    totalValue: s?.total_value ?? 0,
    points,
    top20Share: points.find((p) => p.p === 20)?.share_of_value ?? null,
    gini: s?.gini ?? null,
    standard: o.standard,
    below: o.standard === null ? null : (s?.below ?? 0),
    belowShareOfValue: o.standard === null ? null : (s?.below_share_of_value ?? null),
    belowCustomers,
    ...(selected ? { selection: info } : {}),
  };
}
