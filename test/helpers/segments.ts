import type { SegmentSummaryRow } from '../../src/data/rfm.js';

/** A segment's summary row in a shop of 200 customers and 50,000 of revenue (two orders each, 30 days back). */
export function summaryRow(segment: string, customers: number, revenue: number): SegmentSummaryRow {
  return {
    segment,
    customers,
    orders: customers * 2,
    revenue,
    share_of_customers: customers / 200,
    share_of_revenue: revenue / 50000,
    average_recency_days: 30,
    average_frequency: 2,
    average_monetary: customers ? revenue / customers : null,
  };
}
