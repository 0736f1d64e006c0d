#!/usr/bin/env bash
# Small helpers shared by scripts/*.sh. Source after scripts/env.sh.

log() { printf '\n==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

# Milliseconds since the epoch.
now_ms() { date +%s%3N; }

# Formats a duration in milliseconds: "8.3s", "2m 05.1s".
fmt_ms() {
  awk -v ms="$1" 'BEGIN { s = ms / 1000; if (s >= 60) printf "%dm %04.1fs", int(s / 60), s - 60 * int(s / 60); else printf "%.1fs", s }'
}

# True when something accepts TCP connections on 127.0.0.1:PORT (or [::1]:PORT).
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
  (exec 3<>"/dev/tcp/::1/$1") 2>/dev/null && return 0
  return 1
}
