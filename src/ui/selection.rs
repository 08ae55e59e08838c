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
    /// Panels of `hidden` (collapsed) scenes are skipped: a key never
    /// lands where the user can't see.
    pub fn step(&mut self, board: &Board, target: Step, extend: bool, hidden: &HashSet<SceneId>) {
        let order: Vec<PanelId> = board
            .scenes
            .iter()
            .filter(|s| !hidden.contains(&s.id))
            .flat_map(|s| s.panels.iter().map(|p| p.id))
            .collect();
        if order.is_empty() {
            return;
        }
        // A focus inside a hidden scene counts from where it sits: the
        // number of visible panels before it.
        let current = self
            .focus
            .and_then(|f| match order.iter().position(|p| *p == f) {
                Some(i) => Some(Position::Visible(i)),
                None => {
                    let visible_before = board
                        .scenes
                        .iter()
                        .flat_map(|s| s.panels.iter().map(move |p| (s.id, p.id)))
                        .take_while(|(_, id)| *id != f)
                        .filter(|(scene, _)| !hidden.contains(scene))
                        .count();
                    board
                        .panel(f)
                        .map(|_| Position::HiddenAfter(visible_before))
                }
            });
        let last = order.len() as i64 - 1;
        let index = match (target, current) {
            (Step::First, _) => 0,
            (Step::Last, _) => last,
            (Step::By(_), None) => 0,
            (Step::By(d), Some(Position::Visible(i))) => i as i64 + d,
            // From a hidden panel, "the next one" is the first visible one
            // after it, "the previous one" the last visible one before it.
            (Step::By(d), Some(Position::HiddenAfter(n))) => {
                n as i64 + if d > 0 { d - 1 } else { d }
            }
        }
        .clamp(0, last) as usize;
        let id = order[index];
        if extend {
            self.extend_to(board, id);
        } else {
            self.select_only(id);
        }
    }
}

/// Where the focus sits among the visible panels.
enum Position {
    Visible(usize),
    /// In a hidden scene, after this many visible panels.
    HiddenAfter(usize),
}

/// A keyboard movement of the selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    By(i64),
    First,
    Last,
}
