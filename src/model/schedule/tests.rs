//! Hand-worked examples: each number below was counted on paper first.

use super::*;
use crate::model::{Breakdown, PanelId, SceneId, ShootDay};

/// A panel with the given setup facts.
fn shot(id: u64, size: Option<ShotSize>, angle: Option<CameraAngle>, lens: Option<u32>) -> Panel {
    let mut p = Panel::new(PanelId(id));
    p.shot_size = size;
    p.angle = angle;
    p.lens_mm = lens;
    p
}

fn scene(id: u64, heading: &str, panels: Vec<Panel>) -> Scene {
    let mut s = Scene::new(SceneId(id), heading);
    s.panels = panels;
    s
}

#[test]
fn a_setup_is_a_distinct_size_angle_and_lens() {
    use CameraAngle::EyeLevel;
    use ShotSize::{CloseUp, Wide};
    // Wide/eye/24, CU/eye/50, wide/eye/24 again (same setup as the first),
    // CU/eye/85 (new lens), and a continuation panel of that shot with
    // other facts (not a new shot, so no new setup): 3 setups.
    let mut continuation = shot(15, Some(Wide), None, None);
    continuation.new_shot = false;
    let s = scene(
        1,
        "INT. KITCHEN - NIGHT",
        vec![
            shot(11, Some(Wide), Some(EyeLevel), Some(24)),
            shot(12, Some(CloseUp), Some(EyeLevel), Some(50)),
            shot(13, Some(Wide), Some(EyeLevel), Some(24)),
            shot(14, Some(CloseUp), Some(EyeLevel), Some(85)),
            continuation,
        ],
    );
    assert_eq!(setup_count(&s), 3);
    // Setup order: the first setup's shots together.
    assert_eq!(
        setups(&s),
        vec![
            vec![PanelId(11), PanelId(13)],
            vec![PanelId(12)],
            vec![PanelId(14)]
        ]
    );
    assert_eq!(setup_count(&scene(2, "EXT. ROAD", vec![])), 0);
    // Panels without facts are one unspecified setup.
    let bare = scene(
        3,
        "INT. X",
        vec![shot(31, None, None, None), shot(32, None, None, None)],
    );
    assert_eq!(setup_count(&bare), 1);
}

#[test]
fn the_estimate_is_setups_times_minutes_plus_the_adjustment() {
    let mut plan = Plan::default();
    let mut s = scene(
        1,
        "INT. A - DAY",
        vec![
            shot(1, Some(ShotSize::Wide), None, None),
            shot(2, Some(ShotSize::Medium), None, None),
            shot(3, Some(ShotSize::CloseUp), None, None),
        ],
    );
    // 3 setups × the default 20 min = 60.
    assert_eq!(estimate_minutes(&plan, &s), 60);
    plan.minutes_per_setup = 25;
    assert_eq!(estimate_minutes(&plan, &s), 75);
    // The scene's own rate wins: 3 × 30 + 15 = 105.
    s.breakdown.minutes_per_setup = Some(30);
    s.breakdown.adjust_minutes = 15;
    assert_eq!(estimate_minutes(&plan, &s), 105);
    // A cut larger than the estimate is zero, not negative.
    s.breakdown.adjust_minutes = -200;
    assert_eq!(estimate_minutes(&plan, &s), 0);
}

#[test]
fn company_moves_count_changes_of_set() {
    assert_eq!(company_moves::<&str>(&[]), 0);
    assert_eq!(company_moves(&["KITCHEN"]), 0);
    // KITCHEN → kitchen (same) → BARN (move) → BARN → KITCHEN (move).
    assert_eq!(
        company_moves(&["KITCHEN", "kitchen ", "BARN", "BARN", "KITCHEN"]),
        2
    );
}

#[test]
fn dood_codes_mark_start_work_finish_and_holds() {
    use DoodCode::*;
    let codes = |w: &[u8]| -> Vec<&str> {
        dood_codes(&w.iter().map(|x| *x == 1).collect::<Vec<_>>())
            .into_iter()
            .map(|c| c.map_or("", DoodCode::code))
            .collect()
    };
    assert_eq!(codes(&[0, 1, 0, 1, 1, 0]), ["", "SW", "H", "W", "WF", ""]);
    assert_eq!(codes(&[0, 0, 1, 0]), ["", "", "SWF", ""]);
    assert_eq!(codes(&[1, 1]), ["SW", "WF"]);
    assert_eq!(codes(&[0, 0]), ["", ""]);
    assert_eq!(dood_codes(&[true, false, true])[1], Some(Hold));
    assert_eq!(StartWorkFinish.code(), "SWF");
}

/// Three scenes over two days:
/// - 1 `INT. KITCHEN - NIGHT`: RUTH and DANIEL speak; 2 setups.
/// - 2 `EXT. BARN - DAY`: DANIEL speaks, SHERIFF added by hand; 1 setup,
///   30 min adjustment.
/// - 3 `INT. KITCHEN - DAY`: RUTH speaks; 1 setup.
fn planned_board() -> Board {
    let mut s1 = scene(
        1,
        "INT. KITCHEN - NIGHT",
        vec![
            shot(11, Some(ShotSize::Wide), None, None),
            shot(12, Some(ShotSize::CloseUp), None, None),
        ],
    );
    s1.panels[0].dialogue = "RUTH\n(quietly)\nYou came.\n\nDANIEL (O.S.)\nI did.".into();
    let mut s2 = scene(2, "EXT. BARN - DAY", vec![shot(21, None, None, None)]);
    s2.panels[0].dialogue = "Daniel: Open up!".into();
    s2.breakdown = Box::new(Breakdown {
        cast: vec!["Sheriff".into()],
        adjust_minutes: 30,
        ..Breakdown::default()
    });
    let mut s3 = scene(3, "INT. KITCHEN - DAY", vec![shot(31, None, None, None)]);
    s3.panels[0].dialogue = "RUTH\nMorning.".into();
    let mut board = Board {
        scenes: vec![s1, s2, s3],
        ..Board::default()
    };
    board.plan.days = vec![
        ShootDay {
            scenes: vec![SceneId(1), SceneId(2), SceneId(3)],
            ..ShootDay::default()
        },
        ShootDay::default(),
    ];
    board
}

#[test]
fn speakers_come_from_dialogue_cues_and_cast_adds_manual_names() {
    let board = planned_board();
    assert_eq!(speakers(&board.scenes[0]), ["RUTH", "DANIEL"]);
    assert_eq!(cast(&board.scenes[1]), ["DANIEL", "SHERIFF"]);
    // A line of speech that happens to hold a colon is not a cue.
    let mut s = scene(9, "INT. X", vec![shot(91, None, None, None)]);
    s.panels[0].dialogue = "We leave at dawn: all of us, every one.".into();
    assert!(speakers(&s).is_empty());
}

#[test]
fn day_totals_add_estimates_moves_and_cast() {
    let mut board = planned_board();
    let day = day_totals(&board, 0);
    // Setups 2 + 1 + 1 = 4; minutes 40 + (20 + 30) + 20 = 110.
    assert_eq!(day.setups, 4);
    assert_eq!(day.minutes, 110);
    assert_eq!(day.day_minutes, 600);
    assert!(!day.over_long());
    // KITCHEN → BARN → KITCHEN: two moves.
    assert_eq!(day.company_moves, 2);
    assert_eq!(day.cast, ["RUTH", "DANIEL", "SHERIFF"]);
    // A 100-minute day is over-long.
    board.plan.days[0].day_minutes = Some(100);
    assert!(day_totals(&board, 0).over_long());
    // The empty second day, and a day past the end, total nothing.
    assert_eq!(day_totals(&board, 1).minutes, 0);
    assert_eq!(day_totals(&board, 7).scenes, Vec::<SceneId>::new());
}

#[test]
fn day_out_of_days_over_the_plan() {
    let mut board = planned_board();
    // Day 1: scene 1 (RUTH, DANIEL). Day 2: scene 2 (DANIEL, SHERIFF).
    // Day 3: scene 3 (RUTH).
    board.plan.days = [1, 2, 3]
        .map(|id| ShootDay {
            scenes: vec![SceneId(id)],
            ..ShootDay::default()
        })
        .to_vec();
    let rows: Vec<(String, Vec<&str>, usize, usize)> = day_out_of_days(&board)
        .into_iter()
        .map(|r| {
            let codes = r
                .codes
                .iter()
                .map(|c| c.map_or("", DoodCode::code))
                .collect();
            (r.name, codes, r.work_days, r.hold_days)
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("RUTH".to_owned(), vec!["SW", "H", "WF"], 2, 1),
            ("DANIEL".to_owned(), vec!["SW", "WF", ""], 2, 0),
            ("SHERIFF".to_owned(), vec!["", "SWF", ""], 1, 0),
        ]
    );
}

#[test]
fn unscheduled_scenes_and_missing_ones() {
    let mut board = planned_board();
    board.plan.days[0].scenes = vec![SceneId(2), SceneId(99)];
    assert_eq!(unscheduled(&board), [SceneId(1), SceneId(3)]);
    // Scene 99 is gone from the board: skipped, not counted.
    assert_eq!(day_totals(&board, 0).scenes, [SceneId(2)]);
    // The whole board: 40 + 50 + 20.
    assert_eq!(board_estimate_minutes(&board), 110);
}

#[test]
fn moving_a_scene_takes_it_off_its_old_day() {
    let board = planned_board();
    let plan = board.plan.with_scene_moved(SceneId(1), Some(1), 0);
    assert_eq!(plan.days[0].scenes, [SceneId(2), SceneId(3)]);
    assert_eq!(plan.days[1].scenes, [SceneId(1)]);
    let plan = plan.with_scene_moved(SceneId(3), Some(0), 0);
    assert_eq!(plan.days[0].scenes, [SceneId(3), SceneId(2)]);
    let plan = plan.with_scene_moved(SceneId(2), None, 0);
    assert_eq!(plan.days[0].scenes, [SceneId(3)]);
    assert_eq!(plan.day_of(SceneId(2)), None);
}

#[test]
fn breakdown_overrides_what_the_heading_says() {
    let mut s = scene(1, "INT. KITCHEN - NIGHT", vec![]);
    assert_eq!(int_ext(&s), Some(IntExt::Int));
    assert_eq!(time_of_day(&s), Some(TimeOfDay::Night));
    assert_eq!(set_name(&s), "KITCHEN");
    s.breakdown.time_of_day = Some(TimeOfDay::Dusk);
    s.location = "Stage 4".into();
    assert_eq!(time_of_day(&s), Some(TimeOfDay::Dusk));
    assert_eq!(set_name(&s), "Stage 4");
}

#[test]
fn page_eighths_only_for_scenes_from_a_script() {
    let mut s = scene(1, "INT. A - DAY", vec![shot(1, None, None, None)]);
    s.panels[0].action = "She waits.".into();
    assert_eq!(page_eighths(&s), None);
    s.script_heading = Some(1);
    // Heading + blank (2) + one action line + blank (2) = 4 lines:
    // 4 × 8 / 55 rounds up to 1 eighth.
    assert_eq!(page_eighths(&s), Some(1));
    // 53 more one-line paragraphs: 4 + 106 = 110 lines = 2 pages exactly.
    s.panels[0].action = vec!["Line."; 54].join("\n\n");
    assert_eq!(page_eighths(&s), Some(16));
    assert_eq!(eighths_label(16), "2");
    assert_eq!(eighths_label(3), "3/8");
    assert_eq!(eighths_label(11), "1 3/8");
}

#[test]
fn runtime_budgets_read_as_over_or_under() {
    assert_eq!(runtime_text(92_000), "1:32");
    assert_eq!(runtime_text(3_725_000), "1:02:05");
    assert_eq!(budget_text(92_000, None), "1:32");
    assert_eq!(
        budget_text(92_000, Some(120_000)),
        "1:32 of 2:00 (0:28 under)"
    );
    assert_eq!(
        budget_text(130_000, Some(120_000)),
        "2:10 of 2:00 (0:10 over)"
    );
    assert_eq!(
        budget_text(120_000, Some(120_000)),
        "2:00 of 2:00 (on target)"
    );
    assert_eq!(target_suffix(92_000, None), "");
    assert_eq!(
        target_suffix(92_000, Some(120_000)),
        " · target 2:00, 0:28 under"
    );
    assert_eq!(minutes_text(460), "7 h 40 min");
    assert_eq!(minutes_text(45), "45 min");
    assert_eq!(minutes_text(120), "2 h");
}
