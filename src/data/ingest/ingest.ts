import type { Engine } from '../engine/engine.js';
import { dateOrderQuestion, decideDateOrder, decideMapping, type ColumnProfile } from './detect-mapping.js';
import * as sql from '../sql/ingest-sql.js';
import { IngestError } from './ingest-error.js';
import { accountRows, checkDatesReadable, decideOrFail, dropInputSql, fmt, readRaw, readRejects, startLoad, WARN_REJECTED_SHARE, type IngestInput } from './read-raw.js';
import {
  REJECT_REASON_TEXT,
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
 */
export function leftEmptyWarning(n: number, column: string, what: 'date' | 'number', line: number, value: string): string {
  const one = n === 1;
  return `${fmt(n)} ${one ? 'value' : 'values'} of "${column}" ${one ? `is not a ${what}` : `are not ${what}s`} (first: line ${line}, "${value}"); ${one ? 'it was' : 'they were'} left empty.`;
}

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
    const { format, parsedRows, csvRejectLines, columns, delimiter, notes, profiles } = await readRaw(engine, session, input, { format: options.format, drops: staging });

    // 2. Which column is what.
    let decision: MappingDecision = decideOrFail(file, () => decideMapping(profiles, { ...options, partial: options.askWhenUnsure === true }, file));
    const dateColumn = decision.mapping.order_date;
    if (dateColumn !== undefined && !options.dateOrder && profiles.find((p) => p.name === dateColumn)!.slashDates > 0) {
      const [evidence] = await q<{ slash_dates: number; first_over_12: number; second_over_12: number }>(sql.dateEvidenceSql(dateColumn));
      if (evidence) {
        const d = decideDateOrder({ slashDates: evidence.slash_dates, firstOver12: evidence.first_over_12, secondOver12: evidence.second_over_12 });
        // The whole column settles what the sample could not (or unsettles it).
        const question = dateOrderQuestion(profiles.find((p) => p.name === dateColumn)!);
        const others = decision.questions.filter((x) => x !== question);
        decision = { ...decision, dateOrder: d.order, dateOrderCertain: d.certain, questions: d.certain ? others : [...others, question] };
      }
    }
    if (options.askWhenUnsure && decision.questions.length > 0) {
      await session.discard(staging);
      return { status: 'needs-input', file, columns, profiles, decision };
    }

    if (dateColumn === undefined) throw new IngestError('mapping', decision.missing[0]?.message ?? `${file}: no order date column.`, { file });

    // 3. Types and reasons.
    progress('Checking rows', 0.5);
    const returnPolicy = options.returnPolicy ?? 'net';
    await run(sql.typedSql({ mapping: decision.mapping, dateOrder: decision.dateOrder, decimal: decision.decimal }));
    await checkDatesReadable(session, dateColumn);

    // 4. Orders, rejects, report.
    progress('Building orders', 0.75);
    if (returnPolicy === 'exclude') await run(sql.excludeReturnsSql(decision.mapping));
    await run(sql.stageRejectsSql(csvRejectLines > 0), sql.stageOrdersSql());
    const [r] = await q<{
      parsed_rows: number; rows_loaded: number; return_lines: number; rows_rejected: number; customers: number;
      orders: number; return_orders: number; first_order: string | null; last_order: string | null; total_amount: number; max_lines: number;
    }>(sql.reportSql());
    if (!r) throw new IngestError('engine', `${file}: the load report could not be computed.`, { file });
    const rejects = await readRejects<RejectedRow>(session, sql.T.stageRejects);
    const { byReason, rejectSamples } = rejects;
    const accounting = accountRows(file, { parsedRows, csvRejectLines }, r, rejects);
    const { rowsRead } = accounting;
    if (r.rows_loaded === 0) {
      const top = byReason[0];
      const sample = rejectSamples.find((s) => s.reason === top?.reason);
      throw new IngestError(
        'nothing-loaded',
        `${file}: none of its ${fmt(rowsRead)} rows could be loaded; ${top ? `the most common problem is ${REJECT_REASON_TEXT[top.reason]}${sample?.column ? ` in column "${sample.column}"` : ''} (line ${top.first_line}${sample?.value ? `: "${sample.value}"` : ''})` : 'no reason was recorded'}.`,
        { file, ...(sample?.column ? { column: sample.column } : {}), ...(top ? { line: top.first_line } : {}) },
      );
    }

    const warnings: string[] = [...notes, ...(decision.notes ?? [])];
    const unreadable = sql.unreadableOptionalSql(decision.mapping);
    for (const u of unreadable ? await q<{ role: OptionalOrderRole; n: number; line: number; value: string }>(unreadable) : []) {
      if (u.n > 0) warnings.push(leftEmptyWarning(u.n, decision.mapping[u.role]!, u.role === 'review_score' ? 'number' : 'date', u.line, u.value));
    }
    if (r.rows_rejected / rowsRead >= WARN_REJECTED_SHARE) {
      const top = byReason[0]!;
      const sample = rejectSamples.find((s) => s.reason === top.reason);
      warnings.push(
        `${Math.round((100 * r.rows_rejected) / rowsRead)}% of the rows of ${file} (${fmt(r.rows_rejected)} of ${fmt(rowsRead)}) were rejected; the most common problem is ${REJECT_REASON_TEXT[top.reason]}${sample?.column ? ` in column "${sample.column}"` : ''}, first at line ${top.first_line}${sample?.value ? ` ("${sample.value}")` : ''}.`,
      );
    }
    if (!decision.dateOrderCertain) {
      warnings.push(`Dates in column "${dateColumn}" were read as ${decision.dateOrder === 'mdy' ? 'month/day/year' : 'day/month/year'}: no value settles the order. Set the date order if that is wrong.`);
    }
    for (const [role, c] of Object.entries(decision.certainty)) {
      if (c === 'values' || c === 'guess') warnings.push(`Column "${decision.mapping[role as keyof typeof decision.mapping]}" was taken as ${role.replace('_', ' ')} from its values; map it explicitly if that is wrong.`);
    }

    // Last chance to cancel: from the swap on, the load completes (a cancel arriving during
    // COMMIT must not report "cancelled" for data that has replaced the old).
    await session.swapIn(sql.swapInSql(), staging);
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
      warnings,
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
