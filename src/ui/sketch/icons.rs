//! Tool icons, painted with shapes: egui's default fonts lack most symbols,
//! and painted icons stay sharp at any UI scale.

use egui::{Color32, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

use crate::model::Tool;

use super::ToolKind;

/// Paints the icon of `tool` inside `rect` in `color`.
pub fn paint_tool(painter: &Painter, rect: Rect, tool: ToolKind, color: Color32) {
    let r = rect.shrink(rect.width() * 0.2);
    let at = |x: f32, y: f32| pos2(r.left() + x * r.width(), r.top() + y * r.height());
    let thin = Stroke::new(1.2, color);
    let bold = Stroke::new(2.2, color);
    match tool {
        ToolKind::Draw(Tool::Pencil) => {
            // A slanted pencil: body and a sharpened tip.
            pencil(painter, at(0.15, 0.85), at(0.85, 0.15), thin, color, false);
        }
        ToolKind::Draw(Tool::Pen) => {
            pencil(painter, at(0.15, 0.85), at(0.85, 0.15), thin, color, true);
        }
        ToolKind::Draw(Tool::Brush) => {
            // A soft wide dab with a handle.
            painter.line_segment([at(0.55, 0.45), at(0.9, 0.1)], bold);
            painter.circle_filled(at(0.35, 0.65), r.width() * 0.22, color);
        }
        ToolKind::Eraser => {
            let body = [at(0.1, 0.65), at(0.45, 0.3), at(0.9, 0.75), at(0.55, 1.0)];
            painter.add(Shape::closed_line(body.to_vec(), thin));
            painter.line_segment([at(0.3, 0.85), at(0.65, 0.5)], thin);
        }
        ToolKind::Draw(Tool::Line) => {
            painter.line_segment([at(0.1, 0.9), at(0.9, 0.1)], bold);
        }
        ToolKind::Draw(Tool::Arrow) => {
            painter.line_segment([at(0.1, 0.9), at(0.85, 0.15)], bold);
            painter.add(Shape::convex_polygon(
                vec![at(0.95, 0.05), at(0.5, 0.2), at(0.8, 0.5)],
                color,
                Stroke::NONE,
            ));
        }
        ToolKind::Draw(Tool::Frame) => {
            // Camera frame: a rectangle with corner ticks.
            let frame = Rect::from_min_max(at(0.05, 0.2), at(0.95, 0.8));
            painter.rect_stroke(frame, 0.0, thin, StrokeKind::Middle);
            let tick = r.width() * 0.18;
            for (corner, dx, dy) in [
                (frame.left_top(), 1.0, 1.0),
                (frame.right_top(), -1.0, 1.0),
                (frame.left_bottom(), 1.0, -1.0),
                (frame.right_bottom(), -1.0, -1.0),
            ] {
                painter.line_segment([corner, corner + vec2(dx * tick, 0.0)], bold);
                painter.line_segment([corner, corner + vec2(0.0, dy * tick)], bold);
            }
        }
        ToolKind::Draw(Tool::Rect) => {
            painter.rect_stroke(
                Rect::from_min_max(at(0.1, 0.2), at(0.9, 0.8)),
                0.0,
                bold,
                StrokeKind::Middle,
            );
        }
        ToolKind::Draw(Tool::Ellipse) => {
            painter.add(Shape::ellipse_stroke(
                r.center(),
                vec2(r.width() * 0.45, r.height() * 0.32),
                bold,
            ));
        }
    }
}

/// A pencil from `tip` to `end`; a pen has a filled nib.
fn pencil(painter: &Painter, tip: Pos2, end: Pos2, stroke: Stroke, color: Color32, nib: bool) {
    let dir = (end - tip).normalized();
    let side = vec2(-dir.y, dir.x) * 3.0;
    let shoulder = tip + dir * 6.0;
    painter.add(Shape::closed_line(
        vec![shoulder + side, end + side, end - side, shoulder - side],
        stroke,
    ));
    let tip_shape = vec![tip, shoulder + side, shoulder - side];
    if nib {
        painter.add(Shape::convex_polygon(tip_shape, color, Stroke::NONE));
    } else {
        painter.add(Shape::closed_line(tip_shape, stroke));
    }
}
