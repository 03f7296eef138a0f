import { inferReviewScale, scoreStat, welchInterval, type DeliveryGapResult } from '../analytics/delivery.js';
import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { deliveryByMonthSql, deliveryScoresSql, deliverySummarySql } from './sql/delivery-sql.js';
import { T, tableExistsSql } from './sql/ingest-sql.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number) => x.toLocaleString('en-US');
const score = (x: number) => x.toFixed(2);

/**
 * The operational gap of the loaded orders: promised against actual delivery (on-time share,
 * days late) and, when the orders carry a review score, how late orders scored against on-time
 * ones. Null when no orders are loaded or no loaded order has both a promised and a delivered date.
 */
export async function readDeliveryGap(engine: Engine): Promise<DeliveryGapResult | null> {
  const [present] = rowsOf<{ present: number }>(await engine.query(tableExistsSql(T.orders)));
  if (!present?.present) return null;
  const [s] = rowsOf<{
    delivered: number; on_time: number; late: number; undelivered: number;
    delivered_unreadable: number; promised_unreadable: number; reviews_unreadable: number;
    late_mean: number | null; late_median: number | null; late_p90: number | null; late_max: number | null;
    reviews: number; review_min: number | null; review_max: number | null;
  }>(await engine.query(deliverySummarySql()));
  if (!s || s.delivered === 0) return null;

  const messages: string[] = [];
  const onTimeShare = s.on_time / s.delivered;
  messages.push(`${num(s.on_time)} of ${num(s.delivered)} delivered orders (${pct(onTimeShare)}) arrived on or before the promised day; ${num(s.late)} were late.`);
  if (s.undelivered > 0) messages.push(`${num(s.undelivered)} ${s.undelivered === 1 ? 'order' : 'orders'} with a promised date ${s.undelivered === 1 ? 'has' : 'have'} no delivery date (not delivered, or not yet) and ${s.undelivered === 1 ? 'is' : 'are'} not counted as on time or late.`);
  if (s.delivered_unreadable > 0) {
    const one = s.delivered_unreadable === 1;
    messages.push(`${num(s.delivered_unreadable)} ${one ? 'order' : 'orders'} with a promised date ${one ? 'has a delivery date' : 'have delivery dates'} that could not be read (see the load's warnings): not counted as delivered, undelivered, on time or late.`);
  }
  if (s.promised_unreadable > 0) {
    const one = s.promised_unreadable === 1;
    messages.push(`${num(s.promised_unreadable)} delivered ${one ? 'order has a promised date' : 'orders have promised dates'} that could not be read (see the load's warnings): not counted as on time or late.`);
  }
  const daysLate =
    s.late > 0 && s.late_mean !== null
      ? { mean: s.late_mean, median: s.late_median!, p90: s.late_p90!, max: s.late_max! }
      : null;
  if (daysLate) messages.push(`Late orders arrived ${daysLate.mean.toFixed(1)} days late on average (median ${daysLate.median}, 90th percentile ${daysLate.p90}, at most ${daysLate.max}).`);

  let satisfaction: DeliveryGapResult['satisfaction'] = null;
  if (s.reviews > 0 && s.reviews_unreadable > 0) {
    const one = s.reviews_unreadable === 1;
    messages.push(`${num(s.reviews_unreadable)} ${one ? "order's review score is not a number" : "orders' review scores are not numbers"} (see the load's warnings) and ${one ? 'is' : 'are'} left out of the comparison.`);
  }
  if (s.reviews > 0 && s.review_min !== null && s.review_max !== null) {
    const groups = rowsOf<{ is_late: boolean; n: number; mean: number | null; sd: number | null }>(await engine.query(deliveryScoresSql()));
    const side = (late: boolean) => {
      const g = groups.find((x) => x.is_late === late);
      return scoreStat(g?.n ?? 0, g?.mean ?? null, g?.sd ?? null);
    };
    const onTime = side(false);
    const late = side(true);
    if (onTime.n + late.n > 0) {
      const scale = inferReviewScale({ min: s.review_min, max: s.review_max });
      const gap = onTime.mean !== null && late.mean !== null ? late.mean - onTime.mean : null;
      const ci = welchInterval(onTime, late);
      messages.push(
        `Review scores were read on a ${scale.min}-${scale.max} scale (the largest score is ${s.review_max}, the smallest ${s.review_min}).`,
      );
      if (gap !== null) {
        messages.push(
          `Late orders scored ${score(late.mean!)} (n ${num(late.n)}) against ${score(onTime.mean!)} for on-time ones (n ${num(onTime.n)}): a gap of ${gap >= 0 ? '+' : ''}${score(gap)}${ci ? ` (95% CI ${score(ci.low)} to ${score(ci.high)})` : ''}.`,
        );
        satisfaction = { scale, onTime, late, gap, ciLow: ci?.low ?? null, ciHigh: ci?.high ?? null };
      } else {
        messages.push(`Only ${late.n === 0 ? 'on-time' : 'late'} delivered orders have a review score, so there is no late vs on-time comparison.`);
      }
    }
  } else if (s.reviews_unreadable > 0) {
    messages.push(`None of the orders' review scores could be read (${num(s.reviews_unreadable)} ${s.reviews_unreadable === 1 ? 'is not a number' : 'are not numbers'}; see the load's warnings), so satisfaction of late against on-time orders cannot be compared.`);
  } else {
    messages.push('The orders carry no review score, so satisfaction of late against on-time orders cannot be compared (a review score column on the orders gives it).');
  }

  const byMonth = rowsOf<{ month: string; delivered: number; late: number }>(await engine.query(deliveryByMonthSql())).map((m) => ({
    month: m.month,
    delivered: m.delivered,
    late: m.late,
    onTimeShare: (m.delivered - m.late) / m.delivered,
  }));

  return {
    delivered: s.delivered,
    onTime: s.on_time,
    late: s.late,
    onTimeShare,
    undelivered: s.undelivered,
    unreadable: { delivered: s.delivered_unreadable, promised: s.promised_unreadable, reviews: s.reviews_unreadable },
    daysLate,
    satisfaction,
    byMonth,
    messages,
  };
}
