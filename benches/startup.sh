#!/usr/bin/env bash
# Start-up time and resident memory of the release app with the demo board,
# measured the way the issues state their targets: a fresh virtual X server,
# Mesa's software GL, gui-measure's time-to-window / RSS / idle CPU.
#
#   bash benches/startup.sh [RUNS]
#
# Beside Shotboard it measures `examples/bare_window.rs` (an empty eframe
# window with the same features: the floor any eframe app pays here) and,
# if installed, Pencil2D (a Qt app that draws without OpenGL).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
tools=${SHOTBOARD_TOOLS:-../shared/tools}
cargo build --release --quiet --bin shotboard --example bare_window
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
# Copies, so a concurrent build cannot swap the binary mid-measurement.
target=${CARGO_TARGET_DIR:-target}
cp "$target/release/shotboard" "$target/release/examples/bare_window" "$bin/"

measure() {
  local name=$1
  shift
  for _ in $(seq "$runs"); do
    printf '%-12s %s\n' "$name" "$(python3 "$tools/gui-measure.py" "$bin/shot.png" 10 -- "$@")"
  done
}
measure shotboard "$bin/shotboard"
measure eframe-floor "$bin/bare_window"
if command -v pencil2d >/dev/null; then
  measure pencil2d pencil2d
fi
