//! "Which file?" for every flow that asks (open, Save As, imports, export,
//! locating a board): the native dialog first, Shotboard's own when there is
//! none, and the flow continues with the answer either way.
//!
//! The native dialog answers at once; the app's own answers frames later.
//! So a flow never waits for a path: it names its [`FilePurpose`], and the
//! app continues it when a path arrives, from either dialog.

use std::path::{Path, PathBuf};

use super::dialogs::{Answer, FileDialogs, FileRequest};
use super::file_browser::{BrowserOutcome, FileBrowser};
use super::modals::Pending;

/// What the app does with the chosen path(s).
#[derive(Clone, Debug, PartialEq)]
pub enum FilePurpose {
    OpenBoard,
    /// Save under the chosen name, then do `then` (close, open…).
    SaveAs {
        then: Option<Pending>,
    },
    ImportImages,
    ImportScript,
    /// Plan an update of the board from this new draft of its script.
    UpdateFromScript,
    ImportStoryboarder,
    /// Merge a review reply file into the board.
    ImportReview,
    /// Export the Export window's choice there.
    Export,
    /// The Export window's Browse: the destination to show, not yet used.
    ExportDestination,
    /// Open the board a recovery copy belongs to.
    Locate,
    /// Write the printable keyboard-shortcuts page there.
    ShortcutsPage,
    /// Show what differs between the open board and the chosen one.
    CompareWith,
    /// Write the named snapshot as a new board there.
    RestoreSnapshot(String),
}

/// The result of asking.
#[derive(Debug, PartialEq)]
pub enum Asked {
    /// Go on with these paths.
    Chosen(FilePurpose, Vec<PathBuf>),
    Cancelled,
    /// Shotboard's own dialog is open; `first_time` is set the first time
    /// this happens, so the app can say once why.
    InApp {
        first_time: bool,
    },
}

/// Shown once, the first time the app's own dialog stands in.
pub const NO_NATIVE_DIALOG: &str = "This system has no file dialog service (no desktop portal or zenity), so Shotboard shows its own.";

/// The dialogs and, while it is open, the app's own.
pub struct FileChooser {
    dialogs: Box<dyn FileDialogs>,
    browser: Option<(FileBrowser, FilePurpose)>,
    /// The reason for the app's own dialog has been given.
    told: bool,
    /// Where the app's own dialog was last used: it opens there again.
    last_dir: Option<PathBuf>,
}

impl FileChooser {
    pub fn new(dialogs: Box<dyn FileDialogs>) -> Self {
        Self {
            dialogs,
            browser: None,
            told: false,
            last_dir: None,
        }
    }

    /// Ask `request` for `purpose`. `near` is where the app's own dialog
    /// starts when it has not been used yet (the board's folder);
    /// `recent` folders are offered as places in it.
    pub fn ask(
        &mut self,
        request: FileRequest,
        purpose: FilePurpose,
        near: Option<&Path>,
        recent: &[PathBuf],
    ) -> Asked {
        match self.dialogs.choose(&request) {
            Answer::Chosen(paths) => Asked::Chosen(purpose, paths),
            Answer::Cancelled => Asked::Cancelled,
            Answer::Unavailable => {
                let start = self.last_dir.as_deref().or(near);
                self.browser = Some((FileBrowser::new(request, start, recent), purpose));
                let first_time = !self.told;
                self.told = true;
                Asked::InApp { first_time }
            }
        }
    }

    /// Show a folder or file in the system's file manager or viewer.
    pub fn reveal(&mut self, path: &Path) -> Result<(), String> {
        self.dialogs.reveal(path)
    }

    pub fn is_open(&self) -> bool {
        self.browser.is_some()
    }

    /// Draw the app's own dialog when it is open; returns the purpose and
    /// paths once the user chose.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<(FilePurpose, Vec<PathBuf>)> {
        let (browser, _) = self.browser.as_mut()?;
        let outcome = browser.show(ctx);
        if outcome == BrowserOutcome::Open {
            return None;
        }
        let (browser, purpose) = self.browser.take()?;
        self.last_dir = Some(browser.dir().to_path_buf());
        match outcome {
            BrowserOutcome::Chosen(paths) => Some((purpose, paths)),
            BrowserOutcome::Open | BrowserOutcome::Cancelled => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::dialogs::ScriptedDialogs;

    #[test]
    fn a_native_answer_continues_the_flow_at_once() {
        let dialogs = ScriptedDialogs {
            open: vec!["/b/x.ron".into()],
            ..Default::default()
        };
        let mut chooser = FileChooser::new(Box::new(dialogs));
        let asked = chooser.ask(FileRequest::open_board(), FilePurpose::OpenBoard, None, &[]);
        assert_eq!(
            asked,
            Asked::Chosen(FilePurpose::OpenBoard, vec!["/b/x.ron".into()])
        );
        assert!(!chooser.is_open());
    }

    #[test]
    fn without_a_native_dialog_the_apps_own_opens_and_the_reason_is_given_once() {
        let dialogs = ScriptedDialogs {
            unavailable: true,
            ..Default::default()
        };
        let mut chooser = FileChooser::new(Box::new(dialogs));
        let save = FilePurpose::SaveAs {
            then: Some(Pending::Close),
        };
        let first = chooser.ask(FileRequest::save_board("a.ron"), save.clone(), None, &[]);
        assert_eq!(first, Asked::InApp { first_time: true });
        assert!(chooser.is_open());
        let again = chooser.ask(FileRequest::save_board("a.ron"), save, None, &[]);
        assert_eq!(again, Asked::InApp { first_time: false });
    }
}
