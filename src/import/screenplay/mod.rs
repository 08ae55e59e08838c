//! Screenplays in, boards out.
//!
//! [`fountain`] parses the plain-text Fountain screenplay format into typed
//! elements with their source lines, [`fdx`] reads Final Draft's XML into
//! the same elements (after [`encoding`] has turned the bytes into text);
//! [`to_board`] turns those elements into
//! scenes and panels. Both are pure functions of the text, so the CLI, the
//! GUI and the tests share one import path.

pub mod encoding;
pub mod fdx;
pub mod fountain;
pub mod sync;
pub mod to_board;
pub mod to_fountain;

pub use fountain::{Element, ElementKind, ParsedScript, ScriptWarning, parse};
pub use to_board::{
    ImportedScript, ScriptError, ScriptFormat, append_script, append_script_file,
    board_from_fountain, board_from_fountain_bytes, board_from_parsed, import_script_file,
    parse_script_bytes, parse_script_file,
};
pub use to_fountain::board_to_fountain;
