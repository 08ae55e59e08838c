//! What differs between two versions of a board, by stable id, so a user
//! choosing between a recovery copy and the saved file can see what each
//! choice keeps.

use std::collections::{HashMap, HashSet};

use crate::model::{Board, Panel, PanelId, SceneId};

/// The differences from an `old` board to a `new` one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BoardDiff {
    pub panels_added: Vec<PanelId>,
    pub panels_removed: Vec<PanelId>,
    /// Panels on both boards whose content (words, shot facts, image,
    /// strokes…) differs.
    pub panels_changed: Vec<PanelId>,
    /// Panels on both boards, unchanged, but in another scene or position.
    pub panels_moved: Vec<PanelId>,
    pub scenes_added: Vec<SceneId>,
    pub scenes_removed: Vec<SceneId>,
    /// Scenes on both boards whose heading, location, notes or number differ.
    pub scenes_changed: Vec<SceneId>,
    /// Board settings that differ ("title", "frame rate", …).
    pub settings_changed: Vec<&'static str>,
}

impl BoardDiff {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// One line per kind of difference, for a dialog.
    pub fn summary(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let mut count = |n: usize, one: &str, many: &str| {
            if n > 0 {
                lines.push(if n == 1 {
                    one.to_owned()
                } else {
                    format!("{n} {many}")
                });
            }
        };
        count(self.panels_added.len(), "1 panel added", "panels added");
        count(
            self.panels_removed.len(),
            "1 panel removed",
            "panels removed",
        );
        count(
            self.panels_changed.len(),
            "1 panel changed",
            "panels changed",
        );
        count(self.panels_moved.len(), "1 panel moved", "panels moved");
        count(self.scenes_added.len(), "1 scene added", "scenes added");
        count(
            self.scenes_removed.len(),
            "1 scene removed",
            "scenes removed",
        );
        count(
            self.scenes_changed.len(),
            "1 scene changed",
            "scenes changed",
        );
        if !self.settings_changed.is_empty() {
            lines.push(format!(
                "board settings changed: {}",
                self.settings_changed.join(", ")
            ));
        }
        if lines.is_empty() {
            lines.push("no differences".to_owned());
        }
        lines
    }
}

/// Compares two boards by scene and panel ids.
pub fn diff_boards(old: &Board, new: &Board) -> BoardDiff {
    let mut diff = BoardDiff::default();
    let common = |a: &Board, b: &Board| -> HashMap<PanelId, (SceneId, Option<PanelId>)> {
        // Each panel's scene and the panel before it, counting only panels
        // on both boards: removing a neighbour is not a move.
        let in_b: HashSet<PanelId> = b.panels().map(|p| p.id).collect();
        let mut out = HashMap::new();
        for scene in &a.scenes {
            let mut before = None;
            for panel in scene.panels.iter().filter(|p| in_b.contains(&p.id)) {
                out.insert(panel.id, (scene.id, before));
                before = Some(panel.id);
            }
        }
        out
    };
    let old_places = common(old, new);
    let new_places = common(new, old);
    let old_panels: HashMap<PanelId, &Panel> = old.panels().map(|p| (p.id, p)).collect();
    let mut seen = HashSet::new();
    for panel in new.panels() {
        seen.insert(panel.id);
        match old_panels.get(&panel.id) {
            None => diff.panels_added.push(panel.id),
            Some(p) if *p != panel => diff.panels_changed.push(panel.id),
            Some(_) if old_places.get(&panel.id) != new_places.get(&panel.id) => {
                diff.panels_moved.push(panel.id);
            }
            Some(_) => {}
        }
    }
    diff.panels_removed = old
        .panels()
        .map(|p| p.id)
        .filter(|id| !seen.contains(id))
        .collect();

    let old_scenes: HashMap<SceneId, _> = old.scenes.iter().map(|s| (s.id, s)).collect();
    for scene in &new.scenes {
        match old_scenes.get(&scene.id) {
            None => diff.scenes_added.push(scene.id),
            Some(o) => {
                let same = o.heading == scene.heading
                    && o.location == scene.location
                    && o.notes == scene.notes
                    && o.number == scene.number;
                if !same {
                    diff.scenes_changed.push(scene.id);
                }
            }
        }
    }
    diff.scenes_removed = old
        .scenes
        .iter()
        .map(|s| s.id)
        .filter(|id| new.scene(*id).is_none())
        .collect();

    let settings = [
        ("title", old.title != new.title),
        ("author", old.author != new.author),
        ("aspect ratio", old.aspect_ratio != new.aspect_ratio),
        ("frame rate", old.fps != new.fps),
        (
            "default duration",
            old.default_duration_ms != new.default_duration_ms,
        ),
    ];
    diff.settings_changed = settings
        .into_iter()
        .filter_map(|(name, differs)| differs.then_some(name))
        .collect();
    diff
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scene;

    fn board() -> Board {
        let mut b = Board::new_untitled();
        b.scenes.clear();
        let mut s1 = Scene::new(SceneId(1), "INT. A");
        let mut s2 = Scene::new(SceneId(2), "INT. B");
        for id in 10..13 {
            s1.panels.push(Panel::new(PanelId(id)));
        }
        s2.panels.push(Panel::new(PanelId(20)));
        b.scenes = vec![s1, s2];
        b.bump_next_id();
        b
    }

    #[test]
    fn identical_boards_have_no_differences() {
        let d = diff_boards(&board(), &board());
        assert!(d.is_empty());
        assert_eq!(d.summary(), vec!["no differences"]);
    }

    #[test]
    fn names_panels_and_scenes_added_removed_changed_and_moved() {
        let old = board();
        let mut new = board();
        new.title = "Renamed".into();
        new.scenes[0].panels.remove(0); // 10 removed
        new.scenes[0].panels[0].action = "changed".into(); // 11 changed
        let moved = new.scenes[0].panels.remove(1); // 12 moves to scene 2
        new.scenes[1].panels.push(moved);
        new.scenes[1].heading = "EXT. B".into();
        let mut s3 = Scene::new(SceneId(3), "INT. C");
        s3.panels.push(Panel::new(PanelId(30)));
        new.scenes.push(s3);

        let d = diff_boards(&old, &new);
        assert_eq!(d.panels_removed, vec![PanelId(10)]);
        assert_eq!(d.panels_changed, vec![PanelId(11)]);
        assert_eq!(d.panels_moved, vec![PanelId(12)]);
        assert_eq!(d.panels_added, vec![PanelId(30)]);
        assert_eq!(d.scenes_added, vec![SceneId(3)]);
        assert_eq!(d.scenes_changed, vec![SceneId(2)]);
        assert!(d.scenes_removed.is_empty());
        assert_eq!(d.settings_changed, vec!["title"]);
        assert_eq!(
            d.summary(),
            vec![
                "1 panel added",
                "1 panel removed",
                "1 panel changed",
                "1 panel moved",
                "1 scene added",
                "1 scene changed",
                "board settings changed: title",
            ]
        );
    }
}
