/**
 * RFM scoring options: pure types and validation. No database here; `data/sql/rfm-sql.ts`
 * turns the resolved options into SQL.
 *
 * Methods:
 * - `quantile` (default) reproduces the R package `rfm` (`rfm_table_order`): the cut points are
 *   the type-7 quantiles at k/n (k = 1..n-1) plus one; a value v scores 1 + the number of cut
 *   points <= v, i.e. bins are [lower, upper). Equal values always share a score. Recency is
 *   reversed: the most recent customers score n.
 * - `ntile` makes n groups of equal size (they differ by at most one customer). Ties MAY be
 *   split across two neighbouring scores (ties are broken by customer_id, so it is stable).
 * - `fixed` uses the caller's own ascending cut points, n-1 per metric, with the same
 *   [lower, upper) rule as `quantile`: a value equal to a cut point goes to the upper bin.
 *   Recency cut points are in days, ascending; recency scores are reversed as above.
 */

export const RFM_METHODS = ['quantile', 'ntile', 'fixed'] as const;
export type RfmMethod = (typeof RFM_METHODS)[number];

export const RFM_METRICS = ['recency', 'frequency', 'monetary'] as const;
export type RfmMetric = (typeof RFM_METRICS)[number];

/** Cut points per metric, ascending. */
export interface RfmBreaks {
  recency: number[];
  frequency: number[];
  monetary: number[];
}

export interface RfmOptions {
  /** Scoring method; default `quantile`. */
  method?: RfmMethod;
  /** Number of scores n (scores are 1..n); default 5, any integer >= 2. With `fixed`, defaults to breaks + 1. */
  bins?: number;
  /** Cut points for `fixed` (required then, and only then). */
  breaks?: RfmBreaks;
  /** ISO date (YYYY-MM-DD); default the day after the last order in the data. */
  analysisDate?: string;
}

export interface ResolvedRfmOptions {
  method: RfmMethod;
  bins: number;
  breaks: RfmBreaks | null;
  analysisDate: string | null;
}

export const DEFAULT_BINS = 5;
/** A sanity ceiling: more scores than this is a mistake, not an analysis. */
export const MAX_BINS = 100;

export class RfmOptionsError extends Error {
  override readonly name = 'RfmOptionsError';
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD, or an RfmOptionsError saying what is wrong. */
export function validateIsoDate(value: unknown, what = 'analysisDate'): string {
  if (typeof value !== 'string') throw new RfmOptionsError(`${what} must be an ISO date string (YYYY-MM-DD), got ${describe(value)}`);
  const m = ISO_DATE.exec(value);
  if (!m) throw new RfmOptionsError(`${what} must be an ISO date (YYYY-MM-DD), got "${value}"`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    throw new RfmOptionsError(`${what} is not a real calendar date: "${value}"`);
  }
  return value;
}

/** A value as an error message shows it: `"text"`, `a list`, `number 3`. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `"${v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function validateBins(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 2 || value > MAX_BINS) {
    throw new RfmOptionsError(`bins must be a whole number from 2 to ${MAX_BINS}, got ${describe(value)}`);
  }
  return value;
}

function validateBreakList(metric: RfmMetric, value: unknown, bins: number | undefined): number[] {
  if (!Array.isArray(value)) throw new RfmOptionsError(`breaks.${metric} must be a list of numbers, got ${describe(value)}`);
  value.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new RfmOptionsError(`breaks.${metric}[${i}] must be a finite number, got ${describe(x)}`);
    }
  });
  const list = value as number[];
  for (let i = 1; i < list.length; i++) {
    if (!((list[i] as number) > (list[i - 1] as number))) {
      throw new RfmOptionsError(
        `breaks.${metric} must be strictly ascending: ${String(list[i - 1])} is followed by ${String(list[i])} (position ${i})`,
      );
    }
  }
  if (bins !== undefined && list.length !== bins - 1) {
    throw new RfmOptionsError(`breaks.${metric} must have ${bins - 1} cut points for ${bins} bins, got ${list.length}`);
  }
  return [...list];
}

/** Check options and fill in defaults; throws RfmOptionsError with a message naming the option. */
export function resolveRfmOptions(options: RfmOptions = {}): ResolvedRfmOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new RfmOptionsError(`RFM options must be an object, got ${describe(options)}`);
  }
  const known = new Set(['method', 'bins', 'breaks', 'analysisDate']);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new RfmOptionsError(`Unknown RFM option "${key}" (known: ${[...known].join(', ')})`);
  }
  const method = options.method ?? 'quantile';
  if (!RFM_METHODS.includes(method)) {
    throw new RfmOptionsError(`method must be one of ${RFM_METHODS.join(', ')}, got ${describe(method)}`);
  }
  const analysisDate = options.analysisDate === undefined ? null : validateIsoDate(options.analysisDate);

  if (method !== 'fixed') {
    if (options.breaks !== undefined) {
      throw new RfmOptionsError(`breaks are only used by method "fixed" (method is "${method}")`);
    }
    return { method, bins: options.bins === undefined ? DEFAULT_BINS : validateBins(options.bins), breaks: null, analysisDate };
  }

  const breaks = options.breaks as unknown;
  if (breaks === undefined || breaks === null || typeof breaks !== 'object' || Array.isArray(breaks)) {
    throw new RfmOptionsError('method "fixed" needs breaks: { recency: [...], frequency: [...], monetary: [...] }');
  }
  for (const key of Object.keys(breaks)) {
    if (!(RFM_METRICS as readonly string[]).includes(key)) {
      throw new RfmOptionsError(`Unknown breaks metric "${key}" (known: ${RFM_METRICS.join(', ')})`);
    }
  }
  let bins = options.bins === undefined ? undefined : validateBins(options.bins);
  if (bins === undefined) {
    const first = (breaks as Record<string, unknown>).recency;
    bins = Array.isArray(first) ? first.length + 1 : undefined;
  }
  if (bins !== undefined && bins < 2) throw new RfmOptionsError('breaks.recency must have at least one cut point');
  const out = {} as RfmBreaks;
  for (const metric of RFM_METRICS) {
    const list = (breaks as Record<string, unknown>)[metric];
    if (list === undefined) throw new RfmOptionsError(`breaks.${metric} is missing (method "fixed" needs cut points for every metric)`);
    out[metric] = validateBreakList(metric, list, bins);
  }
  return { method, bins: bins ?? out.recency.length + 1, breaks: out, analysisDate };
}
