//! Locked scene and shot numbers through the edit layer, as the editor and
//! the command line change a board: insert, delete and reorder under a
//! lock; the canvas labels, the shot list and the CSV agree; files from
//! before numbering settings keep their labels and bytes.

use shotboard::edit::{History, ops};
use shotboard::export::{CsvOptions, csv_from_rows, shotlist};
use shotboard::import::screenplay::board_from_fountain;
use shotboard::model::{Board, FORMAT_VERSION, labels, shot_labels};
use shotboard::store;

fn scripted_board() -> Board {
    let mut text = String::new();
    for n in 1..=4 {
        text.push_str(&format!(
            "INT. ROOM {n} - DAY\n\nFirst shot of {n}.\n\nSecond shot of {n}.\n\n"
        ));
    }
    let mut board = board_from_fountain(&text).unwrap().board;
    board.numbering = shotboard::model::Numbering::for_new_board();
    board
}

fn apply(board: &mut Board, history: &mut History, make: impl FnOnce(&Board) -> ops::Command) {
    let command = make(board);
    history.apply(board, command.edit, command.label).unwrap();
}

fn canvas_labels(board: &Board) -> Vec<String> {
    shot_labels(board)
        .iter()
        .flatten()
        .map(ToString::to_string)
        .collect()
}

/// The Shot column of the shot list table and of the CSV file.
fn shot_list_and_csv_labels(board: &Board) -> (Vec<String>, Vec<String>) {
    let rows = shotlist::rows(board);
    let table = rows.iter().map(|r| r.shot.clone()).collect();
    let csv = csv_from_rows(&rows, &CsvOptions::default());
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let csv_shots = reader.records().map(|r| r.unwrap()[1].to_owned()).collect();
    (table, csv_shots)
}

#[test]
fn insert_delete_and_reorder_under_a_lock_keep_locked_labels() {
    let mut board = scripted_board();
    let mut history = History::new();
    apply(&mut board, &mut history, ops::lock_numbers);
    assert_eq!(
        canvas_labels(&board),
        ["1A", "1B", "2A", "2B", "3A", "3B", "4A", "4B"]
    );

    // A new scene after scene 2, a new panel in scene 3, scene 1 deleted,
    // scene 4 moved to the front.
    let scene2 = board.scenes[1].id;
    apply(&mut board, &mut history, |b| {
        ops::new_scene(b, &[], Some(scene2)).0
    });
    let in_scene3 = board.scenes[3].panels[0].id;
    apply(&mut board, &mut history, |b| {
        ops::new_panel_after(b, &[in_scene3], None)
    });
    let scene1 = board.scenes[0].id;
    apply(&mut board, &mut history, |b| {
        ops::delete_scene(b, scene1).unwrap()
    });
    let scene4 = board.scenes[3].id;
    apply(&mut board, &mut history, |b| {
        ops::move_scene(b, scene4, 0).unwrap()
    });

    assert_eq!(labels::scene_numbers(&board), ["4", "2", "2A", "3"]);
    let expected = ["4A", "4B", "2A", "2B", "3A", "3C", "3B"];
    assert_eq!(canvas_labels(&board), expected);
    let (table, csv) = shot_list_and_csv_labels(&board);
    assert_eq!(table, expected);
    assert_eq!(csv, expected);
    let omitted: Vec<String> = labels::omitted(&board)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(omitted, ["1 OMITTED"]);

    // Deleting a shot leaves it omitted too.
    let shot_3b = board.scenes[3].panels[2].id;
    apply(&mut board, &mut history, |b| {
        ops::delete(b, &[shot_3b]).unwrap()
    });
    let omitted: Vec<String> = labels::omitted(&board)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(omitted, ["1 OMITTED", "3B OMITTED"]);

    // Unlocking derives the labels from the order again (the new scene,
    // third, has no panels).
    apply(&mut board, &mut history, |b| {
        ops::unlock_numbers(b).unwrap()
    });
    assert_eq!(canvas_labels(&board), ["1A", "1B", "2A", "2B", "4A", "4B"]);
    assert!(labels::omitted(&board).is_empty());
}

#[test]
fn undoing_the_lock_and_every_edit_restores_the_board_exactly() {
    let original = scripted_board();
    let mut board = original.clone();
    let mut history = History::new();
    apply(&mut board, &mut history, ops::lock_numbers);
    let first = board.scenes[0].id;
    apply(&mut board, &mut history, |b| {
        ops::delete_scene(b, first).unwrap()
    });
    apply(&mut board, &mut history, ops::lock_numbers);
    apply(&mut board, &mut history, |b| {
        ops::set_numbering_scheme(b, shotboard::model::ShotScheme::Dash, 2, true).unwrap()
    });
    while history.undo(&mut board).unwrap().is_some() {}
    assert_eq!(board, original);
}

#[test]
fn a_version_1_file_keeps_its_labels_and_bytes_and_a_locked_board_is_version_2() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.ron");
    // What Shotboard wrote before numbering settings: version 1, no field.
    let mut legacy = Board::default();
    legacy.scenes.push(shotboard::model::Scene::new(
        shotboard::model::SceneId(1),
        "INT. A",
    ));
    for i in 0..10 {
        legacy.scenes[0]
            .panels
            .push(shotboard::model::Panel::new(shotboard::model::PanelId(
                2 + i,
            )));
    }
    legacy.bump_next_id();
    store::save(&legacy, &old).unwrap();
    let bytes = std::fs::read_to_string(&old).unwrap();
    assert!(bytes.starts_with("(\n    format_version: 1,\n"), "{bytes}");
    assert!(!bytes.contains("numbering"));

    let loaded = store::load(&old).unwrap().board;
    assert_eq!(loaded.format_version, FORMAT_VERSION);
    assert_eq!(shot_labels(&loaded)[0][8].to_string(), "1I");
    store::save(&loaded, &old).unwrap();
    assert_eq!(std::fs::read_to_string(&old).unwrap(), bytes);

    let mut locked = loaded.clone();
    let mut history = History::new();
    apply(&mut locked, &mut history, ops::lock_numbers);
    let new = dir.path().join("locked.ron");
    store::save(&locked, &new).unwrap();
    let text = std::fs::read_to_string(&new).unwrap();
    assert!(text.starts_with("(\n    format_version: 2,\n"), "{text}");
    let reloaded = store::load(&new).unwrap().board;
    assert_eq!(reloaded, locked);
    assert_eq!(canvas_labels(&reloaded), canvas_labels(&locked));
}

#[test]
fn the_pdf_prints_locked_labels_and_what_was_omitted() {
    use shotboard::export::{PdfOptions, Progress, SwatchFrames, export_pdf};
    let mut board = scripted_board();
    let mut history = History::new();
    apply(&mut board, &mut history, ops::lock_numbers);
    let scene1 = board.scenes[0].id;
    apply(&mut board, &mut history, |b| {
        ops::delete_scene(b, scene1).unwrap()
    });
    let shot_3b = board.scenes[1].panels[1].id;
    apply(&mut board, &mut history, |b| {
        ops::delete(b, &[shot_3b]).unwrap()
    });

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("board.pdf");
    // Landscape: wide enough cells for the scene title with its note.
    let options = PdfOptions {
        panels_per_page: 9,
        dpi: 36,
        orientation: shotboard::export::Orientation::Landscape,
        // The title page lists what was omitted.
        title_page: true,
        ..PdfOptions::default()
    };
    let source = SwatchFrames {
        aspect: board.aspect_ratio,
    };
    export_pdf(&source, &board, &out, &options, &Progress::new()).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    let text = pdf_extract::extract_text_from_mem(&bytes)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Scenes omitted: 1"), "{text}");
    assert!(
        text.contains("SCENE 3 — INT. ROOM 3 - DAY (3B OMITTED)"),
        "{text}"
    );
    for label in canvas_labels(&board) {
        assert!(text.contains(&label), "{label} missing from {text}");
    }
}

#[test]
fn locking_is_an_undoable_edit() {
    let mut board = scripted_board();
    let before = board.clone();
    let mut locked = board.numbering.clone();
    locked.lock = Some(shotboard::model::labels::lock_now(&board));
    let mut history = shotboard::edit::History::new();
    history
        .apply(
            &mut board,
            shotboard::edit::Edit::SetBoard {
                field: shotboard::edit::BoardField::Numbering(locked),
            },
            "Lock scene and shot numbers",
        )
        .unwrap();
    assert!(board.numbering.lock.is_some());
    assert!(history.undo(&mut board).unwrap().is_some());
    assert_eq!(board, before);
}
