//! Update a board from a new draft of its script.
//!
//! [`plan_sync`] compares the board with the new script and returns a
//! [`SyncPlan`]: which scenes changed (with word diffs), which are new,
//! omitted or moved. Nothing changes until [`SyncPlan::edit`] turns the
//! accepted parts into one [`Edit`], so applying an update is one undo
//! step and a review can accept or reject each scene.
//!
//! Matching, in order: scene number, then heading, then the words of the
//! scene (at least [`SCENE_MATCH`] similar). Inside a matched scene the
//! board's panels are aligned with the script's paragraphs, keeping order,
//! by their words. What an update does, and never does:
//! - panels keep their ids, drawings, images, shot facts and comments;
//! - action and dialogue the script gave (the panel's [`ScriptText`]
//!   fingerprint still matches) are rewritten; text a person edited is kept
//!   and reported, with the script's change as a diff;
//! - a new paragraph becomes a new panel beside its neighbours;
//! - a panel whose scene or paragraph left the script moves to a scene
//!   headed [`OMITTED_HEADING`] at the end of the board: never deleted;
//! - a scene made by hand (on a board whose other scenes carry script
//!   fingerprints) is not in any script and stays where it is;
//! - scenes follow the new script's order.

mod diff;
mod summary;

use std::collections::{HashMap, HashSet};

pub use diff::{WordDiff, diff_words, render as render_diff, similarity, word_set};

use super::fountain::{ParsedScript, ScriptWarning};
use super::to_board::{ScriptError, location_of, script_scenes};
use crate::edit::{Edit, PanelField, SceneField};
use crate::model::{Board, IdAllocator, Panel, PanelId, Scene, SceneId, ScriptText, fingerprint};

/// The heading of the scene that collects panels whose scene or paragraph
/// left the script.
pub const OMITTED_HEADING: &str = "OMITTED";

/// How similar (Jaccard of words) an unmatched scene must be to be taken
/// for a renamed and renumbered one.
pub const SCENE_MATCH: f64 = 0.5;

/// How similar a panel's words must be to a paragraph's to be its panel.
pub const PANEL_MATCH: f64 = 0.3;

/// How a board scene was recognised in the new script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchedBy {
    Number,
    Heading,
    Text,
}

/// What happens to one scene.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SceneChangeKind {
    /// In both, same words (it may still have moved).
    Unchanged,
    /// In both, with changed heading, number, panels or words.
    Changed,
    /// Only in the script: a new scene with its panels.
    New,
    /// Only on the board: its panels move to the OMITTED scene.
    Omitted,
    /// Made by hand, in no script: left alone.
    NotInScript,
}

/// A text field a script writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    Heading,
    Action,
    Dialogue,
}

impl TextField {
    pub fn name(self) -> &'static str {
        match self {
            Self::Heading => "heading",
            Self::Action => "action",
            Self::Dialogue => "dialogue",
        }
    }
}

/// A change the script makes to one text field.
#[derive(Clone, Debug, PartialEq)]
pub struct TextChange {
    pub field: TextField,
    pub old: String,
    pub new: String,
    /// Word diff from the board's text to the script's.
    pub diff: Vec<WordDiff>,
    /// The board's text was edited by hand (or its origin is unknown), so
    /// it is kept and only reported.
    pub kept: bool,
}

/// What happens to one panel of a matched scene.
#[derive(Clone, Debug, PartialEq)]
pub enum PanelChange {
    /// A board panel whose words change (or are kept, see [`TextChange`]).
    Text {
        panel: PanelId,
        changes: Vec<TextChange>,
    },
    /// A new paragraph: a new panel.
    New { action: String, dialogue: String },
    /// The panel's paragraph left the script: it moves to OMITTED.
    Omitted { panel: PanelId },
}

/// What happens to one scene, and whether the review accepted it.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneChange {
    pub kind: SceneChangeKind,
    /// The scene on the board (`None` for a new one).
    pub board_scene: Option<SceneId>,
    /// Its place in the new script (`None` when it is not in it).
    pub script_index: Option<usize>,
    /// The heading it will have (the board's when not in the script).
    pub heading: String,
    pub matched_by: Option<MatchedBy>,
    /// Its order among the matched scenes changed.
    pub moved: bool,
    pub heading_change: Option<TextChange>,
    /// Scene number before and after, when the script renumbered it.
    pub number_change: Option<(Option<String>, Option<String>)>,
    pub panels: Vec<PanelChange>,
    /// Apply this scene's part of the update (all accepted by default).
    pub accept: bool,
}

impl SceneChange {
    /// Whether applying this scene's part changes the board.
    pub fn changes_anything(&self) -> bool {
        match self.kind {
            SceneChangeKind::New | SceneChangeKind::Omitted => true,
            SceneChangeKind::NotInScript => false,
            SceneChangeKind::Unchanged | SceneChangeKind::Changed => {
                self.moved
                    || self.number_change.is_some()
                    || self.heading_change.as_ref().is_some_and(|c| !c.kept)
                    || self.panels.iter().any(|p| match p {
                        PanelChange::Text { changes, .. } => changes.iter().any(|c| !c.kept),
                        PanelChange::New { .. } | PanelChange::Omitted { .. } => true,
                    })
            }
        }
    }
}

/// A reviewed update from a new draft: the scene changes in script order
/// (omitted and hand-made scenes where they stood), and how to apply them.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncPlan {
    pub scenes: Vec<SceneChange>,
    pub warnings: Vec<ScriptWarning>,
    /// The new script's scenes as an import would make them, with ids
    /// fresh for this board.
    script: Vec<Scene>,
    /// Per matched scene: (board panel, script panel index) pairs.
    pairs: HashMap<SceneId, Vec<Pair>>,
    /// Id for the OMITTED scene if the board has none.
    omitted_scene: SceneId,
    /// The board's `next_id` the plan was made against.
    made_for: u64,
    /// Ids the new panels of matched scenes get, per script scene.
    new_panel_ids: HashMap<usize, Vec<Fresh>>,
}

/// Compare `board` with a new draft of its script.
pub fn plan_sync(board: &Board, parsed: ParsedScript) -> Result<SyncPlan, ScriptError> {
    let mut ids = IdAllocator::new(board);
    let (script, warnings) = script_scenes(parsed, &mut ids)?;
    let omitted_scene = ids.scene();

    let candidates = candidate_scenes(board);
    let matches = match_scenes(board, &candidates, &script);

    // Moved: matched scenes outside the longest run that kept its order.
    let matched_old: Vec<usize> = matches.iter().filter_map(|m| m.map(|(b, _)| b)).collect();
    let steady: HashSet<usize> = longest_increasing(&matched_old).into_iter().collect();

    let mut scenes = Vec::new();
    let mut pairs = HashMap::new();
    let mut new_panel_ids = HashMap::new();
    let matched: HashSet<usize> = matched_old.iter().copied().collect();
    for (si, (new, found)) in script.iter().zip(&matches).enumerate() {
        let Some((bi, by)) = *found else {
            scenes.push(SceneChange {
                kind: SceneChangeKind::New,
                board_scene: None,
                script_index: Some(si),
                heading: new.heading.clone(),
                matched_by: None,
                moved: false,
                heading_change: None,
                number_change: None,
                panels: new
                    .panels
                    .iter()
                    .map(|p| PanelChange::New {
                        action: p.action.clone(),
                        dialogue: p.dialogue.clone(),
                    })
                    .collect(),
                accept: true,
            });
            continue;
        };
        let old = &board.scenes[bi];
        let (change, scene_pairs, fresh) = compare_scene(old, new, &mut ids);
        pairs.insert(old.id, scene_pairs);
        new_panel_ids.insert(si, fresh);
        scenes.push(SceneChange {
            matched_by: Some(by),
            moved: !steady.contains(&bi),
            script_index: Some(si),
            ..change
        });
    }
    // Scenes not in the new script, placed after the scene before them.
    for (bi, scene) in board.scenes.iter().enumerate() {
        if matched.contains(&bi) {
            continue;
        }
        let kind = match candidates.get(bi) {
            Some(true) => SceneChangeKind::Omitted,
            _ if scene.heading == OMITTED_HEADING && scene.script_heading.is_none() => continue,
            _ => SceneChangeKind::NotInScript,
        };
        let change = SceneChange {
            kind,
            board_scene: Some(scene.id),
            script_index: None,
            heading: scene.heading.clone(),
            matched_by: None,
            moved: false,
            heading_change: None,
            number_change: None,
            panels: if kind == SceneChangeKind::Omitted {
                scene
                    .panels
                    .iter()
                    .map(|p| PanelChange::Omitted { panel: p.id })
                    .collect()
            } else {
                Vec::new()
            },
            accept: true,
        };
        let after = bi
            .checked_sub(1)
            .and_then(|p| board.scenes.get(p))
            .and_then(|p| scenes.iter().position(|c| c.board_scene == Some(p.id)));
        scenes.insert(after.map_or(0, |i| i + 1), change);
    }
    Ok(SyncPlan {
        scenes,
        warnings,
        script,
        pairs,
        omitted_scene,
        made_for: board.next_id,
        new_panel_ids,
    })
}

/// Per board scene: whether it takes part in matching as a script scene.
/// A board without any script fingerprint (imported before they existed)
/// is all script; otherwise scenes without one were made by hand. The
/// OMITTED scene never takes part.
fn candidate_scenes(board: &Board) -> Vec<bool> {
    let any_record = board.scenes.iter().any(|s| s.script_heading.is_some());
    board
        .scenes
        .iter()
        .map(|s| {
            let omitted = s.heading == OMITTED_HEADING && s.script_heading.is_none();
            !omitted && (!any_record || s.script_heading.is_some())
        })
        .collect()
}

fn normalized(heading: &str) -> String {
    heading
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

fn scene_words(scene: &Scene) -> HashSet<String> {
    let mut words = word_set(&scene.heading);
    for p in &scene.panels {
        words.extend(word_set(&p.action));
        words.extend(word_set(&p.dialogue));
    }
    words
}

/// For each script scene, the board scene (index) it is, and how known.
fn match_scenes(
    board: &Board,
    candidates: &[bool],
    script: &[Scene],
) -> Vec<Option<(usize, MatchedBy)>> {
    let mut found: Vec<Option<(usize, MatchedBy)>> = vec![None; script.len()];
    let mut taken = vec![false; board.scenes.len()];
    let free = |taken: &[bool], bi: usize| candidates[bi] && !taken[bi];

    let mut by_number: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_heading: HashMap<String, Vec<usize>> = HashMap::new();
    for (bi, scene) in board.scenes.iter().enumerate() {
        if let Some(n) = &scene.number {
            by_number.entry(n.as_str()).or_default().push(bi);
        }
        by_heading
            .entry(normalized(&scene.heading))
            .or_default()
            .push(bi);
    }
    for (si, scene) in script.iter().enumerate() {
        let Some(n) = &scene.number else { continue };
        let hit = by_number
            .get(n.as_str())
            .and_then(|list| list.iter().copied().find(|&bi| free(&taken, bi)));
        if let Some(bi) = hit {
            taken[bi] = true;
            found[si] = Some((bi, MatchedBy::Number));
        }
    }
    for (si, scene) in script.iter().enumerate() {
        if found[si].is_some() {
            continue;
        }
        let hit = by_heading
            .get(&normalized(&scene.heading))
            .and_then(|list| list.iter().copied().find(|&bi| free(&taken, bi)));
        if let Some(bi) = hit {
            taken[bi] = true;
            found[si] = Some((bi, MatchedBy::Heading));
        }
    }
    // What is left: best pairs by words, greedily.
    let open_script: Vec<usize> = (0..script.len())
        .filter(|&si| found[si].is_none())
        .collect();
    let open_board: Vec<usize> = (0..board.scenes.len())
        .filter(|&bi| free(&taken, bi))
        .collect();
    if open_script.is_empty() || open_board.is_empty() {
        return found;
    }
    let board_words: Vec<HashSet<String>> = open_board
        .iter()
        .map(|&bi| scene_words(&board.scenes[bi]))
        .collect();
    let mut scored = Vec::new();
    for &si in &open_script {
        let words = scene_words(&script[si]);
        for (k, &bi) in open_board.iter().enumerate() {
            let score = similarity(&words, &board_words[k]);
            if score >= SCENE_MATCH {
                scored.push((score, si, bi));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, si, bi) in scored {
        if found[si].is_none() && !taken[bi] {
            taken[bi] = true;
            found[si] = Some((bi, MatchedBy::Text));
        }
    }
    found
}

/// Indices (values) of one longest strictly increasing subsequence.
fn longest_increasing(values: &[usize]) -> Vec<usize> {
    // Patience sorting with back links: O(n log n).
    let mut tails: Vec<usize> = Vec::new(); // index into values
    let mut back: Vec<Option<usize>> = vec![None; values.len()];
    for (i, &v) in values.iter().enumerate() {
        let at = tails.partition_point(|&t| values[t] < v);
        back[i] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cursor = tails.last().copied();
    while let Some(i) = cursor {
        out.push(values[i]);
        cursor = back[i];
    }
    out.reverse();
    out
}

fn panel_text(action: &str, dialogue: &str) -> HashSet<String> {
    let mut words = word_set(action);
    words.extend(word_set(dialogue));
    words
}

/// A board panel and the index of the script paragraph it shows.
type Pair = (PanelId, usize);

/// A script paragraph's index and the id its new panel gets.
type Fresh = (usize, PanelId);

/// Compare a matched scene; returns its change (kind, heading, number,
/// panels), the (board panel, script panel) pairs, and fresh ids for the
/// script's new panels.
fn compare_scene(
    old: &Scene,
    new: &Scene,
    ids: &mut IdAllocator,
) -> (SceneChange, Vec<Pair>, Vec<Fresh>) {
    // Panels without words (drawn ones added by hand) match no paragraph.
    let worded: Vec<&Panel> = old
        .panels
        .iter()
        .filter(|p| !p.action.trim().is_empty() || !p.dialogue.trim().is_empty())
        .collect();
    let pairs = align(&worded, &new.panels);
    let paired_board: HashSet<PanelId> = pairs.iter().map(|(id, _)| *id).collect();
    let paired_script: HashSet<usize> = pairs.iter().map(|(_, j)| *j).collect();

    let mut panels = Vec::new();
    for &(id, j) in &pairs {
        let Some(panel) = old.panels.iter().find(|p| p.id == id) else {
            continue;
        };
        let given = &new.panels[j];
        let record = panel.script;
        let mut changes = Vec::new();
        for (field, current, script_text, fingerprint_of) in [
            (
                TextField::Action,
                &panel.action,
                &given.action,
                record.map(|r| r.action),
            ),
            (
                TextField::Dialogue,
                &panel.dialogue,
                &given.dialogue,
                record.map(|r| r.dialogue),
            ),
        ] {
            if current == script_text {
                continue;
            }
            changes.push(TextChange {
                field,
                old: current.clone(),
                new: script_text.clone(),
                diff: diff_words(current, script_text),
                kept: fingerprint_of != Some(fingerprint(current)),
            });
        }
        if !changes.is_empty() {
            panels.push(PanelChange::Text { panel: id, changes });
        }
    }
    let mut fresh = Vec::new();
    for (j, p) in new.panels.iter().enumerate() {
        if !paired_script.contains(&j) {
            fresh.push((j, ids.panel()));
            panels.push(PanelChange::New {
                action: p.action.clone(),
                dialogue: p.dialogue.clone(),
            });
        }
    }
    for panel in &worded {
        // Only panels the script made leave with their paragraph.
        if !paired_board.contains(&panel.id) && panel.script.is_some() {
            panels.push(PanelChange::Omitted { panel: panel.id });
        }
    }

    let heading_change =
        (normalized(&old.heading) != normalized(&new.heading)).then(|| TextChange {
            field: TextField::Heading,
            old: old.heading.clone(),
            new: new.heading.clone(),
            diff: diff_words(&old.heading, &new.heading),
            kept: old.script_heading != Some(fingerprint(&old.heading)),
        });
    let number_change = (old.number != new.number && new.number.is_some())
        .then(|| (old.number.clone(), new.number.clone()));
    let changed = heading_change.is_some() || number_change.is_some() || !panels.is_empty();
    let change = SceneChange {
        kind: if changed {
            SceneChangeKind::Changed
        } else {
            SceneChangeKind::Unchanged
        },
        board_scene: Some(old.id),
        script_index: None,
        heading: if heading_change.as_ref().is_some_and(|c| c.kept) {
            old.heading.clone()
        } else {
            new.heading.clone()
        },
        matched_by: None,
        moved: false,
        heading_change,
        number_change,
        panels,
        accept: true,
    };
    (change, pairs, fresh)
}

/// Order-keeping alignment of board panels with script paragraphs that
/// maximises the summed word similarity of the pairs (each at least
/// [`PANEL_MATCH`]); then leftovers with identical words pair up anyway
/// (a paragraph moved inside its scene keeps its panel).
fn align(board: &[&Panel], script: &[Panel]) -> Vec<Pair> {
    let (m, n) = (board.len(), script.len());
    let a: Vec<HashSet<String>> = board
        .iter()
        .map(|p| panel_text(&p.action, &p.dialogue))
        .collect();
    let b: Vec<HashSet<String>> = script
        .iter()
        .map(|p| panel_text(&p.action, &p.dialogue))
        .collect();
    let score = |i: usize, j: usize| {
        if board[i].action == script[j].action && board[i].dialogue == script[j].dialogue {
            // Identical text beats any near match.
            2.0
        } else {
            let s = similarity(&a[i], &b[j]);
            if s >= PANEL_MATCH {
                s
            } else {
                f64::NEG_INFINITY
            }
        }
    };
    let width = n + 1;
    let mut best = vec![0.0f64; (m + 1) * width];
    for i in (0..m).rev() {
        for j in (0..n).rev() {
            let skip = best[(i + 1) * width + j].max(best[i * width + j + 1]);
            best[i * width + j] = skip.max(score(i, j) + best[(i + 1) * width + j + 1]);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < m && j < n {
        let here = best[i * width + j];
        let s = score(i, j);
        if s.is_finite() && here == s + best[(i + 1) * width + j + 1] {
            pairs.push((board[i].id, j));
            i += 1;
            j += 1;
        } else if here == best[(i + 1) * width + j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    let used_board: HashSet<PanelId> = pairs.iter().map(|(id, _)| *id).collect();
    let mut used_script: HashSet<usize> = pairs.iter().map(|(_, j)| *j).collect();
    for panel in board.iter().filter(|p| !used_board.contains(&p.id)) {
        let twin = (0..n).find(|&j| {
            !used_script.contains(&j)
                && script[j].action == panel.action
                && script[j].dialogue == panel.dialogue
        });
        if let Some(j) = twin {
            used_script.insert(j);
            pairs.push((panel.id, j));
        }
    }
    pairs
}

/// Why a plan cannot be applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error("the board changed since the update was planned; plan it again")]
    Stale,
}

impl SyncPlan {
    /// Scenes whose accepted part would change the board.
    pub fn has_changes(&self) -> bool {
        self.scenes.iter().any(|s| s.accept && s.changes_anything())
    }

    /// The accepted changes as one edit, for one undo step. `board` must
    /// be the board the plan was made for.
    pub fn edit(&self, board: &Board) -> Result<Edit, SyncError> {
        if board.next_id != self.made_for {
            return Err(SyncError::Stale);
        }
        let mut work = board.clone();
        let mut edits = Vec::new();
        let mut push = |work: &mut Board, edit: Edit| {
            // Each step is checked on the working copy, so a plan that no
            // longer fits the board is refused before anything changes.
            match edit.clone().apply(work) {
                Ok(_) => {
                    edits.push(edit);
                    Ok(())
                }
                Err(_) => Err(SyncError::Stale),
            }
        };
        let accepted = |c: &&SceneChange| c.accept;

        // Where omitted panels go.
        let to_omit: Vec<PanelId> = self
            .scenes
            .iter()
            .filter(accepted)
            .flat_map(|c| c.panels.iter())
            .filter_map(|p| match p {
                PanelChange::Omitted { panel } => Some(*panel),
                _ => None,
            })
            .collect();
        let existing_omitted = board
            .scenes
            .iter()
            .find(|s| s.heading == OMITTED_HEADING && s.script_heading.is_none())
            .map(|s| s.id);
        let omitted_scene = match (existing_omitted, to_omit.is_empty()) {
            (Some(id), _) => Some(id),
            (None, true) => None,
            (None, false) => {
                let mut scene = Scene::new(self.omitted_scene, OMITTED_HEADING);
                scene.notes =
                    "Panels whose scene or paragraph left the script, kept with their drawings."
                        .to_owned();
                push(
                    &mut work,
                    Edit::InsertScene {
                        index: board.scenes.len(),
                        scene,
                    },
                )?;
                Some(self.omitted_scene)
            }
        };

        // New scenes, at the end for now; the final order comes last.
        for change in self.scenes.iter().filter(accepted) {
            if let (SceneChangeKind::New, Some(si)) = (change.kind, change.script_index)
                && let Some(scene) = self.script.get(si)
            {
                let index = work.scenes.len();
                push(
                    &mut work,
                    Edit::InsertScene {
                        index,
                        scene: scene.clone(),
                    },
                )?;
            }
        }

        // Matched scenes: fields, words, new panels, then their layout.
        let mut layout: Vec<(SceneId, Vec<PanelId>)> = Vec::new();
        let mut omitted_panels: Vec<PanelId> = board
            .scenes
            .iter()
            .find(|s| Some(s.id) == omitted_scene)
            .map(|s| s.panels.iter().map(|p| p.id).collect())
            .unwrap_or_default();
        for change in self.scenes.iter().filter(accepted) {
            let Some(scene_id) = change.board_scene else {
                continue;
            };
            match change.kind {
                SceneChangeKind::Omitted => {
                    if let Some(scene) = board.scene(scene_id) {
                        omitted_panels.extend(scene.panels.iter().map(|p| p.id));
                    }
                    layout.push((scene_id, Vec::new()));
                }
                SceneChangeKind::Changed | SceneChangeKind::Unchanged => {
                    let Some(si) = change.script_index else {
                        continue;
                    };
                    let (Some(old), Some(new)) = (board.scene(scene_id), self.script.get(si))
                    else {
                        continue;
                    };
                    self.update_scene(&mut work, &mut push, change, old, new)?;
                    let order = self.panel_order(change, old, si);
                    omitted_panels.extend(change.panels.iter().filter_map(|p| match p {
                        PanelChange::Omitted { panel } => Some(*panel),
                        _ => None,
                    }));
                    layout.push((scene_id, order));
                }
                SceneChangeKind::New | SceneChangeKind::NotInScript => {}
            }
        }
        if let Some(id) = omitted_scene {
            layout.push((id, omitted_panels));
        }
        if !layout.is_empty() {
            push(&mut work, Edit::SetLayout { layout })?;
        }
        for change in self.scenes.iter().filter(accepted) {
            if let (SceneChangeKind::Omitted, Some(id)) = (change.kind, change.board_scene) {
                push(&mut work, Edit::RemoveScene { id })?;
            }
        }

        // Scene order: the script's, with rejected and hand-made scenes
        // after the scene they followed, and OMITTED last.
        let target = self.scene_order(board, &work, omitted_scene);
        let mut current: Vec<SceneId> = work.scenes.iter().map(|s| s.id).collect();
        for (to_index, id) in target.into_iter().enumerate() {
            if current.get(to_index) == Some(&id) {
                continue;
            }
            let Some(from) = current.iter().position(|&s| s == id) else {
                continue;
            };
            push(&mut work, Edit::MoveScene { id, to_index })?;
            let moved = current.remove(from);
            current.insert(to_index, moved);
        }
        Ok(Edit::Batch(edits))
    }

    /// Heading, number, words and new panels of one matched scene.
    fn update_scene(
        &self,
        work: &mut Board,
        push: &mut impl FnMut(&mut Board, Edit) -> Result<(), SyncError>,
        change: &SceneChange,
        old: &Scene,
        new: &Scene,
    ) -> Result<(), SyncError> {
        let id = old.id;
        if let Some(heading) = change.heading_change.as_ref().filter(|c| !c.kept) {
            push(
                work,
                Edit::SetScene {
                    id,
                    field: SceneField::Heading(heading.new.clone()),
                },
            )?;
            if old.location == location_of(&old.heading) {
                push(
                    work,
                    Edit::SetScene {
                        id,
                        field: SceneField::Location(location_of(&heading.new)),
                    },
                )?;
            }
        }
        if change.heading_change.as_ref().is_none_or(|c| !c.kept)
            && old.script_heading != new.script_heading
        {
            push(
                work,
                Edit::SetScene {
                    id,
                    field: SceneField::ScriptHeading(new.script_heading),
                },
            )?;
        }
        if let Some((_, number)) = &change.number_change {
            push(
                work,
                Edit::SetScene {
                    id,
                    field: SceneField::Number(number.clone()),
                },
            )?;
        }
        // Words: rewrite what the script gave; record what it gives now
        // wherever the board's text is (or becomes) the script's.
        let pairs = self.pairs.get(&id).map(Vec::as_slice).unwrap_or_default();
        let mut sets = Vec::new();
        for &(panel_id, j) in pairs {
            let (Some(panel), Some(given)) = (
                old.panels.iter().find(|p| p.id == panel_id),
                new.panels.get(j),
            ) else {
                continue;
            };
            let kept = |field| {
                change.panels.iter().any(|p| match p {
                    PanelChange::Text { panel, changes } => {
                        *panel == panel_id && changes.iter().any(|c| c.field == field && c.kept)
                    }
                    _ => false,
                })
            };
            let keep_action = kept(TextField::Action);
            let keep_dialogue = kept(TextField::Dialogue);
            if !keep_action && panel.action != given.action {
                sets.push((panel_id, PanelField::Action(given.action.clone())));
            }
            if !keep_dialogue && panel.dialogue != given.dialogue {
                sets.push((panel_id, PanelField::Dialogue(given.dialogue.clone())));
            }
            let old_record = panel.script;
            let record = ScriptText {
                action: if keep_action {
                    old_record.map_or(0, |r| r.action)
                } else {
                    fingerprint(&given.action)
                },
                dialogue: if keep_dialogue {
                    old_record.map_or(0, |r| r.dialogue)
                } else {
                    fingerprint(&given.dialogue)
                },
            };
            // A panel with no record whose text is kept stays unrecorded.
            let record =
                (old_record.is_some() || !(keep_action || keep_dialogue)).then_some(record);
            if record != old_record {
                sets.push((panel_id, PanelField::Script(record)));
            }
        }
        if !sets.is_empty() {
            push(work, Edit::SetPanels { changes: sets })?;
        }
        let fresh = self.new_panels(change, new);
        if !fresh.is_empty() {
            let index = work.scene(id).map_or(0, |s| s.panels.len());
            push(
                work,
                Edit::InsertPanels {
                    scene: id,
                    index,
                    panels: fresh,
                },
            )?;
        }
        Ok(())
    }

    /// The script's new panels of a matched scene, with their planned ids.
    fn new_panels(&self, change: &SceneChange, new: &Scene) -> Vec<Panel> {
        let Some(si) = change.script_index else {
            return Vec::new();
        };
        self.new_panel_ids
            .get(&si)
            .map(|list| {
                list.iter()
                    .filter_map(|&(j, id)| {
                        let mut panel = new.panels.get(j)?.clone();
                        panel.id = id;
                        Some(panel)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A matched scene's panels after the update: the board's order without
    /// omitted panels, each new panel right after the panel of the
    /// paragraph before it (or before the next one's, or at the end).
    fn panel_order(&self, change: &SceneChange, old: &Scene, si: usize) -> Vec<PanelId> {
        let gone: HashSet<PanelId> = change
            .panels
            .iter()
            .filter_map(|p| match p {
                PanelChange::Omitted { panel } => Some(*panel),
                _ => None,
            })
            .collect();
        let mut order: Vec<PanelId> = old
            .panels
            .iter()
            .map(|p| p.id)
            .filter(|id| !gone.contains(id))
            .collect();
        let pairs = self
            .pairs
            .get(&old.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let panel_of: HashMap<usize, PanelId> = pairs.iter().map(|&(id, j)| (j, id)).collect();
        let last_paired = panel_of.keys().copied().max().unwrap_or(0);
        let mut last_after: HashMap<PanelId, PanelId> = HashMap::new();
        for &(j, id) in self
            .new_panel_ids
            .get(&si)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            let before = (0..j).rev().find_map(|k| panel_of.get(&k).copied());
            let after = (j + 1..=last_paired).find_map(|k| panel_of.get(&k).copied());
            let at = match (before, after) {
                (Some(anchor), _) => {
                    let last = last_after.get(&anchor).copied().unwrap_or(anchor);
                    last_after.insert(anchor, id);
                    order
                        .iter()
                        .position(|&p| p == last)
                        .map_or(order.len(), |i| i + 1)
                }
                (None, Some(next)) => order.iter().position(|&p| p == next).unwrap_or(order.len()),
                (None, None) => order.len(),
            };
            order.insert(at, id);
        }
        order
    }

    /// The final scene order.
    fn scene_order(
        &self,
        board: &Board,
        work: &Board,
        omitted_scene: Option<SceneId>,
    ) -> Vec<SceneId> {
        let mut order: Vec<SceneId> = Vec::new();
        for change in &self.scenes {
            let in_script_order = change.accept && change.script_index.is_some();
            let id = match (change.kind, change.board_scene) {
                (SceneChangeKind::New, _) => change
                    .script_index
                    .and_then(|si| self.script.get(si))
                    .map(|s| s.id),
                (_, id) => id,
            };
            if in_script_order && let Some(id) = id {
                order.push(id);
            }
        }
        // Scenes that stay where they were: after the scene before them.
        for (bi, scene) in board.scenes.iter().enumerate() {
            if order.contains(&scene.id)
                || Some(scene.id) == omitted_scene
                || work.scene(scene.id).is_none()
            {
                continue;
            }
            let at = bi
                .checked_sub(1)
                .and_then(|p| board.scenes.get(p))
                .and_then(|p| order.iter().position(|&id| id == p.id))
                .map_or(0, |i| i + 1);
            order.insert(at, scene.id);
        }
        order.extend(omitted_scene);
        // Anything else the working board has (nothing, if the plan is
        // whole) keeps its place at the end rather than being lost.
        for scene in &work.scenes {
            if !order.contains(&scene.id) {
                order.push(scene.id);
            }
        }
        order.retain(|id| work.scene(*id).is_some());
        order
    }
}

#[cfg(test)]
mod tests;
