import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { STRICT_CSP } from '../../scripts/vite-plugins.js';
import { ROOT } from '../helpers/engine.js';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { writeFileSync } from 'node:fs';

/**
 * The built pages, served like an intranet server would serve them: the strict
 * Content-Security-Policy of ../shared/docs/TOOLCHAIN.md on every page, correct MIME types, nothing else.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Policies an embedder might get wrong, served under /policy/<name>/... */
const BROKEN_POLICIES: Record<string, string> = {
  'no-wasm': STRICT_CSP.replace(" 'wasm-unsafe-eval'", ''),
  'no-worker': STRICT_CSP.replace("worker-src 'self'", "worker-src 'none'"),
};

let server: Server | undefined;
/** The builds: /dist/... and /dist-demo/... are served from here, everything else from ROOT. */
const out = mkdtempSync(join(tmpdir(), 'rapport-e2e-'));
let origin: string;
let browser: Browser;

beforeAll(async () => {
  // Build as `npm run build` does: vitest sets NODE_ENV=test, which would select Lit's dev build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    // Into a scratch folder, so a developer's own dist/ and dist-demo/ are left alone.
    await build({ configFile: join(ROOT, 'vite.config.ts'), root: ROOT, mode: 'production', logLevel: 'silent', build: { outDir: join(out, 'dist') } });
    await build({ configFile: join(ROOT, 'vite.config.ts'), root: ROOT, mode: 'demo', logLevel: 'silent', build: { outDir: join(out, 'dist-demo') } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let policy = STRICT_CSP;
    const broken = /^\/policy\/([a-z-]+)(\/.*)$/.exec(path);
    if (broken && BROKEN_POLICIES[broken[1]!]) {
      policy = BROKEN_POLICIES[broken[1]!]!;
      path = broken[2]!;
    }
    const built = /^\/(dist|dist-demo)\//.test(path);
    const base = built ? out : ROOT;
    let file = join(base, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(base) || !existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': policy });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  // Orders as Parquet, served beside the built library (read by the JavaScript Parquet reader).
  const ids = ['a', 'b', 'a', 'c', 'b', 'a'];
  writeFileSync(
    join(out, 'dist', 'orders.parquet'),
    new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'order_id', data: ids.map((_, i) => `o${i + 1}`), type: 'STRING' },
          { name: 'customer_id', data: ids, type: 'STRING' },
          { name: 'order_date', data: ['2024-01-05', '2024-02-01', '2024-03-10', '2024-03-11', '2024-05-20', '2024-06-30'], type: 'STRING' },
          { name: 'amount', data: [10, 20.5, 30, 12, 8, 40], type: 'DOUBLE' },
        ],
      }),
    ),
  );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((resolve) => server!.close(resolve));
  rmSync(out, { recursive: true, force: true });
});

async function open(path: string) {
  const page = await browser.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning' || /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  const started = Date.now();
  await page.goto(`${origin}${path}`);
  await page.waitForFunction(
    () => {
      const d = document.querySelector('rapport-dashboard');
      return d?.shadowRoot?.querySelector('rapport-customer-table') ?? d?.shadowRoot?.querySelector('[role=alert]');
    },
    null,
    { timeout: 60_000 },
  );
  // A host page's own status line (the React page's) follows the dashboard's events.
  await page.waitForFunction(() => !document.querySelector('#status') || !document.querySelector('#status')!.textContent!.includes('…'), null, { timeout: 30_000 });
  const text = await page.evaluate(() => {
    const d = document.querySelector('rapport-dashboard')!;
    const report = d.shadowRoot!.querySelector('rapport-load-report')!.shadowRoot!.textContent ?? '';
    const alert = d.shadowRoot!.querySelector('[role=alert]')?.textContent ?? '';
    const host = document.querySelector('#status')?.textContent ?? '';
    return { report: report.replace(/\s+/g, ' '), alert, host };
  });
  const seconds = (Date.now() - started) / 1000;
  await page.close();
  return { requests, problems, seconds, ...text };
}

describe('built pages under the strict Content-Security-Policy', () => {
  it('the embed page (one script, one tag with src) loads the data with no request leaving its origin', async () => {
    const r = await open('/dist-demo/demo/embed.html');
    expect(r.alert).toBe('');
    expect(r.problems).toEqual([]);
    expect(r.report).toMatch(/[\d,]+ rows read/);
    expect(r.report).toContain('6 rejected');
    expect(r.requests.filter((u) => !u.startsWith(origin))).toEqual([]);
    expect(r.requests.some((u) => u.endsWith('/duckdb/duckdb-eh.wasm'))).toBe(true);
  }, 120_000);

  it('an intranet page using only the built dist/rapport.js works the same', async () => {
    const r = await open('/test/e2e/intranet.html');
    expect(r.alert).toBe('');
    expect(r.problems).toEqual([]);
    expect(r.report).toContain('rows read');
    expect(r.requests.filter((u) => !u.startsWith(origin))).toEqual([]);
    expect(r.requests).toContain(`${origin}/dist/duckdb/duckdb-eh.wasm`);
    // rapport.js fetched the data layer by itself (it is not in the first load).
    expect(r.requests.some((u) => /\/dist\/rapport-data-layer-[\w-]+\.js$/.test(u))).toBe(true);
  }, 120_000);

  it('the analyst page opens on the generated sample', async () => {
    const r = await open('/dist-demo/index.html');
    expect(r.alert).toBe('');
    expect(r.problems).toEqual([]);
    expect(r.report).toContain('sample-orders.csv');
    expect(r.requests.filter((u) => !u.startsWith(origin))).toEqual([]);
  }, 120_000);

  it('fits the customer-value model and stores its predictions (Arrow built without eval), and reads a Parquet file', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning' || /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    try {
      await page.goto(`${origin}/test/e2e/intranet.html`);
      // The value model is fitted in its worker and its predictions become the table's value columns.
      await page.waitForFunction(
        () => {
          const d = document.querySelector('rapport-dashboard')!;
          const table = d.shadowRoot?.querySelector('rapport-customer-table') as (HTMLElement & { rows?: { clv?: unknown }[] }) | null;
          return table?.rows?.some((row) => typeof row.clv === 'number') || d.shadowRoot?.querySelector('[part~=retention-error]');
        },
        null,
        { timeout: 90_000 },
      );
      const retentionError = await page.evaluate(() => document.querySelector('rapport-dashboard')!.shadowRoot!.querySelector('[part~=retention-error]')?.textContent ?? '');
      expect(retentionError).toBe('');
      // A Parquet file dropped on the same page.
      const loaded = await page.evaluate(async () => {
        const bytes = await (await fetch('/dist/orders.parquet')).arrayBuffer();
        const d = document.querySelector('rapport-dashboard') as HTMLElement & { loadFile(f: File): Promise<{ rowsLoaded: number } | null> };
        const report = await d.loadFile(new File([bytes], 'orders.parquet'));
        return { rows: report?.rowsLoaded ?? null, alert: d.shadowRoot!.querySelector('[role=alert]')?.textContent ?? '' };
      });
      expect(loaded).toEqual({ rows: 6, alert: '' });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  }, 180_000);

  it('a React 19 page renders the dashboard as one JSX tag, in its language, and gets its events through on<event> props', async () => {
    const r = await open('/dist-demo/demo/react/index.html');
    expect(r.alert).toBe('');
    expect(r.problems).toEqual([]);
    expect(r.host).toMatch(/^[\d.]+ linhas carregadas de sample-orders\.csv/);
    expect(r.requests.filter((u) => !u.startsWith(origin))).toEqual([]);
  }, 120_000);

  it('the theming page works under the strict policy: the preview loads the sample', async () => {
    const r = await open('/dist-demo/demo/theming.html');
    expect(r.alert).toBe('');
    expect(r.problems).toEqual([]);
    expect(r.report).toContain('rows read');
    expect(r.requests.filter((u) => !u.startsWith(origin))).toEqual([]);
  }, 120_000);

  it('a policy without wasm-unsafe-eval gets a clear error on the page within seconds', async () => {
    const r = await open('/policy/no-wasm/dist-demo/demo/embed.html');
    expect(r.alert).toContain("'wasm-unsafe-eval'");
    expect(r.seconds).toBeLessThan(15);
  }, 60_000);

  it('a policy that forbids the worker gets a clear error on the page within seconds', async () => {
    const r = await open('/policy/no-worker/dist-demo/demo/embed.html');
    expect(r.alert).toContain('could not start');
    expect(r.alert).toContain('worker-src');
    expect(r.seconds).toBeLessThan(15);
  }, 60_000);
});
