import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import type { Plugin } from 'vite';
import { sampleOrdersCsv } from '../src/sample/sample-orders.js';

const require = createRequire(import.meta.url);
const duckdbDist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));

/** The engine files, by name, with the MIME type servers must send. */
export const DUCKDB_ASSETS: Record<string, string> = {
  'duckdb-eh.wasm': 'application/wasm',
  'duckdb-browser-eh.worker.js': 'text/javascript',
};

export function duckdbAssetPath(name: string): string {
  return join(duckdbDist, name);
}

/** Where the built module that starts the engine resolves `duckdb/` from. */
const ENGINE_MODULE = /src[\\/]data[\\/]engine[\\/]browser-engine\.ts$/;

/**
 * Ships DuckDB-WASM with Rapport. Dev server: answers any `.../duckdb/<file>` request from
 * node_modules (the engine resolves `duckdb/` beside its own module). Build: writes the files
 * to `duckdb/` beside the chunk holding the engine, where the built code looks for them.
 */
export function duckdbAssets(): Plugin {
  return {
    name: 'rapport-duckdb-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /\/duckdb\/([^/?#]+)(?:[?#].*)?$/.exec(req.url ?? '');
        const type = m ? DUCKDB_ASSETS[m[1]!] : undefined;
        if (!m || !type) return next();
        res.setHeader('Content-Type', type);
        res.end(readFileSync(duckdbAssetPath(m[1]!)));
      });
    },
    generateBundle(_options, bundle) {
      const chunk = Object.values(bundle).find(
        (c) => c.type === 'chunk' && Object.keys(c.modules).some((id) => ENGINE_MODULE.test(id)),
      );
      if (!chunk) return;
      const dir = posix.dirname(chunk.fileName);
      for (const name of Object.keys(DUCKDB_ASSETS)) {
        this.emitFile({ type: 'asset', fileName: posix.join(dir === '.' ? '' : dir, 'duckdb', name), source: readFileSync(duckdbAssetPath(name)) });
      }
    },
  };
}

/** The generated sample export at `/sample-orders.csv`, for the embed page's `src`. */
export function sampleData(): Plugin {
  const name = 'sample-orders.csv';
  return {
    name: 'rapport-sample-data',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.endsWith(`/${name}`)) return next();
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.end(sampleOrdersCsv());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: name, source: sampleOrdersCsv() });
    },
  };
}

/** The strict policy the embed page must work under (see TOOLCHAIN.md). */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'";
