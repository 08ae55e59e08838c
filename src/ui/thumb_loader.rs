//! How card thumbnails are drawn: decode the frame image (once per image,
//! even when many panels share it), then draw it with the panel's strokes
//! through the one renderer exports use.
//!
//! Decoded images also go to the persistent thumbnail cache
//! ([`crate::store::ThumbStore`]) when the app gives one: the worker that
//! decoded an image writes it, and the next time the board opens its cards
//! come from the cache without decoding.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use image::RgbaImage;

use super::thumbs::{ThumbLoader, ThumbRender, ThumbRequest};
use crate::store::{ThumbKey, ThumbStore};

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
    let bytes = crate::store::read_limited(path, crate::store::MAX_IMAGE_FILE_BYTES)
        .map_err(|e| e.to_string())?;
    crate::media::image::decode_thumbnail(&bytes, max_side).map_err(|e| e.to_string())
}

/// The renderer the app uses: decodes through a cache shared by the
/// workers, so a burst of cards showing the same image decodes it once.
#[derive(Default)]
struct RenderLoader {
    cache: Mutex<DecodeCache>,
    /// The persistent cache; `None` in tests and benches that measure
    /// decoding.
    store: Option<ThumbStore>,
}

impl RenderLoader {
    fn image(&self, path: &std::path::Path, width_px: u32) -> Result<Arc<RgbaImage>, String> {
        let key = (path.to_path_buf(), width_px);
        let cached = self.cache.lock().ok().and_then(|mut c| c.get(&key));
        if let Some(image) = cached {
            return Ok(image);
        }
        let stored = self
            .store
            .as_ref()
            .zip(ThumbKey::for_image_file(path, width_px));
        let image = match stored.as_ref().and_then(|(store, key)| store.get(key)) {
            Some(image) => Arc::new(image),
            None => {
                let image = decode(path, width_px)?;
                if let Some((store, key)) = &stored {
                    // A failed write has turned the cache off; the card
                    // shows all the same.
                    let _ = store.put(key, &image);
                }
                Arc::new(image)
            }
        };
        if let Ok(mut c) = self.cache.lock() {
            c.put(key, Arc::clone(&image));
        }
        Ok(image)
    }
}

impl ThumbRender for RenderLoader {
    fn render(&self, req: &ThumbRequest) -> Result<RgbaImage, String> {
        let mut options = crate::render::RenderOptions::default();
        let image = req
            .image_path
            .as_deref()
            .map(|path| self.image(path, req.width_px));
        // A broken image draws as the same placeholder exports use, with the
        // panel's strokes still on top.
        options.missing_image = matches!(image, Some(Err(_)));
        let image = image.and_then(Result::ok);
        Ok(crate::render::render_panel(
            &req.panel,
            image.as_deref(),
            req.aspect,
            req.width_px,
            &options,
        ))
    }

    /// Decoded sources only pay off while cards that share them are queued;
    /// an idle app keeps just its textures.
    fn idle(&self) {
        if let Ok(mut cache) = self.cache.lock() {
            *cache = DecodeCache::default();
        }
    }
}

/// A loader that decodes every time: what tests and benches use, so they
/// never read or write the user's cache.
pub fn render_thumbnail_loader() -> ThumbLoader {
    Arc::new(RenderLoader::default())
}

/// The loader the app uses: decoded images are kept in `store` and read
/// back from it.
pub fn cached_thumbnail_loader(store: ThumbStore) -> ThumbLoader {
    Arc::new(RenderLoader {
        store: Some(store),
        ..RenderLoader::default()
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

    #[test]
    fn thumbnails_from_the_disk_cache_equal_fresh_decodes() {
        use sha2::Digest as _;
        let dir = tempfile::tempdir().unwrap();
        let photo = image::RgbImage::from_fn(640, 360, |x, y| {
            image::Rgb([(x / 3) as u8, (y / 2) as u8, ((x ^ y) & 0xff) as u8])
        });
        let mut jpeg = Vec::new();
        image::DynamicImage::ImageRgb8(photo)
            .write_to(
                &mut std::io::Cursor::new(&mut jpeg),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        let hash: String = sha2::Sha256::digest(&jpeg)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let path = dir.path().join(format!("{hash}.jpg"));
        std::fs::write(&path, &jpeg).unwrap();
        let request = ThumbRequest {
            panel: crate::model::Panel::new(crate::model::PanelId(1)),
            image_path: Some(path.clone()),
            aspect: crate::model::AspectRatio::default(),
            width_px: 200,
        };
        let fresh = RenderLoader::default().render(&request).unwrap();
        let cache_dir = dir.path().join("cache");
        let open = || ThumbStore::open(&cache_dir, crate::store::thumb_cache::DEFAULT_CAP_BYTES);
        let first = cached_thumbnail_loader(open()).render(&request).unwrap();
        assert_eq!(first, fresh);
        // Without the image file, only the cache can draw it.
        std::fs::remove_file(&path).unwrap();
        let second = cached_thumbnail_loader(open()).render(&request).unwrap();
        assert_eq!(second, fresh, "from the cache, pixel for pixel");
    }

    #[test]
    fn an_idle_renderer_keeps_no_decoded_images() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("frame.png");
        RgbaImage::from_pixel(64, 36, image::Rgba([200, 40, 40, 255]))
            .save(&path)
            .unwrap();
        let loader = RenderLoader::default();
        let request = ThumbRequest {
            panel: crate::model::Panel::new(crate::model::PanelId(1)),
            image_path: Some(path),
            aspect: crate::model::AspectRatio::default(),
            width_px: 32,
        };
        let first = loader.render(&request).unwrap();
        assert!(
            loader.cache.lock().unwrap().bytes > 0,
            "a burst shares decodes"
        );
        loader.idle();
        assert_eq!(loader.cache.lock().unwrap().bytes, 0);
        assert!(loader.cache.lock().unwrap().entries.is_empty());
        assert_eq!(
            loader.render(&request).unwrap(),
            first,
            "decodes again on demand"
        );
    }
}
