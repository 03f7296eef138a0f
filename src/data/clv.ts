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
import { rowsOf, rowsOfInTurns } from './arrow-rows.js';
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
 * The lifetimes-style purchase summary (see data/sql/clv-sql.ts): frequency, recency, T and
 * monetary value per customer, in days or weeks. Invalid options reject with ClvOptionsError
 * before any SQL runs. Call inside the engine's queue.
 */
export async function readClvSummary(engine: Engine, options: ClvSummaryOptions = {}): Promise<ClvSummary> {
  const { period, observationEnd: given } = resolveClvSummaryOptions(options);
  const observationEnd = given ?? (await lastPurchaseDate(engine));
  if (observationEnd === null) return { period, observationEnd, customers: [] };
  // One row per customer: hundreds of thousands on a big file, converted in turns so the page stays responsive.
  const customers = await rowsOfInTurns<ClvSummaryRow>(await engine.query(clvSummarySql(period), [observationEnd]));
  return { period, observationEnd, customers };
}

/**
 * The calibration summary as of `calibrationEnd` and, per customer, the purchases in the
 * holdout (calibrationEnd, observationEnd]: lifetimes' `calibration_and_holdout_data`. Rejects
 * with ClvOptionsError for invalid options, or when the (defaulted) observation end is not after
 * the calibration end. Call inside the engine's queue.
 */
export async function readClvHoldout(engine: Engine, options: ClvHoldoutOptions): Promise<ClvHoldout> {
  const { period, calibrationEnd, observationEnd: given } = resolveClvHoldoutOptions(options);
  const observationEnd = given ?? (await lastPurchaseDate(engine));
  if (observationEnd === null) return { period, calibrationEnd, observationEnd, durationHoldout: 0, customers: [] };
  checkHoldoutOrder(calibrationEnd, observationEnd);
  const customers = await rowsOfInTurns<ClvHoldoutRow>(await engine.query(clvHoldoutSql(period), [calibrationEnd, observationEnd]));
  // ISO dates parse as UTC midnights: whole days apart.
  const days = (Date.parse(observationEnd) - Date.parse(calibrationEnd)) / 86_400_000;
  return { period, calibrationEnd, observationEnd, durationHoldout: days / PERIOD_DAYS[period], customers };
}
