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
pub fn decode_thumbnail(bytes: &[u8], max_side: u32) -> Result<RgbaImage, ImageError> {
    let image = decode_native(bytes)?;
    let (w, h) = (image.width(), image.height());
    let max_side = max_side.max(1);
    if w <= max_side && h <= max_side {
        return Ok(image.into_rgba8());
    }
    let scale = f64::from(max_side) / f64::from(w.max(h));
    let tw = ((f64::from(w) * scale).round() as u32).clamp(1, max_side);
    let th = ((f64::from(h) * scale).round() as u32).clamp(1, max_side);
    use image::imageops::thumbnail;
    let small = match &image {
        DynamicImage::ImageRgb8(i) => DynamicImage::ImageRgb8(thumbnail(i, tw, th)),
        DynamicImage::ImageLuma8(i) => DynamicImage::ImageLuma8(thumbnail(i, tw, th)),
        DynamicImage::ImageRgba8(i) => DynamicImage::ImageRgba8(thumbnail(i, tw, th)),
        other => DynamicImage::ImageRgba8(thumbnail(&other.to_rgba8(), tw, th)),
    };
    Ok(small.into_rgba8())
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
