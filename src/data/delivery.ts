import { inferReviewScale, scoreStat, welchInterval, type DeliveryGapResult } from '../analytics/delivery.js';
import { hasTable } from './table-presence.js';
import type { Notice } from '../analytics/notice.js';
import type { SelectedRequest, SelectedResult } from '../analytics/selection.js';
import { currentSelectionTable } from './selection-state.js';
import { analysisNotice, analysisNoticeShown, roundedTo } from './analysis-notices.js';
import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import {
  DELIVERY_PICKED_TABLE,
  deliveryByMonthSql,
  deliveryScoresSql,
  deliverySummarySql,
  dropPickedDeliveriesSql,
  pickDeliveriesSql,
} from './sql/delivery-sql.js';
import { T } from './sql/ingest-sql.js';

const score = (x: number) => x.toFixed(2);
/** Numbers as a template string writes them (the English the command line has always printed). */
const shownAsWritten = (params: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));

/**
 * The operational gap of the loaded orders: promised against actual delivery (on-time share,
 * days late) and, when the orders carry a review score, how late orders scored against on-time
 * ones. Null when no orders are loaded or no loaded order has both a promised and a delivered date.
 * With `selected`, the orders of the selected customers only (see Dataset.select), and the
 * result carries the selection (null when none is in force: everyone's orders); when none of
 * them has a delivered order but others do, a result with `delivered` 0 says so.
 */
export async function readDeliveryGap(engine: Engine, request: SelectedRequest = {}): Promise<(DeliveryGapResult & Partial<SelectedResult>) | null> {
  if (!(await hasTable(engine, T.orders))) return null;
  const { table: selection, info } = request.selected ? currentSelectionTable(engine) : { table: null, info: null };
  if (!selection) return readGap(engine, null, T.orders, request.selected === true, info);
  // A selection's orders are picked once, then read as the orders.
  await engine.query(pickDeliveriesSql(selection));
  try {
    return await readGap(engine, selection, DELIVERY_PICKED_TABLE, true, info);
  } finally {
    await engine.query(dropPickedDeliveriesSql());
  }
}

/**
 * The gap of the purchases in `ordersTable` (the orders, or a selection's picked from them); `selection`:
 * the selection table they were picked with (null: everyone), `selected`/`info`: what the request asked and the selection in force.
 */
async function readGap(
  engine: Engine,
  selection: string | null,
  ordersTable: string,
  selected: boolean,
  info: SelectedResult['selection'],
): Promise<(DeliveryGapResult & Partial<SelectedResult>) | null> {
  const [s] = rowsOf<{
    delivered: number; on_time: number; late: number; undelivered: number;
    delivered_unreadable: number; promised_unreadable: number; reviews_unreadable: number;
    late_mean: number | null; late_median: number | null; late_p90: number | null; late_max: number | null;
    reviews: number; review_min: number | null; review_max: number | null;
  }>(await engine.query(deliverySummarySql(null, ordersTable)));
  if (!s) return null;
  const selectedOnly = selection ? [analysisNotice('delivery.selected-only')] : [];
  if (s.delivered === 0) {
    // Selected customers without a delivery, in data that has some: said, not hidden (hiding
    // it would read as "these orders carry no delivery dates").
    if (!selection || !(await hasDeliveries(engine))) return null;
    const notices = [analysisNotice('delivery.none-selected'), ...selectedOnly];
    return {
      delivered: 0,
      onTime: 0,
      late: 0,
      onTimeShare: NaN,
      undelivered: s.undelivered,
      unreadable: { delivered: s.delivered_unreadable, promised: s.promised_unreadable, reviews: s.reviews_unreadable },
      daysLate: null,
      satisfaction: null,
      byMonth: [],
      messages: notices.map((n) => n.text),
      notices,
      selection: info,
    };
  }

  const notices: Notice[] = [...selectedOnly];
  const onTimeShare = s.on_time / s.delivered;
  notices.push(
    analysisNoticeShown('delivery.on-time', { onTime: s.on_time, delivered: s.delivered, share: roundedTo(100 * onTimeShare, 1), late: s.late }, { share: (100 * onTimeShare).toFixed(1) }),
  );
  if (s.undelivered > 0) notices.push(analysisNotice('delivery.undelivered', { n: s.undelivered }));
  if (s.delivered_unreadable > 0) notices.push(analysisNotice('delivery.delivered-unreadable', { n: s.delivered_unreadable }));
  if (s.promised_unreadable > 0) notices.push(analysisNotice('delivery.promised-unreadable', { n: s.promised_unreadable }));
  const daysLate =
    s.late > 0 && s.late_mean !== null
      ? { mean: s.late_mean, median: s.late_median!, p90: s.late_p90!, max: s.late_max! }
      : null;
  if (daysLate) {
    const { mean, median, p90, max } = daysLate;
    notices.push(
      analysisNoticeShown('delivery.days-late', { mean: roundedTo(mean, 1), median, p90, max }, { mean: mean.toFixed(1), median: String(median), p90: String(p90), max: String(max) }),
    );
  }

  let satisfaction: DeliveryGapResult['satisfaction'] = null;
  if (s.reviews > 0 && s.reviews_unreadable > 0) notices.push(analysisNotice('delivery.reviews-unreadable', { n: s.reviews_unreadable }));
  if (s.reviews > 0 && s.review_min !== null && s.review_max !== null) {
    const groups = rowsOf<{ is_late: boolean; n: number; mean: number | null; sd: number | null }>(await engine.query(deliveryScoresSql(null, ordersTable)));
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
      const scaleParams = { min: scale.min, max: scale.max, largest: s.review_max, smallest: s.review_min };
      notices.push(analysisNoticeShown('delivery.review-scale', scaleParams, shownAsWritten(scaleParams)));
      if (gap !== null) {
        const ciNotice = ci
          ? analysisNoticeShown('delivery.scores-ci', { low: roundedTo(ci.low, 2), high: roundedTo(ci.high, 2) }, { low: score(ci.low), high: score(ci.high) })
          : '';
        notices.push(
          analysisNoticeShown(
            gap >= 0 ? 'delivery.scores-gap-up' : 'delivery.scores-gap-down',
            { late: roundedTo(late.mean!, 2), lateN: late.n, onTime: roundedTo(onTime.mean!, 2), onTimeN: onTime.n, gap: roundedTo(gap, 2), ci: ciNotice },
            { late: score(late.mean!), onTime: score(onTime.mean!), gap: score(gap) },
          ),
        );
        satisfaction = { scale, onTime, late, gap, ciLow: ci?.low ?? null, ciHigh: ci?.high ?? null };
      } else {
        notices.push(analysisNotice(late.n === 0 ? 'delivery.only-on-time-scored' : 'delivery.only-late-scored'));
      }
    }
  } else if (s.reviews_unreadable > 0) {
    notices.push(analysisNotice('delivery.no-review-readable', { n: s.reviews_unreadable }));
  } else {
    notices.push(analysisNotice('delivery.no-review-score'));
  }

  const byMonth = rowsOf<{ month: string; delivered: number; late: number }>(await engine.query(deliveryByMonthSql(null, ordersTable))).map((m) => ({
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
    messages: notices.map((n) => n.text),
    notices,
    ...(selected ? { selection: info } : {}),
  };
}

/** Whether any loaded order has both a promised and a delivered date. */
async function hasDeliveries(engine: Engine): Promise<boolean> {
  const [all] = rowsOf<{ delivered: number }>(await engine.query(deliverySummarySql(null)));
  return (all?.delivered ?? 0) > 0;
}
