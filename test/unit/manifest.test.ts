import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const committed = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const elements = committed.modules.flatMap((m: { declarations?: unknown[] }) => m.declarations ?? []).filter((d: { customElement?: boolean }) => d.customElement);

describe('custom-elements.json', () => {
  it('is what the analyzer makes of the JSDoc now (run `npm run manifest` after changing an element)', () => {
    const out = mkdtempSync(join(tmpdir(), 'rapport-cem-'));
    try {
      // The analyzer joins --outdir to the working directory.
      execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze', '--outdir', relative(root, out)], { cwd: root, stdio: 'pipe' });
      expect(JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'))).toEqual(committed);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('is referenced from package.json and shipped', () => {
    expect(pkg.customElements).toBe('custom-elements.json');
    expect(pkg.files).toContain('custom-elements.json');
  });

  it('documents every element: a summary, and the rapport-* events it fires', () => {
    expect(elements.length).toBeGreaterThanOrEqual(13);
    for (const d of elements) {
      expect(d.summary || d.description, d.tagName).toBeTruthy();
      for (const e of d.events ?? []) expect(e.name, d.tagName).toMatch(/^rapport-/);
    }
  });

  it("the README's API tables are the manifest's", () => {
    expect(() => execFileSync('node', ['scripts/api-docs.mjs', '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow();
  });
});
