#!/usr/bin/env bash
# Starts and stops the portal (frontend dev server + backend, `backstage-cli repo start`) for the
# browser tests and benchmarks. Source after scripts/env.sh and scripts/lib/common.sh.
#
#   portal_start LOGFILE   # sets PORTAL_APP_URL and PORTAL_BACKEND_URL, returns once both answer
#   portal_stop            # kills the whole process group; idempotent, safe in a trap
#
# Ports: $PORTAL_APP_PORT (default 3000) and $PORTAL_BACKEND_PORT (default 7007); when one is
# taken (say by a portal you are running yourself) the next free one is used, so a test never
# talks to somebody else's server. The portal runs on app-config.yaml plus an override with
# those ports and in-memory SQLite databases (and $PORTAL_EXTRA_CONFIG, a file, when set): every
# run starts from the seeded demo data.

PORTAL_PIDFILE=${PORTAL_PIDFILE:-}
PORTAL_START_TIMEOUT=${PORTAL_START_TIMEOUT:-300}

_free_port() {
  local port=$1 avoid=${2:-}
  while port_in_use "$port" || [ "$port" = "$avoid" ]; do
    port=$((port + 1))
  done
  echo "$port"
}

# _wait_url URL SECONDS PID : polls until URL answers 2xx; fails when PID dies or time is up.
_wait_url() {
  local url=$1 deadline=$(($(date +%s) + $2)) pid=$3
  until curl -fsS -o /dev/null --max-time 30 "$url" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      warn "the portal exited before $url answered"
      return 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      warn "$url did not answer within $2 s"
      return 1
    fi
    sleep 1
  done
}

portal_start() {
  local logfile=$1
  command -v curl >/dev/null 2>&1 || die "curl is needed to wait for the portal"
  local app_port backend_port
  app_port=$(_free_port "${PORTAL_APP_PORT:-3000}")
  backend_port=$(_free_port "${PORTAL_BACKEND_PORT:-7007}" "$app_port")
  [ "$app_port" = "${PORTAL_APP_PORT:-3000}" ] || warn "port ${PORTAL_APP_PORT:-3000} is taken: the app uses $app_port"
  [ "$backend_port" = "${PORTAL_BACKEND_PORT:-7007}" ] || warn "port ${PORTAL_BACKEND_PORT:-7007} is taken: the backend uses $backend_port"

  PORTAL_APP_URL="http://localhost:$app_port"
  PORTAL_BACKEND_URL="http://localhost:$backend_port"
  local rundir
  rundir=$(mktemp -d "${TMPDIR:-/tmp}/portal.XXXXXX")
  PORTAL_PIDFILE="$rundir/pgid"
  cat >"$rundir/app-config.test.yaml" <<YAML
app:
  baseUrl: $PORTAL_APP_URL
backend:
  baseUrl: $PORTAL_BACKEND_URL
  listen:
    port: $backend_port
  cors:
    origin: $PORTAL_APP_URL
  database:
    client: better-sqlite3
    connection: ':memory:'
YAML

  mkdir -p "$(dirname "$logfile")"
  log "Starting the portal: app $PORTAL_APP_URL, backend $PORTAL_BACKEND_URL (log: ${logfile#"$ROOT"/})"
  # A new session, so that portal_stop can kill the whole tree (yarn, backstage-cli, backend,
  # dev server) at once, and so that a Ctrl-C reaches it only through portal_stop.
  (cd "$ROOT" && BROWSER=none exec setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PORTAL_PIDFILE" \
    node "$YARN_JS" start --config "$ROOT/app-config.yaml" \
    ${PORTAL_EXTRA_CONFIG:+--config "$PORTAL_EXTRA_CONFIG"} \
    --config "$rundir/app-config.test.yaml") \
    </dev/null >"$logfile" 2>&1 &
  local _
  for _ in $(seq 50); do
    [ -s "$PORTAL_PIDFILE" ] && break
    sleep 0.1
  done
  [ -s "$PORTAL_PIDFILE" ] || { warn "the portal did not start"; return 1; }
  local pgid
  pgid=$(cat "$PORTAL_PIDFILE")
  if ! _wait_url "$PORTAL_BACKEND_URL/.backstage/health/v1/readiness" "$PORTAL_START_TIMEOUT" "$pgid" ||
    ! _wait_url "$PORTAL_APP_URL/" "$PORTAL_START_TIMEOUT" "$pgid"; then
    tail -n 40 "$logfile" | sed 's/\x1b\[[0-9;]*m//g' | cut -c 1-240 >&2 || true
    return 1
  fi
}

portal_stop() {
  [ -n "${PORTAL_PIDFILE:-}" ] || return 0
  local pgid _
  pgid=$(cat "$PORTAL_PIDFILE" 2>/dev/null || true)
  if [ -n "$pgid" ] && kill -0 -- "-$pgid" 2>/dev/null; then
    kill -TERM -- "-$pgid" 2>/dev/null || true
    for _ in $(seq 100); do
      kill -0 -- "-$pgid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 -- "-$pgid" 2>/dev/null; then
      warn "the portal did not stop within 10 s: killing it"
      kill -KILL -- "-$pgid" 2>/dev/null || true
      sleep 0.5
    fi
  fi
  rm -rf "$(dirname "$PORTAL_PIDFILE")"
  PORTAL_PIDFILE=""
}
