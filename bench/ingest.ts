/**
 * The ingest breakdown of bench/measure.ts as a page of its own, for running by hand (`npm run
 * bench` drives bench/suite.html, whose `detail` runs the same measurements on a file it
 * fetches): generates the sample CSV in the page (not timed), starts the engine once, runs the
 * measurements of measure.ts, and leaves everything on `window.__rapportBench`. From
 * `npm start`, open /bench/ingest.html?lines=100000&runs=1 (add `&cdnow=URL` for the CDNOW
 * master's CLV fit, e.g. `/@fs/<absolute path>/CDNOW_master.csv` when the dev server may serve
 * that folder).
 */
import { createBrowserEngine } from '../src/data/engine/browser-engine.js';
import type { Engine } from '../src/data/engine/engine.js';
import { workerClvRunner } from '../src/data/clv-runner.js';
import { sampleOrdersCsv } from '../src/sample/sample-orders.js';
import { sampleSurveyCsv } from '../src/sample/sample-survey.js';
import { customersFor, runBench, type RunResult } from './measure.js';

export interface BrowserBenchState {
  status: 'running' | 'done' | 'error';
  phase: string;
  error?: string;
  params?: { lines: number; runs: number; customers: number };
  csv?: { dataLines: number; bytes: number; generateMs: number; encodeMs: number };
  engineStartMs?: number;
  firstQueryMs?: number;
  userAgent?: string;
  heapMeasured?: boolean;
  rawOptions?: string;
  rawDefaultError?: string | null;
  runs?: RunResult[];
  /** The CDNOW master (`?cdnow=URL`): its size and fetch time, or why it was skipped. */
  cdnow?: { url: string; bytes: number; fetchMs: number } | { skipped: string };
}

declare global {
  interface Window {
    __rapportBench: BrowserBenchState;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number; totalJSHeapSize: number; jsHeapSizeLimit: number };
  }
}

const out = document.getElementById('out')!;
const state: BrowserBenchState = { status: 'running', phase: 'starting', userAgent: navigator.userAgent };
window.__rapportBench = state;
const phase = (text: string) => {
  state.phase = text;
  out.textContent = `${text}...`;
};

const positive = (v: string | null, fallback: number) => {
  const n = Number(v);
  return v !== null && Number.isFinite(n) && n >= 1 ? Math.floor(n) : fallback;
};

async function main(): Promise<void> {
  const q = new URLSearchParams(location.search);
  const lines = positive(q.get('lines'), 1_000_000);
  const runs = positive(q.get('runs'), 3);
  const customers = positive(q.get('customers'), customersFor(lines));
  state.params = { lines, runs, customers };

  phase(`generating ~${lines.toLocaleString('en-US')} lines (${customers.toLocaleString('en-US')} customers)`);
  await new Promise((r) => setTimeout(r, 0)); // let the phase show before the page is busy
  let t = performance.now();
  let csv = sampleOrdersCsv({ customers });
  const generateMs = performance.now() - t;
  let newlines = 0;
  for (let i = csv.indexOf('\n'); i !== -1; i = csv.indexOf('\n', i + 1)) newlines++;
  t = performance.now();
  const bytes = new TextEncoder().encode(csv);
  const encodeMs = performance.now() - t;
  csv = ''; // only the bytes from here on
  state.csv = { dataLines: newlines - 1, bytes: bytes.byteLength, generateMs, encodeMs };
  phase('generating the survey of the same customers');
  await new Promise((r) => setTimeout(r, 0));
  const survey = new TextEncoder().encode(sampleSurveyCsv({ customers }));

  // The CDNOW master, by URL (scripts/bench.mjs passes the dev server's /@fs/ path when the file exists).
  const cdnowUrl = q.get('cdnow');
  let cdnow: Uint8Array | null = null;
  if (!cdnowUrl) state.cdnow = { skipped: 'no ?cdnow= URL given' };
  else {
    phase('fetching the CDNOW master');
    t = performance.now();
    try {
      const response = await fetch(cdnowUrl);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      cdnow = new Uint8Array(await response.arrayBuffer());
      state.cdnow = { url: cdnowUrl, bytes: cdnow.byteLength, fetchMs: performance.now() - t };
    } catch (e) {
      state.cdnow = { skipped: `${cdnowUrl}: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  phase('starting the engine');
  t = performance.now();
  const engine: Engine = await createBrowserEngine();
  state.engineStartMs = performance.now() - t;
  try {
    t = performance.now();
    await engine.query('SELECT 1');
    state.firstQueryMs = performance.now() - t;

    const gc = (globalThis as { gc?: () => void }).gc;
    state.heapMeasured = Boolean(performance.memory);
    const result = await runBench(engine, bytes, runs, {
      heap: () => performance.memory?.usedJSHeapSize ?? null,
      ...(gc ? { gc } : {}),
      phase,
      survey,
      // The model worker, as the page runs it (clv-worker.ts served by the dev server).
      clvRunner: workerClvRunner(),
      cdnow,
    });
    state.rawOptions = result.rawOptions;
    state.rawDefaultError = result.rawDefaultError;
    state.runs = result.runs;
  } finally {
    await engine.close();
  }
  state.status = 'done';
  state.phase = 'done';
  out.textContent = JSON.stringify(state, null, 2);
}

main().catch((e: unknown) => {
  state.status = 'error';
  state.error = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
  out.textContent = `ERROR ${state.error}`;
});
