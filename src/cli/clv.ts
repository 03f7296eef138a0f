/**
 * `rapport clv`: the BG/NBD purchase model and the Gamma-Gamma spend model, fitted on an order
 * export (summarised in SQL, optionally split into calibration and holdout) or on a
 * per-customer summary CSV (--summary), optionally checked on its last months held out
 * (--check-months), printed as a readable summary or JSON, with each
 * customer's predictions written to --out. Arguments, reading and output here; main.ts only
 * dispatches to runClv.
 */
import { stat, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { ClvOptionsError, CLV_PERIODS } from '../analytics/clv/holdout.js';
import type { FitConvergence } from '../analytics/clv/optimize.js';
import { ClvInputError } from '../analytics/clv/summary-input.js';
import type { ClvPeriod, ClvSummaryRow } from '../analytics/clv/summary.js';
import { toCsv } from '../analytics/csv.js';
import { fitClvModel, fitConverged, readClvModelInput, resolveClvModelOptions, type ClvCheck, type ClvModel, type ClvModelInput, type ClvModelOptions, type ClvPrediction } from '../data/clv-model.js';
import { Dataset } from '../data/dataset.js';
import { createNodeEngine } from '../data/engine/node-engine.js';
import { rowsOf } from '../data/arrow-rows.js';
import { lastPurchaseDateSql } from '../data/sql/clv-sql.js';
import { DATE_ORDERS, DECIMAL_STYLES, ORDER_ROLES, RETURN_POLICIES, type ColumnMapping, type IngestOptions, type OrderRole } from '../data/ingest/types.js';
import { UsageError, emitOutput, loadOrdersInput, parseOrExit, readInput, type CliIo } from './io.js';

/** The columns of a per-customer summary (--summary), as `--map ROLE=COLUMN` names them. */
export const SUMMARY_ROLES = ['customer_id', 'frequency', 'recency', 'T', 'monetary'] as const;
export type SummaryRole = (typeof SUMMARY_ROLES)[number];

/**
 * Header names recognised per role, compared lower-case without spaces, dashes or underscores
 * (`t_x` = `tx`): the lifetimes / Fader-Hardie names and the plain ones. T is told from t_x by
 * that exact match.
 */
const SUMMARY_HEADERS: Readonly<Record<SummaryRole, readonly string[]>> = {
  customer_id: ['id', 'customerid', 'customer', 'custid', 'clientid'],
  frequency: ['x', 'frequency', 'freq', 'frequencycal', 'repeatpurchases'],
  recency: ['tx', 'recency', 'recencycal'],
  T: ['t', 'tcal', 'age'],
  monetary: ['zbar', 'monetaryvalue', 'monetary', 'monetaryvaluecal', 'mbar', 'averagespend', 'avgspend'],
};

const normalHeader = (name: string) => name.trim().toLowerCase().replace(/[\s_\-.]/g, '');

export interface ClvArgs {
  command: 'clv';
  file: string;
  /** --summary: FILE is a per-customer summary, not orders. */
  summary: boolean;
  /** --map for a summary: role -> column. */
  summaryMapping: Partial<Record<SummaryRole, string>>;
  /** Ingest options for orders (--map ROLE=COLUMN, --date-order, --decimal, --returns). */
  options: IngestOptions;
  model: ClvModelOptions;
  /** --out FILE.csv: the per-customer predictions. */
  out?: string;
  json: boolean;
}

/** Wrong usage of `rapport clv`: exit 2 with the message. */
export class ClvUsageError extends UsageError {}

function numberOption(flag: string, v: string, test: (n: number) => boolean, what: string): number {
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isFinite(n) || !test(n)) throw new ClvUsageError(`${flag} takes ${what}, not "${v}".`);
  return n;
}

/** `frequency=x,recency=t_x` (or one pair per --map) into the summary mapping; names the bad part. */
export function parseSummaryMap(spec: string, into: Partial<Record<SummaryRole, string>>): void {
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    const roleText = part.slice(0, eq).trim();
    const role = SUMMARY_ROLES.find((r) => r === roleText || (roleText.toLowerCase() === r.toLowerCase() && r !== 'T') || (r === 'customer_id' && roleText === 'id'));
    const column = part.slice(eq + 1).trim();
    if (eq < 1 || column === '') throw new ClvUsageError(`--map takes ROLE=COLUMN[,ROLE=COLUMN...], not "${part}" (in "${spec}").`);
    if (!role) throw new ClvUsageError(`--map: unknown role "${roleText}" for a summary; roles: ${SUMMARY_ROLES.join(', ')}.`);
    into[role] = column;
  }
}

export function parseClvArgs(args: readonly string[]): ClvArgs | 'help' {
  const rest = args[0] === 'clv' ? args.slice(1) : args;
  const model: ClvModelOptions = {};
  const options: IngestOptions = {};
  const maps: string[] = [];
  let file: string | undefined;
  let summary = false;
  let json = false;
  let out: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new ClvUsageError(`${a} needs a value.`);
      return v;
    };
    const pick = <T extends string>(allowed: readonly T[]): T => {
      const v = value();
      if (!allowed.includes(v as T)) throw new ClvUsageError(`${a} takes one of ${allowed.join(', ')}, not "${v}".`);
      return v as T;
    };
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--json') json = true;
    else if (a === '--summary') summary = true;
    else if (a === '--map') maps.push(value());
    else if (a === '--period') model.period = pick<ClvPeriod>(CLV_PERIODS);
    else if (a === '--calibration-end') model.calibrationEnd = value();
    else if (a === '--observation-end') model.observationEnd = value();
    else if (a === '--horizon') model.horizon = numberOption(a, value(), (n) => n >= 0, 'a number of periods (0 or more)');
    else if (a === '--months') model.months = numberOption(a, value(), (n) => Number.isInteger(n) && n >= 0, 'a whole number of months (0 or more)');
    else if (a === '--discount') model.discountRate = numberOption(a, value(), (n) => n > -1 && n < 1, 'a monthly rate such as 0.01 (between -1 and 1)');
    else if (a === '--penalizer') model.penalizer = numberOption(a, value(), (n) => n >= 0, 'a number (0 or more)');
    else if (a === '--check-months') model.checkMonths = numberOption(a, value(), (n) => Number.isInteger(n) && n >= 1, 'a whole number of months (1 or more)');
    else if (a === '--date-order') options.dateOrder = pick(DATE_ORDERS);
    else if (a === '--decimal') options.decimal = pick(DECIMAL_STYLES);
    else if (a === '--returns') options.returnPolicy = pick(RETURN_POLICIES);
    else if (a === '--out') out = value();
    else if (a.startsWith('-')) throw new ClvUsageError(`Unknown option "${a}".`);
    else if (file !== undefined) throw new ClvUsageError(`Only one FILE, got "${file}" and "${a}".`);
    else file = a;
  }
  if (file === undefined) throw new ClvUsageError('clv needs a FILE (an order export, or a per-customer summary with --summary).');
  if (model.checkMonths !== undefined && summary) {
    throw new ClvUsageError('--check-months needs an order export, not a --summary: the months held out are cut from the orders.');
  }
  if (model.checkMonths !== undefined && model.calibrationEnd !== undefined) {
    throw new ClvUsageError('--check-months and --calibration-end are two ways to check the model: give one (with --calibration-end the model itself is fitted up to that day).');
  }
  const summaryMapping: Partial<Record<SummaryRole, string>> = {};
  if (summary) {
    if (model.calibrationEnd !== undefined || model.observationEnd !== undefined) {
      throw new ClvUsageError('--calibration-end and --observation-end need an order export, not a --summary.');
    }
    for (const spec of maps) parseSummaryMap(spec, summaryMapping);
  } else if (maps.length) {
    const mapping: ColumnMapping = {};
    for (const spec of maps) {
      for (const part of spec.split(',')) {
        const eq = part.indexOf('=');
        const role = part.slice(0, eq).trim() as OrderRole;
        if (eq < 1 || !ORDER_ROLES.includes(role)) throw new ClvUsageError(`--map takes ROLE=COLUMN with ROLE one of ${ORDER_ROLES.join(', ')} for an order export, not "${part}".`);
        mapping[role] = part.slice(eq + 1).trim();
      }
    }
    options.mapping = mapping;
  }
  return { command: 'clv', file, summary, summaryMapping, options, model, ...(out === undefined ? {} : { out }), json };
}

/** A file the CLV command cannot read: the message names the file, and the column and line where there is one. */
export class SummaryFileError extends Error {}

/** Splits CSV text into rows of fields (RFC 4180 quotes), each with its 1-based line number. */
function csvRows(text: string, delimiter: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      endRow();
      rowLine = line;
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || fields.length) endRow();
  return rows;
}

/** Which column plays each role: the --map, else a recognised header name. */
function summaryColumns(file: string, header: readonly string[], mapping: Partial<Record<SummaryRole, string>>): Partial<Record<SummaryRole, number>> {
  const found: Partial<Record<SummaryRole, number>> = {};
  const columns = header.map((h) => `"${h}"`).join(', ');
  for (const role of SUMMARY_ROLES) {
    const mapped = mapping[role];
    if (mapped !== undefined) {
      // As written, else ignoring case (a header "T" and a header "t" would be told apart).
      const exact = header.findIndex((h) => h.trim() === mapped);
      const at = exact >= 0 ? exact : header.findIndex((h) => h.trim().toLowerCase() === mapped.toLowerCase());
      if (at < 0) throw new SummaryFileError(`${file}: no column "${mapped}" (given by --map ${role}=${mapped}); the columns are ${columns}.`);
      found[role] = at;
      continue;
    }
    const names = SUMMARY_HEADERS[role];
    const at = header.findIndex((h) => names.includes(normalHeader(h)));
    if (at >= 0) found[role] = at;
  }
  for (const role of ['frequency', 'recency', 'T'] as const) {
    if (found[role] === undefined) {
      throw new SummaryFileError(
        `${file}: no ${role} column (looked for ${SUMMARY_HEADERS[role].join(', ')}); the columns are ${columns}. Name it with --map ${role}=COLUMN.`,
      );
    }
  }
  const used = new Map<number, SummaryRole>();
  for (const [role, at] of Object.entries(found) as [SummaryRole, number][]) {
    const other = used.get(at);
    if (other) throw new SummaryFileError(`${file}: column "${header[at]}" is taken as both ${other} and ${role}; map them with --map.`);
    used.set(at, role);
  }
  return found;
}

/**
 * Reads a per-customer summary CSV (frequency, recency, T, optional monetary value and
 * customer id; the lifetimes conventions) into summary rows, checking each value where it is,
 * so a bad one is named by file, column and line. Without a customer id column, the line
 * number stands for the customer.
 */
export function readSummaryCsv(file: string, text: string, mapping: Partial<Record<SummaryRole, string>> = {}): { rows: ClvSummaryRow[]; spend: boolean; lines: Map<string, number>; columns: Partial<Record<SummaryRole, string>> } {
  const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
  const delimiter = [',', '\t', ';'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  const [head, ...body] = csvRows(text.replace(/^\uFEFF/, ''), delimiter);
  if (!head) throw new SummaryFileError(`${file}: the file is empty.`);
  const header = head.fields;
  const at = summaryColumns(file, header, mapping);
  const columns = Object.fromEntries(Object.entries(at).map(([role, i]) => [role, header[i]!.trim()])) as Partial<Record<SummaryRole, string>>;
  const spend = at.monetary !== undefined;
  const rows: ClvSummaryRow[] = [];
  const lines = new Map<string, number>();
  if (!body.length) throw new SummaryFileError(`${file}: no customer rows below the header.`);
  for (const { line, fields } of body) {
    const where = (role: SummaryRole) => `${file}: column "${columns[role]}" (${role}), line ${line}`;
    const numberOf = (role: SummaryRole): number => {
      const raw = (fields[at[role]!] ?? '').trim();
      const n = Number(raw);
      if (raw === '' || !Number.isFinite(n)) throw new SummaryFileError(`${where(role)}: "${raw}" is not a number.`);
      if (n < 0) throw new SummaryFileError(`${where(role)}: ${raw} is negative.`);
      return n;
    };
    const frequency = numberOf('frequency');
    if (!Number.isInteger(frequency)) throw new SummaryFileError(`${where('frequency')}: ${frequency} is not a whole number of repeat purchases.`);
    const recency = numberOf('recency');
    const T = numberOf('T');
    if (recency > T) throw new SummaryFileError(`${where('recency')}: ${recency} is later than the customer's age T = ${T} (column "${columns.T}").`);
    if (frequency === 0 && recency !== 0) throw new SummaryFileError(`${where('recency')}: ${recency}, but a customer without repeat purchases (frequency 0) has recency 0.`);
    // Negative spend is refused above; a repeat buyer who spent 0 is left out of the spend
    // model's fit by the model itself, which says so (clv.zero-spend-excluded).
    const monetaryValue = spend ? numberOf('monetary') : 0;
    const id = at.customer_id === undefined ? String(line) : (fields[at.customer_id] ?? '').trim();
    if (lines.has(id)) throw new SummaryFileError(`${file}: column "${columns.customer_id}" (customer_id), line ${line}: customer "${id}" is there already (line ${lines.get(id)}).`);
    lines.set(id, line);
    rows.push({ customerId: id, frequency, recency, T, monetaryValue });
  }
  return { rows, spend, lines, columns };
}

// ---- output ---------------------------------------------------------------------------

export const CLV_CSV_COLUMNS = [
  'customer_id',
  'frequency',
  'recency',
  'T',
  'monetary_value',
  'probability_alive',
  'expected_purchases',
  'expected_average_value',
  'clv',
] as const;
const HOLDOUT_CSV_COLUMNS = ['frequency_holdout', 'expected_holdout_purchases'] as const;

function predictionRecord(p: ClvPrediction) {
  return {
    customer_id: p.customerId,
    frequency: p.frequency,
    recency: p.recency,
    T: p.T,
    monetary_value: p.monetaryValue,
    probability_alive: p.probabilityAlive,
    expected_purchases: p.expectedPurchases,
    expected_average_value: p.expectedAverageValue,
    clv: p.clv,
    frequency_holdout: p.frequencyHoldout ?? null,
    expected_holdout_purchases: p.expectedHoldoutPurchases ?? null,
  };
}

/** The per-customer predictions as CSV (formula-safe text; holdout columns with a split). */
export function predictionsCsv(model: ClvModel): string {
  const columns = model.holdout ? [...CLV_CSV_COLUMNS, ...HOLDOUT_CSV_COLUMNS] : [...CLV_CSV_COLUMNS];
  return toCsv(columns, model.predictions.map(predictionRecord));
}

/** The BG/NBD as --json prints it: flat parameters first. */
function bgNbdJson(bgNbd: ClvModel['bgNbd']) {
  return (
    bgNbd && {
      ...bgNbd.params,
      logLikelihood: bgNbd.logLikelihood,
      customers: bgNbd.customers,
      penalizer: bgNbd.penalizer,
      convergence: bgNbd.convergence,
    }
  );
}

/** The check on the last months as --json prints it: its split, its BG/NBD, and the held-out purchases predicted and made (summed over its customers). */
function checkJson(check: ClvCheck | null) {
  if (!check) return null;
  const { totals } = check.holdout;
  return {
    months: check.months,
    calibrationEnd: check.holdout.calibrationEnd,
    bgnbd: bgNbdJson(check.bgNbd),
    holdout: { predicted: totals.predicted, actual: totals.actual, customers: totals.customers },
  };
}

/** What --json prints: the fits (flat parameters first), convergence, the check, counts, the holdout comparison, the check on the last months. */
export function clvJson(model: ClvModel, source: { file: string; kind: 'orders' | 'summary' }) {
  const { bgNbd, gammaGamma, independence } = model;
  return {
    file: source.file,
    source: source.kind,
    period: model.period,
    summaryEnd: model.summaryEnd,
    calibrationEnd: model.calibrationEnd,
    observationEnd: model.observationEnd,
    customers: model.customers,
    repeatBuyers: model.repeatBuyers,
    bgnbd: bgNbdJson(bgNbd),
    gammaGamma: gammaGamma && {
      ...gammaGamma.params,
      logLikelihood: gammaGamma.logLikelihood,
      customers: gammaGamma.customers,
      penalizer: gammaGamma.penalizer,
      convergence: gammaGamma.convergence,
    },
    independence: independence && { ...independence, r: Number.isNaN(independence.r) ? null : independence.r, passes: Number.isNaN(independence.r) ? null : !independence.dependent },
    predictions: {
      horizon: model.horizon,
      months: model.months,
      discountRate: model.discountRate,
      ...predictionTotals(model),
    },
    holdout: model.holdout,
    check: checkJson(model.check),
    warnings: model.warnings,
    notices: model.notices,
    fitMs: Math.round(model.fitMs),
  };
}

function predictionTotals(model: ClvModel) {
  const n = model.predictions.length;
  const sum = (pick: (p: ClvPrediction) => number | null) => model.predictions.reduce((s, p) => s + (pick(p) ?? 0), 0);
  const hasValue = model.gammaGamma !== null && model.predictions.some((p) => p.clv !== null);
  return {
    expectedPurchases: sum((p) => p.expectedPurchases),
    meanProbabilityAlive: n ? sum((p) => p.probabilityAlive) / n : null,
    totalClv: hasValue ? sum((p) => p.clv) : null,
    meanClv: hasValue && n ? sum((p) => p.clv) / n : null,
  };
}

const count = (x: number) => x.toLocaleString('en-US');
const fixed = (x: number, digits: number) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const sig = (x: number) => Number(x.toPrecision(4)).toString();

/** As the notices and the interface say it (fitConverged): a fit at a parameter boundary never converged. */
function convergenceText(c: FitConvergence): string {
  const state = c.atBoundary ? 'NOT converged (at a parameter boundary)' : fitConverged(c) ? 'converged' : 'NOT converged';
  return `${state} (${c.method}, ${c.startsAgreeing} of ${c.starts} starts agree, gradient ${c.gradientNorm.toExponential(1)}, ${count(c.evaluations)} evaluations)`;
}

/** The readable summary printed by default. */
export function clvText(model: ClvModel, source: { file: string; kind: 'orders' | 'summary' }): string {
  const unit = model.period === 'week' ? 'weeks' : 'days';
  const lines = [`CLV model: ${source.file} (${source.kind === 'orders' ? 'order export' : 'per-customer summary'}), time in ${unit}`];
  if (model.calibrationEnd && model.holdout) {
    lines.push(`  calibration     up to ${model.calibrationEnd}; holdout to ${model.holdout.observationEnd} (${sig(model.holdout.durationHoldout)} ${unit})`);
  } else if (model.summaryEnd) lines.push(`  summary as of   ${model.summaryEnd}`);
  lines.push(`  customers       ${count(model.customers)} (${count(model.repeatBuyers)} with repeat purchases)`);
  const { bgNbd, gammaGamma, independence } = model;
  if (bgNbd) {
    const { r, alpha, a, b } = bgNbd.params;
    lines.push(
      '',
      'BG/NBD purchase model',
      `  r ${fixed(r, 4)}   alpha ${fixed(alpha, 4)}   a ${fixed(a, 4)}   b ${fixed(b, 4)}${bgNbd.penalizer ? `   (penalizer ${bgNbd.penalizer})` : ''}`,
      `  log-likelihood  ${fixed(bgNbd.logLikelihood, 2)}`,
      `  fit             ${convergenceText(bgNbd.convergence)}`,
    );
  }
  if (gammaGamma) {
    const { p, q, v } = gammaGamma.params;
    lines.push(
      '',
      `Gamma-Gamma spend model (${count(gammaGamma.customers)} repeat buyers)`,
      `  p ${fixed(p, 4)}   q ${fixed(q, 4)}   v ${fixed(v, 4)}`,
      `  log-likelihood  ${fixed(gammaGamma.logLikelihood, 2)}`,
      `  fit             ${convergenceText(gammaGamma.convergence)}`,
    );
  }
  if (independence) {
    const verdict = Number.isNaN(independence.r) ? 'cannot be checked' : independence.dependent ? `FAILS (|r| > ${independence.threshold})` : `passes (|r| ≤ ${independence.threshold})`;
    lines.push(`  independence    frequency vs mean spend r = ${Number.isNaN(independence.r) ? '-' : fixed(independence.r, 3)}: ${verdict}`);
  }
  if (bgNbd) {
    const t = predictionTotals(model);
    lines.push(
      '',
      `Predictions (next ${sig(model.horizon)} ${unit}; CLV over ${model.months} months at ${sig(model.discountRate * 100)}% a month)`,
      `  expected purchases  ${fixed(t.expectedPurchases, 1)} in all, ${fixed(t.expectedPurchases / Math.max(1, model.customers), 3)} per customer`,
      `  P(alive)            ${fixed(t.meanProbabilityAlive ?? 0, 3)} on average`,
    );
    if (t.totalClv !== null && t.meanClv !== null) lines.push(`  CLV                 ${fixed(t.totalClv, 2)} in all, ${fixed(t.meanClv, 2)} per customer`);
  }
  const h = model.holdout;
  if (h) {
    lines.push('', `Calibration vs holdout: purchases per customer in the ${sig(h.durationHoldout)} ${unit} after ${h.calibrationEnd}`, '  repeat purchases   customers   predicted     actual');
    for (const g of h.groups) {
      lines.push(`  ${`${g.frequency}${g.orMore ? '+' : ''}`.padEnd(16)}  ${count(g.customers).padStart(9)}   ${fixed(g.predicted, 3).padStart(9)}  ${fixed(g.actual, 3).padStart(9)}`);
    }
    const { totals } = h;
    lines.push(
      `  all (sum)         ${count(totals.customers).padStart(9)}   ${fixed(totals.predicted, 1).padStart(9)}  ${fixed(totals.actual, 0).padStart(9)}` +
        (totals.actual > 0 ? `   (predicted/actual ${fixed(totals.predicted / totals.actual, 3)})` : ''),
    );
  }
  const c = model.check;
  if (c) {
    const { predicted, actual, customers } = c.holdout.totals;
    lines.push(
      '',
      `Check on the last ${c.months} month${c.months === 1 ? '' : 's'} held out: predicted ${fixed(predicted, 1)} vs actual ${fixed(actual, 0)} purchase days` +
        (actual > 0 ? ` (${fixed((100 * predicted) / actual, 0)}%)` : ''),
      `  a model fitted on the orders up to ${c.holdout.calibrationEnd} (${count(customers)} customers), its predictions for the ${sig(c.holdout.durationHoldout)} ${unit} after it`,
    );
    if (c.bgNbd) {
      const { r, alpha, a, b } = c.bgNbd.params;
      lines.push(`  its BG/NBD r ${fixed(r, 4)}   alpha ${fixed(alpha, 4)}   a ${fixed(a, 4)}   b ${fixed(b, 4)}; fit ${fitConverged(c.bgNbd.convergence) ? 'converged' : 'NOT converged'}`);
    }
  }
  for (const w of model.warnings) lines.push(`warning: ${w}`);
  lines.push('', `Fitted in ${count(Math.round(model.fitMs))} ms.`);
  return lines.join('\n');
}

// ---- running --------------------------------------------------------------------------

/** Whether two paths name the same file (the same path, or one file under two names). */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false; // One of them does not exist (yet): not the same file.
  }
}

/** `rapport clv ...` (args with or without the command word). Exit 0 done, 1 the file could not be read, loaded or fitted, 2 wrong usage. */
export async function runClv(args: readonly string[], io: CliIo, usage: string): Promise<number> {
  const answered = parseOrExit(() => parseClvArgs(args), io, usage);
  if ('exit' in answered) return answered.exit;
  const parsed: ClvArgs = answered.args;
  const file = parsed.file;
  const source = { file: basename(file), kind: parsed.summary ? ('summary' as const) : ('orders' as const) };
  let input: ClvModelInput;
  let lines: Map<string, number> | null = null;
  try {
    // Options first: a bad date or number is a usage error, before any file is read.
    resolveClvModelOptions(parsed.model);
  } catch (e) {
    if (!(e instanceof ClvOptionsError)) throw e;
    io.err(`rapport: ${e.message}\n(see rapport --help)`);
    return 2;
  }
  if (parsed.out !== undefined && (await sameFile(parsed.out, file))) {
    io.err(`rapport: --out ${parsed.out} is the input file: refusing to overwrite it.\n(see rapport --help)`);
    return 2;
  }
  if (parsed.summary) {
    if (parsed.model.period === undefined) io.err('rapport: time unit assumed: days (pass --period week for weekly summaries)');
    const bytes = await readInput(file, 'summary file ', io);
    if (!bytes) return 1;
    try {
      const read = readSummaryCsv(basename(file), new TextDecoder().decode(bytes), parsed.summaryMapping);
      lines = read.lines;
      io.err(`rapport: ${basename(file)}: ${count(read.rows.length)} customers; columns ${Object.entries(read.columns).map(([role, c]) => `${role}=${c}`).join(', ')}`);
      input = { period: parsed.model.period ?? 'day', calibrationEnd: null, observationEnd: null, durationHoldout: null, rows: read.rows, spend: read.spend };
    } catch (e) {
      if (!(e instanceof SummaryFileError)) throw e;
      io.err(`rapport: ${e.message}`);
      return 1;
    }
  } else {
    const dataset = new Dataset(await createNodeEngine());
    try {
      const report = await loadOrdersInput(dataset, io, file, parsed.options);
      if (!report) return 1;
      input = await readClvModelInput(dataset.engine, parsed.model);
    } catch (e) {
      const { calibrationEnd, observationEnd } = parsed.model;
      if (e instanceof ClvOptionsError && calibrationEnd !== undefined && observationEnd === undefined) {
        // The options were checked above: this is the holdout order against the observation end
        // the data gave (its last purchase), an option the user never set. Say it of the data.
        const [row] = rowsOf<{ last_purchase: string | null }>(await dataset.engine.query(lastPurchaseDateSql()));
        io.err(`rapport: ${source.file}: the last purchase is ${row?.last_purchase ?? 'unknown'}, not after --calibration-end ${calibrationEnd}`);
        return 1;
      }
      if (e instanceof ClvOptionsError) {
        io.err(`rapport: ${e.message}\n(see rapport --help)`);
        return 2;
      }
      io.err(`rapport: ${(e as Error).message}`);
      return 1;
    } finally {
      await dataset.close();
    }
  }
  let model: ClvModel;
  try {
    model = await fitClvModel(input, parsed.model);
  } catch (e) {
    if (e instanceof ClvInputError) {
      const line = lines?.get(e.customerId);
      io.err(`rapport: ${source.file}${line ? `, line ${line}` : ''}: ${e.message}`);
      return 1;
    }
    if (e instanceof ClvOptionsError) {
      io.err(`rapport: ${e.message}\n(see rapport --help)`);
      return 2;
    }
    throw e;
  }
  for (const w of model.warnings) io.err(`rapport: warning: ${w}`);
  if (parsed.out !== undefined) {
    try {
      await writeFile(parsed.out, `${predictionsCsv(model)}\n`, 'utf8');
    } catch (e) {
      io.err(`rapport: cannot write ${parsed.out}: ${(e as Error).message}`);
      return 1;
    }
    io.err(`rapport: wrote ${count(model.predictions.length)} customers to ${parsed.out}`);
  }
  return emitOutput(io, parsed.json ? JSON.stringify(clvJson(model, source), null, 2) : clvText(model, source), undefined);
}
