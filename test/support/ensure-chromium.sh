#!/usr/bin/env bash
# Installs Debian's Chromium for the browser test when it is missing. Idempotent and quiet:
# does nothing when /usr/bin/chromium exists. Needs root (CI and the dev machines run as root).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
SUDO=""
if [ "$(id -u)" != "0" ]; then
  command -v sudo >/dev/null 2>&1 || { echo "ensure-chromium: $CHROMIUM is missing and we are not root" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
# Quiet unless it fails: then the whole apt output explains why.
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation; } >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
[ -x "$CHROMIUM" ] || { echo "ensure-chromium: installed, yet $CHROMIUM is missing" >&2; exit 1; }
