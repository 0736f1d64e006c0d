#!/usr/bin/env bash
# Builds every package under plugins/* that is not private and packs it as adopters get it:
#   scripts/adoption/pack.sh OUT_DIR
# writes OUT_DIR/<name>.tgz (scope without the @, e.g. reliability-hub-plugin-reliability.tgz)
# and OUT_DIR/packages.tsv (name, role, tarball, size in bytes), checks what every tarball must
# carry (package.json without workspace: ranges and not private, LICENSE, README, dist with its
# types, the config schema when the package has one, migrations when the package has them) and
# prints a table of the tarballs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../env.sh
source "$ROOT/scripts/env.sh"
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$ROOT/scripts/lib/common.sh"

OUT=${1:?usage: pack.sh OUT_DIR}
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
cd "$ROOT"

# name<TAB>role<TAB>dir of every publishable package
mapfile -t PACKAGES < <(node -e '
  const fs = require("fs"), path = require("path");
  for (const d of fs.readdirSync("plugins").sort()) {
    const file = path.join("plugins", d, "package.json");
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    if (pkg.private) continue;
    console.log([pkg.name, pkg.backstage?.role ?? "", path.join("plugins", d)].join("\t"));
  }')
[ ${#PACKAGES[@]} -gt 0 ] || die "no package to pack under plugins/"

log "Type declarations (yarn tsc), then backstage-cli repo build"
yarn tsc
# --all would also bundle the portal's app and backend; the packages are what adopters install.
yarn backstage-cli repo build

printf 'name\trole\ttarball\tbytes\n' >"$OUT/packages.tsv"
for entry in "${PACKAGES[@]}"; do
  IFS=$'\t' read -r name role dir <<<"$entry"
  tarball="$OUT/$(echo "${name#@}" | tr / -).tgz"
  log "Packing $name ($dir)"
  (cd "$dir" && yarn pack --out "$tarball" >/dev/null)
  node "$ROOT/scripts/adoption/check-tarball.cjs" "$tarball" "$dir"
  printf '%s\t%s\t%s\t%s\n' "$name" "$role" "$tarball" "$(stat -c %s "$tarball")" >>"$OUT/packages.tsv"
done

printf '\n%-62s %-22s %10s %10s\n' package role tarball unpacked
while IFS=$'\t' read -r name role tarball bytes; do
  [ "$name" = name ] && continue
  unpacked=$(tar -tvzf "$tarball" | awk '{ s += $3 } END { print s }')
  awk -v n="$name" -v r="$role" -v b="$bytes" -v u="$unpacked" \
    'BEGIN { printf "%-62s %-22s %8.1f kB %8.1f kB\n", n, r, b / 1000, u / 1000 }'
done <"$OUT/packages.tsv"
