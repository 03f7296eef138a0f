import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { ingestOrders, type IngestInput, type IngestResult } from './ingest/ingest.js';
import type { IngestOptions, LoadReport, RejectedRow } from './ingest/types.js';
import { customerListSql, headlineSql, type CustomerSortKey, type SortDirection } from './sql/customers-sql.js';

export { CUSTOMER_SORT_KEYS, type CustomerSortKey, type SortDirection } from './sql/customers-sql.js';
import { rejectsPageSql } from './sql/ingest-sql.js';
import { readRfm, readSegmentSummary, type RfmRequest, type RfmResult, type SegmentSummaryRow } from './rfm.js';
import type { CustomerTypeOptions, ParetoOptions } from '../analytics/customer-types.js';
import { readCustomerTypes, readPareto, type CustomerTypesResult, type ParetoResult } from './customer-types.js';
import { readMigration, type MigrationRequest, type MigrationResult } from './migration.js';

export type { RfmCustomer, RfmRequest, RfmResult, SegmentSummaryRow } from './rfm.js';

export interface Headline {
  customers: number;
  orders: number;
  revenue: number;
  averageOrderValue: number | null;
  /** Share of buying customers with two or more purchases, 0..1. */
  repeatRate: number | null;
  firstOrder: string | null;
  lastOrder: string | null;
}

export interface CustomerRow {
  customer_id: string;
  first_order: string;
  last_order: string;
  orders: number;
  total_spend: number;
}

/**
 * One loaded dataset over one engine: load sources, then ask questions of the canonical
 * tables. Components, the CLI and tests all go through this; none of them writes SQL.
 * Loads are serialised: a second load waits for the first.
 */
/**
 * Work on one engine runs in turn: a load swaps tables in and out, so a query arriving in the
 * middle would find no `orders`; and two loads would share the staging tables. Keyed by
 * engine, so Datasets (or dashboards) sharing an engine share the queue too.
 */
const queues = new WeakMap<Engine, Promise<unknown>>();

function inTurn<T>(engine: Engine, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(engine) ?? Promise.resolve()).then(work, work);
  queues.set(engine, next.catch(() => undefined));
  return next;
}

export class Dataset {
  private _report: LoadReport | null = null;

  constructor(readonly engine: Engine) {}

  /** The report of the dataset now loaded, or null before the first successful load. */
  get report(): LoadReport | null {
    return this._report;
  }

  load(input: IngestInput, options: IngestOptions = {}): Promise<IngestResult> {
    return inTurn(this.engine, async () => {
      const result = await ingestOrders(this.engine, input, options);
      if (result.status === 'loaded') this._report = result.report;
      return result;
    });
  }

  headline(): Promise<Headline> {
    return inTurn(this.engine, () => this.readHeadline());
  }

  private async readHeadline(): Promise<Headline> {
    const [r] = rowsOf<{
      customers: number; orders: number; revenue: number; average_order_value: number | null;
      repeat_rate: number | null; first_order: string | null; last_order: string | null;
    }>(await this.engine.query(headlineSql()));
    return {
      customers: r?.customers ?? 0,
      orders: r?.orders ?? 0,
      revenue: r?.revenue ?? 0,
      averageOrderValue: r?.average_order_value ?? null,
      repeatRate: r?.repeat_rate ?? null,
      firstOrder: r?.first_order ?? null,
      lastOrder: r?.last_order ?? null,
    };
  }

  customers(sort: CustomerSortKey = 'total_spend', direction: SortDirection = 'desc'): Promise<CustomerRow[]> {
    return inTurn(this.engine, async () => rowsOf<CustomerRow>(await this.engine.query(customerListSql(sort, direction))));
  }

  /** Rejected rows of the loaded dataset, in file order: every one, page by page. */
  rejects(limit = 1000, offset = 0): Promise<RejectedRow[]> {
    return inTurn(this.engine, async () => rowsOf<RejectedRow>(await this.engine.query(rejectsPageSql(), [limit, offset])));
  }

  /**
   * RFM per customer as of an analysis date: metrics, R/F/M scores (method `quantile` by
   * default, R `rfm` compatible), segment, and the cut points used. Invalid options reject with
   * an RfmOptionsError or SegmentRulesError.
   */
  rfm(request: RfmRequest = {}): Promise<RfmResult> {
    return inTurn(this.engine, () => readRfm(this.engine, request));
  }

  /** Per segment: customers, orders, revenue, shares and average R/F/M, in rule order then Others. */
  segmentSummary(request: RfmRequest = {}): Promise<SegmentSummaryRow[]> {
    return inTurn(this.engine, () => readSegmentSummary(this.engine, request));
  }

  /** Active and inactive customers as of an analysis date; the inactivity window used (derived from the data unless given). */
  customerTypes(options: CustomerTypeOptions = {}): Promise<CustomerTypesResult> {
    return inTurn(this.engine, () => readCustomerTypes(this.engine, options));
  }

  /** The Pareto (Lorenz) curve of customer value by revenue or margin, the top-20% share, Gini, and customers below a standard. */
  pareto(options: ParetoOptions = {}): Promise<ParetoResult> {
    return inTurn(this.engine, () => readPareto(this.engine, options));
  }

  /** Segments at two analysis dates (default: the day after the last order, and 90 days before) and the moves between them. */
  migration(request: MigrationRequest = {}): Promise<MigrationResult> {
    return inTurn(this.engine, () => readMigration(this.engine, request));
  }

  close(): Promise<void> {
    return inTurn(this.engine, () => this.engine.close());
  }
}
