//! The status bar: read-only badge, board totals, the selection's runtime,
//! thumbnails loading, long jobs with Cancel, and the latest notice.
//!
//! It changes nothing itself: it returns what the user asked for.

use std::time::{Duration, Instant};

use egui::{RichText, Ui};

use crate::model::{Board, PanelId, PanelIndex};

use super::commands::READ_ONLY_NOTICE;
use super::jobs::{self, JobId, JobView};

/// How long a notice stays.
const NOTICE_FOR: Duration = Duration::from_secs(8);

/// A short notice in the status bar.
pub struct Notice {
    pub text: String,
    at: Instant,
    pub error: bool,
    /// Offer an Undo button beside the text (after a delete).
    undo: bool,
}

impl Notice {
    pub fn new(text: impl Into<String>, error: bool) -> Self {
        Self {
            text: text.into(),
            at: Instant::now(),
            error,
            undo: false,
        }
    }

    /// A notice with an Undo button: what a delete removed.
    pub fn undoable(text: impl Into<String>) -> Self {
        Self {
            undo: true,
            ..Self::new(text, false)
        }
    }

    /// Time left before it goes; zero once it has.
    pub fn left(&self) -> Duration {
        NOTICE_FOR.saturating_sub(self.at.elapsed())
    }
}

/// What the status bar shows.
pub struct StatusInput<'a> {
    pub board: &'a Board,
    pub read_only: bool,
    pub selected: &'a [PanelId],
    /// Panel positions of `board`: totalling a select-all of 10,000 panels
    /// every frame must not scan the board once per panel.
    pub index: &'a PanelIndex,
    pub thumbnails_pending: usize,
    pub jobs: &'a [JobView],
    pub notice: Option<&'a Notice>,
    pub can_undo: bool,
    /// How to start, for a new user ("Enter types the action · …"), until
    /// they hide it; `None` once hidden.
    pub hint: Option<String>,
}

/// What the user clicked in the status bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusAction {
    CancelJob(JobId),
    Undo,
    /// Never show the how-to-start hint again.
    HideHint,
}

pub fn show(ui: &mut Ui, input: &StatusInput<'_>) -> Option<StatusAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        if input.read_only {
            ui.label(
                RichText::new("Read-only")
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            )
            .on_hover_text(READ_ONLY_NOTICE);
            ui.separator();
        }
        let board = input.board;
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
        let selected = input.selected.len();
        if selected > 0 {
            ui.separator();
            let sel_frames: u64 = input
                .selected
                .iter()
                .filter_map(|id| input.index.panel(board, *id))
                .map(|p| board.panel_frames(p))
                .sum();
            ui.label(format!(
                "{selected} selected ({})",
                board.fps.runtime_label(sel_frames)
            ));
        }
        if input.thumbnails_pending > 0 {
            ui.separator();
            ui.label(
                RichText::new(format!(
                    "Loading {} thumbnail(s)…",
                    input.thumbnails_pending
                ))
                .weak(),
            );
        }
        if let Some(id) = jobs::progress_ui(ui, input.jobs) {
            action = Some(StatusAction::CancelJob(id));
        }
        if let (None, Some(hint)) = (input.notice, &input.hint) {
            ui.separator();
            ui.label(RichText::new(hint).weak());
            if ui
                .small_button("Hide tip")
                .on_hover_text("Don't show this tip again")
                .clicked()
            {
                action = Some(StatusAction::HideHint);
            }
        }
        if let Some(n) = input.notice {
            ui.separator();
            let text = RichText::new(&n.text);
            ui.label(if n.error {
                text.color(ui.visuals().warn_fg_color)
            } else {
                text
            });
            if n.undo
                && input.can_undo
                && ui
                    .button("Undo")
                    .on_hover_text("Bring back what was just deleted (Ctrl+Z)")
                    .clicked()
            {
                action = Some(StatusAction::Undo);
            }
        }
    });
    action
}
