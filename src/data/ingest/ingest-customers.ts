import type { Engine } from '../engine/engine.js';
import {
  CUSTOMER_REJECT_DETAIL,
  customerStageTables,
  customersReportSql,
  customersSwapPairs,
  stageCustomersSql,
  typedCustomersSql,
} from '../sql/customers-ingest-sql.js';
import * as sql from '../sql/ingest-sql.js';
import { decideCustomerMapping, decideDateOrder } from './detect-mapping.js';
import { IngestError } from './ingest-error.js';
import { accountRows, checkDatesReadable, decideOrFail, dropInputSql, fmt, readRaw, readRejects, startLoad, WARN_REJECTED_SHARE, type IngestInput } from './read-raw.js';
import {
  CUSTOMER_REJECT_REASON_TEXT,
  type CustomerRejectedRow,
  type CustomersIngestOptions,
  type CustomersLoadReport,
  type DateOrder,
} from './types.js';

/**
 * Load a customer list (prospects included) into the optional canonical `customers` table,
 * accounting for every record: it ends in `customers` or in `customers_rejects` with its line
 * and reason (missing id, unreadable signup date, duplicate id). Reads every input `ingestOrders`
 * reads, through the same stages. The previous customer list is replaced only when the load
 * succeeds; `orders` is never touched.
 */
export async function ingestCustomers(engine: Engine, input: IngestInput, options: CustomersIngestOptions = {}): Promise<CustomersLoadReport> {
  const started = Date.now();
  const file = input.name;
  const session = startLoad(engine, file, options);
  const { progress, q, run } = session;
  const staging = [...sql.dropRawStagingSql(customerStageTables()), dropInputSql()];
  try {
    // 1. Input -> raw text table, numbered.
    const { format, parsedRows, csvRejectLines, columns, delimiter, notes, profiles } = await readRaw(engine, session, input, { format: options.format, drops: staging });

    // 2. Which column is what, and how signup dates are written.
    const decision = decideOrFail(file, () => decideCustomerMapping(profiles, options, file));
    const { mapping } = decision;
    const dateColumn = mapping.signup_date;
    let dateOrder: DateOrder = options.dateOrder ?? 'ymd';
    let dateOrderCertain = true;
    if (dateColumn !== undefined && !options.dateOrder) {
      const [evidence] = await q<{ slash_dates: number; first_over_12: number; second_over_12: number }>(sql.dateEvidenceSql(dateColumn));
      if (evidence) {
        const d = decideDateOrder({ slashDates: evidence.slash_dates, firstOver12: evidence.first_over_12, secondOver12: evidence.second_over_12 });
        dateOrder = d.order;
        dateOrderCertain = d.certain;
      }
    }

    // 3. Types and reasons.
    progress('Checking rows', 0.5);
    await run(typedCustomersSql({ mapping, dateOrder }));
    if (dateColumn !== undefined) await checkDatesReadable(session, dateColumn);

    // 4. Customers, rejects, report.
    progress('Building customers', 0.75);
    await run(sql.stageRejectsSql(csvRejectLines > 0, sql.T.stageCustomerRejects, CUSTOMER_REJECT_DETAIL), ...stageCustomersSql());
    const [r] = await q<{
      parsed_rows: number; rows_loaded: number; rows_rejected: number; with_name: number; with_signup_date: number;
      first_signup: string | null; last_signup: string | null;
    }>(customersReportSql());
    if (!r) throw new IngestError('engine', `${file}: the load report could not be computed.`, { file });
    const rejects = await readRejects<CustomerRejectedRow>(session, sql.T.stageCustomerRejects);
    const { byReason, rejectSamples } = rejects;
    const accounting = accountRows(file, { parsedRows, csvRejectLines }, r, rejects);
    const { rowsRead } = accounting;
    const top = byReason[0];
    const sample = rejectSamples.find((s) => s.reason === top?.reason);
    const problem = top
      ? `the most common problem is ${CUSTOMER_REJECT_REASON_TEXT[top.reason]}${sample?.column ? ` in column "${sample.column}"` : ''}, first at line ${top.first_line}${sample?.value ? ` ("${sample.value}")` : ''}`
      : 'no reason was recorded';
    if (r.rows_loaded === 0) {
      throw new IngestError('nothing-loaded', `${file}: none of its ${fmt(rowsRead)} rows could be loaded as customers; ${problem}.`, {
        file,
        ...(sample?.column ? { column: sample.column } : {}),
        ...(top ? { line: top.first_line } : {}),
      });
    }

    const warnings: string[] = [...notes, ...decision.notes];
    if (r.rows_rejected / rowsRead >= WARN_REJECTED_SHARE) {
      warnings.push(`${Math.round((100 * r.rows_rejected) / rowsRead)}% of the rows of ${file} (${fmt(r.rows_rejected)} of ${fmt(rowsRead)}) were rejected; ${problem}.`);
    }
    if (!dateOrderCertain) {
      warnings.push(`Dates in column "${dateColumn}" were read as ${dateOrder === 'mdy' ? 'month/day/year' : 'day/month/year'}: no value settles the order. Set the date order if that is wrong.`);
    }

    await session.swapIn(sql.swapInSql(customersSwapPairs()), staging);
    const report: CustomersLoadReport = {
      file,
      format,
      ...accounting,
      customers: r.rows_loaded,
      withName: r.with_name,
      withSignupDate: r.with_signup_date,
      firstSignup: r.first_signup,
      lastSignup: r.last_signup,
      mapping,
      columns,
      dateOrder,
      delimiter,
      warnings,
      durationMs: Date.now() - started,
    };
    progress('Done', 1);
    return report;
  } catch (e) {
    return await session.fail(e, staging);
  } finally {
    session.stopCancelling();
  }
}
