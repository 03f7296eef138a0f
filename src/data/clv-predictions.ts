import { Field, Float64, Schema, Table, Utf8 } from 'apache-arrow';
import { finiteFloat64Vector, float64Vector, utf8Slice, utf8Vector } from './arrow-vectors.js';
import type { ClvGroupRow, ClvGroups, ClvPredictionsInfo } from '../analytics/clv/clv-groups.js';
import type { SelectedRequest, SelectedResult } from '../analytics/selection.js';
import { rowsOf } from './arrow-rows.js';
import { forEachSliceInTurns } from './turns.js';
import { clvPredictionColumns, type ClvModel, type ClvPrediction, type ClvPredictionColumns } from './clv-model.js';
import type { Engine } from './engine/engine.js';
import { currentLadder } from './ladder.js';
import { currentScoring } from './rfm.js';
import { currentSelectionTable } from './selection-state.js';
import {
  CLV_PREDICTIONS_STAGE,
  CLV_PREDICTIONS_TABLE,
  CLV_GROUP_PARTS,
  clvGroupsSql,
  createClvPredictionsSql,
  createEmptyClvPredictionsSql,
  dropClvPredictionsSql,
} from './sql/clv-predictions-sql.js';
import { LADDER_TABLE } from './sql/ladder-sql.js';
import { SCORED_TABLE } from './sql/rfm-sql.js';

export type { ClvGroupRow, ClvGroups, ClvPredictionsInfo } from '../analytics/clv/clv-groups.js';

/**
 * The last CLV model's per-customer predictions, kept in the engine (CLV_PREDICTIONS_TABLE) so
 * that SQL can join them: the customer list sorts and filters by P(alive), expected purchases
 * and CLV, and readClvGroups adds them up per segment and per place on the ladder. Dataset.clvModel
 * stores them after each fit; a load of new orders drops them (forgetClvPredictions), since they
 * describe the orders they were fitted on.
 */

/** What the predictions table of each engine holds now; absent: no table (none stored, or forgotten). */
const stored = new WeakMap<Engine, ClvPredictionsInfo>();
/** Bumped each time the data the predictions describe changes (a load): a fit read before it must not be stored after it. */
const generations = new WeakMap<Engine, number>();

/**
 * The data's generation: read it with the model's input (inside the engine's queue) and give it
 * to storeClvPredictions, which then stores nothing when orders were loaded in between.
 */
export function clvPredictionsGeneration(engine: Engine): number {
  return generations.get(engine) ?? 0;
}

/** What the stored predictions come from, or null when there are none for the loaded data. */
export function currentClvPredictions(engine: Engine): ClvPredictionsInfo | null {
  return stored.get(engine) ?? null;
}

/** The predictions table, or null when none is stored: what SQL builders join. */
export function clvPredictionsTable(engine: Engine): string | null {
  return stored.has(engine) ? CLV_PREDICTIONS_TABLE : null;
}

/** The orders changed: drop the predictions (they describe the old orders). Call inside the engine's queue. */
export async function forgetClvPredictions(engine: Engine): Promise<void> {
  generations.set(engine, clvPredictionsGeneration(engine) + 1);
  stored.delete(engine);
  await engine.query(dropClvPredictionsSql());
}

const finiteOrNull = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** The predictions as an Arrow table of CLV_PREDICTION_COLUMNS: text id, doubles (null where not finite or not fitted). */
export function clvPredictionsArrow(predictions: readonly ClvPrediction[]): Table {
  return new Table({
    // Built without Arrow's builders, which the strict CSP forbids (see arrow-vectors.ts).
    customer_id: utf8Vector(predictions.map((p) => String(p.customerId))),
    probability_alive: float64Vector(predictions.map((p) => finiteOrNull(p.probabilityAlive))),
    expected_purchases: float64Vector(predictions.map((p) => finiteOrNull(p.expectedPurchases))),
    expected_average_value: float64Vector(predictions.map((p) => finiteOrNull(p.expectedAverageValue))),
    clv: float64Vector(predictions.map((p) => finiteOrNull(p.clv))),
  });
}

/** Rows of each record batch of clvPredictionsArrowOfColumns (a slice of 65,536 took 50-150 ms of a page at 1.7M customers). */
const PREDICTION_BATCH = 16_384;

/**
 * The predictions table's schema, every column allowed to be blank: one schema for every record
 * batch, whichever of them happens to hold a blank (a batch's own would say "never blank" when
 * its slice has none, and the batches would then not make one table).
 */
const PREDICTIONS_SCHEMA = new Schema([
  new Field('customer_id', new Utf8(), true),
  ...['probability_alive', 'expected_purchases', 'expected_average_value', 'clv'].map((name) => new Field(name, new Float64(), true)),
]);

/**
 * The same table from a fitted model's prediction columns, without an object per customer: a
 * record batch per slice of customers, with the event loop free between them when they take a
 * while (the ids' UTF-8 in one go was half a second of the page at 1.7M customers), and the
 * customers with a value, counted slice by slice too (in one pass, 71 ms of the page at 3.4M).
 */
async function clvPredictionsArrowOfColumns({ customerIds, fits }: ClvPredictionColumns): Promise<{ table: Table; valued: number }> {
  const batches: Table[] = [];
  let valued = 0;
  await forEachSliceInTurns(
    customerIds.length,
    (from, to) => {
      for (let i = from; i < to; i++) if (Number.isFinite(fits.clv[i])) valued++;
      batches.push(
        new Table(PREDICTIONS_SCHEMA, {
          customer_id: utf8Slice(customerIds, from, to),
          probability_alive: finiteFloat64Vector(fits.probabilityAlive.subarray(from, to)),
          expected_purchases: finiteFloat64Vector(fits.expectedPurchases.subarray(from, to)),
          expected_average_value: finiteFloat64Vector(fits.expectedAverageValue.subarray(from, to)),
          clv: finiteFloat64Vector(fits.clv.subarray(from, to)),
        }),
      );
    },
    PREDICTION_BATCH,
  );
  return { table: new Table(PREDICTIONS_SCHEMA, batches.flatMap((t) => t.batches)), valued };
}

/**
 * Store a model's predictions as the engine's predictions table (replacing any before), through
 * the engine's Arrow path: values are never pasted into SQL. With `generation` (read with the
 * model's input), stores nothing and resolves null when orders were loaded since: the model
 * describes data that is gone. Call inside the engine's queue.
 */
export async function storeClvPredictions(engine: Engine, model: ClvModel, generation?: number): Promise<ClvPredictionsInfo | null> {
  if (generation !== undefined && generation !== clvPredictionsGeneration(engine)) return null;
  stored.delete(engine);
  await engine.query(dropClvPredictionsSql(CLV_PREDICTIONS_STAGE));
  const columns = clvPredictionColumns(model);
  const customers = columns ? columns.customerIds.length : model.predictions.length;
  let valued = 0;
  if (customers === 0) await engine.query(createEmptyClvPredictionsSql());
  else {
    try {
      let table: Table;
      if (columns) ({ table, valued } = await clvPredictionsArrowOfColumns(columns));
      else {
        table = clvPredictionsArrow(model.predictions);
        valued = model.predictions.filter((p) => finiteOrNull(p.clv) !== null).length;
      }
      await engine.load({ kind: 'arrow', name: CLV_PREDICTIONS_STAGE, table });
      await engine.query(createClvPredictionsSql());
    } finally {
      await engine.query(dropClvPredictionsSql(CLV_PREDICTIONS_STAGE)).catch(() => undefined);
    }
  }
  const info: ClvPredictionsInfo = {
    period: model.period,
    summaryEnd: model.summaryEnd,
    calibrationEnd: model.calibrationEnd,
    horizon: model.horizon,
    months: model.months,
    discountRate: model.discountRate,
    customers,
    valued,
  };
  stored.set(engine, info);
  return info;
}

interface GroupSqlRow {
  group: string;
  customers: number;
  predicted: number;
  valued: number;
  total_clv: number | null;
  mean_clv: number | null;
  mean_probability_alive: number | null;
  total_expected_purchases: number;
  mean_expected_purchases: number | null;
  probably_lost: number;
}

const groupRow = (r: GroupSqlRow): ClvGroupRow => ({
  group: r.group,
  customers: r.customers,
  predicted: r.predicted,
  valued: r.valued,
  totalClv: r.total_clv,
  meanClv: r.mean_clv,
  meanProbabilityAlive: r.mean_probability_alive,
  totalExpectedPurchases: r.total_expected_purchases,
  meanExpectedPurchases: r.mean_expected_purchases,
  probablyLost: r.probably_lost,
});

/**
 * CLV by segment (of the current scoring) and by place (on the current ladder): customers,
 * those with a prediction, total and mean CLV, mean P(alive), expected purchases, and those
 * probably lost (P(alive) below PROBABLY_LOST_BELOW). Null when no
 * predictions are stored (fit a model first: Dataset.clvModel). `bySegment` is null before a
 * scoring, `byRung` before a ladder. With `selected`, the selected customers only, and the
 * result carries the selection. Call inside the engine's queue.
 */
export async function readClvGroups(engine: Engine, request: SelectedRequest = {}): Promise<(ClvGroups & Partial<SelectedResult>) | null> {
  const predictions = currentClvPredictions(engine);
  if (!predictions) return null;
  const { table: selection, info } = request.selected ? currentSelectionTable(engine) : { table: null, info: null };
  const rows = rowsOf<GroupSqlRow & { part: number }>(
    await engine.query(clvGroupsSql(currentScoring(engine) ? SCORED_TABLE : null, currentLadder(engine) ? LADDER_TABLE : null, selection)),
  );
  const part = (name: (typeof CLV_GROUP_PARTS)[number]) => rows.filter((r) => r.part === CLV_GROUP_PARTS.indexOf(name)).map(({ part: _, ...r }) => groupRow(r));
  const bySegment = currentScoring(engine) ? part('segment') : null;
  const byRung = currentLadder(engine) ? part('rung') : null;
  const [total] = part('total');
  return {
    ...(request.selected ? { selection: info } : {}),
    predictions,
    bySegment,
    byRung,
    total: total!,
  };
}
