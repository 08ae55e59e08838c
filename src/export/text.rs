//! The embedded font, text measurement and word-wrap, and raster text.
//!
//! DejaVu Sans (free licence, see `assets/fonts/DejaVu-LICENSE.txt`) covers
//! accented Latin, Greek and Cyrillic. PDF pages and raster images measure
//! with the same metrics, so a line wraps the same way in both.

use std::sync::OnceLock;

use ab_glyph::{Font as _, FontRef, GlyphId, PxScale, point};
use image::{Rgba, RgbaImage};

pub(crate) static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The two faces every export uses.
pub(crate) struct Fonts {
    pub regular: FontRef<'static>,
    pub bold: FontRef<'static>,
}

/// The parsed embedded fonts, or `None` if they are unreadable (which would
/// be a broken build, reported as an export error rather than a panic).
pub(crate) fn fonts() -> Option<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Some(Fonts {
                regular: FontRef::try_from_slice(REGULAR_TTF).ok()?,
                bold: FontRef::try_from_slice(BOLD_TTF).ok()?,
            })
        })
        .as_ref()
}

fn units_per_em(font: &FontRef<'_>) -> f32 {
    font.units_per_em().unwrap_or(2048.0)
}

/// Width of `text` set at `size` (em size, any unit: PDF points or pixels).
pub(crate) fn width(font: &FontRef<'_>, size: f32, text: &str) -> f32 {
    let mut total = 0.0;
    let mut previous: Option<GlyphId> = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = previous {
            total += font.kern_unscaled(p, id);
        }
        total += font.h_advance_unscaled(id);
        previous = Some(id);
    }
    total * size / units_per_em(font)
}

/// Ascent (above the baseline) of `font` at `size`.
pub(crate) fn ascent(font: &FontRef<'_>, size: f32) -> f32 {
    font.ascent_unscaled() * size / units_per_em(font)
}

/// Greedy word-wrap to `max_width`, keeping explicit line breaks; a word
/// longer than a line is broken between characters.
pub(crate) fn wrap(font: &FontRef<'_>, size: f32, text: &str, max_width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let paragraph = clean(paragraph);
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if width(font, size, &candidate) <= max_width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: break it if it cannot fit on a line.
            for c in word.chars() {
                line.push(c);
                if line.chars().count() > 1 && width(font, size, &line) > max_width {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// `text` shortened with an ellipsis to fit `max_width`. Linear in the
/// text's length, so a pasted novel in a field costs nothing.
pub(crate) fn ellipsize(font: &FontRef<'_>, size: f32, text: &str, max_width: f32) -> String {
    let text = clean(text);
    if width(font, size, &text) <= max_width {
        return text;
    }
    let room = max_width - width(font, size, "…");
    let scale = size / units_per_em(font);
    let mut used = 0.0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        used += font.h_advance_unscaled(font.glyph_id(c)) * scale;
        if used > room {
            break;
        }
        end = i + c.len_utf8();
    }
    // Kerning can make the prefix a little wider than summed advances.
    let mut prefix = text[..end].trim_end().to_owned();
    while !prefix.is_empty() && width(font, size, &prefix) > room {
        prefix.pop();
    }
    if prefix.is_empty() && room < 0.0 {
        return String::new();
    }
    format!("{}…", prefix.trim_end())
}

/// Text without control characters (tabs become spaces), which fonts draw
/// as boxes.
fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Draw one line of text onto `img` with its top-left at (`x`, `top`),
/// anti-aliased, at em size `size` pixels.
pub(crate) fn draw(
    img: &mut RgbaImage,
    font: &FontRef<'_>,
    size: f32,
    x: f32,
    top: f32,
    text: &str,
    colour: Rgba<u8>,
) {
    let upem = units_per_em(font);
    // ab_glyph scales by ascent-minus-descent; convert from em size.
    let scale = PxScale::from(size * font.height_unscaled() / upem);
    let baseline = top + ascent(font, size);
    let mut caret = x;
    let mut previous: Option<GlyphId> = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = previous {
            caret += font.kern_unscaled(p, id) * size / upem;
        }
        let glyph = id.with_scale_and_position(scale, point(caret, baseline));
        caret += font.h_advance_unscaled(id) * size / upem;
        previous = Some(id);
        let Some(outlined) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outlined.px_bounds();
        outlined.draw(|gx, gy, coverage| {
            let px = bounds.min.x as i64 + i64::from(gx);
            let py = bounds.min.y as i64 + i64::from(gy);
            if px < 0 || py < 0 || px >= i64::from(img.width()) || py >= i64::from(img.height()) {
                return;
            }
            let dst = img.get_pixel_mut(px as u32, py as u32);
            let a = coverage.clamp(0.0, 1.0) * f32::from(colour.0[3]) / 255.0;
            for i in 0..3 {
                let d = f32::from(dst.0[i]);
                dst.0[i] = (d + (f32::from(colour.0[i]) - d) * a).round() as u8;
            }
            dst.0[3] = dst.0[3].max((a * 255.0).round() as u8);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_keeps_line_breaks() {
        let f = &fonts().unwrap().regular;
        let w = width(f, 10.0, "aaaa bbbb");
        let lines = wrap(f, 10.0, "aaaa bbbb cccc\ndd", w + 0.1);
        assert_eq!(lines, ["aaaa bbbb", "cccc", "dd"]);
        for line in wrap(f, 10.0, "Zoë says: the quick brown fox", 60.0) {
            assert!(width(f, 10.0, &line) <= 60.0, "{line}");
        }
        let long = wrap(f, 10.0, "Supercalifragilistic", 30.0);
        assert!(long.len() > 1);
        assert_eq!(long.concat(), "Supercalifragilistic");
    }

    #[test]
    fn ellipsize_fits_the_width() {
        let f = &fonts().unwrap().regular;
        let s = ellipsize(f, 12.0, "A very long line of action text", 50.0);
        assert!(s.ends_with('…'));
        assert!(width(f, 12.0, &s) <= 50.0);
        assert_eq!(ellipsize(f, 12.0, "short", 500.0), "short");
        let huge = "word ".repeat(20_000);
        let s = ellipsize(f, 12.0, &huge, 80.0);
        assert!(s.ends_with('…') && width(f, 12.0, &s) <= 80.0);
    }

    #[test]
    fn control_characters_are_not_drawn() {
        let f = &fonts().unwrap().regular;
        assert_eq!(wrap(f, 10.0, "a\u{7}b\tc", 500.0), ["ab c"]);
        assert_eq!(ellipsize(f, 10.0, "x\u{0}y", 500.0), "xy");
    }

    #[test]
    fn drawn_text_changes_pixels() {
        let f = &fonts().unwrap().regular;
        let mut img = RgbaImage::from_pixel(60, 20, Rgba([255, 255, 255, 255]));
        draw(&mut img, f, 14.0, 2.0, 2.0, "Éa", Rgba([0, 0, 0, 255]));
        assert!(img.pixels().any(|p| p.0[0] < 100));
    }
}
