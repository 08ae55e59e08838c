//! File choosers: the platform's native dialog first, behind a trait so
//! tests can script the answers, and a way to say "there is none here" so
//! the app can fall back to its own (see `file_browser`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What kind of choice a request asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum RequestKind {
    /// One existing file.
    OpenFile,
    /// One or more existing files.
    OpenFiles,
    /// A file to write. The chosen name always ends in `extension`, even
    /// when the user typed a bare name or another extension, so a save can
    /// never land on a board under another name.
    SaveFile {
        suggested_name: String,
        extension: String,
    },
    /// A folder to write into.
    Folder,
}

/// One question to the user: "which file?".
#[derive(Clone, Debug, PartialEq)]
pub struct FileRequest {
    pub title: String,
    pub kind: RequestKind,
    /// Shown beside the list, e.g. "Shotboard board".
    pub filter_name: String,
    /// Extensions (without the dot, any case) the list shows; empty shows
    /// every file.
    pub extensions: Vec<String>,
}

/// Extensions Shotboard imports as pictures.
pub const IMAGE_EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "bmp", "webp"];

impl FileRequest {
    pub fn open_board() -> Self {
        Self::open("Open board", "Shotboard board", &["ron"])
    }

    pub fn save_board(suggested_name: &str) -> Self {
        Self::save("Save board as", "Shotboard board", suggested_name, "ron")
    }

    pub fn images() -> Self {
        Self {
            kind: RequestKind::OpenFiles,
            ..Self::open("Import images", "Images", &IMAGE_EXTENSIONS)
        }
    }

    /// Any other file to open, e.g. a screenplay to import.
    pub fn open(title: &str, filter_name: &str, extensions: &[&str]) -> Self {
        Self {
            title: title.to_owned(),
            kind: RequestKind::OpenFile,
            filter_name: filter_name.to_owned(),
            extensions: extensions.iter().map(|e| (*e).to_owned()).collect(),
        }
    }

    /// A file to write with `extension`.
    pub fn save(title: &str, filter_name: &str, suggested_name: &str, extension: &str) -> Self {
        Self {
            title: title.to_owned(),
            kind: RequestKind::SaveFile {
                suggested_name: suggested_name.to_owned(),
                extension: extension.to_owned(),
            },
            filter_name: filter_name.to_owned(),
            extensions: vec![extension.to_owned()],
        }
    }

    /// Where an export goes: a file with `extension`, or with `None` a
    /// folder.
    pub fn export(suggested_name: &str, extension: Option<&str>) -> Self {
        match extension {
            Some(ext) => Self::save("Export", &ext.to_uppercase(), suggested_name, ext),
            None => Self {
                title: "Export to folder".to_owned(),
                kind: RequestKind::Folder,
                filter_name: String::new(),
                extensions: Vec::new(),
            },
        }
    }

    /// Whether the list shows `name` (folders are always shown).
    pub fn accepts(&self, name: &str) -> bool {
        self.extensions.is_empty()
            || std::path::Path::new(name)
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
    }

    /// `path` with the extension a save requires.
    pub fn fix_extension(&self, path: PathBuf) -> PathBuf {
        match &self.kind {
            RequestKind::SaveFile { extension, .. }
                if !path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case(extension.as_str())) =>
            {
                let mut name = path.into_os_string();
                name.push(".");
                name.push(extension);
                PathBuf::from(name)
            }
            _ => path,
        }
    }
}

/// The user's answer to a [`FileRequest`].
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// One path, or several for [`RequestKind::OpenFiles`].
    Chosen(Vec<PathBuf>),
    Cancelled,
    /// No dialog could be shown (no desktop portal, no zenity): the app
    /// shows its own instead of doing nothing.
    Unavailable,
}

/// The file choosers the app uses.
pub trait FileDialogs {
    fn choose(&mut self, request: &FileRequest) -> Answer;
    /// Shows a folder or file in the system's file manager or viewer (the
    /// logs folder, a printable page): never waits for it.
    fn reveal(&mut self, path: &Path) -> Result<(), String>;
}

/// A dialog that comes back empty faster than this was never shown: no
/// person opens, reads and cancels a file dialog in a quarter of a second.
const TOO_FAST_TO_BE_SHOWN: Duration = Duration::from_millis(250);

/// Set to `builtin` to always use Shotboard's own file dialog.
pub const DIALOG_ENV: &str = "SHOTBOARD_FILE_DIALOG";

/// The platform's dialogs, through rfd.
pub struct NativeDialogs {
    /// Set once a dialog could not be shown; later requests go straight
    /// to the app's own dialog instead of failing again.
    unavailable: bool,
}

impl Default for NativeDialogs {
    fn default() -> Self {
        let forced = std::env::var(DIALOG_ENV).is_ok_and(|v| v.eq_ignore_ascii_case("builtin"));
        Self {
            unavailable: forced || !native_dialog_possible(),
        }
    }
}

/// On Linux and the BSDs, rfd shows a dialog through the desktop portal
/// (over the session bus) or, failing that, zenity. With neither there is
/// nothing to show, and rfd returns "cancelled" at once.
fn native_dialog_possible() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty());
    bus || on_path("zenity")
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

impl FileDialogs for NativeDialogs {
    fn choose(&mut self, request: &FileRequest) -> Answer {
        if self.unavailable {
            return Answer::Unavailable;
        }
        let started = Instant::now();
        let mut dialog = rfd::FileDialog::new().set_title(&request.title);
        if !request.extensions.is_empty() {
            // Desktop filters match case-sensitively: offer "PNG" as well
            // as "png", as cameras and Windows tools name them.
            let mut extensions = request.extensions.clone();
            extensions.extend(request.extensions.iter().map(|e| e.to_uppercase()));
            dialog = dialog.add_filter(&request.filter_name, &extensions);
        }
        let chosen = match &request.kind {
            RequestKind::OpenFile => dialog.pick_file().map(|p| vec![p]),
            RequestKind::OpenFiles => dialog.pick_files(),
            RequestKind::SaveFile { suggested_name, .. } => dialog
                .set_file_name(suggested_name)
                .save_file()
                .map(|p| vec![request.fix_extension(p)]),
            RequestKind::Folder => dialog.pick_folder().map(|p| vec![p]),
        };
        match chosen {
            Some(paths) if !paths.is_empty() => Answer::Chosen(paths),
            _ if cfg!(not(any(target_os = "windows", target_os = "macos")))
                && started.elapsed() < TOO_FAST_TO_BE_SHOWN =>
            {
                self.unavailable = true;
                Answer::Unavailable
            }
            _ => Answer::Cancelled,
        }
    }

    fn reveal(&mut self, path: &Path) -> Result<(), String> {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else if cfg!(windows) {
            "explorer"
        } else {
            "xdg-open"
        };
        let mut child = std::process::Command::new(opener)
            .arg(path)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| format!("could not run {opener}: {e}"))?;
        // Reaped on a thread of its own, so it never lingers as a zombie.
        let _ = std::thread::Builder::new()
            .name("reveal".into())
            .spawn(move || child.wait());
        Ok(())
    }
}

/// Answers given in advance, for tests. Each list is answered last first;
/// an empty list answers "cancelled".
#[derive(Default)]
pub struct ScriptedDialogs {
    /// Boards and other files to open.
    pub open: Vec<PathBuf>,
    /// Names to save boards under.
    pub save: Vec<PathBuf>,
    /// Images to import.
    pub images: Vec<Vec<PathBuf>>,
    /// Export destinations (files or folders).
    pub exports: Vec<PathBuf>,
    /// Act like a system with no file-dialog service.
    pub unavailable: bool,
    /// What [`FileDialogs::reveal`] was asked to show, in order.
    pub revealed: std::sync::Arc<std::sync::Mutex<Vec<PathBuf>>>,
}

impl FileDialogs for ScriptedDialogs {
    fn choose(&mut self, request: &FileRequest) -> Answer {
        if self.unavailable {
            return Answer::Unavailable;
        }
        let chosen = match &request.kind {
            RequestKind::OpenFile => self.open.pop().map(|p| vec![p]),
            RequestKind::OpenFiles => self.images.pop(),
            RequestKind::SaveFile { extension, .. } if extension == "ron" => {
                self.save.pop().map(|p| vec![p])
            }
            RequestKind::SaveFile { .. } | RequestKind::Folder => {
                self.exports.pop().map(|p| vec![p])
            }
        };
        match chosen {
            Some(paths) if !paths.is_empty() => Answer::Chosen(paths),
            _ => Answer::Cancelled,
        }
    }

    fn reveal(&mut self, path: &Path) -> Result<(), String> {
        if let Ok(mut revealed) = self.revealed.lock() {
            revealed.push(path.to_path_buf());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_always_gets_its_extension() {
        let board = FileRequest::save_board("x.ron");
        assert_eq!(
            board.fix_extension("/t/Night Shoot".into()),
            PathBuf::from("/t/Night Shoot.ron")
        );
        assert_eq!(
            board.fix_extension("/t/a.RON".into()),
            PathBuf::from("/t/a.RON")
        );
        // A typed extension is kept and the required one added, so an
        // export named "cut.ron" can't overwrite a board.
        let pdf = FileRequest::export("x.pdf", Some("pdf"));
        assert_eq!(
            pdf.fix_extension("/t/cut.ron".into()),
            PathBuf::from("/t/cut.ron.pdf")
        );
    }

    #[test]
    fn the_filter_matches_extensions_in_any_case_and_folders_take_everything() {
        let images = FileRequest::images();
        assert!(images.accepts("a.JPG"));
        assert!(images.accepts("b.webp"));
        assert!(!images.accepts("c.ron"));
        assert!(!images.accepts("README"));
        assert!(FileRequest::export("out", None).accepts("anything"));
    }
}
