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
    // Header parsing only; the decode limits are checked by `decode`.
    reader.no_limits();
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
    Ok(image.into_rgba8())
}

/// Decodes and shrinks so the longer side is at most `max_side` pixels
/// (aspect ratio kept; smaller images are returned at their own size).
pub fn decode_thumbnail(bytes: &[u8], max_side: u32) -> Result<RgbaImage, ImageError> {
    let image = decode(bytes)?;
    let (w, h) = image.dimensions();
    let max_side = max_side.max(1);
    if w <= max_side && h <= max_side {
        return Ok(image);
    }
    let scale = f64::from(max_side) / f64::from(w.max(h));
    let tw = ((f64::from(w) * scale).round() as u32).clamp(1, max_side);
    let th = ((f64::from(h) * scale).round() as u32).clamp(1, max_side);
    Ok(image::imageops::thumbnail(&image, tw, th))
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
