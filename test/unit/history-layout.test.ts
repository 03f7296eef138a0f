import { describe, expect, it } from 'vitest';
import type { CustomerOrder } from '../../src/analytics/customer-detail.js';
import { historyLayout } from '../../src/charts/history-layout.js';

const order = (order_id: string, order_date: string, amount: number): CustomerOrder => ({
  order_id,
  order_date,
  amount,
  quantity: null,
  channel: null,
  status: null,
  margin: null,
  is_return: amount < 0,
});

const ORDERS = [order('1', '2024-01-10', 100), order('2', '2024-03-05', 50), order('3', '2024-03-20', -40), order('4', '2024-06-01', 200)];
const SIZE = { width: 600, height: 200 };

describe('history layout', () => {
  it('is null without a dated order', () => {
    expect(historyLayout([], '2024-01-01', SIZE)).toBeNull();
    expect(historyLayout([order('x', 'not a date', 5)], null, SIZE)).toBeNull();
  });

  it('spans the first order to the analysis date, one mark per order in time order', () => {
    const l = historyLayout(ORDERS, '2024-07-01', SIZE)!;
    expect(l.start).toBe('2024-01-10');
    expect(l.end).toBe('2024-07-01');
    expect(l.marks.map((m) => m.order.order_id)).toEqual(['1', '2', '3', '4']);
    const xs = l.marks.map((m) => m.cx);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // The as-of line is right of every order and inside the plot.
    expect(l.asOfX!).toBeGreaterThan(xs[3]!);
    expect(l.asOfX!).toBeLessThanOrEqual(l.plot.x1);
    expect(xs[0]!).toBeGreaterThanOrEqual(l.plot.x0);
    // Time is linear: 55 days from order 1 to 2, 73 from 3 to 4.
    const perDay = (xs[1]! - xs[0]!) / 55;
    expect((xs[3]! - xs[2]!) / 73).toBeCloseTo(perDay, 6);
  });

  it('raises purchases above the axis by amount and hangs returns below it', () => {
    const l = historyLayout(ORDERS, '2024-07-01', SIZE)!;
    const [a, b, ret, d] = l.marks;
    expect(a!.y + a!.h).toBeCloseTo(l.zeroY, 6);
    expect(a!.h / b!.h).toBeCloseTo(2, 6);
    expect(d!.h / a!.h).toBeCloseTo(2, 6);
    expect(ret!.isReturn).toBe(true);
    expect(ret!.y).toBeCloseTo(l.zeroY, 6);
    expect(ret!.h / b!.h).toBeCloseTo(40 / 50, 6);
    expect(l.zeroY).toBeLessThan(l.plot.y1);
    expect(l.valueTicks.some((t) => t.value === 0 && Math.abs(t.y - l.zeroY) < 1e-9)).toBe(true);
    expect(l.valueTicks.every((t) => t.y >= l.plot.y0 - 1e-9 && t.y <= l.plot.y1 + 1e-9)).toBe(true);
    // Room below the axis for the return, not much more: the domain is nice, not padded.
    expect(l.plot.y1 - ret!.y - ret!.h).toBeLessThan(ret!.h * 2);
  });

  it('puts the axis at the bottom when there is no return', () => {
    const l = historyLayout([order('1', '2024-01-10', 10), order('2', '2024-02-10', 20)], null, SIZE)!;
    expect(l.zeroY).toBeCloseTo(l.plot.y1, 6);
    expect(l.asOfX).toBeNull();
    expect(l.end).toBe('2024-02-10');
  });

  it('ticks every month of the span, labels thinned to the maximum', () => {
    const l = historyLayout(ORDERS, '2024-07-01', SIZE)!;
    expect(l.monthTicks.map((t) => t.month)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07']);
    expect(l.monthTicks.every((t) => t.labelled)).toBe(true);
    const ticks = l.monthTicks.map((t) => t.x);
    expect([...ticks].sort((a, b) => a - b)).toEqual(ticks);
    const long = historyLayout([order('1', '2020-01-01', 5), order('2', '2023-12-15', 5)], '2024-01-01', { ...SIZE, maxMonthLabels: 6 })!;
    expect(long.monthTicks).toHaveLength(49);
    const labelled = long.monthTicks.filter((t) => t.labelled);
    expect(labelled.length).toBeLessThanOrEqual(6);
    expect(labelled[0]!.month).toBe('2020-01');
  });

  it('sets orders of the same day side by side, and gives one order a span to stand on', () => {
    const l = historyLayout([order('a', '2024-05-01', 10), order('b', '2024-05-01', 20)], null, SIZE)!;
    const [a, b] = l.marks;
    expect(b!.cx - a!.cx).toBeCloseTo(a!.w, 6);
    expect(a!.x + a!.w).toBeLessThanOrEqual(b!.x + 1e-9);
    const one = historyLayout([order('a', '2024-05-01', 10)], null, SIZE)!;
    expect(one.marks).toHaveLength(1);
    expect(Number.isFinite(one.marks[0]!.cx)).toBe(true);
    expect(one.end).toBe('2024-05-02');
  });

  it('keeps the as-of line inside the plot when the analysis date is before every order', () => {
    // Scored on 2024-01-01, first bought in March: the axis starts at the analysis date.
    const l = historyLayout([order('1', '2024-03-01', 10), order('2', '2024-04-01', 20)], '2024-01-01', SIZE)!;
    expect(l.start).toBe('2024-01-01');
    expect(l.end).toBe('2024-04-01');
    expect(l.asOfX!).toBeGreaterThanOrEqual(l.plot.x0);
    expect(l.asOfX!).toBeLessThanOrEqual(l.plot.x1);
    expect(l.asOfX!).toBeLessThan(l.marks[0]!.cx);
    expect(l.monthTicks[0]!.month).toBe('2024-01');
    for (const m of l.marks) {
      expect(m.x).toBeGreaterThanOrEqual(l.plot.x0);
      expect(m.x + m.w).toBeLessThanOrEqual(l.plot.x1);
    }
  });

  it('keeps a crowded day inside the plot: bars narrow to fit its group, groups clamped to the edges', () => {
    const busy = Array.from({ length: 300 }, (_, i) => order(`b${i}`, '2024-06-30', 10 + i));
    const orders = [order('a', '2024-01-01', 5), ...busy, ...Array.from({ length: 200 }, (_, i) => order(`c${i}`, '2024-01-01', 5))];
    const l = historyLayout(orders, '2024-06-30', SIZE)!;
    expect(l.marks).toHaveLength(501);
    for (const m of l.marks) {
      expect(m.x).toBeGreaterThanOrEqual(l.plot.x0 - 1e-9);
      expect(m.x + m.w).toBeLessThanOrEqual(l.plot.x1 + 1e-9);
    }
    expect(l.marks[0]!.w * 300).toBeLessThanOrEqual(l.plot.x1 - l.plot.x0 + 1e-9);
    // Side by side still: no two bars of the busy day overlap.
    const xs = l.marks.filter((m) => m.order.order_id.startsWith('b')).map((m) => m.x);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeCloseTo(l.marks[0]!.w, 9);
    // A small group at the last day sits against the right edge, not past it.
    const two = historyLayout([order('a', '2024-01-01', 5), ...Array.from({ length: 5 }, (_, i) => order(`d${i}`, '2024-06-30', 5))], null, SIZE)!;
    expect(Math.max(...two.marks.map((m) => m.x + m.w))).toBeLessThanOrEqual(two.plot.x1 + 1e-9);
  });

  it('lays out a very long history without overflowing the call stack', () => {
    const n = 300_000;
    const base = Date.UTC(2000, 0, 1);
    const many = Array.from({ length: n }, (_, i) => order(String(i), new Date(base + (i % 8000) * 86_400_000).toISOString().slice(0, 10), (i % 7) - 1));
    const l = historyLayout(many, '2025-01-01', SIZE)!;
    expect(l.marks).toHaveLength(n);
    expect(l.start).toBe('2000-01-01');
    expect(l.end).toBe('2025-01-01');
    expect(l.zeroY).toBeLessThan(l.plot.y1);
  });

  it('draws a zero-amount order as a sliver, not nothing', () => {
    const l = historyLayout([order('a', '2024-05-01', 0), order('b', '2024-06-01', 10)], null, SIZE)!;
    expect(l.marks[0]!.h).toBeGreaterThan(0);
  });
});
