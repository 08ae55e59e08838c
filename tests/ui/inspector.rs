use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use shotboard::model::{PanelId, ReviewStatus};

use super::support::sample_harness;

#[test]
fn typing_into_action_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Panel 1B").click();
    h.run();
    // Enter on the canvas puts the cursor in the action field.
    h.key_press(Key::Enter);
    h.run();
    assert!(h.get_by_label("Action").is_focused());
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Action").type_text("She opens the fridge.");
    h.run();
    assert_eq!(
        h.state().doc.board().panel(PanelId(11)).unwrap().action,
        "She opens the fridge."
    );
    assert_eq!(h.state().doc.undo_depth(), 1);
    assert_eq!(h.state().doc.undo_label(), Some("Edit action"));

    // Esc goes back to the canvas; undo restores the text in one step.
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.board().panel(PanelId(11)).unwrap().action,
        "Panel 1"
    );
    assert!(h.state().doc.undo_label().is_none());
}

#[test]
fn setting_status_on_a_multi_selection_sets_all_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Panel 1A").click();
    h.run();
    h.get_by_label("Panel 2B").click_modifiers(Modifiers::SHIFT);
    h.run();
    assert!(h.query_by_label("5 panels selected").is_some());
    h.get_by_label("Approved").click();
    h.run();
    let board = h.state().doc.board();
    assert!(board.panels().all(|p| p.status == ReviewStatus::Approved));
    assert_eq!(h.state().doc.undo_depth(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state()
            .doc
            .board()
            .panels()
            .all(|p| p.status == ReviewStatus::Draft)
    );
}

#[test]
fn mixed_text_shows_as_mixed_and_typing_sets_every_panel() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Panel 1A").click();
    h.run();
    h.get_by_label("Panel 1B")
        .click_modifiers(Modifiers::COMMAND);
    h.run();
    h.get_by_label("Notes").focus();
    h.run();
    h.get_by_label("Notes").type_text("pickup");
    h.run();
    let board = h.state().doc.board();
    assert_eq!(board.panel(PanelId(10)).unwrap().notes, "pickup");
    assert_eq!(board.panel(PanelId(11)).unwrap().notes, "pickup");
    assert_eq!(board.panel(PanelId(12)).unwrap().notes, "");
}

#[test]
fn a_scene_header_selects_the_scene_for_editing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Scene 2: EXT. STREET - DAY").click();
    h.run();
    h.get_by_label("Location").focus();
    h.run();
    h.get_by_label("Location").type_text("Main Street");
    h.run();
    assert_eq!(h.state().doc.board().scenes[1].location, "Main Street");
}

#[test]
fn choosing_a_shot_size_sets_it_and_none_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Panel 1C").click();
    h.run();
    h.get_by_label("Shot size").click();
    h.run();
    h.get_by_label("Close-up").click();
    h.run();
    let shot_size = |h: &egui_kittest::Harness<'_, shotboard::ui::ShotboardApp>| {
        h.state().doc.board().panel(PanelId(12)).unwrap().shot_size
    };
    assert_eq!(shot_size(&h), Some(shotboard::model::ShotSize::CloseUp));
    assert_eq!(h.state().doc.undo_label(), Some("Set shot size"));
    h.get_by_label("Shot size").click();
    h.run();
    h.get_by_label("—").click();
    h.run();
    assert_eq!(shot_size(&h), None);
}

#[test]
fn enter_puts_the_caret_at_the_end_of_the_action_not_where_it_was_last() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Panel 1A").click();
    h.run();
    // A click at the very start of 1A's action leaves the caret there.
    let field = h.get_by_label("Action").rect();
    super::support::click_at(&mut h, field.min + egui::vec2(3.0, 8.0));
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("Panel 1B").click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Action").type_text(" She waits.");
    h.run();
    assert_eq!(
        h.state().doc.board().panel(PanelId(11)).unwrap().action,
        "Panel 1 She waits."
    );
}
