//! Screenplays in, boards out.
//!
//! [`fountain`] parses the plain-text Fountain screenplay format into typed
//! elements with their source lines; [`to_board`] turns those elements into
//! scenes and panels. Both are pure functions of the text, so the CLI, the
//! GUI and the tests share one import path.

pub mod fountain;
pub mod to_board;

pub use fountain::{Element, ElementKind, ParsedScript, ScriptWarning, parse};
pub use to_board::{
    ImportedScript, ScriptError, append_script, board_from_fountain, board_from_fountain_bytes,
    decode_script, import_fountain_file, read_script,
};
