//! A board opened by a bare relative name (`shotboard board.ron`, as the
//! README's `cargo run --release -- my.ron` does) is locked and registered
//! for crash recovery like one opened by its full path.
//!
//! This test changes the process's current folder, so it is the only test
//! in its binary.

use std::path::Path;
use std::time::Duration;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use shotboard::store::{lock, recovery};
use shotboard::ui::ScriptedDialogs;

#[path = "ui/support.rs"]
#[allow(
    dead_code,
    reason = "shared with the GUI tests; only some helpers are used here"
)]
mod support;

#[test]
fn a_board_opened_by_a_bare_name_is_locked_and_offered_after_a_crash_from_anywhere() {
    let folder = tempfile::tempdir().unwrap();
    let folder_path = std::fs::canonicalize(folder.path()).unwrap();
    let data = tempfile::tempdir().unwrap();
    support::write_board(&folder_path, &support::sample_board());
    std::env::set_current_dir(&folder_path).unwrap();

    let mut h = support::harness(support::app_with_data_dir(
        Some(Path::new("board.ron").to_path_buf()),
        ScriptedDialogs::default(),
        data.path().to_path_buf(),
    ));
    let opened = h
        .state()
        .doc
        .path()
        .map(std::path::PathBuf::from)
        .expect("a titled board");
    assert_eq!(opened, folder_path.join("board.ron"), "stored absolute");
    assert!(
        folder_path.join(".board.ron.lock").exists(),
        "the lock beside the board"
    );
    assert_eq!(
        lock::inspect(&folder_path.join("board.ron")),
        lock::LockState::Ours
    );

    // An edit, autosaved: the recovery index must name the board absolutely.
    {
        let s = &mut h.state_mut().safety;
        s.autosave_delay = Duration::ZERO;
        s.autosave_min_interval = Duration::ZERO;
    }
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    h.state_mut().wait_idle(Duration::from_secs(10));
    h.run();
    assert!(recovery::recovery_path(&folder_path.join("board.ron")).exists());
    // The process "crashes": its lock goes with it.
    drop(h);
    let _ = std::fs::remove_file(folder_path.join(".board.ron.lock"));

    // Started again from another folder, the board is offered.
    let elsewhere = tempfile::tempdir().unwrap();
    std::env::set_current_dir(elsewhere.path()).unwrap();
    let found = recovery::list_recovered(data.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].located);
    assert_eq!(found[0].board_file, folder_path.join("board.ron"));

    // An entry an older Shotboard wrote with a relative path and no folder
    // is kept and offered for the user to find, never dropped.
    let legacy = data.path().join("recovery").join("legacy.txt");
    std::fs::write(&legacy, "titled\nb2.ron\n").unwrap();
    let found = recovery::list_recovered(data.path());
    let unlocated: Vec<_> = found.iter().filter(|r| !r.located).collect();
    assert_eq!(unlocated.len(), 1, "{found:?}");
    assert_eq!(unlocated[0].title, "b2.ron");
    assert!(legacy.exists(), "the entry is kept");

    // With the folder it was registered from, a relative entry resolves.
    std::fs::write(
        &legacy,
        format!("titled\nboard.ron\n{}\n", folder_path.display()),
    )
    .unwrap();
    let found = recovery::list_recovered(data.path());
    assert!(
        found
            .iter()
            .all(|r| r.located && r.board_file == folder_path.join("board.ron")),
        "{found:?}"
    );

    // The start-up prompt offers it; restoring opens the board with its
    // recovered changes.
    std::fs::remove_file(&legacy).unwrap();
    let mut h = support::harness(support::app_with_data_dir(
        None,
        ScriptedDialogs::default(),
        data.path().to_path_buf(),
    ));
    h.get_by_label("Restore Sample").click();
    // Opening the board runs as a background job.
    support::settle(&mut h);
    assert_eq!(
        h.state().doc.path(),
        Some(folder_path.join("board.ron").as_path())
    );
    assert_eq!(h.state().doc.board().panel_count(), 4, "the edit came back");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    support::settle(&mut h);
    assert!(!h.state().doc.is_dirty(), "saved where it was opened");
}
