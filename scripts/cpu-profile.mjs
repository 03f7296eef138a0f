// Where a page's long tasks go: a CPU profile of the page's main thread (Chrome DevTools
// Protocol, through Playwright) read at the times of the long tasks the page observed. Used by
// the bench's --profile option.
import { basename } from 'node:path';

/** A function the page runs for `ms` at a known performance.now(): the profile's samples in it tie profile time to page time. */
const MARK = '__rapportProfileMark';

/**
 * Starts sampling the page's main thread every `intervalUs` microseconds. Resolves to `stop()`,
 * which resolves to the profile and the profile's time (µs) of the page's performance.now() 0.
 */
export async function startProfile(page, intervalUs = 500) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
  // Named in the page, so its samples can be found: the page's clock when it started, and the
  // profile's first sample in it, are the same moment.
  const markedAt = await page.evaluate(() => {
    function __rapportProfileMark() {
      const t = performance.now();
      while (performance.now() - t < 20);
      return t;
    }
    return __rapportProfileMark();
  });
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach().catch(() => undefined);
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    let t = profile.startTime;
    let origin = null;
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    // The mark anywhere on the sample's stack (its own calls to performance.now() take samples too).
    const inMark = (id) => {
      for (let at = id; at !== undefined; at = parent.get(at)) if (byId.get(at)?.callFrame.functionName === MARK) return true;
      return false;
    };
    for (let i = 0; i < profile.samples.length && origin === null; i++) {
      t += profile.timeDeltas[i];
      if (inMark(profile.samples[i])) origin = t - markedAt * 1000;
    }
    return { profile, origin };
  };
}

const frameLabel = (f) => `${f.functionName || '(anonymous)'}${f.url ? ` ${basename(f.url.split('?')[0])}:${f.lineNumber + 1}` : ''}`;
/** Our own code, served by Vite from src/ (not a dependency, not the bench). */
const ours = (f) => /\/src\//.test(f.url) && !/node_modules/.test(f.url);

/**
 * For each task (page times in ms: { start, duration }), the functions its samples were in:
 * `self` the innermost frames (the garbage collector and the engine's own work show as such),
 * `ours` the innermost frame of our own code on the stack (or the innermost frame when none is).
 * Each list is the top `top` by time, in ms.
 */
export function tasksByFunction({ profile, origin }, tasks, top = 4) {
  if (origin === null) return tasks.map((task) => ({ ...task, self: [], ours: [], note: 'the profile could not be tied to page time' }));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const oursOf = new Map();
  const oursLabel = (id) => {
    if (oursOf.has(id)) return oursOf.get(id);
    let label = frameLabel(byId.get(id).callFrame);
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at).callFrame;
      if (ours(f)) {
        label = frameLabel(f);
        break;
      }
    }
    oursOf.set(id, label);
    return label;
  };
  const times = new Float64Array(profile.samples.length);
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) times[i] = t += profile.timeDeltas[i];
  const topOf = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, us]) => ({ fn, ms: Math.round(us / 1000) }));
  return tasks.map((task) => {
    const from = origin + task.start * 1000;
    const to = from + task.duration * 1000;
    const self = new Map();
    const own = new Map();
    for (let i = 1; i < times.length; i++) {
      if (times[i] < from || times[i] > to) continue;
      const us = times[i] - times[i - 1];
      const id = profile.samples[i];
      const selfLabel = frameLabel(byId.get(id).callFrame);
      self.set(selfLabel, (self.get(selfLabel) ?? 0) + us);
      const o = oursLabel(id);
      own.set(o, (own.get(o) ?? 0) + us);
    }
    return { ...task, self: topOf(self), ours: topOf(own) };
  });
}
