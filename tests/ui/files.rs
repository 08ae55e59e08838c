use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use shotboard::ui::ScriptedDialogs;

use super::support::{Dropped, app, harness, sample_board, settle, write_board};

fn png(path: &Path, color: [u8; 3]) {
    image::RgbImage::from_pixel(64, 36, image::Rgb(color))
        .save(path)
        .unwrap();
}

#[test]
fn dropped_image_files_become_panels_at_the_drop_point_and_bad_ones_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let images = tempfile::tempdir().unwrap();
    png(&images.path().join("b.png"), [0, 0, 255]);
    png(&images.path().join("a.png"), [255, 0, 0]);
    std::fs::write(images.path().join("c.png"), b"not a png").unwrap();
    let mut h = harness(app(Some(path), ScriptedDialogs::default()));

    let target = h.get_by_label("Panel 2A").rect();
    // In the gap between 2A and 2B.
    let drop_point = target.right_center() + egui::vec2(6.0, 0.0);
    h.hover_at(drop_point);
    for name in ["b.png", "c.png", "a.png"] {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(images.path().join(name))));
    }
    h.run();
    h.state_mut().wait_idle(std::time::Duration::from_secs(20));
    h.run();

    let board = h.state().doc.board();
    let street = &board.scenes[1];
    assert_eq!(street.panels.len(), 4, "two good images arrive after 2A");
    assert_eq!(street.panels[0].id.0, 13);
    // In file-name order: a.png then b.png.
    let a = street.panels[1].image.as_ref().unwrap();
    let b = street.panels[2].image.as_ref().unwrap();
    let dir_of_board = dir.path();
    let pixel = |asset: &shotboard::model::AssetPath| {
        *image::open(dir_of_board.join(asset.as_str()))
            .unwrap()
            .to_rgb8()
            .get_pixel(0, 0)
    };
    assert_eq!(pixel(a), image::Rgb([255, 0, 0]));
    assert_eq!(pixel(b), image::Rgb([0, 0, 255]));
    // The bad file is reported by name.
    assert!(h.query_by_label_contains("could not be imported").is_some());
    assert!(h.query_by_label_contains("c.png").is_some());
}

#[test]
fn closing_with_unsaved_changes_asks_and_cancel_keeps_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(path.clone()), ScriptedDialogs::default()));
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();

    super::support::request_close(&mut h);
    h.run();
    assert!(h.query_by_label("Save changes?").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().has_modal());
    assert_eq!(h.state().doc.board().panel_count(), 4);

    // Asking again and choosing Save writes the board, then closes.
    super::support::request_close(&mut h);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    settle(&mut h);
    let saved = shotboard::store::load(&path).unwrap().board;
    assert_eq!(saved.panel_count(), 4);
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn save_shortcut_writes_the_board_and_clears_the_dirty_mark() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(path.clone()), ScriptedDialogs::default()));
    h.get_by_label("Panel 2B").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    assert!(h.state().doc.is_dirty());
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    settle(&mut h);
    assert!(!h.state().doc.is_dirty());
    assert_eq!(
        shotboard::store::load(&path).unwrap().board.panel_count(),
        6
    );
}

#[test]
fn untitled_board_save_asks_for_a_name_and_copies_images() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("My board.ron");
    let dialogs = ScriptedDialogs {
        save: vec![target.clone()],
        ..Default::default()
    };
    let mut h = harness(app(None, dialogs));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    settle(&mut h);
    let loaded = shotboard::store::load(&target).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(h.state().doc.path(), Some(target.as_path()));
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn opening_a_corrupt_board_names_the_file_and_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.ron");
    std::fs::write(&bad, "(format_version: 1, title: \"x\", scenes: [").unwrap();
    let dialogs = ScriptedDialogs {
        open: vec![bad.clone()],
        ..Default::default()
    };
    let mut h = harness(app(None, dialogs));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    settle(&mut h);
    assert!(h.query_by_label("Could not open the board").is_some());
    assert!(h.query_by_label_contains("broken.ron").is_some());
    assert_eq!(
        std::fs::read_to_string(&bad).unwrap(),
        "(format_version: 1, title: \"x\", scenes: ["
    );
}

#[test]
fn one_image_dropped_onto_a_card_replaces_its_frame() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let images = tempfile::tempdir().unwrap();
    png(&images.path().join("frame.png"), [0, 200, 0]);
    let mut h = harness(app(Some(path), ScriptedDialogs::default()));
    let target = h.get_by_label("Panel 1B").rect().center();
    h.hover_at(target);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(
            images.path().join("frame.png"),
        )));
    h.run();
    h.state_mut().wait_idle(std::time::Duration::from_secs(20));
    h.run();
    let board = h.state().doc.board();
    assert_eq!(board.panel_count(), 5);
    let image = board
        .panel(shotboard::model::PanelId(11))
        .unwrap()
        .image
        .as_ref()
        .expect("frame set");
    assert!(dir.path().join(image.as_str()).exists());
    assert_eq!(h.state().doc.undo_label(), Some("Replace frame"));
}

#[test]
fn panels_copied_from_one_board_paste_into_the_next_board_opened() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    // The copied panels have a frame that lives in the first board's folder.
    png(&first.path().join("frame.png"), [9, 9, 9]);
    let first_path = write_board(first.path(), &sample_board());
    let frame =
        shotboard::store::import_image_file(&first_path, &first.path().join("frame.png")).unwrap();
    let mut board = sample_board();
    board.scenes[1].panels[0].image = Some(frame);
    shotboard::store::save(&board, &first_path).unwrap();
    let mut other = sample_board();
    other.title = "Other".into();
    other.scenes.truncate(1);
    let second_path = write_board(second.path(), &other);
    let dialogs = ScriptedDialogs {
        open: vec![second_path],
        ..Default::default()
    };
    let mut h = harness(app(Some(first_path), dialogs));
    h.get_by_label("Panel 2A").click();
    h.run();
    h.get_by_label("Panel 2B").click_modifiers(Modifiers::SHIFT);
    h.run();
    h.event(egui::Event::Copy);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    settle(&mut h);
    assert_eq!(h.state().doc.board().title, "Other");
    h.get_by_label("Panel 1C").click();
    h.run();
    h.event(egui::Event::Paste(String::new()));
    h.run();
    settle(&mut h);
    let actions: Vec<&str> = h.state().doc.board().scenes[0]
        .panels
        .iter()
        .map(|p| p.action.as_str())
        .collect();
    assert_eq!(
        actions,
        ["Panel 0", "Panel 1", "Panel 2", "Panel 3", "Panel 4"]
    );
    // The pasted frame was copied into the second board's folder.
    let pasted = h.state().doc.board().scenes[0].panels[3]
        .image
        .clone()
        .expect("frame pasted");
    assert!(second.path().join(pasted.as_str()).exists());
}

#[test]
fn a_missing_image_is_listed_by_shot_label_and_drawn_as_a_placeholder() {
    let dir = tempfile::tempdir().unwrap();
    let mut board = sample_board();
    board.scenes[0].panels[1].image =
        Some(shotboard::model::AssetPath::new("board.assets/gone.png").unwrap());
    let path = write_board(dir.path(), &board);
    let h = harness(app(Some(path), ScriptedDialogs::default()));
    let doc = &h.state().doc;
    assert!(doc.broken_assets.contains("board.assets/gone.png"));
    assert_eq!(doc.problems().len(), 1);
    assert!(
        doc.problems()[0].starts_with("Panel 1B: board.assets/gone.png"),
        "{:?}",
        doc.problems()
    );
    // The rest of the board opened with its text intact.
    assert_eq!(doc.board().scenes[0].panels[1].action, "Panel 1");
}

/// A system with no desktop portal and no zenity: the native dialog can't
/// be shown, so the app's own stands in.
fn no_native_dialog() -> ScriptedDialogs {
    ScriptedDialogs {
        unavailable: true,
        ..Default::default()
    }
}

#[test]
fn without_a_native_dialog_save_on_the_quit_prompt_asks_in_the_app_saves_then_quits() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("Night shoot.ron");
    let mut h = harness(app(None, no_native_dialog()));
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(h.state().doc.is_dirty());

    super::support::request_close(&mut h);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    // Not quit, not silently cancelled: the app's own dialog asks, and says
    // once why.
    assert!(!h.state().is_closing());
    assert!(h.query_by_label("Save board as").is_some());
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|n| n.contains("no file dialog service"))
    );
    // A name with spaces and no extension, typed as a full path.
    // The suggested name is selected over and replaced by what is typed.
    h.get_by_label("File name").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("File name")
        .type_text(target.with_extension("").to_str().unwrap());
    h.run();
    h.get_by_label("Save").click();
    h.run();
    settle(&mut h);
    let saved = shotboard::store::load(&target).unwrap();
    assert!(saved.problems.is_empty(), "{:?}", saved.problems);
    assert_eq!(h.state().doc.path(), Some(target.as_path()));
    assert!(h.state().is_closing(), "the quit goes on once saved");
}

#[test]
fn without_a_native_dialog_open_lists_boards_and_opens_the_one_clicked() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let other = dir.path().join("Second board.ron");
    std::fs::copy(&path, &other).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a board").unwrap();
    let mut h = harness(app(Some(path), no_native_dialog()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(h.query_by_label("Open board").is_some());
    // It starts in the board's folder and shows only boards.
    assert!(h.query_by_label("notes.txt").is_none());
    h.get_by_label("Second board.ron").click();
    h.run();
    h.get_by_label("Open").click();
    h.run();
    settle(&mut h);
    assert_eq!(h.state().doc.path(), Some(other.as_path()));
}

#[test]
fn without_a_native_dialog_cancel_leaves_everything_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(path.clone()), no_native_dialog()));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    assert!(h.state().has_modal());
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().has_modal());
    assert_eq!(h.state().doc.path(), Some(path.as_path()));
}
