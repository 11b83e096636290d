#!/usr/bin/env bash
# A throw-away PostgreSQL 15 server for the store tests (never for real data: no password, no fsync).
#
#   scripts/ensure-postgres.sh start [DIR]   starts it (or finds it already running in DIR) and prints
#                                            its URL, postgres://clc@127.0.0.1:<port>/postgres, as the
#                                            last line of stdout; progress goes to stderr.
#   scripts/ensure-postgres.sh stop [DIR]    stops it and deletes DIR.
#
# DIR defaults to /tmp/clc-test-postgres-<uid>. The server listens on 127.0.0.1 only, on a free port,
# and trusts every local connection. PostgreSQL refuses to run as root, so as root the server runs as
# the `postgres` user (created as `clc-postgres` when there is none). Without PostgreSQL binaries the
# script installs postgresql-15 with apt-get when it can, and otherwise says what to install.
set -euo pipefail

command=${1:-}
dir=${2:-${TMPDIR:-/tmp}/clc-test-postgres-$(id -u)}
data="$dir/data"

say() { echo "ensure-postgres: $*" >&2; }

find_bin() {
  local candidate
  for candidate in "$(command -v pg_ctl 2>/dev/null || true)" /usr/lib/postgresql/15/bin/pg_ctl /usr/lib/postgresql/*/bin/pg_ctl; do
    if [[ -n "$candidate" && -x "$candidate" ]]; then
      dirname "$(readlink -f "$candidate")"
      return 0
    fi
  done
  return 1
}

bin=$(find_bin || true)
if [[ -z "$bin" && "$command" == start ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    say "no PostgreSQL binaries (pg_ctl, initdb) found; installing postgresql-15 with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 >&2 ||
      { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 >&2; } ||
      true
    bin=$(find_bin || true)
  fi
  if [[ -z "$bin" ]]; then
    say "PostgreSQL 15 is not installed (no pg_ctl or initdb on PATH or in /usr/lib/postgresql/*/bin)."
    say "Install it (Debian/Ubuntu: apt-get install postgresql-15; macOS: brew install postgresql@15) and run again."
    exit 1
  fi
fi

# As root, run the server's commands as an unprivileged user; otherwise as ourselves.
run_as=""
if [[ $(id -u) -eq 0 ]]; then
  if id postgres >/dev/null 2>&1; then
    run_as=postgres
  else
    id clc-postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin clc-postgres
    run_as=clc-postgres
  fi
fi
as_server() {
  if [[ -n "$run_as" ]]; then runuser -u "$run_as" -- "$@"; else "$@"; fi
}

running() { [[ -f "$dir/url" ]] && as_server "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

case "$command" in
  start)
    mkdir -p "$dir"
    [[ -n "$run_as" ]] && chown "$run_as" "$dir"
    chmod 700 "$dir"
    # Test files may ask for the server at the same moment: one starts it, the others wait and reuse it.
    exec 9>"$dir.lock"
    flock 9
    if running; then
      cat "$dir/url"
      exit 0
    fi
    if [[ ! -f "$data/PG_VERSION" ]]; then
      say "initdb in $data"
      as_server "$bin/initdb" -D "$data" -U clc --auth=trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    port=$(free_port)
    # The server must not inherit the lock (fd 9), or it would hold it for as long as it runs.
    # Durability is pointless for a test server and costs the shared machine: fsync and friends off.
    if ! as_server "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >&2 9>&-; then
      say "the server did not start; its log:"
      cat "$dir/server.log" >&2 || true
      exit 1
    fi
    echo "postgres://clc@127.0.0.1:$port/postgres" >"$dir/url"
    say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $data; stop: $0 stop $dir)"
    cat "$dir/url"
    ;;
  stop)
    if [[ -n "$bin" && -f "$data/PG_VERSION" ]]; then
      as_server "$bin/pg_ctl" -D "$data" -m fast -w stop >&2 || true
    fi
    rm -rf "$dir" "$dir.lock"
    ;;
  *)
    echo "usage: $0 start|stop [DIR]" >&2
    exit 2
    ;;
esac
