//! The persistent thumbnail cache: decoded frame images at card size, kept
//! in the user's cache folder so a board opens a second time without
//! decoding a single JPEG.
//!
//! Frame images are content-addressed (their file name is the SHA-256 of
//! their bytes), so an entry is keyed by that hash and the pixel size it was
//! decoded to: a changed image is a new name, and an entry never goes stale.
//! The cache is only ever an optimisation, so every failure degrades to
//! "not cached":
//! - an entry that is truncated, has a wrong size or checksum, or is
//!   otherwise unreadable is ignored (and overwritten by the next decode);
//! - a folder that can't be created or written (read-only, full disk)
//!   turns writing off for the rest of the session; reading goes on;
//! - entries are written to a temporary name and renamed, so a crash or a
//!   second Shotboard never leaves a half-written entry under a real name.
//!
//! Size is capped: when the entries written pass the cap, the least
//! recently used (oldest modification time; a hit refreshes it) are removed
//! until the cache is at 3/4 of the cap.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use image::RgbaImage;

/// The environment variable that moves the cache (tests and benchmarks
/// point it at a temporary folder; an empty value turns the cache off).
pub const CACHE_DIR_ENV: &str = "SHOTBOARD_CACHE_DIR";

/// Default size cap: about 7,000 thumbnails at the default card width.
pub const DEFAULT_CAP_BYTES: u64 = 512 * 1024 * 1024;

/// First bytes of every entry; the last byte is the format version, so a
/// change of layout (or of how thumbnails are decoded) starts afresh.
const MAGIC: [u8; 4] = *b"SBT\x01";

/// Magic, channels, 3 reserved bytes, width, height, CRC-32 of the pixels.
const HEADER_LEN: usize = 4 + 1 + 3 + 4 + 4 + 4;

/// The longest side an entry may have; a bigger header is corrupt.
const MAX_SIDE: u32 = 4096;

/// A hit refreshes an entry's time (its place in the LRU order) only when
/// it is older than this, so opening a board does not rewrite every inode.
const TOUCH_AFTER: Duration = Duration::from_secs(3600);

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// What an entry is: an image's content hash and the size it was shrunk to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ThumbKey {
    content: String,
    max_side: u32,
}

impl ThumbKey {
    /// The key for an image whose content hash is `content` (letters,
    /// digits, `-` and `_`, at most 128 of them; anything else is refused,
    /// so a key can never name a path outside the cache).
    pub fn new(content: &str, max_side: u32) -> Option<Self> {
        let ok = !content.is_empty()
            && content.len() <= 128
            && content
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| Self {
            content: content.to_ascii_lowercase(),
            max_side,
        })
    }

    /// The key of a content-addressed image file (`…/<sha256>.jpg`); `None`
    /// for a file not named by a hash, whose content could change under the
    /// same name.
    pub fn for_image_file(path: &Path, max_side: u32) -> Option<Self> {
        let stem = path.file_stem()?.to_str()?;
        let is_hash = stem.len() == 64 && stem.bytes().all(|b| b.is_ascii_hexdigit());
        if is_hash {
            Self::new(stem, max_side)
        } else {
            None
        }
    }

    fn relative_path(&self) -> PathBuf {
        let fan = self.content.get(..2).unwrap_or("00");
        Path::new(fan).join(format!("{}-{}.thumb", self.content, self.max_side))
    }
}

/// Why a write did not happen (for tests and a log line; callers carry on).
#[derive(Debug, thiserror::Error)]
pub enum ThumbStoreError {
    #[error("the thumbnail cache is off")]
    Disabled,
    #[error("thumbnail is larger than the cache keeps")]
    TooLarge,
    #[error("thumbnail cache {}: {source}", dir.display())]
    Io {
        dir: PathBuf,
        #[source]
        source: io::Error,
    },
}

#[derive(Default)]
struct State {
    /// Writing failed once (read-only folder, full disk): don't try again.
    write_off: bool,
    /// Bytes of entries on disk, once counted (the first write counts).
    bytes: Option<u64>,
}

/// A thumbnail cache folder. Cheap to share between worker threads.
pub struct ThumbStore {
    dir: Option<PathBuf>,
    cap_bytes: u64,
    state: Mutex<State>,
    /// Test seam: every write fails with this error kind (a full disk).
    #[cfg(test)]
    fail_writes: Option<io::ErrorKind>,
}

impl ThumbStore {
    /// A cache in `dir` (created on the first write), capped at
    /// `cap_bytes`. Does no I/O.
    pub fn open(dir: impl Into<PathBuf>, cap_bytes: u64) -> Self {
        Self {
            dir: Some(dir.into()),
            cap_bytes,
            state: Mutex::new(State::default()),
            #[cfg(test)]
            fail_writes: None,
        }
    }

    /// A cache that keeps nothing.
    pub fn disabled() -> Self {
        Self {
            dir: None,
            cap_bytes: 0,
            state: Mutex::new(State::default()),
            #[cfg(test)]
            fail_writes: None,
        }
    }

    /// The user's thumbnail cache: `$SHOTBOARD_CACHE_DIR` when set (empty:
    /// off), else `thumbnails/` in the platform's cache folder.
    pub fn user_default() -> Self {
        match default_dir() {
            Some(dir) => Self::open(dir, DEFAULT_CAP_BYTES),
            None => Self::disabled(),
        }
    }

    /// The folder, if the cache has one.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Whether writes still happen (false once a write failed).
    pub fn writable(&self) -> bool {
        self.dir.is_some() && self.state.lock().is_ok_and(|s| !s.write_off)
    }

    /// The cached thumbnail for `key`, if a valid entry exists. A hit
    /// refreshes the entry's place in the LRU order.
    pub fn get(&self, key: &ThumbKey) -> Option<RgbaImage> {
        let path = self.dir.as_ref()?.join(key.relative_path());
        let bytes = fs::read(&path).ok()?;
        let image = parse(&bytes, key.max_side)?;
        touch(&path);
        Some(image)
    }

    /// Store `image` under `key`. Failure turns writing off (a full disk or
    /// a read-only folder stays so for the session) and is returned for
    /// the record; callers carry on without the cache.
    pub fn put(&self, key: &ThumbKey, image: &RgbaImage) -> Result<(), ThumbStoreError> {
        let Some(dir) = self.dir.as_deref() else {
            return Err(ThumbStoreError::Disabled);
        };
        if !self.writable() {
            return Err(ThumbStoreError::Disabled);
        }
        if image.width() > MAX_SIDE.min(key.max_side.max(1))
            || image.height() > MAX_SIDE.min(key.max_side.max(1))
            || image.width() == 0
            || image.height() == 0
        {
            return Err(ThumbStoreError::TooLarge);
        }
        let entry = encode(image);
        let written = self.write_entry(dir, &key.relative_path(), &entry);
        let Ok(mut state) = self.state.lock() else {
            return Err(ThumbStoreError::Disabled);
        };
        match written {
            Ok(()) => {
                let total = match state.bytes {
                    Some(b) => b + entry.len() as u64,
                    // Count what is there once, on the first write.
                    None => scan(dir).iter().map(|e| e.len).sum(),
                };
                state.bytes = Some(total);
                if total > self.cap_bytes {
                    let target = self.cap_bytes / 4 * 3;
                    state.bytes = Some(evict(dir, target));
                }
                Ok(())
            }
            Err(source) => {
                state.write_off = true;
                Err(ThumbStoreError::Io {
                    dir: dir.to_owned(),
                    source,
                })
            }
        }
    }

    fn write_entry(&self, dir: &Path, relative: &Path, entry: &[u8]) -> io::Result<()> {
        #[cfg(test)]
        if let Some(kind) = self.fail_writes {
            return Err(io::Error::from(kind));
        }
        let path = dir.join(relative);
        let folder = path.parent().unwrap_or(dir);
        fs::create_dir_all(folder)?;
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = folder.join(format!(".{}-{n}.part", std::process::id()));
        let result = fs::File::create_new(&temp)
            .and_then(|mut f| f.write_all(entry))
            .and_then(|()| fs::rename(&temp, &path));
        if result.is_err() {
            let _ = fs::remove_file(&temp);
        }
        result
    }

    /// Test seam: make every write fail as a full disk would.
    #[cfg(test)]
    fn failing_writes(mut self, kind: io::ErrorKind) -> Self {
        self.fail_writes = Some(kind);
        self
    }
}

/// `$SHOTBOARD_CACHE_DIR`, else the platform cache folder's
/// `shotboard/thumbnails`; `None` when the variable is set but empty, or
/// no cache folder is known.
pub fn default_dir() -> Option<PathBuf> {
    match std::env::var_os(CACHE_DIR_ENV) {
        Some(dir) if dir.is_empty() => None,
        Some(dir) => Some(PathBuf::from(dir)),
        None => {
            directories::BaseDirs::new().map(|d| d.cache_dir().join("shotboard").join("thumbnails"))
        }
    }
}

/// Header and pixels; RGB when the image is opaque (every photo), so an
/// entry is a quarter smaller.
fn encode(image: &RgbaImage) -> Vec<u8> {
    let opaque = image.pixels().all(|p| p.0[3] == 255);
    let pixels: Vec<u8> = if opaque {
        image
            .as_raw()
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect()
    } else {
        image.as_raw().clone()
    };
    let mut out = Vec::with_capacity(HEADER_LEN + pixels.len());
    out.extend_from_slice(&MAGIC);
    out.push(if opaque { 3 } else { 4 });
    out.extend_from_slice(&[0; 3]);
    out.extend_from_slice(&image.width().to_le_bytes());
    out.extend_from_slice(&image.height().to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&pixels).to_le_bytes());
    out.extend_from_slice(&pixels);
    out
}

/// The image in an entry, or `None` for anything not exactly a valid entry
/// of at most `max_side` pixels a side.
fn parse(bytes: &[u8], max_side: u32) -> Option<RgbaImage> {
    let header = bytes.get(..HEADER_LEN)?;
    if header[..4] != MAGIC {
        return None;
    }
    let channels = usize::from(header[4]);
    let word = |at: usize| -> Option<u32> {
        Some(u32::from_le_bytes(header.get(at..at + 4)?.try_into().ok()?))
    };
    let (width, height, crc) = (word(8)?, word(12)?, word(16)?);
    let limit = max_side.clamp(1, MAX_SIDE);
    if !matches!(channels, 3 | 4) || width == 0 || height == 0 || width > limit || height > limit {
        return None;
    }
    let pixels = &bytes[HEADER_LEN..];
    if pixels.len() != width as usize * height as usize * channels || crc32fast::hash(pixels) != crc
    {
        return None;
    }
    let rgba = if channels == 4 {
        pixels.to_vec()
    } else {
        pixels
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect()
    };
    RgbaImage::from_raw(width, height, rgba)
}

/// Mark an entry used now, if it was last used a while ago. Best effort: a
/// read-only cache just keeps its old order.
fn touch(path: &Path) {
    let Ok(file) = fs::File::options().append(true).open(path) else {
        return;
    };
    let now = SystemTime::now();
    let stale = file
        .metadata()
        .and_then(|m| m.modified())
        .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > TOUCH_AFTER));
    if stale {
        let _ = file.set_modified(now);
    }
}

struct OnDisk {
    path: PathBuf,
    len: u64,
    used: SystemTime,
}

/// Every entry file (and leftover temporary file) in the cache.
fn scan(dir: &Path) -> Vec<OnDisk> {
    let mut out = Vec::new();
    let Ok(fans) = fs::read_dir(dir) else {
        return out;
    };
    for fan in fans.flatten() {
        let Ok(files) = fs::read_dir(fan.path()) else {
            continue;
        };
        for file in files.flatten() {
            let Ok(meta) = file.metadata() else { continue };
            if meta.is_file() {
                out.push(OnDisk {
                    path: file.path(),
                    len: meta.len(),
                    used: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                });
            }
        }
    }
    out
}

/// Remove the least recently used entries until at most `target` bytes are
/// left; returns the bytes left.
fn evict(dir: &Path, target: u64) -> u64 {
    let mut entries = scan(dir);
    let mut total: u64 = entries.iter().map(|e| e.len).sum();
    entries.sort_by_key(|e| e.used);
    for entry in entries {
        if total <= target {
            break;
        }
        if fs::remove_file(&entry.path).is_ok() {
            total -= entry.len;
        }
    }
    total
}

#[cfg(test)]
mod tests;
