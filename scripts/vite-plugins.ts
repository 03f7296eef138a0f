import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { Plugin } from 'vite';
import { sampleOrdersCsv } from '../src/sample/sample-orders.js';
import { DUCKDB_FILES, duckdbFilePath, matchDuckdbRequest } from './duckdb-files.mjs';

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
      const cache: Record<string, Buffer> = {};
      server.middlewares.use((req, res, next) => {
        const name = matchDuckdbRequest(req.url);
        if (!name) return next();
        const body = (cache[name] ??= readFileSync(duckdbFilePath(name)));
        res.setHeader('Content-Type', DUCKDB_FILES[name]!);
        res.setHeader('Content-Length', body.length);
        res.end(req.method === 'HEAD' ? undefined : body);
      });
    },
    generateBundle(_options, bundle) {
      const chunk = Object.values(bundle).find(
        (c) => c.type === 'chunk' && Object.keys(c.modules).some((id) => ENGINE_MODULE.test(id)),
      );
      if (!chunk) return;
      const dir = posix.dirname(chunk.fileName);
      for (const name of Object.keys(DUCKDB_FILES)) {
        this.emitFile({ type: 'asset', fileName: posix.join(dir === '.' ? '' : dir, 'duckdb', name), source: readFileSync(duckdbFilePath(name)) });
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

/** The strict policy the embed page must work under (../shared/docs/TOOLCHAIN.md). */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'";
