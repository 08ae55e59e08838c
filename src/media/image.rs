//! Image decoding for import, thumbnails and exports, with limits.
//!
//! Every image a board shows comes from a file a user picked, dropped or
//! pasted, so every image is untrusted: a 40-byte PNG can claim to be
//! 60,000×60,000 pixels and ask for 14 GB. Decoding therefore reads the
//! header first ([`probe`]), refuses sizes beyond [`MAX_SIDE`] and
//! [`MAX_PIXELS`] before allocating, and also hands the decoder an
//! allocation limit as a second line of defence.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder as _, ImageFormat, ImageReader, Limits, RgbaImage};

/// The longest side an image may have, in pixels.
pub const MAX_SIDE: u32 = 16_384;

/// The most pixels an image may have: 100 megapixels, so a 12,000×8,000
/// photo from a high-end camera still imports.
pub const MAX_PIXELS: u64 = 100_000_000;

/// Most memory reading a header may take.
const MAX_HEADER_ALLOC: u64 = 64 << 20;

/// Most memory a decoder may allocate at once: a 100-megapixel RGBA image at
/// 8 bits per channel plus the decoder's working buffers.
const MAX_DECODER_ALLOC: u64 = 1 << 30;

/// The image formats Shotboard imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImageKind {
    Png,
    Jpeg,
    Gif,
    Bmp,
    WebP,
}

impl ImageKind {
    /// Canonical lower-case file extension, used to name stored assets.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Gif => "gif",
            Self::Bmp => "bmp",
            Self::WebP => "webp",
        }
    }

    /// Name for messages ("truncated or corrupt PNG").
    pub fn name(self) -> &'static str {
        match self {
            Self::Png => "PNG",
            Self::Jpeg => "JPEG",
            Self::Gif => "GIF",
            Self::Bmp => "BMP",
            Self::WebP => "WebP",
        }
    }

    fn from_format(format: ImageFormat) -> Option<Self> {
        match format {
            ImageFormat::Png => Some(Self::Png),
            ImageFormat::Jpeg => Some(Self::Jpeg),
            ImageFormat::Gif => Some(Self::Gif),
            ImageFormat::Bmp => Some(Self::Bmp),
            ImageFormat::WebP => Some(Self::WebP),
            _ => None,
        }
    }

    fn format(self) -> ImageFormat {
        match self {
            Self::Png => ImageFormat::Png,
            Self::Jpeg => ImageFormat::Jpeg,
            Self::Gif => ImageFormat::Gif,
            Self::Bmp => ImageFormat::Bmp,
            Self::WebP => ImageFormat::WebP,
        }
    }
}

impl std::fmt::Display for ImageKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What an image's header says, before any pixel is decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageInfo {
    pub kind: ImageKind,
    /// Width as stored, before any EXIF rotation.
    pub width: u32,
    /// Height as stored, before any EXIF rotation.
    pub height: u32,
}

impl ImageInfo {
    /// Refuses images with no pixels or beyond [`MAX_SIDE`] / [`MAX_PIXELS`],
    /// so nothing is allocated for a decompression bomb.
    pub fn check_limits(self) -> Result<Self, ImageError> {
        let Self { width, height, .. } = self;
        if width == 0 || height == 0 {
            return Err(ImageError::Empty { width, height });
        }
        if width > MAX_SIDE || height > MAX_SIDE {
            return Err(ImageError::TooLarge { width, height });
        }
        if u64::from(width) * u64::from(height) > MAX_PIXELS {
            return Err(ImageError::TooManyPixels { width, height });
        }
        Ok(self)
    }
}

/// Why an image could not be read. The messages are written for a user.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    #[error("not an image (or an unsupported format)")]
    NotAnImage,
    #[error("truncated or corrupt {kind}: {reason}")]
    Corrupt { kind: ImageKind, reason: String },
    #[error("unsupported kind of {kind}: {reason}")]
    Unsupported { kind: ImageKind, reason: String },
    #[error("image is {width}×{height} pixels, larger than the {MAX_SIDE}×{MAX_SIDE} limit")]
    TooLarge { width: u32, height: u32 },
    #[error(
        "image is {width}×{height} pixels ({} megapixels), more than the {} megapixel limit",
        u64::from(*width) * u64::from(*height) / 1_000_000,
        MAX_PIXELS / 1_000_000
    )]
    TooManyPixels { width: u32, height: u32 },
    #[error("image has no pixels ({width}×{height})")]
    Empty { width: u32, height: u32 },
    #[error("{kind} image needs more memory to decode than the {} MiB limit", MAX_DECODER_ALLOC >> 20)]
    OutOfMemoryLimit { kind: ImageKind },
}

/// Format and size from the header alone: fast, and allocates nothing big.
///
/// Succeeds for images too large to decode, so callers can report their size.
pub fn probe(bytes: &[u8]) -> Result<ImageInfo, ImageError> {
    let kind = guess_kind(bytes)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.format());
    // No size limits here, so a bomb's claimed size can be reported; the
    // allocation limit still caps metadata a header may carry (a PNG text
    // or colour-profile chunk can inflate enormously).
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_HEADER_ALLOC);
    reader.limits(limits);
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| convert_error(kind, e))?;
    Ok(ImageInfo {
        kind,
        width,
        height,
    })
}

/// Decodes the whole image to RGBA, applying JPEG/WebP EXIF orientation.
/// GIFs give their first frame.
pub fn decode(bytes: &[u8]) -> Result<RgbaImage, ImageError> {
    decode_native(bytes).map(DynamicImage::into_rgba8)
}

/// Proves the whole image decodes, without keeping (or converting) its
/// pixels: what an import needs, at the memory cost of one decode.
pub fn verify(bytes: &[u8]) -> Result<ImageInfo, ImageError> {
    let info = probe(bytes)?;
    decode_native(bytes)?;
    Ok(info)
}

/// The decoded image in the pixel format the file stores (RGB for a
/// photo), oriented.
fn decode_native(bytes: &[u8]) -> Result<DynamicImage, ImageError> {
    let info = probe(bytes)?.check_limits()?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), info.kind.format());
    reader.limits(decode_limits());
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| convert_error(info.kind, e))?;
    // A broken EXIF block must not cost the user their picture.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| convert_error(info.kind, e))?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// Decodes and shrinks so the longer side is at most `max_side` pixels
/// (aspect ratio kept; smaller images are returned at their own size).
///
/// A big photo is shrunk in its own pixel format and only the small result
/// becomes RGBA, so a 96-megapixel JPEG never needs a full RGBA copy.
///
/// A JPEG is decoded with a scaled inverse DCT (1/2, 1/4 or 1/8 of its
/// size, the smallest that still covers the target), so a thumbnail costs
/// the entropy decoding and little else: most of a full decode's time goes
/// into the IDCT, colour conversion and resampling of pixels a thumbnail
/// throws away.
pub fn decode_thumbnail(bytes: &[u8], max_side: u32) -> Result<RgbaImage, ImageError> {
    let max_side = max_side.max(1);
    let info = probe(bytes)?.check_limits()?;
    let image = match info.kind {
        ImageKind::Jpeg => match decode_jpeg_scaled(bytes, info, max_side) {
            Some(image) => image,
            // A JPEG the scaling decoder can't read (arithmetic coding, an
            // odd layout) still gets the full decoder's verdict.
            None => decode_native(bytes)?,
        },
        _ => decode_native(bytes)?,
    };
    Ok(shrink(image, max_side))
}

/// Fit `(w, h)` within `max_side` on its longer side, aspect kept.
fn fit(w: u32, h: u32, max_side: u32) -> (u32, u32) {
    if w <= max_side && h <= max_side {
        return (w, h);
    }
    let scale = f64::from(max_side) / f64::from(w.max(h));
    let tw = ((f64::from(w) * scale).round() as u32).clamp(1, max_side);
    let th = ((f64::from(h) * scale).round() as u32).clamp(1, max_side);
    (tw, th)
}

/// The JPEG decoded at the smallest DCT scale that still covers
/// `max_side`, oriented; `None` when no scaling applies or this decoder
/// can't read it (the caller falls back to the full decoder, which is
/// faster at full size and gives the error message).
fn decode_jpeg_scaled(bytes: &[u8], info: ImageInfo, max_side: u32) -> Option<DynamicImage> {
    let (tw, th) = fit(info.width, info.height, max_side);
    if tw * 2 > info.width && th * 2 > info.height {
        // No DCT scaling applies (it halves at least): the full decoder is
        // the faster one at full size.
        return None;
    }
    let decoded = std::panic::catch_unwind(|| {
        let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
        decoder.set_max_decoding_buffer_size(MAX_DECODER_ALLOC as usize);
        let (w, h) = decoder
            .scale(
                u16::try_from(tw).ok()?.max(1),
                u16::try_from(th).ok()?.max(1),
            )
            .ok()?;
        let pixels = decoder.decode().ok()?;
        let orientation = decoder
            .exif_data()
            .and_then(image::metadata::Orientation::from_exif_chunk)
            .unwrap_or(image::metadata::Orientation::NoTransforms);
        Some((u32::from(w), u32::from(h), pixels, orientation))
    })
    .ok()
    .flatten()?;
    let (w, h, pixels, orientation) = decoded;
    let count = (w as usize).checked_mul(h as usize)?;
    let mut image = match pixels.len().checked_div(count)? {
        1 => DynamicImage::ImageLuma8(image::GrayImage::from_raw(w, h, pixels)?),
        3 => DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, pixels)?),
        // 16-bit greyscale and CMYK are rare in frames: the full decoder.
        _ => return None,
    };
    image.apply_orientation(orientation);
    Some(image)
}

/// Shrink (area-averaging) so the longer side is at most `max_side`.
fn shrink(image: DynamicImage, max_side: u32) -> RgbaImage {
    let (w, h) = (image.width(), image.height());
    let (tw, th) = fit(w, h, max_side);
    if (tw, th) == (w, h) {
        return image.into_rgba8();
    }
    use image::imageops::thumbnail;
    let small = match &image {
        DynamicImage::ImageRgb8(i) => DynamicImage::ImageRgb8(thumbnail(i, tw, th)),
        DynamicImage::ImageLuma8(i) => DynamicImage::ImageLuma8(thumbnail(i, tw, th)),
        DynamicImage::ImageRgba8(i) => DynamicImage::ImageRgba8(thumbnail(i, tw, th)),
        other => DynamicImage::ImageRgba8(thumbnail(&other.to_rgba8(), tw, th)),
    };
    small.into_rgba8()
}

/// The pixel size of a JPEG that any PDF reader or video editor shows as
/// it is stored: 8-bit baseline or progressive DCT, greyscale or YCbCr, and
/// upright (no EXIF rotation). `None` for anything else — CMYK,
/// arithmetic-coded, lossless, rotated, or not a JPEG — which must be
/// decoded and re-encoded instead. Reads the headers only.
pub fn plain_jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut at = 2;
    let mut size = None;
    loop {
        // Markers may be padded with extra 0xFF bytes.
        while *bytes.get(at)? == 0xFF && *bytes.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        let len = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        let segment = bytes.get(at + 4..at + 2 + len)?;
        match marker {
            // Baseline, extended sequential, progressive (Huffman).
            0xC0..=0xC2 => {
                let precision = *segment.first()?;
                let height = u16::from_be_bytes([*segment.get(1)?, *segment.get(2)?]);
                let width = u16::from_be_bytes([*segment.get(3)?, *segment.get(4)?]);
                let components = *segment.get(5)?;
                if precision != 8 || !matches!(components, 1 | 3) || width == 0 || height == 0 {
                    return None;
                }
                size = Some((u32::from(width), u32::from(height)));
            }
            // Lossless, hierarchical or arithmetic-coded frames.
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => return None,
            // EXIF: only an upright picture may go through as it is.
            0xE1 if segment.starts_with(b"Exif\0\0") => {
                let orientation = image::metadata::Orientation::from_exif_chunk(&segment[6..]);
                if orientation.is_some_and(|o| o != image::metadata::Orientation::NoTransforms) {
                    return None;
                }
            }
            // Adobe APP14 with a colour transform other than YCbCr (RGB or
            // YCCK stored as is) is read differently by different readers.
            0xEE if segment.starts_with(b"Adobe") && segment.get(11).is_some_and(|&t| t != 1) => {
                return None;
            }
            // Start of scan: every header is read.
            0xDA => return size,
            _ => {}
        }
        at += 2 + len;
    }
}

fn guess_kind(bytes: &[u8]) -> Result<ImageKind, ImageError> {
    image::guess_format(bytes)
        .ok()
        .and_then(ImageKind::from_format)
        .ok_or(ImageError::NotAnImage)
}

fn decode_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODER_ALLOC);
    limits
}

fn convert_error(kind: ImageKind, error: image::ImageError) -> ImageError {
    use image::ImageError as E;
    match error {
        E::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => ImageError::Corrupt {
            kind,
            reason: "the file ends before the image data does".to_owned(),
        },
        E::IoError(e) => ImageError::Corrupt {
            kind,
            reason: e.to_string(),
        },
        E::Decoding(e) => ImageError::Corrupt {
            kind,
            reason: tidy(&e.to_string()),
        },
        E::Unsupported(e) => ImageError::Unsupported {
            kind,
            reason: tidy(&e.to_string()),
        },
        E::Limits(e) => match e.kind() {
            image::error::LimitErrorKind::InsufficientMemory => {
                ImageError::OutOfMemoryLimit { kind }
            }
            _ => ImageError::Corrupt {
                kind,
                reason: e.to_string(),
            },
        },
        E::Parameter(e) => ImageError::Corrupt {
            kind,
            reason: e.to_string(),
        },
        E::Encoding(e) => ImageError::Corrupt {
            kind,
            reason: e.to_string(),
        },
    }
}

/// The decoder's message without the "Format error decoding Png:" prefix
/// that repeats what our own message already says.
fn tidy(message: &str) -> String {
    let message = message.trim();
    message
        .strip_prefix("Format error decoding ")
        .and_then(|rest| rest.split_once(": "))
        .map_or(message, |(_, reason)| reason.trim())
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Frame, Rgba};

    const RED: Rgba<u8> = Rgba([255, 0, 0, 255]);
    const BLUE: Rgba<u8> = Rgba([0, 0, 255, 255]);

    /// 32×16: left half red, right half blue.
    fn halves() -> RgbaImage {
        RgbaImage::from_fn(32, 16, |x, _| if x < 16 { RED } else { BLUE })
    }

    fn encode(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    fn close_to(pixel: Rgba<u8>, want: Rgba<u8>) -> bool {
        pixel.0.iter().zip(want.0).all(|(a, b)| a.abs_diff(b) < 40)
    }

    #[test]
    fn probe_reads_format_and_size_from_the_header() {
        let png = encode(DynamicImage::ImageRgba8(halves()), ImageFormat::Png);
        let info = probe(&png).unwrap();
        assert_eq!(
            (info.kind, info.width, info.height),
            (ImageKind::Png, 32, 16)
        );
        // The header alone is enough.
        assert_eq!(probe(&png[..60]).unwrap(), info);
    }

    #[test]
    fn every_supported_format_decodes() {
        for format in [
            ImageFormat::Png,
            ImageFormat::Jpeg,
            ImageFormat::Gif,
            ImageFormat::Bmp,
            ImageFormat::WebP,
        ] {
            let image = DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(halves()).to_rgb8());
            let decoded = decode(&encode(image, format)).unwrap();
            assert_eq!(decoded.dimensions(), (32, 16), "{format:?}");
            assert!(close_to(*decoded.get_pixel(4, 4), RED), "{format:?}");
            assert!(close_to(*decoded.get_pixel(28, 4), BLUE), "{format:?}");
        }
    }

    /// Puts an EXIF block saying "rotate 90° clockwise" right after the SOI.
    fn with_exif_rotate90(jpeg: &[u8]) -> Vec<u8> {
        let tiff: [u8; 26] = [
            b'M', b'M', 0, 42, 0, 0, 0, 8, // big-endian header, IFD0 at 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, // Orientation = 6
            0, 0, 0, 0, // no next IFD
        ];
        let mut app1 = vec![0xFF, 0xE1, 0, 34];
        app1.extend_from_slice(b"Exif\0\0");
        app1.extend_from_slice(&tiff);
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&app1);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    #[test]
    fn jpeg_exif_orientation_is_applied() {
        let image = DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(halves()).to_rgb8());
        let jpeg = with_exif_rotate90(&encode(image, ImageFormat::Jpeg));
        // The header still says 32×16: that is how the pixels are stored.
        assert_eq!(probe(&jpeg).unwrap().width, 32);
        let decoded = decode(&jpeg).unwrap();
        assert_eq!(decoded.dimensions(), (16, 32));
        // Rotating clockwise brings the left (red) half to the top.
        assert!(close_to(*decoded.get_pixel(8, 4), RED));
        assert!(close_to(*decoded.get_pixel(8, 28), BLUE));
    }

    #[test]
    fn a_gif_gives_its_first_frame() {
        let mut out = Vec::new();
        {
            let mut encoder = image::codecs::gif::GifEncoder::new(&mut out);
            let red = RgbaImage::from_pixel(8, 8, RED);
            let blue = RgbaImage::from_pixel(8, 8, BLUE);
            encoder
                .encode_frames([Frame::new(red), Frame::new(blue)])
                .unwrap();
        }
        let decoded = decode(&out).unwrap();
        assert_eq!(*decoded.get_pixel(3, 3), RED);
    }

    #[test]
    fn thumbnails_keep_the_aspect_ratio_and_never_enlarge() {
        let big = RgbaImage::from_fn(400, 200, |x, _| if x < 200 { RED } else { BLUE });
        let png = encode(DynamicImage::ImageRgba8(big), ImageFormat::Png);
        let thumb = decode_thumbnail(&png, 100).unwrap();
        assert_eq!(thumb.dimensions(), (100, 50));
        assert!(close_to(*thumb.get_pixel(10, 25), RED));
        let small = encode(DynamicImage::ImageRgba8(halves()), ImageFormat::Png);
        assert_eq!(
            decode_thumbnail(&small, 100).unwrap().dimensions(),
            (32, 16)
        );
    }

    /// A 640×360 photo-like JPEG: smooth gradients and a hard edge.
    fn photo_jpeg() -> Vec<u8> {
        let image = image::RgbImage::from_fn(640, 360, |x, y| {
            let edge = if x > 320 { 80 } else { 0 };
            image::Rgb([(x / 3) as u8, (y / 2) as u8, 120 + edge as u8])
        });
        encode(DynamicImage::ImageRgb8(image), ImageFormat::Jpeg)
    }

    fn mean_difference(a: &RgbaImage, b: &RgbaImage) -> f64 {
        assert_eq!(a.dimensions(), b.dimensions());
        let sum: u64 = a
            .as_raw()
            .iter()
            .zip(b.as_raw())
            .map(|(x, y)| u64::from(x.abs_diff(*y)))
            .sum();
        sum as f64 / a.as_raw().len() as f64
    }

    #[test]
    fn a_scaled_jpeg_thumbnail_matches_a_full_decode_shrunk() {
        let jpeg = photo_jpeg();
        for side in [64, 100, 200, 320] {
            let scaled = decode_thumbnail(&jpeg, side).unwrap();
            let full = shrink(decode_native(&jpeg).unwrap(), side);
            assert_eq!(scaled.dimensions(), full.dimensions(), "{side}");
            let diff = mean_difference(&scaled, &full);
            assert!(diff < 3.0, "side {side}: mean difference {diff}");
        }
    }

    #[test]
    fn a_scaled_jpeg_thumbnail_keeps_the_exif_orientation() {
        let image =
            DynamicImage::ImageRgb8(
                DynamicImage::ImageRgba8(RgbaImage::from_fn(64, 32, |x, _| {
                    if x < 32 { RED } else { BLUE }
                }))
                .to_rgb8(),
            );
        let jpeg = with_exif_rotate90(&encode(image, ImageFormat::Jpeg));
        let thumb = decode_thumbnail(&jpeg, 16).unwrap();
        assert_eq!(thumb.dimensions(), (8, 16));
        assert!(close_to(*thumb.get_pixel(4, 2), RED));
        assert!(close_to(*thumb.get_pixel(4, 13), BLUE));
    }

    #[test]
    fn a_broken_jpeg_thumbnail_is_an_error_not_a_panic() {
        let mut jpeg = photo_jpeg();
        // The headers after the start marker wiped out.
        jpeg[4..300].fill(0);
        let err = decode_thumbnail(&jpeg, 100).unwrap_err();
        assert!(err.to_string().contains("JPEG"), "{err}");
    }

    #[test]
    fn plain_jpegs_are_told_from_ones_that_need_decoding() {
        let jpeg = photo_jpeg();
        assert_eq!(plain_jpeg_size(&jpeg), Some((640, 360)));
        // Rotated by EXIF: a reader would show it sideways.
        assert_eq!(plain_jpeg_size(&with_exif_rotate90(&jpeg)), None);
        let png = encode(DynamicImage::ImageRgba8(halves()), ImageFormat::Png);
        assert_eq!(plain_jpeg_size(&png), None);
        assert_eq!(plain_jpeg_size(&jpeg[..20]), None, "headers cut short");
        assert_eq!(plain_jpeg_size(b""), None);
    }

    #[test]
    fn size_limits_allow_big_photos_and_refuse_bombs() {
        let info = |width, height| ImageInfo {
            kind: ImageKind::Jpeg,
            width,
            height,
        };
        assert!(info(12_000, 8_000).check_limits().is_ok());
        assert!(info(16_384, 2_000).check_limits().is_ok());
        assert_eq!(
            info(60_000, 60_000).check_limits().unwrap_err().to_string(),
            "image is 60000×60000 pixels, larger than the 16384×16384 limit"
        );
        assert_eq!(
            info(16_000, 16_000).check_limits().unwrap_err().to_string(),
            "image is 16000×16000 pixels (256 megapixels), more than the 100 megapixel limit"
        );
        assert!(matches!(
            info(0, 5).check_limits(),
            Err(ImageError::Empty { .. })
        ));
    }

    #[test]
    fn decoder_messages_lose_their_redundant_prefix() {
        assert_eq!(tidy("Format error decoding Png: CRC error\n"), "CRC error");
        assert_eq!(tidy("something else"), "something else");
    }
}
