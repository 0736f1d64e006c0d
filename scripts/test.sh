#!/usr/bin/env bash
# Runs every test of the project on a fresh machine (Node 20 + npm is enough): installs what is
# missing (Node 22, dependencies, PostgreSQL, Prometheus, Alertmanager and Chromium from Debian), then
#   tsc    yarn tsc, then the API report of every published package (backstage-repo-tools
#          api-reports --ci: report.api.md must match the exports)
#   lint   yarn backstage-cli repo lint             (all packages), and repo fix --publish --check
#                                                   (package metadata as publishing needs it)
#   unit   CI=true yarn backstage-cli repo test     (with a throwaway PostgreSQL for the store tests;
#                                                   the webhook test runs its own Alertmanager,
#                                                   the SLI source test its own Prometheus, the
#                                                   alert loop test both; a missing binary fails)
#   e2e    yarn playwright test                     (against a portal started here)
#   reliability  reliability/run.sh --quick         (load, kill -9, PostgreSQL outage, two
#                                                   replicas and the fuzzer against the real backend)
#   adoption  scripts/adoption/run.sh               (packs the packages, applies the README's install
#                                                   guide to stock apps of both frontend systems,
#                                                   starts them and checks the pages in Chromium)
# and prints how long each stage took. Exits non-zero when anything failed.
#
# Usage: scripts/test.sh [--fail-fast] [STAGE...]
#   STAGE is tsc, lint, unit (or test), e2e (or browser), reliability or adoption; default: all
#   six, in that order.
#   Later stages run even when an earlier one failed, unless --fail-fast.
#   Extra arguments: UNIT_ARGS="plugins/reliability-backend" (jest), E2E_ARGS="--grep checkout"
#   (playwright), ADOPTION_ARGS="legacy" (one frontend system). Logs: node_modules/.cache/test-logs/;
#   screenshots: node_modules/.cache/e2e-* and test-logs/adoption-*.png.
set -euo pipefail

T_START=$(date +%s%3N)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=env.sh
source "$ROOT/scripts/env.sh"
set -euo pipefail # env.sh leaves interactive shells alone; this script wants strict mode
# shellcheck source=lib/common.sh
source "$ROOT/scripts/lib/common.sh"
# shellcheck source=lib/apt.sh
source "$ROOT/scripts/lib/apt.sh"
# shellcheck source=lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"
# shellcheck source=lib/portal.sh
source "$ROOT/scripts/lib/portal.sh"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

STAGES=()
FAIL_FAST=0
for arg in "$@"; do
  case "$arg" in
    tsc | types) STAGES+=(tsc) ;;
    lint) STAGES+=(lint) ;;
    unit | test | tests | jest) STAGES+=(unit) ;;
    e2e | browser | playwright) STAGES+=(e2e) ;;
    reliability | hardening) STAGES+=(reliability) ;;
    adoption | install) STAGES+=(adoption) ;;
    all) STAGES+=(tsc lint unit e2e reliability adoption) ;;
    --fail-fast) FAIL_FAST=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $arg" ;;
  esac
done
[ ${#STAGES[@]} -gt 0 ] || STAGES=(tsc lint unit e2e reliability adoption)
wants() { case " ${STAGES[*]} " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

cd "$ROOT"
LOG_DIR="$ROOT/node_modules/.cache/test-logs"

TIMING_NAMES=()
TIMING_MS=()
TIMING_RESULTS=()
FAILED=0
TESTS_PASSED=0
TESTS_FAILED=0
TESTS_SKIPPED=0
TESTS_COUNTED=0

record() { TIMING_NAMES+=("$1"); TIMING_MS+=("$2"); TIMING_RESULTS+=("$3"); }
# Node 22 (downloaded by env.sh when the machine has an older one) is ready by now.
record "node $(node --version)" $(($(now_ms) - T_START)) ok

summary() {
  local i
  printf '\n==> Summary\n'
  for i in "${!TIMING_NAMES[@]}"; do
    printf '  %-26s %-7s %10s\n' "${TIMING_NAMES[$i]}" "${TIMING_RESULTS[$i]}" "$(fmt_ms "${TIMING_MS[$i]}")"
  done
  printf '  %-26s %-7s %10s\n' total "" "$(fmt_ms $(($(now_ms) - T_START)))"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  set +e
  portal_stop
  pg_stop
  summary
  if [ "$rc" != 0 ] || [ "$FAILED" != 0 ]; then
    printf '\nFAILED\n'
    [ "$rc" != 0 ] || rc=1
  else
    printf '\nAll stages passed.\n'
  fi
  if [ "$TESTS_COUNTED" = 1 ]; then
    # Jest and Playwright together, in the plain form CI reads.
    if [ "$TESTS_SKIPPED" -gt 0 ]; then
      printf 'tests: %d passed, %d failed, %d skipped\n' "$TESTS_PASSED" "$TESTS_FAILED" "$TESTS_SKIPPED"
    else
      printf 'tests: %d passed, %d failed\n' "$TESTS_PASSED" "$TESTS_FAILED"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "Interrupted" >&2; exit 130' INT
trap 'echo "Terminated" >&2; exit 143' TERM HUP

# step NAME COMMAND... : runs a step that must work (setup); stops the run when it fails.
step() {
  local name=$1 t0 rc=0
  shift
  t0=$(now_ms)
  "$@" || rc=$?
  if [ $rc = 0 ]; then
    record "$name" $(($(now_ms) - t0)) ok
  else
    record "$name" $(($(now_ms) - t0)) FAILED
    FAILED=1
    die "$name failed"
  fi
}

# stage NAME COMMAND... : runs a test stage; a failure is recorded, later stages still run.
stage() {
  local name=$1 t0 rc=0
  shift
  log "$name: $*"
  t0=$(now_ms)
  "$@" || rc=$?
  if [ $rc = 0 ]; then
    record "$name" $(($(now_ms) - t0)) ok
  else
    record "$name" $(($(now_ms) - t0)) FAILED
    FAILED=1
    echo "*** $name failed (exit code $rc)" >&2
    # 130/143: the command stopped on Ctrl-C or SIGTERM, which then never reaches this shell's
    # trap (bash leaves SIGINT to a child that handles it): stop here rather than go on.
    if [ "$FAIL_FAST" = 1 ] || [ $rc = 130 ] || [ $rc = 143 ]; then
      exit "$rc"
    fi
  fi
}

# count_tests LOG REGEX_PASSED REGEX_FAILED REGEX_SKIPPED : adds "N word" counts from a summary.
count_tests() {
  local text n
  text=$(sed 's/\x1b\[[0-9;]*m//g' "$1")
  n=$(grep -oE "[0-9]+ ($2)" <<<"$text" | awk '{ s += $1 } END { print s + 0 }')
  TESTS_PASSED=$((TESTS_PASSED + n))
  n=$(grep -oE "[0-9]+ ($3)" <<<"$text" | awk '{ s += $1 } END { print s + 0 }')
  TESTS_FAILED=$((TESTS_FAILED + n))
  n=$(grep -oE "[0-9]+ ($4)" <<<"$text" | awk '{ s += $1 } END { print s + 0 }')
  TESTS_SKIPPED=$((TESTS_SKIPPED + n))
  TESTS_COUNTED=1
}

run_unit_tests() {
  local t0 rc=0
  t0=$(now_ms)
  pg_start || return 1
  record "  postgres start" $(($(now_ms) - t0)) ok
  # shellcheck disable=SC2086 # UNIT_ARGS is a list of words
  CI=true yarn backstage-cli repo test ${UNIT_ARGS:-} 2>&1 | tee "$LOG_DIR/unit.log" || rc=${PIPESTATUS[0]}
  pg_stop
  # Jest's closing "Tests: 1 failed, 2 skipped, 41 passed, 44 total" line.
  grep -E '^Tests:' "$LOG_DIR/unit.log" | tail -n 1 >"$LOG_DIR/unit.summary" || true
  count_tests "$LOG_DIR/unit.summary" 'passed' 'failed' 'skipped|todo'
  return $rc
}

run_browser_tests() {
  local t0 rc=0
  t0=$(now_ms)
  # The browser tests' settings (e.g. escalation delays short enough to watch).
  if ! PORTAL_EXTRA_CONFIG="$ROOT/packages/app/e2e-tests/app-config.e2e.yaml" \
    portal_start "$LOG_DIR/portal.log"; then
    record "  portal start" $(($(now_ms) - t0)) FAILED
    portal_stop
    return 1
  fi
  record "  portal start" $(($(now_ms) - t0)) ok
  # PLAYWRIGHT_URL also tells playwright.config.ts not to start servers of its own.
  # shellcheck disable=SC2086 # E2E_ARGS is a list of words
  PLAYWRIGHT_URL="$PORTAL_APP_URL" CHROMIUM_PATH="$(chromium_path)" \
    yarn playwright test ${E2E_ARGS:-} 2>&1 | tee "$LOG_DIR/e2e.log" || rc=${PIPESTATUS[0]}
  if [ $rc != 0 ] && [ $rc != 130 ]; then
    echo "--- last lines of the portal log (${LOG_DIR#"$ROOT"/}/portal.log)" >&2
    tail -n 25 "$LOG_DIR/portal.log" | sed 's/\x1b\[[0-9;]*m//g' | cut -c 1-240 >&2 || true
  fi
  portal_stop
  # The list reporter's closing lines: "  2 passed (12.9s)", "  1 failed", "  1 flaky", ...
  grep -E '^ +[0-9]+ (passed|failed|flaky|skipped|interrupted|did not run)' "$LOG_DIR/e2e.log" >"$LOG_DIR/e2e.summary" || true
  count_tests "$LOG_DIR/e2e.summary" 'passed|flaky' 'failed|interrupted' 'skipped|did not run'
  return $rc
}

# The quick reliability suite; the access matrix and the hostile-Markdown browser checks run with
# the unit and browser stages. The full run (200 clients × 60 s) is reliability/run.sh.
run_reliability_suite() {
  bash reliability/run.sh --quick --only load,crash,outage,replicas,fuzz 2>&1 |
    tee "$LOG_DIR/reliability.log"
  return "${PIPESTATUS[0]}"
}

log "Reliability Hub tests: ${STAGES[*]} (node $(node --version), $(nproc 2>/dev/null || echo '?') cores)"
step "dependencies" ensure_deps
system_needs=()
wants unit && system_needs+=(postgres alertmanager)
wants unit && system_needs+=(prometheus)
wants e2e && system_needs+=(chromium)
wants adoption && system_needs+=(chromium)
wants reliability && system_needs+=(postgres)
if [ ${#system_needs[@]} -gt 0 ]; then
  step "system packages" ensure_system_packages "${system_needs[@]}"
fi
mkdir -p "$LOG_DIR"

wants tsc && stage "tsc" yarn tsc
# Needs the declarations tsc just wrote to dist-types.
wants tsc && stage "api reports" yarn build:api-reports:only --ci
wants lint && stage "lint" yarn backstage-cli repo lint
wants lint && stage "package metadata" yarn backstage-cli repo fix --publish --check
wants unit && stage "unit tests" run_unit_tests
wants e2e && stage "browser tests" run_browser_tests
wants reliability && stage "reliability suite" run_reliability_suite
# shellcheck disable=SC2086 # ADOPTION_ARGS is a list of words
wants adoption && stage "adoption" bash scripts/adoption/run.sh ${ADOPTION_ARGS:-}
exit 0
