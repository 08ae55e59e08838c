use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use super::support::{drag, order, sample_harness, selected, settle};

#[test]
fn click_selects_ctrl_toggles_shift_extends() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Panel 1B").click();
    h.run();
    assert_eq!(selected(h.state()), vec![11]);

    h.get_by_label("Panel 2A")
        .click_modifiers(Modifiers::COMMAND);
    h.run();
    assert_eq!(selected(h.state()), vec![11, 13]);

    h.get_by_label("Panel 1B")
        .click_modifiers(Modifiers::COMMAND);
    h.run();
    assert_eq!(selected(h.state()), vec![13]);

    h.get_by_label("Panel 1A").click();
    h.run();
    h.get_by_label("Panel 2A").click_modifiers(Modifiers::SHIFT);
    h.run();
    assert_eq!(selected(h.state()), vec![10, 11, 12, 13]);
}

#[test]
fn arrows_home_end_and_select_all_move_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(selected(h.state()), vec![11]);
    h.key_press(Key::End);
    h.run();
    assert_eq!(selected(h.state()), vec![14]);
    h.key_press(Key::Home);
    h.run();
    assert_eq!(selected(h.state()), vec![10]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    assert_eq!(selected(h.state()).len(), 5);
}

#[test]
fn dragging_a_card_reorders_within_a_scene_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    let from = h.get_by_label("Panel 1A").rect().center();
    let target = h.get_by_label("Panel 1C").rect();
    // Right half of 1C: after it.
    drag(
        &mut h,
        from,
        target.center() + egui::vec2(target.width() * 0.3, 0.0),
    );
    assert_eq!(order(h.state()), vec![vec![11, 12, 10], vec![13, 14]]);
    assert_eq!(h.state().doc.undo_depth(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(order(h.state()), vec![vec![10, 11, 12], vec![13, 14]]);
}

#[test]
fn dragging_selected_cards_moves_them_into_another_scene() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Panel 1A").click();
    h.run();
    h.get_by_label("Panel 1B")
        .click_modifiers(Modifiers::COMMAND);
    h.run();
    let from = h.get_by_label("Panel 1B").rect().center();
    let target = h.get_by_label("Panel 2B").rect();
    // Left half of 2B: before it.
    drag(
        &mut h,
        from,
        target.center() - egui::vec2(target.width() * 0.3, 0.0),
    );
    assert_eq!(order(h.state()), vec![vec![12], vec![13, 10, 11, 14]]);
    assert_eq!(selected(h.state()), vec![10, 11]);
}

#[test]
fn alt_arrows_move_the_selection_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Panel 1C").click();
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run();
    assert_eq!(order(h.state()), vec![vec![10, 11], vec![12, 13, 14]]);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    h.run();
    assert_eq!(order(h.state()), vec![vec![10, 11, 12], vec![13, 14]]);
}

#[test]
fn delete_then_undo_then_redo() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Panel 1B").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(order(h.state()), vec![vec![10, 12], vec![13, 14]]);
    // The next panel is selected so Delete can be pressed again.
    assert_eq!(selected(h.state()), vec![12]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(order(h.state()), vec![vec![10, 11, 12], vec![13, 14]]);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(order(h.state()), vec![vec![10, 12], vec![13, 14]]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(order(h.state()), vec![vec![10, 12], vec![13, 14]]);
}

#[test]
fn duplicate_copy_and_paste_keep_ids_unique() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Panel 2A").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert_eq!(h.state().doc.board().scenes[1].panels.len(), 3);
    h.event(egui::Event::Copy);
    h.run();
    h.get_by_label("Panel 1A").click();
    h.run();
    h.event(egui::Event::Paste(String::new()));
    h.run();
    settle(&mut h);
    let board = h.state().doc.board();
    assert_eq!(board.scenes[0].panels[1].action, "Panel 3");
    let mut ids: Vec<u64> = board.panels().map(|p| p.id.0).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 7);
}

#[test]
fn collapsing_a_scene_hides_its_cards() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Collapse scene 1").click();
    h.run();
    assert!(h.query_by_label("Panel 1A").is_none());
    h.get_by_label("Expand scene 1").click();
    h.run();
    assert!(h.query_by_label("Panel 1A").is_some());
}

#[test]
fn dragging_a_scene_header_reorders_scenes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    let from = h.get_by_label("Scene 2: EXT. STREET - DAY").rect().center();
    let to = h
        .get_by_label("Scene 1: INT. KITCHEN - NIGHT")
        .rect()
        .center()
        - egui::vec2(0.0, 10.0);
    drag(&mut h, from, to);
    let headings: Vec<&str> = h
        .state()
        .doc
        .board()
        .scenes
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    assert_eq!(headings, ["EXT. STREET - DAY", "INT. KITCHEN - NIGHT"]);
    assert_eq!(h.state().doc.undo_label(), Some("Move scene"));
}

#[test]
fn deleting_a_selected_scene_removes_its_panels_and_undo_restores_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Scene 1: INT. KITCHEN - NIGHT").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    // A whole scene goes only once the user says so.
    h.get_by_label("Delete").click();
    h.run();
    assert_eq!(order(h.state()), vec![vec![13, 14]]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(order(h.state()), vec![vec![10, 11, 12], vec![13, 14]]);
}

#[test]
fn card_size_follows_ctrl_plus_and_minus() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    let before = h.get_by_label("Panel 1A").rect().width();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    let bigger = h.get_by_label("Panel 1A").rect().width();
    assert!(bigger > before * 1.1, "{before} -> {bigger}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    let back = h.get_by_label("Panel 1A").rect().width();
    assert!((back - before).abs() < 1.0, "{before} -> {back}");
}

#[test]
fn keyboard_selection_scrolls_far_panels_into_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut board = shotboard::model::Board::default();
    let mut scene = shotboard::model::Scene::new(shotboard::model::SceneId(1), "INT. LONG");
    for i in 0..200 {
        scene
            .panels
            .push(shotboard::model::Panel::new(shotboard::model::PanelId(
                100 + i,
            )));
    }
    board.scenes.push(scene);
    board.bump_next_id();
    let path = super::support::write_board(dir.path(), &board);
    let mut h = super::support::harness(super::support::app(Some(path), Default::default()));
    // Only visible cards exist as widgets.
    assert!(h.query_by_label("Panel 1GR").is_none());
    h.key_press(Key::End);
    h.run();
    let last = h.get_by_label("Panel 1GR");
    assert!(
        last.rect().max.y <= 800.0,
        "scrolled into view: {:?}",
        last.rect()
    );
}

/// One scene of `n` empty panels, ids from 100, saved in `dir`.
fn long_board(dir: &std::path::Path, n: u64, title: &str) -> std::path::PathBuf {
    let mut board = shotboard::model::Board {
        title: title.into(),
        ..Default::default()
    };
    let mut scene = shotboard::model::Scene::new(shotboard::model::SceneId(1), "INT. LONG");
    for i in 0..n {
        scene
            .panels
            .push(shotboard::model::Panel::new(shotboard::model::PanelId(
                100 + i,
            )));
    }
    board.scenes.push(scene);
    board.bump_next_id();
    let path = dir.join(format!("{title}.ron"));
    shotboard::store::save(&board, &path).unwrap();
    path
}

#[test]
fn the_selected_card_stays_in_view_when_the_window_or_the_cards_resize() {
    let dir = tempfile::tempdir().unwrap();
    let path = long_board(dir.path(), 200, "long");
    let mut h = super::support::harness(super::support::app(Some(path), Default::default()));
    // Somewhere in the middle: 60 steps right.
    for _ in 0..60 {
        h.key_press(Key::ArrowRight);
    }
    h.run();
    let focus = shotboard::model::shot_labels(h.state().doc.board())[0][60].to_string();
    let in_view = |h: &egui_kittest::Harness<'_, shotboard::ui::ShotboardApp>, height: f32| {
        h.query_by_label(&format!("Panel {focus}"))
            .is_some_and(|n| n.rect().min.y >= 0.0 && n.rect().max.y <= height)
    };
    assert!(in_view(&h, 800.0));
    h.set_size(egui::vec2(760.0, 800.0));
    h.run();
    h.run();
    assert!(in_view(&h, 800.0), "lost after a narrower window");
    h.set_size(egui::vec2(1900.0, 800.0));
    h.run();
    h.run();
    assert!(in_view(&h, 800.0), "lost after a wider window");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    h.run();
    assert!(in_view(&h, 800.0), "lost after larger cards");
}

#[test]
fn opening_another_board_starts_at_its_selection_not_the_old_scroll_offset() {
    let dir = tempfile::tempdir().unwrap();
    let first = long_board(dir.path(), 200, "first");
    let second = long_board(dir.path(), 200, "second");
    let dialogs = shotboard::ui::ScriptedDialogs {
        open: vec![second],
        ..Default::default()
    };
    let mut h = super::support::harness(super::support::app(Some(first), dialogs));
    h.key_press(Key::End);
    h.run();
    assert!(
        h.query_by_label("Panel 1A").is_none(),
        "scrolled to the end"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    settle(&mut h);
    assert_eq!(h.state().doc.board().title, "second");
    let first_card = h.get_by_label("Panel 1A");
    assert!(first_card.rect().min.y >= 0.0, "{:?}", first_card.rect());
}

#[test]
fn ctrl_wheel_sizes_the_cards_in_small_steps() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    let before = h.state().canvas.card_width;
    // What a few Ctrl+wheel notches add up to in the window's zoom factor.
    h.event(egui::Event::Zoom(2.0));
    h.run();
    let after = h.state().canvas.card_width;
    let step = after / before;
    assert!(step > 1.05 && step < 1.5, "grew {step:.2}×");
    // 520 px is the largest card.
    assert!(after < 520.0, "not straight to the largest");
}

#[test]
fn splitting_a_scene_says_what_happened() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Panel 1B").click();
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut()
        .execute(&ctx, shotboard::ui::AppCommand::SplitScene);
    h.run();
    assert_eq!(order(h.state()), vec![vec![10], vec![11, 12], vec![13, 14]]);
    let notice = h.state().notice_text().unwrap_or_default().to_owned();
    assert!(notice.contains("scene 2 of 3"), "{notice}");
}

#[test]
fn a_tip_says_how_to_start_until_the_user_hides_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    assert!(h.query_by_label_contains("types the action").is_some());
    assert!(h.query_by_label_contains("F5 presents").is_some());
    h.get_by_label("Hide tip").click();
    h.run();
    assert!(h.query_by_label_contains("types the action").is_none());
    assert!(h.state().prefs.hide_start_hint, "remembered");
}
