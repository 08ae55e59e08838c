//! Painting helpers for the drawing surface: the stroke being drawn (the
//! only stroke tessellated live), the missing-image placeholder, colours.

use egui::{Color32, Pos2, Rect, Shape, Vec2};

use crate::model::{Rgba, Tool};

use super::Draft;
use super::geometry;
use super::view::FrameView;

pub fn color32(c: Rgba, alpha: f32) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(
        r,
        g,
        b,
        (f32::from(a) * alpha.clamp(0.0, 1.0)).round() as u8,
    )
}

pub fn missing_placeholder(painter: &egui::Painter, frame: Rect, opacity: f32) {
    let grey = Color32::from_gray(0xb0).gamma_multiply(opacity);
    painter.rect_filled(frame, 0.0, grey);
    let line = egui::Stroke::new(2.0, Color32::from_gray(0x70).gamma_multiply(opacity));
    painter.line_segment([frame.left_top(), frame.right_bottom()], line);
    painter.line_segment([frame.right_top(), frame.left_bottom()], line);
}

/// The stroke being drawn, tessellated live with egui shapes (the only
/// stroke not drawn from the cache).
/// Drawn through `view`, so it lands mirrored on a flipped view like the
/// cached strokes.
pub fn paint_draft(painter: &egui::Painter, draft: &Draft, view: FrameView, layer_alpha: f32) {
    let frame = view.rect;
    let to_screen = |p| view.to_screen(p);
    let width = (draft.width * frame.height()).max(0.75);
    let colour = |extra: f32| color32(draft.color, draft.opacity * layer_alpha * extra);
    let (Some(first), last) = (draft.points.first().copied(), draft.target) else {
        return;
    };
    let (a, b) = (to_screen(first), to_screen(last));
    let tool = if draft.straight && geometry::is_freehand(draft.tool) {
        Tool::Line
    } else {
        draft.tool
    };
    match tool {
        Tool::Pencil | Tool::Brush => {
            let mut points: Vec<Pos2> = draft.points.iter().map(|p| to_screen(*p)).collect();
            points.push(b);
            let (w, alpha) = if tool == Tool::Brush {
                (width * 0.8, 0.6)
            } else {
                (width, 0.7)
            };
            painter.add(Shape::line(points, egui::Stroke::new(w, colour(alpha))));
        }
        Tool::Pen => {
            let c = colour(1.0);
            let mut prev: Option<(Pos2, f32)> = None;
            for p in draft.points.iter().chain(std::iter::once(&draft.target)) {
                let (pos, w) = (to_screen(*p), width * (0.3 + 0.7 * p.pressure));
                if let Some((q, qw)) = prev {
                    painter.line_segment([q, pos], egui::Stroke::new((w + qw) / 2.0, c));
                }
                painter.circle_filled(pos, w / 2.0, c);
                prev = Some((pos, w));
            }
        }
        Tool::Line => {
            painter.line_segment([a, b], egui::Stroke::new(width, colour(1.0)));
        }
        Tool::Arrow => {
            let stroke = egui::Stroke::new(width, colour(1.0));
            painter.line_segment([a, b], stroke);
            let dir = (b - a).normalized();
            if dir.is_finite() && dir != Vec2::ZERO {
                let head = (width * 4.0).max(frame.height() * 0.03);
                let back = b - dir * head;
                let side = dir.rot90() * head * 0.5;
                painter.line_segment([b, back + side], stroke);
                painter.line_segment([b, back - side], stroke);
            }
        }
        Tool::Frame => {
            let r = Rect::from_two_pos(a, b);
            let dash = (width * 4.0).max(frame.height() / 60.0);
            let corners = [
                r.left_top(),
                r.right_top(),
                r.right_bottom(),
                r.left_bottom(),
                r.left_top(),
            ];
            painter.extend(Shape::dashed_line(
                &corners,
                egui::Stroke::new(width, colour(1.0)),
                dash,
                dash * 0.6,
            ));
        }
        Tool::Rect => {
            painter.rect_stroke(
                Rect::from_two_pos(a, b),
                0.0,
                egui::Stroke::new(width, colour(1.0)),
                egui::StrokeKind::Middle,
            );
        }
        Tool::Ellipse => {
            let r = Rect::from_two_pos(a, b);
            painter.add(Shape::ellipse_stroke(
                r.center(),
                r.size() / 2.0,
                egui::Stroke::new(width, colour(1.0)),
            ));
        }
    }
}
