//! The desktop-app chrome's UI state: the Help windows, the first-launch
//! overlay, the crash notice, and what the preferences file held. Kept
//! apart from `help`, which works on the whole app, so the app shell can
//! hold it without importing `help` back.

use std::path::{Path, PathBuf};

use super::crash;
use super::logs;
use super::prefs::{Prefs, Theme};

#[derive(Debug)]
pub struct DesktopState {
    pub shortcuts_open: bool,
    pub about_open: bool,
    /// The Getting started overlay is showing.
    pub getting_started_open: bool,
    /// The report of the crash the last run ended in, until the user has
    /// read the notice.
    pub crash_report: Option<PathBuf>,
    /// The preferences as last read from or written to the file: what a
    /// save merges against (see `prefs::save`).
    pub prefs_base: Prefs,
    /// Theme and UI scale last handed to egui.
    pub applied: Option<(Theme, f32)>,
    /// The remembered layout and autosave delay were applied (first frame).
    pub started: bool,
}

impl DesktopState {
    /// Reads the crash mark left by the last run in `data_dir`'s logs
    /// folder; the overlay shows until the user has dismissed it once.
    pub fn new(data_dir: &Path, prefs: &Prefs) -> Self {
        Self {
            shortcuts_open: false,
            about_open: false,
            getting_started_open: !prefs.getting_started_seen,
            crash_report: crash::take_pending_report(&logs::logs_dir(data_dir)),
            prefs_base: prefs.clone(),
            applied: None,
            started: false,
        }
    }
}
