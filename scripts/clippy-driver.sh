#!/usr/bin/env bash
# Prints the path of clippy-driver, the compiler `cargo clippy` uses for the
# workspace's own crates. `make test` compiles the tests with it, so the lints
# run during the one build instead of a second pass over every dependency.
set -euo pipefail
if command -v rustup >/dev/null 2>&1 && driver=$(rustup which clippy-driver 2>/dev/null); then
  echo "$driver"
elif driver=$(command -v clippy-driver); then
  echo "$driver"
else
  echo "clippy-driver not found: install it with 'rustup component add clippy'." >&2
  exit 1
fi
