//! The application shell: the app's state, how it starts, and the frame
//! layout (menu bar, toolbar, canvas or sketch editor, inspector, status
//! bar, windows). What the user's commands do lives in `edits`; work that
//! involves files and background jobs (open, save, imports, paste, export,
//! clean-up, reload) in `flows`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Ui, ViewportCommand};

use crate::model::PanelId;
use crate::store;

use super::canvas::{self, CanvasInput, CanvasState, MAX_CARD_WIDTH, MIN_CARD_WIDTH};
use super::clipboard::Clipboard;
use super::commands::AppCommand;
use super::desktop_state::DesktopState;
use super::dialogs::{FileDialogs, NativeDialogs};
use super::document::Document;
use super::export_dialog::{ExportDialog, ExportEvent, ExportInput};
use super::file_chooser::{FileChooser, FilePurpose};
use super::files;
use super::inspector::{self, InspectorInput, InspectorState};
use super::jobs::JobRunner;
use super::menus::{self, MenuAction};
use super::modals::{self, Answer, Modal, Pending};
use super::palette::Palette;
use super::prefs::Prefs;
use super::production::{self, ProductionState};
use super::review::ReviewParts;
use super::review_state::Review;
use super::safety::Safety;
use super::selection::Selection;
use super::shot_list::{self, ShotListState};
use super::sketch::{SketchEditor, SketchInput};
use super::snapshots::SnapshotsWindow;
use super::status_bar::{self, Notice, StatusAction, StatusInput};
use super::thumbs::{ThumbCache, ThumbLoader};

mod crash_guard;
mod edits;
mod flows;
mod help;
mod prefs_window;

use flows::JobDone;

/// Shown when an edit is refused while a save or open runs.
const BUSY_NOTICE: &str = "Wait a moment: the board is being saved or opened.";

/// How strongly Ctrl+wheel and pinch size the cards: the zoom factor is
/// raised to this power, so one wheel notch changes them by a few percent.
const CARD_ZOOM_RATE: f32 = 0.4;

/// The Shotboard application state.
pub struct ShotboardApp {
    pub doc: Document,
    pub selection: Selection,
    pub canvas: CanvasState,
    /// The panel editor; while it is open it replaces the canvas.
    pub sketch: SketchEditor,
    inspector: InspectorState,
    thumbs: ThumbCache,
    pub prefs: Prefs,
    /// Panels cut or copied; kept across opening another board.
    clipboard: Clipboard,
    /// "Which file?": the native dialog, or the app's own where there is none.
    chooser: FileChooser,
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
    /// Breakdown, shooting plan and on-set views (`ui/production.rs`).
    pub production: ProductionState,
    /// Presentation, playback, timeline, find.
    review: Review,
    /// Autosave, recovery, lock and outside-change prompts.
    pub safety: Safety,
    /// File → Snapshots… and the compare window.
    snapshots: SnapshotsWindow,
    /// The command palette (Ctrl+K).
    palette: Palette,
    /// The review of an update from a new draft of the script.
    script_update: crate::ui::script_update::ScriptUpdate,
    /// The watch on the board's linked script.
    script_watch: crate::ui::script_watch::ScriptWatch,
    /// What the user asked for after a save that has now finished (quit,
    /// open another board); run on the next frame, which has the context.
    proceed_later: Option<Pending>,
    /// The window was closed while a save or open ran: close when it ends.
    close_when_idle: bool,
    /// The user's data folder: recovery index and untitled boards' images.
    data_dir: PathBuf,
    /// Help windows, first-launch overlay, crash notice (`help`).
    desktop: DesktopState,
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
            dialogs: Box::new(NativeDialogs::default()),
            thumb_loader: super::cached_thumbnail_loader(store::ThumbStore::user_default()),
            prefs,
            data_dir: files::data_dir(),
        }
    }
}

impl ShotboardApp {
    pub fn new(startup: Startup) -> Self {
        // The window comes up at once on an empty board; the board asked
        // for (or the demo, whose images are written first) is read by a
        // job and replaces it when ready. Edits wait until then.
        let doc = files::new_document(&startup.data_dir, &startup.prefs);
        let desktop = DesktopState::new(&startup.data_dir, &startup.prefs);
        let prefs = startup.prefs;
        let mut app = Self {
            doc,
            selection: Selection::default(),
            canvas: CanvasState::with_card_width(prefs.card_width),
            sketch: SketchEditor::with_panels(prefs.sketch_panels),
            inspector: InspectorState::default(),
            thumbs: ThumbCache::new(startup.thumb_loader),
            prefs,
            clipboard: Clipboard::default(),
            chooser: FileChooser::new(startup.dialogs),
            modal: None,
            notice: None,
            jobs: JobRunner::default(),
            close_confirmed: false,
            title: String::new(),
            export: ExportDialog::default(),
            shot_list: ShotListState::default(),
            production: ProductionState::default(),
            review: Review::default(),
            safety: Safety::new(startup.data_dir.clone(), startup.file.is_none()),
            data_dir: startup.data_dir,
            palette: Palette::default(),
            script_update: Default::default(),
            script_watch: Default::default(),
            snapshots: SnapshotsWindow::default(),
            proceed_later: None,
            close_when_idle: false,
            desktop,
        };
        match startup.file {
            Some(path) => app.open_board(path),
            None => {
                let data_dir = app.data_dir.clone();
                app.spawn("Opening the demo board", true, move |_| {
                    JobDone::Demo(files::demo_document(&data_dir))
                });
            }
        }
        app
    }

    /// Common work after a document is opened or created.
    fn after_open(&mut self) {
        self.sketch.close();
        self.selection.clear();
        self.thumbs.clear();
        self.production.forget_board();
        if let Some(first) = self.doc.board().panels().next() {
            self.selection.select_only(first.id);
            // Start where the selection is, not at the scroll offset the
            // last board (or the last session) left behind.
            self.canvas.scroll_to = Some(first.id);
        }
        if !self.doc.problems().is_empty() {
            self.notify(
                format!(
                    "{} image problem(s): see View > Missing images",
                    self.doc.problems().len()
                ),
                true,
            );
        }
        let outside = store::outside_assets(self.doc.board(), self.doc.asset_root()).len();
        if outside > 0 {
            self.notify(
                format!(
                    "{outside} image(s) are kept in another board's folder and go missing if this board moves: View > Missing images > Copy in"
                ),
                true,
            );
        }
    }

    fn notify(&mut self, text: impl Into<String>, error: bool) {
        self.notice = Some(Notice::new(text, error));
    }

    /// A notice with an Undo button: what a delete removed.
    fn notify_undoable(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice::undoable(text));
    }

    /// True while background work runs (jobs, autosave, export,
    /// thumbnails).
    pub fn is_busy(&self) -> bool {
        !self.jobs.is_idle() || self.safety.autosaves_in_flight() > 0 || self.thumbs.rendering()
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

    /// The parts of the app review work (presentation, player, timeline,
    /// find) touches, lent for one call.
    fn review_parts(&mut self) -> ReviewParts<'_> {
        ReviewParts {
            review: &mut self.review,
            doc: &mut self.doc,
            selection: &mut self.selection,
            canvas: &mut self.canvas,
            thumbs: &mut self.thumbs,
            prefs: &mut self.prefs,
            notice: &mut self.notice,
        }
    }

    /// True while presenting; the presentation then owns the whole window.
    pub fn is_presenting(&self) -> bool {
        self.review.is_presenting()
    }

    /// The panel the presentation or the player shows now (for tests and
    /// tools); `None` on the canvas.
    pub fn shown_panel(&self) -> Option<PanelId> {
        self.review.shown_panel(self.doc.board())
    }

    /// The playhead's timecode (`HH:MM:SS:FF`).
    pub fn playhead_timecode(&self) -> String {
        self.doc.board().fps.timecode(self.review.player.position())
    }

    /// The playhead frame: on screen while playing, else where Play starts.
    pub fn playhead(&self) -> u64 {
        self.review.player.position()
    }

    pub fn is_playing(&self) -> bool {
        self.review.player.is_playing()
    }

    /// Frames painted during playback whose picture was not ready.
    pub fn playback_hitches(&self) -> u64 {
        self.review.player.hitches()
    }

    /// Whether the player is blending at the playhead (for tests).
    pub fn playback_blend(&self) -> Option<crate::playback::Blend> {
        self.review.blend(self.doc.board())
    }

    /// True once the user confirmed closing the window (after saving or
    /// discarding what was unsaved).
    pub fn is_closing(&self) -> bool {
        self.close_confirmed
    }

    /// Test seam: the compare window's lines, while it is open.
    pub fn comparison_lines(&self) -> Option<&[String]> {
        self.snapshots.comparison_lines()
    }

    /// True while a modal dialog is open.
    pub fn has_modal(&self) -> bool {
        self.modal.is_some()
            || self.safety.has_modal()
            || self.palette.is_open()
            || self.chooser.is_open()
            || self.export.open
            || self.script_update.is_open()
    }

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
        if self.review.is_presenting() {
            self.review_parts().tick_playback(&ctx);
            self.review_parts().show_presentation(ui);
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
        self.review_parts().tick_playback(&ctx);
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
                        .add_enabled_ui(!self.doc.is_read_only(), |ui| {
                            inspector::show(ui, &mut self.inspector, &mut self.thumbs, &input)
                        })
                        .inner;
                    for action in actions {
                        self.inspector_action(action);
                    }
                });
        }
        self.review_parts().show_timeline(ui);
        egui::CentralPanel::default().show(ui, |ui| {
            if self.sketch.is_open() {
                self.show_sketch(&ctx, ui);
                return;
            }
            ui.horizontal_wrapped(|ui| {
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
            self.review_parts().show_find_bar(ui);
            if self.review_parts().show_player_stage(ui) {
                return;
            }
            let views = &mut self.production;
            if let Some(actions) = production::show(ui, views, &self.doc, &mut self.selection) {
                actions.into_iter().for_each(|a| self.inspector_action(a));
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
        if let Some(answer) = self.script_update.show(&ctx) {
            self.script_update_answered(answer);
        }
        let board = self.doc.path().map(std::path::Path::to_path_buf);
        let links = &self.prefs.linked_scripts;
        if let Some(script) = self.script_watch.show(&ctx, board.as_deref(), links) {
            self.plan_script_update(script);
        }
        let state = self.command_state();
        if let Some(command) = self.palette.show(&ctx, &state) {
            self.execute(&ctx, command);
        }
        let stem = files::suggested_file_name(&self.doc);
        let stem = stem.strip_suffix(".ron").unwrap_or(&stem).to_owned();
        // A CSV lists its rows as the shot list shows them.
        self.export.csv.order = self.shot_list.order();
        let running = self.jobs.running();
        let progress = self
            .export
            .running()
            .and_then(|id| running.iter().find(|j| j.id == id));
        let input = ExportInput {
            board: self.doc.board(),
            board_file: self.doc.path(),
            stem: &stem,
        };
        match self
            .export
            .show(&ctx, &input, &mut self.prefs.exports, progress)
        {
            Some(ExportEvent::Start(out)) => self.start_export(out),
            Some(ExportEvent::ChooseDestination(request)) => {
                self.ask_file(&ctx, request, FilePurpose::Export);
            }
            Some(ExportEvent::Browse(request)) => {
                self.ask_file(&ctx, request, FilePurpose::ExportDestination);
            }
            Some(ExportEvent::Cancel(id)) => self.jobs.cancel(id),
            None => {}
        }
        if let Some(action) = self.snapshots.show(&ctx, self.doc.path()) {
            self.snapshot_action(&ctx, action);
        }
        if let Some((purpose, paths)) = self.chooser.show(&ctx) {
            self.file_chosen(&ctx, purpose, paths);
        }
        self.show_preferences(&ctx);
        // While a save or open runs, the file on disk is ours to change:
        // outside-change checks and recovery prompts wait for it.
        if !self.jobs.blocks_edits() {
            let safety = self.safety.show(&ctx, &mut self.doc);
            self.safety_actions(&ctx, safety);
        }
        // After the safety prompts, so the crash notice sits above the
        // recovery prompt.
        self.show_help(&ctx);
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

    fn status_bar(&mut self, ui: &mut Ui) {
        let jobs = self.jobs.running();
        let input = StatusInput {
            board: self.doc.board(),
            read_only: self.doc.is_read_only(),
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

    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.take() else {
            return;
        };
        match modals::show(ctx, &modal, &self.doc) {
            Answer::Open => self.modal = Some(modal),
            Answer::Closed => {}
            Answer::SaveThen(pending) => self.save(ctx, Some(pending)),
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
        self.show_guarded(ui, Self::show);
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        self.save_prefs();
    }
}
