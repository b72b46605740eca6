#!/usr/bin/env bash
# Builds Sloth (https://sloth.dev), the SLO rule generator test/slo/sloth.test.ts judges stackc's objectives against,
# from the version pinned in tools/sloth/go.mod and go.sum, through the Go module proxy (never a prebuilt binary).
# The binary is cached under .cache/sloth/<hash of go.sum>/: a second run, or a run after an unrelated change, is
# instant. Prints the binary's path.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v go >/dev/null 2>&1; then
  echo "build-sloth: the go command is missing; install Go (Debian: apt-get install -y golang-go) to build Sloth" >&2
  exit 1
fi
hash=$(sha256sum tools/sloth/go.sum tools/sloth/go.mod | sha256sum | cut -c1-16)
bin=".cache/sloth/$hash/sloth"
if [ ! -x "$bin" ]; then
  mkdir -p ".cache/sloth/$hash"
  echo "build-sloth: building Sloth from tools/sloth/go.mod (first run downloads its modules; a few minutes)" >&2
  if ! (cd tools/sloth && go build -trimpath -o "../../$bin.tmp" github.com/slok/sloth/cmd/sloth) >&2; then
    rm -f "$bin.tmp"
    echo "build-sloth: go build of github.com/slok/sloth/cmd/sloth failed (see above); is the Go module proxy reachable?" >&2
    exit 1
  fi
  mv "$bin.tmp" "$bin"
fi
echo "$PWD/$bin"
