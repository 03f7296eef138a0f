/**
 * The browser half of `npm run bench` (scripts/bench.mjs drives it through playwright-core):
 * functions on `window.__rapportSuite`, each measuring one competitor on one file that the page
 * fetches from the dev server (the fetch is not timed). scripts/bench.mjs interleaves them.
 *
 *   floor(url, name, columns)   raw DuckDB-WASM: a fresh engine (cold start timed apart), the
 *                               bytes registered, read_csv into a table, the one RFM query of
 *                               floor-sql.ts
 *   rapport(url, name)          a fresh engine (cold start), `<rapport-dashboard>` given it, then
 *                               loadFile(File) until every section is drawn (time-to-dashboard),
 *                               with long tasks and JS heap watched; a segment-rules change (to
 *                               the treemap redrawn, and to everything settled); a segment
 *                               selected as a treemap click does (to the list, the headline and
 *                               the ladder showing the selection, and to everything settled);
 *                               then, on an engine of its own, the API steps alone (ingest, RFM +
 *                               segments, ladder)
 *   detail(url, runs, cdnowUrl) the per-stage ingest breakdown and analytics of measure.ts
 *
 * "Drawn" is: every analysis the dashboard started has settled (its runAnalytics and
 * applySelection promises, observed by wrapping them on the instance), then the dashboard and
 * every Lit element in its shadow tree report updateComplete, then one animation frame.
 */
import { createBrowserEngine } from '../src/data/engine/browser-engine.js';
import type { Engine } from '../src/data/engine/engine.js';
import { rowsOf } from '../src/data/arrow-rows.js';
import { ingestOrders } from '../src/data/ingest/ingest.js';
import { forgetScoring, readScoreOverview } from '../src/data/rfm.js';
import { forgetLadder, readLadder } from '../src/data/ladder.js';
import { workerClvRunner } from '../src/data/clv-runner.js';
import '../src/components/dashboard/rapport-dashboard.js';
import { sampleOrdersCsv } from '../src/sample/sample-orders.js';
import { floorReadSql, floorRfmSql, type FloorColumns } from './floor-sql.js';
import { duckdbMemory, runBench, type BenchResult } from './measure.js';

declare global {
  interface Window {
    __rapportSuite: typeof suite;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number; totalJSHeapSize: number; jsHeapSizeLimit: number };
  }
}

const now = () => performance.now();
const frame = () => new Promise<number>((r) => requestAnimationFrame(() => r(now())));
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const message = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

// ---- long tasks and JS heap ---------------------------------------------------------------
const longTasks: { start: number; duration: number }[] = [];
let longTasksSupported = false;
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  longTasksSupported = true;
} catch {
  // Reported as unsupported.
}

/** Main-thread blocking in [t0, t1]: the longest task and total blocking time (sum of each task's time over 50 ms). */
export interface Blocking {
  longestMs: number;
  tbtMs: number;
  tasks: number;
}

async function blocking(t0: number, t1: number): Promise<Blocking | null> {
  if (!longTasksSupported) return null;
  await tick(50); // entries are delivered after the task
  const tasks = longTasks.filter((t) => t.start + t.duration > t0 && t.start < t1);
  return {
    longestMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
    tbtMs: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
    tasks: tasks.length,
  };
}

/** Peak used JS heap, sampled every 20 ms (and at the end) while `stop` has not been called. */
function heapSampler(): { stop: () => number | null } {
  if (!performance.memory) return { stop: () => null };
  let peak = performance.memory.usedJSHeapSize;
  const id = setInterval(() => {
    peak = Math.max(peak, performance.memory!.usedJSHeapSize);
  }, 20);
  return {
    stop: () => {
      clearInterval(id);
      return Math.max(peak, performance.memory!.usedJSHeapSize);
    },
  };
}


async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function startEngine(): Promise<{ engine: Engine; coldStartMs: number }> {
  const t = now();
  const engine = await createBrowserEngine();
  await engine.query('SELECT 1');
  return { engine, coldStartMs: now() - t };
}

// ---- the floor ----------------------------------------------------------------------------
export interface FloorResult {
  coldStartMs: number;
  loadMs: number;
  readMs: number;
  rfmMs: number;
  /** load + read + RFM query. */
  totalMs: number;
  rows: number;
  segments: number;
  customers: number;
  duckdbBytes: number | null;
}

async function floor(url: string, name: string, columns: FloorColumns): Promise<FloorResult> {
  let bytes: Uint8Array | null = await fetchBytes(url);
  gc();
  const { engine, coldStartMs } = await startEngine();
  try {
    const t0 = now();
    await engine.load({ kind: 'file', name, bytes });
    const t1 = now();
    await engine.query(floorReadSql(name, 'csv'));
    const t2 = now();
    const summary = rowsOf<{ segment: string; customers: number }>(await engine.query(floorRfmSql(columns)));
    const t3 = now();
    bytes = null;
    const [count] = rowsOf<{ n: number }>(await engine.query('SELECT CAST(count(*) AS DOUBLE) AS n FROM floor_orders'));
    return {
      coldStartMs,
      loadMs: t1 - t0,
      readMs: t2 - t1,
      rfmMs: t3 - t2,
      totalMs: t3 - t0,
      rows: count?.n ?? 0,
      segments: summary.length,
      customers: summary.reduce((s, r) => s + r.customers, 0),
      duckdbBytes: await duckdbMemory(engine),
    };
  } finally {
    await engine.close();
  }
}

// ---- Rapport: the dashboard ---------------------------------------------------------------
/* The dashboard's private members the bench observes (TypeScript-private, reachable at run time). */
interface DashboardInternals extends HTMLElement {
  engine?: Engine;
  loadFile(file: File): Promise<{ rowsRead: number; rowsLoaded: number; customers: number } | null>;
  updateComplete: Promise<boolean>;
  runAnalytics?: (...args: unknown[]) => Promise<void>;
  applySelection?: (...args: unknown[]) => Promise<void>;
  headline: unknown;
  rows: unknown[];
  listSource: unknown;
  analytics: { overview: { summary: { segment: string; customers: number }[]; scoredCustomers: number } } | null;
  analyticsError: string;
  ladder: unknown;
  ladderError: unknown;
  cohorts: unknown;
  clv: unknown;
  retentionError: unknown;
  selectedHeadline: unknown;
  selectedLadder: unknown;
  selectionError: string;
  error: { message: string } | null;
  report: unknown;
  valueError: string;
  migrationError: string;
}

/** Wraps the instance's analysis entry points so the bench can await everything they started. */
function watch(el: DashboardInternals): Promise<unknown>[] {
  const pending: Promise<unknown>[] = [];
  for (const key of ['runAnalytics', 'applySelection'] as const) {
    const original = el[key];
    if (typeof original !== 'function') {
      throw new Error(`<rapport-dashboard> has no ${key}() any more: update bench/suite.ts (how the bench knows every section is drawn)`);
    }
    el[key] = function (this: DashboardInternals, ...args: unknown[]) {
      const p = original.apply(this, args);
      pending.push(p);
      return p;
    };
  }
  return pending;
}

/** Every Lit element under `root`, through shadow roots. */
function litElements(root: ParentNode, out: { updateComplete: Promise<unknown> }[] = []): { updateComplete: Promise<unknown> }[] {
  for (const node of root.querySelectorAll('*')) {
    if ('updateComplete' in node) out.push(node as unknown as { updateComplete: Promise<unknown> });
    if (node.shadowRoot) litElements(node.shadowRoot, out);
  }
  return out;
}

/** Until nothing the dashboard started is pending and every element has rendered; resolves at the next frame. */
async function settled(el: DashboardInternals, pending: Promise<unknown>[]): Promise<number> {
  for (;;) {
    const n = pending.length;
    await Promise.allSettled(pending);
    await el.updateComplete;
    await Promise.all(litElements(el.shadowRoot!).map((e) => e.updateComplete));
    await tick();
    if (pending.length === n) break;
  }
  return frame();
}

/** Times at which sections first showed their data, read at every animation frame from `t0`. */
function sectionWatch(el: DashboardInternals, t0: number, checks: Record<string, () => boolean>): { stop: () => Record<string, number | null> } {
  const seen: Record<string, number | null> = Object.fromEntries(Object.keys(checks).map((k) => [k, null]));
  let on = true;
  const look = () => {
    if (!on) return;
    const t = now();
    for (const [k, ok] of Object.entries(checks)) if (seen[k] === null && ok()) seen[k] = t - t0;
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
  return {
    stop: () => {
      on = false;
      return seen;
    },
  };
}

/** What each part of the dashboard shows: `shown`, or the message it shows instead (`not shown` when neither). */
function sectionStates(el: DashboardInternals): Record<string, string> {
  const state = (shown: boolean, error: unknown) =>
    shown ? 'shown' : error ? `failed: ${typeof error === 'string' ? error : message(error)}` : 'not shown';
  return {
    load: state(el.report != null, el.error?.message),
    segments: state(el.analytics != null, el.analyticsError),
    value: state(el.analytics != null && !el.valueError, el.valueError),
    migration: state(el.analytics != null && !el.migrationError, el.migrationError),
    ladder: state(el.ladder != null, el.ladderError),
    retention: state(el.cohorts != null && el.clv != null, el.retentionError),
  };
}

/** The engine's memory by DuckDB's tag (MB, the biggest first) and its tables with their rows: what a failed load left held. */
async function engineHolds(engine: Engine): Promise<{ memory: Record<string, number>; tables: Record<string, number> } | null> {
  try {
    const memory = rowsOf<{ tag: string; mb: number }>(
      await engine.query(`SELECT tag, round(memory_usage_bytes / 1e6) AS mb FROM duckdb_memory() WHERE memory_usage_bytes > 0 ORDER BY memory_usage_bytes DESC`),
    );
    const tables = rowsOf<{ name: string; n: number }>(
      await engine.query(`SELECT table_name AS name, CAST(estimated_size AS DOUBLE) AS n FROM duckdb_tables() ORDER BY estimated_size DESC`),
    );
    return { memory: Object.fromEntries(memory.map((m) => [m.tag, Number(m.mb)])), tables: Object.fromEntries(tables.map((t) => [t.name, t.n])) };
  } catch {
    return null;
  }
}

/**
 * After a failure (out of memory at 10M lines): is the page still usable? The same dashboard,
 * on the same engine, loads a small generated file (200 customers) to every section drawn.
 */
async function usableAfter(el: DashboardInternals, pending: Promise<unknown>[]): Promise<RapportFailure['after']> {
  const t = now();
  try {
    const report = await el.loadFile(new File([sampleOrdersCsv({ customers: 200, seed: 11 })], 'after-the-failure.csv'));
    await settled(el, pending);
    const sections = sectionStates(el);
    const ok = report != null && Object.values(sections).every((v) => v === 'shown');
    return { ok, ms: now() - t, customers: report?.customers ?? 0, sections };
  } catch (e) {
    return { ok: false, ms: now() - t, customers: 0, sections: { load: `failed: ${message(e)}` } };
  }
}

export interface RapportResult {
  coldStartMs: number;
  /** loadFile(File) to every section drawn. */
  ttdMs: number;
  /** First frame at which each section had its data (ms from loadFile). */
  sections: Record<string, number | null>;
  /** loadFile's own promise (headline and list shown, analyses started). */
  loadFileMs: number;
  loadBlocking: Blocking | null;
  /** The load's window in page time (ms): from loadFile to every section drawn, the window loadBlocking counts. */
  loadWindow: { from: number; to: number };
  heapPeak: number | null;
  heapAfter: number | null;
  duckdbBytes: number | null;
  customers: number;
  rowsLoaded: number;
  missing: string[];
  /** segment-rules changed: to the treemap redrawn, and to everything settled. */
  resegment: { rules: string; treemapMs: number | null; settledMs: number; blocking: Blocking | null } | null;
  /** A segment tile chosen: to the table, headline and ladder updated. */
  crossFilter: { segment: string; customers: number; shownMs: number | null; settledMs: number; blocking: Blocking | null } | null;
  /** The API steps alone, on an engine of their own after the dashboard is gone. */
  api: { ingestMs: number; rfmMs: number; ladderMs: number } | null;
  /** The API steps' failure (out of memory), if they failed. */
  apiError?: string;
  /** Parts that failed (out of memory at 10M lines): each part's state, what the engine held, and a small file loaded after. */
  partial?: { sections: Record<string, string>; holds: Awaited<ReturnType<typeof engineHolds>>; after: RapportFailure['after'] };
  error?: string;
}

/** A dashboard load that failed: where (each part's state), the engine's memory then, and a small file loaded after it. */
export interface RapportFailure {
  error: string;
  /** ms from loadFile to the failure settled. */
  failedAtMs: number;
  sections: Record<string, string>;
  duckdbBytes: number | null;
  holds: Awaited<ReturnType<typeof engineHolds>>;
  after: { ok: boolean; ms: number; customers: number; sections: Record<string, string> };
}

async function rapport(url: string, name: string, withApi = true): Promise<RapportResult | RapportFailure> {
  const bytes = await fetchBytes(url);
  const file = new File([bytes as BlobPart], name);
  gc();
  const { engine, coldStartMs } = await startEngine();
  const el = document.createElement('rapport-dashboard') as unknown as DashboardInternals;
  el.engine = engine;
  document.body.append(el);
  const errors: string[] = [];
  el.addEventListener('rapport-error', (e) => errors.push((e as CustomEvent<{ message: string }>).detail.message));
  let pending: Promise<unknown>[] = [];
  let t0 = now();
  try {
    await el.updateComplete;
    pending = watch(el);
    // The empty dashboard painted before the load starts, as a page shows it before anyone drops
    // a file: a rAF callback runs before its frame's style, layout and paint, in the same task,
    // so without the task after it that first paint (its first fonts: up to 170 ms at 10M, the
    // browser process busy with the file just fetched) counted as the load's first long task.
    await frame();
    await tick();

    const heap = heapSampler();
    t0 = now();
    const sections = sectionWatch(el, t0, {
      headline: () => el.headline != null,
      table: () => el.rows.length > 0 || el.listSource != null,
      segments: () => el.analytics != null || Boolean(el.analyticsError),
      ladder: () => el.ladder != null || el.ladderError != null,
      retention: () => (el.cohorts != null && el.clv != null) || el.retentionError != null,
    });
    suite.phase = 'dashboard load: the file';
    const report = await el.loadFile(file);
    const loadFileMs = now() - t0;
    suite.phase = 'dashboard load: the analyses';
    if (!report) throw new Error(`loadFile answered null: ${errors.join('; ') || el.error?.message || 'the file needs an answer (mapping form) or the load failed'}`);
    const t1 = await settled(el, pending);
    const heapPeak = heap.stop();
    const seen = sections.stop();
    const loadBlocking = await blocking(t0, t1);
    if (errors.length) throw new Error(errors.join('; '));
    const missing = [
      ...(el.analytics ? [] : [`segments (${el.analyticsError || 'none'})`]),
      ...(el.ladder ? [] : [`ladder (${message(el.ladderError)})`]),
      ...(el.clv ? [] : [`retention (${message(el.retentionError)})`]),
    ];
    gc();
    const heapAfter = performance.memory?.usedJSHeapSize ?? null;
    const duckdbBytes = await duckdbMemory(engine);
    const customers = el.analytics?.overview.scoredCustomers ?? 0;

    // A rule change: another preset, as <rapport-settings> sets it.
    let resegment: RapportResult['resegment'] = null;
    if (el.analytics) {
      await frame();
      const before = el.analytics;
      const rules = 'rf-grid';
      suite.phase = 're-segmentation';
      const r0 = now();
      const treemap = sectionWatch(el, r0, { treemap: () => el.analytics !== before && el.analytics != null });
      el.setAttribute('segment-rules', rules);
      await tick();
      const r1 = await settled(el, pending);
      const treemapMs = treemap.stop().treemap ?? null;
      resegment = { rules, treemapMs: treemapMs === null ? null : Math.min(treemapMs, r1 - r0), settledMs: r1 - r0, blocking: await blocking(r0, r1) };
    }

    // A cross-filter click: the biggest segment's tile, as the treemap emits it.
    let crossFilter: RapportResult['crossFilter'] = null;
    const top = el.analytics?.overview.summary.slice().sort((a, b) => b.customers - a.customers)[0];
    const tiles = el.shadowRoot!.querySelector('rapport-segments');
    if (top && tiles) {
      await frame();
      suite.phase = 'cross-filter';
      const listBefore = el.listSource;
      const c0 = now();
      const shown = sectionWatch(el, c0, {
        // The new list is kept in the engine; the table reads the page in view from it (a few ms).
        table: () => el.listSource !== listBefore,
        headline: () => el.selectedHeadline != null,
        ladder: () => el.selectedLadder != null || el.ladder == null,
      });
      tiles.dispatchEvent(new CustomEvent('rapport-segment-select', { detail: { segment: top.segment }, bubbles: true, composed: true }));
      await tick();
      const c1 = await settled(el, pending);
      if (el.selectedHeadline == null) errors.push(`the cross-filter click selected nobody (${el.selectionError || 'no selected headline'})`);
      const seen = Object.values(shown.stop());
      const shownMs = seen.every((v) => v !== null) ? Math.min(Math.max(...(seen as number[])), c1 - c0) : null;
      crossFilter = { segment: top.segment, customers: top.customers, shownMs, settledMs: c1 - c0, blocking: await blocking(c0, c1) };
    }

    // Parts that failed (out of memory): what the engine held, and whether the page still loads a small file.
    let partial: RapportResult['partial'];
    if (missing.length) {
      suite.phase = 'parts failed: a small file after them';
      const sections = sectionStates(el);
      const holds = await engineHolds(engine);
      partial = { sections, holds, after: await usableAfter(el, pending) };
    }

    el.remove();
    await tick(10);
    let api: RapportResult['api'] = null;
    let apiError: string | undefined;
    if (withApi) {
      // On an engine of their own: beside the dashboard's tables (orders, scores, ladder,
      // predictions: 1.1 GB at 5M lines) a second load of the same file does not fit in 3.1 GiB.
      suite.phase = 'API steps';
      api = await apiSteps(name, bytes).catch((e: unknown) => {
        apiError = message(e);
        return null;
      });
    }
    return {
      coldStartMs,
      ttdMs: t1 - t0,
      sections: seen,
      loadFileMs,
      loadBlocking,
      loadWindow: { from: t0, to: t1 },
      heapPeak,
      heapAfter,
      duckdbBytes,
      customers,
      rowsLoaded: report.rowsLoaded,
      missing,
      resegment,
      crossFilter,
      api,
      ...(apiError ? { apiError } : {}),
      ...(partial ? { partial } : {}),
      ...(errors.length ? { error: errors.join('; ') } : {}),
    };
  } catch (e) {
    // Where it failed (each part's state), the engine's memory then, and whether the page is
    // still usable: the same dashboard loads a small file.
    suite.phase = `failed (${e instanceof Error ? e.message : String(e)}): settling`;
    await settled(el, pending).catch(() => undefined);
    const failedAtMs = now() - t0;
    suite.phase = 'after the failure: a small file';
    const sections = sectionStates(el);
    const duckdbBytes = await duckdbMemory(engine).catch(() => null);
    const holds = await engineHolds(engine);
    const after = el.isConnected ? await usableAfter(el, pending) : { ok: false, ms: 0, customers: 0, sections: { load: 'not tried (the dashboard was gone)' } };
    return { error: e instanceof Error ? e.message : String(e), failedAtMs, sections, duckdbBytes, holds, after };
  } finally {
    suite.phase = '';
    el.remove();
    await tick(10);
    await engine.close();
  }
}

/** The API steps alone (ingest, RFM + segments, ladder) on a fresh engine, its start not timed. */
async function apiSteps(name: string, bytes: Uint8Array): Promise<NonNullable<RapportResult['api']>> {
  const { engine } = await startEngine();
  try {
    gc();
    const a0 = now();
    const ingested = await ingestOrders(engine, { name, bytes });
    const a1 = now();
    if (ingested.status !== 'loaded') throw new Error(`ingestOrders answered ${ingested.status}`);
    forgetScoring(engine);
    await readScoreOverview(engine, {});
    const a2 = now();
    forgetLadder(engine);
    await readLadder(engine, {});
    const a3 = now();
    return { ingestMs: a1 - a0, rfmMs: a2 - a1, ladderMs: a3 - a2 };
  } finally {
    await engine.close();
  }
}

// ---- the old breakdown (measure.ts) -------------------------------------------------------
async function detail(url: string, runs: number, surveyUrl: string | null, cdnowUrl: string | null): Promise<BenchResult & { coldStartMs: number; bytes: number }> {
  const bytes = await fetchBytes(url);
  const survey = surveyUrl ? await fetchBytes(surveyUrl) : undefined;
  const cdnow = cdnowUrl ? await fetchBytes(cdnowUrl) : null;
  const { engine, coldStartMs } = await startEngine();
  try {
    const result = await runBench(engine, bytes, runs, {
      heap: () => performance.memory?.usedJSHeapSize ?? null,
      gc,
      phase: (p) => {
        suite.phase = p;
      },
      ...(survey ? { survey } : {}),
      clvRunner: workerClvRunner(),
      cdnow,
    });
    return { ...result, coldStartMs, bytes: bytes.byteLength };
  } finally {
    await engine.close();
  }
}

/** Where the current measurement is: its step, and the state of each part of the dashboard being measured. */
function status(): { phase: string; sections: Record<string, string> | null } {
  const el = document.querySelector('rapport-dashboard') as DashboardInternals | null;
  return { phase: suite.phase, sections: el ? sectionStates(el) : null };
}

const suite = {
  ready: true,
  phase: '',
  status,
  longTasksSupported,
  /** Every long task observed since the page opened (page times, ms): what the bench's --profile reads. */
  longTasks,
  heapMeasured: Boolean(performance.memory),
  userAgent: navigator.userAgent,
  floor,
  rapport,
  detail,
};
window.__rapportSuite = suite;
document.getElementById('out')!.textContent = 'ready';
