//! Full-screen presentation for review meetings, and the stage both it and
//! the animatic player paint on.
//!
//! The stage shows one large frame (rendered off the UI thread by the
//! thumbnail cache at a stage tier), with the shot label, scene heading, a
//! caption and a slim progress bar. Keys step through panels and set review
//! status; everything that changes the board is returned as a
//! [`PresentAction`] for the app to apply through the history.

use std::collections::HashSet;
use std::path::Path;

use egui::{
    Align2, Color32, FontId, Id, Key, Modifiers, Rect, Sense, Stroke, TextureId, Ui,
    accesskit::Role, pos2, vec2,
};

use crate::model::{Board, PanelId, ReviewStatus, labels::shot_labels};
use crate::playback::{Blend, Schedule, View};

use super::canvas::status_color;
use super::thumbs::{Thumb, ThumbCache, thumb_request};

/// How many panels past the current one the stage renders ahead.
pub const PREFETCH_AHEAD: usize = 3;

/// Which words go under the frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Caption {
    #[default]
    Dialogue,
    Action,
    Off,
}

impl Caption {
    fn next(self) -> Self {
        match self {
            Self::Dialogue => Self::Action,
            Self::Action => Self::Off,
            Self::Off => Self::Dialogue,
        }
    }
}

/// Presentation view state (not saved).
#[derive(Debug, Default)]
pub struct PresentState {
    pub active: bool,
    /// The panel on screen.
    pub current: Option<PanelId>,
    pub blank: bool,
    pub caption: Caption,
    /// Digits typed for "number + Enter jumps".
    pub jump: String,
    /// The quick comment box, when open: its text.
    pub comment: Option<String>,
    /// Name typed into the comment box when no author is set yet.
    pub author: String,
    /// The last painted frame's picture was ready (playback pre-roll).
    pub ready: bool,
}

/// A move through the panels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Go {
    By(i64),
    First,
    Last,
    /// 1-based panel number in board order.
    Nth(usize),
}

/// What the presentation asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum PresentAction {
    Go(Go),
    SetStatus(ReviewStatus),
    /// Post a comment on the current panel, signed by `author`.
    Comment {
        author: String,
        text: String,
    },
    PlayPause,
    ToggleLoop,
    Exit,
}

/// What the stage paints from, borrowed from the app.
pub struct StageInput<'a> {
    pub board: &'a Board,
    pub asset_dir: &'a Path,
    pub generation: u64,
    pub broken_assets: &'a HashSet<String>,
}

/// A panel's stage picture: ready, still rendering, or unreadable.
enum Picture {
    Ready(TextureId),
    Loading,
    Failed,
}

fn picture(thumbs: &mut ThumbCache, input: &StageInput<'_>, panel: PanelId, px: u32) -> Picture {
    let board = input.board;
    let Some(p) = board.panel(panel) else {
        return Picture::Failed;
    };
    if p.image
        .as_ref()
        .is_some_and(|a| input.broken_assets.contains(a.as_str()))
    {
        return Picture::Failed;
    }
    let key = thumbs.key(p, board.aspect_ratio, px, input.generation);
    match thumbs.get(
        || thumb_request(board, input.asset_dir, p, px),
        key,
        panel,
        px,
    ) {
        Thumb::Ready(t) => Picture::Ready(t.id()),
        Thumb::Loading => Picture::Loading,
        Thumb::Failed(_) => Picture::Failed,
    }
}

/// Ask for the stage pictures of the panels after slot `index` (farthest
/// first, so the nearest is rendered first), so that a panel change while
/// playing or stepping finds its picture ready: no decode ever happens on
/// the UI thread, and the change never waits.
pub fn prefetch(
    thumbs: &mut ThumbCache,
    input: &StageInput<'_>,
    schedule: &Schedule,
    index: usize,
    px: u32,
) {
    let slots = schedule.slots();
    for i in (index + 1..(index + 1 + PREFETCH_AHEAD).min(slots.len())).rev() {
        let _ = picture(thumbs, input, slots[i].panel, px);
    }
}

/// The largest rect of the board's aspect ratio inside `area`.
fn fit(area: Rect, ratio: f32) -> Rect {
    let size = if area.width() / area.height().max(1.0) > ratio {
        vec2(area.height() * ratio, area.height())
    } else {
        vec2(area.width(), area.width() / ratio)
    };
    Rect::from_center_size(area.center(), size)
}

const FULL_UV: Rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));

fn paint_picture(ui: &Ui, rect: Rect, picture: &Picture, tint: Color32) {
    let painter = ui.painter();
    match picture {
        Picture::Ready(id) => {
            painter.image(*id, rect, FULL_UV, tint);
        }
        Picture::Loading => {
            painter.rect_filled(rect, 0.0, Color32::from_gray(0x20));
        }
        Picture::Failed => {
            painter.rect_filled(rect, 0.0, Color32::from_rgb(0x3a, 0x1a, 0x1a));
            painter.text(
                rect.center(),
                Align2::CENTER_CENTER,
                "missing image",
                FontId::proportional(20.0),
                Color32::from_gray(0xc0),
            );
        }
    }
}

/// Paint the frame(s) of `view` into `area`, blended as the schedule says.
/// Returns false when the current panel's picture is still rendering.
pub fn paint_frame(
    ui: &Ui,
    area: Rect,
    thumbs: &mut ThumbCache,
    input: &StageInput<'_>,
    schedule: &Schedule,
    view: View,
) -> bool {
    let rect = fit(area, input.board.aspect_ratio.ratio());
    let px = ThumbCache::stage_tier(rect.width() * ui.ctx().pixels_per_point());
    let slots = schedule.slots();
    let Some(slot) = slots.get(view.current) else {
        return true;
    };
    let current = picture(thumbs, input, slot.panel, px);
    let ready = !matches!(current, Picture::Loading);
    match view.blend {
        Blend::None => paint_picture(ui, rect, &current, Color32::WHITE),
        Blend::Dissolve { from, t } => {
            if let Some(prev) = slots.get(from) {
                let prev = picture(thumbs, input, prev.panel, px);
                paint_picture(ui, rect, &prev, Color32::WHITE);
            }
            paint_picture(ui, rect, &current, Color32::WHITE.gamma_multiply(t));
        }
        Blend::Black { alpha } => {
            paint_picture(ui, rect, &current, Color32::WHITE);
            ui.painter()
                .rect_filled(rect, 0.0, Color32::BLACK.gamma_multiply(alpha));
        }
        Blend::Wipe { from, t } => {
            if let Some(prev) = slots.get(from) {
                let prev = picture(thumbs, input, prev.panel, px);
                paint_picture(ui, rect, &prev, Color32::WHITE);
            }
            if let Picture::Ready(id) = current {
                let split = rect.left() + rect.width() * t;
                let part = Rect::from_min_max(rect.min, pos2(split, rect.bottom()));
                let uv = Rect::from_min_max(pos2(0.0, 0.0), pos2(t, 1.0));
                ui.painter().image(id, part, uv, Color32::WHITE);
            }
        }
    }
    prefetch(thumbs, input, schedule, view.current, px);
    ready
}

/// The status badge, as on cards but larger.
fn badge(ui: &Ui, right_center: egui::Pos2, status: ReviewStatus) -> Rect {
    let painter = ui.painter();
    let galley = painter.layout_no_wrap(
        status.label().to_owned(),
        FontId::proportional(18.0),
        Color32::WHITE,
    );
    let rect = Rect::from_min_size(
        right_center - vec2(galley.size().x + 16.0, galley.size().y / 2.0 + 4.0),
        galley.size() + vec2(16.0, 8.0),
    );
    painter.rect_filled(rect, 12.0, status_color(status));
    painter.galley(rect.min + vec2(8.0, 4.0), galley, Color32::WHITE);
    rect
}

/// Everything painted around the frame: labels, caption, progress, and
/// (while playing) the timecode.
pub struct Overlay<'a> {
    pub schedule: &'a Schedule,
    /// The frame the progress bar and timecode show.
    pub frame: u64,
    pub playing: bool,
    pub looping: bool,
}

/// Draw the presentation into the whole of `ui` and read its keys.
pub fn show(
    ui: &mut Ui,
    state: &mut PresentState,
    thumbs: &mut ThumbCache,
    input: &StageInput<'_>,
    overlay: &Overlay<'_>,
    author: &str,
) -> Vec<PresentAction> {
    let mut out = Vec::new();
    thumbs.begin_frame(ui.ctx());
    let area = ui.max_rect();
    ui.painter().rect_filled(area, 0.0, Color32::BLACK);
    let board = input.board;
    let schedule = overlay.schedule;
    let Some(index) = schedule.index_at(overlay.frame) else {
        out.push(PresentAction::Exit);
        return out;
    };
    let slot = schedule.slots()[index];

    // The whole stage is the "next" button.
    let stage = ui.interact(area, Id::unique("present-stage"), Sense::click());
    stage.widget_info(|| egui::WidgetInfo::labeled(Role::Button, true, "Next panel"));
    if stage.clicked() && state.comment.is_none() {
        out.push(PresentAction::Go(Go::By(1)));
    }

    if state.comment.is_none() {
        read_keys(ui, state, &mut out);
    }
    if state.blank {
        state.ready = true;
        comment_box(ui, state, author, &mut out);
        return out;
    }

    let top = 48.0;
    let caption_h = if state.caption == Caption::Off {
        12.0
    } else {
        96.0
    };
    let frame_area = Rect::from_min_max(
        area.min + vec2(24.0, top),
        area.max - vec2(24.0, caption_h + 6.0),
    );
    let view = if overlay.playing {
        schedule.view_at(overlay.frame)
    } else {
        None
    }
    .unwrap_or(View {
        current: index,
        blend: Blend::None,
    });
    let ready = paint_frame(ui, frame_area, thumbs, input, schedule, view);
    state.ready = ready;
    if !ready {
        ui.painter().text(
            frame_area.center(),
            Align2::CENTER_CENTER,
            "Loading…",
            FontId::proportional(20.0),
            Color32::from_gray(0x90),
        );
    }

    let Some(pos) = board.find_panel(slot.panel) else {
        return out;
    };
    let panel = &board.scenes[pos.scene].panels[pos.panel];
    let label = shot_labels(board)[pos.scene][pos.panel].to_string();
    let painter = ui.painter();
    let white = Color32::from_gray(0xf0);
    let dim = Color32::from_gray(0xa0);
    let y = area.top() + top / 2.0;
    painter.text(
        pos2(area.left() + 24.0, y),
        Align2::LEFT_CENTER,
        &label,
        FontId::proportional(26.0),
        white,
    );
    painter.text(
        pos2(
            area.left() + 24.0 + 26.0 * label.len() as f32 * 0.7 + 20.0,
            y,
        ),
        Align2::LEFT_CENTER,
        &board.scenes[pos.scene].heading,
        FontId::proportional(20.0),
        dim,
    );
    let badge_rect = badge(ui, pos2(area.right() - 24.0, y), panel.status);
    let count = format!("{} / {}", index + 1, schedule.slots().len());
    ui.painter().text(
        pos2(badge_rect.left() - 16.0, y),
        Align2::RIGHT_CENTER,
        count,
        FontId::proportional(18.0),
        dim,
    );
    if overlay.playing {
        let looping = if overlay.looping { "  loop" } else { "" };
        ui.painter().text(
            pos2(area.center().x, y),
            Align2::CENTER_CENTER,
            format!(
                "{} / {}{looping}",
                schedule.fps().timecode(overlay.frame),
                schedule.fps().timecode(schedule.total_frames())
            ),
            FontId::monospace(20.0),
            white,
        );
    }

    // Caption: the panel's dialogue or action, in readable type.
    let words = match state.caption {
        Caption::Dialogue if !panel.dialogue.trim().is_empty() => panel.dialogue.trim(),
        Caption::Dialogue | Caption::Action => panel.action.trim(),
        Caption::Off => "",
    };
    if !words.is_empty() {
        let mut job = egui::text::LayoutJob::simple(
            words.to_owned(),
            FontId::proportional(24.0),
            white,
            area.width() - 96.0,
        );
        job.wrap.max_rows = 3;
        job.halign = egui::Align::Center;
        let galley = ui.painter().layout_job(job);
        ui.painter().galley(
            pos2(area.center().x, area.bottom() - caption_h),
            galley,
            white,
        );
    }

    // Slim progress bar along the bottom edge.
    // Time while playing, panels while stepping through.
    let done = if overlay.playing {
        let total = schedule.total_frames().max(1);
        (overlay.frame + 1).min(total) as f32 / total as f32
    } else {
        (index + 1) as f32 / schedule.slots().len().max(1) as f32
    };
    let bar = Rect::from_min_max(pos2(area.left(), area.bottom() - 4.0), area.max);
    ui.painter().rect_filled(bar, 0.0, Color32::from_gray(0x30));
    ui.painter().rect_filled(
        Rect::from_min_max(bar.min, pos2(bar.left() + bar.width() * done, bar.bottom())),
        0.0,
        Color32::from_rgb(0x4a, 0x90, 0xe2),
    );

    if !state.jump.is_empty() {
        let r = Rect::from_center_size(area.center(), vec2(220.0, 56.0));
        ui.painter().rect(
            r,
            8.0,
            Color32::from_black_alpha(200),
            Stroke::new(1.0, dim),
            egui::StrokeKind::Inside,
        );
        ui.painter().text(
            r.center(),
            Align2::CENTER_CENTER,
            format!("Go to {}", state.jump),
            FontId::proportional(24.0),
            white,
        );
    }
    comment_box(ui, state, author, &mut out);
    out
}

fn read_keys(ui: &Ui, state: &mut PresentState, out: &mut Vec<PresentAction>) {
    let none = Modifiers::NONE;
    ui.input_mut(|i| {
        let mut take = |key| i.consume_key(none, key);
        if take(Key::Escape) {
            if state.jump.is_empty() {
                out.push(PresentAction::Exit);
            } else {
                state.jump.clear();
            }
        }
        for key in [Key::ArrowRight, Key::Space, Key::PageDown] {
            if take(key) {
                out.push(PresentAction::Go(Go::By(1)));
            }
        }
        for key in [Key::ArrowLeft, Key::PageUp] {
            if take(key) {
                out.push(PresentAction::Go(Go::By(-1)));
            }
        }
        if take(Key::Home) {
            out.push(PresentAction::Go(Go::First));
        }
        if take(Key::End) {
            out.push(PresentAction::Go(Go::Last));
        }
        if take(Key::B) {
            state.blank = !state.blank;
        }
        if take(Key::T) {
            state.caption = state.caption.next();
        }
        for (key, status) in [
            (Key::A, ReviewStatus::Approved),
            (Key::C, ReviewStatus::NeedsChanges),
            (Key::D, ReviewStatus::Draft),
        ] {
            if take(key) {
                out.push(PresentAction::SetStatus(status));
            }
        }
        if take(Key::P) {
            out.push(PresentAction::PlayPause);
        }
        if take(Key::L) {
            out.push(PresentAction::ToggleLoop);
        }
        let digits = [
            Key::Num0,
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        for (d, key) in digits.into_iter().enumerate() {
            if take(key) && state.jump.len() < 6 {
                state.jump.push(char::from(b'0' + d as u8));
            }
        }
        if take(Key::Backspace) {
            state.jump.pop();
        }
        if take(Key::Enter)
            && let Ok(n) = state.jump.parse::<usize>()
        {
            out.push(PresentAction::Go(Go::Nth(n)));
            state.jump.clear();
        }
        // Opened last so that the N does not type into the new box.
        if take(Key::N) {
            state.comment = Some(String::new());
        }
        // Text events of the keys above must not reach the comment box.
        i.events.retain(|e| !matches!(e, egui::Event::Text(_)));
    });
}

/// The quick comment box: Enter posts, Esc closes.
fn comment_box(ui: &mut Ui, state: &mut PresentState, author: &str, out: &mut Vec<PresentAction>) {
    let Some(mut text) = state.comment.take() else {
        return;
    };
    let mut keep = true;
    egui::Area::new(Id::unique("present-comment"))
        // Above the caption, so the words under discussion stay readable.
        .anchor(Align2::CENTER_BOTTOM, vec2(0.0, -130.0))
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(520.0);
                if author.is_empty() {
                    let label = ui.label("Your name");
                    ui.add(
                        egui::TextEdit::singleline(&mut state.author)
                            .id_salt("present-author")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                }
                let label = ui.label("Comment");
                let resp = ui
                    .add(
                        egui::TextEdit::singleline(&mut text)
                            .id_salt("present-comment-text")
                            .hint_text("Enter to post, Esc to cancel")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                if !resp.has_focus() && !ui.memory(|m| m.focused().is_some()) {
                    resp.request_focus();
                }
                let name = if author.is_empty() {
                    state.author.trim()
                } else {
                    author
                };
                let post = ui.input(|i| i.key_pressed(Key::Enter));
                if post && !text.trim().is_empty() && !name.is_empty() {
                    out.push(PresentAction::Comment {
                        author: name.to_owned(),
                        text: text.trim().to_owned(),
                    });
                    keep = false;
                }
                if ui.input(|i| i.key_pressed(Key::Escape)) {
                    keep = false;
                }
            });
        });
    if keep {
        state.comment = Some(text);
    }
}
