import type { Engine } from '../engine/engine.js';
import { dateOrderQuestionNotice, decideDateOrder, decideMapping, type ColumnProfile } from './detect-mapping.js';
import * as sql from '../sql/ingest-sql.js';
import { compressIfBig } from '../compressed-storage.js';
import { IngestError } from './ingest-error.js';
import type { Notice } from '../../analytics/notice.js';
import { ingestNotice, rejectReasonNotice, type IngestNoticeCode } from './ingest-notices.js';
import {
  accountRows,
  checkDatesReadable,
  dateOrderWarning,
  decideOrFail,
  dropInputSql,
  loadWorkingTables,
  problemNotice,
  readRaw,
  readRejects,
  rejectedShareNotice,
  startLoad,
  WARN_REJECTED_SHARE,
  type IngestInput,
} from './read-raw.js';
import {
  type IngestOptions,
  type LoadReport,
  type MappingDecision,
  type RejectedRow,
} from './types.js';

export type { IngestInput } from './read-raw.js';

type OptionalOrderRole = (typeof sql.OPTIONAL_ORDER_ROLES)[number];

/**
 * The warning for values of an optional column that could not be read and were left empty
 * (the row still loads): `3 values of "delivered" are not dates (first: line 4, "n/a"); they were left empty.`
 * Its `text` is the English warning.
 */
export function leftEmptyWarning(n: number, column: string, what: 'date' | 'number', line: number, value: string): Notice {
  return ingestNotice(what === 'date' ? 'ingest.left-empty-date' : 'ingest.left-empty-number', { n, column, line: String(line), value });
}

/** The warning for a role found from its values, not its name. */
const TAKEN_FROM_VALUES: Readonly<Record<'customer_id' | 'order_date' | 'amount' | 'unit_price', IngestNoticeCode>> = {
  customer_id: 'ingest.values-customer-id',
  order_date: 'ingest.values-order-date',
  amount: 'ingest.values-amount',
  unit_price: 'ingest.values-unit-price',
};

export type IngestResult =
  | { status: 'loaded'; report: LoadReport }
  /** Detection was unsure and the caller asked to be asked: nothing was changed. */
  | { status: 'needs-input'; file: string; columns: string[]; profiles: ColumnProfile[]; decision: MappingDecision };

/**
 * Load one input into the canonical `orders` table, accounting for every record: it ends in
 * `orders` (possibly combined with other lines of the same order) or in `orders_rejects`
 * with its line and reason. The previous dataset is replaced only when the load succeeds.
 */
export async function ingestOrders(engine: Engine, input: IngestInput, options: IngestOptions = {}): Promise<IngestResult> {
  const started = Date.now();
  const file = input.name;
  const session = startLoad(engine, file, options);
  const { progress, q, run } = session;
  const staging = [...sql.dropStagingSql(), dropInputSql()];
  try {
    // 1. Bytes -> raw text table, with a line or record number per record.
    const { format, parsedRows, csvRejectLines, columns, delimiter, noteNotices, profiles } = await readRaw(engine, session, input, { format: options.format, drops: staging });

    // 2. Which column is what.
    let decision: MappingDecision = decideOrFail(file, () => decideMapping(profiles, { ...options, partial: options.askWhenUnsure === true }, file));
    const dateColumn = decision.mapping.order_date;
    if (dateColumn !== undefined && !options.dateOrder && profiles.find((p) => p.name === dateColumn)!.slashDates > 0) {
      const [evidence] = await q<{ slash_dates: number; first_over_12: number; second_over_12: number }>(sql.dateEvidenceSql(dateColumn));
      if (evidence) {
        const d = decideDateOrder({ slashDates: evidence.slash_dates, firstOver12: evidence.first_over_12, secondOver12: evidence.second_over_12 });
        // The whole column settles what the sample could not (or unsettles it).
        const question = dateOrderQuestionNotice(profiles.find((p) => p.name === dateColumn)!);
        const others = (decision.questionNotices ?? []).filter((x) => x.text !== question.text);
        const questionNotices = d.certain ? others : [...others, question];
        decision = { ...decision, dateOrder: d.order, dateOrderCertain: d.certain, questions: questionNotices.map((x) => x.text), questionNotices };
      }
    }
    if (options.askWhenUnsure && decision.questions.length > 0) {
      await session.discard(staging);
      return { status: 'needs-input', file, columns, profiles, decision };
    }

    if (dateColumn === undefined) {
      const missing = decision.missing[0];
      throw new IngestError('mapping', missing ? (missing.messageNotice ?? missing.message) : ingestNotice('ingest.no-order-date-column', { file }), { file });
    }

    // 3. Types and reasons.
    progress('Checking rows', 0.5);
    const returnPolicy = options.returnPolicy ?? 'net';
    await run(sql.typedSql({ mapping: decision.mapping, dateOrder: decision.dateOrder, decimal: decision.decimal }));
    await checkDatesReadable(session, dateColumn);
    // The text is in the typed table now: free it before the orders are built (5M lines: 630 MB of the engine's 3 GiB).
    await run(...sql.dropRawTextSql(), dropInputSql());

    // 4. Orders, rejects, report.
    progress('Building orders', 0.75);
    // The orders and the tables made with them are built compressed when the tables already
    // take a large share of the engine's memory (10M lines did not fit otherwise); the typed
    // rows stay where they are, read once more and dropped.
    await compressIfBig(engine, loadWorkingTables(sql.ORDERS_SWAP_PAIRS.map(([stage]) => stage)));
    if (returnPolicy === 'exclude') await run(sql.excludeReturnsSql(decision.mapping));
    await run(sql.stageRejectsSql(csvRejectLines > 0), sql.stageOrdersSql(decision.mapping));
    const [r] = await q<{
      parsed_rows: number; rows_loaded: number; return_lines: number; rows_rejected: number; customers: number;
      orders: number; return_orders: number; first_order: string | null; last_order: string | null; total_amount: number; max_lines: number;
    }>(sql.reportSql());
    if (!r) throw new IngestError('engine', ingestNotice('ingest.report-failed', { file }), { file });
    const rejects = await readRejects<RejectedRow>(session, sql.T.stageRejects);
    const { byReason, rejectSamples } = rejects;
    const accounting = accountRows(file, { parsedRows, csvRejectLines }, r, rejects);
    const { rowsRead } = accounting;
    if (r.rows_loaded === 0) {
      const top = byReason[0];
      const sample = rejectSamples.find((s) => s.reason === top?.reason);
      throw new IngestError(
        'nothing-loaded',
        ingestNotice('ingest.nothing-loaded-orders', { file, n: rowsRead, problem: problemNotice(rejectReasonNotice, rejects, 'line') }),
        { file, ...(sample?.column ? { column: sample.column } : {}), ...(top ? { line: top.first_line } : {}) },
      );
    }

    const notices: Notice[] = [...noteNotices, ...(decision.noteNotices ?? [])];
    const unreadable = sql.unreadableOptionalSql(decision.mapping);
    for (const u of unreadable ? await q<{ role: OptionalOrderRole; n: number; line: number; value: string }>(unreadable) : []) {
      if (u.n > 0) notices.push(leftEmptyWarning(u.n, decision.mapping[u.role]!, u.role === 'review_score' ? 'number' : 'date', u.line, u.value));
    }
    const [far] = await q<{ n: number; line: number | null; value: string | null }>(sql.farDatesSql(new Date().toISOString().slice(0, 10)));
    if (far && far.n > 0) notices.push(ingestNotice('ingest.far-dates', { n: far.n, column: dateColumn, line: String(far.line), value: far.value ?? '' }));
    if (r.rows_rejected / rowsRead >= WARN_REJECTED_SHARE) notices.push(rejectedShareNotice(file, r.rows_rejected, rowsRead, problemNotice(rejectReasonNotice, rejects)));
    if (!decision.dateOrderCertain) notices.push(dateOrderWarning(dateColumn, decision.dateOrder));
    for (const [role, c] of Object.entries(decision.certainty)) {
      // Detection finds only these roles from their values (decideMapping).
      const code = TAKEN_FROM_VALUES[role as keyof typeof TAKEN_FROM_VALUES];
      if ((c === 'values' || c === 'guess') && code) notices.push(ingestNotice(code, { column: String(decision.mapping[role as keyof typeof decision.mapping]) }));
    }

    // The orders by customer and the purchase days, made once the typed rows are no longer
    // needed: dropped first, so the load's peak memory is what it was without them.
    await run(sql.dropTableSql(sql.T.typed), sql.stageOrdersByCustomerSql(), sql.stagePurchaseDaysSql());

    // Last chance to cancel: from the swap on, the load completes (a cancel arriving during
    // COMMIT must not report "cancelled" for data that has replaced the old).
    await session.swapIn(sql.ORDERS_SWAP_PAIRS, staging);
    const report: LoadReport = {
      file,
      format,
      ...accounting,
      customers: r.customers,
      orders: r.orders,
      returns: { orders: r.return_orders, lines: r.return_lines, policy: returnPolicy },
      firstOrder: r.first_order,
      lastOrder: r.last_order,
      totalAmount: r.total_amount,
      mapping: decision.mapping,
      columns,
      dateOrder: decision.dateOrder,
      decimal: decision.decimal,
      delimiter,
      aggregatedLines: r.max_lines > 1,
      warnings: notices.map((n) => n.text),
      notices,
      durationMs: Date.now() - started,
    };
    progress('Done', 1);
    return { status: 'loaded', report };
  } catch (e) {
    return await session.fail(e, staging);
  } finally {
    session.stopCancelling();
  }
}
