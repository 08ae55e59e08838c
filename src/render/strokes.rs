//! Vector sketch strokes, drawn per tool.
//!
//! Every function here is total: empty strokes draw nothing, single points
//! draw a dot, non-finite widths fall back to a default, and coordinates are
//! clamped well outside the frame so no input can make the rasteriser fail.

use tiny_skia::{
    FillRule, LineCap, LineJoin, Paint, Path, PathBuilder, PixmapMut, Point, Rect, StrokeDash,
    Transform,
};

use super::RenderOptions;
use super::frame::paint_for;
use crate::model::{Layer, Stroke, Tool};

/// Width used when a stroke's stored width is not a finite number.
const FALLBACK_WIDTH: f32 = 0.004;
/// The widest stroke drawn, as a fraction of the frame height.
const MAX_WIDTH: f32 = 0.5;
/// Thinnest line drawn, in pixels, so hairlines stay visible in thumbnails.
const MIN_WIDTH_PX: f32 = 0.75;
/// Normalised coordinates are clamped to this range: the model refuses
/// points beyond ±10 panel sizes, so this only affects hand-built strokes.
const COORD_LIMIT: f32 = 16.0;

/// Draw every stroke on a visible layer, bottom layer first, onto a pixmap
/// that is exactly the frame.
pub fn render_strokes_onto(
    pixmap: &mut PixmapMut<'_>,
    strokes: &[Stroke],
    options: &RenderOptions,
) {
    for layer in Layer::ALL {
        let style = options.layer(layer);
        if !style.is_drawn() {
            continue;
        }
        for stroke in strokes.iter().filter(|s| s.layer == layer) {
            draw_stroke(pixmap, stroke, style.opacity(), options.flip_horizontal);
        }
    }
}

/// Draw one stroke (e.g. the one being drawn) with its layer's style.
pub fn render_stroke_onto(pixmap: &mut PixmapMut<'_>, stroke: &Stroke, options: &RenderOptions) {
    let style = options.layer(stroke.layer);
    if style.is_drawn() {
        draw_stroke(pixmap, stroke, style.opacity(), options.flip_horizontal);
    }
}

/// One stroke mapped to pixels.
struct Geometry {
    points: Vec<(Point, f32)>,
    /// Nominal width in pixels.
    width: f32,
}

impl Geometry {
    fn new(stroke: &Stroke, w: f32, h: f32) -> Self {
        let points = stroke
            .points
            .iter()
            .map(|p| {
                let (x, y) = p.normalised();
                let x = x.clamp(-COORD_LIMIT, COORD_LIMIT) * w;
                let y = y.clamp(-COORD_LIMIT, COORD_LIMIT) * h;
                (Point::from_xy(x, y), p.pressure_f32())
            })
            .collect();
        let width = if stroke.width.is_finite() {
            stroke.width.clamp(0.0, MAX_WIDTH)
        } else {
            FALLBACK_WIDTH
        };
        Self {
            points,
            width: (width * h).max(MIN_WIDTH_PX),
        }
    }

    fn first(&self) -> Option<Point> {
        self.points.first().map(|p| p.0)
    }

    fn last(&self) -> Option<Point> {
        self.points.last().map(|p| p.0)
    }
}

fn draw_stroke(pixmap: &mut PixmapMut<'_>, stroke: &Stroke, layer_opacity: f32, flip: bool) {
    let (w, h) = (pixmap.width() as f32, pixmap.height() as f32);
    let g = Geometry::new(stroke, w, h);
    let (Some(first), Some(last)) = (g.first(), g.last()) else {
        return;
    };
    let opacity = if stroke.opacity.is_finite() {
        stroke.opacity.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let alpha = opacity * layer_opacity;
    if alpha <= 0.0 {
        return;
    }
    let ts = if flip {
        Transform::from_row(-1.0, 0.0, 0.0, 1.0, w, 0.0)
    } else {
        Transform::identity()
    };
    let paint = |extra: f32| paint_for(stroke.color, alpha * extra);

    match stroke.tool {
        Tool::Pencil => draw_freehand(pixmap, &g, |_| 1.0, &paint(0.7), ts),
        Tool::Pen => draw_freehand(pixmap, &g, |p| 0.3 + 0.7 * p, &paint(1.0), ts),
        Tool::Brush => {
            // A soft edge: a wide faint halo under a narrower denser core.
            draw_freehand(pixmap, &g, |p| 0.5 + 0.5 * p, &paint(0.35), ts);
            draw_freehand(pixmap, &g, |p| 0.3 + 0.3 * p, &paint(0.55), ts);
        }
        Tool::Line => draw_line(pixmap, first, last, g.width, &paint(1.0), ts),
        Tool::Arrow => draw_arrow(pixmap, first, last, g.width, &paint(1.0), ts),
        Tool::Frame => {
            let dash = (g.width * 4.0).max(h / 60.0);
            let style = tiny_skia::Stroke {
                width: g.width,
                line_join: LineJoin::Miter,
                dash: StrokeDash::new(vec![dash, dash * 0.6], 0.0),
                ..tiny_skia::Stroke::default()
            };
            draw_box(pixmap, first, last, &style, false, &paint(1.0), ts);
        }
        Tool::Rect | Tool::Ellipse => {
            let style = tiny_skia::Stroke {
                width: g.width,
                line_join: LineJoin::Miter,
                ..tiny_skia::Stroke::default()
            };
            let oval = stroke.tool == Tool::Ellipse;
            draw_box(pixmap, first, last, &style, oval, &paint(1.0), ts);
        }
    }
}

fn round_stroke(width: f32) -> tiny_skia::Stroke {
    tiny_skia::Stroke {
        width,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        ..tiny_skia::Stroke::default()
    }
}

fn fill_dot(pixmap: &mut PixmapMut<'_>, at: Point, width: f32, paint: &Paint, ts: Transform) {
    if let Some(path) = PathBuilder::from_circle(at.x, at.y, (width / 2.0).max(MIN_WIDTH_PX / 2.0))
    {
        pixmap.fill_path(&path, paint, FillRule::Winding, ts, None);
    }
}

/// A freehand line whose width is `g.width × width_of(pressure)`.
///
/// When every point has the same pressure the line is one stroked path
/// (the fastest way at thumbnail sizes). Otherwise it is the union of
/// tapered segments and round joints, filled in one pass with the non-zero
/// rule so overlaps never darken a translucent line.
fn draw_freehand(
    pixmap: &mut PixmapMut<'_>,
    g: &Geometry,
    width_of: impl Fn(f32) -> f32,
    paint: &Paint,
    ts: Transform,
) {
    let mut points: Vec<(Point, f32)> = Vec::with_capacity(g.points.len());
    for &(p, pressure) in &g.points {
        if points.last().is_none_or(|(q, _)| *q != p) {
            points.push((p, pressure));
        }
    }
    let radius = |pressure: f32| (g.width * width_of(pressure)).max(MIN_WIDTH_PX) / 2.0;
    let Some(&(first, first_pressure)) = points.first() else {
        return;
    };
    if points.len() == 1 {
        fill_dot(pixmap, first, radius(first_pressure) * 2.0, paint, ts);
        return;
    }
    let uniform = points.iter().all(|(_, p)| *p == first_pressure);
    if uniform {
        let mut pb = PathBuilder::with_capacity(points.len(), points.len());
        pb.move_to(first.x, first.y);
        for (p, _) in &points[1..] {
            pb.line_to(p.x, p.y);
        }
        if let Some(path) = pb.finish() {
            let style = round_stroke(radius(first_pressure) * 2.0);
            pixmap.stroke_path(&path, paint, &style, ts, None);
        }
        return;
    }
    if let Some(path) = tapered_outline(&points, radius) {
        pixmap.fill_path(&path, paint, FillRule::Winding, ts, None);
    }
}

/// Quads between the points, with round discs at the ends and at turns,
/// all wound clockwise, so the non-zero fill is their union.
///
/// A bend of θ radians leaves a wedge about `r·θ` wide between two quads;
/// where that is under a quarter pixel no disc is added. The discs are
/// polygons with just enough sides for their size. Both keep heavy panels
/// fast (a tiny-skia circle is four conics).
fn tapered_outline(points: &[(Point, f32)], radius: impl Fn(f32) -> f32) -> Option<Path> {
    let mut pb = PathBuilder::with_capacity(points.len() * 16, points.len() * 16);
    for pair in points.windows(2) {
        let [(a, pa), (b, pb_pressure)] = [pair[0], pair[1]];
        let (ra, rb) = (radius(pa), radius(pb_pressure));
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len = (dx * dx + dy * dy).sqrt();
        if !(len > 0.0 && len.is_finite()) {
            continue;
        }
        let (nx, ny) = (-dy / len, dx / len);
        pb.move_to(a.x - nx * ra, a.y - ny * ra);
        pb.line_to(b.x - nx * rb, b.y - ny * rb);
        pb.line_to(b.x + nx * rb, b.y + ny * rb);
        pb.line_to(a.x + nx * ra, a.y + ny * ra);
        pb.close();
    }
    let direction = |a: Point, b: Point| {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len = (dx * dx + dy * dy).sqrt().max(f32::EPSILON);
        (dx / len, dy / len)
    };
    for (i, &(p, pressure)) in points.iter().enumerate() {
        let r = radius(pressure);
        let bends = match (
            i.checked_sub(1).and_then(|j| points.get(j)),
            points.get(i + 1),
        ) {
            (Some(&(prev, _)), Some(&(next, _))) => {
                let (ax, ay) = direction(prev, p);
                let (bx, by) = direction(p, next);
                ax * bx + ay * by < (0.25 / r).min(0.5).cos()
            }
            _ => true, // an end: a round cap
        };
        if bends {
            push_disc(&mut pb, p, r);
        }
    }
    pb.finish()
}

/// A clockwise (in y-down pixels) regular polygon approximating a circle
/// to within about a tenth of a pixel.
fn push_disc(pb: &mut PathBuilder, centre: Point, r: f32) {
    let sides = (std::f32::consts::PI / (1.0 - 0.1 / r.max(0.2)).clamp(0.0, 1.0).acos().max(0.01))
        .ceil()
        .clamp(6.0, 64.0) as u32;
    for i in 0..sides {
        let angle = std::f32::consts::TAU * i as f32 / sides as f32;
        let (x, y) = (centre.x + r * angle.cos(), centre.y + r * angle.sin());
        if i == 0 {
            pb.move_to(x, y);
        } else {
            pb.line_to(x, y);
        }
    }
    pb.close();
}

fn draw_line(
    pixmap: &mut PixmapMut<'_>,
    a: Point,
    b: Point,
    width: f32,
    paint: &Paint,
    ts: Transform,
) {
    if a == b {
        fill_dot(pixmap, a, width, paint, ts);
        return;
    }
    let mut pb = PathBuilder::new();
    pb.move_to(a.x, a.y);
    pb.line_to(b.x, b.y);
    if let Some(path) = pb.finish() {
        pixmap.stroke_path(&path, paint, &round_stroke(width), ts, None);
    }
}

/// A line with a filled head at `b`. The shaft stops at the head's base so
/// its round cap does not poke through the tip.
fn draw_arrow(
    pixmap: &mut PixmapMut<'_>,
    a: Point,
    b: Point,
    width: f32,
    paint: &Paint,
    ts: Transform,
) {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt();
    if !(len > 0.0 && len.is_finite()) {
        fill_dot(pixmap, a, width, paint, ts);
        return;
    }
    let (ux, uy) = (dx / len, dy / len);
    let head_len = (width * 4.0).max(6.0).min(len * 0.6);
    let half_base = head_len * 0.55;
    let base = Point::from_xy(b.x - ux * head_len, b.y - uy * head_len);
    draw_line(pixmap, a, base, width, paint, ts);
    let mut pb = PathBuilder::new();
    pb.move_to(b.x, b.y);
    pb.line_to(base.x - uy * half_base, base.y + ux * half_base);
    pb.line_to(base.x + uy * half_base, base.y - ux * half_base);
    pb.close();
    if let Some(path) = pb.finish() {
        pixmap.fill_path(&path, paint, FillRule::Winding, ts, None);
    }
}

/// A rectangle or ellipse in the box spanned by `a` and `b`; a box with no
/// area draws as the line the user actually dragged.
fn draw_box(
    pixmap: &mut PixmapMut<'_>,
    a: Point,
    b: Point,
    style: &tiny_skia::Stroke,
    oval: bool,
    paint: &Paint,
    ts: Transform,
) {
    let rect = Rect::from_ltrb(a.x.min(b.x), a.y.min(b.y), a.x.max(b.x), a.y.max(b.y))
        .filter(|r| r.width() >= 0.5 && r.height() >= 0.5);
    let Some(rect) = rect else {
        draw_line(pixmap, a, b, style.width, paint, ts);
        return;
    };
    let path = if oval {
        PathBuilder::from_oval(rect)
    } else {
        Some(PathBuilder::from_rect(rect))
    };
    if let Some(path) = path {
        pixmap.stroke_path(&path, paint, style, ts, None);
    }
}
