import './setup.js';
import { expect } from '@open-wc/testing';
import { ClvOptionsError } from '../../src/analytics/clv/holdout.js';
import { ClvInputError } from '../../src/analytics/clv/summary-input.js';
import { Table } from 'apache-arrow';
import { inlineClvRunner, type ClvSummaryTable } from '../../src/data/clv-fit.js';
import { utf8Vector } from '../../src/data/arrow-vectors.js';
import { fitClvModel } from '../../src/data/clv-model.js';
import { ClvFitError, workerClvRunner } from '../../src/data/clv-runner.js';
import { probeRows, PROBE_OPTIONS } from './clv-probe-rows.js';

/** The strict policy of TOOLCHAIN.md (scripts/vite-plugins.ts STRICT_CSP), which the page must work under. */
const STRICT_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'";

describe('CLV fits in a Web Worker', function () {
  this.timeout(120_000);

  it('fits the same parameters and predictions as inline, off the page thread', async () => {
    const rows = probeRows(3000);
    const inline = await inlineClvRunner(rows, PROBE_OPTIONS);
    // While the worker fits, the page's timers keep firing: the longest gap between ticks of a
    // 20 ms interval stays short (inline, the fit would block it for its whole duration).
    let last = performance.now();
    let longestGap = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 20);
    const started = performance.now();
    const inWorker = await workerClvRunner()(rows, PROBE_OPTIONS);
    const workerMs = performance.now() - started;
    clearInterval(tick);
    console.log(`[clv] 3,000 customers: inline fit ${inline.fitMs.toFixed(0)} ms; worker ${workerMs.toFixed(0)} ms wall (fit ${inWorker.fitMs.toFixed(0)} ms), longest page pause ${longestGap.toFixed(0)} ms`);
    expect(inWorker.ranIn).to.equal('worker');
    expect(inWorker.notices).to.deep.equal([]);
    expect(inWorker.bgNbd!.params).to.deep.equal(inline.bgNbd!.params);
    expect(inWorker.bgNbd!.logLikelihood).to.equal(inline.bgNbd!.logLikelihood);
    expect(inWorker.bgNbd!.convergence).to.deep.equal(inline.bgNbd!.convergence);
    expect(inWorker.gammaGamma!.params).to.deep.equal(inline.gammaGamma!.params);
    expect(inWorker.gammaGamma!.independence).to.deep.equal(inline.gammaGamma!.independence);
    for (const key of ['probabilityAlive', 'expectedPurchases', 'expectedAverageValue', 'clv', 'expectedHoldoutPurchases'] as const) {
      expect(Array.from(inWorker[key]!), key).to.deep.equal(Array.from(inline[key]!));
    }
    expect(longestGap).to.be.below(Math.max(250, inline.fitMs / 2));
  });

  it('serves the model service: fitClvModel through the worker gives the inline result', async () => {
    const input = { period: 'week' as const, calibrationEnd: null, observationEnd: '2024-06-30', durationHoldout: null, rows: probeRows(800) };
    const [inWorker, inline] = await Promise.all([fitClvModel(input, { period: 'week' }, workerClvRunner()), fitClvModel(input, { period: 'week' })]);
    expect(inWorker.ranIn).to.equal('worker');
    expect(inWorker.bgNbd!.params).to.deep.equal(inline.bgNbd!.params);
    expect(inWorker.predictions).to.deep.equal(inline.predictions);
    expect(inWorker.notices).to.deep.equal(inline.notices);
  });

  it('fits a summary given as columns (as the model reads it from the engine) as its rows, and leaves the columns to the caller', async () => {
    const rows = probeRows(2000);
    // The ids as an engine's answer holds them: Arrow text, in two record batches.
    const ids = new Table([...new Table({ id: utf8Vector(rows.slice(0, 1500).map((r) => r.customerId)) }).batches, ...new Table({ id: utf8Vector(rows.slice(1500).map((r) => r.customerId)) }).batches]).getChild('id')!;
    const column = (k: 'frequency' | 'recency' | 'T' | 'monetaryValue') => Float64Array.from(rows, (r) => r[k]);
    const table: ClvSummaryTable = { customerIds: ids, columns: { frequency: column('frequency'), recency: column('recency'), T: column('T'), monetaryValue: column('monetaryValue') } };
    const [fromColumns, fromRows] = await Promise.all([workerClvRunner()(table, PROBE_OPTIONS), workerClvRunner()(rows, PROBE_OPTIONS)]);
    expect(fromColumns.ranIn).to.equal('worker');
    expect(fromColumns.bgNbd!.params).to.deep.equal(fromRows.bgNbd!.params);
    expect(fromColumns.gammaGamma!.params).to.deep.equal(fromRows.gammaGamma!.params);
    expect(Array.from(fromColumns.clv)).to.deep.equal(Array.from(fromRows.clv));
    // Copied for the worker, not handed over: the caller's columns are whole.
    expect(table.columns.frequency.length).to.equal(2000);
    expect(Array.from(table.columns.T)).to.deep.equal(rows.map((r) => r.T));
    // A figure the fit cannot take names the customer by id, as with rows, in the worker and inline alike.
    table.columns.recency[1700] = -1;
    const inWorker = await workerClvRunner()(table, PROBE_OPTIONS).catch((e: unknown) => e);
    const inline = await inlineClvRunner(table, PROBE_OPTIONS).catch((e: unknown) => e);
    expect(inWorker).to.be.instanceOf(ClvInputError);
    expect((inWorker as ClvInputError).customerId).to.equal('c01700');
    expect((inWorker as Error).message).to.equal((inline as Error).message);
    expect((inline as Error).message).to.match(/^Customer "c01700": recency is -1/);
  });

  it('falls back to the page, and says so, when the worker file is missing', async () => {
    const rows = probeRows(500);
    const fits = await workerClvRunner({ workerUrl: '/no-such-dir/clv-worker.js' })(rows, PROBE_OPTIONS);
    expect(fits.ranIn).to.equal('inline');
    expect(fits.notices.map((n) => n.code)).to.deep.equal(['clv.worker-unavailable']);
    expect(fits.notices[0]!.params).to.deep.equal({ url: '/no-such-dir/clv-worker.js' });
    expect(fits.notices[0]!.text).to.equal(
      'The model worker (/no-such-dir/clv-worker.js) could not start, so the model was fitted on the page instead, which may pause it for a moment.',
    );
    expect(fits.bgNbd!.params).to.deep.equal((await inlineClvRunner(rows, PROBE_OPTIONS)).bgNbd!.params);
  });

  it('rejects as inline does: a bad row as a ClvInputError naming it, a bad option as a ClvOptionsError', async () => {
    const rows = probeRows(50);
    rows[10] = { ...rows[10]!, frequency: 2, recency: rows[10]!.T + 1, monetaryValue: 10 };
    const runner = workerClvRunner();
    let error: unknown;
    await runner(rows, PROBE_OPTIONS).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ClvInputError);
    expect((error as ClvInputError).customerId).to.equal(rows[10]!.customerId);
    expect((error as ClvInputError).field).to.equal('recency');
    expect((error as Error).message).to.match(/^Customer "c00010": recency is /);
    error = undefined;
    await runner(probeRows(50), { ...PROBE_OPTIONS, months: 2.5 }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ClvOptionsError);
    expect((error as Error).message).to.match(/months/);
  });

  it('rejects with a ClvFitError, and does not fit on the page, when the worker dies after starting', async () => {
    const url = new URL('./clv-crash-worker.ts', import.meta.url).href;
    let error: unknown;
    await workerClvRunner({ workerUrl: url })(probeRows(200), PROBE_OPTIONS).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ClvFitError);
    expect((error as ClvFitError).notice.code).to.equal('clv.worker-stopped');
    expect((error as ClvFitError).notice.params.url).to.equal(url);
    expect((error as Error).message).to.match(/^The model worker \(.+clv-crash-worker\.ts\) stopped: .*Array buffer allocation failed\. The model was not fitted/);
  });

  it('rejects, instead of waiting for ever, when the rows cannot be copied to the worker', async () => {
    // A figure that is not a number sends the rows as they are (not as columns); this one cannot be copied.
    const rows = probeRows(50).map((r, i) => (i === 5 ? { ...r, T: (() => 30) as unknown as number } : r));
    const error = await Promise.race([
      workerClvRunner()(rows, PROBE_OPTIONS).then(
        () => 'resolved',
        (e: unknown) => e,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 15_000)),
    ]);
    expect((error as Error).name).to.equal('DataCloneError');
  });

  it('cancels a fit: aborting the signal terminates the worker and rejects with an AbortError', async () => {
    const terminate = Worker.prototype.terminate;
    let terminated = 0;
    Worker.prototype.terminate = function (this: Worker) {
      terminated++;
      terminate.call(this);
    };
    try {
      const controller = new AbortController();
      const started = performance.now();
      const pending = workerClvRunner()(probeRows(50_000), PROBE_OPTIONS, { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      let error: unknown;
      await pending.catch((e: unknown) => (error = e));
      expect((error as Error).name).to.equal('AbortError');
      expect(terminated).to.equal(1);
      expect(performance.now() - started).to.be.below(2000);
    } finally {
      Worker.prototype.terminate = terminate;
    }
  });

  it("keeps the worker's error message and value: a missing number stays null", async () => {
    const rows = probeRows(20);
    rows[4] = { ...rows[4]!, frequency: null as unknown as number };
    const inline = await inlineClvRunner(rows, PROBE_OPTIONS).catch((e: unknown) => e as ClvInputError);
    const inWorker = await workerClvRunner()(rows, PROBE_OPTIONS).catch((e: unknown) => e as ClvInputError);
    expect(inWorker).to.be.instanceOf(ClvInputError);
    expect((inWorker as ClvInputError).value).to.equal(null);
    expect((inWorker as ClvInputError).message).to.equal((inline as ClvInputError).message);
    expect((inWorker as ClvInputError).message).to.equal('Customer "c00004": frequency is null; it must be a finite number.');
  });

  it("starts under the strict Content-Security-Policy (worker-src 'self'), where a blob: worker cannot", async () => {
    const frame = document.createElement('iframe');
    const result = new Promise<Record<string, unknown>>((resolve) => {
      const listen = (event: MessageEvent) => {
        if ((event.data as { probe?: string })?.probe !== 'clv-csp') return;
        window.removeEventListener('message', listen);
        resolve(event.data as Record<string, unknown>);
      };
      window.addEventListener('message', listen);
    });
    // srcdoc has the test page's origin, so 'self' is the test server; the probe is an external module (inline scripts are blocked).
    frame.srcdoc = `<!doctype html><meta http-equiv="Content-Security-Policy" content="${STRICT_CSP}"><script type="module" src="${new URL('./clv-csp-probe.ts', import.meta.url).href}"></script>`;
    document.body.append(frame);
    try {
      const data = await result;
      expect(data.blobWorkerStarted, 'the policy blocks blob: workers').to.equal(false);
      expect(data.ranIn).to.equal('worker');
      expect(data.notices).to.deep.equal([]);
      expect(data.params).to.deep.equal((await inlineClvRunner(probeRows(300), PROBE_OPTIONS)).bgNbd!.params);
    } finally {
      frame.remove();
    }
  });
});
