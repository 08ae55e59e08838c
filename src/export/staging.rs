//! All-or-nothing outputs: stage next to the destination, then rename.
//!
//! A file is written to a hidden temporary file in the destination folder,
//! synced, and renamed over the destination only when complete. A folder
//! output is built in a hidden temporary folder beside the destination and
//! moved into place at the end. Anything staged is removed when the guard is
//! dropped uncommitted — on error, on cancel, even on a panic — so a failed
//! export never leaves a torn file behind.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::{ExportError, Progress};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A hidden sibling of `dest` that no other writer will pick.
fn staging_path(dest: &Path) -> PathBuf {
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_owned());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    parent.join(format!(".{name}.{}-{n}.part", std::process::id()))
}

/// Write `dest` all at once: `write` fills a buffered temp file, which is
/// synced and renamed over `dest` only if `write` succeeds and no cancel
/// was requested.
pub(crate) fn write_file(
    dest: &Path,
    progress: &Progress,
    write: impl FnOnce(&mut dyn Write) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let temp = staging_path(dest);
    let guard = RemoveOnDrop::file(temp.clone());
    let file = File::create_new(&temp).map_err(|e| ExportError::io(dest, e))?;
    let mut out = BufWriter::new(file);
    write(&mut out)?;
    let file = out
        .into_inner()
        .map_err(|e| ExportError::io(dest, e.into_error()))?;
    file.sync_all().map_err(|e| ExportError::io(dest, e))?;
    drop(file);
    if progress.is_cancelled() {
        return Err(ExportError::Cancelled {
            path: dest.to_owned(),
        });
    }
    fs::rename(&temp, dest).map_err(|e| ExportError::io(dest, e))?;
    guard.disarm();
    Ok(())
}

/// A folder being filled before it is moved to its destination.
pub(crate) struct StagedDir {
    dest: PathBuf,
    guard: RemoveOnDrop,
}

impl StagedDir {
    /// Stage a folder output for `dest`. `dest` may not exist yet, or may be
    /// an existing folder (files with the same names are then replaced).
    pub(crate) fn new(dest: &Path) -> Result<Self, ExportError> {
        if dest.exists() && !dest.is_dir() {
            return Err(ExportError::options(
                dest,
                "the destination exists and is not a folder",
            ));
        }
        let temp = staging_path(dest);
        fs::create_dir(&temp).map_err(|e| ExportError::io(dest, e))?;
        Ok(Self {
            dest: dest.to_owned(),
            guard: RemoveOnDrop::dir(temp),
        })
    }

    /// Where to write the files now.
    pub(crate) fn path(&self) -> &Path {
        &self.guard.path
    }

    /// Move the staged files to the destination.
    ///
    /// A missing or empty destination is replaced by the staged folder in one
    /// rename. Into an existing folder the files move one by one; if one move
    /// fails, the ones already moved are removed again.
    pub(crate) fn commit(self, progress: &Progress) -> Result<(), ExportError> {
        let dest = &self.dest;
        if progress.is_cancelled() {
            return Err(ExportError::Cancelled { path: dest.clone() });
        }
        let temp = self.guard.path.clone();
        let dest_is_empty_dir = fs::read_dir(dest).is_ok_and(|mut d| d.next().is_none());
        if dest_is_empty_dir {
            fs::remove_dir(dest).map_err(|e| ExportError::io(dest, e))?;
        }
        if !dest.exists() {
            fs::rename(&temp, dest).map_err(|e| ExportError::io(dest, e))?;
            self.guard.disarm();
            return Ok(());
        }
        let entries: Vec<PathBuf> = fs::read_dir(&temp)
            .and_then(|d| d.map(|e| e.map(|e| e.path())).collect())
            .map_err(|e| ExportError::io(dest, e))?;
        let mut moved = Vec::with_capacity(entries.len());
        for from in entries {
            let Some(name) = from.file_name() else {
                continue;
            };
            let to = dest.join(name);
            if let Err(e) = fs::rename(&from, &to) {
                for m in &moved {
                    let _ = fs::remove_file(m);
                }
                return Err(ExportError::io(&to, e));
            }
            moved.push(to);
        }
        Ok(())
    }
}

/// Removes a staged file or folder unless disarmed.
struct RemoveOnDrop {
    path: PathBuf,
    is_dir: bool,
    armed: bool,
}

impl RemoveOnDrop {
    fn file(path: PathBuf) -> Self {
        Self {
            path,
            is_dir: false,
            armed: true,
        }
    }

    fn dir(path: PathBuf) -> Self {
        Self {
            path,
            is_dir: true,
            armed: true,
        }
    }

    fn disarm(mut self) {
        self.armed = false;
    }
}

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        // Best effort: the staged output is hidden and named as temporary,
        // so a leftover after a power cut is recognisable, never a torn
        // destination file.
        let _ = if self.is_dir {
            fs::remove_dir_all(&self.path)
        } else {
            fs::remove_file(&self.path)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn failed_write_leaves_no_file_and_keeps_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.csv");
        fs::write(&dest, "old").unwrap();
        let err = write_file(&dest, &Progress::new(), |w| {
            w.write_all(b"half")
                .map_err(|e| ExportError::io(&dest, e))?;
            Err(ExportError::io(&dest, std::io::Error::other("disk full")))
        })
        .unwrap_err();
        assert!(err.to_string().contains("out.csv"), "{err}");
        assert_eq!(fs::read_to_string(&dest).unwrap(), "old");
        assert_eq!(names(dir.path()), ["out.csv"]);
    }

    #[test]
    fn cancelled_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.csv");
        let progress = Progress::new();
        progress.cancel();
        let err = write_file(&dest, &progress, |w| {
            w.write_all(b"x").map_err(|e| ExportError::io(&dest, e))
        })
        .unwrap_err();
        assert!(matches!(err, ExportError::Cancelled { .. }));
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn staged_folder_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("frames");
        let staged = StagedDir::new(&dest).unwrap();
        fs::write(staged.path().join("a.png"), "a").unwrap();
        assert!(!dest.exists());
        staged.commit(&Progress::new()).unwrap();
        assert_eq!(names(&dest), ["a.png"]);
        assert_eq!(names(dir.path()), ["frames"]);

        // Into an existing, non-empty folder: files are added and replaced.
        let staged = StagedDir::new(&dest).unwrap();
        fs::write(staged.path().join("a.png"), "new").unwrap();
        fs::write(staged.path().join("b.png"), "b").unwrap();
        staged.commit(&Progress::new()).unwrap();
        assert_eq!(names(&dest), ["a.png", "b.png"]);
        assert_eq!(fs::read_to_string(dest.join("a.png")).unwrap(), "new");
        assert_eq!(names(dir.path()), ["frames"]);
    }

    #[test]
    fn dropped_staged_folder_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("frames");
        {
            let staged = StagedDir::new(&dest).unwrap();
            fs::write(staged.path().join("a.png"), "a").unwrap();
        }
        assert!(names(dir.path()).is_empty());
    }
}
