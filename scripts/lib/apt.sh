#!/usr/bin/env bash
# Installs Debian packages that are missing, with one `apt-get update` at most per run.
# Source after scripts/lib/common.sh.

APT_UPDATED=${APT_UPDATED:-0}

# apt_install PACKAGE... : installs the given packages (no recommends), non-interactively.
apt_install() {
  [ $# -gt 0 ] || return 0
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $* by hand"
  local opts=(-o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0 -q)
  if [ "$APT_UPDATED" != 1 ]; then
    log "apt-get update (to install: $*)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" update
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" install -y --no-install-recommends "$@"
}

# Newest installed PostgreSQL server's bin directory (/usr/lib/postgresql/<major>/bin), or nothing.
postgres_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    echo "$dir"
  fi
}

chromium_path() {
  local p
  for p in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -n "$p" ] && [ -x "$p" ]; then
      echo "$p"
      return
    fi
  done
}

# Alertmanager and amtool (Debian's prometheus-alertmanager), for the webhook's and the alert loop's
# integration tests.
alertmanager_installed() { [ -x /usr/bin/prometheus-alertmanager ] && [ -x /usr/bin/amtool ]; }

# The package's install script starts its daemon (127.0.0.1:9093) where an init system lets it;
# the tests run Alertmanagers of their own, so stop that one. Containers usually refuse the start.
alertmanager_stop_package_daemon() {
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    as_root systemctl stop prometheus-alertmanager.service >/dev/null 2>&1 || true
  elif [ -x /etc/init.d/prometheus-alertmanager ]; then
    as_root /etc/init.d/prometheus-alertmanager stop >/dev/null 2>&1 || true
  fi
}

# Prometheus and promtool (Debian's prometheus), for the Prometheus SLI source's, the rules' and the
# alert loop's integration tests.
prometheus_installed() { [ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ]; }

# Like Alertmanager's, the package's install script may start its daemon (127.0.0.1:9090, plus
# node-exporter); the tests start their own Prometheus, so stop it.
prometheus_stop_package_daemon() {
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    as_root systemctl stop prometheus.service >/dev/null 2>&1 || true
  elif [ -x /etc/init.d/prometheus ]; then
    as_root /etc/init.d/prometheus stop >/dev/null 2>&1 || true
  fi
}

# ensure_system_packages [postgres] [alertmanager] [chromium] : installs what is missing, in one
# apt-get run.
ensure_system_packages() {
  local missing=() want
  for want in "$@"; do
    case "$want" in
      postgres) [ -n "$(postgres_bin_dir)" ] || missing+=(postgresql) ;;
      alertmanager) alertmanager_installed || missing+=(prometheus-alertmanager) ;;
      prometheus) prometheus_installed || missing+=(prometheus) ;;
      chromium) [ -n "$(chromium_path)" ] || missing+=(chromium) ;;
      *) die "ensure_system_packages: unknown package $want" ;;
    esac
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
  case " ${missing[*]} " in *" prometheus-alertmanager "*) alertmanager_stop_package_daemon ;; esac
  case " ${missing[*]} " in *" prometheus "*) prometheus_stop_package_daemon ;; esac
  case " $* " in *" postgres "*) [ -n "$(postgres_bin_dir)" ] || die "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin" ;; esac
  case " $* " in *" alertmanager "*) alertmanager_installed || die "prometheus-alertmanager or amtool not found in /usr/bin" ;; esac
  case " $* " in *" prometheus "*) prometheus_installed || die "prometheus or promtool not found in /usr/bin" ;; esac
  case " $* " in *" chromium "*) [ -n "$(chromium_path)" ] || die "Chromium not found (set CHROMIUM_PATH)" ;; esac
  return 0
}
