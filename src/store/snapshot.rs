//! Named snapshots of a board, kept beside it: `NAME.snapshots/<name>.ron`.
//!
//! A snapshot is the board file as it was, with the same asset paths: those
//! are relative to the *board's* folder, so a snapshot's images are the
//! board's own `NAME.assets/` files (named by content hash, so nothing is
//! duplicated and an image a snapshot needs is never overwritten). A
//! snapshot is therefore always read and restored through its board, never
//! opened on its own from inside the snapshots folder.

use std::path::{Path, PathBuf};

use super::{LoadError, SaveError, board_dir, read_board, save, save_as};
use crate::model::Board;

/// Longest snapshot name, in characters.
pub const MAX_SNAPSHOT_NAME: usize = 100;

/// Why a snapshot could not be made, listed or restored. Nothing on disk
/// changed when this is returned.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("{0:?} cannot name a snapshot: {1}")]
    BadName(String, &'static str),
    #[error("a snapshot named {name:?} already exists ({})", file.display())]
    Exists { name: String, file: PathBuf },
    #[error("there is no snapshot named {name:?} ({} is missing)", file.display())]
    Missing { name: String, file: PathBuf },
    #[error("{} already exists; restoring makes a new board (choose another name)", .0.display())]
    TargetExists(PathBuf),
    #[error("could not use the snapshots folder {}: {}", folder.display(), super::io_reason(error))]
    Folder {
        folder: PathBuf,
        error: std::io::Error,
    },
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// One snapshot of a board.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub name: String,
    pub file: PathBuf,
}

/// The folder of `board_file`'s snapshots: `NAME.snapshots/` beside it.
pub fn snapshots_dir(board_file: &Path) -> PathBuf {
    let stem = board_file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "board".to_owned());
    board_file.with_file_name(format!("{stem}.snapshots"))
}

/// Refuses names that would not be one plain file name on every OS.
fn check_name(name: &str) -> Result<(), SnapshotError> {
    let bad = |why| Err(SnapshotError::BadName(name.to_owned(), why));
    if name.trim().is_empty() {
        return bad("it is empty");
    }
    if name.chars().count() > MAX_SNAPSHOT_NAME {
        return bad("it is longer than 100 characters");
    }
    if name.starts_with('.') || name.ends_with('.') || name.ends_with(' ') {
        return bad("it starts with a dot or ends with a dot or space");
    }
    if name
        .chars()
        .any(|c| c.is_control() || "/\\:*?\"<>|".contains(c))
    {
        return bad("it contains one of / \\ : * ? \" < > | or a control character");
    }
    Ok(())
}

fn snapshot_file(board_file: &Path, name: &str) -> Result<PathBuf, SnapshotError> {
    check_name(name)?;
    Ok(snapshots_dir(board_file).join(format!("{name}.ron")))
}

/// Keeps `board` (the board saved at `board_file`) as the snapshot `name`.
/// An existing snapshot is never replaced.
pub fn save_snapshot(
    board: &Board,
    board_file: &Path,
    name: &str,
) -> Result<Snapshot, SnapshotError> {
    let file = snapshot_file(board_file, name)?;
    if file.exists() {
        return Err(SnapshotError::Exists {
            name: name.to_owned(),
            file,
        });
    }
    let folder = snapshots_dir(board_file);
    std::fs::create_dir_all(&folder).map_err(|error| SnapshotError::Folder { folder, error })?;
    save(board, &file)?;
    Ok(Snapshot {
        name: name.to_owned(),
        file,
    })
}

/// The board's snapshots, by name.
pub fn list_snapshots(board_file: &Path) -> Result<Vec<Snapshot>, SnapshotError> {
    let folder = snapshots_dir(board_file);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(SnapshotError::Folder { folder, error }),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| SnapshotError::Folder {
            folder: folder.clone(),
            error,
        })?;
        let file = entry.path();
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".ron"));
        if let Some(name) = name
            && check_name(name).is_ok()
        {
            out.push(Snapshot {
                name: name.to_owned(),
                file: file.clone(),
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Reads the snapshot `name` of `board_file`.
pub fn load_snapshot(board_file: &Path, name: &str) -> Result<Board, SnapshotError> {
    let file = snapshot_file(board_file, name)?;
    if !file.exists() {
        return Err(SnapshotError::Missing {
            name: name.to_owned(),
            file,
        });
    }
    Ok(read_board(&file)?)
}

/// Restores the snapshot `name` as a new board at `to` (which must not
/// exist). Beside the board, the copy shares its images; in another folder
/// it gets its own copies, as Save As does. Returns the board as written.
pub fn restore_snapshot(board_file: &Path, name: &str, to: &Path) -> Result<Board, SnapshotError> {
    let board = load_snapshot(board_file, name)?;
    if to.exists() {
        return Err(SnapshotError::TargetExists(to.to_path_buf()));
    }
    let from = board_dir(board_file);
    if same_folder(from, board_dir(to)) {
        save(&board, to)?;
        Ok(board)
    } else {
        Ok(save_as(&board, from, to)?)
    }
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
