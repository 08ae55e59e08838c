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
    assert_eq!(h.undo(&mut b).unwrap().as_deref(), Some("Move 2 panels"));
    assert_eq!(order(&b), vec![vec![10, 11, 12], vec![13, 14]]);
    h.redo(&mut b).unwrap();
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
    h.undo(&mut b).unwrap();
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
    h.undo(&mut b).unwrap();
    assert_eq!(b.panel(PanelId(11)).unwrap().action, "panel 1");
    h.redo(&mut b).unwrap();
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
    h.undo(&mut b).unwrap();
    assert!(h.is_dirty());
    h.redo(&mut b).unwrap();
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
    h.undo(&mut b).unwrap();
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
    h.undo(&mut b).unwrap();
    assert!(IdAllocator::new(&b).panel().0 > fresh_id.0);
}

// ---- property: every kind of edit; undo all, redo all ----------------

/// One random action on the board. Picks are indices taken modulo what the
/// board holds when the op runs, so every op finds something to act on.
#[derive(Clone, Debug)]
enum Op {
    Insert {
        scene: usize,
        index: usize,
    },
    Restore {
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
    Layout {
        scene: usize,
        rotate: usize,
    },
    NewScene {
        index: usize,
        panels: usize,
    },
    RemoveScene {
        scene: usize,
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
    SetPanel {
        pick: usize,
        kind: usize,
        n: u32,
        text: String,
    },
    SetScene {
        scene: usize,
        kind: usize,
        text: String,
    },
    SetBoard {
        kind: usize,
        n: u32,
        text: String,
    },
    AddStroke {
        pick: usize,
        points: usize,
    },
    InsertStrokes {
        pick: usize,
        at: Vec<usize>,
    },
    RemoveStrokes {
        pick: usize,
        picks: Vec<usize>,
    },
    SetStrokes {
        pick: usize,
        count: usize,
    },
    /// Two ops as one step; the second is built on the board the first
    /// leaves, and fails (rolling back the first) when it doesn't fit.
    Batch(Box<Op>, Box<Op>),
    /// Swap in a changed copy of the board, as a reload from disk does.
    Replace {
        title: String,
        drop_last_scene: bool,
    },
    Undo,
    Redo,
}

/// Panel fields, in `PanelField` order (see `panel_field`).
const PANEL_FIELDS: usize = 15;
const SCENE_FIELDS: usize = 6;
const BOARD_FIELDS: usize = 8;

fn simple_op() -> impl Strategy<Value = Op> {
    let picks = || prop::collection::vec(0..20usize, 1..4);
    let text = || "[a-z ]{0,8}";
    prop_oneof![
        (0..4usize, 0..8usize).prop_map(|(scene, index)| Op::Insert { scene, index }),
        (0..4usize, 0..8usize).prop_map(|(scene, index)| Op::Restore { scene, index }),
        picks().prop_map(|picks| Op::Remove { picks }),
        (picks(), 0..4usize, 0..8usize).prop_map(|(picks, scene, index)| Op::Move {
            picks,
            scene,
            index
        }),
        (0..4usize, 1..4usize).prop_map(|(scene, rotate)| Op::Layout { scene, rotate }),
        (0..4usize, 0..3usize).prop_map(|(index, panels)| Op::NewScene { index, panels }),
        (0..4usize).prop_map(|scene| Op::RemoveScene { scene }),
        (0..4usize, 0..4usize).prop_map(|(scene, to)| Op::MoveScene { scene, to }),
        (0..20usize).prop_map(|pick| Op::Split { pick }),
        (0..4usize).prop_map(|scene| Op::Merge { scene }),
        (0..20usize, 0..PANEL_FIELDS, 0..1000u32, text()).prop_map(|(pick, kind, n, text)| {
            Op::SetPanel {
                pick,
                kind,
                n,
                text,
            }
        }),
        (0..4usize, 0..SCENE_FIELDS, text()).prop_map(|(scene, kind, text)| Op::SetScene {
            scene,
            kind,
            text
        }),
        (0..BOARD_FIELDS, 0..1000u32, text()).prop_map(|(kind, n, text)| Op::SetBoard {
            kind,
            n,
            text
        }),
        (0..20usize, 0..5usize).prop_map(|(pick, points)| Op::AddStroke { pick, points }),
        (0..20usize, prop::collection::vec(0..6usize, 1..3))
            .prop_map(|(pick, at)| Op::InsertStrokes { pick, at }),
        (0..20usize, prop::collection::vec(0..6usize, 1..3))
            .prop_map(|(pick, picks)| Op::RemoveStrokes { pick, picks }),
        (0..20usize, 0..3usize).prop_map(|(pick, count)| Op::SetStrokes { pick, count }),
        (text(), any::<bool>()).prop_map(|(title, drop_last_scene)| Op::Replace {
            title,
            drop_last_scene
        }),
        Just(Op::Undo),
        Just(Op::Redo),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        9 => simple_op(),
        1 => (simple_op(), simple_op()).prop_map(|(a, b)| Op::Batch(Box::new(a), Box::new(b))),
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

fn picks(board: &Board, picks: &[usize]) -> Vec<PanelId> {
    picks
        .iter()
        .filter_map(|&i| pick(board, i))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

fn stroke(points: usize, seed: usize) -> Stroke {
    let layer = crate::model::Layer::ALL[seed % crate::model::Layer::ALL.len()];
    Stroke {
        tool: Default::default(),
        layer,
        color: Default::default(),
        width: 0.01,
        opacity: 1.0,
        points: (0..points)
            .map(|i| crate::model::StrokePoint::from_normalised(i as f32 / 8.0, 0.5, 1.0))
            .collect(),
    }
}

/// An option drawn from `all`, `None` one time in `all.len() + 1`.
fn maybe<T: Copy>(all: &[T], n: u32) -> Option<T> {
    all.get(n as usize % (all.len() + 1)).copied()
}

fn panel_field(kind: usize, n: u32, text: &str, ids: &mut IdAllocator) -> PanelField {
    use crate::model::{AssetPath, CameraAngle, CameraMove, Comment, Reply, ShotSize, Transition};
    match kind {
        0 => PanelField::Image(
            n.is_multiple_of(2)
                .then(|| AssetPath::new(format!("b.assets/{n}.png")).expect("valid")),
        ),
        1 => PanelField::Action(text.to_owned()),
        2 => PanelField::Dialogue(text.to_owned()),
        3 => PanelField::Notes(text.to_owned()),
        4 => PanelField::ShotSize(maybe(ShotSize::ALL, n)),
        5 => PanelField::Angle(maybe(CameraAngle::ALL, n)),
        6 => PanelField::Movement(maybe(CameraMove::ALL, n)),
        7 => PanelField::Lens((!n.is_multiple_of(3)).then_some(n % 200)),
        8 => PanelField::Duration((!n.is_multiple_of(3)).then_some(n * 10)),
        9 => PanelField::Transition(Transition::ALL[n as usize % Transition::ALL.len()]),
        10 => PanelField::Status(ReviewStatus::ALL[n as usize % ReviewStatus::ALL.len()]),
        11 => PanelField::NewShot(n.is_multiple_of(2)),
        12 => PanelField::Script(
            (!n.is_multiple_of(3)).then(|| crate::model::ScriptText::of(text, &n.to_string())),
        ),
        13 => PanelField::ShotLog(crate::model::ShotLog {
            done: n.is_multiple_of(2),
            takes: (1..=n % 4)
                .map(|number| crate::model::Take {
                    number,
                    circled: number == n % 4,
                    note: text.to_owned(),
                })
                .collect(),
        }),
        _ => PanelField::Comments(
            (0..n % 3)
                .map(|i| Comment {
                    id: ids.comment(),
                    author: "ann".into(),
                    text: text.to_owned(),
                    time: "2026-01-01T00:00:00Z".into(),
                    resolved: i % 2 == 1,
                    replies: vec![Reply {
                        author: "bob".into(),
                        text: format!("re {i}"),
                        time: "2026-01-02T00:00:00Z".into(),
                    }],
                })
                .collect(),
        ),
    }
}

fn to_edit(board: &Board, op: &Op) -> Option<Edit> {
    let scene_at = |i: usize| {
        board
            .scenes
            .get(i % board.scenes.len().max(1))
            .map(|s| s.id)
    };
    let strokes_of = |id: PanelId| board.panel(id).map_or(0, |p| p.strokes.len());
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
        Op::Restore { scene, index } => {
            let sid = scene_at(*scene)?;
            let len = board.scene(sid)?.panels.len();
            let mut panel = Panel::new(ids.panel());
            panel.notes = "restored".into();
            Edit::RestorePanels {
                items: vec![(sid, index % (len + 1), panel)],
            }
        }
        Op::Remove { picks: p } => Edit::RemovePanels {
            ids: picks(board, p),
        },
        Op::Move {
            picks: p,
            scene,
            index,
        } => {
            let moving = picks(board, p);
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
        Op::Layout { scene, rotate } => {
            let scene = board.scene(scene_at(*scene)?)?;
            let mut order: Vec<PanelId> = scene.panels.iter().map(|p| p.id).collect();
            if !order.is_empty() {
                let by = rotate % order.len();
                order.rotate_left(by);
            }
            Edit::SetLayout {
                layout: vec![(scene.id, order)],
            }
        }
        Op::NewScene { index, panels } => {
            let mut scene = Scene::new(ids.scene(), "NEW");
            scene.panels = (0..*panels).map(|_| Panel::new(ids.panel())).collect();
            Edit::InsertScene {
                index: index % (board.scenes.len() + 1),
                scene,
            }
        }
        Op::RemoveScene { scene } => Edit::RemoveScene {
            id: scene_at(*scene)?,
        },
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
        Op::SetPanel {
            pick: i,
            kind,
            n,
            text,
        } => Edit::SetPanels {
            changes: vec![(pick(board, *i)?, panel_field(*kind, *n, text, &mut ids))],
        },
        Op::SetScene { scene, kind, text } => Edit::SetScene {
            id: scene_at(*scene)?,
            field: match kind {
                0 => SceneField::Heading(text.clone()),
                1 => SceneField::Location(text.clone()),
                2 => SceneField::Notes(text.clone()),
                3 => SceneField::Number((!text.is_empty()).then(|| text.clone())),
                4 => SceneField::ScriptHeading((!text.is_empty()).then_some(text.len() as u64)),
                _ => SceneField::Breakdown(Box::new(crate::model::Breakdown {
                    int_ext: crate::model::IntExt::ALL.get(text.len() % 4).copied(),
                    props: text.split(' ').map(str::to_owned).collect(),
                    adjust_minutes: text.len() as i32 - 4,
                    ..crate::model::Breakdown::default()
                })),
            },
        },
        Op::SetBoard { kind, n, text } => Edit::SetBoard {
            field: match kind {
                0 => BoardField::Title(text.clone()),
                1 => BoardField::Author(text.clone()),
                2 => BoardField::AspectRatio(match n % 3 {
                    0 => crate::model::AspectRatio::Square,
                    1 => crate::model::AspectRatio::Scope239,
                    _ => crate::model::AspectRatio::default(),
                }),
                3 => BoardField::Fps(
                    crate::model::Fps::ALL[*n as usize % crate::model::Fps::ALL.len()],
                ),
                4 => BoardField::DefaultDuration(100 + n * 10),
                6 => BoardField::Durations(if n.is_multiple_of(2) {
                    crate::model::DurationUnit::Frames
                } else {
                    crate::model::DurationUnit::Seconds
                }),
                5 => BoardField::Plan(Box::new({
                    // Days of the board's scenes, some ids no longer on it.
                    let mut scenes: Vec<crate::model::SceneId> =
                        board.scenes.iter().map(|s| s.id).collect();
                    scenes.push(crate::model::SceneId(u64::from(*n) + 1000));
                    crate::model::Plan {
                        minutes_per_setup: 5 + n % 40,
                        days: scenes
                            .chunks(2)
                            .map(|chunk| crate::model::ShootDay {
                                date: text.clone(),
                                scenes: chunk.to_vec(),
                                ..crate::model::ShootDay::default()
                            })
                            .collect(),
                        ..crate::model::Plan::default()
                    }
                })),
                _ => BoardField::Numbering(crate::model::Numbering {
                    zero_pad: (n % 3) as u8,
                    skip_i_and_o: n.is_multiple_of(2),
                    ..crate::model::Numbering::default()
                }),
            },
        },
        Op::AddStroke { pick: i, points } => Edit::AddStroke {
            panel: pick(board, *i)?,
            stroke: stroke(*points, *i),
        },
        Op::InsertStrokes { pick: i, at } => {
            let panel = pick(board, *i)?;
            let len = strokes_of(panel);
            let mut items: Vec<(usize, Stroke)> = Vec::new();
            let mut next = 0;
            for (k, step) in at.iter().enumerate() {
                // Ascending indices, each valid once the earlier ones are in.
                next = (next + step) % (len + k + 1);
                if let Some((last, _)) = items.last()
                    && next <= *last
                {
                    next = last + 1;
                }
                items.push((next, stroke(k + 2, k)));
            }
            Edit::InsertStrokes { panel, items }
        }
        Op::RemoveStrokes { pick: i, picks } => {
            let panel = pick(board, *i)?;
            let len = strokes_of(panel);
            if len == 0 {
                return None;
            }
            let indices: std::collections::BTreeSet<usize> =
                picks.iter().map(|k| k % len).collect();
            Edit::RemoveStrokes {
                panel,
                indices: indices.into_iter().collect(),
            }
        }
        Op::SetStrokes { pick: i, count } => Edit::SetStrokes {
            panel: pick(board, *i)?,
            strokes: (0..*count).map(|k| stroke(k + 1, k)).collect(),
        },
        Op::Batch(first, second) => {
            let first = to_edit(board, first)?;
            let mut after = board.clone();
            // A first edit that cannot apply makes the batch fail as a whole.
            let second = match first.clone().apply(&mut after) {
                Ok(_) => to_edit(&after, second),
                Err(_) => to_edit(board, second),
            }?;
            Edit::Batch(vec![first, second])
        }
        Op::Replace {
            title,
            drop_last_scene,
        } => {
            let mut theirs = board.clone();
            theirs.title = format!("disk {title}");
            if *drop_last_scene {
                theirs.scenes.pop();
            }
            Edit::ReplaceBoard(Box::new(theirs))
        }
        Op::Undo | Op::Redo => return None,
    })
}

/// Every kind of edit and field, so the property below is known to reach
/// them all. The matches are exhaustive: a new kind fails to compile here
/// until the generator learns it.
fn kinds(edit: &Edit, out: &mut std::collections::BTreeSet<String>) {
    let name = match edit {
        Edit::InsertPanels { .. } => "InsertPanels",
        Edit::RemovePanels { .. } => "RemovePanels",
        Edit::RestorePanels { .. } => "RestorePanels",
        Edit::MovePanels { .. } => "MovePanels",
        Edit::SetLayout { .. } => "SetLayout",
        Edit::InsertScene { .. } => "InsertScene",
        Edit::RemoveScene { .. } => "RemoveScene",
        Edit::MoveScene { .. } => "MoveScene",
        Edit::SplitScene { .. } => "SplitScene",
        Edit::MergeIntoPrevious { .. } => "MergeIntoPrevious",
        Edit::SetPanels { changes } => {
            for (_, field) in changes {
                out.insert(format!("panel {}", field.name()));
            }
            "SetPanels"
        }
        Edit::SetScene { field, .. } => {
            out.insert(
                match field {
                    SceneField::Heading(_) => "scene heading",
                    SceneField::Location(_) => "scene location",
                    SceneField::Notes(_) => "scene notes",
                    SceneField::Number(_) => "scene number",
                    SceneField::ScriptHeading(_) => "scene script heading",
                    SceneField::Breakdown(_) => "scene breakdown",
                }
                .to_owned(),
            );
            "SetScene"
        }
        Edit::SetBoard { field } => {
            out.insert(
                match field {
                    BoardField::Title(_) => "board title",
                    BoardField::Author(_) => "board author",
                    BoardField::AspectRatio(_) => "board aspect ratio",
                    BoardField::Fps(_) => "board fps",
                    BoardField::DefaultDuration(_) => "board default duration",
                    BoardField::Numbering(_) => "board numbering",
                    BoardField::Plan(_) => "board plan",
                    BoardField::Durations(_) => "board durations",
                }
                .to_owned(),
            );
            "SetBoard"
        }
        Edit::AddStroke { .. } => "AddStroke",
        Edit::InsertStrokes { .. } => "InsertStrokes",
        Edit::RemoveStrokes { .. } => "RemoveStrokes",
        Edit::SetStrokes { .. } => "SetStrokes",
        Edit::Batch(edits) => {
            edits.iter().for_each(|e| kinds(e, out));
            "Batch"
        }
        Edit::ReplaceBoard(_) => "ReplaceBoard",
    };
    out.insert(name.to_owned());
}

/// The board with its id counter normalised: undo never lowers the
/// counter (ids are never reused), everything else must match exactly.
fn comparable(board: &Board) -> Board {
    let mut board = board.clone();
    board.next_id = 0;
    board
}

#[test]
fn the_property_test_generates_every_kind_of_edit() {
    use proptest::strategy::ValueTree as _;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut seen = std::collections::BTreeSet::new();
    let mut b = board();
    let mut h = History::new();
    for _ in 0..3000 {
        let op = op().new_tree(&mut runner).expect("op").current();
        if let Some(edit) = to_edit(&b, &op) {
            let mut kinds_of_this = std::collections::BTreeSet::new();
            kinds(&edit, &mut kinds_of_this);
            if h.apply(&mut b, edit, "op").is_ok() {
                seen.extend(kinds_of_this);
            }
        }
        if b.panel_count() < 3 {
            b = board();
        }
    }
    let mut expected: std::collections::BTreeSet<String> = [
        "InsertPanels",
        "RemovePanels",
        "RestorePanels",
        "MovePanels",
        "SetLayout",
        "InsertScene",
        "RemoveScene",
        "MoveScene",
        "SplitScene",
        "MergeIntoPrevious",
        "SetPanels",
        "SetScene",
        "SetBoard",
        "AddStroke",
        "InsertStrokes",
        "RemoveStrokes",
        "SetStrokes",
        "Batch",
        "ReplaceBoard",
        "scene heading",
        "scene location",
        "scene notes",
        "scene number",
        "scene script heading",
        "scene breakdown",
        "board title",
        "board author",
        "board aspect ratio",
        "board fps",
        "board default duration",
        "board numbering",
        "board plan",
        "board durations",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    let mut ids = IdAllocator::new(&b);
    expected.extend(
        (0..PANEL_FIELDS).map(|k| format!("panel {}", panel_field(k, 1, "x", &mut ids).name())),
    );
    assert_eq!(
        expected.len(),
        19 + SCENE_FIELDS + BOARD_FIELDS + PANEL_FIELDS
    );
    let missing: Vec<_> = expected.difference(&seen).collect();
    assert!(missing.is_empty(), "never applied: {missing:?}");
}

proptest! {
    #[test]
    fn random_edits_undo_all_to_the_original_and_redo_all_to_the_final_board(
        ops in prop::collection::vec(op(), 1..40)
    ) {
        let original = board();
        let mut b = original.clone();
        let mut h = History::new();
        for op in &ops {
            match op {
                // A consistent history never fails to undo or redo.
                Op::Undo => { prop_assert!(h.undo(&mut b).is_ok()); }
                Op::Redo => { prop_assert!(h.redo(&mut b).is_ok()); }
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
            prop_assert!(b.scenes.iter().all(|s| seen.insert(PanelId(s.id.0))));
        }
        let dirty_at_end = h.is_dirty();
        // Undo everything, remembering each state on the way down.
        let mut states = vec![comparable(&b)];
        while let Some(_label) = h.undo(&mut b).expect("undo applies") {
            states.push(comparable(&b));
        }
        prop_assert!(b.next_id >= original.next_id);
        prop_assert_eq!(comparable(&b), comparable(&original));
        prop_assert!(!h.is_dirty());
        // Redo walks the same states back up to the final board.
        states.pop();
        while let Some(expected) = states.pop() {
            prop_assert!(h.redo(&mut b).expect("redo applies").is_some());
            prop_assert_eq!(comparable(&b), expected);
        }
        prop_assert_eq!(h.is_dirty(), dirty_at_end);
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
    history.undo(&mut board).unwrap();
    assert_eq!(board, mine);
    history.redo(&mut board).unwrap();
    assert_eq!(board, theirs);
}

// ---- history failures and memory bound --------------------------------

#[test]
fn an_undo_that_cannot_apply_is_reported_and_keeps_both_stacks() {
    let mut b = board();
    let mut h = History::new();
    let set = |text: &str| Edit::set_all(&[PanelId(12)], PanelField::Notes(text.into()));
    h.apply(&mut b, set("one"), "Note one").unwrap();
    h.apply(
        &mut b,
        Edit::RemovePanels {
            ids: vec![PanelId(11)],
        },
        "Delete",
    )
    .unwrap();
    h.apply(&mut b, set("two"), "Note two").unwrap();
    h.undo(&mut b).unwrap();
    // Something outside the history put the deleted panel back, so undoing
    // the delete can no longer restore it.
    b.scenes[0].panels.insert(1, Panel::new(PanelId(11)));
    let before = b.clone();
    let error = h.undo(&mut b).unwrap_err();
    assert_eq!(error.label, "Delete");
    assert!(
        error.to_string().starts_with("Could not undo Delete"),
        "{error}"
    );
    assert_eq!(b, before);
    assert_eq!(h.undo_label(), Some("Delete"));
    assert_eq!(h.redo_label(), Some("Note two"));
    assert_eq!(h.redo(&mut b).unwrap().as_deref(), Some("Note two"));
}

#[test]
fn a_redo_that_cannot_apply_is_reported_and_stays_redoable() {
    let mut b = board();
    let mut h = History::new();
    h.apply(
        &mut b,
        Edit::RemovePanels {
            ids: vec![PanelId(13)],
        },
        "Delete",
    )
    .unwrap();
    h.undo(&mut b).unwrap();
    b.scenes[1].panels.retain(|p| p.id != PanelId(13));
    let error = h.redo(&mut b).unwrap_err();
    assert_eq!(error.action, "redo");
    assert_eq!(h.redo_label(), Some("Delete"));
    assert!(!h.can_undo());
}

/// An edit of about `bytes` bytes: notes that long.
fn big_note(bytes: usize) -> Edit {
    Edit::set_all(&[PanelId(10)], PanelField::Notes("x".repeat(bytes)))
}

#[test]
fn steps_past_the_memory_budget_drop_oldest_first_and_say_so_once() {
    let mut b = board();
    let mut h = History::with_budget(10_000);
    for i in 0..5 {
        h.apply(&mut b, big_note(3_000 + i), format!("Step {i}"))
            .unwrap();
    }
    // Each step holds two notes (forward and inverse), ~6 kB: one fits.
    assert_eq!(h.undo_depth(), 1);
    assert_eq!(h.undo_label(), Some("Step 4"));
    let note = h.take_trimmed().expect("a note about dropped steps");
    assert_eq!(note.steps, 4);
    assert!(note.to_string().contains("4 oldest steps"), "{note}");
    assert_eq!(h.take_trimmed(), None);
    // Small steps fit beside it.
    h.apply(
        &mut b,
        Edit::set_all(&[PanelId(11)], PanelField::Lens(Some(35))),
        "Lens",
    )
    .unwrap();
    assert_eq!(h.undo_depth(), 2);
    assert_eq!(h.take_trimmed(), None);
}

#[test]
fn the_newest_step_is_kept_even_when_it_alone_is_over_budget() {
    let mut b = board();
    let mut h = History::with_budget(100);
    h.apply(&mut b, big_note(1_000), "Huge").unwrap();
    assert_eq!(h.undo_depth(), 1);
    assert_eq!(h.take_trimmed(), None);
    h.undo(&mut b).unwrap();
    assert_eq!(b, board());
}

#[test]
fn dirty_flag_stays_right_when_the_saved_step_is_dropped() {
    let mut b = board();
    // The first step holds one note (its inverse is empty), the second two.
    let mut h = History::with_budget(8_000);
    h.apply(&mut b, big_note(3_000), "Saved").unwrap();
    h.mark_saved();
    let saved = b.clone();
    h.apply(&mut b, big_note(3_001), "After save").unwrap();
    assert!(h.take_trimmed().is_some(), "the saved step was dropped");
    assert!(h.is_dirty());
    h.undo(&mut b).unwrap();
    assert_eq!(b, saved);
    assert!(!h.is_dirty(), "back at the saved state");
    assert!(!h.can_undo());
    h.redo(&mut b).unwrap();
    assert!(h.is_dirty());
}

#[test]
fn dropping_every_old_step_of_an_unsaved_board_keeps_it_dirty() {
    let mut b = board();
    let mut h = History::with_budget(10_000);
    for i in 0..3 {
        h.apply(&mut b, big_note(3_000 + i), "Note").unwrap();
    }
    assert!(h.take_trimmed().is_some());
    h.undo(&mut b).unwrap();
    assert!(!h.can_undo());
    assert!(
        h.is_dirty(),
        "the board as opened is out of reach, not restored"
    );
}

#[test]
fn a_whole_board_replacement_counts_the_whole_board() {
    let mut big = board();
    big.panel_mut(PanelId(10)).unwrap().strokes = vec![
        Stroke {
            tool: Default::default(),
            layer: Default::default(),
            color: Default::default(),
            width: 0.01,
            opacity: 1.0,
            points: vec![crate::model::StrokePoint::from_normalised(0.5, 0.5, 1.0); 10_000],
        };
        10
    ];
    let replace = Edit::ReplaceBoard(Box::new(big));
    let points = 100_000 * std::mem::size_of::<crate::model::StrokePoint>();
    assert!(
        replace.approx_bytes() > points,
        "{}",
        replace.approx_bytes()
    );
    assert!(
        replace.approx_bytes() < points * 2,
        "{}",
        replace.approx_bytes()
    );
}

#[test]
fn a_failed_batch_leaves_even_the_id_counter_as_it_was() {
    let mut b = board();
    let before = b.clone();
    let new_scene = Scene::new(IdAllocator::new(&b).scene(), "NEW");
    let id = new_scene.id;
    let bad = Edit::Batch(vec![
        Edit::InsertScene {
            index: 0,
            scene: new_scene,
        },
        // The new scene is first: there is nothing to merge it into.
        Edit::MergeIntoPrevious { id },
    ]);
    assert!(bad.apply(&mut b).is_err());
    assert_eq!(b, before);
}
