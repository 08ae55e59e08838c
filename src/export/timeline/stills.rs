//! The stills a timeline references, written so that no work is done twice.
//!
//! - A panel with nothing drawn over a plain JPEG of exactly the frame size
//!   is its own still: the file is copied as it is (the kernel copies it;
//!   no decode, no encode). A copy, not a hard link: an editor's "save"
//!   over the still must never change the board's own image.
//! - Every other panel is rendered on every core and encoded with fast
//!   settings: as a JPEG when its image is a JPEG (a photo with a sketch
//!   on it: a PNG of camera grain is ten times the size and slower to
//!   write), else as a PNG with fast compression (a drawing stays sharp).
//! - A manifest (`.shotboard-stills.json`) in the folder records what each
//!   still was made from; exporting again into the same folder skips every
//!   still whose panel, image and size are unchanged and whose file is
//!   still there at the length it was written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use image::ImageEncoder as _;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use sha2::{Digest, Sha256};

use crate::export::frames::{FrameSource, OriginalFrame, frame_exact, parallel_map};
use crate::export::naming::{labelled_panels, panel_file_name};
use crate::export::png::{check_width, flatten};
use crate::export::staging::StagedDir;
use crate::export::{ExportError, Progress};
use crate::model::{Board, Panel, PanelId};

/// The manifest's name in the stills folder.
pub const MANIFEST: &str = ".shotboard-stills.json";

/// Bump when how a still is made changes, so old stills are redone.
const RECIPE_VERSION: &str = "stills-2";

/// What [`write_stills`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stills {
    /// Every still's file name, in board order.
    pub names: Vec<String>,
    /// Panels whose still is a JPEG (`.jpg`): the original, or a sketched
    /// photo; the others are PNGs.
    pub jpegs: BTreeSet<PanelId>,
    /// Files written this time (not skipped), for clean-up on failure.
    pub written: Vec<PathBuf>,
    /// Stills left as they were: unchanged since the last export.
    pub skipped: usize,
}

/// One still: its name, what it is made from, and the key of that.
struct Plan<'a> {
    panel: &'a Panel,
    label: &'a str,
    name: String,
    original: Option<OriginalFrame>,
    key: String,
}

/// Write one still per panel into `dir` at `width` pixels across (the
/// height follows the board's aspect ratio), skipping stills a previous
/// export already made from the same content. All or nothing: new files are
/// staged and moved in at the end.
pub fn write_stills(
    source: &dyn FrameSource,
    board: &Board,
    dir: &Path,
    width: u32,
    progress: &Progress,
) -> Result<Stills, ExportError> {
    check_width(dir, board, width)?;
    let size = board.aspect_ratio.frame_size(width);
    let panels = labelled_panels(board);
    progress.begin(panels.len() as u64);
    let count = panels.len();
    let plans: Vec<Plan<'_>> = panels
        .iter()
        .enumerate()
        .map(|(i, (panel, label))| {
            let original = source
                .original(panel)
                .filter(|o| (o.width, o.height) == size);
            let ext = if original.is_some() || over_jpeg(panel) {
                "jpg"
            } else {
                "png"
            };
            Plan {
                panel,
                label,
                name: panel_file_name(i, count, label, ext),
                key: recipe_key(panel, size, original.as_ref()),
                original,
            }
        })
        .collect();
    let before = read_manifest(dir);
    let staged = StagedDir::new(dir)?;
    let outcomes = parallel_map(&plans, progress, dir, |plan| {
        let dest = dir.join(&plan.name);
        if let Some(len) = unchanged(&before, plan, &dest) {
            return Ok((len, false));
        }
        let into = staged.path().join(&plan.name);
        let len = match &plan.original {
            Some(original) => {
                std::fs::copy(&original.path, &into).map_err(|e| ExportError::io(&dest, e))?
            }
            None => {
                let frame = flatten(&frame_exact(source, plan.panel, size, plan.label, dir)?);
                let bytes = if plan.name.ends_with(".jpg") {
                    encode_jpeg(&frame)
                } else {
                    encode_png_fast(&frame)
                }
                .map_err(|e| ExportError::encode(&dest, e))?;
                std::fs::write(&into, &bytes).map_err(|e| ExportError::io(&dest, e))?;
                bytes.len() as u64
            }
        };
        Ok((len, true))
    })?;
    let mut manifest = BTreeMap::new();
    let mut stills = Stills::default();
    for (plan, (len, written)) in plans.iter().zip(outcomes) {
        manifest.insert(plan.name.clone(), (plan.key.clone(), len));
        if written {
            stills.written.push(dir.join(&plan.name));
        } else {
            stills.skipped += 1;
        }
        if plan.name.ends_with(".jpg") {
            stills.jpegs.insert(plan.panel.id);
        }
        stills.names.push(plan.name.clone());
    }
    let text = serde_json::to_string(&manifest).map_err(|e| ExportError::encode(dir, e))?;
    std::fs::write(staged.path().join(MANIFEST), text)
        .map_err(|e| ExportError::io(&dir.join(MANIFEST), e))?;
    staged.commit(progress)?;
    Ok(stills)
}

/// The length of the still at `dest` if a previous export made it from
/// the same recipe and it is still there, untouched in length.
fn unchanged(before: &Manifest, plan: &Plan<'_>, dest: &Path) -> Option<u64> {
    let (key, len) = before.get(&plan.name)?;
    if *key != plan.key {
        return None;
    }
    let on_disk = std::fs::metadata(dest).ok()?.len();
    (on_disk == *len).then_some(on_disk)
}

/// File name → (recipe key, length written).
type Manifest = BTreeMap<String, (String, u64)>;

fn read_manifest(dir: &Path) -> Manifest {
    std::fs::read(dir.join(MANIFEST))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// What a still is made from, as a hash: the image (its content-addressed
/// path, and its length when copied), the strokes, the frame size and how
/// stills are made.
fn recipe_key(panel: &Panel, size: (u32, u32), original: Option<&OriginalFrame>) -> String {
    let mut h = Sha256::new();
    h.update(RECIPE_VERSION);
    h.update(format!("{}x{}", size.0, size.1));
    match original {
        Some(o) => h.update(format!("original:{}", o.len)),
        None => h.update("rendered"),
    }
    if let Some(image) = &panel.image {
        h.update(image.as_str());
    }
    h.update([0]);
    // Strokes serialize deterministically (plain data, ordered fields).
    if let Ok(strokes) = serde_json::to_vec(&panel.strokes) {
        h.update(strokes);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether the panel's image is a JPEG (by its stored extension, which
/// the importer sets from the content).
fn over_jpeg(panel: &Panel) -> bool {
    panel.image.as_ref().is_some_and(|a| {
        let p = a.as_str().to_ascii_lowercase();
        p.ends_with(".jpg") || p.ends_with(".jpeg")
    })
}

/// A sketched photo's still: JPEG at high quality, as the photo was.
fn encode_jpeg(img: &image::RgbImage) -> Result<Vec<u8>, image::ImageError> {
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 92).write_image(
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgb8,
    )?;
    Ok(bytes)
}

/// PNG with fast compression: a still is read once by an editor's import,
/// so a few percent of size is not worth several times the encode time.
fn encode_png_fast(img: &image::RgbImage) -> Result<Vec<u8>, image::ImageError> {
    let mut bytes = Vec::new();
    PngEncoder::new_with_quality(&mut bytes, CompressionType::Fast, FilterType::Adaptive)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )?;
    Ok(bytes)
}
