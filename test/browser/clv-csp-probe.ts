/**
 * Loaded by clv-worker.test.ts in an iframe whose page carries the strict Content-Security-
 * Policy of TOOLCHAIN.md (`worker-src 'self'`, no inline scripts): starts a blob: worker (which
 * the policy must block, proving it is in force) and fits through workerClvRunner, then posts
 * what happened to the parent page.
 */
import { workerClvRunner } from '../../src/data/clv-runner.js';
import { probeRows, PROBE_OPTIONS } from './clv-probe-rows.js';

async function blobWorkerStarts(): Promise<boolean> {
  try {
    const url = URL.createObjectURL(new Blob(["postMessage('up')"], { type: 'text/javascript' }));
    const worker = new Worker(url);
    return await new Promise<boolean>((resolve) => {
      worker.onmessage = () => resolve(true);
      worker.onerror = () => resolve(false);
      setTimeout(() => resolve(false), 3000);
    });
  } catch {
    return false;
  }
}

const blob = await blobWorkerStarts();
const fits = await workerClvRunner()(probeRows(300), PROBE_OPTIONS);
parent.postMessage({ probe: 'clv-csp', blobWorkerStarted: blob, ranIn: fits.ranIn, notices: fits.notices.map((n) => n.code), params: fits.bgNbd?.params }, '*');
