import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LadderRulesError,
  evidenceInEnglish,
  ladderReason,
  ladderReasonNotice,
  resolveLadderRules,
  type LadderFacts,
  type LadderResult,
} from '../../src/analytics/ladder.js';
import type { Notice } from '../../src/analytics/notice.js';
import { Dataset } from '../../src/data/dataset.js';
import { noticeText } from '../../src/components/base/notices/index.js';
import { LANGUAGES, loadLanguage } from '../../src/components/base/i18n.js';
import { text, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';

// The translations are language packs loaded on demand: load them all, as an element would its own.
await Promise.all(LANGUAGES.map(loadLanguage));

/** A notice's param that is itself a notice. */
const inner = (n: Notice | null | undefined, name: string) => n?.params[name] as Notice;

// As of 2025-01-01, inactive after 180 days: A bought once, B twice, F three times (the top
// frequency score), G twice long ago (lapsed client, silent for 1,430 days).
const ORDERS = `order_id,customer_id,order_date,amount
1,A,2024-12-01,100
2,B,2024-11-01,100
3,B,2024-12-01,100
4,F,2023-01-01,5000
5,F,2024-06-01,5000
6,F,2024-12-01,5000
7,G,2021-01-01,100
8,G,2021-02-01,100
`;
const AS_OF = '2025-01-01';
const RULES = { lapsed: { windowDays: 180 } };

describe('ladder evidence as notices', () => {
  let ds: Dataset;
  let l: LadderResult;
  beforeAll(async () => {
    ds = new Dataset(await withEngine());
    loaded(await ds.load({ name: 'orders.csv', bytes: text(ORDERS) }));
    l = await ds.ladder({ asOf: AS_OF, rules: RULES });
  });
  afterAll(() => ds.close());

  it('every message has a notice whose text is the message', () => {
    expect(l.evidence.messageNotices?.map((n) => n.text)).toEqual(l.evidence.messages);
    const [list, feedback] = l.evidence.messageNotices ?? [];
    expect(list?.code).toBe('ladder.no-customer-list');
    // "No feedback data. Supporter inferred from frequency (F score 4-5 of 5). Advocate not available."
    expect(feedback?.code).toBe('ladder.then');
    expect(inner(feedback, 'first').code).toBe('ladder.feedback-none');
    const rest = inner(feedback, 'then');
    expect(inner(rest, 'first')).toMatchObject({ code: 'ladder.inferred-supporter', params: { range: { code: 'ladder.f-score-range', params: { min: 4, max: 5 } } } });
    expect(inner(rest, 'then').code).toBe('ladder.missing-advocate');
  });

  it('every rung note has a notice whose text is the note, with raw values', () => {
    for (const evidence of Object.values(l.evidence.rungs)) expect(evidence.noteNotice?.text ?? null).toBe(evidence.note);
    const { prospect, supporter, partner, customer } = l.evidence.rungs;
    expect(prospect.noteNotice?.code).toBe('ladder.note.no-customer-list');
    expect(prospect.note).toBe('not available: no customer list, so contacts who never bought are not known');
    expect(supporter.noteNotice).toMatchObject({ code: 'ladder.note.inferred-no-feedback', params: { range: { code: 'ladder.f-score-range' } } });
    expect(partner.noteNotice?.code).toBe('ladder.note.partner-missing');
    expect(customer.noteNotice).toBeNull();
  });

  it('an inferred partner note keeps its share and days as numbers', async () => {
    const open = await ds.ladder({ asOf: AS_OF, rules: { ...RULES, withoutFeedback: { advocateMinFScore: 5 }, partner: { minTenureDays: 1500 } } });
    const note = open.evidence.rungs.partner.noteNotice;
    expect(note).toMatchObject({ code: 'ladder.note.partner-inferred', params: { share: 10, days: 1500 } });
    // The English has always written the days bare; the reader's locale formats them.
    expect(open.evidence.rungs.partner.note).toBe('advocates inferred from frequency, top 10% of spend, 1500+ days');
    expect(noticeText(note, 'fr', 'fr')).toBe('ambassadeurs déduits de la fréquence, parmi les 10\u00a0% qui dépensent le plus, depuis 1\u202f500 jours ou plus');
  });

  it('the command line JSON form drops the notices and keeps the English as it was', () => {
    const english = evidenceInEnglish(l.evidence);
    expect(Object.keys(english)).toEqual(['customerList', 'feedback', 'feedbackRows', 'feedbackCustomers', 'matchedCustomers', 'placingCustomers', 'rungs', 'messages']);
    expect(english.rungs.supporter).toEqual({ basis: 'frequency', note: l.evidence.rungs.supporter.note });
    expect(JSON.stringify(english)).not.toMatch(/Notice/);
  });

  it('reasons of the customer list, the members and the detail carry notices whose text is the reason', async () => {
    const rows = await ds.customers({ reasons: true });
    expect(rows.length).toBe(4);
    for (const r of rows) expect(r.reasonNotice?.text).toBe(r.reason);
    const g = rows.find((r) => r.customer_id === 'G');
    expect(g?.reason).toBe('lapsed client: bought twice; no purchase for 1430 days (inactive after 180 days)');
    expect(g?.reasonNotice).toMatchObject({ code: 'ladder.why.lapsed-window', params: { window: 180, lapsed: { code: 'ladder.why.lapsed-client', params: { n: 1430 } } } });
    for (const m of await ds.ladderMembers()) expect(m.reasonNotice.text).toBe(m.reason);
    const detail = await ds.customerDetail('F');
    expect(detail?.customer.reasonNotice?.text).toBe(detail?.customer.reason);
    expect(detail?.customer.reasonNotice?.code).toBe('ladder.why.list');
  });

  it('a request error carries its notice', async () => {
    const error = await ds.ladderComparison({ from: '2025-02-01', to: AS_OF }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as RangeError).message).toBe('from (2025-02-01) must be before the later date (2025-01-01)');
    expect((error as { notice: Notice }).notice).toMatchObject({ code: 'ladder.from-not-before', params: { from: '2025-02-01', to: AS_OF } });
  });
});

describe('ladder reasons as notices', () => {
  const base: LadderFacts = {
    rung: 'client', climbed: 'client', flagged: false, purchases: 2, days_since_last: 31, first_order: '2024-10-01',
    tenure_days: 92, top_value: false, f_score: 3, nps: null, nps_date: null, attitude_kind: null, attitude_score: null,
    attitude_scale_max: null, attitude_normalised: null, attitude_date: null, recommend_normalised: null, recommend_score: null,
    recommend_scale_max: null, recommend_date: null, referred: false, referral_date: null,
  };
  const rules = resolveLadderRules();
  const lapsedSupporter: LadderFacts = {
    ...base, rung: 'lapsed', climbed: 'supporter', purchases: 3, days_since_last: 1234,
    attitude_kind: 'review', attitude_score: 5, attitude_scale_max: 5, attitude_normalised: 1, attitude_date: '2024-01-02',
  };

  it('word the same sentence as ladderReason, parts as nested notices with raw values', () => {
    const cases: [LadderFacts, boolean, number | undefined][] = [
      [base, false, undefined],
      [{ ...base, rung: 'customer', climbed: 'customer', purchases: 1, recommend_normalised: 1, recommend_score: 10, recommend_scale_max: 10 }, false, undefined],
      [{ ...base, rung: 'partner', climbed: 'partner', purchases: 12, nps: 9.46, nps_date: '2024-05-01', attitude_kind: 'satisfaction', attitude_score: 6.5, attitude_scale_max: 7, attitude_normalised: 0.9 }, false, undefined],
      [{ ...base, rung: 'advocate', climbed: 'advocate', top_value: true, tenure_days: 100, f_score: 5 }, true, undefined],
      [lapsedSupporter, false, 90],
      [{ ...base, flagged: true }, false, undefined],
    ];
    for (const [facts, inferred, window] of cases) expect(ladderReasonNotice(facts, rules, inferred, window).text).toBe(ladderReason(facts, rules, inferred, window));
    const n = ladderReasonNotice(lapsedSupporter, rules, false, 90);
    expect(n.text).toBe('lapsed supporter: bought 3 times; latest review 5 of 5 (2024-01-02); no purchase for 1234 days (inactive after 90 days)');
    expect(n).toMatchObject({ code: 'ladder.why.lapsed-window', params: { window: 90 } });
    const lapsed = inner(n, 'lapsed');
    expect(lapsed).toMatchObject({ code: 'ladder.why.lapsed-supporter', params: { n: 1234 } });
    expect(inner(lapsed, 'reason')).toMatchObject({
      code: 'ladder.why.list',
      params: { first: { code: 'ladder.why.bought', params: { n: 3 } }, rest: { code: 'ladder.why.dated', params: { date: '2024-01-02', what: { code: 'ladder.why.review-of', params: { score: 5, max: 5 } } } } },
    });
  });

  it('say the reason in the reader language, the rung in its words and numbers in its locale', () => {
    const n = ladderReasonNotice(lapsedSupporter, rules, false, 90);
    expect(noticeText(n, 'pt', 'pt-PT')).toBe(
      'apoiante afastado: comprou 3 vezes; última avaliação 5 de 5 (2024-01-02); sem compras há 1234 dias (inativo ao fim de 90 dias)',
    );
    expect(noticeText(n, 'ms', 'ms-MY')).toBe(
      'penyokong luput: membeli 3 kali; ulasan terkini 5 daripada 5 (2024-01-02); tiada pembelian selama 1,234 hari (tidak aktif selepas 90 hari)',
    );
    expect(noticeText(ladderReasonNotice({ ...base, purchases: 1 }, rules), 'es', 'es')).toBe('compró una vez; no nos ha dado su opinión');
  });
});

describe('ladder rules errors as notices', () => {
  const problemsOf = (input: string): LadderRulesError => {
    try {
      resolveLadderRules(input);
    } catch (e) {
      return e as LadderRulesError;
    }
    throw new Error('the rules were accepted');
  };

  it('keep the English problems and message, each problem a notice, the whole message one', () => {
    const e = problemsOf('{"client": {"minOrders": 1}, "nope": {}, "partner": {"topSpendShare": 2}}');
    expect(e.problems).toEqual([
      'client.minOrders must be a whole number, at least 2, got 1',
      'unknown section "nope" (known: client, supporter, advocate, partner, withoutFeedback, lapsed)',
      'partner.topSpendShare must be a number above 0 up to 1, got 2',
    ]);
    expect(e.problemNotices.map((p) => p.text)).toEqual(e.problems);
    expect(e.message).toBe(`Invalid ladder rules:\n- ${e.problems.join('\n- ')}`);
    expect(e.notice.text).toBe(e.message);
    expect(e.notice.code).toBe('ladder.rules.invalid');
    expect(e.problemNotices[0]).toMatchObject({
      code: 'ladder.rules.bad-value',
      params: { field: 'client.minOrders', value: '1', problem: { code: 'ladder.rules.whole-at-least', params: { min: 2 } } },
    });
    expect(noticeText(e.notice, 'pt', 'pt-PT')).toBe(
      'Regras da escada inválidas:\n- client.minOrders tem de ser um número inteiro, no mínimo 2; foi recebido 1\n' +
        '- secção desconhecida "nope" (conhecidas: client, supporter, advocate, partner, withoutFeedback, lapsed)\n' +
        '- partner.topSpendShare tem de ser um número acima de 0 e até 1; foi recebido 2',
    );
  });

  it('a single problem is the message itself', () => {
    const e = problemsOf('[1]');
    expect(e.message).toBe('Ladder rules must be an object like {"client": {"minOrders": 2}}, got a list');
    expect(e.notice.code).toBe('ladder.rules.not-object-list');
    expect(noticeText(e.notice, 'ms', 'ms')).toBe('Peraturan tangga mesti objek seperti {"client": {"minOrders": 2}}, tetapi yang diterima ialah senarai');
  });
});
