#!/usr/bin/env bash
# Proves that adopters can install Reliability Hub by following the README:
#   1. builds and packs every package under plugins/* that is not private (pack.sh);
#   2. creates a stock Backstage app of this repository's Backstage version with
#      @backstage/create-app in a temporary folder, for each frontend system asked for;
#   3. applies the README's install steps to it (apply-guide.cjs: the guide's own blocks are the
#      input, so guide and test cannot drift), the required ones and then the optional search,
#      Prometheus and scaffolder modules, and prints the lines each changed per file;
#   4. installs the tarballs, checks that no second copy of a Backstage package came with them,
#      type-checks the app (yarn tsc) and checks the changed files' formatting (prettier);
#   5. starts the app on free ports with no `reliability:` configuration, declares an incident
#      and writes a postmortem through the API (as a guest), waits for the postmortem in search,
#      and opens the pages in Debian's Chromium (check-pages.cjs).
# Everything it starts is stopped and the temporary folder removed when it ends.
#
# Usage: scripts/adoption/run.sh [legacy] [nfs] [--keep]
#   legacy  the legacy frontend system (create-app --legacy)
#   nfs     the new frontend system (create-app's default)
#   default: both. --keep leaves the temporary folder (and prints where it is).
# Logs: node_modules/.cache/test-logs/adoption-*.log, screenshots next to them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../env.sh
source "$ROOT/scripts/env.sh"
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$ROOT/scripts/lib/common.sh"
# shellcheck source=../lib/apt.sh
source "$ROOT/scripts/lib/apt.sh"
# shellcheck source=../lib/portal.sh
source "$ROOT/scripts/lib/portal.sh"

HERE="$ROOT/scripts/adoption"
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

SYSTEMS=()
KEEP=0
for arg in "$@"; do
  case "$arg" in
    legacy | nfs) SYSTEMS+=("$arg") ;;
    --keep) KEEP=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $arg" ;;
  esac
done
[ ${#SYSTEMS[@]} -gt 0 ] || SYSTEMS=(legacy nfs)

# The create-app release that makes apps of this repository's Backstage release.
BACKSTAGE_VERSION=$(node -p 'require(process.argv[1]).version' "$ROOT/backstage.json")
# create-app's templates ask for caret ranges and its lockfile seed is out of reach here, so an app
# made today would resolve some packages to later releases that do not run with the rest (1.57's
# plugin-signals-backend needs 1.57's backend). The test installs packages as they were while
# this release was current: nothing published after RELEASED_BEFORE (yarn's npmMinimalAgeGate).
case "$BACKSTAGE_VERSION" in
  1.55.*) CREATE_APP_VERSION=0.9.2 RELEASED_BEFORE=2026-10-01T00:00:00Z ;;
  *) die "no create-app release known for Backstage $BACKSTAGE_VERSION: add it to ${BASH_SOURCE[0]}" ;;
esac

LOG_DIR="${ADOPTION_LOG_DIR:-$ROOT/node_modules/.cache/test-logs}"
mkdir -p "$LOG_DIR"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/reliability-adoption.XXXXXX")
APP_PGID=""
INCIDENT_TITLE="Payments declined at checkout (adoption check)"
POSTMORTEM_TITLE="Adoption check: what declined the payments"

TIMING_NAMES=()
TIMING_MS=()
LINES=()

record() { TIMING_NAMES+=("$1"); TIMING_MS+=("$2"); }
timed() {
  local name=$1 t0 rc=0
  shift
  t0=$(now_ms)
  "$@" || rc=$?
  record "$name" $(($(now_ms) - t0))
  [ $rc = 0 ] || die "$name failed (exit code $rc)"
}

stop_app() {
  [ -n "$APP_PGID" ] || return 0
  local _
  if kill -0 -- "-$APP_PGID" 2>/dev/null; then
    kill -TERM -- "-$APP_PGID" 2>/dev/null || true
    for _ in $(seq 100); do
      kill -0 -- "-$APP_PGID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$APP_PGID" 2>/dev/null || true
  fi
  APP_PGID=""
}

summary() {
  local i
  [ ${#LINES[@]} -gt 0 ] && printf '\n==> Lines the README changes in a stock app\n%s\n' "$(printf '%s\n' "${LINES[@]}")"
  printf '\n==> Adoption timings\n'
  for i in "${!TIMING_NAMES[@]}"; do
    printf '  %-42s %10s\n' "${TIMING_NAMES[$i]}" "$(fmt_ms "${TIMING_MS[$i]}")"
  done
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  set +e
  stop_app
  summary
  if [ "$KEEP" = 1 ]; then
    printf '\nThe apps are in %s\n' "$WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "Interrupted" >&2; exit 130' INT
trap 'echo "Terminated" >&2; exit 143' TERM HUP

T_START=$(now_ms)
[ -n "$(chromium_path)" ] || die "Chromium is missing: scripts/test.sh adoption installs it"
command -v git >/dev/null 2>&1 || die "git is needed to count the lines the guide changes"
command -v curl >/dev/null 2>&1 || die "curl is needed to talk to the app"

log "Adoption check of Backstage $BACKSTAGE_VERSION apps (create-app $CREATE_APP_VERSION, packages published before $RELEASED_BEFORE): ${SYSTEMS[*]}"
timed "build and pack the packages" bash "$HERE/pack.sh" "$WORK/packages"
PACKAGES_TSV="$WORK/packages/packages.tsv"

# create-app insists on a `yarn` on PATH: the Yarn release this repository commits.
mkdir -p "$WORK/bin"
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$YARN_JS" >"$WORK/bin/yarn"
chmod +x "$WORK/bin/yarn"
export PATH="$WORK/bin:$PATH"
export YARN_ENABLE_IMMUTABLE_INSTALLS=false # the stock app has no lockfile to keep
git_app() { git -C "$APP" -c user.name=adoption -c user.email=adoption@localhost "$@"; }

create_app() {
  local flags=(--skip-install --path "$SYSTEM")
  [ "$SYSTEM" = legacy ] && flags+=(--legacy)
  (cd "$WORK" && BACKSTAGE_APP_NAME=portal npx -y "@backstage/create-app@$CREATE_APP_VERSION" "${flags[@]}") \
    </dev/null >"$LOG_DIR/adoption-$SYSTEM-create.log" 2>&1
  local made
  made=$(node -p 'require(process.argv[1]).version' "$APP/backstage.json")
  [ "$made" = "$BACKSTAGE_VERSION" ] || die "create-app $CREATE_APP_VERSION made a $made app, not $BACKSTAGE_VERSION"
  [ -d "$APP/.git" ] || { git_app init -q && git_app add -A && git_app commit -qm "stock app"; }
  # This machine's registry lacks some platform packages: pin them as this repository does, and
  # let those pins through the release date gate (see RELEASED_BEFORE). Workarounds of the
  # machine and of time, not steps of the guide, so they are committed before the count.
  node -e '
    const fs = require("fs");
    const YAML = require(process.argv[1]);
    const [, appDir, repoFile, releasedBefore] = process.argv.slice(1);
    const appFile = `${appDir}/package.json`;
    const app = JSON.parse(fs.readFileSync(appFile, "utf8"));
    const pins = Object.entries(JSON.parse(fs.readFileSync(repoFile, "utf8")).resolutions ?? {})
      .filter(([name]) => !name.startsWith("@backstage/") && !name.startsWith("@reliability-hub/"));
    app.resolutions = { ...app.resolutions, ...Object.fromEntries(pins) };
    fs.writeFileSync(appFile, JSON.stringify(app, null, 2) + "\n");
    const rcFile = `${appDir}/.yarnrc.yml`;
    const rc = YAML.parse(fs.readFileSync(rcFile, "utf8"));
    rc.npmMinimalAgeGate = Math.ceil((Date.now() - Date.parse(releasedBefore)) / 60000);
    rc.npmPreapprovedPackages = [
      ...new Set(pins.map(([name]) => (name.startsWith("@") ? `${name.split("/")[0]}/*` : name))),
    ];
    fs.writeFileSync(rcFile, YAML.stringify(rc));
  ' "$ROOT/node_modules/yaml" "$APP" "$ROOT/package.json" "$RELEASED_BEFORE"
  git_app commit -qam "registry pins of this machine, packages as of Backstage $BACKSTAGE_VERSION"
}

yarn_install() {
  local logfile=$1
  # Build scripts off: the stock app's native modules would compile for minutes (better-sqlite3,
  # ssh2, cpu-features, tree-sitter); the one the test needs comes from this repository's build
  # of the same version, or is built alone.
  (cd "$APP" && YARN_ENABLE_SCRIPTS=false node "$YARN_JS" install) >"$logfile" 2>&1 || {
    grep -E 'YN0001|YN0009|YN0082|Error' "$logfile" | head -n 20 >&2
    return 1
  }
  local ours theirs
  theirs=$(node -p 'require(process.argv[1]).version' "$APP/node_modules/better-sqlite3/package.json")
  ours=$(node -p 'require(process.argv[1]).version' "$ROOT/node_modules/better-sqlite3/package.json" 2>/dev/null || true)
  if [ "$theirs" = "$ours" ] && [ -f "$ROOT/node_modules/better-sqlite3/build/Release/better_sqlite3.node" ]; then
    mkdir -p "$APP/node_modules/better-sqlite3/build/Release"
    cp "$ROOT/node_modules/better-sqlite3/build/Release/better_sqlite3.node" "$APP/node_modules/better-sqlite3/build/Release/"
  else
    (cd "$APP" && YARN_ENABLE_SCRIPTS=true node "$YARN_JS" rebuild better-sqlite3) >>"$logfile" 2>&1
  fi
}

# The release date gate (RELEASED_BEFORE) would also hold back the packages Reliability Hub depends
# on that the stock app has none of (re2js, for example, is newer than Backstage 1.55): an app made
# today gets them as they are, so they are let through. What the stock app already has keeps the
# versions it installed. A workaround of time like the gate itself, so committed before the count.
approve_new_dependencies() {
  node -e '
    const fs = require("fs");
    const YAML = require(process.argv[1]);
    const [, appDir, pluginsDir] = process.argv.slice(1);
    const lock = fs.readFileSync(`${appDir}/yarn.lock`, "utf8");
    const inStockApp = name =>
      new RegExp(`(^|[\\s",])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}@npm:`, "m").test(lock);
    const ours = fs.readdirSync(pluginsDir)
      .map(dir => `${pluginsDir}/${dir}/package.json`)
      .filter(file => fs.existsSync(file))
      .map(file => JSON.parse(fs.readFileSync(file, "utf8")))
      .filter(pkg => !pkg.private)
      .flatMap(pkg => Object.keys(pkg.dependencies ?? {}))
      .filter(name => !name.startsWith("@backstage/") && !name.startsWith("@reliability-hub/"));
    const missing = [...new Set(ours)].filter(name => !inStockApp(name)).sort();
    const rcFile = `${appDir}/.yarnrc.yml`;
    const rc = YAML.parse(fs.readFileSync(rcFile, "utf8"));
    rc.npmPreapprovedPackages = [...new Set([...(rc.npmPreapprovedPackages ?? []), ...missing])];
    fs.writeFileSync(rcFile, YAML.stringify(rc));
    console.log(`  let through the release date gate: ${missing.join(", ") || "nothing"}`);
  ' "$ROOT/node_modules/yaml" "$APP" "$ROOT/plugins"
  git_app commit -qam "dependencies of the packages that the stock app lacks, as of today" || true
}

# count_lines LABEL : the lines changed since the last commit, per file, then commits them.
count_lines() {
  local label=$1 code=0 deps=0 added removed file
  while read -r added removed file; do
    case "$file" in
      package.json | */package.json)
        deps=$((deps + added + removed))
        LINES+=("$(printf '  %-7s %-18s %-55s +%s -%s (dependency lines)' "$SYSTEM" "$label" "$file" "$added" "$removed")")
        ;;
      *)
        code=$((code + added + removed))
        LINES+=("$(printf '  %-7s %-18s %-55s +%s -%s' "$SYSTEM" "$label" "$file" "$added" "$removed")")
        ;;
    esac
  done < <(git_app diff --numstat)
  LINES+=("$(printf '  %-7s %-18s %-55s %s' "$SYSTEM" "$label" "total" "$code lines changed, plus $deps dependency lines")")
  git_app commit -qam "$label"
  CHANGED_FILES+=($(git_app diff --name-only HEAD~1 -- '*.ts' '*.tsx'))
}

app_tsc() {
  local logfile="$LOG_DIR/adoption-$SYSTEM-tsc.log"
  (cd "$APP" && node "$YARN_JS" tsc) >"$logfile" 2>&1 || { tail -n 30 "$logfile" >&2; return 1; }
}

write_test_setup() {
  # A catalog file with one Component per entity page of the stock app, and ports of our own.
  # Setup of the test only: none of it is an install step, and there is no `reliability:` key.
  cat >"$WORK/adoption-entities.yaml" <<'YAML'
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: adoption-checkout
spec: { type: service, lifecycle: production, owner: guests, system: examples }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: adoption-storefront
spec: { type: website, lifecycle: production, owner: guests, system: examples }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: adoption-ledger
spec: { type: library, lifecycle: production, owner: guests, system: examples }
YAML
  APP_PORT=$(_free_port 3400)
  BACKEND_PORT=$(_free_port 7400 "$APP_PORT")
  APP_URL="http://localhost:$APP_PORT"
  BACKEND_URL="http://localhost:$BACKEND_PORT"
  cat >"$WORK/app-config.adoption.yaml" <<YAML
app:
  baseUrl: $APP_URL
backend:
  baseUrl: $BACKEND_URL
  listen:
    port: $BACKEND_PORT
  cors:
    origin: $APP_URL
  database:
    client: better-sqlite3
    connection: ':memory:'
catalog:
  locations:
    - type: file
      target: $APP/examples/entities.yaml
    - type: file
      target: $APP/examples/org.yaml
      rules:
        - allow: [User, Group]
    - type: file
      target: $WORK/adoption-entities.yaml
search:
  collators:
    reliability:
      schedule: { frequency: { seconds: 5 }, timeout: { minutes: 1 }, initialDelay: { seconds: 2 } }
YAML
}

start_app() {
  local logfile="$LOG_DIR/adoption-$SYSTEM-app.log" pidfile="$WORK/$SYSTEM.pgid" _
  (cd "$APP" && BROWSER=none exec setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$pidfile" \
    node "$YARN_JS" start --config "$APP/app-config.yaml" --config "$WORK/app-config.adoption.yaml") \
    </dev/null >"$logfile" 2>&1 &
  for _ in $(seq 50); do
    [ -s "$pidfile" ] && break
    sleep 0.1
  done
  APP_PGID=$(cat "$pidfile")
  if ! _wait_url "$BACKEND_URL/.backstage/health/v1/readiness" 300 "$APP_PGID" ||
    ! _wait_url "$APP_URL/" 300 "$APP_PGID"; then
    tail -n 40 "$logfile" | sed 's/\x1b\[[0-9;]*m//g' | cut -c 1-240 >&2
    return 1
  fi
}

# api METHOD PATH [JSON] : a call to the app's backend as the signed-in guest; prints the body.
api() {
  local args=(-fsS --max-time 30 -X "$1" -H "Authorization: Bearer $TOKEN" "$BACKEND_URL$2")
  [ $# -ge 3 ] && args+=(-H 'Content-Type: application/json' -d "$3")
  curl "${args[@]}"
}

create_records() {
  TOKEN=$(curl -fsS "$BACKEND_URL/api/auth/guest/refresh" |
    node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).backstageIdentity.token')
  local _ id
  curl -fsS "$BACKEND_URL/api/reliability/health" >/dev/null
  for _ in $(seq 60); do
    api GET /api/catalog/entities/by-name/component/default/adoption-checkout >/dev/null 2>&1 && break
    sleep 1
  done
  id=$(api POST /api/reliability/incidents \
    "{\"entityRef\":\"component:default/adoption-checkout\",\"title\":\"$INCIDENT_TITLE\",\"severity\":\"SEV2\"}" |
    node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).id')
  api POST /api/reliability/postmortems \
    "{\"entityRef\":\"component:default/adoption-checkout\",\"incidentIds\":[\"$id\"],\"title\":\"$POSTMORTEM_TITLE\"}" >/dev/null
  echo "  declared incident $id and wrote its postmortem"
}

wait_for_search() {
  local _ term
  term=$(node -p 'encodeURIComponent(process.argv[1])' "$POSTMORTEM_TITLE")
  for _ in $(seq 90); do
    if api GET "/api/search/query?term=$term&types%5B0%5D=reliability-postmortem" 2>/dev/null |
      grep -q "$POSTMORTEM_TITLE"; then
      echo "  the postmortem is in the portal's search"
      return 0
    fi
    sleep 1
  done
  warn "the postmortem did not reach the search index within 90 s"
  return 1
}

SEED_LOCK=""
for SYSTEM in "${SYSTEMS[@]}"; do
  APP="$WORK/$SYSTEM"
  CHANGED_FILES=()
  log "[$SYSTEM] stock app (create-app $CREATE_APP_VERSION)"
  timed "$SYSTEM: create-app" create_app
  if [ -n "$SEED_LOCK" ]; then
    # The first app's lockfile and node_modules seed the second install, as create-app's own
    # lockfile seed would (it cannot download one here); the second app's packages are its own.
    cp "$SEED_LOCK" "$APP/yarn.lock"
    for d in node_modules packages/app/node_modules packages/backend/node_modules; do
      [ -d "$WORK/$PREVIOUS/$d" ] && mv "$WORK/$PREVIOUS/$d" "$APP/$d"
    done
    git_app commit -qam "lockfile seed" || true
  fi
  log "[$SYSTEM] yarn install (stock app)"
  timed "$SYSTEM: yarn install, stock app" yarn_install "$LOG_DIR/adoption-$SYSTEM-install-stock.log"
  git_app add -A && git_app commit -qm "yarn install"
  node "$HERE/installed.cjs" list "$APP" >"$WORK/$SYSTEM.before.json"
  approve_new_dependencies
  [ -n "$SEED_LOCK" ] || { cp "$APP/yarn.lock" "$WORK/seed.yarn.lock"; SEED_LOCK="$WORK/seed.yarn.lock"; }

  log "[$SYSTEM] the README's install steps"
  # The required steps, then each optional one as its own count: the search module (and, in the
  # legacy app, the search page's result types), the Prometheus module and the scaffolder module,
  # which the test installs too so that every package is checked.
  case "$SYSTEM" in
    legacy) required=(dependencies backend legacy) search=(search-dependencies search legacy-search) ;;
    nfs) required=(dependencies backend nfs) search=(search-dependencies search) ;;
  esac
  node "$HERE/apply-guide.cjs" "$ROOT/README.md" "$APP" "$PACKAGES_TSV" "${required[@]}"
  count_lines "install steps"
  node "$HERE/apply-guide.cjs" "$ROOT/README.md" "$APP" "$PACKAGES_TSV" "${search[@]}"
  count_lines "search (optional)"
  node "$HERE/apply-guide.cjs" "$ROOT/README.md" "$APP" "$PACKAGES_TSV" prometheus-dependencies prometheus
  count_lines "Prometheus (opt.)"
  node "$HERE/apply-guide.cjs" "$ROOT/README.md" "$APP" "$PACKAGES_TSV" scaffolder-dependencies scaffolder
  count_lines "scaffolder (opt.)"
  if [ ${#CHANGED_FILES[@]} -gt 0 ]; then
    (cd "$APP" && node "$YARN_JS" prettier --check "${CHANGED_FILES[@]}") >"$LOG_DIR/adoption-$SYSTEM-prettier.log" 2>&1 ||
      { cat "$LOG_DIR/adoption-$SYSTEM-prettier.log" >&2; die "the guide's snippets are not formatted as prettier would"; }
  fi

  log "[$SYSTEM] yarn install (with the tarballs)"
  timed "$SYSTEM: yarn install, with the packages" yarn_install "$LOG_DIR/adoption-$SYSTEM-install.log"
  node "$HERE/installed.cjs" list "$APP" >"$WORK/$SYSTEM.after.json"
  node "$HERE/installed.cjs" added "$WORK/$SYSTEM.before.json" "$WORK/$SYSTEM.after.json"

  log "[$SYSTEM] yarn tsc"
  timed "$SYSTEM: yarn tsc" app_tsc
  write_test_setup
  log "[$SYSTEM] starting the app: $APP_URL, backend $BACKEND_URL (log: adoption-$SYSTEM-app.log)"
  timed "$SYSTEM: app start (dev servers)" start_app
  timed "$SYSTEM: incident and postmortem via the API" create_records
  timed "$SYSTEM: postmortem in search" wait_for_search
  log "[$SYSTEM] Chromium"
  timed "$SYSTEM: pages in Chromium" env ADOPTION_INCIDENT="$INCIDENT_TITLE" \
    ADOPTION_POSTMORTEM="$POSTMORTEM_TITLE" CHROMIUM_PATH="$(chromium_path)" \
    node "$HERE/check-pages.cjs" "$SYSTEM" "$APP_URL" "$LOG_DIR"
  stop_app
  PREVIOUS=$SYSTEM
done
record "total" $(($(now_ms) - T_START))
log "Adoption check passed: ${SYSTEMS[*]}"
