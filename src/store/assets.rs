//! The board's image folder: `NAME.assets/` next to `NAME.ron`, holding
//! images named by the SHA-256 of their content, so the same image is
//! stored once however often it is imported.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use super::atomic::{WriteStep, parent_folder, write_atomic};
use super::io_reason;
use super::read::{ReadLimitError, read_limited};
use crate::media::image::{self, ImageError};
use crate::model::{AssetPath, AssetPathError, Board, PanelId};

/// Largest image file Shotboard imports; bigger ones are refused before
/// being read into memory.
pub const MAX_IMAGE_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// How much of an image file the load-time check reads, step by step,
/// until the header is complete.
const HEADER_READ_STEPS: [u64; 3] = [16 * 1024, 256 * 1024, MAX_IMAGE_FILE_BYTES];

/// The assets folder name for a board file: `"kitchen.assets"` for
/// `…/kitchen.ron`.
pub fn assets_dir_name(board_file: &Path) -> String {
    let stem = board_file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "board".to_owned());
    format!("{stem}.assets")
}

/// A panel whose image cannot be shown. The board still loads; the panel
/// keeps its text and shows a placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssetProblem {
    pub panel: PanelId,
    pub path: AssetPath,
    /// What is wrong, for a user ("file not found", "not an image …").
    pub problem: String,
}

impl std::fmt::Display for AssetProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.panel, self.path, self.problem)
    }
}

/// Every panel whose image is missing, unreadable, not an image, or too
/// large to decode. Reads only file headers, so it stays fast on big boards.
pub fn check_assets(board: &Board, board_dir: &Path) -> Vec<AssetProblem> {
    let mut verdicts: HashMap<&AssetPath, Option<String>> = HashMap::new();
    let mut problems = Vec::new();
    for panel in board.panels() {
        let Some(path) = &panel.image else { continue };
        let verdict = verdicts
            .entry(path)
            .or_insert_with(|| check_one(&board_dir.join(path.as_str())).err());
        if let Some(problem) = verdict {
            problems.push(AssetProblem {
                panel: panel.id,
                path: path.clone(),
                problem: problem.clone(),
            });
        }
    }
    problems
}

fn check_one(file: &Path) -> Result<(), String> {
    let read_err = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => "file not found".to_owned(),
        _ => format!("cannot read the file: {}", io_reason(&e)),
    };
    let mut reader = fs::File::open(file).map_err(read_err)?;
    let meta = reader.metadata().map_err(read_err)?;
    if !meta.is_file() {
        return Err("not a file".to_owned());
    }
    // Read only as far as the header: a few KiB for most images; a JPEG
    // whose header sits behind big EXIF or colour-profile blocks needs more.
    let mut prefix = Vec::new();
    let mut probed = Err(ImageError::NotAnImage);
    for limit in HEADER_READ_STEPS {
        let wanted = limit.saturating_sub(prefix.len() as u64);
        (&mut reader)
            .take(wanted)
            .read_to_end(&mut prefix)
            .map_err(read_err)?;
        probed = image::probe(&prefix);
        let header_cut_short =
            matches!(probed, Err(ImageError::Corrupt { .. })) && (prefix.len() as u64) < meta.len();
        if !header_cut_short {
            break;
        }
    }
    probed
        .and_then(image::ImageInfo::check_limits)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn too_big_file(bytes: u64) -> String {
    format!(
        "the file is {} MiB, more than the {} MiB an image may be",
        bytes.div_ceil(1 << 20),
        MAX_IMAGE_FILE_BYTES >> 20
    )
}

/// Why an image could not be brought into a board. Always names the input.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("could not import {input}: {}", io_reason(error))]
    Read { input: String, error: io::Error },
    #[error("could not import {input}: {}", too_big_file(*bytes))]
    TooLarge { input: String, bytes: u64 },
    #[error("could not import {input}: {error}")]
    Image { input: String, error: ImageError },
    #[error("could not import {input}: cannot write {} ({step}): {}", dest.display(), io_reason(error))]
    Write {
        input: String,
        dest: PathBuf,
        step: WriteStep,
        error: io::Error,
    },
    #[error("could not import {input} into {}: {error}", board_file.display())]
    BoardName {
        input: String,
        board_file: PathBuf,
        error: AssetPathError,
    },
}

/// Copies an image file into the board's assets folder (after checking it
/// decodes) and returns the path to store in a panel.
pub fn import_image_file(board_file: &Path, source: &Path) -> Result<AssetPath, ImportError> {
    let input = source.display().to_string();
    let bytes = read_limited(source, MAX_IMAGE_FILE_BYTES).map_err(|e| match e {
        ReadLimitError::TooLarge { size, .. } => ImportError::TooLarge {
            input: input.clone(),
            bytes: size,
        },
        ReadLimitError::Io(error) => ImportError::Read {
            input: input.clone(),
            error,
        },
    })?;
    import(board_file, &bytes, input)
}

/// Like [`import_image_file`] for image data without a file (pasted or
/// dragged from another app). `ext_hint` is the extension the data came
/// with, if any (`"png"`); it only names the data in error messages, since
/// the stored file's extension always follows the detected format.
pub fn import_image_bytes(
    board_file: &Path,
    bytes: &[u8],
    ext_hint: &str,
) -> Result<AssetPath, ImportError> {
    let hint = ext_hint.trim_start_matches('.');
    let input = if hint.is_empty() {
        "the pasted image".to_owned()
    } else {
        format!("the pasted .{hint} image")
    };
    if bytes.len() as u64 > MAX_IMAGE_FILE_BYTES {
        return Err(ImportError::TooLarge {
            input,
            bytes: bytes.len() as u64,
        });
    }
    import(board_file, bytes, input)
}

/// Imports each file independently: one bad file never stops the others.
/// Returns the successes and the failures, each in input order.
#[expect(
    clippy::type_complexity,
    reason = "two plain lists, each item paired with its source, read better than aliases"
)]
pub fn import_images(
    board_file: &Path,
    sources: &[PathBuf],
) -> (Vec<(PathBuf, AssetPath)>, Vec<(PathBuf, ImportError)>) {
    let mut imported = Vec::new();
    let mut failed = Vec::new();
    for source in sources {
        match import_image_file(board_file, source) {
            Ok(asset) => imported.push((source.clone(), asset)),
            Err(e) => failed.push((source.clone(), e)),
        }
    }
    (imported, failed)
}

fn import(board_file: &Path, bytes: &[u8], input: String) -> Result<AssetPath, ImportError> {
    let image_err = |error| ImportError::Image {
        input: input.clone(),
        error,
    };
    // A full decode proves the pixels are there, not just a plausible header.
    let info = image::verify(bytes).map_err(image_err)?;
    let name = format!("{}.{}", sha256_hex(bytes), info.kind.extension());
    store_asset(board_file, &name, bytes).map_err(|e| match e {
        StoreError::Name(error) => ImportError::BoardName {
            input,
            board_file: board_file.to_path_buf(),
            error,
        },
        StoreError::Write { dest, step, error } => ImportError::Write {
            input,
            dest,
            step,
            error,
        },
    })
}

/// Why an image another board (or folder) refers to could not be brought
/// into this board's assets folder.
#[derive(Debug, thiserror::Error)]
pub enum AdoptError {
    #[error("could not copy {}: {}", source_file.display(), io_reason(error))]
    Read {
        source_file: PathBuf,
        error: io::Error,
    },
    #[error("could not copy {}: {}", source_file.display(), too_big_file(*bytes))]
    TooLarge { source_file: PathBuf, bytes: u64 },
    #[error("could not copy {} into {}: {error}", source_file.display(), board_file.display())]
    BoardName {
        source_file: PathBuf,
        board_file: PathBuf,
        error: AssetPathError,
    },
    #[error("could not copy {} to {} ({step}): {}", source_file.display(), dest.display(), io_reason(error))]
    Write {
        source_file: PathBuf,
        dest: PathBuf,
        step: WriteStep,
        error: io::Error,
    },
}

/// True when `asset` lies inside the assets folder of `board_file`
/// (`kitchen.assets/…` for `…/kitchen.ron`).
pub fn is_own_asset(board_file: &Path, asset: &AssetPath) -> bool {
    asset
        .as_str()
        .split_once('/')
        .is_some_and(|(folder, _)| folder == assets_dir_name(board_file))
}

/// The one way a path into a board's assets folder is made for an image
/// that already belongs to some board: `asset`, relative to `source_dir`,
/// is returned as it is when it already lies in `board_file`'s own assets
/// folder in the same folder, and is otherwise copied in (named by content
/// hash, so an image already there is not copied twice).
///
/// Paste between boards, Save As (board and undo history) and the repair of
/// old files all come here, so a board never keeps a path into another
/// board's assets folder, whether or not the two boards share a folder.
pub fn adopt_asset(
    board_file: &Path,
    source_dir: &Path,
    asset: &AssetPath,
) -> Result<AssetPath, AdoptError> {
    if is_own_asset(board_file, asset) && same_folder(source_dir, parent_folder(board_file)) {
        return Ok(asset.clone());
    }
    let source_file = source_dir.join(asset.as_str());
    let bytes = read_limited(&source_file, MAX_IMAGE_FILE_BYTES).map_err(|e| match e {
        ReadLimitError::TooLarge { size, .. } => AdoptError::TooLarge {
            source_file: source_file.clone(),
            bytes: size,
        },
        ReadLimitError::Io(error) => AdoptError::Read {
            source_file: source_file.clone(),
            error,
        },
    })?;
    let name = match extension_of(asset) {
        Some(ext) => format!("{}.{ext}", sha256_hex(&bytes)),
        None => sha256_hex(&bytes),
    };
    store_asset(board_file, &name, &bytes).map_err(|e| match e {
        StoreError::Name(error) => AdoptError::BoardName {
            source_file,
            board_file: board_file.to_path_buf(),
            error,
        },
        StoreError::Write { dest, step, error } => AdoptError::Write {
            source_file,
            dest,
            step,
            error,
        },
    })
}

/// Two folder paths naming the same folder (links and `.` resolved; when
/// either can't be resolved, compared as written).
fn same_folder(a: &Path, b: &Path) -> bool {
    let resolve = |p: &Path| {
        let p = if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        };
        fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
    };
    a == b || resolve(a) == resolve(b)
}

/// The asset's extension, lower-cased, when it is a plain short one.
fn extension_of(asset: &AssetPath) -> Option<String> {
    let ext = Path::new(asset.file_name()).extension()?.to_str()?;
    let plain = !ext.is_empty() && ext.len() <= 8 && ext.chars().all(|c| c.is_ascii_alphanumeric());
    plain.then(|| ext.to_ascii_lowercase())
}

/// Image paths of a board that lie outside its own assets folder (in
/// another board's `.assets` folder, or anywhere else beside it), each
/// once, in board order. Such a board opens where it is, but its images go
/// missing as soon as the board and its assets folder are moved or sent.
pub fn outside_assets<'a>(board: &'a Board, board_file: &Path) -> Vec<&'a AssetPath> {
    board
        .referenced_assets()
        .into_iter()
        .filter(|a| !is_own_asset(board_file, a))
        .collect()
}

/// Copies every image of the board kept outside its own assets folder
/// (see [`outside_assets`]) into it. Returns old → new paths for the
/// images copied, and what could not be copied.
pub fn bring_assets_in(
    board: &Board,
    board_file: &Path,
) -> (HashMap<AssetPath, AssetPath>, Vec<AdoptError>) {
    let dir = parent_folder(board_file);
    let mut moved = HashMap::new();
    let mut failed = Vec::new();
    for asset in outside_assets(board, board_file) {
        match adopt_asset(board_file, dir, asset) {
            Ok(new) => {
                moved.insert(asset.clone(), new);
            }
            Err(e) => failed.push(e),
        }
    }
    (moved, failed)
}

pub(super) enum StoreError {
    Name(AssetPathError),
    Write {
        dest: PathBuf,
        step: WriteStep,
        error: io::Error,
    },
}

/// Puts `bytes` at `<board dir>/<stem>.assets/<name>` unless a file of that
/// (content-hash) name is already there.
pub(super) fn store_asset(
    board_file: &Path,
    name: &str,
    bytes: &[u8],
) -> Result<AssetPath, StoreError> {
    let dir_name = assets_dir_name(board_file);
    let asset = AssetPath::new(format!("{dir_name}/{name}")).map_err(StoreError::Name)?;
    let dir = parent_folder(board_file).join(&dir_name);
    let dest = dir.join(name);
    if dest.is_file() {
        return Ok(asset);
    }
    let write_err = |step, error| StoreError::Write {
        dest: dest.clone(),
        step,
        error,
    };
    fs::create_dir_all(&dir).map_err(|e| write_err(WriteStep::CreateFolder, e))?;
    write_atomic(&dest, bytes, None).map_err(|(step, e)| write_err(step, e))?;
    Ok(asset)
}

pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_folder_is_named_after_the_board_stem() {
        assert_eq!(
            assets_dir_name(Path::new("/a/kitchen.ron")),
            "kitchen.assets"
        );
        assert_eq!(
            assets_dir_name(Path::new("my.board.ron")),
            "my.board.assets"
        );
        assert_eq!(assets_dir_name(Path::new("")), "board.assets");
    }

    #[test]
    fn content_hash_is_lowercase_sha256_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
