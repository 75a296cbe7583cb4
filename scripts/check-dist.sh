#!/usr/bin/env bash
# Installs the .deb into a throwaway root (dpkg -x) and unpacks the AppImage,
# then runs each installed matchbook on a program file whose path has spaces,
# "&" and an accent, and checks what the desktop needs to open .matchbook files.
#   scripts/check-dist.sh PACKAGE.deb PACKAGE.AppImage
set -euo pipefail
deb=$1 appimage=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-dist: $*" >&2; exit 1; }

# Runs an installed matchbook: it makes a program, lists it, and must find it.
try_binary() {
  local what=$1; shift
  local file="$work/$what/Tryout & co, Zoë.matchbook"
  mkdir -p "$work/$what"
  "$@" --db "$file" program create --name "Dist check $what" >/dev/null || fail "$what: program create failed"
  "$@" --db "$file" program list | grep -q "Dist check $what" || fail "$what: program list does not show the new program"
  echo "ok  $what: the installed matchbook made and listed a program"
}

# The .deb: what it asks the system for, where it puts things, and that it runs.
info=$(dpkg-deb --field "$deb" Package Depends)
grep -q '^Package: matchbook' <<<"$info" || fail ".deb: package name is not matchbook: $info"
grep -q 'libwebkit2gtk-4.1-0' <<<"$info" || fail ".deb: does not depend on WebKitGTK 4.1: $info"
dpkg -x "$deb" "$work/root"
root="$work/root"
[ -x "$root/usr/bin/matchbook" ] || fail ".deb: no usr/bin/matchbook"
desktop=$(ls "$root"/usr/share/applications/*.desktop 2>/dev/null | head -1)
[ -n "$desktop" ] || fail ".deb: no menu entry (.desktop)"
grep -q '^MimeType=.*application/x-matchbook' "$desktop" || fail ".deb: the menu entry does not claim .matchbook files"
grep -q '^Exec=matchbook %[fFuU]' "$desktop" || fail ".deb: the menu entry does not pass the opened file: $(grep ^Exec "$desktop")"
grep -q 'glob pattern="\*.matchbook"' "$root/usr/share/mime/packages/matchbook.xml" 2>/dev/null ||
  fail ".deb: no file type for *.matchbook in usr/share/mime/packages"
ls "$root"/usr/share/icons/hicolor/*/apps/matchbook.png >/dev/null 2>&1 || fail ".deb: no icon"
echo "ok  .deb: depends on WebKitGTK 4.1; menu entry, file type and icon installed"
try_binary deb "$root/usr/bin/matchbook"

# The AppImage: an ELF with the AppImage type-2 mark, its payload, and that it runs.
[ "$(head -c 4 "$appimage" | tail -c 3)" = "ELF" ] || fail ".AppImage: not an executable"
[ "$(dd if="$appimage" bs=1 skip=8 count=3 2>/dev/null | od -An -tx1 | tr -d ' ')" = "414902" ] ||
  fail ".AppImage: no AppImage type-2 mark"
(cd "$work" && "$appimage" --appimage-extract >/dev/null) || fail ".AppImage: cannot be unpacked"
for f in AppRun matchbook.desktop matchbook.png usr/bin/matchbook usr/share/mime/packages/matchbook.xml; do
  [ -e "$work/squashfs-root/$f" ] || fail ".AppImage: $f missing"
done
echo "ok  .AppImage: runtime, AppRun, menu entry, file type and icon inside"
# No FUSE in a container: the runtime's own way to run without mounting.
try_binary AppImage "$appimage" --appimage-extract-and-run
