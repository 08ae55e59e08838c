//! The egui user interface: the app shell, canvas, inspector and their
//! helpers. Everything here reads the document and turns user input into
//! edits; nothing here writes files except through `store`.

mod app;
mod autosave;
mod breakdown;
mod canvas;
mod clipboard;
mod commands;
mod comments;
mod crash;
mod desktop_state;
mod dialogs;
mod document;
mod export_choices;
mod export_dialog;
mod file_browser;
mod file_chooser;
mod files;
mod find;
mod icon;
mod imports;
mod inspector;
mod jobs;
mod layout;
mod logs;
mod memory;
mod menus;
mod modals;
mod palette;
mod plan;
mod player;
mod prefs;
mod present;
mod production;
mod review;
mod review_state;
mod safety;
mod script_update;
mod script_watch;
mod selection;
mod shortcuts;
mod shot_list;
pub mod sketch;
mod snapshots;
mod status_bar;
mod takes;
mod thumb_loader;
mod thumbs;
mod timeline;

use std::path::PathBuf;

pub use app::{ShotboardApp, Startup};
pub use canvas::CanvasAction;
pub use commands::{AppCommand, Scope};
pub use crash::{Flushed, VERSION};
pub use dialogs::{Answer, FileDialogs, FileRequest, NativeDialogs, ScriptedDialogs};
pub use document::Document;
pub use prefs::{Prefs, Theme};
pub use production::{ProductionState, ProductionView};
pub use safety::{Safety, SafetyAction};
pub use selection::{Selection, Step};
pub use shot_list::ShotListState;
pub use thumb_loader::{cached_thumbnail_loader, render_thumbnail_loader};
pub use thumbs::{ThumbLoader, ThumbRender, ThumbRequest};

/// Open the main window. With no file, an untitled copy of the demo board.
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    memory::share_one_arena();
    let data_dir = files::data_dir();
    logs::init(&logs::logs_dir(&data_dir));
    crash::install_hook();
    log::info!(
        "Shotboard {} starting on {}",
        crash::VERSION,
        crash::system_description()
    );
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
            // Older versions kept the preferences in eframe's storage.
            let prefs: Prefs = prefs::load(&data_dir)
                .or_else(|| {
                    cc.storage
                        .and_then(|s| eframe::get_value(s, prefs::STORAGE_KEY))
                })
                .unwrap_or_default();
            Ok(Box::new(ShotboardApp::new(Startup::native(file, prefs))))
        }),
    )
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    /// The `ui` modules each file names through `super::` or `crate::ui::`
    /// outside its tests.
    fn ui_imports() -> BTreeMap<String, BTreeSet<String>> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
        let mut graph = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let (name, file) = if path.is_dir() {
                (
                    entry.file_name().to_string_lossy().into_owned(),
                    path.join("mod.rs"),
                )
            } else {
                let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
                (stem, path)
            };
            if name == "mod" || !file.is_file() {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let mut deps = BTreeSet::new();
            for prefix in ["super::", "crate::ui::"] {
                for (at, _) in code.match_indices(prefix) {
                    let rest = &code[at + prefix.len()..];
                    let end = rest
                        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .unwrap_or(rest.len());
                    deps.insert(rest[..end].to_owned());
                }
            }
            graph.insert(name, deps);
        }
        graph
    }

    #[test]
    fn no_ui_module_imports_one_that_imports_it_back() {
        let graph = ui_imports();
        assert!(graph.contains_key("app") && graph.contains_key("commands"));
        for (module, deps) in &graph {
            for dep in deps {
                let back = graph.get(dep).is_some_and(|d| d.contains(module));
                assert!(!back, "ui::{module} and ui::{dep} import each other");
            }
        }
    }
}
