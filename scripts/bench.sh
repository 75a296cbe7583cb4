#!/usr/bin/env bash
# make bench: speed of Matchbook's real paths on a release build, beside the
# tool a technical volunteer would otherwise use (pandas read_excel), and the
# import beside python-calamine reading the same workbook (the reader's floor).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pip_install() {
  pip install --quiet "$@" 2>"$work/pip-errors.txt" || {
    cat "$work/pip-errors.txt" >&2
    scripts/registry-message.sh PyPI "$work/pip-errors.txt"
    exit 1
  }
}
python3 -c "import pandas, openpyxl" 2>/dev/null || pip_install pandas openpyxl
python3 -c "import python_calamine" 2>/dev/null || pip_install python-calamine
python3 tests/fixtures/make_big.py "$work/applications-10000.xlsx" 10000
python3 -c "import scipy, numpy, matching" 2>/dev/null || pip_install scipy numpy mentor-match==7.0.1
# One build of the app and the benchmarks, with the workspace's features, so
# they share one set of dependencies and measure the code that ships.
cargo build --quiet --release --workspace --bin matchbook --examples
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
"$target/release/examples/bench" "$work/applications-10000.xlsx"
"$target/release/examples/match_bench"
"$target/release/examples/criteria_bench"
"$target/release/examples/circles_bench"
"$target/release/examples/writing_bench"
"$target/release/examples/tracking_bench"
"$target/release/examples/share_bench"
# Sharing: 2,000 more simulated sync schedules than the test suite runs.
start=$(date +%s)
cargo test --quiet --workspace --lib share::tests::sync_client -- --ignored 2>&1 | grep -E "test result|FAILED|panicked"
echo "sharing: 2,000 more sync schedules converged in $(( $(date +%s) - start )) s (debug build)"
ls -l "$target/release/matchbook" | awk '{printf "%-58s %9.1f MB\n", "release binary (the download before packaging)", $5/1e6}'
# The window's cold start on the release build (WebDriver, under Xvfb).
MATCHBOOK_BENCH_APP="$target/release/matchbook" \
  cargo test --quiet -p matchbook-app --test ui startup -- --ignored --nocapture 2>&1 | grep -E "cold start|FAILED|panicked"
