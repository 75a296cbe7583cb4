#!/usr/bin/env bash
# Makes vendor/hayagriva: hayagriva (typst's bibliography engine) from the
# crates.io source cargo downloaded, with its archive of citation styles and
# locales stored compressed. Typst always links all 3.1 MB of it (typst-library
# turns on hayagriva's "archive" feature and offers no way out); compressed it
# is 0.3 MB, which brings the release binary under 40 MB. The styles are
# inflated only when a bibliography is laid out, which Matchbook's letters
# never do. See vendor/hayagriva/PATCHED.md. Run again after a typst upgrade
# that moves hayagriva to another version, with that version as the argument.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-0.10.1}
cargo fetch --quiet
source=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"hayagriva-$version" | head -1)
[ -d "$source" ] || { echo "hayagriva $version is not in cargo's registry; run cargo fetch without the patch" >&2; exit 1; }
out=vendor/hayagriva
# Everything but PATCHED.md (what was changed and why) is made afresh.
find "$out" -mindepth 1 -maxdepth 1 ! -name PATCHED.md -exec rm -rf {} + 2>/dev/null || true
mkdir -p "$out/archive/styles" "$out/archive/locales"
cp -r "$source/src" "$source/LICENSE-MIT" "$source/LICENSE-APACHE" "$source/NOTICE" "$source/rustfmt.toml" "$out/"
rm "$out/src/main.rs"
python3 - "$source" "$out" <<'PY'
import pathlib, re, sys, zlib
source, out = map(pathlib.Path, sys.argv[1:])
for kind in ("styles", "locales"):
    for cbor in sorted((source / "archive" / kind).glob("*.cbor")):
        (out / "archive" / kind / (cbor.name + ".z")).write_bytes(zlib.compress(cbor.read_bytes(), 9))
archive = (out / "src/csl/archive.rs").read_text()
archive, n = re.subn(r'\.cbor"\)', '.cbor.z")', archive)
assert n > 100, n
old = "    ciborium::de::from_reader(reader)\n"
assert archive.count(old) == 1
archive = archive.replace(old, "    // Matchbook's patch: the archive is stored zlib-compressed.\n"
                               "    ciborium::de::from_reader(flate2::read::ZlibDecoder::new(reader))\n")
archive = archive.replace("/// CBOR-encoded CSL locales.", "/// CBOR-encoded CSL locales, zlib-compressed (Matchbook's patch).")
(out / "src/csl/archive.rs").write_text(archive)
# The manifest: the library only (no command-line tool, no tests), plus flate2.
manifest = (source / "Cargo.toml").read_text()
manifest = re.sub(r'\n\[\[bin\]\].*?(?=\n\[dependencies)', '\n', manifest, flags=re.S)
manifest = re.sub(r'\n\[dev-dependencies\.[^\]]+\][^\[]*', '\n', manifest)
manifest = manifest.replace("[dependencies.icu_collator]", '[dependencies.flate2]\nversion = "1"\n\n[dependencies.icu_collator]')
(out / "Cargo.toml").write_text(manifest)
PY
echo "vendor/hayagriva: hayagriva $version, archive $(du -sh "$out/archive" | cut -f1) (was $(du -sh "$source/archive" | cut -f1))"
