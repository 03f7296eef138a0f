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

  it('leaves out the sections (what the dashboard shows once data is loaded), D3 and the virtualizer: they come in a chunk of their own', () => {
    const sections = [
      'headline/rapport-headline.ts',
      'customer-table/rapport-customer-table.ts',
      'survey-form/rapport-survey-form.ts',
      'segments/rapport-segments.ts',
      'pareto/rapport-pareto.ts',
      'migration/rapport-migration.ts',
      'cohorts/rapport-cohorts.ts',
      'clv/rapport-clv.ts',
      'ladder/rapport-ladder.ts',
      'quality-gap/rapport-quality-gap.ts',
      'voice/rapport-voice.ts',
      'customer-detail/rapport-customer-detail.ts',
      'settings/rapport-settings.ts',
    ].map((m) => `src/components/${m}`);
    const heavy = [...sections, 'src/components/sections.ts', 'd3', 'd3-scale', 'd3-shape', '@lit-labs/virtualizer'];
    expect(heavy.filter((m) => reached.has(m)).map((m) => `${m} <- ${reached.get(m)}`)).toEqual([]);
    // Each section is in the sections' module, so loadSections defines every one of them.
    const listed = valueImports(join(root, 'src/components/sections.ts')).map((spec) => relative(root, resolve(join(root, 'src/components'), spec)).replace(/\.js$/, '.ts'));
    for (const section of sections) expect(listed).toContain(section);
  });

  it('still holds the elements a page shows before any data', () => {
    for (const m of ['dashboard/rapport-dashboard.ts', 'data/rapport-data.ts', 'drop-zone/rapport-drop-zone.ts', 'load-report/rapport-load-report.ts', 'mapping-form/rapport-mapping-form.ts', 'base/dataset-source.ts', 'base/sections-loader.ts']) {
      expect(reached.has(`src/components/${m}`), m).toBe(true);
    }
  });
});
