import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/** The modules a source file imports for their values (type-only imports and dynamic import() left out). */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) out.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const typeOnly = node.isTypeOnly || (node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 && node.exportClause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) out.push((node.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return out;
}

/** Every module (source files relative to the root, packages by name) src/index.ts reaches through static value imports. */
function firstLoad(): Map<string, string> {
  const reached = new Map<string, string>();
  const todo: [string, string][] = [[join(root, 'src/index.ts'), '']];
  while (todo.length) {
    const [file, from] = todo.pop()!;
    const name = relative(root, file);
    if (reached.has(name)) continue;
    reached.set(name, from);
    for (const spec of valueImports(file)) {
      if (!spec.startsWith('.')) {
        const pkg = spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
        if (!reached.has(pkg)) reached.set(pkg, name);
        continue;
      }
      const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
      if (existsSync(target)) todo.push([target, name]);
    }
  }
  return reached;
}

describe("rapport.js's first load", () => {
  // What a page that includes rapport.js downloads before anything runs: the elements, not the
  // data layer (the elements fetch it by a dynamic import when they first need data).
  const reached = firstLoad();

  it.each(['apache-arrow', 'hyparquet', 'hyparquet-writer', '@duckdb/duckdb-wasm', 'src/data/dataset.ts', 'src/data/engine/browser-engine.ts', 'src/data/ingest/ingest.ts', 'src/data/export/rows-export.ts'])(
    'leaves out %s',
    (heavy) => {
      expect(reached.has(heavy), `${heavy} is imported by ${reached.get(heavy)}`).toBe(false);
    },
  );

  it('leaves out the translations (one file per language, loaded when a page uses it)', () => {
    const languages = [...reached.keys()].filter((m) => m.startsWith('src/components/i18n/') && !m.endsWith('language-pack.ts'));
    expect(languages.map((m) => `${m} <- ${reached.get(m)}`)).toEqual([]);
  });

  it('leaves out the SQL builders', () => {
    const sql = [...reached.keys()].filter((m) => m.startsWith('src/data/sql/'));
    expect(sql.map((m) => `${m} <- ${reached.get(m)}`)).toEqual([]);
  });

  it('still holds the elements', () => {
    expect(reached.has('src/components/dashboard/rapport-dashboard.ts')).toBe(true);
    expect(reached.has('src/components/base/dataset-source.ts')).toBe(true);
  });
});
