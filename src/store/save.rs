//! Saving a board: atomically, with the previous version kept as a backup,
//! and "Save As" that brings the board's images along.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

use super::assets::{AdoptError, adopt_asset};
use super::atomic::{WriteStep, write_atomic};
use super::format::to_ron_string;
use super::io_reason;
use crate::model::{AssetPath, AssetPathError, Board};

/// Why a board could not be saved. The file on disk is unchanged whenever
/// this is returned. (The OS error is part of the message rather than a
/// `source`, so error-chain printers do not repeat it.)
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("could not save {}: {} (while {step})", file.display(), io_reason(error))]
    Write {
        file: PathBuf,
        step: WriteStep,
        error: io::Error,
    },
    #[error(
        "could not save {}: copying image {} failed (while {step}): {}",
        file.display(),
        asset.display(),
        io_reason(error)
    )]
    CopyAsset {
        file: PathBuf,
        asset: PathBuf,
        step: WriteStep,
        error: io::Error,
    },
    #[error("could not save {}: its images folder cannot be named: {error}", file.display())]
    AssetFolderName {
        file: PathBuf,
        error: AssetPathError,
    },
}

/// The backup kept beside a board: `NAME.ron.bak`.
pub fn backup_path(board_file: &Path) -> PathBuf {
    let mut name = board_file
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".bak");
    board_file.with_file_name(name)
}

/// Writes the board to `path` so that a crash at any moment leaves a
/// loadable board there: the old one or the new one. The previous version
/// is kept as `NAME.ron.bak`.
pub fn save(board: &Board, path: &Path) -> Result<(), SaveError> {
    let text = to_ron_string(board);
    write_atomic(path, text.as_bytes(), Some(&backup_path(path))).map_err(|(step, error)| {
        SaveError::Write {
            file: path.to_path_buf(),
            step,
            error,
        }
    })
}

/// Writes the board to `path` atomically without keeping a backup, for
/// files that are themselves copies (git's temporary merge files, whose
/// `.bak` would be left behind in the work tree).
pub fn save_without_backup(board: &Board, path: &Path) -> Result<(), SaveError> {
    let text = to_ron_string(board);
    write_atomic(path, text.as_bytes(), None).map_err(|(step, error)| SaveError::Write {
        file: path.to_path_buf(),
        step,
        error,
    })
}

/// Saves the board under a new name, possibly in another folder, copying
/// every image it references into `<new stem>.assets/` (content-hash names;
/// images already there are not copied again) and rewriting the paths.
/// Returns the board as saved, which the caller should adopt.
///
/// An image missing (or unreadable) at its source keeps its old reference
/// rather than failing the save: the work in the RON matters more than one
/// picture, and the problem is reported the same way as on load, by
/// [`super::check_assets`] on the returned board and the new folder.
pub fn save_as(board: &Board, from_board_dir: &Path, to: &Path) -> Result<Board, SaveError> {
    let copy = save_as_with(board, from_board_dir, to, &[], &mut |_, _| true)?;
    // Never cancelled: the step callback always goes on.
    Ok(copy.map_or_else(|| board.clone(), |c| c.board))
}

/// What [`save_as_with`] wrote.
#[derive(Debug)]
pub struct SavedCopy {
    /// The board as saved, to adopt.
    pub board: Board,
    /// Old → new path of every image copied (the board's and the extra ones).
    pub renamed: HashMap<AssetPath, AssetPath>,
}

/// [`save_as`] for the app: also copies the `extra` images (the ones only
/// the undo history still refers to, so undo after Save As finds them in
/// the new folder), and calls `step(done, total)` after each image.
///
/// When `step` returns false the copy stops: the images it wrote are
/// removed again, no board file is written, and `Ok(None)` says so. The
/// board file is written last, so a cancel never leaves a half-saved board.
pub fn save_as_with(
    board: &Board,
    from_board_dir: &Path,
    to: &Path,
    extra: &[AssetPath],
    step: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Option<SavedCopy>, SaveError> {
    let mut assets: Vec<AssetPath> = board.referenced_assets().into_iter().cloned().collect();
    let known: HashSet<AssetPath> = assets.iter().cloned().collect();
    assets.extend(extra.iter().filter(|a| !known.contains(*a)).cloned());
    let mut renamed: HashMap<AssetPath, AssetPath> = HashMap::new();
    let assets_dir = super::board_dir(to).join(super::assets_dir_name(to));
    let before = files_in(&assets_dir);
    let total = assets.len();
    for (done, asset) in assets.iter().enumerate() {
        if !step(done, total) {
            undo_copies(&assets_dir, &before);
            return Ok(None);
        }
        let new_asset = match adopt_asset(to, from_board_dir, asset) {
            Ok(new_asset) => new_asset,
            // Missing or unreadable at its source: keep the reference.
            Err(AdoptError::Read { .. } | AdoptError::TooLarge { .. }) => continue,
            Err(AdoptError::BoardName { error, .. }) => {
                return Err(SaveError::AssetFolderName {
                    file: to.to_path_buf(),
                    error,
                });
            }
            Err(AdoptError::Write {
                source_file,
                step,
                error,
                ..
            }) => {
                return Err(SaveError::CopyAsset {
                    file: to.to_path_buf(),
                    asset: source_file,
                    step,
                    error,
                });
            }
        };
        renamed.insert(asset.clone(), new_asset);
    }
    if !step(total, total) {
        undo_copies(&assets_dir, &before);
        return Ok(None);
    }
    let mut saved = board.clone();
    for scene in &mut saved.scenes {
        for panel in &mut scene.panels {
            if let Some(new) = panel.image.as_ref().and_then(|old| renamed.get(old)) {
                panel.image = Some(new.clone());
            }
        }
    }
    save(&saved, to)?;
    Ok(Some(SavedCopy {
        board: saved,
        renamed,
    }))
}

/// The names of the files in `dir` (none when it doesn't exist yet).
fn files_in(dir: &Path) -> HashSet<OsString> {
    std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default()
}

/// Remove the images a cancelled Save As wrote (every file in the images
/// folder that was not there `before`), and the folder when that leaves
/// it empty. Best effort: a file that won't go is an unused image, which
/// clean-up finds later.
fn undo_copies(assets_dir: &Path, before: &HashSet<OsString>) {
    for name in files_in(assets_dir) {
        if !before.contains(&name) {
            let _ = std::fs::remove_file(assets_dir.join(name));
        }
    }
    // Fails, as it should, when the folder holds other files.
    let _ = std::fs::remove_dir(assets_dir);
}
