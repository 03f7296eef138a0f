import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Dataset } from '../data/dataset.js';
import { IngestError } from '../data/ingest/ingest-error.js';
import {
  CUSTOMER_REJECT_REASON_TEXT,
  FEEDBACK_REJECT_REASON_TEXT,
  REJECT_REASON_TEXT,
  type CustomersLoadReport,
  type FeedbackLoadReport,
  type IngestOptions,
  type LoadReport,
} from '../data/ingest/types.js';
import { inputText } from './ladder.js';

/** Where the CLI writes: standard output and standard error. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * A command's output to stdout, or to the file given with --out (then a line on stderr says
 * so). Resolves to the exit status: 0, or 1 when the file cannot be written.
 */
export async function emitOutput(io: CliIo, output: string, out: string | undefined): Promise<number> {
  if (out === undefined) {
    io.out(output);
    return 0;
  }
  try {
    await writeFile(out, `${output}\n`, 'utf8');
  } catch (e) {
    io.err(`rapport: cannot write ${out}: ${(e as Error).message}`);
    return 1;
  }
  io.err(`rapport: wrote ${out}`);
  return 0;
}

/** Read a file named on the command line; a missing one is a one-line message, not a stack. */
export async function readInput(path: string, what: string, io: CliIo): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    io.err(`rapport: cannot read ${what}${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    return null;
  }
}

/** An IngestError names the file by its base name; say which input it was and give the path. */
export function loadFailure(what: string, path: string, e: unknown): string {
  const message = (e as Error).message;
  const prefix = `${basename(path)}: `;
  return `rapport: cannot load the ${what} ${path}: ${message.startsWith(prefix) ? message.slice(prefix.length) : message}`;
}

/** Rows loaded and rejected of a side input, with the first reject, on stderr. */
export function reportSideLoad(
  io: CliIo,
  report: { file: string; rowsLoaded: number; rowsRejected: number; warnings: string[]; rejectSamples: { line: number; reason: string }[] },
  reasonText: Record<string, string>,
): void {
  for (const w of report.warnings) io.err(`rapport: warning: ${w}`);
  const first = report.rowsRejected ? report.rejectSamples[0] : undefined;
  io.err(`rapport: ${inputText(report)}${first ? ` (first: line ${first.line}, ${reasonText[first.reason] ?? first.reason.replace(/_/g, ' ')})` : ''}`);
}

/** A side input of `rapport ladder` and `rapport gap`: a customer list or a feedback file. */
export type SideInput = 'customer list' | 'feedback';

/**
 * Read and load a customer list or feedback file into the dataset, reporting rows loaded and
 * rejected on stderr. Null (the message printed) when it cannot be read or loaded: exit 1.
 */
export async function loadSideInput(dataset: Dataset, io: CliIo, what: SideInput, path: string): Promise<CustomersLoadReport | FeedbackLoadReport | null> {
  const bytes = await readInput(path, what === 'feedback' ? 'feedback file ' : 'customer list ', io);
  if (!bytes) return null;
  let loaded: CustomersLoadReport | FeedbackLoadReport;
  try {
    const input = { name: basename(path), bytes };
    loaded = what === 'feedback' ? await dataset.loadFeedback(input) : await dataset.loadCustomers(input);
  } catch (e) {
    if (!(e instanceof IngestError)) throw e;
    io.err(loadFailure(what === 'feedback' ? 'feedback file' : 'customer list', path, e));
    return null;
  }
  reportSideLoad(io, loaded, (what === 'feedback' ? FEEDBACK_REJECT_REASON_TEXT : CUSTOMER_REJECT_REASON_TEXT) as Record<string, string>);
  return loaded;
}

/**
 * Read and load an order export into the dataset as `rapport inspect` does (detection, the
 * given mapping and options), reporting rows loaded and rejected on stderr. Null (the message
 * printed) when it cannot be read or loaded: exit 1.
 */
export async function loadOrdersInput(dataset: Dataset, io: CliIo, path: string, options: IngestOptions = {}): Promise<LoadReport | null> {
  const bytes = await readInput(path, 'orders file ', io);
  if (!bytes) return null;
  let report: LoadReport;
  try {
    const result = await dataset.load({ name: basename(path), bytes }, options);
    if (result.status !== 'loaded') throw new Error('unexpected: detection asked a question');
    report = result.report;
  } catch (e) {
    if (!(e instanceof IngestError)) throw e;
    io.err(loadFailure('orders', path, e));
    return null;
  }
  reportSideLoad(io, report, REJECT_REASON_TEXT as Record<string, string>);
  return report;
}

/** A command line that cannot be run as written: exit 2, the message and the usage on stderr. */
export class UsageError extends Error {}

/**
 * A command's arguments parsed, or the exit status once the command line was answered: 2 after
 * saying why it is wrong (a UsageError) with the usage, 0 after printing the usage for `--help`.
 */
export function parseOrExit<T>(parse: () => T | 'help', io: CliIo, usage: string): { args: T } | { exit: number } {
  let parsed: T | 'help';
  try {
    parsed = parse();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`rapport: ${e.message}\n\n${usage}`);
    return { exit: 2 };
  }
  if (parsed === 'help') {
    io.out(usage);
    return { exit: 0 };
  }
  return { args: parsed };
}
