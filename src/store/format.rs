//! The board file: RON text in, [`Board`] out, and back.
//!
//! Writing is deterministic (fixed field order, `\n` line ends on every OS,
//! strings escaped onto one line), so saving an unchanged board twice gives
//! byte-identical files and changing one field changes one line.
//!
//! Reading refuses, in this order of precedence: an oversized or non-text
//! file; a newer (or impossible) format version, with a message naming both
//! versions rather than a confusing parse error; malformed RON, with file,
//! line, column and the parser's message; and duplicate ids.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{Board, FORMAT_VERSION};

/// Largest board file Shotboard will read. A 10,000-panel board with heavy
/// sketching is a few tens of MiB; anything beyond this is not a board.
pub const MAX_BOARD_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Nesting depth the RON parser follows before giving up. A board nests
/// about ten deep; the limit keeps hostile input from overflowing the stack.
const RECURSION_LIMIT: usize = 64;

/// Why a board file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    // The OS error is in the message, so it is not also a `source`:
    // error-chain printers would repeat it.
    #[error("could not read {}: {}", file.display(), super::io_reason(error))]
    Read {
        file: PathBuf,
        error: std::io::Error,
    },
    #[error(
        "{} is {} MiB, larger than the {} MiB a board file may be",
        file.display(),
        bytes.div_ceil(1 << 20),
        MAX_BOARD_FILE_BYTES >> 20
    )]
    TooLarge { file: PathBuf, bytes: u64 },
    #[error("{} is empty", file.display())]
    Empty { file: PathBuf },
    #[error("{} is not a text file, so it is not a Shotboard board", file.display())]
    NotText { file: PathBuf },
    #[error(
        "{} was written by a newer Shotboard (format version {found}); this version reads up to {FORMAT_VERSION}",
        file.display()
    )]
    NewerVersion { file: PathBuf, found: u32 },
    #[error(
        "{} has format version {found}, which no Shotboard ever wrote (versions start at 1)",
        file.display()
    )]
    UnknownVersion { file: PathBuf, found: u32 },
    #[error("{}, line {line}, column {column}: {message}", file.display())]
    Parse {
        file: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{} uses {kind} id {id} more than once; ids must be unique", file.display())]
    DuplicateId {
        file: PathBuf,
        kind: &'static str,
        id: u64,
    },
}

/// The board as RON text, ending with a newline.
pub fn to_ron_string(board: &Board) -> String {
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .escape_strings(true)
        .struct_names(false);
    let mut text = ron::Options::default()
        .to_string_pretty(board, config)
        // Cannot fail: a Board holds no maps (RON needs string-like keys) and
        // nests about ten deep, far below the serializer's recursion limit.
        .expect("a Board always serializes to RON");
    text.push('\n');
    // The file says the oldest version that holds its data (the in-memory
    // board is always the current one). `format_version` is the first
    // field, so the first match is it; this avoids cloning the board.
    let needed = board.format_version_needed();
    if needed != board.format_version {
        text = text.replacen(
            &format!("format_version: {},", board.format_version),
            &format!("format_version: {needed},"),
            1,
        );
    }
    text
}

/// Parses board text. `path` only names the file in error messages.
pub fn from_ron_str(text: &str, path: &Path) -> Result<Board, LoadError> {
    let file = || path.to_path_buf();
    if text.len() as u64 > MAX_BOARD_FILE_BYTES {
        return Err(LoadError::TooLarge {
            file: file(),
            bytes: text.len() as u64,
        });
    }
    if text.trim().is_empty() {
        return Err(LoadError::Empty { file: file() });
    }
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    // One full parse in the common case. The version is still judged
    // before the board is used: a newer file is refused whether or not it
    // happens to parse, and when it does not parse, its version (read on
    // its own, skipping every other field) explains why better than the
    // parse error would.
    let parsed = parse(&options, text, path);
    let version = match &parsed {
        Ok(board) => Some(board.format_version),
        Err(_) => probe_version(&options, text),
    };
    match version {
        Some(found) if found > FORMAT_VERSION => {
            return Err(LoadError::NewerVersion {
                file: file(),
                found,
            });
        }
        Some(0) => {
            return Err(LoadError::UnknownVersion {
                file: file(),
                found: 0,
            });
        }
        // Versions 2 (numbering) and 3 (the production plan) only added
        // fields that older files lack and that default to what those files
        // meant, so an older file parses as a current board. A later change of meaning migrates here.
        _ => {}
    }
    let mut board = parsed?;
    board.format_version = FORMAT_VERSION;
    check_unique_ids(&board, path)?;
    board.bump_next_id();
    Ok(board)
}

/// Parses bytes read from `path`: refuses what is not UTF-8 text.
pub(super) fn from_ron_bytes(bytes: &[u8], path: &Path) -> Result<Board, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|_| LoadError::NotText {
        file: path.to_path_buf(),
    })?;
    // Some Windows editors start UTF-8 files with a byte-order mark.
    from_ron_str(text.strip_prefix('\u{feff}').unwrap_or(text), path)
}

/// Only the top-level `format_version`; every other field is skipped
/// whatever its shape, so a newer file's new fields cannot trip it.
#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

/// The file's format version, or `None` when the text does not even get
/// that far (the full parse then reports what is wrong).
fn probe_version(options: &ron::Options, text: &str) -> Option<u32> {
    options
        .from_str::<VersionProbe>(text)
        .ok()
        .map(|p| p.format_version)
}

fn parse(options: &ron::Options, text: &str, path: &Path) -> Result<Board, LoadError> {
    options
        .from_str::<Board>(text)
        .map_err(|e| LoadError::Parse {
            file: path.to_path_buf(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: match e.code {
                ron::Error::ExceededRecursionLimit => {
                    format!("nested more than {RECURSION_LIMIT} levels deep, which no board is")
                }
                code => code.to_string(),
            },
        })
}

fn check_unique_ids(board: &Board, path: &Path) -> Result<(), LoadError> {
    let duplicate = |kind, id| LoadError::DuplicateId {
        file: path.to_path_buf(),
        kind,
        id,
    };
    let mut scenes = HashSet::new();
    let mut panels = HashSet::new();
    let mut comments = HashSet::new();
    for scene in &board.scenes {
        if !scenes.insert(scene.id) {
            return Err(duplicate("scene", scene.id.0));
        }
        for panel in &scene.panels {
            if !panels.insert(panel.id) {
                return Err(duplicate("panel", panel.id.0));
            }
            for comment in &panel.comments {
                if !comments.insert(comment.id) {
                    return Err(duplicate("comment", comment.id.0));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Board, LoadError> {
        from_ron_str(text, Path::new("k.ron"))
    }

    #[test]
    fn production_data_is_written_as_version_3_and_a_board_without_it_keeps_its_version() {
        use crate::model::{Panel, PanelId, Scene, SceneId, ShootDay, Take};
        let mut board = Board::default();
        let mut scene = Scene::new(SceneId(1), "INT. A - DAY");
        scene.panels.push(Panel::new(PanelId(2)));
        board.scenes.push(scene);
        board.bump_next_id();
        let plain = to_ron_string(&board);
        assert!(plain.starts_with("(\n    format_version: 1,"), "{plain}");
        assert!(
            !plain.contains("plan") && !plain.contains("breakdown") && !plain.contains("shot_log")
        );

        let mut takes = board.clone();
        takes.scenes[0].panels[0].shot_log.takes.push(Take {
            number: 1,
            ..Take::default()
        });
        let mut planned = board.clone();
        planned.plan.days.push(ShootDay::default());
        let mut broken_down = board.clone();
        broken_down.scenes[0].breakdown.props.push("lamp".into());
        for b in [takes, planned, broken_down] {
            let text = to_ron_string(&b);
            assert!(text.contains("format_version: 3,"), "{text}");
            assert_eq!(
                load(&text).unwrap(),
                Board {
                    format_version: 3,
                    ..b
                }
            );
        }
    }

    #[test]
    fn a_newer_file_is_refused_even_when_it_parses() {
        let err = load("(format_version: 4, title: \"Looks old\")").unwrap_err();
        assert!(
            matches!(err, LoadError::NewerVersion { found: 4, .. }),
            "{err}"
        );
    }

    #[test]
    fn a_newer_file_that_does_not_parse_reports_its_version_not_the_parse_error() {
        let err = load("(format_version: 9, title: \"x\", scenes: \"now a string\")").unwrap_err();
        assert_eq!(
            err.to_string(),
            "k.ron was written by a newer Shotboard (format version 9); this version reads up to 3"
        );
    }

    #[test]
    fn a_current_file_with_errors_reports_the_parse_error() {
        let err = load("(format_version: 1, title: \"x\", scenes: \"now a string\")").unwrap_err();
        assert!(matches!(err, LoadError::Parse { line: 1, .. }), "{err}");
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let text = to_ron_string(&Board::new_untitled());
        let bytes = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(
            from_ron_bytes(&bytes, Path::new("k.ron")).unwrap(),
            Board::new_untitled()
        );
    }

    #[test]
    fn a_minimal_hand_written_board_loads_with_defaults() {
        let board = load("(format_version: 1, title: \"Sketchbook\")").unwrap();
        assert_eq!(board.title, "Sketchbook");
        assert_eq!(board.default_duration_ms, crate::model::DEFAULT_DURATION_MS);
        assert!(board.scenes.is_empty());
    }
}
