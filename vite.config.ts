import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { duckdbAssets, sampleData, STRICT_CSP } from './scripts/vite-plugins.js';

/** A lazily loaded chunk's name by what it holds (the bundler names it after one of its modules). */
function chunkName(ids: readonly string[]): string {
  const has = (pkg: string) => ids.some((id) => id.includes(`/node_modules/${pkg}/`));
  if (has('hyparquet-writer')) return 'parquet-writer';
  if (has('hyparquet')) return 'parquet-reader';
  if (has('@duckdb/duckdb-wasm')) return 'engine';
  // The data layer (the dataset, the SQL, the loaders, and the parts of Arrow only it uses), and the module the elements import it by.
  if (ids.some((id) => id.endsWith('/src/data/dataset.ts') || id.endsWith('/src/data/data-layer.ts'))) return 'data-layer';
  if (has('apache-arrow')) return 'arrow';
  // What rapport.js and the data layer both use (the analytics, the English notices): loaded with rapport.js.
  if (ids.some((id) => id.endsWith('/src/analytics/notice.ts'))) return 'shared';
  // Lit and the elements' common code, which rapport.js and the sections (components/sections.ts) both use: loaded with rapport.js.
  if (has('lit-element')) return 'elements';
  return '[name]';
}

/**
 * `vite build`            -> dist/: the library (rapport.js, the module a page includes, + rapport-*.js it loads;
 *                            rapport-data.js, the data API) + duckdb/
 * `vite build --mode demo` -> dist-demo/: the analyst page and the embed page, relative paths
 * `vite` / `vite preview`  -> the demo, served (preview under the strict CSP)
 */
export default defineConfig(({ mode }) => ({
  base: './',
  plugins: mode === 'demo' || mode === 'development' ? [duckdbAssets(), sampleData()] : [duckdbAssets()],
  server: { port: 5173 },
  preview: { port: 4173, headers: { 'Content-Security-Policy': STRICT_CSP } },
  // The CLV model worker (src/data/clv-runner.ts): its own ES module file, `clv-worker.js` next
  // to rapport.js (a stable name an embedder can copy), never a blob: or data: URL, which the
  // strict CSP (worker-src 'self') blocks.
  worker: { format: 'es', rolldownOptions: { output: { entryFileNames: '[name].js' } } },
  build:
    mode === 'demo'
      ? {
          outDir: 'dist-demo',
          emptyOutDir: true,
          chunkSizeWarningLimit: 2000,
          rollupOptions: { input: { index: resolve(import.meta.dirname, 'index.html'), embed: resolve(import.meta.dirname, 'demo/embed.html'), theming: resolve(import.meta.dirname, 'demo/theming.html'), react: resolve(import.meta.dirname, 'demo/react/index.html') } },
        }
      : {
          outDir: 'dist',
          emptyOutDir: true,
          chunkSizeWarningLimit: 2000,
          // Two entries: rapport.js, the one module a page includes (the elements), and
          // rapport-data.js, the data API (`rapport/data`) for pages and programs that use the
          // data themselves. Built together, they share one copy of the data layer.
          lib: {
            entry: { rapport: resolve(import.meta.dirname, 'src/index.ts'), 'rapport-data': resolve(import.meta.dirname, 'src/data-api.ts') },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
          // An intranet page still includes exactly one module, rapport.js; what it loads by itself
          // (the data layer and Arrow when an element first needs data, the engine's JavaScript when
          // an engine starts, Parquet when a Parquet file is read or written) sits beside it as
          // rapport-*.js, and duckdb/ stays next to rapport.js.
          rollupOptions: {
            output: {
              chunkFileNames: (chunk) => `rapport-${chunkName(chunk.moduleIds)}-[hash].js`,
              // Whitespace too: Vite keeps it in ES library builds for downstream bundlers'
              // tree-shaking marks, but rapport.js is loaded as is by the pages that embed it.
              minify: true,
            },
          },
        },
}));
