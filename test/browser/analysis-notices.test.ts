import { expect, html } from '@open-wc/testing';
import '../../src/components/quality-gap/rapport-quality-gap.js';
import '../../src/components/voice/rapport-voice.js';
import type { RapportQualityGap } from '../../src/components/quality-gap/rapport-quality-gap.js';
import type { RapportVoice } from '../../src/components/voice/rapport-voice.js';
import { QualitySplitError } from '../../src/analytics/quality.js';
import { analysisNotice, analysisNoticeShown } from '../../src/data/analysis-notices.js';
import { deliveryResult, groupedQualityResult, voiceResult } from '../helpers/quality.js';
import { expectFilled, inLanguage, shownText } from './i18n-helpers.js';

/** The delivery notes as the data layer words them: on-time share, undelivered orders, days late. */
function deliveryNotices() {
  return [
    analysisNoticeShown('delivery.on-time', { onTime: 88649, delivered: 96478, share: 91.9, late: 7829 }, { share: '91.9' }),
    analysisNotice('delivery.undelivered', { n: 1234 }),
    analysisNoticeShown('delivery.days-late', { mean: 9.6, median: 7, p90: 21, max: 188 }, { mean: '9.6', median: '7', p90: '21', max: '188' }),
  ];
}

const number = (tag: string, n: number) => new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }).format(n);
const notes = (el: Element, label: string) =>
  [...el.shadowRoot!.querySelectorAll(`[part="notes"][aria-label="${label}"] [part="note"]`)].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());

describe('analysis notices in the reader\'s language', () => {
  const delivery = () => {
    const notices = deliveryNotices();
    return deliveryResult({ messages: notices.map((n) => n.text), notices });
  };
  const survey = () => {
    const notices = [analysisNotice('quality.weighted-equal'), analysisNotice('quality.not-linked', { n: 3, respondents: analysisNotice('quality.respondents', { n: 40 }), group: 'not linked' })];
    return { ...groupedQualityResult(), messages: notices.map((n) => n.text), notices };
  };
  const splitError = () => new QualitySplitError(analysisNotice('quality.split-unknown-attribute-options', { attribute: 'region', options: 'segment, rung' }));

  it('English: the notes and the split error as the data layer wrote them', async () => {
    const el = await inLanguage<RapportQualityGap>('en', html`<rapport-quality-gap .gap=${survey()} .delivery=${delivery()} .splitError=${splitError()}></rapport-quality-gap>`);
    expect(notes(el, 'About the delivery figures')).to.deep.equal(delivery().messages);
    expect(el.shadowRoot!.querySelector('[part="split-error"]')!.textContent).to.equal(
      'The survey has no respondent attribute "region"; it can be split by segment, rung.',
    );
    expect(el.shadowRoot!.querySelector('[part="split-error"]')!.getAttribute('role')).to.equal('alert');
  });

  it('Portuguese: delivery notes, survey notes and the split error translated, numbers of pt-PT', async () => {
    const el = await inLanguage<RapportQualityGap>('pt', html`<rapport-quality-gap .gap=${survey()} .delivery=${delivery()} .splitError=${splitError()}></rapport-quality-gap>`);
    expectFilled(el);
    const said = notes(el, 'Sobre os números da entrega');
    expect(said[0]).to.equal(
      `${number('pt', 88649)} de ${number('pt', 96478)} encomendas entregues (91,9%) chegaram até ao dia prometido; atrasadas: ${number('pt', 7829)}.`,
    );
    expect(said[1]).to.equal(
      `${number('pt', 1234)} encomendas com data prometida não têm data de entrega (não entregues, ou ainda não) e não contam como a tempo nem como atrasadas.`,
    );
    expect(said[2]).to.include('em média, 9,6 dias depois do prometido');
    const text = shownText(el);
    expect(text).to.include('3 de 40 inquiridos não estão associados a um cliente conhecido: agrupados como «not linked».');
    expect(text).to.include('Sem importância no inquérito: todas as dimensões contam o mesmo.');
    expect(el.shadowRoot!.querySelector('[part="split-error"]')!.textContent).to.equal(
      'O inquérito não tem o atributo de inquirido «region»; pode ser dividido por segment, rung.',
    );
    expect(text).not.to.include('delivered orders');
  });

  it('Malay: the same, in Malay with its numbers', async () => {
    const el = await inLanguage<RapportQualityGap>('ms', html`<rapport-quality-gap .gap=${survey()} .delivery=${delivery()} .splitError=${splitError()}></rapport-quality-gap>`);
    expectFilled(el);
    const said = notes(el, 'Tentang angka penghantaran');
    expect(said[0]).to.equal(
      `${number('ms', 88649)} daripada ${number('ms', 96478)} pesanan yang dihantar (91.9%) tiba pada atau sebelum hari yang dijanjikan; ${number('ms', 7829)} lewat.`,
    );
    expect(said[1]).to.match(/^1,234 pesanan dengan tarikh janji tiada tarikh penghantaran/);
    expect(el.shadowRoot!.querySelector('[part="split-error"]')!.textContent).to.equal(
      'Tinjauan tiada atribut responden "region"; ia boleh dibahagikan mengikut segment, rung.',
    );
    expect(shownText(el)).to.include('3 daripada 40 responden tidak dipadankan dengan pelanggan yang dikenali');
  });

  it('a result made by hand, with messages and no notices, shows its messages as written', async () => {
    const el = await inLanguage<RapportQualityGap>('pt', html`<rapport-quality-gap .gap=${groupedQualityResult()} .delivery=${deliveryResult()}></rapport-quality-gap>`);
    expect(notes(el, 'Sobre os números da entrega')).to.deep.equal(['Orders not yet delivered are left out of the on-time share.']);
    expect(el.shadowRoot!.querySelector('[part="split-error"]')).to.equal(null);
  });

  it('the voice notes in Portuguese and Malay', async () => {
    const notices = [analysisNotice('voice.undated', { n: 2 }), analysisNotice('voice.no-scoring')];
    const v = voiceResult({ messages: notices.map((n) => n.text), notices });
    const pt = await inLanguage<RapportVoice>('pt', html`<rapport-voice .voice=${v}></rapport-voice>`);
    expectFilled(pt);
    expect(shownText(pt)).to.include('2 opiniões não têm data: ficam fora dos meses.');
    expect(shownText(pt)).to.include('Ainda sem pontuação RFM: pontue os clientes para ver as opiniões por segmento.');
    const ms = await inLanguage<RapportVoice>('ms', html`<rapport-voice .voice=${v}></rapport-voice>`);
    expectFilled(ms);
    expect(shownText(ms)).to.include('2 maklum balas tiada tarikh: diketepikan daripada bulan.');
  });
});
