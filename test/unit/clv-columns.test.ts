import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Table } from 'apache-arrow';
import { utf8Slice, utf8Vector } from '../../src/data/arrow-vectors.js';
import { clvColumnsOf, readClvHoldout, readClvSummary } from '../../src/data/clv.js';
import {
  clvRunnerRows,
  fitClvModel,
  inlineClvRunner,
  readClvModelInput,
  type ClvColumnsRunner,
  type ClvFitOptions,
  type ClvModel,
  type ClvModelInput,
  type ClvRunner,
  type ClvRunnerInput,
} from '../../src/data/clv-model.js';
import { clvWorkerRunner } from '../../src/components/base/dataset-source.js';
import { storeClvPredictions } from '../../src/data/clv-predictions.js';
import { workerClvRunner } from '../../src/data/clv-runner.js';
import { Dataset } from '../../src/data/dataset.js';
import { CLV_PREDICTIONS_TABLE } from '../../src/data/sql/clv-predictions-sql.js';
import { sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { text, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';

/**
 * The value model reads its summary from the engine as columns (no object per customer on the
 * page): what it fits, predicts, compares and stores is what it was from rows.
 */

const untimed = ({ fitMs: _fitMs, ...rest }: ClvModel) => rest;
/** The same input with its rows as plain rows: the way a caller (the CLI) gives one. */
const asRows = (input: ClvModelInput): ClvModelInput => ({
  period: input.period,
  calibrationEnd: input.calibrationEnd,
  observationEnd: input.observationEnd,
  durationHoldout: input.durationHoldout,
  rows: [...input.rows],
  ...(input.check ? { check: { ...input.check, input: input.check.input ? asRows(input.check.input) : null } } : {}),
});

describe('the value model on columns read from the engine', () => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = new Dataset(await withEngine());
    loaded(await dataset.load({ name: 'sample.csv', bytes: text(sampleOrdersCsv({ customers: 600, seed: 3 })) }));
  });
  afterAll(async () => {
    await dataset?.close();
  });

  it('reads the summary as columns, whose rows are the summary rows, made only when read', async () => {
    const input = await readClvModelInput(dataset.engine, { period: 'week' });
    expect(input.columns).toBeDefined();
    const summary = await readClvSummary(dataset.engine, { period: 'week' });
    expect(input.columns!.length).toBe(summary.customers.length);
    expect(Array.from(input.columns!.columns.T)).toEqual(summary.customers.map((r) => r.T));
    expect(input.rows).toEqual(summary.customers);
    // Made once.
    expect(input.rows).toBe(input.rows);
  });

  it('hands the runner the columns with the ids, and fits, predicts and checks as from the same rows', async () => {
    const input = await readClvModelInput(dataset.engine, { period: 'week', checkMonths: 3 });
    expect(input.check?.input?.columns).toBeDefined();
    const given: unknown[] = [];
    const runner: ClvColumnsRunner = Object.assign(
      (x: ClvRunnerInput, options: ClvFitOptions) => {
        given.push(x);
        return inlineClvRunner(x, options);
      },
      { acceptsColumns: true as const },
    );
    const fromColumns = await fitClvModel(input, { period: 'week', checkMonths: 3 }, runner);
    expect(given.map((x) => Array.isArray(x))).toEqual([false, false]);
    expect(clvRunnerRows(given[0] as ClvRunnerInput)).toEqual(input.rows);
    const fromRows = await fitClvModel(asRows(input), { period: 'week', checkMonths: 3 });
    expect(fromColumns.check).not.toBeNull();
    expect(untimed(fromColumns)).toEqual(untimed(fromRows));
    expect(fromColumns.predictions).toEqual(fromRows.predictions);
    expect(fromColumns.predictions.map((p) => p.customerId)).toEqual(input.rows.map((r) => r.customerId));
  });

  it('never makes a row per customer on the way to the stored predictions (the page’s path), checked split included', async () => {
    const input = await readClvModelInput(dataset.engine, { period: 'week', checkMonths: 3 });
    const noRows = (x: ClvModelInput) =>
      Object.defineProperty(x, 'rows', {
        get() {
          throw new Error('rows were made');
        },
      });
    noRows(input);
    noRows(input.check!.input!);
    const model = await fitClvModel(input, { period: 'week', checkMonths: 3 });
    expect(model.check).not.toBeNull();
    expect(await storeClvPredictions(dataset.engine, model)).toMatchObject({ customers: input.columns!.length });
  });

  it('the runners the page uses take columns: the worker runner and the components’ lazy wrapper of it', () => {
    expect(inlineClvRunner.acceptsColumns).toBe(true);
    expect(workerClvRunner().acceptsColumns).toBe(true);
    expect(clvWorkerRunner().acceptsColumns).toBe(true);
  });

  it('gives a runner that does not take columns the rows, as before', async () => {
    const input = await readClvModelInput(dataset.engine, { period: 'week' });
    const given: unknown[] = [];
    const runner: ClvRunner = (rows, options) => {
      given.push(rows);
      return inlineClvRunner(rows, options);
    };
    const model = await fitClvModel(input, { period: 'week' }, runner);
    expect(given).toEqual([input.rows]);
    expect(given[0]).toBe(input.rows);
    expect(untimed(model)).toEqual(untimed(await fitClvModel(input, { period: 'week' })));
  });

  it('splits calibration and holdout as columns; the comparison is the one from rows', async () => {
    const options = { period: 'week' as const, calibrationEnd: '2024-06-30' };
    const input = await readClvModelInput(dataset.engine, options);
    expect(input.columns!.numbers.has('frequencyHoldout')).toBe(true);
    expect(input.rows).toEqual((await readClvHoldout(dataset.engine, options)).customers);
    const fromColumns = await fitClvModel(input, options);
    const fromRows = await fitClvModel(asRows(input), options);
    expect(fromColumns.holdout).not.toBeNull();
    expect(untimed(fromColumns)).toEqual(untimed(fromRows));
  });

  it('stores each customer’s prediction under its id, the ids taken from the engine’s answer as they are', async () => {
    const model = await dataset.clvModel({ period: 'week' });
    const stored = (await dataset.engine.query(`SELECT customer_id, clv, probability_alive FROM ${CLV_PREDICTIONS_TABLE} ORDER BY customer_id`)).toArray().map((r) => r.toJSON());
    const expected = [...model.predictions]
      .sort((a, b) => (a.customerId < b.customerId ? -1 : 1))
      .map((p) => ({ customer_id: p.customerId, clv: p.clv, probability_alive: p.probabilityAlive }));
    expect(stored).toEqual(expected);
  });
});

describe('columns of a summary answer', () => {
  it('reads integers, big integers, decimals and doubles as doubles, a blank as NaN', async () => {
    const engine = await withEngine();
    try {
      const table = await engine.query(`SELECT * FROM (VALUES
        ('a', CAST(1 AS INTEGER), CAST(2 AS BIGINT), CAST(2.5 AS DECIMAL(10, 2)), CAST(NULL AS DOUBLE)),
        ('b', CAST(3 AS INTEGER), CAST(4 AS BIGINT), CAST(0.25 AS DECIMAL(10, 2)), CAST(1.5 AS DOUBLE))
      ) AS t("customerId", frequency, recency, "T", "monetaryValue")`);
      const columns = await clvColumnsOf(table);
      expect(columns.length).toBe(2);
      expect([...columns.numbers.keys()]).toEqual(['frequency', 'recency', 'T', 'monetaryValue']);
      expect(Array.from(columns.columns.frequency)).toEqual([1, 3]);
      expect(Array.from(columns.columns.recency)).toEqual([2, 4]);
      expect(Array.from(columns.columns.T)).toEqual([2.5, 0.25]);
      expect(Array.from(columns.columns.monetaryValue)).toEqual([Number.NaN, 1.5]);
    } finally {
      await engine.close();
    }
  });

  it('reads a long answer of many record batches whole, each value where it was', async () => {
    const engine = await withEngine();
    try {
      const table = await engine.query(`SELECT 'c' || i AS "customerId", CAST(i AS INTEGER) AS frequency, i / 4 AS recency, CAST(i AS DOUBLE) * 2 AS "T", 1.5 AS "monetaryValue" FROM range(50000) t(i) ORDER BY i`);
      expect(table.batches.length).toBeGreaterThan(1);
      const columns = await clvColumnsOf(table);
      expect(columns.length).toBe(50_000);
      const at = [0, 8191, 8192, 20_479, 20_480, 49_999];
      expect(at.map((i) => columns.columns.frequency[i])).toEqual(at);
      expect(at.map((i) => columns.columns.recency[i])).toEqual(at.map((i) => i / 4));
      expect(at.map((i) => columns.columns.T[i])).toEqual(at.map((i) => i * 2));
      expect(columns.columns.frequency.every((v, i) => v === i)).toBe(true);
      expect(columns.columns.monetaryValue.every((v) => v === 1.5)).toBe(true);
    } finally {
      await engine.close();
    }
  });

  it('slices text ids across record batches, blanks and all, into this copy of Arrow', () => {
    const parts = [['a', 'bb', 'ccc'], ['d', null, 'f', 'g'], ['é', 'h']];
    const vector = new Table(parts.flatMap((p) => new Table({ id: utf8Vector(p) }).batches)).getChild('id')!;
    const all = parts.flat();
    for (const [from, to] of [[0, 9], [1, 5], [3, 7], [7, 9], [2, 3]] as const) {
      expect(Array.from(utf8Slice(vector, from, to)), `${from}-${to}`).toEqual(all.slice(from, to));
    }
    expect(Array.from(utf8Slice(['x', 'y', 'z'], 1, 3))).toEqual(['y', 'z']);
  });
});
