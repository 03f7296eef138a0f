import type { Table } from 'apache-arrow';
import { rowsOf, textTableFromRecords } from '../arrow-rows.js';
import { EngineError, isOutOfMemory, memoryLimitOf, type Engine } from '../engine/engine.js';
import * as sql from '../sql/ingest-sql.js';
import { hasTable, tablesAre } from '../table-presence.js';
import { decideDateOrder, MappingError, type ColumnProfile } from './detect-mapping.js';
import { sniffBytes } from './detect-format.js';
import { encodingOfFile, UTF8_WITH_ERRORS } from './text-encoding.js';
import { gunzip, gunzipHead, recordsFromJson, tableFromArrowIpc, tableFromParquet, toUtf8, withUniformLineEnds } from './decode-input.js';
import { IngestError } from './ingest-error.js';
import { ingestNotice, looksLikeNotice, type IngestNoticeCode } from './ingest-notices.js';
import type { Notice } from '../../analytics/notice.js';
import type { DateOrder, InputFormat } from './types.js';

/**
 * The stages every ingest shares, whatever canonical table it builds: a session that queries
 * with cancellation, and the read of any input (bytes, Arrow table, records) into the raw
 * numbered text view `rapport_raw`, with CSV parser rejects, encoding fallback and title lines.
 */

/** Something to load: the bytes of a file, an Arrow table, or plain records. */
export type IngestInput =
  | { name: string; bytes: Uint8Array }
  | { name: string; table: Table }
  | { name: string; records: readonly Record<string, unknown>[] };

const INPUT_FILE = 'rapport_input.csv';
const INPUT_TABLE = 'rapport_input';
/** Profiling looks at about this many records, spread evenly over the input. */
const PROFILE_SAMPLE = 5_000;
/** Columns profiled per query. */
const PROFILE_BATCH = 100;
/** How many title lines above a CSV header are looked for. */
const MAX_TITLE_LINES = 5;

/** One load in progress: queries that honour cancellation, progress, and the way out on failure. */
export interface LoadSession {
  readonly file: string;
  progress(step: string, fraction: number): void;
  checkCancelled(): void;
  q<T>(text: string): Promise<T[]>;
  run(...statements: string[]): Promise<void>;
  /** From the swap on, the load completes: a cancel arriving during COMMIT must not report "cancelled". */
  stopCancelling(): void;
  /**
   * The swap: last chance to cancel, then the staged tables replace the loaded ones (`pairs`:
   * stage, canonical) in one transaction and the staging is dropped. From here the load completes.
   */
  swapIn(pairs: readonly (readonly [stage: string, canonical: string])[], drops: readonly string[]): Promise<void>;
  /** Whether the engine holds one of the dataset's tables (the orders, to match a file's customers with). */
  hasTable(table: string): Promise<boolean>;
  /** Undo what the load staged: end any open transaction, then run `drops`. */
  discard(drops: readonly string[]): Promise<void>;
  /** Undo what the load staged (`drops`), then rethrow the failure as an IngestError. */
  fail(e: unknown, drops: readonly string[]): Promise<never>;
}

export function startLoad(
  engine: Engine,
  file: string,
  options: { signal?: AbortSignal; onProgress?: (step: string, fraction: number) => void },
): LoadSession {
  const cancelled = (cause?: unknown) => new IngestError('cancelled', ingestNotice('ingest.cancelled', { file }), { file }, cause === undefined ? undefined : { cause });
  const checkCancelled = () => {
    if (options.signal?.aborted) throw cancelled();
  };
  const q = async <T>(text: string): Promise<T[]> => {
    checkCancelled();
    try {
      return rowsOf<T>(await engine.query(text));
    } catch (e) {
      if (e instanceof EngineError && e.code === 'cancelled') throw cancelled(e);
      throw e;
    }
  };
  const onAbort = () => void engine.cancel();
  options.signal?.addEventListener('abort', onAbort);
  const stopCancelling = () => options.signal?.removeEventListener('abort', onAbort);
  return {
    file,
    progress: (step, f) => options.onProgress?.(step, f),
    checkCancelled,
    q,
    run: async (...statements) => {
      for (const s of statements) await q(s);
    },
    stopCancelling,
    swapIn: async (pairs, drops) => {
      checkCancelled();
      stopCancelling();
      options.onProgress?.('Finishing', 0.95);
      // Unknown while the swap runs, and so after one that failed (rolled back): there once it went through.
      tablesAre(engine, pairs, null);
      for (const s of sql.swapInSql(pairs)) await engine.query(s);
      tablesAre(engine, pairs, true);
      for (const s of drops) await engine.query(s);
    },
    hasTable: (table) => hasTable(engine, table),
    discard: (drops) => cleanUp(engine, drops),
    fail: async (e, drops) => {
      stopCancelling();
      await cleanUp(engine, drops);
      // Out of memory, wherever it struck (reading the CSV, typing, building), is said as such.
      // A load the user stopped is "cancelled", whatever the engine was saying when it stopped.
      const stopped = options.signal?.aborted === true || (e instanceof IngestError && e.code === 'cancelled');
      if (!stopped && isOutOfMemory(e)) throw outOfMemory(file, e);
      if (e instanceof IngestError) throw e;
      if (options.signal?.aborted) throw cancelled(e);
      throw new IngestError('engine', `${file}: ${(e as Error).message}`, { file }, { cause: e });
    },
  };
}

/**
 * One load of an optional canonical table, start to finish: a session, the raw read, then
 * `body` (mapping, typing, staging, swap) and "Done"; on any failure the staging (the raw
 * stages and `stageTables`) is dropped and the failure rethrown as an IngestError.
 */
export async function runLoad<T>(
  engine: Engine,
  input: IngestInput,
  options: { format?: InputFormat | undefined; signal?: AbortSignal; onProgress?: (step: string, fraction: number) => void },
  stageTables: readonly string[],
  body: (session: LoadSession, raw: RawRead, staging: readonly string[]) => Promise<T>,
): Promise<T> {
  const session = startLoad(engine, input.name, options);
  const staging = [...sql.dropRawStagingSql(stageTables), dropInputSql()];
  try {
    const raw = await readRaw(engine, session, input, { format: options.format, drops: staging });
    const result = await body(session, raw, staging);
    session.progress('Done', 1);
    return result;
  } catch (e) {
    return await session.fail(e, staging);
  } finally {
    session.stopCancelling();
  }
}

/** Every working table of a load with these stage tables (the input, the raw and typed stages, the stages). */
export function loadWorkingTables(stageTables: readonly string[]): string[] {
  return [INPUT_TABLE, ...sql.RAW_STAGING_TABLES, ...stageTables];
}

/** Drop the input table a non-CSV read registers; part of every ingest's clean-up. */
export function dropInputSql(): string {
  return sql.dropTableSql(INPUT_TABLE);
}

/** What reading an input found: `rapport_raw` holds its `parsedRows` records, numbered. */
export interface RawRead {
  format: InputFormat;
  /** Records parsed into `rapport_raw`, and CSV lines the parser rejected (in `rapport_csv_rejects`). */
  parsedRows: number;
  csvRejectLines: number;
  /** Input columns, in order. */
  columns: string[];
  /** The CSV field separator found, or null for other formats. */
  delimiter: string | null;
  /** What the reader did that the user should know (Latin-1 fallback, skipped title, renamed column). */
  notes: string[];
  /** The notes as notices, one per note in the same order (`noteNotices[i].text === notes[i]`). */
  noteNotices: Notice[];
  /** What each column's values look like, over an evenly spread sample of the records. */
  profiles: ColumnProfile[];
}

/**
 * Drop `drops`, then input -> `rapport_raw`: every record as text with `__line`, its line in the file (CSV) or
 * its record number. Throws an IngestError for empty, unreadable or header-only inputs.
 */
export async function readRaw(
  engine: Engine,
  s: LoadSession,
  input: IngestInput,
  o: { format?: InputFormat | undefined; drops: readonly string[] },
): Promise<RawRead> {
  const { file, q, run, progress, checkCancelled } = s;
  const forced = o.format;
  // What a previous load left behind (it should not), so the stages start empty.
  await run(...o.drops);
  const noteNotices: Notice[] = [];
  let delimiter: string | null = null;
  let inputFile: string | null = null;
  /** Raw text table -> the numbered view every later stage reads. */
  const numberLines = async (firstLine: number, hasBadLines: boolean) => {
    for (const { column_name: c } of await q<{ column_name: string }>(sql.rawTextColumnsSql())) {
      if (c.toLowerCase() === 'rowid') {
        await run(sql.renameColumnSql(c, `${c}_`));
        noteNotices.push(ingestNotice('ingest.rowid-renamed', { column: c, renamed: `${c}_` }));
      }
    }
    await run(...sql.rawLinesSql(firstLine, hasBadLines));
  };
  progress('Reading', 0.05);

  let format: InputFormat;
  let csvRejectLines = 0;
  try {
    if ('bytes' in input) {
      let bytes = input.bytes;
      let sniffed = sniffBytes(bytes, file);
      let gzipped = false;
      if (sniffed.kind === 'gzip') {
        // Sniff the unpacked head; CSV stays packed (DuckDB unpacks it faster than JS can).
        try {
          sniffed = sniffBytes(await gunzipHead(bytes, 64 * 1024), file);
          gzipped = true;
          // Unpacked here when the engine will not read the packed file: not CSV, or not UTF-8.
          if (sniffed.kind === 'data' && ((sniffed.format !== 'csv' && forced !== 'csv') || sniffed.encoding !== 'utf-8')) {
            bytes = await gunzip(bytes);
            gzipped = false;
          }
        } catch (e) {
          throw new IngestError('unreadable', ingestNotice('ingest.gzip-damaged', { file, detail: (e as Error).message }), { file }, { cause: e });
        }
      }
      checkCancelled();
      if (sniffed.kind === 'empty') {
        throw new IngestError('empty', ingestNotice(gzipped ? 'ingest.empty-gzip' : 'ingest.empty', { file }), { file });
      }
      if (sniffed.kind === 'unsupported') {
        throw new IngestError('not-data', ingestNotice('ingest.not-data', { file, what: looksLikeNotice(sniffed.what) }), { file });
      }
      if (sniffed.kind === 'gzip') throw new IngestError('not-data', ingestNotice('ingest.gzip-in-gzip', { file }), { file });
      format = forced ?? sniffed.format;
      progress('Parsing', 0.15);
      let encoding = sniffed.encoding;
      // The sample (64 kB) may not have told damaged UTF-8 from a one-byte encoding: the whole file does.
      if (encoding === 'windows-1252') encoding = await encodingOfFile(bytes);
      bytes = await toUtf8(bytes, encoding);
      checkCancelled();
      if (encoding === UTF8_WITH_ERRORS) noteNotices.push(ingestNotice('ingest.utf8-repaired', { file }));
      if (format === 'csv') {
        /** (Re-)register the file the engine reads. */
        const register = async (b: Uint8Array) => {
          if (inputFile) await engine.unload(inputFile);
          inputFile = gzipped ? `${INPUT_FILE}.gz` : INPUT_FILE;
          await engine.load({ kind: 'file', name: inputFile, bytes: b });
          bytes = b;
        };
        await register(bytes);
        let reading: sql.CsvReading = {};
        let lineEndsMended = false;
        const readCsv = async (): Promise<void> => {
          try {
            await run(sql.readCsvSql(inputFile!, reading));
          } catch (e) {
            if (e instanceof IngestError) throw e;
            // Line ends of mixed kinds (CRLF, LF, old Mac CR): read again with one kind. (Not after
            // running out of memory: that is the file's size, and a copy of it would not help.)
            if (!lineEndsMended && !isOutOfMemory(e)) {
              lineEndsMended = true;
              const plain = gzipped ? await gunzip(bytes) : bytes;
              const mended = withUniformLineEnds(plain);
              if (mended) {
                gzipped = false;
                await run(...sql.dropRawStagingSql());
                await register(mended);
                return readCsv();
              }
            }
            throw new IngestError('unreadable', ingestNotice('ingest.csv-unreadable', { file, detail: (e as Error).message }), { file }, { cause: e });
          }
        };
        await readCsv();
        /** Drop what the last reading made and read the file again the way `r` says. */
        const readAgain = async (r: sql.CsvReading): Promise<void> => {
          await run(...sql.dropRawStagingSql());
          reading = r;
          await readCsv();
        };
        // The encoding was judged from the first 64 kB; bytes further on may say otherwise.
        const [encodingRejects] = await q<{ n: number }>(sql.encodingRejectsSql());
        if (sniffed.encoding === 'utf-8' && (encodingRejects?.n ?? 0) > 0) {
          await run(...sql.dropRawStagingSql());
          const whole = gzipped ? await gunzip(bytes) : bytes;
          gzipped = false;
          const found = await encodingOfFile(whole);
          await register(await toUtf8(whole, found));
          await readCsv();
          noteNotices.push(ingestNotice(found === UTF8_WITH_ERRORS ? 'ingest.utf8-repaired' : 'ingest.read-as-latin1', { file }));
        }
        // A title line above the header ("Sales export, March") fools the sniffer into a
        // narrow header that rejects every data line; so, in a short file, can fields starting
        // with apostrophes (taken for quotes). When more lines are rejected than read, try
        // skipping the first few lines, and the double quote as the quote, and keep the
        // reading that parses the most.
        const counts = async () => (await q<{ parsed: number; rejected: number }>(sql.csvReadCountsSql()))[0]!;
        const first = await counts();
        if (first.rejected > first.parsed) {
          let best: { reading: sql.CsvReading; parsed: number } = { reading, parsed: first.parsed };
          const others: sql.CsvReading[] = [...Array.from({ length: MAX_TITLE_LINES }, (_, k) => ({ skip: k + 1 })), { quote: '"' }];
          for (const other of others) {
            await readAgain(other);
            const c = await counts();
            if (c.parsed > best.parsed && c.rejected < c.parsed) best = { reading: other, parsed: c.parsed };
          }
          await readAgain(best.reading);
          if (reading.skip) noteNotices.push(ingestNotice('ingest.title-skipped', { n: reading.skip, file }));
        }
        type Dialect = { delimiter: string; quote: string; skip_rows: number; has_header: boolean };
        const dialectRead = async (): Promise<Dialect | undefined> => {
          const [bad] = await q<{ n: number }>(sql.csvBadLineCountSql());
          csvRejectLines = bad?.n ?? 0;
          return (await q<Dialect>(csvRejectLines > 0 ? sql.csvDialectSql() : sql.sniffCsvSql(inputFile!, reading)))[0];
        };
        let dialect = await dialectRead();
        // The double quote (RFC 4180) unless the apostrophe the sniffer chose reads more of the
        // file, or as much and its fields are wrapped in apostrophes ('C1','5'): in a short file,
        // a field that is just apostrophes ("''", a spreadsheet-safe export's "'") is otherwise
        // read as an empty quoted text.
        if (dialect?.quote === "'" && reading.quote === undefined) {
          const sniffed = { reading, counts: await counts() };
          await readAgain({ ...reading, quote: '"' });
          const c = await counts();
          let apostrophes = c.parsed < sniffed.counts.parsed || c.rejected > sniffed.counts.rejected;
          if (!apostrophes && c.parsed === sniffed.counts.parsed && c.rejected === sniffed.counts.rejected) {
            const columns = (await q<{ column_name: string }>(sql.rawTextColumnsSql())).map((r) => r.column_name);
            const [fields] = await q<{ wrapped: number; led: number }>(sql.apostropheFieldsSql(columns));
            apostrophes = (fields?.wrapped ?? 0) > (fields?.led ?? 0);
          }
          if (apostrophes) await readAgain(sniffed.reading);
          dialect = await dialectRead();
        }
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
  } finally {
    // Every later stage reads the tables made from the file, never the file itself.
    if (inputFile) await engine.unload(inputFile).catch(() => undefined);
  }

  const [rawCount] = await q<{ n: number }>(sql.countSql(sql.T.raw));
  const parsedRows = rawCount?.n ?? 0;
  if (parsedRows === 0 && csvRejectLines === 0) {
    throw new IngestError('header-only', ingestNotice(format === 'csv' ? 'ingest.header-only' : 'ingest.no-records', { file }), { file });
  }
  progress('Detecting columns', 0.35);
  const columns = (await q<{ column_name: string }>(sql.rawColumnsSql())).map((r) => r.column_name);
  if (parsedRows === 0) {
    throw new IngestError('nothing-loaded', ingestNotice('ingest.no-line-parsed', { file, n: csvRejectLines }), { file });
  }
  await run(sql.sampleSql(Math.ceil(parsedRows / PROFILE_SAMPLE)));
  // In batches: one query over a thousand columns nests deeper than the engine's parser allows.
  const profiles: ColumnProfile[] = [];
  for (let at = 0; at < columns.length; at += PROFILE_BATCH) {
    profiles.push(...(await q<RawProfile>(sql.profileSql(columns.slice(at, at + PROFILE_BATCH), at))).map(toProfile));
  }
  return { format, parsedRows, csvRejectLines, columns, delimiter, notes: noteNotices.map((n) => n.text), noteNotices, profiles };
}

/** Share of rejected rows from which a load report warns. */
export const WARN_REJECTED_SHARE = 0.1;

/**
 * After the typed stage: when not one value of the date column is a date (the column is not
 * dates at all, or in a style Rapport cannot read), stop with an error naming file, column and line.
 */
export async function checkDatesReadable(s: LoadSession, column: string): Promise<void> {
  const [dateCheck] = await s.q<{ bad: number; total: number; line: number | null; value: string | null }>(sql.unparseableDatesSql());
  if (dateCheck && dateCheck.total > 0 && dateCheck.bad === dateCheck.total) {
    const file = s.file;
    throw new IngestError(
      'no-dates',
      ingestNotice('ingest.no-dates', { file, column, n: dateCheck.bad, line: String(dateCheck.line), value: String(dateCheck.value) }),
      { file, column, ...(dateCheck.line !== null ? { line: dateCheck.line } : {}) },
    );
  }
}

/**
 * The day/month order of a date column: the given one, else decided from the values of the
 * whole column (ymd and certain when there is no date column).
 */
export async function detectDateOrder(
  s: LoadSession,
  column: string | undefined,
  given: DateOrder | undefined,
): Promise<{ dateOrder: DateOrder; dateOrderCertain: boolean }> {
  if (given || column === undefined) return { dateOrder: given ?? 'ymd', dateOrderCertain: true };
  const [evidence] = await s.q<{ slash_dates: number; first_over_12: number; second_over_12: number }>(sql.dateEvidenceSql(column));
  if (!evidence) return { dateOrder: 'ymd', dateOrderCertain: true };
  const d = decideDateOrder({ slashDates: evidence.slash_dates, firstOver12: evidence.first_over_12, secondOver12: evidence.second_over_12 });
  return { dateOrder: d.order, dateOrderCertain: d.certain };
}

/** The warning for dates whose day/month order no value settles (its `text` is the English warning). */
export function dateOrderWarning(column: string | undefined, dateOrder: DateOrder): Notice {
  return ingestNotice(dateOrder === 'mdy' ? 'ingest.dates-guessed-mdy' : 'ingest.dates-guessed-dmy', { column: String(column) });
}

/** What a load's rows were to become, for the sentence saying none could: one notice code each. */
export type RejectsWhat = 'customers' | 'feedback' | 'survey-answers';
const NOTHING_LOADED: Readonly<Record<RejectsWhat, IngestNoticeCode>> = {
  customers: 'ingest.nothing-loaded-customers',
  feedback: 'ingest.nothing-loaded-feedback',
  'survey-answers': 'ingest.nothing-loaded-survey-answers',
};

/**
 * The most common problem among the rejects, as a notice to place in a sentence as
 * `{problem}`: its reason (a notice from `reasonNotice`), column, first line and value.
 * `style` 'first-at' reads "..., first at line 4 ("x")", 'line' reads "... (line 4: "x")".
 */
export function problemNotice<R extends { reason: string; column: string | null; value: string | null }>(
  reasonNotice: (reason: R['reason']) => Notice,
  rejects: { byReason: readonly { reason: R['reason']; first_line: number }[]; rejectSamples: readonly R[] },
  style: 'first-at' | 'line' = 'first-at',
): Notice {
  const top = rejects.byReason[0];
  if (!top) return ingestNotice('ingest.problem-none');
  const sample = rejects.rejectSamples.find((r) => r.reason === top.reason);
  const column = sample?.column ? sample.column : null;
  const value = sample?.value ? sample.value : null;
  const code = `ingest.problem${style === 'line' ? '-line' : ''}${column !== null ? '-in-column' : ''}${value !== null ? '-with-value' : ''}` as IngestNoticeCode;
  return ingestNotice(code, {
    reason: reasonNotice(top.reason),
    line: String(top.first_line),
    ...(column !== null ? { column } : {}),
    ...(value !== null ? { value } : {}),
  });
}

/** The warning for a large share of rejected rows (WARN_REJECTED_SHARE or more), naming the most common problem. */
export function rejectedShareNotice(file: string, rowsRejected: number, rowsRead: number, problem: Notice): Notice {
  return ingestNotice('ingest.rows-rejected', { percent: Math.round((100 * rowsRejected) / rowsRead), file, n: rowsRejected, total: rowsRead, problem });
}

/**
 * What the rejects say, once a load is accounted for: an IngestError when nothing was loaded
 * (naming the most common problem, its column, line and value), else the warnings to add (a
 * large share rejected). `what` says what the rows were to become; `reasonNotice` words a
 * reject reason (each kind of load has its reasons: customerRejectReasonNotice...).
 */
export function judgeRejects<R extends { reason: string; column: string | null; value: string | null }>(
  file: string,
  what: RejectsWhat,
  reasonNotice: (reason: R['reason']) => Notice,
  rejects: Awaited<ReturnType<typeof readRejects<R>>>,
  accounting: Pick<RowAccounting<R>, 'rowsRead' | 'rowsLoaded' | 'rowsRejected'>,
): Notice[] {
  const { rowsRead, rowsLoaded, rowsRejected } = accounting;
  const top = rejects.byReason[0];
  const sample = rejects.rejectSamples.find((r) => r.reason === top?.reason);
  const problem = problemNotice(reasonNotice, rejects);
  if (rowsLoaded === 0) {
    throw new IngestError('nothing-loaded', ingestNotice(NOTHING_LOADED[what], { file, n: rowsRead, problem }), {
      file,
      ...(sample?.column ? { column: sample.column } : {}),
      ...(top ? { line: top.first_line } : {}),
    });
  }
  if (rowsRejected / rowsRead >= WARN_REJECTED_SHARE) return [rejectedShareNotice(file, rowsRejected, rowsRead, problem)];
  return [];
}

/** A mapping decision, its MappingError turned into an IngestError naming the file (and column). */
export function decideOrFail<D>(file: string, decide: () => D): D {
  try {
    return decide();
  } catch (e) {
    if (e instanceof MappingError) {
      throw new IngestError('mapping', e.notice ?? e.message, { file, ...(e.column ? { column: e.column } : {}) }, { cause: e });
    }
    throw e;
  }
}

/** Rejects per reason (most common first) and the first rejected rows of a staged rejects table. */
export async function readRejects<R extends { reason: string }>(
  s: LoadSession,
  table: string,
): Promise<{ byReason: { reason: R['reason']; n: number; first_line: number }[]; rejectSamples: R[] }> {
  const byReason = await s.q<{ reason: R['reason']; n: number; first_line: number }>(sql.rejectsByReasonSql(table));
  const rejectSamples = await s.q<R>(sql.rejectSamplesSql(20, table));
  return { byReason, rejectSamples };
}

/** The row accounting every load report starts with. */
export interface RowAccounting<R extends { reason: string }> {
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rejectedByReason: Partial<Record<R['reason'], number>>;
  rejectSamples: R[];
}

/** `read = loaded + rejected`, or the load stops: a row went missing, which is a bug. */
export function accountRows<R extends { reason: string }>(
  file: string,
  raw: Pick<RawRead, 'parsedRows' | 'csvRejectLines'>,
  counts: { rows_loaded: number; rows_rejected: number },
  rejects: Awaited<ReturnType<typeof readRejects<R>>>,
): RowAccounting<R> {
  const rowsRead = raw.parsedRows + raw.csvRejectLines;
  const { rows_loaded: loaded, rows_rejected: rejected } = counts;
  if (rowsRead !== loaded + rejected) {
    const counts = { read: String(rowsRead), loaded: String(loaded), rejected: String(rejected) };
    throw new IngestError('engine', ingestNotice('ingest.accounting-failed', { file, ...counts }), { file });
  }
  return {
    rowsRead,
    rowsLoaded: loaded,
    rowsRejected: rejected,
    rejectedByReason: Object.fromEntries(rejects.byReason.map((b) => [b.reason, b.n])) as Partial<Record<R['reason'], number>>,
    rejectSamples: rejects.rejectSamples,
  };
}

export const fmt = (n: number) => n.toLocaleString('en-US');

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

async function loadTable(engine: Engine, table: Table, file: string): Promise<void> {
  if (table.numCols === 0) throw new IngestError('header-only', ingestNotice('ingest.no-columns', { file }), { file });
  await engine.load({ kind: 'arrow', name: INPUT_TABLE, table });
  await engine.query(sql.rawTextFromTableSql(INPUT_TABLE));
}

/** The failure of a load that ran out of the engine's (or the page's) memory. */
function outOfMemory(file: string, e: unknown): IngestError {
  const limit = memoryLimitOf(e);
  const notice = limit ? ingestNotice('ingest.out-of-memory', { file, limit }) : ingestNotice('ingest.out-of-memory-no-limit', { file });
  return new IngestError('memory', notice, { file }, { cause: e });
}

/** Undo a load that stops early: end any open transaction first, then drop what it staged. */
async function cleanUp(engine: Engine, drops: readonly string[]): Promise<void> {
  await engine.query(sql.ROLLBACK_SQL).catch(() => undefined);
  for (const s of drops) {
    await engine.query(s).catch(() => undefined);
  }
}
