// `npm test`: type-check, vitest (logic, SQL on the real engine, CLI, built pages in Chromium),
// then the component tests in headless Chromium. Ends with one plain line for CI:
//   N passed, N failed, N skipped
// and exits non-zero if anything failed, including a test file that could not be imported.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tmp = mkdtempSync(join(tmpdir(), 'rapport-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: false });
  console.log(`=== ${label}: exit ${res.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return res.status ?? 1;
}

const bin = (name) => join('node_modules', '.bin', name);

// 1. Types: one check.
if (run('type-check', bin('tsc'), ['--noEmit', '-p', '.']) === 0) totals.passed++;
else {
  totals.failed++;
  failures.push('type-check');
}

// 2. vitest, counted from its JSON report (a file that fails to import is a failed suite).
const vitestJson = join(tmp, 'vitest.json');
const vitestExit = run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  for (const f of r.testResults) {
    if (f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed')) {
      totals.failed++;
      failures.push(`${f.name}: ${f.message || 'failed to run'}`);
    }
    for (const a of f.assertionResults) if (a.status === 'failed') failures.push(`${f.name} > ${a.fullName}`);
  }
  if (vitestExit !== 0 && r.numFailedTests === 0 && r.numFailedTestSuites === 0) {
    totals.failed++;
    failures.push(`vitest exited ${vitestExit}`);
  }
} else {
  totals.failed++;
  failures.push(`vitest wrote no report (exit ${vitestExit})`);
}

// 3. Components in headless Chromium.
const wtrJson = join(tmp, 'wtr.json');
const wtrExit = run('browser tests', bin('web-test-runner'), [], { RAPPORT_WTR_SUMMARY: wtrJson });
if (existsSync(wtrJson)) {
  const r = JSON.parse(readFileSync(wtrJson, 'utf8'));
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped;
  failures.push(...r.failures);
  if (wtrExit !== 0 && r.failed === 0) {
    totals.failed++;
    failures.push(`web-test-runner exited ${wtrExit}`);
  }
} else {
  totals.failed++;
  failures.push(`web-test-runner wrote no report (exit ${wtrExit})`);
}

rmSync(tmp, { recursive: true, force: true });
if (failures.length) {
  console.log('\nFailed:');
  for (const f of failures) console.log(`  - ${f}`);
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
