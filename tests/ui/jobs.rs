//! Slow work through the job runner, driven from the app: Save As with the
//! undo history's images, cancelling it, script and project imports, and
//! undo of a drag across scenes.

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use shotboard::model::Board;
use shotboard::ui::ScriptedDialogs;

use super::support::{app, drag, harness, order, sample_board, sample_harness, settle};

/// The sample board saved in `dir` with a distinct frame on every panel.
fn board_with_frames(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("board.ron");
    let mut board: Board = sample_board();
    for (i, panel) in board
        .scenes
        .iter_mut()
        .flat_map(|s| &mut s.panels)
        .enumerate()
    {
        let source = dir.join(format!("frame-{i}.png"));
        image::RgbImage::from_pixel(32, 18, image::Rgb([30 * i as u8, 90, 160]))
            .save(&source)
            .unwrap();
        panel.image = Some(shotboard::store::import_image_file(&path, &source).unwrap());
        std::fs::remove_file(source).unwrap();
    }
    shotboard::store::save(&board, &path).unwrap();
    path
}

#[test]
fn dragging_a_card_into_another_scene_undoes_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_harness(dir.path());
    let from = h.get_by_label("Panel 1A").rect().center();
    let target = h.get_by_label("Panel 2B").rect();
    drag(
        &mut h,
        from,
        target.center() + egui::vec2(target.width() * 0.3, 0.0),
    );
    assert_eq!(order(h.state()), vec![vec![11, 12], vec![13, 14, 10]]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(order(h.state()), vec![vec![10, 11, 12], vec![13, 14]]);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(order(h.state()), vec![vec![11, 12], vec![13, 14, 10]]);
}

#[test]
fn after_save_as_to_another_folder_an_undone_delete_brings_its_image_from_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = board_with_frames(dir.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("copy.ron");
    let dialogs = ScriptedDialogs {
        save: vec![copy.clone()],
        ..Default::default()
    };
    let mut h = harness(app(Some(path), dialogs));

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    settle(&mut h);
    assert_eq!(h.state().doc.path(), Some(copy.as_path()));
    h.get_by_label("Panel 1B").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().doc.board().panel_count(), 4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();

    let board = h.state().doc.board();
    let restored = board.panel(shotboard::model::PanelId(11)).unwrap();
    let image = restored.image.as_ref().expect("the frame came back");
    let own = shotboard::store::assets_dir_name(&copy);
    assert!(image.as_str().starts_with(&format!("{own}/")), "{image}");
    assert!(elsewhere.path().join(image.as_str()).is_file());
    assert!(
        h.state().doc.problems().is_empty(),
        "{:?}",
        h.state().doc.problems()
    );
}

#[test]
fn an_image_only_the_undo_history_uses_is_copied_by_save_as() {
    let dir = tempfile::tempdir().unwrap();
    let path = board_with_frames(dir.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("copy.ron");
    let dialogs = ScriptedDialogs {
        save: vec![copy.clone()],
        ..Default::default()
    };
    let mut h = harness(app(Some(path), dialogs));
    // Deleted before Save As: only the history refers to its frame.
    h.get_by_label("Panel 2A").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();

    let image = h
        .state()
        .doc
        .board()
        .panel(shotboard::model::PanelId(13))
        .unwrap();
    let image = image.image.as_ref().unwrap();
    assert!(elsewhere.path().join(image.as_str()).is_file(), "{image}");
}

#[test]
fn a_cancelled_save_as_leaves_no_board_file_and_no_copied_images() {
    let dir = tempfile::tempdir().unwrap();
    let path = board_with_frames(dir.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("copy.ron");
    let mut board = shotboard::store::load(&path).unwrap().board;
    let from = dir.path().to_path_buf();
    // Cancelled after the third image, as the Cancel button does.
    let result =
        shotboard::store::save_as_with(&board, &from, &copy, &[], &mut |done, _| done < 3).unwrap();
    assert!(result.is_none());
    assert!(!copy.exists(), "no board file");
    assert_eq!(
        std::fs::read_dir(elsewhere.path()).unwrap().count(),
        0,
        "the copied images went again"
    );
    // Not cancelled: everything arrives.
    board.title = "Copy".into();
    let saved = shotboard::store::save_as_with(&board, &from, &copy, &[], &mut |_, _| true)
        .unwrap()
        .unwrap();
    assert_eq!(saved.renamed.len(), 5);
    assert!(copy.is_file());
}

#[test]
fn cancel_in_the_status_bar_stops_a_long_save_as() {
    let dir = tempfile::tempdir().unwrap();
    let path = board_with_frames(dir.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("copy.ron");
    let dialogs = ScriptedDialogs {
        save: vec![copy.clone()],
        ..Default::default()
    };
    let mut h = harness(app(Some(path.clone()), dialogs));
    h.state_mut().hold_jobs_for_tests(true);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    // Edits wait while the copy runs: nothing can go missing from it.
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().doc.board().panel_count(), 5, "the delete waited");
    std::thread::sleep(std::time::Duration::from_millis(350));
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    h.state_mut().hold_jobs_for_tests(false);
    settle(&mut h);
    assert!(!copy.exists(), "no board file");
    assert_eq!(h.state().doc.path(), Some(path.as_path()));
    assert!(h.query_by_label_contains("cancelled").is_some());
}

#[test]
fn a_fountain_script_imported_from_the_app_appends_its_scenes() {
    let dir = tempfile::tempdir().unwrap();
    let path = super::support::write_board(dir.path(), &sample_board());
    let script = dir.path().join("pilot.fountain");
    std::fs::write(
        &script,
        "INT. LIGHTHOUSE - NIGHT\n\nMara climbs the stairs.\n\nEXT. CLIFF - DAWN\n\nThe lamp goes dark.\n",
    )
    .unwrap();
    let dialogs = ScriptedDialogs {
        open: vec![script],
        ..Default::default()
    };
    let mut h = harness(app(Some(path), dialogs));
    let ctx = h.ctx.clone();
    h.state_mut()
        .execute(&ctx, shotboard::ui::AppCommand::ImportScript);
    settle(&mut h);

    let board = h.state().doc.board();
    assert_eq!(board.scenes.len(), 4);
    assert_eq!(board.scenes[2].heading, "INT. LIGHTHOUSE - NIGHT");
    assert_eq!(board.scenes[3].heading, "EXT. CLIFF - DAWN");
    assert_eq!(h.state().doc.undo_label(), Some("Import script"));
}

#[test]
fn a_storyboarder_project_imported_from_the_app_opens_as_an_untitled_board() {
    let dir = tempfile::tempdir().unwrap();
    let images = dir.path().join("images");
    std::fs::create_dir_all(&images).unwrap();
    image::RgbaImage::from_pixel(64, 36, image::Rgba([200, 20, 20, 255]))
        .save(images.join("board-1-AAAAA.png"))
        .unwrap();
    let project = dir.path().join("short.storyboarder");
    std::fs::write(
        &project,
        r#"{
  "version": "2.2.0",
  "aspectRatio": 1.7777777777777777,
  "fps": 24,
  "defaultBoardTiming": 2000,
  "boards": [
    { "uid": "AAAAA", "url": "board-1-AAAAA.png", "newShot": true, "number": 1,
      "shot": "1A", "time": 0, "duration": 1500, "dialogue": "", "action": "A red frame.",
      "notes": "" },
    { "uid": "BBBBB", "url": "board-2-BBBBB.png", "newShot": false, "number": 2,
      "shot": "1B", "time": 1500, "dialogue": "MARA: Hello.", "action": "No picture.",
      "notes": "" }
  ]
}"#,
    )
    .unwrap();
    let dialogs = ScriptedDialogs {
        open: vec![project],
        ..Default::default()
    };
    let mut h = harness(app(None, dialogs));
    let ctx = h.ctx.clone();
    h.state_mut()
        .execute(&ctx, shotboard::ui::AppCommand::ImportStoryboarder);
    h.run();
    // The demo copy is untouched: no unsaved-changes question.
    settle(&mut h);

    let doc = &h.state().doc;
    assert!(doc.path().is_none(), "untitled until saved");
    assert_eq!(doc.board().panel_count(), 2);
    let panels: Vec<_> = doc.board().panels().collect();
    assert_eq!(panels[0].action, "A red frame.");
    assert_eq!(panels[1].dialogue, "MARA: Hello.");
    let frame = panels[0].image.as_ref().expect("the frame is stored");
    assert!(doc.asset_dir().join(frame.as_str()).is_file());
    assert!(doc.is_dirty(), "an import is unsaved work");
}

#[test]
fn a_review_reply_imported_from_the_app_is_one_undo_step_and_a_second_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = super::support::write_board(dir.path(), &sample_board());
    let reply = dir.path().join("board-reply.json");
    std::fs::write(
        &reply,
        r#"{"format":"shotboard-review-reply","version":1,"reviewer":"Dee","panels":[
            {"id":11,"label":"1B","status":"approved",
             "comments":[{"author":"Dee","text":"Hold longer","time":"2026-03-04T05:06:07Z"}]}]}"#,
    )
    .unwrap();
    let dialogs = ScriptedDialogs {
        open: vec![reply.clone(), reply],
        ..Default::default()
    };
    let mut h = harness(app(Some(path), dialogs));
    let ctx = h.ctx.clone();
    h.state_mut()
        .execute(&ctx, shotboard::ui::AppCommand::ImportReview);
    settle(&mut h);
    let id = shotboard::model::PanelId(11);
    let panel = h.state().doc.board().panel(id).unwrap().clone();
    assert_eq!(panel.status, shotboard::model::ReviewStatus::Approved);
    assert_eq!(panel.comments.last().unwrap().text, "Hold longer");
    assert_eq!(h.state().doc.undo_label(), Some("Import review replies"));
    let after_first = h.state().doc.board().clone();

    h.state_mut()
        .execute(&ctx, shotboard::ui::AppCommand::ImportReview);
    settle(&mut h);
    assert_eq!(h.state().doc.board(), &after_first);
    assert!(h.query_by_label_contains("nothing new").is_some());
}
