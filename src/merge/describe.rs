//! Boards in words for people reading git: a line-per-fact rendering of
//! one board (git's `textconv`, so `git diff` and `git log -p` show what
//! changed in a sentence per line) and a summary of the changes between
//! two boards, by id.

use std::collections::{HashMap, HashSet};

use super::Show;
use crate::model::{Board, Layer, Panel, PanelId, Scene, SceneId, Stroke};

/// Longest value a change line shows before cutting it short.
const SHORT: usize = 60;

/// One board as stable text, one fact per line, every line starting with
/// what it is about (`board`, `scene#3`, `panel#12`), so a one-field edit
/// is a one-line change and a moved panel shows as its lines moving.
pub fn textconv(board: &Board) -> String {
    let mut out = String::new();
    let mut line = |subject: &str, fact: &str, value: String| {
        out.push_str(subject);
        out.push(' ');
        out.push_str(fact);
        out.push_str(": ");
        out.push_str(&value);
        out.push('\n');
    };
    for (fact, value) in board_facts(board) {
        line("board", fact, value);
    }
    for scene in &board.scenes {
        let subject = scene.id.to_string();
        for (fact, value) in scene_facts(scene) {
            line(&subject, fact, value);
        }
        for panel in &scene.panels {
            let subject = format!("{} ({})", panel.id, scene.id);
            for (fact, value) in panel_facts(panel) {
                line(&subject, fact, value);
            }
            for (i, stroke) in panel.strokes.iter().enumerate() {
                line(&subject, &format!("stroke {}", i + 1), stroke_line(stroke));
            }
            for comment in &panel.comments {
                let c = format!("comment {}", comment.id.0);
                line(
                    &subject,
                    &c,
                    format!(
                        "{} at {}{}: {}",
                        comment.author.show(),
                        comment.time,
                        if comment.resolved { " (resolved)" } else { "" },
                        comment.text.show()
                    ),
                );
                for reply in &comment.replies {
                    line(
                        &subject,
                        &format!("{c} reply"),
                        format!(
                            "{} at {}: {}",
                            reply.author.show(),
                            reply.time,
                            reply.text.show()
                        ),
                    );
                }
            }
        }
    }
    out
}

fn board_facts(b: &Board) -> Vec<(&'static str, String)> {
    vec![
        ("title", b.title.show()),
        ("author", b.author.show()),
        ("aspect ratio", b.aspect_ratio.show()),
        ("frame rate", b.fps.show()),
        ("default duration", format!("{} ms", b.default_duration_ms)),
    ]
}

fn scene_facts(s: &Scene) -> Vec<(&'static str, String)> {
    vec![
        ("heading", s.heading.show()),
        ("number", s.number.show()),
        ("location", s.location.show()),
        ("notes", s.notes.show()),
    ]
}

/// A panel's own fields (strokes and comments are listed separately).
fn panel_facts(p: &Panel) -> Vec<(&'static str, String)> {
    vec![
        ("frame image", p.image.show()),
        ("action", p.action.show()),
        ("dialogue", p.dialogue.show()),
        ("notes", p.notes.show()),
        ("shot size", p.shot_size.show()),
        ("camera angle", p.angle.show()),
        ("camera move", p.movement.show()),
        ("lens", with_unit(p.lens_mm, "mm")),
        ("duration", with_unit(p.duration_ms, "ms")),
        ("transition", p.transition.show()),
        ("review status", p.status.show()),
        ("new shot", p.new_shot.show()),
    ]
}

fn with_unit(value: Option<u32>, unit: &str) -> String {
    value.map_or_else(|| None::<u32>.show(), |v| format!("{v} {unit}"))
}

fn stroke_line(s: &Stroke) -> String {
    let first = s.points.first().map(|p| format!(" from {},{}", p.x, p.y));
    let last = s.points.last().map(|p| format!(" to {},{}", p.x, p.y));
    format!(
        "{} {:?} {} width {} opacity {}, {} point(s){}{}",
        s.layer.label().to_lowercase(),
        s.tool,
        s.color.to_hex(),
        s.width,
        s.opacity,
        s.points.len(),
        first.unwrap_or_default(),
        last.unwrap_or_default()
    )
}

/// Strokes per layer in words: "sketch 3, ink 1".
fn stroke_counts(strokes: &[Stroke]) -> String {
    let counts: Vec<String> = Layer::ALL
        .iter()
        .filter_map(|&layer| {
            let n = strokes.iter().filter(|s| s.layer == layer).count();
            (n > 0).then(|| format!("{} {n}", layer.label().to_lowercase()))
        })
        .collect();
    if counts.is_empty() {
        "none".to_owned()
    } else {
        counts.join(", ")
    }
}

fn short(value: &str) -> String {
    if value.chars().count() <= SHORT {
        value.to_owned()
    } else {
        let cut: String = value.chars().take(SHORT - 3).collect();
        format!("{cut}...")
    }
}

/// "field old -> new" for every fact that differs.
fn changed_facts(old: &[(&'static str, String)], new: &[(&'static str, String)]) -> Vec<String> {
    old.iter()
        .zip(new)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((name, a), (_, b))| format!("{name} {} -> {}", short(a), short(b)))
        .collect()
}

/// Each item's parent and the item before it, counting only items both
/// boards have: removing a neighbour is not a move.
fn places<T: Copy + Eq + std::hash::Hash, P: Copy>(
    groups: &[(P, Vec<T>)],
    keep: &HashSet<T>,
) -> HashMap<T, (P, Option<T>)> {
    let mut out = HashMap::new();
    for (parent, items) in groups {
        let mut before = None;
        for &item in items.iter().filter(|i| keep.contains(i)) {
            out.insert(item, (*parent, before));
            before = Some(item);
        }
    }
    out
}

fn panel_groups(b: &Board) -> Vec<(SceneId, Vec<PanelId>)> {
    b.scenes
        .iter()
        .map(|s| (s.id, s.panels.iter().map(|p| p.id).collect()))
        .collect()
}

/// The changes from `old` to `new`, one line each: board settings, scenes
/// and panels added, removed, moved and changed (with the fields and short
/// old -> new values). Empty when the boards are the same.
pub fn describe_changes(old: &Board, new: &Board) -> Vec<String> {
    let mut lines = Vec::new();
    for change in changed_facts(&board_facts(old), &board_facts(new)) {
        lines.push(format!("board: {change}"));
    }

    let old_scenes: HashMap<SceneId, &Scene> = old.scenes.iter().map(|s| (s.id, s)).collect();
    let new_scenes: HashMap<SceneId, &Scene> = new.scenes.iter().map(|s| (s.id, s)).collect();
    let both: HashSet<SceneId> = old_scenes
        .keys()
        .filter(|id| new_scenes.contains_key(id))
        .copied()
        .collect();
    let order = |b: &Board| vec![((), b.scenes.iter().map(|s| s.id).collect::<Vec<_>>())];
    let (old_at, new_at) = (places(&order(old), &both), places(&order(new), &both));
    for scene in &old.scenes {
        if !new_scenes.contains_key(&scene.id) {
            lines.push(format!(
                "{} removed: {} ({} panel(s))",
                scene.id,
                short(&scene.heading.show()),
                scene.panels.len()
            ));
        }
    }
    for (i, scene) in new.scenes.iter().enumerate() {
        match old_scenes.get(&scene.id) {
            None => lines.push(format!(
                "{} added at position {}: {}",
                scene.id,
                i + 1,
                short(&scene.heading.show())
            )),
            Some(o) => {
                if old_at.get(&scene.id) != new_at.get(&scene.id) {
                    lines.push(format!("{} moved to position {}", scene.id, i + 1));
                }
                let changes = changed_facts(&scene_facts(o), &scene_facts(scene));
                if !changes.is_empty() {
                    lines.push(format!("{} changed: {}", scene.id, changes.join("; ")));
                }
            }
        }
    }

    let old_panels: HashMap<PanelId, (SceneId, &Panel)> = old
        .scenes
        .iter()
        .flat_map(|s| s.panels.iter().map(move |p| (p.id, (s.id, p))))
        .collect();
    let new_ids: HashSet<PanelId> = new.panels().map(|p| p.id).collect();
    let both: HashSet<PanelId> = old_panels
        .keys()
        .filter(|id| new_ids.contains(id))
        .copied()
        .collect();
    let (old_at, new_at) = (
        places(&panel_groups(old), &both),
        places(&panel_groups(new), &both),
    );
    for (id, (scene, _)) in old
        .scenes
        .iter()
        .flat_map(|s| s.panels.iter().map(move |p| (p.id, (s.id, p))))
    {
        if !new_ids.contains(&id) {
            lines.push(format!("{id} removed from {scene}"));
        }
    }
    for scene in &new.scenes {
        for (i, panel) in scene.panels.iter().enumerate() {
            let Some(&(old_scene, o)) = old_panels.get(&panel.id) else {
                lines.push(format!(
                    "{} added to {} at position {}: {}",
                    panel.id,
                    scene.id,
                    i + 1,
                    short(&panel.summary_line().to_owned().show())
                ));
                continue;
            };
            if old_at.get(&panel.id) != new_at.get(&panel.id) {
                if old_scene == scene.id {
                    lines.push(format!("{} moved within {}", panel.id, scene.id));
                } else {
                    lines.push(format!(
                        "{} moved from {old_scene} to {}",
                        panel.id, scene.id
                    ));
                }
            }
            let mut changes = changed_facts(&panel_facts(o), &panel_facts(panel));
            if o.strokes != panel.strokes {
                let (a, b) = (stroke_counts(&o.strokes), stroke_counts(&panel.strokes));
                changes.push(if a == b {
                    format!("strokes redrawn ({b})")
                } else {
                    format!("strokes {a} -> {b}")
                });
            }
            if o.comments != panel.comments {
                let count =
                    |p: &Panel| format!("{} ({} open)", p.comments.len(), p.unresolved_comments());
                changes.push(format!("comments {} -> {}", count(o), count(panel)));
            }
            if !changes.is_empty() {
                lines.push(format!("{} changed: {}", panel.id, changes.join("; ")));
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn identical_boards_describe_no_changes() {
        assert!(describe_changes(&board(), &board()).is_empty());
    }

    #[test]
    fn names_each_change_with_its_field_and_values() {
        let old = board();
        let mut new = board();
        new.title = "Renamed".into();
        new.scenes[0].panels.remove(0);
        new.scenes[0].panels[0].action = "runs".into();
        let moved = new.scenes[0].panels.remove(1);
        new.scenes[1].panels.push(moved);
        new.scenes[1].heading = "EXT. B".into();
        new.scenes.swap(0, 1);
        let mut added = Panel::new(PanelId(30));
        added.action = "new".into();
        new.scenes[0].panels.insert(0, added);
        assert_eq!(
            describe_changes(&old, &new),
            vec![
                "board: title \"Untitled board\" -> \"Renamed\"",
                "scene#2 moved to position 1",
                "scene#2 changed: heading \"INT. B\" -> \"EXT. B\"",
                "scene#1 moved to position 2",
                "panel#10 removed from scene#1",
                "panel#30 added to scene#2 at position 1: \"new\"",
                "panel#12 moved from scene#1 to scene#2",
                "panel#11 changed: action \"\" -> \"runs\"",
            ]
        );
    }

    #[test]
    fn textconv_changes_one_line_for_one_field() {
        let old = board();
        let mut new = board();
        new.panel_mut(PanelId(11)).unwrap().dialogue = "Hello".into();
        let (a, b) = (textconv(&old), textconv(&new));
        let differing: Vec<(&str, &str)> =
            a.lines().zip(b.lines()).filter(|(x, y)| x != y).collect();
        assert_eq!(a.lines().count(), b.lines().count());
        assert_eq!(
            differing,
            vec![(
                "panel#11 (scene#1) dialogue: \"\"",
                "panel#11 (scene#1) dialogue: \"Hello\""
            )]
        );
    }
}
