import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createNodeEngine } from '../data/engine/node-engine.js';
import { Dataset } from '../data/dataset.js';
import {
  DATE_ORDERS,
  DECIMAL_STYLES,
  ORDER_ROLES,
  REJECT_REASON_TEXT,
  RETURN_POLICIES,
  type ColumnMapping,
  type IngestOptions,
  type LoadReport,
  type OrderRole,
  type RejectReason,
} from '../data/ingest/types.js';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = `Usage: rapport inspect FILE [options]

Loads an order export (CSV/TSV, gzip, Parquet, Arrow, JSON) the way the Rapport page does and
prints the load report: rows read, loaded and rejected (by reason, with lines), customers,
orders, date range, total amount, and the column mapping used.

Options:
  --map ROLE=COLUMN     use COLUMN for ROLE (repeatable); roles: ${ORDER_ROLES.join(', ')}
  --date-order ORDER    ${DATE_ORDERS.join(' | ')} for dates like 03/04/2024 (default: from the data)
  --decimal STYLE       ${DECIMAL_STYLES.join(' | ')} (default: from the data)
  --returns POLICY      ${RETURN_POLICIES.join(' | ')}: net returns against spend (default) or reject them
  --json                print the report as JSON
  -h, --help            this text

Exit status: 0 loaded, 1 the file could not be loaded, 2 wrong usage.`;

class UsageError extends Error {}

function pick<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || !allowed.includes(value as T)) {
    throw new UsageError(`${name} takes one of ${allowed.join(', ')}${value === undefined ? '' : `, not "${value}"`}.`);
  }
  return value as T;
}

export function parseArgs(args: readonly string[]): { file: string; options: IngestOptions; json: boolean } | 'help' {
  const [command, ...rest] = args;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') return 'help';
  if (command !== 'inspect') throw new UsageError(`Unknown command "${command}".`);
  let file: string | undefined;
  let json = false;
  const mapping: ColumnMapping = {};
  const options: IngestOptions = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value.`);
      return v;
    };
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--json') json = true;
    else if (a === '--map') {
      const spec = value();
      const eq = spec.indexOf('=');
      const role = spec.slice(0, eq) as OrderRole;
      if (eq < 1 || !ORDER_ROLES.includes(role)) throw new UsageError(`--map takes ROLE=COLUMN with ROLE one of ${ORDER_ROLES.join(', ')}, not "${spec}".`);
      mapping[role] = spec.slice(eq + 1);
    } else if (a === '--date-order') options.dateOrder = pick(a, value(), DATE_ORDERS);
    else if (a === '--decimal') options.decimal = pick(a, value(), DECIMAL_STYLES);
    else if (a === '--returns') options.returnPolicy = pick(a, value(), RETURN_POLICIES);
    else if (a.startsWith('-')) throw new UsageError(`Unknown option "${a}".`);
    else if (file === undefined) file = a;
    else throw new UsageError(`Only one FILE, got "${file}" and "${a}".`);
  }
  if (file === undefined) throw new UsageError('inspect needs a FILE.');
  if (Object.keys(mapping).length) options.mapping = mapping;
  return { file, options, json };
}

/** The JSON the CLI prints: the report's figures plus the first rejected rows. */
export function reportJson(r: LoadReport) {
  return {
    file: r.file,
    format: r.format,
    rowsRead: r.rowsRead,
    rowsLoaded: r.rowsLoaded,
    rowsRejected: r.rowsRejected,
    rejectedByReason: r.rejectedByReason,
    rejectSamples: r.rejectSamples,
    customers: r.customers,
    orders: r.orders,
    returns: r.returns,
    firstOrder: r.firstOrder,
    lastOrder: r.lastOrder,
    totalAmount: r.totalAmount,
    mapping: r.mapping,
    dateOrder: r.dateOrder,
    decimal: r.decimal,
    delimiter: r.delimiter,
    warnings: r.warnings,
    durationMs: r.durationMs,
  };
}

export function reportText(r: LoadReport): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `${r.file} (${r.format.toUpperCase()})`,
    `  rows read      ${n(r.rowsRead)}`,
    `  loaded         ${n(r.rowsLoaded)}`,
    `  rejected       ${n(r.rowsRejected)}`,
    ...(Object.entries(r.rejectedByReason) as [RejectReason, number][]).map(([reason, c]) => `    ${n(c).padStart(10)}  ${REJECT_REASON_TEXT[reason]}`),
    `  customers      ${n(r.customers)}`,
    `  orders         ${n(r.orders)}${r.returns.orders ? ` (+ ${n(r.returns.orders)} returns, ${r.returns.policy === 'net' ? 'netted' : 'excluded'})` : ''}`,
    `  first order    ${r.firstOrder ?? '-'}`,
    `  last order     ${r.lastOrder ?? '-'}`,
    `  total amount   ${r.totalAmount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
    `  mapping        ${Object.entries(r.mapping).map(([role, c]) => `${role}=${c}`).join(', ')}`,
    `  dates          ${r.dateOrder}, decimal ${r.decimal}`,
  ];
  if (r.rejectSamples.length) {
    lines.push('  first rejected rows:');
    for (const s of r.rejectSamples.slice(0, 10)) {
      lines.push(`    line ${s.line}: ${REJECT_REASON_TEXT[s.reason]}${s.column ? ` (column "${s.column}"${s.value !== null ? `: "${s.value}"` : ''})` : ''}`);
    }
  }
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}

export async function main(args: readonly string[], io: CliIo = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`rapport: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    io.out(USAGE);
    return 0;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(parsed.file));
  } catch (e) {
    io.err(`rapport: cannot read ${parsed.file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    return 1;
  }
  const dataset = new Dataset(await createNodeEngine());
  try {
    const result = await dataset.load({ name: basename(parsed.file), bytes }, parsed.options);
    if (result.status !== 'loaded') throw new Error('unexpected: detection asked a question');
    io.out(parsed.json ? JSON.stringify(reportJson(result.report), null, 2) : reportText(result.report));
    return 0;
  } catch (e) {
    // IngestError messages name the file, column and line already.
    io.err(`rapport: ${(e as Error).message}`);
    return 1;
  } finally {
    await dataset.close();
  }
}
