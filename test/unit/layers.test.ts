import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/engine.js';

/**
 * The layers of ARCHITECTURE.md, checked on every import: components use charts, data and
 * analytics; data uses analytics; charts use analytics (types) only; analytics imports none of
 * them. SQL text lives in data/sql/ only.
 */
const SRC = join(ROOT, 'src');
const ALLOWED: Record<string, readonly string[]> = {
  analytics: ['analytics'],
  charts: ['charts', 'analytics'],
  data: ['data', 'analytics'],
  components: ['components', 'charts', 'data', 'analytics'],
  // Theme presets and the CSS they print: pure data, for pages and the theming demo.
  themes: ['themes'],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The top-level folder under src/ a path is in. */
const layerOf = (path: string) => relative(SRC, path).split(/[\\/]/)[0]!;

describe('the layers stay clean', () => {
  const files = Object.keys(ALLOWED).flatMap((layer) => sources(join(SRC, layer)));

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s imports only from layers it may use', (_name, file) => {
    const layer = layerOf(file);
    const text = readFileSync(file, 'utf8');
    const imports = [...text.matchAll(/(?:import|export)[^'"`;]*?from\s+'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
    const wrong = imports.filter((spec) => !ALLOWED[layer]!.includes(layerOf(resolve(dirname(file), spec))));
    expect(wrong).toEqual([]);
  });

  it('SQL statements are written under data/sql/ only', () => {
    const outside = sources(SRC).filter((f) => !relative(SRC, f).startsWith(join('data', 'sql')) && !relative(SRC, f).startsWith('cli'));
    const offenders = outside.filter((f) => /`\s*(SELECT|CREATE TABLE|INSERT INTO|WITH \w+ AS \()\s/i.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
