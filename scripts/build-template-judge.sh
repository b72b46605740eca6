#!/usr/bin/env bash
# Builds the judge of stackc's annotation renderer: tools/judges/template/main.go, which renders alert templates through
# Prometheus' own template package, pinned by tools/judges/template/go.mod and go.sum (the Prometheus release of
# tools/judges/prometheus), from the Go module proxy (never a prebuilt binary). test/rule-tests/template-judge.test.ts
# compares stackc's renderings with it. Cached in .cache/template-judge/<hash>/, the hash taken over the pins, the
# source and this script, so a second run is a file check. Prints the binary's path on stdout; the rest goes to stderr.
set -euo pipefail
script=$(realpath "$0")
cd "$(dirname "$script")/.."

module=tools/judges/template
fail() {
  echo "build-template-judge: $*" >&2
  exit 1
}
# Go's own install folder, for a shell that did not read the profile that puts it on PATH
[ -x /usr/local/go/bin/go ] && ! command -v go >/dev/null 2>&1 && export PATH="/usr/local/go/bin:$PATH"
command -v go >/dev/null 2>&1 || fail "go is not installed: the template judge is built from $module with Go $(sed -n 's/^go //p' "$module/go.mod") or newer."
# the toolchain here builds it, or the run says so: no toolchain is fetched behind the user's back
export GOTOOLCHAIN=local

hash=$(cat "$module/go.mod" "$module/go.sum" "$module/main.go" "$script" | sha256sum | cut -c1-16)
bin=".cache/template-judge/$hash/template-judge"
if [ ! -x "$bin" ]; then
  mkdir -p "$(dirname "$bin")"
  echo "build-template-judge: building $module (first run downloads Prometheus' modules)" >&2
  (cd "$module" && go build -trimpath -o "$OLDPWD/$bin.tmp" .) >&2 || { rm -f "$bin.tmp"; fail "go build of $module failed (output above); is the Go module proxy reachable?"; }
  mv "$bin.tmp" "$bin"
fi
echo "$PWD/$bin"
