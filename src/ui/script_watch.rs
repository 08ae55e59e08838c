//! "Watch the script": a board linked to its script file (the last one it
//! was updated from, if the user left "watch" ticked) hears when the
//! writer saves a new draft, and a small notice offers the update. It
//! never updates by itself: the review still decides.
//!
//! The link lives in the preferences, keyed by the board's file, so it is
//! per board and per machine (a script's path means nothing on another
//! computer) and the board file format is unchanged.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::store::FileWatcher;

/// Board file → the script file it watches.
pub type LinkedScripts = BTreeMap<PathBuf, PathBuf>;

/// The watch on the open board's linked script, and its notice.
#[derive(Default)]
pub struct ScriptWatch {
    /// The board and script being watched.
    watching: Option<(PathBuf, PathBuf)>,
    watcher: Option<FileWatcher>,
    /// The script changed and the notice is up.
    changed: bool,
}

impl ScriptWatch {
    /// Follow the open board's link (starting, moving or stopping the
    /// watch), and show the notice when the script changed. Returns the
    /// script to update from when the user asks.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        board: Option<&Path>,
        links: &LinkedScripts,
    ) -> Option<PathBuf> {
        let wanted = board.and_then(|b| links.get(b).map(|s| (b.to_path_buf(), s.clone())));
        if wanted != self.watching {
            let repaint = ctx.clone();
            self.watcher = wanted.as_ref().and_then(|(_, script)| {
                FileWatcher::new(script, move || repaint.request_repaint()).ok()
            });
            self.watching = wanted;
            self.changed = false;
        }
        if self.watcher.as_ref().is_some_and(FileWatcher::take_changed) {
            self.changed = true;
        }
        let (_, script) = self.watching.as_ref()?;
        if !self.changed {
            return None;
        }
        let name = script.file_name().map_or_else(
            || script.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        let mut update = false;
        egui::Window::new("Script changed")
            .id(egui::Id::unique("shotboard-script-watch"))
            .anchor(egui::Align2::RIGHT_BOTTOM, [-12.0, -36.0])
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(format!("{name} changed on disk."));
                ui.horizontal(|ui| {
                    if ui
                        .button("Update…")
                        .on_hover_text("Review what the new draft changes before anything does")
                        .clicked()
                    {
                        update = true;
                    }
                    if ui.button("Not now").clicked() {
                        self.changed = false;
                    }
                });
            });
        if update {
            self.changed = false;
            return Some(script.clone());
        }
        None
    }
}

/// Link `board` to `script` (or unlink it), as the review's "Watch this
/// file" tick says.
pub fn set_link(links: &mut LinkedScripts, board: &Path, script: &Path, watch: bool) {
    if watch {
        links.insert(board.to_path_buf(), script.to_path_buf());
    } else {
        links.remove(board);
    }
}
