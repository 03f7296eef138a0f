import type { CustomerDetail, CustomerFeedback, CustomerMonth, CustomerOrder, CustomerSummary } from '../analytics/customer-detail.js';
import type { LadderFacts } from '../analytics/ladder.js';
import type { Notice } from '../analytics/notice.js';
import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { currentLadder, reasonOnLadder } from './ladder.js';
import { currentScoring } from './rfm.js';
import {
  customerFeedbackSql,
  customerLadderFactsSql,
  customerMonthsSql,
  customerOrdersSql,
  customerSummarySql,
} from './sql/customer-detail-sql.js';
import { hasCustomersTable, hasTable } from './table-presence.js';
import { T } from './sql/ingest-sql.js';
import { LADDER_TABLE } from './sql/ladder-sql.js';
import { SCORED_TABLE } from './sql/rfm-sql.js';

export type { CustomerDetail, CustomerFeedback, CustomerMonth, CustomerOrder, CustomerSummary } from '../analytics/customer-detail.js';

/** The summary query's row: the summary's own columns (type before `potential` is decided), and what the reader derives the rest from. */
type SummaryRow = Pick<
  CustomerSummary,
  'first_order' | 'last_order' | 'orders' | 'returns' | 'revenue' | 'margin' | 'listed' | 'name' | 'signup_date' | 'recency_days' | 'r_score' | 'f_score' | 'm_score' | 'segment'
> & {
  order_rows: number;
  segment_rank: number | null;
  type: 'active' | 'inactive' | null;
  data_end: string | null;
};

/**
 * Everything known about one customer: summary (with the current scoring's scores and segment
 * and the current ladder's rung and reason, when there are), orders, months and feedback. Null
 * for an id that is neither in the orders nor in the customer list. The id is only ever bound
 * as a parameter. Call inside the engine's queue.
 */
export async function readCustomerDetail(engine: Engine, customerId: string): Promise<CustomerDetail | null> {
  const id = [customerId];
  const hasOrders = await hasTable(engine, T.orders);
  const hasList = await hasCustomersTable(engine);
  const scoring = currentScoring(engine);
  const ladder = currentLadder(engine);
  const [s] = rowsOf<SummaryRow>(
    await engine.query(customerSummarySql({ orders: hasOrders, customers: hasList, scored: scoring ? SCORED_TABLE : null }), id),
  );
  if (!s || (s.order_rows === 0 && !s.listed)) return null;

  let rung: CustomerSummary['rung'] = null;
  let reasonNotice: Notice | null = null;
  if (ladder) {
    const [facts] = rowsOf<LadderFacts>(await engine.query(customerLadderFactsSql(LADDER_TABLE), id));
    if (facts) {
      rung = facts.rung;
      reasonNotice = reasonOnLadder(facts, ladder);
    }
  }
  // As the customer table says: a listed customer the scoring left out (no purchase by its date) is potential.
  const potential = s.listed && (scoring !== null || s.orders === 0);
  const customer: CustomerSummary = {
    customer_id: customerId,
    name: s.name,
    listed: s.listed,
    signup_date: s.signup_date,
    first_order: s.first_order,
    last_order: s.last_order,
    orders: s.orders,
    returns: s.returns,
    revenue: s.revenue,
    margin: s.margin,
    recency_days: s.recency_days,
    r_score: s.r_score,
    f_score: s.f_score,
    m_score: s.m_score,
    segment: s.segment,
    segment_index: s.segment_rank === null ? null : s.segment_rank - 1,
    type: s.type ?? (potential ? 'potential' : null),
    rung,
    reason: reasonNotice?.text ?? null,
    reasonNotice,
  };
  const bought = s.order_rows > 0;
  const orders = bought ? rowsOf<CustomerOrder>(await engine.query(customerOrdersSql(), id)) : [];
  const months = bought ? rowsOf<CustomerMonth>(await engine.query(customerMonthsSql(), id)) : [];
  const feedback = (await hasTable(engine, T.feedback)) ? rowsOf<CustomerFeedback>(await engine.query(customerFeedbackSql(), id)) : [];
  return {
    customer,
    analysisDate: scoring?.analysisDate ?? ladder?.result.asOf ?? s.data_end,
    bins: scoring?.bins ?? null,
    orders,
    months,
    feedback,
  };
}
