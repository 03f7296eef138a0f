/**
 * Chart data for the PNG export tests (svg-canvas-painter.test.ts and the strict-policy probe
 * chart-export-csp-probe.ts, which runs in an iframe and cannot share the test file's module).
 */
import type { LadderResult } from '../../src/analytics/ladder.js';
import type { SegmentSummaryRow } from '../../src/data/rfm.js';
import { summaryRow } from '../helpers/segments.js';
import { thousandContactsLadder } from '../helpers/ladder.js';

const row = summaryRow;

export const SEGMENTS: SegmentSummaryRow[] = [row('Champions', 35, 20000), row('Loyal', 50, 15000), row('At risk', 40, 8000), row('Lost', 75, 7000)];

/** 1,000 contacts on the rungs and 120 lapsed (hatched boxes), as ladder.test.ts draws them. */
export const ladderResult = (): LadderResult => thousandContactsLadder();

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
