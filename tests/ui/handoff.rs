//! Hand-offs in the GUI: the Export window runs exports in the background
//! (and cancels them cleanly), and the shot list sorts and selects.

use std::path::Path;
use std::time::Duration;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shotboard::ui::{ScriptedDialogs, ShotboardApp};

use super::support::{app, harness, sample_board, selected, write_board};

/// Files in `dir` (names), sorted.
/// Files in `dir`, without the open board's lock file (held while the app
/// has the board open; not an export's leftover).
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".ron.lock"))
        .collect();
    names.sort();
    names
}

#[test]
fn the_export_window_writes_a_csv_shot_list_to_the_chosen_file() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = write_board(dir.path(), &sample_board());
    let before = std::fs::read(&board_file).unwrap();
    let out = dir.path().join("shots.csv");
    let dialogs = ScriptedDialogs {
        exports: vec![out.clone()],
        ..Default::default()
    };
    let mut h = harness(app(Some(board_file.clone()), dialogs));

    open_export_as(&mut h, "Shot list CSV");
    export_to_the_browsed_destination(&mut h);

    let notice = h.state().notice_text().unwrap_or_default().to_owned();
    assert!(notice.contains("shots.csv"), "{notice}");
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let shots: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(shots, ["1A", "1B", "1C", "2A", "2B"]);
    assert_eq!(&rows[3][12], "Panel 3", "the action column");
    assert_eq!(
        std::fs::read(&board_file).unwrap(),
        before,
        "board untouched"
    );
    assert!(
        h.query_by_label("Export…").is_none(),
        "the window closes when done"
    );
}

#[test]
fn a_csv_exported_from_the_app_lists_rows_in_the_shot_lists_sort_and_grouping() {
    let dir = tempfile::tempdir().unwrap();
    let mut board = sample_board();
    // Durations 3, 1, 2, 0.5, 4 seconds for 1A 1B 1C 2A 2B.
    for (panel, ms) in board
        .scenes
        .iter_mut()
        .flat_map(|s| s.panels.iter_mut())
        .zip([3000u32, 1000, 2000, 500, 4000])
    {
        panel.duration_ms = Some(ms);
    }
    let board_file = write_board(dir.path(), &board);
    let out = dir.path().join("shots.csv");
    let dialogs = ScriptedDialogs {
        exports: vec![out.clone()],
        ..Default::default()
    };
    let mut h = harness(app(Some(board_file), dialogs));

    // Shortest first, grouped by scene: scene 2 holds the shortest panel,
    // so its rows come first.
    h.get_by_label("Shot list").click();
    h.run();
    h.get_by_label("Sort by Seconds").click();
    h.run();
    h.state_mut().shot_list.grouping = Some(shotboard::export::Grouping::Scene);
    h.run();
    let mut on_screen: Vec<(f32, &str)> = ["1A", "1B", "1C", "2A", "2B"]
        .into_iter()
        .map(|s| (h.get_by_label(&format!("Row {s}")).rect().top(), s))
        .collect();
    on_screen.sort_by(|a, b| a.0.total_cmp(&b.0));
    let on_screen: Vec<&str> = on_screen.into_iter().map(|(_, s)| s).collect();
    assert_eq!(on_screen, ["2A", "2B", "1B", "1C", "1A"]);

    open_export_as(&mut h, "Shot list CSV");
    assert!(
        h.query_by_label(
            "Rows as in the shot list: grouped by scene, sorted by Seconds (ascending)"
        )
        .is_some(),
        "the window says which order the rows come in"
    );
    export_to_the_browsed_destination(&mut h);

    let mut reader = csv::Reader::from_path(&out).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let shots: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(shots, on_screen);
    assert_eq!(&rows[0][8], "0.5", "the seconds column");
}

#[test]
fn cancelling_a_running_export_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = dir.path().join("big.ron");
    // Large frames make the export take seconds, so Cancel lands mid-way.
    shotboard::headless::demo(&board_file, &shotboard::demo::DemoOptions::with_panels(120))
        .unwrap();
    let before = listing(dir.path());
    let out = dir.path().join("stills");
    let dialogs = ScriptedDialogs {
        exports: vec![out.clone()],
        ..Default::default()
    };
    let mut h = harness(app(Some(board_file), dialogs));

    open_export_as(&mut h, "PNG per panel");
    // The destination comes from the file dialog.
    h.get_by_label("Browse…").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    assert!(h.state().is_busy());
    // The window steps aside: the board takes edits while it exports.
    assert!(!h.state().has_modal());
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().doc.board().panel_count(), 119, "edited meanwhile");
    // Progress and Cancel show in the status bar once it runs a while.
    std::thread::sleep(Duration::from_millis(350));
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    h.state_mut().wait_idle(Duration::from_secs(60));
    h.run();

    assert!(!h.state().is_busy());
    let notice = h.state().notice_text().unwrap_or_default().to_owned();
    assert!(notice.contains("cancelled"), "{notice}");
    assert!(!out.exists(), "no output folder");
    assert_eq!(listing(dir.path()), before, "no staged files left");
}

#[test]
fn the_shot_list_sorts_by_a_column_and_a_row_click_selects_on_the_canvas() {
    let dir = tempfile::tempdir().unwrap();
    let mut board = sample_board();
    // Durations 5, 1, 4, 2, 3 seconds for 1A 1B 1C 2A 2B.
    for (panel, secs) in board
        .scenes
        .iter_mut()
        .flat_map(|s| s.panels.iter_mut())
        .zip([5u32, 1, 4, 2, 3])
    {
        panel.duration_ms = Some(secs * 1000);
    }
    let board_file = write_board(dir.path(), &board);
    let mut h = harness(app(Some(board_file), ScriptedDialogs::default()));

    h.get_by_label("Shot list").click();
    h.run();
    assert!(h.state().shot_list.visible);
    assert!(
        h.query_by_label("Panel 1A").is_none(),
        "the cards are hidden"
    );

    let order = |h: &egui_kittest::Harness<'_, shotboard::ui::ShotboardApp>| {
        let mut rows: Vec<(f32, String)> = ["1A", "1B", "1C", "2A", "2B"]
            .iter()
            .map(|s| {
                (
                    h.get_by_label(&format!("Row {s}")).rect().top(),
                    s.to_string(),
                )
            })
            .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        rows.into_iter().map(|(_, s)| s).collect::<Vec<_>>()
    };
    assert_eq!(order(&h), ["1A", "1B", "1C", "2A", "2B"]);
    h.get_by_label("Sort by Seconds").click();
    h.run();
    assert_eq!(order(&h), ["1B", "2A", "2B", "1C", "1A"]);
    h.get_by_label("Sort by Seconds").click();
    h.run();
    assert_eq!(order(&h), ["1A", "1C", "2B", "2A", "1B"], "reversed");

    // The row is wider than the view: click its visible start.
    let row = h.get_by_label("Row 2A").rect();
    super::support::click_at(&mut h, row.left_center() + egui::vec2(30.0, 0.0));
    assert_eq!(selected(h.state()), vec![13]);

    h.get_by_label("Shot list").click();
    h.run();
    assert!(!h.state().shot_list.visible);
    assert!(h.query_by_label("Panel 2A").is_some(), "the cards are back");
    assert_eq!(
        selected(h.state()),
        vec![13],
        "with the row's panel selected"
    );
}

#[test]
fn a_failed_export_says_why_in_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = write_board(dir.path(), &sample_board());
    let out = dir.path().join("no such folder").join("shots.csv");
    let dialogs = ScriptedDialogs {
        exports: vec![out.clone()],
        ..Default::default()
    };
    let mut h = harness(app(Some(board_file), dialogs));

    open_export_as(&mut h, "Shot list CSV");
    export_to_the_browsed_destination(&mut h);

    assert!(h.query_by_label("Export failed").is_some());
    assert!(h.query_by_label_contains("no such folder").is_some());
    assert!(!out.exists());
}

#[test]
fn the_shot_list_lays_out_only_visible_rows_and_follows_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut board = sample_board();
    let mut ids = shotboard::model::IdAllocator::new(&board);
    for i in 0..300 {
        let mut p = shotboard::model::Panel::new(ids.panel());
        p.action = format!("Extra {i}");
        board.scenes[1].panels.push(p);
    }
    let rows = shotboard::export::rows(&board);
    let first = format!("Row {}", rows[0].shot);
    let last = format!("Row {}", rows[rows.len() - 1].shot);
    let board_file = write_board(dir.path(), &board);
    let mut h = harness(app(Some(board_file), ScriptedDialogs::default()));

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    h.run();
    assert!(h.query_by_label(&first).is_some());
    assert!(
        h.query_by_label(&last).is_none(),
        "off-screen rows are not laid out"
    );

    h.key_press(Key::End);
    h.run();
    assert!(
        h.query_by_label(&last).is_some(),
        "scrolled to the selection"
    );
    assert!(h.query_by_label(&first).is_none());
    assert_eq!(
        h.state().selection.focus(),
        Some(rows[rows.len() - 1].panel)
    );
}

#[test]
fn a_new_sort_shows_the_top_of_the_shot_list_not_the_old_scroll_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut board = sample_board();
    // Sixty more panels in scene 2, each longer than the one before.
    for i in 0..60u64 {
        let mut p = shotboard::model::Panel::new(shotboard::model::PanelId(100 + i));
        p.duration_ms = Some(1000 + (i as u32) * 100);
        board.scenes[1].panels.push(p);
    }
    board.bump_next_id();
    let longest_label = format!("Row {}", shotboard::model::shot_labels(&board)[1][61]);
    let board_file = write_board(dir.path(), &board);
    let mut h = harness(app(Some(board_file), ScriptedDialogs::default()));
    h.get_by_label("Shot list").click();
    h.run();
    // Scroll to the bottom of the table.
    let row = h.get_by_label("Row 1A").rect();
    h.hover_at(row.left_center() + egui::vec2(30.0, 0.0));
    for _ in 0..40 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, -10.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        h.run();
    }
    assert!(h.query_by_label("Row 1A").is_none(), "scrolled away");
    // Sorted longest first, the longest (last in board order, so near the
    // old scroll position) must be at the top of the view.
    h.get_by_label("Sort by Seconds").click();
    h.run();
    h.get_by_label("Sort by Seconds").click();
    h.run();
    let top = h.get_by_label("Sort by Seconds").rect().bottom();
    let longest = h.get_by_label(&longest_label).rect();
    assert!(
        longest.top() >= top && longest.top() < top + 60.0,
        "the longest shot is not at the top of the view: {longest:?} below {top}"
    );
}

#[test]
fn esc_closes_the_export_window_and_pdfs_default_to_portrait_as_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(board_file), ScriptedDialogs::default()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(h.query_by_label("Export…").is_some(), "the window is open");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Export…").is_none(), "Esc closed it");
    assert_eq!(
        shotboard::export::PdfOptions::default().orientation,
        shotboard::export::Orientation::Portrait
    );
}

#[test]
fn the_export_window_writes_the_boards_words_back_as_a_fountain_script() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = write_board(dir.path(), &sample_board());
    let out = dir.path().join("new order.fountain");
    let dialogs = ScriptedDialogs {
        exports: vec![out.clone()],
        ..Default::default()
    };
    let mut h = harness(app(Some(board_file), dialogs));

    open_export_as(&mut h, "Fountain screenplay (the words)");
    export_to_the_browsed_destination(&mut h);

    let script = std::fs::read_to_string(&out).unwrap();
    let kitchen = script.find("INT. KITCHEN - NIGHT").expect("first heading");
    let street = script.find("EXT. STREET - DAY").expect("second heading");
    assert!(kitchen < street, "scenes in board order:\n{script}");
    let panel = script.find("Panel 3").expect("an action line");
    assert!(panel > street, "actions under their scene:\n{script}");
}

/// Open the Export window (Ctrl+E) and pick the format named `format`.
fn open_export_as(h: &mut Harness<'static, ShotboardApp>, format: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("Format").click();
    h.run();
    h.get_by_label(format).click();
    h.run();
}

/// Take the destination from the (scripted) file dialog through Browse…,
/// export, and wait for the export job to land.
fn export_to_the_browsed_destination(h: &mut Harness<'static, ShotboardApp>) {
    h.get_by_label("Browse…").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    h.state_mut().wait_idle(Duration::from_secs(20));
    h.run();
}
