//! Where each panel is, by id: built once per board change, so views that
//! look panels up every frame (the status bar totalling a 10,000-panel
//! selection, the inspector's multi-edit) do it in constant time instead
//! of scanning the board for each id.

use std::collections::HashMap;

use super::{Board, Panel, PanelId, PanelPos};

/// Panel id → position, for one version of a board. Stale after any
/// change: rebuild it whenever the board's generation moves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PanelIndex {
    positions: HashMap<PanelId, PanelPos>,
}

impl PanelIndex {
    pub fn new(board: &Board) -> Self {
        let mut positions = HashMap::with_capacity(board.panel_count());
        for (scene, s) in board.scenes.iter().enumerate() {
            for (panel, p) in s.panels.iter().enumerate() {
                positions.insert(p.id, PanelPos { scene, panel });
            }
        }
        Self { positions }
    }

    /// Where the panel is, like [`Board::find_panel`].
    pub fn find(&self, id: PanelId) -> Option<PanelPos> {
        self.positions.get(&id).copied()
    }

    /// The panel itself, from the board this index was built for.
    pub fn panel<'a>(&self, board: &'a Board, id: PanelId) -> Option<&'a Panel> {
        let pos = self.find(id)?;
        board
            .scenes
            .get(pos.scene)?
            .panels
            .get(pos.panel)
            .filter(|p| p.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Scene, SceneId};

    #[test]
    fn finds_every_panel_where_find_panel_does() {
        let mut board = Board::default();
        for s in 0..3 {
            let mut scene = Scene::new(SceneId(100 + s), "INT. ROOM - DAY");
            for p in 0..4 {
                scene.panels.push(Panel::new(PanelId(s * 10 + p)));
            }
            board.scenes.push(scene);
        }
        let index = PanelIndex::new(&board);
        for panel in board.panels() {
            assert_eq!(index.find(panel.id), board.find_panel(panel.id));
            assert_eq!(index.panel(&board, panel.id).map(|p| p.id), Some(panel.id));
        }
        assert_eq!(index.find(PanelId(999)), None);
    }

    #[test]
    fn a_stale_index_never_returns_the_wrong_panel() {
        let mut board = Board::default();
        let mut scene = Scene::new(SceneId(1), "X");
        scene.panels.push(Panel::new(PanelId(1)));
        scene.panels.push(Panel::new(PanelId(2)));
        board.scenes.push(scene);
        let index = PanelIndex::new(&board);
        board.scenes[0].panels.swap(0, 1);
        assert_eq!(index.panel(&board, PanelId(1)), None);
    }
}
