import {
  completeMigrationDates,
  NOT_YET_A_CUSTOMER,
  validateMigrationDates,
} from '../analytics/migration-options.js';
import { RfmOptionsError, type ResolvedRfmOptions } from '../analytics/rfm-options.js';
import type { MigrationCell, MigrationResult } from '../analytics/migration-options.js';
import { OTHERS } from '../analytics/segment-rules.js';
import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { resolveRfmRequest, type RfmRequest } from './rfm.js';
import { defaultMigrationToSql, migrationMatrixSql, migrationTotalsSql } from './sql/migration-sql.js';

export { NOT_YET_A_CUSTOMER } from '../analytics/migration-options.js';

export interface MigrationRequest extends Omit<RfmRequest, 'analysisDate'> {
  /** ISO date; default `to` minus 90 days. Must be before `to`. */
  from?: string;
  /** ISO date; default the day after the last order. */
  to?: string;
}

export type { MigrationCell, MigrationResult } from '../analytics/migration-options.js';

/**
 * Scores and segments at `from` and `to` with the same RFM options and rules, and how many
 * customers moved between segments. Invalid options reject with RfmOptionsError or
 * SegmentRulesError before any SQL runs (except the from < to check when `to` is defaulted,
 * which needs the last order date). Call inside the engine's queue.
 */
export async function readMigration(engine: Engine, request: MigrationRequest = {}): Promise<MigrationResult> {
  const { from, to, ...rfmRequest } = request;
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
    return { from: given.from, to: null, segments, matrix: [], totals: { customersFrom: 0, customersTo: 0 } };
  }
  const dates = completeMigrationDates(given.from, toDate);
  const at = (analysisDate: string): ResolvedRfmOptions => ({ ...options, analysisDate });
  const [fromOptions, toOptions] = [at(dates.from), at(dates.to)];
  const matrix = rowsOf<MigrationCell>(await engine.query(migrationMatrixSql(fromOptions, toOptions, rules)));
  const [t] = rowsOf<{ customers_from: number; customers_to: number }>(
    await engine.query(migrationTotalsSql(fromOptions, toOptions, rules)),
  );
  return {
    from: dates.from,
    to: dates.to,
    segments,
    matrix,
    totals: { customersFrom: t?.customers_from ?? 0, customersTo: t?.customers_to ?? 0 },
  };
}
