//! How card thumbnails are drawn: decode the frame image (once per image,
//! even when many panels share it), then draw it with the panel's strokes
//! through the one renderer exports use.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use image::RgbaImage;

use super::thumbs::{ThumbLoader, ThumbRequest};

/// Decoded, downscaled images kept for reuse; small, since a thumbnail's
/// source is decoded straight to the card width (an area-averaging resize).
const DECODE_CACHE_BYTES: usize = 16 * 1024 * 1024;

type DecodeKey = (PathBuf, u32);

#[derive(Default)]
struct DecodeCache {
    /// Most recently used last.
    entries: VecDeque<(DecodeKey, Arc<RgbaImage>)>,
    bytes: usize,
}

impl DecodeCache {
    fn get(&mut self, key: &DecodeKey) -> Option<Arc<RgbaImage>> {
        let i = self.entries.iter().position(|(k, _)| k == key)?;
        let entry = self.entries.remove(i)?;
        let image = Arc::clone(&entry.1);
        self.entries.push_back(entry);
        Some(image)
    }

    fn put(&mut self, key: DecodeKey, image: Arc<RgbaImage>) {
        self.bytes += image.as_raw().len();
        self.entries.push_back((key, image));
        while self.bytes > DECODE_CACHE_BYTES {
            let Some((_, old)) = self.entries.pop_front() else {
                break;
            };
            self.bytes -= old.as_raw().len();
        }
    }
}

fn decode(path: &std::path::Path, max_side: u32) -> Result<RgbaImage, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    crate::import::image::decode_thumbnail(&bytes, max_side).map_err(|e| e.to_string())
}

/// The loader the app uses.
pub fn render_thumbnail_loader() -> ThumbLoader {
    let cache = Arc::new(Mutex::new(DecodeCache::default()));
    Arc::new(move |req: &ThumbRequest| {
        let mut options = crate::render::RenderOptions::default();
        let image = match &req.image_path {
            Some(path) => {
                let key = (path.clone(), req.width_px);
                let cached = cache.lock().ok().and_then(|mut c| c.get(&key));
                let decoded = match cached {
                    Some(image) => Ok(image),
                    None => decode(path, key.1).map(|image| {
                        let image = Arc::new(image);
                        if let Ok(mut c) = cache.lock() {
                            c.put(key, Arc::clone(&image));
                        }
                        image
                    }),
                };
                // A broken image draws as the same placeholder exports use,
                // with the panel's strokes still on top.
                options.missing_image = decoded.is_err();
                decoded.ok()
            }
            None => None,
        };
        Ok(crate::render::render_panel(
            &req.panel,
            image.as_deref(),
            req.aspect,
            req.width_px,
            &options,
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decode_cache_stays_within_its_budget_and_keeps_recent_images() {
        let mut cache = DecodeCache::default();
        let big = || Arc::new(RgbaImage::new(1024, 1024)); // 4 MiB each
        for i in 0..20 {
            cache.put((PathBuf::from(format!("{i}.png")), 1), big());
        }
        assert!(cache.bytes <= DECODE_CACHE_BYTES);
        assert!(cache.get(&(PathBuf::from("19.png"), 1)).is_some());
        assert!(cache.get(&(PathBuf::from("0.png"), 1)).is_none());
    }
}
