//! File → Snapshots… and the compare window, driven as a user would.

use egui_kittest::kittest::Queryable as _;
use shotboard::ui::ScriptedDialogs;

use super::support::{app, harness, sample_board, settle, write_board};

fn open_snapshots(h: &mut egui_kittest::Harness<'static, shotboard::ui::ShotboardApp>) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Snapshots…").click();
    settle(h);
}

#[test]
fn a_snapshot_kept_from_the_window_is_listed_compared_and_restored_in_place_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(path.clone()), ScriptedDialogs::default()));
    let before = h.state().doc.board().clone();

    open_snapshots(&mut h);
    assert!(h.query_by_label("No snapshots yet.").is_some());
    h.get_by_label("Name").click();
    h.run();
    h.get_by_label("Name").type_text("before notes");
    h.run();
    h.get_by_label("Save snapshot").click();
    settle(&mut h);
    assert!(h.query_by_label("before notes").is_some(), "listed");
    assert!(shotboard::store::list_snapshots(&path).unwrap().len() == 1);

    // Change the board: delete a panel.
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press(egui::Key::Delete);
    h.run();
    assert_eq!(h.state().doc.board().panel_count(), 4);

    h.get_by_label("Compare").click();
    settle(&mut h);
    let lines = h
        .state()
        .comparison_lines()
        .expect("compare window open")
        .to_vec();
    assert!(
        lines.iter().any(|l| l.contains("removed")),
        "the deleted panel is named: {lines:?}"
    );

    h.get_by_label("Restore").click();
    settle(&mut h);
    assert_eq!(*h.state().doc.board(), before, "restore is exact");
    assert_eq!(
        h.state().doc.undo_label(),
        Some("Restore snapshot “before notes”")
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.board().panel_count(), 4, "one undo step back");
}

#[test]
fn a_snapshot_restored_as_a_copy_is_a_new_board_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    shotboard::store::save_snapshot(&sample_board(), &path, "v1").unwrap();
    let copy = dir.path().join("board v1 copy.ron");
    let dialogs = ScriptedDialogs {
        save: vec![copy.clone()],
        ..Default::default()
    };
    let mut h = harness(app(Some(path), dialogs));
    open_snapshots(&mut h);
    h.get_by_label("Restore as copy…").click();
    settle(&mut h);
    let loaded = shotboard::store::load(&copy).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.board.panel_count(), sample_board().panel_count());
}

#[test]
fn an_untitled_board_is_told_to_save_before_keeping_snapshots() {
    let mut h = harness(app(None, ScriptedDialogs::default()));
    open_snapshots(&mut h);
    assert!(h.query_by_label_contains("Save the board first").is_some());
}

#[test]
fn compare_with_another_board_lists_what_differs() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let mut other = sample_board();
    other.scenes[1].heading = "EXT. HARBOUR - DAWN".into();
    let other_dir = dir.path().join("other folder");
    std::fs::create_dir(&other_dir).unwrap();
    let other_path = write_board(&other_dir, &other);
    let dialogs = ScriptedDialogs {
        open: vec![other_path],
        ..Default::default()
    };
    let mut h = harness(app(Some(path), dialogs));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Compare with another board…")
        .click();
    settle(&mut h);
    let lines = h.state().comparison_lines().expect("compare window open");
    assert!(
        lines.iter().any(|l| l.contains("HARBOUR")),
        "the changed heading is named: {lines:?}"
    );
}
