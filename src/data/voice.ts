import { VOICE_KINDS, type VoiceCount, type VoiceItem, type VoiceKind, type VoiceRequest, type VoiceResult } from '../analytics/voice.js';
import type { SelectedRequest, SelectedVoiceResult } from '../analytics/selection.js';
import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { currentScoring } from './rfm.js';
import { currentSelectionTable } from './selection-state.js';
import { T, tableExistsSql } from './sql/ingest-sql.js';
import { SCORED_TABLE } from './sql/rfm-sql.js';
import {
  VOICE_NO_CUSTOMER,
  VOICE_NOT_SCORED,
  voiceCountsSql,
  voiceRecentSql,
  voiceRowCountSql,
  voiceSelectionLeftOutSql,
  voiceTotalsSql,
  voiceUnmatchedCustomersSql,
  type VoiceDimension,
} from './sql/voice-sql.js';

export { VOICE_NO_CUSTOMER, VOICE_NONE, VOICE_NOT_SCORED } from './sql/voice-sql.js';

/** A request the caller may get wrong: an unknown kind, a recent count that is not a whole number. */
export class VoiceRequestError extends Error {
  override readonly name = 'VoiceRequestError';
}

function resolveRequest(request: VoiceRequest): { kinds: VoiceKind[]; recent: number } {
  const kinds = request.kinds ?? [...VOICE_KINDS];
  for (const k of kinds) {
    if (!VOICE_KINDS.includes(k)) throw new VoiceRequestError(`"${String(k)}" is not a kind of customer voice; kinds are ${VOICE_KINDS.join(', ')}.`);
  }
  if (kinds.length === 0) throw new VoiceRequestError(`No kind asked for; kinds are ${VOICE_KINDS.join(', ')}.`);
  const recent = request.recent ?? 20;
  if (!Number.isInteger(recent) || recent < 0) throw new VoiceRequestError(`recent must be a whole number of 0 or more, not ${String(recent)}.`);
  return { kinds: VOICE_KINDS.filter((k) => kinds.includes(k)), recent };
}

async function tableExists(engine: Engine, table: string): Promise<boolean> {
  const [r] = rowsOf<{ present: number }>(await engine.query(tableExistsSql(table)));
  return (r?.present ?? 0) > 0;
}

/** Whether there is any voice to read: a feedback table with complaints, suggestions or compliments. */
export async function hasVoice(engine: Engine): Promise<boolean> {
  if (!(await tableExists(engine, T.feedback))) return false;
  const [r] = rowsOf<{ n: number }>(await engine.query(voiceRowCountSql(VOICE_KINDS)));
  return (r?.n ?? 0) > 0;
}

type CountRow = { key: string; total: number; answered_n: number | null; median_days: number | null } & Partial<Record<VoiceKind, number>>;

function toCount(row: CountRow): VoiceCount {
  const counts = Object.fromEntries(VOICE_KINDS.map((k) => [k, row[k] ?? 0])) as Record<VoiceKind, number>;
  return { key: row.key, counts, total: row.total, answered: row.answered_n ?? null, medianDaysToAnswer: row.median_days ?? null };
}

const zero = (key: string): VoiceCount => ({
  key,
  counts: { complaint: 0, suggestion: 0, compliment: 0 },
  total: 0,
  answered: null,
  medianDaysToAnswer: null,
});

/** YYYY-MM -> the next month. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Months in order with every month between the first and the last, the missing ones zero. */
export function fillMonths(months: readonly VoiceCount[]): VoiceCount[] {
  if (months.length === 0) return [];
  const known = new Map(months.map((m) => [m.key, m]));
  const out: VoiceCount[] = [];
  const last = months[months.length - 1]!.key;
  for (let key = months[0]!.key; key <= last; key = nextMonth(key)) out.push(known.get(key) ?? zero(key));
  return out;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * The voice of the customer from the loaded feedback: complaints, suggestions and compliments
 * (or the kinds asked) by category, channel, RFM segment (the current scoring's; null before
 * one) and month, answered shares and median days to answer, the latest texts, and messages
 * saying what the figures leave out. An empty result when there is no feedback table. Call
 * inside the engine's queue. Rejects with a VoiceRequestError for a bad request.
 *
 * With `selected`, the feedback of the selected customers only (see Dataset.select): rows with
 * no customer id and rows of other customers drop out, counted in `leftOut` and said in messages.
 */
export async function readVoice(engine: Engine, request: VoiceRequest & SelectedRequest = {}): Promise<VoiceResult & Partial<SelectedVoiceResult>> {
  const { kinds, recent } = resolveRequest(request);
  const byKind = { complaint: 0, suggestion: 0, compliment: 0 } as Record<VoiceKind, number>;
  const { table: selection, info } = request.selected ? currentSelectionTable(engine) : { table: null, info: null };
  const selectedResult = async (): Promise<Partial<SelectedVoiceResult>> => {
    if (!request.selected) return {};
    if (!selection) return { selection: null, leftOut: { noCustomerId: 0, otherCustomers: 0 } };
    const [l] = rowsOf<{ no_customer: number; other_customers: number }>(await engine.query(voiceSelectionLeftOutSql(kinds, selection)));
    return { selection: info, leftOut: { noCustomerId: l?.no_customer ?? 0, otherCustomers: l?.other_customers ?? 0 } };
  };
  if (!(await tableExists(engine, T.feedback))) {
    const none: VoiceResult = { total: 0, byKind, byCategory: [], byChannel: [], bySegment: null, byMonth: [], answered: null, recent: [], messages: ['No feedback is loaded.'] };
    return request.selected ? { ...none, selection: info, leftOut: { noCustomerId: 0, otherCustomers: 0 } } : none;
  }
  const counts = async (dimension: VoiceDimension, scored: string | null = null) =>
    rowsOf<CountRow>(await engine.query(voiceCountsSql(dimension, kinds, scored, selection))).map(toCount);
  const scoring = currentScoring(engine);
  const [t] = rowsOf<CountRow & {
    undated: number; known: number; answered_undated: number; answered_early: number; customers: number; no_customer: number; other_kinds: number;
  }>(await engine.query(voiceTotalsSql(kinds, selection)));
  const totals = toCount({ ...t!, key: '' });
  for (const k of kinds) byKind[k] = totals.counts[k];

  const byCategory = await counts('category');
  const byChannel = await counts('channel');
  const bySegment = scoring ? await counts('segment', SCORED_TABLE) : null;
  const byMonth = fillMonths(await counts('month'));
  const items = rowsOf<VoiceItem>(await engine.query(voiceRecentSql(kinds, selection), [recent]));
  const extra = await selectedResult();

  const messages: string[] = [];
  const total = totals.total;
  const what = kinds.length === VOICE_KINDS.length ? 'complaints, suggestions or compliments' : kinds.map((k) => `${k}s`).join(' or ');
  if (extra.leftOut && extra.selection) {
    const { noCustomerId, otherCustomers } = extra.leftOut;
    const left = [
      noCustomerId > 0 && `${plural(noCustomerId, 'piece', 'pieces')} with no customer id`,
      otherCustomers > 0 && `${plural(otherCustomers, 'piece', 'pieces')} from other customers`,
    ].filter(Boolean);
    messages.push(`Selected customers only${left.length ? `: ${left.join(' and ')} left out` : ''}.`);
  }
  if (total === 0) messages.push(selection ? `The selected customers gave no ${what}.` : `The feedback loaded has no ${what}.`);
  if (t!.undated > 0) messages.push(`${plural(t!.undated, 'piece of feedback has', 'pieces of feedback have')} no date: left out of the months.`);
  if (total > 0 && t!.known === 0) {
    messages.push('The feedback says nothing of answers (no answered date or status column): the share answered is unknown.');
  } else if (t!.known < total) {
    messages.push(`${plural(total - t!.known, 'piece of feedback does', 'pieces of feedback do')} not say whether it was answered: the share answered is of the ${plural(t!.known, 'piece', 'pieces')} that do.`);
  }
  if (t!.answered_undated > 0) {
    messages.push(`${plural(t!.answered_undated, 'answered piece has', 'answered pieces have')} no answered date (or no date): left out of the time to answer.`);
  }
  if (t!.answered_early > 0) {
    messages.push(`${plural(t!.answered_early, 'piece was', 'pieces were')} answered before written (the dates are wrong somewhere): left out of the time to answer.`);
  }
  if (t!.no_customer > 0) {
    messages.push(`${plural(t!.no_customer, 'piece of feedback has', 'pieces of feedback have')} no customer id: counted everywhere but by customer${scoring ? `, and under "${VOICE_NO_CUSTOMER}" by segment` : ''}.`);
  }
  if (await tableExists(engine, T.orders)) {
    const [u] = rowsOf<{ n: number }>(await engine.query(voiceUnmatchedCustomersSql(kinds, selection)));
    if (u && u.n > 0) {
      messages.push(`${plural(u.n, 'customer', 'customers')} of the ${t!.customers.toLocaleString('en-US')} who gave feedback ${u.n === 1 ? 'is' : 'are'} not in the orders loaded${scoring ? `: counted under "${VOICE_NOT_SCORED}" by segment` : ''}.`);
    }
    if (!scoring && total > 0) messages.push('No RFM scoring yet: score the customers to see the feedback by segment.');
  } else if (total > 0) {
    messages.push('No orders are loaded: the feedback cannot be split by segment.');
  }
  if (t!.other_kinds > 0) messages.push(`${plural(t!.other_kinds, 'other piece', 'other pieces')} of feedback (other kinds) ${t!.other_kinds === 1 ? 'is' : 'are'} not counted here.`);

  const answered = t!.known > 0 ? { share: (totals.answered ?? 0) / t!.known, medianDaysToAnswer: totals.medianDaysToAnswer } : null;
  return { total, byKind, byCategory, byChannel, bySegment, byMonth, answered, recent: items, messages, ...extra };
}
