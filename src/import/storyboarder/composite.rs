//! Flattening a Storyboarder board's layer PNGs into one frame image, the
//! way Storyboarder's own exporter does: a white canvas, then each layer
//! drawn over it in a fixed order, scaled to the canvas, with its opacity.

use std::io::Cursor;

use image::codecs::png::{PngDecoder, PngEncoder};
use image::{DynamicImage, ImageEncoder, Limits, Rgba, RgbaImage, imageops};

/// Storyboarder's layer stack, bottom to top (its
/// `boardOrderedLayerFilenames`). Onion skin, guides and the composite are
/// view-only layers and are never saved.
pub const LAYER_ORDER: [&str; 7] = [
    "shot-generator",
    "reference",
    "fill",
    "tone",
    "pencil",
    "ink",
    "notes",
];

/// The layers a board is drawn on; a board that has none of them is from a
/// Storyboarder version that kept the drawing in the board's own `url`.
pub const DRAWING_LAYERS: [&str; 4] = ["fill", "tone", "pencil", "ink"];

/// Storyboarder draws the reference layer at this opacity when the project
/// does not say otherwise.
pub const DEFAULT_REFERENCE_OPACITY: f32 = 0.75;

/// No side of a layer image may be larger than this: Storyboarder boards are
/// 900 pixels high at most a few times over, so anything bigger is a broken
/// or hostile file, refused before its pixels are allocated.
pub const MAX_SIDE: u32 = 8192;

/// Decode a PNG layer, refusing absurd dimensions before allocating.
pub fn decode_png(bytes: &[u8]) -> Result<RgbaImage, String> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(u64::from(MAX_SIDE) * u64::from(MAX_SIDE) * 4);
    let decoder = PngDecoder::with_limits(Cursor::new(bytes), limits).map_err(|e| e.to_string())?;
    let image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    Ok(image.into_rgba8())
}

/// Draw `layers` (bottom first, each with an opacity in 0..=1) over a white
/// canvas the size of the first layer. `None` when there are no layers.
pub fn flatten(layers: &[(RgbaImage, f32)]) -> Option<RgbaImage> {
    let (first, _) = layers.first()?;
    let (width, height) = first.dimensions();
    let mut canvas = RgbaImage::from_pixel(width, height, Rgba([255, 255, 255, 255]));
    for (layer, opacity) in layers {
        let scaled;
        let layer = if layer.dimensions() == (width, height) {
            layer
        } else {
            scaled = imageops::resize(layer, width, height, imageops::FilterType::Triangle);
            &scaled
        };
        let opacity = opacity.clamp(0.0, 1.0);
        for (dst, src) in canvas.pixels_mut().zip(layer.pixels()) {
            let alpha = f32::from(src[3]) / 255.0 * opacity;
            if alpha <= 0.0 {
                continue;
            }
            for c in 0..3 {
                let blended = f32::from(src[c]) * alpha + f32::from(dst[c]) * (1.0 - alpha);
                dst[c] = blended.round().clamp(0.0, 255.0) as u8;
            }
        }
    }
    Some(canvas)
}

/// Encode a frame as PNG bytes.
pub fn encode_png(image: &RgbaImage) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    PngEncoder::new(&mut bytes)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|e| e.to_string())?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn solid(w: u32, h: u32, px: [u8; 4]) -> RgbaImage {
        RgbaImage::from_pixel(w, h, Rgba(px))
    }

    #[test]
    fn layers_blend_over_white_with_their_opacity() {
        let red = solid(4, 2, [255, 0, 0, 255]);
        let clear = solid(4, 2, [0, 0, 0, 0]);
        let frame = flatten(&[(red, 0.5), (clear, 1.0)]).unwrap();
        assert_eq!(frame.dimensions(), (4, 2));
        assert_eq!(frame.get_pixel(0, 0).0, [255, 128, 128, 255]);
    }

    #[test]
    fn upper_layers_cover_lower_ones_and_are_scaled_to_the_canvas() {
        let blue = solid(4, 2, [0, 0, 255, 255]);
        let black_small = solid(2, 1, [0, 0, 0, 255]);
        let frame = flatten(&[(blue, 1.0), (black_small, 1.0)]).unwrap();
        assert_eq!(frame.dimensions(), (4, 2));
        assert_eq!(frame.get_pixel(3, 1).0, [0, 0, 0, 255]);
    }

    #[test]
    fn no_layers_means_no_frame() {
        assert!(flatten(&[]).is_none());
    }

    #[test]
    fn png_round_trips_and_garbage_is_refused() {
        let image = solid(3, 2, [10, 20, 30, 255]);
        let bytes = encode_png(&image).unwrap();
        assert_eq!(decode_png(&bytes).unwrap(), image);
        assert!(decode_png(b"not a png").is_err());
    }

    /// CRC-32 (IEEE) as PNG chunks use it.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn absurd_dimensions_are_refused_before_decoding() {
        // A real PNG whose header (with a valid checksum) claims
        // 100000 x 100000 pixels: 40 GB if it were allocated.
        let image = solid(1, 1, [0, 0, 0, 255]);
        let mut bytes = encode_png(&image).unwrap();
        bytes[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        let err = decode_png(&bytes).unwrap_err();
        assert!(err.to_lowercase().contains("limit"), "{err}");
    }
}
