import { VOICE_KINDS, type VoiceCount, type VoiceItem, type VoiceKind, type VoiceRequest, type VoiceResult } from '../analytics/voice.js';
import { hasTable } from './table-presence.js';
import type { SelectedRequest, SelectedVoiceResult } from '../analytics/selection.js';
import type { Notice } from '../analytics/notice.js';
import { analysisNotice } from './analysis-notices.js';
import { rowsOf } from './arrow-rows.js';
import type { Engine } from './engine/engine.js';
import { currentScoring } from './rfm.js';
import { currentSelectionTable } from './selection-state.js';
import { T } from './sql/ingest-sql.js';
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

/** Whether there is any voice to read: a feedback table with complaints, suggestions or compliments. */
export async function hasVoice(engine: Engine): Promise<boolean> {
  if (!(await hasTable(engine, T.feedback))) return false;
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

const KIND_NOTICES = { complaint: 'voice.kinds-complaint', suggestion: 'voice.kinds-suggestion', compliment: 'voice.kinds-compliment' } as const;

/** The kinds asked for, as a phrase ("complaints, suggestions or compliments", "complaints or compliments"). */
function kindsNotice(kinds: readonly VoiceKind[]): Notice {
  if (kinds.length === VOICE_KINDS.length) return analysisNotice('voice.kinds-all');
  return kinds
    .map((k): Notice => analysisNotice(KIND_NOTICES[k]))
    .reduce((first, second) => analysisNotice('voice.kinds-either', { first, second }));
}

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
  if (!(await hasTable(engine, T.feedback))) {
    const said = analysisNotice('voice.no-feedback');
    const none: VoiceResult = { total: 0, byKind, byCategory: [], byChannel: [], bySegment: null, byMonth: [], answered: null, recent: [], messages: [said.text], notices: [said] };
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

  const notices: Notice[] = [];
  const total = totals.total;
  if (extra.leftOut && extra.selection) {
    const { noCustomerId, otherCustomers } = extra.leftOut;
    const noId = noCustomerId > 0 ? analysisNotice('voice.pieces-no-customer-id', { n: noCustomerId }) : null;
    const others = otherCustomers > 0 ? analysisNotice('voice.pieces-other-customers', { n: otherCustomers }) : null;
    notices.push(
      noId && others
        ? analysisNotice('voice.selected-only-left-out-both', { noCustomerId: noId, otherCustomers: others })
        : noId || others
          ? analysisNotice('voice.selected-only-left-out', { leftOut: (noId ?? others)! })
          : analysisNotice('voice.selected-only'),
    );
  }
  if (total === 0) notices.push(analysisNotice(selection ? 'voice.none-selected' : 'voice.none-loaded', { kinds: kindsNotice(kinds) }));
  if (t!.undated > 0) notices.push(analysisNotice('voice.undated', { n: t!.undated }));
  if (total > 0 && t!.known === 0) {
    notices.push(analysisNotice('voice.answers-unknown'));
  } else if (t!.known < total) {
    notices.push(analysisNotice('voice.answers-partly-known', { n: total - t!.known, known: analysisNotice('voice.pieces', { n: t!.known }) }));
  }
  if (t!.answered_undated > 0) notices.push(analysisNotice('voice.answered-undated', { n: t!.answered_undated }));
  if (t!.answered_early > 0) notices.push(analysisNotice('voice.answered-early', { n: t!.answered_early }));
  if (t!.no_customer > 0) {
    notices.push(
      scoring
        ? analysisNotice('voice.no-customer-id-scored', { n: t!.no_customer, group: VOICE_NO_CUSTOMER })
        : analysisNotice('voice.no-customer-id', { n: t!.no_customer }),
    );
  }
  if (await hasTable(engine, T.orders)) {
    const [u] = rowsOf<{ n: number }>(await engine.query(voiceUnmatchedCustomersSql(kinds, selection)));
    if (u && u.n > 0) {
      notices.push(
        scoring
          ? analysisNotice('voice.customers-not-in-orders-scored', { n: u.n, customers: t!.customers, group: VOICE_NOT_SCORED })
          : analysisNotice('voice.customers-not-in-orders', { n: u.n, customers: t!.customers }),
      );
    }
    if (!scoring && total > 0) notices.push(analysisNotice('voice.no-scoring'));
  } else if (total > 0) {
    notices.push(analysisNotice('voice.no-orders'));
  }
  if (t!.other_kinds > 0) notices.push(analysisNotice('voice.other-kinds', { n: t!.other_kinds }));
  const messages = notices.map((n) => n.text);

  const answered = t!.known > 0 ? { share: (totals.answered ?? 0) / t!.known, medianDaysToAnswer: totals.medianDaysToAnswer } : null;
  return { total, byKind, byCategory, byChannel, bySegment, byMonth, answered, recent: items, messages, notices, ...extra };
}
