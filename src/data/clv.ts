import {
  checkHoldoutOrder,
  PERIOD_DAYS,
  resolveClvHoldoutOptions,
  resolveClvSummaryOptions,
  type ClvHoldoutOptions,
  type ClvHoldoutRow,
  type ClvSummaryOptions,
} from '../analytics/clv/holdout.js';
import type { ClvPeriod, ClvSummaryRow } from '../analytics/clv/summary.js';
import { Precision, Type, type Data, type Decimal, type Float, type Int, type Table, type Vector } from 'apache-arrow';
import { plainValues, rowsOf, rowsOfInTurns } from './arrow-rows.js';
import type { ClvCustomerIds, ClvSummaryTable } from './clv-fit.js';
import { forEachSliceInTurns, type Turn } from './turns.js';
import type { Engine } from './engine/engine.js';
import { clvHoldoutSql, clvSummarySql, lastPurchaseDateSql } from './sql/clv-sql.js';

export type { ClvHoldoutOptions, ClvHoldoutRow, ClvSummaryOptions } from '../analytics/clv/holdout.js';
export type { ClvPeriod, ClvSummaryRow } from '../analytics/clv/summary.js';

export interface ClvSummary {
  period: ClvPeriod;
  /** The observation end used (ISO): the given one, or the last purchase date; null without purchases. */
  observationEnd: string | null;
  /** One row per customer with a purchase by the observation end, ordered by customer id. */
  customers: ClvSummaryRow[];
}

export interface ClvHoldout {
  period: ClvPeriod;
  calibrationEnd: string;
  /** The holdout's end (ISO): the given one, or the last purchase date; null without purchases. */
  observationEnd: string | null;
  /** Length of the holdout in periods (0 without purchases). */
  durationHoldout: number;
  /** One row per customer with a purchase by the calibration end, ordered by customer id. */
  customers: ClvHoldoutRow[];
}

async function lastPurchaseDate(engine: Engine): Promise<string | null> {
  const [row] = rowsOf<{ last_purchase: string | null }>(await engine.query(lastPurchaseDateSql()));
  return row?.last_purchase ?? null;
}

/**
 * A summary as read from the engine, as columns: the customers' ids as the engine's answer holds
 * them (Arrow text), and every figure of the answer as a Float64Array by name, in the answer's
 * order (frequency, recency, T, monetaryValue; a holdout's frequencyHoldout, monetaryValueHoldout
 * and durationHoldout too). What the value model is fitted on: no object per customer.
 */
export interface ClvColumns extends ClvSummaryTable {
  /** Customers (rows). */
  readonly length: number;
  readonly numbers: ReadonlyMap<string, Float64Array>;
}

/** Rows copied between two looks at the clock in doubles. */
const DOUBLES_SLICE = 8_192;

/**
 * One numeric column as doubles, straight from each chunk's typed array (a blank is NaN; the SQL
 * leaves none), a slice at a time with the event loop free between turns (forEachSliceInTurns): writing
 * 3.4M doubles in one go (10M order lines) took 140-195 ms of the page per column. `turn` is
 * when the page was last free, shared by the columns of one answer.
 */
async function doubles(vector: Vector, n: number, turn: Turn): Promise<Float64Array> {
  const out = new Float64Array(n);
  let at = 0;
  for (const data of vector.data as Data[]) {
    const plain =
      data.nullCount === 0 &&
      ArrayBuffer.isView(data.values) &&
      ((data.typeId === Type.Float && (data.type as Float).precision === Precision.DOUBLE) || (data.typeId === Type.Int && (data.type as Int).bitWidth <= 32));
    // Arrow gives a decimal unscaled.
    const scale = data.typeId === Type.Decimal ? 10 ** (data.type as Decimal).scale : 1;
    const offset = at;
    await forEachSliceInTurns(
      data.length,
      (from, to) => {
        // Doubles copied, 32-bit integers converted, by the typed array's own set.
        if (plain) out.set((data.values as Float64Array | Int32Array).subarray(from, to), offset + from);
        else for (let i = from; i < to; i++) out[offset + i] = data.getValid(i) ? Number(vector.get(offset + i)) / scale : NaN;
      },
      DOUBLES_SLICE,
      12,
      turn,
    );
    at += data.length;
  }
  return out;
}

/** The answer of a summary query as columns (see ClvColumns), in turns (see doubles). */
export async function clvColumnsOf(table: Table): Promise<ClvColumns> {
  const n = table.numRows;
  const numbers = new Map<string, Float64Array>();
  const turn: Turn = { start: performance.now() };
  for (const field of table.schema.fields) {
    if (field.name === 'customerId') continue;
    numbers.set(field.name, await doubles(table.getChild(field.name)!, n, turn));
  }
  const column = (name: string) => numbers.get(name) ?? new Float64Array(n).fill(NaN);
  return {
    length: n,
    customerIds: table.getChild('customerId') ?? [],
    columns: { frequency: column('frequency'), recency: column('recency'), T: column('T'), monetaryValue: column('monetaryValue') },
    numbers,
  };
}

/** Customers' ids as strings: as given, or made from the engine's text column. */
export function customerIdStrings(ids: ClvCustomerIds): readonly string[] {
  return Array.isArray(ids) ? (ids as readonly string[]) : (plainValues(ids as Vector) as string[]);
}

/** The rows the columns were read from, as rowsOf makes them (`customerId` first, then the figures in the answer's order). */
export function clvRowsOf<T>(columns: ClvColumns): T[] {
  const ids = customerIdStrings(columns.customerIds);
  const entries = [...columns.numbers];
  const template: Record<string, unknown> = { customerId: null };
  for (const [name] of entries) template[name] = null;
  return Array.from({ length: columns.length }, (_, i) => {
    const row = { ...template };
    row.customerId = ids[i];
    for (const [name, values] of entries) row[name] = values[i];
    return row as T;
  });
}

/** The summary's period and observation end, and the SQL's answer (null without purchases). */
async function summaryAnswer(engine: Engine, options: ClvSummaryOptions): Promise<{ period: ClvPeriod; observationEnd: string | null; table: Table | null }> {
  const { period, observationEnd: given } = resolveClvSummaryOptions(options);
  const observationEnd = given ?? (await lastPurchaseDate(engine));
  if (observationEnd === null) return { period, observationEnd, table: null };
  return { period, observationEnd, table: await engine.query(clvSummarySql(period), [observationEnd]) };
}

/** The holdout split's meta and the SQL's answer (null without purchases). Rejects as readClvHoldout does. */
async function holdoutAnswer(engine: Engine, options: ClvHoldoutOptions): Promise<Omit<ClvHoldout, 'customers'> & { table: Table | null }> {
  const { period, calibrationEnd, observationEnd: given } = resolveClvHoldoutOptions(options);
  const observationEnd = given ?? (await lastPurchaseDate(engine));
  if (observationEnd === null) return { period, calibrationEnd, observationEnd, durationHoldout: 0, table: null };
  checkHoldoutOrder(calibrationEnd, observationEnd);
  const table = await engine.query(clvHoldoutSql(period), [calibrationEnd, observationEnd]);
  // ISO dates parse as UTC midnights: whole days apart.
  const days = (Date.parse(observationEnd) - Date.parse(calibrationEnd)) / 86_400_000;
  return { period, calibrationEnd, observationEnd, durationHoldout: days / PERIOD_DAYS[period], table };
}

/**
 * The lifetimes-style purchase summary (see data/sql/clv-sql.ts): frequency, recency, T and
 * monetary value per customer, in days or weeks. Invalid options reject with ClvOptionsError
 * before any SQL runs. Call inside the engine's queue.
 */
export async function readClvSummary(engine: Engine, options: ClvSummaryOptions = {}): Promise<ClvSummary> {
  const { table, ...meta } = await summaryAnswer(engine, options);
  // One row per customer: hundreds of thousands on a big file, converted in turns so the page stays responsive.
  return { ...meta, customers: table ? await rowsOfInTurns<ClvSummaryRow>(table) : [] };
}

/** readClvSummary's summary as columns (see ClvColumns); null without purchases. */
export async function readClvSummaryColumns(engine: Engine, options: ClvSummaryOptions = {}): Promise<Omit<ClvSummary, 'customers'> & { columns: ClvColumns | null }> {
  const { table, ...meta } = await summaryAnswer(engine, options);
  return { ...meta, columns: table ? await clvColumnsOf(table) : null };
}

/**
 * The calibration summary as of `calibrationEnd` and, per customer, the purchases in the
 * holdout (calibrationEnd, observationEnd]: lifetimes' `calibration_and_holdout_data`. Rejects
 * with ClvOptionsError for invalid options, or when the (defaulted) observation end is not after
 * the calibration end. Call inside the engine's queue.
 */
export async function readClvHoldout(engine: Engine, options: ClvHoldoutOptions): Promise<ClvHoldout> {
  const { table, ...meta } = await holdoutAnswer(engine, options);
  return { ...meta, customers: table ? await rowsOfInTurns<ClvHoldoutRow>(table) : [] };
}

/** readClvHoldout's split as columns (see ClvColumns); null without purchases. */
export async function readClvHoldoutColumns(engine: Engine, options: ClvHoldoutOptions): Promise<Omit<ClvHoldout, 'customers'> & { columns: ClvColumns | null }> {
  const { table, ...meta } = await holdoutAnswer(engine, options);
  return { ...meta, columns: table ? await clvColumnsOf(table) : null };
}
