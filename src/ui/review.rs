//! Review-meeting wiring: presentation, animatic playback, timeline, find
//! and preferences, connected to the app's document and selection.
//!
//! The app shell holds one [`Review`] (its state lives in `review_state`)
//! and lends this module the parts of itself review work touches, as
//! [`ReviewParts`], for one call at a time. So this module never names the
//! app, and every board change made here goes through the document.

use egui::{Key, Modifiers, Ui, ViewportCommand};

use crate::edit::{Edit, PanelField};
use crate::model::{PanelId, ReviewStatus};
use crate::playback::Schedule;

use super::canvas::CanvasState;
use super::commands::AppCommand;
use super::comments;
use super::document::Document;
use super::find::{self, FindAction};
use super::prefs::Prefs;
use super::present::{self, Go, Overlay, PresentAction, StageInput};
use super::review_state::Review;
use super::selection::Selection;
use super::status_bar::Notice;
use super::thumbs::ThumbCache;
use super::timeline::{self, TimelineAction, TimelineInput};

/// The parts of the app review work touches, borrowed for one call.
pub struct ReviewParts<'a> {
    pub review: &'a mut Review,
    pub doc: &'a mut Document,
    pub selection: &'a mut Selection,
    pub canvas: &'a mut CanvasState,
    pub thumbs: &'a mut ThumbCache,
    pub prefs: &'a mut Prefs,
    /// The status bar's message.
    pub notice: &'a mut Option<Notice>,
}

impl ReviewParts<'_> {
    fn notify(&mut self, text: impl Into<String>, error: bool) {
        *self.notice = Some(Notice::new(text, error));
    }

    /// Run a review command from a menu, toolbar or shortcut.
    pub(super) fn review_command(&mut self, ctx: &egui::Context, command: AppCommand) {
        match command {
            AppCommand::Present => self.start_presentation(ctx),
            AppCommand::PlayPause => {
                if self.review.player.is_playing() {
                    self.stop_playback();
                } else {
                    self.start_playback(false);
                }
            }
            AppCommand::PlayScene => self.start_playback(true),
            AppCommand::ToggleLoop => self.review.player.looping = !self.review.player.looping,
            AppCommand::ToggleTimeline => {
                self.review.timeline.visible = !self.review.timeline.visible;
            }
            AppCommand::Find => self.review.find.open(),
            AppCommand::FindNext => self.find_next(),
            AppCommand::NextNeedingChanges => self.next_needing_changes(),
            AppCommand::Preferences => self.review.prefs_open = true,
            _ => {}
        }
    }

    fn schedule(&self) -> Schedule {
        Schedule::new(self.doc.board())
    }

    /// Where Play starts: the playhead when it is inside the focused panel
    /// (set by scrubbing), else the focused panel's first frame.
    fn cue(&self, schedule: &Schedule) -> u64 {
        let position = self.review.player.position();
        let at = schedule
            .index_at(position)
            .map(|i| schedule.slots()[i].panel);
        match self.selection.focus() {
            Some(focus) if at == Some(focus) => position,
            Some(focus) => schedule.start_of(focus).unwrap_or(0),
            None if at.is_some() => position,
            None => 0,
        }
    }

    fn start_playback(&mut self, scene_only: bool) {
        let schedule = self.schedule();
        if schedule.total_frames() == 0 {
            return;
        }
        let mut from = self.cue(&schedule);
        if self.review.present.active
            && let Some(start) = self
                .review
                .present
                .current
                .and_then(|p| schedule.start_of(p))
        {
            from = start;
        }
        // Played to the end before: start over.
        if from + 1 >= schedule.total_frames() && !scene_only {
            from = 0;
        }
        let range = if scene_only {
            schedule
                .index_at(from)
                .map(|i| schedule.scene_range(schedule.slots()[i].scene))
        } else {
            None
        };
        self.review.player.play(from, range);
    }

    /// Stop playing; the selection (and the presentation) follow the panel
    /// that was on screen.
    fn stop_playback(&mut self) {
        self.review.player.stop();
        self.follow_playhead();
    }

    fn follow_playhead(&mut self) {
        let schedule = self.schedule();
        if let Some(i) = schedule.index_at(self.review.player.position()) {
            let id = schedule.slots()[i].panel;
            self.selection.select_only(id);
            self.canvas.scroll_to = Some(id);
            if self.review.present.active {
                self.review.present.current = Some(id);
            }
        }
    }

    /// Advance playback by the frame time; while playing, asks for the next
    /// paint when the picture (or the timecode) next changes, never every
    /// display frame. Call once per frame.
    pub(super) fn tick_playback(&mut self, ctx: &egui::Context) {
        if !self.review.player.is_playing() {
            return;
        }
        if !self.review.present.active
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            self.stop_playback();
            return;
        }
        let schedule = self.schedule();
        let now = ctx.input(|i| i.time);
        let before = schedule.index_at(self.review.player.position());
        if self.review.player.tick(now, &schedule) {
            let after = schedule.index_at(self.review.player.position());
            if after != before
                && let Some(i) = after
            {
                let id = schedule.slots()[i].panel;
                self.selection.select_only(id);
                if self.review.present.active {
                    self.review.present.current = Some(id);
                }
            }
            // A blanked presentation shows no timecode or progress.
            let every_frame = !(self.review.present.active && self.review.present.blank);
            if let Some(after) = self.review.player.repaint_after(&schedule, every_frame) {
                ctx.request_repaint_after(after);
            }
        } else {
            self.follow_playhead();
        }
    }

    // ---- presentation ------------------------------------------------------

    fn start_presentation(&mut self, ctx: &egui::Context) {
        let first = self
            .selection
            .focus()
            .or_else(|| self.doc.board().panels().next().map(|p| p.id));
        let Some(first) = first else {
            self.notify("Add a panel to present", false);
            return;
        };
        let p = &mut self.review.present;
        p.active = true;
        p.current = Some(first);
        p.blank = false;
        p.jump.clear();
        p.comment = None;
        ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
    }

    fn exit_presentation(&mut self, ctx: &egui::Context) {
        if self.review.player.is_playing() {
            self.review.player.stop();
        }
        self.review.present.active = false;
        if let Some(id) = self.review.present.current {
            self.selection.select_only(id);
            self.canvas.scroll_to = Some(id);
        }
        ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
    }

    /// Draw the presentation over the whole window.
    pub(super) fn show_presentation(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let schedule = self.schedule();
        // The presented panel may have been deleted by an undo meanwhile.
        let current = self
            .review
            .present
            .current
            .filter(|id| schedule.index_of(*id).is_some())
            .or_else(|| schedule.slots().first().map(|s| s.panel));
        let Some(current) = current else {
            self.exit_presentation(&ctx);
            return;
        };
        self.review.present.current = Some(current);
        let playing = self.review.player.is_playing();
        let frame = if playing {
            self.review.player.position()
        } else {
            schedule.start_of(current).unwrap_or(0)
        };
        let broken = std::mem::take(&mut self.doc.broken_assets);
        let input = StageInput {
            board: self.doc.board(),
            asset_dir: self.doc.asset_dir(),
            generation: self.doc.generation(),
            broken_assets: &broken,
        };
        let overlay = Overlay {
            schedule: &schedule,
            frame,
            playing,
            looping: self.review.player.looping,
        };
        let author = self.prefs.author.clone();
        let actions = egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                present::show(
                    ui,
                    &mut self.review.present,
                    self.thumbs,
                    &input,
                    &overlay,
                    &author,
                )
            })
            .inner;
        let waiting = playing && !self.review.present.ready;
        self.review.player.set_waiting(waiting);
        self.doc.broken_assets = broken;
        for action in actions {
            self.present_action(&ctx, &schedule, action);
        }
    }

    fn present_action(&mut self, ctx: &egui::Context, schedule: &Schedule, action: PresentAction) {
        let Some(current) = self.review.present.current else {
            return;
        };
        match action {
            PresentAction::Go(go) => {
                let slots = schedule.slots();
                let Some(i) = schedule.index_of(current) else {
                    return;
                };
                let last = slots.len().saturating_sub(1);
                let target = match go {
                    Go::By(d) => (i as i64 + d).clamp(0, last as i64) as usize,
                    Go::First => 0,
                    Go::Last => last,
                    Go::Nth(n) => n.clamp(1, slots.len()) - 1,
                };
                let id = slots[target].panel;
                self.review.present.current = Some(id);
                self.selection.select_only(id);
                if self.review.player.is_playing() {
                    self.review.player.seek(slots[target].start);
                }
            }
            PresentAction::SetStatus(status) => self.set_status(current, status),
            PresentAction::Comment { author, text } => {
                if self.prefs.author.is_empty() {
                    self.prefs.author = author.clone();
                }
                let now = comments::now_unix();
                let edit = self
                    .doc
                    .board()
                    .panel(current)
                    .map(|p| comments::add(self.doc.board(), p, &author, &text, now));
                if let Some(edit) = edit
                    && let Err(e) = self.doc.apply(edit, "Add comment")
                {
                    self.notify(format!("Could not add the comment: {e}"), true);
                }
            }
            PresentAction::PlayPause => {
                if self.review.player.is_playing() {
                    self.stop_playback();
                } else {
                    self.start_playback(false);
                }
            }
            PresentAction::ToggleLoop => {
                self.review.player.looping = !self.review.player.looping;
            }
            PresentAction::Exit => self.exit_presentation(ctx),
        }
    }

    fn set_status(&mut self, panel: PanelId, status: ReviewStatus) {
        if self
            .doc
            .board()
            .panel(panel)
            .is_some_and(|p| p.status == status)
        {
            return;
        }
        let edit = Edit::set_all(&[panel], PanelField::Status(status));
        if let Err(e) = self
            .doc
            .apply(edit, format!("Mark {}", status.label().to_lowercase()))
        {
            self.notify(format!("Could not set the status: {e}"), true);
        }
    }

    // ---- the player stage in the main window --------------------------------

    /// While playing outside the presentation, the central area shows the
    /// animatic instead of the canvas. Returns true when it drew.
    pub(super) fn show_player_stage(&mut self, ui: &mut Ui) -> bool {
        if !self.review.player.is_playing() {
            return false;
        }
        let schedule = self.schedule();
        let frame = self.review.player.position();
        let Some(view) = schedule.view_at(frame) else {
            return false;
        };
        self.thumbs.begin_frame(ui.ctx());
        ui.horizontal(|ui| {
            if ui
                .button("Stop")
                .on_hover_text("Stop (Space or Esc)")
                .clicked()
            {
                self.stop_playback();
            }
            ui.checkbox(&mut self.review.player.looping, "Loop");
            ui.label(
                egui::RichText::new(format!(
                    "{} / {}",
                    schedule.fps().timecode(frame),
                    schedule.fps().timecode(schedule.total_frames())
                ))
                .monospace()
                .size(16.0),
            );
            ui.label(
                egui::RichText::new(format!(
                    "runtime {}",
                    schedule
                        .fps()
                        .runtime_label(self.doc.board().runtime_frames())
                ))
                .weak(),
            );
        });
        let area = ui.available_rect_before_wrap();
        ui.painter().rect_filled(area, 0.0, egui::Color32::BLACK);
        let broken = std::mem::take(&mut self.doc.broken_assets);
        let input = StageInput {
            board: self.doc.board(),
            asset_dir: self.doc.asset_dir(),
            generation: self.doc.generation(),
            broken_assets: &broken,
        };
        let ready =
            present::paint_frame(ui, area.shrink(8.0), self.thumbs, &input, &schedule, view);
        self.doc.broken_assets = broken;
        self.review.player.set_waiting(!ready);
        ui.allocate_rect(area, egui::Sense::hover());
        true
    }

    // ---- timeline ------------------------------------------------------------

    /// The timeline as a bottom panel, when shown. Call before the central
    /// panel.
    pub(super) fn show_timeline(&mut self, ui: &mut Ui) {
        let focus = self.selection.focus();
        if focus != self.review.timeline.followed() {
            let schedule = self.schedule();
            let player = &mut self.review.player;
            if let Some(frame) = self.review.timeline.follow(
                focus,
                &schedule,
                player.position(),
                player.is_playing(),
            ) {
                player.seek(frame);
            }
        }
        if !self.review.timeline.visible {
            return;
        }
        let schedule = self.schedule();
        let actions = egui::Panel::bottom("timeline")
            .resizable(true)
            .default_size(timeline::DEFAULT_HEIGHT)
            .min_size(timeline::MIN_HEIGHT)
            .show(ui, |ui| {
                let input = TimelineInput {
                    board: self.doc.board(),
                    schedule: &schedule,
                    selection: self.selection,
                    playhead: self.review.player.position(),
                    playing: self.review.player.is_playing(),
                };
                timeline::show(ui, &mut self.review.timeline, &input)
            })
            .inner;
        for action in actions {
            self.timeline_action(&schedule, action);
        }
    }

    fn timeline_action(&mut self, schedule: &Schedule, action: TimelineAction) {
        match action {
            TimelineAction::Select(id) => {
                self.selection.select_only(id);
                self.canvas.scroll_to = Some(id);
                if let Some(start) = schedule.start_of(id) {
                    self.review.player.seek(start);
                }
            }
            TimelineAction::Scrub(frame) => {
                self.review.player.seek(frame);
                if let Some(i) = schedule.index_at(frame) {
                    let id = schedule.slots()[i].panel;
                    if self.selection.focus() != Some(id) || self.selection.panels().len() != 1 {
                        self.selection.select_only(id);
                    }
                    self.canvas.scroll_to = Some(id);
                }
            }
            TimelineAction::Retime { panel, frames, key } => {
                let ms =
                    u32::try_from(self.doc.board().fps.frames_to_ms(frames)).unwrap_or(u32::MAX);
                let edit = Edit::set_all(&[panel], PanelField::Duration(Some(ms)));
                if let Err(e) = self.doc.apply_gesture(edit, "Retime panel", Some(key)) {
                    self.notify(format!("Could not retime: {e}"), true);
                }
            }
            TimelineAction::EndRetime => self.doc.end_gesture(),
        }
    }

    // ---- find ------------------------------------------------------------------

    /// The find bar (when open) at the top of the canvas area, and the
    /// canvas highlight it drives.
    pub(super) fn show_find_bar(&mut self, ui: &mut Ui) {
        let before = self.review.find.matches(self.doc.board());
        if self.review.find.is_open() {
            let count = before.as_ref().map(|h| h.len());
            let actions = find::show_bar(ui, &mut self.review.find, count);
            ui.separator();
            for action in actions {
                match action {
                    FindAction::Next => self.find_next(),
                    FindAction::Close => self.review.find.close(),
                }
            }
        }
        let after = self.review.find.matches(self.doc.board());
        if after != before {
            // The bar showed last frame's count: draw once more.
            ui.ctx().request_repaint();
        }
        self.canvas.highlight = after;
    }

    fn find_next(&mut self) {
        if !self.review.find.is_open() {
            self.review.find.open();
            return;
        }
        let Some(matches) = self.review.find.matches(self.doc.board()) else {
            return;
        };
        let next = find::next_after(self.doc.board(), self.selection.focus(), |p| {
            matches.contains(&p.id)
        });
        match next {
            Some(id) => self.go_to(id),
            None => self.notify("No matches", false),
        }
    }

    fn next_needing_changes(&mut self) {
        let next = find::next_after(self.doc.board(), self.selection.focus(), |p| {
            p.status == ReviewStatus::NeedsChanges
        });
        match next {
            Some(id) => self.go_to(id),
            None => self.notify("No panel needs changes", false),
        }
    }

    fn go_to(&mut self, id: PanelId) {
        self.selection.select_only(id);
        self.canvas.scroll_to = Some(id);
    }

    // ---- preferences ------------------------------------------------------------

    pub(super) fn show_preferences(&mut self, ctx: &egui::Context) {
        let mut open = self.review.prefs_open;
        // Kept below the menu bar, which it used to cover: where it opens,
        // where it is dragged, and where an older session left it.
        let room = super::menus::below_menu_bar(ctx);
        egui::Window::new("Preferences")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .constrain_to(room)
            .default_pos(room.left_top() + egui::vec2(80.0, 36.0))
            .show(ctx, |ui| {
                let label = ui.label("Your name (signs your comments)");
                ui.add(egui::TextEdit::singleline(&mut self.prefs.author).id_salt("prefs-author"))
                    .labelled_by(label.id);
            });
        self.review.prefs_open = open;
    }
}
