//! Saving a board: atomically, with the previous version kept as a backup,
//! and "Save As" that brings the board's images along.

use std::collections::HashMap;
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
    let mut renamed: HashMap<AssetPath, AssetPath> = HashMap::new();
    for asset in board.referenced_assets() {
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
    let mut saved = board.clone();
    for scene in &mut saved.scenes {
        for panel in &mut scene.panels {
            if let Some(new) = panel.image.as_ref().and_then(|old| renamed.get(old)) {
                panel.image = Some(new.clone());
            }
        }
    }
    save(&saved, to)?;
    Ok(saved)
}
