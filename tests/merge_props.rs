//! Merge properties over random edits on two branches of one board: the
//! merge keeps every change that does not conflict, flags the ones that do,
//! depends on the sides only through which one is kept, and always gives a
//! board that saves and loads back.

use std::collections::HashSet;
use std::path::Path;

use proptest::prelude::*;
use shotboard::edit::{BoardField, Edit, PanelField, SceneField, ops};
use shotboard::merge::{
    Conflict, ConflictKind, MERGE_AUTHOR, MergeOptions, Merged, Side, describe_changes, merge,
};
use shotboard::model::{
    Board, Comment, IdAllocator, Layer, Panel, PanelId, ReviewStatus, Rgba, Scene, SceneId,
    ShotSize, Stroke, StrokePoint, Tool,
};
use shotboard::store;

/// Three scenes of three panels, each with a sketch stroke; one comment.
fn base() -> Board {
    let mut board = Board::new_untitled();
    board.scenes.clear();
    for s in 0..3u64 {
        let mut scene = Scene::new(SceneId(1 + s * 10), format!("SCENE {s}"));
        for p in 0..3u64 {
            let mut panel = Panel::new(PanelId(2 + s * 10 + p));
            panel.action = format!("beat {s}.{p}");
            panel.notes = "lens\nlight\nprops".into();
            panel
                .strokes
                .push(stroke(Layer::Sketch, (s * 10 + p) as i32));
            scene.panels.push(panel);
        }
        board.scenes.push(scene);
    }
    board.scenes[0].panels[0].comments.push(Comment {
        id: shotboard::model::CommentId(100),
        author: "Director".into(),
        text: "Wider?".into(),
        time: "2026-01-01T00:00:00Z".into(),
        resolved: false,
        replies: Vec::new(),
    });
    board.bump_next_id();
    board
}

fn stroke(layer: Layer, x: i32) -> Stroke {
    Stroke {
        tool: Tool::Pencil,
        layer,
        color: Rgba::BLUE,
        width: 0.003,
        opacity: 1.0,
        points: vec![StrokePoint {
            x,
            y: x,
            pressure: 200,
        }],
    }
}

/// An edit, with indices picked modulo what the branch has at that moment.
#[derive(Clone, Debug)]
enum Op {
    SetField {
        panel: usize,
        field: u8,
        value: u8,
    },
    SetHeading {
        scene: usize,
        value: u8,
    },
    SetTitle {
        value: u8,
    },
    AddPanel {
        after: usize,
    },
    Delete {
        panel: usize,
    },
    Move {
        panel: usize,
        scene: usize,
        index: usize,
    },
    MoveScene {
        scene: usize,
        to: usize,
    },
    DeleteScene {
        scene: usize,
    },
    AddStroke {
        panel: usize,
        layer: usize,
    },
    EraseStroke {
        panel: usize,
    },
    AddComment {
        panel: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let i = || 0..20usize;
    prop_oneof![
        4 => (i(), 0..7u8, 0..3u8).prop_map(|(panel, field, value)| Op::SetField { panel, field, value }),
        1 => (i(), 0..3u8).prop_map(|(scene, value)| Op::SetHeading { scene, value }),
        1 => (0..3u8).prop_map(|value| Op::SetTitle { value }),
        2 => i().prop_map(|after| Op::AddPanel { after }),
        1 => i().prop_map(|panel| Op::Delete { panel }),
        2 => (i(), i(), i()).prop_map(|(panel, scene, index)| Op::Move { panel, scene, index }),
        1 => (i(), i()).prop_map(|(scene, to)| Op::MoveScene { scene, to }),
        1 => i().prop_map(|scene| Op::DeleteScene { scene }),
        2 => (i(), 0..4usize).prop_map(|(panel, layer)| Op::AddStroke { panel, layer }),
        1 => i().prop_map(|panel| Op::EraseStroke { panel }),
        1 => i().prop_map(|panel| Op::AddComment { panel }),
    ]
}

/// The edit an op stands for on `board`, from branch `side` (so the two
/// branches type different words).
fn to_edit(board: &Board, op: &Op, side: &str, step: usize) -> Option<Edit> {
    let panels: Vec<PanelId> = board.panels().map(|p| p.id).collect();
    let scenes: Vec<SceneId> = board.scenes.iter().map(|s| s.id).collect();
    let panel = |i: usize| (!panels.is_empty()).then(|| panels[i % panels.len()]);
    let scene = |i: usize| (!scenes.is_empty()).then(|| scenes[i % scenes.len()]);
    let words = |v: u8| format!("{side} words {v}");
    let mut ids = IdAllocator::new(board);
    Some(match *op {
        Op::SetField {
            panel: p,
            field,
            value,
        } => {
            let field = match field {
                0 => PanelField::Action(words(value)),
                1 => PanelField::Dialogue(words(value)),
                // Shared values: both branches sometimes make the same change.
                2 => PanelField::Lens(Some(24 + u32::from(value) * 11)),
                3 => PanelField::ShotSize(Some(ShotSize::ALL[usize::from(value)])),
                4 => PanelField::Status(ReviewStatus::ALL[usize::from(value)]),
                5 => PanelField::Duration(Some(1000 + u32::from(value) * 500)),
                // One line of the three-line notes.
                _ => {
                    let notes = &board.panel(panel(p)?)?.notes;
                    let mut lines: Vec<String> = notes.split('\n').map(str::to_owned).collect();
                    let line = usize::from(value) % lines.len();
                    lines[line] = words(value);
                    PanelField::Notes(lines.join("\n"))
                }
            };
            Edit::SetPanels {
                changes: vec![(panel(p)?, field)],
            }
        }
        Op::SetHeading { scene: s, value } => Edit::SetScene {
            id: scene(s)?,
            field: SceneField::Heading(words(value)),
        },
        Op::SetTitle { value } => Edit::SetBoard {
            field: BoardField::Title(words(value)),
        },
        Op::AddPanel { after } => {
            let at = board.find_panel(panel(after)?)?;
            let mut new = Panel::new(ids.panel());
            new.action = format!("{side} new panel {step}");
            Edit::InsertPanels {
                scene: board.scenes[at.scene].id,
                index: at.panel + 1,
                panels: vec![new],
            }
        }
        Op::Delete { panel: p } => ops::delete(board, &[panel(p)?])?.edit,
        Op::Move {
            panel: p,
            scene: s,
            index,
        } => {
            let to_scene = scene(s)?;
            let len = board.scene(to_scene)?.panels.len();
            Edit::MovePanels {
                ids: vec![panel(p)?],
                to_scene,
                to_index: index % (len + 1),
            }
        }
        Op::MoveScene { scene: s, to } => {
            ops::move_scene(board, scene(s)?, to % scenes.len())?.edit
        }
        Op::DeleteScene { scene: s } => ops::delete_scene(board, scene(s)?)?.edit,
        Op::AddStroke { panel: p, layer } => Edit::AddStroke {
            panel: panel(p)?,
            stroke: stroke(Layer::ALL[layer], 5000 + step as i32),
        },
        Op::EraseStroke { panel: p } => {
            let id = panel(p)?;
            let last = board.panel(id)?.strokes.len().checked_sub(1)?;
            Edit::RemoveStrokes {
                panel: id,
                indices: vec![last],
            }
        }
        Op::AddComment { panel: p } => {
            let id = panel(p)?;
            let mut comments = board.panel(id)?.comments.clone();
            comments.push(Comment {
                id: ids.comment(),
                author: side.to_owned(),
                text: format!("{side} note {step}"),
                time: "2026-01-02T00:00:00Z".into(),
                resolved: false,
                replies: Vec::new(),
            });
            Edit::SetPanels {
                changes: vec![(id, PanelField::Comments(comments))],
            }
        }
    })
}

fn branch(base: &Board, ops: &[Op], side: &str) -> Board {
    let mut board = base.clone();
    for (step, op) in ops.iter().enumerate() {
        if let Some(edit) = to_edit(&board, op, side, step) {
            // An edit that does not apply (e.g. removing the last scene)
            // leaves the board as it was.
            let _ = edit.apply(&mut board);
        }
    }
    board
}

fn options(keep: Side) -> MergeOptions {
    MergeOptions {
        keep,
        time: "2026-11-30T00:00:00Z".into(),
    }
}

fn swapped(conflicts: &[Conflict]) -> Vec<Conflict> {
    conflicts
        .iter()
        .map(|c| Conflict {
            ours: c.theirs.clone(),
            theirs: c.ours.clone(),
            kind: match c.kind {
                ConflictKind::DeletedVsEdited { deleted_by } => ConflictKind::DeletedVsEdited {
                    deleted_by: deleted_by.other(),
                },
                ConflictKind::SceneDeletedVsPanels { deleted_by } => {
                    ConflictKind::SceneDeletedVsPanels {
                        deleted_by: deleted_by.other(),
                    }
                }
                kind => kind,
            },
            ..c.clone()
        })
        .collect()
}

fn flagged(panel: &Panel) -> bool {
    panel.comments.iter().any(|c| c.author == MERGE_AUTHOR)
}

/// The fields the merge handles one by one, by the name conflicts use.
fn fields(p: &Panel) -> Vec<(&'static str, String)> {
    vec![
        ("action", p.action.clone()),
        ("dialogue", p.dialogue.clone()),
        ("lens", format!("{:?}", p.lens_mm)),
        ("shot size", format!("{:?}", p.shot_size)),
        ("duration", format!("{:?}", p.duration_ms)),
        ("review status", format!("{:?}", p.status)),
    ]
}

fn layer(p: &Panel, layer: Layer) -> Vec<Stroke> {
    p.strokes
        .iter()
        .filter(|s| s.layer == layer)
        .cloned()
        .collect()
}

/// A panel's content apart from its id, review status and comments.
fn content(p: &Panel) -> Panel {
    Panel {
        id: PanelId(0),
        status: ReviewStatus::Draft,
        comments: Vec::new(),
        ..p.clone()
    }
}

fn has_conflict(m: &Merged, id: PanelId, field: &str) -> bool {
    m.conflicts
        .iter()
        .any(|c| c.place == shotboard::merge::Place::Panel(id) && c.field == field)
}

fn check_side_changes(
    b: &Board,
    x: &Board,
    y: &Board,
    m: &Merged,
    x_is_kept: bool,
) -> Result<(), TestCaseError> {
    let base_ids: HashSet<PanelId> = b.panels().map(|p| p.id).collect();
    for px in x.panels() {
        let Some(pb) = b.panel(px.id) else {
            // New on this side: its content is in the merge.
            prop_assert!(
                m.board
                    .panels()
                    .any(|pm| !base_ids.contains(&pm.id) && content(pm) == content(px)),
                "new {} is in the merge",
                px.id
            );
            continue;
        };
        let Some(py) = y.panel(px.id) else {
            let pm = m.board.panel(px.id);
            if px == pb {
                prop_assert!(
                    pm.is_none(),
                    "{} deleted on one side only is deleted",
                    px.id
                );
            } else {
                let pm = pm.expect("a panel deleted on one side and edited on the other is kept");
                prop_assert_eq!(pm.status, ReviewStatus::NeedsChanges);
                prop_assert!(flagged(pm));
            }
            continue;
        };
        let pm = m
            .board
            .panel(px.id)
            .expect("a panel on all three boards is merged");
        for (((name, fb), (_, fx)), ((_, fy), (_, fm))) in fields(pb)
            .into_iter()
            .zip(fields(px))
            .zip(fields(py).into_iter().zip(fields(pm)))
        {
            if name == "review status" && flagged(pm) {
                prop_assert_eq!(pm.status, ReviewStatus::NeedsChanges);
                continue;
            }
            if fx != fb && fy == fb {
                prop_assert_eq!(&fm, &fx, "{} {} changed on one side", px.id, name);
            } else if fx != fb && fy != fx && x_is_kept {
                prop_assert_eq!(&fm, &fx, "the kept side's value stays");
                prop_assert!(
                    has_conflict(m, px.id, name),
                    "{} {} conflict recorded",
                    px.id,
                    name
                );
            }
        }
        // Notes merge line by line: a line only this side changed is in the
        // merge unless the field conflicted (then the kept side's notes stay).
        if has_conflict(m, px.id, "notes") {
            prop_assert_eq!(&pm.notes, if x_is_kept { &px.notes } else { &py.notes });
        } else {
            let lines = |p: &Panel| p.notes.split('\n').map(str::to_owned).collect::<Vec<_>>();
            let (nb, nx, ny, nm) = (lines(pb), lines(px), lines(py), lines(pm));
            if nb.len() == nx.len() && nb.len() == ny.len() {
                prop_assert_eq!(nm.len(), nb.len());
                for i in 0..nb.len() {
                    if nx[i] != nb[i] {
                        prop_assert_eq!(&nm[i], &nx[i], "{} notes line {}", px.id, i);
                    }
                }
            }
        }
        for l in Layer::ALL {
            let (lb, lx, ly) = (layer(pb, l), layer(px, l), layer(py, l));
            if lx != lb && ly == lb {
                prop_assert_eq!(layer(pm, l), lx, "{} strokes on {:?}", px.id, l);
            }
        }
        let new_comments: Vec<&Comment> = px
            .comments
            .iter()
            .filter(|c| !pb.comments.iter().any(|o| o.id == c.id))
            .collect();
        for c in new_comments {
            prop_assert!(
                pm.comments.iter().any(|o| o.text == c.text),
                "new comment {:?} on {} is in the merge",
                c.text,
                px.id
            );
        }
    }
    for sx in &x.scenes {
        if let (Some(sb), Some(sy), Some(sm)) =
            (b.scene(sx.id), y.scene(sx.id), m.board.scene(sx.id))
            && sx.heading != sb.heading
            && sy.heading == sb.heading
        {
            prop_assert_eq!(&sm.heading, &sx.heading);
        }
    }
    // A reorder on one side survives: panels of a scene on every board keep
    // the changed side's relative order.
    for sm in &m.board.scenes {
        let (Some(sb), Some(sx), Some(sy)) = (b.scene(sm.id), x.scene(sm.id), y.scene(sm.id))
        else {
            continue;
        };
        let ids = |s: &Scene| s.panels.iter().map(|p| p.id).collect::<Vec<_>>();
        let everywhere: HashSet<PanelId> = [sb, sx, sy]
            .iter()
            .map(|s| ids(s).into_iter().collect::<HashSet<_>>())
            .fold(ids(sm).into_iter().collect(), |all, s| &all & &s);
        let order = |s: &Scene| -> Vec<PanelId> {
            ids(s)
                .into_iter()
                .filter(|p| everywhere.contains(p))
                .collect()
        };
        if order(sx) != order(sb) && order(sy) == order(sb) {
            prop_assert_eq!(order(sm), order(sx), "the reorder of {} survives", sm.id);
        }
    }
    if x.title != b.title && y.title == b.title {
        prop_assert_eq!(&m.board.title, &x.title);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn merges_keep_every_change_that_does_not_conflict(
        ours_ops in prop::collection::vec(op(), 0..8),
        theirs_ops in prop::collection::vec(op(), 0..8),
    ) {
        let b = base();
        let ours = branch(&b, &ours_ops, "ours");
        let theirs = branch(&b, &theirs_ops, "theirs");
        let m = merge(&b, &ours, &theirs, &options(Side::Ours));

        // A board that saves and loads back exactly, with unique ids.
        let text = store::to_ron_string(&m.board);
        let loaded = store::from_ron_str(&text, Path::new("merged.ron"));
        prop_assert!(loaded.is_ok(), "{:?}", loaded.err());
        prop_assert_eq!(&loaded.unwrap(), &m.board);
        let mut ids = HashSet::new();
        for s in &m.board.scenes {
            prop_assert!(ids.insert(s.id.0));
            for p in &s.panels {
                prop_assert!(ids.insert(p.id.0));
                for c in &p.comments {
                    prop_assert!(ids.insert(c.id.0));
                }
            }
        }
        prop_assert!(m.board.next_id > m.board.max_used_id());
        prop_assert!(m.board.next_id >= ours.next_id.max(theirs.next_id));

        // Every change of either side that does not conflict is kept.
        check_side_changes(&b, &ours, &theirs, &m, true)?;
        check_side_changes(&b, &theirs, &ours, &m, false)?;

        // Every conflict is recorded in the board.
        for c in &m.conflicts {
            if let shotboard::merge::Place::Panel(id) = c.place {
                let p = m.board.panel(id).expect("a conflicted panel is on the board");
                prop_assert_eq!(p.status, ReviewStatus::NeedsChanges);
                prop_assert!(flagged(p));
            }
        }

        // Only the kept side matters, not the order of the arguments.
        let other = merge(&b, &theirs, &ours, &options(Side::Theirs));
        prop_assert_eq!(&other.board, &m.board);
        prop_assert_eq!(swapped(&other.conflicts), m.conflicts.clone());

        // The readable diff misses no change: it is empty exactly when
        // nothing a user sees differs (the id counter is not shown).
        for side in [&ours, &theirs] {
            let same = Board { next_id: b.next_id, ..side.clone() } == b;
            prop_assert_eq!(describe_changes(&b, side).is_empty(), same);
        }

        // Merging a branch with an unchanged base gives that branch.
        let fast = merge(&b, &ours, &b, &options(Side::Ours));
        prop_assert!(fast.is_clean());
        prop_assert_eq!(&fast.board.scenes, &ours.scenes);
    }
}
