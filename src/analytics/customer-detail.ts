import type { LadderPlace } from './ladder.js';
import type { Notice } from './notice.js';

/**
 * One customer seen whole: who they are, what they bought (returns included), how they score,
 * where they stand on the ladder and what they said. Types only: the data layer fills them
 * (data/customer-detail.ts), chart layouts and elements read them.
 */

/** One order of the customer; a return is a negative amount with `is_return` true. */
export interface CustomerOrder {
  order_id: string;
  /** ISO day (YYYY-MM-DD). */
  order_date: string;
  /** Net amount of the order: negative for a return. */
  amount: number;
  quantity: number | null;
  channel: string | null;
  status: string | null;
  margin: number | null;
  is_return: boolean;
}

/** The customer's orders of one calendar month. */
export interface CustomerMonth {
  /** `YYYY-MM`. */
  month: string;
  /** Purchases (returns not counted). */
  orders: number;
  returns: number;
  /** Net amount: purchases minus returns. */
  amount: number;
}

/** One feedback answer of the customer (as loaded; text is data, shown as text only). */
export interface CustomerFeedback {
  /** ISO day, or null when the answer has no date. */
  feedback_date: string | null;
  /** nps, review, satisfaction, recommend, referral, complaint, suggestion, compliment. */
  kind: string;
  score: number | null;
  scale_min: number | null;
  scale_max: number | null;
  text: string | null;
  category: string | null;
  channel: string | null;
  /** True when answered or resolved, false when the file says not, null when it does not say. */
  answered: boolean | null;
  answered_date: string | null;
}

/** Who the customer is and where they stand, as of the analysis date. */
export interface CustomerSummary {
  customer_id: string;
  /** From the customer list, when one was loaded and gives a name. */
  name: string | null;
  /** True when the customer is in the loaded customer list. */
  listed: boolean;
  signup_date: string | null;
  /** First and last order over every loaded order (ISO; null when they never bought). */
  first_order: string | null;
  last_order: string | null;
  /** Purchases (returns not counted). */
  orders: number;
  returns: number;
  /** Net revenue: purchases minus returns. */
  revenue: number;
  /** Summed margin, when the orders carry one; null otherwise. */
  margin: number | null;
  /** From the current scoring; null before one, or when it left the customer out. */
  recency_days: number | null;
  r_score: number | null;
  f_score: number | null;
  m_score: number | null;
  segment: string | null;
  /** The segment's place in rule order (0-based, Others last): its colour index. Null without a segment. */
  segment_index: number | null;
  /** Active or inactive from the scoring; potential when listed with no purchase. */
  type: 'active' | 'inactive' | 'potential' | null;
  /** From the current ladder; null before one. */
  rung: LadderPlace | null;
  /** Why the customer is on that rung, in plain words (English, from the ladder rules). */
  reason: string | null;
  /** The reason as a notice, for the interface to translate (`reasonNotice.text === reason`); null with no reason. Given by the data layer; a summary built by hand may leave it out. */
  reasonNotice?: Notice | null;
}

export interface CustomerDetail {
  customer: CustomerSummary;
  /**
   * The date the figures are as of (ISO): the scoring's, else the ladder's, else the day
   * after the last loaded order; null when no order is loaded.
   */
  analysisDate: string | null;
  /** Score bins of the scoring (scores run 1..bins); null before a scoring. */
  bins: number | null;
  /** Every order, oldest first (same day: by order id). */
  orders: CustomerOrder[];
  /** Per calendar month with an order, oldest first. */
  months: CustomerMonth[];
  /** Feedback answers, newest first (undated last). */
  feedback: CustomerFeedback[];
}
