//! Shotboard: a desktop storyboard editor.
//!
//! The library holds everything; `main.rs` is a thin CLI over it. Modules
//! depend downward only: `ui` → `export`/`import`/`store`/`render` → `edit` →
//! `model`.

pub mod edit;
pub mod export;
pub mod model;
