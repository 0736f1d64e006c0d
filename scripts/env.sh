#!/usr/bin/env bash
# Sourced by the other scripts: puts a Node 22 on PATH (downloading it from the npm
# registry into .tools/ when the machine has an older one) and defines `yarn` as the
# Yarn release committed in .yarn/releases. Backstage 1.55 needs Node 22 or newer.
set -euo pipefail

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

ensure_deps() {
  # Install when node_modules is missing or older than the lockfile.
  if [ ! -f "$ROOT/node_modules/.yarn-state.yml" ] || [ "$ROOT/yarn.lock" -nt "$ROOT/node_modules/.yarn-state.yml" ] || [ "$ROOT/package.json" -nt "$ROOT/node_modules/.yarn-state.yml" ]; then
    echo "==> Installing dependencies (yarn install)"
    (cd "$ROOT" && yarn install ${YARN_INSTALL_FLAGS:-})
  fi
}
