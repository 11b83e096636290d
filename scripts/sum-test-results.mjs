// Sums the test runners' JSON reports into the one closing line CI reads: "N passed, N failed".
// A check that is not a test runner (lint, typecheck, build) counts as one failed test when it fails,
// so a red step can never hide behind green tests.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";

const [dir, failedStepCount, ...failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
/** Each failed test's name and the first line of its error: CI shows a log's tail, where these land. */
const failures = [];
const firstLine = (text) =>
  stripVTControlCharacters(String(text ?? ""))
    .split("\n")
    .find((l) => l.trim()) ?? "";

const vitestPath = join(dir, "vitest.json");
if (existsSync(vitestPath)) {
  const report = JSON.parse(readFileSync(vitestPath, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== "failed") continue;
      const where = String(file.name ?? "").replace(`${process.cwd()}/`, "");
      failures.push(`${where} > ${test.fullName ?? test.title}: ${firstLine(test.failureMessages?.[0])}`);
    }
    // A file that failed with no failed test: an import, or a hook (a failed beforeAll in a describe
    // leaves its tests "skipped" and its reason on the suite, which the JSON report leaves out).
    if (file.status === "failed" && (file.assertionResults ?? []).every((t) => t.status !== "failed")) {
      failed += 1;
      const reason =
        firstLine(file.message) || "a hook or the file's set-up failed (see the Vitest log above)";
      failures.push(`${String(file.name ?? "").replace(`${process.cwd()}/`, "")}: ${reason}`);
    }
  }
}

const playwrightPath = join(dir, "playwright.json");
if (existsSync(playwrightPath)) {
  const report = JSON.parse(readFileSync(playwrightPath, "utf8"));
  const { stats } = report;
  passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  failed += stats?.unexpected ?? 0;
  skipped += stats?.skipped ?? 0;
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== "unexpected") continue;
        const error = test.results?.at(-1)?.error?.message;
        failures.push(`${[...titles, spec.title].join(" > ")} [${test.projectName}]: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, [suite.title]);
  // Errors outside any test (global set-up, the web server that did not start).
  for (const error of report.errors ?? []) failures.push(`Playwright: ${firstLine(error.message)}`);
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
if (failures.length > 0) {
  console.log("Failed tests:");
  for (const line of failures) console.log(`  ✖ ${line.slice(0, 400)}`);
}
if (stepFailures > 0) console.log(`Failed steps: ${failedSteps.join(", ")}`);
if (skipped > 0) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(stepFailures > 0 || failed > 0 ? 1 : 0);
