//! The application shell: menus, shortcuts, dialogs, status bar, and the
//! wiring between the canvas, the inspector and the document.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui, ViewportCommand};

use crate::edit::ops;
use crate::model::{Panel, PanelId, SceneId};
use crate::store;

use super::canvas::{self, CanvasAction, CanvasInput, CanvasState, MAX_CARD_WIDTH, MIN_CARD_WIDTH};
use super::dialogs::{FileDialogs, NativeDialogs};
use super::document::Document;
use super::export_dialog::{ExportDialog, ExportOutcome};
use super::files::{self, ImportOutcome};
use super::inspector::{self, InspectorAction, InspectorInput, InspectorState};
use super::prefs::{self, Prefs};
use super::review::Review;
use super::safety::{Safety, SafetyAction};
use super::selection::{Selection, Step};
use super::shot_list::{self, ShotListState};
use super::sketch::{SketchAction, SketchEditor, SketchInput};
use super::thumbs::{ThumbCache, ThumbLoader};

/// Everything the user can ask for from menus and shortcuts.
#[derive(Clone, Debug, PartialEq)]
pub enum AppCommand {
    New,
    Open,
    OpenPath(PathBuf),
    Save,
    SaveAs,
    ImportImages,
    /// Append a Fountain screenplay's scenes to this board.
    ImportScript,
    /// Open a Storyboarder project as a new board.
    ImportStoryboarder,
    Quit,
    Undo,
    Redo,
    Cut,
    Copy,
    Paste,
    Duplicate,
    Delete,
    SelectAll,
    NewPanel,
    NewScene,
    SplitScene,
    Nudge(i32),
    Select(Step, bool),
    ZoomIn,
    ZoomOut,
    FocusAction,
    ShowProblems,
    /// Open the Export window.
    Export,
    /// Switch the central area between the cards and the shot list.
    ToggleShotList,
    /// Full-screen presentation from the selection (F5).
    Present,
    /// Play or stop the animatic from the selection (Space).
    PlayPause,
    /// Play the selected panel's scene only.
    PlayScene,
    ToggleLoop,
    ToggleTimeline,
    /// Open the find bar (Ctrl+F).
    Find,
    /// Go to the next find match (F3).
    FindNext,
    NextNeedingChanges,
    Preferences,
    /// Open the selected panel in the sketch editor.
    OpenSketch,
    /// Move images no panel, undo step or backup uses into a backup folder.
    CleanUpImages,
}

impl AppCommand {
    /// Commands that change the board (or its images folder), refused while
    /// the board is open read-only.
    fn edits_board(&self) -> bool {
        matches!(
            self,
            Self::Undo
                | Self::Redo
                | Self::Cut
                | Self::Paste
                | Self::Duplicate
                | Self::Delete
                | Self::NewPanel
                | Self::NewScene
                | Self::SplitScene
                | Self::Nudge(_)
                | Self::ImportImages
                | Self::ImportScript
                | Self::OpenSketch
                | Self::CleanUpImages
        )
    }
}

/// Shown when an edit is refused on a read-only board.
const READ_ONLY_NOTICE: &str =
    "Read-only: another Shotboard has this board open. Save As… makes a copy you can edit.";

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    Close,
    New,
    Open(Option<PathBuf>),
    ImportStoryboarder(PathBuf),
}

enum Modal {
    /// Save / Discard / Cancel before `Pending`.
    Unsaved(Pending),
    Message {
        title: String,
        body: String,
    },
    Problems,
    /// Asked before deleting what the user may not have in mind.
    ConfirmDelete {
        question: String,
        target: DeleteTarget,
    },
}

/// What a Delete removes.
#[derive(Clone, Debug)]
enum DeleteTarget {
    Scene(SceneId),
    Panels(Vec<PanelId>),
}

/// How strongly Ctrl+wheel and pinch size the cards: the zoom factor is
/// raised to this power, so one wheel notch changes them by a few percent.
const CARD_ZOOM_RATE: f32 = 0.4;

/// Deleting more panels than this at once asks first.
const CONFIRM_DELETE_OVER: usize = 10;

/// Where imported images go when they arrive.
#[derive(Clone, Debug)]
enum ImportTarget {
    NewPanels { scene: SceneId, slot: usize },
    ReplaceFrame(PanelId),
}

struct ImportJob {
    target: ImportTarget,
    /// The board the job belongs to (the asset root), so a result for a
    /// board closed meanwhile is ignored.
    asset_root: PathBuf,
    outcome: ImportOutcome,
}

/// A short notice in the status bar.
struct Notice {
    text: String,
    at: Instant,
    error: bool,
    /// Offer an Undo button beside the text (after a delete).
    undo: bool,
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
    clipboard: Vec<Panel>,
    /// The folder the clipboard's image paths resolve against: pasting into
    /// another board copies the images over.
    clipboard_dir: PathBuf,
    dialogs: Box<dyn FileDialogs>,
    modal: Option<Modal>,
    notice: Option<Notice>,
    jobs_tx: Sender<ImportJob>,
    jobs_rx: Receiver<ImportJob>,
    jobs_running: usize,
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
            thumb_loader: super::render_thumbnail_loader(),
            prefs,
            data_dir: files::data_dir(),
        }
    }
}

impl ShotboardApp {
    pub fn new(startup: Startup) -> Self {
        let (jobs_tx, jobs_rx) = channel();
        let mut notice = None;
        let doc = match &startup.file {
            Some(path) => match files::open_document(path) {
                Ok(doc) => doc,
                Err(e) => {
                    notice = Some(Notice {
                        text: e.to_string(),
                        at: Instant::now(),
                        error: true,
                        undo: false,
                    });
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
            clipboard: Vec::new(),
            clipboard_dir: PathBuf::new(),
            dialogs: startup.dialogs,
            modal: None,
            notice: None,
            jobs_tx,
            jobs_rx,
            jobs_running: 0,
            close_confirmed: false,
            title: String::new(),
            export: ExportDialog::default(),
            shot_list: ShotListState::default(),
            review: Review::default(),
            safety: Safety::new(startup.data_dir.clone(), startup.file.is_none()),
            data_dir: startup.data_dir,
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
        if let Some(first) = self.doc.board.panels().next() {
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
        let outside = store::outside_assets(&self.doc.board, &self.doc.asset_root).len();
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
        self.notice = Some(Notice {
            text: text.into(),
            at: Instant::now(),
            error,
            undo: false,
        });
    }

    /// A notice with an Undo button: what a delete removed.
    fn notify_undoable(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            at: Instant::now(),
            error: false,
            undo: true,
        });
    }

    /// Number of background image imports still running.
    pub fn background_jobs(&self) -> usize {
        self.jobs_running
    }

    /// Block until background imports finish and apply them (for tests and
    /// headless use).
    pub fn wait_for_background_work(&mut self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while self.jobs_running > 0 && Instant::now() < deadline {
            if let Ok(job) = self.jobs_rx.recv_timeout(Duration::from_millis(20)) {
                self.finish_import(job);
            }
        }
    }

    /// Block until the thumbnail workers have rendered everything queued;
    /// the next frame shows it. For tests that drive a simulated clock
    /// faster than real rendering.
    pub fn wait_for_thumbnails(&self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while self.thumbs.rendering() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Thumbnails (ready, still pending), for progress reports and benches.
    pub fn thumbnail_progress(&self) -> (usize, usize) {
        (self.thumbs.ready(), self.thumbs.pending())
    }

    /// The message shown in the status bar, if any.
    pub fn notice_text(&self) -> Option<&str> {
        self.notice.as_ref().map(|n| n.text.as_str())
    }

    /// True while an export runs in the background.
    pub fn export_running(&self) -> bool {
        self.export.is_running()
    }

    /// Block until the running export finishes and announce it (for tests).
    pub fn wait_for_export(&mut self, timeout: Duration) {
        if let Some(outcome) = self.export.wait(timeout) {
            self.export.open = false;
            self.export_finished(outcome);
        }
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
        self.modal.is_some() || self.safety.has_modal()
    }

    // ---- the frame ------------------------------------------------------

    /// Draw the whole app into `ui` (the root of the window).
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        // Ctrl +/- size the cards, not the whole UI.
        if ctx.options(|o| o.zoom_with_keyboard) {
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
        }
        while let Ok(job) = self.jobs_rx.try_recv() {
            self.finish_import(job);
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

        egui::Panel::top("menu-bar").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| self.menus(&ctx, ui));
        });
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
                        board: &self.doc.board,
                        selection: &self.selection,
                        asset_dir: self.doc.asset_dir(),
                        generation: self.doc.history.generation(),
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
                let writable = !self.doc.read_only;
                if ui
                    .add_enabled(writable, egui::Button::new("+ Panel"))
                    .on_hover_text("New panel after the selection (Ctrl+Enter)")
                    .on_disabled_hover_text(READ_ONLY_NOTICE)
                    .clicked()
                {
                    self.execute(&ctx, AppCommand::NewPanel);
                }
                if ui
                    .add_enabled(writable, egui::Button::new("+ Scene"))
                    .on_hover_text("New scene")
                    .on_disabled_hover_text(READ_ONLY_NOTICE)
                    .clicked()
                {
                    self.execute(&ctx, AppCommand::NewScene);
                }
                ui.separator();
                if ui
                    .selectable_label(self.shot_list.visible, "Shot list")
                    .on_hover_text("Show the panels as a table (Ctrl+Shift+L)")
                    .clicked()
                {
                    self.execute(&ctx, AppCommand::ToggleShotList);
                }
                ui.separator();
                let playing = self.review.player.is_playing();
                if ui
                    .button(if playing { "Stop" } else { "Play" })
                    .on_hover_text("Play the animatic from the selection (Space)")
                    .clicked()
                {
                    self.execute(&ctx, AppCommand::PlayPause);
                }
                if ui
                    .button("Present")
                    .on_hover_text("Full-screen presentation from the selection (F5)")
                    .clicked()
                {
                    self.execute(&ctx, AppCommand::Present);
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
                    &self.doc.board,
                    &self.selection,
                    self.doc.history.generation(),
                    self.canvas.scroll_to,
                );
                for action in actions {
                    self.canvas_action(&ctx, action);
                }
                return;
            }
            let broken = std::mem::take(&mut self.doc.broken_assets);
            let input = CanvasInput {
                board: &self.doc.board,
                selection: &self.selection,
                generation: self.doc.history.generation(),
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
        let stem = files::suggested_file_name(&self.doc);
        let stem = stem.strip_suffix(".ron").unwrap_or(&stem).to_owned();
        // A CSV lists its rows as the shot list shows them.
        self.export.csv.order = self.shot_list.order();
        if let Some(outcome) = self.export.show(
            &ctx,
            &self.doc.board,
            self.doc.asset_dir(),
            &stem,
            self.dialogs.as_mut(),
        ) {
            self.export_finished(outcome);
        }
        self.show_preferences(&ctx);
        let safety = self.safety.show(&ctx, &mut self.doc);
        self.safety_actions(&ctx, safety);
        if let Some(trimmed) = self.doc.history.take_trimmed() {
            self.notify(trimmed.to_string(), false);
        }
        self.update_title(&ctx);
        if self.jobs_running > 0 {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        if let Some(n) = &self.notice {
            let left = Duration::from_secs(8).saturating_sub(n.at.elapsed());
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
            board: &self.doc.board,
            generation: self.doc.history.generation(),
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
        if ctx.input(|i| i.viewport().close_requested()) {
            self.commit_active_stroke();
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

    fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<AppCommand> {
        if self.has_modal() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let cmd = Modifiers::COMMAND;
        let typing = ctx.egui_wants_keyboard_input();
        ctx.input_mut(|i| {
            // Document shortcuts work everywhere, also while typing.
            let global = [
                (
                    KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::S),
                    AppCommand::SaveAs,
                ),
                (KeyboardShortcut::new(cmd, Key::S), AppCommand::Save),
                (KeyboardShortcut::new(cmd, Key::N), AppCommand::New),
                (KeyboardShortcut::new(cmd, Key::O), AppCommand::Open),
                (KeyboardShortcut::new(cmd, Key::I), AppCommand::ImportImages),
                (KeyboardShortcut::new(cmd, Key::E), AppCommand::Export),
                (
                    KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::L),
                    AppCommand::ToggleShotList,
                ),
                (
                    KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::Z),
                    AppCommand::Redo,
                ),
                (KeyboardShortcut::new(cmd, Key::Y), AppCommand::Redo),
                (KeyboardShortcut::new(cmd, Key::Z), AppCommand::Undo),
                (KeyboardShortcut::new(cmd, Key::Q), AppCommand::Quit),
                (KeyboardShortcut::new(cmd, Key::Plus), AppCommand::ZoomIn),
                (KeyboardShortcut::new(cmd, Key::Equals), AppCommand::ZoomIn),
                (KeyboardShortcut::new(cmd, Key::Minus), AppCommand::ZoomOut),
                (KeyboardShortcut::new(cmd, Key::Enter), AppCommand::NewPanel),
                (KeyboardShortcut::new(cmd, Key::F), AppCommand::Find),
                (
                    KeyboardShortcut::new(Modifiers::NONE, Key::F3),
                    AppCommand::FindNext,
                ),
                (
                    KeyboardShortcut::new(Modifiers::NONE, Key::F5),
                    AppCommand::Present,
                ),
                (
                    KeyboardShortcut::new(Modifiers::NONE, Key::F11),
                    AppCommand::Present,
                ),
                (
                    KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::T),
                    AppCommand::ToggleTimeline,
                ),
            ];
            for (shortcut, command) in global {
                if i.consume_shortcut(&shortcut) {
                    out.push(command);
                }
            }
            if typing {
                if i.consume_key(Modifiers::NONE, Key::Escape) {
                    out.push(AppCommand::Select(Step::By(0), false));
                }
                return;
            }
            if self.sketch.is_open() {
                return; // The editor reads its own keys.
            }
            let canvas_keys = [
                (KeyboardShortcut::new(cmd, Key::D), AppCommand::Duplicate),
                (KeyboardShortcut::new(cmd, Key::A), AppCommand::SelectAll),
                (
                    KeyboardShortcut::new(Modifiers::NONE, Key::Delete),
                    AppCommand::Delete,
                ),
                (
                    KeyboardShortcut::new(Modifiers::NONE, Key::Backspace),
                    AppCommand::Delete,
                ),
                (
                    KeyboardShortcut::new(Modifiers::ALT, Key::ArrowLeft),
                    AppCommand::Nudge(-1),
                ),
                (
                    KeyboardShortcut::new(Modifiers::ALT, Key::ArrowUp),
                    AppCommand::Nudge(-1),
                ),
                (
                    KeyboardShortcut::new(Modifiers::ALT, Key::ArrowRight),
                    AppCommand::Nudge(1),
                ),
                (
                    KeyboardShortcut::new(Modifiers::ALT, Key::ArrowDown),
                    AppCommand::Nudge(1),
                ),
                (
                    KeyboardShortcut::new(Modifiers::NONE, Key::Enter),
                    AppCommand::FocusAction,
                ),
                // Shift first: a plain shortcut also matches with Shift.
                (
                    KeyboardShortcut::new(Modifiers::SHIFT, Key::Space),
                    AppCommand::PlayScene,
                ),
                (
                    KeyboardShortcut::new(Modifiers::NONE, Key::Space),
                    AppCommand::PlayPause,
                ),
                (
                    KeyboardShortcut::new(Modifiers::NONE, Key::E),
                    AppCommand::OpenSketch,
                ),
                (
                    KeyboardShortcut::new(Modifiers::SHIFT, Key::ArrowLeft),
                    AppCommand::Select(Step::By(-1), true),
                ),
                (
                    KeyboardShortcut::new(Modifiers::SHIFT, Key::ArrowRight),
                    AppCommand::Select(Step::By(1), true),
                ),
                (
                    KeyboardShortcut::new(Modifiers::NONE, Key::ArrowLeft),
                    AppCommand::Select(Step::By(-1), false),
                ),
                (
                    KeyboardShortcut::new(Modifiers::NONE, Key::ArrowRight),
                    AppCommand::Select(Step::By(1), false),
                ),
                (
                    KeyboardShortcut::new(Modifiers::NONE, Key::Home),
                    AppCommand::Select(Step::First, false),
                ),
                (
                    KeyboardShortcut::new(Modifiers::NONE, Key::End),
                    AppCommand::Select(Step::Last, false),
                ),
                (
                    KeyboardShortcut::new(Modifiers::SHIFT, Key::Home),
                    AppCommand::Select(Step::First, true),
                ),
                (
                    KeyboardShortcut::new(Modifiers::SHIFT, Key::End),
                    AppCommand::Select(Step::Last, true),
                ),
            ];
            for (shortcut, command) in canvas_keys {
                if i.consume_shortcut(&shortcut) {
                    out.push(command);
                }
            }
            // Up/down move by a row of cards.
            let columns = self.canvas_columns_hint() as i64;
            for (mods, key, delta, extend) in [
                (Modifiers::NONE, Key::ArrowUp, -columns, false),
                (Modifiers::NONE, Key::ArrowDown, columns, false),
                (Modifiers::SHIFT, Key::ArrowUp, -columns, true),
                (Modifiers::SHIFT, Key::ArrowDown, columns, true),
            ] {
                if i.consume_key(mods, key) {
                    out.push(AppCommand::Select(Step::By(delta), extend));
                }
            }
            // The window layer turns Ctrl+C/X/V into Copy/Cut/Paste events,
            // but Ctrl+V only when the system clipboard holds text (Paste)
            // or an image (PasteImage); other backends (and tests) deliver
            // the plain keys. Copied panels live in the app, so each of
            // these pastes them, whatever another program left behind.
            let has_panels = !self.clipboard.is_empty();
            i.events.retain(|e| match e {
                egui::Event::Copy => {
                    out.push(AppCommand::Copy);
                    false
                }
                egui::Event::Cut => {
                    out.push(AppCommand::Cut);
                    false
                }
                egui::Event::Paste(_) => {
                    out.push(AppCommand::Paste);
                    false
                }
                egui::Event::PasteImage(_) if has_panels => {
                    out.push(AppCommand::Paste);
                    false
                }
                _ => true,
            });
            for (key, command) in [
                (Key::C, AppCommand::Copy),
                (Key::X, AppCommand::Cut),
                (Key::V, AppCommand::Paste),
            ] {
                if i.consume_key(Modifiers::COMMAND, key) {
                    out.push(command);
                }
            }
        });
        out
    }

    fn canvas_columns_hint(&self) -> usize {
        self.canvas.columns.max(1)
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
            AppCommand::OpenPath(p) => self.guard_unsaved(ctx, Pending::Open(Some(p))),
            AppCommand::Save => {
                self.save();
            }
            AppCommand::SaveAs => {
                self.save_as();
            }
            AppCommand::ImportImages => {
                let files = self.dialogs.pick_images();
                if !files.is_empty() {
                    let target = self.insertion_point();
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
                self.doc.history.end_coalescing();
                let before = self.panel_order();
                match self.doc.history.undo(&mut self.doc.board) {
                    Ok(Some(label)) => self.notify(format!("Undid {label}"), false),
                    Ok(None) => self.notify("Nothing to undo", false),
                    Err(e) => self.notify(e.to_string(), true),
                }
                self.select_after_history_step(&before);
            }
            AppCommand::Redo => {
                let before = self.panel_order();
                match self.doc.history.redo(&mut self.doc.board) {
                    Ok(Some(label)) => self.notify(format!("Redid {label}"), false),
                    Ok(None) => self.notify("Nothing to redo", false),
                    Err(e) => self.notify(e.to_string(), true),
                }
                self.select_after_history_step(&before);
            }
            AppCommand::Copy => self.copy(ctx),
            AppCommand::Cut => {
                self.copy(ctx);
                let cmd = ops::delete(&self.doc.board, self.selection.panels()).map(|mut c| {
                    c.label = c.label.replacen("Delete", "Cut", 1);
                    c
                });
                self.run(cmd);
            }
            AppCommand::Paste => {
                let panels = self.clipboard_for_this_board();
                let cmd = ops::paste(&self.doc.board, self.selection.panels(), &panels);
                self.run(cmd);
            }
            AppCommand::Duplicate => {
                let cmd = ops::duplicate(&self.doc.board, self.selection.panels());
                self.run(cmd);
            }
            AppCommand::Delete => self.ask_delete(),
            AppCommand::SelectAll => self.selection.select_all(&self.doc.board),
            AppCommand::NewPanel => {
                let template = self
                    .selection
                    .focus()
                    .and_then(|id| self.doc.board.panel(id))
                    .cloned();
                let cmd = ops::new_panel_after(
                    &self.doc.board,
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
                    &self.doc.board,
                    self.selection.panels(),
                    self.selection.scene(),
                );
                if self.run(Some(cmd)) {
                    self.selection.select_scene(scene);
                }
            }
            AppCommand::SplitScene => {
                let cmd = ops::split_scene(&self.doc.board, self.selection.panels());
                if cmd.is_none() {
                    self.notify(
                        "Select a panel that is not the first of its scene to split there",
                        false,
                    );
                }
                self.run(cmd);
            }
            AppCommand::Nudge(delta) => {
                let cmd = ops::nudge(&self.doc.board, self.selection.panels(), delta);
                self.run(cmd);
                self.canvas.scroll_to = self.selection.focus();
            }
            AppCommand::Select(step, extend) => {
                if step != Step::By(0) {
                    let hidden = if self.shot_list.visible {
                        Default::default()
                    } else {
                        self.canvas.collapsed.clone()
                    };
                    self.selection.step(&self.doc.board, step, extend, &hidden);
                    self.canvas.scroll_to = self.selection.focus();
                }
                ctx.memory_mut(|m| {
                    if let Some(id) = m.focused() {
                        m.surrender_focus(id);
                    }
                });
            }
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
        }
        !self.doc.read_only
    }

    /// Keep the stroke (or eraser drag) in progress as an undo step. Called
    /// from every way out of a stroke: release, navigation, closing the
    /// editor, every app command (save, undo, quit…) and a window close.
    pub fn commit_active_stroke(&mut self) {
        if let Some(action) = self.sketch.take_active(&self.doc.board) {
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
            SketchAction::EndGesture => self.doc.history.end_coalescing(),
            SketchAction::Step(_) | SketchAction::NewPanel | SketchAction::Close => {}
        }
    }

    fn sketch_action(&mut self, ctx: &egui::Context, action: SketchAction) {
        match action {
            SketchAction::Step(delta) => {
                self.commit_active_stroke();
                let order: Vec<PanelId> = self.doc.board.panels().map(|p| p.id).collect();
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
                self.selection.retain_existing(&self.doc.board);
                true
            }
            Err(e) => {
                self.notify(format!("Could not do that: {e}"), true);
                false
            }
        }
    }

    fn copy(&mut self, ctx: &egui::Context) {
        let ids = ops::in_board_order(&self.doc.board, self.selection.panels());
        if ids.is_empty() {
            return;
        }
        self.clipboard = ids
            .iter()
            .filter_map(|id| self.doc.board.panel(*id).cloned())
            .collect();
        self.clipboard_dir = self.doc.asset_dir().to_path_buf();
        // The panels' words go on the system clipboard too: pasting into a
        // mail or a script gives the text, and the window layer only turns
        // Ctrl+V into a paste when the system clipboard holds something.
        ctx.copy_text(clipboard_text(&self.doc.board, &ids));
        self.notify(format!("Copied {} panel(s)", self.clipboard.len()), false);
    }

    /// The clipboard's panels with their images available to this board:
    /// every image path goes through [`store::adopt_asset`], which copies
    /// the file in unless it already lies in this board's own assets folder
    /// (two boards in one folder have different assets folders).
    fn clipboard_for_this_board(&mut self) -> Vec<Panel> {
        let mut panels = self.clipboard.clone();
        let mut failed = 0;
        for panel in &mut panels {
            let Some(image) = &panel.image else { continue };
            match store::adopt_asset(&self.doc.asset_root, &self.clipboard_dir, image) {
                Ok(copied) => panel.image = Some(copied),
                Err(_) => failed += 1,
            }
        }
        if failed > 0 {
            self.notify(
                format!("{failed} pasted image(s) could not be copied; they show as missing"),
                true,
            );
        }
        panels
    }

    /// Delete what is selected. Deleting what the user may not have in
    /// mind — a whole scene, many panels, or panels hidden in a collapsed
    /// scene — asks first; every delete says what went, with Undo.
    fn ask_delete(&mut self) {
        let board = &self.doc.board;
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
        let board = &self.doc.board;
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
                let cmd = ops::delete(&self.doc.board, &ids);
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

    /// Every panel id in board order, to compare before and after a step.
    fn panel_order(&self) -> Vec<PanelId> {
        self.doc.board.panels().map(|p| p.id).collect()
    }

    /// After undo or redo, the user keeps their place: panels the step
    /// brought back are selected (an undone delete); when selected panels
    /// went away (an undone New panel), their nearest surviving neighbour
    /// is.
    fn select_after_history_step(&mut self, before: &[PanelId]) {
        let board = &self.doc.board;
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
        let order: Vec<PanelId> = self.doc.board.panels().map(|p| p.id).collect();
        let last = order.iter().rposition(|id| self.selection.contains(*id))?;
        order[last + 1..]
            .iter()
            .chain(order[..last].iter().rev())
            .find(|id| !self.selection.contains(**id))
            .copied()
    }

    /// Where imported images go: after the selection, else the board's end.
    fn insertion_point(&self) -> ImportTarget {
        let ordered = ops::in_board_order(&self.doc.board, self.selection.panels());
        if let Some(pos) = ordered.last().and_then(|id| self.doc.board.find_panel(*id)) {
            return ImportTarget::NewPanels {
                scene: self.doc.board.scenes[pos.scene].id,
                slot: pos.panel + 1,
            };
        }
        match self.doc.board.scenes.last() {
            Some(s) => ImportTarget::NewPanels {
                scene: s.id,
                slot: s.panels.len(),
            },
            None => ImportTarget::NewPanels {
                scene: SceneId(0),
                slot: 0,
            },
        }
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
        self.execute(ctx, AppCommand::OpenPath(board.clone()));
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
                    self.selection.extend_to(&self.doc.board, panel);
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
                let cmd = ops::move_to_slot(&self.doc.board, &panels, scene, slot);
                self.run(cmd);
            }
            CanvasAction::MoveScene { scene, to_index } => {
                let cmd = ops::move_scene(&self.doc.board, scene, to_index);
                self.run(cmd);
            }
            CanvasAction::ToggleCollapsed(scene) => {
                if !self.canvas.collapsed.remove(&scene) {
                    self.canvas.collapsed.insert(scene);
                    // What the user can't see is not selected: keys and
                    // Delete then never reach a hidden panel.
                    if let Some(hidden) = self.doc.board.scene(scene) {
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
            InspectorAction::EndGesture => self.doc.history.end_coalescing(),
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
        let tx = self.jobs_tx.clone();
        let spawned = std::thread::Builder::new()
            .name("import-images".into())
            .spawn(move || {
                let outcome = files::import_images(&asset_root, &files);
                let _ = tx.send(ImportJob {
                    target,
                    asset_root,
                    outcome,
                });
            });
        match spawned {
            Ok(_) => {
                self.jobs_running += 1;
                self.notify("Importing images…", false);
            }
            Err(e) => self.notify(format!("Could not start importing: {e}"), true),
        }
    }

    fn finish_import(&mut self, job: ImportJob) {
        self.jobs_running = self.jobs_running.saturating_sub(1);
        if job.asset_root != self.doc.asset_root {
            return; // That board was closed meanwhile.
        }
        let board = &self.doc.board;
        let imported = job.outcome.imported;
        let failures = job.outcome.failed;
        let applied = match job.target {
            ImportTarget::ReplaceFrame(panel) if board.panel(panel).is_some() => {
                if let Some((_, asset)) = imported.first() {
                    let edit = crate::edit::Edit::set_all(
                        &[panel],
                        crate::edit::PanelField::Image(Some(asset.clone())),
                    );
                    self.doc.apply(edit, "Replace frame").is_ok()
                } else {
                    false
                }
            }
            target => {
                let place = match target {
                    ImportTarget::NewPanels { scene, slot } => {
                        ops::Place::At { scene, index: slot }
                    }
                    ImportTarget::ReplaceFrame(_) => ops::Place::End,
                };
                let assets: Vec<_> = imported.iter().map(|(_, a)| a.clone()).collect();
                let command = ops::add_image_panels(board, place, &assets);
                self.run(command)
            }
        };
        if !failures.is_empty() {
            let body = failures
                .iter()
                .map(|(_, e)| format!("• {e}"))
                .collect::<Vec<_>>()
                .join("\n");
            let title = format!(
                "{} of {} image(s) could not be imported",
                failures.len(),
                failures.len() + imported.len()
            );
            self.modal = Some(Modal::Message { title, body });
        } else if applied {
            self.notify(format!("Imported {} image(s)", imported.len()), false);
        }
    }

    /// Append a screenplay's scenes to this board as one undo step.
    fn import_script(&mut self) {
        let Some(path) = self.dialogs.open_file(
            "Import screenplay",
            "Fountain screenplay",
            &["fountain", "spmd", "txt"],
        ) else {
            return;
        };
        let result = crate::import::screenplay::read_script(&path)
            .and_then(|text| crate::import::screenplay::append_script(&self.doc.board, &text));
        match result {
            Ok((edit, warnings)) => {
                let before = self.doc.board.scenes.len();
                match self.doc.apply(edit, "Import script") {
                    Ok(()) => {
                        let added = self.doc.board.scenes.len() - before;
                        self.notify(
                            format!("Imported {added} scene(s) from {}", path.display()),
                            false,
                        );
                        if let Some(first) = self
                            .doc
                            .board
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
                    self.modal = Some(Modal::Message {
                        title: format!("Imported {} with notes", path.display()),
                        body,
                    });
                }
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Could not import the script".into(),
                    body: format!("{}: {e}", path.display()),
                });
            }
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
                let board_file = files::staging_board_file(&self.data_dir, "imported.ron");
                let result =
                    crate::import::storyboarder::import_storyboarder_into(&path, &board_file);
                match result {
                    Ok(project) => {
                        let mut doc = Document::new(project.board, None, board_file);
                        doc.history.mark_unsaved();
                        doc.problems = project.warnings;
                        self.doc = doc;
                        self.after_open();
                    }
                    Err(e) => {
                        self.modal = Some(Modal::Message {
                            title: "Could not import the project".into(),
                            body: e.to_string(),
                        });
                    }
                }
            }
            Pending::Open(path) => {
                let Some(path) = path.or_else(|| self.dialogs.open_board()) else {
                    return;
                };
                match files::open_document(&path) {
                    Ok(doc) => {
                        self.doc = doc;
                        self.prefs.add_recent(&path);
                        self.after_open();
                    }
                    Err(e) => {
                        self.modal = Some(Modal::Message {
                            title: "Could not open the board".into(),
                            body: e.to_string(),
                        });
                    }
                }
            }
        }
    }

    /// Save; asks for a name when untitled. Returns true when saved.
    fn save(&mut self) -> bool {
        let Some(path) = self.doc.path.clone().filter(|_| !self.doc.read_only) else {
            // Untitled, or read-only: the file is the other instance's.
            return self.save_as();
        };
        self.doc.history.end_coalescing();
        match files::save_in_place(&mut self.doc, &path) {
            Ok(()) => {
                self.safety.saved(&self.doc);
                self.notify(format!("Saved {}", path.display()), false);
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Could not save".into(),
                    body: format!(
                        "{e}\n\nYour changes are still here; try Save As to another folder."
                    ),
                });
                false
            }
        }
    }

    fn save_as(&mut self) -> bool {
        let suggested = files::suggested_file_name(&self.doc);
        let Some(path) = self.dialogs.save_board(&suggested) else {
            return false;
        };
        if self.doc.read_only && self.doc.path.as_deref() == Some(path.as_path()) {
            self.modal = Some(Modal::Message {
                title: "Choose another name".into(),
                body: format!(
                    "{} is open in another Shotboard, so this copy cannot replace it. \
                     Save under another name to edit your own copy.",
                    path.display()
                ),
            });
            return false;
        }
        self.doc.history.end_coalescing();
        match files::save_as(&mut self.doc, &path) {
            Ok(()) => {
                // A copy of our own, under a name no one else holds.
                self.doc.read_only = false;
                self.safety.saved(&self.doc);
                self.prefs.add_recent(&path);
                self.thumbs.clear();
                self.notify(format!("Saved {}", path.display()), false);
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "Could not save".into(),
                    body: format!("{e}\n\nYour changes are still here; try another folder."),
                });
                false
            }
        }
    }

    // ---- chrome -------------------------------------------------------------------

    fn menus(&mut self, ctx: &egui::Context, ui: &mut Ui) {
        let command = std::cell::Cell::new(None);
        let read_only = self.doc.read_only;
        let item = |ui: &mut Ui, text: &str, shortcut: &str, enabled: bool, c: AppCommand| {
            let enabled = enabled && !(read_only && c.edits_board());
            let button = egui::Button::new(text).shortcut_text(shortcut);
            if ui.add_enabled(enabled, button).clicked() {
                command.set(Some(c));
            }
        };
        let has_selection = !self.selection.panels().is_empty();
        ui.menu_button("File", |ui| {
            item(ui, "New", "Ctrl+N", true, AppCommand::New);
            item(ui, "Open…", "Ctrl+O", true, AppCommand::Open);
            ui.menu_button("Open Recent", |ui| {
                if self.prefs.recent.is_empty() {
                    ui.label(RichText::new("No recent boards").weak());
                }
                for path in self.prefs.recent.clone() {
                    let name = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    if ui
                        .button(name)
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        command.set(Some(AppCommand::OpenPath(path)));
                    }
                }
            });
            ui.separator();
            item(ui, "Save", "Ctrl+S", true, AppCommand::Save);
            item(ui, "Save As…", "Ctrl+Shift+S", true, AppCommand::SaveAs);
            ui.separator();
            item(
                ui,
                "Import images…",
                "Ctrl+I",
                true,
                AppCommand::ImportImages,
            );
            item(
                ui,
                "Import script (Fountain)…",
                "",
                true,
                AppCommand::ImportScript,
            );
            item(
                ui,
                "Import Storyboarder project…",
                "",
                true,
                AppCommand::ImportStoryboarder,
            );
            item(
                ui,
                "Clean up unused images…",
                "",
                true,
                AppCommand::CleanUpImages,
            );
            ui.separator();
            item(ui, "Export…", "Ctrl+E", true, AppCommand::Export);
            ui.separator();
            item(ui, "Quit", "Ctrl+Q", true, AppCommand::Quit);
        });
        ui.menu_button("Edit", |ui| {
            let undo = self
                .doc
                .history
                .undo_label()
                .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}"));
            let redo = self
                .doc
                .history
                .redo_label()
                .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}"));
            item(
                ui,
                &undo,
                "Ctrl+Z",
                self.doc.history.can_undo(),
                AppCommand::Undo,
            );
            item(
                ui,
                &redo,
                "Ctrl+Shift+Z",
                self.doc.history.can_redo(),
                AppCommand::Redo,
            );
            ui.separator();
            item(ui, "Cut", "Ctrl+X", has_selection, AppCommand::Cut);
            item(ui, "Copy", "Ctrl+C", has_selection, AppCommand::Copy);
            item(
                ui,
                "Paste",
                "Ctrl+V",
                !self.clipboard.is_empty(),
                AppCommand::Paste,
            );
            item(
                ui,
                "Duplicate",
                "Ctrl+D",
                has_selection,
                AppCommand::Duplicate,
            );
            item(ui, "Delete", "Del", has_selection, AppCommand::Delete);
            ui.separator();
            item(ui, "Select all", "Ctrl+A", true, AppCommand::SelectAll);
            ui.separator();
            item(ui, "New panel", "Ctrl+Enter", true, AppCommand::NewPanel);
            item(ui, "Draw panel", "E", has_selection, AppCommand::OpenSketch);
            item(ui, "New scene", "", true, AppCommand::NewScene);
            item(
                ui,
                "Split scene here",
                "",
                has_selection,
                AppCommand::SplitScene,
            );
            item(
                ui,
                "Move earlier",
                "Alt+Left",
                has_selection,
                AppCommand::Nudge(-1),
            );
            item(
                ui,
                "Move later",
                "Alt+Right",
                has_selection,
                AppCommand::Nudge(1),
            );
        });
        ui.menu_button("View", |ui| {
            item(ui, "Larger cards", "Ctrl++", true, AppCommand::ZoomIn);
            item(ui, "Smaller cards", "Ctrl+-", true, AppCommand::ZoomOut);
            let timeline = if self.review.timeline.visible {
                "Hide timeline"
            } else {
                "Show timeline"
            };
            item(
                ui,
                timeline,
                "Ctrl+Shift+T",
                true,
                AppCommand::ToggleTimeline,
            );
            ui.separator();
            let view = if self.shot_list.visible {
                "Card canvas"
            } else {
                "Shot list"
            };
            item(ui, view, "Ctrl+Shift+L", true, AppCommand::ToggleShotList);
            ui.separator();
            let n = self.doc.problems.len();
            item(
                ui,
                &format!("Missing images ({n})"),
                "",
                true,
                AppCommand::ShowProblems,
            );
        });
        ui.menu_button("Review", |ui| {
            let playing = self.review.player.is_playing();
            item(ui, "Present", "F5", true, AppCommand::Present);
            item(
                ui,
                if playing { "Stop" } else { "Play" },
                "Space",
                true,
                AppCommand::PlayPause,
            );
            item(
                ui,
                "Play scene",
                "Shift+Space",
                has_selection,
                AppCommand::PlayScene,
            );
            let looping = if self.review.player.looping {
                "Loop playback: on"
            } else {
                "Loop playback: off"
            };
            item(ui, looping, "", true, AppCommand::ToggleLoop);
            ui.separator();
            item(ui, "Find…", "Ctrl+F", true, AppCommand::Find);
            item(ui, "Find next", "F3", true, AppCommand::FindNext);
            item(
                ui,
                "Next panel needing changes",
                "",
                true,
                AppCommand::NextNeedingChanges,
            );
            ui.separator();
            item(ui, "Preferences…", "", true, AppCommand::Preferences);
        });
        if let Some(c) = command.take() {
            self.execute(ctx, c);
        }
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        let mut undo = false;
        ui.horizontal(|ui| {
            if self.doc.read_only {
                ui.label(
                    RichText::new("Read-only")
                        .strong()
                        .color(ui.visuals().warn_fg_color),
                )
                .on_hover_text(READ_ONLY_NOTICE);
                ui.separator();
            }
            let board = &self.doc.board;
            let frames = board.runtime_frames();
            ui.label(format!(
                "{} scene{} · {} panel{} · runtime {} ({} frames @ {} fps)",
                board.scenes.len(),
                if board.scenes.len() == 1 { "" } else { "s" },
                board.panel_count(),
                if board.panel_count() == 1 { "" } else { "s" },
                board.fps.runtime_label(frames),
                frames,
                board.fps.label(),
            ));
            let selected = self.selection.panels().len();
            if selected > 0 {
                ui.separator();
                let sel_frames: u64 = self
                    .selection
                    .panels()
                    .iter()
                    .filter_map(|id| board.panel(*id))
                    .map(|p| board.panel_frames(p))
                    .sum();
                ui.label(format!(
                    "{selected} selected ({})",
                    board.fps.runtime_label(sel_frames)
                ));
            }
            let pending = self.thumbs.pending();
            if pending > 0 {
                ui.separator();
                ui.label(RichText::new(format!("Loading {pending} thumbnail(s)…")).weak());
            }
            if let Some(n) = &self.notice {
                ui.separator();
                let text = RichText::new(&n.text);
                ui.label(if n.error {
                    text.color(ui.visuals().warn_fg_color)
                } else {
                    text
                });
                if n.undo
                    && self.doc.history.can_undo()
                    && ui
                        .button("Undo")
                        .on_hover_text("Bring back what was just deleted (Ctrl+Z)")
                        .clicked()
                {
                    undo = true;
                }
            }
        });
        if undo {
            self.execute(&ui.ctx().clone(), AppCommand::Undo);
        }
    }

    fn safety_actions(&mut self, ctx: &egui::Context, actions: Vec<SafetyAction>) {
        for action in actions {
            match action {
                SafetyAction::Notify { text, error } => self.notify(text, error),
                SafetyAction::OpenPath(path) => self.execute(ctx, AppCommand::OpenPath(path)),
                SafetyAction::Locate(name) => {
                    self.notify(format!("Find {name} to see its recovered changes"), false);
                    if let Some(path) = self.dialogs.open_board() {
                        self.execute(ctx, AppCommand::OpenPath(path));
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
                    self.selection.retain_existing(&self.doc.board);
                }
            }
        }
    }

    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.take() else {
            return;
        };
        let mut keep = true;
        let mut then: Option<Pending> = None;
        let mut save_first = false;
        let mut confirmed_delete = None;
        let mut bring_in = false;
        let response = egui::Modal::new(egui::Id::unique("shotboard-modal")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            match &modal {
                Modal::Unsaved(pending) => {
                    ui.heading("Save changes?");
                    ui.label(format!(
                        "“{}” has unsaved changes. Save them first?",
                        self.doc.display_name()
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            save_first = true;
                            then = Some(pending.clone());
                        }
                        if ui.button("Discard").clicked() {
                            self.safety.discarded(&self.doc);
                            then = Some(pending.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                }
                Modal::Message { title, body } => {
                    ui.heading(title);
                    egui::ScrollArea::vertical()
                        .max_height(320.0)
                        .show(ui, |ui| ui.label(body));
                    if ui.button("OK").clicked() {
                        keep = false;
                    }
                }
                Modal::ConfirmDelete { question, target } => {
                    ui.heading("Delete?");
                    ui.label(question.as_str());
                    ui.label("Undo (Ctrl+Z) brings it back.");
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Delete").clicked() {
                            confirmed_delete = Some(target.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                }
                Modal::Problems => {
                    ui.heading("Missing images");
                    let outside = store::outside_assets(&self.doc.board, &self.doc.asset_root);
                    if self.doc.problems.is_empty() && outside.is_empty() {
                        ui.label("Every image of this board is present and readable.");
                    }
                    if !outside.is_empty() {
                        ui.label(format!(
                            "{} image(s) are kept outside {}, e.g. in another board's folder: they go missing when this board is moved or sent.",
                            outside.len(),
                            store::assets_dir_name(&self.doc.asset_root)
                        ));
                        if ui
                            .add_enabled(!self.doc.read_only, egui::Button::new("Copy them into this board's folder"))
                            .clicked()
                        {
                            bring_in = true;
                            keep = false;
                        }
                        ui.separator();
                    }
                    egui::ScrollArea::vertical()
                        .max_height(320.0)
                        .show(ui, |ui| {
                            for p in &self.doc.problems {
                                ui.label(format!("• {p}"));
                            }
                        });
                    if ui.button("OK").clicked() {
                        keep = false;
                    }
                }
            }
        });
        if response.should_close() && then.is_none() {
            keep = false;
        }
        if let Some(target) = confirmed_delete {
            self.delete(target);
            return;
        }
        if bring_in {
            self.bring_assets_in();
            return;
        }
        if let Some(pending) = then {
            if !save_first || self.save() {
                self.proceed(ctx, pending);
            }
        } else if keep {
            self.modal = Some(modal);
        }
    }
}

/// Copied panels as text, one line each: "1A: action" (or dialogue).
fn clipboard_text(board: &crate::model::Board, ids: &[PanelId]) -> String {
    let labels = crate::model::shot_labels(board);
    ids.iter()
        .filter_map(|id| {
            let pos = board.find_panel(*id)?;
            let panel = &board.scenes[pos.scene].panels[pos.panel];
            Some(format!(
                "{}: {}",
                labels[pos.scene][pos.panel],
                panel.summary_line()
            ))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl eframe::App for ShotboardApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::STORAGE_KEY, &self.prefs);
    }
}
