//! The command table as the user meets it: the palette and the menus it
//! generates.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use shotboard::ui::AppCommand;

use super::support::sample_harness;

fn type_text(h: &mut egui_kittest::Harness<'static, shotboard::ui::ShotboardApp>, text: &str) {
    h.event(egui::Event::Text(text.into()));
    h.run();
}

#[test]
fn the_palette_finds_a_command_by_name_and_runs_it_with_enter() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    assert!(!h.state().shot_list.visible);

    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    assert!(h.state().has_modal(), "Ctrl+K opens the palette");
    type_text(&mut h, "shot li");
    h.key_press(Key::Enter);
    h.run();

    assert!(h.state().shot_list.visible, "Enter ran Shot list");
    assert!(!h.state().has_modal(), "the palette closed");
}

#[test]
fn the_palette_moves_with_arrows_and_matches_letters_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    let width = h.state().canvas.card_width;

    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    // "Larger cards" then "Smaller cards": the second is one arrow down.
    type_text(&mut h, "cards");
    // Each row names its command and its shortcut.
    assert!(h.query_by_label_contains("Larger cards").is_some());
    assert!(h.query_by_label_contains("Smaller cards").is_some());
    let shortcut = AppCommand::ZoomOut.formatted_shortcut(&h.ctx).unwrap();
    assert!(shortcut.starts_with("Ctrl+"), "{shortcut}");
    assert!(h.query_by_label_contains(&shortcut).is_some());
    assert!(
        h.query_by_label_contains("Save As").is_none(),
        "only matches are listed"
    );
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().canvas.card_width < width, "Smaller cards ran");

    // Letters in order find a command whose name has no such substring.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    type_text(&mut h, "dplct");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().doc.board().panel_count(), 6, "Duplicate ran");
}

#[test]
fn escape_closes_the_palette_without_running_anything() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    type_text(&mut h, "delete");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().has_modal());
    assert_eq!(
        h.state().doc.board().panel_count(),
        5,
        "nothing was deleted"
    );
    // The keys are the board's again.
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().doc.board().panel_count(), 4);
}

#[test]
fn a_menu_item_generated_from_the_table_runs_its_command() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("Command palette…").click();
    h.run();
    assert!(h.state().has_modal(), "the palette opened from the menu");
    assert!(h.query_by_label("Command").is_some());
}
