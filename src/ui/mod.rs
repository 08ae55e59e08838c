//! The egui user interface: the app shell, canvas, inspector and their
//! helpers. Everything here reads the document and turns user input into
//! edits; nothing here writes files except through `store`.

mod app;
mod autosave;
mod canvas;
mod dialogs;
mod document;
mod files;
mod inspector;
mod layout;
mod prefs;
mod safety;
mod selection;
mod thumbs;

use std::path::PathBuf;
use std::sync::Arc;

pub use app::{AppCommand, ShotboardApp, Startup};
pub use canvas::CanvasAction;
pub use dialogs::{FileDialogs, NativeDialogs, ScriptedDialogs};
pub use document::Document;
pub use prefs::Prefs;
pub use safety::{Safety, SafetyAction};
pub use selection::{Selection, Step};
pub use thumbs::{ThumbLoader, ThumbRequest};

/// The thumbnail loader used by the app: decode the frame image, then draw
/// it with the panel's strokes through the shared renderer.
pub fn render_thumbnail_loader() -> ThumbLoader {
    Arc::new(|req: &ThumbRequest| {
        let mut options = crate::render::RenderOptions::default();
        let image = match &req.image_path {
            Some(path) => {
                let decoded = std::fs::read(path)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| {
                        crate::import::image::decode_thumbnail(&bytes, req.width_px * 2)
                            .map_err(|e| e.to_string())
                    });
                // A broken image draws as the same placeholder exports use,
                // with the panel's strokes still on top.
                options.missing_image = decoded.is_err();
                decoded.ok()
            }
            None => None,
        };
        Ok(crate::render::render_panel(
            &req.panel,
            image.as_ref(),
            req.aspect,
            req.width_px,
            &options,
        ))
    })
}

/// Open the main window. With no file, an untitled copy of the demo board.
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Shotboard")
            .with_app_id("shotboard")
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
