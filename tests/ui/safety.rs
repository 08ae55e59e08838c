//! Never lose work, in the app: the recovery prompt, autosave, crashed
//! sessions, a second instance, outside changes, failing saves and the
//! image clean-up, driven through the real app.

use std::path::Path;
use std::time::Duration;

use egui::{Key, Modifiers, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use shotboard::model::{AssetPath, Board, Panel, PanelId};
use shotboard::store::{self, lock, recovery};
use shotboard::ui::{ScriptedDialogs, ShotboardApp};

use crate::processes::{OtherProcess, ended_pid};

use super::support::{app, app_with_data_dir, harness, sample_board, settle, write_board};

/// The sample board with panel 10's action changed and a panel added.
fn edited_board() -> Board {
    let mut b = sample_board();
    b.scenes[0].panels[0].action = "Recovered words".into();
    let mut p = Panel::new(PanelId(99));
    p.action = "Recovered panel".into();
    b.scenes[1].panels.push(p);
    b.bump_next_id();
    b
}

/// Autosave and checks without waiting seconds.
fn quick(h: &mut Harness<'static, ShotboardApp>) {
    let s = &mut h.state_mut().safety;
    s.autosave_delay = Duration::ZERO;
    s.autosave_min_interval = Duration::ZERO;
    s.external_check_interval = Duration::from_millis(1);
}

/// Another program saves `changed_on_disk()` over `path`; returns once the
/// app's file watcher has heard of it and the app has had frames to react.
fn save_from_outside(h: &mut Harness<'static, ShotboardApp>, path: &Path) {
    store::save(&changed_on_disk(), path).unwrap();
    assert!(
        h.state()
            .safety
            .wait_for_outside_change(Duration::from_secs(10)),
        "the watcher saw the save"
    );
    settle(h);
}

/// Date `path`'s modification time `secs` seconds back, so a file written
/// next counts as newer without waiting for the clock to move.
fn make_older(path: &Path, secs: u64) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(secs))
        .unwrap();
}

fn delete_first_panel(h: &mut Harness<'static, ShotboardApp>) {
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
}

#[test]
fn a_newer_recovery_copy_is_offered_compared_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    make_older(&path, 60);
    recovery::write_recovery(&edited_board(), &path).unwrap();

    let mut h = harness(app(Some(path.clone()), ScriptedDialogs::default()));
    assert!(h.query_by_label("Unsaved changes were recovered").is_some());
    // Nothing changes until the user chooses.
    assert_eq!(*h.state().doc.board(), sample_board());
    assert!(recovery::recovery_path(&path).exists());

    h.get_by_label("Compare").click();
    h.run();
    assert!(h.query_by_label("• 1 panel added").is_some());
    assert!(h.query_by_label("• 1 panel changed").is_some());

    h.get_by_label("Restore").click();
    h.run();
    assert!(!h.state().has_modal());
    assert_eq!(*h.state().doc.board(), edited_board());
    assert!(h.state().doc.is_dirty());
    // The recovery copy stays until a clean save.
    assert!(recovery::recovery_path(&path).exists());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    settle(&mut h);
    assert!(!recovery::recovery_path(&path).exists());
    assert_eq!(store::load(&path).unwrap().board, edited_board());
}

#[test]
fn opening_the_saved_version_instead_removes_the_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    make_older(&path, 60);
    recovery::write_recovery(&edited_board(), &path).unwrap();
    let mut h = harness(app(Some(path.clone()), ScriptedDialogs::default()));
    h.get_by_label("Open saved version").click();
    h.run();
    assert_eq!(*h.state().doc.board(), sample_board());
    assert!(!h.state().doc.is_dirty());
    assert!(!recovery::recovery_path(&path).exists());
}

#[test]
fn edits_are_autosaved_to_a_recovery_copy_and_a_save_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(path.clone()), ScriptedDialogs::default()));
    quick(&mut h);
    delete_first_panel(&mut h);
    settle(&mut h);

    let copy = recovery::read_recovery(&path)
        .unwrap()
        .expect("a recovery copy");
    assert_eq!(copy, *h.state().doc.board());
    assert_eq!(copy.panel_count(), 4);
    // The board file itself is untouched.
    assert_eq!(store::load(&path).unwrap().board, sample_board());

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(!recovery::recovery_path(&path).exists());
}

#[test]
fn autosave_waits_for_quiet_and_is_spaced_out_but_focus_loss_flushes() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(path.clone()), ScriptedDialogs::default()));
    {
        let s = &mut h.state_mut().safety;
        s.autosave_delay = Duration::from_secs(60);
        s.autosave_min_interval = Duration::from_secs(60);
    }
    delete_first_panel(&mut h);
    settle(&mut h);
    assert!(
        !recovery::recovery_path(&path).exists(),
        "written before the edits went quiet"
    );

    // Losing focus writes at once...
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .focused = Some(false);
    settle(&mut h);
    let first = recovery::read_recovery(&path)
        .unwrap()
        .expect("written on focus loss");
    assert_eq!(first.panel_count(), 4);

    // ...but not again within the minimum interval, however many edits.
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .focused = Some(true);
    h.state_mut().safety.autosave_delay = Duration::ZERO;
    delete_first_panel(&mut h);
    settle(&mut h);
    assert_eq!(recovery::read_recovery(&path).unwrap().unwrap(), first);

    // Once the interval has passed, the newest state is written.
    h.state_mut().safety.autosave_min_interval = Duration::ZERO;
    settle(&mut h);
    let second = recovery::read_recovery(&path).unwrap().unwrap();
    assert_eq!(second.panel_count(), 3);
}

#[test]
fn discarding_changes_removes_the_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(path.clone()), ScriptedDialogs::default()));
    quick(&mut h);
    delete_first_panel(&mut h);
    settle(&mut h);
    assert!(recovery::recovery_path(&path).exists());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Discard").click();
    settle(&mut h);
    assert!(!recovery::recovery_path(&path).exists());
    assert!(h.state().doc.path().is_none());
}

/// A small green PNG.
fn green_png() -> Vec<u8> {
    let img = image::RgbaImage::from_pixel(8, 6, image::Rgba([0, 128, 0, 255]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[test]
fn a_crashed_untitled_board_is_offered_at_start_with_its_images() {
    let data = tempfile::tempdir().unwrap();
    let staging = data
        .path()
        .join("untitled")
        .join("4242-0")
        .join("untitled.ron");
    let asset: AssetPath = store::import_image_bytes(&staging, &green_png(), "png").unwrap();
    let mut lost = sample_board();
    lost.title = "Night shoot".into();
    lost.scenes[0].panels[0].image = Some(asset);
    recovery::write_recovery(&lost, &staging).unwrap();
    recovery::register(data.path(), &staging, true).unwrap();

    let mut h = harness(app_with_data_dir(
        None,
        ScriptedDialogs::default(),
        data.path().to_path_buf(),
    ));
    assert!(h.query_by_label("Recovered boards").is_some());
    h.get_by_label("Restore Night shoot").click();
    h.run();
    let doc = &h.state().doc;
    assert_eq!(*doc.board(), lost);
    assert!(doc.is_dirty(), "a recovered board still needs saving");
    assert!(
        doc.problems().is_empty(),
        "its image is found: {:?}",
        doc.problems()
    );
}

#[test]
fn restoring_a_crashed_titled_board_at_start_does_not_ask_a_second_time() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    make_older(&path, 60);
    recovery::write_recovery(&edited_board(), &path).unwrap();
    recovery::register(data.path(), &path, false).unwrap();

    let mut h = harness(app_with_data_dir(
        None,
        ScriptedDialogs::default(),
        data.path().to_path_buf(),
    ));
    h.get_by_label("Restore Sample").click();
    // The board opens in a background job, its changes restored without
    // a second question.
    settle(&mut h);
    assert_eq!(h.state().doc.path(), Some(path.as_path()));
    assert!(
        h.query_by_label("Open saved version").is_none(),
        "asked twice"
    );
    assert_eq!(*h.state().doc.board(), edited_board());
    // The saved version is one Undo away.
    assert!(h.state().doc.undo_label().is_some());
}

#[test]
fn a_board_open_in_another_live_instance_warns_and_cancel_does_not_open_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let mut other = OtherProcess::start();
    other.open_board(&path);

    let mut h = harness(app(Some(path.clone()), ScriptedDialogs::default()));
    assert!(
        h.query_by_label("This board is open in another Shotboard")
            .is_some()
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().doc.path().is_none());

    // Opening anyway takes the lock over.
    let mut h = harness(app(Some(path.clone()), ScriptedDialogs::default()));
    h.get_by_label("Open anyway").click();
    h.run();
    assert_eq!(h.state().doc.path(), Some(path.as_path()));
    assert_eq!(lock::inspect(&path), lock::LockState::Ours);
    drop(other);
}

#[test]
fn a_board_held_elsewhere_opens_read_only_refuses_edits_and_follows_its_saves() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let mut other = OtherProcess::start();
    other.open_board(&path);
    let copy = dir.path().join("my copy.ron");
    let dialogs = ScriptedDialogs {
        save: vec![copy.clone(), path.clone()], // Popped from the end.
        ..ScriptedDialogs::default()
    };
    let mut h = harness(app(Some(path.clone()), dialogs));
    quick(&mut h);
    h.get_by_label("Open read-only").click();
    h.run();
    assert!(h.state().doc.is_read_only());
    assert!(h.state().doc.window_title().contains("(read-only)"));
    assert!(
        h.query_by_label("Read-only").is_some(),
        "status bar says so"
    );
    assert!(
        h.get_by_label("+ Panel").accesskit_node().is_disabled(),
        "no button offers an edit"
    );
    assert!(
        matches!(lock::inspect(&path), lock::LockState::Live(_)),
        "still theirs"
    );

    // Edits are refused, by key and by command, and say why.
    delete_first_panel(&mut h);
    let ctx = h.ctx.clone();
    h.state_mut()
        .execute(&ctx, shotboard::ui::AppCommand::NewPanel);
    h.run();
    assert_eq!(*h.state().doc.board(), sample_board());
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.starts_with("Read-only"))
    );

    // What the other instance saves shows up without a prompt.
    save_from_outside(&mut h, &path);
    assert!(!h.state().has_modal());
    assert_eq!(*h.state().doc.board(), changed_on_disk());
    assert!(!h.state().doc.is_dirty());

    // Ctrl+S is Save As: the held file itself is refused, another name
    // makes an editable copy of our own.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    settle(&mut h);
    assert!(h.query_by_label("Choose another name").is_some());
    h.get_by_label("OK").click();
    h.run();
    assert_eq!(store::load(&path).unwrap().board, changed_on_disk());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    settle(&mut h);
    assert!(!h.state().doc.is_read_only());
    assert_eq!(h.state().doc.path(), Some(copy.as_path()));
    assert_eq!(lock::inspect(&copy), lock::LockState::Ours);
    assert!(matches!(lock::inspect(&path), lock::LockState::Live(_)));
    delete_first_panel(&mut h);
    assert_ne!(*h.state().doc.board(), changed_on_disk(), "the copy edits");
    drop(other);
}

#[test]
fn a_stale_lock_from_a_dead_process_is_taken_over_silently() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    write_lock(&path, ended_pid());
    let h = harness(app(Some(path.clone()), ScriptedDialogs::default()));
    assert!(!h.state().has_modal());
    assert_eq!(lock::inspect(&path), lock::LockState::Ours);
    drop(h);
    assert_eq!(
        lock::inspect(&path),
        lock::LockState::Free,
        "released on close"
    );
}

fn write_lock(board: &Path, pid: u32) {
    std::fs::write(
        lock::lock_path(board),
        format!("pid={pid}\nhost={}\nstarted=1\n", lock::host_name()),
    )
    .unwrap();
}

fn changed_on_disk() -> Board {
    let mut b = sample_board();
    b.title = "Changed by git".into();
    b.scenes[1].panels[0].dialogue = "A line from the other branch".into();
    b
}

#[test]
fn an_outside_change_is_detected_and_reload_keeps_mine_one_undo_away() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(path.clone()), ScriptedDialogs::default()));
    quick(&mut h);
    delete_first_panel(&mut h);
    let mine = h.state().doc.board().clone();
    save_from_outside(&mut h, &path);
    assert!(h.query_by_label("The board changed on disk").is_some());

    h.get_by_label("Reload").click();
    settle(&mut h);
    assert_eq!(*h.state().doc.board(), changed_on_disk());
    assert!(!h.state().doc.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        *h.state().doc.board(),
        mine,
        "undo brings back the unsaved edits"
    );
    assert!(
        !h.state().has_modal(),
        "no second prompt for the same change"
    );
}

#[test]
fn keeping_mine_after_an_outside_change_leaves_the_board_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(path.clone()), ScriptedDialogs::default()));
    quick(&mut h);
    save_from_outside(&mut h, &path);
    h.get_by_label("Keep mine").click();
    settle(&mut h);
    assert_eq!(*h.state().doc.board(), sample_board());
    assert!(
        h.state().doc.is_dirty(),
        "the file differs from what is open"
    );
    assert!(!h.state().has_modal());
    // Our own save is not an outside change.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(!h.state().has_modal());
    assert_eq!(store::load(&path).unwrap().board, sample_board());
}

/// A folder this process cannot write to: a read-only folder, or (for
/// root, who ignores permissions) a folder in sysfs.
fn unwritable_folder(dir: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt as _;
    let ro = dir.join("read-only");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(ro.join("probe"), b"x").is_ok() {
        return std::path::PathBuf::from("/sys");
    }
    ro
}

#[test]
fn a_save_into_a_read_only_folder_fails_clearly_and_save_as_elsewhere_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let good = dir.path().join("elsewhere.ron");
    let bad = unwritable_folder(dir.path()).join("board.ron");
    let dialogs = ScriptedDialogs {
        save: vec![good.clone(), bad.clone()],
        ..ScriptedDialogs::default()
    };
    let mut h = harness(app(Some(path.clone()), dialogs));
    delete_first_panel(&mut h);
    let edited = h.state().doc.board().clone();

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();

    settle(&mut h);
    assert!(h.query_by_label("Could not save").is_some());
    assert!(h.query_by_label_contains("permission denied").is_some());
    assert!(!bad.exists());
    assert_eq!(
        *h.state().doc.board(),
        edited,
        "the edits are still in memory"
    );
    assert!(h.state().doc.is_dirty());
    assert_eq!(h.state().doc.path(), Some(path.as_path()));
    h.get_by_label("OK").click();
    h.run();

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();

    settle(&mut h);
    assert_eq!(store::load(&good).unwrap().board, edited);
    assert!(!h.state().doc.is_dirty());
    assert_eq!(store::load(&path).unwrap().board, sample_board());
}

#[test]
fn clean_up_unused_images_asks_then_moves_them_to_a_backup_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let png = |shade: u8| {
        let img = image::RgbaImage::from_pixel(8, 6, image::Rgba([shade, 0, 0, 255]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    let used = store::import_image_bytes(&path, &png(1), "png").unwrap();
    let unused = store::import_image_bytes(&path, &png(2), "png").unwrap();
    let mut board = sample_board();
    board.scenes[0].panels[0].image = Some(used.clone());
    store::save(&board, &path).unwrap();

    let mut h = harness(app(Some(path.clone()), ScriptedDialogs::default()));
    // Deleting the panel never touches its image.
    delete_first_panel(&mut h);
    assert!(dir.path().join(used.as_str()).exists());

    h.get_by_label("File").click();
    h.run();
    // A menu item's label ends with its (here empty) shortcut text.
    h.get_by_label_contains("Clean up unused images…").click();
    // The folder is searched, then the images moved, by jobs.
    settle(&mut h);
    assert!(h.query_by_label_contains("1 image file(s)").is_some());
    h.get_by_label("Move to backup").click();
    settle(&mut h);
    assert!(!dir.path().join(unused.as_str()).exists());
    // The deleted panel's image is still referenced by the undo history.
    assert!(dir.path().join(used.as_str()).exists());
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("board.assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".removed-"))
        .collect();
    assert_eq!(backups.len(), 1);
}

#[test]
fn discarding_a_crashed_untitled_board_removes_its_staging_images_only() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // A saved board with an image, also left with a recovery copy.
    let saved = write_board(dir.path(), &sample_board());
    let saved_asset = store::import_image_bytes(&saved, &green_png(), "png").unwrap();
    make_older(&saved, 60);
    recovery::write_recovery(&edited_board(), &saved).unwrap();
    recovery::register(data.path(), &saved, false).unwrap();
    // A crashed untitled board with an image in its staging folder, named
    // after a process that has ended.
    let staging = recovery::staging_area(data.path())
        .join(format!("{}-0", ended_pid()))
        .join("untitled.ron");
    let asset = store::import_image_bytes(&staging, &green_png(), "png").unwrap();
    let mut lost = sample_board();
    lost.title = "Night shoot".into();
    lost.scenes[0].panels[0].image = Some(asset);
    recovery::write_recovery(&lost, &staging).unwrap();
    recovery::register(data.path(), &staging, true).unwrap();
    let folder = store::board_dir(&staging).to_path_buf();
    assert!(folder.join("untitled.assets").is_dir());

    let mut h = harness(app_with_data_dir(
        None,
        ScriptedDialogs::default(),
        data.path().to_path_buf(),
    ));
    h.get_by_label("Discard Night shoot").click();
    h.run();
    assert!(!folder.exists(), "its images went with it");
    assert!(recovery::staging_area(data.path()).is_dir());
    let left = recovery::list_recovered(data.path());
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].board_file, saved);

    // Discarding the saved board's changes keeps the board and its images.
    h.get_by_label("Discard Sample").click();
    h.run();
    assert!(recovery::list_recovered(data.path()).is_empty());
    assert!(!recovery::recovery_path(&saved).exists());
    assert_eq!(store::load(&saved).unwrap().board, sample_board());
    assert!(dir.path().join(saved_asset.as_str()).is_file());
}

/// Outside changes arrive as file events, not by polling: a focused window
/// on a saved board with nothing happening asks for no repaint at all
/// (before, it repainted every 2 s to look at the file).
#[test]
fn a_focused_idle_board_asks_for_no_repaint_and_an_outside_save_wakes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(path.clone()), ScriptedDialogs::default()));
    h.state_mut().wait_idle(Duration::from_secs(10));
    h.run();
    h.run();
    let delay = |h: &Harness<'static, ShotboardApp>| {
        h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay
    };
    assert_eq!(delay(&h), Duration::MAX, "idle means no repaint");
    save_from_outside(&mut h, &path);
    assert!(h.query_by_label("The board changed on disk").is_some());
}

#[test]
fn a_discarded_untitled_board_is_not_offered_again_at_the_next_start() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(app_with_data_dir(
        None,
        ScriptedDialogs::default(),
        data.path().to_path_buf(),
    ));
    quick(&mut h);
    let first = h.state().doc.board().scenes[0].panels[0].id;
    h.state_mut().selection.select_only(first);
    h.key_press(Key::Delete);
    settle(&mut h);
    let staging = h.state().doc.asset_root().to_path_buf();
    assert!(recovery::recovery_path(&staging).exists(), "autosaved");

    // Quit, and Discard at the prompt; the window loses focus as it closes.
    super::support::request_close(&mut h);
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .focused = Some(false);
    settle(&mut h);
    settle(&mut h);
    assert!(
        !recovery::recovery_path(&staging).exists(),
        "the discarded board's recovery copy came back"
    );
    assert!(recovery::list_recovered(data.path()).is_empty());
    // Closed for good: its staging images went with it.
    assert!(
        !store::board_dir(&staging).exists(),
        "staging folder {} left behind",
        store::board_dir(&staging).display()
    );
}
