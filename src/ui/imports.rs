//! Image-import plumbing: where imported images go, and the edit that puts
//! them there once the job has copied them in. Pure functions of the board;
//! the app applies what they return.

use crate::edit::{Edit, PanelField, ops};
use crate::model::{Board, PanelId, SceneId};

use super::files::ImportOutcome;

/// Where imported images go when they arrive.
#[derive(Clone, Debug)]
pub enum ImportTarget {
    NewPanels { scene: SceneId, slot: usize },
    ReplaceFrame(PanelId),
}

/// Where imported images go: after the selection, else the board's end.
pub fn insertion_point(board: &Board, selected: &[PanelId]) -> ImportTarget {
    let ordered = ops::in_board_order(board, selected);
    if let Some(pos) = ordered.last().and_then(|id| board.find_panel(*id)) {
        return ImportTarget::NewPanels {
            scene: board.scenes[pos.scene].id,
            slot: pos.panel + 1,
        };
    }
    match board.scenes.last() {
        Some(s) => ImportTarget::NewPanels {
            scene: s.id,
            slot: s.panels.len(),
        },
        None => ImportTarget::NewPanels {
            scene: SceneId(0),
            slot: 0,
        },
    }
}

/// The change that lands the imported images: one frame replaced (when
/// its panel still exists) or new panels at the target (the board's end
/// when the panel went meanwhile).
pub fn landing(
    board: &Board,
    target: ImportTarget,
    outcome: &ImportOutcome,
) -> Option<ops::Command> {
    match target {
        ImportTarget::ReplaceFrame(panel) if board.panel(panel).is_some() => {
            let (_, asset) = outcome.imported.first()?;
            Some(ops::Command {
                edit: Edit::set_all(&[panel], PanelField::Image(Some(asset.clone()))),
                label: "Replace frame".into(),
                select: Vec::new(),
            })
        }
        target => {
            let place = match target {
                ImportTarget::NewPanels { scene, slot } => ops::Place::At { scene, index: slot },
                ImportTarget::ReplaceFrame(_) => ops::Place::End,
            };
            let assets: Vec<_> = outcome.imported.iter().map(|(_, a)| a.clone()).collect();
            ops::add_image_panels(board, place, &assets)
        }
    }
}

/// The files that could not be imported, as a message title and body.
pub fn failures_message(outcome: &ImportOutcome) -> Option<(String, String)> {
    if outcome.failed.is_empty() {
        return None;
    }
    let body = outcome
        .failed
        .iter()
        .map(|(_, e)| format!("• {e}"))
        .collect::<Vec<_>>()
        .join("\n");
    let title = format!(
        "{} of {} image(s) could not be imported",
        outcome.failed.len(),
        outcome.failed.len() + outcome.imported.len()
    );
    Some((title, body))
}
