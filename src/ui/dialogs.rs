//! Native file dialogs, behind a trait so tests can script the answers.

use std::path::PathBuf;

/// The file choosers the app needs.
pub trait FileDialogs {
    fn open_board(&mut self) -> Option<PathBuf>;
    fn save_board(&mut self, suggested_name: &str) -> Option<PathBuf>;
    fn pick_images(&mut self) -> Vec<PathBuf>;
    /// Any other file to open, e.g. a screenplay to import.
    fn open_file(&mut self, title: &str, filter_name: &str, extensions: &[&str])
    -> Option<PathBuf>;
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
}

/// Answers given in advance, for tests.
#[derive(Default)]
pub struct ScriptedDialogs {
    pub open: Vec<PathBuf>,
    pub save: Vec<PathBuf>,
    pub images: Vec<Vec<PathBuf>>,
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
}
