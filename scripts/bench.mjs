// `npm run bench -- [--lines N] [--runs N] [--no-node] [--timeout SECONDS]` (or node scripts/bench.mjs ...)
//
// Ingest timings for a generated CSV (default 1,000,000 data lines, 3 runs): Rapport's full
// ingest next to DuckDB-WASM's own read_csv of the same bytes, in headless Chromium (the
// engine in a Web Worker, as users run it), then the same measurements on the Node engine
// (the same wasm, in-process). Starts a Vite dev server, opens bench/ingest.html in Debian's
// Chromium through playwright-core, prints a plain-text table. Exits non-zero if the page fails.
// Each run also fits the CLV model (weekly BG/NBD + Gamma-Gamma, calibration and holdout) on the
// generated orders and on ../shared/data/cdnow/CDNOW_master.csv (23,570 customers) when that file
// exists: in the page through the model worker, in Node inline (bench/clv.ts).
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { createServer, searchForWorkspaceRoot } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The CDNOW master (issue 7's fit-time figure), beside the checkout; its section is skipped without it. */
const CDNOW = resolve(ROOT, '../shared/data/cdnow/CDNOW_master.csv');
const CDNOW_SHOWN = '../shared/data/cdnow/CDNOW_master.csv';
const hasCdnow = existsSync(CDNOW);

// ---- arguments --------------------------------------------------------------------------
function parseArgs(argv) {
  const o = { lines: 1_000_000, runs: 3, node: true, timeout: 0 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => {
      const v = inline ?? argv[++i];
      const n = Number(v);
      if (v === undefined || !Number.isFinite(n) || n < 1) throw new Error(`${flag} needs a positive number, got ${v}`);
      return Math.floor(n);
    };
    if (flag === '--lines') o.lines = value();
    else if (flag === '--runs') o.runs = value();
    else if (flag === '--timeout') o.timeout = value();
    else if (flag === '--no-node') o.node = false;
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: node scripts/bench.mjs [--lines N] [--runs N] [--no-node] [--timeout SECONDS]');
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]} (try --help)`);
  }
  // Generous: ~1 s per 10k lines per run in the browser, plus generation and start-up.
  // The CLV fits add ~30 s per million lines and ~5 s for CDNOW per run in the browser.
  if (!o.timeout) o.timeout = Math.max(300, Math.round(120 + (o.lines / 1e6) * (60 + o.runs * 120) + o.runs * (20 + (o.lines / 1e6) * 60)));
  return o;
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(`bench: ${e.message}`);
  process.exit(2);
}

const BENCH_ARGS = [
  ...CHROMIUM_ARGS,
  // Measurement only: unrounded performance.memory, and gc() between measurements.
  '--enable-precise-memory-info', '--js-flags=--expose-gc',
];

const freePort = () =>
  new Promise((res, rej) => {
    const s = createNetServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const since = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

// ---- statistics and formatting ----------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const min = (xs) => Math.min(...xs);
const int = (n) => Math.round(n).toLocaleString('en-US');
const ms = (n) => (n == null || Number.isNaN(n) ? '-' : `${int(n)} ms`);
const mb = (n) => (n == null ? '-' : `${(n / 1e6).toFixed(1)} MB`);

/** Median and min of one number per run; null when the side did not run. */
function stat(side, pick) {
  if (!side) return null;
  const xs = side.runs.map(pick).filter((x) => typeof x === 'number');
  return xs.length ? { median: median(xs), min: min(xs) } : null;
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r, i) =>
      r.map((cell, c) => (c === 0 ? (cell ?? '').padEnd(widths[c]) : (cell ?? '').padStart(widths[c]))).join('   ').trimEnd() +
      (i === 0 ? `\n${widths.map((w) => '-'.repeat(w)).join('   ')}` : ''),
    )
    .join('\n');
}

/** Footer lines on the CLV fits: where the file came from, convergence and notices of run 1, and a fit that did not run in the worker. */
function clvNotes(b, node) {
  const out = [];
  if (b.cdnow && !('skipped' in b.cdnow)) {
    out.push(`CDNOW master: ${CDNOW_SHOWN}, ${mb(b.cdnow.bytes)}, fetched by the page from ${b.cdnow.url} in ${ms(b.cdnow.fetchMs)} (not counted).`);
  }
  for (const [name, s] of [['Chromium', b], ['Node', node]]) {
    if (!s) continue;
    for (const [what, pick] of [['generated orders', (r) => r.clv], ['CDNOW master', (r) => r.cdnow]]) {
      const c = s.runs[0] && pick(s.runs[0]);
      if (!c) continue;
      const conv = `BG/NBD ${c.bgNbd?.converged ? 'converged' : 'NOT converged'} (log-likelihood ${c.bgNbd ? c.bgNbd.logLikelihood.toFixed(1) : '-'}), ` +
        `Gamma-Gamma on ${int(c.gammaGamma?.customers ?? 0)} ${c.gammaGamma?.converged ? 'converged' : 'stopped at its limits'}`;
      out.push(`${name}, CLV on the ${what} (run 1): ${conv}; notices: ${c.notices.length ? c.notices.join(', ') : 'none'}.`);
      if (name === 'Chromium') {
        const inline = s.runs.filter((r) => pick(r)?.ranIn !== 'worker').length;
        if (inline) out.push(`WARNING: ${inline} of the page's CLV fits on the ${what} ran inline, not in the model worker (it could not start).`);
      }
    }
  }
  return out;
}

function report({ browser, node, chromiumVersion, load }) {
  const b = browser;
  const { csv, params } = b;
  const sides = [b, node];
  const line = (label, pick, fmt = ms) => [
    label,
    ...sides.flatMap((s) => {
      const st = stat(s, pick);
      return s ? [st ? fmt(st.median) : '-', st ? fmt(st.min) : '-'] : [];
    }),
  ];
  const single = (label, pick, fmt = ms) => [label, ...sides.flatMap((s) => (s ? [fmt(pick(s)), ''] : []))];
  const ratio = (s) => (s ? median(s.runs.map((r) => r.rapport.totalMs)) / median(s.runs.map((r) => r.raw.totalMs)) : null);
  const ratioText = (s) => (s ? `${ratio(s).toFixed(2)}x` : '');
  const ratioRow = (label, num, den) => [
    label,
    ...sides.flatMap((s) =>
      s ? [`${(median(s.runs.map(num)) / median(s.runs.map(den))).toFixed(2)}x`, `${(min(s.runs.map(num)) / min(s.runs.map(den))).toFixed(2)}x`] : [],
    ),
  ];

  // The CLV model (bench/clv.ts): timings over the runs, then run 1's fit for sanity.
  const fact = (label, pick, fmt) => [
    label,
    ...sides.flatMap((s) => {
      if (!s) return [];
      const v = s.runs[0] && pick(s.runs[0]);
      return [v ? fmt(v) : '-', ''];
    }),
  ];
  const sig = (x) => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x));
  const clvRows = (title, pick, loadNote) => [
    [title],
    line(`  load (${loadNote})`, (r) => pick(r)?.loadMs),
    line('  summary SQL (calibration + holdout)', (r) => pick(r)?.summaryMs),
    line('  fit + predictions (page: model worker; Node: inline)', (r) => pick(r)?.runnerMs),
    line('    of which fits and predictions proper (fitMs)', (r) => pick(r)?.workerMs),
    line('  prediction rows + holdout comparison (caller)', (r) => pick(r)?.pageMs),
    line('  total (load + summary + fit + predictions)', (r) => pick(r)?.totalMs),
    fact('  repeat buyers; fitted in', (r) => pick(r), (c) => `${int(c.repeatBuyers)}; ${c.ranIn}`),
    fact('  BG/NBD r, alpha (run 1)', (r) => pick(r)?.bgNbd, (p) => `${sig(p.r)}, ${sig(p.alpha)}`),
    fact('  BG/NBD a, b', (r) => pick(r)?.bgNbd, (p) => `${sig(p.a)}, ${sig(p.b)}`),
    fact('  Gamma-Gamma p, q', (r) => pick(r)?.gammaGamma, (p) => `${sig(p.p)}, ${sig(p.q)}`),
    fact('  Gamma-Gamma v', (r) => pick(r)?.gammaGamma, (p) => sig(p.v)),
    fact('  holdout purchases, predicted / actual', (r) => pick(r)?.holdout, (h) => `${int(h.predicted)} / ${int(h.actual)}`),
  ];

  const header = ['', 'Chromium median', 'min', ...(node ? ['Node median', 'min'] : [])];
  const stages = ['Setup', 'Reading', 'Parsing', 'Detecting columns', 'Checking rows', 'Building orders', 'Finishing', 'Done'];
  const stageNote = {
    Setup: 'drop old staging',
    Reading: 'sniff bytes',
    Parsing: 'load + read_csv + line numbers',
    'Detecting columns': 'sample + profile',
    'Checking rows': 'typed table',
    'Building orders': 'orders, rejects, report',
    Finishing: 'swap in, drop staging',
    Done: '',
  };
  const r0Scored = (bench) => bench.runs[0]?.analytics.scoredCustomers ?? 0;
  const rows = [
    header,
    single('Engine start (once)', (s) => s.engineStartMs),
    [`Raw DuckDB read_csv (auto types${b.rawOptions ? `, ${b.rawOptions.replace(/^,\s*/, '')}` : ''})`],
    line('  engine.load (register bytes)', (r) => r.raw.loadMs),
    line('  CREATE TABLE AS read_csv', (r) => r.raw.readCsvMs),
    line('  count(*)', (r) => r.raw.countMs),
    line('  total', (r) => r.raw.totalMs),
    line("read_csv, Rapport's options (total)", (r) => r.rawText.totalMs),
    ['Rapport ingestOrders'],
    line('  total (wall clock)', (r) => r.rapport.totalMs),
    line('  report.durationMs', (r) => r.rapport.reportMs),
    ...stages
      .filter((st) => sides.some((s) => s?.runs.some((r) => r.rapport.stages[st] !== undefined)))
      .map((st) => line(`  ${st}${stageNote[st] ? ` (${stageNote[st]})` : ''}`, (r) => r.rapport.stages[st])),
    ratioRow('Ratio Rapport / raw read_csv', (r) => r.rapport.totalMs, (r) => r.raw.totalMs),
    ratioRow("Ratio Rapport / read_csv w. Rapport's opts", (r) => r.rapport.totalMs, (r) => r.rawText.totalMs),
    [`RFM on the loaded orders (${int(r0Scored(b))} customers scored)`],
    line('  scores + segments + types, bare SQL', (r) => r.analytics.scoreSqlMs),
    line('  scoring overview, API (summary, grid)', (r) => r.analytics.overviewMs),
    line('  every customer as a row object', (r) => r.analytics.rowsMs),
    line('  re-segment after a rule change', (r) => r.analytics.resegmentMs),
    line('  migration (two dates, matrix)', (r) => r.analytics.migrationMs),
    ['Ladder of loyalty (orders only)'],
    line('  ladder, API from cold', (r) => r.analytics.ladderMs),
    line('  one rung with reasons (customers())', (r) => r.analytics.ladderRungRowsMs),
    line('  comparison with 90 days earlier', (r) => r.analytics.ladderCompareMs),
    ['Service quality'],
    line('  promised vs delivered (delivery gap)', (r) => r.analytics.deliveryMs),
    [`Survey of the same customers (${int(b.runs[0]?.analytics.survey?.respondents ?? 0)} respondents, ${int(b.runs[0]?.analytics.survey?.answers ?? 0)} answers)`],
    line('  survey ingest (long CSV)', (r) => r.analytics.survey?.ingestMs),
    line('  quality gaps, items and dimensions', (r) => r.analytics.survey?.gapMs),
    line('  quality gaps split by RFM segment', (r) => r.analytics.survey?.bySegmentMs),
    ...clvRows(
      `CLV model, generated orders (${int(b.runs[0]?.clv?.customers ?? 0)} customers, weeks)`,
      (r) => r.clv,
      'Rapport ingest, as above',
    ),
    ...(b.cdnow && 'skipped' in b.cdnow
      ? [[`CLV model, CDNOW master: skipped (${hasCdnow ? b.cdnow.skipped : `${CDNOW_SHOWN} not found`})`]]
      : clvRows(`CLV model, CDNOW master (${int(b.runs[0]?.cdnow?.customers ?? 0)} customers, weeks)`, (r) => r.cdnow, 'Rapport ingest')),
    ['Memory after load'],
    line('  JS heap, after raw read_csv', (r) => r.heapAfterRaw, mb),
    line('  JS heap, after Rapport ingest', (r) => r.heapAfterRapport, mb),
    line('  DuckDB memory, after raw read_csv', (r) => r.duckdbAfterRaw, mb),
    line('  DuckDB memory, after Rapport ingest', (r) => r.duckdbAfterRapport, mb),
  ];
  const r0 = b.runs[0];
  const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const out = [
    '',
    `Rapport ingest benchmark: ${int(csv.dataLines)} data lines (+1 header line), ${mb(csv.bytes)} (${(csv.bytes / 2 ** 20).toFixed(1)} MiB) CSV,`,
    `sampleOrdersCsv({ customers: ${int(params.customers)} }), ${params.runs} run${params.runs === 1 ? '' : 's'}, medians and minimums.`,
    `CSV generated in the page in ${ms(csv.generateMs)} + ${ms(csv.encodeMs)} encoding (not counted).`,
    '',
    table(rows),
    '',
    `Rows: raw count(*) ${int(r0.raw.rows)}; Rapport read ${int(r0.rapport.rowsRead)}, loaded ${int(r0.rapport.rowsLoaded)}, ` +
      `rejected ${int(r0.rapport.rowsRejected)}; ${int(r0.rapport.orders)} orders, ${int(r0.rapport.customers)} customers.`,
    `Raw read_csv detected: ${r0.raw.types}.`,
    `Raw = engine.load + CREATE OR REPLACE TABLE raw_bench AS SELECT * FROM read_csv('bench.csv'${b.rawOptions}) + count(*).`,
    ...(b.rawDefaultError
      ? [`  Plain read_csv('bench.csv') (types from a 20,480-row sample) cannot read this file, so the raw reads add ignore_errors = true:`,
         `  ${b.rawDefaultError.slice(0, 300)}`]
      : []),
    `Rapport's options = all_varchar, store_rejects (rejects table), null_padding = false, sample_size = 20480.`,
    `Stages = time from one onProgress step to the next ("Setup" = before the first report).`,
    `JS heap = performance.memory.usedJSHeapSize of the page (main thread only; the engine's wasm memory is in the worker)` +
      (node ? '; Node: process.memoryUsage().heapUsed.' : '.'),
    `DuckDB memory = sum(memory_usage_bytes) from duckdb_memory().`,
    `CLV = Dataset.clvModel's two steps, timed apart (bench/clv.ts), weekly, calibration to 2024-06-30 (generated) or 1997-09-30 (CDNOW), holdout to the last purchase:`,
    `  readClvModelInput (summary SQL) and fitClvModel through the runner; ` +
      `the worker fits both models and predicts every customer in one pass (its fitMs), the page then builds one row per customer and the holdout comparison.`,
    ...clvNotes(b, node),
    `Machine: ${os.type()} ${os.release()} ${os.arch()}, ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; ` +
      `Node ${process.version}; Chromium ${chromiumVersion}; Node engine: ${node ? 'ran after the browser, same bytes' : 'skipped'}.`,
    `Load average (1 min) at start ${load.start.toFixed(2)}, at end ${os.loadavg()[0].toFixed(2)}: other processes on this machine add noise; compare minimums.`,
    '',
  ];
  for (const [name, s] of [['Chromium', b], ['Node', node]]) {
    if (!s) continue;
    out.push(`${name} per run, ms: raw ${s.runs.map((r) => int(r.raw.totalMs)).join(', ')}; Rapport ${s.runs.map((r) => int(r.rapport.totalMs)).join(', ')}.`);
  }
  if (node && node.csvBytes !== csv.bytes) out.push(`WARNING: the Node CSV has ${node.csvBytes} bytes, the page's ${csv.bytes}.`);
  for (const [name, s] of [['Chromium', b], ['Node', node]]) {
    if (!s) continue;
    const rr = ratio(s);
    const rm = min(s.runs.map((r) => r.rapport.totalMs)) / min(s.runs.map((r) => r.raw.totalMs));
    if (rr !== null) out.push(`${name}: Rapport's full ingest takes ${rr.toFixed(2)}x the raw read_csv (medians; ${rm.toFixed(2)}x on minimums).`);
  }
  return out.join('\n');
}

// ---- the run ----------------------------------------------------------------------------
let server;
let browser;
let closing = false;
async function closeAll() {
  if (closing) return;
  closing = true;
  await browser?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    log(`${sig}: closing the browser and the server`);
    closeAll().finally(() => process.exit(130));
  });
}

async function runBrowser(origin) {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: BENCH_ARGS });
  const chromiumVersion = browser.version();
  const page = await browser.newPage();
  const problems = [];
  const consoleLines = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('crash', () => problems.push('the page crashed (out of memory?)'));
  page.on('console', (m) => {
    consoleLines.push(`${m.type()}: ${m.text()}`);
    if (consoleLines.length > 50) consoleLines.shift();
  });
  let navigations = 0;
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame() && ++navigations > 1) problems.push('the page reloaded during the run (Vite re-optimised dependencies?); run the bench again');
  });
  // A HEAD answered with a body (the dev server's duckdb/ middleware) is reported as aborted: harmless.
  page.on('requestfailed', (r) => r.method() !== 'HEAD' && consoleLines.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) consoleLines.push(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`);
  });

  // The page fetches the CDNOW master through the dev server's /@fs/ route (its folder is in server.fs.allow).
  const cdnowQuery = hasCdnow ? `&cdnow=${encodeURIComponent(`/@fs${CDNOW.startsWith('/') ? '' : '/'}${CDNOW.replaceAll('\\', '/')}`)}` : '';
  const url = `${origin}/bench/ingest.html?lines=${args.lines}&runs=${args.runs}${cdnowQuery}`;
  log(`opening ${url} in Chromium ${chromiumVersion}`);
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  const deadline = Date.now() + args.timeout * 1000;
  let lastPhase = '';
  const started = Date.now();
  for (;;) {
    if (problems.length) break;
    const s = await page.evaluate(() => window.__rapportBench && { status: window.__rapportBench.status, phase: window.__rapportBench.phase }).catch((e) => {
      problems.push(`could not read the page state: ${e.message}`);
      return null;
    });
    if (s?.phase && s.phase !== lastPhase) {
      log(`  [${since(started)}] ${s.phase}`);
      lastPhase = s.phase;
    }
    if (s?.status === 'done' || s?.status === 'error') break;
    if (Date.now() > deadline) {
      problems.push(`no result after ${args.timeout} s (phase: ${lastPhase || 'none'}); raise --timeout`);
      break;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  const state = problems.length ? null : await page.evaluate(() => window.__rapportBench);
  if (state?.status === 'error') problems.push(`the bench page failed: ${state.error}`);
  if (problems.length) {
    const detail = consoleLines.length ? `\nlast console lines:\n  ${consoleLines.join('\n  ')}` : '';
    throw new Error(`${problems.join('\n')}${detail}`);
  }
  log(`browser done in ${since(started)}`);
  const httpErrors = consoleLines.filter((l) => l.startsWith('HTTP ') || l.startsWith('request failed'));
  if (httpErrors.length) log(`note, failed requests during the run (not fatal):\n  ${httpErrors.join('\n  ')}`);
  await browser.close();
  browser = undefined;
  return { state, chromiumVersion };
}

async function runNode(vite, expectedCustomers) {
  const t = Date.now();
  const sample = await vite.ssrLoadModule('/src/sample/sample-orders.ts');
  const engineMod = await vite.ssrLoadModule('/src/data/engine/node-engine.ts');
  const measure = await vite.ssrLoadModule('/bench/measure.ts');
  log(`Node: generating the same CSV (${int(expectedCustomers)} customers)`);
  const bytes = new TextEncoder().encode(sample.sampleOrdersCsv({ customers: expectedCustomers }));
  const surveyModule = await vite.ssrLoadModule('/src/sample/sample-survey.ts');
  const survey = new TextEncoder().encode(surveyModule.sampleSurveyCsv({ customers: expectedCustomers }));
  let t0 = performance.now();
  const engine = await engineMod.createNodeEngine();
  const engineStartMs = performance.now() - t0;
  try {
    const result = await measure.runBench(engine, bytes, args.runs, {
      heap: () => process.memoryUsage().heapUsed,
      ...(typeof globalThis.gc === 'function' ? { gc: globalThis.gc } : {}),
      phase: (p) => log(`  [Node ${since(t)}] ${p}`),
      survey,
      cdnow: hasCdnow ? new Uint8Array(readFileSync(CDNOW)) : null,
    });
    return { engineStartMs, ...result, csvBytes: bytes.byteLength };
  } finally {
    await engine.close();
  }
}

const t = Date.now();
const load = { start: os.loadavg()[0] };
try {
  const port = await freePort();
  server = await createServer({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    // Its own dependency cache: other dev servers on this checkout keep node_modules/.vite.
    cacheDir: join(os.tmpdir(), 'rapport-bench-vite-cache'),
    optimizeDeps: { entries: ['bench/ingest.html'] },
    // No file watching and no HMR: files edited while the bench runs (or vite.config.ts
    // itself) must not restart the server or reload the page mid-measurement.
    // fs.allow: the checkout (Vite's default) and, for the CLV section, the CDNOW folder beside it.
    server: {
      host: '127.0.0.1', port, strictPort: true, open: false, hmr: false, watch: null,
      fs: { allow: [searchForWorkspaceRoot(ROOT), ...(hasCdnow ? [dirname(CDNOW)] : [])] },
    },
    clearScreen: false,
  });
  await server.listen();
  const origin = `http://127.0.0.1:${port}`;
  log(`Vite dev server on ${origin} (${since(t)})`);

  const { state, chromiumVersion } = await runBrowser(origin);
  let node = null;
  if (args.node) {
    try {
      node = await runNode(server, state.params.customers);
    } catch (e) {
      log(`Node engine comparison failed, left out: ${e.stack ?? e}`);
    }
  }
  console.log(report({ browser: state, node, chromiumVersion, load }));
  log(`total ${since(t)}`);
} catch (e) {
  console.error(`bench: FAILED: ${e.message ?? e}`);
  process.exitCode = 1;
} finally {
  await closeAll();
}
