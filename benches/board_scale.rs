//! Real boards at scale (issue 16): a board of distinct 1920×1080 photos,
//! opened, opened again, exported and edited, each number beside its
//! physical limit measured in the same run.
//!
//! ```sh
//! cargo bench --bench board_scale              # 1,000 panels
//! cargo bench --bench board_scale -- 10000     # 10,000 panels
//! cargo bench --bench board_scale -- 1000 open # only some parts:
//!                                              # open, export, ui
//! ```
//!
//! The `ui` part alone runs on a synthetic board (24 shared images): its
//! thumbnails are flat, so distinct photos would only cost generation time.
//!
//! The board (`shotboard demo --distinct`) is generated once into
//! `target/bench-boards/` and reused. Every part runs in a child process of
//! its own, so its peak resident memory and CPU time are its own. The app
//! runs headless (egui without a window or GPU): "window up" is the app
//! opening the board and laying out its first frame.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::{Event, Modifiers, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase, vec2};
use shotboard::demo::DemoOptions;
use shotboard::export::{self, BoardFrames, PdfOptions, Progress, TimelineFormat};
use shotboard::store::ThumbStore;
use shotboard::ui::{
    AppCommand, Prefs, ScriptedDialogs, ShotboardApp, Startup, ThumbLoader, ThumbRequest,
};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("--child") {
        let result = child(&args[1..]);
        if let Err(e) = result {
            eprintln!("board_scale child: {e}");
            std::process::exit(1);
        }
        return;
    }
    let panels: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let parts: Vec<&str> = args.iter().skip(1).map(String::as_str).collect();
    let want = |p: &str| parts.is_empty() || parts.contains(&p);
    if let Err(e) = parent(panels, &want) {
        eprintln!("board_scale: {e}");
        std::process::exit(1);
    }
}

fn parent(panels: usize, want: &dyn Fn(&str) -> bool) -> Result<(), String> {
    // The editing part alone needs no distinct photos (its thumbnails are
    // flat): a big board for it is the quick synthetic one.
    let ui_only = want("ui") && !want("open") && !want("export");
    let board = if ui_only {
        synthetic_board(panels)?
    } else {
        bench_board(panels)?
    };
    let (files, bytes) = image_files(&board)?;
    println!(
        "board: {panels} panels, {} distinct images, {:.0} MB ({:.0} KB each)",
        files.len(),
        bytes as f64 / 1e6,
        bytes as f64 / files.len().max(1) as f64 / 1e3
    );
    let scratch = std::env::temp_dir().join(format!("shotboard-scale-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let result = (|| {
        if want("open") {
            let cache = scratch.join("thumb-cache");
            let floor = run_child(&["decode-floor", path_str(&board)?])?;
            println!("\n== Thumbnails (card width 200 px) ==");
            println!(
                "limit: scaled decode of every file, one thread: {:.2} CPU-s ({:.1} ms/file); \
                 full-size decode: {:.2} CPU-s",
                floor.get("scaled_cpu"),
                floor.get("scaled_cpu") * 1e3 / files.len().max(1) as f64,
                floor.get("full_cpu"),
            );
            let first = run_child(&["open", path_str(&board)?, path_str(&cache)?])?;
            println!(
                "first open:  every thumbnail ready in {:.2} s wall, {:.2} CPU-s = {:.2}× the \
                 scaled decode (goal ≤ 1.2×); peak RSS {:.0} MB (goal ≤ {} MB); {} ready",
                first.get("wall"),
                first.get("cpu"),
                first.get("cpu") / floor.get("scaled_cpu").max(1e-9),
                first.get("rss_mb"),
                if panels > 5000 { 400 } else { 250 },
                first.get("ready"),
            );
            let second = run_child(&["open", path_str(&board)?, path_str(&cache)?])?;
            println!(
                "second open: every thumbnail ready in {:.2} s wall (goal ≤ 1 s), {:.2} CPU-s \
                 (goal ≤ 0.5); peak RSS {:.0} MB; limit: reading the cache's {:.0} MB: {:.2} s",
                second.get("wall"),
                second.get("cpu"),
                second.get("rss_mb"),
                dir_bytes(&cache) as f64 / 1e6,
                read_all_seconds(&cache),
            );
            println!(
                "(window up with the board: {:.2} s first open, {:.2} s second)",
                first.get("window_up"),
                second.get("window_up")
            );
        }
        if want("export") {
            println!("\n== Exports ==");
            let out = scratch.join("export");
            std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
            let read = read_files_seconds(&files);
            let copy = copy_files_seconds(&files, &scratch.join("copy-floor"))?;
            println!(
                "limit: reading every image {:.2} s; copying every image {:.2} s",
                read, copy
            );
            let e = run_child(&["export", path_str(&board)?, path_str(&out)?])?;
            println!(
                "PDF, 6 per page: {:.2} s wall, {:.2} CPU-s, {:.0} MB (goal ≤ 5 s); limit: \
                 writing and syncing that many bytes {:.2} s",
                e.get("pdf"),
                e.get("pdf_cpu"),
                e.get("pdf_mb"),
                e.get("pdf_sync"),
            );
            for (name, key) in [("OTIO", "otio"), ("FCP7 XML", "fcp7")] {
                println!(
                    "{name} with frames: {:.2} s wall, {:.2} CPU-s (goal ≤ 5 s); again \
                     unchanged into the same folder: {:.3} s (goal ≤ 0.5 s)",
                    e.get(key),
                    e.get(&format!("{key}_cpu")),
                    e.get(&format!("{key}_again")),
                );
            }
            println!("CSV: {:.3} s", e.get("csv"));
        }
        if want("ui") {
            println!("\n== Editing a board of {panels} panels ==");
            let u = run_child(&["ui", path_str(&board)?, path_str(&scratch)?])?;
            println!(
                "window up (open + first frame, headless) {:.3} s (goal ≤ 0.5 s); limit: \
                 reading and parsing the RON {:.3} s",
                u.get("window_up"),
                u.get("parse")
            );
            println!(
                "scroll frame median {:.2} ms, p95 {:.2} ms (goal ≤ 4 ms)",
                u.get("scroll_median"),
                u.get("scroll_p95")
            );
            println!(
                "select all + drag frame median {:.2} ms, worst {:.2} ms (goal ≤ 16 ms)",
                u.get("drag_median"),
                u.get("drag_worst")
            );
            println!(
                "save {:.0} ms, load {:.0} ms (goal ≤ 500 ms each); limit: writing the same \
                 bytes {:.0} ms",
                u.get("save") * 1e3,
                u.get("load") * 1e3,
                u.get("write") * 1e3
            );
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

// ---------------------------------------------------------------- children

fn child(args: &[String]) -> Result<(), String> {
    let arg = |i: usize| -> Result<PathBuf, String> {
        args.get(i)
            .map(PathBuf::from)
            .ok_or_else(|| format!("missing argument {i}"))
    };
    let mut out = Results::default();
    match args.first().map(String::as_str) {
        Some("decode-floor") => {
            let board = arg(1)?;
            let (files, _) = image_files(&board)?;
            let cpu = cpu_seconds();
            for f in &files {
                let bytes = std::fs::read(f).map_err(|e| e.to_string())?;
                shotboard::media::image::decode_thumbnail(&bytes, 200)
                    .map_err(|e| e.to_string())?;
            }
            out.put("scaled_cpu", cpu_seconds() - cpu);
            // Full-size decodes of up to 300 files, scaled to all of them.
            let sample = files.len().min(300);
            let cpu = cpu_seconds();
            for f in &files[..sample] {
                let bytes = std::fs::read(f).map_err(|e| e.to_string())?;
                shotboard::media::image::decode(&bytes).map_err(|e| e.to_string())?;
            }
            out.put(
                "full_cpu",
                (cpu_seconds() - cpu) * files.len() as f64 / sample.max(1) as f64,
            );
        }
        Some("open") => {
            let (board, cache) = (arg(1)?, arg(2)?);
            let (wall0, cpu0) = (Instant::now(), cpu_seconds());
            let loader = shotboard::ui::cached_thumbnail_loader(ThumbStore::open(&cache, 1 << 30));
            let mut app = app(&board, loader);
            let ctx = egui::Context::default();
            frame(&ctx, &mut app, 0, Vec::new());
            out.put("window_up", wall0.elapsed().as_secs_f64());
            let mut n = 1;
            loop {
                frame(&ctx, &mut app, n, Vec::new());
                n += 1;
                // Collected everything, and the frame queued nothing new.
                if app.thumbnail_progress().1 == 0 {
                    break;
                }
                if wall0.elapsed() > Duration::from_secs(900) {
                    return Err("thumbnails not ready in 15 minutes".into());
                }
                // A display refreshes at 60 Hz: so does the app while pictures land.
                std::thread::sleep(Duration::from_millis(16));
            }
            out.put("wall", wall0.elapsed().as_secs_f64());
            out.put("cpu", cpu_seconds() - cpu0);
            out.put("ready", app.thumbnail_progress().0 as f64);
            out.put("rss_mb", peak_rss_mb());
        }
        Some("export") => {
            let (board_file, out_dir) = (arg(1)?, arg(2)?);
            let board = shotboard::store::load(&board_file)
                .map_err(|e| e.to_string())?
                .board;
            let dir = shotboard::store::board_dir(&board_file).to_path_buf();
            let progress = Progress::new();
            let timed =
                |out: &mut Results, key: &str, f: &mut dyn FnMut() -> Result<(), String>| {
                    let (wall, cpu) = (Instant::now(), cpu_seconds());
                    let r = f();
                    out.put(key, wall.elapsed().as_secs_f64());
                    out.put(&format!("{key}_cpu"), cpu_seconds() - cpu);
                    r
                };
            let pdf = out_dir.join("board.pdf");
            timed(&mut out, "pdf", &mut || {
                let frames = BoardFrames::new(&board, &dir);
                export::export_pdf(&frames, &board, &pdf, &PdfOptions::default(), &progress)
                    .map_err(|e| e.to_string())
            })?;
            let pdf_len = std::fs::metadata(&pdf).map_or(0, |m| m.len());
            out.put("pdf_mb", pdf_len as f64 / 1e6);
            // The disk's share: the same number of bytes written and synced.
            let t = Instant::now();
            {
                use std::io::Write as _;
                let mut f =
                    std::fs::File::create(out_dir.join("sync-floor")).map_err(|e| e.to_string())?;
                let chunk = vec![0x5a_u8; 1 << 20];
                let mut left = pdf_len as usize;
                while left > 0 {
                    let n = left.min(chunk.len());
                    f.write_all(&chunk[..n]).map_err(|e| e.to_string())?;
                    left -= n;
                }
                f.sync_all().map_err(|e| e.to_string())?;
            }
            out.put("pdf_sync", t.elapsed().as_secs_f64());
            let _ = std::fs::remove_file(out_dir.join("sync-floor"));
            for (key, format, name) in [
                // Different names, so each writes a stills folder of its own.
                ("otio", TimelineFormat::Otio, "cut-otio.otio"),
                ("fcp7", TimelineFormat::Fcp7Xml, "cut-fcp7.xml"),
            ] {
                let path = out_dir.join(name);
                let mut run = || {
                    let frames = BoardFrames::new(&board, &dir);
                    export::export_timeline_with_frames(
                        &frames, &board, &path, format, 1920, &progress,
                    )
                    .map(|_| ())
                    .map_err(|e| e.to_string())
                };
                timed(&mut out, key, &mut run)?;
                timed(&mut out, &format!("{key}_again"), &mut run)?;
            }
            let csv = out_dir.join("shots.csv");
            timed(&mut out, "csv", &mut || {
                export::export_csv(&board, &csv, &Default::default(), &progress)
                    .map_err(|e| e.to_string())
            })?;
        }
        Some("ui") => ui_child(&arg(1)?, &arg(2)?, &mut out)?,
        other => return Err(format!("unknown part {other:?}")),
    }
    println!("RESULTS {}", out.to_line());
    Ok(())
}

fn ui_child(board_file: &Path, scratch: &Path, out: &mut Results) -> Result<(), String> {
    let t = Instant::now();
    let text = std::fs::read_to_string(board_file).map_err(|e| e.to_string())?;
    shotboard::store::from_ron_str(&text, board_file).map_err(|e| e.to_string())?;
    out.put("parse", t.elapsed().as_secs_f64());

    // Flat thumbnails: the UI's own cost, as in the canvas_frame bench.
    let flat: ThumbLoader = Arc::new(|req: &ThumbRequest| {
        let (w, h) = req.aspect.frame_size(req.width_px);
        Ok(image::RgbaImage::from_pixel(
            w,
            h,
            image::Rgba([180, 180, 180, 255]),
        ))
    });
    let t = Instant::now();
    let mut app = app(board_file, flat);
    let ctx = egui::Context::default();
    frame(&ctx, &mut app, 0, Vec::new());
    out.put("window_up", t.elapsed().as_secs_f64());
    app.wait_idle(Duration::from_secs(60));

    let over = Pos2::new(500.0, 400.0);
    let mut scroll = Vec::new();
    for n in 1..=300 {
        let events = vec![
            Event::PointerMoved(over),
            Event::MouseWheel {
                unit: MouseWheelUnit::Point,
                delta: vec2(0.0, -160.0),
                phase: TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
                modifiers: Modifiers::NONE,
            },
        ];
        scroll.push(frame(&ctx, &mut app, n, events));
    }
    let (median, p95, _) = stats(&mut scroll);
    out.put("scroll_median", median);
    out.put("scroll_p95", p95);

    // Select all, then drag a card on screen across the canvas.
    let card = card_on_screen(&mut app)?;
    let _ = ctx.run_ui(input(400, Vec::new()), |ui| {
        app.execute(ui.ctx(), AppCommand::SelectAll);
        app.show(ui);
    });
    let mut drag = Vec::new();
    let press = |down: bool, at: Pos2| Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: down,
        modifiers: Modifiers::NONE,
    };
    frame(
        &ctx,
        &mut app,
        401,
        vec![Event::PointerMoved(card), press(true, card)],
    );
    for n in 0..120 {
        let at = card + vec2(2.0 + n as f32 * 3.0, (n as f32 * 0.7).sin() * 40.0);
        drag.push(frame(
            &ctx,
            &mut app,
            402 + n,
            vec![Event::PointerMoved(at)],
        ));
    }
    // Let go outside any card: no move, so the board stays as generated.
    frame(
        &ctx,
        &mut app,
        530,
        vec![press(false, Pos2::new(-10.0, -10.0))],
    );
    let (median, _, worst) = stats(&mut drag);
    out.put("drag_median", median);
    out.put("drag_worst", worst);
    if app.selection.panels().len() != app.doc.board().panel_count() {
        return Err("select all did not select every panel".into());
    }

    let board = app.doc.board().clone();
    let saved = scratch.join("saved").join("board.ron");
    std::fs::create_dir_all(saved.parent().unwrap_or(scratch)).map_err(|e| e.to_string())?;
    let t = Instant::now();
    shotboard::store::save(&board, &saved).map_err(|e| e.to_string())?;
    out.put("save", t.elapsed().as_secs_f64());
    let t = Instant::now();
    std::fs::write(scratch.join("plain.ron"), &text).map_err(|e| e.to_string())?;
    out.put("write", t.elapsed().as_secs_f64());
    let t = Instant::now();
    shotboard::store::load(board_file).map_err(|e| e.to_string())?;
    out.put("load", t.elapsed().as_secs_f64());
    Ok(())
}

/// The centre of a card fully on screen, found through the accessibility
/// tree (a separate context, so the measured one never builds it).
fn card_on_screen(app: &mut ShotboardApp) -> Result<Pos2, String> {
    let probe = egui::Context::default();
    probe.enable_accesskit();
    let mut found = None;
    for n in 0..3 {
        let output = probe.run_ui(input(n, Vec::new()), |ui| app.show(ui));
        let Some(update) = output.platform_output.accesskit_update else {
            continue;
        };
        for (_, node) in &update.nodes {
            if node.label().is_some_and(|l| l.starts_with("Panel "))
                && let Some(b) = node.bounds()
                && b.y0 > 80.0
                && b.y1 < 700.0
            {
                found = Some(Pos2::new(
                    ((b.x0 + b.x1) / 2.0) as f32,
                    ((b.y0 + b.y1) / 2.0) as f32,
                ));
                break;
            }
        }
    }
    found.ok_or_else(|| "no card on screen".to_owned())
}

// ----------------------------------------------------------------- helpers

fn app(board: &Path, loader: ThumbLoader) -> ShotboardApp {
    ShotboardApp::new(Startup {
        file: Some(board.to_path_buf()),
        dialogs: Box::new(ScriptedDialogs::default()),
        thumb_loader: loader,
        prefs: Prefs::default(),
        data_dir: board.with_file_name("shotboard-bench-data"),
    })
}

fn input(n: usize, events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1366.0, 768.0))),
        time: Some(n as f64 / 60.0),
        predicted_dt: 1.0 / 60.0,
        events,
        ..Default::default()
    }
}

/// One frame, laid out and tessellated; returns its milliseconds.
fn frame(ctx: &egui::Context, app: &mut ShotboardApp, n: usize, events: Vec<Event>) -> f64 {
    let start = Instant::now();
    let mut output = ctx.run_ui(input(n, events), |ui| app.show(ui));
    output.textures_delta.clear();
    let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
    start.elapsed().as_secs_f64() * 1e3
}

/// Median, 95th percentile and worst.
fn stats(times: &mut [f64]) -> (f64, f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95), at(1.0))
}

/// The distinct-photo board of `panels` panels, generated once.
fn bench_board(panels: usize) -> Result<PathBuf, String> {
    let file = bench_dir()
        .join(format!("distinct-{panels}"))
        .join("board.ron");
    if file.is_file() {
        return Ok(file);
    }
    std::fs::create_dir_all(file.parent().unwrap_or(Path::new("."))).map_err(|e| e.to_string())?;
    let t = Instant::now();
    shotboard::headless::demo_distinct(&file, &DemoOptions::with_panels(panels))
        .map_err(|e| e.to_string())?;
    println!(
        "generated the board in {:.0} s (kept for the next run)",
        t.elapsed().as_secs_f64()
    );
    Ok(file)
}

/// A synthetic board of `panels` panels sharing 24 images, generated once.
fn synthetic_board(panels: usize) -> Result<PathBuf, String> {
    let file = bench_dir()
        .join(format!("synthetic-{panels}"))
        .join("board.ron");
    if !file.is_file() {
        std::fs::create_dir_all(file.parent().unwrap_or(Path::new(".")))
            .map_err(|e| e.to_string())?;
        shotboard::headless::demo(&file, &DemoOptions::with_panels(panels))
            .map_err(|e| e.to_string())?;
    }
    Ok(file)
}

fn bench_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
            PathBuf::from,
        )
        .join("bench-boards")
}

fn image_files(board_file: &Path) -> Result<(Vec<PathBuf>, u64), String> {
    let board = shotboard::store::read_board(board_file).map_err(|e| e.to_string())?;
    let dir = shotboard::store::board_dir(board_file);
    let mut files: Vec<PathBuf> = board
        .panels()
        .filter_map(|p| p.image.as_ref())
        .map(|a| dir.join(a.as_str()))
        .collect();
    files.sort();
    files.dedup();
    let bytes = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    Ok((files, bytes))
}

fn read_files_seconds(files: &[PathBuf]) -> f64 {
    let t = Instant::now();
    for f in files {
        let _ = std::fs::read(f);
    }
    t.elapsed().as_secs_f64()
}

fn copy_files_seconds(files: &[PathBuf], to: &Path) -> Result<f64, String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    let t = Instant::now();
    for f in files {
        let name = f.file_name().ok_or("no file name")?;
        std::fs::copy(f, to.join(name)).map_err(|e| e.to_string())?;
    }
    let took = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(to);
    Ok(took)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn dir_bytes(dir: &Path) -> u64 {
    let mut files = Vec::new();
    walk(dir, &mut files);
    files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum()
}

fn read_all_seconds(dir: &Path) -> f64 {
    let mut files = Vec::new();
    walk(dir, &mut files);
    read_files_seconds(&files)
}

fn path_str(p: &Path) -> Result<&str, String> {
    p.to_str()
        .ok_or_else(|| format!("{} is not UTF-8", p.display()))
}

/// Run one part in a child process; its `RESULTS` line parsed.
fn run_child(args: &[&str]) -> Result<Results, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let output = Command::new(exe)
        .arg("--child")
        .args(args)
        .output()
        .map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "part {:?} failed: {}{}",
            args.first(),
            stdout,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("RESULTS "))
        .map(Results::from_line)
        .ok_or_else(|| format!("part {:?} printed no results", args.first()))
}

#[derive(Default)]
struct Results(Vec<(String, f64)>);

impl Results {
    fn put(&mut self, key: &str, value: f64) {
        self.0.push((key.to_owned(), value));
    }

    fn get(&self, key: &str) -> f64 {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map_or(f64::NAN, |(_, v)| *v)
    }

    fn to_line(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn from_line(line: &str) -> Self {
        Self(
            line.split_whitespace()
                .filter_map(|kv| kv.split_once('='))
                .filter_map(|(k, v)| Some((k.to_owned(), v.parse().ok()?)))
                .collect(),
        )
    }
}

/// CPU time (user + system) of this process so far, in seconds.
fn cpu_seconds() -> f64 {
    // /proc/self/stat fields 14 and 15, in clock ticks (100 per second on
    // Linux); elsewhere this bench reports no CPU time.
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return f64::NAN;
    };
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // After the name: state is field 3, so utime (14) is index 11.
    (ticks(11) + ticks(12)) / 100.0
}

/// Peak resident memory of this process (VmHWM), in MB.
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb * 1024.0 / 1e6)
}
