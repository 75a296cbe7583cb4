#!/usr/bin/env bash
# Syntax-checks every ES module of the interface with Node (no bundler, so
# nothing else would catch a typo before the window shows a blank page).
set -euo pipefail
cd "$(dirname "$0")/../ui"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
while IFS= read -r -d '' file; do
  cp "$file" "$tmp/check.mjs"
  if ! out=$(node --check "$tmp/check.mjs" 2>&1); then
    echo "ui/$file: ${out}"
    status=1
  fi
done < <(find . -name '*.js' -print0)
# Data must never reach innerHTML/outerHTML/insertAdjacentHTML.
if grep -rnE '\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML\(|document\.write\(' --include='*.js' .; then
  echo "The interface must build DOM with textContent (see ui/dom.js), not HTML strings."
  status=1
fi
exit $status
