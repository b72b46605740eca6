#!/usr/bin/env bash
# Builds today's judges from the Go module proxy, pinned by tools/judges/go.mod and go.sum: promtool and prometheus
# (Prometheus 3), alertmanager and amtool. The binaries land in .cache/judges/<hash>/bin, the hash taken over the pins
# and this script, so a run with an unchanged pin is a directory check, and a changed pin never reuses stale binaries.
# Prints the bin folder on stdout; everything else goes to stderr. compiler/verify/tools.ts looks there first.
set -euo pipefail
script=$(realpath "$0")
cd "$(dirname "$script")/.."

mod=tools/judges
fail() {
  echo "build-judges: $*" >&2
  echo "build-judges: verify falls back to Debian's promtool 2.42 and amtool 0.25 (scripts/test.sh installs them)." >&2
  exit 1
}
command -v go >/dev/null 2>&1 || fail "go is not installed: the judges are built from $mod/go.mod with Go $(sed -n 's/^go //p' $mod/go.mod) or newer."

hash=$(cat "$mod/go.mod" "$mod/go.sum" "$script" | sha256sum | cut -c1-16)
bin=".cache/judges/$hash/bin"
tools=(promtool prometheus alertmanager amtool)
complete() { for t in "${tools[@]}"; do [ -x "$bin/$t" ] || return 1; done; }
if complete; then
  echo "$PWD/$bin"
  exit 0
fi

# The module zip of Prometheus has no built web UI (it is made by npm from web/ui), so the server is built without
# the builtinassets tag: the API and /-/ready work, the UI's pages are not served. Only the service discovery stackc
# emits (kubernetes; file and http are always in) is built in, which halves the build.
prometheus_tags=remove_all_sd,enable_kubernetes_sd
# `go build` of a module dependency leaves version.Version empty; the modules' VERSION files say what was built.
(cd "$mod" && go mod download) || fail "go could not download the modules of $mod/go.sum (is the Go module proxy reachable?)"
version_of() { cat "$(cd "$mod" && go list -m -f '{{.Dir}}' "$1")/VERSION"; }
stage=$(mktemp -d ".cache/judges/.build-XXXXXX" 2>/dev/null || { mkdir -p .cache/judges && mktemp -d ".cache/judges/.build-XXXXXX"; })
trap 'rm -rf "$stage"' EXIT
build() { # module package tags
  local version
  version=$(version_of "$1")
  echo "build-judges: building $(basename "$2") $version" >&2
  (cd "$mod" && go build -trimpath -tags "$3" \
    -ldflags "-s -w -X github.com/prometheus/common/version.Version=$version" \
    -o "$OLDPWD/$stage/$(basename "$2")" "$2") >&2 || fail "go build of $2 failed (output above)."
}
start=$SECONDS
build github.com/prometheus/prometheus github.com/prometheus/prometheus/cmd/promtool "$prometheus_tags"
build github.com/prometheus/prometheus github.com/prometheus/prometheus/cmd/prometheus "$prometheus_tags"
build github.com/prometheus/alertmanager github.com/prometheus/alertmanager/cmd/amtool ""
build github.com/prometheus/alertmanager github.com/prometheus/alertmanager/cmd/alertmanager ""
mkdir -p "$(dirname "$bin")"
rm -rf "$bin" && mv "$stage" "$bin"
echo "build-judges: built ${tools[*]} in $((SECONDS - start)) s into $bin" >&2
echo "$PWD/$bin"
