#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine with Node 20, then runs every test.
# The real judges come from Debian: promtool and prometheus (package prometheus), amtool and
# alertmanager (package prometheus-alertmanager).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
# the live tests (test/e2e, test/up) run the servers themselves, not only the command-line checkers
{ command -v promtool && command -v prometheus; } >/dev/null 2>&1 || need+=(prometheus)
{ command -v amtool && command -v prometheus-alertmanager; } >/dev/null 2>&1 || need+=(prometheus-alertmanager)
if [ "${#need[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installing ${need[*]} from Debian's packages"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

npm ci --no-audit --no-fund
# Sloth, the peer test/slo/sloth.test.ts judges stackc's objectives against, built from tools/sloth/go.mod (cached)
bash scripts/build-sloth.sh >/dev/null
npm test
