import { rowsOf, rowsOfInTurns } from './arrow-rows.js';
import type { Engine, SqlParam } from './engine/engine.js';
import type { CustomerRow } from './dataset.js';
import { reasonOnLadder, type CurrentLadder } from './ladder.js';
import type { LadderFacts } from '../analytics/ladder.js';
import { FACT_PREFIX } from './sql/ladder-sql.js';
import {
  CUSTOMER_LIST_ALL_TABLE,
  CUSTOMER_LIST_TABLE,
  customerListOfSelectionSql,
  customerListPageSql,
  customerListPlaceSql,
  customerListShapeSql,
  customerListTableSql,
  dropCustomerListSql,
  resegmentCustomerListSql,
  type KeptListTables,
} from './sql/customers-sql.js';
import type { CustomerExportShape } from './export/customer-export.js';
import type { SelectionSqlParts } from './sql/selection-sql.js';

/** Which columns a customer list has values for (what a table shows and an export writes): an export's shape, every part said. */
export type CustomerListShape = Required<CustomerExportShape>;

/**
 * A customer list kept in the engine (sorted, filtered, one row per customer), read a page at a
 * time: a list of a million customers costs the page only the rows it shows. A newer list on the
 * same engine, a new load or forgetting the data replaces it: `current` turns false and reads
 * reject with a CustomerListReplacedError.
 */
export interface CustomerPages {
  /** Customers in the list. */
  readonly total: number;
  readonly shape: CustomerListShape;
  /** False once a newer list, a load or a forget replaced this one. */
  readonly current: boolean;
  /** The rows at places [offset, offset + limit) of the list, in its order (fewer at its end). */
  rows(offset: number, limit: number): Promise<CustomerRow[]>;
  /** Every row of the list, in order (for an export). */
  all(): Promise<CustomerRow[]>;
  /** The place of a customer in the list (0 is the first), or -1 when not in it. */
  indexOf(customerId: string): Promise<number>;
}

export class CustomerListReplacedError extends Error {
  override name = 'CustomerListReplacedError';
  constructor() {
    super('This customer list was replaced (by a newer list, a load, or data forgotten): ask for the list again');
  }
}

/** The generation of the list kept on each engine: a list reads only while its generation is the engine's. */
const generations = new WeakMap<Engine, number>();

interface ListShapeRow {
  total: number;
  scored: boolean;
  laddered: boolean;
}

/** The list of everyone kept in CUSTOMER_LIST_ALL_TABLE: its SQL and parameters, what it read besides the orders, its shape. */
interface KeptAll {
  key: string;
  basis: CustomerListBasis;
  shape: ListShapeRow | undefined;
}

/** What a customer list reads besides the orders, as the objects describing them now (each new one is a new object). */
export interface CustomerListBasis {
  /** The scoring in force, and the key of its scores without the rules (see currentScoresKey). */
  scoring: unknown;
  scores: string | null;
  /** The rest: the ladder and the predictions in force. */
  others: readonly unknown[];
}

const sameOthers = (a: CustomerListBasis, b: CustomerListBasis) => a.others.length === b.others.length && a.others.every((x, i) => x === b.others[i]);
const keptAll = new WeakMap<Engine, KeptAll>();

/**
 * The kept list of this engine is no longer valid (new data, data forgotten): its holders learn
 * it is gone at once, and its tables are dropped. Never throws: a drop that fails (an engine gone)
 * leaves a table nobody reads, replaced by the next list.
 */
export async function forgetCustomerList(engine: Engine): Promise<void> {
  generations.set(engine, (generations.get(engine) ?? 0) + 1);
  keptAll.delete(engine);
  for (const table of [CUSTOMER_LIST_TABLE, CUSTOMER_LIST_ALL_TABLE]) await engine.query(dropCustomerListSql(table)).catch(() => undefined);
}

/** A customer row with FACT_PREFIX columns -> the row without them, and the facts (null off the ladder). */
function splitFacts(row: Record<string, unknown>): { facts: LadderFacts | null; rest: Record<string, unknown> } {
  const rest: Record<string, unknown> = {};
  const facts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k.startsWith(FACT_PREFIX)) facts[k.slice(FACT_PREFIX.length)] = v;
    else rest[k] = v;
  }
  return { facts: facts.rung ? (facts as unknown as LadderFacts) : null, rest };
}

/** Rows read with ladder facts -> rows with the reason (English text, and the notice to translate). */
export function withLadderReasons(rows: readonly Record<string, unknown>[], ladder: CurrentLadder): CustomerRow[] {
  return rows.map((row) => {
    const { facts, rest } = splitFacts(row);
    const reasonNotice = facts ? reasonOnLadder(facts, ladder) : null;
    return { ...(rest as unknown as CustomerRow), reason: reasonNotice?.text ?? null, reasonNotice };
  });
}

/** What keepCustomerList keeps: the list of everyone, and the list of a selection when one is asked. */
export interface CustomerListSql {
  /** The list of everyone (customerListSql with `positioned`, no selection). */
  all: { sql: string; params: SqlParam[] };
  /**
   * The selection table and the list of its customers (customerListSql with the selection), or
   * null for everyone; `parts`, the selection's parts when the list reads the scoring and ladder
   * they were made from (a cut from everyone's list then filters its columns by them).
   */
  selected: { table: string; parts: SelectionSqlParts | null; sql: string; params: SqlParam[] } | null;
  /**
   * What the list reads besides the orders: the list of everyone kept is used again only while
   * the same SQL reads the same objects. New data or a forget drops it.
   */
  basis: CustomerListBasis;
  /**
   * The scored table, when neither the list's order nor its members depend on the segment (no
   * sort or filter by segment): a kept list of everyone whose scoring changed its rules only
   * then has its segments set again from it instead of being built again.
   */
  resegmentFrom: string | null;
}

/**
 * Keep the list `lists` describes in the engine, replacing the one kept before, and return its
 * pages. The list of everyone stays kept while it is asked again with the same SQL and basis (a
 * selection cleared builds nothing), and a selection's list is cut from it (the places of the
 * selected rows, in the same order; the rows read from it) instead of joining every table again. `inTurn` runs work in
 * the engine's turn (as every Dataset call does). With `ladder`, the rows carry ladder facts and
 * are given their reason.
 */
export async function keepCustomerList(
  engine: Engine,
  inTurn: <T>(work: () => Promise<T>) => Promise<T>,
  lists: CustomerListSql,
  options: { ladder: CurrentLadder | null; predicted: boolean },
): Promise<CustomerPages> {
  const key = JSON.stringify([lists.all.sql, lists.all.params]);
  const kept = keptAll.get(engine);
  const sameList = kept !== undefined && kept.key === key && sameOthers(kept.basis, lists.basis);
  const keptFits = sameList && kept.basis.scoring === lists.basis.scoring;
  // Other rules over the same scores: only the segments differ.
  const resegment = sameList && !keptFits && lists.resegmentFrom !== null && lists.basis.scores !== null && kept.basis.scores === lists.basis.scores;
  const readShape = async (list: KeptListTables) => rowsOf<ListShapeRow>(await engine.query(customerListShapeSql(list)))[0];
  const replaced = () => generations.set(engine, (generations.get(engine) ?? 0) + 1);
  // The list shown stays readable until its successor exists: a list that fails to build (out of
  // memory) replaces nothing. Once one is built, the one before is replaced (its tables may be gone).
  let list: KeptListTables;
  let shape: ListShapeRow | undefined;
  if (lists.selected === null) {
    list = { rows: CUSTOMER_LIST_ALL_TABLE, positions: null };
    if (resegment) {
      keptAll.delete(engine);
      await engine.query(resegmentCustomerListSql(CUSTOMER_LIST_ALL_TABLE, lists.resegmentFrom!));
      replaced();
      shape = kept.shape;
      keptAll.set(engine, { ...kept, basis: lists.basis });
    } else if (!keptFits) {
      keptAll.delete(engine);
      await engine.query(customerListTableSql(lists.all.sql, CUSTOMER_LIST_ALL_TABLE), lists.all.params);
      replaced();
      shape = await readShape(list);
      keptAll.set(engine, { key, basis: lists.basis, shape });
    } else shape = kept!.shape;
  } else if (keptFits) {
    // The places of the selected customers in everyone's list: the rows are read from it.
    const { sql, params } = customerListOfSelectionSql(CUSTOMER_LIST_ALL_TABLE, lists.selected.table, lists.selected.parts);
    await engine.query(sql, params);
    replaced();
    list = { rows: CUSTOMER_LIST_ALL_TABLE, positions: CUSTOMER_LIST_TABLE };
    shape = await readShape(list);
  } else {
    await engine.query(customerListTableSql(lists.selected.sql, CUSTOMER_LIST_TABLE), lists.selected.params);
    replaced();
    list = { rows: CUSTOMER_LIST_TABLE, positions: null };
    // Everyone's list kept can serve again only with the same SQL, ladder, predictions and scores
    // (other rules then set its segments again): otherwise its memory back.
    if (kept && !(sameList && kept.basis.scores === lists.basis.scores)) {
      keptAll.delete(engine);
      await engine.query(dropCustomerListSql(CUSTOMER_LIST_ALL_TABLE)).catch(() => undefined);
    }
    shape = await readShape(list);
  }
  replaced();
  const generation = generations.get(engine)!;
  // A selection's list nobody reads any more: its memory back (a drop that fails leaves a table the next list replaces).
  if (lists.selected === null) await engine.query(dropCustomerListSql(CUSTOMER_LIST_TABLE)).catch(() => undefined);
  const total = shape?.total ?? 0;
  const { ladder } = options;
  const isCurrent = () => generations.get(engine) === generation;
  const read = async (from: number, to: number): Promise<CustomerRow[]> => {
    if (!isCurrent()) throw new CustomerListReplacedError();
    // A whole list may be large: converted in turns, the page stays responsive.
    const rows = await rowsOfInTurns<CustomerRow & Record<string, unknown>>(await engine.query(customerListPageSql(list), [from, to]));
    return ladder ? withLadderReasons(rows, ladder) : rows;
  };
  const place = (n: number, name: string) => {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${String(n)}`);
    return n;
  };
  return {
    total,
    shape: { scored: shape?.scored === true, laddered: shape?.laddered === true, reasoned: ladder !== null && shape?.laddered === true, predicted: options.predicted },
    get current() {
      return isCurrent();
    },
    rows(offset, limit) {
      try {
        const from = place(offset, 'offset');
        const to = Math.min(total, from + place(limit, 'limit'));
        return inTurn(() => read(from, Math.max(from, to)));
      } catch (e) {
        return Promise.reject(e);
      }
    },
    all() {
      return inTurn(() => read(0, total));
    },
    indexOf(customerId) {
      return inTurn(async () => {
        if (!isCurrent()) throw new CustomerListReplacedError();
        const [row] = rowsOf<{ list_pos: number }>(await engine.query(customerListPlaceSql(list), [String(customerId)]));
        return row ? row.list_pos : -1;
      });
    },
  };
}
