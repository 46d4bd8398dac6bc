#!/usr/bin/env bash
# Renders the HTML report of examples/ in headless Chromium and checks that the screenshot is a
# real page (expected size, not blank), so a report that renders empty or broken fails CI.
#
# Usage: tests/html_screenshot.sh [OUT.png]   (default: a temporary file)
# `tests/html_screenshot.sh docs/report-screenshot.png` refreshes the README's screenshot.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
png="${1:-$work/out.png}"
case "$png" in /*) ;; *) png="$PWD/$png" ;; esac
width=1200
height=1600

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "html_screenshot: chromium is missing; install it (Debian: apt-get install chromium)" >&2
    exit 1
  fi
  echo "html_screenshot: installing chromium" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# The examples break rules on purpose: exit status 1 is expected, 2 is a failure.
status=0
cargo run --quiet -- check --format html -o "$work/report.html" examples/ || status=$?
if [ "$status" -gt 1 ]; then
  echo "html_screenshot: sellerlint failed with status $status" >&2
  exit 1
fi

# Offline and quiet: no network features, a throw-away profile.
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --hide-scrollbars \
  --screenshot="$png" --window-size="$width,$height" "file://$work/report.html" \
  >"$work/chromium.log" 2>&1 || { cat "$work/chromium.log" >&2; exit 1; }

python3 tests/png_check.py "$png" "$width" "$height"
