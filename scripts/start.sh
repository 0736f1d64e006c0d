#!/usr/bin/env bash
# Starts the portal on a fresh machine (Node 20 + npm is enough): puts Node 22 on PATH, installs
# the dependencies when needed, then `yarn start` (backstage-cli repo start):
#   frontend http://localhost:3000, backend http://localhost:7007, with the demo data.
# Extra arguments go to `yarn start` (e.g. `scripts/start.sh --config app-config.yaml`).
# Stop it with Ctrl-C.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=env.sh
source "$ROOT/scripts/env.sh"
set -euo pipefail

cd "$ROOT"
ensure_deps
echo "==> Starting the portal: http://localhost:3000 (backend http://localhost:7007)"
# Any input line makes backstage-cli restart the backend: without a terminal, read nothing.
[ -t 0 ] || exec </dev/null
# exec: Ctrl-C and kill reach yarn and its children directly.
exec node "$YARN_JS" start "$@"
