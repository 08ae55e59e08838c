//! Unlimited undo/redo with named steps, coalescing and a dirty flag.

use crate::model::Board;

use super::{Edit, EditError};

/// One undoable step.
#[derive(Clone, Debug)]
struct Step {
    /// Shown in the Edit menu: "Undo Move 3 panels".
    label: String,
    forward: Edit,
    inverse: Edit,
    /// Edits with the same key in a row merge into this step (typing into
    /// one field, dragging one slider).
    coalesce: Option<u64>,
    /// Unique per state of the document, for the dirty flag.
    revision: u64,
}

/// The undo and redo stacks of one open board.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Source of fresh revision numbers.
    revisions: u64,
    /// Revision of the document as last saved (0 = as opened).
    saved_revision: u64,
    /// Bumped on every change, including undo and redo; watchers (caches,
    /// autosave) compare it with the last value they saw.
    generation: u64,
}

impl History {
    pub fn new() -> Self {
        Self::default()
    }

    /// Apply an edit as its own undo step.
    pub fn apply(
        &mut self,
        board: &mut Board,
        edit: Edit,
        label: impl Into<String>,
    ) -> Result<(), EditError> {
        self.apply_inner(board, edit, label.into(), None)
    }

    /// Apply an edit, merging it into the previous step when that step has
    /// the same `key`. Use one key per continuous gesture (a field being
    /// typed into, a slider being dragged); call [`Self::end_coalescing`]
    /// when the gesture ends.
    pub fn apply_coalescing(
        &mut self,
        board: &mut Board,
        edit: Edit,
        label: impl Into<String>,
        key: u64,
    ) -> Result<(), EditError> {
        self.apply_inner(board, edit, label.into(), Some(key))
    }

    fn apply_inner(
        &mut self,
        board: &mut Board,
        edit: Edit,
        label: String,
        coalesce: Option<u64>,
    ) -> Result<(), EditError> {
        let forward = edit.clone();
        let inverse = edit.apply(board)?;
        self.redo.clear();
        self.generation += 1;
        self.revisions += 1;
        let revision = self.revisions;
        if let (Some(key), Some(top)) = (coalesce, self.undo.last_mut())
            && top.coalesce == Some(key)
        {
            // Keep the oldest inverse: undo returns to before the gesture.
            if supersedes(&forward, &top.forward) {
                // Setting the same fields again: the new value is all that
                // redo needs, so typing does not grow the history.
                top.forward = forward;
            } else {
                let old_forward = std::mem::replace(&mut top.forward, Edit::Batch(Vec::new()));
                top.forward = Edit::Batch(vec![old_forward, forward]);
                let old_inverse = std::mem::replace(&mut top.inverse, Edit::Batch(Vec::new()));
                top.inverse = Edit::Batch(vec![inverse, old_inverse]);
            }
            top.label = label;
            top.revision = revision;
            return Ok(());
        }
        self.undo.push(Step {
            label,
            forward,
            inverse,
            coalesce,
            revision,
        });
        Ok(())
    }

    /// Stop merging: the next coalescing edit starts a new step even with
    /// the same key.
    pub fn end_coalescing(&mut self) {
        if let Some(top) = self.undo.last_mut() {
            top.coalesce = None;
        }
    }

    /// Undo the last step; returns its label.
    pub fn undo(&mut self, board: &mut Board) -> Option<String> {
        let mut step = self.undo.pop()?;
        match step.inverse.clone().apply(board) {
            Ok(_) => {
                step.coalesce = None;
                let label = step.label.clone();
                self.redo.push(step);
                self.generation += 1;
                Some(label)
            }
            Err(_) => {
                // Cannot happen for a consistent history; drop the step
                // rather than corrupting the board.
                None
            }
        }
    }

    /// Redo the last undone step; returns its label.
    pub fn redo(&mut self, board: &mut Board) -> Option<String> {
        let step = self.redo.pop()?;
        match step.forward.clone().apply(board) {
            Ok(_) => {
                let label = step.label.clone();
                self.undo.push(step);
                self.generation += 1;
                Some(label)
            }
            Err(_) => None,
        }
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// Revision of the document as it is now.
    fn current_revision(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.revision)
    }

    /// True when the document differs from what was last saved (or opened).
    pub fn is_dirty(&self) -> bool {
        self.current_revision() != self.saved_revision
    }

    /// Record that the document as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.saved_revision = self.current_revision();
        self.end_coalescing();
    }

    /// Mark the document as changed without an undoable step (e.g. a board
    /// restored from a recovery file, or created from a template).
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = u64::MAX;
    }

    /// Visit every asset path held by undo and redo steps: after Save As
    /// moves images to a new folder, the history must follow or undoing a
    /// delete would bring back a panel pointing at the old folder.
    pub fn visit_assets_mut(&mut self, f: &mut dyn FnMut(&mut crate::model::AssetPath)) {
        for step in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            step.forward.visit_assets_mut(f);
            step.inverse.visit_assets_mut(f);
        }
    }

    /// Changes whenever the board changes (edit, undo, redo).
    pub fn generation(&self) -> u64 {
        self.generation
    }
}

/// True when applying `new` overwrites everything `old` set, so `old` can be
/// dropped from a coalesced step.
fn supersedes(new: &Edit, old: &Edit) -> bool {
    use std::mem::discriminant;
    match (new, old) {
        (Edit::SetPanels { changes: a }, Edit::SetPanels { changes: b }) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((ia, fa), (ib, fb))| ia == ib && discriminant(fa) == discriminant(fb))
        }
        (Edit::SetScene { id: a, field: fa }, Edit::SetScene { id: b, field: fb }) => {
            a == b && discriminant(fa) == discriminant(fb)
        }
        (Edit::SetBoard { field: a }, Edit::SetBoard { field: b }) => {
            discriminant(a) == discriminant(b)
        }
        _ => false,
    }
}
