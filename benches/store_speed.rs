//! Load and save timings for a 1,000-panel board (target: < 50 ms each in
//! release). Plain timing, medians of repeated runs:
//! `cargo bench --bench store_speed`.

use std::path::Path;
use std::time::{Duration, Instant};

use shotboard::model::{
    AssetPath, Board, CameraAngle, Layer, Panel, PanelId, Rgba, Scene, SceneId, ShotSize, Stroke,
    StrokePoint, Tool,
};
use shotboard::store;

const PANELS: usize = 1000;
const SCENES: usize = 25;
const DISTINCT_IMAGES: usize = 50;
const RUNS: usize = 21;

/// How much drawing a benchmark board carries.
#[derive(Clone, Copy)]
struct Sketching {
    /// Every n-th panel is sketched.
    every: usize,
    strokes: i32,
    points: i32,
}

/// Like a board from `shotboard demo`: a line or two of action per panel,
/// a short sketch on every fourth panel.
const TYPICAL: Sketching = Sketching {
    every: 4,
    strokes: 3,
    points: 40,
};

/// Every other panel drawn over: 2,500 strokes, 150,000 points.
const HEAVY: Sketching = Sketching {
    every: 2,
    strokes: 5,
    points: 60,
};

/// A board like a real one: two lines of action, dialogue, shot facts,
/// and some sketching.
fn board(sketching: Sketching, with_images: bool) -> Board {
    let mut board = Board::new_untitled();
    board.title = "Speed test".to_owned();
    board.scenes.clear();
    let mut next = 1;
    for s in 0..SCENES {
        let mut scene = Scene::new(SceneId(next), format!("EXT. STREET {s} - DAY"));
        next += 1;
        for p in 0..PANELS / SCENES {
            let n = s * (PANELS / SCENES) + p;
            let mut panel = Panel::new(PanelId(next));
            next += 1;
            panel.action = format!(
                "Panel {n}: a cyclist weaves between stalled cars.\nHorns. A pigeon takes off."
            );
            panel.dialogue = "COURIER: \"Left! On your left!\"".to_owned();
            panel.shot_size = Some(ShotSize::ALL[n % ShotSize::ALL.len()]);
            panel.angle = Some(CameraAngle::ALL[n % CameraAngle::ALL.len()]);
            panel.lens_mm = Some(35);
            if with_images {
                let name = format!("speed.assets/{:064x}.png", n % DISTINCT_IMAGES);
                panel.image = Some(AssetPath::new(name).expect("valid asset path"));
            }
            if n.is_multiple_of(sketching.every) {
                for k in 0..sketching.strokes {
                    panel.strokes.push(Stroke {
                        tool: Tool::Pen,
                        layer: Layer::Sketch,
                        color: Rgba::BLACK,
                        width: 0.004,
                        opacity: 1.0,
                        points: (0..sketching.points)
                            .map(|i| StrokePoint {
                                x: i * 150 + k,
                                y: 4000 + (i * 37) % 2000,
                                pressure: 180,
                            })
                            .collect(),
                    });
                }
            }
            scene.panels.push(panel);
        }
        board.scenes.push(scene);
    }
    board.bump_next_id();
    board
}

fn median(mut f: impl FnMut()) -> Duration {
    f(); // warm-up
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn report(what: &str, time: Duration) {
    println!("{what:<58} {:>8.2} ms", time.as_secs_f64() * 1000.0);
}

fn write_assets(dir: &Path) {
    let assets = dir.join("speed.assets");
    std::fs::create_dir_all(&assets).expect("create assets folder");
    let image = image::RgbImage::from_fn(1920, 1080, |x, y| image::Rgb([x as u8, y as u8, 90]));
    let mut png = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut png, image::ImageFormat::Png)
        .expect("encode PNG");
    for i in 0..DISTINCT_IMAGES {
        std::fs::write(assets.join(format!("{i:064x}.png")), png.get_ref()).expect("write asset");
    }
}

fn bench_board(name: &str, sketching: Sketching, dir: &Path) {
    let path = dir.join("speed.ron");
    let plain = board(sketching, false);
    let text = store::to_ron_string(&plain);
    println!(
        "\n{name} board: {} panels, {} strokes, {} KiB of RON; median of {RUNS} runs",
        plain.panel_count(),
        plain.stroke_count(),
        text.len() / 1024
    );
    report(
        "  to_ron_string",
        median(|| {
            std::hint::black_box(store::to_ron_string(&plain));
        }),
    );
    report(
        "  from_ron_str",
        median(|| {
            std::hint::black_box(store::from_ron_str(&text, &path).expect("parses"));
        }),
    );
    report(
        "  save (temp file, fsync, backup, rename, fsync folder)",
        median(|| {
            store::save(&plain, &path).expect("saves");
        }),
    );
    report(
        "  load (read, parse, no images)",
        median(|| {
            std::hint::black_box(store::load(&path).expect("loads"));
        }),
    );
    let with_images = board(sketching, true);
    store::save(&with_images, &path).expect("saves");
    report(
        &format!("  load (+ header check, {DISTINCT_IMAGES} distinct 1920x1080 PNGs)"),
        median(|| {
            let loaded = store::load(&path).expect("loads");
            assert!(loaded.problems.is_empty());
            std::hint::black_box(loaded);
        }),
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_assets(dir.path());
    bench_board("Typical", TYPICAL, dir.path());
    bench_board("Heavily sketched", HEAVY, dir.path());
}
