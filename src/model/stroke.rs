//! Vector sketch strokes, stored in the board so it stays diffable and
//! renders sharp at any size.
//!
//! Points are in panel-normalised coordinates quantised to 1/10,000 of the
//! panel's width and height (x = 0 left, 1 right; y = 0 top, 1 bottom), with
//! a pressure byte. A stroke's points serialize as one compact string
//! (`"x,y,p x,y,p …"`), so a stroke is a single line in the RON file.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Quantisation steps per panel width/height.
pub const POINT_SCALE: f32 = 10_000.0;

/// The drawing tool a stroke was made with; it decides how it renders.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tool {
    /// Thin, light line.
    Pencil,
    /// Solid line whose width follows speed or pressure.
    #[default]
    Pen,
    /// Wide, soft line.
    Brush,
    /// Straight line between the first and last point.
    Line,
    /// Straight line with an arrow head at the last point.
    Arrow,
    /// A camera frame rectangle (dashed) spanning the first and last point.
    Frame,
    /// An unfilled box spanning the first and last point.
    Rect,
    /// An unfilled ellipse inside the box of the first and last point.
    Ellipse,
}

/// The layer a stroke lives on; layers draw bottom to top in this order.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Layer {
    Reference,
    #[default]
    Sketch,
    Ink,
    Annotation,
}

impl Layer {
    pub const ALL: [Self; 4] = [Self::Reference, Self::Sketch, Self::Ink, Self::Annotation];

    pub fn label(self) -> &'static str {
        match self {
            Self::Reference => "Reference",
            Self::Sketch => "Sketch",
            Self::Ink => "Ink",
            Self::Annotation => "Annotation",
        }
    }
}

/// An sRGB colour with alpha, written as `"#rrggbbaa"` in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    pub const BLACK: Self = Self([0x1a, 0x1a, 0x1a, 0xff]);
    pub const GREY: Self = Self([0x80, 0x80, 0x80, 0xff]);
    pub const BLUE: Self = Self([0x1f, 0x5f, 0xd1, 0xff]);
    pub const RED: Self = Self([0xd0, 0x21, 0x21, 0xff]);

    pub fn to_hex(self) -> String {
        let [r, g, b, a] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}{a:02x}")
    }

    pub fn from_hex(s: &str) -> Option<Self> {
        let hex = s.strip_prefix('#')?;
        if !(hex.len() == 6 || hex.len() == 8) || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        let a = if hex.len() == 8 { byte(6)? } else { 255 };
        Some(Self([byte(0)?, byte(2)?, byte(4)?, a]))
    }
}

impl Default for Rgba {
    fn default() -> Self {
        Self::BLACK
    }
}

impl Serialize for Rgba {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Rgba {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::from_hex(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid colour {s:?}, expected #rrggbb or #rrggbbaa"
            ))
        })
    }
}

/// One quantised sample of a stroke.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StrokePoint {
    /// Horizontal position in 1/10,000 of the panel width.
    pub x: i32,
    /// Vertical position in 1/10,000 of the panel height.
    pub y: i32,
    /// Pen pressure 0–255 (255 when the device reports none).
    pub pressure: u8,
}

impl StrokePoint {
    /// Quantise a normalised position (0..1) and a pressure (0..1).
    pub fn from_normalised(x: f32, y: f32, pressure: f32) -> Self {
        Self {
            x: (x * POINT_SCALE).round() as i32,
            y: (y * POINT_SCALE).round() as i32,
            pressure: (pressure.clamp(0.0, 1.0) * 255.0).round() as u8,
        }
    }

    /// Position in panel-normalised units (0..1).
    pub fn normalised(self) -> (f32, f32) {
        (self.x as f32 / POINT_SCALE, self.y as f32 / POINT_SCALE)
    }

    pub fn pressure_f32(self) -> f32 {
        f32::from(self.pressure) / 255.0
    }
}

/// Strokes further than this outside the panel (in quantised units) are
/// refused on load: they could only come from a corrupt or hostile file.
const POINT_LIMIT: i32 = 10 * POINT_SCALE as i32;

fn points_to_string(points: &[StrokePoint]) -> String {
    let mut out = String::with_capacity(points.len() * 14);
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        use std::fmt::Write as _;
        let _ = write!(out, "{},{},{}", p.x, p.y, p.pressure);
    }
    out
}

fn points_from_str(s: &str) -> Result<Vec<StrokePoint>, String> {
    s.split_ascii_whitespace()
        .map(|triple| {
            let mut it = triple.split(',');
            let mut next_i32 = || -> Result<i32, String> {
                let v: i32 = it
                    .next()
                    .ok_or_else(|| format!("stroke point {triple:?} needs x,y,pressure"))?
                    .parse()
                    .map_err(|_| format!("stroke point {triple:?} is not x,y,pressure"))?;
                Ok(v)
            };
            let x = next_i32()?;
            let y = next_i32()?;
            let p = next_i32()?;
            if it.next().is_some() {
                return Err(format!("stroke point {triple:?} has too many numbers"));
            }
            if x.abs() > POINT_LIMIT || y.abs() > POINT_LIMIT {
                return Err(format!(
                    "stroke point {triple:?} lies far outside the panel"
                ));
            }
            let pressure = u8::try_from(p)
                .map_err(|_| format!("stroke point {triple:?}: pressure must be 0-255"))?;
            Ok(StrokePoint { x, y, pressure })
        })
        .collect()
}

mod points_serde {
    use super::*;

    pub fn serialize<S: Serializer>(points: &[StrokePoint], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&points_to_string(points))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<StrokePoint>, D::Error> {
        let s = String::deserialize(d)?;
        points_from_str(&s).map_err(serde::de::Error::custom)
    }
}

/// One sketch stroke.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stroke {
    pub tool: Tool,
    pub layer: Layer,
    pub color: Rgba,
    /// Nominal width as a fraction of the panel height (0.004 ≈ 4 px on a
    /// 1080-high frame).
    pub width: f32,
    /// 0 (invisible) to 1 (opaque).
    pub opacity: f32,
    #[serde(with = "points_serde")]
    pub points: Vec<StrokePoint>,
}

impl Stroke {
    /// Bounding box in normalised units `(min_x, min_y, max_x, max_y)`.
    pub fn bounds(&self) -> Option<(f32, f32, f32, f32)> {
        let first = self.points.first()?.normalised();
        Some(self.points.iter().fold(
            (first.0, first.1, first.0, first.1),
            |(x0, y0, x1, y1), p| {
                let (x, y) = p.normalised();
                (x0.min(x), y0.min(y), x1.max(x), y1.max(y))
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_round_trip_through_compact_string() {
        let points = vec![
            StrokePoint {
                x: 0,
                y: 10_000,
                pressure: 255,
            },
            StrokePoint {
                x: -12,
                y: 5003,
                pressure: 0,
            },
        ];
        let s = points_to_string(&points);
        assert_eq!(s, "0,10000,255 -12,5003,0");
        assert_eq!(points_from_str(&s).unwrap(), points);
    }

    #[test]
    fn malformed_points_are_refused_with_a_reason() {
        assert!(points_from_str("1,2").unwrap_err().contains("x,y,pressure"));
        assert!(points_from_str("1,2,300").unwrap_err().contains("pressure"));
        assert!(points_from_str("1,2,3,4").unwrap_err().contains("too many"));
        assert!(
            points_from_str("999999999,2,3")
                .unwrap_err()
                .contains("outside")
        );
    }

    #[test]
    fn colours_parse_from_hex() {
        assert_eq!(Rgba::from_hex("#ff000080"), Some(Rgba([255, 0, 0, 128])));
        assert_eq!(Rgba::from_hex("#00ff00"), Some(Rgba([0, 255, 0, 255])));
        assert_eq!(Rgba::from_hex("red"), None);
        assert_eq!(Rgba::from_hex("#ééé"), None);
        assert_eq!(Rgba::BLUE.to_hex(), "#1f5fd1ff");
    }
}
