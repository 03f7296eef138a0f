/**
 * A stand-in for clv-worker.ts that starts (says `ready`) and then dies on the request as a
 * worker that runs out of memory does: an uncaught error. For the runner's "stopped after it
 * started" path in clv-worker.test.ts.
 */
const scope = self as unknown as {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: () => void): void;
};

scope.addEventListener('message', () => {
  throw new RangeError('Array buffer allocation failed');
});

scope.postMessage({ type: 'ready' });
