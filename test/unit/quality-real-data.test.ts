import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QualityGapResult } from '../../src/analytics/quality.js';
import { gapJson } from '../../src/cli/gap.js';
import { Dataset } from '../../src/data/dataset.js';
import { run } from '../helpers/cli.js';
import { SHARED_DATA, hasSharedData, sharedFile, withEngine } from '../helpers/engine.js';

/**
 * The SERVQUAL kiosk survey (../shared/data/servqual-kiosk; present in CI, skipped with a
 * warning otherwise): 194 respondents x 24 items on a 1-7 scale, in a long file (one row per
 * respondent and item, with the 6-factor dimension) and a wide one (sq{i}_1 = expectation,
 * sq{i}_2 = perception). Both must give the same per-item gaps, equal to the plain computation
 * below, which shares no code with Rapport.
 */
const DIR = join(SHARED_DATA, 'servqual-kiosk');
const present = hasSharedData && ['servqual_long.csv', 'kiosk_clean_named.csv', 'servqual_items.csv'].every((f) => existsSync(join(DIR, f)));
if (!present) console.warn(`[rapport] ${DIR} (servqual_long.csv, kiosk_clean_named.csv, servqual_items.csv) not found: quality real-data tests are SKIPPED.`);

/** A CSV line -> fields, double quotes and "" escapes understood (the wide file quotes text with commas). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

function csv(name: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(DIR, name), 'utf8').replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l !== '');
  const names = fields(head!);
  return lines.map((l) => Object.fromEntries(fields(l).map((v, i) => [names[i]!, v])));
}

/** t(0.975, 193), interpolated in 1/df between the table's 180 (1.9732) and 200 (1.9719). */
const T975_193 = 1.97233;

interface Expected {
  n: number;
  expectation: number;
  perception: number;
  gap: number;
  ciLow: number;
  ciHigh: number;
}

/** Mean, sample sd and t interval of per-respondent values (n = 194 for every figure here). */
function summary(e: number[], p: number[]): Expected {
  const n = e.length;
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const gaps = e.map((x, i) => p[i]! - x);
  const g = mean(gaps);
  const sd = Math.sqrt(gaps.reduce((s, x) => s + (x - g) ** 2, 0) / (n - 1));
  expect(n).toBe(194);
  const half = (T975_193 * sd) / Math.sqrt(n);
  return { n, expectation: mean(e), perception: mean(p), gap: g, ciLow: g - half, ciHigh: g + half };
}

/** Per item: the answers of the long file, straight. */
function expectedItems(): Map<string, Expected> {
  const by = new Map<string, { e: number[]; p: number[] }>();
  for (const r of csv('servqual_long.csv')) {
    const a = by.get(r.item!) ?? { e: [], p: [] };
    a.e.push(Number(r.expectation));
    a.p.push(Number(r.perception));
    by.set(r.item!, a);
  }
  return new Map([...by].map(([item, a]) => [item, summary(a.e, a.p)]));
}

/** Per dimension of servqual_items.csv (blank -> unassigned): each respondent's mean over its items, from the wide file. */
function expectedDimensions(): { dimensions: Map<string, Expected>; overall: number } {
  const dimOf = new Map(csv('servqual_items.csv').map((r) => [r.item!, r.dimension_6factor_cfa || 'unassigned']));
  const rows = csv('kiosk_clean_named.csv');
  const dims = [...new Set(dimOf.values())];
  const perRespondent = rows.map((row) =>
    Object.fromEntries(
      dims.map((d) => {
        const items = [...dimOf].filter(([, x]) => x === d).map(([i]) => i);
        const e = items.reduce((s, i) => s + Number(row[`sq${i}_1`]), 0) / items.length;
        const p = items.reduce((s, i) => s + Number(row[`sq${i}_2`]), 0) / items.length;
        return [d, { e, p }];
      }),
    ),
  );
  const dimensions = new Map(dims.map((d) => [d, summary(perRespondent.map((r) => r[d]!.e), perRespondent.map((r) => r[d]!.p))]));
  // Overall, every placed dimension the same (no importance in this survey; unassigned weighs 0).
  const placed = dims.filter((d) => d !== 'unassigned');
  const overall = perRespondent.reduce((s, r) => s + placed.reduce((t, d) => t + (r[d]!.p - r[d]!.e), 0) / placed.length, 0) / rows.length;
  return { dimensions, overall };
}

function expectClose(actual: { n: number; expectation: number; perception: number; gap: number; ciLow: number | null; ciHigh: number | null }, e: Expected, what: string): void {
  expect(actual.n, what).toBe(e.n);
  expect(actual.expectation, what).toBeCloseTo(e.expectation, 9);
  expect(actual.perception, what).toBeCloseTo(e.perception, 9);
  expect(actual.gap, what).toBeCloseTo(e.gap, 9);
  // The interval differs from ours only by the table's rounding of t.
  expect(actual.ciLow!, what).toBeCloseTo(e.ciLow, 3);
  expect(actual.ciHigh!, what).toBeCloseTo(e.ciHigh, 3);
}

describe.skipIf(!present)('quality gap on the SERVQUAL kiosk survey', () => {
  let ds: Dataset;
  let long: QualityGapResult;
  beforeAll(async () => {
    ds = new Dataset(await withEngine());
    await ds.loadSurvey({ name: 'servqual_long.csv', bytes: sharedFile('servqual-kiosk', 'servqual_long.csv') });
    long = (await ds.qualityGap())!;
  }, 120_000);
  afterAll(() => ds.close());

  it('long: every item as the plain computation says', () => {
    const expected = expectedItems();
    expect(long.respondents).toBe(194);
    expect(long.scale).toEqual({ min: 1, max: 7 });
    expect(long.linkedRespondents).toBeNull();
    expect(long.items).toHaveLength(24);
    for (const item of long.items) expectClose(item, expected.get(item.item)!, `item ${item.item}`);
    // Most negative first.
    const gaps = long.items.map((i) => i.gap);
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
  });

  it('wide with --dimensions: the same items, the 6 dimensions, the overall score', async () => {
    const r = await run('gap', join(DIR, 'kiosk_clean_named.csv'), '--dimensions', join(DIR, 'servqual_items.csv'), '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('kiosk_clean_named.csv: 194 rows loaded, 0 rejected; 4,656 answers loaded, 0 rejected');
    const wide = JSON.parse(r.out) as ReturnType<typeof gapJson>;

    // Identical per-item gaps in both shapes (same items, same order, same figures).
    expect(wide.items.map((i) => i.item)).toEqual(long.items.map((i) => i.item));
    wide.items.forEach((w, k) => {
      const l = long.items[k]!;
      expect(w.dimension).toBe(l.dimension);
      for (const f of ['n', 'expectation', 'perception', 'gap', 'sd', 'ciLow', 'ciHigh'] as const) expect(w[f], `item ${w.item} ${f}`).toBeCloseTo(l[f]!, 12);
    });

    const { dimensions, overall } = expectedDimensions();
    expect(wide.dimensions.map((d) => d.dimension).sort()).toEqual(
      ['control', 'convenience', 'economy', 'security', 'tangibles', 'unassigned', 'usefulness_reliability'],
    );
    for (const d of wide.dimensions) expectClose(d, dimensions.get(d.dimension)!, d.dimension);
    // The long file's own dimension column says the same.
    expect(long.dimensions.map((d) => [d.dimension, d.items, Number(d.gap.toFixed(9))])).toEqual(
      wide.dimensions.map((d) => [d.dimension, d.items, Number(d.gap.toFixed(9))]),
    );
    expect(wide.overall.weighting).toBe('equal');
    expect(wide.overall.gap).toBeCloseTo(overall, 9);
    expect(wide.messages).toContain('No importance in the survey: every dimension counts the same.');
    expect(wide.messages.some((m) => m.startsWith("4 items belong to no dimension (shown as 'unassigned'): 9, 12, 23, 24"))).toBe(true);
    // Respondent attributes with 2..12 short values are offered as splits (GROUP_ATTRIBUTE_RULES):
    // sex, age (187 of 194 in their twenties, 96%: still offered) and frequency; not the kano,
    // ipa and total question batteries, nor the multiple-choice usage and reason text.
    expect(wide.groupOptions.find((o) => o.by === 'sex')?.groups).toBe(2);
    const offered = wide.groupOptions.map((o) => o.by);
    expect(offered).toEqual(expect.arrayContaining(['sex', 'age', 'frequency']));
    expect(offered.filter((b) => /^(kano|ipa|total)\d/.test(b))).toEqual([]);
    expect(offered).not.toContain('usage');
    expect(offered).not.toContain('reason');
    expect(wide.groupOptions.length).toBeLessThanOrEqual(8);
    expect(wide.groupOptions.find((o) => o.by === 'age')).toEqual({ by: 'age', label: 'age', groups: 4 });

    const f = (x: number | null) => (x === null ? '-' : x.toFixed(2));
    console.info(
      [
        `[rapport] SERVQUAL kiosk (194 respondents, 1-7): overall gap ${f(wide.overall.gap)} [${f(wide.overall.ciLow)}, ${f(wide.overall.ciHigh)}] (${wide.overall.weighting})`,
        ...wide.dimensions.map((d) => `  ${d.dimension.padEnd(24)} ${String(d.items).padStart(2)} items  E ${f(d.expectation)}  P ${f(d.perception)}  gap ${f(d.gap).padStart(5)} [${f(d.ciLow)}, ${f(d.ciHigh)}]`),
        `  worst items: ${wide.items.slice(0, 3).map((i) => `${i.item} (${i.dimension}) ${f(i.gap)}`).join(', ')}`,
      ].join('\n'),
    );
  }, 120_000);
});
