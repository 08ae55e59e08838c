//! The first hour's rough edges (issue 15, items 9–11): the Export
//! window's destination, memory and modality; the shot list's resizable
//! columns; the timeline following the selection; the inspector's scroll
//! bar; the Preferences window and the menu bar; shot letters without I
//! and O.

use std::path::Path;
use std::time::Duration;

use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use shotboard::model::{Board, Numbering, Panel, PanelId, shot_labels};
use shotboard::ui::{AppCommand, Prefs, ScriptedDialogs, ShotboardApp, Startup, ThumbLoader};

use super::support::{
    app, click_at, drag, flat_loader, fresh_data_dir, harness, sample_board, selected, settle,
    write_board,
};

fn command(h: &mut Harness<'static, ShotboardApp>, c: AppCommand) {
    let ctx = h.ctx.clone();
    h.state_mut().execute(&ctx, c);
    h.run();
}

/// An app on `file` that starts with `prefs` (as after a restart).
fn app_with_prefs(file: &Path, prefs: Prefs, dialogs: ScriptedDialogs) -> ShotboardApp {
    let loader: ThumbLoader = flat_loader();
    ShotboardApp::new(Startup {
        file: Some(file.to_path_buf()),
        dialogs: Box::new(dialogs),
        thumb_loader: loader,
        prefs,
        data_dir: fresh_data_dir(),
    })
}

fn sized_harness(app: ShotboardApp, size: [f32; 2]) -> Harness<'static, ShotboardApp> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut ShotboardApp| app.show(ui), app);
    h.run();
    h
}

fn choose_format(h: &mut Harness<'static, ShotboardApp>, name: &str) {
    h.get_by_label("Format").click();
    h.run();
    h.get_by_label(name).click();
    h.run();
}

/// Replace the text of the field labelled `label` with `text`.
fn retype(h: &mut Harness<'static, ShotboardApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

fn destination(h: &Harness<'static, ShotboardApp>) -> String {
    h.get_by_label("Destination").value().unwrap_or_default()
}

// ---- item 9: the Export window ----------------------------------------------

#[test]
fn an_export_goes_to_a_typed_destination_without_any_file_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = write_board(dir.path(), &sample_board());
    std::fs::create_dir(dir.path().join("handouts")).unwrap();
    // No scripted answers: a file dialog would give nothing.
    let mut h = harness(app(Some(board_file), ScriptedDialogs::default()));

    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    choose_format(&mut h, "Shot list CSV");
    let typed = dir.path().join("handouts").join("day 1");
    retype(&mut h, "Destination", &typed.display().to_string());
    assert!(
        h.query_by_label_contains("day 1.csv").is_some(),
        "the window says the extension is added"
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(
        !h.get_by_label("Destination").is_focused(),
        "Esc leaves the field…"
    );
    assert!(h.query_by_label("Export…").is_some(), "…not the window");
    h.get_by_label("Export…").click();
    h.run();
    h.state_mut().wait_idle(Duration::from_secs(20));
    h.run();

    let out = dir.path().join("handouts").join("day 1.csv");
    let text = std::fs::read_to_string(&out).expect("the CSV is where it was typed");
    assert!(text.contains("Panel 3"), "{text}");
    let notice = h.state().notice_text().unwrap_or_default().to_owned();
    assert!(notice.contains("day 1.csv"), "{notice}");
}

#[test]
fn the_destination_starts_beside_the_board_and_browse_fills_it() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = write_board(dir.path(), &sample_board());
    let chosen = dir.path().join("chosen.pdf");
    let dialogs = ScriptedDialogs {
        exports: vec![chosen.clone()],
        ..Default::default()
    };
    let mut h = harness(app(Some(board_file), dialogs));

    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert_eq!(
        destination(&h),
        dir.path().join("board.pdf").display().to_string(),
        "a PDF beside the board by default"
    );
    choose_format(&mut h, "Animatic GIF");
    assert_eq!(
        destination(&h),
        dir.path().join("board.gif").display().to_string(),
        "the suggestion follows the format"
    );
    choose_format(&mut h, "PDF boards");
    h.get_by_label("Browse…").click();
    h.run();
    assert_eq!(destination(&h), chosen.display().to_string());
    assert!(!chosen.exists(), "Browse only chooses");
    assert!(
        h.query_by_label("Export…").is_some(),
        "the window stays open"
    );
}

#[test]
fn browse_without_a_native_dialog_asks_in_the_app_and_only_fills_the_destination() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = write_board(dir.path(), &sample_board());
    let dialogs = ScriptedDialogs {
        unavailable: true,
        ..Default::default()
    };
    let mut h = harness(app(Some(board_file), dialogs));
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    choose_format(&mut h, "Shot list CSV");
    h.get_by_label("Browse…").click();
    h.run();
    // Shotboard's own chooser, over the Export window.
    let target = dir.path().join("from the app");
    h.get_by_label("File name").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("File name")
        .type_text(target.to_str().unwrap());
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let chosen = dir.path().join("from the app.csv");
    assert_eq!(destination(&h), chosen.display().to_string());
    assert!(!chosen.exists(), "Browse only chooses");

    h.get_by_label("Export…").click();
    h.run();
    h.state_mut().wait_idle(Duration::from_secs(20));
    h.run();
    assert!(chosen.exists());
}

#[test]
fn export_choices_are_remembered_per_board_and_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("a")).unwrap();
    std::fs::create_dir(dir.path().join("b")).unwrap();
    let a = write_board(&dir.path().join("a"), &sample_board());
    let b = write_board(&dir.path().join("b"), &sample_board());
    let a_csv = dir.path().join("a").join("a shots.csv");
    let dialogs = ScriptedDialogs {
        exports: vec![a_csv.clone()],
        ..Default::default()
    };
    let mut h = harness(app_with_prefs(&a, Prefs::default(), dialogs));

    // Board A: a CSV without a byte-order mark, browsed to "a shots.csv".
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    choose_format(&mut h, "Shot list CSV");
    h.get_by_label("Byte-order mark (for Excel)").click();
    h.run();
    h.get_by_label("Browse…").click();
    h.run();
    h.get_by_label("Close").click();
    h.run();

    // Board B, opened in the same window: its own (default) choices.
    let ctx = h.ctx.clone();
    h.state_mut().open_path(&ctx, b.clone());
    settle(&mut h);
    assert_eq!(h.state().doc.path(), Some(b.as_path()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(h.query_by_label("Title page").is_some(), "PDF, the default");
    assert_eq!(
        destination(&h),
        dir.path().join("b").join("board.pdf").display().to_string()
    );
    h.key_press(Key::Escape);
    h.run();
    let prefs = h.state().prefs.clone();
    drop(h);

    // A restart on board A brings A's choices back.
    let mut h = harness(app_with_prefs(&a, prefs, ScriptedDialogs::default()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    let bom = h.get_by_label("Byte-order mark (for Excel)");
    assert_eq!(
        bom.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::False)
    );
    assert_eq!(destination(&h), a_csv.display().to_string());
    h.get_by_label("Export…").click();
    h.run();
    h.state_mut().wait_idle(Duration::from_secs(20));
    assert!(a_csv.exists(), "one click exports where it went last time");
}

#[test]
fn the_export_window_is_modal() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(board_file), ScriptedDialogs::default()));
    h.get_by_label("Panel 2B").click();
    h.run();

    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    // Shortcuts don't reach the board behind the window.
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(
        h.state().doc.undo_depth(),
        0,
        "nothing was duplicated or deleted"
    );
    // Nor do clicks: one beside the window closes it, and selects nothing.
    let card = h.get_by_label("Panel 1A").rect().center();
    click_at(&mut h, card);
    assert_eq!(selected(h.state()), vec![14]);
    assert!(h.query_by_label("Export…").is_none(), "closed by the click");
}

#[test]
fn the_export_windows_pdf_is_the_command_lines_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(board_file.clone()), ScriptedDialogs::default()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    h.state_mut().wait_idle(Duration::from_secs(30));
    let from_window = dir.path().join("board.pdf");

    let from_cli = dir.path().join("cli.pdf");
    let job = shotboard::headless::export_job("pdf", &Default::default()).unwrap();
    shotboard::headless::export(
        &board_file,
        &job,
        &from_cli,
        &shotboard::export::Progress::new(),
    )
    .unwrap();
    let pages = |path: &Path| {
        let doc = pdf_extract::Document::load(path).unwrap();
        let first = *doc.get_pages().values().next().unwrap();
        let media_box = doc
            .get_dictionary(first)
            .and_then(|page| page.get(b"MediaBox"))
            .map(|b| format!("{b:?}"))
            .unwrap_or_default();
        let text = pdf_extract::extract_text(path).unwrap();
        (doc.get_pages().len(), media_box, text)
    };
    assert_eq!(
        pages(&from_window),
        pages(&from_cli),
        "same pages by default"
    );
}

// ---- item 10: the shot list's columns ------------------------------------------

fn open_shot_list(h: &mut Harness<'static, ShotboardApp>) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    h.run();
    assert!(h.state().shot_list.visible);
}

#[test]
fn shot_list_columns_resize_by_dragging_their_header_edge() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(board_file), ScriptedDialogs::default()));
    open_shot_list(&mut h);
    let heading = h.get_by_label("Sort by Heading").rect();
    let location = h.get_by_label("Sort by Location").rect();

    let edge = h.get_by_label("Resize Heading").rect().center();
    drag(&mut h, edge, edge + vec2(-120.0, 0.0));
    let narrower = h.get_by_label("Sort by Heading").rect();
    assert!(
        (narrower.width() - (heading.width() - 120.0)).abs() < 2.0,
        "{heading:?} → {narrower:?}"
    );
    let moved = h.get_by_label("Sort by Location").rect();
    assert!(
        (moved.left() - (location.left() - 120.0)).abs() < 2.0,
        "the next column follows"
    );
    assert_eq!(
        h.state().shot_list.sort,
        None,
        "resizing is not a click on the header"
    );

    // No narrower than a sliver.
    let edge = h.get_by_label("Resize Heading").rect().center();
    drag(&mut h, edge, edge + vec2(-600.0, 0.0));
    assert!(h.get_by_label("Sort by Heading").rect().width() >= 20.0);
}

#[test]
fn a_cut_cell_ends_in_an_ellipsis_and_shows_its_whole_text_on_hover() {
    let dir = tempfile::tempdir().unwrap();
    let mut board = sample_board();
    let heading = "INT. THE LIGHTHOUSE KEEPER'S KITCHEN, FLOODED AT HIGH TIDE - NIGHT";
    board.scenes[0].heading = heading.into();
    let board_file = write_board(dir.path(), &board);
    let mut h = harness(app(Some(board_file), ScriptedDialogs::default()));
    open_shot_list(&mut h);

    // The inspector shows the selected panel's heading once.
    let shown = |h: &Harness<'static, ShotboardApp>| h.query_all_by_label(heading).count();
    assert_eq!(shown(&h), 1);
    let column = h.get_by_label("Sort by Heading").rect();
    let row = h.get_by_label("Row 1A").rect();
    h.hover_at(Pos2::new(column.center().x, row.center().y));
    h.run_steps(60);
    assert_eq!(shown(&h), 2, "the whole heading on hover");

    // A cell that fits shows no tooltip.
    let shot = h.get_by_label("Sort by Shot").rect();
    h.hover_at(Pos2::new(shot.center().x, row.center().y));
    h.run_steps(60);
    assert_eq!(shown(&h), 1);
}

// ---- item 11: the timeline follows the selection ---------------------------------

#[test]
fn selecting_a_card_moves_the_playhead_and_scrolls_the_timeline_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut board = sample_board();
    let mut ids = shotboard::model::IdAllocator::new(&board);
    for i in 0..60 {
        let mut p = Panel::new(ids.panel());
        p.action = format!("Extra {i}");
        board.scenes[1].panels.push(p);
    }
    let labels = shot_labels(&board);
    let last_label = labels[1].last().unwrap().to_string();
    let last = board.scenes[1].panels.last().unwrap().id;
    let board_file = write_board(dir.path(), &board);
    let block = format!("Timeline {last_label}");
    for size in [[1280.0, 800.0], [900.0, 600.0]] {
        let mut h = sized_harness(
            app(Some(board_file.clone()), ScriptedDialogs::default()),
            size,
        );
        command(&mut h, AppCommand::ToggleTimeline);
        assert!(
            h.query_by_label(&block).is_none(),
            "off the timeline's view"
        );

        // A card clicked on the canvas.
        h.get_by_label("Panel 1B").click();
        h.run();
        let schedule = shotboard::playback::Schedule::new(h.state().doc.board());
        assert_eq!(
            h.state().playhead(),
            schedule.start_of(PanelId(11)).unwrap()
        );

        // The keys select the last panel: the timeline scrolls to its block.
        h.key_press(Key::End);
        h.run();
        h.run();
        assert_eq!(h.state().selection.focus(), Some(last));
        assert_eq!(h.state().playhead(), schedule.start_of(last).unwrap());
        let shown = h.get_by_label(&block).rect();
        let inspector = h.get_by_label("Action").rect().left();
        assert!(
            shown.right() < inspector,
            "{size:?}: the block {shown:?} is not in view left of the inspector ({inspector})"
        );
    }
}

// ---- item 11: the inspector's scroll bar ----------------------------------------

#[test]
fn inspector_fields_end_before_its_scroll_bar() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = write_board(dir.path(), &sample_board());
    // Small enough that the inspector scrolls.
    let mut h = sized_harness(
        app(Some(board_file), ScriptedDialogs::default()),
        [900.0, 600.0],
    );
    h.get_by_label("Panel 1A").click();
    h.run();
    let field = h.get_by_label("Action").rect();
    // The side panel's inner edge is its 8-point margin from the window's;
    // a floating scroll bar (10 points when hovered) is drawn inside it.
    let inner_edge = 900.0 - 8.0;
    assert!(
        field.right() <= inner_edge - 10.0,
        "the Action field runs under the scroll bar: its right edge is {}",
        field.right()
    );
}

// ---- item 11: the Preferences window and the menu bar ------------------------------

#[test]
fn the_preferences_window_stays_below_the_menu_bar() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(board_file), ScriptedDialogs::default()));
    command(&mut h, AppCommand::Preferences);
    let menu_bottom = h.get_by_label("File").rect().bottom();
    let window = h.get_by_label("Preferences").rect();
    assert!(window.top() > menu_bottom, "opens below the menu bar");

    // Dragged by its title bar up over the menus, it stops below them.
    let grip = Pos2::new(window.center().x, window.top() + 8.0);
    drag(&mut h, grip, Pos2::new(grip.x + 40.0, 2.0));
    h.run();
    let moved = h.get_by_label("Preferences").rect();
    assert!(
        moved.left() > window.left() + 20.0,
        "the drag moved the window: {window:?} → {moved:?}"
    );
    assert!(
        moved.top() > menu_bottom,
        "the window {moved:?} covers the menu bar (bottom {menu_bottom})"
    );
}

// ---- item 11: shot letters without I and O -----------------------------------------

/// A board numbered before the setting existed, nine shots in one scene.
fn nine_shot_board() -> Board {
    let mut board = sample_board();
    let mut ids = shotboard::model::IdAllocator::new(&board);
    for _ in 0..6 {
        board.scenes[0].panels.push(Panel::new(ids.panel()));
    }
    assert_eq!(board.numbering, Numbering::default());
    board
}

#[test]
fn boards_numbered_before_keep_their_letters_and_can_skip_i_and_o_as_new_boards_do() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = write_board(dir.path(), &nine_shot_board());
    let mut h = harness(app(Some(board_file), ScriptedDialogs::default()));
    assert!(
        h.query_by_label("Panel 1I").is_some(),
        "today's labels kept"
    );

    h.get_by_label("Board settings").scroll_to_me();
    h.run();
    h.get_by_label("Board settings").click();
    h.run();
    h.get_by_label("Skip I and O").scroll_to_me();
    h.run();
    h.get_by_label("Skip I and O").click();
    h.run();
    assert!(h.query_by_label("Panel 1I").is_none());
    assert!(h.query_by_label("Panel 1J").is_some(), "I skipped");
    assert_eq!(
        h.state().doc.undo_label(),
        Some("Skip I and O in shot letters")
    );
    command(&mut h, AppCommand::Undo);
    assert!(h.query_by_label("Panel 1I").is_some(), "one undo step");

    // A new board skips them from the start.
    command(&mut h, AppCommand::New);
    if h.query_by_label("Discard").is_some() {
        h.get_by_label("Discard").click();
        h.run();
    }
    assert!(h.state().doc.board().numbering.skip_i_and_o);
}

// ---- item 11: the find bar and the canvas's scroll ---------------------------------

#[test]
fn opening_and_closing_the_find_bar_leaves_the_cards_where_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let mut board = sample_board();
    let mut ids = shotboard::model::IdAllocator::new(&board);
    for i in 0..80 {
        let mut p = Panel::new(ids.panel());
        p.action = format!("Extra {i}");
        board.scenes[1].panels.push(p);
    }
    let labels: Vec<String> = shot_labels(&board)
        .iter()
        .flatten()
        .map(|l| format!("Panel {l}"))
        .collect();
    let board_file = write_board(dir.path(), &board);
    // At 900 points the find bar's row is wider than the canvas.
    for size in [[1280.0, 800.0], [900.0, 600.0]] {
        let mut h = sized_harness(
            app(Some(board_file.clone()), ScriptedDialogs::default()),
            size,
        );
        // Scroll down into the second scene.
        h.hover_at(h.get_by_label("Panel 1A").rect().center());
        for _ in 0..10 {
            h.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Line,
                delta: vec2(0.0, -3.0),
                modifiers: Modifiers::NONE,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
            });
            h.run();
        }
        let card = labels
            .iter()
            .find(|l| h.query_by_label(l).is_some())
            .unwrap()
            .clone();
        let before = h.get_by_label(&card).rect();

        h.key_press_modifiers(Modifiers::COMMAND, Key::F);
        h.run();
        h.get_by_label("Find").type_text("Extra");
        h.run();
        let open = h.get_by_label(&card).rect();
        h.get_by_label("Close").click();
        h.run();
        let closed = h.get_by_label(&card).rect();
        assert_eq!(open, before, "{size:?}: opening the find bar moved {card}");
        assert_eq!(
            closed, before,
            "{size:?}: closing the find bar moved {card}"
        );
    }
}

// ---- item 11: a duration of 0 --------------------------------------------------------

#[test]
fn a_duration_of_zero_becomes_one_frame_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let board_file = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(board_file), ScriptedDialogs::default()));
    h.get_by_label("Panel 1A").click();
    h.run();
    h.get_by_label("Duration").set_value_accesskit(0.0);
    h.run();
    let board = h.state().doc.board();
    let panel = board.panel(PanelId(10)).unwrap();
    assert_eq!(board.panel_frames(panel), 1);
    let one_frame = board.fps.duration_label(1);
    assert_eq!(
        h.get_by_label("Duration").value().as_deref(),
        Some(one_frame.as_str()),
        "the field names the frame it counts"
    );
}
