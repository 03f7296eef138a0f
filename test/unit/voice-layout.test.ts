import { describe, expect, it } from 'vitest';
import { voiceBarsLayout, voiceMonthsLayout } from '../../src/charts/voice-layout.js';
import type { VoiceCount } from '../../src/analytics/voice.js';

const count = (key: string, complaint: number, suggestion: number, compliment: number, answered: number | null = null, days: number | null = null): VoiceCount => ({
  key,
  counts: { complaint, suggestion, compliment },
  total: complaint + suggestion + compliment,
  answered,
  medianDaysToAnswer: days,
});

describe('voiceBarsLayout', () => {
  it('stacks complaints, suggestions and compliments left to right on one shared scale', () => {
    const l = voiceBarsLayout([count('Delivery', 60, 20, 20, 80, 2), count('Billing', 30, 0, 10)]);
    expect(l.max).to.equal(100);
    const [a, b] = l.bars;
    expect(a!.parts.map((p) => p.kind)).to.deep.equal(['complaint', 'suggestion', 'compliment']);
    expect(a!.parts[0]!.x0).to.equal(0);
    expect(a!.parts[0]!.x1).toBeCloseTo(0.6, 12);
    expect(a!.parts[1]!.x0).toBeCloseTo(0.6, 12);
    expect(a!.parts[2]!.x1).toBeCloseTo(1, 12);
    // A kind with no count is left out; the bar's end is its total.
    expect(b!.parts.map((p) => p.kind)).to.deep.equal(['complaint', 'compliment']);
    expect(b!.x1).toBeCloseTo(0.4, 12);
    expect(a!.answeredShare).toBeCloseTo(0.8, 12);
    expect(a!.medianDaysToAnswer).to.equal(2);
    expect(b!.answeredShare).to.equal(null);
    expect(l.ticks[0]).to.deep.equal({ value: 0, x: 0 });
    expect(l.ticks.at(-1)!.x).toBeCloseTo(1, 12);
  });

  it('rounds the scale up to a nice maximum and keeps the order given', () => {
    const l = voiceBarsLayout([count('b', 37, 0, 0), count('a', 80, 3, 0)]);
    expect(l.max).to.be.greaterThanOrEqual(83);
    expect(l.bars.map((b) => b.key)).to.deep.equal(['b', 'a']);
    expect(l.bars[0]!.x1 / l.bars[1]!.x1).toBeCloseTo(37 / 83, 12);
    expect(l.ticks.every((t) => Number.isInteger(t.value))).to.equal(true);
  });

  it('copes with no feedback at all', () => {
    const l = voiceBarsLayout([count('x', 0, 0, 0)]);
    expect(l.bars[0]!.parts).to.have.length(0);
    expect(l.bars[0]!.x1).to.equal(0);
    expect(voiceBarsLayout([]).bars).to.have.length(0);
  });
});

describe('voiceMonthsLayout', () => {
  const months = Array.from({ length: 12 }, (_, i) => count(`2024-${String(i + 1).padStart(2, '0')}`, 10 + i, 5, i % 3));

  it('stacks each month, complaints at the bottom, heights proportional to counts', () => {
    const l = voiceMonthsLayout(months, { width: 720, height: 200 });
    expect(l.columns).to.have.length(12);
    const c = l.columns[11]!;
    const [complaint, suggestion, compliment] = c.parts;
    expect(complaint!.kind).to.equal('complaint');
    expect(complaint!.y + complaint!.h).toBeCloseTo(l.baseline, 9);
    expect(suggestion!.y + suggestion!.h).toBeCloseTo(complaint!.y, 9);
    expect(compliment!.y + compliment!.h).toBeCloseTo(suggestion!.y, 9);
    expect(complaint!.h / suggestion!.h).toBeCloseTo(21 / 5, 9);
    expect(c.top).toBeCloseTo(compliment!.y, 9);
    // Month 1 has no compliments: that part is left out.
    expect(l.columns[0]!.parts.map((p) => p.kind)).to.deep.equal(['complaint', 'suggestion']);
  });

  it('spaces columns evenly inside the plot, left to right in month order', () => {
    const l = voiceMonthsLayout(months, { width: 720, height: 200, gutter: 40 });
    for (let i = 1; i < l.columns.length; i++) expect(l.columns[i]!.x).toBeGreaterThan(l.columns[i - 1]!.x + l.columns[i - 1]!.w);
    expect(l.columns[0]!.x).toBeGreaterThanOrEqual(40);
    expect(l.columns.at(-1)!.x + l.columns.at(-1)!.w).toBeLessThanOrEqual(720);
    expect(l.columns.every((c) => c.labelled)).to.equal(true);
    expect(l.yTicks[0]!.value).to.equal(0);
    expect(l.yTicks[0]!.y).toBeCloseTo(l.baseline, 9);
  });

  it('labels every k-th month when there are many', () => {
    const many = Array.from({ length: 36 }, (_, i) => count(`m${i}`, 1, 0, 0));
    const l = voiceMonthsLayout(many, { width: 720, height: 200, maxLabels: 12 });
    expect(l.columns.filter((c) => c.labelled)).to.have.length(12);
    expect(l.columns[0]!.labelled).to.equal(true);
    expect(l.columns[1]!.labelled).to.equal(false);
  });

  it('labels as many months as fit at the width it is drawn at (1 unit = 1 px), none overlapping', () => {
    const wide = voiceMonthsLayout(months, { width: 1100, height: 190 });
    expect(wide.columns.every((c) => c.labelled)).to.equal(true);
    for (const width of [700, 420, 260]) {
      const l = voiceMonthsLayout(months, { width, height: 190 });
      const xs = l.columns.filter((c) => c.labelled).map((c) => c.cx);
      expect(xs.length).toBeGreaterThanOrEqual(1);
      for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(48);
      expect(l.right).to.equal(width - 4);
    }
    expect(voiceMonthsLayout(months, { width: 260, height: 190 }).columns.filter((c) => c.labelled).length).toBeLessThan(12);
  });

  it('leaves room for longer month labels when told their width (other languages: "jan. de 2024")', () => {
    const short = voiceMonthsLayout(months, { width: 720, height: 190 });
    const long = voiceMonthsLayout(months, { width: 720, height: 190, labelWidth: 90 });
    const xs = long.columns.filter((c) => c.labelled).map((c) => c.cx);
    expect(xs.length).toBeLessThan(short.columns.filter((c) => c.labelled).length);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(90);
    // Keys are the data's months, untouched: the element formats them for the locale.
    expect(long.columns.map((c) => c.key)).to.deep.equal(months.map((m) => m.key));
  });
});
