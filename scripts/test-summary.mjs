// Sums the JSON reports of every runner (vitest per package, Playwright in e2e) into one plain line,
// because CI reads neither runner's own summary.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function reports() {
  const found = [];
  for (const group of ['apps', 'packages']) {
    for (const name of readdirSync(path.join(root, group))) found.push(path.join(group, name));
  }
  found.push('.', 'e2e', 'bench');
  return found
    .map((dir) => path.join(root, dir, 'test-results'))
    .filter((dir) => existsSync(dir))
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => path.join(dir, f)),
    );
}

function countPlaywright(suite, counts) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      const status = test.status; // expected | unexpected | flaky | skipped
      if (status === 'expected' || status === 'flaky') counts.passed++;
      else if (status === 'skipped') counts.skipped++;
      else counts.failed++;
    }
  }
  for (const child of suite.suites ?? []) countPlaywright(child, counts);
}

export function printSummary() {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const file of reports()) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    if ('numPassedTests' in report) {
      // vitest
      counts.passed += report.numPassedTests;
      counts.failed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
      counts.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    } else if (report.suites) {
      for (const suite of report.suites) countPlaywright(suite, counts);
      counts.failed += (report.errors ?? []).length;
    }
  }
  console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  return counts;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printSummary();
