//! Panels cut or copied: kept in the app (across opening another board),
//! with the folder their image paths resolve against, and their words as
//! text for the system clipboard.

use std::path::{Path, PathBuf};

use crate::edit::ops;
use crate::model::{Board, Panel, PanelId};
use crate::store;

#[derive(Debug, Default)]
pub struct Clipboard {
    panels: Vec<Panel>,
    /// The folder the panels' image paths resolve against: pasting into
    /// another board copies the images over.
    dir: PathBuf,
}

impl Clipboard {
    pub fn is_empty(&self) -> bool {
        self.panels.is_empty()
    }

    pub fn panels(&self) -> &[Panel] {
        &self.panels
    }

    /// The folder the panels came from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Keep the `selected` panels of `board` (in board order), whose
    /// images resolve in `asset_dir`. Returns how many were copied and
    /// their words for the system clipboard ("1A: action" per line), or
    /// `None` when nothing was selected.
    pub fn copy(
        &mut self,
        board: &Board,
        selected: &[PanelId],
        asset_dir: &Path,
    ) -> Option<(usize, String)> {
        let ids = ops::in_board_order(board, selected);
        if ids.is_empty() {
            return None;
        }
        self.panels = ids
            .iter()
            .filter_map(|id| board.panel(*id).cloned())
            .collect();
        self.dir = asset_dir.to_path_buf();
        Some((self.panels.len(), text(board, &ids)))
    }

    /// Whether every image already lies in the own assets folder of the
    /// board at `board_file` (its images resolving in `asset_dir`): then
    /// pasting needs no copying.
    pub fn images_are_own(&self, board_file: &Path, asset_dir: &Path) -> bool {
        self.dir == asset_dir
            && self
                .panels
                .iter()
                .filter_map(|p| p.image.as_ref())
                .all(|image| store::is_own_asset(board_file, image))
    }
}

/// Copied panels as text, one line each: "1A: action" (or dialogue).
fn text(board: &Board, ids: &[PanelId]) -> String {
    let labels = crate::model::shot_labels(board);
    ids.iter()
        .filter_map(|id| {
            let pos = board.find_panel(*id)?;
            let panel = &board.scenes[pos.scene].panels[pos.panel];
            Some(format!(
                "{}: {}",
                labels[pos.scene][pos.panel],
                panel.summary_line()
            ))
        })
        .collect::<Vec<_>>()
        .join("\n")
}
