//! The app's own modal dialogs: save-before, messages, missing images and
//! delete confirmations. Each returns the user's answer; the app acts on it.

use std::path::PathBuf;

use crate::model::{PanelId, SceneId};
use crate::store;

use super::document::Document;

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    Close,
    New,
    Open(Option<PathBuf>),
    ImportStoryboarder(PathBuf),
}

/// What a Delete removes.
#[derive(Clone, Debug)]
pub enum DeleteTarget {
    Scene(SceneId),
    Panels(Vec<PanelId>),
}

pub enum Modal {
    /// Save / Discard / Cancel before `Pending`.
    Unsaved(Pending),
    Message {
        title: String,
        body: String,
    },
    Problems,
    /// Asked before deleting what the user may not have in mind.
    ConfirmDelete {
        question: String,
        target: DeleteTarget,
    },
}

/// The user's answer to a modal.
pub enum Answer {
    /// Not answered yet: the modal stays.
    Open,
    /// OK, Cancel, Esc or a click outside.
    Closed,
    SaveThen(Pending),
    DiscardThen(Pending),
    Delete(DeleteTarget),
    /// Copy the images kept outside the board's folder in.
    BringAssetsIn,
}

/// Draw `modal` over the window; returns the answer.
pub fn show(ctx: &egui::Context, modal: &Modal, doc: &Document) -> Answer {
    let mut answer = Answer::Open;
    let response = egui::Modal::new(egui::Id::unique("shotboard-modal")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        match modal {
            Modal::Unsaved(pending) => {
                ui.heading("Save changes?");
                ui.label(format!(
                    "“{}” has unsaved changes. Save them first?",
                    doc.display_name()
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Answer::SaveThen(pending.clone());
                    }
                    if ui.button("Discard").clicked() {
                        answer = Answer::DiscardThen(pending.clone());
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Answer::Closed;
                    }
                });
            }
            Modal::Message { title, body } => {
                ui.heading(title);
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| ui.label(body));
                if ui.button("OK").clicked() {
                    answer = Answer::Closed;
                }
            }
            Modal::ConfirmDelete { question, target } => {
                ui.heading("Delete?");
                ui.label(question.as_str());
                ui.label("Undo (Ctrl+Z) brings it back.");
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Delete").clicked() {
                        answer = Answer::Delete(target.clone());
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Answer::Closed;
                    }
                });
            }
            Modal::Problems => {
                if problems(ui, doc) {
                    answer = Answer::BringAssetsIn;
                }
                if ui.button("OK").clicked() {
                    answer = Answer::Closed;
                }
            }
        }
    });
    if response.should_close() && matches!(answer, Answer::Open) {
        answer = Answer::Closed;
    }
    answer
}

/// The missing-images list; true when "Copy them in" was clicked.
fn problems(ui: &mut egui::Ui, doc: &Document) -> bool {
    let mut bring_in = false;
    ui.heading("Missing images");
    let outside = store::outside_assets(doc.board(), doc.asset_root());
    if doc.problems().is_empty() && outside.is_empty() {
        ui.label("Every image of this board is present and readable.");
    }
    if !outside.is_empty() {
        ui.label(format!(
            "{} image(s) are kept outside {}, e.g. in another board's folder: they go missing when this board is moved or sent.",
            outside.len(),
            store::assets_dir_name(doc.asset_root())
        ));
        if ui
            .add_enabled(
                !doc.is_read_only(),
                egui::Button::new("Copy them into this board's folder"),
            )
            .clicked()
        {
            bring_in = true;
        }
        ui.separator();
    }
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .show(ui, |ui| {
            for p in doc.problems() {
                ui.label(format!("• {p}"));
            }
        });
    bring_in
}
