//! The egui user interface: the app shell, canvas, inspector and their
//! helpers. Everything here reads the document and turns user input into
//! edits; nothing here writes files except through `store`.

mod app;
mod autosave;
mod canvas;
mod commands;
mod comments;
mod dialogs;
mod document;
mod export_dialog;
mod files;
mod find;
mod icon;
mod inspector;
mod jobs;
mod layout;
mod memory;
mod menus;
mod palette;
mod player;
mod prefs;
mod present;
mod review;
mod safety;
mod selection;
mod shot_list;
pub mod sketch;
mod thumb_loader;
mod thumbs;
mod timeline;

use std::path::PathBuf;

pub use app::{ShotboardApp, Startup};
pub use canvas::CanvasAction;
pub use commands::{AppCommand, Scope};
pub use dialogs::{FileDialogs, NativeDialogs, ScriptedDialogs};
pub use document::Document;
pub use prefs::Prefs;
pub use safety::{Safety, SafetyAction};
pub use selection::{Selection, Step};
pub use shot_list::ShotListState;
pub use thumb_loader::render_thumbnail_loader;
pub use thumbs::{ThumbLoader, ThumbRender, ThumbRequest};

/// Open the main window. With no file, an untitled copy of the demo board.
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    memory::share_one_arena();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Shotboard")
            .with_app_id("shotboard")
            .with_icon(icon::app_icon())
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0]),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "Shotboard",
        options,
        Box::new(move |cc| {
            let prefs: Prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, prefs::STORAGE_KEY))
                .unwrap_or_default();
            Ok(Box::new(ShotboardApp::new(Startup::native(file, prefs))))
        }),
    )
}
