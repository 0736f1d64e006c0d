#!/usr/bin/env bash
# Runs the hostile-input fuzzer against the backend on a throwaway PostgreSQL server.
#   reliability/fuzz/postgres.sh [--cases N] [--seed S]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=/dev/null
source scripts/env.sh
# shellcheck source=/dev/null
source scripts/lib/common.sh
# shellcheck source=/dev/null
source scripts/lib/apt.sh
# shellcheck source=/dev/null
source scripts/lib/postgres.sh
pg_start
trap pg_stop EXIT
node reliability/fuzz/run.mjs --postgres "$PG_URL" "$@"
