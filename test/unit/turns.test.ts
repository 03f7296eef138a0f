import { describe, expect, it } from 'vitest';
import { forEachSliceInTurns } from '../../src/data/turns.js';

/** Long loops cut into turns (src/data/turns.ts): every index once, in order, with the event loop freed once the budget is spent. */
describe('forEachSliceInTurns', () => {
  it('covers [0, n) in slices of the given size, in order, the last one short', async () => {
    const slices: [number, number][] = [];
    await forEachSliceInTurns(35, (from, to) => slices.push([from, to]), 10);
    expect(slices).toEqual([[0, 10], [10, 20], [20, 30], [30, 35]]);
    const none: [number, number][] = [];
    await forEachSliceInTurns(0, (from, to) => none.push([from, to]), 10);
    expect(none).toEqual([]);
  });

  it('frees the event loop between slices once the budget is spent, and not within it', async () => {
    let other = false;
    setImmediate(() => (other = true));
    await forEachSliceInTurns(1_000, () => undefined, 10, 60_000);
    expect(other, 'within the budget: one task').toBe(false);
    const seen: boolean[] = [];
    await forEachSliceInTurns(40, () => seen.push(other), 10, 0);
    // A budget of 0: a new task before each slice after the first, so the waiting callback ran by the last slice at the latest.
    expect(seen[0]).toBe(false);
    expect(seen.at(-1)).toBe(true);
  });
});
