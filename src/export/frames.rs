//! Where an export gets its pixels, and how it renders many frames at once.
//!
//! Exports don't load images or rasterise strokes themselves: they ask a
//! [`FrameSource`]. The app passes one backed by the board's store and the
//! shared renderer, so the PDF shows exactly what the canvas shows; tests and
//! benchmarks pass [`SwatchFrames`].

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use image::RgbaImage;

use super::{ExportError, Progress};
use crate::model::{AspectRatio, Panel};

/// Draws a panel's frame (image plus strokes) at a requested width.
///
/// The height follows the board's aspect ratio, which the source knows
/// because it is built for one board. Called from several threads at once.
pub trait FrameSource: Sync {
    fn frame(&self, panel: &Panel, width_px: u32) -> Result<RgbaImage, String>;

    /// The panel's frame as the file it came from, when that file *is* the
    /// frame: nothing drawn over it and a JPEG any reader shows as stored
    /// (see [`crate::media::image::plain_jpeg_size`]). Exports then copy
    /// its bytes instead of decoding and encoding it again. `None` (the
    /// default) means: render it.
    fn original(&self, _panel: &Panel) -> Option<OriginalFrame> {
        None
    }
}

/// A frame image file that can go into an export unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginalFrame {
    /// Where the file is.
    pub path: std::path::PathBuf,
    /// Its pixel size.
    pub width: u32,
    pub height: u32,
    /// Its length in bytes.
    pub len: u64,
}

impl OriginalFrame {
    /// Whether it fills a frame of `size` without letterboxing (the same
    /// aspect ratio to within 1%, as the renderer would draw it).
    pub fn fits_aspect(&self, size: (u32, u32)) -> bool {
        let want = f64::from(size.0) / f64::from(size.1.max(1));
        let have = f64::from(self.width) / f64::from(self.height.max(1));
        (have / want - 1.0).abs() < 0.01
    }
}

/// A frame source that paints each panel one flat colour derived from its
/// id: distinct, stable, and free to produce. For tests, benchmarks, and
/// exports where only the words matter.
#[derive(Clone, Copy, Debug)]
pub struct SwatchFrames {
    pub aspect: AspectRatio,
}

impl SwatchFrames {
    /// The colour panel `panel` is painted.
    pub fn colour(panel: &Panel) -> image::Rgba<u8> {
        // A multiplicative hash spreads neighbouring ids over the colour cube.
        let h = panel.id.0.wrapping_mul(0x9E37_79B9_7F4A_7C15).to_le_bytes();
        image::Rgba([h[5] | 0x20, h[6] | 0x20, h[7] | 0x20, 0xff])
    }
}

impl FrameSource for SwatchFrames {
    fn frame(&self, panel: &Panel, width_px: u32) -> Result<RgbaImage, String> {
        let (w, h) = self.aspect.frame_size(width_px);
        Ok(RgbaImage::from_pixel(w, h, Self::colour(panel)))
    }
}

/// The frame of `panel` at exactly `size`, whatever size the source returned.
pub(crate) fn frame_exact(
    source: &dyn FrameSource,
    panel: &Panel,
    size: (u32, u32),
    label: &str,
    dest: &Path,
) -> Result<RgbaImage, ExportError> {
    let frame = source
        .frame(panel, size.0)
        .map_err(|message| ExportError::Frame {
            path: dest.to_owned(),
            panel: label.to_owned(),
            message,
        })?;
    if frame.width() == 0 || frame.height() == 0 {
        return Err(ExportError::Frame {
            path: dest.to_owned(),
            panel: label.to_owned(),
            message: "the frame is empty".to_owned(),
        });
    }
    if frame.dimensions() == size {
        return Ok(frame);
    }
    Ok(image::imageops::resize(
        &frame,
        size.0.max(1),
        size.1.max(1),
        image::imageops::FilterType::Triangle,
    ))
}

/// Apply `work` to every item on all cores, results in item order.
///
/// Advances `progress` by one per item, stops early on the first error or on
/// cancel. Used for the expensive per-panel step of every image export
/// (render, encode) while the caller keeps the cheap sequential assembly.
pub(crate) fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    progress: &Progress,
    dest: &Path,
    work: impl Fn(&T) -> Result<R, ExportError> + Sync,
) -> Result<Vec<R>, ExportError> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(items.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let first_error: Mutex<Option<ExportError>> = Mutex::new(None);
    let mut slots: Vec<Option<R>> = Vec::with_capacity(items.len());
    slots.resize_with(items.len(), || None);

    let worker = || {
        let mut done = Vec::new();
        loop {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            if progress.is_cancelled() {
                stop.store(true, Ordering::Relaxed);
                break;
            }
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            match work(item) {
                Ok(r) => {
                    done.push((i, r));
                    progress.advance(1);
                }
                Err(e) => {
                    stop.store(true, Ordering::Relaxed);
                    if let Ok(mut slot) = first_error.lock() {
                        slot.get_or_insert(e);
                    }
                    break;
                }
            }
        }
        done
    };

    let mut panicked = false;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads).map(|_| s.spawn(worker)).collect();
        for h in handles {
            match h.join() {
                Ok(done) => {
                    for (i, r) in done {
                        slots[i] = Some(r);
                    }
                }
                Err(_) => panicked = true,
            }
        }
    });

    if let Some(e) = first_error.into_inner().ok().flatten() {
        return Err(e);
    }
    if panicked {
        return Err(ExportError::encode(dest, "a worker thread panicked"));
    }
    if progress.is_cancelled() {
        return Err(ExportError::Cancelled {
            path: dest.to_owned(),
        });
    }
    slots
        .into_iter()
        .collect::<Option<Vec<R>>>()
        .ok_or_else(|| ExportError::encode(dest, "a worker stopped before finishing"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PanelId;

    #[test]
    fn parallel_map_keeps_item_order_and_counts_progress() {
        let items: Vec<u32> = (0..100).collect();
        let progress = Progress::new();
        progress.begin(100);
        let out = parallel_map(&items, &progress, Path::new("x"), |&i| Ok(i * 2)).unwrap();
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(progress.done(), 100);
    }

    #[test]
    fn parallel_map_reports_the_first_error() {
        let items: Vec<u32> = (0..50).collect();
        let err = parallel_map(&items, &Progress::new(), Path::new("out.pdf"), |&i| {
            if i == 7 {
                Err(ExportError::encode(Path::new("out.pdf"), "seven"))
            } else {
                Ok(i)
            }
        })
        .unwrap_err();
        assert!(err.to_string().contains("seven"));
    }

    #[test]
    fn wrong_sized_frames_are_scaled_to_the_requested_size() {
        struct Tiny;
        impl FrameSource for Tiny {
            fn frame(&self, _: &Panel, _: u32) -> Result<RgbaImage, String> {
                Ok(RgbaImage::new(3, 2))
            }
        }
        let f = frame_exact(
            &Tiny,
            &Panel::new(PanelId(1)),
            (64, 36),
            "1A",
            Path::new("x"),
        )
        .unwrap();
        assert_eq!(f.dimensions(), (64, 36));
    }
}
