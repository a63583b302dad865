// The checks that hold the codebase's habits, run by `npm test` beside the test suites and counted with them
// (each check is one test in the closing `N passed, N failed` line): formatting and lint (Biome, import
// cycles included), dependencies nothing uses (knip), and copied blocks a shared function should hold (jscpd).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { log, root } from './bootstrap.mjs';

const CHECKS = [
  { name: 'formatting and lint (biome ci)', script: 'check:biome' },
  { name: 'no unused dependencies or files (knip)', script: 'check:deps' },
  { name: 'no copied code (jscpd)', script: 'check:duplicates' },
];

export function runStaticChecks(pnpm) {
  const results = CHECKS.map((check) => {
    log(`static check: ${check.name}`);
    const started = Date.now();
    const result = spawnSync(pnpm, ['run', '--silent', check.script], { cwd: root, stdio: 'inherit' });
    return { ...check, passed: result.status === 0, ms: Date.now() - started };
  });
  // The shape of a vitest JSON report, so scripts/test-summary.mjs counts these like any other tests.
  const dir = path.join(root, 'test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'static-checks.json'),
    JSON.stringify({
      numPassedTests: results.filter((r) => r.passed).length,
      numFailedTests: results.filter((r) => !r.passed).length,
      numPendingTests: 0,
      testResults: results.map((r) => ({
        name: r.name,
        status: r.passed ? 'passed' : 'failed',
        durationMs: r.ms,
      })),
    }),
  );
  return results.every((r) => r.passed);
}

// `pnpm check`: the same checks on their own.
if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { pnpmCommand } = await import('./bootstrap.mjs');
  process.exit(runStaticChecks(pnpmCommand()) ? 0 : 1);
}
