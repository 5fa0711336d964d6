// Reads vitest's JSON report and prints the plain closing line CI looks for: "N passed, N failed".
// A test file that failed to load counts as one failure; a run with no test at all is a failure.
// Usage: node scripts/ci/summarize-vitest.js <report.json> <exit code of npm test>
import { existsSync, readFileSync } from 'node:fs';

const [reportPath = 'reports/vitest.json', exitText = '0'] = process.argv.slice(2);
const testExit = Number(exitText);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(reportPath)) {
  /** @type {{ numPassedTests: number, numFailedTests: number, numPendingTests: number, numTodoTests: number, testResults: { status: string, assertionResults: unknown[], message?: string, name: string }[] }} */
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
  for (const file of report.testResults) {
    // A file that threw while loading has no assertion results but a failed status.
    if (file.status === 'failed' && file.assertionResults.length === 0) {
      failed += 1;
      process.stderr.write(`failed to load: ${file.name}\n${file.message ?? ''}\n`);
    }
  }
} else {
  process.stderr.write(`no vitest report at ${reportPath}: the checks before the tests failed\n`);
}
if (testExit !== 0 && failed === 0) {
  // Typecheck, lint or format failed (or vitest crashed): count it, so the line never reads green.
  failed = 1;
}
if (passed + failed === 0) {
  process.stderr.write('no test ran\n');
  failed = 1;
}
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 ? 1 : 0);
