//! Review meetings: playback with simulated time, presentation keys,
//! comments, filters and retiming on the timeline.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shotboard::edit::{Edit, PanelField};
use shotboard::model::{PanelId, ReviewStatus};
use shotboard::ui::{AppCommand, ScriptedDialogs, ShotboardApp};

use super::support::{app, drag, sample_board, selected, write_board};

/// Simulated frame time: a quarter second, six frames at 24 fps.
const STEP: f32 = 0.25;

fn review_harness(dir: &std::path::Path) -> Harness<'static, ShotboardApp> {
    let path = write_board(dir, &sample_board());
    let mut h = Harness::builder()
        // Tall enough that the inspector's comment section is on screen.
        .with_size([1280.0, 1500.0])
        .with_step_dt(STEP)
        .with_max_steps(64)
        .build_ui_state(
            |ui, app: &mut ShotboardApp| app.show(ui),
            app(Some(path), ScriptedDialogs::default()),
        );
    h.run();
    h
}

/// Focus a text field, then type into it.
fn type_into(h: &mut Harness<'static, ShotboardApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text(text);
}

/// Stopped: once the thumbnails asked for while playing have landed, no
/// more repaints are requested (zero idle CPU), so a further run is a
/// single frame.
fn assert_settles(h: &mut Harness<'static, ShotboardApp>) {
    h.run();
    // Wait for the workers rather than a fixed time: on a busy machine
    // 200 ms was not always enough for the last thumbnails to land.
    h.state_mut().wait_idle(std::time::Duration::from_secs(10));
    h.run();
    h.state_mut().wait_idle(std::time::Duration::from_secs(10));
    h.run();
    assert_eq!(h.run(), 1, "still repainting after playback stopped");
}

fn command(h: &mut Harness<'static, ShotboardApp>, c: AppCommand) {
    let ctx = h.ctx.clone();
    h.state_mut().execute(&ctx, c);
    h.run();
}

/// One simulated step once the workers have rendered what was asked for:
/// the simulated clock runs far faster than real rendering on a busy
/// machine, and the tests are about what is asked for ahead, not how fast.
fn step_rendered(h: &mut Harness<'static, ShotboardApp>) {
    h.state_mut().wait_idle(std::time::Duration::from_secs(10));
    h.step();
}

/// Step until the pre-roll is over and the clock runs (the first stage
/// picture renders on a worker thread).
fn until_rolling(h: &mut Harness<'static, ShotboardApp>, from: u64) {
    for _ in 0..40 {
        // Real time for the worker; the simulated clock holds meanwhile.
        step_rendered(h);
        if h.state().playhead() != from {
            return;
        }
    }
    panic!("playback never started");
}

#[test]
fn playback_follows_simulated_time_and_stops_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = review_harness(dir.path());
    h.get_by_label("Panel 1B").click();
    h.run();
    h.key_press(Key::Space);
    h.step();
    assert!(h.state().is_playing());
    // 1B starts at 2 s: frame 48 at 24 fps; the clock holds until its
    // picture is ready.
    assert_eq!(h.state().playhead(), 48);
    assert_eq!(h.state().shown_panel(), Some(PanelId(11)));
    until_rolling(&mut h, 48);
    let p = h.state().playhead();
    assert!((49..=60).contains(&p), "{p}");
    // From here every step is exactly six frames.
    h.step();
    assert_eq!(h.state().playhead(), p + 6);
    // Eight steps (2 s, 48 frames) later the next panel is on screen, and
    // the selection follows it.
    for _ in 0..8 {
        h.step();
    }
    let q = h.state().playhead();
    assert_eq!(q, p + 54);
    let expected = if q >= 144 { 13 } else { 12 };
    assert_eq!(h.state().shown_panel(), Some(PanelId(expected)));
    assert_eq!(selected(h.state()), vec![expected]);
    assert_eq!(
        h.state().playhead_timecode(),
        format!("00:00:{:02}:{:02}", q / 24, q % 24)
    );
    // The board is 10 s long; it stops on its own at the last frame.
    for _ in 0..40 {
        step_rendered(&mut h);
    }
    assert!(!h.state().is_playing());
    assert_eq!(h.state().playhead(), 239);
    assert_eq!(selected(h.state()), vec![14]);
    assert_eq!(h.state().playback_hitches(), 0, "a panel change waited");
    assert_settles(&mut h);
}

/// The delay before the next paint that the last frame asked for.
fn repaint_delay(h: &Harness<'static, ShotboardApp>) -> std::time::Duration {
    h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay
}

/// Step until the stage pictures asked for ahead have landed, so that no
/// worker's repaint request is in flight.
fn settle_workers(h: &mut Harness<'static, ShotboardApp>) {
    step_rendered(h);
    h.step();
}

#[test]
fn playback_repaints_per_board_frame_or_at_the_next_cut_never_per_display_frame() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = review_harness(dir.path());
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press(Key::F5);
    h.run();
    // The first picture is up before Play, so the pre-roll is short.
    settle_workers(&mut h);
    h.key_press(Key::P);
    h.step();
    until_rolling(&mut h, 0);
    settle_workers(&mut h);
    // The timecode and progress bar are on screen: one paint per board
    // frame (steps land on frame boundaries: a whole frame ahead).
    let frame = std::time::Duration::from_secs_f64(1.0 / 24.0);
    let delay = repaint_delay(&h);
    let close = |d: std::time::Duration, want: std::time::Duration| {
        d.abs_diff(want) < std::time::Duration::from_micros(10)
    };
    assert!(close(delay, frame), "playing: {delay:?}");
    // Blanked, nothing shows the time: the next paint is the next cut.
    h.key_press(Key::B);
    h.step();
    settle_workers(&mut h);
    let p = h.state().playhead();
    let delay = repaint_delay(&h);
    let cut = (p / 48 + 1) * 48;
    // At most a quarter second: the clock steps half a second per tick.
    let want = std::time::Duration::from_secs_f64(((cut - p) as f64 / 24.0).min(0.25));
    assert!(
        close(delay, want),
        "blank at frame {p}: {delay:?}, want {want:?}"
    );
    assert!(delay > frame, "blank at frame {p}: {delay:?}");
    assert_eq!(h.state().playback_hitches(), 0);
    // Stopped: no paint asked for at all.
    h.key_press(Key::P);
    h.step();
    assert!(!h.state().is_playing());
    assert_settles(&mut h);
}

#[test]
fn space_stops_playback_where_it_is_and_looping_keeps_going() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = review_harness(dir.path());
    h.get_by_label("Panel 2B").click();
    h.run();
    command(&mut h, AppCommand::ToggleLoop);
    h.key_press(Key::Space);
    h.step();
    until_rolling(&mut h, 192);
    // 2B lasts 2 s; four more seconds loop back round to the start.
    for _ in 0..16 {
        h.step();
    }
    assert!(h.state().is_playing());
    let p = h.state().playhead();
    assert!(p < 192, "looped to the start: {p}");
    h.key_press(Key::Space);
    h.step();
    assert!(!h.state().is_playing());
    assert_settles(&mut h);
}

#[test]
fn presentation_keys_move_and_set_status() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = review_harness(dir.path());
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press(Key::F5);
    h.run();
    assert!(h.state().is_presenting());
    let shown = |h: &Harness<'static, ShotboardApp>| h.state().shown_panel().map(|p| p.0);
    assert_eq!(shown(&h), Some(10));
    for (key, expect) in [
        (Key::ArrowRight, 11),
        (Key::Space, 12),
        (Key::ArrowLeft, 11),
        (Key::End, 14),
        (Key::Home, 10),
    ] {
        h.key_press(key);
        h.run();
        assert_eq!(shown(&h), Some(expect), "{key:?}");
    }
    // Number + Enter jumps to the Nth panel.
    h.key_press(Key::Num4);
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(shown(&h), Some(13));

    let status = |h: &Harness<'static, ShotboardApp>| {
        h.state().doc.board().panel(PanelId(13)).map(|p| p.status)
    };
    h.key_press(Key::C);
    h.run();
    assert_eq!(status(&h), Some(ReviewStatus::NeedsChanges));
    h.key_press(Key::A);
    h.run();
    assert_eq!(status(&h), Some(ReviewStatus::Approved));
    h.key_press(Key::D);
    h.run();
    assert_eq!(status(&h), Some(ReviewStatus::Draft));
    assert_eq!(h.state().doc.undo_depth(), 3);

    // N opens a quick comment box; Enter posts it.
    h.state_mut().prefs.author = "Dana".into();
    h.key_press(Key::N);
    h.run();
    type_into(&mut h, "Comment", "Too dark");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let comments = h
        .state()
        .doc
        .board()
        .panel(PanelId(13))
        .unwrap()
        .comments
        .clone();
    assert_eq!(comments.len(), 1);
    assert_eq!(
        (comments[0].author.as_str(), comments[0].text.as_str()),
        ("Dana", "Too dark")
    );

    // B blanks; Esc goes back to the canvas on the presented panel.
    h.key_press(Key::B);
    h.run();
    assert!(h.query_by_label("Next panel").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().is_presenting());
    assert_eq!(selected(h.state()), vec![13]);
}

#[test]
fn comments_are_added_replied_to_and_resolved() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = review_harness(dir.path());
    h.get_by_label("Panel 1B").click();
    h.run();
    // No name yet: the inspector asks for it once.
    type_into(&mut h, "Your name, to sign comments", "Ana");
    h.run();
    h.get_by_label("Save name").click();
    h.run();
    assert_eq!(h.state().prefs.author, "Ana");
    assert!(h.query_by_label("Your name, to sign comments").is_none());

    type_into(&mut h, "New comment", "Wider, please");
    h.run();
    h.get_by_label("Add comment").click();
    h.run();
    h.get_by_label("Reply").click();
    h.run();
    type_into(&mut h, "Reply", "Done in v2");
    h.run();
    h.get_by_label("Post reply").click();
    h.run();
    let panel = h.state().doc.board().panel(PanelId(11)).unwrap();
    assert_eq!(panel.comments.len(), 1);
    let c = &panel.comments[0];
    assert_eq!(
        (c.author.as_str(), c.text.as_str()),
        ("Ana", "Wider, please")
    );
    assert!(c.time.ends_with('Z') && c.time.len() == 20, "{}", c.time);
    assert_eq!(c.replies.len(), 1);
    assert_eq!(c.replies[0].text, "Done in v2");
    assert_eq!(panel.unresolved_comments(), 1);

    h.get_by_label("Resolve").click();
    h.run();
    assert_eq!(
        h.state()
            .doc
            .board()
            .panel(PanelId(11))
            .unwrap()
            .unresolved_comments(),
        0
    );
    h.get_by_label("Reopen").click();
    h.run();
    assert_eq!(
        h.state()
            .doc
            .board()
            .panel(PanelId(11))
            .unwrap()
            .unresolved_comments(),
        1
    );
    assert_eq!(h.state().doc.undo_depth(), 4);
}

#[test]
fn filtering_by_status_dims_the_rest_and_finds_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = review_harness(dir.path());
    let edit = Edit::SetPanels {
        changes: vec![
            (PanelId(11), PanelField::Status(ReviewStatus::NeedsChanges)),
            (PanelId(14), PanelField::Status(ReviewStatus::NeedsChanges)),
            (PanelId(12), PanelField::Action("kettle on".into())),
        ],
    };
    h.state_mut().doc.apply(edit, "setup").unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Filter status").click();
    h.run();
    h.get_by_label("Needing changes only").click();
    h.run();
    let lit = |h: &Harness<'static, ShotboardApp>| {
        let mut v: Vec<u64> = h
            .state()
            .canvas
            .highlight
            .as_ref()
            .map(|s| s.iter().map(|p| p.0).collect())
            .unwrap_or_default();
        v.sort_unstable();
        v
    };
    assert_eq!(lit(&h), vec![11, 14]);

    command(&mut h, AppCommand::NextNeedingChanges);
    assert_eq!(selected(h.state()), vec![11]);
    command(&mut h, AppCommand::NextNeedingChanges);
    assert_eq!(selected(h.state()), vec![14]);

    // Searching is case-insensitive and combines with no filter.
    h.get_by_label("Filter status").click();
    h.run();
    h.get_by_label("Any status").click();
    h.run();
    type_into(&mut h, "Find", "KETTLE");
    h.run();
    assert_eq!(lit(&h), vec![12]);
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().canvas.highlight.is_none());
}

#[test]
fn dragging_a_block_edge_retimes_in_whole_frames_as_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = review_harness(dir.path());
    command(&mut h, AppCommand::ToggleTimeline);
    h.get_by_label("Timeline 2A").click();
    h.run();
    assert_eq!(selected(h.state()), vec![13]);
    // The timeline's total is the board's runtime, as in the status bar.
    let totals = h
        .query_all_by_label_contains("runtime 0:10.000 (240 frames @ 24 fps)")
        .count();
    assert_eq!(totals, 2, "timeline and status bar");

    // Two points per frame: 21 points right is 10.5 frames, snapped to 11.
    let edge = h.get_by_label("Retime 1A").rect().center();
    drag(&mut h, edge, edge + egui::vec2(21.0, 0.0));
    let board = h.state().doc.board();
    let panel = board.panel(PanelId(10)).unwrap();
    assert_eq!(board.panel_frames(panel), 59);
    assert_eq!(panel.duration_ms, Some(2458));
    assert_eq!(board.runtime_frames(), 251);
    assert_eq!(h.state().doc.undo_depth(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state()
            .doc
            .board()
            .panel(PanelId(10))
            .unwrap()
            .duration_ms,
        None
    );
}

#[test]
fn scrubbing_sets_where_play_starts_and_one_scene_plays_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = review_harness(dir.path());
    command(&mut h, AppCommand::ToggleTimeline);
    // Click the ruler 200 points in: frame 100 at two points per frame,
    // inside 1C (frames 96..144).
    let ruler = h.get_by_label("Playhead").rect();
    let at = egui::pos2(ruler.left() + 200.0, ruler.center().y);
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.run();
    h.drop_at(at);
    h.run();
    assert_eq!(h.state().playhead(), 100);
    assert_eq!(selected(h.state()), vec![12]);

    // Shift+Space plays the scene from the playhead and stops at its end.
    h.key_press_modifiers(Modifiers::SHIFT, Key::Space);
    h.step();
    assert!(h.state().is_playing());
    assert_eq!(h.state().playhead(), 100);
    until_rolling(&mut h, 100);
    for _ in 0..20 {
        step_rendered(&mut h);
    }
    assert!(!h.state().is_playing());
    // Scene 1 ends at frame 144; 2A is not played.
    assert_eq!(h.state().playhead(), 143);
    assert_eq!(selected(h.state()), vec![12]);
}

#[test]
fn a_dissolve_blends_the_two_panels_while_playing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = review_harness(dir.path());
    let edit = Edit::set_all(
        &[PanelId(11)],
        PanelField::Transition(shotboard::model::Transition::Dissolve),
    );
    h.state_mut().doc.apply(edit, "setup").unwrap();
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press(Key::Space);
    h.step();
    until_rolling(&mut h, 0);
    let mut seen = Vec::new();
    while h.state().playhead() < 72 {
        h.step();
        if let Some(blend) = h.state().playback_blend() {
            seen.push((h.state().playhead(), blend));
        }
    }
    // 1B's first 12 frames (48..60) cross-fade from 1A; none before or after.
    for (frame, blend) in seen {
        let dissolving = matches!(blend, shotboard::playback::Blend::Dissolve { from: 0, .. });
        assert_eq!(
            dissolving,
            (48..60).contains(&frame),
            "frame {frame}: {blend:?}"
        );
    }
}

#[test]
fn clicking_the_presentation_advances_and_escape_returns_to_the_canvas() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = review_harness(dir.path());
    h.get_by_label("Panel 2A").click();
    h.run();
    command(&mut h, AppCommand::Present);
    assert!(
        h.query_by_label("Panel 2A").is_none(),
        "the canvas is hidden"
    );
    h.get_by_label("Next panel").click();
    h.run();
    assert_eq!(h.state().shown_panel(), Some(PanelId(14)));
    // At the end, next stays on the last panel.
    h.get_by_label("Next panel").click();
    h.run();
    assert_eq!(h.state().shown_panel(), Some(PanelId(14)));
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().is_presenting());
    assert!(h.query_by_label("Panel 2B").is_some());
    assert_eq!(selected(h.state()), vec![14]);
}

#[test]
fn stage_pictures_render_on_worker_threads_ahead_of_time() {
    use std::sync::{Arc, Mutex};
    let dir = tempfile::tempdir().unwrap();
    let path = write_board(dir.path(), &sample_board());
    let calls: Arc<Mutex<Vec<(String, u64, u32)>>> = Arc::default();
    let record = Arc::clone(&calls);
    let flat = super::support::flat_loader();
    let loader: shotboard::ui::ThumbLoader = Arc::new(move |req: &shotboard::ui::ThumbRequest| {
        let thread = std::thread::current().name().unwrap_or("").to_owned();
        if let Ok(mut c) = record.lock() {
            c.push((thread, req.panel.id.0, req.width_px));
        }
        flat.render(req)
    });
    let mut app = ShotboardApp::new(shotboard::ui::Startup {
        file: Some(path),
        dialogs: Box::new(ScriptedDialogs::default()),
        thumb_loader: loader,
        prefs: super::support::returning_user(),
        data_dir: super::support::fresh_data_dir(),
    });
    // The board is read by a job; measure once it is open.
    app.wait_idle(std::time::Duration::from_secs(60));
    let mut h = Harness::builder()
        .with_size([1280.0, 1500.0])
        .with_step_dt(STEP)
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut ShotboardApp| app.show(ui), app);
    h.run();
    h.get_by_label("Panel 1A").click();
    h.run();
    h.key_press(Key::Space);
    h.step();
    until_rolling(&mut h, 0);
    // While 1A shows, the next three panels' stage pictures are asked for.
    let stage_requests = |calls: &Mutex<Vec<(String, u64, u32)>>| {
        let mut ids: Vec<u64> = calls
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, _, w)| *w >= 960)
            .map(|(_, id, _)| *id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    step_rendered(&mut h);
    assert_eq!(h.state().shown_panel(), Some(PanelId(10)));
    assert_eq!(stage_requests(&calls), vec![10, 11, 12, 13]);
    for _ in 0..40 {
        step_rendered(&mut h);
    }
    assert!(!h.state().is_playing());
    assert_eq!(h.state().playback_hitches(), 0);
    let calls = calls.lock().unwrap();
    assert!(
        calls.iter().all(|(t, _, _)| t.starts_with("thumbnails-")),
        "decoded on the UI thread: {calls:?}"
    );
    // Asking for the panels ahead every frame never renders one twice.
    let mut rendered: Vec<(u64, u32)> = calls.iter().map(|(_, id, w)| (*id, *w)).collect();
    let all = rendered.len();
    rendered.sort_unstable();
    rendered.dedup();
    assert_eq!(rendered.len(), all, "{calls:?}");
}
