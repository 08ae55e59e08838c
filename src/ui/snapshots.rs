//! File → Snapshots…: keep a named copy of the board beside it, see what
//! changed since one, restore one in place (one undo step) or as a new
//! board; and the compare window, which also shows a board against any
//! other board file.
//!
//! The window only draws and returns what the user asked for; the app runs
//! the file work as jobs and hands the results back here.

use std::path::Path;

use egui::RichText;

use crate::store::Snapshot;

/// What the user asked for in the Snapshots window.
#[derive(Clone, Debug, PartialEq)]
pub enum SnapshotAction {
    /// List the board's snapshots (again).
    Refresh,
    /// Keep the board as it is now under this name.
    Save(String),
    /// Show what changed between snapshot `name` and the board now.
    Compare(String),
    /// Make the board what snapshot `name` holds (one undo step).
    RestoreInPlace(String),
    /// Write snapshot `name` as a new board (asks where).
    RestoreAsCopy(String),
}

/// A list of differences to show, with what was compared.
pub struct Comparison {
    pub title: String,
    pub lines: Vec<String>,
}

/// The Snapshots window's and the compare window's state.
#[derive(Default)]
pub struct SnapshotsWindow {
    pub open: bool,
    /// The board's snapshots, once listed (or why they could not be).
    list: Option<Result<Vec<Snapshot>, String>>,
    /// The name typed for the next snapshot.
    name: String,
    /// The compare window's content, while it is open.
    comparison: Option<Comparison>,
}

impl SnapshotsWindow {
    /// Open the window and ask for the list.
    pub fn open(&mut self) -> SnapshotAction {
        self.open = true;
        self.list = None;
        SnapshotAction::Refresh
    }

    /// The listed snapshots arrived.
    pub fn listed(&mut self, list: Result<Vec<Snapshot>, String>) {
        self.list = Some(list);
    }

    /// A snapshot was saved: clear the name for the next one.
    pub fn saved(&mut self) {
        self.name.clear();
    }

    /// Show `comparison` in the compare window.
    pub fn compare(&mut self, comparison: Comparison) {
        self.comparison = Some(comparison);
    }

    /// Draw both windows. `board_file` is the open board's file (`None`
    /// while untitled: snapshots live beside a saved board).
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        board_file: Option<&Path>,
    ) -> Option<SnapshotAction> {
        let mut action = None;
        self.compare_ui(ctx);
        if !self.open {
            return None;
        }
        let mut open = true;
        egui::Window::new("Snapshots")
            .open(&mut open)
            .collapsible(false)
            .default_width(420.0)
            .default_pos(ctx.content_rect().left_top() + egui::vec2(80.0, 60.0))
            .show(ctx, |ui| {
                if board_file.is_none() {
                    ui.label("Save the board first: snapshots are kept beside its file.");
                    return;
                }
                ui.horizontal(|ui| {
                    let label = ui.label("Name");
                    let field = ui
                        .add(egui::TextEdit::singleline(&mut self.name).hint_text("e.g. before notes"))
                        .labelled_by(label.id);
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    let save = ui
                        .add_enabled(!self.name.trim().is_empty(), egui::Button::new("Save snapshot"))
                        .on_hover_text("Keep the board as it is now; images are shared, not copied");
                    if (save.clicked() || enter) && !self.name.trim().is_empty() {
                        action = Some(SnapshotAction::Save(self.name.trim().to_owned()));
                    }
                });
                ui.separator();
                match &self.list {
                    None => {
                        ui.weak("Listing…");
                    }
                    Some(Err(e)) => {
                        ui.colored_label(ui.visuals().error_fg_color, e);
                    }
                    Some(Ok(list)) if list.is_empty() => {
                        ui.weak("No snapshots yet.");
                    }
                    Some(Ok(list)) => {
                        egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                            for snapshot in list {
                                ui.horizontal(|ui| {
                                    ui.label(RichText::new(&snapshot.name).strong());
                                    let name = || snapshot.name.clone();
                                    if ui
                                        .button("Compare")
                                        .on_hover_text("What changed since this snapshot")
                                        .clicked()
                                    {
                                        action = Some(SnapshotAction::Compare(name()));
                                    }
                                    if ui
                                        .button("Restore")
                                        .on_hover_text("Make the board this snapshot (Undo brings it back)")
                                        .clicked()
                                    {
                                        action = Some(SnapshotAction::RestoreInPlace(name()));
                                    }
                                    if ui
                                        .button("Restore as copy…")
                                        .on_hover_text("Write this snapshot as a new board")
                                        .clicked()
                                    {
                                        action = Some(SnapshotAction::RestoreAsCopy(name()));
                                    }
                                });
                            }
                        });
                    }
                }
            });
        if !open {
            self.open = false;
        }
        action
    }

    fn compare_ui(&mut self, ctx: &egui::Context) {
        let Some(comparison) = &self.comparison else {
            return;
        };
        let mut open = true;
        egui::Window::new("Compare")
            .open(&mut open)
            .collapsible(false)
            .default_width(520.0)
            // Right of the Snapshots window, so its buttons stay reachable.
            .default_pos(ctx.content_rect().right_top() + egui::vec2(-560.0, 60.0))
            .show(ctx, |ui| {
                ui.label(RichText::new(&comparison.title).strong());
                ui.separator();
                if comparison.lines.is_empty() {
                    ui.label("No differences.");
                }
                egui::ScrollArea::vertical()
                    .max_height(420.0)
                    .show(ui, |ui| {
                        for line in &comparison.lines {
                            ui.label(format!("• {line}"));
                        }
                    });
            });
        if !open {
            self.comparison = None;
        }
    }

    /// Test seam: the compare window's lines, while it is open.
    pub fn comparison_lines(&self) -> Option<&[String]> {
        self.comparison.as_ref().map(|c| c.lines.as_slice())
    }
}
