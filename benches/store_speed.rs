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

/// A board like a real one: two lines of action, dialogue, shot facts, and
/// a sketch of a few strokes on every other panel.
fn board(with_images: bool) -> Board {
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
            if n % 2 == 0 {
                for k in 0..5 {
                    panel.strokes.push(Stroke {
                        tool: Tool::Pen,
                        layer: Layer::Sketch,
                        color: Rgba::BLACK,
                        width: 0.004,
                        opacity: 1.0,
                        points: (0..60)
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

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("speed.ron");
    let plain = board(false);
    let text = store::to_ron_string(&plain);
    println!(
        "board: {} panels, {} strokes, {} KiB of RON; median of {RUNS} runs",
        plain.panel_count(),
        plain.stroke_count(),
        text.len() / 1024
    );

    report("to_ron_string", median(|| {
        std::hint::black_box(store::to_ron_string(&plain));
    }));
    report("from_ron_str", median(|| {
        std::hint::black_box(store::from_ron_str(&text, &path).expect("parses"));
    }));
    report("save (atomic: temp, fsync, backup, rename, fsync dir)", median(|| {
        store::save(&plain, &path).expect("saves");
    }));
    report("load (read + parse + asset check, no images)", median(|| {
        std::hint::black_box(store::load(&path).expect("loads"));
    }));

    write_assets(dir.path());
    let with_images = board(true);
    store::save(&with_images, &path).expect("saves");
    report(
        &format!("load (every panel has an image, {DISTINCT_IMAGES} distinct headers)"),
        median(|| {
            let loaded = store::load(&path).expect("loads");
            assert!(loaded.problems.is_empty());
            std::hint::black_box(loaded);
        }),
    );
}
