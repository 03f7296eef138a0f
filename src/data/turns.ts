/**
 * Long loops on a page, cut into turns: the event loop is freed between them, so a pass over a
 * million customers never holds the main thread for long. No dependencies: used by the engine,
 * the Arrow conversions and the value model alike.
 */

/**
 * A new task, soon: a message to itself rather than a timer, which a browser slows to one a
 * second (or a minute) in a tab the user has left while a big file loads.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** When the event loop was last free: shared by passes that run one after another in the same turns. */
export interface Turn {
  start: number;
}

/**
 * `body(from, to)` over [0, n) in slices of `slice` items, freeing the event loop between slices
 * once `budgetMs` has passed since it was last free: a pass over a million customers on a page
 * then never holds the main thread for long (one go at 1.7M made a task of over a second).
 * Passes run back to back share `turn`, so their time adds up in one budget.
 */
export async function forEachSliceInTurns(
  n: number,
  body: (from: number, to: number) => void,
  slice = 16_384,
  budgetMs = 12,
  turn: Turn = { start: performance.now() },
): Promise<void> {
  for (let from = 0; from < n; from += slice) {
    body(from, Math.min(n, from + slice));
    if (performance.now() - turn.start >= budgetMs) {
      await nextTask();
      turn.start = performance.now();
    }
  }
}
