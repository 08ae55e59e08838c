use proptest::prelude::*;

use super::*;
use crate::model::{Board, IdAllocator, Panel, PanelId, ReviewStatus, Scene, SceneId, Stroke};

/// Two scenes: [1: a b c] [2: d e], ids 10..=14.
fn board() -> Board {
    let mut board = Board::default();
    let mut s1 = Scene::new(SceneId(1), "INT. ONE");
    let mut s2 = Scene::new(SceneId(2), "EXT. TWO");
    for i in 0..3 {
        let mut p = Panel::new(PanelId(10 + i));
        p.action = format!("panel {i}");
        s1.panels.push(p);
    }
    for i in 3..5 {
        s2.panels.push(Panel::new(PanelId(10 + i)));
    }
    board.scenes = vec![s1, s2];
    board.bump_next_id();
    board
}

fn order(board: &Board) -> Vec<Vec<u64>> {
    board
        .scenes
        .iter()
        .map(|s| s.panels.iter().map(|p| p.id.0).collect())
        .collect()
}

#[test]
fn moving_panels_across_scenes_is_one_undo_step() {
    let mut b = board();
    let mut h = History::new();
    let edit = Edit::MovePanels {
        ids: vec![PanelId(10), PanelId(12)],
        to_scene: SceneId(2),
        to_index: 1,
    };
    h.apply(&mut b, edit, "Move 2 panels").unwrap();
    assert_eq!(order(&b), vec![vec![11], vec![13, 10, 12, 14]]);
    assert_eq!(h.undo(&mut b).as_deref(), Some("Move 2 panels"));
    assert_eq!(order(&b), vec![vec![10, 11, 12], vec![13, 14]]);
    h.redo(&mut b);
    assert_eq!(order(&b), vec![vec![11], vec![13, 10, 12, 14]]);
}

#[test]
fn delete_then_undo_restores_panels_in_place() {
    let mut b = board();
    let original = b.clone();
    let mut h = History::new();
    h.apply(
        &mut b,
        Edit::RemovePanels {
            ids: vec![PanelId(10), PanelId(12), PanelId(14)],
        },
        "Delete",
    )
    .unwrap();
    assert_eq!(order(&b), vec![vec![11], vec![13]]);
    h.undo(&mut b);
    assert_eq!(b, original);
}

#[test]
fn typing_coalesces_into_one_step_and_undo_restores_the_original() {
    let mut b = board();
    let mut h = History::new();
    for text in ["H", "He", "Hel", "Hello"] {
        let edit = Edit::SetPanels {
            changes: vec![(PanelId(11), PanelField::Action(text.into()))],
        };
        h.apply_coalescing(&mut b, edit, "Edit action", 7).unwrap();
    }
    assert_eq!(h.undo_depth(), 1);
    assert_eq!(b.panel(PanelId(11)).unwrap().action, "Hello");
    h.undo(&mut b);
    assert_eq!(b.panel(PanelId(11)).unwrap().action, "panel 1");
    h.redo(&mut b);
    assert_eq!(b.panel(PanelId(11)).unwrap().action, "Hello");
}

#[test]
fn ending_a_gesture_starts_a_new_step() {
    let mut b = board();
    let mut h = History::new();
    let set = |t: &str| Edit::SetPanels {
        changes: vec![(PanelId(11), PanelField::Notes(t.into()))],
    };
    h.apply_coalescing(&mut b, set("a"), "Edit notes", 1)
        .unwrap();
    h.end_coalescing();
    h.apply_coalescing(&mut b, set("ab"), "Edit notes", 1)
        .unwrap();
    assert_eq!(h.undo_depth(), 2);
}

#[test]
fn dirty_flag_follows_save_undo_and_redo() {
    let mut b = board();
    let mut h = History::new();
    assert!(!h.is_dirty());
    let edit = Edit::set_all(&[PanelId(10)], PanelField::Status(ReviewStatus::Approved));
    h.apply(&mut b, edit, "Approve").unwrap();
    assert!(h.is_dirty());
    h.mark_saved();
    assert!(!h.is_dirty());
    h.undo(&mut b);
    assert!(h.is_dirty());
    h.redo(&mut b);
    assert!(!h.is_dirty());
}

#[test]
fn typing_after_a_save_is_dirty_even_within_one_gesture() {
    let mut b = board();
    let mut h = History::new();
    let set = |t: &str| Edit::SetPanels {
        changes: vec![(PanelId(11), PanelField::Notes(t.into()))],
    };
    h.apply_coalescing(&mut b, set("a"), "Edit notes", 1)
        .unwrap();
    h.mark_saved();
    h.apply_coalescing(&mut b, set("ab"), "Edit notes", 1)
        .unwrap();
    assert!(h.is_dirty());
}

#[test]
fn failed_edit_leaves_board_and_history_unchanged() {
    let mut b = board();
    let original = b.clone();
    let mut h = History::new();
    let bad = Edit::Batch(vec![
        Edit::RemovePanels {
            ids: vec![PanelId(10)],
        },
        Edit::RemovePanels {
            ids: vec![PanelId(999)],
        },
    ]);
    assert_eq!(
        h.apply(&mut b, bad, "Bad"),
        Err(EditError::NoSuchPanel(PanelId(999)))
    );
    assert_eq!(b, original);
    assert!(!h.can_undo());
}

#[test]
fn split_and_merge_scene_are_inverses() {
    let mut b = board();
    let original = b.clone();
    let mut h = History::new();
    let new_scene = Scene::new(IdAllocator::new(&b).scene(), "INT. SPLIT");
    h.apply(
        &mut b,
        Edit::SplitScene {
            at: PanelId(11),
            new_scene,
        },
        "Split scene",
    )
    .unwrap();
    assert_eq!(order(&b), vec![vec![10], vec![11, 12], vec![13, 14]]);
    h.undo(&mut b);
    assert_eq!(b.scenes, original.scenes);
}

#[test]
fn ids_are_never_reused_after_delete_and_undo() {
    let mut b = board();
    let mut h = History::new();
    let mut ids = IdAllocator::new(&b);
    let fresh = Panel::new(ids.panel());
    let fresh_id = fresh.id;
    h.apply(
        &mut b,
        Edit::InsertPanels {
            scene: SceneId(1),
            index: 0,
            panels: vec![fresh],
        },
        "New panel",
    )
    .unwrap();
    h.undo(&mut b);
    assert!(IdAllocator::new(&b).panel().0 > fresh_id.0);
}

// ---- property: random edit sequences, undo all → original -------------

#[derive(Clone, Debug)]
enum Op {
    Insert {
        scene: usize,
        index: usize,
    },
    Remove {
        picks: Vec<usize>,
    },
    Move {
        picks: Vec<usize>,
        scene: usize,
        index: usize,
    },
    MoveScene {
        scene: usize,
        to: usize,
    },
    Split {
        pick: usize,
    },
    Merge {
        scene: usize,
    },
    SetAction {
        pick: usize,
        text: String,
    },
    SetDuration {
        pick: usize,
        ms: Option<u32>,
    },
    AddStroke {
        pick: usize,
    },
    NewScene {
        index: usize,
    },
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..4usize, 0..8usize).prop_map(|(scene, index)| Op::Insert { scene, index }),
        prop::collection::vec(0..20usize, 1..4).prop_map(|picks| Op::Remove { picks }),
        (
            prop::collection::vec(0..20usize, 1..4),
            0..4usize,
            0..8usize
        )
            .prop_map(|(picks, scene, index)| Op::Move {
                picks,
                scene,
                index
            }),
        (0..4usize, 0..4usize).prop_map(|(scene, to)| Op::MoveScene { scene, to }),
        (0..20usize).prop_map(|pick| Op::Split { pick }),
        (0..4usize).prop_map(|scene| Op::Merge { scene }),
        (0..20usize, "[a-z ]{0,8}").prop_map(|(pick, text)| Op::SetAction { pick, text }),
        (0..20usize, prop::option::of(0..5000u32))
            .prop_map(|(pick, ms)| Op::SetDuration { pick, ms }),
        (0..20usize).prop_map(|pick| Op::AddStroke { pick }),
        (0..4usize).prop_map(|index| Op::NewScene { index }),
        Just(Op::Undo),
        Just(Op::Redo),
    ]
}

fn pick(board: &Board, i: usize) -> Option<PanelId> {
    let ids: Vec<PanelId> = board.panels().map(|p| p.id).collect();
    if ids.is_empty() {
        None
    } else {
        Some(ids[i % ids.len()])
    }
}

fn to_edit(board: &Board, op: &Op) -> Option<Edit> {
    let scene_at = |i: usize| {
        board
            .scenes
            .get(i % board.scenes.len().max(1))
            .map(|s| s.id)
    };
    let mut ids = IdAllocator::new(board);
    Some(match op {
        Op::Insert { scene, index } => {
            let sid = scene_at(*scene)?;
            let len = board.scene(sid)?.panels.len();
            Edit::InsertPanels {
                scene: sid,
                index: index % (len + 1),
                panels: vec![Panel::new(ids.panel())],
            }
        }
        Op::Remove { picks } => Edit::RemovePanels {
            ids: picks
                .iter()
                .filter_map(|&i| pick(board, i))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect(),
        },
        Op::Move {
            picks,
            scene,
            index,
        } => {
            let moving: Vec<PanelId> = picks
                .iter()
                .filter_map(|&i| pick(board, i))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let sid = scene_at(*scene)?;
            let remaining = board
                .scene(sid)?
                .panels
                .iter()
                .filter(|p| !moving.contains(&p.id))
                .count();
            Edit::MovePanels {
                ids: moving,
                to_scene: sid,
                to_index: index % (remaining + 1),
            }
        }
        Op::MoveScene { scene, to } => Edit::MoveScene {
            id: scene_at(*scene)?,
            to_index: to % board.scenes.len(),
        },
        Op::Split { pick: i } => Edit::SplitScene {
            at: pick(board, *i)?,
            new_scene: Scene::new(ids.scene(), "SPLIT"),
        },
        Op::Merge { scene } => Edit::MergeIntoPrevious {
            id: scene_at(*scene)?,
        },
        Op::SetAction { pick: i, text } => Edit::SetPanels {
            changes: vec![(pick(board, *i)?, PanelField::Action(text.clone()))],
        },
        Op::SetDuration { pick: i, ms } => {
            Edit::set_all(&[pick(board, *i)?], PanelField::Duration(*ms))
        }
        Op::AddStroke { pick: i } => Edit::AddStroke {
            panel: pick(board, *i)?,
            stroke: Stroke {
                tool: Default::default(),
                layer: Default::default(),
                color: Default::default(),
                width: 0.01,
                opacity: 1.0,
                points: vec![],
            },
        },
        Op::NewScene { index } => Edit::InsertScene {
            index: index % (board.scenes.len() + 1),
            scene: Scene::new(ids.scene(), "NEW"),
        },
        Op::Undo | Op::Redo => return None,
    })
}

proptest! {
    #[test]
    fn random_edits_then_undo_all_give_back_the_original(ops in prop::collection::vec(op(), 1..40)) {
        let original = board();
        let mut b = original.clone();
        let mut h = History::new();
        for op in &ops {
            match op {
                Op::Undo => { h.undo(&mut b); }
                Op::Redo => { h.redo(&mut b); }
                other => {
                    if let Some(edit) = to_edit(&b, other) {
                        // Invalid edits (e.g. merging the first scene) must fail cleanly.
                        let before = b.clone();
                        if h.apply(&mut b, edit, "op").is_err() {
                            prop_assert_eq!(&b, &before);
                        }
                    }
                }
            }
            // Ids stay unique after every step.
            let mut seen = std::collections::HashSet::new();
            prop_assert!(b.panels().all(|p| seen.insert(p.id)));
        }
        while h.undo(&mut b).is_some() {}
        // The id counter only moves forward; everything else is restored.
        prop_assert!(b.next_id >= original.next_id);
        b.next_id = original.next_id;
        prop_assert_eq!(b, original);
    }
}

// ---- command builders -------------------------------------------------

mod commands {
    use super::*;
    use crate::edit::ops;

    fn run(b: &mut Board, build: impl FnOnce(&Board) -> Option<ops::Command>) -> Vec<PanelId> {
        let cmd = build(b).expect("command applies");
        cmd.edit.apply(b).expect("edit applies");
        cmd.select
    }

    #[test]
    fn alt_arrow_nudges_within_and_across_scenes() {
        let mut b = board();
        run(&mut b, |b| ops::nudge(b, &[PanelId(11)], 1));
        assert_eq!(order(&b), vec![vec![10, 12, 11], vec![13, 14]]);
        run(&mut b, |b| ops::nudge(b, &[PanelId(11)], 1));
        assert_eq!(order(&b), vec![vec![10, 12], vec![11, 13, 14]]);
        run(&mut b, |b| ops::nudge(b, &[PanelId(11)], -1));
        assert_eq!(order(&b), vec![vec![10, 12, 11], vec![13, 14]]);
        assert!(ops::nudge(&b, &[PanelId(10)], -1).is_none());
        assert!(ops::nudge(&b, &[PanelId(14)], 1).is_none());
    }

    #[test]
    fn drag_to_slot_counts_slots_as_the_canvas_shows_them() {
        let mut b = board();
        // Drop a,b (10,11) after c in scene 1: slot 3.
        run(&mut b, |b| {
            ops::move_to_slot(b, &[PanelId(10), PanelId(11)], SceneId(1), 3)
        });
        assert_eq!(order(&b), vec![vec![12, 10, 11], vec![13, 14]]);
        // Dropping a panel where it already is changes nothing: no step.
        assert!(ops::move_to_slot(&b, &[PanelId(12)], SceneId(1), 0).is_none());
        assert!(ops::move_to_slot(&b, &[PanelId(12)], SceneId(1), 1).is_none());
    }

    #[test]
    fn duplicate_and_paste_insert_fresh_copies_after_the_selection() {
        let mut b = board();
        let new = run(&mut b, |b| ops::duplicate(b, &[PanelId(11), PanelId(10)]));
        assert_eq!(new.len(), 2);
        assert_eq!(order(&b)[0][..2], [10, 11]);
        assert_eq!(order(&b)[0][2..4], [new[0].0, new[1].0]);
        assert_eq!(b.panel(new[0]).unwrap().action, "panel 0");
        let clip = vec![b.panel(PanelId(13)).unwrap().clone()];
        let pasted = run(&mut b, |b| ops::paste(b, &[PanelId(14)], &clip));
        assert_eq!(order(&b)[1], vec![13, 14, pasted[0].0]);
    }

    #[test]
    fn new_panel_goes_after_the_selection_and_inherits_shot_facts() {
        let mut b = board();
        b.panel_mut(PanelId(10)).unwrap().lens_mm = Some(35);
        let template = b.panel(PanelId(10)).cloned();
        let new = run(&mut b, |b| {
            Some(ops::new_panel_after(b, &[PanelId(10)], template.as_ref()))
        });
        assert_eq!(order(&b)[0][1], new[0].0);
        assert_eq!(b.panel(new[0]).unwrap().lens_mm, Some(35));
        // With nothing selected it goes at the end of the last scene.
        let new = run(&mut b, |b| Some(ops::new_panel_after(b, &[], None)));
        assert_eq!(*order(&b)[1].last().unwrap(), new[0].0);
        // On an empty board it creates a scene.
        let mut empty = Board::default();
        run(&mut empty, |empty| {
            Some(ops::new_panel_after(empty, &[], None))
        });
        assert_eq!(empty.scenes.len(), 1);
        assert_eq!(empty.panel_count(), 1);
    }

    #[test]
    fn split_is_refused_on_a_scene_s_first_panel() {
        let b = board();
        assert!(ops::split_scene(&b, &[PanelId(10)]).is_none());
        assert!(ops::split_scene(&b, &[PanelId(11)]).is_some());
    }
}

#[test]
fn replacing_the_whole_board_is_one_step_and_undo_brings_back_the_edits() {
    let mut board = board();
    let mut history = History::new();
    history
        .apply(
            &mut board,
            Edit::set_all(&[PanelId(10)], PanelField::Action("mine".into())),
            "Set action",
        )
        .unwrap();
    let mine = board.clone();
    let mut theirs = self::board();
    theirs.title = "changed on disk".into();
    history
        .apply(
            &mut board,
            Edit::ReplaceBoard(Box::new(theirs.clone())),
            "Reload",
        )
        .unwrap();
    assert_eq!(board, theirs);
    history.undo(&mut board);
    assert_eq!(board, mine);
    history.redo(&mut board);
    assert_eq!(board, theirs);
}
