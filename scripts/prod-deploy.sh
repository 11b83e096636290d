#!/usr/bin/env bash
# Assembles the production artifact from what `pnpm build` made, with production dependencies only:
#
#   <folder>/apps/bff/dist/           the BFF as plain JavaScript (main.js, operators.js, the Cognito
#                                     read worker cognito-read-worker.js)
#   <folder>/apps/bff/node_modules/   its `dependencies`, installed by `pnpm deploy --prod`
#   <folder>/apps/web/dist/           the web app
#
# The layout repeats the repository's, so the paths the BFF computes from its own location (the web
# app, the default data directory <folder>/.data/) resolve as they do in the repository.
# Only <folder>/apps is replaced: state kept in <folder>/.data survives a new deploy.
# The Dockerfile, `pnpm start:prod` and the production-build test all run this script.
set -euo pipefail
out=${1:?usage: scripts/prod-deploy.sh <folder>}
cd "$(dirname "$0")/.."
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0

for built in apps/bff/dist/main.js apps/bff/dist/operators.js apps/bff/dist/cognito-read-worker.js apps/web/dist/index.html; do
  if [[ ! -f $built ]]; then
    echo "No $built: run \`pnpm build\` first." >&2
    exit 1
  fi
done

mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -rf "$out/apps"
# pnpm 10 deploys from the workspace's lockfile (and writes the deployed package its own) only with
# injected workspace packages. Set for this command alone: the workspace itself keeps linking them.
corepack pnpm --config.inject-workspace-packages=true --filter @clc/bff deploy --prod "$out/apps/bff"
mkdir -p "$out/apps/web"
cp -R apps/web/dist "$out/apps/web/dist"
echo "Production artifact in $out ($(du -sh "$out/apps" | cut -f1)): start it with node apps/bff/dist/main.js"
