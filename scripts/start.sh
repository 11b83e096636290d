#!/usr/bin/env bash
# One command from a fresh clone to a running console: install, build the web app, start the BFF.
# With no AWS configuration it runs on the embedded sandbox with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0

echo "▶ Installing dependencies (pnpm via corepack)…"
corepack pnpm install --frozen-lockfile
echo "▶ Building the web app…"
corepack pnpm --filter @clc/web build
echo "▶ Starting the console…"
exec corepack pnpm --filter @clc/bff start
