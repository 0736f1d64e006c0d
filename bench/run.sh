#!/usr/bin/env bash
# The one performance command (issue 12): every reliability read against the
# catalog's own on the production build, on SQLite and on PostgreSQL, at 10
# and 200 clients, with event-loop delay and RSS; then the rotation math and
# the frontend's gzip sizes. Starts a throwaway PostgreSQL server for the
# PostgreSQL half and stops it afterwards. Options go to bench/routes/run.mjs
# (e.g. --db sqlite, --clients 10, --duration 20, --no-build).
#
#   bash bench/run.sh            # ~40 min on 2 cores; prints one report
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
source scripts/env.sh
cd "$ROOT"
source scripts/lib/common.sh
source scripts/lib/apt.sh
source scripts/lib/postgres.sh
ensure_system_packages postgres
pg_start
trap pg_stop EXIT
node bench/routes/run.mjs --pg-url "$PG_URL" "$@"
