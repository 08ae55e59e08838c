//! Canvas frame CPU time: layout + tessellation while scrolling through a
//! 1,000-panel board, headless (no GPU, no window).
//!
//! `cargo bench --bench canvas_frame` prints the median, 95th percentile and
//! worst frame, first with instant flat thumbnails (the UI's own cost), then
//! with the real decode-and-render loader running on worker threads beside
//! the UI thread (what a user sees while thumbnails stream in).

use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::{Event, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase, vec2};
use shotboard::demo::DemoOptions;
use shotboard::ui::{Prefs, ScriptedDialogs, ShotboardApp, Startup, ThumbLoader, ThumbRequest};

const FRAMES: usize = 600;

fn main() {
    let dir = std::env::temp_dir().join(format!("shotboard-canvas-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let board = dir.join("big.ron");
    if let Err(e) = shotboard::headless::demo(&board, &DemoOptions::with_panels(1000)) {
        eprintln!("could not write the demo board: {e}");
        std::process::exit(1);
    }
    let flat: ThumbLoader = Arc::new(|req: &ThumbRequest| {
        let (w, h) = req.aspect.frame_size(req.width_px);
        Ok(image::RgbaImage::from_pixel(
            w,
            h,
            image::Rgba([180, 180, 180, 255]),
        ))
    });
    run("flat thumbnails", &board, flat);
    run(
        "real thumbnails (decode + render on workers)",
        &board,
        shotboard::ui::render_thumbnail_loader(),
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn run(name: &str, board: &std::path::Path, loader: ThumbLoader) {
    let ctx = egui::Context::default();
    let mut app = ShotboardApp::new(Startup {
        file: Some(board.to_path_buf()),
        dialogs: Box::new(ScriptedDialogs::default()),
        thumb_loader: loader,
        prefs: Prefs::default(),
        data_dir: board.with_file_name("shotboard-data"),
    });
    // The board is read by a job; measure once it is open.
    app.wait_idle(std::time::Duration::from_secs(60));
    let screen = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
    let over_canvas = Pos2::new(400.0, 400.0);
    let mut times = Vec::with_capacity(FRAMES);
    let mut shapes = 0;
    for frame in 0..FRAMES + 5 {
        let mut input = RawInput {
            screen_rect: Some(screen),
            time: Some(frame as f64 / 60.0),
            predicted_dt: 1.0 / 60.0,
            ..Default::default()
        };
        input.events.push(Event::PointerMoved(over_canvas));
        if frame >= 5 {
            input.events.push(Event::MouseWheel {
                unit: MouseWheelUnit::Point,
                delta: vec2(0.0, -160.0),
                phase: TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
                modifiers: egui::Modifiers::NONE,
            });
        }
        let start = Instant::now();
        let output = ctx.run_ui(input, |ui| app.show(ui));
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        let elapsed = start.elapsed();
        shapes = shapes.max(primitives.len());
        if frame >= 5 {
            times.push(elapsed);
        }
    }
    times.sort_unstable();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    let (ready, pending) = app.thumbnail_progress();
    println!(
        "{name}: {FRAMES} frames, median {:.2} ms, p95 {:.2} ms, worst {:.2} ms (max {shapes} clipped primitives; thumbnails ready {ready}, pending {pending})",
        ms(pct(0.5)),
        ms(pct(0.95)),
        ms(*times.last().unwrap_or(&Duration::ZERO)),
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
