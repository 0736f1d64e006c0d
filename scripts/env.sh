#!/usr/bin/env bash
# Sourced by the other scripts: puts a Node 22 on PATH (downloading it from the npm
# registry into .tools/ when the machine has an older one) and defines `yarn` as the
# Yarn release committed in .yarn/releases. Backstage 1.55 needs Node 22 or newer.
# In a terminal, `source scripts/env.sh` gives that shell the same `yarn` and `ensure_deps`.
case $- in
  *i*) ;; # an interactive shell: strict mode would close it at the first failing command
  *) set -euo pipefail ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION="${RELIABILITY_HUB_NODE_VERSION:-22.23.3}"
TOOLS="$ROOT/.tools"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local major
  major=$(node_major)
  if [ "$major" -ge 22 ] 2>/dev/null; then
    return
  fi
  local dir="$TOOLS/node-$NODE_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    local arch
    case "$(uname -m)" in
      x86_64) arch=x64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *) echo "Unsupported CPU architecture $(uname -m)" >&2; exit 1 ;;
    esac
    echo "==> Installing Node $NODE_VERSION into .tools/ (from the npm registry)"
    mkdir -p "$TOOLS"
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-$arch@$NODE_VERSION" >/dev/null && tar xzf node-linux-*.tgz)
    rm -rf "$dir"
    mv "$tmp/package" "$dir"
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  # Native modules (better-sqlite3) build against these headers instead of downloading them.
  export npm_config_nodedir="$dir"
}

ensure_node
if [ -z "${npm_config_nodedir:-}" ]; then
  # A system Node 22+: use its own headers.
  export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
fi

YARN_JS="$(ls "$ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
yarn() { node "$YARN_JS" "$@"; }
export YARN_ENABLE_TELEMETRY=0
export YARN_ENABLE_PROGRESS_BARS=0

# A fingerprint of what `yarn install` depends on: yarn.lock, .yarnrc.yml, the dependency fields
# of the root and of every workspace package.json, and the Node ABI (native modules are built for
# one). Workspaces must be globbed as "dir/*", as the root package.json has them.
deps_fingerprint() {
  node -e '
    const fs = require("fs"), path = require("path"), crypto = require("crypto");
    const root = process.argv[1];
    const read = f => JSON.parse(fs.readFileSync(path.join(root, f), "utf8"));
    const rootPkg = read("package.json");
    const files = ["package.json"];
    for (const pattern of rootPkg.workspaces?.packages ?? rootPkg.workspaces ?? []) {
      const dir = pattern.replace(/\/\*$/, "");
      if (!fs.existsSync(path.join(root, dir))) continue;
      for (const d of fs.readdirSync(path.join(root, dir)).sort()) {
        if (fs.existsSync(path.join(root, dir, d, "package.json"))) files.push(`${dir}/${d}/package.json`);
      }
    }
    const sorted = o => (o && typeof o === "object" && !Array.isArray(o) ? Object.fromEntries(Object.entries(o).sort()) : o);
    const fields = ["name", "workspaces", "dependencies", "devDependencies", "peerDependencies",
      "optionalDependencies", "peerDependenciesMeta", "dependenciesMeta", "resolutions"];
    const hash = crypto.createHash("sha256").update(`abi ${process.versions.modules}\n`);
    for (const f of files) hash.update(`${f} ${JSON.stringify(fields.map(k => sorted(read(f)[k])))}\n`);
    for (const f of ["yarn.lock", ".yarnrc.yml"]) {
      if (fs.existsSync(path.join(root, f))) hash.update(fs.readFileSync(path.join(root, f)));
    }
    console.log(hash.digest("hex"));
  ' "$ROOT"
}

ensure_deps() {
  # Installs when node_modules is missing or was installed for other dependencies (yarn.lock, any
  # workspace's package.json) or another Node ABI. RELIABILITY_HUB_SKIP_INSTALL=1 skips this.
  if [ "${RELIABILITY_HUB_SKIP_INSTALL:-0}" = 1 ]; then
    return 0
  fi
  local stamp="$ROOT/node_modules/.reliability-hub-deps"
  if [ -f "$ROOT/node_modules/.yarn-state.yml" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(deps_fingerprint)" ]; then
    return 0
  fi
  echo "==> Installing dependencies (yarn install)"
  (cd "$ROOT" && yarn install ${YARN_INSTALL_FLAGS:-}) || return
  # After the install: it may have reformatted package.json files.
  deps_fingerprint >"$stamp"
}
