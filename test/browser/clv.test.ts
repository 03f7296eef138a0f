import { restoreLightScheme } from './setup.js';
import { expectAccessibleLightAndDark, expectFilled, inLanguage, shownText } from './i18n-helpers.js';
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/components/clv/rapport-clv.js';
import type { RapportClv } from '../../src/components/clv/rapport-clv.js';
import { fitClvModel, type ClvModel, type ClvModelInput } from '../../src/data/clv-model.js';
import { clvNotice } from '../../src/data/clv-notices.js';
import { noticeText } from '../../src/components/base/notices/index.js';
import { fixed } from '../../src/components/base/signed-format.js';
import type { ClvHoldoutRow } from '../../src/analytics/clv/holdout.js';
import { normal, random } from '../../src/sample/sample-orders.js';
import { sumClvGroups, type ClvGroupRow, type ClvGroups } from '../../src/analytics/clv/clv-groups.js';
import type { SelectionInfo } from '../../src/analytics/selection.js';
import { segmentLabel } from '../../src/components/base/common-messages.js';

/** Calibration and holdout lengths (weeks) of the simulated split. */
const CALIBRATION_WEEKS = 52;
const HOLDOUT_WEEKS = 20;

/** A Gamma(shape, 1) draw (Marsaglia and Tsang; shapes below 1 boosted). */
function gamma(rand: () => number, shape: number): number {
  if (shape < 1) return gamma(rand, shape + 1) * rand() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rand);
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(Math.max(rand(), 1e-300)) < x * x / 2 + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * A calibration/holdout split of 400 customers simulated from the BG/NBD story itself (weeks):
 * each joins in the first 30 weeks, buys at a Gamma-distributed rate and may drop out after
 * each purchase (Beta-distributed probability); spends vary around a personal mean. The fit
 * then has something true to find, and the holdout something to compare with.
 */
function holdoutInput(): ClvModelInput {
  const rand = random(11);
  const rows: ClvHoldoutRow[] = Array.from({ length: 400 }, (_, i) => {
    const T = CALIBRATION_WEEKS - Math.floor(rand() * 30);
    const rate = gamma(rand, 0.9) / 5;
    const pa = gamma(rand, 1);
    const dropOut = pa / (pa + gamma(rand, 3));
    const meanSpend = 15 + gamma(rand, 4) * 6;
    const times: number[] = [];
    let t = 0;
    for (;;) {
      if (rand() < dropOut) break;
      t += -Math.log(1 - rand()) / rate;
      if (t > T + HOLDOUT_WEEKS) break;
      times.push(Math.round(t * 100) / 100);
    }
    const calibration = times.filter((x) => x <= T);
    const frequency = calibration.length;
    const spends = calibration.map(() => meanSpend * (0.6 + 0.8 * rand()));
    return {
      customerId: `c${String(i).padStart(4, '0')}`,
      frequency,
      recency: frequency ? calibration.at(-1)! : 0,
      T,
      monetaryValue: frequency ? Math.round((spends.reduce((s, x) => s + x, 0) / frequency) * 100) / 100 : 0,
      frequencyHoldout: times.length - frequency,
      monetaryValueHoldout: 0,
      durationHoldout: HOLDOUT_WEEKS,
    };
  });
  return { period: 'week', calibrationEnd: '2024-03-31', observationEnd: '2024-08-18', durationHoldout: HOLDOUT_WEEKS, rows };
}

let withHoldout: ClvModel;
let withoutHoldout: ClvModel;

before(async function () {
  this.timeout(60_000);
  withHoldout = await fitClvModel(holdoutInput(), { period: 'week', horizon: 26, holdoutGroups: 4 });
  const plain = holdoutInput();
  withoutHoldout = await fitClvModel({ ...plain, calibrationEnd: null, durationHoldout: null }, { period: 'week', horizon: 26 });
});

async function make(model: ClvModel | null) {
  const el = await fixture<RapportClv>(html`<rapport-clv locale="en-US" currency="USD" .model=${model}></rapport-clv>`);
  await el.updateComplete;
  return el;
}
const $ = (el: RapportClv, sel: string) => el.shadowRoot!.querySelector(sel);
const $$ = (el: RapportClv, sel: string) => [...el.shadowRoot!.querySelectorAll(sel)];
const groupsOf = (el: RapportClv) => $$(el, '[part=group]') as SVGGElement[];
const figures = (el: RapportClv) => $$(el, '[part=figure]').map((f) => `${f.querySelector('dt')!.textContent!.trim()}: ${f.querySelector('dd')!.textContent!.trim()}`);
const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const two = (x: number) => fixed(x, 'en-US', 2);
/** The value-by-group table's rows (body, then totals) as cell texts. */
const groupRows = (el: RapportClv) => $$(el, '[part=groups-row]').map((r) => [...r.children].map(text));

/** A group row of hand-picked figures (expected purchases 2 per customer with a prediction). */
function groupRow(group: string, customers: number, predicted: number, totalClv: number | null, alive: number | null, probablyLost: number): ClvGroupRow {
  return {
    group,
    customers,
    predicted,
    valued: totalClv === null ? 0 : predicted,
    probablyLost,
    totalClv,
    meanClv: totalClv === null || !predicted ? null : totalClv / predicted,
    meanProbabilityAlive: predicted ? alive : null,
    totalExpectedPurchases: 2 * predicted,
    meanExpectedPurchases: predicted ? 2 : null,
  };
}

const PREDICTIONS_INFO = { period: 'week', summaryEnd: '2024-08-18', calibrationEnd: null, horizon: 26, months: 12, discountRate: 0.01, customers: 65, valued: 65 } as const;

/** Everyone's value: three segments adding up to $10,000, and ladder places (prospects and the lapsed without a value). */
function handGroups(): ClvGroups {
  const bySegment = [groupRow('Champions', 10, 10, 6000, 0.9, 0), groupRow('At Risk', 20, 20, 3000, 0.4, 12), groupRow('Others', 40, 40, 1000, 0.2, 36)];
  return {
    predictions: PREDICTIONS_INFO,
    bySegment,
    byRung: [groupRow('prospect', 5, 0, null, null, 0), groupRow('customer', 30, 25, 2000, 0.3, 20), groupRow('client', 40, 40, 8000, 0.45, 28), groupRow('lapsed', 0, 0, null, null, 0)],
    total: { ...sumClvGroups('all', bySegment), customers: 70 },
  };
}

/** The selection's: half of the Champions' value and a little of Others', nobody from At Risk. */
function selectedHandGroups(): ClvGroups & { selection: SelectionInfo } {
  const bySegment = [groupRow('Champions', 5, 5, 3000, 0.95, 0), groupRow('Others', 7, 7, 300, 0.3, 5)];
  return {
    selection: { selection: { segment: 'Champions' }, key: 'k', customers: 12 },
    predictions: PREDICTIONS_INFO,
    bySegment,
    byRung: [groupRow('client', 12, 12, 3300, 0.571, 5)],
    total: sumClvGroups('all', bySegment),
  };
}

afterEach(restoreLightScheme);

describe('rapport-clv', () => {
  it('says there is no model yet without one', async () => {
    const el = await make(null);
    expect(text($(el, '[part=empty]'))).to.equal('No model fitted yet.');
    expect($(el, 'svg')).to.equal(null);
  });

  it('draws a predicted and an actual bar per calibration-frequency group, each group named by its figures', async () => {
    const el = await make(withHoldout);
    const h = withHoldout.holdout!;
    expect(h.groups.length).to.be.greaterThan(2);
    const groups = groupsOf(el);
    expect(groups).to.have.length(h.groups.length);
    groups.forEach((g, i) => {
      const group = h.groups[i]!;
      const freq = group.orMore ? `${group.frequency} or more` : String(group.frequency);
      const who = group.customers === 1 ? 'customer' : 'customers';
      expect(g.getAttribute('role')).to.equal('img');
      expect(g.getAttribute('aria-label')).to.equal(
        `Repeat purchases up to Mar 31, 2024: ${freq} (${group.customers.toLocaleString('en-US')} ${who}). Predicted ${two(group.predicted)}, actual ${two(group.actual)} purchases per customer in the holdout.`,
      );
      // Two bars told apart by more than colour: the predicted one hatched with a diamond, the actual one solid with a circle.
      const predicted = g.querySelector<SVGRectElement>('[part~=bar-predicted]')!;
      const actual = g.querySelector<SVGRectElement>('[part~=bar-actual]')!;
      expect(g.querySelector('.bar-hatch')!.getAttribute('fill')).to.match(/^url\(#rapport-clv-\d+-hatch\)$/);
      expect(g.querySelector('path[part~=marker-predicted]')).to.not.equal(null);
      expect(g.querySelector('circle[part~=marker-actual]')).to.not.equal(null);
      // Heights in proportion to the values, from one baseline.
      const [hp, ha] = [Number(predicted.getAttribute('height')), Number(actual.getAttribute('height'))];
      if (group.predicted > 0 && group.actual > 0) expect(ha / hp).to.be.closeTo(group.actual / group.predicted, 1e-6);
      expect(Number(predicted.getAttribute('y')) + hp).to.be.closeTo(Number(actual.getAttribute('y')) + ha, 1e-6);
    });
    // The last group is open-ended (4 or more, as asked), its axis label "4+"; every group shows its size.
    expect(h.groups.at(-1)).to.include({ frequency: 4, orMore: true });
    const labels = $$(el, '[part=axis-label]').map((t) => t.textContent!.trim());
    expect(labels).to.include('4+');
    expect(labels).to.include(`n = ${h.groups[0]!.customers.toLocaleString('en-US')}`);
    expect(text($(el, '[part=legend]'))).to.equal('Predicted by the model (hatched bar, diamond) Actually bought (solid bar, circle)');
    // The totals, with the ratio.
    const { customers, predicted, actual } = h.totals;
    expect(text($(el, '[part=totals]'))).to.equal(
      `All ${customers} customers: the model predicted ${predicted.toLocaleString('en-US', { maximumFractionDigits: 2 })} purchases in the holdout and ${actual.toLocaleString('en-US')} were made; the prediction is ${(predicted / actual).toLocaleString('en-US', { style: 'percent', maximumFractionDigits: 1 })} of the actual.`,
    );
    expect(text($(el, '[part=intro]'))).to.contain('in the next 20 weeks (to Aug 18, 2024)');
    await expectAccessibleLightAndDark(el);
  });

  it('gives the same figures as a table', async () => {
    const el = await make(withHoldout);
    const h = withHoldout.holdout!;
    ($(el, 'summary') as HTMLElement).click();
    await el.updateComplete;
    expect(text($(el, 'caption'))).to.equal('Predicted and actual purchases in the holdout, by repeat purchases up to the calibration end');
    const head = $$(el, 'thead th').map(text);
    expect(head).to.deep.equal(['Repeat purchases in calibration', 'Customers', 'Predicted (mean)', 'Actual (mean)', 'Actual − predicted']);
    const rows = $$(el, 'tbody tr').map((r) => [...r.children].map(text));
    expect(rows).to.have.length(h.groups.length);
    rows.forEach((cells, i) => {
      const g = h.groups[i]!;
      const diff = g.actual - g.predicted;
      expect(cells).to.deep.equal([
        g.orMore ? `${g.frequency} or more` : String(g.frequency),
        g.customers.toLocaleString('en-US'),
        two(g.predicted),
        two(g.actual),
        Math.abs(diff) < 0.005 ? '0.00' : `${diff > 0 ? '+' : '\u2212'}${two(Math.abs(diff))}`,
      ]);
    });
    const foot = [...$(el, 'tfoot tr')!.children].map(text);
    expect(foot.slice(0, 4)).to.deep.equal(['All customers', String(h.totals.customers), two(h.totals.predicted / h.totals.customers), two(h.totals.actual / h.totals.customers)]);
    await expectAccessibleLightAndDark(el);
  });

  it('shows the headline figures and the fitted parameters in words', async () => {
    const el = await make(withHoldout);
    const m = withHoldout;
    const expected = m.predictions.reduce((s, p) => s + p.expectedPurchases, 0);
    const values = m.predictions.map((p) => p.clv!).filter((v) => v !== null);
    const total = values.reduce((s, v) => s + v, 0);
    const money = (x: number) => x.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });
    const lost = m.predictions.filter((p) => p.probabilityAlive < 0.5).length / m.predictions.length;
    expect(figures(el)).to.deep.equal([
      'Customers: 400',
      `Expected purchases, next 26 weeks: ${Math.round(expected).toLocaleString('en-US')}`,
      `Total lifetime value, next 12 months: ${money(total)}`,
      `Mean lifetime value per customer: ${money(total / values.length)}`,
      `Customers with P(alive) below 50%: ${lost.toLocaleString('en-US', { style: 'percent', maximumFractionDigits: 1 })}`,
    ]);
    const params = $$(el, '[part=param]').map((p) => `${text(p.querySelector('dt'))} = ${text(p.querySelector('dd'))}`);
    const { r, alpha, a, b } = m.bgNbd!.params;
    const { p, q, v } = m.gammaGamma!.params;
    const three = (x: number) => fixed(x, 'en-US', 3);
    expect(params).to.deep.equal([
      `r shape of purchase rates = ${three(r)}`,
      `α scale of purchase rates = ${three(alpha)}`,
      `a drop-out, first shape = ${three(a)}`,
      `b drop-out, second shape = ${three(b)}`,
      `p shape of order values = ${three(p)}`,
      `q shape of mean spends = ${three(q)}`,
      `v scale of mean spends = ${three(v)}`,
    ]);
    const details = $$(el, '[part=fit-detail]').map(text);
    expect(details[0]).to.equal(`Log-likelihood \u2212${fixed(-m.bgNbd!.logLikelihood, 'en-US', 2)}, fitted on 400 customers.`);
    expect(details[1]).to.match(/^Converged: \d+ of \d+ starting points reached the same optimum\.$/);
    expect(details).to.include(`Log-likelihood \u2212${fixed(-m.gammaGamma!.logLikelihood, 'en-US', 2)}, fitted on ${m.gammaGamma!.customers} repeat buyers.`);
    const ind = m.independence!;
    expect(details.some((d) => d.startsWith(`Frequency–spend independence ${ind.dependent ? 'fails' : 'holds'}: r = `))).to.equal(true);
    expect(details.at(-1)).to.equal('Expected purchases over the 26 weeks after Mar 31, 2024. Lifetime value over 12 months, discounted at 1% a month.');
  });

  it('without a holdout shows the model and says a calibration date is needed for the check', async () => {
    const el = await make(withoutHoldout);
    expect(withoutHoldout.holdout).to.equal(null);
    expect(text($(el, '[part=no-holdout]'))).to.match(/^To check the model against what customers did next, fit it with the last months of orders held out/);
    expect(groupsOf(el)).to.have.length(0);
    expect($(el, 'table')).to.equal(null);
    expect($$(el, '[part=param]')).to.have.length(7);
    expect(figures(el)[0]).to.equal('Customers: 400');
    await expectAccessibleLightAndDark(el);
  });

  it('moves between groups with the arrow keys, one tab stop, the readout following', async () => {
    const el = await make(withHoldout);
    const groups = groupsOf(el);
    expect(groups.map((g) => g.getAttribute('tabindex'))).to.deep.equal(['0', ...groups.slice(1).map(() => '-1')]);
    groups[0]!.focus();
    await el.updateComplete;
    expect(text($(el, '[part=readout]'))).to.equal(groups[0]!.getAttribute('aria-label'));
    expect($(el, '[part=focus-ring]')).to.not.equal(null);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(groupsOf(el)[1]);
    expect(groupsOf(el)[1]!.getAttribute('tabindex')).to.equal('0');
    expect(groupsOf(el)[0]!.getAttribute('tabindex')).to.equal('-1');
    expect(text($(el, '[part=readout]'))).to.equal(groupsOf(el)[1]!.getAttribute('aria-label'));
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(groupsOf(el).at(-1));
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(groupsOf(el).at(-1));
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(groupsOf(el)[0]);
    (el.shadowRoot!.activeElement as SVGGElement).blur();
    await el.updateComplete;
    expect(text($(el, '[part=readout]'))).to.equal('');
  });

  it('respects reduced motion', async () => {
    const el = await make(withHoldout);
    const bar = () => getComputedStyle($(el, '[part~=bar-actual]')!);
    expect(bar().transitionDuration).to.not.equal('0s');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(bar().transitionDuration).to.equal('0s');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('shows the model’s notices, translated, and a failed fit or check in words', async () => {
    const notices = [
      clvNotice('clv.gamma-gamma-not-converged', { gradient: '3.2e-3' }),
      clvNotice('clv.few-repeat-buyers', { n: 12 }),
      clvNotice('clv.independence-fails', { n: 12, r: 0.41, threshold: 0.3 }),
    ];
    // A spend fit that stopped short of its optimum, as the data layer's notice says.
    const gammaGamma = { ...withHoldout.gammaGamma!, convergence: { ...withHoldout.gammaGamma!.convergence, converged: false, gradientNorm: 3.2e-3 } };
    const model: ClvModel = {
      ...withHoldout,
      gammaGamma,
      independence: { r: 0.41, n: 12, threshold: 0.3, dependent: true },
      notices,
      warnings: notices.map((n) => n.text),
    };
    const el = await make(model);
    const shown = $$(el, '[part=notice]').map(text);
    expect(shown).to.deep.equal(notices.map((n) => n.text));
    const details = $$(el, '[part=fit-detail]').map(text);
    expect(details).to.include('Did not converge (gradient norm ' + model.gammaGamma!.convergence.gradientNorm.toExponential(1) + '): treat these figures with caution.');
    expect(details).to.include('Frequency–spend independence fails: r = +0.41 among 12 repeat buyers, beyond ±0.3; the spend values may be biased.');
    expect($$(el, '.warn').length).to.equal(2);

    const pt = await inLanguage<RapportClv>('pt', html`<rapport-clv .model=${model} currency="EUR"></rapport-clv>`);
    const ptShown = $$(pt, '[part=notice]').map(text);
    expect(ptShown).to.deep.equal(notices.map((n) => noticeText(n, 'pt', 'pt')));
    expect(ptShown[1]).to.equal('Só 12 clientes voltaram a comprar: o modelo de gasto assenta em muito poucos dados.');
    expectFilled(pt);
  });

  it('shows the spend figures as missing when the spend model could not be fitted', async () => {
    const notices = [clvNotice('clv.no-spend')];
    const model: ClvModel = {
      ...withoutHoldout,
      gammaGamma: null,
      independence: null,
      predictions: withoutHoldout.predictions.map((p) => ({ ...p, clv: null, expectedAverageValue: null })),
      notices,
      warnings: notices.map((n) => n.text),
    };
    const el = await make(model);
    expect(figures(el).slice(2, 4)).to.deep.equal(['Total lifetime value, next 12 months: –', 'Mean lifetime value per customer: –']);
    expect($$(el, '[part=param]')).to.have.length(4);
    const details = $$(el, '[part=fit-detail]').map(text);
    expect(details).to.include('Not fitted: see the notes.');
    expect(details).to.include('Frequency–spend independence not checked: there are no repeat buyers.');
    expect($$(el, '[part=notice]').map(text)).to.deep.equal([notices[0]!.text]);
  });

  it('shows where the value is: a bar per segment on one scale, its share, mean, P(alive) and the probably lost; the toggle shows the ladder', async () => {
    const el = await fixture<RapportClv>(html`<rapport-clv locale="en-US" currency="USD" .model=${withoutHoldout} .groups=${handGroups()}></rapport-clv>`);
    await el.updateComplete;
    expect(text($(el, '[part~=groups] [part=section-title]'))).to.equal('Where the value is');
    expect($$(el, '[part~=group-by-option]').map(text)).to.deep.equal(['Segment', 'Place on the ladder']);
    expect($(el, '[part~=group-by-option-pressed]')!.textContent!.trim()).to.equal('Segment');
    expect(text($(el, '[part=groups-caption]'))).to.equal('Predicted lifetime value by segment, next 12 months');
    expect($$(el, '[part=groups-header]').map(text)).to.deep.equal([
      'Segment',
      'Customers',
      'Lifetime value',
      'Share of the value',
      'Mean per customer',
      'Mean P(alive)',
      'P(alive) below 50%',
    ]);
    expect(groupRows(el)).to.deep.equal([
      ['Champions', '10', '$6,000.00', '60%', '$600.00', '90%', '0 (0%)'],
      ['At Risk', '20', '$3,000.00', '30%', '$150.00', '40%', '12 (60%)'],
      ['Others', '40', '$1,000.00', '10%', '$25.00', '20%', '36 (90%)'],
      ['All customers', '70', '$10,000.00', '100%', '$142.86', '35.7%', '48 (68.6%)'],
    ]);
    // One scale: the biggest group fills the bar, the others in proportion; the totals row has none.
    const widths = $$(el, '[part=value-bar-everyone]').map((r) => Number(r.getAttribute('width')));
    expect(widths).to.deep.equal([100, 50, 16.7]);
    expect($$(el, '[part=value-bar-selected]')).to.have.length(0);
    ($$(el, '[part~=group-by-option]')[1] as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.groupBy).to.equal('rung');
    expect(el.getAttribute('group-by')).to.equal('rung');
    expect(text($(el, '[part=groups-caption]'))).to.equal('Predicted lifetime value by place on the ladder, next 12 months');
    expect(groupRows(el).map((r) => r.slice(0, 3))).to.deep.equal([
      ['Prospect', '5', '–'],
      ['Customer', '30', '$2,000.00'],
      ['Client', '40', '$8,000.00'],
      ['Lapsed', '0', '–'],
      ['All customers', '70', '$10,000.00'],
    ]);
    await expectAccessibleLightAndDark(el);
  });

  it('shows the other grouping when the one asked for is missing, and no toggle with one grouping', async () => {
    const groups = { ...handGroups(), bySegment: null };
    const el = await fixture<RapportClv>(html`<rapport-clv locale="en-US" .model=${withoutHoldout} .groups=${groups}></rapport-clv>`);
    expect($(el, '[part~=group-by]')).to.equal(null);
    expect(text($(el, '[part=groups-caption]'))).to.contain('by place on the ladder');
    el.groups = { ...handGroups(), bySegment: null, byRung: null };
    await el.updateComplete;
    expect($(el, '[part~=groups]')).to.equal(null);
  });

  it('while customers are selected: the figures are theirs with everyone’s under each, and each bar shows the selected part of its group', async () => {
    const el = await fixture<RapportClv>(
      html`<rapport-clv locale="en-US" currency="USD" .model=${withoutHoldout} .groups=${handGroups()} .selectedGroups=${selectedHandGroups()}></rapport-clv>`,
    );
    await el.updateComplete;
    expect(text($(el, '[part=selection-note]'))).to.equal('Selected customers with a prediction: 12 of 70. The figures are theirs; everyone’s is under each.');
    const everyone = $$(el, '[part=everyone]').map(text);
    expect(figures(el)[0]).to.equal('Selected customers: 12');
    expect(everyone[0]).to.equal('Everyone: 70');
    expect(figures(el)[2]).to.equal('Total lifetime value, next 12 months: $3,300.00');
    expect(everyone[2]).to.equal('Everyone: $10,000.00');
    expect(text($(el, '[part=groups-caption]'))).to.equal('Predicted lifetime value of the selected customers by segment, next 12 months');
    expect($$(el, '[part=groups-header]').map(text)).to.include('Everyone’s lifetime value');
    expect(groupRows(el)).to.deep.equal([
      ['Champions', '5', '$3,000.00', '$6,000.00', '90.9%', '$600.00', '95%', '0 (0%)'],
      // A group the selection does not reach reads as empty.
      ['At Risk', '0', '–', '$3,000.00', '–', '–', '–', '–'],
      ['Others', '7', '$300.00', '$1,000.00', '9.1%', '$42.86', '30%', '5 (71.4%)'],
      ['All selected customers', '12', '$3,300.00', '$10,000.00', '100%', '$275.00', '57.1%', '5 (41.7%)'],
    ]);
    expect($$(el, '[part=value-bar-everyone]').map((r) => Number(r.getAttribute('width')))).to.deep.equal([100, 50, 16.7]);
    expect($$(el, '[part=value-bar-selected]').map((r) => Number(r.getAttribute('width')))).to.deep.equal([50, 0, 5]);
    expect(text($(el, '[part=groups-intro]'))).to.match(/^The solid part of each bar is the selected customers’/);
    await expectAccessibleLightAndDark(el);
    // Nobody selected any more: everyone's again.
    el.selectedGroups = { ...handGroups(), selection: null };
    await el.updateComplete;
    expect($(el, '[part=selection-note]')).to.equal(null);
    expect($$(el, '[part=everyone]')).to.have.length(0);
    expect(figures(el)[0]).to.equal('Customers: 70');
  });

  it('a check that could not be made points to the notes, which say why in the language in force', async () => {
    const notices = [clvNotice('clv.check-failed', { n: 6, months: 6, reason: clvNotice('clv.check-unpredicted-unconverged') })];
    const model: ClvModel = { ...withoutHoldout, notices, warnings: notices.map((n) => n.text) };
    const el = await make(model);
    expect(text($(el, '[part=no-holdout]'))).to.equal('The model could not be checked against what customers did next: the notes below say why.');
    expect($$(el, '[part=notice]').map(text)).to.deep.equal([
      'The model could not be checked on the last 6 months: the model fitted on the orders before them did not converge and could not predict the purchases in them. Its predictions are not affected.',
    ]);
    const fr = await inLanguage<RapportClv>('fr', html`<rapport-clv .model=${model}></rapport-clv>`);
    expectFilled(fr);
    // (Read raw: the text helper folds the no-break space French puts before the colon.)
    expect($$(fr, '[part=notice]').map((n) => n.textContent!.trim())).to.deep.equal([
      'Le modèle n’a pas pu être vérifié sur les 6 derniers mois\u00a0: le modèle ajusté sur les commandes antérieures n’a pas convergé et n’a pas pu prévoir les achats de cette période. Ses prévisions n’en sont pas affectées.',
    ]);
  });

  it('fitted on every purchase with a check: shows the check’s holdout and says the figures come from the full model', async () => {
    const model: ClvModel = {
      ...withoutHoldout,
      check: { months: 6, bgNbd: withHoldout.bgNbd, holdout: withHoldout.holdout! },
    };
    const el = await make(model);
    expect($(el, '[part=no-holdout]')).to.equal(null);
    expect(groupsOf(el)).to.have.length(withHoldout.holdout!.groups.length);
    expect(text($(el, '[part=intro]'))).to.equal(
      'To check it, the model was fitted again on the purchases up to Mar 31, 2024 only, and predicted each customer’s purchases in the next 20 weeks (to Aug 18, 2024). Each pair compares the mean prediction with what the customers actually bought, grouped by their repeat purchases up to Mar 31, 2024. The figures above come from the model fitted on every purchase.',
    );
    expect(text($(el, '[part=totals]'))).to.match(/^All 400 customers: the model predicted/);
    await expectAccessibleLightAndDark(el);
  });

  for (const lang of ['pt', 'ms'] as const) {
    it(`speaks ${lang}: every message found and filled, numbers and dates in the language`, async () => {
      const el = await inLanguage<RapportClv>(
        lang,
        html`<rapport-clv .model=${withHoldout} .groups=${handGroups()} .selectedGroups=${selectedHandGroups()} currency="EUR"></rapport-clv>`,
      );
      expectFilled(el);
      const all = shownText(el);
      if (lang === 'pt') {
        expect(text($(el, '[part=title]'))).to.equal('Valor previsto dos clientes');
        const day = new Intl.DateTimeFormat('pt', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2024, 2, 31));
        expect(all).to.contain(`Compras repetidas até ${day}: 0 (`);
        expect(figures(el)[0]).to.equal('Clientes selecionados: 12');
      } else {
        expect(text($(el, '[part=title]'))).to.equal('Nilai pelanggan yang diramalkan');
        expect(figures(el)[0]).to.equal('Pelanggan terpilih: 12');
        expect(all).to.contain('Pembelian berulang sehingga');
      }
      expect(all).to.not.contain('Predicted by the model');
      expect(all).to.not.contain('Where the value is');
      expect(groupRows(el)[0]![0]).to.equal(lang === 'pt' ? 'Campeões' : segmentLabel('ms', 'Champions'));
      const noHoldout = await inLanguage<RapportClv>(lang, html`<rapport-clv .model=${withoutHoldout}></rapport-clv>`);
      expectFilled(noHoldout);
      await expectAccessibleLightAndDark(el);
    });
  }
});
