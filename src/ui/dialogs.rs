//! Native file dialogs, behind a trait so tests can script the answers.

use std::path::{Path, PathBuf};

/// The file choosers the app needs.
pub trait FileDialogs {
    fn open_board(&mut self) -> Option<PathBuf>;
    fn save_board(&mut self, suggested_name: &str) -> Option<PathBuf>;
    fn pick_images(&mut self) -> Vec<PathBuf>;
    /// Any other file to open, e.g. a screenplay to import.
    fn open_file(&mut self, title: &str, filter_name: &str, extensions: &[&str])
    -> Option<PathBuf>;
    /// Where an export goes: a file with `extension` (replacing whatever
    /// extension the user typed, so an export can never land on a `.ron`
    /// board), or with `None` a folder.
    fn export_destination(
        &mut self,
        suggested_name: &str,
        extension: Option<&str>,
    ) -> Option<PathBuf>;
    /// Shows a folder or file in the system's file manager or viewer (the
    /// logs folder, a printable page): never waits for it.
    fn reveal(&mut self, path: &Path) -> Result<(), String>;
}

/// The platform's dialogs, through rfd.
#[derive(Default)]
pub struct NativeDialogs;

const IMAGE_EXTENSIONS: [&str; 7] = ["png", "jpg", "jpeg", "gif", "bmp", "webp", "PNG"];

impl FileDialogs for NativeDialogs {
    fn open_board(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open board")
            .add_filter("Shotboard board", &["ron"])
            .pick_file()
    }

    fn save_board(&mut self, suggested_name: &str) -> Option<PathBuf> {
        let path = rfd::FileDialog::new()
            .set_title("Save board as")
            .add_filter("Shotboard board", &["ron"])
            .set_file_name(suggested_name)
            .save_file()?;
        // Boards are always .ron, even when the user typed a bare name.
        Some(if path.extension().is_some_and(|e| e == "ron") {
            path
        } else {
            path.with_extension("ron")
        })
    }

    fn pick_images(&mut self) -> Vec<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Import images")
            .add_filter("Images", &IMAGE_EXTENSIONS)
            .pick_files()
            .unwrap_or_default()
    }

    fn open_file(
        &mut self,
        title: &str,
        filter_name: &str,
        extensions: &[&str],
    ) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter(filter_name, extensions)
            .pick_file()
    }

    fn export_destination(
        &mut self,
        suggested_name: &str,
        extension: Option<&str>,
    ) -> Option<PathBuf> {
        let Some(extension) = extension else {
            return rfd::FileDialog::new()
                .set_title("Export to folder")
                .pick_folder();
        };
        let path = rfd::FileDialog::new()
            .set_title("Export")
            .add_filter(extension.to_uppercase(), &[extension])
            .set_file_name(suggested_name)
            .save_file()?;
        Some(if path.extension().is_some_and(|e| e == extension) {
            path
        } else {
            path.with_extension(extension)
        })
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

/// Answers given in advance, for tests.
#[derive(Default)]
pub struct ScriptedDialogs {
    pub open: Vec<PathBuf>,
    pub save: Vec<PathBuf>,
    pub images: Vec<Vec<PathBuf>>,
    /// Answers to [`FileDialogs::export_destination`], last first.
    pub exports: Vec<PathBuf>,
    /// What [`FileDialogs::reveal`] was asked to show, in order.
    pub revealed: std::sync::Arc<std::sync::Mutex<Vec<PathBuf>>>,
}

impl FileDialogs for ScriptedDialogs {
    fn open_board(&mut self) -> Option<PathBuf> {
        self.open.pop()
    }

    fn save_board(&mut self, _suggested_name: &str) -> Option<PathBuf> {
        self.save.pop()
    }

    fn pick_images(&mut self) -> Vec<PathBuf> {
        self.images.pop().unwrap_or_default()
    }

    fn open_file(
        &mut self,
        _title: &str,
        _filter_name: &str,
        _extensions: &[&str],
    ) -> Option<PathBuf> {
        self.open.pop()
    }

    fn export_destination(
        &mut self,
        _suggested_name: &str,
        _extension: Option<&str>,
    ) -> Option<PathBuf> {
        self.exports.pop()
    }

    fn reveal(&mut self, path: &Path) -> Result<(), String> {
        if let Ok(mut revealed) = self.revealed.lock() {
            revealed.push(path.to_path_buf());
        }
        Ok(())
    }
}
