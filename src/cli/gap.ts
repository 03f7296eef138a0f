/**
 * `rapport gap SURVEY`: the survey quality gap (SERVQUAL) per dimension and item, and the
 * weighted overall score, as a readable table or as JSON. Arguments, loading and output here;
 * main.ts only dispatches to runGap.
 */
import { basename } from 'node:path';
import { QualityWeightsError, parseWeightsSpec, type GapStat, type QualityGapResult, type QualityWeighting } from '../analytics/quality.js';
import { Dataset } from '../data/dataset.js';
import { createNodeEngine } from '../data/engine/node-engine.js';
import { readDimensionMap } from '../data/ingest/detect-survey.js';
import { IngestError } from '../data/ingest/ingest-error.js';
import {
  SURVEY_REJECT_REASON_TEXT,
  SURVEY_ROLES,
  SURVEY_SHAPES,
  type SurveyColumnMapping,
  type SurveyIngestOptions,
  type SurveyLoadReport,
  type SurveyRole,
  type SurveyShape,
} from '../data/ingest/types.js';
import { UsageError, emitOutput, loadOrdersInput, loadSideInput, parseOrExit, readInput, type CliIo } from './io.js';

export interface GapArgs {
  command: 'gap';
  file: string;
  /** --map, --shape, --pairs, --scale (and --dimensions, read at run time). */
  options: SurveyIngestOptions;
  /** --dimensions ITEMS.csv: item -> dimension. */
  dimensionsFile?: string;
  /** --weights dim=w,... */
  weights?: Record<string, number>;
  /** --by segment|rung|ATTRIBUTE */
  by?: string;
  /** --orders FILE: the orders the survey's customer ids link to (needed by --by segment|rung). */
  ordersFile?: string;
  /** --customers FILE: a customer list (listed customers count as linked; prospects for rung). */
  customersFile?: string;
  /** --feedback FILE: feedback for the ladder (supporters, advocates) of --by rung. */
  feedbackFile?: string;
  /** --out FILE */
  out?: string;
  json: boolean;
}

/** Wrong usage of `rapport gap`: exit 2 with the message. */
export class GapUsageError extends UsageError {}

/** `1-7`, `0..10`, `1 to 5` -> { min, max }. */
export function parseScale(spec: string): { min: number; max: number } {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(?:-|\.\.|to)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(spec);
  const min = m ? Number(m[1]) : NaN;
  const max = m ? Number(m[2]) : NaN;
  if (!m || !(min < max)) throw new GapUsageError(`--scale takes MIN-MAX with MIN < MAX (e.g. 1-7), not "${spec}".`);
  return { min, max };
}

export function parseGapArgs(args: readonly string[]): GapArgs | 'help' {
  const rest = args[0] === 'gap' ? args.slice(1) : args;
  const mapping: SurveyColumnMapping = {};
  const options: SurveyIngestOptions = {};
  const parsed: Omit<GapArgs, 'command' | 'file' | 'options'> = { json: false };
  let file: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new GapUsageError(`${a} needs a value.`);
      return v;
    };
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--json') parsed.json = true;
    else if (a === '--map') {
      const spec = value();
      const eq = spec.indexOf('=');
      const role = spec.slice(0, eq) as SurveyRole;
      if (eq < 1 || !SURVEY_ROLES.includes(role) || spec.slice(eq + 1) === '') {
        throw new GapUsageError(`--map takes ROLE=COLUMN with ROLE one of ${SURVEY_ROLES.join(', ')}, not "${spec}".`);
      }
      mapping[role] = spec.slice(eq + 1);
    } else if (a === '--shape') {
      const v = value();
      if (!SURVEY_SHAPES.includes(v as SurveyShape)) throw new GapUsageError(`--shape takes one of ${SURVEY_SHAPES.join(', ')}, not "${v}".`);
      options.shape = v as SurveyShape;
    } else if (a === '--pairs') options.pairs = value();
    else if (a === '--scale') options.scale = parseScale(value());
    else if (a === '--dimensions') parsed.dimensionsFile = value();
    else if (a === '--weights') {
      const v = value();
      try {
        parsed.weights = parseWeightsSpec(v);
      } catch (e) {
        if (e instanceof QualityWeightsError) throw new GapUsageError(`--weights: ${e.message}`);
        throw e;
      }
    } else if (a === '--by') parsed.by = value();
    else if (a === '--orders') parsed.ordersFile = value();
    else if (a === '--customers') parsed.customersFile = value();
    else if (a === '--feedback') parsed.feedbackFile = value();
    else if (a === '--out') parsed.out = value();
    else if (a.startsWith('-')) throw new GapUsageError(`Unknown option "${a}".`);
    else if (file !== undefined) throw new GapUsageError(`Only one SURVEY file, got "${file}" and "${a}".`);
    else file = a;
  }
  if (file === undefined) throw new GapUsageError('gap needs a SURVEY file.');
  if ((parsed.by === 'segment' || parsed.by === 'rung') && parsed.ordersFile === undefined) {
    throw new GapUsageError(
      `--by ${parsed.by} needs --orders FILE: the orders whose customer ids the survey's customer_id column links to` +
        (parsed.by === 'rung' ? ' (--customers and --feedback optional).' : '.'),
    );
  }
  if (Object.keys(mapping).length) options.mapping = mapping;
  return { command: 'gap', file, options, ...parsed };
}

const WEIGHTING_TEXT: Record<QualityWeighting, string> = {
  respondent: "weighted by each respondent's own importance of the dimensions",
  given: 'weighted by the given weights',
  equal: 'every dimension weighted the same',
};

const stat = (s: GapStat) => ({
  n: s.n,
  expectation: s.expectation,
  perception: s.perception,
  gap: s.gap,
  sd: s.sd,
  ciLow: s.ciLow,
  ciHigh: s.ciHigh,
});

/** The JSON `--json` prints: items, dimensions, overall first, then the rest of the result and the load. */
export function gapJson(r: QualityGapResult, report?: SurveyLoadReport) {
  return {
    items: r.items.map((i) => ({ item: i.item, dimension: i.dimension, ...stat(i) })),
    dimensions: r.dimensions.map((d) => ({ dimension: d.dimension, items: d.items, weight: d.weight, ...stat(d) })),
    overall: { weighting: r.overall.weighting, ...stat(r.overall) },
    scale: r.scale,
    respondents: r.respondents,
    linkedRespondents: r.linkedRespondents,
    groups: r.groups,
    groupOptions: r.groupOptions,
    messages: r.messages,
    ...(report
      ? {
          load: {
            file: report.file,
            shape: report.shape,
            rowsRead: report.rowsRead,
            rowsLoaded: report.rowsLoaded,
            rowsRejected: report.rowsRejected,
            answersLoaded: report.answersLoaded,
            answersRejected: report.answersRejected,
            rejectedByReason: report.rejectedByReason,
            importanceRejected: report.importanceRejected,
            importanceRejectedByReason: report.importanceRejectedByReason,
            warnings: report.warnings,
          },
        }
      : {}),
  };
}

const count = (x: number) => x.toLocaleString('en-US');
const num = (x: number | null) => (x === null || !Number.isFinite(x) ? '-' : x.toFixed(2));
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Rows -> lines, first column left-aligned, the rest right-aligned, two spaces apart. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

const STAT_HEADER = ['n', 'expectation', 'perception', 'gap', 'ci low', 'ci high'] as const;
const statCells = (s: GapStat) => [count(s.n), num(s.expectation), num(s.perception), num(s.gap), num(s.ciLow), num(s.ciHigh)];

/** The gap as text: per dimension, per item, the overall score and its weighting, the split, the notes. */
export function gapText(r: QualityGapResult, report?: SurveyLoadReport): string {
  const out: string[] = [];
  const source = report ? `${report.file} (${report.shape}), ` : '';
  out.push(
    `Quality gap: ${source}scale ${r.scale.min}-${r.scale.max}, ${count(r.respondents)} respondents` +
      (r.linkedRespondents === null ? '' : `, ${count(r.linkedRespondents)} linked to customers`),
  );
  out.push('gap = perception - expectation (negative: a promise not kept); ci: 95% confidence interval; most negative first.');
  out.push('', 'Dimensions');
  out.push(...table(['dimension', 'items', ...STAT_HEADER, 'weight'], r.dimensions.map((d) => [d.dimension, count(d.items), ...statCells(d), percent(d.weight)])));
  out.push('', 'Items');
  out.push(...table(['item', 'dimension', ...STAT_HEADER], r.items.map((i) => [i.item, i.dimension, ...statCells(i)])));
  const o = r.overall;
  out.push(
    '',
    `Overall (${WEIGHTING_TEXT[o.weighting]}): gap ${num(o.gap)}, 95% CI ${num(o.ciLow)} to ${num(o.ciHigh)}, n ${count(o.n)}; ` +
      `expectation ${num(o.expectation)}, perception ${num(o.perception)}`,
  );
  out.push(`  weights: ${r.dimensions.filter((d) => d.weight > 0).map((d) => `${d.dimension} ${percent(d.weight)}`).join(', ') || '-'}`);
  if (r.groups) {
    const dims = r.dimensions.map((d) => d.dimension);
    out.push('', `By ${r.groups.label} (overall score; then the gap per dimension)`);
    out.push(
      ...table(
        ['group', 'respondents', ...STAT_HEADER, ...dims],
        r.groups.groups.map((g) => {
          const gap = new Map(g.dimensions.map((d) => [d.dimension, d.gap]));
          return [g.group, count(g.respondents), ...statCells(g.overall), ...dims.map((d) => num(gap.get(d) ?? null))];
        }),
      ),
    );
  } else if (r.groupOptions.length) {
    out.push('', `Split with --by: ${r.groupOptions.map((g) => `${g.by} (${count(g.groups)} groups)`).join(', ')}`);
  }
  if (r.messages.length) {
    out.push('', 'Notes:');
    for (const m of r.messages) out.push(`  ! ${m}`);
  }
  return out.join('\n');
}

/** The load in one line for stderr: rows and answers, and the first reject. */
function loadText(r: SurveyLoadReport): string {
  const first = r.rejectSamples[0];
  const reason = first ? (SURVEY_REJECT_REASON_TEXT[first.reason] ?? first.reason.replace(/_/g, ' ')) : '';
  return (
    `${r.file}: ${count(r.rowsLoaded)} rows loaded, ${count(r.rowsRejected)} rejected; ` +
    `${count(r.answersLoaded)} answers loaded, ${count(r.answersRejected)} rejected` +
    (first ? ` (first: line ${first.line}${first.column ? `, column "${first.column}"` : ''}, ${reason})` : '')
  );
}

/** `rapport gap ...` (args without the command word or with it). Exit 0 done, 1 a file could not be read or loaded, 2 wrong usage. */
export async function runGap(args: readonly string[], io: CliIo, usage: string): Promise<number> {
  const answered = parseOrExit(() => parseGapArgs(args), io, usage);
  if ('exit' in answered) return answered.exit;
  const parsed: GapArgs = answered.args;
  const options: SurveyIngestOptions = { ...parsed.options };
  if (parsed.dimensionsFile !== undefined) {
    const bytes = await readInput(parsed.dimensionsFile, 'dimensions file ', io);
    if (!bytes) return 1;
    const map = readDimensionMap(new TextDecoder().decode(bytes));
    if (!Object.keys(map).length) {
      io.err(`rapport: ${parsed.dimensionsFile}: no item,dimension lines found (one item and its dimension per line).`);
      return 1;
    }
    options.dimensions = map;
  }
  const bytes = await readInput(parsed.file, '', io);
  if (!bytes) return 1;
  const dataset = new Dataset(await createNodeEngine());
  let output: string;
  try {
    let report: SurveyLoadReport;
    try {
      report = await dataset.loadSurvey({ name: basename(parsed.file), bytes }, options);
    } catch (e) {
      if (!(e instanceof IngestError)) throw e;
      const prefix = `${basename(parsed.file)}: `;
      const message = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
      io.err(`rapport: cannot load the survey ${parsed.file}: ${message}`);
      return 1;
    }
    for (const w of report.warnings) io.err(`rapport: warning: ${w}`);
    io.err(`rapport: ${loadText(report)}`);
    // The inputs the survey links to, loaded as `rapport ladder` loads them.
    if (parsed.ordersFile !== undefined && !(await loadOrdersInput(dataset, io, parsed.ordersFile))) return 1;
    if (parsed.customersFile !== undefined && !(await loadSideInput(dataset, io, 'customer list', parsed.customersFile))) return 1;
    if (parsed.feedbackFile !== undefined && !(await loadSideInput(dataset, io, 'feedback', parsed.feedbackFile))) return 1;
    let result: QualityGapResult | null;
    try {
      result = await dataset.qualityGap({ ...(parsed.by === undefined ? {} : { by: parsed.by }), ...(parsed.weights ? { weights: parsed.weights } : {}) });
    } catch (e) {
      if (e instanceof QualityWeightsError) {
        io.err(`rapport: --weights: ${e.message}\n(see rapport --help)`);
        return 2;
      }
      if (e instanceof RangeError && parsed.by !== undefined) {
        io.err(`rapport: --by: ${e.message}\n(see rapport --help)`);
        return 2;
      }
      throw e;
    }
    if (!result) {
      io.err(`rapport: ${parsed.file}: no survey answers were loaded.`);
      return 1;
    }
    output = parsed.json ? JSON.stringify(gapJson(result, report), null, 2) : gapText(result, report);
  } catch (e) {
    io.err(`rapport: ${(e as Error).message}`);
    return 1;
  } finally {
    await dataset.close();
  }
  return emitOutput(io, output, parsed.out);
}
