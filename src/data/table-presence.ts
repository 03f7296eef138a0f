import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { customersSwapPairs } from './sql/customers-ingest-sql.js';
import { feedbackSwapPairs } from './sql/feedback-ingest-sql.js';
import { ORDERS_SWAP_PAIRS, T, tableExistsSql } from './sql/ingest-sql.js';
import { surveySwapPairs } from './sql/survey-ingest-sql.js';

/**
 * Whether each engine holds each of the dataset's canonical tables (the orders and what is built
 * with them, the customer list, the feedback, the survey: what a load swaps in), as last seen:
 * asked of the engine once per table, then kept up to date by what creates and drops them (a
 * load's swap, an unload, forget). The readers that depend on them (delivery and survey gaps,
 * voice, ladder, customer list, details and types, the feedback and survey loads' matching) no
 * longer ask the catalog on every read: a cross-filter paid several such queries. The tables
 * belong to the dataset: a page that creates or drops them with SQL of its own on an engine it
 * gave calls `forgetTablePresence` after (exported by rapport/data), else it is not seen. Any
 * other table is asked of the engine every time.
 */
const present = new WeakMap<Engine, Map<string, boolean>>();

/** The tables whose presence is followed: the canonical side of every load's swap. */
const FOLLOWED: ReadonlySet<string> = new Set(
  [...ORDERS_SWAP_PAIRS, ...customersSwapPairs(), ...feedbackSwapPairs(), ...surveySwapPairs()].map(([, canonical]) => canonical),
);

/** The dataset's canonical tables (the ones whose presence is followed). */
export function datasetTables(): string[] {
  return [...FOLLOWED];
}

function known(engine: Engine): Map<string, boolean> {
  let m = present.get(engine);
  if (!m) present.set(engine, (m = new Map()));
  return m;
}

/** Whether the engine holds `table`. */
export async function hasTable(engine: Engine, table: string): Promise<boolean> {
  const followed = FOLLOWED.has(table);
  const seen = followed ? present.get(engine)?.get(table) : undefined;
  if (seen !== undefined) return seen;
  const [row] = rowsOf<{ present: number }>(await engine.query(tableExistsSql(table)));
  const exists = (row?.present ?? 0) > 0;
  if (followed) known(engine).set(table, exists);
  return exists;
}

/** Whether the optional customer list is loaded (the canonical `customers` table exists). */
export function hasCustomersTable(engine: Engine): Promise<boolean> {
  return hasTable(engine, T.customers);
}

/**
 * The canonical side of `pairs` (stage, canonical: a load's swap pairs) was just made (true) or dropped (false);
 * null: unknown (a swap or drop under way, or one that failed), asked again next time.
 */
export function tablesAre(engine: Engine, pairs: readonly (readonly [string, string])[], exists: boolean | null): void {
  const m = known(engine);
  for (const [, table] of pairs) {
    if (exists === null) m.delete(table);
    else m.set(table, exists);
  }
}

/**
 * SQL of the caller's own created or dropped one of the dataset's tables (orders, customers,
 * feedback, survey...) on this engine: every presence is asked of the engine again.
 */
export function forgetTablePresence(engine: Engine): void {
  present.delete(engine);
}
