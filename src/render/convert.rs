//! Conversions between `image::RgbaImage` (straight alpha) and tiny-skia's
//! `Pixmap` (premultiplied alpha).
//!
//! Getting this wrong shows up as dark fringes around every soft or
//! semi-transparent edge, so it lives in one place.

use image::RgbaImage;
use tiny_skia::{IntSize, Pixmap};

/// Premultiply a straight-alpha image into a new pixmap.
///
/// Returns `None` for an image with a zero side, which tiny-skia cannot hold.
pub fn image_to_pixmap(image: &RgbaImage) -> Option<Pixmap> {
    let size = IntSize::from_wh(image.width(), image.height())?;
    let mut data = image.as_raw().clone();
    for px in data.chunks_exact_mut(4) {
        let a = px[3];
        if a != 255 {
            for c in &mut px[..3] {
                *c = premultiply(*c, a);
            }
        }
    }
    Pixmap::from_vec(data, size)
}

/// Demultiply a pixmap into a straight-alpha image, reusing its buffer.
///
/// The per-pixel work runs inside tiny-skia, which is optimised even in dev
/// builds.
pub fn pixmap_to_image(pixmap: Pixmap) -> RgbaImage {
    let (w, h) = (pixmap.width(), pixmap.height());
    // The buffer has exactly width × height × 4 bytes, so this cannot fail;
    // the fallback keeps the function total without a panic path.
    RgbaImage::from_raw(w, h, pixmap.take_demultiplied()).unwrap_or_else(|| RgbaImage::new(w, h))
}

/// `c × a / 255`, rounded to nearest.
fn premultiply(c: u8, a: u8) -> u8 {
    ((u16::from(c) * u16::from(a) + 127) / 255) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_opaque_pixels_exact_and_translucent_ones_close() {
        let mut img = RgbaImage::new(3, 1);
        img.put_pixel(0, 0, image::Rgba([10, 200, 30, 255]));
        img.put_pixel(1, 0, image::Rgba([200, 100, 50, 128]));
        img.put_pixel(2, 0, image::Rgba([255, 255, 255, 0]));
        let pixmap = image_to_pixmap(&img).unwrap();
        assert_eq!(pixmap.pixel(1, 0).unwrap().red(), 100, "premultiplied");
        let back = pixmap_to_image(pixmap);
        assert_eq!(back.get_pixel(0, 0).0, [10, 200, 30, 255]);
        let [r, g, b, a] = back.get_pixel(1, 0).0;
        assert_eq!(a, 128);
        assert!(r.abs_diff(200) <= 2 && g.abs_diff(100) <= 2 && b.abs_diff(50) <= 2);
        assert_eq!(back.get_pixel(2, 0).0[3], 0);
    }

    #[test]
    fn empty_image_has_no_pixmap() {
        assert!(image_to_pixmap(&RgbaImage::new(0, 5)).is_none());
    }
}
