//! The plan as text: what `shotboard sync` prints, and what a review
//! dialog lists.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{PanelChange, SceneChange, SceneChangeKind, SyncPlan, TextChange, render_diff};
use crate::model::{Board, PanelId, labels};

impl SyncPlan {
    /// How many scenes of each kind, e.g. `2 changed, 1 new, 1 moved`.
    pub fn counts(&self) -> String {
        let count = |f: &dyn Fn(&SceneChange) -> bool| self.scenes.iter().filter(|c| f(c)).count();
        let parts = [
            (count(&|c| c.kind == SceneChangeKind::Changed), "changed"),
            (count(&|c| c.kind == SceneChangeKind::New), "new"),
            (count(&|c| c.kind == SceneChangeKind::Omitted), "omitted"),
            (count(&|c| c.moved), "moved"),
            (
                count(&|c| c.kind == SceneChangeKind::Unchanged),
                "unchanged",
            ),
            (
                count(&|c| c.kind == SceneChangeKind::NotInScript),
                "made by hand, left alone",
            ),
        ];
        parts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The whole plan, one scene per paragraph; `board` names scenes and
    /// panels by their labels.
    pub fn summary(&self, board: &Board) -> String {
        let numbers = labels::scene_numbers(board);
        let shot_labels = labels::shot_labels(board);
        let mut label_of: HashMap<PanelId, String> = HashMap::new();
        let mut number_of = HashMap::new();
        for ((scene, number), labels) in board.scenes.iter().zip(&numbers).zip(&shot_labels) {
            number_of.insert(scene.id, number.as_str());
            for (panel, label) in scene.panels.iter().zip(labels) {
                label_of.insert(panel.id, label.to_string());
            }
        }
        let panel_name = |id: &PanelId| label_of.get(id).cloned().unwrap_or_else(|| id.to_string());
        let mut out = String::new();
        let in_script = self
            .scenes
            .iter()
            .filter(|c| c.script_index.is_some())
            .count();
        let _ = writeln!(out, "{in_script} scene(s) in the script: {}", self.counts());
        for change in &self.scenes {
            if change.kind == SceneChangeKind::Unchanged && !change.moved {
                continue;
            }
            let kind = match change.kind {
                SceneChangeKind::Changed => "changed",
                SceneChangeKind::New => "new",
                SceneChangeKind::Omitted => "omitted",
                SceneChangeKind::NotInScript => "kept (made by hand)",
                SceneChangeKind::Unchanged => "moved",
            };
            let number = change
                .board_scene
                .and_then(|id| number_of.get(&id))
                .map_or(String::new(), |n| format!("{n} "));
            let moved = if change.moved && change.kind != SceneChangeKind::Unchanged {
                ", moved"
            } else {
                ""
            };
            let rejected = if change.accept { "" } else { " (rejected)" };
            let _ = writeln!(out, "  {kind}{moved}: {number}{}{rejected}", change.heading);
            if let Some(heading) = &change.heading_change {
                let _ = writeln!(out, "      {}", text_line("heading", heading));
            }
            if let Some((old, new)) = &change.number_change {
                let show = |n: &Option<String>| n.clone().unwrap_or_else(|| "none".to_owned());
                let _ = writeln!(out, "      number: {} -> {}", show(old), show(new));
            }
            let mut new_panels = 0;
            for panel in &change.panels {
                match panel {
                    PanelChange::Text { panel, changes } => {
                        for c in changes {
                            let _ = writeln!(
                                out,
                                "      {}",
                                text_line(&format!("{} {}", panel_name(panel), c.field.name()), c)
                            );
                        }
                    }
                    PanelChange::New { .. } => new_panels += 1,
                    PanelChange::Omitted { panel } => {
                        if change.kind != SceneChangeKind::Omitted {
                            let _ = writeln!(out, "      {} moves to OMITTED", panel_name(panel));
                        }
                    }
                }
            }
            if change.kind == SceneChangeKind::Omitted {
                let _ = writeln!(
                    out,
                    "      {} panel(s) move to OMITTED",
                    change.panels.len()
                );
            } else if new_panels > 0 {
                let _ = writeln!(out, "      {new_panels} new panel(s)");
            }
        }
        for warning in &self.warnings {
            let _ = writeln!(out, "warning: {warning}");
        }
        out
    }
}

fn text_line(what: &str, change: &TextChange) -> String {
    let diff = render_diff(&change.diff);
    if change.kept {
        format!("{what} edited by hand, kept; the script now says: {diff}")
    } else {
        format!("{what}: {diff}")
    }
}
