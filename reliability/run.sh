#!/usr/bin/env bash
# The reliability suite in one command: load, crash, database outage and two replicas against
# the real backend (packages/backend) on SQLite and/or PostgreSQL, then the hostile-input
# fuzzer (reliability/fuzz/), the access matrix (a jest suite of the backend plugin) and the
# hostile-Markdown browser test (a Playwright spec of packages/app/e2e-tests/); ends with one
# table of figures.
#
#   reliability/run.sh [--quick] [--production] [--db sqlite|postgres|both] [--only load,crash,outage,replicas,fuzz,access,browser]
#
#   --quick   load with 20 clients for 10 s (CI); default: 200 clients for 60 s
#   --production  the backend as deployed: `yarn build:backend`, installed as its Dockerfile does
#             (bench/lib/production.mjs, in bench/.data/production), started with node
#             packages/backend; default: transpiled on the fly as `yarn start` runs it
#   --db      which database(s) the process-level parts run on (default: both)
#   --only    run only these parts (default: all); access and browser also run with the unit and
#             browser stages of scripts/test.sh
#
# Exit status 0 when every check passed. Everything started here (backends, PostgreSQL) is
# stopped on exit, also on failure or Ctrl-C. See reliability/README.md.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1
# shellcheck source=/dev/null
source scripts/env.sh
set +e +o pipefail
# shellcheck source=/dev/null
source scripts/lib/common.sh
# shellcheck source=/dev/null
source scripts/lib/apt.sh
# shellcheck source=/dev/null
source scripts/lib/postgres.sh
# shellcheck source=/dev/null
source reliability/lib/backend.sh
# shellcheck source=/dev/null
source reliability/lib/pgcontrol.sh

QUICK=0
PRODUCTION=0
DBS="sqlite postgres"
ONLY="load,crash,outage,replicas,fuzz,access,browser"
while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=1 ;;
    --production) PRODUCTION=1 ;;
    --db)
      shift
      case ${1:-} in
        sqlite | postgres) DBS=$1 ;;
        both) DBS="sqlite postgres" ;;
        *) die "--db takes sqlite, postgres or both" ;;
      esac
      ;;
    --only) shift; ONLY=${1:-} ;;
    -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }

if [ $PRODUCTION = 1 ]; then
  REL_PRODUCTION_DIR="$ROOT/bench/.data/production"
  log "building and installing the production backend in $REL_PRODUCTION_DIR"
  node bench/lib/production.mjs --dir "$REL_PRODUCTION_DIR" || die "the production build failed"
  export REL_PRODUCTION_DIR
fi

if [ $QUICK = 1 ]; then
  LOAD_CLIENTS=20 LOAD_SECONDS=10 CRASH_CLIENTS=10 CRASH_SECONDS=10 EDIT_ROUNDS=10 FUZZ_ARGS=(--cases 2000)
else
  LOAD_CLIENTS=200 LOAD_SECONDS=60 CRASH_CLIENTS=50 CRASH_SECONDS=15 EDIT_ROUNDS=20 FUZZ_ARGS=()
fi

REL_WORK=$(mktemp -d "${TMPDIR:-/tmp}/reliability.XXXXXX")
RESULTS="$REL_WORK/results"
mkdir -p "$RESULTS"
FAILED=0

cleanup() {
  backend_stop_all
  pg_stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# fail PART MESSAGE: remembers a failed part, goes on with the next.
fail() {
  warn "$1: $2"
  FAILED=1
}

run_load() { # NAME DB VERIFY_DB
  local name=$1 db=$2 verify_db=$3 url_var="BACKEND_URL_$1"
  log "load on $db: $LOAD_CLIENTS clients for $LOAD_SECONDS s"
  node reliability/load.mjs --url "${!url_var}" --clients "$LOAD_CLIENTS" --seconds "$LOAD_SECONDS" \
    --acks "$REL_WORK/acks-load-$db.jsonl" --out "$RESULTS/load-$db.json" --run-id "load-$db-$$" ||
    fail load "the load did not run on $db"
  node reliability/verify.mjs --db "$verify_db" --acks "$REL_WORK/acks-load-$db.jsonl" \
    --out "$RESULTS/verify-load-$db.json" || fail load "verification failed on $db"
}

run_crash() { # NAME DB VERIFY_DB DB_YAML
  local name=$1 db=$2 verify_db=$3 db_yaml=$4 url_var="BACKEND_URL_$1"
  log "crash on $db: kill -9 during a write load of $CRASH_CLIENTS clients"
  node reliability/verify.mjs --db "$verify_db" --snapshot "$REL_WORK/before-crash-$db.json" >/dev/null ||
    { fail crash "could not read the database before the crash"; return; }
  node reliability/load.mjs --url "${!url_var}" --clients "$CRASH_CLIENTS" --seconds "$CRASH_SECONDS" \
    --writes-only --timeout 5000 --acks "$REL_WORK/acks-crash-$db.jsonl" \
    --out "$REL_WORK/crash-load-$db.json" --run-id "crash-$db-$$" &
  local load_pid=$!
  sleep $((CRASH_SECONDS * 2 / 5))
  local killed_at
  killed_at=$(now_ms)
  backend_kill9 "$name"
  log "killed the backend with SIGKILL; restarting it"
  backend_start "$name" "$db_yaml" || { fail crash "the backend did not come back after kill -9"; wait $load_pid; return; }
  local recovery_ms=$(($(now_ms) - killed_at))
  wait $load_pid
  node reliability/verify.mjs --db "$verify_db" --acks "$REL_WORK/acks-crash-$db.jsonl" \
    --before "$REL_WORK/before-crash-$db.json" --out "$REL_WORK/crash-verify-$db.json" ||
    fail crash "verification after the restart failed on $db"
  node -e '
    const fs = require("fs");
    const [verify, load, out, recoveryMs, restartMs] = process.argv.slice(1);
    const read = f => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : undefined);
    fs.writeFileSync(out, JSON.stringify({ recoveryMs: Number(recoveryMs), restartMs: Number(restartMs), verify: read(verify), load: read(load) }, null, 2));
  ' "$REL_WORK/crash-verify-$db.json" "$REL_WORK/crash-load-$db.json" "$RESULTS/crash-$db.json" "$recovery_ms" "$BACKEND_START_MS"
}

run_outage() { # NAME VERIFY_DB
  local name=$1 verify_db=$2 url_var="BACKEND_URL_$1"
  log "database outage: PostgreSQL stopped for 15 s during load"
  node reliability/outage.mjs --url "${!url_var}" --seconds 45 --out "$REL_WORK/outage-timeline.json" &
  local probe_pid=$!
  node reliability/load.mjs --url "${!url_var}" --clients 20 --seconds 45 --timeout 10000 \
    --acks "$REL_WORK/acks-outage.jsonl" --out "$REL_WORK/outage-load.json" --run-id "outage-$$" >"$REL_WORK/outage-load.txt" &
  local load_pid=$!
  sleep 10
  local down up
  down=$(now_ms)
  pg_pause || fail outage "could not stop PostgreSQL"
  sleep 15
  up=$(now_ms)
  pg_resume || { fail outage "could not start PostgreSQL again"; return; }
  wait $probe_pid
  wait $load_pid
  cat "$REL_WORK/outage-load.txt"
  node reliability/outage.mjs --analyze "$REL_WORK/outage-timeline.json" --down "$down" --up "$up" \
    --log "$REL_WORK/$name.log" --db "$verify_db" --load "$REL_WORK/outage-load.json" --out "$RESULTS/outage-postgres.json" || fail outage "the API did not behave during the outage"
  node reliability/verify.mjs --db "$verify_db" --acks "$REL_WORK/acks-outage.jsonl" \
    --out "$RESULTS/verify-outage-postgres.json" || fail outage "writes acknowledged around the outage are missing"
}

run_replicas() { # NAME DB_YAML VERIFY_DB
  local name=$1 db_yaml=$2 verify_db=$3 url_var="BACKEND_URL_$1"
  log "two replicas on one PostgreSQL"
  backend_start "${name}b" "$db_yaml" || { fail replicas "the second replica did not start"; return; }
  local url2_var="BACKEND_URL_${name}b" since
  since=$(now_ms)
  node reliability/load.mjs --url "${!url_var}" --url2 "${!url2_var}" --clients 20 --seconds 40 \
    --acks "$REL_WORK/acks-replicas.jsonl" --out "$REL_WORK/replicas-load.json" --run-id "replicas-$$" ||
    fail replicas "the load through both replicas did not run"
  node reliability/verify.mjs --db "$verify_db" --acks "$REL_WORK/acks-replicas.jsonl" \
    --out "$RESULTS/verify-replicas-postgres.json" || fail replicas "writes through both replicas are missing"
  node reliability/replicas.mjs --url "${!url_var}" --url2 "${!url2_var}" --db "$verify_db" --since "$since" \
    --rounds "$EDIT_ROUNDS" --slo-interval 10 --runbook-interval 20 \
    --logs "$REL_WORK/$name.log,$REL_WORK/${name}b.log" --out "$RESULTS/replicas-postgres.json" ||
    fail replicas "the replicas did not share their work correctly"
  backend_stop "${name}b"
}

for db in $DBS; do
  wants load || wants crash || wants outage || wants replicas || break
  if [ "$db" = sqlite ]; then
    mkdir -p "$REL_WORK/sqlite"
    db_yaml=$(db_yaml_sqlite "$REL_WORK/sqlite")
    verify_db="sqlite:$REL_WORK/sqlite/reliability.sqlite"
  else
    ensure_system_packages postgres >/dev/null 2>&1 || true
    pg_start
    db_yaml=$(db_yaml_postgres)
    verify_db="$PG_URL/backstage_plugin_reliability"
  fi
  if ! backend_start "$db" "$db_yaml"; then
    fail "$db" "the backend did not start"
  else
    wants load && run_load "$db" "$db" "$verify_db"
    wants crash && run_crash "$db" "$db" "$verify_db" "$db_yaml"
    if [ "$db" = postgres ]; then
      # Replicas before the outage: a job run the outage interrupts keeps its lock until it times out.
      wants replicas && run_replicas "$db" "$db_yaml" "$verify_db"
      wants outage && run_outage "$db" "$verify_db"
    fi
  fi
  backend_stop_all
  [ "$db" = postgres ] && pg_stop
done

# The hostile-input, access and browser parts, each with its own exit status in the table.
run_hook() { # PART COMMAND...
  local part=$1
  shift
  log "$part: $*"
  "$@" 2>&1 | tee "$RESULTS/$part.txt"
  local code=${PIPESTATUS[0]}
  echo "{\"code\": $code}" >"$RESULTS/$part.status.json"
  [ "$code" = 0 ] || fail "$part" "exited with status $code"
}
if wants fuzz; then
  run_hook fuzz node reliability/fuzz/run.mjs "${FUZZ_ARGS[@]}"
fi
# Anonymous, non-owner, owner and admin against every write route, the webhook secret and
# rotated iCalendar tokens, on the backend plugin in-process (SQLite).
access_matrix() {
  CI=true BACKSTAGE_TEST_DISABLE_DOCKER=1 \
    yarn backstage-cli repo test plugins/reliability-backend/src/tests/accessMatrix.test.ts
}
if wants access; then
  run_hook access access_matrix
fi
# Hostile Markdown in a postmortem and a runbook, rendered in Chromium against a portal that
# scripts/test.sh starts: no dialog fires, no request leaves the portal.
if wants browser; then
  run_hook browser env RELIABILITY_HUB_SKIP_INSTALL=1 E2E_ARGS=hostile-markdown.test.ts \
    scripts/test.sh e2e
fi

echo
node reliability/report.mjs "$RESULTS" || FAILED=1
exit $FAILED
