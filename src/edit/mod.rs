//! The one way to change a board.
//!
//! The UI (and every headless command) describes a change as an [`Edit`] and
//! applies it through [`History`]. Applying an edit returns its exact
//! inverse, which is what gives unlimited undo/redo, a dirty flag and
//! autosave triggers in one place.

mod apply;
mod history;
pub mod ops;
mod size;

pub use apply::{BoardField, Edit, EditError, PanelField, SceneField};
pub use history::{History, StepError, Trimmed};

#[cfg(test)]
mod tests;
