//! "Update from script": the review of a planned update before anything
//! changes. The plan ([`SyncPlan`]) is made by a job; this window lists
//! what it would do, scene by scene, with word diffs, and lets the user
//! accept all or some scenes and choose to overwrite text they edited by
//! hand. It returns the reviewed plan; the app applies it as one edit.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText, Stroke};

use crate::import::screenplay::sync::{
    PanelChange, SceneChange, SceneChangeKind, SyncPlan, TextChange, WordDiff,
};
use crate::model::{Board, PanelId, SceneId, labels};

/// The extensions the script questions offer: Fountain and Final Draft.
pub const SCRIPT_EXTENSIONS: &[&str] = &["fountain", "spmd", "txt", "fdx"];

/// What the review ended with.
#[derive(Debug)]
pub enum UpdateAnswer {
    /// Apply the plan's accepted parts; `watch` says whether to watch
    /// `script` for the next draft.
    Apply {
        plan: Box<SyncPlan>,
        script: PathBuf,
        watch: bool,
    },
    Cancelled,
}

/// The review window's state: open while a plan waits for the user.
#[derive(Default)]
pub struct ScriptUpdate {
    review: Option<Review>,
}

struct Review {
    script: PathBuf,
    file: String,
    /// Watch the script and offer the next update when it changes.
    watch: bool,
    plan: SyncPlan,
    /// Scene numbers and panel labels as the board shows them now.
    scene_number: HashMap<SceneId, String>,
    panel_label: HashMap<PanelId, String>,
    /// (scene, panel change, text change) indices of text a person edited:
    /// kept unless the user ticks "Overwrite".
    hand_edited: Vec<(usize, usize, usize)>,
}

impl ScriptUpdate {
    /// Show the review of `plan` (made from `path` against `board`).
    /// Returns false, opening nothing, when the script changes nothing.
    pub fn open(&mut self, path: &Path, plan: SyncPlan, board: &Board, watching: bool) -> bool {
        if !plan.scenes.iter().any(shown) {
            return false;
        }
        let mut scene_number = HashMap::new();
        let mut panel_label = HashMap::new();
        let numbers = labels::scene_numbers(board);
        let shots = labels::shot_labels(board);
        for ((scene, number), shot_labels) in board.scenes.iter().zip(numbers).zip(shots) {
            scene_number.insert(scene.id, number);
            for (panel, label) in scene.panels.iter().zip(shot_labels) {
                panel_label.insert(panel.id, label.to_string());
            }
        }
        let mut hand_edited = Vec::new();
        for (s, scene) in plan.scenes.iter().enumerate() {
            for (p, panel) in scene.panels.iter().enumerate() {
                if let PanelChange::Text { changes, .. } = panel {
                    for (c, change) in changes.iter().enumerate() {
                        if change.kept {
                            hand_edited.push((s, p, c));
                        }
                    }
                }
            }
        }
        self.review = Some(Review {
            script: path.to_path_buf(),
            watch: watching,
            file: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into(),
            ),
            plan,
            scene_number,
            panel_label,
            hand_edited,
        });
        true
    }

    pub fn is_open(&self) -> bool {
        self.review.is_some()
    }

    /// Draw the review while it is open; returns the answer once given.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<UpdateAnswer> {
        let review = self.review.as_mut()?;
        let mut answer = None;
        let response =
            egui::Modal::new(egui::Id::unique("shotboard-script-update")).show(ctx, |ui| {
                ui.set_max_width(680.0);
                ui.heading("Update from script");
                ui.label(format!(
                    "{}: {}. Panels and drawings stay with their scenes; nothing is deleted.",
                    review.file,
                    review.plan.counts()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Accept all").clicked() {
                        review.plan.scenes.iter_mut().for_each(|s| s.accept = true);
                    }
                    if ui.button("Reject all").clicked() {
                        review.plan.scenes.iter_mut().for_each(|s| s.accept = false);
                    }
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .max_height(ctx.content_rect().height() * 0.6)
                    .auto_shrink([false, true])
                    .show(ui, |ui| review.scenes_ui(ui));
                if !review.plan.warnings.is_empty() {
                    ui.collapsing(
                        format!("{} note(s) on the script", review.plan.warnings.len()),
                        |ui| {
                            for w in &review.plan.warnings {
                                ui.label(w.to_string());
                            }
                        },
                    );
                }
                ui.separator();
                ui.checkbox(
                    &mut review.watch,
                    "Watch this script and offer the update when it changes",
                );
                ui.horizontal(|ui| {
                    let apply = ui
                        .add_enabled(review.plan.has_changes(), egui::Button::new("Apply update"))
                        .on_disabled_hover_text("Nothing accepted changes the board");
                    if apply.clicked() {
                        answer = Some(UpdateAnswer::Apply {
                            plan: Box::new(review.plan.clone()),
                            script: review.script.clone(),
                            watch: review.watch,
                        });
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(UpdateAnswer::Cancelled);
                    }
                });
            });
        if response.should_close() && answer.is_none() {
            answer = Some(UpdateAnswer::Cancelled);
        }
        if answer.is_some() {
            self.review = None;
        }
        answer
    }
}

/// Whether a scene's change is worth a line in the review.
fn shown(change: &SceneChange) -> bool {
    match change.kind {
        SceneChangeKind::Changed | SceneChangeKind::New | SceneChangeKind::Omitted => true,
        SceneChangeKind::Unchanged => change.moved,
        SceneChangeKind::NotInScript => false,
    }
}

fn kind_name(change: &SceneChange) -> &'static str {
    match change.kind {
        SceneChangeKind::Changed if change.moved => "Changed and moved",
        SceneChangeKind::Changed => "Changed",
        SceneChangeKind::New => "New",
        SceneChangeKind::Omitted => "Omitted",
        SceneChangeKind::Unchanged => "Moved",
        SceneChangeKind::NotInScript => "Made by hand",
    }
}

impl Review {
    fn scenes_ui(&mut self, ui: &mut egui::Ui) {
        let hidden = self.plan.scenes.iter().filter(|c| !shown(c)).count();
        for s in 0..self.plan.scenes.len() {
            if !shown(&self.plan.scenes[s]) {
                continue;
            }
            let change = &mut self.plan.scenes[s];
            let number = change
                .board_scene
                .and_then(|id| self.scene_number.get(&id))
                .map_or(String::new(), |n| format!("{n} "));
            let title = format!("{}: {number}{}", kind_name(change), change.heading);
            ui.checkbox(&mut change.accept, RichText::new(title).strong())
                .on_hover_text("Apply this scene's part of the update");
            let accepted = change.accept;
            ui.indent(("script-scene", s), |ui| {
                ui.add_enabled_ui(accepted, |ui| self.scene_detail(ui, s));
            });
            ui.add_space(4.0);
        }
        if hidden > 0 {
            ui.weak(format!(
                "{hidden} other scene(s) unchanged or made by hand: left as they are"
            ));
        }
    }

    fn scene_detail(&mut self, ui: &mut egui::Ui, s: usize) {
        let change = &self.plan.scenes[s];
        if let Some(heading) = &change.heading_change {
            text_change_ui(ui, "Heading", heading);
        }
        if let Some((old, new)) = &change.number_change {
            let show = |n: &Option<String>| n.clone().unwrap_or_else(|| "none".to_owned());
            ui.label(format!("Scene number: {} → {}", show(old), show(new)));
        }
        match change.kind {
            SceneChangeKind::New => {
                ui.label(format!("{} new panel(s)", change.panels.len()));
                return;
            }
            SceneChangeKind::Omitted => {
                ui.label(format!(
                    "{} panel(s) move to the OMITTED scene, with their drawings",
                    change.panels.len()
                ));
                return;
            }
            _ => {}
        }
        let mut new_panels = 0;
        for p in 0..self.plan.scenes[s].panels.len() {
            let texts = match &self.plan.scenes[s].panels[p] {
                PanelChange::Text { panel, changes } => Some((*panel, changes.len())),
                PanelChange::New { .. } => {
                    new_panels += 1;
                    None
                }
                PanelChange::Omitted { panel } => {
                    ui.label(format!(
                        "{} moves to the OMITTED scene (its paragraph left the script)",
                        self.panel_name(*panel)
                    ));
                    None
                }
            };
            if let Some((panel, count)) = texts {
                let label = self.panel_name(panel);
                for c in 0..count {
                    self.panel_text_ui(ui, &label, (s, p, c));
                }
            }
        }
        if new_panels > 0 {
            ui.label(format!("{new_panels} new panel(s)"));
        }
    }

    fn panel_name(&self, id: PanelId) -> String {
        self.panel_label
            .get(&id)
            .map_or_else(|| format!("Panel {id}"), |l| format!("Panel {l}"))
    }

    /// One text change of a panel; text edited by hand gets an "Overwrite"
    /// tick, off by default.
    fn panel_text_ui(&mut self, ui: &mut egui::Ui, label: &str, at: (usize, usize, usize)) {
        let (s, p, c) = at;
        let PanelChange::Text { changes, .. } = &mut self.plan.scenes[s].panels[p] else {
            return;
        };
        let Some(change) = changes.get_mut(c) else {
            return;
        };
        let name = format!("{label} {}", change.field.name());
        text_change_ui(ui, &name, change);
        if self.hand_edited.contains(&at) {
            let mut overwrite = !change.kept;
            ui.checkbox(
                &mut overwrite,
                format!("Overwrite the hand edit of {name}"),
            )
            .on_hover_text(
                "This text was edited by hand after the script gave it; it is kept unless ticked",
            );
            change.kept = !overwrite;
        }
    }
}

fn text_change_ui(ui: &mut egui::Ui, name: &str, change: &TextChange) {
    ui.horizontal_wrapped(|ui| {
        let note = if change.kept {
            " (edited by hand: kept)"
        } else {
            ""
        };
        ui.label(RichText::new(format!("{name}{note}:")).italics());
        ui.label(diff_job(ui, &change.diff));
    });
}

/// The word diff as one text: removed words struck through in red, added
/// ones underlined in green.
fn diff_job(ui: &egui::Ui, diff: &[WordDiff]) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = ui.visuals().text_color();
    let (red, green) = if ui.visuals().dark_mode {
        (
            Color32::from_rgb(255, 120, 110),
            Color32::from_rgb(120, 220, 130),
        )
    } else {
        (
            Color32::from_rgb(190, 30, 30),
            Color32::from_rgb(20, 130, 40),
        )
    };
    let mut job = LayoutJob::default();
    for (i, part) in diff.iter().enumerate() {
        let (text, format) = match part {
            WordDiff::Same(t) => (t, TextFormat::simple(font.clone(), plain)),
            WordDiff::Removed(t) => (
                t,
                TextFormat {
                    strikethrough: Stroke::new(1.0, red),
                    ..TextFormat::simple(font.clone(), red)
                },
            ),
            WordDiff::Added(t) => (
                t,
                TextFormat {
                    underline: Stroke::new(1.0, green),
                    ..TextFormat::simple(font.clone(), green)
                },
            ),
        };
        if i > 0 {
            job.append(" ", 0.0, TextFormat::simple(font.clone(), plain));
        }
        job.append(text, 0.0, format);
    }
    job
}
