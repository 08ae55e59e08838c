#!/usr/bin/env bash
# Makes Shotboard's AppImage from a built binary, with this folder's own
# runtime and packer (see src/lib.rs for why not appimagetool).
#   packaging/appimage/build.sh target/release/shotboard OUT.AppImage
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="$(realpath "$1")"
out="$2"

cargo build --quiet --locked --release --manifest-path "$here/Cargo.toml"
tools="${CARGO_TARGET_DIR:-$here/target}/release"

appdir="$(mktemp -d)/Shotboard.AppDir"
trap 'rm -rf "$(dirname "$appdir")"' EXIT
mkdir -p "$appdir/usr/bin" "$appdir/usr/share/applications" "$appdir/usr/share/mime/packages"
install -m 755 "$binary" "$appdir/usr/bin/shotboard"
install -m 644 "$root/packaging/linux/shotboard.desktop" "$appdir/usr/share/applications/"
install -m 644 "$root/packaging/linux/shotboard.xml" "$appdir/usr/share/mime/packages/"
for png in "$root"/assets/icons/*x*.png; do
  size="$(basename "$png" .png)"
  mkdir -p "$appdir/usr/share/icons/hicolor/$size/apps"
  install -m 644 "$png" "$appdir/usr/share/icons/hicolor/$size/apps/shotboard.png"
done
# What the AppImage spec wants at the top of the AppDir.
ln -s usr/bin/shotboard "$appdir/AppRun"
ln -s usr/share/applications/shotboard.desktop "$appdir/shotboard.desktop"
ln -s usr/share/icons/hicolor/256x256/apps/shotboard.png "$appdir/shotboard.png"
ln -s shotboard.png "$appdir/.DirIcon"

"$tools/make-appimage" "$appdir" "$tools/appimage-runtime" "$out"
