//! Defects that could lose a user's work or leave a board that won't open
//! elsewhere: cross-board paste, Ctrl+V with nothing on the system
//! clipboard, deleting what the user can't see.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use shotboard::model::{AssetPath, Board};
use shotboard::ui::ScriptedDialogs;

use super::support::{
    Dropped, app, harness, order, sample_board, sample_harness, selected, settle,
};

fn png(path: &Path, color: [u8; 3]) {
    image::RgbImage::from_pixel(64, 36, image::Rgb(color))
        .save(path)
        .unwrap();
}

/// The sample board saved as `dir/name`, its scene-2 panels given frames
/// imported into its own assets folder.
fn board_with_frames(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    shotboard::store::save(&sample_board(), &path).unwrap();
    let mut board = sample_board();
    for (i, panel) in board.scenes[1].panels.iter_mut().enumerate() {
        let source = dir.join(format!("source-{name}-{i}.png"));
        png(&source, [40 * i as u8, 90, 200]);
        panel.image = Some(shotboard::store::import_image_file(&path, &source).unwrap());
        std::fs::remove_file(source).unwrap();
    }
    shotboard::store::save(&board, &path).unwrap();
    path
}

/// Copies a board file and its assets folder into `to`, as a user does
/// when sending a board to someone.
fn move_board(board_file: &Path, to: &Path) -> PathBuf {
    let name = board_file.file_name().unwrap();
    let assets = shotboard::store::assets_dir_name(board_file);
    let from_dir = board_file.parent().unwrap();
    std::fs::create_dir_all(to.join(&assets)).unwrap();
    for entry in std::fs::read_dir(from_dir.join(&assets)).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(&assets).join(entry.file_name())).unwrap();
    }
    std::fs::copy(board_file, to.join(name)).unwrap();
    to.join(name)
}

/// Copy scene 2 (which has frames) of `source`, open `target`, paste after
/// its 1C and save: returns the saved board file.
fn paste_across(source: PathBuf, target: PathBuf) -> PathBuf {
    let dialogs = ScriptedDialogs {
        open: vec![target.clone()],
        ..Default::default()
    };
    let mut h = harness(app(Some(source), dialogs));
    h.get_by_label("Panel 2A").click();
    h.run();
    h.get_by_label("Panel 2B").click_modifiers(Modifiers::SHIFT);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::C);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    settle(&mut h);
    h.get_by_label("Panel 1C").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::V);
    settle(&mut h);
    assert_eq!(h.state().doc.board().panel_count(), 7, "pasted two panels");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(!h.state().doc.is_dirty(), "saved");
    target
}

fn assert_travels_intact(board_file: &Path) {
    let elsewhere = tempfile::tempdir().unwrap();
    let moved = move_board(board_file, elsewhere.path());
    let loaded = shotboard::store::load(&moved).unwrap();
    assert!(
        loaded.problems.is_empty(),
        "images missing after moving the board: {:?}",
        loaded.problems
    );
    let own = shotboard::store::assets_dir_name(&moved);
    for image in loaded.board.referenced_assets() {
        assert!(
            image.as_str().starts_with(&format!("{own}/")),
            "{image} is outside {own}"
        );
    }
    assert_eq!(loaded.board.referenced_assets().len(), 2);
}

#[test]
fn panels_pasted_into_a_board_in_the_same_folder_bring_their_images_along() {
    let dir = tempfile::tempdir().unwrap();
    let source = board_with_frames(dir.path(), "b60.ron");
    let target = dir.path().join("b2.ron");
    shotboard::store::save(&sample_board(), &target).unwrap();
    let saved = paste_across(source, target);
    assert_travels_intact(&saved);
}

#[test]
fn panels_pasted_into_a_board_in_another_folder_bring_their_images_along() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let source = board_with_frames(first.path(), "shoot day.ron");
    let target = second.path().join("other board.ron");
    shotboard::store::save(&sample_board(), &target).unwrap();
    let saved = paste_across(source, target);
    assert_travels_intact(&saved);
}

#[test]
fn a_board_holding_another_boards_images_is_flagged_and_repaired_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let source = board_with_frames(dir.path(), "b60.ron");
    // As an older Shotboard left it: b2 points into b60.assets.
    let mut board: Board = shotboard::store::read_board(&source).unwrap();
    board.title = "b2".into();
    let target = dir.path().join("b2.ron");
    shotboard::store::save(&board, &target).unwrap();

    let info = shotboard::headless::board_info(&target).unwrap();
    assert_eq!(info.outside_assets.len(), 2);
    assert!(info.to_string().contains("outside b2.assets"), "{info}");

    let mut h = harness(app(Some(target.clone()), ScriptedDialogs::default()));
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|n| n.contains("another board's folder")),
        "{:?}",
        h.state().notice_text()
    );
    let ctx = h.ctx.clone();
    h.state_mut()
        .execute(&ctx, shotboard::ui::AppCommand::ShowProblems);
    h.run();
    h.get_by_label("Copy them into this board's folder").click();
    h.run();
    assert_eq!(
        h.state().doc.undo_label(),
        Some("Copy 2 images into the board's folder")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert_travels_intact(&target);
}

#[test]
fn shotboard_repair_copies_outside_images_in_and_leaves_a_clean_board_alone() {
    let dir = tempfile::tempdir().unwrap();
    let source = board_with_frames(dir.path(), "b60.ron");
    let target = dir.path().join("b2.ron");
    std::fs::copy(&source, &target).unwrap();
    let report = shotboard::headless::repair(&target).unwrap();
    assert_eq!((report.copied, report.failed.len()), (2, 0));
    assert_travels_intact(&target);

    let before = std::fs::read(&source).unwrap();
    let report = shotboard::headless::repair(&source).unwrap();
    assert_eq!(report.copied, 0);
    assert_eq!(std::fs::read(&source).unwrap(), before, "unchanged");
}

#[test]
fn ctrl_v_pastes_copied_panels_whatever_the_system_clipboard_holds() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Panel 2A").click();
    h.run();
    // The plain keys, as a window layer delivers them when the system
    // clipboard is empty.
    h.key_press_modifiers(Modifiers::COMMAND, Key::C);
    h.run();
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::V);
    h.run();
    assert_eq!(h.state().doc.board().scenes[0].panels[1].action, "Panel 3");
    // An image another program copied arrives as PasteImage: still panels.
    h.event(egui::Event::PasteImage(std::sync::Arc::new(
        egui::ColorImage::filled([2, 2], egui::Color32::RED),
    )));
    h.run();
    assert_eq!(h.state().doc.board().panel_count(), 7);
}

#[test]
fn arrow_keys_skip_the_panels_of_a_collapsed_scene() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Collapse scene 1").click();
    h.run();
    h.get_by_label("Panel 2A").click();
    h.run();
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(selected(h.state()), vec![13], "stayed on 2A");
    h.key_press(Key::Home);
    h.run();
    assert_eq!(selected(h.state()), vec![13], "Home is the first visible");
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(order(h.state()), vec![vec![10, 11, 12], vec![14]]);
}

#[test]
fn collapsing_a_scene_unselects_its_panels_so_delete_cannot_reach_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Panel 1B").click();
    h.run();
    h.get_by_label("Collapse scene 1").click();
    h.run();
    assert!(selected(h.state()).is_empty());
    h.key_press(Key::Delete);
    h.run();
    // The collapsed header is what is selected: Delete asks about the
    // whole scene, and Cancel leaves the board alone.
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(order(h.state()), vec![vec![10, 11, 12], vec![13, 14]]);
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn deleting_a_scene_asks_says_what_went_and_undo_brings_back_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Scene 1: INT. KITCHEN - NIGHT").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(order(h.state()).len(), 2, "nothing deleted before asking");
    h.get_by_label("Delete").click();
    h.run();
    assert_eq!(order(h.state()), vec![vec![13, 14]]);
    let notice = h.state().notice_text().unwrap_or_default().to_owned();
    assert!(
        notice.contains("INT. KITCHEN - NIGHT") && notice.contains("3 panel"),
        "{notice}"
    );
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(order(h.state()), vec![vec![10, 11, 12], vec![13, 14]]);
    assert_eq!(selected(h.state()), vec![10, 11, 12]);
}

#[test]
fn deleting_many_panels_at_once_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut board = sample_board();
    for i in 0..12u64 {
        board.scenes[1]
            .panels
            .push(shotboard::model::Panel::new(shotboard::model::PanelId(
                100 + i,
            )));
    }
    board.bump_next_id();
    let path = dir.path().join("many.ron");
    shotboard::store::save(&board, &path).unwrap();
    let mut h = harness(app(Some(path), ScriptedDialogs::default()));
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().doc.board().panel_count(), 17, "asked first");
    h.get_by_label("Delete").click();
    h.run();
    assert_eq!(h.state().doc.board().panel_count(), 0);
}

#[test]
fn undo_and_redo_of_new_panel_keep_a_panel_selected() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    h.get_by_label("Panel 1B").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    // Leave the action field the new panel opened for typing.
    h.key_press(Key::Escape);
    h.run();
    let new_id = h.state().doc.board().scenes[0].panels[2].id.0;
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        selected(h.state()),
        vec![12],
        "the panel after the undone one"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(selected(h.state()), vec![new_id]);
}

#[test]
fn an_image_path_into_another_boards_folder_is_not_an_own_asset() {
    let own = AssetPath::new("b2.assets/x.png").unwrap();
    let other = AssetPath::new("b60.assets/x.png").unwrap();
    let board_file = Path::new("/films/b2.ron");
    assert!(shotboard::store::is_own_asset(board_file, &own));
    assert!(!shotboard::store::is_own_asset(board_file, &other));
}

#[test]
fn a_board_file_dropped_on_the_window_opens_instead_of_failing_as_an_image() {
    let dir = tempfile::tempdir().unwrap();
    let mut other = sample_board();
    other.title = "Dropped board".into();
    let dropped = dir.path().join("night shoot.ron");
    shotboard::store::save(&other, &dropped).unwrap();
    let mut h = sample_harness(dir.path());
    let target = h.get_by_label("Panel 2A").rect().center();
    h.hover_at(target);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(dropped.clone())));
    settle(&mut h);
    let doc = &h.state().doc;
    assert_eq!(doc.board().title, "Dropped board");
    assert_eq!(
        doc.path(),
        Some(std::fs::canonicalize(&dropped).unwrap().as_path())
    );
}
