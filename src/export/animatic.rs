//! The animatic as an animated GIF: every panel held for its frame-exact
//! duration, looping, at a chosen size.
//!
//! GIF delays are whole centiseconds. Each panel's delay is the difference
//! of its rounded start and end times, so rounding never accumulates: the
//! GIF's total is the board's runtime to within half a centisecond.

use std::path::Path;

use gif::{Encoder, Frame, Repeat};

use super::frames::{FrameSource, frame_exact, parallel_map};
use super::naming::labelled_panels;
use super::png::{MAX_FRAME_PIXELS, flatten};
use super::{ExportError, Progress, staging};
use crate::model::Board;

/// The largest GIF side we write; GIF allows 65535 but players choke.
pub const MAX_GIF_WIDTH: u32 = 4096;

/// Options for [`export_gif`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GifOptions {
    /// Width in pixels; the height follows the board's aspect ratio.
    pub width: u32,
    /// Loop forever (else play once).
    pub looping: bool,
}

impl Default for GifOptions {
    fn default() -> Self {
        Self {
            width: 480,
            looping: true,
        }
    }
}

/// Each panel's delay in centiseconds, in board order; they sum to the
/// runtime rounded to the nearest centisecond.
pub fn gif_delays(board: &Board) -> Vec<u32> {
    let (num, den) = board.fps.rational();
    // Centiseconds at frame `f`, rounded half up: f * 100 * den / num.
    let cs = |f: u64| (f * 100 * den + num / 2) / num;
    let mut start = 0;
    board
        .panels()
        .map(|p| {
            let end = start + board.panel_frames(p);
            let delay = cs(end) - cs(start);
            start = end;
            u32::try_from(delay).unwrap_or(u32::MAX)
        })
        .collect()
}

/// A delay split into GIF frame delays (each at most `u16::MAX` cs), for
/// panels held longer than 10 minutes 55 seconds.
fn split_delay(mut delay: u32) -> Vec<u16> {
    let mut parts = Vec::new();
    while delay > u32::from(u16::MAX) {
        parts.push(u16::MAX);
        delay -= u32::from(u16::MAX);
    }
    parts.push(delay as u16);
    parts
}

/// Write the animatic to `path`, all or nothing.
pub fn export_gif(
    source: &dyn FrameSource,
    board: &Board,
    path: &Path,
    options: &GifOptions,
    progress: &Progress,
) -> Result<(), ExportError> {
    if options.width == 0 || options.width > MAX_GIF_WIDTH {
        return Err(ExportError::options(
            path,
            format!("GIF width must be 1…{MAX_GIF_WIDTH} px"),
        ));
    }
    let (w, h) = board.aspect_ratio.frame_size(options.width);
    let too_many_pixels = u64::from(w) * u64::from(h) > MAX_FRAME_PIXELS;
    let (Ok(gw), Ok(gh)) = (u16::try_from(w), u16::try_from(h)) else {
        return Err(ExportError::options(path, "GIF frame is too tall"));
    };
    if too_many_pixels {
        return Err(ExportError::options(
            path,
            format!("a {w}×{h} px GIF frame is too large"),
        ));
    }
    let panels = labelled_panels(board);
    if panels.is_empty() {
        return Err(ExportError::options(path, "the board has no panels"));
    }
    let delays = gif_delays(board);
    progress.begin(panels.len() as u64);
    let gif_err = |e: gif::EncodingError| ExportError::encode(path, e);

    staging::write_file(path, progress, |out| {
        let mut encoder = Encoder::new(out, gw, gh, &[]).map_err(gif_err)?;
        // Without the looping extension a GIF plays once; a count of 0
        // would mean "forever" to most players.
        if options.looping {
            encoder.set_repeat(Repeat::Infinite).map_err(gif_err)?;
        }
        // Quantise and compress a batch in parallel, then write in order;
        // batching bounds memory on long boards.
        let batch = std::thread::available_parallelism().map_or(1, |n| n.get()) * 8;
        let items: Vec<_> = panels.iter().zip(delays).collect();
        for chunk in items.chunks(batch) {
            let frames = parallel_map(chunk, progress, path, |((panel, label), _)| {
                let rgb = flatten(&frame_exact(source, panel, (w, h), label, path)?);
                let mut frame = Frame::from_rgb_speed(gw, gh, rgb.as_raw(), 10);
                frame.make_lzw_pre_encoded();
                Ok(frame)
            })?;
            for (mut frame, (_, delay)) in frames.into_iter().zip(chunk) {
                for part in split_delay(*delay) {
                    frame.delay = part;
                    encoder
                        .write_lzw_pre_encoded_frame(&frame)
                        .map_err(gif_err)?;
                }
            }
        }
        encoder.into_inner().map_err(gif_err)?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_delays_split_into_gif_sized_parts() {
        assert_eq!(split_delay(200), [200]);
        assert_eq!(split_delay(70_000), [65_535, 4_465]);
    }
}
