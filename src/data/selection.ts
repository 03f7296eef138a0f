import { NOT_YET_A_CUSTOMER } from '../analytics/migration-options.js';
import {
  isEmptySelection,
  selectionKey,
  SelectionError,
  validateSelection,
  type CustomerSelection,
  type SelectionInfo,
} from '../analytics/selection.js';
import { OTHERS } from '../analytics/segment-rules.js';
import { analysisNotice } from './analysis-notices.js';
import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { currentLadder } from './ladder.js';
import { currentMigration } from './migration.js';
import { currentScoring } from './rfm.js';
import { forgetSelection, rememberSelection, type SelectionBasis } from './selection-state.js';
import { createSelectionSql, dropSelectionSql, selectionCountSql, type SelectionSqlParts } from './sql/selection-sql.js';

export { currentSelection, forgetSelection } from './selection-state.js';
export { SelectionError, type CustomerSelection, type SelectionInfo } from '../analytics/selection.js';

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/**
 * Materialise a selection: check every part against what it needs (the current scoring for a
 * segment or R-by-F cell, the current ladder for a rung, the last migration for a migration
 * cell), then write the selected customer ids once into the selection table and remember it.
 * Null, undefined or an object with no part given clears it and returns null. Anything else is
 * validated first: a non-object, an unknown field or a part that cannot be made rejects with a
 * SelectionError naming it, and the selection in force stays as it was. Call inside the
 * engine's queue.
 */
export async function selectCustomers(engine: Engine, selection: CustomerSelection | null): Promise<SelectionInfo | null> {
  // Validate before deciding to clear: a typo ({ segmnet }), a string or a list is an error, not
  // a silent "clear" that would drop the selection in force.
  const scoring = currentScoring(engine);
  const given = selection === null || selection === undefined ? null : validateSelection(selection, scoring?.bins);
  if (given === null || isEmptySelection(given)) {
    forgetSelection(engine);
    await engine.query(dropSelectionSql());
    return null;
  }
  const parts: SelectionSqlParts = {};
  const basis: SelectionBasis[] = [];

  if (given.segment !== undefined || given.cell !== undefined) {
    if (!scoring) {
      throw new SelectionError(
        given.segment !== undefined
          ? analysisNotice('selection.segment-needs-scoring', { segment: given.segment })
          : analysisNotice('selection.cell-needs-scoring', { r: given.cell!.r, f: given.cell!.f }),
      );
    }
    basis.push('scoring');
    if (given.segment !== undefined) {
      const segments = [...scoring.rules.map((r) => r.name), OTHERS];
      if (!segments.includes(given.segment)) {
        throw new SelectionError(analysisNotice('selection.unknown-segment', { segment: given.segment, segments: quoted(segments) }));
      }
      parts.segment = given.segment;
    }
    if (given.cell !== undefined) parts.cell = given.cell;
  }
  if (given.rung !== undefined) {
    if (!currentLadder(engine)) throw new SelectionError(analysisNotice('selection.rung-needs-ladder', { rung: given.rung }));
    basis.push('ladder');
    parts.rung = given.rung;
  }
  if (given.migration !== undefined) {
    const { from, to } = given.migration;
    const migration = currentMigration(engine);
    if (!migration) {
      throw new SelectionError(analysisNotice('selection.migration-needs-migration', { from, to }));
    }
    const toSide = migration.segments.filter((s) => s !== NOT_YET_A_CUSTOMER);
    if (!migration.segments.includes(from)) {
      throw new SelectionError(
        analysisNotice('selection.unknown-migration-start', { segment: from, period: migration.from, segments: quoted(migration.segments) }),
      );
    }
    if (!toSide.includes(to)) {
      throw new SelectionError(analysisNotice('selection.unknown-migration-end', { segment: to, period: migration.to, segments: quoted(toSide) }));
    }
    basis.push('migration');
    parts.migration = { from, to, fromOptions: migration.fromOptions, toOptions: migration.toOptions, rules: migration.rules, wholeHistory: migration.wholeHistory };
  }

  // Forget first: if building fails, no analytic may read a half-made table as the selection.
  forgetSelection(engine);
  const { sql, params } = createSelectionSql(parts);
  // DuckDB answers a CREATE TABLE AS with the rows it wrote (`Count`): no second query to count
  // them. An engine may answer DDL with an empty table (see Engine.query): then they are counted.
  const [created] = rowsOf<{ Count?: number | null }>(await engine.query(sql, params));
  const count = created?.Count ?? rowsOf<{ customers: number }>(await engine.query(selectionCountSql()))[0]?.customers ?? 0;
  const info: SelectionInfo = { selection: given, key: selectionKey(given), customers: Number(count) };
  rememberSelection(engine, info, basis, parts);
  return info;
}
