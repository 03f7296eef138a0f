import './setup.js';
import { expect } from '@open-wc/testing';
import type { ClvHoldoutRow } from '../../src/analytics/clv/holdout.js';
import { fitClvModel, type ClvModelInput } from '../../src/data/clv-model.js';
import { workerClvRunner } from '../../src/data/clv-runner.js';
import { random } from '../../src/sample/sample-orders.js';
import { probeRows } from './clv-probe-rows.js';

/**
 * The model's check on its last months (ClvModelOptions.checkMonths) fitted through the worker
 * runner, as the page fits it: the same check as inline, and one signal stops both fits.
 */

/**
 * `m` customers simulated as the BG/NBD tells it (a purchase rate each; after each purchase,
 * gone with a probability of their own), observed to a calibration end then 26 weeks more:
 * a calibration/holdout split whose model converges.
 */
function simulatedSplit(m: number, seed = 5): ClvHoldoutRow[] {
  const rand = random(seed);
  const exp = (mean: number) => -Math.log(1 - rand() * 0.999999) * mean;
  return Array.from({ length: m }, (_, i) => {
    const T = Math.round((5 + rand() * 45) * 100) / 100;
    const rate = exp(0.25);
    const dropout = rand() * 0.4;
    let t = 0;
    let frequency = 0;
    let recency = 0;
    let frequencyHoldout = 0;
    while (rand() >= dropout) {
      t += exp(1 / rate);
      if (t > T + 26) break;
      if (t <= T) {
        frequency++;
        recency = Math.round(t * 100) / 100;
      } else frequencyHoldout++;
    }
    const monetaryValue = frequency ? Math.round((10 + 30 * rand()) * 100) / 100 : 0;
    return { customerId: `s${String(i).padStart(5, '0')}`, frequency, recency, T, monetaryValue, frequencyHoldout, monetaryValueHoldout: frequencyHoldout ? 20 : 0, durationHoldout: 26 };
  });
}

/** A model input on `n` probe customers with a check split on `m` simulated ones. */
function inputWithCheck(n: number, m: number): ClvModelInput {
  const rows = probeRows(n);
  const checkRows = simulatedSplit(m);
  return {
    period: 'week',
    calibrationEnd: null,
    observationEnd: '2024-06-30',
    durationHoldout: null,
    rows,
    check: {
      months: 6,
      input: { period: 'week', calibrationEnd: '2023-12-30', observationEnd: '2024-06-30', durationHoldout: 26, rows: checkRows },
      notice: null,
    },
  };
}

describe('the CLV check through the worker', function () {
  this.timeout(120_000);

  it('fits the check and the model in the worker, as inline', async () => {
    const input = inputWithCheck(800, 600);
    const [inWorker, inline] = await Promise.all([fitClvModel(input, { period: 'week' }, workerClvRunner()), fitClvModel(input, { period: 'week' })]);
    expect(inWorker.ranIn).to.equal('worker');
    expect(inWorker.check).to.not.equal(null);
    expect(inWorker.check).to.deep.equal(inline.check);
    expect(inWorker.check!.holdout.calibrationEnd).to.equal('2023-12-30');
    const { predicted, actual } = inWorker.check!.holdout.totals;
    console.log(`[clv] worker check on simulated customers: predicted ${predicted.toFixed(1)} vs actual ${actual}`);
    expect(predicted / actual).to.be.within(0.7, 1.3);
    expect(inWorker.predictions).to.deep.equal(inline.predictions);
    // The model's own fit is the one without the check.
    const { check: _check, ...withoutCheck } = input;
    const plain = await fitClvModel(withoutCheck, { period: 'week' });
    expect(inline.bgNbd).to.deep.equal(plain.bgNbd);
    expect(inline.predictions).to.deep.equal(plain.predictions);
  });

  it('one abort stops both fits: the model rejects with an AbortError', async () => {
    const controller = new AbortController();
    const pending = fitClvModel(inputWithCheck(50_000, 50_000), { period: 'week' }, workerClvRunner({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    let error: unknown;
    const started = performance.now();
    await pending.catch((e: unknown) => (error = e));
    expect((error as Error | undefined)?.name).to.equal('AbortError');
    // Well before two fits of 50,000 customers could have run.
    expect(performance.now() - started).to.be.below(5_000);
  });
});
