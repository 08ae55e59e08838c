//! Rough memory sizes of edits, so the history can stay under a budget.
//!
//! The numbers are estimates (inline size plus the heap text, points and
//! nested panels an edit owns), not allocator truth: close enough to tell a
//! step holding a whole board of sketches from one that renames a scene.

use std::mem::size_of;

use crate::model::{AssetPath, Board, Comment, Panel, Scene, Stroke, StrokePoint};

use super::{BoardField, Edit, PanelField, SceneField};

impl Edit {
    /// About how many bytes of memory this edit holds.
    pub fn approx_bytes(&self) -> usize {
        size_of::<Self>() + self.heap_bytes()
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Self::InsertPanels { panels, .. } => panels.iter().map(panel_bytes).sum(),
            Self::RemovePanels { ids } => ids.len() * size_of::<crate::model::PanelId>(),
            Self::RestorePanels { items } => items
                .iter()
                .map(|(_, _, p)| size_of::<(crate::model::SceneId, usize)>() + panel_bytes(p))
                .sum(),
            Self::MovePanels { ids, .. } => ids.len() * size_of::<crate::model::PanelId>(),
            Self::SetLayout { layout } => layout
                .iter()
                .map(|(_, ids)| {
                    size_of::<(crate::model::SceneId, Vec<crate::model::PanelId>)>()
                        + ids.len() * size_of::<crate::model::PanelId>()
                })
                .sum(),
            Self::InsertScene { scene, .. } => scene_heap_bytes(scene),
            Self::SplitScene { new_scene, .. } => scene_heap_bytes(new_scene),
            Self::RemoveScene { .. } | Self::MoveScene { .. } | Self::MergeIntoPrevious { .. } => 0,
            Self::SetPanels { changes } => changes
                .iter()
                .map(|(_, field)| {
                    size_of::<(crate::model::PanelId, PanelField)>() + field_bytes(field)
                })
                .sum(),
            Self::SetScene { field, .. } => match field {
                SceneField::Heading(s) | SceneField::Location(s) | SceneField::Notes(s) => s.len(),
                SceneField::Number(n) => n.as_ref().map_or(0, String::len),
                SceneField::ScriptHeading(_) => 0,
                SceneField::Breakdown(b) => breakdown_bytes(b),
            },
            Self::SetBoard { field } => match field {
                BoardField::Title(s) | BoardField::Author(s) => s.len(),
                BoardField::AspectRatio(_)
                | BoardField::Fps(_)
                | BoardField::DefaultDuration(_)
                | BoardField::Durations(_) => 0,
                BoardField::Numbering(numbering) => numbering_bytes(numbering),
                BoardField::Plan(plan) => plan_bytes(plan),
            },
            Self::AddStroke { stroke, .. } => stroke_heap_bytes(stroke),
            Self::InsertStrokes { items, .. } => items
                .iter()
                .map(|(_, s)| size_of::<(usize, Stroke)>() + stroke_heap_bytes(s))
                .sum(),
            Self::RemoveStrokes { indices, .. } => indices.len() * size_of::<usize>(),
            Self::SetStrokes { strokes, .. } => strokes_bytes(strokes),
            Self::Batch(edits) => edits.iter().map(Self::approx_bytes).sum(),
            Self::ReplaceBoard(board) => size_of::<Board>() + board_heap_bytes(board),
        }
    }
}

fn board_heap_bytes(board: &Board) -> usize {
    board.title.len()
        + board.author.len()
        + plan_bytes(&board.plan)
        + board
            .scenes
            .iter()
            .map(|s| size_of::<Scene>() + scene_heap_bytes(s))
            .sum::<usize>()
}

fn scene_heap_bytes(scene: &Scene) -> usize {
    scene.number.as_ref().map_or(0, String::len)
        + scene.heading.len()
        + scene.location.len()
        + scene.notes.len()
        + breakdown_bytes(&scene.breakdown)
        + scene.panels.iter().map(panel_bytes).sum::<usize>()
}

fn breakdown_bytes(b: &crate::model::Breakdown) -> usize {
    crate::model::TagKind::ALL
        .iter()
        .flat_map(|k| b.tags(*k))
        .map(|t| size_of::<String>() + t.len())
        .sum()
}

fn plan_bytes(plan: &crate::model::Plan) -> usize {
    plan.days
        .iter()
        .map(|d| {
            size_of::<crate::model::ShootDay>()
                + d.date.len()
                + d.notes.len()
                + d.scenes.len() * size_of::<crate::model::SceneId>()
        })
        .sum()
}

fn shot_log_bytes(log: &crate::model::ShotLog) -> usize {
    log.takes
        .iter()
        .map(|t| size_of::<crate::model::Take>() + t.note.len())
        .sum()
}

fn panel_bytes(panel: &Panel) -> usize {
    size_of::<Panel>()
        + asset_bytes(panel.image.as_ref())
        + strokes_bytes(&panel.strokes)
        + panel.action.len()
        + panel.dialogue.len()
        + panel.notes.len()
        + comments_bytes(&panel.comments)
        + shot_log_bytes(&panel.shot_log)
}

fn field_bytes(field: &PanelField) -> usize {
    match field {
        PanelField::Image(image) => asset_bytes(image.as_ref()),
        PanelField::Action(s) | PanelField::Dialogue(s) | PanelField::Notes(s) => s.len(),
        PanelField::Comments(comments) => comments_bytes(comments),
        PanelField::ShotLog(log) => shot_log_bytes(log),
        PanelField::ShotSize(_)
        | PanelField::Angle(_)
        | PanelField::Movement(_)
        | PanelField::Lens(_)
        | PanelField::Duration(_)
        | PanelField::Transition(_)
        | PanelField::Status(_)
        | PanelField::NewShot(_)
        | PanelField::Script(_) => 0,
    }
}

/// A numbering lock holds every locked scene's number and shot labels.
fn numbering_bytes(numbering: &crate::model::Numbering) -> usize {
    numbering.lock.as_ref().map_or(0, |lock| {
        lock.scenes
            .iter()
            .map(|scene| {
                size_of::<crate::model::LockedScene>()
                    + scene.number.len()
                    + scene.shots.len() * size_of::<crate::model::LockedShot>()
            })
            .sum()
    })
}

fn asset_bytes(asset: Option<&AssetPath>) -> usize {
    asset.map_or(0, |a| a.as_str().len())
}

fn strokes_bytes(strokes: &[Stroke]) -> usize {
    strokes
        .iter()
        .map(|s| size_of::<Stroke>() + stroke_heap_bytes(s))
        .sum()
}

fn stroke_heap_bytes(stroke: &Stroke) -> usize {
    stroke.points.len() * size_of::<StrokePoint>()
}

fn comments_bytes(comments: &[Comment]) -> usize {
    comments
        .iter()
        .map(|c| {
            size_of::<Comment>()
                + c.author.len()
                + c.text.len()
                + c.time.len()
                + c.replies
                    .iter()
                    .map(|r| size_of_val(r) + r.author.len() + r.text.len() + r.time.len())
                    .sum::<usize>()
        })
        .sum()
}
