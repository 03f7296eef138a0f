import type { SelectionInfo, SelectionPartName } from '../analytics/selection.js';
import type { Engine } from './engine/engine.js';
import { createSelectionSql, SELECTION_PARTIAL_TABLE, SELECTION_TABLE, type SelectionSqlParts } from './sql/selection-sql.js';

/**
 * Which selection each engine's SELECTION_TABLE holds, and what it was built on. Kept apart from
 * data/selection.ts (which builds it from the scoring, ladder and migration) so that rfm.ts,
 * ladder.ts and migration.ts can say "I changed" without importing what imports them.
 */

/** What a selection's parts were computed from: the scoring (segment, cell), the ladder (rung), the last migration. */
export type SelectionBasis = 'scoring' | 'ladder' | 'migration';

interface SelectionState {
  info: SelectionInfo;
  basis: readonly SelectionBasis[];
  /** The checked parts it was built from, to build it again without some of them (selectionTableWithout). */
  parts: SelectionSqlParts;
}

const selectionWith = new WeakMap<Engine, SelectionState>();

/** Record the selection just materialised into SELECTION_TABLE. */
export function rememberSelection(engine: Engine, info: SelectionInfo, basis: readonly SelectionBasis[], parts: SelectionSqlParts): void {
  selectionWith.set(engine, { info, basis, parts });
}

/** No selection in force (the table may stay: it is replaced by the next one and never read without this state). */
export function forgetSelection(engine: Engine): void {
  selectionWith.delete(engine);
}

/**
 * The scoring, ladder or last migration changed (rebuilt, re-segmented or forgotten by a load):
 * a selection with a part computed from it no longer says who was clicked, so it is forgotten.
 * A selection on another basis stays (a rung stays selected when the segments are re-scored).
 */
export function invalidateSelection(engine: Engine, changed: SelectionBasis): void {
  if (selectionWith.get(engine)?.basis.includes(changed)) selectionWith.delete(engine);
}

/** The selection in force, or null. */
export function currentSelection(engine: Engine): SelectionInfo | null {
  return selectionWith.get(engine)?.info ?? null;
}

/** The checked parts of the selection in force (values, not SQL), or null when there is none. */
export function currentSelectionParts(engine: Engine): SelectionSqlParts | null {
  return selectionWith.get(engine)?.parts ?? null;
}

/**
 * For a request with `selected`: the table of selected ids to restrict to and the selection, or
 * nulls when there is none in force (then the figures are over everyone, and say selection null).
 */
export function currentSelectionTable(engine: Engine): { table: string | null; info: SelectionInfo | null } {
  const info = currentSelection(engine);
  return { table: info ? SELECTION_TABLE : null, info };
}

/**
 * For a request with `selected` and `ignore`: the selection in force without the ignored parts,
 * built from its stored parts (values bound as parameters) into SELECTION_PARTIAL_TABLE. The
 * selection in force is not touched. Table null when there is no selection, or no part is left
 * (then everyone counts); info is always the whole selection in force. Call inside the engine's queue.
 */
export async function selectionTableWithout(
  engine: Engine,
  ignore: readonly SelectionPartName[],
): Promise<{ table: string | null; info: SelectionInfo | null }> {
  const state = selectionWith.get(engine);
  if (!state) return { table: null, info: null };
  if (ignore.length === 0) return { table: SELECTION_TABLE, info: state.info };
  // Nothing ignored is in the selection: it is the selection in force, already made.
  if (!ignore.some((part) => state.parts[part] !== undefined)) return { table: SELECTION_TABLE, info: state.info };
  const rest: SelectionSqlParts = { ...state.parts };
  for (const part of ignore) delete rest[part];
  if (Object.keys(rest).length === 0) return { table: null, info: state.info };
  const { sql, params } = createSelectionSql(rest, SELECTION_PARTIAL_TABLE);
  await engine.query(sql, params);
  return { table: SELECTION_PARTIAL_TABLE, info: state.info };
}
