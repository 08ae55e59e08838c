//! What the user has selected on the canvas: UI state, never saved.

use std::collections::HashSet;

use crate::model::{Board, PanelId, SceneId};

/// The canvas selection: a set of panels with an anchor for Shift ranges,
/// or a single scene (its header clicked), or nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    panels: Vec<PanelId>,
    /// Where Shift-click ranges start; also the "current" panel for keys.
    anchor: Option<PanelId>,
    /// The most recently clicked or moved-to panel.
    focus: Option<PanelId>,
    scene: Option<SceneId>,
}

impl Selection {
    pub fn panels(&self) -> &[PanelId] {
        &self.panels
    }

    pub fn scene(&self) -> Option<SceneId> {
        self.scene
    }

    pub fn focus(&self) -> Option<PanelId> {
        self.focus
    }

    pub fn is_empty(&self) -> bool {
        self.panels.is_empty() && self.scene.is_none()
    }

    pub fn contains(&self, id: PanelId) -> bool {
        self.panels.contains(&id)
    }

    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Plain click: just this panel.
    pub fn select_only(&mut self, id: PanelId) {
        self.panels = vec![id];
        self.anchor = Some(id);
        self.focus = Some(id);
        self.scene = None;
    }

    pub fn select_many(&mut self, ids: &[PanelId]) {
        self.panels = ids.to_vec();
        self.anchor = ids.first().copied();
        self.focus = ids.last().copied();
        self.scene = None;
    }

    /// Ctrl-click: add or remove one panel.
    pub fn toggle(&mut self, id: PanelId) {
        self.scene = None;
        if let Some(i) = self.panels.iter().position(|p| *p == id) {
            self.panels.remove(i);
            self.focus = self.panels.last().copied();
            if self.anchor == Some(id) {
                self.anchor = self.focus;
            }
        } else {
            self.panels.push(id);
            self.anchor = Some(id);
            self.focus = Some(id);
        }
    }

    /// Shift-click: everything from the anchor to `id` in board order.
    pub fn extend_to(&mut self, board: &Board, id: PanelId) {
        let order: Vec<PanelId> = board.panels().map(|p| p.id).collect();
        let Some(anchor) = self.anchor.filter(|a| order.contains(a)) else {
            self.select_only(id);
            return;
        };
        let (Some(a), Some(b)) = (
            order.iter().position(|p| *p == anchor),
            order.iter().position(|p| *p == id),
        ) else {
            return;
        };
        let (lo, hi) = (a.min(b), a.max(b));
        self.panels = order[lo..=hi].to_vec();
        self.focus = Some(id);
        self.scene = None;
    }

    pub fn select_scene(&mut self, id: SceneId) {
        *self = Self {
            scene: Some(id),
            ..Self::default()
        };
    }

    pub fn select_all(&mut self, board: &Board) {
        let ids: Vec<PanelId> = board.panels().map(|p| p.id).collect();
        self.select_many(&ids);
    }

    /// Forget panels that are no longer on the board (after undo, delete).
    pub fn retain_existing(&mut self, board: &Board) {
        let present: HashSet<PanelId> = board.panels().map(|p| p.id).collect();
        self.panels.retain(|p| present.contains(p));
        if self.anchor.is_some_and(|a| !present.contains(&a)) {
            self.anchor = self.panels.first().copied();
        }
        if self.focus.is_some_and(|f| !present.contains(&f)) {
            self.focus = self.panels.last().copied();
        }
        if self.scene.is_some_and(|s| board.scene(s).is_none()) {
            self.scene = None;
        }
    }

    /// Move the focus by `delta` panels in board order (arrow keys), or to
    /// the first/last panel; with `extend`, grow the range from the anchor.
    pub fn step(&mut self, board: &Board, target: Step, extend: bool) {
        let order: Vec<PanelId> = board.panels().map(|p| p.id).collect();
        if order.is_empty() {
            return;
        }
        let current = self.focus.and_then(|f| order.iter().position(|p| *p == f));
        let index = match (target, current) {
            (Step::First, _) => 0,
            (Step::Last, _) => order.len() - 1,
            (Step::By(_), None) => 0,
            (Step::By(d), Some(i)) => (i as i64 + d).clamp(0, order.len() as i64 - 1) as usize,
        };
        let id = order[index];
        if extend {
            self.extend_to(board, id);
        } else {
            self.select_only(id);
        }
    }
}

/// A keyboard movement of the selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    By(i64),
    First,
    Last,
}
