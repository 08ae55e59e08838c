//! Export speed on a 1,000-panel board (run with `cargo bench --bench
//! export_speed`). Targets from the hand-off issue: PDF at 6 panels per page
//! under 10 s on 2 cores, CSV under 100 ms.
//!
//! Frames come from `SwatchFrames` plus a few drawn lines (cheap, like a
//! simple sketch), so the numbers measure the export itself: per-frame
//! encoding, text layout, PDF assembly and writing.

use std::time::{Duration, Instant};

use shotboard::export::{self, CsvOptions, FrameSource, PdfOptions, Progress, SwatchFrames};
use shotboard::model::{Board, Fps, Panel, PanelId, Scene, SceneId, ShotSize};

/// Swatch frames with a diagonal line, so JPEG has edges to encode.
struct Sketchy(SwatchFrames);

impl FrameSource for Sketchy {
    fn frame(&self, panel: &Panel, width_px: u32) -> Result<image::RgbaImage, String> {
        let mut img = self.0.frame(panel, width_px)?;
        let (w, h) = img.dimensions();
        for x in 0..w {
            let y = x * h / w.max(1);
            for t in 0..3 {
                if y + t < h {
                    img.put_pixel(x, y + t, image::Rgba([20, 20, 20, 255]));
                }
            }
        }
        Ok(img)
    }
}

fn board(panels: usize) -> Board {
    let mut board = Board {
        title: "Benchmark board — 1,000 panels".into(),
        author: "Shotboard".into(),
        fps: Fps::Fps23_976,
        ..Board::default()
    };
    let per_scene = 20;
    let mut id = 1;
    for s in 0..panels.div_ceil(per_scene) {
        let mut scene = Scene::new(SceneId(id), format!("INT. LOCATION {s} - NIGHT"));
        id += 1;
        for i in 0..per_scene.min(panels - s * per_scene) {
            let mut p = Panel::new(PanelId(id));
            id += 1;
            p.action = format!(
                "Panel {i} of scene {s}: the camera drifts past the window as the rain \
                 picks up, and Zoë turns, startled, towards the door."
            );
            p.dialogue = "ZOË: Qui est là? Answer me, or I'm calling the police.".into();
            p.notes = "Practical lamp on; match the previous shot's eyeline.".into();
            p.shot_size = Some(ShotSize::MediumCloseUp);
            p.lens_mm = Some(35);
            p.duration_ms = Some(1000 + (i as u32 * 137) % 3000);
            scene.panels.push(p);
        }
        board.scenes.push(scene);
    }
    board
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn main() {
    let board = board(1000);
    let dir = std::env::temp_dir().join(format!("shotboard-bench-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        std::process::exit(1);
    }
    let source = Sketchy(SwatchFrames {
        aspect: board.aspect_ratio,
    });
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("1,000-panel board, {cores} cores");

    let csv_path = dir.join("shots.csv");
    let (result, t) =
        time(|| export::export_csv(&board, &csv_path, &CsvOptions::default(), &Progress::new()));
    report(
        "CSV",
        result.map(|()| &csv_path),
        t,
        Duration::from_millis(100),
    );

    let pdf_path = dir.join("board.pdf");
    let options = PdfOptions {
        panels_per_page: 6,
        ..PdfOptions::default()
    };
    let (result, t) =
        time(|| export::export_pdf(&source, &board, &pdf_path, &options, &Progress::new()));
    report(
        &format!(
            "PDF, 6 per page, {} dpi, {} pages",
            options.dpi,
            export::pdf_page_count(&board, &options)
        ),
        result.map(|()| &pdf_path),
        t,
        Duration::from_secs(10),
    );

    if std::env::var_os("SHOTBOARD_BENCH_KEEP").is_some() {
        println!("outputs kept in {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

fn report(
    what: &str,
    result: Result<&std::path::PathBuf, export::ExportError>,
    took: Duration,
    target: Duration,
) {
    match result {
        Ok(path) => {
            let size = std::fs::metadata(path).map_or(0, |m| m.len());
            let verdict = if took <= target { "ok" } else { "SLOW" };
            println!(
                "{what}: {:.1} ms, {:.2} MB (target {:.0} ms) {verdict}",
                took.as_secs_f64() * 1000.0,
                size as f64 / 1_048_576.0,
                target.as_secs_f64() * 1000.0,
            );
        }
        Err(e) => println!("{what}: failed: {e}"),
    }
}
