// The DuckDB-WASM files Rapport ships, with the MIME type a server must send for each.
// Shared by the Vite plugin (dev server and builds) and the browser-test server.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));

/** File name -> MIME type. */
export const DUCKDB_FILES = {
  'duckdb-eh.wasm': 'application/wasm',
  'duckdb-browser-eh.worker.js': 'text/javascript',
};

/** Absolute path of one of the files in node_modules. */
export function duckdbFilePath(name) {
  return join(dist, name);
}

/** `.../duckdb/<file>` -> the file's name when it is one of ours, else undefined. */
export function matchDuckdbRequest(path) {
  const m = /\/duckdb\/([^/?#]+)(?:[?#].*)?$/.exec(path ?? '');
  return m && m[1] in DUCKDB_FILES ? m[1] : undefined;
}
