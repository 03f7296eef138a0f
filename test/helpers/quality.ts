import { SERVQUAL_22_ITEMS, type DimensionGap, type GapStat, type ItemGap, type QualityGapResult, type QualityGroup } from '../../src/analytics/quality.js';
import type { DeliveryGapResult } from '../../src/analytics/delivery.js';
import { VOICE_KINDS, type VoiceCount, type VoiceKind, type VoiceResult } from '../../src/analytics/voice.js';

/**
 * Hand-made quality gap, delivery and voice results for the charts' tests (unit and browser:
 * no Node imports here). SERVQUAL-like: 5 dimensions, 22 items on a 1-7 scale, gaps between
 * -1.6 and +0.4.
 */

/** A gap statistic from means, n and the sd of the respondents' gaps (95% t interval, t ~ 1.97 for large n). */
export function gapStat(expectation: number, perception: number, n: number, sd: number | null = 1.1): GapStat {
  const gap = perception - expectation;
  const half = sd !== null && n >= 2 ? (1.97 * sd) / Math.sqrt(n) : null;
  return { n, expectation, perception, gap, sd: n >= 2 ? sd : null, ciLow: half === null ? null : gap - half, ciHigh: half === null ? null : gap + half };
}

/** Item gaps per dimension: the 22 SERVQUAL items, expectation ~6.2, perception set by the gap wanted. */
const ITEM_GAPS: Record<string, number[]> = {
  tangibles: [0.4, 0.1, 0.25, -0.15],
  reliability: [-1.6, -1.3, -1.1, -1.45, -0.95],
  responsiveness: [-1.2, -0.9, -1.05, -0.7],
  assurance: [-0.3, -0.45, 0.05, -0.5],
  empathy: [-0.8, -0.6, -0.95, -0.55, -0.7],
};

const ITEM_TEXT: Record<string, string> = {
  '1': 'Up-to-date equipment',
  '5': 'Does what it promises by when',
  '6': 'Sympathetic when you have problems',
  '10': 'Tells you when services will be performed',
  '14': 'Employees you can trust',
  '18': 'Individual attention',
};

export function qualityResult(overrides: Partial<QualityGapResult> = {}): QualityGapResult {
  const n = 200;
  const items: ItemGap[] = [];
  let k = 1;
  const dims: DimensionGap[] = Object.entries(ITEM_GAPS).map(([dimension, gaps], di) => {
    const dItems = gaps.map((g) => {
      const id = String(k++);
      const e = 6.1 + ((k * 7) % 5) / 10;
      return { item: ITEM_TEXT[id] ? `Q${id} ${ITEM_TEXT[id]}` : `Q${id}`, dimension, ...gapStat(e, e + g, n - (k % 3), 1.2) };
    });
    items.push(...dItems);
    const e = dItems.reduce((s, i) => s + i.expectation, 0) / dItems.length;
    const g = dItems.reduce((s, i) => s + i.gap, 0) / dItems.length;
    return { dimension, items: dItems.length, weight: [0.12, 0.32, 0.22, 0.19, 0.15][di]!, ...gapStat(e, e + g, n, 0.9) };
  });
  items.sort((a, b) => a.gap - b.gap);
  dims.sort((a, b) => a.gap - b.gap);
  const overallGap = dims.reduce((s, d) => s + d.weight * d.gap, 0);
  void SERVQUAL_22_ITEMS;
  return {
    scale: { min: 1, max: 7 },
    respondents: n,
    linkedRespondents: 150,
    items,
    dimensions: dims,
    overall: { ...gapStat(6.3, 6.3 + overallGap, n, 0.8), weighting: 'respondent' },
    groups: null,
    groupOptions: [
      { by: 'segment', label: 'RFM segment', groups: 3 },
      { by: 'store', label: 'store', groups: 2 },
    ],
    messages: ['50 respondents have no customer id in the orders: they count in the gaps but not in the segments.'],
    ...overrides,
  };
}

/** The same result split by RFM segment into three groups. */
export function groupedQualityResult(): QualityGapResult {
  const base = qualityResult();
  const shift: Record<string, number> = { Champions: 0.35, 'At Risk': -0.4, Lost: -0.2 };
  const groups: QualityGroup[] = Object.entries(shift).map(([group, s], gi) => ({
    group,
    respondents: [60, 50, 40][gi]!,
    dimensions: base.dimensions.map((d) => ({ ...d, ...gapStat(d.expectation, d.perception + s, [60, 50, 40][gi]!, 1) })),
    overall: { ...gapStat(6.3, 6.3 + base.overall.gap + s, [60, 50, 40][gi]!, 0.9), weighting: 'respondent' as const },
  }));
  return { ...base, groups: { by: 'segment', label: 'RFM segment', groups } };
}

export function deliveryResult(overrides: Partial<DeliveryGapResult> = {}): DeliveryGapResult {
  return {
    delivered: 96478,
    onTime: 88649,
    late: 7829,
    onTimeShare: 88649 / 96478,
    undelivered: 1234,
    unreadable: { delivered: 0, promised: 0, reviews: 0 },
    daysLate: { mean: 9.6, median: 7, p90: 21, max: 188 },
    satisfaction: {
      scale: { min: 1, max: 5 },
      onTime: { n: 87000, mean: 4.21, sd: 1.2, ciLow: 4.2, ciHigh: 4.22 },
      late: { n: 7600, mean: 2.57, sd: 1.6, ciLow: 2.53, ciHigh: 2.61 },
      gap: -1.64,
      ciLow: -1.68,
      ciHigh: -1.6,
    },
    byMonth: [],
    messages: ['Orders not yet delivered are left out of the on-time share.'],
    ...overrides,
  };
}

const counts = (key: string, c: number, s: number, p: number, answered: number | null, days: number | null): VoiceCount => ({
  key,
  counts: { complaint: c, suggestion: s, compliment: p },
  total: c + s + p,
  answered,
  medianDaysToAnswer: days,
});

export const XSS_TEXT = '<img src=x onerror=alert(1)>';

export function voiceResult(overrides: Partial<VoiceResult> = {}): VoiceResult {
  const byCategory = [
    counts('Delivery', 180, 40, 25, 210, 2),
    counts('Product quality', 120, 35, 60, 150, 3.5),
    counts('Billing', 90, 12, 4, 80, 5),
    counts('Website', 40, 70, 15, 90, 1.5),
    counts('Staff', 25, 10, 85, 100, 1),
    counts('(none)', 12, 6, 3, null, null),
  ];
  const months = Array.from({ length: 12 }, (_, i) => {
    const m = `2024-${String(i + 1).padStart(2, '0')}`;
    return counts(m, 25 + ((i * 13) % 20) + (i === 10 ? 30 : 0), 10 + ((i * 7) % 9), 8 + ((i * 5) % 11), 30 + i, 2);
  });
  const byKind = Object.fromEntries(VOICE_KINDS.map((k) => [k, byCategory.reduce((s, c) => s + c.counts[k], 0)])) as Record<VoiceKind, number>;
  const total = byKind.complaint + byKind.suggestion + byKind.compliment;
  return {
    total,
    byKind,
    byCategory,
    byChannel: [counts('email', 250, 80, 60, 300, 2), counts('phone', 150, 40, 70, 230, 1), counts('web form', 67, 53, 62, 100, 4)],
    bySegment: [counts('Champions', 60, 50, 90, 180, 1), counts('At Risk', 200, 40, 20, 150, 3), counts('Lost', 120, 30, 12, 60, 6)],
    byMonth: months,
    answered: { share: 630 / total, medianDaysToAnswer: 2.5 },
    recent: [
      { customer_id: '1001', date: '2024-12-30', kind: 'complaint', category: 'Delivery', channel: 'email', text: XSS_TEXT, answered: false },
      { customer_id: '1002', date: '2024-12-28', kind: 'suggestion', category: 'Website', channel: 'web form', text: 'Please add a dark mode to the order tracking page.', answered: true },
      { customer_id: '1003', date: '2024-12-27', kind: 'compliment', category: 'Staff', channel: 'phone', text: 'The driver was very kind & carried the parcel upstairs.', answered: null },
    ],
    messages: ['12 pieces of feedback have no date: they count by category and channel but not by month.'],
    ...overrides,
  };
}

/**
 * The grouped result plus a group of 2 respondents (an RFM segment with n = 2): its 95% intervals
 * are about −23.5 … +21 on the 1-7 scale, as the reviewer saw on the real data.
 */
export function smallGroupQualityResult(): QualityGapResult {
  const base = groupedQualityResult();
  const tiny: QualityGroup = {
    group: 'Potential Loyalist',
    respondents: 2,
    dimensions: base.dimensions.map((d, i) => ({ ...d, n: 2, gap: -1.25 + i * 0.4, sd: 2.5, ciLow: -23.5 + i * 0.4, ciHigh: 21 + i * 0.4 })),
    overall: { n: 2, expectation: 6.2, perception: 5.6, gap: -0.6, sd: 2.4, ciLow: -22.2, ciHigh: 21, weighting: 'respondent' },
  };
  return { ...base, groups: { ...base.groups!, groups: [...base.groups!.groups, tiny] } };
}
