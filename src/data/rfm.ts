import { resolveRfmOptions, RFM_METRICS, type RfmBreaks, type RfmMethod, type RfmOptions } from '../analytics/rfm-options.js';
import { resolveSegmentRules, type SegmentRule } from '../analytics/segment-rules.js';
import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { rfmCustomersSql, rfmCutPointsSql, segmentSummarySql } from './sql/rfm-sql.js';

export interface RfmRequest extends RfmOptions {
  /**
   * Segment rules: a preset name (`rfm-vignette`, `rf-grid`), rules as JSON text, or rule
   * objects; validated against the bins. Default: `rfm-vignette` for 5 bins, else no rules.
   */
  segments?: string | readonly unknown[];
}

export interface RfmCustomer {
  customer_id: string;
  recency_days: number;
  frequency: number;
  monetary: number;
  first_order: string;
  last_order: string;
  tenure_days: number;
  average_order_value: number;
  r_score: number;
  f_score: number;
  m_score: number;
  segment: string;
}

export interface RfmResult {
  customers: RfmCustomer[];
  /** The cut points actually used, ascending per metric (empty when there are no customers). */
  cutPoints: RfmBreaks;
  /** The analysis date used (ISO), or null when there are no orders. */
  analysisDate: string | null;
  method: RfmMethod;
  bins: number;
  rules: SegmentRule[];
}

export interface SegmentSummaryRow {
  segment: string;
  customers: number;
  orders: number;
  revenue: number;
  share_of_customers: number | null;
  share_of_revenue: number | null;
  average_recency_days: number | null;
  average_frequency: number | null;
  average_monetary: number | null;
}

const PREFIX = { recency: 'r', frequency: 'f', monetary: 'm' } as const;

/** Validate the request (throws RfmOptionsError / SegmentRulesError before any SQL runs). */
export function resolveRfmRequest(request: RfmRequest = {}) {
  const { segments, ...options } = request;
  const resolved = resolveRfmOptions(options);
  const rules = resolveSegmentRules(segments, resolved.bins);
  return { options: resolved, rules };
}

/** Scores, segments and the cut points used. Call inside the engine's queue. */
export async function readRfm(engine: Engine, request: RfmRequest = {}): Promise<RfmResult> {
  const { options, rules } = resolveRfmRequest(request);
  const customers = rowsOf<RfmCustomer>(await engine.query(rfmCustomersSql(options, rules)));
  const [row] = rowsOf<Record<string, number | string | null>>(await engine.query(rfmCutPointsSql(options)));
  const cutPoints = { recency: [], frequency: [], monetary: [] } as RfmBreaks;
  for (const metric of RFM_METRICS) {
    for (let k = 1; k < options.bins; k++) {
      const v = row?.[`${PREFIX[metric]}_cut_${k}`];
      if (typeof v === 'number') cutPoints[metric].push(v);
    }
  }
  const analysisDate = typeof row?.analysis_date === 'string' ? row.analysis_date : null;
  return { customers, cutPoints, analysisDate, method: options.method, bins: options.bins, rules };
}

/** Per segment (rule order, then Others): customers, orders, revenue, shares, averages. */
export async function readSegmentSummary(engine: Engine, request: RfmRequest = {}): Promise<SegmentSummaryRow[]> {
  const { options, rules } = resolveRfmRequest(request);
  return rowsOf<SegmentSummaryRow>(await engine.query(segmentSummarySql(options, rules)));
}
