#!/usr/bin/env bash
# Builds today's judges from the Go module proxy, pinned by tools/judges/*/go.mod and go.sum: promtool and prometheus
# (Prometheus 3) from tools/judges/prometheus, alertmanager and amtool from tools/judges/alertmanager, and
# grafana-dashboards (tools/judges/grafana/main.go: dashboards decoded strictly into the Grafana Foundation SDK's Go
# types). One module per release, since one would build both releases with the newer of each shared dependency
# (Prometheus 3.16 needs automemlimit 1.0, whose API Alertmanager 0.35 does not compile against); each is built with
# exactly its own release's requirements.
# The binaries land in .cache/judges/<hash>/bin, the hash taken over the pins, grafana-dashboards' source and this script, so a run with an unchanged pin is a directory check, and a changed pin never reuses stale binaries.
# Prints the bin folder on stdout; everything else goes to stderr. compiler/verify/built-judges.ts looks there first.
set -euo pipefail
script=$(realpath "$0")
cd "$(dirname "$script")/.."

pins=(tools/judges/prometheus tools/judges/alertmanager tools/judges/grafana)
fail() {
  echo "build-judges: $*" >&2
  echo "build-judges: verify falls back to Debian's promtool 2.42 and amtool 0.25 (scripts/test.sh installs them), and skips the Go judge of dashboards." >&2
  exit 1
}
# Go's own install folder, for a shell that did not read the profile that puts it on PATH
[ -x /usr/local/go/bin/go ] && ! command -v go >/dev/null 2>&1 && export PATH="/usr/local/go/bin:$PATH"
command -v go >/dev/null 2>&1 || fail "go is not installed: the judges are built from ${pins[*]} with Go $(sed -n 's/^go //p' "${pins[0]}/go.mod") or newer."
# the toolchain here builds them, or the run says so: no toolchain is fetched behind the user's back
export GOTOOLCHAIN=local

# grafana's module is stackc's own program: its source is pinned with it
hash=$(for m in "${pins[@]}"; do cat "$m/go.mod" "$m/go.sum"; done | cat - tools/judges/grafana/main.go "$script" | sha256sum | cut -c1-16)
bin=".cache/judges/$hash/bin"
tools=(promtool prometheus alertmanager amtool grafana-dashboards)
complete() { for t in "${tools[@]}"; do [ -x "$bin/$t" ] || return 1; done; }
if complete; then
  echo "$PWD/$bin"
  exit 0
fi

start=$SECONDS
for m in "${pins[@]}"; do
  (cd "$m" && go mod download) || fail "go could not download the modules of $m/go.sum (is the Go module proxy reachable?)"
done
dir_of() { (cd "tools/judges/$(basename "$1")" && go list -m -f '{{.Dir}}' "$1"); }
mkdir -p .cache/judges
stage=$(mktemp -d ".cache/judges/.build-XXXXXX")
# (after a successful build the stage has become the bin folder: nothing to clean, and nothing may fail under set -e)
trap 'if [ -d "$stage" ]; then chmod -R u+w "$stage" 2>/dev/null || true; rm -rf "$stage"; fi' EXIT

# `go build` of a module dependency leaves version.Version empty; the modules' VERSION files say what was built.
build() { # module package tags [modfile]
  local version
  version=$(cat "$(dir_of "$1")/VERSION")
  echo "build-judges: building $(basename "$2") $version" >&2
  (cd "tools/judges/$(basename "$1")" && go build -trimpath -tags "$3" ${4:+-modfile "$4"} \
    -ldflags "-s -w -X github.com/prometheus/common/version.Version=$version" \
    -o "$OLDPWD/$stage/$(basename "$2")" "$2") >&2 || fail "go build of $2 failed (output above)."
}

# Prometheus' module has no built web UI (npm makes it from web/ui), so the server is built without the
# builtinassets tag: the API and /-/ready are served, the UI pages are not. Only the service discovery stackc emits
# (kubernetes; file and http are always in) is built in, which roughly halves the build.
prometheus_tags=remove_all_sd,enable_kubernetes_sd
build github.com/prometheus/prometheus github.com/prometheus/prometheus/cmd/promtool "$prometheus_tags"
build github.com/prometheus/prometheus github.com/prometheus/prometheus/cmd/prometheus "$prometheus_tags"
build github.com/prometheus/alertmanager github.com/prometheus/alertmanager/cmd/amtool ""

# Alertmanager embeds its built web UI (ui/app/dist), which its module lacks and no build tag leaves out, and Go
# refuses overlays inside the module cache. So alertmanager is built from a copy of the pinned module (checked
# against go.sum when downloaded) with a placeholder page as the UI, through a go.mod that points the module there.
src="$stage/src/alertmanager"
mkdir -p "$stage/src" && cp -r "$(dir_of github.com/prometheus/alertmanager)" "$src" && chmod -R u+w "$src"
for ui in elm mantine; do
  mkdir -p "$src/ui/app/dist/$ui"
  echo '<!doctype html><title>Alertmanager</title><p>Built without its web UI (scripts/build-judges.sh): the API is under /api/v2.' > "$src/ui/app/dist/$ui/index.html"
done
cp tools/judges/alertmanager/go.mod "$stage/alertmanager.mod" && cp tools/judges/alertmanager/go.sum "$stage/alertmanager.sum"
echo "replace github.com/prometheus/alertmanager => $PWD/$src" >> "$stage/alertmanager.mod"
build github.com/prometheus/alertmanager github.com/prometheus/alertmanager/cmd/alertmanager "" "$PWD/$stage/alertmanager.mod"
chmod -R u+w "$stage/src" && rm -rf "$stage/src" "$stage"/alertmanager.*

echo "build-judges: building grafana-dashboards (grafana-foundation-sdk $(cd tools/judges/grafana && go list -m -f '{{.Version}}' github.com/grafana/grafana-foundation-sdk/go))" >&2
(cd tools/judges/grafana && go vet . && go build -trimpath -ldflags "-s -w" -o "$OLDPWD/$stage/grafana-dashboards" .) >&2 \
  || fail "go build of tools/judges/grafana failed (output above)."

rm -rf "$bin" && mkdir -p "$(dirname "$bin")" && mv "$stage" "$bin"
echo "build-judges: built ${tools[*]} in $((SECONDS - start)) s into $bin" >&2
echo "$PWD/$bin"
