import { restoreLightScheme } from './setup.js';
import { expect, html, waitUntil } from '@open-wc/testing';
import { expectFilled, inLanguage, shownText } from './i18n-helpers.js';
import '../../src/components/ladder/rapport-ladder.js';
import '../../src/components/customer-table/rapport-customer-table.js';
import '../../src/components/customer-detail/rapport-customer-detail.js';
import type { RapportLadder } from '../../src/components/ladder/rapport-ladder.js';
import type { RapportCustomerTable } from '../../src/components/customer-table/rapport-customer-table.js';
import type { RapportCustomerDetail } from '../../src/components/customer-detail/rapport-customer-detail.js';
import { ladderReasonNotice, resolveLadderRules, type LadderFacts, type LadderResult } from '../../src/analytics/ladder.js';
import { chainNotices, ladderNotice, plainLadderNotice } from '../../src/analytics/ladder-notices.js';
import type { CustomerDetail } from '../../src/analytics/customer-detail.js';
import type { CustomerRow } from '../../src/data/dataset.js';
import { defaultRules, evidenceRungs, rungRow } from '../helpers/ladder.js';

/**
 * The ladder's evidence notes and messages, and a customer's reason for their rung, are notices
 * of the data layer: each element says them in the page's language, numbers in its locale.
 */

const range = plainLadderNotice('ladder.f-score-range', { min: 4, max: 5 });
const note = (n: ReturnType<typeof plainLadderNotice>) => ({ note: n.text, noteNotice: n });
const messages = [
  ladderNotice('ladder.no-customer-list'),
  chainNotices(
    [ladderNotice('ladder.feedback-unmatched', { rows: 1234, people: 56 }), ladderNotice('ladder.inferred-supporter', { range }), ladderNotice('ladder.missing-advocate')],
    'ladder.then',
  ),
];

/** Orders only, feedback that matches no one: supporter inferred, advocate and partner not available. */
function ladder(): LadderResult {
  return {
    asOf: '2025-01-01',
    contacts: 1000,
    rungs: [
      rungRow('prospect', 0, 0, 0, { available: false }),
      rungRow('customer', 600, 1000, 17500, { conversionToNext: 0.4, dropOff: 0.6 }),
      rungRow('client', 250, 400, 30000, { conversionToNext: 0.375, dropOff: 0.625 }),
      rungRow('supporter', 150, 150, 24000),
      rungRow('advocate', 0, 0, 0, { available: false }),
      rungRow('partner', 0, 0, 0, { available: false }),
    ],
    lapsed: { customers: 0, revenue: 0, from: { prospect: 0, customer: 0, client: 0, supporter: 0, advocate: 0, partner: 0 }, windowDays: 365, windowDerived: true },
    evidence: {
      customerList: false,
      feedback: 'unmatched',
      feedbackRows: 1234,
      feedbackCustomers: 56,
      matchedCustomers: 0,
      placingCustomers: 0,
      rungs: evidenceRungs({
        prospect: { basis: 'missing', ...note(plainLadderNotice('ladder.note.no-customer-list')) },
        supporter: { basis: 'frequency', ...note(plainLadderNotice('ladder.note.inferred-no-usable-feedback', { range })) },
        advocate: { basis: 'missing', ...note(plainLadderNotice('ladder.note.no-usable-feedback')) },
        partner: { basis: 'missing', ...note(plainLadderNotice('ladder.note.partner-missing')) },
      }),
      messages: messages.map((m) => m.text),
      messageNotices: messages,
    },
    rules: defaultRules(),
  };
}

/** A supporter who lapsed: a review of 5, silent for 1,234 days, inactive after 90. */
const FACTS: LadderFacts = {
  rung: 'lapsed', climbed: 'supporter', flagged: false, purchases: 3, days_since_last: 1234, first_order: '2020-01-01',
  tenure_days: 1800, top_value: false, f_score: 3, nps: null, nps_date: null, attitude_kind: 'review', attitude_score: 5,
  attitude_scale_max: 5, attitude_normalised: 1, attitude_date: '2024-01-02', recommend_normalised: null, recommend_score: null,
  recommend_scale_max: null, recommend_date: null, referred: false, referral_date: null,
};
const reasonNotice = ladderReasonNotice(FACTS, resolveLadderRules(), false, 90);

const REASON: Record<string, (n: string) => string> = {
  pt: (n) => `apoiante afastado: comprou 3 vezes; última avaliação 5 de 5 (2024-01-02); sem compras há ${n} dias (inativo ao fim de 90 dias)`,
  ms: (n) => `penyokong luput: membeli 3 kali; ulasan terkini 5 daripada 5 (2024-01-02); tiada pembelian selama ${n} hari (tidak aktif selepas 90 hari)`,
};
const int = (lang: string, n: number) => new Intl.NumberFormat(lang).format(n);

function rows(): CustomerRow[] {
  return [
    { customer_id: 'G1', first_order: '2020-01-01', last_order: '2021-08-20', orders: 3, total_spend: 300, rung: 'lapsed', reason: reasonNotice.text, reasonNotice },
    // A row without a notice (older data): its English reason shows as it is.
    { customer_id: 'K2', first_order: '2024-01-01', last_order: '2024-01-01', orders: 1, total_spend: 50, rung: 'customer', reason: 'bought once' },
  ];
}

function detail(): CustomerDetail {
  return {
    customer: {
      customer_id: 'G1', name: 'Gil', listed: true, signup_date: null, first_order: '2020-01-01', last_order: '2021-08-20', orders: 3, returns: 0,
      revenue: 300, margin: null, recency_days: null, r_score: null, f_score: null, m_score: null, segment: null, segment_index: null, type: null,
      rung: 'lapsed', reason: reasonNotice.text, reasonNotice,
    },
    analysisDate: '2025-01-01',
    bins: null,
    orders: [],
    months: [],
    feedback: [],
  };
}

const EVIDENCE = {
  pt: {
    list: 'Sem lista de clientes: os potenciais clientes (contactos que nunca compraram) não são conhecidos, por isso a escada começa em comprador.',
    feedback: (n: string) =>
      `As opiniões (${n} respostas de 56 pessoas) não correspondem a nenhum cliente: verifique se usam os mesmos identificadores de cliente que as encomendas. Apoiante deduzido da frequência (pontuação F 4-5 de 5). Defensor não disponível.`,
    supporter: 'deduzido da frequência (pontuação F 4-5 de 5): sem opiniões utilizáveis',
    advocate: 'não disponível: sem opiniões utilizáveis',
    partner: 'não disponível: os parceiros têm de ser defensores, e os defensores não são conhecidos',
  },
  ms: {
    list: 'Tiada senarai pelanggan: prospek (kenalan yang tidak pernah membeli) tidak diketahui, jadi tangga bermula pada pembeli.',
    feedback: (n: string) =>
      `Maklum balas (${n} jawapan daripada 56 orang) tidak sepadan dengan mana-mana pelanggan: pastikan ia menggunakan ID pelanggan yang sama seperti pesanan. Penyokong disimpulkan daripada kekerapan (skor F 4-5 daripada 5). Pendukung tidak tersedia.`,
    supporter: 'disimpulkan daripada kekerapan (skor F 4-5 daripada 5): tiada maklum balas yang boleh digunakan',
    advocate: 'tidak tersedia: tiada maklum balas yang boleh digunakan',
    partner: 'tidak tersedia: rakan kongsi mesti pendukung, dan pendukung tidak diketahui',
  },
} as const;

/** No English of the notices left, nothing unfilled. */
function expectTranslated(el: Element): void {
  const text = shownText(el);
  expectFilled(el);
  for (const english of ['inferred from frequency', 'not available:', 'bought 3 times', 'lapsed supporter', 'No customer list']) expect(text).not.to.include(english);
}

describe('ladder notices in the reader language', () => {
  afterEach(restoreLightScheme);

  for (const lang of ['pt', 'ms'] as const) {
    it(`the ladder says its evidence messages and rung notes in lang="${lang}" (note, tooltip, table)`, async () => {
      const el = await inLanguage<RapportLadder>(lang, html`<rapport-ladder .ladder=${ladder()}></rapport-ladder>`);
      const words = EVIDENCE[lang];
      const items = [...el.shadowRoot!.querySelectorAll('[part="evidence-item"]')].map((li) => li.textContent);
      expect(items).to.deep.equal([words.list, words.feedback(int(lang, 1234))]);
      const noteOf = (place: string) => el.shadowRoot!.querySelector(`tr[data-place="${place}"] .note`)!.textContent!.trim();
      expect(noteOf('supporter')).to.equal(words.supporter);
      expect(noteOf('advocate')).to.equal(words.advocate);
      expect(noteOf('partner')).to.equal(words.partner);
      el.shadowRoot!.querySelector<SVGGElement>('.place[data-place="supporter"]')!.dispatchEvent(new MouseEvent('mouseenter'));
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="tooltip"]')!.textContent!.replace(/\s+/g, ' ')).to.include(words.supporter);
      expectTranslated(el);
    });

    it(`the customer table says each reason in lang="${lang}", an English-only reason as given`, async () => {
      const el = await inLanguage<RapportCustomerTable>(lang, html`<rapport-customer-table sort-locally sort-key="customer_id" sort-direction="asc" .rows=${rows()}></rapport-customer-table>`);
      await waitUntil(() => el.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length === 2, 'rows render');
      // Customer, rung, then the reason.
      const reasons = [0, 1].map((i) => el.shadowRoot!.querySelector(`lit-virtualizer [data-index="${i}"]`)!.querySelectorAll('[role=cell]')[2]!.textContent!.trim());
      expect(reasons).to.deep.equal([REASON[lang]!(int(lang, 1234)), 'bought once']);
      expect(shownText(el)).not.to.include('lapsed supporter');
      expectFilled(el);
    });

    it(`the customer detail says the reason in lang="${lang}"`, async () => {
      const el = await inLanguage<RapportCustomerDetail>(lang, html`<rapport-customer-detail .detail=${detail()}></rapport-customer-detail>`);
      const reason = el.shadowRoot!.querySelector('[part="reason"]')!.textContent!.replace(/\s+/g, ' ');
      expect(reason).to.include(REASON[lang]!(int(lang, 1234)));
      expectTranslated(el);
    });
  }
});
