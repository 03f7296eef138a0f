#!/usr/bin/env node
// The CLI is built to dist-cli/ by `npm install` (prepare) or `npm run build:cli`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist-cli/cli.js', import.meta.url));
if (!existsSync(built)) {
  console.error('rapport: the CLI is not built yet; run `npm run build:cli` (npm install does it).');
  process.exit(1);
}
await import(built);
