//! Undo/redo with named steps, coalescing, a dirty flag and a memory bound.
//!
//! Steps are kept until they pass a memory budget (a `ReplaceBoard` step
//! holds a whole board); then the oldest go, and the caller is told once so
//! the user can read why undo stops earlier than they expect.

use crate::model::Board;

use super::{Edit, EditError};

/// How much memory the steps of one history may hold before the oldest are
/// dropped: a few hundred whole-board replacements of a large board.
pub const DEFAULT_BUDGET_BYTES: usize = 256 << 20;

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
    /// Estimated memory of `forward` and `inverse`.
    bytes: usize,
}

impl Step {
    fn measure(&mut self) {
        self.bytes = self.label.len() + self.forward.approx_bytes() + self.inverse.approx_bytes();
    }
}

/// An undo or redo that could not be applied. The board is unchanged and
/// the step stays where it was (nothing is dropped, redo is kept), so the
/// user can save, or try again after whatever blocked it is fixed.
#[derive(Debug, thiserror::Error)]
#[error("Could not {action} {label}: {source}")]
pub struct StepError {
    /// "undo" or "redo".
    pub action: &'static str,
    /// The step's label ("Move 3 panels").
    pub label: String,
    #[source]
    pub source: EditError,
}

/// Oldest steps dropped to stay under the memory budget, since the caller
/// last asked ([`History::take_trimmed`]). Displays as a one-line note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trimmed {
    pub steps: usize,
    pub budget_bytes: usize,
}

impl std::fmt::Display for Trimmed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (count, noun) = match self.steps {
            1 => (String::new(), "step"),
            n => (format!("{n} "), "steps"),
        };
        write!(
            f,
            "Undo history is full ({} MiB): the {count}oldest {noun} can no longer be undone",
            self.budget_bytes >> 20
        )
    }
}

/// The undo and redo stacks of one open board.
#[derive(Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Source of fresh revision numbers.
    revisions: u64,
    /// Revision of the document as last saved (0 = as opened).
    saved_revision: u64,
    /// Revision of the state below the oldest undo step: 0 until steps are
    /// dropped, then the revision the oldest dropped step produced, so the
    /// dirty flag stays right when the saved state's step is gone.
    base_revision: u64,
    /// Bumped on every change, including undo and redo; watchers (caches,
    /// autosave) compare it with the last value they saw.
    generation: u64,
    /// Sum of every step's `bytes`, undo and redo.
    bytes: usize,
    budget_bytes: usize,
    /// Steps dropped since the last [`Self::take_trimmed`].
    trimmed: usize,
}

impl Default for History {
    fn default() -> Self {
        Self::with_budget(DEFAULT_BUDGET_BYTES)
    }
}

impl History {
    pub fn new() -> Self {
        Self::default()
    }

    /// A history that drops its oldest steps once they hold more than
    /// `budget_bytes`. The newest step is always kept, however large.
    pub fn with_budget(budget_bytes: usize) -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            revisions: 0,
            saved_revision: 0,
            base_revision: 0,
            generation: 0,
            bytes: 0,
            budget_bytes,
            trimmed: 0,
        }
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
        self.bytes -= self.redo.drain(..).map(|s| s.bytes).sum::<usize>();
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
            self.bytes -= top.bytes;
            top.measure();
            self.bytes += top.bytes;
        } else {
            let mut step = Step {
                label,
                forward,
                inverse,
                coalesce,
                revision,
                bytes: 0,
            };
            step.measure();
            self.bytes += step.bytes;
            self.undo.push(step);
        }
        self.trim();
        Ok(())
    }

    /// Drop the oldest undo steps while the history is over budget,
    /// keeping the newest. Only called after an edit, when redo is empty.
    fn trim(&mut self) {
        let excess = self.undo.len().saturating_sub(1);
        let mut drop = 0;
        while drop < excess && self.bytes > self.budget_bytes {
            let step = &self.undo[drop];
            self.bytes -= step.bytes;
            self.base_revision = step.revision;
            drop += 1;
        }
        if drop > 0 {
            self.undo.drain(..drop);
            self.trimmed += drop;
        }
    }

    /// Steps dropped to stay under the budget since the last call, if any:
    /// the caller shows it once as a note.
    pub fn take_trimmed(&mut self) -> Option<Trimmed> {
        let steps = std::mem::take(&mut self.trimmed);
        (steps > 0).then_some(Trimmed {
            steps,
            budget_bytes: self.budget_bytes,
        })
    }

    /// Stop merging: the next coalescing edit starts a new step even with
    /// the same key.
    pub fn end_coalescing(&mut self) {
        if let Some(top) = self.undo.last_mut() {
            top.coalesce = None;
        }
    }

    /// Undo the last step; returns its label, or `None` when there is
    /// nothing to undo. On error nothing changed (see [`StepError`]).
    pub fn undo(&mut self, board: &mut Board) -> Result<Option<String>, StepError> {
        let Some(mut step) = self.undo.pop() else {
            return Ok(None);
        };
        if let Err(source) = step.inverse.clone().apply(board) {
            let error = StepError {
                action: "undo",
                label: step.label.clone(),
                source,
            };
            self.undo.push(step);
            return Err(error);
        }
        step.coalesce = None;
        let label = step.label.clone();
        self.redo.push(step);
        self.generation += 1;
        Ok(Some(label))
    }

    /// Redo the last undone step; returns its label, or `None` when there
    /// is nothing to redo. On error nothing changed (see [`StepError`]).
    pub fn redo(&mut self, board: &mut Board) -> Result<Option<String>, StepError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        if let Err(source) = step.forward.clone().apply(board) {
            let error = StepError {
                action: "redo",
                label: step.label.clone(),
                source,
            };
            self.redo.push(step);
            return Err(error);
        }
        let label = step.label.clone();
        self.undo.push(step);
        self.generation += 1;
        Ok(Some(label))
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
        self.undo.last().map_or(self.base_revision, |s| s.revision)
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
            self.bytes -= step.bytes;
            step.measure();
            self.bytes += step.bytes;
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
