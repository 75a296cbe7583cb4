#!/usr/bin/env bash
# make bench: speed of Matchbook's real paths on a release build, beside the
# tool a technical volunteer would otherwise use (pandas read_excel).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -c "import pandas, openpyxl" 2>/dev/null || pip install --quiet pandas openpyxl
python3 tests/fixtures/make_big.py "$work/applications-10000.xlsx" 10000
cargo run --quiet --release -p matchbook --example bench -- "$work/applications-10000.xlsx"
python3 -c "import scipy, numpy, matching" 2>/dev/null || pip install --quiet scipy numpy mentor-match==7.0.1
cargo run --quiet --release -p matchbook --example match_bench
cargo run --quiet --release -p matchbook --example criteria_bench
cargo run --quiet --release -p matchbook --example tracking_bench
# The window's cold start on the release build (WebDriver, under Xvfb).
cargo build --quiet --release -p matchbook-app --bin matchbook
MATCHBOOK_BENCH_APP="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/matchbook" \
  cargo test --quiet -p matchbook-app --test ui startup -- --ignored --nocapture 2>&1 | grep -E "cold start|FAILED|panicked"
