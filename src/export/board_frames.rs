//! The real frame source: a board's images from disk, drawn with their
//! strokes through the one renderer.
//!
//! An export of a big board touches every image, and boards share images
//! (a held frame, a reused plate, the demo's 24 pictures over 1,000 panels),
//! so decoded images are cached by asset path — but only while panels still
//! to come use them, and within a memory budget, so an export of a board
//! whose images are all different holds one decoded image per worker.
//! Images are decoded at about the size they are drawn, never larger than
//! needed. A missing or broken image draws the renderer's placeholder with
//! the panel's strokes on top, and is listed in [`BoardFrames::problems`]:
//! an export of a board with missing images still completes.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use image::RgbaImage;

use super::FrameSource;
use super::frames::OriginalFrame;
use crate::model::{AspectRatio, Board, Panel};
use crate::render::{RenderOptions, render_panel, render_size};
use crate::store;

/// How much of an image file [`BoardFrames::original`] reads for its
/// headers (EXIF blocks are at most 64 KiB each).
const HEADER_READ: usize = 192 * 1024;

/// Decoded images kept for later panels use at most this many bytes.
pub const CACHE_BUDGET_BYTES: u64 = 384 * 1024 * 1024;

/// A decode shared by every panel that asks for the same image and size;
/// the first asker decodes, the others wait for it.
type Slot = Arc<OnceLock<Result<Arc<RgbaImage>, String>>>;

/// A cached decode and the bytes it was counted with (0 until decoded).
struct Entry {
    slot: Slot,
    bytes: u64,
}

#[derive(Default)]
struct Cache {
    /// Panels not yet drawn, per asset path.
    uses_left: HashMap<String, usize>,
    /// Decodes by (asset path, longest side).
    decoded: HashMap<(String, u32), Entry>,
    /// Sum of the entries' bytes.
    bytes: u64,
}

/// Frames of one board: images under `board_dir`, drawn at the board's
/// aspect ratio with each panel's strokes.
pub struct BoardFrames {
    board_dir: PathBuf,
    aspect: AspectRatio,
    cache: Mutex<Cache>,
    /// Asset path → what is wrong with it, for warnings.
    problems: Mutex<BTreeMap<String, String>>,
}

impl BoardFrames {
    /// The frame source for `board`, whose asset paths are relative to
    /// `board_dir` (the board file's folder).
    pub fn new(board: &Board, board_dir: impl Into<PathBuf>) -> Self {
        let mut uses_left: HashMap<String, usize> = HashMap::new();
        for path in board.panels().filter_map(|p| p.image.as_ref()) {
            *uses_left.entry(path.as_str().to_owned()).or_default() += 1;
        }
        Self {
            board_dir: board_dir.into(),
            aspect: board.aspect_ratio,
            cache: Mutex::new(Cache {
                uses_left,
                ..Cache::default()
            }),
            problems: Mutex::new(BTreeMap::new()),
        }
    }

    /// Images drawn as the missing-image placeholder so far, as
    /// `(asset path, reason)`, sorted by path.
    pub fn problems(&self) -> Vec<(String, String)> {
        self.problems
            .lock()
            .map(|p| p.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default()
    }

    /// The decode slot for `key`: shared while later panels still use the
    /// image and the budget allows, else private.
    fn slot(&self, key: &(String, u32)) -> Slot {
        let Ok(mut cache) = self.cache.lock() else {
            return Slot::default();
        };
        let path = key.0.as_str();
        let left = match cache.uses_left.get_mut(path) {
            Some(n) => {
                *n = n.saturating_sub(1);
                *n
            }
            None => 0,
        };
        if left == 0 {
            // The last use: hand out (and forget) whatever is cached.
            let slot = cache.decoded.get(key).map(|e| Arc::clone(&e.slot));
            let mut freed = 0;
            cache.decoded.retain(|(p, _), e| {
                let keep = p != path;
                if !keep {
                    freed += e.bytes;
                }
                keep
            });
            cache.bytes = cache.bytes.saturating_sub(freed);
            return slot.unwrap_or_default();
        }
        if let Some(entry) = cache.decoded.get(key) {
            return Arc::clone(&entry.slot);
        }
        let slot = Slot::default();
        if cache.bytes < CACHE_BUDGET_BYTES {
            let entry = Entry {
                slot: Arc::clone(&slot),
                bytes: 0,
            };
            cache.decoded.insert(key.clone(), entry);
        }
        slot
    }

    /// Count a fresh decode against the budget if it is still cached.
    fn account(&self, key: &(String, u32), slot: &Slot, bytes: u64) {
        let Ok(mut cache) = self.cache.lock() else {
            return;
        };
        let Some(entry) = cache.decoded.get_mut(key) else {
            return;
        };
        if Arc::ptr_eq(&entry.slot, slot) && entry.bytes == 0 {
            entry.bytes = bytes;
            cache.bytes += bytes;
        }
    }

    fn decode(&self, path: &str, max_side: u32) -> Result<Arc<RgbaImage>, String> {
        let file = self.board_dir.join(path);
        let bytes =
            store::read_limited(&file, store::MAX_IMAGE_FILE_BYTES).map_err(|e| match e {
                store::ReadLimitError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    "file not found".to_owned()
                }
                e => e.to_string(),
            })?;
        let image =
            crate::media::image::decode_thumbnail(&bytes, max_side).map_err(|e| e.to_string())?;
        Ok(Arc::new(image))
    }

    fn image(&self, path: &str, max_side: u32) -> Result<Arc<RgbaImage>, String> {
        let key = (path.to_owned(), max_side);
        let slot = self.slot(&key);
        let mut fresh = false;
        let result = slot.get_or_init(|| {
            fresh = true;
            self.decode(path, max_side)
        });
        if fresh && let Ok(image) = result {
            self.account(&key, &slot, image.as_raw().len() as u64);
        }
        result.clone()
    }
}

impl FrameSource for BoardFrames {
    fn original(&self, panel: &Panel) -> Option<OriginalFrame> {
        if !panel.strokes.is_empty() {
            return None;
        }
        let path = self.board_dir.join(panel.image.as_ref()?.as_str());
        // The headers sit at the start; an EXIF block may carry a
        // thumbnail of its own, so read a generous head.
        use std::io::Read as _;
        let file = std::fs::File::open(&path).ok()?;
        let len = file.metadata().ok()?.len();
        let mut head = Vec::with_capacity(HEADER_READ);
        file.take(HEADER_READ as u64).read_to_end(&mut head).ok()?;
        let (width, height) = crate::media::image::plain_jpeg_size(&head)?;
        Some(OriginalFrame {
            path,
            width,
            height,
            len,
        })
    }

    fn frame(&self, panel: &Panel, width_px: u32) -> Result<RgbaImage, String> {
        let (w, h) = render_size(self.aspect, width_px);
        let mut options = RenderOptions::default();
        let image = panel.image.as_ref().and_then(|asset| {
            // *Contain* never draws an image side longer than the frame's
            // longer side, so decoding to that loses nothing.
            match self.image(asset.as_str(), w.max(h)) {
                Ok(image) => Some(image),
                Err(reason) => {
                    options.missing_image = true;
                    if let Ok(mut problems) = self.problems.lock() {
                        problems.insert(asset.as_str().to_owned(), reason);
                    }
                    None
                }
            }
        });
        Ok(render_panel(
            panel,
            image.as_deref(),
            self.aspect,
            width_px,
            &options,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        AssetPath, Layer, PanelId, Rgba, Scene, SceneId, Stroke, StrokePoint, Tool,
    };

    fn board_with(images: &[Option<&str>]) -> Board {
        let mut scene = Scene::new(SceneId(1), "INT. ROOM - DAY");
        for (i, image) in images.iter().enumerate() {
            let mut p = Panel::new(PanelId(10 + i as u64));
            p.image = image.map(|s| AssetPath::new(s).unwrap());
            scene.panels.push(p);
        }
        Board {
            scenes: vec![scene],
            ..Board::default()
        }
    }

    fn write_red_png(dir: &std::path::Path, name: &str) {
        let img = RgbaImage::from_pixel(320, 180, image::Rgba([220, 0, 0, 255]));
        std::fs::create_dir_all(dir.join("b.assets")).unwrap();
        img.save(dir.join(name)).unwrap();
    }

    #[test]
    fn draws_the_image_strokes_and_a_placeholder_for_a_missing_image() {
        let dir = tempfile::tempdir().unwrap();
        write_red_png(dir.path(), "b.assets/red.png");
        let mut board = board_with(&[Some("b.assets/red.png"), Some("b.assets/gone.png")]);
        let stroke = Stroke {
            tool: Tool::Pen,
            layer: Layer::Ink,
            color: Rgba([0, 0, 255, 255]),
            width: 0.05,
            opacity: 1.0,
            points: vec![
                StrokePoint::from_normalised(0.0, 0.5, 1.0),
                StrokePoint::from_normalised(1.0, 0.5, 1.0),
            ],
        };
        board.scenes[0].panels[0].strokes.push(stroke.clone());
        board.scenes[0].panels[1].strokes.push(stroke);
        let frames = BoardFrames::new(&board, dir.path());

        let first = frames.frame(&board.scenes[0].panels[0], 160).unwrap();
        assert_eq!(first.dimensions(), (160, 90));
        assert_eq!(first.get_pixel(20, 10).0, [220, 0, 0, 255], "the image");
        let blue = first.get_pixel(80, 45).0;
        assert!(blue[2] > 200 && blue[0] < 40, "the stroke, got {blue:?}");

        let second = frames.frame(&board.scenes[0].panels[1], 160).unwrap();
        let plain = RenderOptions {
            missing_image: true,
            ..RenderOptions::default()
        };
        let expected = render_panel(
            &board.scenes[0].panels[1],
            None,
            board.aspect_ratio,
            160,
            &plain,
        );
        assert_eq!(second, expected, "the placeholder with the stroke on top");
        let problems = frames.problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, "b.assets/gone.png");
        assert!(problems[0].1.contains("not found"), "{problems:?}");
    }

    #[test]
    fn a_shared_image_is_decoded_once_and_released_after_its_last_panel() {
        let dir = tempfile::tempdir().unwrap();
        write_red_png(dir.path(), "b.assets/red.png");
        let board = board_with(&[Some("b.assets/red.png"); 3]);
        let frames = BoardFrames::new(&board, dir.path());
        let panels = &board.scenes[0].panels;

        frames.frame(&panels[0], 64).unwrap();
        // Decoded at the drawn size (64 × 36), not the file's 320 × 180.
        assert_eq!(frames.cache.lock().unwrap().bytes, 64 * 36 * 4);
        // Deleting the file proves later panels draw from the cache.
        std::fs::remove_file(dir.path().join("b.assets/red.png")).unwrap();
        let second = frames.frame(&panels[1], 64).unwrap();
        assert_eq!(second.get_pixel(5, 5).0, [220, 0, 0, 255]);
        frames.frame(&panels[2], 64).unwrap();
        assert!(frames.problems().is_empty());
        let cache = frames.cache.lock().unwrap();
        assert!(cache.decoded.is_empty(), "released after the last use");
        assert_eq!(cache.bytes, 0, "and no longer counted");
    }

    #[test]
    fn a_corrupt_image_is_a_placeholder_not_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("b.assets")).unwrap();
        std::fs::write(
            dir.path().join("b.assets/bad.png"),
            b"\x89PNG\r\n\x1a\nnope",
        )
        .unwrap();
        let board = board_with(&[Some("b.assets/bad.png")]);
        let frames = BoardFrames::new(&board, dir.path());
        let frame = frames.frame(&board.scenes[0].panels[0], 64).unwrap();
        assert_eq!(frame.dimensions(), (64, 36));
        assert_eq!(frames.problems().len(), 1);
    }
}
