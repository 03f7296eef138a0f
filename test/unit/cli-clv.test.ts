import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FitConvergence } from '../../src/analytics/clv/optimize.js';
import { clvText, readSummaryCsv, SummaryFileError } from '../../src/cli/clv.js';
import { addCalendarMonths } from '../../src/analytics/clv/holdout.js';
import { fitClvModel } from '../../src/data/clv-model.js';
import { sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { run } from '../helpers/cli.js';
import { hasSharedData, SHARED_DATA } from '../helpers/engine.js';

/**
 * `rapport clv`: BG/NBD + Gamma-Gamma from a per-customer summary (--summary) or from an order
 * export, as text, JSON and a per-customer CSV; and clear messages for bad input.
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-cli-clv-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** A CSV's records (no quoted commas in what these tests read). */
function records(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trimEnd().split('\n');
  const names = head!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i]!, v])));
}

/** A small valid summary: 12 customers, weeks. */
const SMALL = [
  'customer_id,frequency,recency,T,monetary_value',
  ...Array.from({ length: 12 }, (_, i) => {
    const f = i % 4;
    return `k${i},${f},${f ? 10 + i : 0},${30 + i},${f ? 12 + i : 0}`;
  }),
].join('\n');

describe('rapport clv: arguments and bad input', () => {
  it('refuses wrong usage with exit 2 and says what is wrong', async () => {
    const small = write('small.csv', SMALL);
    let r = await run('clv');
    expect(r.code).toBe(2);
    expect(r.err).toContain('clv needs a FILE');
    r = await run('clv', '--summary', small, '--period', 'month');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--period takes one of day, week, not "month"');
    r = await run('clv', '--summary', small, '--calibration-end', '1997-09-30');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--calibration-end and --observation-end need an order export');
    r = await run('clv', '--summary', small, '--months', '1.5');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--months takes a whole number of months');
    r = await run('clv', 'orders.csv', '--calibration-end', '1997-02-30');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/calibrationEnd/);
  });

  it('refuses a wrong --check-months, and with --summary or --calibration-end', async () => {
    const small = write('small-check.csv', SMALL);
    for (const bad of ['0', '1.5', '-2', 'six', '']) {
      const r = await run('clv', 'orders.csv', '--check-months', bad);
      expect(r.code, bad).toBe(2);
      expect(r.err).toContain(`--check-months takes a whole number of months (1 or more), not "${bad}"`);
    }
    let r = await run('clv', 'orders.csv', '--check-months');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--check-months needs a value');
    r = await run('clv', '--summary', small, '--check-months', '6');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--check-months needs an order export, not a --summary');
    r = await run('clv', 'orders.csv', '--check-months', '6', '--calibration-end', '1997-09-30');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--check-months and --calibration-end are two ways to check the model: give one');
  });

  it('checks on the last months of an order export: text and JSON; too short orders say so', async () => {
    const orders = write('sample-orders.csv', sampleOrdersCsv({ customers: 400 }));
    const j = JSON.parse((await run('clv', orders, '--period', 'week', '--check-months', '3', '--json')).out);
    const plain = JSON.parse((await run('clv', orders, '--period', 'week', '--json')).out);
    expect(plain.check).toBeNull();
    expect(j.check).toMatchObject({ months: 3 });
    expect(Object.keys(j.check)).toEqual(['months', 'calibrationEnd', 'bgnbd', 'holdout']);
    expect(Object.keys(j.check.holdout)).toEqual(['predicted', 'actual', 'customers']);
    expect(j.check.calibrationEnd).toBe(addCalendarMonths(j.observationEnd, -3));
    // The model itself is the one without the option.
    expect(j.bgnbd).toEqual(plain.bgnbd);
    expect(j.predictions).toEqual(plain.predictions);
    // The same as a direct fit to that calibration end.
    const direct = JSON.parse((await run('clv', orders, '--period', 'week', '--calibration-end', j.check.calibrationEnd, '--json')).out);
    expect(j.check.holdout).toEqual({ predicted: direct.holdout.totals.predicted, actual: direct.holdout.totals.actual, customers: direct.holdout.totals.customers });
    expect(j.check.bgnbd).toEqual(direct.bgnbd);

    const t = await run('clv', orders, '--period', 'week', '--check-months', '3');
    expect(t.code, t.err).toBe(0);
    const { predicted, actual } = j.check.holdout;
    expect(t.out).toContain(
      `Check on the last 3 months held out: predicted ${predicted.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} vs actual ${actual.toLocaleString('en-US')} purchase days (${Math.round((100 * predicted) / actual)}%)`,
    );
    expect(t.out).toContain(`  a model fitted on the orders up to ${j.check.calibrationEnd}`);

    const short = write('short-orders.csv', ['order_id,customer_id,order_date,amount', 'o1,a,2024-01-10,20', 'o2,a,2024-02-11,25', 'o3,b,2024-03-25,35'].join('\n'));
    const s = await run('clv', short, '--check-months', '2', '--json');
    expect(s.code, s.err).toBe(0);
    const js = JSON.parse(s.out);
    expect(js.check).toBeNull();
    expect(js.notices.at(-1).code).toBe('clv.check-too-short');
    expect(s.err).toContain('rapport: warning: The orders, from 2024-01-10 to 2024-03-25, are too short to check the model on the last 2 months');
  });

  it('names a bad --map: the pair, or the unknown role', async () => {
    const small = write('small.csv', SMALL);
    let r = await run('clv', '--summary', small, '--map', 'frequency');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--map takes ROLE=COLUMN[,ROLE=COLUMN...], not "frequency"');
    r = await run('clv', '--summary', small, '--map', 'frequency=x,spend=zbar');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown role "spend"');
    expect(r.err).toContain('customer_id, frequency, recency, T, monetary');
  });

  it('names a mapped column the file does not have, and a role it cannot find', async () => {
    const small = write('small.csv', SMALL);
    let r = await run('clv', '--summary', small, '--map', 'recency=t_x');
    expect(r.code).toBe(1);
    expect(r.err).toContain('small.csv: no column "t_x" (given by --map recency=t_x); the columns are "customer_id", "frequency", "recency", "T", "monetary_value".');
    const noT = write('no-t.csv', 'id,x,t_x,zbar\n1,0,0,0\n2,1,3,10\n');
    r = await run('clv', '--summary', noT);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no-t.csv: no T column (looked for t, tcal, age)');
    expect(r.err).toContain('--map T=COLUMN');
  });

  it('names the file, column and line of a bad value', async () => {
    const bad = write('bad.csv', `${SMALL}\nk99,two,5,20,10\n`);
    let r = await run('clv', '--summary', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.csv: column "frequency" (frequency), line 14: "two" is not a number.');
    const late = write('late.csv', 'ID,x,t_x,T,zbar\n1,2,31,30,5\n');
    r = await run('clv', '--summary', late);
    expect(r.code).toBe(1);
    expect(r.err).toContain('late.csv: column "t_x" (recency), line 2: 31 is later than the customer\'s age T = 30 (column "T").');
    const owing = write('owing.csv', 'ID,x,t_x,T,zbar\n1,2,20,30,-4\n');
    r = await run('clv', '--summary', owing);
    expect(r.code).toBe(1);
    expect(r.err).toContain('owing.csv: column "zbar" (monetary), line 2: -4 is negative.');
  });

  it('fits a summary with $0 repeat buyers, leaving them out of the spend model and saying so', async () => {
    const free = write('free.csv', `${SMALL}\nk50,2,20,30,0\n`);
    const r = await run('clv', '--summary', free, '--period', 'week', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.repeatBuyers).toBe(10);
    expect(j.gammaGamma.customers).toBe(9);
    expect(j.notices.map((n: { code: string }) => n.code)).toContain('clv.zero-spend-excluded');
    expect(r.err).toContain('rapport: warning: 1 repeat buyer spent nothing on their repeat purchases and is left out of the spend model fit');
  });

  it('says which time unit a summary is read in when --period is not given', async () => {
    const small = write('small.csv', SMALL);
    let r = await run('clv', '--summary', small);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('rapport: time unit assumed: days (pass --period week for weekly summaries)');
    expect(r.out).toContain('time in days');
    r = await run('clv', '--summary', small, '--period', 'day');
    expect(r.err).not.toContain('time unit assumed');
  });

  it('refuses to write --out over the input file', async () => {
    const small = write('keep.csv', SMALL);
    let r = await run('clv', '--summary', small, '--period', 'week', '--out', small);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`rapport: --out ${small} is the input file: refusing to overwrite it.`);
    r = await run('clv', '--summary', small, '--period', 'week', '--out', join(dir, '.', '..', basename(dir), 'keep.csv'));
    expect(r.code).toBe(2);
    expect(readFileSync(small, 'utf8')).toBe(SMALL);
  });

  it('says the data ends before --calibration-end, naming the file and its last purchase, with exit 1', async () => {
    const orders = write('orders.csv', 'order_id,customer_id,order_date,amount\nA1,c1,2024-01-05,10\nA2,c2,2024-02-01,20\nA3,c1,2024-03-10,15\n');
    let r = await run('clv', orders, '--calibration-end', '2024-03-10');
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain('rapport: orders.csv: the last purchase is 2024-03-10, not after --calibration-end 2024-03-10');
    expect(r.err).not.toContain('observationEnd');
    r = await run('clv', orders, '--calibration-end', '2024-06-30');
    expect(r.code).toBe(1);
    expect(r.err).toContain('the last purchase is 2024-03-10, not after --calibration-end 2024-06-30');
    // An --observation-end the user gave is still a usage error naming it.
    r = await run('clv', orders, '--calibration-end', '2024-06-30', '--observation-end', '2024-03-10');
    expect(r.code).toBe(2);
    expect(r.err).toContain('calibrationEnd (2024-06-30) must be before observationEnd (2024-03-10)');
  });

  it('says a fit converged as the notices do: a tiny gradient is converged, a parameter at its boundary is not', async () => {
    const { rows } = readSummaryCsv('s.csv', SMALL);
    const model = await fitClvModel({ period: 'week', calibrationEnd: null, observationEnd: null, durationHoldout: null, rows });
    const withBgNbd = (convergence: Partial<FitConvergence>) => clvText({ ...model, bgNbd: { ...model.bgNbd!, convergence: { ...model.bgNbd!.convergence, ...convergence } } }, { file: 's.csv', kind: 'summary' });
    const fitLine = (text: string) => text.split('\n').find((l) => l.startsWith('  fit '))!;
    expect(fitLine(withBgNbd({ converged: false, atBoundary: false, gradientNorm: 1e-7 }))).toMatch(/^ {2}fit {13}converged \(/);
    expect(fitLine(withBgNbd({ converged: false, atBoundary: false, gradientNorm: 0.02 }))).toMatch(/^ {2}fit {13}NOT converged \(/);
    expect(fitLine(withBgNbd({ converged: true, atBoundary: true, gradientNorm: 1e-9 }))).toMatch(/^ {2}fit {13}NOT converged \(at a parameter boundary\) \(/);
  });

  it('reads mapped, tab-separated, quoted summaries', () => {
    const text = 'who\tn\tlast\tage\tspend\n"a, b"\t1\t2.5\t10\t4\nc\t0\t0\t8\t0\n';
    const { rows, spend, columns } = readSummaryCsv('t.tsv', text, { customer_id: 'who', frequency: 'n', recency: 'last', T: 'age', monetary: 'spend' });
    expect(spend).toBe(true);
    expect(columns).toEqual({ customer_id: 'who', frequency: 'n', recency: 'last', T: 'age', monetary: 'spend' });
    expect(rows).toEqual([
      { customerId: 'a, b', frequency: 1, recency: 2.5, T: 10, monetaryValue: 4 },
      { customerId: 'c', frequency: 0, recency: 0, T: 8, monetaryValue: 0 },
    ]);
    expect(() => readSummaryCsv('d.csv', 'id,x,t_x,T\n1,0,0,5\n1,1,2,5\n')).toThrow(SummaryFileError);
    expect(() => readSummaryCsv('d.csv', 'id,x,t_x,T\n1,0,0,5\n1,1,2,5\n')).toThrow('d.csv: column "id" (customer_id), line 3: customer "1" is there already (line 2).');
  });

  it('writes formula-safe predictions, one row per customer', async () => {
    const evil = write('evil.csv', `${SMALL}\n=HYPERLINK("x"),1,3,20,9\n`);
    const out = join(dir, 'evil-out.csv');
    const r = await run('clv', '--summary', evil, '--period', 'week', '--out', out);
    expect(r.code, r.err).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('customer_id,frequency,recency,T,monetary_value,probability_alive,expected_purchases,expected_average_value,clv');
    expect(text.trimEnd().split('\n')).toHaveLength(14);
    expect(text).toContain(`"'=HYPERLINK(""x"")",1,3,20,9,`);
    expect(r.err).toContain(`wrote 13 customers to ${out}`);
    // Few repeat buyers: the fit still runs, and the warning goes to stderr.
    expect(r.err).toContain('rapport: warning: Only 10 customers have a repeat purchase');
  });
});

const CDNOW = join(SHARED_DATA, 'cdnow');

describe.skipIf(!hasSharedData)('rapport clv on CDNOW (skipped without ../shared/data)', () => {
  it('fits the published parameters from the published summary (--summary --json)', async () => {
    const r = await run('clv', '--summary', join(CDNOW, 'cdnow_customers_summary_with_transactions.csv'), '--period', 'week', '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('2,357 customers; columns customer_id=ID, frequency=x, recency=t_x, T=T, monetary=zbar');
    const j = JSON.parse(r.out);
    expect(j.customers).toBe(2357);
    expect(j.repeatBuyers).toBe(946);
    expect([j.bgnbd.r, j.bgnbd.alpha, j.bgnbd.a, j.bgnbd.b].map((x: number) => x.toFixed(2))).toEqual(['0.24', '4.41', '0.79', '2.43']);
    expect(j.bgnbd.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(j.bgnbd.convergence.converged).toBe(true);
    expect(Math.abs(j.gammaGamma.p - 6.25)).toBeLessThan(0.01);
    expect(Math.abs(j.gammaGamma.q - 3.74)).toBeLessThan(0.01);
    expect(Math.abs(j.gammaGamma.v - 15.44)).toBeLessThan(0.01);
    expect(j.gammaGamma.customers).toBe(946);
    expect(j.independence).toMatchObject({ n: 946, threshold: 0.3, dependent: false, passes: true });
    expect(Math.abs(j.independence.r)).toBeLessThan(0.3);
    expect(j.holdout).toBeNull();
    expect(j.warnings).toEqual([]);
  });

  it('prints a readable summary by default, and fits the same with renamed columns and --map', async () => {
    const published = readFileSync(join(CDNOW, 'cdnow_customers_summary_with_transactions.csv'), 'utf8');
    const renamed = write('renamed.csv', published.replace(/^ID,x,t_x,T,zbar/, 'cust,buys,last_buy,age_weeks,avg_value'));
    const r = await run('clv', '--summary', renamed, '--period', 'week', '--map', 'customer_id=cust,frequency=buys,recency=last_buy,T=age_weeks,monetary=avg_value');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('customers       2,357 (946 with repeat purchases)');
    expect(r.out).toMatch(/r 0\.24\d\d {3}alpha 4\.41\d\d {3}a 0\.79\d\d {3}b 2\.42\d\d/);
    expect(r.out).toMatch(/p 6\.2\d{3} {3}q 3\.74\d\d {3}v 15\.4\d{3}/);
    expect(r.out).toContain('independence    frequency vs mean spend r = 0.114: passes');
    expect(r.out).toContain('Predictions (next 52 weeks; CLV over 12 months at 1% a month)');
  });

  it('fits the purchase model alone from a summary without spend, and says so', async () => {
    const r = await run('clv', '--summary', join(CDNOW, 'cdnow_customers_summary.csv'), '--period', 'week', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.bgnbd.r.toFixed(2)).toBe('0.24');
    expect(j.gammaGamma).toBeNull();
    expect(j.notices.map((n: { code: string }) => n.code)).toEqual(['clv.no-spend']);
    expect(r.err).toContain('rapport: warning: The summary has no spend figures');
  });

  it('fits the same from the raw sample transactions, calibration to 1997-09-30, and compares with the holdout', async () => {
    const out = join(dir, 'sample-predictions.csv');
    const r = await run(
      'clv', join(CDNOW, 'CDNOW_sample.csv'), '--map', 'customer_id=sample_customer_id',
      '--period', 'week', '--calibration-end', '1997-09-30', '--json', '--out', out,
    );
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('CDNOW_sample.csv: 6,919 rows loaded, 0 rejected');
    const j = JSON.parse(r.out);
    expect(j.source).toBe('orders');
    expect(j.summaryEnd).toBe('1997-09-30');
    expect(j.customers).toBe(2357);
    expect(j.repeatBuyers).toBe(946);
    expect([j.bgnbd.r, j.bgnbd.alpha, j.bgnbd.a, j.bgnbd.b].map((x: number) => x.toFixed(2))).toEqual(['0.24', '4.41', '0.79', '2.43']);
    expect(Math.abs(j.gammaGamma.p - 6.25)).toBeLessThan(0.01);
    expect(Math.abs(j.gammaGamma.q - 3.74)).toBeLessThan(0.01);
    expect(Math.abs(j.gammaGamma.v - 15.44)).toBeLessThan(0.01);
    const h = j.holdout;
    expect(h).toMatchObject({ calibrationEnd: '1997-09-30', observationEnd: '1998-06-30', durationHoldout: 39 });
    expect(h.groups.map((g: { frequency: number }) => g.frequency)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(h.groups.at(-1).orMore).toBe(true);
    expect(h.totals.customers).toBe(2357);
    expect(h.totals.actual).toBe(1882);
    console.log(`[clv] CLI, CDNOW sample holdout: predicted ${h.totals.predicted.toFixed(1)} vs actual ${h.totals.actual} purchase days in 39 weeks`);
    expect(h.totals.predicted / h.totals.actual).toBeGreaterThan(0.8);
    expect(h.totals.predicted / h.totals.actual).toBeLessThan(1.1);
    // Customers without repeat purchases: predicted 0.23 vs actual 0.24 a head.
    expect(h.groups[0].predicted).toBeCloseTo(h.groups[0].actual, 1);

    const rows = records(readFileSync(out, 'utf8'));
    expect(rows).toHaveLength(2357);
    expect(Object.keys(rows[0]!)).toEqual([
      'customer_id', 'frequency', 'recency', 'T', 'monetary_value', 'probability_alive', 'expected_purchases',
      'expected_average_value', 'clv', 'frequency_holdout', 'expected_holdout_purchases',
    ]);
    const one = rows.find((c) => c.customer_id === '1')!;
    expect(Number(one.frequency)).toBe(2);
    expect(Number(one.recency)).toBeCloseTo(30.43, 2);
    expect(Math.abs(Number(one.expected_holdout_purchases) - 1.226)).toBeLessThanOrEqual(0.001);
    expect(Number(one.frequency_holdout)).toBe(1);
    expect(rows.every((c) => Number(c.clv) >= 0 && Number(c.probability_alive) > 0 && Number(c.probability_alive) <= 1)).toBe(true);
  });

  it('prints the holdout comparison as a table', async () => {
    const r = await run('clv', join(CDNOW, 'CDNOW_sample.csv'), '--period', 'week', '--calibration-end', '1997-09-30', '--horizon', '39', '--months', '6', '--discount', '0.02');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('calibration     up to 1997-09-30; holdout to 1998-06-30 (39 weeks)');
    expect(r.out).toContain('Calibration vs holdout: purchases per customer in the 39 weeks after 1997-09-30');
    expect(r.out).toMatch(/\n {2}7\+ +64 +\d\.\d{3} +6\.359/);
    expect(r.out).toMatch(/all \(sum\) +2,357 +1,65\d\.\d +1,882 +\(predicted\/actual 0\.8\d\d\)/);
    expect(r.out).toContain('Predictions (next 39 weeks; CLV over 6 months at 2% a month)');
  });

  it('checks the model on the last 6 months held out (--check-months 6)', async () => {
    const r = await run('clv', join(CDNOW, 'CDNOW_sample.csv'), '--map', 'customer_id=sample_customer_id', '--period', 'week', '--check-months', '6', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.summaryEnd).toBe('1998-06-30');
    expect(j.calibrationEnd).toBeNull();
    expect(j.holdout).toBeNull();
    expect(j.check.months).toBe(6);
    expect(j.check.calibrationEnd).toBe('1997-12-30');
    expect(j.check.holdout.customers).toBe(2357);
    const ratio = j.check.holdout.predicted / j.check.holdout.actual;
    console.log(`[clv] CLI, CDNOW sample, check on the last 6 months: predicted ${j.check.holdout.predicted.toFixed(1)} vs actual ${j.check.holdout.actual} purchase days (ratio ${ratio.toFixed(3)})`);
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(1.25);
    const t = await run('clv', join(CDNOW, 'CDNOW_sample.csv'), '--map', 'customer_id=sample_customer_id', '--period', 'week', '--check-months', '6');
    expect(t.out).toMatch(/Check on the last 6 months held out: predicted 1,\d{3}\.\d vs actual 1,\d{3} purchase days \(\d+%\)/);
    expect(t.out).toContain('  a model fitted on the orders up to 1997-12-30 (2,357 customers), its predictions for the 26 weeks after it');
  });
});
