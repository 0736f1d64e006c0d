#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks (see ../shared/SETUP-NOTES.md).
#
#   source scripts/lib/common.sh scripts/lib/apt.sh scripts/lib/postgres.sh
#   pg_start                 # or: PG_PORT=55500 pg_start
#   trap pg_stop EXIT
#
# pg_start initialises a cluster in a fresh temporary directory (trust auth, fsync off), starts it
# on 127.0.0.1 on a free port (from $PG_PORT, default 55432, upwards) and sets:
#   PG_BIN PG_MAJOR PG_PORT PG_DATA PG_URL (postgresql://postgres@127.0.0.1:PORT)
# and exports BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING and
# BACKSTAGE_TEST_DISABLE_DOCKER=1 (with CI=true the TestDatabases would otherwise try Docker).
# pg_stop stops the server and deletes its directory; it is idempotent and safe in a trap.
# Needs the server binaries (Debian package postgresql): `ensure_system_packages postgres`.

PG_DATA=${PG_DATA:-}

_pg_as() {
  # initdb refuses to run as root: run the server as the postgres user then.
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

pg_start() {
  if [ -n "$PG_DATA" ]; then
    warn "pg_start: a server is already running ($PG_DATA)"
    return 0
  fi
  PG_BIN=$(postgres_bin_dir)
  [ -n "$PG_BIN" ] || die "PostgreSQL server binaries not found (apt-get install postgresql)"
  PG_MAJOR=$(basename "$(dirname "$PG_BIN")")
  PG_MAJOR=${PG_MAJOR%%.*}

  PG_DATA=$(mktemp -d "${TMPDIR:-/tmp}/pg-test.XXXXXX")
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$PG_DATA"
  fi
  if ! _pg_as "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DATA.initdb.log" 2>&1; then
    cat "$PG_DATA.initdb.log" >&2
    rm -f "$PG_DATA.initdb.log"
    pg_stop
    die "initdb failed"
  fi
  rm -f "$PG_DATA.initdb.log"

  local port=${PG_PORT:-55432} tries=0
  while :; do
    tries=$((tries + 1))
    if ! port_in_use "$port"; then
      if _pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $port -k $PG_DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null; then
        break
      fi
      if ! grep -qE 'could not bind|Address already in use|could not create any TCP/IP sockets' "$PG_DATA/server.log" 2>/dev/null || [ $tries -ge 20 ]; then
        tail -n 30 "$PG_DATA/server.log" >&2 || true
        pg_stop
        die "PostgreSQL did not start"
      fi
    fi
    [ $tries -lt 200 ] || { pg_stop; die "no free port for PostgreSQL"; }
    port=$((port + 1))
  done

  PG_PORT=$port
  PG_URL="postgresql://postgres@127.0.0.1:$PG_PORT"
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${PG_MAJOR}_CONNECTION_STRING=$PG_URL"
  export BACKSTAGE_TEST_DISABLE_DOCKER=1
  log "PostgreSQL $PG_MAJOR on $PG_URL (data in $PG_DATA)"
}

pg_stop() {
  [ -n "${PG_DATA:-}" ] || return 0
  local pid=""
  if [ -f "$PG_DATA/postmaster.pid" ]; then
    pid=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)
    if ! _pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1; then
      _pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
    fi
    # Last resort: the postmaster's children exit on their own once it is gone.
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$PG_DATA"
  if [ -n "${PG_MAJOR:-}" ]; then
    unset "BACKSTAGE_TEST_DATABASE_POSTGRES${PG_MAJOR}_CONNECTION_STRING"
  fi
  PG_DATA=""
}
