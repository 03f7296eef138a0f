/**
 * Loaded by svg-canvas-painter.test.ts in an iframe whose page carries the strict Content-
 * Security-Policy of TOOLCHAIN.md (`img-src 'self'`: no data: or blob: images): checks that the
 * policy refuses a data: image (so it is in force), draws a segments treemap and a ladder, exports
 * each with chartToPng, and posts what came out to the parent page.
 */
import '../../src/components/segments/rapport-segments.js';
import '../../src/components/ladder/rapport-ladder.js';
import type { RapportSegments } from '../../src/components/segments/rapport-segments.js';
import type { RapportLadder } from '../../src/components/ladder/rapport-ladder.js';
import { chartToPng } from '../../src/components/base/chart-export.js';
import { coloursIn, ladderResult, pngPixels, SEGMENTS } from './chart-export-fixtures.js';

function dataImageLoads(): Promise<boolean> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve(true);
    img.onerror = () => resolve(false);
    img.src = 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
  });
}

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));

async function exported(el: HTMLElement & { updateComplete: Promise<boolean> }) {
  document.body.append(el);
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  const box = el.getBoundingClientRect();
  try {
    const blob = await chartToPng(el, { scale: 2 });
    const { width, height, data } = await pngPixels(blob);
    return { type: blob.type, width, height, expectedWidth: Math.ceil(box.width) * 2, expectedHeight: Math.ceil(box.height) * 2, colours: coloursIn(data), png: await dataOf(blob) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

async function dataOf(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const dataImage = await dataImageLoads();
const segments = document.createElement('rapport-segments') as RapportSegments;
segments.setAttribute('locale', 'en-US');
segments.summary = SEGMENTS;
const ladder = document.createElement('rapport-ladder') as RapportLadder;
ladder.setAttribute('locale', 'en-US');
ladder.ladder = ladderResult();
const results = { segments: await exported(segments), ladder: await exported(ladder) };
parent.postMessage({ probe: 'chart-export-csp', dataImage, violations: [...new Set(violations)], results }, '*');
