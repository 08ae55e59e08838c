//! The board's words as a Fountain screenplay file, written all at once
//! like every other export (see [`crate::import::screenplay::board_to_fountain`]
//! for what is written).

use std::path::Path;

use super::{ExportError, Progress, staging};
use crate::model::Board;

/// Write the board's scene headings, action and dialogue to `path`.
pub fn export_fountain(board: &Board, path: &Path, progress: &Progress) -> Result<(), ExportError> {
    progress.begin(1);
    let text = crate::import::screenplay::board_to_fountain(board);
    staging::write_file(path, progress, |w| {
        w.write_all(text.as_bytes())
            .map_err(|e| ExportError::io(path, e))
    })?;
    progress.advance(1);
    Ok(())
}
