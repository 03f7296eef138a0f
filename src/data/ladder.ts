import {
  FREQUENCY_BINS,
  LADDER_RUNGS,
  LAPSED,
  flowKind,
  ladderReasonNotice,
  resolveLadderRules,
  type LadderComparison,
  type LadderEvidence,
  type LadderFacts,
  type LadderFlow,
  type LadderPlace,
  type LadderResult,
  type LadderRules,
  type LadderRulesInput,
  type LadderRung,
  type LadderRungRow,
  type RungBasis,
  type RungEvidence,
} from '../analytics/ladder.js';
import { chainNotices, ladderNotice, plainLadderNotice, type LadderNotice } from '../analytics/ladder-notices.js';
import { isNotice, type Notice } from '../analytics/notice.js';
import { validateIsoDate } from '../analytics/rfm-options.js';
import type { SelectedIgnoringRequest, SelectedResult } from '../analytics/selection.js';
import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { hasCustomersTable, hasTable } from './table-presence.js';
import { derivedWindow } from './rfm.js';
import { seesWholeHistory } from './whole-history.js';
import { invalidateSelection, selectionTableWithout } from './selection-state.js';
import { T } from './sql/ingest-sql.js';
import {
  createLadderSql,
  LADDER_FROM_TABLE,
  LADDER_TABLE,
  ladderEvidenceSql,
  ladderFlowsSql,
  ladderMembersSql,
  ladderTallySql,
} from './sql/ladder-sql.js';

export interface LadderRequest {
  /** ISO date (YYYY-MM-DD); default the day after the last order. Later orders and feedback are left out. */
  asOf?: string;
  /** Rules as JSON text or values, merged over the defaults (see analytics/ladder.ts). */
  rules?: string | LadderRulesInput;
}

export interface LadderComparisonRequest {
  /** The earlier date (ISO). */
  from: string;
  /** The later date (ISO); default the day after the last order. */
  to?: string;
  rules?: string | LadderRulesInput;
}

/** One contact on the ladder, with the plain-words reason for their place. */
export interface LadderMember {
  customer_id: string;
  rung: LadderPlace;
  /** Why the contact is there, in English (the command line's members file writes it). */
  reason: string;
  /** The reason as a notice, for the interface to translate (`reasonNotice.text === reason`). */
  reasonNotice: Notice;
}

/** A built ladder: its result, and whether attitude was inferred from the F score. */
export interface CurrentLadder {
  result: LadderResult;
  inferred: boolean;
}

/** What the engine's ladder table holds now: the resolved date and rules it was built for (see ladderKey), and its result. */
const ladderWith = new WeakMap<Engine, CurrentLadder & { key: string }>();

/**
 * The date a ladder asked with no as-of date resolves to (the day after the last order), once a
 * ladder has been built that way: so `{}` and `{ asOf: thatDate }` find the same cached ladder.
 * Forgotten with the data (forgetLadder), not when another date's ladder replaces the table.
 */
const defaultAsOf = new WeakMap<Engine, string | null>();

/** The cache key of a ladder: the date it is built as of (resolved, never "default") and the rules. */
const ladderKey = (asOf: string | null, rules: LadderRules) => JSON.stringify({ asOf, rules });

/** The ladder table no longer matches the data (a load replaced orders, customers or feedback). */
export function forgetLadder(engine: Engine): void {
  defaultAsOf.delete(engine);
  dropLadder(engine);
}

/** The ladder table is about to change (or no longer matches): a selection of a place goes with it. */
function dropLadder(engine: Engine): void {
  ladderWith.delete(engine);
  invalidateSelection(engine, 'ladder');
}

/** The ladder the engine's ladder table holds, or null. */
export function currentLadder(engine: Engine): CurrentLadder | null {
  return ladderWith.get(engine) ?? null;
}

/** A RangeError of a ladder request, with its message as a notice for the interface to translate. */
const requestError = (notice: Notice): RangeError & { notice: Notice } => Object.assign(new RangeError(notice.text), { notice });

function checkDate(value: string | undefined, what: string): string | null {
  if (value === undefined) return null;
  try {
    return validateIsoDate(value, what);
  } catch (e) {
    // The date check's own notice, when it words one, goes along.
    const notice = (e as { notice?: unknown }).notice;
    throw Object.assign(new RangeError((e as Error).message), isNotice(notice) ? { notice } : {});
  }
}

/** The F scores an inference takes, worded: "F score 4-5 of 5", or "F score 5 of 5". */
const fRange = (min: number): LadderNotice =>
  min >= FREQUENCY_BINS ? plainLadderNotice('ladder.f-score-top', { max: FREQUENCY_BINS }) : plainLadderNotice('ladder.f-score-range', { min, max: FREQUENCY_BINS });

/** A rung's evidence, its note worded in English and kept as a notice. */
const rungEvidence = (basis: RungBasis, note: LadderNotice | null = null): RungEvidence => ({ basis, note: note?.text ?? null, noteNotice: note });

interface EvidenceCounts {
  /** Feedback rows dated by the as-of date (or undated), all feedback rows, and the undated ones. */
  feedbackRows: number;
  feedbackRowsAll: number;
  undatedRows: number;
  feedbackCustomers: number;
  /** Feedback ids that are contacts, and buyers with an answer of a kind that can place them. */
  matchedCustomers: number;
  placingCustomers: number;
  buyers: number;
  /** Contacts flagged as partners in the rules. */
  flagged: number;
  asOf: string | null;
}

/**
 * How each rung was decided, and the messages the reader must see. `inferred`: attitude comes
 * from the F score (no buyer has feedback that can place them, or a comparison says so). Pure.
 */
function evidenceOf(rules: LadderRules, c: EvidenceCounts, hasCustomers: boolean, hasFeedback: boolean, inferred: boolean): LadderEvidence {
  const feedback: LadderEvidence['feedback'] =
    c.placingCustomers > 0 ? 'matched' : !hasFeedback || c.feedbackRows === 0 ? 'absent' : c.matchedCustomers === 0 ? 'unmatched' : 'unusable';
  const messages: LadderNotice[] = [];
  const rungs = {} as Record<LadderRung, RungEvidence>;
  rungs.prospect = hasCustomers ? rungEvidence('customer-list') : rungEvidence('missing', plainLadderNotice('ladder.note.no-customer-list'));
  if (!hasCustomers) messages.push(ladderNotice('ladder.no-customer-list'));
  rungs.customer = rungEvidence('orders');
  rungs.client = rungEvidence('orders');
  const supMin = rules.withoutFeedback.supporterMinFScore;
  const advMin = rules.withoutFeedback.advocateMinFScore;
  if (!inferred) {
    rungs.supporter = rungEvidence('feedback');
    rungs.advocate = rungEvidence('feedback');
    rungs.partner = rungEvidence('feedback');
    const uncovered = c.buyers - c.placingCustomers;
    if (uncovered > 0) messages.push(ladderNotice('ladder.feedback-coverage', { covered: c.placingCustomers, buyers: c.buyers, n: uncovered }));
  } else {
    const later = c.feedbackRowsAll - c.feedbackRows;
    const answers = { rows: c.feedbackRows, people: c.feedbackCustomers };
    const why =
      feedback === 'unmatched'
        ? ladderNotice('ladder.feedback-unmatched', answers)
        : feedback === 'unusable'
          ? ladderNotice('ladder.feedback-unusable', answers)
          : hasFeedback && later > 0
            ? c.asOf === null
              ? ladderNotice('ladder.feedback-later-undated', { n: later })
              : ladderNotice('ladder.feedback-later', { date: c.asOf, n: later })
            : ladderNotice('ladder.feedback-none');
    const missingNote = plainLadderNotice(feedback === 'absent' ? 'ladder.note.no-feedback' : 'ladder.note.no-usable-feedback');
    const inferredNote = (min: number) =>
      plainLadderNotice(feedback === 'absent' ? 'ladder.note.inferred-no-feedback' : 'ladder.note.inferred-no-usable-feedback', { range: fRange(min) });
    rungs.supporter = supMin === null ? rungEvidence('missing', missingNote) : rungEvidence('frequency', inferredNote(supMin));
    rungs.advocate = advMin === null ? rungEvidence('missing', missingNote) : rungEvidence('frequency', inferredNote(advMin));
    const parts = [why];
    if (supMin !== null && advMin !== null) parts.push(ladderNotice('ladder.inferred-both', { supporter: fRange(supMin), advocate: fRange(advMin) }));
    else if (supMin !== null) parts.push(ladderNotice('ladder.inferred-supporter', { range: fRange(supMin) }));
    else if (advMin !== null) parts.push(ladderNotice('ladder.inferred-advocate', { range: fRange(advMin) }));
    if (supMin === null && advMin === null) parts.push(ladderNotice('ladder.missing-both'));
    else if (supMin === null) parts.push(ladderNotice('ladder.missing-supporter'));
    else if (advMin === null) parts.push(ladderNotice('ladder.missing-advocate'));
    messages.push(chainNotices(parts, 'ladder.then'));
  }
  if (rungs.advocate.basis === 'missing') {
    rungs.partner = rules.partner.ids.length
      ? rungEvidence('orders', plainLadderNotice('ladder.note.partner-flagged-only'))
      : rungEvidence('missing', plainLadderNotice('ladder.note.partner-missing'));
  } else if (inferred) {
    rungs.partner = rungEvidence(
      'frequency',
      plainLadderNotice('ladder.note.partner-inferred', { share: Math.round(rules.partner.topSpendShare * 100), days: rules.partner.minTenureDays }),
    );
  }
  if (c.flagged > 0) messages.push(ladderNotice('ladder.flagged-partners', { n: c.flagged }));
  if (hasFeedback && c.undatedRows > 0) messages.push(ladderNotice('ladder.undated-feedback', { n: c.undatedRows }));
  return {
    customerList: hasCustomers,
    feedback,
    feedbackRows: c.feedbackRows,
    feedbackCustomers: c.feedbackCustomers,
    matchedCustomers: c.matchedCustomers,
    placingCustomers: c.placingCustomers,
    rungs,
    messages: messages.map((m) => m.text),
    messageNotices: messages,
  };
}

/**
 * Build a ladder into `table` and read its summary. `inferred` forces how attitude is decided
 * (a comparison uses the later date's way at both dates, so a move is never just a change of
 * evidence). Call inside the engine's queue.
 */
async function buildLadder(
  engine: Engine,
  table: string,
  asOf: string | null,
  rules: LadderRules,
  inferredAlready?: boolean,
  windowAlready?: { days: number; derived: boolean },
): Promise<CurrentLadder> {
  if (!(await hasTable(engine, T.orders))) throw requestError(ladderNotice('ladder.no-orders'));
  const hasCustomers = await hasCustomersTable(engine);
  const hasFeedback = await hasTable(engine, T.feedback);
  const wholeHistory = await seesWholeHistory(engine, asOf);
  const [e] = rowsOf<{
    feedback_rows: number; feedback_rows_all: number; undated_rows: number; feedback_customers: number;
    matched_customers: number; placing_customers: number; as_of: string | null;
  }>(await engine.query(ladderEvidenceSql({ asOf, hasCustomers, hasFeedback, wholeHistory })));
  const date = e?.as_of ?? null;
  const windowDerived = windowAlready?.derived ?? rules.lapsed.windowDays === null;
  const windowDays = windowAlready?.days ?? rules.lapsed.windowDays ?? (await derivedWindow(engine, date));
  const counts = (buyers: number, flagged: number): EvidenceCounts => ({
    feedbackRows: e?.feedback_rows ?? 0,
    feedbackRowsAll: e?.feedback_rows_all ?? 0,
    undatedRows: e?.undated_rows ?? 0,
    feedbackCustomers: e?.feedback_customers ?? 0,
    matchedCustomers: e?.matched_customers ?? 0,
    placingCustomers: e?.placing_customers ?? 0,
    buyers,
    flagged,
    asOf: date,
  });
  const inferred = inferredAlready ?? (e?.placing_customers ?? 0) === 0;
  await engine.query(createLadderSql(table, { rules, asOf: date, windowDays, hasCustomers, hasFeedback, inferred, wholeHistory }));
  const tally = await tallyLadder(engine, table, null);
  // Buyers (contacts who reached customer) and flagged partners, for the messages.
  const evidence = evidenceOf(rules, counts(tally.reached[1] ?? 0, tally.flagged), hasCustomers, hasFeedback, inferred);
  const result: LadderResult = {
    asOf: date,
    ...countsOf(tally, evidence, windowDays, windowDerived),
    evidence,
    rules,
  };
  return { result, inferred };
}

/** Contacts per place and per rung climbed to, of a ladder table (of the selected contacts only, with `selectionTable`). */
interface LadderTally {
  placeOf: Map<LadderPlace, { rung: LadderPlace; customers: number; revenue: number; flagged: number }>;
  climbOf: Map<LadderRung, { rung: LadderRung; customers: number; lapsed: number; median_days: number | null }>;
  contacts: number;
  flagged: number;
  /** reached[k]: contacts whose earned rung is k or higher (a flagged partner counts where it earned). */
  reached: number[];
}

async function tallyLadder(engine: Engine, table: string, selectionTable: string | null): Promise<LadderTally> {
  const tally = rowsOf<{ kind: 'place' | 'climb'; rung: LadderPlace; customers: number; revenue: number | null; flagged: number | null; lapsed: number | null; median_days: number | null }>(
    await engine.query(ladderTallySql(table, selectionTable)),
  );
  const places = tally.filter((t) => t.kind === 'place').map((t) => ({ rung: t.rung, customers: t.customers, revenue: t.revenue ?? 0, flagged: t.flagged ?? 0 }));
  const climb = tally.filter((t) => t.kind === 'climb').map((t) => ({ rung: t.rung as LadderRung, customers: t.customers, lapsed: t.lapsed ?? 0, median_days: t.median_days }));
  const climbOf = new Map(climb.map((c) => [c.rung, c]));
  return {
    placeOf: new Map(places.map((p) => [p.rung, p])),
    climbOf,
    contacts: places.reduce((s, p) => s + p.customers, 0),
    flagged: places.reduce((s, p) => s + p.flagged, 0),
    reached: LADDER_RUNGS.map((_, k) => LADDER_RUNGS.slice(k).reduce((s, r) => s + (climbOf.get(r)?.customers ?? 0), 0)),
  };
}

/** The counted part of a ladder result (contacts, rungs, lapsed), from a tally and the evidence that says which rungs exist. */
function countsOf(tally: LadderTally, evidence: LadderEvidence, windowDays: number, windowDerived: boolean): Pick<LadderResult, 'contacts' | 'rungs' | 'lapsed'> {
  const { placeOf, climbOf, reached } = tally;
  const available = (r: LadderRung) => evidence.rungs[r].basis !== 'missing';
  const rungs: LadderRungRow[] = LADDER_RUNGS.map((rung, k) => {
    const here = placeOf.get(rung);
    const next = LADDER_RUNGS[k + 1];
    const customers = here?.customers ?? 0;
    const revenue = here?.revenue ?? 0;
    const convertible = next !== undefined && available(rung) && available(next) && (reached[k] ?? 0) > 0;
    const conversion = convertible ? (reached[k + 1] ?? 0) / (reached[k] as number) : null;
    return {
      rung,
      customers,
      reached: reached[k] ?? 0,
      revenue,
      averageValue: customers > 0 ? revenue / customers : null,
      conversionToNext: conversion,
      dropOff: conversion === null ? null : 1 - conversion,
      medianDaysToNext: next === undefined || !convertible ? null : (climbOf.get(next)?.median_days ?? null),
      available: available(rung),
    };
  });
  const lapsedPlace = placeOf.get(LAPSED);
  const from = Object.fromEntries(LADDER_RUNGS.map((r) => [r, climbOf.get(r)?.lapsed ?? 0])) as Record<LadderRung, number>;
  return {
    contacts: tally.contacts,
    rungs,
    lapsed: { customers: lapsedPlace?.customers ?? 0, revenue: lapsedPlace?.revenue ?? 0, from, windowDays, windowDerived },
  };
}

/**
 * The ladder as of a date, kept in the engine's ladder table for customers() and members(). With
 * `selected`, the ladder is still built over everyone (the same places, cached as usual) and
 * then counted over the selected contacts only: contacts, rungs, conversions, medians and
 * lapsed; the evidence stays that of the whole ladder. `ignore` leaves parts of the selection
 * out of the counts (never changing the selection in force). Cached by the resolved date, so
 * no date and the default date's own share one ladder. Call inside the engine's queue.
 */
export async function readLadder(engine: Engine, request: LadderRequest & SelectedIgnoringRequest = {}): Promise<LadderResult & Partial<SelectedResult>> {
  const rules = resolveLadderRules(request.rules);
  const asOf = checkDate(request.asOf, 'asOf');
  // No date: the default one, when already known (else the build below finds it).
  const resolved = asOf ?? (defaultAsOf.has(engine) ? (defaultAsOf.get(engine) as string | null) : undefined);
  const cached = ladderWith.get(engine);
  let result: LadderResult;
  if (resolved !== undefined && cached?.key === ladderKey(resolved, rules)) result = cached.result;
  else {
    dropLadder(engine);
    const built = await buildLadder(engine, LADDER_TABLE, asOf, rules);
    if (asOf === null) defaultAsOf.set(engine, built.result.asOf);
    ladderWith.set(engine, { key: ladderKey(built.result.asOf, rules), ...built });
    result = built.result;
  }
  if (!request.selected) return result;
  // After building: a new ladder has cleared a selection of the old one's places.
  // `ignore`: counted over the rest of the selection, built apart: the selection in force stays.
  const { table, info } = await selectionTableWithout(engine, request.ignore ?? []);
  if (!table) return { ...result, selection: info };
  const tally = await tallyLadder(engine, LADDER_TABLE, table);
  return { ...result, ...countsOf(tally, result.evidence, result.lapsed.windowDays, result.lapsed.windowDerived), selection: info };
}

/** The ladder at two dates and the flows between them; the later one becomes the current ladder. */
export async function readLadderComparison(engine: Engine, request: LadderComparisonRequest): Promise<LadderComparison> {
  const rules = resolveLadderRules(request.rules);
  const fromDate = checkDate(request.from, 'from');
  if (fromDate === null) throw requestError(ladderNotice('ladder.from-required'));
  const toResult = await readLadder(engine, { ...(request.to ? { asOf: request.to } : {}), rules });
  if (toResult.asOf !== null && fromDate >= toResult.asOf) {
    throw requestError(ladderNotice('ladder.from-not-before', { from: fromDate, to: toResult.asOf }));
  }
  // The earlier date uses the later one's evidence and inactivity window: no one moves just because those differ.
  const inferred = (currentLadder(engine) as CurrentLadder).inferred;
  const window = { days: toResult.lapsed.windowDays, derived: toResult.lapsed.windowDerived };
  const { result: fromResult } = await buildLadder(engine, LADDER_FROM_TABLE, fromDate, rules, inferred, window);
  const flows = rowsOf<LadderFlow>(await engine.query(ladderFlowsSql(LADDER_FROM_TABLE, LADDER_TABLE)));
  const summary = { climbed: 0, slipped: 0, lapsed: 0, returned: 0, stayed: 0, new: 0 };
  for (const f of flows) summary[flowKind(f.from, f.to)] += f.customers;
  return { from: fromResult, to: toResult, flows, summary };
}

/**
 * Why a contact of the current ladder is where it is: the reason under that ladder's rules,
 * evidence and window, as a notice (its `text` is the English sentence).
 */
export function reasonOnLadder(facts: LadderFacts, current: CurrentLadder): Notice {
  return ladderReasonNotice(facts, current.result.rules, current.inferred, current.result.lapsed.windowDays);
}

/** Every contact of the current ladder (or one place's), with reasons; builds the default ladder when none is current. */
export async function readLadderMembers(engine: Engine, rung: LadderPlace | null = null, request: LadderRequest = {}): Promise<LadderMember[]> {
  if (Object.keys(request).length > 0 || !currentLadder(engine)) await readLadder(engine, request);
  const current = currentLadder(engine) as CurrentLadder;
  const { sql, params } = ladderMembersSql(LADDER_TABLE, rung);
  return rowsOf<LadderFacts & { customer_id: string }>(await engine.query(sql, params)).map((f) => {
    const reasonNotice = reasonOnLadder(f, current);
    return { customer_id: f.customer_id, rung: f.rung, reason: reasonNotice.text, reasonNotice };
  });
}
