// Sums the test runners' JSON reports into the one closing line CI reads: "N passed, N failed".
// A check that is not a test runner (lint, typecheck, build) counts as one failed test when it fails,
// so a red step can never hide behind green tests.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [dir, failedStepCount, ...failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

const vitestPath = join(dir, "vitest.json");
if (existsSync(vitestPath)) {
  const report = JSON.parse(readFileSync(vitestPath, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

const playwrightPath = join(dir, "playwright.json");
if (existsSync(playwrightPath)) {
  const { stats } = JSON.parse(readFileSync(playwrightPath, "utf8"));
  passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  failed += stats?.unexpected ?? 0;
  skipped += stats?.skipped ?? 0;
}

const stepFailures = Number(failedStepCount);
const nonTestFailures = failedSteps.filter((s) => !/Vitest|Playwright/.test(s));
failed += nonTestFailures.length;
// A runner that failed without writing a report (it crashed) still counts.
for (const s of failedSteps) {
  if (/Vitest/.test(s) && !existsSync(vitestPath)) failed += 1;
  if (/Playwright/.test(s) && !existsSync(playwrightPath)) failed += 1;
}

console.log();
if (stepFailures > 0) console.log(`Failed steps: ${failedSteps.join(", ")}`);
if (skipped > 0) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(stepFailures > 0 || failed > 0 ? 1 : 0);
