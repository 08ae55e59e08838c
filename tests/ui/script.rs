//! Scripts from the app: Final Draft import, and "Update from script"
//! through its review window.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shotboard::model::Board;
use shotboard::ui::{AppCommand, ScriptedDialogs, ShotboardApp};

use super::support::{app, harness, settle, write_board};

const DRAFT_1: &str =
    "INT. KITCHEN - NIGHT #1#\n\nRuth rinses a plate.\n\nEXT. STREET - DAY #2#\n\nA bus passes.\n";
/// Draft 2: scene 1's action changed, scene 3 new.
const DRAFT_2: &str = "INT. KITCHEN - NIGHT #1#\n\nRuth drops a plate.\n\nEXT. STREET - DAY #2#\n\nA bus passes.\n\nINT. CAR - NIGHT #3#\n\nShe drives away.\n";

/// A board imported from draft 1 (optionally touched by `edit`), saved in
/// `dir`, and draft 2 beside it; the app asked to update from it, with
/// the review open.
fn review_open(dir: &Path, edit: impl FnOnce(&mut Board)) -> Harness<'static, ShotboardApp> {
    let mut board = shotboard::import::screenplay::board_from_fountain(DRAFT_1)
        .unwrap()
        .board;
    edit(&mut board);
    let path = write_board(dir, &board);
    let script = dir.join("draft2.fountain");
    std::fs::write(&script, DRAFT_2).unwrap();
    let mut h = harness(app(Some(path), scripted(script)));
    let ctx = h.ctx.clone();
    h.state_mut().execute(&ctx, AppCommand::UpdateFromScript);
    settle(&mut h);
    assert!(
        h.query_by_label("Apply update").is_some(),
        "the review window is open"
    );
    h
}

fn scripted(path: PathBuf) -> ScriptedDialogs {
    ScriptedDialogs {
        open: vec![path],
        ..Default::default()
    }
}

#[test]
fn an_update_accepted_in_the_review_is_one_undo_step_that_restores_the_board_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = review_open(dir.path(), |_| {});
    let before = h.state().doc.board().clone();
    // Nothing changes while the review is open.
    assert_eq!(before.scenes.len(), 2);

    h.get_by_label("Accept all").click();
    h.run();
    h.get_by_label("Apply update").click();
    settle(&mut h);

    let board = h.state().doc.board();
    assert_eq!(board.scenes.len(), 3);
    assert_eq!(board.scenes[0].panels[0].action, "Ruth drops a plate.");
    assert_eq!(board.scenes[2].heading, "INT. CAR - NIGHT");
    assert_eq!(h.state().doc.undo_label(), Some("Update from script"));
    assert!(
        h.query_by_label("Apply update").is_none(),
        "the review closed"
    );

    let ctx = h.ctx.clone();
    h.state_mut().execute(&ctx, AppCommand::Undo);
    settle(&mut h);
    // Ids handed out are never handed out again, so only the id counter
    // stays ahead; everything else is as it was.
    let mut after = h.state().doc.board().clone();
    assert!(after.next_id >= before.next_id);
    after.next_id = before.next_id;
    assert_eq!(after, before);
}

#[test]
fn a_scene_rejected_in_the_review_keeps_its_words_while_the_others_update() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = review_open(dir.path(), |_| {});

    h.get_by_label_contains("Changed: 1 INT. KITCHEN").click();
    h.run();
    h.get_by_label("Apply update").click();
    settle(&mut h);

    let board = h.state().doc.board();
    assert_eq!(board.scenes[0].panels[0].action, "Ruth rinses a plate.");
    assert_eq!(board.scenes.len(), 3, "the new scene was still accepted");
}

#[test]
fn text_edited_by_hand_is_kept_unless_the_review_says_overwrite() {
    let hand = |board: &mut Board| {
        // Close enough to the script's paragraph to stay its panel.
        board.scenes[0].panels[0].action = "Ruth rinses a plate, slowly.".into();
    };
    let dir = tempfile::tempdir().unwrap();
    let mut h = review_open(dir.path(), hand);
    assert!(h.query_by_label_contains("edited by hand: kept").is_some());
    h.get_by_label("Apply update").click();
    settle(&mut h);
    assert_eq!(
        h.state().doc.board().scenes[0].panels[0].action,
        "Ruth rinses a plate, slowly."
    );

    let dir = tempfile::tempdir().unwrap();
    let mut h = review_open(dir.path(), hand);
    h.get_by_label_contains("Overwrite the hand edit of")
        .click();
    h.run();
    h.get_by_label("Apply update").click();
    settle(&mut h);
    assert_eq!(
        h.state().doc.board().scenes[0].panels[0].action,
        "Ruth drops a plate."
    );
}

#[test]
fn cancelling_the_review_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = review_open(dir.path(), |_| {});
    let before = h.state().doc.board().clone();
    h.get_by_label("Cancel").click();
    settle(&mut h);
    assert_eq!(h.state().doc.board(), &before);
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn a_final_draft_script_imported_from_the_app_appends_its_scenes() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &super::support::sample_board());
    let script = dir.path().join("pilot.fdx");
    std::fs::write(
        &script,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<FinalDraft DocumentType="Script" Version="5"><Content>
<Paragraph Number="7" Type="Scene Heading"><Text>INT. LIGHTHOUSE - NIGHT</Text></Paragraph>
<Paragraph Type="Action"><Text>Mara climbs the stairs.</Text></Paragraph>
<Paragraph Type="Character"><Text>MARA</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>Almost there.</Text></Paragraph>
</Content></FinalDraft>
"#,
    )
    .unwrap();
    let mut h = harness(app(Some(path), scripted(script)));
    let ctx = h.ctx.clone();
    h.state_mut().execute(&ctx, AppCommand::ImportScript);
    settle(&mut h);

    let board = h.state().doc.board();
    assert_eq!(board.scenes.len(), 3);
    let scene = &board.scenes[2];
    assert_eq!(scene.heading, "INT. LIGHTHOUSE - NIGHT");
    assert_eq!(scene.number.as_deref(), Some("7"));
    assert_eq!(scene.panels[0].action, "Mara climbs the stairs.");
    assert!(scene.panels[0].dialogue.contains("Almost there."));
    assert_eq!(h.state().doc.undo_label(), Some("Import script"));
}

#[test]
fn locking_the_numbers_is_an_undoable_command_and_the_inspector_shows_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = super::support::sample_harness(dir.path());
    let ctx = h.ctx.clone();
    h.state_mut().execute(&ctx, AppCommand::LockNumbering);
    h.run();
    assert!(h.state().doc.board().numbering.lock.is_some());
    h.get_by_label("Scene 1: INT. KITCHEN - NIGHT").click();
    h.run();
    assert!(h.query_by_label("Numbers locked").is_some());

    // The same command unlocks; each is one undo step.
    h.state_mut().execute(&ctx, AppCommand::LockNumbering);
    h.run();
    assert!(h.state().doc.board().numbering.lock.is_none());
    assert!(h.query_by_label("Numbers locked").is_none());
    h.state_mut().execute(&ctx, AppCommand::Undo);
    h.run();
    assert!(h.state().doc.board().numbering.lock.is_some());
    h.state_mut().execute(&ctx, AppCommand::Undo);
    h.run();
    assert!(h.state().doc.board().numbering.lock.is_none());
}

#[test]
fn a_watched_script_saved_again_offers_the_update_and_the_review_opens_from_the_notice() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = review_open(dir.path(), |_| {});
    h.get_by_label("Watch this script and offer the update when it changes")
        .click();
    h.run();
    h.get_by_label("Apply update").click();
    settle(&mut h);
    let script = dir.path().join("draft2.fountain");
    let board = h.state().doc.path().unwrap().to_path_buf();
    assert_eq!(
        h.state().prefs.linked_scripts.get(&board),
        Some(&script),
        "the board is linked to its script"
    );
    assert!(h.query_by_label("Update…").is_none());

    // The writer saves draft 3; the notice comes up without blocking.
    std::fs::write(
        &script,
        DRAFT_2.replace("She drives away.", "She drives off."),
    )
    .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while h.query_by_label("Update…").is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run();
    }
    h.get_by_label("Update…").click();
    settle(&mut h);
    h.get_by_label("Apply update").click();
    settle(&mut h);
    assert_eq!(
        h.state().doc.board().scenes[2].panels[0].action,
        "She drives off."
    );
}

#[test]
fn the_shot_numbering_scheme_is_chosen_in_board_settings_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = super::support::write_board(dir.path(), &super::support::sample_board());
    let mut h = super::support::harness(super::support::app(
        Some(board_file),
        shotboard::ui::ScriptedDialogs::default(),
    ));
    assert!(h.query_by_label("Panel 1B").is_some());
    h.get_by_label("Board settings").scroll_to_me();
    h.run();
    h.get_by_label("Board settings").click();
    h.run();
    h.get_by_label("Shot numbers").scroll_to_me();
    h.run();
    h.get_by_label("Shot numbers").click();
    h.run();
    h.get_by_label("1-1, 1-2").click();
    h.run();
    assert!(
        h.query_by_label("Panel 1-2").is_some(),
        "shots renumbered 1-1, 1-2"
    );
    assert_eq!(h.state().doc.undo_label(), Some("Number shots 1-1, 1-2"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.query_by_label("Panel 1B").is_some(), "one undo step back");
}

#[test]
fn a_board_is_switched_to_count_frames_in_board_settings_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = super::support::write_board(dir.path(), &super::support::sample_board());
    let mut h = super::support::harness(super::support::app(
        Some(board_file),
        shotboard::ui::ScriptedDialogs::default(),
    ));
    h.get_by_label("Board settings").scroll_to_me();
    h.run();
    h.get_by_label("Board settings").click();
    h.run();
    h.get_by_label("Durations in").scroll_to_me();
    h.run();
    h.get_by_label("Durations in").click();
    h.run();
    h.get_by_label("Frames").click();
    h.run();
    assert_eq!(
        h.state().doc.board().durations,
        shotboard::model::DurationUnit::Frames
    );
    assert_eq!(h.state().doc.undo_label(), Some("Show durations in frames"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.board().durations,
        shotboard::model::DurationUnit::Seconds
    );
}
