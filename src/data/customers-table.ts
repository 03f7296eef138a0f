import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { customersTableExistsSql } from './sql/customers-ingest-sql.js';

/**
 * Whether each engine holds the optional customer list (the canonical `customers` table), as
 * last seen: asked of the engine once, then kept up to date by what creates and drops the table
 * (a customer list's load, its unload, forget). Every customer list, ladder and count of
 * potential customers asks it; a cross-filter no longer pays a query of the catalog for it. The
 * table belongs to the dataset: dropped by other SQL, it is not seen (Dataset.unloadCustomers drops it).
 */
const present = new WeakMap<Engine, boolean>();

/** Whether the optional customer list is loaded (the canonical `customers` table exists). */
export async function hasCustomersTable(engine: Engine): Promise<boolean> {
  const known = present.get(engine);
  if (known !== undefined) return known;
  const [row] = rowsOf<{ present: number }>(await engine.query(customersTableExistsSql()));
  const exists = (row?.present ?? 0) > 0;
  present.set(engine, exists);
  return exists;
}

/** The customer list was just made (true) or dropped (false); null: unknown (a swap that failed), asked again next time. */
export function customersTableIs(engine: Engine, exists: boolean | null): void {
  if (exists === null) present.delete(engine);
  else present.set(engine, exists);
}
