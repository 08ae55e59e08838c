//! Edits and their application. Each `apply` either changes the board and
//! returns the inverse edit, or fails and leaves the board untouched.

use std::collections::{HashMap, HashSet};

use crate::model::{
    AspectRatio, AssetPath, Board, Breakdown, CameraAngle, CameraMove, Comment, DurationUnit, Fps,
    Numbering, Panel, PanelId, Plan, ReviewStatus, Scene, SceneId, ScriptText, ShotLog, ShotSize,
    Stroke, Transition,
};

/// Why an edit could not be applied. The board is unchanged when this is
/// returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("{0} is not on the board")]
    NoSuchPanel(PanelId),
    #[error("{0} is not on the board")]
    NoSuchScene(SceneId),
    #[error("position {index} is past the end ({len})")]
    OutOfRange { index: usize, len: usize },
    #[error("{0}")]
    Invalid(&'static str),
    /// The board is open read-only (another instance holds it).
    #[error("the board is open read-only; use Save As to edit a copy")]
    ReadOnly,
}

/// One settable field of a panel, with its new value.
#[derive(Clone, Debug, PartialEq)]
pub enum PanelField {
    Image(Option<AssetPath>),
    Action(String),
    Dialogue(String),
    Notes(String),
    ShotSize(Option<ShotSize>),
    Angle(Option<CameraAngle>),
    Movement(Option<CameraMove>),
    Lens(Option<u32>),
    Duration(Option<u32>),
    Transition(Transition),
    Status(ReviewStatus),
    NewShot(bool),
    Comments(Vec<Comment>),
    /// The record of what a script gave the panel.
    Script(Option<ScriptText>),
    /// On set: done, and the takes logged (each a board edit, so autosave
    /// and recovery keep every take).
    ShotLog(ShotLog),
}

impl PanelField {
    /// Put this value into the panel, returning the value it replaced.
    fn swap_into(self, p: &mut Panel) -> Self {
        use std::mem::replace;
        match self {
            Self::Image(v) => Self::Image(replace(&mut p.image, v)),
            Self::Action(v) => Self::Action(replace(&mut p.action, v)),
            Self::Dialogue(v) => Self::Dialogue(replace(&mut p.dialogue, v)),
            Self::Notes(v) => Self::Notes(replace(&mut p.notes, v)),
            Self::ShotSize(v) => Self::ShotSize(replace(&mut p.shot_size, v)),
            Self::Angle(v) => Self::Angle(replace(&mut p.angle, v)),
            Self::Movement(v) => Self::Movement(replace(&mut p.movement, v)),
            Self::Lens(v) => Self::Lens(replace(&mut p.lens_mm, v)),
            Self::Duration(v) => Self::Duration(replace(&mut p.duration_ms, v)),
            Self::Transition(v) => Self::Transition(replace(&mut p.transition, v)),
            Self::Status(v) => Self::Status(replace(&mut p.status, v)),
            Self::NewShot(v) => Self::NewShot(replace(&mut p.new_shot, v)),
            Self::Comments(v) => Self::Comments(replace(&mut p.comments, v)),
            Self::Script(v) => Self::Script(replace(&mut p.script, v)),
            Self::ShotLog(v) => Self::ShotLog(replace(&mut p.shot_log, v)),
        }
    }

    /// Short name for undo labels ("Set action").
    pub fn name(&self) -> &'static str {
        match self {
            Self::Image(_) => "frame image",
            Self::Action(_) => "action",
            Self::Dialogue(_) => "dialogue",
            Self::Notes(_) => "notes",
            Self::ShotSize(_) => "shot size",
            Self::Angle(_) => "camera angle",
            Self::Movement(_) => "camera movement",
            Self::Lens(_) => "lens",
            Self::Duration(_) => "duration",
            Self::Transition(_) => "transition",
            Self::Status(_) => "review status",
            Self::NewShot(_) => "new shot",
            Self::Comments(_) => "comments",
            Self::Script(_) => "script record",
            Self::ShotLog(_) => "takes",
        }
    }
}

/// One settable field of a scene.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SceneField {
    Heading(String),
    Location(String),
    Notes(String),
    Number(Option<String>),
    /// The fingerprint of the heading a script gave.
    ScriptHeading(Option<u64>),
    /// The whole breakdown: small, so one value keeps every breakdown
    /// change (a tag, an override, a target) one invertible swap.
    Breakdown(Box<Breakdown>),
}

impl SceneField {
    fn swap_into(self, s: &mut Scene) -> Self {
        use std::mem::replace;
        match self {
            Self::Heading(v) => Self::Heading(replace(&mut s.heading, v)),
            Self::Location(v) => Self::Location(replace(&mut s.location, v)),
            Self::Notes(v) => Self::Notes(replace(&mut s.notes, v)),
            Self::Number(v) => Self::Number(replace(&mut s.number, v)),
            Self::ScriptHeading(v) => Self::ScriptHeading(replace(&mut s.script_heading, v)),
            Self::Breakdown(v) => Self::Breakdown(replace(&mut s.breakdown, v)),
        }
    }
}

/// One board setting.
#[derive(Clone, Debug, PartialEq)]
pub enum BoardField {
    Title(String),
    Author(String),
    AspectRatio(AspectRatio),
    Fps(Fps),
    DefaultDuration(u32),
    /// Numbering scheme and lock: locking, unlocking and changing the
    /// scheme are each one undo step.
    Numbering(Numbering),
    /// The shooting plan: a drag on the stripboard swaps in the plan with
    /// the scene moved, one undo step (scene ids, so it survives reorders).
    Plan(Box<Plan>),
    /// Seconds or frames on cards and in exports.
    Durations(DurationUnit),
}

impl BoardField {
    fn swap_into(self, b: &mut Board) -> Self {
        use std::mem::replace;
        match self {
            Self::Title(v) => Self::Title(replace(&mut b.title, v)),
            Self::Author(v) => Self::Author(replace(&mut b.author, v)),
            Self::AspectRatio(v) => Self::AspectRatio(replace(&mut b.aspect_ratio, v)),
            Self::Fps(v) => Self::Fps(replace(&mut b.fps, v)),
            Self::DefaultDuration(v) => {
                Self::DefaultDuration(replace(&mut b.default_duration_ms, v))
            }
            Self::Numbering(v) => Self::Numbering(replace(&mut b.numbering, v)),
            Self::Plan(v) => Self::Plan(replace(&mut b.plan, v)),
            Self::Durations(v) => Self::Durations(replace(&mut b.durations, v)),
        }
    }
}

/// A change to a board.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Insert panels (with fresh ids) at `index` of a scene.
    InsertPanels {
        scene: SceneId,
        index: usize,
        panels: Vec<Panel>,
    },
    /// Remove panels wherever they are.
    RemovePanels {
        ids: Vec<PanelId>,
    },
    /// Put removed panels back at their old positions (the inverse of
    /// `RemovePanels`); items are in board order.
    RestorePanels {
        items: Vec<(SceneId, usize, Panel)>,
    },
    /// Move panels, in their board order, to `to_index` of `to_scene`, where
    /// the index counts the target scene's panels without the moved ones.
    MovePanels {
        ids: Vec<PanelId>,
        to_scene: SceneId,
        to_index: usize,
    },
    /// Set the panel order of the listed scenes (the inverse of a move).
    SetLayout {
        layout: Vec<(SceneId, Vec<PanelId>)>,
    },
    InsertScene {
        index: usize,
        scene: Scene,
    },
    RemoveScene {
        id: SceneId,
    },
    MoveScene {
        id: SceneId,
        to_index: usize,
    },
    /// Split the scene holding `at`: `at` and the panels after it move into
    /// `new_scene` (which must be empty), inserted right after.
    SplitScene {
        at: PanelId,
        new_scene: Scene,
    },
    /// Append a scene's panels to the scene before it and remove it (the
    /// inverse of a split).
    MergeIntoPrevious {
        id: SceneId,
    },
    /// Set fields on panels, each its own value.
    SetPanels {
        changes: Vec<(PanelId, PanelField)>,
    },
    SetScene {
        id: SceneId,
        field: SceneField,
    },
    SetBoard {
        field: BoardField,
    },
    AddStroke {
        panel: PanelId,
        stroke: Stroke,
    },
    /// Insert strokes at indices (ascending): the inverse of `RemoveStrokes`.
    InsertStrokes {
        panel: PanelId,
        items: Vec<(usize, Stroke)>,
    },
    RemoveStrokes {
        panel: PanelId,
        indices: Vec<usize>,
    },
    SetStrokes {
        panel: PanelId,
        strokes: Vec<Stroke>,
    },
    /// Several edits as one undo step.
    Batch(Vec<Edit>),
    /// Swap in a whole other version of the board (reloading a file
    /// changed on disk, restoring a recovery copy) as one undo step, so the
    /// version it replaces stays reachable by undo.
    ReplaceBoard(Box<Board>),
}

impl Edit {
    /// Set one field to the same value on many panels.
    pub fn set_all(ids: &[PanelId], field: PanelField) -> Self {
        Self::SetPanels {
            changes: ids.iter().map(|&id| (id, field.clone())).collect(),
        }
    }

    /// Apply to `board`, returning the inverse edit. On error the board is
    /// unchanged.
    pub fn apply(self, board: &mut Board) -> Result<Edit, EditError> {
        let inverse = match self {
            Self::InsertPanels {
                scene,
                index,
                panels,
            } => {
                let existing: HashSet<PanelId> = board.panels().map(|p| p.id).collect();
                if panels.iter().any(|p| existing.contains(&p.id)) {
                    return Err(EditError::Invalid("inserted panel ids must be new"));
                }
                let s = board
                    .scene_mut(scene)
                    .ok_or(EditError::NoSuchScene(scene))?;
                check_index(index, s.panels.len())?;
                let ids = panels.iter().map(|p| p.id).collect();
                s.panels.splice(index..index, panels);
                board.bump_next_id();
                Self::RemovePanels { ids }
            }
            Self::RemovePanels { ids } => {
                let wanted: HashSet<PanelId> = ids.iter().copied().collect();
                if let Some(&missing) = ids.iter().find(|id| board.find_panel(**id).is_none()) {
                    return Err(EditError::NoSuchPanel(missing));
                }
                let mut items = Vec::new();
                for scene in &mut board.scenes {
                    let mut kept = Vec::with_capacity(scene.panels.len());
                    for (index, panel) in scene.panels.drain(..).enumerate() {
                        if wanted.contains(&panel.id) {
                            items.push((scene.id, index, panel));
                        } else {
                            kept.push(panel);
                        }
                    }
                    scene.panels = kept;
                }
                Self::RestorePanels { items }
            }
            Self::RestorePanels { items } => {
                // Like an insert: restoring a panel whose id is back on the
                // board already would leave two panels with one id.
                let existing: HashSet<PanelId> = board.panels().map(|p| p.id).collect();
                if items.iter().any(|(_, _, p)| existing.contains(&p.id)) {
                    return Err(EditError::Invalid(
                        "restored panel ids must not be on the board",
                    ));
                }
                for (scene, _, _) in &items {
                    board.scene(*scene).ok_or(EditError::NoSuchScene(*scene))?;
                }
                // Validate the indices on a dry run of the lengths first.
                let mut lens: HashMap<SceneId, usize> = HashMap::new();
                for (scene, index, _) in &items {
                    let len = lens
                        .entry(*scene)
                        .or_insert_with(|| board.scene(*scene).map_or(0, |s| s.panels.len()));
                    check_index(*index, *len)?;
                    *len += 1;
                }
                let ids = items.iter().map(|(_, _, p)| p.id).collect();
                for (scene, index, panel) in items {
                    if let Some(s) = board.scene_mut(scene) {
                        s.panels.insert(index, panel);
                    }
                }
                board.bump_next_id();
                Self::RemovePanels { ids }
            }
            Self::MovePanels {
                ids,
                to_scene,
                to_index,
            } => {
                let inverse = Self::SetLayout {
                    layout: layout_of_all(board),
                };
                let target = board
                    .scene_index(to_scene)
                    .ok_or(EditError::NoSuchScene(to_scene))?;
                if let Some(&missing) = ids.iter().find(|id| board.find_panel(**id).is_none()) {
                    return Err(EditError::NoSuchPanel(missing));
                }
                let moving: HashSet<PanelId> = ids.iter().copied().collect();
                let remaining = board.scenes[target]
                    .panels
                    .iter()
                    .filter(|p| !moving.contains(&p.id))
                    .count();
                check_index(to_index, remaining)?;
                let mut moved = Vec::new();
                for scene in &mut board.scenes {
                    let (taken, kept) =
                        scene.panels.drain(..).partition(|p| moving.contains(&p.id));
                    scene.panels = kept;
                    moved.extend::<Vec<Panel>>(taken);
                }
                board.scenes[target]
                    .panels
                    .splice(to_index..to_index, moved);
                inverse
            }
            Self::SetLayout { layout } => {
                let inverse = Self::SetLayout {
                    layout: layout
                        .iter()
                        .map(|(sid, _)| {
                            board
                                .scene(*sid)
                                .map(|s| (*sid, s.panels.iter().map(|p| p.id).collect()))
                                .ok_or(EditError::NoSuchScene(*sid))
                        })
                        .collect::<Result<_, _>>()?,
                };
                let mut pool: HashMap<PanelId, Panel> = HashMap::new();
                let listed: usize = layout.iter().map(|(_, ids)| ids.len()).sum();
                let in_scenes: usize = layout
                    .iter()
                    .map(|(sid, _)| board.scene(*sid).map_or(0, |s| s.panels.len()))
                    .sum();
                if listed != in_scenes {
                    return Err(EditError::Invalid(
                        "layout must list every panel of its scenes",
                    ));
                }
                let available: HashSet<PanelId> = layout
                    .iter()
                    .filter_map(|(sid, _)| board.scene(*sid))
                    .flat_map(|s| s.panels.iter().map(|p| p.id))
                    .collect();
                if let Some(&missing) = layout
                    .iter()
                    .flat_map(|(_, ids)| ids)
                    .find(|id| !available.contains(id))
                {
                    return Err(EditError::NoSuchPanel(missing));
                }
                for (sid, _) in &layout {
                    if let Some(s) = board.scene_mut(*sid) {
                        pool.extend(s.panels.drain(..).map(|p| (p.id, p)));
                    }
                }
                for (sid, ids) in layout {
                    if let Some(s) = board.scene_mut(sid) {
                        s.panels = ids.iter().filter_map(|id| pool.remove(id)).collect();
                    }
                }
                inverse
            }
            Self::InsertScene { index, scene } => {
                if board.scene(scene.id).is_some() {
                    return Err(EditError::Invalid("inserted scene id must be new"));
                }
                let existing: HashSet<PanelId> = board.panels().map(|p| p.id).collect();
                if scene.panels.iter().any(|p| existing.contains(&p.id)) {
                    return Err(EditError::Invalid("inserted panel ids must be new"));
                }
                check_index(index, board.scenes.len())?;
                let id = scene.id;
                board.scenes.insert(index, scene);
                board.bump_next_id();
                Self::RemoveScene { id }
            }
            Self::RemoveScene { id } => {
                let index = board.scene_index(id).ok_or(EditError::NoSuchScene(id))?;
                let scene = board.scenes.remove(index);
                Self::InsertScene { index, scene }
            }
            Self::MoveScene { id, to_index } => {
                let from = board.scene_index(id).ok_or(EditError::NoSuchScene(id))?;
                check_index(to_index, board.scenes.len().saturating_sub(1))?;
                let scene = board.scenes.remove(from);
                board.scenes.insert(to_index, scene);
                Self::MoveScene { id, to_index: from }
            }
            Self::SplitScene { at, new_scene } => {
                if !new_scene.panels.is_empty() || board.scene(new_scene.id).is_some() {
                    return Err(EditError::Invalid("a split needs a new, empty scene"));
                }
                let pos = board.find_panel(at).ok_or(EditError::NoSuchPanel(at))?;
                let mut new_scene = new_scene;
                let id = new_scene.id;
                new_scene.panels = board.scenes[pos.scene].panels.split_off(pos.panel);
                board.scenes.insert(pos.scene + 1, new_scene);
                board.bump_next_id();
                Self::MergeIntoPrevious { id }
            }
            Self::MergeIntoPrevious { id } => {
                let index = board.scene_index(id).ok_or(EditError::NoSuchScene(id))?;
                if index == 0 {
                    return Err(EditError::Invalid("the first scene has no scene before it"));
                }
                let mut scene = board.scenes.remove(index);
                let panels = std::mem::take(&mut scene.panels);
                let Some(at) = panels.first().map(|p| p.id) else {
                    // An empty scene merges into nothing: its inverse re-inserts it.
                    return Ok(Self::InsertScene { index, scene });
                };
                board.scenes[index - 1].panels.extend(panels);
                Self::SplitScene {
                    at,
                    new_scene: scene,
                }
            }
            Self::SetPanels { changes } => {
                if let Some((missing, _)) = changes
                    .iter()
                    .find(|(id, _)| board.find_panel(*id).is_none())
                {
                    return Err(EditError::NoSuchPanel(*missing));
                }
                let mut old = Vec::with_capacity(changes.len());
                for (id, field) in changes {
                    if let Some(p) = board.panel_mut(id) {
                        old.push((id, field.swap_into(p)));
                    }
                }
                // Undo in reverse so repeated ids restore the oldest value.
                old.reverse();
                // New comments carry fresh ids.
                board.bump_next_id();
                Self::SetPanels { changes: old }
            }
            Self::SetScene { id, field } => {
                let s = board.scene_mut(id).ok_or(EditError::NoSuchScene(id))?;
                Self::SetScene {
                    id,
                    field: field.swap_into(s),
                }
            }
            Self::SetBoard { field } => Self::SetBoard {
                field: field.swap_into(board),
            },
            Self::AddStroke { panel, stroke } => {
                let p = board
                    .panel_mut(panel)
                    .ok_or(EditError::NoSuchPanel(panel))?;
                p.strokes.push(stroke);
                Self::RemoveStrokes {
                    panel,
                    indices: vec![p.strokes.len() - 1],
                }
            }
            Self::InsertStrokes { panel, items } => {
                let p = board
                    .panel_mut(panel)
                    .ok_or(EditError::NoSuchPanel(panel))?;
                for (len, (i, _)) in (p.strokes.len()..).zip(&items) {
                    check_index(*i, len)?;
                }
                let indices = items.iter().map(|(i, _)| *i).collect();
                for (i, s) in items {
                    p.strokes.insert(i, s);
                }
                Self::RemoveStrokes { panel, indices }
            }
            Self::RemoveStrokes { panel, mut indices } => {
                let p = board
                    .panel_mut(panel)
                    .ok_or(EditError::NoSuchPanel(panel))?;
                indices.sort_unstable();
                indices.dedup();
                if let Some(&bad) = indices.iter().find(|&&i| i >= p.strokes.len()) {
                    return Err(EditError::OutOfRange {
                        index: bad,
                        len: p.strokes.len(),
                    });
                }
                let mut items: Vec<(usize, Stroke)> = indices
                    .iter()
                    .rev()
                    .map(|&i| (i, p.strokes.remove(i)))
                    .collect();
                items.reverse();
                Self::InsertStrokes { panel, items }
            }
            Self::SetStrokes { panel, strokes } => {
                let p = board
                    .panel_mut(panel)
                    .ok_or(EditError::NoSuchPanel(panel))?;
                Self::SetStrokes {
                    panel,
                    strokes: std::mem::replace(&mut p.strokes, strokes),
                }
            }
            Self::Batch(edits) => {
                let next_id = board.next_id;
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(board) {
                        Ok(inv) => inverses.push(inv),
                        Err(e) => {
                            // Roll back what was applied, newest first, and
                            // the id counter the applied part advanced: the
                            // board must be exactly as it was.
                            for inv in inverses.into_iter().rev() {
                                let _ = inv.apply(board);
                            }
                            board.next_id = next_id;
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Self::Batch(inverses)
            }
            Self::ReplaceBoard(new) => Self::ReplaceBoard(Box::new(std::mem::replace(board, *new))),
        };
        Ok(inverse)
    }
}

fn check_index(index: usize, len: usize) -> Result<(), EditError> {
    if index > len {
        Err(EditError::OutOfRange { index, len })
    } else {
        Ok(())
    }
}

fn layout_of_all(board: &Board) -> Vec<(SceneId, Vec<PanelId>)> {
    board
        .scenes
        .iter()
        .map(|s| (s.id, s.panels.iter().map(|p| p.id).collect()))
        .collect()
}

impl Edit {
    /// Visit every asset path this edit carries (panel images in inserted,
    /// restored or set panels), e.g. to rewrite them after Save As moved the
    /// board's images to a new folder.
    pub fn visit_assets_mut(&mut self, f: &mut dyn FnMut(&mut AssetPath)) {
        let panel = |p: &mut Panel, f: &mut dyn FnMut(&mut AssetPath)| {
            if let Some(a) = &mut p.image {
                f(a);
            }
        };
        match self {
            Self::InsertPanels { panels, .. } => panels.iter_mut().for_each(|p| panel(p, f)),
            Self::RestorePanels { items } => items.iter_mut().for_each(|(_, _, p)| panel(p, f)),
            Self::InsertScene { scene, .. }
            | Self::SplitScene {
                new_scene: scene, ..
            } => {
                scene.panels.iter_mut().for_each(|p| panel(p, f));
            }
            Self::SetPanels { changes } => {
                for (_, field) in changes {
                    if let PanelField::Image(Some(a)) = field {
                        f(a);
                    }
                }
            }
            Self::Batch(edits) => edits.iter_mut().for_each(|e| e.visit_assets_mut(f)),
            Self::ReplaceBoard(b) => b.scenes.iter_mut().for_each(|s| {
                s.panels.iter_mut().for_each(|p| panel(p, f));
            }),
            Self::RemovePanels { .. }
            | Self::MovePanels { .. }
            | Self::SetLayout { .. }
            | Self::RemoveScene { .. }
            | Self::MoveScene { .. }
            | Self::MergeIntoPrevious { .. }
            | Self::SetScene { .. }
            | Self::SetBoard { .. }
            | Self::AddStroke { .. }
            | Self::InsertStrokes { .. }
            | Self::RemoveStrokes { .. }
            | Self::SetStrokes { .. } => {}
        }
    }
}
