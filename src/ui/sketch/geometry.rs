//! Pure stroke geometry for the editor: simplification, hit tests for the
//! eraser, splitting for the partial eraser, and mirroring.
//!
//! Distances are measured in *panel-height units*: a normalised x is
//! multiplied by the aspect ratio so a circle stays round on a wide frame.

use crate::model::{Stroke, StrokePoint, Tool};

/// A point in normalised panel coordinates with a pressure (0..1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RawPoint {
    pub x: f32,
    pub y: f32,
    pub pressure: f32,
}

impl RawPoint {
    pub fn quantise(self) -> StrokePoint {
        StrokePoint::from_normalised(self.x, self.y, self.pressure)
    }
}

/// Simplification tolerance in panel-height units (≈ 0.5 px on a 1080-high
/// frame): invisible, but it drops most samples of a slow straight drag.
pub const SIMPLIFY_TOLERANCE: f32 = 0.0005;

/// Ramer–Douglas–Peucker on positions (aspect-corrected); the first and last
/// points always survive, and so does any point whose pressure differs
/// noticeably from the line it would be folded into.
pub fn simplify(points: &[RawPoint], aspect: f32, tolerance: f32) -> Vec<RawPoint> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0, points.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (pa, pb) = (points[a], points[b]);
        let mut worst = (0.0f32, a);
        for (i, p) in points.iter().enumerate().take(b).skip(a + 1) {
            let d = segment_distance(*p, pa, pb, aspect);
            let t = (i - a) as f32 / (b - a) as f32;
            let pressure_gap = (p.pressure - (pa.pressure + (pb.pressure - pa.pressure) * t)).abs();
            // A pressure error of 0.15 (a 10 % width change on the pen)
            // counts like a position error at the tolerance.
            let score = d.max(pressure_gap / 0.15 * tolerance);
            if score > worst.0 {
                worst = (score, i);
            }
        }
        if worst.0 > tolerance {
            keep[worst.1] = true;
            stack.push((a, worst.1));
            stack.push((worst.1, b));
        }
    }
    points
        .iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

/// Distance from `p` to the segment `a`–`b`, in panel-height units.
pub fn segment_distance(p: RawPoint, a: RawPoint, b: RawPoint, aspect: f32) -> f32 {
    let (px, py) = (p.x * aspect, p.y);
    let (ax, ay) = (a.x * aspect, a.y);
    let (bx, by) = (b.x * aspect, b.y);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (ax + t * dx, ay + t * dy);
    ((px - cx).powi(2) + (py - cy).powi(2)).sqrt()
}

/// Distance between two segments (0 when they cross), in panel-height units.
fn segments_distance(a0: RawPoint, a1: RawPoint, b0: RawPoint, b1: RawPoint, aspect: f32) -> f32 {
    if segments_cross(a0, a1, b0, b1, aspect) {
        return 0.0;
    }
    segment_distance(a0, b0, b1, aspect)
        .min(segment_distance(a1, b0, b1, aspect))
        .min(segment_distance(b0, a0, a1, aspect))
        .min(segment_distance(b1, a0, a1, aspect))
}

fn segments_cross(a0: RawPoint, a1: RawPoint, b0: RawPoint, b1: RawPoint, aspect: f32) -> bool {
    let cross = |o: RawPoint, p: RawPoint, q: RawPoint| {
        (p.x - o.x) * aspect * (q.y - o.y) - (p.y - o.y) * (q.x - o.x) * aspect
    };
    let d1 = cross(b0, b1, a0);
    let d2 = cross(b0, b1, a1);
    let d3 = cross(a0, a1, b0);
    let d4 = cross(a0, a1, b1);
    (d1 > 0.0) != (d2 > 0.0) && (d3 > 0.0) != (d4 > 0.0) && d1 != 0.0 && d3 != 0.0
}

fn raw(p: StrokePoint) -> RawPoint {
    let (x, y) = p.normalised();
    RawPoint {
        x,
        y,
        pressure: p.pressure_f32(),
    }
}

fn at(x: f32, y: f32) -> RawPoint {
    RawPoint {
        x,
        y,
        pressure: 1.0,
    }
}

/// The polyline a stroke draws, in normalised coordinates (shapes expanded
/// to their outlines), for hit testing.
pub fn outline(stroke: &Stroke) -> Vec<RawPoint> {
    let points: Vec<RawPoint> = stroke.points.iter().copied().map(raw).collect();
    let (Some(&first), Some(&last)) = (points.first(), points.last()) else {
        return points;
    };
    match stroke.tool {
        Tool::Pencil | Tool::Pen | Tool::Brush => points,
        Tool::Line | Tool::Arrow => vec![first, last],
        Tool::Frame | Tool::Rect => vec![
            at(first.x, first.y),
            at(last.x, first.y),
            at(last.x, last.y),
            at(first.x, last.y),
            at(first.x, first.y),
        ],
        Tool::Ellipse => {
            let (cx, cy) = ((first.x + last.x) / 2.0, (first.y + last.y) / 2.0);
            let (rx, ry) = ((last.x - first.x) / 2.0, (last.y - first.y) / 2.0);
            (0..=32)
                .map(|i| {
                    let a = i as f32 / 32.0 * std::f32::consts::TAU;
                    at(cx + rx * a.cos(), cy + ry * a.sin())
                })
                .collect()
        }
    }
}

/// Whether an eraser swept along `a`–`b` with `radius` (panel-height units)
/// touches the stroke's drawn line.
pub fn touches(stroke: &Stroke, a: RawPoint, b: RawPoint, radius: f32, aspect: f32) -> bool {
    let reach = radius + stroke_half_width(stroke);
    let line = outline(stroke);
    match line.as_slice() {
        [] => false,
        [only] => segment_distance(*only, a, b, aspect) <= reach,
        _ => line
            .windows(2)
            .any(|w| segments_distance(w[0], w[1], a, b, aspect) <= reach),
    }
}

fn stroke_half_width(stroke: &Stroke) -> f32 {
    if stroke.width.is_finite() {
        stroke.width.clamp(0.0, 0.5) / 2.0
    } else {
        0.0
    }
}

/// Whether a tool draws a freehand line the partial eraser can cut.
pub fn is_freehand(tool: Tool) -> bool {
    matches!(tool, Tool::Pencil | Tool::Pen | Tool::Brush)
}

/// The pieces of a freehand stroke left after erasing along `a`–`b`: points
/// within reach of the eraser go, and the stroke splits where they were.
/// Segments crossing the eraser are cut at the eraser's edge, so the cut is
/// clean rather than a gap of whole sample spacings.
pub fn split(stroke: &Stroke, a: RawPoint, b: RawPoint, radius: f32, aspect: f32) -> Vec<Stroke> {
    let reach = radius + stroke_half_width(stroke);
    let inside = |p: RawPoint| segment_distance(p, a, b, aspect) <= reach;
    let mut pieces: Vec<Vec<RawPoint>> = Vec::new();
    let mut current: Vec<RawPoint> = Vec::new();
    let points = densified(stroke, (reach / 2.0).max(1e-4), aspect);
    for (i, &p) in points.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| points[j]);
        if inside(p) {
            if let Some(q) = prev.filter(|q| !inside(*q)) {
                current.push(edge_point(q, p, &inside));
            }
            if !current.is_empty() {
                pieces.push(std::mem::take(&mut current));
            }
        } else {
            if let Some(q) = prev.filter(|q| inside(*q)) {
                current.push(edge_point(p, q, &inside));
            }
            current.push(p);
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
        .into_iter()
        .filter(|piece| piece.len() >= 2 || stroke.points.len() == 1)
        .map(|piece| Stroke {
            points: simplify(&piece, aspect, SIMPLIFY_TOLERANCE)
                .into_iter()
                .map(RawPoint::quantise)
                .collect(),
            ..stroke.clone()
        })
        .collect()
}

/// The stroke's points with samples added so no two are more than `step`
/// apart (panel-height units): a long straight segment can then be cut in
/// its middle. The pieces are simplified again afterwards.
fn densified(stroke: &Stroke, step: f32, aspect: f32) -> Vec<RawPoint> {
    let points: Vec<RawPoint> = stroke.points.iter().copied().map(raw).collect();
    let mut out = Vec::with_capacity(points.len());
    for (i, &p) in points.iter().enumerate() {
        if let Some(&q) = i.checked_sub(1).and_then(|j| points.get(j)) {
            let length = segment_distance(p, q, q, aspect);
            // Bounded: points lie within ±10 panels, so at most a few
            // hundred thousand samples even for a tiny eraser.
            let n = ((length / step).ceil() as usize).min(100_000);
            for k in 1..n {
                let t = k as f32 / n as f32;
                out.push(RawPoint {
                    x: q.x + (p.x - q.x) * t,
                    y: q.y + (p.y - q.y) * t,
                    pressure: q.pressure + (p.pressure - q.pressure) * t,
                });
            }
        }
        out.push(p);
    }
    out
}

/// The last point from `outside` towards `inside` that is still outside the
/// eraser (bisection; a few steps are finer than the quantisation).
fn edge_point(
    outside: RawPoint,
    inside: RawPoint,
    is_inside: &impl Fn(RawPoint) -> bool,
) -> RawPoint {
    let lerp = |t: f32| RawPoint {
        x: outside.x + (inside.x - outside.x) * t,
        y: outside.y + (inside.y - outside.y) * t,
        pressure: outside.pressure + (inside.pressure - outside.pressure) * t,
    };
    let (mut lo, mut hi) = (0.0f32, 1.0f32);
    for _ in 0..12 {
        let mid = (lo + hi) / 2.0;
        if is_inside(lerp(mid)) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    lerp(lo)
}

/// Mirror a stroke left to right (x → 1 − x).
pub fn mirrored(stroke: &Stroke) -> Stroke {
    Stroke {
        points: stroke
            .points
            .iter()
            .map(|p| StrokePoint {
                x: crate::model::POINT_SCALE as i32 - p.x,
                ..*p
            })
            .collect(),
        ..stroke.clone()
    }
}

/// Follows the pointer with a lag, which irons out hand tremor: 0 follows
/// exactly, values near 1 trail far behind.
#[derive(Clone, Copy, Debug)]
pub struct Stabiliser {
    at: RawPoint,
    amount: f32,
}

impl Stabiliser {
    pub fn new(start: RawPoint, amount: f32) -> Self {
        Self {
            at: start,
            amount: amount.clamp(0.0, 0.95),
        }
    }

    pub fn follow(&mut self, target: RawPoint) -> RawPoint {
        let k = 1.0 - self.amount;
        self.at = RawPoint {
            x: self.at.x + (target.x - self.at.x) * k,
            y: self.at.y + (target.y - self.at.y) * k,
            pressure: self.at.pressure + (target.pressure - self.at.pressure) * k,
        };
        self.at
    }
}

/// The pen's width factor for a pointer speed (panel heights per second):
/// fast strokes thin out like a real nib, down to 35 %.
pub fn speed_pressure(speed: f32) -> f32 {
    if speed.is_finite() {
        (1.0 - speed * 0.25).clamp(0.35, 1.0)
    } else {
        0.35
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Layer, Rgba};

    fn p(x: f32, y: f32) -> RawPoint {
        RawPoint {
            x,
            y,
            pressure: 1.0,
        }
    }

    fn stroke(tool: Tool, points: &[(f32, f32)]) -> Stroke {
        Stroke {
            tool,
            layer: Layer::Sketch,
            color: Rgba::BLACK,
            width: 0.004,
            opacity: 1.0,
            points: points
                .iter()
                .map(|&(x, y)| StrokePoint::from_normalised(x, y, 1.0))
                .collect(),
        }
    }

    #[test]
    fn simplify_keeps_corners_and_drops_collinear_samples() {
        let line: Vec<RawPoint> = (0..=50)
            .map(|i| p(0.1 + i as f32 * 0.01, 0.5))
            .chain((1..=20).map(|i| p(0.6, 0.5 + i as f32 * 0.01)))
            .collect();
        let out = simplify(&line, 16.0 / 9.0, SIMPLIFY_TOLERANCE);
        assert_eq!(out.len(), 3);
        assert_eq!(out[1], p(0.6, 0.5));
    }

    #[test]
    fn simplify_keeps_a_curve_within_tolerance() {
        let arc: Vec<RawPoint> = (0..=100)
            .map(|i| {
                let a = i as f32 / 100.0 * std::f32::consts::PI;
                p(0.5 + 0.2 * a.cos(), 0.5 + 0.2 * a.sin())
            })
            .collect();
        let out = simplify(&arc, 1.0, SIMPLIFY_TOLERANCE);
        assert!(out.len() > 10 && out.len() < 60, "{} points", out.len());
        for q in &arc {
            let d = out
                .windows(2)
                .map(|w| segment_distance(*q, w[0], w[1], 1.0))
                .fold(f32::MAX, f32::min);
            assert!(d <= SIMPLIFY_TOLERANCE * 1.01);
        }
    }

    #[test]
    fn eraser_touches_only_strokes_it_crosses() {
        let aspect = 16.0 / 9.0;
        let near = stroke(Tool::Pen, &[(0.1, 0.1), (0.9, 0.1)]);
        let far = stroke(Tool::Pen, &[(0.1, 0.9), (0.9, 0.9)]);
        let (a, b) = (p(0.5, 0.0), p(0.5, 0.2));
        assert!(touches(&near, a, b, 0.01, aspect));
        assert!(!touches(&far, a, b, 0.01, aspect));
        let rect = stroke(Tool::Rect, &[(0.2, 0.2), (0.8, 0.8)]);
        assert!(!touches(&rect, p(0.5, 0.5), p(0.5, 0.5), 0.01, aspect));
        assert!(touches(&rect, p(0.5, 0.19), p(0.5, 0.19), 0.01, aspect));
    }

    #[test]
    fn partial_eraser_splits_a_line_in_two_at_the_eraser_edge() {
        let line: Vec<(f32, f32)> = (0..=10).map(|i| (i as f32 * 0.1, 0.5)).collect();
        let s = stroke(Tool::Pen, &line);
        let pieces = split(&s, p(0.5, 0.5), p(0.5, 0.5), 0.05, 1.0);
        assert_eq!(pieces.len(), 2);
        let left_end = pieces[0]
            .points
            .last()
            .map(|q| q.normalised().0)
            .unwrap_or(0.0);
        let right_start = pieces[1].points[0].normalised().0;
        assert!((left_end - 0.448).abs() < 0.003, "{left_end}");
        assert!((right_start - 0.552).abs() < 0.003, "{right_start}");
    }

    #[test]
    fn mirroring_flips_x_only() {
        let s = stroke(Tool::Line, &[(0.25, 0.1), (1.0, 0.6)]);
        let m = mirrored(&s);
        assert_eq!(m.points[0].x, 7500);
        assert_eq!(m.points[1].x, 0);
        assert_eq!(m.points[1].y, s.points[1].y);
        assert_eq!(mirrored(&m), s);
    }

    #[test]
    fn pen_thins_with_speed() {
        assert_eq!(speed_pressure(0.0), 1.0);
        assert!(speed_pressure(2.0) < speed_pressure(1.0));
        assert_eq!(speed_pressure(f32::INFINITY), 0.35);
    }
}
