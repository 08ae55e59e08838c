//! Three-way merge of boards, for git: pure functions of three boards, no
//! I/O (the command line's file handling is in [`crate::headless`]).
//!
//! Scenes, panels and comments are matched by id and merged field by
//! field, so a reorder on one branch and text edits on another both
//! survive. Two different changes to the same field are a conflict: the
//! merged board keeps one side's value (the *kept* side, ours unless asked
//! otherwise) and records the conflict inside the board — the panel is
//! marked "needs changes" with a comment showing both versions — so the
//! result is always a valid board that opens.
//!
//! The result depends on the two sides only through which one is kept:
//! `merge(base, x, y, keep Ours)` and `merge(base, y, x, keep Theirs)` give
//! the same board, and the same conflicts with "ours" and "theirs" swapped.

mod describe;
mod fields;
mod ids;
mod order;
mod text;

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::model::{
    Board, Comment, CommentId, FORMAT_VERSION, Panel, PanelId, ReviewStatus, Scene, SceneId,
};

pub use describe::{describe_changes, textconv};
use fields::Recorder;
pub use fields::Show;
use order::merge_order;

/// The author of the comments a merge writes into a board.
pub const MERGE_AUTHOR: &str = "Shotboard merge";

/// One of the two sides being merged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The current branch (git's `%A`).
    Ours,
    /// The branch being merged in (git's `%B`).
    Theirs,
}

impl Side {
    pub fn other(self) -> Self {
        match self {
            Self::Ours => Self::Theirs,
            Self::Theirs => Self::Ours,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Ours => "ours",
            Self::Theirs => "theirs",
        }
    }
}

/// How to merge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeOptions {
    /// Whose value a conflicting field takes.
    pub keep: Side,
    /// Time stamp of the conflict comments, `YYYY-MM-DDTHH:MM:SSZ`.
    pub time: String,
}

/// What a conflict is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    Board,
    Scene(SceneId),
    Panel(PanelId),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Board => f.write_str("board"),
            Self::Scene(id) => write!(f, "{id}"),
            Self::Panel(id) => write!(f, "{id}"),
        }
    }
}

/// The kinds of conflict a merge records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConflictKind {
    /// Both sides changed one field (or one sketch layer) differently.
    SameField,
    /// One side deleted what the other changed; it is kept, with the change.
    DeletedVsEdited { deleted_by: Side },
    /// One side deleted a scene the other side put panels into (or kept
    /// changed panels in); the scene is kept for them.
    SceneDeletedVsPanels { deleted_by: Side },
    /// Both sides reordered the same items differently.
    Order,
}

/// One conflict, with both versions in words.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Conflict {
    pub place: Place,
    /// The field in words ("action", "strokes on the ink layer", "order of panels").
    pub field: String,
    pub kind: ConflictKind,
    pub ours: String,
    pub theirs: String,
}

impl Conflict {
    /// The sentence written into the board, with the kept version first.
    fn message(&self, kept: Side) -> String {
        let (kept_value, other_value) = match kept {
            Side::Ours => (&self.ours, &self.theirs),
            Side::Theirs => (&self.theirs, &self.ours),
        };
        match self.kind {
            ConflictKind::SameField => format!(
                "Merge conflict: the {} was changed on both branches. Kept: {kept_value}. Other version: {other_value}.",
                self.field
            ),
            ConflictKind::DeletedVsEdited { .. } => format!(
                "Merge conflict: this {} was deleted on one branch and changed on the other; it is kept with the changes.",
                self.field
            ),
            ConflictKind::SceneDeletedVsPanels { .. } => format!(
                "Merge conflict: this scene was deleted on one branch, but the other branch has panels in it ({}); the scene is kept for them.",
                if kept_value.is_empty() {
                    other_value
                } else {
                    kept_value
                }
            ),
            ConflictKind::Order => format!(
                "Merge conflict: the {} was changed differently on both branches. Kept: {kept_value}. Other version: {other_value}.",
                self.field
            ),
        }
    }
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            ConflictKind::DeletedVsEdited { deleted_by } => write!(
                f,
                "{}: deleted on {}, changed on {}; kept",
                self.place,
                deleted_by.name(),
                deleted_by.other().name()
            ),
            ConflictKind::SceneDeletedVsPanels { deleted_by } => write!(
                f,
                "{}: deleted on {}, but {} has panels in it; kept",
                self.place,
                deleted_by.name(),
                deleted_by.other().name()
            ),
            ConflictKind::SameField | ConflictKind::Order => write!(
                f,
                "{}: {}: ours {}, theirs {}",
                self.place, self.field, self.ours, self.theirs
            ),
        }
    }
}

/// A merged board and the conflicts recorded in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub board: Board,
    pub conflicts: Vec<Conflict>,
}

impl Merged {
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}

/// A scene's own fields, without its panels.
#[derive(Clone, PartialEq)]
struct Header {
    number: Option<String>,
    heading: String,
    location: String,
    notes: String,
    script_heading: Option<u64>,
    breakdown: Box<crate::model::Breakdown>,
}

impl Header {
    fn of(scene: &Scene) -> Self {
        Self {
            number: scene.number.clone(),
            heading: scene.heading.clone(),
            location: scene.location.clone(),
            notes: scene.notes.clone(),
            script_heading: scene.script_heading,
            breakdown: scene.breakdown.clone(),
        }
    }
}

/// Where every panel and scene is on one version of the board.
struct Index<'x> {
    panels: HashMap<PanelId, (SceneId, &'x Panel)>,
    scenes: HashMap<SceneId, &'x Scene>,
}

impl<'x> Index<'x> {
    fn of(board: &'x Board) -> Self {
        Self {
            panels: board
                .scenes
                .iter()
                .flat_map(|s| s.panels.iter().map(move |p| (p.id, (s.id, p))))
                .collect(),
            scenes: board.scenes.iter().map(|s| (s.id, s)).collect(),
        }
    }
}

/// Merges `ours` and `theirs`, two versions of `base`.
pub fn merge(base: &Board, ours: &Board, theirs: &Board, options: &MergeOptions) -> Merged {
    let (a, b_raw) = match options.keep {
        Side::Ours => (ours, theirs),
        Side::Theirs => (theirs, ours),
    };
    let mut next_id = ids::first_free_id(&[base, ours, theirs]);
    let b = &ids::separate_new_ids(base, a, b_raw, &mut next_id);
    let mut rec = Recorder {
        kept: options.keep,
        conflicts: Vec::new(),
    };
    // The side that deleted something, given whether the kept side lacks it.
    let deleted_by = |missing_on_kept: bool| {
        if missing_on_kept {
            options.keep
        } else {
            options.keep.other()
        }
    };

    let (base_i, a_i, b_i) = (Index::of(base), Index::of(a), Index::of(b));
    let at = Place::Board;
    let mut out = Board {
        format_version: FORMAT_VERSION,
        title: rec.field(at, "title", &base.title, &a.title, &b.title),
        author: rec.field(at, "author", &base.author, &a.author, &b.author),
        aspect_ratio: rec.field(
            at,
            "aspect ratio",
            &base.aspect_ratio,
            &a.aspect_ratio,
            &b.aspect_ratio,
        ),
        fps: rec.field(at, "frame rate", &base.fps, &a.fps, &b.fps),
        default_duration_ms: rec.field(
            at,
            "default duration",
            &base.default_duration_ms,
            &a.default_duration_ms,
            &b.default_duration_ms,
        ),
        next_id: 0,
        numbering: rec.field(at, "numbering", &base.numbering, &a.numbering, &b.numbering),
        durations: rec.field(at, "durations", &base.durations, &a.durations, &b.durations),
        plan: rec.field(at, "shooting plan", &base.plan, &a.plan, &b.plan),
        scenes: Vec::new(),
    };

    // Each surviving panel and the scene it goes into.
    let panel_ids: BTreeSet<PanelId> = [&base_i, &a_i, &b_i]
        .iter()
        .flat_map(|i| i.panels.keys().copied())
        .collect();
    let mut placed: HashMap<PanelId, (SceneId, Panel)> = HashMap::new();
    for id in panel_ids {
        let here = Place::Panel(id);
        let merged = match (
            base_i.panels.get(&id),
            a_i.panels.get(&id),
            b_i.panels.get(&id),
        ) {
            (Some(&(s0, p0)), Some(&(sa, pa)), Some(&(sb, pb))) => {
                let panel = rec.panel(p0, pa, pb);
                let scene = if sa == s0 || sa == sb {
                    sb
                } else if sb == s0 {
                    sa
                } else {
                    let name = |s: SceneId, i: &Index<'_>| {
                        i.scenes.get(&s).map_or(s.to_string(), |x| x.heading.show())
                    };
                    rec.record(
                        here,
                        "scene".to_owned(),
                        ConflictKind::SameField,
                        name(sa, &a_i),
                        name(sb, &b_i),
                    );
                    sa
                };
                Some((scene, panel))
            }
            (Some(&(_, p0)), x, y) => {
                match x.or(y) {
                    Some(&(scene, p)) if p != p0 => {
                        rec.record(
                            here,
                            "panel".to_owned(),
                            ConflictKind::DeletedVsEdited {
                                deleted_by: deleted_by(x.is_none()),
                            },
                            String::new(),
                            String::new(),
                        );
                        Some((scene, p.clone()))
                    }
                    // Deleted on one side (or both) and unchanged on the other.
                    _ => None,
                }
            }
            (_, Some(&(scene, p)), _) | (_, None, Some(&(scene, p))) => Some((scene, p.clone())),
            (_, None, None) => None,
        };
        if let Some(m) = merged {
            placed.insert(id, m);
        }
    }

    // Surviving scenes: merged, new, or kept for panels placed in them.
    let mut pinned: HashMap<SceneId, Vec<PanelId>> = HashMap::new();
    for (&panel, &(scene, _)) in &placed {
        pinned.entry(scene).or_default().push(panel);
    }
    let scene_ids: BTreeSet<SceneId> = [&base_i, &a_i, &b_i]
        .iter()
        .flat_map(|i| i.scenes.keys().copied())
        .collect();
    let mut scenes: HashMap<SceneId, Header> = HashMap::new();
    for id in scene_ids {
        let here = Place::Scene(id);
        let header = match (
            base_i.scenes.get(&id),
            a_i.scenes.get(&id),
            b_i.scenes.get(&id),
        ) {
            (Some(s0), Some(sa), Some(sb)) => Some(Header {
                number: rec.field(here, "scene number", &s0.number, &sa.number, &sb.number),
                heading: rec.field(here, "scene heading", &s0.heading, &sa.heading, &sb.heading),
                location: rec.field(here, "location", &s0.location, &sa.location, &sb.location),
                notes: rec.text(here, "scene notes", &s0.notes, &sa.notes, &sb.notes),
                script_heading: rec.field(
                    here,
                    "script heading",
                    &s0.script_heading,
                    &sa.script_heading,
                    &sb.script_heading,
                ),
                breakdown: rec.field(
                    here,
                    "breakdown",
                    &s0.breakdown,
                    &sa.breakdown,
                    &sb.breakdown,
                ),
            }),
            (Some(s0), x, y) => {
                let kept = x.or(y).copied().unwrap_or(s0);
                let changed = Header::of(kept) != Header::of(s0);
                let panels = pinned.get(&id).map_or(&[][..], Vec::as_slice);
                let by = deleted_by(x.is_none());
                if changed {
                    rec.record(
                        here,
                        "scene".to_owned(),
                        ConflictKind::DeletedVsEdited { deleted_by: by },
                        String::new(),
                        String::new(),
                    );
                }
                if !panels.is_empty() {
                    let mut ids: Vec<PanelId> = panels.to_vec();
                    ids.sort();
                    let list = ids.iter().map(ToString::to_string).collect::<Vec<_>>();
                    rec.record(
                        here,
                        "scene".to_owned(),
                        ConflictKind::SceneDeletedVsPanels { deleted_by: by },
                        list.join(", "),
                        String::new(),
                    );
                }
                (changed || !panels.is_empty()).then(|| Header::of(kept))
            }
            (None, Some(s), _) | (None, None, Some(s)) => Some(Header::of(s)),
            (None, None, None) => None,
        };
        if let Some(h) = header {
            scenes.insert(id, h);
        }
    }

    let scene_order = |board: &Board| board.scenes.iter().map(|s| s.id).collect::<Vec<_>>();
    let members: HashSet<SceneId> = scenes.keys().copied().collect();
    let (order, reordered) = merge_order(
        &scene_order(base),
        &scene_order(a),
        &scene_order(b),
        &members,
    );
    if reordered {
        record_order(&mut rec, Place::Board, "order of scenes", a, b, |s| {
            s.scenes.iter().map(|s| s.heading.clone()).collect()
        });
    }
    for id in order {
        let Some(header) = scenes.remove(&id) else {
            continue;
        };
        let in_scene = |i: &Index<'_>| -> Vec<PanelId> {
            i.scenes
                .get(&id)
                .map(|s| s.panels.iter().map(|p| p.id).collect())
                .unwrap_or_default()
        };
        let members: HashSet<PanelId> = pinned.get(&id).into_iter().flatten().copied().collect();
        let (panel_order, reordered) = merge_order(
            &in_scene(&base_i),
            &in_scene(&a_i),
            &in_scene(&b_i),
            &members,
        );
        if reordered {
            record_order(
                &mut rec,
                Place::Scene(id),
                "order of panels",
                a,
                b,
                |board| {
                    board
                        .scene(id)
                        .map(|s| s.panels.iter().map(|p| p.id.to_string()).collect())
                        .unwrap_or_default()
                },
            );
        }
        out.scenes.push(Scene {
            id,
            number: header.number,
            heading: header.heading,
            location: header.location,
            notes: header.notes,
            script_heading: header.script_heading,
            breakdown: header.breakdown,
            panels: panel_order
                .into_iter()
                .filter_map(|p| placed.remove(&p).map(|(_, panel)| panel))
                .collect(),
        });
    }

    out.next_id = next_id.max(out.max_used_id() + 1);
    write_conflicts(&mut out, &rec.conflicts, options);
    Merged {
        board: out,
        conflicts: rec.conflicts,
    }
}

fn record_order(
    rec: &mut Recorder,
    place: Place,
    field: &str,
    a: &Board,
    b: &Board,
    list: impl Fn(&Board) -> Vec<String>,
) {
    rec.record(
        place,
        field.to_owned(),
        ConflictKind::Order,
        list(a).join(", "),
        list(b).join(", "),
    );
}

/// Writes each conflict into the board: a comment by [`MERGE_AUTHOR`] on
/// the panel it concerns (for a scene, its first panel; for the board, the
/// board's first panel), which is marked "needs changes". A scene without
/// panels gets the note in its notes; a board without panels has nowhere
/// to show a settings conflict but the merge's report.
fn write_conflicts(board: &mut Board, conflicts: &[Conflict], options: &MergeOptions) {
    for conflict in conflicts {
        let text = conflict.message(options.keep);
        let home = match conflict.place {
            Place::Panel(id) => Some(id),
            Place::Scene(id) => board.scene(id).and_then(|s| s.panels.first()).map(|p| p.id),
            Place::Board => board.panels().next().map(|p| p.id),
        };
        let id = CommentId(board.next_id);
        if let Some(panel) = home.and_then(|p| board.panel_mut(p)) {
            panel.status = ReviewStatus::NeedsChanges;
            panel.comments.push(Comment {
                id,
                author: MERGE_AUTHOR.to_owned(),
                text,
                time: options.time.clone(),
                resolved: false,
                replies: Vec::new(),
            });
            board.next_id += 1;
        } else if let Place::Scene(scene) = conflict.place
            && let Some(scene) = board.scene_mut(scene)
        {
            if !scene.notes.is_empty() {
                scene.notes.push('\n');
            }
            scene.notes.push_str(&text);
        }
    }
}

#[cfg(test)]
mod tests;
