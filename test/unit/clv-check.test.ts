import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addCalendarMonths, ClvOptionsError, clvCheckPlan } from '../../src/analytics/clv/holdout.js';
import { CLV_NOTICES } from '../../src/data/clv-notices.js';
import type { Notice } from '../../src/analytics/notice.js';
import { inlineClvRunner, readClvModel, readClvModelInput, resolveClvModelOptions, type ClvModel, type ClvRunner } from '../../src/data/clv-model.js';
import { Dataset } from '../../src/data/dataset.js';
import { sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { hasSharedData, text, withEngine } from '../helpers/engine.js';
import { loaded } from '../helpers/ingest.js';
import { loadCdnowSample } from '../helpers/cdnow.js';

/**
 * The check of the CLV model on its last months held out (ClvModelOptions.checkMonths): the
 * calendar arithmetic of the split (analytics/clv/holdout.ts), the second fit beside the model
 * on every order (data/clv-model.ts, Dataset.clvModel), and what it says when it cannot be made.
 * Real DuckDB: the generated sample shop, handmade orders and CDNOW.
 */

/** The model without its timing, which differs between two fits of the same thing. */
const untimed = ({ fitMs: _fitMs, ...rest }: ClvModel) => rest;

describe('calendar months for the check (pure)', () => {
  it('adds and subtracts calendar months, clamping the day to the month end', () => {
    expect(addCalendarMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addCalendarMonths('2023-03-31', -1)).toBe('2023-02-28');
    expect(addCalendarMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addCalendarMonths('1900-03-31', -1)).toBe('1900-02-28');
    expect(addCalendarMonths('2000-03-30', -1)).toBe('2000-02-29');
    expect(addCalendarMonths('2024-05-31', -1)).toBe('2024-04-30');
    expect(addCalendarMonths('1998-06-30', -6)).toBe('1997-12-30');
    expect(addCalendarMonths('2024-01-15', -13)).toBe('2022-12-15');
    expect(addCalendarMonths('2024-12-31', 2)).toBe('2025-02-28');
    expect(addCalendarMonths('2024-07-04', 0)).toBe('2024-07-04');
    expect(addCalendarMonths('2024-01-15', -24)).toBe('2022-01-15');
    expect(addCalendarMonths('0050-03-31', -1)).toBe('0050-02-28');
  });

  it('gives null outside the years an ISO date can write, and refuses what is not a date or a whole number', () => {
    expect(addCalendarMonths('0001-01-15', -1)).toBeNull();
    expect(addCalendarMonths('9999-12-01', 1)).toBeNull();
    expect(() => addCalendarMonths('2024-1-5', 1)).toThrow(RangeError);
    expect(() => addCalendarMonths('2024-01-05', 1.5)).toThrow(RangeError);
  });

  it('plans the split: calibration to the end less N months; too short when less than N months come before it', () => {
    expect(clvCheckPlan('1997-01-01', '1998-06-30', 6)).toEqual({ months: 6, calibrationEnd: '1997-12-30', tooShort: false });
    // Exactly N months before the calibration end is enough; a day less is not.
    expect(clvCheckPlan('1997-06-30', '1998-06-30', 6).tooShort).toBe(false);
    expect(clvCheckPlan('1997-07-01', '1998-06-30', 6)).toEqual({ months: 6, calibrationEnd: '1997-12-30', tooShort: true });
    expect(clvCheckPlan('2024-01-10', '2024-03-31', 1)).toEqual({ months: 1, calibrationEnd: '2024-02-29', tooShort: false });
    expect(clvCheckPlan('0001-01-01', '0001-03-01', 6).tooShort).toBe(true);
    expect(() => clvCheckPlan('2024-01-10', '2024-03-31', 0)).toThrow(RangeError);
  });
});

describe('checkMonths option', () => {
  it('takes a whole number of months; 0 or absent means no check, and a calibration end ignores it', () => {
    expect(resolveClvModelOptions({ checkMonths: 6 }).checkMonths).toBe(6);
    expect(resolveClvModelOptions({}).checkMonths).toBeNull();
    expect(resolveClvModelOptions({ checkMonths: 0 }).checkMonths).toBeNull();
    expect(resolveClvModelOptions({ checkMonths: 6, calibrationEnd: '1997-09-30' }).checkMonths).toBeNull();
    for (const bad of [-1, 1.5, Number.NaN, Infinity, '6' as unknown as number]) {
      expect(() => resolveClvModelOptions({ checkMonths: bad }), String(bad)).toThrow(ClvOptionsError);
      expect(() => resolveClvModelOptions({ checkMonths: bad }), String(bad)).toThrow(/checkMonths must be a whole number/);
    }
  });
});

describe('the check on the generated sample shop', () => {
  let dataset: Dataset;
  let plain: ClvModel;
  let checked: ClvModel;
  let calls: number;

  beforeAll(async () => {
    dataset = new Dataset(await withEngine());
    loaded(await dataset.load({ name: 'sample.csv', bytes: text(sampleOrdersCsv({ customers: 400 })) }));
    plain = await dataset.clvModel({ period: 'week', horizon: 26 });
    calls = 0;
    const counting: ClvRunner = (rows, options) => {
      calls++;
      return inlineClvRunner(rows, options);
    };
    checked = await dataset.clvModel({ period: 'week', horizon: 26, checkMonths: 3 }, counting);
  });
  afterAll(async () => {
    await dataset?.close();
  });

  it('is null without the option', () => {
    expect(plain.check).toBeNull();
  });

  it('leaves the model itself as it is without the option: same parameters, predictions, notices and summary date', () => {
    const { check, ...rest } = untimed(checked);
    expect(check).not.toBeNull();
    const { check: none, ...plainRest } = untimed(plain);
    expect(none).toBeNull();
    expect(rest).toEqual(plainRest);
    expect(checked.summaryEnd).toBe(plain.observationEnd);
    expect(checked.calibrationEnd).toBeNull();
    expect(checked.holdout).toBeNull();
  });

  it('fits twice through the same runner, and keeps only the model’s predictions', () => {
    expect(calls).toBe(2);
    expect(dataset.clvPredictions).toMatchObject({ summaryEnd: plain.observationEnd, calibrationEnd: null, customers: plain.customers });
  });

  it('holds out the last N calendar months: calibration end = observation end less 3 months', () => {
    const c = checked.check!;
    expect(c.months).toBe(3);
    expect(c.holdout.observationEnd).toBe(checked.observationEnd);
    expect(c.holdout.calibrationEnd).toBe(addCalendarMonths(checked.observationEnd!, -3));
    expect(c.holdout.calibrationEnd < checked.observationEnd!).toBe(true);
    expect(c.bgNbd!.customers).toBe(c.holdout.totals.customers);
    expect(c.holdout.totals.customers).toBeLessThanOrEqual(checked.customers);
    // Purchases are all the check compares: no spend model is fitted for it.
    expect('gammaGamma' in c).toBe(false);
    // Sums of the groups are the totals.
    const sum = (pick: (g: (typeof c.holdout.groups)[number]) => number) => c.holdout.groups.reduce((s, g) => s + pick(g), 0);
    expect(sum((g) => g.customers)).toBe(c.holdout.totals.customers);
    expect(sum((g) => g.actual * g.customers)).toBeCloseTo(c.holdout.totals.actual, 9);
  });

  it('is the same as a model fitted with that calibration end: the same thing computed two ways', async () => {
    const c = checked.check!;
    const direct = await dataset.clvModel({ period: 'week', horizon: 26, calibrationEnd: c.holdout.calibrationEnd, keepPredictions: false });
    expect(direct.holdout).toEqual(c.holdout);
    expect(direct.holdout!.totals).toEqual(c.holdout.totals);
    expect(direct.bgNbd).toEqual(c.bgNbd);
    console.log(
      `[clv] sample shop, check on the last 3 months (after ${c.holdout.calibrationEnd}): predicted ${c.holdout.totals.predicted.toFixed(1)} vs actual ${c.holdout.totals.actual} purchase days`,
    );
  });

  it('is ignored with a calibration end: one fit, the model’s own holdout', async () => {
    let n = 0;
    const m = await dataset.clvModel({ period: 'week', calibrationEnd: checked.check!.holdout.calibrationEnd, checkMonths: 3, keepPredictions: false }, (rows, o) => {
      n++;
      return inlineClvRunner(rows, o);
    });
    expect(n).toBe(1);
    expect(m.check).toBeNull();
    expect(m.holdout).not.toBeNull();
    expect(m.notices.map((x) => x.code)).not.toContain('clv.check-too-short');
  });

  it('reads both summaries with the orders of one turn (readClvModelInput carries the check’s split)', async () => {
    const input = await readClvModelInput(dataset.engine, { period: 'week', checkMonths: 3 });
    expect(input.check!.months).toBe(3);
    expect(input.check!.notice).toBeNull();
    expect(input.check!.input!.calibrationEnd).toBe(checked.check!.holdout.calibrationEnd);
    expect(input.check!.input!.observationEnd).toBe(input.observationEnd);
  });

  it('a check whose fit fails leaves the model whole and says why', async () => {
    const failing: ClvRunner = (rows, options) => (options.durationHoldout !== undefined ? Promise.reject(new RangeError('the fit blew up.')) : inlineClvRunner(rows, options));
    const m = await dataset.clvModel({ period: 'week', horizon: 26, checkMonths: 3, keepPredictions: false }, failing);
    expect(m.check).toBeNull();
    expect(untimed({ ...m, notices: [], warnings: [] })).toEqual(untimed({ ...plain, notices: [], warnings: [] }));
    const notice = m.notices.at(-1)!;
    expect(notice.code).toBe('clv.check-failed');
    expect(notice.params).toMatchObject({ months: 3, reason: 'the fit blew up' });
    expect(notice.text).toBe('The model could not be checked on the last 3 months: the fit blew up. Its predictions are not affected.');
    expect(m.warnings.at(-1)).toBe(notice.text);
  });

  it('a check whose predictions for the held-out months are not numbers is no check, and says so', async () => {
    const blank: ClvRunner = async (rows, options) => {
      const fits = await inlineClvRunner(rows, options);
      return options.durationHoldout === undefined ? fits : { ...fits, expectedHoldoutPurchases: fits.expectedHoldoutPurchases!.fill(NaN) };
    };
    const m = await dataset.clvModel({ period: 'week', horizon: 26, checkMonths: 3, keepPredictions: false }, blank);
    expect(m.check).toBeNull();
    expect(m.notices.at(-1)!.code).toBe('clv.check-failed');
    // The reason is a notice of its own, so it is translated with the rest.
    expect((m.notices.at(-1)!.params.reason as Notice).code).toMatch(/^clv\.check-unpredicted/);
    expect(m.notices.at(-1)!.text).toMatch(/could not predict the purchases in them\. Its predictions are not affected\.$/);
    expect(m.predictions).toEqual(plain.predictions);
  });

  it('a cancelled runner stops both fits: an AbortError in the model’s fit rejects it, and the check begun beside it is stopped through its signal', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const aborting: ClvRunner = (_rows, _options, call) => {
      signals.push(call?.signal);
      return Promise.reject(new DOMException('The CLV fit was cancelled.', 'AbortError'));
    };
    await expect(dataset.clvModel({ period: 'week', checkMonths: 3, keepPredictions: false }, aborting)).rejects.toMatchObject({ name: 'AbortError' });
    // The model's call first, with no signal of the model's own; then the check's, whose signal is aborted.
    expect(signals).toHaveLength(2);
    expect(signals[0]).toBeUndefined();
    expect(signals[1]?.aborted).toBe(true);
  });

  it('the check is asked for before the model’s fit answers, and stopped when that fit fails', async () => {
    const calls: { signal: AbortSignal | undefined; answered: boolean }[] = [];
    let failModel!: (e: Error) => void;
    const runner: ClvRunner = (rows, options, call) => {
      const entry = { signal: call?.signal, answered: false };
      calls.push(entry);
      if (calls.length === 1) return new Promise((_, reject) => (failModel = reject));
      return inlineClvRunner(rows, options).then((fits) => ((entry.answered = true), fits));
    };
    const model = dataset.clvModel({ period: 'week', checkMonths: 3, keepPredictions: false }, runner);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.signal?.aborted).toBe(false);
    failModel(new RangeError('the model could not be fitted'));
    await expect(model).rejects.toThrow('the model could not be fitted');
    expect(calls[1]!.signal?.aborted).toBe(true);
  });

  it('a runner cancelled with a reason of its own rejects the model with that reason', async () => {
    // As workerClvRunner({ signal }) does: an aborted signal rejects every later call at once.
    const controller = new AbortController();
    let calls = 0;
    const runner: ClvRunner = async () => {
      calls++;
      if (controller.signal.aborted) throw controller.signal.reason;
      controller.abort(new Error('a newer load'));
      throw controller.signal.reason;
    };
    await expect(dataset.clvModel({ period: 'week', checkMonths: 3, keepPredictions: false }, runner)).rejects.toThrow('a newer load');
    expect(calls).toBe(2);
  });

  it('a check cancelled (AbortError) while the model’s fit succeeds rejects the model too', async () => {
    let calls = 0;
    const runner: ClvRunner = async (rows, options) => {
      if (++calls === 2) throw new DOMException('The CLV fit was cancelled.', 'AbortError');
      return inlineClvRunner(rows, options);
    };
    await expect(dataset.clvModel({ period: 'week', checkMonths: 3, keepPredictions: false }, runner)).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(2);
  });
});

describe('a check on orders too short for it', () => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = new Dataset(await withEngine());
    // Four customers over two and a half months (2024-01-10 .. 2024-03-25).
    const csv = [
      'order_id,customer_id,order_date,amount',
      'o1,a,2024-01-10,20',
      'o2,a,2024-02-11,25',
      'o3,b,2024-01-20,30',
      'o4,b,2024-03-25,35',
      'o5,c,2024-02-02,10',
      'o6,d,2024-03-01,15',
      'o7,d,2024-03-20,12',
    ].join('\n');
    loaded(await dataset.load({ name: 'short.csv', bytes: text(csv) }));
  });
  afterAll(async () => {
    await dataset?.close();
  });

  it('gives no check and says the orders are too short, with the dates', async () => {
    const plain = await dataset.clvModel({ keepPredictions: false });
    const m = await dataset.clvModel({ checkMonths: 2, keepPredictions: false });
    expect(m.check).toBeNull();
    const notice = m.notices.at(-1)!;
    expect(notice.code).toBe('clv.check-too-short');
    expect(notice.params).toEqual({ n: 2, months: 2, first: '2024-01-10', end: '2024-03-25', calibrationEnd: '2024-01-25' });
    expect(notice.text).toBe(
      'The orders, from 2024-01-10 to 2024-03-25, are too short to check the model on the last 2 months: less than 2 months would be left before 2024-01-25 to fit on, so there is no check.',
    );
    expect(m.warnings).toEqual(m.notices.map((x) => x.text));
    expect(Object.keys(CLV_NOTICES)).toContain(notice.code);
    // The model itself is the one without the option, with the notice added.
    expect(untimed({ ...m, notices: [], warnings: [] })).toEqual(untimed({ ...plain, notices: [], warnings: [] }));
    expect(m.notices.slice(0, -1)).toEqual(plain.notices);
  });

  it('checks on one month, which is long enough: calibration to 2024-02-25, compared with a direct fit', async () => {
    const m = await dataset.clvModel({ checkMonths: 1, keepPredictions: false });
    expect(m.check).not.toBeNull();
    expect(m.check!.holdout.calibrationEnd).toBe('2024-02-25');
    expect(m.check!.holdout.observationEnd).toBe('2024-03-25');
    const direct = await readClvModel(dataset.engine, { calibrationEnd: '2024-02-25' });
    expect(m.check!.holdout.totals).toEqual(direct.holdout!.totals);
    // a (1 day by then), b, c are fitted; d is born in the holdout. Purchases after: b on 03-25.
    expect(m.check!.holdout.totals).toMatchObject({ customers: 3, actual: 1 });
  });

  it('the observation end given is where the months are counted back from', async () => {
    const m = await dataset.clvModel({ checkMonths: 1, observationEnd: '2024-03-31', keepPredictions: false });
    expect(m.check!.holdout.calibrationEnd).toBe('2024-02-29');
    expect(m.check!.holdout.observationEnd).toBe('2024-03-31');
  });

  it('no purchases at all: no check and no check notice (nothing to fit says it)', async () => {
    const m = await dataset.clvModel({ checkMonths: 1, observationEnd: '2023-12-31', keepPredictions: false });
    expect(m.check).toBeNull();
    expect(m.notices.map((x) => x.code)).toEqual(['clv.no-customers']);
  });
});

describe.skipIf(!hasSharedData)('the check on CDNOW_sample (skipped: ../shared/data/cdnow is not there)', () => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = new Dataset(await withEngine());
    await loadCdnowSample(dataset);
  });
  afterAll(async () => {
    await dataset?.close();
  });

  it('a 6-month check: fitted to 1997-12-30, predicted vs actual purchases in the last 6 months are close', async () => {
    const m = await dataset.clvModel({ period: 'week', checkMonths: 6 });
    expect(m.customers).toBe(2357);
    expect(m.summaryEnd).toBe('1998-06-30');
    const c = m.check!;
    expect(c.months).toBe(6);
    expect(c.holdout.calibrationEnd).toBe('1997-12-30');
    expect(c.holdout.observationEnd).toBe('1998-06-30');
    expect(c.holdout.durationHoldout).toBeCloseTo(182 / 7, 9);
    expect(c.holdout.totals.customers).toBe(2357);
    const ratio = c.holdout.totals.predicted / c.holdout.totals.actual;
    console.log(
      `[clv] CDNOW sample, check on the last 6 months (after 1997-12-30, ${c.holdout.durationHoldout.toFixed(1)} weeks): predicted ${c.holdout.totals.predicted.toFixed(1)} vs actual ${c.holdout.totals.actual} purchase days (ratio ${ratio.toFixed(3)}); ` +
        `by calibration frequency: ${c.holdout.groups.map((g) => `${g.frequency}${g.orMore ? '+' : ''}: ${g.predicted.toFixed(2)}/${g.actual.toFixed(2)}`).join(', ')}; ` +
        `calibration BG/NBD r ${c.bgNbd!.params.r.toFixed(3)} alpha ${c.bgNbd!.params.alpha.toFixed(3)} a ${c.bgNbd!.params.a.toFixed(3)} b ${c.bgNbd!.params.b.toFixed(3)}`,
    );
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(1.25);
    const direct = await dataset.clvModel({ period: 'week', calibrationEnd: '1997-12-30', keepPredictions: false });
    expect(direct.holdout!.totals).toEqual(c.holdout.totals);
    // The kept predictions are the model's, on every order.
    expect(dataset.clvPredictions).toMatchObject({ summaryEnd: '1998-06-30', calibrationEnd: null, customers: 2357 });
  });
});
