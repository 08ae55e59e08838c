//! The desktop-app chrome, driven through the real app: the Getting
//! started overlay, the keyboard-shortcuts sheet, Help → Open logs folder,
//! Preferences, and what a crash leaves behind for the next start.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use egui::{Key, ModifierNames};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shotboard::store::recovery;
use shotboard::ui::{AppCommand, Prefs, ScriptedDialogs, ShotboardApp, VERSION};

use super::support::{
    app, app_with_prefs, fresh_data_dir, harness, sample_board, settle, write_board,
};

#[test]
fn getting_started_shows_on_the_first_launch_only_once_dismissed() {
    let data = fresh_data_dir();
    let mut h = harness(app_with_prefs(
        None,
        ScriptedDialogs::default(),
        data.clone(),
        Prefs::default(),
    ));
    assert!(
        h.query_by_label("Got it").is_some(),
        "first launch shows it"
    );
    h.get_by_label("Got it").click();
    h.run();
    assert!(h.query_by_label("Got it").is_none());
    let prefs = h.state().prefs.clone();
    assert!(prefs.getting_started_seen);

    // The next start, with the preferences saved, does not show it…
    let mut h = harness(app_with_prefs(
        None,
        ScriptedDialogs::default(),
        data,
        prefs,
    ));
    h.run();
    assert!(h.query_by_label("Got it").is_none(), "shown again");
    // …until asked for from the Help menu.
    let ctx = h.ctx.clone();
    h.state_mut().execute(&ctx, AppCommand::GettingStarted);
    h.run();
    assert!(h.query_by_label("Got it").is_some());
}

#[test]
fn the_shortcuts_sheet_lists_every_command_that_has_a_shortcut() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("keys.html");
    let dialogs = ScriptedDialogs {
        exports: vec![sheet.clone()],
        ..ScriptedDialogs::default()
    };
    let revealed = Arc::clone(&dialogs.revealed);
    let path = write_board(dir.path(), &sample_board());
    let mut h = harness(app(Some(path), dialogs));
    // Menu names also label toolbar buttons: count what the sheet adds.
    let count =
        |h: &Harness<'static, ShotboardApp>, label: &str| h.query_all_by_label(label).count();
    let before: Vec<usize> = AppCommand::ALL
        .iter()
        .map(|c| count(&h, c.text()))
        .collect();
    h.key_press(Key::F1);
    h.run();
    let os = h.ctx.os();
    let mac = os == egui::os::OperatingSystem::Mac;
    let mut listed = 0;
    for (i, &command) in AppCommand::ALL.iter().enumerate() {
        let keys: Vec<String> = command
            .kb_shortcuts(os)
            .iter()
            .map(|s| s.format(&ModifierNames::NAMES, mac))
            .collect();
        if keys.is_empty() {
            continue;
        }
        listed += 1;
        assert!(
            count(&h, command.text()) > before[i],
            "{command:?} is not on the sheet"
        );
        assert!(
            count(&h, &keys.join("   ")) > 0,
            "{command:?}'s keys {keys:?} are not on the sheet"
        );
    }
    assert!(listed > 30, "only {listed} commands with keys");

    h.get_by_label("Save printable copy…").click();
    // Written by a job.
    settle(&mut h);
    let page = std::fs::read_to_string(&sheet).expect("the printable sheet is saved");
    assert!(page.contains("<kbd>F1</kbd>") && page.contains("Keyboard shortcuts"));
    assert_eq!(*revealed.lock().unwrap(), [sheet], "opened for printing");
}

#[test]
fn open_logs_folder_shows_the_logs_folder_in_the_data_folder() {
    let data = fresh_data_dir();
    let dialogs = ScriptedDialogs::default();
    let revealed = Arc::clone(&dialogs.revealed);
    let mut h = harness(super::support::app_with_data_dir(
        None,
        dialogs,
        data.clone(),
    ));
    let ctx = h.ctx.clone();
    h.state_mut().execute(&ctx, AppCommand::OpenLogsFolder);
    h.run();
    assert_eq!(*revealed.lock().unwrap(), [data.join("logs")]);
    assert!(data.join("logs").is_dir());
}

#[test]
fn new_boards_take_the_frame_rate_duration_and_author_from_preferences() {
    let prefs = Prefs {
        default_fps: shotboard::model::Fps::Fps25,
        default_duration_ms: 1500,
        author: "Ana".into(),
        ..super::support::returning_user()
    };
    let mut h = harness(app_with_prefs(
        None,
        ScriptedDialogs::default(),
        fresh_data_dir(),
        prefs,
    ));
    let ctx = h.ctx.clone();
    h.state_mut().execute(&ctx, AppCommand::New);
    settle(&mut h);
    let board = h.state().doc.board();
    assert_eq!(board.fps, shotboard::model::Fps::Fps25);
    assert_eq!(board.default_duration_ms, 1500);
    assert_eq!(board.author, "Ana");
}

/// A harness whose frames run under the crash guard, panicking after the
/// frame once `explode` is set.
fn guarded_harness(app: ShotboardApp, explode: Arc<AtomicBool>) -> Harness<'static, ShotboardApp> {
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(64)
        .build_ui_state(
            move |ui, app: &mut ShotboardApp| {
                let explode = Arc::clone(&explode);
                app.show_guarded(ui, move |app, ui| {
                    app.show(ui);
                    assert!(!explode.load(Ordering::SeqCst), "forced crash for the test");
                });
            },
            app,
        );
    h.run();
    h
}

#[test]
fn a_crash_writes_a_report_keeps_the_work_and_the_next_start_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = fresh_data_dir();
    let path = write_board(dir.path(), &sample_board());
    let explode = Arc::new(AtomicBool::new(false));
    let mut h = guarded_harness(
        super::support::app_with_data_dir(
            Some(path.clone()),
            ScriptedDialogs::default(),
            data.clone(),
        ),
        Arc::clone(&explode),
    );
    // Autosave far off: only the crash guard can write the copy in time.
    h.state_mut().safety.autosave_delay = Duration::from_secs(600);
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().doc.board().panel_count(), 4);
    assert!(!recovery::recovery_path(&path).exists());

    explode.store(true, Ordering::SeqCst);
    let crashed = std::panic::catch_unwind(AssertUnwindSafe(|| h.run()));
    assert!(crashed.is_err(), "the panic goes on after the guard");
    drop(h); // The process would be gone: its board lock with it.

    let copy = recovery::read_recovery(&path)
        .unwrap()
        .expect("a recovery copy");
    assert_eq!(copy.panel_count(), 4, "the copy holds the unsaved delete");
    let reports: Vec<_> = std::fs::read_dir(data.join("logs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    assert_eq!(reports.len(), 1, "one crash report: {reports:?}");
    let report = std::fs::read_to_string(&reports[0]).unwrap();
    for needle in [
        VERSION,
        std::env::consts::OS,
        "forced crash for the test",
        "backtrace:",
    ] {
        assert!(
            report.contains(needle),
            "no {needle:?} in the report:\n{report}"
        );
    }
    for board_text in [
        "Sample",
        "INT. KITCHEN",
        "Panel 1",
        &path.display().to_string(),
    ] {
        assert!(
            !report.contains(board_text),
            "board content {board_text:?} in the report"
        );
    }

    // The next start says what happened, where the report is, and offers
    // the recovered work.
    let mut h = harness(super::support::app_with_data_dir(
        None,
        ScriptedDialogs::default(),
        data.clone(),
    ));
    assert!(
        h.query_by_label_contains("Your work since the last save was recovered")
            .is_some()
    );
    assert!(
        h.query_by_label(&reports[0].display().to_string())
            .is_some()
    );
    assert!(h.query_by_label("Restore Sample").is_some());
    h.get_by_label("OK").click();
    h.run();
    assert_eq!(
        h.query_all_by_label_contains("closed unexpectedly").count(),
        0
    );

    // Told once.
    let h = harness(super::support::app_with_data_dir(
        None,
        ScriptedDialogs::default(),
        data,
    ));
    assert_eq!(
        h.query_all_by_label_contains("closed unexpectedly").count(),
        0
    );
}

#[test]
fn preferences_set_the_theme_scale_and_autosave_delay_at_once() {
    let mut h = harness(app(None, ScriptedDialogs::default()));
    let ctx = h.ctx.clone();
    h.state_mut().execute(&ctx, AppCommand::Preferences);
    h.run();
    h.get_by_label("Light").click();
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
    assert_eq!(h.state().prefs.theme, shotboard::ui::Theme::Light);

    let mut prefs = h.state().prefs.clone();
    prefs.ui_scale = 1.5;
    prefs.autosave_secs = 10;
    // A start with those preferences (as saved) uses them.
    let h = harness(app_with_prefs(
        None,
        ScriptedDialogs::default(),
        fresh_data_dir(),
        prefs,
    ));
    assert_eq!(h.ctx.zoom_factor(), 1.5);
    assert_eq!(h.state().safety.autosave_delay, Duration::from_secs(10));
}
