//! The frame image under the strokes: fitted with letterbox bars, or the
//! "missing image" placeholder.
//!
//! Images are fitted by *contain*, never *cover*: a storyboard frame is a
//! composition someone chose, and cropping it silently (a character's head,
//! a sign at the edge) would make the card, the PDF and the animatic lie
//! about it. Neutral bars make a wrong aspect ratio visible instead, so the
//! artist can fix the image rather than discover a crop in the edit.

use image::RgbaImage;
use tiny_skia::{FilterQuality, Paint, PathBuilder, PixmapMut, PixmapPaint, Rect, Transform};

use super::convert::image_to_pixmap;
use crate::model::Rgba;

/// Grey of the missing-image placeholder, and of its cross.
const MISSING_FILL: Rgba = Rgba([0xb4, 0xb4, 0xb4, 0xff]);
const MISSING_CROSS: Rgba = Rgba([0x6e, 0x6e, 0x6e, 0xff]);

/// Where a `src_w × src_h` image lands inside a `dst_w × dst_h` frame when
/// fitted by *contain*: `(x, y, width, height)` in whole pixels, centred.
pub fn contain_rect(src_w: u32, src_h: u32, dst_w: u32, dst_h: u32) -> (u32, u32, u32, u32) {
    if src_w == 0 || src_h == 0 || dst_w == 0 || dst_h == 0 {
        return (0, 0, dst_w, dst_h);
    }
    let scale = (f64::from(dst_w) / f64::from(src_w)).min(f64::from(dst_h) / f64::from(src_h));
    let w = ((f64::from(src_w) * scale).round() as u32).clamp(1, dst_w);
    let h = ((f64::from(src_h) * scale).round() as u32).clamp(1, dst_h);
    ((dst_w - w) / 2, (dst_h - h) / 2, w, h)
}

pub(super) fn paint_for(color: Rgba, opacity: f32) -> Paint<'static> {
    let [r, g, b, a] = color.0;
    let mut paint = Paint::default();
    let mut c = tiny_skia::Color::from_rgba8(r, g, b, a);
    c.apply_opacity(opacity);
    paint.set_color(c);
    paint
}

/// Draw `image` fitted into the whole pixmap with `bars` around it.
///
/// Large downscales go through an area-averaging resize first: a bilinear
/// sample of a 1920-wide frame into a 240-wide thumbnail would alias badly.
pub fn draw_image(
    pixmap: &mut PixmapMut<'_>,
    image: &RgbaImage,
    bars: Rgba,
    opacity: f32,
    flip: Transform,
) {
    let (fw, fh) = (pixmap.width(), pixmap.height());
    let (x, y, w, h) = contain_rect(image.width(), image.height(), fw, fh);

    let bar_paint = paint_for(bars, opacity);
    let bar_rects = [
        (0, 0, fw, y),
        (0, y + h, fw, fh - y - h),
        (0, y, x, h),
        (x + w, y, fw - x - w, h),
    ];
    for (bx, by, bw, bh) in bar_rects {
        if bw > 0
            && bh > 0
            && let Some(rect) = Rect::from_xywh(bx as f32, by as f32, bw as f32, bh as f32)
        {
            pixmap.fill_rect(rect, &bar_paint, flip, None);
        }
    }

    let shrinks_a_lot =
        image.width() >= w.saturating_mul(2) || image.height() >= h.saturating_mul(2);
    let resized;
    let source = if shrinks_a_lot {
        resized = image::imageops::thumbnail(image, w, h);
        &resized
    } else {
        image
    };
    let Some(src) = image_to_pixmap(source) else {
        return;
    };
    let placement = Transform::from_row(
        w as f32 / src.width() as f32,
        0.0,
        0.0,
        h as f32 / src.height() as f32,
        x as f32,
        y as f32,
    );
    let paint = PixmapPaint {
        opacity: opacity.clamp(0.0, 1.0),
        quality: if src.width() == w && src.height() == h {
            FilterQuality::Nearest
        } else {
            FilterQuality::Bilinear
        },
        ..PixmapPaint::default()
    };
    pixmap.draw_pixmap(0, 0, src.as_ref(), &paint, flip.pre_concat(placement), None);
}

/// The placeholder for an image that could not be loaded: grey with a
/// diagonal cross, the same on cards, in the editor and in every export.
pub fn draw_missing(pixmap: &mut PixmapMut<'_>, opacity: f32) {
    let (w, h) = (pixmap.width() as f32, pixmap.height() as f32);
    if let Some(rect) = Rect::from_xywh(0.0, 0.0, w, h) {
        pixmap.fill_rect(
            rect,
            &paint_for(MISSING_FILL, opacity),
            Transform::identity(),
            None,
        );
    }
    let mut pb = PathBuilder::new();
    pb.move_to(0.0, 0.0);
    pb.line_to(w, h);
    pb.move_to(w, 0.0);
    pb.line_to(0.0, h);
    if let Some(path) = pb.finish() {
        let stroke = tiny_skia::Stroke {
            width: (h / 90.0).max(1.5),
            ..tiny_skia::Stroke::default()
        };
        pixmap.stroke_path(
            &path,
            &paint_for(MISSING_CROSS, opacity),
            &stroke,
            Transform::identity(),
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contain_centres_with_bars_on_the_short_axis() {
        // A 4:3 image in a 16:9 frame: pillar-boxed.
        assert_eq!(contain_rect(400, 300, 160, 90), (20, 0, 120, 90));
        // A 2.39 image in a 16:9 frame: letter-boxed.
        assert_eq!(contain_rect(239, 100, 160, 90), (0, 11, 160, 67));
        assert_eq!(contain_rect(0, 100, 160, 90), (0, 0, 160, 90));
    }
}
