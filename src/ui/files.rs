//! Opening, saving and importing: the app's file operations.
//!
//! Everything that touches disk goes through `store`; this module decides
//! what the user is asked and what the document becomes.

use std::path::{Path, PathBuf};

use crate::edit::ops;
use crate::model::{AssetPath, Board, Panel};
use crate::store;

use super::document::Document;
use super::jobs::JobContext;
use super::prefs::Prefs;

/// A private folder for untitled boards' images until they are saved:
/// `<data dir>/untitled/<pid>-<n>/`, in the app's own data folder so the
/// recovery index and the staging clean-up look in the same place.
pub fn staging_board_file(data_dir: &Path, name: &str) -> PathBuf {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let area = store::recovery::staging_area(data_dir);
    // Folders named by our pid stay ours while we run, even before a board
    // lock covers them. Without the mark (a read-only data folder) nothing
    // is staged there anyway.
    let _ = store::lock::mark_process(&area);
    area.join(format!("{}-{n}", std::process::id())).join(name)
}

/// The user's data folder for Shotboard: `$XDG_DATA_HOME` (or
/// `~/.local/share`) on Linux, Application Support on macOS, the roaming
/// AppData on Windows, as the `directories` crate knows them; the temp
/// folder when the system names no home. `$SHOTBOARD_DATA_DIR` replaces it
/// (scripts, screenshots and CI runs that must not touch a real user's
/// recovery copies, logs and preferences).
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SHOTBOARD_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::BaseDirs::new()
        .map_or_else(std::env::temp_dir, |dirs| dirs.data_dir().to_path_buf())
        .join("shotboard")
}

/// An untitled copy of the demo board, its images written to a staging
/// folder. Falls back to an empty board if the staging folder can't be made.
pub fn demo_document(data_dir: &Path) -> Document {
    let board_file = staging_board_file(data_dir, "demo.ron");
    let dir = store::board_dir(&board_file).to_path_buf();
    let mut board_text = None;
    let mut written = true;
    for (rel, bytes) in crate::demo_files::DEMO_FILES {
        if *rel == "demo.ron" {
            board_text = Some(*bytes);
            continue;
        }
        let target = dir.join(rel);
        let ok = target
            .parent()
            .is_some_and(|p| std::fs::create_dir_all(p).is_ok())
            && std::fs::write(&target, bytes).is_ok();
        written &= ok;
    }
    let board = board_text
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|text| store::from_ron_str(text, Path::new("demo.ron")).ok());
    let mut doc = match board {
        Some(mut board) => {
            board.title = format!("{} (demo copy)", board.title);
            Document::new(board, None, board_file.clone())
        }
        None => Document::new(Board::new_untitled(), None, board_file.clone()),
    };
    if !written {
        doc.add_problems(vec![format!(
            "Could not write the demo's images to {}; they show as missing.",
            dir.display()
        )]);
    }
    let problems = store::check_assets(doc.board(), &dir);
    doc.set_asset_problems(&problems);
    doc
}

/// A new, empty untitled board with the frame rate, panel duration and
/// author the preferences name.
pub fn new_document(data_dir: &Path, prefs: &Prefs) -> Document {
    let mut board = Board::new_untitled();
    board.fps = prefs.default_fps;
    board.default_duration_ms = prefs.default_duration_ms.max(1);
    board.author.clone_from(&prefs.author);
    Document::new(board, None, staging_board_file(data_dir, "untitled.ron"))
}

/// Open a board file; image problems are listed, not fatal.
/// The path is made absolute first (see [`store::absolute_board_path`]), so
/// the lock and the recovery index work for a board opened as `board.ron`.
pub fn open_document(path: &Path) -> Result<Document, store::LoadError> {
    let path = store::absolute_board_path(path);
    let loaded = store::load(&path)?;
    let mut doc = Document::new(loaded.board, Some(path.clone()), path);
    doc.set_asset_problems(&loaded.problems);
    Ok(doc)
}

/// A Save As done on a worker: the board as saved, the images renamed on
/// the way, and what is wrong with the images in the new folder.
pub struct SavedAs {
    pub copy: store::SavedCopy,
    pub problems: Vec<store::AssetProblem>,
}

/// Save under a new name (on a worker): the images move with the board,
/// also those only the undo history refers to (`history_assets`), so undo
/// after Save As never points at the old folder. `Ok(None)` when cancelled,
/// with nothing left behind.
pub fn save_as(
    board: &Board,
    from_dir: &Path,
    to: &Path,
    history_assets: &[AssetPath],
    job: &JobContext,
) -> Result<Option<SavedAs>, store::SaveError> {
    let copy = store::save_as_with(board, from_dir, to, history_assets, &mut |done, total| {
        job.progress(done, total);
        !job.is_cancelled()
    })?;
    Ok(copy.map(|copy| {
        let problems = store::check_assets(&copy.board, store::board_dir(to));
        SavedAs { copy, problems }
    }))
}

/// Panels copied from another board, with their images copied into this
/// board's folder through [`store::adopt_asset`], which leaves an image
/// already in this board's own folder alone (on a worker: each image is
/// read and hashed). Returns the
/// panels and how many images could not be copied.
pub fn copy_pasted_images(
    mut panels: Vec<Panel>,
    from_dir: &Path,
    board_file: &Path,
    job: &JobContext,
) -> (Vec<Panel>, usize) {
    let mut failed = 0;
    let total = panels.len();
    for (done, panel) in panels.iter_mut().enumerate() {
        job.progress(done, total);
        let Some(image) = &panel.image else { continue };
        match store::adopt_asset(board_file, from_dir, image) {
            Ok(copied) => panel.image = Some(copied),
            Err(_) => failed += 1,
        }
    }
    (panels, failed)
}

/// A Storyboarder project converted into a new untitled board, its frames
/// stored in a staging folder (on a worker).
pub fn import_storyboarder(path: &Path, data_dir: &Path) -> anyhow::Result<Document> {
    let board_file = staging_board_file(data_dir, "imported.ron");
    let project = crate::import::storyboarder::import_storyboarder_into(path, &board_file)?;
    let mut doc = Document::new(project.board, None, board_file);
    doc.mark_unsaved();
    doc.add_problems(project.warnings);
    Ok(doc)
}

/// A file name to suggest in the Save As dialog.
pub fn suggested_file_name(doc: &Document) -> String {
    if let Some(name) = doc.path().and_then(|p| p.file_name()) {
        return name.to_string_lossy().into_owned();
    }
    let stem: String = doc
        .board()
        .title
        .trim_end_matches(" (demo copy)")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-');
    format!("{}.ron", if stem.is_empty() { "board" } else { stem })
}

/// Result of importing images in the background.
pub struct ImportOutcome {
    pub imported: Vec<(PathBuf, AssetPath)>,
    pub failed: Vec<(PathBuf, String)>,
}

/// Copy images into the board's assets folder (run on a worker thread).
pub fn import_images(board_file: &Path, files: &[PathBuf]) -> ImportOutcome {
    let (imported, failed) = store::import_images(board_file, files);
    ImportOutcome {
        imported,
        failed: failed
            .into_iter()
            .map(|(p, e)| (p, e.to_string()))
            .collect(),
    }
}

/// Images of the board kept outside its own assets folder, copied in:
/// the command that points the panels at the copies (one undo step), and
/// what could not be copied.
pub fn bring_assets_in(doc: &Document) -> (Option<ops::Command>, Vec<String>) {
    let (moved, failed) = store::bring_assets_in(doc.board(), doc.asset_root());
    let command = ops::repoint_images(doc.board(), &moved);
    (command, failed.iter().map(ToString::to_string).collect())
}
