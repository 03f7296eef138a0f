import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { duckdbAssets, sampleData, STRICT_CSP } from './scripts/vite-plugins.js';

/**
 * `vite build`            -> dist/: the library (rapport.js, one self-contained ES module) + duckdb/
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
          lib: { entry: resolve(import.meta.dirname, 'src/index.ts'), formats: ['es'], fileName: () => 'rapport.js' },
          // One file: an intranet page includes exactly one module.
          rollupOptions: { output: { codeSplitting: false } },
        },
}));
