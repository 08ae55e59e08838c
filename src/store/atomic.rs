//! Replacing a file so that a crash at any moment leaves either the old or
//! the new content, never a torn mix.
//!
//! The recipe: write a temporary file in the same folder (so the rename
//! stays on one file system), fsync it, optionally keep the old file as a
//! backup (a hard link, so the target never goes missing), rename the
//! temporary file over the target, and fsync the folder so the rename itself
//! survives a power cut. A kill mid-write can leave a hidden
//! `.NAME.<pid>.<n>.tmp` behind; it is harmless and never read.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The part of an atomic write that failed, for error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteStep {
    CreateFolder,
    CreateTemp,
    Write,
    Backup,
    Replace,
    SyncFolder,
}

impl std::fmt::Display for WriteStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::CreateFolder => "creating its folder",
            Self::CreateTemp => "creating a temporary file next to it",
            Self::Write => "writing the new content",
            Self::Backup => "keeping the previous version as a backup",
            Self::Replace => "replacing the old file",
            Self::SyncFolder => "flushing the folder to disk",
        })
    }
}

/// Writes `bytes` to `target` atomically. With `backup`, the previous
/// content of `target` (if any) is kept at that path first.
pub(super) fn write_atomic(
    target: &Path,
    bytes: &[u8],
    backup: Option<&Path>,
) -> Result<(), (WriteStep, io::Error)> {
    let folder = parent_folder(target);
    let temp = temp_path(target);
    let result = write_and_replace(target, &temp, bytes, backup);
    if result.is_err() {
        // Best effort: the temporary file is ours, and useless now.
        let _ = fs::remove_file(&temp);
    }
    result?;
    sync_folder(folder).map_err(|e| (WriteStep::SyncFolder, e))
}

fn write_and_replace(
    target: &Path,
    temp: &Path,
    bytes: &[u8],
    backup: Option<&Path>,
) -> Result<(), (WriteStep, io::Error)> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temp)
        .map_err(|e| (WriteStep::CreateTemp, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| (WriteStep::Write, e))?;
    drop(file);
    if let Some(backup) = backup {
        keep_backup(target, backup).map_err(|e| (WriteStep::Backup, e))?;
    }
    fs::rename(temp, target).map_err(|e| (WriteStep::Replace, e))
}

/// Points `backup` at the current content of `target`, replacing any older
/// backup atomically. A hard link costs no space (so it works on a full
/// disk); file systems without links get a copy.
fn keep_backup(target: &Path, backup: &Path) -> io::Result<()> {
    if !target.exists() {
        return Ok(());
    }
    let temp = temp_path(backup);
    if fs::hard_link(target, &temp).is_err() {
        let copied = fs::copy(target, &temp).and_then(|_| File::open(&temp)?.sync_all());
        if let Err(e) = copied {
            let _ = fs::remove_file(&temp);
            return Err(e);
        }
    }
    fs::rename(&temp, backup).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })
}

/// The folder holding `path`; `.` for a bare file name.
pub(super) fn parent_folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A fresh hidden name next to `target`, unique per process and call so
/// concurrent writers (e.g. two imports of the same image) never collide.
fn temp_path(target: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    parent_folder(target).join(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

/// Makes a rename in `folder` durable. Only Unix can open a folder for
/// fsync; elsewhere the rename is as durable as the OS makes it.
fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(folder)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_keeps_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("b.ron");
        let backup = dir.path().join("b.ron.bak");
        write_atomic(&target, b"one", Some(&backup)).unwrap();
        assert!(!backup.exists(), "no previous version, no backup");
        write_atomic(&target, b"two", Some(&backup)).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"two");
        assert_eq!(fs::read(&backup).unwrap(), b"one");
        write_atomic(&target, b"three", Some(&backup)).unwrap();
        assert_eq!(fs::read(&backup).unwrap(), b"two");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");
    }

    #[test]
    fn a_missing_folder_fails_without_creating_anything() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("nope").join("b.ron");
        let (step, _) = write_atomic(&target, b"x", None).unwrap_err();
        assert_eq!(step, WriteStep::CreateTemp);
        assert!(!target.exists());
    }
}
