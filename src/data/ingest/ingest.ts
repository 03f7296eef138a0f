import type { Table } from 'apache-arrow';
import { rowsOf, textTableFromRecords } from '../arrow-rows.js';
import { EngineError, type Engine } from '../engine/engine.js';
import * as sql from '../sql/ingest-sql.js';
import { dateOrderQuestion, decideDateOrder, decideMapping, MappingError, type ColumnProfile } from './detect-mapping.js';
import { sniffBytes } from './detect-format.js';
import { gunzip, gunzipHead, recordsFromJson, tableFromArrowIpc, tableFromParquet } from './decode-input.js';
import { IngestError } from './ingest-error.js';
import {
  REJECT_REASON_TEXT,
  type InputFormat,
  type IngestOptions,
  type LoadReport,
  type MappingDecision,
  type RejectedRow,
  type RejectReason,
} from './types.js';

/** Something to load: the bytes of a file, an Arrow table, or plain records. */
export type IngestInput =
  | { name: string; bytes: Uint8Array }
  | { name: string; table: Table }
  | { name: string; records: readonly Record<string, unknown>[] };

export type IngestResult =
  | { status: 'loaded'; report: LoadReport }
  /** Detection was unsure and the caller asked to be asked: nothing was changed. */
  | { status: 'needs-input'; file: string; columns: string[]; profiles: ColumnProfile[]; decision: MappingDecision };

const INPUT_FILE = 'rapport_input.csv';
const INPUT_TABLE = 'rapport_input';
/** Profiling looks at about this many records, spread evenly over the input. */
const PROFILE_SAMPLE = 5_000;
/** How many title lines above a CSV header are looked for. */
const MAX_TITLE_LINES = 5;
/** Share of rejected rows from which the report warns. */
const WARN_REJECTED_SHARE = 0.1;

interface RawProfile {
  name: string;
  rows: number;
  non_empty: number;
  distinct_values: number;
  dates: number;
  slash_dates: number;
  first_over_12: number;
  second_over_12: number;
  numbers: number;
  integers: number;
  point_evidence: number;
  comma_evidence: number;
  samples: string[] | null;
}

function toProfile(r: RawProfile): ColumnProfile {
  return {
    name: r.name,
    rows: r.rows,
    nonEmpty: r.non_empty,
    distinct: r.distinct_values,
    dates: r.dates,
    slashDates: r.slash_dates,
    firstOver12: r.first_over_12,
    secondOver12: r.second_over_12,
    numbers: r.numbers,
    integers: r.integers,
    pointEvidence: r.point_evidence,
    commaEvidence: r.comma_evidence,
    samples: r.samples ?? [],
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Load one input into the canonical `orders` table, accounting for every record: it ends in
 * `orders` (possibly combined with other lines of the same order) or in `orders_rejects`
 * with its line and reason. The previous dataset is replaced only when the load succeeds.
 */
export async function ingestOrders(engine: Engine, input: IngestInput, options: IngestOptions = {}): Promise<IngestResult> {
  const started = Date.now();
  const file = input.name;
  const progress = (step: string, f: number) => options.onProgress?.(step, f);
  const checkCancelled = () => {
    if (options.signal?.aborted) throw new IngestError('cancelled', `Loading ${file} was cancelled.`, { file });
  };
  const q = async <T>(text: string): Promise<T[]> => {
    checkCancelled();
    try {
      return rowsOf<T>(await engine.query(text));
    } catch (e) {
      if (e instanceof EngineError && e.code === 'cancelled') {
        throw new IngestError('cancelled', `Loading ${file} was cancelled.`, { file }, { cause: e });
      }
      throw e;
    }
  };
  const run = async (...statements: string[]) => {
    for (const s of statements) await q(s);
  };
  const onAbort = () => void engine.cancel();
  options.signal?.addEventListener('abort', onAbort);

  let inputFile: string | null = null;
  const notes: string[] = [];
  let delimiter: string | null = null;
  /** Raw text table -> the numbered view every later stage reads. */
  const numberLines = async (firstLine: number, hasBadLines: boolean) => {
    for (const { column_name: c } of await q<{ column_name: string }>(sql.rawTextColumnsSql())) {
      if (c.toLowerCase() === 'rowid') {
        await run(sql.renameColumnSql(c, `${c}_`));
        notes.push(`Column "${c}" is called "${c}_" here: the engine reserves the name rowid.`);
      }
    }
    await run(...sql.rawLinesSql(firstLine, hasBadLines));
  };
  try {
    await run(...sql.dropStagingSql(), sql.dropTableSql(INPUT_TABLE));
    progress('Reading', 0.05);

    // 1. Bytes -> raw text table, with a line or record number per record.
    let format: InputFormat;
    let csvRejectLines = 0;
    if ('bytes' in input) {
      let bytes = input.bytes;
      let sniffed = sniffBytes(bytes, file);
      let gzipped = false;
      if (sniffed.kind === 'gzip') {
        // Sniff the unpacked head; CSV stays packed (DuckDB unpacks it faster than JS can).
        try {
          sniffed = sniffBytes(await gunzipHead(bytes, 64 * 1024), file);
          gzipped = true;
          if (sniffed.kind === 'data' && sniffed.format !== 'csv' && options.format !== 'csv') {
            bytes = await gunzip(bytes);
            gzipped = false;
          }
        } catch (e) {
          throw new IngestError('unreadable', `${file}: the gzip data is damaged (${(e as Error).message}).`, { file }, { cause: e });
        }
      }
      checkCancelled();
      if (sniffed.kind === 'empty') {
        throw new IngestError('empty', gzipped ? `${file} is empty: the gzip holds no data.` : `${file} is empty: it has no bytes at all.`, { file });
      }
      if (sniffed.kind === 'unsupported') {
        throw new IngestError('not-data', `${file} is not a data file Rapport can read: it looks like ${sniffed.what}. Use CSV, TSV, Parquet, Arrow or JSON.`, { file });
      }
      if (sniffed.kind === 'gzip') throw new IngestError('not-data', `${file} is gzip inside gzip; unpack it once first.`, { file });
      format = options.format ?? sniffed.format;
      progress('Parsing', 0.15);
      if (format === 'csv') {
        inputFile = gzipped ? `${INPUT_FILE}.gz` : INPUT_FILE;
        await engine.load({ kind: 'file', name: inputFile, bytes });
        let skip: number | undefined;
        const readCsv = async (encoding: 'utf-8' | 'latin-1') => {
          try {
            await run(sql.readCsvSql(inputFile!, encoding, skip));
          } catch (e) {
            if (e instanceof IngestError) throw e;
            throw new IngestError('unreadable', `${file}: could not be read as CSV (${(e as Error).message}).`, { file }, { cause: e });
          }
        };
        let encoding = sniffed.encoding;
        await readCsv(encoding);
        // The encoding was judged from the first 64 kB; bytes further on may say otherwise.
        const [encodingRejects] = await q<{ n: number }>(sql.encodingRejectsSql());
        if (encoding === 'utf-8' && (encodingRejects?.n ?? 0) > 0) {
          await run(...sql.dropStagingSql());
          encoding = 'latin-1';
          await readCsv(encoding);
          notes.push(`${file} is not valid UTF-8 throughout; it was read as Latin-1.`);
        }
        // A title line above the header ("Sales export, March") fools the sniffer into a
        // narrow header that rejects every data line. When more lines are rejected than read,
        // try skipping the first few lines and keep the reading that parses the most.
        const counts = async () => (await q<{ parsed: number; rejected: number }>(sql.csvReadCountsSql()))[0]!;
        const first = await counts();
        if (first.rejected > first.parsed) {
          let best = { skip: 0, parsed: first.parsed };
          for (let k = 1; k <= MAX_TITLE_LINES; k++) {
            await run(...sql.dropStagingSql());
            skip = k;
            await readCsv(encoding);
            const c = await counts();
            if (c.parsed > best.parsed && c.rejected < c.parsed) best = { skip: k, parsed: c.parsed };
          }
          await run(...sql.dropStagingSql());
          skip = best.skip === 0 ? undefined : best.skip;
          await readCsv(encoding);
          if (skip) notes.push(`The first ${skip === 1 ? 'line' : `${skip} lines`} of ${file} ${skip === 1 ? 'was' : 'were'} skipped: a title above the header.`);
        }
        const [bad] = await q<{ n: number }>(sql.csvBadLineCountSql());
        csvRejectLines = bad?.n ?? 0;
        type Dialect = { delimiter: string; skip_rows: number; has_header: boolean };
        const [dialect] = csvRejectLines > 0 ? await q<Dialect>(sql.csvDialectSql()) : await q<Dialect>(sql.sniffCsvSql(inputFile, encoding, skip));
        delimiter = dialect?.delimiter ?? null;
        await numberLines((dialect?.skip_rows ?? 0) + (dialect?.has_header === false ? 1 : 2), csvRejectLines > 0);
      } else {
        const table =
          format === 'parquet'
            ? await tableFromParquet(bytes, file)
            : format === 'arrow'
              ? tableFromArrowIpc(bytes, file)
              : textTableFromRecords(recordsFromJson(bytes, file));
        await loadTable(engine, table, file);
        await numberLines(1, false);
      }
    } else {
      format = 'table' in input ? 'arrow' : 'json';
      const table = 'table' in input ? input.table : textTableFromRecords(input.records);
      await loadTable(engine, table, file);
      await numberLines(1, false);
    }

    const [rawCount] = await q<{ n: number }>(sql.countSql(sql.T.raw));
    const parsedRows = rawCount?.n ?? 0;
    if (parsedRows === 0 && csvRejectLines === 0) {
      throw new IngestError(
        'header-only',
        format === 'csv' ? `${file} has a header line but no data rows.` : `${file} has no records.`,
        { file },
      );
    }

    // 2. Which column is what.
    progress('Detecting columns', 0.35);
    const columns = (await q<{ column_name: string }>(sql.rawColumnsSql())).map((r) => r.column_name);
    if (parsedRows === 0) {
      throw new IngestError('nothing-loaded', `${file}: none of its ${fmt(csvRejectLines)} data lines could be parsed as CSV.`, { file });
    }
    await run(sql.sampleSql(Math.ceil(parsedRows / PROFILE_SAMPLE)));
    const profiles = (await q<RawProfile>(sql.profileSql(columns))).map(toProfile);
    let decision: MappingDecision;
    try {
      decision = decideMapping(profiles, { ...options, partial: options.askWhenUnsure === true }, file);
    } catch (e) {
      if (e instanceof MappingError) {
        throw new IngestError('mapping', e.message, { file, ...(e.column ? { column: e.column } : {}) }, { cause: e });
      }
      throw e;
    }
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
      await cleanUp(engine);
      return { status: 'needs-input', file, columns, profiles, decision };
    }

    if (dateColumn === undefined) throw new IngestError('mapping', decision.missing[0]?.message ?? `${file}: no order date column.`, { file });

    // 3. Types and reasons.
    progress('Checking rows', 0.5);
    const returnPolicy = options.returnPolicy ?? 'net';
    await run(sql.typedSql({ mapping: decision.mapping, dateOrder: decision.dateOrder, decimal: decision.decimal }));
    const [dateCheck] = await q<{ bad: number; total: number; line: number | null; value: string | null }>(sql.unparseableDatesSql());
    if (dateCheck && dateCheck.total > 0 && dateCheck.bad === dateCheck.total) {
      throw new IngestError(
        'no-dates',
        `${file}, column "${dateColumn}": none of the ${fmt(dateCheck.bad)} values is a date Rapport can read (line ${dateCheck.line}: "${dateCheck.value}"). Dates may be ISO (2024-03-31), day/month/year, month/day/year or yyyymmdd, with or without a time.`,
        { file, column: dateColumn, ...(dateCheck.line !== null ? { line: dateCheck.line } : {}) },
      );
    }

    // 4. Orders, rejects, report.
    progress('Building orders', 0.75);
    if (returnPolicy === 'exclude') await run(sql.excludeReturnsSql(decision.mapping));
    await run(sql.stageRejectsSql(csvRejectLines > 0), sql.stageOrdersSql());
    const [r] = await q<{
      parsed_rows: number; rows_loaded: number; return_lines: number; rows_rejected: number; customers: number;
      orders: number; return_orders: number; first_order: string | null; last_order: string | null; total_amount: number; max_lines: number;
    }>(sql.reportSql());
    if (!r) throw new IngestError('engine', `${file}: the load report could not be computed.`, { file });
    const byReason = await q<{ reason: RejectReason; n: number; first_line: number }>(sql.rejectsByReasonSql());
    const rejectSamples = await q<RejectedRow>(sql.rejectSamplesSql(20));
    const rowsRead = parsedRows + csvRejectLines;
    if (rowsRead !== r.rows_loaded + r.rows_rejected) {
      throw new IngestError('engine', `${file}: row accounting failed (${rowsRead} read, ${r.rows_loaded} loaded, ${r.rows_rejected} rejected). This is a bug; please report it.`, { file });
    }
    if (r.rows_loaded === 0) {
      const top = byReason[0];
      const sample = rejectSamples.find((s) => s.reason === top?.reason);
      throw new IngestError(
        'nothing-loaded',
        `${file}: none of its ${fmt(rowsRead)} rows could be loaded; ${top ? `the most common problem is ${REJECT_REASON_TEXT[top.reason]}${sample?.column ? ` in column "${sample.column}"` : ''} (line ${top.first_line}${sample?.value ? `: "${sample.value}"` : ''})` : 'no reason was recorded'}.`,
        { file, ...(sample?.column ? { column: sample.column } : {}), ...(top ? { line: top.first_line } : {}) },
      );
    }

    const warnings: string[] = [...notes];
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
    checkCancelled();
    options.signal?.removeEventListener('abort', onAbort);
    progress('Finishing', 0.95);
    for (const s of [...sql.swapInSql(), ...sql.dropStagingSql(), sql.dropTableSql(INPUT_TABLE)]) await engine.query(s);
    const report: LoadReport = {
      file,
      format,
      rowsRead,
      rowsLoaded: r.rows_loaded,
      rowsRejected: r.rows_rejected,
      rejectedByReason: Object.fromEntries(byReason.map((b) => [b.reason, b.n])),
      rejectSamples,
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
    await cleanUp(engine);
    if (e instanceof IngestError) throw e;
    if (options.signal?.aborted) throw new IngestError('cancelled', `Loading ${file} was cancelled.`, { file }, { cause: e });
    throw new IngestError('engine', `${file}: ${(e as Error).message}`, { file }, { cause: e });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    if (inputFile) await engine.unload(inputFile).catch(() => undefined);
  }
}

async function loadTable(engine: Engine, table: Table, file: string): Promise<void> {
  if (table.numCols === 0) throw new IngestError('header-only', `${file} has no columns.`, { file });
  await engine.load({ kind: 'arrow', name: INPUT_TABLE, table });
  await engine.query(sql.rawTextFromTableSql(INPUT_TABLE));
}

/** Undo a load that stops early: end any open transaction first, then drop what it staged. */
async function cleanUp(engine: Engine): Promise<void> {
  await engine.query(sql.ROLLBACK_SQL).catch(() => undefined);
  for (const s of [...sql.dropStagingSql(), sql.dropTableSql(INPUT_TABLE)]) {
    await engine.query(s).catch(() => undefined);
  }
}
