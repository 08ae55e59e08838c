//! Speed of "Update from script": a 120-scene board (every panel drawn on)
//! updated from a changed 120-scene draft: the new script parsed, matched,
//! planned and applied as one edit. Target: under 200 ms in release.
//!
//! Run with `cargo bench --bench script_sync`. Exits non-zero when the
//! median run misses the target, so a slowdown is not missed.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use shotboard::edit::History;
use shotboard::import::screenplay::{board_from_fountain, fountain, sync};
use shotboard::model::{Stroke, StrokePoint};

const SCENES: usize = 120;
const RUNS: usize = 15;
const TARGET: Duration = Duration::from_millis(200);

/// One scene of the script; `draft` 2 changes some words.
fn scene(n: usize, draft: u32) -> String {
    let places = [
        "BAKERY KITCHEN",
        "STORE ROOM",
        "ALLEY",
        "POLICE STATION",
        "ROOFTOP",
    ];
    let names = ["RITA", "MAN", "VAN HELSING", "DETECTIVE OKAFOR"];
    let mut s = format!(
        "{} {} {n} - {} #{n}#\n\n",
        if n.is_multiple_of(3) { "EXT." } else { "INT." },
        places[n % places.len()],
        if n.is_multiple_of(2) { "DAY" } else { "NIGHT" },
    );
    for beat in 0..5 + n % 3 {
        let verb = if draft == 2 && (n + beat).is_multiple_of(7) {
            "stumbles across"
        } else {
            "crosses"
        };
        let _ = writeln!(
            s,
            "Beat {beat} of scene {n}: someone {verb} the room, knocking a tray of rolls to the floor.\nNobody moves for a long moment.\n"
        );
        let name = names[(n + beat) % names.len()];
        let line = if draft == 2 && n.is_multiple_of(5) {
            "Say that again, slowly."
        } else {
            "Say that again."
        };
        let _ = writeln!(
            s,
            "{name}\n(under breath)\n{line} Line {beat} in scene {n}.\n"
        );
    }
    s
}

fn draft(number: u32) -> String {
    let mut order: Vec<usize> = (1..=SCENES).collect();
    if number == 2 {
        // Three scenes cut, two moved, three new ones.
        order.retain(|n| ![17, 58, 99].contains(n));
        let moved = order.remove(10);
        order.insert(80, moved);
        let moved = order.remove(100);
        order.insert(3, moved);
    }
    let mut s = String::from("Title: Generated\nAuthor: Bench Mark\n\n");
    for (i, n) in order.into_iter().enumerate() {
        s.push_str(&scene(n, number));
        if number == 2 && i % 40 == 20 {
            let _ = writeln!(
                s,
                "EXT. NEW PLACE {i} - DAY #{i}A#\n\nSomething new happens.\n"
            );
        }
    }
    s
}

fn stroke(seed: usize) -> Stroke {
    Stroke {
        tool: Default::default(),
        layer: Default::default(),
        color: Default::default(),
        width: 0.004,
        opacity: 1.0,
        points: (0..200)
            .map(|k| StrokePoint {
                x: ((seed * 37 + k * 13) % 10_000) as i32,
                y: ((seed * 53 + k * 7) % 10_000) as i32,
                pressure: 200,
            })
            .collect(),
    }
}

fn main() {
    let mut board = match board_from_fountain(&draft(1)) {
        Ok(imported) => imported.board,
        Err(e) => {
            eprintln!("import failed: {e}");
            std::process::exit(2);
        }
    };
    for (i, scene) in board.scenes.iter_mut().enumerate() {
        for (k, panel) in scene.panels.iter_mut().enumerate() {
            panel.strokes = (0..4).map(|s| stroke(i * 100 + k * 10 + s)).collect();
            if (i + k).is_multiple_of(23) {
                panel.action.push_str(" (Director: hold longer.)");
            }
        }
    }
    let text = draft(2);
    let mut times = Vec::with_capacity(RUNS);
    let mut summary = String::new();
    for _ in 0..RUNS {
        let mut work = board.clone();
        let start = Instant::now();
        let plan = match sync::plan_sync(&work, fountain::parse(&text)) {
            Ok(plan) => plan,
            Err(e) => {
                eprintln!("plan failed: {e}");
                std::process::exit(2);
            }
        };
        let applied = plan
            .edit(&work)
            .map_err(|e| e.to_string())
            .and_then(|edit| {
                History::new()
                    .apply(&mut work, edit, "Update from script")
                    .map_err(|e| e.to_string())
            });
        times.push(start.elapsed());
        if let Err(e) = applied {
            eprintln!("apply failed: {e}");
            std::process::exit(2);
        }
        summary = plan.counts();
    }
    times.sort();
    let median = times[RUNS / 2];
    println!(
        "script_sync: {SCENES}-scene board ({} panels, {} strokes) from a changed draft ({summary}): \
         median {:.2} ms, min {:.2} ms, max {:.2} ms (target < {} ms)",
        board.panel_count(),
        board.stroke_count(),
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[RUNS - 1].as_secs_f64() * 1e3,
        TARGET.as_millis(),
    );
    if median > TARGET {
        eprintln!("script_sync: median run is over the target");
        std::process::exit(1);
    }
}
