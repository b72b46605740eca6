#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine with Node 20, Go and Python 3.10+ with pip, then runs every test.
# Today's judges are built from the Go module proxy by scripts/build-judges.sh (Prometheus 3, the current
# Alertmanager, the Grafana Foundation SDK's strict dashboard decoding; cached in .cache/judges/) and
# scripts/build-template-judge.sh (Prometheus' template package). Debian's promtool and prometheus (package prometheus), amtool and
# alertmanager (package prometheus-alertmanager) are installed too: the judges of stacks targeting Prometheus 2,
# the engines `stackc up` shows a person (with Prometheus' web UI), and the fallback where Go is missing. So are the
# node, postgres, redis, mysqld and blackbox exporters with PostgreSQL, Redis and MariaDB: the shipped exporter
# catalogs are checked against them.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
# the live tests (test/e2e, test/up) run the servers themselves, not only the command-line checkers
{ command -v promtool && command -v prometheus; } >/dev/null 2>&1 || need+=(prometheus)
{ command -v amtool && command -v prometheus-alertmanager; } >/dev/null 2>&1 || need+=(prometheus-alertmanager)
# the real exporters test/catalogs/real-exporters.test.ts compares the shipped catalogs with, and the services they
# watch; the test starts each itself on loopback in a temp folder, as root or not
for pkg in prometheus-node-exporter prometheus-postgres-exporter prometheus-redis-exporter prometheus-mysqld-exporter \
  prometheus-blackbox-exporter postgresql redis-server mariadb-server; do
  dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null | grep -q '^ii' || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installing ${need[*]} from Debian's packages"
  $sudo apt-get update -qq
  # no service starts at install: the packages' postinst would start PostgreSQL, Redis, MariaDB and the exporters on
  # their usual ports where a service manager runs (not in a container), and the tests start their own. A policy that
  # was already there stays.
  policy=/usr/sbin/policy-rc.d
  added_policy=""
  if [ ! -e "$policy" ]; then
    trap '$sudo rm -f "$policy"' EXIT
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy" && added_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
  [ -z "$added_policy" ] || { $sudo rm -f "$policy"; trap - EXIT; }
fi

# Go's own install folder, for a shell that did not read the profile that puts it on PATH
[ -x /usr/local/go/bin/go ] && ! command -v go >/dev/null 2>&1 && export PATH="/usr/local/go/bin:$PATH"
if command -v go >/dev/null 2>&1; then
  # a failed build fails the run: a broken pin must not quietly hand the judging back to Debian's 2.42
  bash scripts/build-judges.sh >/dev/null
  # Prometheus' template package, the judge of the annotations stackc renders for generated rule tests
  bash scripts/build-template-judge.sh >/dev/null
else
  echo "Go is not installed: verify runs Debian's promtool 2.42 and amtool 0.25 only, and skips the Go judge of dashboards (install Go 1.26 for today's judges)" >&2
fi

npm ci --no-audit --no-fund
# the judges of the generated Python registry (test/registries/): prometheus_client, mypy, Starlette, pinned
python3 -m pip install --quiet --disable-pip-version-check -r tools/python/requirements.txt
# Sloth, the peer test/slo/sloth.test.ts judges stackc's objectives against, built from tools/sloth/go.mod (cached)
bash scripts/build-sloth.sh >/dev/null
npm test
