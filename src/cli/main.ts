import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createNodeEngine } from '../data/engine/node-engine.js';
import { toCsv } from '../analytics/csv.js';
import { Dataset, type RfmCustomer, type RfmRequest, type Scoring, type SegmentSummaryRow } from '../data/dataset.js';
import { RFM_METHODS, RfmOptionsError, resolveRfmOptions, type RfmBreaks, type RfmMethod, type RfmOptions } from '../analytics/rfm-options.js';
import { SEGMENT_PRESET_NAMES, SegmentRulesError, parseSegmentRules, resolveSegmentRules } from '../analytics/segment-rules.js';
import { LadderRulesError, resolveLadderRules, type LadderComparison } from '../analytics/ladder.js';
import { validateIsoDate } from '../analytics/rfm-options.js';
import { LADDER_MEMBER_COLUMNS, comparisonJson, comparisonText, inputText, ladderJson, ladderText, type LadderInput } from './ladder.js';
import { deliveryJson, deliveryText } from './delivery.js';
import { runGap } from './gap.js';
import { runClv } from './clv.js';
import { UsageError, emitOutput, loadSideInput, parseOrExit, readInput, type CliIo } from './io.js';
import { SURVEY_ROLES } from '../data/ingest/types.js';
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

export type { CliIo } from './io.js';

const USAGE = `Usage: rapport inspect FILE [options]
       rapport rfm FILE [rfm options] [options]
       rapport ladder FILE [ladder options] [options]
       rapport delivery ORDERS [options]
       rapport gap SURVEY [gap options]
       rapport clv FILE [clv options] [options]
       rapport clv --summary FILE [--map ROLE=COLUMN,...] [clv options]

rapport inspect loads an order export (CSV/TSV, gzip, Parquet, Arrow, JSON) the way the Rapport
page does and prints the load report: rows read, loaded and rejected (by reason, with lines),
customers, orders, date range, total amount, and the column mapping used.

rapport rfm loads the file the same way and prints one row per customer as CSV: customer_id,
recency_days, frequency, monetary, r_score, f_score, m_score, segment, type (active, or
inactive after more days without a purchase than the window). Text fields that start
with = + - @, a tab or a carriage return get a leading apostrophe (no spreadsheet formulas).

rapport ladder loads the file the same way and prints the ladder of loyalty (prospect, customer,
client, supporter, advocate, partner, and lapsed): per rung the customers, their share of all
contacts, revenue, average value, conversion to the next rung, drop-off and the median days to
climb it; the lapsed contacts by the rung they lapsed from and the inactivity window; and what
evidence each rung rests on (a rung the data cannot tell says "not available").

rapport delivery loads the orders the same way (map promised_date, delivered_date and review_score
if their headers are not recognised) and prints the operational gap: delivered, on-time share,
undelivered, days late (mean, median, p90, max), review scores of late vs on-time orders with
95% intervals and the Welch interval of the gap, and the figures by promised month.

rapport gap loads a SERVQUAL-style survey (long: one row per respondent and item; wide: an
expectation and a perception column per item, e.g. sq1_1/sq1_2) and prints the quality gap,
perception - expectation, per dimension and per item (n, mean expectation, mean perception, gap,
95% confidence interval; most negative first) and the overall score, weighted by the given
weights, else by each respondent's own importance, else every dimension the same.

Options (all commands):
  --map ROLE=COLUMN     use COLUMN for ROLE (repeatable); roles: ${ORDER_ROLES.join(', ')}
  --date-order ORDER    ${DATE_ORDERS.join(' | ')} for dates like 03/04/2024 (default: from the data)
  --decimal STYLE       ${DECIMAL_STYLES.join(' | ')} (default: from the data)
  --returns POLICY      ${RETURN_POLICIES.join(' | ')}: net returns against spend (default) or reject them
  --json                print JSON (inspect: the report; rfm: customers, thresholds or summary;
                        ladder: the ladder result)
  -h, --help            this text

RFM options:
  --as-of YYYY-MM-DD    analysis date (default: the day after the last order)
  --bins N              number of scores, 1..N (default 5; with --breaks, cut points + 1)
  --method METHOD       ${RFM_METHODS.join(' | ')} (default quantile, as the R package rfm)
  --breaks SPEC         cut points for --method fixed (implies it), ascending, N-1 per metric:
                        r:30,90,180,365/f:2,3,5,8/m:100,250,500,1000 (recency in days)
  --inactive-after DAYS a customer silent MORE than DAYS is inactive (default: from the data, the
                        90th percentile of gaps between purchases, at least 30; 365 if no repeats)
  --customers FILE      a customer list (one row per customer or prospect, with a customer id
                        column): listed customers with no purchase by the analysis date are
                        "potential" and come last in the output, with empty scores
  --preset NAME         segment rules preset: ${SEGMENT_PRESET_NAMES.join(', ')} (default ${SEGMENT_PRESET_NAMES[0]} for 5 bins)
  --rules FILE.json     segment rules: a JSON list of {"name", "r": [min, max], "f": [..], "m": [..]}
  --out FILE            write the output to FILE instead of stdout
  --thresholds          print the analysis date, cut points per metric and the inactivity window
                        instead of customers
  --summary             print the segment summary instead of customers (after the thresholds
                        when both are given; with --json both go in one object)

Ladder options:
  --as-of YYYY-MM-DD    the date of the ladder (default: the day after the last order); later
                        orders and feedback are left out
  --feedback FILE       feedback (NPS, reviews, satisfaction, recommend, referrals...) with a
                        customer id column: supporters and advocates are told from it; without
                        it supporter is inferred from purchase frequency and advocate is not known
  --customers FILE      a customer list (customers and prospects): without it there are no prospects
  --rules FILE.json     ladder rules merged over the defaults, e.g. {"client": {"minOrders": 3},
                        "lapsed": {"windowDays": 180}, "partner": {"ids": ["C042"]}}
  --out FILE.csv        also write customer_id,rung,reason for every contact to FILE.csv (the
                        ladder still goes to stdout)
  --since YYYY-MM-DD    also compare with the ladder at that earlier date: who climbed, slipped,
                        lapsed, returned or is new, and the moves between places

Gap options (rapport gap SURVEY; not the order options above):
  --map ROLE=COLUMN     use COLUMN for ROLE (repeatable); roles: ${SURVEY_ROLES.join(', ')}
  --shape long|wide     the survey's shape (default: detected)
  --pairs PREFIX        wide: the numbered pair columns to read, e.g. sq for sq1_1/sq1_2
  --scale MIN-MAX       the Likert scale, e.g. 1-7 (default: detected from the answers)
  --dimensions FILE     item,dimension per line (a header is fine): the items' dimensions
                        (default: the file's dimension column, item names, or the 22 SERVQUAL items)
  --weights SPEC        dimension weights for the overall score, e.g. tangibles=0.2,reliability=0.3
                        (normalised to sum 1; unnamed dimensions weigh 0)
  --by GROUP            also split by a respondent attribute column, or by segment / rung (RFM
                        segment or ladder rung of the customer each respondent's customer_id
                        links to; needs --orders)
  --orders FILE         the order export (loaded as rapport ladder loads it) for --by segment|rung
  --customers FILE      a customer list: listed customers count as linked; prospects for rung
  --feedback FILE       feedback for the ladder of --by rung (supporters and advocates)
  --json                print JSON: items, dimensions, overall, groups, messages
  --out FILE            write the output to FILE instead of stdout

CLV options (rapport clv: the BG/NBD purchase model and the Gamma-Gamma spend model, as the
Python lifetimes library fits them; prints the parameters, log-likelihood, convergence, the
frequency-monetary independence check and prediction totals):
  --summary             FILE is a per-customer summary CSV (lifetimes / Fader-Hardie columns:
                        ID or customer_id, x or frequency, t_x or recency, T, zbar or
                        monetary_value; without a spend column only the BG/NBD is fitted)
  --map ROLE=COLUMN     with --summary: ROLE one of customer_id, frequency, recency, T, monetary
                        (comma-separated pairs or repeated); else the order roles above
  --period day|week     time unit: purchases grouped by day, ages in days or weeks (default day;
                        with --summary, the unit the file is in)
  --calibration-end YYYY-MM-DD
                        fit on orders up to that day and compare the predicted purchases after it
                        with the actual ones, by number of repeat purchases
  --observation-end YYYY-MM-DD
                        the end of the data (default: the last order)
  --check-months N      also fit on all orders but the last N calendar months and compare its
                        predicted purchases in them with the actual ones (not with
                        --calibration-end or --summary)
  --horizon N           periods ahead for expected purchases (default 365 days or 52 weeks)
  --months N            CLV horizon in months (default 12)
  --discount R          CLV discount rate per month (default 0.01)
  --penalizer X         L2 penalty of the BG/NBD fit, as lifetimes' penalizer_coef (default 0)
  --json                print JSON: {"bgnbd": {r, alpha, a, b, logLikelihood, convergence},
                        "gammaGamma": {p, q, v, ...}, independence, customers, holdout, check,
                        warnings}
  --out FILE.csv        also write one row per customer: frequency, recency, T, monetary_value,
                        probability_alive, expected_purchases, expected_average_value, clv
                        (and frequency_holdout, expected_holdout_purchases with a holdout)

Exit status: 0 done, 1 the file (or the rules, orders, customer, feedback or dimensions file) could not be
loaded, 2 wrong usage or invalid RFM options/segment rules/ladder rules/gap weights or split.`;

/** Stop a command with this exit status; the message was printed already. */
class CliExit extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
  }
}

function pick<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || !allowed.includes(value as T)) {
    throw new UsageError(`${name} takes one of ${allowed.join(', ')}${value === undefined ? '' : `, not "${value}"`}.`);
  }
  return value as T;
}

/** Handles one ingest option (--map, --date-order, --decimal, --returns); false when `a` is not one. */
function ingestOption(a: string, value: () => string, mapping: ColumnMapping, options: IngestOptions): boolean {
  if (a === '--map') {
    const spec = value();
    const eq = spec.indexOf('=');
    const role = spec.slice(0, eq) as OrderRole;
    if (eq < 1 || !ORDER_ROLES.includes(role)) throw new UsageError(`--map takes ROLE=COLUMN with ROLE one of ${ORDER_ROLES.join(', ')}, not "${spec}".`);
    mapping[role] = spec.slice(eq + 1);
  } else if (a === '--date-order') options.dateOrder = pick(a, value(), DATE_ORDERS);
  else if (a === '--decimal') options.decimal = pick(a, value(), DECIMAL_STYLES);
  else if (a === '--returns') options.returnPolicy = pick(a, value(), RETURN_POLICIES);
  else return false;
  return true;
}

/**
 * The argument loop both commands share: help, the ingest options, one FILE, and a clear
 * error for anything else. `own` takes the command's own flags (returns true when it did).
 */
function walkArgs(
  command: string,
  rest: readonly string[],
  own: (flag: string, value: () => string) => boolean,
): { file: string; options: IngestOptions } | 'help' {
  let file: string | undefined;
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
    if (own(a, value) || ingestOption(a, value, mapping, options)) continue;
    if (a.startsWith('-')) throw new UsageError(`Unknown option "${a}".`);
    if (file !== undefined) throw new UsageError(`Only one FILE, got "${file}" and "${a}".`);
    file = a;
  }
  if (file === undefined) throw new UsageError(`${command} needs a FILE.`);
  if (Object.keys(mapping).length) options.mapping = mapping;
  return { file, options };
}

export function parseArgs(args: readonly string[]): { file: string; options: IngestOptions; json: boolean } | 'help' {
  const [command, ...rest] = args;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') return 'help';
  if (command !== 'inspect') throw new UsageError(`Unknown command "${command}".`);
  let json = false;
  const walked = walkArgs('inspect', rest, (a) => (a === '--json' ? (json = true) : false));
  return walked === 'help' ? 'help' : { ...walked, json };
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

export interface RfmArgs {
  command: 'rfm';
  file: string;
  options: IngestOptions;
  rfm: RfmOptions;
  /** --preset NAME */
  preset?: string;
  /** --inactive-after DAYS */
  windowDays?: number;
  /** --customers FILE: the customer list (potential customers) */
  customersFile?: string;
  /** --rules FILE.json */
  rulesFile?: string;
  out?: string;
  thresholds: boolean;
  summary: boolean;
  json: boolean;
}

const BREAK_METRICS: Record<string, keyof RfmBreaks> = {
  r: 'recency',
  recency: 'recency',
  f: 'frequency',
  frequency: 'frequency',
  m: 'monetary',
  monetary: 'monetary',
};

/** `r:a,b,c/f:a,b,c/m:a,b,c` -> breaks; completeness and order are checked by resolveRfmOptions. */
export function parseBreaks(spec: string): RfmBreaks {
  const breaks: Partial<RfmBreaks> = {};
  const bad = (why: string) => new UsageError(`--breaks takes r:a,b,c/f:a,b,c/m:a,b,c (${why}), not "${spec}".`);
  for (const part of spec.split('/')) {
    const colon = part.indexOf(':');
    const metric = BREAK_METRICS[part.slice(0, colon).trim().toLowerCase()];
    if (colon < 1 || metric === undefined) throw bad(`"${part}" does not start with r:, f: or m:`);
    if (breaks[metric] !== undefined) throw bad(`${metric} is given twice`);
    breaks[metric] = part
      .slice(colon + 1)
      .split(',')
      .map((x) => {
        const t = x.trim();
        const n = Number(t);
        if (t === '' || !Number.isFinite(n)) throw bad(`"${x}" is not a number`);
        return n;
      });
  }
  return breaks as RfmBreaks;
}

export function parseRfmArgs(args: readonly string[]): RfmArgs | 'help' {
  const rest = args[0] === 'rfm' ? args.slice(1) : args;
  const rfm: RfmOptions = {};
  const parsed: Omit<RfmArgs, 'command' | 'file' | 'options' | 'rfm'> = { thresholds: false, summary: false, json: false };
  const walked = walkArgs('rfm', rest, (a, value) => {
    if (a === '--json') parsed.json = true;
    else if (a === '--thresholds') parsed.thresholds = true;
    else if (a === '--summary') parsed.summary = true;
    else if (a === '--as-of') rfm.analysisDate = value();
    else if (a === '--method') rfm.method = pick<RfmMethod>(a, value(), RFM_METHODS);
    else if (a === '--bins') {
      const v = value();
      if (!/^\d+$/.test(v.trim())) throw new UsageError(`--bins takes a whole number (2 or more), not "${v}".`);
      rfm.bins = Number(v);
    } else if (a === '--breaks') rfm.breaks = parseBreaks(value());
    else if (a === '--inactive-after') {
      const v = value();
      if (!/^\d+$/.test(v.trim()) || Number(v) < 1) throw new UsageError(`--inactive-after takes a whole number of days (1 or more), not "${v}".`);
      parsed.windowDays = Number(v);
    } else if (a === '--customers') parsed.customersFile = value();
    else if (a === '--preset') parsed.preset = value();
    else if (a === '--rules') parsed.rulesFile = value();
    else if (a === '--out') parsed.out = value();
    else return false;
    return true;
  });
  if (walked === 'help') return 'help';
  if (parsed.preset !== undefined && parsed.rulesFile !== undefined) throw new UsageError('Give --rules or --preset, not both.');
  // --breaks only makes sense with fixed cut points: imply the method rather than refuse.
  if (rfm.breaks !== undefined && rfm.method === undefined) rfm.method = 'fixed';
  return { command: 'rfm', ...walked, rfm, ...parsed };
}


export const RFM_CSV_COLUMNS = [
  'customer_id',
  'recency_days',
  'frequency',
  'monetary',
  'r_score',
  'f_score',
  'm_score',
  'segment',
  'type',
] as const satisfies readonly (keyof RfmCustomer)[];

export const SUMMARY_CSV_COLUMNS = [
  'segment',
  'customers',
  'orders',
  'revenue',
  'share_of_customers',
  'share_of_revenue',
  'average_recency_days',
  'average_frequency',
  'average_monetary',
] as const satisfies readonly (keyof SegmentSummaryRow)[];

export function thresholdsJson(r: Scoring) {
  return {
    analysisDate: r.analysisDate,
    method: r.method,
    bins: r.bins,
    cutPoints: r.cutPoints,
    windowDays: r.windowDays,
    windowDerived: r.windowDerived,
    typeCounts: r.typeCounts,
  };
}

/** Floating-point noise off (297.40000000000003 -> 297.4) for reading. */
const tidy = (x: number) => String(Number(x.toPrecision(12)));

export function thresholdsText(r: Scoring): string {
  const list = (xs: number[]) => (xs.length ? xs.map(tidy).join(', ') : '-');
  return [
    `analysis date  ${r.analysisDate ?? '-'}`,
    `method         ${r.method}, ${r.bins} bins`,
    `recency        ${list(r.cutPoints.recency)}  (days)`,
    `frequency      ${list(r.cutPoints.frequency)}`,
    `monetary       ${list(r.cutPoints.monetary)}`,
    `inactive after ${r.windowDays} days without a purchase (${r.windowDerived ? 'derived from the data' : 'given'})`,
    `customers      ${r.typeCounts.active} active, ${r.typeCounts.inactive} inactive, ${r.typeCounts.potential} potential`,
  ].join('\n');
}

/**
 * Load FILE into a fresh engine as the page would, run `work` on it, close the engine.
 * Returns work's output, or the exit status: 1 when the file cannot be read or loaded,
 * 2 when `work` found the options or rules invalid.
 */
async function withLoadedFile(
  parsed: { file: string; options: IngestOptions },
  io: CliIo,
  work: (dataset: Dataset, report: LoadReport) => Promise<string>,
): Promise<string | number> {
  const bytes = await readInput(parsed.file, '', io);
  if (!bytes) return 1;
  const dataset = new Dataset(await createNodeEngine());
  try {
    const result = await dataset.load({ name: basename(parsed.file), bytes }, parsed.options);
    if (result.status !== 'loaded') throw new Error('unexpected: detection asked a question');
    return await work(dataset, result.report);
  } catch (e) {
    if (e instanceof CliExit) return e.status;
    if (e instanceof RfmOptionsError || e instanceof SegmentRulesError || e instanceof LadderRulesError) {
      io.err(`rapport: ${e.message}\n(see rapport --help)`);
      return 2;
    }
    // IngestError messages name the file, column and line already.
    io.err(`rapport: ${(e as Error).message}`);
    return 1;
  } finally {
    await dataset.close();
  }
}

async function runRfm(parsed: RfmArgs, io: CliIo): Promise<number> {
  // Validate options and rules before starting the engine: they are usage errors (exit 2).
  let request: RfmRequest;
  try {
    const { bins } = resolveRfmOptions(parsed.rfm);
    let segments: RfmRequest['segments'];
    if (parsed.rulesFile !== undefined) {
      const bytes = await readInput(parsed.rulesFile, 'rules file ', io);
      if (!bytes) return 1;
      const text = new TextDecoder().decode(bytes);
      try {
        segments = parseSegmentRules(text, bins);
      } catch (e) {
        if (e instanceof SegmentRulesError) throw new SegmentRulesError([`in ${parsed.rulesFile}: ${e.message}`]);
        throw e;
      }
    } else if (parsed.preset !== undefined) {
      segments = resolveSegmentRules(parsed.preset, bins);
    }
    request = {
      ...parsed.rfm,
      ...(segments === undefined ? {} : { segments }),
      ...(parsed.windowDays === undefined ? {} : { windowDays: parsed.windowDays }),
    };
  } catch (e) {
    if (e instanceof RfmOptionsError || e instanceof SegmentRulesError) {
      io.err(`rapport: ${e.message}\n(see rapport --help)`);
      return 2;
    }
    throw e;
  }
  const output = await withLoadedFile(parsed, io, async (dataset, report) => {
    for (const w of report.warnings) io.err(`rapport: warning: ${w}`);
    if (parsed.customersFile !== undefined) {
      const bytes = await readInput(parsed.customersFile, 'customer list ', io);
      if (!bytes) throw new CliExit(1);
      const list = await dataset.loadCustomers({ name: basename(parsed.customersFile), bytes });
      for (const w of list.warnings) io.err(`rapport: warning: ${w}`);
      if (list.rowsRejected) {
        const first = list.rejectSamples[0];
        io.err(`rapport: ${list.file}: ${list.rowsRejected} rows rejected${first ? ` (first: line ${first.line}, ${first.reason.replace(/_/g, ' ')})` : ''}`);
      }
    }
    const rfm = parsed.thresholds || !parsed.summary ? await dataset.rfm(request) : null;
    const summary = parsed.summary ? await dataset.segmentSummary(request) : null;
    if (!parsed.thresholds && !parsed.summary) {
      // Prospects from the customer list: no purchase yet, so no metrics or scores.
      const potential =
        parsed.customersFile === undefined
          ? []
          : (await dataset.customers({ filter: { type: 'potential' }, sort: 'customer_id', direction: 'asc' })).map((c) => ({
              customer_id: c.customer_id,
              type: 'potential' as const,
            }));
      const customers: (Omit<Partial<RfmCustomer>, 'type'> & { type?: string })[] = [...rfm!.customers, ...potential];
      return parsed.json
        ? JSON.stringify(customers.map((c) => Object.fromEntries(RFM_CSV_COLUMNS.map((k) => [k, c[k] ?? null]))), null, 2)
        : toCsv(RFM_CSV_COLUMNS, customers);
    }
    if (parsed.json) {
      const value =
        parsed.thresholds && parsed.summary
          ? { thresholds: thresholdsJson(rfm!), summary }
          : parsed.thresholds
            ? thresholdsJson(rfm!)
            : summary;
      return JSON.stringify(value, null, 2);
    }
    const parts: string[] = [];
    if (parsed.thresholds) parts.push(thresholdsText(rfm!));
    if (summary) parts.push(toCsv(SUMMARY_CSV_COLUMNS, summary));
    return parts.join('\n\n');
  });
  if (typeof output === 'number') return output;
  return emitOutput(io, output, parsed.out);
}

export interface LadderArgs {
  command: 'ladder';
  file: string;
  options: IngestOptions;
  /** --as-of DATE */
  asOf?: string;
  /** --feedback FILE */
  feedbackFile?: string;
  /** --customers FILE: the customer list (prospects) */
  customersFile?: string;
  /** --rules FILE.json */
  rulesFile?: string;
  /** --out FILE.csv: the members, one row per contact */
  out?: string;
  /** --since DATE: compare with the ladder at that earlier date */
  since?: string;
  json: boolean;
}

export function parseLadderArgs(args: readonly string[]): LadderArgs | 'help' {
  const rest = args[0] === 'ladder' ? args.slice(1) : args;
  const parsed: Omit<LadderArgs, 'command' | 'file' | 'options'> = { json: false };
  const walked = walkArgs('ladder', rest, (a, value) => {
    if (a === '--json') parsed.json = true;
    else if (a === '--as-of') parsed.asOf = value();
    else if (a === '--feedback') parsed.feedbackFile = value();
    else if (a === '--customers') parsed.customersFile = value();
    else if (a === '--rules') parsed.rulesFile = value();
    else if (a === '--out') parsed.out = value();
    else if (a === '--since') parsed.since = value();
    else return false;
    return true;
  });
  if (walked === 'help') return 'help';
  return { command: 'ladder', ...walked, ...parsed };
}

async function runLadder(parsed: LadderArgs, io: CliIo): Promise<number> {
  // Validate the date and the rules before starting the engine: they are usage errors (exit 2).
  for (const [value, what] of [[parsed.asOf, '--as-of'], [parsed.since, '--since']] as const) {
    if (value === undefined) continue;
    try {
      validateIsoDate(value, what);
    } catch (e) {
      io.err(`rapport: ${(e as Error).message}\n(see rapport --help)`);
      return 2;
    }
  }
  let rules: string | undefined;
  if (parsed.rulesFile !== undefined) {
    const bytes = await readInput(parsed.rulesFile, 'rules file ', io);
    if (!bytes) return 1;
    rules = new TextDecoder().decode(bytes);
    try {
      resolveLadderRules(rules);
    } catch (e) {
      if (!(e instanceof LadderRulesError)) throw e;
      io.err(`rapport: invalid ladder rules in ${parsed.rulesFile}:\n${e.problems.map((p) => `  - ${p}`).join('\n')}\n(see rapport --help)`);
      return 2;
    }
  }
  const request = { ...(parsed.asOf === undefined ? {} : { asOf: parsed.asOf }), ...(rules === undefined ? {} : { rules }) };
  const output = await withLoadedFile(parsed, io, async (dataset, report) => {
    for (const w of report.warnings) io.err(`rapport: warning: ${w}`);
    const inputs: LadderInput[] = [{ what: 'orders', file: report.file, rowsLoaded: report.rowsLoaded, rowsRejected: report.rowsRejected }];
    io.err(`rapport: ${inputText(report)}`);
    const side = [
      { what: 'customer list' as const, path: parsed.customersFile },
      { what: 'feedback' as const, path: parsed.feedbackFile },
    ];
    for (const { what, path } of side) {
      if (path === undefined) continue;
      const loaded = await loadSideInput(dataset, io, what, path);
      if (!loaded) throw new CliExit(1);
      inputs.push({ what, file: loaded.file, rowsLoaded: loaded.rowsLoaded, rowsRejected: loaded.rowsRejected });
    }
    const ladder = await dataset.ladder(request);
    let comparison: LadderComparison | null = null;
    if (parsed.since !== undefined) {
      try {
        comparison = await dataset.ladderComparison({ from: parsed.since, ...(parsed.asOf ? { to: parsed.asOf } : {}), ...(rules === undefined ? {} : { rules }) });
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        io.err(`rapport: --since: ${e.message}\n(see rapport --help)`);
        throw new CliExit(2);
      }
    }
    if (parsed.out !== undefined) {
      const members = await dataset.ladderMembers(null, request);
      try {
        await writeFile(parsed.out, `${toCsv(LADDER_MEMBER_COLUMNS, members)}\n`, 'utf8');
      } catch (e) {
        io.err(`rapport: cannot write ${parsed.out}: ${(e as Error).message}`);
        throw new CliExit(1);
      }
      io.err(`rapport: wrote ${count(members.length)} rows to ${parsed.out}`);
    }
    if (parsed.json) return JSON.stringify(comparison ? { ...ladderJson(ladder), since: comparisonJson(comparison) } : ladderJson(ladder), null, 2);
    return `${ladderText(ladder, inputs)}${comparison ? `\n\n${comparisonText(comparison)}` : ''}`;
  });
  if (typeof output === 'number') return output;
  io.out(output);
  return 0;
}

const count = (x: number) => x.toLocaleString('en-US');

/** `rapport delivery ORDERS [--map ...] [--json]`: the operational gap; exit 1 when the orders have no promised and delivered dates. */
async function runDelivery(rest: readonly string[], io: CliIo): Promise<number> {
  let json = false;
  const answered = parseOrExit(() => walkArgs('delivery', rest, (a) => (a === '--json' ? (json = true) : false)), io, USAGE);
  if ('exit' in answered) return answered.exit;
  const walked = answered.args;
  const output = await withLoadedFile(walked, io, async (dataset, report) => {
    for (const w of report.warnings) io.err(`rapport: warning: ${w}`);
    io.err(`rapport: ${inputText(report)}`);
    const gap = await dataset.deliveryGap();
    if (!gap) {
      const mapped = [report.mapping.promised_date, report.mapping.delivered_date];
      io.err(`rapport: ${report.file}: no order has both a promised and a delivered date (${mapped.every((m) => m === undefined) ? 'no column was taken as either; map them with --map promised_date=COLUMN --map delivered_date=COLUMN' : `promised_date=${mapped[0] ?? '-'}, delivered_date=${mapped[1] ?? '-'}`}).`);
      throw new CliExit(1);
    }
    return json ? JSON.stringify(deliveryJson(gap), null, 2) : deliveryText(gap);
  });
  if (typeof output === 'number') return output;
  io.out(output);
  return 0;
}

export async function main(args: readonly string[], io: CliIo = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }): Promise<number> {
  if (args[0] === 'delivery') return runDelivery(args.slice(1), io);
  if (args[0] === 'gap') return runGap(args.slice(1), io, USAGE);
  if (args[0] === 'clv') return runClv(args.slice(1), io, USAGE);
  const answered = parseOrExit<Exclude<ReturnType<typeof parseArgs>, 'help'> | RfmArgs | LadderArgs>(
    () => (args[0] === 'rfm' ? parseRfmArgs(args) : args[0] === 'ladder' ? parseLadderArgs(args) : parseArgs(args)),
    io,
    USAGE,
  );
  if ('exit' in answered) return answered.exit;
  const parsed = answered.args;
  if ('command' in parsed && parsed.command === 'rfm') return runRfm(parsed as RfmArgs, io);
  if ('command' in parsed && parsed.command === 'ladder') return runLadder(parsed as LadderArgs, io);
  const json = parsed.json;
  const output = await withLoadedFile(parsed, io, async (_dataset, report) =>
    json ? JSON.stringify(reportJson(report), null, 2) : reportText(report),
  );
  if (typeof output === 'number') return output;
  io.out(output);
  return 0;
}
