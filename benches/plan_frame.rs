//! Production views' frame CPU time on a 120-scene board (960 panels),
//! headless: layout + tessellation of the stripboard (120 strips over 12
//! days, day totals, day-out-of-days), the breakdown table and the on-set
//! list, each while the pointer moves over it.
//!
//! `cargo bench --bench plan_frame` prints the median, 95th percentile and
//! worst frame per view, beside the card canvas on the same board.

use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::{Event, Pos2, RawInput, Rect, vec2};
use shotboard::demo::DemoOptions;
use shotboard::model::ShootDay;
use shotboard::ui::{
    Prefs, ProductionView, ScriptedDialogs, ShotboardApp, Startup, ThumbLoader, ThumbRequest,
};

const FRAMES: usize = 300;
const SCENES: usize = 120;

fn main() {
    let dir = std::env::temp_dir().join(format!("shotboard-plan-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("plan.ron");
    let options = DemoOptions {
        scenes: SCENES,
        ..DemoOptions::with_panels(SCENES * 8)
    };
    if let Err(e) = shotboard::headless::demo(&path, &options) {
        eprintln!("could not write the demo board: {e}");
        std::process::exit(1);
    }
    // Ten scenes a day over twelve days: every strip on the board.
    let mut board = match shotboard::store::load(&path) {
        Ok(loaded) => loaded.board,
        Err(e) => {
            eprintln!("could not read the demo board: {e}");
            std::process::exit(1);
        }
    };
    board.plan.days = board
        .scenes
        .chunks(10)
        .map(|chunk| ShootDay {
            scenes: chunk.iter().map(|s| s.id).collect(),
            ..ShootDay::default()
        })
        .collect();
    if let Err(e) = shotboard::store::save(&board, &path) {
        eprintln!("could not save the planned board: {e}");
        std::process::exit(1);
    }
    println!(
        "{} scenes, {} panels, {} days",
        board.scenes.len(),
        board.panel_count(),
        board.plan.days.len()
    );
    for view in [
        None,
        Some(ProductionView::Plan),
        Some(ProductionView::Breakdown),
        Some(ProductionView::OnSet),
    ] {
        run(view, &path);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn run(view: Option<ProductionView>, board: &std::path::Path) {
    let flat: ThumbLoader = Arc::new(|req: &ThumbRequest| {
        let (w, h) = req.aspect.frame_size(req.width_px);
        Ok(image::RgbaImage::from_pixel(
            w,
            h,
            image::Rgba([180, 180, 180, 255]),
        ))
    });
    let ctx = egui::Context::default();
    let mut app = ShotboardApp::new(Startup {
        file: Some(board.to_path_buf()),
        dialogs: Box::new(ScriptedDialogs::default()),
        thumb_loader: flat,
        prefs: Prefs::default(),
        data_dir: board.with_file_name("shotboard-data"),
    });
    // The board opens in a background job: wait for it.
    app.wait_idle(Duration::from_secs(60));
    if app.doc.board().scenes.len() != SCENES {
        eprintln!("the board did not open");
        std::process::exit(1);
    }
    app.production.view = view;
    let screen = Rect::from_min_size(Pos2::ZERO, vec2(1366.0, 768.0));
    let mut times = Vec::with_capacity(FRAMES);
    for frame in 0..FRAMES + 5 {
        let mut input = RawInput {
            screen_rect: Some(screen),
            time: Some(frame as f64 / 60.0),
            predicted_dt: 1.0 / 60.0,
            ..Default::default()
        };
        // The pointer sweeps over the strips, so hover changes each frame.
        let x = 100.0 + (frame % 100) as f32 * 9.0;
        input.events.push(Event::PointerMoved(Pos2::new(
            x,
            300.0 + (frame % 7) as f32,
        )));
        let start = Instant::now();
        let mut output = ctx.run_ui(input, |ui| app.show(ui));
        // Nothing uploads textures here; say so, as a renderer would.
        output.textures_delta.clear();
        let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
        if frame >= 5 {
            times.push(start.elapsed());
        }
    }
    times.sort_unstable();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    let name = match view {
        None => "cards (for comparison)",
        Some(ProductionView::Plan) => "plan (stripboard + day-out-of-days)",
        Some(ProductionView::Breakdown) => "breakdown table",
        Some(ProductionView::OnSet) => "on set (day 1)",
    };
    println!(
        "{name}: {FRAMES} frames, median {:.2} ms, p95 {:.2} ms, worst {:.2} ms",
        ms(pct(0.5)),
        ms(pct(0.95)),
        ms(*times.last().unwrap_or(&Duration::ZERO)),
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
