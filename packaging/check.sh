#!/usr/bin/env bash
# Builds the Linux packages from an already-built binary and checks them as
# a user would get them: the .deb's contents, installed with dpkg -i and
# run (then removed again); the AppImage run and unpacked. .ci/run calls
# this after its release build; needs root for dpkg.
#   bash packaging/check.sh target/release/shotboard WORKDIR
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$1
work=$(mkdir -p "$2" && cd "$2" && pwd)
commit=$(git rev-parse --short=12 HEAD)
t0=$SECONDS
timing() { printf '  [packages] %s: %ss\n' "$1" "$((SECONDS - t0))"; t0=$SECONDS; }

# cargo-deb packs the binary built before (--no-build). Installing it
# compiles 69 crates, about two minutes on two cores, once per machine.
if ! cargo deb --version >/dev/null 2>&1; then
  cargo install --locked cargo-deb --version 3.8.0
fi
timing "cargo-deb ready"
if [ "$(realpath "$binary")" != "$(realpath target/release/shotboard)" ]; then
  echo "cargo-deb packs target/release/shotboard; build it there" >&2
  exit 1
fi
# Symbols stay (no strip): crash reports name their functions.
cargo deb --no-build --locked --no-strip --fast -o "$work/"
deb=$(ls "$work"/shotboard_*.deb)
timing ".deb built"
dpkg-deb --contents "$deb" >"$work/contents.txt"
for file in ./usr/bin/shotboard \
  ./usr/share/applications/shotboard.desktop \
  ./usr/share/mime/packages/shotboard.xml \
  ./usr/share/icons/hicolor/48x48/apps/shotboard.png \
  ./usr/share/icons/hicolor/256x256/apps/shotboard.png; do
  grep -q " $file\$" "$work/contents.txt" || { echo "$deb lacks $file" >&2; exit 1; }
done
dpkg -i "$deb"
trap 'dpkg -r shotboard >/dev/null 2>&1 || true' EXIT
version=$(/usr/bin/shotboard --version)
echo "installed: $version"
grep -q "$commit" <<<"$version" || { echo "--version does not name $commit" >&2; exit 1; }
/usr/bin/shotboard demo "$work/installed.ron" --panels 12
/usr/bin/shotboard info "$work/installed.ron"
# dpkg's trigger ran update-mime-database: the board type is installed.
test -f /usr/share/mime/application/x-shotboard.xml
# With shared-mime-info's own matcher at hand (Debian's libfile-mimeinfo-perl),
# a board is a board and another .ron file is not; tests/packaging.rs checks
# the same rule on every machine.
if command -v mimetype >/dev/null; then
  printf '(\n    name: "a config",\n)\n' >"$work/other.ron"
  mimetype -b "$work/installed.ron" | grep -qx application/x-shotboard
  mimetype -b "$work/other.ron" | grep -qx text/plain
fi
timing ".deb installed and run"

appimage="$work/Shotboard-x86_64.AppImage"
packaging/appimage/build.sh "$binary" "$appimage"
timing "AppImage built"
version=$(XDG_CACHE_HOME="$work/cache" "$appimage" --version)
echo "AppImage: $version"
grep -q "$commit" <<<"$version" || { echo "the AppImage's --version does not name $commit" >&2; exit 1; }
(cd "$work" && "$appimage" --appimage-extract >/dev/null)
for file in AppRun shotboard.desktop .DirIcon usr/bin/shotboard \
  usr/share/mime/packages/shotboard.xml; do
  test -e "$work/squashfs-root/$file" || { echo "the AppImage lacks $file" >&2; exit 1; }
done
cmp "$binary" "$work/squashfs-root/usr/bin/shotboard"
timing "AppImage run and unpacked"
