/**
 * The ingest breakdown of `npm run bench`, engine-agnostic: the suite page (bench/suite.ts,
 * `detail`) and bench/ingest.html run it on the browser engine (DuckDB-WASM in a Web Worker);
 * it runs as well on the Node engine (the same wasm, in-process). Each run times, on the same bytes:
 *   raw      engine.load + `CREATE OR REPLACE TABLE ... AS SELECT * FROM read_csv(...)` with
 *            auto-detected types + a count(*)
 *   rawText  the same read with the options Rapport passes (all text, rejects table): how
 *            much of Rapport's "Parsing" stage is DuckDB's CSV reader itself
 *   rapport  ingestOrders, with the time spent in each progress stage
 * then RFM, ladder, delivery and survey analytics on the loaded orders, the CLV model on them
 * (bench/clv.ts) and, given the CDNOW master's bytes, that file loaded and fitted on its own.
 * Clean-up between measurements (drop tables, unregister the file) is not timed.
 */
import type { Engine } from '../src/data/engine/engine.js';
import { rowsOf } from '../src/data/arrow-rows.js';
import { ingestOrders } from '../src/data/ingest/ingest.js';
import { forgetLadder, readLadder, readLadderComparison } from '../src/data/ladder.js';
import { Dataset } from '../src/data/dataset.js';
import { readDeliveryGap } from '../src/data/delivery.js';
import { ingestSurvey } from '../src/data/ingest/ingest-survey.js';
import { readQualityGap } from '../src/data/quality.js';
import { T } from '../src/data/sql/ingest-sql.js';
import { forgetTablePresence } from '../src/data/table-presence.js';
import { readMigration } from '../src/data/migration.js';
import { WINDOW_FALLBACK_DAYS } from '../src/analytics/customer-types.js';
import { forgetScoring, readRfm, readScoreOverview, resolveRfmRequest } from '../src/data/rfm.js';
import { createScoredSql } from '../src/data/sql/rfm-sql.js';
import type { ClvRunner } from '../src/data/clv-model.js';
import { CDNOW_CLV, clvOnFile, clvTimings, SAMPLE_CLV, type ClvTiming } from './clv.js';

/** Stages in the order ingestOrders reports them; "Setup" is the time before the first report. */
export const STAGES = ['Setup', 'Reading', 'Parsing', 'Detecting columns', 'Checking rows', 'Building orders', 'Finishing', 'Done'] as const;

/** Lines sampleOrdersCsv writes per customer, measured at 100k customers (2.946). */
export const LINES_PER_CUSTOMER = 2.946;

export const customersFor = (lines: number): number => Math.max(1, Math.round(lines / LINES_PER_CUSTOMER));

export interface RawTiming {
  loadMs: number;
  readCsvMs: number;
  countMs: number;
  totalMs: number;
  rows: number;
  /** "name TYPE, ..." as auto-detected. */
  types: string;
}

export interface RapportTiming {
  totalMs: number;
  /** report.durationMs (Date.now() based, inside ingestOrders). */
  reportMs: number;
  stages: Record<string, number>;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  customers: number;
  orders: number;
}

/** Analytics on the loaded orders (issue 3): API calls, and the same SQL run bare. */
export interface AnalyticsTiming {
  /** The scoring statement (scores, segments, types into a table) run bare: the engine's floor. */
  scoreSqlMs: number;
  /** readScoreOverview from cold: window, scoring, cut points, type counts, summary, R-by-F grid (what the dashboard asks). */
  overviewMs: number;
  /** readRfm on that scoring: every customer's row converted to an object (what the CLI and API callers pay). */
  rowsMs: number;
  /** readScoreOverview again with other rules (rf-grid): a rule change re-segments in place. */
  resegmentMs: number;
  migrationMs: number;
  /** readLadder from cold on orders only: evidence, window, the ladder table, counts and medians. */
  ladderMs: number;
  /** customers() filtered to one rung with every row's reason (the dashboard's drill-down). */
  ladderRungRowsMs: number;
  /** readLadderComparison: the ladder at a second date and the flows between the two. */
  ladderCompareMs: number;
  /** readDeliveryGap: on-time share, days late, by month (the sample orders carry promised and delivered dates). */
  deliveryMs: number;
  /** With a survey (BenchHooks.survey): its ingest, the gaps from cold, and the gaps split by RFM segment. */
  survey: { answers: number; respondents: number; ingestMs: number; gapMs: number; bySegmentMs: number } | null;
  scoredCustomers: number;
}

export interface RunResult {
  run: number;
  analytics: AnalyticsTiming;
  raw: RawTiming;
  rawText: RawTiming;
  rapport: RapportTiming;
  /** JS heap (bytes) right after each load, when the platform tells. */
  heapAfterRaw: number | null;
  heapAfterRapport: number | null;
  /** DuckDB's own accounting (duckdb_memory()), bytes, right after each load. */
  duckdbAfterRaw: number | null;
  duckdbAfterRapport: number | null;
  /** The CLV model (weekly, calibration/holdout) on the generated sample just loaded; its load is the ingest above. */
  clv: ClvTiming;
  /** The same on the CDNOW master, loaded on its own; null without BenchHooks.cdnow. */
  cdnow: ClvTiming | null;
}

export interface BenchResult {
  /** Extra read_csv options the raw measurement needed ('' = plain auto-detection). */
  rawOptions: string;
  /** Why plain auto-detection could not read the file, when it could not. */
  rawDefaultError: string | null;
  runs: RunResult[];
}

export interface BenchHooks {
  /** Used JS heap in bytes, or null. */
  heap?: () => number | null;
  /** Collect garbage between measurements, if the platform allows it. */
  gc?: () => void;
  phase?: (text: string) => void;
  /** A survey of the same customers (sampleSurveyCsv) to load and compute the quality gaps of, after the orders. */
  survey?: Uint8Array;
  /** Runs the CLV fits (default inline; the page passes the model worker's runner). */
  clvRunner?: ClvRunner;
  /** CDNOW_master.csv, to load and fit after the generated sample in each run; absent: skipped. */
  cdnow?: Uint8Array | null;
}

const FILE = 'bench.csv';
const now = () => performance.now();

/** DuckDB's own memory use (duckdb_memory()), or null where the engine cannot say. */
export async function duckdbMemory(engine: Engine): Promise<number | null> {
  try {
    const [r] = rowsOf<{ bytes: number | null }>(await engine.query('SELECT CAST(sum(memory_usage_bytes) AS DOUBLE) AS bytes FROM duckdb_memory()'));
    return r?.bytes ?? null;
  } catch {
    return null;
  }
}

async function rawRead(engine: Engine, bytes: Uint8Array, options: string): Promise<RawTiming> {
  const t0 = now();
  await engine.load({ kind: 'file', name: FILE, bytes });
  const t1 = now();
  await engine.query(`CREATE OR REPLACE TABLE raw_bench AS SELECT * FROM read_csv('${FILE}'${options})`);
  const t2 = now();
  const [c] = rowsOf<{ n: number }>(await engine.query('SELECT CAST(count(*) AS DOUBLE) AS n FROM raw_bench'));
  const t3 = now();
  const types = rowsOf<{ column_name: string; column_type: string }>(await engine.query('SELECT column_name, column_type FROM (DESCRIBE raw_bench)'))
    .map((r) => `${r.column_name} ${r.column_type}`)
    .join(', ');
  return { loadMs: t1 - t0, readCsvMs: t2 - t1, countMs: t3 - t2, totalMs: t3 - t0, rows: c?.n ?? 0, types };
}

async function dropRaw(engine: Engine): Promise<void> {
  await engine.query('DROP TABLE IF EXISTS raw_bench');
  await engine.query('DROP TABLE IF EXISTS raw_bench_rejects');
  await engine.query('DROP TABLE IF EXISTS raw_bench_scans');
  await engine.unload(FILE);
}

async function rapportIngest(engine: Engine, bytes: Uint8Array): Promise<RapportTiming> {
  const marks: [string, number][] = [];
  const t0 = now();
  marks.push(['Setup', t0]);
  const result = await ingestOrders(engine, { name: FILE, bytes }, { onProgress: (step) => marks.push([step, now()]) });
  const t1 = now();
  if (result.status !== 'loaded') throw new Error(`ingestOrders answered ${result.status}: ${result.decision.questions.join(' ')}`);
  const stages: Record<string, number> = {};
  marks.forEach(([step, at], i) => {
    stages[step] = (stages[step] ?? 0) + ((marks[i + 1]?.[1] ?? t1) - at);
  });
  const r = result.report;
  return {
    totalMs: t1 - t0,
    reportMs: r.durationMs,
    stages,
    rowsRead: r.rowsRead,
    rowsLoaded: r.rowsLoaded,
    rowsRejected: r.rowsRejected,
    customers: r.customers,
    orders: r.orders,
  };
}

/**
 * What plain auto-detection is told when its 20,480-row sample misses the file's bad values:
 * keep the detected types and skip the rows that do not fit them (DuckDB's other remedy,
 * sample_size = -1, reads the file twice and then types every column VARCHAR).
 */
const SKIP_MISFITS = ', ignore_errors = true';

/**
 * Untimed: can plain `read_csv` (types guessed from a 20,480-row sample) read the file at all?
 * The sample's deliberately bad rows ('n/a' dates, 'TBD' amounts) lie beyond the sample in a
 * big file, so it usually cannot; the timed raw reads then skip the rows that do not fit.
 */
async function probeRaw(engine: Engine, bytes: Uint8Array): Promise<string | null> {
  try {
    await rawRead(engine, bytes, '');
    return null;
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).split('\n').slice(0, 3).join(' ').trim();
  } finally {
    await dropRaw(engine).catch(() => undefined);
  }
}

async function analyticsTimings(engine: Engine, survey?: Uint8Array): Promise<AnalyticsTiming> {
  const timed = async <T>(work: () => Promise<T>): Promise<[number, T]> => {
    const t = now();
    const result = await work();
    return [now() - t, result];
  };
  const { options, rules } = resolveRfmRequest({});
  const [scoreSqlMs] = await timed(() => engine.query(createScoredSql(options, rules, WINDOW_FALLBACK_DAYS)));
  forgetScoring(engine);
  const [overviewMs, overview] = await timed(() => readScoreOverview(engine, {}));
  const [rowsMs] = await timed(() => readRfm(engine, {}));
  const [resegmentMs] = await timed(() => readScoreOverview(engine, { segments: 'rf-grid' }));
  const [migrationMs] = await timed(() => readMigration(engine, {}));
  forgetLadder(engine);
  const [ladderMs, ladder] = await timed(() => readLadder(engine, {}));
  const [ladderRungRowsMs] = await timed(() => new Dataset(engine).customers({ filter: { rung: 'client' } }));
  const from = ladder.asOf ? new Date(Date.parse(ladder.asOf) - 90 * 86_400_000).toISOString().slice(0, 10) : '2000-01-01';
  const [ladderCompareMs] = await timed(() => readLadderComparison(engine, { from }));
  const [deliveryMs] = await timed(() => readDeliveryGap(engine));
  let surveyTiming: AnalyticsTiming['survey'] = null;
  if (survey) {
    const [ingestMs, report] = await timed(() => ingestSurvey(engine, { name: 'bench-survey.csv', bytes: survey }));
    const [gapMs] = await timed(() => readQualityGap(engine, {}));
    const [bySegmentMs] = await timed(() => readQualityGap(engine, { by: 'segment' }));
    surveyTiming = { answers: report.answersLoaded, respondents: report.respondents, ingestMs, gapMs, bySegmentMs };
  }
  return {
    scoreSqlMs, overviewMs, rowsMs, resegmentMs, migrationMs, ladderMs, ladderRungRowsMs, ladderCompareMs, deliveryMs,
    survey: surveyTiming, scoredCustomers: overview.scoredCustomers,
  };
}

export async function runBench(engine: Engine, bytes: Uint8Array, runs: number, hooks: BenchHooks = {}): Promise<BenchResult> {
  const heap = hooks.heap ?? (() => null);
  const settle = () => hooks.gc?.();
  hooks.phase?.('probing plain read_csv (untimed)');
  const rawDefaultError = await probeRaw(engine, bytes);
  const rawOptions = rawDefaultError ? SKIP_MISFITS : '';
  const out: RunResult[] = [];
  for (let run = 1; run <= runs; run++) {
    settle();
    hooks.phase?.(`run ${run}/${runs}: raw read_csv`);
    const raw = await rawRead(engine, bytes, rawOptions);
    const heapAfterRaw = heap();
    const duckdbAfterRaw = await duckdbMemory(engine);
    await dropRaw(engine);

    settle();
    hooks.phase?.(`run ${run}/${runs}: read_csv with Rapport's options`);
    const rawText = await rawRead(
      engine,
      bytes,
      ", all_varchar = true, store_rejects = true, rejects_table = 'raw_bench_rejects', rejects_scan = 'raw_bench_scans', null_padding = false, sample_size = 20480",
    );
    await dropRaw(engine);

    settle();
    hooks.phase?.(`run ${run}/${runs}: Rapport ingestOrders`);
    const rapport = await rapportIngest(engine, bytes);
    const heapAfterRapport = heap();
    const duckdbAfterRapport = await duckdbMemory(engine);
    hooks.phase?.(`run ${run}/${runs}: RFM, segments, migration`);
    const analytics = await analyticsTimings(engine, hooks.survey);
    settle();
    hooks.phase?.(`run ${run}/${runs}: CLV model on the generated sample`);
    const clv = await clvTimings(engine, SAMPLE_CLV, hooks.clvRunner, rapport.totalMs);
    // Every run is a first load: no previous dataset to swap out.
    await engine.query('DROP TABLE IF EXISTS orders');
    await engine.query('DROP TABLE IF EXISTS orders_rejects');
    for (const table of [T.survey, T.surveyImportance, T.surveyRespondents, T.surveyRejects, T.surveyMeta]) await engine.query(`DROP TABLE IF EXISTS ${table}`);
    // Dropped by hand, not by a dataset: the next reads ask the engine which tables it holds.
    forgetTablePresence(engine);

    let cdnow: ClvTiming | null = null;
    if (hooks.cdnow) {
      settle();
      hooks.phase?.(`run ${run}/${runs}: CDNOW master, load + CLV model`);
      cdnow = await clvOnFile(engine, { name: 'CDNOW_master.csv', bytes: hooks.cdnow }, CDNOW_CLV, hooks.clvRunner);
    }

    out.push({ run, analytics, raw, rawText, rapport, heapAfterRaw, heapAfterRapport, duckdbAfterRaw, duckdbAfterRapport, clv, cdnow });
  }
  return { rawOptions, rawDefaultError, runs: out };
}
