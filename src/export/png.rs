//! One PNG per panel, strokes drawn in, named `001_1A.png` in board order:
//! the stills an editor cuts with (the timelines reference them).

use std::path::{Path, PathBuf};

use image::{ImageEncoder, RgbImage, RgbaImage};

use super::frames::{FrameSource, frame_exact, parallel_map};
use super::naming::{labelled_panels, panel_file_name};
use super::staging::StagedDir;
use super::{ExportError, Progress};
use crate::model::Board;

/// The largest frame width any image export accepts, in pixels.
pub const MAX_WIDTH: u32 = 8192;

/// Options for [`export_panel_pngs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PngOptions {
    /// Frame width in pixels; the height follows the board's aspect ratio.
    pub width: u32,
}

impl Default for PngOptions {
    fn default() -> Self {
        Self { width: 1920 }
    }
}

/// Write every panel's frame into the folder `dir` (created, or added to),
/// returning the written files in board order. All or nothing: the files
/// are rendered into a staging folder and moved in at the end.
pub fn export_panel_pngs(
    source: &dyn FrameSource,
    board: &Board,
    dir: &Path,
    options: &PngOptions,
    progress: &Progress,
) -> Result<Vec<PathBuf>, ExportError> {
    check_width(dir, board, options.width)?;
    let panels = labelled_panels(board);
    progress.begin(panels.len() as u64);
    let size = board.aspect_ratio.frame_size(options.width);
    let staged = StagedDir::new(dir)?;
    let count = panels.len();
    let indexed: Vec<_> = panels.iter().enumerate().collect();
    let names = parallel_map(&indexed, progress, dir, |(i, (panel, label))| {
        let name = panel_file_name(*i, count, label, "png");
        let frame = frame_exact(source, panel, size, label, dir)?;
        let bytes =
            encode_png(&flatten(&frame)).map_err(|e| ExportError::encode(&dir.join(&name), e))?;
        std::fs::write(staged.path().join(&name), bytes)
            .map_err(|e| ExportError::io(&dir.join(&name), e))?;
        Ok(name)
    })?;
    staged.commit(progress)?;
    Ok(names.into_iter().map(|n| dir.join(n)).collect())
}

/// The most pixels one frame may have (a tall custom aspect at a large
/// width would otherwise ask for gigabytes).
pub const MAX_FRAME_PIXELS: u64 = 64 * 1024 * 1024;

/// Refuse frame widths outside 1…[`MAX_WIDTH`] or frames over
/// [`MAX_FRAME_PIXELS`] at the board's aspect ratio.
pub(crate) fn check_width(dest: &Path, board: &Board, width: u32) -> Result<(), ExportError> {
    if width == 0 || width > MAX_WIDTH {
        return Err(ExportError::options(
            dest,
            format!("frame width {width} px is outside 1…{MAX_WIDTH}"),
        ));
    }
    let (w, h) = board.aspect_ratio.frame_size(width);
    if u64::from(w) * u64::from(h) > MAX_FRAME_PIXELS {
        return Err(ExportError::options(
            dest,
            format!("a {w}×{h} px frame is too large"),
        ));
    }
    Ok(())
}

/// The frame composited onto white: stills for editors and prints are opaque.
/// One pass over the raw pixels (a frame over a photo is 2 MP, every
/// pixel opaque).
pub(crate) fn flatten(frame: &RgbaImage) -> RgbImage {
    let mut rgb = Vec::with_capacity(frame.as_raw().len() / 4 * 3);
    for px in frame.as_raw().chunks_exact(4) {
        let a = u16::from(px[3]);
        if a == 255 {
            rgb.extend_from_slice(&px[..3]);
        } else {
            let over = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
            rgb.extend_from_slice(&[over(px[0]), over(px[1]), over(px[2])]);
        }
    }
    RgbImage::from_raw(frame.width(), frame.height(), rgb)
        .unwrap_or_else(|| RgbImage::new(frame.width(), frame.height()))
}

pub(crate) fn encode_png(img: &RgbImage) -> Result<Vec<u8>, image::ImageError> {
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bytes).write_image(
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgb8,
    )?;
    Ok(bytes)
}
