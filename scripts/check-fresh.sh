#!/usr/bin/env bash
# The first step of `make test`: the steps that download tools run once more
# with an empty CARGO_HOME, an empty tools folder and an empty npm cache, as on
# a newcomer's machine, so a step that only works with a warm cache fails here
# and not on their first `make test` (issue 27). It downloads the crate index
# and the crates' sources once (about a minute) and builds nothing: the target
# folder is not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh=$(mktemp -d "${TMPDIR:-/tmp}/matchbook-fresh.XXXXXX")
trap 'rm -rf "$fresh"' EXIT
mkdir -p "$fresh/cargo" "$fresh/tools" "$fresh/npm"
# rustup's cargo still finds the toolchain through RUSTUP_HOME; only cargo's
# own caches (registry index, crate sources, git checkouts) start empty.
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export CARGO_HOME="$fresh/cargo" MATCHBOOK_TOOLS="$fresh/tools" npm_config_cache="$fresh/npm"
export TMPDIR="$fresh"
echo "From empty caches (CARGO_HOME, tools folder, npm cache):"
scripts/check-feature-sets.sh
scripts/actionlint.sh
