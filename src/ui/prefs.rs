//! Preferences remembered between runs (through eframe's storage).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::canvas::DEFAULT_CARD_WIDTH;
use super::export_choices::ExportMemory;

pub const STORAGE_KEY: &str = "shotboard-prefs";
const MAX_RECENT: usize = 10;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    pub card_width: f32,
    /// Name put on comments.
    pub author: String,
    /// Side panels of the sketch editor.
    pub sketch_panels: super::sketch::SketchPanels,
    /// The user hid the status bar's how-to-start tip.
    pub hide_start_hint: bool,
    /// The Export window's last choices, per board.
    pub exports: ExportMemory,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            card_width: DEFAULT_CARD_WIDTH,
            author: String::new(),
            sketch_panels: super::sketch::SketchPanels::default(),
            hide_start_hint: false,
            exports: ExportMemory::default(),
        }
    }
}

impl Prefs {
    /// `path` (absolute: the open and save jobs resolve it) goes first.
    pub fn add_recent(&mut self, path: &Path) {
        let path = path.to_path_buf();
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}
