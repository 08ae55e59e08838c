//! The application shell: menus, shortcuts, dialogs, status bar, and the
//! wiring between the canvas, the inspector and the document.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Ui, ViewportCommand};

use crate::edit::{Edit, ops};
use crate::model::{Panel, PanelId, SceneId};
use crate::store;

use super::canvas::{self, CanvasAction, CanvasInput, CanvasState, MAX_CARD_WIDTH, MIN_CARD_WIDTH};
use super::clipboard::Clipboard;
use super::commands::{self, AppCommand, CommandState, KeyContext, READ_ONLY_NOTICE};
use super::dialogs::{FileDialogs, NativeDialogs};
use super::document::Document;
use super::export_dialog::{ExportDialog, ExportOutcome};
use super::files::{self, ImportOutcome};
use super::imports::{self, ImportTarget};
use super::inspector::{self, InspectorAction, InspectorInput, InspectorState};
use super::jobs::{Finished, JobContext, JobRunner};
use super::menus::{self, MenuAction};
use super::modals::{self, Answer, DeleteTarget, Modal, Pending};
use super::palette::Palette;
use super::prefs::{self, Prefs};
use super::review_state::Review;
use super::safety::{Safety, SafetyAction};
use super::selection::{Selection, Step};
use super::shot_list::{self, ShotListState};
use super::sketch::{SketchAction, SketchEditor, SketchInput};
use super::status_bar::{self, Notice, StatusAction, StatusInput};
use super::thumbs::{ThumbCache, ThumbLoader};

/// Shown when an edit is refused while a save or open runs.
const BUSY_NOTICE: &str = "Wait a moment: the board is being saved or opened.";

/// How strongly Ctrl+wheel and pinch size the cards: the zoom factor is
/// raised to this power, so one wheel notch changes them by a few percent.
const CARD_ZOOM_RATE: f32 = 0.4;

/// Deleting more panels than this at once asks first.
const CONFIRM_DELETE_OVER: usize = 10;

/// What a finished background job brings back to the app.
enum JobDone {
    Images {
        target: ImportTarget,
        /// The board the job belongs to (the asset root), so a result for
        /// a board closed meanwhile is ignored.
        asset_root: PathBuf,
        outcome: ImportOutcome,
    },
    Opened {
        path: PathBuf,
        result: Result<Document, String>,
    },
    Saved {
        path: PathBuf,
        result: Result<(), String>,
        /// What the user asked for once the board is saved (close, open…).
        then: Option<Pending>,
    },
    SavedAs {
        path: PathBuf,
        result: Result<Option<files::SavedAs>, String>,
        then: Option<Pending>,
    },
    Storyboarder(Result<Document, String>),
    Script {
        path: PathBuf,
        result: Result<(Edit, Vec<String>), String>,
    },
    Pasted {
        asset_root: PathBuf,
        panels: Vec<Panel>,
        failed: usize,
    },
}

/// The Shotboard application state.
pub struct ShotboardApp {
    pub doc: Document,
    pub selection: Selection,
    pub canvas: CanvasState,
    /// The panel editor; while it is open it replaces the canvas.
    pub sketch: SketchEditor,
    inspector: InspectorState,
    pub(super) thumbs: ThumbCache,
    pub prefs: Prefs,
    /// Panels cut or copied; kept across opening another board.
    clipboard: Clipboard,
    dialogs: Box<dyn FileDialogs>,
    modal: Option<Modal>,
    notice: Option<Notice>,
    /// Slow work off the UI thread: open, save, Save As, imports.
    jobs: JobRunner<JobDone>,
    /// Set once the user chose to close despite unsaved changes.
    close_confirmed: bool,
    title: String,
    /// Asset paths found missing or broken, drawn as placeholders.
    export: ExportDialog,
    pub shot_list: ShotListState,
    /// Presentation, playback, timeline, find.
    pub(super) review: Review,
    /// Autosave, recovery, lock and outside-change prompts.
    pub safety: Safety,
    /// The command palette (Ctrl+K).
    palette: Palette,
    /// What the user asked for after a save that has now finished (quit,
    /// open another board); run on the next frame, which has the context.
    proceed_later: Option<Pending>,
    /// The window was closed while a save or open ran: close when it ends.
    close_when_idle: bool,
    /// The user's data folder: recovery index and untitled boards' images.
    data_dir: PathBuf,
}

/// How the app starts.
pub struct Startup {
    pub file: Option<PathBuf>,
    pub dialogs: Box<dyn FileDialogs>,
    pub thumb_loader: ThumbLoader,
    pub prefs: Prefs,
    /// Where recovery copies are indexed (and untitled boards staged).
    pub data_dir: PathBuf,
}

impl Startup {
    pub fn native(file: Option<PathBuf>, prefs: Prefs) -> Self {
        Self {
            file,
            dialogs: Box::new(NativeDialogs),
            thumb_loader: super::cached_thumbnail_loader(store::ThumbStore::user_default()),
            prefs,
            data_dir: files::data_dir(),
        }
    }
}

impl ShotboardApp {
    pub fn new(startup: Startup) -> Self {
        let mut notice = None;
        let doc = match &startup.file {
            Some(path) => match files::open_document(path) {
                Ok(doc) => doc,
                Err(e) => {
                    notice = Some(Notice::new(e.to_string(), true));
                    files::new_document(&startup.data_dir)
                }
            },
            None => files::demo_document(&startup.data_dir),
        };
        let mut prefs = startup.prefs;
        if let Some(p) = &doc.path {
            prefs.add_recent(p);
        }
        let mut app = Self {
            doc,
            selection: Selection::default(),
            canvas: CanvasState::with_card_width(prefs.card_width),
            sketch: SketchEditor::with_panels(prefs.sketch_panels),
            inspector: InspectorState::default(),
            thumbs: ThumbCache::new(startup.thumb_loader),
            prefs,
            clipboard: Clipboard::default(),
            dialogs: startup.dialogs,
            modal: None,
            notice: None,
            jobs: JobRunner::default(),
            close_confirmed: false,
            title: String::new(),
            export: ExportDialog::default(),
            shot_list: ShotListState::default(),
            review: Review::default(),
            safety: Safety::new(startup.data_dir.clone(), startup.file.is_none()),
            data_dir: startup.data_dir,
            palette: Palette::default(),
            proceed_later: None,
            close_when_idle: false,
        };
        app.after_open();
        if let Some(n) = notice {
            app.modal = Some(Modal::Message {
                title: "Could not open the board".into(),
                body: n.text,
            });
        }
        app
    }

    /// Common work after a document is opened or created.
    fn after_open(&mut self) {
        self.sketch.close();
        self.selection.clear();
        self.thumbs.clear();
        if let Some(first) = self.doc.board().panels().next() {
            self.selection.select_only(first.id);
            // Start where the selection is, not at the scroll offset the
            // last board (or the last session) left behind.
            self.canvas.scroll_to = Some(first.id);
        }
        if !self.doc.problems.is_empty() {
            self.notify(
                format!(
                    "{} image problem(s): see View > Missing images",
                    self.doc.problems.len()
                ),
                true,
            );
        }
        let outside = store::outside_assets(self.doc.board(), &self.doc.asset_root).len();
        if outside > 0 {
            self.notify(
                format!(
                    "{outside} image(s) are kept in another board's folder and go missing if this board moves: View > Missing images > Copy in"
                ),
                true,
            );
        }
    }

    /// Copy the images kept outside the board's assets folder in, and point
    /// the panels at the copies (one undo step).
    fn bring_assets_in(&mut self) {
        if !self.writable() {
            return;
        }
        let (command, failed) = files::bring_assets_in(&self.doc);
        let copied = command.is_some();
        if self.run(command) && failed.is_empty() {
            self.notify("Copied the images into this board's folder", false);
        }
        if !failed.is_empty() {
            self.modal = Some(Modal::Message {
                title: format!(
                    "{} image(s) could not be copied{}",
                    failed.len(),
                    if copied { " (the others were)" } else { "" }
                ),
                body: failed
                    .iter()
                    .map(|f| format!("• {f}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            });
        }
    }

    pub(super) fn notify(&mut self, text: impl Into<String>, error: bool) {
        self.notice = Some(Notice::new(text, error));
    }

    /// A notice with an Undo button: what a delete removed.
    fn notify_undoable(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice::undoable(text));
    }

    /// True while background work runs (jobs, autosave, export,
    /// thumbnails).
    pub fn is_busy(&self) -> bool {
        !self.jobs.is_idle()
            || self.safety.autosaves_in_flight() > 0
            || self.export.is_running()
            || self.thumbs.rendering()
    }

    /// Block until every piece of background work has finished and its
    /// result is applied: jobs (and whatever their results start), recovery
    /// writes, a running export and queued thumbnails. The one test hook
    /// for background work; the next frame shows the outcome.
    pub fn wait_idle(&mut self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            for finished in self.jobs.wait_idle(left) {
                self.job_finished(finished);
            }
            self.safety.wait_for_autosave(left);
            if self.export.is_running()
                && let Some(outcome) = self.export.wait(left)
            {
                self.export.open = false;
                self.export_finished(outcome);
            }
            while self.thumbs.rendering() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(2));
            }
            if !self.is_busy() || Instant::now() >= deadline {
                return;
            }
        }
    }

    /// Test seam: hold background jobs at their next progress report, so a
    /// test sees one running (progress, Cancel, edits held back).
    pub fn hold_jobs_for_tests(&mut self, hold: bool) {
        self.jobs.hold(hold);
    }

    /// Thumbnails (ready, still pending), for progress reports and benches.
    pub fn thumbnail_progress(&self) -> (usize, usize) {
        (self.thumbs.ready(), self.thumbs.pending())
    }

    /// The message shown in the status bar, if any.
    pub fn notice_text(&self) -> Option<&str> {
        self.notice.as_ref().map(|n| n.text.as_str())
    }

    fn export_finished(&mut self, outcome: ExportOutcome) {
        match outcome {
            ExportOutcome::Failed(reason) => {
                self.modal = Some(Modal::Message {
                    title: "Export failed".into(),
                    body: reason,
                });
            }
            _ => self.notify(outcome.summary(), false),
        }
    }

    /// True while a modal dialog is open.
    pub fn has_modal(&self) -> bool {
        self.modal.is_some() || self.safety.has_modal() || self.palette.is_open()
    }

    // ---- the frame ------------------------------------------------------

    /// Draw the whole app into `ui` (the root of the window).
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        // Ctrl +/- size the cards, not the whole UI.
        if ctx.options(|o| o.zoom_with_keyboard) {
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
        }
        self.jobs.set_context(&ctx);
        for finished in self.jobs.poll() {
            self.job_finished(finished);
        }
        if let Some(pending) = self.proceed_later.take() {
            self.proceed(&ctx, pending);
        }
        // Finished thumbnails land whichever view is up (the sketch editor
        // and the shot list draw no cards, but the inspector's preview and
        // the status bar's count wait on them).
        self.thumbs.begin_frame(&ctx);
        self.handle_close_request(&ctx);
        if self.is_presenting() {
            self.tick_playback(&ctx);
            self.show_presentation(ui);
            self.modal_ui(&ctx);
            // Review marks and comments made while presenting are
            // autosaved like any other edit.
            let safety = self.safety.show(&ctx, &mut self.doc);
            self.safety_actions(&ctx, safety);
            return;
        }
        for command in self.shortcuts(&ctx) {
            self.execute(&ctx, command);
        }
        self.tick_playback(&ctx);
        self.handle_zoom_gesture(&ctx);

        let state = self.command_state();
        let picked = egui::Panel::top("menu-bar")
            .show(ui, |ui| menus::menu_bar(ui, &state, &self.prefs.recent))
            .inner;
        match picked {
            Some(MenuAction::Run(command)) => self.execute(&ctx, command),
            Some(MenuAction::OpenRecent(path)) => self.open_path(&ctx, path),
            None => {}
        }
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar(ui));
        self.prefs.sketch_panels = self.sketch.panels;
        // The drawing gets the room: no inspector while sketching unless
        // asked for.
        let inspector = !self.sketch.is_open() || self.sketch.wants_inspector();
        if inspector {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(340.0)
                .min_size(260.0)
                .show(ui, |ui| {
                    let input = InspectorInput {
                        board: self.doc.board(),
                        selection: &self.selection,
                        index: self.doc.index(),
                        labels: self.doc.labels(),
                        asset_dir: self.doc.asset_dir(),
                        generation: self.doc.generation(),
                        author: &self.prefs.author,
                    };
                    let actions = ui
                        .add_enabled_ui(!self.doc.read_only, |ui| {
                            inspector::show(ui, &mut self.inspector, &mut self.thumbs, &input)
                        })
                        .inner;
                    for action in actions {
                        self.inspector_action(action);
                    }
                });
        }
        self.show_timeline(ui);
        egui::CentralPanel::default().show(ui, |ui| {
            if self.sketch.is_open() {
                self.show_sketch(&ctx, ui);
                return;
            }
            ui.horizontal(|ui| {
                let label = ui.label("Card size");
                let mut w = self.canvas.card_width;
                if ui
                    .add(
                        egui::Slider::new(&mut w, MIN_CARD_WIDTH..=MAX_CARD_WIDTH)
                            .show_value(false),
                    )
                    .labelled_by(label.id)
                    .changed()
                {
                    self.set_card_width(w);
                }
                ui.separator();
                let state = self.command_state();
                let mut picked = None;
                for (command, text) in [
                    (AppCommand::NewPanel, "+ Panel"),
                    (AppCommand::NewScene, "+ Scene"),
                ] {
                    if menus::toolbar_button(ui, command, text, &state) {
                        picked = Some(command);
                    }
                }
                ui.separator();
                if menus::toolbar_toggle(
                    ui,
                    AppCommand::ToggleShotList,
                    "Shot list",
                    state.shot_list_visible,
                ) {
                    picked = Some(AppCommand::ToggleShotList);
                }
                ui.separator();
                let play = state.label(AppCommand::PlayPause);
                for (command, text) in [
                    (AppCommand::PlayPause, play.as_str()),
                    (AppCommand::Present, "Present"),
                ] {
                    if menus::toolbar_button(ui, command, text, &state) {
                        picked = Some(command);
                    }
                }
                if let Some(command) = picked {
                    self.execute(&ctx, command);
                }
            });
            ui.separator();
            self.show_find_bar(ui);
            if self.show_player_stage(ui) {
                return;
            }
            if self.shot_list.visible {
                let actions = shot_list::show(
                    ui,
                    &mut self.shot_list,
                    self.doc.board(),
                    &self.selection,
                    self.doc.generation(),
                    self.canvas.scroll_to,
                );
                for action in actions {
                    self.canvas_action(&ctx, action);
                }
                return;
            }
            let broken = std::mem::take(&mut self.doc.broken_assets);
            let input = CanvasInput {
                board: self.doc.board(),
                selection: &self.selection,
                labels: self.doc.labels(),
                generation: self.doc.generation(),
                asset_dir: self.doc.asset_dir(),
                broken_assets: &broken,
            };
            let actions = canvas::show(ui, &mut self.canvas, &mut self.thumbs, &input);
            self.doc.broken_assets = broken;
            for action in actions {
                self.canvas_action(&ctx, action);
            }
        });
        self.modal_ui(&ctx);
        let state = self.command_state();
        if let Some(command) = self.palette.show(&ctx, &state) {
            self.execute(&ctx, command);
        }
        let stem = files::suggested_file_name(&self.doc);
        let stem = stem.strip_suffix(".ron").unwrap_or(&stem).to_owned();
        // A CSV lists its rows as the shot list shows them.
        self.export.csv.order = self.shot_list.order();
        if let Some(outcome) = self.export.show(
            &ctx,
            self.doc.board(),
            self.doc.asset_dir(),
            &stem,
            self.dialogs.as_mut(),
        ) {
            self.export_finished(outcome);
        }
        self.show_preferences(&ctx);
        // While a save or open runs, the file on disk is ours to change:
        // outside-change checks and recovery prompts wait for it.
        if !self.jobs.blocks_edits() {
            let safety = self.safety.show(&ctx, &mut self.doc);
            self.safety_actions(&ctx, safety);
        }
        if let Some(trimmed) = self.doc.take_trimmed() {
            self.notify(trimmed.to_string(), false);
        }
        self.update_title(&ctx);
        if let Some(n) = &self.notice {
            let left = n.left();
            if left.is_zero() {
                self.notice = None;
            } else {
                ctx.request_repaint_after(left);
            }
        }
    }

    /// The sketch editor in the central area, its actions applied.
    fn show_sketch(&mut self, ctx: &egui::Context, ui: &mut Ui) {
        let broken = std::mem::take(&mut self.doc.broken_assets);
        let input = SketchInput {
            board: self.doc.board(),
            generation: self.doc.generation(),
            asset_dir: self.doc.asset_dir(),
            broken_assets: &broken,
        };
        let actions = self.sketch.show(ui, &input);
        self.doc.broken_assets = broken;
        for action in actions {
            self.sketch_action(ctx, action);
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.doc.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if self.close_when_idle && self.jobs.is_idle() {
            // Asked again now that the save or open is done: a failed save
            // leaves the board dirty, and the usual question follows.
            self.close_when_idle = false;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
        if ctx.input(|i| i.viewport().close_requested()) {
            self.commit_active_stroke();
            if !self.close_confirmed && self.jobs.blocks_edits() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.close_when_idle = true;
                self.notify("Closing once the board is saved…", false);
                return;
            }
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.close_confirmed
            && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved(Pending::Close));
        }
    }

    fn handle_zoom_gesture(&mut self, ctx: &egui::Context) {
        let zoom = ctx.input(|i| i.zoom_delta());
        if (zoom - 1.0).abs() > 1e-3 && self.modal.is_none() && !self.sketch.is_open() {
            // A gentler step than the window's zoom factor: at full rate a
            // few wheel notches jumped from the default size to the largest.
            self.set_card_width(self.canvas.card_width * zoom.powf(CARD_ZOOM_RATE));
        }
    }

    fn set_card_width(&mut self, w: f32) {
        self.canvas.card_width = w.clamp(MIN_CARD_WIDTH, MAX_CARD_WIDTH);
        self.prefs.card_width = self.canvas.card_width;
    }

    // ---- shortcuts --------------------------------------------------------

    /// The commands whose keys were pressed, from the command table.
    fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<AppCommand> {
        if self.has_modal() {
            return Vec::new();
        }
        let keys = KeyContext {
            typing: ctx.egui_wants_keyboard_input(),
            sketching: self.sketch.is_open(),
            clipboard_full: !self.clipboard.is_empty(),
        };
        commands::listen(ctx, keys)
    }

    /// The live facts that label and enable commands in the menus, the
    /// toolbar and the palette.
    fn command_state(&self) -> CommandState {
        CommandState {
            read_only: self.doc.read_only,
            panels_selected: !self.selection.panels().is_empty(),
            scene_selected: self.selection.scene().is_some(),
            clipboard_full: !self.clipboard.is_empty(),
            undo_label: self.doc.undo_label().map(str::to_owned),
            redo_label: self.doc.redo_label().map(str::to_owned),
            playing: self.review.player.is_playing(),
            looping: self.review.player.looping,
            timeline_visible: self.review.timeline.visible,
            shot_list_visible: self.shot_list.visible,
            problems: self.doc.problems.len(),
        }
    }

    /// Up/down move by a row of cards.
    fn row_step(&self, rows: i64) -> Step {
        Step::By(rows * self.canvas.columns.max(1) as i64)
    }

    fn step_selection(&mut self, ctx: &egui::Context, step: Step, extend: bool) {
        // Keys never reach a panel hidden in a collapsed scene.
        let hidden = if self.shot_list.visible {
            Default::default()
        } else {
            self.canvas.collapsed.clone()
        };
        self.selection.step(self.doc.board(), step, extend, &hidden);
        self.canvas.scroll_to = self.selection.focus();
        surrender_focus(ctx);
    }

    fn nudge(&mut self, delta: i32) {
        let cmd = ops::nudge(self.doc.board(), self.selection.panels(), delta);
        self.run(cmd);
        self.canvas.scroll_to = self.selection.focus();
    }

    /// Open a board by path (recent boards, recovery), asking about unsaved
    /// changes first.
    pub fn open_path(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.commit_active_stroke();
        self.guard_unsaved(ctx, Pending::Open(Some(path)));
    }

    // ---- commands -----------------------------------------------------------

    pub fn execute(&mut self, ctx: &egui::Context, command: AppCommand) {
        // Whatever the command (save, undo, quit, open…), a stroke being
        // drawn is kept first.
        self.commit_active_stroke();
        if command.edits_board() && !self.writable() {
            return;
        }
        match command {
            AppCommand::New => self.guard_unsaved(ctx, Pending::New),
            AppCommand::Open => self.guard_unsaved(ctx, Pending::Open(None)),
            AppCommand::Save => self.save(None),
            AppCommand::SaveAs => self.save_as(None),
            AppCommand::ImportImages => {
                let files = self.dialogs.pick_images();
                if !files.is_empty() {
                    let target =
                        imports::insertion_point(self.doc.board(), self.selection.panels());
                    self.start_import(files, target);
                }
            }
            AppCommand::ImportScript => self.import_script(),
            AppCommand::ImportStoryboarder => {
                if let Some(path) = self.dialogs.open_file(
                    "Import Storyboarder project",
                    "Storyboarder project",
                    &["storyboarder"],
                ) {
                    self.guard_unsaved(ctx, Pending::ImportStoryboarder(path));
                }
            }
            AppCommand::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            AppCommand::Undo => {
                let before = self.panel_order();
                match self.doc.undo() {
                    Ok(Some(label)) => self.notify(format!("Undid {label}"), false),
                    Ok(None) => self.notify("Nothing to undo", false),
                    Err(e) => self.notify(e.to_string(), true),
                }
                self.select_after_history_step(&before);
            }
            AppCommand::Redo => {
                let before = self.panel_order();
                match self.doc.redo() {
                    Ok(Some(label)) => self.notify(format!("Redid {label}"), false),
                    Ok(None) => self.notify("Nothing to redo", false),
                    Err(e) => self.notify(e.to_string(), true),
                }
                self.select_after_history_step(&before);
            }
            AppCommand::Copy => self.copy(ctx),
            AppCommand::Cut => {
                self.copy(ctx);
                let cmd = ops::delete(self.doc.board(), self.selection.panels()).map(|mut c| {
                    c.label = c.label.replacen("Delete", "Cut", 1);
                    c
                });
                self.run(cmd);
            }
            AppCommand::Paste => self.paste(),
            AppCommand::Duplicate => {
                let cmd = ops::duplicate(self.doc.board(), self.selection.panels());
                self.run(cmd);
            }
            AppCommand::Delete => self.ask_delete(),
            AppCommand::SelectAll => self.selection.select_all(self.doc.board()),
            AppCommand::NewPanel => {
                let template = self
                    .selection
                    .focus()
                    .and_then(|id| self.doc.board().panel(id))
                    .cloned();
                let cmd = ops::new_panel_after(
                    self.doc.board(),
                    self.selection.panels(),
                    template.as_ref(),
                );
                if self.run(Some(cmd)) {
                    match (self.sketch.is_open(), self.selection.focus()) {
                        (true, Some(id)) => self.sketch.open(id),
                        _ => self.inspector.focus_action = true,
                    }
                }
            }
            AppCommand::NewScene => {
                let (cmd, scene) = ops::new_scene(
                    self.doc.board(),
                    self.selection.panels(),
                    self.selection.scene(),
                );
                if self.run(Some(cmd)) {
                    self.selection.select_scene(scene);
                }
            }
            AppCommand::SplitScene => {
                let cmd = ops::split_scene(self.doc.board(), self.selection.panels());
                if cmd.is_none() {
                    self.notify(
                        "Select a panel that is not the first of its scene to split there",
                        false,
                    );
                }
                let scenes = self.doc.board().scenes.len();
                if self.run(cmd) {
                    self.notify(
                        format!(
                            "Split the scene: the selected panel now starts scene {} of {}",
                            self.selected_scene_number().unwrap_or_default(),
                            scenes + 1
                        ),
                        false,
                    );
                }
            }
            AppCommand::MoveEarlier => self.nudge(-1),
            AppCommand::MoveLater => self.nudge(1),
            AppCommand::SelectPrevious => self.step_selection(ctx, Step::By(-1), false),
            AppCommand::SelectNext => self.step_selection(ctx, Step::By(1), false),
            AppCommand::SelectAbove => self.step_selection(ctx, self.row_step(-1), false),
            AppCommand::SelectBelow => self.step_selection(ctx, self.row_step(1), false),
            AppCommand::SelectFirst => self.step_selection(ctx, Step::First, false),
            AppCommand::SelectLast => self.step_selection(ctx, Step::Last, false),
            AppCommand::ExtendPrevious => self.step_selection(ctx, Step::By(-1), true),
            AppCommand::ExtendNext => self.step_selection(ctx, Step::By(1), true),
            AppCommand::ExtendAbove => self.step_selection(ctx, self.row_step(-1), true),
            AppCommand::ExtendBelow => self.step_selection(ctx, self.row_step(1), true),
            AppCommand::ExtendFirst => self.step_selection(ctx, Step::First, true),
            AppCommand::ExtendLast => self.step_selection(ctx, Step::Last, true),
            AppCommand::LeaveTextField => surrender_focus(ctx),
            AppCommand::CommandPalette => self.palette.open(),
            AppCommand::ZoomIn => self.set_card_width(self.canvas.card_width * 1.2),
            AppCommand::ZoomOut => self.set_card_width(self.canvas.card_width / 1.2),
            AppCommand::FocusAction => {
                if !self.selection.panels().is_empty() {
                    self.inspector.focus_action = true;
                }
            }
            AppCommand::ShowProblems => self.modal = Some(Modal::Problems),
            AppCommand::CleanUpImages => self.safety.ask_cleanup(&mut self.doc),
            AppCommand::Export => self.export.open = true,
            AppCommand::ToggleShotList => {
                self.shot_list.visible = !self.shot_list.visible;
                // Back on the cards, show the panel picked in the table.
                self.canvas.scroll_to = self.selection.focus();
            }
            review @ (AppCommand::Present
            | AppCommand::PlayPause
            | AppCommand::PlayScene
            | AppCommand::ToggleLoop
            | AppCommand::ToggleTimeline
            | AppCommand::Find
            | AppCommand::FindNext
            | AppCommand::NextNeedingChanges
            | AppCommand::Preferences) => self.review_command(ctx, review),
            AppCommand::OpenSketch => {
                if let Some(id) = self.selection.focus() {
                    self.sketch.open(id);
                }
            }
        }
    }

    /// Whether the board takes edits; if not, says why in the status bar.
    fn writable(&mut self) -> bool {
        if self.doc.read_only {
            self.notify(READ_ONLY_NOTICE, true);
            return false;
        }
        if self.jobs.blocks_edits() {
            // An edit now would be missing from the file being written, or
            // land in a board about to be replaced.
            self.notify(BUSY_NOTICE, true);
            return false;
        }
        true
    }

    /// Keep the stroke (or eraser drag) in progress as an undo step. Called
    /// from every way out of a stroke: release, navigation, closing the
    /// editor, every app command (save, undo, quit…) and a window close.
    pub fn commit_active_stroke(&mut self) {
        if let Some(action) = self.sketch.take_active(self.doc.board()) {
            self.apply_sketch(action);
        }
    }

    fn apply_sketch(&mut self, action: SketchAction) {
        match action {
            SketchAction::Apply {
                edit,
                label,
                coalesce,
            } => {
                if let Err(e) = self.doc.apply_gesture(edit, label, coalesce) {
                    self.notify(format!("Could not change the sketch: {e}"), true);
                }
            }
            SketchAction::EndGesture => self.doc.end_gesture(),
            SketchAction::Step(_) | SketchAction::NewPanel | SketchAction::Close => {}
        }
    }

    fn sketch_action(&mut self, ctx: &egui::Context, action: SketchAction) {
        match action {
            SketchAction::Step(delta) => {
                self.commit_active_stroke();
                let order: Vec<PanelId> = self.doc.board().panels().map(|p| p.id).collect();
                let at = self
                    .sketch
                    .panel()
                    .and_then(|id| order.iter().position(|p| *p == id));
                let target = at.and_then(|i| order.get(i.checked_add_signed(delta as isize)?));
                if let Some(&id) = target {
                    self.sketch.open(id);
                    self.selection.select_only(id);
                    self.canvas.scroll_to = Some(id);
                }
            }
            SketchAction::NewPanel => {
                if let Some(id) = self.sketch.panel() {
                    self.selection.select_only(id);
                }
                self.execute(ctx, AppCommand::NewPanel);
            }
            SketchAction::Close => {
                self.commit_active_stroke();
                if let Some(id) = self.sketch.panel() {
                    self.canvas.scroll_to = Some(id);
                }
                self.sketch.close();
            }
            other => self.apply_sketch(other),
        }
    }

    /// Apply a command built by `edit::ops`; returns whether it applied.
    fn run(&mut self, command: Option<ops::Command>) -> bool {
        let Some(command) = command else { return false };
        let select = command.select.clone();
        match self.doc.run(command) {
            Ok(()) => {
                if !select.is_empty() {
                    self.selection.select_many(&select);
                    self.canvas.scroll_to = select.last().copied();
                }
                self.selection.retain_existing(self.doc.board());
                true
            }
            Err(e) => {
                self.notify(format!("Could not do that: {e}"), true);
                false
            }
        }
    }

    fn copy(&mut self, ctx: &egui::Context) {
        let copied = self.clipboard.copy(
            self.doc.board(),
            self.selection.panels(),
            self.doc.asset_dir(),
        );
        if let Some((count, text)) = copied {
            // The panels' words go on the system clipboard too: pasting into
            // a mail or a script gives the text, and the window layer only
            // turns Ctrl+V into a paste when the system clipboard holds
            // something.
            ctx.copy_text(text);
            self.notify(format!("Copied {count} panel(s)"), false);
        }
    }

    /// Paste the clipboard after the selection. Panels from another board
    /// bring their images: those are copied into this board's folder by a
    /// job first, and the panels land when it is done.
    fn paste(&mut self) {
        if self
            .clipboard
            .images_are_own(&self.doc.asset_root, self.doc.asset_dir())
        {
            let cmd = ops::paste(
                self.doc.board(),
                self.selection.panels(),
                self.clipboard.panels(),
            );
            self.run(cmd);
            return;
        }
        let panels = self.clipboard.panels().to_vec();
        let from = self.clipboard.dir().to_path_buf();
        let asset_root = self.doc.asset_root.clone();
        let board_file = asset_root.clone();
        self.spawn("Copying pasted images", false, move |job| {
            let (panels, failed) = files::copy_pasted_images(panels, &from, &board_file, job);
            JobDone::Pasted {
                asset_root,
                panels,
                failed,
            }
        });
    }

    fn finish_paste(&mut self, asset_root: PathBuf, panels: Vec<Panel>, failed: usize) {
        if asset_root != self.doc.asset_root {
            return; // That board was closed meanwhile.
        }
        let cmd = ops::paste(self.doc.board(), self.selection.panels(), &panels);
        self.run(cmd);
        if failed > 0 {
            self.notify(
                format!("{failed} pasted image(s) could not be copied; they show as missing"),
                true,
            );
        }
    }

    /// Start a job; says so in the status bar when it cannot start.
    fn spawn(
        &mut self,
        name: &str,
        blocks_edits: bool,
        work: impl FnOnce(&JobContext) -> JobDone + Send + 'static,
    ) -> bool {
        match self.jobs.spawn(name, blocks_edits, work) {
            Ok(_) => true,
            Err(e) => {
                self.notify(format!("Could not start {name}: {e}"), true);
                false
            }
        }
    }

    /// Apply what a background job brought back.
    fn job_finished(&mut self, finished: Finished<JobDone>) {
        let done = match finished {
            Finished::Done(done) => done,
            Finished::Cancelled(name) => {
                self.notify(format!("{name}: cancelled, nothing was changed"), false);
                return;
            }
        };
        match done {
            JobDone::Images {
                target,
                asset_root,
                outcome,
            } => self.finish_import(target, asset_root, outcome),
            JobDone::Opened { path, result } => match result {
                Ok(doc) => {
                    self.doc = doc;
                    self.prefs.add_recent(&path);
                    self.after_open();
                }
                Err(body) => self.message("Could not open the board", body),
            },
            JobDone::Saved { path, result, then } => self.finish_save(path, result, then),
            JobDone::SavedAs { path, result, then } => self.finish_save_as(path, result, then),
            JobDone::Storyboarder(result) => match result {
                Ok(doc) => {
                    self.doc = doc;
                    self.after_open();
                }
                Err(body) => self.message("Could not import the project", body),
            },
            JobDone::Script { path, result } => self.finish_script(path, result),
            JobDone::Pasted {
                asset_root,
                panels,
                failed,
            } => self.finish_paste(asset_root, panels, failed),
        }
    }

    fn message(&mut self, title: &str, body: String) {
        self.modal = Some(Modal::Message {
            title: title.into(),
            body,
        });
    }

    /// Delete what is selected. Deleting what the user may not have in
    /// mind — a whole scene, many panels, or panels hidden in a collapsed
    /// scene — asks first; every delete says what went, with Undo.
    fn ask_delete(&mut self) {
        let board = self.doc.board();
        let target = if self.selection.panels().is_empty() {
            match self.selection.scene() {
                Some(scene) => DeleteTarget::Scene(scene),
                None => return,
            }
        } else {
            DeleteTarget::Panels(ops::in_board_order(board, self.selection.panels()))
        };
        let question = match &target {
            DeleteTarget::Scene(id) => board.scene(*id).map(|scene| {
                format!(
                    "Delete the scene “{}” and its {} panel(s)?",
                    scene.heading,
                    scene.panels.len()
                )
            }),
            DeleteTarget::Panels(ids) => {
                let hidden = ids
                    .iter()
                    .filter(|id| {
                        board
                            .find_panel(**id)
                            .is_some_and(|pos| self.is_collapsed(board.scenes[pos.scene].id))
                    })
                    .count();
                if hidden > 0 {
                    Some(format!(
                        "Delete {} panel(s), {hidden} of them in collapsed scenes you can't see?",
                        ids.len()
                    ))
                } else if ids.len() > CONFIRM_DELETE_OVER {
                    Some(format!("Delete {} panels?", ids.len()))
                } else {
                    None
                }
            }
        };
        match question {
            Some(question) => self.modal = Some(Modal::ConfirmDelete { question, target }),
            None => self.delete(target),
        }
    }

    /// True when the canvas shows this scene collapsed (the shot list shows
    /// every panel, so nothing is hidden there).
    fn is_collapsed(&self, scene: SceneId) -> bool {
        !self.shot_list.visible && self.canvas.collapsed.contains(&scene)
    }

    fn delete(&mut self, target: DeleteTarget) {
        let board = self.doc.board();
        let labels = crate::model::shot_labels(board);
        let label_of = |id: PanelId| {
            board
                .find_panel(id)
                .map(|pos| labels[pos.scene][pos.panel].to_string())
        };
        match target {
            DeleteTarget::Scene(scene) => {
                let Some(heading) = board.scene(scene).map(|s| s.heading.clone()) else {
                    return;
                };
                let count = board.scene(scene).map_or(0, |s| s.panels.len());
                let cmd = ops::delete_scene(board, scene);
                if self.run(cmd) {
                    self.notify_undoable(format!(
                        "Deleted the scene “{heading}” and its {count} panel(s)"
                    ));
                }
            }
            DeleteTarget::Panels(ids) => {
                let what = match (ids.first(), ids.last()) {
                    (Some(&a), Some(&b)) if ids.len() > 1 => {
                        format!(
                            "{} panels ({}–{})",
                            ids.len(),
                            label_of(a).unwrap_or_default(),
                            label_of(b).unwrap_or_default()
                        )
                    }
                    (Some(&a), _) => format!("panel {}", label_of(a).unwrap_or_default()),
                    _ => return,
                };
                let next = self.neighbour_after_delete();
                let cmd = ops::delete(self.doc.board(), &ids);
                if self.run(cmd) {
                    if let Some(next) = next {
                        self.selection.select_only(next);
                        self.canvas.scroll_to = Some(next);
                    }
                    self.notify_undoable(format!("Deleted {what}"));
                }
            }
        }
    }

    /// The 1-based position of the focused panel's scene.
    fn selected_scene_number(&self) -> Option<usize> {
        let id = self.selection.focus()?;
        self.doc.board().find_panel(id).map(|pos| pos.scene + 1)
    }

    /// Every panel id in board order, to compare before and after a step.
    fn panel_order(&self) -> Vec<PanelId> {
        self.doc.board().panels().map(|p| p.id).collect()
    }

    /// After undo or redo, the user keeps their place: panels the step
    /// brought back are selected (an undone delete); when selected panels
    /// went away (an undone New panel), their nearest surviving neighbour
    /// is.
    fn select_after_history_step(&mut self, before: &[PanelId]) {
        let board = self.doc.board();
        let old: std::collections::HashSet<PanelId> = before.iter().copied().collect();
        let appeared: Vec<PanelId> = board
            .panels()
            .map(|p| p.id)
            .filter(|id| !old.contains(id))
            .collect();
        if !appeared.is_empty() {
            self.selection.select_many(&appeared);
            self.canvas.scroll_to = appeared.last().copied();
            return;
        }
        let present: std::collections::HashSet<PanelId> = board.panels().map(|p| p.id).collect();
        let lost = self
            .selection
            .panels()
            .iter()
            .find(|id| !present.contains(id))
            .and_then(|id| before.iter().position(|b| b == id));
        if let Some(at) = lost {
            let nearest = before[at..]
                .iter()
                .chain(before[..at].iter().rev())
                .find(|id| present.contains(id))
                .copied();
            match nearest {
                Some(id) => {
                    self.selection.select_only(id);
                    self.canvas.scroll_to = Some(id);
                }
                None => self.selection.clear(),
            }
            return;
        }
        self.selection.retain_existing(board);
    }

    /// The panel to select after deleting the selection: the next survivor.
    fn neighbour_after_delete(&self) -> Option<PanelId> {
        let order: Vec<PanelId> = self.doc.board().panels().map(|p| p.id).collect();
        let last = order.iter().rposition(|id| self.selection.contains(*id))?;
        order[last + 1..]
            .iter()
            .chain(order[..last].iter().rev())
            .find(|id| !self.selection.contains(**id))
            .copied()
    }

    /// A board file dropped on the window opens (asking about unsaved
    /// changes first) instead of failing as an image. Returns whether one
    /// was among `files`.
    fn open_dropped_board(&mut self, ctx: &egui::Context, files: &[PathBuf]) -> bool {
        let Some(board) = files
            .iter()
            .find(|f| f.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
        else {
            return false;
        };
        if files.len() > 1 {
            self.notify(
                "Opened the dropped board; drop images on their own to import them",
                false,
            );
        }
        self.open_path(ctx, board.clone());
        true
    }

    fn canvas_action(&mut self, ctx: &egui::Context, action: CanvasAction) {
        self.commit_active_stroke();
        match action {
            CanvasAction::Click {
                panel,
                toggle,
                extend,
            } => {
                if extend {
                    self.selection.extend_to(self.doc.board(), panel);
                } else if toggle {
                    self.selection.toggle(panel);
                } else {
                    self.selection.select_only(panel);
                }
            }
            CanvasAction::Open(panel) => {
                self.selection.select_only(panel);
                if self.writable() {
                    self.sketch.open(panel);
                }
            }
            CanvasAction::SelectScene(scene) => self.selection.select_scene(scene),
            CanvasAction::ClearSelection => self.selection.clear(),
            CanvasAction::MovePanels {
                panels,
                scene,
                slot,
            } => {
                let cmd = ops::move_to_slot(self.doc.board(), &panels, scene, slot);
                self.run(cmd);
            }
            CanvasAction::MoveScene { scene, to_index } => {
                let cmd = ops::move_scene(self.doc.board(), scene, to_index);
                self.run(cmd);
            }
            CanvasAction::ToggleCollapsed(scene) => {
                if !self.canvas.collapsed.remove(&scene) {
                    self.canvas.collapsed.insert(scene);
                    // What the user can't see is not selected: keys and
                    // Delete then never reach a hidden panel.
                    if let Some(hidden) = self.doc.board().scene(scene) {
                        let hidden: Vec<PanelId> = hidden.panels.iter().map(|p| p.id).collect();
                        let keep: Vec<PanelId> = self
                            .selection
                            .panels()
                            .iter()
                            .copied()
                            .filter(|id| !hidden.contains(id))
                            .collect();
                        if keep.len() != self.selection.panels().len() {
                            if keep.is_empty() {
                                // The header stays selected: Delete there
                                // names the whole scene and asks first.
                                self.selection.select_scene(scene);
                            } else {
                                self.selection.select_many(&keep);
                            }
                        }
                    }
                }
            }
            CanvasAction::DropFilesAt { scene, slot, files } => {
                if !self.open_dropped_board(ctx, &files) {
                    self.start_import(files, ImportTarget::NewPanels { scene, slot });
                }
            }
            CanvasAction::DropFileOnPanel { panel, file } => {
                let files = vec![file];
                if !self.open_dropped_board(ctx, &files) {
                    self.start_import(files, ImportTarget::ReplaceFrame(panel));
                }
            }
        }
    }

    fn inspector_action(&mut self, action: InspectorAction) {
        match action {
            InspectorAction::Apply {
                edit,
                label,
                coalesce,
            } => {
                if let Err(e) = self.doc.apply_gesture(edit, label, coalesce) {
                    self.notify(format!("Could not change that: {e}"), true);
                }
            }
            InspectorAction::EndGesture => self.doc.end_gesture(),
            InspectorAction::SetAuthor(name) => self.prefs.author = name,
        }
    }

    // ---- images in ------------------------------------------------------------

    fn start_import(&mut self, files: Vec<PathBuf>, target: ImportTarget) {
        // Not even the images: they would land in the other instance's
        // assets folder.
        if !self.writable() {
            return;
        }
        let mut files = files;
        files.sort();
        let asset_root = self.doc.asset_root.clone();
        if self.spawn("Importing images", false, move |_| {
            let outcome = files::import_images(&asset_root, &files);
            JobDone::Images {
                target,
                asset_root,
                outcome,
            }
        }) {
            self.notify("Importing images…", false);
        }
    }

    fn finish_import(&mut self, target: ImportTarget, asset_root: PathBuf, outcome: ImportOutcome) {
        if asset_root != self.doc.asset_root {
            return; // That board was closed meanwhile.
        }
        let command = imports::landing(self.doc.board(), target, &outcome);
        let applied = self.run(command);
        if let Some((title, body)) = imports::failures_message(&outcome) {
            self.modal = Some(Modal::Message { title, body });
        } else if applied {
            self.notify(
                format!("Imported {} image(s)", outcome.imported.len()),
                false,
            );
        }
    }

    /// Append a screenplay's scenes to this board as one undo step; the
    /// file is read and parsed by a job (edits wait meanwhile, since the
    /// scenes are placed after the board as it was).
    fn import_script(&mut self) {
        let Some(path) = self.dialogs.open_file(
            "Import screenplay",
            "Fountain screenplay",
            &["fountain", "spmd", "txt"],
        ) else {
            return;
        };
        let board = self.doc.board().clone();
        self.spawn("Importing the script", true, move |_| {
            let result = crate::import::screenplay::read_script(&path)
                .and_then(|text| crate::import::screenplay::append_script(&board, &text))
                .map(|(edit, warnings)| (edit, warnings.iter().map(ToString::to_string).collect()))
                .map_err(|e| format!("{}: {e}", path.display()));
            JobDone::Script { path, result }
        });
    }

    fn finish_script(&mut self, path: PathBuf, result: Result<(Edit, Vec<String>), String>) {
        match result {
            Ok((edit, warnings)) => {
                let before = self.doc.board().scenes.len();
                match self.doc.apply(edit, "Import script") {
                    Ok(()) => {
                        let added = self.doc.board().scenes.len() - before;
                        self.notify(
                            format!("Imported {added} scene(s) from {}", path.display()),
                            false,
                        );
                        if let Some(first) = self
                            .doc
                            .board()
                            .scenes
                            .get(before)
                            .and_then(|s| s.panels.first())
                        {
                            self.selection.select_only(first.id);
                            self.canvas.scroll_to = Some(first.id);
                        }
                    }
                    Err(e) => self.notify(format!("Could not import the script: {e}"), true),
                }
                if !warnings.is_empty() {
                    let body = warnings
                        .iter()
                        .map(|w| format!("• {w}"))
                        .collect::<Vec<_>>()
                        .join("\n");
                    self.message(&format!("Imported {} with notes", path.display()), body);
                }
            }
            Err(body) => self.message("Could not import the script", body),
        }
    }

    // ---- files ------------------------------------------------------------------

    fn guard_unsaved(&mut self, ctx: &egui::Context, pending: Pending) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(pending));
        } else {
            self.proceed(ctx, pending);
        }
    }

    fn proceed(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::Close => {
                self.close_confirmed = true;
                self.safety.closing();
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Pending::New => {
                self.doc = files::new_document(&self.data_dir);
                self.after_open();
            }
            Pending::ImportStoryboarder(path) => {
                let data_dir = self.data_dir.clone();
                self.spawn("Importing the project", true, move |_| {
                    JobDone::Storyboarder(
                        files::import_storyboarder(&path, &data_dir).map_err(|e| format!("{e:#}")),
                    )
                });
            }
            Pending::Open(path) => {
                let Some(path) = path.or_else(|| self.dialogs.open_board()) else {
                    return;
                };
                self.spawn("Opening the board", true, move |_| {
                    let result = files::open_document(&path).map_err(|e| e.to_string());
                    JobDone::Opened { path, result }
                });
            }
        }
    }

    /// Save, asking for a name when untitled; `then` runs once it is saved.
    /// The file is written by a job; edits wait until it is done, so what
    /// is saved is what the user sees.
    fn save(&mut self, then: Option<Pending>) {
        let Some(path) = self.doc.path.clone().filter(|_| !self.doc.read_only) else {
            // Untitled, or read-only: the file is the other instance's.
            return self.save_as(then);
        };
        self.doc.end_gesture();
        let board = self.doc.board().clone();
        self.spawn("Saving", true, move |_| {
            let result = crate::store::save(&board, &path).map_err(|e| e.to_string());
            JobDone::Saved { path, result, then }
        });
    }

    fn finish_save(&mut self, path: PathBuf, result: Result<(), String>, then: Option<Pending>) {
        match result {
            Ok(()) if self.doc.path.as_ref() == Some(&path) => {
                self.doc.mark_saved();
                self.safety.saved(&self.doc);
                self.notify(format!("Saved {}", path.display()), false);
                if let Some(then) = then {
                    self.proceed_later = Some(then);
                }
            }
            Ok(()) => {}
            Err(e) => self.message(
                "Could not save",
                format!("{e}\n\nYour changes are still here; try Save As to another folder."),
            ),
        }
    }

    /// Save under a new name: a job copies the board's images (and those
    /// its undo history uses) into the new folder with progress and Cancel;
    /// a cancelled copy leaves no board file behind.
    fn save_as(&mut self, then: Option<Pending>) {
        let suggested = files::suggested_file_name(&self.doc);
        let Some(path) = self.dialogs.save_board(&suggested) else {
            return;
        };
        // Absolute, so the lock and the recovery index name the same file
        // whatever the current folder.
        let path = store::absolute_board_path(&path);
        if self.doc.read_only && self.doc.path.as_deref() == Some(path.as_path()) {
            self.message(
                "Choose another name",
                format!(
                    "{} is open in another Shotboard, so this copy cannot replace it. \
                     Save under another name to edit your own copy.",
                    path.display()
                ),
            );
            return;
        }
        self.doc.end_gesture();
        let board = self.doc.board().clone();
        let from_dir = self.doc.asset_dir().to_path_buf();
        let history_assets = self.doc.history_assets();
        self.spawn("Saving a copy", true, move |job| {
            let result = files::save_as(&board, &from_dir, &path, &history_assets, job)
                .map_err(|e| e.to_string());
            JobDone::SavedAs { path, result, then }
        });
    }

    fn finish_save_as(
        &mut self,
        path: PathBuf,
        result: Result<Option<files::SavedAs>, String>,
        then: Option<Pending>,
    ) {
        match result {
            Ok(Some(saved)) => {
                self.doc.adopt_saved_as(&path, saved.copy, &saved.problems);
                self.safety.saved(&self.doc);
                self.prefs.add_recent(&path);
                self.thumbs.clear();
                self.notify(format!("Saved {}", path.display()), false);
                if let Some(then) = then {
                    self.proceed_later = Some(then);
                }
            }
            Ok(None) => self.notify("Save As cancelled; nothing was written", false),
            Err(e) => self.message(
                "Could not save",
                format!("{e}\n\nYour changes are still here; try another folder."),
            ),
        }
    }

    // ---- chrome -------------------------------------------------------------------

    fn status_bar(&mut self, ui: &mut Ui) {
        let jobs = self.jobs.running();
        let input = StatusInput {
            board: self.doc.board(),
            read_only: self.doc.read_only,
            selected: self.selection.panels(),
            index: self.doc.index(),
            thumbnails_pending: self.thumbs.pending(),
            jobs: &jobs,
            notice: self.notice.as_ref(),
            can_undo: self.doc.undo_label().is_some(),
            hint: (!self.prefs.hide_start_hint).then(|| start_hint(ui.ctx())),
        };
        match status_bar::show(ui, &input) {
            Some(StatusAction::CancelJob(id)) => self.jobs.cancel(id),
            Some(StatusAction::Undo) => self.execute(&ui.ctx().clone(), AppCommand::Undo),
            Some(StatusAction::HideHint) => self.prefs.hide_start_hint = true,
            None => {}
        }
    }

    fn safety_actions(&mut self, ctx: &egui::Context, actions: Vec<SafetyAction>) {
        for action in actions {
            match action {
                SafetyAction::Notify { text, error } => self.notify(text, error),
                SafetyAction::OpenPath(path) => self.open_path(ctx, path),
                SafetyAction::Locate(name) => {
                    self.notify(format!("Find {name} to see its recovered changes"), false);
                    if let Some(path) = self.dialogs.open_board() {
                        self.open_path(ctx, path);
                    }
                }
                SafetyAction::Adopt(doc) => {
                    self.doc = *doc;
                    self.after_open();
                }
                SafetyAction::CloseBoard => {
                    self.doc = files::new_document(&self.data_dir);
                    self.after_open();
                }
                SafetyAction::BoardReplaced => {
                    self.thumbs.clear();
                    self.doc.recheck_assets();
                    self.selection.retain_existing(self.doc.board());
                }
            }
        }
    }

    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.take() else {
            return;
        };
        match modals::show(ctx, &modal, &self.doc) {
            Answer::Open => self.modal = Some(modal),
            Answer::Closed => {}
            Answer::SaveThen(pending) => self.save(Some(pending)),
            Answer::DiscardThen(pending) => {
                self.safety.discarded(&self.doc);
                self.proceed(ctx, pending);
            }
            Answer::Delete(target) => self.delete(target),
            Answer::BringAssetsIn => self.bring_assets_in(),
        }
    }
}

/// Give the keys back to the cards: no widget keeps the keyboard focus.
fn surrender_focus(ctx: &egui::Context) {
    ctx.memory_mut(|m| {
        if let Some(id) = m.focused() {
            m.surrender_focus(id);
        }
    });
}

/// How to start, with this platform's keys: the status bar's tip.
fn start_hint(ctx: &egui::Context) -> String {
    let key = |command: AppCommand| command.formatted_shortcut(ctx).unwrap_or_default();
    format!(
        "Tip: {} types the action · {} draws · {} presents · {} finds any command",
        key(AppCommand::FocusAction),
        key(AppCommand::OpenSketch),
        key(AppCommand::Present),
        key(AppCommand::CommandPalette),
    )
}

impl eframe::App for ShotboardApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::STORAGE_KEY, &self.prefs);
    }
}
