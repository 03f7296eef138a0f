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
import { decideCustomerMapping } from './detect-mapping.js';
import { IngestError } from './ingest-error.js';
import { customerRejectReasonNotice, ingestNotice } from './ingest-notices.js';
import type { Notice } from '../../analytics/notice.js';
import { accountRows, checkDatesReadable, dateOrderWarning, decideOrFail, detectDateOrder, judgeRejects, readRejects, runLoad, type IngestInput } from './read-raw.js';
import {
  type CustomerRejectedRow,
  type CustomersIngestOptions,
  type CustomersLoadReport,
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
  return runLoad(engine, input, options, customerStageTables(), async (session, raw, staging) => {
    const { progress, q, run } = session;
    // 1. Input -> raw text table, numbered (by runLoad).
    const { format, parsedRows, csvRejectLines, columns, delimiter, noteNotices, profiles } = raw;

    // 2. Which column is what, and how signup dates are written.
    const decision = decideOrFail(file, () => decideCustomerMapping(profiles, options, file));
    const { mapping } = decision;
    const dateColumn = mapping.signup_date;
    const { dateOrder, dateOrderCertain } = await detectDateOrder(session, dateColumn, options.dateOrder);

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
    if (!r) throw new IngestError('engine', ingestNotice('ingest.report-failed', { file }), { file });
    const rejects = await readRejects<CustomerRejectedRow>(session, sql.T.stageCustomerRejects);
    const accounting = accountRows(file, { parsedRows, csvRejectLines }, r, rejects);
    const notices: Notice[] = [...noteNotices, ...decision.noteNotices, ...judgeRejects(file, 'customers', customerRejectReasonNotice, rejects, accounting)];
    if (!dateOrderCertain) notices.push(dateOrderWarning(dateColumn, dateOrder));

    await session.swapIn(customersSwapPairs(), staging);
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
      warnings: notices.map((n) => n.text),
      notices,
      durationMs: Date.now() - started,
    };
    return report;
  });
}
