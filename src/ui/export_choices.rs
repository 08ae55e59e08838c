//! What the Export window remembers per board: the format, each format's
//! layout options and where each format went last time.
//!
//! A board exported every day to the same folder in the same layout should
//! need one click, and two boards of one project may well want different
//! layouts, so the choices are kept per board (by its absolute path) in the
//! preferences eframe saves between runs — not in the board file, which
//! would change (and dirty a git diff) every time someone exports.
//!
//! The values are plain, serialisable copies of the window's options; the
//! window checks them when it loads them (the preferences file is the
//! user's to edit).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Boards remembered; the least recently exported are forgotten first.
const MAX_BOARDS: usize = 50;

/// One board's choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportChoices {
    /// The format's command-line name (`pdf`, `csv`…).
    pub format: String,
    pub pdf_panels_per_page: u32,
    /// `a4` or `letter`.
    pub pdf_paper: String,
    pub pdf_landscape: bool,
    pub pdf_title_page: bool,
    pub pdf_dpi: u32,
    pub png_width: u32,
    pub contact_columns: u32,
    pub contact_rows: u32,
    pub contact_frame_width: u32,
    pub gif_width: u32,
    pub gif_loop: bool,
    pub csv_byte_order_mark: bool,
    pub timeline_width: u32,
    /// Frame width of the review page.
    pub review_width: u32,
    /// The destination the user gave each format (by command-line name);
    /// formats never given one follow the board's folder.
    pub destinations: BTreeMap<String, String>,
}

impl Default for ExportChoices {
    /// The same defaults as the command line's.
    fn default() -> Self {
        let pdf = crate::export::PdfOptions::default();
        let png = crate::export::PngOptions::default();
        let contact = crate::export::ContactSheetOptions::default();
        let gif = crate::export::GifOptions::default();
        Self {
            format: "pdf".to_owned(),
            pdf_panels_per_page: pdf.panels_per_page,
            pdf_paper: "a4".to_owned(),
            pdf_landscape: pdf.orientation == crate::export::Orientation::Landscape,
            pdf_title_page: pdf.title_page,
            pdf_dpi: pdf.dpi,
            png_width: png.width,
            contact_columns: contact.columns,
            contact_rows: contact.rows,
            contact_frame_width: contact.frame_width,
            gif_width: gif.width,
            gif_loop: gif.looping,
            csv_byte_order_mark: crate::export::CsvOptions::default().byte_order_mark,
            timeline_width: 1920,
            review_width: crate::export::ReviewSiteOptions::default().frame_width,
            destinations: BTreeMap::new(),
        }
    }
}

/// Every board's choices, most recently changed first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportMemory {
    boards: Vec<(PathBuf, ExportChoices)>,
}

impl ExportMemory {
    /// What was chosen last for the board saved at `board`.
    pub fn get(&self, board: &Path) -> Option<&ExportChoices> {
        self.boards
            .iter()
            .find(|(path, _)| path == board)
            .map(|(_, choices)| choices)
    }

    /// Keep `choices` for `board`, forgetting the oldest board beyond
    /// [`MAX_BOARDS`].
    pub fn remember(&mut self, board: &Path, choices: ExportChoices) {
        if self.get(board) == Some(&choices) {
            return;
        }
        self.boards.retain(|(path, _)| path != board);
        self.boards.insert(0, (board.to_path_buf(), choices));
        self.boards.truncate(MAX_BOARDS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_board_keeps_its_own_choices_and_the_oldest_are_forgotten() {
        let mut memory = ExportMemory::default();
        let csv = ExportChoices {
            format: "csv".into(),
            ..ExportChoices::default()
        };
        memory.remember(Path::new("/a.ron"), csv.clone());
        memory.remember(Path::new("/b.ron"), ExportChoices::default());
        assert_eq!(memory.get(Path::new("/a.ron")), Some(&csv));
        assert_eq!(
            memory.get(Path::new("/b.ron")).map(|c| c.format.as_str()),
            Some("pdf")
        );
        for i in 0..MAX_BOARDS {
            memory.remember(&PathBuf::from(format!("/{i}.ron")), csv.clone());
        }
        assert_eq!(memory.get(Path::new("/a.ron")), None, "forgotten");
        assert!(memory.get(Path::new("/0.ron")).is_some());
    }

    #[test]
    fn choices_saved_by_an_older_version_load_with_defaults_for_the_rest() {
        let old: ExportChoices = ron::from_str("(format: \"gif\", gif_width: 320)").unwrap();
        assert_eq!(old.format, "gif");
        assert_eq!(old.gif_width, 320);
        assert_eq!(old.pdf_dpi, ExportChoices::default().pdf_dpi);
    }
}
