//! GUI tests: egui_kittest drives the real app state with clicks, keys and
//! drags, and the tests assert on the board afterwards. No display needed.

#[path = "common/processes.rs"]
mod processes;

mod ui {
    pub mod support;

    mod canvas;
    mod commands;
    mod data_safety;
    mod files;
    mod first_hour;
    mod handoff;
    mod inspector;
    mod jobs;
    mod review;
    mod safety;
    mod sketch;
    mod snapshots;
}
