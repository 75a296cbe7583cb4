#!/usr/bin/env bash
# Installs what Matchbook needs on Debian/Ubuntu, skipping what is already there.
#   scripts/install-deps.sh build   # to build and run the app
#   scripts/install-deps.sh test    # + Xvfb, WebKitWebDriver, tauri-driver for the window tests
#   scripts/install-deps.sh dist    # + mksquashfs for the AppImage
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-build}

build_packages=(build-essential pkg-config libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev)
test_packages=(xvfb webkit2gtk-driver imagemagick poppler-utils strace e2fsprogs)
dist_packages=(squashfs-tools)

packages=("${build_packages[@]}")
[ "$mode" = test ] && packages+=("${test_packages[@]}")
[ "$mode" = dist ] && packages+=("${dist_packages[@]}")

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
else
  echo "No apt-get here: install Tauri's prerequisites for your system (https://tauri.app, 'Prerequisites')."
fi

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
# The crates Cargo.lock names, downloaded now (once; later runs find them in
# cargo's cache), so a registry out of reach is said plainly before any build.
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
if ! cargo fetch --locked --quiet 2>"$errors"; then
  cat "$errors" >&2
  scripts/registry-message.sh crates.io "$errors"
  exit 1
fi

if [ "$mode" = test ]; then
  if command -v rustup >/dev/null 2>&1 && ! rustup which clippy-driver >/dev/null 2>&1; then
    rustup component add clippy
  fi
  if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "Installing tauri-driver"
    if ! cargo install tauri-driver --locked --version '^2' --quiet 2>"$errors"; then
      cat "$errors" >&2
      scripts/registry-message.sh crates.io "$errors"
      exit 1
    fi
  fi
fi
