import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeEngine } from '../../src/data/engine/node-engine.js';
import type { Engine } from '../../src/data/engine/engine.js';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
/** The shared real datasets, beside the project (present in CI). */
export const SHARED_DATA = resolve(ROOT, '..', 'shared', 'data');
export const hasSharedData = existsSync(join(SHARED_DATA, 'README.md'));
if (!hasSharedData) {
  console.warn(`[rapport] ${SHARED_DATA} is not there: real-data tests are SKIPPED.`);
}

export function sharedFile(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(join(SHARED_DATA, ...parts)));
}

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', name)));
}

export const text = (s: string): Uint8Array => new TextEncoder().encode(s);

export async function withEngine(): Promise<Engine> {
  return createNodeEngine();
}

/** Records the SQL `engine` is asked (cleared by the caller between steps) until `stop()`. */
export function recordQueries(engine: Engine): { asked: string[]; stop: () => void } {
  const asked: string[] = [];
  const query = engine.query.bind(engine);
  engine.query = (sql, params) => {
    asked.push(sql);
    return query(sql, params);
  };
  return { asked, stop: () => void (engine.query = query) };
}
