//! Keeping ids unique when both sides created objects.
//!
//! Both branches hand out ids from the same counter they inherited from the
//! base, so a panel added on one side and a different panel added on the
//! other usually share an id. The other side's new object then gets a fresh
//! id past every id either side used. An object both sides created
//! identically, in the same place (a cherry-picked change), is one object.

use std::collections::{HashMap, HashSet};

use crate::model::{Board, Comment, CommentId, Panel, PanelId, Scene, SceneId};

/// The first id no board among `boards` has used or reserved.
pub fn first_free_id(boards: &[&Board]) -> u64 {
    boards
        .iter()
        .map(|b| b.next_id.max(b.max_used_id() + 1))
        .max()
        .unwrap_or(1)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Scene,
    Panel,
    Comment,
}

#[derive(Clone, Copy)]
enum Object<'x> {
    Scene(&'x Scene),
    Panel(&'x Panel),
    Comment(&'x Comment),
}

impl Object<'_> {
    fn kind(self) -> Kind {
        match self {
            Self::Scene(_) => Kind::Scene,
            Self::Panel(_) => Kind::Panel,
            Self::Comment(_) => Kind::Comment,
        }
    }

    /// The kind of object this one sits in (`None` for a scene: the board).
    fn parent_kind(self) -> Option<Kind> {
        match self {
            Self::Scene(_) => None,
            Self::Panel(_) => Some(Kind::Scene),
            Self::Comment(_) => Some(Kind::Panel),
        }
    }

    fn same_content(self, other: Self) -> bool {
        match (self, other) {
            (Self::Scene(x), Self::Scene(y)) => x == y,
            (Self::Panel(x), Self::Panel(y)) => x == y,
            (Self::Comment(x), Self::Comment(y)) => x == y,
            _ => false,
        }
    }
}

/// An object with where it sits: its parent's id (0 for the board) and the
/// id of the sibling before it.
#[derive(Clone, Copy)]
struct Placed<'x> {
    id: u64,
    object: Object<'x>,
    parent: u64,
    previous: Option<u64>,
}

/// Every scene, panel and comment in board order.
fn objects(board: &Board) -> Vec<Placed<'_>> {
    let mut out = Vec::new();
    let mut previous_scene = None;
    for scene in &board.scenes {
        out.push(Placed {
            id: scene.id.0,
            object: Object::Scene(scene),
            parent: 0,
            previous: previous_scene,
        });
        previous_scene = Some(scene.id.0);
        let mut previous_panel = None;
        for panel in &scene.panels {
            out.push(Placed {
                id: panel.id.0,
                object: Object::Panel(panel),
                parent: scene.id.0,
                previous: previous_panel,
            });
            previous_panel = Some(panel.id.0);
            let mut previous_comment = None;
            for comment in &panel.comments {
                out.push(Placed {
                    id: comment.id.0,
                    object: Object::Comment(comment),
                    parent: panel.id.0,
                    previous: previous_comment,
                });
                previous_comment = Some(comment.id.0);
            }
        }
    }
    out
}

/// A copy of `other` whose new objects no longer share an id with anything
/// in `base` or `kept`, except objects created identically on both sides.
/// Fresh ids come from `next`, in `other`'s board order.
pub fn separate_new_ids(base: &Board, kept: &Board, other: &Board, next: &mut u64) -> Board {
    let base_ids: HashSet<(Kind, u64)> = objects(base)
        .iter()
        .map(|o| (o.object.kind(), o.id))
        .collect();
    let base_raw: HashSet<u64> = base_ids.iter().map(|&(_, id)| id).collect();
    let kept_objects: HashMap<u64, Placed<'_>> =
        objects(kept).into_iter().map(|o| (o.id, o)).collect();
    let mut renamed: HashMap<(Kind, u64), u64> = HashMap::new();
    // Board order visits a parent before its children and a sibling before
    // the next, so whether those were renamed is known when it matters.
    for o in objects(other) {
        let kind = o.object.kind();
        if base_ids.contains(&(kind, o.id)) {
            continue;
        }
        let parent_renamed = o
            .object
            .parent_kind()
            .is_some_and(|k| renamed.contains_key(&(k, o.parent)));
        let previous_renamed = o.previous.is_some_and(|p| renamed.contains_key(&(kind, p)));
        let clash = base_raw.contains(&o.id)
            || kept_objects.get(&o.id).is_some_and(|k| {
                let same = !base_raw.contains(&k.id)
                    && k.object.same_content(o.object)
                    && k.parent == o.parent
                    && k.previous == o.previous
                    && !parent_renamed
                    && !previous_renamed;
                !same
            });
        if clash {
            renamed.insert((kind, o.id), *next);
            *next += 1;
        }
    }
    let mut out = other.clone();
    if renamed.is_empty() {
        return out;
    }
    let new_id = |kind, id: u64| renamed.get(&(kind, id)).copied().unwrap_or(id);
    for scene in &mut out.scenes {
        scene.id = SceneId(new_id(Kind::Scene, scene.id.0));
        for panel in &mut scene.panels {
            panel.id = PanelId(new_id(Kind::Panel, panel.id.0));
            for comment in &mut panel.comments {
                comment.id = CommentId(new_id(Kind::Comment, comment.id.0));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn board_with(panels: &[(u64, &str)]) -> Board {
        let mut board = Board::new_untitled();
        for &(id, action) in panels {
            let mut p = Panel::new(PanelId(id));
            p.action = action.to_owned();
            board.scenes[0].panels.push(p);
        }
        board.bump_next_id();
        board
    }

    #[test]
    fn different_panels_with_one_id_are_told_apart() {
        let base = board_with(&[]);
        let kept = board_with(&[(2, "kept side")]);
        let other = board_with(&[(2, "other side")]);
        let mut next = first_free_id(&[&base, &kept, &other]);
        let out = separate_new_ids(&base, &kept, &other, &mut next);
        assert_eq!(out.scenes[0].panels[0].id, PanelId(3));
        assert_eq!(next, 4);
    }

    #[test]
    fn identical_new_panels_in_different_new_scenes_stay_two_panels() {
        let base = board_with(&[]);
        let side = |heading: &str| {
            let mut b = base.clone();
            let mut scene = Scene::new(SceneId(2), heading);
            scene.panels.push(Panel::new(PanelId(3)));
            b.scenes.push(scene);
            b.bump_next_id();
            b
        };
        let (kept, other) = (side("EXT. ROOF"), side("INT. CELLAR"));
        let mut next = first_free_id(&[&base, &kept, &other]);
        let out = separate_new_ids(&base, &kept, &other, &mut next);
        let scene = &out.scenes[1];
        assert_eq!((scene.id, scene.panels[0].id), (SceneId(4), PanelId(5)));
    }

    #[test]
    fn an_identical_new_panel_in_the_same_place_keeps_its_id() {
        let base = board_with(&[]);
        let kept = board_with(&[(2, "same")]);
        let out = separate_new_ids(&base, &kept, &kept, &mut 10);
        assert_eq!(out, kept);
    }
}
