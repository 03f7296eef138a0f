// `npm run bench -- [options]` (or node scripts/bench.mjs ...): issue 8's benchmark suite. See HELP below.
//
// Generated orders (src/sample/, seedable, the same bytes every time) at each size, written once
// as CSV, gzip CSV and Parquet into a temp folder (never the repository), plus the UCI Online
// Retail file from ../shared/data when present. For each file, interleaved within each run:
//   floor    raw DuckDB-WASM in the same headless Chromium (the files the app ships): read_csv of
//            the same bytes + one hand-written RFM query (bench/floor-sql.ts)
//   Rapport  engine cold start; <rapport-dashboard>.loadFile() to every section drawn
//            (time-to-dashboard), long tasks and JS heap meanwhile; a segment-rules change to
//            the treemap redrawn; a segment selected (cross-filter) to table, headline and
//            ladder updated; then the API steps alone (ingest, RFM + segments, ladder)
//   native   @duckdb/node-api in Node: the floor's SQL on the same file (read_parquet for Parquet)
// then the per-stage ingest breakdown of bench/measure.ts (RFM, ladder, quality, survey, CLV on
// the generated orders and on the CDNOW master) on one CSV, and the library's JS size from a
// build into a temp folder. Prints tables with medians, ratios and issue 8's targets (pass/fail);
// writes everything as JSON. Exits non-zero if the page fails.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import os from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);

const HELP = `usage: node scripts/bench.mjs [options]   (npm run bench -- [options])

  --lines LIST     sizes of the generated order files, e.g. 100k,1M,5M (default) or 10M
                   (10M where memory allows: a load out of memory is reported as such)
  --formats LIST   csv,gz,parquet (default: all three)
  --runs N         runs per figure; figures are medians (default 3)
  --no-node        leave native DuckDB (@duckdb/node-api) out
  --no-retail      leave the UCI Online Retail file (../shared/data/online-retail) out
  --retail         keep it in a --quick run
  --detail SIZE    size whose CSV gets the per-stage ingest breakdown, analytics and CLV
                   timings of bench/measure.ts (default 1M if measured, else the smallest);
                   --no-detail leaves it out
  --no-bundle      skip the library build and its size
  --quick          smoke run: 100k lines, 1 run, no Online Retail (about 2 minutes)
  --json FILE      where the JSON goes (default bench-results/latest.json, git-ignored)
  --timeout S      limit for one measurement in seconds (default grows with the size)
  --profile        profile the page's main thread during each file's first dashboard load
                   and print its longest tasks with the functions they spent their time in
                   (that run's figures are marked profiled: sampling costs the page a little)
  --help           this text

Duration on a 2-core machine: --quick about 2 minutes;
--lines 100k (3 runs, with Online Retail and the breakdown) about 3.5 minutes; the default
(100k,1M,5M x csv,gz,parquet x 3 runs + Online Retail + breakdown at 1M) roughly 2-3 hours,
most of it at 5M (time grows about linearly with the lines: ~15 s per file and run at 100k).
The generated files are cached in ${join(os.tmpdir(), 'rapport-bench-data')} (the first
run writes them: about 5 minutes for 5M lines).`;

// ---- a big heap for generating the files --------------------------------------------------
if (!process.env.RAPPORT_BENCH_CHILD && !process.argv.includes('--help') && !process.argv.includes('-h')) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=16384', '--expose-gc', SELF, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, RAPPORT_BENCH_CHILD: '1' },
  });
  process.exit(r.status ?? 1);
}

const { chromium } = await import('playwright-core');
const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('./chromium.mjs');
const { createServer, searchForWorkspaceRoot, build } = await import('vite');
const { bundleSize } = await import('./bundle-size.mjs');
const { startProfile, tasksByFunction } = await import('./cpu-profile.mjs');

const DATA = join(os.tmpdir(), 'rapport-bench-data');
const CDNOW = resolve(ROOT, '../shared/data/cdnow/CDNOW_master.csv');
const RETAIL = resolve(ROOT, '../shared/data/online-retail/online_retail.csv.gz');
const RETAIL_SHOWN = '../shared/data/online-retail/online_retail.csv.gz';

// ---- arguments --------------------------------------------------------------------------
function parseSize(token) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(token.trim());
  if (!m) throw new Error(`--lines: cannot read "${token}" (e.g. 100k, 1M, 250000)`);
  const n = Math.round(Number(m[1]) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1));
  if (n < 1000) throw new Error(`--lines: ${token} is too small (at least 1000)`);
  return n;
}
const sizeLabel = (n) => (n >= 1e6 && n % 1e5 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 100 === 0 ? `${n / 1e3}k` : String(n));
const FORMATS = ['csv', 'gz', 'parquet'];

function parseArgs(argv) {
  const o = { lines: [1e5, 1e6, 5e6], formats: [...FORMATS], runs: 3, node: true, retail: true, detail: 'auto', bundle: true, json: 'bench-results/latest.json', timeout: 0, quick: false, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const positive = () => {
      const v = value();
      const n = Number(v);
      if (!Number.isFinite(n) || n < 1) throw new Error(`${flag} needs a positive number, got ${v}`);
      return Math.floor(n);
    };
    if (flag === '--lines') o.lines = [...new Set(value().split(',').filter(Boolean).map(parseSize))].sort((a, b) => a - b);
    else if (flag === '--formats') {
      o.formats = value().split(',').filter(Boolean);
      const bad = o.formats.filter((f) => !FORMATS.includes(f));
      if (bad.length || !o.formats.length) throw new Error(`--formats: ${bad.join(', ') || 'none given'} (choose from ${FORMATS.join(', ')})`);
    } else if (flag === '--runs') o.runs = positive();
    else if (flag === '--timeout') o.timeout = positive();
    else if (flag === '--json') o.json = value();
    else if (flag === '--detail') {
      const v = value();
      o.detail = v === 'none' ? null : parseSize(v);
    }
    else if (flag === '--no-detail') o.detail = null;
    else if (flag === '--no-node') o.node = false;
    else if (flag === '--no-retail') o.retail = false;
    else if (flag === '--retail') o.retail = true;
    else if (flag === '--no-bundle') o.bundle = false;
    else if (flag === '--quick') o.quick = true;
    else if (flag === '--profile') o.profile = true;
    else if (flag === '--help' || flag === '-h') {
      console.log(HELP);
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]} (try --help)`);
  }
  if (o.quick) {
    o.lines = [1e5];
    o.runs = 1;
    if (!argv.includes('--retail')) o.retail = false;
  }
  if (o.detail === 'auto') o.detail = o.lines.includes(1e6) ? 1e6 : o.lines[0];
  return o;
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(`bench: ${e.message}`);
  process.exit(2);
}

const BENCH_ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'];
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const T0 = Date.now();
const since = (t = T0) => `${((Date.now() - t) / 1000).toFixed(0)} s`;

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

// ---- statistics and formatting ----------------------------------------------------------
const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const int = (n) => Math.round(n).toLocaleString('en-US');
const ms = (n) => (n == null ? '-' : n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${int(n)} ms`);
const mb = (n) => (n == null ? '-' : `${(n / 1e6).toFixed(n >= 1e8 ? 0 : 1)} MB`);
const kb = (n) => (n == null ? '-' : `${(n / 1000).toFixed(1)} kB`);
const x = (n) => (n == null ? '-' : `${n.toFixed(2)}x`);
const get = (o, path) => path.split('.').reduce((v, k) => (v == null ? undefined : v[k]), o);

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)));
  return rows
    .map((r, i) =>
      r.map((cell, c) => (c === 0 ? String(cell ?? '').padEnd(widths[c]) : String(cell ?? '').padStart(widths[c]))).join('  ').trimEnd() +
      (i === 0 ? `\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : ''),
    )
    .join('\n');
}

// ---- the files --------------------------------------------------------------------------
const generatorHash = createHash('sha256').update(readFileSync(join(ROOT, 'src/sample/sample-orders.ts'))).digest('hex').slice(0, 8);

/** The generated order files of one size (written once, cached by size and generator version). */
async function ordersFiles(vite, lines, formats, withSurvey) {
  mkdirSync(DATA, { recursive: true });
  const base = join(DATA, `orders-${sizeLabel(lines)}-${generatorHash}`);
  const paths = { csv: `${base}.csv`, gz: `${base}.csv.gz`, parquet: `${base}.parquet`, survey: `${base}-survey.csv`, meta: `${base}.json` };
  const wanted = [...new Set(['csv', ...formats])];
  const { customersFor } = await vite.ssrLoadModule('/bench/measure.ts');
  const customers = customersFor(lines);
  const survey = async () => {
    if (!withSurvey || existsSync(paths.survey)) return;
    const surveyMod = await vite.ssrLoadModule('/src/sample/sample-survey.ts');
    writeFileSync(paths.survey, surveyMod.sampleSurveyCsv({ customers }));
  };
  if (wanted.every((f) => existsSync(paths[f])) && existsSync(paths.meta)) {
    await survey();
    return { paths, meta: JSON.parse(readFileSync(paths.meta, 'utf8')) };
  }
  const sample = await vite.ssrLoadModule('/src/sample/sample-orders.ts');
  const t = Date.now();
  log(`generating ${sizeLabel(lines)} lines (${int(customers)} customers) into ${DATA}`);
  let records = sample.generateSampleOrders({ customers });
  const columns = ['order_id', 'customer_id', 'order_date', 'amount', 'channel', 'status', 'promised_date', 'delivered_date'];
  if (!existsSync(paths.csv)) {
    const fd = openSync(`${paths.csv}.tmp`, 'w');
    writeSync(fd, `${columns.join(',')}\n`);
    for (let i = 0; i < records.length; i += 100_000) {
      writeSync(fd, `${records.slice(i, i + 100_000).map((r) => columns.map((c) => r[c]).join(',')).join('\n')}\n`);
    }
    closeSync(fd);
    renameSync(`${paths.csv}.tmp`, paths.csv);
  }
  if (wanted.includes('parquet') && !existsSync(paths.parquet)) {
    const { parquetWriteFile } = await import('hyparquet-writer');
    const day = (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00Z`) : null);
    const text = (s) => (s === '' ? null : s);
    const money = (s) => {
      const n = Number(s);
      return s === '' || !Number.isFinite(n) ? null : n;
    };
    const STRING = { type: 'BYTE_ARRAY', converted_type: 'UTF8' };
    const DATE = { type: 'INT32', converted_type: 'DATE' };
    const spec = [
      ['order_id', STRING, text], ['customer_id', STRING, text], ['order_date', DATE, day], ['amount', { type: 'DOUBLE' }, money],
      ['channel', STRING, text], ['status', STRING, text], ['promised_date', DATE, day], ['delivered_date', DATE, day],
    ];
    parquetWriteFile({
      filename: `${paths.parquet}.tmp`,
      columnData: spec.map(([name, , conv]) => ({ name, data: records.map((r) => conv(r[name])) })),
      schema: [{ name: 'root', num_children: spec.length }, ...spec.map(([name, type]) => ({ name, repetition_type: 'OPTIONAL', ...type }))],
      rowGroupSize: 100_000,
      createdBy: 'rapport bench',
    });
    renameSync(`${paths.parquet}.tmp`, paths.parquet);
  }
  const meta = { lines: records.length, customers, bytes: {} };
  records = null;
  if (wanted.includes('gz') && !existsSync(paths.gz)) {
    await pipeline(createReadStream(paths.csv), createGzip({ level: 6 }), createWriteStream(`${paths.gz}.tmp`));
    renameSync(`${paths.gz}.tmp`, paths.gz);
  }
  await survey();
  writeFileSync(paths.meta, JSON.stringify(meta));
  globalThis.gc?.();
  log(`  written in ${since(t)}`);
  return { paths, meta };
}

/** What one measured file is: a generated size in a format, or Online Retail. */
function datasets(files) {
  const out = [];
  for (const { lines, paths, meta } of files) {
    for (const format of args.formats) {
      out.push({ key: `${sizeLabel(lines)} ${format}`, size: sizeLabel(lines), lines: meta.lines, format, path: paths[format], columns: 'sample' });
    }
  }
  if (args.retail && existsSync(RETAIL)) out.push({ key: 'Online Retail gz', size: 'Online Retail', lines: 541_909, format: 'gz', path: RETAIL, columns: 'retail' });
  for (const d of out) d.bytes = statSync(d.path).size;
  return out;
}

// ---- native DuckDB ----------------------------------------------------------------------
let nativeApi = null;
let nativeMissing = '';
async function loadNative() {
  try {
    nativeApi = await import('@duckdb/node-api');
  } catch (e) {
    nativeMissing = `@duckdb/node-api is not installed (${String(e.message ?? e).split('\n')[0]})`;
  }
}

async function runNative(d, sql) {
  const t0 = performance.now();
  const instance = await nativeApi.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const t1 = performance.now();
  try {
    await connection.run(sql.read(d.path, d.format === 'parquet' ? 'parquet' : 'csv'));
    const t2 = performance.now();
    const reader = await connection.runAndReadAll(sql.rfm(d.columns));
    const t3 = performance.now();
    const rows = reader.getRowObjects();
    const customers = rows.reduce((s, r) => s + Number(r.customers), 0);
    return { startMs: t1 - t0, readMs: t2 - t1, rfmMs: t3 - t2, totalMs: t3 - t1, segments: rows.length, customers, version: nativeApi.version?.() ?? null };
  } finally {
    connection.closeSync?.();
    instance.closeSync?.();
  }
}

// ---- the browser ------------------------------------------------------------------------
let server;
let browser;
let page;
let closing = false;
const pageProblems = [];
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

async function openPage(origin) {
  page = await browser.newPage();
  page.on('pageerror', (e) => pageProblems.push(`page error: ${e.message}`));
  page.on('crash', () => pageProblems.push('the page crashed'));
  page.on('console', (m) => {
    if (m.type() === 'error') pageProblems.push(`console: ${m.text()}`.slice(0, 400));
    // What the dashboard says of a part that failed (out of memory at 10M lines), as it happens.
    if ((m.type() === 'warning' || m.type() === 'error') && m.text().startsWith('[rapport]')) log(`  page [${since()}]: ${m.text().split('\n')[0].slice(0, 300)}`);
    if (pageProblems.length > 30) pageProblems.shift();
  });
  await page.goto(`${origin}/bench/suite.html`, { waitUntil: 'load', timeout: 120_000 });
  // The first visit may find dependencies Vite had not pre-bundled yet (HTTP 504 "Outdated
  // Optimize Dep", and no HMR to reload): once they are, a reload gets the page.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.waitForFunction(() => window.__rapportSuite?.ready === true, null, { timeout: attempt === 1 ? 45_000 : 120_000 });
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
      log(`  the suite page did not start (${pageProblems.slice(-1)[0] ?? 'no error'}); reloading`);
      pageProblems.length = 0;
      await page.reload({ waitUntil: 'load', timeout: 120_000 });
    }
  }
  return page.evaluate(() => ({ longTasks: window.__rapportSuite.longTasksSupported, heap: window.__rapportSuite.heapMeasured }));
}

/** Renderer processes (page + its workers and wasm): their pids, to reset and read peak RSS. */
async function rendererPids() {
  try {
    const s = await browser.newBrowserCDPSession();
    const { processInfo } = await s.send('SystemInfo.getProcessInfo');
    await s.detach().catch(() => undefined);
    return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  } catch {
    return [];
  }
}
function resetPeakRss(pids) {
  for (const pid of pids) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      // not ours or gone
    }
  }
}
/** The largest of the renderers' VmHWM (peak) or VmRSS (now), bytes; null when /proc does not tell. */
function rss(pids, field = 'VmHWM') {
  let most = null;
  for (const pid of pids) {
    try {
      const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) most = Math.max(most ?? 0, Number(m[1]) * 1024);
    } catch {
      // gone
    }
  }
  return most;
}

const OOM = /out of memory|memory access out of bounds|Array buffer allocation failed|Cannot allocate|could not allocate|Allocation failed|crash/i;

/** One measurement in the page, with a time limit; a crashed page is reopened and the failure said plainly. */
async function inPage(origin, what, fn, argsForFn, limitS) {
  const pids = await rendererPids();
  resetPeakRss(pids);
  const rssBase = rss(pids, 'VmRSS');
  let timer;
  // A long measurement (big files) says every minute where it is: the step and each part's state.
  const heartbeat = limitS > 600
    ? setInterval(() => {
        page.evaluate(() => window.__rapportSuite.status()).then(
          (s) => log(`  [${since()}] ${what}: ${s.phase || '-'}${s.sections ? `; ${Object.entries(s.sections).map(([k, v]) => `${k} ${v}`).join(', ')}` : ''}`),
          () => undefined,
        );
      }, 60_000)
    : undefined;
  try {
    const result = await Promise.race([
      page.evaluate(fn, argsForFn),
      new Promise((_, rej) => {
        timer = setTimeout(() => rej(new Error(`no answer after ${limitS} s (raise --timeout)`)), limitS * 1000);
      }),
    ]);
    const rssPeak = rss(pids);
    return { ...result, rssPeak, rssGrowth: rssPeak != null && rssBase != null ? rssPeak - rssBase : null };
  } catch (e) {
    const msg = String(e.message ?? e).split('\n')[0];
    const crashed = pageProblems.some((p) => p.includes('crashed')) || /Target (page, context or browser )?(has been )?closed|crash/i.test(msg);
    const error = crashed ? `out of memory: the tab crashed during ${what} (${msg})` : OOM.test(msg) ? `out of memory during ${what}: ${msg}` : msg;
    if (crashed || /no answer/.test(msg)) {
      await page.close().catch(() => undefined);
      pageProblems.length = 0;
      await openPage(origin);
    }
    return { error };
  } finally {
    clearTimeout(timer);
    clearInterval(heartbeat);
  }
}

/**
 * The files the page fetches, served as plain bytes under /bench-files/<n>/<name>: not through
 * Vite's /@fs/, which sends a .gz with Content-Encoding gzip, so fetch() would hand the page
 * the CSV already inflated instead of the gzip file a user drops.
 */
const served = [];
const fsUrl = (path) => {
  let i = served.indexOf(path);
  if (i === -1) i = served.push(path) - 1;
  return `/bench-files/${i}/${encodeURIComponent(basename(path))}`;
};
const benchFiles = () => ({
  name: 'rapport-bench-files',
  configureServer(vite) {
    vite.middlewares.use('/bench-files', (req, res, next) => {
      const m = /^\/(\d+)\//.exec(req.url ?? '');
      const path = m ? served[Number(m[1])] : undefined;
      if (!path) return next();
      res.setHeader('Content-Type', 'application/octet-stream');
      res.setHeader('Content-Length', String(statSync(path).size));
      res.setHeader('Cache-Control', 'no-store');
      createReadStream(path).pipe(res);
    });
  },
});

// ---- the run ----------------------------------------------------------------------------
const results = { started: new Date().toISOString(), args, machine: null, bundle: null, datasets: [], detail: null, targets: [] };

async function measureAll(origin, vite, list) {
  const sqlMod = await vite.ssrLoadModule('/bench/floor-sql.ts');
  const columnsOf = { sample: sqlMod.SAMPLE_COLUMNS, retail: sqlMod.ONLINE_RETAIL_COLUMNS };
  const sql = { read: sqlMod.floorReadSql, rfm: (c) => sqlMod.floorRfmSql(columnsOf[c]) };
  const competitors = ['floor', 'rapport', ...(args.node && nativeApi ? ['native'] : [])];
  for (const d of list) {
    const limit = args.timeout || Math.round(120 + (d.lines / 1e6) * 240);
    const url = fsUrl(d.path);
    const name = basename(d.path);
    d.runs = [];
    for (let run = 1; run <= args.runs; run++) {
      const r = { run };
      // Rotate who goes first, so a slow phase of the machine does not always hit the same one.
      const order = competitors.map((_, i) => competitors[(i + run - 1) % competitors.length]);
      for (const c of order) {
        log(`[${since()}] ${d.key}, run ${run}/${args.runs}: ${c}`);
        if (c === 'floor') {
          r.floor = d.format === 'parquet'
            ? { na: 'DuckDB-WASM has no Parquet reader offline (parquet is an extension it downloads)' }
            : await inPage(origin, 'the floor', ([u, n, cols]) => window.__rapportSuite.floor(u, n, cols), [url, name, columnsOf[d.columns]], limit);
        } else if (c === 'rapport') {
          const stop = args.profile && run === 1 ? await startProfile(page).catch((e) => log(`  profile: not started (${String(e.message ?? e).split('\n')[0]})`)) : null;
          r.rapport = await inPage(origin, 'the dashboard load', ([u, n]) => window.__rapportSuite.rapport(u, n), [url, name], limit * 2);
          if (stop) {
            r.profiled = true;
            d.profile = await longTasksProfiled(stop, r.rapport.loadWindow);
          }
        } else {
          try {
            r.native = await runNative(d, sql);
          } catch (e) {
            r.native = { error: String(e.message ?? e).split('\n')[0] };
          }
        }
        const err = r[c]?.error;
        if (err) log(`  ${c} failed: ${err}`);
        if (err && r[c].after) log(`  ${failureText(r[c])}`);
        if (r[c]?.partial) log(`  ${partialText(r[c].partial)}`);
        if (r[c]?.apiError) log(`  the API steps failed: ${r[c].apiError}`);
      }
      d.runs.push(r);
      if (r.rapport?.error && OOM.test(r.rapport.error)) {
        log(`  ${d.key}: out of memory, no more runs at this size`);
        break;
      }
    }
  }
}

/**
 * The long tasks of the dashboard load's window (those `loadBlocking` counts: the bench's own
 * work before and the interactions after are left out), longest first (at most 12), with where
 * the profile says their time went; logged.
 */
async function longTasksProfiled(stop, span) {
  try {
    const profiled = await stop();
    if (!span) throw new Error('the load did not finish, so it has no window to look at');
    const tasks = (await page.evaluate(() => window.__rapportSuite.longTasks)).filter((t) => t.start + t.duration > span.from && t.start < span.to);
    const longest = [...tasks].sort((a, b) => b.duration - a.duration).slice(0, 12);
    const out = tasksByFunction(profiled, longest);
    log(`  profile: ${tasks.length} long tasks during the load; the longest (page time):`);
    for (const t of out) {
      log(`    ${ms(t.duration)} at ${ms(t.start)}: ${t.note ?? `self ${t.self.map((f) => `${f.fn} ${f.ms}`).join(', ')}; ours ${t.ours.map((f) => `${f.fn} ${f.ms}`).join(', ')}`}`);
    }
    return { tasks: tasks.length, longest: out };
  } catch (e) {
    log(`  profile: ${String(e.message ?? e).split('\n')[0]}`);
    return { error: String(e.message ?? e) };
  }
}

/** The parts of the dashboard that did not show, as [part, state] pairs. */
const notShown = (sections) => Object.entries(sections).filter(([, v]) => v !== 'shown');
/** The small file loaded after a failure: every section drawn, or which were not. */
const afterText = (a) => `a small file loaded after it: ${a.ok ? `every section drawn in ${ms(a.ms)}` : notShown(a.sections).map(([k, v]) => `${k} ${v}`).join('; ')}`;
/** The engine's memory by DuckDB's tag. */
const holdsText = (holds) => Object.entries(holds.memory).map(([k, v]) => `${k} ${v} MB`).join(', ');

/** Where a dashboard load failed (each part that did not show, and why), the engine's memory then, and the small file loaded after. */
function failureText(f) {
  const parts = notShown(f.sections).map(([k, v]) => `${k} ${v}`);
  return `failed ${ms(f.failedAtMs)} after the drop: ${parts.join('; ') || 'every part shown'}; DuckDB ${mb(f.duckdbBytes)} then${f.holds ? ` (${holdsText(f.holds)})` : ''}; ${afterText(f.after)}`;
}

/** The parts of a load that failed while it loaded (out of memory), what the engine held then, and the small file after. */
function partialText(p) {
  const parts = notShown(p.sections).map(([k, v]) => `${k} ${v.replace(/^failed: (EngineError: )?/, '')}`);
  return `loaded, but not shown: ${parts.join('; ')}${p.holds ? `; the engine held ${holdsText(p.holds)}` : ''}; ${afterText(p.after)}`;
}

/** Median of a path over the runs of a dataset. */
const med = (d, path) => median(d.runs.map((r) => get(r, path)));

function summarise(d) {
  const s = {
    coldStart: med(d, 'rapport.coldStartMs'),
    floor: med(d, 'floor.totalMs'),
    floorRead: med(d, 'floor.readMs'),
    floorRfm: med(d, 'floor.rfmMs'),
    native: med(d, 'native.totalMs'),
    nativeRead: med(d, 'native.readMs'),
    nativeRfm: med(d, 'native.rfmMs'),
    ttd: med(d, 'rapport.ttdMs'),
    loadFile: med(d, 'rapport.loadFileMs'),
    headline: med(d, 'rapport.sections.headline'),
    segments: med(d, 'rapport.sections.segments'),
    ladder: med(d, 'rapport.sections.ladder'),
    retention: med(d, 'rapport.sections.retention'),
    treemap: med(d, 'rapport.resegment.treemapMs'),
    resegment: med(d, 'rapport.resegment.settledMs'),
    crossFilter: med(d, 'rapport.crossFilter.settledMs'),
    crossFilterShown: med(d, 'rapport.crossFilter.shownMs'),
    apiIngest: med(d, 'rapport.api.ingestMs'),
    apiRfm: med(d, 'rapport.api.rfmMs'),
    apiLadder: med(d, 'rapport.api.ladderMs'),
    longest: med(d, 'rapport.loadBlocking.longestMs'),
    tbt: med(d, 'rapport.loadBlocking.tbtMs'),
    longestInteraction: median(d.runs.map((r) => Math.max(get(r, 'rapport.resegment.blocking.longestMs') ?? 0, get(r, 'rapport.crossFilter.blocking.longestMs') ?? 0))),
    heapPeak: med(d, 'rapport.heapPeak'),
    rssRapport: med(d, 'rapport.rssPeak'),
    rssFloor: med(d, 'floor.rssPeak'),
    rssGrowthRapport: med(d, 'rapport.rssGrowth'),
    rssGrowthFloor: med(d, 'floor.rssGrowth'),
    duckdbRapport: med(d, 'rapport.duckdbBytes'),
    duckdbFloor: med(d, 'floor.duckdbBytes'),
    customers: d.runs.find((r) => r.rapport?.customers)?.rapport.customers ?? null,
    errors: [...new Set(d.runs.flatMap((r) => ['floor', 'rapport', 'native'].map((c) => r[c]?.error && `${c}: ${r[c].error}`).filter(Boolean)))],
    missing: [...new Set(d.runs.flatMap((r) => r.rapport?.missing ?? []))],
    floorNa: d.runs[0]?.floor?.na ?? null,
  };
  s.ttdOverFloor = s.ttd != null && s.floor ? s.ttd / s.floor : null;
  s.ttdOverNative = s.ttd != null && s.native ? s.ttd / s.native : null;
  // Everything but the retention section (cohorts + the CLV fit): headline, list, segments, value, migration, ladder.
  s.core = s.ladder != null && s.segments != null ? median(d.runs.map((r) => {
    const t = get(r, 'rapport.sections');
    return t && t.segments != null && t.ladder != null ? Math.max(t.headline ?? 0, t.table ?? 0, t.segments, t.ladder) : null;
  })) : null;
  s.coreOverFloor = s.core != null && s.floor ? s.core / s.floor : null;
  return s;
}

function targets(list, bundle) {
  const out = [];
  const verdict = (ok) => (ok == null ? 'not measured' : ok ? 'PASS' : 'FAIL');
  const generated = list.filter((d) => d.columns === 'sample');
  for (const size of ['1M', '5M']) {
    for (const d of generated.filter((g) => g.size === size)) {
      const s = d.summary;
      if (d.format !== 'parquet') out.push({ target: `time-to-dashboard <= 1.15x floor, ${d.key}`, measured: s.ttdOverFloor == null ? s.errors[0] ?? '-' : `${x(s.ttdOverFloor)} (${ms(s.ttd)} / ${ms(s.floor)}; without CLV+cohorts ${x(s.coreOverFloor)})`, verdict: verdict(s.ttdOverFloor == null ? null : s.ttdOverFloor <= 1.15) });
      const limit = size === '1M' ? 3 : 2;
      out.push({ target: `time-to-dashboard <= ${limit}x native, ${d.key}`, measured: s.ttdOverNative == null ? s.errors[0] ?? 'native not run' : `${x(s.ttdOverNative)} (${ms(s.ttd)} / ${ms(s.native)})`, verdict: verdict(s.ttdOverNative == null ? null : s.ttdOverNative <= limit) });
    }
  }
  if (!generated.some((d) => d.size === '1M' || d.size === '5M')) out.push({ target: 'time-to-dashboard vs floor and native at 1M and 5M', measured: 'sizes not run', verdict: 'not measured' });
  for (const d of generated) {
    const s = d.summary;
    if (s.longest == null) continue;
    out.push({ target: `no main-thread task > 50 ms during load and analysis, ${d.key}`, measured: `longest ${ms(s.longest)}, TBT ${ms(s.tbt)}; interactions longest ${ms(s.longestInteraction)}`, verdict: verdict(Math.max(s.longest, s.longestInteraction ?? 0) <= 50) });
  }
  // Re-segmentation and cross-filter at 100k customers: the smallest file with at least that many, else the biggest (said).
  const withCustomers = generated.filter((d) => d.summary.customers && d.summary.crossFilter != null && d.format === 'csv');
  const at = withCustomers.filter((d) => d.summary.customers >= 100_000).sort((a, b) => a.summary.customers - b.summary.customers)[0] ??
    withCustomers.sort((a, b) => b.summary.customers - a.summary.customers)[0];
  if (at) {
    const s = at.summary;
    const note = s.customers >= 100_000 ? '' : ` (only ${int(s.customers)} customers measured: indicative)`;
    out.push({ target: `re-segmentation <= 100 ms at 100k customers`, measured: `treemap ${ms(s.treemap)}, all settled ${ms(s.resegment)} at ${int(s.customers)} customers (${at.key})${note}`, verdict: verdict(s.treemap != null ? s.treemap <= 100 : null) });
    out.push({ target: `cross-filter <= 100 ms at 100k customers`, measured: `list + headline + ladder ${ms(s.crossFilterShown)}, all settled ${ms(s.crossFilter)} at ${int(s.customers)} customers (${at.key})${note}`, verdict: verdict(s.crossFilterShown != null ? s.crossFilterShown <= 100 : null) });
  } else out.push({ target: 're-segmentation and cross-filter <= 100 ms at 100k customers', measured: '-', verdict: 'not measured' });
  out.push(bundle
    ? { target: 'library JS <= 150 kB gzip (rapport.js + static imports, no wasm)', measured: kb(bundle.firstLoad.gzip), verdict: verdict(bundle.firstLoad.gzip <= 150_000) }
    : { target: 'library JS <= 150 kB gzip', measured: args.bundle ? 'build failed' : '--no-bundle', verdict: 'not measured' });
  const ten = generated.filter((d) => d.lines >= 9e6);
  if (!ten.length) out.push({ target: '10M lines load, or fail with a clear memory message', measured: 'not run (--lines 10M)', verdict: 'not measured' });
  for (const d of ten) {
    const e = d.summary.errors.find((m) => m.startsWith('rapport:'));
    // A failure passes only when it says memory ran out and the page still loads a small file after it.
    const failed = d.runs.map((r) => r.rapport).find((f) => f?.error && f.after);
    const partial = d.runs.map((r) => r.rapport?.partial).find(Boolean);
    const usable = failed ? failed.after.ok : partial ? partial.after.ok : null;
    const parts = partial ? notShown(partial.sections) : [];
    const measured = !e
      ? `loaded and scored, time-to-dashboard ${ms(d.summary.ttd)}${partial ? `; ${partialText(partial)}` : ''}`
      : failed ? `${e}; ${failureText(failed)}` : e;
    const saidMemory = parts.every(([, v]) => /out of memory/i.test(v));
    const verdict = !e
      ? !partial ? 'PASS' : saidMemory && usable ? 'PASS (some parts out of memory, said in their sections; page usable after)' : 'FAIL'
      : /out of memory/i.test(e) && usable ? 'PASS (clear memory failure, page usable after it)' : 'FAIL';
    out.push({ target: `10M lines load, or fail with a clear memory message and the page still usable, ${d.key}`, measured, verdict });
  }
  return out;
}

function report(list, bundle, info) {
  const rows1 = [['file', 'size', 'lines', 'customers', 'cold start', 'floor', 'native', 'Rapport TTD', 'TTD/floor', 'TTD/native', 'headline', 'segments', 'ladder', 'CLV+cohorts', 'core', 'core/floor']];
  const rows2 = [['file', 'floor read', 'floor RFM', 'native read', 'native RFM', 'API ingest', 'API RFM+seg', 'API ladder', 're-seg treemap', 're-seg all', 'x-filter shown', 'x-filter all']];
  const rows3 = [['file', 'longest task', 'TBT', 'longest (interact.)', 'JS heap peak', 'tab RSS Rapport', '(growth)', 'tab RSS floor', '(growth)', 'DuckDB Rapport', 'DuckDB floor']];
  for (const d of list) {
    const s = d.summary;
    rows1.push([d.key, mb(d.bytes), int(d.lines), s.customers ? int(s.customers) : '-', ms(s.coldStart), s.floorNa ? 'n/a' : ms(s.floor), ms(s.native), ms(s.ttd), x(s.ttdOverFloor), x(s.ttdOverNative), ms(s.headline), ms(s.segments), ms(s.ladder), ms(s.retention), ms(s.core), x(s.coreOverFloor)]);
    rows2.push([d.key, s.floorNa ? 'n/a' : ms(s.floorRead), s.floorNa ? 'n/a' : ms(s.floorRfm), ms(s.nativeRead), ms(s.nativeRfm), ms(s.apiIngest), ms(s.apiRfm), ms(s.apiLadder), ms(s.treemap), ms(s.resegment), ms(s.crossFilterShown), ms(s.crossFilter)]);
    rows3.push([d.key, ms(s.longest), ms(s.tbt), ms(s.longestInteraction), mb(s.heapPeak), mb(s.rssRapport), mb(s.rssGrowthRapport), mb(s.rssFloor), mb(s.rssGrowthFloor), mb(s.duckdbRapport), mb(s.duckdbFloor)]);
  }
  const out = [
    '',
    `Rapport benchmark suite: medians of ${args.runs} run${args.runs === 1 ? '' : 's'}, competitors interleaved in each run (order rotated per run).`,
    '',
    'Time to dashboard (ms from <rapport-dashboard>.loadFile(File) to every section drawn; engine started before, its cold start apart)',
    table(rows1),
    '',
    'Stages and interactions',
    table(rows2),
    '',
    'Main thread during the dashboard load (long tasks) and memory',
    table(rows3),
    '',
    "Issue 8's targets",
    table([['target', 'measured', 'verdict'], ...results.targets.map((t) => [t.target, t.measured, t.verdict])]),
    '',
    'What the columns are:',
    '  floor = raw DuckDB-WASM (the engine files the app ships, its own worker) in the same page: engine.load(bytes) +',
    "    CREATE TABLE AS read_csv(..., ignore_errors = true) + one RFM query (NTILE(5) scores, segment CASE, GROUP BY; bench/floor-sql.ts).",
    '    Parquet: n/a, DuckDB-WASM reads Parquet only through its parquet extension, which it downloads (offline: unavailable).',
    '  native = @duckdb/node-api in Node, the same SQL on the same file on disk (read_parquet for Parquet); its instance start apart.',
    "  Rapport runs from Vite's dev server with the packages' production builds (Lit without its dev mode), as the library ships them.",
    '  Rapport TTD = loadFile(File) until every analysis the dashboard started has settled and every Lit element in it has rendered,',
    '    then one frame: headline, customer list, segments, value curve, migration, ladder, delivery gap, cohorts and the CLV model',
    '    (fitted in its worker). headline / segments / ladder / CLV+cohorts = first frame each had its data;',
    '    core = the first frame with headline, list, segments and ladder all shown (everything but cohorts and CLV).',
    '  API = on an engine of its own after the dashboard: ingestOrders, readScoreOverview (cold), readLadder (cold).',
    "  re-seg = segment-rules set to 'rf-grid': treemap = first frame with the new scoring, all = every section settled.",
    '  x-filter = the biggest segment chosen in the treemap (rapport-segment-select): shown = first frame with the list, headline',
    '    and ladder all showing the selection; all = every section settled (survey, delivery, value by group too).',
    '  longest task / TBT = PerformanceObserver long tasks during the load (TBT = sum of max(0, duration - 50 ms));',
    '    interact. = the longest task during the re-segmentation or the cross-filter.',
    '  JS heap peak = performance.memory.usedJSHeapSize sampled every 20 ms during the load (main thread; includes nothing of the worker).',
    '  tab RSS = peak resident memory (VmHWM) of the renderer process, reset before each measurement: page + engine worker + wasm',
    '    memory + the fetched file bytes; (growth) = that peak minus the resident memory at the reset (the page, and what an',
    '    engine closed just before still held). DuckDB = sum(memory_usage_bytes) of duckdb_memory() after the load.',
  ];
  if (bundle) {
    out.push(
      '',
      `Library JS (vite build into a temp folder, gzip -9, without the wasm): rapport.js + static imports ${kb(bundle.firstLoad.gzip)} gzip ` +
        `(${kb(bundle.firstLoad.raw)} raw: ${bundle.firstLoad.files.join(', ')}); lazy chunks ${kb(bundle.lazy.gzip)} gzip` +
        `${bundle.lazy.files.length ? ` (${bundle.lazy.files.join(', ')})` : ' (none)'}; clv-worker.js ${bundle.worker ? `${kb(bundle.worker.gzip)} gzip` : 'absent'}.`,
    );
  }
  for (const d of list) {
    const s = d.summary;
    if (s.errors.length) out.push(`${d.key}: ${s.errors.join('; ')}`);
    if (s.missing.length) out.push(`${d.key}: sections not drawn: ${s.missing.join('; ')}`);
  }
  if (!nativeApi && args.node) out.push(`native DuckDB: not run, ${nativeMissing}.`);
  out.push(info);
  return out.join('\n');
}

// ---- the breakdown of bench/measure.ts (per-stage ingest, analytics, CLV) ----------------
function detailReport(state) {
  const line = (label, pick, fmt = ms) => [label, fmt(median(state.runs.map(pick))), fmt(Math.min(...state.runs.map(pick).filter((v) => typeof v === 'number')))];
  const stages = ['Setup', 'Reading', 'Parsing', 'Detecting columns', 'Checking rows', 'Building orders', 'Finishing', 'Done'];
  const sig = (v) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));
  const clv = (title, pick) => [
    [title],
    line('  load', (r) => pick(r)?.loadMs),
    line('  summary SQL (calibration + holdout)', (r) => pick(r)?.summaryMs),
    line('  fit + predictions (model worker)', (r) => pick(r)?.runnerMs),
    line('  total', (r) => pick(r)?.totalMs),
    ['  BG/NBD r, alpha, a, b (run 1)', (() => { const p = pick(state.runs[0])?.bgNbd; return p ? `${sig(p.r)}, ${sig(p.alpha)}, ${sig(p.a)}, ${sig(p.b)}` : '-'; })(), ''],
  ];
  const r0 = state.runs[0];
  const rows = [
    ['', 'median', 'min'],
    ['Raw DuckDB read_csv'],
    line('  engine.load + CREATE TABLE AS read_csv + count(*)', (r) => r.raw.totalMs),
    line("  the same with Rapport's options", (r) => r.rawText.totalMs),
    ['Rapport ingestOrders'],
    line('  total (wall clock)', (r) => r.rapport.totalMs),
    ...stages.filter((st) => state.runs.some((r) => r.rapport.stages[st] !== undefined)).map((st) => line(`  ${st}`, (r) => r.rapport.stages[st])),
    [`RFM (${int(r0.analytics.scoredCustomers)} customers scored)`],
    line('  scores + segments + types, bare SQL', (r) => r.analytics.scoreSqlMs),
    line('  scoring overview, API', (r) => r.analytics.overviewMs),
    line('  every customer as a row object', (r) => r.analytics.rowsMs),
    line('  re-segment after a rule change', (r) => r.analytics.resegmentMs),
    line('  migration', (r) => r.analytics.migrationMs),
    ['Ladder of loyalty'],
    line('  ladder, API from cold', (r) => r.analytics.ladderMs),
    line('  one rung with reasons', (r) => r.analytics.ladderRungRowsMs),
    line('  comparison with 90 days earlier', (r) => r.analytics.ladderCompareMs),
    ['Service quality'],
    line('  delivery gap', (r) => r.analytics.deliveryMs),
    ...(r0.analytics.survey
      ? [
          [`Survey (${int(r0.analytics.survey.respondents)} respondents, ${int(r0.analytics.survey.answers)} answers)`],
          line('  ingest', (r) => r.analytics.survey.ingestMs),
          line('  quality gaps', (r) => r.analytics.survey.gapMs),
          line('  split by RFM segment', (r) => r.analytics.survey.bySegmentMs),
        ]
      : []),
    ...clv(`CLV model, generated orders (${int(r0.clv?.customers ?? 0)} customers, weeks)`, (r) => r.clv),
    ...(r0.cdnow ? clv(`CLV model, CDNOW master (${int(r0.cdnow.customers)} customers, weeks)`, (r) => r.cdnow) : [['CLV model, CDNOW master: skipped (../shared/data/cdnow/CDNOW_master.csv not found)']]),
    ['Memory after load'],
    line('  DuckDB memory, raw read_csv', (r) => r.duckdbAfterRaw, mb),
    line('  DuckDB memory, Rapport ingest', (r) => r.duckdbAfterRapport, mb),
  ];
  return [
    '',
    `Breakdown (bench/measure.ts) on the ${state.key} CSV (${int(state.lines)} lines, ${mb(state.bytes)}), ${state.runs.length} run${state.runs.length === 1 ? '' : 's'}, fresh engine (cold start ${ms(state.coldStartMs)}):`,
    table(rows),
    `Raw read_csv options: ${state.rawOptions || '(auto)'}; Rapport rows loaded ${int(r0.rapport.rowsLoaded)}, rejected ${int(r0.rapport.rowsRejected)}.`,
  ].join('\n');
}

// ---- main -------------------------------------------------------------------------------
const load = { start: os.loadavg()[0] };
try {
  const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
  results.machine = { os: `${os.type()} ${os.release()} ${os.arch()}`, cores: os.cpus().length, cpu, ramGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)), node: process.version };

  if (args.bundle) {
    const outDir = join(os.tmpdir(), `rapport-bench-build-${process.pid}`);
    const t = Date.now();
    log(`building the library into ${outDir}`);
    try {
      await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
      results.bundle = bundleSize(outDir);
      log(`  built in ${since(t)}: rapport.js + static imports ${kb(results.bundle.firstLoad.gzip)} gzip`);
    } catch (e) {
      log(`  build failed, size not measured: ${e.message ?? e}`);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }
  if (args.node) await loadNative();

  const port = await freePort();
  server = await createServer({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    cacheDir: join(os.tmpdir(), 'rapport-bench-suite-vite-cache-production'),
    optimizeDeps: { entries: ['bench/suite.html'] },
    // The packages' production builds, as the library build ships them: the dev server's default
    // takes their development builds (Lit's dev mode checks and logs every update, about half the
    // page's rendering time of a cross-filter), which no user runs.
    resolve: { conditions: ['module', 'browser', 'production'] },
    plugins: [benchFiles()],
    server: {
      host: '127.0.0.1', port, strictPort: true, open: false, hmr: false, watch: null,
      fs: { allow: [searchForWorkspaceRoot(ROOT), DATA, dirname(CDNOW), dirname(RETAIL)] },
    },
    clearScreen: false,
  });
  await server.listen();
  const origin = `http://127.0.0.1:${port}`;
  log(`Vite dev server on ${origin} (${since()})`);

  const files = [];
  for (const lines of args.lines) files.push({ lines, ...(await ordersFiles(server, lines, args.formats, lines === args.detail)) });
  if (args.detail && !args.lines.includes(args.detail)) files.push({ lines: args.detail, detailOnly: true, ...(await ordersFiles(server, args.detail, ['csv'], true)) });
  const list = datasets(files.filter((f) => !f.detailOnly));

  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: BENCH_ARGS });
  const chromiumVersion = browser.version();
  const support = await openPage(origin);
  log(`Chromium ${chromiumVersion}: long tasks ${support.longTasks ? 'observed' : 'NOT observable'}, JS heap ${support.heap ? 'measured' : 'not measured'}`);
  results.machine.chromium = chromiumVersion;

  await measureAll(origin, server, list);
  for (const d of list) d.summary = summarise(d);

  if (args.detail) {
    const f = files.find((g) => g.lines === args.detail);
    log(`[${since()}] breakdown on the ${sizeLabel(args.detail)} CSV (${args.runs} run${args.runs === 1 ? '' : 's'})`);
    const state = await inPage(
      origin,
      'the breakdown',
      ([u, runs, s, c]) => window.__rapportSuite.detail(u, runs, s, c),
      [fsUrl(f.paths.csv), args.runs, fsUrl(f.paths.survey), existsSync(CDNOW) ? fsUrl(CDNOW) : null],
      args.timeout || Math.round(300 + (args.detail / 1e6) * 300 * args.runs),
    );
    results.detail = state.error ? { error: state.error } : { ...state, key: sizeLabel(args.detail), lines: f.meta.lines };
  }

  results.datasets = list.map(({ runs, summary, ...d }) => ({ ...d, summary, runs }));
  results.targets = targets(list, results.bundle);
  const nativeVersion = list.flatMap((d) => d.runs).find((r) => r.native?.version)?.native.version;
  const info = [
    '',
    `Files: generated by src/sample (generateSampleOrders, default seed) in ${DATA}; ${args.retail && existsSync(RETAIL) ? `Online Retail: ${RETAIL_SHOWN}` : 'Online Retail: not run'}.`,
    `Machine: ${results.machine.os}, ${results.machine.cores} cores (${cpu}), ${results.machine.ramGiB} GiB RAM; Node ${process.version}; Chromium ${chromiumVersion}` +
      `${nativeVersion ? `; native DuckDB ${nativeVersion}` : ''}.`,
    `Load average (1 min) at start ${load.start.toFixed(2)}, at end ${os.loadavg()[0].toFixed(2)}; total ${since()}.`,
  ].join('\n');
  console.log(report(list, results.bundle, info));
  if (results.detail && !results.detail.error) console.log(detailReport(results.detail));
  else if (results.detail?.error) console.log(`\nBreakdown failed: ${results.detail.error}`);
  results.finished = new Date().toISOString();
  const jsonPath = resolve(ROOT, args.json);
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, JSON.stringify(results, null, 1));
  log(`JSON written to ${jsonPath}`);
  const failed = list.every((d) => d.runs.every((r) => r.rapport?.error));
  if (failed) {
    console.error('bench: FAILED: no dashboard load succeeded');
    process.exitCode = 1;
  }
} catch (e) {
  console.error(`bench: FAILED: ${e.stack ?? e.message ?? e}`);
  if (pageProblems.length) console.error(`page problems:\n  ${pageProblems.join('\n  ')}`);
  process.exitCode = 1;
} finally {
  await closeAll();
}
