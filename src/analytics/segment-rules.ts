/**
 * Named RFM segments as rules on scores: pure definitions and validation.
 *
 * A rule is { name, r: [min, max], f: [min, max], m: [min, max] }, ranges inclusive, on scores
 * 1..n. Rules form an ordered list: a customer gets the FIRST rule that matches; a customer no
 * rule matches is "Others". This is what the R package `rfm` (`rfm_segment`) does: it assigns a
 * rule's name only to customers not already given a segment name, so an earlier rule wins
 * (with the vignette's order, Champions keep every 5-5-5 customer although "Potential
 * Loyalist" also covers 5-5-5).
 */
import { NOT_YET_A_CUSTOMER } from './migration-options.js';

export interface SegmentRule {
  name: string;
  r: [number, number];
  f: [number, number];
  m: [number, number];
}

/** The name of customers that no rule matches. Reserved: no rule may use it. */
export const OTHERS = 'Others';

export class SegmentRulesError extends Error {
  override readonly name = 'SegmentRulesError';
  constructor(readonly problems: readonly string[]) {
    super(problems.length === 1 ? (problems[0] as string) : `Invalid segment rules:\n- ${problems.join('\n- ')}`);
  }
}

const RULE_KEYS = ['name', 'r', 'f', 'm'] as const;
const SCORE_KEYS = ['r', 'f', 'm'] as const;

function label(index: number, name: unknown): string {
  const n = typeof name === 'string' && name.trim() !== '' ? `"${name}"` : '(no name)';
  return `rule ${index + 1} ${n}`;
}

function checkRange(value: unknown, key: string, bins: number, where: string, problems: string[]): [number, number] | null {
  if (value === undefined) {
    problems.push(`${where}: "${key}" is missing (expected [min, max] scores from 1 to ${bins})`);
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) {
    problems.push(`${where}: "${key}" must be [min, max], a list of two scores from 1 to ${bins}`);
    return null;
  }
  const [lo, hi] = value as unknown[];
  let ok = true;
  for (const [which, v] of [['min', lo], ['max', hi]] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      problems.push(`${where}: "${key}" ${which} must be a whole score from 1 to ${bins}, got ${JSON.stringify(v)}`);
      ok = false;
    } else if (v < 1 || v > bins) {
      problems.push(`${where}: "${key}" ${which} ${v} is out of range: scores run from 1 to ${bins}`);
      ok = false;
    }
  }
  if (ok && (lo as number) > (hi as number)) {
    problems.push(`${where}: "${key}" min ${String(lo)} is greater than max ${String(hi)}`);
    ok = false;
  }
  return ok ? [lo as number, hi as number] : null;
}

/**
 * Parse and validate segment rules given as JSON text or as already-parsed values, for scores
 * 1..bins. Every problem is reported (rules named by 1-based position and name) in one
 * SegmentRulesError. Returns fresh, validated copies in the given order.
 */
export function parseSegmentRules(input: string | unknown, bins = 5): SegmentRule[] {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw new SegmentRulesError([`Segment rules are not valid JSON: ${(e as Error).message}`]);
    }
  }
  if (!Array.isArray(value)) {
    throw new SegmentRulesError([`Segment rules must be a list of rules, got ${value === null ? 'null' : typeof value}`]);
  }
  const problems: string[] = [];
  const rules: SegmentRule[] = [];
  const seen = new Map<string, number>();
  value.forEach((raw: unknown, index) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(`${label(index, undefined)}: must be an object { name, r, f, m }`);
      return;
    }
    const rule = raw as Record<string, unknown>;
    const where = label(index, rule.name);
    for (const key of Object.keys(rule)) {
      if (!(RULE_KEYS as readonly string[]).includes(key)) {
        problems.push(`${where}: unknown field "${key}" (allowed: ${RULE_KEYS.join(', ')})`);
      }
    }
    let name: string | null = null;
    if (rule.name === undefined) problems.push(`${where}: "name" is missing`);
    else if (typeof rule.name !== 'string' || rule.name.trim() === '') problems.push(`${where}: "name" must be non-empty text`);
    else if (rule.name === OTHERS) problems.push(`${where}: "${OTHERS}" is reserved for customers no rule matches`);
    // The migration's from-side pseudo-segment: a rule of that name would merge with it in the
    // matrix and make a migration-cell selection ambiguous.
    else if (rule.name === NOT_YET_A_CUSTOMER) problems.push(`${where}: "${NOT_YET_A_CUSTOMER}" is reserved for customers with no purchase yet at a migration's start`);
    else if (seen.has(rule.name)) problems.push(`${where}: duplicate name, already used by rule ${(seen.get(rule.name) as number) + 1}`);
    else {
      name = rule.name;
      seen.set(name, index);
    }
    const ranges = SCORE_KEYS.map((k) => checkRange(rule[k], k, bins, where, problems));
    const [r, f, m] = ranges;
    if (name !== null && r && f && m) rules.push({ name, r, f, m });
  });
  if (problems.length > 0) throw new SegmentRulesError(problems);
  return rules;
}

const rule = (name: string, r: [number, number], f: [number, number], m: [number, number]): SegmentRule => ({ name, r, f, m });

/**
 * Presets, on 5 scores. `rfm-vignette` is the segment table of the R package `rfm` vignette
 * ("RFM - Introduction"), in its order. `rf-grid` is the widely used recency x frequency map
 * (monetary ignored: M 1..5); its cells do not overlap and cover the whole 5 x 5 grid.
 */
export const SEGMENT_PRESETS = {
  'rfm-vignette': [
    rule('Champions', [5, 5], [5, 5], [5, 5]),
    rule('Potential Loyalist', [3, 5], [3, 5], [2, 5]),
    rule('Loyal Customers', [2, 4], [2, 4], [2, 4]),
    rule('Promising', [3, 4], [1, 3], [3, 5]),
    rule('New Customers', [4, 5], [1, 3], [1, 5]),
    rule("Can't Lose Them", [1, 2], [3, 4], [4, 5]),
    rule('At Risk', [1, 2], [2, 5], [4, 5]),
    rule('Need Attention', [1, 3], [3, 5], [3, 5]),
    rule('About To Sleep', [2, 3], [1, 3], [1, 4]),
    rule('Lost', [1, 1], [1, 5], [1, 5]),
  ],
  'rf-grid': [
    rule('Champions', [5, 5], [4, 5], [1, 5]),
    rule('Loyal', [3, 4], [4, 5], [1, 5]),
    rule('Potential Loyalists', [4, 5], [2, 3], [1, 5]),
    rule('New', [5, 5], [1, 1], [1, 5]),
    rule('Promising', [4, 4], [1, 1], [1, 5]),
    rule('Need Attention', [3, 3], [3, 3], [1, 5]),
    rule('About to Sleep', [3, 3], [1, 2], [1, 5]),
    rule('At Risk', [1, 2], [3, 4], [1, 5]),
    rule("Can't Lose", [1, 2], [5, 5], [1, 5]),
    rule('Hibernating', [1, 2], [1, 2], [1, 5]),
  ],
} as const satisfies Record<string, readonly SegmentRule[]>;

export type SegmentPresetName = keyof typeof SEGMENT_PRESETS;
export const SEGMENT_PRESET_NAMES = Object.keys(SEGMENT_PRESETS) as SegmentPresetName[];
export const DEFAULT_SEGMENT_PRESET: SegmentPresetName = 'rfm-vignette';
/** The number of scores the presets are written for. */
export const PRESET_BINS = 5;

/** A preset's rules (fresh copies). Presets are written for 5 scores; other bin counts are refused. */
export function segmentPreset(name: string, bins = PRESET_BINS): SegmentRule[] {
  if (!(SEGMENT_PRESET_NAMES as string[]).includes(name)) {
    throw new SegmentRulesError([`Unknown segment preset "${name}" (known: ${SEGMENT_PRESET_NAMES.join(', ')})`]);
  }
  if (bins !== PRESET_BINS) {
    throw new SegmentRulesError([
      `Segment preset "${name}" is written for ${PRESET_BINS} scores, not ${bins}: give your own rules for ${bins} bins`,
    ]);
  }
  return SEGMENT_PRESETS[name as SegmentPresetName].map((r) => ({ name: r.name, r: [...r.r], f: [...r.f], m: [...r.m] }));
}

/**
 * Rules from a preset name, JSON text (a string starting with "[") or rule values, validated
 * for `bins` scores. Without segments: the `rfm-vignette` preset for 5 bins; for any other bin
 * count there is no default (no rules: every customer is "Others"), since presets are for 5.
 */
export function resolveSegmentRules(segments: string | readonly unknown[] | undefined, bins: number): SegmentRule[] {
  if (segments === undefined) return bins === PRESET_BINS ? segmentPreset(DEFAULT_SEGMENT_PRESET, bins) : [];
  if (typeof segments === 'string') {
    return segments.trimStart().startsWith('[') ? parseSegmentRules(segments, bins) : segmentPreset(segments, bins);
  }
  return parseSegmentRules(segments, bins);
}

/** The first rule matching the scores, else OTHERS: the same semantics the SQL CASE has. */
export function segmentOf(rules: readonly SegmentRule[], r: number, f: number, m: number): string {
  const inRange = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;
  return rules.find((x) => inRange(r, x.r) && inRange(f, x.f) && inRange(m, x.m))?.name ?? OTHERS;
}
