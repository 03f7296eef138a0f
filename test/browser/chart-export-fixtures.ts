/**
 * Chart data for the PNG export tests (svg-canvas-painter.test.ts and the strict-policy probe
 * chart-export-csp-probe.ts, which runs in an iframe and cannot share the test file's module).
 */
import type { LadderResult } from '../../src/analytics/ladder.js';
import type { SegmentSummaryRow } from '../../src/data/rfm.js';
import { defaultRules, evidenceRungs, rungRow } from '../helpers/ladder.js';

function row(segment: string, customers: number, revenue: number): SegmentSummaryRow {
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

export const SEGMENTS: SegmentSummaryRow[] = [row('Champions', 35, 20000), row('Loyal', 50, 15000), row('At risk', 40, 8000), row('Lost', 75, 7000)];

/** 1,000 contacts on the rungs and 120 lapsed (hatched boxes), as ladder.test.ts draws them. */
export function ladderResult(): LadderResult {
  return {
    asOf: '2025-01-01',
    contacts: 1000,
    rungs: [
      rungRow('prospect', 300, 1000, 0, { conversionToNext: 0.7, dropOff: 0.3 }),
      rungRow('customer', 350, 700, 17500, { conversionToNext: 0.4, dropOff: 0.6, medianDaysToNext: 45 }),
      rungRow('client', 150, 280, 30000, { conversionToNext: 0.25, dropOff: 0.75, medianDaysToNext: 120.5 }),
      rungRow('supporter', 60, 70, 24000, { conversionToNext: null }),
      rungRow('advocate', 0, 0, 0, { available: false }),
      rungRow('partner', 20, 20, 40000),
    ],
    lapsed: { customers: 120, revenue: 6000, from: { prospect: 0, customer: 80, client: 30, supporter: 10, advocate: 0, partner: 0 }, windowDays: 365, windowDerived: true },
    evidence: {
      customerList: true,
      feedback: 'unmatched',
      feedbackRows: 40,
      feedbackCustomers: 12,
      matchedCustomers: 0,
      placingCustomers: 0,
      rungs: evidenceRungs({ advocate: { basis: 'missing', note: 'no feedback: recommendation cannot be told' } }),
      messages: [],
    },
    rules: defaultRules(),
  };
}

/** How many distinct colours a sample of the image's pixels holds (a blank PNG has one). */
export function coloursIn(data: Uint8ClampedArray, limit = 50): number {
  const colours = new Set<number>();
  for (let i = 0; i < data.length && colours.size < limit; i += 4 * 13) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
  return colours.size;
}

/** A PNG blob's size and pixels. */
export async function pngPixels(blob: Blob): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const bitmap = await createImageBitmap(blob);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  return { width: bitmap.width, height: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
}
