//! The file format round-trips every board exactly, and writes it the same
//! way every time, so boards diff and merge well in git.

use std::path::Path;

use proptest::prelude::*;
use shotboard::model::{
    AspectRatio, AssetPath, Board, CameraAngle, CameraMove, Comment, CommentId, Fps, Layer, Panel,
    PanelId, Reply, ReviewStatus, Rgba, Scene, SceneId, ScriptText, ShotSize, Stroke, StrokePoint,
    Tool, Transition,
};
use shotboard::store;

/// Any text a user could type or paste: unicode, newlines, quotes,
/// backslashes, RON syntax, control characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z \\n\\t\"\\\\()\\[\\],:#r'é漢🎬]{0,40}",
        Just("r#\"raw\"#, Some(\"x\"), // not a comment */".to_owned()),
    ]
}

fn stroke() -> impl Strategy<Value = Stroke> {
    (
        proptest::sample::select(vec![
            Tool::Pencil,
            Tool::Pen,
            Tool::Brush,
            Tool::Line,
            Tool::Arrow,
            Tool::Frame,
            Tool::Rect,
            Tool::Ellipse,
        ]),
        proptest::sample::select(Layer::ALL.to_vec()),
        any::<[u8; 4]>(),
        prop_oneof![
            0.0f32..1.0,
            proptest::num::f32::NORMAL | proptest::num::f32::ZERO
        ],
        0.0f32..=1.0,
        prop::collection::vec(
            (-100_000i32..=100_000, -100_000i32..=100_000, any::<u8>()),
            0..20,
        ),
    )
        .prop_map(|(tool, layer, color, width, opacity, points)| Stroke {
            tool,
            layer,
            color: Rgba(color),
            width,
            opacity,
            points: points
                .into_iter()
                .map(|(x, y, pressure)| StrokePoint { x, y, pressure })
                .collect(),
        })
}

fn comment() -> impl Strategy<Value = Comment> {
    (
        text(),
        text(),
        "[0-9TZ:-]{0,20}",
        any::<bool>(),
        prop::collection::vec((text(), text(), "[0-9TZ:-]{0,20}"), 0..3),
    )
        .prop_map(|(author, text, time, resolved, replies)| Comment {
            id: CommentId(0),
            author,
            text,
            time,
            resolved,
            replies: replies
                .into_iter()
                .map(|(author, text, time)| Reply { author, text, time })
                .collect(),
        })
}

fn asset() -> impl Strategy<Value = AssetPath> {
    "[a-z0-9 _-]{1,12}\\.assets/[0-9a-f]{16}\\.(png|jpg|gif|bmp|webp)"
        .prop_map(|s| AssetPath::new(s).expect("the pattern only makes valid paths"))
}

fn panel() -> impl Strategy<Value = Panel> {
    (
        (
            prop::option::of(asset()),
            prop::collection::vec(stroke(), 0..4),
            text(),
            text(),
            text(),
        ),
        (
            prop::option::of(proptest::sample::select(ShotSize::ALL)),
            prop::option::of(proptest::sample::select(CameraAngle::ALL)),
            prop::option::of(proptest::sample::select(CameraMove::ALL)),
            prop::option::of(any::<u32>()),
            prop::option::of(any::<u32>()),
            proptest::sample::select(Transition::ALL),
            proptest::sample::select(ReviewStatus::ALL),
            any::<bool>(),
        ),
        prop::collection::vec(comment(), 0..3),
        prop::option::of(any::<(u64, u64)>()),
        shot_log(),
    )
        .prop_map(
            |(
                (image, strokes, action, dialogue, notes),
                (shot_size, angle, movement, lens_mm, duration_ms, transition, status, new_shot),
                comments,
                script,
                shot_log,
            )| Panel {
                id: PanelId(0),
                image,
                strokes,
                action,
                dialogue,
                notes,
                shot_size,
                angle,
                movement,
                lens_mm,
                duration_ms,
                transition,
                status,
                new_shot,
                comments,
                script: script.map(|(action, dialogue)| ScriptText { action, dialogue }),
                shot_log,
            },
        )
}

fn shot_log() -> impl Strategy<Value = shotboard::model::ShotLog> {
    (
        any::<bool>(),
        prop::collection::vec((any::<u32>(), any::<bool>(), text()), 0..3),
    )
        .prop_map(|(done, takes)| shotboard::model::ShotLog {
            done,
            takes: takes
                .into_iter()
                .map(|(number, circled, note)| shotboard::model::Take {
                    number,
                    circled,
                    note,
                })
                .collect(),
        })
}

fn breakdown() -> impl Strategy<Value = shotboard::model::Breakdown> {
    use shotboard::model::{IntExt, TimeOfDay};
    (
        prop::option::of(proptest::sample::select(IntExt::ALL)),
        prop::option::of(proptest::sample::select(TimeOfDay::ALL)),
        prop::collection::vec(text(), 0..3),
        prop::collection::vec(text(), 0..3),
        prop::option::of(any::<u32>()),
        any::<i32>(),
        prop::option::of(any::<u64>()),
    )
        .prop_map(
            |(int_ext, time_of_day, cast, props, minutes_per_setup, adjust_minutes, target)| {
                shotboard::model::Breakdown {
                    int_ext,
                    time_of_day,
                    wardrobe: props.iter().rev().cloned().collect(),
                    cast,
                    props,
                    minutes_per_setup,
                    adjust_minutes,
                    target_runtime_ms: target,
                    ..shotboard::model::Breakdown::default()
                }
            },
        )
}

fn plan() -> impl Strategy<Value = shotboard::model::Plan> {
    (
        any::<u32>(),
        any::<u32>(),
        prop::option::of(any::<u64>()),
        prop::collection::vec(
            (
                text(),
                prop::option::of(any::<u32>()),
                text(),
                prop::collection::vec(0u64..20, 0..4),
            ),
            0..3,
        ),
    )
        .prop_map(
            |(minutes_per_setup, day_minutes, target_runtime_ms, days)| shotboard::model::Plan {
                minutes_per_setup,
                day_minutes,
                target_runtime_ms,
                days: days
                    .into_iter()
                    .map(
                        |(date, day_minutes, notes, scenes)| shotboard::model::ShootDay {
                            date,
                            day_minutes,
                            notes,
                            scenes: scenes.into_iter().map(SceneId).collect(),
                        },
                    )
                    .collect(),
            },
        )
}

fn scene() -> impl Strategy<Value = Scene> {
    (
        prop::option::of("[0-9A-Z]{1,4}"),
        text(),
        text(),
        text(),
        prop::collection::vec(panel(), 0..5),
        prop::option::of(any::<u64>()),
        breakdown(),
    )
        .prop_map(
            |(number, heading, location, notes, panels, script_heading, breakdown)| Scene {
                id: SceneId(0),
                number,
                heading,
                location,
                notes,
                panels,
                script_heading,
                breakdown: Box::new(breakdown),
            },
        )
}

fn aspect() -> impl Strategy<Value = AspectRatio> {
    prop_oneof![
        proptest::sample::select(AspectRatio::PRESETS.to_vec()),
        (any::<u32>(), any::<u32>())
            .prop_map(|(width, height)| AspectRatio::Custom { width, height }),
    ]
}

fn board() -> impl Strategy<Value = Board> {
    (
        text(),
        text(),
        aspect(),
        proptest::sample::select(Fps::ALL.to_vec()),
        any::<u32>(),
        0u64..1000,
        prop::collection::vec(scene(), 0..4),
        plan(),
    )
        .prop_map(
            |(
                title,
                author,
                aspect_ratio,
                fps,
                default_duration_ms,
                spare_ids,
                mut scenes,
                plan,
            )| {
                // Ids are unique per board; hand them out in board order.
                let mut next = 1;
                let mut fresh = || {
                    next += 1;
                    next - 1
                };
                for scene in &mut scenes {
                    scene.id = SceneId(fresh());
                    for panel in &mut scene.panels {
                        panel.id = PanelId(fresh());
                        for comment in &mut panel.comments {
                            comment.id = CommentId(fresh());
                        }
                    }
                }
                Board {
                    format_version: shotboard::model::FORMAT_VERSION,
                    title,
                    author,
                    aspect_ratio,
                    fps,
                    default_duration_ms,
                    next_id: next + spare_ids,
                    numbering: shotboard::model::Numbering::default(),
                    // Frames when the spare ids are odd: both round-trip.
                    durations: if spare_ids % 2 == 1 {
                        shotboard::model::DurationUnit::Frames
                    } else {
                        shotboard::model::DurationUnit::Seconds
                    },
                    plan: Box::new(plan),
                    scenes,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn text_round_trip_is_identity_and_stable(board in board()) {
        let text = store::to_ron_string(&board);
        let loaded = store::from_ron_str(&text, Path::new("prop.ron"))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&loaded, &board);
        prop_assert_eq!(store::to_ron_string(&loaded), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn save_then_load_is_identity(board in board()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prop.ron");
        store::save(&board, &path).unwrap();
        let loaded = store::load(&path).unwrap();
        prop_assert_eq!(loaded.board, board);
    }
}

fn sample_board() -> Board {
    let mut board = Board::new_untitled();
    board.title = "Kitchen".to_owned();
    for i in 0..3u64 {
        let mut panel = Panel::new(PanelId(10 + i));
        panel.action = format!("She opens the fridge.\nIt is empty. \"Again?\" ({i})");
        panel.dialogue = "MARA: Who ate it?".to_owned();
        panel.lens_mm = Some(35);
        panel.duration_ms = Some(1500);
        panel.strokes.push(Stroke {
            tool: Tool::Pen,
            layer: Layer::Ink,
            color: Rgba::BLUE,
            width: 0.004,
            opacity: 1.0,
            points: vec![
                StrokePoint {
                    x: 100,
                    y: 200,
                    pressure: 255,
                },
                StrokePoint {
                    x: 5000,
                    y: 5100,
                    pressure: 128,
                },
            ],
        });
        board.scenes[0].panels.push(panel);
    }
    board.bump_next_id();
    board
}

fn changed_lines(a: &str, b: &str) -> Vec<(String, String)> {
    assert_eq!(a.lines().count(), b.lines().count(), "line count changed");
    a.lines()
        .zip(b.lines())
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (x.to_owned(), y.to_owned()))
        .collect()
}

#[test]
fn saving_an_unchanged_board_twice_gives_byte_identical_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kitchen.ron");
    let board = sample_board();
    store::save(&board, &path).unwrap();
    let first = std::fs::read(&path).unwrap();
    let reloaded = store::load(&path).unwrap().board;
    store::save(&reloaded, &path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first);
    assert!(first.ends_with(b")\n"));
    assert!(!first.contains(&b'\r'), "line ends are \\n on every OS");
}

#[test]
fn changing_one_field_changes_exactly_one_line() {
    let board = sample_board();
    let before = store::to_ron_string(&board);
    type Edit = (&'static str, fn(&mut Board));
    let edits: [Edit; 6] = [
        ("title", |b| b.title = "Pantry".to_owned()),
        ("multi-line action", |b| {
            b.scenes[0].panels[1].action = "Line one\nLine two\n\"quoted\"".to_owned()
        }),
        ("lens", |b| b.scenes[0].panels[2].lens_mm = Some(50)),
        ("status", |b| {
            b.scenes[0].panels[0].status = ReviewStatus::Approved
        }),
        ("duration", |b| {
            b.scenes[0].panels[0].duration_ms = Some(2000)
        }),
        ("stroke point", |b| {
            b.scenes[0].panels[0].strokes[0].points[1].x = 5001
        }),
    ];
    for (what, edit) in edits {
        let mut changed = board.clone();
        edit(&mut changed);
        let after = store::to_ron_string(&changed);
        let diff = changed_lines(&before, &after);
        assert_eq!(diff.len(), 1, "{what}: {diff:#?}");
    }
}

#[test]
fn the_file_reads_like_the_model() {
    let text = store::to_ron_string(&sample_board());
    // A new board skips I and O in shot letters, a setting version 1 did
    // not have, so it is written as version 2.
    assert!(
        text.starts_with("(\n    format_version: 2,\n    title: \"Kitchen\",\n"),
        "{text}"
    );
    assert!(
        text.contains("    numbering: (\n        skip_i_and_o: true,\n    ),\n"),
        "{text}"
    );
    assert!(
        text.contains("action: \"She opens the fridge.\\nIt is empty. \\\"Again?\\\" (0)\","),
        "{text}"
    );
    assert!(
        text.contains("points: \"100,200,255 5000,5100,128\","),
        "{text}"
    );
}

#[test]
fn loading_moves_the_id_counter_past_every_id_in_use() {
    let mut board = sample_board();
    board.next_id = 1;
    let text = store::to_ron_string(&board);
    let loaded = store::from_ron_str(&text, Path::new("k.ron")).unwrap();
    assert_eq!(loaded.next_id, 13);
}
