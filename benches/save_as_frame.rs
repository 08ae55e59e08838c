//! The longest UI frame while Save As copies a board of 1,000 photos.
//!
//! `cargo bench --bench save_as_frame` writes a board whose every panel has
//! its own 1280×720 JPEG (noise over a gradient, so each is the size of a
//! photo, about 640 kB, and each hashes differently), then drives the real app headless: Save As to
//! another folder runs on the job runner while frames keep coming at
//! 60 Hz. It prints the longest and median frame during the copy, and for
//! comparison how long the same copy takes in one piece: the freeze a
//! Save As on the UI thread would have caused.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::{Pos2, RawInput, Rect, vec2};
use shotboard::model::{AssetPath, Board, Panel, PanelId, Scene, SceneId};
use shotboard::ui::{
    AppCommand, Prefs, ScriptedDialogs, ShotboardApp, Startup, ThumbLoader, ThumbRequest,
};

const PHOTOS: usize = 1000;

fn main() {
    let root = std::env::temp_dir().join(format!("shotboard-saveas-bench-{}", std::process::id()));
    let from = root.join("from");
    let result = run(&root, &from);
    let _ = std::fs::remove_dir_all(&root);
    if let Err(e) = result {
        eprintln!("save_as_frame: {e}");
        std::process::exit(1);
    }
}

fn run(root: &Path, from: &Path) -> Result<(), String> {
    let started = Instant::now();
    let board_file = write_board(from)?;
    let bytes: u64 = std::fs::read_dir(from.join("board.assets"))
        .map_err(|e| e.to_string())?
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!(
        "board: {PHOTOS} photos, {:.0} MB, written in {:.1} s",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    // The same copy in one piece: what a UI-thread Save As froze for.
    let board = shotboard::store::load(&board_file)
        .map_err(|e| e.to_string())?
        .board;
    let once = root.join("once").join("copy.ron");
    std::fs::create_dir_all(once.parent().unwrap_or(root)).map_err(|e| e.to_string())?;
    let t = Instant::now();
    shotboard::store::save_as(&board, from, &once).map_err(|e| e.to_string())?;
    let in_one_piece = t.elapsed();
    println!(
        "Save As in one piece (the old UI-thread freeze): {:.0} ms",
        in_one_piece.as_secs_f64() * 1e3
    );

    let target = root.join("to").join("copy.ron");
    std::fs::create_dir_all(target.parent().unwrap_or(root)).map_err(|e| e.to_string())?;
    let flat: ThumbLoader = Arc::new(|req: &ThumbRequest| {
        let (w, h) = req.aspect.frame_size(req.width_px);
        Ok(image::RgbaImage::from_pixel(
            w,
            h,
            image::Rgba([180, 180, 180, 255]),
        ))
    });
    let mut app = ShotboardApp::new(Startup {
        file: Some(board_file),
        dialogs: Box::new(ScriptedDialogs {
            save: vec![target.clone()],
            ..Default::default()
        }),
        thumb_loader: flat,
        prefs: Prefs::default(),
        data_dir: root.join("data"),
    });
    // The board is read by a job; measure once it is open.
    app.wait_idle(std::time::Duration::from_secs(60));
    let ctx = egui::Context::default();
    let screen = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
    let frame = |n: usize, app: &mut ShotboardApp, save_as: bool| {
        let input = RawInput {
            screen_rect: Some(screen),
            time: Some(n as f64 / 60.0),
            predicted_dt: 1.0 / 60.0,
            ..Default::default()
        };
        let start = Instant::now();
        let mut output = ctx.run_ui(input, |ui| {
            if save_as {
                app.execute(ui.ctx(), AppCommand::SaveAs);
            }
            app.show(ui);
        });
        output.textures_delta.clear();
        let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
        start.elapsed()
    };
    // Settle first: thumbnails of the visible cards land and upload.
    for n in 0..10 {
        frame(n, &mut app, false);
    }
    app.wait_idle(Duration::from_secs(60));
    let settled: Vec<Duration> = (0..10).map(|n| frame(n, &mut app, false)).collect();
    println!(
        "idle frames before the copy: longest {:.1} ms",
        settled
            .iter()
            .max()
            .copied()
            .unwrap_or_default()
            .as_secs_f64()
            * 1e3
    );

    let copy_started = Instant::now();
    let mut times = vec![frame(10, &mut app, true)];
    let mut n = 11;
    while app.doc.path() != Some(target.as_path()) {
        if copy_started.elapsed() > Duration::from_secs(600) {
            return Err("Save As did not finish in 10 minutes".into());
        }
        std::thread::sleep(Duration::from_millis(16));
        times.push(frame(n, &mut app, false));
        n += 1;
    }
    let copy_took = copy_started.elapsed();
    let (at, longest) = times
        .iter()
        .copied()
        .enumerate()
        .max_by_key(|(_, t)| *t)
        .unwrap_or_default();
    let mut sorted = times.clone();
    sorted.sort();
    let median = sorted[sorted.len() / 2];
    println!(
        "Save As on the job runner: {:.1} s, {} frames, longest frame {:.1} ms (frame {at}: \
         the first starts the copy, the last adopts it), median {:.2} ms (goal: longest ≤ 50 ms)",
        copy_took.as_secs_f64(),
        times.len(),
        longest.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e3
    );
    Ok(())
}

/// A board of `PHOTOS` panels, each with its own photo-like JPEG stored in
/// the board's assets folder.
fn write_board(dir: &Path) -> Result<PathBuf, String> {
    let assets = dir.join("board.assets");
    std::fs::create_dir_all(&assets).map_err(|e| e.to_string())?;
    let mut board = Board {
        title: "Photos".into(),
        ..Board::default()
    };
    let mut scene = Scene::new(SceneId(1), "INT. STUDIO - DAY");
    // One photo-like JPEG, each copy made distinct by bytes after its end
    // marker (which decoders ignore): every file hashes differently, as
    // real photos do, without encoding a thousand of them.
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let photo = image::RgbImage::from_fn(1280, 720, |x, y| {
        // xorshift noise over a gradient.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (seed & 0x3f) as u32;
        image::Rgb([
            ((x * 255 / 1280 + n) % 256) as u8,
            ((y * 255 / 720 + n) % 256) as u8,
            ((x + y + n) % 256) as u8,
        ])
    });
    let mut jpeg = Vec::new();
    photo
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .map_err(|e| e.to_string())?;
    for i in 0..PHOTOS {
        let name = format!("photo-{i:04}.jpg");
        let mut bytes = jpeg.clone();
        bytes.extend_from_slice(format!("photo {i}").as_bytes());
        std::fs::write(assets.join(&name), bytes).map_err(|e| format!("{name}: {e}"))?;
        let mut panel = Panel::new(PanelId(10 + i as u64));
        panel.image =
            Some(AssetPath::new(format!("board.assets/{name}")).map_err(|e| e.to_string())?);
        scene.panels.push(panel);
    }
    board.scenes.push(scene);
    board.bump_next_id();
    let path = dir.join("board.ron");
    shotboard::store::save(&board, &path).map_err(|e| e.to_string())?;
    Ok(path)
}
