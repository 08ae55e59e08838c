//! The timeline: panels as blocks as wide as their frame counts, scene
//! boundaries, a timecode ruler and a playhead.
//!
//! Dragging a block's right edge retimes the panel in whole frames at the
//! board's rate, as one undo step per drag. The timeline follows the
//! selection made anywhere else (a card, the shot list, the keys): the
//! playhead moves to the selected panel and its block scrolls into view. Like the canvas, the timeline
//! only paints what is visible and reports what the user did as
//! [`TimelineAction`]s.

use std::hash::{Hash, Hasher};

use egui::{
    Align2, Color32, CornerRadius, FontId, Id, Rect, Sense, Stroke, StrokeKind, Ui,
    accesskit::Role, pos2, vec2,
};

use crate::model::{Board, PanelId, labels::shot_labels};
use crate::playback::Schedule;

use super::canvas::status_color;
use super::selection::Selection;

pub const DEFAULT_HEIGHT: f32 = 150.0;
pub const MIN_HEIGHT: f32 = 110.0;
const RULER_H: f32 = 22.0;
const SCENE_H: f32 = 18.0;
const EDGE_W: f32 = 8.0;
const MIN_PX_PER_FRAME: f32 = 0.05;
const MAX_PX_PER_FRAME: f32 = 24.0;

/// Timeline view state (not saved).
#[derive(Debug)]
pub struct TimelineState {
    pub visible: bool,
    /// Zoom: screen points per frame.
    pub px_per_frame: f32,
    /// Each retime drag gets its own undo step.
    drags: u64,
    retiming: Option<(PanelId, u64)>,
    /// The focused panel the playhead last followed.
    followed: Option<PanelId>,
    /// Bring this panel's block into view when the timeline next draws.
    scroll_to: Option<PanelId>,
}

impl Default for TimelineState {
    fn default() -> Self {
        Self {
            visible: false,
            px_per_frame: 2.0,
            drags: 0,
            retiming: None,
            followed: None,
            scroll_to: None,
        }
    }
}

impl TimelineState {
    /// The focused panel the timeline last followed.
    pub fn followed(&self) -> Option<PanelId> {
        self.followed
    }

    /// Follow a new selection `focus`: its block is brought into view and,
    /// unless the playhead is already inside it (the user scrubbed there),
    /// the frame to move the playhead to is returned. While playing, the
    /// player moves the selection, not the other way round.
    pub fn follow(
        &mut self,
        focus: Option<PanelId>,
        schedule: &Schedule,
        playhead: u64,
        playing: bool,
    ) -> Option<u64> {
        self.followed = focus;
        let id = focus.filter(|_| !playing)?;
        self.scroll_to = Some(id);
        let inside = schedule
            .index_at(playhead)
            .is_some_and(|i| schedule.slots()[i].panel == id);
        schedule.start_of(id).filter(|_| !inside)
    }
}

/// What the user did on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub enum TimelineAction {
    Select(PanelId),
    /// Move the playhead to a frame (and show that panel).
    Scrub(u64),
    /// Set a panel's duration to whole `frames`; edits with the same `key`
    /// belong to one drag and coalesce into one undo step.
    Retime {
        panel: PanelId,
        frames: u64,
        key: u64,
    },
    /// The retime drag ended.
    EndRetime,
}

pub struct TimelineInput<'a> {
    pub board: &'a Board,
    pub schedule: &'a Schedule,
    pub selection: &'a Selection,
    pub playhead: u64,
    pub playing: bool,
}

pub fn show(
    ui: &mut Ui,
    state: &mut TimelineState,
    input: &TimelineInput<'_>,
) -> Vec<TimelineAction> {
    let mut out = Vec::new();
    let board = input.board;
    let schedule = input.schedule;
    let fps = board.fps;
    // The one total every view shows.
    let total = board.runtime_frames();
    // Wrapped: a row wider than the panel would widen the scroll area
    // below past the window's edge, and blocks scrolled "into view" would
    // sit under the inspector.
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Timeline").strong());
        ui.label(format!(
            "runtime {} ({} frames @ {} fps)",
            fps.runtime_label(total),
            total,
            fps.label()
        ));
        ui.label(
            egui::RichText::new(format!("playhead {}", fps.timecode(input.playhead))).monospace(),
        );
        ui.separator();
        let label = ui.label("Zoom");
        ui.add(
            egui::Slider::new(&mut state.px_per_frame, MIN_PX_PER_FRAME..=MAX_PX_PER_FRAME)
                .logarithmic(true)
                .show_value(false),
        )
        .labelled_by(label.id);
    });
    let ppf = state.px_per_frame;
    let labels = shot_labels(board);
    let content_w = total as f32 * ppf + 40.0;
    let height = ui.available_height().max(RULER_H + SCENE_H + 24.0);
    egui::ScrollArea::horizontal()
        .id_salt("timeline")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let origin = ui.max_rect().min;
            ui.set_min_size(vec2(content_w, height - 8.0));
            let x_of = |frame: u64| origin.x + frame as f32 * ppf;
            let frame_at = |x: f32| ((x - origin.x) / ppf).round().max(0.0) as u64;
            let visible = viewport.translate(origin.to_vec2());
            let first = frame_at(visible.left()).saturating_sub(1);
            let last = frame_at(visible.right()) + 1;
            let visuals = ui.visuals().clone();
            let ruler = Rect::from_min_size(
                pos2(visible.left(), origin.y),
                vec2(visible.width(), RULER_H),
            );
            let blocks_top = origin.y + RULER_H + SCENE_H;
            let blocks_h = (height - 14.0 - RULER_H - SCENE_H).max(24.0);

            // Ruler: whole timecode seconds, spaced at least 70 points.
            ui.painter().rect_filled(ruler, 0.0, visuals.faint_bg_color);
            let base = fps.timecode_base();
            let step_secs = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600]
                .into_iter()
                .find(|s| (s * base) as f32 * ppf >= 70.0)
                .unwrap_or(3600);
            let step = step_secs * base;
            let mut tick = first / step * step;
            while tick <= last {
                let x = x_of(tick);
                ui.painter().line_segment(
                    [pos2(x, ruler.top() + 12.0), pos2(x, ruler.bottom())],
                    Stroke::new(1.0, visuals.weak_text_color()),
                );
                ui.painter().text(
                    pos2(x + 3.0, ruler.top() + 1.0),
                    Align2::LEFT_TOP,
                    fps.timecode(tick),
                    FontId::monospace(10.0),
                    visuals.weak_text_color(),
                );
                tick += step;
            }
            let scrub = ui.interact(ruler, Id::unique("timeline-ruler"), Sense::click_and_drag());
            scrub.widget_info(|| egui::WidgetInfo::labeled(Role::Slider, true, "Playhead"));
            if (scrub.clicked() || scrub.dragged())
                && let Some(p) = scrub.interact_pointer_pos()
                && total > 0
            {
                out.push(TimelineAction::Scrub(frame_at(p.x).min(total - 1)));
            }

            // A block selected elsewhere comes into view, centred.
            if let Some(id) = state.scroll_to.take()
                && let Some(slot) = schedule.index_of(id).map(|i| &schedule.slots()[i])
            {
                let block = Rect::from_min_max(
                    pos2(x_of(slot.start), origin.y),
                    pos2(x_of(slot.end()), origin.y + 1.0),
                );
                if !visible.x_range().contains(block.left())
                    || !visible.x_range().contains(block.right())
                {
                    ui.scroll_to_rect(block, Some(egui::Align::Center));
                }
            }

            // Blocks: only those in view, found by binary search.
            let slots = schedule.slots();
            let start_index = schedule.index_at(first).unwrap_or(slots.len());
            for (i, slot) in slots.iter().enumerate().skip(start_index) {
                if slot.start > last {
                    break;
                }
                let Some(pos) = board.find_panel(slot.panel) else {
                    continue;
                };
                let panel = &board.scenes[pos.scene].panels[pos.panel];
                let label = labels[pos.scene][pos.panel].to_string();
                let starts_scene = i == 0 || slots[i - 1].scene != slot.scene;
                if starts_scene {
                    let x = x_of(slot.start);
                    ui.painter().line_segment(
                        [pos2(x, origin.y + RULER_H), pos2(x, blocks_top + blocks_h)],
                        Stroke::new(2.0, visuals.strong_text_color()),
                    );
                    let number = crate::model::labels::scene_number(board, slot.scene);
                    let mut job = egui::text::LayoutJob::simple_singleline(
                        format!("{number} {}", board.scenes[slot.scene].heading),
                        FontId::proportional(11.0),
                        visuals.text_color(),
                    );
                    let scene_w = schedule
                        .scene_range(slot.scene)
                        .end
                        .saturating_sub(slot.start);
                    job.wrap = egui::text::TextWrapping::truncate_at_width(
                        (scene_w as f32 * ppf - 8.0).max(8.0),
                    );
                    let galley = ui.painter().layout_job(job);
                    ui.painter().galley(
                        pos2(x + 4.0, origin.y + RULER_H + 2.0),
                        galley,
                        visuals.text_color(),
                    );
                }
                let rect = Rect::from_min_max(
                    pos2(x_of(slot.start) + 1.0, blocks_top),
                    pos2(x_of(slot.end()) - 1.0, blocks_top + blocks_h),
                );
                let selected = input.selection.contains(slot.panel);
                let resp = ui.interact(
                    rect,
                    Id::unique(("timeline-block", slot.panel)),
                    Sense::click(),
                );
                resp.widget_info(|| {
                    egui::WidgetInfo::selected(
                        Role::Button,
                        true,
                        selected,
                        format!("Timeline {label}"),
                    )
                });
                if resp.clicked() {
                    out.push(TimelineAction::Select(slot.panel));
                }
                let fill = status_color(panel.status).gamma_multiply(0.55);
                ui.painter().rect_filled(rect, CornerRadius::same(3), fill);
                if selected {
                    ui.painter().rect_stroke(
                        rect,
                        3.0,
                        Stroke::new(2.0, visuals.selection.stroke.color),
                        StrokeKind::Inside,
                    );
                }
                if rect.width() > 24.0 {
                    let mut job = egui::text::LayoutJob::simple_singleline(
                        format!("{label}  {}f", slot.frames),
                        FontId::proportional(11.0),
                        Color32::WHITE,
                    );
                    job.wrap = egui::text::TextWrapping::truncate_at_width(rect.width() - 6.0);
                    let galley = ui.painter().layout_job(job);
                    ui.painter()
                        .galley(rect.min + vec2(4.0, 4.0), galley, Color32::WHITE);
                }

                // The right edge retimes.
                let edge = Rect::from_center_size(
                    pos2(rect.right() + 1.0, rect.center().y),
                    vec2(EDGE_W, rect.height()),
                );
                let edge_resp = ui.interact(
                    edge,
                    Id::unique(("timeline-edge", slot.panel)),
                    Sense::drag(),
                );
                edge_resp.widget_info(|| {
                    egui::WidgetInfo::labeled(Role::Slider, true, format!("Retime {label}"))
                });
                if edge_resp.hovered() || edge_resp.dragged() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
                    ui.painter().rect_filled(
                        edge.shrink2(vec2(2.0, 4.0)),
                        2.0,
                        visuals.selection.stroke.color,
                    );
                }
                if edge_resp.drag_started() {
                    state.drags += 1;
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    ("timeline-retime", slot.panel, state.drags).hash(&mut h);
                    state.retiming = Some((slot.panel, h.finish()));
                }
                if edge_resp.dragged()
                    && let Some((panel_id, key)) = state.retiming
                    && panel_id == slot.panel
                    && let Some(p) = edge_resp.interact_pointer_pos()
                {
                    // Whole frames from the block's start; never below one.
                    let frames = ((p.x - x_of(slot.start)) / ppf).round().max(1.0) as u64;
                    if frames != slot.frames {
                        out.push(TimelineAction::Retime {
                            panel: slot.panel,
                            frames,
                            key,
                        });
                    }
                }
                if edge_resp.drag_stopped() && state.retiming.is_some_and(|(p, _)| p == slot.panel)
                {
                    state.retiming = None;
                    out.push(TimelineAction::EndRetime);
                }
            }

            // A drag released off its (scrolled away) edge still ends.
            if state.retiming.is_some() && ui.input(|i| i.pointer.any_released()) {
                state.retiming = None;
                out.push(TimelineAction::EndRetime);
            }

            // The playhead.
            let x = x_of(input.playhead);
            let color = if input.playing {
                Color32::from_rgb(0xe0, 0x40, 0x40)
            } else {
                Color32::from_rgb(0x4a, 0x90, 0xe2)
            };
            ui.painter().line_segment(
                [pos2(x, origin.y), pos2(x, blocks_top + blocks_h)],
                Stroke::new(2.0, color),
            );
            ui.painter().add(egui::Shape::convex_polygon(
                vec![
                    pos2(x - 6.0, origin.y),
                    pos2(x + 6.0, origin.y),
                    pos2(x, origin.y + 8.0),
                ],
                color,
                Stroke::NONE,
            ));
            if input.playing && !visible.x_range().contains(x) {
                // Keep the playhead in view while playing.
                ui.scroll_to_rect(
                    Rect::from_center_size(pos2(x, origin.y), vec2(200.0, 1.0)),
                    Some(egui::Align::Min),
                );
            }
        });
    out
}
