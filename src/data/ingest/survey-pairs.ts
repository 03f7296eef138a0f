/**
 * The expectation/perception column pairs of a wide survey, read from column names alone, and
 * the usual Likert scales: pure and small, so the survey form can offer a header's pair families
 * without the loaders (detect-survey.ts builds its detection on this and re-exports it).
 */
import { SERVQUAL_DIMENSIONS } from '../../analytics/quality.js';
import type { ColumnProfile } from './detect-mapping.js';
import { normaliseHeader } from './header-normalise.js';
import type { SurveyPair, SurveyScaleRange } from './types.js';

const EXP_WORDS = 'e|exp|expect|expected|expectation|expectations|expectativa|expectativas|expectacion|expectaciones|attente|attentes|jangkaan|harapan';
const PERC_WORDS = 'p|perc|perf|performance|perceived|perception|perceptions|percepcao|percepcoes|percepcion|percepciones|persepsi';

/** Item stems like `q1`, `sq12`, `item 3`: family letters and the item number. */
const NUMBERED_STEM = /^([a-z]+)[ _.-]?0*(\d+)$/;
/** Numbered pair columns: `sq1_1`, `ipa12_2`, `q3.1`. */
const NUMBERED_PAIR = /^([a-z]+)[ _]?0*(\d+)[_.-](\d+)$/;
/** The classic terse codings: `E1`/`P1` (SERVQUAL's own), `exp1`/`perc1`, `expectation_3`; `Q1E`/`Q1P`, `1e`/`1p`. */
const TERSE_SIDE_FIRST = /^(e|exp|expectation|p|perc|perception)[ _.-]?0*(\d+)$/i;
const TERSE_NUMBER_FIRST = /^q?0*(\d+)[ _.-]?([ep])$/i;
/** The family of the terse `E1`/`P1` pairs; `Q1E`/`Q1P` are family `q`. */
export const TERSE_FAMILY = 'ep';
/** Terse pairs are read only when a header has this many complete ones: one `E1`/`P1` could be anything. */
const TERSE_MIN_PAIRS = 2;
/**
 * Stems that name a kind of number, not an item: `expectation_score`/`perception_score` or
 * `puntaje_expectativa` are the two score columns of a long survey, never a one-item wide one.
 */
const GENERIC_STEMS = new Set([
  'score', 'scores', 'value', 'values', 'mean', 'means', 'avg', 'average', 'rating', 'ratings', 'point', 'points',
  'puntaje', 'puntuacion', 'pontuacao', 'pontos', 'nota', 'notas', 'valor', 'valores', 'media', 'skor', 'nilai', 'e', 'p',
]);
const isGenericStem = (item: string) => GENERIC_STEMS.has(normaliseHeader(item));

/** A header without a trailing parenthesised note: `Expectativa (E)` -> `Expectativa`, `Q1 (1-7)` -> `Q1`. */
export function stripHeaderNote(header: string): string {
  const stripped = header.replace(/\s*\([^()]*\)\s*$/, '').trim();
  return stripped === '' ? header.trim() : stripped;
}

/** Family prefixes that name a SERVQUAL questionnaire, preferred when several numbered families are numeric. */
export const PREFERRED_PAIR_FAMILIES: readonly string[] = ['servqual', 'sq', 'sqi', 'q', 'item', 'question', 'questao', 'pregunta', 'soalan'];
/** The family of pairs named by words (`E_reliability`), not numbered. */
export const NAMED_FAMILY = 'named';

/** SERVQUAL dimension names in the languages Rapport reads, normalised -> the dimension. */
const DIMENSION_WORDS: Record<string, (typeof SERVQUAL_DIMENSIONS)[number]> = {
  tangibles: 'tangibles', tangible: 'tangibles', tangibility: 'tangibles', tangiveis: 'tangibles', tangivel: 'tangibles',
  tangibilidade: 'tangibles', tangibilidad: 'tangibles', tangibilite: 'tangibles', ketara: 'tangibles', tangibel: 'tangibles',
  reliability: 'reliability', reliable: 'reliability', confiabilidade: 'reliability', fiabilidad: 'reliability',
  confiabilidad: 'reliability', fiabilite: 'reliability', kebolehpercayaan: 'reliability',
  responsiveness: 'responsiveness', responsive: 'responsiveness', responsividade: 'responsiveness', presteza: 'responsiveness',
  'capacidad de respuesta': 'responsiveness', reactivite: 'responsiveness', 'daya tanggap': 'responsiveness', responsif: 'responsiveness',
  assurance: 'assurance', seguranca: 'assurance', garantia: 'assurance', seguridad: 'assurance', jaminan: 'assurance',
  empathy: 'empathy', empatia: 'empathy', empathie: 'empathy', empati: 'empathy',
};

/** The SERVQUAL dimension an item or column part is named after (`reliability`, `Reliability_2`, `empatia 3`), or null. */
export function servqualDimensionOf(name: string): string | null {
  const n = normaliseHeader(name).replace(/( \d+)+$/, '');
  return DIMENSION_WORDS[n] ?? null;
}

/** `n` as a share of `of` (0 of nothing is 0). */
export const share = (n: number, of: number) => (of === 0 ? 0 : n / of);

/** A gap computed in the file (`gap`, `gap_p_minus_e`, `diferenca`): never a role, never an attribute. */
export function isGapColumn(name: string): boolean {
  const n = ` ${normaliseHeader(name)} `;
  return / (gap|gaps|diferenca|diferencia|ecart|jurang|kesenjangan) /.test(n) || / p minus e /.test(n);
}

type Side = 'expectation' | 'perception';
interface PairPart {
  column: string;
  index: number;
  key: string;
  item: string;
  family: string;
  side: Side;
  /** A terse coding (`E1`, `Q1E`): read only when the header has at least TERSE_MIN_PAIRS such pairs. */
  terse?: boolean;
}

/** The item of a pair stem: `q1` -> family q, item 1; `Reliability` -> family named, item Reliability. */
function stemItem(stem: string): { family: string; item: string } {
  // `reliability_2` is the second reliability item, not item 2 of a "reliability" family.
  if (servqualDimensionOf(stem)) return { family: NAMED_FAMILY, item: stem.trim() };
  const m = NUMBERED_STEM.exec(normaliseHeader(stem).replace(/ /g, '_'));
  if (m) return { family: m[1]!, item: String(Number(m[2])) };
  return { family: NAMED_FAMILY, item: stem.trim() };
}

/** What pair part a column name is, if any. */
export function pairPart(column: string, index = 0): PairPart | null {
  const lower = stripHeaderNote(column.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  // One separator between stem and side word (` - ` counts as one): `a--_exp` keeps its stem `a--`.
  const sep = String.raw`(?:[ _]|\s*[-.\u2013]\s*)`;
  const tries: [RegExp, Side, 'stem-first' | 'stem-last'][] = [
    [new RegExp(`^(.+?)${sep}(${EXP_WORDS})$`, 'i'), 'expectation', 'stem-first'],
    [new RegExp(`^(.+?)${sep}(${PERC_WORDS})$`, 'i'), 'perception', 'stem-first'],
    [new RegExp(`^(${EXP_WORDS})${sep}(.+)$`, 'i'), 'expectation', 'stem-last'],
    [new RegExp(`^(${PERC_WORDS})${sep}(.+)$`, 'i'), 'perception', 'stem-last'],
  ];
  const terse = TERSE_SIDE_FIRST.exec(lower);
  if (terse) {
    const item = String(Number(terse[2]));
    const side: Side = terse[1]!.toLowerCase().startsWith('e') ? 'expectation' : 'perception';
    return { column, index, key: `${TERSE_FAMILY}:${item}`, item, family: TERSE_FAMILY, side, terse: true };
  }

  for (const [re, side, order] of tries) {
    const m = re.exec(lower);
    if (!m) continue;
    const stem = order === 'stem-first' ? m[1]! : m[2]!;
    const { family, item } = stemItem(stem);
    return { column, index, key: `${family}:${normaliseHeader(item)}`, item, family, side };
  }
  const n = NUMBERED_PAIR.exec(lower.toLowerCase());
  if (n && (n[3] === '1' || n[3] === '2')) {
    const item = String(Number(n[2]));
    return { column, index, key: `${n[1]}#:${item}`, item, family: n[1]!, side: n[3] === '1' ? 'expectation' : 'perception' };
  }
  // `Q1E`/`Q1P` (`Q1_E` is read above, as a stem and a side word).
  const terseQ = TERSE_NUMBER_FIRST.exec(lower);
  if (terseQ) {
    const item = String(Number(terseQ[1]));
    const side: Side = terseQ[2]!.toLowerCase() === 'e' ? 'expectation' : 'perception';
    return { column, index, key: `q:${item}`, item, family: 'q', side, terse: true };
  }
  return null;
}

export interface PairFamily {
  family: string;
  /** Numbered `_1`/`_2` pairs (the suffix meaning is an assumption the report states). */
  numbered: boolean;
  numeric: boolean;
  pairs: SurveyPair[];
  /** Columns of the family that are not in a complete pair (unused: attributes). */
  columns: string[];
}

/**
 * Every family of expectation/perception column pairs in a header. A numbered family with any
 * suffix other than _1/_2 (three measures per item) is not a pair family; a family whose
 * values are not numbers (Kano answers as text) is kept but marked non-numeric.
 */
export function findPairFamilies(profiles: readonly ColumnProfile[]): PairFamily[] {
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const parts = profiles.map((p, i) => pairPart(p.name, i)).filter((p): p is PairPart => p !== null);
  // Numbered families with a third suffix are not pairs.
  const badFamilies = new Set<string>();
  for (const p of profiles) {
    const n = NUMBERED_PAIR.exec(p.name.toLowerCase());
    if (n && n[3] !== '1' && n[3] !== '2') badFamilies.add(n[1]!);
  }
  const families = new Map<string, PairFamily>();
  const tersePairs = new Map<PairFamily, number>();
  const byKey = new Map<string, PairPart[]>();
  for (const part of parts) {
    const numbered = part.key.includes('#:');
    if (numbered && badFamilies.has(part.family)) continue;
    const list = byKey.get(part.key) ?? [];
    list.push(part);
    byKey.set(part.key, list);
  }
  for (const list of byKey.values()) {
    const exp = list.find((p) => p.side === 'expectation');
    const perc = list.find((p) => p.side === 'perception');
    const first = list[0]!;
    const numbered = first.key.includes('#:');
    const fam = families.get(first.family + (numbered ? '#' : '')) ?? { family: first.family, numbered, numeric: true, pairs: [], columns: [] };
    families.set(first.family + (numbered ? '#' : ''), fam);
    if (exp && perc) {
      fam.pairs.push({ item: first.item, expectation: exp.column, perception: perc.column });
      if (exp.terse && perc.terse) tersePairs.set(fam, (tersePairs.get(fam) ?? 0) + 1);
      for (const p of list) if (p !== exp && p !== perc) fam.columns.push(p.column);
    } else {
      fam.columns.push(...list.map((p) => p.column));
    }
  }
  const out = [...families.values()].filter(
    (f) =>
      f.pairs.length > 0 &&
      // `expectation_score`/`perception_score`: the score columns of a long survey, not an item "score".
      !(f.pairs.length === 1 && isGenericStem(f.pairs[0]!.item)) &&
      // `E1`/`P1` alone could be anything; E1..E22/P1..P22 is SERVQUAL's own coding.
      !(tersePairs.get(f) === f.pairs.length && f.pairs.length < TERSE_MIN_PAIRS),
  );
  // A family is numeric when its answers, all columns together, mostly are: a few bad answers
  // are rejects, not a reason to skip the family; Kano answers in words are not numbers at all.
  for (const f of out) {
    const ps = f.pairs.flatMap((p) => [byName.get(p.expectation), byName.get(p.perception)]).filter((p): p is ColumnProfile => p !== undefined);
    const nonEmpty = ps.reduce((a, p) => a + p.nonEmpty, 0);
    f.numeric = nonEmpty === 0 || share(ps.reduce((a, p) => a + p.numbers, 0), nonEmpty) >= 0.5;
  }
  const order = new Map(profiles.map((p, i) => [p.name, i]));
  for (const f of out) f.pairs.sort((a, b) => order.get(a.expectation)! - order.get(b.expectation)!);
  return out.sort((a, b) => order.get(a.pairs[0]!.expectation)! - order.get(b.pairs[0]!.expectation)!);
}

/** The usual Likert scales, smallest first: the detected scale is the first holding (nearly) every answer. */
export const LIKERT_SCALES: readonly SurveyScaleRange[] = [
  { min: 1, max: 5 },
  { min: 1, max: 7 },
  { min: 1, max: 10 },
  { min: 0, max: 10 },
];

/**
 * Pair prefixes known to hold answers that are not expectation/perception scores (Kano's
 * functional/dysfunctional questions are answered in categories): offered last.
 */
const NON_GAP_PAIR_FAMILIES: readonly string[] = ['kano'];

/**
 * The pair families of a header alone (no values, so every family counts as numeric), in the
 * order a form offers them: SERVQUAL-named prefixes first (in PREFERRED_PAIR_FAMILIES order),
 * then word-named pairs (`E_reliability`), then other prefixes, then prefixes known not to be
 * gap scores (`kano`); ties keep column order. Whether a family holds numbers cannot be known
 * from the header, so the first is the family detection reads when its answers are numbers.
 * Each family name appears once (a numbered and a named family with one prefix: the first kept).
 */
export function headerPairFamilies(columns: readonly string[]): PairFamily[] {
  const profiles: ColumnProfile[] = columns.map((name) => ({
    name, rows: 0, nonEmpty: 0, distinct: 0, dates: 0, firstOver12: 0, secondOver12: 0, slashDates: 0,
    numbers: 0, integers: 0, pointEvidence: 0, commaEvidence: 0, samples: [],
  }));
  const rank = (f: PairFamily) => {
    const name = f.family.toLowerCase();
    const preferred = PREFERRED_PAIR_FAMILIES.indexOf(name);
    if (preferred >= 0) return preferred;
    const n = PREFERRED_PAIR_FAMILIES.length;
    if (f.family === NAMED_FAMILY) return n;
    return NON_GAP_PAIR_FAMILIES.includes(name) ? n + 2 : n + 1;
  };
  const seen = new Set<string>();
  return findPairFamilies(profiles)
    .sort((a, b) => rank(a) - rank(b))
    .filter((f) => !seen.has(f.family) && seen.add(f.family) !== undefined);
}

/** The prefixes of headerPairFamilies (the `pairs` option's values), best first; [] when the header has no pairs. */
export function pairFamiliesOfHeader(columns: readonly string[]): string[] {
  return headerPairFamilies(columns).map((f) => f.family);
}
