import { SERVQUAL_22_ITEMS, UNASSIGNED_DIMENSION } from '../../analytics/quality.js';
import { MappingError, type ColumnProfile } from './detect-mapping.js';
import { HEADER_PHRASES, normaliseHeader } from './header-dictionary.js';
import type { Notice } from '../../analytics/notice.js';
import { feedbackSurveyNotice as notice, noticeList } from './feedback-survey-notices.js';
import {
  SURVEY_ROLES,
  type SurveyColumnMapping,
  type SurveyDimensionSource,
  type SurveyPair,
  type SurveyRole,
  type SurveyScaleRange,
  type SurveyShape,
} from './types.js';
import { findPairFamilies, isGapColumn, LIKERT_SCALES, NAMED_FAMILY, pairPart, PREFERRED_PAIR_FAMILIES, servqualDimensionOf, share, stripHeaderNote, type PairFamily } from './survey-pairs.js';

export {
  findPairFamilies,
  headerPairFamilies,
  isGapColumn,
  LIKERT_SCALES,
  NAMED_FAMILY,
  pairFamiliesOfHeader,
  pairPart,
  PREFERRED_PAIR_FAMILIES,
  servqualDimensionOf,
  stripHeaderNote,
  TERSE_FAMILY,
  type PairFamily,
} from './survey-pairs.js';

/**
 * What a survey file is, decided from its header and column profiles: pure (no engine), so
 * every rule here is unit-tested on its own. The long shape has one row per respondent and
 * item; the wide shape an expectation and a perception column per item, found by name
 * (`q1_exp`/`q1_perc`, `E_reliability`/`P_reliability`, `exp_q1`/`perc_q1`), in the classic terse
 * codings (`E1`/`P1` as SERVQUAL numbers them, `exp1`/`perc1`, `Q1E`/`Q1P`: two pairs at least) or
 * as numbered pairs (`sq1_1`/`sq1_2`: suffix 1 = expectation, 2 = perception). An item column
 * beside a single pair (`expectation_score`/`perception_score`) is the long shape.
 */

/** Header names of the long shape's columns, normalised (see normaliseHeader); earlier phrases win ties. */
export const SURVEY_HEADER_PHRASES: Record<SurveyRole, readonly string[]> = {
  respondent: [
    'respondent id', 'respondent', 'respondent no', 'respondent number', 'response id', 'participant id', 'participant',
    'respondente', 'id respondente', 'id do respondente', 'entrevistado', 'id entrevistado', 'participante',
    'encuestado', 'id encuestado', 'id del encuestado', 'repondant', 'id repondant', 'numero repondant', 'repondant id',
    'responden', 'id responden', 'no responden', 'kode responden', 'nomor responden', 'peserta', 'id peserta', 'no peserta',
    'nomor peserta', 'resp id', 'resp no', 'resp number', 'respondent code', 'respondent key', 'participant no',
    'participant number', 'participant code', 'id participante', 'numero participante', 'interviewee',
    'subject', 'subject id', 'case id', 'resp', 'id',
  ],
  customer_id: HEADER_PHRASES.customer_id.filter((p) => p !== 'email' && p !== 'e mail'),
  item: [
    'item', 'item id', 'item no', 'item number', 'question', 'question id', 'question no', 'statement', 'attribute',
    'questao', 'pergunta', 'item do questionario', 'pregunta', 'reactivo', 'enonce', 'question numero', 'soalan', 'perkara',
  ],
  dimension: [
    'dimension', 'servqual dimension', 'factor', 'construct', 'domain', 'dimensao', 'dimensiones', 'facteur', 'dimensi', 'faktor',
  ],
  expectation: [
    'expectation', 'expectations', 'expected', 'expectation score', 'exp', 'e',
    'expectativa', 'expectativas', 'expectacion', 'expectaciones', 'attente', 'attentes', 'jangkaan', 'harapan',
  ],
  perception: [
    'perception', 'perceptions', 'perceived', 'perception score', 'performance', 'perc', 'p',
    'percepcao', 'percepcoes', 'percepcion', 'percepciones', 'persepsi',
  ],
  importance: ['importance', 'weight', 'importancia', 'peso', 'poids', 'kepentingan', 'pemberat', 'imp'],
};

const IMP_WORDS = 'imp|importance|importancia|importancias|peso|pesos|poids|weight|kepentingan|pemberat';

/**
 * Answers: numbers in at least half the values (the rest are rejected with reasons); an empty
 * column counts (every answer in it is then rejected as missing, not silently ignored).
 */
const mostlyNumeric = (p: ColumnProfile | undefined) => !p || p.nonEmpty === 0 || share(p.numbers, p.nonEmpty) >= 0.5;

/** Several families with the same prefix (numbered and named) are told apart by this label. */
const familyLabel = (f: PairFamily) => f.family;

/**
 * The pair family a wide survey is read from: the one asked for (`pairs`), else among the
 * numeric families the one named like a SERVQUAL questionnaire, else the named pairs, else the
 * first. Non-numeric families are never pairs. Returns the warnings to give, as texts and as notices.
 */
export function choosePairFamily(
  families: readonly PairFamily[],
  asked: string | undefined,
  file = 'input',
): { family: PairFamily; warnings: string[]; notices: Notice[] } {
  const notices: Notice[] = [];
  const list = (fs: readonly PairFamily[]) =>
    noticeList(
      'survey.list',
      fs.map((f) => notice('survey.family', { family: familyLabel(f), n: f.pairs.length, expectation: f.pairs[0]!.expectation, perception: f.pairs[0]!.perception })),
    );
  const done = (family: PairFamily) => {
    notices.push(...numberedNotice(family));
    return { family, warnings: notices.map((n) => n.text), notices };
  };
  if (asked !== undefined) {
    const want = asked.trim().toLowerCase();
    const found = families.find((f) => f.family.toLowerCase() === want);
    if (!found) {
      throw new MappingError(
        families.length
          ? notice('survey.pairs-prefix-unknown', { file, prefix: asked, families: list(families) })
          : notice('survey.pairs-prefix-unknown-none', { file, prefix: asked }),
      );
    }
    if (!found.numeric) {
      throw new MappingError(notice('survey.pairs-not-numbers', { file, prefix: asked, column: found.pairs[0]!.expectation }), undefined, found.pairs[0]!.expectation);
    }
    const others = families.filter((f) => f !== found && f.numeric);
    if (others.length) notices.push(notice('survey.pairs-as-asked', { file, family: found.family, others: list(others) }));
    return done(found);
  }
  const usable = families.filter((f) => f.numeric);
  if (usable.length === 0) {
    throw new MappingError(families.length ? notice('survey.no-pairs-not-numbers', { file, families: list(families) }) : notice('survey.no-pairs', { file }));
  }
  const rank = (f: PairFamily) => {
    const i = PREFERRED_PAIR_FAMILIES.indexOf(f.family.toLowerCase());
    return i >= 0 ? i : f.family === NAMED_FAMILY ? PREFERRED_PAIR_FAMILIES.length : PREFERRED_PAIR_FAMILIES.length + 1;
  };
  const chosen = [...usable].sort((a, b) => rank(a) - rank(b))[0]!;
  const others = usable.filter((f) => f !== chosen);
  if (others.length) {
    notices.push(
      notice('survey.pair-families-several', {
        file,
        family: chosen.family,
        pairs: chosen.pairs.length,
        expectation: chosen.pairs[0]!.expectation,
        perception: chosen.pairs[0]!.perception,
        others: list(others),
        n: others.length,
        prefix: others[0]!.family,
      }),
    );
  }
  const skipped = families.filter((f) => !f.numeric);
  if (skipped.length) notices.push(notice('survey.pair-columns-not-numbers', { families: skipped.map((f) => `"${f.family}"`).join(', ') }));
  return done(chosen);
}

function numberedNotice(f: PairFamily): Notice[] {
  if (!f.numbered) return [];
  const p = f.pairs[0]!;
  return [notice('survey.numbered-pairs', { family: f.family, expectation: p.expectation, perception: p.perception, item: p.item })];
}

/**
 * Dimension-importance columns of a wide survey (`imp_reliability`, `importance_tangibles`,
 * `peso_empatia`, `w_assurance`): only those naming a dimension the survey's items have
 * (`itemDimensions`, after the dimension map), so `peso_kg` is not the importance of a made-up
 * dimension "kg". A numeric column named like importance that names no such dimension is left an
 * attribute, with a warning.
 */
export function findImportanceColumns(
  profiles: readonly ColumnProfile[],
  itemDimensions: readonly string[],
  used: ReadonlySet<string>,
): { columns: Record<string, string>; warnings: string[]; notices: Notice[] } {
  const known = new Map(itemDimensions.filter((d) => d !== UNASSIGNED_DIMENSION).map((d) => [normaliseHeader(d), d]));
  const resolve = (rest: string): string | null => {
    const k = known.get(normaliseHeader(rest));
    if (k) return k;
    const servqual = servqualDimensionOf(rest);
    return servqual ? (known.get(servqual) ?? null) : null;
  };
  const columns: Record<string, string> = {};
  const strays: string[] = [];
  for (const p of profiles) {
    if (used.has(p.name) || !mostlyNumeric(p) || p.nonEmpty === 0) continue;
    const lower = p.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim();
    const prefix = new RegExp(`^(${IMP_WORDS}|w)[ _.-]+(.+)$`, 'i').exec(lower);
    const suffix = new RegExp(`^(.+?)[ _.-]+(${IMP_WORDS}|w)$`, 'i').exec(lower);
    let dim: string | null = null;
    if (prefix) dim = resolve(prefix[2]!);
    if (!dim && suffix) dim = resolve(suffix[1]!);
    if (dim) columns[p.name] = dim;
    else if ((prefix && prefix[1]!.toLowerCase() !== 'w') || (suffix && suffix[2]!.toLowerCase() !== 'w')) strays.push(p.name);
  }
  const notices: Notice[] = [];
  if (strays.length) {
    const dims = [...known.values()];
    const quoted = strays.map((c) => `"${c}"`).join(', ');
    notices.push(
      dims.length
        ? notice('survey.importance-strays', { n: strays.length, columns: quoted, dimensions: dims.join(', '), example: dims[0]! })
        : notice('survey.importance-strays-none', { n: strays.length, columns: quoted }),
    );
  }
  return { columns, warnings: notices.map((n) => n.text), notices };
}

/** The columns a mapping names (not the null of "no respondent column"). */
const mappedColumns = (m: SurveyColumnMapping): string[] => Object.values(m).filter((c): c is string => typeof c === 'string' && c !== '');

export interface LongMapping {
  mapping: SurveyColumnMapping;
  notes: string[];
}

/**
 * Columns of a long survey: explicit mapping first, then header names (whole-header matches
 * before headers containing the phrase's words; one-letter phrases only as the whole header;
 * a trailing note in parentheses, `Expectativa (E)`, ignored), checked against the values. Gap
 * columns are never taken, pair-shaped columns only when the header has at most one pair.
 * `respondent: null` in the mapping: no respondent column is detected (the result has none).
 */
export function findLongRoles(profiles: readonly ColumnProfile[], given: SurveyColumnMapping | undefined, file = 'input'): LongMapping {
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const mapping: SurveyColumnMapping = {};
  const used = new Set<string>();
  const columnList = profiles.map((p) => `"${p.name}"`).join(', ');
  const noRespondent = given?.respondent === null;
  for (const [role, column] of Object.entries(given ?? {}) as [string, string | null | undefined][]) {
    if (column === undefined || column === null || column === '') continue;
    if (!(SURVEY_ROLES as readonly string[]).includes(role)) {
      throw new MappingError(notice('survey.mapping-role-unknown', { role, roles: SURVEY_ROLES.join(', ') }));
    }
    if (!byName.has(column)) {
      throw new MappingError(notice('survey.mapping-column-missing', { file, column, role, columns: columnList }), undefined, column);
    }
    mapping[role as SurveyRole] = column;
    used.add(column);
  }
  const fitsRole = (role: SurveyRole, p: ColumnProfile) =>
    role === 'expectation' || role === 'perception' || role === 'importance' ? mostlyNumeric(p) : p.nonEmpty > 0 || role === 'dimension';
  const candidates: { role: SurveyRole; column: string; strength: number; rank: number; index: number; profile: ColumnProfile }[] = [];
  // Pair-shaped columns are wide items when there are several pairs; a single pair
  // (`exp_value`/`perc_value` beside an item column) may be the two scores of a long survey.
  const pairCount = findPairFamilies(profiles).reduce((a, f) => a + f.pairs.length, 0);
  profiles.forEach((p, index) => {
    if (isGapColumn(p.name) || (pairCount > 1 && pairPart(p.name))) return;
    const h = normaliseHeader(stripHeaderNote(p.name));
    const compact = h.replace(/ /g, '');
    const words = ` ${h} `;
    for (const role of SURVEY_ROLES) {
      SURVEY_HEADER_PHRASES[role].forEach((phrase, rank) => {
        const strength = h === phrase || compact === phrase.replace(/ /g, '') ? 3 : phrase.length > 2 && words.includes(` ${phrase} `) ? 2 : 0;
        if (strength > 0) candidates.push({ role, column: p.name, strength, rank, index, profile: p });
      });
    }
  });
  candidates.sort((a, b) => b.strength - a.strength || a.rank - b.rank || a.index - b.index);
  for (const c of candidates) {
    if (mapping[c.role] !== undefined || used.has(c.column) || !fitsRole(c.role, c.profile)) continue;
    if (c.role === 'respondent' && noRespondent) continue;
    mapping[c.role] = c.column;
    used.add(c.column);
  }
  const notes: string[] = [];
  const ordered: SurveyColumnMapping = {};
  for (const role of SURVEY_ROLES) {
    const column = mapping[role];
    if (typeof column === 'string') ordered[role] = column;
  }
  return { mapping: ordered, notes };
}

export type SurveyDecision =
  | {
      shape: 'long';
      shapeSource: 'detected' | 'option';
      mapping: SurveyColumnMapping;
      attributes: string[];
      ignored: string[];
      warnings: string[];
      /** The warnings as notices, in the same order (`notices[i].text === warnings[i]`). */
      notices: Notice[];
    }
  | {
      shape: 'wide';
      shapeSource: 'detected' | 'option';
      mapping: SurveyColumnMapping;
      pairs: SurveyPair[];
      family: string;
      importance: Record<string, string>;
      attributes: string[];
      ignored: string[];
      warnings: string[];
      /** The warnings as notices, in the same order (`notices[i].text === warnings[i]`). */
      notices: Notice[];
    };

/**
 * Long or wide, and which column is what. Long when an item, an expectation and a perception
 * column are found (or mapped; pair-shaped columns count when the header has one pair only);
 * wide when expectation/perception column pairs are; the `shape` option forces either. Throws a
 * MappingError naming the columns when neither fits. A long respondent column is checked
 * against the data afterwards (checkLongRespondent), unless the mapping gives it. `respondent:
 * null` in the mapping: no respondent column (long: each customer id is the respondent, so a
 * customer id column is required; wide: the customer id, else the row number).
 */
export function decideSurvey(
  profiles: readonly ColumnProfile[],
  options: { shape?: SurveyShape; mapping?: SurveyColumnMapping; pairs?: string; dimensions?: Record<string, string> } = {},
  file = 'input',
): SurveyDecision {
  const columnList = profiles.map((p) => `"${p.name}"`).join(', ');
  const long = findLongRoles(profiles, options.mapping, file);
  const m = long.mapping;
  const families = findPairFamilies(profiles);
  const given = options.mapping ?? {};
  const mappedLong = given.item !== undefined || given.expectation !== undefined || given.perception !== undefined;
  const isLong = m.item !== undefined && m.expectation !== undefined && m.perception !== undefined;
  const shape: SurveyShape = options.shape ?? (mappedLong || isLong ? 'long' : families.some((f) => f.numeric) || options.pairs !== undefined ? 'wide' : 'long');
  const shapeSource = options.shape !== undefined || mappedLong ? 'option' : 'detected';
  const ignored = profiles.filter((p) => isGapColumn(p.name)).map((p) => p.name);
  const notices: Notice[] = ignored.map((column) => notice('survey.gap-column', { column }));
  const warnings = () => notices.map((n) => n.text);

  if (shape === 'long') {
    if (given.respondent === null && m.customer_id === undefined) {
      throw new MappingError(notice('survey.no-respondent-no-customer', { file, columns: columnList }));
    }
    const lacks: Notice[] = [];
    if (m.respondent === undefined && m.customer_id === undefined) lacks.push(notice('survey.lacks-respondent'));
    if (m.item === undefined) lacks.push(notice('survey.lacks-item'));
    if (m.expectation === undefined) lacks.push(notice('survey.lacks-expectation'));
    if (m.perception === undefined) lacks.push(notice('survey.lacks-perception'));
    if (lacks.length) {
      const wideHint = families.some((f) => f.numeric);
      throw new MappingError(notice(wideHint ? 'survey.long-lacks-wide' : 'survey.long-lacks', { file, lacks: noticeList('survey.list', lacks), columns: columnList }));
    }
    const mapping: SurveyColumnMapping = { ...m };
    if (mapping.respondent === undefined || mapping.respondent === null) {
      mapping.respondent = mapping.customer_id;
      notices.push(notice('survey.respondent-is-customer', { file, column: String(mapping.customer_id) }));
    }
    const usedCols = new Set([...mappedColumns(mapping), ...ignored]);
    const attributes = profiles.map((p) => p.name).filter((c) => !usedCols.has(c));
    return { shape, shapeSource, mapping, attributes, ignored, warnings: warnings(), notices };
  }

  if (given.item !== undefined || given.expectation !== undefined || given.perception !== undefined || given.dimension !== undefined || given.importance !== undefined) {
    throw new MappingError(notice('survey.wide-mapping-roles', { file }));
  }
  const { family, notices: familyNotices } = choosePairFamily(families, options.pairs, file);
  notices.push(...familyNotices);
  const pairColumns = new Set(family.pairs.flatMap((p) => [p.expectation, p.perception]));
  const mapping: SurveyColumnMapping = {};
  if (typeof m.respondent === 'string' && !pairColumns.has(m.respondent)) mapping.respondent = m.respondent;
  if (m.customer_id !== undefined && !pairColumns.has(m.customer_id)) mapping.customer_id = m.customer_id;
  const used = new Set([...pairColumns, ...mappedColumns(mapping), ...ignored]);
  // The dimensions the items will have (the same decision the load makes once it has read them).
  const itemDimensions = decideDimensions(family.pairs.map((p) => ({ item: p.item, fileDimension: null })), false, options.dimensions).items.map((d) => d.dimension);
  const { columns: importance, notices: importanceNotices } = findImportanceColumns(profiles, [...new Set(itemDimensions)], used);
  notices.push(...importanceNotices);
  for (const c of Object.keys(importance)) used.add(c);
  const attributes = profiles.map((p) => p.name).filter((c) => !used.has(c));
  return { shape, shapeSource, mapping, pairs: family.pairs, family: family.family, importance, attributes, ignored, warnings: warnings(), notices };
}

/** Non-blank values of a column over the whole file, and how many are distinct. */
export interface ColumnSpread {
  values: number;
  distinct: number;
}

/** A column that is unique per row while the items repeat numbers rows, not respondents. */
const numbersRows = (c: ColumnSpread, item: ColumnSpread) => c.values > 1 && c.distinct === c.values && item.distinct > 1 && item.distinct < item.values;

/**
 * A long survey's respondent column must repeat across items: a generic row `id` that is unique
 * per row while the items repeat would make every answer its own respondent (150 "respondents"
 * of one item each instead of 30 of five, and too narrow intervals). Such a column is dropped for
 * the customer id when that one repeats (with a warning), else the load stops asking for the
 * respondent column. A respondent the user mapped is taken as given: the caller skips this check
 * then (a split-sample design, each respondent rating one item, loads that way), and every
 * message here says so.
 */
export function checkLongRespondent(
  decision: Extract<SurveyDecision, { shape: 'long' }>,
  spread: { respondent: ColumnSpread; item: ColumnSpread; customer_id?: ColumnSpread | undefined },
  columns: readonly string[],
  file = 'input',
): Extract<SurveyDecision, { shape: 'long' }> {
  const { mapping } = decision;
  const respondent = mapping.respondent!;
  if (!numbersRows(spread.respondent, spread.item)) return decision;
  // The counts go in as text: the English never grouped them ("1500 rows").
  const said = { file, column: respondent, values: String(spread.respondent.values), items: String(spread.item.distinct) };
  const customer = mapping.customer_id;
  if (customer !== undefined && customer !== respondent && spread.customer_id && !numbersRows(spread.customer_id, spread.item)) {
    const order = new Map(columns.map((c, i) => [c, i]));
    const attributes = [...decision.attributes, respondent].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const instead = notice('survey.respondent-numbers-rows-customer', { ...said, customer });
    return {
      ...decision,
      mapping: { ...mapping, respondent: customer },
      attributes,
      warnings: [...decision.warnings, instead.text],
      notices: [...decision.notices, instead],
    };
  }
  throw new MappingError(notice(respondent === customer ? 'survey.respondent-numbers-rows-customer-id' : 'survey.respondent-numbers-rows', said), undefined, respondent);
}

/** Share of numeric answers a scale must hold to be the detected one (the rest are rejected as out of range). */
export const SCALE_HOLDS = 0.98;
/**
 * From this many answers on, a scale holds them also when a single one is off it (one typo in
 * 12 or 40 answers is 8% or 2.5%, more than the 2% SCALE_HOLDS leaves). Fewer answers are too
 * few to call one of them a typo: they must all fit (as SCALE_HOLDS then asks).
 */
export const SCALE_TYPO_MIN_ANSWERS = 10;
/**
 * A larger scale needs at least this many answers on its own points (those no smaller usual
 * scale has: 6-7 for 1-7, 8-10 for 1-10, 0 for 0-10): one answer there is a typo, whatever its share...
 */
export const SCALE_EXTRA_MIN_ANSWERS = 2;
/** ...and those extra points to hold this share of the answers... */
export const SCALE_EXTRA_USED = 0.02;
/** ...or at least two distinct extra values each holding this share. */
export const SCALE_EXTRA_VALUE_USED = 0.01;

/**
 * The Likert scale of the answers: the smallest usual scale (1-5, 1-7, 1-10, 0-10) that holds
 * them, widened to a larger one only when its extra points are really used.
 *
 * - A scale holds the answers when at least 98% are on it or, from 10 answers on
 *   (SCALE_TYPO_MIN_ANSWERS), when at most one is off it.
 * - A larger scale is taken when at least 2 answers (SCALE_EXTRA_MIN_ANSWERS) are on its own
 *   points (those no smaller usual scale has) AND its extra points over the scale chosen so far
 *   hold 2% of the answers or at least two distinct extra values each used by 1%.
 *
 * So for any number of answers from 10 on, one typo cannot widen the scale: when every answer
 * but one lies on a usual scale S, S still holds them (one off), so the base is S or smaller,
 * and a scale larger than S has only the typo on its own points, one answer, never the 2 it
 * needs: the scale detected is never larger than S. One typo "6" in a 1-5 survey, or
 * one 0 (an N/A code) in 1-4 answers, is rejected as out of range rather than taken for a 1-7
 * or 0-10 scale, in 12 answers as in 2,002. Under 10 answers every answer must fit. Null when
 * no usual scale holds them (the user must give it). `inside[i]` counts the scores on
 * LIKERT_SCALES[i]; `values` counts each distinct score (only needed for the two-values rule;
 * without it only the 2% rule applies).
 */
export function detectSurveyScale(
  answers: number,
  inside: readonly number[],
  values: readonly { value: number; n: number }[] = [],
): SurveyScaleRange | null {
  if (answers === 0) return null;
  const holds = (n: number) => n >= SCALE_HOLDS * answers || (answers >= SCALE_TYPO_MIN_ANSWERS && answers - n <= 1);
  const base = LIKERT_SCALES.findIndex((_, i) => holds(inside[i] ?? 0));
  if (base < 0) return null;
  let chosen = base;
  for (let i = base + 1; i < LIKERT_SCALES.length; i++) {
    const now = LIKERT_SCALES[chosen]!;
    const next = LIKERT_SCALES[i]!;
    const extra = (inside[i] ?? 0) - (inside[chosen] ?? 0);
    const extraValues = values.filter((v) => v.value >= next.min && v.value <= next.max && (v.value < now.min || v.value > now.max));
    const usedValues = extraValues.filter((v) => v.n >= SCALE_EXTRA_VALUE_USED * answers).length;
    const own = (inside[i] ?? 0) - (inside[i - 1] ?? 0);
    if (own >= SCALE_EXTRA_MIN_ANSWERS && (extra >= SCALE_EXTRA_USED * answers || usedValues >= 2)) chosen = i;
  }
  return LIKERT_SCALES[chosen]!;
}

/** An item as the file first shows it, and the dimension its dimension column gives (most common non-blank value). */
export interface SurveyItemSeen {
  item: string;
  fileDimension: string | null;
  /** Distinct non-blank dimensions the file gives it (more than one: a warning). */
  fileDimensions?: number;
}

export interface DimensionDecision {
  /** In the order given. */
  items: { item: string; dimension: string; source: SurveyDimensionSource }[];
  warnings: string[];
  /** The warnings as notices, in the same order (`notices[i].text === warnings[i]`). */
  notices: Notice[];
}

const itemKey = (s: string) => s.trim().toLowerCase();

/**
 * The dimension of each item: the user's map (`dimensions`) wins; else the file's dimension
 * column (blank -> unassigned); else (no dimension column) an item named after a SERVQUAL
 * dimension; else the standard 22-item SERVQUAL assignment when the items are exactly 1..22;
 * else unassigned, with a warning saying how to map.
 */
export function decideDimensions(
  items: readonly SurveyItemSeen[],
  hasDimensionColumn: boolean,
  map: Record<string, string> | undefined,
): DimensionDecision {
  const notices: Notice[] = [];
  const userMap = new Map(Object.entries(map ?? {}).map(([k, v]) => [itemKey(k), v.trim() === '' ? UNASSIGNED_DIMENSION : v.trim()]));
  const numbers = items.map((i) => i.item.trim());
  const standard22 = numbers.length === 22 && Array.from({ length: 22 }, (_, i) => String(i + 1)).every((n) => numbers.includes(n));
  const out = items.map(({ item, fileDimension, fileDimensions }) => {
    const mine = userMap.get(itemKey(item));
    if (mine !== undefined) return { item, dimension: mine, source: 'option' as const };
    if (hasDimensionColumn) {
      if ((fileDimensions ?? 0) > 1) notices.push(notice('survey.item-dimensions-several', { item, n: fileDimensions!, dimension: String(fileDimension) }));
      return fileDimension ? { item, dimension: fileDimension, source: 'column' as const } : { item, dimension: UNASSIGNED_DIMENSION, source: 'unassigned' as const };
    }
    const named = servqualDimensionOf(item);
    if (named) return { item, dimension: named, source: 'name' as const };
    if (standard22) return { item, dimension: SERVQUAL_22_ITEMS[item.trim()]!, source: 'servqual22' as const };
    return { item, dimension: UNASSIGNED_DIMENSION, source: 'unassigned' as const };
  });
  if (out.some((o) => o.source === 'servqual22')) notices.push(notice('survey.servqual-22'));
  const unassigned = out.filter((o) => o.source === 'unassigned').map((o) => o.item);
  if (unassigned.length > 8) notices.push(notice('survey.items-unassigned-more', { items: unassigned.slice(0, 8).join(', '), n: unassigned.length }));
  else if (unassigned.length) notices.push(notice('survey.items-unassigned', { items: unassigned.join(', '), n: unassigned.length }));
  if (map) {
    const seen = new Set(items.map((i) => itemKey(i.item)));
    const extra = Object.keys(map).filter((k) => !seen.has(itemKey(k)));
    if (extra.length) notices.push(notice('survey.dimension-map-extra', { items: `${extra.slice(0, 8).join(', ')}${extra.length > 8 ? '...' : ''}`, n: extra.length }));
  }
  return { items: out, warnings: notices.map((n) => n.text), notices };
}

/** One CSV line -> fields (double quotes, doubled quotes inside). */
function csvFields(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * An item -> dimension map from CSV text (the CLI's --map file): the first two columns are item
 * and dimension, a header line naming them is skipped, a blank dimension is unassigned, later
 * columns (statements) are ignored, and an item listed twice keeps its first dimension.
 */
export function readDimensionMap(csv: string): Record<string, string> {
  const text = csv.replace(/^\ufeff/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return {};
  const first = lines[0]!;
  const sep = [',', ';', '\t', '|'].reduce((best, s) => (first.split(s).length > first.split(best).length ? s : best), ',');
  const rows = lines.map((l) => csvFields(l, sep).map((c) => c.trim()));
  const head = rows[0]!.map((c) => normaliseHeader(c));
  const isHeader =
    SURVEY_HEADER_PHRASES.item.some((p) => head[0] === p || head[0]?.startsWith(`${p} `)) ||
    SURVEY_HEADER_PHRASES.dimension.some((p) => head[1] === p || ` ${head[1]} `.includes(` ${p} `));
  const out: Record<string, string> = {};
  // Quoted fields spanning lines are not expected in a two-column map; multi-line statements in
  // later columns are skipped by ignoring lines whose first field is empty.
  for (const r of isHeader ? rows.slice(1) : rows) {
    const item = r[0] ?? '';
    if (item === '' || r.length < 2) continue;
    if (item in out) continue;
    out[item] = (r[1] ?? '') === '' ? UNASSIGNED_DIMENSION : r[1]!;
  }
  return out;
}

