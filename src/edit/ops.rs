//! Builders for the edits behind the editor's commands.
//!
//! Each takes the board as it is and returns the [`Edit`] to apply (plus a
//! label for the undo menu), or `None` when the command does not apply. They
//! hold the command logic so it is shared by the GUI and tests, and tested
//! without a display.

use std::collections::HashSet;

use crate::model::{AssetPath, Board, IdAllocator, Panel, PanelId, Scene, SceneId};

use super::Edit;

/// An edit with its undo label.
#[derive(Clone, Debug, PartialEq)]
pub struct Command {
    pub edit: Edit,
    pub label: String,
    /// Panels to select once the edit is applied.
    pub select: Vec<PanelId>,
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// The given ids in board order, without unknown ones or repeats.
pub fn in_board_order(board: &Board, ids: &[PanelId]) -> Vec<PanelId> {
    let wanted: HashSet<PanelId> = ids.iter().copied().collect();
    board
        .panels()
        .map(|p| p.id)
        .filter(|id| wanted.contains(id))
        .collect()
}

/// Where new panels go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place<'a> {
    /// Right after the last of these panels (in board order).
    AfterSelection(&'a [PanelId]),
    /// At `index` of a scene (clamped to its length).
    At { scene: SceneId, index: usize },
    /// At the end of the last scene.
    End,
}

/// Insert panels at `place`, falling back to the end of the last scene
/// when the place no longer exists, and to a new scene on an empty board.
pub fn insert_panels(
    board: &Board,
    ids: &mut IdAllocator,
    place: Place<'_>,
    panels: Vec<Panel>,
) -> Edit {
    let at = match place {
        Place::AfterSelection(selection) => in_board_order(board, selection)
            .last()
            .and_then(|id| board.find_panel(*id))
            .map(|pos| (board.scenes[pos.scene].id, pos.panel + 1)),
        Place::At { scene, index } => board
            .scene(scene)
            .map(|s| (s.id, index.min(s.panels.len()))),
        Place::End => None,
    }
    .or_else(|| board.scenes.last().map(|s| (s.id, s.panels.len())));
    match at {
        Some((scene, index)) => Edit::InsertPanels {
            scene,
            index,
            panels,
        },
        None => {
            let mut scene = Scene::new(ids.scene(), "INT. UNTITLED - DAY");
            scene.panels = panels;
            Edit::InsertScene { index: 0, scene }
        }
    }
}

/// New panels, one per image, inserted at `place`.
pub fn add_image_panels(board: &Board, place: Place<'_>, images: &[AssetPath]) -> Option<Command> {
    if images.is_empty() {
        return None;
    }
    let mut ids = IdAllocator::new(board);
    let panels: Vec<Panel> = images
        .iter()
        .map(|asset| {
            let mut p = Panel::new(ids.panel());
            p.image = Some(asset.clone());
            p
        })
        .collect();
    let select = panels.iter().map(|p| p.id).collect();
    let label = format!("Import {}", plural(images.len(), "image"));
    Some(Command {
        edit: insert_panels(board, &mut ids, place, panels),
        label,
        select,
    })
}

/// Where a new panel goes: after the last selected panel, else at the end of
/// the last scene (creating a scene when the board has none).
pub fn new_panel_after(board: &Board, selection: &[PanelId], template: Option<&Panel>) -> Command {
    let mut ids = IdAllocator::new(board);
    let mut panel = Panel::new(ids.panel());
    if let Some(t) = template {
        // A new panel inherits the shot facts of the one before it: boards
        // are drawn shot after shot in the same setup.
        panel.shot_size = t.shot_size;
        panel.angle = t.angle;
        panel.movement = t.movement;
        panel.lens_mm = t.lens_mm;
    }
    let select = vec![panel.id];
    let edit = insert_panels(
        board,
        &mut ids,
        Place::AfterSelection(selection),
        vec![panel],
    );
    Command {
        edit,
        label: "New panel".into(),
        select,
    }
}

/// A new empty scene after the scene of the selection (else at the end).
pub fn new_scene(
    board: &Board,
    selection: &[PanelId],
    after_scene: Option<SceneId>,
) -> (Command, SceneId) {
    let mut ids = IdAllocator::new(board);
    let scene = Scene::new(ids.scene(), "INT. NEW SCENE - DAY");
    let id = scene.id;
    let index = after_scene
        .and_then(|s| board.scene_index(s))
        .or_else(|| {
            in_board_order(board, selection)
                .last()
                .and_then(|p| board.find_panel(*p))
                .map(|pos| pos.scene)
        })
        .map_or(board.scenes.len(), |i| i + 1);
    (
        Command {
            edit: Edit::InsertScene { index, scene },
            label: "New scene".into(),
            select: vec![],
        },
        id,
    )
}

/// Split the scene at the first selected panel: it and the panels after it
/// form a new scene. Not available on a scene's first panel.
pub fn split_scene(board: &Board, selection: &[PanelId]) -> Option<Command> {
    let at = *in_board_order(board, selection).first()?;
    let pos = board.find_panel(at)?;
    if pos.panel == 0 {
        return None;
    }
    let source = &board.scenes[pos.scene];
    let mut new_scene = Scene::new(IdAllocator::new(board).scene(), source.heading.clone());
    new_scene.location = source.location.clone();
    Some(Command {
        edit: Edit::SplitScene { at, new_scene },
        label: "Split scene".into(),
        select: vec![at],
    })
}

/// Copies of panels with fresh ids (and fresh comment ids), for duplicate
/// and paste.
pub fn fresh_copies(ids: &mut IdAllocator, panels: &[Panel]) -> Vec<Panel> {
    panels
        .iter()
        .map(|p| {
            let mut copy = p.clone();
            copy.id = ids.panel();
            for c in &mut copy.comments {
                c.id = ids.comment();
            }
            copy
        })
        .collect()
}

/// Duplicate the selected panels; the copies go right after the last one.
pub fn duplicate(board: &Board, selection: &[PanelId]) -> Option<Command> {
    let ordered = in_board_order(board, selection);
    let last = board.find_panel(*ordered.last()?)?;
    let originals: Vec<Panel> = ordered
        .iter()
        .filter_map(|id| board.panel(*id).cloned())
        .collect();
    let copies = fresh_copies(&mut IdAllocator::new(board), &originals);
    let select = copies.iter().map(|p| p.id).collect();
    Some(Command {
        edit: Edit::InsertPanels {
            scene: board.scenes[last.scene].id,
            index: last.panel + 1,
            panels: copies,
        },
        label: format!("Duplicate {}", plural(ordered.len(), "panel")),
        select,
    })
}

/// Paste panels (from the clipboard) after the selection, with fresh ids.
pub fn paste(board: &Board, selection: &[PanelId], clipboard: &[Panel]) -> Option<Command> {
    if clipboard.is_empty() {
        return None;
    }
    let mut ids = IdAllocator::new(board);
    let copies = fresh_copies(&mut ids, clipboard);
    let select: Vec<PanelId> = copies.iter().map(|p| p.id).collect();
    let label = format!("Paste {}", plural(copies.len(), "panel"));
    let edit = insert_panels(board, &mut ids, Place::AfterSelection(selection), copies);
    Some(Command {
        edit,
        label,
        select,
    })
}

/// Delete the selected panels.
pub fn delete(board: &Board, selection: &[PanelId]) -> Option<Command> {
    let ids = in_board_order(board, selection);
    if ids.is_empty() {
        return None;
    }
    Some(Command {
        label: format!("Delete {}", plural(ids.len(), "panel")),
        edit: Edit::RemovePanels { ids },
        select: vec![],
    })
}

/// Move the selected panels to slot `slot` of `scene`, where the slot counts
/// all of the scene's panels (as the canvas shows them, moved ones included).
pub fn move_to_slot(
    board: &Board,
    selection: &[PanelId],
    scene: SceneId,
    slot: usize,
) -> Option<Command> {
    let ids = in_board_order(board, selection);
    let target = board.scene(scene)?;
    if ids.is_empty() {
        return None;
    }
    let moving: HashSet<PanelId> = ids.iter().copied().collect();
    let slot = slot.min(target.panels.len());
    let to_index = target.panels[..slot]
        .iter()
        .filter(|p| !moving.contains(&p.id))
        .count();
    let label = format!("Move {}", plural(ids.len(), "panel"));
    let edit = Edit::MovePanels {
        ids: ids.clone(),
        to_scene: scene,
        to_index,
    };
    // A move that changes nothing is not an undo step.
    let mut preview = board.clone();
    let before: Vec<Vec<PanelId>> = board
        .scenes
        .iter()
        .map(|s| s.panels.iter().map(|p| p.id).collect())
        .collect();
    edit.clone().apply(&mut preview).ok()?;
    let after: Vec<Vec<PanelId>> = preview
        .scenes
        .iter()
        .map(|s| s.panels.iter().map(|p| p.id).collect())
        .collect();
    if before == after {
        return None;
    }
    Some(Command {
        edit,
        label,
        select: ids,
    })
}

/// Move the selected panels one step earlier (`-1`) or later (`+1`) in the
/// board's order, crossing into the neighbouring scene at a scene's edge.
pub fn nudge(board: &Board, selection: &[PanelId], delta: i32) -> Option<Command> {
    let ids = in_board_order(board, selection);
    let first = board.find_panel(*ids.first()?)?;
    let last = board.find_panel(*ids.last()?)?;
    let (scene_index, slot) = if delta < 0 {
        if first.panel > 0 {
            (first.scene, first.panel - 1)
        } else if first.scene > 0 {
            // Into the end of the previous scene.
            (first.scene - 1, board.scenes[first.scene - 1].panels.len())
        } else {
            return None;
        }
    } else if last.panel + 1 < board.scenes[last.scene].panels.len() {
        (last.scene, last.panel + 2)
    } else if last.scene + 1 < board.scenes.len() {
        (last.scene + 1, 0)
    } else {
        return None;
    };
    move_to_slot(board, &ids, board.scenes[scene_index].id, slot)
}

/// Move a scene to a new position among the scenes.
pub fn move_scene(board: &Board, scene: SceneId, to_index: usize) -> Option<Command> {
    let from = board.scene_index(scene)?;
    let to_index = to_index.min(board.scenes.len().saturating_sub(1));
    if from == to_index {
        return None;
    }
    Some(Command {
        edit: Edit::MoveScene {
            id: scene,
            to_index,
        },
        label: "Move scene".into(),
        select: vec![],
    })
}

/// Delete a scene with its panels.
pub fn delete_scene(board: &Board, scene: SceneId) -> Option<Command> {
    let s = board.scene(scene)?;
    Some(Command {
        label: format!("Delete scene ({})", plural(s.panels.len(), "panel")),
        edit: Edit::RemoveScene { id: scene },
        select: vec![],
    })
}

/// Point every panel using an image of `moved` at its new path (images
/// copied into the board's own assets folder): one undo step.
pub fn repoint_images(
    board: &Board,
    moved: &std::collections::HashMap<AssetPath, AssetPath>,
) -> Option<Command> {
    let changes: Vec<_> = board
        .panels()
        .filter_map(|p| {
            let new = moved.get(p.image.as_ref()?)?;
            Some((p.id, super::PanelField::Image(Some(new.clone()))))
        })
        .collect();
    if changes.is_empty() {
        return None;
    }
    Some(Command {
        label: format!(
            "Copy {} into the board's folder",
            plural(moved.len(), "image")
        ),
        edit: Edit::SetPanels { changes },
        select: Vec::new(),
    })
}
