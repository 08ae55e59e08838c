//! End-to-end Fountain import speed: a generated 120-scene feature-length
//! script, parsed and turned into a board. Target: under 200 ms in release.
//!
//! Run with `cargo bench --bench import_speed`. Exits non-zero when the
//! median run misses the target, so a slowdown is not missed.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use shotboard::import::screenplay::board_from_fountain;

const SCENES: usize = 120;
const RUNS: usize = 15;
const TARGET: Duration = Duration::from_millis(200);

/// A script with varied elements in every scene: headings with numbers,
/// action with emphasis and notes, dialogue with extensions and
/// parentheticals, dual dialogue, lyrics, transitions, sections, boneyard.
fn script() -> String {
    let names = ["RITA", "MAN", "VAN HELSING", "DETECTIVE OKAFOR", "CHILD"];
    let places = [
        "BAKERY KITCHEN",
        "STORE ROOM",
        "ALLEY",
        "POLICE STATION",
        "ROOFTOP",
    ];
    let times = ["DAY", "NIGHT", "DAWN", "CONTINUOUS"];
    let mut s = String::from(
        "Title: **GENERATED**\nCredit: Written by\nAuthor: Bench Mark\nDraft date: today\n\n",
    );
    for scene in 0..SCENES {
        if scene % 30 == 0 {
            let _ = writeln!(s, "# ACT {}\n\n= Things escalate.\n", scene / 30 + 1);
        }
        let place = places[scene % places.len()];
        let time = times[scene % times.len()];
        let int_ext = if scene % 3 == 0 { "EXT." } else { "INT." };
        let _ = writeln!(s, "{int_ext} {place} - {time} #{}#\n", scene + 1);
        for beat in 0..4 + scene % 3 {
            let _ = writeln!(
                s,
                "Beat {beat}: the light *flickers* as someone crosses the room, \
                 knocking a **tray** of rolls to the floor. [[check continuity]]\n\
                 Nobody moves for a long moment.\n"
            );
            for line in 0..1 + (scene + beat) % 3 {
                let name = names[(scene + beat + line) % names.len()];
                let _ = writeln!(
                    s,
                    "{name}{}\n(under breath)\nThis is line {line} of a fairly ordinary exchange.\n\
                     It goes on a little, as people do.\n",
                    if line % 2 == 1 { " (CONT'D)" } else { "" }
                );
            }
            if beat == 1 {
                let _ = writeln!(
                    s,
                    "RITA\nNow!\n\nMAN ^\nNow!\n\n~La la la,\n~the oven sings.\n\n\
                     /* A cut line\nthat spans two lines. */\n"
                );
            }
        }
        let transition = ["CUT TO:", "DISSOLVE TO:", "SMASH CUT TO:", "WIPE TO:"][scene % 4];
        let _ = writeln!(s, "{transition}\n");
    }
    s.push_str("FADE OUT.\n");
    s
}

fn main() {
    let text = script();
    let mut times = Vec::with_capacity(RUNS);
    let mut panels = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let imported = match board_from_fountain(&text) {
            Ok(imported) => imported,
            Err(e) => {
                eprintln!("import failed: {e}");
                std::process::exit(2);
            }
        };
        times.push(start.elapsed());
        panels = imported.board.panel_count();
        assert_eq!(imported.board.scenes.len(), SCENES);
    }
    times.sort();
    let median = times[RUNS / 2];
    println!(
        "import_speed: {SCENES} scenes, {panels} panels, {} KB, {} lines: \
         median {:.2} ms, min {:.2} ms, max {:.2} ms (target < {} ms)",
        text.len() / 1024,
        text.lines().count(),
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[RUNS - 1].as_secs_f64() * 1e3,
        TARGET.as_millis(),
    );
    if median > TARGET {
        eprintln!("import_speed: median run is over the target");
        std::process::exit(1);
    }
}
