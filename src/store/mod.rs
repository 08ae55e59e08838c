//! Boards on disk: the RON file format, atomic saving, the assets folder
//! of images beside each board, and named snapshots.
//!
//! A board is `NAME.ron` plus `NAME.assets/`; the RON holds only relative
//! asset paths (see [`crate::model::AssetPath`]). Loading never fails for a
//! missing or broken image: the board opens and the problem is listed.

mod assets;
mod atomic;
mod cleanup;
mod diff;
mod format;
pub mod lock;
mod read;
pub mod recovery;
mod save;
mod snapshot;
mod stamp;
pub mod thumb_cache;
mod watch;

use std::path::{Path, PathBuf};

pub use assets::{
    AdoptError, AssetProblem, ImportError, MAX_IMAGE_FILE_BYTES, adopt_asset, assets_dir_name,
    bring_assets_in, check_assets, import_image_bytes, import_image_file, import_images,
    is_own_asset, outside_assets,
};
pub use atomic::WriteStep;
pub use cleanup::{CleanupError, UnusedAsset, move_to_backup, unused_assets};
pub use diff::{BoardDiff, diff_boards};
pub use format::{LoadError, MAX_BOARD_FILE_BYTES, from_ron_str, to_ron_string};
pub use read::{ReadLimitError, read_limited};
pub use save::{
    SaveError, SavedCopy, backup_path, save, save_as, save_as_with, save_without_backup,
};
pub use snapshot::{
    MAX_SNAPSHOT_NAME, Snapshot, SnapshotError, list_snapshots, load_snapshot, restore_snapshot,
    save_snapshot, snapshots_dir,
};
pub use stamp::FileStamp;
pub use thumb_cache::{ThumbKey, ThumbStore, ThumbStoreError};
pub use watch::FileWatcher;

use crate::model::Board;

/// A board read from disk, with every image problem found on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub board: Board,
    /// Panels whose image is missing or broken; empty when all is well.
    pub problems: Vec<AssetProblem>,
}

/// Reads a board file and checks its images' headers.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let board = read_board(path)?;
    let problems = check_assets(&board, board_dir(path));
    Ok(Loaded { board, problems })
}

/// The folder asset paths are relative to: the board file's folder.
pub fn board_dir(board_file: &Path) -> &Path {
    atomic::parent_folder(board_file)
}

/// The one spelling of a board's path inside the app: absolute, with links
/// and `.`/`..` resolved. Every path a user gives (command line, recent
/// files, dialogs, drops) passes here first, because the lock, the recovery
/// index and "is this the same board?" all compare paths: a bare
/// `board.ron` has the empty folder as parent, which took no lock, and a
/// relative path in the recovery index means nothing from another folder.
///
/// A file that does not exist yet (a Save As target) gets its folder
/// resolved and keeps its name.
pub fn absolute_board_path(path: &Path) -> PathBuf {
    if let Ok(resolved) = std::fs::canonicalize(path) {
        return resolved;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(folder), Some(name)) => std::fs::canonicalize(folder)
            .map(|f| f.join(name))
            .unwrap_or(absolute),
        _ => absolute,
    }
}

/// Reads a board file without looking at its images, for callers that
/// check them afterwards anyway (a board replaced in the open editor).
pub fn read_board(path: &Path) -> Result<Board, LoadError> {
    let bytes = read_limited(path, MAX_BOARD_FILE_BYTES).map_err(|e| match e {
        ReadLimitError::TooLarge { size, .. } => LoadError::TooLarge {
            file: path.to_path_buf(),
            bytes: size,
        },
        ReadLimitError::Io(error) => LoadError::Read {
            file: path.to_path_buf(),
            error,
        },
    })?;
    format::from_ron_bytes(&bytes, path)
}

/// A hidden file beside `board_file`: `.NAME.ron.<suffix>`.
fn hidden_sibling(board_file: &Path, suffix: &str) -> PathBuf {
    let name = board_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    board_file.with_file_name(format!(".{name}.{suffix}"))
}

/// An OS error in words a user knows, without the "(os error 28)" noise.
fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match error.kind() {
        K::NotFound => "no such file or folder".to_owned(),
        K::PermissionDenied => "permission denied".to_owned(),
        K::StorageFull => "the disk is full".to_owned(),
        K::QuotaExceeded => "the disk quota is used up".to_owned(),
        K::ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        K::IsADirectory => "it is a folder, not a file".to_owned(),
        K::NotADirectory => "a part of the path is not a folder".to_owned(),
        K::InvalidFilename => "the file name is not allowed here".to_owned(),
        _ => error.to_string(),
    }
}
