//! Sketch editor frame CPU time: layout + tessellation while drawing a new
//! pen stroke on a panel that already holds 2,000 strokes, headless (no
//! GPU, no window).
//!
//! `cargo bench --bench sketch_frame` prints the opening frame and how long
//! the finished strokes take to render into the layer textures on workers,
//! the median, 95th percentile and worst frame while drawing, and the frame
//! that commits the stroke (drawn onto the cached layer, no full re-render).

use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::{Event, PointerButton, Pos2, RawInput, Rect, pos2, vec2};
use shotboard::model::{Board, Layer, Panel, PanelId, Rgba, Scene, SceneId, Stroke, Tool};
use shotboard::ui::sketch::geometry::{self, RawPoint, SIMPLIFY_TOLERANCE};
use shotboard::ui::{
    AppCommand, Prefs, ScriptedDialogs, ShotboardApp, Startup, ThumbLoader, ThumbRequest,
};

const STROKES: usize = 2_000;
const FRAMES: usize = 600;

fn main() {
    let dir = std::env::temp_dir().join(format!("shotboard-sketch-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("sketch.ron");
    if let Err(e) = shotboard::store::save(&board(), &file) {
        eprintln!("could not write the bench board: {e}");
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
    let mut app = ShotboardApp::new(Startup {
        file: Some(file),
        dialogs: Box::new(ScriptedDialogs::default()),
        thumb_loader: flat,
        prefs: Prefs::default(),
        data_dir: dir.join("shotboard-data"),
    });
    // The board is read by a job; measure once it is open.
    app.wait_idle(std::time::Duration::from_secs(60));
    let ctx = egui::Context::default();
    let screen = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
    let mut time = 0.0;
    let mut frame = |app: &mut ShotboardApp, events: Vec<Event>| {
        time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(screen),
            time: Some(time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        let start = Instant::now();
        let output = ctx.run_ui(input, |ui| app.show(ui));
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        (start.elapsed(), primitives.len())
    };

    frame(&mut app, Vec::new());
    app.execute(&ctx, AppCommand::OpenSketch);
    let (opening, _) = frame(&mut app, Vec::new());
    // The finished strokes render on workers; frames keep running meanwhile.
    let started = Instant::now();
    let mut waiting_frames = Vec::new();
    while app.sketch.is_rendering() && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(2));
        waiting_frames.push(frame(&mut app, Vec::new()).0);
    }
    let ready = started.elapsed();
    frame(&mut app, Vec::new());
    let Some(surface) = app.sketch.frame_on_screen() else {
        eprintln!("the editor did not open");
        std::process::exit(1);
    };
    let at = |x: f32, y: f32| {
        pos2(
            surface.min.x + x * surface.width(),
            surface.min.y + y * surface.height(),
        )
    };
    let button = |pos, pressed| Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    let start = at(0.1, 0.5);
    frame(
        &mut app,
        vec![Event::PointerMoved(start), button(start, true)],
    );

    let mut times = Vec::with_capacity(FRAMES);
    let mut primitives = 0;
    let mut last = start;
    for i in 0..FRAMES {
        let t = i as f32 / FRAMES as f32;
        // A loopy scribble across the frame, two samples per frame like a
        // 120 Hz trackpad.
        let moves: Vec<Event> = (0..2)
            .map(|k| {
                let u = t + k as f32 / (2.0 * FRAMES as f32);
                last = at(0.1 + 0.8 * u, 0.5 + 0.3 * (u * 40.0).sin());
                Event::PointerMoved(last)
            })
            .collect();
        let (elapsed, n) = frame(&mut app, moves);
        times.push(elapsed);
        primitives = primitives.max(n);
    }
    let renders_before = app.sketch.cache_full_renders();
    let (commit, _) = frame(&mut app, vec![button(last, false)]);
    let (after, _) = frame(&mut app, Vec::new());
    let strokes = app
        .doc
        .board()
        .panels()
        .next()
        .map_or(0, |p| p.strokes.len());

    times.sort_unstable();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!(
        "sketch editor, {STROKES} strokes + 1 being drawn: {FRAMES} frames, median {:.2} ms, p95 {:.2} ms, worst {:.2} ms (max {primitives} clipped primitives)",
        ms(pct(0.5)),
        ms(pct(0.95)),
        ms(*times.last().unwrap_or(&Duration::ZERO)),
    );
    println!(
        "opening frame {:.2} ms; finished strokes rendered on workers in {:.0} ms (worst UI frame meanwhile {:.2} ms); stroke commit frame {:.2} ms, next frame {:.2} ms; full layer re-renders on commit: {}; strokes now {strokes}",
        ms(opening),
        ms(ready),
        ms(waiting_frames.iter().copied().max().unwrap_or_default()),
        ms(commit),
        ms(after),
        app.sketch.cache_full_renders() - renders_before,
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// One panel with `STROKES` hand-drawn-like pen strokes over three layers.
fn board() -> Board {
    let mut board = Board {
        title: "Sketch bench".into(),
        ..Board::default()
    };
    let mut scene = Scene::new(SceneId(1), "INT. STUDIO - DAY");
    let mut panel = Panel::new(PanelId(2));
    panel.strokes = (0..STROKES).map(hand_stroke).collect();
    scene.panels.push(panel);
    scene.panels.push(Panel::new(PanelId(3)));
    board.scenes.push(scene);
    board.bump_next_id();
    board
}

fn hand_stroke(i: usize) -> Stroke {
    let f = i as f32 * 0.618;
    let (cx, cy) = ((f * 7.3).fract(), (f * 3.1).fract());
    let raw: Vec<RawPoint> = (0..60)
        .map(|k| {
            let t = k as f32 / 59.0;
            RawPoint {
                x: cx + 0.15 * t * (f + t * 4.0).cos(),
                y: cy + 0.1 * (f + t * 5.0).sin(),
                pressure: 0.5 + 0.5 * (t * 3.0).sin().abs(),
            }
        })
        .collect();
    let layer = [Layer::Sketch, Layer::Ink, Layer::Annotation][i % 3];
    Stroke {
        tool: [Tool::Pen, Tool::Pencil, Tool::Brush][i % 3],
        layer,
        color: [Rgba::BLACK, Rgba::GREY, Rgba::BLUE][i % 3],
        width: 0.003 + (i % 5) as f32 * 0.001,
        opacity: 1.0,
        points: geometry::simplify(&raw, 16.0 / 9.0, SIMPLIFY_TOLERANCE)
            .into_iter()
            .map(RawPoint::quantise)
            .collect(),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
