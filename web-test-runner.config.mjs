import { readFileSync, writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { defaultReporter } from '@web/test-runner';
import { DUCKDB_FILES, duckdbFilePath, matchDuckdbRequest } from './scripts/duckdb-files.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

/** Counts every test (and every file that failed to load) for the plain summary line of `npm test`. */
function countingReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const failures = [];
      const walk = (suite, path) => {
        for (const t of suite.tests) {
          if (t.skipped) skipped++;
          else if (t.passed) passed++;
          else {
            failed++;
            failures.push(`${path}${t.name}`);
          }
        }
        for (const s of suite.suites) walk(s, `${path}${s.name} > `);
      };
      for (const s of sessions) {
        if (s.testResults) walk(s.testResults, `${s.testFile} > `);
        // A file that fails to import or throws outside a test has errors but maybe no tests.
        if (s.errors?.length || (!s.passed && !s.testResults?.tests.length && !s.testResults?.suites.length)) {
          failed++;
          failures.push(`${s.testFile}: ${(s.errors ?? []).map((e) => e.message).join('; ') || 'failed to run'}`);
        }
      }
      if (file) writeFileSync(file, JSON.stringify({ passed, failed, skipped, failures }));
    },
  };
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 60000 } },
  testsFinishTimeout: 300000,
  browserStartTimeout: 60000,
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  middleware: [
    // A server that sends an HTML page for the wasm: the misconfiguration the engine must name.
    (ctx, next) => {
      if (ctx.path === '/wrong-mime/duckdb/duckdb-eh.wasm') {
        ctx.type = 'text/html';
        ctx.body = '<!doctype html><title>Not found</title>';
        return undefined;
      }
      return next();
    },
    // The engine looks for duckdb/ beside its module; serve the files from node_modules.
    (ctx, next) => {
      const name = matchDuckdbRequest(ctx.path);
      if (name) {
        ctx.type = DUCKDB_FILES[name];
        ctx.body = readFileSync(duckdbFilePath(name));
        return undefined;
      }
      return next();
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    }),
  ],
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), countingReporter(process.env.RAPPORT_WTR_SUMMARY)],
};
