#!/usr/bin/env node
/**
 * The library's JavaScript size, as issue 8 counts it (gzip, without the DuckDB wasm and its
 * worker): `firstLoad` is rapport.js and the chunks it imports statically (what a page that
 * includes rapport.js downloads before anything runs); `lazy` are the chunks it imports only
 * when a feature is used (the engine's JavaScript, Parquet); `worker` is clv-worker.js.
 * Usage: node scripts/bundle-size.mjs [dist] -> one JSON object on stdout (run after `vite build`),
 * or `bundleSize(dist)` from another script (scripts/bench.mjs builds into a temp folder).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ENTRY = 'rapport.js';

/**
 * Sizes of a built library in `dist`: `{ firstLoad, lazy, worker }`, each `{ raw, gzip }` bytes
 * (gzip level 9), the first two with their `files`; `worker` is null without clv-worker.js.
 */
export function bundleSize(dist) {
  /** Raw and gzip (level 9) bytes of one built file. */
  function size(file) {
    const bytes = readFileSync(join(dist, file));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }

  /** The chunks a built module imports statically (`import ... from"./x.js"`, `import"./x.js"`). */
  function staticImports(file) {
    const code = readFileSync(join(dist, file), 'utf8');
    return [...code.matchAll(/(?:\bfrom|\bimport)\s*["'`]\.\/([^"'`]+\.js)["'`]/g)].map((m) => m[1]);
  }

  const firstLoad = new Set();
  const todo = [ENTRY];
  while (todo.length) {
    const file = todo.pop();
    if (firstLoad.has(file)) continue;
    firstLoad.add(file);
    todo.push(...staticImports(file));
  }
  const chunks = readdirSync(dist).filter((f) => f.endsWith('.js') && f !== 'clv-worker.js');
  const sum = (files) => files.map(size).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  const lazy = chunks.filter((f) => !firstLoad.has(f));
  return {
    firstLoad: { ...sum([...firstLoad]), files: [...firstLoad] },
    lazy: { ...sum(lazy), files: lazy },
    worker: existsSync(join(dist, 'clv-worker.js')) ? size('clv-worker.js') : null,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(bundleSize(process.argv[2] ?? 'dist')));
}
