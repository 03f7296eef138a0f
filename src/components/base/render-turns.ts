import { nextTask } from '../../data/turns.js';
import { shadowRootsAbove } from './i18n.js';

/**
 * Rendering in turns. Lit renders an element and every child it gives new data in one task
 * (children update in microtasks after their parent). When a big file's figures arrive, that
 * task renders the dashboard, its headline, its list and its charts together, and the browser
 * lays them all out in the frame after it: at 1M order lines each took over 100 ms, with the
 * page frozen. Here an element whose update would start after `RENDER_BUDGET_MS` of rendering
 * in a row waits for a task of its own, so the browser can paint (and take input) between
 * elements. An update that starts a turn renders at once, as Lit would.
 *
 * A turn is rendering back to back: it ends with its task, or when more than `TURN_GAP_MS` passed
 * since the last update ended (the task ended and a frame, an input event or a resize callback
 * runs before the message that closes the turn arrives).
 *
 * A parent's `updateComplete` waits for the updates inside it (`renderedWithin`), so code that
 * awaits a parent and then reads its children still finds them rendered.
 */

/** Rendering one turn may do before the next element's update waits for a task of its own. */
export const RENDER_BUDGET_MS = 12;
/** A pause since the last update longer than this starts a new turn. */
const TURN_GAP_MS = 3;

/** When the current turn started, or null when none is under way. */
let turnStart: number | null = null;
/** When the last update ended. */
let lastEnd = Number.NEGATIVE_INFINITY;
/** Connected elements with an update requested and not yet rendered. */
const pending = new Set<Element>();
/** Of those, the ones waiting for a task of their own. */
const waiting = new Set<Element>();

/** A Lit element as this module sees it. */
type Updating = Element & { readonly isUpdatePending: boolean; readonly updateComplete: Promise<boolean> };

function startTurn(now: number): void {
  turnStart = now;
  // Ends with the task: the next message runs after it. An older turn's message leaves a newer one alone.
  void nextTask().then(() => {
    if (turnStart === now) turnStart = null;
  });
}

/** `el` (connected) has an update requested: its parents' `updateComplete` waits for it. */
export function updateRequested(el: Updating): void {
  if (el.isUpdatePending) pending.add(el);
}

/** `el` left the page: its parents no longer wait for it (it is marked again when it comes back). */
export function updateForgotten(el: Updating): void {
  pending.delete(el);
  waiting.delete(el);
}

/**
 * Runs `update` (an element's Lit `scheduleUpdate`) now, or in a task of its own when this turn
 * has already rendered for `RENDER_BUDGET_MS`. Returns what Lit awaits before `updateComplete`.
 * A waiting update runs even if its element has left the page meanwhile (Lit would otherwise
 * hold it pending for ever); it is one element's render.
 */
export function updateInTurn(el: Updating, update: () => void): void | Promise<void> {
  const run = () => {
    try {
      update();
    } finally {
      lastEnd = performance.now();
      // An update that asked for another (in `updated`) stays pending.
      if (!el.isUpdatePending) pending.delete(el);
    }
  };
  const now = performance.now();
  if (turnStart === null || now - lastEnd > TURN_GAP_MS) startTurn(now);
  if (now - turnStart! < RENDER_BUDGET_MS) return run();
  waiting.add(el);
  return nextTask().then(() => {
    waiting.delete(el);
    startTurn(performance.now());
    run();
  });
}

/**
 * Until no element inside `root` (its shadow tree, and theirs) has an update pending: those
 * rendered later in the same task and those waiting for a task of their own. A child whose
 * render fails does not fail its parents' wait (Lit reports the error from the child).
 */
export async function renderedWithin(root: Node | undefined): Promise<void> {
  if (!(root instanceof ShadowRoot)) return;
  for (;;) {
    const inside = [...pending].filter((el) => shadowRootsAbove(el).includes(root)) as Updating[];
    if (inside.length === 0) return;
    await Promise.allSettled(inside.map((el) => el.updateComplete));
  }
}

/** How many updates are waiting for a task of their own, and how many are pending (for tests). */
export function updatesWaiting(): { waiting: number; pending: number } {
  return { waiting: waiting.size, pending: pending.size };
}
