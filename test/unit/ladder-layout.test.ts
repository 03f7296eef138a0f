import { describe, expect, it } from 'vitest';
import { ladderLayout, UNAVAILABLE_WIDTH_SHARE } from '../../src/charts/ladder-layout.js';
import { LADDER_RUNGS, type LadderResult, type LadderRung } from '../../src/analytics/ladder.js';
import { defaultRules, evidenceRungs, rungRow } from '../helpers/ladder.js';


/** 400 contacts: 300 on rungs, 100 lapsed; advocate not available (no feedback). */
function ladder(overrides: Partial<LadderResult> = {}): LadderResult {
  return {
    asOf: '2025-01-01',
    contacts: 400,
    rungs: [
      rungRow('prospect', 40, 400, 0, { conversionToNext: 0.9, dropOff: 0.1 }),
      rungRow('customer', 160, 360, 8000, { conversionToNext: 0.5, dropOff: 0.5, medianDaysToNext: 40 }),
      rungRow('client', 80, 180, 24000, { conversionToNext: 0.2, dropOff: 0.8, medianDaysToNext: 90 }),
      rungRow('supporter', 20, 20, 12000, { conversionToNext: null }),
      rungRow('advocate', 0, 0, 0, { available: false }),
      rungRow('partner', 0, 0, 0),
    ],
    lapsed: { customers: 100, revenue: 5000, from: { prospect: 0, customer: 70, client: 25, supporter: 5, advocate: 0, partner: 0 }, windowDays: 180, windowDerived: true },
    evidence: {
      customerList: true,
      feedback: 'absent',
      feedbackRows: 0,
      feedbackCustomers: 0,
      matchedCustomers: 0,
      placingCustomers: 0,
      rungs: evidenceRungs(),
      messages: ['No feedback loaded: supporter is inferred from frequency, advocate is not available.'],
    },
    rules: defaultRules(),
    ...overrides,
  };
}

const opts = { width: 700, height: 400, measure: 'customers' as const };

describe('ladderLayout', () => {
  it('draws one step per rung, prospect at the top, centred, widths proportional to customers', () => {
    const l = ladderLayout(ladder(), opts);
    expect(l.steps.map((s) => s.rung)).to.deep.equal([...LADDER_RUNGS]);
    for (let i = 1; i < l.steps.length; i++) expect(l.steps[i]!.y).toBeGreaterThan(l.steps[i - 1]!.y + l.steps[i - 1]!.h);
    const [prospect, customer, client, supporter] = l.steps;
    expect(customer!.w / client!.w).toBeCloseTo(160 / 80, 9);
    expect(client!.w / supporter!.w).toBeCloseTo(80 / 20, 9);
    expect(customer!.w / prospect!.w).toBeCloseTo(160 / 40, 9);
    for (const s of l.steps) {
      expect(s.x + s.w / 2).toBeCloseTo(l.centre, 9);
      expect(s.x).toBeGreaterThanOrEqual(l.labelX);
      expect(s.x + s.w).toBeLessThanOrEqual(l.lapsed.x);
    }
    // The widest value on the scale (reached by prospects: everyone) fills the funnel.
    expect(prospect!.reachedW).toBeCloseTo(l.maxWidth, 9);
    expect(customer!.reachedW! / prospect!.reachedW!).toBeCloseTo(360 / 400, 9);
    expect(l.total).to.equal(400);
    expect(customer!.share).toBeCloseTo(160 / 400, 12);
  });

  it('flags an unavailable rung with a fixed outline width instead of 0', () => {
    const l = ladderLayout(ladder(), opts);
    const advocate = l.steps.find((s) => s.rung === 'advocate')!;
    expect(advocate.available).to.equal(false);
    expect(advocate.zero).to.equal(false);
    expect(advocate.w).toBeCloseTo(l.maxWidth * UNAVAILABLE_WIDTH_SHARE, 9);
    expect(advocate.share).to.equal(null);
    expect(advocate.reachedW).to.equal(null);
    // No conversion is claimed into or out of it.
    expect(l.conversions.find((c) => c.to === 'advocate')!.conversion).to.equal(null);
    expect(l.conversions.find((c) => c.from === 'advocate')!.conversion).to.equal(null);
  });

  it('gives a zero rung no width and the zero flag, and a tiny rung the minimum width', () => {
    const rungs = ladder().rungs.map((r) => (r.rung === 'client' ? { ...r, customers: 1, reached: 1 } : r));
    const l = ladderLayout(ladder({ rungs }), { ...opts, minWidth: 6 });
    const partner = l.steps.find((s) => s.rung === 'partner')!;
    expect(partner.zero).to.equal(true);
    expect(partner.available).to.equal(true);
    expect(partner.w).to.equal(0);
    expect(partner.share).to.equal(0);
    expect(l.steps.find((s) => s.rung === 'client')!.w).to.equal(6);
  });

  it('labels conversions and drop-offs between consecutive steps, in the gaps', () => {
    const l = ladderLayout(ladder(), opts);
    expect(l.conversions).to.have.length(5);
    const first = l.conversions[0]!;
    expect([first.from, first.to]).to.deep.equal(['prospect', 'customer']);
    expect(first.conversion).to.equal(0.9);
    expect(first.dropOff).to.equal(0.1);
    const [a, b] = l.steps;
    expect(first.y).toBeGreaterThan(a!.y + a!.h);
    expect(first.y).toBeLessThan(b!.y);
    expect(l.conversions[2]).toMatchObject({ from: 'client', to: 'supporter', conversion: 0.2, dropOff: 0.8 });
    expect(l.conversions[3]!.conversion).to.equal(null);
  });

  it('puts the lapsed box right of the funnel, on the same scale, with one band per rung it came from', () => {
    const l = ladderLayout(ladder(), opts);
    const box = l.lapsed;
    expect(box.customers).to.equal(100);
    expect(box.x).toBeGreaterThanOrEqual(Math.max(...l.steps.map((s) => s.x + s.w)));
    expect(box.x + box.w).toBeLessThanOrEqual(opts.width);
    const customer = l.steps.find((s) => s.rung === 'customer')!;
    expect(box.w / customer.w).toBeCloseTo(100 / 160, 9);
    expect(box.share).toBeCloseTo(100 / 400, 12);
    expect(box.bands.map((b) => b.from)).to.deep.equal(['customer', 'client', 'supporter']);
    expect(box.bands.map((b) => b.customers)).to.deep.equal([70, 25, 5]);
    // Thickness in proportion, stacked top to bottom inside the box's height.
    expect(box.bands[0]!.thickness / box.bands[1]!.thickness).toBeCloseTo(70 / 25, 9);
    const sum = box.bands.reduce((s, b) => s + b.thickness, 0);
    expect(sum).toBeCloseTo(box.h, 9);
    for (const b of box.bands) {
      expect(b.x1).to.equal(box.x);
      expect(b.y1).toBeGreaterThan(box.y);
      expect(b.y1).toBeLessThan(box.y + box.h);
      expect(b.path.startsWith(`M${b.x0},${b.y0}C`)).to.equal(true);
    }
    expect(box.bands[0]!.x0).toBeCloseTo(customer.x + customer.w, 9);
  });

  it('cuts a lapsed box wider than its column and says so; no bands when nobody lapsed', () => {
    const big = ladderLayout(ladder({ lapsed: { ...ladder().lapsed, customers: 1000 } }), opts);
    expect(big.lapsed.clipped).to.equal(true);
    expect(big.lapsed.x + big.lapsed.w).toBeLessThanOrEqual(opts.width);
    const none = ladderLayout(
      ladder({ lapsed: { customers: 0, revenue: 0, from: { prospect: 0, customer: 0, client: 0, supporter: 0, advocate: 0, partner: 0 }, windowDays: 180, windowDerived: false } }),
      opts,
    );
    expect(none.lapsed.zero).to.equal(true);
    expect(none.lapsed.w).to.equal(0);
    expect(none.lapsed.bands).to.deep.equal([]);
  });

  it('sizes by revenue: widths follow revenue, no reached outline', () => {
    const l = ladderLayout(ladder(), { ...opts, measure: 'revenue' });
    const by = (r: LadderRung) => l.steps.find((s) => s.rung === r)!;
    expect(by('client').w).toBeCloseTo(l.maxWidth, 9);
    expect(by('customer').w / by('client').w).toBeCloseTo(8000 / 24000, 9);
    expect(by('supporter').w / by('client').w).toBeCloseTo(12000 / 24000, 9);
    expect(by('prospect').zero).to.equal(true);
    expect(by('customer').reachedW).to.equal(null);
    expect(l.total).to.equal(8000 + 24000 + 12000 + 5000);
    expect(l.lapsed.w / by('client').w).toBeCloseTo(5000 / 24000, 9);
    // Widths differ from the customers picture.
    expect(by('customer').w).not.toBeCloseTo(ladderLayout(ladder(), opts).steps[1]!.w, 3);
  });

  it('treats negative revenue (returns) as no width, and a rung missing from the input as not available', () => {
    const rungs = ladder()
      .rungs.filter((r) => r.rung !== 'partner')
      .map((r) => (r.rung === 'customer' ? { ...r, revenue: -50 } : r));
    const l = ladderLayout(ladder({ rungs }), { ...opts, measure: 'revenue' });
    expect(l.steps).to.have.length(6);
    expect(l.steps[1]!.w).to.equal(0);
    expect(l.steps[5]!.available).to.equal(false);
  });

  it('keeps every mark inside the box when everything is zero', () => {
    const empty = ladder({
      contacts: 0,
      rungs: ladder().rungs.map((r) => ({ ...r, customers: 0, reached: 0, revenue: 0 })),
      lapsed: { ...ladder().lapsed, customers: 0, revenue: 0 },
    });
    const l = ladderLayout(empty, opts);
    expect(l.total).to.equal(0);
    for (const s of l.steps) {
      expect(Number.isFinite(s.x) && Number.isFinite(s.w)).to.equal(true);
      expect(s.share).to.equal(null);
      expect(s.y + s.h).toBeLessThanOrEqual(opts.height);
    }
  });
});
