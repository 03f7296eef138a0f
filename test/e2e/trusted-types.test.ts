import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { STRICT_CSP } from '../../scripts/vite-plugins.js';
import { ROOT } from '../helpers/engine.js';

/**
 * The built embed page under the strict policy plus Trusted Types: every DOM XSS sink
 * (new Worker(url), innerHTML, DOMParser, script.src, ...) must be given a Trusted value made by
 * a policy the page allows. Served under /tt/<variant>/..., the header on every response
 * (pages, modules, workers). TT: Trusted Types required, and only Lit's policy and Rapport's own
 * allowed (a second copy of either may be on the page).
 */
const TT = "require-trusted-types-for 'script'; trusted-types lit-html rapport 'allow-duplicates'";
/** Enforced: `require` allows any policy name, `named` only those of TT. */
const POLICIES: Record<string, string> = {
  require: `${STRICT_CSP}; require-trusted-types-for 'script'`,
  named: `${STRICT_CSP}; ${TT}`,
};
/**
 * Report-only: the strict policy enforced, Trusted Types only reported, so the whole flow runs
 * and every sink it reaches is listed (enforced, the first one stops the rest).
 */
const REPORT_ONLY: Record<string, string> = { report: TT };
const VARIANTS = [...Object.keys(POLICIES), ...Object.keys(REPORT_ONLY)];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv',
  '.svg': 'image/svg+xml',
};

/** Customer ids an attacker controls: each must show as text, never as markup, script or link. */
const HOSTILE = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', 'javascript:alert(1)', '=HYPERLINK("x")'];
const quoted = (s: string) => `"${s.replaceAll('"', '""')}"`;
const HOSTILE_CSV = [
  'order_id,customer_id,order_date,amount',
  ...[...HOSTILE, 'plain-1', 'plain-2'].flatMap((id, c) =>
    [0, 1, 2].map((k) => `${c * 10 + k + 1},${quoted(id)},2024-0${k * 3 + 1}-${String(c + 10)},${(c + 1) * 10 + k * 5}.50`),
  ),
].join('\n');

const out = mkdtempSync(join(tmpdir(), 'rapport-tt-'));
let server: Server | undefined;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  // Production build (vitest's NODE_ENV=test would select Lit's dev build).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(ROOT, 'vite.config.ts'), root: ROOT, mode: 'demo', logLevel: 'silent', build: { outDir: join(out, 'dist-demo') } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const m = /^\/tt\/([a-z]+)(\/dist-demo\/.*)$/.exec(path);
    let file = m && VARIANTS.includes(m[1]!) ? join(out, m[2]!) : '';
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file || !file.startsWith(out) || !existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const variant = m![1]!;
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': POLICIES[variant] ?? STRICT_CSP,
      ...(REPORT_ONLY[variant] ? { 'Content-Security-Policy-Report-Only': REPORT_ONLY[variant] } : {}),
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((resolve) => server!.close(resolve));
  rmSync(out, { recursive: true, force: true });
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
function deepState() {
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
  const table = d.shadowRoot?.querySelector('rapport-customer-table') as (HTMLElement & { rows?: { customer_id: string; clv?: unknown }[] }) | null;
  const charts = ['rapport-segments', 'rapport-pareto'].map((tag) => d.shadowRoot?.querySelector(tag)?.shadowRoot?.querySelectorAll('svg rect, svg path').length ?? 0);
  return {
    text: texts.join(' ').replace(/\s+/g, ' '),
    found,
    ids: table?.rows?.map((r) => r.customer_id) ?? [],
    clv: table?.rows?.some((r) => typeof r.clv === 'number') ?? false,
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
      const table = d?.querySelector('rapport-customer-table') as (HTMLElement & { rows?: { clv?: unknown }[] }) | null;
      const segments = d?.querySelector('rapport-segments')?.shadowRoot?.querySelector('svg rect, svg path');
      return !!segments && (table?.rows?.some((r) => typeof r.clv === 'number') || d?.querySelector('[part~=retention-error]'));
    },
    null,
    { timeout: 90_000 },
  );
}

describe.each(VARIANTS)('the embed page under Trusted Types (%s)', (variant) => {
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
          const table = d.querySelector('rapport-customer-table') as (HTMLElement & { rows?: unknown[] }) | null;
          return table?.rows?.length === n && d.querySelector('rapport-segments')?.shadowRoot?.querySelector('svg rect, svg path');
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
