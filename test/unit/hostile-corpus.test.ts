import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/data/engine/engine.js';
import { IngestError } from '../../src/data/ingest/ingest-error.js';
import { ingestOrders } from '../../src/data/ingest/ingest.js';
import { REJECT_REASONS, type LoadReport } from '../../src/data/ingest/types.js';
import { FAMILIES, hostileCorpus, type HostileFile } from '../hostile/corpus.js';
import { text, withEngine } from '../helpers/engine.js';
import { expectAccounting, loaded, rows } from '../helpers/ingest.js';

/**
 * Every file of the hostile corpus (test/hostile/corpus.ts) dropped into the ingest, over a
 * dataset already loaded: each either loads, with every row read accounted for as loaded or
 * rejected (checked against the tables), or fails with a clear error naming the file and
 * leaves the previous dataset exactly as it was.
 */

const corpus = hostileCorpus();
const BASE = 'customer_id,order_date,amount\nkeep-1,2023-05-01,11.5\nkeep-2,2023-06-01,22.25\nkeep-1,2023-07-01,3\n';
let engine: Engine;
let baseline: string;
const outcomes: { family: string; name: string; outcome: string }[] = [];

/** Everything that identifies the loaded dataset: its orders, rejects and row counts. */
async function fingerprint(): Promise<string> {
  const [o] = await rows(engine, `SELECT count(*)::INTEGER AS n, string_agg(customer_id || '|' || order_date || '|' || amount, ';' ORDER BY customer_id, order_date) AS s FROM orders`);
  const [r] = await rows(engine, 'SELECT count(*)::INTEGER AS n FROM orders_rejects');
  return JSON.stringify([o, r]);
}

beforeAll(async () => {
  engine = await withEngine();
  loaded(await ingestOrders(engine, { name: 'base.csv', bytes: text(BASE) }));
  baseline = await fingerprint();
});

afterAll(async () => {
  const byFamily = FAMILIES.map((f) => {
    const of = outcomes.filter((o) => o.family === f);
    return `${f}: ${of.length} (${of.filter((o) => o.outcome === 'loaded').length} loaded, ${of.filter((o) => o.outcome !== 'loaded').length} failed cleanly)`;
  });
  console.log(`[rapport] hostile corpus: ${outcomes.length} files; ${byFamily.join('; ')}`);
  await engine.close();
});

it('the corpus has at least 100 files, in every family, with unique names', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(100);
  expect(new Set(corpus.map((f) => f.name)).size).toBe(corpus.length);
  for (const f of FAMILIES) expect(corpus.some((c) => c.family === f), f).toBe(true);
});

async function checkLoad(f: HostileFile, report: LoadReport): Promise<void> {
  const want = 'load' in f.expect ? f.expect.load : {};
  expect(report.file).toBe(f.name);
  await expectAccounting(engine, report);
  for (const key of ['rowsRead', 'rowsLoaded', 'rowsRejected', 'customers', 'firstOrder', 'lastOrder'] as const) {
    if (want[key] !== undefined) expect(report[key], key).toBe(want[key]);
  }
  if (want.totalAmount !== undefined) expect(report.totalAmount).toBeCloseTo(want.totalAmount, 2);
  for (const s of report.rejectSamples) {
    expect(REJECT_REASONS).toContain(s.reason);
    expect(s.line, `a rejected row of ${f.name} has a line`).toBeGreaterThanOrEqual(1);
  }
  for (const reason of want.reasons ?? []) expect(Object.keys(report.rejectedByReason)).toContain(reason);
  for (const r of want.rejects ?? []) expect(report.rejectSamples).toContainEqual(expect.objectContaining(r));
  for (const code of want.notices ?? []) expect(report.notices.map((n) => n.code)).toContain(code);
  if (want.ids) {
    const stored = new Set((await rows<{ id: string }>(engine, 'SELECT DISTINCT customer_id AS id FROM orders')).map((r) => r.id));
    for (const id of want.ids) expect(stored.has(id), `customer id ${JSON.stringify(id)} stored as written`).toBe(true);
  }
}

describe.each(FAMILIES.map((family) => [family, corpus.filter((f) => f.family === family)] as const))('%s', (_family, files) => {
  it.each(files.map((f) => [f.name, f.about, f] as const))('%s (%s)', async (_name, _about, f) => {
    let result: Awaited<ReturnType<typeof ingestOrders>> | undefined;
    let error: unknown;
    try {
      result = await ingestOrders(engine, { name: f.name, bytes: f.bytes }, f.options);
    } catch (e) {
      error = e;
    }
    outcomes.push({ family: f.family, name: f.name, outcome: result ? 'loaded' : error instanceof IngestError ? error.code : 'crash' });
    if ('fail' in f.expect) {
      expect(result, `${f.name} should fail with ${f.expect.fail.join(' or ')}, but loaded`).toBeUndefined();
      expect(error).toBeInstanceOf(IngestError);
      const e = error as IngestError;
      expect(f.expect.fail, `${f.name}: ${e.code}: ${e.message}`).toContain(e.code);
      expect(e.where.file).toBe(f.name);
      expect(e.message).toContain(f.name);
      expect(e.message).not.toMatch(/undefined|\[object |NaN/);
      // The previous dataset is exactly as it was.
      expect(await fingerprint()).toBe(baseline);
      return;
    }
    if (error) throw error;
    await checkLoad(f, loaded(result!));
    // Back to the baseline for the next file (so each failure is checked against a known dataset).
    loaded(await ingestOrders(engine, { name: 'base.csv', bytes: text(BASE) }));
    expect(await fingerprint()).toBe(baseline);
  });
});
