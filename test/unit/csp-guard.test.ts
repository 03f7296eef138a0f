import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/engine.js';

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Intranet pages serve Rapport under `style-src 'self'` (no 'unsafe-inline'): a `style`
 * attribute in a template is refused there, and so is Lit's styleMap (it writes the
 * attribute on first render). Components set dynamic styles through styleProps (CSSOM).
 */
describe('components stay within a strict Content-Security-Policy', () => {
  const files = sources(join(ROOT, 'src', 'components'));

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s has no inline style attribute or styleMap', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/\sstyle="/);
    expect(text).not.toMatch(/lit\/directives\/style-map/);
    expect(text).not.toMatch(/unsafeHTML|unsafeSVG|innerHTML\s*=/);
  });
});
