#!/usr/bin/env bash
# Starts, kills and stops the real backend (packages/backend) as a plain Node process, the way
# `backstage-cli package start` runs it (on-the-fly transpiling) but without the file watcher,
# so that a kill -9 hits the backend itself. With REL_PRODUCTION_DIR set (a directory prepared
# by `node bench/lib/production.mjs --dir`), the production build instead: `node packages/backend`
# there, NODE_ENV=production. Source after scripts/env.sh and scripts/lib/common.sh.
#
#   backend_start NAME DB_YAML [EXTRA_YAML]  # sets BACKEND_URL_<NAME>; waits for readiness
#   backend_kill9 NAME                       # SIGKILL, no shutdown hooks
#   backend_stop NAME                        # SIGTERM, then SIGKILL after 15 s; idempotent
#   backend_stop_all                         # for traps
#
# DB_YAML is the `backend.database` block (indented by four spaces). Logs go to $REL_WORK/NAME.log.

REL_BACKENDS=""
REL_NEXT_PORT=${REL_NEXT_PORT:-7410}

_rel_free_port() {
  local port=$REL_NEXT_PORT
  while port_in_use "$port"; do port=$((port + 1)); done
  REL_NEXT_PORT=$((port + 1))
  echo "$port"
}

_rel_transform() {
  (cd "$ROOT" && node -p 'require.resolve("@backstage/cli-node/config/nodeTransform.cjs", { paths: [require.resolve("@backstage/cli-module-build/package.json")] })')
}

backend_start() {
  local name=$1 db_yaml=$2 extra=${3:-} port cfg
  port=$(_rel_free_port)
  cfg="$REL_WORK/$name.yaml"
  cat >"$cfg" <<YAML
app:
  baseUrl: http://localhost:3000
backend:
  baseUrl: http://localhost:$port
  listen:
    port: $port
  database:
$db_yaml
reliability:
  demoData:
    enabled: true
  slo:
    evaluation:
      interval: 10s
  runbooks:
    refreshInterval: 20s
$extra
YAML
  local transform started
  started=$(now_ms)
  if [ -n "${REL_PRODUCTION_DIR:-}" ]; then
    # The demo catalog's files by absolute path (relative ones are read from the working
    # directory), and the guest outside development.
    cat >>"$cfg" <<YAML
auth:
  providers:
    guest:
      userEntityRef: user:default/lena.hoffmann
      dangerouslyAllowOutsideDevelopment: true
catalog:
  locations:
    - type: file
      target: $ROOT/examples/entities.yaml
    - type: file
      target: $ROOT/examples/org.yaml
      rules:
        - allow: [User, Group]
YAML
    (cd "$REL_PRODUCTION_DIR" && NODE_ENV=production exec node packages/backend \
      --config "$ROOT/app-config.yaml" --config "$cfg") </dev/null >>"$REL_WORK/$name.log" 2>&1 &
  else
    transform=$(_rel_transform)
    (cd "$ROOT/packages/backend" && NODE_ENV=development ESBK_TSCONFIG_PATH="$ROOT/tsconfig.json" \
      exec node --enable-source-maps --require "$transform" src/index.ts \
      --config "$ROOT/app-config.yaml" --config "$cfg") </dev/null >>"$REL_WORK/$name.log" 2>&1 &
  fi
  local pid=$!
  echo "$pid" >"$REL_WORK/$name.pid"
  REL_BACKENDS="$REL_BACKENDS $name"
  printf -v "BACKEND_URL_$name" '%s' "http://localhost:$port"
  local deadline=$(($(date +%s) + 240))
  until curl -fsS -o /dev/null --max-time 10 "http://localhost:$port/.backstage/health/v1/readiness" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      warn "backend $name exited while starting (log: $REL_WORK/$name.log)"
      tail -n 20 "$REL_WORK/$name.log" | sed 's/\x1b\[[0-9;]*m//g' | cut -c 1-240 >&2
      return 1
    fi
    [ "$(date +%s)" -lt "$deadline" ] || { warn "backend $name did not become ready"; return 1; }
    sleep 0.5
  done
  BACKEND_START_MS=$(($(now_ms) - started))
  log "backend $name ready on http://localhost:$port in $(fmt_ms "$BACKEND_START_MS")"
}

backend_kill9() {
  local pid
  pid=$(cat "$REL_WORK/$1.pid" 2>/dev/null) || return 0
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$REL_WORK/$1.pid"
}

backend_stop() {
  local pid _
  pid=$(cat "$REL_WORK/$1.pid" 2>/dev/null) || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 150); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  rm -f "$REL_WORK/$1.pid"
}

backend_stop_all() {
  local name
  for name in $REL_BACKENDS; do backend_stop "$name"; done
  REL_BACKENDS=""
}

# The `backend.database` block for a SQLite file database in DIR (one file per plugin).
db_yaml_sqlite() {
  printf '    client: better-sqlite3\n    connection:\n      directory: %s\n' "$1"
}

# The `backend.database` block for the PostgreSQL server started by pg_start.
db_yaml_postgres() {
  printf '    client: pg\n    connection:\n      host: 127.0.0.1\n      port: %s\n      user: postgres\n' "$PG_PORT"
}
