#!/usr/bin/env bash
# One command from a fresh clone to every check: format/lint, typecheck, unit + integration tests
# (vitest, against a real in-process sandbox over HTTP) and the Playwright journeys in Chromium.
# Every step runs even when an earlier one fails, so one run shows everything that is wrong;
# the last line sums all test runners as "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
# The SDK warns once per process that releases after January 2027 need Node 22; the README says so,
# and hundreds of test processes repeating it would bury real failures.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
results=.test-results
rm -rf "$results" && mkdir -p "$results"

failed_steps=()
step() {
  local name=$1
  shift
  echo
  echo "▶ $name"
  if ! "$@"; then
    failed_steps+=("$name")
    echo "✖ $name failed"
  fi
}

step "Install dependencies" corepack pnpm install --frozen-lockfile
if [[ " ${failed_steps[*]-} " == *"Install dependencies"* ]]; then
  echo "Cannot go on without dependencies."
  echo "0 passed, 1 failed"
  exit 1
fi
step "Chromium for the browser tests" bash scripts/ensure-chromium.sh
step "Format and lint (Biome)" corepack pnpm biome check .
step "Typecheck" corepack pnpm typecheck
# The web app (for the journeys) and the BFF as plain JavaScript (the production-build test deploys both).
step "Build (pnpm build)" corepack pnpm build
# The store tests run against SQLite and a real PostgreSQL 15: a throw-away server for this run only,
# stopped (and its directory deleted) however the run ends.
postgres_dir=$(mktemp -d "${TMPDIR:-/tmp}/clc-test-postgres.XXXXXX")
trap 'bash scripts/ensure-postgres.sh stop "$postgres_dir" >/dev/null 2>&1 || true' EXIT
start_postgres() {
  CLC_TEST_DATABASE_URL=$(bash scripts/ensure-postgres.sh start "$postgres_dir") && export CLC_TEST_DATABASE_URL
}
step "PostgreSQL for the store tests" start_postgres
step "Unit and integration tests (Vitest)" \
  corepack pnpm vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json"
step "End-to-end journeys (Playwright)" \
  env PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/$results/playwright.json" corepack pnpm --filter @clc/e2e test

node scripts/sum-test-results.mjs "$results" "${#failed_steps[@]}" "${failed_steps[@]}"
