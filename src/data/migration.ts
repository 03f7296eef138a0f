import {
  completeMigrationDates,
  NOT_YET_A_CUSTOMER,
  validateMigrationDates,
} from '../analytics/migration-options.js';
import { RfmOptionsError, type ResolvedRfmOptions } from '../analytics/rfm-options.js';
import type { MigrationCell, MigrationResult } from '../analytics/migration-options.js';
import type { SelectedRequest, SelectedResult } from '../analytics/selection.js';
import { OTHERS, type SegmentRule } from '../analytics/segment-rules.js';
import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { resolveRfmRequest, scoredTableHolds, type RfmRequest } from './rfm.js';
import { SCORED_TABLE } from './sql/rfm-sql.js';
import { seesWholeHistory } from './whole-history.js';
import { currentSelectionTable, invalidateSelection } from './selection-state.js';
import { createMigrationFromSql, defaultMigrationToSql, dropMigrationFromSql, MIGRATION_FROM_TABLE, migrationMatrixSql, type WholeHistorySides } from './sql/migration-sql.js';

export { NOT_YET_A_CUSTOMER } from '../analytics/migration-options.js';

export interface MigrationRequest extends Omit<RfmRequest, 'analysisDate'>, SelectedRequest {
  /** ISO date; default `to` minus 90 days. Must be before `to`. */
  from?: string;
  /** ISO date; default the day after the last order. */
  to?: string;
}

export type { MigrationCell, MigrationResult } from '../analytics/migration-options.js';

/**
 * The last migration an engine was asked for, with dates resolved: what a selected migration
 * cell means (from-side segment at `from`, to-side at `to`, these options and rules). Asking
 * again with the same dates, options and rules keeps the same object, so a selection built on it
 * stays current; a load forgets it (see forgetMigration).
 */
export interface CurrentMigration {
  from: string;
  to: string;
  fromOptions: ResolvedRfmOptions;
  toOptions: ResolvedRfmOptions;
  rules: SegmentRule[];
  /** Which side's date is after the last order (its scores read the orders-by-customer table). */
  wholeHistory: WholeHistorySides;
  /** From-side names in order (rules, Others, NOT_YET_A_CUSTOMER); the to-side has all but the last. */
  segments: string[];
  key: string;
}

const migrationWith = new WeakMap<Engine, CurrentMigration>();
/** What the earlier-side scores kept in MIGRATION_FROM_TABLE were scored with (options with the date, whole history or not), per engine. */
const fromScoresWith = new WeakMap<Engine, string>();

/** The last migration is no longer the one asked for: a selection of one of its cells goes with it. */
function dropCurrentMigration(engine: Engine): void {
  migrationWith.delete(engine);
  invalidateSelection(engine, 'migration');
}

/**
 * The data changed: the last migration, and the scores kept for it, no longer describe it (their
 * table is dropped; a drop that fails leaves a table the next migration replaces). Never throws.
 */
export async function forgetMigration(engine: Engine): Promise<void> {
  fromScoresWith.delete(engine);
  dropCurrentMigration(engine);
  await engine.query(dropMigrationFromSql()).catch(() => undefined);
}

/** The last migration computed on the loaded data, or null. */
export function currentMigration(engine: Engine): CurrentMigration | null {
  return migrationWith.get(engine) ?? null;
}

/**
 * Scores and segments at `from` and `to` with the same RFM options and rules, and how many
 * customers moved between segments. Invalid options reject with RfmOptionsError or
 * SegmentRulesError before any SQL runs (except the from < to check when `to` is defaulted,
 * which needs the last order date). Call inside the engine's queue.
 */
export async function readMigration(engine: Engine, request: MigrationRequest = {}): Promise<MigrationResult & Partial<SelectedResult>> {
  const { from, to, selected, ...rfmRequest } = request;
  if ('analysisDate' in rfmRequest) {
    throw new RfmOptionsError('analysisDate is not a migration option: give from and to instead');
  }
  const given = validateMigrationDates({ from, to });
  const { options, rules } = resolveRfmRequest(rfmRequest);
  const segments = [...rules.map((r) => r.name), OTHERS, NOT_YET_A_CUSTOMER];

  let toDate = given.to;
  if (toDate === null) {
    const [row] = rowsOf<{ to_date: string | null }>(await engine.query(defaultMigrationToSql()));
    toDate = row?.to_date ?? null;
  }
  if (toDate === null) {
    const empty = { from: given.from, to: null, segments, matrix: [], totals: { customersFrom: 0, customersTo: 0 } };
    return selected ? { ...empty, selection: currentSelectionTable(engine).info } : empty;
  }
  const dates = completeMigrationDates(given.from, toDate);
  const at = (analysisDate: string): ResolvedRfmOptions => ({ ...options, analysisDate });
  const [fromOptions, toOptions] = [at(dates.from), at(dates.to)];
  // Asked each time: orders loaded past `to` by a caller that bypassed Dataset.load must be read.
  const wholeHistory = { from: await seesWholeHistory(engine, dates.from), to: await seesWholeHistory(engine, dates.to) };
  const key = JSON.stringify({ dates, options, rules, wholeHistory });
  if (migrationWith.get(engine)?.key !== key) {
    dropCurrentMigration(engine);
    migrationWith.set(engine, { from: dates.from, to: dates.to, fromOptions, toOptions, rules, wholeHistory, segments, key });
  }
  // After remembering this migration: a selection of a cell of another migration is stale now.
  const { table, info } = selected ? currentSelectionTable(engine) : { table: null, info: null };
  // The later side is often the scoring the scored table holds (the dashboard's): read, not redone.
  const toScored = scoredTableHolds(engine, toOptions, rules, wholeHistory.to) ? SCORED_TABLE : null;
  // The earlier side's scores are kept: another set of rules segments them again, without scoring again.
  const fromKey = JSON.stringify({ fromOptions, wholeHistory: wholeHistory.from });
  if (fromScoresWith.get(engine) !== fromKey) {
    fromScoresWith.delete(engine);
    await engine.query(createMigrationFromSql(fromOptions, wholeHistory.from));
    fromScoresWith.set(engine, fromKey);
  }
  const cells = rowsOf<MigrationCell & { customers_from: number; customers_to: number }>(
    await engine.query(migrationMatrixSql(fromOptions, toOptions, rules, table, wholeHistory, toScored, MIGRATION_FROM_TABLE)),
  );
  const t = cells[0];
  const matrix = cells.map(({ customers_from: _from, customers_to: _to, ...cell }): MigrationCell => cell);
  return {
    from: dates.from,
    to: dates.to,
    segments,
    matrix,
    totals: { customersFrom: t?.customers_from ?? 0, customersTo: t?.customers_to ?? 0 },
    ...(selected ? { selection: info } : {}),
  };
}
