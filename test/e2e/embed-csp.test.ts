import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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

/**
 * The built embed page under the strict policy plus Trusted Types: every DOM XSS sink
 * (new Worker(url), innerHTML, DOMParser, script.src, ...) must be given a Trusted value made by
 * a policy the page allows. Served under /tt/<variant>/... by the server above, the header on every response
 * (pages, modules, workers). TT: Trusted Types required, and only Lit's policy and Rapport's own
 * allowed (a second copy of either may be on the page).
 */
const TT = "require-trusted-types-for 'script'; trusted-types lit-html rapport 'allow-duplicates'";
/** Enforced: `require` allows any policy name, `named` only those of TT. */
const TT_POLICIES: Record<string, string> = {
  require: `${STRICT_CSP}; require-trusted-types-for 'script'`,
  named: `${STRICT_CSP}; ${TT}`,
};
/**
 * Report-only: the strict policy enforced, Trusted Types only reported, so the whole flow runs
 * and every sink it reaches is listed (enforced, the first one stops the rest).
 */
const TT_REPORT_ONLY: Record<string, string> = { report: TT };
const TT_VARIANTS = [...Object.keys(TT_POLICIES), ...Object.keys(TT_REPORT_ONLY)];

/** Customer ids an attacker controls: each must show as text, never as markup, script or link. */
const HOSTILE = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', 'javascript:alert(1)', '=HYPERLINK("x")'];
const quoted = (s: string) => `"${s.replaceAll('"', '""')}"`;
const HOSTILE_CSV = [
  'order_id,customer_id,order_date,amount',
  ...[...HOSTILE, 'plain-1', 'plain-2'].flatMap((id, c) =>
    [0, 1, 2].map((k) => `${c * 10 + k + 1},${quoted(id)},2024-0${k * 3 + 1}-${String(c + 10)},${(c + 1) * 10 + k * 5}.50`),
  ),
].join('\n');

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
    let reportOnly: string | undefined;
    const broken = /^\/policy\/([a-z-]+)(\/.*)$/.exec(path);
    if (broken && BROKEN_POLICIES[broken[1]!]) {
      policy = BROKEN_POLICIES[broken[1]!]!;
      path = broken[2]!;
    }
    const tt = /^\/tt\/([a-z]+)(\/.*)$/.exec(path);
    if (tt && TT_VARIANTS.includes(tt[1]!)) {
      policy = TT_POLICIES[tt[1]!] ?? STRICT_CSP;
      reportOnly = TT_REPORT_ONLY[tt[1]!];
      path = tt[2]!;
    }
    const built = /^\/(dist|dist-demo)\//.test(path);
    const base = built ? out : ROOT;
    let file = join(base, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(base) || !existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': policy,
      ...(reportOnly ? { 'Content-Security-Policy-Report-Only': reportOnly } : {}),
    });
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
          // The list the table reads from the engine has the model's columns (state() reads the values).
          const table = d.shadowRoot?.querySelector('rapport-customer-table') as (HTMLElement & { source: { total: number; shape: { predicted: boolean } } | null; rows: unknown[] }) | null;
          return table?.source?.shape.predicted || d.shadowRoot?.querySelector('[part~=retention-error]');
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

type Violation = { directive: string; disposition: string; blocked: string; source: string; line: number; sample: string };
type Probe = { violations: Violation[]; alerts: number };

/** Counts alert() calls and records every policy violation the page sees (before any module runs). */
function instrument() {
  const probe: Probe = { violations: [], alerts: 0 };
  (window as unknown as { __probe: Probe }).__probe = probe;
  window.alert = () => void probe.alerts++;
  window.addEventListener(
    'securitypolicyviolation',
    (e) =>
      probe.violations.push({ directive: e.effectiveDirective, disposition: e.disposition, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample }),
    true,
  );
}

/** The dashboard's rendered text, through every shadow root, and what markup ended up in them. */
async function deepState() {
  const texts: string[] = [];
  const found = { img: 0, script: 0, jsLinks: 0 };
  const walk = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.localName === 'img') found.img++;
      if (el.localName === 'script' && root !== document) found.script++;
      if (/^\s*javascript:/i.test(el.getAttribute('href') ?? '')) found.jsLinks++;
      if (el.shadowRoot) {
        texts.push(el.shadowRoot.textContent ?? '');
        walk(el.shadowRoot);
      }
    }
  };
  walk(document);
  const d = document.querySelector('rapport-dashboard')!;
  const table = d.shadowRoot?.querySelector('rapport-customer-table') as (HTMLElement & { shownRows(): Promise<{ customer_id: string; clv?: unknown }[]> }) | null;
  // Every customer listed (the dashboard's table reads its list from the engine).
  const rows = (await table?.shownRows().catch(() => null)) ?? [];
  const charts = ['rapport-segments', 'rapport-pareto'].map((tag) => d.shadowRoot?.querySelector(tag)?.shadowRoot?.querySelectorAll('svg rect, svg path').length ?? 0);
  return {
    text: texts.join(' ').replace(/\s+/g, ' '),
    found,
    ids: rows.map((r) => r.customer_id),
    clv: rows.some((r) => typeof r.clv === 'number'),
    alert: d.shadowRoot?.querySelector('[role=alert]')?.textContent?.trim() ?? '',
    report: (d.shadowRoot?.querySelector('rapport-load-report')?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '),
    charts,
  };
}

async function openEmbed(variant: string) {
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  const onConsole = (where: string) => (m: { type(): string; text(): string }) => {
    if (m.type() === 'error' || /Content.Security.Policy|requires 'Trusted|Trusted ?Type|Refused to/i.test(m.text())) errors.push(`${where}: ${m.text()}`);
  };
  page.on('console', onConsole('page'));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}\n${e.stack ?? ''}`));
  page.on('worker', (w) => w.on('console', onConsole(`worker ${w.url().split('/').pop()}`)));
  page.on('request', (r) => requests.push(r.url()));
  await page.addInitScript(instrument);
  await page.goto(`${origin}/tt/${variant}/dist-demo/demo/embed.html`);
  return { page, errors, requests };
}

const probe = (page: Page) => page.evaluate(() => (window as unknown as { __probe: Probe }).__probe);
const state = (page: Page) => page.evaluate(deepState);

/** Waits until the sample (or a failure) is shown, then until the value model has run. */
async function waitLoaded(page: Page) {
  await page.waitForFunction(
    () => {
      const d = document.querySelector('rapport-dashboard')?.shadowRoot;
      if (d?.querySelector('[role=alert]')) return true;
      const table = d?.querySelector('rapport-customer-table') as (HTMLElement & { source: { total: number; shape: { predicted: boolean } } | null; rows: unknown[] }) | null;
      const segments = d?.querySelector('rapport-segments')?.shadowRoot?.querySelector('svg rect, svg path');
      return !!segments && (table?.source?.shape.predicted || d?.querySelector('[part~=retention-error]'));
    },
    null,
    { timeout: 90_000 },
  );
}

describe.each(TT_VARIANTS)('the embed page under Trusted Types (%s)', (variant) => {
  it('loads the sample, fits the value model in its worker, shows hostile customer ids as text and exports a PNG, with no violation', async () => {
    const { page, errors, requests } = await openEmbed(variant);
    try {
      await waitLoaded(page);
      const sample = await state(page);
      // Soft: every violation and error is reported, along with the failure it caused.
      expect.soft((await probe(page)).violations).toEqual([]);
      expect.soft(errors).toEqual([]);
      expect(sample.alert).toBe('');
      expect(sample.report).toMatch(/[\d,]+ rows read/);
      expect(sample.clv).toBe(true);
      expect(sample.text).not.toContain('could not start'); // the value model ran in its worker, not on the page
      expect(requests.some((u) => u.endsWith('/clv-worker.js'))).toBe(true);
      expect(requests.some((u) => u.endsWith('/duckdb/duckdb-eh.wasm'))).toBe(true);

      // A file whose customer ids are markup, script and links, dropped on the dashboard.
      const loaded = await page.evaluate(async (csv) => {
        const d = document.querySelector('rapport-dashboard') as HTMLElement & { loadFile(f: File): Promise<{ rowsLoaded: number } | null> };
        const report = await d.loadFile(new File([csv], 'hostile.csv', { type: 'text/csv' }));
        return report?.rowsLoaded ?? null;
      }, HOSTILE_CSV);
      expect(loaded).toBe(18);
      await page.waitForFunction(
        (n) => {
          const d = document.querySelector('rapport-dashboard')!.shadowRoot!;
          const table = d.querySelector('rapport-customer-table') as (HTMLElement & { source: { total: number; shape: { predicted: boolean } } | null; rows: unknown[] }) | null;
          // Every customer listed, and the rows in view read and drawn (none still blank, busy).
          const drawn = !!table?.shadowRoot?.querySelector('lit-virtualizer [role=row]') && !table.shadowRoot.querySelector('lit-virtualizer [aria-busy]');
          return table?.source?.total === n && drawn && d.querySelector('rapport-segments')?.shadowRoot?.querySelector('svg rect, svg path');
        },
        HOSTILE.length + 2,
        { timeout: 60_000 },
      );
      const hostile = await state(page);
      expect(hostile.alert).toBe('');
      expect(hostile.report).toContain('hostile.csv');
      expect(hostile.charts.every((n) => n > 0)).toBe(true);
      expect(hostile.ids.sort()).toEqual([...HOSTILE, 'plain-1', 'plain-2'].sort());
      for (const id of HOSTILE) expect(hostile.text).toContain(id);
      expect(hostile.found).toEqual({ img: 0, script: 0, jsLinks: 0 });

      // A chart saved as PNG: under the strict img-src the painter parses the chart's SVG (a DOMParser sink).
      const download = page.waitForEvent('download', { timeout: 30_000 });
      await page.locator('rapport-dashboard [part~="export-button"]', { hasText: 'PNG' }).first().click();
      expect((await download).suggestedFilename()).toMatch(/\.png$/);
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => document.querySelector('rapport-dashboard')!.shadowRoot!.querySelector('[part~=export-error]')?.textContent?.trim() ?? '')).toBe('');

      const { violations, alerts } = await probe(page);
      expect.soft(alerts).toBe(0);
      // The PNG export's data: image is refused by img-src 'self' by design (the chart is then painted instead); nothing else may be.
      const dataImage = (v: Violation) => v.directive === 'img-src' && v.blocked === 'data';
      expect.soft(violations.filter((v) => !dataImage(v))).toEqual([]);
      expect(errors.filter((e) => !/Loading the image 'data:.*img-src/s.test(e))).toEqual([]);
    } finally {
      await page.close();
    }
  }, 180_000);
});
