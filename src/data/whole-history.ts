import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { lastOrderDateSql } from './sql/ingest-sql.js';

/**
 * Whether an analysis as of `analysisDate` (ISO; null: the default, the day after the last
 * order) sees every loaded order, so its per-customer figures may come from the
 * orders-by-customer table instead of a pass over the orders.
 */
export async function seesWholeHistory(engine: Engine, analysisDate: string | null): Promise<boolean> {
  if (analysisDate === null) return true;
  const [r] = rowsOf<{ last_order: string | null }>(await engine.query(lastOrderDateSql()));
  return typeof r?.last_order === 'string' && analysisDate > r.last_order;
}
