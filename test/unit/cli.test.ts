import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../helpers/cli.js';
import { ROOT, SHARED_DATA, hasSharedData } from '../helpers/engine.js';

/** Runs the CLI with --json and parses what it printed. */
async function runJson(...args: string[]): Promise<{ code: number; err: string; json: Record<string, any> }> {
  const r = await run(...args, '--json');
  expect(r.code, r.err).toBe(0);
  return { code: r.code, err: r.err, json: JSON.parse(r.out) as Record<string, any> };
}

const fx = (name: string) => join(ROOT, 'test', 'fixtures', name);

describe('rapport inspect (in-process main)', () => {
  it('prints the JSON load report for orders-en.csv with the figures of the fixture', async () => {
    const { json } = await runJson('inspect', fx('orders-en.csv'));
    for (const key of [
      'rowsRead',
      'rowsLoaded',
      'rowsRejected',
      'rejectedByReason',
      'customers',
      'orders',
      'firstOrder',
      'lastOrder',
      'totalAmount',
      'mapping',
    ]) {
      expect(json, `key ${key}`).toHaveProperty(key);
    }
    // 6 data lines, all good; customers C01..C04; 6 distinct order ids.
    expect(json.rowsRead).toBe(6);
    expect(json.rowsLoaded).toBe(6);
    expect(json.rowsRejected).toBe(0);
    expect(json.rowsRead).toBe(json.rowsLoaded + json.rowsRejected);
    expect(json.rejectedByReason).toEqual({});
    expect(json.customers).toBe(4);
    expect(json.orders).toBe(6);
    expect(json.firstOrder).toBe('2024-01-05');
    expect(json.lastOrder).toBe('2024-03-15');
    // 120.50 + 35.00 + 80.25 + 15.75 + 60.00 + 200.00
    expect(json.totalAmount).toBeCloseTo(511.5, 6);
    expect(json.mapping).toEqual({
      customer_id: 'customer_id',
      order_id: 'order_id',
      order_date: 'order_date',
      amount: 'amount',
      channel: 'channel',
    });
  });

  it('prints a human-readable report without --json', async () => {
    const r = await run('inspect', fx('orders-en.csv'));
    expect(r.code, r.err).toBe(0);
    expect(() => JSON.parse(r.out)).toThrow();
    expect(r.out).toMatch(/rows read\s+6\b/);
    expect(r.out).toMatch(/loaded\s+6\b/);
    expect(r.out).toMatch(/rejected\s+0\b/);
    expect(r.out).toMatch(/customers\s+4\b/);
    expect(r.out).toMatch(/total amount\s+511\.50/);
    expect(r.out).toMatch(
      /mapping\s+customer_id=customer_id, order_id=order_id, order_date=order_date, amount=amount, channel=channel/,
    );
  });

  it('--map ROLE=COLUMN overrides detection', async () => {
    // order_id is numeric too (1001..1006): mapped as the amount, the total is their sum.
    const { json } = await runJson('inspect', fx('orders-en.csv'), '--map', 'amount=order_id');
    expect(json.mapping.amount).toBe('order_id');
    expect(json.mapping.customer_id).toBe('customer_id');
    expect(json.mapping.order_date).toBe('order_date');
    expect(json.totalAmount).toBe(1001 + 1002 + 1003 + 1004 + 1005 + 1006);
    expect(json.rowsLoaded).toBe(6);
  });

  it('--map with a column the file does not have exits 1 naming the column', async () => {
    const r = await run('inspect', fx('orders-en.csv'), '--map', 'amount=no_such_col');
    expect(r.code).toBe(1);
    expect(r.err).toContain('no_such_col');
    expect(r.out).toBe('');
  });

  it('--map with an unknown role is a usage error (exit 2)', async () => {
    const r = await run('inspect', fx('orders-en.csv'), '--map', 'foo=bar');
    expect(r.code).toBe(2);
    expect(r.err).toContain('foo=bar');
    expect(r.err).toContain('Usage:');
  });

  it('an unknown option is a usage error (exit 2)', async () => {
    const r = await run('inspect', fx('orders-en.csv'), '--frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--frobnicate');
    expect(r.err).toContain('Usage:');
  });

  it('a missing file exits 1 with "no such file"', async () => {
    const r = await run('inspect', fx('does-not-exist.csv'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('no such file');
    expect(r.err).toContain('does-not-exist.csv');
  });

  it('--date-order mdy changes how ambiguous dates are read', async () => {
    // Dates 01/02/2024, 03/04/2024, 05/06/2024, 07/08/2024: nothing settles day vs month.
    const def = (await runJson('inspect', fx('orders-ambiguous-dates.csv'))).json;
    const mdy = (await runJson('inspect', fx('orders-ambiguous-dates.csv'), '--date-order', 'mdy')).json;
    expect(mdy.dateOrder).toBe('mdy');
    expect(mdy.firstOrder).toBe('2024-01-02');
    expect(mdy.lastOrder).toBe('2024-07-08');
    expect(def.firstOrder).not.toBe(mdy.firstOrder);
    expect(def.lastOrder).not.toBe(mdy.lastOrder);
    // The default is day/month/year, with a warning that it was a guess.
    expect(def.dateOrder).toBe('dmy');
    expect(def.firstOrder).toBe('2024-02-01');
    expect(def.lastOrder).toBe('2024-08-07');
    expect((def.warnings as string[]).join('\n')).toMatch(/day\/month\/year/);
    expect(def.rowsLoaded).toBe(4);
    expect(mdy.rowsLoaded).toBe(4);
  });

  it('--returns exclude moves returns into rejectedByReason.return_excluded', async () => {
    // Lines 8 (C500004, qty -2) and 10 (500006, qty -1) are returns; line 9 has no customer.
    const net = (await runJson('inspect', fx('lines-uci-style.csv'))).json;
    const ex = (await runJson('inspect', fx('lines-uci-style.csv'), '--returns', 'exclude')).json;
    expect(net.rejectedByReason).toEqual({ missing_customer_id: 1 });
    expect(net.returns).toMatchObject({ orders: 2, lines: 2, policy: 'net' });
    expect(ex.rejectedByReason).toEqual({ missing_customer_id: 1, return_excluded: 2 });
    expect(ex.rowsRead).toBe(10);
    expect(ex.rowsLoaded).toBe(7);
    expect(ex.rowsRejected).toBe(3);
    expect(ex.rowsRead).toBe(ex.rowsLoaded + ex.rowsRejected);
    expect(ex.returns).toMatchObject({ orders: 0, lines: 0, policy: 'exclude' });
    const excludedLines = (ex.rejectSamples as { line: number; reason: string }[])
      .filter((s) => s.reason === 'return_excluded')
      .map((s) => s.line)
      .sort((a, b) => a - b);
    expect(excludedLines).toEqual([8, 10]);
    // Returns no longer netted: 35.5 + 29.7 + 17 + 50.4, versus 126.1 net of 5.00 + 1.50.
    expect(ex.totalAmount).toBeCloseTo(132.6, 6);
    expect(net.totalAmount).toBeCloseTo(126.1, 6);
  });

  it('a file with 30% bad rows loads (exit 0) and warns with the percentage and line numbers', async () => {
    const { json } = await runJson('inspect', fx('orders-30pct-bad.csv'));
    expect(json.rowsRead).toBe(10);
    expect(json.rowsLoaded).toBe(7);
    expect(json.rowsRejected).toBe(3);
    expect(json.rowsRead).toBe(json.rowsLoaded + json.rowsRejected);
    expect(json.rejectedByReason).toEqual({ non_numeric_amount: 1, missing_customer_id: 1, unparseable_date: 1 });
    expect((json.warnings as string[]).some((w) => w.includes('30%'))).toBe(true);
    const samples = json.rejectSamples as { line: number; reason: string }[];
    expect(samples.map((s) => [s.line, s.reason])).toEqual([
      [3, 'non_numeric_amount'],
      [5, 'missing_customer_id'],
      [8, 'unparseable_date'],
    ]);
  });

  it('a PNG exits 1 with a message naming the file and PNG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
    const png = join(dir, 'not-orders.png');
    try {
      writeFileSync(
        png,
        Uint8Array.from([
          0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
          0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89,
        ]),
      );
      const r = await run('inspect', png, '--json');
      expect(r.code).toBe(1);
      expect(r.err).toContain('not-orders.png');
      expect(r.err).toContain('PNG');
      expect(r.out).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help exits 0 and prints usage', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: rapport inspect FILE');
    expect(r.out).toContain('--map ROLE=COLUMN');
    expect(r.err).toBe('');
  });
});

describe.skipIf(!hasSharedData)('rapport inspect on real data', () => {
  it('CDNOW_master.csv: 69659 rows, 23570 customers', async () => {
    const { json } = await runJson('inspect', join(SHARED_DATA, 'cdnow', 'CDNOW_master.csv'));
    expect(json.rowsRead).toBe(69659);
    expect(json.customers).toBe(23570);
    expect(json.rowsRead).toBe(json.rowsLoaded + json.rowsRejected);
  });
});

describe('bin/rapport.js (built CLI, end to end)', () => {
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist-cli', 'cli.js'))) {
      const { build } = await import('vite');
      await build({ configFile: join(ROOT, 'vite.cli.config.ts'), logLevel: 'silent' });
    }
    expect(existsSync(join(ROOT, 'dist-cli', 'cli.js'))).toBe(true);
  });

  it('prints the JSON report and exits 0', () => {
    const stdout = execFileSync(process.execPath, ['bin/rapport.js', 'inspect', 'test/fixtures/orders-en.csv', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(json.rowsRead).toBe(6);
  });

  it('exits 1 for a missing file', () => {
    let status: number | null = null;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['bin/rapport.js', 'inspect', 'test/fixtures/does-not-exist.csv'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const err = e as { status: number | null; stderr: string };
      status = err.status;
      stderr = String(err.stderr);
    }
    expect(status).toBe(1);
    expect(stderr).toContain('no such file');
  });
});
