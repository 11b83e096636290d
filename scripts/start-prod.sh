#!/usr/bin/env bash
# `pnpm start:prod`: runs what `pnpm build` made the way the container does (Dockerfile): deployed with
# production dependencies only into dist/console, started with plain `node`, no TypeScript loader.
# Configuration: the environment variables of apps/bff/README.md. State: CLC_DATA_DIR, by default
# dist/console/.data/ (kept across deploys).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prod-deploy.sh dist/console
cd dist/console
# Node flags and MALLOC_ARENA_MAX: apps/bff/src/node-flags.ts (why, and what they save).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec node --max-semi-space-size=4 --heap-growing-percent=20 apps/bff/dist/main.js
