//! Stable identities for scenes, panels and comments.
//!
//! Ids are allocated from a single counter stored in the board
//! ([`crate::model::Board::next_id`]), so they are unique across kinds,
//! survive every reorder, and are never reused after a delete — even across
//! save and load.

use serde::{Deserialize, Serialize};

/// Identity of a [`crate::model::Scene`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SceneId(pub u64);

/// Identity of a [`crate::model::Panel`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PanelId(pub u64);

/// Identity of a [`crate::model::Comment`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CommentId(pub u64);

impl std::fmt::Display for SceneId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "scene#{}", self.0)
    }
}

impl std::fmt::Display for PanelId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "panel#{}", self.0)
    }
}

/// Hands out fresh ids without touching the board.
///
/// Edits are built from a snapshot of the board (`IdAllocator::new(board)`)
/// and carry the ids they create; applying such an edit advances the board's
/// counter past them. That keeps id allocation inside the edit layer, so undo
/// and redo replay the very same ids.
#[derive(Clone, Debug)]
pub struct IdAllocator {
    next: u64,
}

impl IdAllocator {
    pub fn new(board: &crate::model::Board) -> Self {
        Self {
            next: board.next_id.max(board.max_used_id() + 1),
        }
    }

    pub fn next_raw(&mut self) -> u64 {
        let id = self.next;
        self.next += 1;
        id
    }

    pub fn panel(&mut self) -> PanelId {
        PanelId(self.next_raw())
    }

    pub fn scene(&mut self) -> SceneId {
        SceneId(self.next_raw())
    }

    pub fn comment(&mut self) -> CommentId {
        CommentId(self.next_raw())
    }
}
