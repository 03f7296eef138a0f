/**
 * What `rapport delivery` prints: the operational gap (promised vs actual delivery, late vs
 * on-time review scores) as text or JSON. Pure: the wiring is in main.ts.
 */
import type { DeliveryGapResult, ScoreStat } from '../analytics/delivery.js';

const count = (x: number) => x.toLocaleString('en-US');
const fixed = (x: number | null, digits = 2) => (x === null ? '-' : x.toFixed(digits));
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The JSON `--json` prints: the result, keys in reading order. */
export function deliveryJson(r: DeliveryGapResult) {
  return {
    delivered: r.delivered,
    onTime: r.onTime,
    late: r.late,
    onTimeShare: r.onTimeShare,
    undelivered: r.undelivered,
    daysLate: r.daysLate,
    satisfaction: r.satisfaction,
    byMonth: r.byMonth,
    messages: r.messages,
  };
}

function scoreLine(label: string, s: ScoreStat): string {
  const ci = s.ciLow === null || s.ciHigh === null ? '' : `  95% CI ${fixed(s.ciLow)} to ${fixed(s.ciHigh)}`;
  return `  ${label.padEnd(9)} n ${count(s.n).padStart(8)}  mean ${fixed(s.mean)}  sd ${fixed(s.sd)}${ci}`;
}

export function deliveryText(r: DeliveryGapResult): string {
  const lines = [
    'Delivery: promised vs actual',
    `  delivered      ${count(r.delivered)}`,
    `  on time        ${count(r.onTime)} (${percent(r.onTimeShare)})`,
    `  late           ${count(r.late)}`,
    `  undelivered    ${count(r.undelivered)}`,
  ];
  if (r.daysLate) {
    const d = r.daysLate;
    lines.push(`  days late      mean ${fixed(d.mean, 1)}, median ${d.median}, p90 ${d.p90}, max ${d.max}`);
  }
  const s = r.satisfaction;
  if (s) {
    lines.push('', `Review score (${s.scale.min}-${s.scale.max} scale): late vs on time`, scoreLine('on time', s.onTime), scoreLine('late', s.late));
    const ci = s.ciLow === null || s.ciHigh === null ? '' : `  Welch 95% CI ${fixed(s.ciLow)} to ${fixed(s.ciHigh)}`;
    lines.push(`  gap (late - on time) ${s.gap >= 0 ? '+' : ''}${fixed(s.gap)}${ci}`);
  }
  if (r.byMonth.length) {
    lines.push('', 'By promised month', '  month     delivered    late  on time');
    for (const m of r.byMonth) lines.push(`  ${m.month}  ${count(m.delivered).padStart(9)}  ${count(m.late).padStart(6)}  ${percent(m.onTimeShare).padStart(7)}`);
  }
  return lines.join('\n');
}
