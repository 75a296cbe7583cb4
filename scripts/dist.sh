#!/usr/bin/env bash
# make dist: the release build and the Linux packages, each then installed into
# a throwaway folder and run, as a committee member's computer would.
#   .deb      Tauri's bundler (file type, icon, menu entry, dependencies)
#   .AppImage scripts/appimage.sh (Tauri's AppImage step needs GitHub; see there)
# Windows (.msi, NSIS .exe) and macOS (.dmg) come from .github/workflows/release.yml.
set -euo pipefail
cd "$(dirname "$0")/.."
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
version=$(python3 -c 'import json; print(json.load(open("src-tauri/tauri.conf.json"))["version"])')
out="$target/release/bundle"

npm ci --no-audit --no-fund --silent 2>"${npm_errors:=$(mktemp)}" || {
  cat "$npm_errors" >&2
  scripts/registry-message.sh "the npm registry" "$npm_errors"
  exit 1
}
rm -f "$out"/deb/*.deb
npx tauri build --bundles deb
deb=$(ls "$out"/deb/*.deb)
appimage=$(scripts/appimage.sh "$target/release/matchbook" "$out/appimage" "$version")

scripts/check-dist.sh "$deb" "$appimage"
printf '\n%-12s %6.1f MB  %s\n' binary "$(stat -c %s "$target/release/matchbook" | awk '{print $1/1e6}')" "$target/release/matchbook"
printf '%-12s %6.1f MB  %s\n' .deb "$(stat -c %s "$deb" | awk '{print $1/1e6}')" "$deb"
printf '%-12s %6.1f MB  %s\n' .AppImage "$(stat -c %s "$appimage" | awk '{print $1/1e6}')" "$appimage"
