//! Shared helpers for the GUI tests: a small board on disk and a harness
//! driving the real app state.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui_kittest::Harness;
use shotboard::model::{Board, Panel, PanelId, Scene, SceneId};
use shotboard::ui::{Prefs, ScriptedDialogs, ShotboardApp, Startup, ThumbLoader, ThumbRequest};

/// Two scenes: [INT. KITCHEN: 1A 1B 1C] [EXT. STREET: 2A 2B], panel ids
/// 10..=14, each with action "Panel N".
pub fn sample_board() -> Board {
    let mut board = Board {
        title: "Sample".into(),
        ..Board::default()
    };
    let mut kitchen = Scene::new(SceneId(1), "INT. KITCHEN - NIGHT");
    let mut street = Scene::new(SceneId(2), "EXT. STREET - DAY");
    for i in 0..5u64 {
        let mut p = Panel::new(PanelId(10 + i));
        p.action = format!("Panel {i}");
        if i < 3 {
            kitchen.panels.push(p);
        } else {
            street.panels.push(p);
        }
    }
    board.scenes = vec![kitchen, street];
    board.bump_next_id();
    board
}

/// Save `board` as `dir/board.ron` and return the path.
pub fn write_board(dir: &Path, board: &Board) -> PathBuf {
    let path = dir.join("board.ron");
    shotboard::store::save(board, &path).expect("save sample board");
    path
}

/// A loader that draws flat grey frames instantly.
pub fn flat_loader() -> ThumbLoader {
    Arc::new(|req: &ThumbRequest| {
        let (w, h) = req.aspect.frame_size(req.width_px);
        Ok(image::RgbaImage::from_pixel(
            w,
            h,
            image::Rgba([200, 200, 200, 255]),
        ))
    })
}

pub fn app(path: Option<PathBuf>, dialogs: ScriptedDialogs) -> ShotboardApp {
    app_with_data_dir(path, dialogs, fresh_data_dir())
}

/// Like [`app`], with recovery copies indexed in `data_dir`.
pub fn app_with_data_dir(
    path: Option<PathBuf>,
    dialogs: ScriptedDialogs,
    data_dir: PathBuf,
) -> ShotboardApp {
    app_with_prefs(path, dialogs, data_dir, returning_user())
}

/// Like [`app_with_data_dir`], started with `prefs`.
pub fn app_with_prefs(
    path: Option<PathBuf>,
    dialogs: ScriptedDialogs,
    data_dir: PathBuf,
    prefs: Prefs,
) -> ShotboardApp {
    let mut app = ShotboardApp::new(Startup {
        file: path,
        dialogs: Box::new(dialogs),
        thumb_loader: flat_loader(),
        prefs,
        data_dir,
    });
    // The board is read by a job: tests start once it is open.
    app.wait_idle(std::time::Duration::from_secs(30));
    app
}

/// Preferences of someone who has started Shotboard before: the Getting
/// started overlay (first launch only) stays away from clicks on the board.
pub fn returning_user() -> Prefs {
    Prefs {
        getting_started_seen: true,
        ..Prefs::default()
    }
}

/// A data folder of its own for each app, so no test sees another's (or a
/// real user's) recovered boards.
pub fn fresh_data_dir() -> PathBuf {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    std::env::temp_dir()
        .join("shotboard-ui-tests")
        .join(format!("{}-{n}", std::process::id()))
}

/// Let background work (saves, opens, imports, recovery writes) finish and
/// show its outcome.
pub fn settle(h: &mut Harness<'static, ShotboardApp>) {
    h.run();
    h.state_mut().wait_idle(std::time::Duration::from_secs(30));
    h.run();
}

pub fn harness(app: ShotboardApp) -> Harness<'static, ShotboardApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        // Thumbnails land from worker threads and each asks for a repaint.
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut ShotboardApp| app.show(ui), app);
    harness.run();
    harness
}

/// A harness on the sample board, saved in `dir`.
pub fn sample_harness(dir: &Path) -> Harness<'static, ShotboardApp> {
    let path = write_board(dir, &sample_board());
    harness(app(Some(path), ScriptedDialogs::default()))
}

/// Panel ids per scene, in order.
pub fn order(app: &ShotboardApp) -> Vec<Vec<u64>> {
    app.doc
        .board()
        .scenes
        .iter()
        .map(|s| s.panels.iter().map(|p| p.id.0).collect())
        .collect()
}

pub fn selected(app: &ShotboardApp) -> Vec<u64> {
    let mut ids: Vec<u64> = app.selection.panels().iter().map(|p| p.0).collect();
    ids.sort_unstable();
    ids
}

/// Click at a point: for wide widgets (table rows) whose centre may be
/// scrolled out of view, where kittest's `click` aims.
pub fn click_at(h: &mut Harness<'static, ShotboardApp>, pos: egui::Pos2) {
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
}

/// Press at `from`, move in steps (so egui sees a drag, not a click) and
/// release at `to`.
pub fn drag(h: &mut Harness<'static, ShotboardApp>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for i in 1..=6 {
        let t = i as f32 / 6.0;
        h.hover_at(from + (to - from) * t);
        h.run();
    }
    h.drop_at(to);
    h.run();
}

/// A file dropped on the window from the file manager.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// The window manager asks the window to close (the user quits).
pub fn request_close(h: &mut Harness<'static, ShotboardApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
}
