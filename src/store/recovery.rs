//! Recovery copies: the autosaved state of a board with unsaved changes.
//!
//! The copy lives beside the board as `.NAME.ron.recovery` (hidden, same
//! folder, so its relative image paths resolve exactly like the board's).
//! An untitled board's "board file" is a path in its private staging folder
//! under the data folder, so its copy sits beside its staged images.
//!
//! A small index in the data folder (`recovery/`, one file per board naming
//! the board file) lets the next start find every board that still has a
//! recovery copy after a crash, titled or not.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::atomic::write_atomic;
use super::format::to_ron_string;
use super::lock::{self, LockState};
use super::{LoadError, WriteStep, read_board};
use crate::model::Board;

/// The largest index entry read: a kind line and two paths.
const MAX_INDEX_ENTRY_BYTES: u64 = 64 * 1024;

/// Why a recovery copy could not be written.
#[derive(Debug, thiserror::Error)]
#[error("could not write the recovery copy {}: {} (while {step})", file.display(), super::io_reason(error))]
pub struct RecoveryError {
    pub file: PathBuf,
    pub step: WriteStep,
    pub error: io::Error,
}

/// The recovery copy of a board: `.NAME.ron.recovery` in its folder.
pub fn recovery_path(board_file: &Path) -> PathBuf {
    super::hidden_sibling(board_file, "recovery")
}

/// Writes the recovery copy atomically: a kill leaves the previous copy or
/// the new one, never a torn file.
pub fn write_recovery(board: &Board, board_file: &Path) -> Result<PathBuf, RecoveryError> {
    let target = recovery_path(board_file);
    let text = to_ron_string(board);
    write_atomic(&target, text.as_bytes(), None).map_err(|(step, error)| RecoveryError {
        file: target.clone(),
        step,
        error,
    })?;
    Ok(target)
}

/// Reads a board's recovery copy, if there is one.
pub fn read_recovery(board_file: &Path) -> Result<Option<Board>, LoadError> {
    let path = recovery_path(board_file);
    if !path.exists() {
        return Ok(None);
    }
    read_board(&path).map(Some)
}

/// Removes a board's recovery copy (after a clean save or a discard).
/// A copy that is already gone is fine.
pub fn remove_recovery(board_file: &Path) -> io::Result<()> {
    match fs::remove_file(recovery_path(board_file)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// How a board's recovery copy relates to the board file.
#[derive(Clone, Debug, PartialEq)]
pub enum RecoveryCheck {
    /// No recovery copy.
    None,
    /// The copy holds exactly what the board file holds: nothing to offer.
    Same,
    /// The copy holds other content and was written after the board file
    /// (or the board file is gone): offer it.
    Newer(Box<Board>),
    /// The copy differs but the board file was written after it (e.g. saved
    /// by another program since): not offered, left in place.
    Older,
    /// The copy exists but cannot be read; it is left in place.
    Unreadable(String),
}

/// Compares the recovery copy with the board file, by content first and
/// modification times only to order two different contents.
pub fn check_recovery(board_file: &Path) -> RecoveryCheck {
    let recovered = match read_recovery(board_file) {
        Ok(None) => return RecoveryCheck::None,
        Ok(Some(b)) => b,
        Err(e) => return RecoveryCheck::Unreadable(e.to_string()),
    };
    let Ok(saved) = read_board(board_file) else {
        // The board file is gone or broken: the copy is all there is.
        return RecoveryCheck::Newer(Box::new(recovered));
    };
    if saved == recovered {
        return RecoveryCheck::Same;
    }
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(&recovery_path(board_file)), modified(board_file)) {
        (Some(copy), Some(board)) if copy < board => RecoveryCheck::Older,
        _ => RecoveryCheck::Newer(Box::new(recovered)),
    }
}

/// Where untitled boards keep their images until saved: one private
/// staging folder per board, `<data dir>/untitled/<pid>-<n>/`.
pub fn staging_area(data_dir: &Path) -> PathBuf {
    data_dir.join("untitled")
}

/// What [`remove_untitled_staging`] did with a staging folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StagingRemoval {
    /// The folder, its images and everything else in it are gone.
    Removed,
    /// There was no folder (already removed, or never made).
    Absent,
    /// Not an untitled board's private staging folder (outside the
    /// staging area, not named like one, a link, or holding a saved board
    /// file): left alone.
    NotStaging,
    /// A running Shotboard holds a lock in it: left alone.
    InUse,
}

/// Removes the private staging folder of a discarded untitled board: the
/// images it imported and what is left of its recovery copy. Without this
/// every discarded crash would leave its images in the data folder forever.
///
/// Deleting is only safe for a folder nobody else can miss, so anything
/// that is not plainly such a folder is left alone: the folder must sit
/// directly in the staging area of `data_dir` (links and `..` resolved),
/// be named `<pid>-<n>` after a process that no longer runs (a reused pid
/// may belong to a new instance staging its first images) or after this
/// one (discarding its own untitled board), be a real
/// folder rather than a link, hold nothing but hidden files and `.assets`
/// folders (a board or an export saved there is someone's work) and no
/// lock held by a running Shotboard.
pub fn remove_untitled_staging(data_dir: &Path, board_file: &Path) -> io::Result<StagingRemoval> {
    let Some(folder) = board_file.parent() else {
        return Ok(StagingRemoval::NotStaging);
    };
    let Some(pid) = folder
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(staging_pid)
    else {
        return Ok(StagingRemoval::NotStaging);
    };
    match fs::symlink_metadata(folder) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(StagingRemoval::Absent),
        Err(e) => return Err(e),
        Ok(meta) if !meta.is_dir() => return Ok(StagingRemoval::NotStaging),
        Ok(_) => {}
    }
    let Ok(area) = fs::canonicalize(staging_area(data_dir)) else {
        return Ok(StagingRemoval::NotStaging);
    };
    let folder = fs::canonicalize(folder)?;
    if folder.parent() != Some(area.as_path()) {
        return Ok(StagingRemoval::NotStaging);
    }
    for entry in fs::read_dir(&folder)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if let Some(locked) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".lock")) {
            if matches!(
                lock::inspect(&folder.join(locked)),
                LockState::Live(_) | LockState::Ours
            ) {
                return Ok(StagingRemoval::InUse);
            }
        } else {
            let images = name.ends_with(".assets") && entry.file_type()?.is_dir();
            if !name.starts_with('.') && !images {
                return Ok(StagingRemoval::NotStaging);
            }
        }
    }
    if pid != std::process::id() && lock::process_marked(&area, pid) {
        // A new instance with the crashed one's pid stages images here
        // before its first autosave locks the folder.
        return Ok(StagingRemoval::InUse);
    }
    fs::remove_dir_all(&folder)?;
    Ok(StagingRemoval::Removed)
}

/// The process id in `<pid>-<n>`, the name every staging folder gets.
fn staging_pid(name: &str) -> Option<u32> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (pid, n) = name.split_once('-')?;
    if digits(pid) && digits(n) {
        pid.parse().ok()
    } else {
        None
    }
}

fn index_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("recovery")
}

fn index_entry(data_dir: &Path, board_file: &Path) -> PathBuf {
    let key = super::assets::sha256_hex(board_file.as_os_str().as_encoded_bytes());
    index_dir(data_dir).join(format!("{}.txt", &key[..24]))
}

/// Notes in the data folder that `board_file` has a recovery copy, so the
/// next start can offer it even if this process dies.
///
/// The board's path is stored absolute (a relative one means nothing to a
/// Shotboard started from another folder), followed by the folder it was
/// registered from, which resolves entries older versions wrote relative.
pub fn register(data_dir: &Path, board_file: &Path, untitled: bool) -> io::Result<()> {
    let board_file = &super::absolute_board_path(board_file);
    let entry = index_entry(data_dir, board_file);
    if entry.exists() {
        return Ok(());
    }
    fs::create_dir_all(index_dir(data_dir))?;
    let kind = if untitled { "untitled" } else { "titled" };
    let path = board_file.to_string_lossy();
    let cwd = std::env::current_dir().unwrap_or_default();
    let cwd = cwd.to_string_lossy();
    write_atomic(&entry, format!("{kind}\n{path}\n{cwd}\n").as_bytes(), None).map_err(|(_, e)| e)
}

/// Forgets the index entry of a board (its copy was removed).
pub fn unregister(data_dir: &Path, board_file: &Path) -> io::Result<()> {
    let absolute = super::absolute_board_path(board_file);
    for path in [board_file, absolute.as_path()] {
        match fs::remove_file(index_entry(data_dir, path)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Forgets one index entry, named by its file (an entry whose board can't
/// be found any more, which the user chose to discard).
pub fn forget_entry(entry: &Path) -> io::Result<()> {
    match fs::remove_file(entry) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// A board with a recovery copy left by a Shotboard that is no longer
/// running.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    /// The board file (for an untitled board, its staging path).
    pub board_file: PathBuf,
    pub untitled: bool,
    pub title: String,
    pub panels: usize,
    /// When the recovery copy was written.
    pub saved_at: Option<SystemTime>,
    /// The index entry that listed it.
    pub entry: PathBuf,
    /// False for an entry an older Shotboard wrote with a relative path
    /// that resolves nowhere from here: the copy may well exist, so it is
    /// offered for the user to find rather than forgotten.
    pub located: bool,
}

/// Boards whose recovery copies a crashed (or killed) Shotboard left
/// behind, newest first. Boards open in a running Shotboard are skipped,
/// and so are titled boards whose copy adds nothing to the file. Index
/// entries whose copy is gone are forgotten on the way.
pub fn list_recovered(data_dir: &Path) -> Vec<Recovered> {
    let Ok(entries) = fs::read_dir(index_dir(data_dir)) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        // An entry is two or three paths; a bigger file is not ours.
        let Ok(bytes) = super::read_limited(&entry.path(), MAX_INDEX_ENTRY_BYTES) else {
            continue;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let mut lines = text.lines();
        let untitled = lines.next() == Some("untitled");
        let Some(recorded) = lines.next().map(PathBuf::from) else {
            continue;
        };
        let registered_from = lines.next().map(PathBuf::from);
        let board_file = if recorded.is_absolute() {
            recorded.clone()
        } else {
            // Written relative by an older version: try the folder it was
            // registered from, then this process's folder.
            registered_from
                .iter()
                .cloned()
                .chain(std::env::current_dir().ok())
                .map(|dir| dir.join(&recorded))
                .find(|b| recovery_path(b).exists())
                .unwrap_or_else(|| recorded.clone())
        };
        let copy = recovery_path(&board_file);
        if !copy.exists() {
            if recorded.is_absolute() {
                // The copy is gone (saved or discarded since): nothing to offer.
                let _ = fs::remove_file(entry.path());
            } else {
                // Nowhere to be found from here, which says nothing about
                // whether the copy exists: offer it for the user to find.
                found.push(Recovered {
                    title: recorded
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                    panels: 0,
                    saved_at: entry.metadata().and_then(|m| m.modified()).ok(),
                    board_file: recorded,
                    untitled,
                    entry: entry.path(),
                    located: false,
                });
            }
            continue;
        }
        if matches!(
            lock::inspect(&board_file),
            LockState::Live(_) | LockState::Ours
        ) {
            continue;
        }
        let board = if untitled {
            match read_board(&copy) {
                Ok(b) => b,
                Err(_) => continue,
            }
        } else {
            match check_recovery(&board_file) {
                RecoveryCheck::Newer(b) => *b,
                _ => continue,
            }
        };
        found.push(Recovered {
            saved_at: fs::metadata(&copy).and_then(|m| m.modified()).ok(),
            title: board.title.clone(),
            panels: board.panel_count(),
            board_file,
            untitled,
            entry: entry.path(),
            located: true,
        });
    }
    found.sort_by_key(|r| std::cmp::Reverse(r.saved_at));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_copy_is_hidden_next_to_the_board() {
        assert_eq!(
            recovery_path(Path::new("/a/kitchen.ron")),
            Path::new("/a/.kitchen.ron.recovery")
        );
        assert_eq!(
            recovery_path(Path::new("kitchen.ron")),
            Path::new(".kitchen.ron.recovery")
        );
    }

    #[test]
    fn staging_folders_are_named_pid_dash_counter() {
        assert_eq!(staging_pid("4242-0"), Some(4242));
        assert_eq!(staging_pid("1-17"), Some(1));
        for other in ["", "-", "4242-", "-0", "kitchen.assets", "42-0-1", "a-1"] {
            assert_eq!(staging_pid(other), None, "{other}");
        }
    }
}
