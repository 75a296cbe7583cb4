#!/usr/bin/env bash
# Fails when `cargo run` (the app alone) and `cargo test --workspace` would build
# a shared dependency with different features: then each rebuilds most of the
# dependency tree after the other. Fix by naming the feature in the feature pins
# of src-tauri/Cargo.toml. Reads Cargo.lock and the crates' manifests, which
# cargo downloads from crates.io when they are not in its cache yet; compiles nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
errors="${TMPDIR:-/tmp}/matchbook-features-errors.txt"
features() {
  if ! cargo tree --locked "$@" --prefix none -f '{p} [{f}]' 2>"$errors" >"${TMPDIR:-/tmp}/matchbook-tree.txt"; then
    cat "$errors" >&2
    scripts/registry-message.sh crates.io "$errors"
    exit 1
  fi
  sed -e 's/ (\*)$//' "${TMPDIR:-/tmp}/matchbook-tree.txt" | sort -u
}
features -p matchbook-app -e normal,build >"${TMPDIR:-/tmp}/matchbook-features-run.txt"
features --workspace -e normal,build,dev >"${TMPDIR:-/tmp}/matchbook-features-test.txt"
python3 - "${TMPDIR:-/tmp}/matchbook-features-run.txt" "${TMPDIR:-/tmp}/matchbook-features-test.txt" <<'PY'
import collections, sys

def feature_sets(path):
    """Package -> the set of feature lists it is built with (a build-time copy can differ)."""
    sets = collections.defaultdict(set)
    for line in open(path):
        if " [" in line:
            package, features = line.rstrip("\n").split(" [", 1)
            sets[package].add(features.split("]", 1)[0])
    return sets

run, test = map(feature_sets, sys.argv[1:3])
drift = sorted(p for p in run.keys() & test.keys() if run[p] != test[p])
for package in drift:
    print(f"  {package}: app {sorted(run[package])}, tests {sorted(test[package])}")
if drift:
    print("cargo run and cargo test would build these with different features.")
    print("Name the missing features in the feature pins of src-tauri/Cargo.toml.")
    sys.exit(1)
print("One feature set for the app and the tests.")
PY
