//! Hearing about outside changes to an open board file as they happen,
//! instead of polling for them.
//!
//! The system's file notifications (inotify on Linux, FSEvents on macOS,
//! ReadDirectoryChangesW on Windows, through the `notify` crate) wake a
//! callback on the watcher's own thread; the UI passes one that asks for a
//! repaint. With no event there is no work at all, so an idle window
//! stays idle.
//!
//! The folder is watched, not the file: a save replaces the file by
//! renaming a new one over it, which a watch on the old file would miss.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

/// Watches one file; see the module docs.
pub struct FileWatcher {
    path: PathBuf,
    changed: Arc<(Mutex<bool>, Condvar)>,
    // Dropping it stops the watch and its thread.
    _watcher: notify::RecommendedWatcher,
}

impl std::fmt::Debug for FileWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileWatcher")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl FileWatcher {
    /// Start watching `file`. `on_change` runs on the watcher's thread
    /// after every event that may have changed it (written, replaced,
    /// removed); reads of the file are not events.
    pub fn new(file: &Path, on_change: impl Fn() + Send + 'static) -> notify::Result<Self> {
        let changed = Arc::new((Mutex::new(false), Condvar::new()));
        let name = file.file_name().map(ToOwned::to_owned);
        let flag = Arc::clone(&changed);
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let relevant = match &event {
                    Ok(event) => {
                        !matches!(event.kind, EventKind::Access(_))
                            && event
                                .paths
                                .iter()
                                .any(|p| p.file_name().map(ToOwned::to_owned) == name)
                    }
                    // The watch itself failed (events lost): check to be safe.
                    Err(_) => true,
                };
                if relevant {
                    // The callback first: whoever waits on the flag then
                    // knows the callback has run too.
                    on_change();
                    let (lock, signal) = &*flag;
                    *lock.lock().unwrap_or_else(PoisonError::into_inner) = true;
                    signal.notify_all();
                }
            })?;
        watcher.watch(super::board_dir(file), RecursiveMode::NonRecursive)?;
        Ok(Self {
            path: file.to_path_buf(),
            changed,
            _watcher: watcher,
        })
    }

    /// The watched file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when an event came since the last call; clears it.
    pub fn take_changed(&self) -> bool {
        let (lock, _) = &*self.changed;
        std::mem::take(&mut *lock.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Block until an event has come (without clearing it) or `timeout`
    /// passes; true when one came. For tests and headless callers.
    pub fn wait_changed(&self, timeout: Duration) -> bool {
        let (lock, signal) = &*self.changed;
        let deadline = Instant::now() + timeout;
        let mut changed = lock.lock().unwrap_or_else(PoisonError::into_inner);
        while !*changed {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            changed = signal
                .wait_timeout(changed, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    const PATIENCE: Duration = Duration::from_secs(10);

    #[test]
    fn a_save_over_the_file_wakes_the_callback_and_reading_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let board = dir.path().join("b.ron");
        std::fs::write(&board, "one").unwrap();
        let calls = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&calls);
        let watcher = FileWatcher::new(&board, move || {
            counted.fetch_add(1, Ordering::SeqCst);
        })
        .unwrap();

        // Reading is not a change.
        std::fs::read(&board).unwrap();
        // Another file in the folder is not this board.
        std::fs::write(dir.path().join("other.ron"), "x").unwrap();
        // A save renames a new file over the board.
        let temp = dir.path().join(".b.ron.tmp");
        std::fs::write(&temp, "two").unwrap();
        std::fs::rename(&temp, &board).unwrap();

        assert!(watcher.wait_changed(PATIENCE));
        assert!(calls.load(Ordering::SeqCst) >= 1);
        assert!(watcher.take_changed());
        assert!(!watcher.take_changed(), "taking clears it");
    }

    #[test]
    fn without_events_nothing_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let board = dir.path().join("b.ron");
        std::fs::write(&board, "one").unwrap();
        let watcher = FileWatcher::new(&board, || {}).unwrap();
        std::fs::write(dir.path().join("unrelated.txt"), "x").unwrap();
        assert!(!watcher.wait_changed(Duration::from_millis(200)));
        assert!(!watcher.take_changed());
    }
}
