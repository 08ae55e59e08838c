use super::*;
use crate::model::{Layer, Rgba, Stroke, StrokePoint, Tool};

const TIME: &str = "2026-11-30T12:00:00Z";

fn options(keep: Side) -> MergeOptions {
    MergeOptions {
        keep,
        time: TIME.to_owned(),
    }
}

fn merge_ours(base: &Board, ours: &Board, theirs: &Board) -> Merged {
    merge(base, ours, theirs, &options(Side::Ours))
}

/// Two scenes: 10, 11, 12 in scene 1 and 20 in scene 2.
fn base() -> Board {
    let mut b = Board::new_untitled();
    b.scenes.clear();
    let mut s1 = Scene::new(SceneId(1), "INT. KITCHEN - DAY");
    let mut s2 = Scene::new(SceneId(2), "EXT. GARDEN - DAY");
    for id in 10..13 {
        let mut p = Panel::new(PanelId(id));
        p.action = format!("action {id}");
        s1.panels.push(p);
    }
    s2.panels.push(Panel::new(PanelId(20)));
    b.scenes = vec![s1, s2];
    b.bump_next_id();
    b
}

fn stroke(layer: Layer, x: i32) -> Stroke {
    Stroke {
        tool: Tool::Pen,
        layer,
        color: Rgba::BLACK,
        width: 0.004,
        opacity: 1.0,
        points: vec![StrokePoint {
            x,
            y: 0,
            pressure: 255,
        }],
    }
}

fn order(board: &Board, scene: usize) -> Vec<u64> {
    board.scenes[scene].panels.iter().map(|p| p.id.0).collect()
}

fn merge_comments(panel: &Panel) -> Vec<&Comment> {
    panel
        .comments
        .iter()
        .filter(|c| c.author == MERGE_AUTHOR)
        .collect()
}

#[test]
fn unchanged_sides_merge_to_the_base() {
    let b = base();
    let m = merge_ours(&b, &b, &b);
    assert!(m.is_clean());
    assert_eq!(m.board, b);
}

#[test]
fn different_fields_of_one_panel_both_survive() {
    let b = base();
    let mut ours = b.clone();
    ours.panel_mut(PanelId(10)).unwrap().action = "ours".into();
    let mut theirs = b.clone();
    theirs.panel_mut(PanelId(10)).unwrap().dialogue = "theirs".into();
    let m = merge_ours(&b, &ours, &theirs);
    assert!(m.is_clean());
    let p = m.board.panel(PanelId(10)).unwrap();
    assert_eq!((p.action.as_str(), p.dialogue.as_str()), ("ours", "theirs"));
}

#[test]
fn same_field_changed_differently_is_a_conflict_recorded_on_the_panel() {
    let b = base();
    let mut ours = b.clone();
    ours.panel_mut(PanelId(11)).unwrap().action = "she runs".into();
    let mut theirs = b.clone();
    theirs.panel_mut(PanelId(11)).unwrap().action = "she walks".into();
    let m = merge_ours(&b, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1);
    let c = &m.conflicts[0];
    assert_eq!(c.place, Place::Panel(PanelId(11)));
    assert_eq!(c.field, "action");
    assert_eq!(c.kind, ConflictKind::SameField);
    assert_eq!(
        (c.ours.as_str(), c.theirs.as_str()),
        ("\"she runs\"", "\"she walks\"")
    );
    let p = m.board.panel(PanelId(11)).unwrap();
    assert_eq!(p.action, "she runs");
    assert_eq!(p.status, ReviewStatus::NeedsChanges);
    let notes = merge_comments(p);
    assert_eq!(notes.len(), 1);
    assert!(notes[0].text.contains("she runs") && notes[0].text.contains("she walks"));
    assert_eq!(notes[0].time, TIME);
    assert!(
        notes[0].id.0 >= b.next_id,
        "the conflict comment has a new id"
    );
    assert!(m.board.next_id > notes[0].id.0);

    let theirs_kept = merge(&b, &ours, &theirs, &options(Side::Theirs));
    assert_eq!(
        theirs_kept.board.panel(PanelId(11)).unwrap().action,
        "she walks"
    );
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let b = base();
    let mut ours = b.clone();
    ours.title = "New title".into();
    let m = merge_ours(&b, &ours, &ours);
    assert!(m.is_clean());
    assert_eq!(m.board.title, "New title");
}

#[test]
fn a_panel_deleted_on_one_side_and_edited_on_the_other_is_kept_and_flagged() {
    let b = base();
    let mut ours = b.clone();
    ours.scenes[0].panels.remove(1); // delete 11
    let mut theirs = b.clone();
    theirs.panel_mut(PanelId(11)).unwrap().notes = "keep me".into();
    let m = merge_ours(&b, &ours, &theirs);
    let p = m
        .board
        .panel(PanelId(11))
        .expect("the edited panel is kept");
    assert_eq!(p.notes, "keep me");
    assert_eq!(p.status, ReviewStatus::NeedsChanges);
    assert_eq!(merge_comments(p).len(), 1);
    assert_eq!(
        m.conflicts[0].kind,
        ConflictKind::DeletedVsEdited {
            deleted_by: Side::Ours
        }
    );
    assert_eq!(order(&m.board, 0), vec![10, 11, 12]);
}

#[test]
fn a_panel_deleted_on_one_side_and_untouched_on_the_other_is_deleted() {
    let b = base();
    let mut theirs = b.clone();
    theirs.scenes[0].panels.remove(0);
    let mut ours = b.clone();
    ours.panel_mut(PanelId(12)).unwrap().action = "edited elsewhere".into();
    let m = merge_ours(&b, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(order(&m.board, 0), vec![11, 12]);
}

#[test]
fn strokes_merge_per_layer_and_conflict_only_within_a_layer() {
    let mut b = base();
    b.panel_mut(PanelId(10)).unwrap().strokes =
        vec![stroke(Layer::Sketch, 1), stroke(Layer::Ink, 2)];
    let mut ours = b.clone();
    let mut theirs = b.clone();
    // Both add to the sketch layer: both additions stay.
    ours.panel_mut(PanelId(10))
        .unwrap()
        .strokes
        .push(stroke(Layer::Sketch, 3));
    theirs
        .panel_mut(PanelId(10))
        .unwrap()
        .strokes
        .push(stroke(Layer::Sketch, 4));
    // Ours rewrites the ink layer, theirs adds an annotation.
    ours.panel_mut(PanelId(10))
        .unwrap()
        .strokes
        .retain(|s| s.layer != Layer::Ink);
    theirs
        .panel_mut(PanelId(10))
        .unwrap()
        .strokes
        .push(stroke(Layer::Annotation, 5));
    let m = merge_ours(&b, &ours, &theirs);
    assert!(m.is_clean(), "{:?}", m.conflicts);
    let xs: Vec<(Layer, i32)> = m
        .board
        .panel(PanelId(10))
        .unwrap()
        .strokes
        .iter()
        .map(|s| (s.layer, s.points[0].x))
        .collect();
    assert_eq!(
        xs,
        vec![
            (Layer::Sketch, 1),
            (Layer::Sketch, 3),
            (Layer::Sketch, 4),
            (Layer::Annotation, 5)
        ]
    );

    // Ours erased the ink stroke, theirs drew over it: a conflict on that layer only.
    let mut theirs = b.clone();
    theirs.panel_mut(PanelId(10)).unwrap().strokes[1] = stroke(Layer::Ink, 9);
    theirs
        .panel_mut(PanelId(10))
        .unwrap()
        .strokes
        .push(stroke(Layer::Sketch, 4));
    let m = merge_ours(&b, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].field, "strokes on the ink layer");
    let xs: Vec<(Layer, i32)> = m
        .board
        .panel(PanelId(10))
        .unwrap()
        .strokes
        .iter()
        .map(|s| (s.layer, s.points[0].x))
        .collect();
    assert_eq!(
        xs,
        vec![(Layer::Sketch, 1), (Layer::Sketch, 3), (Layer::Sketch, 4)]
    );
}

#[test]
fn a_reorder_on_one_side_and_text_edits_on_the_other_both_survive() {
    let b = base();
    let mut ours = b.clone();
    ours.scenes[0].panels.reverse();
    let mut theirs = b.clone();
    theirs.panel_mut(PanelId(10)).unwrap().action = "edited".into();
    theirs.scenes[0].heading = "INT. KITCHEN - NIGHT".into();
    let m = merge_ours(&b, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(order(&m.board, 0), vec![12, 11, 10]);
    assert_eq!(m.board.panel(PanelId(10)).unwrap().action, "edited");
    assert_eq!(m.board.scenes[0].heading, "INT. KITCHEN - NIGHT");
}

#[test]
fn different_reorders_of_one_scene_keep_ours_and_flag_the_scene() {
    let b = base();
    let mut ours = b.clone();
    ours.scenes[0].panels.reverse();
    let mut theirs = b.clone();
    theirs.scenes[0].panels.swap(0, 1);
    let m = merge_ours(&b, &ours, &theirs);
    assert_eq!(order(&m.board, 0), vec![12, 11, 10]);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].kind, ConflictKind::Order);
    let first = m.board.panel(PanelId(12)).unwrap();
    assert_eq!(first.status, ReviewStatus::NeedsChanges);
    assert_eq!(merge_comments(first).len(), 1);
}

#[test]
fn a_panel_moved_to_another_scene_keeps_edits_from_the_other_side() {
    let b = base();
    let mut ours = b.clone();
    let moved = ours.scenes[0].panels.remove(0);
    ours.scenes[1].panels.push(moved);
    let mut theirs = b.clone();
    theirs.panel_mut(PanelId(10)).unwrap().lens_mm = Some(35);
    let m = merge_ours(&b, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(order(&m.board, 0), vec![11, 12]);
    assert_eq!(order(&m.board, 1), vec![20, 10]);
    assert_eq!(m.board.panel(PanelId(10)).unwrap().lens_mm, Some(35));
}

#[test]
fn a_scene_deleted_on_one_side_with_a_panel_added_on_the_other_is_kept_and_flagged() {
    let b = base();
    let mut ours = b.clone();
    ours.scenes.remove(1);
    let mut theirs = b.clone();
    let mut added = Panel::new(PanelId(b.next_id));
    added.action = "new in the garden".into();
    theirs.scenes[1].panels.push(added);
    theirs.bump_next_id();
    let m = merge_ours(&b, &ours, &theirs);
    assert_eq!(
        m.board.scenes.len(),
        2,
        "the scene is kept for the new panel"
    );
    assert_eq!(
        order(&m.board, 1),
        vec![b.next_id],
        "the untouched panel 20 goes"
    );
    assert_eq!(
        m.conflicts[0].kind,
        ConflictKind::SceneDeletedVsPanels {
            deleted_by: Side::Ours
        }
    );
    let p = m.board.panel(PanelId(b.next_id)).unwrap();
    assert_eq!(p.status, ReviewStatus::NeedsChanges);
    assert_eq!(merge_comments(p).len(), 1);
}

#[test]
fn a_scene_deleted_on_both_sides_goes() {
    let b = base();
    let mut ours = b.clone();
    ours.scenes.remove(1);
    let m = merge_ours(&b, &ours, &ours.clone());
    assert!(m.is_clean());
    assert_eq!(m.board.scenes.len(), 1);
}

#[test]
fn panels_added_on_both_sides_with_the_same_id_are_both_kept_with_unique_ids() {
    let b = base();
    let id = PanelId(b.next_id);
    let mut ours = b.clone();
    let mut p = Panel::new(id);
    p.action = "ours".into();
    ours.scenes[0].panels.push(p);
    ours.bump_next_id();
    let mut theirs = b.clone();
    let mut p = Panel::new(id);
    p.action = "theirs".into();
    theirs.scenes[0].panels.push(p);
    theirs.bump_next_id();
    let m = merge_ours(&b, &ours, &theirs);
    assert!(m.is_clean());
    let actions: Vec<(u64, &str)> = m.board.scenes[0].panels[3..]
        .iter()
        .map(|p| (p.id.0, p.action.as_str()))
        .collect();
    assert_eq!(actions, vec![(id.0 + 1, "theirs"), (id.0, "ours")]);
    assert_eq!(m.board.next_id, id.0 + 2);
}

#[test]
fn comments_merge_by_id_with_replies_appended_and_resolved_from_either_side() {
    let mut b = base();
    let comment = Comment {
        id: CommentId(b.next_id),
        author: "Dir".into(),
        text: "Tighter".into(),
        time: TIME.into(),
        resolved: false,
        replies: Vec::new(),
    };
    b.panel_mut(PanelId(10)).unwrap().comments.push(comment);
    b.bump_next_id();
    let reply = |who: &str| crate::model::Reply {
        author: who.into(),
        text: format!("{who} agrees"),
        time: TIME.into(),
    };
    let mut ours = b.clone();
    ours.panel_mut(PanelId(10)).unwrap().comments[0]
        .replies
        .push(reply("A"));
    let mut theirs = b.clone();
    let c = &mut theirs.panel_mut(PanelId(10)).unwrap().comments[0];
    c.replies.push(reply("B"));
    c.resolved = true;
    let m = merge_ours(&b, &ours, &theirs);
    assert!(m.is_clean());
    let c = &m.board.panel(PanelId(10)).unwrap().comments[0];
    assert!(c.resolved);
    let authors: Vec<&str> = c.replies.iter().map(|r| r.author.as_str()).collect();
    assert_eq!(authors, vec!["A", "B"]);
}

#[test]
fn board_settings_merge_field_by_field() {
    let b = base();
    let mut ours = b.clone();
    ours.fps = crate::model::Fps::Fps25;
    let mut theirs = b.clone();
    theirs.author = "Someone".into();
    let m = merge_ours(&b, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(
        (m.board.fps, m.board.author.as_str()),
        (crate::model::Fps::Fps25, "Someone")
    );
}

#[test]
fn swapping_sides_and_the_kept_side_together_gives_the_same_merge() {
    let b = base();
    let mut ours = b.clone();
    ours.panel_mut(PanelId(11)).unwrap().action = "x".into();
    ours.scenes[0].panels.push(Panel::new(PanelId(b.next_id)));
    ours.bump_next_id();
    let mut theirs = b.clone();
    theirs.panel_mut(PanelId(11)).unwrap().action = "y".into();
    theirs.scenes[1].panels.push(Panel::new(PanelId(b.next_id)));
    theirs.bump_next_id();
    let one = merge(&b, &ours, &theirs, &options(Side::Ours));
    let two = merge(&b, &theirs, &ours, &options(Side::Theirs));
    assert_eq!(one.board, two.board);
    let swapped: Vec<Conflict> = two
        .conflicts
        .into_iter()
        .map(|c| Conflict {
            ours: c.theirs,
            theirs: c.ours,
            ..c
        })
        .collect();
    assert_eq!(one.conflicts, swapped);
}

#[test]
fn edits_of_different_lines_of_one_text_field_both_survive() {
    let mut b = base();
    b.panel_mut(PanelId(12)).unwrap().notes = "Lens: 35\nLight: dusk\nProps: kettle".into();
    let mut ours = b.clone();
    ours.panel_mut(PanelId(12)).unwrap().notes = "Lens: 50\nLight: dusk\nProps: kettle".into();
    let mut theirs = b.clone();
    theirs.panel_mut(PanelId(12)).unwrap().notes =
        "Lens: 35\nLight: dusk\nProps: kettle, cup".into();
    let m = merge_ours(&b, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(
        m.board.panel(PanelId(12)).unwrap().notes,
        "Lens: 50\nLight: dusk\nProps: kettle, cup"
    );

    theirs.panel_mut(PanelId(12)).unwrap().notes = "Lens: 85\nLight: dusk\nProps: kettle".into();
    let m = merge_ours(&b, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1, "the same line edited twice conflicts");
    assert_eq!(m.conflicts[0].field, "notes");
}
