//! Shotboard: a desktop storyboard editor.
//!
//! The library holds everything; `main.rs` is a thin CLI over it. Modules
//! depend downward only; `docs/ARCHITECTURE.md` is the map, and
//! `tests/architecture.rs` enforces it.

pub mod demo;
pub mod edit;
pub mod export;
pub mod headless;
pub mod import;
pub mod media;
pub mod merge;
pub mod model;
pub mod playback;
pub mod render;
pub mod store;
pub mod ui;

/// The demo board's files, embedded by build.rs from assets/demo.
mod demo_files {
    include!(concat!(env!("OUT_DIR"), "/demo_files.rs"));
}
