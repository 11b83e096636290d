#!/usr/bin/env bash
# Playwright drives Debian's Chromium: browser downloads fail on this network, so we never use
# Playwright's own. Prints the path to use; installs the Debian package when it can (root).
set -euo pipefail

if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  if [[ -x "$CHROMIUM_PATH" ]]; then
    echo "Using Chromium from CHROMIUM_PATH=$CHROMIUM_PATH" >&2
    exit 0
  fi
  echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file. Point it at a Chromium or Chrome binary." >&2
  exit 1
fi

if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi

if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium not found: installing Debian's chromium package for the browser tests…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends chromium fonts-liberation >&2
  exit 0
fi

cat >&2 <<'MSG'
No Chromium found at /usr/bin/chromium, and this script cannot install it (it needs root and apt-get).
Install Chromium or Chrome yourself, then run the tests with its path, for example:
  CHROMIUM_PATH=/usr/bin/google-chrome npm test
MSG
exit 1
