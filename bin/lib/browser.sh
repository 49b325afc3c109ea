#!/usr/bin/env bash
# Finds the headless browser the console's browser tests drive (Debian's chromium and
# chromium-driver; nothing is downloaded at test time). Run by ./mvnw verify (e2e-tests, before
# the tests) and usable by hand. When they are missing: installs them with apt-get when running
# as root on Debian/Ubuntu, else fails and says what to install. Prints the two paths.
#   CHROMIUM_BINARY, CHROMEDRIVER_BINARY   use these instead of searching
set -euo pipefail

find_first() { local p; for p in "$@"; do [[ -x "$p" ]] && { printf '%s' "$p"; return 0; }; done; return 1; }
browser() { find_first "${CHROMIUM_BINARY:-}" /usr/bin/chromium /usr/bin/chromium-browser "$(command -v chromium 2>/dev/null || true)"; }
driver() { find_first "${CHROMEDRIVER_BINARY:-}" /usr/bin/chromedriver /usr/lib/chromium/chromedriver "$(command -v chromedriver 2>/dev/null || true)"; }

if ! browser >/dev/null || ! driver >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "browser.sh: chromium or chromedriver missing; installing Debian's chromium and chromium-driver (apt-get, about 20 s)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q chromium chromium-driver >&2 \
      || { apt-get update -q >&2 && apt-get install -y -q chromium chromium-driver >&2; } \
      || { echo "browser.sh: apt-get could not install chromium chromium-driver" >&2; exit 1; }
  else
    cat >&2 <<'MSG'
browser.sh: the console's browser tests need Chromium and its driver, and neither is downloaded
at test time. Install them, then rerun ./mvnw verify:
  Debian/Ubuntu:  sudo apt-get install -y chromium chromium-driver
  Fedora:         sudo dnf install -y chromium chromedriver
  macOS:          brew install --cask chromium && brew install chromedriver
or point CHROMIUM_BINARY and CHROMEDRIVER_BINARY at a Chromium and a chromedriver of the same version.
MSG
    exit 1
  fi
fi
b=$(browser) || { echo "browser.sh: no chromium after installing" >&2; exit 1; }
d=$(driver) || { echo "browser.sh: no chromedriver after installing" >&2; exit 1; }
printf 'chromium=%s\nchromedriver=%s\n' "$b" "$d"
